//! The Data Type grammar of ServiceStack pages: `T?`, `T[]`, `List<T>`, `Dictionary<K, V>`,
//! `Nullable<T>`, CLR names (`Byte`, `Int32`), primitives, and user types.
//!
//! Parsing is bounded: generics nest at most [`MAX_DEPTH`] levels, so no input can overflow the stack.

use std::fmt;

use serde::Serialize;

/// Deeper generic nesting than this is rejected (real pages nest four levels at most).
pub const MAX_DEPTH: usize = 32;

/// The primitive types of ServiceStack's Data Type column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Prim {
    String,
    Bool,
    Byte,
    SByte,
    Short,
    Int,
    Long,
    UShort,
    UInt,
    ULong,
    Float,
    Double,
    Decimal,
    Char,
    Guid,
    DateTime,
    DateTimeOffset,
    TimeSpan,
    Object,
    Uri,
    Stream,
}

impl Prim {
    /// Recognises C# keywords and CLR names, case-insensitively.
    pub fn from_name(name: &str) -> Option<Prim> {
        let bare = name.strip_prefix("System.").unwrap_or(name);
        Some(match bare.to_ascii_lowercase().as_str() {
            "string" => Prim::String,
            "bool" | "boolean" => Prim::Bool,
            "byte" => Prim::Byte,
            "sbyte" => Prim::SByte,
            "short" | "int16" => Prim::Short,
            "int" | "int32" => Prim::Int,
            "long" | "int64" => Prim::Long,
            "ushort" | "uint16" => Prim::UShort,
            "uint" | "uint32" => Prim::UInt,
            "ulong" | "uint64" => Prim::ULong,
            "float" | "single" => Prim::Float,
            "double" => Prim::Double,
            "decimal" => Prim::Decimal,
            "char" => Prim::Char,
            "guid" => Prim::Guid,
            "datetime" => Prim::DateTime,
            "datetimeoffset" => Prim::DateTimeOffset,
            "timespan" => Prim::TimeSpan,
            "object" => Prim::Object,
            "uri" => Prim::Uri,
            "stream" => Prim::Stream,
            _ => return None,
        })
    }

    /// The spelling ServiceStack's Data Type column uses.
    pub fn spelling(self) -> &'static str {
        match self {
            Prim::String => "string",
            Prim::Bool => "bool",
            Prim::Byte => "byte",
            Prim::SByte => "sbyte",
            Prim::Short => "short",
            Prim::Int => "int",
            Prim::Long => "long",
            Prim::UShort => "ushort",
            Prim::UInt => "uint",
            Prim::ULong => "ulong",
            Prim::Float => "float",
            Prim::Double => "double",
            Prim::Decimal => "decimal",
            Prim::Char => "Char",
            Prim::Guid => "Guid",
            Prim::DateTime => "DateTime",
            Prim::DateTimeOffset => "DateTimeOffset",
            Prim::TimeSpan => "TimeSpan",
            Prim::Object => "Object",
            Prim::Uri => "Uri",
            Prim::Stream => "Stream",
        }
    }

    /// Value types are never null on the wire unless wrapped in `Nullable`/`?`.
    pub fn is_value_type(self) -> bool {
        !matches!(self, Prim::String | Prim::Object | Prim::Uri | Prim::Stream)
    }
}

/// A parsed Data Type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeRef {
    Primitive {
        prim: Prim,
    },
    /// A user type (class or enum) by its ServiceStack name.
    Named {
        name: String,
    },
    /// `T?` or `Nullable<T>`.
    Nullable {
        inner: Box<TypeRef>,
    },
    /// `T[]`, `List<T>`, `IEnumerable<T>`, `IList<T>`, `ICollection<T>`, `HashSet<T>`.
    List {
        item: Box<TypeRef>,
    },
    /// `Dictionary<K, V>`, `IDictionary<K, V>`, `SortedDictionary<K, V>`.
    Map {
        key: Box<TypeRef>,
        value: Box<TypeRef>,
    },
    /// `KeyValuePair<K, V>`.
    Pair {
        key: Box<TypeRef>,
        value: Box<TypeRef>,
    },
    /// A user generic type such as `QueryResponse<Poco>`.
    Generic {
        name: String,
        args: Vec<TypeRef>,
    },
}

