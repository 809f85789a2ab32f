//! Phone numbers: E.164 checks and per-network normalisation of what buyers type.

use serde::{Deserialize, Serialize};

/// What a mobile-money network accepts: a country calling code, the length of
/// the national number and the operator prefixes of that network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhoneRule {
    pub country_code: &'static str,
    pub national_len: usize,
    pub prefixes: &'static [&'static str],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneError {
    Empty,
    InvalidCharacters,
    WrongCountry,
    WrongLength,
    WrongNetwork,
    NotMobileMoney,
    /// The merchant restricted the checkout to another number.
    NotAllowed,
}

impl PhoneError {
    pub const ALL: [PhoneError; 7] = [
        PhoneError::Empty,
        PhoneError::InvalidCharacters,
        PhoneError::WrongCountry,
        PhoneError::WrongLength,
        PhoneError::WrongNetwork,
        PhoneError::NotMobileMoney,
        PhoneError::NotAllowed,
    ];

    /// Stable code, used in API errors and as the Fluent message id suffix.
    pub fn code(&self) -> &'static str {
        match self {
            PhoneError::Empty => "phone_missing",
            PhoneError::InvalidCharacters => "phone_invalid_characters",
            PhoneError::WrongCountry => "phone_wrong_country",
            PhoneError::WrongLength => "phone_wrong_length",
            PhoneError::WrongNetwork => "phone_wrong_network",
            PhoneError::NotMobileMoney => "phone_not_supported",
            PhoneError::NotAllowed => "phone_not_allowed",
        }
    }
}

impl PhoneRule {
    pub const fn new(
        country_code: &'static str,
        national_len: usize,
        prefixes: &'static [&'static str],
    ) -> PhoneRule {
        PhoneRule {
            country_code,
            national_len,
            prefixes,
        }
    }

    /// Accepts `+258 84 000 0000`, `00258840000000`, `258840000000`,
    /// `840000000` and, where the country uses a trunk zero, `0712345678`.
    /// Returns the E.164 form.
    pub fn normalise(&self, input: &str) -> Result<String, PhoneError> {
        let (plus, digits) = digits_of(input)?;
        let cc = self.country_code;
        let national = if plus {
            digits.strip_prefix(cc).ok_or(PhoneError::WrongCountry)?
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest.strip_prefix(cc).ok_or(PhoneError::WrongCountry)?
        } else if digits.len() == self.national_len {
            digits.as_str()
        } else if digits.len() == self.national_len + 1 && digits.starts_with('0') {
            &digits[1..]
        } else if digits.len() == cc.len() + self.national_len && digits.starts_with(cc) {
            &digits[cc.len()..]
        } else {
            return Err(PhoneError::WrongLength);
        };
        if national.len() != self.national_len {
            return Err(PhoneError::WrongLength);
        }
        if !self.prefixes.iter().any(|p| national.starts_with(p)) {
            return Err(PhoneError::WrongNetwork);
        }
        Ok(format!("+{cc}{national}"))
    }
}

/// Strips the separators people type (spaces, dashes, dots, brackets) and
/// returns whether the number started with `+`, and its digits (Latin,
/// whatever digits the keypad typed).
fn digits_of(input: &str) -> Result<(bool, String), PhoneError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(PhoneError::Empty);
    }
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut digits = String::with_capacity(rest.len());
    for ch in rest.chars() {
        if let Some(d) = super::locale::latin_digit(ch) {
            digits.push(d);
            continue;
        }
        match ch {
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(PhoneError::InvalidCharacters),
        }
    }
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    Ok((plus, digits))
}

