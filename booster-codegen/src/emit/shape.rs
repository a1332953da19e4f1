//! The public Rust shape of a generated crate, as far as a change of the API can break code
//! using it: each type's path, whether it is `#[non_exhaustive]` and has a builder, its fields'
//! Rust names and types and which ones `build()` needs, its enum variants. Computed by the same
//! functions the emitter writes the code with; `api.json` keeps it, so the change report judges
//! a change by the code the previous crate really had (`changes/judge.rs`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::emit::rust_types::{Side, TypeMap};
use crate::emit::{enums, operation_modules, structs, type_modules};
use crate::schema::{Api, TypeKind};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RustShape {
    /// By the schema's type name.
    pub types: BTreeMap<String, TypeShape>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeShape {
    /// `module::Ident`; the crate root re-exports it as `Ident`.
    pub path: String,
    /// `#[non_exhaustive]`: code outside the crate cannot list every field or variant, so a new
    /// one breaks none of it. Absent in an `api.json` from before it was recorded: false.
    #[serde(default)]
    pub non_exhaustive: bool,
    /// Has `builder()`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub builder: bool,
    /// A struct's fields by wire name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, FieldShape>,
    /// An enum's variants by wire value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variants: BTreeMap<String, String>,
    /// A list newtype's (`pub struct T(pub Vec<Item>)`) item type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_of: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldShape {
    pub ident: String,
    /// The Rust type, `Option<..>` included.
    pub ty: String,
    /// The builder's `build()` exists only once this field's setter was called.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub must_set: bool,
}

/// The shape of the crate `emit_crate` writes for `api`.
pub fn rust_shape(api: &Api) -> RustShape {
    let op_modules = operation_modules(api);
    let map = TypeMap::new(api, &op_modules.values().cloned().collect::<Vec<_>>());
    let modules = type_modules(api, &map, &op_modules);
    let types = api
        .types
        .iter()
        .zip(modules)
        .map(|(t, module)| {
            let mut shape = TypeShape { path: format!("{module}::{}", map.ident(&t.name)), ..TypeShape::default() };
            match t.kind {
                TypeKind::Enum => {
                    let v = enums::variants(t);
                    shape.non_exhaustive = true;
                    shape.variants = v.members.iter().map(|m| m.name.clone()).zip(v.idents).collect();
                }
                TypeKind::Class => match map.list_base(t) {
                    Some(item) => shape.list_of = Some(map.rust_type(&item)),
                    None => {
                        shape.non_exhaustive = true;
                        shape.builder = map.side(&t.name) == Side::Request;
                        let (plans, _, _) = structs::plan_fields(&map, t);
                        for p in plans {
                            let ty = if p.optional { format!("Option<{}>", p.inner) } else { p.inner };
                            let must_set = shape.builder && !p.optional;
                            shape.fields.insert(p.field.name.clone(), FieldShape { ident: p.ident, ty, must_set });
                        }
                    }
                },
            }
            (t.name.clone(), shape)
        })
        .collect();
    RustShape { types }
}
