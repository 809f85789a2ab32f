//! Payment links, per merchant and mode; ids are global, as the short URL
//! `/l/{id}` finds a link without a key.

use super::query::{Table, Value};
use super::row::Encodings;
use super::{Many, One, Owner, to_json};
use crate::db::{Ex, Tx, flag, now_ms};
use app::domain::payment_link::{LinkAmount, LinkCheckout, LinkRules};

#[derive(Clone, Debug, serde::Deserialize)]
pub struct PaymentLink {
    pub id: String,
    pub merchant_id: String,
    pub livemode: bool,
    pub checkout: LinkCheckout,
    pub custom_amount_min: Option<i64>,
    pub custom_amount_max: Option<i64>,
    pub single_use: bool,
    /// Unix seconds.
    pub expires_at: Option<i64>,
    pub payment_limit: Option<i64>,
    pub active: bool,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
}

const TABLE: Table<PaymentLink> = Table::new(
    "payment_links",
    "id, merchant_id, livemode, checkout, custom_amount_min, custom_amount_max, single_use, \
     expires_at, payment_limit, active, created_at, updated_at",
    Encodings {
        flags: &["livemode", "single_use", "active"],
        json: &["checkout"],
    },
);

impl PaymentLink {
    pub fn owner(&self) -> Owner {
        Owner::new(&self.merchant_id, self.livemode)
    }

    pub fn rules(&self) -> LinkRules {
        LinkRules {
            amount: match (self.custom_amount_min, self.custom_amount_max) {
                (Some(min), Some(max)) => LinkAmount::BuyerChooses { min, max },
                _ => LinkAmount::Fixed,
            },
            single_use: self.single_use,
            expires_at: self.expires_at,
            payment_limit: self.payment_limit.and_then(|n| u32::try_from(n).ok()),
            active: self.active,
        }
    }
}

fn bounds(rules: &LinkRules) -> (Option<i64>, Option<i64>) {
    match rules.amount {
        LinkAmount::BuyerChooses { min, max } => (Some(min), Some(max)),
        LinkAmount::Fixed => (None, None),
    }
}

pub async fn insert(
    tx: &mut Tx<'_>,
    owner: &Owner,
    checkout: &LinkCheckout,
    rules: &LinkRules,
) -> Result<PaymentLink, sqlx::Error> {
    let now = now_ms();
    let (min, max) = bounds(rules);
    let link = PaymentLink {
        id: crate::db::new_id("plink", 20),
        merchant_id: owner.merchant_id.clone(),
        livemode: owner.livemode,
        checkout: checkout.clone(),
        custom_amount_min: min,
        custom_amount_max: max,
        single_use: rules.single_use,
        expires_at: rules.expires_at,
        payment_limit: rules.payment_limit.map(i64::from),
        active: rules.active,
        created_at: now,
        updated_at: now,
    };
    sqlx::query(
        "INSERT INTO payment_links (id, merchant_id, livemode, checkout, custom_amount_min,
             custom_amount_max, single_use, expires_at, payment_limit, active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
    )
    .bind(&link.id)
    .bind(&link.merchant_id)
    .bind(flag(link.livemode))
    .bind(to_json(&link.checkout))
    .bind(min)
    .bind(max)
    .bind(flag(link.single_use))
    .bind(link.expires_at)
    .bind(link.payment_limit)
    .bind(flag(link.active))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(link)
}

/// Saves a link's words and rules (its amount never changes).
pub async fn update(
    tx: &mut Tx<'_>,
    link: &PaymentLink,
    checkout: &LinkCheckout,
    rules: &LinkRules,
) -> Result<PaymentLink, sqlx::Error> {
    let now = now_ms();
    sqlx::query(
        "UPDATE payment_links SET checkout = $1, single_use = $2, expires_at = $3,
             payment_limit = $4, active = $5, updated_at = $6 WHERE id = $7",
    )
    .bind(to_json(checkout))
    .bind(flag(rules.single_use))
    .bind(rules.expires_at)
    .bind(rules.payment_limit.map(i64::from))
    .bind(flag(rules.active))
    .bind(now)
    .bind(&link.id)
    .execute(&mut **tx)
    .await?;
    Ok(PaymentLink {
        checkout: checkout.clone(),
        single_use: rules.single_use,
        expires_at: rules.expires_at,
        payment_limit: rules.payment_limit.map(i64::from),
        active: rules.active,
        updated_at: now,
        ..link.clone()
    })
}

/// Any merchant's link: the short URL's lookup.
pub async fn find<'e>(ex: impl Ex<'e>, id: &str) -> One<PaymentLink> {
    TABLE.find(ex, id).await
}

pub async fn get<'e>(ex: impl Ex<'e>, owner: &Owner, id: &str) -> One<PaymentLink> {
    TABLE.find_owned(ex, owner, id).await
}

/// The owner's links, newest first.
pub async fn list<'e>(ex: impl Ex<'e>, owner: &Owner) -> Many<PaymentLink> {
    let newest_first = "WHERE merchant_id = $1 AND livemode = $2 ORDER BY created_at DESC, id DESC";
    let owned: [Value; 2] = [
        owner.merchant_id.as_str().into(),
        flag(owner.livemode).into(),
    ];
    TABLE.select(ex, newest_first, &owned).await
}

/// How many checkouts opened from each of the owner's links were paid
/// (links never paid are absent).
pub async fn paid_by_link<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
) -> Result<std::collections::HashMap<String, u32>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT payment_link, COUNT(*) FROM checkout_sessions
         WHERE merchant_id = $1 AND livemode = $2 AND payment_link IS NOT NULL
           AND payment_status = 'succeeded'
         GROUP BY payment_link",
    )
    .bind(&owner.merchant_id)
    .bind(flag(owner.livemode))
    .fetch_all(ex)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (id, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}

/// How many checkouts opened from the link were paid.
pub async fn paid<'e>(ex: impl Ex<'e>, id: &str) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM checkout_sessions WHERE payment_link = $1 AND payment_status = 'succeeded'",
    )
    .bind(id)
    .fetch_one(ex)
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}
