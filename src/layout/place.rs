//! Placing set material: lines become text runs and links; boxes, rows and images become
//! items measured as a whole.

use super::frame::{Anchor, Fill, Item, LineInfo, Link, PlacedImage, Rect, TextRun};
use super::par::{BreakError, Line, Memo, Segment};
use super::shape::Shaper;
use crate::compose::{Flow, Para, Role};
use crate::units::Pt;

/// Where lines go: the left edge and top of the first line, and the measure.
#[derive(Clone, Copy, Debug)]
pub struct Slot {
    pub x: Pt,
    pub y: Pt,
    pub width: Pt,
}

/// A paragraph broken into lines for a width.
pub struct SetPara {
    pub para: Para,
    pub lines: Vec<Line>,
    /// Distance from a line's top to its baseline.
    pub ascent: Pt,
}

impl SetPara {
    /// Height of `n` lines.
    pub fn height(&self, n: usize) -> Pt {
        self.para.leading * n as f32
    }
}

/// Layout's working state: the shaper, block numbering and warnings.
pub struct Placer<'a> {
    pub shaper: Shaper<'a>,
    /// Paragraphs broken so far, for the passes that set them again.
    pub memo: Memo,
    pub next_block: usize,
    pub warnings: Vec<crate::diag::Diagnostic>,
}

impl<'a> Placer<'a> {
    pub fn set(&mut self, para: &Para, width: Pt) -> Result<SetPara, BreakError> {
        let lines = self
            .memo
            .lines(&mut self.shaper, para, width, &mut self.warnings)?;
        let size = para.runs.first().map_or(Pt(10.0), |r| r.style.size);
        let face = para.runs.first().map(|r| self.shaper.book.id(r.style.face));
        let (asc, desc) = face.map_or((0.9, -0.25), |f| {
            let face = self.shaper.book.face(f);
            (
                face.ascender / face.units_per_em,
                face.descender / face.units_per_em,
            )
        });
        // Centre the font's line box in the leading.
        let half_leading = (para.leading - size * (asc - desc)) / 2.0;
        Ok(SetPara {
            para: para.clone(),
            lines,
            ascent: half_leading + size * asc,
        })
    }

    pub fn block_id(&mut self) -> usize {
        self.next_block += 1;
        self.next_block
    }

    /// Emits lines `range` of `set` into `slot`, the first line's top at the slot's top.
    pub fn emit_lines(
        &mut self,
        set: &SetPara,
        range: std::ops::Range<usize>,
        slot: Slot,
        block: usize,
        items: &mut Vec<Item>,
    ) {
        let Slot { x, mut y, width } = slot;
        let para = &set.para;
        for i in range {
            let Some(line) = set.lines.get(i) else { break };
            let baseline = y + set.ascent;
            if i == 0
                && let Some(name) = &para.anchor
            {
                items.push(Item::Anchor(Anchor {
                    name: name.clone(),
                    x,
                    y,
                }));
            }
            if i == 0
                && let Some(marker) = &para.marker
            {
                let marker_para = Para {
                    runs: vec![crate::compose::Run {
                        text: marker.text.clone(),
                        style: marker.style,
                        link: None,
                    }],
                    marker: None,
                    indent: Pt::ZERO,
                    ..para.clone()
                };
                if let Ok(mut lines) =
                    self.memo
                        .lines(&mut self.shaper, &marker_para, width, &mut self.warnings)
                    && let Some(line) = lines.pop()
                {
                    emit_line(&line, x, baseline, Role::Label, block, items, para.rtl);
                }
            }
            let start = x + para.indent;
            let offset = match para.align {
                crate::compose::Align::Center => (width - para.indent - line.width) / 2.0,
                _ => Pt::ZERO,
            };
            let left = start + offset + line.shift;
            emit_line(
                line,
                left,
                baseline,
                para.role.clone(),
                block,
                items,
                para.rtl,
            );
            items.push(Item::Line(LineInfo {
                rect: Rect {
                    x: start,
                    y: baseline,
                    width: width - para.indent,
                    height: para.leading,
                },
                start: offset,
                end: left + line.width - line.protrusion - start,
                justified: line.justified,
                last: i + 1 == set.lines.len(),
                hyphenated: line.hyphenated,
                space_ratio: line.space_ratio,
                role: para.role.clone(),
                block,
            }));
            y += para.leading;
        }
    }

