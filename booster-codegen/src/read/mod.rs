//! Readers: bytes of one page in, [`PageFacts`] and diagnostics out. Pure functions; they record
//! what a page says and where, and never decide across pages.
//!
//! The rendering is told apart by content, never by file name or Content-Type line: HTML when the
//! page has HTML structure, else the line reader, which takes the text form, pipe tables, the
//! mixed form and samples-only pages line by line.

pub mod dto_code;
mod enum_rows;
mod html;
mod lines;
pub mod sample_body;
mod samples;
pub mod text;
pub mod vocab;

use crate::diag::Diagnostics;
use crate::facts::PageFacts;

/// Pages larger than this are read up to the limit (a warning says so).
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

/// Reads one page. Never panics; what could not be read is a diagnostic.
pub fn read_page(file: &str, bytes: &[u8]) -> (PageFacts, Diagnostics) {
    let mut diags = Diagnostics::default();
    let bytes = if bytes.len() > MAX_PAGE_BYTES {
        diags.warn(
            file,
            0,
            format!("the page is larger than {MAX_PAGE_BYTES} bytes; only the first {MAX_PAGE_BYTES} were read"),
        );
        &bytes[..MAX_PAGE_BYTES]
    } else {
        bytes
    };
    let text = decode(file, bytes, &mut diags);
    let facts = if looks_like_html(&text) {
        html::read_html(file, &text, &mut diags)
    } else {
        lines::read_lines(file, &text, &mut diags)
    };
    if yields_nothing(&facts) {
        diags.error(
            file,
            0,
            "no part of a ServiceStack metadata page was found in this file (no operation, route, table, DTO code or sample); check that it is a saved metadata page, or leave it out",
        );
    }
    (facts, diags)
}

/// What became of one line of a page (issue 24: every line is accounted for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineAccount {
    Blank,
    Fact,
    Furniture,
    /// Named in a warning or error, on the line or (for runs of skipped lines) counted by one.
    Warned,
    /// None of the above: the reader dropped it without a word.
    Unaccounted,
}

impl LineAccount {
    pub fn word(self) -> &'static str {
        match self {
            LineAccount::Blank => "blank",
            LineAccount::Fact => "fact",
            LineAccount::Furniture => "furniture",
            LineAccount::Warned => "warned",
            LineAccount::Unaccounted => "UNACCOUNTED",
        }
    }
}

/// Each line of a page in a line rendering, accounted for by what `read_page` made of it and
/// the diagnostics it gave; `None` for HTML, which is read by its elements. A page-wide error
/// (line 0, such as "not a metadata page") accounts for every line.
pub fn account_lines(text: &str, facts: &PageFacts, diags: &Diagnostics) -> Option<Vec<LineAccount>> {
    if facts.rendering == crate::facts::Rendering::Html {
        return None;
    }
    let warned: std::collections::HashSet<usize> =
        diags.items.iter().filter(|d| d.file == facts.file).map(|d| d.line).collect();
    // Only an error about the page as a whole (it was refused) covers every line; a page-wide
    // warning (NUL bytes, UTF-16) does not.
    let page_wide =
        diags.items.iter().any(|d| d.file == facts.file && d.line == 0 && d.severity == crate::diag::Severity::Error);
    let mut uses = vec![None; text.lines().count() + 1];
    for &(line, how) in &facts.line_uses {
        if let Some(slot) = uses.get_mut(line) {
            // A fact outranks furniture on a line used twice (a caption glued to its header).
            if *slot != Some(crate::facts::LineUse::Fact) {
                *slot = Some(how);
            }
        }
    }
    Some(
        text.lines()
            .enumerate()
            .map(|(i, line)| {
                let n = i + 1;
                if line.trim().is_empty() {
                    return LineAccount::Blank;
                }
                match uses[n] {
                    Some(crate::facts::LineUse::Fact) => LineAccount::Fact,
                    Some(crate::facts::LineUse::Furniture) => LineAccount::Furniture,
                    Some(crate::facts::LineUse::Said) => LineAccount::Warned,
                    None if warned.contains(&n) || page_wide => LineAccount::Warned,
                    None => LineAccount::Unaccounted,
                }
            })
            .collect(),
    )
}

