//! VB.NET DTOs (`?lang=vbnet`): `Public Partial Class X` .. `End Class` blocks with
//! `Inherits Base`, `Public Overridable Property Name As Type` members, `<ApiMember(..)>`
//! attributes with `Name:=value` arguments, `'''<Summary>` docs, and `Enum` blocks.
//! Types are turned into the .NET spelling: `Dictionary(Of String, X)` → `Dictionary<string, X>`,
//! `String()` → `List<string>`, `Integer` → `int`, `Date` → `DateTime`. Indentation is not needed.

use super::attributes::Pending;
use super::bases;
use super::common::{self, Quotes};
use super::foreign_types::{self, Alias, Flavor};
use crate::diag::Diagnostics;
use crate::facts::CodeType;
use crate::type_grammar::{Prim, TypeRef};

pub(super) const LANGUAGE: &str = "vbnet";

const MODIFIERS: &[&str] = &[
    "Public",
    "Private",
    "Protected",
    "Friend",
    "Partial",
    "Overridable",
    "Overrides",
    "NotOverridable",
    "MustOverride",
    "MustInherit",
    "NotInheritable",
    "Shadows",
    "Overloads",
    "ReadOnly",
    "WriteOnly",
    "Default",
    "Dim",
];

enum Kind {
    Type { index: usize, interface: bool },
    Enum(usize),
    Other,
}

/// An open `X .. End X` block; `keyword` is what its `End` line names.
struct Block {
    kind: Kind,
    keyword: String,
}

struct Reader<'a> {
    file: &'a str,
    diags: &'a mut Diagnostics,
    out: Vec<CodeType>,
    blocks: Vec<Block>,
    pending: Pending,
}

pub(super) fn read(file: &str, lines: &[(usize, &str)], diags: &mut Diagnostics) -> Vec<CodeType> {
    let mut reader = Reader { file, diags, out: Vec::new(), blocks: Vec::new(), pending: Pending::default() };
    for &(line, text) in lines {
        reader.line(line, text);
    }
    reader.out
}

