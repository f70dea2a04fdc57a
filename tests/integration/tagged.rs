//! The structure tree of every output, read back from the PDF: all content is tagged once,
//! headings and figures carry their titles and alt texts, and the tree reads in the order of
//! the content, whatever the columns do.

// Tests may panic: a panic is a failed assertion.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::common::*;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use plaquette::content::{self, BlockKind};

/// A structure element as read back.
#[derive(Debug)]
struct Element {
    kind: String,
    depth: usize,
    title: Option<String>,
    alt: Option<String>,
}

/// What a tagged PDF holds: its elements in tree order, the marked content each refers to
/// (in tree order), and the text of every marked content on every page.
struct Tagged {
    elements: Vec<Element>,
    order: Vec<(ObjectId, i64)>,
    text: HashMap<(ObjectId, i64), String>,
    /// Text drawn outside any marked content (neither tagged nor an artifact).
    untagged: Vec<String>,
}

fn text_string(object: &Object) -> Option<String> {
    lopdf::decode_text_string(object).ok()
}

fn read(path: &Path) -> Tagged {
    let doc = Document::load(path).expect("the PDF parses");
    let catalog = doc.catalog().expect("catalog");
    let root = catalog
        .get(b"StructTreeRoot")
        .and_then(Object::as_reference)
        .expect("a structure tree");
    let mut tagged = Tagged {
        elements: Vec::new(),
        order: Vec::new(),
        text: HashMap::new(),
        untagged: Vec::new(),
    };
    let root = doc.get_dictionary(root).expect("root");
    walk(&doc, root, None, 0, &mut tagged);
    for (_, page) in doc.get_pages() {
        marked_text(&doc, page, &mut tagged);
    }
    tagged
}

fn walk(
    doc: &Document,
    element: &Dictionary,
    page: Option<ObjectId>,
    depth: usize,
    t: &mut Tagged,
) {
    let page = element
        .get(b"Pg")
        .and_then(Object::as_reference)
        .ok()
        .or(page);
    if let Ok(kind) = element.get(b"S").and_then(Object::as_name) {
        t.elements.push(Element {
            kind: String::from_utf8_lossy(kind).into_owned(),
            depth,
            title: element.get(b"T").ok().and_then(text_string),
            alt: element.get(b"Alt").ok().and_then(text_string),
        });
    }
    let kids = match element.get(b"K") {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(kid) => vec![kid.clone()],
        Err(_) => Vec::new(),
    };
    for kid in kids {
        match kid {
            Object::Integer(mcid) => t.order.push((page.expect("a page for content"), mcid)),
            Object::Reference(id) => {
                let dict = doc.get_dictionary(id).expect("element");
                walk(doc, dict, page, depth + 1, t);
            }
            Object::Dictionary(dict) => {
                // A marked-content reference, or an annotation's.
                if let Ok(mcid) = dict.get(b"MCID").and_then(Object::as_i64) {
                    let pg = dict.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                    t.order.push((pg.expect("a page"), mcid));
                }
            }
            _ => {}
        }
    }
}

/// The text of each marked content of `page`, by MCID.
fn marked_text(doc: &Document, page: ObjectId, t: &mut Tagged) {
    let fonts = doc.get_page_fonts(page).expect("fonts");
    let encodings: BTreeMap<Vec<u8>, lopdf::Encoding> = fonts
        .into_iter()
        .filter_map(|(name, font)| Some((name, font.get_font_encoding(doc).ok()?)))
        .collect();
    let content = Content::decode(&doc.get_page_content(page)).expect("ops");
    // Open marked contents: Some(mcid) for tagged content, None for artifacts and others.
    let mut open: Vec<Option<i64>> = Vec::new();
    let mut encoding = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => {
                let props = op.operands.get(1);
                let mcid = match props {
                    Some(Object::Dictionary(d)) => d.get(b"MCID").and_then(Object::as_i64).ok(),
                    Some(Object::Name(name)) => doc
                        .get_page_resources(page)
                        .ok()
                        .and_then(|(dict, _)| dict.cloned())
                        .and_then(|r| {
                            let props = r.get(b"Properties").ok()?.clone();
                            let props = match props {
                                Object::Reference(id) => doc.get_dictionary(id).ok()?.clone(),
                                Object::Dictionary(d) => d,
                                _ => return None,
                            };
                            let entry = props.get(name).ok()?;
                            let dict = match entry {
                                Object::Reference(id) => doc.get_dictionary(*id).ok()?,
                                Object::Dictionary(d) => d,
                                _ => return None,
                            };
                            dict.get(b"MCID").and_then(Object::as_i64).ok()
                        }),
                    _ => None,
                };
                open.push(mcid);
            }
            "BMC" => open.push(None),
            "EMC" => {
                open.pop();
            }
            "Tf" => {
                encoding = op
                    .operands
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| encodings.get(n));
            }
            "TJ" | "Tj" => {
                let mut text = String::new();
                for operand in &op.operands {
                    let strings: Vec<&Object> = match operand {
                        Object::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    for s in strings {
                        if let (Object::String(bytes, _), Some(enc)) = (s, encoding) {
                            text.push_str(&Document::decode_text(enc, bytes).unwrap_or_default());
                        }
                    }
                }
                match open.iter().rev().find_map(|m| *m) {
                    Some(mcid) => {
                        let entry = t.text.entry((page, mcid)).or_default();
                        entry.push_str(&text);
                    }
                    None if open.is_empty() => t.untagged.push(text),
                    // Inside an artifact.
                    None => {}
                }
            }
            _ => {}
        }
    }
}

