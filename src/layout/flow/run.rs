//! Run: the prepared parts placed column after column, page after page.

use super::prepare::{Boxed, Prep, Whole};
use super::{Start, column_width, content_left, text_left};
use crate::compose::{PageStyle, Role};
use crate::diag::Span;
use crate::layout::frame::{Fill, Item, Page, Rect};
use crate::layout::place::{Placer, SetPara, Slot, translate};
use crate::layout::{LayoutError, MAX_PAGES, page_frame};
use crate::units::{Colour, Pt};

/// A box being placed: where its current fragment starts, and where its background goes in
/// the page's items (under its content).
struct Open {
    fill: Colour,
    bar: Option<(Colour, Pt)>,
    padding: Pt,
    start: Pt,
    at: usize,
    /// Its left edge and width.
    x: Pt,
    width: Pt,
}

/// An image waiting for the top of the next column.
struct Float {
    items: Vec<Item>,
    height: Pt,
    space_after: Pt,
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
    /// A shorter column foot for one page: see [`Short`].
    short: Option<Short>,
    /// The boxes being placed, outermost first.
    open: Vec<Open>,
    floats: Vec<Float>,
    /// Images placed at the top of this page after waiting: they join the page's items once
    /// it is done, after the text that flowed past them, so that the text reads on in order.
    late: Vec<Item>,
    /// The document, for messages: "the fact sheet".
    what: &'static str,
}

