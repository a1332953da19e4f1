//! Issue 10: classes of pages never seen before. Each test reads variants of real pages (cut,
//! re-rendered, recased, glued) or small pages written in ServiceStack's renderings, and checks
//! that every name and type the page states is used, and that every guess is said.

#[path = "page_classes/reading.rs"]
mod reading;

use booster_codegen::diag::Severity;
use booster_codegen::facts::Rendering;
use booster_codegen::read::read_page;
use booster_codegen::schema::Api;

use reading::{
    errors, field_names, member_cells, members, page, read_all, read_one, text_page, ty, variant, warnings_containing,
};

// ---------------------------------------------------------------------------------------------
// 1. Response types from what the page states

#[test]
fn a_request_without_properties_shows_its_base_first_and_that_table_is_its_base() {
    let tables = "PagedRequest Parameters:\nNameParameterData TypeRequiredDescription\nSkipformintNoRows to skip\nTakeformintNoRows to take\n\
                  ThingsPage Parameters:\nNameParameterData TypeRequiredDescription\nTotalformintNoAll rows\nNamesformList<string>NoThe names\n";
    let request = "GET /things HTTP/1.1 \nHost: example.org \nAccept: application/json";
    let response = r#"{"total":0,"names":["String"]}"#;
    let api = read_one("things.txt", &text_page("GetThings", "GET/things", tables, request, response));
    assert!(errors(&api).is_empty(), "{:#?}", api.diagnostics);
    let op = &api.operations[0];
    assert_eq!(op.response.as_deref(), Some("ThingsPage"));
    assert_eq!(ty(&api, "GetThings").base.as_deref(), Some("PagedRequest"));
    // The samples are camelCase: the base's fields, which no sample shows, keep the page's
    // spelling, are said, and read in either casing.
    assert_eq!(field_names(ty(&api, "PagedRequest")), ["Skip", "Take"]);
    assert_eq!(ty(&api, "PagedRequest").fields[0].aliases, ["skip"]);
    assert_eq!(
        warnings_containing(&api, "fields of `PagedRequest`: `Skip`, `Take`; the API's samples use camelCase").len(),
        1
    );
    // The base was inferred from table order against the response sample: said so.
    assert_eq!(warnings_containing(&api, "taken to be `GetThings`'s base type").len(), 1, "{:#?}", api.diagnostics);

    // With only the base table and a response sample of other fields, "no table left" is fine:
    // the base is still the base, and the response is the sample's shape under a made-up name.
    let tables = "PagedRequest Parameters:\nNameParameterData TypeRequiredDescription\nSkipformintNoRows to skip\n";
    let api = read_one("things.txt", &text_page("GetThings", "GET/things", tables, request, response));
    assert_eq!(ty(&api, "GetThings").base.as_deref(), Some("PagedRequest"));
    assert_ne!(api.operations[0].response.as_deref(), Some("PagedRequest"));
}

#[test]
fn a_base_whose_fields_the_request_sample_carries_is_a_base_without_a_warning() {
    let tables = "AuditBase Parameters:\nNameParameterData TypeRequiredDescription\nTenantformstringYesThe tenant\n";
    let request = "POST /audit HTTP/1.1 \nHost: example.org \nAccept: application/json\nContent-Type: application/json\nContent-Length: length\n\n{\"tenant\":\"String\"}";
    let api = read_one("audit.txt", &text_page("DeleteAudit", "POST/audit", tables, request, ""));
    assert_eq!(ty(&api, "DeleteAudit").base.as_deref(), Some("AuditBase"));
    // No response sample body and no table left: the service returns nothing.
    assert_eq!(api.operations[0].response, None);
    assert!(warnings_containing(&api, "base type").is_empty(), "{:#?}", api.diagnostics);
}

