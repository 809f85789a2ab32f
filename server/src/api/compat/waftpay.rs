//! Waftpay's checkout (`waftpay-checkout.txt`): a Bearer token from the
//! merchant's key, then `POST /checkout-backend-api/v1/request`; answers
//! `{code, status, description, data}`; the final result goes to
//! `callback_url`. `strict_amount: false` lets the buyer pay in parts.
//!
//! Where the document is silent (the token call's path and shape, amount
//! units, the status call), our choices are in the README.

use super::super::sessions::{build, product_for};
use super::{iso_utc, parse_lenient};
use crate::AppState;
use crate::api::{ApiError, Caller};
use crate::db::now_ms;
use crate::secrets::PresentedKey;
use crate::store::merchants;
use crate::store::sessions::{Compat, Session};
use app::domain::checkout::Customer;
use app::domain::{CheckoutDraft, Currency, Money, phone};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// How long a token lives.
pub const TOKEN_SECS: i64 = 3600;

/// Waftpay's envelope, for answers and errors alike.
fn envelope(status: StatusCode, description: &str, data: Value) -> Response {
    let word = if status.is_success() {
        "SUCCESS"
    } else {
        "FAILED"
    };
    let body = json!({
        "code": status.as_u16().to_string(),
        "status": word,
        "description": description,
        "data": data,
    });
    (status, Json(body)).into_response()
}

pub struct WaftpayError(ApiError);

impl From<ApiError> for WaftpayError {
    fn from(e: ApiError) -> WaftpayError {
        WaftpayError(e)
    }
}

impl From<sqlx::Error> for WaftpayError {
    fn from(e: sqlx::Error) -> WaftpayError {
        WaftpayError(e.into())
    }
}

impl IntoResponse for WaftpayError {
    fn into_response(self) -> Response {
        let e = self.0;
        let names = &[
            ("success_url", "success_redirect_url"),
            ("cancel_url", "fail_redirect_url"),
            ("webhook_url", "callback_url"),
            ("client_reference_id", "payment_reference"),
            ("locale", "extra_params.language"),
            ("expires_at", "extra_params.expiry"),
        ];
        let message = super::rename_fields(&e.message, names);
        let param = e.param.map(|p| super::rename_fields(&p, names));
        envelope(
            e.status,
            &message,
            json!({ "error_code": e.code, "field": param }),
        )
    }
}

fn bad(param: &str, message: impl Into<String>) -> WaftpayError {
    WaftpayError(ApiError::bad_request(
        "parameter_invalid",
        Some(param.into()),
        message,
    ))
}

fn missing(param: &str) -> WaftpayError {
    WaftpayError(ApiError::bad_request(
        "parameter_missing",
        Some(param.into()),
        format!("{param} is required"),
    ))
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub(crate) struct TokenRequest {
    api_key: Option<String>,
}

/// `POST /checkout-backend-api/v1/auth/token`: the merchant's secret key
/// (in the body as `api_key`, or as `Api-Key` / `Authorization: Bearer`)
/// for a token valid an hour.
#[utoipa::path(post, path = "/checkout-backend-api/v1/auth/token", tag = "Waftpay compatible",
    request_body = TokenRequest,
    responses((status = 200, body = super::super::schema::WaftpayEnvelope), (status = 401, body = super::super::schema::WaftpayEnvelope)))]
pub async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WaftpayError> {
    let req: TokenRequest = parse_lenient(&body)?;
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
        || WaftpayError(ApiError::unauthorized("api_key_invalid", "invalid API key"));
    let key = presented
        .as_deref()
        .and_then(PresentedKey::parse)
        .ok_or_else(unauthorized)?;
    let caller = merchants::authenticate(&state.db, &key)
        .await?
        .ok_or_else(unauthorized)?;
    let expires = now_ms() / 1000 + TOKEN_SECS;
    let token = state
        .config
        .master_key
        .sign_token(&format!("{}|{expires}", caller.key_id));
    Ok(envelope(
        StatusCode::OK,
        "Token issued",
        json!({
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": TOKEN_SECS,
            "expires_at": iso_utc(expires * 1000, 3),
        }),
    ))
}

