//! The payment form. A plain HTML form that posts to `/c/{id}` (so it works
//! before or without WebAssembly); once hydrated it checks the number as the
//! buyer types and pays without a page load.

use super::parts::{MethodMark, method_name, money, t, ta};
use super::with_lang;
#[cfg(feature = "hydrate")]
use crate::domain::MethodId;
use crate::domain::PaymentStatus;
use crate::domain::phone::display_phone;
use crate::service::{CheckoutPage, FormEcho, PayProblem};
use leptos::html::Input;
use leptos::prelude::*;

fn failure_message_id(code: &str) -> String {
    match code {
        "insufficient_funds" | "declined" | "timeout" => format!("failure-{code}"),
        _ => "failure-generic".to_owned(),
    }
}

#[component]
pub fn PayForm(page: RwSignal<CheckoutPage>, echo: Option<FormEcho>) -> impl IntoView {
    let p = page.get_untracked();
    let methods = p.methods.clone();
    let merchant = p.merchant_name.clone();
    let cancel = p.cancel_url.clone().map(|url| {
        view! {
            <a class="cancel" href=url data-testid="cancel">
                {ta("cancel-link", &[("merchant", &merchant)])}
            </a>
        }
    });
    if methods.is_empty() {
        return view! {
            <p class="notice" role="status">{ta("no-methods", &[("merchant", &p.merchant_name)])}</p>
            {cancel}
        }
        .into_any();
    }

    let last_failed = p
        .attempt
        .clone()
        .filter(|_| p.payment_status == PaymentStatus::Failed);
    let first = echo
        .as_ref()
        .and_then(|e| e.method)
        .or(last_failed.as_ref().map(|a| a.method))
        .filter(|m| methods.contains(m))
        .unwrap_or(methods[0]);
    let typed = echo
        .as_ref()
        .map(|e| e.phone.clone())
        .or(last_failed
            .as_ref()
            .and_then(|a| a.phone.as_deref().map(display_phone)))
        .or(p.prefill_phone.as_deref().map(display_phone))
        .unwrap_or_default();
    let selected = RwSignal::new(first);
    let problem: RwSignal<Option<PayProblem>> = RwSignal::new(echo.map(|e| e.problem));
    let busy = RwSignal::new(false);
    let phone_input = NodeRef::<Input>::new();

    let failure = last_failed.map(|a| {
        let code = a.failure_code.unwrap_or_default();
        let method = method_name(a.method);
        view! {
            <div class="alert" role="alert" data-testid="payment-failed">
                <p class="font-semibold">{t("failed-title")}</p>
                <p>{ta(&failure_message_id(&code), &[("method", &method)])}</p>
                <p>{t("failed-retry")}</p>
            </div>
        }
    });

    let id = p.id.clone();
    let currency = p.total.currency;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            // Read the form itself: the buyer may have typed before the
            // page finished loading.
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let Ok(data) = web_sys::FormData::new_with_form(&form) else {
                return;
            };
            let method = data
                .get("method")
                .as_string()
                .and_then(|s| MethodId::parse(&s))
                .unwrap_or_else(|| selected.get_untracked());
            let phone = data.get("phone").as_string().unwrap_or_default();
            if let Err(e) = method.normalise_phone(&phone, currency) {
                problem.set(Some(PayProblem::Phone(e)));
                if let Some(input) = phone_input.get_untracked() {
                    let _ = input.focus();
                }
                return;
            }
            busy.set(true);
            let id = id.clone();
            leptos::task::spawn_local(async move {
                match crate::api::pay(id, method, Some(phone)).await {
                    Ok(Ok(next)) => {
                        page.try_set(next);
                    }
                    Ok(Err(refused)) => {
                        problem.try_set(Some(refused));
                    }
                    Err(_) => {
                        problem.try_set(Some(PayProblem::Unavailable));
                    }
                }
                busy.try_set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &id, currency);
    };

    let method_label = move || ta("phone-label", &[("method", &method_name(selected.get()))]);
    let error_text = move || {
        problem.get().map(|pr| {
            ta(
                &pr.message_id(),
                &[("method", &method_name(selected.get()))],
            )
        })
    };
    let pay_label = ta(
        "pay-button",
        &[
            ("submit", p.submit_type.as_str()),
            ("amount", &money(p.total)),
        ],
    );
    let lang = super::lang_query()();

    view! {
        {failure}
        <form method="post" action=with_lang(&format!("/c/{}", p.id)) on:submit=on_submit novalidate>
            {lang.map(|l| view! { <input type="hidden" name="lang" value=l/> })}
            <fieldset class="methods">
                <legend>{t("pay-with")}</legend>
                <div class="method-grid">
                    {methods.into_iter().map(|m| view! {
                        <label class="method">
                            <input type="radio" name="method" value=m.as_str() checked=m == first
                                on:change=move |_| { selected.set(m); problem.set(None); }/>
                            <MethodMark method=m/>
                            <span class="method-name">{method_name(m)}</span>
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="field">
                <label for="phone">{method_label}</label>
                <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required
                    value=typed node_ref=phone_input
                    aria-describedby="phone-hint phone-error"
                    aria-invalid=move || if problem.get().is_some() { "true" } else { "false" }
                    on:input=move |_| problem.set(None)/>
                <p id="phone-hint" class="hint">{t("phone-hint")}</p>
                <p id="phone-error" class="field-error" role="alert" data-testid="phone-error">{error_text}</p>
            </div>
            <button type="submit" class="button" disabled=move || busy.get() data-testid="pay">
                {move || if busy.get() { t("paying") } else { pay_label.clone() }}
            </button>
        </form>
        {cancel}
    }
    .into_any()
}
