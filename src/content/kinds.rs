//! The registry of block kinds: every kind and the options it takes, named once.
//!
//! Everything else that depends on the kinds matches on [`BlockName`] or on the model's
//! [`BlockKind`](super::model::BlockKind) without a wildcard arm, so the compiler points at
//! every place a new kind must be handled:
//!
//! 1. a line in `kinds!` below (its name in the content and the options it takes);
//! 2. its field in [`RawBlock`] (what serde reads), which [`present`] must then name;
//! 3. its check in `blocks.rs` (the dispatch on [`BlockName`] is exhaustive);
//! 4. its variant in the model's `BlockKind`, which [`BlockKind::name`] must map back, and
//!    which composition (`compose/blocks.rs`) and the image walk (`model.rs`) must handle;
//! 5. its section in `docs/content.md` (a test fails without it).
//!
//! Tagging follows from the roles composition gives, and the JSON Schema from `RawBlock`.

use super::check::position;
use super::model::BlockKind;
use super::raw::RawBlock;

macro_rules! kinds {
    ($($kind:ident = $name:literal [$($option:ident),*];)*) => {
        /// A kind of block, as written in the content (`heading`, `key-figures`…).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum BlockName {
            $($kind),*
        }

        impl BlockName {
            /// Every kind, in the order the format documents them.
            pub const ALL: &[BlockName] = &[$(BlockName::$kind),*];

            /// The key that starts a block of this kind.
            pub fn name(self) -> &'static str {
                match self {
                    $(BlockName::$kind => $name),*
                }
            }

            /// The options a block of this kind takes besides `id`.
            pub fn options(self) -> &'static [Opt] {
                match self {
                    $(BlockName::$kind => &[$(Opt::$option),*]),*
                }
            }
        }
    };
}

kinds! {
    Heading = "heading" [Level];
    Paragraph = "paragraph" [Short, Lead];
    List = "list" [Short, Numbered, Icons];
    KeyFigures = "key-figures" [];
    Quote = "quote" [By, Short];
    Profile = "profile" [];
    Image = "image" [Alt, Caption, Credit, Decorative, Size, Focus];
    Contact = "contact" [];
    Columns = "columns" [];
    Timeline = "timeline" [];
    Logos = "logos" [];
}

/// An option of a block, besides `id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opt {
    Short,
    Level,
    Numbered,
    Icons,
    Lead,
    By,
    Alt,
    Caption,
    Credit,
    Decorative,
    Size,
    Focus,
}

impl Opt {
    pub fn name(self) -> &'static str {
        match self {
            Opt::Short => "short",
            Opt::Level => "level",
            Opt::Numbered => "numbered",
            Opt::Icons => "icons",
            Opt::Lead => "lead",
            Opt::By => "by",
            Opt::Alt => "alt",
            Opt::Caption => "caption",
            Opt::Credit => "credit",
            Opt::Decorative => "decorative",
            Opt::Size => "size",
            Opt::Focus => "focus",
        }
    }
}

/// A line and a column in the file.
pub type Place = (usize, usize);

/// What a raw block gives, each with its place.
pub type Given<T> = Vec<(T, Place)>;

/// The kinds and the options a raw block gives, each with its place.
///
/// The block is taken apart whole: a field added to [`RawBlock`] does not compile until it is
/// named here as a kind or an option.
pub fn present(b: &RawBlock) -> (Given<BlockName>, Given<Opt>) {
    let RawBlock {
        heading,
        paragraph,
        list,
        key_figures,
        quote,
        profile,
        image,
        contact,
        logos,
        columns,
        timeline,
        id: _,
        short,
        level,
        numbered,
        icons,
        lead,
        by,
        alt,
        caption,
        credit,
        decorative,
        size,
        focus,
    } = b;
    let kinds = [
        (BlockName::Heading, heading.as_ref().map(position)),
        (BlockName::Paragraph, paragraph.as_ref().map(position)),
        (BlockName::List, list.as_ref().map(position)),
        (BlockName::KeyFigures, key_figures.as_ref().map(position)),
        (BlockName::Quote, quote.as_ref().map(position)),
        (BlockName::Profile, profile.as_ref().map(position)),
        (BlockName::Image, image.as_ref().map(position)),
        (BlockName::Contact, contact.as_ref().map(position)),
        (BlockName::Logos, logos.as_ref().map(position)),
        (BlockName::Columns, columns.as_ref().map(position)),
        (BlockName::Timeline, timeline.as_ref().map(position)),
    ];
    let options = [
        (Opt::Short, short.as_ref().map(position)),
        (Opt::Level, level.as_ref().map(position)),
        (Opt::Numbered, numbered.as_ref().map(position)),
        (Opt::Icons, icons.as_ref().map(position)),
        (Opt::Lead, lead.as_ref().map(position)),
        (Opt::By, by.as_ref().map(position)),
        (Opt::Alt, alt.as_ref().map(position)),
        (Opt::Caption, caption.as_ref().map(position)),
        (Opt::Credit, credit.as_ref().map(position)),
        (Opt::Decorative, decorative.as_ref().map(position)),
        (Opt::Size, size.as_ref().map(position)),
        (Opt::Focus, focus.as_ref().map(position)),
    ];
    (given(kinds), given(options))
}

/// The entries whose place is known: those the block gives.
fn given<T, const N: usize>(entries: [(T, Option<Place>); N]) -> Given<T> {
    entries
        .into_iter()
        .filter_map(|(what, place)| place.map(|p| (what, p)))
        .collect()
}

impl BlockKind {
    /// The kind as the content names it.
    pub fn name(&self) -> BlockName {
        match self {
            BlockKind::Heading { .. } => BlockName::Heading,
            BlockKind::Paragraph(_) | BlockKind::Lead(_) => BlockName::Paragraph,
            BlockKind::Timeline(_) => BlockName::Timeline,
            BlockKind::Logos(_) => BlockName::Logos,
            BlockKind::List { .. } => BlockName::List,
            BlockKind::KeyFigures(_) => BlockName::KeyFigures,
            BlockKind::Quote { .. } => BlockName::Quote,
            BlockKind::Profile(_) => BlockName::Profile,
            BlockKind::Image(_) => BlockName::Image,
            BlockKind::Contact { .. } => BlockName::Contact,
            BlockKind::Columns(_) => BlockName::Columns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_documented_with_an_example() {
        let docs = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content.md"),
        )
        .unwrap_or_default();
        for kind in BlockName::ALL {
            let name = kind.name();
            assert!(
                docs.contains(&format!("#### {name}\n")),
                "docs/content.md has no section for `{name}`"
            );
            for option in kind.options() {
                let section = docs
                    .split(&format!("#### {name}\n"))
                    .nth(1)
                    .and_then(|rest| rest.split("\n#### ").next())
                    .unwrap_or_default();
                assert!(
                    section.contains(&format!("{}:", option.name())),
                    "docs/content.md does not show `{}` in the `{name}` section",
                    option.name()
                );
            }
        }
    }

    #[test]
    fn names_are_unique() {
        for (i, a) in BlockName::ALL.iter().enumerate() {
            for b in BlockName::ALL.iter().skip(i + 1) {
                assert_ne!(a.name(), b.name());
            }
        }
    }
}
