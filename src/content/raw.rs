//! The content files as typed: what serde reads, before any checking.
//!
//! Every value keeps its place in the file ([`Spanned`]) so that validation can point at it.
//! Structs refuse unknown keys; `load` turns serde's complaint into a did-you-mean.
//!
//! The same structs describe the format as JSON Schema (`plaquette schema`): their doc
//! comments are what an editor shows on hover, so they are written for the people who write
//! the content. Values whose form validation checks (colours, lengths, dates, names from a
//! list) get a schema from [`super::schema`] built from the same lists validation uses.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

pub use super::local::{LocalText, RawShort};

/// A value with its place in the file.
///
/// A newtype rather than serde-saphyr's [`Spanned`] itself so that the content format's JSON
/// Schema (`plaquette schema`) can describe it as the bare value it is written as.
#[derive(Deserialize, Clone, Debug)]
#[serde(transparent)]
pub struct S<T>(pub Spanned<T>);

impl<T> std::ops::Deref for S<T> {
    type Target = Spanned<T>;

    fn deref(&self) -> &Spanned<T> {
        &self.0
    }
}

/// A text, once or per language, with its place.
pub type T = S<LocalText>;

/// One column of a `columns` block: a list of blocks.
pub type RawColumn = S<Vec<S<RawBlock>>>;

/// `centre.yaml`: who the centre is. Every document draws its name, address and links from here.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "centre.yaml")]
#[schemars(rename = "Centre")]
pub struct RawCentre {
    /// The name used in running text and footers, such as `Ai Movement`.
    pub short_name: T,
    /// The full name, on the cover and the back cover.
    pub full_name: T,
    /// The institution the centre belongs to.
    pub parent: T,
    /// When the centre was founded: `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(schema_with = "super::schema::month")]
    pub founded: S<String>,
    pub city: T,
    pub country: T,
    /// The website, starting with `https://`; printed with a QR code on the back cover.
    #[schemars(schema_with = "super::schema::url")]
    pub website: S<String>,
    /// The contact address, `name@domain`.
    #[schemars(schema_with = "super::schema::email")]
    pub email: S<String>,
    /// One sentence under the name on the cover.
    pub tagline: T,
    /// Social networks: `{name: LinkedIn, url: https://…}`, printed on the back cover.
    #[serde(default)]
    pub social: Vec<S<RawSocial>>,
}

/// A social network account.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Social")]
pub struct RawSocial {
    /// The network's name, such as `LinkedIn`.
    pub name: T,
    /// The account's address, starting with `https://`.
    #[schemars(schema_with = "super::schema::url")]
    pub url: S<String>,
}

/// `brand.yaml`: the look shared by every document.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "brand.yaml")]
#[schemars(rename = "Brand")]
pub struct RawBrand {
    /// The screen colours, each `"#RRGGBB"` (quoted).
    pub colours: RawColours,
    /// The same colours as inks for offset print (`--print`): `[C, M, Y, K]` in %.
    #[serde(default)]
    pub cmyk: Option<RawCmyk>,
    /// The bundled fonts to use.
    pub fonts: RawFonts,
    /// `western` (0–9, the default) or `eastern` (٠–٩) digits in Arabic editions.
    #[serde(default)]
    #[schemars(schema_with = "super::schema::digits")]
    pub arabic_digits: Option<S<String>>,
    /// The cover artwork: `circles` (the default), `dots`, or `photo` (give `cover-photo`).
    #[serde(default)]
    #[schemars(schema_with = "super::schema::cover")]
    pub cover: Option<S<String>>,
    /// The photo across the cover, with `cover: photo`.
    #[serde(default)]
    pub cover_photo: Option<RawCoverPhoto>,
    /// Sizes per text role; each optional.
    #[serde(default, rename = "type")]
    pub type_scale: Option<RawTypeScale>,
    /// The page grid: the sidebar of section headings and the gutter between columns.
    #[serde(default)]
    pub grid: Option<RawGrid>,
    /// How finely raster images are stored, in pixels per inch of their placed size.
    #[serde(default)]
    pub images: Option<RawImages>,
    /// The centre's logo: an SVG, PNG or JPEG inside the content folder.
    #[schemars(schema_with = "super::schema::image")]
    pub logo: S<String>,
    /// The paper size.
    #[schemars(schema_with = "super::schema::paper")]
    pub paper: S<String>,
    /// The page margins.
    pub margins: RawMargins,
}

