//! End-to-end: the real binary on a copy of the default content.

// Tests may panic: a panic is a failed assertion.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;

use crate::common::*;
use plaquette::compose::Role;
use plaquette::content::{self, BlockKind};
use plaquette::layout::frame::{Item, LineInfo, TextRun};

fn assert_every_sentence(pdf: &std::path::Path, blocks: &[content::Block]) {
    let text = normalise(&pdf_text(pdf));
    for sentence in sentences(blocks) {
        let wanted = normalise(&sentence);
        let count = text.matches(&wanted).count();
        assert!(
            count >= 1,
            "«{sentence}» is missing from {}\n{text}",
            pdf.display()
        );
    }
}

#[test]
fn default_content_builds_both_documents() {
    let dir = workspace("content");
    let output = run(dir.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = dir.path().join("output");
    let log = stderr(&output);
    let loaded = content::load_with(&dir.path().join("content"), &content::Options::default())
        .expect("default content is valid");
    assert_eq!(loaded.editions.len(), 3, "French, English and Arabic");
    for content in &loaded.editions {
        let lang = content.brochure.lang.code();
        let brochure = out.join(format!("brochure-{lang}.pdf"));
        let factsheet = out.join(format!("factsheet-{lang}.pdf"));
        assert_eq!(
            page_count(&factsheet),
            1,
            "the {lang} fact sheet is one page"
        );
        assert!(
            page_count(&brochure) >= 3,
            "cover, inside pages, back cover"
        );
        assert!(
            log.contains(&format!("wrote output/brochure-{lang}.pdf: ")),
            "{log}"
        );
        assert!(
            log.contains(&format!("wrote output/factsheet-{lang}.pdf: 1 page, ")),
            "{log}"
        );
        // Right-to-left text is drawn in visual order, which simple extraction (lopdf) does
        // not undo; .ci/run checks the Arabic with pdftotext, which does.
        if content.brochure.lang.rtl() {
            continue;
        }
        assert_every_sentence(&brochure, &content.brochure.blocks);
        assert_every_sentence(&factsheet, &content.factsheet.blocks);
        // The cover and back cover carry the identity.
        let text = normalise(&pdf_text(&brochure));
        for needle in [
            &content.centre.full_name,
            &content.centre.tagline,
            &content.centre.parent,
        ] {
            assert!(text.contains(&normalise(needle)), "{needle} missing");
        }
    }
}

#[test]
fn every_block_kind_builds() {
    let dir = workspace("tests/fixtures/all-blocks");
    let output = run(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let content = content::load(&dir.path().join("content")).expect("fixture is valid");
    assert_every_kind(&content.brochure.blocks);
    let out = dir.path().join("output");
    assert_every_sentence(&out.join("brochure-en.pdf"), &content.brochure.blocks);
    assert_every_sentence(&out.join("factsheet-en.pdf"), &content.factsheet.blocks);

    // The PNG and JPEG are embedded as images; the SVGs are drawn as vectors.
    let doc = lopdf::Document::load(out.join("brochure-en.pdf")).expect("parses");
    let images = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image".as_slice())
        })
        .count();
    assert!(
        images >= 2,
        "the PNG and the JPEG are embedded ({images} images found)"
    );
}

#[test]
fn metadata_language_and_links() {
    let dir = workspace("content");
    assert!(
        run(dir.path(), &["build", "--only", "factsheet"])
            .status
            .success()
    );
    let path = dir.path().join("output/factsheet-fr.pdf");
    assert!(
        !dir.path().join("output/brochure-fr.pdf").exists(),
        "--only builds one document"
    );
    let doc = lopdf::Document::load(&path).expect("parses");
    let catalog = doc.catalog().expect("catalog");
    assert_eq!(
        catalog.get(b"Lang").and_then(|l| l.as_str()).ok(),
        Some(b"fr".as_slice())
    );
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .expect("Info");
    let info = doc.get_dictionary(info).expect("Info dictionary");
    for key in [
        b"Title".as_slice(),
        b"Author",
        b"Subject",
        b"Keywords",
        b"Creator",
        b"Producer",
        b"CreationDate",
    ] {
        assert!(info.has(key), "{} missing", String::from_utf8_lossy(key));
    }
    let uris: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"A").and_then(|a| a.as_dict()).ok())
        .filter_map(|a| a.get(b"URI").ok())
        .filter_map(|u| u.as_str().ok())
        .map(|u| String::from_utf8_lossy(u).into_owned())
        .collect();
    assert!(uris.contains(&"https://aim.um6p.ma".to_owned()), "{uris:?}");
    assert!(
        uris.contains(&"mailto:contact@aim.um6p.ma".to_owned()),
        "{uris:?}"
    );
}

