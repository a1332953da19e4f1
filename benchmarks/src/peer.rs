//! The peer: a schema emitted in the style of ServiceStack's own `x rust` output, to compare
//! build times and sizes with. One `src/lib.rs`; bases as a `#[serde(flatten)] base` field;
//! struct-wide `#[serde(default)]` (so every type derives `Default`); dates, Guids and
//! TimeSpans as `String`; decimals as `f64`; closed enums; reference types as `Option`; no
//! builders, validators or conversions; a one-line doc per field.
//!
//! A simple string emitter: it reuses the product's identifier rules so both crates name things
//! alike, and nothing else of the emitter.

use std::fmt::Write;

use booster_codegen::emit::names::{field_ident, type_ident, variant_ident};
use booster_codegen::schema::{Api, TypeDef, TypeKind};
use booster_codegen::type_grammar::{Prim, TypeRef};

/// The peer crate's files: `(path, contents)`.
pub fn emit_peer(api: &Api, crate_name: &str) -> Vec<(String, String)> {
    let cargo = format!(
        "[package]\nname = \"{crate_name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nserde = {{ version = \"1.0.200\", features = [\"derive\"] }}\nserde_json = \"1.0\"\n\n[workspace]\n"
    );
    let mut lib = String::with_capacity(64 * 1024);
    let service = api.service.as_deref().unwrap_or("a ServiceStack API");
    let _ = writeln!(lib, "//! DTOs for {service}, in the style of ServiceStack's `x rust` output.");
    lib.push_str("#![allow(non_camel_case_types, clippy::large_enum_variant)]\n\n");
    lib.push_str("use serde::{Deserialize, Serialize};\n\n");
    lib.push_str("/// A request and the response it returns.\npub trait IReturn {\n    type Return;\n}\n\n");
    lib.push_str("/// A request that returns nothing.\npub trait IReturnVoid {}\n\n");
    for t in &api.types {
        match t.kind {
            TypeKind::Enum => emit_enum(t, &mut lib),
            TypeKind::Class => emit_struct(api, t, &mut lib),
        }
    }
    for builtin in ["ResponseStatus", "ResponseError"] {
        if !api.types.iter().any(|t| t.name == builtin) {
            emit_builtin(builtin, &mut lib);
        }
    }
    for op in &api.operations {
        let request = type_ident(&op.request);
        match &op.response {
            Some(r) => {
                let _ = writeln!(lib, "impl IReturn for {request} {{\n    type Return = {};\n}}\n", type_ident(r));
            }
            None => {
                let _ = writeln!(lib, "impl IReturnVoid for {request} {{}}\n");
            }
        }
    }
    vec![("Cargo.toml".to_string(), cargo), ("src/lib.rs".to_string(), lib)]
}

fn doc_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn emit_enum(t: &TypeDef, out: &mut String) {
    let _ = writeln!(
        out,
        "#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]\npub enum {} {{",
        type_ident(&t.name)
    );
    for (i, m) in t.members.iter().enumerate() {
        if i == 0 {
            out.push_str("    #[default]\n");
        }
        let ident = variant_ident(&m.name);
        if ident != m.name {
            let _ = writeln!(out, "    #[serde(rename = \"{}\")]", m.name.replace(['"', '\\'], ""));
        }
        let _ = writeln!(out, "    {ident},");
    }
    out.push_str("}\n\n");
}

fn emit_struct(api: &Api, t: &TypeDef, out: &mut String) {
    let name = type_ident(&t.name);
    let _ = writeln!(
        out,
        "#[derive(Serialize, Deserialize, Debug, Clone, Default)]\n#[serde(default)]\npub struct {name} {{"
    );
    if let Some(TypeRef::Named { name: base }) = &t.base_type
        && api.types.iter().any(|b| &b.name == base && b.kind == TypeKind::Class)
    {
        let _ = writeln!(out, "    #[serde(flatten)]\n    pub base: {},", type_ident(base));
    }
    for f in &t.fields {
        if let Some(d) = f.description.as_deref().filter(|d| !d.trim().is_empty()) {
            let _ = writeln!(out, "    /// {}", doc_line(d));
        }
        let ident = field_ident(&f.name);
        let _ = writeln!(out, "    #[serde(rename = \"{}\")]", f.name.replace(['"', '\\'], ""));
        let _ = writeln!(out, "    pub {ident}: {},", field_type(api, &t.name, &f.ty));
    }
    out.push_str("}\n\n");
}

