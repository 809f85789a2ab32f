//! Charges: create, confirm (push to the buyer's phone), cancel, find,
//! list. A charge is a checkout session of kind `charge`, so its payments
//! go through the same attempts, connectors, sweeper, refunds and ledger as
//! a checkout's; only its request and its object differ.

use crate::Core;
use crate::change::{Change, Journal};
use crate::db::now_ms;
use crate::error::{Conflict, Error, Resource, Result, no_cursor};
use crate::objects::ChargeObject;
use crate::sessions::{ProductChoice, SessionRequest};
use crate::store::Owner;
use crate::store::attempts::{self, Attempt};
use crate::store::query::{Cursor, Page, Slice};
use crate::store::refunds;
use crate::store::sessions::{self, ChargeUpdate, ListQuery, Session};
use app::domain::charge::{
    CancellationReason, ChargeExtras, ChargeFields, ChargeStatus, SessionKind, Shipping, Wallet,
    check_min_amount, parse_wallet,
};
use app::domain::checkout::{CheckoutDraft, check_url, validate_metadata};
use app::domain::{Currency, Event, Field, FieldError, MethodKind};
use app::service::{PayProblem, PayRequest};
use serde_json::Value;
use std::collections::BTreeMap;

/// A charge and what its object shows beside the session.
pub struct ChargeView {
    pub session: Session,
    pub attempt: Option<Attempt>,
    pub refund_reference: Option<String>,
}

impl ChargeView {
    pub fn object(&self, core: &Core) -> ChargeObject {
        ChargeObject::new(
            &self.session,
            self.attempt.as_ref(),
            self.refund_reference.clone(),
            &core.config,
        )
    }
}

/// `POST /v1/charges`, as the API received it.
#[derive(Default)]
pub struct ChargeRequest {
    pub product: ProductChoice,
    pub amount: Option<i64>,
    pub currency: Option<String>,
    pub source: Option<String>,
    pub description: Option<String>,
    pub payment_method: Option<Value>,
    pub metadata: Option<BTreeMap<String, Value>>,
    pub confirm: bool,
    pub receipt_email: Option<String>,
    pub statement_descriptor: Option<String>,
    pub shipping: Option<Shipping>,
    pub return_url: Option<String>,
}

/// `POST /v1/charges/{id}/confirm`, as the API received it.
#[derive(Default)]
pub struct ConfirmRequest {
    pub payment_method: Option<Value>,
    pub description: Option<String>,
    pub metadata: Option<BTreeMap<String, Value>>,
    pub receipt_email: Option<String>,
    pub statement_descriptor: Option<String>,
    pub shipping: Option<Shipping>,
    pub return_url: Option<String>,
}

/// The charge's own fields, then a session for it as a checkout would have
/// (the product's methods, metadata, expiry): nothing written.
async fn prepare(core: &Core, owner: &Owner, req: ChargeRequest) -> Result<(Session, bool)> {
    let amount = req.amount.ok_or(FieldError::missing(Field::Amount))?;
    check_min_amount(amount, Field::Amount)?;
    let code = req.currency.ok_or(FieldError::missing(Field::Currency))?;
    let currency = Currency::of_field(&code, Field::Currency)?;
    if req.source.is_none() {
        return Err(FieldError::missing(Field::Source).into());
    }
    let fields = ChargeFields::validate(
        req.description,
        req.receipt_email,
        req.statement_descriptor,
        req.shipping,
    )?;
    let wallet = req
        .payment_method
        .as_ref()
        .map(|v| parse_wallet(v, "payment_method", currency))
        .transpose()?;
    if req.confirm && wallet.is_none() {
        return Err(FieldError::new(
            "parameter_missing",
            Field::Named("payment_method".into()),
            "is required when `confirm` is true",
        )
        .into());
    }
    let return_url = req
        .return_url
        .map(|u| check_url(u, return_url_field(), owner.livemode))
        .transpose()?;
    let draft = CheckoutDraft {
        currency: Some(code),
        amount: Some(amount),
        description: fields.description,
        customer_email: fields.receipt_email,
        source: req.source,
        metadata: req.metadata,
        ..CheckoutDraft::default()
    };
    let request = SessionRequest {
        product: req.product,
        draft,
        echo: serde_json::json!({}),
    };
    let mut session = crate::sessions::prepare(core, owner, request).await?;
    session
        .payment_method_types
        .retain(|m| m.kind() == MethodKind::MobileMoney);
    if session.payment_method_types.is_empty() {
        return Err(FieldError::new(
            "payment_method_unavailable",
            Field::Currency,
            format!(
                "is taken by no mobile money method of yours in this mode: {}",
                currency.code()
            ),
        )
        .into());
    }
    if let Some(w) = &wallet {
        offered(&session, w)?;
    }
    session.kind = SessionKind::Charge;
    session.success_url = return_url;
    session.charge = ChargeExtras {
        statement_descriptor: fields.statement_descriptor,
        shipping: fields.shipping,
        wallet,
    };
    Ok((session, req.confirm))
}

