//! The reader shared by the brace languages (C#, TypeScript, Kotlin, Java, Swift, Dart).
//!
//! It strips comments, tracks `{ }` scopes outside string literals, and hands each statement to
//! the language, which says whether it declares a type, a field or an enum member. A line in a
//! type body whose braces balance (`public int? Age { get; set; }`, TypeScript's
//! `meta: { [index: string]: string; };`) is offered whole first, so its braces stay inside it.
//!
//! The declaration shapes the languages share are in `brace_decl`.

use super::attributes::Pending;
use super::bases;
pub(super) use super::brace_decl::{
    Decl, Member, clause_decl, colon_list, decl_head, name_and_type, plain_enum_member, property_decl, split_bases,
    type_first_field, type_name,
};
use super::common::{self, Quotes};
use super::foreign_types::{self, Flavor};
use crate::diag::Diagnostics;
use crate::facts::{CodeReturn, CodeType};
use crate::type_grammar::TypeRef;

/// How a language writes its types.
pub(super) enum TypeSyntax {
    /// C#: the .NET grammar itself.
    DotNet,
    /// A client language's own spelling, mapped onto the .NET grammar.
    Foreign(Flavor),
}

impl TypeSyntax {
    fn parse(&self, text: &str) -> Result<Option<TypeRef>, String> {
        match self {
            TypeSyntax::DotNet => TypeRef::parse(text).map(Some),
            TypeSyntax::Foreign(flavor) => foreign_types::parse_foreign_type(text, flavor),
        }
    }
}

pub(super) trait BraceLang {
    /// The `CodeType::language` tag.
    const LANGUAGE: &'static str;
    /// The language's name in diagnostics.
    const DISPLAY: &'static str;
    const TYPES: TypeSyntax;

    /// Reads a comment (the text after `//`, or inside `/* */`) into the pending metadata; all
    /// but C# write docs and attributes there alike.
    fn comment(&self, text: &str, pending: &mut Pending) {
        doc_or_attribute_comment(text, pending);
    }
    /// Strips the attributes or annotations that start `stmt`, absorbing them into `pending`;
    /// all but C# and TypeScript write them as `@Name(..)`.
    fn annotations<'s>(&self, stmt: &'s str, pending: &mut Pending) -> &'s str {
        strip_at_annotations(stmt, pending)
    }
    fn decl(&self, stmt: &str) -> Option<Decl>;
    /// Continues a declaration whose `{` has not come yet (C#'s base list on its own line).
    fn continue_decl(&self, _stmt: &str, _decl: &mut Decl) -> bool {
        false
    }
    fn member(&self, stmt: &str) -> Member;
    /// An enum member's name and its value as written.
    fn enum_member<'s>(&self, piece: &'s str) -> Option<(&'s str, Option<&'s str>)> {
        plain_enum_member(piece)
    }
}

/// Strips `@Name` / `@Name(args)` annotations (Kotlin, Java, Swift, Dart).
fn strip_at_annotations<'s>(stmt: &'s str, pending: &mut Pending) -> &'s str {
    let mut rest = stmt.trim_start();
    while let Some(after) = rest.strip_prefix('@') {
        let end = after.char_indices().find(|&(_, c)| !(common::is_ident_char(c) || c == '.' || c == ':'));
        let name_end = end.map_or(after.len(), |(i, _)| i);
        if name_end == 0 {
            break;
        }
        let tail = after.get(name_end..).unwrap_or("");
        let args_end =
            if tail.starts_with('(') { common::matching_close(tail, '(', ')', true).unwrap_or(tail.len()) } else { 0 };
        pending.absorb_text(after.get(..name_end + args_end).unwrap_or(""));
        rest = tail.get(args_end..).unwrap_or("").trim_start();
    }
    rest
}

