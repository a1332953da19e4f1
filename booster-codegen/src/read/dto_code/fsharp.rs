//! F# DTOs (`?lang=fsharp`): `type X() =` followed by `inherit Base()`, `interface IReturn<Y>`
//! and `member val Name:Type = value with get,set` lines, `[<ApiMember(..)>]` attributes, and
//! enums written as `| Name = value` lines. A type runs until the next `type`, `and`,
//! `namespace` or `module` line, so indentation is not needed.

use super::attributes::Pending;
use super::bases;
use super::common::{self, Quotes};
use super::foreign_types::{self, Alias, Flavor};
use crate::diag::Diagnostics;
use crate::facts::CodeType;
use crate::type_grammar::{Prim, TypeRef};

pub(super) const LANGUAGE: &str = "fsharp";

struct Reader<'a> {
    file: &'a str,
    diags: &'a mut Diagnostics,
    out: Vec<CodeType>,
    current: Option<CodeType>,
    pending: Pending,
    in_block_comment: bool,
}

pub(super) fn read(file: &str, lines: &[(usize, &str)], diags: &mut Diagnostics) -> Vec<CodeType> {
    let mut reader =
        Reader { file, diags, out: Vec::new(), current: None, pending: Pending::default(), in_block_comment: false };
    for &(line, text) in lines {
        reader.line(line, text);
    }
    reader.finish_type();
    reader.out
}

