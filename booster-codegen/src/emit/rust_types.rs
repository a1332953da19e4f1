//! How schema types become Rust types, and which serde attributes each field needs.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::emit::names;
use crate::schema::{Api, Field, TypeDef, TypeKind};
use crate::type_grammar::{Prim, TypeRef};

/// The generated crate's dependencies, kept few and light (see ARCHITECTURE.md).
pub const DEPENDENCIES: &str = r#"base64 = { version = "0.23", default-features = false, features = ["alloc"] }
rust_decimal = { version = "1.33", default-features = false, features = ["std"] }
serde = { version = "1.0.200", features = ["derive"] }
# Exact float parsing: a double read back is the double written.
serde_json = { version = "1.0", features = ["float_roundtrip"] }
serde_path_to_error = "0.1"
time = "0.3.36"
uuid = { version = "1", features = ["serde"] }
# The official ServiceStack client's traits (`--features servicestack`).
servicestack = { version = "0.1.3", optional = true, default-features = false }
# The typed client (`--features client`): HTTP with rustls, and tokio for its timers and the
# blocking wrapper's runtime.
reqwest = { version = "0.12.28", optional = true, default-features = false, features = ["rustls-tls"] }
tokio = { version = "1.38", optional = true, default-features = false, features = ["rt", "time", "net"] }
"#;

/// Which side of the wire a type is read on, which decides how missing required fields read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Sent by the client (reachable from a request): required fields must be present.
    Request,
    /// Only received: a missing required value type reads as its default; others are `Option`.
    Response,
}

/// Every lookup is by name through a hash map: the emitter asks for each field's type, and a
/// sorted map's string comparisons (names share long prefixes) grow with the API.
pub struct TypeMap<'a> {
    types: HashMap<&'a str, &'a TypeDef>,
    /// Each schema type's Rust name, decided once so that its definition and every use of it
    /// (field types, `From` impls, `Operation` impls, docs and examples) agree.
    idents: HashMap<&'a str, String>,
    /// What deciding those names renamed: (the type's first source, the warning).
    pub renames: Vec<(crate::schema::Location, String)>,
    request_side: HashSet<&'a str>,
    /// Types some other type refers to (by a field or as a base).
    referenced: HashSet<&'a str>,
    /// Some field uses `KeyValuePair<K, V>`, which the crate then defines.
    pub uses_pair: bool,
    /// Each class's strongly connected component in the graph of fields that are not collections:
    /// a field whose type is in its owner's component reaches the owner again, so needs a `Box`.
    component: HashMap<&'a str, usize>,
    /// Every type's Rust name, to keep builder names off them.
    taken: HashSet<String>,
}

/// Names the generated code writes unqualified (prelude items, primitive types, the crates it
/// names by path) or that the crate root itself defines: a DTO of one of these names would shadow
/// them in the modules, or collide with them at the root.
const RESERVED: &[&str] = &[
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "From",
    "Into",
    "Default",
    "Ok",
    "Err",
    "Some",
    "None",
    "bool",
    "char",
    "str",
    "u8",
    "i8",
    "u16",
    "i16",
    "u32",
    "i32",
    "u64",
    "i64",
    "f32",
    "f64",
    "std",
    "core",
    "alloc",
    "serde",
    "serde_json",
    "uuid",
    "time",
    "base64",
    "rust_decimal",
    "servicestack",
    "reqwest",
    "tokio",
    "client",
    "Operation",
    "Route",
    "Validate",
    "Violation",
    "DecodeError",
    "from_json",
    "runtime",
    "operation",
    "validate",
    "types",
    "lib",
];

