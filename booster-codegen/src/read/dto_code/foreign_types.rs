//! One bounded parser for the type syntaxes of the client languages (`List[str]`, `[String:Int]`,
//! `{ [index: string]: T; }`, `ArrayList<Integer>`), giving the .NET-flavoured [`TypeRef`].

use super::common::is_ident_char;
use crate::type_grammar::{MAX_DEPTH, Prim, TypeRef};

/// How a language spells a type the .NET grammar names differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Alias {
    Prim(Prim),
    List,
    Map,
    /// `Nullable<T>` (.NET): always nullable.
    Nullable,
    /// Python's `Optional[T]`: the generator marks every reference type optional, so only
    /// value types become nullable.
    Optional,
    /// A byte array (`bytes`, `ByteArray`, `Uint8Array`).
    Bytes,
    /// Says too little to map (TypeScript's `number`).
    Vague,
}

/// A language's type syntax, for [`parse_foreign_type`].
pub(super) struct Flavor {
    /// Generic arguments are in `<..>`, or in `[..]` for Python.
    pub(super) square_generics: bool,
    /// Whether `T?` means nullable. Kotlin, Swift and Dart generators mark nearly every
    /// property `?`, so there it says nothing about the wire.
    pub(super) question_is_nullable: bool,
    /// Swift's `[T]` and `[K: V]`.
    pub(super) bracket_collections: bool,
    /// TypeScript's `{ [index: K]: V; }`.
    pub(super) index_signatures: bool,
    pub(super) alias: fn(&str) -> Option<Alias>,
}

impl Flavor {
    /// What most client languages write: `Name<T>` generics, `T[]` arrays, a `?` that says
    /// nothing, and no collection syntax of their own. The others adjust it.
    pub(super) const fn new(alias: fn(&str) -> Option<Alias>) -> Flavor {
        Flavor {
            square_generics: false,
            question_is_nullable: false,
            bracket_collections: false,
            index_signatures: false,
            alias,
        }
    }
}

const LIST_NAMES: &[&str] = &[
    "List",
    "IList",
    "IEnumerable",
    "ICollection",
    "IReadOnlyList",
    "IReadOnlyCollection",
    "HashSet",
    "ISet",
    "ArrayList",
    "Array",
    "ResizeArray",
    "ListBase",
    "MutableList",
    "Set",
];
const MAP_NAMES: &[&str] =
    &["Dictionary", "IDictionary", "SortedDictionary", "IReadOnlyDictionary", "HashMap", "Map", "MutableMap", "Dict"];

/// Parses a type written in a client language into the .NET-flavoured [`TypeRef`].
/// `Ok(None)` means the language cannot say (a vague part such as TypeScript's `number`).
pub(super) fn parse_foreign_type(text: &str, flavor: &Flavor) -> Result<Option<TypeRef>, String> {
    let mut p = ForeignParser { src: text, pos: 0, flavor };
    let ty = p.ty(0)?;
    p.skip_ws();
    match text.get(p.pos..) {
        Some(rest) if !rest.is_empty() => Err(format!("unexpected `{rest}` after the type")),
        _ => Ok(ty),
    }
}

struct ForeignParser<'a> {
    src: &'a str,
    pos: usize,
    flavor: &'a Flavor,
}

impl ForeignParser<'_> {
    fn peek(&self) -> Option<char> {
        self.src.get(self.pos..).and_then(|s| s.chars().next())
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.eat(c) { Ok(()) } else { Err(format!("expected `{c}`")) }
    }

    fn ident(&mut self) -> Result<&str, String> {
        self.skip_ws();
        let start = self.pos;
        while let Some(c) = self.peek().filter(|&c| is_ident_char(c) || c == '.' || c == '$') {
            self.pos += c.len_utf8();
        }
        match self.src.get(start..self.pos) {
            Some(name) if name.chars().next().is_some_and(|c| !c.is_ascii_digit()) => Ok(name),
            _ if self.peek().is_none() => Err("the type ends where a type name was expected".to_string()),
            _ => Err("expected a type name".to_string()),
        }
    }

    fn ty(&mut self, depth: usize) -> Result<Option<TypeRef>, String> {
        if depth > MAX_DEPTH {
            return Err(format!("generic arguments nest deeper than {MAX_DEPTH} levels"));
        }
        let mut ty = if self.flavor.bracket_collections && self.eat('[') {
            let item = self.ty(depth + 1)?;
            let ty = if self.eat(':') {
                let value = self.ty(depth + 1)?;
                item.zip(value).map(|(k, v)| TypeRef::map(k, v))
            } else {
                item.map(TypeRef::list)
            };
            self.expect(']')?;
            ty
        } else if self.flavor.index_signatures && self.eat('{') {
            self.expect('[')?;
            self.ident()?;
            self.expect(':')?;
            let key = self.ty(depth + 1)?;
            self.expect(']')?;
            self.expect(':')?;
            let value = self.ty(depth + 1)?;
            self.eat(';');
            self.expect('}')?;
            key.zip(value).map(|(k, v)| TypeRef::map(k, v))
        } else {
            self.named(depth)?
        };
        loop {
            if !self.flavor.square_generics && self.eat('[') {
                self.expect(']')?;
                ty = ty.map(TypeRef::list);
            } else if self.eat('?') {
                if self.flavor.question_is_nullable {
                    ty = ty.map(TypeRef::nullable);
                }
            } else if !self.eat('!') {
                return Ok(ty);
            }
        }
    }

    fn named(&mut self, depth: usize) -> Result<Option<TypeRef>, String> {
        let name = self.ident()?.to_string();
        let (open, close) = if self.flavor.square_generics { ('[', ']') } else { ('<', '>') };
        let mut args = Vec::new();
        let mut vague = false;
        if self.eat(open) {
            loop {
                match self.ty(depth + 1)? {
                    Some(arg) => args.push(arg),
                    None => vague = true,
                }
                if self.eat(',') {
                    continue;
                }
                if self.eat(close) {
                    break;
                }
                return Err(format!("`{name}{open}` is not closed with `{close}`"));
            }
        }
        if vague {
            return Ok(None);
        }
        build(&name, args, (self.flavor.alias)(&name))
    }
}

