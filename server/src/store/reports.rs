//! Figures for the dashboard's home: what was paid, per currency, per day
//! and per method, for one owner since a moment (Unix ms). A payment counts
//! when it succeeded, at the time it did (its last update).

use super::Owner;
use crate::db::Ex;

const PAID: &str = "FROM payment_attempts a JOIN checkout_sessions s ON s.id = a.session_id
     WHERE s.merchant_id = $1 AND s.livemode = $2 AND a.updated_at >= $3";

/// Paid amounts per currency (minor units), largest first.
pub async fn paid_by_currency<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    since: i64,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT a.currency, CAST(SUM(a.amount) AS BIGINT) AS total {PAID} AND a.status = 'succeeded'
         GROUP BY a.currency ORDER BY total DESC, a.currency"
    );
    owner_since(&sql, owner, since)
        .fetch_all(ex)
        .await
        .map(rows2)
}

/// Checkouts paid since then.
pub async fn paid_count<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    since: i64,
) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT COUNT(*) {PAID} AND a.status = 'succeeded'");
    let row = owner_since(&sql, owner, since).fetch_one(ex).await?;
    sqlx::Row::try_get(&row, 0)
}

/// Paid per day (days since the Unix epoch) in one currency.
pub async fn paid_per_day<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    currency: &str,
    since: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT a.updated_at / 86400000 AS day, CAST(SUM(a.amount) AS BIGINT) {PAID}
           AND a.status = 'succeeded' AND a.currency = $4 GROUP BY day ORDER BY day"
    );
    let rows = owner_since(&sql, owner, since)
        .bind(currency)
        .fetch_all(ex)
        .await?;
    rows.iter()
        .map(|r| Ok((sqlx::Row::try_get(r, 0)?, sqlx::Row::try_get(r, 1)?)))
        .collect()
}

/// Per method: payments that succeeded and payments that ended (succeeded
/// or failed), most tried first.
pub async fn method_rates<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    since: i64,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT a.method, CAST(SUM(CASE WHEN a.status = 'succeeded' THEN 1 ELSE 0 END) AS BIGINT) AS paid, COUNT(*) AS tried
         {PAID} AND a.status IN ('succeeded', 'failed') GROUP BY a.method ORDER BY tried DESC, a.method"
    );
    let rows = owner_since(&sql, owner, since).fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            Ok((
                sqlx::Row::try_get(r, 0)?,
                sqlx::Row::try_get(r, 1)?,
                sqlx::Row::try_get(r, 2)?,
            ))
        })
        .collect()
}

fn owner_since<'q>(sql: &'q str, owner: &'q Owner, since: i64) -> super::Query<'q> {
    owner.query(sql).bind(since)
}

fn rows2(rows: Vec<sqlx::any::AnyRow>) -> Vec<(String, i64)> {
    rows.iter()
        .filter_map(|r| {
            Some((
                sqlx::Row::try_get(r, 0).ok()?,
                sqlx::Row::try_get(r, 1).ok()?,
            ))
        })
        .collect()
}

/// What the dashboard's payments list looks for; every part optional.
#[derive(Clone, Debug, Default)]
pub struct PaymentSearch {
    /// (`status` or `payment_status`, value).
    pub state: Option<(&'static str, &'static str)>,
    pub method: Option<String>,
    pub currency: Option<String>,
    /// Unix ms, inclusive / exclusive.
    pub from: Option<i64>,
    pub before: Option<i64>,
    /// A session id, a reference, an email or phone digits.
    pub text: Option<String>,
    /// Continue after this session (older ones).
    pub after: Option<String>,
}

