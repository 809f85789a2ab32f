//! Money: an integer number of minor units in a currency. Never a float.

use super::currency::Currency;
use super::field::{Field, FieldError};
use serde::{Deserialize, Serialize};

/// The largest amount we accept on one checkout, in minor units. Far above any
/// real purchase, far below `i64::MAX`, so sums of line items cannot overflow
/// once each part has been checked.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Minor units: cents for USD, whole francs for XOF.
    pub minor: i64,
    pub currency: Currency,
}

/// How a language writes numbers and where it puts the currency code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberStyle {
    pub group: &'static str,
    pub decimal: char,
    /// `MZN 2,500.00` (true) or `2.500,00 MZN` (false).
    pub code_first: bool,
    /// CLDR's minimumGroupingDigits: 2 means `2500` but `25 000`.
    pub min_grouping_digits: usize,
    /// What CLDR's pattern puts before the amount: the right-to-left mark
    /// for Arabic (`\u{200f}`), so the amount lines up with the sentence
    /// around it; nothing elsewhere.
    pub mark: &'static str,
}

impl NumberStyle {
    /// English: `MZN 2,500.00`.
    pub const EN: NumberStyle = NumberStyle {
        group: ",",
        decimal: '.',
        code_first: true,
        min_grouping_digits: 1,
        mark: "",
    };
    /// Portuguese as Mozambican shops and banks write it: `2.500,00 MZN`.
    pub const PT: NumberStyle = NumberStyle {
        group: ".",
        decimal: ',',
        code_first: false,
        min_grouping_digits: 1,
        mark: "",
    };
    /// French (CLDR `fr`): `2 500,00 MZN`, grouped with a narrow no-break space.
    pub const FR: NumberStyle = NumberStyle {
        group: "\u{202f}",
        decimal: ',',
        code_first: false,
        min_grouping_digits: 1,
        mark: "",
    };
    /// Swahili (CLDR `sw`): `KES 2,500.00`, like English.
    pub const SW: NumberStyle = NumberStyle {
        group: ",",
        decimal: '.',
        code_first: true,
        min_grouping_digits: 1,
        mark: "",
    };
    /// Afrikaans (CLDR `af`): `ZAR 2 500,00`, grouped with a no-break space.
    pub const AF: NumberStyle = NumberStyle {
        group: "\u{a0}",
        decimal: ',',
        code_first: true,
        min_grouping_digits: 1,
        mark: "",
    };
    /// Xhosa (CLDR `xh`): `ZAR 2 500.00`.
    pub const XH: NumberStyle = NumberStyle {
        group: "\u{a0}",
        decimal: '.',
        code_first: true,
        min_grouping_digits: 1,
        mark: "",
    };
    /// Kinyarwanda and Lingala (CLDR `rw`, and `ln`'s pattern for a code):
    /// `RWF 2.500` / `CDF 2.500,00`.
    pub const RW: NumberStyle = NumberStyle {
        group: ".",
        decimal: ',',
        code_first: true,
        min_grouping_digits: 1,
        mark: "",
    };
    /// Luganda (CLDR `lg`): `2,500 UGX`, the code after the number.
    pub const LG: NumberStyle = NumberStyle {
        group: ",",
        decimal: '.',
        code_first: false,
        min_grouping_digits: 1,
        mark: "",
    };
    /// Arabic (CLDR 48 `ar`, the language without a region: Latin digits):
    /// `\u{200f}2,500.00 MZN`. CLDR gives Arabic-Indic digits to `ar-EG`,
    /// `ar-SD`, `ar-SO`, `ar-DJ`, `ar-KM`, `ar-MR`, `ar-TD` and others;
    /// Lipa keeps one style per language and follows CLDR's `ar`.
    pub const AR: NumberStyle = NumberStyle {
        group: ",",
        decimal: '.',
        code_first: false,
        min_grouping_digits: 1,
        mark: "\u{200f}",
    };
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// An amount written in major units as a decimal (`"50"`, `"50.5"`,
    /// `"1750.25"`), as some gateways take it: exact, never through a float.
    /// More decimals than the currency has, signs, exponents or anything
    /// over [`MAX_AMOUNT`] are refused.
    pub fn from_major(text: &str, currency: Currency) -> Option<Money> {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let exponent = usize::from(currency.exponent());
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) {
            return None;
        }
        if text.contains('.') && fraction.is_empty() {
            return None;
        }
        // Trailing zeros beyond the exponent say nothing: 50.000 MZN is fine.
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() > exponent || whole.len() > 15 {
            return None;
        }
        let scale = 10i64.pow(exponent as u32);
        let padded = format!("{fraction:0<exponent$}");
        let minor = whole.parse::<i64>().ok()?.checked_mul(scale)?
            + if exponent == 0 {
                0
            } else {
                padded.parse::<i64>().ok()?
            };
        (minor <= MAX_AMOUNT).then_some(Money { minor, currency })
    }

    /// A request's amount in major units (`50`, `1750.25`), at least
    /// `at_least` minor units: the checked field, or why it is refused.
    pub fn major_amount(
        text: &str,
        currency: Currency,
        at_least: i64,
        field: Field,
    ) -> Result<Money, FieldError> {
        Money::from_major(text, currency)
            .filter(|m| m.minor >= at_least)
            .ok_or_else(|| {
                let least = Money::new(at_least, currency).short();
                FieldError::invalid(
                    field,
                    format!(
                        "is in major units: at least {least}, with at most {} decimals",
                        currency.exponent()
                    ),
                )
            })
    }

    /// What a buyer typed as an amount in major units, in their habits:
    /// `1750`, `1750.50`, `1750,50`, `1 750,50`, `1.750,50`, `1,750.50`,
    /// and with an Arabic keypad's digits and separators (`١٧٥٠٫٥٠`).
    pub fn from_typed(text: &str, currency: Currency) -> Option<Money> {
        let t: String = super::locale::latin_digits(text)
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{66c}'))
            .map(|c| if c == '\u{66b}' { '.' } else { c })
            .collect();
        // The last separator, if followed by 1 to 3 digits and the currency
        // has decimals, is the decimal one; the others group thousands.
        let last = t.rfind(['.', ',']);
        let normal = match last {
            Some(i)
                if currency.exponent() > 0
                    && t.len() - i - 1 <= usize::from(currency.exponent()) =>
            {
                let (whole, fraction) = t.split_at(i);
                format!("{}.{}", whole.replace(['.', ','], ""), &fraction[1..])
            }
            _ => t.replace(['.', ','], ""),
        };
        Money::from_major(&normal, currency)
    }

    /// `50.00 XOF`-like: the amount with all its decimals and the code after,
    /// without grouping (for APIs, not for people).
    pub fn plain(&self) -> String {
        let e = u32::from(self.currency.exponent());
        let code = self.currency.code();
        if e == 0 {
            return format!("{} {code}", self.minor);
        }
        let scale = 10i64.pow(e);
        format!(
            "{}.{:0width$} {code}",
            self.minor / scale,
            self.minor % scale,
            width = e as usize
        )
    }

    /// `50 XOF`, `50.5 MZN`: without trailing zeros.
    pub fn short(&self) -> String {
        let plain = self.plain();
        let (number, code) = plain.split_once(' ').unwrap_or((&plain, ""));
        let number = if number.contains('.') {
            number.trim_end_matches('0').trim_end_matches('.')
        } else {
            number
        };
        format!("{number} {code}")
    }

    /// Formats for display, e.g. `MZN 2,500.00` or `XOF 5,000`. The space between
    /// code and number is a no-break space so the two never wrap apart.
    pub fn format(&self, style: NumberStyle) -> String {
        let number = self.format_number(style);
        let mark = style.mark;
        if style.code_first {
            format!("{mark}{}\u{a0}{number}", self.currency.code())
        } else {
            format!("{mark}{number}\u{a0}{}", self.currency.code())
        }
    }

    /// The number alone, grouped and with the currency's own decimals.
    pub fn format_number(&self, style: NumberStyle) -> String {
        let exp = u32::from(self.currency.exponent());
        let divisor = 10u64.pow(exp);
        let abs = self.minor.unsigned_abs();
        let (major, minor) = (abs / divisor, abs % divisor);

        let digits = major.to_string();
        let grouped = if digits.len() >= 3 + style.min_grouping_digits {
            group_thousands(&digits, style.group)
        } else {
            digits
        };
        let sign = if self.minor < 0 { "-" } else { "" };
        if exp == 0 {
            format!("{sign}{grouped}")
        } else {
            format!(
                "{sign}{grouped}{}{:0width$}",
                style.decimal,
                minor,
                width = exp as usize
            )
        }
    }
}

