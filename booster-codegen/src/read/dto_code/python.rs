//! Python DTOs (`?lang=python`): `@dataclass_json` classes whose snake_case fields are turned
//! back into wire names, `# @ApiMember(..)` comments, field docstrings, and `Enum` classes.
//!
//! Indentation is used when the block has any (it ends a class at the next top-level line);
//! renderings that lost it are read too, a class then running until the next `class` line.

use super::attributes::Pending;
use super::bases;
use super::common;
use super::python_syntax::{LetterCase, letter_case, parse_type, pascal_from_upper_snake, wire_name};
use crate::diag::Diagnostics;
use crate::facts::{CodeType, EnumMemberFact};

pub(super) const LANGUAGE: &str = "python";

struct Class {
    ty: CodeType,
    indent: usize,
    letter_case: LetterCase,
}

struct Docstring {
    delimiter: &'static str,
    text: String,
    /// The field whose description the docstring repeats; `None` for class docstrings.
    field: Option<usize>,
}

struct Reader<'a> {
    file: &'a str,
    diags: &'a mut Diagnostics,
    out: Vec<CodeType>,
    class: Option<Class>,
    pending: Pending,
    decorator_case: Option<LetterCase>,
    docstring: Option<Docstring>,
    /// The field a following docstring belongs to.
    last_field: Option<usize>,
    /// Inside a `def` body: lines indented deeper than this are skipped.
    def_indent: Option<usize>,
    indented: bool,
}

pub(super) fn read(file: &str, lines: &[(usize, &str)], diags: &mut Diagnostics) -> Vec<CodeType> {
    let indented = lines.iter().any(|(_, l)| l.starts_with([' ', '\t']) && !l.trim().is_empty());
    let mut reader = Reader {
        file,
        diags,
        out: Vec::new(),
        class: None,
        pending: Pending::default(),
        decorator_case: None,
        docstring: None,
        last_field: None,
        def_indent: None,
        indented,
    };
    for &(line, text) in lines {
        reader.line(line, text);
    }
    reader.finish_class();
    reader.out
}