fn emit_builtin(name: &str, out: &mut String) {
    let fields: &[(&str, &str, &str)] = if name == "ResponseStatus" {
        &[
            ("errorCode", "error_code", "Option<String>"),
            ("message", "message", "Option<String>"),
            ("stackTrace", "stack_trace", "Option<String>"),
            ("errors", "errors", "Option<Vec<ResponseError>>"),
        ]
    } else {
        &[
            ("errorCode", "error_code", "Option<String>"),
            ("fieldName", "field_name", "Option<String>"),
            ("message", "message", "Option<String>"),
        ]
    };
    let _ = writeln!(
        out,
        "#[derive(Serialize, Deserialize, Debug, Clone, Default)]\n#[serde(default)]\npub struct {name} {{"
    );
    for (wire, ident, ty) in fields {
        let _ = writeln!(out, "    #[serde(rename = \"{wire}\")]\n    pub {ident}: {ty},");
    }
    out.push_str("}\n\n");
}

/// Value types plain, `T?` as `Option<T>`, reference types (strings, lists, classes) as `Option`.
fn field_type(api: &Api, owner: &str, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Nullable { inner } => format!("Option<{}>", rust_type(api, owner, inner)),
        TypeRef::Primitive { prim } if prim.is_value_type() && !is_text(*prim) => rust_type(api, owner, ty),
        TypeRef::Named { name } if is_enum(api, name) => rust_type(api, owner, ty),
        _ => format!("Option<{}>", rust_type(api, owner, ty)),
    }
}

fn is_enum(api: &Api, name: &str) -> bool {
    api.types.iter().any(|t| t.name == name && t.kind == TypeKind::Enum)
}

/// Dates, Guids and TimeSpans are text in the peer style, so `Option<String>` like strings.
fn is_text(prim: Prim) -> bool {
    matches!(prim, Prim::DateTime | Prim::DateTimeOffset | Prim::Guid | Prim::TimeSpan | Prim::Char)
}

fn rust_type(api: &Api, owner: &str, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive { prim } => prim_type(*prim).to_string(),
        TypeRef::Named { name } if api.types.iter().any(|t| &t.name == name) || is_builtin(name) => {
            let ident = type_ident(name);
            if name == owner { format!("Box<{ident}>") } else { ident }
        }
        TypeRef::Named { .. } | TypeRef::Generic { .. } => "serde_json::Value".to_string(),
        TypeRef::Nullable { inner } => format!("Option<{}>", rust_type(api, owner, inner)),
        TypeRef::List { item } => format!("Vec<{}>", rust_type(api, owner, item)),
        TypeRef::Map { key, value } => {
            format!("std::collections::HashMap<{}, {}>", rust_type(api, owner, key), rust_type(api, owner, value))
        }
        TypeRef::Pair { key, value } => format!("({}, {})", rust_type(api, owner, key), rust_type(api, owner, value)),
    }
}

fn is_builtin(name: &str) -> bool {
    matches!(name, "ResponseStatus" | "ResponseError")
}

fn prim_type(prim: Prim) -> &'static str {
    match prim {
        Prim::String
        | Prim::Char
        | Prim::Guid
        | Prim::DateTime
        | Prim::DateTimeOffset
        | Prim::TimeSpan
        | Prim::Uri
        | Prim::Stream => "String",
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
        Prim::Double | Prim::Decimal => "f64",
        Prim::Object => "serde_json::Value",
    }
}
