//! The order state machine at work: starting payments, settling them with
//! the provider's answer, timing them out, expiring sessions. Every change
//! goes through the domain's state machines ([`SessionState::apply`],
//! [`AttemptStatus::apply`]) and a compare-and-set in the database, so two
//! requests (or two server instances) can never both win.

use crate::config::Config;
use crate::connector::{Connector, Outcome, PaymentDetails, Sandbox, Started};
use crate::db::{Db, Tx, is_unique_violation, new_id, now_ms};
use crate::store::attempts::{self, Attempt};
use crate::store::{merchants, products, sessions, sessions::Session};
use crate::webhooks::{self, EventType};
use app::domain::attempt::{AttemptEvent, AttemptStatus, failure};
use app::domain::card::Card;
use app::domain::checkout::fill_success_url;
use app::domain::phone::PhoneError;
use app::domain::session::TransitionError;
use app::domain::{Event, Locale, MethodId, MethodKind, PaymentStatus, SessionState, Status};
use app::service::{
    self, CheckoutPage, CheckoutService, LangHints, PageData, PagePolicy, PayProblem, PayRequest,
    ServiceError,
};
use std::sync::Arc;

pub struct Checkouts {
    pub db: Db,
    pub config: Arc<Config>,
    sandbox: Sandbox,
}

/// A session with its latest attempt, as of now.
pub struct Loaded {
    pub session: Session,
    pub attempt: Option<Attempt>,
}

/// What a sandbox challenge or provider page decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionResult {
    Approve,
    Decline,
    Cancel,
}

impl Checkouts {
    pub fn new(db: Db, config: Arc<Config>) -> Checkouts {
        let sandbox = Sandbox {
            delay: config.sandbox_delay,
            public_url: config.public_url.clone(),
        };
        Checkouts {
            db,
            config,
            sandbox,
        }
    }

    /// Test-mode sessions always use the sandbox. No live provider is
    /// configured in this version, so live sessions cannot take payments.
    fn connector_for(&self, livemode: bool) -> Option<&dyn Connector> {
        (!livemode).then_some(&self.sandbox as &dyn Connector)
    }

    fn connector_named(&self, name: &str) -> Option<&dyn Connector> {
        (name == self.sandbox.name()).then_some(&self.sandbox as &dyn Connector)
    }

    async fn load(&self, id: &str) -> Result<Option<Loaded>, sqlx::Error> {
        let Some(session) = sessions::get(&self.db.pool, id).await? else {
            return Ok(None);
        };
        let attempt = attempts::latest(&self.db.pool, id).await?;
        Ok(Some(Loaded { session, attempt }))
    }

    /// Loads a session after settling what can be settled now: an attempt
    /// the provider has answered or that ran out of time, a session past its
    /// expiry (resolving any attempt still under way first, so none is ever
    /// left dangling).
    pub async fn refresh(&self, id: &str) -> Result<Option<Loaded>, sqlx::Error> {
        let Some(loaded) = self.load(id).await? else {
            return Ok(None);
        };
        let now = now_ms();
        let mut changed = false;
        if let Some(a) = loaded.attempt.as_ref().filter(|a| a.status.is_live()) {
            changed = self.settle_live(&loaded.session, a, now).await?;
        }
        if !changed {
            changed = self.expire_if_due(&loaded.session, now).await?;
        }
        if changed {
            // Settling an attempt can make the session due for expiry too.
            let reloaded = self.load(id).await?;
            if let Some(l) = &reloaded
                && self.expire_if_due(&l.session, now).await?
            {
                return self.load(id).await;
            }
            Ok(reloaded)
        } else {
            Ok(Some(loaded))
        }
    }

