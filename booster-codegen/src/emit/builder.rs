//! Compile-checked builders, written out rather than derived: one type parameter per required
//! field, `()` until its setter is called and the field's type after, so `build()` exists only
//! once every required field is set. Optional fields take plain values in any state; they are
//! kept together in one tuple, so a required setter moves one value for all of them.
//!
//! Why not `bon`: its derive costs most of the generated crate's build time (BENCHMARKS.md), and
//! its generated state machinery is more than a DTO builder needs. Every method is `#[inline]`,
//! so it is compiled where it is used, not in every build of the generated crate.

use crate::emit::code::Code;
use crate::emit::names;

/// One field of the struct being built.
pub struct BuilderField<'a> {
    /// The field's Rust name.
    pub ident: &'a str,
    /// Its Rust type, without the `Option` of an optional field.
    pub inner: &'a str,
    pub optional: bool,
}

/// The setter of each field: its name, except that a field called `build` (which finishes the
/// builder) gets `build_2`. Raw identifiers stay raw (`r#type`).
pub fn setter_names(idents: &[&str]) -> Vec<String> {
    let plain: Vec<String> = idents.iter().map(|i| i.trim_start_matches("r#").to_string()).collect();
    let (setters, _) = names::dedupe_with(plain, "_", &["build"]);
    setters
        .into_iter()
        .zip(idents)
        .map(|(s, i)| if s == i.trim_start_matches("r#") { i.to_string() } else { s })
        .collect()
}

/// A tuple's elements (`(a, b)`; one element keeps its comma: `(a,)`).
fn tuple(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.len() {
        1 => format!("{},", items[0]),
        _ => items.join(", "),
    }
}

/// The value a setter takes, and how it becomes the stored value: strings take `impl Into<String>`.
fn parameter(inner: &str) -> (String, &'static str) {
    if inner == "String" { ("impl Into<String>".into(), "value.into()") } else { (inner.to_string(), "value") }
}

/// What every part of a builder is written from: the struct, the builder's name, the fields,
/// their setters, which are required (one type parameter each) and which optional (one slot of
/// the tuple each), and the tuple's field name.
struct Plan<'a> {
    ident: &'a str,
    builder_ident: &'a str,
    fields: &'a [BuilderField<'a>],
    setters: Vec<String>,
    required: Vec<usize>,
    optional: Vec<usize>,
    slot_name: String,
    /// `S0`, `S1`...: one type parameter per required field.
    params: Vec<String>,
}

fn generics(args: &[String]) -> String {
    if args.is_empty() { String::new() } else { format!("<{}>", args.join(", ")) }
}

