//! Properties of layout on generated content: every line fits its measure, justified lines
//! fill it, text is neither lost nor repeated, paragraphs split across columns keep at least
//! two lines on each side, and nothing leaves the text area.

// Tests may panic: a panic is a failed assertion.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::Path;

use plaquette::compose::{self, Kind, Role, What};
use plaquette::content::{self, Block, BlockKind, Content, Inline};
use plaquette::diag::Span;
use plaquette::fonts::FontBook;
use plaquette::layout::{self, frame::Item};
use proptest::prelude::*;

use crate::common::lay_out;

fn default_content() -> Content {
    content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).expect("valid")
}

fn paragraph(text: String) -> Block {
    Block {
        id: None,
        kind: BlockKind::Paragraph(Inline::plain(text)),
        origin: Span {
            file: "generated.yaml".into(),
            line: 1,
            column: 1,
        },
    }
}

/// Words of French text, some long enough to need hyphenation, and one that needs a forced
/// break in a narrow column.
const WORDS: &[&str] = &[
    "le",
    "centre",
    "de",
    "recherche",
    "en",
    "intelligence",
    "artificielle",
    "au",
    "Maroc,",
    "développement",
    "transformations",
    "opérationnelles",
    "et",
    "éthiques.",
    "l’écosystème",
    "savoir-faire",
    "2021",
    "internationales",
    "UM6P",
    "Afrique",
    "anticonstitutionnellement",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..120).prop_map(|w| w.join(" "))
}

/// Text for comparison: no whitespace, no hyphens (added ones at line ends, or real ones a
/// line may break after, written U+2010 there).
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}' | '\u{2010}'))
        .collect()
}

struct Line {
    x: f32,
    right: f32,
    y: f32,
    text: String,
}

