//! Issue 20: the generated crate's own client (`booster_dtos::client`) against a mock server on
//! 127.0.0.1 (wiremock): each operation's verb, path, query and body, its response, every kind
//! of error, validation before sending, and retries.
#![cfg(feature = "client")]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use booster_dtos::client::{self, Client, Error, Retry};
use booster_dtos::{
    CreateCustomer, DateFormat, DecodeError, Email, ExportCustomer, Operation, PatchCustomer, Route, Validate,
    Violation,
};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn customer() -> CreateCustomer {
    CreateCustomer::builder()
        .privacy_policy_acceptance_storage(true)
        .can_be_contacted_by_maison(true)
        .client_type("COMPANY")
        .company_name("Maison")
        .country_id("it")
        .pos_code("ES100:102048")
        .brand("CAR")
        .emails(vec![Email::builder().email("desk@maison.example").is_main_email(true).build()])
        .build()
}

/// A client that does not wait between retries, so tests do not sleep.
fn quick(server: &MockServer) -> client::ClientBuilder {
    Client::builder(server.uri()).retry(Retry {
        initial_backoff: Duration::ZERO,
        max_backoff: Duration::ZERO,
        ..Retry::default()
    })
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("requests are recorded")
}

fn body_json(r: &Request) -> Value {
    serde_json::from_slice(&r.body).expect("the body is JSON")
}

async fn answer(server: &MockServer, status: u16, body: &str) {
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json"))
        .mount(server)
        .await;
}

#[tokio::test]
async fn create_customer_posts_its_body_to_its_route() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/customer"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"boosterCustomerId": 7})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).unwrap();
    let response = client.send(&customer()).await.expect("the call succeeds");
    assert_eq!(response.booster_customer_id, 7);
    let seen = received(&server).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].url.query(), None);
    assert_eq!(body_json(&seen[0]), serde_json::to_value(customer()).unwrap());
    assert_eq!(seen[0].headers["content-type"], "application/json");
    assert_eq!(seen[0].headers["accept"], "application/json");
}

#[tokio::test]
async fn export_and_patch_fill_their_path_variables() {
    let server = MockServer::start().await;
    let task = "0f8fad5b-d9cb-469f-a165-70867728950e";
    Mock::given(method("POST"))
        .and(path("/api/customer/A%2FB/export"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"asyncTaskId": task})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/api/customer/123"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    // A base URL with a path (and a trailing slash) keeps it.
    let client = Client::new(format!("{}/api/", server.uri())).unwrap();
    let export =
        ExportCustomer::builder().download_request_id("r-1").brand("A/B").pos_codes(vec!["ES100".into()]).build();
    let response = client.send(&export).await.expect("export succeeds");
    assert_eq!(response.async_task_id.to_string(), task);
    let patch = PatchCustomer::builder()
        .booster_customer_id(123)
        .can_be_contacted_by_maison(true)
        .client_type("COMPANY")
        .country_id("it")
        .company_name("Maison")
        .build();
    let () = client.send(&patch).await.expect("patch succeeds");
    let seen = received(&server).await;
    assert_eq!(seen.len(), 2);
    assert_eq!(body_json(&seen[0]), serde_json::to_value(&export).unwrap());
    assert_eq!(body_json(&seen[1]), serde_json::to_value(&patch).unwrap());
    assert_eq!(body_json(&seen[1])["boosterCustomerId"], 123);
}

/// A GET operation with two routes, answering a small response.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct FindCustomers {
    #[serde(skip_serializing_if = "Option::is_none")]
    brand: Option<String>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<booster_dtos::runtime::DateTime>,
    take: u32,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Found {
    total: u32,
}

impl Operation for FindCustomers {
    type Response = Found;
    const NAME: &'static str = "FindCustomers";
    const ROUTES: &'static [Route] =
        &[Route { verbs: &["GET"], path: "/customers" }, Route { verbs: &["GET"], path: "/customers/{Brand}" }];
    const REQUIRES_AUTH: bool = false;
    const VERB: &'static str = "GET";
    fn decode_response(body: &[u8]) -> Result<Found, DecodeError> {
        booster_dtos::from_json(body)
    }
}