#[test]
fn the_brochure_has_bookmarks_and_page_labels() {
    let dir = workspace("content");
    assert!(
        run(dir.path(), &["build", "--only", "brochure", "--lang", "fr"])
            .status
            .success()
    );
    let doc = lopdf::Document::load(dir.path().join("output/brochure-fr.pdf")).expect("parses");
    let catalog = doc.catalog().expect("catalog");
    let outlines = catalog
        .get(b"Outlines")
        .and_then(|o| o.as_reference())
        .expect("bookmarks");
    let outlines = doc.get_dictionary(outlines).expect("outline dictionary");
    let count = outlines
        .get(b"Count")
        .and_then(|c| c.as_i64())
        .expect("count");
    let sections = content::load(&dir.path().join("content"))
        .expect("valid")
        .brochure
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading { level: 1, .. }))
        .count() as i64;
    // Every section, the contact on the back cover included.
    assert_eq!(count.abs(), sections);
    assert!(catalog.has(b"PageLabels"), "page labels");
}

#[test]
fn same_inputs_give_the_same_bytes() {
    let dir = workspace("content");
    assert!(run(dir.path(), &["build", "--out", "a"]).status.success());
    assert!(run(dir.path(), &["build", "--out", "b"]).status.success());
    for name in ["brochure-fr.pdf", "factsheet-fr.pdf"] {
        let a = fs::read(dir.path().join("a").join(name)).expect("a");
        let b = fs::read(dir.path().join("b").join(name)).expect("b");
        assert!(a == b, "{name} differs between two runs");
    }
}

/// Every object at the top level of the file is a stream: the dictionaries travel compressed
/// in object streams, indexed by a cross-reference stream, not a table.
#[test]
fn dictionaries_travel_in_object_streams() {
    let dir = workspace("content");
    for args in [
        &["build", "--out", "a"][..],
        &["build", "--print", "--out", "a"],
    ] {
        let output = run(dir.path(), args);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let mut seen = 0;
    for entry in fs::read_dir(dir.path().join("a")).expect("output") {
        let path = entry.expect("entry").path();
        let bytes = fs::read(&path).expect("read");
        let doc = lopdf::Document::load_mem(&bytes).expect("parses");
        assert!(!doc.get_pages().is_empty());
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("\nxref\n"), "{path:?} has a classic table");
        assert!(text.contains("/Type/XRef"), "{path:?}");
        // Each `N 0 obj` at a line's start opens a stream.
        let tops: Vec<&str> = text
            .split("\nendobj\n")
            .filter(|o| o.contains(" 0 obj\n"))
            .collect();
        assert!(tops.len() > 3, "{path:?}");
        for top in tops {
            let stream = top.contains(">>stream\n") || top.contains(">>\nstream\n");
            assert!(stream, "{path:?}: {}", &top[..80]);
        }
        // The XMP is compressed too, which only PDF/A-2 and later allow: it must say so.
        let catalog = doc.catalog().expect("catalog");
        let xmp = catalog.get(b"Metadata").and_then(|m| m.as_reference());
        let xmp = doc.get_object(xmp.expect("metadata")).expect("xmp");
        let xmp = xmp.as_stream().expect("a stream");
        assert!(xmp.dict.has(b"Filter"), "{path:?}: metadata in the clear");
        let xmp = String::from_utf8(xmp.decompressed_content().expect("inflates")).expect("utf-8");
        assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{path:?}");
        seen += 1;
    }
    assert_eq!(
        seen, 12,
        "screen and print editions, two documents, three languages"
    );
}

