//! Dart DTOs (`?lang=dart`): `class X extends Base implements IReturn<Y>, IConvertible` with
//! `Type? name;` fields, `// @ApiMember(..)` comments and `enum`s. Constructors, `fromMap`,
//! `toJson` and the `TypeContext` field are plumbing and skipped; `?` is dropped because the
//! generator marks every field nullable.

use super::brace::{self, BraceLang, Decl, Member};
use super::common::{self, Alias, Flavor, Pending};
use crate::type_grammar::{Prim, TypeRef};

pub(super) struct Dart;

impl BraceLang for Dart {
    const LANGUAGE: &'static str = "dart";
    const DISPLAY: &'static str = "Dart";

    fn comment(&self, text: &str, pending: &mut Pending) {
        brace::doc_or_attribute_comment(text, pending);
    }

    fn annotations<'s>(&self, stmt: &'s str, pending: &mut Pending) -> &'s str {
        brace::strip_at_annotations(stmt, pending)
    }

    fn decl(&self, stmt: &str) -> Option<Decl> {
        let (rest, _) = common::strip_modifiers(stmt, &["abstract", "base", "sealed"], &[]);
        let (keyword, rest) = common::take_word(rest);
        let is_enum = match keyword {
            "class" => false,
            "enum" => true,
            _ => return None,
        };
        let (name, rest) = common::take_ident(rest);
        if name.is_empty() {
            return None;
        }
        let bases = if is_enum { Vec::new() } else { brace::clause_bases(brace::skip_type_params(rest)) };
        Some(Decl::new(name, is_enum, bases))
    }

    fn member(&self, stmt: &str) -> Member {
        // `= DateTime(0)` may follow; a `(` before it makes a method or constructor.
        let head = common::find_top_level(stmt, '=', true).and_then(|eq| stmt.get(..eq)).unwrap_or(stmt);
        if head.contains('(') || stmt.contains("=>") {
            return Member::Other;
        }
        let not_data = ["static", "const", "final", "external", "get", "set"];
        let (head, disqualified) = common::strip_modifiers(head, &["late", "covariant"], &not_data);
        if disqualified {
            return Member::Other;
        }
        match common::split_type_and_name(head) {
            Some((ty, _)) if ty.starts_with("TypeContext") => Member::Other,
            Some((ty, name)) => Member::Field { name: name.to_string(), ty: ty.to_string() },
            None => Member::Other,
        }
    }

    fn parse_type(&self, text: &str) -> Result<Option<TypeRef>, String> {
        common::parse_foreign_type(text, &FLAVOR)
    }
}

const FLAVOR: Flavor = Flavor {
    square_generics: false,
    question_is_nullable: false,
    bracket_collections: false,
    index_signatures: false,
    alias,
};

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
class EchoComplexTypes : Base @3
  subType: SubType required // Sub @6
  subTypes: List<SubType> @7
  subTypeMap: Dictionary<string, SubType> @8
  wait: TimeSpan @9
class StoreRockstars : List<Rockstar> @28
enum EnumType @34
  Value1 @36
  Value2 @37
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }
}
