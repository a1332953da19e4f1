//! Issue 6: the generated DTOs on hostile JSON give errors naming the field path, never a panic;
//! arbitrary valid values of every generated type round-trip through JSON.

use booster_codegen::schema::{Api, TypeDef};
use booster_codegen::type_grammar::{Prim, TypeRef};
use booster_dtos::{from_json, runtime::DateTime};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

#[track_caller]
fn fails_at<T: DeserializeOwned + std::fmt::Debug>(body: &str, path: &str, says: &str) {
    let err = from_json::<T>(body.as_bytes()).expect_err("hostile input is an error");
    assert_eq!(err.path, path, "{err}");
    assert!(err.to_string().contains(says), "{err}");
}

#[test]
fn errors_name_the_field_path() {
    use booster_dtos::{CreateCustomer, CreateCustomerResponse, Email, Event, ExportCustomerResponse};
    fails_at::<Email>(r#"{"isMainEmail":true}"#, ".", "missing field `email`");
    fails_at::<Email>(r#"{"email":"a","isMainEmail":"yes"}"#, "isMainEmail", "invalid type");
    fails_at::<Event>(r#"{"eventType":"x","eventDate":"2021-13-45"}"#, "eventDate", "2021-13-45");
    fails_at::<ExportCustomerResponse>(r#"{"asyncTaskId":"not-a-guid"}"#, "asyncTaskId", "invalid");
    fails_at::<CreateCustomerResponse>(r#"{"boosterCustomerId":99999999999999999999}"#, "boosterCustomerId", "");
    fails_at::<CreateCustomerResponse>(r#"{"boosterCustomerId":1e400}"#, "boosterCustomerId", "");
    let customer = r#"{"privacyPolicyAcceptanceStorage":true,"canBeContactedByMaison":true,"clientType":"PRIVATE",
        "countryId":"it","posCode":"p","brand":"b","emails":[{"email":"a","isMainEmail":true},{"email":"b","isMainEmail":1}]}"#;
    fails_at::<CreateCustomer>(customer, "emails[1].isMainEmail", "invalid type");
}

#[test]
fn deep_nesting_is_an_error_or_skipped_never_a_stack_overflow() {
    let deep = |depth: usize| format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    for depth in [1_000, 100_000] {
        // Inside a field the type knows: an error naming the field.
        let body = format!(r#"{{"brand":"b","posCodes":{},"downloadRequestId":"r"}}"#, deep(depth));
        let err = from_json::<booster_dtos::ExportCustomer>(body.as_bytes()).expect_err("too deep");
        assert_eq!(err.path, "posCodes[0]", "{err}");
        // Inside an unknown field: skipped without recursion.
        let body = format!(r#"{{"email":"a","isMainEmail":true,"extra":{}}}"#, deep(depth));
        assert!(from_json::<booster_dtos::Email>(body.as_bytes()).is_ok());
        // As the whole body.
        assert!(from_json::<booster_dtos::SearchCustomer>(deep(depth).as_bytes()).is_err());
    }
}

/// A JSON value the generated type for `ty` must accept.
fn value_for(api: &Api, ty: &TypeRef, depth: usize) -> BoxedStrategy<Value> {
    match ty.without_nullable() {
        TypeRef::Primitive { prim } => match prim {
            Prim::String => "\\PC{0,12}".prop_map(Value::from).boxed(),
            Prim::Bool => any::<bool>().prop_map(Value::from).boxed(),
            Prim::Int => any::<i32>().prop_map(Value::from).boxed(),
            Prim::Long => any::<i64>().prop_map(Value::from).boxed(),
            Prim::Double => (-1e12f64..1e12).prop_map(Value::from).boxed(),
            Prim::Guid => any::<u128>().prop_map(|n| Value::from(format!("{n:032x}"))).boxed(),
            Prim::DateTime => (-62_135_596_800_000i64..253_402_300_799_000)
                .prop_map(|ms| Value::from(format!("/Date({ms})/")))
                .boxed(),
            other => panic!("the Booster schema has no {other:?} fields; add a generator for it"),
        },
        TypeRef::List { item } => {
            proptest::collection::vec(value_for(api, item, depth), 0..3).prop_map(Value::from).boxed()
        }
        TypeRef::Named { name } => {
            object_for(api, api.types.iter().find(|t| &t.name == name).expect("defined"), depth + 1)
        }
        other => panic!("the Booster schema has no {other} fields; add a generator for it"),
    }
}

/// An object with every field of the type and its bases: required ones always, others maybe.
fn object_for(api: &Api, t: &TypeDef, depth: usize) -> BoxedStrategy<Value> {
    assert!(depth < 8, "the Booster types are not recursive");
    let mut fields = Vec::new();
    let mut cur = Some(t);
    while let Some(ty) = cur {
        fields.extend(ty.fields.iter());
        cur = ty.base.as_ref().and_then(|b| api.types.iter().find(|x| &x.name == b));
    }
    let parts: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
        .into_iter()
        .map(|f| {
            let name = f.name.clone();
            let value = value_for(api, &f.ty, depth).prop_map(move |v| Some((name.clone(), v)));
            if f.required { value.boxed() } else { prop_oneof![Just(None), value].boxed() }
        })
        .collect();
    parts.prop_map(|entries| Value::Object(entries.into_iter().flatten().collect::<Map<_, _>>())).boxed()
}

/// Values compared as the server would: dates as instants, Guids as Guids, numbers as numbers.
fn same(a: &Value, b: &Value) -> bool {
    let date = |s: &str| s.parse::<DateTime>().ok().map(|d| d.0.unix_timestamp_nanos());
    booster_tests::same_wire_value(a, b, &date)
}

fn roundtrip<T: Serialize + DeserializeOwned>(value: &Value) -> Result<(), TestCaseError> {
    let typed: T = from_json(value.to_string().as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}: {value}")))?;
    let back = serde_json::to_value(&typed).unwrap();
    prop_assert!(same(value, &back), "{value}\n{back}");
    Ok(())
}

macro_rules! every_type {
    ($($ty:ident),* $(,)?) => {
        fn check(name: &str, value: &Value) -> Result<(), TestCaseError> {
            match name {
                $(stringify!($ty) => roundtrip::<booster_dtos::$ty>(value),)*
                other => panic!("booster-dtos has no {other}; list it here"),
            }
        }
        const NAMES: &[&str] = &[$(stringify!($ty)),*];
    };
}

every_type!(
    Address,
    CreateCustomer,
    CreateCustomerResponse,
    Customer,
    Email,
    Event,
    ExportCustomer,
    ExportCustomerResponse,
    GetCustomerHobby,
    GetCustomerInterest,
    GetCustomerProductCollection,
    Hobby,
    Interest,
    PatchCustomer,
    Phone,
    ProductCategory,
    ProductCollection,
    SearchCustomer,
);

#[test]
fn every_generated_type_round_trips_arbitrary_valid_values() {
    let api = booster_tests::ir(&["specs/booster"]);
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, NAMES, "the list of types to check is the schema's");
    for t in &api.types {
        let strategy = object_for(&api, t, 0);
        let mut runner =
            proptest::test_runner::TestRunner::new(ProptestConfig { cases: 48, ..ProptestConfig::default() });
        runner.run(&strategy, |value| check(&t.name, &value)).unwrap_or_else(|e| panic!("{}: {e}", t.name));
    }
}
