//! A merchant's request for a checkout, checked field by field.
//!
//! The API layer turns JSON into a [`CheckoutDraft`] (plain, unchecked data);
//! [`CheckoutDraft::validate`] either returns a [`NewCheckout`] that is safe to
//! store, or the first [`FieldError`] with the parameter it concerns. Nothing
//! is written before this succeeds.

use super::currency::Currency;
use super::locale::LocalePref;
use super::method::MethodId;
use super::money::MAX_AMOUNT;
use super::phone::is_e164;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Placeholder a merchant may put in `success_url`.
pub const SESSION_ID_PLACEHOLDER: &str = "{CHECKOUT_SESSION_ID}";

pub const DEFAULT_LIFETIME_SECS: i64 = 24 * 60 * 60;
/// The shortest `expires_at` accepted by default; a server may lower it
/// (tests do) through [`DraftContext::min_lifetime_secs`].
pub const MIN_LIFETIME_SECS: i64 = 60;
pub const MAX_LIFETIME_SECS: i64 = 7 * 24 * 60 * 60;
pub const MAX_LINE_ITEMS: usize = 100;
pub const MAX_QUANTITY: i64 = 10_000;
pub const MAX_URL_LEN: usize = 2048;

/// A client error about one parameter: `{"code", "message", "param"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub code: String,
    pub message: String,
    pub param: Option<String>,
}