const LIST_NAMES: &[&str] =
    &["List", "IList", "IEnumerable", "ICollection", "IReadOnlyList", "IReadOnlyCollection", "HashSet", "ISet"];
const MAP_NAMES: &[&str] = &["Dictionary", "IDictionary", "SortedDictionary", "IReadOnlyDictionary"];

impl TypeRef {
    pub fn prim(prim: Prim) -> TypeRef {
        TypeRef::Primitive { prim }
    }

    pub fn named(name: impl Into<String>) -> TypeRef {
        TypeRef::Named { name: name.into() }
    }

    pub fn nullable(inner: TypeRef) -> TypeRef {
        match inner {
            already @ TypeRef::Nullable { .. } => already,
            inner => TypeRef::Nullable { inner: Box::new(inner) },
        }
    }

    pub fn list(item: TypeRef) -> TypeRef {
        TypeRef::List { item: Box::new(item) }
    }

    pub fn map(key: TypeRef, value: TypeRef) -> TypeRef {
        TypeRef::Map { key: Box::new(key), value: Box::new(value) }
    }

    /// Parses a Data Type in an API that defines the types `defined` says: a capitalised name
    /// the API defines is that type, even if it is also a CLR type's name (a user class called
    /// `String` or `Object`).
    pub fn parse_defining(text: &str, defined: &dyn Fn(&str) -> bool) -> Result<TypeRef, String> {
        let mut p = Parser { src: text.as_bytes(), pos: 0, defined: Some(defined) };
        p.skip_ws();
        let ty = p.ty(0)?;
        p.skip_ws();
        if p.pos != p.src.len() {
            return Err(format!("unexpected `{}` after the type", &text[p.pos..]));
        }
        Ok(ty)
    }

    /// Parses a whole Data Type; anything left over is an error.
    pub fn parse(text: &str) -> Result<TypeRef, String> {
        let mut p = Parser { src: text.as_bytes(), pos: 0, defined: None };
        p.skip_ws();
        let ty = p.ty(0)?;
        p.skip_ws();
        if p.pos != p.src.len() {
            return Err(format!("unexpected `{}` after the type", &text[p.pos..]));
        }
        Ok(ty)
    }

    /// Every user type this type mentions, outermost first.
    pub fn user_types(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_user_types(&mut out);
        out
    }

    fn collect_user_types<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            TypeRef::Primitive { .. } => {}
            TypeRef::Named { name } => out.push(name),
            TypeRef::Nullable { inner } => inner.collect_user_types(out),
            TypeRef::List { item } => item.collect_user_types(out),
            TypeRef::Map { key, value } | TypeRef::Pair { key, value } => {
                key.collect_user_types(out);
                value.collect_user_types(out);
            }
            TypeRef::Generic { name, args } => {
                out.push(name);
                for a in args {
                    a.collect_user_types(out);
                }
            }
        }
    }

    /// Whether the wire value may be null: `T?`, and reference types (string, classes, lists).
    pub fn is_nullable(&self) -> bool {
        match self {
            TypeRef::Nullable { .. } => true,
            TypeRef::Primitive { prim } => !prim.is_value_type(),
            _ => true,
        }
    }

    /// Strips one `?`.
    pub fn without_nullable(&self) -> &TypeRef {
        match self {
            TypeRef::Nullable { inner } => inner,
            other => other,
        }
    }

    /// Equality as the wire sees it: lists and arrays alike, `Nullable` stripped everywhere.
    /// Used to compare sources that cannot say as much as a table (DTO code, samples).
    pub fn same_shape(&self, other: &TypeRef) -> bool {
        match (self.without_nullable(), other.without_nullable()) {
            (TypeRef::Primitive { prim: a }, TypeRef::Primitive { prim: b }) => a == b,
            (TypeRef::Named { name: a }, TypeRef::Named { name: b }) => a == b,
            (TypeRef::List { item: a }, TypeRef::List { item: b }) => a.same_shape(b),
            (TypeRef::Map { key: ka, value: va }, TypeRef::Map { key: kb, value: vb })
            | (TypeRef::Pair { key: ka, value: va }, TypeRef::Pair { key: kb, value: vb }) => {
                ka.same_shape(kb) && va.same_shape(vb)
            }
            (TypeRef::Generic { name: a, args: xa }, TypeRef::Generic { name: b, args: xb }) => {
                a == b && xa.len() == xb.len() && xa.iter().zip(xb).all(|(x, y)| x.same_shape(y))
            }
            _ => false,
        }
    }
}

