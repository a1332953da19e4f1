//! The samples as a source of fields: inferred types for objects no table or code describes.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use crate::facts::{SampleFormat, SampleObject, SampleValue, TableFact};
use crate::type_grammar::{Prim, TypeRef};

use super::{PageField, PageModel, PageType, Source, Walk};
use crate::merge::NoCase;

impl Walk<'_, '_> {
    /// The samples as a low-rank source of each visited type's fields, minus the fields its
    /// base or derived type claims (a derived type's sample carries its base's fields). Objects
    /// nested in the samples of types no table or code describes become inferred types too.
    pub(super) fn add_sample_types(&mut self) {
        // A type read from a table has that table's rows as fields (moved in after the walk).
        let table_of: BTreeMap<usize, usize> = self.taken.iter().copied().collect();
        let tables = self.tables();
        let claimed = |model: &PageModel, name: &str| -> BTreeSet<String> {
            let mut names = BTreeSet::new();
            for (k, t) in model.types.iter().enumerate().filter(|(_, t)| t.name == name) {
                match table_of.get(&k) {
                    Some(&i) => names.extend(tables[i].rows.iter().filter_map(|r| r.name.as_deref())),
                    None => names.extend(t.fields.iter().filter_map(|f| f.name.as_deref())),
                }
            }
            names.into_iter().map(str::to_ascii_lowercase).collect()
        };
        let described: BTreeSet<String> = self.model.types.iter().map(|t| t.name.clone()).collect();
        // The types matched with each sample object: a derived type shares its base's.
        let mut sharing: BTreeMap<*const SampleObject, Vec<String>> = BTreeMap::new();
        for (n, o) in &self.samples {
            if described.contains(n) {
                sharing.entry(*o as *const SampleObject).or_default().push(n.clone());
            }
        }
        let mut work: Vec<(String, &SampleObject, bool)> =
            self.samples.iter().map(|(n, o)| (n.clone(), *o, self.from_response.contains(n))).collect();
        work.reverse();
        let mut done = BTreeSet::new();
        let mut inferred = Vec::new();
        while let Some((name, obj, in_response)) = work.pop() {
            if !done.insert(name.clone()) {
                continue;
            }
            if !described.contains(&name) && crate::merge::builtins::is_built_in(&name) {
                // ServiceStack's own type: its definition is known, not inferred from a sample.
                continue;
            }
            let mut others = BTreeSet::new();
            for sharer in sharing.get(&(obj as *const SampleObject)).into_iter().flatten() {
                if *sharer != name {
                    others.extend(claimed(self.model, sharer));
                }
            }
            let mut nested = Vec::new();
            let fields = obj
                .entries
                .iter()
                .filter(|(k, _)| !others.contains(&k.to_ascii_lowercase()))
                .map(|(k, v)| {
                    let ty = infer_type(k, v, &mut nested);
                    PageField {
                        name: Some(k.clone()),
                        type_text: ty.to_string(),
                        ty: Some(ty),
                        required: None,
                        param: None,
                        description: None,
                        line: 0,
                    }
                })
                .collect();
            if !described.contains(&name) {
                work.extend(
                    nested
                        .into_iter()
                        .filter(|(n, _)| {
                            !described.contains(n)
                                && !self.visited.contains(n)
                                && !crate::merge::BUILT_IN_TYPES.contains(&n.as_str())
                                && !crate::merge::builtins::is_built_in(n)
                        })
                        .map(|(n, o)| (n, o, in_response)),
                );
            }
            let sample = if in_response { &self.facts.response_sample } else { &self.facts.request_sample };
            let line = sample.as_ref().map_or(0, |s| s.line);
            let xml = sample.as_ref().and_then(|s| s.body.as_ref()).is_some_and(|b| b.format == SampleFormat::Xml);
            if xml && !described.contains(&name) {
                // DataContract XML writes a one-item list (`<Lines><OrderLine>..</OrderLine></Lines>`)
                // exactly like an object with one member named after its type.
                for (key, value) in obj.entries.iter().filter(|(k, v)| {
                    k.starts_with(|c: char| c.is_ascii_uppercase())
                        && matches!(v, SampleValue::Object(o) if o.entries.len() == 1)
                }) {
                    let Some(SampleValue::Object(inner)) = Some(value) else { continue };
                    let (child, _) = &inner.entries[0];
                    // `String` / `0` is a map's placeholder key, read as a map elsewhere.
                    if child.starts_with(|c: char| c.is_ascii_uppercase()) && child != "String" {
                        self.diags.warn(
                            &self.facts.file,
                            line,
                            format!(
                                "in the XML sample, `{key}` holds a single `{child}` element: it is read as an object with one field, but it may be a list of `{child}`; read the page's JSON rendering to tell"
                            ),
                        );
                    }
                }
            }
            inferred.push(PageType {
                name,
                source: Source::Sample,
                is_enum: false,
                base: None,
                fields,
                members: Vec::new(),
                file: self.facts.file.clone(),
                line,
            });
        }
        self.model.types.extend(inferred);
    }
}

