//! The design holds for content other than the default: each rule on a small content made for
//! it (over `tests/fixtures/minimal`), checked on the frames or through the real binary.

// Tests may panic: a panic is a failed assertion.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;

use crate::common::fixture::Fixture;
use crate::common::frames::{empty_below, is_notes, outside_margins, overlaps};
use crate::common::*;
use plaquette::compose::{self, Kind, Role, What};
use plaquette::content::Content;
use plaquette::layout::{Laid, frame::Item};

fn lay(content: &Content, what: What) -> (compose::Composed, Laid) {
    lay_out(content, what, None).unwrap_or_else(|e| panic!("{}", e.to_diagnostic()))
}

fn brochure(content: &Content) -> (compose::Composed, Laid) {
    lay(content, What::Document(Kind::Brochure))
}

/// The page and baseline of the first text run whose text contains `needle`.
fn find(laid: &Laid, needle: &str) -> (usize, f32) {
    for (p, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text(run) = item
                && run.text.contains(needle)
            {
                return (p, run.y.0);
            }
        }
    }
    panic!("«{needle}» is not on any page")
}

fn paragraphs(prefix: &str, count: usize) -> String {
    (0..count)
        .map(|i| {
            format!(
                "  - paragraph: {prefix} {i} is a paragraph long enough to take a few lines of \
                 a column, so that a handful of them fill a page and the layout must decide \
                 where the next block goes and what it keeps together with it on its page.\n"
            )
        })
        .collect()
}

// 1. A long programme continues on the handout's back; past that, an error at the session.
#[test]
fn a_long_programme_continues_and_too_long_a_one_names_its_session() {
    let f = Fixture::new();
    let event = |sessions: usize| {
        let mut text = String::from(
            "name: A long day\ndays:\n  - {date: 2030-05-02, from: \"08:00\", to: \"20:00\"}\n\
             venue: The hall\ncity: Springfield\nregistration: https://lab.example.org/day\n\
             programme:\n",
        );
        for i in 0..sessions {
            text.push_str(&format!(
                "  - time: \"{:02}:{:02}\"\n    title: Session {i}, on a subject worth a title of two lines in a handout's column\n    speakers: [Ada Example, Grace Sample]\n",
                8 + i * 10 / 60,
                (i * 10) % 60
            ));
        }
        text
    };
    f.write("events/long.yaml", &event(28));
    f.write("events/short.yaml", &event(3));
    let content = f.content();
    let long = content.events.iter().find(|e| e.slug == "long").unwrap();
    let (composed, laid) = lay(&content, What::Handout(long));
    assert_eq!(laid.pages.len(), 2, "the programme runs onto the back");
    assert!(composed.header.is_some());
    for page in &laid.pages {
        assert_eq!(overlaps(page), Vec::new());
    }
    // Far too long: the handout's error names the event's file and the session; the other
    // event and the centre's documents are written all the same.
    f.write("events/long.yaml", &event(72));
    let output = f.run(&["build", "--all-events"]);
    let log = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{log}");
    assert!(
        log.contains("error: events/long/handout-en: the handout does not fit on 2 pages"),
        "{log}"
    );
    assert!(log.contains("--> content/events/long.yaml:"), "{log}");
    assert!(
        log.contains("shorten the programme's titles, or split the event"),
        "the hint is the handout's: {log}"
    );
    let out = f.dir().join("output/events");
    assert!(out.join("short/handout-en.pdf").exists(), "{log}");
    assert!(!out.join("long/handout-en.pdf").exists());
    assert!(log.contains("none of the event long"), "{log}");
}

