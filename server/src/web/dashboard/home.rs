//! `GET /dashboard`: the home screen's figures for the chosen merchant and
//! mode.

use super::{frame, screen, viewer};
use crate::AppState;
use crate::db::now_ms;
use crate::store::{Owner, reports};
use app::dashboard::Section;
use app::dashboard::home::{self as views, ChartDay, HomeData, MethodRate};
use app::domain::{Currency, Locale, MethodId, Money};
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;

const DAY_MS: i64 = 86_400_000;

fn amounts(l: Locale, rows: &[(String, i64)]) -> Vec<String> {
    rows.iter()
        .filter_map(|(c, minor)| {
            Some(Money::new(*minor, Currency::parse(c)?).format(l.number_style()))
        })
        .collect()
}

/// The last 30 days of `currency`, a bar per day (empty days too).
async fn chart(
    state: &AppState,
    owner: &Owner,
    l: Locale,
    currency: &str,
    now: i64,
) -> Result<Vec<ChartDay>, sqlx::Error> {
    let today = now.div_euclid(DAY_MS);
    let first = today - 29;
    let rows = reports::paid_per_day(&state.db.pool, owner, currency, first * DAY_MS).await?;
    let c = Currency::parse(currency);
    Ok((first..=today)
        .map(|day| {
            let minor = rows.iter().find(|(d, _)| *d == day).map_or(0, |(_, m)| *m);
            let (_, month, d, _, _) = app::i18n::civil_from_unix(day * 86_400);
            ChartDay {
                label: format!("{d} {}", app::i18n::t(l, &format!("month-{month}"))),
                minor,
                shown: c
                    .map(|c| Money::new(minor, c).format(l.number_style()))
                    .unwrap_or_default(),
            }
        })
        .collect())
}

async fn data(state: &AppState, owner: &Owner, l: Locale) -> Result<HomeData, sqlx::Error> {
    let now = now_ms();
    let month_start = (now.div_euclid(DAY_MS) - 29) * DAY_MS;
    let pool = &state.db.pool;
    let today = reports::paid_by_currency(pool, owner, now.div_euclid(DAY_MS) * DAY_MS).await?;
    let month = reports::paid_by_currency(pool, owner, month_start).await?;
    let methods = reports::method_rates(pool, owner, month_start)
        .await?
        .into_iter()
        .map(|(m, paid, tried)| MethodRate {
            method: MethodId::parse(&m).map_or(m, |id| id.info().name.to_owned()),
            paid,
            tried,
        })
        .collect();
    let chart = match month.first() {
        Some((currency, _)) => Some((
            currency.clone(),
            chart(state, owner, l, currency, now).await?,
        )),
        None => None,
    };
    Ok(HomeData {
        today: amounts(l, &today),
        month: amounts(l, &month),
        paid_count: reports::paid_count(pool, owner, month_start).await?,
        methods,
        chart,
    })
}

pub async fn show(State(state): State<AppState>, parts: Parts) -> Response {
    let v = or_answer!(viewer(&state, &parts).await);
    let f = frame(&parts, &v, Section::Home);
    match data(&state, &v.owner(), f.lang).await {
        Ok(d) => screen(&state, &parts, &f, StatusCode::OK, views::home(&f, d)),
        Err(e) => super::failure(&parts, e),
    }
}