fn return_url_field() -> Field {
    Field::Named("return_url".into())
}

/// The wallet's method must be one this charge may use.
fn offered(session: &Session, w: &Wallet) -> Result<()> {
    if session.payment_method_types.contains(&w.provider) {
        return Ok(());
    }
    Err(FieldError::new(
        "payment_method_unavailable",
        Field::Named(format!(
            "payment_method.mobile_money.{}",
            w.provider.as_str()
        )),
        "is not enabled on your product (or has no account) for this currency and mode",
    )
    .into())
}

/// Creates a charge; with `confirm`, sends the push at once. The charge is
/// committed (with the answer `journal` keeps for retries) before the
/// provider is asked, so a retry never pushes twice.
pub async fn create(
    core: &Core,
    owner: &Owner,
    req: ChargeRequest,
    journal: &dyn Journal<ChargeView>,
) -> Result<Change<ChargeView>> {
    let (session, confirm) = prepare(core, owner, req).await?;
    let mut tx = core.db.begin().await?;
    if let Err(e) = sessions::insert(&mut tx, &session).await {
        tx.rollback().await?;
        return Err(e.into());
    }
    tracing::info!(charge = %session.charge_reference, amount = session.amount_total,
        currency = %session.currency, "charge created");
    let view = ChargeView {
        session,
        attempt: None,
        refund_reference: None,
    };
    let Some(wallet) = view.session.charge.wallet.clone().filter(|_| confirm) else {
        return Ok(Change::new(tx, view));
    };
    journal.record(&mut tx, &view).await?;
    tx.commit().await?;
    push(core, &view.session, &wallet).await?;
    settled(core, &view.session.id).await
}

/// Sends the push for a charge through the checkout's payment machinery.
async fn push(core: &Core, session: &Session, wallet: &Wallet) -> Result<()> {
    let req = PayRequest {
        method: wallet.provider,
        phone: Some(wallet.phone.clone()),
        card: None,
        amount: None,
        client: None,
    };
    match core.checkouts.start_payment(&session.id, &req).await {
        Err(Error::Refused(p)) => Err(refusal(p, wallet)),
        other => other,
    }
}

/// A payment the machinery refused, in the API's terms.
fn refusal(p: PayProblem, wallet: &Wallet) -> Error {
    let phone = || {
        Field::Named(format!(
            "payment_method.mobile_money.{}.phone",
            wallet.provider.as_str()
        ))
    };
    match p {
        PayProblem::Phone(e) => FieldError::new(e.code(), phone(), "is not allowed").into(),
        PayProblem::MethodUnavailable => FieldError::new(
            "payment_method_unavailable",
            Field::Named("payment_method".into()),
            "cannot be used for this charge now",
        )
        .into(),
        PayProblem::SessionClosed | PayProblem::NotFound => {
            Error::Conflict(Conflict::ChargeNotConfirmable)
        }
        other => Error::Refused(other),
    }
}

