//! Drawing frame items on a krilla surface: fills, glyph runs and images.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use krilla::Data;
use krilla::color::{cmyk, rgb};
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill as PdfFill, FillRule, LineCap, Paint, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::RenderError;
use crate::content::ImageFormat;
use crate::fonts::{FaceId, FontBook};
use crate::layout::frame::{Fill, PlacedImage, Rect, TextRun};
use crate::units::{Colour, Rgb};

/// krilla fonts, made once per face used.
pub struct Fonts<'a> {
    book: &'a FontBook,
    made: HashMap<FaceId, Font>,
}

impl<'a> Fonts<'a> {
    pub fn new(book: &'a FontBook) -> Self {
        Fonts {
            book,
            made: HashMap::new(),
        }
    }

    fn get(&mut self, id: FaceId) -> Result<Font, RenderError> {
        if let Some(font) = self.made.get(&id) {
            return Ok(font.clone());
        }
        let data: Data = self.book.face(id).data.into();
        let font = Font::new(data, 0)
            .ok_or_else(|| RenderError::Pdf("a bundled font could not be read".into()))?;
        self.made.insert(id, font.clone());
        Ok(font)
    }
}

/// Which colours to draw with: sRGB for screens, the brand's inks (where it gives them) for
/// offset print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ink {
    Screen,
    Print,
}

