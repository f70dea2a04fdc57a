//! The validated content: every value checked and typed, every block knowing where it came from.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use crate::diag::Span;
use crate::fonts::Family;
use crate::units::{Colour, Pt};

/// Everything a run builds from.
#[derive(Clone, Debug)]
pub struct Content {
    pub centre: Centre,
    pub brand: Brand,
    pub brochure: Document,
    pub factsheet: Document,
    /// A SHA-256 of every input file (the YAML and each image), for stable document IDs.
    pub digest: [u8; 32],
    /// The events of `events/`, by file name.
    pub events: Vec<Event>,
}

/// An event the centre holds: a handout (and its QR code to register) is made for it.
#[derive(Clone, Debug)]
pub struct Event {
    /// The file's name without `.yaml`: the folder its editions are written to.
    pub slug: String,
    pub name: String,
    /// An example, not a real event.
    pub sample: bool,
    pub days: Vec<EventDay>,
    pub venue: String,
    pub city: String,
    pub registration: Url,
    /// Where the event's file gives its registration page, for messages.
    pub registration_at: Span,
    /// In order of day and time.
    pub programme: Vec<Session>,
    /// The partners' logos, in the order written; may be empty.
    pub partners: Vec<Figure>,
    /// The event's file, for messages.
    pub file: std::path::PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventDay {
    pub date: NaiveDate,
    pub from: chrono::NaiveTime,
    pub to: chrono::NaiveTime,
}

#[derive(Clone, Debug)]
pub struct Session {
    pub date: NaiveDate,
    pub start: chrono::NaiveTime,
    pub title: String,
    pub speakers: Vec<String>,
    /// Where the event's file gives it, for a programme too long for its handout.
    pub origin: Span,
}

impl Content {
    /// Every image the content uses, in the order it appears.
    pub fn images(&self) -> Vec<&Image> {
        let mut images = vec![&self.brand.logo];
        for doc in [&self.brochure, &self.factsheet] {
            block_images(&doc.blocks, &mut images);
        }
        for event in &self.events {
            images.extend(event.partners.iter().map(|f| &f.image));
        }
        images
    }
}

fn block_images<'a>(blocks: &'a [Block], out: &mut Vec<&'a Image>) {
    for block in blocks {
        match &block.kind {
            BlockKind::Logos(figures) => out.extend(figures.iter().map(|f| &f.image)),
            BlockKind::Image(figure) => out.push(&figure.image),
            BlockKind::Profile(profile) => out.extend(profile.photo.as_ref()),
            BlockKind::Columns(columns) => {
                for column in columns {
                    block_images(column, out);
                }
            }
            BlockKind::Heading { .. }
            | BlockKind::Paragraph(_)
            | BlockKind::Lead(_)
            | BlockKind::List { .. }
            | BlockKind::Timeline(_)
            | BlockKind::KeyFigures(_)
            | BlockKind::Quote { .. }
            | BlockKind::Contact { .. } => {}
        }
    }
}

#[derive(Clone, Debug)]
pub struct Centre {
    pub short_name: String,
    pub full_name: String,
    pub parent: String,
    pub founded: YearMonth,
    pub city: String,
    pub country: String,
    pub website: Url,
    pub email: Email,
    pub tagline: String,
    pub social: Vec<Social>,
    /// Where the names are written, for messages about how they are set (a cover too full).
    pub at: CentrePlaces,
}

/// Where centre.yaml gives the texts the templates set large.
#[derive(Clone, Debug)]
pub struct CentrePlaces {
    pub short_name: Span,
    pub full_name: Span,
    pub tagline: Span,
    pub parent: Span,
    pub website: Span,
}

/// A social network page of the centre.
#[derive(Clone, Debug)]
pub struct Social {
    pub name: String,
    pub url: Url,
}

/// A month of a year, as in "founded in March 2021".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearMonth(NaiveDate);