impl Reader<'_> {
    fn line(&mut self, line: usize, text: &str) {
        let (code, comment) = split_comment(text);
        if let Some(doc) = comment.and_then(|c| c.strip_prefix("''")) {
            self.pending.add_doc(&common::without_xml_tags(doc));
        }
        // VB.NET strings escape only `""`, never with a backslash.
        let code = self.pending.strip_attribute_groups(code.trim(), '<', '>', false);
        // `Public Class X : Implements IReturn(Of Y)`: `:` separates statements on one line.
        for statement in statements(code) {
            self.statement(line, statement.trim());
        }
    }

    fn statement(&mut self, line: usize, code: &str) {
        if code.is_empty() {
            return;
        }
        let (first, after) = common::take_word(code);
        match first {
            "End" => {
                let (keyword, _) = common::take_word(after);
                // `End Property` after an expanded property has no block of its own: only
                // an `End` that names the innermost block closes it.
                if self.blocks.last().is_some_and(|b| b.keyword.eq_ignore_ascii_case(keyword)) {
                    self.blocks.pop();
                }
                self.pending = Pending::default();
                return;
            }
            "Imports" | "Option" => return,
            "Implements" => {
                self.implements(line, after);
                return;
            }
            "Namespace" => {
                self.blocks.push(Block { kind: Kind::Other, keyword: "Namespace".to_string() });
                return;
            }
            "Inherits" => {
                self.inherits(line, after);
                return;
            }
            _ => {}
        }
        // Inside an enum every line is a member, even one named like a keyword (`Set`).
        if let Some(Block { kind: Kind::Enum(index), .. }) = self.blocks.last() {
            let index = *index;
            self.enum_member(line, index, code);
            return;
        }
        let (rest, not_data) = common::strip_modifiers(code, MODIFIERS, &["Shared", "Const"]);
        let (keyword, after) = common::take_word(rest);
        match keyword {
            "Class" | "Structure" | "Interface" | "Module" => self.start_type(line, keyword, after, false),
            "Enum" => self.start_type(line, keyword, after, true),
            "Sub" | "Function" | "Operator" | "Get" | "Set" | "Event" => {
                let in_interface =
                    matches!(self.blocks.last(), Some(Block { kind: Kind::Type { interface: true, .. }, .. }));
                if !in_interface && !code.contains("MustOverride") {
                    self.blocks.push(Block { kind: Kind::Other, keyword: keyword.to_string() });
                }
                self.pending = Pending::default();
            }
            "Property" if !not_data => self.field(line, after, code),
            _ => match self.blocks.last() {
                // `Public Name As Type`: a plain field.
                Some(Block { kind: Kind::Type { .. }, .. }) if !not_data && has_as(rest) => {
                    self.field(line, rest, code)
                }
                _ => self.pending = Pending::default(),
            },
        }
    }

    fn start_type(&mut self, line: usize, keyword: &str, after: &str, is_enum: bool) {
        // Attributes above a type (`<Route>`, `<DataContract>`) describe the type.
        self.pending = Pending::default();
        let (name, _) = common::take_ident(unbracket(after));
        if name.is_empty() {
            self.diags.warn(
                self.file,
                line,
                format!("could not read the name of this VB.NET {keyword}; its members are skipped (check the DTO code block for a garbled line)"),
            );
            self.blocks.push(Block { kind: Kind::Other, keyword: keyword.to_string() });
            return;
        }
        self.out.push(common::declared_type(name, LANGUAGE, None, is_enum, line));
        let index = self.out.len() - 1;
        let kind = if is_enum { Kind::Enum(index) } else { Kind::Type { index, interface: keyword == "Interface" } };
        self.blocks.push(Block { kind, keyword: keyword.to_string() });
    }

    fn inherits(&mut self, line: usize, list: &str) {
        let Some(Block { kind: Kind::Type { index, .. }, .. }) = self.blocks.last() else {
            return;
        };
        let index = *index;
        let Some(t) = self.out.get_mut(index) else {
            return;
        };
        if t.base.is_some() {
            return;
        }
        let base = bases::pick_base(common::split_top_level(list, ',', false), parse_type);
        t.base = common::or_warn(base, self.diags, self.file, line, |e| {
            format!("could not read the base class of VB.NET class `{}` ({e}); the type is read without it", t.name)
        });
    }

    /// `Implements IReturn(Of T), IPost`: what the type returns, if the list says.
    fn implements(&mut self, line: usize, list: &str) {
        self.pending = Pending::default();
        let Some(Block { kind: Kind::Type { index, .. }, .. }) = self.blocks.last() else {
            return;
        };
        let Some(t) = self.out.get_mut(*index) else {
            return;
        };
        if t.returns.is_some() {
            return;
        }
        let returns = bases::declared_returns(common::split_top_level(list, ',', false), parse_type);
        t.returns = common::or_warn(returns, self.diags, self.file, line, |e| {
            format!(
                "could not read the response type that VB.NET class `{}` declares ({e}); the type is read without it",
                t.name
            )
        });
    }

    /// `Name[()] As [New] Type [= value] [Implements I.Name]`.
    fn field(&mut self, line: usize, decl: &str, whole: &str) {
        let meta = self.pending.take();
        let Some(Block { kind: Kind::Type { index, .. }, .. }) = self.blocks.last() else {
            return;
        };
        let index = *index;
        let (name, rest) = common::take_ident(unbracket(decl));
        let rest = rest.trim_start().strip_prefix(']').unwrap_or(rest).trim_start();
        // `Property Names() As String` declares an array, like `As String()`.
        let (is_array, rest) = match rest.strip_prefix("()") {
            Some(after) => (true, after.trim_start()),
            None => (false, rest),
        };
        let ty_text = rest.strip_prefix("As ").map(|t| {
            let t = t.trim_start();
            let t = t.strip_prefix("New ").unwrap_or(t);
            let t = t.split(" Implements ").next().unwrap_or(t);
            common::before_top_level(t, '=', false).trim()
        });
        let type_name = self.out.get(index).map_or("", |t| t.name.as_str()).to_string();
        let (Some(ty_text), false) = (ty_text, name.is_empty()) else {
            self.diags.warn(
                self.file,
                line,
                format!(
                    "could not read `{}` in VB.NET class `{type_name}` as a property (`Property Name As Type`); it was skipped (check the DTO code block for a cut or garbled line)",
                    whole.trim()
                ),
            );
            return;
        };
        let ty = common::or_warn(parse_type(ty_text), self.diags, self.file, line, |e| {
            format!(
                "could not read the type `{}` of VB.NET property `{name}` in `{type_name}` ({e}); the property is kept without a type",
                common::short(ty_text)
            )
        });
        let ty = ty.map(|t| if is_array { TypeRef::list(t) } else { t });
        let field = meta.into_field(name, ty, line);
        if let Some(t) = self.out.get_mut(index) {
            t.fields.push(field);
        }
    }

    fn enum_member(&mut self, line: usize, index: usize, code: &str) {
        let meta = self.pending.take();
        let (name, rest) = common::take_ident(unbracket(code));
        let rest = rest.trim_start().strip_prefix(']').unwrap_or(rest).trim();
        let value = match rest.strip_prefix('=') {
            Some(v) => Some(v.trim()),
            None if rest.is_empty() => None,
            None => Some(""),
        };
        let Some(t) = self.out.get_mut(index) else {
            return;
        };
        if !common::is_identifier(name) || value == Some("") {
            self.diags.warn(
                self.file,
                line,
                format!("could not read `{}` as a member of VB.NET enum `{}`; it was skipped", code.trim(), t.name),
            );
            return;
        }
        t.members.push(meta.into_written_member(name, value, line));
    }
}

