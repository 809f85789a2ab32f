//! `/v1/checkout/sessions`: create, retrieve, list, expire. Shapes follow the
//! Payonify checkout-session reference.

use super::idempotency::{self, Reply};
use super::{ApiError, Caller, RawBody, count, parse_json, parse_query, secs};
use crate::AppState;
use crate::config::Config;
use crate::db::now_ms;
use crate::store::sessions::{self, ListQuery, Page, Session};
use crate::store::{products, products::Product};
use app::domain::checkout::{CheckoutDraft, Customer, DraftContext, LineItemDraft, ProductRules};
use app::domain::session::TransitionError;
use app::domain::{Currency, Event, Status};
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The request body of `POST /v1/checkout/sessions`.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateSession {
    mode: Option<String>,
    currency: Option<String>,
    line_items: Option<Vec<LineItemDraft>>,
    amount: Option<i64>,
    success_url: Option<String>,
    cancel_url: Option<String>,
    customer: Option<Customer>,
    customer_email: Option<String>,
    client_reference_id: Option<String>,
    description: Option<String>,
    source: Option<String>,
    submit_type: Option<String>,
    #[serde(alias = "language")]
    locale: Option<String>,
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    metadata: Option<BTreeMap<String, Value>>,
    payment_method_types: Option<Vec<String>>,
    expires_at: Option<i64>,
    product: Option<String>,
    expand: Option<Vec<String>>,
    webhook_url: Option<String>,
}

/// `expand` may only name `line_items`.
fn wants_line_items(expand: &[String]) -> Result<bool, ApiError> {
    for (i, e) in expand.iter().enumerate() {
        if e != "line_items" {
            return Err(ApiError::bad_request(
                "parameter_invalid",
                Some(format!("expand[{i}]")),
                format!("`{e}` cannot be expanded; only `line_items` can"),
            ));
        }
    }
    Ok(!expand.is_empty())
}

/// The product a session uses: the one named, else the merchant's default.
pub async fn product_for(
    state: &AppState,
    caller: &Caller,
    id: Option<&str>,
) -> Result<Option<Product>, ApiError> {
    match id {
        None => Ok(products::default_for(&state.db, &caller.merchant_id).await?),
        Some(id) => {
            let p = products::get(&state.db, &caller.merchant_id, id)
                .await?
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "resource_missing",
                        Some("product".into()),
                        format!("no product `{id}`"),
                    )
                })?;
            if !p.spec.active {
                return Err(ApiError::bad_request(
                    "product_inactive",
                    Some("product".into()),
                    format!("product `{id}` is not active"),
                ));
            }
            Ok(Some(p))
        }
    }
}

/// Create a checkout session.
#[utoipa::path(post, path = "/v1/checkout/sessions", tag = "Checkout sessions", security(("bearer" = []), ("api_key" = [])),
    request_body = CreateSession,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for 24 h")),
    responses((status = 200, body = super::schema::CheckoutSession), (status = 400, body = super::schema::Error),
        (status = 401, body = super::schema::Error), (status = 409, body = super::schema::Error)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let (state, caller, body) = (&state, &caller, &body);
    idempotency::run(state, caller, &headers, "POST /v1/checkout/sessions", body, |idem| async move {
        let (session, expand) = prepare(state, caller, body).await?;
        let reply = Reply::ok(&session_json(state, &session, expand));
        let mut tx = state.db.begin().await?;
        sessions::insert(&mut tx, &session).await?;
        idem.record(&mut tx, reply.status, &reply.body).await?;
        tx.commit().await?;
        tracing::info!(session = %session.id, amount = session.amount_total, currency = %session.currency,
            "checkout session created");
        Ok(reply)
    })
    .await
}

