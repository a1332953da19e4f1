//! Compile-checked builders, written out rather than derived: one type parameter per required
//! field, `()` until its setter is called and the field's type after, so `build()` exists only
//! once every required field is set. Optional fields take plain values in any state.
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
    let (setters, collisions) = names::dedupe_with(
        fields.iter().map(|f| f.ident.trim_start_matches("r#").to_string()).collect(),
        "_",
        &["build"],
    );
    // Raw identifiers stay raw (`r#type`); a renamed one (`build_2`) is never a keyword.
    let setters: Vec<String> = setters
        .into_iter()
        .zip(fields)
        .map(|(s, f)| if s == f.ident.trim_start_matches("r#") { f.ident.to_string() } else { s })
        .collect();
    let renamed = fields
        .iter()
        .zip(&setters)
        .filter(|(f, s)| f.ident != s.as_str())
        .map(|(f, s)| (f.ident.to_string(), s.clone()))
        .collect::<Vec<_>>();
    debug_assert_eq!(renamed.len(), collisions.len());

    // The type parameter of each required field, by position among the required fields.
    let required: Vec<usize> = (0..fields.len()).filter(|&i| !fields[i].optional).collect();
    let param = |k: usize| format!("S{k}");
    let params: Vec<String> = (0..required.len()).map(param).collect();
    let generics = |args: &[String]| if args.is_empty() { String::new() } else { format!("<{}>", args.join(", ")) };
    let all_params = generics(&params);

    let names: Vec<&str> = required.iter().map(|&i| fields[i].ident).collect();
    code.open(&format!("impl {ident} {{"));
    if names.is_empty() {
        code.doc(&format!("Starts building a `{ident}`; every field is optional. Finish with `build()`."));
    } else {
        let listed: Vec<String> = names.iter().map(|n| format!("`{}`", n.trim_start_matches("r#"))).collect();
        code.doc(&format!(
            "Starts building a `{ident}`: set the required {} {}, then call `build()`.",
            if names.len() == 1 { "field" } else { "fields" },
            listed.join(", ")
        ));
    }
    code.line("#[inline]");
    code.open(&format!("pub fn builder() -> {builder_ident} {{"));
    code.open(&format!("{builder_ident} {{"));
    for f in fields {
        code.line(&format!("{}: {},", f.ident, if f.optional { "None" } else { "()" }));
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
    let mut k = 0;
    for f in fields {
        if f.optional {
            code.line(&format!("{}: Option<{}>,", f.ident, f.inner));
        } else {
            code.line(&format!("{}: {},", f.ident, param(k)));
            k += 1;
        }
    }
    code.close("}");

    // One impl per required field: its setter, callable while it is unset, moves every field.
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
        for (j, g) in fields.iter().enumerate() {
            if j == i {
                code.line(&format!("{}: {value},", g.ident));
            } else {
                code.line(&format!("{0}: self.{0},", g.ident));
            }
        }
        code.close("}");
        code.close("}");
        code.close("}");
    }

    // Optional setters and `build()`.
    let optional: Vec<usize> = (0..fields.len()).filter(|&i| fields[i].optional).collect();
    if !optional.is_empty() {
        code.open(&format!("impl{all_params} {builder_ident}{all_params} {{"));
        for &i in &optional {
            let f = &fields[i];
            let (ty, value) = parameter(f.inner);
            code.doc(&format!("Sets `{}`.", f.ident.trim_start_matches("r#")));
            code.line("#[inline]");
            code.open(&format!("pub fn {}(mut self, value: {ty}) -> Self {{", setters[i]));
            code.line(&format!("self.{} = Some({value});", f.ident));
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
    for f in fields {
        code.line(&format!("{0}: self.{0},", f.ident));
    }
    code.close("}");
    code.close("}");
    code.close("}");
    renamed
}