/// A sample object's entries by key, giving what [`SampleObject::get_ignore_case`] gives (the
/// entry of exactly that key, else the first whose key matches ignoring case) without a scan per
/// lookup: a type of thousands of fields looks each up in a sample of thousands of keys.
pub(super) struct SampleKeys<'a> {
    object: &'a SampleObject,
    exact: BTreeMap<&'a str, &'a SampleValue>,
    ignoring_case: BTreeMap<NoCase<'a>, &'a SampleValue>,
}

impl<'a> SampleKeys<'a> {
    /// Objects up to this many entries are scanned, as building the maps would cost more.
    const SCANNED: usize = 16;

    pub(super) fn new(object: &'a SampleObject) -> SampleKeys<'a> {
        let (mut exact, mut ignoring_case) = (BTreeMap::new(), BTreeMap::new());
        if object.entries.len() > Self::SCANNED {
            for (k, v) in &object.entries {
                exact.entry(k.as_str()).or_insert(v);
                ignoring_case.entry(NoCase(k)).or_insert(v);
            }
        }
        SampleKeys { object, exact, ignoring_case }
    }

    pub(super) fn get(&self, key: &str) -> Option<&'a SampleValue> {
        if self.object.entries.len() <= Self::SCANNED {
            return self.object.get_ignore_case(key);
        }
        self.exact.get(key).or_else(|| self.ignoring_case.get(&NoCase(key))).copied()
    }

    /// Whether every one of `names` is a key (ignoring case), in a sample that has keys.
    pub(super) fn has_all(&self, names: &[&str]) -> bool {
        !self.object.entries.is_empty() && names.iter().all(|n| self.get(n).is_some())
    }
}

/// Whether a table can describe the sample object: most of its named fields are keys of it.
/// (Samples leave out Uri-, interface- and object-typed members, so not all need be.)
pub(super) fn fits_sample(table: &TableFact, sample: Option<&SampleObject>) -> bool {
    let Some(sample) = sample.filter(|s| !s.entries.is_empty()) else { return true };
    let names: Vec<&str> = table.rows.iter().filter_map(|r| r.name.as_deref()).collect();
    if names.is_empty() {
        return true;
    }
    let keys = SampleKeys::new(sample);
    let hits = names.iter().filter(|n| keys.get(n).is_some()).count();
    hits * 2 >= names.len()
}

/// Whether ServiceStack's sample writer leaves a member of this Data Type out of its samples:
/// interfaces (`IEnumerable<T>`, `IDictionary<K, V>`), `object`, `Uri` and `Stream`.
pub(super) fn sample_skips(data_type: &str) -> bool {
    let ty = data_type.trim().trim_end_matches('?');
    let mut chars = ty.chars();
    let interface = chars.next() == Some('I') && chars.next().is_some_and(|c| c.is_ascii_uppercase());
    interface || ["object", "Object", "Uri", "Stream", "System.Object", "System.Uri"].contains(&ty)
}

/// The sample object standing for a user type inside a field's value (list items, map values).
pub(super) fn sample_for<'s>(value: &'s SampleValue, ty: &TypeRef) -> Option<&'s SampleObject> {
    match ty.without_nullable() {
        TypeRef::Map { .. } => value.as_object()?.entries.first().and_then(|(_, v)| v.element_object()),
        _ => value.element_object(),
    }
}

