//! Dashboard accounts: one-time sign-up links, passwords (argon2id), the
//! second factor (TOTP, RFC 6238, and recovery codes), signed-in sessions
//! with their CSRF token, lock-out after failed sign-ins, and the audit log.

use crate::Core;
use crate::db::{now_ms, random_base62};
use crate::store::accounts::{
    self as store, AuditEntry, DashboardSession, Membership, SignUpLink, User,
};
use crate::store::merchants;
use app::domain::account::{
    self, PasswordProblem, Role, SECOND_FACTOR_MS, SIGN_UP_LINK_MS, SignInPolicy,
};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, TOTP};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("the link is used, expired or unknown")]
    LinkClosed,
    #[error("password: {0:?}")]
    Password(PasswordProblem),
    #[error("wrong email or password")]
    WrongPassword,
    #[error("wrong code")]
    WrongCode,
    #[error("locked until {0}")]
    Locked(i64),
    #[error("not a valid email address")]
    BadEmail,
    #[error("no merchant {0}")]
    NoMerchant(String),
}

/// SHA-256 of a token, hex: what the database keeps of cookies and links.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    random_base62(43)
}

/// Where a client comes from, for lock-out and the audit log.
#[derive(Clone, Debug)]
pub struct Client {
    pub ip: String,
}

/// Makes a one-time link for `email` to join `merchant_id` as `role`.
pub async fn sign_up_link(
    core: &Core,
    merchant_id: &str,
    email: &str,
    role: Role,
    invited_by: Option<(&User, &Client)>,
) -> Result<String, AccountError> {
    let email = account::normalize_email(email).ok_or(AccountError::BadEmail)?;
    merchants::get(&core.db.pool, merchant_id)
        .await?
        .ok_or_else(|| AccountError::NoMerchant(merchant_id.to_owned()))?;
    let token = new_token();
    let link = SignUpLink {
        merchant_id: merchant_id.to_owned(),
        email: email.clone(),
        role,
        expires_at: now_ms() + SIGN_UP_LINK_MS,
    };
    let by = invited_by.map(|(u, _)| u.id.as_str());
    store::insert_sign_up_link(core.db.writer(), &token_hash(&token), &link, by).await?;
    if let Some((user, client)) = invited_by {
        let subject = format!("{email} as {}", role.as_str());
        audit(
            core,
            merchant_id,
            user,
            client,
            "member.invited",
            Some(subject),
        )
        .await?;
    }
    Ok(format!(
        "{}/dashboard/sign-up/{token}",
        core.config.public_url
    ))
}

/// The open link behind a token, to show its sign-up form.
pub async fn open_link(core: &Core, token: &str) -> Result<SignUpLink, AccountError> {
    store::open_sign_up_link(&core.db.pool, &token_hash(token), now_ms())
        .await?
        .ok_or(AccountError::LinkClosed)
}

fn hash_blocking(password: &str) -> String {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).expect("16 bytes encode");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2id hashes any password")
        .to_string()
}

async fn hash_password(password: String) -> String {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .expect("hashing does not panic")
}

/// Whether `password` matches the PHC string, off the async threads. A
/// missing user is checked against a fixed hash so both take as long.
async fn verify_password(password: String, phc: Option<String>) -> bool {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    tokio::task::spawn_blocking(move || {
        let found = phc.is_some();
        let phc = phc.unwrap_or_else(|| {
            DECOY
                .get_or_init(|| hash_blocking(&random_base62(20)))
                .clone()
        });
        let ok = PasswordHash::new(&phc).is_ok_and(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        });
        ok && found
    })
    .await
    .expect("verifying does not panic")
}

