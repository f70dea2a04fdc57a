//! Stage 1: read the content folder and validate it into a typed [`Content`] per language.
//!
//! Reading is two passes, as typed then validated: [`raw`] is what serde reads (every value
//! with its place in the file), and the checker turns it into [`model`] types that cannot hold
//! an invalid value, once per edition (language). Problems are collected, not thrown, so one
//! run reports all of them.

mod blocks;
mod check;
mod events;
mod image;
pub mod kinds;
mod local;
pub mod markup;
mod mend;
pub mod model;
mod raw;
mod read;
pub mod schema;
mod validate;

use sha2::{Digest, Sha256};
use std::path::Path;

pub use image::{bundled_svg, veil_needed};
pub use model::*;

use crate::diag::{self, Diagnostic, Diagnostics, Severity, Span};
use check::{Checker, Edition};
use raw::{RawBrand, RawBrochure, RawCentre, RawFactsheet};

/// Which editions to make.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The languages wanted; every language the content declares when `None`.
    pub langs: Option<Vec<Lang>>,
    /// Fill texts missing in a language with this language's (each one a warning).
    pub fallback: Option<Lang>,
}

/// The editions of the content, one per language, and what was noticed on the way.
#[derive(Debug)]
pub struct Loaded {
    pub editions: Vec<Content>,
    pub warnings: Vec<Diagnostic>,
}