/// The statements of a line: split at each `:` outside string literals and brackets that is not
/// part of a named argument's `:=`.
fn statements(code: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quotes = Quotes::new(false);
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in code.char_indices() {
        if !quotes.is_code(c) {
            continue;
        }
        match c {
            '(' | '<' | '{' => depth += 1,
            ')' | '>' | '}' => depth = depth.saturating_sub(1),
            ':' if depth == 0 && !code.get(i + 1..).is_some_and(|r| r.starts_with('=')) => {
                parts.push(code.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(code.get(start..).unwrap_or(""));
    parts
}

fn has_as(decl: &str) -> bool {
    decl.contains(" As ")
}

/// `[Date]` escapes a keyword used as a name.
fn unbracket(s: &str) -> &str {
    let s = s.trim_start();
    s.strip_prefix('[').unwrap_or(s)
}

/// Splits a line at its `'` comment. VB strings are only `"`-delimited (`""` inside one is
/// a quote), so a `'` outside them starts a comment.
fn split_comment(text: &str) -> (&str, Option<&str>) {
    let mut in_string = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '\'' if !in_string => return (text.get(..i).unwrap_or(""), text.get(i + 1..)),
            _ => {}
        }
    }
    (text, None)
}

/// `Dictionary(Of String, X)` → `Dictionary<String, X>`, `String()` → `String[]`.
fn angle_generics(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut generic = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = rest.get(c.len_utf8()..).unwrap_or("");
        match c {
            '(' => {
                let inner = rest.trim_start();
                if let Some(args) = inner.strip_prefix("Of ").or_else(|| inner.strip_prefix("of ")) {
                    out.push('<');
                    generic.push(true);
                    rest = args;
                } else if let Some(after) = inner.strip_prefix(')') {
                    out.push_str("[]");
                    rest = after;
                } else {
                    out.push('(');
                    generic.push(false);
                }
            }
            ')' => out.push(if generic.pop() == Some(true) { '>' } else { ')' }),
            _ => out.push(c),
        }
    }
    out
}

const FLAVOR: Flavor = Flavor { question_is_nullable: true, ..Flavor::new(alias) };

fn alias(name: &str) -> Option<Alias> {
    Some(match name {
        "Integer" => Alias::Prim(Prim::Int),
        "UInteger" => Alias::Prim(Prim::UInt),
        "Date" => Alias::Prim(Prim::DateTime),
        _ => return None,
    })
}

fn parse_type(text: &str) -> Result<Option<TypeRef>, String> {
    foreign_types::parse_foreign_type(&angle_generics(text), &FLAVOR)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::dto_code::test_support::check_read;

    #[track_caller]
    fn check(input: &str, expect: &str) {
        check_read(&read, input, expect);
    }

    #[test]
    fn types() {
        let cases = [
            ("Dictionary(Of String, ResponseStatus)", "Dictionary<string, ResponseStatus>"),
            ("String()", "List<string>"),
            ("Nullable(Of Integer)", "int?"),
            ("Integer?", "int?"),
            ("List(Of Dictionary(Of String, Date()))", "List<Dictionary<string, List<DateTime>>>"),
            ("Long", "long"),
            ("Boolean", "bool"),
            ("Short", "short"),
            ("Single", "float"),
            ("QueryResponse(Of Rockstar)", "QueryResponse<Rockstar>"),
        ];
        for (vb, expect) in cases {
            let got = parse_type(vb).map(|t| t.map(|t| t.to_string()));
            assert_eq!(got, Ok(Some(expect.to_string())), "{vb}");
        }
    }

    #[test]
    fn classes_properties_and_enums() {
        check(
            r#"
' Options:
'Date: 2024-01-01
Namespace Global
    Namespace Test.ServiceModel
        <Route("/customer", "POST")>
        Public Partial Class CreateCustomer
            Inherits Customer
            Implements IReturn(Of CreateCustomerResponse)
            '''<Summary>
            '''Privacy
            '''</Summary>
            <ApiMember(Description:="Privacy policy", IsRequired:=true)>
            <DataMember(Name:="privacy")>
            Public Overridable Property Privacy As Boolean
            Public Overridable Property [Date] As Date ' when
            Public Overridable Property Names As List(Of String) = New List(Of String)
            Public Overridable Property Codes() As Integer
            Public Shared Property Ignored As String

            Public Sub New()
                Names = New List(Of String)
            End Sub

            Public Overridable Property Expanded As String
                Get
                    Return Nothing
                End Get
            End Property
        End Class

        <Flags>
        Public Enum EnumFlags
            <EnumMember(Value:="zero")>
            Value0 = 0
            [Date] = 2
            Set
        End Enum
    End Namespace
End Namespace
"#,
            r#"
class CreateCustomer : Customer -> CreateCustomerResponse @7
  privacy: bool required // Privacy policy @15
  Date: DateTime @16
  Names: List<string> @17
  Codes: List<int> @18
  Expanded: string @25
enum EnumFlags @33
  Value0 = 0 @35
  Date = 2 @36
  Set @37
"#,
        );
    }

    #[test]
    fn broken_lines_warn() {
        check(
            r#"
Public Class A
    Public Property
    Public Property B As Dictionary(Of String
End Class
Public Enum E
    X Y
End Enum
"#,
            r#"
class A @2
  B: ? @4
enum E @6
warning @3: could not read `Public Property` in VB.NET class `A` as a property (`Property Name As Type`); it was skipped (check the DTO code block for a cut or garbled line)
warning @4: could not read the type `Dictionary(Of String` of VB.NET property `B` in `A` (`Dictionary<` is not closed with `>`); the property is kept without a type
warning @7: could not read `X Y` as a member of VB.NET enum `E`; it was skipped
"#,
        );
    }

    #[test]
    fn declared_responses() {
        check(
            r#"
Namespace Global
    <Route("/reset")>
    Public Partial Class ClearChatHistory
        Implements IReturnVoid
    End Class

    Public Partial Class QueryRockstars
        Inherits QueryDb(Of Rockstar)
        Implements IReturn(Of QueryResponse(Of Rockstar))
        Implements IGet
        Public Overridable Property Age As Nullable(Of Integer)
    End Class

    Public Partial Class GetLookup : Implements IPost, IReturn(Of Dictionary(Of String, List(Of Poco)))
    End Class

    Public Class OneLine : Inherits Base : Implements IReturn(Of String())
        <ApiMember(Description:="a: b")>
        Public Property X As String
    End Class

    Public Partial Class HelloResponse
        Public Overridable Property Result As String
    End Class

    Public Class Broken
        Implements IReturn(Of Dictionary(Of String))
    End Class
End Namespace
"#,
            r#"
class ClearChatHistory -> void @4
class QueryRockstars : QueryDb<Rockstar> -> QueryResponse<Rockstar> @8
  Age: int? @12
class GetLookup -> Dictionary<string, List<Poco>> @15
class OneLine : Base -> List<string> @18
  X: string optional // a: b @20
class HelloResponse @23
  Result: string @24
class Broken @27
warning @28: could not read the response type that VB.NET class `Broken` declares (`IReturn(Of Dictionary(Of String))`: `Dictionary` takes 2 type argument(s), found 1); the type is read without it
"#,
        );
    }
}
