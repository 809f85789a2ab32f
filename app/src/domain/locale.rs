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
    Af,
    Am,
    Ar,
    Ha,
    Lg,
    Ln,
    Mg,
    Ny,
    Rw,
    Sn,
    So,
    Xh,
    Yo,
    Zu,
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
    pub const ALL: [Locale; 18] = [
        Locale::En,
        Locale::Pt,
        Locale::Fr,
        Locale::Sw,
        Locale::Af,
        Locale::Am,
        Locale::Ar,
        Locale::Ha,
        Locale::Lg,
        Locale::Ln,
        Locale::Mg,
        Locale::Ny,
        Locale::Rw,
        Locale::Sn,
        Locale::So,
        Locale::Xh,
        Locale::Yo,
        Locale::Zu,
    ];

    /// Every locale in the order the language menu lists them: by its own
    /// name, as a buyer looks for it (letters before other scripts).
    pub const MENU: [Locale; 18] = [
        Locale::Af,
        Locale::Ny,
        Locale::Sn,
        Locale::En,
        Locale::Fr,
        Locale::Ha,
        Locale::Xh,
        Locale::Zu,
        Locale::Rw,
        Locale::Sw,
        Locale::Ln,
        Locale::Lg,
        Locale::Mg,
        Locale::Pt,
        Locale::So,
        Locale::Yo,
        Locale::Ar,
        Locale::Am,
    ];

    /// Where this locale stands in [`Locale::ALL`]: the index of anything
    /// kept once per locale.
    pub fn index(self) -> usize {
        Locale::ALL
            .iter()
            .position(|l| *l == self)
            .expect("ALL lists every locale")
    }

    /// The language's code (ISO 639-1), as `lang`, the API and URLs write it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Pt => "pt",
            Locale::Fr => "fr",
            Locale::Sw => "sw",
            Locale::Af => "af",
            Locale::Am => "am",
            Locale::Ar => "ar",
            Locale::Ha => "ha",
            Locale::Lg => "lg",
            Locale::Ln => "ln",
            Locale::Mg => "mg",
            Locale::Ny => "ny",
            Locale::Rw => "rw",
            Locale::Sn => "sn",
            Locale::So => "so",
            Locale::Xh => "xh",
            Locale::Yo => "yo",
            Locale::Zu => "zu",
        }
    }

    /// The language's name in itself, for the language switcher (CLDR's,
    /// but Chichewa and Yorùbá as their speakers name them).
    pub fn endonym(&self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Pt => "Português",
            Locale::Fr => "Français",
            Locale::Sw => "Kiswahili",
            Locale::Af => "Afrikaans",
            Locale::Am => "አማርኛ",
            Locale::Ar => "العربية",
            Locale::Ha => "Hausa",
            Locale::Lg => "Luganda",
            Locale::Ln => "Lingála",
            Locale::Mg => "Malagasy",
            Locale::Ny => "Chichewa",
            Locale::Rw => "Kinyarwanda",
            Locale::Sn => "chiShona",
            Locale::So => "Soomaali",
            Locale::Xh => "isiXhosa",
            Locale::Yo => "Yorùbá",
            Locale::Zu => "isiZulu",
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
        Locale::ALL.into_iter().find(|l| l.as_str() == lang)
    }

    /// How money is written, from CLDR 45's number symbols and currency
    /// pattern for the language (an ISO code takes the
    /// `alphaNextToNumber` pattern where the language has one).
    pub fn number_style(&self) -> NumberStyle {
        match self {
            Locale::Pt => NumberStyle::PT,
            Locale::Fr => NumberStyle::FR,
            Locale::Af => NumberStyle::AF,
            Locale::Xh => NumberStyle::XH,
            Locale::Rw | Locale::Ln => NumberStyle::RW,
            Locale::Lg => NumberStyle::LG,
            Locale::Ar => NumberStyle::AR,
            Locale::Sw => NumberStyle::SW,
            Locale::En
            | Locale::Am
            | Locale::Ha
            | Locale::Mg
            | Locale::Ny
            | Locale::Sn
            | Locale::So
            | Locale::Yo
            | Locale::Zu => NumberStyle::EN,
        }
    }

    /// Arabic is written right to left; every other language we speak left
    /// to right.
    pub fn is_rtl(&self) -> bool {
        matches!(self, Locale::Ar)
    }

    /// The page's `dir` attribute.
    pub fn dir(&self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
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
        // Only bare language codes here: the API documents each code of
        // `Locale::ALL` and `auto`.
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

/// A digit as `0`-`9`, whichever digits the buyer's keyboard typed: Latin,
/// Arabic-Indic (`٠`-`٩`, an Arabic phone keypad in Egypt or Sudan) or
/// Extended Arabic-Indic (`۰`-`۹`). `None` for anything else.
pub fn latin_digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{660}'..='\u{669}' => '\u{660}',
        '\u{6f0}'..='\u{6f9}' => '\u{6f0}',
        _ => return None,
    };
    char::from_digit(u32::from(c) - u32::from(zero), 10)
}

