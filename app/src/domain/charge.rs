//! Charges: a merchant's server asks a buyer's phone for money directly
//! (POS, USSD, apps), without the hosted page. Underneath, a charge is a
//! checkout session with one payment method and no page; this module holds
//! what only charges have: their request's extra fields, the mobile-money
//! `payment_method` object (shared with payout destinations), and the
//! charge status read from the session and its latest payment.

use super::attempt::AttemptStatus;
use super::checkout::check_email;
use super::currency::Currency;
use super::field::{Field, FieldError, check_len, check_len_opt};
use super::method::{MethodId, MethodKind};
use super::phone::PhoneError;
use super::session::{PaymentStatus, SessionState, Status};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a checkout session row is: a checkout with its hosted page, or a
/// charge made through the API.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    #[default]
    Checkout,
    Charge,
}

impl SessionKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            SessionKind::Checkout => "checkout",
            SessionKind::Charge => "charge",
        }
    }
}

/// The smallest charge or payout, in minor units (Payonify's `min: 100`).
pub const MIN_AMOUNT: i64 = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChargeStatus {
    RequiresPaymentMethod,
    RequiresAuthorization,
    Pending,
    Succeeded,
    Failed,
    Cancelled,
}

impl ChargeStatus {
    pub const ALL: [ChargeStatus; 6] = [
        ChargeStatus::RequiresPaymentMethod,
        ChargeStatus::RequiresAuthorization,
        ChargeStatus::Pending,
        ChargeStatus::Succeeded,
        ChargeStatus::Failed,
        ChargeStatus::Cancelled,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ChargeStatus::RequiresPaymentMethod => "requires_payment_method",
            ChargeStatus::RequiresAuthorization => "requires_authorization",
            ChargeStatus::Pending => "pending",
            ChargeStatus::Succeeded => "succeeded",
            ChargeStatus::Failed => "failed",
            ChargeStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<ChargeStatus> {
        ChargeStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The charge as its session and latest payment stand: a push waiting
    /// for the buyer's PIN is `pending`; a payment waiting on a page the
    /// buyer must visit is `requires_authorization`; a session that expired
    /// (by the merchant or by time) is `cancelled`.
    pub fn of(state: SessionState, latest: Option<AttemptStatus>) -> ChargeStatus {
        match (state.status, state.payment_status) {
            (Status::Complete, _) => ChargeStatus::Succeeded,
            (Status::Expired, _) => ChargeStatus::Cancelled,
            (Status::Open, PaymentStatus::Pending) => match latest {
                Some(AttemptStatus::RequiresAction) => ChargeStatus::RequiresAuthorization,
                _ => ChargeStatus::Pending,
            },
            (Status::Open, PaymentStatus::Failed) => ChargeStatus::Failed,
            (Status::Open, _) => ChargeStatus::RequiresPaymentMethod,
        }
    }

    /// Whether a (new) push may be sent: before any, or after a failed one.
    pub fn confirmable(&self) -> bool {
        matches!(
            self,
            ChargeStatus::RequiresPaymentMethod | ChargeStatus::Failed
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CancellationReason {
    Duplicate,
    Fraudulent,
    Abandoned,
    RequestedByCustomer,
}

impl CancellationReason {
    pub fn as_str(&self) -> &'static str {
        match self {
            CancellationReason::Duplicate => "duplicate",
            CancellationReason::Fraudulent => "fraudulent",
            CancellationReason::Abandoned => "abandoned",
            CancellationReason::RequestedByCustomer => "requested_by_customer",
        }
    }

    pub fn parse(s: &str) -> Result<CancellationReason, FieldError> {
        [
            CancellationReason::Duplicate,
            CancellationReason::Fraudulent,
            CancellationReason::Abandoned,
            CancellationReason::RequestedByCustomer,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
        .ok_or_else(|| {
            FieldError::invalid(
                Field::Named("cancellation_reason".into()),
                "must be one of `duplicate`, `fraudulent`, `abandoned`, `requested_by_customer`",
            )
        })
    }
}

/// Where the goods go (Payonify's `Shipping`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Shipping {
    #[cfg_attr(feature = "ssr", schema(value_type = String, required = true, min_length = 1, max_length = 100))]
    pub name: Option<String>,
    #[cfg_attr(feature = "ssr", schema(max_length = 100))]
    pub carrier: Option<String>,
    #[cfg_attr(feature = "ssr", schema(max_length = 120))]
    pub tracking_number: Option<String>,
    #[cfg_attr(feature = "ssr", schema(max_length = 50))]
    pub phone: Option<String>,
    pub address: Option<ShippingAddress>,
}

/// A postal address, each line at most 200 characters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ShippingAddress {
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub line1: Option<String>,
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub line2: Option<String>,
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub city: Option<String>,
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub state: Option<String>,
    #[cfg_attr(feature = "ssr", schema(max_length = 200))]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2, e.g. `ZW`.
    #[cfg_attr(feature = "ssr", schema(pattern = "^[A-Za-z]{2}$"))]
    pub country: Option<String>,
}

fn named(path: &str) -> Field {
    Field::Named(path.to_owned())
}

impl Shipping {
    pub fn validate(self) -> Result<Shipping, FieldError> {
        let name = self
            .name
            .ok_or_else(|| FieldError::missing(named("shipping.name")))?;
        let address = self.address.map(ShippingAddress::validate).transpose()?;
        Ok(Shipping {
            name: Some(check_len(name, named("shipping.name"), 1, 100)?),
            carrier: check_len_opt(self.carrier, named("shipping.carrier"), 0, 100)?,
            tracking_number: check_len_opt(
                self.tracking_number,
                named("shipping.tracking_number"),
                0,
                120,
            )?,
            phone: check_len_opt(self.phone, named("shipping.phone"), 0, 50)?,
            address,
        })
    }
}

impl ShippingAddress {
    fn validate(self) -> Result<ShippingAddress, FieldError> {
        let line = |v: Option<String>, f: &str| {
            check_len_opt(v, named(&format!("shipping.address.{f}")), 0, 200)
        };
        let country = self
            .country
            .map(|c| {
                let c = c.trim().to_ascii_uppercase();
                if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
                    Ok(c)
                } else {
                    Err(FieldError::invalid(
                        named("shipping.address.country"),
                        "must be a two-letter ISO 3166-1 country code",
                    ))
                }
            })
            .transpose()?;
        Ok(ShippingAddress {
            line1: line(self.line1, "line1")?,
            line2: line(self.line2, "line2")?,
            city: line(self.city, "city")?,
            state: line(self.state, "state")?,
            postal_code: line(self.postal_code, "postal_code")?,
            country,
        })
    }
}

/// 4 to 22 letters, digits and spaces (what a wallet statement shows).
pub fn check_statement_descriptor(s: String) -> Result<String, FieldError> {
    let s = check_len(s, Field::StatementDescriptor, 4, 22)?;
    if s.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        Ok(s)
    } else {
        Err(FieldError::invalid(
            Field::StatementDescriptor,
            "may only hold letters, digits and spaces",
        ))
    }
}

/// A wallet to take money from or send it to: a mobile-money method and
/// an E.164 number it takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wallet {
    pub provider: MethodId,
    pub phone: String,
}

