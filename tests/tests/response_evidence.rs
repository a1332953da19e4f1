//! Issue 19: the response and the operation from all the evidence a page gives, and the silent
//! losses found on pages of unseen APIs. One variant page (or page text) per class; each of
//! these failed before the change that made it pass.

use booster_codegen::diag::Severity;
use booster_codegen::merge::merge;
use booster_codegen::read::read_page;
use booster_codegen::schema::{Api, TypeDef};
use booster_codegen::settings::Settings;
use booster_tests::ir;

const DIR: &str = "tests/data/variants";

fn variant(name: &str) -> Api {
    ir(&[&format!("{DIR}/{name}")])
}

fn read_text(file: &str, text: &str) -> Api {
    merge(vec![read_page(file, text.as_bytes())], &Settings::default())
}

fn ty<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types.iter().find(|t| t.name == name).unwrap_or_else(|| {
        panic!("no type `{name}`; types: {:?}", api.types.iter().map(|t| &t.name).collect::<Vec<_>>())
    })
}

fn response(api: &Api) -> Option<&str> {
    assert_eq!(api.operations.len(), 1, "{:#?}", api.diagnostics);
    api.operations[0].response.as_deref()
}

fn said(api: &Api, severity: Severity, text: &str) -> bool {
    api.diagnostics.iter().any(|d| d.severity == severity && d.message.contains(text))
}

