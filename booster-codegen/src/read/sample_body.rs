//! Sample bodies (JSON, JSV, XML), sniffed from the text, never from the Content-Type line:
//! pages for CSV, JSONL and MsgPack show a JSON sample under their own content type.
//!
//! Pages are often cut mid-body, so every reader here is lenient: it keeps what was complete,
//! says where the text stopped making sense, and goes no deeper than [`MAX_DEPTH`] levels. No
//! reader recurses on the input, so no input can overflow the stack.

use std::collections::HashMap;

use crate::facts::{SampleBody, SampleFormat, SampleObject, SampleValue};

/// Deeper nesting than this is skipped (real samples nest a handful of levels).
pub const MAX_DEPTH: usize = 256;

/// More problems than this in one body are counted, not listed: the XML reader recovers from
/// stray tags and goes on, so a hostile body could otherwise yield millions.
const MAX_PROBLEMS: usize = 50;

/// DataContract puts primitive list items (`<d2p1:int>`) in this namespace.
const ARRAYS_NS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";

const CUT_OFF: &str = "the sample body is cut off here; only the complete part was read";
const TOO_DEEP: &str = "the sample nests deeper than 256 levels; the deeper part was skipped";
const TRAILING: &str = "the sample body goes on after its end; the rest was ignored";

/// The result of reading one sample body.
#[derive(Debug, Clone, Default)]
pub struct BodyRead {
    pub body: Option<SampleBody>,
    /// Problems found, each with the 1-based line of the page it concerns.
    pub problems: Vec<(usize, String)>,
}

/// Reads a sample body whose first line is page line `first_line`.
///
/// A body starting with `<` is XML; one starting with `{` or `[` is JSON when it reads as JSON
/// and JSV otherwise. A body cut before it closed keeps its complete entries and is marked
/// `truncated`; so is a malformed one, which keeps what came before the fault. Empty text gives
/// no body and no problem.
pub fn read_body(text: &str, first_line: usize) -> BodyRead {
    let Some(start) = text.find(|c: char| !c.is_whitespace() && c != '\u{feff}') else {
        return BodyRead::default();
    };
    let mut problems = Problems::default();
    let read = match text.as_bytes().get(start) {
        Some(b'<') => read_xml(text, start, &mut problems),
        Some(b'{' | b'[') => Some(read_brackets(text, start, &mut problems)),
        _ => {
            let opening = shorten(text.get(start..).unwrap_or("").lines().next().unwrap_or(""));
            problems.push(
                start,
                format!(
                    "the sample body starts with `{opening}`, not with `{{`, `[` or `<`, so it \
                     is neither JSON, JSV nor XML; it was not read"
                ),
            );
            None
        }
    };
    let body_line = first_line.saturating_add(count_newlines(text.as_bytes().get(..start).unwrap_or(&[])));
    BodyRead {
        body: read.map(|read| SampleBody {
            format: read.format,
            root_name: read.root_name,
            value: read.value,
            truncated: read.truncated,
            line: body_line,
        }),
        problems: problems.into_page_lines(text, first_line),
    }
}

/// A body as one of the readers made it out.
struct Read {
    format: SampleFormat,
    root_name: Option<String>,
    value: SampleValue,
    truncated: bool,
}

/// Problems keyed by byte offset; lines are worked out once, at the end, in one pass over the
/// text (rescanning a 50 MB body per problem would be quadratic).
#[derive(Default)]
struct Problems {
    found: Vec<(usize, String)>,
    /// How many problems the XML reader recovered from, listed or not.
    recovered: usize,
}

impl Problems {
    fn push(&mut self, at: usize, sentence: impl Into<String>) {
        self.found.push((at, sentence.into()));
    }

    /// A problem the reader recovered from and went on; only the first few are listed.
    fn push_recovered(&mut self, at: usize, sentence: impl Into<String>) {
        self.recovered += 1;
        if self.recovered <= MAX_PROBLEMS {
            self.found.push((at, sentence.into()));
        }
    }

    fn into_page_lines(mut self, text: &str, first_line: usize) -> Vec<(usize, String)> {
        self.found.sort_by_key(|(at, _)| *at);
        let bytes = text.as_bytes();
        let mut line = first_line;
        let mut scanned = 0;
        let mut out = Vec::with_capacity(self.found.len() + 1);
        for (at, sentence) in self.found {
            let at = at.min(bytes.len());
            if at > scanned {
                line = line.saturating_add(count_newlines(bytes.get(scanned..at).unwrap_or(&[])));
                scanned = at;
            }
            out.push((line, sentence));
        }
        let unlisted = self.recovered.saturating_sub(MAX_PROBLEMS);
        if unlisted > 0 {
            let sentence = format!("{unlisted} more problems in this sample body were not listed");
            out.push((line, sentence));
        }
        out
    }
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Where the first non-blank character at or after `from` is, if any.
fn next_non_blank(text: &str, from: usize) -> Option<usize> {
    text.get(from..)?.find(|c: char| !c.is_whitespace()).map(|i| from + i)
}

/// The offset of the last non-blank character: where a cut body stops.
fn last_non_blank(text: &str) -> usize {
    text.trim_end().len().saturating_sub(1)
}

fn malformed(what: &str) -> String {
    format!("the sample body is malformed here ({what}); only the part before it was read")
}

/// A bare scalar: the JSON literals, a JSON number (kept as written), or text.
fn scalar(token: &str) -> SampleValue {
    match token {
        "true" => SampleValue::Bool(true),
        "false" => SampleValue::Bool(false),
        "null" => SampleValue::Null,
        _ if is_json_number(token) => SampleValue::Number(token.to_owned()),
        _ => SampleValue::String(token.to_owned()),
    }
}

fn is_json_number(token: &str) -> bool {
    let bytes = token.as_bytes();
    let mut i = usize::from(bytes.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let from = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    match bytes.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == bytes.len()
}

/// Input text quoted in a problem, kept short whatever the input.
fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let mut chars = text.chars();
    let mut short: String = chars.by_ref().take(MAX_CHARS).collect();
    if chars.next().is_some() {
        short.push('…');
    }
    short
}

// ---------------------------------------------------------------------------------------------
// JSON and JSV

/// The two bracket dialects. JSON quotes every key and string and escapes with backslashes;
/// JSV leaves keys and scalars bare and quotes only where needed, CSV style (`"a,""b"""`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Json,
    Jsv,
}

/// Why a parse stopped before its value closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// The text ended first.
    Cut,
    /// The text is not valid at byte offset `at`.
    Invalid { at: usize, what: &'static str },
}

/// What the parser expects next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Value,
    /// Just after `[`.
    ValueOrEnd,
    /// After `,` in an object.
    Key,
    /// Just after `{`.
    KeyOrEnd,
    CommaOrEnd,
}

/// A container still open; it keeps its complete entries so a cut body yields them.
enum Open {
    Object {
        entries: Vec<(String, SampleValue)>,
        /// The key read for the value being read.
        key: Option<String>,
    },
    Array(Vec<SampleValue>),
}