impl Cursor<'_> {
    fn bottom(&self) -> Pt {
        match self.short {
            Some(Short { page, bottom, .. }) if page + 1 == self.pages.len() => bottom,
            _ => self.style.height - self.style.bottom,
        }
    }

    fn number(&self) -> usize {
        self.first_number + self.pages.len() - 1
    }

    /// The left edge of the current column.
    fn column_x(&self) -> Pt {
        text_left(self.style, self.number())
            + (column_width(self.style) + self.style.gutter) * self.column as f32
    }

    /// The left edge and width of what goes in the column now: inside the open boxes.
    fn slot(&self) -> (Pt, Pt) {
        let x = self.column_x();
        let (mut x, mut width) = (x, column_width(self.style));
        for b in &self.open {
            let bar = b.bar.map_or(Pt::ZERO, |(_, w)| w);
            x += b.padding + bar;
            width -= b.padding * 2.0 + bar;
        }
        (x, width)
    }

    fn at_top(&self) -> bool {
        self.y <= self.top + self.open.iter().map(|b| b.padding).sum::<Pt>()
    }

    /// Moves `y` down to the next line of the baseline grid (not inside boxes, whose content
    /// keeps its own spacing).
    fn snap(&mut self) {
        if self.open.is_empty() {
            self.y = self.snapped(self.y);
        }
    }

    /// [`Self::snap`] before lines spaced `leading` apart: inside a box too when they are
    /// spaced as the grid is (a profile's biography), so that they share the baselines of
    /// the text beside the box.
    fn snap_lines(&mut self, leading: Pt) {
        if self.open.is_empty() || on_grid(leading, self.style.grid) {
            self.y = self.snapped(self.y);
        }
    }

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

    /// Draws the backgrounds of the innermost `count` open boxes' fragments, from their start
    /// to `end`, under what they hold (innermost first, so that the insertion points stay
    /// valid).
    fn close_fragments(&mut self, end: Pt, count: usize) {
        let fragments: Vec<(usize, Item, Option<Item>)> = self
            .open
            .iter()
            .rev()
            .take(count)
            .map(|b| {
                let rect = Rect {
                    x: b.x,
                    y: b.start,
                    width: b.width,
                    height: end + b.padding - b.start,
                };
                let fill = Item::Fill(Fill {
                    rect,
                    colour: b.fill,
                    role: Role::Artifact,
                    round: false,
                });
                let bar = b.bar.map(|(colour, width)| {
                    Item::Fill(Fill {
                        rect: Rect { width, ..rect },
                        colour,
                        role: Role::Artifact,
                        round: false,
                    })
                });
                (b.at, fill, bar)
            })
            .collect();
        let items = self.items();
        for (at, fill, bar) in fragments {
            let at = at.min(items.len());
            if let Some(bar) = bar {
                items.insert(at, bar);
            }
            items.insert(at, fill);
        }
    }

    /// Moves to the next column, or the next page; past the document's last allowed page,
    /// that is an overflow. Open boxes continue there, after any floating image.
    fn next_column(&mut self, origin: Option<&Span>, rest: Pt) -> Result<(), LayoutError> {
        let end = self.y;
        self.close_fragments(end, self.open.len());
        if self.column + 1 < self.style.columns {
            self.column += 1;
        } else {
            let limit = self.style.page_limit.unwrap_or(MAX_PAGES);
            let short_here = self
                .short
                .is_some_and(|s| s.page + 1 == self.pages.len() && !s.goes_on);
            if self.pages.len() >= limit || short_here {
                return Err(if self.style.page_limit.is_some() || short_here {
                    LayoutError::Overflow {
                        what: self.what,
                        pages: limit,
                        origin: origin.cloned(),
                        by: rest,
                    }
                } else {
                    LayoutError::TooManyPages {
                        origin: origin.cloned(),
                    }
                });
            }
            let number = self.first_number + self.pages.len();
            self.finish_page();
            self.pages.push(page_frame(self.style, Some(number)));
            self.column = 0;
            self.top = self.style.top;
            self.sidebar_floor = self.top;
        }
        self.y = self.top;
        // Waiting images first, as many as fit (the first always: it fits an empty column);
        // not above a box that continues here, whose second half would read as their caption:
        // they wait for it to close.
        let waiting = if self.open.is_empty() {
            std::mem::take(&mut self.floats)
        } else {
            Vec::new()
        };
        for (i, float) in waiting.into_iter().enumerate() {
            if i > 0 && (!self.floats.is_empty() || self.y + float.height > self.bottom()) {
                self.floats.push(float);
                continue;
            }
            // At the column's own edge: boxes that continue here open after the images.
            let mut items = float.items;
            let x = self.column_x();
            let wide = across(&items);
            translate(&mut items, x, self.y);
            self.late.extend(items);
            self.y += float.height + float.space_after;
            if wide {
                self.sidebar_floor = self.sidebar_floor.max(self.y);
            }
        }
        self.snap();
        let mut x = self.column_x();
        let mut width = column_width(self.style);
        let count = self.pages.last().map_or(0, |p| p.items.len());
        for b in &mut self.open {
            b.start = self.y;
            b.at = count;
            b.x = x;
            b.width = width;
            let bar = b.bar.map_or(Pt::ZERO, |(_, w)| w);
            x += b.padding + bar;
            width -= b.padding * 2.0 + bar;
            self.y += b.padding;
        }
        Ok(())
    }

    /// Adds the images placed late to the page's items.
    fn finish_page(&mut self) {
        let late = std::mem::take(&mut self.late);
        self.items().extend(late);
    }

    /// Places the waiting images that fit under the cursor, in their order.
    fn place_floats_here(&mut self) {
        if self.floats.is_empty() {
            return;
        }
        let start = self.snapped(self.y);
        let mut y = start;
        let mut placed = 0;
        for float in &self.floats {
            if y + float.height > self.bottom() {
                break;
            }
            y += float.height + float.space_after;
            placed += 1;
        }
        if placed == 0 {
            return;
        }
        self.y = start;
        for float in self.floats.drain(..placed).collect::<Vec<_>>() {
            self.put(float.items, float.height);
            self.y += float.space_after;
        }
    }

    /// Puts items made at (0, 0) at the cursor.
    fn put(&mut self, mut items: Vec<Item>, height: Pt) {
        let (x, _) = self.slot();
        let wide = across(&items);
        translate(&mut items, x, self.y);
        self.items().extend(items);
        self.y += height;
        if wide {
            self.sidebar_floor = self.sidebar_floor.max(self.y);
        }
    }
}

/// A page whose columns end higher than the others': the last page, balanced (all must fit
/// on it), or the one before it, giving the last more (`goes_on`: the text continues).
#[derive(Clone, Copy, Debug)]
pub struct Short {
    pub page: usize,
    pub bottom: Pt,
    pub goes_on: bool,
}

/// Lays the parts out from `start`; `short` shortens the columns of one page.
pub fn run(
    placer: &mut Placer,
    style: &PageStyle,
    preps: &[Prep],
    start: &Start,
    short: Option<Short>,
    what: &'static str,
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
        open: Vec::new(),
        floats: Vec::new(),
        late: Vec::new(),
        what,
    };
    let mut runner = Runner {
        placer,
        beside_heading: false,
        side_y: start.top,
        side_lines: None,
    };
    runner.sequence(&mut cursor, preps, Pt::ZERO)?;
    // Images still waiting: the next columns are theirs.
    while !cursor.floats.is_empty() {
        cursor.next_column(None, Pt::ZERO)?;
    }
    cursor.finish_page();
    Ok(cursor.pages)
}

/// Whether a part opens a section: a section's heading or its number in the sidebar.
fn opens_section(prep: &Prep) -> bool {
    match prep {
        Prep::Lines(set, _) => {
            set.para.side || set.para.role == Role::Heading(1) || set.para.anchor.is_some()
        }
        Prep::Whole(_) | Prep::Box(_) => false,
    }
}

