//! What every language reader shares: string-literal awareness, brackets and identifiers, the
//! type a declaration introduces, and how a failed read becomes a warning. Attributes and doc
//! comments are in `attributes`, base classes and return markers in `bases`, and the client
//! languages' type syntaxes in `foreign_types`.

use crate::diag::Diagnostics;
use crate::facts::CodeType;
use crate::type_grammar::TypeRef;

/// Tracks whether a character is inside a string literal, so that braces, commas and comment
/// markers inside descriptions (`Description="a {b}, c // d"`) are not taken for code.
pub(super) struct Quotes {
    open: Option<char>,
    escaped: bool,
    backslash_escapes: bool,
}

impl Quotes {
    /// `backslash_escapes` is false for VB.NET, whose strings only escape `""`.
    pub(super) fn new(backslash_escapes: bool) -> Quotes {
        Quotes { open: None, escaped: false, backslash_escapes }
    }

    /// Feeds one character; true when it is code (outside literals and not a quote itself).
    pub(super) fn is_code(&mut self, c: char) -> bool {
        match self.open {
            Some(q) => {
                if self.escaped {
                    self.escaped = false;
                } else if self.backslash_escapes && c == '\\' {
                    self.escaped = true;
                } else if c == q {
                    self.open = None;
                }
                false
            }
            None if c == '"' || c == '\'' => {
                self.open = Some(c);
                false
            }
            None => true,
        }
    }
}

/// Splits at `sep` where it is outside literals and brackets. `angles` counts `<`/`>` as
/// brackets (types), which would go wrong in expressions such as `1 << 2`.
pub(super) fn split_top_level(s: &str, sep: char, angles: bool) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quotes = Quotes::new(true);
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if !quotes.is_code(c) {
            continue;
        }
        match c {
            '(' | '[' | '{' => depth += 1,
            '<' if angles => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '>' if angles => depth = depth.saturating_sub(1),
            _ if c == sep && depth == 0 => {
                parts.push(s.get(start..i).unwrap_or(""));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(s.get(start..).unwrap_or(""));
    parts
}

/// The byte offset of the first `target` outside literals and brackets.
pub(super) fn find_top_level(s: &str, target: char, angles: bool) -> Option<usize> {
    let mut quotes = Quotes::new(true);
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if !quotes.is_code(c) {
            continue;
        }
        if c == target && depth == 0 {
            return Some(i);
        }
        match c {
            '(' | '[' | '{' => depth += 1,
            '<' if angles => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '>' if angles => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The text before the first `target` outside literals and brackets, or all of it: a
/// declaration without its `= default`, a base without its constructor call `(..)`.
pub(super) fn before_top_level(s: &str, target: char, angles: bool) -> &str {
    find_top_level(s, target, angles).and_then(|at| s.get(..at)).unwrap_or(s)
}

/// Given text starting with an opening bracket, the byte offset just past its match.
pub(super) fn matching_close(s: &str, open: char, close: char, backslash_escapes: bool) -> Option<usize> {
    let mut quotes = Quotes::new(backslash_escapes);
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if !quotes.is_code(c) {
            continue;
        }
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i + c.len_utf8());
            }
        }
    }
    None
}

pub(super) fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Splits a leading identifier off `s` (after leading whitespace).
pub(super) fn take_ident(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    let end = s.char_indices().find(|&(_, c)| !is_ident_char(c)).map_or(s.len(), |(i, _)| i);
    (s.get(..end).unwrap_or(""), s.get(end..).unwrap_or(""))
}

/// Splits the first whitespace-separated word off `s`.
pub(super) fn take_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    let end = s.char_indices().find(|&(_, c)| c.is_whitespace()).map_or(s.len(), |(i, _)| i);
    (s.get(..end).unwrap_or(""), s.get(end..).unwrap_or(""))
}