/// The caller behind a Waftpay token: signed by us, not expired, its key
/// not revoked.
async fn caller_of(state: &AppState, headers: &HeaderMap) -> Result<Caller, WaftpayError> {
    let unauthorized = |m: &str| WaftpayError(ApiError::unauthorized("token_invalid", m));
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
    merchants::caller_for_key(&state.db, key_id)
        .await?
        .ok_or_else(|| unauthorized("the key behind this token was revoked"))
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub(crate) struct WaftCustomer {
    first_name: Option<String>,
    other_names: Option<String>,
    email: Option<String>,
    phone_number: Option<String>,
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub(crate) struct ExtraParams {
    language: Option<String>,
    expiry: Option<String>,
    strict_amount: Option<bool>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(crate) struct CheckoutRequest {
    customer: Option<WaftCustomer>,
    timestamp: Option<String>,
    checkout_reference: Option<String>,
    payment_reference: Option<String>,
    msisdn: Option<String>,
    country: Option<String>,
    currency: Option<String>,
    /// Major units (1750 = 1,750.00).
    #[schema(value_type = Option<f64>)]
    amount: Option<serde_json::Number>,
    mode: Option<String>,
    callback_url: Option<String>,
    success_redirect_url: Option<String>,
    fail_redirect_url: Option<String>,
    #[schema(value_type = Option<std::collections::BTreeMap<String, String>>)]
    meta_data: Option<Map<String, Value>>,
    extra_params: Option<ExtraParams>,
}

/// ISO 3166 alpha-3 (Waftpay's `country`) to alpha-2.
fn alpha2(alpha3: &str) -> Option<&'static str> {
    const MAP: &[(&str, &str)] = &[
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
    let upper = alpha3.trim().to_ascii_uppercase();
    MAP.iter().find(|(a3, _)| *a3 == upper).map(|(_, a2)| *a2)
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

/// `POST /checkout-backend-api/v1/request`.
#[utoipa::path(post, path = "/checkout-backend-api/v1/request", tag = "Waftpay compatible",
    security(("bearer" = [])), request_body = CheckoutRequest,
    responses((status = 200, body = super::super::schema::WaftpayEnvelope), (status = 400, body = super::super::schema::WaftpayEnvelope),
        (status = 401, body = super::super::schema::WaftpayEnvelope), (status = 409, body = super::super::schema::WaftpayEnvelope)))]
pub async fn request(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WaftpayError> {
    let caller = caller_of(&state, &headers).await?;
    let req: CheckoutRequest = parse_lenient(&body)?;
    let reference = req
        .checkout_reference
        .filter(|r| !r.trim().is_empty())
        .ok_or_else(|| missing("checkout_reference"))?;
    if reference.len() > 100 {
        return Err(bad(
            "checkout_reference",
            "checkout_reference must be at most 100 characters",
        ));
    }
    let code = req.currency.ok_or_else(|| missing("currency"))?;
    let currency = Currency::parse(&code).ok_or_else(|| {
        WaftpayError(ApiError::bad_request(
            "currency_unsupported",
            Some("currency".into()),
            format!("{code} is not a currency we accept"),
        ))
    })?;
    let amount = req.amount.ok_or_else(|| missing("amount"))?;
    let money = Money::from_major(&amount.to_string(), currency)
        .filter(|m| m.minor > 0)
        .ok_or_else(|| {
            bad(
                "amount",
                format!(
                    "amount is in major units, above zero, with at most {} decimals for {code}",
                    currency.exponent()
                ),
            )
        })?;
    let country = match &req.country {
        Some(c) => Some(alpha2(c).ok_or_else(|| {
            bad(
                "country",
                "country must be an ISO 3166 alpha-3 code we serve, such as KEN",
            )
        })?),
        None => None,
    };
    let callback = req
        .callback_url
        .filter(|u| !u.is_empty())
        .ok_or_else(|| missing("callback_url"))?;
    if let Some(m) = &req.mode
        && !matches!(m.as_str(), "redirect" | "iframe")
    {
        return Err(bad("mode", "mode must be redirect or iframe"));
    }
    let customer = req.customer.unwrap_or_default();
    let msisdn = req
        .msisdn
        .as_deref()
        .or(customer.phone_number.as_deref())
        .map(|m| {
            phone::normalise_in(m, country)
                .ok_or_else(|| bad("msisdn", "msisdn must be a phone number of country"))
        })
        .transpose()?;
    let extra = req.extra_params.unwrap_or_default();
    let expires_at = extra
        .expiry
        .as_deref()
        .map(|e| {
            parse_expiry(e).ok_or_else(|| {
                bad(
                    "extra_params.expiry",
                    "extra_params.expiry must look like 2026-02-14 18:30:00 (UTC)",
                )
            })
        })
        .transpose()?;
    let name = [
        customer.first_name.as_deref(),
        customer.other_names.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let draft = CheckoutDraft {
        currency: Some(code.clone()),
        amount: Some(money.minor),
        customer: Some(Customer {
            name: (!name.trim().is_empty()).then_some(name),
            email: customer.email.clone(),
            phone: msisdn.clone(),
        }),
        client_reference_id: req.payment_reference.clone(),
        success_url: req.success_redirect_url,
        cancel_url: req.fail_redirect_url,
        webhook_url: Some(callback),
        locale: extra.language,
        expires_at,
        metadata: req.meta_data.map(|m| m.into_iter().collect()),
        ..CheckoutDraft::default()
    };
    let product = product_for(&state, &caller, None).await?;
    let mut session = build(&state, &caller, product, draft, 5).await?;
    session.compat = Compat {
        api: "waftpay".into(),
        external_reference: Some(reference.clone()),
        echo: json!({
            "checkout_reference": reference,
            "payment_reference": req.payment_reference,
            "mode": req.mode.unwrap_or_else(|| "redirect".into()),
            "country": req.country,
            "timestamp": req.timestamp,
        }),
        allow_partial: extra.strict_amount == Some(false),
        ..Compat::native()
    };
    super::insert(&state, &session).await.map_err(|e| {
        if e.code == "reference_in_use" {
            WaftpayError(ApiError::conflict(
                "duplicate_reference",
                "checkout_reference has been used before; send a new one",
            ))
        } else {
            WaftpayError(e)
        }
    })?;
    Ok(envelope(
        StatusCode::OK,
        "Request accepted",
        json!({
            "checkout_url": state.config.checkout_url(&session.id),
            "expires_at": iso_utc(session.expires_at * 1000, 3),
        }),
    ))
}

/// `GET /checkout-backend-api/v1/request/{checkout_reference}`: where the
/// checkout stands, with each part paid.
#[utoipa::path(get, path = "/checkout-backend-api/v1/request/{reference}", tag = "Waftpay compatible",
    security(("bearer" = [])), params(("reference" = String, Path, description = "checkout_reference")),
    responses((status = 200, body = super::super::schema::WaftpayEnvelope), (status = 404, body = super::super::schema::WaftpayEnvelope)))]
pub async fn status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Result<Response, WaftpayError> {
    let caller = caller_of(&state, &headers).await?;
    let id = crate::store::sessions::by_external_reference(
        &state.db,
        &caller.merchant_id,
        caller.livemode,
        "waftpay",
        &reference,
    )
    .await?
    .ok_or_else(|| {
        WaftpayError(ApiError::not_found(
            "no checkout with this checkout_reference",
        ))
    })?;
    let loaded = state.checkouts.refresh(&id).await?.ok_or_else(|| {
        WaftpayError(ApiError::not_found(
            "no checkout with this checkout_reference",
        ))
    })?;
    let s = &loaded.session;
    let parts = crate::store::attempts::paid_parts(&state.db.pool, &s.id).await?;
    Ok(envelope(
        StatusCode::OK,
        "Request found",
        status_json(&state, s, &parts),
    ))
}

fn status_json(state: &AppState, s: &Session, parts: &[crate::store::attempts::Attempt]) -> Value {
    let status = match (s.state.status, s.compat.amount_paid) {
        (app::domain::Status::Complete, _) => "PAID",
        (app::domain::Status::Expired, 0) => "EXPIRED",
        (app::domain::Status::Expired, _) => "PARTIALLY_PAID_EXPIRED",
        (app::domain::Status::Open, 0) => "PENDING",
        (app::domain::Status::Open, _) => "PARTIALLY_PAID",
    };
    let major = |minor: i64| {
        Money::new(minor, s.currency)
            .plain()
            .split(' ')
            .next()
            .unwrap_or("0")
            .to_owned()
    };
    json!({
        "checkout_reference": s.compat.external_reference,
        "payment_reference": s.client_reference_id,
        "status": status,
        "currency": s.currency.code(),
        "amount": major(s.amount_total),
        "amount_paid": major(s.compat.amount_paid),
        "strict_amount": !s.compat.allow_partial,
        "checkout_url": state.config.checkout_url(&s.id),
        "payments": parts.iter().map(|a| json!({
            "id": a.id,
            "amount": major(a.amount),
            "method": a.method.as_str(),
            "msisdn": a.phone,
            "paid_at": iso_utc(a.updated_at, 3),
        })).collect::<Vec<_>>(),
        "expires_at": iso_utc(s.expires_at * 1000, 3),
    })
}
