//! The payment form. A plain HTML form that posts to `/c/{id}` (so it works
//! before or without WebAssembly) with a field group per kind of method;
//! CSS shows the group of the chosen method. Once hydrated it checks what
//! the buyer types as they go and pays without a page load.

use super::language::Draft;
use super::parts::{MethodMark, method_name, money, t, ta, tn};
use super::with_lang;
use crate::domain::attempt::failure;
use crate::domain::card::{self, Brand, CardError};
use crate::domain::phone::display_phone;
use crate::domain::{Currency, MethodId, MethodKind, Money, PaymentStatus};
use crate::service::{CheckoutPage, FormEcho, PayProblem};
use leptos::html::Input;
use leptos::prelude::*;

fn failure_message_id(code: &str) -> String {
    if failure::KNOWN.contains(&code) {
        format!("failure-{code}")
    } else {
        "failure-generic".to_owned()
    }
}

/// The input a problem belongs to; `None` for problems about the whole form.
fn field_of(problem: &PayProblem) -> Option<&'static str> {
    match problem {
        PayProblem::Phone(_) => Some("phone"),
        PayProblem::Card(e) => Some(e.field()),
        PayProblem::Amount => Some("amount"),
        _ => None,
    }
}

/// The form's shared state, cheap to copy into every handler.
#[derive(Clone, Copy)]
struct FormState {
    selected: RwSignal<MethodId>,
    problem: RwSignal<Option<PayProblem>>,
    brand: RwSignal<Option<Brand>>,
    busy: RwSignal<bool>,
    currency: Currency,
}

impl FormState {
    /// False once the form is gone: a language switch re-renders it, and the
    /// browser still sends the old inputs a last `blur` as they leave.
    fn alive(self) -> bool {
        !self.problem.is_disposed()
    }