/// A programme's day that goes on in a new column says so at its top: the day's heading again,
/// «(continued)», as an artifact (the heading is in the structure once).
#[test]
fn a_programme_day_going_on_in_a_new_column_says_so() {
    let f = Fixture::new();
    let mut text = String::from(
        "name: A long day\ndays:\n  - {date: 2030-05-02, from: \"08:00\", to: \"20:00\"}\n\
         venue: The hall\ncity: Springfield\nregistration: https://lab.example.org/day\n\
         programme:\n",
    );
    for i in 0..28 {
        text.push_str(&format!(
            "  - time: \"{:02}:{:02}\"\n    title: Session {i}, on a subject worth a title of two lines in a handout's column\n",
            8 + i * 10 / 60,
            (i * 10) % 60
        ));
    }
    f.write("events/long.yaml", &text);
    let content = f.content();
    let long = content.events.iter().find(|e| e.slug == "long").unwrap();
    let (_, laid) = lay(&content, What::Handout(long));
    assert_eq!(laid.pages.len(), 2, "the programme runs onto the back");
    let again = |page: usize| -> Vec<(f32, Role, String)> {
        laid.pages[page]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(run) if run.text.contains("(continued)") => {
                    Some((run.y.0, run.role.clone(), run.text.clone()))
                }
                _ => None,
            })
            .collect()
    };
    assert!(again(0).is_empty(), "{:?}", again(0));
    let back = again(1);
    assert!(!back.is_empty(), "no heading at the top of the back");
    assert!(
        back.iter().all(|(_, role, _)| *role == Role::Artifact),
        "{back:?}"
    );
    // It opens the page: no session above it.
    let first = back.iter().map(|b| b.0).fold(f32::INFINITY, f32::min);
    let above = laid.pages[1].items.iter().any(
        |i| matches!(i, Item::Text(run) if run.text.starts_with("Session") && run.y.0 < first),
    );
    assert!(!above, "a session above the repeated heading");
}

// 2. An odd count gets a planned page, never a blank; a heading and its introduction stay with
// the first lines of what they introduce.
#[test]
fn brochures_end_on_an_even_page_and_introductions_keep_with_their_block() {
    for count in [6, 9, 12, 15] {
        let f = Fixture::new();
        let mut blocks = paragraphs("Text", count);
        blocks.push_str(
            "  - heading: Pillars\n  - paragraph: \"Our work rests on these pillars:\"\n  - list: [One, Two, Three, Four, Five, Six]\n    icons: [sprout, globe, handshake, target, users, rocket]\n",
        );
        f.blocks(&blocks);
        let (_, laid) = brochure(&f.content());
        assert!(
            laid.pages.len().is_multiple_of(2),
            "{count}: {} pages",
            laid.pages.len()
        );
        let (heading_page, _) = find(&laid, "Pillars");
        let (intro_page, _) = find(&laid, "rests on these");
        let (first_page, _) = find(&laid, "One");
        assert_eq!(
            (heading_page, intro_page),
            (first_page, first_page),
            "{count}"
        );
        // No page is left blank by accident: every page but the last before the back holds
        // text or is a notes page with its heading.
        for page in &laid.pages {
            assert!(page.items.iter().any(|i| matches!(i, Item::Text(_))));
        }
    }
}

// 3 and 4. Long timelines and lists split between entries; a tall image is scaled to fit and
// floats while the text goes on.
#[test]
fn timelines_split_and_tall_images_fit_their_column() {
    let f = Fixture::new();
    f.png("tall.png", 800, 4000);
    let mut blocks = paragraphs("Before", 3);
    blocks.push_str("  - timeline:\n");
    for year in 1990..2040 {
        blocks.push_str(&format!(
            "      - date: {year}-03-04\n        text: What happened in {year}, told in a sentence.\n"
        ));
    }
    blocks.push_str(
        "  - image: images/tall.png\n    alt: A tall infographic\n    caption: A caption\n",
    );
    blocks.push_str(&paragraphs("After", 4));
    f.blocks(&blocks);
    let content = f.content();
    let (composed, laid) = brochure(&content);
    let style = &composed.page;
    let column = (style.height - style.top - style.bottom).0;
    for (i, page) in laid.pages.iter().enumerate().skip(1) {
        if i + 1 < laid.pages.len() {
            assert_eq!(overlaps(page), Vec::new(), "page {}", i + 1);
            assert_eq!(outside_margins(page, style), Vec::new(), "page {}", i + 1);
        }
        for item in &page.items {
            if let Item::Image(image) = item
                && image.image.path.ends_with("tall.png")
            {
                assert!(image.rect.height.0 <= column, "taller than its column");
                let ratio = image.rect.height.0 / image.rect.width.0;
                assert!((ratio - 5.0).abs() < 0.01, "proportions kept: {ratio}");
                assert!(image.rect.bottom() <= style.height - style.bottom);
            }
        }
    }
    // The timeline began on the page of the paragraphs before it, and goes on after.
    let (first, _) = find(&laid, "in 1990");
    let (last, _) = find(&laid, "in 2039");
    assert!(first < last, "the timeline is split between entries");
    assert_eq!(find(&laid, "Before 2").0, first);
    // The day is printed, not only the month.
    assert!(
        laid.pages
            .iter()
            .flat_map(|p| &p.items)
            .any(|i| matches!(i, Item::Text(r) if r.text.contains("4 March 1990")))
    );
    // No page before the text's last is more than a third empty (the image that floated past
    // the text's end has a page of its own after it).
    let last_text = laid.pages[..laid.pages.len() - 1]
        .iter()
        .rposition(|p| {
            p.items
                .iter()
                .any(|i| matches!(i, Item::Line(l) if l.role == Role::Paragraph))
        })
        .unwrap();
    for (i, page) in laid.pages.iter().enumerate().take(last_text).skip(1) {
        let empty = empty_below(page, style);
        assert!(
            empty <= 1.0 / 3.0,
            "page {} is {:.0} % empty",
            i + 1,
            empty * 100.0
        );
    }
}