    /// Asks the provider about a live attempt; times it out if its method's
    /// limit or the session's expiry has passed. Returns whether it moved.
    async fn settle_live(
        &self,
        session: &Session,
        attempt: &Attempt,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        let Some(connector) = self.connector_named(&attempt.connector) else {
            return Ok(false);
        };
        if attempt.status == AttemptStatus::Pending {
            match connector.status(attempt).await {
                Ok(Outcome::Pending) => {}
                Ok(outcome) => return self.record_outcome(session, attempt, &outcome).await,
                Err(e) => {
                    tracing::warn!(attempt = %attempt.id, error = %e, "connector status failed")
                }
            }
        }
        let session_over = session.state.status == Status::Open && session.expires_at * 1000 <= now;
        let (code, reason) = if session_over {
            (
                failure::SESSION_EXPIRED,
                "The checkout expired before the payment was answered",
            )
        } else if attempt.timeout_at <= now {
            (failure::TIMEOUT, "No answer before the method's time limit")
        } else {
            return Ok(false);
        };
        if let Err(e) = connector.cancel(attempt).await {
            tracing::warn!(attempt = %attempt.id, error = %e, "connector cancel failed");
        }
        self.advance(
            session,
            attempt,
            AttemptEvent::TimedOut,
            Some((code, reason)),
        )
        .await
    }

    async fn record_outcome(
        &self,
        session: &Session,
        attempt: &Attempt,
        outcome: &Outcome,
    ) -> Result<bool, sqlx::Error> {
        match outcome {
            Outcome::Pending => Ok(false),
            Outcome::Succeeded => {
                self.advance(session, attempt, AttemptEvent::Approved, None)
                    .await
            }
            Outcome::Failed { code, reason } => {
                self.advance(
                    session,
                    attempt,
                    AttemptEvent::Declined,
                    Some((code, reason)),
                )
                .await
            }
        }
    }

    /// Moves an attempt through its state machine and, when that settles it,
    /// the session through its own, in one transaction. Returns false if the
    /// attempt had moved meanwhile (someone else settled it).
    pub async fn advance(
        &self,
        session: &Session,
        attempt: &Attempt,
        event: AttemptEvent,
        failure: Option<(&str, &str)>,
    ) -> Result<bool, sqlx::Error> {
        let Ok(next) = attempt.status.apply(event) else {
            return Ok(false);
        };
        let now = now_ms();
        let mut tx = self.db.begin().await?;
        if !attempts::transition(&mut tx, &attempt.id, attempt.status, next, failure, now).await? {
            // Release the write lock now, not whenever the connection is reused.
            tx.rollback().await?;
            return Ok(false);
        }
        let session_event = match next {
            AttemptStatus::Succeeded => {
                // A part of a session paid in parts leaves it open for the rest.
                let paid = sessions::add_paid(&mut tx, &session.id, attempt.amount).await?;
                if paid < session.amount_total {
                    Some(Event::PartPaid)
                } else {
                    Some(Event::PaymentSucceeded)
                }
            }
            AttemptStatus::Failed => Some(Event::PaymentFailed),
            AttemptStatus::Pending | AttemptStatus::RequiresAction => None,
        };
        let mut session_now = None;
        if let Some(event) = session_event {
            // Read inside the transaction: the session may have moved since
            // `session` was loaded.
            let current = sessions::get(&mut *tx, &session.id)
                .await?
                .map_or(session.state, |s| s.state);
            match current.apply(event) {
                Ok(to) => {
                    if sessions::transition(&mut tx, &session.id, current, to, failure, now).await?
                    {
                        session_now = Some(to);
                    }
                }
                Err(e) => {
                    tracing::error!(session = %session.id, attempt = %attempt.id, ?current, ?event,
                    error = %e, "attempt settled but the session refused the transition")
                }
            }
        }
        let settled = matches!(next, AttemptStatus::Succeeded | AttemptStatus::Failed);
        if settled {
            self.emit_settled(&mut tx, &session.id, &attempt.id, session_now)
                .await?;
        }
        tx.commit().await?;
        if settled {
            webhooks::wake();
        }
        tracing::info!(session = %session.id, attempt = %attempt.id, status = next.as_str(),
            failure = failure.map(|f| f.0), "payment attempt moved");
        Ok(true)
    }

