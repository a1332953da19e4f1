//! Enums: one variant per wire value, and `Other(String)` for values the pages did not list.

use std::collections::BTreeSet;

use crate::diag::Diagnostics;
use crate::emit::code::{Code, lit};
use crate::emit::rust_types::TypeMap;
use crate::emit::{code_or_text, names, place};
use crate::schema::{EnumMember, TypeDef};

/// An enum's members as emitted, one per wire value (the first listing of a value, with its
/// docs), and each one's variant name; plus the wire values listed twice, and each pair of
/// members that gave one Rust name (the second renamed), as (second, first).
pub struct Variants<'a> {
    pub members: Vec<&'a EnumMember>,
    pub idents: Vec<String>,
    pub repeated: Vec<&'a str>,
    pub collisions: Vec<(usize, usize)>,
}

pub fn variants(t: &TypeDef) -> Variants<'_> {
    // One variant per wire value: a value listed twice would make a second variant that `from`
    // never returns (an unreachable match arm).
    let mut wire_values = BTreeSet::new();
    let mut members = Vec::new();
    let mut repeated = Vec::new();
    for m in &t.members {
        if wire_values.insert(m.name.as_str()) {
            members.push(m);
        } else {
            repeated.push(m.name.as_str());
        }
    }
    // Variants are CamelCase, so a second `Red` is `Red2`: `Red_2` fails `non_camel_case_types`.
    let (idents, collisions) =
        names::dedupe_with(members.iter().map(|m| names::variant_ident(&m.name)).collect(), "", &[]);
    let idents = idents
        .into_iter()
        .enumerate()
        .map(|(i, v)| if names::is_ident(&v) { v } else { format!("Value{i}") })
        .collect();
    Variants { members, idents, repeated, collisions }
}

pub fn emit_enum(code: &mut Code, t: &TypeDef, map: &TypeMap, diags: &mut Diagnostics) {
    let ident = map.ident(&t.name);
    let (file, line) = place(&t.sources);
    let Variants { members, idents: variants, repeated, collisions } = variants(t);
    for name in repeated {
        diags.warn(file, line, format!("the enum `{}` lists the member `{name}` twice; it has one variant", t.name));
    }
    for (i, first) in collisions {
        diags.warn(
            file,
            line,
            format!(
                "in the enum `{}`, the members `{}` and `{}` have the same Rust name `{}`; the second is called `{}`",
                t.name, members[first].name, members[i].name, variants[first], variants[i]
            ),
        );
    }
    let wires: Vec<String> = members.iter().map(|m| lit(&m.name)).collect();
    code.docs(&[
        format!("The `{}` enum.", names::doc_text(&t.name)),
        "Values this crate does not know are kept in `Other`, so a new server value never breaks a response.".into(),
        "Non-exhaustive: a member the API gains later is a new variant, so a `match` outside this crate ends \
         with `_`, which also covers `Other`."
            .into(),
    ]);
    code.line("#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]");
    code.line("#[non_exhaustive]");
    code.open(&format!("pub enum {ident} {{"));
    for (m, v) in members.iter().zip(&variants) {
        let mut lines = vec![format!("Wire value {}.", code_or_text(&m.name))];
        if let Some(d) = &m.description {
            lines.insert(0, names::doc_text(d));
        }
        if let Some(v) = &m.value {
            lines.push(format!("Numeric value {}.", names::doc_text(v)));
        }
        code.docs(&lines);
        code.line_fmt(format_args!("{v},"));
    }
    code.doc("A value the metadata pages did not list.");
    code.line("Other(String),");
    code.close("}");
    emit_conversions(code, &ident, &variants, &wires);
}

/// `as_str`, `From<&str>`, `Display` and serde: every variant to and from its wire value,
/// anything else through `Other`.
fn emit_conversions(code: &mut Code, ident: &str, variants: &[String], wires: &[String]) {
    code.open(&format!("impl {ident} {{"));
    code.doc("The value as the server writes it.");
    code.line("#[inline]");
    code.open("pub fn as_str(&self) -> &str {");
    code.open("match self {");
    for (v, w) in variants.iter().zip(wires) {
        code.line_fmt(format_args!("Self::{v} => {w},"));
    }
    code.line("Self::Other(value) => value,");
    code.close("}");
    code.close("}");
    code.close("}");
    code.open(&format!("impl From<&str> for {ident} {{"));
    code.line("#[inline]");
    code.open("fn from(value: &str) -> Self {");
    code.open("match value {");
    for (v, w) in variants.iter().zip(wires) {
        code.line_fmt(format_args!("{w} => Self::{v},"));
    }
    code.line("other => Self::Other(other.to_string()),");
    code.close("}");
    code.close("}");
    code.close("}");
    code.open(&format!("impl std::fmt::Display for {ident} {{"));
    code.line("#[inline]");
    code.open("fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {");
    code.line("f.write_str(self.as_str())");
    code.close("}");
    code.close("}");
    code.open(&format!("impl serde::Serialize for {ident} {{"));
    code.open("fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {");
    code.line("serializer.serialize_str(self.as_str())");
    code.close("}");
    code.close("}");
    code.open(&format!("impl<'de> serde::Deserialize<'de> for {ident} {{"));
    code.open("fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {");
    code.line("let value = String::deserialize(deserializer)?;");
    code.line("Ok(Self::from(value.as_str()))");
    code.close("}");
    code.close("}");
}
