//! The schema's types as OpenAPI components: classes, open enums, ServiceStack's built-in error
//! types, and the schema of any type expression a field or response names.

use std::collections::{BTreeSet, HashMap};

use super::names::{Names, reference};
use super::primitives::{prim_schema, typed_value};
use crate::json::Json;
use crate::schema::{Api, Field, Rule, TypeDef, TypeKind};
use crate::type_grammar::{Prim, TypeRef};

/// Deeper types than this (only possible from samples nested hundreds of levels) become `{}`.
pub(super) const MAX_DEPTH: usize = 64;

/// The examples a description gives, for the field's innermost value schema (a list's items).
#[derive(Default)]
pub(super) struct Leaf<'a> {
    pub(super) examples: &'a [String],
}

/// The schema's types, looked up by name, and the component name of each: what every schema of
/// the document is built from.
pub(super) struct Schemas<'a> {
    pub(super) api: &'a Api,
    pub(super) names: Names,
    /// The first type of each name.
    types: HashMap<&'a str, &'a TypeDef>,
    /// The server writes PascalCase members (built-ins and `KeyValuePair` follow it).
    pascal: bool,
    /// The components of ServiceStack's `ResponseStatus` and `ResponseError` (the pages' own
    /// when they define them) and of the error body.
    status: String,
    error: String,
    error_response: String,
    /// Each type's component, in schema order.
    components: Vec<String>,
}

