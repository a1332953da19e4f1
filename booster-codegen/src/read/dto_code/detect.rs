//! Which language a DTO code block is written in, told from the code itself: each language
//! scores the lines only it writes.

/// The languages of ServiceStack's language bar that these readers understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Language {
    Python,
    CSharp,
    VbNet,
    TypeScript,
    Kotlin,
    Java,
    Swift,
    Dart,
    FSharp,
    JavaScript,
}

const LANGUAGES: [Language; 10] = [
    Language::Python,
    Language::CSharp,
    Language::VbNet,
    Language::TypeScript,
    Language::Kotlin,
    Language::Java,
    Language::Swift,
    Language::Dart,
    Language::FSharp,
    Language::JavaScript,
];

/// Scores each language by lines only it writes; ties go to the earlier language in [`LANGUAGES`].
pub(super) fn detect(lines: &[(usize, &str)]) -> Option<Language> {
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
        Language::JavaScript => {
            // JSDoc-typed fields and the enums TypeScript compiles to; classes as TypeScript.
            if has("Object.assign(this, init)") || starts("/** @type {") || starts("(function (") {
                5
            } else if starts("export var ") || starts("\"use strict\"") {
                3
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
mod tests {
    use super::*;
    use crate::read::dto_code::test_support::lines_from;

    #[test]
    fn language_detection() {
        let cases = [
            ("@dataclass\nclass A:\n    x: int = 0", Some(Language::Python)),
            ("from typing import *\nclass A(B):\n    pass", Some(Language::Python)),
            (
                "namespace X\n{\n    public class A\n    {\n        public int X { get; set; }\n    }\n}",
                Some(Language::CSharp),
            ),
            ("using System;\npublic partial class A\n{\n}", Some(Language::CSharp)),
            ("Imports System\nPublic Partial Class A\nEnd Class", Some(Language::VbNet)),
            ("export class A\n{\n    public x?: number;\n}", Some(Language::TypeScript)),
            ("import java.math.*\nopen class A\n{\n    var x:Int? = null\n}", Some(Language::Kotlin)),
            (
                "import java.math.*;\npublic class dtos\n{\n    public static class A\n    {\n    }\n}",
                Some(Language::Java),
            ),
            ("import Foundation\npublic class A : Codable\n{\n    public var x:Int?\n}", Some(Language::Swift)),
            (
                "import 'package:servicestack/servicestack.dart';\nclass A implements IConvertible\n{\n}",
                Some(Language::Dart),
            ),
            (
                "namespace X\nopen System\n    type A() =\n        member val X:Int32 = 0 with get,set",
                Some(Language::FSharp),
            ),
            ("To override the Content-type in your clients", None),
            ("", None),
        ];
        for (code, expect) in cases {
            assert_eq!(detect(&lines_from(code, 1)), expect, "{code}");
        }
    }
}
