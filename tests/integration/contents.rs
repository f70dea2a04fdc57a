//! A long brochure gets a contents list whose entries link to their sections, each with the
//! printed number of its section's page; a short one has none.

// Tests may panic: a panic is a failed assertion.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::HashMap;
use std::fs;

use crate::common::*;
use lopdf::{Document, Object};
use plaquette::compose::{self, Kind, Role};
use plaquette::content;
use plaquette::fonts::FontBook;
use plaquette::layout::{self, frame::Item};

const NAMES: [&str; 14] = [
    "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett",
    "Kilo", "Lima", "Mike", "November",
];

/// The minimal content with `sections` sections of `paragraphs` paragraphs each.
fn brochure(sections: usize, paragraphs: usize) -> tempfile::TempDir {
    let dir = workspace("tests/fixtures/minimal");
    let mut yaml = String::from("title: T\nsubject: S\nlanguages: [en]\nblocks:\n");
    for (n, name) in NAMES.iter().take(sections).enumerate() {
        let id = if n == 0 { "\n    id: about" } else { "" };
        yaml.push_str(&format!("  - heading: Section {name}{id}\n"));
        for p in 0..paragraphs {
            yaml.push_str(&format!(
                "  - paragraph: Step {p} of section {name} brings the teams, the partners and the students together around one aim, measured every quarter and reported to the university's boards.\n"
            ));
        }
    }
    fs::write(dir.path().join("content/brochure.yaml"), yaml).expect("write");
    dir
}

/// The page index each internal link of `doc` goes to, with the link's page index.
fn internal_links(doc: &Document) -> Vec<(usize, usize)> {
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let mut links = Vec::new();
    for (from, page) in pages.iter().enumerate() {
        let annots = doc.get_page_annotations(*page).expect("annotations");
        for annot in annots {
            let Ok(dest) = annot.get(b"Dest") else {
                continue;
            };
            let dest = match dest {
                Object::Reference(id) => doc.get_object(*id).expect("destination"),
                other => other,
            };
            let dest = dest.as_array().expect("an explicit destination");
            let target = dest
                .first()
                .and_then(|d| d.as_reference().ok())
                .expect("page ref");
            let to = pages.iter().position(|p| *p == target).expect("a page");
            links.push((from, to));
        }
    }
    links
}

#[test]
fn every_entry_links_to_its_section_and_prints_its_page() {
    let dir = brochure(11, 9);
    let content = content::load(&dir.path().join("content")).expect("valid");
    let composed = compose::compose(&content, Kind::Brochure);
    let laid = layout::layout(&composed, &FontBook::bundled().unwrap(), None).unwrap();
    // Where each section starts (its anchor), and what its entry says.
    let mut anchors: HashMap<String, (usize, String)> = HashMap::new();
    let mut numbers: HashMap<String, String> = HashMap::new();
    let mut titles: HashMap<String, String> = HashMap::new();
    for page in &laid.pages {
        for item in &page.items {
            match item {
                Item::Anchor(anchor) => {
                    let number = page.number.expect("an inside page");
                    anchors.insert(format!("#{}", anchor.name), (number, String::new()));
                }
                Item::Text(run) if run.role == Role::Contents => {
                    // The entry's runs are linked; the number is the run of digits.
                    let Some(Item::Link(link)) = page
                        .items
                        .iter()
                        .skip_while(|i| !std::ptr::eq(*i, item))
                        .nth(1)
                    else {
                        continue;
                    };
                    if run.text.chars().all(|c| c.is_ascii_digit()) {
                        numbers.insert(link.target.clone(), run.text.clone());
                    } else {
                        titles
                            .entry(link.target.clone())
                            .or_default()
                            .push_str(&run.text);
                    }
                }
                _ => {}
            }
        }
    }
    assert_eq!(numbers.len(), 11, "an entry per section: {numbers:?}");
    for (target, number) in &numbers {
        let (page, _) = &anchors[target];
        assert_eq!(
            number,
            &page.to_string(),
            "{target}: the entry says page {number}"
        );
        let title = &titles[target];
        // The anchored page holds the heading the entry names.
        let on_page: String = laid
            .pages
            .iter()
            .find(|p| p.number == Some(*page))
            .unwrap()
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(run) if matches!(run.role, Role::Heading(_)) => Some(run.text.clone()),
                _ => None,
            })
            .collect();
        assert!(on_page.contains(title.trim()), "{title} not on page {page}");
    }
    // The PDF's links go from the contents page to the sections' pages.
    let output = run(dir.path(), &["build", "--only", "brochure"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = Document::load(dir.path().join("output/brochure-en.pdf")).expect("parses");
    let links = internal_links(&doc);
    assert_eq!(
        links.len(),
        2 * 11,
        "title and number of each entry link: {links:?}"
    );
    let pages = doc.get_pages().len();
    for (from, to) in &links {
        assert_eq!(*from, 1, "the links are on the contents page");
        assert!(*to >= 1 && *to + 1 < pages, "{to}");
    }
}

#[test]
fn a_short_brochure_has_no_contents_list() {
    let dir = brochure(3, 2);
    let output = run(dir.path(), &["build", "--only", "brochure"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = Document::load(dir.path().join("output/brochure-en.pdf")).expect("parses");
    assert!(internal_links(&doc).is_empty());
    assert!(!normalise(&doc.extract_text(&[2]).expect("text")).contains("Contents"));
}
