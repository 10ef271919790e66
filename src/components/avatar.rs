//! Quay's avatar: a coloured initial (the colour and hash come from the registry; the hash
//! would only matter for Gravatar, which a self-hosted admin console should not call).

use leptos::prelude::*;

use crate::api::user::Avatar as AvatarModel;

/// Keeps the colour only if it is exactly `#rrggbb`: the value is API data and goes into CSS.
pub fn safe_color(color: &str) -> Option<&str> {
    let hex = color.strip_prefix('#')?;
    (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then_some(color)
}

/// Black or white, whichever reads better on `color` (#rrggbb), by WCAG relative luminance.
pub fn text_color_on(color: &str) -> &'static str {
    let channel = |i: usize| {
        let v = u8::from_str_radix(color.get(i..i + 2).unwrap_or("96"), 16).unwrap_or(0x96);
        let c = f64::from(v) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            pow_2_4((c + 0.055) / 1.055)
        }
    };
    let luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    // Contrast with black is (L+0.05)/0.05, with white 1.05/(L+0.05): equal at L ≈ 0.179.
    if luminance > 0.179 {
        "#000000"
    } else {
        "#ffffff"
    }
}

/// `x^2.4` for `x` in (0, 1], as `x² · y` where `y = x^0.4` solves `y⁵ = x²` (Newton's method
/// from above converges monotonically). Saves linking libm's `pow` into the first load for
/// this one use; the result matches `powf` to ~1e-12, far below what the threshold needs.
fn pow_2_4(x: f64) -> f64 {
    let x2 = x * x;
    let mut y = 1.0_f64;
    for _ in 0..12 {
        let y4 = y * y * y * y;
        y -= (y4 * y - x2) / (5.0 * y4);
    }
    x2 * y
}

/// The first character of the name, upper-cased, for the avatar's letter.
pub fn initial(name: &str) -> String {
    name.chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}

#[component]
pub fn Avatar(avatar: AvatarModel) -> impl IntoView {
    let color = safe_color(&avatar.color).unwrap_or("#969696").to_string();
    view! {
        <span
            class="avatar"
            aria-hidden="true"
            style:color=text_color_on(&color)
            style:background-color=color.clone()
        >
            {initial(&avatar.name)}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pow_2_4_matches_powf_for_every_channel_value() {
        for v in 11..=255u8 {
            let x = (f64::from(v) / 255.0 + 0.055) / 1.055;
            let (ours, std) = (pow_2_4(x), x.powf(2.4));
            assert!((ours - std).abs() < 1e-12, "{v}: {ours} vs {std}");
        }
    }

    #[test]
    fn colors_are_checked() {
        assert_eq!(safe_color("#98df8a"), Some("#98df8a"));
        assert_eq!(safe_color("red;background:url(x)"), None);
        assert_eq!(safe_color("#98df8"), None);
        assert_eq!(safe_color("#98df8g"), None);
    }

    #[test]
    fn text_contrast() {
        assert_eq!(text_color_on("#98df8a"), "#000000");
        assert_eq!(text_color_on("#393b79"), "#ffffff");
        assert_eq!(text_color_on("#ffffff"), "#000000");
        assert_eq!(text_color_on("#000000"), "#ffffff");
    }

    #[test]
    fn initials() {
        assert_eq!(initial("quayadmin"), "Q");
        assert_eq!(initial(""), "");
        assert_eq!(initial("ßx"), "SS");
    }
}
