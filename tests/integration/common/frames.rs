//! Properties of laid-out pages, checked on the frames: overlaps, margins, empty space.

use plaquette::compose::{PageStyle, Role};
use plaquette::layout::frame::{Item, Page, Rect};

/// The box a text run's ink may take: its advance across, a size tall around its baseline.
pub fn ink(run: &plaquette::layout::frame::TextRun) -> Rect {
    let size = run.size;
    Rect {
        x: run.x,
        y: run.y - size * 0.75,
        width: run.width(),
        height: size,
    }
}

fn intersection(a: &Rect, b: &Rect) -> f32 {
    let w = (a.right().0.min(b.right().0) - a.x.0.max(b.x.0)).max(0.0);
    let h = (a.bottom().0.min(b.bottom().0) - a.y.0.max(b.y.0)).max(0.0);
    w * h
}

/// Texts of a page drawn over one another, or over an image that is not a background: each
/// pair as their two texts. (Runs of one line touch; a tolerance of a point square allows it.)
pub fn overlaps(page: &Page) -> Vec<(String, String)> {
    let runs: Vec<(Rect, &str)> = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) if !run.glyphs.is_empty() && !run.text.trim().is_empty() => {
                Some((ink(run), run.text.as_str()))
            }
            _ => None,
        })
        .collect();
    let images: Vec<(Rect, String)> = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Image(image) if image.role != Role::Artifact => {
                Some((image.rect, image.image.path.display().to_string()))
            }
            _ => None,
        })
        .collect();
    let mut found = Vec::new();
    for (i, (a, ta)) in runs.iter().enumerate() {
        for (b, tb) in runs.iter().skip(i + 1) {
            // A run overlaps another of its own line only if their advances cross.
            let same_line = (a.y.0 - b.y.0).abs() < 0.01;
            let area = intersection(a, b);
            let limit = if same_line { a.height.0 * 0.5 } else { 1.0 };
            if area > limit {
                found.push(((*ta).to_owned(), (*tb).to_owned()));
            }
        }
        for (image, path) in &images {
            if intersection(a, image) > 1.0 {
                found.push(((*ta).to_owned(), path.clone()));
            }
        }
    }
    found
}

/// Lines of running text (not covers, footers or artifacts) that leave the type area of their
/// page: their text, and by how much.
pub fn outside_margins(page: &Page, style: &PageStyle) -> Vec<(String, f32)> {
    let (left, right) = (
        style.inner.min(style.outer).0 - 0.5,
        (style.width - style.inner.min(style.outer)).0 + 4.0,
    );
    let (top, bottom) = (style.top.0 - 0.5, (style.height - style.bottom).0 + 0.5);
    let mut out = Vec::new();
    for item in &page.items {
        let Item::Line(line) = item else { continue };
        if line.role.is_artifact() {
            continue;
        }
        let ink_left = line.rect.x.0 + line.start.0;
        let ink_right = line.rect.x.0 + line.end.0;
        let baseline = line.rect.y.0;
        let off = (left - ink_left)
            .max(ink_right - right)
            .max(top - baseline)
            .max(baseline - bottom);
        if off > 0.0 {
            out.push((format!("line at y {baseline:.0}"), off));
        }
    }
    out
}

/// How much of the type area's height is left empty under the lowest content of the page, as
/// a fraction (footers and artifacts aside).
pub fn empty_below(page: &Page, style: &PageStyle) -> f32 {
    let lowest = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Line(line) if !line.role.is_artifact() => Some(line.rect.y.0),
            Item::Image(image) if image.role != Role::Artifact => Some(image.rect.bottom().0),
            Item::Fill(fill) if fill.rect.y.0 > style.top.0 - 1.0 => Some(fill.rect.bottom().0),
            _ => None,
        })
        .filter(|y| *y <= (style.height - style.bottom).0 + 1.0)
        .fold(style.top.0, f32::max);
    let area = (style.height - style.bottom - style.top).0;
    ((style.height - style.bottom).0 - lowest) / area
}

/// Whether the page is a page left for notes.
pub fn is_notes(page: &Page) -> bool {
    !page.items.iter().any(|item| match item {
        Item::Line(line) => !line.role.is_artifact(),
        Item::Image(_) => true,
        _ => false,
    })
}

/// The size most of the running text (paragraphs) is set at, by count of characters.
pub fn body_size(pages: &[Page]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for item in pages.iter().flat_map(|p| &p.items) {
        if let Item::Text(run) = item
            && run.role == Role::Paragraph
        {
            let count = run.text.chars().count();
            match sizes
                .iter_mut()
                .find(|(s, _)| (*s - run.size.0).abs() < 0.01)
            {
                Some((_, n)) => *n += count,
                None => sizes.push((run.size.0, count)),
            }
        }
    }
    sizes.iter().max_by_key(|s| s.1).map_or(0.0, |s| s.0)
}