impl TypeRef {
    /// [`TypeRef::same_shape`], also allowing what DTO code in languages with fewer types says:
    /// `str` for Guid, Char and Uri; `int` for every integer; `float` for float and double.
    pub fn loosely_matches(&self, vaguer: &TypeRef) -> bool {
        use Prim::*;
        match (self.without_nullable(), vaguer.without_nullable()) {
            (TypeRef::Primitive { prim: a }, TypeRef::Primitive { prim: b }) => {
                a == b
                    || (*b == String && matches!(a, Guid | Char | Uri))
                    || (*b == Int && matches!(a, Byte | SByte | Short | Long | UShort | UInt | ULong))
                    || (*b == Double && *a == Float)
            }
            (TypeRef::List { item: a }, TypeRef::List { item: b }) => a.loosely_matches(b),
            (TypeRef::Map { key: ka, value: va }, TypeRef::Map { key: kb, value: vb }) => {
                ka.loosely_matches(kb) && va.loosely_matches(vb)
            }
            (a, b) => a.same_shape(b),
        }
    }
}

impl fmt::Display for TypeRef {
    /// The canonical ServiceStack spelling (`List<string>`, `bool?`, `Dictionary<string, int>`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Primitive { prim } => f.write_str(prim.spelling()),
            TypeRef::Named { name } => f.write_str(name),
            TypeRef::Nullable { inner } => write!(f, "{inner}?"),
            TypeRef::List { item } => write!(f, "List<{item}>"),
            TypeRef::Map { key, value } => write!(f, "Dictionary<{key}, {value}>"),
            TypeRef::Pair { key, value } => write!(f, "KeyValuePair<{key}, {value}>"),
            TypeRef::Generic { name, args } => {
                write!(f, "{name}<")?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str(">")
            }
        }
    }
}

struct Parser<'a> {
    src: &'a [u8],
    pos: usize,
    /// Names the API defines: a capitalised name among them is a user type even where it is
    /// also a CLR type's name (`String`, `Object`).
    defined: Option<&'a dyn Fn(&str) -> bool>,
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.src.len() && self.src[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.skip_ws();
        if self.src.get(self.pos) == Some(&c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> Result<String, String> {
        self.skip_ws();
        let start = self.pos;
        while self.pos < self.src.len()
            && (self.src[self.pos].is_ascii_alphanumeric() || matches!(self.src[self.pos], b'_' | b'.' | b'`'))
        {
            self.pos += 1;
        }
        if start == self.pos || self.src[start].is_ascii_digit() {
            return Err(match self.src.get(start) {
                Some(_) => "expected a type name".to_string(),
                None => "the type ends where a type name was expected".to_string(),
            });
        }
        Ok(String::from_utf8_lossy(&self.src[start..self.pos]).into_owned())
    }

    fn ty(&mut self, depth: usize) -> Result<TypeRef, String> {
        if depth > MAX_DEPTH {
            return Err(format!("generic arguments nest deeper than {MAX_DEPTH} levels"));
        }
        let name = self.ident()?;
        let mut args = Vec::new();
        if self.eat(b'<') {
            loop {
                args.push(self.ty(depth + 1)?);
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b'>') {
                    break;
                }
                return Err(format!("`{name}<` is not closed with `>`"));
            }
        }
        let user_defined = args.is_empty()
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && self.defined.is_some_and(|defined| defined(&name));
        let mut ty = if user_defined { TypeRef::named(name.clone()) } else { build(&name, args)? };
        // `[]` and `?` nest like generic arguments; bounding them per type keeps the whole type
        // bounded (at most MAX_DEPTH suffixes at each of MAX_DEPTH levels).
        let mut levels = 0;
        loop {
            if self.eat(b'?') {
                ty = TypeRef::nullable(ty);
            } else if self.eat(b'[') {
                if !self.eat(b']') {
                    return Err("`[` is not closed with `]`".to_string());
                }
                ty = TypeRef::list(ty);
                // `T[]` prints as `List<T>`: the whole type, not just this part, must stay
                // within MAX_DEPTH generic levels, or its printed form would not parse back.
                if depth + generic_height(&ty) > MAX_DEPTH {
                    return Err(format!("its `[]` suffixes nest deeper than {MAX_DEPTH} levels"));
                }
            } else {
                return Ok(ty);
            }
            levels += 1;
            if levels > MAX_DEPTH {
                return Err(format!("its `[]` and `?` suffixes nest deeper than {MAX_DEPTH} levels"));
            }
        }
    }
}

