//! Sample bodies (JSON, JSV, XML), sniffed from the text, never from the Content-Type line:
//! pages for CSV, JSONL and MsgPack show a JSON sample under their own content type.
//!
//! Pages are often cut mid-body, so every reader here is lenient: it keeps what was complete,
//! says where the text stopped making sense, and goes no deeper than [`MAX_DEPTH`] levels. No
//! reader recurses on the input, so no input can overflow the stack.
//!
//! - `json_jsv.rs`: JSON and JSV, one lenient bracket parser for both dialects;
//! - `csv.rs`: ServiceStack's CSV, a header row of names and rows of cells (complex ones JSV);
//! - `xml.rs`: XML, read with quick-xml into elements, and `data_contract.rs`, what those
//!   elements mean as DataContract wrote them.

mod csv;
mod data_contract;
mod json_jsv;
mod xml;

#[cfg(test)]
mod tests;

use crate::facts::{SampleBody, SampleFormat, SampleValue};

/// Deeper nesting than this is skipped (real samples nest a handful of levels).
pub const MAX_DEPTH: usize = 256;

/// More problems than this in one body are counted, not listed: the XML reader recovers from
/// stray tags and goes on, so a hostile body could otherwise yield millions.
const MAX_PROBLEMS: usize = 50;

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
/// and JSV otherwise; one whose first line is a row of property names is CSV. A body cut before it closed keeps its complete entries and is marked
/// `truncated`; so is a malformed one, which keeps what came before the fault. Empty text gives
/// no body and no problem.
pub fn read_body(text: &str, first_line: usize) -> BodyRead {
    let Some(start) = text.find(|c: char| !c.is_whitespace() && c != '\u{feff}') else {
        return BodyRead::default();
    };
    let mut problems = Problems::default();
    let read = match text.as_bytes().get(start) {
        Some(b'<') => xml::read_xml(text, start, &mut problems),
        Some(b'{' | b'[') => Some(json_jsv::read_brackets(text, start, &mut problems)),
        _ if let Some(read) = csv::read_csv(text, start, &mut problems) => Some(read),
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

/// Why a parse stopped before its value closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// The text ended first.
    Cut,
    /// The text is not valid at byte offset `at`.
    Invalid { at: usize, what: &'static str },
}