/// The charge as it stands after settling what can be settled, in a
/// change with nothing in it (for the API's idempotent answer).
async fn settled(core: &Core, session_id: &str) -> Result<Change<ChargeView>> {
    let view = load(core, session_id).await?;
    Ok(Change::new(core.db.begin().await?, view))
}

async fn load(core: &Core, session_id: &str) -> Result<ChargeView> {
    let loaded = core
        .checkouts
        .refresh(session_id)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::Charge, session_id.to_owned()))?;
    let refund_reference = refunds::latest_reference(&core.db.pool, session_id).await?;
    Ok(ChargeView {
        session: loaded.session,
        attempt: loaded.attempt,
        refund_reference,
    })
}

/// The owner's charge `ch_...` (a checkout's too), settled first.
pub async fn find(core: &Core, owner: &Owner, id: &str) -> Result<ChargeView> {
    let session = sessions::TABLE
        .find_owned_by(&core.db.pool, owner, "charge_reference", id)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::Charge, id.to_owned()))?;
    load(core, &session.id).await
}

/// A charge made with `POST /v1/charges` (a checkout's charge is confirmed
/// and cancelled on its page and through its session).
async fn own_charge(core: &Core, owner: &Owner, id: &str) -> Result<ChargeView> {
    let view = find(core, owner, id).await?;
    if view.session.kind != SessionKind::Charge {
        return Err(Error::Conflict(Conflict::ChargeOfCheckout(view.session.id)));
    }
    Ok(view)
}

fn status(view: &ChargeView) -> ChargeStatus {
    ChargeStatus::of(view.session.state, view.attempt.as_ref().map(|a| a.status))
}

/// Sends (again) the push for a charge waiting for a payment method or
/// whose last push failed, with the fields the request changes.
pub async fn confirm(
    core: &Core,
    owner: &Owner,
    id: &str,
    req: ConfirmRequest,
) -> Result<Change<ChargeView>> {
    let view = own_charge(core, owner, id).await?;
    if !status(&view).confirmable() {
        return Err(Error::Conflict(Conflict::ChargeNotConfirmable));
    }
    let s = &view.session;
    let wallet = match &req.payment_method {
        Some(v) => parse_wallet(v, "payment_method", s.currency)?,
        None => s
            .charge
            .wallet
            .clone()
            .ok_or(FieldError::missing(Field::Named("payment_method".into())))?,
    };
    offered(s, &wallet)?;
    let fields = ChargeFields::validate(
        req.description,
        req.receipt_email,
        req.statement_descriptor,
        req.shipping,
    )?;
    let metadata = req.metadata.map(validate_metadata).transpose()?;
    let return_url = req
        .return_url
        .map(|u| check_url(u, return_url_field(), owner.livemode))
        .transpose()?;
    let extras = ChargeExtras {
        statement_descriptor: fields
            .statement_descriptor
            .or(s.charge.statement_descriptor.clone()),
        shipping: fields.shipping.or(s.charge.shipping.clone()),
        wallet: Some(wallet.clone()),
    };
    let update = ChargeUpdate {
        description: fields.description.as_deref(),
        metadata: metadata.as_ref(),
        receipt_email: fields.receipt_email.as_deref(),
        return_url: return_url.as_deref(),
        extras: &extras,
    };
    let mut tx = core.db.begin().await?;
    sessions::update_charge(&mut tx, &s.id, update).await?;
    tx.commit().await?;
    push(core, s, &wallet).await?;
    settled(core, &s.id).await
}