/// Reads `{"mobile_money": {"<provider>": {"phone": "+263..."}}}` (the
/// `payment_method` of a charge, the `destination` of a payout) for a
/// currency. `at` is the field's name, errors name the exact path.
pub fn parse_wallet(v: &Value, at: &str, currency: Currency) -> Result<Wallet, FieldError> {
    let mm_at = format!("{at}.mobile_money");
    let mm = v
        .as_object()
        .and_then(|o| {
            if o.keys().any(|k| k != "mobile_money") {
                None
            } else {
                o.get("mobile_money")
            }
        })
        .ok_or_else(|| {
            FieldError::invalid(named(at), "must be an object with one key, `mobile_money`")
        })?;
    let providers = mm.as_object().filter(|o| o.len() == 1).ok_or_else(|| {
        FieldError::invalid(
            named(&mm_at),
            "must name exactly one provider, e.g. {\"ecocash\": {\"phone\": \"+263771234567\"}}",
        )
    })?;
    let (name, details) = providers.iter().next().expect("one provider");
    let provider = MethodId::parse(name)
        .filter(|m| m.kind() == MethodKind::MobileMoney)
        .ok_or_else(|| {
            FieldError::new(
                "payment_method_unavailable",
                named(&mm_at),
                format!("names `{name}`, which is no mobile money method Lipa serves"),
            )
        })?;
    if !provider.serves(currency) {
        return Err(FieldError::new(
            "payment_method_unavailable",
            named(&format!("{mm_at}.{name}")),
            format!("does not take {}", currency.code()),
        ));
    }
    let phone_at = format!("{mm_at}.{name}.phone");
    let typed = details
        .get("phone")
        .and_then(Value::as_str)
        .ok_or_else(|| FieldError::missing(named(&phone_at)))?;
    if details.as_object().is_some_and(|o| o.len() > 1) {
        return Err(FieldError::invalid(
            named(&format!("{mm_at}.{name}")),
            "takes only `phone`",
        ));
    }
    let phone = provider
        .normalise_phone(typed, currency)
        .map_err(|e| phone_error(e, named(&phone_at), provider))?;
    Ok(Wallet { provider, phone })
}

