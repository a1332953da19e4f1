use super::*;
use crate::facts::SampleObject;

mod data_contract;
mod json_jsv;
mod xml;

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
    let read = read_body("\nHello world, said the server\n0,String", 4);
    assert!(read.body.is_none());
    assert_eq!(read.problems.len(), 1);
    assert_eq!(read.problems[0].0, 5);
    assert!(read.problems[0].1.contains("`Hello world, said the server`"));
}

#[test]
fn csv_is_a_header_and_rows() {
    let read = read_body("\nid,name,tags,owner\n0,String,\"[String]\",\"{Name:String,Age:0}\"", 4);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let body = body_of(&read);
    assert_eq!(body.format, SampleFormat::Csv);
    let SampleValue::Object(o) = &body.value else { panic!("{:?}", body.value) };
    let keys: Vec<&str> = o.keys().collect();
    assert_eq!(keys, ["id", "name", "tags", "owner"]);
    assert_eq!(o.get("id"), Some(&SampleValue::Number("0".into())));
    assert_eq!(o.get("tags"), Some(&SampleValue::Array(vec![SampleValue::String("String".into())])));
    assert!(matches!(o.get("owner"), Some(SampleValue::Object(inner)) if inner.entries.len() == 2));
    // Two rows are a list; a row with fewer cells than the header is cut.
    let read = read_body("a,b\n1,2\n3,4", 1);
    assert!(matches!(&body_of(&read).value, SampleValue::Array(items) if items.len() == 2));
    let read = read_body("a,b,c\n1,2", 1);
    assert!(body_of(&read).truncated);
    assert_eq!(read.problems.len(), 1);
}

fn body_value(read: &BodyRead) -> &SampleValue {
    &body_of(read).value
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