/// A photo across the cover, under a veil of the primary colour that the cover's white text
/// reads on.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "CoverPhoto")]
pub struct RawCoverPhoto {
    /// A photo inside the content folder (JPEG or PNG), at least as tall as the page at
    /// 150 ppi.
    #[schemars(schema_with = "super::schema::image")]
    pub image: S<String>,
    /// What to keep in view when the photo is cropped to the page: `centre` (the default),
    /// `top`, `bottom`, `left`, `right`, `top-left`…, or two percentages, `50% 30%`.
    #[serde(default)]
    pub focus: Option<S<String>>,
    /// How much of the primary colour lies over the photo: `55%` by default. The white
    /// cover text must read on the result; a veil too light is an error saying how much
    /// is needed.
    #[serde(default)]
    pub veil: Option<S<String>>,
}

/// How finely raster images are stored. An image finer than an edition needs is resampled;
/// one within range keeps its own bytes; none is ever upsampled.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Images")]
pub struct RawImages {
    /// Screen editions: at most this many pixels per inch (150 by default, 72 to 600).
    #[schemars(range(min = 72, max = 600))]
    pub screen_ppi: Option<S<i64>>,
    /// Print editions (`--print`): images finer than `print-most-ppi` are resampled to this
    /// (300 by default, 150 to 1200).
    #[schemars(range(min = 150, max = 1200))]
    pub print_ppi: Option<S<i64>>,
    /// Print editions keep an image's own pixels up to this (450 by default; at least
    /// `print-ppi`).
    #[schemars(range(min = 150, max = 2400))]
    pub print_most_ppi: Option<S<i64>>,
}

/// Sizes of the text roles, each a length such as `10pt`; the ones left out keep their default.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "TypeScale")]
pub struct RawTypeScale {
    /// The title on the cover.
    #[schemars(schema_with = "super::schema::length")]
    pub display: Option<S<String>>,
    /// Section headings.
    #[schemars(schema_with = "super::schema::length")]
    pub h1: Option<S<String>>,
    /// Sub-headings.
    #[schemars(schema_with = "super::schema::length")]
    pub h2: Option<S<String>>,
    /// Third-level headings.
    #[schemars(schema_with = "super::schema::length")]
    pub h3: Option<S<String>>,
    /// Lead paragraphs (`lead: true`).
    #[schemars(schema_with = "super::schema::length")]
    pub lead: Option<S<String>>,
    /// Running text.
    #[schemars(schema_with = "super::schema::length")]
    pub body: Option<S<String>>,
    /// The values of key figures.
    #[schemars(schema_with = "super::schema::length")]
    pub figure: Option<S<String>>,
    /// Quotations.
    #[schemars(schema_with = "super::schema::length")]
    pub quote: Option<S<String>>,
    /// Captions and credits.
    #[schemars(schema_with = "super::schema::length")]
    pub caption: Option<S<String>>,
    /// Footers and small print.
    #[schemars(schema_with = "super::schema::length")]
    pub small: Option<S<String>>,
    /// The distance between the baselines of running text.
    #[schemars(schema_with = "super::schema::length")]
    pub baseline: Option<S<String>>,
}

/// The page grid; each length optional (the theme scales its defaults with the paper).
#[derive(Deserialize, JsonSchema, Default)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Grid")]
pub struct RawGrid {
    /// The width of the column beside the text that holds section headings, or `none` to set
    /// headings above their text. By default 40mm on A4, and none when the text beside it
    /// would be narrower than 30 ems.
    pub sidebar: Option<S<String>>,
    /// The space between two columns (the fact sheet's): 8mm on A4 by default.
    #[schemars(schema_with = "super::schema::length")]
    pub gutter: Option<S<String>>,
}

/// The screen colours, each `"#RRGGBB"` (with the quotes: `#` starts a comment in YAML).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Colours")]
pub struct RawColours {
    /// Cover band and headings.
    #[schemars(schema_with = "super::schema::colour")]
    pub primary: S<String>,
    /// Rules, key figures and links.
    #[schemars(schema_with = "super::schema::colour")]
    pub accent: S<String>,
    /// Running text.
    #[schemars(schema_with = "super::schema::colour")]
    pub ink: S<String>,
    /// Captions and footers.
    #[schemars(schema_with = "super::schema::colour")]
    pub muted: S<String>,
    /// The background of boxes.
    #[schemars(schema_with = "super::schema::colour")]
    pub surface: S<String>,
}

/// The brand colours as inks, each `[C, M, Y, K]` in % (whole numbers from 0 to 100).
#[derive(Deserialize, JsonSchema, Default)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Cmyk")]
pub struct RawCmyk {
    #[schemars(schema_with = "super::schema::inks")]
    pub primary: Option<S<Vec<f32>>>,
    #[schemars(schema_with = "super::schema::inks")]
    pub accent: Option<S<Vec<f32>>>,
    #[schemars(schema_with = "super::schema::inks")]
    pub ink: Option<S<Vec<f32>>>,
    #[schemars(schema_with = "super::schema::inks")]
    pub muted: Option<S<Vec<f32>>>,
    #[schemars(schema_with = "super::schema::inks")]
    pub surface: Option<S<Vec<f32>>>,
}