impl FieldError {
    pub fn new(code: &str, param: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            code: code.to_owned(),
            message: message.into(),
            param: Some(param.into()),
        }
    }

    fn missing(param: &str) -> FieldError {
        FieldError::new("parameter_missing", param, format!("`{param}` is required"))
    }

    fn invalid(param: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError::new("parameter_invalid", param, message)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LineItemDraft {
    pub name: Option<String>,
    pub unit_amount: Option<i64>,
    pub quantity: Option<i64>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Customer {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// The unchecked request, as the API received it.
#[derive(Clone, Debug, Default)]
pub struct CheckoutDraft {
    pub mode: Option<String>,
    pub currency: Option<String>,
    pub line_items: Option<Vec<LineItemDraft>>,
    pub amount: Option<i64>,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    pub customer: Option<Customer>,
    pub customer_email: Option<String>,
    pub client_reference_id: Option<String>,
    pub description: Option<String>,
    pub source: Option<String>,
    pub submit_type: Option<String>,
    pub locale: Option<String>,
    pub metadata: Option<BTreeMap<String, Value>>,
    pub payment_method_types: Option<Vec<String>>,
    pub expires_at: Option<i64>,
    /// Sends this session's events here instead of the product's endpoint.
    pub webhook_url: Option<String>,
}

/// What the merchant's product allows, when the session names one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductRules {
    pub name: String,
    pub main_currency: Currency,
    pub methods: Vec<MethodId>,
}

/// Facts the validation needs that are not in the request.
#[derive(Clone, Debug)]
pub struct DraftContext {
    /// Unix seconds.
    pub now: i64,
    pub livemode: bool,
    pub product: Option<ProductRules>,
    /// Label of the single line when the merchant sends `amount`.
    pub fallback_item_name: String,
    /// How soon `expires_at` may be, in seconds from now.
    pub min_lifetime_secs: i64,
    /// How many metadata keys the calling API allows (5; Orqex's 10).
    pub max_metadata_keys: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineItem {
    pub name: String,
    pub unit_amount: i64,
    pub quantity: i64,
    pub description: Option<String>,
}

impl LineItem {
    pub fn amount_total(&self) -> i64 {
        self.unit_amount * self.quantity
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmitType {
    Pay,
    Donate,
    Book,
}

/// A checked checkout, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCheckout {
    pub currency: Currency,
    pub line_items: Vec<LineItem>,
    pub amount_subtotal: i64,
    pub amount_total: i64,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    pub customer: Customer,
    pub client_reference_id: Option<String>,
    pub description: Option<String>,
    pub source: Option<String>,
    pub submit_type: SubmitType,
    pub locale: LocalePref,
    pub metadata: BTreeMap<String, String>,
    pub payment_method_types: Vec<MethodId>,
    pub expires_at: i64,
    pub webhook_url: Option<String>,
}

impl SubmitType {
    pub fn as_str(&self) -> &'static str {
        match self {
            SubmitType::Pay => "pay",
            SubmitType::Donate => "donate",
            SubmitType::Book => "book",
        }
    }

    pub fn parse(s: &str) -> Option<SubmitType> {
        Some(match s {
            "pay" => SubmitType::Pay,
            "donate" => SubmitType::Donate,
            "book" => SubmitType::Book,
            _ => return None,
        })
    }
}

impl CheckoutDraft {
    pub fn validate(self, cx: &DraftContext) -> Result<NewCheckout, FieldError> {
        if self.mode.as_deref().is_some_and(|m| m != "payment") {
            return Err(FieldError::invalid("mode", "`mode` must be `payment`"));
        }
        let currency = match (&self.currency, &cx.product) {
            (Some(code), _) => Currency::parse(code).ok_or_else(|| {
                FieldError::new(
                    "currency_unsupported",
                    "currency",
                    format!("`{code}` is not a currency we accept"),
                )
            })?,
            (None, Some(p)) => p.main_currency,
            (None, None) => return Err(FieldError::missing("currency")),
        };

        let line_items = match (self.line_items, self.amount) {
            (Some(_), Some(_)) => {
                return Err(FieldError::invalid(
                    "amount",
                    "pass either `line_items` or `amount`, not both",
                ));
            }
            (Some(items), None) => validate_line_items(items)?,
            (None, Some(amount)) => {
                check_amount(amount, "amount")?;
                let name = self
                    .description
                    .clone()
                    .unwrap_or_else(|| cx.fallback_item_name.clone());
                vec![LineItem {
                    name,
                    unit_amount: amount,
                    quantity: 1,
                    description: None,
                }]
            }
            (None, None) => return Err(FieldError::missing("line_items")),
        };
        let amount_subtotal = line_items
            .iter()
            .try_fold(0i64, |sum, item| sum.checked_add(item.amount_total()))
            .filter(|sum| *sum <= MAX_AMOUNT)
            .ok_or_else(too_large)?;
        if amount_subtotal <= 0 {
            return Err(FieldError::new(
                "amount_too_small",
                "line_items",
                "the total must be greater than zero",
            ));
        }

        let success_url = self
            .success_url
            .map(|u| check_url(u, "success_url", cx.livemode))
            .transpose()?;
        let cancel_url = self
            .cancel_url
            .map(|u| check_url(u, "cancel_url", cx.livemode))
            .transpose()?;
        let webhook_url = self
            .webhook_url
            .map(|u| check_url(u, "webhook_url", cx.livemode))
            .transpose()?;

        let customer = validate_customer(self.customer.unwrap_or_default(), self.customer_email)?;
        let client_reference_id = self
            .client_reference_id
            .map(|s| check_len(s, "client_reference_id", 1, 200))
            .transpose()?;
        let description = self
            .description
            .map(|s| check_len(s, "description", 4, 150))
            .transpose()?;
        let source = match self.source.as_deref() {
            None => None,
            Some(s @ ("pos" | "web" | "mobile" | "ussd")) => Some(s.to_owned()),
            Some(_) => {
                return Err(FieldError::invalid(
                    "source",
                    "`source` must be one of `pos`, `web`, `mobile`, `ussd`",
                ));
            }
        };
        let submit_type = match self.submit_type.as_deref() {
            None => SubmitType::Pay,
            Some(s) => SubmitType::parse(s).ok_or_else(|| {
                FieldError::invalid(
                    "submit_type",
                    "`submit_type` must be one of `pay`, `donate`, `book`",
                )
            })?,
        };
        let locale = match self.locale.as_deref() {
            None => LocalePref::Auto,
            Some(s) => LocalePref::parse(s).ok_or_else(|| {
                FieldError::invalid(
                    "locale",
                    "`locale` must be one of `en`, `pt`, `fr`, `sw`, `auto`",
                )
            })?,
        };
        let metadata =
            validate_metadata_up_to(self.metadata.unwrap_or_default(), cx.max_metadata_keys)?;
        let payment_method_types =
            resolve_methods(self.payment_method_types, currency, cx.product.as_ref())?;
        let expires_at = match self.expires_at {
            None => cx.now + DEFAULT_LIFETIME_SECS,
            Some(t) if t < cx.now + cx.min_lifetime_secs || t > cx.now + MAX_LIFETIME_SECS => {
                return Err(FieldError::invalid(
                    "expires_at",
                    format!(
                        "`expires_at` must be between {} seconds and 7 days from now (Unix seconds)",
                        cx.min_lifetime_secs
                    ),
                ));
            }
            Some(t) => t,
        };

        Ok(NewCheckout {
            currency,
            line_items,
            amount_subtotal,
            amount_total: amount_subtotal,
            success_url,
            cancel_url,
            customer,
            client_reference_id,
            description,
            source,
            submit_type,
            locale,
            metadata,
            payment_method_types,
            expires_at,
            webhook_url,
        })
    }
}

fn too_large() -> FieldError {
    FieldError::new(
        "amount_too_large",
        "line_items",
        format!("the total must be at most {MAX_AMOUNT} minor units"),
    )
}

fn check_amount(amount: i64, param: &str) -> Result<(), FieldError> {
    if amount <= 0 {
        return Err(FieldError::new(
            "amount_too_small",
            param,
            format!("`{param}` must be a positive integer in minor units"),
        ));
    }
    if amount > MAX_AMOUNT {
        return Err(FieldError::new(
            "amount_too_large",
            param,
            format!("`{param}` must be at most {MAX_AMOUNT} minor units"),
        ));
    }
    Ok(())
}

fn validate_line_items(items: Vec<LineItemDraft>) -> Result<Vec<LineItem>, FieldError> {
    if items.is_empty() {
        return Err(FieldError::invalid(
            "line_items",
            "at least one line item is required",
        ));
    }
    if items.len() > MAX_LINE_ITEMS {
        return Err(FieldError::invalid(
            "line_items",
            format!("at most {MAX_LINE_ITEMS} line items are allowed"),
        ));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let p = |field: &str| format!("line_items[{i}].{field}");
            let name = item.name.ok_or_else(|| FieldError::missing(&p("name")))?;
            let name = check_len(name, &p("name"), 1, 250)?;
            let unit_amount = item
                .unit_amount
                .ok_or_else(|| FieldError::missing(&p("unit_amount")))?;
            if !(0..=MAX_AMOUNT).contains(&unit_amount) {
                return Err(FieldError::invalid(
                    p("unit_amount"),
                    format!("`unit_amount` must be between 0 and {MAX_AMOUNT} minor units"),
                ));
            }
            let quantity = item.quantity.unwrap_or(1);
            if !(1..=MAX_QUANTITY).contains(&quantity) {
                return Err(FieldError::invalid(
                    p("quantity"),
                    format!("`quantity` must be between 1 and {MAX_QUANTITY}"),
                ));
            }
            if unit_amount
                .checked_mul(quantity)
                .is_none_or(|t| t > MAX_AMOUNT)
            {
                return Err(too_large());
            }
            let description = item
                .description
                .map(|d| check_len(d, &p("description"), 1, 500))
                .transpose()?;
            Ok(LineItem {
                name,
                unit_amount,
                quantity,
                description,
            })
        })
        .collect()
}

/// Trims, then checks the length in characters (not bytes).
pub fn check_len(s: String, param: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let trimmed = s.trim();
    let n = trimmed.chars().count();
    if n < min || n > max {
        return Err(FieldError::invalid(
            param,
            format!("`{param}` must be between {min} and {max} characters"),
        ));
    }
    Ok(trimmed.to_owned())
}

/// `https://` URLs; `http://localhost` too, but only in test mode. The URL is
/// kept exactly as sent (placeholders and query strings included).
pub fn check_url(raw: String, param: &str, livemode: bool) -> Result<String, FieldError> {
    let bad = |msg: &str| FieldError::new("url_invalid", param, format!("`{param}` {msg}"));
    if raw.len() > MAX_URL_LEN {
        return Err(bad("is longer than 2048 characters"));
    }
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("must not contain spaces or control characters"));
    }
    let url = url::Url::parse(&raw).map_err(|_| bad("must be an absolute URL"))?;
    let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    match url.scheme() {
        "https" if url.host_str().is_some() => Ok(raw),
        "http" if local && !livemode => Ok(raw),
        "http" if local => Err(bad("must use https in live mode")),
        _ => Err(bad("must be an https URL")),
    }
}

