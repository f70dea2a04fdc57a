//! Stage 1: read the content folder and validate it into a typed [`Content`].
//!
//! Reading is two passes, as typed then validated: [`raw`] is what serde reads (every value
//! with its place in the file), and the checker turns it into [`model`] types that cannot hold
//! an invalid value. Problems are collected, not thrown, so one run reports all of them.

mod blocks;
mod check;
mod image;
pub mod markup;
pub mod model;
mod raw;
mod read;
mod validate;

use std::path::Path;

pub use model::*;

use crate::diag::{Diagnostic, Diagnostics};
use check::Checker;
use raw::{RawBrand, RawBrochure, RawCentre, RawFactsheet};

/// The files of a content folder.
pub const FILES: [&str; 4] = [
    "centre.yaml",
    "brand.yaml",
    "brochure.yaml",
    "factsheet.yaml",
];

/// Reads and validates the content folder `dir`.
///
/// Returns the content, or every problem found (a file that cannot be parsed stops the checks
/// that depend on it, the other files are still checked).
pub fn load(dir: &Path) -> Result<Content, Vec<Diagnostic>> {
    let mut diagnostics = Diagnostics::default();
    if !dir.is_dir() {
        return Err(vec![
            Diagnostic::error("content folder not found")
                .in_file(dir)
                .hint("pass the folder that holds centre.yaml with --content"),
        ]);
    }
    let mut failed = |d: Diagnostic| diagnostics.push(d);

    let centre = read::read_yaml::<RawCentre>(dir, "centre.yaml").map_err(&mut failed);
    let brand = read::read_yaml::<RawBrand>(dir, "brand.yaml").map_err(&mut failed);
    let brochure = read::read_yaml::<RawBrochure>(dir, "brochure.yaml").map_err(&mut failed);
    let factsheet = read::read_yaml::<RawFactsheet>(dir, "factsheet.yaml").map_err(&mut failed);

    let centre = centre.ok().and_then(|(raw, source)| {
        let mut checker = Checker::new(&source, dir);
        let centre = checker.centre(&raw);
        diagnostics.extend(checker.diagnostics);
        centre
    });
    let brand = brand.ok().and_then(|(raw, source)| {
        let mut checker = Checker::new(&source, dir);
        let brand = checker.brand(&raw);
        diagnostics.extend(checker.diagnostics);
        brand
    });
    let brochure = brochure.ok().and_then(|(raw, source)| {
        let mut checker = Checker::new(&source, dir);
        let brochure = checker.brochure(&raw);
        diagnostics.extend(checker.diagnostics);
        brochure
    });
    let factsheet = match (factsheet.ok(), &brochure) {
        (Some((raw, source)), Some((document, checked))) => {
            let mut checker = Checker::new(&source, dir);
            let factsheet = checker.factsheet(&raw, document, checked);
            diagnostics.extend(checker.diagnostics);
            factsheet
        }
        _ => None,
    };

    match (centre, brand, brochure, factsheet) {
        (Some(centre), Some(brand), Some((brochure, _)), Some(factsheet))
            if !diagnostics.has_errors() =>
        {
            Ok(Content {
                centre,
                brand,
                brochure,
                factsheet,
            })
        }
        _ => Err(diagnostics.into_vec()),
    }
}