// 5. A number never parts from its unit, and a key figure's value never breaks.
#[test]
fn key_figures_and_units_stay_whole() {
    let f = Fixture::new();
    f.write(
        "brand.yaml",
        &fs::read_to_string(f.dir().join("content/brand.yaml"))
            .unwrap()
            .replace("paper: A4", "paper: A5"),
    );
    f.blocks(
        "  - key-figures:\n      - {value: US$9.6 m, label: a budget}\n      - {value: 12.4 MWp, label: solar}\n      - {value: 450 m³, label: storage}\n      - {value: ±0.5 °C, label: accuracy}\n  - paragraph: >-\n      The store holds 450 m³ at 55 °C, within ±0.5 °C, for 10 000 homes (1 152 modules) and\n      29 % less CO₂, on a 2 × 3 m deck, and a share of 12.4 MWp goes to the grid at 9:30 a.m.\n",
    );
    let (_, laid) = brochure(&f.content());
    let lines = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text(run) => Some(run),
            _ => None,
        })
        .fold(Vec::<(f32, String)>::new(), |mut lines, run| {
            match lines.last_mut() {
                Some((y, text)) if (*y - run.y.0).abs() < 0.01 => text.push_str(&run.text),
                _ => lines.push((run.y.0, run.text.clone())),
            }
            lines
        });
    let texts: Vec<String> = lines
        .into_iter()
        .map(|(_, t)| t.replace('\u{a0}', " "))
        .collect();
    for value in ["US$9.6 m", "12.4 MWp", "450 m³", "±0.5 °C"] {
        assert!(
            texts.iter().any(|t| t.contains(value)),
            "«{value}» broken: {texts:?}"
        );
    }
    // No line ends on a number whose unit, group or sign starts the next line.
    for pair in texts.windows(2) {
        let end = pair[0].trim_end().rsplit(' ').next().unwrap_or_default();
        let start = pair[1].trim_start().split(' ').next().unwrap_or_default();
        let number = end.ends_with(|c: char| c.is_ascii_digit());
        let unit = ["m³", "°C", "000", "152", "%", "m", "a.m.", "MWp", "×"].contains(&start);
        assert!(!(number && unit), "«{end}» parted from «{start}»");
        assert!(
            !["±", "×", "≈"].contains(&end),
            "a sign parted from its number"
        );
    }
}

// 7. After a list, the same space as after a paragraph.
#[test]
fn a_list_is_followed_by_a_paragraph_s_space() {
    let f = Fixture::new();
    f.blocks(
        "  - paragraph: First paragraph.\n  - paragraph: Second paragraph.\n  - list: [Item one, Item two]\n  - paragraph: Third paragraph.\n  - key-figures:\n      - {value: \"7\", label: pillars}\n",
    );
    let (_, laid) = brochure(&f.content());
    let (_, first) = find(&laid, "First");
    let (_, second) = find(&laid, "Second");
    let (_, item) = find(&laid, "Item two");
    let (_, third) = find(&laid, "Third");
    assert!(
        ((third - item) - (second - first)).abs() < 0.5,
        "{first} {second} {item} {third}"
    );
    // A box after a paragraph keeps its distance too.
    let page = &laid.pages[find(&laid, "Third").0];
    let box_top = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Fill(f) if f.rect.y.0 > third => Some(f.rect.y.0),
            _ => None,
        })
        .fold(f32::MAX, f32::min);
    assert!(
        box_top - third >= 5.0,
        "the box touches the text: {third} {box_top}"
    );
}