    /// Sets a flow that is placed as a whole: its items relative to (0, 0), and its height
    /// (space after excluded).
    pub fn atomic(&mut self, flow: &Flow, width: Pt) -> Result<(Vec<Item>, Pt), BreakError> {
        let mut items = Vec::new();
        let height = match flow {
            Flow::Para(para) => {
                let set = self.set(para, width)?;
                let block = self.block_id();
                let slot = Slot {
                    x: Pt::ZERO,
                    y: Pt::ZERO,
                    width,
                };
                self.emit_lines(&set, 0..set.lines.len(), slot, block, &mut items);
                set.height(set.lines.len())
            }
            Flow::Boxed {
                fill,
                bar,
                padding,
                content,
                ..
            } => {
                let bar_width = bar.map_or(Pt::ZERO, |(_, width)| width);
                let inner = width - *padding * 2.0 - bar_width;
                let (mut inside, height) = self.stack(content, inner)?;
                let height = height + *padding * 2.0;
                items.push(Item::Fill(Fill {
                    rect: Rect {
                        x: Pt::ZERO,
                        y: Pt::ZERO,
                        width,
                        height,
                    },
                    colour: *fill,
                    role: Role::Artifact,
                    round: false,
                }));
                if let Some((bar, _)) = bar {
                    items.push(Item::Fill(Fill {
                        rect: Rect {
                            x: Pt::ZERO,
                            y: Pt::ZERO,
                            width: bar_width,
                            height,
                        },
                        colour: *bar,
                        role: Role::Artifact,
                        round: false,
                    }));
                }
                translate(&mut inside, *padding + bar_width, *padding);
                items.extend(inside);
                height
            }
            Flow::Row {
                cells,
                gap,
                min_cell,
                ..
            } => {
                // As many cells a row as fit at their least width, rows evened out.
                let n = cells.len().max(1);
                let fit = if min_cell.0 > 0.0 {
                    (((width + *gap) / (*min_cell + *gap)).floor() as usize).clamp(1, n)
                } else {
                    n
                };
                let rows = n.div_ceil(fit);
                let per_row = n.div_ceil(rows);
                let cell_width = (width - *gap * (per_row as f32 - 1.0)) / per_row as f32;
                let mut y = Pt::ZERO;
                for (r, row) in cells.chunks(per_row).enumerate() {
                    if r > 0 {
                        y += *gap;
                    }
                    let mut height = Pt::ZERO;
                    for (i, cell) in row.iter().enumerate() {
                        let (mut inside, h) = self.stack(cell, cell_width)?;
                        translate(&mut inside, (cell_width + *gap) * i as f32, y);
                        items.extend(inside);
                        height = height.max(h);
                    }
                    y += height;
                }
                y
            }
            Flow::Image {
                image,
                width: fraction,
                role,
                ..
            } => {
                let w = width * fraction.clamp(0.05, 1.0);
                let h = w * (image.height / image.width.max(1.0));
                items.push(Item::Image(PlacedImage {
                    rect: Rect {
                        x: Pt::ZERO,
                        y: Pt::ZERO,
                        width: w,
                        height: h,
                    },
                    image: image.clone(),
                    role: role.clone(),
                    block: self.block_id(),
                }));
                h
            }
            Flow::Aside {
                icon,
                size,
                gap,
                content,
                role,
                ..
            } => {
                items.push(Item::Image(PlacedImage {
                    rect: Rect {
                        x: Pt::ZERO,
                        y: Pt::ZERO,
                        width: *size,
                        height: *size * (icon.height / icon.width.max(1.0)),
                    },
                    image: icon.clone(),
                    role: role.clone(),
                    block: self.block_id(),
                }));
                let (mut inside, h) = self.stack(content, width - *size - *gap)?;
                translate(&mut inside, *size + *gap, Pt::ZERO);
                items.extend(inside);
                h.max(*size)
            }
            Flow::Timeline {
                entries,
                rail,
                label_width,
                ..
            } => {
                let rail_x = *label_width + rail.gap;
                let text_x = rail_x + rail.text_gap;
                let mut y = Pt::ZERO;
                let mut dots = Vec::new();
                let count = entries.len();
                for (i, (label, text)) in entries.iter().enumerate() {
                    let (mut date, date_h) = self.stack(
                        std::slice::from_ref(&Flow::Para(label.clone())),
                        *label_width,
                    )?;
                    translate(&mut date, Pt::ZERO, y);
                    items.extend(date);
                    let (mut body, body_h) = self.stack(
                        std::slice::from_ref(&Flow::Para(text.clone())),
                        width - text_x,
                    )?;
                    translate(&mut body, text_x, y);
                    items.extend(body);
                    // Level with the middle of the date's capitals.
                    let ascent = label
                        .runs
                        .first()
                        .map_or(rail.radius, |r| r.style.size * 0.75);
                    dots.push(y + ascent / 2.0 + rail.radius * 0.3);
                    y += date_h.max(body_h);
                    if i + 1 < count {
                        y += text.space_after;
                    }
                }
                if let (Some(first), Some(last)) = (dots.first(), dots.last()) {
                    items.push(Item::Fill(Fill {
                        rect: Rect {
                            x: rail_x - rail.width / 2.0,
                            y: *first,
                            width: rail.width,
                            height: *last - *first,
                        },
                        colour: rail.colour,
                        role: Role::Artifact,
                        round: false,
                    }));
                }
                for d in dots {
                    let r = rail.radius;
                    items.push(Item::Fill(Fill {
                        rect: Rect {
                            x: rail_x - r,
                            y: d - r,
                            width: r * 2.0,
                            height: r * 2.0,
                        },
                        colour: rail.dot,
                        role: Role::Artifact,
                        round: true,
                    }));
                }
                y
            }
            Flow::Entry {
                title, number, gap, ..
            } => {
                // Title and number are one block: one entry of the contents.
                let block = self.block_id();
                let gap = *gap;
                let number_set = self.set(number, width)?;
                let number_width = number_set
                    .lines
                    .iter()
                    .map(|l| l.width)
                    .fold(Pt::ZERO, Pt::max);
                let title_set = self.set(title, width - number_width - gap)?;
                let lines = title_set.lines.len();
                let slot = Slot {
                    x: Pt::ZERO,
                    y: Pt::ZERO,
                    width: width - number_width - gap,
                };
                self.emit_lines(&title_set, 0..lines, slot, block, &mut items);
                // The number sits on the title's last line, at the end of the measure.
                let slot = Slot {
                    x: width - number_width,
                    y: title.leading * lines.saturating_sub(1) as f32,
                    width: number_width,
                };
                self.emit_lines(&number_set, 0..1, slot, block, &mut items);
                title_set.height(lines)
            }
            Flow::Rule {
                colour, thickness, ..
            } => {
                items.push(Item::Fill(Fill {
                    rect: Rect {
                        x: Pt::ZERO,
                        y: Pt::ZERO,
                        width,
                        height: *thickness,
                    },
                    colour: *colour,
                    role: Role::Artifact,
                    round: false,
                }));
                *thickness
            }
        };
        Ok((items, height))
    }