/// Uses a sign-up link: a new user sets a password; someone who already
/// has an account joins with theirs. Signs them in.
pub async fn sign_up(
    core: &Core,
    token: &str,
    password: &str,
    client: &Client,
) -> Result<String, AccountError> {
    let link = open_link(core, token).await?;
    let existing = store::user_by_email(&core.db.pool, &link.email).await?;
    let password_hash = match &existing {
        Some(u) => {
            let ok = verify_password(password.to_owned(), Some(u.password_hash.clone())).await;
            if !ok {
                return Err(AccountError::WrongPassword);
            }
            None
        }
        None => {
            account::check_password(password, &link.email).map_err(AccountError::Password)?;
            Some(hash_password(password.to_owned()).await)
        }
    };
    let mut tx = core.db.begin().await?;
    if !store::use_sign_up_link(&mut tx, &token_hash(token), now_ms()).await? {
        return Err(AccountError::LinkClosed);
    }
    let user_id = match (&existing, password_hash) {
        (Some(u), _) => u.id.clone(),
        (None, Some(h)) => store::insert_user(&mut tx, &link.email, &h).await?,
        (None, None) => unreachable!("a new user has a password hash"),
    };
    store::add_membership(&mut tx, &user_id, &link.merchant_id, link.role).await?;
    tx.commit().await?;
    let user = store::user_by_id(&core.db.pool, &user_id)
        .await?
        .expect("just written");
    let subject = format!("{} as {}", user.email, link.role.as_str());
    audit(
        core,
        &link.merchant_id,
        &user,
        client,
        "member.joined",
        Some(subject),
    )
    .await?;
    start_session(core, &user, &link.merchant_id, true).await
}

/// What a correct password leads to.
#[derive(Debug)]
pub enum SignIn {
    /// Signed in: the new session's cookie token.
    Done(String),
    /// The password was right; the TOTP code comes next (this cookie).
    SecondFactor(String),
}

/// Until when sign-in is locked for this email or address, if it is.
async fn locked_until(
    core: &Core,
    email: &str,
    client: &Client,
) -> Result<Option<i64>, AccountError> {
    let p = SignInPolicy::STANDARD;
    let now = now_ms();
    let since = now - p.window_ms;
    let by_email = store::recent_failures(&core.db.pool, false, email, since).await?;
    let by_ip = store::recent_failures(&core.db.pool, true, &client.ip, since).await?;
    Ok(p.locked_until(&by_email, p.per_account, now)
        .max(p.locked_until(&by_ip, p.per_ip, now)))
}

/// Checks an email and password, unless repeated failures lock them out.
pub async fn sign_in(
    core: &Core,
    email: &str,
    password: &str,
    client: &Client,
) -> Result<SignIn, AccountError> {
    let email = account::normalize_email(email).unwrap_or_else(|| email.trim().to_lowercase());
    if let Some(until) = locked_until(core, &email, client).await? {
        return Err(AccountError::Locked(until));
    }
    let user = store::user_by_email(&core.db.pool, &email).await?;
    let ok = verify_password(
        password.to_owned(),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await;
    store::record_sign_in(core.db.writer(), &email, &client.ip, ok, now_ms()).await?;
    let Some(user) = user.filter(|_| ok) else {
        // This failure may be the one that locks.
        if let Some(until) = locked_until(core, &email, client).await? {
            return Err(AccountError::Locked(until));
        }
        return Err(AccountError::WrongPassword);
    };
    let Some(first) = store::memberships(&core.db.pool, &user.id)
        .await?
        .into_iter()
        .next()
    else {
        return Err(AccountError::WrongPassword);
    };
    if user.totp_secret.is_some() {
        let token = start_session(core, &user, &first.merchant_id, false).await?;
        return Ok(SignIn::SecondFactor(token));
    }
    audit(
        core,
        &first.merchant_id,
        &user,
        client,
        "user.signed_in",
        None,
    )
    .await?;
    Ok(SignIn::Done(
        start_session(core, &user, &first.merchant_id, true).await?,
    ))
}

/// Finishes a sign-in with a TOTP code or a recovery code: the half-open
/// session is replaced by a new one (a new cookie).
pub async fn second_factor(
    core: &Core,
    pending: &str,
    code: &str,
    client: &Client,
) -> Result<String, AccountError> {
    let hash = token_hash(pending);
    let session = store::find_session(&core.db.pool, &hash)
        .await?
        .filter(|s| !s.signed_in && s.created_at > now_ms() - SECOND_FACTOR_MS)
        .ok_or(AccountError::LinkClosed)?;
    let user = store::user_by_id(&core.db.pool, &session.user_id)
        .await?
        .ok_or(AccountError::LinkClosed)?;
    if let Some(until) = locked_until(core, &user.email, client).await? {
        return Err(AccountError::Locked(until));
    }
    let ok = code_matches(core, &user, code).await?;
    store::record_sign_in(core.db.writer(), &user.email, &client.ip, ok, now_ms()).await?;
    if !ok {
        return Err(AccountError::WrongCode);
    }
    store::delete_session(core.db.writer(), &hash).await?;
    audit(
        core,
        &session.merchant_id,
        &user,
        client,
        "user.signed_in",
        Some("with two-factor".into()),
    )
    .await?;
    start_session(core, &user, &session.merchant_id, true).await
}

async fn code_matches(core: &Core, user: &User, code: &str) -> Result<bool, AccountError> {
    let code: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
        let secret = user
            .totp_secret
            .as_deref()
            .and_then(|s| core.config.master_key.open(&totp_aad(&user.id), s).ok());
        let step = secret
            .and_then(|s| totp_for(&s, &user.email))
            .and_then(|t| matched_step(&t, &code, now_secs()));
        return match step {
            Some(step) => Ok(store::spend_totp_step(&core.db, &user.id, step).await?),
            None => Ok(false),
        };
    }
    let hash = token_hash(&code.to_uppercase());
    Ok(store::use_recovery_code(&core.db, user, &hash).await?)
}

