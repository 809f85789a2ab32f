//! Waftpay's checkout (`waftpay-checkout.txt`): a Bearer token from the
//! merchant's key, then `POST /checkout-backend-api/v1/request`; answers
//! `{code, status, description, data}`; the final result goes to
//! `callback_url`. `strict_amount: false` lets the buyer pay in parts.
//!
//! Where the document is silent (the token call's path and shape, amount
//! units, the status call), our choices are in the README.

use super::iso_utc;
use crate::AppState;
use crate::api::extract::JsonBody;
use crate::api::openapi::CurrencyCode;
use crate::api::openapi::{EmailAddress, HttpsUrl, Reference};
use crate::api::{ApiError, Caller};
use crate::api::{admit, authenticate};
use crate::config::Config;
use crate::db::now_ms;
use crate::sessions::{self, ProductChoice, SessionRequest};
use crate::store::attempts::{self, Attempt};
use crate::store::merchants;
use crate::store::sessions::Session;
use app::domain::checkout::Customer;
use app::domain::{Api, CheckoutDraft, Currency, Field, FieldError, Money, Status, phone};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// How long a token lives.
pub const TOKEN_SECS: i64 = 3600;

/// Our fields in Waftpay's words.
fn name(f: &Field) -> String {
    match f {
        Field::SuccessUrl => "success_redirect_url".into(),
        Field::CancelUrl => "fail_redirect_url".into(),
        Field::WebhookUrl => "callback_url".into(),
        Field::ClientReferenceId => "payment_reference".into(),
        Field::Locale => "extra_params.language".into(),
        Field::ExpiresAt => "extra_params.expiry".into(),
        Field::ExternalReference => "checkout_reference".into(),
        Field::CustomerPhone => "msisdn".into(),
        Field::CustomerName => "customer.first_name".into(),
        Field::Metadata => "meta_data".into(),
        Field::MetadataValue(k) => format!("meta_data[{k}]"),
        other => other.native_name(),
    }
}

/// Waftpay's envelope, for answers and errors alike.
#[derive(Serialize, utoipa::ToSchema)]
pub struct WaftpayEnvelope {
    /// The HTTP status as a string: `"200"`, `"400"`...
    code: String,
    /// `SUCCESS` or `FAILED`
    status: String,
    description: String,
    data: WaftpayData,
}

/// What an envelope carries.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum WaftpayData {
    Token(TokenData),
    Accepted(RequestAccepted),
    Status(Box<RequestStatus>),
    Error(ErrorData),
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorData {
    error_code: String,
    field: Option<String>,
}

impl WaftpayEnvelope {
    fn new(status: StatusCode, description: &str, data: WaftpayData) -> WaftpayEnvelope {
        let word = if status.is_success() {
            "SUCCESS"
        } else {
            "FAILED"
        };
        WaftpayEnvelope {
            code: status.as_u16().to_string(),
            status: word.into(),
            description: description.into(),
            data,
        }
    }
}

fn envelope(status: StatusCode, description: &str, data: WaftpayData) -> Response {
    (
        status,
        Json(WaftpayEnvelope::new(status, description, data)),
    )
        .into_response()
}

/// Our errors in Waftpay's envelope: the one place they are shaped.
#[derive(Serialize)]
pub struct WaftpayError {
    #[serde(flatten)]
    envelope: WaftpayEnvelope,
    #[serde(skip)]
    status: StatusCode,
}

impl From<ApiError> for WaftpayError {
    fn from(e: ApiError) -> WaftpayError {
        let (code, description) = match e.code.as_str() {
            "reference_in_use" => (
                "duplicate_reference".to_owned(),
                "checkout_reference has been used before; send a new one".to_owned(),
            ),
            _ => (e.code.clone(), e.message_with(name)),
        };
        let data = WaftpayData::Error(ErrorData {
            error_code: code,
            field: e.param_with(name),
        });
        WaftpayError {
            envelope: WaftpayEnvelope::new(e.status, &description, data),
            status: e.status,
        }
    }
}

