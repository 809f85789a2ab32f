//! A merchant's request for a checkout, checked field by field.
//!
//! Every API door turns its request into a [`CheckoutDraft`] (plain,
//! unchecked data); [`CheckoutDraft::validate`] either returns a
//! [`NewCheckout`] that is safe to store, or the first [`FieldError`] with
//! the field it concerns. Nothing is written before this succeeds.

use super::compat::Api;
use super::currency::Currency;
pub use super::field::{Field, FieldError, ItemField, check_len, check_len_opt};
use super::locale::LocalePref;
use super::method::MethodId;
use super::money::MAX_AMOUNT;
use super::phone::is_e164;
use super::provider::{Rails, Unavailable};
use super::restriction::{Restriction, RestrictionDraft};
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
pub const MAX_METADATA_VALUE_CHARS: usize = 500;
pub const MAX_METADATA_KEY_CHARS: usize = 40;

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LineItemDraft {
    #[cfg_attr(
        feature = "ssr",
        schema(value_type = String, required = true, min_length = 1, max_length = 250, pattern = r"\S")
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Minor units.
    #[cfg_attr(
        feature = "ssr",
        schema(value_type = i64, required = true, minimum = 0, maximum = 1_000_000_000_000_i64)
    )]
    #[serde(
        default,
        deserialize_with = "super::field::whole",
        skip_serializing_if = "Option::is_none"
    )]
    pub unit_amount: Option<i64>,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 10_000))]
    #[serde(
        default,
        deserialize_with = "super::field::whole",
        skip_serializing_if = "Option::is_none"
    )]
    pub quantity: Option<i64>,
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 1, max_length = 500, pattern = r"\S")
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Customer {
    #[cfg_attr(
        feature = "ssr",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: Option<String>,
    #[cfg_attr(
        feature = "ssr",
        schema(max_length = 254, pattern = r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
    )]
    pub email: Option<String>,
    /// E.164.
    #[cfg_attr(feature = "ssr", schema(pattern = r"^\+[1-9][0-9]{6,14}$"))]
    pub phone: Option<String>,
}

impl Customer {
    /// A name from its parts (first and last, first and other names), or
    /// `None` when they are all empty.
    pub fn join_names(parts: &[Option<&str>]) -> Option<String> {
        let name = parts
            .iter()
            .flatten()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        (!name.is_empty()).then_some(name)
    }
}

/// The unchecked request, as an API door received and translated it.
#[derive(Clone, Debug, Default)]
pub struct CheckoutDraft {
    /// The door it came through: its rules (metadata size) and its events.
    pub api: Api,
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
    /// Who may pay; a fixed number is also the phone the page shows.
    pub restriction: RestrictionDraft,
    /// The merchant's brand on the page: a name and a colour.
    pub brand_name: Option<String>,
    pub brand_color: Option<String>,
    /// The buyer may pay in parts.
    pub allow_partial: bool,
    /// The caller's own reference, unique among its checkouts.
    pub external_reference: Option<String>,
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
    /// Where the merchant's payments can go in this mode.
    pub rails: Rails,
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
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubmitType {
    Pay,
    Donate,
    Book,
}

/// A checked checkout, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCheckout {
    pub api: Api,
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
    pub restriction: Restriction,
    pub brand_name: Option<String>,
    /// `#rrggbb`.
    pub brand_color: Option<String>,
    pub allow_partial: bool,
    pub external_reference: Option<String>,
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

/// The money part of a checked checkout.
struct Amounts {
    currency: Currency,
    line_items: Vec<LineItem>,
    total: i64,
}

/// The urls of a checked checkout.
struct Urls {
    success: Option<String>,
    cancel: Option<String>,
    webhook: Option<String>,
}

impl CheckoutDraft {
    pub fn validate(self, cx: &DraftContext) -> Result<NewCheckout, FieldError> {
        if self.mode.as_deref().is_some_and(|m| m != "payment") {
            return Err(FieldError::invalid(Field::Mode, "must be `payment`"));
        }
        let amounts = self.amounts(cx)?;
        let urls = self.urls(cx.livemode)?;
        let restriction = self.restriction.clone().validate()?;
        let mut customer = validate_customer(
            self.customer.clone().unwrap_or_default(),
            self.customer_email.clone(),
        )?;
        if customer.phone.is_none() {
            customer.phone = restriction.phone.clone();
        }
        let (brand_name, brand_color) = self.brand()?;
        let payment_method_types = resolve_methods(
            self.payment_method_types.clone(),
            (amounts.currency, amounts.total),
            cx,
        )?;
        restriction.leaves_a_method(&payment_method_types, amounts.currency)?;
        Ok(NewCheckout {
            api: self.api,
            currency: amounts.currency,
            line_items: amounts.line_items,
            amount_subtotal: amounts.total,
            amount_total: amounts.total,
            success_url: urls.success,
            cancel_url: urls.cancel,
            customer,
            client_reference_id: check_len_opt(
                self.client_reference_id.clone(),
                Field::ClientReferenceId,
                1,
                200,
            )?,
            description: check_len_opt(self.description.clone(), Field::Description, 4, 150)?,
            source: self.source()?,
            submit_type: self.submit_type()?,
            locale: self.locale()?,
            metadata: validate_metadata_up_to(
                self.metadata.clone().unwrap_or_default(),
                self.api.max_metadata_keys(),
            )?,
            payment_method_types,
            expires_at: self.expiry(cx)?,
            webhook_url: urls.webhook,
            restriction,
            brand_name,
            brand_color,
            allow_partial: self.allow_partial,
            external_reference: check_len_opt(
                self.external_reference.clone(),
                Field::ExternalReference,
                1,
                100,
            )?,
        })
    }

