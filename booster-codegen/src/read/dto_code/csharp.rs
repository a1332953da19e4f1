//! C# DTOs (`?lang=csharp`): `public partial class X : Base, IReturn<Y>` (the base list may
//! be on the next line), `public virtual T Name { get; set; }` properties with `[ApiMember]`,
//! `[Required]`, `[DataMember(Name=..)]` and `///<summary>` docs, and enums with
//! `[EnumMember(Value=..)]`. Property names are reported as written: they are the wire names
//! unless `[DataMember(Name=..)]` says otherwise.

use super::attributes::Pending;
use super::brace::{self, BraceLang, Decl, Member, TypeSyntax};
use super::common;

pub(super) struct CSharp;

const TYPE_MODIFIERS: &[&str] = &[
    "public",
    "internal",
    "private",
    "protected",
    "partial",
    "abstract",
    "sealed",
    "static",
    "new",
    "readonly",
    "unsafe",
    "file",
    "ref",
];
const MEMBER_MODIFIERS: &[&str] = &[
    "public",
    "internal",
    "private",
    "protected",
    "virtual",
    "override",
    "new",
    "readonly",
    "required",
    "sealed",
    "abstract",
    "unsafe",
    "volatile",
    "extern",
];
/// Members that are not instance data on the wire.
const NOT_DATA: &[&str] = &["static", "const", "event", "delegate", "operator", "implicit", "explicit"];

impl BraceLang for CSharp {
    const LANGUAGE: &'static str = "csharp";
    const DISPLAY: &'static str = "C#";
    const TYPES: TypeSyntax = TypeSyntax::DotNet;

    fn comment(&self, text: &str, pending: &mut Pending) {
        // `///<summary>` .. `///</summary>`: the description of what follows.
        if let Some(doc) = text.strip_prefix('/') {
            pending.add_doc(&common::without_xml_tags(doc));
        }
    }

    fn annotations<'s>(&self, stmt: &'s str, pending: &mut Pending) -> &'s str {
        pending.strip_attribute_groups(stmt, '[', ']', true)
    }

    fn decl(&self, stmt: &str) -> Option<Decl> {
        let (rest, _) = common::strip_modifiers(stmt, TYPE_MODIFIERS, &[]);
        let (keyword, mut rest) = common::take_word(rest);
        let is_enum = match keyword {
            "class" | "struct" | "interface" => false,
            "enum" => true,
            "record" => {
                let (next, after) = common::take_word(rest);
                if matches!(next, "class" | "struct") {
                    rest = after;
                }
                false
            }
            _ => return None,
        };
        let (name, rest) = brace::type_name(rest)?;
        let bases = brace::colon_list(rest, is_enum).map_or_else(Vec::new, base_list);
        Some(Decl::new(name, is_enum, bases))
    }

    fn continue_decl(&self, stmt: &str, decl: &mut Decl) -> bool {
        if let Some(list) = stmt.strip_prefix(':') {
            if !decl.is_enum {
                decl.bases.extend(base_list(list));
            }
            true
        } else {
            stmt.starts_with("where ")
        }
    }

    fn member(&self, stmt: &str) -> Member {
        let (head, accessors) = match common::find_top_level(stmt, '{', true) {
            Some(at) => (stmt.get(..at).unwrap_or(""), stmt.get(at..)),
            None => (stmt, None),
        };
        if head.contains('(') || head.contains("=>") {
            return Member::Other;
        }
        let is_property = match accessors {
            Some(body) if body.contains("get") || body.contains("set") || body.contains("init") => true,
            Some(_) => return Member::Other,
            None => false,
        };
        let head = if is_property {
            head
        } else {
            // A field: only public ones are data, and `= value` is not part of the declaration.
            if !head.trim_start().starts_with("public ") {
                return Member::Other;
            }
            common::before_top_level(head, '=', true)
        };
        let (rest, not_data) = common::strip_modifiers(head, MEMBER_MODIFIERS, NOT_DATA);
        if not_data {
            return Member::Other;
        }
        // `@class` escapes a keyword used as a name.
        let rest = rest.replace(" @", " ");
        match Member::type_then_name(&rest) {
            Some(field) => field,
            None if is_property => Member::Broken(format!(
                "could not read `{}` as a C# property (`Type Name {{ get; set; }}`); it was skipped (check the DTO code block for a cut or garbled line)",
                stmt.trim()
            )),
            None => Member::Other,
        }
    }
}

