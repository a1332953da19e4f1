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

/// Writes `impl T { fn builder() }`, the builder type `builder_ident` and its setters and
/// `build()`. Returns the fields whose setter had to be renamed (a field called `build`), as
/// (field, setter) pairs for a diagnostic.
pub fn emit_builder(
    code: &mut Code,
    ident: &str,
    builder_ident: &str,
    fields: &[BuilderField<'_>],
) -> Vec<(String, String)> {
    let setters = setter_names(&fields.iter().map(|f| f.ident).collect::<Vec<_>>());
    let renamed = fields
        .iter()
        .zip(&setters)
        .filter(|(f, s)| f.ident != s.as_str())
        .map(|(f, s)| (f.ident.to_string(), s.clone()))
        .collect::<Vec<_>>();

    // The type parameter of each required field, by position among the required fields.
    let required: Vec<usize> = (0..fields.len()).filter(|&i| !fields[i].optional).collect();
    // Optional fields are kept in one tuple, so a required setter moves one value for all of them.
    let optional: Vec<usize> = (0..fields.len()).filter(|&i| fields[i].optional).collect();
    // The tuple's field: `optional`, unless a required field has that name.
    let mut slot_name = "optional".to_string();
    while required.iter().any(|&i| fields[i].ident.trim_start_matches("r#") == slot_name) {
        slot_name.push('_');
    }
    let slot_name = slot_name.as_str();
    let param = |k: usize| format!("S{k}");
    let params: Vec<String> = (0..required.len()).map(param).collect();
    let generics = |args: &[String]| if args.is_empty() { String::new() } else { format!("<{}>", args.join(", ")) };
    let all_params = generics(&params);

    let names: Vec<&str> = required.iter().map(|&i| setters[i].as_str()).collect();
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
    for &i in &required {
        code.line_fmt(format_args!("{}: (),", fields[i].ident));
    }
    if !optional.is_empty() {
        code.line_fmt(format_args!("{slot_name}: ({}),", tuple(optional.iter().map(|_| "None".to_string()))));
    }
    code.close("}");
    code.close("}");
    code.close("}");

    code.gap();
    code.doc(&format!("Builds [`{ident}`] a field at a time: `build()` exists once every required field is set, so"));
    code.doc("leaving one out does not compile. Start with the type's `builder()`.");
    code.line("#[must_use = \"a builder does nothing until `build()` is called\"]");
    let defaults: Vec<String> = params.iter().map(|p| format!("{p} = ()")).collect();
    code.open(&format!("pub struct {builder_ident}{} {{", generics(&defaults)));
    for (k, &i) in required.iter().enumerate() {
        code.line_fmt(format_args!("{}: {},", fields[i].ident, param(k)));
    }
    if !optional.is_empty() {
        let names: Vec<&str> = optional.iter().map(|&i| fields[i].ident.trim_start_matches("r#")).collect();
        code.line_fmt(format_args!("// {}", names.join(", ")));
        code.line_fmt(format_args!(
            "{slot_name}: ({}),",
            tuple(optional.iter().map(|&i| format!("Option<{}>", fields[i].inner)))
        ));
    }
    code.close("}");

    // One impl per required field: its setter, callable while it is unset, moves the others.
    for (k, &i) in required.iter().enumerate() {
        let f = &fields[i];
        let others: Vec<String> = params.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, p)| p.clone()).collect();
        let mut before = params.clone();
        before[k] = "()".into();
        let mut after = params.clone();
        after[k] = f.inner.to_string();
        let (ty, value) = parameter(f.inner);
        code.open(&format!("impl{} {builder_ident}{} {{", generics(&others), generics(&before)));
        code.doc(&format!("Sets `{}` (required).", f.ident.trim_start_matches("r#")));
        code.line("#[inline]");
        code.open(&format!("pub fn {}(self, value: {ty}) -> {builder_ident}{} {{", setters[i], generics(&after)));
        code.open(&format!("{builder_ident} {{"));
        for &j in &required {
            if j == i {
                code.line_fmt(format_args!("{}: {value},", fields[j].ident));
            } else {
                code.line_fmt(format_args!("{0}: self.{0},", fields[j].ident));
            }
        }
        if !optional.is_empty() {
            code.line_fmt(format_args!("{slot_name}: self.{slot_name},"));
        }
        code.close("}");
        code.close("}");
        code.close("}");
    }

    // Optional setters and `build()`.
    if !optional.is_empty() {
        code.open(&format!("impl{all_params} {builder_ident}{all_params} {{"));
        for (slot, &i) in optional.iter().enumerate() {
            let f = &fields[i];
            let (ty, value) = parameter(f.inner);
            code.doc(&format!("Sets `{}`.", f.ident.trim_start_matches("r#")));
            code.line("#[inline]");
            code.open(&format!("pub fn {}(mut self, value: {ty}) -> Self {{", setters[i]));
            code.line_fmt(format_args!("self.{slot_name}.{slot} = Some({value});"));
            code.line("self");
            code.close("}");
        }
        code.close("}");
    }
    let set: Vec<String> = required.iter().map(|&i| fields[i].inner.to_string()).collect();
    code.open(&format!("impl {builder_ident}{} {{", generics(&set)));
    code.doc(&format!("The `{ident}`."));
    code.line("#[inline]");
    code.open(&format!("pub fn build(self) -> {ident} {{"));
    code.open(&format!("{ident} {{"));
    let mut slot = 0;
    for f in fields {
        if f.optional {
            code.line_fmt(format_args!("{}: self.{slot_name}.{slot},", f.ident));
            slot += 1;
        } else {
            code.line_fmt(format_args!("{0}: self.{0},", f.ident));
        }
    }
    code.close("}");
    code.close("}");
    code.close("}");
    renamed
}
