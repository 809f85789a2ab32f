//! Card details as typed by the buyer: brand detection, Luhn, expiry and
//! CVC checks. Used in the browser (as the buyer types) and on the server
//! (again, before anything reaches a connector). The full number lives only
//! in memory for the one request; only the brand and last four are kept.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Brand {
    Visa,
    Mastercard,
    Amex,
    Discover,
    Diners,
    Jcb,
    Unionpay,
    Verve,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardError {
    NumberMissing,
    NumberInvalid,
    NumberIncomplete,
    ExpiryInvalid,
    Expired,
    CvcInvalid,
    NameMissing,
}

impl CardError {
    pub const ALL: [CardError; 7] = [
        CardError::NumberMissing,
        CardError::NumberInvalid,
        CardError::NumberIncomplete,
        CardError::ExpiryInvalid,
        CardError::Expired,
        CardError::CvcInvalid,
        CardError::NameMissing,
    ];

    /// Stable code; also the Fluent message id suffix (`error-card_...`).
    pub fn code(&self) -> &'static str {
        match self {
            CardError::NumberMissing => "card_number_missing",
            CardError::NumberInvalid => "card_number_invalid",
            CardError::NumberIncomplete => "card_number_incomplete",
            CardError::ExpiryInvalid => "card_expiry_invalid",
            CardError::Expired => "card_expired",
            CardError::CvcInvalid => "card_cvc_invalid",
            CardError::NameMissing => "card_name_missing",
        }
    }

    /// Which input the error belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            CardError::NumberMissing | CardError::NumberInvalid | CardError::NumberIncomplete => {
                "card-number"
            }
            CardError::ExpiryInvalid | CardError::Expired => "card-expiry",
            CardError::CvcInvalid => "card-cvc",
            CardError::NameMissing => "card-name",
        }
    }
}

impl Brand {
    pub fn name(&self) -> &'static str {
        match self {
            Brand::Visa => "Visa",
            Brand::Mastercard => "Mastercard",
            Brand::Amex => "American Express",
            Brand::Discover => "Discover",
            Brand::Diners => "Diners Club",
            Brand::Jcb => "JCB",
            Brand::Unionpay => "UnionPay",
            Brand::Verve => "Verve",
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Brand::Visa => "visa",
            Brand::Mastercard => "mastercard",
            Brand::Amex => "amex",
            Brand::Discover => "discover",
            Brand::Diners => "diners",
            Brand::Jcb => "jcb",
            Brand::Unionpay => "unionpay",
            Brand::Verve => "verve",
        }
    }

    pub fn parse(s: &str) -> Option<Brand> {
        [
            Brand::Visa,
            Brand::Mastercard,
            Brand::Amex,
            Brand::Discover,
            Brand::Diners,
            Brand::Jcb,
            Brand::Unionpay,
            Brand::Verve,
        ]
        .into_iter()
        .find(|b| b.as_str() == s)
    }

    /// The brand from the first digits, as soon as they say (IIN ranges).
    pub fn detect(digits: &str) -> Option<Brand> {
        let n = |len: usize| digits.get(..len).and_then(|p| p.parse::<u32>().ok());
        let within = |len: usize, lo: u32, hi: u32| n(len).is_some_and(|v| (lo..=hi).contains(&v));
        // Verve (Nigeria) shares 50/65 prefixes; check it before Discover.
        if within(6, 506_099, 506_198) || within(6, 650_002, 650_027) {
            return Some(Brand::Verve);
        }
        if digits.starts_with('4') {
            Some(Brand::Visa)
        } else if within(2, 51, 55) || within(4, 2221, 2720) {
            Some(Brand::Mastercard)
        } else if within(2, 34, 34) || within(2, 37, 37) {
            Some(Brand::Amex)
        } else if within(4, 6011, 6011) || within(2, 65, 65) || within(3, 644, 649) {
            Some(Brand::Discover)
        } else if within(3, 300, 305) || within(2, 36, 36) || within(2, 38, 39) {
            Some(Brand::Diners)
        } else if within(4, 3528, 3589) {
            Some(Brand::Jcb)
        } else if within(2, 62, 62) {
            Some(Brand::Unionpay)
        } else {
            None
        }
    }

    /// Valid lengths of the full number.
    fn lengths(&self) -> &'static [usize] {
        match self {
            Brand::Amex => &[15],
            Brand::Diners => &[14, 16, 19],
            Brand::Visa => &[13, 16, 19],
            Brand::Verve => &[16, 18, 19],
            Brand::Unionpay | Brand::Discover | Brand::Jcb => &[16, 17, 18, 19],
            Brand::Mastercard => &[16],
        }
    }

    pub fn cvc_len(&self) -> usize {
        if *self == Brand::Amex { 4 } else { 3 }
    }
}

