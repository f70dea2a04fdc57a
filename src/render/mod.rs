//! Stage 4: frames to PDF bytes, with krilla. Knows no YAML and never writes files.
//!
//! Text is drawn from the glyphs layout shaped (krilla's own shaping is not used), so fonts
//! are subset to what the document uses and every glyph maps back to its text for copying.
//! Every output is tagged (see [`tags`]) and validated by krilla as it is written, PDF/A-2a
//! and PDF/UA-1; a violation fails the build. Print editions are made PDF/X-4 too (see
//! [`print`]).
//! The file krilla writes is then packed (see [`pack`]): its dictionaries into compressed
//! object streams, its content streams compressed, a cross-reference stream for the table.

mod copied;
mod draw;
mod meta;
mod pack;
mod print;
mod raster;
mod syntax;
mod tags;

use std::num::NonZeroU32;

use chrono::{DateTime, Utc};
use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::configure::{
    Accessibility, Archival, ConfigurationBuilder, PdfVersion, ValidationError,
};
use krilla::error::KrillaError;
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::surface::Surface;
use krilla::tagging::{ArtifactType, ContentTag, SpanTag};
use krilla::{Document, SerializeSettings};

use crate::compose::{Meta, Role};
use crate::fonts::FontBook;
use crate::layout::frame::{Item, Page, Rect};
use crate::layout::impose::{Placement, Sheet};
use draw::{Fonts, Ink};
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Transform};
use tags::Leaf;

pub use raster::Resolution;

/// What went wrong writing the PDF.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("image `{path}` could not be decoded: {reason}")]
    Image { path: String, reason: String },
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    #[error("the PDF does not meet {}:\n  - {}", .standard, .problems.join("\n  - "))]
    Validation {
        standard: String,
        problems: Vec<String>,
    },
}

/// How to write the PDF.
#[derive(Clone, Debug)]
pub struct Options {
    /// The document's creation date (from `SOURCE_DATE_EPOCH` for reproducible builds).
    pub created: DateTime<Utc>,
    /// Stable across builds of the same inputs: a hash of them.
    pub document_id: String,
    /// Also validate as PDF/UA-1 (every edition is; a flag for the library's callers).
    pub accessible: bool,
    /// For offset print: the brand's inks where it gives them, a FOGRA39 output intent, and
    /// trim and bleed boxes; CMYK photos kept in CMYK.
    pub print: bool,
    /// How finely raster images are stored.
    pub resolution: Resolution,
}

