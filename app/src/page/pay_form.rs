//! The payment form. A plain HTML form that posts to `/c/{id}` (so it works
//! before or without WebAssembly) with a field group per kind of method;
//! CSS shows the group of the chosen method. The form is an island: once
//! its wasm runs it checks what the buyer types as they go, formats the
//! card number and expiry, names the card's brand and refuses to send what
//! cannot pay; what it sends is the same form post.

use super::island::{self, Model};
use super::parts::{MethodMark, method_name, money, t, ta};
use super::texts::Texts;
use crate::domain::attempt::failure;
use crate::domain::card::{self, Brand, CardError};
use crate::domain::locale::latin_digit;
use crate::domain::phone::display_phone;
use crate::domain::{Currency, MethodId, MethodKind, PaymentStatus};
use crate::service::{CheckoutPage, FormEcho, PayProblem};
use leptos::html::Input;
use leptos::prelude::*;
use miniserde::{Deserialize, Serialize};

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

/// The merchant's cancel link. It leaves the frame; in a frame run by the
/// merchant's embed script, the script decides where a cancel goes (see
/// `embed`, which catches the click).
#[component]
fn CancelLink(url: String, label: String) -> impl IntoView {
    view! {
        <a class="cancel" href=url rel="external" target="_top" data-testid="cancel">{label}</a>
    }
}

/// What the form starts with, worked out by the server: the method and
/// fields the buyer sent in a refused form, or used in the last failed
/// payment, or the merchant's prefill. A number the merchant fixed is the
/// only one, whatever was typed. Never a card number or CVC. Methods,
/// kinds, the currency and a problem travel as their codes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormModel {
    checkout: String,
    /// Where the form posts, keeping `?lang=` (`lang`, empty if none).
    action: String,
    lang: String,
    methods: Vec<(String, String)>,
    method: String,
    phone: String,
    phone_locked: bool,
    card_expiry: String,
    card_name: String,
    /// Paid in parts: the amount field's label and hint, and what to pay
    /// now (what is left, to start).
    partial: Option<AmountModel>,
    currency: String,
    problem: Option<String>,
    pay_label: String,
    expiry: Expiry,
    texts: Texts,
}

impl Model for FormModel {
    const CARRIER: &'static str = "lipa-pay-form";
}

/// When the checkout closes: the note as the server wrote it and, in its
/// last 90 minutes, the words for each minute left (`minutes[m - 1]`), so
/// the note counts down without the plural rules in the browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expiry {
    at: i64,
    text: String,
    minutes: Vec<String>,
}

/// The amount field of a session paid in parts, in the buyer's words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountModel {
    label: String,
    hint: String,
    typed: String,
}

impl FormModel {
    fn new(p: &CheckoutPage, echo: Option<&FormEcho>, lang: Option<String>) -> FormModel {
        let last_failed = p
            .attempt
            .as_ref()
            .filter(|_| p.payment_status == PaymentStatus::Failed);
        let method = echo
            .and_then(|e| e.method)
            .or(last_failed.map(|a| a.method))
            .filter(|m| p.methods.contains(m))
            .unwrap_or(p.methods[0]);
        let typed = echo
            .map(|e| e.phone.clone())
            .or(last_failed.and_then(|a| a.phone.as_deref().map(display_phone)))
            .or(p.prefill_phone.as_deref().map(display_phone))
            .unwrap_or_default();
        let phone = p
            .locked_phone
            .as_deref()
            .map(display_phone)
            .unwrap_or(typed);
        let partial = p.partial.map(|(paid, left)| {
            let typed = echo
                .map(|e| e.amount.clone())
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| {
                    left.plain()
                        .split(' ')
                        .next()
                        .unwrap_or_default()
                        .to_owned()
                });
            AmountModel {
                label: ta("amount-label", &[("currency", left.currency.code())]),
                hint: ta(
                    "amount-hint",
                    &[
                        ("paid", &money(paid)),
                        ("total", &money(p.total)),
                        ("left", &money(left)),
                    ],
                ),
                typed,
            }
        });
        let action = match &lang {
            Some(l) => format!("/c/{}?lang={l}", p.id),
            None => format!("/c/{}", p.id),
        };
        let lang = lang.unwrap_or_default();
        FormModel {
            checkout: p.id.clone(),
            action,
            lang,
            methods: p
                .methods
                .iter()
                .map(|m| (m.as_str().to_owned(), p.kind_of(*m).as_str().to_owned()))
                .collect(),
            method: method.as_str().to_owned(),
            phone,
            phone_locked: p.locked_phone.is_some(),
            card_expiry: echo.map(|e| e.card_expiry.clone()).unwrap_or_default(),
            card_name: echo.map(|e| e.card_name.clone()).unwrap_or_default(),
            partial,
            currency: p.total.currency.code().to_owned(),
            problem: echo.map(|e| e.problem.code().to_owned()),
            pay_label: pay_label(p),
            expiry: Expiry::new(p.expires_at),
            #[cfg(feature = "ssr")]
            texts: form_texts(),
            #[cfg(not(feature = "ssr"))]
            texts: <Texts as Default>::default(),
        }
    }

    fn methods(&self) -> Vec<(MethodId, MethodKind)> {
        self.methods
            .iter()
            .filter_map(|(m, k)| Some((MethodId::parse(m)?, MethodKind::parse(k)?)))
            .collect()
    }

    fn method(&self) -> MethodId {
        MethodId::parse(&self.method).unwrap_or(MethodId::Mpesa)
    }

    fn offers(&self, kind: MethodKind) -> bool {
        self.methods().iter().any(|(_, k)| *k == kind)
    }
}

