//! `/dashboard/payments`: the owner's checkout sessions (and charges),
//! searched and filtered; a payment's timeline; refund (after a
//! confirmation step), expire, and sending an event again.

use super::{acting, client, failure, frame, screen, viewer};
use crate::AppState;
use crate::accounts::{self, Viewer};
use crate::change::NoJournal;
use crate::error::{Conflict, Error};
use crate::store::events::{self as events_store, DeliveryStatus};
use crate::store::reports::{self, PaymentSearch};
use crate::store::sessions::{self, Session};
use crate::store::{Owner, attempts, refunds};
use app::dashboard::Section;
use app::dashboard::payments::{
    self as views, PaymentFilter, PaymentPage, PaymentRow, PaymentsPage, RefundReview,
    TimelineItem, Tone,
};
use app::dashboard::texts::{t, ta};
use app::domain::account::Permission;
use app::domain::refund::{RefundDraft, RefundStatus};
use app::domain::{Currency, Locale, MethodId, Money, PaymentStatus, Status};
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

const PAGE: i64 = 25;

fn money(l: Locale, minor: i64, c: Currency) -> String {
    Money::new(minor, c).format(l.number_style())
}

fn when(l: Locale, ms: i64) -> String {
    app::i18n::date_time(l, ms.div_euclid(1000))
}

fn method_name(m: &str) -> String {
    MethodId::parse(m).map_or_else(|| m.to_owned(), |id| id.info().name.to_owned())
}

/// How a session's state reads in the list and on its page.
fn status(l: Locale, s: &Session) -> (String, Tone) {
    let (key, tone) = match (s.state.status, s.state.payment_status) {
        _ if s.amount_refunded >= s.amount_total => ("payments-status-refunded", Tone::Neutral),
        _ if s.amount_refunded > 0 => ("payments-status-part-refunded", Tone::Neutral),
        (_, PaymentStatus::Succeeded) => ("payments-status-paid", Tone::Good),
        (Status::Expired, _) => ("payments-status-expired", Tone::Neutral),
        (_, PaymentStatus::Failed) => ("payments-status-failed", Tone::Bad),
        (_, PaymentStatus::Pending) => ("payments-status-pending", Tone::Neutral),
        _ => ("payments-status-open", Tone::Neutral),
    };
    (t(l, key), tone)
}

/// `2026-12-01` as Unix ms at that day's start (UTC); `end` gives the next day's.
fn day_ms(date: &str, end: bool) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let d = time::Date::parse(date.trim(), format).ok()?;
    let start = d.midnight().assume_utc().unix_timestamp() * 1000;
    Some(if end { start + 86_400_000 } else { start })
}

fn search(f: &PaymentFilter) -> PaymentSearch {
    let state = match f.status.as_str() {
        "open" => Some(("status", "open")),
        "expired" => Some(("status", "expired")),
        "paid" => Some(("payment_status", "succeeded")),
        "pending" => Some(("payment_status", "pending")),
        "failed" => Some(("payment_status", "failed")),
        _ => None,
    };
    let some = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    PaymentSearch {
        state,
        method: MethodId::parse(&f.method).map(|m| m.as_str().to_owned()),
        currency: Currency::parse(&f.currency).map(|c| c.code().to_owned()),
        from: day_ms(&f.from, false),
        before: day_ms(&f.to, true),
        text: some(&f.q),
        after: some(&f.after),
    }
}

