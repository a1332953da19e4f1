//! Java DTOs (`?lang=java`): `public static class X extends Base implements IReturn<Y>` inside
//! the generator's `public class dtos` wrapper, with `public Type name = null;` fields,
//! annotations, and enums whose member list ends at `;`. Getters and setters are skipped.
//! Java boxes every value type, so nothing is marked nullable.

use super::brace::{self, BraceLang, Decl, Member, TypeSyntax};
use super::foreign_types::{Alias, Flavor};
use crate::type_grammar::Prim;

pub(super) struct Java;

impl BraceLang for Java {
    const LANGUAGE: &'static str = "java";
    const DISPLAY: &'static str = "Java";
    const TYPES: TypeSyntax = TypeSyntax::Foreign(Flavor::new(alias));

    fn decl(&self, stmt: &str) -> Option<Decl> {
        let modifiers = ["public", "private", "protected", "static", "abstract", "final", "sealed", "strictfp"];
        let mut decl = brace::clause_decl(stmt, &modifiers, &["class", "interface", "record"])?;
        // The generator wraps every DTO in `public class dtos { .. }`.
        decl.skip = decl.name == "dtos";
        Some(decl)
    }

    fn member(&self, stmt: &str) -> Member {
        let modifiers = ["public", "private", "protected", "final", "transient", "volatile"];
        brace::type_first_field(stmt, &modifiers, &["static"])
    }
}

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
class HelloWithDataContract : HelloBase -> HelloWithDataContractResponse @5
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

    #[test]
    fn declared_responses() {
        let input = r#"
public class dtos
{
    @Route("/channels/{Channel}/raw")
    public static class PostRawToChannel implements IReturnVoid
    {
        public String channel = null;
    }

    public static class QueryRockstars extends QueryDb<Rockstar> implements IReturn<QueryResponse<Rockstar>>, IGet
    {
        private static Object responseType = new TypeToken<QueryResponse<Rockstar>>(){}.getType();
        public Object getResponseType() { return responseType; }
    }

    public static class GetLookup implements IReturn<HashMap<String,ArrayList<Poco>>>
    {
    }

    public static class HelloResponse
    {
        public String result = null;
    }
}
"#;
        let mut diags = Diagnostics::default();
        let types = brace::read(&Java, "x.txt", &lines_from(input, 1), &mut diags);
        let expect = r#"
class PostRawToChannel -> void @5
  channel: string @7
class QueryRockstars : QueryDb<Rockstar> -> QueryResponse<Rockstar> @10
class GetLookup -> Dictionary<string, List<Poco>> @16
class HelloResponse @20
  result: string @22
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }
}
