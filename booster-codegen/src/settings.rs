//! Generation settings: what the pages cannot say, in TOML.
//!
//! ```toml
//! # What a value named in prose means, per field (wire name) of any type.
//! [value_aliases.clientType]
//! Personal = "PRIVATE"
//! Company = "COMPANY"
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The generated crate's name (`generate` and `regen`).
    #[serde(default)]
    pub crate_name: Option<String>,
    /// The server whose pages `cargo xtask regen --fetch` downloads.
    #[serde(default)]
    pub base_url: Option<String>,
    /// For a field (by wire name), what a value named in prose stands for.
    #[serde(default)]
    pub value_aliases: BTreeMap<String, BTreeMap<String, String>>,
}

impl Settings {
    pub fn parse(text: &str) -> Result<Settings, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The canonical value for `value` of field `field`, if the settings name one.
    pub fn alias(&self, field: &str, value: &str) -> Option<&str> {
        self.value_aliases.get(field).and_then(|m| m.get(value)).map(String::as_str)
    }
}