/// `System.Collections.Generic.List` → `List`: CLR namespaces are dropped, and so is a dotted
/// prefix before a CLR type's name or of two or more parts (`Acme.Dtos.Customer`). A single
/// capitalised outer name is kept: DataContract writes a nested class as `Outer.Inner`
/// (`QuerySwatchCounts.Item`), and the page defines it so.
fn without_namespace(name: &str) -> &str {
    let Some((prefix, last)) = name.rsplit_once('.') else { return name };
    let clr_namespace = ["System", "ServiceStack", "Microsoft"]
        .iter()
        .any(|ns| prefix == *ns || prefix.strip_prefix(ns).is_some_and(|rest| rest.starts_with('.')));
    let last_bare = last.split('`').next().unwrap_or(last);
    let clr_name = Prim::from_name(last_bare).is_some()
        || LIST_NAMES.contains(&last_bare)
        || MAP_NAMES.contains(&last_bare)
        || matches!(last_bare, "Nullable" | "KeyValuePair");
    let lower_prefix = prefix.starts_with(|c: char| c.is_ascii_lowercase());
    let segments_are_names = name.split('.').all(|seg| {
        seg.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    });
    // A namespace has two or more parts (`Acme.Dtos.Customer`); a nested class's outer type is one.
    let one_outer = !prefix.contains('.');
    if clr_namespace || clr_name || lower_prefix || !segments_are_names || !one_outer { last } else { name }
}

/// How many generic levels (`List<…>`, `Dictionary<…>`, `Foo<…>`) the printed form of `ty` nests.
/// Recursive: the parser keeps every type it builds within MAX_DEPTH + 1 of these levels.
fn generic_height(ty: &TypeRef) -> usize {
    match ty {
        TypeRef::Primitive { .. } | TypeRef::Named { .. } => 0,
        TypeRef::Nullable { inner } => generic_height(inner),
        TypeRef::List { item } => 1 + generic_height(item),
        TypeRef::Map { key, value } | TypeRef::Pair { key, value } => {
            1 + generic_height(key).max(generic_height(value))
        }
        TypeRef::Generic { args, .. } => 1 + args.iter().map(generic_height).max().unwrap_or(0),
    }
}

