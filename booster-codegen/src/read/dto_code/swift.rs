//! Swift DTOs (`?lang=swift`): `public class X : Base, IReturn, Codable` with
//! `public var name:Type?` members, `// @ApiMember(..)` comments and `case` enums. The
//! generator marks every property optional, so `?` is dropped; `CodingKeys` enums and the
//! `init` bodies are plumbing and skipped.

use super::brace::{self, BraceLang, Decl, Member};
use super::common::{self, Alias, Flavor, Pending};
use crate::type_grammar::{Prim, TypeRef};

pub(super) struct Swift;

impl BraceLang for Swift {
    const LANGUAGE: &'static str = "swift";
    const DISPLAY: &'static str = "Swift";

    fn comment(&self, text: &str, pending: &mut Pending) {
        brace::doc_or_attribute_comment(text, pending);
    }

    fn annotations<'s>(&self, stmt: &'s str, pending: &mut Pending) -> &'s str {
        brace::strip_at_annotations(stmt, pending)
    }

    fn decl(&self, stmt: &str) -> Option<Decl> {
        let modifiers = ["public", "open", "final", "private", "internal", "fileprivate", "indirect"];
        let (rest, _) = common::strip_modifiers(stmt, &modifiers, &[]);
        let (keyword, rest) = common::take_word(rest);
        let is_enum = match keyword {
            "class" | "struct" | "protocol" => false,
            "enum" => true,
            _ => return None,
        };
        let (name, rest) = common::take_ident(rest);
        if name.is_empty() {
            return None;
        }
        let rest = brace::skip_type_params(rest).trim_start();
        let bases = match rest.strip_prefix(':') {
            Some(list) if !is_enum => common::split_top_level(list, ',', true)
                .into_iter()
                .map(|b| b.trim().to_string())
                .filter(|b| !b.is_empty())
                .collect(),
            _ => Vec::new(),
        };
        let mut decl = Decl::new(name, is_enum, bases);
        decl.skip = name == "CodingKeys";
        Some(decl)
    }

    fn member(&self, stmt: &str) -> Member {
        let modifiers = ["public", "open", "internal", "final", "override", "lazy", "weak", "required"];
        let (rest, not_data) =
            common::strip_modifiers(stmt, &modifiers, &["static", "class", "private", "fileprivate"]);
        let (keyword, rest) = common::take_word(rest);
        if not_data || !matches!(keyword, "var" | "let") {
            return Member::Other;
        }
        let rest = rest.trim_start();
        let (name, rest) = match rest.strip_prefix('`') {
            Some(quoted) => quoted.split_once('`').unwrap_or((quoted, "")),
            None => common::take_ident(rest),
        };
        let Some(ty) = rest.trim_start().strip_prefix(':') else {
            return Member::Other;
        };
        if ty.contains('{') {
            return Member::Other;
        }
        let ty = common::find_top_level(ty, '=', true).and_then(|eq| ty.get(..eq)).unwrap_or(ty);
        Member::Field { name: name.to_string(), ty: ty.trim().to_string() }
    }

    fn parse_type(&self, text: &str) -> Result<Option<TypeRef>, String> {
        common::parse_foreign_type(text, &FLAVOR)
    }
}

const FLAVOR: Flavor = Flavor {
    square_generics: false,
    question_is_nullable: false,
    bracket_collections: true,
    index_signatures: false,
    alias,
};

fn alias(name: &str) -> Option<Alias> {
    Some(match name {
        "Int8" => Alias::Prim(Prim::SByte),
        "UInt8" => Alias::Prim(Prim::Byte),
        "Character" => Alias::Prim(Prim::Char),
        "Date" => Alias::Prim(Prim::DateTime),
        "TimeInterval" => Alias::Prim(Prim::TimeSpan),
        "UUID" => Alias::Prim(Prim::Guid),
        "Any" | "AnyObject" => Alias::Prim(Prim::Object),
        "Data" => Alias::Bytes,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::read::dto_code::test_support::{lines_from, render};

    #[test]
    fn classes_and_enums() {
        let input = r#"
// @Route("/echo/types")
public class EchoTypes : HelloBase, IReturn, Codable
{
    public typealias Return = EchoTypes

    // @ApiMember(Description="A byte", IsRequired=true)
    public var byte:Int8?
    @TimeSpan public var timeSpan:TimeInterval?
    public var pocoLookupMap:[String:[[String:Poco]]] = [:]
    public var `default`:String?

    required public init(){}

    private enum CodingKeys : String, CodingKey {
        case byte
        case timeSpan
    }

    required public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        byte = try container.decodeIfPresent(Int8.self, forKey: .byte)
    }
}

public enum EnumWithValues : Int, Codable
{
    case None = 0
    case Value1 = 1
}
"#;
        let mut diags = Diagnostics::default();
        let types = brace::read(&Swift, "x.txt", &lines_from(input, 1), &mut diags);
        let expect = r#"
class EchoTypes : HelloBase @3
  byte: sbyte required // A byte @8
  timeSpan: TimeSpan @9
  pocoLookupMap: Dictionary<string, List<Dictionary<string, Poco>>> @10
  default: string @11
enum EnumWithValues @26
  None = 0 @28
  Value1 = 1 @29
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }
}