fn build(name: &str, mut args: Vec<TypeRef>, alias: Option<Alias>) -> Result<Option<TypeRef>, String> {
    let bare = name.rsplit('.').next().unwrap_or(name);
    let arity = args.len();
    let want = |n: usize| -> Result<(), String> {
        if arity == n { Ok(()) } else { Err(format!("`{bare}` takes {n} type argument(s), found {arity}")) }
    };
    let single = |mut args: Vec<TypeRef>| args.pop().unwrap_or(TypeRef::prim(Prim::Object));
    let alias = alias.or_else(|| {
        if arity == 0 {
            Prim::from_name(name).map(Alias::Prim)
        } else if LIST_NAMES.contains(&bare) {
            Some(Alias::List)
        } else if MAP_NAMES.contains(&bare) {
            Some(Alias::Map)
        } else if bare == "Nullable" {
            Some(Alias::Nullable)
        } else {
            None
        }
    });
    Ok(Some(match alias {
        Some(Alias::Prim(prim)) => {
            want(0)?;
            TypeRef::prim(prim)
        }
        Some(Alias::Bytes) => {
            want(0)?;
            TypeRef::list(TypeRef::prim(Prim::Byte))
        }
        Some(Alias::Vague) => return Ok(None),
        Some(Alias::List) => {
            want(1)?;
            TypeRef::list(single(args))
        }
        Some(Alias::Nullable) => {
            want(1)?;
            TypeRef::nullable(single(args))
        }
        Some(Alias::Optional) => {
            want(1)?;
            match single(args) {
                TypeRef::Primitive { prim } if prim.is_value_type() => TypeRef::nullable(TypeRef::prim(prim)),
                other => other,
            }
        }
        Some(Alias::Map) => {
            want(2)?;
            let value = args.pop().unwrap_or(TypeRef::prim(Prim::Object));
            let key = args.pop().unwrap_or(TypeRef::prim(Prim::String));
            TypeRef::map(key, value)
        }
        None if bare == "KeyValuePair" && arity == 2 => {
            let value = args.pop().unwrap_or(TypeRef::prim(Prim::Object));
            let key = args.pop().unwrap_or(TypeRef::prim(Prim::String));
            TypeRef::Pair { key: Box::new(key), value: Box::new(value) }
        }
        None if arity == 0 => TypeRef::named(bare),
        None => TypeRef::Generic { name: bare.to_string(), args },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_alias(_: &str) -> Option<Alias> {
        None
    }

    #[test]
    fn foreign_types() {
        let angle = Flavor {
            square_generics: false,
            question_is_nullable: false,
            bracket_collections: true,
            index_signatures: true,
            alias: no_alias,
        };
        let show = |t: &str| match parse_foreign_type(t, &angle) {
            Ok(Some(t)) => t.to_string(),
            Ok(None) => "vague".to_string(),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(show("[String:[Poco]]"), "Dictionary<string, List<Poco>>");
        assert_eq!(
            show("{ [index: string]: { [index:string]: Int32; }; }"),
            "Dictionary<string, Dictionary<string, int>>"
        );
        assert_eq!(show("ArrayList<Int?>"), "List<int>");
        assert_eq!(show("HashMap<String,ArrayList<Poco>>"), "Dictionary<string, List<Poco>>");
        assert_eq!(show("Foo<"), "error: the type ends where a type name was expected");
        assert_eq!(show("List<int> x"), "error: unexpected `x` after the type");
        let deep = format!("{}int{}", "List<".repeat(5000), ">".repeat(5000));
        assert!(show(&deep).contains("nest deeper"));
    }
}
