//! What every page shares: the header (who is signed in, signing out), the side navigation, the
//! page heading, the toasts, the error shown when a page's code cannot be loaded, and what the
//! document itself says (language, focus, styles, policies).

use serde_json::Value;

use crate::Ctx;

const CURRENT_USERNAME: &str = "[data-testid=current-username]";
const HEADER_USER: &str = "[data-testid=header-user]";
const SUPERUSER_BADGE: &str = "[data-testid=superuser-badge]";
const SIGN_OUT: &str = "[data-testid=sign-out]";
const HEADING: &str = "h1";
const TOASTS: &str = ".toast-stack";
const TOAST: &str = "[data-testid=toast]";
const PAGE_LOAD_ERROR: &str = "[data-testid=page-load-error]";
/// Whatever shows that something is loading: a busy control, a skeleton, a spinner.
const LOADING: &str = "[aria-busy=true], .skeleton, .skeleton-row, .spinner";
/// The first stop of the keyboard: past the navigation, into the page.
pub const SKIP_LINK: &str = ".skip-link";

/// The frame around every page.
#[derive(Clone, Copy)]
pub struct Shell<'a> {
    ctx: &'a Ctx,
}

impl Ctx {
    pub fn shell(&self) -> Shell<'_> {
        Shell { ctx: self }
    }
}

impl Shell<'_> {
    /// Waits until the page names `username` as the one signed in.
    pub async fn current_username_shows(&self, username: &str) {
        self.ctx.wait_for_text(CURRENT_USERNAME, username).await;
    }

    /// Waits until the header names `username`.
    pub async fn header_user_shows(&self, username: &str) {
        self.ctx.wait_for_text(HEADER_USER, username).await;
    }

    /// Whether the header names anyone (signed in).
    pub async fn has_header_user(&self) -> bool {
        self.ctx.exists(HEADER_USER).await
    }

    /// Waits for the badge of a superuser.
    pub async fn superuser_badge(&self) {
        self.ctx.find(SUPERUSER_BADGE).await;
    }

    pub async fn has_superuser_badge(&self) -> bool {
        self.ctx.exists(SUPERUSER_BADGE).await
    }

    pub async fn sign_out(&self) {
        self.ctx.click(SIGN_OUT).await;
    }

    /// Waits until the page's heading shows `text`.
    pub async fn heading_shows(&self, text: &str) {
        self.ctx.wait_for_text(HEADING, text).await;
    }

    /// Waits until the toasts show `text`.
    pub async fn toast_shows(&self, text: &str) {
        self.ctx.wait_for_text(TOASTS, text).await;
    }

    /// Waits until the first toast shows `text`.
    pub async fn first_toast_shows(&self, text: &str) {
        self.ctx.wait_for_text(TOAST, text).await;
    }

    /// The side navigation's link to `page` (its path without the leading slash, e.g. `users`).
    pub fn nav_link(page: &str) -> String {
        format!("nav.sidenav a[href$='/{page}']")
    }

    /// Follows the side navigation's link to `page` (e.g. `users`): in-app navigation.
    pub async fn navigate_to(&self, page: &str) {
        self.ctx.click(&Self::nav_link(page)).await;
    }

    /// Whether the side navigation offers `page`.
    pub async fn has_nav_link(&self, page: &str) -> bool {
        self.ctx.exists(&Self::nav_link(page)).await
    }

    /// Whether there is any navigation at all.
    pub async fn has_nav(&self) -> bool {
        self.ctx.exists("nav").await
    }

    /// Waits until nothing is loading: no busy control, no skeleton, no spinner.
    pub async fn wait_until_nothing_loads(&self) {
        self.ctx.wait_gone(LOADING).await;
    }

    /// Waits until the page's code could not be loaded, saying `text`.
    pub async fn page_load_error_shows(&self, text: &str) {
        self.ctx.wait_for_text(PAGE_LOAD_ERROR, text).await;
    }

    /// The retry of a page whose code could not be loaded.
    pub async fn retry_page_load(&self) {
        self.ctx.errors_in(PAGE_LOAD_ERROR).retry().await;
    }

    pub async fn page_load_error_gone(&self) {
        self.ctx.wait_gone(PAGE_LOAD_ERROR).await;
    }

    /// The document's language (`<html lang>`).
    pub async fn language(&self) -> Value {
        self.ctx.js("return document.documentElement.lang;").await
    }

    /// The language the header's picker shows.
    pub async fn picked_language(&self) -> Value {
        self.ctx
            .js("return document.getElementById('language-picker').value;")
            .await
    }

    /// The body's background colour (the theme in effect).
    pub async fn background(&self) -> Value {
        self.ctx
            .js("return getComputedStyle(document.body).backgroundColor;")
            .await
    }

    /// The `id` of the focused element.
    pub async fn focused_id(&self) -> Value {
        self.ctx.js("return document.activeElement.id;").await
    }

    /// The `data-testid` of the focused element.
    pub async fn focused_testid(&self) -> Value {
        self.ctx
            .js("return document.activeElement.getAttribute('data-testid')")
            .await
    }

    /// Whether the focus is inside the page's `main`.
    pub async fn focus_in_main(&self) -> Value {
        self.ctx
            .js("return document.querySelector('main').contains(document.activeElement);")
            .await
    }

    /// The pages' stylesheet before a page needs it: [named in its meta, linked, fetched].
    pub async fn page_styles_named_linked_fetched(&self) -> Value {
        self.ctx
            .js("return [!!document.querySelector('meta[name=quay-admin-page-styles]'), \
                 !!document.querySelector('link[data-page-styles]'), \
                 performance.getEntriesByType('resource').some(e => /\\/pages-[0-9a-f]+\\.css$/.test(e.name))];")
            .await
    }

    /// The pages' stylesheet once a page shows: [links to it, still loading, the page header's
    /// `display`].
    pub async fn page_styles_applied(&self) -> Value {
        self.ctx
            .js(
                "return [document.querySelectorAll('link[data-page-styles]').length, \
                 document.documentElement.classList.contains('page-styles-loading'), \
                 getComputedStyle(document.querySelector('.page-header')).display];",
            )
            .await
    }

    /// How many links to the pages' stylesheet the document has.
    pub async fn page_style_links(&self) -> Value {
        self.ctx
            .js("return document.querySelectorAll('link[data-page-styles]').length;")
            .await
    }

    /// [the number of `<base>` elements, the contents of the Content-Security-Policy metas].
    pub async fn bases_and_policies(&self) -> Value {
        self.ctx
            .js("return [document.querySelectorAll('base').length, \
                 Array.from(document.querySelectorAll( \
                   'meta[http-equiv=\"Content-Security-Policy\"]')).map(m => m.content)];")
            .await
    }
}