/// Checks a create request and builds the session it asks for, writing
/// nothing. Returns the session and whether to expand its line items.
pub async fn prepare(
    state: &AppState,
    caller: &Caller,
    body: &[u8],
) -> Result<(Session, bool), ApiError> {
    let req: CreateSession = parse_json(body)?;
    let expand = wants_line_items(req.expand.as_deref().unwrap_or_default())?;
    let draft = CheckoutDraft {
        mode: req.mode,
        currency: req.currency,
        line_items: req.line_items,
        amount: req.amount,
        success_url: req.success_url,
        cancel_url: req.cancel_url,
        customer: req.customer,
        customer_email: req.customer_email,
        client_reference_id: req.client_reference_id,
        description: req.description,
        source: req.source,
        submit_type: req.submit_type,
        locale: req.locale,
        metadata: req.metadata,
        payment_method_types: req.payment_method_types,
        expires_at: req.expires_at,
        webhook_url: req.webhook_url,
    };
    let product = product_for(state, caller, req.product.as_deref()).await?;
    Ok((build(state, caller, product, draft, 5).await?, expand))
}

/// Checks a checkout request against the merchant's product and builds its
/// session, writing nothing. Every API that creates sessions ends here.
pub async fn build(
    state: &AppState,
    caller: &Caller,
    product: Option<Product>,
    draft: CheckoutDraft,
    max_metadata_keys: usize,
) -> Result<Session, ApiError> {
    let merchant = crate::store::merchants::get(&state.db, &caller.merchant_id)
        .await?
        .ok_or_else(|| {
            ApiError::unauthorized("api_key_invalid", "the key's merchant no longer exists")
        })?;
    let now = now_ms();
    let cx = DraftContext {
        now: secs(now),
        livemode: caller.livemode,
        product: product.as_ref().map(|p| ProductRules {
            name: p.spec.name.clone(),
            main_currency: p.spec.main_currency,
            methods: p.spec.payment_methods.clone(),
        }),
        fallback_item_name: product
            .as_ref()
            .map_or(merchant.name, |p| p.spec.name.clone()),
        min_lifetime_secs: state.config.min_session_secs,
        max_metadata_keys,
    };
    let checkout = draft.validate(&cx)?;
    if checkout.webhook_url.is_some() && product.is_none() {
        // Events are signed with a product's secret: without one, none could
        // be delivered.
        return Err(ApiError::bad_request(
            "product_missing",
            Some("webhook_url".into()),
            "events are signed with a product's webhook secret: create a product first",
        ));
    }
    Ok(Session::open(
        &caller.merchant_id,
        product.map(|p| p.id),
        caller.livemode,
        checkout,
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RetrieveQuery {
    expand: Option<String>,
    #[serde(rename = "expand[]")]
    expand_list: Option<String>,
}

/// Retrieve a session (settled first: always the truth).
#[utoipa::path(get, path = "/v1/checkout/sessions/{id}", tag = "Checkout sessions", security(("bearer" = []), ("api_key" = [])),
    params(("id" = String, Path), ("expand" = Option<String>, Query, description = "`line_items`")),
    responses((status = 200, body = super::schema::CheckoutSession), (status = 404, body = super::schema::Error)))]
pub async fn retrieve(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let q: RetrieveQuery = parse_query(query.as_deref())?;
    let expand: Vec<String> = q.expand.into_iter().chain(q.expand_list).collect();
    let expand = wants_line_items(&expand)?;
    // Settle first: the response is the truth as of now.
    let session = state
        .checkouts
        .refresh(&id)
        .await?
        .map(|l| l.session)
        .filter(|s| s.merchant_id == caller.merchant_id && s.livemode == caller.livemode)
        .ok_or_else(|| {
            ApiError::not_found(format!("no checkout session `{id}`")).with_param("id")
        })?;
    Ok(axum::Json(session_json(&state, &session, expand)).into_response())
}

/// Expire an open session.
#[utoipa::path(post, path = "/v1/checkout/sessions/{id}/expire", tag = "Checkout sessions", security(("bearer" = []), ("api_key" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = super::schema::CheckoutSession), (status = 409, body = super::schema::Error)))]
pub async fn expire(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let route = format!("POST /v1/checkout/sessions/{id}/expire");
    let (state, caller, body, id) = (&state, &caller, &body, &id);
    idempotency::run(state, caller, &headers, &route, body, |idem| async move {
        let NoParams {} = parse_json(body)?;
        let not_found =
            || ApiError::not_found(format!("no checkout session `{id}`")).with_param("id");
        let session = state
            .checkouts
            .refresh(id)
            .await?
            .map(|l| l.session)
            .filter(|s| s.merchant_id == caller.merchant_id && s.livemode == caller.livemode)
            .ok_or_else(not_found)?;
        let next = session
            .state
            .apply(Event::ExpiredByMerchant)
            .map_err(refused)?;
        let mut tx = state.db.begin().await?;
        if !sessions::transition(&mut tx, id, session.state, next, None, now_ms()).await? {
            tx.rollback().await?;
            return Err(ApiError::conflict(
                "session_changed",
                "the session changed meanwhile; retrieve it and retry",
            ));
        }
        state.checkouts.emit_expired(&mut tx, id).await?;
        let updated = sessions::get(&mut *tx, id).await?.ok_or_else(not_found)?;
        let reply = Reply::ok(&session_json(state, &updated, false));
        idem.record(&mut tx, reply.status, &reply.body).await?;
        tx.commit().await?;
        crate::webhooks::wake();
        tracing::info!(session = %id, "checkout session expired by the merchant");
        Ok(reply)
    })
    .await
}

/// A body that must be empty (or `{}`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoParams {}

fn refused(e: TransitionError) -> ApiError {
    match e {
        TransitionError::PaymentPending => ApiError::conflict(
            "payment_pending",
            "a payment is being processed for this session; it cannot be expired until it settles",
        ),
        _ => ApiError::conflict(
            "session_not_open",
            "only open checkout sessions can be expired",
        ),
    }
}

/// Query parameters of `GET /v1/checkout/sessions`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ListParams {
    limit: Option<String>,
    first: Option<String>,
    last: Option<String>,
    after: Option<String>,
    before: Option<String>,
    status: Option<String>,
    currency: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
}

