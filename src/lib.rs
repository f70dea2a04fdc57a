//! plaquette typesets a research centre's content, written in YAML, into a branded PDF
//! brochure and a one-page fact sheet.
//!
//! The work is a pipeline of stages, one module each, data flowing one way:
//!
//! ```text
//! content/*.yaml ─content─▶ Content ─compose─▶ Composed ─layout─▶ [Page] ─render─▶ PDF bytes
//!                 read YAML,          brand and           shaping, line        krilla;
//!                 validate into       templates: styled   breaking, flow into  knows no
//!                 a typed model       blocks, no geometry columns and pages    YAML
//! ```
//!
//! - [`content::load`] reads a content folder; every problem is a [`Diagnostic`] with file,
//!   line and column.
//! - [`compose::compose`] applies the brand and a document template ([`compose::Kind`]).
//! - [`layout::layout`] shapes text with the bundled [`fonts`], breaks lines, and places
//!   everything on pages as positioned frames that know nothing of PDF.
//! - [`render::render`] turns frames into PDF bytes (krilla, then a packing pass); it never
//!   writes files.
//!
//! [`build`] runs the stages after `content` for one document; the command line ([`cli`])
//! reads the content, builds every document in memory, then writes the files.
//!
//! ```no_run
//! use plaquette::{build, compose::Kind, content, fonts::FontBook};
//!
//! let content = content::load("content".as_ref()).expect("valid content");
//! let fonts = FontBook::bundled().expect("bundled fonts");
//! let settings = plaquette::Settings::new(chrono::Utc::now());
//! let built = build(&content, Kind::Factsheet, &fonts, &settings).expect("fits");
//! std::fs::write("factsheet-fr.pdf", &built.pdf).expect("written");
//! ```

pub mod cli;
pub mod compose;
pub mod content;
pub mod diag;
pub mod fonts;
pub mod icons;
pub mod layout;
pub mod locale;
pub mod qr;
pub mod render;
pub mod units;

pub use diag::Diagnostic;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// A document built in memory.
#[derive(Debug)]
pub struct Built {
    pub kind: compose::Kind,
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<String>,
}

/// Why a document could not be built from valid content.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Layout(#[from] layout::LayoutError),
    #[error(transparent)]
    Render(#[from] render::RenderError),
}

impl BuildError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        match self {
            BuildError::Layout(e) => e.to_diagnostic(),
            BuildError::Render(e) => Diagnostic::error(e.to_string()),
        }
    }
}

/// How to build: what does not come from the content.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The documents' date (from `SOURCE_DATE_EPOCH` for reproducible builds).
    pub created: DateTime<Utc>,
    /// Print editions: bleed, crop marks, slug and the brand's inks.
    pub print: Option<layout::Print>,
    /// The brochure as an A5 booklet imposed on A4 landscape sheets, for office printers.
    pub booklet: bool,
}

impl Settings {
    pub fn new(created: DateTime<Utc>) -> Self {
        Settings {
            created,
            print: None,
            booklet: false,
        }
    }
}

/// Composes, lays out and renders one document.
pub fn build(
    content: &content::Content,
    kind: compose::Kind,
    fonts: &fonts::FontBook,
    settings: &Settings,
) -> Result<Built, BuildError> {
    finish(content, &compose::compose(content, kind), fonts, settings)
}

/// Composes, lays out and renders the handout of `event`.
pub fn build_handout(
    content: &content::Content,
    event: &content::Event,
    fonts: &fonts::FontBook,
    settings: &Settings,
) -> Result<Built, BuildError> {
    finish(content, &compose::handout(content, event), fonts, settings)
}

/// Composes, lays out and renders the brochure's edition for `event`.
pub fn build_event_brochure(
    content: &content::Content,
    event: &content::Event,
    fonts: &fonts::FontBook,
    settings: &Settings,
) -> Result<Built, BuildError> {
    finish(
        content,
        &compose::event_brochure(content, event),
        fonts,
        settings,
    )
}

/// Lays out and renders a composed document.
fn finish(
    content: &content::Content,
    composed: &compose::Composed,
    fonts: &fonts::FontBook,
    settings: &Settings,
) -> Result<Built, BuildError> {
    let kind = composed.kind;
    let laid = layout::layout(composed, fonts, settings.print.as_ref())?;
    let options = render::Options {
        created: settings.created,
        document_id: document_id(content, composed, settings),
        accessible: true,
        print: settings.print.is_some(),
    };
    let sheets = if settings.booklet && kind == compose::Kind::Brochure {
        let (width, height) = layout::impose::a4_landscape();
        layout::impose::booklet(&laid.pages, composed.rtl, width, height)
    } else {
        layout::impose::single(&laid.pages)
    };
    let pdf = render::render(&laid.pages, &sheets, &composed.meta, fonts, &options)?;
    Ok(Built {
        kind,
        pdf,
        pages: sheets.len(),
        warnings: laid.warnings,
    })
}

/// The same inputs give the same ID on any machine; another document, language or version of
/// plaquette gives another.
fn document_id(
    content: &content::Content,
    composed: &compose::Composed,
    settings: &Settings,
) -> String {
    let mut hasher = Sha256::new();
    hasher.update(content.digest);
    hasher.update(composed.kind.stem());
    hasher.update(composed.meta.lang.code());
    // A handout's event: its name and subject say which and when.
    hasher.update(&composed.meta.title);
    hasher.update(&composed.meta.subject);
    if let Some(print) = &settings.print {
        hasher.update(print.bleed.0.to_le_bytes());
        hasher.update(&print.slug);
    }
    hasher.update([u8::from(settings.booklet)]);
    hasher.update(env!("CARGO_PKG_VERSION"));
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
