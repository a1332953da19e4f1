//! ServiceStack's own DTOs, known rather than re-inferred. Pages name them (`QueryResponse<Item>`,
//! `IdResponse`, a request deriving from `QueryDb<Item>`) and usually hide their tables; their
//! shapes are ServiceStack's documented ones (`ServiceStack.Interfaces`: `ResponseStatus.cs`,
//! `ResponseError.cs`, `IdResponse.cs`, `EmptyResponse.cs`; `ServiceStack.Client`: `QueryBase`,
//! `QueryResponse<T>`, `QueryDb<T>`, `AuthenticateResponse`). A page that shows one of them in a
//! table wins over this definition.
//!
//! `ResponseStatus` and `ResponseError` are emitted by the emitter itself into every crate (every
//! error response carries one); the rest enter the schema here, once, when something uses them.
//! Generic ones are instantiated per argument list (`QueryResponse<Item>`), the way the schema
//! names a generic type.

use std::collections::BTreeSet;

use crate::schema::{Api, Field, Location, TypeDef, TypeKind};
use crate::type_grammar::TypeRef;

/// The built-in types this module defines, by their bare (generic) name.
pub const DEFINED: &[&str] =
    &["QueryBase", "QueryResponse", "QueryDb", "IdResponse", "EmptyResponse", "AuthenticateResponse"];

/// Whether `name` (`QueryResponse<Item>` or `IdResponse`) is one of the built-ins defined here.
pub fn is_built_in(name: &str) -> bool {
    let bare = name.split('<').next().unwrap_or(name).trim();
    DEFINED.contains(&bare)
}

/// Where the schema says a built-in type came from.
pub const SOURCE: &str = "ServiceStack built-in";

/// `(name, Data Type, required)` of a built-in's field; `T` is the first type argument.
type FieldShape = (&'static str, &'static str, bool);

/// A built-in's base and fields.
fn shape(bare: &str) -> Option<(Option<&'static str>, &'static [FieldShape])> {
    const QUERY_BASE: &[FieldShape] = &[
        ("Skip", "int?", false),
        ("Take", "int?", false),
        ("OrderBy", "string", false),
        ("OrderByDesc", "string", false),
        ("Include", "string", false),
        ("Fields", "string", false),
        ("Meta", "Dictionary<string, string>", false),
    ];
    Some(match bare {
        "QueryBase" => (None, QUERY_BASE),
        // `QueryDb<T> : QueryBase`: its fields are QueryBase's, through its base.
        "QueryDb" => (Some("QueryBase"), &[]),
        "QueryResponse" => (
            None,
            &[
                ("Offset", "int", false),
                ("Total", "int", false),
                ("Results", "List<T>", false),
                ("Meta", "Dictionary<string, string>", false),
                ("ResponseStatus", "ResponseStatus", false),
            ],
        ),
        "IdResponse" => (None, &[("Id", "string", false), ("ResponseStatus", "ResponseStatus", false)]),
        "EmptyResponse" => (None, &[("ResponseStatus", "ResponseStatus", false)]),
        "AuthenticateResponse" => (
            None,
            &[
                ("UserId", "string", false),
                ("SessionId", "string", false),
                ("UserName", "string", false),
                ("DisplayName", "string", false),
                ("ReferrerUrl", "string", false),
                ("BearerToken", "string", false),
                ("RefreshToken", "string", false),
                ("RefreshTokenExpiry", "DateTime?", false),
                ("ProfileUrl", "string", false),
                ("Roles", "List<string>", false),
                ("Permissions", "List<string>", false),
                ("AuthProvider", "string", false),
                ("ResponseStatus", "ResponseStatus", false),
                ("Meta", "Dictionary<string, string>", false),
            ],
        ),
        _ => return None,
    })
}