impl Validate for FindCustomers {
    fn validate_into(&self, path: &str, out: &mut Vec<Violation>) {
        if self.take > 100 {
            out.push(Violation { path: booster_dtos::validate::join(path, "take"), message: "is at most 100".into() });
        }
    }
}

/// A DELETE operation, and a POST one without routes.
#[derive(serde::Serialize)]
struct RemoveTag {
    id: u32,
    tag: String,
}

impl Operation for RemoveTag {
    type Response = ();
    const NAME: &'static str = "RemoveTag";
    const ROUTES: &'static [Route] = &[Route { verbs: &["DELETE"], path: "/tags/{Id}" }];
    const REQUIRES_AUTH: bool = false;
    const VERB: &'static str = "DELETE";
    fn decode_response(_: &[u8]) -> Result<(), DecodeError> {
        Ok(())
    }
}

impl Validate for RemoveTag {
    fn validate_into(&self, _: &str, _: &mut Vec<Violation>) {}
}

#[derive(serde::Serialize)]
struct Ping {
    text: String,
}

impl Operation for Ping {
    type Response = Found;
    const NAME: &'static str = "Ping";
    const ROUTES: &'static [Route] = &[];
    const REQUIRES_AUTH: bool = false;
    const VERB: &'static str = "POST";
    fn decode_response(body: &[u8]) -> Result<Found, DecodeError> {
        booster_dtos::from_json(body)
    }
}

impl Validate for Ping {
    fn validate_into(&self, _: &str, _: &mut Vec<Violation>) {}
}

fn find(brand: Option<&str>) -> FindCustomers {
    FindCustomers {
        brand: brand.map(str::to_string),
        name: "Ada L".into(),
        since: Some("2024-05-01T10:20:30Z".parse().unwrap()),
        take: 5,
    }
}

#[tokio::test]
async fn get_and_delete_send_the_other_fields_as_the_query_and_no_body() {
    let server = MockServer::start().await;
    answer(&server, 200, r#"{"total":3}"#).await;
    let client = Client::new(server.uri()).unwrap();
    assert_eq!(client.send(&find(Some("CAR"))).await.unwrap(), Found { total: 3 });
    assert_eq!(client.send(&find(None)).await.unwrap(), Found { total: 3 });
    client.send(&RemoveTag { id: 9, tag: "vip&gold".into() }).await.unwrap();
    // Dates in the query follow the client's date format.
    let wcf = Client::builder(server.uri()).date_format(DateFormat::Wcf).build().unwrap();
    wcf.send(&find(Some("CAR"))).await.unwrap();
    let seen: Vec<(String, String, Option<String>, usize)> = received(&server)
        .await
        .iter()
        .map(|r| (r.method.to_string(), r.url.path().to_string(), r.url.query().map(str::to_string), r.body.len()))
        .collect();
    let q = |s: &str| Some(s.to_string());
    assert_eq!(
        seen,
        [
            ("GET".into(), "/customers/CAR".into(), q("name=Ada%20L&since=2024-05-01T10%3A20%3A30Z&take=5"), 0),
            ("GET".into(), "/customers".into(), q("name=Ada%20L&since=2024-05-01T10%3A20%3A30Z&take=5"), 0),
            ("DELETE".into(), "/tags/9".into(), q("tag=vip%26gold"), 0),
            ("GET".into(), "/customers/CAR".into(), q("name=Ada%20L&since=%2FDate%281714558830000%29%2F&take=5"), 0),
        ]
    );
}

#[tokio::test]
async fn an_operation_without_routes_goes_to_json_reply() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/json/reply/Ping"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"total": 1})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).unwrap();
    assert_eq!(client.send(&Ping { text: "hi".into() }).await.unwrap(), Found { total: 1 });
    assert_eq!(body_json(&received(&server).await[0]), json!({"text": "hi"}));
}

