//! Rust names for page names: snake_case fields, PascalCase types, keywords, digits, collisions.
//! Page text never reaches the output as an identifier without passing through here.

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
    let ident = if valid { name.to_string() } else { ascii_words(name).to_upper_camel_case() };
    finish(ident, "Type")
}

/// An enum variant's name.
pub fn variant_ident(name: &str) -> String {
    let ident = ascii_words(name).to_upper_camel_case();
    let ident = if ident.starts_with(|c: char| c.is_ascii_digit()) { format!("V{ident}") } else { ident };
    let ident = if ident == "Other" { "Other_".to_string() } else { ident };
    finish(ident, "Value")
}

/// A module name for an operation.
pub fn module_ident(name: &str) -> String {
    finish(ascii_words(name).to_snake_case(), "op")
}

/// Gives each name a unique identifier: the second `foo_bar` becomes `foo_bar_2`.
/// Returns the identifiers and, for each collision, (original name, the name it collided with).
pub fn dedupe(idents: Vec<String>) -> (Vec<String>, Vec<(usize, usize)>) {
    let mut out: Vec<String> = Vec::with_capacity(idents.len());
    let mut collisions = Vec::new();
    for (i, ident) in idents.into_iter().enumerate() {
        let key = |s: &str| s.trim_start_matches("r#").to_string();
        if let Some(first) = out.iter().position(|o| key(o) == key(&ident)) {
            collisions.push((i, first));
            let mut n = 2;
            let mut candidate = format!("{}_{n}", key(&ident));
            while out.iter().any(|o| key(o) == candidate) {
                n += 1;
                candidate = format!("{}_{n}", key(&ident));
            }
            out.push(candidate);
        } else {
            out.push(ident);
        }
    }
    (out, collisions)
}

/// Text from a page made safe for a doc comment: one paragraph, Markdown and HTML neutralised
/// (so it can never open a code block, a doctest, a link or a tag), control and bidi characters
/// shown as escapes.
pub fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '{' | '}' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            c if c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
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
        assert_eq!(variant_ident("UStVA"), "UStVa");
        let (ids, collisions) = dedupe(vec!["foo_bar".into(), "foo_bar".into(), "r#type".into(), "type".into()]);
        assert_eq!(ids, ["foo_bar", "foo_bar_2", "r#type", "type_2"]);
        assert_eq!(collisions, [(1, 0), (3, 2)]);
    }

    #[test]
    fn doc_text_is_inert() {
        assert_eq!(doc_text("a ```rust\nfn x(){}``` b"), r"a \`\`\`rust fn x()\{\}\`\`\` b");
        assert_eq!(doc_text("*/ #[cfg] <b>"), r"\*/ \#\[cfg\] \<b\>");
        assert_eq!(doc_text("x\u{202e}y"), r"x\u{202e}y");
    }
}
