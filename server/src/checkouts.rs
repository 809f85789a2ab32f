//! The order state machine at work: starting payments, settling them with
//! the provider's answer, expiring sessions. Every change goes through
//! [`SessionState::apply`] and a compare-and-set in the database, so two
//! requests (or two server instances) can never both win.

use crate::config::Config;
use crate::connector::{Connector, Outcome, Sandbox};
use crate::db::{Db, is_unique_violation, new_id, now_ms};
use crate::store::attempts::{self, Attempt};
use crate::store::{merchants, sessions, sessions::Session};
use app::domain::checkout::fill_success_url;
use app::domain::{Event, Locale, MethodKind, PaymentStatus, SessionState, Status};
use app::service::{
    self, AttemptStatus, CheckoutPage, CheckoutService, LangHints, PageData, PayProblem,
    PayRequest, ServiceError,
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

impl Checkouts {
    pub fn new(db: Db, config: Arc<Config>) -> Checkouts {
        let sandbox = Sandbox {
            delay: config.sandbox_delay,
        };
        Checkouts {
            db,
            config,
            sandbox,
        }
    }

    /// Test-mode sessions always use the sandbox. No live provider is
    /// configured in this version, so live sessions cannot take payments.
    fn connector_for(&self, session: &Session) -> Option<&dyn Connector> {
        (!session.livemode).then_some(&self.sandbox as &dyn Connector)
    }

    async fn load(&self, id: &str) -> Result<Option<Loaded>, sqlx::Error> {
        let Some(session) = sessions::get(&self.db.pool, id).await? else {
            return Ok(None);
        };
        let attempt = attempts::latest(&self.db.pool, id).await?;
        Ok(Some(Loaded { session, attempt }))
    }

    /// Loads a session after settling what can be settled now: a pending
    /// payment the provider has answered, an open session past its expiry.
    pub async fn refresh(&self, id: &str) -> Result<Option<Loaded>, sqlx::Error> {
        let Some(loaded) = self.load(id).await? else {
            return Ok(None);
        };
        let mut changed = false;
        if let Some(a) = loaded
            .attempt
            .as_ref()
            .filter(|a| a.status == AttemptStatus::Pending)
            && let Some(connector) = self.connector_for(&loaded.session)
        {
            match connector.status(a).await {
                Ok(Outcome::Pending) => {}
                Ok(outcome) => changed |= self.settle(&loaded.session, a, &outcome).await?,
                Err(e) => {
                    tracing::warn!(attempt = %a.id, error = %e, "connector status failed")
                }
            }
        }
        if !changed {
            changed |= self.expire_if_due(&loaded.session).await?;
        }
        if changed {
            self.load(id).await
        } else {
            Ok(Some(loaded))
        }
    }

    /// Records a provider's final answer: the attempt and the session move
    /// together, in one transaction. Returns false if someone settled it first.
    pub async fn settle(
        &self,
        session: &Session,
        attempt: &Attempt,
        outcome: &Outcome,
    ) -> Result<bool, sqlx::Error> {
        let (status, event, failure) = match outcome {
            Outcome::Pending => return Ok(false),
            Outcome::Succeeded => (AttemptStatus::Succeeded, Event::PaymentSucceeded, None),
            Outcome::Failed { code, reason } => (
                AttemptStatus::Failed,
                Event::PaymentFailed,
                Some((code.as_str(), reason.as_str())),
            ),
        };
        let now = now_ms();
        let mut tx = self.db.begin().await?;
        if !attempts::settle(&mut tx, &attempt.id, status, failure, now).await? {
            // Release the write lock now, not whenever the connection is reused.
            tx.rollback().await?;
            return Ok(false);
        }
        // The session was pending when this attempt started; read it inside
        // the transaction in case it moved since `session` was loaded.
        let current = sessions::get(&mut *tx, &session.id)
            .await?
            .map_or(session.state, |s| s.state);
        match current.apply(event) {
            Ok(next) => {
                sessions::transition(&mut tx, &session.id, current, next, failure, now).await?;
            }
            Err(e) => {
                tracing::error!(session = %session.id, attempt = %attempt.id, ?current, ?event, error = %e,
                    "attempt settled but the session refused the transition");
            }
        }
        tx.commit().await?;
        tracing::info!(session = %session.id, attempt = %attempt.id, status = attempts::status_str(status),
            "payment settled");
        Ok(true)
    }

    /// Expires an open session whose time ran out (not while a payment is
    /// pending: its outcome decides).
    async fn expire_if_due(&self, session: &Session) -> Result<bool, sqlx::Error> {
        let due = session.state.status == Status::Open && session.expires_at <= now_ms() / 1000;
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
    ) -> Result<Result<SessionState, app::domain::session::TransitionError>, sqlx::Error> {
        let next = match session.state.apply(event) {
            Ok(next) => next,
            Err(e) => return Ok(Err(e)),
        };
        let mut tx = self.db.begin().await?;
        let moved =
            sessions::transition(&mut tx, &session.id, session.state, next, None, now_ms()).await?;
        tx.commit().await?;
        if moved {
            tracing::info!(session = %session.id, ?event, status = next.status.as_str(), "session changed");
            Ok(Ok(next))
        } else {
            Ok(Err(app::domain::session::TransitionError::SessionClosed))
        }
    }

    /// Starts a payment for the buyer. A second press while one is pending
    /// (double click, second tab, replayed form) returns the pending one.
    pub async fn start_payment(
        &self,
        id: &str,
        req: &PayRequest,
    ) -> Result<Result<(), PayProblem>, sqlx::Error> {
        let Some(Loaded { session, .. }) = self.refresh(id).await? else {
            return Ok(Err(PayProblem::NotFound));
        };
        if session.state.payment_status == PaymentStatus::Pending
            && session.state.status == Status::Open
        {
            return Ok(Ok(()));
        }
        if !session.state.accepts_payment() {
            return Ok(Err(PayProblem::SessionClosed));
        }
        let offered = offered_methods(&session);
        if !offered.contains(&req.method) {
            return Ok(Err(PayProblem::MethodUnavailable));
        }
        let Some(connector) = self.connector_for(&session) else {
            return Ok(Err(PayProblem::MethodUnavailable));
        };
        let phone = match req
            .method
            .normalise_phone(req.phone.as_deref().unwrap_or(""), session.currency)
        {
            Ok(p) => p,
            Err(e) => return Ok(Err(PayProblem::Phone(e))),
        };

        let now = now_ms();
        let attempt = Attempt {
            id: new_id("pay", 20),
            session_id: session.id.clone(),
            method: req.method,
            connector: connector.name().to_owned(),
            phone: Some(phone),
            amount: session.amount_total,
            currency: session.currency,
            status: AttemptStatus::Pending,
            failure_code: None,
            failure_reason: None,
            connector_reference: None,
            created_at: now,
            updated_at: now,
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
        tracing::info!(session = %session.id, attempt = %attempt.id, method = %req.method, "payment started");

        match connector.start(&attempt).await {
            Ok(reference) => {
                attempts::set_reference(&self.db.pool, &attempt.id, &reference).await?
            }
            Err(e) => {
                tracing::warn!(attempt = %attempt.id, error = %e, "connector refused the payment");
                let outcome = Outcome::Failed {
                    code: "provider_unavailable".into(),
                    reason: "The payment provider could not be reached".into(),
                };
                self.settle(&session, &attempt, &outcome).await?;
            }
        }
        Ok(Ok(()))
    }

    /// After losing a race to start a payment: fine if the winner's payment
    /// is pending or paid, otherwise the session closed under us.
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

    /// The buyer page's view of a session.
    pub async fn page_view(&self, loaded: &Loaded) -> Result<CheckoutPage, sqlx::Error> {
        let s = &loaded.session;
        let merchant_name = merchants::get(&self.db, &s.merchant_id)
            .await?
            .map(|m| m.name)
            .unwrap_or_default();
        let return_url = (s.state.status == Status::Complete)
            .then(|| s.success_url.as_deref().map(|u| fill_success_url(u, &s.id)))
            .flatten();
        Ok(CheckoutPage {
            id: s.id.clone(),
            merchant_name,
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
                phone: a.phone.clone(),
                status: a.status,
                failure_code: a.failure_code.clone(),
                created_at: a.created_at / 1000,
                updated_at: a.updated_at / 1000,
            }),
            expires_at: s.expires_at,
        })
    }

    /// Settles pending attempts and expires overdue sessions that nobody is
    /// looking at. Returns how many sessions it touched.
    pub async fn sweep(&self) -> Result<usize, sqlx::Error> {
        let mut touched = 0;
        for a in attempts::pending(&self.db.pool, 200).await? {
            let before = sessions::get(&self.db.pool, &a.session_id)
                .await?
                .map(|s| s.state);
            let after = self.refresh(&a.session_id).await?.map(|l| l.session.state);
            touched += usize::from(before != after);
        }
        for id in sessions::expired_open(&self.db, now_ms() / 1000, 200).await? {
            if let Some(s) = sessions::get(&self.db.pool, &id).await? {
                touched += usize::from(self.expire_if_due(&s).await?);
            }
        }
        crate::store::idempotency::purge(&self.db, now_ms()).await?;
        Ok(touched)
    }
}

/// Methods the buyer can use on the page: the session's list, kept to the
/// kinds this version can take (mobile money push).
pub fn offered_methods(s: &Session) -> Vec<app::domain::MethodId> {
    s.payment_method_types
        .iter()
        .copied()
        .filter(|m| m.kind() == MethodKind::MobileMoney)
        .collect()
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
        let locale = Locale::negotiate(
            pref,
            hints.query.as_deref(),
            hints.accept_language.as_deref(),
        );
        let checkout = match &loaded {
            Some(l) => Some(self.page_view(l).await.map_err(service_error)?),
            None => None,
        };
        Ok(PageData {
            locale,
            checkout,
            echo: None,
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
        let loaded = self.load(id).await.map_err(service_error)?;
        match loaded {
            Some(l) => Ok(Ok(self.page_view(&l).await.map_err(service_error)?)),
            None => Ok(Err(PayProblem::NotFound)),
        }
    }
}
