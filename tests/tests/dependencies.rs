//! Issue 20: without its `client` feature, the generated crate depends on no HTTP or async crate;
//! with it, on reqwest and tokio (`cargo tree`, as a user would check).

use std::process::Command;

/// Crates of an HTTP or async stack.
const NETWORK: &[&str] = &[
    "reqwest",
    "tokio",
    "hyper",
    "hyper-util",
    "h2",
    "http",
    "http-body",
    "mio",
    "rustls",
    "futures-util",
    "servicestack",
];

fn tree(features: &[&str]) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "-p", "booster-dtos", "-e", "normal", "--prefix", "none", "--format", "{p}"])
        .args(features)
        .current_dir(booster_tests::root())
        .output()
        .expect("cargo runs");
    assert!(out.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_client_feature_alone_brings_http_and_async_crates() {
    let plain = tree(&[]);
    assert!(plain.iter().any(|c| c == "serde_json"), "{plain:?}");
    let network: Vec<&String> = plain.iter().filter(|c| NETWORK.contains(&c.as_str())).collect();
    assert!(network.is_empty(), "without features: {network:?}");
    let client = tree(&["--features", "client"]);
    for wanted in ["reqwest", "tokio", "hyper"] {
        assert!(client.iter().any(|c| c == wanted), "--features client lacks {wanted}: {client:?}");
    }
}
