//! The doc example on each request: built with the page's own example values, sent, read back.

use std::collections::BTreeMap;

use crate::facts::SampleValue;
use crate::samples::Sample;
use crate::schema::{Field, Rule};
use crate::type_grammar::TypeRef;

/// A Rust string literal for page text, safe inside a doc code block: `{:?}` escapes quotes,
/// backslashes, control and bidi characters; backticks and tildes are escaped too, so the text
/// cannot end the block.
pub fn rust_literal(text: &str) -> String {
    crate::emit::code::lit(text).replace('`', "\\u{60}").replace('~', "\\u{7e}")
}

/// A value for a field in a doc example: the page's first example value when it fits the type,
/// else a neutral value; `None` when none is easy to write.
fn example_value(ty: &TypeRef, examples: &[String]) -> Option<String> {
    use crate::type_grammar::Prim::*;
    let example = examples.first().map(|e| e.trim()).filter(|e| !e.is_empty());
    let fits = |parse: fn(&str) -> bool| example.filter(|e| parse(e)).map(str::to_string);
    Some(match ty.without_nullable() {
        TypeRef::Primitive { prim } => match prim {
            String | Uri => rust_literal(example.unwrap_or("text")),
            Bool => fits(|e| e == "true" || e == "false").unwrap_or_else(|| "true".into()),
            Byte => fits(|e| e.parse::<u8>().is_ok()).unwrap_or_else(|| "1".into()),
            SByte => fits(|e| e.parse::<i8>().is_ok()).unwrap_or_else(|| "1".into()),
            Short => fits(|e| e.parse::<i16>().is_ok()).unwrap_or_else(|| "1".into()),
            UShort => fits(|e| e.parse::<u16>().is_ok()).unwrap_or_else(|| "1".into()),
            Int => fits(|e| e.parse::<i32>().is_ok()).unwrap_or_else(|| "1".into()),
            UInt => fits(|e| e.parse::<u32>().is_ok()).unwrap_or_else(|| "1".into()),
            Long => fits(|e| e.parse::<i64>().is_ok()).unwrap_or_else(|| "1".into()),
            ULong => fits(|e| e.parse::<u64>().is_ok()).unwrap_or_else(|| "1".into()),
            // Plain digits only (`100`, `2.5`), written as a float literal.
            Float | Double => match example.filter(|e| is_plain_number(e)) {
                Some(e) if e.contains('.') => e.to_string(),
                Some(e) => format!("{e}.0"),
                None => "1.0".into(),
            },
            Char => "'a'".into(),
            Guid => "uuid::Uuid::nil()".into(),
            Object => "serde_json::Value::Null".into(),
            DateTime | DateTimeOffset => match example.filter(|e| is_iso_date(e)) {
                Some(e) => format!("{}.parse().expect(\"a date\")", rust_literal(e)),
                None => "Default::default()".into(),
            },
            TimeSpan | Decimal | Stream => "Default::default()".into(),
        },
        TypeRef::List { item } if matches!(**item, TypeRef::Primitive { prim: Byte }) => "Default::default()".into(),
        TypeRef::List { item } if matches!(**item, TypeRef::Primitive { prim: String }) => match example {
            Some(e) => format!("vec![{}.into()]", rust_literal(e)),
            None => "Vec::new()".into(),
        },
        TypeRef::List { .. } => "Vec::new()".into(),
        TypeRef::Map { .. } => "Default::default()".into(),
        _ => return None,
    })
}

/// `100` or `-2.5`: digits with at most one point inside, nothing else.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    [whole, frac].iter().all(|p| !p.is_empty() && p.len() <= 15 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `2020-12-30`: a plain date the runtime reads. The runtime (`parse_iso` in `runtime.rs`) takes
/// four digits of year, two of month, two of day, and `time::Date::from_calendar_date` then
/// wants a month of the year and a day of that month (proleptic Gregorian: 29 February only in
/// leap years); any four-digit year is in its range. A date it refuses (`2024-13-45`) would make
/// the doc example panic, so it is not used (the test below checks this against the runtime).
fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !shaped {
        return false;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// One field of a request, as the doc example sees it.
pub struct ExampleField<'a> {
    pub ident: String,
    pub field: &'a Field,
    pub optional: bool,
}