/// Reads `/** .. */` blocks (the text after `/*` starts with `*`) as doc comments and
/// `// @Attr(..)` lines as attributes, as TypeScript, Swift, Kotlin, Java and Dart write them.
fn doc_or_attribute_comment(text: &str, pending: &mut Pending) {
    let trimmed = text.trim();
    if let Some(doc) = trimmed.strip_prefix('*') {
        for line in doc.lines() {
            let line = line.trim().trim_start_matches('*').trim();
            let line = line.strip_prefix("@description").unwrap_or(line);
            if !line.starts_with('@') {
                pending.add_doc(line);
            }
        }
    } else if let Some(attr) = trimmed.strip_prefix('@') {
        pending.absorb_text(attr);
    }
}

enum Scope {
    Type(usize),
    Enum { index: usize, done: bool },
    Other,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    Open,
    Close,
    Semicolon,
    Line,
}

struct Reader<'a, L> {
    lang: &'a L,
    file: &'a str,
    diags: &'a mut Diagnostics,
    out: Vec<CodeType>,
    scopes: Vec<Scope>,
    pending: Pending,
    /// A declaration whose `{` has not come yet.
    decl: Option<(Decl, usize)>,
    block_comment: Option<String>,
}

pub(super) fn read<L: BraceLang>(
    lang: &L,
    file: &str,
    lines: &[(usize, &str)],
    diags: &mut Diagnostics,
) -> Vec<CodeType> {
    let mut reader = Reader {
        lang,
        file,
        diags,
        out: Vec::new(),
        scopes: Vec::new(),
        pending: Pending::default(),
        decl: None,
        block_comment: None,
    };
    for &(line, text) in lines {
        reader.line(line, text);
    }
    reader.flush_decl();
    reader.out
}

