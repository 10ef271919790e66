//! `make i18n`: writes the Japanese and Chinese catalogues, `public/i18n/<tag>.json`, from the
//! texts in `src/i18n/texts.rs`: for each language a JSON array of its texts in the order they are
//! written there (the order of `Key::index`).
//!
//! It reads `texts.rs` as Rust source (the `texts! { Key { en: "…", ja: "…", zh: "…" } … }`
//! invocation) rather than linking the dashboard, which is a wasm crate. The dashboard's unit
//! test `i18n::catalogue::tests::committed_catalogues_match_texts` compares the files with what its
//! own `texts!` macro makes of the same source, so `make test` fails when they are stale or when
//! this reading and the macro disagree.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::{fs, process};

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::{braced, Ident, LitStr, Token};

/// The languages of `texts!` in the order each entry names them, and their catalogue files
/// (`src/i18n/catalogue.rs`, `file`). English is compiled into the app: no catalogue.
const LANGUAGES: [(&str, Option<&str>); 3] = [
    ("en", None),
    ("ja", Some("public/i18n/ja.json")),
    ("zh", Some("public/i18n/zh-Hans.json")),
];

fn main() {
    // `cargo run` names the package's folder at run time too: that one, so that a binary built
    // from another checkout sharing the target dir writes into this one.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let root = manifest_dir.join("../..");
    if let Err(e) = run(&root) {
        eprintln!("i18n: {e}");
        process::exit(1);
    }
}

fn run(root: &Path) -> Result<(), String> {
    let texts_path = root.join("src/i18n/texts.rs");
    let source =
        fs::read_to_string(&texts_path).map_err(|e| format!("{}: {e}", texts_path.display()))?;
    let texts = parse(&source).map_err(|e| format!("src/i18n/texts.rs: {e}"))?;
    for (i, (_, file)) in LANGUAGES.iter().enumerate() {
        let Some(file) = file else { continue };
        let catalogue: Vec<&str> = texts.iter().map(|t| t[i].as_str()).collect();
        let json = serde_json::to_string_pretty(&catalogue).map_err(|e| e.to_string())? + "\n";
        let path: PathBuf = root.join(file);
        if fs::read_to_string(&path).is_ok_and(|committed| committed == json) {
            println!("i18n: {file} is up to date ({} texts)", catalogue.len());
            continue;
        }
        fs::create_dir_all(path.parent().expect("a file in a folder"))
            .and_then(|()| fs::write(&path, json))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        println!("i18n: wrote {file} ({} texts)", catalogue.len());
    }
    Ok(())
}

/// The texts of every entry of the `texts!` invocation, in order: `[en, ja, zh]` each.
fn parse(source: &str) -> Result<Vec<[String; 3]>, String> {
    let tokens = TokenStream::from_str(source).map_err(|e| e.to_string())?;
    let body = invocation(tokens).ok_or("no `texts! { … }` invocation")?;
    let entries = |input: ParseStream| {
        let mut texts = Vec::new();
        while !input.is_empty() {
            let _key: Ident = input.parse()?;
            let fields;
            braced!(fields in input);
            let mut entry: [String; 3] = Default::default();
            for (i, (language, _)) in LANGUAGES.iter().enumerate() {
                let name: Ident = fields.parse()?;
                if name != language {
                    return Err(syn::Error::new(
                        name.span(),
                        format!("expected `{language}:`"),
                    ));
                }
                fields.parse::<Token![:]>()?;
                entry[i] = fields.parse::<LitStr>()?.value();
                if !fields.is_empty() {
                    fields.parse::<Token![,]>()?;
                }
            }
            if !fields.is_empty() {
                return Err(fields.error("unexpected text after `zh`"));
            }
            texts.push(entry);
        }
        Ok(texts)
    };
    entries.parse2(body).map_err(|e| {
        let at = e.span().start();
        format!("{}:{}: {e}", at.line, at.column + 1)
    })
}

/// The braces' contents of the one `texts ! { … }` at the top of the file (the macro's
/// definition, `macro_rules! texts { … }`, has no `!` after the name).
fn invocation(tokens: TokenStream) -> Option<TokenStream> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    tokens.windows(3).find_map(|w| match w {
        [TokenTree::Ident(name), TokenTree::Punct(bang), TokenTree::Group(body)]
            if name == "texts" && bang.as_char() == '!' && body.delimiter() == Delimiter::Brace =>
        {
            Some(body.stream())
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_entries_in_order_with_escapes() {
        let source = r#"
            macro_rules! texts { ($($key:ident { en: $en:expr, ja: $ja:expr, zh: $zh:expr $(,)? })*) => {}; }
            texts! {
                // A comment between entries.
                First { en: "One", ja: "一", zh: "一" }
                Second {
                    en: "Two \"quoted\"",
                    ja: "二\n",
                    zh: "二",
                }
            }
        "#;
        let texts = parse(source).unwrap();
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[0], ["One", "一", "一"]);
        assert_eq!(texts[1], ["Two \"quoted\"", "二\n", "二"]);
    }

    #[test]
    fn says_where_an_entry_is_wrong() {
        let err = parse("texts! { A { en: \"a\", zh: \"b\", ja: \"c\" } }").unwrap_err();
        assert!(err.contains("expected `ja:`"), "{err}");
        let err = parse("texts! { A { en: \"a\", ja: concat!(\"b\"), zh: \"c\" } }").unwrap_err();
        assert!(err.starts_with("1:"), "{err}");
        assert!(parse("fn main() {}").is_err());
    }
}
