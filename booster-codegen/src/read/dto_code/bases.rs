//! A declaration's bases and interfaces: which one is the base class, and what the type declares
//! it returns (`IReturn<T>`, `IReturnVoid`).

use crate::facts::CodeReturn;
use crate::type_grammar::TypeRef;

/// ServiceStack's marker interfaces (`IReturn<T>`, `IGet`, `IHasResponseStatus`, ...) and the
/// client languages' plumbing (`Generic[T]`, `Codable`, `IConvertible`) are never base classes.
pub(super) fn is_marker(base: &str) -> bool {
    let bare = base.trim().split(['<', '[', '(']).next().unwrap_or("").trim();
    let bare = bare.rsplit('.').next().unwrap_or(bare);
    if matches!(bare, "Generic" | "Codable" | "Decodable" | "Encodable" | "object" | "Object" | "Any" | "NSObject") {
        return true;
    }
    // .NET interface names: `I` and an upper-case letter (`IReturn`, `IPost`, `ICreateDb`).
    let mut chars = bare.chars();
    chars.next() == Some('I') && chars.next().is_some_and(|c| c.is_ascii_uppercase())
}

/// Interfaces ServiceStack itself declares, which some tabs repeat (`export interface IReturn<T>`):
/// plumbing, not DTOs.
pub(super) fn is_servicestack_interface(name: &str) -> bool {
    matches!(
        name,
        "IReturn"
            | "IReturnVoid"
            | "IGet"
            | "IPost"
            | "IPut"
            | "IDelete"
            | "IPatch"
            | "IOptions"
            | "IVerb"
            | "IMeta"
            | "IHasSessionId"
            | "IHasBearerToken"
            | "IHasVersion"
            | "IHasResponseStatus"
            | "IHasErrorCode"
            | "ICreateDb"
            | "IUpdateDb"
            | "IPatchDb"
            | "IDeleteDb"
            | "ISaveDb"
            | "ICrud"
            | "IConvertible"
            | "IRequiresRequestStream"
    )
}

/// The base class among a declaration's bases and interfaces: the first that is not a marker.
pub(super) fn pick_base<'a>(
    candidates: impl IntoIterator<Item = &'a str>,
    parse: impl Fn(&str) -> Result<Option<TypeRef>, String>,
) -> Result<Option<TypeRef>, String> {
    match candidates.into_iter().map(str::trim).find(|c| !c.is_empty() && !is_marker(c)) {
        Some(base) => parse(base).map_err(|e| format!("`{base}`: {e}")),
        None => Ok(None),
    }
}

/// What one entry of a declaration's base list says about the response.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum ReturnMarker<'a> {
    /// `IReturn<T>`, `IReturn[T]`, VB's `IReturn(Of T)`: the response type as written.
    Type(&'a str),
    /// `IReturnVoid`: no response body.
    Void,
    /// Swift's bare `IReturn`, whose type is the body's `typealias Return = T`.
    Bare,
}

/// The return marker an entry of a base list is, if it is one (`ServiceStack.IReturn<T>` too).
pub(super) fn return_marker(entry: &str) -> Option<ReturnMarker<'_>> {
    let entry = entry.trim();
    let head_end = entry.find(['<', '[', '(']).unwrap_or(entry.len());
    let head = entry.get(..head_end)?.trim_end();
    let bare = head.rsplit('.').next().unwrap_or(head);
    let args = entry.get(head_end..)?.trim();
    match bare {
        "IReturnVoid" if args.is_empty() => Some(ReturnMarker::Void),
        "IReturn" if args.is_empty() => Some(ReturnMarker::Bare),
        "IReturn" => {
            let inner = match args.chars().next()? {
                '<' => args.strip_prefix('<')?.strip_suffix('>')?,
                '[' => args.strip_prefix('[')?.strip_suffix(']')?,
                _ => {
                    let inner = args.strip_prefix('(')?.strip_suffix(')')?.trim_start();
                    inner.strip_prefix("Of ").or_else(|| inner.strip_prefix("of "))?
                }
            };
            let inner = inner.trim();
            (!inner.is_empty()).then_some(ReturnMarker::Type(inner))
        }
        _ => None,
    }
}