impl<L: BraceLang> Reader<'_, L> {
    fn line(&mut self, line: usize, text: &str) {
        let code = self.strip_comments(text);
        let code = code.trim();
        // `#region`, `#nullable enable` and the like.
        if code.is_empty() || code.starts_with('#') {
            return;
        }
        if matches!(self.scopes.last(), Some(Scope::Type(_))) && balanced(code) {
            let rest = self.lang.annotations(code, &mut self.pending).trim();
            if rest.is_empty() {
                return;
            }
            if self.lang.decl(rest).is_none() {
                match self.lang.member(rest) {
                    Member::Other => {}
                    member => {
                        self.flush_decl();
                        self.add_member(member, line);
                        return;
                    }
                }
            }
            self.segments(rest, line);
        } else {
            self.segments(code, line);
        }
    }

    /// The code of a line without its comments, which go to the language as they end.
    fn strip_comments(&mut self, text: &str) -> String {
        let mut code = String::with_capacity(text.len());
        let mut rest = text;
        loop {
            if let Some(buffer) = &mut self.block_comment {
                let Some(end) = rest.find("*/") else {
                    buffer.push_str(rest);
                    buffer.push('\n');
                    return code;
                };
                buffer.push_str(rest.get(..end).unwrap_or(""));
                rest = rest.get(end + 2..).unwrap_or("");
                if let Some(comment) = self.block_comment.take() {
                    self.lang.comment(&comment, &mut self.pending);
                }
                code.push(' ');
            }
            let mut quotes = Quotes::new(true);
            let mut cut = None;
            for (i, c) in rest.char_indices() {
                if quotes.is_code(c) && c == '/' {
                    match rest.get(i + 1..).and_then(|r| r.chars().next()) {
                        Some('/') => {
                            cut = Some((i, false));
                            break;
                        }
                        Some('*') => {
                            cut = Some((i, true));
                            break;
                        }
                        _ => {}
                    }
                }
            }
            let Some((at, block)) = cut else {
                code.push_str(rest);
                return code;
            };
            code.push_str(rest.get(..at).unwrap_or(""));
            let after = rest.get(at + 2..).unwrap_or("");
            if block {
                self.block_comment = Some(String::new());
                rest = after;
            } else {
                self.lang.comment(after, &mut self.pending);
                return code;
            }
        }
    }

    fn segments(&mut self, code: &str, line: usize) {
        let mut quotes = Quotes::new(true);
        let mut start = 0;
        // `<` not yet closed in the statement, and whether it can still be a declaration's head
        // (no `(` or `=` yet): then a `{` is inside a type argument, such as TypeScript's
        // `implements IReturn<{ [index: string]: T; }>`, and so are its `;` and `}`.
        let mut angles = 0usize;
        let mut head = true;
        let mut declares = None;
        let mut in_type = 0usize;
        for (i, c) in code.char_indices() {
            if !quotes.is_code(c) {
                continue;
            }
            let inside_type = match c {
                '<' => {
                    angles += 1;
                    in_type > 0
                }
                '>' => {
                    angles = angles.saturating_sub(1);
                    in_type > 0
                }
                '(' | '=' => {
                    head = false;
                    in_type > 0
                }
                '{' if in_type > 0 => {
                    in_type += 1;
                    true
                }
                // Asked once per statement: a field with a cut `List<string Names { get; set; }`
                // is not a declaration, and its `{` still opens its accessors.
                '{' if angles > 0
                    && head
                    && *declares
                        .get_or_insert_with(|| self.lang.decl(code.get(start..i).unwrap_or("").trim()).is_some()) =>
                {
                    in_type += 1;
                    true
                }
                '}' if in_type > 0 => {
                    in_type -= 1;
                    true
                }
                _ => in_type > 0,
            };
            if inside_type {
                continue;
            }
            let end = match c {
                '{' => End::Open,
                '}' => End::Close,
                ';' => End::Semicolon,
                _ => continue,
            };
            self.statement(code.get(start..i).unwrap_or(""), end, line);
            match end {
                End::Open => self.open(),
                End::Close => self.close(),
                End::Semicolon | End::Line => {}
            }
            start = i + 1;
            angles = 0;
            head = true;
            declares = None;
        }
        self.statement(code.get(start..).unwrap_or(""), End::Line, line);
    }

    fn statement(&mut self, stmt: &str, end: End, line: usize) {
        let stmt = self.lang.annotations(stmt.trim(), &mut self.pending).trim();
        if stmt.is_empty() {
            if end == End::Semicolon {
                self.end_enum_members();
            }
            return;
        }
        if let Some((decl, _)) = &mut self.decl
            && self.lang.continue_decl(stmt, decl)
        {
            return;
        }
        if let Some(decl) = self.lang.decl(stmt) {
            self.flush_decl();
            // Attributes and docs above a type describe the type.
            self.pending = Pending::default();
            self.decl = Some((decl, line));
            return;
        }
        // An opening brace after a statement that is not a declaration belongs to a method or
        // accessor; only then is a declaration still waiting (Kotlin's bodiless classes) done.
        if end != End::Open || self.decl.is_none() {
            self.flush_decl();
        }
        match self.scopes.last_mut() {
            Some(Scope::Type(_)) => {
                let member = self.lang.member(stmt);
                self.add_member(member, line);
            }
            Some(Scope::Enum { index, done: false }) => {
                let index = *index;
                for piece in common::split_top_level(stmt, ',', false) {
                    self.enum_member(index, piece, line);
                }
                if end == End::Semicolon {
                    self.end_enum_members();
                }
            }
            _ => self.pending = Pending::default(),
        }
    }

    /// Java ends an enum's member list with `;`; what follows are fields and methods.
    fn end_enum_members(&mut self) {
        if let Some(Scope::Enum { done, .. }) = self.scopes.last_mut() {
            *done = true;
        }
    }

    fn open(&mut self) {
        let scope = match self.decl.take() {
            Some((decl, line)) if !decl.skip => {
                let is_enum = decl.is_enum;
                let index = self.push_type(decl, line);
                if is_enum { Scope::Enum { index, done: false } } else { Scope::Type(index) }
            }
            _ => Scope::Other,
        };
        self.scopes.push(scope);
    }

    fn close(&mut self) {
        self.scopes.pop();
        self.pending = Pending::default();
    }

    /// A declaration that never got a body (Kotlin's `class Empty`) still declares a type.
    fn flush_decl(&mut self) {
        if let Some((decl, line)) = self.decl.take()
            && !decl.skip
        {
            self.push_type(decl, line);
        }
    }

    fn push_type(&mut self, decl: Decl, line: usize) -> usize {
        let base = if decl.is_enum {
            None
        } else {
            let base = bases::pick_base(decl.bases.iter().map(String::as_str), |b| L::TYPES.parse(b));
            common::or_warn(base, self.diags, self.file, line, |e| {
                format!(
                    "could not read the base class of {} type `{}` ({e}); the type is read without it",
                    L::DISPLAY,
                    decl.name
                )
            })
        };
        let returns = if decl.is_enum {
            None
        } else {
            let returns = bases::declared_returns(decl.bases.iter().map(String::as_str), |t| L::TYPES.parse(t));
            common::or_warn(returns, self.diags, self.file, line, |e| {
                format!(
                    "could not read the response type that {} type `{}` declares ({e}); the type is read without it",
                    L::DISPLAY,
                    decl.name
                )
            })
        };
        let mut ty = common::declared_type(decl.name, L::LANGUAGE, base, decl.is_enum, line);
        ty.returns = returns;
        self.out.push(ty);
        self.out.len() - 1
    }

    fn add_member(&mut self, member: Member, line: usize) {
        let meta = self.pending.take();
        let Some(&Scope::Type(index)) = self.scopes.last() else {
            return;
        };
        let type_name = self.out.get(index).map_or("", |t| t.name.as_str());
        let field = match member {
            Member::Other => return,
            Member::Returns(ty) => {
                let parsed = common::or_warn(L::TYPES.parse(&ty), self.diags, self.file, line, |e| {
                    format!(
                        "could not read the response type `{}` that {} type `{type_name}` declares ({e}); the type is read without it",
                        common::short(&ty),
                        L::DISPLAY
                    )
                });
                if let (Some(parsed), Some(t)) = (parsed, self.out.get_mut(index)) {
                    t.returns.get_or_insert(CodeReturn::Type(parsed));
                }
                return;
            }
            Member::Broken(message) => {
                self.diags.warn(self.file, line, message);
                return;
            }
            Member::Field { name, ty } => {
                let parsed = common::or_warn(L::TYPES.parse(&ty), self.diags, self.file, line, |e| {
                    format!(
                        "could not read the type `{}` of {} member `{name}` in `{type_name}` ({e}); the member is kept without a type",
                        common::short(&ty),
                        L::DISPLAY
                    )
                });
                meta.into_field(&name, parsed, line)
            }
        };
        if let Some(t) = self.out.get_mut(index) {
            t.fields.push(field);
        }
    }

    fn enum_member(&mut self, index: usize, piece: &str, line: usize) {
        let piece = self.lang.annotations(piece.trim(), &mut self.pending).trim();
        if piece.is_empty() {
            return;
        }
        let meta = self.pending.take();
        let Some(t) = self.out.get_mut(index) else {
            return;
        };
        match self.lang.enum_member(piece) {
            Some((name, value)) => t.members.push(meta.into_written_member(name, value, line)),
            None => self.diags.warn(
                self.file,
                line,
                format!("could not read `{piece}` as a member of {} enum `{}`; it was skipped", L::DISPLAY, t.name),
            ),
        }
    }
}

/// Whether the braces of a line (outside literals) close in order.
fn balanced(code: &str) -> bool {
    let mut quotes = Quotes::new(true);
    let mut depth = 0usize;
    for c in code.chars() {
        if !quotes.is_code(c) {
            continue;
        }
        match c {
            '{' => depth += 1,
            '}' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_braces() {
        assert!(balanced("public int X { get; set; }"));
        assert!(balanced("[Route(\"/a/{b}\")]"));
        assert!(!balanced("} {"));
    }
}
