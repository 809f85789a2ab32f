//! The database: one pool over SQLite (default, a file) or PostgreSQL (when
//! `DATABASE_URL` starts with `postgres://`), with the same SQL for both.

use rand::Rng;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, Migrator};
use sqlx::{AnyPool, Transaction};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::{Semaphore, mpsc};

pub type Tx<'a> = Transaction<'a, sqlx::Any>;

/// Anything a read can run on: the pool, or a transaction (`&mut *tx`).
pub trait Ex<'e>: sqlx::Executor<'e, Database = sqlx::Any> {}

impl<'e, T: sqlx::Executor<'e, Database = sqlx::Any>> Ex<'e> for T {}

/// Migrations both databases run, and each one's own (where SQLite and
/// PostgreSQL cannot share the SQL, such as changing a primary key); they
/// run together in version order.
static SHARED: Migrator = sqlx::migrate!("../migrations");
static SQLITE: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("../migrations/postgres");

type Resolved<'s> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 's>,
>;

/// The shared migrations and one backend's own, as one ordered list.
#[derive(Debug)]
struct Migrations(Vec<Migration>);

impl<'s> MigrationSource<'s> for Migrations {
    fn resolve(self) -> Resolved<'s> {
        Box::pin(async move { Ok(self.0) })
    }
}

/// Every migration up to `until` (all when `None`).
async fn migrator(backend: Backend, until: Option<i64>) -> Result<Migrator, sqlx::Error> {
    let own = match backend {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    };
    let wanted = |m: &&Migration| until.is_none_or(|v| m.version <= v);
    let mut all: Vec<Migration> = SHARED
        .iter()
        .chain(own.iter())
        .filter(wanted)
        .cloned()
        .collect();
    all.sort_by_key(|m| m.version);
    Ok(Migrator::new(Migrations(all)).await?)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

/// The database. On SQLite, reads share a pool of read-only connections
/// (WAL: they never wait for a writer) and every change goes through one
/// writer connection, so writers queue in order in the process instead of
/// spinning on `SQLITE_BUSY`; on PostgreSQL both are the same pool.
///
/// On SQLite a change made with [`Db::begin`] first waits its turn in
/// `queue`, which lets only [`QUEUED`] of them wait for the writer at once;
/// work that drains a backlog (webhook deliveries, [`Db::begin_first`] and
/// single statements on [`Db::writer`]) joins the writer's own queue
/// directly, so it waits for a few changes, not for every API call under
/// way: a burst of API writes no longer holds the webhooks back until it
/// ends. A checkpointer copies the log into the database file beside the
/// writer rather than in its way (see [`checkpointer`]).
#[derive(Clone, Debug)]
pub struct Db {
    /// For reads (on SQLite, changes through it fail: `query_only`).
    pub pool: AnyPool,
    writer: AnyPool,
    backend: Backend,
    queue: Arc<Semaphore>,
    /// On SQLite, tells the checkpointer a change was made.
    changed: Option<mpsc::Sender<()>>,
}

/// How many changes made with [`Db::begin`] may wait for SQLite's writer
/// at once (more wait before them, in order).
const QUEUED: usize = 2;

impl Db {
    /// Connects and applies pending migrations.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        Db::connect_until(url, None).await
    }

    /// Connects and applies the migrations up to version `until` only: an
    /// older release's database, for upgrade tests.
    #[doc(hidden)]
    pub async fn connect_until(url: &str, until: Option<i64>) -> Result<Db, sqlx::Error> {
        install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(sqlx::Error::Configuration(
                "DATABASE_URL must start with sqlite: or postgres://".into(),
            ));
        };
        if backend == Backend::Sqlite {
            create_sqlite_parent_dir(url);
        }
        let (pool, writer) = match backend {
            Backend::Sqlite => sqlite_pools(url).await?,
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect(url)
                    .await?;
                (pool.clone(), pool)
            }
        };
        let migrator = migrator(backend, until).await?;
        match backend {
            Backend::Sqlite => migrate_sqlite(&writer, &migrator).await?,
            Backend::Postgres => migrator.run(&writer).await?,
        }
        let changed = match backend {
            Backend::Sqlite => Some(checkpointer(url).await?),
            Backend::Postgres => None,
        };
        Ok(Db {
            pool,
            writer,
            backend,
            queue: Arc::new(Semaphore::new(QUEUED)),
            changed,
        })
    }

    /// The connection (SQLite) or pool (PostgreSQL) changes go through,
    /// for the few changes that commit alone.
    pub fn writer(&self) -> &AnyPool {
        &self.writer
    }

    /// A transaction for a change. On SQLite it takes the write lock at
    /// once (`BEGIN IMMEDIATE`): another process writing the file (the CLI)
    /// makes it wait, not fail halfway.
    pub async fn begin(&self) -> Result<Tx<'static>, sqlx::Error> {
        self.note_change();
        if self.backend == Backend::Sqlite {
            // Held until the writer is ours: only the wait is limited.
            let _turn = self
                .queue
                .acquire()
                .await
                .expect("the queue is never closed");
            return begin_whole(&self.writer, Some("BEGIN IMMEDIATE")).await;
        }
        begin_whole(&self.writer, None).await
    }

    /// [`Db::begin`] for work that drains a backlog: on SQLite it waits
    /// only for the changes already waiting for the writer, not for those
    /// waiting their turn behind them.
    pub async fn begin_first(&self) -> Result<Tx<'static>, sqlx::Error> {
        self.note_change();
        match self.backend {
            Backend::Sqlite => begin_whole(&self.writer, Some("BEGIN IMMEDIATE")).await,
            Backend::Postgres => begin_whole(&self.writer, None).await,
        }
    }
}