    /// The events of a settled attempt, in its transaction: the payment's
    /// outcome, then the session's completion if this settled it.
    async fn emit_settled(
        &self,
        tx: &mut Tx<'_>,
        session_id: &str,
        attempt_id: &str,
        session_now: Option<SessionState>,
    ) -> Result<(), sqlx::Error> {
        let (Some(s), Some(a)) = (
            sessions::get(&mut **tx, session_id).await?,
            attempts::get(&mut **tx, attempt_id).await?,
        ) else {
            return Ok(());
        };
        let kind = if a.status == AttemptStatus::Succeeded {
            EventType::PaymentSucceeded
        } else {
            EventType::PaymentFailed
        };
        webhooks::emit(tx, &s, kind, webhooks::payment_object(&s, &a)).await?;
        if session_now.is_some_and(|st| st.status == Status::Complete) {
            let data = webhooks::session_object(&self.config, &s);
            webhooks::emit(tx, &s, EventType::SessionCompleted, data).await?;
        }
        Ok(())
    }

    /// Expires an open session whose time ran out, once no payment is under
    /// way (a live attempt is resolved first by `settle_live`).
    async fn expire_if_due(&self, session: &Session, now: i64) -> Result<bool, sqlx::Error> {
        let due = session.state.status == Status::Open
            && session.state.payment_status != PaymentStatus::Pending
            && session.expires_at * 1000 <= now;
        if !due {
            return Ok(false);
        }
        self.apply(session, Event::TimedOut)
            .await
            .map(|r| r.is_ok())
    }

    /// Applies an event to a session as loaded. `Ok(Err(..))` when the state
    /// machine refuses it or the session moved in the meantime.
    pub async fn apply(
        &self,
        session: &Session,
        event: Event,
    ) -> Result<Result<SessionState, TransitionError>, sqlx::Error> {
        let next = match session.state.apply(event) {
            Ok(next) => next,
            Err(e) => return Ok(Err(e)),
        };
        let mut tx = self.db.begin().await?;
        let moved =
            sessions::transition(&mut tx, &session.id, session.state, next, None, now_ms()).await?;
        if moved && next.status == Status::Expired {
            self.emit_expired(&mut tx, &session.id).await?;
        }
        tx.commit().await?;
        if moved {
            webhooks::wake();
            tracing::info!(session = %session.id, ?event, status = next.status.as_str(), "session changed");
            Ok(Ok(next))
        } else {
            Ok(Err(TransitionError::SessionClosed))
        }
    }

    /// `checkout.session.expired`, in the transaction that expired it.
    pub async fn emit_expired(&self, tx: &mut Tx<'_>, session_id: &str) -> Result<(), sqlx::Error> {
        if let Some(s) = sessions::get(&mut **tx, session_id).await? {
            let data = webhooks::session_object(&self.config, &s);
            webhooks::emit(tx, &s, EventType::SessionExpired, data).await?;
        }
        Ok(())
    }

