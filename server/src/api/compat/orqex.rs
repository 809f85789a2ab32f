//! Orqex's hosted checkout (`orqex-create-checkout.txt`):
//! `POST /v1/payment/checkouts` with `Authorization: Bearer sk_...` and
//! `X-Idempotency-Key`; amounts in major units; `{message, data: {checkout,
//! payment}}`. `GET /v1/payment/checkouts/{id}` answers the same shape
//! (the document names only the create call; this is our choice).

use super::super::idempotency::{self, Reply};
use super::super::sessions::{build, product_for};
use super::{iso_utc, parse_lenient};
use crate::AppState;
use crate::api::{ApiError, Caller, RawBody};
use crate::store::sessions::{Compat, Session};
use app::domain::checkout::Customer;
use app::domain::{CheckoutDraft, Currency, Money, PaymentStatus, Status, brand, phone};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub(crate) struct OrqexCustomer {
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    address: Option<String>,
    city: Option<String>,
    state: Option<String>,
    country: Option<String>,
    zip: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(crate) struct RestrictedPhone {
    number: Option<String>,
    country: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(crate) struct Restriction {
    country_code: Option<String>,
    phone: Option<RestrictedPhone>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(crate) struct Customization {
    color: Option<String>,
    brand: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub(crate) struct CreateCheckout {
    /// Major units (50 = 50.00); at least 1.
    #[schema(value_type = Option<f64>)]
    amount: Option<serde_json::Number>,
    currency: Option<String>,
    description: Option<String>,
    customer: Option<OrqexCustomer>,
    return_url: Option<String>,
    webhook_url: Option<String>,
    statement_descriptor: Option<String>,
    receipt_email: Option<String>,
    restriction: Option<Restriction>,
    customization: Option<Customization>,
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    metadata: Option<Map<String, Value>>,
}

fn invalid(param: &str, message: impl Into<String>) -> ApiError {
    ApiError::bad_request("parameter_invalid", Some(param.into()), message)
}

fn missing(param: &str) -> ApiError {
    ApiError::bad_request(
        "parameter_missing",
        Some(param.into()),
        format!("`{param}` is required"),
    )
}

fn limit(value: &Option<String>, param: &str, max: usize) -> Result<(), ApiError> {
    match value {
        Some(v) if v.chars().count() > max => Err(invalid(
            param,
            format!("`{param}` must be at most {max} characters"),
        )),
        _ => Ok(()),
    }
}

/// Orqex's errors: its `message`, and our `error` object beside it.
fn orqex_error(e: ApiError) -> Response {
    let status = e.status;
    let body = json!({
        "message": e.message,
        "error": { "code": e.code, "message": e.message, "param": e.param },
    });
    (status, axum::Json(body)).into_response()
}

/// Create a checkout session (Orqex).
#[utoipa::path(post, path = "/v1/payment/checkouts", tag = "Orqex compatible",
    security(("bearer" = [])), request_body = CreateCheckout,
    params(("X-Idempotency-Key" = Option<String>, Header, description = "8-128 characters")),
    responses((status = 201, body = super::super::schema::OrqexResponse), (status = 400, body = super::super::schema::OrqexError),
        (status = 401, body = super::super::schema::OrqexError)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let caller = match caller {
        Ok(c) => c,
        Err(e) => return orqex_error(e),
    };
    let key = match headers.get("x-idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(k)) if (8..=128).contains(&k.len()) => Some(k.to_owned()),
        Some(_) => {
            return orqex_error(ApiError::bad_request(
                "idempotency_key_invalid",
                Some("X-Idempotency-Key".into()),
                "X-Idempotency-Key must be 8 to 128 characters",
            ));
        }
    };
    let (state, caller, body) = (&state, &caller, &body);
    let response = idempotency::run_keyed(
        state,
        caller,
        key,
        "POST /v1/payment/checkouts",
        body,
        |idem| async move {
            let session = prepare(state, caller, body).await?;
            let reply = Reply {
                status: StatusCode::CREATED,
                body:
                    json!({ "message": "Checkout created", "data": checkout_json(state, &session) })
                        .to_string(),
            };
            let mut tx = state.db.begin().await?;
            crate::store::sessions::insert(&mut tx, &session).await?;
            idem.record(&mut tx, reply.status, &reply.body).await?;
            tx.commit().await?;
            tracing::info!(session = %session.id, api = "orqex", "checkout session created");
            Ok(reply)
        },
    )
    .await;
    // Our idempotency layer answers errors in our shape; give them Orqex's.
    if response.status().is_client_error() || response.status().is_server_error() {
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap_or_default();
        let v: Value = serde_json::from_slice(&bytes).unwrap_or_default();
        let e = &v["error"];
        return orqex_error(ApiError {
            status,
            code: e["code"].as_str().unwrap_or("error").to_owned(),
            message: e["message"].as_str().unwrap_or("request failed").to_owned(),
            param: e["param"].as_str().map(str::to_owned),
        });
    }
    response
}

/// Checks an Orqex request and builds its session, writing nothing.
async fn prepare(state: &AppState, caller: &Caller, body: &[u8]) -> Result<Session, ApiError> {
    let req: CreateCheckout = parse_lenient(body)?;
    let code = req.currency.ok_or_else(|| missing("currency"))?;
    if code.len() != 3 || code != code.to_ascii_uppercase() {
        return Err(invalid(
            "currency",
            "`currency` must be a three-letter upper-case ISO 4217 code",
        ));
    }
    let currency = Currency::parse(&code).ok_or_else(|| {
        ApiError::bad_request(
            "currency_unsupported",
            Some("currency".into()),
            format!("`{code}` is not a currency we accept"),
        )
    })?;
    let amount = req.amount.ok_or_else(|| missing("amount"))?;
    let money = Money::from_major(&amount.to_string(), currency)
        .filter(|m| m.minor >= 10i64.pow(u32::from(currency.exponent())))
        .ok_or_else(|| {
            invalid(
                "amount",
                format!(
                    "`amount` is in major units: at least 1, with at most {} decimals for {code}",
                    currency.exponent()
                ),
            )
        })?;
    let description = req.description.ok_or_else(|| missing("description"))?;
    limit(&Some(description.clone()), "description", 500)?;
    let customer = req.customer.ok_or_else(|| missing("customer"))?;
    limit(&req.return_url, "return_url", 2048)?;
    limit(&req.webhook_url, "webhook_url", 2048)?;
    limit(&req.statement_descriptor, "statement_descriptor", 22)?;
    limit(&req.receipt_email, "receipt_email", 255)?;
    if let Some(e) = &req.receipt_email
        && !app::domain::checkout::is_plausible_email(e)
    {
        return Err(invalid(
            "receipt_email",
            "`receipt_email` is not an email address",
        ));
    }

    // The restriction: one country, or one phone (which implies its country).
    let mut restrict_phone = None;
    let mut restrict_country = None;
    if let Some(r) = &req.restriction {
        if let Some(c) = &r.country_code {
            phone::calling_code(c).ok_or_else(|| {
                invalid(
                    "restriction.country_code",
                    "`restriction.country_code` must be an ISO 3166 alpha-2 country we serve",
                )
            })?;
            restrict_country = Some(c.to_ascii_uppercase());
        }
        if let Some(p) = &r.phone {
            let number = p
                .number
                .as_deref()
                .ok_or_else(|| missing("restriction.phone.number"))?;
            let country = p.country.as_deref().or(restrict_country.as_deref());
            let e164 = phone::normalise_in(number, country).ok_or_else(|| {
                invalid(
                    "restriction.phone.number",
                    "give the number in E.164 (+258840000000) or with `restriction.phone.country`",
                )
            })?;
            if let Some(c) = &restrict_country
                && !phone::in_country(&e164, c)
            {
                return Err(invalid(
                    "restriction.phone.number",
                    "the phone is not in `restriction.country_code`",
                ));
            }
            restrict_phone = Some(e164);
        }
    }
    let (brand_name, brand_color) = match &req.customization {
        Some(c) => {
            limit(&c.brand, "customization.brand", 60)?;
            let color = c
                .color
                .as_deref()
                .map(|v| {
                    brand::parse_color(v).ok_or_else(|| {
                        invalid(
                            "customization.color",
                            "`customization.color` must be #rgb or #rrggbb",
                        )
                    })
                })
                .transpose()?;
            (c.brand.clone().filter(|b| !b.trim().is_empty()), color)
        }
        None => (None, None),
    };
    // Orqex's metadata takes up to 10 pairs of any scalar.
    let metadata: Option<BTreeMap<String, Value>> = req.metadata.map(|m| {
        m.into_iter()
            .map(|(k, v)| match v {
                Value::Number(_) | Value::Bool(_) => (k, Value::String(v.to_string())),
                v => (k, v),
            })
            .collect()
    });
    let name = [
        customer.first_name.as_deref(),
        customer.last_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let draft = CheckoutDraft {
        currency: Some(code.clone()),
        amount: Some(money.minor),
        description: Some(description.clone()),
        customer: Some(Customer {
            name: (!name.trim().is_empty()).then_some(name),
            email: customer.email.clone(),
            phone: restrict_phone.clone(),
        }),
        success_url: req.return_url.clone(),
        webhook_url: req.webhook_url.clone(),
        metadata,
        ..CheckoutDraft::default()
    };
    let product = product_for(state, caller, None).await?;
    let mut session = build(state, caller, product, draft, 10)
        .await
        .map_err(|mut e| {
            // Our checks speak of our fields; these are Orqex's.
            e.message = super::rename_fields(&e.message, &[("success_url", "return_url")]);
            e.param = e.param.map(|p| p.replace("success_url", "return_url"));
            e
        })?;
    let restriction = req.restriction.as_ref().map(|_| {
        json!({
            "country_code": restrict_country,
            "phone": restrict_phone.as_ref().map(|p| json!({ "number": p, "country": restrict_country })),
        })
    });
    session.compat = Compat {
        api: "orqex".into(),
        echo: json!({
            "customer": {
                "id": crate::db::new_id("cus", 16),
                "first_name": customer.first_name,
                "last_name": customer.last_name,
                "email": customer.email,
                "address": customer.address,
                "city": customer.city,
                "state": customer.state,
                "country": customer.country,
                "zip": customer.zip,
            },
            "statement_descriptor": req.statement_descriptor,
            "receipt_email": req.receipt_email,
            "return_url": req.return_url,
            "restriction": restriction,
            "customization": req.customization.as_ref().map(|_| json!({
                "color": brand_color, "brand": brand_name,
            })),
        }),
        brand_name,
        brand_color,
        restrict_phone,
        restrict_country,
        ..Compat::native()
    };
    Ok(session)
}

fn amount_json(minor: i64, currency: Currency) -> Value {
    let m = Money::new(minor, currency);
    json!({ "value": minor, "formatted": m.plain(), "short": m.short(), "currency": currency.code() })
}

/// `{checkout, payment}` as Orqex answers.
fn checkout_json(state: &AppState, s: &Session) -> Value {
    let echo = &s.compat.echo;
    let created = iso_utc(s.created_at, 3);
    let expires = iso_utc(s.expires_at * 1000, 3);
    let c = &echo["customer"];
    json!({
        "checkout": {
            "id": s.id,
            "token": state.config.master_key.client_secret(&s.id),
            "url": state.config.checkout_url(&s.id),
            "restriction": echo.get("restriction").cloned().filter(|v| !v.is_null()).unwrap_or_else(|| json!({})),
            "customization": echo.get("customization").cloned().filter(|v| !v.is_null()).unwrap_or_else(|| json!({})),
            "expires_at": expires,
            "created_at": created,
        },
        "payment": {
            "id": s.charge_reference,
            "amount": amount_json(s.amount_total, s.currency),
            "customer": {
                "id": c["id"],
                "first_name": c["first_name"],
                "last_name": c["last_name"],
                "email": c["email"],
                "avatar_url": null,
            },
            "description": s.description,
            "return_url": echo["return_url"],
            "webhook_url": s.webhook_url,
            "statement_descriptor": echo["statement_descriptor"],
            "receipt_email": echo["receipt_email"],
            "metadata": s.metadata,
            "active_attempt": null,
            "status": payment_status(s),
            "completed_at": s.completed_at.map(|ms| iso_utc(ms, 3)),
            "expires_at": expires,
            "created_at": created,
        },
    })
}

/// The payment's state in the retrieve call (our choice; see the README).
fn payment_status(s: &Session) -> &'static str {
    match (s.state.status, s.state.payment_status) {
        (Status::Complete, _) => "succeeded",
        (Status::Expired, _) => "expired",
        (Status::Open, PaymentStatus::Pending) => "processing",
        (Status::Open, PaymentStatus::Failed) => "failed",
        (Status::Open, _) => "pending",
    }
}

/// `GET /v1/payment/checkouts/{id}`: the same shape, with the attempt.
#[utoipa::path(get, path = "/v1/payment/checkouts/{id}", tag = "Orqex compatible",
    security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = super::super::schema::OrqexResponse), (status = 404, body = super::super::schema::OrqexError)))]
