//! Every measured claim in the documents still describes the code at this commit.
//!
//! A figure in README.md, BENCHMARKS.md, FUZZING.md or OPENAPI.md that rests on code carries a
//! marker, an HTML comment the rendered page does not show:
//!
//! ```text
//! <!-- claim e0d6c7e: booster-codegen/src/read=0a1b… booster-codegen/src/facts.rs=9f8e… -->
//! ```
//!
//! naming the commit it was measured at and, for each path the figure depends on, that path's
//! git object id at that commit (`git rev-parse e0d6c7e:booster-codegen/src/read`). The test fails when any of those paths differs now, in HEAD or in
//! the working tree: then the figure is re-measured or deleted. Object ids need no history, so
//! the check holds in a shallow clone; where the commit itself is present, the test also checks
//! that the marker's ids are that commit's.
//!
//! Every section under BENCHMARKS.md's "Results" carries a marker, so a table cannot be added
//! without one.
//!
//! To write a marker for commit C and paths P…:
//! `echo "<!-- claim C: $(for p in P…; do echo -n "$p=$(git rev-parse C:$p) "; done)-->"`.

use std::path::Path;
use std::process::Command;

/// The documents whose figures are checked.
const DOCUMENTS: &[&str] = &["README.md", "BENCHMARKS.md", "FUZZING.md", "OPENAPI.md"];

#[derive(Debug, PartialEq)]
struct Claim {
    /// The document's line (1-based) of the marker.
    line: usize,
    commit: String,
    /// Each path with its object id at `commit`.
    paths: Vec<(String, String)>,
}

/// The markers in `text`, or the lines that look like one but do not parse.
fn claims(text: &str) -> (Vec<Claim>, Vec<String>) {
    let mut found = Vec::new();
    let mut broken = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(start) = line.find("<!-- claim") else { continue };
        let rest = &line[start + "<!-- claim".len()..];
        let parsed = rest.split_once("-->").and_then(|(body, _)| {
            let (commit, paths) = body.trim().split_once(':')?;
            let paths: Option<Vec<(String, String)>> = paths
                .split_whitespace()
                .map(|p| p.split_once('=').map(|(path, id)| (path.to_string(), id.to_string())))
                .collect();
            let paths = paths.filter(|p| !p.is_empty())?;
            let commit = commit.trim();
            (!commit.is_empty() && commit.chars().all(|c| c.is_ascii_hexdigit())).then(|| Claim {
                line: i + 1,
                commit: commit.to_string(),
                paths,
            })
        });
        match parsed {
            Some(claim) => found.push(claim),
            None => broken.push(format!("line {}: `{}`", i + 1, line.trim())),
        }
    }
    (found, broken)
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").current_dir(root).args(args).output().expect("git runs");
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// What is wrong with `claim` at this checkout: empty when it still holds.
fn problems(root: &Path, doc: &str, claim: &Claim) -> Vec<String> {
    let at = format!("{doc}:{}", claim.line);
    let mut out = Vec::new();
    let history = git(root, &["rev-parse", "--verify", "--quiet", &format!("{}^{{commit}}", claim.commit)]).is_some();
    for (path, id) in &claim.paths {
        match git(root, &["rev-parse", "--verify", "--quiet", &format!("HEAD:{path}")]) {
            None => out.push(format!("{at}: `{path}` is not in HEAD; the claim rests on code that is gone")),
            Some(now) if &now != id => out.push(format!(
                "{at}: `{path}` changed since {} (was {id}, is {now} in HEAD): re-measure the figure or delete it",
                claim.commit
            )),
            Some(_) => {}
        }
        if git(root, &["diff", "--quiet", "HEAD", "--", path]).is_none() {
            out.push(format!("{at}: `{path}` has uncommitted changes the claim does not cover"));
        }
        if history {
            let then = git(root, &["rev-parse", "--verify", "--quiet", &format!("{}:{path}", claim.commit)]);
            if then.as_deref() != Some(id) {
                out.push(format!("{at}: the marker's id for `{path}` is not its id at {}", claim.commit));
            }
        }
    }
    out
}

/// The sections (`### ` headings) under BENCHMARKS.md's `## Results` that carry no marker.
fn unmarked_results(text: &str) -> Vec<String> {
    let mut unmarked = Vec::new();
    let mut in_results = false;
    let mut current: Option<(String, bool)> = None;
    let mut close = |current: &mut Option<(String, bool)>| {
        if let Some((heading, false)) = current.take() {
            unmarked.push(heading);
        }
    };
    for line in text.lines() {
        if line.starts_with("## ") {
            close(&mut current);
            in_results = line.trim() == "## Results";
        } else if in_results && line.starts_with("### ") {
            close(&mut current);
            current = Some((line.trim().to_string(), false));
        } else if let Some((_, marked)) = current.as_mut() {
            *marked |= line.contains("<!-- claim");
        }
    }
    close(&mut current);
    unmarked
}

#[test]
fn every_measured_claim_describes_the_code_at_this_commit() {
    let root = booster_tests::root();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for doc in DOCUMENTS {
        let text = std::fs::read_to_string(root.join(doc)).expect("document readable");
        let (found, broken) = claims(&text);
        wrong.extend(broken.into_iter().map(|b| format!("{doc}: a claim marker that does not parse, {b}")));
        for claim in &found {
            wrong.extend(problems(&root, doc, claim));
            checked += 1;
        }
        if *doc == "BENCHMARKS.md" {
            wrong.extend(unmarked_results(&text).into_iter().map(|h| format!("{doc}: `{h}` has no claim marker")));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(checked > 0, "no claim marker found in {DOCUMENTS:?}");
}

/// The check fails on a claim whose code changed, on a path that is gone, and on a broken marker.
#[test]
fn a_claim_on_changed_code_is_caught() {
    let root = booster_tests::root();
    // The real id of a path today, so that only what the test changes is wrong.
    let now = git(&root, &["rev-parse", "HEAD:booster-codegen/src/lib.rs"]).expect("HEAD has lib.rs");
    let doc = format!(
        "<!-- claim {c}: booster-codegen/src/lib.rs={stale} -->\n\
         <!-- claim {c}: booster-codegen/src/lib.rs={now} booster-codegen/src/no_such_file.rs={now} -->\n\
         <!-- claim {c}: booster-codegen/src/lib.rs -->\n",
        c = "0000000",
        stale = "1".repeat(40),
    );
    let (found, broken) = claims(&doc);
    assert_eq!(found.len(), 2);
    assert_eq!(broken.len(), 1, "a marker with a path but no id is reported: {broken:?}");
    let first = problems(&root, "DOC.md", &found[0]);
    assert!(first.iter().any(|p| p.contains("changed since 0000000")), "{first:?}");
    let second = problems(&root, "DOC.md", &found[1]);
    assert_eq!(second.len(), 1, "{second:?}");
    assert!(second[0].contains("no_such_file.rs` is not in HEAD"), "{second:?}");
}

#[test]
fn a_results_section_without_a_marker_is_caught() {
    let text =
        "## Results\n### 1. Marked\n<!-- claim abc: a=b -->\n| x |\n### 2. Bare\n| y |\n## After\n### 3. Elsewhere\n";
    assert_eq!(unmarked_results(text), ["### 2. Bare"]);
}
