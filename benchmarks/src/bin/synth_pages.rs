//! Writes a synthetic API's pages to a directory, to feed the `booster-codegen` CLI by hand.
//!
//! ```sh
//! cargo run -p benchmarks --release --bin synth_pages -- 1000 tables /tmp/pages
//! time cargo run -p booster-codegen --release -- ir /tmp/pages > /dev/null
//! ```

use benchmarks::render::{self, Rendering};
use benchmarks::synth::{SEED, SynthApi};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: synth_pages OPERATIONS html|text|tables|python OUT_DIR";
    let (Some(n), Some(rendering), Some(out)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1).and_then(|r| Rendering::ALL.into_iter().find(|x| x.name() == r)),
        args.get(2),
    ) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let api = SynthApi::generate(n, SEED);
    let out = std::path::Path::new(out);
    for page in render::pages(&api, rendering) {
        let path = out.join(&page.file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
        }
        std::fs::write(&path, page.contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
    println!("{n} {} pages in {}", rendering.name(), out.join(rendering.name()).display());
}
