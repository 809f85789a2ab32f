//! The buyer form's and the APIs' parsers are total: whatever a browser,
//! a merchant or an attacker sends, they answer (Ok or a typed error) and
//! never panic. Bounded: `PROPTEST_CASES` (default 256 per property).

use app::domain::card::{self, Brand, CardInput};
use app::domain::money::Money;
use app::domain::{Currency, Locale, LocalePref, MethodId, parts, phone};
use proptest::prelude::*;

/// Text a form field may carry: any Unicode, and strings close to valid
/// ones (digits, separators, signs, multi-byte look-alikes).
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9 /+.,\\-é١٢٣]{0,24}",
        "\\PC{0,8}[0-9]{0,4}/[0-9]{0,4}\\PC{0,4}",
    ]
}

fn currencies() -> Vec<Currency> {
    Currency::all().collect()
}

proptest! {
    #[test]
    fn card_fields_never_panic(number in field(), expiry in field(), cvc in field(), name in field(),
                               year in 1990i32..2100, month in 0u32..14) {
        let _ = card::check_number(&number);
        let _ = card::check_expiry(&expiry, year, month);
        for brand in [Brand::Visa, Brand::Mastercard, Brand::Amex] {
            let _ = card::check_cvc(&cvc, brand);
        }
        let _ = card::format_number(&number);
        let _ = CardInput { number, expiry, cvc, name }.check(year, month);
    }

    #[test]
    fn an_accepted_expiry_is_a_real_month(expiry in field()) {
        if let Ok((month, year)) = card::check_expiry(&expiry, 2026, 12) {
            prop_assert!((1..=12).contains(&month));
            prop_assert!(year >= 2026);
        }
    }

    #[test]
    fn phone_numbers_never_panic(input in field(), country in "[A-Z]{0,3}") {
        for currency in currencies() {
            for method in MethodId::ALL {
                if let Ok(e164) = method.normalise_phone(&input, currency) {
                    prop_assert!(phone::is_e164(&e164), "{e164}");
                }
            }
        }
        let _ = phone::normalise_in(&input, Some(&country));
        let _ = phone::display_phone(&input);
        let _ = phone::in_country(&input, &country);
    }

    #[test]
    fn amounts_never_panic(text in field(), minor in any::<i64>(), partial in any::<bool>()) {
        for currency in currencies() {
            let _ = Money::from_major(&text, currency);
            let _ = Money::from_typed(&text, currency);
            let left = Money::new(minor.rem_euclid(1_000_000_000_000), currency);
            if let Some(due) = parts::amount_due(partial, Some(&text), left) {
                prop_assert!(due.minor >= 1 && due.minor <= left.minor);
            }
        }
    }

    #[test]
    fn language_hints_never_panic(query in field(), remembered in field(), header in any::<String>()) {
        let _ = Locale::from_accept_language(&header);
        let _ = LocalePref::parse(&query);
        let _ = Locale::negotiate(LocalePref::Auto, Some(&query), Some(&remembered), Some(&header));
    }
}