super::error_shape!(WaftpayError);

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct TokenRequest {
    /// Your secret key (or send it as `Api-Key` or `Authorization: Bearer`).
    api_key: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenData {
    access_token: String,
    /// `Bearer`
    token_type: String,
    expires_in: i64,
    expires_at: String,
}

/// `POST /checkout-backend-api/v1/auth/token`: the merchant's secret key
/// (in the body as `api_key`, or as `Api-Key` / `Authorization: Bearer`)
/// for a token valid an hour.
#[utoipa::path(post, path = "/checkout-backend-api/v1/auth/token", operation_id = "waftpay_token", tag = "Waftpay compatible",
    security(("api_key" = [])), request_body = TokenRequest,
    responses((status = 200, body = WaftpayEnvelope), (status = 401, body = WaftpayEnvelope)))]
pub async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<JsonBody<TokenRequest>, ApiError>,
) -> Result<Response, WaftpayError> {
    let JsonBody(req) = body?;
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok());
    let presented = req
        .api_key
        .or_else(|| header("api-key").map(str::to_owned))
        .or_else(|| {
            header("authorization")
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::to_owned)
        });
    let unauthorized =
        || WaftpayError::from(ApiError::unauthorized("api_key_invalid", "invalid API key"));
    let caller = authenticate(&state, presented.as_deref().ok_or_else(unauthorized)?).await?;
    let expires = now_ms() / 1000 + TOKEN_SECS;
    let token = state
        .config
        .master_key
        .sign_token(&format!("{}|{expires}", caller.key_id));
    let data = TokenData {
        access_token: token,
        token_type: "Bearer".into(),
        expires_in: TOKEN_SECS,
        expires_at: iso_utc(expires * 1000, 3),
    };
    Ok(envelope(
        StatusCode::OK,
        "Token issued",
        WaftpayData::Token(data),
    ))
}

