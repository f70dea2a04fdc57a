//! Measuring the typesetting from the frames: how even the justified edges are, how far
//! spaces were stretched, hyphens, widows, orphans and stranded headings.

use std::fmt;

use super::frame::{Item, LineInfo, Page};
use crate::compose::Role;
use crate::units::Pt;

/// What `plaquette inspect` prints for a document.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Report {
    pub pages: usize,
    pub lines: usize,
    pub justified_lines: usize,
    /// The largest distance, in points, between a justified line's optical right edge and its
    /// measure (last lines of paragraphs excepted).
    pub edge_spread: f32,
    /// Inter-word space over its natural width, in justified lines: min, median, max.
    pub spaces: Option<(f32, f32, f32)>,
    pub hyphenated_lines: usize,
    /// The most hyphenated lines in a row within one paragraph.
    pub longest_hyphen_run: usize,
    /// A paragraph's last line alone at the top of a column.
    pub widows: usize,
    /// A paragraph's first line alone at the foot of a column.
    pub orphans: usize,
    /// A heading that is the last thing in its column.
    pub stranded_headings: usize,
    /// Columns whose last line ends with an added hyphen.
    pub hyphenated_column_ends: usize,
    /// Display lines (headings, cover lines, the lead) ending with an added hyphen.
    pub hyphenated_display_lines: usize,
    /// Letter-spacing of justified lines, in em: the largest either way, and the largest
    /// change from one line of a paragraph to the next.
    pub tracking_max: f32,
    pub tracking_change: f32,
    /// Font expansion of justified lines, as a share of the glyphs' width: the largest
    /// either way.
    pub expansion_max: f32,
    /// Kashidas (Arabic): how many, the most on one line, and how many elongate a word too
    /// short for one.
    pub kashidas: usize,
    pub kashidas_in_a_line: usize,
    pub kashidas_in_short_words: usize,
}

/// A line with where it sits.
struct Placed<'a> {
    page: usize,
    info: &'a LineInfo,
}

impl Placed<'_> {
    /// Lines of one column share a page and a left edge (within a column's width).
    fn same_column(&self, other: &Placed) -> bool {
        self.page == other.page && (self.info.rect.x - other.info.rect.x).abs().0 < 1.0
    }
}