impl YearMonth {
    /// Parses `YYYY-MM` or `YYYY-MM-DD` (the day is dropped).
    pub fn parse(text: &str) -> Option<YearMonth> {
        let text = text.trim();
        let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d"))
            .ok()?;
        date.with_day(1).map(YearMonth)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> u32 {
        self.0.month()
    }

    /// The first day of the month.
    pub fn date(self) -> NaiveDate {
        self.0
    }
}

/// An `http(s)` address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url(String);

impl Url {
    pub fn parse(text: &str) -> Option<Url> {
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))?;
        let host = rest.split('/').next().unwrap_or_default();
        let valid = host.contains('.')
            && !text.chars().any(char::is_whitespace)
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
        valid.then(|| Url(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address without its scheme, as printed: `aim.um6p.ma`.
    pub fn display(&self) -> &str {
        let rest = self
            .0
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        rest.strip_suffix('/').unwrap_or(rest)
    }
}

/// An e-mail address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Option<Email> {
        let (user, domain) = text.split_once('@')?;
        let valid = !user.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !text.chars().any(char::is_whitespace);
        valid.then(|| Email(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn mailto(&self) -> String {
        format!("mailto:{}", self.0)
    }
}

/// The brand: colours, fonts, logo, paper and margins.
#[derive(Clone, Debug)]
pub struct Brand {
    pub colours: Palette,
    pub fonts: Fonts,
    /// The digits of Arabic editions.
    pub arabic_digits: Digits,
    pub cover: CoverLayout,
    /// The cover's photo, with `cover: photo`.
    pub cover_photo: Option<CoverPhoto>,
    pub type_scale: TypeScale,
    pub grid: GridChoice,
    pub images: ImageResolution,
    pub logo: Image,
    pub paper: Paper,
    pub margins: Margins,
}

/// A photo across the cover.
#[derive(Clone, Debug)]
pub struct CoverPhoto {
    pub image: Image,
    pub focus: Focus,
    /// How much of the primary colour lies over the photo, from 0 to 1: enough for the
    /// cover's white text to read (checked).
    pub veil: f32,
}

/// How finely raster images are stored, in pixels per inch of their placed size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageResolution {
    /// Screen editions: at most this.
    pub screen: f32,
    /// Print editions: what finer images are resampled to…
    pub print: f32,
    /// …when they are finer than this.
    pub print_most: f32,
}

impl Default for ImageResolution {
    fn default() -> Self {
        ImageResolution {
            screen: 150.0,
            print: 300.0,
            print_most: 450.0,
        }
    }
}

/// The type scale: a size per text role, and the baseline grid of running text. Defaults
/// follow a modular scale on a 10 pt body for A4 and US Letter, a step smaller on A5.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TypeScale {
    /// The cover's name.
    pub display: Pt,
    pub h1: Pt,
    pub h2: Pt,
    pub h3: Pt,
    pub lead: Pt,
    pub body: Pt,
    /// Key figures.
    pub figure: Pt,
    pub quote: Pt,
    pub caption: Pt,
    /// Labels in capitals (roles, dates).
    pub small: Pt,
    /// Baseline-to-baseline distance of running text: the page's baseline grid.
    pub baseline: Pt,
}

impl Default for TypeScale {
    fn default() -> Self {
        TypeScale {
            display: Pt(46.0),
            h1: Pt(17.0),
            h2: Pt(12.5),
            h3: Pt(11.0),
            lead: Pt(12.2),
            body: Pt(10.0),
            figure: Pt(26.0),
            quote: Pt(13.0),
            caption: Pt(8.5),
            small: Pt(8.5),
            baseline: Pt(15.0),
        }
    }
}

impl TypeScale {
    /// The default scale for `paper`.
    pub fn for_paper(paper: Paper) -> TypeScale {
        TypeScale::default().scaled(paper.scale())
    }