impl Reader<'_> {
    fn line(&mut self, line: usize, text: &str) {
        let trimmed = text.trim();
        if self.docstring.is_some() {
            self.docstring_line(trimmed);
            return;
        }
        if trimmed.is_empty() {
            return;
        }
        let indent = text.len() - text.trim_start().len();
        if let Some(def) = self.def_indent {
            if self.indented && indent > def {
                return;
            }
            self.def_indent = None;
        }
        for delimiter in ["\"\"\"", "'''"] {
            if let Some(rest) = trimmed.strip_prefix(delimiter) {
                let field = self.last_field.take();
                self.docstring = Some(Docstring { delimiter, text: String::new(), field });
                self.docstring_line(rest);
                return;
            }
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            if let Some(attr) = comment.trim_start().strip_prefix('@') {
                self.pending.absorb_text(attr);
            }
            return;
        }
        if let Some(decorator) = trimmed.strip_prefix('@') {
            if decorator.starts_with("dataclass_json") {
                self.decorator_case = Some(letter_case(decorator));
            }
            return;
        }
        if let Some(rest) = trimmed.strip_prefix("class ") {
            self.start_class(line, rest, indent);
            return;
        }
        let Some(class) = &self.class else {
            return;
        };
        let top_level = if self.indented {
            indent <= class.indent
        } else {
            trimmed.starts_with("import ") || trimmed.starts_with("from ") || trimmed.contains("TypeVar(")
        };
        if top_level {
            self.finish_class();
            return;
        }
        if trimmed.starts_with("def ") || trimmed.starts_with("async def ") {
            self.def_indent = Some(indent);
            self.pending = Pending::default();
            return;
        }
        if trimmed == "pass" || trimmed == "..." {
            return;
        }
        // Without indentation nothing marks where the code ends (a page may go on with its
        // samples): a line that is not `name: ..` or `NAME = ..` ends the class quietly.
        if !self.indented && !looks_like_member(trimmed) {
            self.finish_class();
            return;
        }
        if class.ty.is_enum {
            self.enum_member(line, trimmed);
        } else {
            self.field(line, trimmed);
        }
    }

    fn docstring_line(&mut self, text: &str) {
        let Some(doc) = &mut self.docstring else {
            return;
        };
        let (part, closed) = match text.find(doc.delimiter) {
            Some(end) => (text.get(..end).unwrap_or(""), true),
            None => (text, false),
        };
        let part = part.trim();
        if !part.is_empty() {
            if !doc.text.is_empty() {
                doc.text.push(' ');
            }
            doc.text.push_str(part);
        }
        if !closed {
            return;
        }
        let finished = self.docstring.take();
        if let (Some(doc), Some(class)) = (finished, &mut self.class) {
            let field = doc.field.and_then(|i| class.ty.fields.get_mut(i));
            if let Some(field) = field.filter(|f| f.description.is_none() && !doc.text.is_empty()) {
                field.description = Some(doc.text);
            }
        }
    }

    fn start_class(&mut self, line: usize, header: &str, indent: usize) {
        self.finish_class();
        let letter_case = self.decorator_case.take().unwrap_or(LetterCase::Camel);
        // Comments above a class (`# @Route`, `# @Api`) describe the class, not a field.
        self.pending = Pending::default();
        let (name, rest) = common::take_ident(header);
        if name.is_empty() {
            self.diags.warn(
                self.file,
                line,
                "could not read the name of this Python class; its fields are skipped (check the DTO code block for a garbled line)",
            );
            return;
        }
        let rest = rest.trim_start();
        let bases_text = if rest.starts_with('(') {
            let end = common::matching_close(rest, '(', ')', true).map_or(rest.len(), |close| close - 1);
            rest.get(1..end).unwrap_or("")
        } else {
            ""
        };
        let bases: Vec<&str> = common::split_top_level(bases_text, ',', false).into_iter().map(str::trim).collect();
        let is_enum = bases.iter().any(|b| matches!(*b, "Enum" | "IntEnum" | "Flag" | "IntFlag" | "enum.Enum"));
        let base = if is_enum {
            None
        } else {
            let candidates = bases.iter().copied().filter(|b| *b != "str");
            common::or_warn(bases::pick_base(candidates, parse_type), self.diags, self.file, line, |e| {
                format!("could not read the base class of Python class `{name}` ({e}); the type is read without it")
            })
        };
        let returns = if is_enum {
            None
        } else {
            common::or_warn(
                bases::declared_returns(bases.iter().copied(), parse_type),
                self.diags,
                self.file,
                line,
                |e| {
                    format!(
                        "could not read the response type that Python class `{name}` declares ({e}); the class is read without it"
                    )
                },
            )
        };
        self.last_field = None;
        let mut ty = common::declared_type(name, LANGUAGE, base, is_enum, line);
        ty.returns = returns;
        self.class = Some(Class { ty, indent, letter_case });
    }

    fn finish_class(&mut self) {
        if let Some(class) = self.class.take() {
            self.out.push(class.ty);
        }
        self.last_field = None;
        self.def_indent = None;
    }

    fn field(&mut self, line: usize, text: &str) {
        let Some(class) = &mut self.class else {
            return;
        };
        let parts = common::find_top_level(text, ':', false)
            .and_then(|colon| Some((text.get(..colon)?.trim(), text.get(colon + 1..)?)))
            .filter(|(name, _)| common::is_identifier(name));
        let Some((py_name, rest)) = parts else {
            self.pending = Pending::default();
            self.diags.warn(
                self.file,
                line,
                format!(
                    "could not read this line of Python class `{}` as a field (`name: Type = default`); it was skipped (check the DTO code block for a cut or garbled line)",
                    class.ty.name
                ),
            );
            return;
        };
        let (ty_text, default) = match common::find_top_level(rest, '=', false) {
            Some(eq) => (rest.get(..eq).unwrap_or(""), rest.get(eq + 1..)),
            None => (rest, None),
        };
        let meta = self.pending.take();
        let wire = wire_name(py_name, class.letter_case);
        let ty = common::or_warn(parse_type(ty_text), self.diags, self.file, line, |e| {
            format!(
                "could not read the type `{}` of Python field `{py_name}` in class `{}` ({e}); the field is kept without a type",
                common::short(ty_text.trim()),
                class.ty.name
            )
        });
        let mut field = meta.into_field(&wire, ty, line);
        // `field(metadata=config(field_name='int'))` is the key dataclasses_json really uses.
        if let Some(explicit) = default.and_then(explicit_field_name) {
            field.name = explicit;
        }
        self.last_field = Some(class.ty.fields.len());
        class.ty.fields.push(field);
    }

    fn enum_member(&mut self, line: usize, text: &str) {
        let Some(class) = &mut self.class else {
            return;
        };
        let parts = common::find_top_level(text, '=', false)
            .and_then(|eq| Some((text.get(..eq)?.trim(), text.get(eq + 1..)?.trim())))
            .filter(|(name, value)| common::is_identifier(name) && !value.is_empty());
        let Some((py_name, value)) = parts else {
            self.pending = Pending::default();
            self.diags.warn(
                self.file,
                line,
                format!(
                    "could not read this line of Python enum `{}` as a member (`NAME = value`); it was skipped (check the DTO code block for a cut or garbled line)",
                    class.ty.name
                ),
            );
            return;
        };
        let meta = self.pending.take();
        // String members carry the wire name as their value (`U_ST_VA = 'UStVA'`); numeric
        // ones only the generator's UPPER_SNAKE rendering of the .NET name.
        let member: EnumMemberFact = if value.starts_with(['\'', '"']) {
            meta.into_member(&common::unquote(value), None, line)
        } else {
            meta.into_member(&pascal_from_upper_snake(py_name), Some(value.to_string()), line)
        };
        class.ty.members.push(member);
    }
}

