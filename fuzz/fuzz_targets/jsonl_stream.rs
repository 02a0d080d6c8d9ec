//! The JSON Lines reader for files over the size limit, one line at a time: with a small limit, any bytes give
//! articles and problems (each with its line number), in order, and the stream ends.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use newsatlas::corpus::JsonlStream;

fuzz_target!(|data: &[u8]| {
    let stream = JsonlStream::new(std::io::Cursor::new(data), Path::new("fuzz.jsonl"), "fuzz.jsonl".into(), 256);
    let mut last_line = 0;
    for item in stream {
        if let Err(problem) = item
            && let Some(line) = problem.line
        {
            assert!(line > last_line, "problems come in line order");
            last_line = line;
        }
    }
});
