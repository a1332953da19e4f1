//! Structs: fields with their wire names and docs, `From` into their bases, `Validate`, and a
//! compile-checked builder where values are built.

use crate::diag::Diagnostics;
use crate::emit::builder::{BuilderField, emit_builder};
use crate::emit::code::{Code, lit};
use crate::emit::examples::{ExampleField, builder_example, sample_example};
use crate::emit::rust_types::{Side, TypeMap};
use crate::emit::validators::{self, FieldView};
use crate::emit::{Context, code_or_text, code_or_text_route, code_or_text_type, names, place, response_type};
use crate::schema::{Field, Operation, Rule, TypeDef};
use crate::type_grammar::TypeRef;

fn field_doc(code: &mut Code, f: &Field, side: Side) {
    let mut lines = Vec::new();
    if let Some(d) = &f.description {
        lines.push(names::doc_text(d));
    }
    let mut facts =
        vec![format!("Wire name {}", code_or_text(&f.name)), format!("Data Type {}", code_or_text_type(&f.type_name))];
    facts.push(if f.required { "required".into() } else { "optional".into() });
    if let Some(p) = &f.param {
        facts.push(format!("parameter kind {}", code_or_text(p)));
    }
    lines.push(facts.join(", ") + ".");
    if f.required && side == Side::Response && !f.ty.is_nullable() {
        lines.push("A missing value reads as the type's default, as the server's would be.".into());
    } else if f.required && side == Side::Response {
        lines.push("Documented as required, but the server omits null values, so it may be absent.".into());
    }
    if !f.examples.is_empty() {
        let ex: Vec<String> = f.examples.iter().map(|e| format!("\"{}\"", names::doc_text(e))).collect();
        lines.push(format!("Examples: {}.", ex.join(", ")));
    }
    for rule in &f.rules {
        lines.push(match rule {
            Rule::RequiredWhen { field, equals } => {
                format!("Required when {} is \"{}\".", code_or_text(field), names::doc_text(equals))
            }
            Rule::Range { min, max } => format!("Each value lies between {min} and {max}."),
            Rule::OneOf { values } => {
                let v: Vec<String> = values.iter().map(|v| format!("\"{}\"", names::doc_text(v))).collect();
                format!("One of {}.", v.join(", "))
            }
        });
    }
    code.docs(&lines);
}

/// The doc paragraphs of a request type: its operation, routes, auth and response.
fn request_doc(ctx: &Context<'_>, op: &Operation) -> Vec<String> {
    let map = ctx.map;
    let mut doc = vec![format!("The request of the `{}` operation.", names::doc_text(&op.name))];
    for r in &op.routes {
        let mut line = format!("Route: {} {}", r.verbs.join(", "), code_or_text_route(&r.path));
        if let Some(s) = &r.summary {
            line.push_str(&format!(": {}", names::doc_text(s)));
        }
        if let Some(n) = r.notes.as_deref().filter(|n| Some(*n) != r.summary.as_deref()) {
            line.push_str(&format!(". Notes: {}", names::doc_text(n)));
        }
        doc.push(line);
    }
    if let Some(d) = &op.description {
        doc.push(names::doc_text(d));
    }
    if op.requires_auth {
        doc.push("Requires authentication.".into());
    }
    let listed = |what: &str, items: &[String]| {
        let items: Vec<String> = items.iter().map(|r| code_or_text(r)).collect();
        format!("Requires {what} {}.", items.join(", "))
    };
    if !op.roles.is_empty() {
        doc.push(listed("the roles", &op.roles));
    }
    if !op.permissions.is_empty() {
        doc.push(listed("the permissions", &op.permissions));
    }
    if !op.any_roles.is_empty() {
        doc.push(listed("any one of the roles", &op.any_roles));
    }
    if !op.any_permissions.is_empty() {
        doc.push(listed("any one of the permissions", &op.any_permissions));
    }
    let listed = response_type(op, map).is_some() && op.response.as_deref().is_some_and(|r| !map.defines(r));
    doc.push(match op.response.as_deref().filter(|r| map.defines(r)) {
        None if listed => match TypeRef::parse(op.response.as_deref().unwrap_or_default()) {
            Ok(TypeRef::List { item }) if matches!(*item, TypeRef::Named { .. }) => {
                let item = item.to_string();
                format!("Answered with a list of [the `{0}` type](crate::{0}).", map.ident(&item))
            }
            _ => format!("Answered with {}.", code_or_text_type(op.response.as_deref().unwrap_or_default())),
        },
        // Links through the crate root, where every type is re-exported: a response may live
        // in another module than its request.
        Some(r) => format!("Answered with [the `{0}` type](crate::{0}).", map.ident(r)),
        None => "The service returns no body.".into(),
    });
    doc
}

