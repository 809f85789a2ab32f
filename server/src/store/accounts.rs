//! Dashboard accounts: users, their memberships, one-time sign-up links,
//! signed-in sessions, sign-in attempts and the audit log. Tokens are kept
//! only as their SHA-256.

use super::{Many, One};
use crate::db::{Db, Ex, Tx, flag, new_id, now_ms};
use app::domain::account::Role;
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Clone, Debug)]
pub struct User {
    pub id: String,
    pub email: String,
    pub password_hash: String,
    /// Sealed with the master key.
    pub totp_secret: Option<String>,
    /// SHA-256 (hex) of each unused recovery code.
    pub recovery_codes: Vec<String>,
}

fn user(r: &AnyRow) -> Result<User, sqlx::Error> {
    let codes: String = r.try_get("recovery_codes")?;
    Ok(User {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        password_hash: r.try_get("password_hash")?,
        totp_secret: r.try_get("totp_secret")?,
        recovery_codes: serde_json::from_str(&codes).unwrap_or_default(),
    })
}

const USER: &str = "SELECT id, email, password_hash, totp_secret, recovery_codes FROM users";

pub async fn user_by_email<'e>(ex: impl Ex<'e>, email: &str) -> One<User> {
    let sql = format!("{USER} WHERE email = $1");
    let row = sqlx::query(&sql).bind(email).fetch_optional(ex).await?;
    row.as_ref().map(user).transpose()
}

pub async fn user_by_id<'e>(ex: impl Ex<'e>, id: &str) -> One<User> {
    let sql = format!("{USER} WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(ex).await?;
    row.as_ref().map(user).transpose()
}

pub async fn insert_user(
    tx: &mut Tx<'_>,
    email: &str,
    password_hash: &str,
) -> Result<String, sqlx::Error> {
    let id = new_id("usr", 16);
    let now = now_ms();
    sqlx::query(
        "INSERT INTO users (id, email, password_hash, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(&id)
    .bind(email)
    .bind(password_hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// Turns two-factor on: a sealed secret, fresh recovery codes, and the
/// time step of the code that confirmed it (spent: it cannot sign in).
pub async fn set_second_factor<'e>(
    ex: impl Ex<'e>,
    user_id: &str,
    sealed_secret: &str,
    recovery_hashes: &[String],
    step: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET totp_secret = $1, recovery_codes = $2, totp_step = $3, updated_at = $4 \
         WHERE id = $5",
    )
    .bind(sealed_secret)
    .bind(serde_json::to_string(recovery_hashes).expect("strings serialize"))
    .bind(step)
    .bind(now_ms())
    .bind(user_id)
    .execute(ex)
    .await?;
    Ok(())
}

/// Spends a TOTP code's time step: true when no code of this step or a
/// later one was used before (RFC 6238 section 5.2: a code works once,
/// even when two sign-ins race with it).
pub async fn spend_totp_step(db: &Db, user_id: &str, step: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE users SET totp_step = $1 WHERE id = $2 AND (totp_step IS NULL OR totp_step < $1)",
    )
    .bind(step)
    .bind(user_id)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Uses up one recovery code: true when it was there (and is now gone).
pub async fn use_recovery_code(db: &Db, user: &User, hash: &str) -> Result<bool, sqlx::Error> {
    if !user.recovery_codes.iter().any(|h| h == hash) {
        return Ok(false);
    }
    let left: Vec<&String> = user.recovery_codes.iter().filter(|h| *h != hash).collect();
    let before = serde_json::to_string(&user.recovery_codes).expect("strings serialize");
    // Only if nobody used a code meanwhile: the same code works once.
    let done =
        sqlx::query("UPDATE users SET recovery_codes = $1 WHERE id = $2 AND recovery_codes = $3")
            .bind(serde_json::to_string(&left).expect("strings serialize"))
            .bind(&user.id)
            .bind(before)
            .execute(db.writer())
            .await?;
    Ok(done.rows_affected() == 1)
}

/// A user's place in one merchant.
#[derive(Clone, Debug)]
pub struct Membership {
    pub merchant_id: String,
    pub merchant_name: String,
    pub role: Role,
    pub refund_limit: Option<i64>,
}

fn membership(r: &AnyRow) -> Result<Membership, sqlx::Error> {
    let role: String = r.try_get("role")?;
    Ok(Membership {
        merchant_id: r.try_get("merchant_id")?,
        merchant_name: r.try_get("name")?,
        role: Role::parse(&role).unwrap_or(Role::Viewer),
        refund_limit: r.try_get("refund_limit")?,
    })
}

pub async fn add_membership(
    tx: &mut Tx<'_>,
    user_id: &str,
    merchant_id: &str,
    role: Role,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO memberships (user_id, merchant_id, role, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, merchant_id) DO UPDATE SET role = excluded.role",
    )
    .bind(user_id)
    .bind(merchant_id)
    .bind(role.as_str())
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The merchants a user belongs to, by name.
pub async fn memberships<'e>(ex: impl Ex<'e>, user_id: &str) -> Many<Membership> {
    let rows = sqlx::query(
        "SELECT m.merchant_id, x.name, m.role, m.refund_limit FROM memberships m
         JOIN merchants x ON x.id = m.merchant_id WHERE m.user_id = $1 ORDER BY x.name, x.id",
    )
    .bind(user_id)
    .fetch_all(ex)
    .await?;
    rows.iter().map(membership).collect()
}

/// A one-time link to sign up (or to join another merchant).
#[derive(Clone, Debug)]
pub struct SignUpLink {
    pub merchant_id: String,
    pub email: String,
    pub role: Role,
    pub expires_at: i64,
}

pub async fn insert_sign_up_link<'e>(
    ex: impl Ex<'e>,
    token_hash: &str,
    link: &SignUpLink,
    invited_by: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sign_up_links (token_hash, merchant_id, email, role, invited_by, expires_at,
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(token_hash)
    .bind(&link.merchant_id)
    .bind(&link.email)
    .bind(link.role.as_str())
    .bind(invited_by)
    .bind(link.expires_at)
    .bind(now_ms())
    .execute(ex)
    .await?;
    Ok(())
}

/// A link not yet used nor expired.
pub async fn open_sign_up_link<'e>(ex: impl Ex<'e>, token_hash: &str, now: i64) -> One<SignUpLink> {
    let row = sqlx::query(
        "SELECT merchant_id, email, role, expires_at FROM sign_up_links
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(ex)
    .await?;
    row.map(|r| {
        let role: String = r.try_get("role")?;
        Ok(SignUpLink {
            merchant_id: r.try_get("merchant_id")?,
            email: r.try_get("email")?,
            role: Role::parse(&role).unwrap_or(Role::Viewer),
            expires_at: r.try_get("expires_at")?,
        })
    })
    .transpose()
}

/// Marks the link used; false when another request used it first.
pub async fn use_sign_up_link(
    tx: &mut Tx<'_>,
    token_hash: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sign_up_links SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Open invitations of a merchant: (email, role, expires_at).
pub async fn pending_invitations<'e>(
    ex: impl Ex<'e>,
    merchant_id: &str,
    now: i64,
) -> Many<(String, Role, i64)> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT email, role, expires_at FROM sign_up_links
         WHERE merchant_id = $1 AND used_at IS NULL AND expires_at > $2 ORDER BY created_at DESC",
    )
    .bind(merchant_id)
    .bind(now)
    .fetch_all(ex)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(e, r, x)| (e, Role::parse(&r).unwrap_or(Role::Viewer), x))
        .collect())
}

