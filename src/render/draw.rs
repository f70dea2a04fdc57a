//! Drawing frame items on a krilla surface: fills, glyph runs and images.

use std::collections::{BTreeMap, HashMap};

use krilla::Data;
use krilla::color::{cmyk, rgb};
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill as PdfFill, FillRule, LineCap, Paint, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::RenderError;
use super::raster::{self, Embedded, Resolution};
use crate::content::ImageKind;
use crate::fonts::{FaceId, FontBook};
use crate::layout::frame::{Crop, Fill, PlacedImage, Rect, TextRun};
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
    // Expanded glyphs are drawn scaled about the run's start, their advances unscaled: the
    // scale brings them back to where layout put them.
    let scale = 1.0 + run.expansion;
    let face = fonts.book.face(run.face);
    let upem = face.units_per_em;
    let copied = super::copied::copied(run, face);
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
        .zip(&copied.ranges)
        .map(|(g, range)| {
            exact += g.advance.0 / scale / size * upem;
            let pen = exact.round();
            let advance = (pen - placed) / upem;
            placed = pen;
            KrillaGlyph::new(
                GlyphId::new(g.id),
                advance,
                g.x_offset.0 / scale / size,
                g.y_offset.0 / size,
                0.0,
                range.clone(),
                None,
            )
        })
        .collect();
    surface.set_fill(Some(fill(run.colour, ink)));
    let expanded = run.expansion != 0.0;
    if expanded {
        let x = run.x.0;
        surface.push_transform(&Transform::from_row(
            scale,
            0.0,
            0.0,
            1.0,
            x - x * scale,
            0.0,
        ));
    }
    surface.draw_glyphs(
        Point::from_xy(run.x.0, run.y.0),
        &glyphs,
        font,
        &copied.text,
        size,
        false,
    );
    if expanded {
        surface.pop();
    }
    Ok(())
}

/// Draws `placed`: an SVG as vectors, a raster image at the resolution it calls for.
pub fn draw_image(
    surface: &mut Surface,
    placed: &PlacedImage,
    resolution: Resolution,
    print: bool,
    ink: Ink,
) -> Result<(), RenderError> {
    let image = &placed.image;
    let failed = |reason: String| RenderError::Image {
        path: image.path.display().to_string(),
        reason,
    };
    let rect = placed.rect;
    let Some(size) = Size::from_wh(rect.width.0, rect.height.0) else {
        return Ok(());
    };
    surface.push_transform(&Transform::from_translate(rect.x.0, rect.y.0));
    let drawn = match &image.kind {
        // Framed (a portrait, a picture across the page), an SVG is clipped, never stretched.
        ImageKind::Svg(tree) => cropped(surface, size, placed.crop, |surface, at| {
            surface.draw_svg(tree, at, SvgSettings::default())
        })
        .flatten()
        .ok_or_else(|| failed("krilla could not draw it".into())),
        ImageKind::Raster(facts) => raster::embed(
            &image.data,
            facts,
            placed.crop,
            (rect.width.0, rect.height.0),
            resolution,
            print,
        )
        .and_then(|embedded| {
            let pdf_image = raster::krilla_image(&image.data, facts, &embedded)?;
            // Pixels made for the placement show exactly what is placed; original bytes show
            // the whole file, clipped to the part placed.
            let crop = match embedded {
                Embedded::Original(crop) => crop,
                Embedded::Jpeg(_) | Embedded::Lossless(_) => Crop::WHOLE,
            };
            cropped(surface, size, crop, |surface, at| {
                surface.draw_image(pdf_image, at)
            });
            Ok(())
        })
        .map_err(failed),
    };
    if let Some((colour, opacity)) = placed.veil
        && let Some(path) = frame_path(size)
    {
        surface.set_fill(Some(PdfFill {
            opacity: NormalizedF32::new(opacity.clamp(0.0, 1.0)).unwrap_or(NormalizedF32::ONE),
            ..fill(colour, ink)
        }));
        surface.draw_path(&path);
        surface.set_fill(None);
    }
    surface.pop();
    drawn
}

/// A rectangle of `size` at the origin, to clip to or to fill.
fn frame_path(size: Size) -> Option<krilla::geom::Path> {
    krilla::geom::Rect::from_xywh(0.0, 0.0, size.width(), size.height()).and_then(|r| {
        let mut pb = PathBuilder::new();
        pb.push_rect(r);
        pb.finish()
    })
}

/// Draws with `draw` the whole of a picture at the size that makes its part `crop` fill
/// `size`, clipped to `size` (or simply at `size` when the crop is the whole); `None` when the
/// sizes are degenerate.
fn cropped<T>(
    surface: &mut Surface,
    size: Size,
    crop: Crop,
    draw: impl FnOnce(&mut Surface, Size) -> T,
) -> Option<T> {
    if crop.is_whole() {
        return Some(draw(surface, size));
    }
    let whole = Size::from_wh(
        size.width() / crop.width.max(f32::EPSILON),
        size.height() / crop.height.max(f32::EPSILON),
    )?;
    let clip = frame_path(size)?;
    surface.push_clip_path(&clip, &FillRule::NonZero);
    surface.push_transform(&Transform::from_translate(
        -crop.x * whole.width(),
        -crop.y * whole.height(),
    ));
    let drawn = draw(surface, whole);
    surface.pop();
    surface.pop();
    Some(drawn)
}