impl Db {
    /// Wakes the checkpointer (at most one wake-up waits).
    fn note_change(&self) {
        if let Some(changed) = &self.changed {
            let _ = changed.try_send(());
        }
    }
}

/// How long the checkpointer lets changes gather before it copies them.
const CHECKPOINT_AFTER: Duration = Duration::from_millis(20);

/// SQLite's checkpoints, off the writer's path. In WAL mode a commit only
/// appends to the log; a checkpoint copies the log into the database file
/// and syncs it. Left to SQLite, the commit that finds 1,000 pages in the
/// log does that itself, and every change queued behind the writer waits
/// for the copy and its `fsync`: at 16 concurrent creates this was the
/// writes' p99. Here a connection of its own copies what was committed,
/// 20 ms after a change, without blocking the writer or the readers
/// (`PASSIVE`); the writer's own checkpoint at 1,000 pages stays, finds
/// the log already copied but for its last pages, and restarts it, so the
/// log stays about 4 MB. The task ends when the last `Db` clone is
/// dropped.
async fn checkpointer(url: &str) -> Result<mpsc::Sender<()>, sqlx::Error> {
    let (url, _) = Synchronous::split(url)?;
    let conn = AnyPoolOptions::new()
        .max_connections(1)
        .test_before_acquire(false)
        .connect(&url)
        .await?;
    let (changed, mut changes) = mpsc::channel::<()>(1);
    tokio::spawn(async move {
        while changes.recv().await.is_some() {
            tokio::time::sleep(CHECKPOINT_AFTER).await;
            let copied = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&conn)
                .await;
            if let Err(e) = copied {
                tracing::warn!(error = %e, "checkpoint failed (the writer's own will follow)");
            }
        }
        conn.close().await;
    });
    Ok(changed)
}

/// Opens a transaction on a task of its own, so that it opens whole even
/// when the change that asked for it is dropped halfway (its client went
/// away): sqlx's `begin` is not cancel-safe (sqlx issues 3932 on SQLite,
/// 4393 on PostgreSQL). Dropped after the `BEGIN` but before the
/// transaction exists, it left the connection inside a transaction nothing
/// would end, and with SQLite's one writer every later change failed until
/// a restart. Here a transaction nobody waits for any more is dropped
/// whole, which rolls it back.
async fn begin_whole(
    pool: &AnyPool,
    statement: Option<&'static str>,
) -> Result<Tx<'static>, sqlx::Error> {
    let pool = pool.clone();
    let opening = tokio::spawn(async move {
        match statement {
            Some(s) => pool.begin_with(s).await,
            None => pool.begin().await,
        }
    });
    opening
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("opening a transaction failed: {e}")))?
}

/// When a SQLite commit reaches the disk (`?synchronous=` on the URL, ours,
/// taken off before sqlx reads it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Synchronous {
    /// The default: in WAL mode a commit is not synced by itself, the WAL
    /// is at each checkpoint. A crash of Lipa loses nothing; a power loss
    /// or an operating-system crash may undo the last commits (the file
    /// stays consistent).
    Normal,
    /// Every commit synced before the API answers: survives a power loss,
    /// at about 60 % of the write throughput.
    Full,
}

impl Synchronous {
    fn pragma(self) -> &'static str {
        match self {
            Synchronous::Normal => "NORMAL",
            Synchronous::Full => "FULL",
        }
    }

    /// The URL without our parameter, and the setting it named.
    pub fn split(url: &str) -> Result<(String, Synchronous), sqlx::Error> {
        let Some((base, query)) = url.split_once('?') else {
            return Ok((url.to_owned(), Synchronous::Normal));
        };
        let mut setting = Synchronous::Normal;
        let mut rest = Vec::new();
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("synchronous", v)) => {
                    setting = match v.to_ascii_lowercase().as_str() {
                        "normal" => Synchronous::Normal,
                        "full" => Synchronous::Full,
                        _ => {
                            return Err(sqlx::Error::Configuration(
                                format!("synchronous must be normal or full, not {v:?}").into(),
                            ));
                        }
                    }
                }
                _ => rest.push(pair),
            }
        }
        let url = match rest.is_empty() {
            true => base.to_owned(),
            false => format!("{base}?{}", rest.join("&")),
        };
        Ok((url, setting))
    }
}

