//! Issue 5: pages of other ServiceStack APIs, in every rendering they were crawled in.

use std::collections::BTreeSet;

use booster_codegen::diag::Severity;
use booster_codegen::read::read_page;
use booster_codegen::schema::Api;
use booster_tests::{ir, root};

const DIR: &str = "tests/data/real-pages";

fn fixtures() -> Vec<String> {
    booster_tests::txt_files(DIR)
}

#[test]
fn every_fixture_reads_without_errors_and_keeps_every_table_row() {
    let fixtures = fixtures();
    assert_eq!(fixtures.len(), 23);
    for name in fixtures {
        let path = format!("{DIR}/{name}");
        let api = ir(&[&path]);
        let errors: Vec<String> =
            api.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        assert_eq!(api.operations.len(), 1, "{name}");

        // Every named row of every table is a field of some type, and every enum member a member.
        let (facts, _) = read_page(&path, &std::fs::read(root().join(&path)).unwrap());
        let fields: BTreeSet<String> =
            api.types.iter().flat_map(|t| t.fields.iter().map(|f| f.name.to_ascii_lowercase())).collect();
        let members: BTreeSet<&str> =
            api.types.iter().flat_map(|t| t.members.iter().map(|m| m.name.as_str())).collect();
        for table in &facts.tables {
            for row in &table.rows {
                let row_name = row.name.as_deref().unwrap_or_default().to_ascii_lowercase();
                assert!(fields.contains(&row_name), "{name}:{}: row `{row_name}` was lost", row.line);
            }
            for m in &table.members {
                assert!(members.contains(m.name.as_str()), "{name}:{}: member `{}` was lost", m.line, m.name);
            }
        }
        // Routes as the page lists them.
        assert_eq!(api.operations[0].routes.len(), facts.routes.len(), "{name}");

        if name.contains("truncated") {
            assert!(
                api.diagnostics.iter().any(|d| d.message.contains("cut off")),
                "{name}: a truncated page must say where it was cut"
            );
        }
        insta::assert_json_snapshot!(format!("fixture_{}", name.trim_end_matches(".txt")), api);
    }
}

/// What must agree between renderings of one operation: names, types, bases, members, routes.
fn shape(api: &Api, with_required: bool) -> String {
    let mut out = String::new();
    for op in &api.operations {
        let routes: Vec<String> = op.routes.iter().map(|r| format!("{} {}", r.verbs.join(","), r.path)).collect();
        out.push_str(&format!("op {} -> {:?} {:?}\n", op.request, op.response, routes));
    }
    for t in &api.types {
        out.push_str(&format!("type {} {:?} base={:?}\n", t.name, t.kind, t.base));
        for f in &t.fields {
            let required = if with_required { format!(" required={}", f.required) } else { String::new() };
            out.push_str(&format!("  {}: {}{required}\n", f.name, f.ty));
        }
        for m in &t.members {
            out.push_str(&format!("  = {}\n", m.name));
        }
    }
    out
}

#[test]
fn renderings_of_one_operation_agree() {
    let groups: &[(&[&str], bool)] = &[
        (
            &[
                "kruitbosch-acc_OrderHeaders_json.txt",
                "kruitbosch-acc_OrderHeaders_jsv.txt",
                "kruitbosch_OrderHeaders_json_tables-rendering_crawlA.txt",
            ],
            true,
        ),
        (
            &[
                "pwc_GetDefinitionKeys_csv_tables-rendering.txt",
                "pwc_GetDefinitionKeys_json_mixed-rendering.txt",
                "pwc_GetDefinitionKeys_jsv.txt",
                "pwc_GetDefinitionKeys_x-msgpack_tables-rendering.txt",
            ],
            true,
        ),
        (&["ss-test_EchoComplexTypes_jsv.txt", "ss-test_EchoComplexTypes_jsv_python.txt"], true),
    ];
    for (pages, with_required) in groups {
        let first = shape(&ir(&[&format!("{DIR}/{}", pages[0])]), *with_required);
        for page in &pages[1..] {
            let other = shape(&ir(&[&format!("{DIR}/{page}")]), *with_required);
            assert_eq!(first, other, "{} and {page} disagree", pages[0]);
        }
    }
}

#[test]
fn renderings_merge_into_one_operation() {
    let api = ir(&[
        &format!("{DIR}/pwc_GetDefinitionKeys_csv_tables-rendering.txt"),
        &format!("{DIR}/pwc_GetDefinitionKeys_json_mixed-rendering.txt"),
        &format!("{DIR}/pwc_GetDefinitionKeys_jsv.txt"),
        &format!("{DIR}/pwc_GetDefinitionKeys_x-msgpack_tables-rendering.txt"),
    ]);
    assert_eq!(api.operations.len(), 1);
    let op = &api.operations[0];
    assert_eq!(
        (op.name.as_str(), op.requires_auth, op.tags.as_slice()),
        ("GetDefinitionKeys", true, &["SyncUmsatzsteuerKeysReturnBuilder".to_string()][..])
    );
    assert!(api.diagnostics.iter().all(|d| d.severity == Severity::Warning));
    assert!(
        !api.diagnostics.iter().any(|d| d.message.contains("operation's name is not on this page")),
        "{:#?}",
        api.diagnostics
    );
    // No rendering names the list response's type: the two pages that name the operation say
    // the response name is made up (the two that do not take their names from those).
    let made_up =
        api.diagnostics.iter().filter(|d| d.message.contains("`GetDefinitionKeysResponse` is a made-up name"));
    assert_eq!(made_up.count(), 2, "{:#?}", api.diagnostics);

    // The tables page alone cannot name the list request's item; the C# tab can.
    let rockstars = ir(&[
        &format!("{DIR}/ss-test_StoreRockstars_json_csharp_tables-rendering.txt"),
        &format!("{DIR}/ss-test_StoreRockstars_json_tables-rendering.txt"),
    ]);
    assert_eq!(
        shape(&rockstars, true),
        "op StoreRockstars -> None [\"POST /rockstars\"]\ntype Rockstar Class base=None\n  Id: int required=false\n  \
         FirstName: string required=true\n  LastName: string required=true\n  Age: int? required=false\n\
         type StoreRockstars Class base=Some(\"List<Rockstar>\")\n"
    );
}