/// Midnight UTC of a `YYYY-MM-DD` date, in Unix milliseconds.
fn day_start_ms(name: &str, s: &str) -> Result<i64, ApiError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(s, &format).map_err(|_| {
        ApiError::bad_request(
            "parameter_invalid",
            Some(name.into()),
            format!("`{name}` must be a date like 2026-05-20"),
        )
    })?;
    Ok(date.midnight().assume_utc().unix_timestamp() * 1000)
}

/// List sessions, newest first.
#[utoipa::path(get, path = "/v1/checkout/sessions", tag = "Checkout sessions", security(("bearer" = []), ("api_key" = [])),
    params(("limit" = Option<i64>, Query), ("first" = Option<i64>, Query), ("last" = Option<i64>, Query),
        ("after" = Option<String>, Query), ("before" = Option<String>, Query),
        ("status" = Option<String>, Query), ("currency" = Option<String>, Query),
        ("start_date" = Option<String>, Query), ("end_date" = Option<String>, Query)),
    responses((status = 200, body = super::schema::CheckoutSessionList), (status = 400, body = super::schema::Error)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let p: ListParams = parse_query(query.as_deref())?;
    let bad = |param: &str, msg: &str| {
        ApiError::bad_request("parameter_invalid", Some(param.into()), msg)
    };
    let limit = count("limit", p.limit.as_deref())?;
    let first = count("first", p.first.as_deref())?;
    let last = count("last", p.last.as_deref())?;
    if first.is_some() && last.is_some() {
        return Err(bad("last", "pass `first` or `last`, not both"));
    }
    if p.after.is_some() && p.before.is_some() {
        return Err(bad("before", "pass `after` or `before`, not both"));
    }
    if p.after.is_some() && last.is_some() {
        return Err(bad("last", "`last` pages backwards; use it with `before`"));
    }
    if p.before.is_some() && first.is_some() {
        return Err(bad("first", "`first` pages forwards; use it with `after`"));
    }
    let cursor = |name: &str, id: &str| {
        let name = name.to_owned();
        let id = id.to_owned();
        let state = &state;
        let caller = &caller;
        async move {
            sessions::position(&state.db, &caller.merchant_id, caller.livemode, &id)
                .await?
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "parameter_invalid",
                        Some(name),
                        format!("no checkout session `{id}` to page from"),
                    )
                })
        }
    };
    let page = match (&p.after, &p.before, last) {
        (Some(a), _, _) => Page::After(cursor("after", a).await?),
        (_, Some(b), _) => Page::Before(cursor("before", b).await?),
        (_, _, Some(_)) => Page::Last,
        _ => Page::First,
    };
    let status = p
        .status
        .as_deref()
        .map(|s| {
            Status::parse(s).ok_or_else(|| {
                bad(
                    "status",
                    "`status` must be one of `open`, `complete`, `expired`",
                )
            })
        })
        .transpose()?;
    let currency = p
        .currency
        .as_deref()
        .map(|c| {
            Currency::parse(c)
                .ok_or_else(|| bad("currency", "`currency` is not a currency we accept"))
        })
        .transpose()?;
    let created_from = p
        .start_date
        .as_deref()
        .map(|d| day_start_ms("start_date", d))
        .transpose()?;
    let created_before = p
        .end_date
        .as_deref()
        .map(|d| day_start_ms("end_date", d).map(|ms| ms + 86_400_000))
        .transpose()?;
    if let (Some(from), Some(before)) = (created_from, created_before)
        && before <= from
    {
        return Err(bad(
            "end_date",
            "`end_date` must not be before `start_date`",
        ));
    }
    let q = ListQuery {
        status,
        currency,
        created_from,
        created_before,
        limit: last.or(first).or(limit).unwrap_or(10),
        page,
    };
    let result = sessions::list(&state.db, &caller.merchant_id, caller.livemode, &q).await?;
    let data: Vec<Value> = result
        .sessions
        .iter()
        .map(|s| session_json(&state, s, false))
        .collect();
    Ok(axum::Json(json!({
        "object": "list",
        "data": data,
        "paging": super::paging(
            q.limit,
            result.has_more_older,
            result.has_more_newer,
            result.sessions.first().map(|s| &s.id),
            result.sessions.last().map(|s| &s.id),
        ),
    }))
    .into_response())
}

