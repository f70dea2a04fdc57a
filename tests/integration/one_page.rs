//! One-page documents use their page. The fact sheet is set at the largest size that fits,
//! its columns reach the foot without a hole, an icon grid runs across the page, a footer
//! strip closes it; a handout is set as large as its page allows, its footer says who holds
//! the event.

use crate::common::*;
use plaquette::compose::{Kind, PageStyle, Role, What};
use plaquette::content::{self, BlockKind, Content};
use plaquette::layout::frame::{Item, Page};
use plaquette::layout::{self, Laid};

/// Every edition of the default content and of the second one.
fn editions() -> Vec<Content> {
    every_edition().into_iter().map(|(_, c)| c).collect()
}

fn factsheet(content: &Content) -> (PageStyle, Laid) {
    let (composed, laid) = lay_out(content, What::Document(Kind::Factsheet), None)
        .unwrap_or_else(|e| panic!("{}", e.to_diagnostic()));
    (composed.page, laid)
}

fn name(content: &Content) -> String {
    format!("factsheet-{}", content.brochure.lang.code())
}

/// The text of a page's footer.
fn footer_text(page: &Page) -> String {
    page.items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) if run.role == Role::Footer => Some(run.text.as_str()),
            _ => None,
        })
        .collect()
}

/// The foot of the header band (a fill from the page's top edge), where the text begins.
fn below_header(page: &Page) -> f32 {
    page.items
        .iter()
        .filter_map(|item| match item {
            Item::Fill(f) if f.rect.y.0 <= 0.0 => Some(f.rect.bottom().0),
            _ => None,
        })
        .fold(0.0, f32::max)
}

/// The widest empty band in each text column between the header and the foot of the type
/// area (what reaches into a column: its lines, boxes and pictures, and anything across the
/// page), as a fraction of the page's height.
fn holes(page: &Page, style: &PageStyle) -> Vec<f32> {
    let top = below_header(page);
    let foot = (style.height - style.bottom).0;
    layout::columns(style, 1)
        .iter()
        .map(|&(x, width)| {
            let (left, right) = (x.0, (x + width).0);
            let mut extents: Vec<(f32, f32)> = page
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Line(l) if !l.role.is_artifact() => Some(l.rect),
                    Item::Image(i) => Some(i.rect),
                    Item::Fill(f) if f.rect.y.0 > top => Some(f.rect),
                    _ => None,
                })
                .filter(|r| r.x.0 < right && r.right().0 > left && r.y.0 >= top - 1.0)
                .filter(|r| r.y.0 < foot)
                .map(|r| (r.y.0, r.bottom().0.min(foot)))
                .collect();
            extents.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut reach = top;
            let mut widest: f32 = 0.0;
            for (y0, y1) in extents {
                widest = widest.max(y0 - reach);
                reach = reach.max(y1);
            }
            widest = widest.max(foot - reach);
            widest / style.height.0
        })
        .collect()
}

#[test]
fn the_fact_sheet_fills_its_page_without_a_hole() {
    for content in &editions() {
        let (style, laid) = factsheet(content);
        let name = name(content);
        assert_eq!(laid.pages.len(), 1, "{name}");
        let page = &laid.pages[0];
        for (column, hole) in holes(page, &style).iter().enumerate() {
            assert!(
                *hole <= 0.15,
                "{name}: column {column} has a hole of {:.0} % of the page",
                hole * 100.0
            );
        }
        // Body text (the size most of the running text is set at) at 9 pt at least, and no
        // warning that it is smaller.
        let body = crate::common::frames::body_size(&laid.pages);
        assert!(body >= 9.0 - 1e-3, "{name}: body at {body} pt");
        let smaller = laid
            .warnings
            .iter()
            .find(|w| w.message.contains(" pt to fit"));
        assert!(smaller.is_none(), "{name}: {smaller:?}");
        // A strip at the foot names the website.
        let footer = footer_text(page);
        let site = content.centre.website.display();
        assert!(footer.contains(site), "{name}: footer «{footer}»");
    }
}