fn validate_customer(
    mut c: Customer,
    customer_email: Option<String>,
) -> Result<Customer, FieldError> {
    if let Some(email) = customer_email {
        match &c.email {
            Some(e) if !e.eq_ignore_ascii_case(&email) => {
                return Err(FieldError::invalid(
                    "customer_email",
                    "`customer_email` and `customer.email` differ",
                ));
            }
            _ => c.email = Some(email),
        }
    }
    let name = c
        .name
        .map(|n| check_len(n, "customer.name", 1, 200))
        .transpose()?;
    let email = c
        .email
        .map(|e| {
            let e = e.trim().to_owned();
            if is_plausible_email(&e) {
                Ok(e)
            } else {
                Err(FieldError::invalid(
                    "customer.email",
                    "`customer.email` is not an email address",
                ))
            }
        })
        .transpose()?;
    let phone = c
        .phone
        .map(|p| {
            let p = p.trim().to_owned();
            if is_e164(&p) {
                Ok(p)
            } else {
                Err(FieldError::invalid(
                    "customer.phone",
                    "`customer.phone` must be in E.164 form, e.g. +258840000000",
                ))
            }
        })
        .transpose()?;
    Ok(Customer { name, email, phone })
}

pub fn is_plausible_email(e: &str) -> bool {
    let Some((local, domain)) = e.rsplit_once('@') else {
        return false;
    };
    e.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(|c| c.is_whitespace() || c.is_control())
}