impl fmt::Display for Brand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The digits of a typed number, as Latin digits (an Arabic keypad types
/// `٤٢٤٢`): spaces and dashes dropped; `None` if anything else is in it.
pub fn digits(input: &str) -> Option<String> {
    let mut out = String::with_capacity(19);
    for c in input.chars() {
        match (super::locale::latin_digit(c), c) {
            (Some(d), _) => out.push(d),
            (None, ' ' | '-' | '\u{a0}') => {}
            _ => return None,
        }
    }
    Some(out)
}

/// The Luhn check digit test.
pub fn luhn(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Groups a number as it is printed on the card (`4242 4242 4242 4242`,
/// Amex `3782 822463 10005`). Counts characters, so any text is safe.
pub fn format_number(digits: &str) -> String {
    let groups: &[usize] = match Brand::detect(digits) {
        Some(Brand::Amex) => &[4, 6, 5],
        _ => &[4, 4, 4, 4, 3],
    };
    let chars: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for g in groups {
        if at >= chars.len() {
            break;
        }
        let end = (at + g).min(chars.len());
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(&chars[at..end]);
        at = end;
    }
    out.extend(&chars[at..]);
    out
}

/// Checks a whole number: digits only, Luhn, a known brand and its length.
pub fn check_number(input: &str) -> Result<(Brand, String), CardError> {
    let d = digits(input).ok_or(CardError::NumberInvalid)?;
    if d.is_empty() {
        return Err(CardError::NumberMissing);
    }
    let brand = Brand::detect(&d).ok_or(CardError::NumberInvalid)?;
    let max = *brand
        .lengths()
        .iter()
        .max()
        .expect("every brand has lengths");
    if d.len()
        < *brand
            .lengths()
            .iter()
            .min()
            .expect("every brand has lengths")
    {
        return Err(CardError::NumberIncomplete);
    }
    if d.len() > max || !brand.lengths().contains(&d.len()) || !luhn(&d) {
        return Err(CardError::NumberInvalid);
    }
    Ok((brand, d))
}

/// `MM/YY`, `MM / YY`, `MM/YYYY` or `MMYY` to (month, four-digit year),
/// refusing a card that expired before `(this_year, this_month)` or one
/// more than 20 years out.
pub fn check_expiry(input: &str, this_year: i32, this_month: u32) -> Result<(u32, i32), CardError> {
    let compact: String = super::locale::latin_digits(input)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (m, y) = match compact.split_once('/') {
        Some((m, y)) => (m.to_owned(), y.to_owned()),
        // Digits only, so byte positions are character positions.
        None if matches!(compact.len(), 4 | 6) && compact.bytes().all(|b| b.is_ascii_digit()) => {
            let (m, y) = compact.split_at(2);
            (m.to_owned(), y.to_owned())
        }
        None => return Err(CardError::ExpiryInvalid),
    };
    let month: u32 = m.parse().map_err(|_| CardError::ExpiryInvalid)?;
    let year: i32 = match y.len() {
        2 => 2000 + y.parse::<i32>().map_err(|_| CardError::ExpiryInvalid)?,
        4 => y.parse().map_err(|_| CardError::ExpiryInvalid)?,
        _ => return Err(CardError::ExpiryInvalid),
    };
    if !(1..=12).contains(&month) || year > this_year + 20 {
        return Err(CardError::ExpiryInvalid);
    }
    if (year, month) < (this_year, this_month) {
        return Err(CardError::Expired);
    }
    Ok((month, year))
}

pub fn check_cvc(input: &str, brand: Brand) -> Result<(), CardError> {
    let c = super::locale::latin_digits(input.trim());
    if c.len() == brand.cvc_len() && c.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(CardError::CvcInvalid)
    }
}

/// What the buyer typed in the card form.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CardInput {
    pub number: String,
    pub expiry: String,
    pub cvc: String,
    pub name: String,
}

/// Never print a card number or CVC, even by accident.
impl fmt::Debug for CardInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CardInput(..)")
    }
}

/// A card that passed every check. `number` must never be logged or stored.
#[derive(Clone)]
pub struct Card {
    pub brand: Brand,
    pub number: String,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
    pub name: String,
}

impl fmt::Debug for Card {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Card({} •••• {})", self.brand.as_str(), self.last4)
    }
}

