//! Java DTOs (`?lang=java`): `public static class X extends Base implements IReturn<Y>` inside
//! the generator's `public class dtos` wrapper, with `public Type name = null;` fields,
//! annotations, and enums whose member list ends at `;`. Getters and setters are skipped.
//! Java boxes every value type, so nothing is marked nullable.

use super::brace::{self, BraceLang, Decl, Member};
use super::common::{self, Alias, Flavor, Pending};
use crate::type_grammar::{Prim, TypeRef};

pub(super) struct Java;

impl BraceLang for Java {
    const LANGUAGE: &'static str = "java";
    const DISPLAY: &'static str = "Java";

    fn comment(&self, text: &str, pending: &mut Pending) {
        brace::doc_or_attribute_comment(text, pending);
    }

    fn annotations<'s>(&self, stmt: &'s str, pending: &mut Pending) -> &'s str {
        brace::strip_at_annotations(stmt, pending)
    }

    fn decl(&self, stmt: &str) -> Option<Decl> {
        let modifiers = ["public", "private", "protected", "static", "abstract", "final", "sealed", "strictfp"];
        let (rest, _) = common::strip_modifiers(stmt, &modifiers, &[]);
        let (keyword, rest) = common::take_word(rest);
        let is_enum = match keyword {
            "class" | "interface" | "record" => false,
            "enum" => true,
            _ => return None,
        };
        let (name, rest) = common::take_ident(rest);
        if name.is_empty() {
            return None;
        }
        let bases = if is_enum { Vec::new() } else { brace::clause_bases(brace::skip_type_params(rest)) };
        let mut decl = Decl::new(name, is_enum, bases);
        // The generator wraps every DTO in `public class dtos { .. }`.
        decl.skip = name == "dtos";
        Some(decl)
    }

    fn member(&self, stmt: &str) -> Member {
        // `= new ArrayList<String>()` may follow; a `(` before it makes a method.
        let head = common::find_top_level(stmt, '=', true).and_then(|eq| stmt.get(..eq)).unwrap_or(stmt);
        if head.contains('(') {
            return Member::Other;
        }
        let modifiers = ["public", "private", "protected", "final", "transient", "volatile"];
        let (head, is_static) = common::strip_modifiers(head, &modifiers, &["static"]);
        if is_static {
            return Member::Other;
        }
        match common::split_type_and_name(head) {
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
        "Integer" => Alias::Prim(Prim::Int),
        "Character" => Alias::Prim(Prim::Char),
        "BigDecimal" => Alias::Prim(Prim::Decimal),
        "BigInteger" => Alias::Prim(Prim::ULong),
        "Date" => Alias::Prim(Prim::DateTime),
        "UUID" => Alias::Prim(Prim::Guid),
        "InputStream" => Alias::Prim(Prim::Stream),
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
public class dtos
{
    @DataContract
    public static class HelloWithDataContract extends HelloBase implements IReturn<HelloWithDataContractResponse>
    {
        @DataMember(Name="name", Order=1, IsRequired=true, EmitDefaultValue=false)
        @SerializedName("name")
        public String Name = null;

        public ArrayList<Integer> ids = new ArrayList<Integer>();
        public byte[] data = null;
        public HashMap<String,Poco> lookup = null;

        public String getName() { return Name; }
        public HelloWithDataContract setName(String value) { this.Name = value; return this; }
        private static Object responseType = HelloWithDataContractResponse.class;
    }

    public static enum EnumFlags
    {
        @SerializedName("1") Value1(1),
        Value2(2);

        private final int value;
        EnumFlags(final int intValue) { value = intValue; }
        public int getValue() { return value; }
    }
}
"#;
        let mut diags = Diagnostics::default();
        let types = brace::read(&Java, "x.txt", &lines_from(input, 1), &mut diags);
        let expect = r#"
class HelloWithDataContract : HelloBase @5
  name: string required @9
  ids: List<int> @11
  data: List<byte> @12
  lookup: Dictionary<string, Poco> @13
enum EnumFlags @20
  Value1 = 1 @22
  Value2 = 2 @23
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }
}