fn base_list(list: &str) -> Vec<String> {
    brace::split_bases(list.split(" where ").next().unwrap_or(list))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::dto_code::test_support::check_read;

    #[track_caller]
    fn check(input: &str, expect: &str) {
        check_read(&|file, lines, diags| brace::read(&CSharp, file, lines, diags), input, expect);
    }

    #[test]
    fn classes_properties_and_attributes() {
        check(
            r#"
namespace Test.ServiceModel
{
    [Route("/customer/{brand}/export", "POST")]
    [DataContract]
    public partial class ExportCustomer
        : SearchCustomer, IReturn<ExportCustomerResponse>, IPost
    {
        ///<summary>
        ///Export Request ID
        ///</summary>
        [ApiMember(Description="Export Request ID, e.g. {id}", IsRequired=true)]
        [DataMember(Name="downloadRequestId")]
        public virtual string DownloadRequestId { get; set; }

        ///<summary>
        ///Only a doc comment
        ///</summary>
        public virtual List<string> Codes { get; set; } = [];

        [Required]
        public virtual Dictionary<string, List<int?>> Map { get; set; }
        [ApiMember(Description="not required")]
        public Guid @Id { get; set; }
        public int Field;
        public static int Ignored { get; set; }
        public ExportCustomer() { Codes = new List<string>(); }
        public string Computed => "x";
    }

    public class Box<T> : QueryDb<Rockstar>, IReturn<QueryResponse<Rockstar>> { public T Value { get; set; } }
}
"#,
            r#"
class ExportCustomer : SearchCustomer -> ExportCustomerResponse @6
  downloadRequestId: string required // Export Request ID, e.g. {id} @14
  Codes: List<string> // Only a doc comment @19
  Map: Dictionary<string, List<int?>> required @22
  Id: Guid optional // not required @24
  Field: int @25
class Box : QueryDb<Rockstar> -> QueryResponse<Rockstar> @31
  Value: T @31
"#,
        );
    }

    #[test]
    fn enums() {
        check(
            r#"
public enum E { A, B = 2, }

[Flags]
[DataContract]
public enum Style
{
    [EnumMember(Value="lower")]
    Lower,
    Upper = 1 << 2,
    ///<summary>
    ///Documented
    ///</summary>
    Documented,
    1bad,
}
"#,
            r#"
enum E @2
  A @2
  B = 2 @2
enum Style @6
  Lower = lower @9
  Upper = 1 << 2 @10
  Documented // Documented @14
warning @15: could not read `1bad` as a member of C# enum `Style`; it was skipped
"#,
        );
    }

    #[test]
    fn broken_properties_warn() {
        check(
            r#"
public class A
{
    public virtual List<string Names { get; set; }
    public virtual { get; set; }
    public int Ok { get; set; }
}
"#,
            r#"
class A @2
  Names: ? @4
  Ok: int @6
warning @4: could not read the type `List<string` of C# member `Names` in `A` (`List<` is not closed with `>`); the member is kept without a type
warning @5: could not read `public virtual { get; set; }` as a C# property (`Type Name { get; set; }`); it was skipped (check the DTO code block for a cut or garbled line)
"#,
        );
    }

    #[test]
    fn declared_responses() {
        check(
            r#"
public partial class ClearChatHistory
    : IReturnVoid
{
}
[Route("/rockstars")]
public partial class QueryRockstars : QueryDb<Rockstar>, IReturn<QueryResponse<Rockstar>>, IGet
{
}
public partial class GetLookup : IReturn<Dictionary<string, List<Poco>>>, IPost { }
public partial class Derived : BaseRequest, IHasSessionId, ServiceStack.IReturn<List<Rockstar>>
{
}
public partial class Plain : IHasResponseStatus
{
    public ResponseStatus ResponseStatus { get; set; }
}
public abstract partial class QueryDb<T> : QueryBase, IReturn<QueryResponse<T>> where T : class { }
public class Broken : IReturn<List<>> { }
public enum E : int { A }
"#,
            r#"
class ClearChatHistory -> void @2
class QueryRockstars : QueryDb<Rockstar> -> QueryResponse<Rockstar> @7
class GetLookup -> Dictionary<string, List<Poco>> @10
class Derived : BaseRequest -> List<Rockstar> @11
class Plain @14
  ResponseStatus: ResponseStatus @16
class QueryDb : QueryBase -> QueryResponse<T> @18
class Broken @19
enum E @20
  A @20
warning @19: could not read the response type that C# type `Broken` declares (`IReturn<List<>>`: expected a type name); the type is read without it
"#,
        );
    }
}