    /// The message for `field`, if the current problem is about it.
    fn error_text(self, field: &'static str) -> impl Fn() -> String + Send + Sync + 'static {
        move || {
            self.problem
                .get()
                .filter(|p| field_of(p) == Some(field))
                .map(|p| {
                    ta(
                        &p.message_id(),
                        &[("method", &method_name(self.selected.get()))],
                    )
                })
                .unwrap_or_default()
        }
    }

    fn invalid(self, field: &'static str) -> impl Fn() -> &'static str + Send + Sync + 'static {
        move || {
            let bad = self
                .problem
                .get()
                .is_some_and(|p| field_of(&p) == Some(field));
            if bad { "true" } else { "false" }
        }
    }

    /// Shows or clears the error of one field after the buyer leaves it (or,
    /// once an error shows, as they type).
    fn check(self, field: &'static str, result: Result<(), PayProblem>) {
        let mine = self
            .problem
            .get_untracked()
            .is_some_and(|p| field_of(&p) == Some(field));
        match result {
            Err(p) => self.problem.set(Some(p)),
            Ok(()) if mine => self.problem.set(None),
            Ok(()) => {}
        }
    }
}

/// This field's check on its own, as the browser sees it.
fn check_field(state: FormState, field: &'static str, value: &str) -> Result<(), PayProblem> {
    let card = |e: CardError| PayProblem::Card(e);
    match field {
        "phone" => state
            .selected
            .get_untracked()
            .normalise_phone(value, state.currency)
            .map(|_| ())
            .map_err(PayProblem::Phone),
        "card-number" => card::check_number(value).map(|_| ()).map_err(card),
        "card-expiry" => {
            let (year, month, ..) = crate::i18n::civil_from_unix(super::now_secs());
            card::check_expiry(value, year as i32, month)
                .map(|_| ())
                .map_err(card)
        }
        "card-cvc" => {
            card::check_cvc(value, state.brand.get_untracked().unwrap_or(Brand::Visa)).map_err(card)
        }
        "card-name" if value.trim().is_empty() => Err(card(CardError::NameMissing)),
        _ => Ok(()),
    }
}

/// The merchant's cancel link. In a frame run by the merchant's embed
/// script, the script decides where a cancel goes; otherwise the link leaves
/// the frame.
#[component]
fn CancelLink(url: String, merchant: String, session_id: String) -> impl IntoView {
    let on_cancel = {
        let url = url.clone();
        move |ev: leptos::ev::MouseEvent| {
            if super::embed::hosted() {
                ev.prevent_default();
                #[cfg(feature = "hydrate")]
                super::embed::post(
                    "cancelled",
                    &[
                        ("session_id", session_id.as_str().into()),
                        ("cancel_url", url.as_str().into()),
                    ],
                );
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&session_id, &url);
        }
    };
    view! {
        <a class="cancel" href=url rel="external" target="_top" on:click=on_cancel data-testid="cancel">
            {ta("cancel-link", &[("merchant", &merchant)])}
        </a>
    }
}

/// What the form starts with: the method and number the buyer had typed
/// before switching language, or sent in a refused form, or used in the
/// last failed payment, or the merchant's prefill. A number the merchant
/// fixed is the only one, whatever was typed.
struct Start {
    method: MethodId,
    phone: String,
    draft: Option<Draft>,
}

fn start(p: &CheckoutPage, echo: Option<&FormEcho>) -> Start {
    let last_failed = p
        .attempt
        .as_ref()
        .filter(|_| p.payment_status == PaymentStatus::Failed);
    let draft = super::language::Switching::take_draft();
    let method = draft
        .as_ref()
        .and_then(|d| d.method)
        .or(echo.and_then(|e| e.method))
        .or(last_failed.map(|a| a.method))
        .filter(|m| p.methods.contains(m))
        .unwrap_or(p.methods[0]);
    let typed = draft
        .as_ref()
        .map(|d| d.phone.clone())
        .or(echo.map(|e| e.phone.clone()))
        .or(last_failed.and_then(|a| a.phone.as_deref().map(display_phone)))
        .or(p.prefill_phone.as_deref().map(display_phone))
        .unwrap_or_default();
    let phone = p
        .locked_phone
        .as_deref()
        .map(display_phone)
        .unwrap_or(typed);
    Start {
        method,
        phone,
        draft,
    }
}

/// Why the last payment failed, following the page: a card declined at
/// once fails without a new screen.
#[component]
fn FailureAlert(page: RwSignal<CheckoutPage>) -> impl IntoView {
    move || {
        let failed = page.with(|p| {
            p.attempt
                .clone()
                .filter(|_| p.payment_status == PaymentStatus::Failed)
        });
        failed.map(|a| {
            let code = a.failure_code.unwrap_or_default();
            let method = method_name(a.method);
            view! {
                <div class="alert" role="alert" data-testid="payment-failed">
                    <p class="font-semibold">{t("failed-title")}</p>
                    <p>{ta(&failure_message_id(&code), &[("method", &method)])}</p>
                    <p>{t("failed-retry")}</p>
                </div>
            }
        })
    }
}

/// The radio buttons, one per method.
#[component]
fn MethodChoice(
    state: FormState,
    methods: Vec<(MethodId, MethodKind)>,
    first: MethodId,
) -> impl IntoView {
    view! {
        <fieldset class="methods">
            <legend>{t("pay-with")}</legend>
            <div class="method-grid">
                {methods.into_iter().map(|(m, kind)| view! {
                    <label class="method">
                        <input type="radio" name="method" value=m.as_str() checked=m == first
                            data-kind=kind_name(kind)
                            on:change=move |_| { state.selected.set(m); state.problem.set(None); }/>
                        <MethodMark method=m/>
                        <span class="method-name">{method_name(m)}</span>
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// The fields of every kind of method the page offers (CSS shows those of
/// the chosen one), and the amount of a payment in parts.
#[component]
fn MethodFields(
    state: FormState,
    p: CheckoutPage,
    start: Start,
    echo: Option<FormEcho>,
) -> impl IntoView {
    let kinds = |k: MethodKind| p.methods.iter().any(|m| p.kind_of(*m) == k);
    let locked = p.locked_phone.is_some();
    let phone = start.phone;
    let phone_fields =
        kinds(MethodKind::MobileMoney).then(|| view! { <PhoneFields state phone locked/> });
    let card_fields = kinds(MethodKind::Card).then(|| {
        let typed = start.draft.unwrap_or_else(|| Draft {
            card_expiry: echo
                .as_ref()
                .map(|e| e.card_expiry.clone())
                .unwrap_or_default(),
            card_name: echo
                .as_ref()
                .map(|e| e.card_name.clone())
                .unwrap_or_default(),
            ..Draft::default()
        });
        view! { <CardFields state typed/> }
    });
    let redirect_fields = kinds(MethodKind::Redirect).then(|| {
        view! { <div class="fields fields-redirect"><p class="hint">{t("redirect-hint")}</p></div> }
    });
    let amount_field = p.partial.map(|(paid, left)| {
        let typed = echo
            .as_ref()
            .map(|e| e.amount.clone())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| {
                left.plain()
                    .split(' ')
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            });
        view! { <AmountField state paid left total=p.total typed/> }
    });
    view! { {amount_field} {phone_fields} {card_fields} {redirect_fields} }
}

/// The Pay button's words: the amount, or (paid in parts, the buyer
/// chooses how much) none.
fn pay_label(p: &CheckoutPage) -> String {
    if p.partial.is_some() {
        return t("pay-part");
    }
    let amount = money(p.total);
    ta(
        "pay-button",
        &[("submit", p.submit_type.as_str()), ("amount", &amount)],
    )
}

#[component]
pub fn PayForm(page: RwSignal<CheckoutPage>, echo: Option<FormEcho>) -> impl IntoView {
    let p = page.get_untracked();
    let cancel = p.cancel_url.clone().map(|url| {
        view! { <CancelLink url merchant=p.merchant_name.clone() session_id=p.id.clone()/> }
    });
    if p.methods.is_empty() {
        return view! {
            <p class="notice" role="status">{ta("no-methods", &[("merchant", &p.merchant_name)])}</p>
            {cancel}
        }
        .into_any();
    }
    let start = start(&p, echo.as_ref());
    let state = FormState {
        selected: RwSignal::new(start.method),
        problem: RwSignal::new(echo.as_ref().map(|e| e.problem)),
        brand: RwSignal::new(None),
        busy: RwSignal::new(false),
        currency: p.total.currency,
    };
    let id = p.id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        submit(ev, id.clone(), state, page);
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &id, page);
    };
    let general_error = move || {
        state
            .problem
            .get()
            .filter(|p| field_of(p).is_none())
            .map(|p| t(&p.message_id()))
            .unwrap_or_default()
    };
    let pay_label = pay_label(&p);
    let lang = super::lang_query()();
    let first = start.method;
    view! {
        <FailureAlert page/>
        <form method="post" action=with_lang(&format!("/c/{}", p.id)) on:submit=on_submit novalidate>
            {lang.map(|l| view! { <input type="hidden" name="lang" value=l/> })}
            <MethodChoice state methods=p.methods.iter().map(|m| (*m, p.kind_of(*m))).collect() first/>
            <MethodFields state p=p.clone() start echo/>
            <p class="field-error" role="alert" data-testid="form-error">{general_error}</p>
            <button type="submit" class="button" disabled=move || state.busy.get() data-testid="pay">
                {move || if state.busy.get() { t("paying") } else { pay_label.clone() }}
            </button>
        </form>
        <ExpiryNote expires_at=p.expires_at/>
        {cancel}
    }
    .into_any()
}

/// When the checkout stops taking payments, in the buyer's words: minutes
/// or hours from now (no time zone to get wrong), a date when days away.
#[component]
fn ExpiryNote(expires_at: i64) -> impl IntoView {
    let left = RwSignal::new(expires_at - super::now_secs());
    #[cfg(feature = "hydrate")]
    super::parts::every(std::time::Duration::from_secs(15), move || {
        left.set(expires_at - super::now_secs())
    });
    let text = move || {
        let secs = left.get().max(0);
        let minutes = (secs + 59) / 60;
        if minutes <= 90 {
            tn("expires-in-minutes", "minutes", minutes.max(1))
        } else if secs < 48 * 3600 {
            tn("expires-in-hours", "hours", (secs + 1800) / 3600)
        } else {
            ta(
                "expires-on",
                &[(
                    "date",
                    &crate::i18n::date_time(super::parts::locale(), expires_at),
                )],
            )
        }
    };
    view! { <p class="expires" data-testid="expires">{text}</p> }
}

fn kind_name(k: MethodKind) -> &'static str {
    match k {
        MethodKind::MobileMoney => "mobile_money",
        MethodKind::Card => "card",
        MethodKind::Redirect => "redirect",
    }
}

/// Reads an input's value from its event.
fn value_of(ev: &leptos::ev::Event) -> String {
    event_target_value(ev)
}

/// Whether focus leaves a field for the Pay button. Then the submit checks
/// the field; checking it on blur too would show an error that pushes the
/// button away from under the pointer, so the click would miss.
fn leaving_for_submit(ev: &leptos::ev::FocusEvent) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        ev.related_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.get_attribute("type").as_deref() == Some("submit"))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        false
    }
}

