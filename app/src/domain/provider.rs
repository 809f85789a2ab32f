//! The real payment providers a merchant can connect, and which payments
//! each can take. A merchant's enabled connector accounts become [`Rails`]:
//! the routes money can travel in a mode. Test mode falls back to the
//! built-in sandbox for anything no account covers; live mode has no
//! fallback.

use super::currency::Currency;
use super::method::MethodId;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    /// Safaricom M-Pesa Express (STK Push), Kenya.
    MpesaDaraja,
    /// Vodacom M-Pesa Mozambique OpenAPI, C2B single stage.
    MpesaVodacomMz,
    /// MTN MoMo Open API, Collection.
    MtnMomo,
    /// Stripe Checkout: the buyer pays on Stripe's hosted page.
    Stripe,
    /// Flutterwave Standard: the buyer pays on Flutterwave's hosted page
    /// (cards, and the mobile money Flutterwave offers in the currency).
    Flutterwave,
    /// PayFast's hosted payment page, South Africa (ZAR).
    Payfast,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Environment {
    Sandbox,
    Production,
}

impl Environment {
    pub fn parse(s: &str) -> Option<Environment> {
        match s {
            "sandbox" => Some(Environment::Sandbox),
            "production" => Some(Environment::Production),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Environment::Sandbox => "sandbox",
            Environment::Production => "production",
        }
    }
}

/// MTN MoMo's target environments and the currency each takes. The sandbox
/// takes only EUR.
pub const MOMO_TARGETS: &[(&str, &str)] = &[
    ("sandbox", "EUR"),
    ("mtnghana", "GHS"),
    ("mtnuganda", "UGX"),
    ("mtnivorycoast", "XOF"),
    ("mtnbenin", "XOF"),
    ("mtncameroon", "XAF"),
    ("mtncongo", "XAF"),
    ("mtnzambia", "ZMW"),
    ("mtnswaziland", "SZL"),
    ("mtnguineaconakry", "GNF"),
    ("mtnsouthafrica", "ZAR"),
    ("mtnliberia", "LRD"),
];

impl Provider {
    pub const ALL: [Provider; 6] = [
        Provider::MpesaDaraja,
        Provider::MpesaVodacomMz,
        Provider::MtnMomo,
        Provider::Stripe,
        Provider::Flutterwave,
        Provider::Payfast,
    ];

