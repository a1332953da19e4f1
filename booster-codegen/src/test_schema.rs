//! Schema values for unit tests (`changes/`, `openapi/`): a field, a class and an operation with
//! everything else empty, so a test states only what it is about.

use crate::schema::{Field, Operation, Route, TypeDef, TypeKind};
use crate::type_grammar::TypeRef;

/// A field of type `ty` (a C# spelling), read at `source`.
pub fn field(name: &str, ty: &str, required: bool, source: &str) -> Field {
    Field {
        name: name.into(),
        type_name: ty.into(),
        ty: TypeRef::parse(ty).unwrap(),
        required,
        param: None,
        description: None,
        rules: Vec::new(),
        examples: Vec::new(),
        source: source.into(),
        name_proven: false,
        aliases: Vec::new(),
        inferred: false,
    }
}

/// A class with no base and these fields.
pub fn class(name: &str, fields: Vec<Field>, sources: &[&str]) -> TypeDef {
    TypeDef {
        name: name.into(),
        kind: TypeKind::Class,
        base: None,
        base_type: None,
        fields,
        members: Vec::new(),
        sources: sources.iter().map(|&s| s.into()).collect(),
    }
}

/// An operation whose request is its own name, with these routes (verbs, path) and no response.
pub fn operation(name: &str, routes: &[(&[&str], &str)], sources: &[&str]) -> Operation {
    Operation {
        name: name.into(),
        request: name.into(),
        response: None,
        routes: routes
            .iter()
            .map(|(verbs, path)| Route {
                verbs: verbs.iter().map(|v| v.to_string()).collect(),
                path: path.to_string(),
                summary: None,
                notes: None,
            })
            .collect(),
        requires_auth: false,
        roles: Vec::new(),
        permissions: Vec::new(),
        any_roles: Vec::new(),
        any_permissions: Vec::new(),
        description: None,
        tags: Vec::new(),
        sources: sources.iter().map(|s| s.to_string()).collect(),
    }
}
