//! The languages the buyer page speaks, and how to pick one.

use super::money::NumberStyle;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Pt,
    Fr,
    Sw,
}

/// What the merchant asked for on the session. Written `auto` or as the
/// language's code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum LocalePref {
    /// Follow the buyer (`?lang=`, then `Accept-Language`).
    #[default]
    Auto,
    Fixed(Locale),
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::Pt, Locale::Fr, Locale::Sw];

    /// Where this locale stands in [`Locale::ALL`]: the index of anything
    /// kept once per locale.
    pub fn index(self) -> usize {
        Locale::ALL
            .iter()
            .position(|l| *l == self)
            .expect("ALL lists every locale")
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Pt => "pt",
            Locale::Fr => "fr",
            Locale::Sw => "sw",
        }
    }

    /// The language's name in itself, for the language switcher.
    pub fn endonym(&self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Pt => "Português",
            Locale::Fr => "Français",
            Locale::Sw => "Kiswahili",
        }
    }

    /// Accepts a language tag (`pt`, `pt-MZ`, `EN_us`) and keeps its language.
    pub fn parse(tag: &str) -> Option<Locale> {
        let lang = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match lang.as_str() {
            "en" => Some(Locale::En),
            "pt" => Some(Locale::Pt),
            "fr" => Some(Locale::Fr),
            "sw" => Some(Locale::Sw),
            _ => None,
        }
    }

    pub fn number_style(&self) -> NumberStyle {
        match self {
            Locale::En => NumberStyle::EN,
            Locale::Pt => NumberStyle::PT,
            Locale::Fr => NumberStyle::FR,
            Locale::Sw => NumberStyle::SW,
        }
    }

    /// Picks the first language of an `Accept-Language` header we speak,
    /// honouring q-values (`q=0` means "not this one").
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut ranked: Vec<(u16, usize, Locale)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let locale = Locale::parse(pieces.next()?)?;
                let q = pieces
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .next()
                    .map(parse_q)
                    .unwrap_or(1000);
                (q > 0).then_some((q, i, locale))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.first().map(|r| r.2)
    }

    /// The language the page uses, first match wins: the merchant's fixed
    /// choice, the `?lang=` parameter, the buyer's remembered choice,
    /// `Accept-Language`, then English.
    pub fn negotiate(
        pref: LocalePref,
        query: Option<&str>,
        remembered: Option<&str>,
        accept_language: Option<&str>,
    ) -> (Locale, LocaleSource) {
        if let LocalePref::Fixed(l) = pref {
            return (l, LocaleSource::Merchant);
        }
        let exact = |s: &str| Locale::parse(s).filter(|_| s.len() == 2);
        query
            .and_then(Locale::parse)
            .map(|l| (l, LocaleSource::Query))
            .or_else(|| {
                remembered
                    .and_then(exact)
                    .map(|l| (l, LocaleSource::Remembered))
            })
            .or_else(|| {
                accept_language
                    .and_then(Locale::from_accept_language)
                    .map(|l| (l, LocaleSource::Browser))
            })
            .unwrap_or((Locale::En, LocaleSource::Default))
    }
}

/// Where the page's language came from. The switcher is offered unless the
/// merchant fixed the language; a choice remembered in the browser's own
/// storage (inside a frame, where our cookie may be blocked) overrides only
/// `Browser` and `Default`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LocaleSource {
    Merchant,
    Query,
    Remembered,
    Browser,
    #[default]
    Default,
}

impl LocaleSource {
    /// A lower-ranked source that a stored choice may replace.
    pub fn is_a_guess(&self) -> bool {
        matches!(self, LocaleSource::Browser | LocaleSource::Default)
    }
}

impl From<LocalePref> for String {
    fn from(l: LocalePref) -> String {
        l.as_str().to_owned()
    }
}

impl TryFrom<String> for LocalePref {
    type Error = String;

    fn try_from(s: String) -> Result<LocalePref, String> {
        LocalePref::parse(&s).ok_or_else(|| format!("`{s}` is not a language we speak"))
    }
}

