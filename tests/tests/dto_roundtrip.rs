//! Issue 3: every sample body in `specs/` deserializes into its generated type and serializes
//! back to the same JSON value (dates, Guids and numbers compared as values).

use booster_codegen::facts::SampleValue;
use booster_codegen::read::read_page;
use booster_dtos::runtime::DateTime;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A sample as JSON. XML samples lose their scalar types, which the comparison tolerates.
fn to_json(v: &SampleValue) -> Value {
    match v {
        SampleValue::Null => Value::Null,
        SampleValue::Bool(b) => Value::Bool(*b),
        SampleValue::Number(n) => serde_json::from_str(n).unwrap_or_else(|_| Value::String(n.clone())),
        SampleValue::String(s) => Value::String(s.clone()),
        SampleValue::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        SampleValue::Object(o) => Value::Object(o.entries.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

/// Values compared as the server would: dates as instants, Guids as Guids, numbers as numbers.
fn same(a: &Value, b: &Value) -> bool {
    let date = |s: &str| s.parse::<DateTime>().ok().map(|d| d.0.unix_timestamp_nanos());
    booster_tests::same_wire_value(a, b, &date)
}

fn roundtrip<T: Serialize + DeserializeOwned>(what: &str, sample: &Value) {
    let typed: T = serde_json::from_value(sample.clone()).unwrap_or_else(|e| panic!("{what}: {e}\n{sample}"));
    let back = serde_json::to_value(&typed).unwrap();
    assert!(same(sample, &back), "{what}: serialized back differently\nsample: {sample}\nback:   {back}");
    // The same body from a server that writes PascalCase (or camelCase) names reads completely.
    for (casing, upper) in [("PascalCase", true), ("camelCase", false)] {
        let recased = recase(sample, upper);
        let typed: T = serde_json::from_value(recased.clone()).unwrap_or_else(|e| panic!("{what} in {casing}: {e}"));
        let again = serde_json::to_value(&typed).unwrap();
        assert_eq!(again, back, "{what}: the {casing} body read differently\n{recased}");
    }
}

/// Every object key with its first letter upper- or lower-cased, as servers with the other
/// casing convention write it.
fn recase(v: &Value, upper: bool) -> Value {
    let first = |k: &str| {
        let mut chars = k.chars();
        let head: String = chars
            .next()
            .map(|c| if upper { c.to_uppercase().collect() } else { c.to_lowercase().collect() })
            .unwrap_or_default();
        head + chars.as_str()
    };
    match v {
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (first(k), recase(v, upper))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(|v| recase(v, upper)).collect()),
        other => other.clone(),
    }
}

fn check(type_name: &str, what: &str, v: &Value) {
    match type_name {
        "CreateCustomer" => roundtrip::<booster_dtos::CreateCustomer>(what, v),
        "CreateCustomerResponse" => roundtrip::<booster_dtos::CreateCustomerResponse>(what, v),
        "ExportCustomer" => roundtrip::<booster_dtos::ExportCustomer>(what, v),
        "ExportCustomerResponse" => roundtrip::<booster_dtos::ExportCustomerResponse>(what, v),
        "PatchCustomer" => roundtrip::<booster_dtos::PatchCustomer>(what, v),
        other => panic!("{what}: no type {other} in booster-dtos"),
    }
}

#[test]
fn every_booster_sample_round_trips() {
    let api = booster_tests::ir(&["specs/booster"]);
    let mut checked = 0;
    for op in &api.operations {
        for source in &op.sources {
            let bytes = std::fs::read(booster_tests::root().join(source)).unwrap();
            let (facts, _) = read_page(source, &bytes);
            let samples = [(&facts.request_sample, Some(&op.request)), (&facts.response_sample, op.response.as_ref())];
            for (sample, type_name) in samples {
                let Some(body) = sample.as_ref().and_then(|s| s.body.as_ref()) else { continue };
                let Some(type_name) = type_name else {
                    assert_eq!(to_json(&body.value), serde_json::json!({}), "{source}: a void response's sample");
                    continue;
                };
                let what = format!("{source}: {type_name} ({:?})", body.format);
                check(type_name, &what, &to_json(&body.value));
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 9, "every request and non-void response sample of the five pages");
}

#[test]
fn wcf_and_iso_dates_and_both_guid_forms() {
    let r: booster_dtos::ExportCustomerResponse =
        serde_json::from_str(r#"{"asyncTaskId":"0f8fad5bd9cb469fa16570867728950e"}"#).unwrap();
    let dashed: booster_dtos::ExportCustomerResponse =
        serde_json::from_str(r#"{"asyncTaskId":"0f8fad5b-d9cb-469f-a165-70867728950e"}"#).unwrap();
    assert_eq!(r, dashed);

    let event = |date: &str| -> booster_dtos::Event {
        serde_json::from_value(serde_json::json!({"eventType":"Birthday","eventDate":date,"isMain":true})).unwrap()
    };
    let wcf = event("/Date(1611100800000)/");
    let iso = event("2021-01-20T00:00:00.0000000Z");
    let date_only = event("2021-01-20");
    assert_eq!(wcf.event_date, iso.event_date);
    assert_eq!(iso.event_date, date_only.event_date);
    // ISO 8601 under every feature set; WCF where a call asks for it.
    let written = serde_json::to_value(&wcf).unwrap();
    assert_eq!(written["eventDate"], "2021-01-20T00:00:00Z");
    let written = booster_dtos::DateFormat::Wcf.scope(|| serde_json::to_value(&iso)).unwrap();
    assert_eq!(written["eventDate"], "/Date(1611100800000)/");
}

#[test]
fn unknown_fields_are_ignored_and_none_is_not_written() {
    let email: booster_dtos::Email =
        serde_json::from_str(r#"{"email":"a@b.c","isMainEmail":true,"addedLater":[1,2]}"#).unwrap();
    assert_eq!(serde_json::to_value(&email).unwrap(), serde_json::json!({"email":"a@b.c","isMainEmail":true}));
    let phone: booster_dtos::Phone =
        serde_json::from_str(r#"{"phone":"1","countryPrefix":"it","isMainPhone":false}"#).unwrap();
    assert!(!serde_json::to_string(&phone).unwrap().contains("phoneType"));
}

#[test]
fn a_missing_required_request_field_is_an_error_naming_it() {
    let err = serde_json::from_str::<booster_dtos::Email>(r#"{"isMainEmail":true}"#).unwrap_err();
    assert!(err.to_string().contains("missing field `email`"), "{err}");
}

#[test]
fn a_missing_required_response_value_reads_as_default() {
    let r: booster_dtos::CreateCustomerResponse = serde_json::from_str("{}").unwrap();
    assert_eq!(r.booster_customer_id, 0);
}
