//! `/dashboard/security`: turning two-factor sign-in on.

use super::{client, failure, frame, screen, signed_form, viewer};
use crate::AppState;
use crate::accounts::{self, AccountError};
use app::dashboard::Section;
use app::dashboard::security::{self as views, SecurityPage};
use app::dashboard::texts::t;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde::Deserialize;

/// `text` as a QR code in SVG (no XML declaration, so it sits in HTML),
/// black on white with its quiet zone; `None` if too long for a QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Some(match svg.find("<svg") {
        Some(i) => svg[i..].to_owned(),
        None => svg,
    })
}

fn enrol_page(enrolment: accounts::Enrolment, problem: Option<String>) -> SecurityPage {
    SecurityPage::Enrol {
        qr_svg: qr_svg(&enrolment.url).unwrap_or_default(),
        secret: enrolment.secret,
        sealed: enrolment.sealed,
        problem,
    }
}

/// `GET /dashboard/security`.
pub async fn show(State(state): State<AppState>, parts: Parts) -> Response {
    let v = or_answer!(viewer(&state, &parts).await);
    let f = frame(&parts, &v, Section::Security);
    let page = if v.user.totp_secret.is_some() {
        SecurityPage::On
    } else {
        enrol_page(accounts::start_enrolment(&state.core, &v.user), None)
    };
    screen(
        &state,
        &parts,
        &f,
        StatusCode::OK,
        views::security(&f, page),
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Enrol {
    csrf: String,
    sealed: String,
    code: String,
}

/// `POST /dashboard/security`: the app's first code confirms the secret.
pub async fn enrol(State(state): State<AppState>, parts: Parts, Form(e): Form<Enrol>) -> Response {
    let v = or_answer!(signed_form(&state, &parts, &e.csrf).await);
    let f = frame(&parts, &v, Section::Security);
    if v.user.totp_secret.is_some() {
        return screen(
            &state,
            &parts,
            &f,
            StatusCode::OK,
            views::security(&f, SecurityPage::On),
        );
    }
    let done = accounts::finish_enrolment(
        &state.core,
        &v.session,
        &v.user,
        &e.sealed,
        &e.code,
        &client(&parts),
    )
    .await;
    let (status, page) = match done {
        Ok(codes) => (StatusCode::OK, SecurityPage::Codes(codes)),
        Err(AccountError::WrongCode) => {
            let again = accounts::reopen_enrolment(&state.core, &v.user, &e.sealed)
                .unwrap_or_else(|| accounts::start_enrolment(&state.core, &v.user));
            let problem = Some(t(f.lang, "security-enrol-wrong"));
            (StatusCode::UNPROCESSABLE_ENTITY, enrol_page(again, problem))
        }
        Err(e) => return failure(&parts, e),
    };
    screen(&state, &parts, &f, status, views::security(&f, page))
}
