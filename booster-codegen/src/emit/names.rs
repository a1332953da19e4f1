//! Rust names for page names: snake_case fields, PascalCase types, keywords, digits, collisions.
//! Page text never reaches the output as an identifier without passing through here.

use std::collections::HashMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
    "union",
];
/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Keeps ASCII letters, digits and `_`; everything else separates words.
fn ascii_words(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { ' ' }).collect()
}

fn finish(ident: String, fallback: &str) -> String {
    let ident = if ident.is_empty() || ident.chars().all(|c| c == '_') { fallback.to_string() } else { ident };
    let ident = if ident.starts_with(|c: char| c.is_ascii_digit()) { format!("{fallback}_{ident}") } else { ident };
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// `contactBySMSFlag` → `contact_by_sms_flag`; `type` → `r#type`; `1st` → `field_1st`.
pub fn field_ident(wire: &str) -> String {
    finish(ascii_words(wire).to_snake_case(), "field")
}

/// A type's Rust name: its ServiceStack name where that is a valid identifier, so every type is
/// reachable under the name the pages use.
pub fn type_ident(name: &str) -> String {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    // rustc's `non_camel_case_types` denies a `_` next to a letter (`R_SendEmail`) and `__`.
    let bytes = name.trim_matches('_').as_bytes();
    let not_camel = name.contains("__")
        || bytes
            .windows(2)
            .any(|w| (w[0] == b'_' && w[1].is_ascii_alphabetic()) || (w[1] == b'_' && w[0].is_ascii_alphabetic()));
    let ident = if valid && (KEYWORDS.contains(&name) || not_camel) {
        // `type` → `Type`: `r#type` would be a type whose name is not CamelCase, which
        // `non_camel_case_types` denies; `R_SendEmail` → `RSendEmail` for the same reason.
        name.to_upper_camel_case()
    } else if valid {
        name.to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        // `1Type` → `Type1Type`: a word before the digits keeps the name CamelCase (`Type_1type`,
        // which `finish` would make, is not), and the digits stay a word of their own so the
        // word after them keeps its capital.
        let digits = name.len() - name.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        format!("Type {} {}", &name[..digits], ascii_words(&name[digits..])).to_upper_camel_case()
    } else {
        ascii_words(name).to_upper_camel_case()
    };
    finish(ident, "Type")
}

/// An enum variant's name.
pub fn variant_ident(name: &str) -> String {
    let ident = ascii_words(name).to_upper_camel_case();
    let ident = if ident.starts_with(|c: char| c.is_ascii_digit()) { format!("V{ident}") } else { ident };
    let ident = if ident == "Other" { "Other_".to_string() } else { ident };
    finish(ident, "Value")
}

/// A module name for an operation. Never a raw identifier: a module is also a file, and rustc
/// looks for `src/type.rs`, not `src/r#type.rs`, for `mod r#type`; so a keyword gets a `_`.
pub fn module_ident(name: &str) -> String {
    let ident = finish(ascii_words(name).to_snake_case(), "op");
    match ident.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => ident,
    }
}

/// Whether `text` is a Rust identifier (raw ones included) that is not a keyword: what the
/// emitter checks before writing a name it made, so no name can become other code.
pub fn is_ident(text: &str) -> bool {
    let (raw, rest) = match text.strip_prefix("r#") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let well_formed = rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && rest != "_";
    well_formed && if raw { !NOT_RAW.contains(&rest) } else { !KEYWORDS.contains(&rest) }
}

/// Gives each name a unique identifier: the second `foo_bar` becomes `foo_bar_2`.
/// Returns the identifiers and, for each collision, (original name, the name it collided with).
pub fn dedupe(idents: Vec<String>) -> (Vec<String>, Vec<(usize, usize)>) {
    dedupe_with(idents, "_", &[])
}

/// [`dedupe`] with the `separator` put before the number (`""` for CamelCase names: `Red2`, as
/// `Red_2` is not CamelCase), and `taken` names that count as already given out (a collision with
/// one of them is not reported: it has no index).
///
/// Linear: a map of the names given out, and for each stem the next number to try, so a struct of
/// 100,000 fields, or 100,000 fields of one name, costs no search of the names before.
pub fn dedupe_with(idents: Vec<String>, separator: &str, taken: &[&str]) -> (Vec<String>, Vec<(usize, usize)>) {
    // Names are compared without `r#`: `r#type` and `type_2` must not meet as `type`.
    fn key(s: &str) -> &str {
        s.strip_prefix("r#").unwrap_or(s)
    }
    let mut given: HashMap<String, Option<usize>> = taken.iter().map(|t| (key(t).to_string(), None)).collect();
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<String> = Vec::with_capacity(idents.len());
    let mut collisions = Vec::new();
    for (i, ident) in idents.into_iter().enumerate() {
        let k = key(&ident).to_string();
        let Some(&owner) = given.get(&k) else {
            given.insert(k, Some(i));
            out.push(ident);
            continue;
        };
        // `self_` (made so by `finish`) numbers as `self_2`, not `self__2`, which is not snake case.
        let stem = match k.trim_end_matches('_') {
            "" => k.as_str(),
            stem => stem,
        };
        let n = next.entry(stem.to_string()).or_insert(2);
        let mut candidate = format!("{stem}{separator}{n}");
        while given.contains_key(&candidate) {
            *n += 1;
            candidate = format!("{stem}{separator}{n}");
        }
        *n += 1;
        if let Some(first) = owner {
            collisions.push((i, first));
        }
        given.insert(candidate.clone(), Some(i));
        out.push(candidate);
    }
    (out, collisions)
}