/// The time step (Unix seconds / 30) whose code `code` is, one step of
/// clock skew either way around `now` (Unix seconds).
fn matched_step(totp: &TOTP, code: &str, now: u64) -> Option<i64> {
    [now.saturating_sub(30), now, now + 30]
        .into_iter()
        .find(|t| bool::from(totp.generate(*t).as_bytes().ct_eq(code.as_bytes())))
        .and_then(|t| i64::try_from(t / 30).ok())
}

fn now_secs() -> u64 {
    u64::try_from(now_ms() / 1000).unwrap_or(0)
}

fn totp_aad(user_id: &str) -> String {
    format!("totp:{user_id}")
}

/// The TOTP for a base32 secret: SHA-1, six digits, 30-second steps, one
/// step of clock skew either way (what every authenticator app reads).
fn totp_for(base32: &str, email: &str) -> Option<TOTP> {
    let bytes = totp_rs::Secret::Encoded(base32.to_owned())
        .to_bytes()
        .ok()?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        Some("Lipa".into()),
        email.to_owned(),
    )
    .ok()
}

/// A new TOTP secret to enrol: the base32 text, the `otpauth://` URL for
/// the QR code, and the secret sealed for the confirming form.
pub struct Enrolment {
    pub secret: String,
    pub url: String,
    pub sealed: String,
}

pub fn start_enrolment(core: &Core, user: &User) -> Enrolment {
    let raw = totp_rs::Secret::Raw(rand::random::<[u8; 20]>().to_vec());
    let secret = raw.to_encoded().to_string();
    let totp = totp_for(&secret, &user.email).expect("a 160-bit secret is valid");
    Enrolment {
        url: totp.get_url(),
        sealed: core
            .config
            .master_key
            .seal(&format!("enrol:{}", user.id), &secret),
        secret,
    }
}

/// The enrolment a form carried back, if this server sealed it for `user`.
pub fn reopen_enrolment(core: &Core, user: &User, sealed: &str) -> Option<Enrolment> {
    let secret = core
        .config
        .master_key
        .open(&format!("enrol:{}", user.id), sealed)
        .ok()?;
    let totp = totp_for(&secret, &user.email)?;
    Some(Enrolment {
        url: totp.get_url(),
        sealed: sealed.to_owned(),
        secret,
    })
}

/// Turns two-factor on once the app shows the right code; returns the ten
/// recovery codes, shown once.
pub async fn finish_enrolment(
    core: &Core,
    session: &DashboardSession,
    user: &User,
    sealed: &str,
    code: &str,
    client: &Client,
) -> Result<Vec<String>, AccountError> {
    let secret = reopen_enrolment(core, user, sealed)
        .ok_or(AccountError::WrongCode)?
        .secret;
    let totp = totp_for(&secret, &user.email).ok_or(AccountError::WrongCode)?;
    let step = matched_step(&totp, code.trim(), now_secs()).ok_or(AccountError::WrongCode)?;
    let codes: Vec<String> = (0..10).map(|_| recovery_code()).collect();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| token_hash(&c.replace('-', "")))
        .collect();
    let stored = core.config.master_key.seal(&totp_aad(&user.id), &secret);
    store::set_second_factor(core.db.writer(), &user.id, &stored, &hashes, step).await?;
    audit(
        core,
        &session.merchant_id,
        user,
        client,
        "two_factor.enabled",
        None,
    )
    .await?;
    Ok(codes)
}

