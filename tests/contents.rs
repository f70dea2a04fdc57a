//! A long brochure gets a contents list whose entries link to their sections.

// Tests may panic: a panic is a failed assertion.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;

use common::*;
use lopdf::{Document, Object};

/// The default brochure, with `extra` more sections of six paragraphs each.
fn longer(extra: usize) -> tempfile::TempDir {
    let dir = workspace("content");
    let path = dir.path().join("content/brochure.yaml");
    let yaml = fs::read_to_string(&path).expect("brochure");
    let mut sections = String::new();
    for n in 1..=extra {
        sections.push_str(&format!(
            "  - heading: {{fr: Chantier {n}, en: Project {n}, ar: ورش {n}}}\n"
        ));
        for p in 1..=6 {
            sections.push_str(&format!(
                "  - paragraph:\n      fr: >-\n        Le chantier {n} avance par étapes : la {p}e étape réunit les équipes, \
                 les partenaires et les étudiants autour d’un objectif commun, mesuré chaque trimestre \
                 et présenté aux instances de l’université.\n      en: Project {n}, step {p}.\n      \
                 ar: الورش {n}، المرحلة {p}.\n"
            ));
        }
    }
    // Before the contact section, which goes on the back cover.
    let at = yaml
        .find("  - heading:\n      fr: Contact")
        .expect("contact heading");
    let yaml = format!("{}{sections}{}", &yaml[..at], &yaml[at..]);
    fs::write(&path, yaml).expect("write");
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
fn a_long_brochure_lists_its_sections_with_links() {
    let dir = longer(12);
    let output = run(dir.path(), &["build", "--lang", "fr", "--only", "brochure"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = Document::load(dir.path().join("output/brochure-fr.pdf")).expect("parses");
    let pages = doc.get_pages().len();
    assert!(pages > 8, "{pages} pages: long enough for a contents list");
    let contents = normalise(&doc.extract_text(&[2]).expect("text"));
    assert!(contents.contains("Sommaire"), "{contents}");
    let links = internal_links(&doc);
    // Title and page number of every section but the contact (on the back cover) link.
    assert_eq!(links.len(), 2 * (7 + 12), "{links:?}");
    for (from, to) in &links {
        assert_eq!(*from, 1, "the links are on the contents page");
        assert!(*to >= 1 && *to + 1 < pages, "{to}");
    }
    // Each entry's number is the printed number of the page its link goes to: page index + 1.
    let text = doc.extract_text(&[2]).expect("text");
    for (_, to) in links.iter().step_by(2) {
        assert!(
            text.contains(&(to + 1).to_string()),
            "page {} in «{text}»",
            to + 1
        );
    }
    // The target page holds the section's heading: "Chantier 12" is on the last link's page.
    let last = links.last().expect("links").1 as u32 + 1;
    let page = normalise(&doc.extract_text(&[last]).expect("text"));
    assert!(page.contains("Chantier 12"), "{page}");
}

#[test]
fn a_short_brochure_has_no_contents_list() {
    let dir = workspace("content");
    let output = run(dir.path(), &["build", "--lang", "fr", "--only", "brochure"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = Document::load(dir.path().join("output/brochure-fr.pdf")).expect("parses");
    assert!(internal_links(&doc).is_empty());
    assert!(!normalise(&doc.extract_text(&[2]).expect("text")).contains("Sommaire"));
}
