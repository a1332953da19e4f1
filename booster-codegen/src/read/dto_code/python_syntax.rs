//! How ServiceStack's Python DTOs spell what the wire calls otherwise: field and enum member
//! names (dataclasses_json's `letter_case`, the snake_case and UPPER_SNAKE renderings of .NET
//! names) and types (`Optional[int]`, `Dict[str, List[T]]`, `IReturn["Message"]`).

use super::foreign_types::{self, Alias, Flavor};
use crate::type_grammar::{Prim, TypeRef};

/// `@dataclass_json(letter_case=LetterCase.X)`: how dataclasses_json renames fields on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LetterCase {
    Camel,
    Pascal,
    Snake,
    Kebab,
}

pub(super) fn letter_case(decorator: &str) -> LetterCase {
    if decorator.contains("LetterCase.PASCAL") {
        LetterCase::Pascal
    } else if decorator.contains("LetterCase.CAMEL") {
        LetterCase::Camel
    } else if decorator.contains("LetterCase.KEBAB") {
        LetterCase::Kebab
    } else {
        // Without `letter_case`, dataclasses_json keeps the Python names.
        LetterCase::Snake
    }
}

/// The wire name of a Python field. ServiceStack's generator derives `contact_by_s_m_s_flag`
/// from the camelCase name by putting `_` before each upper-case letter, so undoing it is
/// exact: `_x` is `X`, and any other `_` (before a digit or another `_`) was in the name.
pub(super) fn wire_name(py_name: &str, case: LetterCase) -> String {
    // A trailing `_` escapes a Python keyword (`from_`, `int_`).
    let py_name = py_name.strip_suffix('_').filter(|n| !n.is_empty()).unwrap_or(py_name);
    match case {
        LetterCase::Snake => py_name.to_string(),
        LetterCase::Kebab => py_name.replace('_', "-"),
        LetterCase::Camel => camelize(py_name),
        LetterCase::Pascal => upper_first(&camelize(py_name)),
    }
}

fn camelize(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut chars = snake.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '_' && next.is_lowercase() => {
                out.extend(next.to_uppercase());
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A numeric enum member's name: the generator upper-cased the snake_case of the .NET name
/// (`Value1` → `VALUE1`, `PascalCase` → `PASCAL_CASE`); this is the PascalCase reading of it.
pub(super) fn pascal_from_upper_snake(py_name: &str) -> String {
    let py_name = py_name.strip_suffix('_').filter(|n| !n.is_empty()).unwrap_or(py_name);
    upper_first(&camelize(&py_name.to_lowercase()))
}

const FLAVOR: Flavor = Flavor { square_generics: true, ..Flavor::new(alias) };

fn alias(name: &str) -> Option<Alias> {
    Some(match name {
        "str" => Alias::Prim(Prim::String),
        // Python has one float type; ServiceStack maps both float and double to it.
        "float" | "Float" => Alias::Prim(Prim::Double),
        "bytes" | "Bytes" | "bytearray" => Alias::Bytes,
        "datetime.datetime" | "datetime" | "DateTime" | "datetime.date" => Alias::Prim(Prim::DateTime),
        "datetime.timedelta" | "timedelta" | "TimeDelta" => Alias::Prim(Prim::TimeSpan),
        "decimal.Decimal" | "Decimal" => Alias::Prim(Prim::Decimal),
        "Any" | "object" => Alias::Prim(Prim::Object),
        "Optional" => Alias::Optional,
        "Dict" | "dict" => Alias::Map,
        "List" | "list" | "Set" | "set" => Alias::List,
        _ => return None,
    })
}

/// Python types, forward references (`IReturn["Message"]`) included.
pub(super) fn parse_type(text: &str) -> Result<Option<TypeRef>, String> {
    let unquoted: String = text.chars().filter(|c| !matches!(c, '"' | '\'')).collect();
    foreign_types::parse_foreign_type(&unquoted, &FLAVOR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names() {
        let cases = [
            ("contact_by_s_m_s_flag", LetterCase::Camel, "contactBySMSFlag"),
            ("contact_by_s_m_s_flag", LetterCase::Pascal, "ContactBySMSFlag"),
            ("sap_interest_id", LetterCase::Camel, "sapInterestId"),
            ("street2", LetterCase::Camel, "street2"),
            ("po_box", LetterCase::Camel, "poBox"),
            ("from_", LetterCase::Camel, "from"),
            ("foo__bar", LetterCase::Camel, "foo_Bar"),
            ("a_1", LetterCase::Camel, "a_1"),
            ("_", LetterCase::Camel, "_"),
            ("sap_id", LetterCase::Snake, "sap_id"),
            ("sap_id", LetterCase::Kebab, "sap-id"),
        ];
        for (py, case, wire) in cases {
            assert_eq!(wire_name(py, case), wire, "{py} {case:?}");
        }
        assert_eq!(pascal_from_upper_snake("VALUE1"), "Value1");
        assert_eq!(pascal_from_upper_snake("PASCAL_CASE"), "PascalCase");
        assert_eq!(pascal_from_upper_snake("GLOBAL_"), "Global");
    }

    #[test]
    fn types() {
        let cases = [
            ("str", "string"),
            ("Optional[str]", "string"),
            ("Optional[int]", "int?"),
            ("Optional[bool]", "bool?"),
            ("bool", "bool"),
            ("Optional[float]", "double?"),
            ("Float", "double"),
            ("Optional[datetime.datetime]", "DateTime?"),
            ("DateTime", "DateTime"),
            ("Optional[TimeDelta]", "TimeSpan?"),
            ("decimal.Decimal", "decimal"),
            ("Optional[bytes]", "List<byte>"),
            ("Optional[List[str]]", "List<string>"),
            ("List[Optional[int]]", "List<int?>"),
            ("Optional[Dict[str, List[Dict[str, Poco]]]]", "Dictionary<string, List<Dictionary<string, Poco>>>"),
            ("Optional[KeyValuePair[str, str]]", "KeyValuePair<string, string>"),
            ("Optional[SubType]", "SubType"),
            ("QueryResponse[T]", "QueryResponse<T>"),
            ("IReturn[\"Message\"]", "IReturn<Message>"),
            ("Optional[List[]]", "error: expected a type name"),
            ("Dict[str]", "error: `Dict` takes 2 type argument(s), found 1"),
        ];
        for (py, expect) in cases {
            let got = match parse_type(py) {
                Ok(Some(t)) => t.to_string(),
                Ok(None) => "vague".to_string(),
                Err(e) => format!("error: {e}"),
            };
            assert_eq!(got, expect, "{py}");
        }
    }
}