fn build(langs: &str) -> tempfile::TempDir {
    let dir = workspace("content");
    let output = run(dir.path(), &["build", "--lang", langs]);
    assert!(output.status.success(), "{}", stderr(&output));
    dir
}

fn headings(blocks: &[content::Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { text, .. } => Some(text.text()),
            _ => None,
        })
        .collect()
}

fn load(dir: &Path, lang: content::Lang) -> content::Content {
    content::load_with(
        &dir.join("content"),
        &content::Options {
            langs: Some(vec![lang]),
            fallback: None,
        },
    )
    .expect("valid")
    .editions
    .remove(0)
}

#[test]
fn every_output_is_tagged_completely_and_once() {
    let dir = build("fr,en,ar");
    for name in [
        "brochure-fr",
        "factsheet-fr",
        "brochure-en",
        "factsheet-en",
        "brochure-ar",
        "factsheet-ar",
    ] {
        assert_tagged(name, &dir.path().join(format!("output/{name}.pdf")));
    }
}

#[test]
fn event_editions_are_tagged_and_name_their_partners() {
    let dir = workspace("content");
    let output = run(dir.path(), &["build", "--all-events"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let folder = dir.path().join("output/events/journees-ia-2027");
    for (doc, lang, partner) in [
        ("handout", "fr", "Partenaire d’exemple A"),
        ("brochure", "fr", "Partenaire d’exemple B"),
        ("handout", "en", "Sample partner C"),
        ("handout", "ar", "شريك تجريبي أ"),
    ] {
        let name = format!("{doc}-{lang}");
        let tagged = assert_tagged(&name, &folder.join(format!("{name}.pdf")));
        let alts: Vec<&str> = tagged
            .elements
            .iter()
            .filter(|e| e.kind == "Figure")
            .filter_map(|e| e.alt.as_deref())
            .collect();
        assert!(alts.contains(&partner), "{name}: {partner} in {alts:?}");
    }
}

/// Checks the structure tree of the PDF at `path`, named `name` in failures, and returns it.
fn assert_tagged(name: &str, path: &Path) -> Tagged {
    let tagged = read(path);
    assert!(
        tagged.untagged.is_empty(),
        "{name}: untagged text {:?}",
        tagged.untagged
    );
    // Every marked content is in the tree exactly once, and the tree refers to nothing else.
    let mut referenced = tagged.order.clone();
    referenced.sort();
    let before = referenced.len();
    referenced.dedup();
    assert_eq!(before, referenced.len(), "{name}: content referenced twice");
    let mut drawn: Vec<(ObjectId, i64)> = tagged.text.keys().copied().collect();
    drawn.sort();
    let images: Vec<_> = referenced
        .iter()
        .filter(|k| !tagged.text.contains_key(k))
        .collect();
    assert!(
        drawn.iter().all(|k| referenced.contains(k)),
        "{name}: text outside the tree"
    );
    // What is referenced but holds no text is graphics: as many as the figures' contents.
    let figures = tagged
        .elements
        .iter()
        .filter(|e| e.kind == "Figure")
        .count();
    assert!(images.len() >= figures, "{name}: figures without content");
    // One H1, first; headings have titles, figures alt texts.
    let h1: Vec<&Element> = tagged.elements.iter().filter(|e| e.kind == "H1").collect();
    assert_eq!(h1.len(), 1, "{name}: one H1");
    let first_heading = tagged.elements.iter().find(|e| e.kind.starts_with('H'));
    assert_eq!(first_heading.map(|e| e.kind.as_str()), Some("H1"), "{name}");
    for e in &tagged.elements {
        if e.kind.starts_with('H') && e.kind.len() == 2 {
            assert!(
                e.title.as_deref().is_some_and(|t| !t.is_empty()),
                "{name}: {e:?}"
            );
        }
        if e.kind == "Figure" {
            assert!(
                e.alt.as_deref().is_some_and(|t| !t.is_empty()),
                "{name}: {e:?}"
            );
        }
    }
    // Lists hold items, items a body.
    let kinds: Vec<&str> = tagged.elements.iter().map(|e| e.kind.as_str()).collect();
    for (i, e) in tagged.elements.iter().enumerate() {
        if e.kind == "L" {
            assert_eq!(
                kinds.get(i + 1),
                Some(&"LI"),
                "{name}: a list starts with an item"
            );
        }
        if e.kind == "LI" {
            let children: Vec<&str> = tagged.elements[i + 1..]
                .iter()
                .take_while(|c| c.depth > e.depth)
                .filter(|c| c.depth == e.depth + 1)
                .map(|c| c.kind.as_str())
                .collect();
            assert!(children.ends_with(&["LBody"]), "{name}: {children:?}");
        }
    }
    tagged
}

#[test]
fn the_tree_reads_in_the_order_of_the_content() {
    let dir = build("fr,en,ar");
    for lang in [
        content::Lang::parse("fr").expect("a bundled locale"),
        content::Lang::parse("en").expect("a bundled locale"),
        content::Lang::parse("ar").expect("a bundled locale"),
    ] {
        let content = load(dir.path(), lang);
        let code = lang.code();
        let tagged = read(&dir.path().join(format!("output/brochure-{code}.pdf")));
        // Section headings, in the content's order, the contact on the back cover last.
        let titles: Vec<String> = tagged
            .elements
            .iter()
            .filter(|e| e.kind.starts_with('H') && e.kind != "H1")
            .filter_map(|e| e.title.clone())
            .collect();
        let mut wanted = headings(&content.brochure.blocks);
        let contact = content
            .brochure
            .blocks
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Contact { .. }))
            .and_then(|i| i.checked_sub(1));
        if let Some(i) = contact {
            let heading = headings(&content.brochure.blocks[i..=i]);
            wanted.retain(|h| !heading.contains(h));
            wanted.extend(heading);
        }
        assert_eq!(titles, wanted, "brochure-{code}");
        if lang.rtl() {
            // Arabic glyphs are drawn in visual order; their text is checked by pdftotext in
            // .ci/run. The headings above come from the logical text.
            continue;
        }
        // The text in tree order holds every sentence, each after the one before it.
        let text: String = tagged
            .order
            .iter()
            .filter_map(|k| tagged.text.get(k))
            .map(|t| format!("{t} "))
            .collect();
        let text = normalise(&text);
        let mut from = 0;
        for sentence in sentences(&content.brochure.blocks) {
            let wanted = normalise(&sentence);
            let Some(at) = text[from..].find(&wanted) else {
                panic!(
                    "brochure-{code}: «{sentence}» missing or out of order\n{}",
                    &text[from..]
                );
            };
            from += at + wanted.len();
        }
    }
}

