//! The Data Type grammar on arbitrary text: never a panic or a stack overflow, and what it
//! parses prints back to a spelling that parses to the same type.
//!
//! With `FUZZ_SKIP_KNOWN=1` in the environment, inputs that hit the open findings listed in
//! FUZZING.md are skipped, so a campaign can look past them.
#![no_main]

use std::sync::OnceLock;

use booster_codegen::type_grammar::{MAX_DEPTH, Prim, TypeRef};
use libfuzzer_sys::fuzz_target;

fn skip_known() -> bool {
    static SKIP: OnceLock<bool> = OnceLock::new();
    *SKIP.get_or_init(|| std::env::var_os("FUZZ_SKIP_KNOWN").is_some())
}

/// How deeply a type nests (recursive: the inputs are short).
fn depth(ty: &TypeRef) -> usize {
    1 + match ty {
        TypeRef::Primitive { .. } | TypeRef::Named { .. } => 0,
        TypeRef::Nullable { inner } => depth(inner),
        TypeRef::List { item } => depth(item),
        TypeRef::Map { key, value } | TypeRef::Pair { key, value } => depth(key).max(depth(value)),
        TypeRef::Generic { args, .. } => args.iter().map(depth).max().unwrap_or(0),
    }
}

/// F1: `System.`, `` `1 ``, `Foo.int` and `Foo.9x` parse to user types named ``, `int`, `9x`.
/// F2: `[]` suffixes nest without limit (`int[][]...` is deeper than `MAX_DEPTH`).
fn known_finding(ty: &TypeRef) -> bool {
    let bad_name = ty.user_types().iter().any(|name| {
        !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') || Prim::from_name(name).is_some()
    });
    bad_name || depth(ty) > MAX_DEPTH + 1
}

fuzz_target!(|text: &str| {
    if let Ok(ty) = TypeRef::parse(text) {
        if skip_known() && known_finding(&ty) {
            return;
        }
        let printed = ty.to_string();
        let again = TypeRef::parse(&printed);
        assert_eq!(again.as_ref(), Ok(&ty), "{text:?} printed as {printed:?}");
        assert!(ty.same_shape(&ty));
    }
});
