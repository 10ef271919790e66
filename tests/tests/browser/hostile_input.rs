//! A hostile-input corpus (markup, event handlers, `javascript:` URLs, an RTL override,
//! zero-width characters, emoji, a NUL byte, 10,000-character strings) stored where Quay can hold
//! free text (e-mails, invoice addresses, key names and metadata, approval notes, log metadata,
//! build names, tags and logs) and the longest names Quay allows. Every page and the dialogs and
//! disclosures showing those fields render it as literal text: nothing injected or run, no
//! dialog, no navigation, nothing wider than the window, long text wrapped or cut with a tooltip,
//! an RTL override kept to its own value.

use quay_admin_e2e::pages::{
    builds, logs, organizations, quotas, registry_size, service_keys, users,
};
use quay_admin_e2e::{browser_test, Ctx};
use quay_emulator::testing::blobs;
use quay_emulator::testing::builds::{create_build, NewBuild};
use quay_emulator::testing::seed::{self, SeedLog};
use quay_emulator::Config;
use reqwest::Method;
use serde_json::{json, Map, Value};

/// Each payload sets `window.__pwned` (and raises an alert) if the page ever runs it.
const SCRIPT: &str = "<script>window.__pwned=1;alert(1)</script>";
const IMG: &str = "<img src=x onerror=\"window.__pwned=1;alert(2)\">";
const SVG: &str = "<svg onload=window.__pwned=1>";
const ATTRIBUTE: &str = "\"><b onmouseover=window.__pwned=1>hover</b>";
const JS_URL: &str = "javascript:window.__pwned=1";
const RTL: &str = "invoice\u{202E}fdp.exe";
const ZERO_WIDTH: &str = "zero\u{200B}width\u{200C}\u{200D}\u{2060}\u{FEFF}chars";
const EMOJI: &str = "👩‍👩‍👧‍👦🏳️‍🌈🇯🇵🦀";
const NUL: &str = "nul\u{0}byte";

const SHORT: &[&str] = &[
    SCRIPT, IMG, SVG, ATTRIBUTE, JS_URL, RTL, ZERO_WIDTH, EMOJI, NUL,
];

/// Every short payload in one string.
fn all() -> String {
    SHORT.join(" ")
}

/// 10,000 characters without a place to break.
fn long() -> String {
    "W".repeat(10_000)
}

/// The longest name Quay accepts for a namespace (255 characters).
fn longest_name(c: char) -> String {
    std::iter::repeat_n(c, 255).collect()
}

/// Installed on each page: records alerts (and the other blocking dialogs) instead of showing
/// them, and the address the page is at.
const GUARD: &str = r#"
window.__dialogs = [];
for (const name of ['alert', 'confirm', 'prompt']) {
  window[name] = (...args) => { window.__dialogs.push(name + ': ' + args.join(' ')); };
}
window.__href = location.href;
return null;
"#;

/// What is wrong with the page now: `arguments[0]` are strings that must appear as text (or in a
/// form field), `arguments[1]` marks the long strings. Returns a list of problems.
const CHECK: &str = r#"
const [expected, marker] = arguments;
const problems = [];
const fields = [...document.querySelectorAll('input, textarea')].map(e => e.value).join('\n');
const text = document.body.textContent + '\n' + fields;
for (const s of expected) {
  if (!text.includes(s)) problems.push('not shown literally: ' + JSON.stringify(s.slice(0, 60)));
}
if (window.__pwned !== undefined) problems.push('a payload ran (window.__pwned set)');
if (window.__dialogs.length) problems.push('dialogs: ' + window.__dialogs.join('; '));
if (location.href !== window.__href) problems.push('navigated to ' + location.href);
for (const el of document.querySelectorAll('*')) {
  for (const a of el.attributes) {
    if (/^on/i.test(a.name)) problems.push('event handler attribute: ' + el.outerHTML.slice(0, 80));
  }
}
for (const sel of ['body script', 'img[src=x]', 'svg[onload]', 'b[onmouseover]', 'a[href^="javascript:" i]', 'iframe', 'object', 'embed']) {
  if (document.querySelector(sel)) problems.push('injected element: ' + sel);
}
for (const s of document.scripts) {
  if (s.textContent.includes('__pwned')) problems.push('injected script');
}
const width = innerWidth;
if (document.documentElement.scrollWidth > width + 1) {
  // Name the outermost elements that stick out.
  const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1
    && e.parentElement.getBoundingClientRect().right <= width + 1);
  problems.push(`page wider than the window: ${document.documentElement.scrollWidth} > ${width}: `
    + out.map(e => e.outerHTML.slice(0, 120)).join(' | '));
}
// Inside a box that scrolls and fits the window (a log, a dialog): long text may be long there.
const inScroller = n => {
  for (let a = n.parentElement; a && a !== document.body; a = a.parentElement) {
    const o = getComputedStyle(a).overflowY;
    if ((o === 'auto' || o === 'scroll') && a.clientHeight < innerHeight) return true;
  }
  return false;
};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const RLO = '\u202e';
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const el = node.parentElement;
  if (!el || !el.getClientRects().length) continue;
  const where = el.tagName.toLowerCase() + '.' + [...el.classList].join('.');
  if (node.data.includes(marker)) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 || box.width > width) {
      problems.push(`long text wider than the window in ${where}: ${Math.round(box.width)}px`);
    }
    if (box.height > innerHeight && !inScroller(el)) {
      problems.push(`long text taller than the window in ${where}: ${Math.round(box.height)}px`);
    }
    const style = getComputedStyle(el);
    const hides = o => o === 'hidden' || o === 'clip';
    const clipped = style.display !== 'inline'
      && (hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1
        || hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
    if (clipped) {
      const tip = el.closest('[title]');
      if (!tip || !tip.title.includes(node.data.trim())) {
        problems.push(`long text cut off without a tooltip in ${where}`);
      }
    }
  }
  if (node.data.includes(RLO)) {
    // An override must end with its value, not reverse the words around it.
    const style = getComputedStyle(el);
    const isolated = ['isolate', 'isolate-override', 'plaintext'].includes(style.unicodeBidi)
      || el.tagName === 'BDI'
      || (style.display !== 'inline' && el.textContent === node.data);
    if (!isolated) problems.push(`RTL override not isolated in ${where}`);
  }
}
return problems;
"#;