#[test]
fn a_figure_without_alt_text_fails_the_build_naming_it() {
    use plaquette::compose::{self, Kind, Role};
    use plaquette::layout::frame::Item;
    let content = content::load(&repo().join("content")).expect("valid");
    let book = plaquette::fonts::FontBook::bundled().expect("fonts");
    let composed = compose::compose(&content, Kind::Brochure);
    let mut laid = plaquette::layout::layout(&composed, &book, None).expect("laid out");
    // Content cannot say this (an image needs alt text or `decorative: true`); frames can.
    for item in &mut laid.pages[0].items {
        if let Item::Image(image) = item {
            image.role = Role::Figure { alt: None };
        }
    }
    let sheets = plaquette::layout::impose::single(&laid.pages);
    let options = plaquette::render::Options {
        created: chrono::DateTime::from_timestamp(1_700_000_000, 0).expect("date"),
        document_id: "test".into(),
        accessible: true,
        print: false,
        resolution: plaquette::render::Resolution::SCREEN,
    };
    let error = plaquette::render::render(&laid.pages, &sheets, &composed.meta, &book, &options)
        .expect_err("no alt text");
    assert_eq!(
        error.to_string(),
        "the PDF does not meet PDF/A-2a and PDF/UA-1:\n  \
         - a figure has no alt text (image images/logo-placeholder.svg on page 1)"
    );
}
