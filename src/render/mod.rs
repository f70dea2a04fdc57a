//! Stage 4: frames to PDF bytes, with krilla. Knows no YAML and never writes files.
//!
//! Text is drawn from the glyphs layout shaped (krilla's own shaping is not used), so fonts
//! are subset to what the document uses and every glyph maps back to its text for copying.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Timelike, Utc};
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::metadata::{DateTime as PdfDate, Metadata, TextDirection};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::paint::{Fill as PdfFill, FillRule};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Data, Document, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};

use crate::compose::{Meta, Role};
use crate::content::ImageFormat;
use crate::fonts::{FaceId, FontBook};
use crate::layout::frame::{Fill, Item, Page, PlacedImage, Rect, TextRun};
use crate::units::Rgb;

/// What went wrong writing the PDF.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("image `{path}` could not be decoded: {reason}")]
    Image { path: String, reason: String },
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// Renders `pages` to PDF bytes. `created` is the document's creation date (from
/// `SOURCE_DATE_EPOCH` for reproducible builds).
pub fn render(
    pages: &[Page],
    meta: &Meta,
    book: &FontBook,
    created: DateTime<Utc>,
) -> Result<Vec<u8>, RenderError> {
    let settings = SerializeSettings {
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let mut fonts = Fonts::new(book);
    let svg_options = svg_options(book);
    for page in pages {
        let size = page.media;
        let Some(settings) = PageSettings::from_wh(size.width.0, size.height.0) else {
            return Err(RenderError::Pdf("a page has no size".into()));
        };
        // Page labels follow the printed numbers; covers carry an empty label.
        let label = match page.number.and_then(|n| NonZeroU32::new(n as u32)) {
            Some(n) => PageLabel::new(Some(NumberingStyle::Arabic), None, Some(n)),
            None => PageLabel::new(None, Some(String::new()), None),
        };
        let settings = settings.with_page_label(label);
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        let mut i = 0;
        while let Some(item) = page.items.get(i) {
            i += 1;
            match item {
                Item::Fill(f) => {
                    // Neighbouring fills of one colour (a field of dots) go out as one path.
                    let mut batch = vec![f];
                    while let Some(Item::Fill(next)) = page.items.get(i)
                        && next.colour == f.colour
                    {
                        batch.push(next);
                        i += 1;
                    }
                    draw_fills(&mut surface, &batch);
                }
                Item::Text(run) => draw_text(&mut surface, run, &mut fonts)?,
                Item::Image(image) => draw_image(&mut surface, image, &svg_options)?,
                Item::Link(_) | Item::Line(_) => {}
            }
        }
        surface.finish();
        for item in &page.items {
            if let Item::Link(link) = item
                && let Some(rect) = krilla_rect(&link.rect)
            {
                let target = Target::Action(LinkAction::new(link.target.clone()).into());
                pdf_page.add_annotation(Annotation::new_link(
                    LinkAnnotation::new(rect, target),
                    None,
                ));
            }
        }
        pdf_page.finish();
    }
    document.set_outline(outline(pages));
    document.set_metadata(metadata(meta, created));
    document
        .finish()
        .map_err(|e| RenderError::Pdf(e.to_string()))
}

/// Bookmarks from the headings: sections at the top, their sub-headings inside.
fn outline(pages: &[Page]) -> Outline {
    // Each heading's text (its runs, lines joined by a space) and where it starts.
    let mut headings: Vec<(u8, String, usize, f32, usize)> = Vec::new();
    let mut last_y = 0.0;
    for (index, page) in pages.iter().enumerate() {
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            let Role::Heading(level) = run.role else {
                continue;
            };
            match headings.last_mut() {
                Some(last) if last.4 == run.block && last.2 == index => {
                    // A new line: a word broken by a hyphen joins up, others get a space.
                    if run.y.0 != last_y {
                        if last.1.ends_with('\u{ad}') {
                            last.1.pop();
                        } else if !last.1.ends_with('-') {
                            last.1.push(' ');
                        }
                    }
                    last.1.push_str(&run.text);
                }
                _ => headings.push((
                    level,
                    run.text.clone(),
                    index,
                    run.y.0 - run.size.0,
                    run.block,
                )),
            }
            last_y = run.y.0;
        }
    }
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    for (level, text, page, y, _) in headings {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let node = OutlineNode::new(
            text,
            XyzDestination::new(page, Point::from_xy(0.0, y.max(0.0))),
        );
        if level <= 1 {
            if let Some(done) = section.replace(node) {
                outline.push_child(done);
            }
        } else {
            match section.as_mut() {
                Some(parent) => parent.push_child(node),
                None => outline.push_child(node),
            }
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

fn metadata(meta: &Meta, created: DateTime<Utc>) -> Metadata {
    let date = PdfDate::new(created.year().clamp(0, 9999) as u16)
        .month(created.month() as u8)
        .day(created.day() as u8)
        .hour(created.hour() as u8)
        .minute(created.minute() as u8)
        .second(created.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    Metadata::new()
        .title(meta.title.clone())
        .authors(vec![meta.author.clone()])
        .description(meta.subject.clone())
        .keywords(meta.keywords.clone())
        .language(meta.lang.code().to_owned())
        .creator(format!("plaquette {}", env!("CARGO_PKG_VERSION")))
        .producer(format!("plaquette {} (krilla)", env!("CARGO_PKG_VERSION")))
        .creation_date(date)
        // Viewers show right-to-left documents with the first page on the right.
        .text_direction(if meta.lang.rtl() {
            TextDirection::RightToLeft
        } else {
            TextDirection::LeftToRight
        })
}

/// krilla fonts, made once per face used.
struct Fonts<'a> {
    book: &'a FontBook,
    made: HashMap<FaceId, Font>,
}

impl<'a> Fonts<'a> {
    fn new(book: &'a FontBook) -> Self {
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

fn paint(colour: Rgb) -> PdfFill {
    PdfFill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn krilla_rect(r: &Rect) -> Option<krilla::geom::Rect> {
    krilla::geom::Rect::from_xywh(r.x.0, r.y.0, r.width.0, r.height.0)
}

/// Fills of one colour as a single path.
fn draw_fills(surface: &mut Surface, fills: &[&Fill]) {
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
        surface.set_fill(Some(paint(first.colour)));
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

fn draw_text(surface: &mut Surface, run: &TextRun, fonts: &mut Fonts) -> Result<(), RenderError> {
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
    surface.set_fill(Some(paint(run.colour)));
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

fn svg_options(book: &FontBook) -> usvg::Options<'static> {
    let mut options = usvg::Options::default();
    // SVG text is set in the bundled fonts too, never in system ones.
    let db = Arc::make_mut(&mut options.fontdb);
    for (_, face) in book.faces() {
        db.load_font_data(face.data.to_vec());
    }
    options
}

fn draw_image(
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
        ImageFormat::Png => krilla::image::Image::from_png(Data::from(image.data.clone()), true)
            .map(|img| surface.draw_image(img, size))
            .map_err(failed),
        ImageFormat::Jpeg => krilla::image::Image::from_jpeg(Data::from(image.data.clone()), true)
            .map(|img| surface.draw_image(img, size))
            .map_err(failed),
    };
    surface.pop();
    drawn
}
