//! The reader never panics and never hangs: random bytes and random cuts of real pages give a
//! schema plus diagnostics.

use booster_codegen::merge::merge;
use booster_codegen::read::read_page;
use booster_codegen::settings::Settings;
use proptest::prelude::*;

fn pages() -> Vec<Vec<u8>> {
    let root = booster_tests::root();
    let mut out = Vec::new();
    for dir in ["specs/booster", "tests/data/real-pages", "tests/data/html"] {
        let mut entries: Vec<_> =
            std::fs::read_dir(root.join(dir)).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
        entries.sort();
        out.extend(entries.iter().map(|p| std::fs::read(p).unwrap()));
    }
    out
}

fn read_and_merge(bytes: &[u8]) {
    let (facts, diags) = read_page("fuzz.txt", bytes);
    let api = merge(vec![(facts, diags)], &Settings::default());
    assert!(api.diagnostics.iter().all(|d| d.file == "fuzz.txt" || d.file == "<emit>"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_and_merge(&bytes);
    }

    #[test]
    fn random_cuts_of_real_pages(page in 0usize..64, start in 0usize..20_000, len in 0usize..20_000) {
        let pages = pages();
        let bytes = &pages[page % pages.len()];
        let start = start.min(bytes.len());
        let end = (start + len).min(bytes.len());
        read_and_merge(&bytes[start..end]);
        read_and_merge(&bytes[..end]);
    }

    #[test]
    fn spliced_lines_of_real_pages(picks in proptest::collection::vec((0usize..64, 0usize..400), 0..60)) {
        let pages = pages();
        let mut out = Vec::new();
        for (page, line) in picks {
            let text = String::from_utf8_lossy(&pages[page % pages.len()]).into_owned();
            let lines: Vec<&str> = text.lines().collect();
            if !lines.is_empty() {
                out.extend_from_slice(lines[line % lines.len()].as_bytes());
                out.push(b'\n');
            }
        }
        read_and_merge(&out);
    }
}