fn no_errors(api: &Api) {
    let errors: Vec<String> =
        api.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// `StoreAuditRequest : PostOperation<StoreAuditResponse>` with `PostOperation<T> : IReturn<T>`:
/// the response is the argument, not a made-up `{Request}Response`; the operation is the class
/// that carries the sample, not the generic base.
#[test]
fn the_response_is_a_generic_bases_type_argument() {
    for (page, op, resp) in [
        ("typescript-generic-base-response.txt", "AcceptInvitation", "AcceptInvitationResponse"),
        ("python-generic-base-response.txt", "CreateApiKeyRequest", "CreateApiKeyResponse"),
    ] {
        let api = variant(page);
        no_errors(&api);
        assert_eq!(api.operations[0].name, op, "{page}");
        assert_eq!(response(&api), Some(resp), "{page}");
        assert!(!api.types.iter().any(|t| t.name == format!("{op}Response") && t.name != resp), "{page}");
        assert!(!said(&api, Severity::Warning, "made-up name"), "{page}: {:#?}", api.diagnostics);
    }
}

/// No `IReturn`, no response sample: ServiceStack's own rule names the response
/// `{Request}Response`, which the page defines after a type the request uses.
#[test]
fn the_response_follows_the_naming_convention_before_table_order() {
    let api = variant("conventional-response-name.txt");
    no_errors(&api);
    assert_eq!(response(&api), Some("GetStockLevelResponse"));
    assert!(!said(&api, Severity::Warning, "nothing but the table order"));
}

/// A request with no table of its own: the first table is its base when the request sample's
/// keys are that table's rows (less the interface-typed ones samples never show); it is not the
/// response, and with no response named or shown there is none.
#[test]
fn a_table_less_requests_base_is_not_its_response() {
    let api = variant("tableless-request-base-first.txt");
    no_errors(&api);
    assert_eq!(response(&api), None);
    assert_eq!(ty(&api, "CreateWidget").base.as_deref(), Some("WidgetRequestBase"));
}

/// AutoQuery: `QueryBase` is the request's base, never its response; the `QueryResponse<T>`
/// table after it is, and the guess from table order is said.
#[test]
fn autoquery_query_base_is_the_requests_base() {
    let api = variant("autoquery-query-base-before-response.txt");
    no_errors(&api);
    assert_eq!(response(&api), Some("QueryResponse<Order>"));
    assert_eq!(ty(&api, "QueryOrders").base.as_deref(), Some("QueryBase"));
    assert!(said(&api, Severity::Warning, "nothing but the table order names `QueryOrders`'s response"));
}

/// A nested class's dotted DataContract name stays whole through the generic response.
#[test]
fn dotted_generic_arguments_stay_whole() {
    let api = variant("xml-nested-class-query-response.txt");
    no_errors(&api);
    assert_eq!(response(&api), Some("QueryResponse<QuerySwatchCounts.Item>"));
    let generic = ty(&api, "QueryResponse<QuerySwatchCounts.Item>");
    let results = generic.fields.iter().find(|f| f.name == "Results").unwrap();
    assert_eq!(results.type_name, "List<QuerySwatchCounts.Item>");
    assert_eq!(ty(&api, "QuerySwatchCounts.Item").fields.len(), 8);
    assert!(!api.types.iter().any(|t| t.name == "QueryResponse<Item>"));
}

/// All captions and the heading dropped: the operation is named after the route (the file's
/// name holds none) with a warning, and every table is read; with no route either, the page is
/// an error, never a silent exit 0 with nothing read.
#[test]
fn a_page_whose_captions_and_heading_were_dropped_is_read_or_refused() {
    let api = variant("captionless-tables-with-route.txt");
    no_errors(&api);
    assert_eq!(api.operations[0].name, "Service");
    assert!(said(&api, Severity::Warning, "it is called `Service` after its route"));
    for name in ["ServiceLeg", "Place", "ProviderRates"] {
        assert!(!ty(&api, name).fields.is_empty(), "{name}");
    }

    let api = variant("captionless-tables-no-route.txt");
    assert!(api.operations.is_empty());
    assert!(said(&api, Severity::Error, "nothing on this page says which operation it is"), "{:#?}", api.diagnostics);

    // `fetch` names files after operations: such a name is used, and said.
    let text =
        std::fs::read_to_string(booster_tests::root().join(DIR).join("captionless-tables-no-route.txt")).unwrap();
    let api = read_text("pages/GetService.txt", &text);
    assert_eq!(api.operations[0].name, "GetService");
    assert!(said(&api, Severity::Warning, "it is called `GetService` after its file's name"));
}

/// Enum members glued to their descriptions split where the description starts, said per row.
#[test]
fn glued_enum_members_split_at_the_description() {
    let api = variant("enum-members-glued-to-descriptions.txt");
    no_errors(&api);
    let members: Vec<(&str, Option<&str>)> =
        ty(&api, "ClientKind").members.iter().map(|m| (m.name.as_str(), m.description.as_deref())).collect();
    assert_eq!(
        members,
        [
            ("Internal", Some("PwC DE")),
            ("Network", Some("PwC Network Firm")),
            ("External", Some("Non-PwC")),
            ("NotSpecified", Some("Not specified"))
        ]
    );
    assert!(said(&api, Severity::Warning, "the enum member `External` is glued to `Non-PwC`"));
}

/// A conflict between two copies of one enum names the members that differ.
#[test]
fn an_enum_conflict_lists_the_members_that_differ() {
    let page = |members: &str| {
        format!(
            "Api\n\n<back to all web services\n\nGetThing\n\nThe following routes are available for this service:\nGET/thing\n\
             GetThing Parameters:\nNameParameterData TypeRequiredDescription\nKindqueryThingKindNo\nThingKind Enum:\n{members}\n"
        )
    };
    let api = merge(
        vec![read_page("a.txt", page("Red\nGreen").as_bytes()), read_page("b.txt", page("Red\nBlue").as_bytes())],
        &Settings::default(),
    );
    assert!(
        said(&api, Severity::Error, "only the copy at a.txt:12 has `Green`, only this one has `Blue`"),
        "{:#?}",
        api.diagnostics
    );
}

/// A summary glued to a path with no case change (`/login/Log the user in`) starts at the last
/// segment when the text after it continues a sentence; the split is said to be a guess.
#[test]
fn a_route_glued_to_its_summary_is_split_and_said() {
    let text = "Api\n\n<back to all web services\n\nLogin\n\nThe following routes are available for this service:\n\
                All Verbs/login/Log the user in, and retrieve a login token\n";
    let api = read_text("x.txt", text);
    let route = &api.operations[0].routes[0];
    assert_eq!(
        (route.path.as_str(), route.summary.as_deref()),
        ("/login", Some("Log the user in, and retrieve a login token"))
    );
    assert!(said(&api, Severity::Warning, "where the path ends is a guess"));
}

/// Acronym fields: a camelCase sample spells `SKU` as ServiceStack's camelCase does (`sku`,
/// `eaN13`); the page's own spelling is read too, so a PascalCase server's values are kept.
#[test]
fn acronym_fields_read_both_servers_spellings() {
    let api = variant("acronym-fields-camel-sample.txt");
    no_errors(&api);
    let t = ty(&api, "GetArticleResponse");
    for (name, page_spelling) in
        [("sku", "SKU"), ("gtin", "GTIN"), ("eaN13", "EAN13"), ("upc", "UPC"), ("cardID", "CardID")]
    {
        let f = t.fields.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{name}"));
        assert!(f.aliases.iter().any(|a| a == page_spelling), "{name}: {:?}", f.aliases);
    }
    // Without a sample the table's PascalCase is the name, and ServiceStack's camelCase an alias.
    let text =
        std::fs::read_to_string(booster_tests::root().join(DIR).join("acronym-fields-camel-sample.txt")).unwrap();
    let text = text.split("HTTP/1.1 200 OK").next().unwrap();
    let api = read_text("GetArticle.txt", text);
    let t = ty(&api, "GetArticleResponse");
    for (name, camel) in [("SKU", "sku"), ("GTIN", "gtin"), ("EAN13", "eaN13"), ("UPC", "upc"), ("CardID", "cardID")] {
        let f = t.fields.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{name}"));
        assert!(f.aliases.iter().any(|a| a == camel), "{name}: {:?}", f.aliases);
    }
}

/// An old page whose only samples are CSV (a header of names, a row of cells, complex cells
/// quoted JSV) gives its operation and the types of both samples.
#[test]
fn csv_samples_give_types() {
    let api = variant("csv-samples-only.txt");
    no_errors(&api);
    assert_eq!(api.operations[0].name, "GetBooking");
    let fields = |t: &TypeDef| t.fields.iter().map(|f| (f.name.clone(), f.type_name.clone())).collect::<Vec<_>>();
    let s = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        fields(ty(&api, "GetBooking")),
        [s("BookingId", "int"), s("Guests", "List<Guest>"), s("Arrival", "DateTime"), s("Note", "string")]
    );
    assert_eq!(fields(ty(&api, "Guest")), [s("Name", "string"), s("Age", "int")]);
    let resp = response(&api).unwrap().to_string();
    assert_eq!(
        fields(ty(&api, &resp)),
        [s("Id", "int"), s("Status", "string"), s("Total", "double"), s("ResponseStatus", "ResponseStatus")]
    );
    // A row cut inside a quoted cell keeps its whole cells and says so.
    let text = std::fs::read_to_string(booster_tests::root().join(DIR).join("csv-samples-only.txt")).unwrap();
    let cut = &text[..text.find("0,\"[{Name").unwrap() + 12];
    let api = read_text("GetBooking.txt", cut);
    assert!(ty(&api, "GetBooking").fields.iter().any(|f| f.name == "BookingId"));
    assert!(said(&api, Severity::Warning, "cut inside a quoted cell"), "{:#?}", api.diagnostics);
}

