//! Tables and the queries every table shares: find by id (an owner's, or
//! any), select with conditions, and lists newest first by
//! `(created_seq, id)` with cursors both ways and whether more lie beyond
//! either end. Rows are read by column name through serde (see
//! [`super::row`]); a table says which of its columns hold flags or JSON.

use super::row::{Encodings, decode};
use super::{Many, One, Owner};
use crate::db::{Ex, flag};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Arguments, Executor};
use std::marker::PhantomData;

/// A value a query compares with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Int(i64),
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_owned())
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

/// SQL with its arguments, numbered `$1, $2...` as they are bound (sqlx's
/// `QueryBuilder` writes `?` for the Any driver, which PostgreSQL refuses).
pub struct Sql<'a> {
    text: String,
    args: AnyArguments<'a>,
    count: usize,
}

impl<'a> Sql<'a> {
    pub fn new(text: &str) -> Sql<'a> {
        Sql {
            text: text.to_owned(),
            args: AnyArguments::default(),
            count: 0,
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Sql<'a> {
        self.text.push_str(text);
        self
    }

    /// Appends the next placeholder and binds `v` to it.
    pub fn bind(&mut self, v: impl Into<Value>) -> &mut Sql<'a> {
        self.count += 1;
        self.text.push_str(&format!("${}", self.count));
        let added = match v.into() {
            Value::Text(s) => self.args.add(s),
            Value::Int(n) => self.args.add(n),
        };
        added.expect("text and integers always encode");
        self
    }

    /// `AND <column> <op> $n` for each filter.
    pub fn filters(&mut self, filters: &[Filter]) -> &mut Sql<'a> {
        for f in filters {
            self.push(&format!(" AND {} {} ", f.column, f.op));
            self.bind(f.value.clone());
        }
        self
    }

    pub async fn fetch_all<'e, E: Executor<'e, Database = sqlx::Any>>(self, ex: E) -> Many<AnyRow> {
        sqlx::query_with(&self.text, self.args).fetch_all(ex).await
    }
}

/// One condition of a list: `column op value`.
#[derive(Clone, Debug)]
pub struct Filter {
    pub column: &'static str,
    pub op: &'static str,
    pub value: Value,
}

impl Filter {
    pub fn eq(column: &'static str, value: impl Into<Value>) -> Filter {
        Filter::new(column, "=", value)
    }

    pub fn new(column: &'static str, op: &'static str, value: impl Into<Value>) -> Filter {
        Filter {
            column,
            op,
            value: value.into(),
        }
    }
}

/// Where a list item stands: its creation order and id.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Cursor {
    #[serde(rename = "created_seq")]
    pub seq: i64,
    pub id: String,
}

/// Which page of a list, newest first. `After` a cursor continues to older
/// items, `Before` one goes back to newer ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    First,
    After(Cursor),
    Before(Cursor),
    Last,
}

/// A page of a list and what lies beyond its ends.
pub struct Slice<T> {
    pub items: Vec<T>,
    pub has_older: bool,
    pub has_newer: bool,
}

/// A table whose rows read as `T`.
pub struct Table<T> {
    name: &'static str,
    columns: &'static str,
    encodings: Encodings,
    rows: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Table<T> {
    pub const fn new(name: &'static str, columns: &'static str, encodings: Encodings) -> Table<T> {
        Table {
            name,
            columns,
            encodings,
            rows: PhantomData,
        }
    }

    fn read(&self, rows: Vec<AnyRow>) -> Many<T> {
        rows.iter().map(|r| decode(r, &self.encodings)).collect()
    }

    /// Rows that meet `condition` (with its placeholders bound to `binds`
    /// in order), e.g. `WHERE session_id = $1 ORDER BY created_at`.
    pub async fn select<'e>(&self, ex: impl Ex<'e>, condition: &str, binds: &[Value]) -> Many<T> {
        let sql = format!("SELECT {} FROM {} {condition}", self.columns, self.name);
        let mut query = sqlx::query(&sql);
        for b in binds {
            query = match b {
                Value::Text(s) => query.bind(s.clone()),
                Value::Int(n) => query.bind(*n),
            };
        }
        self.read(query.fetch_all(ex).await?)
    }

