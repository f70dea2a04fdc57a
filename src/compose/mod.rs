//! Stage 2: apply the brand and a document template to the content.
//!
//! The output, [`Composed`], is styled blocks: text runs with faces, sizes and colours,
//! boxes, rows and images, plus the template's fixed parts (cover, fact sheet header, back
//! cover). It holds no positions: where things go is the layout stage's business.

mod blocks;
mod handout;
mod styles;
mod templates;
pub mod theme;
mod typo;

pub use crate::content::CoverLayout;
use crate::content::{Content, Focus, Image, Lang};
use crate::diag::Span;
use crate::fonts::FaceKey;
use crate::units::{Colour, Pt};

pub use styles::Styles;
pub use theme::Theme;

/// The documents plaquette makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Brochure,
    Factsheet,
    /// An event's one-page handout: its programme and how to register.
    Handout,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Brochure, Kind::Factsheet];

    /// The document in a sentence: "the fact sheet".
    pub fn what(self) -> &'static str {
        match self {
            Kind::Brochure => "the brochure",
            Kind::Factsheet => "the fact sheet",
            Kind::Handout => "the handout",
        }
    }

    /// The file stem: `brochure`, `factsheet`.
    pub fn stem(self) -> &'static str {
        match self {
            Kind::Brochure => "brochure",
            Kind::Factsheet => "factsheet",
            Kind::Handout => "handout",
        }
    }
}

/// How large a document's type is set, next to the brochure's: one of a few sizes, from the
/// largest down. A one-page document (the fact sheet, a handout) is tried at each until it
/// fills its page without overflowing it ([`crate::lay_out`]); a brochure has one size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size(u8);

impl Size {
    pub const LARGEST: Size = Size(0);

    /// The fact sheet's sizes go from the brochure's down to 84 % of it, a hundredth at a
    /// time (10 pt to 8.4 pt on the default scale, a tenth of a point apart).
    const FACTSHEET_STEPS: u8 = 17;

    /// A handout's, read at arm's length and pinned on boards, from 140 % of the brochure's
    /// (a short programme is set large) down to 90 %, on one page; then, for a programme too long for it, on two pages (rather than smaller type on
    /// one), from the brochure's size down to 84 %.
    const HANDOUT_STEPS: u8 = 51;
    const HANDOUT_BACK_STEPS: u8 = 17;

    /// Every size of `kind`, from the largest.
    pub fn all(kind: Kind) -> impl Iterator<Item = Size> {
        let steps = match kind {
            Kind::Factsheet => Size::FACTSHEET_STEPS,
            Kind::Handout => Size::HANDOUT_STEPS + Size::HANDOUT_BACK_STEPS,
            Kind::Brochure => 1,
        };
        (0..steps).map(Size)
    }

    /// The type scale next to the brochure's.
    pub fn scale(self, kind: Kind) -> f32 {
        let step = f32::from(self.0);
        match kind {
            Kind::Brochure => 1.0,
            Kind::Factsheet => 1.0 - 0.01 * step,
            Kind::Handout if self.0 >= Size::HANDOUT_STEPS => {
                1.0 - 0.01 * f32::from(self.0 - Size::HANDOUT_STEPS)
            }
            Kind::Handout => 1.4 - 0.01 * step,
        }
    }

    /// The pages a document of `kind` may take at this size.
    pub fn pages(self, kind: Kind) -> usize {
        match kind {
            Kind::Handout if self.0 >= Size::HANDOUT_STEPS => 2,
            _ => 1,
        }
    }
}

