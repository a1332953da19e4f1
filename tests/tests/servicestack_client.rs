//! Issue 4: the generated DTOs through the official `servicestack` client (`JsonServiceClient`)
//! against a server on 127.0.0.1: verb, path, body, the decoded response, and an error response.
#![cfg(feature = "servicestack")]

use booster_dtos::{CreateCustomer, Email, ExportCustomer, PatchCustomer};
use booster_tests::http_stub::Stub;
use servicestack::blocking::JsonServiceClient;

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

#[test]
fn create_customer_round_trip() {
    let stub = Stub::start(1, |_| (200, r#"{"boosterCustomerId":7}"#.into()));
    let client = JsonServiceClient::new(&stub.base_url);
    let response = client.send(&customer()).expect("the request succeeds");
    assert_eq!(response.booster_customer_id, 7);
    let seen = stub.next();
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", "/api/CreateCustomer"));
    let body: serde_json::Value = serde_json::from_str(&seen.body).unwrap();
    assert_eq!(body, serde_json::to_value(customer()).unwrap());
}

#[test]
fn export_and_void_patch() {
    let stub = Stub::start(2, |r| match r.path.as_str() {
        "/api/ExportCustomer" => (200, r#"{"asyncTaskId":"0f8fad5bd9cb469fa16570867728950e"}"#.into()),
        _ => (200, "{}".into()),
    });
    let client = JsonServiceClient::new(&stub.base_url);
    let export = ExportCustomer::builder().download_request_id("r").brand("CAR").pos_codes(vec!["P".into()]).build();
    let response = client.send(&export).unwrap();
    assert_eq!(response.async_task_id.simple().to_string(), "0f8fad5bd9cb469fa16570867728950e");
    assert_eq!(stub.next().method, "POST");

    let patch = PatchCustomer::builder()
        .booster_customer_id(5)
        .can_be_contacted_by_maison(false)
        .client_type("COMPANY")
        .country_id("it")
        .build();
    client.send_void(&patch).unwrap();
    let seen = stub.next();
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("PATCH", "/api/PatchCustomer"));
}

#[test]
fn a_servicestack_error_response_is_an_error_the_caller_can_read() {
    let stub = Stub::start(1, |_| {
        (
            400,
            r#"{"responseStatus":{"errorCode":"ValidationException","message":"Validation failed","errors":[{"errorCode":"NotEmpty","fieldName":"Email","message":"'Email' must not be empty."}]}}"#.into(),
        )
    });
    let client = JsonServiceClient::new(&stub.base_url);
    let err = client.send(&customer()).expect_err("a 400 is an error");
    assert_eq!(err.status_code(), Some(400));
    assert_eq!(err.error_code(), Some("ValidationException"));
    let status = err.response_status().expect("the responseStatus is read");
    assert_eq!(status.errors[0].field_name, "Email");
    assert_eq!(status.errors[0].message, "'Email' must not be empty.");
}
