//! Reading in-memory pages, the variant pages and the test pages, and looking into the schemas
//! they give: types, fields, enum members, warnings and errors.

use booster_codegen::diag::Severity;
use booster_codegen::merge::merge;
use booster_codegen::read::read_page;
use booster_codegen::schema::{Api, TypeDef};
use booster_codegen::settings::Settings;
use booster_tests::root;

/// Reads and merges in-memory pages `(file name, text)`.
pub(crate) fn read_all(pages: &[(&str, &str)]) -> Api {
    merge(pages.iter().map(|(name, text)| read_page(name, text.as_bytes())).collect(), &Settings::default())
}

pub(crate) fn read_one(name: &str, text: &str) -> Api {
    read_all(&[(name, text)])
}

pub(crate) fn page(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).expect("test page exists")
}

pub(crate) fn ty<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types.iter().find(|t| t.name == name).unwrap_or_else(|| {
        panic!("no type `{name}`; types: {:?}", api.types.iter().map(|t| &t.name).collect::<Vec<_>>())
    })
}

pub(crate) fn field_names(t: &TypeDef) -> Vec<&str> {
    t.fields.iter().map(|f| f.name.as_str()).collect()
}

pub(crate) fn warnings_containing<'a>(api: &'a Api, text: &str) -> Vec<&'a str> {
    api.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.message.contains(text))
        .map(|d| d.message.as_str())
        .collect()
}

pub(crate) fn errors(api: &Api) -> Vec<String> {
    api.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect()
}

/// A text-form page (the crawler's rendering: cells glued, captions kept) with these blocks
/// between the routes and the samples.
pub(crate) fn text_page(op: &str, route: &str, tables: &str, request: &str, response: &str) -> String {
    format!(
        "Test.Api\n\n<back to all web services\n\n{op}\n\nThe following routes are available for this service:\n{route}\n{tables}\n\
         To override the Content-type in your clients, use the HTTP Accept Header, append the .json suffix or ?format=json\n\n\
         HTTP + JSON\n\nThe following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.\n\n\
         {request}\nHTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: length\n\n{response}\n"
    )
}

pub(crate) fn members<'a>(api: &'a Api, name: &str) -> Vec<(&'a str, Option<&'a str>)> {
    ty(api, name).members.iter().map(|m| (m.name.as_str(), m.description.as_deref())).collect()
}

pub(crate) fn member_cells<'a>(api: &'a Api, name: &str) -> Vec<(&'a str, Option<&'a str>, Option<&'a str>)> {
    ty(api, name).members.iter().map(|m| (m.name.as_str(), m.value.as_deref(), m.description.as_deref())).collect()
}

pub(crate) fn variant(name: &str) -> Api {
    let path = format!("tests/data/variants/{name}");
    read_one(&path, &page(&path))
}