/// [`read_page`], and each line of the page with what became of it ([`account_lines`]).
pub fn read_page_lines(file: &str, bytes: &[u8]) -> (PageFacts, Diagnostics, Option<Vec<(LineAccount, String)>>) {
    let (facts, diags) = read_page(file, bytes);
    let mut scratch = Diagnostics::default();
    let text = decode(file, &bytes[..bytes.len().min(MAX_PAGE_BYTES)], &mut scratch);
    let lines = account_lines(&text, &facts, &diags)
        .map(|accounts| accounts.into_iter().zip(text.lines().map(str::to_string)).collect());
    (facts, diags, lines)
}

/// A page from which no fact at all was read.
fn yields_nothing(facts: &PageFacts) -> bool {
    facts.rendering == crate::facts::Rendering::Empty
        || (facts.operation.is_none()
            && facts.routes.is_empty()
            && facts.tables.is_empty()
            && facts.code.is_empty()
            && facts.request_sample.is_none()
            && facts.response_sample.is_none())
}

fn decode(file: &str, bytes: &[u8], diags: &mut Diagnostics) -> String {
    if let Some(text) = decode_utf16(bytes) {
        diags.warn(file, 0, "the page is UTF-16; it was read as such — save it as UTF-8");
        return text.replace('\0', "");
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
            diags.warn(file, line, "the page is not valid UTF-8 from here on; invalid bytes were replaced with U+FFFD");
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    if text.contains('\0') {
        diags.warn(file, 0, "the page holds NUL bytes; it may be a binary file rather than a metadata page");
        return text.replace('\0', "");
    }
    text
}

/// A UTF-16 page (Windows tools save text so): by its byte order mark, or, without one, by NUL
/// bytes in every other position of its start, which ASCII text in UTF-16 has and UTF-8 never.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (little, body) = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (true, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (false, rest)
    } else {
        let head = &bytes[..bytes.len().min(512) & !1];
        if head.len() < 4 {
            return None;
        }
        let nul_at = |parity: usize| head.iter().skip(parity).step_by(2).all(|b| *b == 0);
        let text_at = |parity: usize| head.iter().skip(parity).step_by(2).all(|b| *b != 0);
        if nul_at(1) && text_at(0) {
            (true, bytes)
        } else if nul_at(0) && text_at(1) {
            (false, bytes)
        } else {
            return None;
        }
    };
    let units = body
        .chunks_exact(2)
        .map(|p| if little { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) });
    let units: Vec<u16> = units.collect();
    Some(String::from_utf16_lossy(&units))
}

/// Whether the document is HTML: its first markup, before any text, is an HTML document or
/// fragment tag. Only the start counts, so an XML sample with `<Html>` or `<Table>` elements or a
/// description quoting HTML never turns a text page into "HTML".
fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    // Skip leading comments and an XML declaration (XHTML); at most a few, so this is bounded.
    for _ in 0..16 {
        if let Some(after) = rest.strip_prefix("<!--") {
            let Some(end) = after.find("-->") else { return false };
            rest = after[end + 3..].trim_start();
        } else if rest.starts_with("<?xml") {
            let Some(end) = rest.find("?>") else { return false };
            rest = rest[end + 2..].trim_start();
        } else {
            break;
        }
    }
    let Some(tag) = rest.strip_prefix('<') else { return false };
    let name: String =
        tag.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '!').collect::<String>().to_ascii_lowercase();
    const HTML_STARTS: &[&str] = &[
        "!doctype", "html", "head", "body", "meta", "title", "link", "style", "div", "table", "h1", "h2", "h3", "p",
        "a",
    ];
    HTML_STARTS.contains(&name.as_str())
}
