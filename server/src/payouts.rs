//! Payouts: check a wallet, send money to it from the balance, learn how
//! it went. The amount is reserved on the ledger in the transaction that
//! records the payout (refused when the balance is short, never overdrawn
//! however many run at once) and given back if the payout fails.

use crate::Core;
use crate::change::{Change, Journal};
use crate::connector::{Connector, Lookup, PayoutAnswer};
use crate::db::{monotonic_us, new_id, now_ms};
use crate::error::{Error, Resource, Result, no_cursor};
use crate::ledger::Movement;
use crate::objects::{CheckedBy, EventData, PayoutObject, PayoutValidation};
use crate::store::Owner;
use crate::store::ledger as books;
use crate::store::payouts::{self, Payout};
use crate::store::products;
use crate::store::query::{Filter, Slice};
use crate::webhooks;
use app::domain::charge::{Wallet, parse_wallet};
use app::domain::ledger::BalanceTxKind;
use app::domain::payout::{NewPayout, PayoutDraft, PayoutStatus};
use app::domain::{Currency, EventType, Field, FieldError, MethodId};
use serde_json::Value;

/// A payout and the balance transaction that reserved it.
pub struct PayoutView {
    pub payout: Payout,
    pub balance_transaction: Option<String>,
}

impl PayoutView {
    pub fn object(&self) -> PayoutObject {
        PayoutObject::new(&self.payout, self.balance_transaction.clone())
    }
}

/// The wallet of a validate request: for its `currency` if given, else
/// for the first currency the provider serves whose rules the number fits.
fn wallet_of(destination: Option<&Value>, currency: Option<&str>) -> Result<(Wallet, Currency)> {
    if let Some(code) = currency {
        let c = Currency::of_field(code, Field::Currency)?;
        return Ok((app::domain::payout::destination(destination, c)?, c));
    }
    let v = destination.ok_or(FieldError::missing(Field::Named("destination".into())))?;
    // A number that fits no currency's rules: the most telling error (a
    // bad number rather than a currency the provider does not take).
    let mut best: Option<FieldError> = None;
    for c in Currency::all() {
        match parse_wallet(v, "destination", c) {
            Ok(w) => return Ok((w, c)),
            Err(e) => {
                let unavailable = |e: &FieldError| e.code == "payment_method_unavailable";
                if best
                    .as_ref()
                    .is_none_or(|b| unavailable(b) && !unavailable(&e))
                {
                    best = Some(e);
                }
            }
        }
    }
    Err(best
        .unwrap_or_else(|| {
            FieldError::invalid(Field::Named("destination".into()), "names no wallet")
        })
        .into())
}

/// `POST /v1/payouts/validate`: whether the wallet can receive money, by
/// the provider's account-holder lookup where it has one (the sandbox and
/// MTN MoMo do), otherwise by the number's rules only; `recipient.checked_by`
/// says which.
pub async fn validate(
    core: &Core,
    owner: &Owner,
    destination: Option<&Value>,
    currency: Option<&str>,
) -> Result<PayoutValidation> {
    let (wallet, currency) = wallet_of(destination, currency)?;
    let by_rules =
        |w: Wallet| PayoutValidation::valid(w.provider, w.phone, None, CheckedBy::PhoneRules);
    let route = core
        .checkouts
        .connectors
        .payout_route(owner, wallet.provider, currency)
        .await;
    let Ok(Some((connector, _))) = route else {
        return Ok(by_rules(wallet));
    };
    match connector.lookup(&wallet.phone).await {
        Ok(Lookup::Found { name }) => Ok(PayoutValidation::valid(
            wallet.provider,
            wallet.phone,
            name,
            CheckedBy::ProviderLookup,
        )),
        Ok(Lookup::NotFound) => Ok(PayoutValidation::invalid()),
        Ok(Lookup::Unsupported) => Ok(by_rules(wallet)),
        Err(e) => {
            tracing::warn!(error = %e, "account-holder lookup failed; checked by the number's rules");
            Ok(by_rules(wallet))
        }
    }
}

fn unavailable(provider: MethodId, reason: &str) -> Error {
    FieldError::new(
        "payout_method_unavailable",
        Field::Named(format!("destination.mobile_money.{}", provider.as_str())),
        reason,
    )
    .into()
}

