//! Dart DTOs (`?lang=dart`): `class X extends Base implements IReturn<Y>, IConvertible` with
//! `Type? name;` fields, `// @ApiMember(..)` comments and `enum`s. Constructors, `fromMap`,
//! `toJson` and the `TypeContext` field are plumbing and skipped; `?` is dropped because the
//! generator marks every field nullable.

use super::brace::{self, BraceLang, Decl, Member, TypeSyntax};
use super::foreign_types::{Alias, Flavor};
use crate::type_grammar::Prim;

pub(super) struct Dart;

impl BraceLang for Dart {
    const LANGUAGE: &'static str = "dart";
    const DISPLAY: &'static str = "Dart";
    const TYPES: TypeSyntax = TypeSyntax::Foreign(Flavor::new(alias));

    fn decl(&self, stmt: &str) -> Option<Decl> {
        brace::clause_decl(stmt, &["abstract", "base", "sealed"], &["class"])
    }

    fn member(&self, stmt: &str) -> Member {
        // An arrow body makes a getter or method.
        if stmt.contains("=>") {
            return Member::Other;
        }
        let not_data = ["static", "const", "final", "external", "get", "set"];
        match brace::type_first_field(stmt, &["late", "covariant"], &not_data) {
            Member::Field { ty, .. } if ty.starts_with("TypeContext") => Member::Other,
            member => member,
        }
    }
}

fn alias(name: &str) -> Option<Alias> {
    Some(match name {
        "num" => Alias::Vague,
        "Duration" => Alias::Prim(Prim::TimeSpan),
        "dynamic" => Alias::Prim(Prim::Object),
        "Uint8List" => Alias::Bytes,
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
// @Route("/echo/complex")
class EchoComplexTypes extends Base implements IReturn<EchoComplexTypes>, IConvertible
{
    // @ApiMember(Description="Sub", IsRequired=true)
    SubType? subType;
    List<SubType>? subTypes = [];
    Map<String,SubType>? subTypeMap;
    Duration? wait = Duration(seconds: 1);

    EchoComplexTypes({this.subType,this.subTypes,this.subTypeMap});
    EchoComplexTypes.fromJson(Map<String, dynamic> json) { fromMap(json); }

    fromMap(Map<String, dynamic> json) {
        subType = JsonConverters.fromJson(json['subType'],'SubType',context);
        return this;
    }

    Map<String, dynamic> toJson() => {
        'subType': JsonConverters.toJson(subType,'SubType',context),
    };

    createResponse() => EchoComplexTypes();
    getTypeName() => "EchoComplexTypes";
    TypeContext? context = _ctx;
}

class StoreRockstars extends ListBase<Rockstar> implements IReturn<StoreRockstars>, IConvertible
{
    final List<Rockstar> l = [];
    int get length => l.length;
}

enum EnumType
{
    Value1,
    Value2,
}
"#;
        let mut diags = Diagnostics::default();
        let types = brace::read(&Dart, "x.txt", &lines_from(input, 1), &mut diags);
        let expect = r#"
class EchoComplexTypes : Base -> EchoComplexTypes @3
  subType: SubType required // Sub @6
  subTypes: List<SubType> @7
  subTypeMap: Dictionary<string, SubType> @8
  wait: TimeSpan @9
class StoreRockstars : List<Rockstar> -> StoreRockstars @28
enum EnumType @34
  Value1 @36
  Value2 @37
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }

    #[test]
    fn declared_responses() {
        let input = r#"
// @Route("/reset")
class ClearChatHistory implements IReturnVoid, IConvertible, IPost
{
    createResponse() {}
    getTypeName() => "ClearChatHistory";
    TypeContext? context = _ctx;
}

class QueryRockstars extends QueryDb<Rockstar> implements IReturn<QueryResponse<Rockstar>>, IConvertible, IGet
{
    createResponse() => QueryResponse<Rockstar>();
}

class GetLookup implements IReturn<Map<String,List<Poco>?>>, IConvertible
{
}

class HelloResponse implements IConvertible
{
    String? result;
}
"#;
        let mut diags = Diagnostics::default();
        let types = brace::read(&Dart, "x.txt", &lines_from(input, 1), &mut diags);
        let expect = r#"
class ClearChatHistory -> void @3
class QueryRockstars : QueryDb<Rockstar> -> QueryResponse<Rockstar> @10
class GetLookup -> Dictionary<string, List<Poco>> @15
class HelloResponse @19
  result: string @21
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }
}