/// The names of the fields of ServiceStack's `QueryResponse<T>`, lower-cased: a response table or
/// sample with exactly these (`meta` and `responseStatus` may be hidden) is one.
pub fn is_query_response_shape(names: &BTreeSet<String>) -> bool {
    let required = ["offset", "total", "results"];
    let allowed = ["offset", "total", "results", "meta", "responsestatus"];
    required.iter().all(|n| names.contains(*n)) && names.iter().all(|n| allowed.contains(&n.as_str()))
}

/// Adds each built-in that a field, a base or a response names and no page defines.
pub fn add_used(api: &mut Api, camel: bool) {
    // Only the types that name a built-in are kept to look at (not a copy of every field's).
    let mut work: Vec<TypeRef> = Vec::new();
    for t in &api.types {
        let types = t.base_type.iter().chain(t.fields.iter().map(|f| &f.ty));
        work.extend(types.filter(|ty| !instances(ty).is_empty()).cloned());
    }
    for op in &api.operations {
        if let Some(r) = &op.response
            && let Ok(ty) = TypeRef::parse(r)
        {
            work.push(ty);
        }
    }
    let mut defined: BTreeSet<String> = api.types.iter().map(|t| t.name.clone()).collect();
    while let Some(ty) = work.pop() {
        for (name, bare, args) in instances(&ty) {
            if defined.contains(&name) {
                continue;
            }
            let Some((base, fields)) = shape(&bare) else { continue };
            defined.insert(name.clone());
            let arg = args.first().map(ToString::to_string).unwrap_or_else(|| "object".to_string());
            let def = TypeDef {
                name: name.clone(),
                kind: TypeKind::Class,
                base: base.map(str::to_string),
                base_type: base.map(TypeRef::named),
                fields: fields
                    .iter()
                    .filter_map(|(fname, ty_text, required)| {
                        let text = if *ty_text == "List<T>" { format!("List<{arg}>") } else { ty_text.to_string() };
                        let ty = TypeRef::parse(&text).ok()?;
                        Some(built_in_field(fname, &text, ty, *required, camel))
                    })
                    .collect(),
                members: Vec::new(),
                sources: vec![Location::new(SOURCE, 0)],
            };
            work.extend(def.base_type.iter().cloned());
            work.extend(def.fields.iter().map(|f| f.ty.clone()));
            api.types.push(def);
        }
    }
    api.types.sort_by(|a, b| a.name.cmp(&b.name));
}

fn built_in_field(name: &str, text: &str, ty: TypeRef, required: bool, camel: bool) -> Field {
    let wire = if camel {
        let mut c = name.chars();
        c.next().map(|h| h.to_lowercase().chain(c).collect()).unwrap_or_default()
    } else {
        name.to_string()
    };
    Field {
        name: wire,
        type_name: text.to_string(),
        ty,
        required,
        param: Some("form".to_string()),
        description: None,
        rules: Vec::new(),
        examples: Vec::new(),
        source: Location::new(SOURCE, 0),
        name_proven: false,
        aliases: Vec::new(),
        inferred: false,
    }
}

/// Every built-in (named or generic) a type mentions: (schema name, bare name, type arguments).
/// Other types are passed over: nothing is added for them.
fn instances(ty: &TypeRef) -> Vec<(String, String, Vec<TypeRef>)> {
    let mut out = Vec::new();
    let mut stack = vec![ty];
    while let Some(t) = stack.pop() {
        match t {
            TypeRef::Primitive { .. } => {}
            TypeRef::Named { name } if shape(name).is_some() => out.push((name.clone(), name.clone(), Vec::new())),
            TypeRef::Named { .. } => {}
            TypeRef::Nullable { inner } | TypeRef::List { item: inner } => stack.push(inner),
            TypeRef::Map { key, value } | TypeRef::Pair { key, value } => {
                stack.push(key);
                stack.push(value);
            }
            TypeRef::Generic { name, args } => {
                if shape(name).is_some() {
                    out.push((t.to_string(), name.clone(), args.clone()));
                }
                stack.extend(args.iter());
            }
        }
    }
    out
}
