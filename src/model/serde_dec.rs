//! Decimal fields in the JSON format: written as strings ("790.77"), read leniently.
//!
//! Reading accepts a string (with the same leniency as typing: full-width digits, thousands
//! separators, a trailing %), a JSON number, `null` or `""` (both meaning "not filled in").
//! Anything else is an error whose message says, in Chinese, what was wrong.

/// `Option<Decimal>` fields.
pub mod opt {
    use rust_decimal::Decimal;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};
    use serde_json::Value;

    use crate::model::num::parse_decimal;

    /// Writes `Some(d)` as its exact string and `None` as `null`.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => serializer.serialize_str(&d.to_string()),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a string, number, `null` or `""`.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let text = match &value {
            Value::Null => return Ok(None),
            Value::String(s) if s.trim().is_empty() => return Ok(None),
            Value::String(s) => s.clone(),
            // serde_json prints a number in its shortest exact form ("0.1"), so this keeps
            // what the file said without going through binary floating point arithmetic.
            Value::Number(n) => n.to_string(),
            other => {
                return Err(D::Error::custom(format!("应为数字，实际是{}", json_kind(other))));
            }
        };
        parse_decimal(&text).map(Some).map_err(|e| D::Error::custom(e.to_string()))
    }

    fn json_kind(value: &Value) -> &'static str {
        match value {
            Value::Null => "空值",
            Value::Bool(_) => "真假值",
            Value::Number(_) => "数字",
            Value::String(_) => "文本",
            Value::Array(_) => "列表",
            Value::Object(_) => "对象",
        }
    }
}
