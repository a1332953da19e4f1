//! An ordered JSON value: objects keep the order their keys were first set in, so what is built
//! from the schema (the OpenAPI export) or from a page (its samples) is written in that order.
//! Objects are `IndexMap`s: setting a key is a hash lookup, and a key set again keeps its place.

use indexmap::IndexMap;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(IndexMap<String, Json>),
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(n) => n.serialize(s),
            Json::String(t) => s.serialize_str(t),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(i)?;
                }
                seq.end()
            }
            Json::Object(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl Json {
    /// An empty object.
    pub fn obj() -> Json {
        Json::Object(IndexMap::new())
    }

    pub fn str(s: impl Into<String>) -> Json {
        Json::String(s.into())
    }

    pub fn strs<'a>(items: impl IntoIterator<Item = &'a String>) -> Json {
        Json::Array(items.into_iter().map(|s| Json::str(s.as_str())).collect())
    }

    pub fn int(n: i64) -> Json {
        Json::Number(n.into())
    }

    /// Sets `key` on an object (a key set before keeps its place and takes the new value); does
    /// nothing on other values.
    pub fn set(&mut self, key: &str, value: Json) {
        if let Json::Object(entries) = self {
            match entries.get_mut(key) {
                Some(slot) => *slot = value,
                None => {
                    entries.insert(key.to_string(), value);
                }
            }
        }
    }

    pub fn with(mut self, key: &str, value: Json) -> Json {
        self.set(key, value);
        self
    }

    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.get(key),
            _ => None,
        }
    }

    /// Removes `key` from an object, keeping the order of the others.
    pub fn remove(&mut self, key: &str) {
        if let Json::Object(entries) = self {
            entries.shift_remove(key);
        }
    }

    /// Whether this is an object with no key.
    pub fn is_empty_object(&self) -> bool {
        matches!(self, Json::Object(entries) if entries.is_empty())
    }

    /// The value as pretty JSON (two-space indent), ending in a newline.
    pub fn to_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string());
        text.push('\n');
        text
    }

    /// The value as compact JSON text: equal texts are equal values in the same key order.
    pub fn to_compact(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_the_order_they_were_first_set_in() {
        let mut o = Json::obj().with("b", Json::int(1)).with("a", Json::int(2)).with("c", Json::Null);
        o.set("b", Json::str("x"));
        assert_eq!(o.to_compact(), r#"{"b":"x","a":2,"c":null}"#);
        o.remove("a");
        assert_eq!(o.to_compact(), r#"{"b":"x","c":null}"#);
        assert!(Json::obj().is_empty_object() && !o.is_empty_object());
        assert_eq!(o.get("c"), Some(&Json::Null));
    }
}
