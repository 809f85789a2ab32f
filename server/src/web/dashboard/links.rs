//! `/dashboard/links`: payment links made and switched off from the
//! dashboard, through the same use case as `/v1/payment_links`.

use super::security::qr_svg;
use super::{acting, client, failure, frame, screen, viewer};
use crate::AppState;
use crate::accounts::{self, Viewer};
use crate::error::Error;
use crate::payment_links::{self, LinkView};
use crate::store::merchants;
use app::dashboard::Frame;
use app::dashboard::Section;
use app::dashboard::links::{self as views, LinkFields, LinkPage, LinkRow, LinksPage};
use app::dashboard::texts::ta;
use app::domain::account::Permission;
use app::domain::payment_link::PaymentLinkDraft;
use app::domain::{Currency, Locale, MethodId, Money};
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

fn row(state: &AppState, l: Locale, v: &LinkView) -> LinkRow {
    let link = &v.link;
    let currency = link.checkout.currency.as_deref().and_then(Currency::parse);
    let money = |m: i64| {
        currency
            .map(|c| Money::new(m, c).format(l.number_style()))
            .unwrap_or_default()
    };
    let amount = match (link.custom_amount_min, link.custom_amount_max) {
        (Some(min), Some(max)) => ta(
            l,
            "links-buyer-chooses",
            &[("min", &money(min)), ("max", &money(max))],
        ),
        _ => {
            let items: i64 = link
                .checkout
                .line_items
                .iter()
                .flatten()
                .map(|i| i.unit_amount.unwrap_or(0) * i.quantity.unwrap_or(1))
                .sum();
            money(link.checkout.amount.unwrap_or(items))
        }
    };
    LinkRow {
        id: link.id.clone(),
        url: state.config.link_url(&link.id),
        description: link.checkout.description.clone().unwrap_or_default(),
        amount,
        paid: v.paid,
        active: link.active,
    }
}

fn methods() -> Vec<(String, String)> {
    MethodId::ALL
        .iter()
        .map(|m| (m.as_str().to_owned(), m.info().name.to_owned()))
        .collect()
}

async fn list_page(
    state: &AppState,
    parts: &Parts,
    v: &Viewer,
    fields: LinkFields,
    problem: Option<String>,
) -> Response {
    let f = frame(parts, v, Section::Links);
    let links = match payment_links::list(&state.core, &v.owner()).await {
        Ok(l) => l,
        Err(e) => return failure(parts, e),
    };
    let status = if problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = LinksPage {
        rows: links.iter().map(|l| row(state, f.lang, l)).collect(),
        fields,
        problem,
        currencies: Currency::codes().collect(),
        methods: methods(),
        can_edit: v.membership.role.can(Permission::ManageLinks),
    };
    screen(state, parts, &f, status, views::links(&f, page))
}

