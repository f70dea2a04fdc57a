//! Shaping with harfrust: text in a face becomes glyphs with advances, kerning and ligatures.
//!
//! Results are cached per (face, text) for the run: words repeat a lot in a brochure. So are
//! harfrust's shape plans (which lookups of the font apply), per face, script, language,
//! direction and features: compiling one cost a third of shaping a short run.

use std::collections::HashMap;
use std::rc::Rc;
use std::str::FromStr;

use harfrust::{
    Buffer, Direction, Feature, Language, Script, ShapeOptions, ShapePlan, ShaperFont, Tag,
};

use crate::compose::{Figures, TextStyle};
use crate::content::Lang;
use crate::fonts::{FaceId, FaceKey, Family, FontBook};

/// A glyph in font units per em (advance 0.5 is half an em); `cluster` is a byte offset into
/// the shaped text.
#[derive(Clone, Copy, Debug)]
pub struct Shaped {
    pub id: u32,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    pub cluster: usize,
}

/// A character no bundled face has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncovered(pub char);

/// OpenType features beyond the defaults (kerning and standard ligatures stay on).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Features {
    /// Tabular lining figures.
    pub tabular: bool,
    /// No ligatures: letter-spaced text must not join letters.
    pub no_ligatures: bool,
}

impl Features {
    pub fn of(style: &TextStyle) -> Features {
        Features {
            tabular: style.figures == Figures::Tabular,
            no_ligatures: style.tracking != 0.0,
        }
    }

    fn list(self) -> Vec<Feature> {
        let mut list = Vec::new();
        if self.tabular {
            list.push(Feature::new(Tag::new(b"tnum"), 1, ..));
            list.push(Feature::new(Tag::new(b"lnum"), 1, ..));
        }
        if self.no_ligatures {
            list.push(Feature::new(Tag::new(b"liga"), 0, ..));
            list.push(Feature::new(Tag::new(b"clig"), 0, ..));
        }
        list
    }
}

type Key = (FaceId, Lang, Features, bool, String);
type PlanKey = (FaceId, Lang, Features, bool, Option<Script>);

pub struct Shaper<'a> {
    pub book: &'a FontBook,
    cache: HashMap<Key, Rc<[Shaped]>>,
    plans: HashMap<PlanKey, ShapePlan>,
}

impl<'a> Shaper<'a> {
    pub fn new(book: &'a FontBook) -> Self {
        Shaper {
            book,
            cache: HashMap::new(),
            plans: HashMap::new(),
        }
    }

    /// Shapes `text` in `face` (the caller has checked the face covers it).
    pub fn shape(
        &mut self,
        face: FaceId,
        text: &str,
        lang: Lang,
        features: Features,
        rtl: bool,
    ) -> Rc<[Shaped]> {
        let key = (face, lang, features, rtl, text.to_owned());
        if let Some(hit) = self.cache.get(&key) {
            return hit.clone();
        }
        let shaped: Rc<[Shaped]> =
            shape_uncached(self.book, &mut self.plans, face, text, lang, features, rtl).into();
        self.cache.insert(key, shaped.clone());
        shaped
    }

    /// How much larger than its run's size `face` is set: Arabic letters are set so that
    /// their bodies are as tall as the x-height of the Latin face beside them (Noto Naskh's
    /// are a quarter smaller than Noto Serif's at one size, and read a size too small); every
    /// other face at the run's size.
    pub fn script_scale(&self, face: FaceId, style: &TextStyle) -> f32 {
        let this = self.book.face(face);
        if !this.key.family.is_arabic() {
            return 1.0;
        }
        let family = if style.face.family.is_arabic() {
            style.latin
        } else {
            style.face.family
        };
        let latin = self.book.face(self.book.id(FaceKey { family, ..this.key }));
        if latin.key.family.is_arabic() {
            return 1.0;
        }
        let body = |f: &crate::fonts::Face| f.x_height / f.units_per_em;
        (body(latin) / body(this)).clamp(1.0, 1.5)
    }

    /// The face to set `c` in: the wanted one if it has the character, else the `latin` family
    /// (the brand's face for Latin inside Arabic), else the first bundled face of the same
    /// weight and style that has it.
    pub fn face_for(&self, wanted: FaceKey, latin: Family, c: char) -> Result<FaceId, Uncovered> {
        let id = self.book.id(wanted);
        // The soft hyphen is never drawn: it stays in the wanted face.
        if self.book.face(id).has_char(c) || c == '\u{ad}' {
            return Ok(id);
        }
        let found = std::iter::once(latin)
            .chain(Family::ALL)
            .map(|family| self.book.id(FaceKey { family, ..wanted }))
            .find(|&id| self.book.face(id).has_char(c));
        match found {
            Some(id) => Ok(id),
            // A space no face has (a rare width) is set as the face's own space would be:
            // shaping maps it to a space's glyph of the wanted face.
            None if c.is_whitespace() => Ok(id),
            None => Err(Uncovered(c)),
        }
    }
}

/// Shapes in logical order: glyphs of right-to-left text come back first-character-first.
fn shape_uncached(
    book: &FontBook,
    plans: &mut HashMap<PlanKey, ShapePlan>,
    id: FaceId,
    text: &str,
    lang: Lang,
    features: Features,
    rtl: bool,
) -> Vec<Shaped> {
    let face = book.face(id);
    let font = ShaperFont::new(&face.font);
    let mut buffer = Buffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    buffer.set_language(Language::from_str(lang.code()).ok());
    let upem = face.units_per_em;
    let list = features.list();
    let plan = plans
        .entry((id, lang, features, rtl, buffer.script()))
        .or_insert_with(|| {
            ShapePlan::new(
                &face.font,
                buffer.direction(),
                buffer.script(),
                buffer.language(),
                &list,
            )
        });
    let options = ShapeOptions::new().features(&list).plan(Some(plan));
    if harfrust::shape(&font, &mut buffer, options).is_err() {
        return Vec::new();
    }
    let mut glyphs: Vec<Shaped> = buffer
        .glyph_infos()
        .iter()
        .zip(buffer.glyph_positions())
        .map(|(info, pos)| Shaped {
            id: info.glyph_id,
            advance: pos.x_advance as f32 / upem,
            x_offset: pos.x_offset as f32 / upem,
            y_offset: pos.y_offset as f32 / upem,
            cluster: info.cluster as usize,
        })
        .collect();
    // Right-to-left runs come out in visual order; lines are broken in logical order.
    if rtl {
        glyphs.reverse();
    }
    glyphs
}
