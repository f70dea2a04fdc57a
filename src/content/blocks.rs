//! Validating blocks: one kind per block, options that fit the kind, texts and images checked.

use super::raw::S;

use super::check::Checker;
use super::kinds::{BlockName, present};
use super::model::{Block, BlockKind, Figure, Focus, Inline, KeyFigure, Profile};
use super::raw::{LocalText, RawBlock, RawLogo, RawShort};

/// Headings go from 1 (a section) to 3.
pub const MAX_LEVEL: u8 = 3;

/// A validated block and, where it declares one, its short form for the fact sheet.
pub struct Checked {
    pub block: Block,
    pub short: Option<BlockKind>,
}

impl Checker<'_> {
    pub fn blocks(&mut self, raw: &[S<RawBlock>]) -> Vec<Checked> {
        raw.iter().filter_map(|block| self.block(block)).collect()
    }

    fn block(&mut self, raw: &S<RawBlock>) -> Option<Checked> {
        let (mut kinds, options) = present(&raw.value);
        // In the order written: the second is the one that does not belong.
        kinds.sort_by_key(|(_, place)| *place);
        let kind = match kinds.as_slice() {
            [(kind, _)] => *kind,
            [] => {
                let names: Vec<&str> = BlockName::ALL.iter().map(|k| k.name()).collect();
                self.report(
                    self.error(raw, "this block has no kind")
                        .hint(format!("start the block with one of: {}", names.join(", "))),
                );
                return None;
            }
            [(first, _), (second, (line, column)), ..] => {
                let message = format!(
                    "a block has one kind, but this one has `{}` and `{}`",
                    first.name(),
                    second.name()
                );
                self.report(
                    crate::diag::Diagnostic::error(message)
                        .at(self.source, *line, *column)
                        .hint("start each block on its own line with `- `"),
                );
                return None;
            }
        };
        for (option, (line, column)) in options {
            if !kind.options().contains(&option) {
                self.report(misplaced(self.source, kind, option.name(), line, column));
            }
        }
        let b = &raw.value;
        let kind_value = match kind {
            BlockName::Heading => self.heading(b),
            BlockName::Paragraph => self.paragraph(b),
            BlockName::Timeline => self.timeline(b),
            BlockName::Logos => self.logos(b),
            BlockName::List => self.list(b),
            BlockName::KeyFigures => self.key_figures(b),
            BlockName::Quote => self.quote(b),
            BlockName::Profile => self.profile(b),
            BlockName::Image => self.figure(b),
            BlockName::Contact => self.contact(b),
            BlockName::Columns => self.columns(b),
        };
        let short = self.short(b, kind);
        let id = b.id.as_ref().and_then(|id| self.id(id));
        Some(Checked {
            block: Block {
                id,
                kind: kind_value?,
                origin: self.span(raw),
            },
            short,
        })
    }

    fn paragraph(&mut self, b: &RawBlock) -> Option<BlockKind> {
        let lead = b.lead.as_ref().is_some_and(|l| l.value);
        let text = self.inline(b.paragraph.as_ref()?, "paragraph")?;
        Some(if lead {
            BlockKind::Lead(text)
        } else {
            BlockKind::Paragraph(text)
        })
    }

    fn contact(&mut self, b: &RawBlock) -> Option<BlockKind> {
        let intro = self.inline(b.contact.as_ref()?, "contact introduction")?;
        Some(BlockKind::Contact { intro })
    }

    fn id(&mut self, id: &S<String>) -> Option<String> {
        let text = id.value.trim();
        let valid = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            self.report(
                self.error(id, format!("`{text}` is not a valid id"))
                    .hint("an id uses lowercase letters, digits and hyphens: `who-we-are`"),
            );
            return None;
        }
        Some(text.to_owned())
    }

    fn heading(&mut self, b: &RawBlock) -> Option<BlockKind> {
        let text = self.inline(b.heading.as_ref()?, "heading")?;
        let level = match &b.level {
            Some(level) if !(1..=i64::from(MAX_LEVEL)).contains(&level.value) => {
                self.report(
                    self.error(
                        level,
                        format!("heading level {} does not exist", level.value),
                    )
                    .hint(format!("use a level from 1 (a section) to {MAX_LEVEL}")),
                );
                return None;
            }
            Some(level) => u8::try_from(level.value).unwrap_or(1),
            None => 1,
        };
        Some(BlockKind::Heading { level, text })
    }

    fn items(&mut self, items: &S<Vec<S<LocalText>>>) -> Option<Vec<Inline>> {
        if items.value.is_empty() {
            self.report(self.error(items, "list has no items"));
            return None;
        }
        let parsed: Vec<Option<Inline>> = items
            .value
            .iter()
            .map(|item| self.inline(item, "list item"))
            .collect();
        parsed.into_iter().collect()
    }

    fn list(&mut self, b: &RawBlock) -> Option<BlockKind> {
        let items = self.items(b.list.as_ref()?)?;
        let numbered = b.numbered.as_ref().is_some_and(|n| n.value);
        let icons = match &b.icons {
            Some(icons) => Some(self.icons(icons, items.len())?),
            None => None,
        };
        Some(BlockKind::List {
            items,
            numbered,
            icons,
        })
    }

    /// One known icon per list item.
    fn icons(&mut self, icons: &S<Vec<S<String>>>, items: usize) -> Option<Vec<String>> {
        if icons.value.len() != items {
            self.report(
                self.error(
                    icons,
                    format!("{} icons for {items} list items", icons.value.len()),
                )
                .hint("give one icon per item, in the same order"),
            );
            return None;
        }
        let known: Vec<&str> = crate::icons::names().collect();
        let mut names = Vec::new();
        for icon in &icons.value {
            let name = icon.value.trim();
            if known.contains(&name) {
                names.push(name.to_owned());
                continue;
            }
            let message = match super::read::closest(name, &known) {
                Some(best) => format!("unknown icon `{name}`, did you mean `{best}`?"),
                None => format!("unknown icon `{name}`"),
            };
            self.report(
                self.error(icon, message)
                    .hint(format!("the bundled icons are: {}", known.join(", "))),
            );
        }
        (names.len() == items).then_some(names)
    }

    /// Checks a block holds from `range.start()` to `range.end()` entries of `what`.
    fn count<T>(
        &mut self,
        raw: &S<Vec<T>>,
        range: std::ops::RangeInclusive<usize>,
        block: &str,
        what: &str,
    ) -> Option<()> {
        if range.contains(&raw.value.len()) {
            return Some(());
        }
        let hint = format!("give from {} to {} {what}", range.start(), range.end());
        self.report(
            self.error(raw, format!("{block} has {} entries", raw.value.len()))
                .hint(hint),
        );
        None
    }

    fn logos(&mut self, b: &RawBlock) -> Option<BlockKind> {
        self.logo_list(b.logos.as_ref()?, "logos")
            .map(BlockKind::Logos)
    }

    /// A strip of 1 to 8 logos, each with its image and its name as alt text; `what` names
    /// the list in messages ("logos", "partners").
    pub fn logo_list(&mut self, raw: &S<Vec<S<RawLogo>>>, what: &str) -> Option<Vec<Figure>> {
        self.count(raw, 1..=8, what, "logos, each with its image and alt")?;
        let logos: Vec<Option<Figure>> = raw
            .value
            .iter()
            .map(|logo| {
                let image = self.image(&logo.value.image, "logo");
                let alt = self.name(&logo.value.alt, "logo's name");
                Some(Figure {
                    image: image?,
                    alt: Some(alt?),
                    caption: None,
                    credit: None,
                    bleed: false,
                    focus: Focus::CENTRE,
                })
            })
            .collect();
        logos.into_iter().collect()
    }

    fn timeline(&mut self, b: &RawBlock) -> Option<BlockKind> {
        let raw = b.timeline.as_ref()?;
        if raw.value.is_empty() {
            self.report(self.error(raw, "timeline has no milestones"));
            return None;
        }
        let mut milestones = Vec::new();
        let mut ok = true;
        for m in &raw.value {
            let date = super::model::When::parse(&m.value.date.value);
            if date.is_none() {
                self.report(
                    self.error(
                        &m.value.date,
                        format!(
                            "`{}` is not a date for a milestone",
                            m.value.date.value.trim()
                        ),
                    )
                    .hint("write a month as YYYY-MM (2021-03) or a day as YYYY-MM-DD"),
                );
            }
            let text = self.inline(&m.value.text, "milestone");
            match (date, text) {
                (Some(date), Some(text)) => milestones.push(super::model::Milestone { date, text }),
                _ => ok = false,
            }
        }
        ok.then_some(BlockKind::Timeline(milestones))
    }

    fn key_figures(&mut self, b: &RawBlock) -> Option<BlockKind> {
        let raw = b.key_figures.as_ref()?;
        self.count(raw, 1..=6, "key-figures", "figures")?;
        let figures: Vec<Option<KeyFigure>> = raw
            .value
            .iter()
            .map(|f| {
                let value = self.name(&f.value.value, "figure value");
                let label = self.text(&f.value.label, "figure label");
                Some(KeyFigure {
                    value: value?,
                    label: label?,
                })
            })
            .collect();
        figures
            .into_iter()
            .collect::<Option<_>>()
            .map(BlockKind::KeyFigures)
    }

    fn quote(&mut self, b: &RawBlock) -> Option<BlockKind> {
        let text = self.inline(b.quote.as_ref()?, "quote")?;
        let by = match &b.by {
            Some(by) => Some(self.name(by, "quote's author")?),
            None => None,
        };
        Some(BlockKind::Quote { text, by })
    }

    fn profile(&mut self, b: &RawBlock) -> Option<BlockKind> {
        let p = &b.profile.as_ref()?.value;
        let name = self.name(&p.name, "name");
        let role = self.text(&p.role, "role");
        let bio = self.inline(&p.bio, "biography");
        let photo = match &p.photo {
            Some(photo) => Some(self.image(photo, "photo")?),
            None => None,
        };
        let focus = self.focus(p.focus.as_ref())?;
        Some(BlockKind::Profile(Profile {
            name: name?,
            role: role?,
            bio: bio?,
            photo,
            focus,
        }))
    }

    fn figure(&mut self, b: &RawBlock) -> Option<BlockKind> {
        let path = b.image.as_ref()?;
        let image = self.image(path, "image");
        let decorative = b.decorative.as_ref().is_some_and(|d| d.value);
        let alt = match (&b.alt, decorative) {
            (Some(alt), _) => Some(self.text(alt, "alternative text")?),
            (None, true) => None,
            (None, false) => {
                self.report(self.error(path, "image has no alternative text").hint(
                    "add `alt:` describing the image for screen readers, or `decorative: true`",
                ));
                return None;
            }
        };
        let caption = match &b.caption {
            Some(caption) => Some(self.inline(caption, "caption")?),
            None => None,
        };
        let credit = match &b.credit {
            Some(credit) => Some(self.name(credit, "credit")?),
            None => None,
        };
        let bleed = match &b.size {
            Some(size) => self.choice(
                Some(size),
                &[("column", false), ("bleed", true)],
                "image size",
            )?,
            None => false,
        };
        let focus = self.focus(b.focus.as_ref())?;
        Some(BlockKind::Image(Figure {
            image: image?,
            alt,
            caption,
            credit,
            bleed,
            focus,
        }))
    }

    fn columns(&mut self, b: &RawBlock) -> Option<BlockKind> {
        let raw = b.columns.as_ref()?;
        if !(2..=3).contains(&raw.value.len()) {
            self.report(
                self.error(raw, format!("columns has {} columns", raw.value.len()))
                    .hint("give 2 or 3 columns, each a list of blocks"),
            );
            return None;
        }
        let mut columns = Vec::new();
        let mut empty = false;
        for (n, column) in raw.value.iter().enumerate() {
            if column.value.is_empty() {
                self.report(
                    self.error(column, format!("column {} of the columns is empty", n + 1))
                        .hint("give each column a list of blocks, or use fewer columns"),
                );
                empty = true;
                continue;
            }
            let blocks = self.blocks(&column.value);
            if blocks
                .iter()
                .any(|c| matches!(c.block.kind, BlockKind::Columns(_)))
            {
                self.report(self.error(column, "columns cannot hold columns"));
                return None;
            }
            columns.push(blocks.into_iter().map(|c| c.block).collect());
        }
        (!empty).then_some(BlockKind::Columns(columns))
    }

    /// The short form a block declares for the fact sheet.
    fn short(&mut self, b: &RawBlock, kind: BlockName) -> Option<BlockKind> {
        if kind == BlockName::Profile {
            let p = &b.profile.as_ref()?.value;
            let bio = self.inline(p.short.as_ref()?, "short biography")?;
            let name = self.name(&p.name, "name")?;
            let role = self.text(&p.role, "role")?;
            return Some(BlockKind::Profile(Profile {
                name,
                role,
                bio,
                photo: None,
                focus: Focus::CENTRE,
            }));
        }
        let short = b.short.as_ref()?;
        match (&short.value, kind) {
            (RawShort::Text(text), BlockName::Paragraph | BlockName::Quote) => {
                let spanned = respan(short, text.clone());
                let text = self.inline(&spanned, "short form")?;
                Some(if kind == BlockName::Paragraph {
                    BlockKind::Paragraph(text)
                } else {
                    BlockKind::Quote { text, by: None }
                })
            }
            (RawShort::Items(items), BlockName::List) => {
                let numbered = b.numbered.as_ref().is_some_and(|n| n.value);
                let spanned = respan(
                    short,
                    items.iter().map(|i| respan(short, i.clone())).collect(),
                );
                let items = self.items(&spanned)?;
                // The short form keeps the icons of the full list when it has as many items.
                let icons = match (&b.icons, kind) {
                    (Some(icons), _) if icons.value.len() == items.len() => Some(
                        icons
                            .value
                            .iter()
                            .map(|i| i.value.trim().to_owned())
                            .collect(),
                    ),
                    _ => None,
                };
                Some(BlockKind::List {
                    items,
                    numbered,
                    icons,
                })
            }
            (RawShort::Text(_), _) => {
                self.report(self.error(short, "the short form of a list is a list of items"));
                None
            }
            (RawShort::Items(_), _) => {
                let kind = kind.name();
                self.report(self.error(short, format!("the short form of a {kind} is a text")));
                None
            }
        }
    }
}

/// A value placed where `like` is (used for values read without their own place).
fn respan<T, U>(like: &S<T>, value: U) -> S<U> {
    S(serde_saphyr::Spanned {
        value,
        referenced: like.referenced,
        defined: like.defined,
    })
}

/// An option given to a kind of block that does not take it.
fn misplaced(
    source: &crate::diag::Source,
    kind: BlockName,
    option: &str,
    line: usize,
    column: usize,
) -> crate::diag::Diagnostic {
    let name = kind.name();
    let takes: Vec<&str> = kind.options().iter().map(|o| o.name()).collect();
    let hint = if takes.is_empty() {
        format!("a {name} block takes only `id`")
    } else {
        format!("a {name} block takes: id, {}", takes.join(", "))
    };
    crate::diag::Diagnostic::error(format!("`{option}` does not apply to a {name} block"))
        .at(source, line, column)
        .hint(hint)
}
