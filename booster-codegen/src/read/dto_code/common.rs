//! What every language reader shares: string-literal awareness, attribute arguments, the
//! metadata that attributes and doc comments leave for the next member, base-class selection,
//! and one bounded parser for the type syntaxes of the client languages.

use crate::diag::Diagnostics;
use crate::facts::{CodeField, CodeType, EnumMemberFact};
use crate::type_grammar::{MAX_DEPTH, Prim, TypeRef};

/// Tracks whether a character is inside a string literal, so that braces, commas and comment
/// markers inside descriptions (`Description="a {b}, c // d"`) are not taken for code.
pub(super) struct Quotes {
    open: Option<char>,
    escaped: bool,
    backslash_escapes: bool,
}

impl Quotes {
    /// `backslash_escapes` is false for VB.NET, whose strings only escape `""`.
    pub(super) fn new(backslash_escapes: bool) -> Quotes {
        Quotes { open: None, escaped: false, backslash_escapes }
    }

    /// Feeds one character; true when it is code (outside literals and not a quote itself).
    pub(super) fn is_code(&mut self, c: char) -> bool {
        match self.open {
            Some(q) => {
                if self.escaped {
                    self.escaped = false;
                } else if self.backslash_escapes && c == '\\' {
                    self.escaped = true;
                } else if c == q {
                    self.open = None;
                }
                false
            }
            None if c == '"' || c == '\'' => {
                self.open = Some(c);
                false
            }
            None => true,
        }
    }
}

/// Splits at `sep` where it is outside literals and brackets. `angles` counts `<`/`>` as
/// brackets (types), which would go wrong in expressions such as `1 << 2`.
pub(super) fn split_top_level(s: &str, sep: char, angles: bool) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quotes = Quotes::new(true);
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if !quotes.is_code(c) {
            continue;
        }
        match c {
            '(' | '[' | '{' => depth += 1,
            '<' if angles => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '>' if angles => depth = depth.saturating_sub(1),
            _ if c == sep && depth == 0 => {
                parts.push(s.get(start..i).unwrap_or(""));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(s.get(start..).unwrap_or(""));
    parts
}

/// The byte offset of the first `target` outside literals and brackets.
pub(super) fn find_top_level(s: &str, target: char, angles: bool) -> Option<usize> {
    let mut quotes = Quotes::new(true);
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if !quotes.is_code(c) {
            continue;
        }
        if c == target && depth == 0 {
            return Some(i);
        }
        match c {
            '(' | '[' | '{' => depth += 1,
            '<' if angles => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '>' if angles => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The text before the first `target` outside literals and brackets, or all of it: a
/// declaration without its `= default`, a base without its constructor call `(..)`.
pub(super) fn before_top_level(s: &str, target: char, angles: bool) -> &str {
    find_top_level(s, target, angles).and_then(|at| s.get(..at)).unwrap_or(s)
}

/// Given text starting with an opening bracket, the byte offset just past its match.
pub(super) fn matching_close(s: &str, open: char, close: char, backslash_escapes: bool) -> Option<usize> {
    let mut quotes = Quotes::new(backslash_escapes);
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if !quotes.is_code(c) {
            continue;
        }
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i + c.len_utf8());
            }
        }
    }
    None
}

pub(super) fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Splits a leading identifier off `s` (after leading whitespace).
pub(super) fn take_ident(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    let end = s.char_indices().find(|&(_, c)| !is_ident_char(c)).map_or(s.len(), |(i, _)| i);
    (s.get(..end).unwrap_or(""), s.get(end..).unwrap_or(""))
}

/// Splits the first whitespace-separated word off `s`.
pub(super) fn take_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    let end = s.char_indices().find(|&(_, c)| c.is_whitespace()).map_or(s.len(), |(i, _)| i);
    (s.get(..end).unwrap_or(""), s.get(end..).unwrap_or(""))
}

/// Drops leading words found in `modifiers`; reports whether any of `disqualifying` was among them.
pub(super) fn strip_modifiers<'a>(mut s: &'a str, modifiers: &[&str], disqualifying: &[&str]) -> (&'a str, bool) {
    let mut disqualified = false;
    loop {
        let (word, rest) = take_word(s);
        if disqualifying.contains(&word) {
            disqualified = true;
        } else if !modifiers.contains(&word) {
            return (s.trim_start(), disqualified);
        }
        s = rest;
    }
}