fn looks_like_member(text: &str) -> bool {
    let (name, rest) = common::take_ident(text);
    common::is_identifier(name) && rest.trim_start().starts_with([':', '='])
}

/// `field(metadata=config(field_name='int'), default=0)` → `int`.
fn explicit_field_name(default: &str) -> Option<String> {
    let start = default.find("field_name")?;
    let rest = default.get(start + "field_name".len()..)?.trim_start().strip_prefix('=')?;
    let end = common::find_top_level(rest, ')', false).or_else(|| common::find_top_level(rest, ',', false));
    let value = common::unquote(rest.get(..end.unwrap_or(rest.len()))?);
    (!value.is_empty()).then_some(value)
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
    fn classes_fields_and_docs() {
        check(
            r#"
# @Route("/messages/{Id}", "PUT")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class Message(IReturn["Message"], IPut):
    """
    Type description, not a field's
    """

    # @ApiMember(Description="Id", IsRequired=true)
    id: int = 0
    # @ApiMember()
    name: Optional[str] = None
    """
    Only the docstring says this
    """

    # @Required()
    from_: Optional[str] = field(metadata=config(field_name='from'), default=None)
    no_notes: bool = False
    """one-line docstring"""

    @staticmethod
    def response_type(): return Message
"#,
            r#"
class Message -> Message @5
  id: int required // Id @11
  name: string optional // Only the docstring says this @13
  from: string required @19
  noNotes: bool // one-line docstring @20
"#,
        );
    }

    #[test]
    fn bases_and_generics() {
        check(
            r#"
T = TypeVar('T')


@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class QueryDbTenant(Generic[From, Into], QueryDb2[From, Into]):
    pass


@dataclass
class StoreRockstars(List[Rockstar], IReturn["StoreRockstars"]):
    pass


class CreateAuditBase(Generic[Table, TResponse], ICreateDb[Table]):
    pass


@dataclass_json(letter_case=LetterCase.PASCAL)
class Legacy(SearchCustomer):
    contact_by_s_m_s_flag: bool = False
    int_: int = field(metadata=config(field_name='int'), default=0)
"#,
            r#"
class QueryDbTenant : QueryDb2<From, Into> @7
class StoreRockstars : List<Rockstar> -> StoreRockstars @12
class CreateAuditBase @16
class Legacy : SearchCustomer @21
  ContactBySMSFlag: bool @22
  int: int @23
"#,
        );
    }

    #[test]
    fn enums() {
        check(
            r#"
class VatType(str, Enum):
    U_ST_VA = 'UStVA'
    VALUE1 = 'Member 1'


# @Flags()
class EnumFlags(IntEnum):
    VALUE0 = 0
    PASCAL_CASE = 2
    GLOBAL_ = -4


class Empty(str, Enum):
    pass
"#,
            r#"
enum VatType @2
  UStVA @3
  Member 1 @4
enum EnumFlags @8
  Value0 = 0 @9
  PascalCase = 2 @10
  Global = -4 @11
enum Empty @14
"#,
        );
    }

    #[test]
    fn indentation_lost() {
        check(
            r#"
@dataclass
class A:
x: int = 0
# @ApiMember(Description="y")
y: Optional[str] = None
T = TypeVar('T')
class B(A):
z: List[T] = None
bad: Dict[str] = None
To override the Content-type in your clients, use the HTTP Accept Header
HTTP + JSON
"#,
            r#"
class A @3
  x: int @4
  y: string optional // y @6
class B : A @8
  z: List<T> @9
  bad: ? @10
warning @10: could not read the type `Dict[str]` of Python field `bad` in class `B` (`Dict` takes 2 type argument(s), found 1); the field is kept without a type
"#,
        );
    }

    #[test]
    fn page_text_after_the_code_is_not_read() {
        check(
            r#"
class A:
    x: int = 0

To override the Content-type in your clients, use the HTTP Accept Header
POST /a HTTP/1.1
{"x":0}
"#,
            r#"
class A @2
  x: int @3
"#,
        );
    }

    #[test]
    fn unreadable_lines_warn() {
        check(
            r#"
class A:
    ok: int = 0
    this is not a field
    bad: Dict[str] = None
    """
    bad's docstring
    """
class E(Enum):
    oops
"#,
            r#"
class A @2
  ok: int @3
  bad: ? // bad's docstring @5
enum E @9
warning @4: could not read this line of Python class `A` as a field (`name: Type = default`); it was skipped (check the DTO code block for a cut or garbled line)
warning @5: could not read the type `Dict[str]` of Python field `bad` in class `A` (`Dict` takes 2 type argument(s), found 1); the field is kept without a type
warning @10: could not read this line of Python enum `E` as a member (`NAME = value`); it was skipped (check the DTO code block for a cut or garbled line)
"#,
        );
    }

    #[test]
    fn declared_responses() {
        check(
            r#"
# @Route("/reset")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class ClearChatHistory(IReturnVoid, IPost):
    @staticmethod
    def response_type(): return None


@dataclass
class QueryRockstars(QueryDb[Rockstar], IReturn[QueryResponse[Rockstar]], IGet):
    age: Optional[int] = None


@dataclass
class GetLookup(IReturn[Dict[str, List[Poco]]]):
    pass


@dataclass
class HelloResponse:
    result: Optional[str] = None


class Broken(IReturn[Dict[str]]):
    pass
"#,
            r#"
class ClearChatHistory -> void @5
class QueryRockstars : QueryDb<Rockstar> -> QueryResponse<Rockstar> @11
  age: int? @12
class GetLookup -> Dictionary<string, List<Poco>> @16
class HelloResponse @21
  result: string @22
class Broken @25
warning @25: could not read the response type that Python class `Broken` declares (`IReturn[Dict[str]]`: `Dict` takes 2 type argument(s), found 1); the class is read without it
"#,
        );
    }
}