    pub fn parse(s: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Provider::MpesaDaraja => "mpesa_daraja",
            Provider::MpesaVodacomMz => "mpesa_vodacom_mz",
            Provider::MtnMomo => "mtn_momo",
            Provider::Stripe => "stripe",
            Provider::Flutterwave => "flutterwave",
            Provider::Payfast => "payfast",
        }
    }

    /// The provider's name as buyers know it (its page is where they pay).
    pub fn display_name(&self) -> &'static str {
        match self {
            Provider::MpesaDaraja | Provider::MpesaVodacomMz => "M-Pesa",
            Provider::MtnMomo => "MTN MoMo",
            Provider::Stripe => "Stripe",
            Provider::Flutterwave => "Flutterwave",
            Provider::Payfast => "PayFast",
        }
    }

    /// The methods the provider collects with.
    pub fn methods(&self) -> &'static [MethodId] {
        match self {
            Provider::MpesaDaraja | Provider::MpesaVodacomMz => &[MethodId::Mpesa],
            Provider::MtnMomo => &[MethodId::MomoMtn],
            Provider::Stripe => &[MethodId::Card, MethodId::Stripe],
            Provider::Flutterwave => &[
                MethodId::Card,
                MethodId::Flutterwave,
                MethodId::Mpesa,
                MethodId::MomoMtn,
            ],
            Provider::Payfast => &[MethodId::Payfast],
        }
    }

    /// What a new account collects with unless told: a Stripe account
    /// serves cards (the page says "Card"; Stripe's page takes it).
    pub fn default_methods(&self) -> &'static [MethodId] {
        match self {
            Provider::Stripe => &[MethodId::Card],
            Provider::Flutterwave => &[MethodId::Card, MethodId::Flutterwave],
            _ => self.methods(),
        }
    }

    /// Whether the buyer gives their details on the provider's own page
    /// (so Lipa's page asks for none).
    pub fn hosts_payment_page(&self) -> bool {
        matches!(
            self,
            Provider::Stripe | Provider::Flutterwave | Provider::Payfast
        )
    }

    /// The currencies an account collects in. MoMo's depends on the
    /// account's target environment (none for one we do not know); Stripe
    /// takes every Lipa currency it supports.
    pub fn currencies(&self, momo_target: Option<&str>) -> Vec<Currency> {
        let code = match self {
            Provider::MpesaDaraja => "KES",
            Provider::MpesaVodacomMz => "MZN",
            Provider::MtnMomo => match MOMO_TARGETS.iter().find(|(t, _)| Some(*t) == momo_target) {
                Some((_, c)) => c,
                None => return Vec::new(),
            },
            Provider::Stripe => {
                let supported = |c: &Currency| !STRIPE_UNSUPPORTED.contains(&c.code());
                return Currency::all().filter(supported).collect();
            }
            Provider::Flutterwave => {
                let taken = |c: &Currency| FLUTTERWAVE_CURRENCIES.contains(&c.code());
                return Currency::all().filter(taken).collect();
            }
            Provider::Payfast => "ZAR",
        };
        Currency::parse(code).into_iter().collect()
    }

    /// Whether the provider can take exactly `amount` minor units. M-Pesa
    /// Express takes whole shillings only: an amount with cents cannot go to
    /// it, and money is never rounded.
    pub fn takes_amount(&self, currency: Currency, amount: i64) -> bool {
        match self {
            Provider::MpesaDaraja => {
                let unit = 10i64.pow(u32::from(currency.exponent()));
                amount > 0 && amount % unit == 0
            }
            Provider::MpesaVodacomMz
            | Provider::MtnMomo
            | Provider::Flutterwave
            | Provider::Payfast => amount > 0,
            Provider::Stripe => stripe_amount(currency, amount).is_some(),
        }
    }
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The currencies Flutterwave Standard collects in (its "Supported
/// currencies" list, read 2026-12-01).
const FLUTTERWAVE_CURRENCIES: &[&str] = &[
    "NGN", "GHS", "KES", "UGX", "TZS", "RWF", "ZAR", "ZMW", "XAF", "XOF", "MWK", "EGP", "MAD",
    "USD", "EUR", "GBP",
];

/// Lipa currencies Stripe does not present (docs.stripe.com/currencies).
const STRIPE_UNSUPPORTED: &[&str] = &["GHS", "LYD", "ZWG"];

/// Stripe's amount for `minor` units of a Lipa currency, or `None` when
/// Stripe cannot take it exactly (money is never rounded): its
/// zero-decimal currencies take whole units (MGA has cents in ISO 4217,
/// none at Stripe); its three-decimal ones need a last digit of 0.
pub fn stripe_amount(currency: Currency, minor: i64) -> Option<i64> {
    const ZERO_DECIMAL: &[&str] = &[
        "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV",
        "XAF", "XOF", "XPF",
    ];
    const THREE_DECIMAL: &[&str] = &["BHD", "JOD", "KWD", "OMR", "TND"];
    let code = currency.code();
    if minor <= 0 || STRIPE_UNSUPPORTED.contains(&code) {
        return None;
    }
    let theirs: u32 = if ZERO_DECIMAL.contains(&code) {
        0
    } else if THREE_DECIMAL.contains(&code) {
        3
    } else {
        2
    };
    let ours = u32::from(currency.exponent());
    let amount = if ours >= theirs {
        let div = 10i64.pow(ours - theirs);
        (minor % div == 0).then(|| minor / div)?
    } else {
        minor.checked_mul(10i64.pow(theirs - ours))?
    };
    (theirs != 3 || amount % 10 == 0).then_some(amount)
}

/// One enabled connector account, as routing sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rail {
    pub account: String,
    pub provider: Provider,
    pub methods: Vec<MethodId>,
    pub currencies: Vec<Currency>,
}

/// Where a merchant's payments can go in one mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rails {
    /// Test mode: the sandbox takes what no account covers.
    pub sandbox: bool,
    pub accounts: Vec<Rail>,
}

/// Why a method cannot take a payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// Live mode without an enabled account for the method and currency.
    NoAccount,
    /// The account's provider cannot take this amount (cents for M-Pesa
    /// Express).
    Amount(Provider),
}

impl Rails {
    /// Test mode with no accounts: everything goes to the sandbox.
    pub fn sandbox_only() -> Rails {
        Rails {
            sandbox: true,
            accounts: Vec::new(),
        }
    }

    /// The account that takes `method` payments in `currency`, if any (the
    /// first enabled one, oldest first).
    pub fn rail(&self, method: MethodId, currency: Currency) -> Option<&Rail> {
        self.accounts
            .iter()
            .find(|r| r.currencies.contains(&currency) && r.methods.contains(&method))
    }

