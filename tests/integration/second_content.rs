//! The second content (`tests/fixtures/northshore`): another centre, deliberately unlike the
//! default (American English and French, US Letter, serif headings over sans text, sixty
//! blocks of every kind, photos, partners' logos, a long programme), given the checks the
//! default content gets, through the real binary and on the frames.

// Tests may panic: a panic is a failed assertion.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use crate::common::frames::{empty_below, is_notes, outside_margins, overlaps};
use crate::common::*;
use plaquette::compose::{Kind, What};
use plaquette::content;
use plaquette::layout;

const FIXTURE: &str = "tests/fixtures/northshore";

/// Text to search, without the characters of the symbol faces: lopdf's extractor skips them
/// (poppler reads them, and `.ci/run` checks it does).
fn searchable(text: &str) -> String {
    normalise(&text.replace(['−', '≈', '≤', '≥', '→', '≠', '±', '×'], ""))
}

/// A document's text with its running footers (and their page numbers) and its figures'
/// captions taken out: an image that floated to the top of a page, like the footer, sits
/// between the two halves of a paragraph running across the page in the content's order.
fn body_text(pdf: &std::path::Path, footer: &str, captions: &[String]) -> String {
    let mut text = searchable(&pdf_text(pdf));
    for caption in captions
        .iter()
        .map(|c| searchable(c))
        .filter(|c| !c.is_empty())
    {
        text = text.replace(&caption, " ");
    }
    let footer = searchable(footer);
    while let Some(at) = text.find(&footer) {
        let before = text[..at].trim_end();
        let start = before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let after = &text[at + footer.len()..];
        let digits = after.trim_start().len()
            - after
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        let end = text.len() - after.trim_start().len() + digits;
        text.replace_range(start.min(at)..end.max(at + footer.len()), " ");
    }
    normalise(&text)
}

fn editions() -> Vec<content::Content> {
    content::load_with(&repo().join(FIXTURE), &content::Options::default())
        .expect("the second content is valid")
        .editions
}

/// The captions of a document's figures, credit included, as set.
fn captions(blocks: &[content::Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match &b.kind {
            content::BlockKind::Image(figure) => {
                let mut caption = figure
                    .caption
                    .as_ref()
                    .map(|c| c.text())
                    .unwrap_or_default();
                if let Some(credit) = &figure.credit {
                    caption.push_str(&format!(" © {credit}"));
                }
                Some(caption)
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_document_builds_and_says_everything() {
    let dir = workspace(FIXTURE);
    let output = run(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let events = run(dir.path(), &["build", "--all-events"]);
    assert!(events.status.success(), "{}", stderr(&events));
    let out = dir.path().join("output");
    let editions = editions();
    assert_eq!(editions.len(), 2);
    for content in &editions {
        let lang = content.brochure.lang.code();
        let brochure = out.join(format!("brochure-{lang}.pdf"));
        let pages = page_count(&brochure);
        assert!(
            pages >= 8 && pages.is_multiple_of(2),
            "{lang}: {pages} pages"
        );
        assert_eq!(page_count(&out.join(format!("factsheet-{lang}.pdf"))), 1);
        let footer = format!(
            "{} · {}",
            content.centre.short_name,
            content.centre.website.display()
        );
        let text = body_text(&brochure, &footer, &captions(&content.brochure.blocks));
        // The captions themselves, read where they are.
        let whole = body_text(&brochure, &footer, &[]);
        for sentence in sentences(&content.brochure.blocks) {
            let sentence_text = searchable(&sentence);
            assert!(
                text.contains(&sentence_text) || whole.contains(&sentence_text),
                "{lang}: «{sentence}» is missing from the brochure"
            );
        }
        let sheet = searchable(&pdf_text(&out.join(format!("factsheet-{lang}.pdf"))));
        for sentence in sentences(&content.factsheet.blocks) {
            assert!(
                sheet.contains(&searchable(&sentence)),
                "{lang}: «{sentence}» is missing from the fact sheet"
            );
        }
        for event in &content.events {
            let folder = out.join("events").join(&event.slug);
            let handout = folder.join(format!("handout-{lang}.pdf"));
            assert!((1..=2).contains(&page_count(&handout)), "{}", event.slug);
            let text = searchable(&pdf_text(&handout));
            for session in &event.programme {
                assert!(
                    text.contains(&searchable(&session.title)),
                    "{lang}: «{}» is missing from the handout",
                    session.title
                );
            }
            assert!(page_count(&folder.join(format!("brochure-{lang}.pdf"))).is_multiple_of(2));
        }
        // Tagged, in the edition's language.
        let doc = lopdf::Document::load(&brochure).unwrap();
        let catalog = doc.catalog().unwrap();
        assert!(catalog.get(b"StructTreeRoot").is_ok(), "{lang}: not tagged");
        let tag = catalog.get(b"Lang").and_then(|l| l.as_str()).unwrap();
        assert_eq!(tag, content.brochure.lang.locale().tag.as_bytes());
    }
}

#[test]
fn every_page_lays_out_well() {
    for content in &editions() {
        let lang = content.brochure.lang.code();
        let mut documents = vec![
            ("brochure", What::Document(Kind::Brochure)),
            ("factsheet", What::Document(Kind::Factsheet)),
        ];
        for event in &content.events {
            documents.push(("handout", What::Handout(event)));
        }
        for (name, what) in documents {
            let (composed, laid) = lay_out(content, what, None).unwrap();
            let pages = &laid.pages;
            let report = layout::inspect(pages);
            assert_eq!(report.widows, 0, "{name}-{lang}: {report}");
            assert_eq!(report.orphans, 0, "{name}-{lang}: {report}");
            assert_eq!(report.stranded_headings, 0, "{name}-{lang}: {report}");
            for (i, page) in pages.iter().enumerate() {
                let at = format!("{name}-{lang} page {}", i + 1);
                assert_eq!(
                    overlaps(page),
                    Vec::new(),
                    "{at}: texts drawn over each other"
                );
                let cover = composed.cover.is_some() && (i == 0 || i + 1 == pages.len());
                if !cover {
                    assert_eq!(
                        outside_margins(page, &composed.page),
                        Vec::new(),
                        "{at}: outside its margins"
                    );
                }
            }
            // No inside page more than a third empty, but the last before the back cover
            // (and pages left for notes).
            if composed.cover.is_some() {
                let inside = &pages[1..pages.len() - 1];
                let last_content = inside.iter().rposition(|p| !is_notes(p)).unwrap();
                for (i, page) in inside.iter().enumerate().take(last_content) {
                    let empty = empty_below(page, &composed.page);
                    assert!(
                        empty <= 1.0 / 3.0,
                        "{name}-{lang} page {} is {:.0} % empty",
                        i + 2,
                        empty * 100.0
                    );
                }
            }
        }
    }
}

#[test]
fn the_fixture_differs_from_the_default_where_it_should() {
    let content = &editions()[0];
    assert_eq!(content.brochure.lang.code(), "en-US");
    assert_eq!(content.brand.paper.name, "Letter");
    assert!(content.brand.fonts.arabic.is_none());
    assert!(content.events.iter().any(|e| e.programme.len() >= 18));
    assert_every_kind(&content.brochure.blocks);
}