#[tokio::test]
async fn dates_in_the_body_follow_the_clients_date_format() {
    let server = MockServer::start().await;
    answer(&server, 200, r#"{"boosterCustomerId":1}"#).await;
    let mut c = customer();
    c.birth_date = Some("2021-01-20T00:00:00Z".parse().unwrap());
    Client::new(server.uri()).unwrap().send(&c).await.unwrap();
    Client::builder(server.uri()).date_format(DateFormat::Wcf).build().unwrap().send(&c).await.unwrap();
    let seen = received(&server).await;
    assert_eq!(body_json(&seen[0])["birthDate"], "2021-01-20T00:00:00Z");
    assert_eq!(body_json(&seen[1])["birthDate"], "/Date(1611100800000)/");
}

#[tokio::test]
async fn credentials_and_extra_headers_go_with_every_call() {
    let server = MockServer::start().await;
    answer(&server, 200, r#"{"boosterCustomerId":1}"#).await;
    let with = |b: client::ClientBuilder| b.header("X-Tenant", "maison").build().unwrap();
    with(Client::builder(server.uri()).bearer_token("jwt-1")).send(&customer()).await.unwrap();
    with(Client::builder(server.uri()).basic_auth("ada", "s3cret")).send(&customer()).await.unwrap();
    with(Client::builder(server.uri()).api_key("ak-9")).send(&customer()).await.unwrap();
    let seen = received(&server).await;
    let auth: Vec<&str> = seen.iter().map(|r| r.headers["authorization"].to_str().unwrap()).collect();
    // base64("ada:s3cret") = YWRhOnMzY3JldA==
    assert_eq!(auth, ["Bearer jwt-1", "Basic YWRhOnMzY3JldA==", "Bearer ak-9"]);
    assert!(seen.iter().all(|r| r.headers["x-tenant"] == "maison"));
}

#[test]
fn a_bad_base_url_or_header_is_refused() {
    assert!(Client::new("ftp://host/api").is_err());
    assert!(Client::new("http://host/api?x=1").is_err());
    assert!(Client::new("not a url").is_err());
    let bad = Client::builder("http://127.0.0.1:1").header("Bad Name", "v").build().unwrap_err();
    assert!(bad.to_string().contains("Bad Name"), "{bad}");
}

const TWO_FIELD_ERRORS: &str = r#"{"responseStatus":{"errorCode":"ValidationException","message":"Validation failed: 2 errors","errors":[
  {"errorCode":"NotEmpty","fieldName":"FirstName","message":"'First Name' must not be empty."},
  {"errorCode":"Email","fieldName":"Emails[0].Email","message":"'Email' is not a valid email address.","meta":{"PropertyName":"Email"}}]}}"#;

#[tokio::test]
async fn a_400_with_a_response_status_gives_its_field_errors() {
    let server = MockServer::start().await;
    answer(&server, 400, TWO_FIELD_ERRORS).await;
    let client = Client::new(server.uri()).unwrap();
    let err = client.send(&customer()).await.unwrap_err();
    let Error::Service(rejection) = &err else { panic!("expected Service, got {err:?}") };
    assert_eq!(rejection.status, 400);
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.operation(), "CreateCustomer");
    assert_eq!(err.url(), Some(format!("{}/customer", server.uri()).as_str()));
    let status = err.response_status().expect("a ResponseStatus");
    assert_eq!(status.error_code.as_deref(), Some("ValidationException"));
    assert_eq!(status.message.as_deref(), Some("Validation failed: 2 errors"));
    let fields: Vec<(&str, &str, &str)> = status
        .errors
        .iter()
        .map(|e| (e.field_name.as_deref().unwrap(), e.error_code.as_deref().unwrap(), e.message.as_deref().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            ("FirstName", "NotEmpty", "'First Name' must not be empty."),
            ("Emails[0].Email", "Email", "'Email' is not a valid email address."),
        ]
    );
    let view: Vec<(&str, Option<&str>)> =
        err.field_errors().iter().map(|e| (e.field_name.as_str(), e.error_code.as_deref())).collect();
    assert_eq!(view, [("FirstName", Some("NotEmpty")), ("Emails[0].Email", Some("Email"))]);
    assert_eq!(rejection.body, None, "a ServiceStack error keeps no raw body");
    let text = err.to_string();
    assert!(
        text.starts_with(&format!("CreateCustomer ({}/customer): HTTP 400 ValidationException", server.uri())),
        "{text}"
    );
    assert!(text.contains("FirstName (NotEmpty): 'First Name' must not be empty."), "{text}");
}