/// `GET /dashboard/links`.
pub async fn list(State(state): State<AppState>, parts: Parts) -> Response {
    match viewer(&state, &parts).await {
        Ok(v) => list_page(&state, &parts, &v, LinkFields::default(), None).await,
        Err(res) => res,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Posted {
    csrf: String,
    #[serde(flatten)]
    fields: LinkFields,
}

fn typed(text: &str, currency: Option<Currency>) -> Result<Option<i64>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let c = currency.ok_or(())?;
    Money::from_typed(text, c).map(|m| Some(m.minor)).ok_or(())
}

/// `2026-12-31` as the end of that day (UTC), in Unix seconds.
fn end_of_day(date: &str) -> Result<Option<i64>, ()> {
    if date.trim().is_empty() {
        return Ok(None);
    }
    let d = time::Date::parse(
        date.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| ())?;
    Ok(Some(d.midnight().assume_utc().unix_timestamp() + 86_399))
}

/// The form's fields as the API's draft; a typed value that is no number
/// or date is refused with that field's label.
fn draft(l: Locale, f: &LinkFields) -> Result<PaymentLinkDraft, String> {
    let currency = Currency::parse(&f.currency);
    let bad = |label: &str| super::problem::unreadable(l, label);
    let chosen = f.kind == "chosen";
    let amount = typed(&f.amount, currency).map_err(|_| bad("links-amount"))?;
    let min = typed(&f.min, currency).map_err(|_| bad("links-min"))?;
    let max = typed(&f.max, currency).map_err(|_| bad("links-max"))?;
    let limit = match f.limit.trim() {
        "" => None,
        n => Some(n.parse::<u32>().map_err(|_| bad("links-limit"))?),
    };
    let description = Some(f.description.trim().to_owned()).filter(|d| !d.is_empty());
    Ok(PaymentLinkDraft {
        currency: Some(f.currency.clone()),
        amount: if chosen { None } else { amount },
        custom_amount_min: if chosen { min } else { None },
        custom_amount_max: if chosen { max } else { None },
        description,
        payment_method_types: (!f.methods.is_empty()).then(|| f.methods.clone()),
        success_url: Some(f.success_url.trim().to_owned()).filter(|u| !u.is_empty()),
        single_use: Some(f.single_use.is_some()),
        expires_at: end_of_day(&f.expires).map_err(|_| bad("links-expires"))?,
        payment_limit: limit,
        ..Default::default()
    })
}

fn refusal(l: Locale, e: &Error) -> Option<String> {
    match e {
        Error::Invalid(field) => Some(super::problem::field(l, field)),
        _ => None,
    }
}

/// `POST /dashboard/links`: makes a link, then shows it.
pub async fn create(
    State(state): State<AppState>,
    parts: Parts,
    Form(p): Form<Posted>,
) -> Response {
    let v = or_answer!(
        acting(
            &state,
            &parts,
            &p.csrf,
            Permission::ManageLinks,
            Section::Links
        )
        .await
    );
    let f = frame(&parts, &v, Section::Links);
    let d = match draft(f.lang, &p.fields) {
        Ok(d) => d,
        Err(problem) => return list_page(&state, &parts, &v, p.fields, Some(problem)).await,
    };
    let made = match payment_links::create(&state.core, &v.owner(), d).await {
        Ok(change) => change.commit().await.map_err(Error::from),
        Err(e) => Err(e),
    };
    match made {
        Ok(view) => {
            let _ = accounts::audit(
                &state.core,
                &f.merchant_id,
                &v.user,
                &client(&parts),
                "payment_link.created",
                Some(view.link.id.clone()),
            )
            .await;
            Redirect::to(&format!("/dashboard/links/{}?made=1", view.link.id)).into_response()
        }
        Err(e) => match refusal(f.lang, &e) {
            Some(problem) => list_page(&state, &parts, &v, p.fields, Some(problem)).await,
            None => failure(&parts, e),
        },
    }
}

async fn link_page(
    state: &AppState,
    parts: &Parts,
    f: &Frame,
    v: &Viewer,
    view: &LinkView,
    notice: Option<String>,
) -> Response {
    let r = row(state, f.lang, view);
    let merchant = merchants::get(&state.db.pool, &f.merchant_id)
        .await
        .ok()
        .flatten()
        .map(|m| m.name)
        .unwrap_or_default();
    let page = LinkPage {
        qr_svg: qr_svg(&r.url).unwrap_or_default(),
        row: r,
        merchant,
        notice,
        can_edit: v.membership.role.can(Permission::ManageLinks),
    };
    screen(state, parts, f, StatusCode::OK, views::link(f, page))
}

/// `GET /dashboard/links/{id}`.
pub async fn show(State(state): State<AppState>, Path(id): Path<String>, parts: Parts) -> Response {
    let v = or_answer!(viewer(&state, &parts).await);
    let f = frame(&parts, &v, Section::Links);
    let notice = match parts.uri.query().unwrap_or("") {
        "made=1" => Some("links-created"),
        "done=on" => Some("links-switched-on"),
        "done=off" => Some("links-switched-off"),
        _ => None,
    };
    match payment_links::find(&state.core, &v.owner(), &id).await {
        Ok(view) => {
            let notice = notice.map(|n| f.t(n));
            link_page(&state, &parts, &f, &v, &view, notice).await
        }
        Err(Error::NotFound(..)) => super::not_found(&state, &parts, &f),
        Err(e) => failure(&parts, e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Toggle {
    csrf: String,
    active: String,
}

/// `POST /dashboard/links/{id}`: switches a link off or on again.
pub async fn toggle(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
    Form(p): Form<Toggle>,
) -> Response {
    let v = or_answer!(
        acting(
            &state,
            &parts,
            &p.csrf,
            Permission::ManageLinks,
            Section::Links
        )
        .await
    );
    let f = frame(&parts, &v, Section::Links);
    let on = p.active == "on";
    let d = PaymentLinkDraft {
        active: Some(on),
        ..Default::default()
    };
    let changed = match payment_links::update(&state.core, &v.owner(), &id, d).await {
        Ok(change) => change.commit().await.map_err(Error::from),
        Err(e) => Err(e),
    };
    match changed {
        Ok(view) => {
            let action = if on {
                "payment_link.switched_on"
            } else {
                "payment_link.switched_off"
            };
            let _ = accounts::audit(
                &state.core,
                &f.merchant_id,
                &v.user,
                &client(&parts),
                action,
                Some(id),
            )
            .await;
            let done = if on { "on" } else { "off" };
            Redirect::to(&format!("/dashboard/links/{}?done={done}", view.link.id)).into_response()
        }
        Err(Error::NotFound(..)) => super::not_found(&state, &parts, &f),
        Err(e) => failure(&parts, e),
    }
}