    /// The scale for a page `k` times as wide: reading sizes change little with the page
    /// (k^0.3: 9 pt on A5 for 10 pt on A4, and never under 9 pt), display sizes more
    /// (k^0.75), to a tenth of a point.
    pub fn scaled(self, k: f32) -> TypeScale {
        if (k - 1.0).abs() < 1e-3 {
            return self;
        }
        // Reading sizes never go under 9 pt on a smaller page (nor small print under 7 pt),
        // unless the brand set them smaller itself.
        let floor = |size: Pt, least: f32| size.0.min(least);
        let text = |size: Pt| {
            let least = if size.0 >= 9.0 { 9.0 } else { 7.0 };
            Pt(((size.0 * k.powf(0.3)).max(floor(size, least)) * 10.0).round() / 10.0)
        };
        let display = |size: Pt| Pt((size.0 * k.powf(0.75) * 10.0).round() / 10.0);
        TypeScale {
            display: display(self.display),
            h1: text(self.h1),
            h2: text(self.h2),
            h3: text(self.h3),
            lead: text(self.lead),
            body: text(self.body),
            figure: display(self.figure),
            quote: text(self.quote),
            caption: text(self.caption),
            small: text(self.small),
            baseline: text(self.baseline),
        }
    }
}

/// The grid of the page beyond its margins: the sidebar of section headings and the gutter
/// between columns. `None` where the brand leaves the choice to the theme.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GridChoice {
    /// The sidebar's width; `Some(Pt::ZERO)` for none.
    pub sidebar: Option<Pt>,
    pub gutter: Option<Pt>,
}

/// The artwork of the brochure's cover, built from vector shapes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CoverLayout {
    /// Large quiet circles in tints of the brand colour.
    #[default]
    Circles,
    /// A field of dots, like the nodes of a network.
    Dots,
    /// A photo across the cover (`cover-photo`), under a veil of the primary colour.
    Photo,
}

impl CoverLayout {
    /// The names written in `brand.yaml`; the first is the default.
    pub const CHOICES: [(&'static str, CoverLayout); 3] = [
        ("circles", CoverLayout::Circles),
        ("dots", CoverLayout::Dots),
        ("photo", CoverLayout::Photo),
    ];
}

/// Western Arabic digits (0–9), as in Moroccan print, or Eastern Arabic ones (٠–٩).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Digits {
    #[default]
    Western,
    Eastern,
}

impl Digits {
    /// The names written in `brand.yaml`; the first is the default.
    pub const CHOICES: [(&'static str, Digits); 2] =
        [("western", Digits::Western), ("eastern", Digits::Eastern)];
}

#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub primary: Colour,
    pub accent: Colour,
    pub ink: Colour,
    pub muted: Colour,
    pub surface: Colour,
}

#[derive(Clone, Copy, Debug)]
pub struct Fonts {
    pub text: Family,
    pub heading: Family,
    /// Needed only by content with an Arabic edition.
    pub arabic: Option<Family>,
}

/// A paper size, portrait.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paper {
    pub name: &'static str,
    pub width: Pt,
    pub height: Pt,
}

