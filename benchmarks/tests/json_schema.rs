//! The JSON Schema typify builds its side of the Booster build-time comparison from: the same
//! 18 types, wire names and required fields as `booster-dtos`.

use std::path::PathBuf;

use benchmarks::json_schema::json_schema;
use booster_codegen::load::load;

#[test]
fn booster_types_as_json_schema() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let loaded = load(&[repo.join("specs/booster")], None).unwrap();
    let schema = json_schema(&loaded.api);
    let defs = schema["definitions"].as_object().unwrap();
    assert_eq!(defs.len(), 18);
    let create = &defs["CreateCustomer"];
    // Flat: the base `Customer`'s fields and the request's own.
    assert_eq!(create["properties"]["clientType"]["type"], "string");
    assert_eq!(create["properties"]["emails"]["items"]["$ref"], "#/definitions/Email");
    assert_eq!(create["properties"]["birthDate"]["format"], "date-time");
    let required: Vec<&str> = create["required"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    // As `CreateCustomer::builder()` requires them.
    let wanted =
        ["canBeContactedByMaison", "clientType", "countryId", "posCode", "brand", "privacyPolicyAcceptanceStorage"];
    assert_eq!(required, wanted);
    // `bool?` in PatchCustomer: required on the page, but nullable.
    assert!(!defs["PatchCustomer"]["required"].as_array().unwrap().contains(&"canBeContactedByMaison".into()));
    assert_eq!(defs["ExportCustomerResponse"]["properties"]["asyncTaskId"]["format"], "uuid");
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("booster.schema.json");
    std::fs::write(out, serde_json::to_string_pretty(&schema).unwrap()).unwrap();
}
