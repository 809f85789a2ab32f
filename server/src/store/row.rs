//! Rows read through serde: a row becomes a JSON object column by column
//! (null, integer, real or text), and the row's type deserialises from it
//! by column name, its domain enums from their stored names. Columns that
//! hold a flag (0 or 1) or JSON text say so with [`from_flag`] and [`from_json_text`].

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error as _};
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

/// Reads a row into `T` by column name.
pub fn decode<T: DeserializeOwned>(r: &AnyRow) -> Result<T, sqlx::Error> {
    let mut object = Map::with_capacity(r.len());
    for (i, c) in r.columns().iter().enumerate() {
        object.insert(c.name().to_owned(), column(r, i)?);
    }
    serde_json::from_value(Value::Object(object))
        .map_err(|e| sqlx::Error::Decode(format!("bad stored row: {e}").into()))
}

/// A flag column: 0 or 1 (the same SQL on both databases).
pub fn from_flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match i64::deserialize(d)? {
        0 => Ok(false),
        1 => Ok(true),
        n => Err(D::Error::custom(format!("a flag is 0 or 1, not {n}"))),
    }
}

/// A column holding JSON as text.
pub fn from_json_text<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<T, D::Error> {
    let text = String::deserialize(d)?;
    serde_json::from_str(&text).map_err(D::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Flags {
        #[serde(deserialize_with = "from_flag")]
        on: bool,
        #[serde(deserialize_with = "from_json_text")]
        list: Vec<String>,
    }

    #[test]
    fn flags_and_json_text() {
        let f: Flags =
            serde_json::from_value(serde_json::json!({"on": 1, "list": "[\"a\"]"})).unwrap();
        assert!(f.on);
        assert_eq!(f.list, ["a"]);
        assert!(
            serde_json::from_value::<Flags>(serde_json::json!({"on": 2, "list": "[]"})).is_err()
        );
    }
}
