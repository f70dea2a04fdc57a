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
pub mod model;
mod raw;
mod read;
pub mod schema;
mod validate;

use sha2::{Digest, Sha256};
use std::path::Path;

pub use image::{bundled_svg, veil_needed};
pub use model::*;

use crate::diag::{self, Diagnostic, Diagnostics, Severity};
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
        let valid = !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            diagnostics.push(
                Diagnostic::error(format!("`{name}` is not a name for an event file"))
                    .in_file(&folder.join(&name))
                    .hint("name it in lowercase letters, digits and dashes: open-day-2026.yaml"),
            );
            continue;
        }
        match read::read_yaml_inside::<raw::RawEvent>(dir, &folder, &name) {
            Ok((raw, source)) => events.push((slug, raw, source)),
            Err(d) => diagnostics.push(d),
        }
    }
    events
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
    let mut failed = |d: Diagnostic| diagnostics.push(d);
    let centre = read::read_yaml::<RawCentre>(dir, "centre.yaml").map_err(&mut failed);
    let brand = read::read_yaml::<RawBrand>(dir, "brand.yaml").map_err(&mut failed);
    let brochure = read::read_yaml::<RawBrochure>(dir, "brochure.yaml").map_err(&mut failed);
    let factsheet = read::read_yaml::<RawFactsheet>(dir, "factsheet.yaml").map_err(&mut failed);
    let (centre, brand, brochure, factsheet) =
        (centre.ok(), brand.ok(), brochure.ok(), factsheet.ok());
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

    let events = read_events(dir, &mut diagnostics);
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
            brochure_raw.is_some_and(|raw| raw.blocks.len() == checked.len())
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
        .filter(|d| seen.insert(d.clone()))
        .collect();
    let (warnings, errors): (Vec<_>, Vec<_>) = unique
        .into_iter()
        .partition(|d| d.severity == Severity::Warning);
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
