//! A deterministic generator of synthetic ServiceStack APIs whose types mix like Booster's:
//! customer-like requests (some deriving from a shared base class), nested lists of classes two
//! or three levels deep, enums, `DateTime`, `Guid`, `decimal`, nullable value types, and
//! descriptions with the prose rules the merge step reads (`e.g. 'A', 'B'`, `Mandatory only when
//! customer type is 'PRIVATE'`, `Values can be 1 for 'January', ...`).
//!
//! The same seed and size always give the same API, byte for byte, in every rendering.

mod generator;
mod templates;

use std::collections::{BTreeMap, BTreeSet};

use generator::Generator;

/// The seed every benchmark and test generates its APIs from.
pub const SEED: u64 = 0xB005_7E12;

/// SplitMix64: small, fast and good enough to pick from vocabularies.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The primitive Data Types the generator uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prim {
    String,
    Int,
    Long,
    Bool,
    Double,
    Decimal,
    DateTime,
    Guid,
}

impl Prim {
    /// ServiceStack's spelling in the Data Type column.
    pub fn spelling(self) -> &'static str {
        match self {
            Prim::String => "string",
            Prim::Int => "int",
            Prim::Long => "long",
            Prim::Bool => "bool",
            Prim::Double => "double",
            Prim::Decimal => "decimal",
            Prim::DateTime => "DateTime",
            Prim::Guid => "Guid",
        }
    }

    pub fn is_value_type(self) -> bool {
        self != Prim::String
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    Prim(Prim),
    Class(String),
    Enum(String),
    List(Box<Ty>),
}

impl Ty {
    fn list(item: Ty) -> Ty {
        Ty::List(Box::new(item))
    }

    /// The user types this type mentions.
    pub fn user_type(&self) -> Option<&str> {
        match self {
            Ty::Prim(_) => None,
            Ty::Class(n) | Ty::Enum(n) => Some(n),
            Ty::List(item) => item.user_type(),
        }
    }