/// The words the form may change once its island runs: the errors, the
/// phone label (it names the method) and the busy button. The same for
/// every page in a language, so worked out once per language.
#[cfg(feature = "ssr")]
fn form_texts() -> Texts {
    use crate::domain::Locale;
    static BY_LOCALE: std::sync::OnceLock<Vec<Texts>> = std::sync::OnceLock::new();
    let all = BY_LOCALE.get_or_init(|| {
        let mut ids: Vec<(&str, &[&str])> = vec![
            ("phone-label", &["method"]),
            ("paying", &[]),
            ("method-card", &[]),
        ];
        ids.extend(
            Texts::ids_starting("error-")
                .into_iter()
                .map(|id| (id, &["method"][..])),
        );
        Locale::ALL.iter().map(|l| Texts::of(*l, &ids)).collect()
    });
    let locale = super::parts::locale();
    all[locale.index()].clone()
}

/// The pay screen: why the last payment failed, the form, when the
/// checkout closes, the way back to the merchant.
#[component]
pub fn PayScreen(p: CheckoutPage, echo: Option<FormEcho>, lang: Option<String>) -> impl IntoView {
    let cancel = p.cancel_url.clone().map(|url| {
        let label = ta("cancel-link", &[("merchant", &p.merchant_name)]);
        view! { <CancelLink url label/> }
    });
    if p.methods.is_empty() {
        return view! {
            <p class="notice" role="status">{ta("no-methods", &[("merchant", &p.merchant_name)])}</p>
            {cancel}
        }
        .into_any();
    }
    let carrier = island::share(FormModel::new(&p, echo.as_ref(), lang));
    view! {
        <FailureAlert p=p.clone()/>
        {carrier}
        <PayForm/>
        {cancel}
    }
    .into_any()
}

/// Why the last payment failed.
#[component]
fn FailureAlert(p: CheckoutPage) -> impl IntoView {
    let failed = p
        .attempt
        .filter(|_| p.payment_status == PaymentStatus::Failed);
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
                            data-kind=kind.as_str()
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
fn MethodFields(state: FormState, form: FormModel) -> impl IntoView {
    let locked = form.phone_locked;
    let phone = form.phone.clone();
    let phone_fields = form
        .offers(MethodKind::MobileMoney)
        .then(|| view! { <PhoneFields state phone locked/> });
    let card_fields = form.offers(MethodKind::Card).then(|| {
        view! { <CardFields state expiry=form.card_expiry.clone() name=form.card_name.clone()/> }
    });
    let redirect_fields = form.offers(MethodKind::Redirect).then(|| {
        view! { <div class="fields fields-redirect"><p class="hint">{t("redirect-hint")}</p></div> }
    });
    let amount_field = form
        .partial
        .map(|amount| view! { <AmountField state amount/> });
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

#[island]
fn PayForm() -> impl IntoView {
    let form: FormModel = island::model();
    form.texts.clone().provide();
    let state = FormState {
        selected: RwSignal::new(form.method()),
        problem: RwSignal::new(form.problem.as_deref().and_then(PayProblem::parse)),
        brand: RwSignal::new(None),
        busy: RwSignal::new(false),
        currency: Currency::parse(&form.currency).expect("the server sends a currency we know"),
    };
    #[cfg(feature = "hydrate")]
    browser::start(state, &form.checkout);
    let methods = form.methods();
    let choices = methods.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        browser::submit(ev, state, &methods);
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &methods);
    };
    let general_error = move || {
        state
            .problem
            .get()
            .filter(|p| field_of(p).is_none())
            .map(|p| t(&p.message_id()))
            .unwrap_or_default()
    };
    let pay_label = form.pay_label.clone();
    let first = state.selected.get_untracked();
    let action = form.action.clone();
    let lang = (!form.lang.is_empty()).then(|| form.lang.clone());
    let expiry = form.expiry.clone();
    view! {
        <form method="post" action=action on:submit=on_submit novalidate>
            {lang.map(|l| view! { <input type="hidden" name="lang" value=l/> })}
            <MethodChoice state methods=choices first/>
            <MethodFields state form/>
            <p class="field-error" role="alert" data-testid="form-error">{general_error}</p>
            <button type="submit" class="button" disabled=move || state.busy.get() data-testid="pay">
                {move || if state.busy.get() { t("paying") } else { pay_label.clone() }}
            </button>
        </form>
        <ExpiryNote expiry/>
    }
}

