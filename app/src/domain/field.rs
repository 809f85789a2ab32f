//! The request fields the domain checks, and its errors about them.
//!
//! A [`FieldError`] names its field with a [`Field`], not a string: each API
//! door spells the field its own way (`success_url` natively, `return_url`
//! for Orqex, `success_redirect_url` for Waftpay) by looking the field up,
//! and words the message with that spelling.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A field of a request, in the domain's terms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    // A checkout.
    Mode,
    Currency,
    Amount,
    LineItems,
    LineItem(usize, ItemField),
    SuccessUrl,
    CancelUrl,
    WebhookUrl,
    Customer,
    CustomerName,
    CustomerEmail,
    /// The top-level `customer_email`, beside `customer.email`.
    CustomerEmailAlone,
    CustomerPhone,
    ClientReferenceId,
    Description,
    Source,
    SubmitType,
    Locale,
    Metadata,
    MetadataValue(String),
    PaymentMethodTypes,
    PaymentMethodType(usize),
    ExpiresAt,
    Product,
    Expand(usize),
    RestrictionCountry,
    RestrictionPhone,
    BrandName,
    BrandColor,
    /// The caller's own unique reference (Waftpay's `checkout_reference`).
    ExternalReference,
    StatementDescriptor,
    ReceiptEmail,
    // A refund or chargeback.
    Charge,
    Reason,
    // A product.
    Id,
    ProductType,
    Name,
    MainCurrency,
    PaymentMethods,
    PaymentMethod(usize),
    EmbedOrigins,
    EmbedOrigin(usize),
    WebhookSecret,
    // A payment link.
    CustomAmountMin,
    CustomAmountMax,
    PaymentLimit,
    /// Anything else, spelled as the request spelled it (a query parameter,
    /// a header, the path of a JSON value that did not parse).
    Named(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemField {
    Name,
    UnitAmount,
    Quantity,
    Description,
}

impl Field {
    /// The field's name in the native API (Payonify's spelling).
    pub fn native_name(&self) -> String {
        use Field::*;
        let fixed = match self {
            Mode => "mode",
            Currency => "currency",
            Amount => "amount",
            LineItems => "line_items",
            SuccessUrl => "success_url",
            CancelUrl => "cancel_url",
            WebhookUrl => "webhook_url",
            Customer => "customer",
            CustomerName => "customer.name",
            CustomerEmail => "customer.email",
            CustomerEmailAlone => "customer_email",
            CustomerPhone => "customer.phone",
            ClientReferenceId => "client_reference_id",
            Description => "description",
            Source => "source",
            SubmitType => "submit_type",
            Locale => "locale",
            Metadata => "metadata",
            PaymentMethodTypes => "payment_method_types",
            ExpiresAt => "expires_at",
            Product => "product",
            RestrictionCountry => "restriction.country_code",
            RestrictionPhone => "restriction.phone.number",
            BrandName => "customization.brand",
            BrandColor => "customization.color",
            ExternalReference => "external_reference",
            StatementDescriptor => "statement_descriptor",
            ReceiptEmail => "receipt_email",
            Charge => "charge",
            Reason => "reason",
            Id => "id",
            ProductType => "type",
            Name => "name",
            MainCurrency => "main_currency",
            PaymentMethods => "payment_methods",
            EmbedOrigins => "embed_origins",
            WebhookSecret => "webhook_secret",
            CustomAmountMin => "custom_amount_min",
            CustomAmountMax => "custom_amount_max",
            PaymentLimit => "payment_limit",
            LineItem(i, f) => return format!("line_items[{i}].{}", f.as_str()),
            MetadataValue(k) => return format!("metadata[{k}]"),
            PaymentMethodType(i) => return format!("payment_method_types[{i}]"),
            Expand(i) => return format!("expand[{i}]"),
            PaymentMethod(i) => return format!("payment_methods[{i}]"),
            EmbedOrigin(i) => return format!("embed_origins[{i}]"),
            Named(name) => return name.clone(),
        };
        fixed.to_owned()
    }
}

impl ItemField {
    pub fn as_str(&self) -> &'static str {
        match self {
            ItemField::Name => "name",
            ItemField::UnitAmount => "unit_amount",
            ItemField::Quantity => "quantity",
            ItemField::Description => "description",
        }
    }
}

/// A client error about one field: a stable `code` for programs, the
/// field, and what is wrong with it, worded to follow the field's name
/// (`` `amount` must be a positive integer``).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub code: String,
    pub field: Field,
    pub reason: String,
}

impl FieldError {
    pub fn new(code: &str, field: Field, reason: impl Into<String>) -> FieldError {
        FieldError {
            code: code.to_owned(),
            field,
            reason: reason.into(),
        }
    }