struct Runner<'p, 'a> {
    placer: &'p mut Placer<'a>,
    /// A block right after a sidebar heading starts level with it, without its space before.
    beside_heading: bool,
    /// Where the next paragraph of a sidebar group goes.
    side_y: Pt,
    /// The baselines of the text beside the sidebar group: the first, the step between them,
    /// and the last baseline the group has used so far.
    side_lines: Option<SideLines>,
}

#[derive(Clone, Copy)]
struct SideLines {
    first: Pt,
    step: Pt,
    last: Pt,
}

impl Runner<'_, '_> {
    /// Places `preps` one after the other; `after` is the height of what follows them (for
    /// the messages of an overflow).
    fn sequence(
        &mut self,
        cursor: &mut Cursor,
        preps: &[Prep],
        after: Pt,
    ) -> Result<(), LayoutError> {
        let count = preps.len();
        for (k, prep) in preps.iter().enumerate() {
            let rest: Pt = preps.iter().skip(k + 1).map(Prep::height).sum::<Pt>() + after;
            // Images still waiting go before a new section when they fit what is left of the
            // column; otherwise they wait for the next (a page is not left empty for them).
            if opens_section(prep) && cursor.open.is_empty() {
                cursor.place_floats_here();
            }
            if prep.side() && cursor.style.sidebar.is_some() {
                if let Prep::Lines(set, block) = prep {
                    self.side(cursor, preps, k, (set, *block), rest)?;
                }
                continue;
            }
            let beside = std::mem::take(&mut self.beside_heading);
            if !beside {
                self.keep_together(cursor, preps, k, rest)?;
            }
            let placed = match prep {
                Prep::Lines(set, block) => {
                    if !cursor.at_top() && !beside {
                        cursor.y += set.para.space_before;
                    }
                    cursor.snap_lines(set.para.leading);
                    self.lines(cursor, (set, *block), prep, rest)?;
                    true
                }
                Prep::Whole(whole) => self.whole(cursor, whole, rest)?,
                Prep::Box(b) => {
                    self.boxed(cursor, b, rest)?;
                    true
                }
            };
            // The space after the last part of a box is its padding's business; a floating
            // image's is its own.
            if placed && (k + 1 < count || cursor.open.is_empty()) {
                cursor.y += prep.space_after();
            }
        }
        Ok(())
    }

    /// A part kept with what follows (a heading, an introduction) starts a new column unless
    /// it, the parts kept with it and the least of what they introduce fit in this one.
    fn keep_together(
        &mut self,
        cursor: &mut Cursor,
        preps: &[Prep],
        k: usize,
        rest: Pt,
    ) -> Result<(), LayoutError> {
        let Some(prep) = preps.get(k) else {
            return Ok(());
        };
        if !prep.keep() || cursor.at_top() {
            return Ok(());
        }
        let mut need = Pt::ZERO;
        let mut j = k;
        while let Some(p) = preps.get(j).filter(|p| p.keep()) {
            // Each part may start a grid line lower than its spaces say (see `Prep::slack`).
            need += p.height() + p.slack(cursor.style.grid);
            j += 1;
        }
        // A long paragraph kept with what follows counts its last two lines only.
        if let Some(Prep::Lines(set, _)) = preps.get(j - 1)
            && set.lines.len() > 4
        {
            need -= set.height(set.lines.len() - 2);
        }
        need += preps.get(j).map_or(Pt::ZERO, Prep::min_start);
        while cursor.snapped(cursor.y) + need > cursor.bottom()
            && need < cursor.bottom() - cursor.top
            && !cursor.at_top()
        {
            cursor.next_column(prep.origin(), rest + prep.height())?;
        }
        Ok(())
    }