impl<'a> Schemas<'a> {
    pub(super) fn new(api: &'a Api) -> Schemas<'a> {
        let mut types = HashMap::new();
        for t in &api.types {
            types.entry(t.name.as_str()).or_insert(t);
        }
        let mut names = Names::default();
        let components = api.types.iter().map(|t| names.add_type(&t.name)).collect();
        let mut builtin_component = |name: &str| match types.contains_key(name) {
            true => names.of(name).unwrap_or_default().to_string(),
            false => names.fresh(name),
        };
        let (status, error) = (builtin_component("ResponseStatus"), builtin_component("ResponseError"));
        let error_response = names.fresh("ErrorResponse");
        // Fields name the built-ins the pages hide; they refer to the built-in components.
        names.by_type.entry("ResponseStatus".to_string()).or_insert_with(|| status.clone());
        names.by_type.entry("ResponseError".to_string()).or_insert_with(|| error.clone());
        Schemas { api, names, types, pascal: is_pascal(api), status, error, error_response, components }
    }

    pub(super) fn error_response(&self) -> &str {
        &self.error_response
    }

    fn kind(&self, name: &str) -> Option<TypeKind> {
        self.types.get(name).map(|t| t.kind)
    }

    /// `components.schemas`: every type in schema order, then the built-ins the pages do not define.
    pub(super) fn components(&self) -> Json {
        let api = self.api;
        let request_side = self.reachable(api.operations.iter().map(|o| o.request.as_str()));
        let response_side = self.reachable(api.operations.iter().filter_map(|o| o.response.as_deref()));
        let mut schemas = Json::obj();
        for (t, component) in api.types.iter().zip(&self.components) {
            let s = match t.kind {
                TypeKind::Enum => self.enum_schema(t),
                TypeKind::Class => {
                    let req = request_side.contains(t.name.as_str()) || !response_side.contains(t.name.as_str());
                    self.class_schema(t, req)
                }
            };
            schemas.set(component, s);
        }
        for name in ["ResponseStatus", "ResponseError"] {
            if !self.types.contains_key(name) {
                let component = if name == "ResponseStatus" { &self.status } else { &self.error };
                schemas.set(component, builtin(name, &self.error, self.pascal));
            }
        }
        let body = Json::obj()
            .with("type", Json::str("object"))
            .with("description", Json::str("The body of every ServiceStack error response."))
            .with("properties", Json::obj().with(&cased("responseStatus", self.pascal), reference(&self.status)))
            .with("x-booster-builtin", Json::Bool(true));
        schemas.set(&self.error_response, body);
        schemas
    }

    pub(super) fn type_schema(&self, ty: &TypeRef, leaf: &Leaf<'_>, depth: usize) -> Json {
        if depth > MAX_DEPTH {
            return Json::obj().with("x-booster-type", Json::str(ty.to_string()));
        }
        let inner = |t: &TypeRef, leaf: &Leaf<'_>| self.type_schema(t, leaf, depth + 1);
        match ty {
            _ if is_bytes(ty) => Json::obj()
                .with("type", Json::str("string"))
                .with("format", Json::str("byte"))
                .with("contentEncoding", Json::str("base64")),
            TypeRef::Primitive { prim } => {
                let mut s = prim_schema(*prim);
                let examples: Vec<Json> = leaf.examples.iter().filter_map(|t| typed_value(*prim, t)).collect();
                if !examples.is_empty() {
                    s.set("examples", Json::Array(examples));
                }
                s
            }
            TypeRef::Named { name } => self.named_schema(name, leaf),
            TypeRef::Nullable { inner: t } => or_null(inner(t, leaf)),
            TypeRef::List { item } => Json::obj().with("type", Json::str("array")).with("items", inner(item, leaf)),
            TypeRef::Map { key, value } => {
                let mut s = Json::obj()
                    .with("type", Json::str("object"))
                    .with("additionalProperties", inner(value, &Leaf::default()));
                if !matches!(**key, TypeRef::Primitive { prim: Prim::String }) {
                    s.set("x-booster-key-type", Json::str(key.to_string()));
                }
                s
            }
            TypeRef::Pair { key, value } => Json::obj()
                .with("type", Json::str("object"))
                .with(
                    "properties",
                    Json::obj()
                        .with(&cased("key", self.pascal), inner(key, &Leaf::default()))
                        .with(&cased("value", self.pascal), inner(value, &Leaf::default())),
                )
                .with("x-booster-type", Json::str(ty.to_string())),
            TypeRef::Generic { name, .. } => {
                let s = match self.names.of(name) {
                    Some(c) => reference(c),
                    None => Json::obj().with("description", Json::str("A generic type the pages do not describe.")),
                };
                s.with("x-booster-type", Json::str(ty.to_string()))
            }
        }
    }

    fn named_schema(&self, name: &str, leaf: &Leaf<'_>) -> Json {
        match self.names.of(name) {
            Some(c) => {
                let mut s = reference(c);
                if self.kind(name) == Some(TypeKind::Enum) && !leaf.examples.is_empty() {
                    s.set("examples", Json::strs(leaf.examples));
                }
                s
            }
            None => Json::obj()
                .with("description", Json::str("A type the pages name but do not describe."))
                .with("x-booster-type", Json::str(name)),
        }
    }

    /// Whether a query string carries this type as a JSV object (a class, map or pair).
    pub(super) fn is_complex(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Nullable { inner } => self.is_complex(inner),
            TypeRef::Named { name } => self.kind(name) == Some(TypeKind::Class),
            TypeRef::Map { .. } | TypeRef::Pair { .. } | TypeRef::Generic { .. } => true,
            TypeRef::Primitive { .. } | TypeRef::List { .. } => false,
        }
    }

