//! A namespace's storage use against its quota: "1.2 GiB / 10 GiB" with a bar whose state is
//! also said in words (not colour only), and the exact byte counts in the tooltip.

use leptos::prelude::*;

use crate::api::quota::QuotaUse;
use crate::format::{format_bytes, group_thousands, percent_used};
use crate::i18n::{use_i18n, Key};
use crate::quota_limit::limit_text;

/// Usage levels: warning from 70 %, danger from 90 %, over the limit above 100 %.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Ok,
    Warning,
    Danger,
    Over,
}

pub fn level(percent: u64) -> Level {
    match percent {
        p if p > 100 => Level::Over,
        p if p >= 90 => Level::Danger,
        p if p >= 70 => Level::Warning,
        _ => Level::Ok,
    }
}

/// The level of `used` against `limit`: over as soon as it exceeds the limit, even where the
/// rounded-down percentage still reads 100.
pub fn level_of(used: u64, limit: u64, percent: u64) -> Level {
    if used > limit {
        Level::Over
    } else {
        level(percent)
    }
}

#[component]
pub fn QuotaCell(
    quota: Option<QuotaUse>,
    /// Only the percentage beside the bar (the table shows used and limit in their own columns).
    #[prop(optional)]
    percent_only: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(quota) = quota else {
        return view! { <span class="muted">"—"</span> }.into_any();
    };
    let used = format_bytes(quota.used);
    let exact_used = group_thousands(quota.used);
    match (quota.limit, percent_used(quota.used, quota.limit)) {
        (Some(limit), Some(percent)) => {
            let lvl = level_of(quota.used, limit, percent);
            let state = match lvl {
                Level::Ok => None,
                Level::Warning => Some(Key::QuotaWarning),
                Level::Danger => Some(Key::QuotaDanger),
                Level::Over => Some(Key::QuotaOver),
            };
            let class = match lvl {
                Level::Ok => "quota quota-ok",
                Level::Warning => "quota quota-warning",
                Level::Danger => "quota quota-danger",
                Level::Over => "quota quota-over",
            };
            let title = format!("{exact_used} / {} B", group_thousands(limit));
            let width = format!("{}%", percent.min(100));
            view! {
                <span class=class title=title>
                    <span class="quota-text">
                        {if percent_only {
                            format!("{percent} %")
                        } else {
                            format!("{used} / {}", limit_text(limit))
                        }}
                    </span>
                    <span class="quota-bar" aria-hidden="true">
                        <span class="quota-fill" style:width=width></span>
                    </span>
                    // The share under the bar, with its state: the first line stays short.
                    {(!percent_only || state.is_some())
                        .then(|| {
                            let share = (!percent_only).then(|| format!("{percent}%"));
                            view! {
                                <span class="quota-state">
                                    {share}
                                    {state.map(|k| view! { " " {move || i18n.t(k)} })}
                                </span>
                            }
                        })}
                </span>
            }
            .into_any()
        }
        _ if percent_only => view! { <span class="muted">"—"</span> }.into_any(),
        _ => view! {
            <span class="quota quota-unlimited" title=format!("{exact_used} B")>
                <span class="quota-text">{used}</span>
                <span class="quota-state muted">{move || i18n.t(Key::QuotaNoLimit)}</span>
            </span>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(level(0), Level::Ok);
        assert_eq!(level(69), Level::Ok);
        assert_eq!(level(70), Level::Warning);
        assert_eq!(level(90), Level::Danger);
        assert_eq!(level(100), Level::Danger);
        assert_eq!(level(101), Level::Over);
        assert_eq!(level_of(1001, 1000, 100), Level::Over);
        assert_eq!(level_of(1000, 1000, 100), Level::Danger);
    }
}