/// `s` with every digit written as a Latin one, the rest unchanged.
pub fn latin_digits(s: &str) -> String {
    s.chars().map(|c| latin_digit(c).unwrap_or(c)).collect()
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
    fn digits_from_any_keypad_read_as_latin() {
        assert_eq!(latin_digits("٠٨٤ ١٢٣ ٤٥٦٧"), "084 123 4567");
        assert_eq!(latin_digits("۱۲/۳۰"), "12/30");
        assert_eq!(latin_digits("+258 84"), "+258 84");
        assert_eq!(latin_digit('x'), None);
        assert_eq!(latin_digit('٩'), Some('9'));
    }

    #[test]
    fn each_locale_knows_its_place_in_all() {
        for (at, locale) in Locale::ALL.iter().enumerate() {
            assert_eq!(locale.index(), at);
        }
    }

    #[test]
    fn the_menu_lists_every_locale_once_by_its_own_name() {
        let mut menu = Locale::MENU.to_vec();
        menu.sort_by_key(|l| l.index());
        assert_eq!(menu, Locale::ALL.to_vec());
        // Latin letters without their accents, case ignored; other scripts after.
        let fold = |c: char| match c {
            'á' | 'à' | 'â' | 'ã' => 'a',
            'é' | 'è' | 'ê' => 'e',
            'ó' | 'ò' | 'ô' | 'õ' => 'o',
            'ú' | 'ù' => 'u',
            'ç' => 'c',
            c => c,
        };
        let key = |l: &Locale| {
            let name: String = l.endonym().to_lowercase().chars().map(fold).collect();
            (!name.is_ascii(), name)
        };
        let keys: Vec<_> = Locale::MENU.iter().map(key).collect();
        assert!(keys.is_sorted(), "{keys:?}");
    }

    #[test]
    fn money_is_written_as_each_language_writes_it() {
        use crate::domain::{Currency, Money};
        let m = Money::new(265_000, Currency::parse("MZN").unwrap());
        let written = |l: Locale| {
            m.format(l.number_style())
                .replace(['\u{a0}', '\u{202f}'], " ")
        };
        for (l, expected) in [
            (Locale::En, "MZN 2,650.00"),
            (Locale::Pt, "2.650,00 MZN"),
            (Locale::Fr, "2 650,00 MZN"),
            (Locale::Sw, "MZN 2,650.00"),
            (Locale::Af, "MZN 2 650,00"),
            (Locale::Am, "MZN 2,650.00"),
            (Locale::Ha, "MZN 2,650.00"),
            (Locale::Lg, "2,650.00 MZN"),
            (Locale::Ln, "MZN 2.650,00"),
            (Locale::Mg, "MZN 2,650.00"),
            (Locale::Ny, "MZN 2,650.00"),
            (Locale::Rw, "MZN 2.650,00"),
            (Locale::Sn, "MZN 2,650.00"),
            (Locale::So, "MZN 2,650.00"),
            (Locale::Xh, "MZN 2 650.00"),
            (Locale::Yo, "MZN 2,650.00"),
            (Locale::Zu, "MZN 2,650.00"),
            (Locale::Ar, "\u{200f}2,650.00 MZN"),
        ] {
            assert_eq!(written(l), expected, "{l:?}");
        }
    }

    #[test]
    fn parses_tags() {
        assert_eq!(Locale::parse("pt-MZ"), Some(Locale::Pt));
        assert_eq!(Locale::parse("EN_us"), Some(Locale::En));
        assert_eq!(Locale::parse("fr-CI"), Some(Locale::Fr));
        assert_eq!(Locale::parse("sw-KE"), Some(Locale::Sw));
        assert_eq!(Locale::parse("de"), None);
        assert_eq!(Locale::parse("zu-ZA"), Some(Locale::Zu));
        assert_eq!(Locale::parse("rw"), Some(Locale::Rw));
        assert_eq!(Locale::parse("ny-MW"), Some(Locale::Ny));
        for l in Locale::ALL {
            assert_eq!(Locale::parse(l.as_str()), Some(l));
            assert_eq!(LocalePref::parse(l.as_str()), Some(LocalePref::Fixed(l)));
        }
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
        assert_eq!(
            Locale::from_accept_language("en-ZW;q=0.5, sn-ZW"),
            Some(Locale::Sn)
        );
        assert_eq!(
            Locale::from_accept_language("so-SO, ar;q=0.8"),
            Some(Locale::So)
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