/// The caller behind a Waftpay token: signed by us, not expired, its key
/// not revoked.
async fn caller_of(state: &AppState, headers: &HeaderMap) -> Result<Caller, WaftpayError> {
    let unauthorized = |m: &str| WaftpayError::from(ApiError::unauthorized("token_invalid", m));
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| unauthorized("send the token as Authorization: Bearer <token>"))?;
    let claims = state
        .config
        .master_key
        .open_token(token)
        .ok_or_else(|| unauthorized("invalid token"))?;
    let (key_id, expires) = claims
        .split_once('|')
        .ok_or_else(|| unauthorized("invalid token"))?;
    if expires
        .parse::<i64>()
        .map_or(true, |e| e <= now_ms() / 1000)
    {
        return Err(unauthorized("the token has expired; request a new one"));
    }
    let caller = merchants::caller_for_key(&state.db.pool, key_id)
        .await?
        .ok_or_else(|| unauthorized("the key behind this token was revoked"))?;
    Ok(admit(state, caller)?)
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct WaftCustomer {
    first_name: Option<String>,
    other_names: Option<String>,
    #[schema(value_type = Option<EmailAddress>)]
    email: Option<String>,
    #[schema(pattern = r"^\+[1-9][0-9]{6,14}$")]
    phone_number: Option<String>,
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct ExtraParams {
    #[schema(value_type = Option<crate::api::openapi::LocaleName>)]
    language: Option<String>,
    /// `2026-02-14 18:30:00` (UTC) or ISO 8601.
    expiry: Option<String>,
    /// `false`: the buyer may pay in parts.
    strict_amount: Option<bool>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CheckoutRequest {
    customer: Option<WaftCustomer>,
    timestamp: Option<String>,
    /// Required, unique among your checkouts: 1 to 100 characters.
    #[schema(value_type = String, min_length = 1, max_length = 100, pattern = r"\S")]
    checkout_reference: Option<String>,
    #[schema(value_type = Option<Reference>)]
    payment_reference: Option<String>,
    /// E.164 (a national number with `country` works too).
    #[schema(pattern = r"^\+[1-9][0-9]{6,14}$")]
    msisdn: Option<String>,
    /// ISO 3166 alpha-3.
    #[schema(value_type = Option<CountryAlpha3>)]
    country: Option<String>,
    /// Required.
    #[schema(value_type = CurrencyCode)]
    currency: Option<String>,
    /// Required. Major units (1750 = 1,750.00).
    #[schema(value_type = f64, minimum = 1, maximum = 1_000_000_000)]
    amount: Option<serde_json::Number>,
    /// `redirect` or `iframe`.
    #[schema(value_type = Option<WaftMode>)]
    mode: Option<String>,
    /// Required: where the result is POSTed.
    #[schema(value_type = HttpsUrl)]
    callback_url: Option<String>,
    #[schema(value_type = Option<HttpsUrl>)]
    success_redirect_url: Option<String>,
    #[schema(value_type = Option<HttpsUrl>)]
    fail_redirect_url: Option<String>,
    #[schema(value_type = Option<std::collections::BTreeMap<String, String>>)]
    meta_data: Option<Map<String, Value>>,
    extra_params: Option<ExtraParams>,
}

/// Waftpay's `mode`.
#[derive(Deserialize, Serialize, Clone, Copy, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum WaftMode {
    Redirect,
    Iframe,
}

/// ISO 3166 alpha-3 (Waftpay's `country`) and alpha-2, for the countries
/// Lipa serves.
const COUNTRIES: &[(&str, &str)] = &[
    ("KEN", "KE"),
    ("UGA", "UG"),
    ("TZA", "TZ"),
    ("RWA", "RW"),
    ("MOZ", "MZ"),
    ("ZWE", "ZW"),
    ("ZMB", "ZM"),
    ("MWI", "MW"),
    ("GHA", "GH"),
    ("NGA", "NG"),
    ("ZAF", "ZA"),
    ("CIV", "CI"),
    ("SEN", "SN"),
    ("CMR", "CM"),
    ("BEN", "BJ"),
    ("ETH", "ET"),
    ("COD", "CD"),
    ("BWA", "BW"),
    ("NAM", "NA"),
    ("LSO", "LS"),
];

crate::api::openapi::string_enum!(
    /// ISO 3166 alpha-3 codes of the countries Lipa serves.
    CountryAlpha3,
    COUNTRIES.iter().map(|(a3, _)| (*a3).to_owned()).collect()
);

fn alpha2(alpha3: &str) -> Option<&'static str> {
    let upper = alpha3.trim().to_ascii_uppercase();
    COUNTRIES
        .iter()
        .find(|(a3, _)| *a3 == upper)
        .map(|(_, a2)| *a2)
}

/// `2026-02-14 18:30:00` (UTC, as the document writes it) or ISO 8601.
fn parse_expiry(text: &str) -> Option<i64> {
    let plain = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::PrimitiveDateTime::parse(text.trim(), &plain)
        .map(|t| t.assume_utc())
        .or_else(|_| {
            time::OffsetDateTime::parse(text.trim(), &time::format_description::well_known::Rfc3339)
        })
        .ok()
        .map(|t| t.unix_timestamp())
}

/// What Waftpay's status call repeats back.
#[derive(Serialize, Deserialize, Default)]
struct Echo {
    mode: Option<WaftMode>,
    country: Option<String>,
    timestamp: Option<String>,
}

fn named(name: &str) -> Field {
    Field::Named(name.to_owned())
}

/// The amount in minor units of its currency (Waftpay sends major units).
fn money_of(code: &str, amount: Option<&serde_json::Number>) -> Result<Money, FieldError> {
    let currency = Currency::of_field(code, Field::Currency)?;
    let amount = amount.ok_or(FieldError::missing(Field::Amount))?;
    Money::major_amount(&amount.to_string(), currency, 1, Field::Amount)
}

fn country_of(alpha3: Option<&str>) -> Result<Option<&'static str>, FieldError> {
    alpha3
        .map(|c| {
            alpha2(c).ok_or_else(|| {
                FieldError::invalid(
                    named("country"),
                    "must be an ISO 3166 alpha-3 code we serve, such as KEN",
                )
            })
        })
        .transpose()
}

