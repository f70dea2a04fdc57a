//! Print editions and booklets, read back from the PDFs and from the frames.

// Tests may panic: a panic is a failed assertion.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use crate::common::*;
use lopdf::{Document, Object};
use plaquette::compose::{Kind, What};
use plaquette::layout::Print;
use plaquette::layout::frame::{Item, Rect};
use plaquette::units::{Mm, Pt};

/// A page box in millimetres: (width, height), and its lower-left corner.
fn pdf_box(doc: &Document, page: lopdf::ObjectId, name: &[u8]) -> ([f32; 2], [f32; 2]) {
    let dict = doc.get_dictionary(page).expect("page");
    let values: Vec<f32> = dict
        .get(name)
        .and_then(Object::as_array)
        .unwrap_or_else(|_| panic!("{} missing", String::from_utf8_lossy(name)))
        .iter()
        .map(|v| v.as_float().expect("number"))
        .collect();
    let mm = |pt: f32| pt * 25.4 / 72.0;
    (
        [mm(values[2] - values[0]), mm(values[3] - values[1])],
        [mm(values[0]), mm(values[1])],
    )
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.05
}

#[test]
fn print_editions_have_trim_and_bleed_boxes_and_room_for_marks() {
    let dir = workspace("content");
    let output = run(
        dir.path(),
        &["build", "--print", "--bleed", "5mm", "--lang", "fr"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    for name in ["brochure-fr-print.pdf", "factsheet-fr-print.pdf"] {
        let doc = Document::load(dir.path().join("output").join(name)).expect("parses");
        for (_, page) in doc.get_pages() {
            let (trim, trim_at) = pdf_box(&doc, page, b"TrimBox");
            let (bleed, bleed_at) = pdf_box(&doc, page, b"BleedBox");
            let (media, _) = pdf_box(&doc, page, b"MediaBox");
            assert!(
                close(trim[0], 210.0) && close(trim[1], 297.0),
                "{name}: trim {trim:?}"
            );
            assert!(
                close(bleed[0], 220.0) && close(bleed[1], 307.0),
                "{name}: bleed {bleed:?}"
            );
            assert!(
                close(trim_at[0] - bleed_at[0], 5.0),
                "{name}: bleed around the trim"
            );
            // Room for the marks and slug outside the bleed.
            assert!(
                media[0] >= bleed[0] + 16.0 && media[1] >= bleed[1] + 16.0,
                "{media:?}"
            );
        }
        // The output intent and the rest of PDF/X-4: see `pdfx`.
    }
}

#[test]
fn marks_stay_outside_the_bleed_and_content_5mm_inside_the_trim() {
    let content = plaquette::content::load(&repo().join("content")).expect("valid");
    let print = Print {
        bleed: Pt::from(Mm(3.0)),
        slug: "brochure-fr-print.pdf".into(),
    };
    for kind in [Kind::Brochure, Kind::Factsheet] {
        let (_, laid) =
            lay_out(&content, What::Document(kind), Some(print.clone())).expect("laid out");
        for (p, page) in laid.pages.iter().enumerate() {
            let outside = |r: &Rect| {
                r.right() <= page.bleed.x
                    || r.x >= page.bleed.right()
                    || r.bottom() <= page.bleed.y
                    || r.y >= page.bleed.bottom()
            };
            assert!(!page.marks.is_empty(), "page {p}: marks");
            for mark in &page.marks {
                match mark {
                    Item::Fill(f) => assert!(outside(&f.rect), "page {p}: mark {:?}", f.rect),
                    Item::Text(run) => assert!(run.y.0 - run.size.0 > page.bleed.bottom().0),
                    _ => {}
                }
            }
            let safe = Pt::from(Mm(5.0));
            let t = page.trim;
            for item in &page.items {
                let (x0, y0, x1, y1, what) = match item {
                    Item::Text(run) if !run.role.is_artifact() => (
                        run.x,
                        run.y - run.size,
                        run.x + run.width(),
                        run.y,
                        run.text.clone(),
                    ),
                    Item::Image(i) if !i.role.is_artifact() => (
                        i.rect.x,
                        i.rect.y,
                        i.rect.right(),
                        i.rect.bottom(),
                        i.image.path.display().to_string(),
                    ),
                    _ => continue,
                };
                assert!(
                    x0 >= t.x + safe
                        && x1 <= t.right() - safe
                        && y0 >= t.y + safe
                        && y1 <= t.bottom() - safe,
                    "{kind:?} page {p}: «{what}» is within 5 mm of the trim"
                );
            }
        }
    }
}

#[test]
fn the_booklet_is_imposed_two_pages_a_side_on_a4_landscape() {
    let dir = workspace("content");
    let output = run(dir.path(), &["build", "--booklet", "--lang", "fr"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = dir.path().join("output");
    assert!(
        !out.join("factsheet-fr-booklet.pdf").exists(),
        "only the brochure"
    );
    let path = out.join("brochure-fr-booklet.pdf");
    let doc = Document::load(&path).expect("parses");
    let pages = doc.get_pages();
    // Whole sheets, both sides.
    assert!(
        pages.len() >= 2 && pages.len().is_multiple_of(2),
        "{}",
        pages.len()
    );
    for page in pages.values() {
        let (media, _) = pdf_box(&doc, *page, b"MediaBox");
        assert!(
            close(media[0], 297.0) && close(media[1], 210.0),
            "{media:?}"
        );
    }
    let side = |n: u32| normalise(&doc.extract_text(&[n]).expect("text"));
    // Outside of the outer sheet: the back cover (contact) on the left, the cover on the right.
    let outside = side(1);
    assert!(
        outside.contains("Contact") && outside.contains("Centre International"),
        "{outside}"
    );
}

/// A booklet's sheets keep 5 mm of every edge clear (office printers cannot print there, and
/// leave an uneven rim), its pages meet across the fold without a seam, and its pages are
/// set at their real size, the body at 9 pt at least.
#[test]
fn booklet_sheets_keep_their_edges_clear_and_their_type_readable() {
    use plaquette::layout::impose;
    for (dir, content) in every_edition() {
        let name = format!("{dir} {}", content.brochure.lang.code());
        let sheet = impose::sheet_for(content.brand.paper);
        let settings = plaquette::Settings {
            booklet: Some(sheet),
            ..plaquette::Settings::new(chrono::DateTime::UNIX_EPOCH)
        };
        let fonts = plaquette::fonts::FontBook::bundled().expect("fonts");
        let (composed, laid) =
            plaquette::lay_out(&content, What::Document(Kind::Brochure), &fonts, &settings)
                .expect("laid out");
        let sheets = impose::booklet(&laid.pages, composed.rtl, sheet);
        let margin = Pt::from(Mm(5.0)).0;
        for (s, side) in sheets.iter().enumerate() {
            let (width, height) = (side.media.width.0, side.media.height.0);
            for p in &side.placements {
                // The clip, on the sheet.
                let left = p.x.0 + p.clip.x.0 * p.scale;
                let right = p.x.0 + p.clip.right().0 * p.scale;
                let top = p.y.0 + p.clip.y.0 * p.scale;
                let bottom = p.y.0 + p.clip.bottom().0 * p.scale;
                assert!(
                    left >= margin - 0.01
                        && right <= width - margin + 0.01
                        && top >= margin - 0.01
                        && bottom <= height - margin + 0.01,
                    "{name} side {s}: page {} draws within 5 mm of the edge: {left:.1} {right:.1} {top:.1} {bottom:.1}",
                    p.page
                );
                // 1 mm past the fold, under the facing page.
                let fold = width / 2.0;
                let past = Pt::from(Mm(1.0)).0;
                let fold_side = if (left + right) / 2.0 < fold {
                    right
                } else {
                    left
                };
                assert!(
                    ((fold_side - fold).abs() - past).abs() < 0.05,
                    "{name}: page {} stops {:.2} pt from the fold",
                    p.page,
                    fold_side - fold
                );
                // Everything the page holds is inside what is drawn, but for its artwork.
                let page = &laid.pages[p.page];
                for item in &page.items {
                    if let plaquette::layout::frame::Item::Text(run) = item {
                        let x = run.x.0;
                        assert!(
                            x >= p.clip.x.0 && x + run.width().0 <= p.clip.right().0,
                            "{name}: «{}» is cut by the sheet's margin",
                            run.text
                        );
                    }
                }
            }
        }
        // Real size: the body of the A5 pages is 9 pt at least.
        let body = crate::common::frames::body_size(&laid.pages);
        assert!(body >= 9.0 - 0.01, "{name}: body at {body} pt");
    }
}

/// A right-to-left print edition is the screen edition with bleed around it: mirrored about
/// its trim box, not about its larger media box (which would shift it by twice the bleed).
#[test]
fn right_to_left_print_pages_sit_where_the_screen_pages_do() {
    let options = plaquette::content::Options {
        langs: Some(vec![
            plaquette::content::Lang::parse("ar").expect("a locale"),
        ]),
        fallback: None,
    };
    let content = plaquette::content::load_with(&repo().join("content"), &options)
        .expect("valid")
        .editions
        .remove(0);
    let print = Print {
        bleed: Pt::from(Mm(3.0)),
        slug: "brochure-ar-print.pdf".into(),
    };
    let what = What::Document(Kind::Brochure);
    let (_, screen) = lay_out(&content, what, None).expect("laid out");
    let (_, printed) = lay_out(&content, what, Some(print)).expect("laid out");
    let xs = |page: &plaquette::layout::frame::Page| -> Vec<f32> {
        page.items
            .iter()
            .filter_map(|item| match item {
                Item::Text(run) => Some(run.x.0 - page.trim.x.0),
                _ => None,
            })
            .collect()
    };
    for (a, b) in screen.pages.iter().zip(&printed.pages) {
        for (x, y) in xs(a).iter().zip(xs(b)) {
            assert!((x - y).abs() < 0.01, "{x} on screen, {y} in print");
        }
    }
}
