//! The dashboard's people: what each role may do, what a password must be,
//! and when repeated failed sign-ins lock an account or an address.

use serde::{Deserialize, Serialize};

/// A user's part in one merchant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including the team, the audit log and refunds of any size.
    Owner,
    /// API keys, webhooks, payment links and settings.
    Developer,
    /// Payments and refunds up to the limit the owner sets, payment links.
    Support,
    /// Reads only.
    Viewer,
}

/// Something a dashboard user does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    ViewPayments,
    Refund,
    /// Expire a checkout, redeliver an event.
    OperatePayments,
    ManageLinks,
    ManageKeys,
    ManageWebhooks,
    ManageBranding,
    ManageTeam,
    ReadAuditLog,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Owner, Role::Developer, Role::Support, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Developer => "developer",
            Role::Support => "support",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn can(self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Owner => true,
            Role::Developer => matches!(
                p,
                ViewPayments | ManageLinks | ManageKeys | ManageWebhooks | ManageBranding
            ),
            Role::Support => matches!(p, ViewPayments | Refund | OperatePayments | ManageLinks),
            Role::Viewer => p == ViewPayments,
        }
    }

    /// Whether this role may refund `amount` (minor units): owners always,
    /// support up to their limit (none without one), others never.
    pub fn may_refund(self, amount: i64, limit: Option<i64>) -> bool {
        match self {
            Role::Owner => true,
            Role::Support => limit.is_some_and(|l| amount <= l),
            _ => false,
        }
    }
}

/// The fewest characters a password may have.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// The most: argon2 takes any length, but a megabyte "password" is an attack.
pub const PASSWORD_MAX_CHARS: usize = 256;

/// Why a new password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    /// On the list of the most common passwords, or one of them with digits
    /// or symbols around it, or one character repeated.
    Common,
    /// Contains the user's own email name.
    ContainsEmail,
}

/// The ten thousand most common passwords and every longer one from the
/// same list (from `@zxcvbn-ts/language-common` 4.1.3, MIT), lower-cased.
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

fn is_common(word: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON_PASSWORDS.lines().collect())
        .contains(word)
}

/// Checks a new password against the rules (NIST SP 800-63B §3.1.1.2:
/// a minimum length and a blocklist, no composition rules).
pub fn check_password(password: &str, email: &str) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if is_common(&lower) || (!core.is_empty() && is_common(core)) || distinct.len() <= 2 {
        return Err(PasswordProblem::Common);
    }
    let name = email.split('@').next().unwrap_or("").to_lowercase();
    if name.chars().count() >= 4 && lower.contains(&name) {
        return Err(PasswordProblem::ContainsEmail);
    }
    Ok(())
}

/// `Ana@Shop.example ` as stored: trimmed, lower-cased; `None` unless it
/// looks like an address.
pub fn normalize_email(email: &str) -> Option<String> {
    let e = email.trim().to_lowercase();
    let (local, domain) = e.split_once('@')?;
    let plausible = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && e.len() <= 254
        && !e.chars().any(|c| c.is_whitespace() || c.is_control());
    plausible.then_some(e)
}

/// When repeated failures lock sign-in, for an account and for an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignInPolicy {
    /// Failures counted within this window (milliseconds)...
    pub window_ms: i64,
    /// ...lock an account at this many...
    pub per_account: usize,
    /// ...and an address (which may try many accounts) at this many.
    pub per_ip: usize,
}

impl SignInPolicy {
    pub const STANDARD: SignInPolicy = SignInPolicy {
        window_ms: 15 * 60 * 1000,
        per_account: 5,
        per_ip: 20,
    };

