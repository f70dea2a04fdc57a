//! Imposition: which pages go where on the sheets of paper.
//!
//! Most documents print one page a sheet. A booklet puts two pages side by side on each side of
//! a landscape sheet, in the order that makes a saddle-stitched booklet once the sheets are
//! printed on both sides, stacked and folded in the middle.

use super::frame::{Page, Rect};
use crate::content::Paper;
use crate::units::{Mm, Pt};

/// One side of a sheet of paper and the pages on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub media: Rect,
    pub placements: Vec<Placement>,
}

/// A page on a sheet: its media box's corner at (`x`, `y`), scaled by `scale`; only what is
/// inside `clip` (in the page's coordinates) is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    pub page: usize,
    pub x: Pt,
    pub y: Pt,
    pub scale: f32,
    pub clip: Rect,
}

/// What an office printer leaves white around a sheet: a booklet's pages draw nothing there,
/// so that a cover's colour stops at an even white frame rather than at the printer's
/// uneven one.
pub const SHEET_MARGIN: Mm = Mm(5.0);

/// How far a booklet's page draws past the fold, under its neighbour: colour that runs across
/// the fold (a cover and its back) meets without a seam.
pub const FOLD_OVERLAP: Mm = Mm(1.0);

/// Each page on a sheet of its own size.
pub fn single(pages: &[Page]) -> Vec<Sheet> {
    pages
        .iter()
        .enumerate()
        .map(|(page, p)| Sheet {
            media: p.media,
            placements: vec![Placement {
                page,
                x: Pt::ZERO,
                y: Pt::ZERO,
                scale: 1.0,
                clip: p.bleed,
            }],
        })
        .collect()
}

/// The pages on each side of each sheet of a saddle-stitched booklet of `count` pages:
/// (left, right), `None` for a blank page. Sides alternate front and back, sheet by sheet
/// from the outermost. The count is padded to a multiple of four with blank pages placed
/// before the last page, the back cover. Right to left booklets (bound on the right) swap
/// the halves.
pub fn booklet_order(count: usize, rtl: bool) -> Vec<(Option<usize>, Option<usize>)> {
    let padded = count.div_ceil(4).max(1) * 4;
    // The page at each position of the folded booklet.
    let at = |position: usize| -> Option<usize> {
        let last = count.checked_sub(1)?;
        if position == 0 {
            Some(0)
        } else if position + 1 == padded && last > 0 {
            Some(last)
        } else if position < last {
            Some(position)
        } else {
            None
        }
    };
    let mut sides = Vec::with_capacity(padded / 2);
    for sheet in 0..padded / 4 {
        let outer = padded - 1 - 2 * sheet;
        let front = (at(outer), at(2 * sheet));
        let back = (at(2 * sheet + 1), at(outer - 1));
        for (left, right) in [front, back] {
            sides.push(if rtl { (right, left) } else { (left, right) });
        }
    }
    sides
}

/// The sheet a booklet of pages of `paper` is printed on by default: its own size, where half
/// of it is the page size a booklet wants (A4 for an A4 brochure, which becomes A5 pages), A4
/// for an A5 brochure (whose pages fit its halves as they are).
pub fn sheet_for(paper: Paper) -> Paper {
    match paper.name {
        "A5" => Paper::from_name("A4").unwrap_or(paper),
        _ => paper,
    }
}

/// A booklet's page on `sheet`: half of the sheet turned landscape.
pub fn half(sheet: Paper) -> Paper {
    Paper {
        name: sheet.name,
        width: sheet.height.max(sheet.width) / 2.0,
        height: sheet.width.min(sheet.height),
    }
}