pub fn validate_metadata(
    m: BTreeMap<String, Value>,
) -> Result<BTreeMap<String, String>, FieldError> {
    validate_metadata_up_to(m, 5)
}

/// The most metadata a session holds, as JSON: it travels in every webhook,
/// and the Standard Webhooks spec asks payloads to stay under about 20 KB.
pub const MAX_METADATA_BYTES: usize = 6 * 1024;

/// Metadata with up to `max` keys of 1-40 characters, string values of at
/// most 500, and at most [`MAX_METADATA_BYTES`] in all as JSON.
pub fn validate_metadata_up_to(
    m: BTreeMap<String, Value>,
    max: usize,
) -> Result<BTreeMap<String, String>, FieldError> {
    if m.len() > max {
        return Err(FieldError::invalid(
            "metadata",
            format!("`metadata` can have at most {max} keys"),
        ));
    }
    let checked = metadata_pairs(m)?;
    if serde_json::to_string(&checked).map_or(usize::MAX, |j| j.len()) > MAX_METADATA_BYTES {
        return Err(FieldError::invalid(
            "metadata",
            format!("`metadata` must be at most {MAX_METADATA_BYTES} bytes as JSON"),
        ));
    }
    Ok(checked)
}

fn metadata_pairs(m: BTreeMap<String, Value>) -> Result<BTreeMap<String, String>, FieldError> {
    m.into_iter()
        .map(|(k, v)| {
            let n = k.chars().count();
            if n == 0 || n > 40 {
                return Err(FieldError::invalid(
                    "metadata",
                    "metadata keys must be between 1 and 40 characters",
                ));
            }
            let param = format!("metadata[{k}]");
            let Value::String(v) = v else {
                return Err(FieldError::invalid(
                    param,
                    "metadata values must be strings",
                ));
            };
            if v.chars().count() > 500 {
                return Err(FieldError::invalid(
                    param,
                    "metadata values must be at most 500 characters",
                ));
            }
            Ok((k, v))
        })
        .collect()
}