    pub fn missing(field: Field) -> FieldError {
        FieldError::new("parameter_missing", field, "is required")
    }

    pub fn invalid(field: Field, reason: impl Into<String>) -> FieldError {
        FieldError::new("parameter_invalid", field, reason)
    }

    /// The message, with the field spelled `name`.
    pub fn message_naming(&self, name: &str) -> String {
        format!("`{name}` {}", self.reason)
    }

    /// The parameter as the native API names it.
    pub fn param(&self) -> String {
        self.field.native_name()
    }

    /// The message in the native API's words.
    pub fn message(&self) -> String {
        self.message_naming(&self.param())
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for FieldError {}

/// Trims, then checks the length in characters (not bytes).
pub fn check_len(s: String, field: Field, min: usize, max: usize) -> Result<String, FieldError> {
    let trimmed = s.trim();
    let n = trimmed.chars().count();
    if n < min || n > max {
        return Err(FieldError::invalid(
            field,
            format!("must be between {min} and {max} characters"),
        ));
    }
    Ok(trimmed.to_owned())
}

/// An optional text field, checked as [`check_len`] does.
pub fn check_len_opt(
    s: Option<String>,
    field: Field,
    min: usize,
    max: usize,
) -> Result<Option<String>, FieldError> {
    s.map(|s| check_len(s, field, min, max)).transpose()
}

/// A whole number from a request, written `5` or `5.0` (JSON says both are
/// the integer 5); a fraction or anything past `i64` is refused. For
/// `#[serde(default, deserialize_with = "whole")]` on `Option<i64>` fields.
pub fn whole<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    use serde::de::Error;
    let Some(n) = Option::<serde_json::Number>::deserialize(d)? else {
        return Ok(None);
    };
    if let Some(i) = n.as_i64() {
        return Ok(Some(i));
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e18 => Ok(Some(f as i64)),
        _ => Err(D::Error::custom(format!(
            "expected a whole number, got {n}"
        ))),
    }
}

/// [`whole`], for a count: from 0 to `u32::MAX`.
pub fn whole_count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    use serde::de::Error;
    match whole(d)? {
        None => Ok(None),
        Some(n) => u32::try_from(n).map(Some).map_err(|_| {
            D::Error::custom(format!("expected a count from 0 to {}, got {n}", u32::MAX))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_may_be_written_with_a_zero_fraction() {
        #[derive(Deserialize)]
        struct N {
            #[serde(default, deserialize_with = "super::whole")]
            n: Option<i64>,
        }
        let n = |v: serde_json::Value| serde_json::from_value::<N>(v).map(|x| x.n).ok();
        assert_eq!(n(serde_json::json!({"n": 5})), Some(Some(5)));
        assert_eq!(n(serde_json::json!({"n": 5.0})), Some(Some(5)));
        assert_eq!(n(serde_json::json!({})), Some(None));
        #[derive(Deserialize)]
        struct C {
            #[serde(default, deserialize_with = "super::whole_count")]
            c: Option<u32>,
        }
        let c = |v: serde_json::Value| serde_json::from_value::<C>(v).map(|x| x.c).ok();
        assert_eq!(c(serde_json::json!({"c": 3.0})), Some(Some(3)));
        assert_eq!(c(serde_json::json!({"c": -1})), None);
        assert_eq!(c(serde_json::json!({"c": 4294967296_i64})), None);
        assert_eq!(n(serde_json::json!({"n": null})), Some(None));
        assert_eq!(n(serde_json::json!({"n": 5.5})), None);
        assert_eq!(n(serde_json::json!({"n": "5"})), None);
    }

    #[test]
    fn native_names() {
        assert_eq!(
            Field::LineItem(1, ItemField::Quantity).native_name(),
            "line_items[1].quantity"
        );
        assert_eq!(
            Field::MetadataValue("k".into()).native_name(),
            "metadata[k]"
        );
        assert_eq!(Field::CustomerEmailAlone.native_name(), "customer_email");
        assert_eq!(Field::Named("limit".into()).native_name(), "limit");
    }

    #[test]
    fn messages_follow_the_name_each_api_gives() {
        let e = FieldError::invalid(Field::SuccessUrl, "must be an https URL");
        assert_eq!(e.message(), "`success_url` must be an https URL");
        assert_eq!(
            e.message_naming("return_url"),
            "`return_url` must be an https URL"
        );
    }

    #[test]
    fn lengths_count_characters_after_trimming() {
        assert_eq!(
            check_len(" ação ".into(), Field::Name, 1, 4).as_deref(),
            Ok("ação")
        );
        assert!(check_len("ações".into(), Field::Name, 1, 4).is_err());
        assert!(check_len("   ".into(), Field::Name, 1, 4).is_err());
    }
}