fn phone_error(e: PhoneError, field: Field, provider: MethodId) -> FieldError {
    let reason = match e {
        PhoneError::Empty => "is required".to_owned(),
        PhoneError::InvalidCharacters => "may only hold digits, spaces and a leading +".into(),
        PhoneError::WrongCountry => "is not a number of the method's country".into(),
        PhoneError::WrongLength => "has the wrong number of digits".into(),
        PhoneError::WrongNetwork | PhoneError::NotMobileMoney | PhoneError::NotAllowed => {
            format!("is not a {} number", provider.info().name)
        }
    };
    FieldError::new(e.code(), field, reason)
}

/// What a charge has beyond its checkout session: kept as one JSON value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeExtras {
    pub statement_descriptor: Option<String>,
    pub shipping: Option<Shipping>,
    /// The wallet given at creation, used by a later confirm without one.
    pub wallet: Option<Wallet>,
}

/// The fields a charge's create and confirm requests share, checked.
pub struct ChargeFields {
    pub description: Option<String>,
    pub receipt_email: Option<String>,
    pub statement_descriptor: Option<String>,
    pub shipping: Option<Shipping>,
}

impl ChargeFields {
    pub fn validate(
        description: Option<String>,
        receipt_email: Option<String>,
        statement_descriptor: Option<String>,
        shipping: Option<Shipping>,
    ) -> Result<ChargeFields, FieldError> {
        Ok(ChargeFields {
            description: check_len_opt(description, Field::Description, 4, 150)?,
            receipt_email: receipt_email
                .map(|e| check_email(e, Field::ReceiptEmail))
                .transpose()?,
            statement_descriptor: statement_descriptor
                .map(check_statement_descriptor)
                .transpose()?,
            shipping: shipping.map(Shipping::validate).transpose()?,
        })
    }
}

