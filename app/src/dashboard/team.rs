//! Team (owners only): members and their roles (a support member's refund
//! limit too), invitations by one-time link, and the audit log.

use super::auth::Problem;
use super::frame::{Csrf, Frame, TableRegion, screen};
use super::texts::{t, ta};
use crate::domain::account::Role;
use leptos::prelude::*;

#[derive(Clone, Debug)]
pub struct MemberRow {
    pub user_id: String,
    pub email: String,
    pub role: Role,
    /// As typed in major units (`500`), empty without one.
    pub refund_limit: String,
    pub is_you: bool,
}

#[derive(Clone, Debug)]
pub struct AuditRow {
    pub at: String,
    pub email: String,
    pub action: String,
    pub subject: String,
    pub ip: String,
}

pub struct TeamPage {
    pub members: Vec<MemberRow>,
    /// (email, role, until)
    pub invitations: Vec<(String, Role, String)>,
    /// A link just made, to send: shown once.
    pub new_link: Option<String>,
    pub audit: Vec<AuditRow>,
    pub notice: Option<String>,
    pub problem: Option<String>,
    /// The currency refund limits are typed in.
    pub currency: String,
}

fn role_options(l: crate::domain::Locale, chosen: Role) -> impl IntoView + use<> {
    Role::ALL
        .into_iter()
        .map(|r| {
            let label = t(l, &format!("dash-role-{}", r.as_str()));
            view! { <option value=r.as_str() selected=r == chosen>{label}</option> }
        })
        .collect_view()
}

pub fn team(frame: &Frame, p: TeamPage) -> String {
    let l = frame.lang;
    let main = view! {
        {p.notice.clone().map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <Problem text=p.problem.clone()/>
        <h2>{t(l, "team-members")}</h2>
        {members(frame, &p)}
        <h2 id="invite">{t(l, "team-invite")}</h2>
        {p.new_link.clone().map(|link| view! {
            <div class="notice" role="status">
                <p>{t(l, "team-invite-link")}</p>
                <p class="secret" data-testid="invite-link" dir="ltr">{link}</p>
            </div>
        })}
        <form method="post" action="/dashboard/team/invite" aria-labelledby="invite">
            <Csrf token=frame.csrf.clone()/>
            <label for="invite-email">{t(l, "signin-email")}</label>
            <input id="invite-email" name="email" type="email" required/>
            <label for="invite-role">{t(l, "team-role")}</label>
            <select id="invite-role" name="role">{role_options(l, Role::Viewer)}</select>
            <div class="actions"><button type="submit">{t(l, "team-invite-submit")}</button></div>
        </form>
        {invitations(frame, &p)}
        <h2>{t(l, "team-audit")}</h2>
        {audit(frame, p.audit)}
    };
    screen(frame, &t(l, "dash-nav-team"), main)
}

fn members(f: &Frame, p: &TeamPage) -> impl IntoView + use<> {
    let l = f.lang;
    let limit_label = ta(l, "team-refund-limit", &[("currency", &p.currency)]);
    let rows = p
        .members
        .iter()
        .cloned()
        .map(|m| {
            let change = (!m.is_you).then(|| {
                let role_id = format!("role-{}", m.user_id);
                let limit_id = format!("limit-{}", m.user_id);
                view! {
                    <form method="post" action=format!("/dashboard/team/{}", m.user_id) class="member-form">
                        <Csrf token=f.csrf.clone()/>
                        <div>
                            <label for=role_id.clone()>{t(l, "team-role")}</label>
                            <select id=role_id name="role">{role_options(l, m.role)}</select>
                        </div>
                        <div>
                            <label for=limit_id.clone()>{limit_label.clone()}</label>
                            <input id=limit_id name="refund_limit" inputmode="decimal" dir="ltr" value=m.refund_limit.clone()/>
                        </div>
                        <button type="submit" class="secondary">{t(l, "team-save")}</button>
                    </form>
                }
            });
            let role = t(l, &format!("dash-role-{}", m.role.as_str()));
            view! {
                <li class="card member">
                    <p><strong>{m.email}</strong>" · "{role}</p>
                    {change}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="plain members" data-testid="members">{rows}</ul> }
}

fn invitations(f: &Frame, p: &TeamPage) -> impl IntoView + use<> {
    let l = f.lang;
    (!p.invitations.is_empty()).then(|| {
        let items = p
            .invitations
            .iter()
            .map(|(email, role, until)| {
                let role = t(l, &format!("dash-role-{}", role.as_str()));
                view! { <li>{ta(l, "team-pending", &[("email", email), ("role", &role), ("time", until)])}</li> }
            })
            .collect_view();
        view! {
            <h3>{t(l, "team-invitations")}</h3>
            <ul class="plain">{items}</ul>
        }
    })
}

fn audit(f: &Frame, rows: Vec<AuditRow>) -> impl IntoView + use<> {
    let l = f.lang;
    let rows = rows
        .into_iter()
        .map(|a| {
            view! {
                <tr><th scope="row">{a.at}</th><td>{a.email}</td><td><code>{a.action}</code></td>
                <td class="customer">{a.subject}</td><td>{a.ip}</td></tr>
            }
        })
        .collect_view();
    view! {
        <TableRegion label=t(l, "team-audit")><table data-testid="audit" class="stack">
            <thead><tr>
                <th scope="col">{t(l, "dev-when")}</th>
                <th scope="col">{t(l, "signin-email")}</th>
                <th scope="col">{t(l, "team-action")}</th>
                <th scope="col">{t(l, "team-subject")}</th>
                <th scope="col">{t(l, "team-ip")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></TableRegion>
    }
}
