//! Decimal fields in the JSON format are written as exact strings ("790.77").
//!
//! Reading is `num::json_decimal` (for report files and rule packs alike): a string with the
//! same leniency as typing, a JSON number, `null` or `""`.

/// `Option<Decimal>` fields.
pub mod opt {
    use rust_decimal::Decimal;
    use serde::Serializer;

    /// Writes `Some(d)` as its exact string and `None` as `null`.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => serializer.serialize_str(&d.to_string()),
            None => serializer.serialize_none(),
        }
    }
}