/// Cancels a charge whose push nobody has answered yet: the push is
/// withdrawn at the provider first. A charge the buyer paid meanwhile
/// stays paid (409).
pub async fn cancel(
    core: &Core,
    owner: &Owner,
    id: &str,
    reason: Option<CancellationReason>,
) -> Result<Change<ChargeView>> {
    let view = own_charge(core, owner, id).await?;
    let s = &view.session;
    let mut current = status(&view);
    if let (ChargeStatus::Pending | ChargeStatus::RequiresAuthorization, Some(a)) =
        (current, &view.attempt)
    {
        core.checkouts.withdraw(s, a).await?;
        current = status(&load(core, &s.id).await?);
    }
    if !matches!(
        current,
        ChargeStatus::RequiresPaymentMethod | ChargeStatus::Failed
    ) {
        return Err(Error::Conflict(Conflict::ChargeNotCancellable(
            current.as_str(),
        )));
    }
    let fresh = sessions::TABLE
        .find(&core.db.pool, &s.id)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::Charge, id.to_owned()))?;
    let next = fresh
        .state
        .apply(Event::ExpiredByMerchant)
        .map_err(|_| Error::Conflict(Conflict::ChargeNotCancellable(current.as_str())))?;
    let now = now_ms();
    let mut tx = core.db.begin().await?;
    if !sessions::transition(&mut tx, &s.id, fresh.state, next, None, now).await? {
        tx.rollback().await?;
        return Err(Error::Conflict(Conflict::SessionChanged));
    }
    sessions::set_cancelled(&mut tx, &s.id, reason, now).await?;
    let session = core.checkouts.emit_expired(&mut tx, &s.id).await?;
    tracing::info!(charge = %id, reason = reason.map(|r| r.as_str()), "charge cancelled");
    let attempt = attempts::latest(&mut *tx, &s.id).await?;
    let view = ChargeView {
        session,
        attempt,
        refund_reference: view.refund_reference,
    };
    Ok(Change::new(tx, view))
}

/// Filters of `GET /v1/charges`.
pub struct ChargeFilter {
    pub status: Option<ChargeStatus>,
    pub currency: Option<Currency>,
    pub created_from: Option<i64>,
    pub created_before: Option<i64>,
}

impl ChargeFilter {
    /// As session columns. `pending` and `requires_authorization` both
    /// select the charges with a payment under way.
    fn query(&self) -> ListQuery {
        use app::domain::{PaymentStatus as P, Status as S};
        let (status, payment_status) = match self.status {
            None => (None, None),
            Some(ChargeStatus::RequiresPaymentMethod) => {
                (Some(S::Open), Some(P::RequiresPaymentMethod))
            }
            Some(ChargeStatus::Pending | ChargeStatus::RequiresAuthorization) => {
                (Some(S::Open), Some(P::Pending))
            }
            Some(ChargeStatus::Failed) => (Some(S::Open), Some(P::Failed)),
            Some(ChargeStatus::Succeeded) => (Some(S::Complete), None),
            Some(ChargeStatus::Cancelled) => (Some(S::Expired), None),
        };
        ListQuery {
            kind: None,
            status,
            payment_status,
            currency: self.currency,
            created_from: self.created_from,
            created_before: self.created_before,
        }
    }
}

/// Where the owner's charge `id` stands in the list, to page from it.
pub async fn cursor(core: &Core, owner: &Owner, param: &str, id: &str) -> Result<Cursor> {
    let s = sessions::TABLE
        .find_owned_by(&core.db.pool, owner, "charge_reference", id)
        .await?
        .ok_or_else(|| no_cursor(param, Some(id), "charge"))?;
    Ok(Cursor {
        seq: s.created_seq,
        id: s.id,
    })
}

/// The owner's charges (checkouts' too), newest first, as stored.
pub async fn list(
    core: &Core,
    owner: &Owner,
    filter: &ChargeFilter,
    page: &Page,
    limit: i64,
) -> Result<Slice<ChargeView>> {
    let pool = &core.db.pool;
    let slice = sessions::list(pool, owner, &filter.query(), page, limit).await?;
    let mut items = Vec::with_capacity(slice.items.len());
    for session in slice.items {
        let attempt = attempts::latest(pool, &session.id).await?;
        let refund_reference = refunds::latest_reference(pool, &session.id).await?;
        items.push(ChargeView {
            session,
            attempt,
            refund_reference,
        });
    }
    Ok(Slice {
        items,
        has_older: slice.has_older,
        has_newer: slice.has_newer,
    })
}
