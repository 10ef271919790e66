//! `GET /oauth/authorize`, `POST /oauth/authorizeapp`, `POST /oauth/denyapp` and the emulator's
//! sign-in page (Quay: `endpoints/web.py`), up to the full implicit flow.

use crate::common::*;
use quay_emulator::testing::{api, seed};
use serde_json::{json, Value};

const REDIRECT: &str = "http://127.0.0.1:9999/callback";

struct Flow {
    emu: Emu,
    client_id: String,
    cookie: String,
    csrf: String,
}

/// `admin` (superuser, password `password1`) administers `testorg`, which has an application
/// `dashapp`; `admin` is signed in.
async fn flow() -> Flow {
    flow_with_app_name("dashapp").await
}

async fn flow_with_app_name(name: &str) -> Flow {
    let emu = emulator().await;
    emu.seed_user("admin", "password1");
    let db = emu.db_path();
    seed::create_organization(&db, "testorg", "testorg@example.com", "admin").unwrap();
    let (client_id, _) =
        seed::create_application(&db, "testorg", name, REDIRECT, "http://127.0.0.1:9999/").unwrap();
    let (cookie, csrf) = emu.signed_in("admin", "password1").await;
    Flow {
        emu,
        client_id,
        cookie,
        csrf,
    }
}

impl Flow {
    fn authorize_url(&self, extra: &str) -> String {
        self.emu.url(&format!(
            "/oauth/authorize?response_type=token&client_id={}&redirect_uri={}&scope=super:user{extra}",
            self.client_id,
            urlencode(REDIRECT)
        ))
    }

    async fn get(&self, url: &str, cookie: Option<&str>) -> reqwest::Response {
        let mut req = self.emu.client.get(url);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send().await.unwrap()
    }