    /// Until when sign-in stays locked, given the times (Unix ms, any
    /// order) of the failures since the last success within the window:
    /// the moment the oldest failure that still counts leaves the window.
    pub fn locked_until(&self, failures: &[i64], limit: usize, now: i64) -> Option<i64> {
        let mut recent: Vec<i64> = failures
            .iter()
            .copied()
            .filter(|t| *t > now - self.window_ms)
            .collect();
        if recent.len() < limit {
            return None;
        }
        recent.sort_unstable_by(|a, b| b.cmp(a));
        // The limit-th most recent failure keeps the lock until it expires.
        Some(recent[limit - 1] + self.window_ms)
    }
}

/// A signed-in session ends after this long without a request.
pub const IDLE_TIMEOUT_MS: i64 = 12 * 60 * 60 * 1000;
/// One-time sign-up and invitation links last this long.
pub const SIGN_UP_LINK_MS: i64 = 72 * 60 * 60 * 1000;
/// Between the password and the second factor, at most this long.
pub const SECOND_FACTOR_MS: i64 = 5 * 60 * 1000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_what_the_issue_lists() {
        assert!(Role::Owner.can(Permission::ManageTeam));
        assert!(Role::Developer.can(Permission::ManageKeys));
        assert!(!Role::Developer.can(Permission::Refund));
        assert!(Role::Support.can(Permission::Refund));
        assert!(!Role::Support.can(Permission::ManageKeys));
        assert!(!Role::Support.can(Permission::ReadAuditLog));
        assert!(!Role::Viewer.can(Permission::ManageLinks));
        assert!(Role::Viewer.can(Permission::ViewPayments));
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
    }

    #[test]
    fn support_refunds_only_up_to_its_limit() {
        assert!(Role::Owner.may_refund(1_000_000, None));
        assert!(Role::Support.may_refund(5_000, Some(5_000)));
        assert!(!Role::Support.may_refund(5_001, Some(5_000)));
        assert!(!Role::Support.may_refund(1, None));
        assert!(!Role::Developer.may_refund(1, Some(100)));
    }

    #[test]
    fn passwords_need_length_and_must_not_be_common() {
        let e = "ana.silva@shop.example";
        assert_eq!(check_password("short", e), Err(PasswordProblem::TooShort));
        assert_eq!(
            check_password("Password1234", e),
            Err(PasswordProblem::Common)
        );
        assert_eq!(
            check_password("1qaz2wsx3edc", e),
            Err(PasswordProblem::Common)
        );
        assert_eq!(
            check_password("aaaaaaaaaaaaaa", e),
            Err(PasswordProblem::Common)
        );
        assert_eq!(
            check_password("ana.silva-2026!", e),
            Err(PasswordProblem::ContainsEmail)
        );
        assert_eq!(
            check_password(&"x1".repeat(200), e),
            Err(PasswordProblem::TooLong)
        );
        assert_eq!(check_password("maputo sunset over the bay", e), Ok(()));
        // Twelve characters, counted as characters, not bytes.
        assert_eq!(check_password("ção-mar-azul", e), Ok(()));
    }

    #[test]
    fn emails_are_normalized() {
        assert_eq!(
            normalize_email(" Ana@Shop.Example "),
            Some("ana@shop.example".into())
        );
        assert_eq!(normalize_email("ana"), None);
        assert_eq!(normalize_email("ana@shop"), None);
        assert_eq!(normalize_email("a na@shop.example"), None);
    }

    #[test]
    fn the_fifth_failure_locks_for_the_window() {
        let p = SignInPolicy::STANDARD;
        let now = 10_000_000;
        let four = [now - 4000, now - 3000, now - 2000, now - 1000];
        assert_eq!(p.locked_until(&four, p.per_account, now), None);
        let five = [now - 5000, now - 4000, now - 3000, now - 2000, now - 1000];
        assert_eq!(
            p.locked_until(&five, p.per_account, now),
            Some(now - 5000 + p.window_ms)
        );
        // Old failures no longer count.
        let old = [now - p.window_ms - 1; 9];
        assert_eq!(p.locked_until(&old, p.per_account, now), None);
    }
}