#[component]
fn PhoneFields(state: FormState, phone: String, locked: bool) -> impl IntoView {
    let label = move || {
        ta(
            "phone-label",
            &[("method", &method_name(state.selected.get()))],
        )
    };
    view! {
        <div class="fields fields-mobile_money field">
            <label for="phone">{label}</label>
            <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel"
                value=phone readonly=locked aria-describedby="phone-hint phone-error" aria-invalid=state.invalid("phone")
                on:input=move |ev| {
                    if state.alive() && state.problem.get_untracked().is_some() {
                        state.check("phone", check_field(state, "phone", &value_of(&ev)));
                    }
                }
                on:blur=move |ev| {
                    let v = event_target_value(&ev);
                    if state.alive() && !v.trim().is_empty() && !leaving_for_submit(&ev) {
                        state.check("phone", check_field(state, "phone", &v));
                    }
                }/>
            <p id="phone-hint" class="hint">{if locked { t("phone-locked") } else { t("phone-hint") }}</p>
            <p id="phone-error" class="field-error" role="alert" data-testid="phone-error">{state.error_text("phone")}</p>
        </div>
    }
}

/// Sessions paid in parts: how much to pay now (what is left, to start).
#[component]
fn AmountField(
    state: FormState,
    paid: Money,
    left: Money,
    total: Money,
    typed: String,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="amount">{ta("amount-label", &[("currency", left.currency.code())])}</label>
            <input id="amount" name="amount" type="text" inputmode="decimal" autocomplete="off"
                value=typed aria-describedby="amount-hint amount-error" aria-invalid=state.invalid("amount")/>
            <p id="amount-hint" class="hint" data-testid="amount-hint">
                {ta("amount-hint", &[("paid", &money(paid)), ("total", &money(total)), ("left", &money(left))])}
            </p>
            <p id="amount-error" class="field-error" role="alert" data-testid="amount-error">{state.error_text("amount")}</p>
        </div>
    }
}

