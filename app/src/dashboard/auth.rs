//! Signing up, signing in (password, then the second factor), and the
//! short pages that say why something cannot be done.

use super::frame::{Csrf, bare};
use super::texts::{t, ta};
use crate::domain::Locale;
use crate::domain::account::Role;
use leptos::prelude::*;

/// A refusal above a form, read out when the page opens.
#[component]
pub fn Problem(text: Option<String>) -> impl IntoView {
    text.map(|text| view! { <p class="problem" role="alert" id="problem">{text}</p> })
}

pub struct SignInPage {
    pub lang: Locale,
    pub nonce: String,
    pub csrf: String,
    pub email: String,
    pub problem: Option<String>,
}

pub fn sign_in(p: SignInPage) -> String {
    let l = p.lang;
    let described = p.problem.as_ref().map(|_| "problem");
    let main = view! {
        <Problem text=p.problem/>
        <form method="post" action="/dashboard/sign-in">
            <Csrf token=p.csrf/>
            <label for="email">{t(l, "signin-email")}</label>
            <input id="email" name="email" type="email" autocomplete="username" required value=p.email aria-describedby=described/>
            <label for="password">{t(l, "signin-password")}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required/>
            <div class="actions"><button type="submit">{t(l, "signin-submit")}</button></div>
        </form>
    };
    bare(
        l,
        &p.nonce,
        "/dashboard/sign-in",
        &t(l, "signin-title"),
        main,
    )
}

pub fn second_factor(lang: Locale, nonce: &str, csrf: String, problem: Option<String>) -> String {
    let l = lang;
    let main = view! {
        <Problem text=problem/>
        <form method="post" action="/dashboard/sign-in/code">
            <Csrf token=csrf/>
            <label for="code">{t(l, "signin-code-label")}</label>
            <input id="code" name="code" autocomplete="one-time-code" inputmode="text" dir="ltr" required autofocus/>
            <div class="actions"><button type="submit">{t(l, "signin-code-submit")}</button></div>
        </form>
    };
    bare(
        l,
        nonce,
        "/dashboard/sign-in/code",
        &t(l, "signin-code-title"),
        main,
    )
}

pub struct SignUpPage {
    pub lang: Locale,
    pub nonce: String,
    pub csrf: String,
    pub token: String,
    pub merchant: String,
    pub email: String,
    pub role: Role,
    /// The email already has an account: joining takes its password.
    pub existing: bool,
    pub problem: Option<String>,
}

pub fn sign_up(p: SignUpPage) -> String {
    let l = p.lang;
    let role = t(l, &format!("dash-role-{}", p.role.as_str()));
    let args = [
        ("merchant", p.merchant.as_str()),
        ("role", &role),
        ("email", &p.email),
    ];
    let intro = if p.existing {
        "signup-join-intro"
    } else {
        "signup-intro"
    };
    let path = format!("/dashboard/sign-up/{}", p.token);
    let new_password = (!p.existing).then(|| {
        view! {
            <p class="hint" id="password-hint">{t(l, "signup-password-hint")}</p>
            <label for="confirm">{t(l, "signup-confirm")}</label>
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" required minlength="12"/>
        }
    });
    let (autocomplete, submit) = if p.existing {
        ("current-password", "signup-join-submit")
    } else {
        ("new-password", "signup-submit")
    };
    let main = view! {
        <p>{ta(l, intro, &args)}</p>
        <Problem text=p.problem/>
        <form method="post" action=path.clone()>
            <Csrf token=p.csrf/>
            <input type="hidden" name="email" value=p.email.clone() autocomplete="username"/>
            <label for="password">{t(l, "signin-password")}</label>
            <input id="password" name="password" type="password" autocomplete=autocomplete required
                aria-describedby=(!p.existing).then_some("password-hint")/>
            {new_password}
            <div class="actions"><button type="submit">{t(l, submit)}</button></div>
        </form>
    };
    bare(l, &p.nonce, &path, &t(l, "signup-title"), main)
}

/// A page that only explains (a used link, a refused form): its title and
/// text, and a way back.
pub fn notice(
    lang: Locale,
    nonce: &str,
    path: &str,
    title: &str,
    body: &str,
    back: Option<(&str, String)>,
) -> String {
    let back = back.map(|(href, label)| view! { <p><a href=href.to_owned()>{label}</a></p> });
    let main = view! { <p>{body.to_owned()}</p> {back} };
    bare(lang, nonce, path, title, main)
}