    /// Whether null is a value of this C# type (a reference type, or `T?`).
    fn is_reference(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Primitive { prim } => !prim.is_value_type(),
            TypeRef::Named { name } => self.kind(name) != Some(TypeKind::Enum),
            TypeRef::Nullable { .. } | TypeRef::List { .. } | TypeRef::Map { .. } | TypeRef::Generic { .. } => true,
            TypeRef::Pair { .. } => false,
        }
    }

    pub(super) fn property(&self, f: &Field) -> Json {
        let leaf = Leaf { examples: &f.examples };
        let mut s = self.type_schema(&f.ty, &leaf, 0);
        // A reference-type member the page does not require may be null; `T?` says so itself.
        if !f.required && !matches!(f.ty, TypeRef::Nullable { .. }) && self.is_reference(&f.ty) {
            s = or_null(s);
        }
        if let Some(d) = &f.description {
            s.set("description", Json::str(d.as_str()));
        }
        s.set("x-booster-type", Json::str(f.type_name.as_str()));
        if let Some(p) = &f.param {
            s.set("x-booster-param", Json::str(p.as_str()));
        }
        // Prose rules stay data: they are a reading of a description, and the pages' own
        // placeholder samples break them (ExportCustomer's sample sends `birthdateMonths: [0]`
        // for "1 for January ... 12 for December"), so they are not `minimum`/`enum` assertions.
        if !f.rules.is_empty() {
            s.set("x-booster-rules", Json::Array(f.rules.iter().map(rule_json).collect()));
        }
        if f.inferred {
            s.set("x-booster-inferred", Json::Bool(true));
        }
        s.set("x-booster-source", Json::str(f.source.to_string()));
        s
    }

    fn enum_schema(&self, t: &TypeDef) -> Json {
        let mut seen = BTreeSet::new();
        let members: Vec<_> = t.members.iter().filter(|m| seen.insert(m.name.as_str())).collect();
        let mut s = if members.is_empty() {
            Json::obj().with("type", Json::str("string"))
        } else {
            let known = Json::obj()
                .with("type", Json::str("string"))
                .with("enum", Json::Array(members.iter().map(|m| Json::str(m.name.as_str())).collect()));
            let other = Json::obj()
                .with("type", Json::str("string"))
                .with("description", Json::str("A value the pages do not list (the enum is open)."));
            Json::obj().with("anyOf", Json::Array(vec![known, other]))
        };
        s.set("x-booster-open-enum", Json::Bool(true));
        if members.iter().any(|m| m.description.is_some()) {
            let d = members.iter().map(|m| Json::str(m.description.clone().unwrap_or_default())).collect();
            s.set("x-enum-descriptions", Json::Array(d));
        }
        if members.iter().any(|m| m.value.is_some()) {
            // A list of pairs, not an object keyed by member: a member may be called `$ref`.
            let values = members
                .iter()
                .filter_map(|m| {
                    let v = m.value.as_deref()?;
                    Some(Json::obj().with("name", Json::str(m.name.as_str())).with("value", Json::str(v)))
                })
                .collect();
            s.set("x-booster-enum-numbers", Json::Array(values));
        }
        s.set("x-booster-sources", sources(t));
        s
    }

    fn class_schema(&self, t: &TypeDef, request_side: bool) -> Json {
        let mut s = Json::obj();
        let base_ty = t.base_type.clone().or_else(|| t.base.as_deref().map(TypeRef::named));
        let object_base = match &base_ty {
            None => true,
            Some(TypeRef::Named { name }) => self.kind(name) == Some(TypeKind::Class),
            Some(_) => false,
        };
        if object_base {
            s.set("type", Json::str("object"));
        }
        if let Some(b) = &base_ty {
            s.set("allOf", Json::Array(vec![self.type_schema(b, &Leaf::default(), 0)]));
        }
        let mut props = Json::obj();
        let mut required = Vec::new();
        let mut seen = BTreeSet::new();
        for f in &t.fields {
            if !seen.insert(f.name.as_str()) {
                continue;
            }
            props.set(&f.name, self.property(f));
            if f.required {
                required.push(Json::str(f.name.as_str()));
            }
        }
        if !t.fields.is_empty() {
            s.set("properties", props);
        }
        if !required.is_empty() {
            // ServiceStack omits nulls and defaults from responses even for required members, so
            // for types only responses use, "required" is documentation, not a wire guarantee.
            let key = if request_side { "required" } else { "x-booster-documented-required" };
            s.set(key, Json::Array(required));
        }
        if let Some(b) = &t.base {
            s.set("x-booster-base", Json::str(b.as_str()));
        }
        s.set("x-booster-sources", sources(t));
        s
    }

    /// The types reachable from these roots (through fields and bases).
    fn reachable(&self, roots: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'a str> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&str> = roots.into_iter().collect();
        while let Some(name) = todo.pop() {
            let Some(t) = self.types.get(name) else { continue };
            if !seen.insert(t.name.as_str()) {
                continue;
            }
            for f in &t.fields {
                todo.extend(f.ty.user_types());
            }
            if let Some(b) = &t.base_type {
                todo.extend(b.user_types());
            } else if let Some(b) = &t.base {
                todo.push(b.as_str());
            }
        }
        seen
    }

    /// A request's fields, its bases' first (each name once; bases followed at most 64 deep).
    pub(super) fn request_fields(&self, name: &str) -> Vec<&'a Field> {
        let mut chain = Vec::new();
        let mut current = self.types.get(name).copied();
        let mut visited = BTreeSet::new();
        while let Some(t) = current {
            if !visited.insert(t.name.as_str()) || chain.len() > MAX_DEPTH {
                break;
            }
            chain.push(t);
            current = t.base.as_deref().and_then(|b| self.types.get(b).copied());
        }
        let mut seen = BTreeSet::new();
        chain.iter().rev().flat_map(|t| &t.fields).filter(|f| seen.insert(f.name.as_str())).collect()
    }
}