    fn amounts(&self, cx: &DraftContext) -> Result<Amounts, FieldError> {
        let currency = match (&self.currency, &cx.product) {
            (Some(code), _) => Currency::of_field(code, Field::Currency)?,
            (None, Some(p)) => p.main_currency,
            (None, None) => return Err(FieldError::missing(Field::Currency)),
        };
        let line_items = match (self.line_items.clone(), self.amount) {
            (Some(_), Some(_)) => {
                return Err(FieldError::invalid(
                    Field::Amount,
                    "cannot be sent with line items: pass one or the other",
                ));
            }
            (Some(items), None) => validate_line_items(items)?,
            (None, Some(amount)) => {
                check_amount(amount, Field::Amount)?;
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
            (None, None) => return Err(FieldError::missing(Field::LineItems)),
        };
        let total = line_items
            .iter()
            .try_fold(0i64, |sum, item| sum.checked_add(item.amount_total()))
            .filter(|sum| *sum <= MAX_AMOUNT)
            .ok_or_else(too_large)?;
        if total <= 0 {
            return Err(FieldError::new(
                "amount_too_small",
                Field::LineItems,
                "must add up to more than zero",
            ));
        }
        Ok(Amounts {
            currency,
            line_items,
            total,
        })
    }

    fn urls(&self, livemode: bool) -> Result<Urls, FieldError> {
        let check =
            |u: &Option<String>, f: Field| u.clone().map(|u| check_url(u, f, livemode)).transpose();
        Ok(Urls {
            success: check(&self.success_url, Field::SuccessUrl)?,
            cancel: check(&self.cancel_url, Field::CancelUrl)?,
            webhook: check(&self.webhook_url, Field::WebhookUrl)?,
        })
    }

    fn source(&self) -> Result<Option<String>, FieldError> {
        match self.source.as_deref() {
            None => Ok(None),
            Some(s @ ("pos" | "web" | "mobile" | "ussd")) => Ok(Some(s.to_owned())),
            Some(_) => Err(FieldError::invalid(
                Field::Source,
                "must be one of `pos`, `web`, `mobile`, `ussd`",
            )),
        }
    }

    fn submit_type(&self) -> Result<SubmitType, FieldError> {
        match self.submit_type.as_deref() {
            None => Ok(SubmitType::Pay),
            Some(s) => SubmitType::parse(s).ok_or_else(|| {
                FieldError::invalid(Field::SubmitType, "must be one of `pay`, `donate`, `book`")
            }),
        }
    }

    fn locale(&self) -> Result<LocalePref, FieldError> {
        match self.locale.as_deref() {
            None => Ok(LocalePref::Auto),
            Some(s) => LocalePref::parse(s).ok_or_else(|| {
                let codes: Vec<String> = crate::domain::Locale::ALL
                    .iter()
                    .map(|l| format!("`{}`", l.as_str()))
                    .collect();
                let reason = format!("must be one of {}, `auto`", codes.join(", "));
                FieldError::invalid(Field::Locale, reason)
            }),
        }
    }

    fn expiry(&self, cx: &DraftContext) -> Result<i64, FieldError> {
        match self.expires_at {
            None => Ok(cx.now + DEFAULT_LIFETIME_SECS),
            Some(t) if t < cx.now + cx.min_lifetime_secs || t > cx.now + MAX_LIFETIME_SECS => {
                Err(FieldError::invalid(
                    Field::ExpiresAt,
                    format!(
                        "must be between {} seconds and 7 days from now (Unix seconds)",
                        cx.min_lifetime_secs
                    ),
                ))
            }
            Some(t) => Ok(t),
        }
    }

    fn brand(&self) -> Result<(Option<String>, Option<String>), FieldError> {
        let name = check_len_opt(self.brand_name.clone(), Field::BrandName, 0, 60)?
            .filter(|n| !n.is_empty());
        let color = self
            .brand_color
            .as_deref()
            .map(|c| {
                super::brand::parse_color(c).ok_or_else(|| {
                    FieldError::invalid(Field::BrandColor, "must be #rgb or #rrggbb")
                })
            })
            .transpose()?;
        Ok((name, color))
    }
}

fn too_large() -> FieldError {
    FieldError::new(
        "amount_too_large",
        Field::LineItems,
        format!("must add up to at most {MAX_AMOUNT} minor units"),
    )
}

fn check_amount(amount: i64, field: Field) -> Result<(), FieldError> {
    if amount <= 0 {
        return Err(FieldError::new(
            "amount_too_small",
            field,
            "must be a positive integer in minor units",
        ));
    }
    if amount > MAX_AMOUNT {
        return Err(FieldError::new(
            "amount_too_large",
            field,
            format!("must be at most {MAX_AMOUNT} minor units"),
        ));
    }
    Ok(())
}

fn validate_line_items(items: Vec<LineItemDraft>) -> Result<Vec<LineItem>, FieldError> {
    if items.is_empty() {
        return Err(FieldError::invalid(
            Field::LineItems,
            "must have at least one item",
        ));
    }
    if items.len() > MAX_LINE_ITEMS {
        return Err(FieldError::invalid(
            Field::LineItems,
            format!("can have at most {MAX_LINE_ITEMS} items"),
        ));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| validate_line_item(i, item))
        .collect()
}

fn validate_line_item(i: usize, item: LineItemDraft) -> Result<LineItem, FieldError> {
    let f = |field| Field::LineItem(i, field);
    let name = item
        .name
        .ok_or_else(|| FieldError::missing(f(ItemField::Name)))?;
    let name = check_len(name, f(ItemField::Name), 1, 250)?;
    let unit_amount = item
        .unit_amount
        .ok_or_else(|| FieldError::missing(f(ItemField::UnitAmount)))?;
    if !(0..=MAX_AMOUNT).contains(&unit_amount) {
        return Err(FieldError::invalid(
            f(ItemField::UnitAmount),
            format!("must be between 0 and {MAX_AMOUNT} minor units"),
        ));
    }
    let quantity = item.quantity.unwrap_or(1);
    if !(1..=MAX_QUANTITY).contains(&quantity) {
        return Err(FieldError::invalid(
            f(ItemField::Quantity),
            format!("must be between 1 and {MAX_QUANTITY}"),
        ));
    }
    if unit_amount
        .checked_mul(quantity)
        .is_none_or(|t| t > MAX_AMOUNT)
    {
        return Err(too_large());
    }
    Ok(LineItem {
        name,
        unit_amount,
        quantity,
        description: check_len_opt(item.description, f(ItemField::Description), 1, 500)?,
    })
}

/// `https://` URLs; `http://localhost` too, but only in test mode. The URL is
/// kept exactly as sent (placeholders and query strings included).
pub fn check_url(raw: String, field: Field, livemode: bool) -> Result<String, FieldError> {
    let bad = |msg: &str| FieldError::new("url_invalid", field.clone(), msg);
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
                    Field::CustomerEmailAlone,
                    "differs from the customer's email",
                ));
            }
            _ => c.email = Some(email),
        }
    }
    let name = check_len_opt(c.name, Field::CustomerName, 1, 200)?;
    let email = c
        .email
        .map(|e| check_email(e, Field::CustomerEmail))
        .transpose()?;
    let phone = c
        .phone
        .map(|p| {
            let p = p.trim().to_owned();
            if is_e164(&p) {
                Ok(p)
            } else {
                Err(FieldError::invalid(
                    Field::CustomerPhone,
                    "must be in E.164 form, e.g. +258840000000",
                ))
            }
        })
        .transpose()?;
    Ok(Customer { name, email, phone })
}

