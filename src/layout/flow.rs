//! Flowing the body into columns and pages.
//!
//! Rules, in the order they bite: body lines sit on the baseline grid; a paragraph splits only
//! between lines, leaving at least two on each side, and not after a hyphenated line; a heading
//! moves with at least two lines of what follows; boxes and rows move whole; section headings
//! of a layout with a sidebar sit beside their first block. The last page's columns (the fact
//! sheet's only page) can be balanced.

use super::frame::{Item, Page};
use super::place::{Placer, SetPara, Slot, space_after, translate};
use super::{LayoutError, page_frame};
use crate::compose::{Flow, PageStyle};
use crate::diag::Span;
use crate::units::Pt;

/// A flow prepared for its width: lines to split, or a block to place whole.
///
/// Blocks are numbered here, in the order of the flow, so that the numbers follow the reading
/// order whatever the pages and columns do with them (the PDF's structure is built from them).
enum Prep {
    Lines(SetPara, usize),
    Whole {
        items: Vec<Item>,
        height: Pt,
        space_after: Pt,
        origin: Option<Span>,
    },
}

impl Prep {
    /// The least height that must follow a heading on its column: two lines (all of a
    /// paragraph too short to split two and two), or a whole block.
    fn min_start(&self) -> Pt {
        match self {
            Prep::Lines(set, _) => {
                let n = set.lines.len();
                set.height(if n < 4 { n } else { 2 })
            }
            Prep::Whole { height, .. } => *height,
        }
    }

    fn height(&self) -> Pt {
        match self {
            Prep::Lines(set, _) if set.para.side => Pt::ZERO,
            Prep::Lines(set, _) => {
                set.para.space_before + set.height(set.lines.len()) + set.para.space_after
            }
            Prep::Whole {
                height,
                space_after,
                ..
            } => *height + *space_after,
        }
    }

    fn origin(&self) -> Option<&Span> {
        match self {
            Prep::Lines(set, _) => set.para.origin.as_ref(),
            Prep::Whole { origin, .. } => origin.as_ref(),
        }
    }
}

/// Where the next thing goes.
struct Cursor<'s> {
    style: &'s PageStyle,
    pages: Vec<Page>,
    column: usize,
    y: Pt,
    /// Top of the column area on the current page.
    top: Pt,
    first_number: usize,
    /// The foot of the last sidebar heading: the next one goes below it.
    sidebar_floor: Pt,
    /// A shorter column foot for one page (balancing): (page index, bottom).
    short: Option<(usize, Pt)>,
}

impl Cursor<'_> {
    fn bottom(&self) -> Pt {
        match self.short {
            Some((page, bottom)) if page + 1 == self.pages.len() => bottom,
            _ => self.style.height - self.style.bottom,
        }
    }

    fn number(&self) -> usize {
        self.first_number + self.pages.len() - 1
    }

    fn x(&self) -> Pt {
        text_left(self.style, self.number())
            + (column_width(self.style) + self.style.gutter) * self.column as f32
    }

    fn at_top(&self) -> bool {
        self.y <= self.top
    }

    /// Moves `y` down to the next line of the baseline grid.
    fn snap(&mut self) {
        self.y = self.snapped(self.y);
    }

    /// `y` moved down to the next line of the baseline grid.
    fn snapped(&self, y: Pt) -> Pt {
        let grid = self.style.grid.0;
        if grid <= 0.0 {
            return y;
        }
        let steps = ((y - self.top).0 / grid - 0.01).ceil().max(0.0);
        self.top + Pt(steps * grid)
    }

    #[allow(
        clippy::indexing_slicing,
        reason = "the cursor starts with a page and only ever adds more"
    )]
    fn items(&mut self) -> &mut Vec<Item> {
        let index = self.pages.len() - 1;
        &mut self.pages[index].items
    }

    /// Moves to the next column, or the next page; on a single page, that is an overflow.
    fn next_column(&mut self, prep: &Prep, rest: Pt) -> Result<(), LayoutError> {
        if self.column + 1 < self.style.columns {
            self.column += 1;
            self.y = self.top;
            return Ok(());
        }
        if self.style.single_page
            || self
                .short
                .is_some_and(|(page, _)| page + 1 == self.pages.len())
        {
            return Err(LayoutError::Overflow {
                origin: prep.origin().cloned(),
                by: rest,
            });
        }
        if self.pages.len() >= super::MAX_PAGES {
            return Err(LayoutError::TooManyPages {
                origin: prep.origin().cloned(),
            });
        }
        let number = self.first_number + self.pages.len();
        self.pages.push(page_frame(self.style, Some(number)));
        self.column = 0;
        self.top = self.style.top;
        self.y = self.top;
        self.sidebar_floor = self.top;
        Ok(())
    }
}