/// The type a sample value suggests: `"String"`, `0`, `false`, WCF dates, 32 hex digits...
/// Objects are named after their key (singular for list items) or their XML element, and are
/// added to `nested` to be inferred in turn.
fn infer_type<'s>(key: &str, value: &'s SampleValue, nested: &mut Vec<(String, &'s SampleObject)>) -> TypeRef {
    infer_named(key, value, false, nested)
}

fn infer_named<'s>(
    key: &str,
    value: &'s SampleValue,
    item: bool,
    nested: &mut Vec<(String, &'s SampleObject)>,
) -> TypeRef {
    match value {
        SampleValue::Null => TypeRef::prim(Prim::Object),
        SampleValue::Bool(_) => TypeRef::prim(Prim::Bool),
        SampleValue::Number(n) if n.contains(['.', 'e', 'E']) => TypeRef::prim(Prim::Double),
        SampleValue::Number(_) => TypeRef::prim(Prim::Int),
        SampleValue::String(s) => TypeRef::prim(infer_string(s)),
        SampleValue::Array(items) => {
            TypeRef::list(items.first().map_or(TypeRef::prim(Prim::String), |v| infer_named(key, v, true, nested)))
        }
        SampleValue::Object(obj) => {
            if let Some(known) = built_in_by_shape(obj) {
                return TypeRef::named(known);
            }
            if let [(k, v)] = obj.entries.as_slice()
                && (k == "String" || k == "0")
            {
                let key_ty = if k == "0" { Prim::Int } else { Prim::String };
                return TypeRef::map(TypeRef::prim(key_ty), infer_named(key, v, true, nested));
            }
            let name = obj.type_name.clone().unwrap_or_else(|| {
                let name = key.to_upper_camel_case();
                if item { singular(&name) } else { name }
            });
            nested.push((name.clone(), obj));
            TypeRef::named(name)
        }
    }
}

/// ServiceStack's error types, known by their fields wherever a sample shows them (under
/// `responseStatus`, `error`, `errors`...): never re-inferred as ad-hoc `Error` types.
fn built_in_by_shape(obj: &SampleObject) -> Option<&'static str> {
    let keys: BTreeSet<String> = obj.keys().map(str::to_ascii_lowercase).collect();
    let within = |allowed: &[&str]| keys.iter().all(|k| allowed.contains(&k.as_str()));
    if keys.contains("errorcode") && keys.contains("message") {
        if keys.contains("fieldname") && within(&["errorcode", "fieldname", "message", "meta"]) {
            return Some("ResponseError");
        }
        if within(&["errorcode", "message", "stacktrace", "errors", "meta"]) {
            return Some("ResponseStatus");
        }
    }
    None
}

/// `OrderHeaders` → `OrderHeader`, `Categories` → `Category`: list items are named in the singular.
fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with("ss") || name.len() < 3 {
        name.to_string()
    } else {
        name.strip_suffix('s').unwrap_or(name).to_string()
    }
}

fn infer_string(s: &str) -> Prim {
    let is_hex = |s: &str| s.chars().all(|c| c.is_ascii_hexdigit());
    if s.starts_with("/Date(") || s.starts_with("\\/Date(") {
        Prim::DateTime
    } else if (s.len() == 32 && is_hex(s))
        || (s.len() == 36 && is_hex(&s.replace('-', "")) && s.matches('-').count() == 4)
    {
        Prim::Guid
    } else if s.starts_with("PT")
        || s.starts_with("-PT")
        || (s.starts_with('P') && s.contains('T') && s.len() < 40 && !s.contains(' '))
    {
        Prim::TimeSpan
    } else if s.len() >= 10
        && s.as_bytes().get(4) == Some(&b'-')
        && s.as_bytes().get(7) == Some(&b'-')
        && s[..4].chars().all(|c| c.is_ascii_digit())
    {
        Prim::DateTime
    } else {
        Prim::String
    }
}