fn group_thousands(digits: &str, sep: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn major_units_convert_exactly() {
        let mzn = Currency::parse("MZN").unwrap();
        let xof = Currency::parse("XOF").unwrap();
        let kwd = Currency::parse("KWD").unwrap();
        let m = |s: &str, c| Money::from_major(s, c).map(|m| m.minor);
        assert_eq!(m("50", mzn), Some(5000));
        assert_eq!(m("50.5", mzn), Some(5050));
        assert_eq!(m("1750.25", mzn), Some(175025));
        assert_eq!(m("0.10", mzn), Some(10));
        assert_eq!(m("50.000", mzn), Some(5000));
        assert_eq!(m("50", xof), Some(50));
        assert_eq!(m("1.234", kwd), Some(1234));
        for bad in [
            "",
            ".5",
            "5.",
            "-5",
            "+5",
            "5e2",
            "1,5",
            "50.001",
            "abc",
            "9999999999999999",
        ] {
            assert_eq!(m(bad, mzn), None, "{bad}");
        }
        assert_eq!(m("50.5", xof), None, "XOF has no decimals");
        let typed = |s: &str, c| Money::from_typed(s, c).map(|m| m.minor);
        assert_eq!(typed("1750", mzn), Some(175000));
        assert_eq!(typed("1750,50", mzn), Some(175050));
        assert_eq!(typed("1 750,50", mzn), Some(175050));
        assert_eq!(typed("1.750,50", mzn), Some(175050));
        assert_eq!(typed("1,750.50", mzn), Some(175050));
        assert_eq!(typed("1,750", xof), Some(1750));
        // An Arabic keypad: Arabic-Indic digits, its decimal and group marks.
        assert_eq!(typed("١٧٥٠٫٥٠", mzn), Some(175050));
        assert_eq!(typed("١٬٧٥٠٫٥٠", mzn), Some(175050));
        assert_eq!(typed("-5", mzn), None);
        assert_eq!(typed("", mzn), None);
        assert_eq!(Money::new(5000, mzn).plain(), "50.00 MZN");
        assert_eq!(Money::new(5000, mzn).short(), "50 MZN");
        assert_eq!(Money::new(5050, mzn).short(), "50.5 MZN");
        assert_eq!(Money::new(50, xof).plain(), "50 XOF");
        assert_eq!(Money::new(50, xof).short(), "50 XOF");
    }

    fn c(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn english_format_uses_code_first_and_commas() {
        assert_eq!(
            Money::new(250_000, c("MZN")).format(NumberStyle::EN),
            "MZN\u{a0}2,500.00"
        );
        assert_eq!(
            Money::new(5, c("USD")).format(NumberStyle::EN),
            "USD\u{a0}0.05"
        );
        assert_eq!(
            Money::new(123_456_789, c("KES")).format(NumberStyle::EN),
            "KES\u{a0}1,234,567.89"
        );
    }

    #[test]
    fn zero_decimal_currencies_have_no_decimals() {
        assert_eq!(
            Money::new(5000, c("XOF")).format(NumberStyle::EN),
            "XOF\u{a0}5,000"
        );
        assert_eq!(
            Money::new(75, c("UGX")).format(NumberStyle::PT),
            "75\u{a0}UGX"
        );
    }

    #[test]
    fn three_decimal_currencies() {
        assert_eq!(
            Money::new(1_234, c("KWD")).format(NumberStyle::EN),
            "KWD\u{a0}1.234"
        );
    }

    #[test]
    fn portuguese_groups_with_dots_and_puts_the_code_last() {
        assert_eq!(
            Money::new(250_000, c("MZN")).format(NumberStyle::PT),
            "2.500,00\u{a0}MZN"
        );
        assert_eq!(
            Money::new(2_500_000, c("MZN")).format(NumberStyle::PT),
            "25.000,00\u{a0}MZN"
        );
        assert_eq!(
            Money::new(99_900, c("MZN")).format(NumberStyle::PT),
            "999,00\u{a0}MZN"
        );
    }

    #[test]
    fn french_and_swahili() {
        assert_eq!(
            Money::new(1_250_000, c("XOF")).format(NumberStyle::FR),
            "1\u{202f}250\u{202f}000\u{a0}XOF"
        );
        assert_eq!(
            Money::new(265_000, c("MZN")).format(NumberStyle::FR),
            "2\u{202f}650,00\u{a0}MZN"
        );
        assert_eq!(
            Money::new(265_000, c("KES")).format(NumberStyle::SW),
            "KES\u{a0}2,650.00"
        );
        assert_eq!(
            Money::new(-5, c("USD")).format(NumberStyle::SW),
            "USD\u{a0}-0.05"
        );
    }

    #[test]
    fn parses_major_units_without_floats() {
        assert_eq!(Money::from_major("50", c("XOF")).unwrap().minor, 50);
        assert_eq!(Money::from_major("50.5", c("USD")).unwrap().minor, 5050);
        assert_eq!(Money::from_major("0.01", c("USD")).unwrap().minor, 1);
        assert_eq!(Money::from_major("19.990", c("USD")).unwrap().minor, 1999);
        // 0.1 + 0.2 style float traps do not exist here.
        assert_eq!(Money::from_major("0.30", c("MZN")).unwrap().minor, 30);
        assert!(Money::from_major("50.5", c("XOF")).is_none());
        assert!(Money::from_major("1.001", c("USD")).is_none());
        assert!(Money::from_major("-1", c("USD")).is_none());
        assert!(Money::from_major("1e3", c("USD")).is_none());
        assert!(Money::from_major("", c("USD")).is_none());
        assert!(Money::from_major("99999999999999999999", c("USD")).is_none());
    }
}