#[test]
fn the_xml_sample_root_names_the_response() {
    let tables = "NameParameterData TypeRequiredDescription\nIdqueryintNoThe id\n\
                  NameParameterData TypeRequiredDescription\nCountformintNoHow many\n";
    let request = "GET /swatches HTTP/1.1 \nHost: example.org \nAccept: application/xml";
    let response = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<QuerySwatchCountsResponse xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://schemas.datacontract.org/2004/07/Test\">\n  <Count>0</Count>\n</QuerySwatchCountsResponse>";
    let text = text_page("QuerySwatchCounts", "GET/swatches", tables, request, response)
        .replace("application/json", "application/xml");
    let api = read_one("swatches.txt", &text);
    assert_eq!(api.operations[0].response.as_deref(), Some("QuerySwatchCountsResponse"));
    assert_eq!(field_names(ty(&api, "QuerySwatchCountsResponse")), ["Count"]);
    assert!(warnings_containing(&api, "made-up").is_empty(), "{:#?}", api.diagnostics);
}

#[test]
fn a_made_up_response_name_is_always_said() {
    // The table rendering of RealDeleteAuditTenant names neither the request's nor the
    // response's type in a caption; the operation is named by its `/reply/` sample path, the
    // response is not.
    let api =
        read_one("audit.txt", &page("tests/data/real-pages/ss-test_RealDeleteAuditTenant_jsv_tables-rendering.txt"));
    let response = api.operations[0].response.clone().expect("a response");
    let said = warnings_containing(&api, "made-up name");
    assert!(said.iter().any(|m| m.contains(&format!("`{response}`"))), "{response}: {:#?}", api.diagnostics);
}

#[test]
fn a_caption_that_matches_the_response_sample_names_the_response() {
    // The response table comes after a type the request uses; the caption of the table that
    // matches the response sample names the response, whatever its position.
    let tables = "GetOrder Parameters:\nNameParameterData TypeRequiredDescription\nIdpathintYesThe id\n\
                  OrderResult Parameters:\nNameParameterData TypeRequiredDescription\nNumberformstringNoThe number\nLinesformList<string>NoThe lines\n";
    let request = "GET /orders/{Id} HTTP/1.1 \nHost: example.org \nAccept: application/json";
    let response = r#"{"number":"String","lines":["String"]}"#;
    let api = read_one("order.txt", &text_page("GetOrder", "GET/orders/{Id}", tables, request, response));
    assert_eq!(api.operations[0].response.as_deref(), Some("OrderResult"));
    assert!(warnings_containing(&api, "made-up").is_empty(), "{:#?}", api.diagnostics);
}

// ---------------------------------------------------------------------------------------------
// 3. Telling renderings apart cannot be fooled by content

#[test]
fn html_elements_in_an_xml_sample_do_not_make_a_text_page_html() {
    let seed = page("specs/booster/000_cf3abc803d6a2aac.txt");
    let (plain, _) = read_page("000.txt", seed.as_bytes());
    assert_eq!(plain.rendering, Rendering::Text);
    // An XML sample whose elements are called Html, Body and Table, early in the page.
    let fooled = seed.replacen(
        "Requires Authentication",
        "<Html><Body><Table>1</Table></Body></Html>\n<table class='x'><h2>HTML inside a description</h2>\nRequires Authentication",
        1,
    );
    let (facts, _) = read_page("000.txt", fooled.as_bytes());
    assert_eq!(facts.rendering, Rendering::Text);
    assert_eq!(facts.operation.map(|o| o.value).as_deref(), Some("ExportCustomer"));
    assert_eq!(facts.routes.len(), plain.routes.len());
    assert_eq!(facts.code.len(), plain.code.len());
}

#[test]
fn a_page_that_yields_nothing_is_an_error() {
    for text in ["", "\n\n", "Hello, this is a login page.\n", "<back to all web services\n"] {
        let (_, diags) = read_page("nothing.txt", text.as_bytes());
        assert!(
            diags.items.iter().any(|d| d.severity == Severity::Error && d.message.contains("no part of")),
            "{text:?}: {:#?}",
            diags.items
        );
    }
    let html = "<!doctype html><html><body><h1>Welcome</h1><p>Log in.</p></body></html>";
    let (_, diags) = read_page("login.html", html.as_bytes());
    assert!(diags.items.iter().any(|d| d.severity == Severity::Error), "{:#?}", diags.items);
}

// ---------------------------------------------------------------------------------------------
// 4. Enum tables