/// The owner's sessions matching `s`, newest first, at most `limit`.
pub async fn search_sessions<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    s: &PaymentSearch,
    limit: i64,
) -> super::Many<super::sessions::Session> {
    use super::query::Value;
    let mut binds: Vec<Value> = vec![
        owner.merchant_id.as_str().into(),
        crate::db::flag(owner.livemode).into(),
    ];
    let mut sql = String::from("WHERE merchant_id = $1 AND livemode = $2");
    let mut add = |sql: &mut String, text: &str, v: Value| {
        binds.push(v);
        sql.push_str(&text.replace('?', &format!("${}", binds.len())));
    };
    if let Some((column, value)) = s.state {
        add(&mut sql, &format!(" AND {column} = ?"), value.into());
    }
    if let Some(c) = &s.currency {
        add(&mut sql, " AND currency = ?", c.as_str().into());
    }
    if let Some(t) = s.from {
        add(&mut sql, " AND created_at >= ?", t.into());
    }
    if let Some(t) = s.before {
        add(&mut sql, " AND created_at < ?", t.into());
    }
    if let Some(m) = &s.method {
        let exists = " AND EXISTS (SELECT 1 FROM payment_attempts a
             WHERE a.session_id = checkout_sessions.id AND a.method = ?)";
        add(&mut sql, exists, m.as_str().into());
    }
    if let Some(text) = &s.text {
        search_text(&mut sql, &mut add, text);
    }
    if let Some(after) = &s.after {
        add(
            &mut sql,
            " AND (created_seq < (SELECT created_seq FROM checkout_sessions WHERE id = ?)",
            after.as_str().into(),
        );
        add(
            &mut sql,
            " OR (created_seq = (SELECT created_seq FROM checkout_sessions WHERE id = ?)",
            after.as_str().into(),
        );
        add(&mut sql, " AND id < ?))", after.as_str().into());
    }
    add(
        &mut sql,
        " ORDER BY created_seq DESC, id DESC LIMIT ?",
        limit.into(),
    );
    super::sessions::TABLE.select(ex, &sql, &binds).await
}

/// ` AND (...)`: the text as an id, a reference, an email, or (its digits)
/// part of a customer's or payer's phone number.
fn search_text(
    sql: &mut String,
    add: &mut impl FnMut(&mut String, &str, super::query::Value),
    text: &str,
) {
    let text = text.trim();
    let lower = text.to_lowercase();
    add(sql, " AND (id = ?", text.into());
    add(sql, " OR client_reference_id = ?", text.into());
    add(sql, " OR external_reference = ?", text.into());
    add(sql, " OR LOWER(customer_email) = ?", lower.as_str().into());
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 6 {
        let like = format!("%{digits}");
        add(sql, " OR customer_phone LIKE ?", like.as_str().into());
        add(
            sql,
            " OR EXISTS (SELECT 1 FROM payment_attempts p WHERE p.session_id = checkout_sessions.id AND p.phone LIKE ?)",
            like.as_str().into(),
        );
    }
    sql.push(')');
}

/// The latest attempt's method of each session (sessions never tried are
/// absent).
pub async fn methods_of<'e>(
    ex: impl Ex<'e>,
    ids: &[String],
) -> Result<std::collections::HashMap<String, String>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT session_id, method FROM payment_attempts WHERE session_id IN ({}) ORDER BY created_at",
        marks.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(id.as_str());
    }
    let rows = q.fetch_all(ex).await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some((
                sqlx::Row::try_get(r, 0).ok()?,
                sqlx::Row::try_get(r, 1).ok()?,
            ))
        })
        .collect())
}

/// The owner's latest webhook deliveries: (attempt, event type).
pub async fn recent_deliveries<'e>(
    ex: impl Ex<'e>,
    owner: &Owner,
    limit: i64,
) -> Result<Vec<(super::events::Attempt, String)>, sqlx::Error> {
    let rows = owner
        .query(
            "SELECT a.url, a.attempted_at, a.status_code, a.latency_ms, a.error, e.event_type
             FROM webhook_attempts a JOIN webhook_events e ON e.id = a.event_id
             WHERE e.merchant_id = $1 AND e.livemode = $2
             ORDER BY a.attempted_at DESC LIMIT $3",
        )
        .bind(limit)
        .fetch_all(ex)
        .await?;
    use sqlx::Row;
    rows.iter()
        .map(|r| {
            let attempt = super::events::Attempt {
                id: String::new(),
                event_id: String::new(),
                attempt_number: 0,
                url: r.try_get("url")?,
                attempted_at: r.try_get("attempted_at")?,
                status_code: r.try_get("status_code")?,
                latency_ms: r.try_get("latency_ms")?,
                error: r.try_get("error")?,
                response_excerpt: None,
                trigger: super::events::Trigger::Schedule,
                next_attempt_at: None,
            };
            Ok((attempt, r.try_get("event_type")?))
        })
        .collect()
}