/// Gives every type of `api` its Rust name: [`names::type_ident`], renamed `…Dto` when that is a
/// reserved name (`modules` are the operations' modules), numbered (`FooBar2`) when two types give
/// one name. Returns the names and a warning for each rename.
fn type_idents<'a>(
    api: &'a Api,
    modules: &[String],
    uses_pair: bool,
) -> (HashMap<&'a str, String>, Vec<(crate::schema::Location, String)>) {
    let mut reserved: Vec<&str> = RESERVED.iter().copied().chain(modules.iter().map(String::as_str)).collect();
    // The crate defines its own generic `KeyValuePair<K, V>` when a field uses one.
    if uses_pair {
        reserved.push("KeyValuePair");
    }
    // The crate defines `ResponseStatus` and `ResponseError` unless the pages define `ResponseStatus`.
    if !api.types.iter().any(|t| t.name == "ResponseStatus") {
        reserved.extend(crate::merge::BUILT_IN_TYPES);
    }
    // A set, not a search of the list: there is a module name per operation.
    let is_reserved: std::collections::HashSet<&str> = reserved.iter().copied().collect();
    let mut renames = Vec::new();
    let wanted: Vec<String> = api
        .types
        .iter()
        .map(|t| {
            let ident = names::type_ident(&t.name);
            if !is_reserved.contains(ident.trim_start_matches("r#")) {
                return ident;
            }
            let renamed = format!("{}Dto", ident.trim_start_matches("r#"));
            renames.push((
                t.sources.first().cloned().unwrap_or_default(),
                format!(
                    "the type `{}` would be called `{ident}`, which the generated crate uses for something else; \
                     it is called `{renamed}` in Rust (its wire name is unchanged)",
                    t.name
                ),
            ));
            renamed
        })
        .collect();
    let (idents, collisions) = names::dedupe_with(wanted, "", &reserved);
    for (i, first) in collisions {
        let (t, f) = (&api.types[i], &api.types[first]);
        renames.push((
            t.sources.first().cloned().unwrap_or_default(),
            format!(
                "the types `{}` and `{}` have the same Rust name `{}`; the second is called `{}`",
                f.name, t.name, idents[first], idents[i]
            ),
        ));
    }
    (api.types.iter().map(|t| t.name.as_str()).zip(idents).collect(), renames)
}

fn uses_pair(api: &Api) -> bool {
    api.types.iter().flat_map(|t| &t.fields).any(|f| has_pair(&f.ty))
}

impl<'a> TypeMap<'a> {
    /// `modules` are the operations' module names, which no type may take.
    pub fn new(api: &'a Api, modules: &[String]) -> TypeMap<'a> {
        let types: HashMap<&str, &TypeDef> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
        let mut referenced = HashSet::new();
        for t in &api.types {
            for f in &t.fields {
                referenced.extend(f.ty.user_types().into_iter().filter(|u| *u != t.name));
            }
            if let Some(b) = &t.base_type {
                referenced.extend(b.user_types());
            }
        }
        let uses_pair = uses_pair(api);
        let (idents, renames) = type_idents(api, modules, uses_pair);
        let mut map = TypeMap {
            types,
            idents,
            renames,
            request_side: HashSet::new(),
            referenced,
            uses_pair,
            component: HashMap::new(),
            taken: HashSet::new(),
        };
        map.taken = map.idents.values().cloned().chain(RESERVED.iter().map(|r| r.to_string())).collect();
        map.component = map.components();
        let mut stack: Vec<&str> = api.operations.iter().map(|o| o.request.as_str()).collect();
        while let Some(name) = stack.pop() {
            if !map.request_side.insert(name) {
                continue;
            }
            if let Some(t) = map.types.get(name) {
                for f in &t.fields {
                    stack.extend(f.ty.user_types());
                }
                if let Some(b) = &t.base_type {
                    stack.extend(b.user_types());
                }
            }
        }
        map
    }

    /// The Rust name of the type the schema calls `name` (for a name the schema does not define,
    /// what [`names::type_ident`] makes of it).
    pub fn ident(&self, name: &str) -> String {
        match self.idents.get(name) {
            Some(ident) => ident.clone(),
            None => names::type_ident(name),
        }
    }

    /// The Rust name of the builder of the type the schema calls `name`: `{Type}Builder`, or
    /// `{Type}Builder2`... when a type has that name; the flag says a number was needed.
    pub fn builder_ident(&self, name: &str) -> (String, bool) {
        let ident = self.ident(name);
        let plain = format!("{}Builder", ident.trim_start_matches("r#"));
        if !self.taken.contains(&plain) {
            return (plain, false);
        }
        let mut n = 2;
        while self.taken.contains(&format!("{plain}{n}")) {
            n += 1;
        }
        (format!("{plain}{n}"), true)
    }

    pub fn defines(&self, name: &str) -> bool {
        self.types.contains_key(name)
    }

    /// The class (not enum) called `name`, if the schema defines one.
    pub fn class(&self, name: &str) -> Option<&'a TypeDef> {
        self.types.get(name).copied().filter(|t| t.kind == TypeKind::Class)
    }