    /// Whether `T?` can be written (value types and enums).
    fn can_be_nullable(&self) -> bool {
        match self {
            Ty::Prim(p) => p.is_value_type(),
            Ty::Enum(_) => true,
            Ty::Class(_) | Ty::List(_) => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    /// The camelCase wire name.
    pub name: String,
    pub ty: Ty,
    /// `T?` (only for value types and enums).
    pub nullable: bool,
    pub required: bool,
    /// `path`, `query`, `body` or `form`.
    pub param: &'static str,
    pub description: String,
}

impl FieldSpec {
    /// The Data Type cell: `List<Email>`, `DateTime?`, `string`.
    pub fn data_type(&self) -> String {
        let mut text = spell(&self.ty);
        if self.nullable {
            text.push('?');
        }
        text
    }
}

fn spell(ty: &Ty) -> String {
    match ty {
        Ty::Prim(p) => p.spelling().to_string(),
        Ty::Class(n) | Ty::Enum(n) => n.clone(),
        Ty::List(item) => format!("List<{}>", spell(item)),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeBody {
    Class { base: Option<String>, fields: Vec<FieldSpec> },
    Enum { members: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeSpec {
    pub name: String,
    pub body: TypeBody,
}

impl TypeSpec {
    pub fn fields(&self) -> &[FieldSpec] {
        match &self.body {
            TypeBody::Class { fields, .. } => fields,
            TypeBody::Enum { .. } => &[],
        }
    }

    pub fn base(&self) -> Option<&str> {
        match &self.body {
            TypeBody::Class { base, .. } => base.as_deref(),
            TypeBody::Enum { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpSpec {
    pub name: String,
    pub verb: &'static str,
    pub path: String,
    /// `Create customer ab`: its UpperCamelCase is the operation's name, as a page that lost the
    /// name (the table form) calls it.
    pub summary: String,
    pub notes: String,
    pub request: String,
    /// `None` when the service answers `{}`.
    pub response: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthApi {
    pub service: String,
    pub host: String,
    pub operations: Vec<OpSpec>,
    pub types: BTreeMap<String, TypeSpec>,
}

impl SynthApi {
    /// Generates an API of `operations` operations; the same arguments give the same API.
    pub fn generate(operations: usize, seed: u64) -> SynthApi {
        Generator::new(operations, seed).run()
    }

    pub fn type_spec(&self, name: &str) -> Option<&TypeSpec> {
        self.types.get(name)
    }

    /// The types one operation's page shows, in ServiceStack's table order: the request, its
    /// base and the types it uses depth first, then the response and the types it adds.
    pub fn page_types(&self, op: &OpSpec) -> Vec<&TypeSpec> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        self.visit(&op.request, &mut seen, &mut out);
        if let Some(response) = &op.response {
            self.visit(response, &mut seen, &mut out);
        }
        out
    }

    fn visit<'a>(&'a self, name: &str, seen: &mut BTreeSet<String>, out: &mut Vec<&'a TypeSpec>) {
        let Some(t) = self.types.get(name) else { return };
        if !seen.insert(name.to_string()) {
            return;
        }
        out.push(t);
        if let Some(base) = t.base() {
            self.visit(base, seen, out);
        }
        for f in t.fields() {
            if let Some(user) = f.ty.user_type() {
                self.visit(user, seen, out);
            }
        }
    }

    /// A type's fields with its bases' fields, own fields first (the order of ServiceStack's
    /// JSON samples).
    pub fn all_fields<'a>(&'a self, t: &'a TypeSpec) -> Vec<&'a FieldSpec> {
        let mut out: Vec<&FieldSpec> = t.fields().iter().collect();
        if let Some(base) = t.base().and_then(|b| self.types.get(b)) {
            out.extend(self.all_fields(base));
        }
        out
    }

    /// The JSON sample ServiceStack shows for a type: every field with its placeholder value.
    pub fn sample_json(&self, name: &str) -> String {
        let mut out = String::new();
        self.write_sample_object(name, &mut out);
        out
    }

    fn write_sample_object(&self, name: &str, out: &mut String) {
        out.push('{');
        if let Some(t) = self.types.get(name) {
            for (i, f) in self.all_fields(t).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('"');
                out.push_str(&f.name);
                out.push_str("\":");
                self.write_sample_value(&f.ty, out);
            }
        }
        out.push('}');
    }

    fn write_sample_value(&self, ty: &Ty, out: &mut String) {
        match ty {
            Ty::Prim(Prim::String) => out.push_str("\"String\""),
            Ty::Prim(Prim::Int | Prim::Long | Prim::Double | Prim::Decimal) => out.push('0'),
            Ty::Prim(Prim::Bool) => out.push_str("false"),
            Ty::Prim(Prim::DateTime) => out.push_str(r#""\/Date(-62135596800000-0000)\/""#),
            Ty::Prim(Prim::Guid) => out.push_str("\"00000000000000000000000000000000\""),
            Ty::Enum(name) => {
                let first = match self.types.get(name).map(|t| &t.body) {
                    Some(TypeBody::Enum { members }) => members.first().map_or("", String::as_str),
                    _ => "",
                };
                out.push('"');
                out.push_str(first);
                out.push('"');
            }
            Ty::Class(name) => self.write_sample_object(name, out),
            Ty::List(item) => {
                out.push('[');
                self.write_sample_value(item, out);
                out.push(']');
            }
        }
    }
}

/// A suffix that keeps names unique: base-22 letters, no `n` or `y` (so no name can contain
/// `No` or `Yes` right after a capital, which the glued text form would read as a Required cell).
pub fn suffix(mut index: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmopqrstuvw";
    let mut out = Vec::new();
    loop {
        out.push(ALPHABET[index % ALPHABET.len()]);
        index /= ALPHABET.len();
        if index == 0 {
            break;
        }
        index -= 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        assert_eq!(SynthApi::generate(30, 7), SynthApi::generate(30, 7));
        assert_ne!(SynthApi::generate(30, 7), SynthApi::generate(30, 8));
    }

    #[test]
    fn suffixes_are_unique_and_safe() {
        let all: BTreeSet<String> = (0..10_000).map(suffix).collect();
        assert_eq!(all.len(), 10_000);
        assert!(all.iter().all(|s| !s.contains('n') && !s.contains('y')));
    }
}
