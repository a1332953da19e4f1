//! The sample body readers (JSON, JSV, XML) on arbitrary text: never a panic or a stack
//! overflow; every problem is on a line of the body.
#![no_main]

use booster_codegen::read::sample_body::read_body;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let read = read_body(text, 1);
    let lines = text.matches('\n').count() + 1;
    for (line, message) in &read.problems {
        assert!(*line >= 1 && *line <= lines, "problem on line {line} of {lines}: {message}");
        assert!(!message.is_empty());
    }
    if let Some(body) = &read.body {
        assert!(body.line >= 1 && body.line <= lines);
    }
});
