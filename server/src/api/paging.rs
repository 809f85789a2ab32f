//! What the list endpoints share: where a page starts (`first`/`after`
//! forwards, `last`/`before` backwards) and a created range by UTC dates.

use super::{ApiError, count};
use app::domain::Field;

pub fn invalid(param: &str, reason: &str) -> ApiError {
    ApiError::bad_request("parameter_invalid", Field::Named(param.into()), reason)
}

/// Where a page of a list starts.
pub enum Start<'a> {
    Newest,
    Oldest,
    After(&'a str),
    Before(&'a str),
}

impl<'a> Start<'a> {
    /// How many and from where, from `[limit, first, last]`, `after` and
    /// `before`.
    pub fn of(
        [limit, first, last]: [Option<&str>; 3],
        after: Option<&'a str>,
        before: Option<&'a str>,
    ) -> Result<(i64, Start<'a>), ApiError> {
        let limit = count("limit", limit)?;
        let first = count("first", first)?;
        let last = count("last", last)?;
        let start = match (first, last, after, before) {
            (Some(_), Some(_), ..) => return Err(invalid("last", "cannot be sent with `first`")),
            (.., Some(_), Some(_)) => return Err(invalid("before", "cannot be sent with `after`")),
            (_, Some(_), Some(_), _) => {
                return Err(invalid("last", "pages backwards; use it with `before`"));
            }
            (Some(_), _, _, Some(_)) => {
                return Err(invalid("first", "pages forwards; use it with `after`"));
            }
            (_, _, Some(a), _) => Start::After(a),
            (_, _, _, Some(b)) => Start::Before(b),
            (_, Some(_), None, None) => Start::Oldest,
            _ => Start::Newest,
        };
        Ok((last.or(first).or(limit).unwrap_or(10), start))
    }
}

/// Midnight UTC of a `YYYY-MM-DD` date, in Unix milliseconds.
fn day_start_ms(name: &str, s: &str) -> Result<i64, ApiError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(s, &format)
        .map_err(|_| invalid(name, "must be a date like 2026-05-20"))?;
    Ok(date.midnight().assume_utc().unix_timestamp() * 1000)
}

/// `start_date` and `end_date` (inclusive) as a range of Unix
/// milliseconds: from, and before.
pub fn created_range(
    start_date: Option<&str>,
    end_date: Option<&str>,
) -> Result<(Option<i64>, Option<i64>), ApiError> {
    let from = start_date
        .map(|d| day_start_ms("start_date", d))
        .transpose()?;
    let before = end_date
        .map(|d| day_start_ms("end_date", d).map(|ms| ms + 86_400_000))
        .transpose()?;
    if let (Some(f), Some(b)) = (from, before)
        && b <= f
    {
        return Err(invalid("end_date", "must not be before `start_date`"));
    }
    Ok((from, before))
}
