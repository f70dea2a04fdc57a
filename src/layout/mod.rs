//! Stage 3: shape, break lines and flow a composed document into pages of positioned frames.
//!
//! Sub-passes, one file each: [`shape`] (harfrust, cached) → [`par`] (Knuth–Plass line
//! breaking, hyphenation, justification) → [`place`] (lines and boxes as items) → [`flow`] (columns and
//! pages) and [`cover`] (the template pages). The result, [`frame::Page`], knows no PDF.

mod contents;
mod cover;
mod flow;
pub mod frame;
pub mod impose;
mod inspect;
mod par;
mod place;
mod print;
mod resolution;
mod shape;

pub use flow::{column_width, columns};
pub use inspect::{Report, inspect};
pub use par::MIN_JUSTIFIED_EMS;
pub use print::Print;

use crate::compose::{Composed, PageStyle};
use crate::diag::{Diagnostic, Span};
use crate::fonts::FontBook;
use crate::units::Pt;
use frame::{Page, Rect};
use par::BreakError;
use place::Placer;

/// Pages, and what layout noticed without failing (a word broken by force, say).
#[derive(Debug)]
pub struct Laid {
    pub pages: Vec<Page>,
    pub warnings: Vec<Diagnostic>,
}

/// The most pages a document may run to: a brochure, not a book (though room for the
/// 100-page synthetic content of the scaling benchmark).
pub const MAX_PAGES: usize = 128;

#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error("character {ch:?} (U+{code:04X}) is in no bundled font", code = *.ch as u32)]
    Uncovered { ch: char, origin: Option<Span> },
    #[error(
        "{what} does not fit on {}: it overflows by {:.0} mm",
        if *pages == 1 { "one page".to_owned() } else { format!("{pages} pages") },
        by.to_mm().0
    )]
    Overflow {
        /// The document: "the fact sheet".
        what: &'static str,
        pages: usize,
        origin: Option<Span>,
        by: Pt,
    },
    #[error("a block is {:.0} mm tall, taller than a column ({:.0} mm)", height.to_mm().0, column.to_mm().0)]
    TooTall {
        origin: Option<Span>,
        height: Pt,
        column: Pt,
    },
    #[error("no room for {what}: {:.0} mm too tall even at a smaller size", by.to_mm().0)]
    NoRoom {
        what: &'static str,
        origin: Option<Span>,
        by: Pt,
    },
    #[error("the document runs past {MAX_PAGES} pages")]
    TooManyPages { origin: Option<Span> },
    #[error(
        "image `{path}` is {ppi:.0} ppi at its size in print ({size}); print needs 150 ppi at least"
    )]
    LowResolution {
        path: String,
        ppi: f32,
        size: String,
        origin: Option<Span>,
    },
}

impl LayoutError {
    fn from_break(error: BreakError, origin: Option<Span>) -> Self {
        match error {
            BreakError::Uncovered(u) => LayoutError::Uncovered { ch: u.0, origin },
        }
    }

    /// The error as a diagnostic pointing at the block it concerns.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let (origin, hint) = match self {
            LayoutError::Uncovered { origin, .. } => (
                origin,
                "the bundled fonts cover Latin, Greek, Cyrillic, Arabic, Tifinagh, and common symbols and arrows; write the character another way",
            ),
            LayoutError::Overflow { origin, what, .. } => (
                origin,
                if *what == crate::compose::Kind::Handout.what() {
                    "the first part that does not fit starts here: shorten the programme's titles, or split the event"
                } else {
                    "the first block that does not fit starts here: shorten the fact sheet's blocks, or give them a `short` form"
                },
            ),
            LayoutError::TooTall { origin, .. } => (origin, "split the block, or shorten it"),
            LayoutError::NoRoom { origin, .. } => (origin, "shorten this text"),
            LayoutError::TooManyPages { origin } => (
                origin,
                "this block would go past the last page: a brochure this long is a book; split the content",
            ),
            LayoutError::LowResolution { origin, .. } => (
                origin,
                "use an image with more pixels, or place it smaller (300 ppi is best for print)",
            ),
        };
        let mut d = Diagnostic::error(self.to_string()).hint(hint);
        d.span = origin.clone();
        if let LayoutError::Uncovered { ch, .. } = self {
            d.needle = Some(ch.to_string());
        }
        d
    }
}