/// The numbers of every `[…]TJ` array in a content stream (glyph strings skipped).
fn tj_numbers(content: &[u8]) -> Vec<String> {
    let mut numbers = Vec::new();
    let (mut i, mut in_array, mut token) = (0, false, String::new());
    while i < content.len() {
        let b = content[i];
        if !(b.is_ascii_digit() || b == b'-' || b == b'.' || token.is_empty()) {
            numbers.push(std::mem::take(&mut token));
        }
        match b {
            b'(' => {
                // A glyph string: parentheses nest unless escaped.
                let mut depth = 0;
                loop {
                    match content[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                    if depth == 0 {
                        break;
                    }
                }
                continue;
            }
            b'[' => in_array = true,
            b'-' | b'.' | b'0'..=b'9' if in_array => token.push(b as char),
            b']' => in_array = false,
            _ => {}
        }
        i += 1;
    }
    numbers
}

/// Justified Latin lines are expanded or letter-spaced, and hanging punctuation moves spaces:
/// the pen positions are whole font units, so the
/// adjustments krilla writes between glyphs are whole (within what its f32 arithmetic
/// leaves), not float noise such as 5.0550537.
#[test]
fn glyph_adjustments_are_whole_units() {
    let dir = workspace("content");
    let output = run(dir.path(), &["build", "--lang", "fr", "--only", "brochure"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = lopdf::Document::load(dir.path().join("output/brochure-fr.pdf")).expect("parses");
    let (mut seen, mut whole) = (0, 0);
    for page in doc.get_pages().values() {
        let content = doc.get_page_content(*page);
        for number in tj_numbers(&content) {
            let value: f64 = number.parse().expect("a number");
            assert!((value - value.round()).abs() < 1e-3, "adjustment {number}");
            whole += usize::from(!number.contains('.'));
            seen += 1;
        }
    }
    assert!(
        seen > 100,
        "only {seen} adjustments: are lines still justified?"
    );
    // A few come out of krilla's f32 arithmetic as 9.9999695 for 10 (within 1e-3, checked
    // above); nearly all are written as integers.
    assert!(whole * 100 >= seen * 95, "{whole} of {seen} written whole");
}

/// Expanded glyphs reach the PDF: drawn under a horizontal scale of at most 2 % about their
/// run's start (the only transform in a page's content that scales one axis alone).
#[test]
fn expanded_glyphs_are_drawn_scaled_about_their_start() {
    let dir = workspace("content");
    let output = run(dir.path(), &["build", "--lang", "en", "--only", "brochure"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = lopdf::Document::load(dir.path().join("output/brochure-en.pdf")).expect("parses");
    let mut scaled = 0;
    for page in doc.get_pages().values() {
        let bytes = doc.get_page_content(*page);
        let content = lopdf::content::Content::decode(&bytes).expect("decodes");
        for op in content.operations.iter().filter(|op| op.operator == "cm") {
            let m: Vec<f32> = op
                .operands
                .iter()
                .filter_map(|o| match o {
                    lopdf::Object::Integer(i) => Some(*i as f32),
                    lopdf::Object::Real(r) => Some(*r),
                    _ => None,
                })
                .collect();
            let [a, b, c, d, e, _] = m[..] else { continue };
            // krilla writes each transform whole, the page's flip of y included: the
            // horizontal scales are those that leave y as the flip has it (pictures' scales
            // scale y too).
            if d != -1.0 || a == 1.0 || b != 0.0 || c != 0.0 {
                continue;
            }
            assert!((0.98..=1.02).contains(&a), "scale {m:?}");
            // About the run's start x: e = x (1 - a), x on the page.
            let x = e / (1.0 - a);
            assert!((0.0..=595.0).contains(&x), "scaled about {x}: {m:?}");
            scaled += 1;
        }
    }
    assert!(scaled >= 10, "{scaled} expanded runs");
}

/// The first part of a PDF's file identifier, the document ID.
fn document_id(path: &std::path::Path) -> Vec<u8> {
    let doc = lopdf::Document::load(path).expect("parses");
    let id = doc
        .trailer
        .get(b"ID")
        .and_then(|i| i.as_array())
        .expect("an ID");
    id[0].as_str().expect("a string").to_vec()
}

#[test]
fn the_document_id_comes_from_the_inputs() {
    let dir = workspace("content");
    assert!(run(dir.path(), &["build", "--out", "a"]).status.success());
    let out = |run: &str, name: &str| dir.path().join(run).join(name);
    let first = document_id(&out("a", "brochure-fr.pdf"));
    // Another document or language has another ID.
    assert_ne!(first, document_id(&out("a", "factsheet-fr.pdf")));
    assert_ne!(first, document_id(&out("a", "brochure-en.pdf")));
    // A change of a word in the content changes it; the date of the build does not.
    let centre = dir.path().join("content/centre.yaml");
    let text = fs::read_to_string(&centre).expect("centre");
    fs::write(
        &centre,
        text.replacen("Centre International", "Centre international", 1),
    )
    .expect("write");
    let output = run_on(dir.path(), &["build", "--out", "b"], "1800000000");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_ne!(first, document_id(&out("b", "brochure-fr.pdf")));
    fs::write(&centre, text).expect("write back");
    let output = run_on(dir.path(), &["build", "--out", "c"], "1800000000");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(first, document_id(&out("c", "brochure-fr.pdf")));
}

#[test]
fn check_writes_nothing() {
    let dir = workspace("content");
    let output = run(dir.path(), &["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!dir.path().join("output").exists());
}

#[test]
fn a_failed_build_leaves_earlier_output_untouched() {
    let dir = workspace("content");
    assert!(run(dir.path(), &[]).status.success());
    let out = dir.path().join("output");
    let before = fs::read(out.join("brochure-fr.pdf")).expect("first build");

    // Break the content: the next build must fail and write nothing.
    let centre = dir.path().join("content/centre.yaml");
    let text = fs::read_to_string(&centre).expect("centre.yaml");
    fs::write(
        &centre,
        text.replace("founded: 2021-03", "founded: mars 2021"),
    )
    .expect("write");
    let output = run(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).ends_with("1 error; nothing was written\n"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read(out.join("brochure-fr.pdf")).expect("still there"),
        before
    );
    let names: Vec<String> = fs::read_dir(&out)
        .expect("output")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 6, "no temporary file left behind: {names:?}");
}

#[test]
fn usage_mistakes_exit_with_2() {
    let dir = workspace("content");
    assert_eq!(
        run(dir.path(), &["build", "--only", "poster"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(dir.path(), &["--frobnicate"]).status.code(), Some(2));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_plaquette"))
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: SOURCE_DATE_EPOCH `yesterday` is not a number of seconds since 1970\n"
    );
    // Dates a PDF cannot hold (four-digit years from 1970) are refused, not clamped.
    for epoch in ["-99999999999", "-1", "253402300800", "99999999999999999999"] {
        let output = run_on(dir.path(), &["build"], epoch);
        assert_eq!(output.status.code(), Some(2), "{epoch}");
        let said = stderr(&output);
        assert!(
            said.starts_with(&format!("error: SOURCE_DATE_EPOCH `{epoch}` is ")),
            "{said}"
        );
    }
    assert_eq!(
        stderr(&run_on(dir.path(), &["build"], "253402300800")),
        "error: SOURCE_DATE_EPOCH `253402300800` is out of range: from 0 (1970) to \
         253402300799 (the end of 9999) are allowed\n"
    );
    assert!(!dir.path().join("output").exists(), "nothing written");
    let last = run_on(
        dir.path(),
        &["build", "--only", "factsheet"],
        "253402300799",
    );
    assert!(last.status.success(), "{}", stderr(&last));
    let doc = lopdf::Document::load(dir.path().join("output/factsheet-fr.pdf")).expect("PDF");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .and_then(|i| doc.get_dictionary(i))
        .expect("Info");
    let created = info
        .get(b"CreationDate")
        .and_then(|d| d.as_str())
        .expect("date");
    assert!(
        created.starts_with(b"D:99991231235959"),
        "the last second of 9999: {}",
        String::from_utf8_lossy(created)
    );
}

#[test]
fn an_output_path_that_is_a_folder_is_an_error() {
    let dir = workspace("content");
    fs::create_dir_all(dir.path().join("output/factsheet-fr.pdf")).expect("folder");
    let output = run(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("it is a folder"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn fallback_fills_missing_translations_with_warnings() {
    let dir = workspace("content");
    for name in ["brochure.yaml", "factsheet.yaml"] {
        let from = repo().join("tests/bad/missing-translation").join(name);
        fs::copy(from, dir.path().join("content").join(name)).expect("overlay");
    }
    // The paragraph given once is still an error: a fallback fills gaps, not single texts.
    let brochure = dir.path().join("content/brochure.yaml");
    let text = fs::read_to_string(&brochure).expect("read");
    fs::write(
        &brochure,
        text.replace("  - paragraph: Un texte donné une seule fois.\n", ""),
    )
    .expect("write");

    let output = run(dir.path(), &["build", "--fallback", "fr"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let log = stderr(&output);
    assert!(log.starts_with(
        "warning: the heading has no English text: the French text is used\n --> content/brochure.yaml:5:14\n"
    ), "{log}");
    assert!(log.contains("warning: the paragraph has no English text: the French text is used\n --> content/brochure.yaml:8:7\n"), "{log}");
    assert!(dir.path().join("output/brochure-en.pdf").exists());

    let output = run(dir.path(), &["build", "--lang", "fr", "--out", "fr-only"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let written: Vec<String> = fs::read_dir(dir.path().join("fr-only"))
        .expect("written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 2, "{written:?}");
}

#[test]
fn arabic_editions_are_right_to_left_and_tagged_ar() {
    let dir = workspace("content");
    let output = run(dir.path(), &["build", "--lang", "ar"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = lopdf::Document::load(dir.path().join("output/brochure-ar.pdf")).expect("parses");
    let catalog = doc.catalog().expect("catalog");
    assert_eq!(
        catalog.get(b"Lang").and_then(|l| l.as_str()).ok(),
        Some(b"ar".as_slice())
    );
    // Laid out, the Arabic text reads in logical order and starts at the right margin.
    let content = content::load_with(
        &dir.path().join("content"),
        &content::Options {
            langs: Some(vec![content::Lang::parse("ar").expect("a bundled locale")]),
            fallback: None,
        },
    )
    .expect("valid")
    .editions
    .remove(0);
    let book = plaquette::fonts::FontBook::bundled().expect("fonts");
    let composed = plaquette::compose::compose(&content, plaquette::compose::Kind::Brochure);
    let laid = plaquette::layout::layout(&composed, &book, None).expect("laid out");
    let style = &composed.page;
    let page = &laid.pages[1];
    // The running footer is Latin text in a mirrored page: it must still read left to right.
    let mut footer: Vec<&TextRun> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) if r.role == Role::Footer => Some(r),
            _ => None,
        })
        .collect();
    footer.sort_by(|a, b| a.x.0.total_cmp(&b.x.0));
    let footer: String = footer.iter().map(|r| r.text.as_str()).collect();
    assert!(
        footer.contains("Ai Movement\u{a0}· aim.um6p.ma"),
        "{footer}"
    );
    let lines: Vec<&LineInfo> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) if l.role == Role::Paragraph => Some(l),
            _ => None,
        })
        .collect();
    assert!(!lines.is_empty());
    for line in lines {
        // Page 2 is a left-hand page in a right-to-left book: the inner margin is on the left.
        let right = line.rect.x.0 + line.rect.width.0;
        assert!(
            (right - (style.width.0 - style.outer.0)).abs() < 0.5
                || line.rect.x.0 < style.width.0 / 2.0
        );
        assert!(
            line.end.0 >= line.rect.width.0 - 0.5,
            "right-aligned: ends at the measure's right edge"
        );
    }
}

#[test]
fn the_back_cover_is_stamped_with_the_edition() {
    let dir = workspace("content");
    let output = run(dir.path(), &["build", "--only", "brochure"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for (lang, stamp) in [
        ("fr", "Édition de novembre 2026"),
        ("en", "November 2026 edition"),
    ] {
        let path = dir.path().join(format!("output/brochure-{lang}.pdf"));
        let doc = lopdf::Document::load(&path).expect("parses");
        let last = doc.get_pages().len() as u32;
        let back = normalise(&doc.extract_text(&[last]).expect("text"));
        assert!(back.contains(stamp), "{lang}: {back}");
    }
}

#[test]
fn json_lines_report_diagnostics_and_files_for_ci() {
    let dir = workspace("content");
    let output = run(dir.path(), &["build", "--lang", "fr", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let written: Vec<&serde_json::Value> =
        lines.iter().filter(|l| l["type"] == "written").collect();
    assert_eq!(written.len(), 2);
    assert!(written.iter().all(|l| l["pages"].as_u64() > Some(0)));
    let result = lines.last().expect("a result");
    assert_eq!(result["type"], "result");
    assert_eq!(result["ok"], true);
    assert_eq!(result["written"], 2);
    assert!(
        stderr(&output).is_empty(),
        "nothing for people: {}",
        stderr(&output)
    );
    // A mistake: a diagnostic with its place, then the result; exit code 1.
    let centre = dir.path().join("content/centre.yaml");
    let text = fs::read_to_string(&centre).expect("centre");
    fs::write(&centre, text.replacen("tagline:", "tagine:", 1)).expect("write");
    let output = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines[0]["type"], "diagnostic");
    assert_eq!(lines[0]["severity"], "error");
    assert_eq!(
        lines[0]["message"],
        "unknown key `tagine`, did you mean `tagline`?"
    );
    assert_eq!(lines[0]["file"], "content/centre.yaml");
    assert!(lines[0]["line"].as_u64() > Some(1) && lines[0]["column"] == 1);
    assert_eq!(lines[1]["type"], "result");
    assert_eq!(lines[1]["ok"], false);
}

#[test]
fn github_annotations_point_at_lines_and_quiet_keeps_only_errors() {
    let dir = workspace("content");
    let centre = dir.path().join("content/centre.yaml");
    let text = fs::read_to_string(&centre).expect("centre");
    // A warning: a bidirectional control in the tagline, removed and reported.
    fs::write(
        &centre,
        text.replacen("  fr: L’intelligence", "  fr: L’\u{202E}intelligence", 1),
    )
    .expect("write");
    let output = run(dir.path(), &["check", "--format", "github"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        stdout.starts_with("::warning file=content/centre.yaml,line=") && stdout.contains(",col="),
        "{stdout}"
    );
    assert!(stdout.lines().all(|l| l.starts_with("::")), "{stdout}");
    assert!(
        stderr(&output).contains("content is valid"),
        "{}",
        stderr(&output)
    );
    // Quiet: no warning, in either machine format, nor the files written.
    let output = run(dir.path(), &["check", "--format", "github", "--quiet"]);
    assert!(output.status.success());
    assert!(
        output.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let output = run(
        dir.path(),
        &["build", "--lang", "fr", "--format", "json", "--quiet"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["type"], "result");
    assert_eq!(lines[0]["written"], 2);
    // An error: its file, line and column, the message and its hint on the lines after.
    fs::write(&centre, text.replacen("tagline:", "tagine:", 1)).expect("write");
    let output = run(dir.path(), &["check", "--format", "github", "--quiet"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let line = text
        .lines()
        .position(|l| l.starts_with("tagline:"))
        .expect("a tagline")
        + 1;
    assert!(
        stdout.starts_with(&format!(
            "::error file=content/centre.yaml,line={line},col=1::unknown key `tagine`, did you \
             mean `tagline`?"
        )),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1, "one line a diagnostic: {stdout}");
    assert!(stderr(&output).contains("1 error; nothing was written"));
}

/// What the binary answers a shell completing `words`, the last being the one typed.
fn completed(dir: &std::path::Path, words: &[&str]) -> Vec<String> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_plaquette"))
        .arg("--")
        .args(words)
        .current_dir(dir)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .output()
        .expect("run plaquette");
    assert!(output.status.success(), "{}", stderr(&output));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn event_names_are_completed_from_the_project() {
    let dir = workspace("content");
    let events = dir.path().join("content/events");
    fs::remove_dir_all(&events).expect("no events");
    fs::create_dir_all(&events).expect("events");
    for name in ["quay-day.yaml", "quiz-night.yaml", "gala.yaml", "draft.txt"] {
        fs::write(events.join(name), "").expect("event");
    }
    let all = ["gala", "quay-day", "quiz-night"];
    assert_eq!(completed(dir.path(), &["plaquette", "--event", ""]), all);
    assert_eq!(
        completed(dir.path(), &["plaquette", "build", "--event", "qu"]),
        ["quay-day", "quiz-night"]
    );
    // From inside the content folder, as for a build.
    assert_eq!(
        completed(&events, &["plaquette", "watch", "--event", ""]),
        all
    );
    // Languages and options are completed as before.
    let langs = completed(dir.path(), &["plaquette", "--lang", "e"]);
    assert!(langs.iter().all(|l| l.starts_with('e')) && !langs.is_empty());
}

#[test]
fn completions_and_the_manual_print() {
    let dir = workspace("content");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = run(dir.path(), &["completions", shell]);
        assert!(output.status.success(), "{shell}");
        // The script asks the binary, which knows the project's events.
        let script = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
    }
    let output = run(dir.path(), &["man"]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).starts_with(".ie"));
    // A page per subcommand, as the top page's SEE ALSO names them, each with its options,
    // exit status and environment.
    let output = run(dir.path(), &["man", "build"]);
    assert!(output.status.success());
    let page = String::from_utf8_lossy(&output.stdout).into_owned();
    for part in [
        ".TH plaquette-build 1",
        "\\-\\-booklet",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        "SOURCE_DATE_EPOCH",
        "NO_COLOR",
    ] {
        assert!(page.contains(part), "{part} in {page}");
    }
    let output = run(dir.path(), &["man", "--out", "man"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let top = fs::read_to_string(dir.path().join("man/plaquette.1")).expect("top page");
    let named: Vec<&str> = top
        .split("plaquette\\-")
        .skip(1)
        .filter_map(|rest| rest.split('(').next())
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    assert!(named.len() >= 8, "{named:?}");
    for name in named {
        assert!(
            dir.path().join(format!("man/plaquette-{name}.1")).is_file(),
            "plaquette-{name}(1) is named and missing"
        );
    }
}

#[test]
fn colour_on_request_or_on_a_terminal_and_help_fits_the_width() {
    let dir = workspace("content");
    let centre = dir.path().join("content/centre.yaml");
    let text = fs::read_to_string(&centre).expect("centre");
    fs::write(&centre, text.replacen("tagline:", "tagine:", 1)).expect("write");
    let run_with = |args: &[&str], env: &[(&str, &str)]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_plaquette"))
            .args(args)
            .current_dir(dir.path())
            .envs(env.iter().copied())
            .env_remove("NO_COLOR")
            .output()
            .expect("run plaquette")
    };
    let coloured = stderr(&run_with(&["check", "--color", "always"], &[]));
    assert!(
        coloured.starts_with("\x1b[1;31merror\x1b[0m"),
        "{coloured:?}"
    );
    // Not a terminal (a pipe here): plain, as with never or NO_COLOR.
    for (args, env) in [
        (vec!["check"], vec![]),
        (vec!["check", "--color", "never"], vec![]),
        (vec!["check", "--color", "auto"], vec![("NO_COLOR", "1")]),
    ] {
        let plain = stderr(&run_with(&args, &env));
        assert!(plain.starts_with("error: unknown key"), "{plain:?}");
        assert!(!plain.contains('\x1b'), "{plain:?}");
    }
    // The same words either way.
    let stripped = coloured
        .split('\x1b')
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once('m').map_or("", |p| p.1)
            }
        })
        .collect::<String>();
    assert_eq!(stripped, stderr(&run_with(&["check"], &[])));
    // Help wraps to the terminal's width (COLUMNS where there is no terminal).
    let help =
        String::from_utf8_lossy(&run_with(&["build", "--help"], &[("COLUMNS", "60")]).stdout)
            .into_owned();
    assert!(help.lines().count() > 20, "{help}");
    assert!(help.lines().all(|l| l.chars().count() <= 60), "{help}");
}

#[test]
fn the_project_is_found_from_any_folder_inside_it() {
    let dir = workspace("content");
    // From a subfolder of the content: its errors name the files from where it ran.
    let events = dir.path().join("content/events");
    let output = run(&events, &["check", "--lang", "fr"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("content is valid"),
        "{}",
        stderr(&output)
    );
    let centre = dir.path().join("content/centre.yaml");
    let text = fs::read_to_string(&centre).expect("centre");
    fs::write(&centre, text.replacen("tagline:", "tagine:", 1)).expect("write");
    let output = run(&events, &["check", "--lang", "fr", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .unwrap_or(""),
    )
    .expect("a JSON line");
    assert_eq!(first["file"], "../centre.yaml");
    fs::write(&centre, &text).expect("restore");
    // Bare, with build's options, from the project's root: into its output/.
    let output = run(dir.path(), &["--lang", "fr", "--only", "factsheet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("output/factsheet-fr.pdf").is_file());
    // From inside the content folder, build writes to the project's output/, not inside it.
    let output = run(&events, &["build", "--lang", "en", "--only", "factsheet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("output/factsheet-en.pdf").is_file());
    assert!(!events.join("output").exists());
    // Given as an argument, from elsewhere.
    let elsewhere = tempfile::tempdir().expect("temp");
    let project = dir.path().to_string_lossy().into_owned();
    let output = run(elsewhere.path(), &["inspect", &project, "--lang", "fr"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("factsheet-fr"));
}

#[test]
fn colour_goes_anywhere_and_builds_options_not_before_another_command() {
    let dir = workspace("content");
    let output = run(dir.path(), &["--color", "never", "check", "--lang", "fr"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("content is valid"));
    let output = run(dir.path(), &["--lang", "fr", "check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .starts_with("error: `--lang` is build's: put it after `check`, or leave `check` out"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn init_writes_a_starter_that_builds() {
    let dir = tempfile::tempdir().expect("temp");
    let output = run(dir.path(), &["init", "starter"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).ends_with("build it with: plaquette build starter\n"));
    // `cd starter && plaquette build`: the project is found, its PDFs go to its output/.
    let starter = dir.path().join("starter");
    let output = run(&starter, &["build", "--lang", "fr"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(starter.join("output/brochure-fr.pdf").exists());
    assert_eq!(
        fs::read_to_string(starter.join(".gitignore")).expect("ignore"),
        "# Generated by plaquette build.\n/output/\n"
    );
    // Never over what is there.
    let before = fs::read(starter.join("content/centre.yaml")).expect("centre");
    let output = run(dir.path(), &["init", "starter"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: starter/content already exists and is not an empty folder\n1 error; nothing \
         was written\n"
    );
    assert_eq!(
        fs::read(starter.join("content/centre.yaml")).expect("centre"),
        before
    );
    // The starter is a neutral template: placeholders, none of the example's names, and it
    // builds without a warning.
    let centre = fs::read_to_string(starter.join("content/centre.yaml")).expect("centre");
    assert!(centre.contains("short-name: YOUR CENTRE"), "{centre}");
    let brochure = fs::read_to_string(starter.join("content/brochure.yaml")).expect("brochure");
    assert!(!brochure.contains("Ai Movement") && !centre.contains("UM6P"));
    let output = run(&starter, &["check"]);
    assert_eq!(
        stderr(&output),
        stderr(&output)
            .lines()
            .filter(|l| l.starts_with("content is valid"))
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
        "no warning"
    );
    // Without a folder: here; the example on request.
    let here = dir.path().join("here");
    fs::create_dir(&here).expect("here");
    let output = run(&here, &["init", "--example", "ai-movement"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let centre = fs::read_to_string(here.join("content/centre.yaml")).expect("centre");
    assert!(centre.contains("short-name: Ai Movement"));
    let output = run(&here, &["check", "--lang", "fr"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn every_event_gets_its_brochure_and_a_one_page_handout() {
    let dir = workspace("content");
    let output = run(dir.path(), &["build", "--all-events"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = dir.path().join("output");
    assert!(!out.join("brochure-fr.pdf").exists(), "events alone");
    for lang in ["fr", "en", "ar"] {
        let path = out.join(format!("events/journees-ia-2027/handout-{lang}.pdf"));
        assert_eq!(page_count(&path), 1, "{lang}");
    }
    let text = normalise(&pdf_text(
        &out.join("events/journees-ia-2027/handout-fr.pdf"),
    ));
    for wanted in [
        "Journées de l’intelligence artificielle",
        "jeudi 18 mars 2027",
        "Table ronde sur la formation et les talents",
        "Amal El Fallah Seghrouchni",
        "aim.um6p.ma/evenements",
        "Événement d’exemple",
    ] {
        assert!(text.contains(&normalise(wanted)), "«{wanted}» in {text}");
    }
    // An event that is over is worth a warning, not an error.
    let output = run_on(dir.path(), &["check", "--lang", "fr"], "1900000000");
    assert!(output.status.success());
    assert!(
        stderr(&output).starts_with(
            "warning: the event `journees-ia-2027` ended on 2027-03-19: its handout announces a past event\n --> content/events/journees-ia-2027.yaml\n"
        ),
        "{}",
        stderr(&output)
    );
}
