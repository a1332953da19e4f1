//! DTO code tabs (`?lang=python`, `?lang=csharp`, ...): the types a block of generated client
//! code declares, read line by line. The language is recognised from the code itself; each
//! reader reports what the code says and never decides anything across pages.

mod brace;
mod common;
mod csharp;
mod dart;
mod fsharp;
mod java;
mod kotlin;
mod python;
mod swift;
mod typescript;
mod vbnet;

use crate::diag::Diagnostics;
use crate::facts::CodeType;

/// The languages of ServiceStack's language bar that these readers understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Language {
    Python,
    CSharp,
    VbNet,
    TypeScript,
    Kotlin,
    Java,
    Swift,
    Dart,
    FSharp,
}

const LANGUAGES: [Language; 9] = [
    Language::Python,
    Language::CSharp,
    Language::VbNet,
    Language::TypeScript,
    Language::Kotlin,
    Language::Java,
    Language::Swift,
    Language::Dart,
    Language::FSharp,
];

/// Reads the types declared in a block of DTO code. `lines` are `(page line number, text)`.
pub fn read_code(file: &str, lines: &[(usize, &str)], diags: &mut Diagnostics) -> Vec<CodeType> {
    let code: Vec<(usize, &str)> = lines.iter().copied().filter(|(_, text)| !is_link_line(text)).collect();
    let Some(language) = detect(&code) else {
        if let Some(&(line, _)) = code.iter().find(|(_, text)| !text.trim().is_empty()) {
            diags.warn(
                file,
                line,
                "could not tell which language this DTO code block is written in, so its types were not read; the page's tables and samples still are",
            );
        }
        return Vec::new();
    };
    match language {
        Language::Python => python::read(file, &code, diags),
        Language::CSharp => brace::read(&csharp::CSharp, file, &code, diags),
        Language::VbNet => vbnet::read(file, &code, diags),
        Language::TypeScript => brace::read(&typescript::TypeScript, file, &code, diags),
        Language::Kotlin => brace::read(&kotlin::Kotlin, file, &code, diags),
        Language::Java => brace::read(&java::Java, file, &code, diags),
        Language::Swift => brace::read(&swift::Swift, file, &code, diags),
        Language::Dart => brace::read(&dart::Dart, file, &code, diags),
        Language::FSharp => fsharp::read(file, &code, diags),
    }
}

/// Whether a line opens a DTO code block (an import/using/namespace line of some language).
pub fn starts_code_block(line: &str) -> bool {
    let t = line.trim_start();
    [
        "import ",
        "from ",
        "using ",
        "Imports ",
        "namespace ",
        "Namespace ",
        "package ",
        "open System",
        "export class ",
        "export enum ",
        "export interface ",
    ]
    .iter()
    .any(|prefix| t.starts_with(prefix))
}

/// The link under the code (`Python ExportCustomer DTOs`), which some renderings keep.
fn is_link_line(text: &str) -> bool {
    const NAMES: &[&str] = &[
        "C#",
        "F#",
        "VB.NET",
        "TypeScript",
        "JavaScript",
        "Python",
        "Java",
        "Kotlin",
        "Swift",
        "Dart",
        "PHP",
        "Go",
        "Rust",
        "Ruby",
        "Zig",
    ];
    let text = text.trim();
    // Markdown renderings keep the link: `[Python ExportCustomer DTOs](/types/python?...)`.
    let text = text.strip_prefix('[').and_then(|t| t.split("](").next()).unwrap_or(text);
    let mut words = text.split_whitespace();
    matches!(
        (words.next(), words.next(), words.next(), words.next()),
        (Some(lang), Some(_), Some("DTOs"), None) if NAMES.contains(&lang)
    )
}

/// Scores each language by lines only it writes; ties go to the earlier language in [`LANGUAGES`].
fn detect(lines: &[(usize, &str)]) -> Option<Language> {
    let mut scores = [0u32; LANGUAGES.len()];
    for &(_, text) in lines {
        let t = text.trim();
        for (score, language) in scores.iter_mut().zip(LANGUAGES) {
            *score += cue(language, t);
        }
    }
    let (best, score) =
        LANGUAGES.iter().zip(scores).fold(
            (None, 0),
            |(best, top), (&language, score)| {
                if score > top { (Some(language), score) } else { (best, top) }
            },
        );
    best.filter(|_| score >= 3)
}

/// How strongly one trimmed line says "this is `language`".
fn cue(language: Language, t: &str) -> u32 {
    let starts = |p: &str| t.starts_with(p);
    let has = |p: &str| t.contains(p);
    match language {
        Language::Python => {
            if starts("@dataclass") || starts("from typing import") || starts("from dataclasses") {
                5
            } else if starts("class ") && t.ends_with(':') {
                3
            } else if starts("# @") || starts("import datetime") || starts("import decimal") {
                2
            } else {
                0
            }
        }
        Language::CSharp => {
            if has("{ get; set; }") {
                5
            } else if starts("using System") || starts("public partial class ") {
                3
            } else if starts("public class ") || starts("public enum ") || (starts("[") && !starts("[<")) {
                1
            } else {
                0
            }
        }
        Language::VbNet => {
            if starts("End Class") || starts("End Namespace") || starts("End Enum") {
                5
            } else if starts("Imports ") || (starts("Public ") && (has(" Class ") || has(" Property "))) {
                3
            } else if starts("Inherits ") || starts("Implements ") || starts("Namespace ") {
                2
            } else {
                0
            }
        }
        Language::TypeScript => {
            if starts("export class ")
                || starts("export enum ")
                || starts("export interface ")
                || has("init?: Partial<")
            {
                5
            } else {
                0
            }
        }
        Language::Kotlin => {
            if starts("open class ") || starts("companion object") {
                5
            } else if starts("enum class ") || (starts("import ") && !t.ends_with(';') && has(".*")) {
                3
            } else if (starts("var ") || starts("open var ")) && has(":") {
                1
            } else {
                0
            }
        }
        Language::Java => {
            if starts("public static class ") || starts("public static enum ") || starts("public class dtos") {
                5
            } else if (starts("import ") || starts("package ")) && t.ends_with(';') {
                2
            } else {
                0
            }
        }
        Language::Swift => {
            if starts("required public init") || has(", Codable") || has(": Codable") {
                5
            } else if starts("import Foundation") {
                4
            } else if starts("public var ") || starts("open var ") || starts("public typealias ") {
                2
            } else {
                0
            }
        }
        Language::Dart => {
            if starts("import 'package:") || has("IConvertible") {
                5
            } else if has("TypeContext") || has(".fromJson(") {
                3
            } else {
                0
            }
        }
        Language::FSharp => {
            if starts("member val ") || starts("open System") {
                5
            } else if starts("[<") || (starts("type ") && t.ends_with('=')) {
                3
            } else if starts("inherit ") {
                2
            } else {
                0
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use std::fmt::Write;

    use crate::diag::Diagnostics;
    use crate::facts::CodeType;

    /// Numbers the lines of `text` from `first`.
    pub(crate) fn lines_from(text: &str, first: usize) -> Vec<(usize, &str)> {
        text.lines().enumerate().map(|(i, l)| (first + i, l)).collect()
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
}
