//! The sample HTTP request and response at the end of every page, in whatever shape the
//! rendering left them: one header per line, or the status line, headers and body glued on one.

use crate::diag::Diagnostics;
use crate::facts::SampleFact;
use crate::read::sample_body::read_body;
use crate::read::vocab::VERBS;

const HEADERS: &[&str] = &["Host:", "Accept:", "Content-Type:", "Content-Length:"];

/// Whether a line is a sample request line (`POST /customer HTTP/1.1`).
pub fn request_line(line: &str) -> Option<(String, String, &str)> {
    let t = line.trim();
    let (verb, rest) = t.split_once(' ')?;
    if !VERBS.contains(&verb) {
        return None;
    }
    let (path, rest) = rest.trim_start().split_once(' ')?;
    let rest = rest.trim_start().strip_prefix("HTTP/1.")?;
    let rest = rest.get(1..).unwrap_or("");
    path.starts_with('/').then(|| (verb.to_string(), path.to_string(), rest))
}

fn is_status_line(line: &str) -> bool {
    line.trim_start().starts_with("HTTP/1.")
}

/// Strips glued `Name: value` headers from the front of `text`; returns what follows.
fn strip_headers(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        let Some(h) = HEADERS.iter().find(|h| text.starts_with(**h)) else { return text };
        let value = text[h.len()..].trim_start();
        let end = value.find(char::is_whitespace).unwrap_or(value.len());
        text = &value[end..];
    }
}

/// Reads the samples from `lines` (`(page line, text)`), starting anywhere before them. No line
/// a body's problem or the body is said to be on passes `last_line`: a body's lines are counted
/// on from its first, and an HTML `<pre>` can hold more lines than its source (F10, F11).
pub fn read_samples(
    file: &str,
    lines: &[(usize, &str)],
    last_line: usize,
    diags: &mut Diagnostics,
) -> (Option<SampleFact>, Option<SampleFact>) {
    let Some(start) = lines.iter().position(|(_, l)| request_line(l).is_some()) else {
        return (None, read_response(file, lines, last_line, diags));
    };
    let (number, line) = lines[start];
    let Some((verb, path, glued)) = request_line(line) else { return (None, None) };
    let rest = &lines[start + 1..];
    let status_at = rest.iter().position(|(_, l)| is_status_line(l)).unwrap_or(rest.len());
    let body = body_of(file, (number, strip_headers(glued)), &rest[..status_at], last_line, diags);
    let request = SampleFact { verb: Some(verb), path: Some(path), body, line: number };
    (Some(request), read_response(file, &rest[status_at..], last_line, diags))
}

fn read_response(file: &str, lines: &[(usize, &str)], last_line: usize, diags: &mut Diagnostics) -> Option<SampleFact> {
    let at = lines.iter().position(|(_, l)| is_status_line(l))?;
    let (number, line) = lines[at];
    let line = line.trim();
    let status_end = line.find(' ').map_or(line.len(), |i| i + 1);
    let after_version = &line[status_end..];
    let code_end = after_version.find(' ').map_or(after_version.len(), |i| i + 1);
    let after_code = &after_version[code_end..];
    let reason_end = HEADERS.iter().filter_map(|h| after_code.find(h)).min().unwrap_or(after_code.len());
    let status = line[..status_end + code_end + reason_end].trim().to_string();
    let glued = strip_headers(&after_code[reason_end..]);
    let body = body_of(file, (number, glued), &lines[at + 1..], last_line, diags);
    Some(SampleFact { verb: None, path: Some(status), body, line: number })
}

/// The body: whatever was glued after the headers plus every following line that is not a header.
fn body_of(
    file: &str,
    (glued_line, glued): (usize, &str),
    lines: &[(usize, &str)],
    last_line: usize,
    diags: &mut Diagnostics,
) -> Option<crate::facts::SampleBody> {
    let mut text = String::new();
    let mut first_line = None;
    if !glued.trim().is_empty() {
        text.push_str(glued.trim());
        text.push('\n');
        first_line = Some(glued_line);
    }
    for (n, l) in lines {
        if first_line.is_none() {
            let t = l.trim();
            if t.is_empty() || HEADERS.iter().any(|h| t.starts_with(h)) {
                continue;
            }
            first_line = Some(*n);
        }
        text.push_str(l);
        text.push('\n');
    }
    let read = read_body(&text, first_line.unwrap_or(0));
    for (line, message) in read.problems {
        diags.warn(file, line.min(last_line), message);
    }
    read.body.map(|body| crate::facts::SampleBody { line: body.line.min(last_line), ..body })
}
