//! `/dashboard/developers` (owners and developers): API keys, webhook
//! endpoints' health and deliveries, the event log.

use super::{acting, client, failure, forbidden, frame, screen, signed_form, viewer};
use crate::AppState;
use crate::accounts::{self, Viewer};
use crate::store::events::{self as events_store, EndpointStatus, ListQuery};
use crate::store::{merchants, products, reports};
use app::dashboard::Section;
use app::dashboard::developers::{
    self as views, DeliveryRow, DevelopersPage, EndpointRow, EventRow, KeyRow,
};
use app::dashboard::payments::Tone;
use app::dashboard::texts::t;
use app::domain::Locale;
use app::domain::account::Permission;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

fn when(l: Locale, ms: i64) -> String {
    app::i18n::date_time(l, ms.div_euclid(1000))
}

async fn endpoints(
    state: &AppState,
    v: &Viewer,
    l: Locale,
) -> Result<Vec<EndpointRow>, sqlx::Error> {
    let owner = v.owner();
    let mut urls: Vec<String> = products::list(&state.db.pool, &owner)
        .await?
        .into_iter()
        .filter_map(|p| p.spec.webhook_url)
        .collect();
    urls.dedup();
    let mut rows = Vec::new();
    for url in urls {
        let health = events_store::endpoint(&state.db.pool, &owner, &url).await?;
        let status = match health.status() {
            EndpointStatus::Enabled => (t(l, "dev-endpoint-enabled"), Tone::Good),
            EndpointStatus::Failing => (t(l, "dev-endpoint-failing"), Tone::Bad),
            EndpointStatus::Disabled => (t(l, "dev-endpoint-disabled"), Tone::Bad),
        };
        rows.push(EndpointRow { url, status });
    }
    Ok(rows)
}

async fn page(
    state: &AppState,
    v: &Viewer,
    l: Locale,
    new_secret: Option<String>,
) -> Result<DevelopersPage, crate::error::Error> {
    let owner = v.owner();
    let keys = merchants::keys(&state.db.pool, &owner).await?;
    let deliveries = reports::recent_deliveries(&state.db.pool, &owner, 20).await?;
    let events = crate::events::list(&state.core, &owner, &ListQuery::default(), None, 20).await?;
    Ok(DevelopersPage {
        keys: keys
            .into_iter()
            .map(|k| KeyRow {
                id: k.id,
                prefix: k.prefix,
                created: when(l, k.created_at),
                last_used: k.last_used_at.map(|t| when(l, t)),
                revoked: k.revoked_at.map(|t| when(l, t)),
            })
            .collect(),
        new_secret,
        endpoints: endpoints(state, v, l).await?,
        deliveries: deliveries
            .into_iter()
            .map(|(a, kind)| {
                let ok = a.status_code.is_some_and(|c| (200..300).contains(&c));
                let result = match (a.status_code, &a.error) {
                    (Some(c), _) => format!("HTTP {c} · {} ms", a.latency_ms),
                    (None, e) => format!("{} · {} ms", e.clone().unwrap_or_default(), a.latency_ms),
                };
                DeliveryRow {
                    at: when(l, a.attempted_at),
                    event: kind,
                    url: a.url,
                    result: (result, if ok { Tone::Good } else { Tone::Bad }),
                }
            })
            .collect(),
        events: events
            .items
            .into_iter()
            .map(|e| EventRow {
                at: when(l, e.created_at),
                kind: e.event_type.as_str().to_owned(),
                status: e.delivery_status.as_str().to_owned(),
                payment: e.session_id,
                id: e.id,
            })
            .collect(),
    })
}

async fn show_page(
    state: &AppState,
    parts: &Parts,
    v: &Viewer,
    new_secret: Option<String>,
) -> Response {
    let f = frame(parts, v, Section::Developers);
    if !v.membership.role.can(Permission::ManageKeys) {
        return forbidden(&f);
    }
    match page(state, v, f.lang, new_secret).await {
        Ok(p) => screen(state, parts, &f, StatusCode::OK, views::developers(&f, p)),
        Err(e) => failure(parts, e),
    }
}

/// `GET /dashboard/developers`.
pub async fn show(State(state): State<AppState>, parts: Parts) -> Response {
    match viewer(&state, &parts).await {
        Ok(v) => show_page(&state, &parts, &v, None).await,
        Err(res) => res,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Csrf {
    csrf: String,
}

/// `POST /dashboard/developers/keys`: a key in the mode the dashboard
/// shows, its secret on the page this once.
pub async fn create_key(
    State(state): State<AppState>,
    parts: Parts,
    Form(c): Form<Csrf>,
) -> Response {
    let v = or_answer!(signed_form(&state, &parts, &c.csrf).await);
    if !v.membership.role.can(Permission::ManageKeys) {
        return forbidden(&frame(&parts, &v, Section::Developers));
    }
    let owner = v.owner();
    let key = match merchants::create_key(&state.db, &owner.merchant_id, owner.livemode).await {
        Ok(k) => k,
        Err(e) => return failure(&parts, e),
    };
    let _ = accounts::audit(
        &state.core,
        &owner.merchant_id,
        &v.user,
        &client(&parts),
        "api_key.created",
        Some(key.prefix.clone()),
    )
    .await;
    show_page(&state, &parts, &v, Some(key.secret)).await
}

/// `POST /dashboard/developers/keys/{id}/revoke`.
pub async fn revoke_key(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
    Form(c): Form<Csrf>,
) -> Response {
    let v = or_answer!(
        acting(
            &state,
            &parts,
            &c.csrf,
            Permission::ManageKeys,
            Section::Developers
        )
        .await
    );
    let f = frame(&parts, &v, Section::Developers);
    match merchants::revoke_owned_key(state.db.writer(), &v.owner(), &id).await {
        Ok(true) => {
            let _ = accounts::audit(
                &state.core,
                &f.merchant_id,
                &v.user,
                &client(&parts),
                "api_key.revoked",
                Some(id),
            )
            .await;
            Redirect::to("/dashboard/developers").into_response()
        }
        Ok(false) => super::not_found(&state, &parts, &f),
        Err(e) => failure(&parts, e),
    }
}