impl CardInput {
    /// All checks, in the order the fields appear; the first failure wins.
    pub fn check(&self, this_year: i32, this_month: u32) -> Result<Card, CardError> {
        let (brand, number) = check_number(&self.number)?;
        let (exp_month, exp_year) = check_expiry(&self.expiry, this_year, this_month)?;
        check_cvc(&self.cvc, brand)?;
        let name = self.name.trim();
        if name.is_empty() {
            return Err(CardError::NameMissing);
        }
        let last4 = number[number.len() - 4..].to_owned();
        Ok(Card {
            brand,
            number,
            last4,
            exp_month,
            exp_year,
            name: name.chars().take(100).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_real_test_numbers_and_refuses_typos() {
        for n in [
            "4242424242424242",
            "4000000000000002",
            "4000000000003220",
            "5555555555554444",
            "378282246310005",
            "6011111111111117",
        ] {
            assert!(luhn(n), "{n}");
        }
        for n in ["4242424242424241", "1234567812345678", "", "42a2"] {
            assert!(!luhn(n), "{n}");
        }
    }

    #[test]
    fn an_arabic_keypad_types_card_digits() {
        assert_eq!(digits("٤٢٤٢ ٤٢٤٢").as_deref(), Some("42424242"));
    }

    #[test]
    fn brands_from_the_first_digits() {
        let cases = [
            ("4", Some(Brand::Visa)),
            ("5555", Some(Brand::Mastercard)),
            ("2223", Some(Brand::Mastercard)),
            ("2721", None),
            ("34", Some(Brand::Amex)),
            ("37", Some(Brand::Amex)),
            ("6011", Some(Brand::Discover)),
            ("3056", Some(Brand::Diners)),
            ("3530", Some(Brand::Jcb)),
            ("6212", Some(Brand::Unionpay)),
            ("5061001234", Some(Brand::Verve)),
            ("9", None),
            ("", None),
        ];
        for (digits, brand) in cases {
            assert_eq!(Brand::detect(digits), brand, "{digits}");
        }
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(check_number("4242 4242 4242 4242").unwrap().0, Brand::Visa);
        assert_eq!(check_number("3782-822463-10005").unwrap().0, Brand::Amex);
        assert_eq!(check_number(""), Err(CardError::NumberMissing));
        assert_eq!(check_number("4242 4242"), Err(CardError::NumberIncomplete));
        assert_eq!(
            check_number("4242 4242 4242 4241"),
            Err(CardError::NumberInvalid)
        );
        assert_eq!(
            check_number("9999 9999 9999 9995"),
            Err(CardError::NumberInvalid)
        );
        assert_eq!(
            check_number("4242 4242 4242 424x"),
            Err(CardError::NumberInvalid)
        );
        assert_eq!(
            check_number("4242424242424242424242"),
            Err(CardError::NumberInvalid)
        );
    }

    #[test]
    fn expiry() {
        assert_eq!(check_expiry("12/30", 2026, 11), Ok((12, 2030)));
        assert_eq!(check_expiry("11 / 2026", 2026, 11), Ok((11, 2026)));
        assert_eq!(check_expiry("١٢/٣٠", 2026, 11), Ok((12, 2030)));
        assert_eq!(check_expiry("0128", 2026, 11), Ok((1, 2028)));
        assert_eq!(check_expiry("10/26", 2026, 11), Err(CardError::Expired));
        assert_eq!(
            check_expiry("13/30", 2026, 11),
            Err(CardError::ExpiryInvalid)
        );
        assert_eq!(
            check_expiry("00/30", 2026, 11),
            Err(CardError::ExpiryInvalid)
        );
        assert_eq!(
            check_expiry("12/60", 2026, 11),
            Err(CardError::ExpiryInvalid)
        );
        assert_eq!(
            check_expiry("1230x", 2026, 11),
            Err(CardError::ExpiryInvalid)
        );
        assert_eq!(check_expiry("", 2026, 11), Err(CardError::ExpiryInvalid));
    }

    #[test]
    fn cvc_by_brand() {
        assert!(check_cvc("123", Brand::Visa).is_ok());
        assert!(check_cvc("1234", Brand::Amex).is_ok());
        assert_eq!(check_cvc("1234", Brand::Visa), Err(CardError::CvcInvalid));
        assert_eq!(check_cvc("12", Brand::Visa), Err(CardError::CvcInvalid));
        assert_eq!(check_cvc("12a", Brand::Visa), Err(CardError::CvcInvalid));
        assert!(check_cvc("١٢٣", Brand::Visa).is_ok());
    }

    #[test]
    fn whole_card_and_no_leaks() {
        let input = CardInput {
            number: "4242 4242 4242 4242".into(),
            expiry: "12/30".into(),
            cvc: "123".into(),
            name: "  Amina Machava ".into(),
        };
        let card = input.check(2026, 11).unwrap();
        assert_eq!(
            (card.brand, card.last4.as_str(), card.name.as_str()),
            (Brand::Visa, "4242", "Amina Machava")
        );
        assert!(!format!("{card:?}").contains("42424242"));
        assert!(!format!("{input:?}").contains("4242"));
        let no_name = CardInput {
            name: " ".into(),
            ..input.clone()
        };
        assert_eq!(no_name.check(2026, 11).unwrap_err(), CardError::NameMissing);
        assert_eq!(CardError::Expired.field(), "card-expiry");
    }

    #[test]
    fn printed_grouping() {
        assert_eq!(format_number("4242424242424242"), "4242 4242 4242 4242");
        assert_eq!(format_number("378282246310005"), "3782 822463 10005");
        assert_eq!(format_number("42424"), "4242 4");
    }
}
