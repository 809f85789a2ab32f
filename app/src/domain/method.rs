//! The payment-method catalogue: what each method is called, how the buyer
//! pays with it, which currencies it serves and which phone numbers it takes.

use super::currency::Currency;
use super::phone::{PhoneError, PhoneRule};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MethodId {
    Mpesa,
    Emola,
    Emis,
    Ecocash,
    Onemoney,
    MomoMtn,
    Card,
    Zimswitch,
    Payfast,
    Stripe,
    Flutterwave,
}

/// How the buyer completes a payment with the method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    /// A push prompt to the buyer's phone; the buyer approves with a PIN.
    MobileMoney,
    /// Card number, expiry and CVC typed on our page.
    Card,
    /// The buyer is sent to the provider's page and comes back.
    Redirect,
}

impl MethodKind {
    pub const ALL: [MethodKind; 3] = [
        MethodKind::MobileMoney,
        MethodKind::Card,
        MethodKind::Redirect,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            MethodKind::MobileMoney => "mobile_money",
            MethodKind::Card => "card",
            MethodKind::Redirect => "redirect",
        }
    }

    pub fn parse(s: &str) -> Option<MethodKind> {
        MethodKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Which currencies a method can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Currencies {
    Any,
    Only(&'static [&'static str]),
}

#[derive(Clone, Copy, Debug)]
pub struct MethodInfo {
    pub id: MethodId,
    pub name: &'static str,
    pub kind: MethodKind,
    pub currencies: Currencies,
    /// Brand colour of the mark, and the short word drawn on it.
    pub color: &'static str,
    pub mark: &'static str,
}

const MZ_MPESA: PhoneRule = PhoneRule::new("258", 9, &["84", "85"]);
const KE_MPESA: PhoneRule = PhoneRule::new("254", 9, &["7", "1"]);
const MZ_EMOLA: PhoneRule = PhoneRule::new("258", 9, &["86", "87"]);
const ZW_ECOCASH: PhoneRule = PhoneRule::new("263", 9, &["77", "78"]);
const ZW_ONEMONEY: PhoneRule = PhoneRule::new("263", 9, &["71"]);
const CI_MTN: PhoneRule = PhoneRule::new("225", 10, &["05"]);
const BJ_MTN: PhoneRule = PhoneRule::new("229", 10, &["01"]);
const GH_MTN: PhoneRule = PhoneRule::new("233", 9, &["24", "25", "53", "54", "55", "59"]);
const UG_MTN: PhoneRule = PhoneRule::new("256", 9, &["76", "77", "78", "39"]);

impl MethodId {
    pub const ALL: [MethodId; 11] = [
        MethodId::Mpesa,
        MethodId::Emola,
        MethodId::Emis,
        MethodId::Ecocash,
        MethodId::Onemoney,
        MethodId::MomoMtn,
        MethodId::Card,
        MethodId::Zimswitch,
        MethodId::Payfast,
        MethodId::Stripe,
        MethodId::Flutterwave,
    ];