/// The checkout session object.
pub fn session_json(state: &AppState, s: &Session, expand_line_items: bool) -> Value {
    session_object(&state.config, s, expand_line_items)
}

/// The checkout session object, from the configuration alone (events are
/// built inside transactions, far from any request).
pub fn session_object(config: &Config, s: &Session, expand_line_items: bool) -> Value {
    let currency = s.currency.code().to_ascii_lowercase();
    let customer = (s.customer != Customer::default()).then(
        || json!({ "name": s.customer.name, "email": s.customer.email, "phone": s.customer.phone }),
    );
    let mut v = json!({
        "id": s.id,
        "object": "checkout_session",
        "status": s.state.status.as_str(),
        "payment_status": s.state.payment_status.as_str(),
        "mode": "payment",
        "currency": currency,
        "amount_subtotal": s.amount_subtotal,
        "amount_total": s.amount_total,
        "url": config.checkout_url(&s.id),
        "livemode": s.livemode,
        "payment_method_types": s.payment_method_types.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
        "client_secret": config.master_key.client_secret(&s.id),
        "client_reference_id": s.client_reference_id,
        "charge_reference": s.charge_reference,
        "created": secs(s.created_at),
        "expires_at": s.expires_at,
        "completed_at": s.completed_at.map(secs),
        "success_url": s.success_url,
        "cancel_url": s.cancel_url,
        "customer_email": s.customer.email,
        "customer": customer,
        "description": s.description,
        "locale": s.locale.as_str(),
        "metadata": s.metadata,
        "submit_type": s.submit_type.as_str(),
        "source": s.source,
        "product": s.product_id,
        "failure_code": s.failure_code,
        "failure_reason": s.failure_reason,
        "amount_refunded": s.amount_refunded,
        "amount_paid": s.compat.amount_paid,
        "webhook_url": s.webhook_url,
        "shipping": null,
    });
    if expand_line_items {
        v["line_items"] = s
            .line_items
            .iter()
            .map(|l| {
                json!({
                    "id": l.id,
                    "object": "item",
                    "name": l.item.name,
                    "description": l.item.description,
                    "unit_amount": l.item.unit_amount,
                    "quantity": l.item.quantity,
                    "amount_subtotal": l.item.amount_total(),
                    "amount_total": l.item.amount_total(),
                    "currency": currency,
                })
            })
            .collect();
    }
    v
}