/// A document ready for layout.
#[derive(Clone, Debug)]
pub struct Composed {
    pub kind: Kind,
    /// Right to left: the whole layout is mirrored.
    pub rtl: bool,
    pub meta: Meta,
    pub page: PageStyle,
    /// The brochure's cover page.
    pub cover: Option<Cover>,
    /// The fact sheet's header band, at the top of its page.
    pub header: Option<Header>,
    /// Flows set across every column at the top of the first page (the fact sheet's key
    /// figures), before the columns start.
    pub banner: Vec<Flow>,
    pub body: Vec<Flow>,
    /// Flows set across every column at the foot of a one-page document (the fact sheet's
    /// icon grid), above its footer; the columns end above them.
    pub tail: Vec<Flow>,
    /// The brochure's back cover.
    pub back: Option<BackCover>,
    /// A contents list, put before the body when the document runs long.
    pub contents: Option<Contents>,
    /// The page for notes that completes the page count.
    pub notes: Option<Notes>,
    /// The page count is made a multiple of this with notes pages (2 for a brochure, 4 for a
    /// booklet's sheets).
    pub pad_to: usize,
}

/// A page for the reader's notes: a heading, and rules on the baseline grid.
#[derive(Clone, Debug)]
pub struct Notes {
    pub heading: Para,
    pub rule: Colour,
    pub hairline: Pt,
}

/// A contents list of the sections, whose page numbers layout fills in.
#[derive(Clone, Debug)]
pub struct Contents {
    /// Listed only when the document has more inside pages than this.
    pub beyond: usize,
    /// What opens the list (its heading).
    pub heading: Vec<Flow>,
    /// One per section: its title, linked to the section's anchor.
    pub entries: Vec<ContentsEntry>,
    /// The page numbers' style.
    pub number: TextStyle,
    /// Between an entry's title and its number.
    pub gap: Pt,
}

#[derive(Clone, Debug)]
pub struct ContentsEntry {
    pub title: Para,
    /// The section heading's anchor.
    pub anchor: String,
}

/// What the PDF says about itself.
#[derive(Clone, Debug)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub lang: Lang,
}

/// The page: paper, margins, columns and footer.
#[derive(Clone, Debug)]
pub struct PageStyle {
    pub width: Pt,
    pub height: Pt,
    pub top: Pt,
    pub bottom: Pt,
    pub inner: Pt,
    pub outer: Pt,
    pub columns: usize,
    pub gutter: Pt,
    /// Page numbers and a running title at the foot of inside pages.
    pub footer: Option<Footer>,
    /// The most pages the document may take (the fact sheet one, a handout two): an overflow
    /// past them is an error, not a new page. `None` for a brochure.
    pub page_limit: Option<usize>,
    /// The baseline grid: body lines sit on multiples of it from the top of the columns, so
    /// that lines in facing columns and pages line up.
    pub grid: Pt,
    /// A column beside the text, on the inner side, that holds section headings.
    pub sidebar: Option<Sidebar>,
    /// Even out the columns of the last page.
    pub balance: bool,
    /// How finely raster images should be: below it, a warning.
    pub images: crate::content::ImageResolution,
    /// The style of the slug line beside the crop marks (print editions).
    pub marks: TextStyle,
    /// How far backgrounds run past the trim: none on screen, set by layout for print.
    pub bleed: Pt,
    /// Between a banner set across the columns and the columns.
    pub banner_gap: Pt,
}

#[derive(Clone, Copy, Debug)]
pub struct Sidebar {
    pub width: Pt,
    pub gap: Pt,
}

#[derive(Clone, Debug)]
pub struct Footer {
    /// With the page number, on numbered pages only (a brochure's inside pages); without,
    /// on every page (a one-page document's strip).
    pub numbered: bool,
    pub text: String,
    pub style: TextStyle,
    pub rule: Colour,
    pub lang: Lang,
    /// From the foot of the text area to the footer's baseline.
    pub drop: Pt,
    /// Between the page number and the running text.
    pub gap: Pt,
    /// The rule's thickness.
    pub hairline: Pt,
    /// Where the running text comes from, for an error when it cannot fit.
    pub origin: Option<Span>,
}

