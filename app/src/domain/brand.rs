//! A merchant's branding on the page: a name and a colour, with a text
//! colour on it that people can read (chosen, never asked for).

/// `#rgb` or `#rrggbb` (any case) as `#rrggbb`.
pub fn parse_color(s: &str) -> Option<String> {
    let hex = s.trim().strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let full = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_owned(),
        _ => return None,
    };
    Some(format!("#{}", full.to_ascii_lowercase()))
}

fn luminance(color: &str) -> f64 {
    let channel = |i: usize| {
        let v =
            f64::from(u8::from_str_radix(&color[1 + 2 * i..3 + 2 * i], 16).unwrap_or(0)) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

/// WCAG contrast ratio of two `#rrggbb` colours (1 to 21).
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// Near-black or white, whichever reads better on `color`.
pub fn text_on(color: &str) -> &'static str {
    const DARK: &str = "#111111";
    const LIGHT: &str = "#ffffff";
    if contrast(color, DARK) >= contrast(color, LIGHT) {
        DARK
    } else {
        LIGHT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_and_text_stays_readable() {
        assert_eq!(parse_color("#FF6600").as_deref(), Some("#ff6600"));
        assert_eq!(parse_color("#f60").as_deref(), Some("#ff6600"));
        for bad in ["", "ff6600", "#ff66", "#gg6600", "red", "#ff6600;x"] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
        assert_eq!(text_on("#ffffff"), "#111111");
        assert_eq!(text_on("#000000"), "#ffffff");
        assert_eq!(text_on("#ffd400"), "#111111", "yellow takes dark text");
        assert_eq!(text_on("#1d4ed8"), "#ffffff", "blue takes white text");
        // Whatever the colour, the chosen text has at least AA-large contrast.
        for c in [
            "#ff6600", "#008000", "#777777", "#e11d48", "#06b6d4", "#9a3412",
        ] {
            assert!(contrast(c, text_on(c)) >= 3.0, "{c}");
        }
    }
}