/// Headings of the two columns that end up within two lines of each other are brought level:
/// a line apart, they look like a mistake.
#[test]
fn headings_across_the_columns_sit_level() {
    for content in &editions() {
        let (style, laid) = factsheet(content);
        let name = name(content);
        let columns = layout::columns(&style, 1);
        let column_of = |x: f32| {
            columns
                .iter()
                .position(|&(left, width)| x >= left.0 - 1.0 && x < (left + width).0)
        };
        let page = &laid.pages[0];
        let headings: Vec<_> = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Line(l) if matches!(l.role, Role::Heading(_)) => Some(l.rect),
                _ => None,
            })
            .collect();
        // The first line of each heading, with its column.
        let firsts: Vec<(usize, f32)> = headings
            .iter()
            .filter(|r| {
                !headings
                    .iter()
                    .any(|o| o.x == r.x && o.y.0 < r.y.0 && o.y.0 > r.y.0 - 1.5 * r.height.0)
            })
            .filter_map(|r| column_of(r.x.0).map(|c| (c, r.y.0)))
            .collect();
        let mut pairs = 0;
        for &(ca, ya) in &firsts {
            for &(cb, yb) in &firsts {
                if ca + 1 == cb && (ya - yb).abs() <= 2.0 * style.grid.0 + 0.5 {
                    pairs += 1;
                    assert!(
                        (ya - yb).abs() < 0.5,
                        "{name}: headings of columns {ca} and {cb} at {ya:.1} and {yb:.1} pt"
                    );
                }
            }
        }
        // Both contents have headings side by side (the first pair, under the key figures).
        assert!(pairs >= 1, "{name}: no headings side by side: {firsts:?}");
    }
}

#[test]
fn the_icon_grid_runs_across_the_page_under_the_columns() {
    for content in &editions() {
        let has_grid = content
            .factsheet
            .blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::List { icons: Some(_), .. }));
        if !has_grid {
            continue;
        }
        let (style, laid) = factsheet(content);
        let name = name(content);
        // The icons of the grid: decorative images, several on one row across both columns.
        let icons: Vec<(f32, f32)> = laid.pages[0]
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Image(i) if i.role == Role::Artifact && i.rect.width.0 < 40.0 => {
                    Some((i.rect.x.0, i.rect.y.0))
                }
                _ => None,
            })
            .collect();
        let first_row = icons.iter().map(|i| i.1).fold(f32::MAX, f32::min);
        let row: Vec<f32> = icons
            .iter()
            .filter(|i| (i.1 - first_row).abs() < 1.0)
            .map(|i| i.0)
            .collect();
        let columns = layout::columns(&style, 1);
        let middle = columns[1].0.0;
        assert!(row.len() >= 3, "{name}: {row:?}");
        assert!(
            row.iter().any(|x| *x < middle) && row.iter().any(|x| *x > middle),
            "{name}: the grid's first row stays in one column: {row:?}"
        );
    }
}

/// A fact sheet far too short for its page is set at the largest size, and its text stays
/// with its heading.
#[test]
fn a_short_fact_sheet_keeps_its_heading_with_its_text() {
    let content = content::load(&repo().join("tests/fixtures/minimal")).expect("valid");
    let (_, laid) = factsheet(&content);
    let report = layout::inspect(&laid.pages);
    assert_eq!(report.stranded_headings, 0, "{report}");
    let lines: Vec<_> = laid.pages[0]
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Line(l) if !l.role.is_artifact() && l.rect.y.0 > below_header(&laid.pages[0]) => {
                Some(l)
            }
            _ => None,
        })
        .collect();
    for pair in lines.windows(2) {
        if matches!(pair[0].role, Role::Heading(_)) && pair[0].last {
            assert!(
                pair[1].rect.y >= pair[0].rect.bottom(),
                "the text after a heading went to another column"
            );
        }
    }
}