/// Drops leading words found in `modifiers`; reports whether any of `disqualifying` was among them.
pub(super) fn strip_modifiers<'a>(mut s: &'a str, modifiers: &[&str], disqualifying: &[&str]) -> (&'a str, bool) {
    let mut disqualified = false;
    loop {
        let (word, rest) = take_word(s);
        if disqualifying.contains(&word) {
            disqualified = true;
        } else if !modifiers.contains(&word) {
            return (s.trim_start(), disqualified);
        }
        s = rest;
    }
}

pub(super) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_') && chars.all(is_ident_char)
}

/// Splits `Type Name` at the last top-level whitespace: the name is the final identifier.
pub(super) fn split_type_and_name(s: &str) -> Option<(&str, &str)> {
    let s = s.trim();
    let start = s.char_indices().rev().find(|&(_, c)| !is_ident_char(c)).map(|(i, c)| i + c.len_utf8())?;
    let name = s.get(start..)?;
    let ty = s.get(..start)?.trim_end();
    // `Dictionary<string, int>X` has no space before the name: that is not a declaration.
    let separated = s.get(..start)?.ends_with(char::is_whitespace);
    (is_identifier(name) && !ty.is_empty() && separated).then_some((ty, name))
}

/// The text of a string literal (`"a\"b"`, `'x'`, VB's `"a""b"`), or the trimmed text as is.
pub(super) fn unquote(s: &str) -> String {
    let s = s.trim();
    let s = s.strip_prefix('@').filter(|r| r.starts_with('"')).unwrap_or(s);
    let mut chars = s.chars();
    let Some(q) = chars.next().filter(|&c| c == '"' || c == '\'') else {
        return s.to_string();
    };
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            _ if c == q => {
                if chars.clone().next() == Some(q) {
                    chars.next();
                    out.push(q);
                } else {
                    break;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The text of a .NET doc comment line (`<summary>Id</summary>` → `Id`).
pub(super) fn without_xml_tags(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut in_tag = false;
    for c in doc.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A type as its declaration introduces it, before any field or member is read.
pub(super) fn declared_type(
    name: impl Into<String>,
    language: &'static str,
    base: Option<TypeRef>,
    is_enum: bool,
    line: usize,
) -> CodeType {
    CodeType {
        name: name.into(),
        language,
        base,
        is_enum,
        fields: Vec::new(),
        members: Vec::new(),
        returns: None,
        line,
    }
}

/// `text` cut to a length a diagnostic can quote: types in DTO code can be thousands of
/// characters long (generics nested deep), and a message must stay one readable line.
pub(super) fn short(text: &str) -> String {
    crate::read::text::truncate(text, 120)
}

/// What a read gave, or `None` after a warning made from its error: a base class or a member
/// type that cannot be read is left out, so that the rest of the type is still read.
pub(super) fn or_warn<T>(
    read: Result<Option<T>, String>,
    diags: &mut Diagnostics,
    file: &str,
    line: usize,
    warning: impl FnOnce(&str) -> String,
) -> Option<T> {
    read.unwrap_or_else(|e| {
        // The error may quote the rest of the type; a 60,000-character type must not become a
        // 60,000-character message.
        diags.warn(file, line, warning(&crate::read::text::truncate(&e, 200)));
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting_respects_literals_and_brackets() {
        assert_eq!(
            split_top_level(r#"a, "b, c", d<e, f>, g(h, i)"#, ',', true),
            ["a", r#" "b, c""#, " d<e, f>", " g(h, i)"]
        );
        assert_eq!(split_top_level("A = 1 << 2, B", ',', false), ["A = 1 << 2", " B"]);
        assert_eq!(
            split_type_and_name("public virtual Dictionary<string, int> Map"),
            Some(("public virtual Dictionary<string, int>", "Map"))
        );
        assert_eq!(split_type_and_name("Name"), None);
        assert_eq!(unquote(r#""a""b""#), r#"a"b"#);
        assert_eq!(unquote("'it\\'s'"), "it's");
    }
}
