//! The structure tree of a tagged PDF: what each piece of content is (heading, paragraph,
//! list item, figure, link), in reading order, for screen readers and reflow.
//!
//! Drawing records a [`Leaf`] for every piece of content; [`tree`] groups the leaves by the
//! block they belong to (blocks are numbered in reading order by layout, whatever the columns
//! and pages did with them) and builds the tree from their roles: a run of list items is a
//! list, a label before an item is its label, quotes make one block quote, and a heading opens
//! a section that runs to the next heading of its level or above.

use std::collections::BTreeMap;
use std::num::{NonZeroU16, NonZeroU64};

use krilla::surface::Location;
use krilla::tagging::{Identifier, ListNumbering, Node, Tag, TagGroup, TagTree};

use crate::compose::Role;

/// A piece of drawn content: a text run or an image.
pub struct Leaf {
    pub block: usize,
    /// The page it is on: a booklet draws pages out of order.
    pub page: usize,
    /// Its baseline on the page, to tell where a line ends.
    pub y: f32,
    pub role: Role,
    pub id: Identifier,
    /// The text shown, empty for an image.
    pub text: String,
    /// The link annotation over this run, if it is linked.
    pub link: Option<Identifier>,
    /// Where validation errors about this leaf point.
    pub location: Location,
}

/// One block's part of the tree, before grouping.
enum Element {
    Title(String, Vec<Node>),
    Heading(u8, String, Vec<Node>),
    Para(Vec<Node>),
    Caption(Vec<Node>),
    Quote(Vec<Node>),
    /// A label without its item yet (a date before its text).
    Label(Vec<Node>),
    Item {
        label: Vec<Node>,
        body: Vec<Node>,
        numbered: bool,
    },
    Figure(Option<String>, Vec<Node>, Location),
    /// An entry of the contents list.
    Entry(Vec<Node>),
}

/// The tree of the whole document, in the document's language.
pub fn tree(leaves: Vec<Leaf>, lang: &str) -> TagTree {
    let mut blocks: BTreeMap<usize, Vec<Leaf>> = BTreeMap::new();
    for leaf in leaves {
        blocks.entry(leaf.block).or_default().push(leaf);
    }
    for leaves in blocks.values_mut() {
        leaves.sort_by_key(|l| l.page);
    }
    let elements = blocks.into_values().filter_map(element);
    let mut tree = TagTree::new();
    tree.lang = Some(lang.to_owned());
    for node in group(elements) {
        tree.push(node);
    }
    tree
}

/// A block's leaves as one element, after the role of its content (a list item's label
/// shares the item's block).
fn element(leaves: Vec<Leaf>) -> Option<Element> {
    let first = leaves.first()?;
    let location = first.location;
    let role = leaves
        .iter()
        .map(|l| &l.role)
        .find(|r| **r != Role::Label)
        .unwrap_or(&first.role)
        .clone();
    let text = title(&leaves);
    let numbered = leaves
        .iter()
        .any(|l| l.role == Role::Label && l.text.chars().any(|c| c.is_numeric()));
    let (labels, body): (Vec<Leaf>, Vec<Leaf>) = leaves
        .into_iter()
        .partition(|l| l.role == Role::Label && role != Role::Label);
    let nodes = |leaves: Vec<Leaf>| leaves.into_iter().map(node).collect::<Vec<_>>();
    Some(match role {
        Role::Title => Element::Title(text, nodes(body)),
        Role::Heading(level) => Element::Heading(level, text, nodes(body)),
        Role::Paragraph => Element::Para(nodes(body)),
        Role::Caption => Element::Caption(nodes(body)),
        Role::Quote => Element::Quote(nodes(body)),
        Role::Label => Element::Label(nodes(body)),
        Role::ListItem => Element::Item {
            label: nodes(labels),
            body: nodes(body),
            numbered,
        },
        Role::Figure { alt } => Element::Figure(alt, nodes(body), location),
        Role::Contents => Element::Entry(nodes(body)),
        Role::Artifact | Role::Footer => return None,
    })
}

/// A leaf as a node: its content, inside a link with its annotation if it is linked.
fn node(leaf: Leaf) -> Node {
    match leaf.link {
        Some(annotation) => TagGroup::with_children(
            Tag::Link.with_location(Some(leaf.location)),
            vec![annotation.into(), leaf.id.into()],
        )
        .into(),
        None => leaf.id.into(),
    }
}

/// A block's text as one line.
fn title(leaves: &[Leaf]) -> String {
    let mut last = None;
    join_lines(leaves.iter().map(|leaf| {
        let here = (leaf.page, leaf.y);
        let new_line = last.is_some_and(|l| l != here);
        last = Some(here);
        (leaf.text.as_str(), new_line)
    }))
}

