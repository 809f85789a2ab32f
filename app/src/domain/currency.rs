//! ISO 4217 currencies and their real minor-unit exponents.

use super::field::{Field, FieldError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A currency we can price a checkout in. Stored and sent as the upper-case
/// ISO 4217 code; accepted from merchants in either case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

/// (code, exponent). Africa first (our buyers), then the usual majors.
/// Exponents follow ISO 4217's "minor unit" column.
const TABLE: &[(&str, u8)] = &[
    ("AOA", 2),
    ("BIF", 0),
    ("BWP", 2),
    ("CDF", 2),
    ("DJF", 0),
    ("DZD", 2),
    ("EGP", 2),
    ("ETB", 2),
    ("GHS", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("KES", 2),
    ("KMF", 0),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MGA", 2),
    ("MUR", 2),
    ("MWK", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("RWF", 0),
    ("SCR", 2),
    ("SLE", 2),
    ("SZL", 2),
    ("TND", 3),
    ("TZS", 2),
    ("UGX", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
    ("AED", 2),
    ("AUD", 2),
    ("BHD", 3),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CNY", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("INR", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("OMR", 3),
    ("USD", 2),
];

impl Currency {
    /// Every code we know, African currencies first.
    pub fn codes() -> impl Iterator<Item = &'static str> {
        TABLE.iter().map(|(c, _)| *c)
    }

    /// Looks a code up case-insensitively; `None` for codes we do not know.
    pub fn parse(code: &str) -> Option<Currency> {
        let upper = code.trim().to_ascii_uppercase();
        TABLE
            .iter()
            .find(|(c, _)| *c == upper)
            .map(|(c, exponent)| Currency {
                code: c.as_bytes().try_into().expect("codes are three bytes"),
                exponent: *exponent,
            })
    }

    /// The currency a request's `field` names, or why it is refused.
    pub fn of_field(code: &str, field: Field) -> Result<Currency, FieldError> {
        Currency::parse(code).ok_or_else(|| {
            FieldError::new(
                "currency_unsupported",
                field,
                format!("`{code}` is not a currency we accept"),
            )
        })
    }

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).expect("codes are ASCII")
    }

    /// Number of digits after the decimal separator (USD 2, XOF 0, KWD 3).
    pub fn exponent(&self) -> u8 {
        self.exponent
    }

    /// Every currency we accept, for documentation and error messages.
    pub fn all() -> impl Iterator<Item = Currency> {
        TABLE.iter().filter_map(|(c, _)| Currency::parse(c))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Currency::parse(&value).ok_or_else(|| format!("unknown currency `{value}`"))
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.code().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_either_case_and_keeps_upper_case() {
        assert_eq!(Currency::parse("mzn").unwrap().code(), "MZN");
        assert_eq!(Currency::parse(" Usd ").unwrap().code(), "USD");
        assert_eq!(Currency::parse("XYZ"), None);
        assert_eq!(Currency::parse(""), None);
        assert_eq!(Currency::parse("USDX"), None);
    }

    #[test]
    fn real_exponents() {
        for (code, exp) in [
            ("USD", 2),
            ("MZN", 2),
            ("KES", 2),
            ("ZWG", 2),
            ("XOF", 0),
            ("UGX", 0),
            ("JPY", 0),
            ("KWD", 3),
        ] {
            assert_eq!(Currency::parse(code).unwrap().exponent(), exp, "{code}");
        }
    }

    #[test]
    fn table_has_no_duplicates() {
        let mut codes: Vec<_> = TABLE.iter().map(|(c, _)| *c).collect();
        codes.sort();
        let before = codes.len();
        codes.dedup();
        assert_eq!(before, codes.len());
    }

    #[test]
    fn serde_round_trip() {
        let c: Currency = serde_json::from_str("\"xof\"").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"XOF\"");
        assert!(serde_json::from_str::<Currency>("\"ABC\"").is_err());
    }
}
