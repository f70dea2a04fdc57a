//! The content files as typed: what serde reads, before any checking.
//!
//! Every value keeps its place in the file ([`Spanned`]) so that validation can point at it.
//! Structs refuse unknown keys; `load` turns serde's complaint into a did-you-mean.

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde_saphyr::Spanned;

pub type S<T> = Spanned<T>;

/// One column of a `columns` block: a list of blocks.
pub type RawColumn = S<Vec<S<RawBlock>>>;

/// `centre.yaml`: who the centre is.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCentre {
    pub short_name: S<String>,
    pub full_name: S<String>,
    pub parent: S<String>,
    pub founded: S<String>,
    pub city: S<String>,
    pub country: S<String>,
    pub website: S<String>,
    pub email: S<String>,
    pub tagline: S<String>,
}

/// `brand.yaml`: the look shared by every document.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawBrand {
    pub colours: RawColours,
    pub fonts: RawFonts,
    pub logo: S<String>,
    pub paper: S<String>,
    pub margins: RawMargins,
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
    pub title: S<String>,
    pub subject: S<String>,
    #[serde(default)]
    pub keywords: Vec<S<String>>,
    pub lang: S<String>,
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
    pub title: S<String>,
    pub subject: S<String>,
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
    pub heading: Option<S<String>>,
    pub paragraph: Option<S<String>>,
    pub list: Option<S<Vec<S<String>>>>,
    pub key_figures: Option<S<Vec<S<RawFigure>>>>,
    pub quote: Option<S<String>>,
    pub profile: Option<S<RawProfile>>,
    pub image: Option<S<String>>,
    pub contact: Option<S<String>>,
    pub columns: Option<S<Vec<RawColumn>>>,

    pub id: Option<S<String>>,
    pub short: Option<S<RawShort>>,
    pub level: Option<S<u8>>,
    pub numbered: Option<S<bool>>,
    pub by: Option<S<String>>,
    pub alt: Option<S<String>>,
    pub caption: Option<S<String>>,
    pub credit: Option<S<String>>,
    pub decorative: Option<S<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawFigure {
    pub value: S<String>,
    pub label: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawProfile {
    pub name: S<String>,
    pub role: S<String>,
    pub bio: S<String>,
    #[serde(default)]
    pub short: Option<S<String>>,
    #[serde(default)]
    pub photo: Option<S<String>>,
}

/// A block's short form for the fact sheet: a text, or (for a list) a list of texts.
pub enum RawShort {
    Text(String),
    Items(Vec<String>),
}

impl<'de> Deserialize<'de> for RawShort {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShortVisitor;

        impl<'de> Visitor<'de> for ShortVisitor {
            type Value = RawShort;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or a list of texts")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawShort, E> {
                Ok(RawShort::Text(text.to_owned()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawShort, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(RawShort::Items(items))
            }
        }

        deserializer.deserialize_any(ShortVisitor)
    }
}