/// The body lines of each paragraph block, in reading order, with the page and column they
/// are on.
fn body_lines(pages: &[layout::frame::Page]) -> BTreeMap<usize, Vec<(usize, Line)>> {
    let mut blocks: BTreeMap<usize, Vec<(usize, Line)>> = BTreeMap::new();
    for (p, page) in pages.iter().enumerate() {
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            if run.role != Role::Paragraph {
                continue;
            }
            let lines = blocks.entry(run.block).or_default();
            match lines.last_mut() {
                Some((lp, line)) if *lp == p && (line.y - run.y.0).abs() < 0.01 => {
                    line.right = line.right.max(run.x.0 + run.width().0);
                    line.x = line.x.min(run.x.0);
                    line.text.push_str(&run.text);
                }
                _ => lines.push((
                    p,
                    Line {
                        x: run.x.0,
                        right: run.x.0 + run.width().0,
                        y: run.y.0,
                        text: run.text.clone(),
                    },
                )),
            }
        }
    }
    blocks
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn paragraphs_fit_fill_and_keep_their_text(texts in prop::collection::vec(text_strategy(), 1..14)) {
        let mut content = default_content();
        content.brochure.blocks = texts.iter().cloned().map(paragraph).collect();
        let composed = compose::compose(&content, Kind::Brochure);
        let book = FontBook::bundled().expect("fonts");
        let laid = layout::layout(&composed, &book, None).expect("brochures grow pages");
        let style = &composed.page;
        // Every set line fits its measure (optical edges); a justified line reaches it with
        // spaces of at most 1.5 times their width (a hard bound); a line that would need more
        // is set ragged, and reported.
        let mut ragged = false;
        let inside = &laid.pages[1..laid.pages.len() - 1];
        for item in inside.iter().flat_map(|p| &p.items) {
            if let Item::Line(info) = item {
                prop_assert!(info.end.0 <= info.rect.width.0 + 0.05, "a line overshoots its measure");
                if info.justified && !info.last {
                    prop_assert!((info.end.0 - info.rect.width.0).abs() <= 0.1, "a justified line falls short");
                    prop_assert!(info.space_ratio.is_none_or(|r| r <= 1.505), "spaces past their bound");
                }
                ragged |= !info.justified && !info.last && info.role == Role::Paragraph;
            }
        }
        if ragged {
            prop_assert!(
                laid.warnings.iter().any(|w| w.message.contains("could not be justified")),
                "a line set ragged went unreported"
            );
        }
        let blocks = body_lines(&laid.pages);
        // Cover and footer paragraphs are not body blocks: keep the ones set from `texts`.
        let body: Vec<&Vec<(usize, Line)>> = blocks
            .values()
            .filter(|lines| lines.iter().all(|(p, _)| *p > 0 && *p + 1 < laid.pages.len()))
            .collect();
        prop_assert_eq!(body.len(), texts.len());
        for (lines, text) in body.iter().zip(&texts) {
            let joined: String = lines.iter().map(|(_, l)| l.text.as_str()).collect::<Vec<_>>().join(" ");
            prop_assert_eq!(squash(&joined), squash(text), "text lost or repeated");
            for (p, line) in lines.iter() {
                let page = &laid.pages[*p];
                let top = style.top.0 - 0.01;
                let bottom = style.height.0 - style.bottom.0 + 0.01;
                prop_assert!(line.y > top && line.y < bottom, "line off the text area at y {}", line.y);
                let columns = layout::columns(style, page.number.unwrap_or(1));
                let (column_left, column) = columns
                    .iter()
                    .rev()
                    .map(|(x, w)| (x.0, w.0))
                    .find(|(x, _)| line.x >= x - 2.0)
                    .expect("a line is in a column");
                // Opening quotes may hang into the margin; letters may not.
                prop_assert!(line.x >= column_left - 2.0, "line starts before its column");
                let protrusion = match line.text.trim_end().chars().last() {
                    Some('-' | '\u{ad}' | '\u{2010}' | '.' | ',' | ':' | ';' | '!' | '?' | '’' | '»' | '”') => 4.0,
                    _ => 0.0,
                };
                let overshoot = line.right - (column_left + column) - protrusion;
                prop_assert!(overshoot <= 0.05, "line «{}» overshoots its column by {overshoot} pt", line.text);
            }
            // Split paragraphs keep at least two lines on each side of every split.
            let mut runs: Vec<usize> = Vec::new();
            let mut previous: Option<(usize, f32)> = None;
            for (p, line) in lines.iter() {
                let same_column = previous.is_some_and(|(pp, py)| pp == *p && line.y > py);
                match runs.last_mut() {
                    Some(count) if same_column => *count += 1,
                    _ => runs.push(1),
                }
                previous = Some((*p, line.y));
            }
            if lines.len() >= 4 && runs.len() > 1 {
                prop_assert!(runs.iter().all(|&n| n >= 2), "a split leaves a lone line: {runs:?}");
            }
        }
    }
}

#[test]
fn the_fact_sheet_is_one_page_and_overflow_names_the_block() {
    let mut content = default_content();
    let (_, laid) = lay_out(&content, What::Document(Kind::Factsheet), None).expect("fits");
    assert_eq!(laid.pages.len(), 1);

    let long = "Un paragraphe qui se répète pour remplir la page. ".repeat(60);
    let mut block = paragraph(long);
    block.origin.line = 42;
    content.factsheet.blocks.push(block);
    let error = lay_out(&content, What::Document(Kind::Factsheet), None).expect_err("too long");
    let diagnostic = error.to_diagnostic();
    assert!(
        diagnostic
            .message
            .starts_with("the fact sheet does not fit on one page: it overflows by ")
    );
    assert_eq!(diagnostic.span.map(|s| s.line), Some(42));
}

/// Grows every text of the fact sheet by a fifth.
fn grown(text: &Inline) -> Inline {
    let plain = text.text();
    let extra: String = plain.chars().take(plain.chars().count() / 5).collect();
    let mut spans = text.0.clone();
    spans.push(plaquette::content::InlineSpan {
        text: format!(" {}", extra.trim()),
        ..Default::default()
    });
    Inline(spans)
}

