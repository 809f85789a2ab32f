//! The order state machine at work: starting payments, settling them with
//! the provider's answer, timing them out, expiring sessions. Every change
//! goes through the domain's state machines ([`SessionState::apply`],
//! [`AttemptStatus::apply`]) and a compare-and-set in the database, so two
//! requests (or two server instances) can never both win.

use crate::config::Config;
use crate::connector::{
    Connector, ConnectorError, Connectors, Outcome, PaymentDetails, RefundAnswer, Started, Urls,
};
use crate::db::{Db, Tx, is_unique_violation, new_id, now_ms};
use crate::error::{Error, Resource, Result};
use crate::metrics::METRICS;
use crate::objects::{CheckoutSessionObject, EventData, PaymentObject};
use crate::store::attempts::{self, Attempt};
use crate::store::{Owner, limits};
use crate::store::{sessions, sessions::Session};
use crate::webhooks;
use app::domain::attempt::{AttemptEvent, AttemptStatus, failure};
use app::domain::card::Card;
use app::domain::charge::SessionKind;
use app::domain::ledger::BalanceTxKind;
use app::domain::{
    Event, EventType, MethodId, MethodKind, PaymentStatus, SessionState, Status, parts,
};
use app::service::{ClientIp, PayProblem, PayRequest};
use std::net::IpAddr;
use std::sync::Arc;

pub struct Checkouts {
    pub db: Db,
    pub config: Arc<Config>,
    pub connectors: Connectors,
}

/// The connector a new payment goes to, and its account (`None`: the
/// sandbox).
struct Route {
    connector: Box<dyn Connector>,
    account: Option<String>,
    /// The provider takes the buyer's details on its own page.
    hosted: bool,
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

/// What the buyer gave for a payment, checked for its method's kind.
#[derive(Default)]
struct Given {
    /// Mobile money: the number to push to, E.164.
    phone: Option<String>,
    /// Cards: the card, for the length of the request only.
    card: Option<Card>,
}

impl Given {
    fn details(&self) -> PaymentDetails<'_> {
        match (&self.phone, &self.card) {
            (Some(p), _) => PaymentDetails::Phone(p),
            (_, Some(c)) => PaymentDetails::Card(c),
            _ => PaymentDetails::Redirect,
        }
    }
}

/// Methods the buyer can use on the page: the session's list, resolved at
/// creation against the product and the currency, narrowed by the
/// merchant's restriction.
pub fn offered_methods(s: &Session) -> Vec<MethodId> {
    s.compat
        .restriction
        .offered(&s.payment_method_types, s.currency)
}

fn refused(p: PayProblem) -> Error {
    Error::Refused(p)
}

/// A velocity limit said no: counted, logged, refused.
fn limited(p: PayProblem) -> Error {
    let limit = p.limit_code().unwrap_or("other");
    METRICS.limited(limit);
    tracing::warn!(limit, "payment refused by a velocity limit");
    Error::Refused(p)
}

impl Checkouts {
    pub fn new(db: Db, config: Arc<Config>) -> Checkouts {
        let connectors = Connectors::new(db.clone(), &config);
        Checkouts {
            db,
            config,
            connectors,
        }
    }

    /// Where a new payment goes: the merchant's enabled account for the
    /// method and currency in the session's mode; without one, the sandbox
    /// in test mode and nothing in live mode. `None` also when the account's
    /// provider cannot take this amount.
    async fn route(
        &self,
        session: &Session,
        method: MethodId,
        amount: i64,
    ) -> Result<Option<Route>> {
        let owner = Owner::new(&session.merchant_id, session.livemode);
        let rails = self.connectors.rails(&owner).await?;
        if rails.check(method, session.currency, amount).is_err() {
            return Ok(None);
        }
        let Some(rail) = rails.rail(method, session.currency) else {
            return Ok(Some(Route {
                connector: Box::new(self.connectors.sandbox.clone()),
                account: None,
                hosted: false,
            }));
        };
        match self.connectors.for_account_id(&rail.account).await {
            Ok(connector) => Ok(Some(Route {
                connector,
                account: Some(rail.account.clone()),
                hosted: rail.provider.hosts_payment_page(),
            })),
            Err(e) => {
                tracing::error!(account = %rail.account, error = %e, "connector account unusable");
                Ok(None)
            }
        }
    }