/// A merchant's members: (user id, email, role, refund limit).
pub async fn members<'e>(
    ex: impl Ex<'e>,
    merchant_id: &str,
) -> Many<(String, String, Role, Option<i64>)> {
    let rows: Vec<(String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT u.id, u.email, m.role, m.refund_limit FROM memberships m
         JOIN users u ON u.id = m.user_id WHERE m.merchant_id = $1 ORDER BY u.email",
    )
    .bind(merchant_id)
    .fetch_all(ex)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, e, r, l)| (id, e, Role::parse(&r).unwrap_or(Role::Viewer), l))
        .collect())
}

pub async fn set_role(
    tx: &mut Tx<'_>,
    merchant_id: &str,
    user_id: &str,
    role: Role,
    refund_limit: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE memberships SET role = $1, refund_limit = $2 WHERE merchant_id = $3 AND user_id = $4",
    )
    .bind(role.as_str())
    .bind(refund_limit)
    .bind(merchant_id)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A browser's session, found by its cookie's hash.
#[derive(Clone, Debug)]
pub struct DashboardSession {
    pub token_hash: String,
    pub user_id: String,
    pub signed_in: bool,
    pub csrf_token: String,
    pub merchant_id: String,
    pub livemode: bool,
    pub last_seen: i64,
    pub created_at: i64,
}

