//! Flowing the body into columns and pages, in two passes, one file each.
//!
//! [`prepare`] sets every flow for its width: a paragraph becomes lines to split, a timeline
//! or a grid becomes one piece per entry or row, a box becomes a box of such parts, an image
//! with its caption a piece that may float. [`run`] places them, column after column:
//! body lines sit on the baseline grid; a paragraph splits only between lines, leaving at least
//! two on each side, and not after a hyphenated line; what is kept with what follows (a
//! heading, the sentence that introduces a block) moves with at least the first part of it;
//! boxes break between their parts, their background drawn in each column; an image that does
//! not fit floats to the top of the next column while the text goes on; section headings of a
//! layout with a sidebar sit beside their first block. The last page's columns (the fact
//! sheet's only page) can be balanced, and a one-page document's columns are then [`justify`]'d
//! to reach the foot of the page; a last page of a few lines takes more from the page before
//! ([`last_page`]).

mod justify;
mod last_page;
mod prepare;
mod run;

use super::LayoutError;
use super::frame::Page;
use super::place::Placer;
use crate::compose::{Flow, PageStyle};
use crate::units::Pt;

/// The width of a text column (beside the sidebar, if any).
pub fn column_width(style: &PageStyle) -> Pt {
    let n = style.columns.max(1) as f32;
    let sidebar = style.sidebar.map_or(Pt::ZERO, |s| s.width + s.gap);
    (style.width - style.inner - style.outer - sidebar - style.gutter * (n - 1.0)) / n
}

/// The left edge of the type area: the inner margin is on the left of right-hand (odd) pages;
/// documents of a page or two keep it on the left.
pub fn content_left(style: &PageStyle, number: usize) -> Pt {
    if number % 2 == 1 || style.page_limit.is_some() {
        style.inner
    } else {
        style.outer
    }
}

/// The text columns of page `number`: their left edge and width.
pub fn columns(style: &PageStyle, number: usize) -> Vec<(Pt, Pt)> {
    let width = column_width(style);
    (0..style.columns.max(1))
        .map(|c| {
            (
                text_left(style, number) + (width + style.gutter) * c as f32,
                width,
            )
        })
        .collect()
}

/// The left edge of the text columns, right of the sidebar.
fn text_left(style: &PageStyle, number: usize) -> Pt {
    content_left(style, number) + style.sidebar.map_or(Pt::ZERO, |s| s.width + s.gap)
}

/// Where the flow begins: the first page (already holding a header, say), the top of its
/// columns and its printed number.
pub struct Start<'a> {
    pub first: &'a Page,
    pub top: Pt,
    pub first_number: usize,
}

/// Flows `body` from `start`, adding pages as needed; `what` names the document in messages.
pub fn flow(
    placer: &mut Placer,
    style: &PageStyle,
    body: &[Flow],
    start: &Start,
    what: &'static str,
) -> Result<Vec<Page>, LayoutError> {
    let preps = prepare::prepare(placer, style, body)?;
    let pages = run::run(placer, style, &preps, start, None, what)?;
    let mut pages = if style.balance {
        balance(placer, style, &preps, start, what, pages)
    } else {
        last_page::fill(placer, style, &preps, start, what, pages)
    };
    // A one-page document's columns then reach its foot.
    if let (Some(1), [page]) = (style.page_limit, pages.as_mut_slice()) {
        justify::justify(
            page,
            &columns(style, start.first_number),
            start.top,
            style.height - style.bottom,
            style.grid,
        );
    }
    Ok(pages)
}

/// The shortest foot for the last page of `pages` that still holds everything on it, and
/// leaves no heading at a column's foot.
fn balance(
    placer: &mut Placer,
    style: &PageStyle,
    preps: &[prepare::Prep],
    start: &Start,
    what: &'static str,
    pages: Vec<Page>,
) -> Vec<Page> {
    let last = pages.len() - 1;
    let column_top = if last == 0 { start.top } else { style.top };
    let grid = style.grid.0.max(1.0);
    let full = style.height - style.bottom;
    let steps = ((full - column_top).0 / grid).floor() as usize;
    let stranded_before = stranded(&pages);
    let (mut lo, mut hi) = (1usize, steps);
    let mut best = None;
    while lo <= hi {
        let mid = (lo + hi) / 2;
        let bottom = column_top + Pt(mid as f32 * grid);
        let short = run::Short {
            page: last,
            bottom,
            goes_on: false,
        };
        match run::run(placer, style, preps, start, Some(short), what) {
            Ok(balanced)
                if balanced.len() == pages.len() && stranded(&balanced) <= stranded_before =>
            {
                best = Some(balanced);
                hi = mid - 1;
            }
            _ => lo = mid + 1,
        }
    }
    best.unwrap_or(pages)
}

/// The headings whose next line is in another column: a short foot for balancing may leave a
/// heading at the foot of the first column (one at a column's top is never moved on).
fn stranded(pages: &[Page]) -> usize {
    let mut count = 0;
    for page in pages {
        let lines: Vec<&super::frame::LineInfo> = page
            .items
            .iter()
            .filter_map(|item| match item {
                super::frame::Item::Line(info) => Some(info),
                _ => None,
            })
            .collect();
        for pair in lines.windows(2) {
            if let [heading, next] = pair
                && matches!(heading.role, crate::compose::Role::Heading(_))
                && heading.last
                && next.rect.y < heading.rect.bottom() - Pt(0.5)
            {
                count += 1;
            }
        }
    }
    count
}
