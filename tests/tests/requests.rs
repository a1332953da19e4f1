//! Issue 4: builders, validators and routes of the generated Booster requests, and the routes on
//! the wire against a local server.

use std::collections::BTreeMap;

use booster_dtos::{
    CreateCustomer, CreateCustomerResponse, DateFormat, DecodeError, Email, ExportCustomer, ExportCustomerResponse,
    Operation, PatchCustomer, Route, Validate, Violation,
};
use booster_tests::http_stub::{Stub, send};

// Every Booster page says "Requires Authentication".
const _: () = assert!(PatchCustomer::REQUIRES_AUTH && CreateCustomer::REQUIRES_AUTH && ExportCustomer::REQUIRES_AUTH);

fn private_customer() -> CreateCustomer {
    CreateCustomer::builder()
        .privacy_policy_acceptance_storage(true)
        .can_be_contacted_by_maison(false)
        .client_type("PRIVATE")
        .country_id("it")
        .pos_code("ES100:102048")
        .brand("CAR")
        .title("Mrs.")
        .first_name("Ada")
        .last_name("Lovelace")
        .language_id("eng")
        .gender("F")
        .emails(vec![Email::builder().email("ada@example.com").is_main_email(true).build()])
        .build()
}

fn paths(violations: &[Violation]) -> Vec<&str> {
    violations.iter().map(|v| v.path.as_str()).collect()
}

#[test]
fn a_complete_request_is_valid() {
    assert_eq!(private_customer().validate(), []);
}

#[test]
fn required_strings_must_not_be_empty() {
    let mut c = private_customer();
    c.country_id = " ".into();
    let v = c.validate();
    assert_eq!(paths(&v), ["countryId"]);
    assert_eq!(v[0].message, "is required and must not be empty");
}

#[test]
fn conditional_requirements_follow_client_type() {
    let mut c = private_customer();
    c.title = None;
    c.last_name = None;
    c.language_id = Some(String::new());
    c.gender = None;
    assert_eq!(paths(&c.validate()), ["title", "lastName", "languageId", "gender"]);
    assert_eq!(c.validate()[0].to_string(), "title: is required when clientType is PRIVATE");

    c.client_type = "COMPANY".into();
    assert_eq!(paths(&c.validate()), ["companyName"]);
    c.company_name = Some("Maison".into());
    assert_eq!(c.validate(), []);
}

#[test]
fn patch_customer_follows_the_settings_for_personal() {
    // The page says 'Personal'; settings.toml says it means PRIVATE.
    let patch = PatchCustomer::builder()
        .booster_customer_id(123)
        .can_be_contacted_by_maison(true)
        .client_type("PRIVATE")
        .country_id("it")
        .build();
    assert_eq!(paths(&patch.validate()), ["title", "lastName", "languageId", "gender"]);
}

#[test]
fn required_but_nullable_values_must_be_present() {
    let mut patch = PatchCustomer::builder()
        .booster_customer_id(1)
        .can_be_contacted_by_maison(true)
        .client_type("COMPANY")
        .country_id("it")
        .company_name("Maison")
        .build();
    assert_eq!(patch.validate(), []);
    patch.can_be_contacted_by_maison = None;
    let v = patch.validate();
    assert_eq!(paths(&v), ["canBeContactedByMaison"]);
    assert_eq!(v[0].message, "is required");
}

#[test]
fn ranges_are_checked_per_element() {
    let export = ExportCustomer::builder()
        .download_request_id("r-1")
        .brand("CAR")
        .pos_codes(vec!["ES100".into()])
        .birthdate_months(vec![1, 13, 12, 0])
        .build();
    let v = export.validate();
    assert_eq!(paths(&v), ["birthdateMonths[1]", "birthdateMonths[3]"]);
    assert_eq!(v[0].message, "must be between 1 and 12 (found 13)");
}

#[test]
fn nested_types_are_validated_through_lists_with_several_violations_at_once() {
    let mut c = private_customer();
    c.emails = Some(vec![
        Email::builder().email("a@b.c").is_main_email(true).build(),
        Email::builder().email("").is_main_email(false).build(),
    ]);
    c.brand = String::new();
    c.gender = None;
    assert_eq!(paths(&c.validate()), ["gender", "brand", "emails[1].email"]);
}