#[test]
fn enum_members_glued_to_their_descriptions_are_split_and_said() {
    let page = page("tests/data/real-pages/pwc_GetDefinitionKeys_jsv.txt")
        .replace("\nUStVA\n", "\nUStVA Umsatzsteuer-Voranmeldung\n")
        .replace("\nZM\n", "\nZM Zusammenfassende Meldung\n");
    let api = read_one("pwc.txt", &page);
    assert!(errors(&api).is_empty(), "{:#?}", api.diagnostics);
    assert_eq!(
        members(&api, "VatType"),
        [
            ("UStVA", Some("Umsatzsteuer-Voranmeldung")),
            ("UStDV", None),
            ("UStSV", None),
            ("USt", None),
            ("ZM", Some("Zusammenfassende Meldung"))
        ]
    );
    assert_eq!(warnings_containing(&api, "is glued to").len(), 2, "{:#?}", api.diagnostics);
}

#[test]
fn a_line_in_an_enum_table_that_is_no_member_is_an_error() {
    let page =
        page("tests/data/real-pages/pwc_GetDefinitionKeys_jsv.txt").replace("\nUStSV\n", "\n(3) - UStSV, see below\n");
    let api = read_one("pwc.txt", &page);
    let errors = errors(&api);
    assert_eq!(errors.len(), 1, "{:#?}", api.diagnostics);
    assert!(errors[0].contains("member list may be incomplete"), "{errors:?}");
}

#[test]
fn two_enum_tables_in_a_row_in_the_table_form_are_told_apart() {
    // The table form drops captions; each table's last row is the shorter one.
    let page = page("tests/data/real-pages/pwc_GetDefinitionKeys_csv_tables-rendering.txt")
        .replace(
            "VatType | query | VatType | No | The type of VAT return. |\n",
            "VatType | query | VatType | No | The type of VAT return. |\nRegion | query | Region | No | The region. |\n",
        )
        .replace(
            "VatType | form | VatType | No | The type of VAT return. |\n",
            "VatType | form | VatType | No | The type of VAT return. |\nRegion | form | Region | No | The region. |\n",
        )
        .replace("ZM |\n", "ZM |\nNorth | |\nSouth |\n");
    let api = read_one("pwc.txt", &page);
    assert!(errors(&api).is_empty(), "{:#?}", api.diagnostics);
    let names = |api: &Api, t: &str| members(api, t).into_iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>();
    assert_eq!(names(&api, "VatType"), ["UStVA", "UStDV", "UStSV", "USt", "ZM"]);
    assert_eq!(names(&api, "Region"), ["North", "South"]);
    assert_eq!(warnings_containing(&api, "two enum tables follow each other").len(), 1, "{:#?}", api.diagnostics);

    // A one-member table first: its only row is also its last.
    let one_member = page.replace("UStVA | |\nUStDV | |\nUStSV | |\nUSt | |\nZM |\n", "UStVA |\n");
    assert_ne!(one_member, page);
    let page = one_member;
    let api = read_one("pwc.txt", &page);
    assert_eq!(names(&api, "VatType"), ["UStVA"]);
    assert_eq!(names(&api, "Region"), ["North", "South"]);
}

// ---------------------------------------------------------------------------------------------
// 5. Glued text-form rows never split wrong in silence

#[test]
fn a_glued_row_with_two_plausible_splits_is_said_at_its_line() {
    let tables = "PostRef Parameters:\nNameParameterData TypeRequiredDescription\nrefbodyInvoiceNoStatusYesThe ref\nplatformIdbodystringYesPlatform id\n";
    let request = "POST /refs HTTP/1.1 \nHost: example.org \nAccept: application/json";
    let api = read_one("refs.txt", &text_page("PostRef", "POST/refs", tables, request, ""));
    let said: Vec<_> = api.diagnostics.iter().filter(|d| d.message.contains("splits two ways")).collect();
    assert_eq!(said.len(), 1, "{:#?}", api.diagnostics);
    assert_eq!(said[0].line, 11);
    assert!(said[0].message.contains("InvoiceNoStatus") && said[0].message.contains("`ref | body | Invoice | No |"));
    assert_eq!(field_names(ty(&api, "PostRef")), ["ref", "platformId"]);
}

// ---------------------------------------------------------------------------------------------
// 7. Copies of one type from several pages