    /// Accepts our ids and the aliases other gateways use, in any case.
    pub fn parse(s: &str) -> Option<MethodId> {
        let key = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Some(match key.as_str() {
            "mpesa" | "m_pesa" => MethodId::Mpesa,
            "emola" | "e_mola" => MethodId::Emola,
            "emis" => MethodId::Emis,
            "ecocash" | "eco_cash" => MethodId::Ecocash,
            "onemoney" | "one_money" => MethodId::Onemoney,
            "momo_mtn" | "mtn_momo" | "mtn" | "momo" => MethodId::MomoMtn,
            "card" | "cards" => MethodId::Card,
            "zimswitch" => MethodId::Zimswitch,
            "payfast" => MethodId::Payfast,
            "stripe" => MethodId::Stripe,
            "flutterwave" => MethodId::Flutterwave,
            _ => return None,
        })
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            MethodId::Mpesa => "mpesa",
            MethodId::Emola => "emola",
            MethodId::Emis => "emis",
            MethodId::Ecocash => "ecocash",
            MethodId::Onemoney => "onemoney",
            MethodId::MomoMtn => "momo_mtn",
            MethodId::Card => "card",
            MethodId::Zimswitch => "zimswitch",
            MethodId::Payfast => "payfast",
            MethodId::Stripe => "stripe",
            MethodId::Flutterwave => "flutterwave",
        }
    }

    pub fn info(&self) -> MethodInfo {
        use Currencies::*;
        use MethodKind::*;
        let (name, kind, currencies, color, mark) = match self {
            MethodId::Mpesa => (
                "M-Pesa",
                MobileMoney,
                Only(&["MZN", "KES"]),
                "#e60000",
                "M-PESA",
            ),
            MethodId::Emola => ("e-Mola", MobileMoney, Only(&["MZN"]), "#f28c00", "e-Mola"),
            MethodId::Emis => ("EMIS", Redirect, Only(&["MZN"]), "#00529b", "EMIS"),
            MethodId::Ecocash => (
                "EcoCash",
                MobileMoney,
                Only(&["USD", "ZWG"]),
                "#0055a5",
                "Eco",
            ),
            MethodId::Onemoney => (
                "OneMoney",
                MobileMoney,
                Only(&["USD", "ZWG"]),
                "#f58220",
                "One",
            ),
            MethodId::MomoMtn => (
                "MTN MoMo",
                MobileMoney,
                Only(&["XOF", "GHS", "UGX"]),
                "#ffcb05",
                "MoMo",
            ),
            MethodId::Card => ("Card", Card, Any, "#1f2937", "CARD"),
            MethodId::Zimswitch => ("ZimSwitch", Card, Only(&["USD", "ZWG"]), "#009a44", "ZSW"),
            MethodId::Payfast => ("PayFast", Redirect, Only(&["ZAR"]), "#d32b2b", "PF"),
            MethodId::Stripe => ("Stripe", Redirect, Any, "#635bff", "S"),
            MethodId::Flutterwave => ("Flutterwave", Redirect, Any, "#f5a623", "FW"),
        };
        MethodInfo {
            id: *self,
            name,
            kind,
            currencies,
            color,
            mark,
        }
    }

    pub fn kind(&self) -> MethodKind {
        self.info().kind
    }

    pub fn serves(&self, currency: Currency) -> bool {
        match self.info().currencies {
            Currencies::Any => true,
            Currencies::Only(codes) => codes.contains(&currency.code()),
        }
    }

    /// The countries (ISO 3166 alpha-2) a method belongs to; none for the
    /// international ones (cards, Stripe, Flutterwave), which a checkout
    /// restricted to a country or a number does not offer.
    pub fn countries(&self) -> &'static [&'static str] {
        match self {
            MethodId::Mpesa => &["MZ", "KE"],
            MethodId::Emola | MethodId::Emis => &["MZ"],
            MethodId::Ecocash | MethodId::Onemoney | MethodId::Zimswitch => &["ZW"],
            MethodId::MomoMtn => &["CI", "BJ", "GH", "UG"],
            MethodId::Payfast => &["ZA"],
            MethodId::Card | MethodId::Stripe | MethodId::Flutterwave => &[],
        }
    }

    /// The phone numbers this method can push to when paying in `currency`.
    pub fn phone_rules(&self, currency: Currency) -> &'static [PhoneRule] {
        match (self, currency.code()) {
            (MethodId::Mpesa, "MZN") => &[MZ_MPESA],
            (MethodId::Mpesa, "KES") => &[KE_MPESA],
            (MethodId::Emola, _) => &[MZ_EMOLA],
            (MethodId::Ecocash, _) => &[ZW_ECOCASH],
            (MethodId::Onemoney, _) => &[ZW_ONEMONEY],
            (MethodId::MomoMtn, "XOF") => &[CI_MTN, BJ_MTN],
            (MethodId::MomoMtn, "GHS") => &[GH_MTN],
            (MethodId::MomoMtn, "UGX") => &[UG_MTN],
            _ => &[],
        }
    }

    /// Checks and normalises a phone number typed by the buyer (local or
    /// E.164) to E.164 for this method and currency.
    pub fn normalise_phone(&self, input: &str, currency: Currency) -> Result<String, PhoneError> {
        let rules = self.phone_rules(currency);
        let mut first_error = PhoneError::Empty;
        for (i, rule) in rules.iter().enumerate() {
            match rule.normalise(input) {
                Ok(e164) => return Ok(e164),
                Err(e) if i == 0 => first_error = e,
                Err(_) => {}
            }
        }
        if rules.is_empty() {
            return Err(PhoneError::NotMobileMoney);
        }
        Err(first_error)
    }
}