/// `ABCDE-FGHJK`: ten characters without look-alikes.
fn recovery_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let pick = |_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char;
    let s: String = (0..10).map(pick).collect();
    format!("{}-{}", &s[..5], &s[5..])
}

async fn start_session(
    core: &Core,
    user: &User,
    merchant_id: &str,
    signed_in: bool,
) -> Result<String, AccountError> {
    let token = new_token();
    let now = now_ms();
    let s = DashboardSession {
        token_hash: token_hash(&token),
        user_id: user.id.clone(),
        signed_in,
        csrf_token: random_base62(32),
        merchant_id: merchant_id.to_owned(),
        livemode: false,
        last_seen: now,
        created_at: now,
    };
    store::insert_session(core.db.writer(), &s).await?;
    Ok(token)
}

/// Who is looking at the dashboard: the session, the user, and the
/// merchant they look at (with their role there).
#[derive(Clone, Debug)]
pub struct Viewer {
    pub session: DashboardSession,
    pub user: User,
    pub membership: Membership,
    pub memberships: Vec<Membership>,
}

impl Viewer {
    pub fn owner(&self) -> crate::store::Owner {
        crate::store::Owner::new(&self.membership.merchant_id, self.session.livemode)
    }
}

/// The signed-in viewer behind a cookie, unless the session is unknown,
/// half-open or idle for too long; marks it seen.
pub async fn viewer(core: &Core, token: &str) -> Result<Option<Viewer>, AccountError> {
    let now = now_ms();
    let Some(session) = store::find_session(&core.db.pool, &token_hash(token)).await? else {
        return Ok(None);
    };
    if !session.signed_in || session.last_seen < now - account::IDLE_TIMEOUT_MS {
        return Ok(None);
    }
    let Some(user) = store::user_by_id(&core.db.pool, &session.user_id).await? else {
        return Ok(None);
    };
    let memberships = store::memberships(&core.db.pool, &user.id).await?;
    let Some(membership) = memberships
        .iter()
        .find(|m| m.merchant_id == session.merchant_id)
        .cloned()
    else {
        return Ok(None);
    };
    if now - session.last_seen > 60_000 {
        store::touch_session(core.db.writer(), &session.token_hash, now).await?;
    }
    Ok(Some(Viewer {
        session,
        user,
        membership,
        memberships,
    }))
}

pub async fn sign_out(core: &Core, viewer: &Viewer) -> Result<(), AccountError> {
    store::delete_session(core.db.writer(), &viewer.session.token_hash).await?;
    Ok(())
}

/// Switches the merchant or mode the session looks at (only to a merchant
/// the user belongs to).
pub async fn switch_view(
    core: &Core,
    viewer: &Viewer,
    merchant_id: Option<&str>,
    livemode: bool,
) -> Result<(), AccountError> {
    let merchant = merchant_id
        .filter(|m| viewer.memberships.iter().any(|x| x.merchant_id == *m))
        .unwrap_or(&viewer.membership.merchant_id);
    store::set_view(
        core.db.writer(),
        &viewer.session.token_hash,
        merchant,
        livemode,
    )
    .await?;
    Ok(())
}

/// Writes one line of the merchant's audit log.
pub async fn audit(
    core: &Core,
    merchant_id: &str,
    user: &User,
    client: &Client,
    action: &str,
    subject: Option<String>,
) -> Result<(), AccountError> {
    let entry = AuditEntry {
        email: user.email.clone(),
        action: action.to_owned(),
        subject,
        ip: client.ip.clone(),
        created_at: now_ms(),
    };
    store::audit(core.db.writer(), merchant_id, Some(&user.id), &entry).await?;
    Ok(())
}

/// Forgets sessions idle past the timeout and sign-in attempts older than a
/// day (the background sweep calls it).
pub async fn forget_stale(core: &Core) -> Result<(), AccountError> {
    let now = now_ms();
    store::forget_idle_sessions(core.db.writer(), now - account::IDLE_TIMEOUT_MS).await?;
    store::forget_sign_ins(core.db.writer(), now - 86_400_000).await?;
    Ok(())
}
