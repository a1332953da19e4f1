//! Kotlin DTOs (`?lang=kotlin`): `open class X : Base(), IReturn<Y>` with
//! `var name:Type? = null` members, `@ApiMember`/`@SerializedName` annotations and
//! `enum class`es. The generator marks every property `?`, so `?` says nothing about the wire
//! and is dropped; names are as written unless `@SerializedName` renames them.

use super::brace::{self, BraceLang, Decl, Member};
use super::common::{self, Alias, Flavor, Pending};
use crate::type_grammar::{Prim, TypeRef};

pub(super) struct Kotlin;

impl BraceLang for Kotlin {
    const LANGUAGE: &'static str = "kotlin";
    const DISPLAY: &'static str = "Kotlin";

    fn comment(&self, text: &str, pending: &mut Pending) {
        brace::doc_or_attribute_comment(text, pending);
    }

    fn annotations<'s>(&self, stmt: &'s str, pending: &mut Pending) -> &'s str {
        brace::strip_at_annotations(stmt, pending)
    }

    fn decl(&self, stmt: &str) -> Option<Decl> {
        let modifiers = [
            "open",
            "data",
            "abstract",
            "sealed",
            "inner",
            "public",
            "private",
            "internal",
            "protected",
            "final",
            "value",
        ];
        let (rest, _) = common::strip_modifiers(stmt, &modifiers, &[]);
        let (keyword, rest) = common::take_word(rest);
        let (is_enum, rest) = match keyword {
            "class" | "interface" => (false, rest),
            "enum" => match common::take_word(rest) {
                ("class", rest) => (true, rest),
                _ => return None,
            },
            _ => return None,
        };
        let (name, rest) = common::take_ident(rest);
        if name.is_empty() {
            return None;
        }
        let mut rest = brace::skip_type_params(rest).trim_start();
        // The primary constructor: `enum class E(val value:Int)`.
        if rest.starts_with('(') {
            let end = common::matching_close(rest, '(', ')', true).unwrap_or(rest.len());
            rest = rest.get(end..).unwrap_or("").trim_start();
        }
        let bases = match rest.strip_prefix(':') {
            Some(list) if !is_enum => common::split_top_level(list, ',', true)
                .into_iter()
                // `AuthUserSession()` calls the base's constructor.
                .map(|b| {
                    common::find_top_level(b, '(', true).and_then(|at| b.get(..at)).unwrap_or(b).trim().to_string()
                })
                .filter(|b| !b.is_empty())
                .collect(),
            _ => Vec::new(),
        };
        Some(Decl::new(name, is_enum, bases))
    }

    fn member(&self, stmt: &str) -> Member {
        let modifiers = ["open", "override", "public", "internal", "protected", "lateinit", "final", "abstract"];
        let (rest, not_data) = common::strip_modifiers(stmt, &modifiers, &["private", "const"]);
        let (keyword, rest) = common::take_word(rest);
        if not_data || !matches!(keyword, "var" | "val") {
            return Member::Other;
        }
        let rest = rest.trim_start();
        let (name, rest) = match rest.strip_prefix('`') {
            Some(quoted) => quoted.split_once('`').unwrap_or((quoted, "")),
            None => common::take_ident(rest),
        };
        let Some(ty) = rest.trim_start().strip_prefix(':') else {
            return Member::Broken(format!(
                "could not read `{}` as a Kotlin property (`var name:Type`); it was skipped (check the DTO code block for a cut or garbled line)",
                stmt.trim()
            ));
        };
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
    bracket_collections: false,
    index_signatures: false,
    alias,
};

fn alias(name: &str) -> Option<Alias> {
    Some(match name {
        "BigDecimal" => Alias::Prim(Prim::Decimal),
        "BigInteger" => Alias::Prim(Prim::ULong),
        "Date" => Alias::Prim(Prim::DateTime),
        "UUID" => Alias::Prim(Prim::Guid),
        "Any" => Alias::Prim(Prim::Object),
        "InputStream" => Alias::Prim(Prim::Stream),
        "ByteArray" => Alias::Bytes,
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
@Route(Path="/jwt", Verbs="POST")
open class CreateJwt : AuthUserSession(), IReturn<CreateJwtResponse>
{
    /**
    * Range Description
    */
    @DataMember(Name="Aliased")
    @ApiMember(DataType="double", Description="Range", IsRequired=true)
    var range:Double? = null
    @SerializedName("int") var Int:Int? = null
    var names:ArrayList<String> = ArrayList<String>()
    var lookup:HashMap<String,ArrayList<Poco>>? = null
    var data:ByteArray? = null
    var `continue`:String? = null
    companion object { private val responseType = CreateJwtResponse::class.java }
    override fun getResponseType(): Any? = CreateJwt.responseType
}

open class StoreRockstars : ArrayList<Rockstar>(), IReturn<StoreRockstars>
{
}

open class Empty

enum class EnumFlags(val value:Int)
{
    @SerializedName("1") Value1(1),
    Value2(2),
}
"#;
        let mut diags = Diagnostics::default();
        let types = brace::read(&Kotlin, "x.txt", &lines_from(input, 1), &mut diags);
        let expect = r#"
class CreateJwt : AuthUserSession @3
  Aliased: double required // Range @10
  int: int @11
  names: List<string> @12
  lookup: Dictionary<string, List<Poco>> @13
  data: List<byte> @14
  continue: string @15
class StoreRockstars : List<Rockstar> @20
class Empty @24
enum EnumFlags @26
  Value1 = 1 @28
  Value2 = 2 @29
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }
}