impl Reader<'_> {
    fn line(&mut self, line: usize, text: &str) {
        let mut code = text.trim();
        if self.in_block_comment {
            match code.find("*)") {
                Some(end) => {
                    self.in_block_comment = false;
                    code = code.get(end + 2..).unwrap_or("").trim();
                }
                None => return,
            }
        }
        if let Some(rest) = code.strip_prefix("(*") {
            self.in_block_comment = !rest.contains("*)");
            return;
        }
        let code = self.strip_comment(code);
        let code = self.strip_attributes(code.trim());
        if code.is_empty() {
            return;
        }
        if let Some(member) = code.strip_prefix('|') {
            let member = self.strip_attributes(member.trim_start());
            self.enum_member(line, member);
            return;
        }
        let (word, rest) = common::take_word(code);
        match word {
            "namespace" | "module" | "open" => self.finish_type(),
            "type" | "and" => self.start_type(line, rest),
            "inherit" => self.inherit(line, rest),
            "interface" => self.interface(line, rest),
            "member" => match common::take_word(rest) {
                ("val", decl) => self.field(line, decl),
                _ => self.pending = Pending::default(),
            },
            // Interface properties: `abstract Name:Type with get,set`.
            "abstract" => self.field(line, rest),
            _ => self.pending = Pending::default(),
        }
    }

    fn strip_comment<'s>(&mut self, code: &'s str) -> &'s str {
        let mut quotes = Quotes::new(true);
        for (i, c) in code.char_indices() {
            if quotes.is_code(c) && c == '/' && code.get(i + 1..).is_some_and(|r| r.starts_with('/')) {
                // `///<summary>` .. `///</summary>`: the description of what follows.
                if let Some(doc) = code.get(i + 2..).and_then(|r| r.strip_prefix('/'))
                    && !doc.trim_start().starts_with('<')
                {
                    self.pending.add_doc(doc);
                }
                return code.get(..i).unwrap_or("");
            }
        }
        code
    }

    /// Strips `[<A>]`, `[<B(x); C>]` attribute groups into `pending`.
    fn strip_attributes<'s>(&mut self, code: &'s str) -> &'s str {
        let mut rest = code;
        while rest.starts_with("[<") {
            let Some(end) = common::matching_close(rest, '[', ']', true) else {
                break;
            };
            let inner = rest.get(2..end - 1).unwrap_or("").trim_end_matches('>');
            for group in common::split_top_level(inner, ';', false) {
                for attr in common::split_top_level(group, ',', false) {
                    self.pending.absorb_text(attr);
                }
            }
            rest = rest.get(end..).unwrap_or("").trim_start();
        }
        rest
    }

    fn start_type(&mut self, line: usize, header: &str) {
        self.finish_type();
        self.pending = Pending::default();
        let (name, _) = common::take_ident(header);
        if name.is_empty() {
            self.diags.warn(
                self.file,
                line,
                "could not read the name of this F# type; its members are skipped (check the DTO code block for a garbled line)",
            );
            return;
        }
        self.current = Some(common::declared_type(name, LANGUAGE, None, false, line));
    }

    fn finish_type(&mut self) {
        if let Some(t) = self.current.take() {
            self.out.push(t);
        }
    }

    fn inherit(&mut self, line: usize, base: &str) {
        let Some(t) = &mut self.current else {
            return;
        };
        // `inherit ResizeArray<Rockstar>()` calls the base's constructor.
        let base = common::before_top_level(base, '(', true);
        match bases::pick_base([base], parse_type) {
            Ok(parsed) => t.base = parsed,
            Err(e) => self.diags.warn(
                self.file,
                line,
                format!("could not read the base class of F# type `{}` ({e}); the type is read without it", t.name),
            ),
        }
    }

    /// `interface IReturn<T>` / `interface IReturnVoid`: what the type returns. Other interfaces
    /// (`interface IPost`) say nothing about the response.
    fn interface(&mut self, line: usize, rest: &str) {
        self.pending = Pending::default();
        let Some(t) = &mut self.current else {
            return;
        };
        if t.returns.is_some() {
            return;
        }
        // `interface IFoo with` opens the interface's member definitions.
        let rest = rest.trim();
        let rest = rest.strip_suffix(" with").unwrap_or(rest);
        match bases::declared_returns([rest], parse_type) {
            Ok(returns) => t.returns = returns,
            Err(e) => self.diags.warn(
                self.file,
                line,
                format!(
                    "could not read the response type that F# type `{}` declares ({e}); the type is read without it",
                    t.name
                ),
            ),
        }
    }

    /// `Name:Type = value with get,set` (or `Name : Type with get,set`).
    fn field(&mut self, line: usize, decl: &str) {
        let meta = self.pending.take();
        let Some(t) = &mut self.current else {
            return;
        };
        let (name, rest) = common::take_ident(decl);
        // Generic parameters (`'T`) would read as character literals.
        let rest: String = rest.chars().filter(|&c| c != '\'').collect();
        let Some(ty_text) = rest.trim_start().strip_prefix(':').filter(|_| common::is_identifier(name)) else {
            self.diags.warn(
                self.file,
                line,
                format!(
                    "could not read `{}` in F# type `{}` as a property (`member val Name:Type = value`); it was skipped (check the DTO code block for a cut or garbled line)",
                    decl.trim(),
                    t.name
                ),
            );
            return;
        };
        let ty_text = common::before_top_level(ty_text, '=', true);
        let ty_text = ty_text.split(" with ").next().unwrap_or(ty_text).trim();
        let ty = common::or_warn(parse_type(ty_text), self.diags, self.file, line, |e| {
            format!(
                "could not read the type `{}` of F# property `{name}` in `{}` ({e}); the property is kept without a type",
                common::short(ty_text),
                t.name
            )
        });
        t.fields.push(meta.into_field(name, ty, line));
    }

    /// `| Name = value`.
    fn enum_member(&mut self, line: usize, text: &str) {
        let meta = self.pending.take();
        let Some(t) = &mut self.current else {
            return;
        };
        let (name, rest) = common::take_ident(text);
        let value = rest.trim().strip_prefix('=').map(str::trim);
        if !common::is_identifier(name) || (value.is_none() && !rest.trim().is_empty()) {
            // Only inside an enum is a `|` line surely a member; elsewhere it may be page text
            // (a table row) after the code.
            if !t.is_enum {
                return;
            }
            self.diags.warn(
                self.file,
                line,
                format!("could not read `{}` as a member of F# enum `{}`; it was skipped", text.trim(), t.name),
            );
            return;
        }
        t.is_enum = true;
        t.members.push(meta.into_written_member(name, value, line));
    }
}