/// A handout is set as large as its page allows: it fills the page, or (a short programme)
/// is set at its largest size; its footer says who holds the event and how to reach them;
/// its titles keep clear of the halo round the logo.
#[test]
fn a_handout_uses_its_page_and_keeps_clear_of_the_logo() {
    let mut editions = editions();
    // Titles that fill every line of the band.
    for content in &mut editions {
        if let Some(first) = content.events.first() {
            let mut long = first.clone();
            long.slug = "long-titles".into();
            long.name = "A symposium whose name runs on and on across the band ".repeat(2);
            long.venue = "The great hall of the institute, on its campus by the water".into();
            content.events.push(long);
        }
    }
    for content in &editions {
        for event in &content.events {
            let (composed, laid) = lay_out(content, What::Handout(event), None)
                .unwrap_or_else(|e| panic!("{}", e.to_diagnostic()));
            let name = format!("{}-{}", event.slug, content.brochure.lang.code());
            let page = &laid.pages[0];
            if laid.pages.len() == 1 {
                let hole = holes(page, &composed.page)[0];
                let body = crate::common::frames::body_size(&laid.pages);
                let largest = content.brand.type_scale.body.0 * 1.39;
                assert!(
                    hole <= 0.15 || body >= largest,
                    "{name}: a hole of {:.0} % under text at {body} pt",
                    hole * 100.0
                );
            }
            for page in &laid.pages {
                let footer = footer_text(page);
                assert!(
                    footer.contains(content.centre.email.as_str()),
                    "{name}: footer «{footer}»"
                );
            }
            // The halo: the round fill in the header band.
            let band = below_header(page);
            let halo = page
                .items
                .iter()
                .find_map(|item| match item {
                    Item::Fill(f) if f.round && f.rect.y.0 < band => Some(f.rect),
                    _ => None,
                })
                .expect("a halo round the logo");
            for item in &page.items {
                if let Item::Text(run) = item
                    && run.y.0 < band
                {
                    let (left, right) = (run.x.0, run.x.0 + run.width().0);
                    assert!(
                        right <= halo.x.0 || left >= halo.right().0,
                        "{name}: «{}» runs into the logo's halo",
                        run.text
                    );
                }
            }
        }
    }
}

/// A fact sheet that fits only under 9 pt is set all the same, with a warning that says at
/// what size and what to do.
#[test]
fn a_fact_sheet_set_small_to_fit_says_so() {
    let base = content::load(&repo().join("content")).expect("valid");
    let sentence = "Une phrase de plus pour allonger la fiche d’information d’une ligne. ";
    let warned = (1..40).find_map(|n| {
        let mut content = base.clone();
        content
            .factsheet
            .blocks
            .push(paragraph_block(&sentence.repeat(n)));
        let (_, laid) = lay_out(&content, What::Document(Kind::Factsheet), None).ok()?;
        laid.warnings
            .into_iter()
            .find(|w| w.message.contains(" pt to fit"))
    });
    let warning = warned.expect("some length fits only under 9 pt");
    let words: Vec<&str> = warning.message.split(' ').collect();
    assert_eq!(words[..5], ["the", "fact", "sheet", "is", "set"]);
    let size: f32 = words[6].parse().expect("a size");
    assert!((8.4..9.0).contains(&size), "{}", warning.message);
    assert!(
        warning
            .message
            .ends_with("pt to fit its page, under the 9.0 pt that reads well"),
        "{}",
        warning.message
    );
    assert_eq!(
        warning.hints,
        ["shorten its blocks, or give them a `short` form"]
    );
}

/// A paragraph block of `text`.
fn paragraph_block(text: &str) -> content::Block {
    content::Block {
        id: None,
        kind: BlockKind::Paragraph(content::Inline::plain(text)),
        origin: plaquette::diag::Span {
            file: repo().join("content/brochure.yaml"),
            line: 1,
            column: 1,
        },
    }
}
