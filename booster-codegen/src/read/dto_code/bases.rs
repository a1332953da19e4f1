//! A declaration's bases and interfaces: which one is the base class, and what the type declares
//! it returns (`IReturn<T>`, `IReturnVoid`).

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
}