/// A face at a size, in a colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    pub face: FaceKey,
    /// The family Latin letters are set in when `face` has none (an Arabic face): the brand's
    /// own, not the first bundled face that has them.
    pub latin: crate::fonts::Family,
    pub size: Pt,
    pub colour: Colour,
    /// Extra space between letters, in em (for small capitals-like labels). Letter-spaced
    /// text gets no ligatures.
    pub tracking: f32,
    pub figures: Figures,
}

impl TextStyle {
    /// This style in white at `size`: text on the brand's bands and covers.
    pub fn white(self, size: Pt) -> TextStyle {
        TextStyle {
            colour: Colour::WHITE,
            size,
            ..self
        }
    }
}

/// Which digits a style uses: proportional old-style-free figures read best in running text,
/// tabular lining figures line up in figure boxes and tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Figures {
    #[default]
    Proportional,
    Tabular,
}

/// A run of text in one style, perhaps a link.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub text: String,
    pub style: TextStyle,
    pub link: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Justify,
    Center,
}

/// What a piece of the page is, kept through layout so that the PDF can be tagged.
#[derive(Clone, Debug, PartialEq)]
pub enum Role {
    Title,
    Heading(u8),
    Paragraph,
    ListItem,
    /// A list item's bullet or number.
    Label,
    Quote,
    Figure {
        alt: Option<String>,
    },
    Caption,
    /// An entry of the contents list.
    Contents,
    /// Decoration (bands, rules, section numbers, icons): not content.
    Artifact,
    /// The running footer and page numbers: not content either.
    Footer,
}

impl Role {
    /// An image with its alt text; without, it is decorative (the content says so).
    pub fn figure(alt: Option<String>) -> Role {
        match alt {
            Some(alt) => Role::Figure { alt: Some(alt) },
            None => Role::Artifact,
        }
    }

    /// Not part of the document's content: left out of its structure and reading order.
    pub fn is_artifact(&self) -> bool {
        matches!(self, Role::Artifact | Role::Footer)
    }
}

/// A paragraph: runs set as lines.
#[derive(Clone, Debug)]
pub struct Para {
    pub runs: Vec<Run>,
    pub align: Align,
    /// Baseline-to-baseline distance.
    pub leading: Pt,
    pub space_before: Pt,
    pub space_after: Pt,
    /// A list marker hung in the indent before the first line.
    pub marker: Option<Marker>,
    /// Left indent of every line (the hanging indent of list items).
    pub indent: Pt,
    /// Set on headings: never the last thing in a column.
    pub keep_with_next: bool,
    /// Running text may be hyphenated; display text (headings, names, labels) never is.
    pub hyphenate: bool,
    /// Never broken (a key figure's value): the grid it sits in makes room for it, or it is
    /// set a step smaller.
    pub nowrap: bool,
    /// Set in the sidebar, level with what follows it (section headings of the brochure).
    pub side: bool,
    /// The paragraph's base direction is right to left (Arabic).
    pub rtl: bool,
    pub role: Role,
    pub lang: Lang,
    /// The content block this paragraph sets, for messages.
    pub origin: Option<Span>,
    /// A name links can point to (`#name`): section headings, for the contents list.
    pub anchor: Option<String>,
}

