//! The declaration shapes the brace languages share: a type's header and bases (`extends` /
//! `implements` clauses, `:` lists), and the field and enum member forms of each family.

use super::common;

/// A type declaration's header.
pub(super) struct Decl {
    pub(super) name: String,
    pub(super) is_enum: bool,
    /// The base class and interfaces as written, in order; markers are sorted out later.
    pub(super) bases: Vec<String>,
    /// Generator plumbing that is not a DTO (Swift's `CodingKeys`, Java's `dtos` wrapper).
    pub(super) skip: bool,
}

impl Decl {
    pub(super) fn new(name: &str, is_enum: bool, bases: Vec<String>) -> Decl {
        Decl { name: name.to_string(), is_enum, bases, skip: false }
    }
}

/// What a statement in a type body declares.
pub(super) enum Member {
    Field {
        name: String,
        ty: String,
    },
    /// The response type the body declares (Swift's `typealias Return = T`), as written.
    Returns(String),
    /// Looks like a field declaration but cannot be read; the message says so to the user.
    Broken(String),
    /// Anything else: methods, constructors, static members, initializers.
    Other,
}

impl Member {
    /// `Type name` (C#, Java, Dart) as a field; `None` when the text is not that.
    pub(super) fn type_then_name(decl: &str) -> Option<Member> {
        common::split_type_and_name(decl).map(|(ty, name)| Member::Field { name: name.to_string(), ty: ty.to_string() })
    }

    /// A field whose type, as written, may be followed by its `= default` (Kotlin, Swift).
    pub(super) fn field(name: &str, ty: &str) -> Member {
        Member::Field { name: name.to_string(), ty: common::before_top_level(ty, '=', true).trim().to_string() }
    }
}

/// `Name`, `Name = 1`, `Name = 'x'`, `Name(1)` (Kotlin, Java) and Swift's `case Name = 1`.
pub(super) fn plain_enum_member(piece: &str) -> Option<(&str, Option<&str>)> {
    let piece = piece.trim();
    let piece = piece.strip_prefix("case ").unwrap_or(piece);
    let (name, rest) = common::take_ident(piece);
    if !common::is_identifier(name) {
        return None;
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return Some((name, None));
    }
    if let Some(value) = rest.strip_prefix('=').map(str::trim) {
        return (!value.is_empty()).then_some((name, Some(value)));
    }
    let args = rest.strip_prefix('(')?.strip_suffix(')')?.trim();
    Some((name, (!args.is_empty()).then_some(args)))
}

/// The head of a type declaration, `[modifiers] keyword Name<T>`, `keyword` being `enum` or one
/// of `type_keywords`: the name, whether it declares an enum, and what follows.
pub(super) fn decl_head<'s>(
    stmt: &'s str,
    modifiers: &[&str],
    type_keywords: &[&str],
) -> Option<(&'s str, bool, &'s str)> {
    let (rest, _) = common::strip_modifiers(stmt, modifiers, &[]);
    let (keyword, rest) = common::take_word(rest);
    let is_enum = match keyword {
        "enum" => true,
        _ if type_keywords.contains(&keyword) => false,
        _ => return None,
    };
    let (name, rest) = type_name(rest)?;
    Some((name, is_enum, rest))
}

/// A declaration whose bases follow `extends` / `implements` (TypeScript, Java, Dart).
pub(super) fn clause_decl(stmt: &str, modifiers: &[&str], type_keywords: &[&str]) -> Option<Decl> {
    let (name, is_enum, rest) = decl_head(stmt, modifiers, type_keywords)?;
    let bases = if is_enum { Vec::new() } else { clause_bases(rest) };
    Some(Decl::new(name, is_enum, bases))
}

/// The name of a declared type and what follows its `<T, U>` parameters.
pub(super) fn type_name(rest: &str) -> Option<(&str, &str)> {
    let (name, rest) = common::take_ident(rest);
    (!name.is_empty()).then(|| (name, skip_type_params(rest)))
}