/// Calling codes by ISO 3166 alpha-2 country, for the countries merchants
/// restrict a checkout to (Africa, where our methods work, and a few more).
const CALLING_CODES: &[(&str, &str)] = &[
    ("AO", "244"),
    ("BF", "226"),
    ("BI", "257"),
    ("BJ", "229"),
    ("BW", "267"),
    ("CD", "243"),
    ("CG", "242"),
    ("CI", "225"),
    ("CM", "237"),
    ("EG", "20"),
    ("ET", "251"),
    ("GA", "241"),
    ("GH", "233"),
    ("GM", "220"),
    ("GN", "224"),
    ("KE", "254"),
    ("LS", "266"),
    ("LR", "231"),
    ("MA", "212"),
    ("MG", "261"),
    ("ML", "223"),
    ("MW", "265"),
    ("MZ", "258"),
    ("NA", "264"),
    ("NE", "227"),
    ("NG", "234"),
    ("RW", "250"),
    ("SL", "232"),
    ("SN", "221"),
    ("SZ", "268"),
    ("TD", "235"),
    ("TG", "228"),
    ("TZ", "255"),
    ("UG", "256"),
    ("ZA", "27"),
    ("ZM", "260"),
    ("ZW", "263"),
    ("PT", "351"),
    ("BR", "55"),
    ("GB", "44"),
    ("US", "1"),
    ("FR", "33"),
];

/// The calling code of a country (`MZ` → `258`), any case.
pub fn calling_code(alpha2: &str) -> Option<&'static str> {
    let upper = alpha2.trim().to_ascii_uppercase();
    CALLING_CODES
        .iter()
        .find(|(c, _)| *c == upper)
        .map(|(_, code)| *code)
}

/// A number in E.164: as given if it already is (`+258840000000`), else a
/// national number (`0840000000`, `840000000`) or one with the calling code
/// but no `+` (`258840000000`) in `alpha2`'s country.
pub fn normalise_in(number: &str, alpha2: Option<&str>) -> Option<String> {
    let digits: String = number
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect();
    if is_e164(&digits) {
        return Some(digits);
    }
    let country = alpha2?.trim().to_ascii_uppercase();
    let cc = calling_code(&country)?;
    // Côte d'Ivoire and Benin dial the leading 0 as part of the number.
    let keeps_zero = matches!(country.as_str(), "CI" | "BJ");
    let national = if digits.starts_with(cc) && digits.len() > cc.len() + 6 {
        &digits[cc.len()..]
    } else if keeps_zero {
        digits.as_str()
    } else {
        digits.trim_start_matches('0')
    };
    let e164 = format!("+{cc}{national}");
    is_e164(&e164).then_some(e164)
}

/// The calling code of an E.164 number (`+258840000000` → `258`).
pub fn calling_code_of(e164: &str) -> Option<String> {
    let digits = e164.strip_prefix('+').filter(|_| is_e164(e164))?;
    Some(digits[..country_code_len(digits)].to_owned())
}

/// Whether an E.164 number is in `alpha2`'s country (by calling code).
pub fn in_country(e164: &str, alpha2: &str) -> bool {
    let digits = e164.trim_start_matches('+');
    calling_code(alpha2).is_some_and(|cc| {
        digits.len() > cc.len() && country_code_len(digits) == cc.len() && digits.starts_with(cc)
    })
}

