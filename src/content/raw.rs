//! The content files as typed: what serde reads, before any checking.
//!
//! Every value keeps its place in the file ([`Spanned`]) so that validation can point at it.
//! Structs refuse unknown keys; `load` turns serde's complaint into a did-you-mean.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
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

impl<T: JsonSchema> JsonSchema for S<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }
}
/// A text, once or per language, with its place.
pub type T = S<LocalText>;

/// One column of a `columns` block: a list of blocks.
pub type RawColumn = S<Vec<S<RawBlock>>>;

/// `centre.yaml`: who the centre is.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCentre {
    pub short_name: T,
    pub full_name: T,
    pub parent: T,
    pub founded: S<String>,
    pub city: T,
    pub country: T,
    pub website: S<String>,
    pub email: S<String>,
    pub tagline: T,
    /// Social networks: `{name: LinkedIn, url: https://…}`, printed on the back cover.
    #[serde(default)]
    pub social: Vec<S<RawSocial>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawSocial {
    pub name: T,
    pub url: S<String>,
}

/// `brand.yaml`: the look shared by every document.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawBrand {
    pub colours: RawColours,
    /// The same colours as inks for offset print (`--print`): `[C, M, Y, K]` in %.
    #[serde(default)]
    pub cmyk: Option<RawCmyk>,
    pub fonts: RawFonts,
    /// `western` (0–9, the default) or `eastern` (٠–٩) digits in Arabic editions.
    #[serde(default)]
    pub arabic_digits: Option<S<String>>,
    /// The cover artwork: `circles` (the default) or `dots`.
    #[serde(default)]
    pub cover: Option<S<String>>,
    /// Sizes per text role; each optional.
    #[serde(default, rename = "type")]
    pub type_scale: Option<RawTypeScale>,
    pub logo: S<String>,
    pub paper: S<String>,
    pub margins: RawMargins,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawTypeScale {
    pub display: Option<S<String>>,
    pub h1: Option<S<String>>,
    pub h2: Option<S<String>>,
    pub lead: Option<S<String>>,
    pub body: Option<S<String>>,
    pub figure: Option<S<String>>,
    pub quote: Option<S<String>>,
    pub caption: Option<S<String>>,
    pub small: Option<S<String>>,
    pub baseline: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawColours {
    pub primary: S<String>,
    pub accent: S<String>,
    pub ink: S<String>,
    pub muted: S<String>,
    pub surface: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCmyk {
    pub primary: Option<S<Vec<f32>>>,
    pub accent: Option<S<Vec<f32>>>,
    pub ink: Option<S<Vec<f32>>>,
    pub muted: Option<S<Vec<f32>>>,
    pub surface: Option<S<Vec<f32>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawFonts {
    pub text: S<String>,
    pub heading: S<String>,
    pub arabic: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawMargins {
    pub top: S<String>,
    pub bottom: S<String>,
    pub inner: S<String>,
    pub outer: S<String>,
}

/// `brochure.yaml`: the brochure's metadata and its blocks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawBrochure {
    pub title: T,
    pub subject: T,
    #[serde(default)]
    pub keywords: Vec<T>,
    /// The languages of the content; the first is the one texts fall back to by default.
    pub languages: S<Vec<S<String>>>,
    #[serde(default)]
    pub edition: Option<S<String>>,
    /// The language's typographic rules (French spacing, quotes…); on unless `false`.
    #[serde(default)]
    pub typography: Option<S<bool>>,
    pub blocks: Vec<S<RawBlock>>,
}

/// `factsheet.yaml`: which blocks of the brochure the fact sheet shows.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawFactsheet {
    pub title: T,
    pub subject: T,
    #[serde(rename = "use")]
    pub uses: Vec<S<String>>,
}

/// One block: exactly one kind key (`heading`, `paragraph`, …) and the options that go with it.
///
/// Keeping every kind in one flat struct, rather than a serde enum, keeps each value's place in
/// the file and lets validation say "`numbered` does not apply to a heading" instead of a
/// generic "data did not match any variant".
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawBlock {
    pub heading: Option<T>,
    pub paragraph: Option<T>,
    pub list: Option<S<Vec<T>>>,
    pub key_figures: Option<S<Vec<S<RawFigure>>>>,
    pub quote: Option<T>,
    pub profile: Option<S<RawProfile>>,
    pub image: Option<S<String>>,
    pub contact: Option<T>,
    pub logos: Option<S<Vec<S<RawLogo>>>>,
    pub columns: Option<S<Vec<RawColumn>>>,
    pub timeline: Option<S<Vec<S<RawMilestone>>>>,

    pub id: Option<S<String>>,
    pub short: Option<S<RawShort>>,
    pub level: Option<S<u8>>,
    pub numbered: Option<S<bool>>,
    pub icons: Option<S<Vec<S<String>>>>,
    pub lead: Option<S<bool>>,
    pub by: Option<T>,
    pub alt: Option<T>,
    pub caption: Option<T>,
    pub credit: Option<T>,
    pub decorative: Option<S<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawLogo {
    pub image: S<String>,
    /// The partner's name, read out by screen readers.
    pub alt: T,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawMilestone {
    pub date: S<String>,
    pub text: T,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawFigure {
    pub value: T,
    pub label: T,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawProfile {
    pub name: T,
    pub role: T,
    pub bio: T,
    #[serde(default)]
    pub short: Option<T>,
    #[serde(default)]
    pub photo: Option<S<String>>,
}

/// `events/<slug>.yaml`: an event the centre holds.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawEvent {
    pub name: T,
    /// Marks an example: built like any event, flagged so nobody mistakes it for a real one.
    #[serde(default)]
    pub sample: bool,
    pub days: Vec<S<RawDay>>,
    pub venue: T,
    pub city: T,
    pub registration: S<String>,
    pub programme: Vec<S<RawSession>>,
    /// The partners' logos, shown under the programme.
    #[serde(default)]
    pub partners: Option<S<Vec<S<RawLogo>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawDay {
    pub date: S<String>,
    pub from: S<String>,
    pub to: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawSession {
    /// The day, for events of more than one day.
    #[serde(default)]
    pub day: Option<S<String>>,
    pub time: S<String>,
    pub title: T,
    #[serde(default)]
    pub speakers: Vec<T>,
}
