//! The pages' JSON sample bodies, taken from their facts: the emitter shows them in request docs
//! (`emit/examples.rs`) and the OpenAPI export gives them as examples (`openapi/`). The merged
//! schema keeps no samples, so `load::load` collects them while reading.

use crate::facts::{PageFacts, SampleFormat, SampleValue};
use crate::json::Json;

/// Samples nested deeper than this are cut to `null` (the readers stop at 257 levels).
const MAX_DEPTH: usize = 300;

/// A JSON sample body a page shows, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The page file, as the operation's `sources` name it.
    pub file: String,
    pub line: usize,
    /// A request body (else a response body).
    pub request: bool,
    pub value: SampleValue,
}

/// The pages' JSON samples that closed (JSV and XML bodies are not JSON; a cut body is partial).
pub fn samples_of<'a>(pages: impl IntoIterator<Item = &'a PageFacts>) -> Vec<Sample> {
    let mut out = Vec::new();
    for page in pages {
        for (sample, request) in [(&page.request_sample, true), (&page.response_sample, false)] {
            let Some(body) = sample.as_ref().and_then(|s| s.body.as_ref()) else { continue };
            if body.format == SampleFormat::Json && !body.truncated {
                out.push(Sample { file: page.file.clone(), line: body.line, request, value: body.value.clone() });
            }
        }
    }
    out
}

/// A sample value as pretty-printed JSON text (two-space indent, keys in the page's order).
pub fn sample_text(v: &SampleValue) -> String {
    serde_json::to_string_pretty(&sample_json(v)).unwrap_or_else(|_| "null".to_string())
}

/// A sample value as JSON, keys in the page's order (a key given twice keeps its first place and
/// its last value). Numbers keep their text where JSON can hold it, else become strings.
pub fn sample_json(v: &SampleValue) -> Json {
    json_at(v, 0)
}

fn json_at(v: &SampleValue, depth: usize) -> Json {
    if depth > MAX_DEPTH {
        return Json::Null;
    }
    match v {
        SampleValue::Null => Json::Null,
        SampleValue::Bool(b) => Json::Bool(*b),
        SampleValue::Number(t) => {
            serde_json::from_str::<serde_json::Number>(t).map_or_else(|_| Json::str(t.as_str()), Json::Number)
        }
        SampleValue::String(s) => Json::str(s.as_str()),
        SampleValue::Array(items) => Json::Array(items.iter().map(|i| json_at(i, depth + 1)).collect()),
        SampleValue::Object(o) => {
            let mut out = Json::obj();
            for (k, v) in &o.entries {
                out.set(k, json_at(v, depth + 1));
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::SampleObject;

    #[test]
    fn numbers_keys_and_depth() {
        let v = SampleValue::Object(SampleObject {
            type_name: None,
            entries: vec![
                ("b".into(), SampleValue::Number("1.50".into())),
                ("a".into(), SampleValue::Number("1e999999".into())),
                ("b".into(), SampleValue::Bool(true)),
            ],
        });
        assert_eq!(sample_json(&v).to_compact(), r#"{"b":true,"a":"1e999999"}"#);
        let mut deep = SampleValue::Null;
        for _ in 0..400 {
            deep = SampleValue::Array(vec![deep]);
        }
        let text = sample_json(&deep).to_compact();
        assert_eq!(text.matches('[').count(), MAX_DEPTH + 1);
        assert!(text.contains("[null]"));
    }
}
