//! JavaScript module DTOs (`?lang=mjs`): `export class X extends Y {` with JSDoc-typed fields
//! (`/** @type {string} */` then `name;`), `createResponse() { return new Z() }` naming the
//! response, and enums as TypeScript compiles them:
//! `(function (E) { E[E["Booked"] = 1] = "Booked" … })(E || (E = {}))`, or
//! `E["Booked"] = "Booked"` for string enums. Constructors and the other methods are plumbing.
//! `number` is too vague to map (int, long, double and decimal all become it), so such fields
//! keep no type, as in TypeScript.

use super::common::{self, declared_type, is_identifier, or_warn, short};
use super::foreign_types::{Alias, Flavor, parse_foreign_type};
use crate::diag::Diagnostics;
use crate::facts::{CodeField, CodeReturn, CodeType, EnumMemberFact};
use crate::type_grammar::{Prim, TypeRef};

const LANGUAGE: &str = "javascript";

const FLAVOR: Flavor = Flavor { index_signatures: true, question_is_nullable: true, ..Flavor::new(alias) };

fn alias(name: &str) -> Option<Alias> {
    Some(match name {
        "number" | "bigint" => Alias::Vague,
        "Date" => Alias::Prim(Prim::DateTime),
        "any" | "Object" | "object" | "*" => Alias::Prim(Prim::Object),
        "Uint8Array" | "Blob" | "ArrayBuffer" => Alias::Bytes,
        "Record" => Alias::Map,
        _ => return None,
    })
}

/// What the reader is inside of.
enum Within {
    Nothing,
    /// A class body, with its brace depth (methods open braces of their own).
    Class {
        depth: usize,
    },
    /// An enum's `(function (E) {` … `})(E || (E = {}))`.
    Enum,
}

pub(super) fn read(file: &str, lines: &[(usize, &str)], diags: &mut Diagnostics) -> Vec<CodeType> {
    let mut types: Vec<CodeType> = Vec::new();
    let mut within = Within::Nothing;
    let mut jsdoc_type: Option<(usize, String)> = None;
    for &(line, raw) in lines {
        let t = raw.trim();
        if let Some(ty) = jsdoc_tag(t, "@type") {
            jsdoc_type = Some((line, ty.to_string()));
            continue;
        }
        match within {
            Within::Nothing => {
                if let Some(decl) = t.strip_prefix("export class ") {
                    let (name, rest) = common::take_ident(decl);
                    let base = rest.trim_start().strip_prefix("extends ").map(|b| b.trim_end_matches('{').trim());
                    let base = base.and_then(|b| {
                        or_warn(parse_foreign_type(b, &FLAVOR), diags, file, line, |e| {
                            format!("could not read the base class `{}` of JavaScript class `{name}` ({e}); it was left out", short(b))
                        })
                    });
                    types.push(declared_type(name, LANGUAGE, base, false, line));
                    // `export class EmptyResponse {}` opens and closes on one line.
                    let depth = braces(t).saturating_sub(closes(t));
                    within = if depth == 0 { Within::Nothing } else { Within::Class { depth } };
                } else if let Some(name) = enum_start(t) {
                    types.push(declared_type(name, LANGUAGE, None, true, line));
                    within = Within::Enum;
                }
            }
            Within::Enum => {
                if t.starts_with("})(") {
                    within = Within::Nothing;
                    continue;
                }
                let Some(t_type) = types.last_mut() else { continue };
                match enum_member(t, &t_type.name) {
                    Some((name, value)) => t_type.members.push(EnumMemberFact {
                        name: name.to_string(),
                        value: value.map(str::to_string),
                        description: None,
                        line,
                        glued: false,
                    }),
                    None if t.is_empty() || t.starts_with("//") || t.starts_with("/*") || t.starts_with('*') => {}
                    None => diags.warn(
                        file,
                        line,
                        format!(
                            "could not read `{}` as a member of JavaScript enum `{}`; it was skipped",
                            short(t),
                            t_type.name
                        ),
                    ),
                }
            }
            Within::Class { depth } => {
                let depth = (depth + braces(t)).saturating_sub(closes(t));
                if depth == 0 {
                    within = Within::Nothing;
                    continue;
                }
                within = Within::Class { depth };
                let Some(class) = types.last_mut() else { continue };
                if let Some(name) = t.strip_suffix(';').filter(|n| is_identifier(n)) {
                    // JSDoc writes nullable as `?T`; the parser reads `T?`.
                    let ty = jsdoc_type.take().map(|(_, ty)| match ty.strip_prefix('?') {
                        Some(inner) => format!("{inner}?"),
                        None => ty,
                    });
                    let ty = ty.and_then(|ty| {
                        or_warn(parse_foreign_type(&ty, &FLAVOR), diags, file, line, |e| {
                            format!(
                                "could not read the type `{}` of `{name}` ({e}); its type is left to other sources",
                                short(&ty)
                            )
                        })
                    });
                    class.fields.push(CodeField {
                        name: name.to_string(),
                        ty,
                        required: None,
                        description: None,
                        line,
                    });
                } else if let Some(response) = returned_class(t) {
                    class.returns = Some(CodeReturn::Type(TypeRef::named(response)));
                }
            }
        }
    }
    types
}