    /// The connector an attempt went through.
    async fn connector_of(&self, attempt: &Attempt) -> Option<Box<dyn Connector>> {
        match self.connectors.for_attempt(attempt).await {
            Ok(c) => Some(c),
            Err(e) => {
                tracing::error!(attempt = %attempt.id, error = %e, "no connector for the attempt");
                None
            }
        }
    }

    /// The unguessable address a provider posts an attempt's result to.
    pub fn callback_url(&self, attempt: &Attempt) -> String {
        let tag = self.config.master_key.tag("callback", &attempt.id);
        format!(
            "{}/hooks/{}/{}/{tag}",
            self.config.public_url, attempt.connector, attempt.id
        )
    }

    pub async fn load(&self, id: &str) -> Result<Option<Loaded>> {
        let Some(session) = sessions::TABLE.find(&self.db.pool, id).await? else {
            return Ok(None);
        };
        let attempt = attempts::latest(&self.db.pool, id).await?;
        Ok(Some(Loaded { session, attempt }))
    }

    /// Loads a session after settling what can be settled now: an attempt
    /// the provider has answered or that ran out of time, a session past its
    /// expiry (resolving any attempt still under way first, so none is ever
    /// left dangling).
    pub async fn refresh(&self, id: &str) -> Result<Option<Loaded>> {
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
        if !changed {
            return Ok(Some(loaded));
        }
        // Settling an attempt can make the session due for expiry too.
        let reloaded = self.load(id).await?;
        if let Some(l) = &reloaded
            && self.expire_if_due(&l.session, now).await?
        {
            return self.load(id).await;
        }
        Ok(reloaded)
    }