impl Para {
    /// One line of display text in one style, set from the start edge (footers, marks).
    pub fn line(text: &str, style: TextStyle, role: Role, lang: Lang) -> Para {
        Para {
            runs: vec![Run {
                text: text.to_owned(),
                style,
                link: None,
            }],
            align: Align::Left,
            leading: style.size * 1.2,
            space_before: Pt::ZERO,
            space_after: Pt::ZERO,
            marker: None,
            indent: Pt::ZERO,
            keep_with_next: false,
            hyphenate: false,
            nowrap: false,
            side: false,
            rtl: lang.rtl(),
            role,
            lang,
            origin: None,
            anchor: None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Marker {
    pub text: String,
    pub style: TextStyle,
}

/// One item of the flow, in reading order.
#[derive(Clone, Debug)]
pub enum Flow {
    Para(Para),
    /// A filled box around flows; never split.
    Boxed {
        fill: Colour,
        /// A bar of the accent colour on the box's start edge, and its width.
        bar: Option<(Colour, Pt)>,
        padding: Pt,
        space_after: Pt,
        content: Vec<Flow>,
        origin: Option<Span>,
    },
    /// Cells side by side, of equal width; never split. Cells narrower than `min_cell` wrap
    /// onto more rows of even length.
    Row {
        cells: Vec<Vec<Flow>>,
        gap: Pt,
        min_cell: Pt,
        space_after: Pt,
        origin: Option<Span>,
    },
    Image {
        image: Image,
        /// Width as a fraction of the column.
        width: f32,
        /// A logo among others: sized for the same visual weight as its neighbours (a wide
        /// wordmark and a tall emblem cover about the same area), within `width`.
        logo: bool,
        /// Across the page to the edges of its bleed, in a one-column layout (else the
        /// column); cropped around `focus` when taller than a column may hold.
        bleed: bool,
        focus: Focus,
        role: Role,
        space_after: Pt,
    },
    /// An icon beside its text (icon grids, contact details).
    Aside {
        icon: Image,
        size: Pt,
        /// A frame of this height for its width (portraits, all alike), the picture cropped
        /// to it around the focus; `None`: the picture's own proportions.
        frame: Option<(f32, Focus)>,
        gap: Pt,
        content: Vec<Flow>,
        space_after: Pt,
        /// An icon is decoration; a portrait is a figure with its alt text.
        role: Role,
    },
    /// Dated milestones on a rail: each a date label and a text.
    Timeline {
        entries: Vec<(Para, Para)>,
        rail: Rail,
        label_width: Pt,
        space_after: Pt,
        origin: Option<Span>,
        /// Set again at the top of a column the timeline goes on in (a programme's day,
        /// «continued»), as an artifact: the heading is in the structure once.
        continued: Option<Para>,
    },
    /// A line of the contents list: the title, and its page number at the end of the line.
    Entry {
        title: Para,
        number: Para,
        /// Between the title and the number.
        gap: Pt,
        space_after: Pt,
    },
    /// A thin horizontal line across the column.
    Rule {
        colour: Colour,
        thickness: Pt,
        space_after: Pt,
    },
}

/// A timeline's rail: a line through a dot per entry, between the dates and the texts.
#[derive(Clone, Copy, Debug)]
pub struct Rail {
    pub colour: Colour,
    pub dot: Colour,
    pub width: Pt,
    pub radius: Pt,
    /// From the dates to the rail, and from the rail to the texts.
    pub gap: Pt,
    pub text_gap: Pt,
}

/// The centre's logo, with the words a screen reader says for it.
#[derive(Clone, Debug)]
pub struct Logo {
    pub image: Image,
    pub alt: String,
}

/// The brochure's cover.
#[derive(Clone, Debug)]
pub struct Cover {
    pub layout: CoverLayout,
    /// With [`CoverLayout::Photo`]: the photo, what to keep in view, and how much of the
    /// band colour veils it.
    pub photo: Option<(Image, Focus, f32)>,
    pub band: Colour,
    pub accent: Colour,
    pub logo: Logo,
    /// From the top: name, full name, tagline; each a paragraph.
    pub titles: Vec<Para>,
    /// At the foot of the cover: the parent university and the edition.
    pub footnote: Vec<Para>,
    /// The logo's width, the accent rule's length and thickness, the artwork's unit.
    pub logo_size: Pt,
    pub rule: (Pt, Pt),
    pub art: Pt,
}

/// The fact sheet's header band.
#[derive(Clone, Debug)]
pub struct Header {
    pub band: Colour,
    pub accent: Colour,
    pub logo: Logo,
    pub titles: Vec<Para>,
    pub logo_size: Pt,
    /// Between the titles and the logo.
    pub logo_gap: Pt,
    /// Below the titles, inside the band.
    pub padding: Pt,
    /// The accent strip under the band.
    pub bar: Pt,
    /// From the band to the columns.
    pub after: Pt,
}

/// The brochure's back cover: contact details on the brand colour.
#[derive(Clone, Debug)]
pub struct BackCover {
    pub band: Colour,
    pub accent: Colour,
    pub logo: Logo,
    pub content: Vec<Para>,
    /// A QR code of the website, beside the contact details, and under it what it opens.
    pub qr: Option<Logo>,
    pub qr_caption: Para,
    /// At the foot of the page, under a rule: the parent university and the edition.
    pub closing: Vec<Para>,
    pub logo_size: Pt,
    pub qr_size: Pt,
    /// The contact block ends this far above the bottom margin.
    pub foot: Pt,
    pub rule: (Pt, Pt),
    pub art: Pt,
}

/// What to compose.
#[derive(Clone, Copy, Debug)]
pub enum What<'a> {
    Document(Kind),
    /// The brochure's edition for an event: the event on the cover, its programme first.
    EventBrochure(&'a crate::content::Event),
    Handout(&'a crate::content::Event),
}

impl<'a> What<'a> {
    /// What is made of `content` for this: the handout as a kind is the first event's, or,
    /// without events, the fact sheet.
    pub fn resolved(self, content: &'a Content) -> What<'a> {
        match self {
            What::Document(Kind::Handout) => match content.events.first() {
                Some(event) => What::Handout(event),
                None => What::Document(Kind::Factsheet),
            },
            other => other,
        }
    }

    /// The kind of document made.
    pub fn kind(self) -> Kind {
        match self {
            What::Document(kind) => kind,
            What::EventBrochure(_) => Kind::Brochure,
            What::Handout(_) => Kind::Handout,
        }
    }
}

/// Composes `what` on the pages of `theme` (the brand's paper, or a booklet's half sheet), at
/// its largest size.
pub fn compose_on(content: &Content, what: What, theme: &Theme) -> Composed {
    compose_sized(content, what, theme, Size::LARGEST)
}

/// Composes `what` on the pages of `theme` at `size`.
pub fn compose_sized(content: &Content, what: What, theme: &Theme, size: Size) -> Composed {
    let brand = &content.brand;
    match what {
        What::Document(Kind::Brochure) => {
            let s = Styles::new(brand, theme, &content.brochure, Kind::Brochure, size);
            templates::brochure(content, &s, None)
        }
        What::EventBrochure(event) => {
            let s = Styles::new(brand, theme, &content.brochure, Kind::Brochure, size);
            templates::brochure(content, &s, Some(event))
        }
        What::Handout(event) => {
            let s = Styles::new(brand, theme, &content.factsheet, Kind::Handout, size);
            handout::handout(content, event, &s, size.pages(Kind::Handout))
        }
        What::Document(Kind::Handout) => {
            compose_sized(content, what.resolved(content), theme, size)
        }
        What::Document(Kind::Factsheet) => {
            let s = Styles::new(brand, theme, &content.factsheet, Kind::Factsheet, size);
            templates::factsheet(content, &s)
        }
    }
}

/// Composes `kind` on the brand's paper; a handout is the first event's (see [`handout`]).
pub fn compose(content: &Content, kind: Kind) -> Composed {
    compose_on(content, What::Document(kind), &Theme::new(&content.brand))
}

/// Composes the brochure's edition for `event` on the brand's paper.
pub fn event_brochure(content: &Content, event: &crate::content::Event) -> Composed {
    compose_on(
        content,
        What::EventBrochure(event),
        &Theme::new(&content.brand),
    )
}

/// Composes the handout of `event` on the brand's paper.
pub fn handout(content: &Content, event: &crate::content::Event) -> Composed {
    compose_on(content, What::Handout(event), &Theme::new(&content.brand))
}