#[test]
fn operations_know_verb_route_and_response() {
    let patch = PatchCustomer::builder()
        .booster_customer_id(123)
        .can_be_contacted_by_maison(true)
        .client_type("COMPANY")
        .country_id("it")
        .build();
    assert_eq!((PatchCustomer::VERB, patch.path().unwrap().as_str()), ("PATCH", "/customer/123"));
    PatchCustomer::decode_response(b"{}").expect("a void response reads as ()");

    let export = ExportCustomer::builder().download_request_id("r").brand("A/B C").pos_codes(vec![]).build();
    assert_eq!((ExportCustomer::VERB, export.path().unwrap().as_str()), ("POST", "/customer/A%2FB%20C/export"));
    let response: ExportCustomerResponse =
        ExportCustomer::decode_response(br#"{"asyncTaskId":"0f8fad5bd9cb469fa16570867728950e"}"#).unwrap();
    assert_eq!(response.async_task_id.to_string(), "0f8fad5b-d9cb-469f-a165-70867728950e");
    assert_eq!(CreateCustomer::ROUTES[0].path, "/customer");
}

#[test]
fn every_booster_request_on_the_wire() {
    let stub = Stub::start(3, |r| match (r.method.as_str(), r.path.as_str()) {
        ("POST", "/customer") => (200, r#"{"boosterCustomerId":42}"#.into()),
        ("POST", "/customer/CAR/export") => (200, r#"{"asyncTaskId":"0f8fad5b-d9cb-469f-a165-70867728950e"}"#.into()),
        ("PATCH", "/customer/123") => (200, "{}".into()),
        _ => (404, r#"{"responseStatus":{"errorCode":"NotFound","message":"no route"}}"#.into()),
    });

    let create = private_customer();
    let (status, body) =
        send(&stub.base_url, CreateCustomer::VERB, &create.path().unwrap(), create.body().unwrap().as_deref());
    assert_eq!(status, 200);
    let created: CreateCustomerResponse = CreateCustomer::decode_response(&body).unwrap();
    assert_eq!(created.booster_customer_id, 42);
    let seen = stub.next();
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", "/customer"));
    let sent: serde_json::Value = serde_json::from_str(&seen.body).unwrap();
    assert_eq!(sent["clientType"], "PRIVATE");
    assert_eq!(sent["emails"][0]["email"], "ada@example.com");
    assert!(sent.get("companyName").is_none(), "None is not written");

    let export = ExportCustomer::builder().download_request_id("r-1").brand("CAR").pos_codes(vec!["P1".into()]).build();
    let (status, body) =
        send(&stub.base_url, ExportCustomer::VERB, &export.path().unwrap(), export.body().unwrap().as_deref());
    assert_eq!(status, 200);
    assert_eq!(ExportCustomer::decode_response(&body).unwrap().async_task_id.to_string().len(), 36);
    assert_eq!(stub.next().path, "/customer/CAR/export");

    let patch = PatchCustomer::builder()
        .booster_customer_id(123)
        .can_be_contacted_by_maison(false)
        .client_type("COMPANY")
        .country_id("it")
        .company_name("Maison")
        .build();
    let (status, body) =
        send(&stub.base_url, PatchCustomer::VERB, &patch.path().unwrap(), patch.body().unwrap().as_deref());
    assert_eq!(status, 200);
    PatchCustomer::decode_response(&body).unwrap();
    let seen = stub.next();
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("PATCH", "/customer/123"));
}

/// A GET operation with a wildcard route, as ServiceStack's `/files/{Path*}`.
#[derive(serde::Serialize)]
struct GetFile {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<booster_dtos::runtime::DateTime>,
}

impl Operation for GetFile {
    type Response = ();
    const NAME: &'static str = "GetFile";
    const ROUTES: &'static [Route] = &[Route { verbs: &["GET"], path: "/files/{Path*}" }];
    const REQUIRES_AUTH: bool = false;
    const VERB: &'static str = "GET";
    fn decode_response(_: &[u8]) -> Result<(), DecodeError> {
        Ok(())
    }
}

#[test]
fn a_wildcard_route_keeps_its_slashes() {
    let get = GetFile { path: "docs/a b/c?.txt".into(), since: Some("2024-05-01T10:20:30Z".parse().unwrap()) };
    assert_eq!(get.path().unwrap(), "/files/docs/a%20b/c%3F.txt?since=2024-05-01T10%3A20%3A30Z");
    assert_eq!(
        get.path_with(DateFormat::Wcf).unwrap(),
        "/files/docs/a%20b/c%3F.txt?since=%2FDate%281714558830000%29%2F"
    );
    assert_eq!(get.body().unwrap(), None, "GET has no body");
    // A plain variable still encodes its slash.
    let export = ExportCustomer::builder().download_request_id("r").brand("A/B").pos_codes(vec![]).build();
    assert_eq!(export.path().unwrap(), "/customer/A%2FB/export");
}

/// A request whose map keys JSON cannot write (lists as keys).
#[derive(serde::Serialize)]
struct Unwritable {
    by_list: BTreeMap<Vec<String>, String>,
}

impl Operation for Unwritable {
    type Response = ();
    const NAME: &'static str = "Unwritable";
    const ROUTES: &'static [Route] = &[];
    const REQUIRES_AUTH: bool = false;
    const VERB: &'static str = "POST";
    fn decode_response(_: &[u8]) -> Result<(), DecodeError> {
        Ok(())
    }
}

#[test]
fn path_and_body_errors_surface() {
    let bad = Unwritable { by_list: BTreeMap::from([(vec!["a".to_string()], "b".to_string())]) };
    let err = bad.body().unwrap_err();
    assert!(err.to_string().starts_with("the request cannot be written as JSON: key must be a string"), "{err}");
    assert!(bad.path().is_err());
    assert!(bad.body_with(DateFormat::Wcf).is_err());
    let empty = Unwritable { by_list: BTreeMap::new() };
    assert_eq!(
        (empty.path().unwrap(), empty.body().unwrap()),
        ("/json/reply/Unwritable".into(), Some(r#"{"by_list":{}}"#.into()))
    );
}

#[test]
fn dates_are_iso_unless_a_call_asks_for_wcf() {
    let mut c = private_customer();
    let date = "2021-01-20T00:00:00Z".parse().unwrap();
    c.events = Some(vec![booster_dtos::Event::builder().event_type("Birthday").event_date(date).build()]);
    let iso: serde_json::Value = serde_json::from_str(&c.body().unwrap().unwrap()).unwrap();
    assert_eq!(iso["events"][0]["eventDate"], "2021-01-20T00:00:00Z");
    let wcf: serde_json::Value = serde_json::from_str(&c.body_with(DateFormat::Wcf).unwrap().unwrap()).unwrap();
    assert_eq!(wcf["events"][0]["eventDate"], "/Date(1611100800000)/");
    assert_eq!(CreateCustomer::decode_response(br#"{"boosterCustomerId":1}"#).unwrap().booster_customer_id, 1);
}

#[test]
fn a_missing_required_field_does_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

/// A GET operation with routes of 0, 1 and 2 variables, two of them with 2 (the shorter wins),
/// and a POST-only route the verb must not take.
#[derive(serde::Serialize)]
struct FindThing {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    q: Option<String>,
}

impl Operation for FindThing {
    type Response = ();
    const NAME: &'static str = "FindThing";
    const ROUTES: &'static [Route] = &[
        Route { verbs: &["POST"], path: "/things/{Id}/{Part}/{Q}" },
        Route { verbs: &["GET"], path: "/things" },
        Route { verbs: &["GET"], path: "/things/{Id}/parts/{Part}" },
        Route { verbs: &["ANY"], path: "/things/{Id}" },
        Route { verbs: &["GET"], path: "/t/{Id}/{Part}" },
    ];
    const REQUIRES_AUTH: bool = false;
    const VERB: &'static str = "GET";
    fn decode_response(_: &[u8]) -> Result<(), DecodeError> {
        Ok(())
    }
}

/// Like `FindThing`, without a route that takes no variable.
#[derive(serde::Serialize)]
struct GetThing {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<u32>,
    q: String,
}

impl Operation for GetThing {
    type Response = ();
    const NAME: &'static str = "GetThing";
    const ROUTES: &'static [Route] = &[Route { verbs: &["GET"], path: "/things/{Id}" }];
    const REQUIRES_AUTH: bool = false;
    const VERB: &'static str = "GET";
    fn decode_response(_: &[u8]) -> Result<(), DecodeError> {
        Ok(())
    }
}

#[test]
fn the_most_specific_filled_route_is_chosen() {
    let find = |id, part: Option<&str>| FindThing { id, part: part.map(str::to_string), q: Some("x y".into()) };
    // Two variables on two routes: the shorter template; the POST route is not for GET.
    assert_eq!(find(Some(1), Some("a")).path().unwrap(), "/t/1/a?q=x%20y");
    // One variable: the `ANY` route.
    assert_eq!(find(Some(1), None).path().unwrap(), "/things/1?q=x%20y");
    // None: the route without variables, the fields as the query.
    assert_eq!(find(None, Some("a")).path().unwrap(), "/things?part=a&q=x%20y");
    // No route for the verb is filled: the predefined route, every field in the query.
    assert_eq!(GetThing { id: None, q: "z".into() }.path().unwrap(), "/json/reply/GetThing?q=z");
    assert_eq!(GetThing { id: Some(4), q: "z".into() }.path().unwrap(), "/things/4?q=z");
}