fn build(name: &str, mut args: Vec<TypeRef>) -> Result<TypeRef, String> {
    let bare = without_namespace(name);
    let bare = bare.split('`').next().unwrap_or(bare);
    // `System.`, `` `1 ``, `Foo.int`, `System.32a`, `` System.int`1 ``: nothing a page could mean by a type name.
    let namespaced_primitive = Prim::from_name(bare).is_some() && Prim::from_name(name).is_none();
    if !bare.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') || namespaced_primitive {
        return Err(format!("`{name}` is not a type name"));
    }
    let arity = args.len();
    let want = |n: usize| -> Result<(), String> {
        if arity == n { Ok(()) } else { Err(format!("`{bare}` takes {n} type argument(s), found {arity}")) }
    };
    if arity == 0 {
        return Ok(match Prim::from_name(name) {
            Some(prim) => TypeRef::prim(prim),
            None => TypeRef::named(bare),
        });
    }
    if bare == "Nullable" {
        want(1)?;
        return Ok(TypeRef::nullable(args.remove(0)));
    }
    if LIST_NAMES.contains(&bare) {
        want(1)?;
        return Ok(TypeRef::list(args.remove(0)));
    }
    if MAP_NAMES.contains(&bare) || bare == "KeyValuePair" {
        want(2)?;
        let value = args.pop().unwrap_or(TypeRef::prim(Prim::Object));
        let key = args.pop().unwrap_or(TypeRef::prim(Prim::String));
        return Ok(if bare == "KeyValuePair" {
            TypeRef::Pair { key: Box::new(key), value: Box::new(value) }
        } else {
            TypeRef::map(key, value)
        });
    }
    if Prim::from_name(bare).is_some() {
        return Err(format!("`{bare}` takes no type arguments"));
    }
    Ok(TypeRef::Generic { name: bare.to_string(), args })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expect: &str) {
        let got = match TypeRef::parse(input) {
            Ok(t) => t.to_string(),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(got, expect, "parsing {input:?}");
    }

    #[test]
    fn grammar() {
        check("string", "string");
        check("String", "string");
        check("int?", "int?");
        check("Nullable<Int32>", "int?");
        check("bool?", "bool?");
        check("List<string>", "List<string>");
        check("string[]", "List<string>");
        check("byte?[]", "List<byte?>");
        check("DateTime?[]", "List<DateTime?>");
        check("List<Nullable<Byte>>", "List<byte?>");
        check("Dictionary<string, string>", "Dictionary<string, string>");
        check(
            "Dictionary<string, List<Dictionary<String,Poco>>>",
            "Dictionary<string, List<Dictionary<string, Poco>>>",
        );
        check("IEnumerable<Poco>", "List<Poco>");
        check("KeyValuePair<string, string>", "KeyValuePair<string, string>");
        check("Char[]", "List<Char>");
        check("Guid", "Guid");
        check("QueryResponse<Poco>", "QueryResponse<Poco>");
        check("List<GetCustomerInterest>", "List<GetCustomerInterest>");
        check("List<List<string>", "error: `List<` is not closed with `>`");
        check("List<", "error: the type ends where a type name was expected");
        check("Dictionary<string>", "error: `Dictionary` takes 2 type argument(s), found 1");
        check("int x", "error: unexpected `x` after the type");
        check("", "error: the type ends where a type name was expected");
        check("9abc", "error: expected a type name");
        check("System.", "error: `System.` is not a type name");
        check("Foo.int", "error: `Foo.int` is not a type name");
        check("System.Int32", "int");
        check("System.32a", "error: `System.32a` is not a type name");
        check("System.int`1", "error: `System.int`1` is not a type name");
        check("int <Poco>", "error: `int` takes no type arguments");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("{}int{}", "List<".repeat(10_000), ">".repeat(10_000));
        let err = TypeRef::parse(&deep).unwrap_err();
        assert!(err.contains("nest deeper"), "{err}");
        let arrays = format!("int{}", "[]".repeat(100_000));
        assert!(TypeRef::parse(&arrays).unwrap_err().contains("nest deeper"));
        let mixed = format!("List<bool{}>", "?[]".repeat(20));
        assert!(TypeRef::parse(&mixed).is_err());
        let legal = format!("{}int?{}", "List<".repeat(MAX_DEPTH), ">".repeat(MAX_DEPTH));
        assert!(TypeRef::parse(&legal).is_ok());
        assert!(TypeRef::parse(&format!("int{}", "[]".repeat(MAX_DEPTH))).is_ok());
        // `[]` at every generic level (F6 in FUZZING.md): about 1,000 levels once printed.
        let suffixed = format!("{}int{}{}", "List<".repeat(31), "[]".repeat(32), ">[]".repeat(31));
        assert!(TypeRef::parse(&suffixed).unwrap_err().contains("nest deeper"));
        let edge = format!("{}int{}", "List<".repeat(MAX_DEPTH - 1), ">".repeat(MAX_DEPTH - 1));
        let edge = TypeRef::parse(&format!("{edge}[]")).unwrap();
        assert_eq!(TypeRef::parse(&edge.to_string()), Ok(edge));
    }

    #[test]
    fn same_shape_ignores_nullability_and_array_spelling() {
        let a = TypeRef::parse("List<string>").unwrap();
        let b = TypeRef::parse("string[]").unwrap();
        assert!(a.same_shape(&b));
        assert!(!a.same_shape(&TypeRef::parse("List<int>").unwrap()));
    }
}