#[test]
fn the_fact_sheet_still_fits_when_its_texts_grow_by_a_fifth() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let editions = content::load_with(&dir, &content::Options::default())
        .expect("valid")
        .editions;
    for mut content in editions {
        for block in &mut content.factsheet.blocks {
            match &mut block.kind {
                BlockKind::Paragraph(text) | BlockKind::Lead(text) => *text = grown(text),
                BlockKind::List { items, .. } => items.iter_mut().for_each(|i| *i = grown(i)),
                BlockKind::Profile(p) => p.bio = grown(&p.bio),
                _ => {}
            }
        }
        let laid = lay_out(&content, What::Document(Kind::Factsheet), None);
        assert!(
            laid.is_ok(),
            "{}: {:?}",
            content.brochure.lang.code(),
            laid.err().map(|e| e.to_string())
        );
    }
}

#[test]
fn blocks_stay_inside_the_margins_and_never_overlap() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut editions = content::load_with(&dir, &content::Options::default())
        .expect("valid")
        .editions;
    editions.push(
        content::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/all-blocks"))
            .expect("fixture"),
    );
    for content in &editions {
        for kind in Kind::ALL {
            let (composed, laid) = lay_out(content, What::Document(kind), None).expect("laid out");
            let s = &composed.page;
            let name = format!("{}-{}", kind.stem(), content.brochure.lang.code());
            // Covers are full-bleed artwork; inside pages keep to the margins.
            for (p, page) in laid.pages.iter().enumerate() {
                if kind == Kind::Brochure && (p == 0 || p + 1 == laid.pages.len()) {
                    continue;
                }
                let left = s.inner.min(s.outer).0 - 4.5;
                let right = s.width.0 - s.inner.min(s.outer).0 + 4.5;
                let mut lines: Vec<(f32, f32, f32, f32, usize)> = Vec::new();
                // A header band runs from the page's top edge: its titles are in it, not in
                // the type area.
                let band = page
                    .items
                    .iter()
                    .filter_map(|item| match item {
                        Item::Fill(f) if f.rect.y.0 <= 0.0 => Some(f.rect.bottom().0),
                        _ => None,
                    })
                    .fold(0.0f32, f32::max);
                for item in &page.items {
                    match item {
                        Item::Text(run) if !run.role.is_artifact() => {
                            let (x0, x1) = (run.x.0, run.x.0 + run.width().0);
                            assert!(
                                x0 >= left && x1 <= right,
                                "{name} p{p}: «{}» leaves the margins ({x0:.1}–{x1:.1})",
                                run.text
                            );
                            assert!(
                                (run.y.0 >= s.top.0 - 0.5 || run.y.0 < band)
                                    && run.y.0 <= s.height.0 - s.bottom.0 + 0.5,
                                "{name} p{p}: «{}» leaves the type area",
                                run.text
                            );
                        }
                        Item::Image(img) if !img.role.is_artifact() => {
                            assert!(
                                img.rect.x.0 >= left && img.rect.right().0 <= right,
                                "{name} p{p}: an image leaves the margins"
                            );
                        }
                        Item::Line(info) => {
                            let x = info.rect.x.0;
                            lines.push((
                                x + info.start.0,
                                x + info.end.0,
                                info.rect.y.0 - info.rect.height.0 * 0.7,
                                info.rect.y.0 + info.rect.height.0 * 0.2,
                                info.block,
                            ));
                        }
                        _ => {}
                    }
                }
                for (i, a) in lines.iter().enumerate() {
                    for b in lines.iter().skip(i + 1) {
                        let apart =
                            a.4 == b.4 || a.1 <= b.0 || b.1 <= a.0 || a.3 <= b.2 || b.3 <= a.2;
                        assert!(
                            apart,
                            "{name} p{p}: lines of blocks {} and {} overlap",
                            a.4, b.4
                        );
                    }
                }
            }
        }
    }
}

/// A block of generated content: running text with inline styles, lists, quotes, key figures
/// and timelines, in French or Arabic.
#[derive(Clone, Debug)]
enum Generated {
    Para(Vec<(String, bool, bool)>),
    List(Vec<String>),
    Quote(String),
    Figures(Vec<(String, String)>),
    Timeline(Vec<String>),
}

const ARABIC: &[&str] = &[
    "الذكاء",
    "الاصطناعي",
    "في",
    "خدمة",
    "المغرب",
    "مركز",
    "البحث",
    "2021",
    "UM6P",
    "التنمية",
    "والابتكار،",
    "الجامعة.",
];