/// One input of the card form, with its label and error.
#[component]
fn CardInputField(
    state: FormState,
    id: &'static str,
    name: &'static str,
    label: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional, into)] placeholder: Option<String>,
    #[prop(optional)] maxlength: Option<&'static str>,
    #[prop(optional)] value: String,
    #[prop(optional)] node_ref: NodeRef<Input>,
    /// Runs on every keystroke before the check (formatting, brand).
    #[prop(optional)]
    on_type: Option<Callback<leptos::ev::Event>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let input = view! {
        <input id=id name=name type="text" autocomplete=autocomplete inputmode=inputmode
            placeholder=placeholder maxlength=maxlength spellcheck="false" value=value node_ref=node_ref
            aria-describedby=error_id.clone() aria-invalid=state.invalid(id)
            on:input=move |ev| {
                if !state.alive() {
                    return;
                }
                if let Some(cb) = on_type {
                    cb.run(ev.clone());
                }
                if state.problem.get_untracked().is_some() {
                    state.check(id, check_field(state, id, &value_of(&ev)));
                }
            }
            on:blur=move |ev| {
                let v = event_target_value(&ev);
                if state.alive() && !v.trim().is_empty() && !leaving_for_submit(&ev) {
                    state.check(id, check_field(state, id, &v));
                }
            }/>
    };
    view! {
        <div class="field">
            <label for=id>{t(label)}</label>
            {input}
            <p id=error_id class="field-error" role="alert" data-testid=format!("{id}-error")>{state.error_text(id)}</p>
        </div>
    }
}