/// Fonts, by the name of a bundled family.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Fonts")]
pub struct RawFonts {
    /// Running text.
    #[schemars(schema_with = "super::schema::font")]
    pub text: S<String>,
    /// Headings, labels and figures.
    #[schemars(schema_with = "super::schema::font")]
    pub heading: S<String>,
    /// Arabic text: needed only when an edition is in Arabic.
    #[serde(default)]
    #[schemars(schema_with = "super::schema::font")]
    pub arabic: Option<S<String>>,
}

/// The page margins, each a length such as `20mm`; inner is on the binding side.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Margins")]
pub struct RawMargins {
    #[schemars(schema_with = "super::schema::length")]
    pub top: S<String>,
    #[schemars(schema_with = "super::schema::length")]
    pub bottom: S<String>,
    #[schemars(schema_with = "super::schema::length")]
    pub inner: S<String>,
    #[schemars(schema_with = "super::schema::length")]
    pub outer: S<String>,
}

/// `brochure.yaml`: the brochure's metadata and its blocks.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "brochure.yaml")]
#[schemars(rename = "Brochure")]
pub struct RawBrochure {
    /// The document's title, in its metadata and bookmarks.
    pub title: T,
    /// What the document is about, in its metadata.
    pub subject: T,
    /// Keywords, in the document's metadata.
    #[serde(default)]
    pub keywords: Vec<T>,
    /// The languages of the content; the first is the one texts fall back to by default.
    #[schemars(schema_with = "super::schema::languages")]
    pub languages: S<Vec<S<String>>>,
    /// The edition, `YYYY-MM`, stamped on the back cover; the build date's month when absent.
    #[serde(default)]
    #[schemars(schema_with = "super::schema::month")]
    pub edition: Option<S<String>>,
    /// The language's typographic rules (French spacing, quotes…); on unless `false`.
    #[serde(default)]
    pub typography: Option<S<bool>>,
    /// The brochure's content, in order: each block starts with its kind (`heading`,
    /// `paragraph`, `list`…).
    pub blocks: Vec<S<RawBlock>>,
}

/// `factsheet.yaml`: which blocks of the brochure the fact sheet shows.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "factsheet.yaml")]
#[schemars(rename = "Factsheet")]
pub struct RawFactsheet {
    /// The fact sheet's title, in its metadata.
    pub title: T,
    /// What the fact sheet is about, in its metadata.
    pub subject: T,
    /// The ids of the brochure's blocks to show, in order; a block's `short` form is used
    /// when it has one.
    #[serde(rename = "use")]
    #[schemars(schema_with = "super::schema::ids")]
    pub uses: Vec<S<String>>,
}

/// One block: exactly one kind key (`heading`, `paragraph`, …) and the options that go with it.
///
/// Keeping every kind in one flat struct, rather than a serde enum, keeps each value's place in
/// the file and lets validation say "`numbered` does not apply to a heading" instead of a
/// generic "data did not match any variant".
#[derive(Deserialize, JsonSchema, Default)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(transform = super::schema::one_kind)]
#[schemars(rename = "Block")]
pub struct RawBlock {
    /// A heading: level 1 opens a section of the brochure.
    pub heading: Option<T>,
    /// A paragraph. `**bold**`, `*italic*` and `[links](https://…)` are allowed.
    pub paragraph: Option<T>,
    /// A list of items; `numbered: true` numbers them, `icons:` gives each an icon.
    pub list: Option<S<Vec<T>>>,
    /// Large figures with a label each: `{value: 2021, label: …}`.
    pub key_figures: Option<S<Vec<S<RawFigure>>>>,
    /// A quotation; `by:` says who said it.
    pub quote: Option<T>,
    /// A person: name, role, biography and an optional photo.
    pub profile: Option<S<RawProfile>>,
    /// An image inside the content folder, with `alt:` text (or `decorative: true`).
    #[schemars(schema_with = "super::schema::image")]
    pub image: Option<S<String>>,
    /// The contact box: a sentence introducing the centre's addresses.
    pub contact: Option<T>,
    /// A strip of logos, each with the name it is read out as.
    pub logos: Option<S<Vec<S<RawLogo>>>>,
    /// Two or three columns, each a list of blocks.
    pub columns: Option<S<Vec<RawColumn>>>,
    /// Dated milestones: `{date: 2021-03, text: …}`.
    pub timeline: Option<S<Vec<S<RawMilestone>>>>,