/// Whether `slug` may name an event file (`events/<slug>.yaml`): lowercase letters, digits
/// and dashes, as it becomes a folder of the output and a part of a command line.
pub fn is_event_name(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The event files of `dir/events/`, read (not yet checked), in the order of their names.
fn read_events(
    dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, raw::RawEvent, diag::Source)> {
    let folder = dir.join("events");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut events = Vec::new();
    for name in names {
        let slug = name.trim_end_matches(".yaml").to_owned();
        if !is_event_name(&slug) {
            diagnostics.push(
                Diagnostic::error(format!("`{name}` is not a name for an event file"))
                    .in_file(&folder.join(&name))
                    .hint("name it in lowercase letters, digits and dashes: open-day-2026.yaml"),
            );
            continue;
        }
        let parsed = read::read_yaml_inside::<raw::RawEvent>(dir, &folder, &name);
        if let Some((raw, source)) = kept(parsed, diagnostics) {
            events.push((slug, raw, source));
        }
    }
    events
}

/// A file's value, its mistakes added to `diagnostics`.
fn kept<T>(
    (value, errors): read::Parsed<T>,
    diagnostics: &mut Diagnostics,
) -> Option<(T, crate::diag::Source)> {
    for d in errors {
        diagnostics.push(d);
    }
    value
}

/// Reads and validates the content folder `dir` in its first language.
pub fn load(dir: &Path) -> Result<Content, Vec<Diagnostic>> {
    let loaded = load_with(dir, &Options::default())?;
    loaded
        .editions
        .into_iter()
        .next()
        .ok_or_else(|| vec![Diagnostic::error("the content declares no language").in_file(dir)])
}

/// Reads and validates the content folder `dir` into the editions `options` ask for.
///
/// Returns the editions, or every problem found (a file that cannot be parsed stops the checks
/// that depend on it; the other files are still checked).
pub fn load_with(dir: &Path, options: &Options) -> Result<Loaded, Vec<Diagnostic>> {
    let mut diagnostics = Diagnostics::default();
    if !dir.is_dir() {
        return Err(vec![
            Diagnostic::error("content folder not found")
                .in_file(dir)
                .hint("pass the folder that holds centre.yaml with --content"),
        ]);
    }
    // A file read with mistakes may still give a value (mended past them), which validation
    // checks too: every mistake of the content is found in one run.
    let d = &mut diagnostics;
    let centre = kept(read::read_yaml::<RawCentre>(dir, "centre.yaml"), d);
    let brand = kept(read::read_yaml::<RawBrand>(dir, "brand.yaml"), d);
    let (brochure, brochure_mended) = {
        let (value, errors) = read::read_yaml::<RawBrochure>(dir, "brochure.yaml");
        // Mended past a mistake, the brochure may lack a block the fact sheet names.
        let mended = !errors.is_empty();
        (kept((value, errors), d), mended)
    };
    let factsheet = kept(read::read_yaml::<RawFactsheet>(dir, "factsheet.yaml"), d);
    let mut sources = Sha256::new();
    let texts = [
        centre.as_ref().map(|(_, s)| s),
        brand.as_ref().map(|(_, s)| s),
        brochure.as_ref().map(|(_, s)| s),
        factsheet.as_ref().map(|(_, s)| s),
    ];
    for source in texts.into_iter().flatten() {
        sources.update(source.text.as_bytes());
    }

    let events = read_events(dir, &mut diagnostics);
    // Where reading found mistakes: validation of a file mended past one may find fault with
    // the value put in its place (see `mend.rs`), which is the same mistake.
    let misread: std::collections::HashSet<Span> = diagnostics
        .iter()
        .filter_map(|d| d.span.clone())
        .filter(|s| s.line > 0)
        .collect();
    let read_count = diagnostics.iter().count();

    // The declared languages, read once; without them, check in the first known language.
    let declared = brochure.as_ref().and_then(|(raw, source)| {
        let edition = Edition {
            lang: Lang::default(),
            fallback: None,
            languages: &[],
        };
        let mut checker = Checker::new(source, dir, &edition);
        let languages = checker.languages(raw);
        diagnostics.extend(checker.diagnostics);
        languages
    });
    let declared = declared.unwrap_or_else(|| vec![Lang::default()]);
    let brochure_raw = brochure.as_ref().map(|(raw, _)| raw);
    let wanted = options.langs.clone().unwrap_or_else(|| declared.clone());

    let mut editions = Vec::new();
    for &lang in &wanted {
        let edition = Edition {
            lang,
            fallback: options.fallback.filter(|f| *f != lang),
            languages: &declared,
        };
        let centre = centre.as_ref().and_then(|(raw, source)| {
            let mut checker = Checker::new(source, dir, &edition);
            let centre = checker.centre(raw);
            diagnostics.extend(checker.diagnostics);
            centre
        });
        let brand = brand.as_ref().and_then(|(raw, source)| {
            let mut checker = Checker::new(source, dir, &edition);
            let brand = checker.brand(raw);
            diagnostics.extend(checker.diagnostics);
            brand
        });
        let brochure = brochure.as_ref().and_then(|(raw, source)| {
            let mut checker = Checker::new(source, dir, &edition);
            let brochure = checker.brochure(raw);
            diagnostics.extend(checker.diagnostics);
            brochure
        });
        let complete = |checked: &[blocks::Checked]| {
            !brochure_mended && brochure_raw.is_some_and(|raw| raw.blocks.len() == checked.len())
        };
        let factsheet = match (&factsheet, &brochure) {
            (Some((raw, source)), Some((document, checked))) => {
                let mut checker = Checker::new(source, dir, &edition);
                let factsheet = checker.factsheet(raw, document, checked, complete(checked));
                diagnostics.extend(checker.diagnostics);
                factsheet
            }
            _ => None,
        };
        let mut checked_events = Vec::new();
        for (slug, raw, source) in &events {
            let mut checker = Checker::new(source, dir, &edition);
            let event = checker.event(slug, raw);
            diagnostics.extend(checker.diagnostics);
            checked_events.extend(event);
        }
        if let (Some(centre), Some(brand), Some((brochure, _)), Some(factsheet)) =
            (centre, brand, brochure, factsheet)
        {
            editions.push(Content {
                centre,
                brand,
                brochure,
                factsheet,
                digest: [0; 32],
                events: checked_events,
            });
        }
    }

    // The same problem is found in every edition: say it once.
    let mut seen = std::collections::HashSet::new();
    let unique: Vec<Diagnostic> = diagnostics
        .into_vec()
        .into_iter()
        .enumerate()
        .filter(|(i, d)| {
            let at_misread = d.span.as_ref().is_some_and(|s| misread.contains(s));
            (*i < read_count || !at_misread) && seen.insert(d.clone())
        })
        .map(|(_, d)| d)
        .collect();
    let (warnings, mut errors): (Vec<_>, Vec<_>) = unique
        .into_iter()
        .partition(|d| d.severity == Severity::Warning);
    // A file's mistakes in the order of its lines (reading and validation find them in two
    // passes); files in the order they were first named.
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for d in &errors {
        if let Some(span) = &d.span
            && !files.contains(&span.file)
        {
            files.push(span.file.clone());
        }
    }
    errors.sort_by_key(|d| match &d.span {
        Some(span) => (
            files.iter().position(|f| *f == span.file).unwrap_or(0),
            span.line,
            span.column,
        ),
        None => (0, 0, 0),
    });
    if !errors.is_empty() || editions.len() != wanted.len() {
        return Err(if errors.is_empty() { warnings } else { errors });
    }
    for content in &mut editions {
        let mut hasher = sources.clone();
        for image in content.images() {
            hasher.update(image.data.as_slice());
        }
        content.digest = hasher.finalize().into();
    }
    Ok(Loaded { editions, warnings })
}