impl Open {
    fn add(&mut self, value: SampleValue) {
        match self {
            Open::Object { entries, key } => {
                if let Some(key) = key.take() {
                    entries.push((key, value));
                }
            }
            Open::Array(items) => items.push(value),
        }
    }

    fn close(self) -> SampleValue {
        match self {
            Open::Object { entries, .. } => SampleValue::Object(SampleObject { type_name: None, entries }),
            Open::Array(items) => SampleValue::Array(items),
        }
    }
}

struct TreeParse {
    /// Everything that was complete, with unclosed containers closed.
    value: Option<SampleValue>,
    /// `Ok(end)`: the value closed just before `end`.
    end: Result<usize, Stop>,
    too_deep_at: Option<usize>,
}

/// Reads a JSON or JSV body: JSON when it reads as JSON up to a cut or trailing text, else JSV;
/// when both fail, the dialect that read further (JSON on a tie).
fn read_brackets(text: &str, start: usize, problems: &mut Problems) -> Read {
    let json = TreeParser::new(text, start, Dialect::Json).parse();
    let (format, parse) = match json.end {
        Err(Stop::Invalid { at: json_at, .. }) => {
            let jsv = TreeParser::new(text, start, Dialect::Jsv).parse();
            match jsv.end {
                Err(Stop::Invalid { at: jsv_at, .. }) if jsv_at <= json_at => (SampleFormat::Json, json),
                _ => (SampleFormat::Jsv, jsv),
            }
        }
        _ => (SampleFormat::Json, json),
    };
    if let Some(at) = parse.too_deep_at {
        problems.push(at, TOO_DEEP);
    }
    let truncated = match parse.end {
        Ok(end) => {
            if let Some(rest) = next_non_blank(text, end) {
                problems.push(rest, TRAILING);
            }
            false
        }
        Err(Stop::Cut) => {
            problems.push(last_non_blank(text), CUT_OFF);
            true
        }
        Err(Stop::Invalid { at, what }) => {
            problems.push(at, malformed(what));
            true
        }
    };
    Read {
        format,
        root_name: None,
        // The text starts with a bracket, so there is always a container to close.
        value: parse.value.unwrap_or_else(|| SampleValue::Object(SampleObject::default())),
        truncated,
    }
}

/// One lenient parser for both dialects, driven by an explicit stack rather than recursion.
struct TreeParser<'a> {
    text: &'a str,
    pos: usize,
    dialect: Dialect,
    stack: Vec<Open>,
    too_deep_at: Option<usize>,
}

impl<'a> TreeParser<'a> {
    fn new(text: &'a str, start: usize, dialect: Dialect) -> Self {
        TreeParser { text, pos: start, dialect, stack: Vec::new(), too_deep_at: None }
    }

    fn parse(mut self) -> TreeParse {
        let (value, end) = match self.walk() {
            Ok((value, end)) => (Some(value), Ok(end)),
            Err(stop) => {
                let mut root = None;
                while let Some(open) = self.stack.pop() {
                    let value = open.close();
                    match self.stack.last_mut() {
                        Some(parent) => parent.add(value),
                        None => root = Some(value),
                    }
                }
                (root, Err(stop))
            }
        };
        TreeParse { value, end, too_deep_at: self.too_deep_at }
    }

