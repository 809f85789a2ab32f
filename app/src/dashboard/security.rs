//! Security: two-factor sign-in. Enrolling shows a QR code of the
//! `otpauth://` URL (and the key to type), asks for the app's code, then
//! shows the recovery codes once.

use super::auth::Problem;
use super::frame::{Csrf, Frame, screen};
use super::texts::t;
use leptos::prelude::*;

pub enum SecurityPage {
    /// Two-factor is on.
    On,
    /// Off: the enrolment to confirm (QR as SVG, key, sealed secret).
    Enrol {
        qr_svg: String,
        secret: String,
        sealed: String,
        problem: Option<String>,
    },
    /// Just turned on: the codes, shown once.
    Codes(Vec<String>),
}

pub fn security(frame: &Frame, page: SecurityPage) -> String {
    let l = frame.lang;
    let main = match page {
        SecurityPage::On => view! { <p class="notice" data-testid="2fa-on">{t(l, "security-2fa-on")}</p> }.into_any(),
        SecurityPage::Codes(codes) => {
            let codes = codes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view();
            view! {
                <h2>{t(l, "security-codes-title")}</h2>
                <p>{t(l, "security-codes-body")}</p>
                <ul class="codes" data-testid="recovery-codes">{codes}</ul>
                <p><a class="button" href="/dashboard">{t(l, "security-codes-done")}</a></p>
            }
            .into_any()
        }
        SecurityPage::Enrol { qr_svg, secret, sealed, problem } => view! {
            <p>{t(l, "security-2fa-off")}</p>
            <Problem text=problem/>
            <ol>
                <li>
                    <p>{t(l, "security-enrol-step1")}</p>
                    <div class="qr" role="img" aria-label=t(l, "security-enrol-step1") inner_html=qr_svg></div>
                    <p>{t(l, "security-enrol-manual")}" "<span class="secret" data-testid="totp-secret" dir="ltr">{secret}</span></p>
                </li>
                <li>
                    <p>{t(l, "security-enrol-step2")}</p>
                    <form method="post" action="/dashboard/security">
                        <Csrf token=frame.csrf.clone()/>
                        <input type="hidden" name="sealed" value=sealed/>
                        <label for="code">{t(l, "security-enrol-code")}</label>
                        <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" dir="ltr" required maxlength="6"/>
                        <div class="actions"><button type="submit">{t(l, "security-enrol-submit")}</button></div>
                    </form>
                </li>
            </ol>
        }
        .into_any(),
    };
    screen(frame, &t(l, "security-title"), main)
}