/// Doc lines showing how to build `ident` with its builder, if every required field has an
/// easy example value: the page's example values, the optional fields a rule then requires (when
/// the page gives an example for them), the request as it goes on the wire, validation, and
/// sending it with the `client` feature (compiled with the feature, never run: `void` when the
/// operation answers nothing).
pub fn builder_example(crate_ident: &str, ident: &str, views: &[ExampleField<'_>], void: bool) -> Option<Vec<String>> {
    let mut setters = Vec::new();
    let mut chosen: BTreeMap<&str, String> = BTreeMap::new();
    for v in views.iter().filter(|v| !v.optional) {
        let value = example_value(&v.field.ty, &v.field.examples)?;
        setters.push(format!("    .{}({value})", v.ident));
        if let Some(text) = v.field.examples.first() {
            chosen.insert(v.field.name.as_str(), text.clone());
        }
    }
    // Optional fields the chosen values make required, where the page gives an example for them.
    for v in views.iter().filter(|v| v.optional && !v.field.examples.is_empty()) {
        let needed =
            v.field.rules.iter().any(
                |r| matches!(r, Rule::RequiredWhen { field, equals } if chosen.get(field.as_str()) == Some(equals)),
            );
        if needed && let Some(value) = example_value(&v.field.ty, &v.field.examples) {
            setters.push(format!("    .{}({value})", v.ident));
        }
    }
    let mut lines = vec![
        "```".to_string(),
        format!("use {crate_ident}::{{Operation, Validate, {ident}}};"),
        String::new(),
        format!("let request = {ident}::builder()"),
    ];
    lines.extend(setters);
    lines.push("    .build();".into());
    lines.push("// What goes on the wire: the verb, the path and the JSON body.".into());
    lines.push(format!("println!(\"{{}} {{}}\", {ident}::VERB, request.path()?);"));
    lines.push("if let Some(body) = request.body()? {".into());
    lines.push(format!("    let read: {ident} = {crate_ident}::from_json(body.as_bytes())?;"));
    lines.push("    assert_eq!(read, request);".into());
    lines.push("}".into());
    lines.push("for problem in request.validate() {".into());
    lines.push("    println!(\"{problem}\");".into());
    lines.push("}".into());
    lines.push("// With the `client` feature: send it on its route; get the response, or an error".into());
    lines.push("// naming what failed (`e.field_errors()` for the server's field errors).".into());
    lines.push("# #[cfg(feature = \"client\")]".into());
    lines.push(format!("# async fn send(request: {ident}) -> Result<(), Box<dyn std::error::Error>> {{"));
    lines.push(format!("let client = {crate_ident}::client::Client::new(\"https://api.example.com\")?;"));
    if void {
        lines.push("client.send(&request).await?;".into());
    } else {
        lines.push("let response = client.send(&request).await?;".into());
        lines.push("# let _ = response;".into());
    }
    lines.push("# Ok(())".into());
    lines.push("# }".into());
    lines.push("# Ok::<(), Box<dyn std::error::Error>>(())".into());
    lines.push("```".into());
    Some(lines)
}

/// Samples longer than this many lines of JSON are not shown (a page's sample can be huge).
const MAX_SAMPLE_LINES: usize = 200;
/// Nor samples nested deeper than this: serde_json reads at most 128 levels.
const MAX_SAMPLE_DEPTH: usize = 64;

fn depth(v: &SampleValue) -> usize {
    // Iterative: a sample may nest hundreds of levels.
    let mut deepest = 0;
    let mut stack = vec![(v, 1)];
    while let Some((v, d)) = stack.pop() {
        deepest = deepest.max(d);
        match v {
            SampleValue::Array(items) => stack.extend(items.iter().map(|i| (i, d + 1))),
            SampleValue::Object(o) => stack.extend(o.entries.iter().map(|(_, i)| (i, d + 1))),
            _ => {}
        }
    }
    deepest
}

/// JSON text made inert inside a doc comment and a raw string: backticks, tildes and hidden
/// characters (control, bidi) as `\u` escapes, which JSON reads as the same characters. Outside
/// strings, serialized JSON holds none of them.
fn inert_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '`' || c == '~' || (c != '\n' && crate::read::text::is_hidden(c)) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Doc lines showing the page's sample request and a doctest that reads it with `from_json`;
/// a line saying why not when the sample is too large or too deep to show.
pub fn sample_example(crate_ident: &str, ident: &str, sample: &Sample) -> Vec<String> {
    let place = crate::emit::names::doc_text(&format!("{}:{}", sample.file, sample.line));
    let json = inert_json(&crate::samples::sample_text(&sample.value));
    let lines = json.lines().count();
    let mut out = vec!["# Sample request".to_string(), String::new()];
    if lines > MAX_SAMPLE_LINES || depth(&sample.value) > MAX_SAMPLE_DEPTH {
        out.push(format!(
            "The page's sample request ({place}) is too large to show here ({lines} lines of JSON, {} levels deep).",
            depth(&sample.value)
        ));
        return out;
    }
    // As many `#` as it takes for the raw string not to end inside the JSON.
    let mut hashes = "#".to_string();
    while json.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    out.push(format!("The page's sample request body ({place}), as this crate reads it:"));
    out.push(String::new());
    out.push("```".into());
    out.push(format!("let json = r{hashes}\""));
    out.extend(json.lines().map(str::to_string));
    out.push(format!("\"{hashes};"));
    out.push(format!("let request: {crate_ident}::{ident} = {crate_ident}::from_json(json.as_bytes())?;"));
    out.push("# let _ = request;".into());
    out.push("# Ok::<(), Box<dyn std::error::Error>>(())".into());
    out.push("```".into());
    out
}

/// The runtime every generated crate carries, compiled in the tests to hold the emitter to its
/// rules.
#[cfg(test)]
#[allow(dead_code, unreachable_pub, clippy::wrong_self_convention)]
#[path = "../../runtime/runtime.rs"]
mod runtime;

#[cfg(test)]
mod tests {
    use super::*;

    use super::runtime;

    #[test]
    fn a_date_example_is_used_only_when_the_runtime_reads_it() {
        let date = TypeRef::Primitive { prim: crate::type_grammar::Prim::DateTime };
        let mut tried = 0;
        for year in ["0000", "0001", "1900", "2000", "2023", "2024", "9999"] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let text = format!("{year}-{month:02}-{day:02}");
                    let value = example_value(&date, std::slice::from_ref(&text)).unwrap();
                    let reads = text.parse::<runtime::DateTime>().is_ok();
                    assert_eq!(value.contains(&text), reads, "{text}: the example is {value}");
                    if !reads {
                        assert_eq!(value, "Default::default()", "{text}");
                    }
                    tried += 1;
                }
            }
        }
        assert_eq!(tried, 7 * 14 * 33);
        // Not a plain date at all: never used.
        for text in ["2024-1-05", "24-01-05", "2024-01-05T10:00:00Z", "tomorrow"] {
            assert_eq!(example_value(&date, &[text.to_string()]).unwrap(), "Default::default()", "{text}");
        }
    }

    #[test]
    fn sample_json_cannot_end_its_block_or_string() {
        let hostile = SampleValue::Object(crate::facts::SampleObject {
            type_name: None,
            entries: vec![(
                "k".into(),
                SampleValue::String("```\n\"#; std::process::exit(1); r#\" ~~~ \u{202e}".into()),
            )],
        });
        let sample = Sample { file: "p.txt".into(), line: 3, request: true, value: hostile };
        let lines = sample_example("x_dtos", "Thing", &sample);
        let block = lines.iter().skip_while(|l| *l != "```").skip(1).take_while(|l| *l != "```");
        for line in block {
            assert!(!line.contains(['`', '~', '\u{202e}']), "{line}");
        }
        let open = lines.iter().find(|l| l.starts_with("let json = r")).unwrap();
        let hashes = open.trim_start_matches("let json = r").trim_end_matches('"');
        assert_eq!(hashes, "##", "one more `#` than the JSON's `\"#`");
    }
}