#[test]
fn a_copy_missing_rows_merges_into_the_fuller_one_with_a_warning() {
    let full = page("tests/data/real-pages/pwc_GetDefinitionKeys_jsv.txt");
    // The same page crawled again, cut after the request table's first row.
    let cut = full[..full.find("VatTypequeryVatTypeNo").expect("the row")].to_string();
    let api = read_all(&[("a_full.txt", &full), ("b_cut.txt", &cut)]);
    assert!(errors(&api).is_empty(), "{:#?}", api.diagnostics);
    assert_eq!(field_names(ty(&api, "GetDefinitionKeys")), ["Year", "VatType"]);
    let said = warnings_containing(&api, "this copy of `GetDefinitionKeys` lacks one entry");
    assert_eq!(said.len(), 1, "{:#?}", api.diagnostics);
    assert!(said[0].contains("(VatType)"), "{said:?}");
    // The order the pages come in does not matter: the fuller copy wins either way.
    let api = read_all(&[("a_cut.txt", &cut), ("b_full.txt", &full)]);
    assert_eq!(field_names(ty(&api, "GetDefinitionKeys")), ["Year", "VatType"]);
}

#[test]
fn identical_copies_in_other_casings_are_one_type() {
    let text = page("tests/data/real-pages/pwc_GetDefinitionKeys_jsv.txt");
    let recased =
        text.replace("\nYearqueryint", "\nyearqueryint").replace("\nVatTypequeryVatType", "\nvatTypequeryVatType");
    assert_ne!(text, recased);
    let api = read_all(&[("a.txt", &text), ("b.txt", &recased)]);
    assert!(errors(&api).is_empty(), "{:#?}", api.diagnostics);
    assert!(warnings_containing(&api, "lacks").is_empty(), "{:#?}", api.diagnostics);
    assert_eq!(field_names(ty(&api, "GetDefinitionKeys")), ["Year", "VatType"]);
}

// ---------------------------------------------------------------------------------------------
// 6. A user type named like a built-in