    /// Starts a payment for the buyer. A second press while one is under way
    /// (double click, second tab, replayed form) returns the one under way.
    pub async fn start_payment(
        &self,
        id: &str,
        req: &PayRequest,
    ) -> Result<Result<(), PayProblem>, sqlx::Error> {
        let Some(Loaded { session, attempt }) = self.refresh(id).await? else {
            return Ok(Err(PayProblem::NotFound));
        };
        if session.state.status == Status::Open
            && attempt.as_ref().is_some_and(|a| a.status.is_live())
        {
            return Ok(Ok(()));
        }
        if !session.state.accepts_payment() {
            return Ok(Err(PayProblem::SessionClosed));
        }
        if !offered_methods(&session).contains(&req.method) {
            return Ok(Err(PayProblem::MethodUnavailable));
        }
        let Some(connector) = self.connector_for(session.livemode) else {
            return Ok(Err(PayProblem::MethodUnavailable));
        };

        // Check what the buyer typed for this kind of method, and nothing else.
        let kind = req.method.kind();
        let mut phone = None;
        let mut card: Option<Card> = None;
        match kind {
            MethodKind::MobileMoney => {
                let typed = req.phone.as_deref().unwrap_or("");
                match req.method.normalise_phone(typed, session.currency) {
                    Ok(p) => phone = Some(p),
                    Err(e) => return Ok(Err(PayProblem::Phone(e))),
                }
                if let Err(e) = restriction_allows(&session, phone.as_deref().unwrap_or("")) {
                    return Ok(Err(PayProblem::Phone(e)));
                }
            }
            MethodKind::Card => {
                let (year, month, ..) = app::i18n::civil_from_unix(now_ms() / 1000);
                let input = req.card.clone().unwrap_or_default();
                match input.check(year as i32, month) {
                    Ok(c) => card = Some(c),
                    Err(e) => return Ok(Err(PayProblem::Card(e))),
                }
            }
            MethodKind::Redirect => {}
        }

        // The amount: all that is left, or the part the buyer chose.
        let left = session.amount_total - session.compat.amount_paid;
        let amount = if session.compat.allow_partial {
            match req
                .amount
                .as_deref()
                .and_then(|t| app::domain::Money::from_typed(t, session.currency))
            {
                Some(m) if (1..=left).contains(&m.minor) => m.minor,
                _ => return Ok(Err(PayProblem::Amount)),
            }
        } else {
            left
        };

        let now = now_ms();
        let limit = match kind {
            MethodKind::MobileMoney => self.config.push_timeout,
            MethodKind::Card | MethodKind::Redirect => self.config.action_timeout,
        };
        let attempt = Attempt {
            id: new_id("pay", 20),
            session_id: session.id.clone(),
            method: req.method,
            connector: connector.name().to_owned(),
            phone: phone.clone(),
            card_brand: card.as_ref().map(|c| c.brand),
            card_last4: card.as_ref().map(|c| c.last4.clone()),
            amount,
            currency: session.currency,
            status: AttemptStatus::Pending,
            failure_code: None,
            failure_reason: None,
            connector_reference: None,
            next_action_url: None,
            timeout_at: now + limit.as_millis() as i64,
            created_at: now,
            updated_at: now,
            partial: session.compat.allow_partial,
        };
        let next = session
            .state
            .apply(Event::PaymentStarted)
            .expect("checked by accepts_payment");
        let mut tx = self.db.begin().await?;
        if let Err(e) = attempts::insert(&mut tx, &attempt).await {
            tx.rollback().await?;
            // Another request started (or completed) a payment first.
            return if is_unique_violation(&e) {
                self.already_started(id).await
            } else {
                Err(e)
            };
        }
        if !sessions::transition(&mut tx, &session.id, session.state, next, None, now).await? {
            tx.rollback().await?;
            return self.already_started(id).await;
        }
        tx.commit().await?;
        let session = Session {
            state: next,
            ..session
        };
        tracing::info!(session = %session.id, attempt = %attempt.id, method = %req.method,
            card = ?card.as_ref().map(|c| (c.brand, c.last4.clone())), "payment started");

        let details = match (&phone, &card) {
            (Some(p), _) => PaymentDetails::Phone(p),
            (_, Some(c)) => PaymentDetails::Card(c),
            _ => PaymentDetails::Redirect,
        };
        // Back from a bank or provider page, `/return` sends a paid buyer on
        // to the merchant and anyone else to the checkout.
        let return_url = format!("{}/return", self.config.checkout_url(&session.id));
        match connector.start(&attempt, details, &return_url).await {
            Ok(Started::Pending { reference }) => {
                self.set_reference(&attempt.id, &reference, None).await?;
            }
            Ok(Started::Done { reference, outcome }) => {
                self.set_reference(&attempt.id, &reference, None).await?;
                self.record_outcome(&session, &attempt, &outcome).await?;
            }
            Ok(Started::Action { reference, url }) => {
                self.set_reference(&attempt.id, &reference, Some(&url))
                    .await?;
                self.advance(&session, &attempt, AttemptEvent::ActionRequired, None)
                    .await?;
            }
            Err(e) => {
                tracing::warn!(attempt = %attempt.id, error = %e, "connector refused the payment");
                let failure = (
                    failure::PROVIDER_UNAVAILABLE,
                    "The payment provider could not be reached",
                );
                self.advance(&session, &attempt, AttemptEvent::Declined, Some(failure))
                    .await?;
            }
        }
        Ok(Ok(()))
    }

