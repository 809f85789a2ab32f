//! Rows read through serde: a row becomes a JSON object column by column
//! (null, integer, real or text), and the row's type deserialises from it
//! by column name, its domain enums from their stored names. A table's
//! [`Encodings`] name the columns that hold a flag (0 or 1, the same SQL on
//! both databases) or JSON as text; those become booleans and JSON first.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use sqlx::any::{AnyRow, AnyTypeInfoKind};
use sqlx::{Column, Row, ValueRef};

/// One column's value as JSON.
fn column(r: &AnyRow, i: usize) -> Result<Value, sqlx::Error> {
    let kind = r.try_get_raw(i)?.type_info().kind();
    Ok(match kind {
        AnyTypeInfoKind::Null => Value::Null,
        AnyTypeInfoKind::Bool => Value::Bool(r.try_get(i)?),
        AnyTypeInfoKind::SmallInt | AnyTypeInfoKind::Integer | AnyTypeInfoKind::BigInt => {
            Value::from(r.try_get::<i64, _>(i)?)
        }
        AnyTypeInfoKind::Real | AnyTypeInfoKind::Double => Value::from(r.try_get::<f64, _>(i)?),
        AnyTypeInfoKind::Text => Value::String(r.try_get(i)?),
        AnyTypeInfoKind::Blob => {
            return Err(sqlx::Error::Decode(
                format!("column {} is binary", r.columns()[i].name()).into(),
            ));
        }
    })
}

/// How a table stores what is not plain text or numbers.
#[derive(Clone, Copy, Debug)]
pub struct Encodings {
    /// Booleans, as 0 or 1.
    pub flags: &'static [&'static str],
    /// Lists, maps and objects, as JSON text.
    pub json: &'static [&'static str],
}

impl Encodings {
    pub const NONE: Encodings = Encodings {
        flags: &[],
        json: &[],
    };
}

fn encoded(name: &str, v: Value, enc: &Encodings) -> Result<Value, String> {
    if enc.flags.contains(&name) {
        return match v {
            Value::Number(n) if n.as_i64() == Some(0) => Ok(Value::Bool(false)),
            Value::Number(n) if n.as_i64() == Some(1) => Ok(Value::Bool(true)),
            Value::Bool(b) => Ok(Value::Bool(b)),
            other => Err(format!("{name} is a flag, not {other}")),
        };
    }
    match v {
        Value::String(text) if enc.json.contains(&name) => {
            serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))
        }
        other => Ok(other),
    }
}

/// Reads a row into `T` by column name.
pub fn decode<T: DeserializeOwned>(r: &AnyRow, enc: &Encodings) -> Result<T, sqlx::Error> {
    let bad = |e: String| sqlx::Error::Decode(format!("bad stored row: {e}").into());
    let mut object = Map::with_capacity(r.len());
    for (i, c) in r.columns().iter().enumerate() {
        let v = encoded(c.name(), column(r, i)?, enc).map_err(bad)?;
        object.insert(c.name().to_owned(), v);
    }
    serde_json::from_value(Value::Object(object)).map_err(|e| bad(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENC: Encodings = Encodings {
        flags: &["on"],
        json: &["list"],
    };

    #[test]
    fn flags_and_json_text() {
        let read = |on: Value, list: &str| {
            encoded("on", on, &ENC).and(encoded("list", Value::String(list.into()), &ENC))
        };
        assert_eq!(encoded("on", Value::from(1), &ENC), Ok(Value::Bool(true)));
        assert_eq!(encoded("on", Value::from(0), &ENC), Ok(Value::Bool(false)));
        assert!(read(Value::from(2), "[]").is_err());
        assert_eq!(
            encoded("list", Value::String("[\"a\"]".into()), &ENC),
            Ok(serde_json::json!(["a"]))
        );
        assert_eq!(
            encoded("name", Value::String("[not json".into()), &ENC),
            Ok(Value::String("[not json".into()))
        );
    }
}