    pub fn is_enum(&self, name: &str) -> bool {
        self.types.get(name).is_some_and(|t| t.kind == TypeKind::Enum)
    }

    pub fn side(&self, name: &str) -> Side {
        if self.request_side.contains(name) { Side::Request } else { Side::Response }
    }

    /// Whether no type refers to `name` (by a field or as a base), so a request or response type
    /// can live in its operation's module.
    pub fn unreferenced(&self, name: &str) -> bool {
        !self.referenced.contains(name)
    }

    /// `T` for a type that is a list (`StoreRockstars : List<Rockstar>`).
    pub fn list_base(&self, t: &TypeDef) -> Option<TypeRef> {
        match t.base_type.as_ref()? {
            TypeRef::List { item } => Some((**item).clone()),
            _ => None,
        }
    }

    /// The fields a struct carries: its bases' first (outermost base first), then its own; and
    /// the base chain, nearest first. A cycle of bases stops at the first repeat.
    pub fn all_fields(&self, t: &'a TypeDef) -> (Vec<(&'a Field, &'a TypeDef)>, Vec<&'a TypeDef>) {
        let mut chain = Vec::new();
        let mut seen = BTreeSet::from([t.name.as_str()]);
        let mut cur = t;
        while let Some(TypeRef::Named { name }) = &cur.base_type {
            let Some(base) = self.types.get(name.as_str()) else { break };
            if !seen.insert(base.name.as_str()) || base.kind != TypeKind::Class {
                break;
            }
            chain.push(*base);
            cur = base;
        }
        let mut fields: Vec<(&Field, &TypeDef)> = Vec::new();
        // Where each wire name is in `fields`: a lookup, not a search, so 100,000 fields stay linear.
        let mut at: HashMap<&str, usize> = HashMap::new();
        for owner in chain.iter().rev().chain(std::iter::once(&t)) {
            for f in &owner.fields {
                if let Some(&pos) = at.get(f.name.as_str()) {
                    fields[pos] = (f, owner);
                } else {
                    at.insert(&f.name, fields.len());
                    fields.push((f, owner));
                }
            }
        }
        (fields, chain)
    }