impl Paper {
    pub const KNOWN: [(&'static str, f32, f32); 5] = [
        ("A4", 210.0, 297.0),
        ("A5", 148.0, 210.0),
        ("Letter", 215.9, 279.4),
        ("A3", 297.0, 420.0),
        ("Tabloid", 279.4, 431.8),
    ];

    /// How wide the paper is next to A4, the page the design's lengths are given for; papers
    /// within 5 % of A4 (US Letter) count as A4.
    pub fn scale(self) -> f32 {
        let k = self.width.0 / Pt::from(crate::units::Mm(210.0)).0;
        if (k - 1.0).abs() < 0.05 { 1.0 } else { k }
    }

    /// The paper's name in the content.
    pub fn named(name: &'static str, width: crate::units::Mm, height: crate::units::Mm) -> Paper {
        Paper {
            name,
            width: Pt::from(width),
            height: Pt::from(height),
        }
    }

    pub fn from_name(name: &str) -> Option<Paper> {
        Paper::KNOWN
            .iter()
            .find(|(known, ..)| known.eq_ignore_ascii_case(name))
            .map(|&(name, w, h)| Paper {
                name,
                width: Pt::from(crate::units::Mm(w)),
                height: Pt::from(crate::units::Mm(h)),
            })
    }
}

/// Page margins. Inner is the binding side (left on right-hand pages).
#[derive(Clone, Copy, Debug)]
pub struct Margins {
    pub top: Pt,
    pub bottom: Pt,
    pub inner: Pt,
    pub outer: Pt,
}

/// An image file from the content folder, checked and measured.
#[derive(Clone, Debug)]
pub struct Image {
    /// As written in the content, for messages.
    pub path: PathBuf,
    /// The file's bytes, embedded as they are where they serve.
    pub data: Arc<Vec<u8>>,
    pub kind: ImageKind,
    /// Intrinsic size as seen (upright): pixels for raster images, user units for SVG.
    pub width: f32,
    pub height: f32,
    /// Where the content names it, for messages about it (bundled icons have none).
    pub origin: Option<Span>,
}

/// What an image file turned out to be when it was checked.
#[derive(Clone)]
pub enum ImageKind {
    /// A PNG or JPEG, decoded whole once: what decoding found.
    Raster(Arc<crate::raster::Facts>),
    /// An SVG, parsed with the bundled fonts.
    Svg(Arc<usvg::Tree>),
}

impl std::fmt::Debug for ImageKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageKind::Raster(facts) => write!(f, "Raster({:?} {:?})", facts.format, facts.stored),
            ImageKind::Svg(tree) => write!(f, "Svg({:?})", tree.size()),
        }
    }
}

pub use crate::locale::Lang;

/// A document: metadata and an ordered list of blocks.
#[derive(Clone, Debug)]
pub struct Document {
    pub title: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub lang: Lang,
    pub edition: Option<YearMonth>,
    /// Apply the language's typographic conventions to the text.
    pub typography: bool,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub id: Option<String>,
    pub kind: BlockKind,
    /// Where the block starts in its file, for layout errors such as an overflow.
    pub origin: Span,
}

#[derive(Clone, Debug)]
pub enum BlockKind {
    Heading {
        level: u8,
        text: Inline,
    },
    Paragraph(Inline),
    /// The opening paragraph of a section or document, set larger.
    Lead(Inline),
    List {
        items: Vec<Inline>,
        numbered: bool,
        /// One bundled icon per item: the list is set as an icon grid.
        icons: Option<Vec<String>>,
    },
    /// Dated milestones, in order.
    Timeline(Vec<Milestone>),
    /// Partners' logos in a strip, each with its name as alternative text.
    Logos(Vec<Figure>),
    KeyFigures(Vec<KeyFigure>),
    Quote {
        text: Inline,
        by: Option<String>,
    },
    Profile(Profile),
    Image(Figure),
    /// The centre's contact details (from `centre.yaml`), introduced by a sentence.
    Contact {
        intro: Inline,
    },
    Columns(Vec<Vec<Block>>),
}

#[derive(Clone, Debug)]
pub struct Milestone {
    pub date: When,
    pub text: Inline,
}

/// A date as precise as the content gives it: a month, or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Month(YearMonth),
    Day(NaiveDate),
}

impl When {
    /// Parses `YYYY-MM` or `YYYY-MM-DD`, keeping what it says.
    pub fn parse(text: &str) -> Option<When> {
        let text = text.trim();
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(day) => Some(When::Day(day)),
            Err(_) => YearMonth::parse(text).map(When::Month),
        }
    }
}

