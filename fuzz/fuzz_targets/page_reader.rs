//! The page reader and the merge step on arbitrary bytes: never a panic, a hang or a stack
//! overflow; every diagnostic names the page and a line inside it.
#![no_main]

use booster_codegen::merge::merge;
use booster_codegen::read::read_page;
use booster_codegen::settings::Settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (facts, diags) = read_page("fuzz.txt", bytes);
    let api = merge(vec![(facts, diags)], &Settings::default());
    let lines = bytes.iter().filter(|b| **b == b'\n').count() + 1;
    for d in &api.diagnostics {
        assert!(d.file == "fuzz.txt", "diagnostic names another file: {d}");
        assert!(d.line <= lines, "diagnostic points past the page's {lines} lines: {d}");
    }
});