    /// A section's number or heading in the sidebar, level with the block it opens.
    fn side(
        &mut self,
        cursor: &mut Cursor,
        preps: &[Prep],
        k: usize,
        (set, block): (&SetPara, usize),
        rest: Pt,
    ) -> Result<(), LayoutError> {
        if !self.beside_heading {
            if !cursor.at_top() {
                cursor.y += set.para.space_before;
            }
            cursor.y = cursor.y.max(cursor.sidebar_floor);
            cursor.snap();
            // The sidebar group (a section number and its heading, say) and the least of what
            // it introduces must share the column.
            let group: Pt = preps
                .iter()
                .skip(k)
                .take_while(|p| p.side())
                .map(|p| match p {
                    Prep::Lines(s, _) => s.height(s.lines.len()) + s.para.space_after,
                    Prep::Whole(_) | Prep::Box(_) => Pt::ZERO,
                })
                .sum();
            let next = preps.iter().skip(k).position(|p| !p.side()).map(|i| k + i);
            // What follows the heading, and what it keeps with it (an introduction).
            let mut intro = Pt::ZERO;
            let mut j = next.unwrap_or(preps.len());
            // Each part may start a grid line lower than its spaces say (see `Prep::slack`).
            while let Some(p) = preps.get(j).filter(|p| p.keep()) {
                intro += p.height() + p.slack(cursor.style.grid);
                j += 1;
            }
            let first = preps.get(j).map_or(cursor.style.grid, |p| {
                p.min_start() + p.slack(cursor.style.grid)
            });
            let need = group.max(intro + first);
            while cursor.y + need > cursor.bottom() && !cursor.at_top() {
                cursor.next_column(set.para.origin.as_ref(), rest + need)?;
            }
            self.side_y = cursor.y;
            // The text beside starts at the same top: its lines are the group's baselines.
            self.side_lines = next.and_then(|j| preps.get(j)).and_then(|p| match p {
                Prep::Lines(beside, _) => Some(SideLines {
                    first: cursor.y + beside.ascent,
                    step: beside.para.leading,
                    last: Pt(f32::NEG_INFINITY),
                }),
                // A timeline entry, a row: its first baseline, and the widest leading of the
                // lines on it (the text's, not its date's).
                Prep::Whole(whole) => {
                    let lines: Vec<&crate::layout::frame::LineInfo> = whole
                        .items
                        .iter()
                        .filter_map(|item| match item {
                            Item::Line(line) => Some(line),
                            _ => None,
                        })
                        .collect();
                    let first = lines.iter().map(|l| l.rect.y).reduce(Pt::min)?;
                    let step = lines
                        .iter()
                        .filter(|l| (l.rect.y - first).abs().0 < 0.5)
                        .map(|l| l.rect.height)
                        .fold(Pt::ZERO, Pt::max);
                    Some(SideLines {
                        first: cursor.y + first,
                        step,
                        last: Pt(f32::NEG_INFINITY),
                    })
                }
                Prep::Box(_) => None,
            });
        }
        // Each paragraph of the group starts on a baseline of the text beside it: the nearest
        // to where it would fall, clear of the paragraph above by most of its size.
        let mut y = self.side_y;
        if let Some(lines) = &mut self.side_lines
            && lines.step.0 > 0.0
        {
            let size = set.para.runs.first().map_or(Pt::ZERO, |r| r.style.size);
            let natural = y + set.ascent;
            let mut steps = ((natural - lines.first) / lines.step).round().max(0.0);
            while lines.first + lines.step * steps < lines.last + size * 0.9 {
                steps += 1.0;
            }
            let baseline = lines.first + lines.step * steps;
            y = baseline - set.ascent;
            lines.last = baseline + set.para.leading * set.lines.len().saturating_sub(1) as f32;
        }
        let slot = Slot {
            x: content_left(cursor.style, cursor.number()),
            y,
            width: cursor.style.sidebar.map_or(Pt::ZERO, |s| s.width),
        };
        self.placer
            .emit_lines(set, 0..set.lines.len(), slot, block, cursor.items());
        self.side_y = y + set.height(set.lines.len()) + set.para.space_after;
        cursor.sidebar_floor = self.side_y;
        self.beside_heading = true;
        Ok(())
    }