fn mode_of(mode: Option<&str>) -> Result<Option<WaftMode>, FieldError> {
    match mode {
        None => Ok(None),
        Some("redirect") => Ok(Some(WaftMode::Redirect)),
        Some("iframe") => Ok(Some(WaftMode::Iframe)),
        Some(_) => Err(FieldError::invalid(
            named("mode"),
            "must be redirect or iframe",
        )),
    }
}

/// The customer, their number in E.164 (national numbers in `country`).
fn customer_of(
    c: WaftCustomer,
    msisdn: Option<&str>,
    country: Option<&str>,
) -> Result<Customer, FieldError> {
    let phone = msisdn
        .or(c.phone_number.as_deref())
        .map(|m| {
            phone::normalise_in(m, country).ok_or_else(|| {
                FieldError::invalid(Field::CustomerPhone, "must be a phone number of country")
            })
        })
        .transpose()?;
    Ok(Customer {
        name: Customer::join_names(&[c.first_name.as_deref(), c.other_names.as_deref()]),
        email: c.email,
        phone,
    })
}

fn expiry_of(extra: &ExtraParams) -> Result<Option<i64>, FieldError> {
    extra
        .expiry
        .as_deref()
        .map(|e| {
            parse_expiry(e).ok_or_else(|| {
                FieldError::invalid(Field::ExpiresAt, "must look like 2026-02-14 18:30:00 (UTC)")
            })
        })
        .transpose()
}

impl TryFrom<CheckoutRequest> for SessionRequest {
    type Error = FieldError;

    fn try_from(r: CheckoutRequest) -> Result<SessionRequest, FieldError> {
        let reference = r
            .checkout_reference
            .filter(|x| !x.trim().is_empty())
            .ok_or(FieldError::missing(Field::ExternalReference))?;
        let code = r.currency.ok_or(FieldError::missing(Field::Currency))?;
        let money = money_of(&code, r.amount.as_ref())?;
        let country = country_of(r.country.as_deref())?;
        let callback = r
            .callback_url
            .filter(|u| !u.is_empty())
            .ok_or(FieldError::missing(Field::WebhookUrl))?;
        let mode = mode_of(r.mode.as_deref())?;
        let customer = customer_of(r.customer.unwrap_or_default(), r.msisdn.as_deref(), country)?;
        let extra = r.extra_params.unwrap_or_default();
        let draft = CheckoutDraft {
            api: Api::Waftpay,
            currency: Some(code),
            amount: Some(money.minor),
            customer: Some(customer),
            client_reference_id: r.payment_reference,
            success_url: r.success_redirect_url,
            cancel_url: r.fail_redirect_url,
            webhook_url: Some(callback),
            expires_at: expiry_of(&extra)?,
            locale: extra.language,
            metadata: r.meta_data.map(|m| m.into_iter().collect()),
            allow_partial: extra.strict_amount == Some(false),
            external_reference: Some(reference),
            ..CheckoutDraft::default()
        };
        let echo = Echo {
            mode,
            country: r.country,
            timestamp: r.timestamp,
        };
        Ok(SessionRequest {
            product: ProductChoice::Default,
            draft,
            echo: serde_json::to_value(echo).expect("echo serialises"),
        })
    }
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestAccepted {
    checkout_url: String,
    expires_at: String,
}

impl From<(&Session, &Config)> for RequestAccepted {
    fn from((s, config): (&Session, &Config)) -> RequestAccepted {
        RequestAccepted {
            checkout_url: config.checkout_url(&s.id),
            expires_at: iso_utc(s.expires_at * 1000, 3),
        }
    }
}

/// `POST /checkout-backend-api/v1/request`.
#[utoipa::path(post, path = "/checkout-backend-api/v1/request", operation_id = "waftpay_request", tag = "Waftpay compatible",
    security(("waftpay_token" = [])), request_body = CheckoutRequest,
    responses((status = 200, body = WaftpayEnvelope), (status = 400, body = WaftpayEnvelope),
        (status = 401, body = WaftpayEnvelope), (status = 409, body = WaftpayEnvelope)))]
