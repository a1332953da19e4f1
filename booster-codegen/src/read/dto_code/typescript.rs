//! TypeScript DTOs (`?lang=typescript`): `export class X extends Y implements IReturn<Z>` with
//! `public name?: Type;` members, `// @ApiMember(..)` comments and `export enum`s.
//! `number` is too vague to map (int, long, double and decimal all become it), so such
//! members keep no type; names are the wire names as written.

use super::attributes::Pending;
use super::brace::{self, BraceLang, Decl, Member, TypeSyntax};
use super::common;
use super::foreign_types::{Alias, Flavor};
use crate::type_grammar::Prim;

pub(super) struct TypeScript;

impl BraceLang for TypeScript {
    const LANGUAGE: &'static str = "typescript";
    const DISPLAY: &'static str = "TypeScript";
    const TYPES: TypeSyntax = TypeSyntax::Foreign(Flavor { index_signatures: true, ..Flavor::new(alias) });

    // The generator writes attributes as `// @Attr(..)` comments, never as code.
    fn annotations<'s>(&self, stmt: &'s str, _pending: &mut Pending) -> &'s str {
        stmt
    }

    fn decl(&self, stmt: &str) -> Option<Decl> {
        brace::clause_decl(stmt, &["export", "declare", "abstract", "default", "const"], &["class", "interface"])
    }

    fn member(&self, stmt: &str) -> Member {
        let (rest, is_static) = common::strip_modifiers(
            stmt,
            &["public", "private", "protected", "readonly", "declare", "override", "abstract"],
            &["static"],
        );
        let (name, rest) = common::take_ident(rest);
        if is_static || name.is_empty() {
            return Member::Other;
        }
        let rest = rest.trim_start();
        let rest = rest.strip_prefix(['?', '!']).unwrap_or(rest).trim_start();
        let Some(ty) = rest.strip_prefix(':') else {
            return Member::Other;
        };
        let ty = common::before_top_level(ty, '=', true).trim().trim_end_matches(';').trim();
        Member::Field { name: name.to_string(), ty: ty.to_string() }
    }
}

fn alias(name: &str) -> Option<Alias> {
    Some(match name {
        "number" | "bigint" => Alias::Vague,
        "Date" => Alias::Prim(Prim::DateTime),
        "any" | "unknown" | "object" => Alias::Prim(Prim::Object),
        "Uint8Array" | "Blob" | "ArrayBuffer" => Alias::Bytes,
        "Record" => Alias::Map,
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
export class EchoComplexTypes extends Base implements IReturn<EchoComplexTypes>
{
    /** @description The sub type */
    // @ApiMember(IsRequired=true)
    public subType: SubType;
    public subTypes?: SubType[] = [];
    public subTypeMap: { [index:string]: SubType; } = {};
    public intStringMap: { [index:number]: string; };
    public id: number;
    public when: Date;
    public data: Uint8Array;
    public static kind: string;

    public constructor(init?: Partial<EchoComplexTypes>) { super(init); (Object as any).assign(this, init); }
    public getTypeName() { return 'EchoComplexTypes'; }
}

export class StoreRockstars extends Array<Rockstar> implements IReturn<StoreRockstars>
{
    public constructor(init?: Partial<StoreRockstars>) { super(); (Object as any).assign(this, init); }
}

export enum EnumType
{
    Value1 = 'Value1',
    Lower = 'lower',
    Flag = 4,
}
"#;
        let mut diags = Diagnostics::default();
        let types = brace::read(&TypeScript, "x.txt", &lines_from(input, 1), &mut diags);
        let expect = r#"
class EchoComplexTypes : Base -> EchoComplexTypes @3
  subType: SubType required // The sub type @7
  subTypes: List<SubType> @8
  subTypeMap: Dictionary<string, SubType> @9
  intStringMap: ? @10
  id: ? @11
  when: DateTime @12
  data: List<byte> @13
class StoreRockstars : List<Rockstar> -> StoreRockstars @20
enum EnumType @25
  Value1 @27
  Lower = lower @28
  Flag = 4 @29
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }

    #[test]
    fn declared_responses() {
        let input = r#"
// @Route("/reset")
export class ClearChatHistory implements IReturnVoid
{
    public constructor(init?: Partial<ClearChatHistory>) { (Object as any).assign(this, init); }
    public getTypeName() { return 'ClearChatHistory'; }
    public getMethod() { return 'POST'; }
    public createResponse() {}
}

export class QueryRockstars extends QueryDb<Rockstar> implements IReturn<QueryResponse<Rockstar>>, IGet
{
    public constructor(init?: Partial<QueryRockstars>) { super(init); (Object as any).assign(this, init); }
    public getTypeName() { return 'QueryRockstars'; }
    public createResponse() { return new QueryResponse<Rockstar>(); }
}

export class Densities implements IReturn<DensityInfo[]>, IPost
{
    public createResponse() { return new Array<DensityInfo>(); }
}

export class GetLookup implements IReturn<{ [index: string]: Poco[]; }>
{
    public createResponse() { return {}; }
}

export class GetCount implements IReturn<number>
{
    public createResponse() { return 0; }
}

export class HelloResponse
{
    public result: string;
    public responseStatus?: ResponseStatus;
}
"#;
        let mut diags = Diagnostics::default();
        let types = brace::read(&TypeScript, "x.txt", &lines_from(input, 1), &mut diags);
        // `number` could be any numeric type: the response is declared, but its type is not said.
        let expect = r#"
class ClearChatHistory -> void @3
class QueryRockstars : QueryDb<Rockstar> -> QueryResponse<Rockstar> @11
class Densities -> List<DensityInfo> @18
class GetLookup -> Dictionary<string, List<Poco>> @23
class GetCount @28
class HelloResponse @33
  result: string @35
  responseStatus: ResponseStatus @36
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }
}
