//! A merged schema as JSON Schema (draft 7, `definitions`), so that typify can generate the same
//! types for the build-time comparison: the same wire names, required fields (a required,
//! non-nullable field), flat bases (as ours carry them), string enums.

use booster_codegen::schema::{Api, TypeDef, TypeKind};
use booster_codegen::type_grammar::{Prim, TypeRef};
use serde_json::{Map, Value, json};

/// The schema of every type of `api`, under `definitions`.
pub fn json_schema(api: &Api) -> Value {
    let mut definitions = Map::new();
    for t in &api.types {
        definitions.insert(t.name.clone(), definition(api, t));
    }
    json!({ "$schema": "http://json-schema.org/draft-07/schema#", "definitions": definitions })
}

fn definition(api: &Api, t: &TypeDef) -> Value {
    if t.kind == TypeKind::Enum {
        let members: Vec<&str> = t.members.iter().map(|m| m.name.as_str()).collect();
        return json!({ "type": "string", "enum": members });
    }
    if let Some(TypeRef::List { item }) = &t.base_type {
        return json!({ "type": "array", "items": type_schema(item) });
    }
    // The base chain's fields first, then the type's own (a field redefined keeps its place).
    let mut chain = vec![t];
    while let Some(TypeRef::Named { name }) = &chain[chain.len() - 1].base_type {
        match api.types.iter().find(|b| &b.name == name && b.kind == TypeKind::Class) {
            Some(base) if !chain.iter().any(|c| c.name == base.name) => chain.push(base),
            _ => break,
        }
    }
    let mut properties = Map::new();
    let mut required = Vec::new();
    for owner in chain.iter().rev() {
        for f in &owner.fields {
            if let Some(description) = &f.description {
                let mut schema = type_schema(&f.ty);
                if let Value::Object(o) = &mut schema {
                    o.insert("description".into(), description.clone().into());
                }
                properties.insert(f.name.clone(), schema);
            } else {
                properties.insert(f.name.clone(), type_schema(&f.ty));
            }
            let nullable = matches!(f.ty, TypeRef::Nullable { .. });
            required.retain(|r: &String| r != &f.name);
            if f.required && !nullable {
                required.push(f.name.clone());
            }
        }
    }
    json!({ "type": "object", "properties": properties, "required": required })
}

fn type_schema(ty: &TypeRef) -> Value {
    match ty {
        TypeRef::Primitive { prim } => prim_schema(*prim),
        TypeRef::Named { name } => json!({ "$ref": format!("#/definitions/{name}") }),
        TypeRef::Nullable { inner } => type_schema(inner),
        TypeRef::List { item } if matches!(**item, TypeRef::Primitive { prim: Prim::Byte }) => {
            json!({ "type": "string" })
        }
        TypeRef::List { item } => json!({ "type": "array", "items": type_schema(item) }),
        TypeRef::Map { value, .. } => json!({ "type": "object", "additionalProperties": type_schema(value) }),
        TypeRef::Pair { .. } | TypeRef::Generic { .. } => json!({}),
    }
}

fn prim_schema(prim: Prim) -> Value {
    let int = |format: &str| json!({ "type": "integer", "format": format });
    match prim {
        Prim::String | Prim::Uri | Prim::Char | Prim::TimeSpan | Prim::Stream => json!({ "type": "string" }),
        Prim::Bool => json!({ "type": "boolean" }),
        Prim::Byte => int("uint8"),
        Prim::SByte => int("int8"),
        Prim::Short => int("int16"),
        Prim::UShort => int("uint16"),
        Prim::Int => int("int32"),
        Prim::UInt => int("uint32"),
        Prim::Long => int("int64"),
        Prim::ULong => int("uint64"),
        Prim::Float => json!({ "type": "number", "format": "float" }),
        Prim::Double | Prim::Decimal => json!({ "type": "number", "format": "double" }),
        Prim::Guid => json!({ "type": "string", "format": "uuid" }),
        Prim::DateTime | Prim::DateTimeOffset => json!({ "type": "string", "format": "date-time" }),
        Prim::Object => json!({}),
    }
}