/// The doc paragraphs of a class: what it is, its base, where it was read.
fn type_doc(ctx: &Context<'_>, t: &TypeDef) -> Vec<String> {
    let map = ctx.map;
    let mut doc = if let Some(op) = ctx.request_of.get(t.name.as_str()) {
        request_doc(ctx, op)
    } else if let Some(op) = ctx.response_of.get(t.name.as_str()) {
        // A link only to a request the schema defines: rustdoc denies a broken one.
        let request = if map.defines(&op.request) {
            format!("[the `{0}` request](crate::{0})", map.ident(&op.request))
        } else {
            code_or_text(&op.name)
        };
        vec![format!("The response of the `{}` operation, answering {request}.", names::doc_text(&op.name))]
    } else {
        vec![format!("The `{}` type.", names::doc_text(&t.name))]
    };
    if let Some(base) = &t.base {
        doc.push(format!(
            "Derives from {}; its fields are carried here, flat as on the wire.",
            code_or_text_type(base)
        ));
    }
    doc.push(format!(
        "Read from {}.",
        t.sources.iter().map(|s| names::doc_text(&s.to_string())).collect::<Vec<_>>().join(", ")
    ));
    doc
}

/// A struct whose base is a list (`StoreRockstars : List<Rockstar>`): a newtype around `Vec`.
fn emit_list_struct(code: &mut Code, ctx: &Context<'_>, t: &TypeDef, item: &TypeRef, doc: &[String], is_request: bool) {
    let map = ctx.map;
    let ident = map.ident(&t.name);
    let nested =
        matches!(item, TypeRef::Named { name } if map.class(name).is_some() && ctx.validated.contains(name.as_str()));
    code.docs(doc);
    code.line("#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]");
    code.line("#[serde(transparent)]");
    code.line_fmt(format_args!("pub struct {ident}(pub Vec<{}>);", map.rust_type(item)));
    if is_request || ctx.validated.contains(t.name.as_str()) {
        code.open(&format!("impl crate::validate::Validate for {ident} {{"));
        code.line("#[inline]");
        code.open("fn validate_into(&self, path: &str, out: &mut Vec<crate::validate::Violation>) {");
        code.line(if nested { "crate::validate::each(&self.0, path, out);" } else { "let _ = (path, out);" });
        code.close("}");
        code.close("}");
    }
}

/// One field of a struct as it is emitted: the schema's field, its Rust name, its Rust type
/// without the `Option` of an optional field, its serde arguments and whether it is an `Option`.
pub struct FieldPlan<'a> {
    pub field: &'a Field,
    pub ident: String,
    pub inner: String,
    pub attrs: &'static str,
    pub optional: bool,
}

/// A struct's fields as emitted (its bases' first: `TypeMap::all_fields`), its base chain, and
/// each pair of fields that gave one Rust name (the second renamed), as (second, first).
pub fn plan_fields<'a>(
    map: &TypeMap<'a>,
    t: &'a TypeDef,
) -> (Vec<FieldPlan<'a>>, Vec<&'a TypeDef>, Vec<(usize, usize)>) {
    let side = map.side(&t.name);
    let (fields, base_chain) = map.all_fields(t);
    let (idents, collisions) = names::dedupe(fields.iter().map(|(f, _)| names::field_ident(&f.name)).collect());
    let plans = fields
        .iter()
        .zip(idents)
        .enumerate()
        .map(|(i, ((f, _owner), text))| {
            let ident = if names::is_ident(&text) { text } else { format!("field_{i}") };
            let (inner, attrs, optional) = map.field_type(t, f, side);
            FieldPlan { field: f, ident, inner, attrs, optional }
        })
        .collect();
    (plans, base_chain, collisions)
}