    /// Whether `amount` of `currency` can be paid with `method`.
    pub fn check(
        &self,
        method: MethodId,
        currency: Currency,
        amount: i64,
    ) -> Result<(), Unavailable> {
        match self.rail(method, currency) {
            Some(r) if r.provider.takes_amount(currency, amount) => Ok(()),
            Some(r) => Err(Unavailable::Amount(r.provider)),
            None if self.sandbox => Ok(()),
            None => Err(Unavailable::NoAccount),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(c: &str) -> Currency {
        Currency::parse(c).unwrap()
    }

    fn daraja() -> Rail {
        Rail {
            account: "ca_1".into(),
            provider: Provider::MpesaDaraja,
            methods: vec![MethodId::Mpesa],
            currencies: vec![cur("KES")],
        }
    }

    #[test]
    fn live_mode_takes_only_what_an_account_covers() {
        let live = Rails {
            sandbox: false,
            accounts: vec![daraja()],
        };
        assert_eq!(live.check(MethodId::Mpesa, cur("KES"), 10_000), Ok(()));
        assert_eq!(
            live.check(MethodId::Mpesa, cur("KES"), 10_050),
            Err(Unavailable::Amount(Provider::MpesaDaraja)),
            "M-Pesa Express takes whole shillings; cents are never rounded"
        );
        assert_eq!(
            live.check(MethodId::Mpesa, cur("MZN"), 10_000),
            Err(Unavailable::NoAccount)
        );
        assert_eq!(
            live.check(MethodId::Card, cur("KES"), 10_000),
            Err(Unavailable::NoAccount)
        );
    }

    #[test]
    fn test_mode_falls_back_to_the_sandbox_but_not_around_an_account() {
        let test = Rails {
            sandbox: true,
            accounts: vec![daraja()],
        };
        assert_eq!(test.check(MethodId::Card, cur("KES"), 10_050), Ok(()));
        assert_eq!(test.check(MethodId::Mpesa, cur("MZN"), 10_050), Ok(()));
        assert!(test.check(MethodId::Mpesa, cur("KES"), 10_050).is_err());
        assert_eq!(
            Rails::sandbox_only().check(MethodId::Mpesa, cur("KES"), 1),
            Ok(())
        );
    }

    #[test]
    fn currencies_by_provider_and_momo_target() {
        assert_eq!(Provider::MpesaDaraja.currencies(None), vec![cur("KES")]);
        assert_eq!(Provider::MpesaVodacomMz.currencies(None), vec![cur("MZN")]);
        assert_eq!(
            Provider::MtnMomo.currencies(Some("sandbox")),
            vec![cur("EUR")]
        );
        assert_eq!(
            Provider::MtnMomo.currencies(Some("mtnghana")),
            vec![cur("GHS")]
        );
        assert_eq!(Provider::MtnMomo.currencies(Some("mars")), vec![]);
        let stripe = Provider::Stripe.currencies(None);
        assert!(stripe.contains(&cur("MZN")) && stripe.contains(&cur("XOF")));
        assert!(
            !stripe.contains(&cur("GHS")),
            "Stripe does not present cedis"
        );
        for p in Provider::ALL {
            assert_eq!(Provider::parse(p.as_str()), Some(p));
        }
        assert!(Provider::MpesaVodacomMz.takes_amount(cur("MZN"), 1_050));
        assert!(!Provider::MtnMomo.takes_amount(cur("UGX"), 0));
    }

    #[test]
    fn stripe_amounts_follow_its_decimals_and_are_never_rounded() {
        assert_eq!(stripe_amount(cur("KES"), 150_050), Some(150_050));
        assert_eq!(
            stripe_amount(cur("UGX"), 5_000),
            Some(5_000),
            "zero-decimal both sides"
        );
        assert_eq!(
            stripe_amount(cur("MGA"), 500_000),
            Some(5_000),
            "ISO two-decimal, Stripe zero"
        );
        assert_eq!(
            stripe_amount(cur("MGA"), 500_050),
            None,
            "no fraction of an ariary"
        );
        assert_eq!(stripe_amount(cur("KWD"), 5_120), Some(5_120));
        assert_eq!(
            stripe_amount(cur("KWD"), 5_124),
            None,
            "three-decimal amounts end in 0"
        );
        assert_eq!(
            stripe_amount(cur("GHS"), 100),
            None,
            "not a Stripe currency"
        );
        assert_eq!(stripe_amount(cur("ZAR"), 0), None);
        assert!(!Provider::Stripe.takes_amount(cur("MGA"), 500_050));
        assert!(Provider::Stripe.takes_amount(cur("MZN"), 1));
    }
}
