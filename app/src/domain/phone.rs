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
}

impl PhoneError {
    /// Stable code, used in API errors and as the Fluent message id suffix.
    pub fn code(&self) -> &'static str {
        match self {
            PhoneError::Empty => "phone_missing",
            PhoneError::InvalidCharacters => "phone_invalid_characters",
            PhoneError::WrongCountry => "phone_wrong_country",
            PhoneError::WrongLength => "phone_wrong_length",
            PhoneError::WrongNetwork => "phone_wrong_network",
            PhoneError::NotMobileMoney => "phone_not_supported",
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
/// returns whether the number started with `+`, and its digits.
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
        match ch {
            '0'..='9' => digits.push(ch),
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(PhoneError::InvalidCharacters),
        }
    }
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    Ok((plus, digits))
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