    /// A name for the block, for the fact sheet's `use:` and for links: lowercase letters,
    /// digits and hyphens.
    #[schemars(schema_with = "super::schema::id")]
    pub id: Option<S<String>>,
    /// The block's shorter form on the fact sheet: a text, or for a list a list of texts.
    pub short: Option<S<RawShort>>,
    /// A heading's level: 1 (a section) to 3.
    #[schemars(schema_with = "super::schema::level")]
    // Read as any whole number, so that validation says which levels exist.
    pub level: Option<S<i64>>,
    /// Number a list's items.
    pub numbered: Option<S<bool>>,
    /// One bundled icon per list item, in order.
    #[schemars(schema_with = "super::schema::icons")]
    pub icons: Option<S<Vec<S<String>>>>,
    /// Set a paragraph larger, as the opening of a section.
    pub lead: Option<S<bool>>,
    /// Who said a quotation.
    pub by: Option<T>,
    /// An image's alternative text, read out by screen readers.
    pub alt: Option<T>,
    /// An image's caption.
    pub caption: Option<T>,
    /// An image's credit.
    pub credit: Option<T>,
    /// An image that only decorates: no alternative text, skipped by screen readers.
    pub decorative: Option<S<bool>>,
    /// An image's width: `column` (the default) or `bleed`, across the page to its edges.
    pub size: Option<S<String>>,
    /// What of an image to keep when it is cropped: `centre` (the default), `top`, `bottom`,
    /// `left`, `right`, `top-left`…, or two percentages from its top left, `30% 20%`.
    pub focus: Option<S<String>>,
}

/// A logo and the name it is read out as.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Logo")]
pub struct RawLogo {
    /// The logo: an SVG, PNG or JPEG inside the content folder.
    #[schemars(schema_with = "super::schema::image")]
    pub image: S<String>,
    /// The partner's name, read out by screen readers.
    pub alt: T,
}

/// A dated milestone.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Milestone")]
pub struct RawMilestone {
    /// `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(schema_with = "super::schema::month")]
    pub date: S<String>,
    pub text: T,
}

/// A key figure.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Figure")]
pub struct RawFigure {
    /// The figure, large: `2021`, `8`, `+40`.
    pub value: T,
    /// What it counts.
    pub label: T,
}

/// A person.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Profile")]
pub struct RawProfile {
    pub name: T,
    /// Their role at the centre.
    pub role: T,
    /// A short biography.
    pub bio: T,
    /// The biography's shorter form on the fact sheet.
    #[serde(default)]
    pub short: Option<T>,
    /// A portrait inside the content folder.
    #[serde(default)]
    #[schemars(schema_with = "super::schema::image")]
    pub photo: Option<S<String>>,
    /// What of the portrait to keep in its frame: `top` for a face near the top, or two
    /// percentages from its top left, `50% 30%` (`centre` by default).
    #[serde(default)]
    pub focus: Option<S<String>>,
}

/// `events/<slug>.yaml`: an event the centre holds.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "events/<slug>.yaml")]
#[schemars(rename = "Event")]
pub struct RawEvent {
    /// The event's name, on its cover and handout.
    pub name: T,
    /// Marks an example: built like any event, flagged so nobody mistakes it for a real one.
    #[serde(default)]
    pub sample: bool,
    /// Each day of the event with its opening hours.
    pub days: Vec<S<RawDay>>,
    pub venue: T,
    pub city: T,
    /// The registration page, starting with `https://`; printed with a QR code.
    #[schemars(schema_with = "super::schema::url")]
    pub registration: S<String>,
    /// The sessions, in any order: they are sorted by day and time.
    pub programme: Vec<S<RawSession>>,
    /// The partners' logos, shown under the programme.
    #[serde(default)]
    pub partners: Option<S<Vec<S<RawLogo>>>>,
}

/// A day of an event.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Day")]
pub struct RawDay {
    /// `YYYY-MM-DD`.
    #[schemars(schema_with = "super::schema::date")]
    pub date: S<String>,
    /// Opening time, `HH:MM` (24 h, quoted: `"09:00"`).
    #[schemars(schema_with = "super::schema::time")]
    pub from: S<String>,
    /// Closing time, `HH:MM` (24 h, quoted).
    #[schemars(schema_with = "super::schema::time")]
    pub to: S<String>,
}

/// A session of an event's programme.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Session")]
pub struct RawSession {
    /// The day, `YYYY-MM-DD`, for events of more than one day.
    #[serde(default)]
    #[schemars(schema_with = "super::schema::date")]
    pub day: Option<S<String>>,
    /// The start, `HH:MM` (24 h, quoted).
    #[schemars(schema_with = "super::schema::time")]
    pub time: S<String>,
    pub title: T,
    /// The speakers' names.
    #[serde(default)]
    pub speakers: Vec<T>,
}
