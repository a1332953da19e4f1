//! The command line's `fetch` (only with the `fetch` feature): its flags, each number checked
//! against its range (out of range is bad usage, never clamped), then [`fetch`].

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use booster_codegen::fetch::{FetchOptions, fetch};

use crate::Failure;

/// `flag`'s value as a number in `min..=max`; anything else is bad usage naming the range.
fn number(flag: &str, value: &str, min: u64, max: u64) -> Result<u64, Failure> {
    match value.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(Failure::usage(format!("{flag}: `{value}` is not a number from {min} to {max}"))),
    }
}

/// A comma-separated list.
fn list(v: &str) -> Vec<String> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

/// The fetch options and the directory from `args`.
fn parse(args: &[String]) -> Result<(FetchOptions, PathBuf), Failure> {
    let mut opts = FetchOptions { formats: Vec::new(), ..FetchOptions::default() };
    let (mut base, mut out) = (None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| it.next().cloned().ok_or_else(|| Failure::usage(format!("{flag} needs a value")));
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--format" => opts.formats.extend(list(&value("--format")?)),
            "--lang" => opts.langs.extend(list(&value("--lang")?)),
            "--include" => opts.include.extend(list(&value("--include")?)),
            "--exclude" => opts.exclude.extend(list(&value("--exclude")?)),
            "--header" => {
                let h = value("--header")?;
                let (name, v) = h.split_once(':').ok_or_else(|| Failure::usage("--header takes `Name: value`"))?;
                opts.headers.push((name.trim().to_string(), v.trim().to_string()));
            }
            "--concurrency" => opts.concurrency = number("--concurrency", &value("--concurrency")?, 1, 64)? as usize,
            "--timeout" => opts.read_timeout = Duration::from_secs(number("--timeout", &value("--timeout")?, 1, 3600)?),
            "--retries" => opts.retries = number("--retries", &value("--retries")?, 0, 10)? as u32,
            "--max-page-size" => {
                opts.max_page_bytes = number("--max-page-size", &value("--max-page-size")?, 1, u64::MAX)?;
            }
            flag if flag.starts_with("--") => return Err(Failure::usage(format!("unknown option {flag}"))),
            url if base.is_none() => base = Some(url.to_string()),
            extra => return Err(Failure::usage(format!("unexpected argument `{extra}`"))),
        }
    }
    opts.base_url = base.ok_or_else(|| Failure::usage("fetch needs the server's BASE_URL"))?;
    let out = out.ok_or_else(|| Failure::usage("fetch needs --out DIR"))?;
    if opts.formats.is_empty() {
        opts.formats.push("json".to_string());
    }
    Ok((opts, out))
}

pub fn run_fetch(args: &[String]) -> Result<ExitCode, Failure> {
    let (opts, out) = parse(args)?;
    let report = fetch(&opts, &out)
        .map_err(|e| Failure::error(format!("{e}\nerror: nothing was changed in {}", out.display())))?;
    for said in &report.recovered {
        eprintln!("warning: {said}");
    }
    eprintln!(
        "fetch: {} operations, {} pages, {} files written, {} removed in {}",
        report.operations.len(),
        report.pages,
        report.written.len(),
        report.removed.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
