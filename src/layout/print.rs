//! The print pass: bleed, crop marks and the slug line, for a print shop.
//!
//! Pages are laid out with their trim box at the origin; backgrounds meant to bleed are drawn to
//! the bleed box (negative coordinates). This pass grows each page's media box by the bleed and
//! the marks, moves everything so that the media box starts at the origin, and draws the crop
//! marks and the slug outside the bleed, where the trimming takes them off.

use super::LayoutError;
use super::frame::{Fill, Item, Page, Rect};
use super::place::{Placer, Slot, translate};
use crate::compose::{Para, Role, TextStyle};
use crate::content::Lang;
use crate::units::{Cmyk, Colour, Mm, Pt, Rgb};

/// The gap between the bleed's edge and the crop marks.
const GAP: Mm = Mm(2.0);
/// How long a crop mark is.
const MARK: Mm = Mm(6.0);
/// Room beyond the marks, for the slug's descenders.
const ROOM: Mm = Mm(3.0);

/// Registration colour: every plate shows the marks.
const REGISTRATION: Colour = Colour {
    rgb: Rgb(0, 0, 0),
    cmyk: Some(Cmyk::REGISTRATION),
};

/// What a print edition adds to the pages.
#[derive(Clone, Debug)]
pub struct Print {
    /// How far backgrounds run past the trim.
    pub bleed: Pt,
    /// What the file is, printed beside the marks: name, edition, date.
    pub slug: String,
}

/// The bleed box of a page whose trim box is `trim`.
pub fn bleed(trim: Rect, bleed: Pt) -> Rect {
    Rect {
        x: trim.x - bleed,
        y: trim.y - bleed,
        width: trim.width + bleed * 2.0,
        height: trim.height + bleed * 2.0,
    }
}

/// Adds marks and slug around every page; `slug` says what the file is, the page number is
/// added.
pub fn finish(
    placer: &mut Placer,
    pages: &mut [Page],
    options: &Print,
    style: TextStyle,
) -> Result<(), LayoutError> {
    let margin = options.bleed + Pt::from(GAP) + Pt::from(MARK) + Pt::from(ROOM);
    let count = pages.len();
    for (index, page) in pages.iter_mut().enumerate() {
        translate(&mut page.items, margin, margin);
        for rect in [&mut page.trim, &mut page.bleed] {
            rect.x += margin;
            rect.y += margin;
        }
        page.media = Rect {
            x: Pt::ZERO,
            y: Pt::ZERO,
            width: page.trim.width + margin * 2.0,
            height: page.trim.height + margin * 2.0,
        };
        crop_marks(page, options.bleed);
        let text = format!("{} · {}/{count}", options.slug, index + 1);
        slug(placer, page, &text, style)?;
    }
    Ok(())
}

/// Two marks at each corner, on the lines of the trim, starting beyond the bleed.
fn crop_marks(page: &mut Page, bleed: Pt) {
    let t = page.trim;
    let near = bleed + Pt::from(GAP);
    let far = near + Pt::from(MARK);
    let thin = Pt(0.25);
    let mut line = |x: Pt, y: Pt, width: Pt, height: Pt| {
        page.marks.push(Item::Fill(Fill {
            rect: Rect {
                x,
                y,
                width,
                height,
            },
            colour: REGISTRATION,
            role: Role::Artifact,
            round: false,
        }));
    };
    for (x, outward) in [(t.x, -1.0), (t.right(), 1.0)] {
        for (y, downward) in [(t.y, -1.0), (t.bottom(), 1.0)] {
            // Horizontal mark, level with the trim's top or bottom edge.
            let hx = if outward < 0.0 { x - far } else { x + near };
            line(hx, y - thin / 2.0, far - near, thin);
            // Vertical mark, in line with the trim's left or right edge.
            let vy = if downward < 0.0 { y - far } else { y + near };
            line(x - thin / 2.0, vy, thin, far - near);
        }
    }
}

/// The slug line under the page, between the bottom marks.
fn slug(
    placer: &mut Placer,
    page: &mut Page,
    text: &str,
    style: TextStyle,
) -> Result<(), LayoutError> {
    let style = TextStyle {
        colour: REGISTRATION,
        tracking: 0.0,
        ..style
    };
    let para = Para::line(text, style, Role::Artifact, Lang::default());
    let set = placer
        .set(&para, page.trim.width)
        .map_err(|e| LayoutError::from_break(e, None))?;
    let slot = Slot {
        x: page.trim.x + Pt::from(Mm(10.0)),
        y: page.bleed.bottom() + Pt::from(GAP),
        width: page.trim.width,
    };
    let block = placer.block_id();
    let mut items = Vec::new();
    placer.emit_lines(&set, 0..set.lines.len().min(1), slot, block, &mut items);
    page.marks.extend(items);
    Ok(())
}
