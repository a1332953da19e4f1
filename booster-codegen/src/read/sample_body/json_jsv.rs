//! JSON and JSV bodies: one lenient parser for both bracket dialects, driven by an explicit
//! stack, so a cut body keeps its complete entries and no input can overflow the stack.

use super::{
    CUT_OFF, MAX_DEPTH, Problems, Read, Stop, TOO_DEEP, TRAILING, last_non_blank, malformed, next_non_blank, scalar,
};
use crate::facts::{SampleFormat, SampleObject, SampleValue};

/// The two bracket dialects. JSON quotes every key and string and escapes with backslashes;
/// JSV leaves keys and scalars bare and quotes only where needed, CSV style (`"a,""b"""`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Json,
    Jsv,
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
pub(super) fn read_brackets(text: &str, start: usize, problems: &mut Problems) -> Read {
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
