//! Marks each change breaking or additive by what it does to the generated code: the previous
//! crate's Rust shape (kept in its `api.json`) against the new one.

use super::{Change, Kind};
use crate::emit::shape::{FieldShape, RustShape, TypeShape};

/// The marks that do not depend on the generated code: a removed or retyped thing, a route
/// gone, a response type changed, authentication newly required.
fn fixed_mark(kind: &Kind) -> bool {
    match kind {
        Kind::OperationAdded { .. }
        | Kind::RouteAdded { .. }
        | Kind::TypeAdded { .. }
        | Kind::BuilderAdded { .. }
        | Kind::FieldAdded { .. }
        | Kind::FieldRequiredChanged { .. }
        | Kind::MemberAdded { .. }
        | Kind::RustFieldAdded { .. } => false,
        Kind::AuthChanged { required, .. } => *required,
        Kind::NonExhaustiveChanged { now, .. } => *now,
        Kind::OperationRemoved { .. }
        | Kind::ResponseChanged { .. }
        | Kind::RouteRemoved { .. }
        | Kind::TypeRemoved { .. }
        | Kind::BaseChanged { .. }
        | Kind::FieldRemoved { .. }
        | Kind::FieldRetyped { .. }
        | Kind::MemberRemoved { .. }
        | Kind::TypeMoved { .. }
        | Kind::BuilderRemoved { .. }
        | Kind::RustFieldChanged { .. }
        | Kind::RustFieldRemoved { .. } => true,
    }
}

pub(super) const NON_EXHAUSTIVE_WHY: &str =
    "a struct literal, or a match naming every variant, outside the crate no longer compiles";

/// The field's shape in a crate's shape, if the type and field are there.
fn field_in<'a>(shape: Option<&'a RustShape>, ty: &str, field: &str) -> Option<&'a FieldShape> {
    shape?.types.get(ty)?.fields.get(field)
}

/// Whether the previous crate's type was `#[non_exhaustive]`: with no record, it was not.
fn was_open(old: Option<&RustShape>, ty: &str) -> bool {
    old.and_then(|o| o.types.get(ty)).is_some_and(|t| t.non_exhaustive)
}

/// Marks a schema change by what it does to the generated code (`old`: the previous crate's
/// shape, when its `api.json` kept it).
pub(super) fn judge(kind: Kind, old: Option<&RustShape>, new: &RustShape) -> Change {
    let (breaking, why) = match &kind {
        Kind::FieldAdded { ty, field, .. } => {
            if field_in(Some(new), ty, field).is_some_and(|f| f.must_set) {
                (true, Some("`build()` needs its setter".to_string()))
            } else if !was_open(old, ty) {
                (true, Some(format!("{ty} was not #[non_exhaustive], so a struct literal outside the crate lacks it")))
            } else {
                (false, None)
            }
        }
        Kind::MemberAdded { ty, .. } if !was_open(old, ty) => {
            (true, Some(format!("{ty} was not #[non_exhaustive], so an exhaustive match outside the crate misses it")))
        }
        Kind::FieldRequiredChanged { ty, field, .. } => {
            match (field_in(old, ty, field), field_in(Some(new), ty, field)) {
                (Some(before), Some(after)) if before.ty != after.ty => {
                    (true, Some(format!("its Rust type {} -> {}", before.ty, after.ty)))
                }
                (Some(before), Some(after)) if after.must_set && !before.must_set => {
                    (true, Some("`build()` needs its setter".to_string()))
                }
                (Some(_), Some(_)) => (false, Some("its Rust type is the same".to_string())),
                _ => (true, Some("the previous crate's Rust types are not recorded".to_string())),
            }
        }
        other => (fixed_mark(other), None),
    };
    Change { kind, breaking, why }
}

/// What changed in the generated code of the types both crates have, beyond what the schema's
/// changes (`explained`) say: a type moved or renamed, its builder or `#[non_exhaustive]` gained
/// or lost, a field's Rust type changed with the schema's field unchanged, fields carried from a
/// base.
pub(super) fn shape_changes(old: &RustShape, new: &RustShape, explained: &[Kind]) -> Vec<Change> {
    let said = |ty: &str, field: &str| {
        explained.iter().any(|k| match k {
            Kind::FieldAdded { ty: t, field: f, .. }
            | Kind::FieldRemoved { ty: t, field: f }
            | Kind::FieldRetyped { ty: t, field: f, .. }
            | Kind::FieldRequiredChanged { ty: t, field: f, .. } => t == ty && f == field,
            _ => false,
        })
    };
    let mut out = Vec::new();
    let mut push = |kind: Kind, breaking: bool, why: Option<String>| out.push(Change { kind, breaking, why });
    for (name, after) in &new.types {
        let Some(before) = old.types.get(name) else { continue };
        let ty = || name.clone();
        if before.path != after.path {
            push(Kind::TypeMoved { ty: ty(), old: before.path.clone(), new: after.path.clone() }, true, None);
        }
        if before.non_exhaustive != after.non_exhaustive {
            let now = after.non_exhaustive;
            let why = now.then(|| NON_EXHAUSTIVE_WHY.to_string());
            push(Kind::NonExhaustiveChanged { ty: ty(), now }, now, why);
        }
        match (before.builder, after.builder) {
            (false, true) => push(Kind::BuilderAdded { ty: ty() }, false, None),
            (true, false) => push(Kind::BuilderRemoved { ty: ty() }, true, None),
            _ => {}
        }
        field_shape_changes(name, before, after, &said, &mut push);
    }
    out
}

fn field_shape_changes(
    name: &str,
    before: &TypeShape,
    after: &TypeShape,
    said: &dyn Fn(&str, &str) -> bool,
    push: &mut dyn FnMut(Kind, bool, Option<String>),
) {
    let ty = || name.to_string();
    for (wire, now) in after.fields.iter().filter(|(wire, _)| !said(name, wire)) {
        match before.fields.get(wire) {
            None => {
                let why = if now.must_set {
                    Some("`build()` needs its setter".to_string())
                } else if !before.non_exhaustive {
                    Some(format!("{name} was not #[non_exhaustive]"))
                } else {
                    None
                };
                let kind = Kind::RustFieldAdded { ty: ty(), field: wire.clone(), rust: now.ty.clone() };
                push(kind, why.is_some(), why);
            }
            Some(was) if was.ident != now.ident || was.ty != now.ty => {
                let show = |f: &FieldShape| format!("{}: {}", f.ident, f.ty);
                let kind = Kind::RustFieldChanged { ty: ty(), field: wire.clone(), old: show(was), new: show(now) };
                push(kind, true, None);
            }
            Some(was) if now.must_set && !was.must_set && before.builder => {
                let kind = Kind::RustFieldChanged {
                    ty: ty(),
                    field: wire.clone(),
                    old: "optional in the builder".into(),
                    new: "required in the builder".into(),
                };
                push(kind, true, None);
            }
            Some(_) => {}
        }
    }
    for wire in before.fields.keys().filter(|w| !after.fields.contains_key(*w) && !said(name, w)) {
        push(Kind::RustFieldRemoved { ty: ty(), field: wire.clone() }, true, None);
    }
}