    /// Sets flows one under the other, as a whole; returns the items and the total height.
    pub fn stack(&mut self, flows: &[Flow], width: Pt) -> Result<(Vec<Item>, Pt), BreakError> {
        let mut items = Vec::new();
        let mut y = Pt::ZERO;
        let count = flows.len();
        for (i, flow) in flows.iter().enumerate() {
            if let Flow::Para(p) = flow
                && i > 0
            {
                y += p.space_before;
            }
            let (mut inside, h) = self.atomic(flow, width)?;
            translate(&mut inside, Pt::ZERO, y);
            items.extend(inside);
            y += h;
            if i + 1 < count {
                y += space_after(flow);
            }
        }
        Ok((items, y))
    }
}

pub fn space_after(flow: &Flow) -> Pt {
    match flow {
        Flow::Para(p) => p.space_after,
        Flow::Boxed { space_after, .. }
        | Flow::Row { space_after, .. }
        | Flow::Image { space_after, .. }
        | Flow::Aside { space_after, .. }
        | Flow::Timeline { space_after, .. }
        | Flow::Entry { space_after, .. }
        | Flow::Rule { space_after, .. } => *space_after,
    }
}

/// Moves items by (dx, dy).
pub fn translate(items: &mut [Item], dx: Pt, dy: Pt) {
    for item in items {
        match item {
            Item::Text(run) => {
                run.x += dx;
                run.y += dy;
            }
            Item::Fill(Fill { rect, .. })
            | Item::Image(PlacedImage { rect, .. })
            | Item::Link(Link { rect, .. })
            | Item::Line(LineInfo { rect, .. }) => {
                rect.x += dx;
                rect.y += dy;
            }
            Item::Anchor(anchor) => {
                anchor.x += dx;
                anchor.y += dy;
            }
        }
    }
}

/// A line's segments as text runs from `x` on `baseline`, with link areas over linked text.
///
/// Right-to-left lines are emitted mirrored (last segment first): the page is mirrored as a
/// whole at the end of layout, which puts them back in visual order, right-aligned. Items are
/// pushed in logical order, whatever the visual one, since the PDF's reading order follows
/// them; a link area comes right after the run it covers.
fn emit_line(
    line: &Line,
    mut x: Pt,
    baseline: Pt,
    role: Role,
    block: usize,
    items: &mut Vec<Item>,
    rtl: bool,
) {
    let ordered: Vec<&Segment> = if rtl {
        line.segments.iter().rev().collect()
    } else {
        line.segments.iter().collect()
    };
    let mut placed: Vec<(usize, Vec<Item>)> = Vec::with_capacity(ordered.len());
    for seg in ordered {
        let width = seg.width();
        let mut out = Vec::new();
        if !seg.glyphs.is_empty() {
            out.push(Item::Text(TextRun {
                x,
                y: baseline,
                face: seg.face,
                size: seg.style.size,
                colour: seg.style.colour,
                glyphs: seg.glyphs.clone(),
                text: seg.text.clone(),
                role: role.clone(),
                block,
            }));
            if let Some(target) = &seg.link {
                let size = seg.style.size;
                out.push(Item::Link(Link {
                    rect: Rect {
                        x,
                        y: baseline - size,
                        width,
                        height: size * 1.3,
                    },
                    target: target.clone(),
                    block,
                }));
            }
        }
        placed.push((seg.start, out));
        x += width;
    }
    placed.sort_by_key(|(start, _)| *start);
    items.extend(placed.into_iter().flat_map(|(_, out)| out));
}
