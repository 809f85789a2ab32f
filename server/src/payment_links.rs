//! Payment links: make, change, list; and a visit to `/l/{id}`, which
//! opens a fresh checkout session from the link.

use crate::Core;
use crate::change::Change;
use crate::db::now_ms;
use crate::error::{Error, Resource, Result};
use crate::objects::secs;
use crate::sessions::{self, ProductChoice, SessionRequest};
use crate::store::Owner;
use crate::store::payment_links::{self, PaymentLink};
use app::domain::payment_link::{LinkAmount, LinkCheckout, LinkClosed, PaymentLinkDraft};
use app::domain::{Currency, Money};

/// A link with how many checkouts opened from it were paid.
pub struct LinkView {
    pub link: PaymentLink,
    pub paid: u32,
}

/// Checks that the checkout a link opens would be accepted (at both ends
/// of a buyer-chosen range), writing nothing.
async fn check_checkout(
    core: &Core,
    owner: &Owner,
    link: &LinkCheckout,
    amount: LinkAmount,
) -> Result<()> {
    let amounts = match amount {
        LinkAmount::Fixed => vec![None],
        LinkAmount::BuyerChooses { min, max } => vec![Some(min), Some(max)],
    };
    let chooses = amount != LinkAmount::Fixed;
    for a in amounts {
        let req = SessionRequest {
            product: ProductChoice::Default,
            draft: link.draft(chooses, a),
            echo: serde_json::Value::Null,
        };
        sessions::prepare(core, owner, req).await?;
    }
    Ok(())
}

pub async fn create(
    core: &Core,
    owner: &Owner,
    draft: PaymentLinkDraft,
) -> Result<Change<LinkView>> {
    let rules = draft.rules(secs(now_ms()))?;
    let checkout = draft.checkout_part();
    check_checkout(core, owner, &checkout, rules.amount).await?;
    let mut tx = core.db.begin().await?;
    let link = payment_links::insert(&mut tx, owner, &checkout, &rules).await?;
    tracing::info!(link = %link.id, "payment link created");
    Ok(Change::new(tx, LinkView { link, paid: 0 }))
}

/// Changes the words (description, methods, success URL) and rules a
/// draft sends; the amount stays as made.
pub async fn update(
    core: &Core,
    owner: &Owner,
    id: &str,
    draft: PaymentLinkDraft,
) -> Result<Change<LinkView>> {
    let old = find(core, owner, id).await?;
    let rules = draft.apply_to(&old.link.rules(), secs(now_ms()))?;
    let was = &old.link.checkout;
    let checkout = LinkCheckout {
        description: draft.description.or_else(|| was.description.clone()),
        payment_method_types: draft
            .payment_method_types
            .or_else(|| was.payment_method_types.clone()),
        success_url: match draft.success_url {
            Some(u) if u.is_empty() => None,
            Some(u) => Some(u),
            None => was.success_url.clone(),
        },
        ..was.clone()
    };
    check_checkout(core, owner, &checkout, rules.amount).await?;
    let mut tx = core.db.begin().await?;
    let link = payment_links::update(&mut tx, &old.link, &checkout, &rules).await?;
    Ok(Change::new(
        tx,
        LinkView {
            link,
            paid: old.paid,
        },
    ))
}

pub async fn find(core: &Core, owner: &Owner, id: &str) -> Result<LinkView> {
    let link = payment_links::get(&core.db.pool, owner, id)
        .await?
        .ok_or_else(|| Error::NotFound(Resource::PaymentLink, id.to_owned()))?;
    let paid = payment_links::paid(&core.db.pool, &link.id).await?;
    Ok(LinkView { link, paid })
}

pub async fn list(core: &Core, owner: &Owner) -> Result<Vec<LinkView>> {
    let paid = payment_links::paid_by_link(&core.db.pool, owner).await?;
    let links = payment_links::list(&core.db.pool, owner).await?;
    Ok(links
        .into_iter()
        .map(|link| {
            let paid = paid.get(&link.id).copied().unwrap_or(0);
            LinkView { link, paid }
        })
        .collect())
}

/// What a visit to `/l/{id}` comes to.
pub enum Visit {
    /// A fresh checkout session (committed) to send the buyer to: its id.
    Opened(String),
    /// The buyer chooses the amount first (between these, minor units);
    /// `refused`: what they typed was not an amount the link takes.
    ChooseAmount {
        link: Box<PaymentLink>,
        min: i64,
        max: i64,
        refused: bool,
    },
    Closed(LinkClosed),
    NotFound,
}

/// The amount a buyer typed (`1 750,50`), in minor units of the link's
/// currency, if the link takes it.
fn typed_amount(link: &PaymentLink, typed: &str) -> Option<i64> {
    let currency = link
        .checkout
        .currency
        .as_deref()
        .and_then(Currency::parse)?;
    let minor = Money::from_typed(typed, currency)?.minor;
    link.rules().check_buyer_amount(minor).ok().map(|()| minor)
}

/// A buyer opens the link, with the amount they `typed` if it lets them
/// choose.
pub async fn visit(core: &Core, id: &str, typed: Option<&str>) -> Result<Visit> {
    let Some(link) = payment_links::find(&core.db.pool, id).await? else {
        return Ok(Visit::NotFound);
    };
    let rules = link.rules();
    let paid = payment_links::paid(&core.db.pool, &link.id).await?;
    if let Err(closed) = rules.open_at(secs(now_ms()), paid) {
        return Ok(Visit::Closed(closed));
    }
    let ask = |link: PaymentLink, min, max, refused| Visit::ChooseAmount {
        link: Box::new(link),
        min,
        max,
        refused,
    };
    let amount = match (rules.amount, typed) {
        (LinkAmount::BuyerChooses { min, max }, None) => return Ok(ask(link, min, max, false)),
        (LinkAmount::BuyerChooses { min, max }, Some(t)) => match typed_amount(&link, t) {
            Some(a) => Some(a),
            None => return Ok(ask(link, min, max, true)),
        },
        (LinkAmount::Fixed, _) => None,
    };
    let req = SessionRequest {
        product: ProductChoice::Default,
        draft: link.checkout.draft(amount.is_some(), amount),
        echo: serde_json::Value::Null,
    };
    let mut session = match (
        sessions::prepare(core, &link.owner(), req).await,
        rules.amount,
    ) {
        (Ok(s), _) => s,
        // An amount the checkout refuses: the buyer is asked again.
        (Err(Error::Invalid(_)), LinkAmount::BuyerChooses { min, max }) => {
            return Ok(ask(link, min, max, true));
        }
        (Err(e), _) => return Err(e),
    };
    session.payment_link = Some(link.id.clone());
    let session = sessions::store(core, session).await?.commit().await?;
    tracing::info!(link = %link.id, session = %session.id, "payment link opened a checkout");
    Ok(Visit::Opened(session.id))
}
