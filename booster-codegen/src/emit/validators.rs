//! `Validate` impls: the rules of the schema (required values, conditional requirements, ranges,
//! value sets) as code, and validation of nested types with their paths. Rules come from the
//! schema only; nothing here knows a particular API.

use std::collections::BTreeSet;

use crate::emit::code::{Code, lit};
use crate::emit::rust_types::TypeMap;
use crate::schema::{Api, Field, Rule, TypeDef, TypeKind};
use crate::type_grammar::{Prim, TypeRef};

/// One field as the validator sees it.
pub struct FieldView<'a> {
    pub field: &'a Field,
    pub ident: String,
    /// The Rust field is `Option<..>`.
    pub optional: bool,
}

/// How a field holds its values.
enum Shape<'t> {
    One(&'t TypeRef),
    List(&'t TypeRef),
    Map(&'t TypeRef),
}

fn shape(ty: &TypeRef) -> Shape<'_> {
    match ty.without_nullable() {
        TypeRef::List { item } if !matches!(**item, TypeRef::Primitive { prim: Prim::Byte }) => Shape::List(item),
        TypeRef::Map { value, .. } => Shape::Map(value),
        other => Shape::One(other),
    }
}

fn is_number(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive { prim } if matches!(prim,
        Prim::Byte | Prim::SByte | Prim::Short | Prim::Int | Prim::Long | Prim::UShort | Prim::UInt | Prim::ULong | Prim::Float | Prim::Double))
}

fn is_string(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive { prim: Prim::String | Prim::Uri })
}

/// `Option<&str>` of a field that holds text (a string or an enum), for conditions.
fn text_of(view: &FieldView<'_>, map: &TypeMap<'_>) -> Option<String> {
    let id = &view.ident;
    let ty = view.field.ty.without_nullable();
    let is_enum = matches!(ty, TypeRef::Named { name } if map.is_enum(name));
    match (is_string(ty) || is_enum, view.optional, is_enum) {
        (false, _, _) => None,
        (true, false, _) => Some(format!("Some(self.{id}.as_str())")),
        (true, true, false) => Some(format!("self.{id}.as_deref()")),
        (true, true, true) => Some(format!("self.{id}.as_ref().map(|v| v.as_str())")),
    }
}

/// `true` when the field has no value (or, for text, an empty one); `None` when the field
/// always has one.
fn missing(view: &FieldView<'_>) -> Option<String> {
    let id = &view.ident;
    let string = is_string(view.field.ty.without_nullable());
    match (view.optional, string) {
        (true, true) => Some(format!("self.{id}.as_deref().is_none_or(|v| v.trim().is_empty())")),
        (true, false) => Some(format!("self.{id}.is_none()")),
        (false, true) => Some(format!("self.{id}.trim().is_empty()")),
        (false, false) => None,
    }
}

/// `crate::validate::push(out, AT, MESSAGE);`, one argument a line.
fn push(code: &mut Code, at: &str, message: &str) {
    code.open("crate::validate::push(");
    code.line("out,");
    code.line_fmt(format_args!("{at},"));
    code.line_fmt(format_args!("{message},"));
    code.close(");");
}

/// Opens the block that binds `items` to the field's value (skipped when an `Option` is `None`).
fn open_items(code: &mut Code, view: &FieldView<'_>) {
    if view.optional {
        code.open(&format!("if let Some(items) = &self.{} {{", view.ident));
    } else {
        code.open("{");
        code.line_fmt(format_args!("let items = &self.{};", view.ident));
    }
}

/// Runs `check` on each value of the field (`value` bound by reference, `at` its path).
fn each_value(code: &mut Code, view: &FieldView<'_>, check: &dyn Fn(&mut Code)) {
    let wire = lit(&view.field.name);
    open_items(code, view);
    if matches!(shape(&view.field.ty), Shape::List(_)) {
        code.line_fmt(format_args!("let base = crate::validate::join(path, {wire});"));
        code.open("for (i, value) in items.iter().enumerate() {");
        code.line("let at = format!(\"{base}[{i}]\");");
        check(code);
        code.close("}");
    } else {
        code.line("let value = items;");
        code.line_fmt(format_args!("let at = crate::validate::join(path, {wire});"));
        check(code);
    }
    code.close("}");
}

/// The classes that get a `Validate` impl besides the requests: those with a check of their own
/// (a required value, a rule) and those holding one of them, through fields, lists and maps.
/// A class with nothing to check gets no impl and is not walked into.
pub fn validated_types<'a>(api: &'a Api, map: &TypeMap<'a>) -> BTreeSet<&'a str> {
    let classes: Vec<&TypeDef> = api.types.iter().filter(|t| t.kind == TypeKind::Class).collect();
    // Per class, on every core: whether it has a check of its own, and the classes it holds.
    let found: Vec<(bool, Vec<&str>)> = crate::parallel::map(&classes, |t| {
        if let Some(item) = map.list_base(t) {
            let item = match item {
                TypeRef::Named { name } => map.class(&name).map(|c| c.name.as_str()),
                _ => None,
            };
            return (false, item.into_iter().collect());
        }
        let side = map.side(&t.name);
        let (fields, _) = map.all_fields(t);
        let views: Vec<FieldView<'_>> = fields
            .iter()
            .map(|(f, _)| FieldView { field: f, ident: "field".into(), optional: !TypeMap::present(f, side) })
            .collect();
        let own = checks(&mut Code::discarding(), &views, map, &|_| false) > 0;
        let nested: Vec<&str> = fields
            .iter()
            .filter_map(|(f, _)| match shape(&f.ty) {
                Shape::One(TypeRef::Named { name })
                | Shape::List(TypeRef::Named { name })
                | Shape::Map(TypeRef::Named { name }) => map.class(name).map(|c| c.name.as_str()),
                _ => None,
            })
            .collect();
        (own, nested)
    });
    // Then up from those with a check to every class holding one: each holder once (a chain of
    // 100,000 types is walked once, not once per link).
    let mut holders: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
    let mut set: BTreeSet<&str> = BTreeSet::new();
    let mut queue: Vec<&str> = Vec::new();
    for (t, (own, nested)) in classes.iter().zip(&found) {
        for n in nested {
            holders.entry(n).or_default().push(t.name.as_str());
        }
        if *own && set.insert(t.name.as_str()) {
            queue.push(t.name.as_str());
        }
    }
    while let Some(name) = queue.pop() {
        for holder in holders.get(name).into_iter().flatten() {
            if set.insert(holder) {
                queue.push(holder);
            }
        }
    }
    set
}

