//! The sample body readers (JSON, JSV, XML) on arbitrary text: never a panic or a stack
//! overflow; every problem is on a line of the body; the value nests at most `MAX_DEPTH` levels;
//! and a JSON or JSV body read whole (not cut, no problem) and written back out in its own format
//! reads again, in that format, as the same value. (XML is not round-tripped: the reader keeps
//! element names and text but drops attributes and namespaces, so there is no writer to compare.)
#![no_main]

use booster_codegen::facts::{SampleFormat, SampleValue};
use booster_codegen::read::sample_body::{MAX_DEPTH, read_body};
use libfuzzer_sys::fuzz_target;

/// `value` as JSON text.
fn json(value: &SampleValue, out: &mut String) {
    write(value, json_string, out);
}

/// `value` as JSV text: every string and key quoted CSV-style (`""` for `"`), which JSV reads
/// as the text inside. A key or string that JSON would read differently (a backslash) makes
/// the text JSON-invalid only by luck, so the caller compares values only when the text is
/// read back as JSV.
fn jsv(value: &SampleValue, out: &mut String) {
    write(value, jsv_string, out);
}

/// `value` as JSON-shaped text, every string and key written by `string` (the one thing JSON
/// and JSV write differently).
fn write(value: &SampleValue, string: fn(&str, &mut String), out: &mut String) {
    match value {
        SampleValue::Null => out.push_str("null"),
        SampleValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        SampleValue::Number(n) => out.push_str(n),
        SampleValue::String(s) => string(s, out),
        SampleValue::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, string, out);
            }
            out.push(']');
        }
        SampleValue::Object(o) => {
            out.push('{');
            for (i, (key, item)) in o.entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(key, out);
                out.push(':');
                write(item, string, out);
            }
            out.push('}');
        }
    }
}

fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn jsv_string(s: &str, out: &mut String) {
    out.push('"');
    out.push_str(&s.replace('"', "\"\""));
    out.push('"');
}

/// The deepest nesting of containers in `value` (iterative: a value may be `MAX_DEPTH` deep).
fn depth(value: &SampleValue) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 1usize)];
    while let Some((value, d)) = stack.pop() {
        deepest = deepest.max(d);
        match value {
            SampleValue::Array(items) => stack.extend(items.iter().map(|v| (v, d + 1))),
            SampleValue::Object(o) => stack.extend(o.entries.iter().map(|(_, v)| (v, d + 1))),
            _ => {}
        }
    }
    deepest
}

fuzz_target!(|text: &str| {
    let read = read_body(text, 1);
    let lines = text.matches('\n').count() + 1;
    for (line, message) in &read.problems {
        assert!(*line >= 1 && *line <= lines, "problem on line {line} of {lines}: {message}");
        assert!(!message.is_empty());
    }
    let Some(body) = &read.body else { return };
    assert!(body.line >= 1 && body.line <= lines);
    // Scalars count as a level of their own here, so the bound is one more than the reader's.
    let d = depth(&body.value);
    assert!(d <= MAX_DEPTH + 1, "the value nests {d} levels deep");
    if body.truncated || !read.problems.is_empty() {
        return;
    }
    let written = match body.format {
        SampleFormat::Json => {
            let mut out = String::new();
            json(&body.value, &mut out);
            out
        }
        SampleFormat::Jsv => {
            let mut out = String::new();
            jsv(&body.value, &mut out);
            out
        }
        SampleFormat::Xml | SampleFormat::Csv => return,
    };
    let again = read_body(&written, 1);
    let Some(back) = &again.body else {
        panic!("{text:?} read as {:?}, written as {written:?}, reads as nothing: {:?}", body.value, again.problems)
    };
    if body.format == SampleFormat::Jsv && back.format != SampleFormat::Jsv {
        // Written JSV that also reads as JSON (`[1,2]`): JSON's escapes apply, not JSV's.
        return;
    }
    assert!(again.problems.is_empty(), "{text:?} written as {written:?} reads with problems {:?}", again.problems);
    assert_eq!(back.format, body.format, "{text:?} written as {written:?}");
    assert!(!back.truncated);
    assert_eq!(back.value, body.value, "{text:?} written as {written:?} reads differently");
});