const FLAVOR: Flavor = Flavor { question_is_nullable: true, ..Flavor::new(alias) };

fn alias(name: &str) -> Option<Alias> {
    Some(match name {
        // F#'s `float` is a double; `float32` is the single-precision one.
        "float" => Alias::Prim(Prim::Double),
        "float32" => Alias::Prim(Prim::Float),
        "obj" => Alias::Prim(Prim::Object),
        _ => return None,
    })
}

/// F# types; generic parameters (`'T`) lose their tick.
fn parse_type(text: &str) -> Result<Option<TypeRef>, String> {
    let text: String = text.chars().filter(|&c| c != '\'').collect();
    foreign_types::parse_foreign_type(&text, &FLAVOR)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::dto_code::test_support::{lines_from, render};

    #[test]
    fn types_fields_and_enums() {
        let input = r#"
namespace Test.ServiceModel

open System
open ServiceStack

    [<AllowNullLiteral>]
    type Rockstar() = 
        ///<summary>
        ///The id
        ///</summary>
        [<ApiMember(Description="Id", IsRequired=true)>]
        member val Id:Int32 = new Int32() with get,set
        member val FirstName:String = null with get,set
        member val Age:Nullable<Int32> = new Nullable<Int32>() with get,set
        member val Tags:ResizeArray<String> = null with get,set
        member val Score:float = 0.0 with get,set
        member val Results:List<'T> = null with get,set

    [<Route("/rockstars", "POST")>]
    [<AllowNullLiteral>]
    type StoreRockstars() = 
        inherit ResizeArray<Rockstar>()
        interface IReturn<StoreRockstars>

    type EnumType =
        | Value1 = 0
        | [<EnumMember(Value="two")>] Value2 = 1
        | 3bad
"#;
        let mut diags = Diagnostics::default();
        let types = read("x.txt", &lines_from(input, 1), &mut diags);
        let expect = r#"
class Rockstar @8
  Id: int required // Id @13
  FirstName: string @14
  Age: int? @15
  Tags: List<string> @16
  Score: double @17
  Results: List<T> @18
class StoreRockstars : List<Rockstar> -> StoreRockstars @22
enum EnumType @26
  Value1 = 0 @27
  Value2 = 1 @28
warning @29: could not read `3bad` as a member of F# enum `EnumType`; it was skipped
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }

    #[test]
    fn declared_responses() {
        let input = r#"
    [<Route("/reset")>]
    [<AllowNullLiteral>]
    type ClearChatHistory() = 
        interface IReturnVoid
        interface IPost

    [<AllowNullLiteral>]
    type QueryRockstars() = 
        inherit QueryDb<Rockstar>()
        interface IReturn<QueryResponse<Rockstar>>
        interface IGet
        member val Age:Nullable<Int32> = new Nullable<Int32>() with get,set

    type GetLookup() = 
        interface IPost
        interface IReturn<Dictionary<String,ResizeArray<Poco>>>

    type HelloResponse() = 
        member val Result:String = null with get,set

    type Broken() = 
        interface IReturn<List<>>
"#;
        let mut diags = Diagnostics::default();
        let types = read("x.txt", &lines_from(input, 1), &mut diags);
        let expect = r#"
class ClearChatHistory -> void @4
class QueryRockstars : QueryDb<Rockstar> -> QueryResponse<Rockstar> @9
  Age: int? @13
class GetLookup -> Dictionary<string, List<Poco>> @15
class HelloResponse @19
  Result: string @20
class Broken @22
warning @23: could not read the response type that F# type `Broken` declares (`IReturn<List<>>`: expected a type name); the type is read without it
"#;
        assert_eq!(render(&types, &diags).trim(), expect.trim());
    }
}