/// Renders `pages`, placed on `sheets` (see [`crate::layout::impose`]), to PDF bytes.
pub fn render(
    pages: &[Page],
    sheets: &[Sheet],
    meta: &Meta,
    book: &FontBook,
    options: &Options,
) -> Result<Vec<u8>, RenderError> {
    // PDF/A-2, not 1: `pack` compresses the XMP metadata, which PDF/A-1 forbids.
    let mut configuration = ConfigurationBuilder::new().with_archival_validator(Archival::A2_A);
    if options.accessible {
        configuration = configuration.with_accessibility_validator(Accessibility::UA1);
    }
    if options.print {
        // PDF/X-4 is defined on PDF 1.6 (see `print`).
        configuration = configuration.with_version(PdfVersion::Pdf16);
    }
    let configuration = configuration
        .finish()
        .map_err(|e| RenderError::Pdf(format!("{e:?}")))?;
    let settings = SerializeSettings {
        enable_tagging: true,
        // Compressed by `pack`, with one compressor for the whole file.
        compress_content_streams: false,
        configuration,
        cmyk_profile: if options.print {
            Some(print::cmyk_profile()?)
        } else {
            None
        },
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let mut writer = Writer {
        fonts: Fonts::new(book),
        resolution: options.resolution,
        print: options.print,
        ink: if options.print {
            Ink::Print
        } else {
            Ink::Screen
        },
        leaves: Vec::new(),
        places: Vec::new(),
    };
    for sheet in sheets {
        let size = sheet.media;
        let Some(mut settings) = PageSettings::from_wh(size.width.0, size.height.0) else {
            return Err(RenderError::Pdf("a page has no size".into()));
        };
        // A page on a sheet of its own keeps its label and boxes.
        if let [only] = sheet.placements.as_slice()
            && let Some(page) = pages.get(only.page)
        {
            // Page labels follow the printed numbers; covers carry an empty label.
            let label = match page.number.and_then(|n| NonZeroU32::new(n as u32)) {
                Some(n) => PageLabel::new(Some(NumberingStyle::Arabic), None, Some(n)),
                None => PageLabel::new(None, Some(String::new()), None),
            };
            settings = settings.with_page_label(label);
            // PDF/X wants both on every page of a print edition.
            if options.print || page.trim != page.media {
                settings = settings
                    .with_trim_box(draw::krilla_rect(&page.trim))
                    .with_bleed_box(draw::krilla_rect(&page.bleed));
            }
        }
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        let mut links = Vec::new();
        for placement in &sheet.placements {
            let Some(page) = pages.get(placement.page) else {
                continue;
            };
            surface.push_transform(&placement_transform(placement));
            let drawn = writer.page(&mut surface, page, placement.page + 1, &placement.clip);
            surface.pop();
            let drawn = drawn?;
            // PDF/X keeps annotations off the printed area: print editions have no links.
            if !options.print {
                links.extend(
                    drawn
                        .into_iter()
                        .map(|(leaf, link)| (leaf, link, placement)),
                );
            }
        }
        surface.finish();
        for (leaf, link, placement) in links {
            let rect = link.rect;
            let Some(rect) =
                draw::krilla_rect(&rect).and_then(|r| r.transform(placement_transform(placement)))
            else {
                continue;
            };
            let Some(target) = target(&link.target, pages, sheets) else {
                continue;
            };
            // Screen readers say where a link goes: the URL, or the words of an inside link.
            let description = match link.target.strip_prefix('#') {
                Some(_) => writer.leaves.get(leaf).map(|l| l.text.trim().to_owned()),
                None => Some(link.target.clone()),
            };
            let annotation = Annotation::new_link(LinkAnnotation::new(rect, target), description);
            let id = pdf_page.add_tagged_annotation(annotation);
            if let Some(leaf) = writer.leaves.get_mut(leaf) {
                leaf.link = Some(id);
            }
        }
        pdf_page.finish();
    }
    document.set_outline(meta::outline(pages, |page, y| locate(sheets, page, y)));
    document.set_metadata(meta::metadata(meta, options.created, &options.document_id));
    let places = std::mem::take(&mut writer.places);
    document.set_tag_tree(tags::tree(writer.leaves, meta.lang.code()));
    let pdf = document.finish().map_err(|e| match e {
        KrillaError::Validation(errors) => RenderError::Validation {
            standard: if options.accessible {
                "PDF/A-2a and PDF/UA-1".into()
            } else {
                "PDF/A-2a".into()
            },
            problems: errors
                .iter()
                .map(|(error, _)| problem(error, &places))
                .collect(),
        },
        other => RenderError::Pdf(other.to_string()),
    })?;
    let pdf = if options.print {
        print::pdfx(&pdf)?
    } else {
        pdf
    };
    pack::pack(&pdf).map_err(|e| RenderError::Pdf(e.to_string()))
}

/// Where a link goes: a URL, or the anchor a `#name` names.
fn target(link: &str, pages: &[Page], sheets: &[Sheet]) -> Option<Target> {
    let Some(name) = link.strip_prefix('#') else {
        return Some(Target::Action(LinkAction::new(link.to_owned()).into()));
    };
    let (page, anchor) = pages.iter().enumerate().find_map(|(index, page)| {
        page.items.iter().find_map(|item| match item {
            Item::Anchor(a) if a.name == name => Some((index, a)),
            _ => None,
        })
    })?;
    let (sheet, y) = locate(sheets, page, anchor.y.0)?;
    let x = sheets
        .get(sheet)
        .and_then(|s| s.placements.iter().find(|p| p.page == page))
        .map_or(anchor.x.0, |p| p.x.0 + anchor.x.0 * p.scale);
    let destination = XyzDestination::new(sheet, Point::from_xy(x, y));
    Some(Target::Destination(destination.into()))
}

fn placement_transform(p: &Placement) -> Transform {
    Transform::from_row(p.scale, 0.0, 0.0, p.scale, p.x.0, p.y.0)
}

/// Where a point `y` of page `page` is: the sheet's index and the point's height on it.
fn locate(sheets: &[Sheet], page: usize, y: f32) -> Option<(usize, f32)> {
    sheets.iter().enumerate().find_map(|(index, sheet)| {
        let p = sheet.placements.iter().find(|p| p.page == page)?;
        Some((index, p.y.0 + y * p.scale))
    })
}

/// Drawing state across the pages of one document.
struct Writer<'a> {
    fonts: Fonts<'a>,
    resolution: Resolution,
    print: bool,
    ink: Ink,
    leaves: Vec<Leaf>,
    /// What each location given to krilla is, for messages: "text “…” on page 2".
    places: Vec<String>,
}