/// True for a number in E.164 form: `+`, a country code not starting with 0,
/// and 7 to 15 digits in all.
pub fn is_e164(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else {
        return false;
    };
    (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// Length of the country calling code at the start of an E.164 number's
/// digits, from the ITU's assignment (1, 2 or 3 digits).
fn country_code_len(digits: &str) -> usize {
    const TWO: &[&str] = &[
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
        "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
        "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ];
    match digits.as_bytes().first() {
        Some(b'1' | b'7') => 1,
        _ if TWO.iter().any(|p| digits.starts_with(p)) => 2,
        _ => 3,
    }
}

/// `+258840000000` as `+258 84 000 0000`, for reading; anything that is not
/// E.164 comes back as it was.
pub fn display_phone(e164: &str) -> String {
    let Some(digits) = e164.strip_prefix('+').filter(|_| is_e164(e164)) else {
        return e164.to_owned();
    };
    let (cc, national) = digits.split_at(country_code_len(digits));
    if national.len() < 6 {
        return e164.to_owned();
    }
    let (head, tail) = national.split_at(national.len() - 4);
    let (a, b) = head.split_at(head.len() - 3);
    if a.is_empty() {
        format!("+{cc} {b} {tail}")
    } else {
        format!("+{cc} {a} {b} {tail}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_a_country() {
        assert_eq!(calling_code("mz"), Some("258"));
        assert_eq!(calling_code("XX"), None);
        assert_eq!(
            normalise_in("+258 84 000 0000", None).as_deref(),
            Some("+258840000000")
        );
        assert_eq!(
            normalise_in("0840000000", Some("MZ")).as_deref(),
            Some("+258840000000")
        );
        assert_eq!(
            normalise_in("840000000", Some("MZ")).as_deref(),
            Some("+258840000000")
        );
        assert_eq!(
            normalise_in("254711223344", Some("KE")).as_deref(),
            Some("+254711223344")
        );
        assert_eq!(
            normalise_in("0711223344", Some("KE")).as_deref(),
            Some("+254711223344")
        );
        assert_eq!(normalise_in("0840000000", None), None);
        assert_eq!(
            normalise_in("0501234567", Some("CI")).as_deref(),
            Some("+2250501234567")
        );
        assert_eq!(normalise_in("abc", Some("MZ")), None);
        assert_eq!(calling_code_of("+258840000000").as_deref(), Some("258"));
        assert_eq!(calling_code_of("+27821234567").as_deref(), Some("27"));
        assert_eq!(calling_code_of("0840000000"), None);
        assert!(in_country("+258840000000", "MZ"));
        assert!(!in_country("+254711223344", "MZ"));
        assert!(in_country("+27821234567", "ZA"));
        assert!(!in_country("+27821234567", "KE"));
    }

    const MZ: PhoneRule = PhoneRule::new("258", 9, &["84", "85"]);
    const KE: PhoneRule = PhoneRule::new("254", 9, &["7", "1"]);

    #[test]
    fn every_way_of_writing_a_number() {
        for input in [
            "+258840000000",
            "+258 84 000 0000",
            "00258 84 000 0000",
            "258840000000",
            "840000000",
            "84-000-0000",
            "(84) 000.0000",
            // An Arabic phone keypad's digits.
            "٨٤ ٠٠٠ ٠٠٠٠",
        ] {
            assert_eq!(
                MZ.normalise(input).as_deref(),
                Ok("+258840000000"),
                "{input}"
            );
        }
        assert_eq!(KE.normalise("0712 345 678").as_deref(), Ok("+254712345678"));
    }

    #[test]
    fn refuses_with_the_reason() {
        assert_eq!(MZ.normalise("  "), Err(PhoneError::Empty));
        assert_eq!(MZ.normalise("+"), Err(PhoneError::Empty));
        assert_eq!(
            MZ.normalise("84 000 000a"),
            Err(PhoneError::InvalidCharacters)
        );
        assert_eq!(
            MZ.normalise("+254 712 345 678"),
            Err(PhoneError::WrongCountry)
        );
        assert_eq!(MZ.normalise("0025484000000"), Err(PhoneError::WrongCountry));
        assert_eq!(MZ.normalise("8400000"), Err(PhoneError::WrongLength));
        assert_eq!(MZ.normalise("+25884000000"), Err(PhoneError::WrongLength));
        assert_eq!(MZ.normalise("820000000"), Err(PhoneError::WrongNetwork));
    }

    #[test]
    fn e164() {
        assert!(is_e164("+258840000000"));
        assert!(is_e164("+14155552671"));
        assert!(!is_e164("258840000000"));
        assert!(!is_e164("+0258840000"));
        assert!(!is_e164("+25884"));
        assert!(!is_e164("+2588400000001234"));
        assert!(!is_e164("+258 84 000 0000"));
    }

    #[test]
    fn display_groups() {
        assert_eq!(display_phone("+258840000000"), "+258 84 000 0000");
        assert_eq!(display_phone("+254712345678"), "+254 71 234 5678");
        assert_eq!(display_phone("+2250512345678"), "+225 051 234 5678");
        assert_eq!(display_phone("+14155552671"), "+1 415 555 2671");
        assert_eq!(display_phone("+447700900123"), "+44 770 090 0123");
        assert_eq!(display_phone("not a phone"), "not a phone");
    }
}