#[component]
fn CardFields(state: FormState, typed: Draft) -> impl IntoView {
    let Draft {
        card_number,
        card_expiry: expiry,
        card_cvc,
        card_name: name,
        ..
    } = typed;
    if !card_number.is_empty() {
        state
            .brand
            .set(Brand::detect(&card_number.replace(' ', "")));
    }
    let number = NodeRef::<Input>::new();
    let expiry_ref = NodeRef::<Input>::new();
    // Groups the digits as printed on the card and names the brand.
    let on_number = Callback::new(move |_ev: leptos::ev::Event| {
        if let Some(input) = number.get_untracked() {
            let digits: String = input
                .value()
                .chars()
                .filter(char::is_ascii_digit)
                .take(19)
                .collect();
            state.brand.set(Brand::detect(&digits));
            let formatted = card::format_number(&digits);
            if formatted != input.value() {
                input.set_value(&formatted);
            }
        }
    });
    // Types the slash of MM/YY for the buyer.
    let on_expiry = Callback::new(move |ev: leptos::ev::Event| {
        let deleting = value_of(&ev).ends_with('/');
        if let Some(input) = expiry_ref.get_untracked() {
            let digits: String = input
                .value()
                .chars()
                .filter(char::is_ascii_digit)
                .take(4)
                .collect();
            let formatted = if digits.len() > 2 || (digits.len() == 2 && !deleting) {
                format!("{}/{}", &digits[..2], &digits[2..])
            } else {
                digits
            };
            if formatted != input.value() {
                input.set_value(&formatted);
            }
        }
    });
    let brand = move || state.brand.get().map(|b| b.name()).unwrap_or_default();
    view! {
        <div class="fields fields-card">
            <div class="card-number">
                <CardInputField state id="card-number" name="card_number" label="card-number"
                    autocomplete="cc-number" inputmode="numeric" placeholder="1234 1234 1234 1234"
                    maxlength="23" value=card_number node_ref=number on_type=on_number/>
                <span class="card-brand" data-testid="card-brand" aria-live="polite">{brand}</span>
            </div>
            <div class="field-row">
                <CardInputField state id="card-expiry" name="card_expiry" label="card-expiry"
                    autocomplete="cc-exp" inputmode="numeric" placeholder=t("card-expiry-placeholder")
                    maxlength="7" value=expiry node_ref=expiry_ref on_type=on_expiry/>
                <CardInputField state id="card-cvc" name="card_cvc" label="card-cvc"
                    autocomplete="cc-csc" inputmode="numeric" placeholder="123" maxlength="4" value=card_cvc/>
            </div>
            <CardInputField state id="card-name" name="card_name" label="card-name" autocomplete="cc-name" value=name/>
        </div>
    }
}

/// Pays without a page load: checks the chosen method's fields, then calls
/// the server. Reads the form itself, since the buyer may have typed before
/// the page finished loading.
#[cfg(feature = "hydrate")]
fn submit(ev: leptos::ev::SubmitEvent, id: String, state: FormState, page: RwSignal<CheckoutPage>) {
    use crate::domain::card::CardInput;
    use wasm_bindgen::JsCast;
    ev.prevent_default();
    if state.busy.get_untracked() {
        return;
    }
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    let Ok(data) = web_sys::FormData::new_with_form(&form) else {
        return;
    };
    let get = |k: &str| data.get(k).as_string().unwrap_or_default();
    let method = MethodId::parse(&get("method")).unwrap_or_else(|| state.selected.get_untracked());
    let (phone, card) = match page.with_untracked(|p| p.kind_of(method)) {
        MethodKind::MobileMoney => (Some(get("phone")), None),
        MethodKind::Card => (
            None,
            Some(CardInput {
                number: get("card_number"),
                expiry: get("card_expiry"),
                cvc: get("card_cvc"),
                name: get("card_name"),
            }),
        ),
        MethodKind::Redirect => (None, None),
    };
    let amount = data.get("amount").as_string();
    let checked = match (&phone, &card) {
        (Some(p), _) => method
            .normalise_phone(p, state.currency)
            .map(|_| ())
            .map_err(PayProblem::Phone),
        (_, Some(c)) => {
            let (year, month, ..) = crate::i18n::civil_from_unix(super::now_secs());
            c.check(year as i32, month)
                .map(|_| ())
                .map_err(PayProblem::Card)
        }
        _ => Ok(()),
    };
    if let Err(problem) = checked {
        state.problem.set(Some(problem));
        if let Some(el) = field_of(&problem).and_then(|f| document().get_element_by_id(f)) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
        return;
    }
    state.busy.set(true);
    leptos::task::spawn_local(async move {
        match crate::api::pay(id, method, phone, card, amount).await {
            Ok(Ok(next)) => {
                page.try_set(next);
            }
            Ok(Err(refused)) => {
                state.problem.try_set(Some(refused));
            }
            Err(ServerFnError::ServerError(code)) => {
                let problem = PayProblem::from_limit_code(&code).unwrap_or(PayProblem::Unavailable);
                state.problem.try_set(Some(problem));
            }
            Err(_) => {
                state.problem.try_set(Some(PayProblem::Unavailable));
            }
        }
        state.busy.try_set(false);
    });
}
