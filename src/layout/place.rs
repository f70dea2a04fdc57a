//! Placing set material: lines become text runs and links; boxes, rows and images become
//! items measured as a whole.

use super::frame::{Anchor, Crop, Fill, Item, LineInfo, Link, PlacedImage, Rect, TextRun};
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
    /// The tallest an image may be: it is scaled down to fit a column, with room for a
    /// caption (zero: no limit).
    pub max_image_height: Pt,
    /// The width of the page with its bleed, where an image may run across it (a one-column
    /// layout); `None`: images stay in their column.
    pub bleed_width: Option<Pt>,
}

impl<'a> Placer<'a> {
    pub fn set(&mut self, para: &Para, width: Pt) -> Result<SetPara, BreakError> {
        let lines = self
            .memo
            .lines(&mut self.shaper, para, width, &mut self.warnings)?;
        let face = para.runs.first().map(|r| self.shaper.book.id(r.style.face));
        // At the size the face is set (Arabic larger than its run's size).
        let size = match (para.runs.first(), face) {
            (Some(run), Some(face)) => run.style.size * self.shaper.script_scale(face, &run.style),
            _ => Pt(10.0),
        };
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
                tracking: line.tracking,
                expansion: line.expansion,
                kashidas: line.kashidas.clone(),
                display: !para.hyphenate && para.align != crate::compose::Align::Justify,
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
                let pieces = self.row_pieces(cells, *gap, *min_cell, width)?;
                join(pieces, &mut items)
            }
            Flow::Image {
                image,
                width: fraction,
                logo,
                bleed,
                focus,
                role,
                ..
            } => {
                let ratio = image.height / image.width.max(1.0);
                if *bleed && let Some(across) = self.bleed_width {
                    // Across the page: as tall as its proportions make it, or cropped around
                    // its focus to the most a column may hold.
                    let natural = across * ratio;
                    let h = if self.max_image_height.0 > 0.0 {
                        natural.min(self.max_image_height)
                    } else {
                        natural
                    };
                    let crop = if h < natural {
                        Crop::framed(image, *focus, h / across)
                    } else {
                        Crop::WHOLE
                    };
                    items.push(Item::Image(PlacedImage {
                        rect: Rect {
                            x: Pt::ZERO,
                            y: Pt::ZERO,
                            width: across,
                            height: h,
                        },
                        crop,
                        bleed: true,
                        veil: None,
                        image: image.clone(),
                        role: role.clone(),
                        block: self.block_id(),
                    }));
                    return Ok((items, h));
                }
                let (mut w, mut h) = if *logo {
                    logo_size(width * fraction.clamp(0.05, 1.0), ratio)
                } else {
                    let w = width * fraction.clamp(0.05, 1.0);
                    (w, w * ratio)
                };
                // No taller than the most an image may take of a column: then as tall as
                // that, centred.
                if h > self.max_image_height && self.max_image_height.0 > 0.0 {
                    h = self.max_image_height;
                    w = h / ratio.max(f32::EPSILON);
                }
                let x = if *fraction >= 1.0 || *logo {
                    (width - w) / 2.0
                } else {
                    Pt::ZERO
                };
                items.push(Item::Image(PlacedImage {
                    rect: Rect {
                        x,
                        y: Pt::ZERO,
                        width: w,
                        height: h,
                    },
                    crop: Crop::WHOLE,
                    bleed: false,
                    veil: None,
                    image: image.clone(),
                    role: role.clone(),
                    block: self.block_id(),
                }));
                h
            }
            Flow::Aside {
                icon,
                size,
                frame,
                gap,
                content,
                role,
                ..
            } => {
                let (icon_height, crop) = match frame {
                    Some((ratio, focus)) => (*size * *ratio, Crop::framed(icon, *focus, *ratio)),
                    None => (*size * (icon.height / icon.width.max(1.0)), Crop::WHOLE),
                };
                items.push(Item::Image(PlacedImage {
                    rect: Rect {
                        x: Pt::ZERO,
                        y: Pt::ZERO,
                        width: *size,
                        height: icon_height,
                    },
                    crop,
                    bleed: false,
                    veil: None,
                    image: icon.clone(),
                    role: role.clone(),
                    block: self.block_id(),
                }));
                let (mut inside, h) = self.stack(content, width - *size - *gap)?;
                translate(&mut inside, *size + *gap, Pt::ZERO);
                items.extend(inside);
                h.max(icon_height)
            }
            Flow::Timeline {
                entries,
                rail,
                label_width,
                ..
            } => {
                let pieces = self.timeline_pieces(entries, rail, *label_width, width)?;
                join(pieces, &mut items)
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

    /// The rows of a row of cells, each a piece: as many cells a row as fit at their least
    /// width, rows evened out.
    pub fn row_pieces(
        &mut self,
        cells: &[Vec<Flow>],
        gap: Pt,
        min_cell: Pt,
        width: Pt,
    ) -> Result<Vec<Piece>, BreakError> {
        let n = cells.len().max(1);
        // The widest text that must not break (a key figure's value) widens the cells too.
        let mut widest = Pt::ZERO;
        for para in cells.iter().flatten().filter_map(unbreakable) {
            widest = widest.max(self.natural_width(para)?);
        }
        let least = min_cell.max(widest);
        let fit = if least.0 > 0.0 {
            (((width + gap) / (least + gap)).floor() as usize).clamp(1, n)
        } else {
            n
        };
        let rows = n.div_ceil(fit);
        let per_row = n.div_ceil(rows);
        let cell_width = (width - gap * (per_row as f32 - 1.0)) / per_row as f32;
        // Still too wide alone in its row: those texts step down the scale until they fit.
        let shrunk;
        let cells = if widest > cell_width {
            let factor = SHRINK_STEPS
                .iter()
                .copied()
                .find(|f| widest * *f <= cell_width)
                // Past the scale's last step, as small as it takes, but never below half.
                .unwrap_or((cell_width / widest).max(0.5));
            shrunk = cells
                .iter()
                .map(|cell| {
                    cell.iter()
                        .map(|flow| match flow {
                            Flow::Para(p) if p.nowrap => Flow::Para(scaled(p, factor)),
                            other => other.clone(),
                        })
                        .collect()
                })
                .collect::<Vec<Vec<Flow>>>();
            shrunk.as_slice()
        } else {
            cells
        };
        // An icon grid is packed: each column stacks its items one under the other, in the
        // order written, rather than each row taking the height of its longest item.
        let icons = cells
            .iter()
            .all(|cell| matches!(cell.as_slice(), [Flow::Aside { .. }]));
        if icons && per_row > 1 {
            return self.packed_pieces(cells, per_row, cell_width, gap);
        }
        let mut pieces = Vec::with_capacity(rows);
        for row in cells.chunks(per_row) {
            let mut items = Vec::new();
            let mut set = Vec::with_capacity(row.len());
            for cell in row {
                set.push(self.stack(cell, cell_width)?);
            }
            let height = set.iter().map(|(_, h)| *h).fold(Pt::ZERO, Pt::max);
            for (i, ((mut inside, h), cell)) in set.into_iter().zip(row).enumerate() {
                // A logo alone in its cell sits on the row's middle line.
                let logo = matches!(cell.as_slice(), [Flow::Image { logo: true, .. }]);
                let dy = if logo { (height - h) / 2.0 } else { Pt::ZERO };
                translate(&mut inside, (cell_width + gap) * i as f32, dy);
                items.extend(inside);
            }
            pieces.push(Piece {
                items,
                height,
                space_after: gap,
                origin: None,
            });
        }
        Ok(pieces)
    }

    /// `cells` in `columns` columns, packed: each band of up to [`PACKED_ROWS`] rows' worth of
    /// cells is split, in order, into columns of even height (the tallest as short as it can
    /// be), each column's cells one under the other; a band is one piece.
    fn packed_pieces(
        &mut self,
        cells: &[Vec<Flow>],
        columns: usize,
        cell_width: Pt,
        gap: Pt,
    ) -> Result<Vec<Piece>, BreakError> {
        let mut pieces = Vec::new();
        for band in cells.chunks(columns * PACKED_ROWS) {
            let mut set = Vec::with_capacity(band.len());
            for cell in band {
                set.push(self.stack(cell, cell_width)?);
            }
            let heights: Vec<Pt> = set.iter().map(|(_, h)| *h).collect();
            let splits = even_split(&heights, columns.min(band.len()), gap);
            let mut items = Vec::new();
            let mut height = Pt::ZERO;
            let mut column = 0;
            let mut y = Pt::ZERO;
            for (i, (mut inside, h)) in set.into_iter().enumerate() {
                if splits.contains(&i) {
                    column += 1;
                    y = Pt::ZERO;
                }
                translate(&mut inside, (cell_width + gap) * column as f32, y);
                items.extend(inside);
                y += h;
                height = height.max(y);
                y += gap;
            }
            pieces.push(Piece {
                items,
                height,
                space_after: gap,
                origin: None,
            });
        }
        Ok(pieces)
    }

    /// The entries of a timeline, each a piece with its date, its text, its dot, and the rail
    /// from the entry before (above its dot) and to the entry after (below it, across the space
    /// between): entries in one column join into one rail, a break leaves its ends open.
    pub fn timeline_pieces(
        &mut self,
        entries: &[(Para, Para)],
        rail: &crate::compose::Rail,
        label_width: Pt,
        width: Pt,
    ) -> Result<Vec<Piece>, BreakError> {
        // The dates take the width the widest of them needs, on one line, up to a third of the
        // measure ("9:30 a.m." and "décembre 2018" alike).
        let mut widest = Pt::ZERO;
        for (label, _) in entries {
            widest = widest.max(self.natural_width(label)?);
        }
        let label_width = label_width.max(widest).min(width / 3.0);
        let rail_x = label_width + rail.gap;
        let text_x = rail_x + rail.text_gap;
        let count = entries.len();
        let mut pieces = Vec::with_capacity(count);
        for (i, (label, text)) in entries.iter().enumerate() {
            let mut items = Vec::new();
            let (mut date, date_h) = self.stack(
                std::slice::from_ref(&Flow::Para(label.clone())),
                label_width,
            )?;
            let (mut body, body_h) = self.stack(
                std::slice::from_ref(&Flow::Para(text.clone())),
                width - text_x,
            )?;
            // The date sits on its text's first baseline, whatever their sizes.
            let shift = match (first_baseline(&date), first_baseline(&body)) {
                (Some(d), Some(b)) => b - d,
                _ => Pt::ZERO,
            };
            let (date_down, body_down) = (shift.max(Pt::ZERO), (-shift).max(Pt::ZERO));
            translate(&mut date, Pt::ZERO, date_down);
            translate(&mut body, text_x, body_down);
            items.extend(date);
            items.extend(body);
            let height = (date_h + date_down).max(body_h + body_down);
            let space_after = if i + 1 < count {
                text.space_after
            } else {
                Pt::ZERO
            };
            // Level with the middle of the date's capitals.
            let ascent = label
                .runs
                .first()
                .map_or(rail.radius, |r| r.style.size * 0.75);
            let dot = date_down + ascent / 2.0 + rail.radius * 0.3;
            let line = |from: Pt, to: Pt| {
                Item::Fill(Fill {
                    rect: Rect {
                        x: rail_x - rail.width / 2.0,
                        y: from,
                        width: rail.width,
                        height: to - from,
                    },
                    colour: rail.colour,
                    role: Role::Artifact,
                    round: false,
                })
            };
            if i > 0 {
                items.push(line(Pt::ZERO, dot));
            }
            if i + 1 < count {
                items.push(line(dot, height + space_after));
            }
            let r = rail.radius;
            items.push(Item::Fill(Fill {
                rect: Rect {
                    x: rail_x - r,
                    y: dot - r,
                    width: r * 2.0,
                    height: r * 2.0,
                },
                colour: rail.dot,
                role: Role::Artifact,
                round: true,
            }));
            pieces.push(Piece {
                items,
                height,
                space_after,
                origin: text.origin.clone(),
            });
        }
        Ok(pieces)
    }

    /// The width of `para` on one line.
    fn natural_width(&mut self, para: &Para) -> Result<Pt, BreakError> {
        let set = self.set(para, Pt(1.0e5))?;
        Ok(set.lines.iter().map(|l| l.width).fold(Pt::ZERO, Pt::max))
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

/// The most rows of an icon grid packed as one piece: a longer grid is packed in bands, so
/// that it may still break between them at the foot of a column.
const PACKED_ROWS: usize = 6;

/// Where each column after the first starts, splitting `heights` in order into `columns`
/// runs (at most) whose tallest, `gap` between cells, is as short as it can be.
fn even_split(heights: &[Pt], columns: usize, gap: Pt) -> Vec<usize> {
    let n = heights.len();
    let run = |from: usize, to: usize| -> f32 {
        let cells: f32 = heights
            .get(from..to)
            .map_or(0.0, |h| h.iter().map(|h| h.0).sum());
        cells + gap.0 * (to - from).saturating_sub(1) as f32
    };
    // best[k][i]: the least tallest column for the first i cells in k columns, and where the
    // last of those columns starts.
    let mut best = vec![vec![(f32::INFINITY, 0usize); n + 1]; columns + 1];
    if let Some(row) = best.get_mut(0)
        && let Some(cell) = row.get_mut(0)
    {
        *cell = (0.0, 0);
    }
    for k in 1..=columns {
        for i in 1..=n {
            let mut choice = (f32::INFINITY, 0);
            for j in (k - 1)..i {
                let before = best
                    .get(k - 1)
                    .and_then(|r| r.get(j))
                    .map_or(f32::INFINITY, |c| c.0);
                let tallest = before.max(run(j, i));
                if tallest < choice.0 {
                    choice = (tallest, j);
                }
            }
            if let Some(cell) = best.get_mut(k).and_then(|r| r.get_mut(i)) {
                *cell = choice;
            }
        }
    }
    // Walk back from all the cells in all the columns.
    let mut starts = Vec::new();
    let mut i = n;
    for k in (1..=columns).rev() {
        let j = best.get(k).and_then(|r| r.get(i)).map_or(0, |c| c.1);
        if k > 1 {
            starts.push(j);
        }
        i = j;
    }
    starts.reverse();
    starts
}

/// The steps display text may shrink by, down the type scale, to fit its place.
pub const SHRINK_STEPS: [f32; 5] = [1.0, 0.9, 0.8, 0.72, 0.64];

/// `para` at `factor` of its size (sizes, leading and spaces alike).
pub fn scaled(para: &Para, factor: f32) -> Para {
    let mut p = para.clone();
    for run in &mut p.runs {
        run.style.size = run.style.size * factor;
    }
    p.leading = p.leading * factor;
    p.space_after = p.space_after * factor;
    p.space_before = p.space_before * factor;
    p
}

/// A paragraph that must stay on one line.
fn unbreakable(flow: &Flow) -> Option<&Para> {
    match flow {
        Flow::Para(p) if p.nowrap => Some(p),
        _ => None,
    }
}

/// A logo's size in a cell `width` wide: every logo of a strip covers about the same area, so
/// that a wide wordmark and a tall emblem weigh alike, none wider than the cell nor taller than
/// half of it.
fn logo_size(width: Pt, ratio: f32) -> (Pt, Pt) {
    let ratio = ratio.max(0.01);
    let (max_w, max_h) = (width, width * 0.5);
    let area = width.0 * width.0 * 0.22;
    let mut w = Pt((area / ratio).sqrt());
    let mut h = w * ratio;
    let fit = (max_w.0 / w.0).min(max_h.0 / h.0).min(1.0);
    w = w * fit;
    h = h * fit;
    (w, h)
}

/// Part of a flow placed whole: its items from (0, 0), its height, and the space below it
/// before the next part.
pub struct Piece {
    pub items: Vec<Item>,
    pub height: Pt,
    pub space_after: Pt,
    /// Where its own text comes from, when it is not the whole flow's (a session of a
    /// programme).
    pub origin: Option<crate::diag::Span>,
}

/// Pieces one under the other, as one: their items into `items`, and the height (the last
/// piece's space after left out).
fn join(pieces: Vec<Piece>, items: &mut Vec<Item>) -> Pt {
    let mut y = Pt::ZERO;
    let count = pieces.len();
    for (i, mut piece) in pieces.into_iter().enumerate() {
        translate(&mut piece.items, Pt::ZERO, y);
        items.extend(piece.items);
        y += piece.height;
        if i + 1 < count {
            y += piece.space_after;
        }
    }
    y
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

/// The baseline of the first line among `items`.
fn first_baseline(items: &[Item]) -> Option<Pt> {
    items.iter().find_map(|item| match item {
        Item::Line(line) => Some(line.rect.y),
        _ => None,
    })
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
                expansion: seg.expansion,
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

#[cfg(test)]
mod tests {
    use super::even_split;
    use crate::units::Pt;

    fn heights(values: &[f32]) -> Vec<Pt> {
        values.iter().map(|v| Pt(*v)).collect()
    }

    #[test]
    fn columns_are_split_in_order_to_even_heights() {
        // 3 + 1 against 1 + 1 + 1 + 1: any other split is taller.
        assert_eq!(
            even_split(&heights(&[3.0, 1.0, 1.0, 1.0, 1.0, 1.0]), 2, Pt(0.0)),
            vec![2]
        );
        assert_eq!(even_split(&heights(&[1.0; 8]), 4, Pt(1.0)), vec![2, 4, 6]);
        assert_eq!(even_split(&heights(&[5.0, 1.0, 1.0]), 2, Pt(0.0)), vec![1]);
        assert_eq!(
            even_split(&heights(&[1.0]), 1, Pt(0.0)),
            Vec::<usize>::new()
        );
    }
}
