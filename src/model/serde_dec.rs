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

    /// Writes `Some(d)` as its exact string and `None` as `null`.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => serializer.serialize_str(&d.to_string()),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a string, number, `null` or `""` (the same reader as report files).
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
        let value = Value::deserialize(deserializer)?;
        crate::model::edit::json_decimal(&value).map_err(D::Error::custom)
    }
}