/// The connector for a new payout, and its account.
async fn route(
    core: &Core,
    owner: &Owner,
    p: &NewPayout,
) -> Result<(Box<dyn Connector>, Option<String>)> {
    let provider = p.wallet.provider;
    let route = core
        .checkouts
        .connectors
        .payout_route(owner, provider, p.currency)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "payout account could not be opened");
            unavailable(
                provider,
                "has an account whose credentials could not be opened",
            )
        })?
        .ok_or_else(|| {
            unavailable(
                provider,
                "has no enabled live connector account in this currency",
            )
        })?;
    if !route.0.pays_out() {
        return Err(unavailable(
            provider,
            "has an account without payout credentials (Daraja `b2c`, MoMo `disbursement`)",
        ));
    }
    Ok(route)
}

/// The unguessable address a provider posts a payout's result to.
pub fn callback_url(core: &Core, p: &Payout) -> String {
    format!(
        "{}/hooks/payouts/{}/{}",
        core.config.public_url, p.id, p.callback_token
    )
}

/// Sends a payout. It is recorded pending, its amount reserved and the
/// journal's answer kept, before the provider is asked: a retry gets this
/// payout back and the provider is never asked twice for it.
pub async fn create(
    core: &Core,
    owner: &Owner,
    draft: PayoutDraft,
    journal: &dyn Journal<PayoutView>,
) -> Result<Change<PayoutView>> {
    let asked = draft.validate()?;
    let (connector, account) = route(core, owner, &asked).await?;
    let product = products::default_for(&core.db.pool, owner).await?;
    let id = new_id("po", 24);
    let now = now_ms();
    let payout = Payout {
        callback_token: core.config.master_key.tag("payout", &id),
        id,
        merchant_id: owner.merchant_id.clone(),
        livemode: owner.livemode,
        amount: asked.amount,
        currency: asked.currency,
        provider: asked.wallet.provider,
        phone: asked.wallet.phone,
        status: PayoutStatus::Pending,
        description: asked.description,
        metadata: asked.metadata,
        failure_code: None,
        failure_message: None,
        product_id: product.map(|p| p.id),
        connector: connector.name().to_owned(),
        connector_account: account,
        connector_reference: None,
        created_at: now,
        created_seq: monotonic_us(),
        updated_at: now,
        arrived_at: None,
    };
    let view = reserve(core, owner, payout, journal).await?;
    let answer = connector
        .payout(&view.payout, &callback_url(core, &view.payout))
        .await;
    conclude(core, view.payout, answer).await
}

/// Records the payout and takes its amount from the balance, committed.
async fn reserve(
    core: &Core,
    owner: &Owner,
    payout: Payout,
    journal: &dyn Journal<PayoutView>,
) -> Result<PayoutView> {
    let mut tx = core.db.begin().await?;
    payouts::insert(&mut tx, &payout).await?;
    let Some(txn) =
        crate::ledger::post(&mut tx, owner, movement(&payout, BalanceTxKind::Payout)).await?
    else {
        tx.rollback().await?;
        let have = books::available(&core.db.pool, owner)
            .await?
            .into_iter()
            .find(|(c, _)| *c == payout.currency)
            .map_or(0, |(_, n)| n);
        return Err(FieldError::new(
            "balance_insufficient",
            Field::Amount,
            format!(
                "is more than your available {} balance ({have} minor units)",
                payout.currency.code()
            ),
        )
        .into());
    };
    let view = PayoutView {
        payout,
        balance_transaction: Some(txn.id),
    };
    journal.record(&mut tx, &view).await?;
    tx.commit().await?;
    tracing::info!(payout = %view.payout.id, amount = view.payout.amount,
        currency = %view.payout.currency, provider = %view.payout.provider, "payout reserved");
    Ok(view)
}

fn movement(p: &Payout, kind: BalanceTxKind) -> Movement<'_> {
    Movement {
        kind,
        currency: p.currency,
        amount: p.amount,
        source: &p.id,
        description: p.description.clone(),
    }
}

/// Records the provider's answer if the payout is still pending: paid, or
/// failed (its reservation given back). No answer leaves it pending for
/// the sweeper (or the provider's callback).
async fn conclude(
    core: &Core,
    mut p: Payout,
    answer: std::result::Result<PayoutAnswer, crate::connector::ConnectorError>,
) -> Result<Change<PayoutView>> {
    let mut tx = core.db.begin().await?;
    match answer {
        Ok(PayoutAnswer::Paid { reference }) => {
            if let Some(r) = reference {
                payouts::set_reference(&mut *tx, &p.id, &r).await?;
                p.connector_reference = Some(r);
            }
            p.status = PayoutStatus::Paid;
            p.arrived_at = Some(now_ms());
        }
        Ok(PayoutAnswer::Failed { code, message }) => {
            tracing::warn!(payout = %p.id, %code, %message, "payout failed");
            p.status = PayoutStatus::Failed;
            p.failure_code = Some(code);
            p.failure_message = Some(message);
        }
        Ok(PayoutAnswer::Pending { reference }) => {
            if let Some(r) = reference {
                payouts::set_reference(&mut *tx, &p.id, &r).await?;
                p.connector_reference = Some(r);
            }
        }
        Err(e) => {
            tracing::warn!(payout = %p.id, error = %e, "payout outcome unknown; asked again later")
        }
    }
    if p.status != PayoutStatus::Pending && payouts::settle(&mut tx, &p, now_ms()).await? {
        announce(&mut tx, &p).await?;
    }
    let view = load(&mut tx, &p.id).await?;
    Ok(Change::new(tx, view))
}

