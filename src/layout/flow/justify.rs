//! Justify: a one-page document's columns reach the foot of the page.
//!
//! Balancing evens the columns, but blocks that never split (a box, a grid) leave a column
//! short by a few lines, and a document set at the largest size that fits may still end
//! above its foot. What is left of each column is handed out, a line of the baseline grid at a
//! time, to the breaks between its sections (the gaps before headings) and to its foot, so
//! that text keeps to the grid and the column ends near the foot without a hole in it.
//! Headings of neighbouring columns left a line or two apart are then brought level.

use crate::compose::Role;
use crate::layout::frame::{Item, Page};
use crate::units::Pt;

/// The most lines of the grid a gap grows by.
const MOST_LINES: usize = 3;

/// How far apart, in lines of the grid, headings of neighbouring columns may sit and still be
/// brought level: further apart, they were never meant to line up.
const ALIGN_LINES: f32 = 2.0;

/// Spreads each column's room below its last block among its section breaks, in whole lines
/// of `grid`; `columns` are the left edges and widths, `top` and `bottom` their extent.
/// Headings of neighbouring columns that end up within two lines of each other are then
/// brought level, with lines from a column's foot or gaps.
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
    let area = |x: Pt, width: Pt| Area {
        left: x - half_gutter,
        right: x + width + half_gutter,
        top: top - Pt(0.5),
    };
    let mut plans: Vec<Plan> = columns
        .iter()
        .map(|&(x, width)| plan(page, area(x, width), bottom, grid))
        .collect();
    level(&mut plans, grid);
    for plan in &plans {
        let shifts: Vec<(Pt, Pt)> = plan
            .breaks
            .iter()
            .scan(0usize, |total, b| {
                *total += b.lines;
                Some((b.at, grid * *total as f32))
            })
            .collect();
        for item in page.items.iter_mut().filter(|item| plan.area.holds(item)) {
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

/// The part of the page a column's items start in.
#[derive(Clone, Copy)]
struct Area {
    left: Pt,
    right: Pt,
    top: Pt,
}

impl Area {
    fn holds(&self, item: &Item) -> bool {
        let left = left_of(item);
        left >= self.left && left < self.right && top_of(item) >= self.top
    }
}

/// How a column grows: the lines each break takes, and those left at its foot.
struct Plan {
    area: Area,
    breaks: Vec<Break>,
    spare: usize,
}

/// A gap before a heading: where it starts, where the heading's line starts, and the lines of
/// the grid it grows by.
struct Break {
    at: Pt,
    heading: Pt,
    lines: usize,
}

/// The lines left below a column's last block go round its breaks and its foot, top down, a
/// gap taking three at most: more would cut the column in two.
fn plan(page: &Page, area: Area, bottom: Pt, grid: Pt) -> Plan {
    let mut extents: Vec<Extent> = page
        .items
        .iter()
        .filter(|item| area.holds(item))
        .filter_map(extent)
        .collect();
    extents.sort_by(|a, b| a.top.0.total_cmp(&b.top.0).then(b.heading.cmp(&a.heading)));
    let end = extents.iter().map(|e| e.bottom).reduce(Pt::max);
    let lines = end.map_or(0.0, |end| ((bottom - end).0 / grid.0 + 0.01).floor());
    let mut breaks = section_breaks(&extents);
    if breaks.is_empty() {
        // Nothing moves; the foot keeps what is left.
        return Plan {
            area,
            breaks,
            spare: 0,
        };
    }
    let lines = lines.max(0.0) as usize;
    let mut left = lines;
    'round: for _ in 0..MOST_LINES {
        for slot in 0..=breaks.len() {
            if left == 0 {
                break 'round;
            }
            left -= 1;
            if let Some(b) = breaks.get_mut(slot) {
                b.lines += 1;
            }
        }
    }
    let spare = lines - breaks.iter().map(|b| b.lines).sum::<usize>();
    Plan {
        area,
        breaks,
        spare,
    }
}

/// Brings level, top down, the headings of neighbouring columns that sit within
/// [`ALIGN_LINES`] of each other on the same grid: the higher moves down with lines from its
/// column's foot, or the lower up by giving back lines of its own gap.
fn level(plans: &mut [Plan], grid: Pt) {
    for c in 1..plans.len() {
        let (left, right) = plans.split_at_mut(c);
        let (Some(a), Some(b)) = (left.last_mut(), right.first_mut()) else {
            continue;
        };
        for i in 0..a.breaks.len() {
            for j in 0..b.breaks.len() {
                let (ya, yb) = (a.heading_at(i, grid), b.heading_at(j, grid));
                let apart = (ya - yb).0.abs() / grid.0;
                let k = apart.round();
                if !(1.0..=ALIGN_LINES).contains(&k) || (apart - k).abs() > 0.05 {
                    continue;
                }
                let k = k as usize;
                let (higher, hi, lower, lo) = if ya < yb {
                    (&mut *a, i, &mut *b, j)
                } else {
                    (&mut *b, j, &mut *a, i)
                };
                let room = higher
                    .breaks
                    .get(hi)
                    .is_some_and(|b| b.lines + k <= MOST_LINES);
                if higher.spare >= k && room {
                    higher.spare -= k;
                    if let Some(b) = higher.breaks.get_mut(hi) {
                        b.lines += k;
                    }
                } else if let Some(b) = lower.breaks.get_mut(lo)
                    && b.lines >= k
                {
                    b.lines -= k;
                    lower.spare += k;
                }
            }
        }
    }
}

impl Plan {
    /// Where the heading of break `i` starts once the column has grown.
    fn heading_at(&self, i: usize, grid: Pt) -> Pt {
        let lines: usize = self.breaks.iter().take(i + 1).map(|b| b.lines).sum();
        self.breaks
            .get(i)
            .map_or(Pt::ZERO, |b| b.heading + grid * lines as f32)
    }
}

/// What takes room in a column: a line, a fill or an image, from `top` to `bottom`.
struct Extent {
    top: Pt,
    bottom: Pt,
    /// A line of a heading.
    heading: bool,
}

/// The gaps before headings, the extents sorted by top: the breaks between sections, which
/// may grow (what lies below a break moves down, an anchor set above its heading's line too);
/// the gaps between paragraphs of a section keep their spacing. A heading that follows a
/// heading directly (a day under "Programme") opens no break: the two stay together.
fn section_breaks(extents: &[Extent]) -> Vec<Break> {
    let mut breaks = Vec::new();
    let mut reach: Option<Pt> = None;
    // Whether what reaches lowest so far is a heading's line (not a heading inside a box).
    let mut after_heading = false;
    for e in extents {
        match reach {
            Some(end) if e.top > end && e.heading && !after_heading => breaks.push(Break {
                at: end,
                heading: e.top,
                lines: 0,
            }),
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

    fn starts(extents: &[Extent]) -> Vec<Pt> {
        section_breaks(extents).iter().map(|b| b.at).collect()
    }

    fn e(top: f32, bottom: f32, heading: bool) -> Extent {
        Extent {
            top: Pt(top),
            bottom: Pt(bottom),
            heading,
        }
    }

    #[test]
    fn sections_break_before_headings_that_stand_apart() {
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
        assert_eq!(starts(&extents), vec![Pt(60.0)]);
    }

    #[test]
    fn a_heading_under_a_heading_stays_with_it() {
        let extents = [
            e(0.0, 10.0, true),
            e(20.0, 30.0, true),
            e(34.0, 40.0, false),
            e(50.0, 60.0, true),
            e(64.0, 70.0, false),
        ];
        assert_eq!(starts(&extents), vec![Pt(40.0)]);
    }

    #[test]
    fn neighbouring_headings_are_brought_level() {
        let area = Area {
            left: Pt::ZERO,
            right: Pt::ZERO,
            top: Pt::ZERO,
        };
        let plan = |heading: f32, lines: usize, spare: usize| Plan {
            area,
            breaks: vec![Break {
                at: Pt(heading - 4.0),
                heading: Pt(heading),
                lines,
            }],
            spare,
        };
        let grid = Pt(10.0);
        // The higher heading moves down with a line of its foot…
        let mut plans = [plan(100.0, 1, 2), plan(100.0, 2, 0)];
        level(&mut plans, grid);
        assert_eq!(
            (plans[0].heading_at(0, grid), plans[0].spare),
            (Pt(120.0), 1)
        );
        // …or, with none, the lower gives a line of its gap back.
        let mut plans = [plan(100.0, 0, 0), plan(100.0, 1, 0)];
        level(&mut plans, grid);
        assert_eq!(plans[1].heading_at(0, grid), Pt(100.0));
        // Three lines apart, or off the grid, they stay.
        let mut plans = [plan(100.0, 0, 5), plan(130.0, 0, 0)];
        level(&mut plans, grid);
        assert_eq!(plans[0].heading_at(0, grid), Pt(100.0));
        let mut plans = [plan(100.0, 0, 5), plan(104.0, 0, 0)];
        level(&mut plans, grid);
        assert_eq!(plans[0].heading_at(0, grid), Pt(100.0));
    }
}
