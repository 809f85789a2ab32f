//! `/dashboard/team` (owners): members and roles, invitations, the audit log.

use super::{client, failure, forbidden, frame, screen, signed_form, viewer};
use crate::AppState;
use crate::accounts::{self, AccountError, Viewer};
use crate::db::now_ms;
use crate::store::accounts as store;
use crate::store::products;
use app::dashboard::Section;
use app::dashboard::team::{self as views, AuditRow, MemberRow, TeamPage};
use app::dashboard::texts::t;
use app::domain::account::{Permission, Role};
use app::domain::{Currency, Locale, Money};
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde::Deserialize;

fn when(l: Locale, ms: i64) -> String {
    app::i18n::date_time(l, ms.div_euclid(1000))
}

/// The currency refund limits are typed in: the merchant's default
/// product's, else meticais.
async fn limit_currency(state: &AppState, v: &Viewer) -> Currency {
    let product = products::default_for(&state.db.pool, &v.owner())
        .await
        .ok()
        .flatten();
    product
        .map(|p| p.spec.main_currency)
        .or_else(|| Currency::parse("MZN"))
        .expect("MZN is a currency")
}

/// What the page shows besides a notice, a problem or a new link.
pub struct Said {
    pub notice: Option<String>,
    pub problem: Option<String>,
    pub new_link: Option<String>,
}

async fn team_page(state: &AppState, parts: &Parts, v: &Viewer, said: Said) -> Response {
    let f = frame(parts, v, Section::Team);
    if !v.membership.role.can(Permission::ManageTeam) {
        return forbidden(&f);
    }
    let l = f.lang;
    let merchant = &v.membership.merchant_id;
    let currency = limit_currency(state, v).await;
    let pool = &state.db.pool;
    let (members, invitations, audit) = match (
        store::members(pool, merchant).await,
        store::pending_invitations(pool, merchant, now_ms()).await,
        store::audit_log(pool, merchant, 50).await,
    ) {
        (Ok(m), Ok(i), Ok(a)) => (m, i, a),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return failure(parts, e),
    };
    let status = if said.problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = TeamPage {
        members: members
            .into_iter()
            .map(|(user_id, email, role, limit)| MemberRow {
                is_you: user_id == v.user.id,
                user_id,
                email,
                role,
                refund_limit: limit
                    .map(|m| Money::new(m, currency).format_number(l.number_style()))
                    .unwrap_or_default(),
            })
            .collect(),
        invitations: invitations
            .into_iter()
            .map(|(e, r, until)| (e, r, when(l, until)))
            .collect(),
        new_link: said.new_link,
        audit: audit
            .into_iter()
            .map(|a| AuditRow {
                at: when(l, a.created_at),
                email: a.email,
                action: a.action,
                subject: a.subject.unwrap_or_default(),
                ip: a.ip,
            })
            .collect(),
        notice: said.notice,
        problem: said.problem,
        currency: currency.code().to_owned(),
    };
    screen(state, parts, &f, status, views::team(&f, page))
}

/// `GET /dashboard/team`.
pub async fn show(State(state): State<AppState>, parts: Parts) -> Response {
    match viewer(&state, &parts).await {
        Ok(v) => {
            team_page(
                &state,
                &parts,
                &v,
                Said {
                    notice: None,
                    problem: None,
                    new_link: None,
                },
            )
            .await
        }
        Err(res) => res,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Invite {
    csrf: String,
    email: String,
    role: String,
}

/// `POST /dashboard/team/invite`: a one-time link, shown to the owner to send.
pub async fn invite(
    State(state): State<AppState>,
    parts: Parts,
    Form(i): Form<Invite>,
) -> Response {
    let v = or_answer!(signed_form(&state, &parts, &i.csrf).await);
    if !v.membership.role.can(Permission::ManageTeam) {
        return forbidden(&frame(&parts, &v, Section::Team));
    }
    let l = super::lang(&parts);
    let role = Role::parse(&i.role).unwrap_or(Role::Viewer);
    let who = (&v.user, &client(&parts));
    let said = match accounts::sign_up_link(
        &state.core,
        &v.membership.merchant_id,
        &i.email,
        role,
        Some(who),
    )
    .await
    {
        Ok(link) => Said {
            notice: None,
            problem: None,
            new_link: Some(link),
        },
        Err(AccountError::BadEmail) => Said {
            notice: None,
            problem: Some(t(l, "team-bad-email")),
            new_link: None,
        },
        Err(e) => return failure(&parts, e),
    };
    team_page(&state, &parts, &v, said).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Change {
    csrf: String,
    role: String,
    refund_limit: String,
}

/// `POST /dashboard/team/{user}`: another member's role and refund limit.
pub async fn change(
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    parts: Parts,
    Form(c): Form<Change>,
) -> Response {
    let v = or_answer!(signed_form(&state, &parts, &c.csrf).await);
    let f = frame(&parts, &v, Section::Team);
    if !v.membership.role.can(Permission::ManageTeam) || user_id == v.user.id {
        return forbidden(&f);
    }
    let l = f.lang;
    let role = Role::parse(&c.role).unwrap_or(Role::Viewer);
    let currency = limit_currency(&state, &v).await;
    let limit = match c.refund_limit.trim() {
        "" => None,
        typed => match Money::from_typed(typed, currency) {
            Some(m) if m.minor >= 0 => Some(m.minor),
            _ => {
                let said = Said {
                    notice: None,
                    problem: Some(t(l, "team-bad-limit")),
                    new_link: None,
                };
                return team_page(&state, &parts, &v, said).await;
            }
        },
    };
    let changed = async {
        let mut tx = state.db.begin().await?;
        let done =
            store::set_role(&mut tx, &v.membership.merchant_id, &user_id, role, limit).await?;
        tx.commit().await?;
        Ok::<bool, sqlx::Error>(done)
    }
    .await;
    match changed {
        Ok(true) => {
            let subject = format!("{user_id} to {}", role.as_str());
            let _ = accounts::audit(
                &state.core,
                &f.merchant_id,
                &v.user,
                &client(&parts),
                "member.role_changed",
                Some(subject),
            )
            .await;
            let said = Said {
                notice: Some(t(l, "team-saved")),
                problem: None,
                new_link: None,
            };
            team_page(&state, &parts, &v, said).await
        }
        Ok(false) => super::not_found(&state, &parts, &f),
        Err(e) => failure(&parts, e),
    }
}