/// A trimmed email address that looks deliverable.
pub fn check_email(e: String, field: Field) -> Result<String, FieldError> {
    let e = e.trim().to_owned();
    if is_plausible_email(&e) {
        Ok(e)
    } else {
        Err(FieldError::invalid(field, "is not an email address"))
    }
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
            Field::Metadata,
            format!("can have at most {max} keys"),
        ));
    }
    let checked = m
        .into_iter()
        .map(|(k, v)| metadata_pair(k, v))
        .collect::<Result<BTreeMap<_, _>, _>>()?;
    if serde_json::to_string(&checked).map_or(usize::MAX, |j| j.len()) > MAX_METADATA_BYTES {
        return Err(FieldError::invalid(
            Field::Metadata,
            format!("must be at most {MAX_METADATA_BYTES} bytes as JSON"),
        ));
    }
    Ok(checked)
}

fn metadata_pair(k: String, v: Value) -> Result<(String, String), FieldError> {
    let n = k.chars().count();
    if n == 0 || n > MAX_METADATA_KEY_CHARS {
        return Err(FieldError::invalid(
            Field::Metadata,
            format!("keys must be between 1 and {MAX_METADATA_KEY_CHARS} characters"),
        ));
    }
    let field = Field::MetadataValue(k.clone());
    let Value::String(v) = v else {
        return Err(FieldError::invalid(field, "must be a string"));
    };
    if v.chars().count() > MAX_METADATA_VALUE_CHARS {
        return Err(FieldError::invalid(
            field,
            format!("must be at most {MAX_METADATA_VALUE_CHARS} characters"),
        ));
    }
    Ok((k, v))
}