/// JavaScript module DTOs (`?lang=mjs`): JSDoc-typed fields, `createResponse()` naming the
/// response, and enums as TypeScript compiles them, read with no line left unread.
#[test]
fn javascript_module_dtos_are_read() {
    let api = variant("javascript-module-dtos.txt");
    no_errors(&api);
    assert!(api.diagnostics.is_empty(), "{:#?}", api.diagnostics);
    assert_eq!(response(&api), Some("IdResponse"));
    let members: Vec<(&str, Option<&str>)> =
        ty(&api, "BookingStatus").members.iter().map(|m| (m.name.as_str(), m.value.as_deref())).collect();
    assert_eq!(members, [("Booked", Some("1")), ("Cancelled", Some("2"))]);
    let fields: Vec<(&str, &str)> =
        ty(&api, "CreateBooking").fields.iter().map(|f| (f.name.as_str(), f.type_name.as_str())).collect();
    assert_eq!(fields, [("name", "string"), ("status", "BookingStatus"), ("nights", "int")]);
}

/// One page glues an enum's members to their descriptions where the split cannot be told
/// (`Cashcash payment`); another shows the same enum in cells of their own. The clean copy
/// settles the glued one, said, instead of two conflicting types.
#[test]
fn a_clean_enum_copy_settles_a_glued_one() {
    let text = |rows: &str| {
        format!(
            "Api\n\n<back to all web services\n\nPay\n\nThe following routes are available for this service:\nPOST/pay\n\
             Pay Parameters:\nNameParameterData TypeRequiredDescription\nMethodbodyPayMethodNo\nPayMethod Enum:\n{rows}\n"
        )
    };
    let pipe = "POST | /pay | |\n---|\nName | Parameter | Data Type | Required | Description |\n---|---|---|---|---|\n\
                Method | body | PayMethod | No | |\nCash | cash payment |\nCard | Paid by card |\n";
    let api = merge(
        vec![
            read_page("a.txt", text("Cashcash payment\nCardPaid by card").as_bytes()),
            read_page("Pay.txt", pipe.as_bytes()),
        ],
        &Settings::default(),
    );
    no_errors(&api);
    let members: Vec<&str> = ty(&api, "PayMethod").members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["Cash", "Card"]);
    assert!(said(&api, Severity::Warning, "`Cashcash` is `Cash`"), "{:#?}", api.diagnostics);
}

/// A generic base whose `IReturn` names a real type (`IdResponse`, which pages hide) keeps it:
/// only a type parameter (`T`, `TResponse`) takes the request's type argument.
#[test]
fn only_a_type_parameter_takes_the_generic_argument() {
    let page = std::fs::read_to_string(booster_tests::root().join(DIR).join("typescript-generic-base-response.txt"))
        .unwrap()
        .replace("implements IReturn<TResponse>", "implements IReturn<IdResponse>");
    let api = read_text("x.txt", &page);
    assert_eq!(response(&api), Some("IdResponse"), "{:#?}", api.diagnostics);
}