    /// The types each class's fields name directly (not in a collection), defined ones only.
    fn direct_field_types(&self, t: &'a TypeDef) -> Vec<&'a str> {
        self.all_fields(t)
            .0
            .into_iter()
            .filter_map(|(f, _)| match f.ty.without_nullable() {
                TypeRef::Named { name } => self.types.get(name.as_str()).map(|d| d.name.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Tarjan's strongly connected components over [`TypeMap::direct_field_types`], iterative
    /// (a chain of 100,000 types must not overflow the stack) and linear in types plus fields.
    fn components(&self) -> HashMap<&'a str, usize> {
        // In name order, so the numbering does not follow the hash map's.
        let mut names: Vec<&'a str> = self.types.keys().copied().collect();
        names.sort_unstable();
        let index_of: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let edges: Vec<Vec<usize>> = names
            .iter()
            .map(|n| {
                self.direct_field_types(self.types[n]).into_iter().filter_map(|d| index_of.get(d).copied()).collect()
            })
            .collect();
        const UNSEEN: usize = usize::MAX;
        let (mut order, mut low) = (vec![UNSEEN; names.len()], vec![0; names.len()]);
        let (mut on_stack, mut stack) = (vec![false; names.len()], Vec::new());
        let mut component = vec![UNSEEN; names.len()];
        let (mut counter, mut components) = (0, 0);
        for root in 0..names.len() {
            if order[root] != UNSEEN {
                continue;
            }
            // (node, next edge to follow)
            let mut work = vec![(root, 0)];
            order[root] = counter;
            low[root] = counter;
            counter += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (v, ref mut next)) = work.last_mut() {
                if let Some(&w) = edges[v].get(*next) {
                    *next += 1;
                    if order[w] == UNSEEN {
                        order[w] = counter;
                        low[w] = counter;
                        counter += 1;
                        stack.push(w);
                        on_stack[w] = true;
                        work.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(order[w]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == order[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        component[w] = components;
                        if w == v {
                            break;
                        }
                    }
                    components += 1;
                }
            }
        }
        names.into_iter().zip(component).collect()
    }

    /// Whether `to` reaches `from` through fields that are not collections (so needs a `Box`):
    /// a field from `from` to `to` closes a cycle exactly when both are in one component.
    fn is_recursive(&self, from: &str, to: &str) -> bool {
        from == to || matches!((self.component.get(from), self.component.get(to)), (Some(a), Some(b)) if a == b)
    }

    /// The Rust type for a schema type, as text (`Option<Vec<crate::Email>>`).
    pub fn rust_type(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Primitive { prim } => prim_type(*prim).to_string(),
            TypeRef::Named { name } => match self.types.get(name.as_str()) {
                Some(_) => format!("crate::{}", self.ident(name)),
                None if crate::merge::BUILT_IN_TYPES.contains(&name.as_str()) => format!("crate::{name}"),
                None => "serde_json::Value".to_string(),
            },
            TypeRef::Nullable { inner } => format!("Option<{}>", self.rust_type(inner)),
            TypeRef::List { item } if matches!(**item, TypeRef::Primitive { prim: Prim::Byte }) => {
                "crate::runtime::Bytes".to_string()
            }
            TypeRef::List { item } => format!("Vec<{}>", self.rust_type(item)),
            TypeRef::Map { key, value } => format!(
                "std::collections::BTreeMap<{}, {}>",
                self.rust_type(key.without_nullable()),
                self.rust_type(value)
            ),
            TypeRef::Pair { key, value } => {
                format!("crate::KeyValuePair<{}, {}>", self.rust_type(key), self.rust_type(value))
            }
            // A generic type the schema defines per argument list (`QueryResponse<Item>`).
            TypeRef::Generic { .. } => {
                let spelled = ty.to_string();
                match self.types.get(spelled.as_str()) {
                    Some(_) => format!("crate::{}", self.ident(&spelled)),
                    None => "serde_json::Value".to_string(),
                }
            }
        }
    }

    /// Whether the field is always there (a plain field, not an `Option`): see ARCHITECTURE.md,
    /// "Required fields".
    pub fn present(f: &Field, side: Side) -> bool {
        let explicit_nullable = matches!(f.ty, TypeRef::Nullable { .. });
        let value_type = matches!(f.ty.without_nullable(), TypeRef::Primitive { prim } if prim.is_value_type());
        match side {
            Side::Request => f.required && !explicit_nullable,
            Side::Response => f.required && !explicit_nullable && value_type,
        }
    }

    /// The field's Rust type without the `Option` of an optional field, its serde attribute
    /// arguments (beyond `rename` and `alias`), and whether the field is an `Option` of that type.
    pub fn field_type(&self, owner: &TypeDef, f: &Field, side: Side) -> (String, &'static str, bool) {
        let inner_ref = f.ty.without_nullable();
        let optional = !Self::present(f, side);
        let mut inner = self.rust_type(inner_ref);
        if let TypeRef::Named { name } = inner_ref
            && self.is_recursive(&owner.name, name)
        {
            inner = format!("Box<{inner}>");
        }
        if !optional && side == Side::Response {
            (inner, "default", false)
        } else if !optional {
            (inner, "", false)
        } else {
            // A missing `Option` field reads as `None` without `#[serde(default)]`.
            (inner, "skip_serializing_if = \"Option::is_none\"", true)
        }
    }
}

fn has_pair(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Pair { .. } => true,
        TypeRef::Primitive { .. } | TypeRef::Named { .. } => false,
        TypeRef::Nullable { inner } | TypeRef::List { item: inner } => has_pair(inner),
        TypeRef::Map { key, value } => has_pair(key) || has_pair(value),
        TypeRef::Generic { args, .. } => args.iter().any(has_pair),
    }
}

fn prim_type(prim: Prim) -> &'static str {
    match prim {
        Prim::String | Prim::Uri => "String",
        Prim::Bool => "bool",
        Prim::Byte => "u8",
        Prim::SByte => "i8",
        Prim::Short => "i16",
        Prim::Int => "i32",
        Prim::Long => "i64",
        Prim::UShort => "u16",
        Prim::UInt => "u32",
        Prim::ULong => "u64",
        Prim::Float => "f32",
        Prim::Double => "f64",
        Prim::Decimal => "crate::runtime::Decimal",
        Prim::Char => "char",
        Prim::Guid => "uuid::Uuid",
        Prim::DateTime | Prim::DateTimeOffset => "crate::runtime::DateTime",
        Prim::TimeSpan => "crate::runtime::TimeSpan",
        Prim::Object => "serde_json::Value",
        Prim::Stream => "crate::runtime::Bytes",
    }
}