#[tokio::test]
async fn pascal_case_error_bodies_read_too() {
    let server = MockServer::start().await;
    answer(&server, 409, r#"{"ResponseStatus":{"ErrorCode":"Conflict","Message":"taken","Errors":[{"FieldName":"Email","ErrorCode":"Unique"}]}}"#).await;
    let err = Client::new(server.uri()).unwrap().send(&customer()).await.unwrap_err();
    assert!(matches!(err, Error::Service(_)), "{err:?}");
    assert_eq!(err.response_status().unwrap().error_code.as_deref(), Some("Conflict"));
    assert_eq!(err.field_errors()[0].field_name, "Email");
}

#[tokio::test]
async fn unauthorized_and_forbidden_are_told_apart() {
    let server = MockServer::start().await;
    Mock::given(path("/customer"))
        .respond_with(ResponseTemplate::new(401).set_body_raw("Unauthorized", "text/plain"))
        .mount(&server)
        .await;
    Mock::given(path("/customer/1"))
        .respond_with(ResponseTemplate::new(403).set_body_raw(
            r#"{"responseStatus":{"errorCode":"Forbidden","message":"Invalid Role"}}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).unwrap();
    let unauthorized = client.send(&customer()).await.unwrap_err();
    assert!(matches!(unauthorized, Error::Unauthorized(_)), "{unauthorized:?}");
    assert_eq!((unauthorized.status(), unauthorized.response_status()), (Some(401), None));
    assert_eq!(unauthorized.rejection().unwrap().body.as_deref(), Some("Unauthorized"));
    let patch = PatchCustomer::builder()
        .booster_customer_id(1)
        .can_be_contacted_by_maison(true)
        .client_type("COMPANY")
        .country_id("it")
        .company_name("Maison")
        .build();
    let forbidden = client.send(&patch).await.unwrap_err();
    assert!(matches!(forbidden, Error::Forbidden(_)), "{forbidden:?}");
    assert_eq!(forbidden.status(), Some(403));
    assert_eq!(forbidden.response_status().unwrap().message.as_deref(), Some("Invalid Role"));
}

#[tokio::test]
async fn a_500_with_an_html_body_keeps_the_body_cut_to_size() {
    let server = MockServer::start().await;
    let page = format!("<html><body><h1>Internal Server Error</h1>{}</body></html>", "é".repeat(5000));
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(500).set_body_raw(page.clone(), "text/html"))
        .mount(&server)
        .await;
    let err = Client::new(server.uri()).unwrap().send(&customer()).await.unwrap_err();
    let Error::Http(rejection) = &err else { panic!("expected Http, got {err:?}") };
    assert_eq!((err.status(), err.response_status()), (Some(500), None));
    let body = rejection.body.as_deref().unwrap();
    assert!(body.starts_with("<html><body><h1>Internal Server Error</h1>"), "{body}");
    assert!(rejection.body_cut && body.len() <= client::MAX_ERROR_BODY && body.len() > client::MAX_ERROR_BODY - 4);
    assert!(page.starts_with(body), "cut on a character boundary");
    assert!(err.to_string().contains("HTTP 500: \"<html>"), "{err}");
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"total": 1})).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let client = quick(&server).timeout(Duration::from_millis(300)).retry(Retry::none()).build().unwrap();
    let err = client.send(&find(None)).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(err.status(), None);
    assert!(err.url().unwrap().starts_with(&format!("{}/customers?", server.uri())));
}

