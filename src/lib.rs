//! plaquette typesets a research centre's content, written in YAML, into a branded PDF
//! brochure and a one-page fact sheet.
//!
//! The work is a pipeline of stages, one module each, data flowing one way:
//!
//! ```text
//! content/*.yaml ──content──▶ Content ──compose──▶ Composed ──layout──▶ [Page] ──render──▶ PDF bytes
//!                  read YAML,             brand and             shaping, line          krilla;
//!                  validate into          templates: styled     breaking, flow into    knows no
//!                  a typed model          blocks, no geometry   columns and pages      YAML
//! ```
//!
//! - [`content::load`] reads a content folder; every problem is a [`Diagnostic`] with file,
//!   line and column.
//! - [`compose::compose`] applies the brand and a document template ([`compose::Kind`]).
//! - [`layout::layout`] shapes text with the bundled [`fonts`], breaks lines, and places
//!   everything on pages as positioned frames that know nothing of PDF.
//! - [`render::render`] turns frames into PDF bytes; it never writes files.
//!
//! [`build`] runs the whole pipeline for one document; the command line (`main.rs`) writes the
//! files.

pub mod content;
pub mod diag;
pub mod fonts;
pub mod units;

pub use diag::Diagnostic;
