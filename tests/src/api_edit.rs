//! Edits to a schema, to change what the test site serves (an API changing on its server).

use booster_codegen::schema::{Api, Field, Operation, Route, TypeDef, TypeKind};
use booster_codegen::type_grammar::TypeRef;

/// A field as a table row gives it.
pub fn field(name: &str, ty: &str, required: bool, param: &str) -> Field {
    Field {
        name: name.into(),
        type_name: ty.into(),
        ty: TypeRef::parse(ty).expect("present"),
        required,
        param: Some(param.into()),
        description: Some(format!("The {name}")),
        rules: Vec::new(),
        examples: Vec::new(),
        source: Default::default(),
        name_proven: false,
        aliases: Vec::new(),
        inferred: false,
    }
}

pub fn field_mut<'a>(api: &'a mut Api, ty: &str, name: &str) -> &'a mut Field {
    let t = api.types.iter_mut().find(|t| t.name == ty).expect("present");
    t.fields.iter_mut().find(|f| f.name == name).expect("present")
}

pub fn remove_field(api: &mut Api, ty: &str, name: &str) {
    api.types.iter_mut().find(|t| t.name == ty).expect("present").fields.retain(|f| f.name != name);
}

/// A class with no base and these fields.
pub fn class(name: &str, fields: Vec<Field>) -> TypeDef {
    TypeDef {
        name: name.into(),
        kind: TypeKind::Class,
        base: None,
        base_type: None,
        fields,
        members: Vec::new(),
        sources: Vec::new(),
    }
}

/// An operation whose request is its own name, on one route.
pub fn operation(name: &str, response: Option<&str>, verb: &str, path: &str) -> Operation {
    Operation {
        name: name.into(),
        request: name.into(),
        response: response.map(Into::into),
        routes: vec![Route { verbs: vec![verb.into()], path: path.into(), summary: None, notes: None }],
        requires_auth: false,
        roles: Vec::new(),
        permissions: Vec::new(),
        any_roles: Vec::new(),
        any_permissions: Vec::new(),
        description: None,
        tags: Vec::new(),
        sources: Vec::new(),
    }
}

/// A new operation, GetCustomerStatus, with one path field and no response.
pub fn add_operation(api: &mut Api) {
    let mut op = operation("GetCustomerStatus", None, "GET", "/customer/{boosterCustomerId}/status");
    op.routes[0].summary = Some("Customer status".into());
    op.requires_auth = true;
    api.operations.push(op);
    api.types.push(class("GetCustomerStatus", vec![field("boosterCustomerId", "int", true, "path")]));
}

/// The edit the end-to-end tests make: GetCustomerStatus added, `Event.eventNotes` retyped from
/// string to int, `Address.poBox` dropped.
pub fn add_retype_drop(api: &mut Api) {
    add_operation(api);
    let notes = field_mut(api, "Event", "eventNotes");
    notes.type_name = "int".into();
    notes.ty = TypeRef::parse("int").expect("int parses");
    remove_field(api, "Address", "poBox");
}