// 8. Long names wrap or step down the scale: nothing overprints, nothing is cut.
#[test]
fn long_names_never_overprint_the_cover_or_lose_the_footer() {
    let f = Fixture::new();
    f.write(
        "centre.yaml",
        "short-name: The Very Long Named Institute for Applied Coastal and Ocean Engineering Studies\n\
         full-name: The Institute of Applied Coastal and Ocean Engineering Studies of the Eastern Seaboard and its Islands\n\
         parent: The Polytechnic University of the Eastern Seaboard and of its Associated Colleges\n\
         founded: 2020-01\ncity: Springfield\ncountry: Nowhere\n\
         website: https://www.the-very-long-named-institute-for-coastal-studies.example.org/en/home\n\
         email: hello@lab.example.org\n\
         tagline: A tagline that runs over two or three lines because the people who wrote it had a great deal to say about the sea\n",
    );
    f.blocks(&paragraphs("Text", 8));
    let (_, laid) = brochure(&f.content());
    for (i, page) in laid.pages.iter().enumerate() {
        assert_eq!(overlaps(page), Vec::new(), "page {}", i + 1);
    }
    let footer: String = laid.pages[1]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) if run.role == Role::Footer => Some(run.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        footer.contains("coastal-studies.example.org/en/home"),
        "{footer}"
    );
}