pub(super) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_') && chars.all(is_ident_char)
}

/// Splits `Type Name` at the last top-level whitespace: the name is the final identifier.
pub(super) fn split_type_and_name(s: &str) -> Option<(&str, &str)> {
    let s = s.trim();
    let start = s.char_indices().rev().find(|&(_, c)| !is_ident_char(c)).map(|(i, c)| i + c.len_utf8())?;
    let name = s.get(start..)?;
    let ty = s.get(..start)?.trim_end();
    // `Dictionary<string, int>X` has no space before the name: that is not a declaration.
    let separated = s.get(..start)?.ends_with(char::is_whitespace);
    (is_identifier(name) && !ty.is_empty() && separated).then_some((ty, name))
}

/// The text of a string literal (`"a\"b"`, `'x'`, VB's `"a""b"`), or the trimmed text as is.
pub(super) fn unquote(s: &str) -> String {
    let s = s.trim();
    let s = s.strip_prefix('@').filter(|r| r.starts_with('"')).unwrap_or(s);
    let mut chars = s.chars();
    let Some(q) = chars.next().filter(|&c| c == '"' || c == '\'') else {
        return s.to_string();
    };
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            _ if c == q => {
                if chars.clone().next() == Some(q) {
                    chars.next();
                    out.push(q);
                } else {
                    break;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The text of a .NET doc comment line (`<summary>Id</summary>` → `Id`).
pub(super) fn without_xml_tags(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut in_tag = false;
    for c in doc.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// One attribute or annotation: `ApiMember(Description="x", IsRequired=true)`, `Required`,
/// VB's `DataMember(Name:="x")`, Java's `SerializedName("x")`.
#[derive(Debug)]
pub(super) struct Attr {
    pub(super) name: String,
    /// `(name, value)` pairs, `name` being `None` for positional arguments; values unquoted.
    pub(super) args: Vec<(Option<String>, String)>,
}

impl Attr {
    pub(super) fn parse(text: &str) -> Option<Attr> {
        let text = text.trim();
        let end = text.char_indices().find(|&(_, c)| !(is_ident_char(c) || c == '.')).map_or(text.len(), |(i, _)| i);
        let full = text.get(..end)?;
        let name = full.rsplit('.').next().unwrap_or(full);
        let name = name.strip_suffix("Attribute").filter(|n| !n.is_empty()).unwrap_or(name);
        if name.is_empty() {
            return None;
        }
        let rest = text.get(end..)?.trim_start();
        let mut args = Vec::new();
        if rest.starts_with('(') {
            // An unclosed list (a cut page) still yields the arguments that are whole.
            let inner_end = matching_close(rest, '(', ')', true).map_or(rest.len(), |close| close - 1);
            let inner = rest.get(1..inner_end).unwrap_or("");
            for arg in split_top_level(inner, ',', false) {
                if arg.trim().is_empty() {
                    continue;
                }
                args.push(Self::argument(arg));
            }
        }
        Some(Attr { name: name.to_string(), args })
    }

    fn argument(arg: &str) -> (Option<String>, String) {
        if let Some(eq) = find_top_level(arg, '=', false) {
            let key = arg.get(..eq).unwrap_or("").trim().trim_end_matches(':').trim();
            let value = arg.get(eq + 1..).unwrap_or("");
            if is_identifier(key) && !value.starts_with('=') {
                return (Some(key.to_string()), unquote(value));
            }
        }
        (None, unquote(arg))
    }

    pub(super) fn named(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(key)))
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn first_positional(&self) -> Option<&str> {
        self.args.iter().find(|(k, _)| k.is_none()).map(|(_, v)| v.as_str())
    }

    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// What attributes and doc comments said about the member that follows them.
#[derive(Debug, Default)]
pub(super) struct Pending {
    description: Option<String>,
    doc: Option<String>,
    required: Option<bool>,
    rename: Option<String>,
    enum_value: Option<String>,
}

impl Pending {
    pub(super) fn absorb(&mut self, attr: &Attr) {
        if attr.is("ApiMember") {
            if let Some(d) = attr.named("Description") {
                self.description = Some(d.to_string());
            }
            match attr.named("IsRequired") {
                Some(v) if v.eq_ignore_ascii_case("true") => self.required = Some(true),
                _ => {
                    self.required.get_or_insert(false);
                }
            }
        } else if attr.is("Required") {
            self.required = Some(true);
        } else if attr.is("DataMember") {
            if let Some(name) = attr.named("Name") {
                self.rename = Some(name.to_string());
            }
            if attr.named("IsRequired").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
                self.required = Some(true);
            }
        } else if attr.is("Description") {
            if let Some(d) = attr.first_positional().or_else(|| attr.named("Description")) {
                self.description = Some(d.to_string());
            }
        } else if attr.is("EnumMember") {
            if let Some(v) = attr.named("Value") {
                self.enum_value = Some(v.to_string());
            }
        } else if attr.is("SerializedName")
            && let Some(v) = attr.first_positional().or_else(|| attr.named("value"))
        {
            self.rename = Some(v.to_string());
        }
    }

    /// Parses `text` as one attribute and absorbs it.
    pub(super) fn absorb_text(&mut self, text: &str) {
        if let Some(attr) = Attr::parse(text) {
            self.absorb(&attr);
        }
    }

    /// Absorbs the attribute groups that start `code`, C#'s `[A, B(x)]` or VB.NET's `<A, B(x)>`
    /// (`open`/`close` being the group's brackets), and returns the code after them.
    pub(super) fn strip_attribute_groups<'s>(
        &mut self,
        code: &'s str,
        open: char,
        close: char,
        backslash_escapes: bool,
    ) -> &'s str {
        let mut rest = code.trim_start();
        while rest.starts_with(open) {
            let Some(end) = matching_close(rest, open, close, backslash_escapes) else {
                break;
            };
            for attr in split_top_level(rest.get(1..end - 1).unwrap_or(""), ',', false) {
                self.absorb_text(attr);
            }
            rest = rest.get(end..).unwrap_or("").trim_start();
        }
        rest
    }

    /// Adds a line of a doc comment (`///<summary>` blocks, `/** */`, Python docstrings).
    pub(super) fn add_doc(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        match &mut self.doc {
            Some(doc) => {
                doc.push(' ');
                doc.push_str(line);
            }
            None => self.doc = Some(line.to_string()),
        }
    }

    pub(super) fn take(&mut self) -> Pending {
        std::mem::take(self)
    }

    /// The field these notes precede; a `[DataMember(Name=..)]` rename wins over `name`.
    pub(super) fn into_field(self, name: &str, ty: Option<TypeRef>, line: usize) -> CodeField {
        CodeField {
            name: self.rename.unwrap_or_else(|| name.to_string()),
            ty,
            required: self.required,
            description: self.description.or(self.doc),
            line,
        }
    }

    /// The enum member these notes precede: `[EnumMember(Value=..)]` (or a Gson
    /// `@SerializedName`) gives the value when the code has none.
    pub(super) fn into_member(self, name: &str, value: Option<String>, line: usize) -> EnumMemberFact {
        EnumMemberFact {
            name: name.to_string(),
            value: value.or(self.enum_value).or(self.rename),
            description: self.description.or(self.doc),
            line,
        }
    }

    /// [`Pending::into_member`] for a member whose value is a literal as the code writes it.
    pub(super) fn into_written_member(self, name: &str, written: Option<&str>, line: usize) -> EnumMemberFact {
        let value = written.and_then(|v| enum_value(name, v));
        self.into_member(name, value, line)
    }
}

/// A literal enum value as written: strings lose their quotes, and a value that only repeats
/// the member's name (TypeScript's `Value1 = 'Value1'`) says nothing.
fn enum_value(name: &str, raw: &str) -> Option<String> {
    let value = unquote(raw);
    (!value.is_empty() && value != name).then_some(value)
}

/// A type as its declaration introduces it, before any field or member is read.
pub(super) fn declared_type(
    name: impl Into<String>,
    language: &'static str,
    base: Option<TypeRef>,
    is_enum: bool,
    line: usize,
) -> CodeType {
    CodeType {
        name: name.into(),
        language,
        base,
        is_enum,
        fields: Vec::new(),
        members: Vec::new(),
        returns: None,
        line,
    }
}

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

/// `text` cut to a length a diagnostic can quote: types in DTO code can be thousands of
/// characters long (generics nested deep), and a message must stay one readable line.
pub(super) fn short(text: &str) -> String {
    crate::read::text::truncate(text, 120)
}

/// What a read gave, or `None` after a warning made from its error: a base class or a member
/// type that cannot be read is left out, so that the rest of the type is still read.
pub(super) fn or_warn<T>(
    read: Result<Option<T>, String>,
    diags: &mut Diagnostics,
    file: &str,
    line: usize,
    warning: impl FnOnce(&str) -> String,
) -> Option<T> {
    read.unwrap_or_else(|e| {
        // The error may quote the rest of the type; a 60,000-character type must not become a
        // 60,000-character message.
        diags.warn(file, line, warning(&crate::read::text::truncate(&e, 200)));
        None
    })
}

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

    #[track_caller]
    fn check_attr(input: &str, expect: &str) {
        let got = match Attr::parse(input) {
            Some(a) => format!("{} {:?}", a.name, a.args),
            None => "none".to_string(),
        };
        assert_eq!(got, expect, "parsing {input:?}");
    }

    #[test]
    fn attributes() {
        check_attr(
            r#"ApiMember(Description="Brand, e.g. 'CAR'", IsRequired=true)"#,
            r#"ApiMember [(Some("Description"), "Brand, e.g. 'CAR'"), (Some("IsRequired"), "true")]"#,
        );
        check_attr("Required", "Required []");
        check_attr("Required()", "Required []");
        check_attr(r#"DataMember(Name:="x", Order:=1)"#, r#"DataMember [(Some("Name"), "x"), (Some("Order"), "1")]"#);
        check_attr(r#"SerializedName("byte")"#, r#"SerializedName [(None, "byte")]"#);
        check_attr(r#"Description("say \"hi\"")"#, r#"Description [(None, "say \"hi\"")]"#);
        check_attr(r#"System.ComponentModel.DescriptionAttribute("x")"#, r#"Description [(None, "x")]"#);
        check_attr(r#"Validate(Validator="x == 1")"#, r#"Validate [(Some("Validator"), "x == 1")]"#);
        check_attr(r#"ApiMember(Description="unclosed"#, r#"ApiMember [(Some("Description"), "unclosed")]"#);
        check_attr("(", "none");
        check_attr("", "none");
    }

    #[test]
    fn pending_required_rules() {
        let mut p = Pending::default();
        p.absorb_text(r#"ApiMember(Description="d")"#);
        let f = p.take().into_field("x", None, 1);
        assert_eq!((f.required, f.description.as_deref()), (Some(false), Some("d")));

        p.absorb_text("Required");
        p.absorb_text(r#"ApiMember(Description="d", IsRequired=false)"#);
        assert_eq!(p.take().into_field("x", None, 1).required, Some(true));

        p.add_doc("from the doc");
        p.absorb_text(r#"DataMember(Name="wire_name")"#);
        let f = p.take().into_field("X", None, 1);
        assert_eq!((f.name.as_str(), f.required, f.description.as_deref()), ("wire_name", None, Some("from the doc")));
    }

    #[test]
    fn splitting_respects_literals_and_brackets() {
        assert_eq!(
            split_top_level(r#"a, "b, c", d<e, f>, g(h, i)"#, ',', true),
            ["a", r#" "b, c""#, " d<e, f>", " g(h, i)"]
        );
        assert_eq!(split_top_level("A = 1 << 2, B", ',', false), ["A = 1 << 2", " B"]);
        assert_eq!(
            split_type_and_name("public virtual Dictionary<string, int> Map"),
            Some(("public virtual Dictionary<string, int>", "Map"))
        );
        assert_eq!(split_type_and_name("Name"), None);
        assert_eq!(unquote(r#""a""b""#), r#"a"b"#);
        assert_eq!(unquote("'it\\'s'"), "it's");
    }

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
