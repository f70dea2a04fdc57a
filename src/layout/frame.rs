//! The output of layout: pages of positioned items. Nothing here knows of PDF.
//!
//! Coordinates are in points from the top-left corner of the page (the bleed box's corner,
//! when there is bleed), y growing downwards.

use std::ops::Range;

use crate::compose::Role;
use crate::content::{Focus, Image};
use crate::fonts::FaceId;
use crate::units::{Colour, Pt};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: Pt,
    pub y: Pt,
    pub width: Pt,
    pub height: Pt,
}

impl Rect {
    pub fn right(&self) -> Pt {
        self.x + self.width
    }

    pub fn bottom(&self) -> Pt {
        self.y + self.height
    }
}

/// A page and everything on it. Items of one block are in reading order; blocks are numbered
/// in reading order (see [`TextRun::block`]).
#[derive(Clone, Debug)]
pub struct Page {
    /// The whole sheet, bleed included.
    pub media: Rect,
    /// The finished page after trimming.
    pub trim: Rect,
    /// The area backgrounds extend into, to be trimmed off.
    pub bleed: Rect,
    /// The printed page number, if the page shows one.
    pub number: Option<usize>,
    pub items: Vec<Item>,
    /// Crop marks and slug, outside the bleed: drawn unclipped.
    pub marks: Vec<Item>,
}

#[derive(Clone, Debug)]
pub enum Item {
    Text(TextRun),
    Fill(Fill),
    Image(PlacedImage),
    Link(Link),
    /// Not drawn: how a line of text was set, for inspection and tests.
    Line(LineInfo),
    /// Not drawn: a place links can point to, at the top of an anchored paragraph.
    Anchor(Anchor),
}

/// A named place on a page (`#name` in a link).
#[derive(Clone, Debug)]
pub struct Anchor {
    pub name: String,
    pub x: Pt,
    pub y: Pt,
}

/// A set line, as typesetting decided it.
#[derive(Clone, Debug)]
pub struct LineInfo {
    /// The measure: `x` and `width` of the slot the line was set in, `y` its baseline,
    /// `height` its leading.
    pub rect: Rect,
    /// Where the ink starts and ends, from the measure's left edge (`rect.x`), punctuation
    /// hanging into the margins excluded (the optical edges).
    pub start: Pt,
    pub end: Pt,
    pub justified: bool,
    /// The paragraph's last line.
    pub last: bool,
    pub hyphenated: bool,
    /// Inter-word space as set, over its natural width.
    pub space_ratio: Option<f32>,
    /// Letter-spacing added between letters, in em.
    pub tracking: f32,
    /// How much wider its glyphs are set than designed (font expansion): 0.01 is 1 %.
    pub expansion: f32,
    /// The words a kashida elongates.
    pub kashidas: Vec<String>,
    /// Display text (headings, cover lines, the lead): set ragged, not hyphenated.
    pub display: bool,
    pub role: Role,
    pub block: usize,
}

/// Glyphs in one face, size and colour, on one baseline.
#[derive(Clone, Debug)]
pub struct TextRun {
    /// Start of the baseline.
    pub x: Pt,
    pub y: Pt,
    pub face: FaceId,
    pub size: Pt,
    pub colour: Colour,
    pub glyphs: Vec<Glyph>,
    /// The text the glyphs show; glyph ranges index into it.
    pub text: String,
    pub role: Role,
    /// The number of the block (paragraph, list item, …) the run belongs to, so that runs of
    /// one paragraph can be grouped into one structure element. Blocks are numbered in
    /// reading order, across pages and columns.
    pub block: usize,
    /// How much wider its glyphs are drawn than designed (font expansion, justifying the
    /// line): 0.01 is 1 %. Their advances already include it.
    pub expansion: f32,
}

impl TextRun {
    pub fn width(&self) -> Pt {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub id: u32,
    pub advance: Pt,
    pub x_offset: Pt,
    pub y_offset: Pt,
    /// The bytes of the run's text this glyph shows.
    pub range: Range<usize>,
    /// A tatweel justification added to elongate the letter of `range` (a kashida), not a
    /// character of the text.
    pub kashida: bool,
}

/// A filled rectangle (bands, boxes, rules) or, when `round`, the ellipse inside it.
#[derive(Clone, Debug)]
pub struct Fill {
    pub rect: Rect,
    pub colour: Colour,
    pub role: Role,
    pub round: bool,
}

#[derive(Clone, Debug)]
pub struct PlacedImage {
    pub rect: Rect,
    pub image: Image,
    /// The part of the image shown in `rect` (all of it, unless framed to a focal point).
    pub crop: Crop,
    /// Runs across the page to the edges of its bleed: `rect`'s left and width are set
    /// once the page is known.
    pub bleed: bool,
    /// A colour laid over the image at this opacity (a cover photo under its text).
    pub veil: Option<(Colour, f32)>,
    pub role: Role,
    pub block: usize,
}

/// A part of an image, in fractions of its upright width and height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Crop {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl Crop {
    pub const WHOLE: Crop = Crop {
        x: 0.0,
        y: 0.0,
        width: 1.0,
        height: 1.0,
    };

    pub fn is_whole(&self) -> bool {
        *self == Crop::WHOLE
    }

    /// The part of `image` that fills a frame `ratio` high for its width, around `focus`.
    pub fn framed(image: &Image, focus: Focus, ratio: f32) -> Crop {
        let [x, y, width, height] = focus.window(image.width, image.height, ratio);
        Crop {
            x,
            y,
            width,
            height,
        }
    }
}

/// A clickable area over the text run just before it in the page's items.
#[derive(Clone, Debug)]
pub struct Link {
    pub rect: Rect,
    /// A URL, or `#name` for an [`Anchor`] in the document.
    pub target: String,
    pub block: usize,
}