pub async fn retrieve(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    Path(id): Path<String>,
) -> Response {
    let caller = match caller {
        Ok(c) => c,
        Err(e) => return orqex_error(e),
    };
    let loaded = match state.checkouts.refresh(&id).await {
        Ok(l) => l,
        Err(e) => return orqex_error(e.into()),
    };
    let Some(l) = loaded.filter(|l| {
        l.session.merchant_id == caller.merchant_id
            && l.session.livemode == caller.livemode
            && l.session.compat.api == "orqex"
    }) else {
        return orqex_error(ApiError::not_found(format!("no checkout `{id}`")).with_param("id"));
    };
    let mut data = checkout_json(&state, &l.session);
    if let Some(a) = &l.attempt {
        data["payment"]["active_attempt"] = json!({
            "id": a.id,
            "method": { "value": a.method.as_str(), "label": a.method.info().name, "description": null, "icon_url": null },
            "amount": amount_json(a.amount, a.currency),
            "exchange_rate": 1,
            "correction_rate": 1,
            "gateway": { "transaction": {
                "id": a.id, "reference": a.connector_reference, "external_id": a.connector_reference,
                "status": a.status.as_str(),
            } },
            "next_action": a.next_action_url.as_ref().map(|u| json!({ "type": "redirect", "url": u })).unwrap_or_else(|| json!({})),
            "failure": a.failure_code.as_ref().map(|c| json!({ "code": c, "message": a.failure_reason })),
            "is_fallback": false,
            "completed_at": (a.status.as_str() == "succeeded").then(|| iso_utc(a.updated_at, 3)),
            "failed_at": (a.status.as_str() == "failed").then(|| iso_utc(a.updated_at, 3)),
            "created_at": iso_utc(a.created_at, 3),
        });
    }
    axum::Json(json!({ "message": "Checkout retrieved", "data": data })).into_response()
}