/// The width of a text column (beside the sidebar, if any).
pub fn column_width(style: &PageStyle) -> Pt {
    let n = style.columns.max(1) as f32;
    let sidebar = style.sidebar.map_or(Pt::ZERO, |s| s.width + s.gap);
    (style.width - style.inner - style.outer - sidebar - style.gutter * (n - 1.0)) / n
}

/// The left edge of the type area: the inner margin is on the left of right-hand (odd) pages.
pub fn content_left(style: &PageStyle, number: usize) -> Pt {
    if number % 2 == 1 || style.single_page {
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

/// Flows `body` onto `first` (already holding a header, say) with columns starting at `top`,
/// adding pages as needed. `first`'s number is `first_number`.
pub fn flow(
    placer: &mut Placer,
    style: &PageStyle,
    body: &[Flow],
    first: Page,
    top: Pt,
    first_number: usize,
) -> Result<Vec<Page>, LayoutError> {
    let mut preps = Vec::with_capacity(body.len());
    for flow in body {
        preps.push(prepare(placer, style, flow)?);
    }
    let start = Start {
        first: &first,
        top,
        first_number,
    };
    let pages = run(placer, style, &preps, &start, None)?;
    if !style.balance {
        return Ok(pages);
    }
    // Balance: the shortest foot for the last page that still holds everything on it.
    let last = pages.len() - 1;
    let column_top = if last == 0 { top } else { style.top };
    let grid = style.grid.0.max(1.0);
    let full = style.height - style.bottom;
    let steps = ((full - column_top).0 / grid).floor() as usize;
    let (mut lo, mut hi) = (1usize, steps);
    let mut best = None;
    while lo <= hi {
        let mid = (lo + hi) / 2;
        let bottom = column_top + Pt(mid as f32 * grid);
        match run(placer, style, &preps, &start, Some((last, bottom))) {
            Ok(balanced) if balanced.len() == pages.len() => {
                best = Some(balanced);
                hi = mid - 1;
            }
            _ => lo = mid + 1,
        }
    }
    Ok(best.unwrap_or(pages))
}

/// Where the flow begins.
struct Start<'a> {
    first: &'a Page,
    top: Pt,
    first_number: usize,
}

fn run(
    placer: &mut Placer,
    style: &PageStyle,
    preps: &[Prep],
    start: &Start,
    short: Option<(usize, Pt)>,
) -> Result<Vec<Page>, LayoutError> {
    let mut cursor = Cursor {
        style,
        pages: vec![start.first.clone()],
        column: 0,
        y: start.top,
        top: start.top,
        first_number: start.first_number,
        sidebar_floor: start.top,
        short,
    };
    let column_height = style.height - style.top - style.bottom;
    // A block right after a sidebar heading starts level with it, without its space before.
    let mut beside_heading = false;
    // Where the next paragraph of a sidebar group goes.
    let mut side_y = start.top;
    for (k, prep) in preps.iter().enumerate() {
        let rest = |from: usize| -> Pt { preps.iter().skip(from).map(Prep::height).sum() };
        match prep {
            Prep::Lines(set, block) if set.para.side && style.sidebar.is_some() => {
                let is_side = |p: &Prep| matches!(p, Prep::Lines(s, _) if s.para.side);
                if !beside_heading {
                    if !cursor.at_top() {
                        cursor.y += set.para.space_before;
                    }
                    cursor.y = cursor.y.max(cursor.sidebar_floor);
                    cursor.snap();
                    // The sidebar group (a section number and its heading, say) and the least
                    // of what it introduces must share the column.
                    let group: Pt = preps
                        .iter()
                        .skip(k)
                        .take_while(|p| is_side(p))
                        .map(|p| match p {
                            Prep::Lines(s, _) => s.height(s.lines.len()) + s.para.space_after,
                            Prep::Whole { .. } => Pt::ZERO,
                        })
                        .sum();
                    let next = preps.iter().skip(k).find(|p| !is_side(p));
                    let need = group.max(next.map_or(Pt::ZERO, Prep::min_start));
                    if cursor.y + need > cursor.bottom() && !cursor.at_top() {
                        cursor.next_column(prep, rest(k))?;
                    }
                    side_y = cursor.y;
                }
                let slot = Slot {
                    x: content_left(style, cursor.number()),
                    y: side_y,
                    width: style.sidebar.map_or(Pt::ZERO, |s| s.width),
                };
                placer.emit_lines(set, 0..set.lines.len(), slot, *block, cursor.items());
                side_y += set.height(set.lines.len()) + set.para.space_after;
                cursor.sidebar_floor = side_y;
                beside_heading = true;
            }
            Prep::Lines(set, block) => {
                if !cursor.at_top() && !beside_heading {
                    cursor.y += set.para.space_before;
                }
                beside_heading = false;
                cursor.snap();
                if set.para.keep_with_next {
                    // Where what follows would start (spacing and the grid included), and the
                    // least of it that must fit under the heading.
                    let next = preps.get(k + 1);
                    let gap = match next {
                        Some(Prep::Lines(n, _)) => n.para.space_before,
                        _ => Pt::ZERO,
                    };
                    let after = cursor.snapped(
                        cursor.y + set.height(set.lines.len()) + set.para.space_after + gap,
                    );
                    let end = after + next.map_or(Pt::ZERO, Prep::min_start);
                    if end > cursor.bottom() && !cursor.at_top() {
                        cursor.next_column(prep, rest(k) - (cursor.bottom() - cursor.y))?;
                        cursor.snap();
                    }
                }
                place_lines(placer, &mut cursor, (set, *block), prep, rest(k + 1))?;
                cursor.y += set.para.space_after;
            }
            Prep::Whole {
                items,
                height,
                space_after,
                origin,
            } => {
                beside_heading = false;
                cursor.snap();
                if *height > column_height {
                    return Err(LayoutError::TooTall {
                        origin: origin.clone(),
                        height: *height,
                        column: column_height,
                    });
                }
                if cursor.y + *height > cursor.bottom() && !cursor.at_top() {
                    cursor.next_column(prep, rest(k) - (cursor.bottom() - cursor.y))?;
                }
                if cursor.y + *height > cursor.bottom() {
                    return Err(LayoutError::Overflow {
                        origin: origin.clone(),
                        by: rest(k) - (cursor.bottom() - cursor.y),
                    });
                }
                let mut items = items.clone();
                translate(&mut items, cursor.x(), cursor.y);
                cursor.items().extend(items);
                cursor.y += *height + *space_after;
            }
        }
    }
    Ok(cursor.pages)
}

/// Places a paragraph's lines, splitting it across columns with at least two lines each side
/// and never after a hyphenated line.
fn place_lines(
    placer: &mut Placer,
    cursor: &mut Cursor,
    (set, block): (&SetPara, usize),
    prep: &Prep,
    after: Pt,
) -> Result<(), LayoutError> {
    let n = set.lines.len();
    let leading = set.para.leading;
    let mut i = 0;
    while i < n {
        let room = cursor.bottom() - cursor.y;
        let fit = ((room.0 + 0.01) / leading.0).floor().max(0.0) as usize;
        let remaining = n - i;
        let mut take = remaining.min(fit);
        if take < remaining {
            // Widows: leave at least two lines for the next column.
            take = take.min(remaining.saturating_sub(2));
            // A column does not end on a hyphen when one line less keeps the rules.
            let hyphenated =
                |t: usize| t > 0 && set.lines.get(i + t - 1).is_some_and(|l| l.hyphenated);
            if hyphenated(take) && (take >= 3 || i > 0 && take >= 2) {
                take -= 1;
            }
            // Orphans: never start a paragraph with a single line at a column foot.
            if i == 0 && take < 2 {
                take = 0;
            }
            if take == 0 && cursor.at_top() {
                // A column too short for the rules: better a short split than no progress.
                take = fit.max(1).min(remaining);
            }
        }
        if take > 0 {
            let slot = Slot {
                x: cursor.x(),
                y: cursor.y,
                width: column_width(cursor.style),
            };
            placer.emit_lines(set, i..i + take, slot, block, cursor.items());
            cursor.y += set.height(take);
            i += take;
        }
        if i < n {
            let left = set.height(n - i) + set.para.space_after + after;
            cursor.next_column(prep, left)?;
        }
    }
    Ok(())
}

fn prepare(placer: &mut Placer, style: &PageStyle, flow: &Flow) -> Result<Prep, LayoutError> {
    let width = column_width(style);
    match flow {
        Flow::Para(para) => {
            let width = match style.sidebar {
                Some(sidebar) if para.side => sidebar.width,
                _ => width,
            };
            let set = placer
                .set(para, width)
                .map_err(|e| LayoutError::from_break(e, para.origin.clone()))?;
            Ok(Prep::Lines(set, placer.block_id()))
        }
        other => {
            let origin = match other {
                Flow::Boxed { origin, .. }
                | Flow::Row { origin, .. }
                | Flow::Timeline { origin, .. } => origin.clone(),
                _ => None,
            };
            let (items, height) = placer
                .atomic(other, width)
                .map_err(|e| LayoutError::from_break(e, origin.clone()))?;
            Ok(Prep::Whole {
                items,
                height,
                space_after: space_after(other),
                origin,
            })
        }
    }
}
