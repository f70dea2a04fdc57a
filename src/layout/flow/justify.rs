//! Justify: a one-page document's columns reach the foot of the page.
//!
//! Balancing evens the columns, but blocks that never split (a box, a grid) leave a column
//! short by a few lines, and a document set at the largest size that fits may still end
//! above its foot. What is left of each column is handed out, a line of the baseline grid at a
//! time, to the breaks between its sections (the gaps before headings) and to its foot, so
//! that text keeps to the grid and the column ends near the foot without a hole in it.

use crate::compose::Role;
use crate::layout::frame::{Item, Page};
use crate::units::Pt;

/// The most lines of the grid a gap grows by.
const MOST_LINES: usize = 3;

/// Spreads each column's room below its last block among its section breaks, in whole lines
/// of `grid`; `columns` are the left edges and widths, `top` and `bottom` their extent.
pub fn justify(page: &mut Page, columns: &[(Pt, Pt)], top: Pt, bottom: Pt, grid: Pt) {
    if grid <= Pt::ZERO {
        return;
    }
    // A column reaches halfway into the gutters on either side: punctuation hung into the
    // margin starts left of the column, and must move with its line.
    let half_gutter = match columns {
        [(a, wa), (b, _), ..] => (*b - (*a + *wa)) / 2.0,
        _ => grid,
    };
    for &(x, width) in columns {
        let inside = |item: &Item| {
            let left = left_of(item);
            left >= x - half_gutter
                && left < x + width + half_gutter
                && top_of(item) >= top - Pt(0.5)
        };
        let mut extents: Vec<Extent> = page
            .items
            .iter()
            .filter(|item| inside(item))
            .filter_map(extent)
            .collect();
        extents.sort_by(|a, b| a.top.0.total_cmp(&b.top.0).then(b.heading.cmp(&a.heading)));
        let Some(end) = extents.iter().map(|e| e.bottom).reduce(Pt::max) else {
            continue;
        };
        let lines = ((bottom - end).0 / grid.0 + 0.01).floor();
        let breaks = section_breaks(&extents);
        if lines < 1.0 || breaks.is_empty() {
            continue;
        }
        // The lines go round the breaks and the foot of the column, top down, a gap
        // taking three at most: more would cut the column in two.
        let lines = lines as usize;
        let mut given = vec![0usize; breaks.len()];
        let mut left = lines;
        'round: for _ in 0..MOST_LINES {
            for slot in 0..=breaks.len() {
                if left == 0 {
                    break 'round;
                }
                left -= 1;
                if let Some(g) = given.get_mut(slot) {
                    *g += 1;
                }
            }
        }
        let shifts: Vec<(Pt, Pt)> = breaks
            .iter()
            .zip(&given)
            .scan(0usize, |total, (&at, &n)| {
                *total += n;
                Some((at, grid * *total as f32))
            })
            .collect();
        for item in page.items.iter_mut().filter(|item| inside(item)) {
            let y = top_of(item);
            // The shift of the last gap above the item.
            let by = shifts
                .iter()
                .rev()
                .find(|(at, _)| y > *at)
                .map_or(Pt::ZERO, |s| s.1);
            shift(item, by);
        }
    }
}

/// What takes room in a column: a line, a fill or an image, from `top` to `bottom`.
struct Extent {
    top: Pt,
    bottom: Pt,
    /// A line of a heading.
    heading: bool,
}

/// Where the gaps before headings start, the extents sorted by top: the breaks between
/// sections, which may grow (what lies below a break moves down, an anchor set above its
/// heading's line too); the gaps between paragraphs of a section keep their spacing.
/// A heading that follows a heading directly (a day under "Programme") opens no break: the
/// two stay together.
fn section_breaks(extents: &[Extent]) -> Vec<Pt> {
    let mut breaks = Vec::new();
    let mut reach: Option<Pt> = None;
    // Whether what reaches lowest so far is a heading's line (not a heading inside a box).
    let mut after_heading = false;
    for e in extents {
        match reach {
            Some(end) if e.top > end && e.heading && !after_heading => breaks.push(end),
            Some(end) if e.top <= end && e.bottom < end => continue,
            _ => {}
        }
        reach = Some(reach.map_or(e.bottom, |end| end.max(e.bottom)));
        after_heading = e.heading;
    }
    breaks
}

fn extent(item: &Item) -> Option<Extent> {
    let (rect, heading) = match item {
        Item::Line(info) => (info.rect, matches!(info.role, Role::Heading(_))),
        Item::Fill(fill) => (fill.rect, false),
        Item::Image(image) => (image.rect, false),
        Item::Text(_) | Item::Link(_) | Item::Anchor(_) => return None,
    };
    Some(Extent {
        top: rect.y,
        bottom: rect.bottom(),
        heading,
    })
}

fn left_of(item: &Item) -> Pt {
    match item {
        Item::Text(run) => run.x,
        Item::Fill(fill) => fill.rect.x,
        Item::Image(image) => image.rect.x,
        Item::Link(link) => link.rect.x,
        Item::Line(info) => info.rect.x,
        Item::Anchor(anchor) => anchor.x,
    }
}

fn top_of(item: &Item) -> Pt {
    match item {
        Item::Text(run) => run.y,
        Item::Fill(fill) => fill.rect.y,
        Item::Image(image) => image.rect.y,
        Item::Link(link) => link.rect.y,
        Item::Line(info) => info.rect.y,
        Item::Anchor(anchor) => anchor.y,
    }
}

fn shift(item: &mut Item, by: Pt) {
    match item {
        Item::Text(run) => run.y += by,
        Item::Fill(fill) => fill.rect.y += by,
        Item::Image(image) => image.rect.y += by,
        Item::Link(link) => link.rect.y += by,
        Item::Line(info) => info.rect.y += by,
        Item::Anchor(anchor) => anchor.y += by,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_break_before_headings_that_stand_apart() {
        let e = |top: f32, bottom: f32, heading: bool| Extent {
            top: Pt(top),
            bottom: Pt(bottom),
            heading,
        };
        let extents = [
            e(0.0, 10.0, true),
            e(14.0, 40.0, false),
            // A box and the heading inside it start together: no gap.
            e(36.0, 60.0, false),
            e(50.0, 55.0, true),
            e(70.0, 80.0, true),
            e(84.0, 90.0, false),
            e(100.0, 110.0, false),
        ];
        // The break starts where the box above it ends.
        assert_eq!(section_breaks(&extents), vec![Pt(60.0)]);
    }

    #[test]
    fn a_heading_under_a_heading_stays_with_it() {
        let e = |top: f32, bottom: f32, heading: bool| Extent {
            top: Pt(top),
            bottom: Pt(bottom),
            heading,
        };
        let extents = [
            e(0.0, 10.0, true),
            e(20.0, 30.0, true),
            e(34.0, 40.0, false),
            e(50.0, 60.0, true),
            e(64.0, 70.0, false),
        ];
        assert_eq!(section_breaks(&extents), vec![Pt(40.0)]);
    }
}