/// SQLite's read pool and its one writer. WAL lets readers go on while the
/// writer writes.
async fn sqlite_pools(url: &str) -> Result<(AnyPool, AnyPool), sqlx::Error> {
    let (url, synchronous) = Synchronous::split(url)?;
    let url = url.as_str();
    // A connection to a file in this process cannot drop the way a
    // socket can: no round trip to its worker thread to ping it before
    // each use (sqlx still pings it as it goes back to the pool, which
    // rolls back anything a cancelled request left open).
    let writer = AnyPoolOptions::new()
        .max_connections(1)
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(30))
        .connect(url)
        .await?;
    sqlx::query("PRAGMA journal_mode = WAL")
        .execute(&writer)
        .await?;
    sqlx::query(&format!("PRAGMA synchronous = {}", synchronous.pragma()))
        .execute(&writer)
        .await?;
    let pool = AnyPoolOptions::new()
        .max_connections(8)
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(|conn, _| {
            Box::pin(async move {
                sqlx::query("PRAGMA query_only = ON").execute(conn).await?;
                Ok(())
            })
        })
        .connect(url)
        .await?;
    Ok((pool, writer))
}

/// SQLite changes a table's primary key by rebuilding the table, which
/// needs foreign keys off (https://www.sqlite.org/lang_altertable.html,
/// section 7) and they can only be turned off outside a transaction: the
/// migrations run on one connection with them off, and every reference is
/// checked before the connection goes back to the pool.
async fn migrate_sqlite(pool: &AnyPool, migrator: &Migrator) -> Result<(), sqlx::Error> {
    let mut conn = pool.acquire().await?;
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut *conn)
        .await?;
    let ran = migrator.run(&mut *conn).await;
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut *conn)
        .await?;
    ran?;
    let broken = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut *conn)
        .await?;
    if !broken.is_empty() {
        return Err(sqlx::Error::Protocol(format!(
            "{} rows reference rows that do not exist after migrating",
            broken.len()
        )));
    }
    Ok(())
}

fn create_sqlite_parent_dir(url: &str) {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or("");
    if path.is_empty() || path == ":memory:" {
        return;
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        let _ = std::fs::create_dir_all(parent);
    }
}

/// Unix milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Unix microseconds, strictly increasing across calls in this process: an
/// ordering key for things created in the same millisecond.
pub fn monotonic_us() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    static LAST: AtomicI64 = AtomicI64::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0);
    let mut prev = LAST.load(Ordering::Relaxed);
    loop {
        let next = now.max(prev + 1);
        match LAST.compare_exchange_weak(prev, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => prev = seen,
        }
    }
}

/// `prefix_` and `len` random base62 characters: `cs_4fJ9...`.
pub fn new_id(prefix: &str, len: usize) -> String {
    format!("{prefix}_{}", random_base62(len))
}

/// `len` random characters from `[0-9A-Za-z]`, from the OS-seeded CSPRNG.
pub fn random_base62(len: usize) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut rng = rand::rng();
    (0..len)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Whether an error is a unique-constraint violation (both backends).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            db.is_unique_violation()
                || db
                    .code()
                    .is_some_and(|c| c == "23505" || c == "2067" || c == "1555")
        }
        _ => false,
    }
}

/// Booleans are stored as 0/1 so the same SQL serves both databases.
pub fn flag(b: bool) -> i64 {
    i64::from(b)
}

#[cfg(test)]
mod tests {
    use super::Synchronous;

    #[test]
    fn the_synchronous_setting_comes_off_the_url() {
        let split = |u: &str| Synchronous::split(u).unwrap();
        assert_eq!(
            split("sqlite://data/lipa.db?mode=rwc"),
            ("sqlite://data/lipa.db?mode=rwc".into(), Synchronous::Normal)
        );
        assert_eq!(
            split("sqlite://data/lipa.db?mode=rwc&synchronous=full"),
            ("sqlite://data/lipa.db?mode=rwc".into(), Synchronous::Full)
        );
        assert_eq!(
            split("sqlite://lipa.db?synchronous=NORMAL"),
            ("sqlite://lipa.db".into(), Synchronous::Normal)
        );
        assert!(Synchronous::split("sqlite://lipa.db?synchronous=off").is_err());
    }
}
