//! Kinds of entries as the reader sees them: Quay's kind ids (`push_repo`) named in the reader's
//! language by their sentence with the values left out ("… pushed to …"), and the kind choices
//! with their counts over the whole range.

use leptos::prelude::*;

use super::chart_data::{kind_totals, totals};
use super::sentence::{fill, template, Part};
use super::LogsPage;
use crate::format::group_thousands;
use crate::i18n::{I18n, Key};

/// A kind's name in the reader's language; a kind without a sentence of its own names the id.
pub fn kind_label(i18n: I18n, kind: &str) -> String {
    label_from(i18n.t(template(kind)), kind)
}

fn label_from(template: &str, kind: &str) -> String {
    fill(template, |name| {
        if name == "kind" {
            kind.to_string()
        } else {
            "…".to_string()
        }
    })
    .into_iter()
    .map(|part| match part {
        Part::Text(t) | Part::Value(t) => t,
    })
    .collect()
}

/// The range's kinds with their counts, largest first: Quay's counts per day, or for the last
/// 24 hours (whose first day Quay counts whole) the entries' own once all are there.
pub fn kind_counts(page: LogsPage) -> Option<Vec<(String, u64)>> {
    if page.resolved.get().cutoff_ms.is_some() {
        if !page.store.complete.get() {
            return None;
        }
        return Some(
            page.store
                .rows
                .with(|rows| totals(rows.iter().map(|r| (r.entry.kind.as_str(), 1)))),
        );
    }
    page.counts
        .get()
        .and_then(Result::ok)
        .map(|c| kind_totals(&c))
}

/// "All kinds", then the range's kinds in the reader's language with their counts (the
/// entries' kinds if the counts failed), and a kind from the URL even before either arrives.
pub fn kind_options(page: LogsPage, i18n: I18n) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        let counts = kind_counts(page);
        let mut kinds: Vec<(String, Option<u64>)> = counts
            .clone()
            .unwrap_or_default()
            .into_iter()
            .map(|(k, n)| (k, Some(n)))
            .collect();
        let mut add = |kind: &str| {
            if !kinds.iter().any(|(k, _)| k == kind) {
                kinds.push((kind.to_string(), None));
            }
        };
        // Only without counts are the loaded entries read (and followed): a walk would otherwise
        // rebuild the options after every page.
        if counts.is_none() {
            page.store
                .rows
                .with(|rows| rows.iter().for_each(|r| add(&r.entry.kind)));
        }
        if let Some(kind) = page.query.with(|q| q.kind.clone()) {
            add(&kind);
        }
        std::iter::once((String::new(), i18n.t(Key::AllKinds).to_string()))
            .chain(kinds.into_iter().map(|(kind, count)| {
                let name = kind_label(i18n, &kind);
                let label = match count {
                    Some(n) => format!("{name} ({})", group_thousands(n)),
                    None => name,
                };
                (kind, label)
            }))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn kinds_by_their_sentences() {
        let label = |kind: &str, locale| label_from(template(kind).translation(locale), kind);
        assert_eq!(label("push_repo", Locale::En), "… pushed to …");
        assert_eq!(label("push_repo", Locale::Ja), "… が … にプッシュしました");
        assert_eq!(label("login_failure", Locale::ZhHans), "以 … 登录失败");
        assert_eq!(label("brand_new_kind", Locale::En), "… did brand_new_kind");
    }
}
