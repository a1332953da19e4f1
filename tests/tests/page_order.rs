//! Issue 6: the generated crate is byte-identical whatever the order the pages are found in.

use std::path::PathBuf;

use booster_codegen::emit::{EmitOptions, emit_crate};
use booster_codegen::settings::Settings;
use booster_tests::{ir_with, root};
use proptest::prelude::*;

fn pages() -> Vec<PathBuf> {
    let dir = root().join("specs/booster");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    pages.push(root().join("tests/data/real-pages/pwc_GetDefinitionKeys_jsv.txt"));
    pages.push(root().join("tests/data/html/PatchCustomer.html"));
    pages
}

fn generate(pages: &[PathBuf]) -> Vec<(String, String)> {
    let settings =
        Settings::parse(&std::fs::read_to_string(root().join("specs/booster/settings.toml")).unwrap()).unwrap();
    let api = ir_with(pages, &settings);
    let (files, _) = emit_crate(&api, &EmitOptions { crate_name: "booster-dtos".into(), ..Default::default() });
    files.into_iter().map(|f| (f.path, f.contents)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn shuffled_pages_give_identical_output(order in Just(pages()).prop_shuffle()) {
        prop_assert_eq!(generate(&order), generate(&pages()));
    }
}
