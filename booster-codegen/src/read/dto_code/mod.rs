//! DTO code tabs (`?lang=python`, `?lang=csharp`, ...): the types a block of generated client
//! code declares, read line by line. The language is recognised from the code itself; each
//! reader reports what the code says and never decides anything across pages.

mod attributes;
mod bases;
mod brace;
mod brace_decl;
mod common;
mod csharp;
mod dart;
mod detect;
mod foreign_types;
mod fsharp;
mod java;
mod javascript;
mod kotlin;
mod python;
mod python_syntax;
mod swift;
mod typescript;
mod vbnet;

use crate::diag::Diagnostics;
use crate::facts::CodeType;
use detect::{Language, detect};

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
    let mut types = match language {
        Language::Python => python::read(file, &code, diags),
        Language::CSharp => brace::read(&csharp::CSharp, file, &code, diags),
        Language::VbNet => vbnet::read(file, &code, diags),
        Language::TypeScript => brace::read(&typescript::TypeScript, file, &code, diags),
        Language::Kotlin => brace::read(&kotlin::Kotlin, file, &code, diags),
        Language::Java => brace::read(&java::Java, file, &code, diags),
        Language::Swift => brace::read(&swift::Swift, file, &code, diags),
        Language::Dart => brace::read(&dart::Dart, file, &code, diags),
        Language::FSharp => fsharp::read(file, &code, diags),
        Language::JavaScript => javascript::read(file, &code, diags),
    };
    types.retain(|t| !bases::is_servicestack_interface(&t.name));
    types
}

/// Whether the block is in a language these readers know (else [`read_code`] says so once and
/// reads nothing).
pub fn language_known(lines: &[(usize, &str)]) -> bool {
    let code: Vec<(usize, &str)> = lines.iter().copied().filter(|(_, text)| !is_link_line(text)).collect();
    detect(&code).is_some()
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
        "export class ",
        "export enum ",
        "export interface ",
        // JavaScript modules: an enum comes first as `export var E;`, the file as "use strict".
        "export var ",
        "\"use strict\"",
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

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;
