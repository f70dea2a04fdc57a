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
//! [`lay_out`] composes and lays out one document, a one-page document at the largest size
//! that fits its page; [`build`] runs the stages after `content`; the command line ([`cli`])
//! reads the content, builds every document in memory, then writes the files.
//!
//! ```no_run
//! use plaquette::{What, build, compose::Kind, content, fonts::FontBook};
//!
//! let content = content::load("content".as_ref()).expect("valid content");
//! let fonts = FontBook::bundled().expect("bundled fonts");
//! let settings = plaquette::Settings::new(chrono::Utc::now());
//! let built = build(&content, What::Document(Kind::Factsheet), &fonts, &settings).expect("fits");
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
pub mod raster;
pub mod render;
pub mod units;

pub use diag::Diagnostic;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

pub use compose::What;

/// A document built in memory.
#[derive(Debug)]
pub struct Built {
    pub kind: compose::Kind,
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// What layout noticed without failing, each at its place in the content.
    pub warnings: Vec<Diagnostic>,
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
    /// The brochure as a booklet for office printers, on landscape sheets of this paper:
    /// its pages laid out at half the sheet, two a side, in printing order.
    pub booklet: Option<content::Paper>,
}

impl Settings {
    /// The booklet's sheet, when `what` is made a booklet: only brochures are.
    fn booklet_of(&self, what: What) -> Option<content::Paper> {
        self.booklet
            .filter(|_| what.kind() == compose::Kind::Brochure)
    }

    pub fn new(created: DateTime<Utc>) -> Self {
        Settings {
            created,
            print: None,
            booklet: None,
        }
    }
}

/// The least body size a one-page document is set at without a warning.
const LEAST_BODY: units::Pt = units::Pt(9.0);

/// Composes and lays out one document. A document of several sizes (the fact sheet) is set
/// at the largest that fits its pages, so that it fills them, and that keeps its columns wide
/// enough to justify: a binary search, as both only get easier as the type gets smaller.
pub fn lay_out<'a>(
    content: &'a content::Content,
    what: What<'a>,
    fonts: &fonts::FontBook,
    settings: &Settings,
) -> Result<(compose::Composed, layout::Laid), layout::LayoutError> {
    // The handout of a content without events is its fact sheet, sized as a fact sheet.
    let what = what.resolved(content);
    let booklet = settings.booklet_of(what);
    // A booklet's pages are laid out at their real size, half the sheet: the theme scales
    // margins, lengths and type to it, nothing is shrunk afterwards.
    let theme = match booklet {
        Some(sheet) => compose::Theme::on(&content.brand, layout::impose::half(sheet)),
        None => compose::Theme::new(&content.brand),
    };
    let sizes: Vec<compose::Size> = compose::Size::all(what.kind()).collect();
    let (mut lo, mut hi) = (0, sizes.len().saturating_sub(1));
    let (mut best, mut overflow) = (None, None);
    let body = |size: compose::Size| theme.sizes.body * size.scale(what.kind());
    while lo <= hi {
        let mid = (lo + hi) / 2;
        let Some(&size) = sizes.get(mid) else { break };
        let mut composed = compose::compose_sized(content, what, &theme, size);
        // Larger, the columns would be too narrow in ems to justify, and set ragged.
        let narrow = layout::column_width(&composed.page) < body(size) * layout::MIN_JUSTIFIED_EMS;
        if narrow && mid + 1 < sizes.len() {
            lo = mid + 1;
            continue;
        }
        if booklet.is_some() {
            // A booklet's sheets hold four pages each: notes pages make up the count. Its
            // pages' colour runs past the fold, so that a cover meets its back without a seam.
            composed.pad_to = 4;
            composed.page.bleed = units::Pt::from(layout::impose::FOLD_OVERLAP);
        }
        match layout::layout(&composed, fonts, settings.print.as_ref()) {
            Ok(laid) => {
                best = Some((composed, laid, size));
                if mid == 0 {
                    break;
                }
                hi = mid - 1;
            }
            // What a smaller size may cure: text that overflows the page, a block taller
            // than a column, titles with no room.
            Err(
                e @ (layout::LayoutError::Overflow { .. }
                | layout::LayoutError::TooTall { .. }
                | layout::LayoutError::NoRoom { .. }),
            ) if sizes.len() > 1 => {
                overflow = Some(e);
                lo = mid + 1;
            }
            Err(e) => return Err(e),
        }
    }
    let Some((composed, mut laid, size)) = best else {
        return Err(overflow.unwrap_or(layout::LayoutError::TooManyPages { origin: None }));
    };
    let body = body(size);
    // The least size that reads well, or the brand's own body if it chose smaller.
    let least = LEAST_BODY.min(theme.sizes.body);
    if sizes.len() > 1 && body < least {
        let pages = match size.pages(composed.kind) {
            1 => "its page",
            _ => "its pages",
        };
        let hint = match composed.kind {
            compose::Kind::Handout => "shorten the programme's titles, or split the event",
            _ => "shorten its blocks, or give them a `short` form",
        };
        laid.warnings.push(
            Diagnostic::warning(format!(
                "{} is set at {:.1} pt to fit {pages}, under the {:.1} pt that reads well",
                composed.kind.what(),
                body.0,
                least.0
            ))
            .hint(hint),
        );
    }
    Ok((composed, laid))
}

/// Composes, lays out and renders one document.
pub fn build(
    content: &content::Content,
    what: What,
    fonts: &fonts::FontBook,
    settings: &Settings,
) -> Result<Built, BuildError> {
    let booklet = settings.booklet_of(what);
    let (composed, laid) = lay_out(content, what, fonts, settings)?;
    let kind = composed.kind;
    let options = render::Options {
        created: settings.created,
        document_id: document_id(content, &composed, settings),
        accessible: true,
        print: settings.print.is_some(),
        resolution: {
            let images = content.brand.images;
            match settings.print {
                Some(_) => render::Resolution {
                    target: images.print,
                    most: images.print_most,
                },
                None => render::Resolution {
                    target: images.screen,
                    most: images.screen,
                },
            }
        },
    };
    let sheets = match booklet {
        Some(sheet) => layout::impose::booklet(&laid.pages, composed.rtl, sheet),
        None => layout::impose::single(&laid.pages),
    };
    // Content never reaches krilla unchecked; should it panic all the same, the run reports
    // this document as failed and goes on with the others, instead of exiting with 101.
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        render::render(&laid.pages, &sheets, &composed.meta, fonts, &options)
    }));
    let pdf = match rendered {
        Ok(pdf) => pdf?,
        Err(panic) => {
            let said = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            return Err(BuildError::Render(render::RenderError::Pdf(format!(
                "writing it failed unexpectedly ({}); please report this with the content",
                said.chars().take(120).collect::<String>().escape_debug()
            ))));
        }
    };
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
    if let Some(sheet) = settings.booklet {
        hasher.update(sheet.name);
    }
    hasher.update(env!("CARGO_PKG_VERSION"));
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
