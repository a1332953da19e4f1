//! What the code readers' tests share: numbered lines and a compact rendering of what was read.

use std::fmt::Write;

use crate::diag::Diagnostics;
use crate::facts::{CodeReturn, CodeType};

/// Numbers the lines of `text` from `first`.
pub(crate) fn lines_from(text: &str, first: usize) -> Vec<(usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (first + i, l)).collect()
}

/// A code reader's signature.
pub(crate) type Reader<'a> = &'a dyn Fn(&str, &[(usize, &str)], &mut Diagnostics) -> Vec<CodeType>;

/// Reads `input` (numbered from line 1) with `read` and compares its rendering with `expect`.
#[track_caller]
pub(crate) fn check_read(read: Reader<'_>, input: &str, expect: &str) {
    let lines = lines_from(input, 1);
    let mut diags = Diagnostics::default();
    let types = read("x.txt", &lines, &mut diags);
    let got = render(&types, &diags);
    assert_eq!(got.trim(), expect.trim(), "\n--- got ---\n{got}");
}

/// A compact, line-per-fact rendering of what was read, diagnostics last.
pub(crate) fn render(types: &[CodeType], diags: &Diagnostics) -> String {
    let mut out = String::new();
    for t in types {
        let kind = if t.is_enum { "enum" } else { "class" };
        let _ = write!(out, "{kind} {}", t.name);
        if let Some(base) = &t.base {
            let _ = write!(out, " : {base}");
        }
        match &t.returns {
            Some(CodeReturn::Type(ty)) => {
                let _ = write!(out, " -> {ty}");
            }
            Some(CodeReturn::Void) => out.push_str(" -> void"),
            None => {}
        }
        let _ = writeln!(out, " @{}", t.line);
        for f in &t.fields {
            let ty = f.ty.as_ref().map_or("?".to_string(), ToString::to_string);
            let _ = write!(out, "  {}: {ty}", f.name);
            match f.required {
                Some(true) => out.push_str(" required"),
                Some(false) => out.push_str(" optional"),
                None => {}
            }
            if let Some(d) = &f.description {
                let _ = write!(out, " // {d}");
            }
            let _ = writeln!(out, " @{}", f.line);
        }
        for m in &t.members {
            let _ = write!(out, "  {}", m.name);
            if let Some(v) = &m.value {
                let _ = write!(out, " = {v}");
            }
            if let Some(d) = &m.description {
                let _ = write!(out, " // {d}");
            }
            let _ = writeln!(out, " @{}", m.line);
        }
    }
    for d in &diags.items {
        let _ = writeln!(out, "warning @{}: {}", d.line, d.message);
    }
    out
}
