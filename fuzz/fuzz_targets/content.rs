//! The content loader: any bytes in place of one content file give a model or diagnostics,
//! and every diagnostic prints (file, line, column, snippet) without panicking.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use plaquette::content;

mod common;

/// A copy of the default content, made once per fuzzing process.
fn folder() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DIR.get_or_init(common::default_content);
    path
}

/// Nothing of the content reaches a terminal raw: no escape sequence, no bidi override.
fn printable(text: &str) {
    let raw = text
        .chars()
        .find(|&c| c != '\n' && plaquette::diag::is_unsafe_to_print(c));
    assert!(raw.is_none(), "{raw:?} printed raw in {text:?}");
}

const FILES: [&str; 4] = [
    "centre.yaml",
    "brand.yaml",
    "brochure.yaml",
    "factsheet.yaml",
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let dir = folder();
    let name = FILES[usize::from(which) % FILES.len()];
    let original = std::fs::read(dir.join(name)).expect("original");
    std::fs::write(dir.join(name), bytes).expect("write");
    let options = content::Options {
        langs: None,
        fallback: None,
    };
    match content::load_with(dir, &options) {
        Ok(loaded) => {
            for warning in &loaded.warnings {
                printable(&warning.to_string());
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "an error without a diagnostic");
            for d in diagnostics {
                printable(&d.with_snippet_from_file().to_string());
            }
        }
    }
    std::fs::write(dir.join(name), original).expect("restore");
});
