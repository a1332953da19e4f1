//! Python field and enum member names back to wire names: dataclasses_json's `letter_case`, and
//! the snake_case and UPPER_SNAKE renderings ServiceStack's generator makes of .NET names.

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
}