/// The methods the page offers: the session's list (aliases accepted) or the
/// product's, kept to those that serve the currency.
fn resolve_methods(
    asked: Option<Vec<String>>,
    currency: Currency,
    product: Option<&ProductRules>,
) -> Result<Vec<MethodId>, FieldError> {
    let enabled: Vec<MethodId> = match product {
        Some(p) => p.methods.clone(),
        None => MethodId::ALL.to_vec(),
    };
    let mut out = Vec::new();
    match asked {
        Some(list) => {
            if list.is_empty() {
                return Err(FieldError::invalid(
                    "payment_method_types",
                    "`payment_method_types` must not be empty; omit it to allow every enabled method",
                ));
            }
            for (i, name) in list.iter().enumerate() {
                let param = format!("payment_method_types[{i}]");
                let m = MethodId::parse(name).ok_or_else(|| {
                    FieldError::new(
                        "payment_method_invalid",
                        &param,
                        format!("`{name}` is not a payment method we know"),
                    )
                })?;
                if !enabled.contains(&m) {
                    return Err(FieldError::new(
                        "payment_method_unavailable",
                        &param,
                        format!("`{m}` is not enabled on this product"),
                    ));
                }
                if !m.serves(currency) {
                    return Err(FieldError::new(
                        "payment_method_currency",
                        &param,
                        format!("`{m}` cannot be used to pay in {currency}"),
                    ));
                }
                if !out.contains(&m) {
                    out.push(m);
                }
            }
        }
        None => {
            out = enabled.into_iter().filter(|m| m.serves(currency)).collect();
            if out.is_empty() {
                return Err(FieldError::new(
                    "payment_method_currency",
                    "currency",
                    format!("no enabled payment method accepts {currency}"),
                ));
            }
        }
    }
    Ok(out)
}

