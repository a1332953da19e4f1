//! The JSON and JSV reader.

use super::*;
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
    let text = "{ id: 0, count: 0, responseStatus: { errorCode: String, errors: [ { meta: { String: String } } ] } }";
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