    fn walk(&mut self) -> Result<(SampleValue, usize), Stop> {
        let mut expect = Expect::Value;
        loop {
            self.skip_blank();
            let at = self.pos;
            let Some(byte) = self.peek() else {
                return Err(Stop::Cut);
            };
            let complete = match expect {
                Expect::ValueOrEnd if byte == b']' => {
                    self.pos += 1;
                    self.close_top(at)?
                }
                Expect::Value | Expect::ValueOrEnd => match byte {
                    b'{' | b'[' if self.stack.len() >= MAX_DEPTH => {
                        self.too_deep_at.get_or_insert(at);
                        self.skip_nested()?;
                        if let Some(Open::Object { key, .. }) = self.stack.last_mut() {
                            *key = None;
                        }
                        expect = Expect::CommaOrEnd;
                        continue;
                    }
                    b'{' => {
                        self.pos += 1;
                        self.stack.push(Open::Object { entries: Vec::new(), key: None });
                        expect = Expect::KeyOrEnd;
                        continue;
                    }
                    b'[' => {
                        self.pos += 1;
                        self.stack.push(Open::Array(Vec::new()));
                        expect = Expect::ValueOrEnd;
                        continue;
                    }
                    _ => self.scalar()?,
                },
                Expect::KeyOrEnd if byte == b'}' => {
                    self.pos += 1;
                    self.close_top(at)?
                }
                Expect::Key | Expect::KeyOrEnd => {
                    let new_key = self.key()?;
                    if let Some(Open::Object { key, .. }) = self.stack.last_mut() {
                        *key = Some(new_key);
                    }
                    expect = Expect::Value;
                    continue;
                }
                Expect::CommaOrEnd => match (byte, self.stack.last()) {
                    (b',', Some(Open::Object { .. })) => {
                        self.pos += 1;
                        expect = Expect::Key;
                        continue;
                    }
                    (b',', _) => {
                        self.pos += 1;
                        expect = Expect::Value;
                        continue;
                    }
                    (b'}', Some(Open::Object { .. })) | (b']', Some(Open::Array(_))) => {
                        self.pos += 1;
                        self.close_top(at)?
                    }
                    (b'}' | b']', _) => {
                        return Err(Stop::Invalid { at, what: "the closing bracket does not match the opening one" });
                    }
                    _ => {
                        return Err(Stop::Invalid { at, what: "expected `,` or a closing bracket after a value" });
                    }
                },
            };
            match self.stack.last_mut() {
                Some(parent) => {
                    parent.add(complete);
                    expect = Expect::CommaOrEnd;
                }
                None => return Ok((complete, self.pos)),
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_blank(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    /// Advances over bytes until `stop` holds. Every `stop` used here holds on ASCII bytes
    /// only, so the slice always ends on a character boundary.
    fn take_until(&mut self, stop: impl Fn(u8) -> bool) -> &'a str {
        let from = self.pos;
        while self.peek().is_some_and(|b| !stop(b)) {
            self.pos += 1;
        }
        self.text.get(from..self.pos).unwrap_or("")
    }

    fn close_top(&mut self, at: usize) -> Result<SampleValue, Stop> {
        self.stack.pop().map(Open::close).ok_or(Stop::Invalid { at, what: "a closing bracket with nothing open" })
    }

    fn scalar(&mut self) -> Result<SampleValue, Stop> {
        let at = self.pos;
        let value = match (self.dialect, self.peek()) {
            (Dialect::Json, Some(b'"')) => return self.json_string().map(SampleValue::String),
            (Dialect::Jsv, Some(b'"')) => return self.csv_string().map(SampleValue::String),
            (Dialect::Json, _) => {
                let token = self.take_until(|b| {
                    b.is_ascii_whitespace() || matches!(b, b',' | b':' | b'{' | b'}' | b'[' | b']' | b'"')
                });
                if token.is_empty() {
                    return Err(Stop::Invalid { at, what: "expected a value" });
                }
                let value = scalar(token);
                if matches!(value, SampleValue::String(_)) {
                    return Err(Stop::Invalid { at, what: "a bare word that is not a JSON value" });
                }
                value
            }
            // JSV scalars may hold blanks and colons (`0001-01-01T00:00:00+00:00`); the pages
            // end them with a separator or the end of the line. An empty one is "".
            (Dialect::Jsv, _) => scalar(self.take_until(|b| matches!(b, b',' | b'}' | b']' | b'\r' | b'\n')).trim()),
        };
        // A bare scalar that runs into the end of the text may itself be cut (`12` of `123`).
        self.skip_blank();
        if self.peek().is_none() && !self.stack.is_empty() {
            return Err(Stop::Cut);
        }
        Ok(value)
    }

    fn key(&mut self) -> Result<String, Stop> {
        let at = self.pos;
        let key = match (self.dialect, self.peek()) {
            (Dialect::Json, Some(b'"')) => self.json_string()?,
            (Dialect::Jsv, Some(b'"')) => self.csv_string()?,
            (Dialect::Json, _) => {
                return Err(Stop::Invalid { at, what: "expected a quoted key" });
            }
            (Dialect::Jsv, _) => {
                let token = self
                    .take_until(|b| matches!(b, b':' | b',' | b'{' | b'}' | b'[' | b']' | b'"' | b'\r' | b'\n'))
                    .trim();
                if self.peek().is_none() {
                    return Err(Stop::Cut);
                }
                if token.is_empty() {
                    return Err(Stop::Invalid { at, what: "expected a key" });
                }
                token.to_owned()
            }
        };
        self.skip_blank();
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                Ok(key)
            }
            None => Err(Stop::Cut),
            Some(_) => Err(Stop::Invalid { at: self.pos, what: "expected `:` after a key" }),
        }
    }

    /// A JSON string, at its opening quote.
    fn json_string(&mut self) -> Result<String, Stop> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            out.push_str(self.take_until(|b| b == b'"' || b == b'\\'));
            let at = self.pos;
            match self.peek() {
                None => return Err(Stop::Cut),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(_) => {
                    self.pos += 1;
                    let Some(escape) = self.peek() else {
                        return Err(Stop::Cut);
                    };
                    self.pos += 1;
                    let unescaped = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            self.unicode_escape(&mut out)?;
                            continue;
                        }
                        _ => {
                            return Err(Stop::Invalid { at, what: "an unknown escape in a string" });
                        }
                    };
                    out.push(unescaped);
                }
            }
        }
    }

    /// The rest of a `\uXXXX` escape, with a following low surrogate when it needs one.
    fn unicode_escape(&mut self, out: &mut String) -> Result<(), Stop> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            out.push(char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER));
            return Ok(());
        }
        let rest = self.text.as_bytes().get(self.pos..).unwrap_or(&[]);
        if !rest.starts_with(b"\\u") {
            if rest.len() < 2 && b"\\u".starts_with(rest) {
                return Err(Stop::Cut);
            }
            out.push(char::REPLACEMENT_CHARACTER);
            return Ok(());
        }
        self.pos += 2;
        let low = self.hex4()?;
        if (0xDC00..0xE000).contains(&low) {
            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
        } else {
            out.push(char::REPLACEMENT_CHARACTER);
            out.push(char::from_u32(low).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Stop> {
        let at = self.pos;
        let mut code = 0;
        for _ in 0..4 {
            let Some(byte) = self.peek() else {
                return Err(Stop::Cut);
            };
            let Some(digit) = char::from(byte).to_digit(16) else {
                return Err(Stop::Invalid { at, what: "a `\\u` escape without four hex digits" });
            };
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }

    /// A JSV quoted string, at its opening quote: CSV quoting, where `""` stands for `"`.
    fn csv_string(&mut self) -> Result<String, Stop> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            out.push_str(self.take_until(|b| b == b'"'));
            if self.peek().is_none() {
                return Err(Stop::Cut);
            }
            self.pos += 1;
            if self.peek() != Some(b'"') {
                return Ok(out);
            }
            out.push('"');
            self.pos += 1;
        }
    }

    /// Skips a container too deep to keep, counting brackets instead of recursing.
    fn skip_nested(&mut self) -> Result<(), Stop> {
        let mut depth = 0usize;
        while let Some(byte) = self.peek() {
            self.pos += 1;
            match byte {
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Ok(());
                    }
                }
                b'"' => self.skip_quoted(),
                _ => {}
            }
        }
        Err(Stop::Cut)
    }

    /// Skips the rest of a quoted string. A JSV `""` reads as two strings, which skips the same.
    fn skip_quoted(&mut self) {
        while let Some(byte) = self.peek() {
            self.pos += 1;
            match byte {
                b'"' => return,
                b'\\' if self.dialect == Dialect::Json => {
                    self.pos = (self.pos + 1).min(self.text.len());
                }
                _ => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// XML

/// An element as read, before deciding whether it is an object, a list, a map or a scalar.
/// Names borrow from the body text: a hostile body may hold millions of elements.
struct Element<'a> {
    qname: &'a str,
    local: &'a str,
    in_arrays_ns: bool,
    nil: bool,
    /// The decoded text, gathered only while the element has no child (mixed content is
    /// not part of DataContract).
    text: String,
    children: Vec<Element<'a>>,
    /// Namespace prefixes this element declares, to forget when it closes.
    declared: Vec<&'a str>,
}

fn read_xml(text: &str, start: usize, problems: &mut Problems) -> Option<Read> {
    let mut reader = XmlReader {
        text,
        pos: start,
        open: Vec::new(),
        open_names: HashMap::new(),
        namespaces: HashMap::new(),
        skipping: 0,
        root: None,
        too_deep_at: None,
    };
    let end = reader.walk(problems);
    if let Some(at) = reader.too_deep_at {
        problems.push(at, TOO_DEEP);
    }
    let truncated = match end {
        Ok(end) => {
            if let Some(rest) = next_non_blank(text, end) {
                problems.push(rest, TRAILING);
            }
            false
        }
        Err(stop) => {
            match stop {
                Stop::Cut => problems.push(last_non_blank(text), CUT_OFF),
                Stop::Invalid { at, what } => problems.push(at, malformed(what)),
            }
            reader.unwind();
            true
        }
    };
    let root = reader.root?;
    let root_name = root.local.to_owned();
    let value = if root.children.is_empty() && (truncated || root.text.trim().is_empty()) {
        // A request DTO without members reads `<Ping ... />`; a cut root's text may be cut
        // short. Either way all that is known is that the body is an object.
        SampleValue::Object(SampleObject::default())
    } else {
        to_value(root)
    };
    Some(Read { format: SampleFormat::Xml, root_name: Some(root_name), value, truncated })
}

/// A reader for the subset of XML that DataContract writes: elements, attributes, text,
/// entities, CDATA; declarations, comments and doctypes are skipped.
struct XmlReader<'a> {
    text: &'a str,
    pos: usize,
    open: Vec<Element<'a>>,
    /// How many open elements carry each name, so a stray closing tag is found without
    /// searching the whole stack.
    open_names: HashMap<&'a str, usize>,
    /// The URIs each prefix is bound to, innermost last (`""` is the default namespace).
    namespaces: HashMap<&'a str, Vec<String>>,
    /// How many tags are open inside an element skipped for being too deep.
    skipping: usize,
    root: Option<Element<'a>>,
    too_deep_at: Option<usize>,
}

impl<'a> XmlReader<'a> {
    /// Reads up to the end of the root element, returning where it ends.
    fn walk(&mut self, problems: &mut Problems) -> Result<usize, Stop> {
        loop {
            let rest = self.text.get(self.pos..).unwrap_or("");
            let Some(lt) = rest.find('<').map(|i| self.pos + i) else {
                self.add_text(rest, self.pos, problems);
                return Err(Stop::Cut);
            };
            self.add_text(rest.get(..lt - self.pos).unwrap_or(""), self.pos, problems);
            self.pos = lt;
            let tag = self.text.get(lt..).unwrap_or("");
            if tag.starts_with("<?") {
                self.skip_past("?>")?;
            } else if tag.starts_with("<!--") {
                self.skip_past("-->")?;
            } else if let Some(cdata) = tag.strip_prefix("<![CDATA[") {
                let Some((content, _)) = cdata.split_once("]]>") else {
                    return Err(Stop::Cut);
                };
                if self.skipping == 0
                    && let Some(top) = self.open.last_mut()
                    && top.children.is_empty()
                {
                    top.text.push_str(content);
                }
                self.pos = lt + "<![CDATA[".len() + content.len() + "]]>".len();
            } else if tag.starts_with("<!") {
                self.skip_past(">")?;
            } else if tag.starts_with("</") {
                self.end_tag(problems)?;
            } else {
                self.start_tag()?;
            }
            if self.root.is_some() {
                return Ok(self.pos);
            }
        }
    }

    fn add_text(&mut self, raw: &str, at: usize, problems: &mut Problems) {
        if self.skipping > 0 {
            return;
        }
        match self.open.last_mut() {
            Some(top) => {
                if top.children.is_empty() {
                    top.text.push_str(&decode_entities(raw));
                }
            }
            None => {
                if let Some(offset) = raw.find(|c: char| !c.is_whitespace()) {
                    problems.push_recovered(at + offset, "text before the XML root element was ignored");
                }
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_blank(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn skip_past(&mut self, end: &str) -> Result<(), Stop> {
        let rest = self.text.get(self.pos..).unwrap_or("");
        let found = rest.find(end).ok_or(Stop::Cut)?;
        self.pos += found + end.len();
        Ok(())
    }

    /// A tag or attribute name; it stops at ASCII bytes only, so it ends on a char boundary.
    fn take_name(&mut self) -> &'a str {
        let from = self.pos;
        while self
            .peek()
            .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'<' | b'=' | b'"' | b'\''))
        {
            self.pos += 1;
        }
        self.text.get(from..self.pos).unwrap_or("")
    }

    fn start_tag(&mut self) -> Result<(), Stop> {
        let at = self.pos;
        self.pos += 1;
        let qname = self.take_name();
        if qname.is_empty() {
            return Err(self.invalid_or_cut("expected an element name after `<`"));
        }
        let mut attributes = Vec::new();
        let self_closing = loop {
            self.skip_blank();
            match self.peek() {
                None => return Err(Stop::Cut),
                Some(b'>') => {
                    self.pos += 1;
                    break false;
                }
                Some(b'/') => {
                    self.pos += 1;
                    if self.peek() != Some(b'>') {
                        return Err(self.invalid_or_cut("expected `>` after `/` in a tag"));
                    }
                    self.pos += 1;
                    break true;
                }
                Some(_) => {
                    let name = self.take_name();
                    if name.is_empty() {
                        return Err(self.invalid_or_cut("expected an attribute name or `>`"));
                    }
                    self.skip_blank();
                    let value = if self.peek() == Some(b'=') {
                        self.pos += 1;
                        self.skip_blank();
                        self.attribute_value()?
                    } else {
                        String::new()
                    };
                    attributes.push((name, value));
                }
            }
        };

        if self.skipping > 0 {
            self.skipping += usize::from(!self_closing);
            return Ok(());
        }
        if self.open.len() >= MAX_DEPTH {
            self.too_deep_at.get_or_insert(at);
            self.skipping = usize::from(!self_closing);
            return Ok(());
        }

        let mut element = Element {
            qname,
            local: local_name(qname),
            in_arrays_ns: false,
            nil: false,
            text: String::new(),
            children: Vec::new(),
            declared: Vec::new(),
        };
        for (name, value) in attributes {
            let prefix = if name == "xmlns" { Some("") } else { name.strip_prefix("xmlns:") };
            match prefix {
                Some(prefix) => {
                    self.namespaces.entry(prefix).or_default().push(value);
                    element.declared.push(prefix);
                }
                None if local_name(name) == "nil" => element.nil = value.trim() == "true",
                None => {}
            }
        }
        let prefix = qname.split_once(':').map_or("", |(prefix, _)| prefix);
        element.in_arrays_ns =
            self.namespaces.get(prefix).and_then(|uris| uris.last()).is_some_and(|uri| uri == ARRAYS_NS);

        if self_closing {
            self.forget(&element);
            self.attach(element);
        } else {
            *self.open_names.entry(element.qname).or_default() += 1;
            self.open.push(element);
        }
        Ok(())
    }

    fn attribute_value(&mut self) -> Result<String, Stop> {
        match self.peek() {
            Some(quote @ (b'"' | b'\'')) => {
                self.pos += 1;
                let rest = self.text.get(self.pos..).unwrap_or("");
                let end = rest.find(char::from(quote)).ok_or(Stop::Cut)?;
                self.pos += end + 1;
                Ok(decode_entities(rest.get(..end).unwrap_or("")))
            }
            // Unquoted values are not XML, but cost nothing to accept.
            _ => {
                let from = self.pos;
                while self.peek().is_some_and(|b| !b.is_ascii_whitespace() && b != b'>') {
                    self.pos += 1;
                }
                Ok(decode_entities(self.text.get(from..self.pos).unwrap_or("")))
            }
        }
    }

    fn end_tag(&mut self, problems: &mut Problems) -> Result<(), Stop> {
        let at = self.pos;
        self.pos += 2;
        let qname = self.take_name();
        self.skip_blank();
        if self.peek() != Some(b'>') {
            return Err(self.invalid_or_cut("expected `>` to end a closing tag"));
        }
        self.pos += 1;
        if self.skipping > 0 {
            self.skipping -= 1;
            return Ok(());
        }
        if self.open_names.get(qname).copied().unwrap_or(0) == 0 {
            problems.push_recovered(
                at,
                format!("the closing tag </{}> matches no open element; it was ignored", shorten(qname)),
            );
            return Ok(());
        }
        // Elements left open inside the one being closed are closed with it, as they stand.
        while let Some(element) = self.open.pop() {
            if let Some(count) = self.open_names.get_mut(element.qname) {
                *count = count.saturating_sub(1);
            }
            self.forget(&element);
            let matched = element.qname == qname;
            if !matched {
                problems.push_recovered(
                    at,
                    format!(
                        "<{}> is not closed before </{}>; it was closed there",
                        shorten(element.qname),
                        shorten(qname)
                    ),
                );
            }
            self.attach(element);
            if matched {
                break;
            }
        }
        Ok(())
    }

    fn invalid_or_cut(&self, what: &'static str) -> Stop {
        match self.peek() {
            None => Stop::Cut,
            Some(_) => Stop::Invalid { at: self.pos, what },
        }
    }

    fn forget(&mut self, element: &Element<'a>) {
        for prefix in &element.declared {
            if let Some(uris) = self.namespaces.get_mut(*prefix) {
                uris.pop();
            }
        }
    }

    fn attach(&mut self, element: Element<'a>) {
        match self.open.last_mut() {
            Some(parent) => parent.children.push(element),
            None => self.root = Some(element),
        }
    }

    /// Closes what a cut left open. An element with no complete child is dropped (its text
    /// may be cut short), except the root, which is the body.
    fn unwind(&mut self) {
        while let Some(element) = self.open.pop() {
            if self.open.is_empty() || !element.children.is_empty() {
                self.attach(element);
            }
        }
    }
}

fn local_name(qname: &str) -> &str {
    qname.split_once(':').map_or(qname, |(_, local)| local)
}

fn starts_uppercase(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// Whether an element's children are list items: DataContract gives no list marker, only
/// item elements of one name, in the Arrays namespace or named after their (capitalised) type.
fn is_list(element: &Element<'_>) -> bool {
    let Some(first) = element.children.first() else {
        return false;
    };
    if element.children.iter().any(|child| child.local != first.local) {
        return false;
    }
    element.children.len() >= 2
        || element.children.iter().all(|child| child.in_arrays_ns)
        || (starts_uppercase(first.local) && !starts_uppercase(element.local))
        || element.local.starts_with("ArrayOf")
}

/// Whether list items are dictionary entries (`<KeyValueOfstringstring><Key>…<Value>…`).
fn is_map(items: &[Element<'_>]) -> bool {
    items.iter().all(|item| item.local.starts_with("KeyValueOf") && item.children.iter().any(|c| c.local == "Key"))
}

/// Recurses once per level, which the reader capped at [`MAX_DEPTH`].
fn to_value(element: Element<'_>) -> SampleValue {
    if element.nil {
        return SampleValue::Null;
    }
    if element.children.is_empty() {
        return scalar(element.text.trim());
    }
    if !is_list(&element) {
        let entries = element.children.into_iter().map(|child| (child.local.to_owned(), to_value(child))).collect();
        return SampleValue::Object(SampleObject { type_name: None, entries });
    }
    if is_map(&element.children) {
        let entries = element
            .children
            .into_iter()
            .map(|item| {
                let mut key = String::new();
                let mut value = SampleValue::Null;
                for part in item.children {
                    match part.local {
                        "Key" => key = part.text.trim().to_owned(),
                        "Value" => value = to_value(part),
                        _ => {}
                    }
                }
                (key, value)
            })
            .collect();
        return SampleValue::Object(SampleObject { type_name: None, entries });
    }
    let items = element
        .children
        .into_iter()
        .map(|item| {
            // A plain object item is named after its type; lists and maps are not.
            let type_name = (!item.nil && !item.children.is_empty() && !is_list(&item)).then(|| item.local.to_owned());
            let mut value = to_value(item);
            if let SampleValue::Object(object) = &mut value {
                object.type_name = type_name;
            }
            value
        })
        .collect();
    SampleValue::Array(items)
}

/// Decodes the five XML entities and character references; anything else stays as written.
fn decode_entities(raw: &str) -> String {
    // Entity names are short; looking further for `;` would make `&&&…` quadratic.
    const MAX_ENTITY: usize = 12;
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        let decoded = after
            .bytes()
            .take(MAX_ENTITY)
            .position(|b| b == b';')
            .and_then(|semi| Some((entity(after.get(..semi)?)?, after.get(semi + 1..)?)));
        match decoded {
            Some((c, tail)) => {
                out.push(c);
                rest = tail;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let code = match name {
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "amp" => return Some('&'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            }
        }
    };
    Some(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> SampleValue {
        SampleValue::String(text.to_owned())
    }

    fn n(text: &str) -> SampleValue {
        SampleValue::Number(text.to_owned())
    }

    fn obj(entries: Vec<(&str, SampleValue)>) -> SampleValue {
        typed(None, entries)
    }

    fn typed(type_name: Option<&str>, entries: Vec<(&str, SampleValue)>) -> SampleValue {
        SampleValue::Object(SampleObject {
            type_name: type_name.map(str::to_owned),
            entries: entries.into_iter().map(|(key, value)| (key.to_owned(), value)).collect(),
        })
    }

    fn body_of(read: &BodyRead) -> &SampleBody {
        read.body.as_ref().expect("a body")
    }

    fn field<'v>(value: &'v SampleValue, key: &str) -> &'v SampleValue {
        value.as_object().and_then(|object| object.get(key)).unwrap_or_else(|| panic!("no `{key}` in {value:?}"))
    }

    /// How deep a value nests, measured without recursion.
    fn depth(value: &SampleValue) -> usize {
        let mut deepest = 0;
        let mut pending = vec![(value, 1)];
        while let Some((value, level)) = pending.pop() {
            deepest = deepest.max(level);
            match value {
                SampleValue::Array(items) => pending.extend(items.iter().map(|v| (v, level + 1))),
                SampleValue::Object(object) => pending.extend(object.entries.iter().map(|(_, v)| (v, level + 1))),
                _ => {}
            }
        }
        deepest
    }

    fn sentences(read: &BodyRead) -> Vec<&str> {
        read.problems.iter().map(|(_, p)| p.as_str()).collect()
    }

    const EXPORT_CUSTOMER: &str = r#"<ExportCustomer xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Richemont.Booster2.PublicApi.CRM.ServiceModel">
  <birthdateMonths xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
    <d2p1:int>0</d2p1:int>
  </birthdateMonths>
  <brand>String</brand>
  <hobbies>
    <GetCustomerHobby>
      <hobby>String</hobby>
      <sapHobbyId>String</sapHobbyId>
    </GetCustomerHobby>
  </hobbies>
  <productCategories xmlns:d2p1="http://schemas.datacontract.org/2004/07/Richemont.Booster2.PublicApi.Common.ServiceModel">
    <d2p1:ProductCategory>
      <d2p1:brandCategoryId>String</d2p1:brandCategoryId>
    </d2p1:ProductCategory>
  </productCategories>
  <creationDateFrom>0001-01-01T00:00:00</creationDateFrom>
  <empty i:nil="true" />
  <stringMap xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d2p1:KeyValueOfstringstring><d2p1:Key>String</d2p1:Key><d2p1:Value>String</d2p1:Value></d2p1:KeyValueOfstringstring></stringMap>
</ExportCustomer>
"#;

    #[test]
    fn xml_data_contract() {
        let read = read_body(EXPORT_CUSTOMER, 300);
        assert_eq!(read.problems, vec![]);
        let body = body_of(&read);
        assert_eq!(body.format, SampleFormat::Xml);
        assert_eq!(body.root_name.as_deref(), Some("ExportCustomer"));
        assert!(!body.truncated);
        assert_eq!(body.line, 300);
        let expected = obj(vec![
            ("birthdateMonths", SampleValue::Array(vec![n("0")])),
            ("brand", s("String")),
            (
                "hobbies",
                SampleValue::Array(vec![typed(
                    Some("GetCustomerHobby"),
                    vec![("hobby", s("String")), ("sapHobbyId", s("String"))],
                )]),
            ),
            (
                "productCategories",
                SampleValue::Array(vec![typed(Some("ProductCategory"), vec![("brandCategoryId", s("String"))])]),
            ),
            ("creationDateFrom", s("0001-01-01T00:00:00")),
            ("empty", SampleValue::Null),
            ("stringMap", obj(vec![("String", s("String"))])),
        ]);
        assert_eq!(body.value, expected);
    }

    #[test]
    fn xml_scalars_entities_and_skipped_markup() {
        let text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- a comment -->\n\
            <Root><flag>true</flag><off>false</off><n>-1.5e3</n><zero>0001</zero>\
            <esc>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#65;&#x42; &bogus; & x</esc>\
            <open></open><closed/><blank>  </blank><raw><![CDATA[<not a tag> &amp;]]></raw>\
            <!DOCTYPE ignored><address><city>String</city></address></Root>";
        let read = read_body(text, 1);
        assert_eq!(read.problems, vec![]);
        let body = body_of(&read);
        assert_eq!(body.line, 1);
        assert_eq!(
            body.value,
            obj(vec![
                ("flag", SampleValue::Bool(true)),
                ("off", SampleValue::Bool(false)),
                ("n", n("-1.5e3")),
                ("zero", s("0001")),
                ("esc", s("a <b> & \"c\" 'd' AB &bogus; & x")),
                ("open", s("")),
                ("closed", s("")),
                ("blank", s("")),
                ("raw", s("<not a tag> &amp;")),
                ("address", obj(vec![("city", s("String"))])),
            ])
        );
    }

    #[test]
    fn xml_lists_by_count_root_and_default_namespace() {
        let text = "<ArrayOfCustomer><Customer><id>0</id></Customer></ArrayOfCustomer>";
        let read = read_body(text, 1);
        assert_eq!(read.problems, vec![]);
        assert_eq!(body_of(&read).value, SampleValue::Array(vec![typed(Some("Customer"), vec![("id", n("0"))])]));

        let text = format!("<ids xmlns=\"{ARRAYS_NS}\"><string>a</string></ids>");
        assert_eq!(body_of(&read_body(&text, 1)).value, SampleValue::Array(vec![s("a")]));

        let text = "<Root><tags><tag>a</tag><tag i:nil=\"true\"/></tags><one><tag>a</tag></one></Root>";
        assert_eq!(
            body_of(&read_body(text, 1)).value,
            obj(vec![
                ("tags", SampleValue::Array(vec![s("a"), SampleValue::Null])),
                ("one", obj(vec![("tag", s("a"))])),
            ])
        );

        // An empty request DTO is a self-closing root.
        let text = "<Ping xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" />";
        let read = read_body(text, 1);
        assert_eq!(body_of(&read).value, obj(vec![]));
        assert_eq!(body_of(&read).root_name.as_deref(), Some("Ping"));
    }

    #[test]
    fn xml_list_of_lists_and_maps() {
        let text = format!(
            "<Root xmlns:a=\"{ARRAYS_NS}\"><grid><a:ArrayOfint><a:int>1</a:int></a:ArrayOfint></grid>\
             <maps><a:ArrayOfKeyValueOfstringint><a:KeyValueOfstringint><a:Key>k</a:Key>\
             <a:Value>2</a:Value></a:KeyValueOfstringint></a:ArrayOfKeyValueOfstringint></maps></Root>"
        );
        let read = read_body(&text, 1);
        assert_eq!(read.problems, vec![]);
        assert_eq!(
            body_of(&read).value,
            obj(vec![
                ("grid", SampleValue::Array(vec![SampleValue::Array(vec![n("1")])])),
                ("maps", SampleValue::Array(vec![obj(vec![("k", n("2"))])])),
            ])
        );
    }

    #[test]
    fn xml_cut_keeps_complete_part() {
        // The page ends right after the first child of the response.
        let text = "<ExportCustomerResponse xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">\n  \
            <asyncTaskId>00000000-0000-0000-0000-000000000000</asyncTaskId>\n";
        let read = read_body(text, 362);
        let body = body_of(&read);
        assert!(body.truncated);
        assert_eq!(body.root_name.as_deref(), Some("ExportCustomerResponse"));
        assert_eq!(body.value, obj(vec![("asyncTaskId", s("00000000-0000-0000-0000-000000000000"))]));
        assert_eq!(read.problems, vec![(363, CUT_OFF.to_owned())]);

        // A leaf cut mid-text is dropped; the open container keeps its complete children.
        let text = "<R>\n<a>x</a>\n<list><Item><b>1</b></Item><Item><b>Str";
        let read = read_body(text, 1);
        assert_eq!(
            body_of(&read).value,
            obj(vec![("a", s("x")), ("list", SampleValue::Array(vec![typed(Some("Item"), vec![("b", n("1"))])])),])
        );
        assert_eq!(read.problems, vec![(3, CUT_OFF.to_owned())]);

        // Cut inside a tag.
        let read = read_body("<R><a>1</a><b attr=\"x", 1);
        assert!(body_of(&read).truncated);
        assert_eq!(body_of(&read).value, obj(vec![("a", n("1"))]));

        // Cut before the root has anything.
        let read = read_body("<R xmlns=\"x\">\n  <a>Str", 1);
        assert_eq!(body_of(&read).value, obj(vec![]));
        assert!(body_of(&read).truncated);
        assert_eq!(read.problems, vec![(2, CUT_OFF.to_owned())]);

        // No root at all.
        let read = read_body("<?xml version=\"1.0\"?>", 1);
        assert!(read.body.is_none());
        assert_eq!(sentences(&read), vec![CUT_OFF]);
    }

    #[test]
    fn xml_stray_and_mismatched_tags() {
        let text = "<R>\n<a>1</a></zz>\n<b><c>2</c></R>\ntrailing";
        let read = read_body(text, 10);
        let body = body_of(&read);
        assert!(!body.truncated);
        assert_eq!(body.value, obj(vec![("a", n("1")), ("b", obj(vec![("c", n("2"))]))]));
        assert_eq!(
            read.problems,
            vec![
                (11, "the closing tag </zz> matches no open element; it was ignored".to_owned()),
                (12, "<b> is not closed before </R>; it was closed there".to_owned()),
                (13, TRAILING.to_owned()),
            ]
        );

        let read = read_body("<R><a =\"1\"/></R>", 1);
        assert!(body_truncated(&read));
        assert_eq!(sentences(&read), vec![malformed("expected an attribute name or `>`")]);
    }

    fn body_truncated(read: &BodyRead) -> bool {
        body_of(read).truncated
    }

    #[test]
    fn json_with_wcf_dates_and_escapes() {
        let text = r#"{"birthDate":"\/Date(-62135596800000-0000)\/","nul":"a\u0000b","pair":"\ud83d\ude00","lone":"\ud83d!","n":-0.5,"ok":true,"none":null,"list":[0,{"x":"y\n\"z\""}],"e":[]}"#;
        let read = read_body(text, 7);
        assert_eq!(read.problems, vec![]);
        let body = body_of(&read);
        assert_eq!(body.format, SampleFormat::Json);
        assert_eq!(body.root_name, None);
        assert!(!body.truncated);
        assert_eq!(
            body.value,
            obj(vec![
                ("birthDate", s("/Date(-62135596800000-0000)/")),
                ("nul", s("a\0b")),
                ("pair", s("😀")),
                ("lone", s("\u{fffd}!")),
                ("n", n("-0.5")),
                ("ok", SampleValue::Bool(true)),
                ("none", SampleValue::Null),
                ("list", SampleValue::Array(vec![n("0"), obj(vec![("x", s("y\n\"z\""))])])),
                ("e", SampleValue::Array(vec![])),
            ])
        );
    }

    #[test]
    fn json_empty_and_top_level_arrays() {
        for (text, expected) in [
            ("{}", obj(vec![])),
            ("[]", SampleValue::Array(vec![])),
            ("[{\"name\":\"String\"}]", SampleValue::Array(vec![obj(vec![("name", s("String"))])])),
            ("\u{feff} \n {\n}\n", obj(vec![])),
        ] {
            let read = read_body(text, 1);
            assert_eq!(read.problems, vec![], "{text}");
            assert_eq!(body_of(&read).format, SampleFormat::Json, "{text}");
            assert_eq!(body_of(&read).value, expected, "{text}");
        }
        assert_eq!(body_of(&read_body("\n\n{}", 5)).line, 7);
    }

    #[test]
    fn blank_text_has_no_body_and_no_problem() {
        for text in ["", "   ", "\n\t\r\n", "\u{feff}"] {
            let read = read_body(text, 1);
            assert!(read.body.is_none());
            assert!(read.problems.is_empty());
        }
    }

    #[test]
    fn line_numbers_saturate() {
        let read = read_body("\n{\"a\":\n1", usize::MAX);
        assert_eq!(body_of(&read).line, usize::MAX);
        assert_eq!(read.problems, vec![(usize::MAX, CUT_OFF.to_owned())]);
    }

    #[test]
    fn other_text_is_not_read() {
        let read = read_body("\nid,name\n0,String", 4);
        assert!(read.body.is_none());
        assert_eq!(read.problems.len(), 1);
        assert_eq!(read.problems[0].0, 5);
        assert!(read.problems[0].1.contains("`id,name`"));
    }

    #[test]
    fn jsv_pretty_printed_with_tabs() {
        let text = "{\n\tid: 0,\n\tname: String,\n\twhen: 0001-01-01T00:00:00.0000000+00:00,\n\
                    \tspan: PT0S,\n\tday: 0001-01-01,\n\tok: false,\n\tlist: \n\t[\n\t\t{\n\t\t\tx: 1\n\t\t}\n\t],\n\
                    \tquoted: \"a,\"\"b\"\"\",\n\t\"odd:key\": x y\n}";
        let read = read_body(text, 1);
        assert_eq!(read.problems, vec![]);
        let body = body_of(&read);
        assert_eq!(body.format, SampleFormat::Jsv);
        assert!(!body.truncated);
        assert_eq!(
            body.value,
            obj(vec![
                ("id", n("0")),
                ("name", s("String")),
                ("when", s("0001-01-01T00:00:00.0000000+00:00")),
                ("span", s("PT0S")),
                ("day", s("0001-01-01")),
                ("ok", SampleValue::Bool(false)),
                ("list", SampleValue::Array(vec![obj(vec![("x", n("1"))])])),
                ("quoted", s("a,\"b\"")),
                ("odd:key", s("x y")),
            ])
        );
    }

    #[test]
    fn jsv_on_one_line() {
        let text =
            "{ id: 0, count: 0, responseStatus: { errorCode: String, errors: [ { meta: { String: String } } ] } }";
        let read = read_body(text, 1);
        assert_eq!(read.problems, vec![]);
        assert_eq!(body_of(&read).format, SampleFormat::Jsv);
        assert_eq!(
            body_of(&read).value,
            obj(vec![
                ("id", n("0")),
                ("count", n("0")),
                (
                    "responseStatus",
                    obj(vec![
                        ("errorCode", s("String")),
                        ("errors", SampleValue::Array(vec![obj(vec![("meta", obj(vec![("String", s("String"))]))])])),
                    ])
                ),
            ])
        );
    }

    #[test]
    fn jsv_empty_values_and_number_keys() {
        let read = read_body("{\n\tchar: ,\n\tintStringMap: { 0: String },\n\tlast: \n}", 1);
        assert_eq!(read.problems, vec![]);
        assert_eq!(
            body_of(&read).value,
            obj(vec![("char", s("")), ("intStringMap", obj(vec![("0", s("String"))])), ("last", s("")),])
        );
        // JSV keeps backslashes: this is not JSON because of the bare key.
        let read = read_body(r#"{a:"\/Date(0)\/"}"#, 1);
        assert_eq!(body_of(&read).format, SampleFormat::Jsv);
        assert_eq!(field(&body_of(&read).value, "a"), &s(r"\/Date(0)\/"));
    }

    #[test]
    fn truncated_json_drops_the_incomplete_entry() {
        let text = "{\"id\":0,\"dateTime\":\"\\/Date(-62135596800000-0000)\\/\",\"keyValuePai\n";
        let read = read_body(text, 40);
        let body = body_of(&read);
        assert_eq!(body.format, SampleFormat::Json);
        assert!(body.truncated);
        assert_eq!(body.value, obj(vec![("id", n("0")), ("dateTime", s("/Date(-62135596800000-0000)/"))]));
        assert_eq!(read.problems, vec![(40, CUT_OFF.to_owned())]);

        // Containers already open keep what they hold; a bare number at the cut may be cut.
        let read = read_body("{\"a\":1,\"b\":[{\"c\":\"Str", 1);
        assert_eq!(body_of(&read).value, obj(vec![("a", n("1")), ("b", SampleValue::Array(vec![obj(vec![])]))]));
        let read = read_body("{\"a\":1,\n\"b\":12\n", 1);
        assert_eq!(body_of(&read).value, obj(vec![("a", n("1"))]));
        assert_eq!(read.problems, vec![(2, CUT_OFF.to_owned())]);
        let read = read_body("{\"a\":\"x\"", 1);
        assert_eq!(body_of(&read).value, obj(vec![("a", s("x"))]));
        let read = read_body("{\"a\":\"\\u00", 1);
        assert_eq!(body_of(&read).value, obj(vec![]));
        assert_eq!(body_of(&read).format, SampleFormat::Json);
    }

    #[test]
    fn truncated_jsv() {
        let text = "{\n\tid: 0,\n\tname: String,\n\tnested: {\n\t\tx: 1,\n\t\ty: Str";
        let read = read_body(text, 1);
        let body = body_of(&read);
        assert_eq!(body.format, SampleFormat::Jsv);
        assert!(body.truncated);
        assert_eq!(body.value, obj(vec![("id", n("0")), ("name", s("String")), ("nested", obj(vec![("x", n("1"))])),]));
        assert_eq!(read.problems, vec![(6, CUT_OFF.to_owned())]);

        let read = read_body("{ id: 0, quoted: \"a,\"\"b", 1);
        assert_eq!(body_value(&read), &obj(vec![("id", n("0"))]));
    }

    fn body_value(read: &BodyRead) -> &SampleValue {
        &body_of(read).value
    }

    #[test]
    fn trailing_text_is_reported() {
        let read = read_body("{\"a\":1}\n\nHTTP/1.1 200 OK", 3);
        assert_eq!(body_value(&read), &obj(vec![("a", n("1"))]));
        assert!(!body_of(&read).truncated);
        assert_eq!(read.problems, vec![(5, TRAILING.to_owned())]);
    }

    #[test]
    fn malformed_bodies_keep_the_part_before() {
        // Bad as JSON and as JSV; JSON read further.
        let read = read_body("{\"a\":1,\"b\":2]", 1);
        assert_eq!(body_of(&read).format, SampleFormat::Json);
        assert!(body_of(&read).truncated);
        assert_eq!(body_value(&read), &obj(vec![("a", n("1")), ("b", n("2"))]));
        assert_eq!(sentences(&read), vec![malformed("the closing bracket does not match the opening one")]);

        let read = read_body("{\"a\" 1}", 1);
        assert_eq!(sentences(&read), vec![malformed("expected `:` after a key")]);
        let read = read_body("[1 2]", 1);
        assert_eq!(body_of(&read).format, SampleFormat::Jsv);
        assert_eq!(body_value(&read), &SampleValue::Array(vec![s("1 2")]));
    }

    #[test]
    fn deep_json_is_capped() {
        let deep = "[".repeat(100_000);
        let read = read_body(&deep, 1);
        assert_eq!(depth(body_value(&read)), MAX_DEPTH);
        assert!(body_of(&read).truncated);
        assert_eq!(sentences(&read), vec![TOO_DEEP, CUT_OFF]);

        let balanced = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let read = read_body(&balanced, 1);
        assert_eq!(depth(body_value(&read)), MAX_DEPTH);
        assert!(!body_of(&read).truncated);
        assert_eq!(sentences(&read), vec![TOO_DEEP]);

        let objects = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
        let read = read_body(&objects, 1);
        assert_eq!(body_of(&read).format, SampleFormat::Json);
        assert_eq!(depth(body_value(&read)), MAX_DEPTH);
        assert_eq!(sentences(&read), vec![TOO_DEEP]);
    }

    #[test]
    fn deep_jsv_is_capped() {
        let deep = format!("{}x{}", "{a:".repeat(100_000), "}".repeat(100_000));
        let read = read_body(&deep, 1);
        assert_eq!(body_of(&read).format, SampleFormat::Jsv);
        assert_eq!(depth(body_value(&read)), MAX_DEPTH);
        assert_eq!(sentences(&read), vec![TOO_DEEP]);

        let read = read_body(&"{a:\n".repeat(100_000), 1);
        assert_eq!(depth(body_value(&read)), MAX_DEPTH);
        assert_eq!(sentences(&read), vec![TOO_DEEP, CUT_OFF]);
        assert_eq!(read.problems[0].0, 1 + MAX_DEPTH);
        assert_eq!(read.problems[1].0, 100_000);
    }

    #[test]
    fn deep_xml_is_capped() {
        let deep = format!("{}x{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
        let read = read_body(&deep, 1);
        assert!(!body_of(&read).truncated);
        assert_eq!(sentences(&read), vec![TOO_DEEP]);
        // The innermost kept element lost its only child, so it reads as empty text.
        assert_eq!(body_value(&read).element_object().map(|o| o.keys().collect::<Vec<_>>()), Some(vec!["a"]));
        assert_eq!(depth(body_value(&read)), MAX_DEPTH);

        let read = read_body(&"<a><b/>".repeat(100_000), 1);
        assert!(body_of(&read).truncated);
        assert_eq!(sentences(&read), vec![TOO_DEEP, CUT_OFF]);
        assert_eq!(depth(body_value(&read)), MAX_DEPTH);
    }

    #[test]
    fn large_bodies_read_in_linear_time() {
        let list = format!("[{}0]", "0,".repeat(500_000));
        let read = read_body(&list, 1);
        assert!(read.problems.is_empty());
        assert!(matches!(body_value(&read), SampleValue::Array(items) if items.len() == 500_001));

        // Stray closing tags under a deep stack: each is found without searching the stack.
        let stray = format!("{}{}", "<a xmlns:p=\"u\">".repeat(MAX_DEPTH), "</z>\n".repeat(200_000));
        let read = read_body(&stray, 1);
        assert_eq!(read.problems.len(), MAX_PROBLEMS + 2);
        assert_eq!(
            read.problems.last().map(|(_, p)| p.as_str()),
            Some("199950 more problems in this sample body were not listed")
        );

        let ampersands = format!("<a>{}</a>", "&".repeat(1_000_000));
        let read = read_body(&ampersands, 1);
        assert!(matches!(body_value(&read), SampleValue::String(text) if text.len() == 1_000_000));
    }

    /// A small deterministic generator, so failures reproduce.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }
    }

    #[test]
    fn random_input_never_panics() {
        const PIECES: &[&str] = &[
            "{",
            "}",
            "[",
            "]",
            "<",
            ">",
            "/",
            "\"",
            "'",
            ":",
            ",",
            "\\",
            "\\u",
            "\\ud83d",
            "=",
            "&",
            ";",
            "&#x",
            "&amp;",
            " ",
            "\n",
            "\t",
            "a",
            "Key",
            "0",
            "-1.5e",
            "true",
            "null",
            "é",
            "日",
            "\u{feff}",
            "<?",
            "?>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "</",
            "/>",
            "xmlns:d=\"",
            "i:nil=\"true\"",
            "KeyValueOf",
            "\"\"",
            "\0",
        ];
        let mut rng = Lcg(0x5eed);
        let firsts = ["{", "[", "<", ""];
        for _ in 0..2_000 {
            let mut text = String::new();
            text.push_str(firsts[(rng.next() % 4) as usize]);
            let len = rng.next() % 120;
            for _ in 0..len {
                if rng.next().is_multiple_of(4) {
                    let bytes: Vec<u8> = (0..rng.next() % 6).map(|_| rng.next() as u8).collect();
                    text.push_str(&String::from_utf8_lossy(&bytes));
                } else {
                    text.push_str(PIECES[(rng.next() % PIECES.len() as u64) as usize]);
                }
            }
            let read = read_body(&text, 1);
            let lines = text.matches('\n').count() + 1;
            for (line, _) in &read.problems {
                assert!((1..=lines).contains(line), "{text:?}: line {line}");
            }
            if let Some(body) = &read.body {
                assert!(depth(&body.value) <= MAX_DEPTH + 1, "{text:?}");
                serde_json::to_string(body).expect("serializable");
            }
        }
    }
}