/// The methods the page offers: the session's list (aliases accepted) or the
/// product's, kept to those that serve the currency.
fn resolve_methods(
    asked: Option<Vec<String>>,
    (currency, total): (Currency, i64),
    cx: &DraftContext,
) -> Result<Vec<MethodId>, FieldError> {
    let enabled: Vec<MethodId> = match &cx.product {
        Some(p) => p.methods.clone(),
        None => MethodId::ALL.to_vec(),
    };
    let Some(list) = asked else {
        let serving: Vec<MethodId> = enabled.into_iter().filter(|m| m.serves(currency)).collect();
        if serving.is_empty() {
            return Err(FieldError::new(
                "payment_method_currency",
                Field::Currency,
                format!("is {currency}, which no enabled payment method accepts"),
            ));
        }
        let out: Vec<MethodId> = serving
            .into_iter()
            .filter(|m| cx.rails.check(*m, currency, total).is_ok())
            .collect();
        if out.is_empty() {
            return Err(FieldError::new(
                "payment_method_unavailable",
                Field::Currency,
                format!(
                    "is {currency}, which no enabled connector account of this mode can take \
                     for this amount: add one with POST /v1/connector_accounts"
                ),
            ));
        }
        return Ok(out);
    };
    if list.is_empty() {
        return Err(FieldError::invalid(
            Field::PaymentMethodTypes,
            "must not be empty; omit it to allow every enabled method",
        ));
    }
    let mut out = Vec::new();
    for (i, name) in list.iter().enumerate() {
        let m = asked_method(i, name, currency, &enabled)?;
        if let Err(why) = cx.rails.check(m, currency, total) {
            return Err(unavailable(i, m, currency, why));
        }
        if !out.contains(&m) {
            out.push(m);
        }
    }
    Ok(out)
}

/// `payment_method_unavailable`, naming the method and why.
fn unavailable(i: usize, m: MethodId, currency: Currency, why: Unavailable) -> FieldError {
    let reason = match why {
        Unavailable::NoAccount => format!(
            "names `{m}`, which has no enabled connector account for {currency} in this mode"
        ),
        Unavailable::Amount(p) => format!(
            "names `{m}`, whose provider ({p}) cannot take this amount: it takes whole units of {currency} only"
        ),
    };
    FieldError::new(
        "payment_method_unavailable",
        Field::PaymentMethodType(i),
        reason,
    )
}

