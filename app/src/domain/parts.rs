//! Paying in parts (Waftpay's `strict_amount: false`): the buyer chooses how
//! much of what is left to pay now; each part is a payment of its own and
//! the session completes when the parts add up to the total.

use super::money::Money;

/// What a payment takes now: everything left, or, when the session may be
/// paid in parts, the part the buyer typed, from one minor unit to what is
/// left. `None` when the typed part is not such an amount.
pub fn amount_due(allow_partial: bool, typed: Option<&str>, left: Money) -> Option<Money> {
    if !allow_partial {
        return Some(left);
    }
    Money::from_typed(typed?, left.currency).filter(|m| (1..=left.minor).contains(&m.minor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    fn mzn(minor: i64) -> Money {
        Money::new(minor, Currency::parse("MZN").unwrap())
    }

    #[test]
    fn all_that_is_left_unless_paid_in_parts() {
        assert_eq!(amount_due(false, Some("1"), mzn(5000)), Some(mzn(5000)));
        assert_eq!(amount_due(false, None, mzn(5000)), Some(mzn(5000)));
    }

    #[test]
    fn a_part_is_between_one_unit_and_what_is_left() {
        assert_eq!(amount_due(true, Some("20,50"), mzn(5000)), Some(mzn(2050)));
        assert_eq!(amount_due(true, Some("50"), mzn(5000)), Some(mzn(5000)));
        assert_eq!(amount_due(true, Some("50.01"), mzn(5000)), None);
        assert_eq!(amount_due(true, Some("0"), mzn(5000)), None);
        assert_eq!(amount_due(true, Some("abc"), mzn(5000)), None);
        assert_eq!(amount_due(true, None, mzn(5000)), None);
    }
}