    /// The first row that meets `condition`.
    pub async fn select_one<'e>(
        &self,
        ex: impl Ex<'e>,
        condition: &str,
        binds: &[Value],
    ) -> One<T> {
        Ok(self.select(ex, condition, binds).await?.into_iter().next())
    }

    /// Any row by id (the buyer page and the engine: the id is the key).
    pub async fn find<'e>(&self, ex: impl Ex<'e>, id: &str) -> One<T> {
        self.select_one(ex, "WHERE id = $1", &[id.into()]).await
    }

    /// The owner's row with this id.
    pub async fn find_owned<'e>(&self, ex: impl Ex<'e>, owner: &Owner, id: &str) -> One<T> {
        self.find_owned_by(ex, owner, "id", id).await
    }

    /// The owner's row whose `column` is `value`.
    pub async fn find_owned_by<'e>(
        &self,
        ex: impl Ex<'e>,
        owner: &Owner,
        column: &'static str,
        value: &str,
    ) -> One<T> {
        let filters = [Filter::eq(column, value)];
        let rows = self
            .owned(self.columns, owner, &filters)
            .fetch_all(ex)
            .await?;
        Ok(self.read(rows)?.into_iter().next())
    }

    fn owned(&self, select: &str, owner: &Owner, filters: &[Filter]) -> Sql<'static> {
        let mut sql = Sql::new(&format!(
            "SELECT {select} FROM {} WHERE merchant_id = ",
            self.name
        ));
        sql.bind(owner.merchant_id.as_str())
            .push(" AND livemode = ")
            .bind(flag(owner.livemode))
            .filters(filters);
        sql
    }

    /// The page after the owner's item `id` (older ones), or the first page
    /// without one; `None` when the owner has no such item.
    pub async fn after<'e>(&self, ex: impl Ex<'e>, owner: &Owner, id: Option<&str>) -> One<Page> {
        Ok(match id {
            None => Some(Page::First),
            Some(id) => self.cursor(ex, owner, id).await?.map(Page::After),
        })
    }

    /// The page after the owner's item `after` (older ones), or the first;
    /// `None` when `after` names nothing of the owner's.
    pub async fn page_after(
        &self,
        pool: &sqlx::AnyPool,
        owner: &Owner,
        filters: &[Filter],
        after: Option<&str>,
        limit: i64,
    ) -> One<Slice<T>> {
        match self.after(pool, owner, after).await? {
            Some(page) => Ok(Some(self.page(pool, owner, filters, &page, limit).await?)),
            None => Ok(None),
        }
    }

    /// Where item `id` of `owner` stands, for paging from it.
    pub async fn cursor<'e>(&self, ex: impl Ex<'e>, owner: &Owner, id: &str) -> One<Cursor> {
        let filters = [Filter::eq("id", id)];
        let rows = self
            .owned("created_seq, id", owner, &filters)
            .fetch_all(ex)
            .await?;
        rows.first()
            .map(|r| decode(r, &Encodings::NONE))
            .transpose()
    }

    /// One page of `owner`'s items matching `filters`.
    pub async fn page(
        &self,
        pool: &sqlx::AnyPool,
        owner: &Owner,
        filters: &[Filter],
        page: &Page,
        limit: i64,
    ) -> Result<Slice<T>, sqlx::Error> {
        let (beyond, order, reverse) = match page {
            Page::First => (None, "DESC", false),
            Page::After(c) => (Some((c, false)), "DESC", false),
            Page::Before(c) => (Some((c, true)), "ASC", true),
            Page::Last => (None, "ASC", true),
        };
        let mut sql = self.owned(self.columns, owner, filters);
        if let Some((c, newer)) = beyond {
            beyond_cursor(&mut sql, c, newer);
        }
        sql.push(&format!(" ORDER BY created_seq {order}, id {order} LIMIT "))
            .bind(limit + 1);
        let mut rows = sql.fetch_all(pool).await?;
        let more_this_way = rows.len() as i64 > limit;
        rows.truncate(limit.max(0) as usize);
        if reverse {
            rows.reverse();
        }
        let ends = (rows.first(), rows.last());
        // From a cursor, is anything beyond the other end of this page?
        let other_way = match (page, ends) {
            (Page::First | Page::Last, _) => false,
            (Page::After(_), (Some(edge), _)) | (Page::Before(_), (_, Some(edge))) => {
                let edge: Cursor = decode(edge, &Encodings::NONE)?;
                self.any_beyond(pool, owner, filters, &edge, matches!(page, Page::After(_)))
                    .await?
            }
            _ => true,
        };
        let (has_older, has_newer) = if reverse {
            (other_way, more_this_way)
        } else {
            (more_this_way, other_way)
        };
        Ok(Slice {
            items: self.read(rows)?,
            has_older,
            has_newer,
        })
    }

    async fn any_beyond(
        &self,
        pool: &sqlx::AnyPool,
        owner: &Owner,
        filters: &[Filter],
        edge: &Cursor,
        newer: bool,
    ) -> Result<bool, sqlx::Error> {
        let mut sql = self.owned("1 AS one", owner, filters);
        beyond_cursor(&mut sql, edge, newer);
        sql.push(" LIMIT 1");
        Ok(!sql.fetch_all(pool).await?.is_empty())
    }
}

/// `AND` the items newer (or older) than `c`.
fn beyond_cursor(sql: &mut Sql<'_>, c: &Cursor, newer: bool) {
    let op = if newer { ">" } else { "<" };
    sql.push(&format!(" AND (created_seq {op} "))
        .bind(c.seq)
        .push(" OR (created_seq = ")
        .bind(c.seq)
        .push(&format!(" AND id {op} "))
        .bind(c.id.as_str())
        .push("))");
}