    async fn set_reference(
        &self,
        attempt: &str,
        reference: &str,
        url: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.db.begin().await?;
        attempts::set_reference(&mut tx, attempt, reference, url).await?;
        tx.commit().await
    }

    /// After losing a race to start a payment: fine if the winner's payment
    /// is under way, otherwise the session closed under us.
    async fn already_started(&self, id: &str) -> Result<Result<(), PayProblem>, sqlx::Error> {
        let session = sessions::get(&self.db.pool, id).await?;
        Ok(match session.map(|s| s.state) {
            Some(SessionState {
                status: Status::Open,
                payment_status: PaymentStatus::Pending,
            }) => Ok(()),
            _ => Err(PayProblem::SessionClosed),
        })
    }

    /// A sandbox challenge or provider page reports what the buyer did.
    /// Returns the session id to send the buyer back to.
    pub async fn complete_action(
        &self,
        attempt_id: &str,
        result: ActionResult,
    ) -> Result<Option<String>, sqlx::Error> {
        let Some(attempt) = attempts::get(&self.db.pool, attempt_id).await? else {
            return Ok(None);
        };
        let Some(session) = sessions::get(&self.db.pool, &attempt.session_id).await? else {
            return Ok(None);
        };
        if attempt.connector != self.sandbox.name()
            || attempt.status != AttemptStatus::RequiresAction
        {
            return Ok(Some(session.id));
        }
        let card = attempt.card_brand.is_some();
        match result {
            ActionResult::Approve => {
                self.advance(&session, &attempt, AttemptEvent::Approved, None)
                    .await?;
            }
            ActionResult::Decline if card => {
                let f = (
                    failure::AUTHENTICATION_FAILED,
                    "3-D Secure authentication failed",
                );
                self.advance(&session, &attempt, AttemptEvent::Declined, Some(f))
                    .await?;
            }
            ActionResult::Decline => {
                let f = (failure::DECLINED, "The provider declined the payment");
                self.advance(&session, &attempt, AttemptEvent::Declined, Some(f))
                    .await?;
            }
            ActionResult::Cancel => {
                let f = (failure::CANCELLED, "The buyer left the provider's page");
                self.advance(&session, &attempt, AttemptEvent::Abandoned, Some(f))
                    .await?;
            }
        }
        Ok(Some(session.id))
    }

    /// The buyer gives up on an attempt that waits for them to act
    /// elsewhere, to choose another method. A push waiting for a PIN is
    /// left alone: the provider may still take the money.
    pub async fn abandon_action(&self, id: &str) -> Result<Option<Loaded>, sqlx::Error> {
        let Some(loaded) = self.refresh(id).await? else {
            return Ok(None);
        };
        if let Some(a) = loaded
            .attempt
            .as_ref()
            .filter(|a| a.status == AttemptStatus::RequiresAction)
        {
            if let Some(c) = self.connector_named(&a.connector)
                && let Err(e) = c.cancel(a).await
            {
                tracing::warn!(attempt = %a.id, error = %e, "connector cancel failed");
            }
            let f = (failure::CANCELLED, "The buyer chose another method");
            self.advance(&loaded.session, a, AttemptEvent::Abandoned, Some(f))
                .await?;
            return self.load(id).await;
        }
        Ok(Some(loaded))
    }

    /// Asks the attempt's provider to give `amount` back; the provider's
    /// refund reference on success.
    pub async fn refund_at_provider(
        &self,
        attempt: &Attempt,
        amount: i64,
    ) -> Result<String, crate::connector::ConnectorError> {
        match self.connector_named(&attempt.connector) {
            Some(c) => c.refund(attempt, amount).await,
            None => Err(crate::connector::ConnectorError {
                connector: "none",
                message: format!("no connector `{}` is configured", attempt.connector),
            }),
        }
    }

    /// Where to send a buyer whose attempt needs them elsewhere.
    pub fn next_action(loaded: &Loaded) -> Option<&str> {
        loaded
            .attempt
            .as_ref()
            .filter(|a| a.status == AttemptStatus::RequiresAction)
            .and_then(|a| a.next_action_url.as_deref())
    }

