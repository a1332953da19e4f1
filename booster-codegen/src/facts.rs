//! What one page says, as read, before any cross-page decision: the readers' output and the
//! merge step's input. Every fact carries the line it was read from.

use serde::Serialize;

use crate::type_grammar::TypeRef;

/// Everything one document says about one operation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageFacts {
    /// The file the facts were read from, as given to the reader.
    pub file: String,
    /// Which rendering the reader recognised (for diagnostics and tests).
    pub rendering: Rendering,
    pub service: Option<String>,
    pub operation: Option<Located<String>>,
    pub tags: Vec<String>,
    pub description: Option<String>,
    pub requires_auth: bool,
    /// Roles and permissions all required (`Required role(s):`, `Requires the role:`).
    pub roles: Vec<String>,
    pub permissions: Vec<String>,
    /// Roles and permissions of which any one suffices (`Requires any of the roles:`).
    pub any_roles: Vec<String>,
    pub any_permissions: Vec<String>,
    pub routes: Vec<RouteFact>,
    pub tables: Vec<TableFact>,
    pub code: Vec<CodeType>,
    pub request_sample: Option<SampleFact>,
    pub response_sample: Option<SampleFact>,
    /// How each line of a line rendering was used, `(line, use)` in page order; a line that is
    /// neither blank nor here must be named in a diagnostic (`read::account_lines`). Empty for
    /// HTML, which is read by its elements, not its lines.
    #[serde(skip)]
    pub line_uses: Vec<(usize, LineUse)>,
}

/// How the line reader used a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineUse {
    /// Read into a fact (a route, a row, a member, a caption, a sample, DTO code...).
    Fact,
    /// Recognised as the page's furniture (headers, separators, the call-info text).
    Furniture,
    /// Skipped and said in a warning on another line (one that counts the lines after it).
    Said,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rendering {
    #[default]
    Empty,
    Html,
    /// The crawler's text form: one block or table row per line, cells glued.
    Text,
    /// Pipe tables, with or without the leading pipe (and the mixed form, captions glued to headers).
    Tables,
    /// Only the call-info and HTTP samples.
    SamplesOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located<T> {
    pub value: T,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouteFact {
    pub verbs: Vec<String>,
    pub path: String,
    pub summary: Option<String>,
    pub notes: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    Params,
    Enum,
}

/// One parameter or enum table. The caption (the type's name) is often lost in text renderings.
#[derive(Debug, Clone, Serialize)]
pub struct TableFact {
    pub kind: TableKind,
    pub caption: Option<String>,
    pub line: usize,
    pub rows: Vec<RowFact>,
    pub members: Vec<EnumMemberFact>,
}

/// One row of a parameter table. `name` is `None` when the rendering lost the name cell.
#[derive(Debug, Clone, Serialize)]
pub struct RowFact {
    pub name: Option<String>,
    pub param: String,
    /// The Data Type cell exactly as written.
    pub data_type: String,
    pub parsed_type: Option<TypeRef>,
    pub required: bool,
    pub description: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumMemberFact {
    pub name: String,
    pub value: Option<String>,
    pub description: Option<String>,
    pub line: usize,
    /// The rendering glued the member to its description, so where one ends is a guess.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub glued: bool,
}

/// A type as a DTO code tab (Python, C#, ...) declares it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeType {
    pub name: String,
    pub language: &'static str,
    pub base: Option<TypeRef>,
    pub is_enum: bool,
    pub fields: Vec<CodeField>,
    /// Enum members, in declaration order.
    pub members: Vec<EnumMemberFact>,
    /// What the type declares it returns (`IReturn<T>`, `IReturn[T]`, `Implements IReturn(Of T)`,
    /// `IReturnVoid`); `None` where the code says nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub returns: Option<CodeReturn>,
    pub line: usize,
}

/// A request's declared response, as a code tab states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeReturn {
    /// `IReturn<T>`: the response type.
    Type(TypeRef),
    /// `IReturnVoid`: no response body.
    Void,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeField {
    /// The wire name (re-camelized where the language renames fields).
    pub name: String,
    /// `None` where the language cannot say (or says only something vague, like Python's `float`).
    pub ty: Option<TypeRef>,
    pub required: Option<bool>,
    pub description: Option<String>,
    pub line: usize,
}

/// A sample HTTP request or response.
#[derive(Debug, Clone, Serialize)]
pub struct SampleFact {
    /// `POST`, `GET`, ... for requests; `None` for responses.
    pub verb: Option<String>,
    /// The request path, or the response status line.
    pub path: Option<String>,
    pub body: Option<SampleBody>,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SampleFormat {
    Json,
    Jsv,
    Xml,
    /// ServiceStack's `text/csv`: a header row of names, rows of cells (complex ones JSV).
    Csv,
}

/// A parsed sample body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SampleBody {
    pub format: SampleFormat,
    /// The XML root element's name (the type's name); `None` for JSON and JSV.
    pub root_name: Option<String>,
    pub value: SampleValue,
    /// The body was cut before it closed; `value` holds what was whole.
    pub truncated: bool,
    pub line: usize,
}

/// A sample value. Numbers keep their text; XML element names are kept where they name a type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum SampleValue {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<SampleValue>),
    Object(SampleObject),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SampleObject {
    /// For XML, the element name when it names a type (`<GetCustomerHobby>` in a list).
    pub type_name: Option<String>,
    pub entries: Vec<(String, SampleValue)>,
}

impl SampleObject {
    pub fn get(&self, key: &str) -> Option<&SampleValue> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The entry whose key matches ignoring ASCII case: tables show C# names (`Names`) where
    /// the server may write camelCase (`names`).
    pub fn get_ignore_case(&self, key: &str) -> Option<&SampleValue> {
        self.get(key).or_else(|| self.entries.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_str())
    }
}

impl SampleValue {
    pub fn as_object(&self) -> Option<&SampleObject> {
        match self {
            SampleValue::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The object a value stands for: itself, or the first element of an array (of arrays).
    pub fn element_object(&self) -> Option<&SampleObject> {
        match self {
            SampleValue::Object(o) => Some(o),
            SampleValue::Array(items) => items.first().and_then(SampleValue::element_object),
            _ => None,
        }
    }
}
