//! Prepare: every flow set for its width, as the parts the columns can break between.
//!
//! Blocks are numbered here, in the order of the flow, so that the numbers follow the reading
//! order whatever the pages and columns do with them (the PDF's structure is built from them).

use super::column_width;
use crate::compose::{Flow, PageStyle, Role};
use crate::diag::Span;
use crate::layout::LayoutError;
use crate::layout::frame::Item;
use crate::layout::place::{Piece, Placer, SetPara, space_after};
use crate::units::{Colour, Pt};
use std::rc::Rc;

/// A flow prepared for its width.
pub enum Prep {
    /// A paragraph's lines, split between lines.
    Lines(SetPara, usize),
    /// Placed whole: a row of a grid, an entry of a timeline, an image with its caption.
    Whole(Whole),
    /// A box whose background follows its parts across a column break.
    Box(Boxed),
}

pub struct Whole {
    pub items: Vec<Item>,
    pub height: Pt,
    pub space_after: Pt,
    pub origin: Option<Span>,
    /// Never the last thing in a column.
    pub keep: bool,
    /// May wait for the top of the next column while the text after it goes on.
    pub float: bool,
    /// Continues the part before it (an entry of a timeline, a row of a grid): follows it at
    /// its own spacing, off the baseline grid.
    pub joined: bool,
    /// Set above it when it opens a column (see [`Again`]).
    pub again: Option<Rc<Again>>,
}

/// A heading set again above the part of a timeline that opens a column, so that the column
/// says what it goes on with (a programme's day, «continued»).
pub struct Again {
    pub items: Vec<Item>,
    pub height: Pt,
    pub space_after: Pt,
}

pub struct Boxed {
    pub fill: Colour,
    pub bar: Option<(Colour, Pt)>,
    pub padding: Pt,
    pub parts: Vec<Prep>,
    pub space_after: Pt,
    pub origin: Option<Span>,
    /// Small enough (under a third of a column) to move whole rather than break.
    pub small: bool,
}

impl Boxed {
    /// The least of it that must fit where it starts: all of a small box; of a long one, its
    /// padding, the parts kept together at its head and the least of the part after them.
    pub fn min_start(&self) -> Pt {
        let whole = self.padding * 2.0 + self.parts.iter().map(Prep::height).sum::<Pt>();
        if self.small {
            return whole;
        }
        let kept = self.parts.iter().take_while(|p| p.keep()).count();
        let head: Pt = self.parts.iter().take(kept).map(Prep::height).sum();
        self.padding + head + self.parts.get(kept).map_or(Pt::ZERO, Prep::min_start)
    }

    /// How far its parts are set in from the column's start edge, and the width they lose.
    pub fn inset(&self) -> (Pt, Pt) {
        let bar = self.bar.map_or(Pt::ZERO, |(_, width)| width);
        (self.padding + bar, self.padding * 2.0 + bar)
    }
}

impl Prep {
    /// Never the last thing in its column: a heading, an introduction.
    pub fn keep(&self) -> bool {
        match self {
            Prep::Lines(set, _) => set.para.keep_with_next,
            Prep::Whole(whole) => whole.keep,
            Prep::Box(_) => false,
        }
    }

    /// Set in the sidebar (a section's number and heading).
    pub fn side(&self) -> bool {
        matches!(self, Prep::Lines(set, _) if set.para.side)
    }

    /// The least of it that must share a column with what is kept with it: two lines (all of a
    /// paragraph too short to split two and two), a whole piece, a box's first part.
    pub fn min_start(&self) -> Pt {
        match self {
            Prep::Lines(set, _) => {
                let n = set.lines.len();
                set.para.space_before + set.height(if n < 4 { n } else { 2 })
            }
            Prep::Whole(whole) => whole.height,
            Prep::Box(b) => b.min_start(),
        }
    }

    /// How much lower than its spaces say it may start: a line of the grid it snaps to, none
    /// for a piece that follows the one before it at its own spacing.
    pub fn slack(&self, grid: Pt) -> Pt {
        match self {
            Prep::Whole(whole) if whole.joined => Pt::ZERO,
            _ => grid,
        }
    }

    /// Its whole height, spaces included, for the messages that say how much does not fit.
    pub fn height(&self) -> Pt {
        match self {
            Prep::Lines(set, _) if set.para.side => Pt::ZERO,
            Prep::Lines(set, _) => {
                set.para.space_before + set.height(set.lines.len()) + set.para.space_after
            }
            Prep::Whole(whole) => whole.height + whole.space_after,
            Prep::Box(b) => {
                b.padding * 2.0 + b.parts.iter().map(Prep::height).sum::<Pt>() + b.space_after
            }
        }
    }

    pub fn space_after(&self) -> Pt {
        match self {
            Prep::Lines(set, _) => set.para.space_after,
            Prep::Whole(whole) => whole.space_after,
            Prep::Box(b) => b.space_after,
        }
    }

    pub fn origin(&self) -> Option<&Span> {
        match self {
            Prep::Lines(set, _) => set.para.origin.as_ref(),
            Prep::Whole(whole) => whole.origin.as_ref(),
            Prep::Box(b) => b.origin.as_ref(),
        }
    }
}

/// The body's flows, prepared for the page's columns.
pub fn prepare(
    placer: &mut Placer,
    style: &PageStyle,
    body: &[Flow],
) -> Result<Vec<Prep>, LayoutError> {
    let mut preps = Vec::with_capacity(body.len());
    parts(placer, style, body, column_width(style), &mut preps)?;
    Ok(preps)
}