fn words(arabic: bool, range: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    let pool = if arabic { ARABIC } else { WORDS };
    prop::collection::vec(prop::sample::select(pool), range).prop_map(|w| w.join(" "))
}

fn generated(arabic: bool) -> impl Strategy<Value = Generated> {
    prop_oneof![
        prop::collection::vec((words(arabic, 1..12), any::<bool>(), any::<bool>()), 1..5)
            .prop_map(Generated::Para),
        prop::collection::vec(words(arabic, 1..25), 1..6).prop_map(Generated::List),
        words(arabic, 3..40).prop_map(Generated::Quote),
        prop::collection::vec((words(arabic, 1..2), words(arabic, 1..6)), 1..6)
            .prop_map(Generated::Figures),
        prop::collection::vec(words(arabic, 2..30), 1..12).prop_map(Generated::Timeline),
    ]
}

fn block(generated: &Generated) -> Block {
    use plaquette::content::{InlineSpan, KeyFigure, Milestone, When, YearMonth};
    let kind = match generated {
        Generated::Para(spans) => BlockKind::Paragraph(Inline(
            spans
                .iter()
                .map(|(text, strong, emphasis)| InlineSpan {
                    text: format!("{text} "),
                    strong: *strong,
                    emphasis: *emphasis,
                    link: None,
                })
                .collect(),
        )),
        Generated::List(items) => BlockKind::List {
            items: items.iter().cloned().map(Inline::plain).collect(),
            numbered: items.len().is_multiple_of(2),
            icons: None,
        },
        Generated::Quote(text) => BlockKind::Quote {
            text: Inline::plain(text.clone()),
            by: None,
        },
        Generated::Figures(figures) => BlockKind::KeyFigures(
            figures
                .iter()
                .map(|(value, label)| KeyFigure {
                    value: value.clone(),
                    label: label.clone(),
                })
                .collect(),
        ),
        Generated::Timeline(texts) => BlockKind::Timeline(
            texts
                .iter()
                .map(|text| Milestone {
                    date: When::Month(YearMonth::parse("2021-03").expect("a month")),
                    text: Inline::plain(text.clone()),
                })
                .collect(),
        ),
    };
    Block {
        kind,
        ..paragraph(String::new())
    }
}

/// Every word of `text`, without spaces and hyphens.
fn words_of(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(squash)
        .filter(|w| !w.is_empty())
        .collect()
}