pub fn inspect(pages: &[Page]) -> Report {
    let lines: Vec<Placed> = pages
        .iter()
        .enumerate()
        .flat_map(|(page, p)| {
            p.items.iter().filter_map(move |item| match item {
                Item::Line(info) if !info.role.is_artifact() => Some(Placed { page, info }),
                _ => None,
            })
        })
        .collect();
    let mut report = Report {
        pages: pages.len(),
        lines: lines.len(),
        ..Report::default()
    };
    let mut ratios = Vec::new();
    for line in &lines {
        let info = line.info;
        if info.hyphenated {
            report.hyphenated_lines += 1;
            if info.display {
                report.hyphenated_display_lines += 1;
            }
        }
        report.kashidas += info.kashidas.len();
        report.kashidas_in_a_line = report.kashidas_in_a_line.max(info.kashidas.len());
        report.kashidas_in_short_words += info
            .kashidas
            .iter()
            .filter(|w| super::par::kashida::is_short(w))
            .count();
        if info.justified {
            report.tracking_max = report.tracking_max.max(info.tracking.abs());
            report.expansion_max = report.expansion_max.max(info.expansion.abs());
            report.justified_lines += 1;
            let spread = (info.end - info.rect.width).abs().0;
            report.edge_spread = report.edge_spread.max(spread);
            ratios.extend(info.space_ratio);
        }
    }
    ratios.sort_by(f32::total_cmp);
    if let (Some(min), Some(max)) = (ratios.first(), ratios.last()) {
        let median = ratios.get(ratios.len() / 2).copied().unwrap_or(*min);
        report.spaces = Some((*min, median, *max));
    }
    // Per paragraph: hyphen runs, widows and orphans.
    let mut blocks: Vec<usize> = lines.iter().map(|l| l.info.block).collect();
    blocks.sort_unstable();
    blocks.dedup();
    for block in blocks {
        let para: Vec<&Placed> = lines.iter().filter(|l| l.info.block == block).collect();
        // An entry of the contents is a title and its page number side by side, not a
        // paragraph split across columns.
        if para.iter().any(|l| l.info.role == Role::Contents) {
            continue;
        }
        for pair in para.windows(2) {
            if let [a, b] = pair
                && a.info.justified
                && b.info.justified
            {
                let change = (a.info.tracking - b.info.tracking).abs();
                report.tracking_change = report.tracking_change.max(change);
            }
        }
        let mut run = 0;
        for line in &para {
            run = if line.info.hyphenated { run + 1 } else { 0 };
            report.longest_hyphen_run = report.longest_hyphen_run.max(run);
        }
        let mut fragments: Vec<usize> = Vec::new();
        for (i, line) in para.iter().enumerate() {
            match i.checked_sub(1).and_then(|j| para.get(j)) {
                Some(previous) if previous.same_column(line) => {
                    if let Some(last) = fragments.last_mut() {
                        *last += 1;
                    }
                }
                _ => fragments.push(1),
            }
        }
        if fragments.len() > 1 {
            if fragments.first() == Some(&1) {
                report.orphans += 1;
            }
            if fragments.last() == Some(&1) {
                report.widows += 1;
            }
        }
    }
    // The last line of each column: where the next line is in another column, or none is.
    for (i, line) in lines.iter().enumerate() {
        let ends_column = lines.get(i + 1).is_none_or(|next| {
            next.page != line.page || next.info.rect.y < line.info.rect.y && !line.same_column(next)
        });
        if ends_column && line.info.hyphenated {
            report.hyphenated_column_ends += 1;
        }
    }
    // Headings: the next line in reading order must be in the same column.
    for (i, line) in lines.iter().enumerate() {
        if !matches!(line.info.role, Role::Heading(_)) || !line.info.last {
            continue;
        }
        // What follows a heading sits under it, or level with it for a sidebar heading (a
        // few lines higher at most, beside a section number); a line far above the heading
        // went on to the next column.
        let first_y = lines
            .iter()
            .filter(|l| l.page == line.page && l.info.block == line.info.block)
            .map(|l| l.info.rect.y)
            .fold(line.info.rect.y, Pt::min);
        let stranded = match lines.get(i + 1) {
            None => true,
            Some(next) => {
                next.page != line.page || next.info.rect.y + line.info.rect.height * 3.0 < first_y
            }
        };
        if stranded {
            report.stranded_headings += 1;
        }
    }
    report
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  pages                {}", self.pages)?;
        writeln!(
            f,
            "  lines                {} ({} justified)",
            self.lines, self.justified_lines
        )?;
        writeln!(f, "  right-edge spread    {:.3} pt", self.edge_spread)?;
        match self.spaces {
            Some((min, median, max)) => writeln!(
                f,
                "  inter-word spaces    min {min:.2} · median {median:.2} · max {max:.2} × natural"
            )?,
            None => writeln!(f, "  inter-word spaces    none justified")?,
        }
        writeln!(
            f,
            "  hyphenated lines     {} (at most {} in a row)",
            self.hyphenated_lines, self.longest_hyphen_run
        )?;
        writeln!(f, "  widows               {}", self.widows)?;
        writeln!(f, "  orphans              {}", self.orphans)?;
        writeln!(f, "  stranded headings    {}", self.stranded_headings)?;
        writeln!(
            f,
            "  columns ending on a hyphen {}",
            self.hyphenated_column_ends
        )?;
        writeln!(
            f,
            "  hyphens in display   {}",
            self.hyphenated_display_lines
        )?;
        writeln!(
            f,
            "  letter-spacing       at most {:.2} % em · change between lines {:.2} % em",
            self.tracking_max * 100.0,
            self.tracking_change * 100.0
        )?;
        writeln!(
            f,
            "  font expansion       at most {:.2} %",
            self.expansion_max * 100.0
        )?;
        writeln!(
            f,
            "  kashidas             {} (at most {} a line, {} in short words)",
            self.kashidas, self.kashidas_in_a_line, self.kashidas_in_short_words
        )
    }
}
