//! Read-only superusers (Quay's `GLOBAL_READONLY_SUPER_USERS`): the registry lets them read every
//! superuser page and change nothing. The sign-in gate decides once who is signed in and provides
//! [`ReadOnly`]; pages and shared components read it to disable their writes with the reason,
//! instead of sending requests the registry would refuse.

use leptos::prelude::*;

use crate::i18n::{tr, use_i18n, Key};

/// Why a write control is disabled for a read-only superuser.
pub const REFUSAL: Key = Key::ReadOnlyRefusal;

/// Whether the signed-in account is a read-only superuser (tracked).
#[derive(Clone, Copy)]
pub struct ReadOnly(Signal<bool>);

impl ReadOnly {
    /// Provided by the sign-in gate for everything it shows.
    pub fn provide(read_only: Signal<bool>) {
        provide_context(Self(read_only));
    }

    /// Whether writes are refused (tracked).
    pub fn get(self) -> bool {
        // The gate provides it on an owner that outlives the gate's branch: after signing out,
        // the sign-in page still finds it, its signal gone with the signed-in branch. Nobody
        // signed in is read-only.
        self.0.try_get().unwrap_or(false)
    }

    pub fn get_untracked(self) -> bool {
        self.0.try_get_untracked().unwrap_or(false)
    }

    /// The reason to show on a disabled write control (tracked): `None` when writes are allowed.
    pub fn refusal(self) -> Option<Key> {
        self.get().then_some(REFUSAL)
    }

    /// `aria-describedby` of a refused write control: the note, which says why (tracked).
    pub fn described_by(self) -> Option<&'static str> {
        self.get().then_some(NOTE_ID)
    }
}

/// The gate's answer; outside the gate (setup wizard, sign-in) nobody is read-only.
pub fn use_read_only() -> ReadOnly {
    use_context::<ReadOnly>().unwrap_or(ReadOnly(Signal::stored(false)))
}

/// The id of the note, which describes every write control it disables.
pub const NOTE_ID: &str = "read-only-note";

/// A button that changes something, or opens the form that does: for a read-only superuser it
/// is disabled (nothing is sent that the registry would refuse), described by the note and with
/// the reason as its tooltip. Forms' submit buttons do the same (`SubmitButton`), row menus
/// through `MenuAction::refused`.
#[component]
pub fn WriteButton(
    testid: &'static str,
    #[prop(default = "button")] class: &'static str,
    /// Running: disabled and `aria-busy`.
    #[prop(optional, into)]
    busy: Signal<bool>,
    #[prop(into)] on_click: Callback<()>,
    children: Children,
) -> impl IntoView {
    let read_only = use_read_only();
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class=class
            data-testid=testid
            prop:disabled=move || read_only.get() || busy.get()
            aria-busy=move || busy.get().then_some("true")
            aria-describedby=move || read_only.described_by()
            title=move || read_only.refusal().map(|k| i18n.t(k))
            on:click=move |_| {
                if !read_only.get_untracked() && !busy.get_untracked() {
                    on_click.run(());
                }
            }
        >
            {children()}
        </button>
    }
}

/// The note every page shows a read-only superuser, above the page.
#[component]
pub fn ReadOnlyNote(
    /// The registry said so (`global_readonly_super_user`); `false` when the console only found
    /// out that this account may read the superuser pages (Quay before 3.16 does not say).
    reported: bool,
) -> impl IntoView {
    view! {
        <div class="read-only-note" role="note" data-testid="read-only-note">
            <p id=NOTE_ID>
                <strong>{tr(Key::RoleReadOnlySuperuser)}</strong>
                " "
                {tr(if reported { Key::ReadOnlyBody } else { Key::ReadOnlyInferredBody })}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sign-in page after signing out may still find the gate's context, whose signal went
    /// with the signed-in branch: nobody signed in is read-only, and nothing panics.
    #[test]
    fn a_disposed_gate_reads_as_not_read_only() {
        let owner = Owner::new();
        let read_only = owner.with(|| ReadOnly(Signal::derive(|| true)));
        assert!(read_only.get_untracked());
        owner.cleanup();
        assert!(!read_only.get());
        assert!(!read_only.get_untracked());
        assert_eq!(read_only.refusal(), None);
    }
}
