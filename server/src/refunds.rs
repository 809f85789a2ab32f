//! Refunds and (simulated) chargebacks of paid checkouts.
//!
//! A refund reserves its amount on the session first (a conditional update:
//! concurrent refunds can never add up to more than was paid) and is
//! recorded as pending with the caller's answer, then asks the payment's
//! provider (the refund id is its idempotency key), then records the answer
//! with its event. A refund whose answer never got recorded is settled by
//! [`sweep`].

use crate::Core;
use crate::change::{Change, Journal};
use crate::connector::{ConnectorError, RefundAnswer};
use crate::db::{Tx, monotonic_us, new_id, now_ms};
use crate::error::{Conflict, Error, Forbidden, Resource, Result, no_cursor, taken};
use crate::objects::{ChargebackObject, PaymentObject, RefundObject};
use crate::store::Owner;
use crate::store::attempts::{self, Attempt};
use crate::store::chargebacks::{self, Chargeback};
use crate::store::query::Slice;
use crate::store::refunds::{self, Refund};
use crate::store::sessions::{self, Session};
use crate::webhooks;
use app::domain::charge::SessionKind;
use app::domain::checkout::check_len;
use app::domain::ledger::BalanceTxKind;
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

/// Refunds a paid charge, in full or in part. The refund is recorded as
/// pending, with the answer `journal` keeps for retries, before the
/// provider is asked: whatever fails after that, a retry gets this refund
/// back and the provider is never asked twice for it.
pub async fn create(
    core: &Core,
    owner: &Owner,
    draft: RefundDraft,
    journal: &dyn Journal<RefundView>,
) -> Result<Change<RefundView>> {
    let asked = draft.validate()?;
    let (session, attempt) = paid_charge(core, owner, &asked.charge).await?;
    // What was paid: the session's total received (several payments when
    // paid in parts), or this payment for sessions from before that.
    let paid = session.compat.amount_paid.max(attempt.amount);
    let amount = refund_amount(asked.amount, paid, session.amount_refunded)?;
    let planned = Planned {
        session: &session,
        attempt: &attempt,
        asked,
        amount,
        paid,
    };
    let refund = reserve(core, owner, planned, journal).await?;
    let answer = core
        .checkouts
        .refund_at_provider(&attempt, &refund.id, amount)
        .await;
    conclude(core, refund, attempt, answer).await
}

/// Records the provider's answer if the refund is still pending: succeeded
/// (with its event), or refused (the amount may be refunded again). No
/// answer (a timeout, an error) leaves it pending: the sweeper asks again
/// with the same refund id.
async fn conclude(
    core: &Core,
    mut refund: Refund,
    attempt: Attempt,
    answer: std::result::Result<RefundAnswer, ConnectorError>,
) -> Result<Change<RefundView>> {
    let mut tx = core.db.begin().await?;
    match answer {
        Ok(RefundAnswer::Succeeded { reference }) => {
            refund.status = RefundStatus::Succeeded;
            refund.connector_reference = Some(reference);
        }
        Ok(RefundAnswer::Refused { code, reason }) => {
            tracing::warn!(refund = %refund.id, %code, %reason, "provider refused the refund");
            refund.status = RefundStatus::Failed;
            refund.failure_code = Some("provider_error".into());
            refund.failure_reason = Some("the payment provider did not accept the refund".into());
        }
        Ok(RefundAnswer::Pending) => {}
        Err(e) => {
            tracing::warn!(refund = %refund.id, error = %e, "refund outcome unknown; the sweeper asks again")
        }
    }
    if refund.status == RefundStatus::Pending
        || !refunds::settle(&mut tx, &refund, now_ms()).await?
    {
        // Still waiting, or settled meanwhile by someone else: as it stands.
        let stored = refunds::TABLE.find(&mut *tx, &refund.id).await?;
        let view = RefundView {
            refund: stored.unwrap_or(refund),
            attempt: Some(attempt),
        };
        return Ok(Change::new(tx, view));
    }
    announce(&mut tx, &refund, &attempt, &core.config).await?;
    tracing::info!(refund = %refund.id, amount = refund.amount, status = refund.status.as_str(), "refund");
    let view = RefundView {
        refund,
        attempt: Some(attempt),
    };
    Ok(Change::new(tx, view))
}

/// A refund's movement on the balance.
fn movement(refund: &Refund, kind: BalanceTxKind) -> crate::ledger::Movement<'_> {
    crate::ledger::Movement {
        kind,
        currency: refund.currency,
        amount: refund.amount,
        source: &refund.id,
        description: refund.reason.clone(),
    }
}