fn sources(t: &TypeDef) -> Json {
    Json::Array(t.sources.iter().map(|s| Json::str(s.to_string())).collect())
}

fn rule_json(rule: &Rule) -> Json {
    match rule {
        Rule::RequiredWhen { field, equals } => Json::obj()
            .with("rule", Json::str("required_when"))
            .with("field", Json::str(field.as_str()))
            .with("equals", Json::str(equals.as_str())),
        Rule::Range { min, max } => {
            Json::obj().with("rule", Json::str("range")).with("min", Json::int(*min)).with("max", Json::int(*max))
        }
        Rule::OneOf { values } => Json::obj().with("rule", Json::str("one_of")).with("values", Json::strs(values)),
    }
}

/// `byte[]` is one base64 string on the wire, not an array of numbers.
fn is_bytes(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::List { item } if matches!(**item, TypeRef::Primitive { prim: Prim::Byte }))
}

/// Adds `null` to what a schema accepts.
fn or_null(schema: Json) -> Json {
    if schema.is_empty_object() {
        return schema;
    }
    for key in ["anyOf", "oneOf"] {
        if let (Some(Json::Array(branches)), None) = (schema.get(key), schema.get("$ref")) {
            let mut branches = branches.clone();
            branches.push(Json::obj().with("type", Json::str("null")));
            return schema.with(key, Json::Array(branches));
        }
    }
    if let Some(Json::String(t)) = schema.get("type")
        && schema.get("$ref").is_none()
        && schema.get("enum").is_none()
    {
        let t = t.clone();
        return schema.with("type", Json::Array(vec![Json::str(t), Json::str("null")]));
    }
    Json::obj().with("anyOf", Json::Array(vec![schema, Json::obj().with("type", Json::str("null"))]))
}

/// Whether a schema's `type` is `t` or a list holding it.
pub(super) fn has_type(schema: &Json, t: &str) -> bool {
    match schema.get("type") {
        Some(Json::String(x)) => x == t,
        Some(Json::Array(xs)) => xs.iter().any(|x| *x == Json::str(t)),
        _ => false,
    }
}

/// A built-in member's wire name: camelCase, or PascalCase on servers that write it.
fn cased(name: &str, pascal: bool) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if pascal => c.to_ascii_uppercase().to_string() + chars.as_str(),
        _ => name.to_string(),
    }
}

/// Whether the API's members are PascalCase (older .NET Framework hosts): most of its fields
/// start with a capital letter.
fn is_pascal(api: &Api) -> bool {
    let (upper, lower) =
        api.types.iter().flat_map(|t| &t.fields).fold((0, 0), |(u, l), f| match f.name.chars().next() {
            Some(c) if c.is_uppercase() => (u + 1, l),
            Some(c) if c.is_lowercase() => (u, l + 1),
            _ => (u, l),
        });
    upper > lower
}

/// ServiceStack's error details (`ServiceStack.Interfaces/ResponseStatus.cs`, `ResponseError.cs`).
fn builtin(name: &str, error_ref: &str, pascal: bool) -> Json {
    let s = || Json::obj().with("type", Json::str("string"));
    let mut props = Json::obj().with(&cased("errorCode", pascal), s());
    if name == "ResponseError" {
        props.set(&cased("fieldName", pascal), s());
        props.set(&cased("message", pascal), s());
    } else {
        props.set(&cased("message", pascal), s());
        props.set(&cased("stackTrace", pascal), s());
        props.set(
            &cased("errors", pascal),
            Json::obj().with("type", Json::str("array")).with("items", reference(error_ref)),
        );
    }
    props.set(&cased("meta", pascal), Json::obj().with("type", Json::str("object")).with("additionalProperties", s()));
    Json::obj()
        .with("type", Json::str("object"))
        .with("description", Json::str(format!("ServiceStack's built-in `{name}`; the pages do not show it.")))
        .with("properties", props)
        .with("x-booster-builtin", Json::Bool(true))
}