impl Expiry {
    /// In the buyer's words: minutes or hours from now (no time zone to get
    /// wrong), a date when days away.
    #[cfg(not(feature = "hydrate"))]
    fn new(at: i64) -> Expiry {
        use super::parts::tn;
        let secs = (at - super::now_secs()).max(0);
        let minutes_left = (secs + 59) / 60;
        let text = if minutes_left <= 90 {
            tn("expires-in-minutes", "minutes", minutes_left.max(1))
        } else if secs < 48 * 3600 {
            tn("expires-in-hours", "hours", (secs + 1800) / 3600)
        } else {
            ta(
                "expires-on",
                &[("date", &crate::i18n::date_time(super::parts::locale(), at))],
            )
        };
        let minutes = if minutes_left <= 90 {
            (1..=minutes_left.max(1))
                .map(|m| tn("expires-in-minutes", "minutes", m))
                .collect()
        } else {
            Vec::new()
        };
        Expiry { at, text, minutes }
    }

    #[cfg(feature = "hydrate")]
    fn new(at: i64) -> Expiry {
        Expiry {
            at,
            text: String::new(),
            minutes: Vec::new(),
        }
    }
}

#[component]
fn ExpiryNote(expiry: Expiry) -> impl IntoView {
    let Expiry { at, text, minutes } = expiry;
    let left = RwSignal::new(at - super::now_secs());
    #[cfg(feature = "hydrate")]
    super::parts::every(std::time::Duration::from_secs(15), move || {
        left.set(at - super::now_secs())
    });
    let shown = move || {
        let m = ((left.get().max(0) + 59) / 60).max(1) as usize;
        minutes.get(m - 1).cloned().unwrap_or_else(|| text.clone())
    };
    view! { <p class="expires" data-testid="expires">{shown}</p> }
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
            <input id="phone" name="phone" type="tel" dir="ltr" inputmode="tel" autocomplete="tel"
                value=phone readonly=locked aria-describedby="phone-hint phone-error" aria-invalid=state.invalid("phone")
                on:input=move |ev| {
                    if state.problem.get_untracked().is_some() {
                        state.check("phone", check_field(state, "phone", &value_of(&ev)));
                    }
                }
                on:blur=move |ev| {
                    let v = event_target_value(&ev);
                    if !v.trim().is_empty() && !leaving_for_submit(&ev) {
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
fn AmountField(state: FormState, amount: AmountModel) -> impl IntoView {
    view! {
        <div class="field">
            <label for="amount">{amount.label}</label>
            <input id="amount" name="amount" type="text" dir="ltr" inputmode="decimal" autocomplete="off"
                value=amount.typed aria-describedby="amount-hint amount-error" aria-invalid=state.invalid("amount")/>
            <p id="amount-hint" class="hint" data-testid="amount-hint">{amount.hint}</p>
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
    // Card digits read left to right in every language; the name on the
    // card follows its own letters.
    let dir = if id == "card-name" { "auto" } else { "ltr" };
    let input = view! {
        <input id=id name=name type="text" dir=dir autocomplete=autocomplete inputmode=inputmode
            placeholder=placeholder maxlength=maxlength spellcheck="false" value=value node_ref=node_ref
            aria-describedby=error_id.clone() aria-invalid=state.invalid(id)
            on:input=move |ev| {
                if let Some(cb) = on_type {
                    cb.run(ev.clone());
                }
                if state.problem.get_untracked().is_some() {
                    state.check(id, check_field(state, id, &value_of(&ev)));
                }
            }
            on:blur=move |ev| {
                let v = event_target_value(&ev);
                if !v.trim().is_empty() && !leaving_for_submit(&ev) {
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
fn CardFields(state: FormState, expiry: String, name: String) -> impl IntoView {
    let number = NodeRef::<Input>::new();
    let expiry_ref = NodeRef::<Input>::new();
    // Groups the digits as printed on the card and names the brand (an
    // Arabic keypad's digits become Latin ones as they are typed).
    let on_number = Callback::new(move |_ev: leptos::ev::Event| {
        if let Some(input) = number.get_untracked() {
            let digits: String = input
                .value()
                .chars()
                .filter_map(latin_digit)
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
                .filter_map(latin_digit)
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
                    maxlength="23" node_ref=number on_type=on_number/>
                <span class="card-brand" data-testid="card-brand" aria-live="polite">{brand}</span>
            </div>
            <div class="field-row">
                <CardInputField state id="card-expiry" name="card_expiry" label="card-expiry"
                    autocomplete="cc-exp" inputmode="numeric" placeholder=t("card-expiry-placeholder")
                    maxlength="7" value=expiry node_ref=expiry_ref on_type=on_expiry/>
                <CardInputField state id="card-cvc" name="card_cvc" label="card-cvc"
                    autocomplete="cc-csc" inputmode="numeric" placeholder="123" maxlength="4"/>
            </div>
            <CardInputField state id="card-name" name="card_name" label="card-name" autocomplete="cc-name" value=name/>
        </div>
    }
}

/// What the island does in the browser beyond drawing the form.
#[cfg(feature = "hydrate")]
mod browser {
    use super::{FormState, field_of};
    use crate::domain::card::CardInput;
    use crate::domain::{MethodId, MethodKind};
    use crate::service::PayProblem;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    /// Puts back what the buyer typed before switching language, and
    /// reloads the page when the browser shows it again from its
    /// back-forward cache (the post it sent has changed the checkout).
    pub fn start(state: FormState, checkout: &str) {
        if let Some(draft) = super::super::language::take_draft(checkout) {
            let doc = document();
            let set = |id: &str, value: &str| {
                let input = doc
                    .get_element_by_id(id)
                    .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
                if let Some(input) = input.filter(|i| !i.read_only() && !value.is_empty()) {
                    input.set_value(value);
                }
            };
            set("phone", &draft.phone);
            set("card-expiry", &draft.card_expiry);
            set("card-name", &draft.card_name);
            if let Some(m) = draft.method {
                let radio = doc
                    .query_selector(&format!("input[name=method][value={}]", m.as_str()))
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
                if let Some(radio) = radio {
                    radio.set_checked(true);
                    state.selected.set(m);
                }
            }
        }
        // Back to this page from the browser's back-forward cache: the form
        // was sent meanwhile, so what it shows is old; ask the server.
        let handle = window_event_listener(leptos::ev::pageshow, move |ev| {
            if ev.persisted() {
                let _ = window().location().reload();
            }
        });
        std::mem::forget(handle);
    }

    /// Checks the chosen method's fields before the form goes: a problem
    /// stops it and shows next to its field; otherwise the post goes on
    /// and the button says it is sending. Reads the form itself, since the
    /// buyer may have typed before the page finished loading.
    pub fn submit(
        ev: leptos::ev::SubmitEvent,
        state: FormState,
        methods: &[(MethodId, MethodKind)],
    ) {
        if state.busy.get_untracked() {
            ev.prevent_default();
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
        let method =
            MethodId::parse(&get("method")).unwrap_or_else(|| state.selected.get_untracked());
        let kind = methods
            .iter()
            .find(|(m, _)| *m == method)
            .map_or(MethodKind::Redirect, |(_, k)| *k);
        let checked = match kind {
            MethodKind::MobileMoney => method
                .normalise_phone(&get("phone"), state.currency)
                .map(|_| ())
                .map_err(PayProblem::Phone),
            MethodKind::Card => {
                let card = CardInput {
                    number: get("card_number"),
                    expiry: get("card_expiry"),
                    cvc: get("card_cvc"),
                    name: get("card_name"),
                };
                let (year, month, ..) = crate::i18n::civil_from_unix(super::super::now_secs());
                card.check(year as i32, month)
                    .map(|_| ())
                    .map_err(PayProblem::Card)
            }
            MethodKind::Redirect => Ok(()),
        };
        if let Err(problem) = checked {
            ev.prevent_default();
            state.problem.set(Some(problem));
            if let Some(el) = field_of(&problem).and_then(|f| document().get_element_by_id(f)) {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
            return;
        }
        state.problem.set(None);
        state.busy.set(true);
    }
}
