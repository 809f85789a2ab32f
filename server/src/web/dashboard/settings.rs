//! `/dashboard/settings` (owners and developers): products (methods,
//! currency, embed origins, webhook URL, secret rotation), the brand colour
//! and logo, and the checkout preview.

use super::{client, failure, forbidden, frame, screen, viewer};
use crate::AppState;
use crate::accounts::{self, Viewer};
use crate::branding::{self, LogoProblem};
use crate::checkouts::Loaded;
use crate::error::Error;
use crate::sessions::{ProductChoice, SessionRequest};
use crate::store::merchants;
use crate::webhooks::signature::WebhookSecret;
use app::dashboard::Section;
use app::dashboard::settings::{self as views, ProductForm, SettingsPage};
use app::dashboard::texts::t;
use app::domain::account::Permission;
use app::domain::checkout::{CheckoutDraft, LineItemDraft};
use app::domain::product::ProductDraft;
use app::domain::{Currency, MethodId};
use axum::extract::{Form, Multipart, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// What a page shows after an action.
#[derive(Default)]
pub struct Said {
    pub notice: Option<String>,
    pub problem: Option<String>,
    pub new_secret: Option<(String, String)>,
}

async fn settings_page(state: &AppState, parts: &Parts, v: &Viewer, said: Said) -> Response {
    let f = frame(parts, v, Section::Settings);
    if !v.membership.role.can(Permission::ManageBranding) {
        return forbidden(&f);
    }
    let owner = v.owner();
    let (products, brand) = match (
        crate::products::list(&state.core, &owner).await,
        merchants::brand(&state.db.pool, &owner.merchant_id).await,
    ) {
        (Ok(p), Ok(b)) => (p, b),
        (Err(e), _) => return failure(parts, e),
        (_, Err(e)) => return failure(parts, e),
    };
    let status = if said.problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = SettingsPage {
        products: products
            .into_iter()
            .map(|view| {
                let spec = view.product.spec;
                ProductForm {
                    id: view.product.id,
                    name: spec.name,
                    currency: spec.main_currency.code().to_owned(),
                    methods: spec
                        .payment_methods
                        .iter()
                        .map(|m| m.as_str().to_owned())
                        .collect(),
                    embed_origins: spec.embed_origins.join("\n"),
                    webhook_url: spec.webhook_url.unwrap_or_default(),
                }
            })
            .collect(),
        currencies: Currency::codes().collect(),
        methods: MethodId::ALL
            .iter()
            .map(|m| (m.as_str().to_owned(), m.info().name.to_owned()))
            .collect(),
        brand_color: brand.color.unwrap_or_else(|| "#0f766e".into()),
        logo: brand
            .logo
            .map(|(hash, _, _)| branding::logo_url(&owner.merchant_id, &hash)),
        new_secret: said.new_secret,
        notice: said.notice,
        problem: said.problem,
        can_edit: true,
        desktop: parts
            .uri
            .query()
            .is_some_and(|q| q.contains("preview=desktop")),
    };
    screen(state, parts, &f, status, views::settings(&f, page))
}

/// `GET /dashboard/settings`.
pub async fn show(State(state): State<AppState>, parts: Parts) -> Response {
    let v = or_answer!(viewer(&state, &parts).await);
    let l = super::lang(&parts);
    let notice = match parts.uri.query().unwrap_or("") {
        "done=product" => Some(t(l, "settings-saved")),
        "done=color" => Some(t(l, "settings-color-saved")),
        "done=logo" => Some(t(l, "settings-logo-saved")),
        _ => None,
    };
    settings_page(
        &state,
        &parts,
        &v,
        Said {
            notice,
            ..Said::default()
        },
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProductFields {
    csrf: String,
    currency: String,
    methods: Vec<String>,
    embed_origins: String,
    webhook_url: String,
}

/// `POST /dashboard/settings/products/{id}`.
pub async fn save_product(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
    axum_extra_form: axum::body::Bytes,
) -> Response {
    // Several `methods` fields: parsed with serde_html_form rules by hand.
    let p = parse_product(&axum_extra_form);
    let v = or_answer!(
        super::acting(
            &state,
            &parts,
            &p.csrf,
            Permission::ManageWebhooks,
            Section::Settings,
        )
        .await
    );
    let draft = ProductDraft {
        main_currency: Some(p.currency.clone()),
        payment_methods: Some(p.methods.clone()),
        embed_origins: Some(
            p.embed_origins
                .lines()
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_owned)
                .collect(),
        ),
        webhook_url: Some(p.webhook_url.trim().to_owned()),
        ..ProductDraft::default()
    };
    let saved = match crate::products::update(&state.core, &v.owner(), &id, draft).await {
        Ok(change) => change.commit().await.map(|_| ()).map_err(Error::from),
        Err(e) => Err(e),
    };
    match saved {
        Ok(()) => {
            let _ = accounts::audit(
                &state.core,
                &v.membership.merchant_id,
                &v.user,
                &client(&parts),
                "product.updated",
                Some(id),
            )
            .await;
            Redirect::to("/dashboard/settings?done=product").into_response()
        }
        Err(Error::Invalid(e)) => {
            let l = super::lang(&parts);
            let problem = Some(super::problem::field(l, &e));
            settings_page(
                &state,
                &parts,
                &v,
                Said {
                    problem,
                    ..Said::default()
                },
            )
            .await
        }
        Err(Error::NotFound(..)) => {
            super::not_found(&state, &parts, &frame(&parts, &v, Section::Settings))
        }
        Err(e) => failure(&parts, e),
    }
}

fn parse_product(body: &[u8]) -> ProductFields {
    let mut p = ProductFields::default();
    for (k, v) in url::form_urlencoded::parse(body) {
        match k.as_ref() {
            "csrf" => p.csrf = v.into_owned(),
            "currency" => p.currency = v.into_owned(),
            "methods" => p.methods.push(v.into_owned()),
            "embed_origins" => p.embed_origins = v.into_owned(),
            "webhook_url" => p.webhook_url = v.into_owned(),
            _ => {}
        }
    }
    p
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Csrf {
    csrf: String,
}

/// `POST /dashboard/settings/products/{id}/secret`: a new signing secret,
/// shown this once.
pub async fn rotate_secret(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
    Form(c): Form<Csrf>,
) -> Response {
    let v = or_answer!(
        super::acting(
            &state,
            &parts,
            &c.csrf,
            Permission::ManageWebhooks,
            Section::Settings,
        )
        .await
    );
    let secret = WebhookSecret::generate();
    let draft = ProductDraft {
        webhook_secret: Some(secret.clone()),
        ..ProductDraft::default()
    };
    let saved = match crate::products::update(&state.core, &v.owner(), &id, draft).await {
        Ok(change) => change.commit().await.map_err(Error::from),
        Err(e) => Err(e),
    };
    match saved {
        Ok(view) => {
            let _ = accounts::audit(
                &state.core,
                &v.membership.merchant_id,
                &v.user,
                &client(&parts),
                "webhook_secret.rotated",
                Some(id),
            )
            .await;
            let said = Said {
                new_secret: Some((view.product.spec.name, secret)),
                ..Said::default()
            };
            settings_page(&state, &parts, &v, said).await
        }
        Err(Error::NotFound(..)) => {
            super::not_found(&state, &parts, &frame(&parts, &v, Section::Settings))
        }
        Err(e) => failure(&parts, e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Color {
    csrf: String,
    color: String,
}

/// `POST /dashboard/settings/brand`: the brand colour.
pub async fn save_color(
    State(state): State<AppState>,
    parts: Parts,
    Form(c): Form<Color>,
) -> Response {
    let v = or_answer!(
        super::acting(
            &state,
            &parts,
            &c.csrf,
            Permission::ManageBranding,
            Section::Settings,
        )
        .await
    );
    let Some(color) = app::domain::brand::parse_color(&c.color) else {
        let problem = Some(t(super::lang(&parts), "settings-bad-color"));
        return settings_page(
            &state,
            &parts,
            &v,
            Said {
                problem,
                ..Said::default()
            },
        )
        .await;
    };
    match merchants::set_brand_color(state.db.writer(), &v.membership.merchant_id, Some(&color))
        .await
    {
        Ok(()) => Redirect::to("/dashboard/settings?done=color").into_response(),
        Err(e) => failure(&parts, e),
    }
}

/// The CSRF token and the file of a logo upload.
async fn logo_upload(mut form: Multipart) -> Result<(String, Vec<u8>), LogoProblem> {
    let (mut csrf, mut file) = (String::new(), Vec::new());
    while let Ok(Some(field)) = form.next_field().await {
        match field.name() {
            Some("csrf") => csrf = field.text().await.unwrap_or_default(),
            Some("logo") => {
                file = field
                    .bytes()
                    .await
                    .map_err(|_| LogoProblem::TooLarge)?
                    .to_vec();
            }
            _ => {}
        }
    }
    Ok((csrf, file))
}

/// `POST /dashboard/settings/logo` (multipart): a logo, re-encoded.
pub async fn upload_logo(State(state): State<AppState>, parts: Parts, form: Multipart) -> Response {
    let l = super::lang(&parts);
    let (csrf, file) = logo_upload(form).await.unwrap_or_default();
    let v = or_answer!(
        super::acting(
            &state,
            &parts,
            &csrf,
            Permission::ManageBranding,
            Section::Settings,
        )
        .await
    );
    let problem = match branding::set_logo(&state.core, &v.membership.merchant_id, &file).await {
        Ok(Ok(())) => {
            let _ = accounts::audit(
                &state.core,
                &v.membership.merchant_id,
                &v.user,
                &client(&parts),
                "logo.uploaded",
                None,
            )
            .await;
            return Redirect::to("/dashboard/settings?done=logo").into_response();
        }
        Ok(Err(LogoProblem::TooLarge)) => t(l, "settings-logo-too-large"),
        Ok(Err(LogoProblem::NotAnImage)) => t(l, "settings-logo-not-image"),
        Err(e) => return failure(&parts, e),
    };
    settings_page(
        &state,
        &parts,
        &v,
        Said {
            problem: Some(problem),
            ..Said::default()
        },
    )
    .await
}

/// `GET /dashboard/settings/preview`: a sample checkout drawn with this
/// mode's default product and the merchant's brand, never stored (paying
/// it finds nothing). Only this origin may frame it.
pub async fn preview(State(state): State<AppState>, parts: Parts) -> Response {
    let v = or_answer!(viewer(&state, &parts).await);
    let l = super::lang(&parts);
    let draft = CheckoutDraft {
        currency: None,
        line_items: Some(vec![LineItemDraft {
            name: Some(t(l, "settings-preview-item")),
            unit_amount: Some(150_000),
            quantity: Some(1),
            description: None,
        }]),
        ..CheckoutDraft::default()
    };
    let req = SessionRequest {
        product: ProductChoice::Default,
        draft,
        echo: serde_json::Value::Null,
    };
    let session = match crate::sessions::prepare(&state.core, &v.owner(), req).await {
        Ok(s) => s,
        Err(e) => return failure(&parts, e),
    };
    let loaded = Loaded {
        session,
        attempt: None,
    };
    let (page, logo) = match super::super::page::page_and_logo(&state.checkouts, &loaded).await {
        Ok(x) => x,
        Err(e) => return failure(&parts, e),
    };
    let data = app::service::PageData {
        locale: l,
        locale_source: app::domain::LocaleSource::Merchant,
        checkout: Some(page),
        policy: app::service::PagePolicy {
            form_targets: Vec::new(),
            frame_ancestors: vec![state.config.public_url.clone()],
        },
        echo: None,
        logo,
    };
    let doc = app::page::CheckoutDocument {
        data: Some(data),
        lang: Some(l.as_str().to_owned()),
    };
    let mut res = super::super::page::draw(&state.leptos, parts, doc).await;
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `GET /brand/{merchant}/{hash}.png`: a merchant's logo, cached for good
/// (a new logo has a new name).
pub async fn logo(
    State(state): State<AppState>,
    Path((merchant, file)): Path<(String, String)>,
) -> Response {
    let Some(hash) = file.strip_suffix(".png") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match merchants::logo_png(&state.db.pool, &merchant, hash).await {
        Ok(Some(png)) => {
            let mut res = png.into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
            res
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "could not read a logo");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
