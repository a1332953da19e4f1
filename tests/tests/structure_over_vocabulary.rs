//! Issue 24: rows and routes split by the page's structure, not by a vocabulary. Each variant
//! page here was read wrong, or not at all, before.

use booster_codegen::diag::Severity;
use booster_codegen::schema::Api;
use booster_tests::ir;

const DIR: &str = "tests/data/variants";

fn said(api: &Api, text: &str) -> bool {
    api.diagnostics.iter().any(|d| d.severity == Severity::Warning && d.message.contains(text))
}

/// (name, page's Data Type word, Rust-side type, required, Parameter) of the operation's request.
fn fields(api: &Api) -> Vec<(String, String, String, bool, String)> {
    let op = &api.operations[0];
    let t = api.types.iter().find(|t| t.name == op.request).expect("request type");
    t.fields
        .iter()
        .map(|f| {
            (f.name.clone(), f.type_name.clone(), f.ty.to_string(), f.required, f.param.clone().unwrap_or_default())
        })
        .collect()
}

fn row(name: &str, word: &str, ty: &str, required: bool) -> (String, String, String, bool, String) {
    (name.into(), word.into(), ty.into(), required, "model".into())
}

/// `[ApiMember(DataType = "integer", ParameterType = "model")]`: rows of free words, glued in the
/// text form and in cells of their own in the table form, keep every field with its Required
/// flag and the page's words; the Rust type comes from one mapping of Swagger's words, said.
#[test]
fn api_member_words_are_read_by_the_columns() {
    let expected = [
        row("OrderId", "integer", "int", true),
        row("CustomerName", "string", "string", false),
        row("PlacedAt", "date-time", "DateTime", false),
        row("Total", "number", "double", false),
        row("Paid", "boolean", "bool", false),
    ];
    let glued = ir(&[&format!("{DIR}/apimember-swagger-words-glued.txt")]);
    let read = fields(&glued);
    assert_eq!(read[..5], expected, "{:#?}", glued.diagnostics);
    assert_eq!(read[5], row("Tags", "array", "List<Object>", false));
    assert!(said(&glued, "6 glued row(s) split with none of ServiceStack's Parameter kinds"));
    assert!(said(&glued, "6 row(s) give the Parameter `model`"));
    assert!(said(&glued, "give the Data Type `date-time`, Swagger's word"));

    let pipe = ir(&[&format!("{DIR}/apimember-swagger-words-pipe.txt")]);
    assert_eq!(fields(&pipe), expected, "{:#?}", pipe.diagnostics);
    assert!(said(&pipe, "5 row(s) give the Parameter `model`"));
    assert!(!said(&pipe, "split with none of ServiceStack's Parameter kinds"), "the table form's split is no guess");
}

/// `[Route("/orders/{Id}", "GET POST")]`: verbs separated by spaces, glued to the path, and a
/// summary glued after it.
#[test]
fn routes_as_their_authors_write_them() {
    for page in ["apimember-swagger-words-glued.txt", "apimember-swagger-words-pipe.txt"] {
        let api = ir(&[&format!("{DIR}/{page}")]);
        let routes: Vec<(Vec<String>, &str, Option<&str>)> =
            api.operations[0].routes.iter().map(|r| (r.verbs.clone(), r.path.as_str(), r.summary.as_deref())).collect();
        let verbs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            routes,
            [
                (verbs(&["GET", "POST"]), "/orders/{OrderId}", None),
                (verbs(&["GET", "PUT", "POST"]), "/order", Some("Add or change an order"))
            ],
            "{page}"
        );
    }
}

/// An old page with no tables whose only sample is CSV still gives the operation, its route,
/// its request's fields and its one-way-ness (`/csv/oneway/`: no response).
#[test]
fn an_old_csv_only_page_gives_the_operation() {
    let api = ir(&[&format!("{DIR}/csv-v3-oneway.txt")]);
    assert!(api.diagnostics.iter().all(|d| d.severity == Severity::Warning), "{:#?}", api.diagnostics);
    let op = &api.operations[0];
    assert_eq!((op.name.as_str(), op.response.as_deref()), ("CancelBooking", None));
    assert_eq!(op.routes[0].path, "/bookings/{BookingId}/cancel");
    let names: Vec<String> = fields(&api).into_iter().map(|f| f.0).collect();
    assert_eq!(names, ["BookingId", "Reason"]);
}

/// Every page of the corpus, one line at a time: each line is read into a fact, recognised as
/// page furniture, or named in a warning (`ir --lines` shows which). HTML pages are read by
/// their elements and are left out.
#[test]
fn every_line_of_every_corpus_page_is_accounted_for() {
    let root = booster_tests::root();
    let dirs = [
        "specs/booster",
        "tests/data/real-pages",
        "tests/data/real-pages-keyed/pages",
        "tests/data/variants",
        "tests/data/broken",
        "tests/data/html",
    ];
    let (pages, _) = booster_codegen::load::find_pages(&dirs.iter().map(|d| root.join(d)).collect::<Vec<_>>())
        .expect("corpus pages");
    let (mut lines_seen, mut line_pages) = (0, 0);
    let mut unaccounted = Vec::new();
    for page in &pages {
        let name = page.strip_prefix(&root).unwrap_or(page).display().to_string();
        if name.ends_with("EXPECTED.txt") || name.ends_with(".md") {
            continue;
        }
        let bytes = std::fs::read(page).unwrap();
        let (_, _, lines) = booster_codegen::read::read_page_lines(&name, &bytes);
        let Some(lines) = lines else { continue };
        line_pages += 1;
        for (i, (account, text)) in lines.iter().enumerate() {
            lines_seen += 1;
            if *account == booster_codegen::read::LineAccount::Unaccounted {
                unaccounted.push(format!("{name}:{}: {}", i + 1, text.chars().take(100).collect::<String>()));
            }
        }
    }
    assert!(line_pages > 140 && lines_seen > 6_000, "{line_pages} pages, {lines_seen} lines");
    assert!(unaccounted.is_empty(), "{} lines unaccounted:\n{}", unaccounted.len(), unaccounted.join("\n"));
}

/// The accounting itself: a line no fact, furniture or diagnostic covers is unaccounted.
#[test]
fn a_line_nothing_covers_is_unaccounted() {
    use booster_codegen::diag::Diagnostics;
    use booster_codegen::facts::{LineUse, PageFacts, Rendering};
    use booster_codegen::read::{LineAccount, account_lines};
    let facts = PageFacts {
        file: "p.txt".into(),
        rendering: Rendering::Text,
        line_uses: vec![(1, LineUse::Fact), (3, LineUse::Furniture)],
        ..PageFacts::default()
    };
    let mut diags = Diagnostics::default();
    diags.warn("p.txt", 4, "said");
    let accounts = account_lines("a\nb\nc\nd\n\n", &facts, &diags).unwrap();
    assert_eq!(
        accounts,
        [LineAccount::Fact, LineAccount::Unaccounted, LineAccount::Furniture, LineAccount::Warned, LineAccount::Blank]
    );
}