fn edition(code: &str) -> Content {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let options = content::Options {
        langs: Some(vec![content::Lang::parse(code).expect("a locale")]),
        fallback: None,
    };
    content::load_with(&dir, &options)
        .expect("valid")
        .editions
        .remove(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Mixed blocks, left to right or right to left, with inline styles, lists, boxes and
    /// timelines: laid out on pages where nothing overlaps, nothing leaves its measure and every
    /// word is set.
    #[test]
    fn mixed_blocks_in_either_direction_lay_out_whole(
        (arabic, blocks) in any::<bool>().prop_flat_map(|a| (Just(a), prop::collection::vec(generated(a), 1..10)))
    ) {
        let mut content = edition(if arabic { "ar" } else { "fr" });
        content.brochure.blocks = blocks.iter().map(block).collect();
        let composed = compose::compose(&content, Kind::Brochure);
        let book = FontBook::bundled().expect("fonts");
        let laid = layout::layout(&composed, &book, None).expect("brochures grow pages");
        prop_assert!(laid.pages.len().is_multiple_of(2), "an odd page count");
        let mut set = String::new();
        for page in &laid.pages {
            for item in &page.items {
                match item {
                    Item::Text(run) => {
                        set.push_str(&run.text);
                        set.push(' ');
                    }
                    Item::Line(info) => {
                        prop_assert!(info.end.0 <= info.rect.width.0 + 0.05, "a line overshoots its measure");
                    }
                    _ => {}
                }
            }
        }
        let set = squash(&set);
        for block in &content.brochure.blocks {
            let texts: Vec<String> = match &block.kind {
                BlockKind::Paragraph(text) => vec![text.text()],
                BlockKind::List { items, .. } => items.iter().map(Inline::text).collect(),
                BlockKind::Quote { text, .. } => vec![text.text()],
                BlockKind::KeyFigures(figures) => figures.iter().flat_map(|f| [f.value.clone(), f.label.clone()]).collect(),
                BlockKind::Timeline(milestones) => milestones.iter().map(|m| m.text.text()).collect(),
                _ => Vec::new(),
            };
            for word in texts.iter().flat_map(|t| words_of(t)) {
                prop_assert!(set.contains(&word), "«{word}» is not set");
            }
        }
    }

    /// The fact sheet's columns come out even, whatever its paragraphs.
    #[test]
    fn the_fact_sheet_balances_its_columns(texts in prop::collection::vec(words(false, 8..60), 2..9)) {
        let mut content = edition("fr");
        content.factsheet.blocks = texts.iter().cloned().map(paragraph).collect();
        let (composed, laid) = lay_out(&content, What::Document(Kind::Factsheet), None)
            .expect("short enough for a page");
        prop_assert_eq!(laid.pages.len(), 1);
        let columns = layout::columns(&composed.page, 1);
        let middle = columns[1].0 .0;
        let (mut left, mut right) = (0.0f32, 0.0f32);
        for item in &laid.pages[0].items {
            if let Item::Line(info) = item && info.role == Role::Paragraph {
                let foot = if info.rect.x.0 < middle { &mut left } else { &mut right };
                *foot = foot.max(info.rect.y.0);
            }
        }
        // Even, but for what the splitting rules cost (two lines each side of a split, a
        // column not ending on a hyphen, the space between paragraphs on the grid).
        if right > 0.0 {
            let leading = composed.page.grid.0;
            prop_assert!((left - right).abs() <= leading * 4.0 + 0.5, "columns end at {left} and {right}");
        }
    }
}

/// A timeline split across pages keeps two entries at least on each side, as a paragraph
/// keeps two lines: none alone at a page's foot or head, and a timeline of three moves whole.
/// The filler before it grows a line at a time, so that every place of the break is tried.
#[test]
fn a_timeline_split_across_pages_keeps_two_entries_on_each_side() {
    use plaquette::content::{Milestone, When, YearMonth};
    let book = FontBook::bundled().expect("fonts");
    let mut split = 0;
    for entries in [3, 5] {
        for lines in 0..70 {
            let mut content = edition("en");
            let filler = "Filler words that take their room on the page ".repeat(lines);
            let timeline = Block {
                kind: BlockKind::Timeline(
                    (0..entries)
                        .map(|i| Milestone {
                            date: When::Month(YearMonth::parse("2021-03").expect("a month")),
                            text: Inline::plain(format!(
                                "Entry{i} marks a step of the centre's history, told in a \
                                 sentence long enough to take two lines of the column."
                            )),
                        })
                        .collect(),
                ),
                ..paragraph(String::new())
            };
            // Text after it, so that its break is not the last page's (see `last_page`).
            let after = "Words after the timeline, a page of them ".repeat(60);
            content.brochure.blocks = vec![paragraph(filler), timeline, paragraph(after)];
            let laid = layout::layout(&compose::compose(&content, Kind::Brochure), &book, None)
                .expect("laid out");
            // The page of each entry, by the word that starts it.
            let mut pages: BTreeMap<usize, usize> = BTreeMap::new();
            for (p, page) in laid.pages.iter().enumerate() {
                for item in &page.items {
                    if let Item::Text(run) = item
                        && let Some(i) =
                            (0..entries).find(|i| run.text.contains(&format!("Entry{i}")))
                    {
                        pages.insert(i, p);
                    }
                }
            }
            assert_eq!(
                pages.len(),
                entries,
                "{entries} entries after {lines} lines: {pages:?}"
            );
            let mut per_page: BTreeMap<usize, usize> = BTreeMap::new();
            for p in pages.values() {
                *per_page.entry(*p).or_default() += 1;
            }
            if per_page.len() > 1 {
                split += 1;
            }
            assert!(
                per_page.values().all(|&n| n >= 2),
                "{entries} entries after {lines} lines of filler, by page: {per_page:?}"
            );
        }
    }
    // The sweep did reach the foot of a page with a timeline of five.
    assert!(split > 0, "no timeline was split");
}