    /// Asks the provider about a live attempt; times it out if its method's
    /// limit or the session's expiry has passed. Returns whether it moved.
    async fn settle_live(&self, session: &Session, attempt: &Attempt, now: i64) -> Result<bool> {
        let Some(connector) = self.connector_of(attempt).await else {
            return Ok(false);
        };
        // A buyer on a provider's page (Stripe Checkout) may have paid
        // there: its status API says so, as for a push.
        if matches!(
            attempt.status,
            AttemptStatus::Pending | AttemptStatus::RequiresAction
        ) {
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
        // Paid between the status read and the cancel (a Checkout Session
        // paid as it was expired): the provider's word wins over the clock.
        if let Ok(Outcome::Succeeded) = connector.status(attempt).await {
            return self
                .record_outcome(session, attempt, &Outcome::Succeeded)
                .await;
        }
        self.advance(
            session,
            attempt,
            AttemptEvent::TimedOut,
            Some((code, reason)),
        )
        .await
    }

    /// Withdraws a live attempt at the merchant's request (a charge
    /// cancelled before the buyer answered): asks the provider first, so an
    /// answer already given is recorded and stands.
    pub async fn withdraw(&self, session: &Session, attempt: &Attempt) -> Result<()> {
        let Some(connector) = self.connector_of(attempt).await else {
            return Ok(());
        };
        if let Ok(outcome @ (Outcome::Succeeded | Outcome::Failed { .. })) =
            connector.status(attempt).await
        {
            self.record_outcome(session, attempt, &outcome).await?;
            return Ok(());
        }
        if let Err(e) = connector.cancel(attempt).await {
            tracing::warn!(attempt = %attempt.id, error = %e, "connector cancel failed");
        }
        if let Ok(Outcome::Succeeded) = connector.status(attempt).await {
            self.record_outcome(session, attempt, &Outcome::Succeeded)
                .await?;
            return Ok(());
        }
        let why = (
            failure::CANCELLED,
            "The merchant cancelled the charge before it was answered",
        );
        self.advance(session, attempt, AttemptEvent::Abandoned, Some(why))
            .await?;
        Ok(())
    }

    async fn record_outcome(
        &self,
        session: &Session,
        attempt: &Attempt,
        outcome: &Outcome,
    ) -> Result<bool> {
        let (event, failure) = match outcome {
            Outcome::Pending => return Ok(false),
            Outcome::Succeeded => (AttemptEvent::Approved, None),
            Outcome::Failed { code, reason } => (
                AttemptEvent::Declined,
                Some((code.as_str(), reason.as_str())),
            ),
        };
        self.advance(session, attempt, event, failure).await
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
    ) -> Result<bool> {
        let Ok(next) = attempt.status.apply(event) else {
            return Ok(false);
        };
        let now = now_ms();
        let mut tx = self.db.begin().await?;
        if !attempts::transition(&mut tx, attempt, next, failure).await? {
            // Release the write lock now, not whenever the connection is reused.
            tx.rollback().await?;
            return Ok(false);
        }
        let session_now = self
            .settle_session(&mut tx, session, attempt, next, failure, now)
            .await?;
        let settled = matches!(next, AttemptStatus::Succeeded | AttemptStatus::Failed);
        if settled {
            self.emit_settled(&mut tx, &session.id, &attempt.id, session_now)
                .await?;
        }
        tx.commit().await?;
        if settled {
            webhooks::wake();
            METRICS.payment(attempt.method.as_str(), next.as_str());
        }
        tracing::info!(session = %session.id, attempt = %attempt.id, status = next.as_str(),
            failure = failure.map(|f| f.0), "payment attempt moved");
        Ok(true)
    }

    /// The session's side of an attempt that reached `next`: paid (in full
    /// or a part), or failed. Returns the session's new state if it moved.
    async fn settle_session(
        &self,
        tx: &mut Tx<'_>,
        session: &Session,
        attempt: &Attempt,
        next: AttemptStatus,
        failure: Option<(&str, &str)>,
        now: i64,
    ) -> Result<Option<SessionState>> {
        let event = match next {
            AttemptStatus::Succeeded => {
                let credit = crate::ledger::Movement {
                    kind: BalanceTxKind::Payment,
                    currency: attempt.currency,
                    amount: attempt.amount,
                    source: &attempt.id,
                    description: session.description.clone(),
                };
                crate::ledger::post(tx, &session.owner(), credit).await?;
                // A part of a session paid in parts leaves it open for the rest.
                let paid = sessions::add_paid(tx, &session.id, attempt.amount).await?;
                if paid < session.amount_total {
                    Event::PartPaid
                } else {
                    Event::PaymentSucceeded
                }
            }
            AttemptStatus::Failed => Event::PaymentFailed,
            AttemptStatus::Pending | AttemptStatus::RequiresAction => return Ok(None),
        };
        // Read inside the transaction: the session may have moved since
        // `session` was loaded.
        let current = sessions::TABLE
            .find(&mut **tx, &session.id)
            .await?
            .map_or(session.state, |s| s.state);
        match current.apply(event) {
            Ok(to) => Ok(
                sessions::transition(tx, &session.id, current, to, failure, now)
                    .await?
                    .then_some(to),
            ),
            Err(e) => {
                tracing::error!(session = %session.id, attempt = %attempt.id, ?current, ?event,
                    error = %e, "attempt settled but the session refused the transition");
                Ok(None)
            }
        }
    }

    /// The events of a settled attempt, in its transaction: the payment's
    /// outcome, then the session's completion if this settled it.
    async fn emit_settled(
        &self,
        tx: &mut Tx<'_>,
        session_id: &str,
        attempt_id: &str,
        session_now: Option<SessionState>,
    ) -> Result<()> {
        let (Some(s), Some(a)) = (
            sessions::TABLE.find(&mut **tx, session_id).await?,
            attempts::TABLE.find(&mut **tx, attempt_id).await?,
        ) else {
            return Ok(());
        };
        let paid = a.status == AttemptStatus::Succeeded;
        if s.kind == SessionKind::Charge {
            let kind = if paid {
                EventType::ChargeSucceeded
            } else {
                EventType::ChargeFailed
            };
            webhooks::emit_charge(tx, &s, kind, &self.config).await?;
            return Ok(());
        }
        let kind = if paid {
            EventType::PaymentSucceeded
        } else {
            EventType::PaymentFailed
        };
        webhooks::emit_payment(tx, &s, kind, PaymentObject::new(&s, &a)).await?;
        if session_now.is_some_and(|st| st.status == Status::Complete) {
            let data = EventData::Session(Box::new(CheckoutSessionObject::new(
                &s,
                &self.config,
                false,
            )));
            webhooks::emit(tx, &s, EventType::SessionCompleted, data).await?;
        }
        Ok(())
    }

    /// Expires an open session whose time ran out, once no payment is under
    /// way (a live attempt is resolved first by `settle_live`).
    async fn expire_if_due(&self, session: &Session, now: i64) -> Result<bool> {
        let due = session.state.status == Status::Open
            && session.state.payment_status != PaymentStatus::Pending
            && session.expires_at * 1000 <= now;
        if !due {
            return Ok(false);
        }
        let Ok(next) = session.state.apply(Event::TimedOut) else {
            return Ok(false);
        };
        let mut tx = self.db.begin().await?;
        if !sessions::transition(&mut tx, &session.id, session.state, next, None, now_ms()).await? {
            tx.rollback().await?;
            return Ok(false);
        }
        self.emit_expired(&mut tx, &session.id).await?;
        tx.commit().await?;
        webhooks::wake();
        tracing::info!(session = %session.id, "checkout session expired");
        Ok(true)
    }

    /// `checkout.session.expired`, in the transaction that expired it.
    /// Returns the session as it is now.
    pub async fn emit_expired(&self, tx: &mut Tx<'_>, session_id: &str) -> Result<Session> {
        let s = sessions::TABLE
            .find(&mut **tx, session_id)
            .await?
            .ok_or_else(|| Error::NotFound(Resource::CheckoutSession, session_id.to_owned()))?;
        if s.kind == SessionKind::Charge {
            webhooks::emit_charge(tx, &s, EventType::ChargeCancelled, &self.config).await?;
            return Ok(s);
        }
        let data = EventData::Session(Box::new(CheckoutSessionObject::new(
            &s,
            &self.config,
            false,
        )));
        webhooks::emit(tx, &s, EventType::SessionExpired, data).await?;
        Ok(s)
    }

    /// Starts a payment for the buyer. A second press while one is under way
    /// (double click, second tab, replayed form) returns the one under way.
    pub async fn start_payment(&self, id: &str, req: &PayRequest) -> Result<()> {
        if !self.admit_client(req.client).await? {
            return Err(limited(PayProblem::TooFast));
        }
        let Loaded { session, attempt } = self
            .refresh(id)
            .await?
            .ok_or(refused(PayProblem::NotFound))?;
        if session.state.status == Status::Open
            && attempt.as_ref().is_some_and(|a| a.status.is_live())
        {
            return Ok(());
        }
        if !session.state.accepts_payment() {
            return Err(refused(PayProblem::SessionClosed));
        }
        if !offered_methods(&session).contains(&req.method) {
            return Err(refused(PayProblem::MethodUnavailable));
        }
        // One live attempt at a time per session: the count cannot race.
        if limits::failed_attempts(&self.db.pool, &session.id).await?
            >= self.config.limits.failed_per_session
        {
            return Err(limited(PayProblem::TooManyAttempts));
        }
        let amount = parts::amount_due(
            session.compat.allow_partial,
            req.amount.as_deref(),
            session.amount_left(),
        )
        .ok_or(refused(PayProblem::Amount))?;
        let route = self
            .route(&session, req.method, amount.minor)
            .await?
            .ok_or(refused(PayProblem::MethodUnavailable))?;
        let given = given(&session, req, route.hosted)?;
        let Some((session, attempt)) = self
            .create_attempt(session, req.method, &route, &given, amount.minor)
            .await?
        else {
            return self.already_started(id).await;
        };
        METRICS.payment(req.method.as_str(), "started");
        tracing::info!(session = %session.id, attempt = %attempt.id, method = %req.method,
            card = ?given.card.as_ref().map(|c| (c.brand, c.last4.clone())), "payment started");
        self.ask_connector(route.connector.as_ref(), &session, &attempt, &given)
            .await
    }

    /// Records a new pending attempt and moves the session to pending, in
    /// one transaction. `None` when another request started a payment first.
    async fn create_attempt(
        &self,
        session: Session,
        method: MethodId,
        route: &Route,
        given: &Given,
        amount: i64,
    ) -> Result<Option<(Session, Attempt)>> {
        let now = now_ms();
        let limit = match method.kind() {
            MethodKind::MobileMoney => self.config.push_timeout,
            MethodKind::Card | MethodKind::Redirect => self.config.action_timeout,
        };
        let attempt = Attempt {
            id: new_id("pay", 20),
            session_id: session.id.clone(),
            method,
            connector: route.connector.name().to_owned(),
            phone: given.phone.clone(),
            card_brand: given.card.as_ref().map(|c| c.brand),
            card_last4: given.card.as_ref().map(|c| c.last4.clone()),
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
            connector_account: route.account.clone(),
        };
        let Ok(next) = session.state.apply(Event::PaymentStarted) else {
            return Ok(None);
        };
        let mut tx = self.db.begin().await?;
        if let Some(phone) = &given.phone
            && !self.room_for_push(&mut tx, phone, now).await?
        {
            tx.rollback().await?;
            return Err(limited(PayProblem::TooManyPushes));
        }
        if let Err(e) = attempts::insert(&mut tx, &attempt).await {
            tx.rollback().await?;
            // Another request started (or completed) a payment first.
            return if is_unique_violation(&e) {
                Ok(None)
            } else {
                Err(e.into())
            };
        }
        // A part paid meanwhile (on another request) may leave less than
        // this attempt's amount: never take more than the total.
        if !sessions::transition(&mut tx, &session.id, session.state, next, None, now).await?
            || !sessions::has_room(&mut tx, &session.id, amount).await?
        {
            tx.rollback().await?;
            return Ok(None);
        }
        tx.commit().await?;
        let session = Session {
            state: next,
            ..session
        };
        Ok(Some((session, attempt)))
    }

    /// The per-client limit on starting payments: a token bucket per
    /// address (an IPv6 client is its /64), shared by every server.
    async fn admit_client(&self, client: Option<ClientIp>) -> Result<bool> {
        let Some(ClientIp(ip)) = client else {
            return Ok(true);
        };
        let key = match ip {
            IpAddr::V4(v4) => format!("pay:{v4}"),
            IpAddr::V6(v6) => {
                let s = v6.segments();
                format!("pay:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        };
        let l = &self.config.limits;
        let interval = 60_000 / l.pay_per_minute as i64;
        let tolerance = interval * (l.pay_burst as i64 - 1);
        Ok(limits::admit(&self.db, &key, now_ms(), interval, tolerance).await?)
    }

    /// Whether `phone` may receive another payment request now. Holds the
    /// number for the rest of `tx`, so two servers pushing to it at once
    /// count one after the other.
    async fn room_for_push(&self, tx: &mut Tx<'_>, phone: &str, now: i64) -> Result<bool> {
        let l = &self.config.limits;
        limits::hold(tx, &format!("push:{phone}"), now).await?;
        let since = now - l.push_window.as_millis() as i64;
        Ok(limits::pushes_since(tx, phone, since).await? < l.pushes_per_phone)
    }

    /// Sends the attempt to its provider and records how it took it.
    async fn ask_connector(
        &self,
        connector: &dyn Connector,
        session: &Session,
        attempt: &Attempt,
        given: &Given,
    ) -> Result<()> {
        // Back from a bank or provider page, `/return` sends a paid buyer on
        // to the merchant and anyone else to the checkout.
        let urls = Urls {
            return_url: format!("{}/return", self.config.checkout_url(&session.id)),
            callback_url: self.callback_url(attempt),
            locale: session.locale,
        };
        match connector.start(attempt, given.details(), &urls).await {
            Ok(Started::Pending { reference }) => {
                self.set_reference(&attempt.id, &reference, None).await?;
            }
            Ok(Started::Done { reference, outcome }) => {
                self.set_reference(&attempt.id, &reference, None).await?;
                self.record_outcome(session, attempt, &outcome).await?;
            }
            Ok(Started::Action { reference, url }) => {
                self.set_reference(&attempt.id, &reference, Some(&url))
                    .await?;
                self.advance(session, attempt, AttemptEvent::ActionRequired, None)
                    .await?;
            }
            Err(e) => {
                tracing::warn!(attempt = %attempt.id, error = %e, "connector refused the payment");
                let failure = (
                    failure::PROVIDER_UNAVAILABLE,
                    "The payment provider could not be reached",
                );
                self.advance(session, attempt, AttemptEvent::Declined, Some(failure))
                    .await?;
            }
        }
        Ok(())
    }

    async fn set_reference(&self, attempt: &str, reference: &str, url: Option<&str>) -> Result<()> {
        let mut tx = self.db.begin().await?;
        attempts::set_reference(&mut tx, attempt, reference, url).await?;
        Ok(tx.commit().await?)
    }

    /// After losing a race to start a payment: fine if the winner's payment
    /// is under way, otherwise the session closed under us.
    async fn already_started(&self, id: &str) -> Result<()> {
        let session = sessions::TABLE.find(&self.db.pool, id).await?;
        match session.map(|s| s.state) {
            Some(SessionState {
                status: Status::Open,
                payment_status: PaymentStatus::Pending,
            }) => Ok(()),
            _ => Err(refused(PayProblem::SessionClosed)),
        }
    }

    /// A sandbox challenge or provider page reports what the buyer did.
    /// Returns the session id to send the buyer back to.
    pub async fn complete_action(
        &self,
        attempt_id: &str,
        result: ActionResult,
    ) -> Result<Option<String>> {
        let Some(attempt) = attempts::TABLE.find(&self.db.pool, attempt_id).await? else {
            return Ok(None);
        };
        let Some(session) = sessions::TABLE
            .find(&self.db.pool, &attempt.session_id)
            .await?
        else {
            return Ok(None);
        };
        if attempt.connector != self.connectors.sandbox.name()
            || attempt.status != AttemptStatus::RequiresAction
        {
            return Ok(Some(session.id));
        }
        let card = attempt.card_brand.is_some();
        let (event, failure) = match result {
            ActionResult::Approve => (AttemptEvent::Approved, None),
            ActionResult::Decline if card => (
                AttemptEvent::Declined,
                Some((
                    failure::AUTHENTICATION_FAILED,
                    "3-D Secure authentication failed",
                )),
            ),
            ActionResult::Decline => (
                AttemptEvent::Declined,
                Some((failure::DECLINED, "The provider declined the payment")),
            ),
            ActionResult::Cancel => (
                AttemptEvent::Abandoned,
                Some((failure::CANCELLED, "The buyer left the provider's page")),
            ),
        };
        self.advance(&session, &attempt, event, failure).await?;
        Ok(Some(session.id))
    }

    /// The buyer gives up on an attempt that waits for them to act
    /// elsewhere, to choose another method. A push waiting for a PIN is
    /// left alone: the provider may still take the money.
    pub async fn abandon_action(&self, id: &str) -> Result<Option<Loaded>> {
        let Some(loaded) = self.refresh(id).await? else {
            return Ok(None);
        };
        let Some(a) = loaded
            .attempt
            .as_ref()
            .filter(|a| a.status == AttemptStatus::RequiresAction)
        else {
            return Ok(Some(loaded));
        };
        if let Some(c) = self.connector_of(a).await
            && let Err(e) = c.cancel(a).await
        {
            tracing::warn!(attempt = %a.id, error = %e, "connector cancel failed");
        }
        let f = (failure::CANCELLED, "The buyer chose another method");
        self.advance(&loaded.session, a, AttemptEvent::Abandoned, Some(f))
            .await?;
        self.load(id).await
    }

    /// Asks the attempt's provider to give `amount` back, with the refund's
    /// id as the provider's idempotency key.
    pub async fn refund_at_provider(
        &self,
        attempt: &Attempt,
        refund_id: &str,
        amount: i64,
    ) -> std::result::Result<RefundAnswer, ConnectorError> {
        let c = self.connectors.for_attempt(attempt).await?;
        c.refund(attempt, refund_id, amount).await
    }

    /// Where to send a buyer whose attempt needs them elsewhere.
    pub fn next_action(loaded: &Loaded) -> Option<&str> {
        loaded
            .attempt
            .as_ref()
            .filter(|a| a.status == AttemptStatus::RequiresAction)
            .and_then(|a| a.next_action_url.as_deref())
    }

    /// Whether the attempt waits for the buyer on the provider's own page
    /// (which refuses to be framed), not on a bank's 3-D Secure page.
    pub fn on_provider_page(loaded: &Loaded) -> bool {
        loaded.attempt.as_ref().is_some_and(|a| {
            a.status == AttemptStatus::RequiresAction
                && app::domain::provider::Provider::parse(&a.connector)
                    .is_some_and(|p| p.hosts_payment_page())
        })
    }

    /// Settles attempts and expires overdue sessions that nobody is looking
    /// at. Returns how many sessions it changed.
    pub async fn sweep(&self) -> Result<usize> {
        let mut touched = 0;
        for a in attempts::live(&self.db.pool, 200).await? {
            let before = sessions::TABLE
                .find(&self.db.pool, &a.session_id)
                .await?
                .map(|s| s.state);
            let after = self.refresh(&a.session_id).await?.map(|l| l.session.state);
            touched += usize::from(before != after);
        }
        let now = now_ms();
        for id in sessions::expired_open(&self.db.pool, now / 1000, 200).await? {
            if let Some(s) = sessions::TABLE.find(&self.db.pool, &id).await? {
                touched += usize::from(self.expire_if_due(&s, now).await?);
            }
        }
        crate::store::idempotency::purge(&self.db, now).await?;
        Ok(touched)
    }
}

/// Checks what the buyer typed for this kind of method, and nothing else.
/// On a provider's own page (`hosted`) Lipa takes nothing: a card number
/// sent anyway is never read.
fn given(session: &Session, req: &PayRequest, hosted: bool) -> Result<Given> {
    let kind = if hosted {
        MethodKind::Redirect
    } else {
        req.method.kind()
    };
    match kind {
        MethodKind::MobileMoney => {
            let typed = req.phone.as_deref().unwrap_or("");
            let phone = req
                .method
                .normalise_phone(typed, session.currency)
                .map_err(|e| refused(PayProblem::Phone(e)))?;
            session
                .compat
                .restriction
                .allows(&phone)
                .map_err(|e| refused(PayProblem::Phone(e)))?;
            Ok(Given {
                phone: Some(phone),
                card: None,
            })
        }
        MethodKind::Card => {
            let (year, month, ..) = app::i18n::civil_from_unix(now_ms() / 1000);
            let card = req
                .card
                .clone()
                .unwrap_or_default()
                .check(year as i32, month)
                .map_err(|e| refused(PayProblem::Card(e)))?;
            Ok(Given {
                phone: None,
                card: Some(card),
            })
        }
        MethodKind::Redirect => Ok(Given::default()),
    }
}