// 9. A5 and US Letter lay out well; booklets go on the paper's own family of sheets.
#[test]
fn every_paper_lays_out_and_booklets_use_its_family() {
    for (paper, sheet) in [
        ("A4", (297.0, 210.0)),
        ("A5", (297.0, 210.0)),
        ("Letter", (279.4, 215.9)),
    ] {
        let f = Fixture::new();
        let brand = fs::read_to_string(f.dir().join("content/brand.yaml")).unwrap();
        f.write(
            "brand.yaml",
            &brand.replace("paper: A4", &format!("paper: {paper}")),
        );
        let mut blocks = paragraphs("Text", 5);
        blocks.push_str("  - heading: Figures\n  - key-figures:\n      - {value: \"2021\", label: founded}\n      - {value: \"8\", label: domains}\n  - profile:\n      name: Ada Example\n      role: Director\n      bio: A biography of a few words.\n  - timeline:\n      - {date: 2021-03, text: Founded.}\n");
        f.blocks(&blocks);
        let content = f.content();
        let (composed, laid) = brochure(&content);
        for (i, page) in laid.pages.iter().enumerate() {
            assert_eq!(overlaps(page), Vec::new(), "{paper} page {}", i + 1);
            if i > 0 && i + 1 < laid.pages.len() {
                assert_eq!(outside_margins(page, &composed.page), Vec::new(), "{paper}");
            }
        }
        let output = f.run(&["build", "--booklet"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let doc = lopdf::Document::load(f.dir().join("output/brochure-en-booklet.pdf")).unwrap();
        for page in doc.get_pages().values() {
            let media = doc
                .get_dictionary(*page)
                .unwrap()
                .get(b"MediaBox")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_float().unwrap() * 25.4 / 72.0)
                .collect::<Vec<f32>>();
            assert!(
                (media[2] - sheet.0).abs() < 1.0 && (media[3] - sheet.1).abs() < 1.0,
                "{paper}: a {media:?} sheet"
            );
        }
    }
    // Another sheet on request.
    let f = Fixture::new();
    let output = f.run(&["build", "--booklet", "--sheet", "A3"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

// 10 and 11. Words from the locale; no Arabic face needed without Arabic.
#[test]
fn the_locale_prints_the_words_and_only_used_scripts_need_a_face() {
    let f = Fixture::new();
    f.write(
        "brochure.yaml",
        "title: {en: T, es: T}\nsubject: {en: S, es: S}\nlanguages: [en-US, es]\nblocks:\n  - heading: {en: About, es: Acerca}\n    id: about\n  - timeline:\n      - {date: 2016-10-03, text: {en: Founded., es: Fundado.}}\n",
    );
    f.write(
        "centre.yaml",
        "short-name: Test Lab\nfull-name: {en: The Lab, es: El Laboratorio}\nparent: {en: A University, es: Una Universidad}\nfounded: 2020-01\ncity: Springfield\ncountry: Nowhere\nwebsite: https://lab.example.org\nemail: hello@lab.example.org\ntagline: {en: A tagline, es: Un lema}\n",
    );
    f.write(
        "factsheet.yaml",
        "title: {en: F, es: F}\nsubject: {en: S, es: S}\nuse: [about]\n",
    );
    f.write(
        "events/day.yaml",
        "name: {en: Open day, es: Jornada}\ndays:\n  - {date: 2030-05-02, from: \"09:30\", to: \"17:00\"}\nvenue: {en: The hall, es: La sala}\ncity: Springfield\nregistration: https://lab.example.org/day\nprogramme:\n  - {time: \"09:30\", title: {en: Welcome, es: Bienvenida}}\n",
    );
    let editions = f.editions();
    let text = |laid: &Laid| -> String {
        laid.pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                Item::Text(r) => Some(r.text.replace('\u{a0}', " ")),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("|")
    };
    let (us, es) = (&editions[0], &editions[1]);
    let (_, laid) = brochure(us);
    assert!(text(&laid).contains("October 3, 2016"), "{}", text(&laid));
    let (_, handout) = lay(us, What::Handout(&us.events[0]));
    assert!(text(&handout).contains("Program"), "{}", text(&handout));
    assert!(text(&handout).contains("9:30 a.m."), "{}", text(&handout));
    let (_, laid) = brochure(es);
    assert!(
        text(&laid).contains("3 de octubre de 2016"),
        "{}",
        text(&laid)
    );
    // An Arabic edition asks for its face.
    f.write(
        "brochure.yaml",
        "title: {en: T, ar: ت}\nsubject: {en: S, ar: س}\nlanguages: [en, ar]\nblocks:\n  - heading: {en: About, ar: عن}\n    id: about\n  - paragraph: {en: Text., ar: نص.}\n",
    );
    f.write(
        "centre.yaml",
        "short-name: Test Lab\nfull-name: {en: The Lab, ar: المختبر}\nparent: {en: A University, ar: جامعة}\nfounded: 2020-01\ncity: Springfield\ncountry: Nowhere\nwebsite: https://lab.example.org\nemail: hello@lab.example.org\ntagline: {en: A tagline, ar: شعار}\n",
    );
    f.write(
        "factsheet.yaml",
        "title: {en: F, ar: ف}\nsubject: {en: S, ar: س}\nuse: [about]\n",
    );
    fs::remove_file(f.dir().join("content/events/day.yaml")).unwrap();
    let output = f.run(&["check"]);
    let log = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{log}");
    assert!(
        log.contains("the content has an edition in Arabic, but no face is named for its script"),
        "{log}"
    );
    assert!(log.contains("--> content/brand.yaml:"), "{log}");
}

// 13. Level-3 headings are bookmarked inside their level-2 heading.
#[test]
fn bookmarks_nest_every_level() {
    let f = Fixture::new();
    f.write(
        "brochure.yaml",
        "title: T\nsubject: S\nlanguages: [en]\nblocks:\n  - heading: One\n    id: about\n  - paragraph: Text.\n  - heading: Two\n    level: 2\n  - paragraph: Text.\n  - heading: Three\n    level: 3\n  - paragraph: Text.\n",
    );
    let output = f.run(&["build", "--only", "brochure"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = lopdf::Document::load(f.dir().join("output/brochure-en.pdf")).unwrap();
    let outlines = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .unwrap()
        .as_reference()
        .unwrap();
    let first = |id| {
        doc.get_dictionary(id)
            .unwrap()
            .get(b"First")
            .and_then(|f| f.as_reference())
            .ok()
    };
    let title = |id| {
        let dict = doc.get_dictionary(id).unwrap();
        let bytes = dict.get(b"Title").unwrap().as_str().unwrap().to_vec();
        lopdf::decode_text_string(&lopdf::Object::String(bytes, lopdf::StringFormat::Literal))
            .unwrap()
    };
    let one = first(outlines).unwrap();
    let two = first(one).expect("level 2 inside level 1");
    let three = first(two).expect("level 3 inside level 2");
    assert_eq!(
        (title(one), title(two), title(three)),
        ("One".into(), "Two".into(), "Three".into())
    );
}

// 14. Content written for an earlier version keeps building.
#[test]
fn content_in_the_format_of_plaquette_0_1_builds() {
    let dir = workspace("tests/fixtures/format-0.1");
    let output = run(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("error"));
}

// Images waiting for a page at the end of the text still get one, in their order; nothing
// after a contact block is lost to the back cover.
#[test]
fn waiting_images_and_text_after_the_contact_are_kept() {
    let f = Fixture::new();
    f.png("tall-a.png", 800, 4000).png("tall-b.png", 600, 2400);
    let mut blocks = paragraphs("Text", 4);
    blocks.push_str("  - image: images/tall-a.png\n    alt: First\n  - image: images/tall-b.png\n    alt: Second\n");
    blocks.push_str("  - heading: Contact\n  - contact: Write to us.\n  - paragraph: We answer within two days.\n");
    f.blocks(&blocks);
    let (_, laid) = brochure(&f.content());
    let placed: Vec<(usize, String)> = laid
        .pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| {
            page.items.iter().filter_map(move |i| match i {
                Item::Image(image) => Some((p, image.image.path.display().to_string())),
                _ => None,
            })
        })
        .filter(|(_, path)| path.contains("tall"))
        .collect();
    assert_eq!(placed.len(), 2, "{placed:?}");
    assert!(
        placed[0].1.contains("tall-a") && placed[0].0 <= placed[1].0,
        "{placed:?}"
    );
    find(&laid, "within two days");
}

/// The colour under a point of the page: the last fill drawn there before `before`, else the
/// paper; `None` over a picture.
fn ground(
    page: &plaquette::layout::frame::Page,
    before: usize,
    x: f32,
    y: f32,
) -> Option<plaquette::units::Rgb> {
    let mut colour = Some(plaquette::units::Rgb::WHITE);
    for item in page.items.iter().take(before) {
        let (rect, fill) = match item {
            Item::Fill(f) => (f.rect, Some(f.colour.rgb)),
            Item::Image(i) => (i.rect, None),
            _ => continue,
        };
        if rect.x.0 <= x && x <= rect.right().0 && rect.y.0 <= y && y <= rect.bottom().0 {
            colour = fill;
        }
    }
    colour
}

/// Small text reads at 4.5:1 on whatever it is set on, large text at 3:1 (WCAG 2 AA): the
/// accent, too light for small labels on white, is darkened for them.
#[test]
fn text_reads_on_its_ground_at_every_size() {
    for (_, content) in &every_edition() {
        let mut documents = vec![
            What::Document(Kind::Brochure),
            What::Document(Kind::Factsheet),
        ];
        documents.extend(content.events.iter().map(What::Handout));
        for what in documents {
            let (composed, laid) = lay(content, what);
            let name = format!("{:?}-{}", composed.kind, content.brochure.lang.code());
            for (p, page) in laid.pages.iter().enumerate() {
                for (i, item) in page.items.iter().enumerate() {
                    let Item::Text(run) = item else { continue };
                    if run.text.trim().is_empty() {
                        continue;
                    }
                    let (x, y) = (run.x.0 + run.width().0 / 2.0, run.y.0 - run.size.0 * 0.3);
                    let Some(ground) = ground(page, i, x, y) else {
                        continue;
                    };
                    let needed = if run.size.0 >= 14.0 { 3.0 } else { 4.5 };
                    let ratio = run.colour.rgb.contrast(ground);
                    assert!(
                        ratio >= needed - 0.01,
                        "{name} p{p}: «{}» at {:.1} pt reads at {ratio:.2}:1 on {ground:?}",
                        run.text,
                        run.size.0
                    );
                }
            }
        }
    }
}

/// Key figures are a banner the eye lands on: white numerals larger than the figure size, on
/// the brand's primary colour, the accent's bar on its start edge.
#[test]
fn key_figures_stand_on_a_banner_of_the_brand_colour() {
    for dir in [
        "content",
        "tests/fixtures/northshore",
        "tests/fixtures/all-blocks",
    ] {
        let content = plaquette::content::load(&repo().join(dir)).expect("valid");
        let figures = content.brochure.blocks.iter().find_map(|b| match &b.kind {
            plaquette::content::BlockKind::KeyFigures(f) => Some(f.clone()),
            _ => None,
        });
        let Some(figures) = figures else { continue };
        let (_, laid) = brochure(&content);
        let brand = &content.brand;
        for figure in &figures {
            let value = figure.value.clone();
            // The largest run of its first character: the numeral (an ordinal's letters may be
            // set as superscripts), not the same year in a sentence.
            let first = value.chars().next().unwrap_or(' ');
            let found = laid
                .pages
                .iter()
                .flat_map(|page| {
                    page.items
                        .iter()
                        .enumerate()
                        .filter_map(move |(i, item)| match item {
                            Item::Text(run)
                                if !run.text.trim().is_empty()
                                    && run.text.trim().starts_with(first) =>
                            {
                                Some((page, i, run))
                            }
                            _ => None,
                        })
                })
                .max_by(|a, b| a.2.size.0.total_cmp(&b.2.size.0));
            let big: Vec<String> = laid
                .pages
                .iter()
                .flat_map(|p| &p.items)
                .filter_map(|i| match i {
                    Item::Text(r) if r.size.0 > 20.0 => Some(r.text.clone()),
                    _ => None,
                })
                .collect();
            let (page, i, run) =
                found.unwrap_or_else(|| panic!("{dir}: {value:?} is set: {big:?}"));
            assert!(
                run.size.0 >= brand.type_scale.figure.0 * 1.15,
                "{dir}: «{value}» at {} pt",
                run.size.0
            );
            assert_eq!(
                run.colour.rgb,
                plaquette::units::Rgb::WHITE,
                "{dir}: «{value}»"
            );
            let x = run.x.0 + run.width().0 / 2.0;
            assert_eq!(
                ground(page, i, x, run.y.0 - run.size.0 * 0.3),
                Some(brand.colours.primary.rgb),
                "{dir}: «{value}» is on the primary colour"
            );
            // The accent's bar on the banner's start edge, level with it.
            let bar = page.items.iter().any(|item| match item {
                Item::Fill(f) => {
                    f.colour == brand.colours.accent
                        && f.rect.right().0 <= run.x.0 + 0.5
                        && f.rect.y.0 <= run.y.0
                        && f.rect.bottom().0 >= run.y.0
                }
                _ => false,
            });
            assert!(bar, "{dir}: «{value}» has no accent bar beside it");
        }
    }
}

/// The back cover draws nothing behind its text, names the parent university, and captions
/// its QR code with what it opens.
#[test]
fn the_back_cover_is_composed_without_art_behind_text() {
    for (dir, content) in every_edition() {
        let name = format!("{dir} {}", content.brochure.lang.code());
        let (_, laid) = brochure(&content);
        let back = laid.pages.last().expect("a back cover");
        let band = content.brand.colours.primary.rgb;
        for (i, item) in back.items.iter().enumerate() {
            let Item::Text(run) = item else { continue };
            let (x0, x1) = (run.x.0, run.x.0 + run.width().0);
            let (y0, y1) = (run.y.0 - run.size.0, run.y.0 + run.size.0 * 0.3);
            for x in [x0, (x0 + x1) / 2.0, x1] {
                for y in [y0, y1] {
                    let under = ground(back, i, x, y);
                    assert_eq!(
                        under,
                        Some(band),
                        "{name}: something is drawn behind «{}»",
                        run.text
                    );
                }
            }
        }
        let text: String = back
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text(run) => Some(run.text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        let bare = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert!(
            bare(&text).contains(&bare(&content.centre.parent)),
            "{name}: {text}"
        );
        // The code, and under it the address it opens.
        let code = back
            .items
            .iter()
            .find_map(|item| match item {
                Item::Image(i) if matches!(i.role, plaquette::compose::Role::Figure { .. }) => {
                    Some(i.rect)
                }
                _ => None,
            })
            .expect("a QR code");
        let caption = back.items.iter().any(|item| match item {
            Item::Text(run) => {
                run.role == plaquette::compose::Role::Caption
                    && run.y.0 > code.bottom().0
                    && run.y.0 < code.bottom().0 + 30.0
                    && content
                        .centre
                        .website
                        .display()
                        .starts_with(run.text.trim())
            }
            _ => false,
        });
        assert!(caption, "{name}: the QR code has no caption");
    }
}

/// The cover's artwork keeps clear of the logo, and its name is set larger than the inside
/// pages' display size.
#[test]
fn the_cover_art_keeps_clear_of_the_logo() {
    let mut content = plaquette::content::load(&repo().join("content")).expect("valid");
    content.brand.cover = plaquette::content::CoverLayout::Dots;
    let (_, laid) = brochure(&content);
    let cover = &laid.pages[0];
    let logo = cover
        .items
        .iter()
        .find_map(|item| match item {
            Item::Image(i) => Some(i.rect),
            _ => None,
        })
        .expect("the logo");
    let margin = 8.0;
    for item in &cover.items {
        if let Item::Fill(f) = item
            && f.round
            && f.rect.width.0 < 20.0
        {
            let apart = f.rect.right().0 < logo.x.0 - margin
                || f.rect.x.0 > logo.right().0 + margin
                || f.rect.bottom().0 < logo.y.0 - margin
                || f.rect.y.0 > logo.bottom().0 + margin;
            assert!(apart, "a dot at {:?} touches the logo at {logo:?}", f.rect);
        }
    }
    let title = cover
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some(run.size.0),
            _ => None,
        })
        .fold(0.0, f32::max);
    assert!(title > content.brand.type_scale.display.0 * 1.1, "{title}");
}

/// An icon grid is packed: under each item the next one of its column follows at the grid's
/// gap, never after blank lines left by a taller neighbour.
#[test]
fn icon_grids_pack_their_items() {
    for dir in ["content", "tests/fixtures/northshore"] {
        let content = plaquette::content::load(&repo().join(dir)).expect("valid");
        let (_, laid) = brochure(&content);
        let mut checked = 0;
        for page in &laid.pages[1..laid.pages.len() - 1] {
            let icons: Vec<plaquette::layout::frame::Rect> = page
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Image(i) if i.role == Role::Artifact && i.rect.width.0 < 30.0 => {
                        Some(i.rect)
                    }
                    _ => None,
                })
                .collect();
            for icon in &icons {
                // The next icon under it, in its column.
                let Some(next) = icons
                    .iter()
                    .filter(|o| (o.x.0 - icon.x.0).abs() < 1.0 && o.y.0 > icon.y.0)
                    .min_by(|a, b| a.y.0.total_cmp(&b.y.0))
                else {
                    continue;
                };
                let right = icons
                    .iter()
                    .filter(|o| o.x.0 > icon.x.0 + 1.0)
                    .map(|o| o.x.0)
                    .fold(f32::MAX, f32::min);
                let bottom = page
                    .items
                    .iter()
                    .filter_map(|item| match item {
                        Item::Line(l)
                            if l.rect.x.0 > icon.x.0
                                && l.rect.x.0 < right
                                && l.rect.y.0 >= icon.y.0 - 1.0
                                && l.rect.y.0 < next.y.0 =>
                        {
                            Some(l.rect.bottom().0)
                        }
                        _ => None,
                    })
                    .fold(icon.bottom().0, f32::max);
                assert!(
                    next.y.0 - bottom < 22.0,
                    "{dir}: {:.0} pt of blank under an item of an icon grid",
                    next.y.0 - bottom
                );
                checked += 1;
            }
        }
        assert!(checked > 0, "{dir}: no icon grid checked");
    }
}

/// A body's last page never holds a few lines alone: when it would, the page before ends
/// higher and gives it a third of a column. The text grows a paragraph at a time, so that the
/// last page starts nearly empty at some length.
#[test]
fn a_last_page_is_not_left_with_a_few_lines() {
    for count in 4..22 {
        let f = Fixture::new();
        f.blocks(&paragraphs("Paragraph", count));
        let content = f.content();
        let (composed, laid) = brochure(&content);
        let style = &composed.page;
        // The inside pages with text, in order.
        let inside: Vec<_> = laid
            .pages
            .iter()
            .filter(|p| p.number.is_some() && !is_notes(p))
            .collect();
        let [.., before, last] = inside.as_slice() else {
            continue;
        };
        let held = |page: &plaquette::layout::frame::Page| 1.0 - empty_below(page, style);
        let last_held = held(last);
        assert!(
            last_held >= 0.2 || held(before) <= 0.55,
            "{count} paragraphs: the last page holds {:.0} % of its column, the page before {:.0} %",
            last_held * 100.0,
            held(before) * 100.0
        );
    }
}