async fn guard(ctx: &Ctx) {
    ctx.js(GUARD).await;
}

/// Panics with every problem [`CHECK`] finds on the current page.
async fn assert_inert(ctx: &Ctx, label: &str, expected: &[String]) {
    let marker = "W".repeat(200);
    let problems = ctx
        .client
        .execute(CHECK, vec![json!(expected), json!(marker)])
        .await
        .unwrap_or_else(|e| panic!("{label}: the check failed (an unexpected alert?): {e}"));
    let problems: Vec<String> = serde_json::from_value(problems).expect("a list");
    if !problems.is_empty() {
        ctx.screenshot(&format!("hostile_{}", label.replace(['/', ' '], "_")))
            .await;
    }
    assert!(problems.is_empty(), "{label}:\n{}", problems.join("\n"));
}

/// Opens `path`, waits for `ready`, and checks the page.
async fn visit(ctx: &Ctx, path: &str, ready: &str, expected: &[String]) {
    ctx.goto(path).await;
    guard(ctx).await;
    ctx.find(ready).await;
    // Rows render in chunks: wait for every expected string before judging.
    for s in expected {
        wait_for_text_anywhere(ctx, s).await;
    }
    assert_inert(ctx, path, expected).await;
}

async fn wait_for_text_anywhere(ctx: &Ctx, s: &str) {
    let script = "const s = arguments[0]; return document.body.textContent.includes(s) || \
                  [...document.querySelectorAll('input, textarea')].some(e => e.value.includes(s));";
    for _ in 0..150 {
        let found = ctx.client.execute(script, vec![json!(s)]).await;
        if found.ok().and_then(|v| v.as_bool()) == Some(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{:?} never shown", s.chars().take(60).collect::<String>());
}

/// Everything the pages show, seeded straight into the database. Returns the build's id.
async fn seed_corpus(ctx: &Ctx, token: &str) -> String {
    let db = &ctx.db_path;
    // A user per payload, with the payload as the local part of the e-mail.
    for (i, payload) in SHORT.iter().enumerate() {
        let name = format!("hostile{i}");
        seed::create_user(db, &name, "password123", "x@example.com").expect("user");
        seed::set_email(db, &name, &format!("{payload}@x.io")).expect("e-mail");
    }
    // The longest user name, with the longest e-mail Quay allows.
    let long_user = longest_name('u');
    seed::create_user(db, &long_user, "password123", "x@example.com").expect("user");
    seed::set_email(db, &long_user, &format!("{}@x.io", "W".repeat(249))).expect("e-mail");

    seed::create_organization(db, "acme", "x@example.com", "quayadmin").expect("organization");
    seed::set_email(db, "acme", &format!("{IMG}@x.io")).expect("e-mail");
    seed::set_invoice_email(db, "acme", &format!("{}@x.io", all())).expect("invoice");
    let long_org = longest_name('o');
    seed::create_organization(db, &long_org, "", "quayadmin").expect("organization");
    blobs::create_repository(db, &long_org, "app", false).expect("repository");
    blobs::add_blob(db, &long_org, "app", &blobs::digest_of(b"x"), 5 << 20).expect("blob");
    let (status, body) = ctx
        .api(
            Method::POST,
            &format!("/api/v1/superuser/organization/{long_org}/quota"),
            token,
            Some(json!({"limit_bytes": 1u64 << 30})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = ctx
        .api(Method::POST, "/api/v1/superuser/registrysize/", token, None)
        .await;
    assert!(status < 300, "{status} {body}");

    // Keys: one approved with the payloads as name, metadata and notes; one pending whose name
    // is 10,000 characters.
    let approved =
        seed::create_service_key(db, "quayadmin", "scanner", "k", None, &all()).expect("key");
    let mut metadata = Map::new();
    metadata.insert("payloads".into(), Value::String(all()));
    metadata.insert("long".into(), Value::String(long()));
    seed::update_service_key(db, &approved.kid, &all(), &metadata).expect("key update");
    let pending = seed::register_pending_service_key(db, "builder", None).expect("key");
    seed::update_service_key(db, &pending.kid, &long(), &Map::new()).expect("key update");

    // Log entries: the payloads and a long string in a sentence and in the metadata.
    seed::write_logs(
        db,
        &[SeedLog {
            kind: "create_tag",
            account: Some("acme"),
            performer: Some("quayadmin"),
            ip: Some("10.0.0.1"),
            metadata: json!({"namespace": "acme", "repo": long(), "tag": all(), "extra": SCRIPT}),
            datetime_us: ctx.clock.unix_us() - 60_000_000,
        }],
    )
    .expect("logs");

    // A build: name, tags, log.
    blobs::create_repository(db, "acme", "app", false).expect("repository");
    let mut build = NewBuild::new("acme", "app");
    build.phase = "error".into();
    build.display_name = all();
    build.job_config =
        json!({"docker_tags": [long(), SCRIPT], "is_manual": true, "manual_user": IMG});
    build.logs = vec![
        json!({"message": all(), "type": "phase"}),
        json!({"message": SCRIPT, "type": "command"}),
        json!({"message": long()}),
        json!({"message": IMG, "type": "error"}),
    ];
    create_build(db, &build).expect("build")
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_shows_hostile_strings_as_inert_text() {
    browser_test(
        "hostile_input",
        Config::default_emulator(),
        |ctx| async move {
            let token = ctx.sign_in_as_superuser().await;
            let uuid = seed_corpus(&ctx, &token).await;
            ctx.js("localStorage.setItem('quay-admin.page-size', '100'); return null;")
                .await;
            let emails: Vec<String> = SHORT.iter().map(|p| format!("{p}@x.io")).collect();
            let long_email = format!("{}@x.io", "W".repeat(249));
            let (long_user, long_org) = (longest_name('u'), longest_name('o'));

            // Users: every e-mail, the longest name and e-mail cut with a tooltip.
            let mut expected = emails.clone();
            expected.extend([long_email.clone(), long_user.clone()]);
            visit(&ctx, "/users", users::ROW, &expected).await;
            // The manage dialog of a user whose e-mail is markup.
            let users = ctx.users();
            users.row("hostile1").manage().await;
            users.manage_dialog().wait_open().await;
            wait_for_text_anywhere(&ctx, &emails[1]).await;
            assert_inert(&ctx, "manage user dialog", &[emails[1].clone()]).await;
            users.manage_dialog().close().await;

            // Organizations: the e-mail, the longest name; the invoice address in the edit dialog.
            let acme_email = format!("{IMG}@x.io");
            visit(
                &ctx,
                "/organizations",
                organizations::ROW,
                &[acme_email.clone(), long_org.clone()],
            )
            .await;
            let organizations = ctx.organizations();
            organizations.row("acme").edit().await;
            organizations.edit_dialog().wait_open().await;
            let invoice = format!("{}@x.io", all());
            wait_for_text_anywhere(&ctx, &invoice).await;
            assert_inert(&ctx, "edit organization dialog", &[invoice]).await;
            organizations.edit_dialog().close().await;

            visit(
                &ctx,
                "/quotas",
                quotas::ROW,
                std::slice::from_ref(&long_org),
            )
            .await;
            visit(
                &ctx,
                "/registry-size",
                registry_size::BIGGEST_ROW,
                std::slice::from_ref(&long_org),
            )
            .await;

            // Service keys: the names in the table; metadata and notes in the key's dialog.
            visit(&ctx, "/service-keys", service_keys::ROW, &[all(), long()]).await;
            let keys = ctx.service_keys();
            keys.manage_approved().await;
            keys.manage_dialog().wait_open().await;
            wait_for_text_anywhere(&ctx, &long()).await;
            assert_inert(&ctx, "manage key dialog", &[all(), long()]).await;
            keys.manage_dialog().close().await;
            // The pending key, named with 10,000 characters: the dialog's heading.
            keys.manage_pending().await;
            keys.approval_offered().await;
            assert_inert(&ctx, "pending key dialog", &[long()]).await;
            keys.manage_dialog().close().await;

            // Logs: the sentence, then the metadata in the entry's details.
            visit(&ctx, "/logs", logs::ROW, &[all(), long()]).await;
            let entry = ctx.logs().entry_of_kind("create_tag");
            entry.open_details().await;
            entry.metadata_shows("<script>").await;
            assert_inert(&ctx, "log entry details", &[SCRIPT.to_string(), long()]).await;

            // The build: its name, tags, manual user and log.
            let build = format!("/builds?build={uuid}");
            visit(
                &ctx,
                &build,
                builds::LOG_PHASE,
                &[all(), long(), SCRIPT.to_string(), IMG.to_string()],
            )
            .await;
        },
    )
    .await;
}
