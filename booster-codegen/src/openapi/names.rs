//! Component names: valid (`^[a-zA-Z0-9._-]+$`) and unique, and the `$ref`s that point at them.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::json::Json;
use crate::schema::Api;

/// Where a component lives; `$ref`s are this plus the component's name.
pub(super) const SCHEMAS: &str = "#/components/schemas/";

/// A valid component name (`^[a-zA-Z0-9._-]+$`) for a type name: other characters become `_`.
pub fn component_name(name: &str) -> String {
    let mapped: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '_' }).collect();
    if mapped.is_empty() { "_".to_string() } else { mapped }
}

/// How the export's schema components line up with the schema's types (for callers and tests).
pub fn component_names(api: &Api) -> BTreeMap<usize, String> {
    let mut names = Names::default();
    api.types.iter().enumerate().map(|(i, t)| (i, names.add_type(&t.name))).collect()
}

/// Type names to component names, unique (a later type whose name maps to a taken one gets `_2`...).
#[derive(Default)]
pub(super) struct Names {
    pub(super) by_type: HashMap<String, String>,
    taken: HashSet<String>,
    /// For a taken name, the suffix to try next: every smaller one is taken, and names are never
    /// given back, so a thousand types of one name do not each try every suffix from `_2`.
    next_suffix: HashMap<String, usize>,
}

impl Names {
    /// A fresh component name for `name` (not recorded as the type's).
    pub(super) fn fresh(&mut self, name: &str) -> String {
        let base = component_name(name);
        if self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next_suffix.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}_{n}");
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// Records the first type of this name; a second type of the same name gets its own component.
    pub(super) fn add_type(&mut self, name: &str) -> String {
        let c = self.fresh(name);
        self.by_type.entry(name.to_string()).or_insert_with(|| c.clone());
        c
    }

    pub(super) fn of(&self, name: &str) -> Option<&str> {
        self.by_type.get(name).map(String::as_str)
    }
}

/// A `$ref` to a component.
pub(super) fn reference(component: &str) -> Json {
    Json::obj().with("$ref", Json::str(format!("{SCHEMAS}{component}")))
}