/// What a declaration's bases and interfaces say it returns: the first `IReturnVoid` or
/// `IReturn<T>` among them, `T` read with the language's `parse`. `Ok(None)` when none says (or
/// when `T` is too vague in the language to map, such as TypeScript's `number`); the error names
/// the marker that could not be read.
pub(super) fn declared_returns<'a>(
    candidates: impl IntoIterator<Item = &'a str>,
    parse: impl Fn(&str) -> Result<Option<TypeRef>, String>,
) -> Result<Option<CodeReturn>, String> {
    for candidate in candidates {
        match return_marker(candidate) {
            Some(ReturnMarker::Void) => return Ok(Some(CodeReturn::Void)),
            Some(ReturnMarker::Type(ty)) => {
                return parse(ty).map(|t| t.map(CodeReturn::Type)).map_err(|e| format!("`{}`: {e}", candidate.trim()));
            }
            Some(ReturnMarker::Bare) | None => {}
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        for m in
            ["IReturn<Foo>", "IReturnVoid", "IGet", "ICreateDb<Rockstar>", "Generic[T]", "Codable", "IReturn[\"X\"]"]
        {
            assert!(is_marker(m), "{m}");
        }
        for b in ["List<Rockstar>", "SearchCustomer", "QueryDb<Rockstar>", "Item", "I"] {
            assert!(!is_marker(b), "{b}");
        }
    }

    #[test]
    fn return_markers() {
        let cases = [
            ("IReturn<Foo>", Some(ReturnMarker::Type("Foo"))),
            (" IReturn<List<Foo>> ", Some(ReturnMarker::Type("List<Foo>"))),
            (
                "IReturn<QueryResponse<Dictionary<string, List<int>>>>",
                Some(ReturnMarker::Type("QueryResponse<Dictionary<string, List<int>>>")),
            ),
            ("ServiceStack.IReturn<Foo>", Some(ReturnMarker::Type("Foo"))),
            ("IReturn[\"Message\"]", Some(ReturnMarker::Type("\"Message\""))),
            ("IReturn[List[Foo]]", Some(ReturnMarker::Type("List[Foo]"))),
            ("IReturn(Of List(Of Foo))", Some(ReturnMarker::Type("List(Of Foo)"))),
            ("IReturn (Of Foo)", Some(ReturnMarker::Type("Foo"))),
            ("IReturnVoid", Some(ReturnMarker::Void)),
            ("ServiceStack.IReturnVoid", Some(ReturnMarker::Void)),
            ("IReturn", Some(ReturnMarker::Bare)),
            ("IReturn<>", None),
            ("IReturn<Foo", None),
            ("IReturn(Foo)", None),
            ("IReturnVoid<Foo>", None),
            ("IReturns<Foo>", None),
            ("MyIReturn<Foo>", None),
            ("IPost", None),
            ("List<IReturn<Foo>>", None),
            ("", None),
        ];
        for (entry, expect) in cases {
            assert_eq!(return_marker(entry), expect, "{entry}");
        }
    }

    #[test]
    fn declared_returns_takes_the_first_marker() {
        let parse = |t: &str| TypeRef::parse(t).map(Some);
        let show = |bases: &[&str]| match declared_returns(bases.iter().copied(), parse) {
            Ok(Some(CodeReturn::Type(t))) => t.to_string(),
            Ok(Some(CodeReturn::Void)) => "void".to_string(),
            Ok(None) => "none".to_string(),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(show(&["SearchCustomer", "IReturn<ExportCustomerResponse>", "IPost"]), "ExportCustomerResponse");
        assert_eq!(show(&["QueryDb<Rockstar>", "IReturn<QueryResponse<Rockstar>>"]), "QueryResponse<Rockstar>");
        assert_eq!(show(&["IReturnVoid", "IReturn<Foo>"]), "void");
        assert_eq!(show(&["IReturn", "IPost"]), "none");
        assert_eq!(show(&["SearchCustomer", "IGet"]), "none");
        assert_eq!(show(&[]), "none");
        assert!(show(&["IReturn<List<>>"]).starts_with("error: `IReturn<List<>>`: "), "{}", show(&["IReturn<List<>>"]));
        let vague = |_: &str| Ok(None);
        assert_eq!(declared_returns(["IReturn<number>"], vague), Ok(None));
    }
}
