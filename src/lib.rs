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
//! - [`render::render`] turns frames into PDF bytes; it never writes files.
//!
//! [`build`] runs the stages after `content` for one document; the command line ([`cli`])
//! reads the content, builds every document in memory, then writes the files.
//!
//! ```no_run
//! use plaquette::{build, compose::Kind, content, fonts::FontBook};
//!
//! let content = content::load("content".as_ref()).expect("valid content");
//! let fonts = FontBook::bundled().expect("bundled fonts");
//! let built = build(&content, Kind::Factsheet, &fonts, chrono::Utc::now()).expect("fits");
//! std::fs::write("factsheet-fr.pdf", &built.pdf).expect("written");
//! ```

pub mod cli;
pub mod compose;
pub mod content;
pub mod diag;
pub mod fonts;
pub mod icons;
pub mod layout;
pub mod render;
pub mod units;

pub use diag::Diagnostic;

use chrono::{DateTime, Utc};

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

/// Composes, lays out and renders one document.
pub fn build(
    content: &content::Content,
    kind: compose::Kind,
    fonts: &fonts::FontBook,
    created: DateTime<Utc>,
) -> Result<Built, BuildError> {
    let composed = compose::compose(content, kind);
    let laid = layout::layout(&composed, fonts)?;
    let pdf = render::render(&laid.pages, &composed.meta, fonts, created)?;
    Ok(Built {
        kind,
        pdf,
        pages: laid.pages.len(),
        warnings: laid.warnings,
    })
}
