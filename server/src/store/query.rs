//! Lists with filters and cursors, the same way for every table that has
//! them: newest first by `(created_seq, id)`, pages after or before a
//! cursor, and whether more lie beyond either end.

use super::Owner;
use super::row::decode;
use crate::db::flag;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Arguments, Executor, Row};
use std::marker::PhantomData;

/// A value a filter compares with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Int(i64),
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
    pub fn bind(&mut self, v: Value) -> &mut Sql<'a> {
        self.count += 1;
        self.text.push_str(&format!("${}", self.count));
        let added = match v {
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

    pub async fn fetch_all<'e, E: Executor<'e, Database = sqlx::Any>>(
        self,
        ex: E,
    ) -> Result<Vec<AnyRow>, sqlx::Error> {
        sqlx::query_with(&self.text, self.args).fetch_all(ex).await
    }

    pub async fn fetch_optional<'e, E: Executor<'e, Database = sqlx::Any>>(
        self,
        ex: E,
    ) -> Result<Option<AnyRow>, sqlx::Error> {
        sqlx::query_with(&self.text, self.args)
            .fetch_optional(ex)
            .await
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
    pub fn eq(column: &'static str, value: Value) -> Filter {
        Filter {
            column,
            op: "=",
            value,
        }
    }
}

/// Where a list item stands: its creation order and id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
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

/// A stored row that lists by cursor; read by column name (see [`super::row`]).
pub trait Listed: serde::de::DeserializeOwned {
    fn cursor(&self) -> Cursor;
}

/// A table of objects an owner reaches by id and lists by cursor.
pub struct Table<T> {
    table: &'static str,
    columns: &'static str,
    rows: PhantomData<fn() -> T>,
}

impl<T: Listed> Table<T> {
    pub const fn new(table: &'static str, columns: &'static str) -> Table<T> {
        Table {
            table,
            columns,
            rows: PhantomData,
        }
    }

    /// Any row by id (the buyer page and the engine: the id is the key).
    pub async fn find<'e, E: Executor<'e, Database = sqlx::Any>>(
        &self,
        ex: E,
        id: &str,
    ) -> Result<Option<T>, sqlx::Error> {
        let mut sql = Sql::new(&format!(
            "SELECT {} FROM {} WHERE id = ",
            self.columns, self.table
        ));
        sql.bind(Value::Text(id.to_owned()));
        sql.fetch_optional(ex)
            .await?
            .as_ref()
            .map(decode)
            .transpose()
    }

    /// The owner's row whose `column` is `value`.
    pub async fn find_owned<'e, E: Executor<'e, Database = sqlx::Any>>(
        &self,
        ex: E,
        owner: &Owner,
        column: &'static str,
        value: &str,
    ) -> Result<Option<T>, sqlx::Error> {
        let filters = [Filter::eq(column, Value::Text(value.to_owned()))];
        let row = self
            .owned(self.columns, owner, &filters)
            .fetch_optional(ex)
            .await?;
        row.as_ref().map(decode).transpose()
    }

    /// The page after the owner's item `id` (older ones), or the first page
    /// without one; `None` when the owner has no such item.
    pub async fn after<'e, E: Executor<'e, Database = sqlx::Any>>(
        &self,
        ex: E,
        owner: &Owner,
        id: Option<&str>,
    ) -> Result<Option<Page>, sqlx::Error> {
        Ok(match id {
            None => Some(Page::First),
            Some(id) => self.cursor(ex, owner, id).await?.map(Page::After),
        })
    }

    fn owned(&self, select: &str, owner: &Owner, filters: &[Filter]) -> Sql<'static> {
        let mut sql = Sql::new(&format!(
            "SELECT {select} FROM {} WHERE merchant_id = ",
            self.table
        ));
        sql.bind(Value::Text(owner.merchant_id.clone()))
            .push(" AND livemode = ")
            .bind(Value::Int(flag(owner.livemode)))
            .filters(filters);
        sql
    }

    /// Where item `id` of `owner` stands, for paging from it.
    pub async fn cursor<'e, E: Executor<'e, Database = sqlx::Any>>(
        &self,
        ex: E,
        owner: &Owner,
        id: &str,
    ) -> Result<Option<Cursor>, sqlx::Error> {
        let filters = [Filter::eq("id", Value::Text(id.to_owned()))];
        let row = self
            .owned("created_seq, id", owner, &filters)
            .fetch_optional(ex)
            .await?;
        row.map(|r| {
            Ok(Cursor {
                seq: r.try_get("created_seq")?,
                id: r.try_get("id")?,
            })
        })
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
            .bind(Value::Int(limit + 1));
        let rows = sql.fetch_all(pool).await?;
        let mut items = rows.iter().map(decode).collect::<Result<Vec<T>, _>>()?;
        let more_this_way = items.len() as i64 > limit;
        items.truncate(limit.max(0) as usize);
        if reverse {
            items.reverse();
        }
        // From a cursor, is anything beyond the other end of this page?
        let other_way = match (page, items.first(), items.last()) {
            (Page::First | Page::Last, ..) => false,
            (Page::After(_), Some(first), _) => {
                self.any_beyond(pool, owner, filters, &first.cursor(), true)
                    .await?
            }
            (Page::Before(_), _, Some(last)) => {
                self.any_beyond(pool, owner, filters, &last.cursor(), false)
                    .await?
            }
            (_, None, _) | (_, _, None) => true,
        };
        let (has_older, has_newer) = if reverse {
            (other_way, more_this_way)
        } else {
            (more_this_way, other_way)
        };
        Ok(Slice {
            items,
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
        Ok(sql.fetch_optional(pool).await?.is_some())
    }
}

/// `AND` the items newer (or older) than `c`.
fn beyond_cursor(sql: &mut Sql<'_>, c: &Cursor, newer: bool) {
    let op = if newer { ">" } else { "<" };
    sql.push(&format!(" AND (created_seq {op} "))
        .bind(Value::Int(c.seq))
        .push(" OR (created_seq = ")
        .bind(Value::Int(c.seq))
        .push(&format!(" AND id {op} "))
        .bind(Value::Text(c.id.clone()))
        .push("))");
}
