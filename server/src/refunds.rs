//! Refunds and (simulated) chargebacks of paid checkouts.
//!
//! A refund reserves its amount on the session first (a conditional update:
//! concurrent refunds can never add up to more than was paid), then asks the
//! payment's provider, then records the answer with its event.

use crate::Core;
use crate::change::Change;
use crate::db::{monotonic_us, new_id, now_ms};
use crate::error::{Conflict, Error, Forbidden, Resource, Result, no_cursor, taken};
use crate::objects::{ChargebackObject, PaymentObject, RefundObject};
use crate::store::Owner;
use crate::store::attempts::{self, Attempt};
use crate::store::chargebacks::{self, Chargeback};
use crate::store::query::Slice;
use crate::store::refunds::{self, Refund};
use crate::store::sessions::{self, Session};
use crate::webhooks;
use app::domain::checkout::check_len;
use app::domain::refund::{NewRefund, RefundDraft, RefundStatus, refund_amount};
use app::domain::{EventType, Field, FieldError, PaymentStatus};

/// A refund and the payment it gives back.
pub struct RefundView {
    pub refund: Refund,
    pub attempt: Option<Attempt>,
}

impl RefundView {
    pub fn object(&self) -> RefundObject {
        RefundObject::new(&self.refund, self.attempt.as_ref())
    }
}

/// The paid session and payment a `charge` names: the session's charge
/// reference (`ch_...`) or the payment's id (`pay_...`).
async fn paid_charge(core: &Core, owner: &Owner, charge: &str) -> Result<(Session, Attempt)> {
    let missing = || {
        FieldError::new(
            "resource_missing",
            Field::Charge,
            format!("names `{charge}`, which is no charge of yours"),
        )
    };
    let pool = &core.db.pool;
    let session = if charge.starts_with("pay_") {
        let a = attempts::TABLE
            .find(pool, charge)
            .await?
            .ok_or_else(missing)?;
        sessions::TABLE
            .find_owned(pool, owner, &a.session_id)
            .await?
    } else {
        sessions::TABLE
            .find_owned_by(pool, owner, "charge_reference", charge)
            .await?
    }
    .ok_or_else(missing)?;
    match attempts::succeeded(pool, &session.id).await? {
        Some(a) if session.state.payment_status == PaymentStatus::Succeeded => Ok((session, a)),
        _ => Err(FieldError::new(
            "charge_not_paid",
            Field::Charge,
            format!("names `{charge}`, which has not been paid; only paid charges can be refunded"),
        )
        .into()),
    }
}

/// Refunds a paid charge, in full or in part.
pub async fn create(core: &Core, owner: &Owner, draft: RefundDraft) -> Result<Change<RefundView>> {
    let asked = draft.validate()?;
    let (session, attempt) = paid_charge(core, owner, &asked.charge).await?;
    // What was paid: the session's total received (several payments when
    // paid in parts), or this payment for sessions from before that.
    let paid = session.compat.amount_paid.max(attempt.amount);
    let amount = refund_amount(asked.amount, paid, session.amount_refunded)?;
    let mut refund = reserve(core, owner, &session, &attempt, asked, amount, paid).await?;
    let answer = core.checkouts.refund_at_provider(&attempt, amount).await;
    let mut tx = core.db.begin().await?;
    match answer {
        Ok(reference) => {
            refund.status = RefundStatus::Succeeded;
            refund.connector_reference = Some(reference);
        }
        Err(e) => {
            tracing::warn!(refund = %refund.id, error = %e.message, "provider refused the refund");
            refund.status = RefundStatus::Failed;
            refund.failure_code = Some("provider_error".into());
            refund.failure_reason = Some("the payment provider did not accept the refund".into());
            sessions::release_refund(&mut tx, &session.id, amount).await?;
        }
    }
    refunds::settle(&mut tx, &refund, now_ms()).await?;
    if refund.status == RefundStatus::Succeeded {
        let paid = sessions::TABLE
            .find(&mut *tx, &session.id)
            .await?
            .unwrap_or(session);
        let data = PaymentObject::new(&paid, &attempt)
            .with_refund(RefundObject::new(&refund, Some(&attempt)));
        webhooks::emit_payment(&mut tx, &paid, EventType::PaymentRefunded, data).await?;
    }
    tracing::info!(refund = %refund.id, amount, status = refund.status.as_str(), "refund");
    Ok(Change::new(
        tx,
        RefundView {
            refund,
            attempt: Some(attempt),
        },
    ))
}

