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
    pub const ALL: [Provider; 3] = [
        Provider::MpesaDaraja,
        Provider::MpesaVodacomMz,
        Provider::MtnMomo,
    ];

    pub fn parse(s: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Provider::MpesaDaraja => "mpesa_daraja",
            Provider::MpesaVodacomMz => "mpesa_vodacom_mz",
            Provider::MtnMomo => "mtn_momo",
        }
    }

    /// The methods the provider collects with.
    pub fn methods(&self) -> &'static [MethodId] {
        match self {
            Provider::MpesaDaraja | Provider::MpesaVodacomMz => &[MethodId::Mpesa],
            Provider::MtnMomo => &[MethodId::MomoMtn],
        }
    }

    /// The currency an account collects in. MoMo's depends on the
    /// account's target environment; `None` for one we do not know.
    pub fn currency(&self, momo_target: Option<&str>) -> Option<Currency> {
        let code = match self {
            Provider::MpesaDaraja => "KES",
            Provider::MpesaVodacomMz => "MZN",
            Provider::MtnMomo => MOMO_TARGETS
                .iter()
                .find(|(t, _)| Some(*t) == momo_target)
                .map(|(_, c)| *c)?,
        };
        Currency::parse(code)
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
            Provider::MpesaVodacomMz | Provider::MtnMomo => amount > 0,
        }
    }
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One enabled connector account, as routing sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rail {
    pub account: String,
    pub provider: Provider,
    pub methods: Vec<MethodId>,
    pub currency: Currency,
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
            .find(|r| r.currency == currency && r.methods.contains(&method))
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
            currency: cur("KES"),
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
        assert_eq!(Provider::MpesaDaraja.currency(None), Some(cur("KES")));
        assert_eq!(Provider::MpesaVodacomMz.currency(None), Some(cur("MZN")));
        assert_eq!(
            Provider::MtnMomo.currency(Some("sandbox")),
            Some(cur("EUR"))
        );
        assert_eq!(
            Provider::MtnMomo.currency(Some("mtnghana")),
            Some(cur("GHS"))
        );
        assert_eq!(Provider::MtnMomo.currency(Some("mars")), None);
        for p in Provider::ALL {
            assert_eq!(Provider::parse(p.as_str()), Some(p));
        }
        assert!(Provider::MpesaVodacomMz.takes_amount(cur("MZN"), 1_050));
        assert!(!Provider::MtnMomo.takes_amount(cur("UGX"), 0));
    }
}
