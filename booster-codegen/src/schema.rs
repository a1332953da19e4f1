//! The intermediate schema: one API, merged from every page. It is what `ir` prints and the only
//! thing the emitter sees. Field names are wire names; types keep ServiceStack's spelling next to
//! their parsed form.

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::type_grammar::TypeRef;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Api {
    pub service: Option<String>,
    pub operations: Vec<Operation>,
    pub types: Vec<TypeDef>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    pub name: String,
    /// The request type's name (the operation's name).
    pub request: String,
    /// The response type; `None` when the service returns nothing.
    pub response: Option<String>,
    pub routes: Vec<Route>,
    pub requires_auth: bool,
    /// Roles and permissions all required.
    pub roles: Vec<String>,
    pub permissions: Vec<String>,
    /// Roles and permissions of which any one suffices (`Requires any of the roles:`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_permissions: Vec<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    /// The pages this operation was read from.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    pub verbs: Vec<String>,
    pub path: String,
    pub summary: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    Class,
    Enum,
}

#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    pub name: String,
    pub kind: TypeKind,
    /// The base type (`SearchCustomer`, or `List<Rockstar>` for a type that is a list).
    pub base: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_type: Option<TypeRef>,
    pub fields: Vec<Field>,
    pub members: Vec<EnumMember>,
    /// Where the type was read from, first source first.
    pub sources: Vec<Location>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The wire name, exactly as the server writes it.
    pub name: String,
    /// ServiceStack's spelling of the Data Type (`List<string>`, `bool?`, `DateTime`).
    #[serde(rename = "type")]
    pub type_name: String,
    #[serde(rename = "type_ref")]
    pub ty: TypeRef,
    pub required: bool,
    /// `path`, `query`, `body`, `form` or `header`; `None` where no table gave it.
    pub param: Option<String>,
    pub description: Option<String>,
    /// Rules stated in prose, as data.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
    /// Where the field was read from, its best source.
    pub source: Location,
    /// A sample shows the field under exactly this name.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub name_proven: bool,
    /// Other spellings the generated type also reads: ServiceStack reads JSON ignoring case and
    /// servers differ in casing (camelCase or PascalCase), while serde matches names exactly.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The type was inferred from a sample value, not stated by a table or code.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumMember {
    pub name: String,
    pub value: Option<String>,
    pub description: Option<String>,
}

/// A rule a validator can check, read from a description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    /// The field is required when `field` (a sibling) equals `equals`.
    RequiredWhen { field: String, equals: String },
    /// Each value lies in `min..=max` (elements, for lists).
    Range { min: i64, max: i64 },
    /// Each value is one of these (elements, for lists).
    OneOf { values: Vec<String> },
}

/// Where a fact was read: a page and a line (0 for the page as a whole, or for facts that come
/// from no page). Written as `file:line` (or `file`) in JSON and diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: String,
    pub line: usize,
}

impl Location {
    pub fn new(file: impl Into<String>, line: usize) -> Location {
        Location { file: file.into(), line }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 { f.write_str(&self.file) } else { write!(f, "{}:{}", self.file, self.line) }
    }
}

impl Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// `page.txt:12` → page `page.txt`, line 12; text without a line number is a page.
impl From<&str> for Location {
    fn from(text: &str) -> Location {
        match text.rsplit_once(':') {
            Some((file, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => {
                Location { file: file.to_string(), line: line.parse().unwrap_or(0) }
            }
            _ => Location { file: text.to_string(), line: 0 },
        }
    }
}

impl From<String> for Location {
    fn from(text: String) -> Location {
        Location::from(text.as_str())
    }
}
