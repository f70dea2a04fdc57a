//! Flowing the body into columns and pages: paragraphs split between lines (never leaving
//! fewer than two lines on either side), headings kept with what follows, boxes and rows
//! moved whole to the next column when they do not fit.

use super::frame::{Item, Page};
use super::place::{Placer, SetPara, Slot, space_after, translate};
use super::{LayoutError, page_frame};
use crate::compose::{Flow, PageStyle};
use crate::diag::Span;
use crate::units::Pt;

/// A flow prepared for the column width: lines to split, or a block to place whole.
enum Prep {
    Lines(SetPara),
    Whole {
        items: Vec<Item>,
        height: Pt,
        space_after: Pt,
        origin: Option<Span>,
    },
}

impl Prep {
    /// The least height that must follow a heading on its column: two lines, or a whole block.
    fn min_start(&self) -> Pt {
        match self {
            Prep::Lines(set) => set.para.space_before + set.height(set.lines.len().min(2)),
            Prep::Whole { height, .. } => *height,
        }
    }

    fn height(&self) -> Pt {
        match self {
            Prep::Lines(set) => {
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
            Prep::Lines(set) => set.para.origin.as_ref(),
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
}

impl Cursor<'_> {
    fn bottom(&self) -> Pt {
        self.style.height - self.style.bottom
    }

    fn column_width(&self) -> Pt {
        column_width(self.style)
    }

    fn x(&self) -> Pt {
        let number = self.first_number + self.pages.len() - 1;
        let left = content_left(self.style, number);
        left + (self.column_width() + self.style.gutter) * self.column as f32
    }

    fn at_top(&self) -> bool {
        self.y <= self.top
    }

    fn items(&mut self) -> &mut Vec<Item> {
        // A page is pushed before the cursor is handed out, so there is always a last one.
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
        if self.style.single_page {
            return Err(LayoutError::Overflow {
                origin: prep.origin().cloned(),
                by: rest,
            });
        }
        let number = self.first_number + self.pages.len();
        self.pages.push(page_frame(self.style, Some(number)));
        self.column = 0;
        self.top = self.style.top;
        self.y = self.top;
        Ok(())
    }
}

pub fn column_width(style: &PageStyle) -> Pt {
    let n = style.columns.max(1) as f32;
    (style.width - style.inner - style.outer - style.gutter * (n - 1.0)) / n
}

/// The left edge of the text area: the inner margin is on the left of right-hand (odd) pages.
pub fn content_left(style: &PageStyle, number: usize) -> Pt {
    if number % 2 == 1 || style.single_page {
        style.inner
    } else {
        style.outer
    }
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
    let width = column_width(style);
    let mut preps = Vec::with_capacity(body.len());
    for flow in body {
        preps.push(prepare(placer, flow, width)?);
    }
    let mut cursor = Cursor {
        style,
        pages: vec![first],
        column: 0,
        y: top,
        top,
        first_number,
    };
    let column_height = style.height - style.top - style.bottom;
    for (k, prep) in preps.iter().enumerate() {
        let rest = |from: usize| -> Pt { preps.iter().skip(from).map(Prep::height).sum() };
        match prep {
            Prep::Lines(set) => {
                if !cursor.at_top() {
                    cursor.y += set.para.space_before;
                }
                if set.para.keep_with_next {
                    let need = set.height(set.lines.len())
                        + set.para.space_after
                        + preps.get(k + 1).map_or(Pt::ZERO, Prep::min_start);
                    if cursor.y + need > cursor.bottom() && !cursor.at_top() {
                        cursor.next_column(prep, rest(k) - (cursor.bottom() - cursor.y))?;
                    }
                }
                place_lines(placer, &mut cursor, set, prep, rest(k + 1))?;
                cursor.y += set.para.space_after;
            }
            Prep::Whole {
                items,
                height,
                space_after,
                origin,
            } => {
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
                let mut items = items.clone();
                translate(&mut items, cursor.x(), cursor.y);
                cursor.items().extend(items);
                cursor.y += *height + *space_after;
            }
        }
    }
    Ok(cursor.pages)
}

/// Places a paragraph's lines, splitting it across columns with at least two lines each side.
fn place_lines(
    placer: &mut Placer,
    cursor: &mut Cursor,
    set: &SetPara,
    prep: &Prep,
    after: Pt,
) -> Result<(), LayoutError> {
    let n = set.lines.len();
    let leading = set.para.leading;
    let block = placer.block_id();
    let mut i = 0;
    while i < n {
        let room = cursor.bottom() - cursor.y;
        let fit = ((room.0 + 0.01) / leading.0).floor().max(0.0) as usize;
        let remaining = n - i;
        let mut take = remaining.min(fit);
        if take < remaining {
            // Widows: leave at least two lines for the next column.
            take = take.min(remaining.saturating_sub(2));
            // Orphans: never start a paragraph with a single line at a column foot.
            if i == 0 && take < 2 {
                take = 0;
            }
            if take == 0 && cursor.at_top() {
                // A column too short for the rule: better a short split than no progress.
                take = fit.max(1).min(remaining);
            }
        }
        if take > 0 {
            let slot = Slot {
                x: cursor.x(),
                y: cursor.y,
                width: cursor.column_width(),
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

fn prepare(placer: &mut Placer, flow: &Flow, width: Pt) -> Result<Prep, LayoutError> {
    match flow {
        Flow::Para(para) => placer
            .set(para, width)
            .map(Prep::Lines)
            .map_err(|e| LayoutError::from_break(e, para.origin.clone())),
        other => {
            let origin = match other {
                Flow::Boxed { origin, .. } | Flow::Row { origin, .. } => origin.clone(),
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