    /// The buyer page's view of a session.
    /// The origins allowed to frame this session's pages: its product's.
    pub async fn embed_origins(&self, s: &Session) -> Result<Vec<String>, sqlx::Error> {
        Ok(match &s.product_id {
            Some(pid) => products::get(&self.db, &s.merchant_id, pid)
                .await?
                .map(|p| p.spec.embed_origins)
                .unwrap_or_default(),
            None => Vec::new(),
        })
    }

    pub async fn page_view(&self, loaded: &Loaded) -> Result<CheckoutPage, sqlx::Error> {
        let s = &loaded.session;
        let merchant_name = merchants::get(&self.db, &s.merchant_id)
            .await?
            .map(|m| m.name)
            .unwrap_or_default();
        let return_url = (s.state.status == Status::Complete)
            .then(|| s.success_url.as_deref().map(|u| fill_success_url(u, &s.id)))
            .flatten();
        let embed_origins = self.embed_origins(s).await?;
        let now = now_ms();
        Ok(CheckoutPage {
            id: s.id.clone(),
            merchant_name: s.compat.brand_name.clone().unwrap_or(merchant_name),
            livemode: s.livemode,
            description: s.description.clone(),
            line_items: s.line_items.iter().map(|l| l.item.clone()).collect(),
            total: app::domain::Money::new(s.amount_total, s.currency),
            status: s.state.status,
            payment_status: s.state.payment_status,
            methods: offered_methods(s),
            submit_type: s.submit_type,
            prefill_phone: s.customer.phone.clone(),
            cancel_url: s.cancel_url.clone(),
            return_url,
            reference: s.charge_reference.clone(),
            attempt: loaded.attempt.as_ref().map(|a| service::Attempt {
                method: a.method,
                amount: app::domain::Money::new(a.amount, a.currency),
                phone: a.phone.clone(),
                card_brand: a.card_brand,
                card_last4: a.card_last4.clone(),
                status: a.status,
                failure_code: a.failure_code.clone(),
                next_action_url: a.next_action_url.clone(),
                seconds_left: ((a.timeout_at - now) / 1000).max(0),
                created_at: a.created_at / 1000,
                updated_at: a.updated_at / 1000,
            }),
            expires_at: s.expires_at,
            embed_origins,
            brand_color: s
                .compat
                .brand_color
                .as_ref()
                .map(|c| (c.clone(), app::domain::brand::text_on(c).to_owned())),
            locked_phone: s.compat.restrict_phone.clone(),
            partial: s.compat.allow_partial.then(|| {
                let paid = s.compat.amount_paid;
                (
                    app::domain::Money::new(paid, s.currency),
                    app::domain::Money::new(s.amount_total - paid, s.currency),
                )
            }),
        })
    }

    /// Settles attempts and expires overdue sessions that nobody is looking
    /// at. Returns how many sessions it changed.
    pub async fn sweep(&self) -> Result<usize, sqlx::Error> {
        let mut touched = 0;
        for a in attempts::live(&self.db.pool, 200).await? {
            let before = sessions::get(&self.db.pool, &a.session_id)
                .await?
                .map(|s| s.state);
            let after = self.refresh(&a.session_id).await?.map(|l| l.session.state);
            touched += usize::from(before != after);
        }
        let now = now_ms();
        for id in sessions::expired_open(&self.db, now / 1000, 200).await? {
            if let Some(s) = sessions::get(&self.db.pool, &id).await? {
                touched += usize::from(self.expire_if_due(&s, now).await?);
            }
        }
        crate::store::idempotency::purge(&self.db, now).await?;
        Ok(touched)
    }
}

/// `https://shop.example` from any URL on it.
pub fn origin_of(url: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()
        .map(|u| u.origin().ascii_serialization())
        .filter(|o| o != "null")
}

