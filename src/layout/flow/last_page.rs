//! Last page: a page of a few lines left over reads as a mistake.
//!
//! When the body's last page holds less than a fifth of its column, the page before it ends
//! higher, by the least that gives the last page a third of a column (or as much as the two
//! can share): the text is spread over both rather than trailing onto a nearly empty page.
//! The page count never changes, and no heading is left at a column's foot that was not
//! before.

use super::{Start, prepare::Prep, run, stranded};
use crate::compose::PageStyle;
use crate::layout::frame::{Item, Page};
use crate::layout::place::Placer;
use crate::units::Pt;

/// Less of its column than this, and a last page is left over.
const LEFT_OVER: f32 = 0.2;
/// What a last page is given: a third of its column.
const GIVEN: f32 = 1.0 / 3.0;
/// The page before never ends above half its column.
const MOST_GIVEN: f32 = 0.5;

/// `pages`, or the same laid out again with the page before the last ending higher.
pub fn fill(
    placer: &mut Placer,
    style: &PageStyle,
    preps: &[Prep],
    start: &Start,
    what: &'static str,
    pages: Vec<Page>,
) -> Vec<Page> {
    let Some(before) = pages.len().checked_sub(2) else {
        return pages;
    };
    let full = style.height - style.bottom;
    let column = full - style.top;
    let held = |pages: &[Page]| pages.last().map_or(Pt::ZERO, |p| reach(p, style.top));
    if column <= Pt::ZERO || held(&pages) >= column * LEFT_OVER {
        return pages;
    }
    let top = if before == 0 { start.top } else { style.top };
    let grid = style.grid.0.max(1.0);
    let lowest = (top + (full - top) * MOST_GIVEN).max(top);
    let stranded_before = stranded(&pages);
    // The page before ends `k` lines of the grid above its foot: the least `k` that gives
    // the last page its share.
    let most = ((full - lowest).0 / grid).floor() as usize;
    let (mut lo, mut hi) = (1usize, most);
    let mut best = None;
    while lo <= hi {
        let mid = (lo + hi) / 2;
        let bottom = full - Pt(mid as f32 * grid);
        let short = run::Short {
            page: before,
            bottom,
            goes_on: true,
        };
        match run::run(placer, style, preps, start, Some(short), what) {
            Ok(spread) if spread.len() == pages.len() && stranded(&spread) <= stranded_before => {
                if held(&spread) >= column * GIVEN {
                    best = Some(spread);
                    hi = mid - 1;
                } else {
                    // Not enough yet: keep it as the best so far, and end higher.
                    if best.is_none() || held(&spread) > best.as_deref().map_or(Pt::ZERO, held) {
                        best = Some(spread);
                    }
                    lo = mid + 1;
                }
            }
            _ => hi = mid.saturating_sub(1),
        }
    }
    best.unwrap_or(pages)
}

/// How far down a page's body reaches, below `top`: its lines and pictures (not its footer).
fn reach(page: &Page, top: Pt) -> Pt {
    page.items
        .iter()
        .filter_map(|item| match item {
            Item::Line(line) if !line.role.is_artifact() => Some(line.rect.bottom()),
            Item::Image(image) => Some(image.rect.bottom()),
            _ => None,
        })
        .filter(|&bottom| bottom > top)
        .fold(Pt::ZERO, |reach, bottom| reach.max(bottom - top))
}