impl fmt::Display for MethodId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn aliases_and_ids_round_trip() {
        for m in MethodId::ALL {
            assert_eq!(MethodId::parse(m.as_str()), Some(m));
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(json, format!("\"{}\"", m.as_str()));
        }
        assert_eq!(MethodId::parse("M-Pesa"), Some(MethodId::Mpesa));
        assert_eq!(MethodId::parse("MTN_MOMO"), Some(MethodId::MomoMtn));
        assert_eq!(MethodId::parse("e-mola"), Some(MethodId::Emola));
        assert_eq!(MethodId::parse("paypal"), None);
    }

    #[test]
    fn currencies_each_method_serves() {
        assert!(MethodId::Mpesa.serves(c("MZN")));
        assert!(MethodId::Mpesa.serves(c("KES")));
        assert!(!MethodId::Mpesa.serves(c("USD")));
        assert!(MethodId::Emola.serves(c("MZN")));
        assert!(!MethodId::Emola.serves(c("KES")));
        assert!(MethodId::Ecocash.serves(c("ZWG")));
        assert!(MethodId::Onemoney.serves(c("USD")));
        assert!(MethodId::MomoMtn.serves(c("XOF")));
        assert!(MethodId::MomoMtn.serves(c("UGX")));
        assert!(!MethodId::MomoMtn.serves(c("MZN")));
        assert!(MethodId::Card.serves(c("JPY")));
    }

    #[test]
    fn every_mobile_money_currency_has_a_phone_rule() {
        for m in MethodId::ALL {
            let info = m.info();
            if info.kind != MethodKind::MobileMoney {
                assert!(m.phone_rules(c("USD")).is_empty());
                continue;
            }
            let Currencies::Only(codes) = info.currencies else {
                panic!("{m} should list its currencies")
            };
            for code in codes {
                assert!(!m.phone_rules(c(code)).is_empty(), "{m} {code}");
            }
        }
    }

    #[test]
    fn mpesa_numbers_per_country() {
        let m = MethodId::Mpesa;
        assert_eq!(
            m.normalise_phone("84 000 0000", c("MZN")).unwrap(),
            "+258840000000"
        );
        assert_eq!(
            m.normalise_phone("+258 85-123-4567", c("MZN")).unwrap(),
            "+258851234567"
        );
        assert_eq!(
            m.normalise_phone("0712345678", c("KES")).unwrap(),
            "+254712345678"
        );
        assert_eq!(
            m.normalise_phone("254112345678", c("KES")).unwrap(),
            "+254112345678"
        );
        // An e-Mola number is not an M-Pesa number.
        assert_eq!(
            m.normalise_phone("86 000 0000", c("MZN")),
            Err(PhoneError::WrongNetwork)
        );
        assert_eq!(m.normalise_phone("", c("MZN")), Err(PhoneError::Empty));
    }

    #[test]
    fn mtn_accepts_either_west_african_country_for_xof() {
        let m = MethodId::MomoMtn;
        assert_eq!(
            m.normalise_phone("+225 05 12 34 56 78", c("XOF")).unwrap(),
            "+2250512345678"
        );
        assert_eq!(
            m.normalise_phone("+229 01 97 00 00 00", c("XOF")).unwrap(),
            "+2290197000000"
        );
        assert_eq!(
            m.normalise_phone("0772000000", c("UGX")).unwrap(),
            "+256772000000"
        );
    }

    #[test]
    fn card_has_no_phone() {
        assert_eq!(
            MethodId::Card.normalise_phone("840000000", c("MZN")),
            Err(PhoneError::NotMobileMoney)
        );
    }
}
