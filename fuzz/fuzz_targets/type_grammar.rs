//! The Data Type grammar on arbitrary text: never a panic or a stack overflow, and every type it
//! accepts satisfies what the rest of the generator relies on:
//!
//! - printed (`Display`) and parsed again, it is the same type, and printing that gives the same
//!   text (a round trip, with or without the API's defined names);
//! - its printed form nests at most `MAX_DEPTH` generic levels (`<…>`), so it is itself accepted
//!   (B1, F2, F6);
//! - every user type name is an identifier (or dotted identifiers, a nested class) that is not a
//!   primitive's name (B21, F1);
//! - `Nullable` never directly wraps `Nullable` (`T??` is `T?`);
//! - `parse_defining` with no defined names is `parse`.
#![no_main]

use booster_codegen::type_grammar::{MAX_DEPTH, Prim, TypeRef};
use libfuzzer_sys::fuzz_target;

/// How many generic levels (`<…>`) the printed form of a type nests, and whether it breaks a
/// structural rule (the inputs are at most 256 bytes, so recursion is safe here).
fn walk(ty: &TypeRef, problems: &mut Vec<String>) -> usize {
    let check_name = |name: &str, problems: &mut Vec<String>| {
        // An identifier, or a nested class's dotted name (`Outer.Inner`), each segment one.
        let ident = name.split('.').all(|seg| {
            seg.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        if !ident {
            problems.push(format!("user type name {name:?} is not an identifier or a dotted name of them"));
        }
    };
    match ty {
        TypeRef::Primitive { .. } => 0,
        TypeRef::Named { name } => {
            check_name(name, problems);
            if Prim::from_name(name).is_some() {
                problems.push(format!("user type {name:?} is named like a primitive"));
            }
            0
        }
        TypeRef::Nullable { inner } => {
            if matches!(**inner, TypeRef::Nullable { .. }) {
                problems.push("Nullable directly inside Nullable".to_string());
            }
            walk(inner, problems)
        }
        TypeRef::List { item } => 1 + walk(item, problems),
        TypeRef::Map { key, value } | TypeRef::Pair { key, value } => {
            1 + walk(key, problems).max(walk(value, problems))
        }
        TypeRef::Generic { name, args } => {
            check_name(name, problems);
            if Prim::from_name(name).is_some() {
                problems.push(format!("generic type {name:?} is named like a primitive"));
            }
            if args.is_empty() {
                problems.push(format!("generic {name:?} without arguments"));
            }
            1 + args.iter().map(|a| walk(a, problems)).max().unwrap_or(0)
        }
    }
}

/// The names an API might define that are also CLR type names.
fn defined(name: &str) -> bool {
    matches!(name, "String" | "Object" | "Int32" | "Guid")
}

/// `ty` as its printed form reads where the API defines [`defined`]: a primitive whose spelling
/// is a defined name (`System.Guid`, printed `Guid`) reads back as that user type, since the
/// printed form has no spelling for "the CLR type, not the API's" (F3 in FUZZING.md).
fn as_defined(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Primitive { prim } if defined(prim.spelling()) => TypeRef::named(prim.spelling()),
        TypeRef::Primitive { .. } | TypeRef::Named { .. } => ty.clone(),
        TypeRef::Nullable { inner } => TypeRef::Nullable { inner: Box::new(as_defined(inner)) },
        TypeRef::List { item } => TypeRef::list(as_defined(item)),
        TypeRef::Map { key, value } => TypeRef::map(as_defined(key), as_defined(value)),
        TypeRef::Pair { key, value } => {
            TypeRef::Pair { key: Box::new(as_defined(key)), value: Box::new(as_defined(value)) }
        }
        TypeRef::Generic { name, args } => {
            TypeRef::Generic { name: name.clone(), args: args.iter().map(as_defined).collect() }
        }
    }
}

fuzz_target!(|text: &str| {
    let parsed = TypeRef::parse(text);
    assert_eq!(
        TypeRef::parse_defining(text, &|_| false),
        parsed,
        "{text:?}: parse_defining with nothing defined differs from parse"
    );
    if let Ok(ty) = &parsed {
        let mut problems = Vec::new();
        let height = walk(ty, &mut problems);
        assert!(problems.is_empty(), "{text:?} parsed to {ty:?}: {problems:?}");
        assert!(height <= MAX_DEPTH, "{text:?} parsed to a type {height} generic levels deep");
        let printed = ty.to_string();
        let again = TypeRef::parse(&printed);
        assert_eq!(again.as_ref(), Ok(ty), "{text:?} printed as {printed:?}");
        assert_eq!(again.map(|t| t.to_string()).as_deref(), Ok(printed.as_str()), "printing is not stable");
    }
    if let Ok(ty) = TypeRef::parse_defining(text, &defined) {
        let printed = ty.to_string();
        let again = TypeRef::parse_defining(&printed, &defined);
        assert_eq!(again, Ok(as_defined(&ty)), "{text:?} (with defined names) printed as {printed:?}");
    }
});