/// Takes the refund's amount from what is left to refund and records the
/// refund as pending, committed before the provider is asked.
async fn reserve(
    core: &Core,
    owner: &Owner,
    session: &Session,
    attempt: &Attempt,
    asked: NewRefund,
    amount: i64,
    paid: i64,
) -> Result<Refund> {
    let now = now_ms();
    let refund = Refund {
        id: new_id("re", 24),
        merchant_id: owner.merchant_id.clone(),
        livemode: owner.livemode,
        session_id: session.id.clone(),
        attempt_id: attempt.id.clone(),
        charge: session.charge_reference.clone(),
        amount,
        currency: attempt.currency,
        reason: asked.reason,
        metadata: asked.metadata,
        status: RefundStatus::Pending,
        failure_code: None,
        failure_reason: None,
        connector_reference: None,
        created_at: now,
        created_seq: monotonic_us(),
    };
    let mut tx = core.db.begin().await?;
    if !sessions::reserve_refund(&mut tx, &session.id, amount).await? {
        tx.rollback().await?;
        // Someone else refunded meanwhile: say how much is left, if that is why.
        let fresh = sessions::TABLE.find(&core.db.pool, &session.id).await?;
        let refunded = fresh.map_or(session.amount_refunded, |s| s.amount_refunded);
        refund_amount(Some(amount), paid, refunded)?;
        return Err(Error::Conflict(Conflict::RefundRace));
    }
    refunds::insert(&mut tx, &refund).await?;
    tx.commit().await?;
    Ok(refund)
}

/// The owner's refund, with its payment.
pub async fn find(core: &Core, owner: &Owner, id: &str) -> Result<RefundView> {
    let refund = refunds::TABLE
        .find_owned(&core.db.pool, owner, id)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::Refund, id.to_owned()))?;
    view(core, refund).await
}

async fn view(core: &Core, refund: Refund) -> Result<RefundView> {
    let attempt = attempts::TABLE
        .find(&core.db.pool, &refund.attempt_id)
        .await?;
    Ok(RefundView { refund, attempt })
}

/// The owner's refunds, newest first; `after` a refund id continues to
/// older ones.
pub async fn list(
    core: &Core,
    owner: &Owner,
    session: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> Result<Slice<RefundView>> {
    let filters = refunds::of_session(session);
    let slice = refunds::TABLE
        .page_after(&core.db.pool, owner, &filters, after, limit)
        .await?
        .ok_or_else(|| no_cursor("after", after, "refund"))?;
    let mut items = Vec::with_capacity(slice.items.len());
    for r in slice.items {
        items.push(view(core, r).await?);
    }
    Ok(Slice {
        items,
        has_older: slice.has_older,
        has_newer: slice.has_newer,
    })
}

/// A chargeback of a payment and the payment, for its answer.
pub struct ChargebackView {
    pub chargeback: Chargeback,
    pub attempt: Attempt,
}

impl ChargebackView {
    pub fn object(&self) -> ChargebackObject {
        ChargebackObject::new(&self.chargeback, &self.attempt)
    }
}

/// Test mode: the buyer's bank takes a payment back.
pub async fn simulate_chargeback(
    core: &Core,
    owner: &Owner,
    session_id: &str,
    amount: Option<i64>,
    reason: Option<String>,
) -> Result<Change<ChargebackView>> {
    if owner.livemode {
        return Err(Error::Forbidden(Forbidden::LiveChargeback));
    }
    let session = sessions::TABLE
        .find_owned(&core.db.pool, owner, session_id)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::CheckoutSession, session_id.to_owned()))?;
    let (session, attempt) = paid_charge(core, owner, &session.charge_reference).await?;
    let amount = amount.unwrap_or(attempt.amount);
    if amount <= 0 || amount > attempt.amount {
        return Err(FieldError::invalid(
            Field::Amount,
            format!("must be from 1 to {}", attempt.amount),
        )
        .into());
    }
    let chargeback = Chargeback {
        id: new_id("cb", 24),
        session_id: session.id.clone(),
        attempt_id: attempt.id.clone(),
        amount,
        reason: check_len(
            reason.unwrap_or_else(|| "fraudulent".into()),
            Field::Reason,
            1,
            200,
        )?,
        created_at: now_ms(),
    };
    let mut tx = core.db.begin().await?;
    if let Err(e) = chargebacks::insert(&mut tx, &chargeback).await {
        tx.rollback().await?;
        return Err(taken(e, Conflict::ChargebackExists));
    }
    let data = PaymentObject::new(&session, &attempt)
        .with_chargeback(ChargebackObject::new(&chargeback, &attempt));
    webhooks::emit_payment(&mut tx, &session, EventType::PaymentChargeback, data).await?;
    tracing::info!(session = %session.id, chargeback = %chargeback.id, amount, "chargeback simulated");
    Ok(Change::new(
        tx,
        ChargebackView {
            chargeback,
            attempt,
        },
    ))
}