/// A server that answers every connection with `response` as is, then closes it.
fn raw_server(response: &'static [u8]) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 65536];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(response);
        }
    });
    url
}

#[tokio::test]
async fn a_body_cut_short_is_truncated_not_a_decode_error() {
    let url =
        raw_server(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"boosterCus");
    let err = Client::new(url).unwrap().send(&customer()).await.unwrap_err();
    assert!(matches!(err, Error::Truncated { status: 200, .. }), "{err:?}");
    assert_eq!(err.status(), Some(200));
}

#[tokio::test]
async fn a_body_that_is_not_json_or_not_the_type_does_not_decode() {
    let server = MockServer::start().await;
    Mock::given(path("/customer"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("<html>welcome</html>", "text/html"))
        .mount(&server)
        .await;
    Mock::given(path("/customers"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"total":"many"}"#, "application/json"))
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).unwrap();
    let not_json = client.send(&customer()).await.unwrap_err();
    let Error::Decode { source, status: 200, .. } = &not_json else { panic!("expected Decode, got {not_json:?}") };
    assert!(source.path.is_empty() || source.path == ".", "{source:?}");
    let wrong = client.send(&find(None)).await.unwrap_err();
    let Error::Decode { source, .. } = &wrong else { panic!("expected Decode, got {wrong:?}") };
    assert_eq!(source.path, "total");
    assert!(wrong.to_string().contains("does not decode: total: invalid type"), "{wrong}");
}

#[tokio::test]
async fn unknown_fields_in_a_response_are_ignored() {
    let server = MockServer::start().await;
    answer(&server, 200, r#"{"boosterCustomerId":5,"addedLater":{"x":[1,2]},"responseStatus":{}}"#).await;
    let response = Client::new(server.uri()).unwrap().send(&customer()).await.unwrap();
    assert_eq!(response.booster_customer_id, 5);
}

#[tokio::test]
async fn a_connection_refused_is_a_transport_error() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::builder(format!("http://127.0.0.1:{port}")).retry(Retry::none()).build().unwrap();
    let err = client.send(&customer()).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.is_transient() && err.status().is_none());
}

#[tokio::test]
async fn an_invalid_request_never_reaches_the_server() {
    let server = MockServer::start().await;
    answer(&server, 200, r#"{"boosterCustomerId":1}"#).await;
    let client = Client::new(server.uri()).unwrap();
    let mut bad = customer();
    bad.country_id = " ".into();
    bad.company_name = None;
    let err = client.send(&bad).await.unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
    let paths: Vec<&str> = err.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["companyName", "countryId"]);
    assert_eq!(err.status(), None);
    assert!(err.to_string().contains("not sent"), "{err}");
    let too_many = FindCustomers { take: 500, ..find(None) };
    assert_eq!(client.send(&too_many).await.unwrap_err().violations()[0].path, "take");
    assert!(received(&server).await.is_empty(), "nothing was sent");
    // send_unchecked sends it anyway.
    client.send_unchecked(&bad).await.unwrap();
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn get_is_retried_on_503_and_post_never() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"total": 2})))
        .mount(&server)
        .await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let client = quick(&server).build().unwrap();
    assert_eq!(client.send(&find(None)).await.unwrap(), Found { total: 2 });
    assert_eq!(received(&server).await.len(), 3, "two 503s, then the answer");
    let err = client.send(&customer()).await.unwrap_err();
    assert!(matches!(err, Error::Http(_)) && err.status() == Some(503), "{err:?}");
    assert_eq!(received(&server).await.len(), 4, "POST is sent once");
}