impl Writer<'_> {
    /// Draws a page's items, each tagged; returns the links to annotate, with the leaf of the
    /// run each covers.
    fn page<'p>(
        &mut self,
        surface: &mut Surface,
        page: &'p Page,
        number: usize,
        clip: &Rect,
    ) -> Result<Vec<(usize, &'p crate::layout::frame::Link)>, RenderError> {
        let mut links = Vec::new();
        // Nothing runs past the clip: the bleed (on screen, the page), where cover artwork
        // overflows it; on a booklet's sheet, the part of the page the sheet prints.
        let clip = draw::krilla_rect(clip).and_then(|rect| {
            let mut pb = krilla::geom::PathBuilder::new();
            pb.push_rect(rect);
            pb.finish()
        });
        if let Some(clip) = &clip {
            surface.push_clip_path(clip, &krilla::paint::FillRule::NonZero);
        }
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
                    surface.start_tagged(artifact(&Role::Artifact, self.print));
                    draw::draw_fills(surface, &batch, self.ink);
                    surface.end_tagged();
                }
                Item::Text(run) => {
                    let place = format!("text “{}” on page {number}", run.text.trim());
                    self.tagged(
                        surface,
                        &run.role,
                        (run.block, number, run.y.0),
                        run.text.clone(),
                        place,
                    );
                    let drawn = draw::draw_text(surface, run, &mut self.fonts, self.ink);
                    surface.end_tagged();
                    surface.reset_location();
                    drawn?;
                }
                Item::Image(image) => {
                    let place = format!("image {} on page {number}", image.image.path.display());
                    self.tagged(
                        surface,
                        &image.role,
                        (image.block, number, image.rect.y.0),
                        String::new(),
                        place,
                    );
                    let drawn =
                        draw::draw_image(surface, image, self.resolution, self.print, self.ink);
                    surface.end_tagged();
                    surface.reset_location();
                    drawn?;
                }
                Item::Link(link) => {
                    // The run the link covers is the last leaf drawn, in the same block.
                    if let Some(last) = self.leaves.len().checked_sub(1)
                        && self.leaves.get(last).is_some_and(|l| l.block == link.block)
                    {
                        links.push((last, link));
                    }
                }
                Item::Line(_) | Item::Anchor(_) => {}
            }
        }
        if clip.is_some() {
            surface.pop();
        }
        self.marks(surface, page)?;
        Ok(links)
    }

    /// Crop marks and the slug line: printer's marks, outside the tree.
    fn marks(&mut self, surface: &mut Surface, page: &Page) -> Result<(), RenderError> {
        if page.marks.is_empty() {
            return Ok(());
        }
        surface.start_tagged(ContentTag::Artifact(krilla::tagging::Artifact::with_kind(
            ArtifactType::Page,
        )));
        let mut drawn = Ok(());
        for item in &page.marks {
            match item {
                Item::Fill(f) => draw::draw_fills(surface, &[f], self.ink),
                Item::Text(run) => {
                    drawn = drawn.and(draw::draw_text(surface, run, &mut self.fonts, self.ink));
                }
                _ => {}
            }
        }
        surface.end_tagged();
        drawn
    }

    /// Starts the tagged section of one item: content gets a leaf of the structure tree,
    /// decoration is an artifact.
    fn tagged(
        &mut self,
        surface: &mut Surface,
        role: &Role,
        (block, page, y): (usize, usize, f32),
        text: String,
        place: String,
    ) {
        let location = tags::location(self.places.len());
        self.places.push(place);
        surface.set_location(location);
        if role.is_artifact() {
            surface.start_tagged(artifact(role, self.print));
            return;
        }
        let tag = if text.is_empty() {
            ContentTag::Other
        } else {
            ContentTag::Span(SpanTag::empty())
        };
        let id = surface.start_tagged(tag);
        self.leaves.push(Leaf {
            block,
            page,
            y,
            role: role.clone(),
            id,
            text,
            link: None,
            location,
        });
    }
}

/// The artifact `role` is. Footers say so where the PDF version has the word (1.7); print
/// editions are PDF 1.6, for PDF/X-4, and call them layout like other decoration.
fn artifact(role: &Role, print: bool) -> ContentTag<'static> {
    ContentTag::Artifact(krilla::tagging::Artifact::with_kind(match role {
        Role::Footer if !print => ArtifactType::Footer,
        _ => ArtifactType::Layout,
    }))
}

/// A validation error in words, naming the element it concerns.
fn problem(error: &ValidationError, places: &[String]) -> String {
    let at = |location: &Option<krilla::surface::Location>| {
        location
            .and_then(|l| places.get(l.get() as usize - 1))
            .map_or_else(String::new, |p| format!(" ({p})"))
    };
    match error {
        ValidationError::MissingAltText(l) => format!("a figure has no alt text{}", at(l)),
        ValidationError::MissingAnnotationAltText(l) => {
            format!("a link has no description{}", at(l))
        }
        ValidationError::ContainsNotDefGlyph(_, l, text) => {
            format!("“{text}” has no glyph in its font{}", at(l))
        }
        ValidationError::NoCodepointMapping(_, _, l)
        | ValidationError::InvalidCodepointMapping(_, _, _, l)
        | ValidationError::UnicodePrivateArea(_, _, _, l) => {
            format!("a glyph does not map back to its text{}", at(l))
        }
        ValidationError::Transparency(l) => format!("transparency is not allowed{}", at(l)),
        ValidationError::ImageInterpolation(l) => {
            format!("an image asks to be interpolated{}", at(l))
        }
        ValidationError::NoDocumentLanguage => "the document has no language".into(),
        ValidationError::NoDocumentTitle => "the document has no title".into(),
        ValidationError::MissingHeadingTitle => "a heading has no title".into(),
        ValidationError::MissingDocumentOutline => "the document has no bookmarks".into(),
        other => format!("{other:?}"),
    }
}