/// Prepares `flows` at `width` into `out`.
fn parts(
    placer: &mut Placer,
    style: &PageStyle,
    flows: &[Flow],
    width: Pt,
    out: &mut Vec<Prep>,
) -> Result<(), LayoutError> {
    let mut i = 0;
    while let Some(flow) = flows.get(i) {
        i += 1;
        let origin = flow_origin(flow);
        let broken = |e| LayoutError::from_break(e, origin.clone());
        match flow {
            Flow::Para(para) => {
                let width = match style.sidebar {
                    Some(sidebar) if para.side => sidebar.width,
                    _ => width,
                };
                let mut set = placer.set(para, width).map_err(broken)?;
                // A sidebar heading with a word wider than the sidebar steps down the scale
                // (to 73 % at most) rather than hyphenate it («com-plémentaires») or break a
                // compound at its hyphen («sommes-/nous»).
                let splits = |set: &SetPara| {
                    set.lines
                        .iter()
                        .any(crate::layout::par::Line::splits_a_word)
                };
                if para.side && !para.hyphenate && splits(&set) {
                    let mut smaller = para.clone();
                    for _ in 0..3 {
                        for run in &mut smaller.runs {
                            run.style.size = run.style.size * 0.9;
                        }
                        smaller.leading = smaller.leading * 0.9;
                        let tried = placer.set(&smaller, width).map_err(broken)?;
                        if !splits(&tried) {
                            set = tried;
                            break;
                        }
                    }
                }
                out.push(Prep::Lines(set, placer.block_id()));
            }
            Flow::Image { .. } => {
                // An image and its caption go together, wherever the image floats to.
                let mut figure = vec![flow.clone()];
                if let Some(caption @ Flow::Para(p)) = flows.get(i)
                    && p.role == Role::Caption
                {
                    figure.push(caption.clone());
                    i += 1;
                }
                let (items, height) = placer.stack(&figure, width).map_err(broken)?;
                let space_after = figure.last().map_or(Pt::ZERO, space_after);
                out.push(Prep::Whole(Whole {
                    items,
                    height,
                    space_after,
                    origin,
                    keep: false,
                    float: true,
                    joined: false,
                    again: None,
                }));
            }
            Flow::Row {
                cells,
                gap,
                min_cell,
                space_after,
                ..
            } => {
                let pieces = placer
                    .row_pieces(cells, *gap, *min_cell, width)
                    .map_err(broken)?;
                wholes(pieces, *space_after, origin, None, out);
            }
            Flow::Timeline {
                entries,
                rail,
                label_width,
                space_after,
                continued,
                ..
            } => {
                let pieces = placer
                    .timeline_pieces(entries, rail, *label_width, width)
                    .map_err(broken)?;
                let again = match continued {
                    Some(para) => {
                        let flow = [Flow::Para(para.clone())];
                        let (items, height) = placer.stack(&flow, width).map_err(broken)?;
                        Some(Rc::new(Again {
                            items,
                            height,
                            space_after: para.space_after,
                        }))
                    }
                    None => None,
                };
                wholes(pieces, *space_after, origin, again, out);
            }
            Flow::Boxed {
                fill,
                bar,
                padding,
                space_after,
                content,
                ..
            } => {
                let mut b = Boxed {
                    fill: *fill,
                    bar: *bar,
                    padding: *padding,
                    parts: Vec::new(),
                    space_after: *space_after,
                    origin: origin.clone(),
                    small: false,
                };
                let (_, narrower) = b.inset();
                parts(placer, style, content, width - narrower, &mut b.parts)?;
                let whole = b.padding * 2.0 + b.parts.iter().map(Prep::height).sum::<Pt>();
                b.small = whole <= (style.height - style.top - style.bottom) * 0.3;
                out.push(Prep::Box(b));
            }
            Flow::Aside { .. } | Flow::Entry { .. } | Flow::Rule { .. } => {
                let (items, height) = placer.atomic(flow, width).map_err(broken)?;
                out.push(Prep::Whole(Whole {
                    items,
                    height,
                    space_after: space_after(flow),
                    origin,
                    keep: false,
                    float: false,
                    joined: false,
                    again: None,
                }));
            }
        }
    }
    Ok(())
}

/// The pieces of a grid or a timeline as parts placed whole, the last with the flow's space
/// after, those after the first with `again` to set above them in a new column. Split
/// between columns, each side keeps two pieces at least, as a paragraph keeps two lines: the
/// first and the last but one are never last in a column.
fn wholes(
    pieces: Vec<Piece>,
    space_after: Pt,
    origin: Option<Span>,
    again: Option<Rc<Again>>,
    out: &mut Vec<Prep>,
) {
    let count = pieces.len();
    let kept = |i: usize| count >= 2 && (i == 0 || i + 2 == count);
    for (i, piece) in pieces.into_iter().enumerate() {
        out.push(Prep::Whole(Whole {
            items: piece.items,
            height: piece.height,
            space_after: if i + 1 == count {
                space_after
            } else {
                piece.space_after
            },
            origin: piece.origin.or_else(|| origin.clone()),
            keep: kept(i),
            float: false,
            joined: i > 0,
            again: again.clone().filter(|_| i > 0),
        }));
    }
}

fn flow_origin(flow: &Flow) -> Option<Span> {
    match flow {
        Flow::Para(p) => p.origin.clone(),
        Flow::Boxed { origin, .. } | Flow::Row { origin, .. } | Flow::Timeline { origin, .. } => {
            origin.clone()
        }
        Flow::Image { image, .. } => image.origin.clone(),
        // An icon or a code beside text: the text's place.
        Flow::Aside { content, .. } => content.iter().find_map(flow_origin),
        Flow::Entry { .. } | Flow::Rule { .. } => None,
    }
}