#[test]
fn user_types_named_like_built_ins_are_user_types() {
    let names = ["String", "Object", "Option", "Result", "Box", "Vec", "Error"];
    let mut tables = "GetNames Parameters:\nNameParameterData TypeRequiredDescription\nIdqueryintNoThe id\nGetNamesResponse Parameters:\nNameParameterData TypeRequiredDescription\n".to_string();
    for n in names {
        tables.push_str(&format!("{}form{n}NoA {n}\n", n.to_lowercase() + "Value"));
    }
    for n in names {
        tables.push_str(&format!(
            "{n} Parameters:\nNameParameterData TypeRequiredDescription\nLabelformstringNoThe label of {n}\n"
        ));
    }
    let request = "GET /names HTTP/1.1 \nHost: example.org \nAccept: application/json";
    let api = read_one("names.txt", &text_page("GetNames", "GET/names", &tables, request, ""));
    assert!(errors(&api).is_empty(), "{:#?}", api.diagnostics);
    let response = ty(&api, "GetNamesResponse");
    for n in names {
        let field = response.fields.iter().find(|f| f.name == n.to_lowercase() + "Value").expect("the field");
        assert_eq!(field.ty, booster_codegen::type_grammar::TypeRef::named(n), "{n}");
        assert_eq!(field_names(ty(&api, n)), ["Label"], "{n}");
    }
    // And the crate builds names that do not clash with Rust's or serde's.
    let (files, diags) = booster_codegen::emit::emit_crate(
        &api,
        &booster_codegen::emit::EmitOptions { crate_name: "names-dtos".into(), standalone: true, ..Default::default() },
    );
    assert!(diags.items.iter().all(|d| d.severity != Severity::Error), "{:#?}", diags.items);
    let all: String = files.iter().map(|f| f.contents.as_str()).collect();
    for n in names {
        assert!(
            all.contains(&format!("\"{n}\"")) || all.contains(&format!("pub struct {n}")),
            "{n} is missing from the crate"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 2. ServiceStack's own types are known, not re-inferred

#[test]
fn a_response_table_shaped_like_query_response_is_query_response() {
    let api = read_one("alt.txt", &page("tests/data/real-pages/ss-test_AltQueryItems_jsv_tables-rendering.txt"));
    assert_eq!(api.operations[0].response.as_deref(), Some("QueryResponse<Item>"));
    assert_eq!(field_names(ty(&api, "QueryResponse<Item>")), ["offset", "total", "results", "meta", "responseStatus"]);
    assert_eq!(warnings_containing(&api, "exactly the fields of ServiceStack's `QueryResponse<T>`").len(), 1);
    assert!(warnings_containing(&api, "made-up").is_empty(), "{:#?}", api.diagnostics);
}

#[test]
fn a_built_in_response_named_by_the_xml_root_comes_from_its_definition() {
    let tables = "CreateThing Parameters:\nNameParameterData TypeRequiredDescription\nNamebodystringYesThe name\n";
    let request = "POST /things HTTP/1.1 \nHost: example.org \nAccept: application/xml\nContent-Type: application/xml\nContent-Length: length\n\n<CreateThing xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://schemas.datacontract.org/2004/07/Test\">\n  <Name>String</Name>\n</CreateThing>";
    let response = "<IdResponse xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://schemas.servicestack.net/types\">\n  <Id>String</Id>\n  <ResponseStatus>\n    <ErrorCode>String</ErrorCode>\n    <Message>String</Message>\n  </ResponseStatus>\n</IdResponse>";
    let api = read_one("things.txt", &text_page("CreateThing", "POST/things", tables, request, response));
    assert_eq!(api.operations[0].response.as_deref(), Some("IdResponse"));
    let id_response = ty(&api, "IdResponse");
    assert_eq!(id_response.sources.iter().map(ToString::to_string).collect::<Vec<_>>(), ["ServiceStack built-in"]);
    assert_eq!(field_names(id_response), ["Id", "ResponseStatus"]);
    assert!(!api.types.iter().any(|t| t.name == "ResponseStatus" || t.name == "Error"), "{:?}", api.types);
}

#[test]
fn error_objects_in_samples_are_response_status_not_ad_hoc_types() {
    let request = "GET /things HTTP/1.1 \nHost: example.org \nAccept: application/json";
    let response = r#"{"result":"String","error":{"errorCode":"String","message":"String","stackTrace":"String","errors":[{"errorCode":"String","fieldName":"String","message":"String","meta":{"String":"String"}}]},"problems":[{"errorCode":"String","fieldName":"String","message":"String"}]}"#;
    let tables = "GetThings Parameters:\nNameParameterData TypeRequiredDescription\nIdqueryintNoThe id\n";
    let api = read_one("things.txt", &text_page("GetThings", "GET/things", tables, request, response));
    let response = ty(&api, api.operations[0].response.as_deref().expect("a response"));
    let field = |n: &str| response.fields.iter().find(|f| f.name == n).map(|f| f.ty.to_string());
    assert_eq!(field("error").as_deref(), Some("ResponseStatus"));
    assert_eq!(field("problems").as_deref(), Some("List<ResponseError>"));
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert!(!names.iter().any(|n| ["Error", "Errors", "Problem", "ResponseStatus"].contains(n)), "{names:?}");
}

#[test]
fn the_response_a_code_tab_declares_names_the_response() {
    let text = page("tests/data/real-pages/ss-test_EchoComplexTypes_jsv_python.txt");
    let plain = read_one("echo.txt", &text);
    // Without a marker, the echoed sample makes the request its own response.
    assert_eq!(plain.operations[0].response.as_deref(), Some("EchoComplexTypes"));

    let declared = text.replacen("class EchoComplexTypes:", "class EchoComplexTypes(IReturn[SubType], IPost):", 1);
    assert_ne!(declared, text);
    let api = read_one("echo.txt", &declared);
    assert_eq!(api.operations[0].response.as_deref(), Some("SubType"));
    assert!(warnings_containing(&api, "made-up").is_empty(), "{:#?}", api.diagnostics);

    let void = text.replacen("class EchoComplexTypes:", "class EchoComplexTypes(IReturnVoid):", 1);
    let api = read_one("echo.txt", &void);
    assert_eq!(api.operations[0].response, None);
    assert_eq!(warnings_containing(&api, "returns nothing (`IReturnVoid`)").len(), 1, "{:#?}", api.diagnostics);
}

#[test]
fn enum_tables_have_a_value_column_only_under_a_name_value_header() {
    // ServiceStack's template: `Name | description` cells, or `Name | Value | description` under a
    // `Name | Value` header when the members have values.
    let html = |enum_table: &str| {
        format!(
            "<!doctype html><html><body><h1>Test.Api</h1><div class=\"operation\"><h2>GetTax</h2>\
             <table class='routes'><caption>The following routes are available for this service:</caption><tbody><tr><th>GET</th><th>/tax</th><td></td><td><i></i></td></tr></tbody></table>\
             <table class='params'><caption><b>GetTax</b> Parameters:</caption><thead><tr><th>Name</th><th>Parameter</th><th>Data Type</th><th>Required</th><th>Description</th></tr></thead>\
             <tbody><tr><td>Kind</td><td>query</td><td>TaxKind</td><td>No</td><td>The kind</td></tr></tbody></table>\
             {enum_table}</div></body></html>"
        )
    };
    let plain = html(
        "<table class='enum'><caption><b>TaxKind</b> Enum:</caption><tbody><tr><td>InternalPwC</td><td>DE</td></tr><tr><td>External</td><td></td></tr></tbody></table>",
    );
    let api = read_one("tax.html", &plain);
    assert_eq!(member_cells(&api, "TaxKind"), [("InternalPwC", None, Some("DE")), ("External", None, None)]);
    let valued = html(
        "<table class='enum'><caption><b>TaxKind</b> Enum:</caption><thead><tr><th>Name</th><th>Value</th><th></th></tr></thead><tbody><tr><td>InternalPwC</td><td>1</td><td>DE</td></tr><tr><td>External</td><td>2</td><td></td></tr></tbody></table>",
    );
    let api = read_one("tax.html", &valued);
    assert_eq!(member_cells(&api, "TaxKind"), [("InternalPwC", Some("1"), Some("DE")), ("External", Some("2"), None)]);

    // The table form of the same tables.
    let pipes = |enum_rows: &str| {
        format!(
            "GET | /tax | |\n---|\nName | Parameter | Data Type | Required | Description |\n---|---|---|---|---|\nKind | query | TaxKind | No | The kind |\n{enum_rows}\
             To override the Content-type in your clients, use the HTTP Accept Header, append the .json suffix or ?format=json\n"
        )
    };
    let api = read_one("tax.txt", &pipes("InternalPwC | DE |\nExternal |\n"));
    assert_eq!(member_cells(&api, "TaxKind"), [("InternalPwC", None, Some("DE")), ("External", None, None)]);
    let api = read_one("tax.txt", &pipes("Name | Value | |\n---|---|---|\nInternalPwC | 1 | DE |\nExternal | 2 |\n"));
    assert_eq!(member_cells(&api, "TaxKind"), [("InternalPwC", Some("1"), Some("DE")), ("External", Some("2"), None)]);
}

// ---------------------------------------------------------------------------------------------
// Variants a second reader made (`tests/data/variants/`): each once gave a wrong answer in silence.

#[test]
fn a_list_response_stays_a_list() {
    // C# `IReturn<List<UserInfo>>` with a JSON array sample; TypeScript `IReturn<Item[]>`.
    for (file, op, response) in [
        ("csharp-list-response.txt", "GetUser", "List<UserInfo>"),
        ("typescript-list-response.txt", "CreateItem", "List<Item>"),
    ] {
        let api = variant(file);
        assert_eq!(api.operations[0].name, op, "{file}");
        assert_eq!(api.operations[0].response.as_deref(), Some(response), "{file}");
        let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        assert!(!names.iter().any(|n| n.contains("List")), "{file}: {names:?}");
    }
}

#[test]
fn the_request_a_code_tab_declares_names_the_operation() {
    // The table form lost every caption; the C# tab's `GetUser : IReturn<..>` is the request.
    let api = variant("csharp-tab-names-the-operation.txt");
    assert_eq!(api.operations[0].name, "GetUser");
    assert!(warnings_containing(&api, "operation's name is not on this page").is_empty(), "{:#?}", api.diagnostics);
}

#[test]
fn an_imprecise_code_type_takes_the_samples_or_is_said() {
    // TypeScript says `number`; the sample says 0.
    let api = variant("typescript-number-fields.txt");
    let item = ty(&api, "Item");
    let id = item.fields.iter().find(|f| f.name == "id").expect("id");
    assert_eq!(id.ty.to_string(), "int");
}

#[test]
fn two_enum_tables_set_off_by_header_rows_are_two_enums() {
    let api = variant("two-enums-markdown-table.txt");
    let names = |t: &str| members(&api, t).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
    assert_eq!(names("OrderStatus"), ["Pending", "Paid", "Shipped"]);
    assert_eq!(names("Priority"), ["Low", "High"]);
    assert_eq!(warnings_containing(&api, "two enum tables follow each other").len(), 1);
}

#[test]
fn enum_values_and_descriptions_glued_in_the_text_form_are_split_and_said() {
    let api = variant("enum-values-and-descriptions-glued.txt");
    assert_eq!(
        member_cells(&api, "OrderStatus"),
        [
            ("Pending", Some("1"), Some("Waiting for payment")),
            ("Paid", Some("2"), Some("Paid in full")),
            ("Shipped", Some("4"), Some("On its way"))
        ]
    );
    assert_eq!(member_cells(&api, "Priority")[1], ("High", Some("10"), Some("high prio")));
    assert_eq!(warnings_containing(&api, "is glued to").len(), 5);
}

#[test]
fn a_pipe_in_a_text_form_description_keeps_the_row() {
    let api = variant("pipe-in-text-description.txt");
    let search = ty(&api, "Search");
    let kind = search.fields.iter().find(|f| f.name.eq_ignore_ascii_case("kind")).expect("kind");
    assert_eq!((kind.required, kind.param.as_deref()), (true, Some("path")));
    assert_eq!(kind.description.as_deref(), Some("one of a|b|c"));
    // `Allowable ValuesAscDesc`: the list cannot be split, so it is said and not checked.
    let sort = search.fields.iter().find(|f| f.name.eq_ignore_ascii_case("sort")).expect("sort");
    assert!(sort.rules.is_empty(), "{:?}", sort.rules);
    assert_eq!(warnings_containing(&api, "Allowable Values glued together").len(), 1);
}

#[test]
fn markup_in_table_form_descriptions_gives_the_rules_html_gives() {
    use booster_codegen::schema::Rule;
    let api = variant("markup-in-table-descriptions.txt");
    let rules: Vec<&Rule> = api.types.iter().flat_map(|t| &t.fields).flat_map(|f| &f.rules).collect();
    assert!(rules.contains(&&Rule::OneOf { values: vec!["Asc".into(), "Desc".into()] }), "{rules:?}");
    assert!(rules.contains(&&Rule::Range { min: 1, max: 100 }), "{rules:?}");
}

#[test]
fn an_html_page_cut_between_rows_is_said() {
    let api = variant("html-cut-at-a-row.html");
    assert_eq!(warnings_containing(&api, "without `</html>`; it looks cut off").len(), 1, "{:#?}", api.diagnostics);
}

#[test]
fn roles_of_which_any_one_suffices_are_not_read_as_all_required() {
    let api = read_one("kruitbosch.txt", &page("tests/data/real-pages/kruitbosch-acc_OrderHeaders_json.txt"));
    let op = &api.operations[0];
    assert!(op.requires_auth);
    assert!(op.roles.is_empty(), "{:?}", op.roles);
    assert!(op.any_roles.len() > 1, "{:?}", op.any_roles);
    // The same in an HTML page, with permissions too.
    let html = "<!doctype html><html><body><h1>A</h1><div class=\"operation\"><h2>GetThing</h2>\
        <table class='authentication'><caption><b>Requires Authentication</b></caption><tr><td>Required role:</td><td>Admin</td>\
        <td>Requires any of the permissions:</td><td>Read, Write</td></tr></table>\
        <table class='routes'><caption>The following routes are available for this service:</caption><tbody><tr><th>GET</th><th>/thing</th><td></td><td><i></i></td></tr></tbody></table>\
        </div></body></html>";
    let api = read_one("thing.html", html);
    let op = &api.operations[0];
    assert_eq!(
        (op.roles.as_slice(), op.any_permissions.as_slice()),
        (&["Admin".to_string()][..], &["Read".to_string(), "Write".to_string()][..])
    );
}

#[test]
fn an_xml_query_response_contract_name_is_query_response_of_its_item() {
    // Samples only: `<QueryResponseOfCustomerWm8hmGZz>` with `<Results><d2p1:Customer>`.
    let api = variant("xml-query-response-samples-only.txt");
    assert_eq!(api.operations[0].response.as_deref(), Some("QueryResponse<Customer>"));
    let built_in = ty(&api, "QueryResponse<Customer>");
    assert_eq!(built_in.sources.iter().map(ToString::to_string).collect::<Vec<_>>(), ["ServiceStack built-in"]);
    let results = built_in.fields.iter().find(|f| f.name == "Results").expect("Results");
    assert_eq!(results.ty.to_string(), "List<Customer>");
    assert_eq!(field_names(ty(&api, "Customer")), ["Active", "Id", "Name", "Tags"]);
    assert_eq!(warnings_containing(&api, "is read as `QueryResponse<Customer>`").len(), 1);
}

// Variants from a second round of a second reader.

#[test]
fn fields_only_a_sample_shows_are_kept_and_said() {
    let api = variant("sample-fields-the-table-lacks.txt");
    let names = field_names(ty(&api, "CreateOrder"));
    for n in ["tenant", "lines", "linesByKey", "amount", "when", "ids"] {
        assert!(names.contains(&n), "{n}: {names:?}");
    }
    assert_eq!(warnings_containing(&api, "the sample shows `tenant`").len(), 1, "{:#?}", api.diagnostics);
}

#[test]
fn a_route_variable_no_field_fills_is_said() {
    let api = variant("csharp-stream-and-string-responses.txt");
    assert_eq!(warnings_containing(&api, "has the variable `{Path}`, but `DownloadFile` has no field").len(), 2);
}

#[test]
fn copies_of_an_enum_that_disagree_on_a_value_say_so_and_keep_descriptions() {
    let pages = ["tests/data/variants/enum-copy-a.txt", "tests/data/variants/enum-copy-b.txt"].map(|p| (p, page(p)));
    let api = read_all(&pages.iter().map(|(p, t)| (*p, t.as_str())).collect::<Vec<_>>());
    assert_eq!(
        warnings_containing(&api, "`OrderStatus.Closed` has the value 5 here but 2").len(),
        1,
        "{:#?}",
        api.diagnostics
    );
    let closed = ty(&api, "OrderStatus").members.iter().find(|m| m.name == "Closed").expect("Closed");
    assert_eq!(closed.description.as_deref(), Some("Order is closed"));
}

#[test]
fn a_mixed_form_enum_with_a_description_column_reads_whole() {
    let api = variant("mixed-enum-three-column-header.txt");
    assert!(errors(&api).is_empty(), "{:#?}", api.diagnostics);
    assert_eq!(
        member_cells(&api, "OrderStatus"),
        [("Open", Some("1"), Some("Order is open")), ("Closed", Some("5"), Some("Order is closed"))]
    );
}

#[test]
fn an_xml_element_holding_one_typed_element_is_said_to_be_maybe_a_list() {
    let api = variant("xml-one-item-list.txt");
    assert_eq!(
        warnings_containing(&api, "`Lines` holds a single `OrderLine` element").len(),
        1,
        "{:#?}",
        api.diagnostics
    );
    assert!(warnings_containing(&api, "holds a single `String`").is_empty());
}

#[test]
fn builder_names_that_collide_are_renamed_and_said() {
    let api = read_one("builder.txt", &page("tests/data/variants/csharp-builder-names.txt"));
    assert!(errors(&api).is_empty(), "{:#?}", api.diagnostics);
    let (files, diags) = booster_codegen::emit::emit_crate(
        &api,
        &booster_codegen::emit::EmitOptions { crate_name: "b-dtos".into(), standalone: true, ..Default::default() },
    );
    let said: Vec<String> = diags.items.iter().map(|d| d.message.clone()).collect();
    assert!(said.iter().any(|m| m.contains("the builder of `MakeThing` is called `MakeThingBuilder2`")), "{said:#?}");
    assert!(said.iter().any(|m| m.contains("the setter of the field `build` is called `build_2`")), "{said:#?}");
    let module = files.iter().find(|f| f.path == "src/make_thing.rs").expect("the module");
    assert!(module.contents.contains("pub fn build_2(self, value: impl Into<String>)"));
    assert!(module.contents.contains("pub struct MakeThingBuilder2<S0 = (), S1 = (), S2 = ()>"));
}