#[tokio::test]
async fn retries_are_bounded_and_post_retries_only_when_asked() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(502)).mount(&server).await;
    let three = |non_idempotent| Retry { max_retries: 3, non_idempotent, ..Retry::none() };
    let client = quick(&server).retry(three(false)).build().unwrap();
    assert_eq!(client.send(&find(None)).await.unwrap_err().status(), Some(502));
    assert_eq!(received(&server).await.len(), 4, "the call and three retries");
    let asked = quick(&server).retry(three(true)).build().unwrap();
    assert_eq!(asked.send(&customer()).await.unwrap_err().status(), Some(502));
    assert_eq!(received(&server).await.len(), 8, "POST retried when asked");
    // A 500 is not retried, whatever the verb.
    let server = MockServer::start().await;
    answer(&server, 500, "{}").await;
    quick(&server).build().unwrap().send(&find(None)).await.unwrap_err();
    assert_eq!(received(&server).await.len(), 1);
}

#[test]
fn backoff_doubles_up_to_its_bound() {
    let retry =
        Retry { initial_backoff: Duration::from_millis(100), max_backoff: Duration::from_secs(1), ..Retry::default() };
    let waits: Vec<u128> = (0..6).map(|i| retry.backoff(i).as_millis()).collect();
    assert_eq!(waits, [100, 200, 400, 800, 1000, 1000]);
    assert_eq!(retry.backoff(200), Duration::from_secs(1));
    assert!(client::is_idempotent("GET") && client::is_idempotent("DELETE") && !client::is_idempotent("POST"));
    assert!(!client::is_idempotent("PATCH"));
}

#[test]
fn the_blocking_client_works_from_sync_code() {
    let url = raw_server(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 24\r\n\r\n{\"boosterCustomerId\":42}",
    );
    let client = client::blocking::Client::new(url).unwrap();
    assert_eq!(client.send(&customer()).unwrap().booster_customer_id, 42);
    let mut bad = customer();
    bad.brand = String::new();
    assert!(matches!(client.send(&bad), Err(Error::Invalid { .. })));
}

/// The client sends each operation with a verb and route the OpenAPI export lists.
#[test]
fn the_openapi_export_lists_the_clients_routes_and_verbs() {
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(booster_tests::root().join("booster-dtos/openapi.json")).unwrap(),
    )
    .unwrap();
    fn check<R: Operation>(doc: &Value) {
        assert!(!R::ROUTES.is_empty(), "{}", R::NAME);
        for route in R::ROUTES.iter().filter(|r| r.verbs.contains(&R::VERB)) {
            let op = &doc["paths"][route.path][R::VERB.to_ascii_lowercase()];
            assert!(op.is_object(), "{} {} is not in openapi.json", R::VERB, route.path);
            assert_eq!(op["operationId"], R::NAME);
        }
    }
    check::<CreateCustomer>(&doc);
    check::<ExportCustomer>(&doc);
    check::<PatchCustomer>(&doc);
    let routes = doc["paths"].as_object().unwrap().len();
    assert_eq!(routes, 3, "one path per Booster route");
}

/// The example program (`examples/create_customer.rs`), its `run` as `main` calls it.
#[allow(dead_code)]
#[path = "../examples/create_customer.rs"]
mod example;

#[tokio::test]
async fn the_example_creates_a_customer_or_prints_the_field_errors() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/ok/customer"))
        .and(wiremock::matchers::header("authorization", "Bearer t0k"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"boosterCustomerId": 42})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/refuses/customer"))
        .respond_with(ResponseTemplate::new(400).set_body_raw(TWO_FIELD_ERRORS, "application/json"))
        .mount(&server)
        .await;
    let mut out = Vec::new();
    assert!(example::run(&format!("{}/ok", server.uri()), Some("t0k"), &mut out).await.unwrap());
    assert_eq!(String::from_utf8(out).unwrap(), "created customer 42\n");
    let mut out = Vec::new();
    assert!(!example::run(&format!("{}/refuses", server.uri()), None, &mut out).await.unwrap());
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "the server refused the customer (HTTP 400):\n  FirstName (NotEmpty): 'First Name' must not be empty.\n  \
         Emails[0].Email (Email): 'Email' is not a valid email address.\n"
    );
}