fn asked_method(
    i: usize,
    name: &str,
    currency: Currency,
    enabled: &[MethodId],
) -> Result<MethodId, FieldError> {
    let field = Field::PaymentMethodType(i);
    let m = MethodId::parse(name).ok_or_else(|| {
        FieldError::new(
            "payment_method_invalid",
            field.clone(),
            format!("names `{name}`, which is not a payment method we know"),
        )
    })?;
    if !enabled.contains(&m) {
        return Err(FieldError::new(
            "payment_method_unavailable",
            field,
            format!("names `{m}`, which is not enabled on this product"),
        ));
    }
    if !m.serves(currency) {
        return Err(FieldError::new(
            "payment_method_currency",
            field,
            format!("names `{m}`, which cannot be used to pay in {currency}"),
        ));
    }
    Ok(m)
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
            rails: Rails::sandbox_only(),
            min_lifetime_secs: MIN_LIFETIME_SECS,
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
        assert_eq!(err(d).param(), "amount");
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
        assert_eq!(err(d).param(), "line_items[1].quantity");

        let mut d = draft();
        d.line_items.as_mut().unwrap()[0].unit_amount = Some(-1);
        assert_eq!(err(d).param(), "line_items[0].unit_amount");

        let mut d = draft();
        d.line_items.as_mut().unwrap()[0].name = Some("   ".into());
        assert_eq!(err(d).param(), "line_items[0].name");

        let d = CheckoutDraft {
            line_items: Some(vec![]),
            ..draft()
        };
        assert_eq!(err(d).param(), "line_items");

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
        assert_eq!(err(d.clone()).param(), "currency");
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
        assert!(check_url("https://a.example/x".into(), Field::SuccessUrl, true).is_ok());
        assert!(check_url("http://localhost:4000/ok".into(), Field::SuccessUrl, false).is_ok());
        assert!(check_url("http://127.0.0.1/ok".into(), Field::SuccessUrl, false).is_ok());
        assert_eq!(
            check_url("http://localhost/ok".into(), Field::SuccessUrl, true)
                .unwrap_err()
                .code,
            "url_invalid"
        );
        assert!(check_url("http://shop.example/ok".into(), Field::SuccessUrl, false).is_err());
        assert!(check_url("javascript:alert(1)".into(), Field::SuccessUrl, false).is_err());
        assert!(check_url("/relative".into(), Field::SuccessUrl, false).is_err());
        assert!(check_url("https://a.example/ x".into(), Field::SuccessUrl, false).is_err());
        assert!(
            check_url(
                format!("https://a.example/{}", "x".repeat(2100)),
                Field::SuccessUrl,
                false
            )
            .is_err()
        );
        let d = CheckoutDraft {
            cancel_url: Some("ftp://x.example".into()),
            ..draft()
        };
        assert_eq!(err(d).param(), "cancel_url");
    }

    #[test]
    fn description_length() {
        let d = CheckoutDraft {
            description: Some("abc".into()),
            ..draft()
        };
        assert_eq!(err(d).param(), "description");
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
        assert_eq!(err(meta(six)).param(), "metadata");
        let long_key = json!({ "k".repeat(41): "v" });
        assert_eq!(err(meta(long_key)).param(), "metadata");
        let long_value = json!({ "k": "v".repeat(501) });
        assert_eq!(err(meta(long_value)).param(), "metadata[k]");
        let number = json!({ "k": 5 });
        assert_eq!(err(meta(number)).param(), "metadata[k]");
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
        assert_eq!(with(5, "🌍").unwrap_err().param(), "metadata");
        assert_eq!(with(3, "\u{1}").unwrap_err().param(), "metadata");
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
        assert_eq!(err(d).param(), "customer.phone");
        let d = CheckoutDraft {
            customer_email: Some("not-an-email".into()),
            ..draft()
        };
        assert_eq!(err(d).param(), "customer.email");
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
        assert_eq!(err(d).param(), "mode");
        let d = CheckoutDraft {
            submit_type: Some("buy".into()),
            ..draft()
        };
        assert_eq!(err(d).param(), "submit_type");
        let d = CheckoutDraft {
            source: Some("tv".into()),
            ..draft()
        };
        assert_eq!(err(d).param(), "source");
        let d = CheckoutDraft {
            locale: Some("de".into()),
            ..draft()
        };
        assert_eq!(err(d).param(), "locale");
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
        assert!(e.message().contains("ecocash"));
        let d = CheckoutDraft {
            payment_method_types: Some(vec!["mpesa".into(), "cash".into()]),
            ..draft()
        };
        assert_eq!(err(d).param(), "payment_method_types[1]");
        let d = CheckoutDraft {
            payment_method_types: Some(vec![]),
            ..draft()
        };
        assert_eq!(err(d).param(), "payment_method_types");

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
