//! The rows of enum tables in the line renderings: members glued to their values and
//! descriptions, headers that say members carry values, and where one uncaptioned table ends.

use crate::read::text::is_identifier;
use crate::read::vocab;

/// `Pending1Waiting for payment` → (`Pending`, Some(`1Waiting for payment`)): in the text form of
/// an enum table with values, the member, its value and its description are glued; the member
/// ends where the first run of digits (the value) starts.
pub(super) fn split_valued_member(cell: &str) -> (&str, Option<&str>) {
    let cell = cell.trim();
    match cell.char_indices().skip(1).find(|(_, c)| c.is_ascii_digit() || *c == '-') {
        Some((at, _)) if is_identifier(&cell[..at]) => (&cell[..at], Some(&cell[at..])),
        _ => split_glued_member(cell),
    }
}

/// A text-form member line, its name and description glued (`InternalPwC DE`,
/// `ExternalNon-PwC`): the name is an identifier, and the description starts at a capital that
/// follows a small letter or digit, or ends an acronym, inside the line's leading identifier
/// (`Internal` | `PwC DE`, `UStVA` | `Umsatzsteuer`), where a word of two or more letters starts; the last such place is taken (`CreditCard` |
/// `Paid by card`), unless only capitals stand between it and a space (`UStVA Umsatzsteuer`: the
/// acronym ends the name). With no such place, the first word is the name. The caller says it
/// guessed.
pub(super) fn split_glued_member(line: &str) -> (&str, Option<&str>) {
    let line = line.trim();
    if is_identifier(line) {
        return (line, None);
    }
    let run = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(line.len());
    let bytes = line.as_bytes();
    let starts_word = |k: usize| line[k..].chars().take_while(char::is_ascii_alphabetic).count() >= 2;
    let split = (1..run)
        .filter(|&k| {
            // `Internal|PwC`, or after an acronym: `UStVA|Umsatzsteuer`.
            let after_small = bytes[k - 1].is_ascii_lowercase() || bytes[k - 1].is_ascii_digit();
            let acronym_end = bytes[k - 1].is_ascii_uppercase() && bytes.get(k + 1).is_some_and(u8::is_ascii_lowercase);
            bytes[k].is_ascii_uppercase() && (after_small || acronym_end)
        })
        .rfind(|&k| starts_word(k) && is_identifier(&line[..k]));
    // A run that ends at a space with an acronym after the split (`UStVA Umsatzsteuer`) keeps the
    // acronym: the name ends at the space.
    let acronym_tail =
        |k: usize| line[run..].starts_with(char::is_whitespace) && line[k..run].chars().all(|c| c.is_ascii_uppercase());
    match split.filter(|&k| !acronym_tail(k)) {
        Some(k) => (&line[..k], Some(&line[k..])),
        None => split_member(line),
    }
}

/// `Pending Waiting for payment` → (`Pending`, Some(`Waiting for payment`)); a lone name → (name, None).
pub(super) fn split_member(cell: &str) -> (&str, Option<&str>) {
    let cell = cell.trim();
    match cell.split_once(char::is_whitespace) {
        Some((name, rest)) if is_identifier(name) && !rest.trim().is_empty() => (name, Some(rest.trim())),
        _ => (cell, None),
    }
}

/// The pipe counts of the current enum table's rows in the table form.
#[derive(Default)]
pub(super) struct EnumRows {
    max: usize,
    last: Option<usize>,
}

impl EnumRows {
    pub(super) fn push(&mut self, pipes: usize) {
        self.max = self.max.max(pipes);
        self.last = Some(pipes);
    }

    /// Whether a row with `pipes` pipes follows the table's last row: the row before was
    /// shorter than the table's others, or this one is longer than a one-row table's.
    pub(super) fn ends_table(&self, pipes: usize) -> bool {
        self.last.is_some_and(|last| last < self.max || pipes > last)
    }
}

/// Whether a pipe row outside an enum table looks like an enum member row: a name, then at most
/// a short value and description, and no cell a parameter kind (`count | query |` is a row cut
/// short, not a member).
pub(super) fn is_enum_row(cells: &[&str]) -> bool {
    cells.iter().skip(1).all(|c| c.chars().count() <= 40) && !cells.iter().any(|c| vocab::is_param_kind(c))
}

/// `Name | Value |` (or glued `NameValue`): the header of an enum table whose members have values.
pub(super) fn is_enum_header(line: &str) -> bool {
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace() && *c != '|').collect();
    squeezed == "NameValue" || squeezed == "NameValueDescription"
}