/// Writes `impl T { fn builder() }`, the builder type `builder_ident` and its setters and
/// `build()`. Returns the fields whose setter had to be renamed (a field called `build`), as
/// (field, setter) pairs for a diagnostic.
pub fn emit_builder(
    code: &mut Code,
    ident: &str,
    builder_ident: &str,
    fields: &[BuilderField<'_>],
) -> Vec<(String, String)> {
    let plan = plan(ident, builder_ident, fields);
    let renamed = fields
        .iter()
        .zip(&plan.setters)
        .filter(|(f, s)| f.ident != s.as_str())
        .map(|(f, s)| (f.ident.to_string(), s.clone()))
        .collect::<Vec<_>>();
    emit_start(code, &plan);
    code.gap();
    emit_builder_struct(code, &plan);
    for k in 0..plan.required.len() {
        emit_required_setter(code, &plan, k);
    }
    emit_optional_setters(code, &plan);
    emit_build(code, &plan);
    renamed
}

fn plan<'a>(ident: &'a str, builder_ident: &'a str, fields: &'a [BuilderField<'a>]) -> Plan<'a> {
    let setters = setter_names(&fields.iter().map(|f| f.ident).collect::<Vec<_>>());
    // The type parameter of each required field, by position among the required fields.
    let required: Vec<usize> = (0..fields.len()).filter(|&i| !fields[i].optional).collect();
    // Optional fields are kept in one tuple, so a required setter moves one value for all of them.
    let optional: Vec<usize> = (0..fields.len()).filter(|&i| fields[i].optional).collect();
    // The tuple's field: `optional`, unless a required field has that name.
    let mut slot_name = "optional".to_string();
    while required.iter().any(|&i| fields[i].ident.trim_start_matches("r#") == slot_name) {
        slot_name.push('_');
    }
    let params = (0..required.len()).map(|k| format!("S{k}")).collect();
    Plan { ident, builder_ident, fields, setters, required, optional, slot_name, params }
}

/// `impl T { fn builder() }`: every required field `()`, every optional one `None`.
fn emit_start(code: &mut Code, p: &Plan<'_>) {
    let (ident, builder_ident) = (p.ident, p.builder_ident);
    let names: Vec<&str> = p.required.iter().map(|&i| p.setters[i].as_str()).collect();
    code.open(&format!("impl {ident} {{"));
    if names.is_empty() {
        code.doc(&format!("Starts building a `{ident}`; every field is optional. Finish with `build()`."));
    } else {
        let listed: Vec<String> = names.iter().map(|n| format!("`{}`", n.trim_start_matches("r#"))).collect();
        code.doc(&format!(
            "Starts building a `{ident}`: call {} {}, then `build()`.",
            if names.len() == 1 { "the required setter" } else { "each of the required setters" },
            listed.join(", ")
        ));
    }
    code.line("#[inline]");
    code.open(&format!("pub fn builder() -> {builder_ident} {{"));
    code.open(&format!("{builder_ident} {{"));
    for &i in &p.required {
        code.line_fmt(format_args!("{}: (),", p.fields[i].ident));
    }
    if !p.optional.is_empty() {
        code.line_fmt(format_args!("{}: ({}),", p.slot_name, tuple(p.optional.iter().map(|_| "None".to_string()))));
    }
    code.close("}");
    code.close("}");
    code.close("}");
}

/// The builder type: a field per required field, of its type parameter, and the optional tuple.
fn emit_builder_struct(code: &mut Code, p: &Plan<'_>) {
    code.doc(&format!(
        "Builds [`{}`] a field at a time: `build()` exists once every required field is set, so",
        p.ident
    ));
    code.doc("leaving one out does not compile. Start with the type's `builder()`.");
    code.line("#[must_use = \"a builder does nothing until `build()` is called\"]");
    let defaults: Vec<String> = p.params.iter().map(|s| format!("{s} = ()")).collect();
    code.open(&format!("pub struct {}{} {{", p.builder_ident, generics(&defaults)));
    for (k, &i) in p.required.iter().enumerate() {
        code.line_fmt(format_args!("{}: {},", p.fields[i].ident, p.params[k]));
    }
    if !p.optional.is_empty() {
        let names: Vec<&str> = p.optional.iter().map(|&i| p.fields[i].ident.trim_start_matches("r#")).collect();
        code.line_fmt(format_args!("// {}", names.join(", ")));
        code.line_fmt(format_args!(
            "{}: ({}),",
            p.slot_name,
            tuple(p.optional.iter().map(|&i| format!("Option<{}>", p.fields[i].inner)))
        ));
    }
    code.close("}");
}

/// The `k`th required field's setter, in an impl of its own: callable while the field is unset,
/// it moves the other fields into the state where it is set.
fn emit_required_setter(code: &mut Code, p: &Plan<'_>, k: usize) {
    let (builder_ident, slot_name) = (p.builder_ident, p.slot_name.as_str());
    let i = p.required[k];
    let f = &p.fields[i];
    let others: Vec<String> = p.params.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, s)| s.clone()).collect();
    let mut before = p.params.clone();
    before[k] = "()".into();
    let mut after = p.params.clone();
    after[k] = f.inner.to_string();
    let (ty, value) = parameter(f.inner);
    code.open(&format!("impl{} {builder_ident}{} {{", generics(&others), generics(&before)));
    code.doc(&format!("Sets `{}` (required).", f.ident.trim_start_matches("r#")));
    code.line("#[inline]");
    code.open(&format!("pub fn {}(self, value: {ty}) -> {builder_ident}{} {{", p.setters[i], generics(&after)));
    code.open(&format!("{builder_ident} {{"));
    for &j in &p.required {
        if j == i {
            code.line_fmt(format_args!("{}: {value},", p.fields[j].ident));
        } else {
            code.line_fmt(format_args!("{0}: self.{0},", p.fields[j].ident));
        }
    }
    if !p.optional.is_empty() {
        code.line_fmt(format_args!("{slot_name}: self.{slot_name},"));
    }
    code.close("}");
    code.close("}");
    code.close("}");
}

/// The optional fields' setters, callable in any state.
fn emit_optional_setters(code: &mut Code, p: &Plan<'_>) {
    if p.optional.is_empty() {
        return;
    }
    let all_params = generics(&p.params);
    code.open(&format!("impl{all_params} {}{all_params} {{", p.builder_ident));
    for (slot, &i) in p.optional.iter().enumerate() {
        let f = &p.fields[i];
        let (ty, value) = parameter(f.inner);
        code.doc(&format!("Sets `{}`.", f.ident.trim_start_matches("r#")));
        code.line("#[inline]");
        code.open(&format!("pub fn {}(mut self, value: {ty}) -> Self {{", p.setters[i]));
        code.line_fmt(format_args!("self.{}.{slot} = Some({value});", p.slot_name));
        code.line("self");
        code.close("}");
    }
    code.close("}");
}

/// `build()`, only on the state where every required field is set.
fn emit_build(code: &mut Code, p: &Plan<'_>) {
    let ident = p.ident;
    let set: Vec<String> = p.required.iter().map(|&i| p.fields[i].inner.to_string()).collect();
    code.open(&format!("impl {}{} {{", p.builder_ident, generics(&set)));
    code.doc(&format!("The `{ident}`."));
    code.line("#[inline]");
    code.open(&format!("pub fn build(self) -> {ident} {{"));
    code.open(&format!("{ident} {{"));
    let mut slot = 0;
    for f in p.fields {
        if f.optional {
            code.line_fmt(format_args!("{}: self.{}.{slot},", f.ident, p.slot_name));
            slot += 1;
        } else {
            code.line_fmt(format_args!("{0}: self.{0},", f.ident));
        }
    }
    code.close("}");
    code.close("}");
    code.close("}");
}