/// Control and bidi characters: shown as escapes, or dropped where they cannot be escaped.
pub use crate::read::text::is_hidden;

/// Text from a page made safe for a doc comment: one paragraph, Markdown and HTML neutralised
/// (so it can never open a code block, a doctest, a link or a tag), control and bidi characters
/// shown as escapes.
pub fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Runs of whitespace become one space, in the same pass.
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '{' | '}' | '!' => {
                    out.push('\\');
                    out.push(c);
                }
                '&' => out.push_str("&amp;"),
                c if is_hidden(c) => {
                    // Writing to a `String` cannot fail.
                    let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\u{{{:x}}}", c as u32));
                }
                c => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        let cases = [
            ("contactBySMSFlag", "contact_by_sms_flag"),
            ("sapInterestId", "sap_interest_id"),
            ("street2", "street2"),
            ("type", "r#type"),
            ("self", "self_"),
            ("Self", "self_"),
            ("1st", "field_1st"),
            ("", "field"),
            ("r#x", "r_x"),
            ("a\"]b", "a_b"),
            ("ÜberName", "ber_name"),
        ];
        for (wire, ident) in cases {
            assert_eq!(field_ident(wire), ident, "{wire}");
            assert!(syn::parse_str::<syn::Ident>(&field_ident(wire)).is_ok(), "{wire}");
        }
    }

    #[test]
    fn types_and_collisions() {
        assert_eq!(type_ident("CreateCustomer"), "CreateCustomer");
        assert_eq!(type_ident("Self"), "Self_");
        assert_eq!(type_ident("my-type"), "MyType");
        assert_eq!(type_ident("R_SendEmailRequest"), "RSendEmailRequest");
        assert_eq!(type_ident("Order_2"), "Order2");
        assert_eq!(variant_ident("UStVA"), "UStVa");
        let (ids, collisions) = dedupe(vec!["foo_bar".into(), "foo_bar".into(), "r#type".into(), "type".into()]);
        assert_eq!(ids, ["foo_bar", "foo_bar_2", "r#type", "type_2"]);
        assert_eq!(collisions, [(1, 0), (3, 2)]);
        // B35: `self` and `Self` are both `self_`; the second is `self_2`, not `self__2`.
        let (ids, _) = dedupe(vec![field_ident("self"), field_ident("Self")]);
        assert_eq!(ids, ["self_", "self_2"]);
        // B9: CamelCase numbering has no `_`; a number already given out is skipped.
        let (ids, collisions) = dedupe_with(vec!["Red".into(), "Red2".into(), "Red".into()], "", &[]);
        assert_eq!(ids, ["Red", "Red2", "Red3"]);
        assert_eq!(collisions, [(2, 0)]);
        let (ids, collisions) = dedupe_with(vec!["runtime".into(), "get".into()], "_", &["runtime"]);
        assert_eq!(ids, ["runtime_2", "get"]);
        assert!(collisions.is_empty());
    }

    #[test]
    fn digits_keywords_and_modules() {
        // B31: CamelCase, not `Type_1type`.
        assert_eq!(type_ident("1Type"), "Type1Type");
        assert_eq!(type_ident("42"), "Type42");
        assert_eq!(type_ident("type"), "Type");
        // B28: a module is a file; `r#type` has none rustc finds.
        assert_eq!(module_ident("type"), "type_");
        assert_eq!(module_ident("Self"), "self_");
        assert_eq!(module_ident("GetThing"), "get_thing");
    }

    /// B27: 100,000 fields of one name, or all different, take no time (no search per field).
    #[test]
    fn dedupe_is_linear() {
        let same: Vec<String> = (0..100_000).map(|_| "x".to_string()).collect();
        let (ids, collisions) = dedupe(same);
        assert_eq!((ids[99_999].as_str(), collisions.len()), ("x_100000", 99_999));
        let distinct: Vec<String> = (0..100_000).map(|i| format!("f{i}")).collect();
        assert!(dedupe(distinct).1.is_empty());
    }

    #[test]
    fn is_ident_agrees_with_syn() {
        for text in ["a", "_a", "A1", "r#type", "r#self", "type", "self", "_", "1a", "a-b", "", "r#", "r#_"] {
            assert_eq!(is_ident(text), syn::parse_str::<syn::Ident>(text).is_ok(), "{text:?}");
        }
        // Stricter than Rust where it does not matter: the emitter's names are ASCII.
        assert!(!is_ident("é") && syn::parse_str::<syn::Ident>("é").is_ok());
    }

    #[test]
    fn doc_text_is_inert() {
        assert_eq!(doc_text("a ```rust\nfn x(){}``` b"), r"a \`\`\`rust fn x()\{\}\`\`\` b");
        assert_eq!(doc_text("*/ #[cfg] <b>"), r"\*/ \#\[cfg\] \<b\>");
        assert_eq!(doc_text("x\u{202e}y"), r"x\u{202e}y");
    }
}