pub async fn insert_session<'e>(ex: impl Ex<'e>, s: &DashboardSession) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO dashboard_sessions (token_hash, user_id, stage, csrf_token, merchant_id,
             livemode, last_seen, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&s.token_hash)
    .bind(&s.user_id)
    .bind(if s.signed_in {
        "signed_in"
    } else {
        "second_factor"
    })
    .bind(&s.csrf_token)
    .bind(&s.merchant_id)
    .bind(flag(s.livemode))
    .bind(s.last_seen)
    .bind(s.created_at)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn find_session<'e>(ex: impl Ex<'e>, token_hash: &str) -> One<DashboardSession> {
    let row = sqlx::query(
        "SELECT token_hash, user_id, stage, csrf_token, merchant_id, livemode, last_seen, created_at
         FROM dashboard_sessions WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(ex)
    .await?;
    row.map(|r| {
        Ok(DashboardSession {
            token_hash: r.try_get("token_hash")?,
            user_id: r.try_get("user_id")?,
            signed_in: r.try_get::<String, _>("stage")? == "signed_in",
            csrf_token: r.try_get("csrf_token")?,
            merchant_id: r.try_get("merchant_id")?,
            livemode: r.try_get::<i64, _>("livemode")? == 1,
            last_seen: r.try_get("last_seen")?,
            created_at: r.try_get("created_at")?,
        })
    })
    .transpose()
}

pub async fn touch_session<'e>(
    ex: impl Ex<'e>,
    token_hash: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE dashboard_sessions SET last_seen = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(ex)
        .await?;
    Ok(())
}

pub async fn set_view<'e>(
    ex: impl Ex<'e>,
    token_hash: &str,
    merchant_id: &str,
    livemode: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE dashboard_sessions SET merchant_id = $1, livemode = $2 WHERE token_hash = $3",
    )
    .bind(merchant_id)
    .bind(flag(livemode))
    .bind(token_hash)
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn delete_session<'e>(ex: impl Ex<'e>, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM dashboard_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(ex)
        .await?;
    Ok(())
}

/// Forgets sessions idle since before `idle_before`.
pub async fn forget_idle_sessions<'e>(
    ex: impl Ex<'e>,
    idle_before: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM dashboard_sessions WHERE last_seen < $1")
        .bind(idle_before)
        .execute(ex)
        .await?;
    Ok(done.rows_affected())
}

pub async fn record_sign_in<'e>(
    ex: impl Ex<'e>,
    email: &str,
    ip: &str,
    succeeded: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sign_in_attempts (email, ip, succeeded, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(email)
    .bind(ip)
    .bind(flag(succeeded))
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// Times of failed sign-ins since `since` and after the last success, for
/// an email (`by_ip` false) or an address.
pub async fn recent_failures<'e>(
    ex: impl Ex<'e>,
    by_ip: bool,
    who: &str,
    since: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let column = if by_ip { "ip" } else { "email" };
    let sql = format!(
        "SELECT created_at FROM sign_in_attempts WHERE {column} = $1 AND created_at > $2
           AND succeeded = 0
           AND created_at > COALESCE((SELECT MAX(created_at) FROM sign_in_attempts
                                      WHERE {column} = $1 AND succeeded = 1), 0)"
    );
    sqlx::query_scalar(&sql)
        .bind(who)
        .bind(since)
        .fetch_all(ex)
        .await
}

/// One line of the audit log.
#[derive(Clone, Debug)]
pub struct AuditEntry {
    pub email: String,
    pub action: String,
    pub subject: Option<String>,
    pub ip: String,
    pub created_at: i64,
}

pub async fn audit<'e>(
    ex: impl Ex<'e>,
    merchant_id: &str,
    user_id: Option<&str>,
    e: &AuditEntry,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (id, merchant_id, user_id, email, action, subject, ip, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id("aud", 16))
    .bind(merchant_id)
    .bind(user_id)
    .bind(&e.email)
    .bind(&e.action)
    .bind(e.subject.as_deref())
    .bind(&e.ip)
    .bind(e.created_at)
    .execute(ex)
    .await?;
    Ok(())
}

/// The merchant's audit log, newest first.
pub async fn audit_log<'e>(ex: impl Ex<'e>, merchant_id: &str, limit: i64) -> Many<AuditEntry> {
    let rows: Vec<(String, String, Option<String>, String, i64)> = sqlx::query_as(
        "SELECT email, action, subject, ip, created_at FROM audit_log WHERE merchant_id = $1
         ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(merchant_id)
    .bind(limit)
    .fetch_all(ex)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(email, action, subject, ip, created_at)| AuditEntry {
            email,
            action,
            subject,
            ip,
            created_at,
        })
        .collect())
}

/// Forgets sign-in attempts older than `before` (they no longer count).
pub async fn forget_sign_ins<'e>(ex: impl Ex<'e>, before: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sign_in_attempts WHERE created_at < $1")
        .bind(before)
        .execute(ex)
        .await?;
    Ok(done.rows_affected())
}