/// Lays out `doc` with the fonts of `book`; with `print`, adds bleed, crop marks and a slug.
pub fn layout(doc: &Composed, book: &FontBook, print: Option<&Print>) -> Result<Laid, LayoutError> {
    let mut placer = Placer {
        shaper: shape::Shaper::new(book),
        memo: par::Memo::default(),
        next_block: 0,
        warnings: Vec::new(),
        // An image keeps a fifth of a column for its caption.
        max_image_height: (doc.page.height - doc.page.top - doc.page.bottom) * 0.8,
        bleed_width: (doc.page.columns == 1)
            .then(|| doc.page.width + print.map_or(Pt::ZERO, |p| p.bleed) * 2.0),
    };
    let what = doc.kind.what();
    let style = &PageStyle {
        // A print edition's bleed, else the document's own (a booklet's, past the fold).
        bleed: print.map_or(doc.page.bleed, |p| p.bleed),
        ..doc.page.clone()
    };
    let mut pages = Vec::new();
    let mut number = 1;
    if let Some(c) = &doc.cover {
        let mut page = page_frame(style, None);
        cover::cover(&mut placer, style, c, &mut page)?;
        pages.push(page);
        number += 1;
    }
    let mut first = page_frame(style, Some(number));
    let mut top = style.top;
    if let Some(h) = &doc.header {
        first.number = None;
        top = cover::header(&mut placer, style, h, &mut first)?;
    }
    if !doc.banner.is_empty() {
        // Across the columns: the type area's full width.
        let width = style.width - style.inner - style.outer;
        let (mut items, height) = placer
            .stack(&doc.banner, width)
            .map_err(|e| LayoutError::from_break(e, None))?;
        place::translate(&mut items, flow::content_left(style, number), top);
        first.items.extend(items);
        top += height + style.banner_gap;
    }
    // The tail stands on the foot of the page; the columns end above it. It is measured
    // first and set after the body, so that it is read after the columns.
    let width = style.width - style.inner - style.outer;
    let tail = if doc.tail.is_empty() {
        Pt::ZERO
    } else {
        let (_, height) = placer
            .stack(&doc.tail, width)
            .map_err(|e| LayoutError::from_break(e, None))?;
        height
    };
    let above_tail = if tail > Pt::ZERO {
        tail + style.banner_gap
    } else {
        Pt::ZERO
    };
    let columns_style = &PageStyle {
        bottom: style.bottom + above_tail,
        ..style.clone()
    };
    let start = flow::Start {
        first: &first,
        top,
        first_number: number,
    };
    let mut body = flow::flow(&mut placer, columns_style, &doc.body, &start, what)?;
    if let Some(list) = &doc.contents
        && contents::wanted(list, &body)
    {
        let mut numbers = contents::numbers(&body);
        for _ in 0..contents::PASSES {
            let flows = contents::with_contents(list, &numbers, &doc.body);
            body = flow::flow(&mut placer, columns_style, &flows, &start, what)?;
            let found = contents::numbers(&body);
            if found == numbers {
                break;
            }
            numbers = found;
        }
    }
    if tail > Pt::ZERO
        && let Some(page) = body.first_mut()
    {
        let (mut items, height) = placer
            .stack(&doc.tail, width)
            .map_err(|e| LayoutError::from_break(e, None))?;
        let y = style.height - style.bottom - height;
        place::translate(&mut items, flow::content_left(style, number), y);
        page.items.extend(items);
    }
    // Pictures across the page reach its edges now that the page is known.
    for page in &mut body {
        let across = page.bleed;
        for item in &mut page.items {
            if let frame::Item::Image(image) = item
                && image.bleed
            {
                image.rect.x = across.x;
                image.rect.width = across.width;
            }
        }
    }
    pages.extend(body);
    // Planned pages for notes, never a blank by accident: a brochure ends with its back cover
    // on an even page, a booklet on a whole sheet.
    if let Some(notes) = &doc.notes {
        let with_back = pages.len() + usize::from(doc.back.is_some());
        let missing = (doc.pad_to - with_back % doc.pad_to) % doc.pad_to;
        for _ in 0..missing {
            let number = pages.len() + 1;
            let mut page = page_frame(style, Some(number));
            cover::notes(&mut placer, style, notes, &mut page)?;
            pages.push(page);
        }
    }
    if let Some(f) = &style.footer {
        for page in &mut pages {
            cover::footer(&mut placer, style, f, page)?;
        }
    }
    if let Some(b) = &doc.back {
        let mut page = page_frame(style, None);
        cover::back(&mut placer, style, b, &mut page)?;
        pages.push(page);
    }
    resolution::check(
        &pages,
        print.is_some(),
        &doc.page.images,
        &mut placer.warnings,
    )?;
    if doc.rtl {
        pages.iter_mut().for_each(mirror);
    }
    if let Some(print) = print {
        print::finish(&mut placer, &mut pages, print, style.marks)?;
    }
    Ok(Laid {
        pages,
        warnings: placer.warnings,
    })
}

/// Mirrors a page left to right: columns, sidebar, margins, boxes and the cover's artwork
/// change sides; text keeps its glyphs (lines were emitted mirrored for this).
fn mirror(page: &mut Page) {
    // About the middle of the trim box: the media box runs past it by the bleed on both
    // sides, from a negative origin.
    let width = page.trim.x * 2.0 + page.trim.width;
    let flip = |rect: &mut Rect| rect.x = width - rect.x - rect.width;
    for item in &mut page.items {
        match item {
            frame::Item::Text(run) => run.x = width - run.x - run.width(),
            frame::Item::Fill(f) => flip(&mut f.rect),
            frame::Item::Image(i) => flip(&mut i.rect),
            frame::Item::Link(l) => flip(&mut l.rect),
            frame::Item::Anchor(a) => a.x = width - a.x,
            frame::Item::Line(info) => {
                flip(&mut info.rect);
                let (start, end) = (info.rect.width - info.end, info.rect.width - info.start);
                info.start = start;
                info.end = end;
            }
        }
    }
}

/// An empty page of the document's size, its trim box at the origin; without bleed, all
/// boxes are the page.
fn page_frame(style: &PageStyle, number: Option<usize>) -> Page {
    let trim = Rect {
        x: Pt::ZERO,
        y: Pt::ZERO,
        width: style.width,
        height: style.height,
    };
    let bleed = print::bleed(trim, style.bleed);
    Page {
        media: bleed,
        trim,
        bleed,
        number,
        items: Vec::new(),
        marks: Vec::new(),
    }
}
