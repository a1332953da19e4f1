//! CSV bodies, as ServiceStack writes `text/csv`: a header row of property names, then one row
//! per item; a complex cell is quoted JSV (`"{ErrorCode:String,Message:String}"`, `"[0]"`),
//! read by the JSV reader.

use crate::facts::{SampleFormat, SampleObject, SampleValue};

use super::{Problems, Read, json_jsv, scalar, shorten};

/// Reads a CSV body at `start`, or `None` when its first line is not a header of property
/// names (then the text is not CSV at all).
pub(super) fn read_csv(text: &str, start: usize, problems: &mut Problems) -> Option<Read> {
    let mut lines = lines_from(text, start).filter(|(_, line)| !line.trim().is_empty());
    let (_, header_line) = lines.next()?;
    let header = split_row(header_line.trim_end_matches('\r')).ok()?;
    let is_name = |c: &String| {
        c.starts_with(|ch: char| ch.is_ascii_alphabetic() || ch == '_')
            && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
    };
    if header.is_empty() || !header.iter().all(is_name) {
        return None;
    }
    let rows: Vec<(usize, &str)> = lines.collect();
    if header.len() < 2 && rows.is_empty() {
        // One word alone on a line is no evidence of CSV.
        return None;
    }
    let mut truncated = false;
    let mut items = Vec::with_capacity(rows.len());
    for (at, line) in rows {
        let cells = match split_row(line.trim_end_matches('\r')) {
            Ok(cells) => cells,
            Err(cells) => {
                truncated = true;
                problems.push(
                    at,
                    "the CSV sample's row is cut inside a quoted cell; its complete cells were read, and no row after it",
                );
                cells
            }
        };
        if cells.len() < header.len() && !truncated {
            truncated = true;
            problems.push(
                at,
                "the CSV sample's row has fewer cells than its header (a body cut short); the missing cells and any row after it were not read",
            );
        } else if cells.len() > header.len() {
            problems.push_recovered(
                at,
                format!(
                    "the CSV sample's row has {} cells for {} header names; the extra cells were ignored",
                    cells.len(),
                    header.len()
                ),
            );
        }
        let entries =
            header.iter().zip(cells).map(|(name, cell)| (name.clone(), cell_value(&cell, at, problems))).collect();
        items.push(SampleValue::Object(SampleObject { type_name: None, entries }));
        if truncated {
            break;
        }
    }
    let value = match items.len() {
        0 => SampleValue::Object(SampleObject {
            type_name: None,
            entries: header.into_iter().map(|name| (name, SampleValue::Null)).collect(),
        }),
        1 => items.pop().unwrap_or(SampleValue::Null),
        _ => SampleValue::Array(items),
    };
    Some(Read { format: SampleFormat::Csv, root_name: None, value, truncated })
}

/// The lines of `text` from `start`, each with its byte offset.
fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (usize, &str)> {
    let rest = text.get(start..).unwrap_or("");
    rest.split('\n').scan(start, |at, line| {
        let here = *at;
        *at += line.len() + 1;
        Some((here, line))
    })
}

/// One CSV row's cells, unquoted (`""` inside quotes is `"`); `Err` with the cells read so far
/// when a quoted cell does not close.
fn split_row(line: &str) -> Result<Vec<String>, Vec<String>> {
    let (mut cells, mut cell) = (Vec::new(), String::new());
    let (mut quoted, mut at_cell_start) = (false, true);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c != '"' {
                cell.push(c);
            } else if chars.peek() == Some(&'"') {
                chars.next();
                cell.push('"');
            } else {
                quoted = false;
            }
        } else if c == '"' && at_cell_start {
            (quoted, at_cell_start) = (true, false);
        } else if c == ',' {
            cells.push(std::mem::take(&mut cell));
            at_cell_start = true;
        } else {
            cell.push(c);
            at_cell_start = false;
        }
    }
    if quoted {
        return Err(cells);
    }
    cells.push(cell);
    Ok(cells)
}

/// A cell's value: quoted JSV for objects and lists, a scalar otherwise, null when empty.
fn cell_value(cell: &str, at: usize, problems: &mut Problems) -> SampleValue {
    let trimmed = cell.trim();
    if trimmed.is_empty() {
        return SampleValue::Null;
    }
    if trimmed.starts_with(['{', '[']) {
        let mut inner = Problems::default();
        let read = json_jsv::read_brackets(trimmed, 0, &mut inner);
        if !inner.found.is_empty() {
            problems.push_recovered(
                at,
                format!("the CSV sample's cell `{}` is not whole JSV; what was whole was read", shorten(trimmed)),
            );
        }
        return read.value;
    }
    scalar(trimmed)
}
