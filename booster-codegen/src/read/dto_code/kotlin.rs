//! Kotlin DTOs (`?lang=kotlin`): `open class X : Base(), IReturn<Y>` with
//! `var name:Type? = null` members, `@ApiMember`/`@SerializedName` annotations and
//! `enum class`es. The generator marks every property `?`, so `?` says nothing about the wire
//! and is dropped; names are as written unless `@SerializedName` renames them.

use super::brace::{self, BraceLang, Decl, Member, TypeSyntax};
use super::common;
use super::foreign_types::{Alias, Flavor};
use crate::type_grammar::Prim;

pub(super) struct Kotlin;

impl BraceLang for Kotlin {
    const LANGUAGE: &'static str = "kotlin";
    const DISPLAY: &'static str = "Kotlin";
    const TYPES: TypeSyntax = TypeSyntax::Foreign(Flavor::new(alias));

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
        let (name, rest) = brace::type_name(rest)?;
        let mut rest = rest.trim_start();
        // The primary constructor: `enum class E(val value:Int)`.
        if rest.starts_with('(') {
            let end = common::matching_close(rest, '(', ')', true).unwrap_or(rest.len());
            rest = rest.get(end..).unwrap_or("");
        }
        let bases = brace::colon_list(rest, is_enum).map_or_else(Vec::new, |list| {
            common::split_top_level(list, ',', true)
                .into_iter()
                // `AuthUserSession()` calls the base's constructor.
                .map(|b| common::before_top_level(b, '(', true).trim().to_string())
                .filter(|b| !b.is_empty())
                .collect()
        });
        Some(Decl::new(name, is_enum, bases))
    }

    fn member(&self, stmt: &str) -> Member {
        let modifiers = ["open", "override", "public", "internal", "protected", "lateinit", "final", "abstract"];
        let Some(decl) = brace::property_decl(stmt, &modifiers, &["private", "const"], &["var", "val"]) else {
            return Member::Other;
        };
        match brace::name_and_type(decl) {
            Some((name, ty)) => Member::field(name, ty),
            None => Member::Broken(format!(
                "could not read `{}` as a Kotlin property (`var name:Type`); it was skipped (check the DTO code block for a cut or garbled line)",
                stmt.trim()
            )),
        }
    }
}

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
class CreateJwt : AuthUserSession -> CreateJwtResponse @3
  Aliased: double required // Range @10
  int: int @11
  names: List<string> @12
  lookup: Dictionary<string, List<Poco>> @13
  data: List<byte> @14
  continue: string @15
class StoreRockstars : List<Rockstar> -> StoreRockstars @20
class Empty @24
enum EnumFlags @26
  Value1 = 1 @28
  Value2 = 2 @29
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }

    #[test]
    fn declared_responses() {
        let input = r#"
@Route("/reset")
open class ClearChatHistory : IReturnVoid
{
}

open class QueryRockstars : QueryDb<Rockstar>(), IReturn<QueryResponse<Rockstar>>, IGet
{
    companion object { private val responseType = object : TypeToken<QueryResponse<Rockstar>>(){}.type }
    override fun getResponseType(): Any? = QueryRockstars.responseType
}

open class GetLookup : IReturn<HashMap<String,ArrayList<Poco>>>

open class HelloResponse
{
    var result:String? = null
}
"#;
        let mut diags = Diagnostics::default();
        let types = brace::read(&Kotlin, "x.txt", &lines_from(input, 1), &mut diags);
        let expect = r#"
class ClearChatHistory -> void @3
class QueryRockstars : QueryDb<Rockstar> -> QueryResponse<Rockstar> @7
class GetLookup -> Dictionary<string, List<Poco>> @13
class HelloResponse @15
  result: string @17
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }
}