pub async fn request(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<JsonBody<CheckoutRequest>, ApiError>,
) -> Result<Response, WaftpayError> {
    let caller = caller_of(&state, &headers).await?;
    let JsonBody(req) = body?;
    let request = SessionRequest::try_from(req)?;
    let session = sessions::open(&state, &caller.owner, request)
        .await?
        .commit()
        .await?;
    let data = RequestAccepted::from((&session, state.config.as_ref()));
    Ok(envelope(
        StatusCode::OK,
        "Request accepted",
        WaftpayData::Accepted(data),
    ))
}

/// `PAID`, `PARTIALLY_PAID`, `PENDING`, `EXPIRED`, `PARTIALLY_PAID_EXPIRED`.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RequestState {
    Paid,
    PartiallyPaid,
    Pending,
    Expired,
    PartiallyPaidExpired,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PaidPart {
    id: String,
    /// Major units.
    amount: String,
    method: app::domain::MethodId,
    msisdn: Option<String>,
    paid_at: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestStatus {
    checkout_reference: Option<String>,
    payment_reference: Option<String>,
    status: RequestState,
    currency: String,
    /// Major units.
    amount: String,
    amount_paid: String,
    strict_amount: bool,
    checkout_url: String,
    payments: Vec<PaidPart>,
    expires_at: String,
}

/// An amount in major units, without the code: `1750.00`.
fn major(minor: i64, currency: Currency) -> String {
    Money::new(minor, currency)
        .plain()
        .split(' ')
        .next()
        .unwrap_or("0")
        .to_owned()
}

impl RequestStatus {
    fn new(s: &Session, config: &Config, parts: &[Attempt]) -> RequestStatus {
        let status = match (s.state.status, s.compat.amount_paid) {
            (Status::Complete, _) => RequestState::Paid,
            (Status::Expired, 0) => RequestState::Expired,
            (Status::Expired, _) => RequestState::PartiallyPaidExpired,
            (Status::Open, 0) => RequestState::Pending,
            (Status::Open, _) => RequestState::PartiallyPaid,
        };
        RequestStatus {
            checkout_reference: s.compat.external_reference.clone(),
            payment_reference: s.client_reference_id.clone(),
            status,
            currency: s.currency.code().to_owned(),
            amount: major(s.amount_total, s.currency),
            amount_paid: major(s.compat.amount_paid, s.currency),
            strict_amount: !s.compat.allow_partial,
            checkout_url: config.checkout_url(&s.id),
            payments: parts
                .iter()
                .map(|a| PaidPart {
                    id: a.id.clone(),
                    amount: major(a.amount, a.currency),
                    method: a.method,
                    msisdn: a.phone.clone(),
                    paid_at: iso_utc(a.updated_at, 3),
                })
                .collect(),
            expires_at: iso_utc(s.expires_at * 1000, 3),
        }
    }
}

/// `GET /checkout-backend-api/v1/request/{checkout_reference}`: where the
/// checkout stands, with each part paid.
#[utoipa::path(get, path = "/checkout-backend-api/v1/request/{reference}", operation_id = "waftpay_request_status", tag = "Waftpay compatible",
    security(("waftpay_token" = [])), params(("reference" = String, Path, description = "checkout_reference")),
    responses((status = 200, body = WaftpayEnvelope), (status = 404, body = WaftpayEnvelope)))]
pub async fn status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Result<Response, WaftpayError> {
    let caller = caller_of(&state, &headers).await?;
    let s = sessions::by_reference(&state, &caller.owner, Api::Waftpay, &reference)
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "resource_missing",
                "no checkout with this checkout_reference",
            )
        })?;
    let parts = attempts::paid_parts(&state.db.pool, &s.id).await?;
    let data = RequestStatus::new(&s, &state.config, &parts);
    Ok(envelope(
        StatusCode::OK,
        "Request found",
        WaftpayData::Status(Box::new(data)),
    ))
}