impl LocalePref {
    pub fn parse(s: &str) -> Option<LocalePref> {
        if s.eq_ignore_ascii_case("auto") {
            return Some(LocalePref::Auto);
        }
        // Only bare language codes here: the API documents `en`, `pt`, `fr`,
        // `sw` and `auto`.
        let l = Locale::parse(s)?;
        (s.len() == 2).then_some(LocalePref::Fixed(l))
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            LocalePref::Auto => "auto",
            LocalePref::Fixed(l) => l.as_str(),
        }
    }
}

/// q-values have at most three decimals: keep them as thousandths.
fn parse_q(s: &str) -> u16 {
    let s = s.trim();
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let int: u16 = match int {
        "0" => 0,
        "1" => 1000,
        _ => return 0,
    };
    let mut frac: String = frac.chars().take(3).collect();
    while frac.len() < 3 {
        frac.push('0');
    }
    (int + frac.parse::<u16>().unwrap_or(0)).min(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_locale_knows_its_place_in_all() {
        for (at, locale) in Locale::ALL.iter().enumerate() {
            assert_eq!(locale.index(), at);
        }
    }

    #[test]
    fn parses_tags() {
        assert_eq!(Locale::parse("pt-MZ"), Some(Locale::Pt));
        assert_eq!(Locale::parse("EN_us"), Some(Locale::En));
        assert_eq!(Locale::parse("fr-CI"), Some(Locale::Fr));
        assert_eq!(Locale::parse("sw-KE"), Some(Locale::Sw));
        assert_eq!(Locale::parse("de"), None);
        assert_eq!(LocalePref::parse("sw"), Some(LocalePref::Fixed(Locale::Sw)));
        assert_eq!(LocalePref::parse("auto"), Some(LocalePref::Auto));
        assert_eq!(LocalePref::parse("pt"), Some(LocalePref::Fixed(Locale::Pt)));
        assert_eq!(LocalePref::parse("pt-BR"), None);
        assert_eq!(LocalePref::parse("de"), None);
    }

    #[test]
    fn accept_language_with_q_values() {
        assert_eq!(
            Locale::from_accept_language("pt-PT,pt;q=0.9,en;q=0.8"),
            Some(Locale::Pt)
        );
        assert_eq!(
            Locale::from_accept_language("de-DE, en;q=0.5, pt;q=0.7"),
            Some(Locale::Pt)
        );
        assert_eq!(
            Locale::from_accept_language("en;q=0.1, pt;q=0"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_accept_language("de, fr;q=0.8"),
            Some(Locale::Fr)
        );
        assert_eq!(
            Locale::from_accept_language("sw-TZ,sw;q=0.9,en;q=0.5"),
            Some(Locale::Sw)
        );
        assert_eq!(Locale::from_accept_language("de, nl"), None);
        assert_eq!(Locale::from_accept_language(""), None);
    }

    #[test]
    fn first_match_wins() {
        use LocaleSource::*;
        let auto = LocalePref::Auto;
        let fixed = LocalePref::Fixed(Locale::Pt);
        let n = Locale::negotiate;
        assert_eq!(
            n(fixed, Some("en"), Some("fr"), Some("en")),
            (Locale::Pt, Merchant)
        );
        assert_eq!(
            n(auto, Some("pt"), Some("fr"), Some("en")),
            (Locale::Pt, Query)
        );
        assert_eq!(
            n(auto, Some("xx"), Some("fr"), Some("pt")),
            (Locale::Fr, Remembered)
        );
        assert_eq!(n(auto, None, Some("zz"), Some("sw")), (Locale::Sw, Browser));
        assert_eq!(
            n(auto, None, Some("fr-XX"), Some("sw")),
            (Locale::Sw, Browser)
        );
        assert_eq!(n(auto, None, None, Some("de")), (Locale::En, Default));
        assert_eq!(n(auto, None, None, None), (Locale::En, Default));
        assert!(Browser.is_a_guess() && Default.is_a_guess());
        assert!(!Query.is_a_guess() && !Remembered.is_a_guess() && !Merchant.is_a_guess());
    }
}
