//! A change made but not yet committed: use cases return one so the caller
//! can write its own record in the same transaction (the API's answer to an
//! `Idempotency-Key`) before committing.

use crate::db::Tx;

#[must_use = "a change is lost unless committed"]
pub struct Change<T> {
    pub tx: Tx<'static>,
    pub value: T,
}

impl<T> Change<T> {
    pub fn new(tx: Tx<'static>, value: T) -> Change<T> {
        Change { tx, value }
    }

    /// Commits, then wakes the webhook worker for any event the change wrote.
    pub async fn commit(self) -> Result<T, sqlx::Error> {
        self.tx.commit().await?;
        crate::webhooks::wake();
        Ok(self.value)
    }
}

impl<T> Change<T> {
    /// The same change, carrying something made from its value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Change<U> {
        Change {
            tx: self.tx,
            value: f(self.value),
        }
    }
}

/// Where a use case writes its answer before money may move: the API's
/// `Idempotency-Key`. Written in the transaction that commits the intent
/// (a refund reserved, say), so a retry after any later failure gets that
/// answer and never does the work a second time.
#[async_trait::async_trait]
pub trait Journal<T: Sync>: Send + Sync {
    async fn record(&self, tx: &mut Tx<'_>, value: &T) -> Result<(), sqlx::Error>;
}

/// Nothing to record: callers without a key (the sweeper, tests).
pub struct NoJournal;

#[async_trait::async_trait]
impl<T: Sync> Journal<T> for NoJournal {
    async fn record(&self, _: &mut Tx<'_>, _: &T) -> Result<(), sqlx::Error> {
        Ok(())
    }
}