pub fn emit_struct(code: &mut Code, ctx: &Context<'_>, t: &TypeDef, diags: &mut Diagnostics) {
    let map = ctx.map;
    let ident = map.ident(&t.name);
    let doc = type_doc(ctx, t);
    let is_request = ctx.request_of.contains_key(t.name.as_str());
    if let Some(item) = map.list_base(t) {
        emit_list_struct(code, ctx, t, &item, &doc, is_request);
        return;
    }
    let (plans, base_chain, collisions) = plan_fields(map, t);
    let (file, line) = place(&t.sources);
    for (i, first) in collisions {
        diags.warn(
            file,
            line,
            format!(
                "in `{}`, the fields `{}` and `{}` have the same Rust name `{}`; the second is called `{}`",
                t.name, plans[first].field.name, plans[i].field.name, plans[first].ident, plans[i].ident
            ),
        );
    }
    code.docs(&doc);
    if is_request {
        request_examples(code, ctx, t, &ident, &plans);
    }
    emit_definition(code, &ident, &plans, map.side(&t.name));
    // Builders where values are built: requests and what they hold. Response-only types have none.
    if map.side(&t.name) == Side::Request {
        emit_struct_builder(code, map, t, &ident, &plans, diags);
    }
    let views: Vec<FieldView<'_>> =
        plans.iter().map(|p| FieldView { field: p.field, ident: p.ident.clone(), optional: p.optional }).collect();
    let field_idents: Vec<&str> = views.iter().map(|v| v.ident.as_str()).collect();
    emit_conversions(code, map, t, &ident, &field_idents, &base_chain);
    if is_request || ctx.validated.contains(t.name.as_str()) {
        validators::validate_impl(code, &ident, &views, map, &|name| ctx.validated.contains(name));
    }
}

/// The struct itself: `#[non_exhaustive]` (a field the API gains later breaks no code outside
/// the crate: ARCHITECTURE.md, "Generated code"), its serde attributes and its fields.
fn emit_definition(code: &mut Code, ident: &str, plans: &[FieldPlan<'_>], side: Side) {
    // One `rename_all = "camelCase"` on the struct when it names most fields right; a field whose
    // wire name it does not give keeps its own `rename`.
    let camel_hits = plans.iter().filter(|p| serde_camel(&p.ident) == p.field.name).count();
    let camel = camel_hits * 2 > plans.len();
    code.line("#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]");
    code.line("#[non_exhaustive]");
    if camel {
        code.line("#[serde(rename_all = \"camelCase\")]");
    }
    code.open(&format!("pub struct {ident} {{"));
    for p in plans {
        field_doc(code, p.field, side);
        let wire = p.field.name.as_str();
        let implied = if camel { serde_camel(&p.ident) } else { p.ident.trim_start_matches("r#").to_string() };
        // The wire name where the container's `rename_all` does not give it, and the other
        // casings the field also reads (servers differ; serde matches names exactly).
        let mut parts: Vec<String> = Vec::new();
        if implied != wire {
            parts.push(format!("rename = {}", lit(wire)));
        }
        parts.extend(p.field.aliases.iter().map(|a| format!("alias = {}", lit(a))));
        if !parts.is_empty() {
            code.line_fmt(format_args!("#[serde({})]", parts.join(", ")));
        }
        if !p.attrs.is_empty() {
            code.line_fmt(format_args!("#[serde({})]", p.attrs));
        }
        if p.optional {
            code.line_fmt(format_args!("pub {}: Option<{}>,", p.ident, p.inner));
        } else {
            code.line_fmt(format_args!("pub {}: {},", p.ident, p.inner));
        }
    }
    code.close("}");
}

/// A request's doc example (its builder with the page's values) and the page's own sample
/// request read back, after the type's docs.
fn request_examples(code: &mut Code, ctx: &Context<'_>, t: &TypeDef, ident: &str, plans: &[FieldPlan<'_>]) {
    let shapes: Vec<ExampleField<'_>> =
        plans.iter().map(|p| ExampleField { ident: p.ident.clone(), field: p.field, optional: p.optional }).collect();
    let void = ctx.request_of.get(t.name.as_str()).is_some_and(|op| response_type(op, ctx.map).is_none());
    if let Some(lines) = builder_example(ctx.crate_ident, ident, &shapes, void) {
        code.doc("");
        code.doc("# Example");
        code.doc("");
        for line in lines {
            code.doc(&line);
        }
    }
    // The page's own sample request, read back: the wire format as the server shows it.
    // The first request sample (in page order) of the operation's pages.
    let first = ctx
        .request_of
        .get(t.name.as_str())
        .and_then(|op| op.sources.iter().filter_map(|file| ctx.request_sample_of.get(file.as_str()).copied()).min());
    if let Some(sample) = first.map(|i| &ctx.samples[i]) {
        code.doc("");
        for line in sample_example(ctx.crate_ident, ident, sample) {
            code.doc(&line);
        }
    }
}