/// A refund just settled: frees a refused amount, or tells the merchant.
async fn announce(
    tx: &mut Tx<'_>,
    refund: &Refund,
    attempt: &Attempt,
    config: &crate::config::Config,
) -> Result<()> {
    if refund.status != RefundStatus::Succeeded {
        sessions::release_refund(tx, &refund.session_id, refund.amount).await?;
        let owner = Owner::new(&refund.merchant_id, refund.livemode);
        crate::ledger::post(tx, &owner, movement(refund, BalanceTxKind::RefundFailure)).await?;
        return Ok(());
    }
    let paid = sessions::TABLE
        .find(&mut **tx, &refund.session_id)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::CheckoutSession, refund.session_id.clone()))?;
    if paid.kind == SessionKind::Charge {
        webhooks::emit_charge(tx, &paid, EventType::ChargeRefunded, config).await?;
        return Ok(());
    }
    let data =
        PaymentObject::new(&paid, attempt).with_refund(RefundObject::new(refund, Some(attempt)));
    webhooks::emit_payment(tx, &paid, EventType::PaymentRefunded, data).await?;
    Ok(())
}

/// How long a refund may stay pending before the sweeper asks its provider
/// again.
const STALE_AFTER_MS: i64 = 30_000;

/// Settles refunds whose answer never got recorded (the server stopped, the
/// database failed, the provider timed out): asks the provider again with
/// the same refund id. Returns how many it settled.
pub async fn sweep(core: &Core) -> Result<usize> {
    settle_pending(core, now_ms() - STALE_AFTER_MS).await
}

/// Asks the providers about every pending refund now: a provider said one
/// of them changed (Stripe's `charge.refunded`).
pub async fn settle_now(core: &Core) -> Result<usize> {
    settle_pending(core, now_ms() + 1).await
}

/// Asks again about the refunds pending since before `before`.
async fn settle_pending(core: &Core, before: i64) -> Result<usize> {
    let mut settled = 0;
    for refund in refunds::stale(&core.db.pool, before, 50).await? {
        let Some(attempt) = attempts::TABLE
            .find(&core.db.pool, &refund.attempt_id)
            .await?
        else {
            continue;
        };
        let answer = core
            .checkouts
            .refund_at_provider(&attempt, &refund.id, refund.amount)
            .await;
        let view = conclude(core, refund, attempt, answer)
            .await?
            .commit()
            .await?;
        if view.refund.status != RefundStatus::Pending {
            settled += 1;
        } else {
            refunds::touch(core.db.writer(), &view.refund.id, now_ms()).await?;
        }
    }
    Ok(settled)
}

/// What a refund will be, before it is reserved.
struct Planned<'a> {
    session: &'a Session,
    attempt: &'a Attempt,
    asked: NewRefund,
    amount: i64,
    paid: i64,
}

/// Takes the refund's amount from what is left to refund and records the
/// refund as pending, with the journal's answer, committed before the
/// provider is asked.
async fn reserve(
    core: &Core,
    owner: &Owner,
    p: Planned<'_>,
    journal: &dyn Journal<RefundView>,
) -> Result<Refund> {
    let now = now_ms();
    let refund = Refund {
        id: new_id("re", 24),
        merchant_id: owner.merchant_id.clone(),
        livemode: owner.livemode,
        session_id: p.session.id.clone(),
        attempt_id: p.attempt.id.clone(),
        charge: p.session.charge_reference.clone(),
        amount: p.amount,
        currency: p.attempt.currency,
        reason: p.asked.reason,
        metadata: p.asked.metadata,
        status: RefundStatus::Pending,
        failure_code: None,
        failure_reason: None,
        connector_reference: None,
        created_at: now,
        created_seq: monotonic_us(),
    };
    let mut tx = core.db.begin().await?;
    if !sessions::reserve_refund(&mut tx, &p.session.id, p.amount).await? {
        tx.rollback().await?;
        // Someone else refunded meanwhile: say how much is left, if that is why.
        let fresh = sessions::TABLE.find(&core.db.pool, &p.session.id).await?;
        let refunded = fresh.map_or(p.session.amount_refunded, |s| s.amount_refunded);
        refund_amount(Some(p.amount), p.paid, refunded)?;
        return Err(Error::Conflict(Conflict::RefundRace));
    }
    refunds::insert(&mut tx, &refund).await?;
    // The refund leaves the balance as it is asked for; a failure gives it back.
    crate::ledger::post(&mut tx, owner, movement(&refund, BalanceTxKind::Refund)).await?;
    let view = RefundView {
        refund,
        attempt: Some(p.attempt.clone()),
    };
    journal.record(&mut tx, &view).await?;
    tx.commit().await?;
    Ok(view.refund)
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
    let debit = crate::ledger::Movement {
        kind: BalanceTxKind::Chargeback,
        currency: attempt.currency,
        amount,
        source: &chargeback.id,
        description: Some(chargeback.reason.clone()),
    };
    crate::ledger::post(&mut tx, owner, debit).await?;
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