fn fill(colour: Colour, ink: Ink) -> PdfFill {
    PdfFill {
        paint: paint(colour, ink),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn paint(colour: Colour, ink: Ink) -> Paint {
    match (ink, colour.cmyk) {
        (Ink::Print, Some(inks)) => {
            let [c, m, y, k] = inks.fractions().map(|f| (f * 255.0).round() as u8);
            cmyk::Color::new(c, m, y, k).into()
        }
        _ => {
            let Rgb(r, g, b) = colour.rgb;
            rgb::Color::new(r, g, b).into()
        }
    }
}

pub fn krilla_rect(r: &Rect) -> Option<krilla::geom::Rect> {
    krilla::geom::Rect::from_xywh(r.x.0, r.y.0, r.width.0, r.height.0)
}

/// Fills of one colour: rectangles and ellipses as one filled path, and circles as dots, one
/// stroked path per size.
///
/// A dot is a stroke a hair long with round caps: a disc in some thirty bytes where four
/// Bézier arcs take four hundred (a dotted cover holds hundreds). Not of zero length, which
/// viewers drawing through an HTML canvas skip.
pub fn draw_fills(surface: &mut Surface, fills: &[&Fill], ink: Ink) {
    let Some(first) = fills.first() else { return };
    let mut shapes = PathBuilder::new();
    let mut dots: BTreeMap<u32, PathBuilder> = BTreeMap::new();
    for shape in fills {
        let r = &shape.rect;
        if shape.round && r.width == r.height {
            let diameter = (r.width.0 * 100.0).round().max(1.0) as u32;
            let (x, y) = (r.x.0 + r.width.0 / 2.0, r.y.0 + r.height.0 / 2.0);
            let path = dots.entry(diameter).or_default();
            path.move_to(hundredths(x - 0.01), hundredths(y));
            path.line_to(hundredths(x + 0.01), hundredths(y));
        } else if shape.round {
            ellipse(&mut shapes, r);
        } else if let Some(rect) = krilla_rect(r) {
            shapes.push_rect(rect);
        }
    }
    if let Some(path) = shapes.finish() {
        surface.set_fill(Some(fill(first.colour, ink)));
        surface.draw_path(&path);
    }
    surface.set_fill(None);
    for (diameter, path) in dots {
        let Some(path) = path.finish() else { continue };
        surface.set_stroke(Some(Stroke {
            paint: paint(first.colour, ink),
            width: diameter as f32 / 100.0,
            line_cap: LineCap::Round,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
    }
    surface.set_stroke(None);
}

/// `v` to the nearest hundredth of a point, far below what print or screen can show, which
/// PDF writes in fewer digits.
fn hundredths(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// An ellipse inscribed in `r`, as four cubic arcs.
fn ellipse(pb: &mut PathBuilder, r: &Rect) {
    const K: f32 = 0.552_284_8;
    let (rx, ry) = (r.width.0 / 2.0, r.height.0 / 2.0);
    let (cx, cy) = (r.x.0 + rx, r.y.0 + ry);
    let (kx, ky) = (rx * K, ry * K);
    pb.move_to(cx + rx, cy);
    pb.cubic_to(cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry);
    pb.cubic_to(cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy);
    pb.cubic_to(cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry);
    pb.cubic_to(cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy);
    pb.close();
}

pub fn draw_text(
    surface: &mut Surface,
    run: &TextRun,
    fonts: &mut Fonts,
    ink: Ink,
) -> Result<(), RenderError> {
    let font = fonts.get(run.face)?;
    let size = run.size.0;
    let upem = fonts.book.face(run.face).units_per_em;
    // Pen positions in whole font units, rounded where they fall, not glyph by glyph: no
    // glyph strays more than half a unit (a two-thousandth of an em) from where layout put
    // it, and krilla writes the letter-spacing of a justified line as whole units (`5`)
    // rather than float noise (`5.0550537`, `5.0551147`) that deflate cannot fold.
    let mut exact = 0.0;
    let mut placed = 0.0;
    // krilla wants advances and offsets per em.
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| {
            exact += g.advance.0 / size * upem;
            let pen = exact.round();
            let advance = (pen - placed) / upem;
            placed = pen;
            KrillaGlyph::new(
                GlyphId::new(g.id),
                advance,
                g.x_offset.0 / size,
                g.y_offset.0 / size,
                0.0,
                g.range.clone(),
                None,
            )
        })
        .collect();
    surface.set_fill(Some(fill(run.colour, ink)));
    surface.draw_glyphs(
        Point::from_xy(run.x.0, run.y.0),
        &glyphs,
        font,
        &run.text,
        size,
        false,
    );
    Ok(())
}

pub fn svg_options(book: &FontBook) -> usvg::Options<'static> {
    // SVG text is set in the bundled fonts too, never in system ones.
    usvg::Options {
        fontdb: book.svg_fonts(),
        ..usvg::Options::default()
    }
}

pub fn draw_image(
    surface: &mut Surface,
    placed: &PlacedImage,
    svg: &usvg::Options,
) -> Result<(), RenderError> {
    let image = &placed.image;
    let failed = |reason: String| RenderError::Image {
        path: image.path.display().to_string(),
        reason,
    };
    let Some(size) = Size::from_wh(placed.rect.width.0, placed.rect.height.0) else {
        return Ok(());
    };
    surface.push_transform(&Transform::from_translate(placed.rect.x.0, placed.rect.y.0));
    let drawn = match image.format {
        ImageFormat::Svg => svg_tree(&image.data, svg).map_err(failed).and_then(|tree| {
            surface
                .draw_svg(&tree, size, SvgSettings::default())
                .ok_or_else(|| failed("krilla could not draw it".into()))
        }),
        ImageFormat::Png => krilla::image::Image::from_png(Data::from(image.data.clone()), false)
            .map(|img| surface.draw_image(img, size))
            .map_err(failed),
        ImageFormat::Jpeg => krilla::image::Image::from_jpeg(Data::from(image.data.clone()), false)
            .map(|img| surface.draw_image(img, size))
            .map_err(failed),
    };
    surface.pop();
    drawn
}

/// How many parsed SVGs a run keeps: the logo, the icons, the QR code and partners' logos,
/// with room to spare; a long `watch` session forgets the oldest.
const PARSED_SVGS: usize = 64;

/// The SVG `data` parsed, once a run: the logo, icons and QR code recur in every edition.
fn svg_tree(data: &Arc<Vec<u8>>, options: &usvg::Options) -> Result<Arc<usvg::Tree>, String> {
    type Parsed = Vec<(Arc<Vec<u8>>, Arc<usvg::Tree>)>;
    static PARSED: Mutex<Parsed> = Mutex::new(Vec::new());
    let lock = || PARSED.lock().unwrap_or_else(PoisonError::into_inner);
    let known = lock()
        .iter()
        .find(|(d, _)| d == data)
        .map(|(_, tree)| tree.clone());
    if let Some(tree) = known {
        return Ok(tree);
    }
    // Parsed unlocked: another thread may parse another image meanwhile.
    let tree = Arc::new(usvg::Tree::from_data(data, options).map_err(|e| e.to_string())?);
    let mut parsed = lock();
    if parsed.len() == PARSED_SVGS {
        parsed.remove(0);
    }
    parsed.push((data.clone(), tree.clone()));
    Ok(tree)
}