/// The bases of `extends A<B> implements C, D` (TypeScript, Java, Dart; `with` mixins too).
fn clause_bases(rest: &str) -> Vec<String> {
    let joined: Vec<&str> = common::split_top_level(rest, ' ', true)
        .into_iter()
        .map(|word| if matches!(word, "extends" | "implements" | "with") { "," } else { word })
        .collect();
    split_bases(&joined.join(" "))
}

/// The list after a declaration's `:` (C#, Swift, Kotlin); an enum's is its underlying type
/// (`enum E : Int`), not a base.
pub(super) fn colon_list(rest: &str, is_enum: bool) -> Option<&str> {
    rest.trim_start().strip_prefix(':').filter(|_| !is_enum)
}

/// The bases of a comma-separated list, `A<B, C>` staying whole.
pub(super) fn split_bases(list: &str) -> Vec<String> {
    common::split_top_level(list, ',', true)
        .into_iter()
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(str::to_string)
        .collect()
}

/// Skips `<T, U>` after a type's name.
fn skip_type_params(rest: &str) -> &str {
    let rest = rest.trim_start();
    if rest.starts_with('<') {
        let end = common::matching_close(rest, '<', '>', true).unwrap_or(rest.len());
        rest.get(end..).unwrap_or("")
    } else {
        rest
    }
}

/// `[modifiers] Type name [= value]` (Java, Dart) as a field, unless a modifier in `not_data`
/// marks it static or constant, or a `(` before the `=` makes it a method or constructor.
pub(super) fn type_first_field(stmt: &str, modifiers: &[&str], not_data: &[&str]) -> Member {
    let head = common::before_top_level(stmt, '=', true);
    if head.contains('(') {
        return Member::Other;
    }
    match common::strip_modifiers(head, modifiers, not_data) {
        (head, false) => Member::type_then_name(head).unwrap_or(Member::Other),
        (_, true) => Member::Other,
    }
}

/// The declaration after a property keyword (Kotlin's `var`, Swift's `let`), or `None` when the
/// statement declares no instance property: another keyword, or a modifier in `not_data`.
pub(super) fn property_decl<'s>(
    stmt: &'s str,
    modifiers: &[&str],
    not_data: &[&str],
    keywords: &[&str],
) -> Option<&'s str> {
    let (rest, disqualified) = common::strip_modifiers(stmt, modifiers, not_data);
    let (keyword, rest) = common::take_word(rest);
    (!disqualified && keywords.contains(&keyword)).then_some(rest)
}

/// Splits `name: Type` (Kotlin, Swift), the name maybe a keyword in backticks (`` `default` ``);
/// the type is all that follows the `:`.
pub(super) fn name_and_type(decl: &str) -> Option<(&str, &str)> {
    let decl = decl.trim_start();
    let (name, rest) = match decl.strip_prefix('`') {
        Some(quoted) => quoted.split_once('`').unwrap_or((quoted, "")),
        None => common::take_ident(decl),
    };
    rest.trim_start().strip_prefix(':').map(|ty| (name, ty))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_members_and_clauses() {
        assert_eq!(plain_enum_member("Value1"), Some(("Value1", None)));
        assert_eq!(plain_enum_member("B = 1 << 2"), Some(("B", Some("1 << 2"))));
        assert_eq!(plain_enum_member("Value1(1)"), Some(("Value1", Some("1"))));
        assert_eq!(plain_enum_member("case Lower = \"lower\""), Some(("Lower", Some("\"lower\""))));
        assert_eq!(plain_enum_member("1abc"), None);
        assert_eq!(plain_enum_member("A B"), None);
        assert_eq!(
            clause_bases("extends ListBase<Rockstar> implements IReturn<StoreRockstars>, IConvertible"),
            ["ListBase<Rockstar>", "IReturn<StoreRockstars>", "IConvertible"]
        );
        assert_eq!(clause_bases("extends Map<String, int>"), ["Map<String, int>"]);
    }
}
