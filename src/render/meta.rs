//! What the PDF says about itself: metadata and bookmarks.

use chrono::{DateTime, Datelike, Timelike, Utc};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::{DateTime as PdfDate, Metadata, TextDirection};
use krilla::outline::{Outline, OutlineNode};

use crate::compose::{Meta, Role};
use crate::layout::frame::{Item, Page};

/// A heading as the outline gathers it.
struct Heading<'a> {
    level: u8,
    /// Its runs, each with whether it starts a new line.
    runs: Vec<(&'a str, bool)>,
    page: usize,
    /// The top of its first line.
    top: f32,
    block: usize,
}

/// Bookmarks from the headings: sections at the top, their sub-headings inside.
/// `at` says where a height on a page is in the PDF: which page of it, and how high.
pub fn outline(pages: &[Page], at: impl Fn(usize, f32) -> Option<(usize, f32)>) -> Outline {
    // Each heading's runs (with whether each starts a line) and where it starts.
    let mut headings: Vec<Heading> = Vec::new();
    let mut last_y = 0.0;
    for (index, page) in pages.iter().enumerate() {
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            let Role::Heading(level) = run.role else {
                continue;
            };
            match headings.last_mut() {
                Some(last) if last.block == run.block && last.page == index => {
                    last.runs.push((run.text.as_str(), run.y.0 != last_y));
                }
                _ => headings.push(Heading {
                    level,
                    runs: vec![(run.text.as_str(), false)],
                    page: index,
                    top: run.y.0 - run.size.0,
                    block: run.block,
                }),
            }
            last_y = run.y.0;
        }
    }
    let mut outline = Outline::new();
    // The open headings, each inside the one before: a heading closes those of its level and
    // below, and goes inside the one left on top.
    let mut open: Vec<(u8, OutlineNode)> = Vec::new();
    let close = |open: &mut Vec<(u8, OutlineNode)>, outline: &mut Outline| {
        if let Some((_, node)) = open.pop() {
            match open.last_mut() {
                Some((_, parent)) => parent.push_child(node),
                None => outline.push_child(node),
            }
        }
    };
    for Heading {
        level,
        runs,
        page,
        top: y,
        ..
    } in headings
    {
        let text = super::tags::join_lines(runs);
        let Some((page, y)) = at(page, y) else {
            continue;
        };
        let node = OutlineNode::new(
            text,
            XyzDestination::new(page, Point::from_xy(0.0, y.max(0.0))),
        );
        while open.last().is_some_and(|(l, _)| *l >= level) {
            close(&mut open, &mut outline);
        }
        open.push((level, node));
    }
    while !open.is_empty() {
        close(&mut open, &mut outline);
    }
    outline
}

pub fn metadata(meta: &Meta, created: DateTime<Utc>, document_id: &str) -> Metadata {
    let date = PdfDate::new(created.year().clamp(0, 9999) as u16)
        .month(created.month() as u8)
        .day(created.day() as u8)
        .hour(created.hour() as u8)
        .minute(created.minute() as u8)
        .second(created.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    Metadata::new()
        .title(meta.title.clone())
        .authors(vec![meta.author.clone()])
        .description(meta.subject.clone())
        .keywords(meta.keywords.clone())
        .language(meta.lang.code().to_owned())
        .creator(format!("plaquette {}", env!("CARGO_PKG_VERSION")))
        .producer(format!("plaquette {} (krilla)", env!("CARGO_PKG_VERSION")))
        // krilla writes the same date as the modification date.
        .creation_date(date)
        .document_id(document_id.to_owned())
        // Viewers show right-to-left documents with the first page on the right.
        .text_direction(if meta.lang.rtl() {
            TextDirection::RightToLeft
        } else {
            TextDirection::LeftToRight
        })
}