#[derive(Clone, Debug)]
pub struct KeyFigure {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug)]
pub struct Profile {
    pub name: String,
    pub role: String,
    pub bio: Inline,
    pub photo: Option<Image>,
    /// What of the portrait to keep in its frame (the face).
    pub focus: Focus,
}

#[derive(Clone, Debug)]
pub struct Figure {
    pub image: Image,
    /// `None` only for decorative images.
    pub alt: Option<String>,
    pub caption: Option<Inline>,
    pub credit: Option<String>,
    /// Across the page to its edges (past them into the bleed), not the column.
    pub bleed: bool,
    /// What to keep when the picture is cropped to fit.
    pub focus: Focus,
}

/// The point of a picture to keep in view when it is cropped to a frame: fractions of its
/// width and height from its top left, each from 0 to 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Focus {
    x: f32,
    y: f32,
}

impl Focus {
    pub const CENTRE: Focus = Focus { x: 0.5, y: 0.5 };

    /// The words `focus:` takes, and the points they name.
    pub const NAMES: [(&'static str, Focus); 9] = [
        ("centre", Focus { x: 0.5, y: 0.5 }),
        ("top", Focus { x: 0.5, y: 0.0 }),
        ("bottom", Focus { x: 0.5, y: 1.0 }),
        ("left", Focus { x: 0.0, y: 0.5 }),
        ("right", Focus { x: 1.0, y: 0.5 }),
        ("top-left", Focus { x: 0.0, y: 0.0 }),
        ("top-right", Focus { x: 1.0, y: 0.0 }),
        ("bottom-left", Focus { x: 0.0, y: 1.0 }),
        ("bottom-right", Focus { x: 1.0, y: 1.0 }),
    ];

    /// A point from fractions, `None` outside the picture.
    pub fn new(x: f32, y: f32) -> Option<Focus> {
        ((0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)).then_some(Focus { x, y })
    }

    /// A name of [`NAMES`](Self::NAMES) (`center` too), or two percentages, `30% 20%`.
    pub fn parse(text: &str) -> Option<Focus> {
        let text = text.trim();
        let named = if text == "center" { "centre" } else { text };
        if let Some((_, focus)) = Focus::NAMES.iter().find(|(n, _)| *n == named) {
            return Some(*focus);
        }
        let mut parts = text.split_whitespace().map(|p| {
            p.strip_suffix('%')
                .and_then(|n| n.trim().parse::<f32>().ok())
                .map(|n| n / 100.0)
        });
        match (parts.next(), parts.next(), parts.next()) {
            (Some(Some(x)), Some(Some(y)), None) => Focus::new(x, y),
            _ => None,
        }
    }

    /// The part of a picture of `width` × `height` that fills a frame `ratio` high for its
    /// width, as close to centred on this point as the picture allows: `[x, y, width, height]`
    /// in fractions of the picture.
    pub fn window(self, width: f32, height: f32, ratio: f32) -> [f32; 4] {
        let picture = height / width.max(f32::EPSILON);
        if !(picture.is_finite() && ratio.is_finite()) || ratio <= 0.0 {
            return [0.0, 0.0, 1.0, 1.0];
        }
        if picture > ratio {
            // Taller than the frame: a band across it.
            let h = ratio / picture;
            [0.0, (self.y - h / 2.0).clamp(0.0, 1.0 - h), 1.0, h]
        } else {
            let w = picture / ratio;
            [(self.x - w / 2.0).clamp(0.0, 1.0 - w), 0.0, w, 1.0]
        }
    }
}

/// Text with emphasis, strong emphasis and links.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inline(pub Vec<InlineSpan>);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InlineSpan {
    pub text: String,
    pub emphasis: bool,
    pub strong: bool,
    pub link: Option<String>,
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline(vec![InlineSpan {
            text: text.into(),
            ..InlineSpan::default()
        }])
    }

    /// The text without markup.
    pub fn text(&self) -> String {
        self.0.iter().map(|span| span.text.as_str()).collect()
    }
}