/// The pages as a booklet on landscape sheets of `sheet`, each page centred in its half of the
/// sheet (scaled down only if it is larger than the half).
pub fn booklet(pages: &[Page], rtl: bool, sheet: Paper) -> Vec<Sheet> {
    let sheet_width = sheet.width.max(sheet.height);
    let sheet_height = sheet.width.min(sheet.height);
    let half = sheet_width / 2.0;
    let media = Rect {
        x: Pt::ZERO,
        y: Pt::ZERO,
        width: sheet_width,
        height: sheet_height,
    };
    let margin = Pt::from(SHEET_MARGIN);
    let place = |index: Option<usize>, left: Pt| -> Option<Placement> {
        let page = pages.get(index?)?;
        let scale = (half / page.trim.width)
            .min(sheet_height / page.trim.height)
            .min(1.0);
        // The trim box fills the half; of the bleed, only what runs past the fold is drawn.
        let (w, h) = (page.trim.width * scale, page.trim.height * scale);
        let x = left + (half - w) / 2.0 - page.trim.x * scale;
        let y = (sheet_height - h) / 2.0 - page.trim.y * scale;
        // The sheet's edges and the fold, in the page's coordinates.
        let to_page = |at: Pt, origin: Pt| (at - origin) / scale;
        let (sheet_left, sheet_right) = (to_page(margin, x), to_page(sheet_width - margin, x));
        let fold = to_page(half, x);
        let past = Pt::from(FOLD_OVERLAP) / scale;
        let (from, to) = if left == Pt::ZERO {
            (sheet_left, fold + past)
        } else {
            (fold - past, sheet_right)
        };
        let (top, bottom) = (to_page(margin, y), to_page(sheet_height - margin, y));
        let bleed = page.bleed;
        let clip = Rect {
            x: from.max(bleed.x),
            y: top.max(bleed.y),
            width: to.min(bleed.right()) - from.max(bleed.x),
            height: bottom.min(bleed.bottom()) - top.max(bleed.y),
        };
        Some(Placement {
            page: index?,
            x,
            y,
            scale,
            clip,
        })
    };
    booklet_order(pages.len(), rtl)
        .into_iter()
        .map(|(left, right)| Sheet {
            media,
            placements: [place(left, Pt::ZERO), place(right, half)]
                .into_iter()
                .flatten()
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages as printed numbers from 1, 0 for a blank.
    fn numbers(count: usize) -> Vec<(usize, usize)> {
        booklet_order(count, false)
            .into_iter()
            .map(|(l, r)| (l.map_or(0, |p| p + 1), r.map_or(0, |p| p + 1)))
            .collect()
    }

    #[test]
    fn eight_pages_make_two_sheets() {
        assert_eq!(numbers(8), vec![(8, 1), (2, 7), (6, 3), (4, 5)]);
    }

    #[test]
    fn ten_pages_get_two_blanks_before_the_back_cover() {
        // Positions 10 and 11 are blank, the back cover (page 10) is last.
        assert_eq!(
            numbers(10),
            vec![(10, 1), (2, 0), (0, 3), (4, 9), (8, 5), (6, 7)]
        );
    }

    #[test]
    fn twelve_pages_make_three_sheets() {
        assert_eq!(
            numbers(12),
            vec![(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]
        );
    }

    #[test]
    fn every_page_appears_once_and_pairs_face_across_the_fold() {
        for count in 1..=40 {
            let sides = booklet_order(count, false);
            let padded = count.div_ceil(4) * 4;
            assert_eq!(sides.len(), padded / 2);
            let mut seen: Vec<usize> = sides.iter().flat_map(|(l, r)| [*l, *r]).flatten().collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..count).collect::<Vec<_>>(), "{count} pages");
            // The first page is the front cover, on the right of the first side.
            assert_eq!(sides[0].1, Some(0));
            // The last page is the back cover, on its left.
            assert_eq!(sides[0].0, Some(count - 1).filter(|_| count > 1));
        }
    }

    #[test]
    fn right_to_left_booklets_swap_the_halves() {
        let ltr = booklet_order(8, false);
        let rtl = booklet_order(8, true);
        for (a, b) in ltr.iter().zip(&rtl) {
            assert_eq!((a.0, a.1), (b.1, b.0));
        }
    }
}
