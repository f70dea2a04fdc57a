//! Drawing frame items on a krilla surface: fills, glyph runs and images.

use std::collections::HashMap;
use std::sync::Arc;

use krilla::Data;
use krilla::color::{cmyk, rgb};
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill as PdfFill, FillRule};
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

fn paint(colour: Colour, ink: Ink) -> PdfFill {
    let paint = match (ink, colour.cmyk) {
        (Ink::Print, Some(inks)) => {
            let [c, m, y, k] = inks.fractions().map(|f| (f * 255.0).round() as u8);
            cmyk::Color::new(c, m, y, k).into()
        }
        _ => {
            let Rgb(r, g, b) = colour.rgb;
            rgb::Color::new(r, g, b).into()
        }
    };
    PdfFill {
        paint,
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

pub fn krilla_rect(r: &Rect) -> Option<krilla::geom::Rect> {
    krilla::geom::Rect::from_xywh(r.x.0, r.y.0, r.width.0, r.height.0)
}

/// Fills of one colour as a single path.
pub fn draw_fills(surface: &mut Surface, fills: &[&Fill], ink: Ink) {
    let Some(first) = fills.first() else { return };
    let mut pb = PathBuilder::new();
    for fill in fills {
        if fill.round {
            ellipse(&mut pb, &fill.rect);
        } else if let Some(rect) = krilla_rect(&fill.rect) {
            pb.push_rect(rect);
        }
    }
    if let Some(path) = pb.finish() {
        surface.set_fill(Some(paint(first.colour, ink)));
        surface.draw_path(&path);
    }
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
    // krilla wants advances and offsets per em.
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| {
            KrillaGlyph::new(
                GlyphId::new(g.id),
                g.advance.0 / size,
                g.x_offset.0 / size,
                g.y_offset.0 / size,
                0.0,
                g.range.clone(),
                None,
            )
        })
        .collect();
    surface.set_fill(Some(paint(run.colour, ink)));
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
    let mut options = usvg::Options::default();
    // SVG text is set in the bundled fonts too, never in system ones.
    let db = Arc::make_mut(&mut options.fontdb);
    for (_, face) in book.faces() {
        db.load_font_data(face.data.to_vec());
    }
    options
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
        ImageFormat::Svg => usvg::Tree::from_data(&image.data, svg)
            .map_err(|e| failed(e.to_string()))
            .and_then(|tree| {
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
