//! The bundled fonts, compiled into the binary so that no build ever reads a system font.
//!
//! A [`FontBook`] holds every bundled face, parsed once per run; layout shapes with it and render
//! embeds from it, both addressing a face by its [`FaceId`].

use std::sync::{Arc, OnceLock};

use skrifa::Font;

/// A bundled font family, chosen by name in the brand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    NotoSerif,
    NotoSans,
    NotoNaskhArabic,
    NotoSansTifinagh,
    /// Mathematical operators, arrows, letterlike symbols (−, ≈, ≤, →, ℃): fallback only.
    NotoSansMath,
    /// Shapes, dingbats and miscellaneous symbols (✓, ★, ▲): fallback only.
    NotoSansSymbols2,
}

impl Family {
    /// In fallback order: a character missing from the wanted face is set in the first of
    /// these that has it.
    pub const ALL: [Family; 6] = [
        Family::NotoSerif,
        Family::NotoSans,
        Family::NotoNaskhArabic,
        Family::NotoSansTifinagh,
        Family::NotoSansMath,
        Family::NotoSansSymbols2,
    ];

    /// The families a brand may set text in; the symbol faces only fill in characters.
    pub const TEXT: [Family; 4] = [
        Family::NotoSerif,
        Family::NotoSans,
        Family::NotoNaskhArabic,
        Family::NotoSansTifinagh,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Family::NotoSerif => "Noto Serif",
            Family::NotoSans => "Noto Sans",
            Family::NotoNaskhArabic => "Noto Naskh Arabic",
            Family::NotoSansTifinagh => "Noto Sans Tifinagh",
            Family::NotoSansMath => "Noto Sans Math",
            Family::NotoSansSymbols2 => "Noto Sans Symbols 2",
        }
    }

    /// Families of the Arabic script: set larger than Latin at the same size, so that their
    /// letter bodies match its x-height.
    pub fn is_arabic(self) -> bool {
        self == Family::NotoNaskhArabic
    }

    pub fn from_name(name: &str) -> Option<Family> {
        Family::TEXT.into_iter().find(|f| f.name() == name)
    }
}

/// One style of a family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FaceKey {
    pub family: Family,
    pub bold: bool,
    pub italic: bool,
}

/// The index of a face in the [`FontBook`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(u16);

impl FaceId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A parsed face with the metrics layout needs, in font units.
pub struct Face {
    pub key: FaceKey,
    pub data: &'static [u8],
    pub font: Font,
    pub units_per_em: f32,
    pub ascender: f32,
    /// Negative, as in the font.
    pub descender: f32,
    /// How tall the bodies of lowercase letters are: the x-height for Latin, the height of
    /// the letter bodies (ه) for Arabic, whose fonts give no x-height. Sizes of scripts set
    /// side by side are matched on it.
    pub x_height: f32,
}

impl Face {
    pub fn has_char(&self, c: char) -> bool {
        self.font.charmap().map_unicode(c).is_some()
    }
}

/// Every bundled face, parsed once.
pub struct FontBook {
    faces: Vec<Face>,
}

/// The bundled faces as usvg sets SVG text with them, so that an SVG never reaches for a
/// system font: made on first use, shared by every image of the run. Generic families name
/// bundled faces (there is no bundled monospace: it is the sans).
pub fn svg_fonts() -> Arc<usvg::fontdb::Database> {
    static DATABASE: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DATABASE
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            let mut loaded: Vec<*const u8> = Vec::new();
            for family in Family::ALL {
                for (bold, italic) in [(false, false), (false, true), (true, false), (true, true)] {
                    let (_, data) = bundled_file(FaceKey {
                        family,
                        bold,
                        italic,
                    });
                    if !loaded.contains(&data.as_ptr()) {
                        loaded.push(data.as_ptr());
                        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(data)));
                    }
                }
            }
            let sans = Family::NotoSans.name();
            db.set_serif_family(Family::NotoSerif.name());
            db.set_sans_serif_family(sans);
            db.set_monospace_family(sans);
            db.set_cursive_family(sans);
            db.set_fantasy_family(sans);
            Arc::new(db)
        })
        .clone()
}