/// Fills the `{CHECKOUT_SESSION_ID}` placeholder; a URL without it is
/// returned exactly as the merchant sent it.
pub fn fill_success_url(url: &str, session_id: &str) -> String {
    url.replace(SESSION_ID_PLACEHOLDER, session_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: i64 = 1_800_000_000;

    fn cx() -> DraftContext {
        DraftContext {
            now: NOW,
            livemode: false,
            product: None,
            fallback_item_name: "Demo Store".into(),
            min_lifetime_secs: MIN_LIFETIME_SECS,
            max_metadata_keys: 5,
        }
    }

    fn draft() -> CheckoutDraft {
        CheckoutDraft {
            currency: Some("mzn".into()),
            line_items: Some(vec![
                LineItemDraft {
                    name: Some("Capulana".into()),
                    unit_amount: Some(125_000),
                    quantity: Some(2),
                    description: None,
                },
                LineItemDraft {
                    name: Some("Delivery".into()),
                    unit_amount: Some(15_000),
                    quantity: None,
                    description: Some("Maputo".into()),
                },
            ]),
            success_url: Some("https://shop.example/ok?s={CHECKOUT_SESSION_ID}".into()),
            ..Default::default()
        }
    }

    fn err(d: CheckoutDraft) -> FieldError {
        d.validate(&cx()).unwrap_err()
    }

    #[test]
    fn a_good_draft() {
        let c = draft().validate(&cx()).unwrap();
        assert_eq!(c.currency.code(), "MZN");
        assert_eq!(c.amount_subtotal, 265_000);
        assert_eq!(c.amount_total, 265_000);
        assert_eq!(c.line_items[1].quantity, 1);
        assert_eq!(c.expires_at, NOW + DEFAULT_LIFETIME_SECS);
        assert_eq!(c.submit_type, SubmitType::Pay);
        assert_eq!(c.locale, LocalePref::Auto);
        // Only the methods that take MZN.
        assert_eq!(
            c.payment_method_types,
            vec![
                MethodId::Mpesa,
                MethodId::Emola,
                MethodId::Emis,
                MethodId::Card,
                MethodId::Stripe,
                MethodId::Flutterwave
            ]
        );
        assert_eq!(
            c.success_url.as_deref(),
            Some("https://shop.example/ok?s={CHECKOUT_SESSION_ID}")
        );
    }

    #[test]
    fn amount_instead_of_line_items() {
        let d = CheckoutDraft {
            line_items: None,
            amount: Some(2500),
            description: Some("Pro plan".into()),
            ..draft()
        };
        let c = d.validate(&cx()).unwrap();
        assert_eq!(c.amount_total, 2500);
        assert_eq!(c.line_items[0].name, "Pro plan");

        let d = CheckoutDraft {
            amount: Some(2500),
            ..draft()
        };
        assert_eq!(err(d).param.as_deref(), Some("amount"));
        let d = CheckoutDraft {
            line_items: None,
            amount: Some(0),
            ..draft()
        };
        assert_eq!(err(d).code, "amount_too_small");
        let d = CheckoutDraft {
            line_items: None,
            ..draft()
        };
        assert_eq!(err(d).code, "parameter_missing");
    }

    #[test]
    fn line_item_errors_name_the_item() {
        let mut d = draft();
        d.line_items.as_mut().unwrap()[1].quantity = Some(0);
        assert_eq!(err(d).param.as_deref(), Some("line_items[1].quantity"));

        let mut d = draft();
        d.line_items.as_mut().unwrap()[0].unit_amount = Some(-1);
        assert_eq!(err(d).param.as_deref(), Some("line_items[0].unit_amount"));

        let mut d = draft();
        d.line_items.as_mut().unwrap()[0].name = Some("   ".into());
        assert_eq!(err(d).param.as_deref(), Some("line_items[0].name"));

        let d = CheckoutDraft {
            line_items: Some(vec![]),
            ..draft()
        };
        assert_eq!(err(d).param.as_deref(), Some("line_items"));

        let mut d = draft();
        for item in d.line_items.as_mut().unwrap() {
            item.unit_amount = Some(0);
        }
        assert_eq!(err(d).code, "amount_too_small");
    }

    #[test]
    fn totals_cannot_overflow() {
        let mut d = draft();
        d.line_items.as_mut().unwrap()[0].unit_amount = Some(MAX_AMOUNT);
        d.line_items.as_mut().unwrap()[0].quantity = Some(MAX_QUANTITY);
        assert_eq!(err(d).code, "amount_too_large");

        let mut d = draft();
        d.line_items.as_mut().unwrap()[0].unit_amount = Some(MAX_AMOUNT);
        d.line_items.as_mut().unwrap()[0].quantity = Some(1);
        assert_eq!(err(d).code, "amount_too_large");
    }

    #[test]
    fn currency_is_required_unless_the_product_has_one() {
        let d = CheckoutDraft {
            currency: None,
            ..draft()
        };
        assert_eq!(err(d.clone()).param.as_deref(), Some("currency"));
        let mut c = cx();
        c.product = Some(ProductRules {
            name: "Pro".into(),
            main_currency: Currency::parse("MZN").unwrap(),
            methods: vec![MethodId::Mpesa],
        });
        assert_eq!(d.validate(&c).unwrap().currency.code(), "MZN");
        let d = CheckoutDraft {
            currency: Some("ABC".into()),
            ..draft()
        };
        assert_eq!(err(d).code, "currency_unsupported");
    }

    #[test]
    fn urls() {
        assert!(check_url("https://a.example/x".into(), "u", true).is_ok());
        assert!(check_url("http://localhost:4000/ok".into(), "u", false).is_ok());
        assert!(check_url("http://127.0.0.1/ok".into(), "u", false).is_ok());
        assert_eq!(
            check_url("http://localhost/ok".into(), "u", true)
                .unwrap_err()
                .code,
            "url_invalid"
        );
        assert!(check_url("http://shop.example/ok".into(), "u", false).is_err());
        assert!(check_url("javascript:alert(1)".into(), "u", false).is_err());
        assert!(check_url("/relative".into(), "u", false).is_err());
        assert!(check_url("https://a.example/ x".into(), "u", false).is_err());
        assert!(
            check_url(
                format!("https://a.example/{}", "x".repeat(2100)),
                "u",
                false
            )
            .is_err()
        );
        let d = CheckoutDraft {
            cancel_url: Some("ftp://x.example".into()),
            ..draft()
        };
        assert_eq!(err(d).param.as_deref(), Some("cancel_url"));
    }

    #[test]
    fn description_length() {
        let d = CheckoutDraft {
            description: Some("abc".into()),
            ..draft()
        };
        assert_eq!(err(d).param.as_deref(), Some("description"));
        let d = CheckoutDraft {
            description: Some("é".repeat(150)),
            ..draft()
        };
        assert!(d.validate(&cx()).is_ok());
        let d = CheckoutDraft {
            description: Some("é".repeat(151)),
            ..draft()
        };
        assert!(d.validate(&cx()).is_err());
    }

    #[test]
    fn metadata_limits() {
        let meta = |v: Value| -> CheckoutDraft {
            CheckoutDraft {
                metadata: Some(serde_json::from_value(v).unwrap()),
                ..draft()
            }
        };
        assert!(meta(json!({"order": "42"})).validate(&cx()).is_ok());
        let six = json!({"a":"1","b":"1","c":"1","d":"1","e":"1","f":"1"});
        assert_eq!(err(meta(six)).param.as_deref(), Some("metadata"));
        let long_key = json!({ "k".repeat(41): "v" });
        assert_eq!(err(meta(long_key)).param.as_deref(), Some("metadata"));
        let long_value = json!({ "k": "v".repeat(501) });
        assert_eq!(err(meta(long_value)).param.as_deref(), Some("metadata[k]"));
        let number = json!({ "k": 5 });
        assert_eq!(err(meta(number)).param.as_deref(), Some("metadata[k]"));
    }

    #[test]
    fn metadata_has_a_byte_budget_so_webhooks_stay_small() {
        let with = |keys: usize, value: &str| {
            let m: BTreeMap<String, Value> = (0..keys)
                .map(|i| (format!("key{i}"), json!(value.repeat(500))))
                .collect();
            validate_metadata_up_to(m, 10)
        };
        // Ten plain 500-character values fit; five in four-byte characters
        // (10 KB) do not, nor do control characters JSON spells in six bytes.
        assert!(with(10, "a").is_ok());
        assert_eq!(
            with(5, "🌍").unwrap_err().param.as_deref(),
            Some("metadata")
        );
        assert_eq!(
            with(3, "\u{1}").unwrap_err().param.as_deref(),
            Some("metadata")
        );
        assert!(with(2, "\u{1}").is_ok());
    }

    #[test]
    fn customer() {
        let d = CheckoutDraft {
            customer: Some(Customer {
                name: Some("João Silva".into()),
                email: Some("buyer@example.com".into()),
                phone: Some("+258840000000".into()),
            }),
            ..draft()
        };
        assert_eq!(
            d.validate(&cx()).unwrap().customer.phone.as_deref(),
            Some("+258840000000")
        );
        let d = CheckoutDraft {
            customer: Some(Customer {
                phone: Some("840000000".into()),
                ..Default::default()
            }),
            ..draft()
        };
        assert_eq!(err(d).param.as_deref(), Some("customer.phone"));
        let d = CheckoutDraft {
            customer_email: Some("not-an-email".into()),
            ..draft()
        };
        assert_eq!(err(d).param.as_deref(), Some("customer.email"));
        let d = CheckoutDraft {
            customer_email: Some("a@b.example".into()),
            ..draft()
        };
        assert_eq!(
            d.validate(&cx()).unwrap().customer.email.as_deref(),
            Some("a@b.example")
        );
    }

    #[test]
    fn enums() {
        let d = CheckoutDraft {
            mode: Some("subscription".into()),
            ..draft()
        };
        assert_eq!(err(d).param.as_deref(), Some("mode"));
        let d = CheckoutDraft {
            submit_type: Some("buy".into()),
            ..draft()
        };
        assert_eq!(err(d).param.as_deref(), Some("submit_type"));
        let d = CheckoutDraft {
            source: Some("tv".into()),
            ..draft()
        };
        assert_eq!(err(d).param.as_deref(), Some("source"));
        let d = CheckoutDraft {
            locale: Some("de".into()),
            ..draft()
        };
        assert_eq!(err(d).param.as_deref(), Some("locale"));
        let d = CheckoutDraft {
            submit_type: Some("donate".into()),
            locale: Some("pt".into()),
            ..draft()
        };
        let c = d.validate(&cx()).unwrap();
        assert_eq!(c.submit_type, SubmitType::Donate);
        assert_eq!(c.locale.as_str(), "pt");
    }

    #[test]
    fn expiry_window() {
        for (t, ok) in [
            (NOW + 59, false),
            (NOW + 60, true),
            (NOW + 3600, true),
            (NOW + MAX_LIFETIME_SECS, true),
            (NOW + MAX_LIFETIME_SECS + 1, false),
            (NOW - 1, false),
        ] {
            let d = CheckoutDraft {
                expires_at: Some(t),
                ..draft()
            };
            assert_eq!(d.validate(&cx()).is_ok(), ok, "{t}");
        }
    }

    #[test]
    fn payment_methods() {
        let d = CheckoutDraft {
            payment_method_types: Some(vec!["M-Pesa".into(), "card".into(), "mpesa".into()]),
            ..draft()
        };
        assert_eq!(
            d.validate(&cx()).unwrap().payment_method_types,
            vec![MethodId::Mpesa, MethodId::Card]
        );
        let d = CheckoutDraft {
            payment_method_types: Some(vec!["ecocash".into()]),
            ..draft()
        };
        let e = err(d);
        assert_eq!(e.code, "payment_method_currency");
        assert!(e.message.contains("ecocash"));
        let d = CheckoutDraft {
            payment_method_types: Some(vec!["mpesa".into(), "cash".into()]),
            ..draft()
        };
        assert_eq!(err(d).param.as_deref(), Some("payment_method_types[1]"));
        let d = CheckoutDraft {
            payment_method_types: Some(vec![]),
            ..draft()
        };
        assert_eq!(err(d).param.as_deref(), Some("payment_method_types"));

        let mut c = cx();
        c.product = Some(ProductRules {
            name: "Pro".into(),
            main_currency: Currency::parse("MZN").unwrap(),
            methods: vec![MethodId::Mpesa, MethodId::Ecocash],
        });
        let d = CheckoutDraft {
            payment_method_types: Some(vec!["emola".into()]),
            ..draft()
        };
        assert_eq!(
            d.validate(&c).unwrap_err().code,
            "payment_method_unavailable"
        );
        assert_eq!(
            draft().validate(&c).unwrap().payment_method_types,
            vec![MethodId::Mpesa]
        );
        let d = CheckoutDraft {
            currency: Some("KES".into()),
            ..draft()
        };
        c.product.as_mut().unwrap().methods = vec![MethodId::Emola];
        assert_eq!(d.validate(&c).unwrap_err().code, "payment_method_currency");
    }

    #[test]
    fn success_url_placeholder() {
        assert_eq!(
            fill_success_url("https://s.example/ok?id={CHECKOUT_SESSION_ID}", "cs_1"),
            "https://s.example/ok?id=cs_1"
        );
        assert_eq!(
            fill_success_url("https://s.example/ok?ref=a%20b&x={y}", "cs_1"),
            "https://s.example/ok?ref=a%20b&x={y}"
        );
    }
}