/// `impl Validate` for a class; `validated` says which classes have an impl to walk into.
pub fn validate_impl(
    code: &mut Code,
    type_ident: &str,
    views: &[FieldView<'_>],
    map: &TypeMap<'_>,
    validated: &dyn Fn(&str) -> bool,
) {
    let mut body = code.inner(2);
    let n = checks(&mut body, views, map, validated);
    let (path, out) = if n == 0 { ("_path", "_out") } else { ("path", "out") };
    code.open(&format!("impl crate::validate::Validate for {type_ident} {{"));
    code.line("#[inline]");
    code.open(&format!("fn validate_into(&self, {path}: &str, {out}: &mut Vec<crate::validate::Violation>) {{"));
    code.append(body);
    code.close("}");
    code.close("}");
}

/// Writes the checks of one class's fields, in field order, at indent 0 of `code` (the caller
/// nests them); returns how many it wrote.
fn checks(code: &mut Code, views: &[FieldView<'_>], map: &TypeMap<'_>, validated: &dyn Fn(&str) -> bool) -> usize {
    let mut count = 0;
    for view in views {
        let f = view.field;
        let wire = lit(&f.name);
        let join = format!("crate::validate::join(path, {wire})");
        if f.required
            && let Some(missing) = missing(view)
        {
            let message =
                if is_string(f.ty.without_nullable()) { "is required and must not be empty" } else { "is required" };
            code.open(&format!("if {missing} {{"));
            push(code, &join, &lit(message));
            code.close("}");
            count += 1;
        }
        for rule in &f.rules {
            match rule {
                Rule::RequiredWhen { field, equals } => {
                    let Some(cond) = views.iter().find(|v| &v.field.name == field) else { continue };
                    let (Some(text), Some(missing)) = (text_of(cond, map), missing(view)) else { continue };
                    let message = format!("is required when {field} is {equals}");
                    code.open(&format!("if {text} == Some({}) && {missing} {{", lit(equals)));
                    push(code, &join, &lit(&message));
                    code.close("}");
                    count += 1;
                }
                Rule::Range { min, max } => {
                    let elem = match shape(&f.ty) {
                        Shape::One(t) | Shape::List(t) => t,
                        Shape::Map(_) => continue,
                    };
                    if !is_number(elem.without_nullable()) || matches!(elem, TypeRef::Nullable { .. }) {
                        continue;
                    }
                    let (lo, hi) = (*min as f64, *max as f64);
                    let message = lit(&format!("must be between {min} and {max} (found {{value}})"));
                    each_value(code, view, &|code| {
                        code.open(&format!("if !({lo}f64..={hi}f64).contains(&(*value as f64)) {{"));
                        push(code, "at", &format!("format!({message})"));
                        code.close("}");
                    });
                    count += 1;
                }
                Rule::OneOf { values } => {
                    let elem = match shape(&f.ty) {
                        Shape::One(t) | Shape::List(t) => t,
                        Shape::Map(_) => continue,
                    };
                    if !is_string(elem) {
                        continue;
                    }
                    let message = lit(&format!(
                        "must be one of {} (found {{value:?}})",
                        values.join(", ").replace(['{', '}'], "")
                    ));
                    let set = values.iter().map(|v| lit(v)).collect::<Vec<_>>().join(", ");
                    each_value(code, view, &|code| {
                        code.open(&format!("if ![{set}].contains(&value.as_str()) {{"));
                        push(code, "at", &format!("format!({message})"));
                        code.close("}");
                    });
                    count += 1;
                }
            }
        }
        let nested = |t: &TypeRef| matches!(t, TypeRef::Named { name } if map.class(name).is_some() && validated(name));
        let walk: Option<&dyn Fn(&mut Code)> = match shape(&f.ty) {
            Shape::One(t) if nested(t) => Some(&|code| {
                code.line_fmt(format_args!("crate::validate::Validate::validate_into(items, &{join}, out);"))
            }),
            Shape::List(t) if nested(t) => {
                Some(&|code| code.line_fmt(format_args!("crate::validate::each(items, &{join}, out);")))
            }
            Shape::Map(t) if nested(t) => Some(&|code| {
                code.line_fmt(format_args!("let base = {join};"));
                code.open("for (key, value) in items {");
                code.line("crate::validate::Validate::validate_into(value, &format!(\"{base}[{key:?}]\"), out);");
                code.close("}");
            }),
            _ => None,
        };
        if let Some(walk) = walk {
            open_items(code, view);
            walk(code);
            code.close("}");
            count += 1;
        }
    }
    count
}