    /// A paragraph's lines, split across columns with at least two lines each side and never
    /// after a hyphenated line.
    fn lines(
        &mut self,
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
                let (x, width) = cursor.slot();
                let slot = Slot {
                    x,
                    y: cursor.y,
                    width,
                };
                self.placer
                    .emit_lines(set, i..i + take, slot, block, cursor.items());
                cursor.y += set.height(take);
                i += take;
            }
            if i < n {
                let left = set.height(n - i) + set.para.space_after + after;
                cursor.next_column(prep.origin(), left)?;
            }
        }
        Ok(())
    }

    /// A part placed whole: in this column if it fits, else at the top of the next; an image
    /// that does not fit waits there while the text after it goes on (and then `false`: it is
    /// not placed yet).
    fn whole(&mut self, cursor: &mut Cursor, whole: &Whole, rest: Pt) -> Result<bool, LayoutError> {
        // The entries of one timeline or grid follow each other at their own spacing (their
        // rail runs across it); a new block starts on the grid.
        if !whole.joined {
            cursor.snap();
        }
        // A picture across the page goes below the sidebar's last heading, not over it.
        if across(&whole.items) {
            cursor.y = cursor.y.max(cursor.sidebar_floor);
        }
        let column = cursor.bottom() - cursor.top;
        if whole.height > column {
            return Err(LayoutError::TooTall {
                origin: whole.origin.clone(),
                height: whole.height,
                column,
            });
        }
        let fits = cursor.y + whole.height <= cursor.bottom();
        // An image waits if it does not fit, or if another waits already (images keep their
        // order).
        let wait = !fits || !cursor.floats.is_empty();
        if wait && !cursor.at_top() && whole.float && cursor.open.is_empty() {
            cursor.floats.push(Float {
                items: whole.items.clone(),
                height: whole.height,
                space_after: whole.space_after,
            });
            return Ok(false);
        }
        while cursor.y + whole.height > cursor.bottom() && !cursor.at_top() {
            cursor.next_column(whole.origin.as_ref(), rest + whole.height)?;
        }
        if cursor.y + whole.height > cursor.bottom() {
            return Err(LayoutError::Overflow {
                what: cursor.what,
                pages: cursor.style.page_limit.unwrap_or(MAX_PAGES),
                origin: whole.origin.clone(),
                by: rest + whole.height - (cursor.bottom() - cursor.y),
            });
        }
        // A timeline going on in a new column says what it goes on with, when both fit.
        if let Some(again) = &whole.again
            && cursor.at_top()
            && cursor.y + again.height + again.space_after + whole.height <= cursor.bottom()
        {
            cursor.put(again.items.clone(), again.height);
            cursor.y += again.space_after;
        }
        cursor.put(whole.items.clone(), whole.height);
        Ok(true)
    }

    /// A box: its parts placed inside its padding, its background drawn under each column's
    /// fragment of it.
    fn boxed(&mut self, cursor: &mut Cursor, b: &Boxed, rest: Pt) -> Result<(), LayoutError> {
        cursor.snap();
        let whole = b.padding * 2.0 + b.parts.iter().map(Prep::height).sum::<Pt>();
        let need = b.min_start();
        // (Again after a break: images waiting for the new column may have filled it.)
        loop {
            let top = cursor.at_top();
            // What puts the box's text on the grid of the text beside is shared: half of it
            // above the box, half before that text inside (`snap_lines`), so that neither the
            // box drifts from its heading nor its text from what introduces it.
            let shift = grid_offset(b, top, cursor.style.grid).map_or(Pt::ZERO, |offset| {
                (cursor.snapped(cursor.y + offset) - (cursor.y + offset)) * 0.5
            });
            if top || cursor.y + shift + need <= cursor.bottom() {
                cursor.y += shift;
                break;
            }
            cursor.next_column(b.origin.as_ref(), rest + whole)?;
        }
        let (x, width) = cursor.slot();
        let at = cursor.items().len();
        cursor.open.push(Open {
            fill: b.fill,
            bar: b.bar,
            padding: b.padding,
            start: cursor.y,
            at,
            x,
            width,
        });
        cursor.y += b.padding;
        let result = self.sequence(cursor, &b.parts, rest);
        cursor.close_fragments(cursor.y, 1);
        cursor.open.pop();
        result?;
        cursor.y += b.padding;
        // Images that waited for the box to close go in under it when they fit.
        if cursor.open.is_empty() {
            cursor.place_floats_here();
        }
        Ok(())
    }
}

/// Where, from its top, the first of the box's parts spaced as the baseline grid starts (a
/// profile's biography, after the name and role), as `sequence` will place it: `at_top` when
/// the box opens a column, where its first part takes no space before it. `None` when no
/// part is, or a nested box comes first.
fn grid_offset(b: &Boxed, at_top: bool, grid: Pt) -> Option<Pt> {
    let mut y = b.padding;
    for (k, part) in b.parts.iter().enumerate() {
        match part {
            Prep::Lines(set, _) => {
                if k > 0 || !at_top {
                    y += set.para.space_before;
                }
                if on_grid(set.para.leading, grid) {
                    return Some(y);
                }
                y += set.height(set.lines.len());
            }
            Prep::Whole(whole) => y += whole.height,
            Prep::Box(_) => return None,
        }
        y += part.space_after();
    }
    None
}

/// Lines spaced `leading` apart are body text, spaced as the baseline `grid`.
fn on_grid(leading: Pt, grid: Pt) -> bool {
    grid.0 > 0.0 && (leading - grid).0.abs() < 0.01
}

/// Whether `items` hold a picture across the page, which nothing may sit beside.
fn across(items: &[Item]) -> bool {
    items
        .iter()
        .any(|item| matches!(item, Item::Image(image) if image.bleed))
}