/// A payout just settled: its event, and a failed one's money back.
async fn announce(tx: &mut crate::db::Tx<'_>, p: &Payout) -> Result<()> {
    let kind = if p.status == PayoutStatus::Paid {
        EventType::PayoutPaid
    } else {
        let owner = Owner::new(&p.merchant_id, p.livemode);
        crate::ledger::post(tx, &owner, movement(p, BalanceTxKind::PayoutFailure)).await?;
        EventType::PayoutFailed
    };
    let txn = books::id_of(&mut **tx, BalanceTxKind::Payout, &p.id).await?;
    let data = EventData::Payout(Box::new(PayoutObject::new(p, txn)));
    webhooks::emit_payout(tx, p, kind, data).await?;
    tracing::info!(payout = %p.id, status = p.status.as_str(), "payout settled");
    Ok(())
}

async fn load(tx: &mut crate::db::Tx<'_>, id: &str) -> Result<PayoutView> {
    let payout = payouts::TABLE
        .find(&mut **tx, id)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::Payout, id.to_owned()))?;
    let balance_transaction = books::id_of(&mut **tx, BalanceTxKind::Payout, id).await?;
    Ok(PayoutView {
        payout,
        balance_transaction,
    })
}

/// A provider's result for a payout (a callback whose path held the
/// payout's tag): recorded if the payout is still pending.
pub async fn provider_answered(core: &Core, payout: Payout, answer: PayoutAnswer) -> Result<()> {
    conclude(core, payout, Ok(answer)).await?.commit().await?;
    Ok(())
}

/// The owner's payout, asking its provider first if it is still pending.
pub async fn find(core: &Core, owner: &Owner, id: &str) -> Result<PayoutView> {
    let payout = payouts::TABLE
        .find_owned(&core.db.pool, owner, id)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::Payout, id.to_owned()))?;
    if payout.status == PayoutStatus::Pending {
        return ask(core, payout).await?.commit().await.map_err(Into::into);
    }
    let mut tx = core.db.begin().await?;
    let view = load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

async fn ask(core: &Core, payout: Payout) -> Result<Change<PayoutView>> {
    let answer = match core.checkouts.connectors.for_payout(&payout).await {
        Ok(c) => c.payout_status(&payout).await,
        Err(e) => Err(e),
    };
    conclude(core, payout, answer).await
}

/// The owner's payouts, newest first; `after` a payout id continues.
pub async fn list(
    core: &Core,
    owner: &Owner,
    status: Option<PayoutStatus>,
    after: Option<&str>,
    limit: i64,
) -> Result<Slice<PayoutView>> {
    let filters: Vec<Filter> = status
        .map(|s| Filter::eq("status", s.as_str()))
        .into_iter()
        .collect();
    let slice = payouts::TABLE
        .page_after(&core.db.pool, owner, &filters, after, limit)
        .await?
        .ok_or_else(|| no_cursor("after", after, "payout"))?;
    let mut items = Vec::with_capacity(slice.items.len());
    for payout in slice.items {
        let txn = books::id_of(&core.db.pool, BalanceTxKind::Payout, &payout.id).await?;
        items.push(PayoutView {
            payout,
            balance_transaction: txn,
        });
    }
    Ok(Slice {
        items,
        has_older: slice.has_older,
        has_newer: slice.has_newer,
    })
}

/// How long a payout waits before the sweeper asks its provider again.
const ASK_AGAIN_AFTER_MS: i64 = 10_000;

/// Asks the providers about payouts still pending. Returns how many
/// settled.
pub async fn sweep(core: &Core) -> Result<usize> {
    let mut settled = 0;
    for payout in payouts::stale(&core.db.pool, now_ms() - ASK_AGAIN_AFTER_MS, 50).await? {
        let view = ask(core, payout).await?.commit().await?;
        if view.payout.status == PayoutStatus::Pending {
            payouts::touch(core.db.writer(), &view.payout.id, now_ms()).await?;
        } else {
            settled += 1;
        }
    }
    Ok(settled)
}