    async fn authorize_app(&self, form: &[(&str, &str)]) -> reqwest::Response {
        self.emu
            .client
            .post(self.emu.url("/oauth/authorizeapp"))
            .header("cookie", &self.cookie)
            .form(form)
            .send()
            .await
            .unwrap()
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn location(resp: &reqwest::Response) -> String {
    resp.headers()["location"].to_str().unwrap().to_string()
}

fn token_of(location: &str) -> String {
    let fragment = location.split_once('#').unwrap().1;
    fragment
        .split('&')
        .find_map(|p| p.strip_prefix("access_token="))
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn missing_parameters_in_order_even_anonymously() {
    let f = flow().await;
    for (query, missing) in [
        ("", "client_id"),
        ("client_id=x&scope=y", "redirect_uri"),
        ("client_id=x&redirect_uri=y", "scope"),
    ] {
        let resp = f
            .get(&f.emu.url(&format!("/oauth/authorize?{query}")), None)
            .await;
        assert_eq!(resp.status(), 400, "{query}");
        assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
        let h = resp.headers();
        assert_eq!(h["access-control-allow-origin"], "*");
        assert_eq!(h["access-control-allow-methods"], "OPTIONS, HEAD, GET");
        assert_eq!(h["access-control-max-age"], "21600");
        let allow_headers: Vec<_> = h.get_all("access-control-allow-headers").iter().collect();
        assert_eq!(allow_headers, ["Authorization", "Content-Type"]);
        assert_eq!(h["vary"], "Origin");
        assert_eq!(
            Emu::shape_c(resp).await,
            json!({ "error": format!("Required param: {missing}") })
        );
    }
}

#[tokio::test]
async fn unauthenticated_gets_quays_bare_401() {
    let f = flow().await;
    let url = f.authorize_url("&state=<b>");
    for auth in [None, Some("Bearer SOMETOKEN")] {
        let mut req = f.emu.client.get(&url);
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        let resp = req.send().await.unwrap();
        assert_eq!(resp.status(), 401);
        assert_no_cors(resp.headers());
        assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
        let html = resp.text().await.unwrap();
        // Werkzeug's page: nothing to click, no form.
        assert!(html.contains("<title>401 Unauthorized</title>"), "{html}");
        assert!(!html.contains("<form") && !html.contains("<b>"), "{html}");
    }
}

#[tokio::test]
async fn sign_in_page_at_quays_path_signs_in_and_returns() {
    let f = flow().await;
    let url = f.authorize_url("");
    let next = format!("/oauth/authorize?{}", url.split_once('?').unwrap().1);
    let resp = f
        .emu
        .client
        .get(f.emu.url(&format!("/signin/?next={}", urlencode(&next))))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
    assert_eq!(resp.headers()["x-frame-options"], "DENY");
    let csp = resp.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'none'"));
    let cookie = cookie_of(&resp).unwrap();
    let html = resp.text().await.unwrap();
    for needle in [
        "id=\"username\"",
        "id=\"password\"",
        "id=\"signin-submit\"",
        "<label for=\"username\">",
        "<label for=\"password\">",
        "name=\"_csrf_token\"",
        "action=\"/emulator/signin\"",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    assert!(!html.contains("<script") && !html.contains("style="));
    let csrf = html
        .split("name=\"_csrf_token\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let post = |password: &'static str, csrf: String, next: String| {
        f.emu
            .client
            .post(f.emu.url("/emulator/signin"))
            .header("cookie", &cookie)
            .form(&[
                ("username", "admin"),
                ("password", password),
                ("_csrf_token", csrf.as_str()),
                ("next", next.as_str()),
            ])
            .send()
    };
    let bad = post("wrong", csrf.clone(), next.clone()).await.unwrap();
    assert_eq!(bad.status(), 403);
    let html = bad.text().await.unwrap();
    assert!(html.contains("<p id=\"signin-error\" role=\"alert\">Invalid Username or Password</p>"));
    let throttled = post("password1", csrf.clone(), next.clone()).await.unwrap();
    assert_eq!(throttled.status(), 429);
    assert_eq!(throttled.headers()["retry-after"], "0");
    assert!(throttled
        .text()
        .await
        .unwrap()
        .contains("Too many login attempts."));
    let forged = post("password1", "forged".into(), next.clone())
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    tokio::time::sleep(std::time::Duration::from_millis(550)).await;
    let ok = post("password1", csrf, next.clone()).await.unwrap();
    assert_eq!(ok.status(), 303);
    assert_eq!(location(&ok), next);
    let signed_in = cookie_of(&ok).unwrap();
    let consent = f.get(&url, Some(&signed_in)).await;
    assert_eq!(consent.status(), 200);
    // Only a path on this site is followed.
    for elsewhere in [
        "//evil.example/x",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let page = f
            .emu
            .client
            .get(
                f.emu
                    .url(&format!("/signin/?next={}", urlencode(elsewhere))),
            )
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("name=\"next\" value=\"/\""), "{elsewhere}");
    }
}

#[tokio::test]
async fn unknown_client_404_and_non_admin_403() {
    let f = flow().await;
    let url = f.emu.url(&format!(
        "/oauth/authorize?client_id=NOPE&redirect_uri={}&scope=super:user",
        urlencode(REDIRECT)
    ));
    let resp = f.get(&url, Some(&f.cookie)).await;
    assert_eq!(resp.status(), 404);
    assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
    f.emu.seed_user("alice", "password1");
    let (alice, _) = f.emu.signed_in("alice", "password1").await;
    let resp = f.get(&f.authorize_url(""), Some(&alice)).await;
    assert_eq!(resp.status(), 403);
    assert_no_cors(resp.headers());
}

#[tokio::test]
async fn redirect_uri_mismatch_and_unknown_scope_before_consent() {
    let f = flow().await;
    for bad in [
        "http://127.0.0.1:9998/callback",
        "https://127.0.0.1:9999/callback",
        "http://127.0.0.1:9999/other",
        "http://127.0.0.1:9999/callback/../x",
        "http://user@127.0.0.1:9999/callback",
        "http://127.0.0.1:9999/callback%2F",
    ] {
        let url = f.emu.url(&format!(
            "/oauth/authorize?response_type=token&client_id={}&redirect_uri={}&scope=super:user",
            f.client_id,
            urlencode(bad)
        ));
        let resp = f.get(&url, Some(&f.cookie)).await;
        assert_eq!(resp.status(), 302, "{bad}");
        assert_eq!(
            location(&resp),
            format!("{REDIRECT}?error=redirect_uri_mismatch"),
            "{bad}"
        );
    }
    let url = f.emu.url(&format!(
        "/oauth/authorize?response_type=token&client_id={}&redirect_uri={}&scope=super:user+bogus",
        f.client_id,
        urlencode(REDIRECT)
    ));
    assert_eq!(f.get(&url, Some(&f.cookie)).await.status(), 404);
    // A sub-path of the registered one is fine.
    let url = f.emu.url(&format!(
        "/oauth/authorize?response_type=token&client_id={}&redirect_uri={}&scope=super:user",
        f.client_id,
        urlencode("http://127.0.0.1:9999/callback/sub?x=1")
    ));
    assert_eq!(f.get(&url, Some(&f.cookie)).await.status(), 200);
}

#[tokio::test]
async fn consent_json_field_for_field() {
    let f = flow().await;
    let resp = f
        .get(&f.authorize_url("&format=json&state=xyz"), Some(&f.cookie))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(content_type(resp.headers()), "application/json");
    assert_no_cors(resp.headers());
    let body: Value = resp.json().await.unwrap();
    let org_avatar = "{\"name\": \"testorg\", \"hash\": \"5f113632ad532fc78215c9258a4fb60606d1fa386c91b141116a1317bf9c53c8\", \"color\": \"#a55194\", \"kind\": \"org\"}";
    let app_avatar = "{\"name\": \"dashapp\", \"hash\": \"5f113632ad532fc78215c9258a4fb60606d1fa386c91b141116a1317bf9c53c8\", \"color\": \"#a55194\", \"kind\": \"app\"}";
    assert_eq!(
        body,
        json!({
            "application": {"avatar": app_avatar, "description": "", "name": "dashapp",
                            "organization": {"avatar": org_avatar, "name": "testorg"},
                            "url": "http://127.0.0.1:9999/"},
            "assignment_uuid": null, "client_id": f.client_id, "csrf_token_val": f.csrf,
            "has_dangerous_scopes": true, "redirect_uri": REDIRECT, "response_type": "token",
            "scope": "super:user",
            "scopes": [{"dangerous": true, "description": "This application will be able to administer your installation including managing users, managing organizations and other features found in the superuser panel. You should have absolute trust in the requesting application before granting this permission.",
                        "icon": "fa-street-view", "scope": "super:user", "title": "Super User Access"}],
            "state": "xyz"
        })
    );
}

#[tokio::test]
async fn consent_page_has_the_form_and_escapes_a_hostile_name() {
    let f = flow_with_app_name("<script>alert(1)</script>\"'&").await;
    let resp = f
        .get(&f.authorize_url("&state=s%22%3E1"), Some(&f.cookie))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
    assert_eq!(resp.headers()["x-frame-options"], "DENY");
    assert_eq!(
        resp.headers()["cache-control"],
        "no-cache, no-store, must-revalidate"
    );
    assert_no_cors(resp.headers());
    let html = resp.text().await.unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&#34;&#39;&amp;"));
    assert!(html.contains("<form method=\"post\" action=\"/oauth/authorizeapp\">"));
    for (name, value) in [
        ("client_id", f.client_id.as_str()),
        ("redirect_uri", REDIRECT),
        ("scope", "super:user"),
        ("response_type", "token"),
        ("state", "s&#34;&gt;1"),
        ("_csrf_token", f.csrf.as_str()),
    ] {
        let field = format!("name=\"{name}\" value=\"{value}\"");
        assert!(html.contains(&field), "{field}");
    }
    assert!(html.contains("id=\"authorize-allow\""));
    assert!(html.contains("id=\"authorize-deny\""));
    assert!(html.contains("action=\"/oauth/denyapp\""));
    assert!(html.contains("Super User Access"));
    assert!(!html.contains("style="));
    // super:user is dangerous: "Authorize Application" opens Quay's confirmation, whose form has
    // every field but `state`; `state` is only on the Cancel form.
    let (page, confirmation) = html
        .split_once("<details id=\"confirm-authorize\">")
        .unwrap();
    assert!(!page.contains("action=\"/oauth/authorizeapp\""));
    assert!(confirmation.contains("Confirm Authorization"));
    assert!(confirmation.contains(
        "<summary role=\"button\" id=\"authorize-open\">Authorize Application</summary>"
    ));
    let (confirm_form, rest) = confirmation.split_once("</form>").unwrap();
    assert!(confirm_form.contains("action=\"/oauth/authorizeapp\""));
    assert!(confirm_form.contains(&format!("name=\"client_id\" value=\"{}\"", f.client_id)));
    assert!(!confirm_form.contains("name=\"state\""), "{confirm_form}");
    assert!(rest.contains("id=\"authorize-deny-confirm\""));
    assert_eq!(
        html.matches("name=\"state\"").count(),
        1,
        "only the Cancel form"
    );
}

#[tokio::test]
async fn consent_without_dangerous_scopes_posts_state_and_none_when_absent() {
    let f = flow().await;
    let url = f.emu.url(&format!(
        "/oauth/authorize?response_type=token&client_id={}&redirect_uri={}&scope=user:read",
        f.client_id,
        urlencode(REDIRECT)
    ));
    let html = f.get(&url, Some(&f.cookie)).await.text().await.unwrap();
    assert!(!html.contains("confirm-authorize"));
    let (allow, _) = html
        .split_once("action=\"/oauth/authorizeapp\">")
        .unwrap()
        .1
        .split_once("</form>")
        .unwrap();
    // Jinja renders a missing `state` as the text `None`.
    assert!(allow.contains("name=\"state\" value=\"None\""), "{allow}");
}

#[tokio::test]
async fn authorizeapp_token_flow_then_already_granted() {
    let f = flow().await;
    let resp = f
        .authorize_app(&[
            ("client_id", f.client_id.as_str()),
            ("redirect_uri", REDIRECT),
            ("scope", "super:user user:read"),
            ("response_type", "token"),
            ("state", "abc"),
            ("_csrf_token", f.csrf.as_str()),
        ])
        .await;
    assert_eq!(resp.status(), 302);
    assert_no_cors(resp.headers());
    let loc = location(&resp);
    assert!(resp.text().await.unwrap().is_empty());
    let prefix = format!("{REDIRECT}?scope=super%3Auser+user%3Aread&state=abc#access_token=");
    assert!(loc.starts_with(&prefix), "{loc}");
    assert!(
        loc.ends_with("&token_type=Bearer&expires_in=315576000"),
        "{loc}"
    );
    let token = token_of(&loc);
    assert_eq!(token.len(), 40);
    assert!(token.chars().all(|c| c.is_ascii_alphanumeric()));

    // The token works with exactly the granted scopes.
    let me: Value = f.emu.get_user(Some(&token)).await.json().await.unwrap();
    assert_eq!(me["username"], "admin");
    assert_eq!(me["super_user"], json!(true));
    assert!(me.get("email").is_none(), "no user:admin");
    let create = f
        .emu
        .client
        .post(f.emu.url("/api/v1/organization/"))
        .bearer_auth(&token)
        .json(&json!({"name": "neworg"}))
        .send()
        .await
        .unwrap();
    assert_eq!(create.status(), 403);

    // Already granted: a new token straight away.
    let again = f.get(&f.authorize_url(""), Some(&f.cookie)).await;
    assert_eq!(again.status(), 302);
    let loc2 = location(&again);
    assert!(loc2.starts_with(&format!("{REDIRECT}?scope=super%3Auser#access_token=")));
    assert_ne!(token_of(&loc2), token);
    // …where a bad redirect_uri is a JSON 400 and an unknown scope an error redirect.
    let url = f.emu.url(&format!(
        "/oauth/authorize?response_type=token&client_id={}&redirect_uri={}&scope=super:user",
        f.client_id,
        urlencode("http://evil.example/")
    ));
    let bad = f.get(&url, Some(&f.cookie)).await;
    assert_eq!(bad.status(), 400);
    assert_eq!(
        content_type(bad.headers()),
        "application/json;charset=UTF-8"
    );
    assert_eq!(bad.headers()["pragma"], "no-cache");
    assert_eq!(
        bad.json::<Value>().await.unwrap(),
        json!({"error": "invalid_request"})
    );
    let url = f.emu.url(&format!(
        "/oauth/authorize?response_type=token&client_id={}&redirect_uri={}&scope=bogus",
        f.client_id,
        urlencode(REDIRECT)
    ));
    let resp = f.get(&url, Some(&f.cookie)).await;
    assert_eq!(location(&resp), format!("{REDIRECT}?error=invalid_scope"));
}

#[tokio::test]
async fn authorizeapp_errors() {
    let f = flow().await;
    let form = |scope: &'static str, rt: &'static str, csrf: String| {
        vec![
            ("client_id".to_string(), f.client_id.clone()),
            ("redirect_uri".to_string(), REDIRECT.to_string()),
            ("scope".to_string(), scope.to_string()),
            ("response_type".to_string(), rt.to_string()),
            ("_csrf_token".to_string(), csrf),
        ]
    };
    let send = |form: Vec<(String, String)>, cookie: Option<String>| {
        let mut req = f
            .emu
            .client
            .post(f.emu.url("/oauth/authorizeapp"))
            .form(&form);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send()
    };
    // Not signed in: 401 page.
    let resp = send(form("super:user", "token", f.csrf.clone()), None)
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    // CSRF failure: shape C with the user suffix and raw web CORS.
    let resp = send(
        form("super:user", "token", "wrong".into()),
        Some(f.cookie.clone()),
    )
    .await
    .unwrap();
    assert_eq!(resp.status(), 403);
    assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
    assert_eq!(
        resp.headers()["access-control-allow-methods"],
        "OPTIONS, HEAD, POST, GET"
    );
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    assert_eq!(
        resp.headers()
            .get_all("access-control-allow-headers")
            .iter()
            .count(),
        2
    );
    assert_eq!(
        Emu::shape_c(resp).await,
        json!({"error": "CSRF token was invalid or missing. (authorized: user admin)"})
    );
    for (scope, rt, error) in [
        ("bogus", "token", "invalid_scope"),
        ("super:user", "weird", "unsupported_response_type"),
    ] {
        let resp = send(form(scope, rt, f.csrf.clone()), Some(f.cookie.clone()))
            .await
            .unwrap();
        assert_eq!(resp.status(), 302);
        assert_eq!(location(&resp), format!("{REDIRECT}?error={error}"));
    }
    let mut unknown = form("super:user", "token", f.csrf.clone());
    unknown[0].1 = "NOPE".into();
    let resp = send(unknown, Some(f.cookie.clone())).await.unwrap();
    assert_eq!(
        location(&resp),
        format!("{REDIRECT}?error=unauthorized_client")
    );
    let mut evil = form("super:user", "token", f.csrf.clone());
    evil[1].1 = "http://evil.example/cb".into();
    let resp = send(evil, Some(f.cookie.clone())).await.unwrap();
    assert_eq!(resp.status(), 400);
    // A non-admin of the app's organization.
    f.emu.seed_user("alice", "password1");
    let (alice, alice_csrf) = f.emu.signed_in("alice", "password1").await;
    let resp = send(form("super:user", "token", alice_csrf), Some(alice))
        .await
        .unwrap();
    assert_eq!(
        location(&resp),
        format!("{REDIRECT}?error=unauthorized_client")
    );
}

#[tokio::test]
async fn authorizeapp_code_flow() {
    let f = flow().await;
    let resp = f
        .authorize_app(&[
            ("client_id", f.client_id.as_str()),
            ("redirect_uri", "http://127.0.0.1:9999/callback?keep=1"),
            ("scope", "user:read"),
            ("state", "s t"),
            ("_csrf_token", f.csrf.as_str()),
        ])
        .await;
    assert_eq!(resp.status(), 302);
    let loc = location(&resp);
    let prefix = format!("{REDIRECT}?keep=1&scope=user%3Aread&state=s+t&code=");
    assert!(loc.starts_with(&prefix), "{loc}");
    assert_eq!(loc.len(), prefix.len() + 40);
}

#[tokio::test]
async fn deny_redirects_with_authorization_denied() {
    let f = flow().await;
    let resp = f
        .emu
        .client
        .post(f.emu.url("/oauth/denyapp"))
        .header("cookie", &f.cookie)
        .form(&[
            ("client_id", f.client_id.as_str()),
            ("redirect_uri", REDIRECT),
            ("scope", "super:user"),
            ("_csrf_token", f.csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 302);
    assert_eq!(
        location(&resp),
        format!("{REDIRECT}?error=authorization_denied")
    );
    let forged = f
        .emu
        .client
        .post(f.emu.url("/oauth/denyapp"))
        .header("cookie", &f.cookie)
        .form(&[
            ("client_id", f.client_id.as_str()),
            ("redirect_uri", REDIRECT),
        ])
        .send()
        .await
        .unwrap();
    // Without a CSRF token: 403, and no "(authorized: user …)" suffix (denyapp has no auth
    // decorator in Quay).
    assert_eq!(forged.status(), 403);
    assert_eq!(
        Emu::shape_c(forged).await,
        json!({"error": "CSRF token was invalid or missing."})
    );
}

#[tokio::test]
async fn basic_auth_is_accepted_on_authorize() {
    let f = flow().await;
    let resp = f
        .emu
        .client
        .get(f.authorize_url("&format=json"))
        .basic_auth("admin", Some("password1"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["client_id"],
        f.client_id
    );
    let wrong = f
        .emu
        .client
        .get(f.authorize_url("&format=json"))
        .basic_auth("admin", Some("nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
}

#[tokio::test]
async fn full_implicit_flow_with_a_cookie_jar() {
    let emu = emulator().await;
    emu.seed_user("admin", "password1");
    emu.seed_user("alice", "password1");
    let db = emu.db_path();
    seed::create_organization(&db, "testorg", "t@example.com", "admin").unwrap();
    seed::create_organization(&db, "aliceorg", "a@example.com", "alice").unwrap();
    let (admin_app, _) = seed::create_application(&db, "testorg", "dash", REDIRECT, "").unwrap();
    let (alice_app, _) = seed::create_application(&db, "aliceorg", "dash", REDIRECT, "").unwrap();

    async fn implicit(emu: &Emu, user: &str, client_id: &str, scope: &str) -> String {
        let mut jar: Option<String> = None;
        // csrf_token → signin → authorize (consent) → authorizeapp.
        let resp = emu.client.get(emu.url("/csrf_token")).send().await.unwrap();
        jar = cookie_of(&resp).or(jar);
        let csrf = resp.json::<Value>().await.unwrap()["csrf_token"]
            .as_str()
            .unwrap()
            .to_string();
        let resp = emu
            .signin_raw(jar.as_deref().unwrap(), Some(&csrf), user, "password1")
            .await;
        assert_eq!(resp.status(), 200);
        jar = cookie_of(&resp).or(jar);
        let url = emu.url(&format!(
            "/oauth/authorize?response_type=token&client_id={client_id}&redirect_uri={}&scope={}",
            urlencode(REDIRECT),
            urlencode(scope)
        ));
        let consent = emu
            .client
            .get(url)
            .header("cookie", jar.as_deref().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(consent.status(), 200);
        let html = consent.text().await.unwrap();
        let value = |name: &str| {
            html.split(&format!("name=\"{name}\" value=\""))
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .replace("&#34;", "\"")
                .replace("&amp;", "&")
        };
        let form = [
            ("client_id", value("client_id")),
            ("redirect_uri", value("redirect_uri")),
            ("scope", value("scope")),
            ("response_type", value("response_type")),
            ("_csrf_token", value("_csrf_token")),
        ];
        let resp = emu
            .client
            .post(emu.url("/oauth/authorizeapp"))
            .header("cookie", jar.as_deref().unwrap())
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 302);
        token_of(&location(&resp))
    }

    let token = implicit(&emu, "admin", &admin_app, "super:user user:read").await;
    let me: Value = emu.get_user(Some(&token)).await.json().await.unwrap();
    assert_eq!(me["username"], "admin");
    assert_eq!(me["super_user"], json!(true));
    assert_eq!(
        me.as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "anonymous",
            "avatar",
            "organizations",
            "super_user",
            "username"
        ]
    );

    // A non-superuser's super:user token: 403 on the superuser-only scope machinery.
    let alice_token = implicit(&emu, "alice", &alice_app, "super:user user:read").await;
    let me: Value = emu.get_user(Some(&alice_token)).await.json().await.unwrap();
    assert_eq!(me["username"], "alice");
    assert!(me.get("super_user").is_none());
    let resp = emu
        .client
        .get(emu.url("/api/v1/organization/aliceorg/applications"))
        .bearer_auth(&alice_token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403, "no org:admin granted");

    // The superuser rule itself, on the tokens the flow issued.
    let storage = test_storage(&db);
    let config = reference_config();
    let superuser = api::Access::SuperUser { fresh_login: true };
    for (token, expected) in [(&token, true), (&alice_token, false)] {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("authorization", format!("Bearer {token}").parse().unwrap());
        let auth = api::resolve(&storage, &headers).unwrap();
        assert!(auth.user().is_some());
        assert_eq!(api::permitted(superuser, &auth, &config), expected);
    }
}

#[tokio::test]
async fn wrong_basic_credentials_hide_a_valid_session() {
    let f = flow().await;
    let resp = f
        .emu
        .client
        .get(f.authorize_url("&format=json"))
        .header("cookie", &f.cookie)
        .basic_auth("admin", Some("nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
}

#[tokio::test]
async fn authorize_view_responses_are_never_cached() {
    let f = flow().await;
    const NO_CACHE: &str = "no-cache, no-store, must-revalidate";
    let mismatch = f
        .emu
        .client
        .get(f.emu.url(&format!(
            "/oauth/authorize?response_type=token&client_id={}&redirect_uri={}&scope=super:user",
            f.client_id,
            urlencode("http://elsewhere.example/cb")
        )))
        .header("cookie", &f.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(mismatch.status(), 302);
    assert_eq!(mismatch.headers()["cache-control"], NO_CACHE);
    // Grant once, so that the next authorize goes straight to the provider (step 6).
    let resp = f
        .authorize_app(&[
            ("client_id", f.client_id.as_str()),
            ("redirect_uri", REDIRECT),
            ("scope", "super:user"),
            ("response_type", "token"),
            ("_csrf_token", f.csrf.as_str()),
        ])
        .await;
    assert_eq!(resp.status(), 302);
    let granted = f.get(&f.authorize_url(""), Some(&f.cookie)).await;
    assert_eq!(granted.status(), 302);
    assert_eq!(granted.headers()["cache-control"], NO_CACHE);
    let bad = f
        .get(
            &f.emu.url(&format!(
                "/oauth/authorize?response_type=token&client_id={}&redirect_uri={}\
                 &scope=super:user",
                f.client_id,
                urlencode("http://elsewhere.example/cb")
            )),
            Some(&f.cookie),
        )
        .await;
    assert_eq!(bad.status(), 400);
    assert_eq!(bad.headers()["cache-control"], NO_CACHE);
}

#[tokio::test]
async fn authorizeapp_reads_the_grant_from_the_form_only() {
    let f = flow().await;
    let resp = f
        .emu
        .client
        .post(f.emu.url(&format!(
            "/oauth/authorizeapp?state=fromquery&scope=repo:read&_csrf_token={}",
            f.csrf
        )))
        .header("cookie", &f.cookie)
        .form(&[
            ("client_id", f.client_id.as_str()),
            ("redirect_uri", REDIRECT),
            ("scope", "super:user"),
            ("response_type", "token"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(!location.contains("fromquery"), "{location}");
    assert!(location.contains("scope=super%3Auser"), "{location}");
    // A grant given only in the query is no grant: no redirect_uri in the form.
    let resp = f
        .emu
        .client
        .post(f.emu.url(&format!(
            "/oauth/denyapp?client_id={}&redirect_uri={}",
            f.client_id,
            urlencode(REDIRECT)
        )))
        .header("cookie", &f.cookie)
        .form(&[("_csrf_token", f.csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
}

/// Web routes answer a method they lack with Werkzeug's HTML 405 page and their `Allow` set.
#[tokio::test]
async fn web_routes_answer_other_methods_with_an_html_405() {
    use reqwest::Method;
    let emu = emulator().await;
    for (method, path, allow) in [
        (Method::POST, "/csrf_token", "OPTIONS, HEAD, GET"),
        (Method::POST, "/oauth/authorize", "OPTIONS, HEAD, GET"),
        (
            Method::PUT,
            "/oauth/authorizeapp",
            "OPTIONS, HEAD, POST, GET",
        ),
        (Method::DELETE, "/oauth/denyapp", "OPTIONS, HEAD, POST, GET"),
        (
            Method::PUT,
            "/api/v1/user/initialize",
            "OPTIONS, HEAD, POST, GET",
        ),
    ] {
        let resp = emu
            .client
            .request(method.clone(), emu.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 405, "{method} {path}");
        assert_eq!(resp.headers()["allow"], allow, "{method} {path}");
        assert_eq!(content_type(resp.headers()), "text/html; charset=utf-8");
        assert_no_cors(resp.headers());
        let body = resp.text().await.unwrap();
        assert!(
            body.contains("405 Method Not Allowed"),
            "{method} {path}: {body}"
        );
    }
}

/// A global read-only superuser (Quay's `GLOBAL_READONLY_SUPER_USERS`) at every step of the
/// console's sign-in: its cookie session's `/api/v1/user/` says what it is; Quay's authorize page
/// refuses it with the bare 403 page while it does not administer the application's
/// organization (`is_org_admin`, whatever its superuser rights); as an administrator it is
/// granted `user:read` without the dangerous-scope confirmation, and that token reads the
/// superuser pages (Quay gives the read-only need whatever the scopes) and changes nothing.
#[tokio::test]
async fn a_read_only_superuser_is_refused_until_it_administers_then_reads_with_user_read() {
    let emu = emulator_with(config_with("GLOBAL_READONLY_SUPER_USERS: [auditor]\n")).await;
    emu.seed_user("admin", "password1");
    emu.seed_user("auditor", "password1");
    let db = emu.db_path();
    seed::create_organization(&db, "testorg", "testorg@example.com", "admin").unwrap();
    let (client_id, _) = seed::create_application(
        &db,
        "testorg",
        "dashapp",
        REDIRECT,
        "http://127.0.0.1:9999/",
    )
    .unwrap();
    let (cookie, csrf) = emu.signed_in("auditor", "password1").await;
    let me: Value = emu
        .client
        .get(emu.url("/api/v1/user/"))
        .header("cookie", &cookie)
        .header("x-requested-with", "XMLHttpRequest")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["global_readonly_super_user"], json!(true));
    assert!(me.get("super_user").is_none(), "{me}");

    let authorize = emu.url(&format!(
        "/oauth/authorize?response_type=token&client_id={client_id}&redirect_uri={}&scope=user:read&state=s1",
        urlencode(REDIRECT)
    ));
    let get = |cookie: String| {
        let req = emu.client.get(&authorize).header("cookie", cookie);
        async move { req.send().await.unwrap() }
    };
    let refused = get(cookie.clone()).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(content_type(refused.headers()), "text/html; charset=utf-8");
    assert!(refused.text().await.unwrap().contains("<h1>Forbidden</h1>"));

    let (status, _) = emu
        .json_call(
            reqwest::Method::PUT,
            "/api/v1/organization/testorg/team/owners/members/auditor",
            Some(&emu.insert_token("admin", "org:admin", far_future())),
            None,
        )
        .await;
    assert_eq!(status, 200);
    // `user:read` is not dangerous: the consent form posts `state` straight away.
    let consent = get(cookie.clone()).await;
    assert_eq!(consent.status(), 200);
    let page = consent.text().await.unwrap();
    assert!(!page.contains("authorize-open"), "no confirmation step");
    let resp = emu
        .client
        .post(emu.url("/oauth/authorizeapp"))
        .header("cookie", &cookie)
        .form(&[
            ("client_id", client_id.as_str()),
            ("redirect_uri", REDIRECT),
            ("scope", "user:read"),
            ("response_type", "token"),
            ("state", "s1"),
            ("_csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 302);
    let loc = location(&resp);
    assert!(loc.starts_with(&format!(
        "{REDIRECT}?scope=user%3Aread&state=s1#access_token="
    )));
    let token = token_of(&loc);
    let me: Value = emu.get_user(Some(&token)).await.json().await.unwrap();
    assert_eq!(me["global_readonly_super_user"], json!(true));
    assert!(me.get("super_user").is_none());
    for path in [
        "/api/v1/superuser/users/?limit=1",
        "/api/v1/superuser/organizations/",
        "/api/v1/superuser/keys",
        "/api/v1/superuser/registrysize/",
        "/api/v1/organization/testorg/team/owners/members",
    ] {
        assert_eq!(emu.get_json(path, &token).await.0, 200, "{path}");
    }
    let (status, body) = emu
        .get_json("/api/v1/organization/testorg/team/owners/members", &token)
        .await;
    assert_eq!((status, &body["can_edit"]), (200, &json!(false)));
    let (status, _) = emu
        .json_call(
            reqwest::Method::POST,
            "/api/v1/superuser/users/",
            Some(&token),
            Some(json!({"username": "zed"})),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = emu
        .json_call(
            reqwest::Method::PUT,
            "/api/v1/organization/testorg",
            Some(&token),
            Some(json!({"email": "new@example.com"})),
        )
        .await;
    assert_eq!(status, 403);
}
