//! Swift DTOs (`?lang=swift`): `public class X : Base, IReturn, Codable` with
//! `public var name:Type?` members, `// @ApiMember(..)` comments and `case` enums. The
//! generator marks every property optional, so `?` is dropped; `CodingKeys` enums and the
//! `init` bodies are plumbing and skipped.

use super::brace::{self, BraceLang, Decl, Member, TypeSyntax};
use super::common;
use super::foreign_types::{Alias, Flavor};
use crate::type_grammar::Prim;

pub(super) struct Swift;

impl BraceLang for Swift {
    const LANGUAGE: &'static str = "swift";
    const DISPLAY: &'static str = "Swift";
    const TYPES: TypeSyntax = TypeSyntax::Foreign(Flavor { bracket_collections: true, ..Flavor::new(alias) });

    fn decl(&self, stmt: &str) -> Option<Decl> {
        let modifiers = ["public", "open", "final", "private", "internal", "fileprivate", "indirect"];
        let (name, is_enum, rest) = brace::decl_head(stmt, &modifiers, &["class", "struct", "protocol"])?;
        let bases = brace::colon_list(rest, is_enum).map_or_else(Vec::new, brace::split_bases);
        let mut decl = Decl::new(name, is_enum, bases);
        decl.skip = name == "CodingKeys";
        Some(decl)
    }

    fn member(&self, stmt: &str) -> Member {
        let modifiers = ["public", "open", "internal", "final", "override", "lazy", "weak", "required"];
        let not_data = ["static", "class", "private", "fileprivate"];
        // `IReturn` (no type argument in Swift) comes with the response type as an alias.
        let (rest, _) = common::strip_modifiers(stmt, &modifiers, &[]);
        let alias = rest.strip_prefix("typealias ").and_then(|r| r.trim_start().strip_prefix("Return"));
        if let Some(ty) = alias.and_then(|r| r.trim_start().strip_prefix('=')) {
            return Member::Returns(ty.trim().to_string());
        }
        match brace::property_decl(stmt, &modifiers, &not_data, &["var", "let"]).and_then(brace::name_and_type) {
            // A computed property (`var x: Int { .. }`) stores nothing.
            Some((_, ty)) if ty.contains('{') => Member::Other,
            Some((name, ty)) => Member::field(name, ty),
            None => Member::Other,
        }
    }
}

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
class EchoTypes : HelloBase -> EchoTypes @3
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

    #[test]
    fn declared_responses() {
        let input = r#"
// @Route("/channels/{Channel}/raw")
public class PostRawToChannel : IReturnVoid, Codable
{
    public var channel:String?
    required public init(){}
}

public class QueryRockstars : QueryDb<Rockstar>, IReturn, IGet
{
    public typealias Return = QueryResponse<Rockstar>
    required public init(){ super.init() }
}

public class GetLookup : IReturn, Codable
{
    public typealias Return = [String:[Poco]]
}

public class NoAlias : IReturn, Codable
{
}

public class HelloResponse : Codable
{
    public var result:String?
}
"#;
        let mut diags = Diagnostics::default();
        let types = brace::read(&Swift, "x.txt", &lines_from(input, 1), &mut diags);
        let expect = r#"
class PostRawToChannel -> void @3
  channel: string @5
class QueryRockstars : QueryDb<Rockstar> -> QueryResponse<Rockstar> @9
class GetLookup -> Dictionary<string, List<Poco>> @15
class NoAlias @20
class HelloResponse @24
  result: string @26
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }
}