/// What the checkout's page must allow beyond itself: a form post there can
/// end at the merchant's success URL (paid at once) or at a bank's or
/// provider's page (3-D Secure, redirect methods).
pub fn page_policy(loaded: &Loaded, embed_origins: &[String]) -> PagePolicy {
    let mut form_targets: Vec<String> = Vec::new();
    let action = loaded
        .attempt
        .as_ref()
        .and_then(|a| a.next_action_url.as_deref());
    for url in [loaded.session.success_url.as_deref(), action]
        .into_iter()
        .flatten()
    {
        if let Some(o) = origin_of(url).filter(|o| !form_targets.contains(o)) {
            form_targets.push(o);
        }
    }
    PagePolicy {
        form_targets,
        frame_ancestors: embed_origins.to_vec(),
    }
}

/// Methods the buyer can use on the page: the session's list, resolved at
/// creation against the product and the currency; with a restriction to a
/// country (or a number), only the mobile money of that country.
pub fn offered_methods(s: &Session) -> Vec<MethodId> {
    let country = restricted_country(s);
    s.payment_method_types
        .iter()
        .copied()
        .filter(|m| match (&country, m.kind()) {
            (Some(cc), MethodKind::MobileMoney) => m
                .phone_rules(s.currency)
                .iter()
                .any(|r| r.country_code == cc.as_str()),
            _ => true,
        })
        .collect()
}

/// The calling code a session's payments must come from, if restricted.
fn restricted_country(s: &Session) -> Option<String> {
    let by_country = s
        .compat
        .restrict_country
        .as_deref()
        .and_then(app::domain::phone::calling_code)
        .map(str::to_owned);
    by_country.or_else(|| {
        let p = s.compat.restrict_phone.as_deref()?;
        app::domain::phone::calling_code_of(p)
    })
}

/// A number the merchant's restriction (one number, or one country) allows.
fn restriction_allows(s: &Session, e164: &str) -> Result<(), PhoneError> {
    if let Some(only) = &s.compat.restrict_phone
        && only != e164
    {
        return Err(PhoneError::NotAllowed);
    }
    if let Some(c) = &s.compat.restrict_country
        && !app::domain::phone::in_country(e164, c)
    {
        return Err(PhoneError::WrongCountry);
    }
    Ok(())
}

fn service_error(e: sqlx::Error) -> ServiceError {
    tracing::error!(error = %e, "database error");
    ServiceError("database unavailable".into())
}

#[async_trait::async_trait]
impl CheckoutService for Checkouts {
    async fn page(&self, id: &str, hints: &LangHints) -> Result<PageData, ServiceError> {
        let loaded = self.refresh(id).await.map_err(service_error)?;
        let pref = loaded
            .as_ref()
            .map(|l| l.session.locale)
            .unwrap_or_default();
        let (locale, locale_source) = Locale::negotiate(
            pref,
            hints.query.as_deref(),
            hints.remembered.as_deref(),
            hints.accept_language.as_deref(),
        );
        let checkout = match &loaded {
            Some(l) => Some(self.page_view(l).await.map_err(service_error)?),
            None => None,
        };
        let policy = match (&loaded, &checkout) {
            (Some(l), Some(c)) => page_policy(l, &c.embed_origins),
            _ => PagePolicy::default(),
        };
        Ok(PageData {
            locale,
            locale_source,
            checkout,
            echo: None,
            policy,
        })
    }

    async fn pay(
        &self,
        id: &str,
        request: PayRequest,
    ) -> Result<Result<CheckoutPage, PayProblem>, ServiceError> {
        if let Err(problem) = self
            .start_payment(id, &request)
            .await
            .map_err(service_error)?
        {
            return Ok(Err(problem));
        }
        match self.load(id).await.map_err(service_error)? {
            Some(l) => Ok(Ok(self.page_view(&l).await.map_err(service_error)?)),
            None => Ok(Err(PayProblem::NotFound)),
        }
    }

    async fn abandon(&self, id: &str) -> Result<CheckoutPage, ServiceError> {
        match self.abandon_action(id).await.map_err(service_error)? {
            Some(l) => self.page_view(&l).await.map_err(service_error),
            None => Err(ServiceError("no such checkout".into())),
        }
    }
}