/// The error when bundled font data cannot be parsed (a corrupt build, not a content problem).
#[derive(Debug, thiserror::Error)]
#[error("bundled font {0} could not be parsed")]
pub struct FontError(&'static str);

macro_rules! bundled {
    ($file:literal) => {
        (
            $file,
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/", $file)).as_slice(),
        )
    };
}

/// The font files behind each face. Arabic has no italic: its italic keys use the upright face.
fn bundled_file(key: FaceKey) -> (&'static str, &'static [u8]) {
    match (key.family, key.bold, key.italic) {
        (Family::NotoSerif, false, false) => bundled!("NotoSerif-Regular.ttf"),
        (Family::NotoSerif, false, true) => bundled!("NotoSerif-Italic.ttf"),
        (Family::NotoSerif, true, false) => bundled!("NotoSerif-Bold.ttf"),
        (Family::NotoSerif, true, true) => bundled!("NotoSerif-BoldItalic.ttf"),
        (Family::NotoSans, false, false) => bundled!("NotoSans-Regular.ttf"),
        (Family::NotoSans, false, true) => bundled!("NotoSans-Italic.ttf"),
        (Family::NotoSans, true, false) => bundled!("NotoSans-Bold.ttf"),
        (Family::NotoSans, true, true) => bundled!("NotoSans-BoldItalic.ttf"),
        (Family::NotoNaskhArabic, false, _) => bundled!("NotoNaskhArabic-Regular.ttf"),
        (Family::NotoNaskhArabic, true, _) => bundled!("NotoNaskhArabic-Bold.ttf"),
        // Tifinagh has one style; bold and italic use it.
        (Family::NotoSansTifinagh, _, _) => bundled!("NotoSansTifinagh-Regular.ttf"),
        // Symbols have one style, subset to the blocks text uses (fonts/README.md).
        (Family::NotoSansMath, _, _) => bundled!("NotoSansMath-Regular.ttf"),
        (Family::NotoSansSymbols2, _, _) => bundled!("NotoSansSymbols2-Regular.ttf"),
    }
}

/// The face's x-height if it gives one, else the top of its `x`, else of its Arabic `ه`, else
/// half an em.
fn body_height(font: &Font, units_per_em: f32) -> f32 {
    let given = font.metrics().x_height.map_or(0.0, |h| h.to_f32());
    if given > 0.0 {
        return given;
    }
    let top = |c: char| {
        let glyph = font.charmap().map_unicode(c)?;
        let extents = font.glyph_metrics().extents(glyph)?;
        Some(extents.y_bearing).filter(|h| *h > 0.0)
    };
    top('x')
        .or_else(|| top('\u{647}'))
        .unwrap_or(units_per_em / 2.0)
}

impl FontBook {
    /// Parses every bundled face. Parsing is lazy per table, so this costs microseconds.
    pub fn bundled() -> Result<FontBook, FontError> {
        let mut faces = Vec::new();
        for family in Family::ALL {
            for (bold, italic) in [(false, false), (false, true), (true, false), (true, true)] {
                let key = FaceKey {
                    family,
                    bold,
                    italic,
                };
                let (name, data) = bundled_file(key);
                let font = Font::new(data, 0).ok_or(FontError(name))?;
                let metrics = font.metrics();
                let line = metrics
                    .typo_line
                    .filter(|_| metrics.use_typo_metrics)
                    .or(metrics.hhea_line)
                    .ok_or(FontError(name))?;
                let units_per_em = f32::from(font.units_per_em());
                let x_height = body_height(&font, units_per_em);
                faces.push(Face {
                    key,
                    data,
                    units_per_em,
                    ascender: line.ascender.to_f32(),
                    descender: line.descender.to_f32(),
                    x_height,
                    font,
                });
            }
        }
        Ok(FontBook { faces })
    }

    pub fn id(&self, key: FaceKey) -> FaceId {
        let index = self.faces.iter().position(|f| f.key == key).unwrap_or(0);
        FaceId(index as u16)
    }

    #[allow(
        clippy::indexing_slicing,
        reason = "ids only come from `id`, which returns indexes into `faces`, never empty"
    )]
    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.index()]
    }

    pub fn faces(&self) -> impl Iterator<Item = (FaceId, &Face)> {
        self.faces
            .iter()
            .enumerate()
            .map(|(i, face)| (FaceId(i as u16), face))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_face_parses_with_sane_metrics() {
        let book = FontBook::bundled().expect("bundled fonts parse");
        assert_eq!(book.faces().count(), 24);
        for (_, face) in book.faces() {
            assert!(
                face.ascender > 0.0 && face.descender < 0.0,
                "{:?}",
                face.key
            );
            let sample = match face.key.family {
                Family::NotoNaskhArabic => 'ب',
                Family::NotoSansTifinagh => 'ⵣ',
                Family::NotoSansMath => '≈',
                Family::NotoSansSymbols2 => '✓',
                _ => 'é',
            };
            assert!(face.has_char(sample), "{:?}", face.key);
            // Letter bodies: a fifth to two thirds of an em, for every face.
            let body = face.x_height / face.units_per_em;
            assert!((0.2..0.67).contains(&body), "{:?}: {body}", face.key);
        }
        // Noto Naskh gives no x-height: its bodies (ه) are measured, a quarter under Serif's.
        let x = |family| {
            let face = book.face(book.id(FaceKey {
                family,
                bold: false,
                italic: false,
            }));
            face.x_height / face.units_per_em
        };
        assert!((x(Family::NotoNaskhArabic) - 0.408).abs() < 0.01);
        assert!((x(Family::NotoSerif) - 0.536).abs() < 0.01);
        let arabic = book.face(book.id(FaceKey {
            family: Family::NotoNaskhArabic,
            bold: false,
            italic: false,
        }));
        assert!(arabic.has_char('ب'));
    }
}