/// Runs of text as one line: runs of a line follow each other as they are; a new line adds a
/// space, except after a hyphen, and a word broken by an added (soft) hyphen joins up.
pub fn join_lines<'a>(runs: impl IntoIterator<Item = (&'a str, bool)>) -> String {
    let mut text = String::new();
    for (run, new_line) in runs {
        if new_line {
            if let Some(stem) = text.strip_suffix('\u{ad}') {
                text.truncate(stem.len());
            } else if let Some(stem) = text.strip_suffix('\u{2010}') {
                // A hyphen of the text at a line's end, written as U+2010 for extractors
                // (layout's `keep_hard_hyphen`): joined, it is the text's own again.
                text.truncate(stem.len());
                text.push('-');
            } else if !text.ends_with('-') {
                text.push(' ');
            }
        }
        text.push_str(run);
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Open sections, innermost last, each with the level of its heading.
struct Sections {
    root: Vec<Node>,
    open: Vec<(u8, TagGroup)>,
}

impl Sections {
    fn push(&mut self, node: Node) {
        match self.open.last_mut() {
            Some((_, section)) => section.push(node),
            None => self.root.push(node),
        }
    }

    /// Closes the sections at `level` and deeper.
    fn close(&mut self, level: u8) {
        while self.open.last().is_some_and(|(l, _)| *l >= level) {
            if let Some((_, done)) = self.open.pop() {
                self.push(done.into());
            }
        }
    }
}

/// Groups elements: runs of items into lists, runs of quotes into a block quote, labels into
/// the item after them, headings into sections.
fn group(elements: impl Iterator<Item = Element>) -> Vec<Node> {
    let mut out = Sections {
        root: Vec::new(),
        open: Vec::new(),
    };
    let mut list: Option<List> = None;
    let mut toc: Option<TagGroup> = None;
    let mut quote: Option<TagGroup> = None;
    let mut label: Option<Vec<Node>> = None;
    let mut seen_title = false;
    for element in elements {
        let is_item = matches!(element, Element::Item { .. } | Element::Label(_));
        if !is_item && let Some(done) = list.take() {
            out.push(done.finish());
        }
        if !matches!(element, Element::Quote(_))
            && let Some(done) = quote.take()
        {
            out.push(done.into());
        }
        if !matches!(element, Element::Entry(_))
            && let Some(done) = toc.take()
        {
            out.push(done.into());
        }
        if !is_item && let Some(orphan) = label.take() {
            out.push(TagGroup::with_children(Tag::P, orphan).into());
        }
        match element {
            Element::Title(text, nodes) if !seen_title => {
                seen_title = true;
                out.push(heading(1, text, nodes));
            }
            Element::Title(_, nodes) | Element::Para(nodes) => {
                out.push(TagGroup::with_children(Tag::P, nodes).into());
            }
            Element::Heading(level, text, nodes) => {
                // The document's title is the only H1; section headings start at H2.
                let level = level.saturating_add(1).clamp(2, 6);
                out.close(level);
                let mut section = TagGroup::new(Tag::Section);
                section.push(heading(level, text, nodes));
                out.open.push((level, section));
            }
            Element::Entry(nodes) => {
                toc.get_or_insert_with(|| TagGroup::new(Tag::TOC))
                    .push(TagGroup::with_children(
                        Tag::TOCI,
                        vec![TagGroup::with_children(Tag::P, nodes).into()],
                    ))
            }
            Element::Caption(nodes) => {
                out.push(TagGroup::with_children(Tag::Caption, nodes).into());
            }
            Element::Quote(nodes) => quote
                .get_or_insert_with(|| TagGroup::new(Tag::BlockQuote))
                .push(TagGroup::with_children(Tag::P, nodes)),
            Element::Label(nodes) => {
                if let Some(orphan) = label.replace(nodes) {
                    out.push(TagGroup::with_children(Tag::P, orphan).into());
                }
            }
            Element::Item {
                label: own,
                body,
                numbered,
            } => {
                let own = match label.take() {
                    Some(mut before) => {
                        before.extend(own);
                        before
                    }
                    None => own,
                };
                let list = list.get_or_insert_with(List::default);
                list.labelled |= !own.is_empty();
                list.numbered |= numbered;
                let mut item = TagGroup::new(Tag::LI);
                if !own.is_empty() {
                    item.push(TagGroup::with_children(Tag::Lbl, own));
                }
                item.push(TagGroup::with_children(
                    Tag::LBody,
                    vec![TagGroup::with_children(Tag::P, body).into()],
                ));
                list.items.push(item.into());
            }
            Element::Figure(alt, nodes, location) => {
                let tag = Tag::Figure(alt).with_location(Some(location));
                out.push(TagGroup::with_children(tag, nodes).into());
            }
        }
    }
    if let Some(done) = list.take() {
        out.push(done.finish());
    }
    if let Some(done) = quote.take() {
        out.push(done.into());
    }
    if let Some(done) = toc.take() {
        out.push(done.into());
    }
    if let Some(orphan) = label.take() {
        out.push(TagGroup::with_children(Tag::P, orphan).into());
    }
    out.close(0);
    out.root
}

/// A list being gathered: its items, and what its labels are like.
#[derive(Default)]
struct List {
    items: Vec<Node>,
    labelled: bool,
    numbered: bool,
}

impl List {
    fn finish(self) -> Node {
        let numbering = match (self.numbered, self.labelled) {
            (true, _) => ListNumbering::Decimal,
            (false, true) => ListNumbering::Disc,
            // Icon lists: the icons are decoration.
            (false, false) => ListNumbering::None,
        };
        TagGroup::with_children(Tag::L(numbering), self.items).into()
    }
}

fn heading(level: u8, text: String, nodes: Vec<Node>) -> Node {
    let level = NonZeroU16::new(u16::from(level)).unwrap_or(NonZeroU16::MIN);
    TagGroup::with_children(Tag::Hn(level, Some(text)), nodes).into()
}

/// A location for krilla's messages: the index of a place in the document's list of places.
pub fn location(index: usize) -> Location {
    NonZeroU64::new(index as u64 + 1).unwrap_or(NonZeroU64::MIN)
}