/// The builder of a request-side struct, with a warning for each name it had to change.
fn emit_struct_builder(
    code: &mut Code,
    map: &TypeMap<'_>,
    t: &TypeDef,
    ident: &str,
    plans: &[FieldPlan<'_>],
    diags: &mut Diagnostics,
) {
    let (file, line) = place(&t.sources);
    let (builder_ident, numbered) = map.builder_ident(&t.name);
    if numbered {
        diags.warn(
            file,
            line,
            format!("the builder of `{}` is called `{builder_ident}`: a type has the usual name", t.name),
        );
    }
    let fields: Vec<BuilderField<'_>> =
        plans.iter().map(|p| BuilderField { ident: &p.ident, inner: &p.inner, optional: p.optional }).collect();
    for (field, setter) in emit_builder(code, ident, &builder_ident, &fields) {
        diags.warn(
            file,
            line,
            format!(
                "in `{}`, the setter of the field `{field}` is called `{setter}`: `build` finishes the builder",
                t.name
            ),
        );
    }
}

/// `From<T> for Base` for each base in the chain: the base's fields moved out of `T`.
fn emit_conversions(
    code: &mut Code,
    map: &TypeMap<'_>,
    t: &TypeDef,
    ident: &str,
    idents: &[&str],
    base_chain: &[&TypeDef],
) {
    for base in base_chain {
        let bident = map.ident(&base.name);
        // A base's fields are the first of this type's, in the same order (`TypeMap::all_fields`),
        // and Rust names are given in that order, so each has the same name in both structs.
        let shared = map.all_fields(base).0.len();
        code.open(&format!("impl From<{ident}> for crate::{bident} {{"));
        code.doc(&format!("The `{}` part of this `{}`.", names::doc_text(&base.name), names::doc_text(&t.name)));
        code.line("#[inline]");
        code.open(&format!("fn from(value: {ident}) -> Self {{"));
        code.open(&format!("crate::{bident} {{"));
        for id in idents.iter().take(shared) {
            code.line_fmt(format_args!("{id}: value.{id},"));
        }
        code.close("}");
        code.close("}");
        code.close("}");
    }
}

/// The wire name serde's `rename_all = "camelCase"` gives a field (`first_name` → `firstName`;
/// a raw identifier's `r#` is dropped first), as serde_derive computes it.
fn serde_camel(field: &str) -> String {
    let field = field.trim_start_matches("r#");
    let mut pascal = String::new();
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    match pascal.chars().next() {
        Some(first) => first.to_ascii_lowercase().to_string() + &pascal[first.len_utf8()..],
        None => pascal,
    }
}
