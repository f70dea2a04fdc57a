//! The integration tests, in one crate: one binary to build and link rather than one per
//! file (each linked the whole library and its dependencies: fifteen binaries of 220 to 300
//! MB). Each module covers one area and reads as before; `common` holds the helpers (the real
//! binary on a copy of a content folder, fixtures, reading PDFs back). Data stay beside:
//! `tests/bad/` (bad input and the exact messages expected), `tests/fixtures/`.

// Tests may panic: a panic is a failed assertion.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

mod cli;
mod contents;
mod design;
mod errors;
mod faults;
mod images;
mod layout;
mod one_page;
mod pdfx;
mod print;
mod qr;
mod schema;
mod second_content;
mod tagged;
mod typography;
mod untrusted;
mod watch;