/// Payonify's minimum for a charge or a payout.
pub fn check_min_amount(amount: i64, field: Field) -> Result<(), FieldError> {
    if amount < MIN_AMOUNT {
        return Err(FieldError::new(
            "amount_too_small",
            field,
            format!("must be at least {MIN_AMOUNT} minor units"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn usd() -> Currency {
        Currency::parse("USD").unwrap()
    }

    #[test]
    fn reads_a_wallet_and_names_the_exact_field_when_wrong() {
        let ok = json!({"mobile_money": {"ecocash": {"phone": "0771 234 567"}}});
        let w = parse_wallet(&ok, "payment_method", usd()).unwrap();
        assert_eq!(w.provider, MethodId::Ecocash);
        assert_eq!(w.phone, "+263771234567");

        let bad_phone = json!({"mobile_money": {"ecocash": {"phone": "+263711234567"}}});
        let e = parse_wallet(&bad_phone, "payment_method", usd()).unwrap_err();
        assert_eq!(e.param(), "payment_method.mobile_money.ecocash.phone");
        assert_eq!(e.code, "phone_wrong_network");

        let card = json!({"mobile_money": {"card": {"phone": "+263771234567"}}});
        let e = parse_wallet(&card, "destination", usd()).unwrap_err();
        assert_eq!(e.param(), "destination.mobile_money");
        assert_eq!(e.code, "payment_method_unavailable");

        let mzn = Currency::parse("MZN").unwrap();
        let e = parse_wallet(&ok, "payment_method", mzn).unwrap_err();
        assert_eq!(e.param(), "payment_method.mobile_money.ecocash");

        let two = json!({"mobile_money": {"ecocash": {"phone": "1"}, "onemoney": {"phone": "2"}}});
        assert!(parse_wallet(&two, "payment_method", usd()).is_err());
        let missing = json!({"mobile_money": {"ecocash": {}}});
        let e = parse_wallet(&missing, "payment_method", usd()).unwrap_err();
        assert_eq!(e.code, "parameter_missing");
        assert!(parse_wallet(&json!({"card": {}}), "payment_method", usd()).is_err());
    }

    #[test]
    fn statement_descriptors_and_shipping_keep_their_limits() {
        assert!(check_statement_descriptor("Duka 42".into()).is_ok());
        assert!(check_statement_descriptor("abc".into()).is_err());
        assert!(check_statement_descriptor("x".repeat(23)).is_err());
        assert!(check_statement_descriptor("Duka-42".into()).is_err());

        let full = Shipping {
            name: Some("Tendai".into()),
            carrier: Some("DHL".into()),
            tracking_number: Some("t".repeat(120)),
            phone: Some("+263771234567".into()),
            address: Some(ShippingAddress {
                country: Some("zw".into()),
                ..ShippingAddress::default()
            }),
        };
        let checked = full.clone().validate().unwrap();
        assert_eq!(checked.address.unwrap().country.as_deref(), Some("ZW"));
        let e = Shipping {
            name: None,
            ..full.clone()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.param(), "shipping.name");
        let e = Shipping {
            tracking_number: Some("t".repeat(121)),
            ..full
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.param(), "shipping.tracking_number");
    }

    #[test]
    fn the_status_follows_the_session_and_its_payment() {
        use PaymentStatus as P;
        let s = |status, payment_status| SessionState {
            status,
            payment_status,
        };
        let of = ChargeStatus::of;
        assert_eq!(
            of(SessionState::NEW, None),
            ChargeStatus::RequiresPaymentMethod
        );
        assert_eq!(
            of(s(Status::Open, P::Pending), Some(AttemptStatus::Pending)),
            ChargeStatus::Pending
        );
        assert_eq!(
            of(
                s(Status::Open, P::Pending),
                Some(AttemptStatus::RequiresAction)
            ),
            ChargeStatus::RequiresAuthorization
        );
        assert_eq!(of(s(Status::Open, P::Failed), None), ChargeStatus::Failed);
        assert_eq!(
            of(s(Status::Complete, P::Succeeded), None),
            ChargeStatus::Succeeded
        );
        assert_eq!(
            of(s(Status::Expired, P::Cancelled), None),
            ChargeStatus::Cancelled
        );
        assert_eq!(
            of(s(Status::Expired, P::RequiresPaymentMethod), None),
            ChargeStatus::Cancelled
        );
        assert!(ChargeStatus::Failed.confirmable());
        assert!(!ChargeStatus::Pending.confirmable());
        for c in ChargeStatus::ALL {
            assert_eq!(ChargeStatus::parse(c.as_str()), Some(c));
        }
    }
}
