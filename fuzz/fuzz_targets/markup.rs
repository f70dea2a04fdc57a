//! The inline markup parser: any text parses or gives an error at an offset inside it, and
//! what it parses keeps every character that is not markup.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plaquette::content::markup;

fuzz_target!(|text: &str| {
    match markup::parse(text) {
        Ok(inline) => {
            // Markup only removes characters (`*`, `[`, `]`, the address, escapes).
            assert!(inline.text().chars().count() <= text.chars().count());
            for span in &inline.0 {
                assert!(!span.text.is_empty(), "an empty span from {text:?}");
            }
        }
        Err(e) => assert!(
            e.offset <= text.chars().count(),
            "offset past the end: {text:?}"
        ),
    }
});