/// `/** @type {string} */` → `string` (the braces' content, which may hold braces of its own).
fn jsdoc_tag<'s>(t: &'s str, tag: &str) -> Option<&'s str> {
    let inner = t.strip_prefix("/**")?.strip_suffix("*/")?.trim();
    // `@type` and not `@typedef`: the tag ends at a space or the type's brace.
    let rest = inner.strip_prefix(tag).filter(|r| r.starts_with([' ', '{']))?.trim_start();
    let end = common::matching_close(rest, '{', '}', false)?;
    rest.get(1..end.checked_sub(1)?).map(str::trim)
}

/// `(function (BookingStatus) {` → `BookingStatus`.
fn enum_start(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("(function (")?;
    let (name, rest) = rest.split_once(')')?;
    (is_identifier(name) && rest.trim_start().starts_with('{')).then_some(name)
}

/// `E[E["Booked"] = 1] = "Booked"` → (`Booked`, Some(`1`)); `E["Booked"] = "Booked"` →
/// (`Booked`, None).
fn enum_member<'s>(t: &'s str, enum_name: &str) -> Option<(&'s str, Option<&'s str>)> {
    let t = t.trim_end_matches([';', ',']).trim();
    let numbered = format!("{enum_name}[{enum_name}[\"");
    if let Some(rest) = t.strip_prefix(numbered.as_str()) {
        let (name, rest) = rest.split_once("\"]")?;
        let value = rest.trim_start().strip_prefix('=')?.trim_start();
        let value = value.split(']').next()?.trim();
        return is_identifier(name).then_some((name, Some(value)));
    }
    let named = format!("{enum_name}[\"");
    let rest = t.strip_prefix(named.as_str())?;
    let (name, _) = rest.split_once("\"]")?;
    is_identifier(name).then_some((name, None))
}

/// `createResponse() { return new IdResponse() }` → `IdResponse`.
fn returned_class(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("createResponse()")?;
    let rest = &rest[rest.find("new ")? + 4..];
    let (name, _) = common::take_ident(rest);
    (!name.is_empty()).then_some(name)
}

fn braces(t: &str) -> usize {
    t.matches('{').count()
}

fn closes(t: &str) -> usize {
    t.matches('}').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = r#"/** @typedef {number} */
export var BookingStatus;
(function (BookingStatus) {
    BookingStatus[BookingStatus["Booked"] = 1] = "Booked"
    BookingStatus[BookingStatus["Cancelled"] = 2] = "Cancelled"
})(BookingStatus || (BookingStatus = {}));
/** @typedef {'Single'|'Double'} */
export var RoomType;
(function (RoomType) {
    RoomType["Single"] = "Single"
    RoomType["Double"] = "Double"
})(RoomType || (RoomType = {}));
export class EmptyResponse {}
export class CreateBooking extends BookingBase {
    /** @param {{name?:string,roomType?:RoomType,cost?:number}} [init] */
    constructor(init) { super(init); Object.assign(this, init) }
    /** @type {string} */
    name;
    /** @type {?RoomType} */
    roomType;
    /** @type {number} */
    cost;
    /** @type {string[]} */
    notes;
    /** @type {{ [index:string]: string; }} */
    meta;
    getTypeName() { return 'CreateBooking' }
    getMethod() { return 'POST' }
    createResponse() { return new IdResponse() }
}"#;

    #[test]
    fn reads_classes_and_enums() {
        let lines: Vec<(usize, &str)> = CODE.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
        let mut diags = Diagnostics::default();
        let types = read("p.txt", &lines, &mut diags);
        assert!(diags.items.is_empty(), "{:?}", diags.items);
        let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["BookingStatus", "RoomType", "EmptyResponse", "CreateBooking"]);
        let members: Vec<(&str, Option<&str>)> =
            types[0].members.iter().map(|m| (m.name.as_str(), m.value.as_deref())).collect();
        assert_eq!(members, [("Booked", Some("1")), ("Cancelled", Some("2"))]);
        assert_eq!(types[1].members.len(), 2);
        assert!(types[2].fields.is_empty());
        let class = &types[3];
        assert_eq!(class.base, Some(TypeRef::named("BookingBase")));
        assert_eq!(class.returns, Some(CodeReturn::Type(TypeRef::named("IdResponse"))));
        let fields: Vec<(&str, Option<String>)> =
            class.fields.iter().map(|f| (f.name.as_str(), f.ty.as_ref().map(ToString::to_string))).collect();
        assert_eq!(
            fields,
            [
                ("name", Some("string".to_string())),
                ("roomType", Some("RoomType?".to_string())),
                ("cost", None),
                ("notes", Some("List<string>".to_string())),
                ("meta", Some("Dictionary<string, string>".to_string())),
            ]
        );
    }
}