async fn rows(
    state: &AppState,
    owner: &Owner,
    l: Locale,
    f: &PaymentFilter,
) -> Result<(Vec<PaymentRow>, bool), sqlx::Error> {
    let mut found = reports::search_sessions(&state.db.pool, owner, &search(f), PAGE + 1).await?;
    let more = found.len() as i64 > PAGE;
    found.truncate(PAGE as usize);
    let ids: Vec<String> = found.iter().map(|s| s.id.clone()).collect();
    let methods = reports::methods_of(&state.db.pool, &ids).await?;
    let rows = found
        .iter()
        .map(|s| PaymentRow {
            id: s.id.clone(),
            created: when(l, s.created_at),
            amount: money(l, s.amount_total, s.currency),
            status: status(l, s),
            method: methods
                .get(&s.id)
                .map(|m| method_name(m))
                .unwrap_or_default(),
            customer: [s.customer.email.clone(), s.customer.phone.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
        })
        .collect();
    Ok((rows, more))
}

/// `GET /dashboard/payments`.
pub async fn list(
    State(state): State<AppState>,
    parts: Parts,
    Query(filter): Query<PaymentFilter>,
) -> Response {
    let v = or_answer!(viewer(&state, &parts).await);
    let f = frame(&parts, &v, Section::Payments);
    let (rows, more) = match rows(&state, &v.owner(), f.lang, &filter).await {
        Ok(r) => r,
        Err(e) => return failure(&parts, e),
    };
    let next = rows.last().filter(|_| more).map(|last| {
        let mut n = filter.clone();
        n.after = last.id.clone();
        views::serde_urlencoded(&n)
    });
    let page = PaymentsPage {
        rows,
        filter,
        next,
        methods: MethodId::ALL
            .iter()
            .map(|m| (m.as_str().to_owned(), m.info().name.to_owned()))
            .collect(),
        currencies: Currency::codes().collect(),
    };
    screen(
        &state,
        &parts,
        &f,
        StatusCode::OK,
        views::payments(&f, page),
    )
}

/// Items with their time (Unix ms), to sort.
type Moments = Vec<(i64, TimelineItem)>;

fn item(
    l: Locale,
    at: i64,
    title: String,
    detail: Option<String>,
    tone: Tone,
) -> (i64, TimelineItem) {
    let at_text = when(l, at);
    (
        at,
        TimelineItem {
            at: at_text,
            title,
            detail,
            tone,
            redeliver: None,
        },
    )
}

async fn attempt_moments(
    state: &AppState,
    l: Locale,
    s: &Session,
    out: &mut Moments,
) -> Result<(), sqlx::Error> {
    let tried = attempts::TABLE
        .select(
            &state.db.pool,
            "WHERE session_id = $1 ORDER BY created_at",
            &[s.id.as_str().into()],
        )
        .await?;
    for a in tried {
        let m = a.method.info().name;
        let payer = a
            .phone
            .clone()
            .or_else(|| a.card_last4.as_ref().map(|d| format!("•••• {d}")));
        out.push(item(
            l,
            a.created_at,
            ta(l, "tl-attempt-started", &[("method", m)]),
            payer,
            Tone::Neutral,
        ));
        use app::domain::attempt::AttemptStatus as A;
        let (key, tone) = match a.status {
            A::Succeeded => ("tl-attempt-succeeded", Tone::Good),
            A::Failed => ("tl-attempt-failed", Tone::Bad),
            _ => ("tl-attempt-waiting", Tone::Neutral),
        };
        let why = a.failure_reason.clone().or(a.failure_code.clone());
        out.push(item(
            l,
            a.updated_at.max(a.created_at + 1),
            ta(l, key, &[("method", m)]),
            why,
            tone,
        ));
    }
    Ok(())
}

fn delivery_text(l: Locale, a: &events_store::Attempt) -> (String, Tone) {
    let ms = a.latency_ms.to_string();
    match (a.status_code, &a.error) {
        (Some(code), _) if (200..300).contains(&code) => {
            let args = [
                ("url", a.url.as_str()),
                ("code", &code.to_string()),
                ("ms", &ms),
            ];
            (ta(l, "tl-delivery-ok", &args), Tone::Good)
        }
        (Some(code), _) => {
            let args = [
                ("url", a.url.as_str()),
                ("code", &code.to_string()),
                ("ms", &ms),
            ];
            (ta(l, "tl-delivery-bad", &args), Tone::Bad)
        }
        (None, e) => {
            let e = e.clone().unwrap_or_default();
            (
                ta(
                    l,
                    "tl-delivery-error",
                    &[("url", a.url.as_str()), ("error", &e), ("ms", &ms)],
                ),
                Tone::Bad,
            )
        }
    }
}

async fn event_moments(
    state: &AppState,
    l: Locale,
    s: &Session,
    out: &mut Moments,
) -> Result<(), sqlx::Error> {
    let cond = "WHERE session_id = $1 ORDER BY created_seq";
    let events = events_store::TABLE
        .select(&state.db.pool, cond, &[s.id.as_str().into()])
        .await?;
    for e in events {
        let deliveries = events_store::attempts(&state.db.pool, &e.id).await?;
        let lines: Vec<(String, Tone)> = deliveries.iter().map(|a| delivery_text(l, a)).collect();
        let detail = match (lines.is_empty(), e.delivery_status) {
            (false, _) => Some(
                lines
                    .iter()
                    .map(|(t, _)| t.clone())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            (true, DeliveryStatus::NoEndpoint) => Some(t(l, "tl-delivery-none")),
            (true, _) => Some(t(l, "tl-delivery-waiting")),
        };
        let tone = lines.last().map_or(Tone::Neutral, |(_, tone)| *tone);
        let title = ta(l, "tl-event", &[("type", e.event_type.as_str())]);
        let (at, mut it) = item(l, e.created_at, title, detail, tone);
        it.redeliver = (e.delivery_status != DeliveryStatus::NoEndpoint).then(|| e.id.clone());
        out.push((at, it));
    }
    Ok(())
}

async fn timeline(
    state: &AppState,
    l: Locale,
    s: &Session,
) -> Result<Vec<TimelineItem>, sqlx::Error> {
    let mut out: Moments = vec![item(
        l,
        s.created_at,
        t(l, "tl-created"),
        None,
        Tone::Neutral,
    )];
    attempt_moments(state, l, s, &mut out).await?;
    event_moments(state, l, s, &mut out).await?;
    let cond = "WHERE session_id = $1 ORDER BY created_seq";
    for r in refunds::TABLE
        .select(&state.db.pool, cond, &[s.id.as_str().into()])
        .await?
    {
        let (key, tone) = match r.status {
            RefundStatus::Succeeded => ("tl-refund-succeeded", Tone::Good),
            RefundStatus::Failed => ("tl-refund-failed", Tone::Bad),
            _ => ("tl-refund-pending", Tone::Neutral),
        };
        let title = ta(
            l,
            "tl-refund",
            &[("amount", &money(l, r.amount, r.currency))],
        );
        out.push(item(l, r.created_at, title, Some(t(l, key)), tone));
    }
    if s.state.status == Status::Expired {
        let at = s.completed_at.unwrap_or(s.expires_at * 1000);
        out.push(item(l, at, t(l, "tl-expired"), None, Tone::Neutral));
    }
    out.sort_by_key(|(at, _)| *at);
    Ok(out.into_iter().map(|(_, i)| i).collect())
}

/// What the page says besides the timeline.
fn facts(l: Locale, s: &Session) -> Vec<(String, String)> {
    let mut f = vec![
        (t(l, "payment-id"), s.id.clone()),
        (t(l, "payment-created"), when(l, s.created_at)),
    ];
    let customer: Vec<String> = [&s.customer.name, &s.customer.email, &s.customer.phone]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    if !customer.is_empty() {
        f.push((t(l, "payment-customer"), customer.join(" · ")));
    }
    if let Some(r) = s
        .client_reference_id
        .clone()
        .or(s.compat.external_reference.clone())
    {
        f.push((t(l, "payment-reference"), r));
    }
    if let Some(link) = &s.payment_link {
        f.push((t(l, "payment-link"), link.clone()));
    }
    if s.amount_refunded > 0 {
        f.push((
            t(l, "payment-refunded"),
            money(l, s.amount_refunded, s.currency),
        ));
    }
    f
}

/// What was paid and what may still be refunded (minor units).
fn paid_and_left(s: &Session) -> (i64, i64) {
    let paid = if s.state.payment_status == PaymentStatus::Succeeded {
        s.compat.amount_paid.max(s.amount_total)
    } else {
        0
    };
    (paid, (paid - s.amount_refunded).max(0))
}

pub struct Extra {
    pub notice: Option<String>,
    pub problem: Option<String>,
    pub review: Option<RefundReview>,
}

async fn payment_page(
    state: &AppState,
    parts: &Parts,
    v: &Viewer,
    s: &Session,
    extra: Extra,
) -> Response {
    let f = frame(parts, v, Section::Payments);
    let l = f.lang;
    let timeline = match timeline(state, l, s).await {
        Ok(t) => t,
        Err(e) => return failure(parts, e),
    };
    let (paid, left) = paid_and_left(s);
    let role = v.membership.role;
    let status_code = if extra.problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = PaymentPage {
        id: s.id.clone(),
        amount: money(l, s.amount_total, s.currency),
        status: status(l, s),
        checkout_url: state.config.checkout_url(&s.id),
        facts: facts(l, s),
        timeline,
        refundable: (left > 0).then(|| money(l, left, s.currency)),
        total_paid: money(l, paid, s.currency),
        can_refund: role.can(Permission::Refund),
        can_operate: role.can(Permission::OperatePayments),
        can_expire: s.state.status == Status::Open
            && s.state.payment_status != PaymentStatus::Pending,
        review: extra.review,
        notice: extra.notice,
        problem: extra.problem,
    };
    screen(state, parts, &f, status_code, views::payment(&f, page))
}

async fn load(state: &AppState, v: &Viewer, id: &str) -> Result<Option<Session>, sqlx::Error> {
    sessions::TABLE
        .find_owned(&state.db.pool, &v.owner(), id)
        .await
}

/// `GET /dashboard/payments/{id}`.
pub async fn show(State(state): State<AppState>, Path(id): Path<String>, parts: Parts) -> Response {
    let v = or_answer!(viewer(&state, &parts).await);
    let f = frame(&parts, &v, Section::Payments);
    match load(&state, &v, &id).await {
        Ok(Some(s)) => {
            let notice = done_notice(f.lang, parts.uri.query().unwrap_or(""), s.currency);
            let extra = Extra {
                notice,
                problem: None,
                review: None,
            };
            payment_page(&state, &parts, &v, &s, extra).await
        }
        Ok(None) => super::not_found(&state, &parts, &f),
        Err(e) => failure(&parts, e),
    }
}

/// What the page says after an action sent the browser back to it.
fn done_notice(l: Locale, query: &str, currency: Currency) -> Option<String> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    if let Some(minor) = get("refunded").and_then(|m| m.parse::<i64>().ok()) {
        return Some(ta(
            l,
            "payment-refund-done",
            &[("amount", &money(l, minor, currency))],
        ));
    }
    match get("done").as_deref() {
        Some("expired") => Some(t(l, "payment-expired")),
        Some("redelivered") => Some(t(l, "payment-redelivered")),
        _ => None,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RefundForm {
    csrf: String,
    amount: String,
    confirm: String,
    once: String,
}

/// The amount typed (empty: all that is left), in minor units, if it is
/// a number from one minor unit up to what is left.
fn refund_minor(typed: &str, s: &Session, left: i64) -> Option<i64> {
    if typed.trim().is_empty() {
        return (left > 0).then_some(left);
    }
    Money::from_typed(typed, s.currency)
        .map(|m| m.minor)
        .filter(|m| *m > 0 && *m <= left)
}

/// `POST /dashboard/payments/{id}/refund`: first the review (the amount
/// in words and a Confirm button), then, confirmed, the refund.
pub async fn refund(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
    Form(r): Form<RefundForm>,
) -> Response {
    let v = or_answer!(
        acting(
            &state,
            &parts,
            &r.csrf,
            Permission::Refund,
            Section::Payments
        )
        .await
    );
    let f = frame(&parts, &v, Section::Payments);
    let s = match load(&state, &v, &id).await {
        Ok(Some(s)) => s,
        Ok(None) => return super::not_found(&state, &parts, &f),
        Err(e) => return failure(&parts, e),
    };
    let l = f.lang;
    let (_, left) = paid_and_left(&s);
    let problem = |text: String| Extra {
        notice: None,
        problem: Some(text),
        review: None,
    };
    let Some(minor) = refund_minor(&r.amount, &s, left) else {
        let text = ta(
            l,
            "payment-refund-bad-amount",
            &[("amount", &money(l, left, s.currency))],
        );
        return payment_page(&state, &parts, &v, &s, problem(text)).await;
    };
    if !v
        .membership
        .role
        .may_refund(minor, v.membership.refund_limit)
    {
        let limit = money(l, v.membership.refund_limit.unwrap_or(0), s.currency);
        let text = ta(l, "payment-refund-over-limit", &[("amount", &limit)]);
        return payment_page(&state, &parts, &v, &s, problem(text)).await;
    }
    if r.confirm != "yes" || r.once.len() < 16 {
        let review = RefundReview {
            typed: r.amount.clone(),
            shown: money(l, minor, s.currency),
            once: crate::db::random_base62(24),
        };
        let extra = Extra {
            notice: None,
            problem: None,
            review: Some(review),
        };
        return payment_page(&state, &parts, &v, &s, extra).await;
    }
    once(&state, &parts, &v, s, minor, &r.once).await
}

/// Runs a confirmed refund once per confirmation: a repeated post of the
/// same form (a double click, a reload) goes back to the payment's page.
async fn once(
    state: &AppState,
    parts: &Parts,
    v: &Viewer,
    s: Session,
    minor: i64,
    token: &str,
) -> Response {
    use crate::store::idempotency::{self, Claim, KeyRef};
    let key = format!("dashboard:refund:{token}");
    let merchant = s.merchant_id.clone();
    let k = KeyRef {
        merchant_id: &merchant,
        livemode: s.livemode,
        key: &key,
    };
    let master = &state.config.master_key;
    let hash = format!("{}:{minor}", s.id);
    let now = crate::db::now_ms();
    match idempotency::claim(&state.db, master, &k, &hash, now).await {
        Ok(Claim::Fresh) => {}
        Ok(_) => return Redirect::to(&format!("/dashboard/payments/{}", s.id)).into_response(),
        Err(e) => return failure(parts, e),
    }
    let res = make_refund(state, parts, v, s, minor).await;
    let refunded = res.status().is_redirection();
    let recorded = async {
        if refunded {
            let mut tx = state.db.begin().await?;
            idempotency::complete(&mut tx, master, &k, 303, "").await?;
            tx.commit().await
        } else {
            idempotency::release(&state.db, &k).await
        }
    };
    if let Err(e) = recorded.await {
        tracing::warn!(error = %e, "could not record the dashboard refund's confirmation");
    }
    res
}

async fn make_refund(
    state: &AppState,
    parts: &Parts,
    v: &Viewer,
    s: Session,
    minor: i64,
) -> Response {
    let l = super::lang(parts);
    let draft = RefundDraft {
        charge: Some(s.charge_reference.clone()),
        amount: Some(minor),
        reason: Some("requested_by_customer".into()),
        metadata: None,
    };
    let made = match crate::refunds::create(&state.core, &v.owner(), draft, &NoJournal).await {
        Ok(change) => change.commit().await.map_err(Error::from),
        Err(e) => Err(e),
    };
    let shown = money(l, minor, s.currency);
    let extra = match made {
        Ok(view) => {
            let subject = format!("{} {} on {}", view.refund.id, shown, s.id);
            let _ = accounts::audit(
                &state.core,
                &s.merchant_id,
                &v.user,
                &client(parts),
                "refund.created",
                Some(subject),
            )
            .await;
            let to = format!("/dashboard/payments/{}?refunded={minor}", s.id);
            return Redirect::to(&to).into_response();
        }
        Err(Error::Invalid(e)) => Extra {
            notice: None,
            problem: Some(super::problem::field(l, &e)),
            review: None,
        },
        Err(Error::Conflict(c)) => Extra {
            notice: None,
            problem: Some(super::problem::conflict(l, &c)),
            review: None,
        },
        Err(e) => return failure(parts, e),
    };
    match load(state, v, &s.id).await {
        Ok(Some(now)) => payment_page(state, parts, v, &now, extra).await,
        _ => failure(parts, "the session vanished"),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Act {
    csrf: String,
    payment: String,
}

/// The payment's page again, saying why an action was refused.
async fn refused(
    state: &AppState,
    parts: &Parts,
    v: &Viewer,
    id: &str,
    why: &Conflict,
) -> Response {
    let f = frame(parts, v, Section::Payments);
    match load(state, v, id).await {
        Ok(Some(s)) => {
            let text = super::problem::conflict(f.lang, why);
            let extra = Extra {
                notice: None,
                problem: Some(text),
                review: None,
            };
            payment_page(state, parts, v, &s, extra).await
        }
        _ => super::not_found(state, parts, &f),
    }
}

/// `POST /dashboard/payments/{id}/expire`.
pub async fn expire(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
    Form(a): Form<Act>,
) -> Response {
    let v = or_answer!(
        acting(
            &state,
            &parts,
            &a.csrf,
            Permission::OperatePayments,
            Section::Payments
        )
        .await
    );
    let f = frame(&parts, &v, Section::Payments);
    let done = match crate::sessions::expire(&state.core, &v.owner(), &id).await {
        Ok(change) => change.commit().await.map(|_| ()).map_err(Error::from),
        Err(e) => Err(e),
    };
    match done {
        Ok(()) => Redirect::to(&format!("/dashboard/payments/{id}?done=expired")).into_response(),
        Err(Error::NotFound(..)) => super::not_found(&state, &parts, &f),
        Err(Error::Conflict(c)) => refused(&state, &parts, &v, &id, &c).await,
        Err(e) => failure(&parts, e),
    }
}

/// `POST /dashboard/events/{id}/redeliver`: sends the event again now.
pub async fn redeliver(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
    Form(a): Form<Act>,
) -> Response {
    let v = or_answer!(
        acting(
            &state,
            &parts,
            &a.csrf,
            Permission::OperatePayments,
            Section::Payments
        )
        .await
    );
    let f = frame(&parts, &v, Section::Payments);
    let back = format!("/dashboard/payments/{}", a.payment);
    match crate::events::redeliver(&state.core, &v.owner(), &id).await {
        Ok(_) => Redirect::to(&format!("{back}?done=redelivered")).into_response(),
        Err(Error::NotFound(..)) => super::not_found(&state, &parts, &f),
        Err(Error::Conflict(c)) => refused(&state, &parts, &v, &a.payment, &c).await,
        Err(e) => failure(&parts, e),
    }
}
