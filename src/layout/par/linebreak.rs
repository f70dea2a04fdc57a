//! Linebreak: Knuth and Plass's total-fit algorithm over the collected items.
//!
//! Every feasible break is scored by the badness of the line it ends (how far its spaces are
//! stretched or shrunk), its penalty, and demerits for hyphens in a row and for a tight line
//! next to a loose one; the breaks with the least total demerits win. Passes go from strict
//! to lenient: without hyphenation, with it, looser, any looseness, and at last breaking even
//! at no-break spaces.

use super::collect::{FORCED, Item};
use super::{adjust, kashida};
use crate::units::Pt;

/// Where the chosen lines end, and how their glue is set.
#[derive(Clone, Debug, PartialEq)]
pub struct Break {
    /// The item the line breaks at.
    pub at: usize,
    /// Glue adjustment: positive stretches (1 = full stretch), negative shrinks.
    pub ratio: f32,
    /// The line ends with a hyphen.
    pub flagged: bool,
}

struct Pass {
    /// The most badness a line may have (100 = spaces at their full stretch).
    tolerance: f32,
    hyphenate: bool,
    /// Break at any space, even where Unicode's rules would keep words together.
    anywhere: bool,
}

const PASSES: [Pass; 5] = [
    Pass {
        tolerance: 100.0,
        hyphenate: false,
        anywhere: false,
    },
    Pass {
        tolerance: 100.0,
        hyphenate: true,
        anywhere: false,
    },
    Pass {
        tolerance: 400.0,
        hyphenate: true,
        anywhere: false,
    },
    // Loose lines rather than a broken no-break space ("mars 2021"), and that only last.
    Pass {
        tolerance: f32::INFINITY,
        hyphenate: true,
        anywhere: false,
    },
    Pass {
        tolerance: f32::INFINITY,
        hyphenate: true,
        anywhere: true,
    },
];

/// How far, in points, a line's width may be from its measure and still fit it exactly.
const FITS: f32 = 0.001;
const LINE_PENALTY: f32 = 10.0;
const DOUBLE_HYPHEN_DEMERITS: f32 = 3000.0;
const ADJACENT_DEMERITS: f32 = 10_000.0;
/// A hyphen on the line before a paragraph's last: the last line would start with a scrap.
const FINAL_HYPHEN_DEMERITS: f32 = 100_000.0;
/// At most this many hyphenated lines in a row.
const MAX_HYPHENS_IN_A_ROW: u8 = 2;

/// Chooses breaks for `items` on lines of `measure`. Ragged text gives every line `ragged`
/// extra stretch instead of stretching its spaces. Justified Arabic counts on its kashidas:
/// each line may stretch by `kashida` for each of its words that have one, up to
/// [`kashida::USUAL`]'s count of them.
pub fn breaks(items: &[Item], measure: Pt, ragged: Option<Pt>, kashida: Pt) -> Vec<Break> {
    let sums = Sums::new(items);
    for pass in &PASSES {
        if let Some(breaks) = run(items, &sums, (measure, ragged, kashida), pass) {
            return breaks;
        }
    }
    // Unreachable in practice: the last pass accepts any line that fits, and no box is wider
    // than the measure. Still, never lose text: everything on one line.
    vec![Break {
        at: items.len().saturating_sub(1),
        ratio: 0.0,
        flagged: false,
    }]
}

#[derive(Clone)]
struct Node {
    /// The item broken at; `None` for the paragraph's start.
    at: Option<usize>,
    /// First item of the line after this break.
    start: usize,
    fitness: u8,
    demerits: f32,
    previous: Option<usize>,
    ratio: f32,
    flagged: bool,
    hyphens: u8,
}

/// Running sums of width, stretch and shrink over the items before each index, of the
/// spaces' stretch and shrink alone, and of the words with a kashida.
struct Sums {
    width: Vec<f32>,
    stretch: Vec<f32>,
    shrink: Vec<f32>,
    glue_stretch: Vec<f32>,
    glue_shrink: Vec<f32>,
    expand: Vec<f32>,
    kashidas: Vec<usize>,
}

/// A line's width, and its stretch and shrink: all of it, the spaces' share and the glyphs'
/// expansion (either way).
struct Extent {
    width: f32,
    stretch: f32,
    shrink: f32,
    glue_stretch: f32,
    glue_shrink: f32,
    expand: f32,
}

impl Sums {
    fn new(items: &[Item]) -> Sums {
        let mut sums = Sums {
            width: vec![0.0],
            stretch: vec![0.0],
            shrink: vec![0.0],
            glue_stretch: vec![0.0],
            glue_shrink: vec![0.0],
            expand: vec![0.0],
            kashidas: vec![0],
        };
        let (mut w, mut y, mut z, mut k) = (0.0, 0.0, 0.0, 0);
        let (mut gy, mut gz, mut e) = (0.0, 0.0, 0.0);
        for item in items {
            if let Item::Box {
                kashida: Some(_), ..
            } = item
            {
                k += 1;
            }
            sums.kashidas.push(k);
            let (width, stretch, shrink) = item.metrics();
            w += width.0;
            y += stretch.0;
            z += shrink.0;
            sums.width.push(w);
            sums.stretch.push(y);
            sums.shrink.push(z);
            match item {
                Item::Glue { .. } => {
                    gy += stretch.0;
                    gz += shrink.0;
                }
                Item::Box { expand, .. } => e += expand.0,
                Item::Penalty { .. } => {}
            }
            sums.glue_stretch.push(gy);
            sums.glue_shrink.push(gz);
            sums.expand.push(e);
        }
        sums
    }

    fn between(&self, from: usize, to: usize) -> Extent {
        let get =
            |v: &Vec<f32>| v.get(to).copied().unwrap_or(0.0) - v.get(from).copied().unwrap_or(0.0);
        Extent {
            width: get(&self.width),
            stretch: get(&self.stretch),
            shrink: get(&self.shrink),
            glue_stretch: get(&self.glue_stretch),
            glue_shrink: get(&self.glue_shrink),
            expand: get(&self.expand),
        }
    }
}

/// The first item of a line that starts after a break at `at`: glue and penalties vanish at
/// a line start.
fn line_start(items: &[Item], at: usize) -> usize {
    let mut i = at + 1;
    while let Some(item) = items.get(i) {
        match item {
            Item::Box { .. } => break,
            Item::Penalty { cost, .. } if *cost <= FORCED => break,
            _ => i += 1,
        }
    }
    i
}

fn fitness(ratio: f32) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

fn run(
    items: &[Item],
    sums: &Sums,
    (measure, ragged, kashida): (Pt, Option<Pt>, Pt),
    pass: &Pass,
) -> Option<Vec<Break>> {
    let mut nodes = vec![Node {
        at: None,
        start: 0,
        fitness: 1,
        demerits: 0.0,
        previous: None,
        ratio: 0.0,
        flagged: false,
        hyphens: 0,
    }];
    let mut active: Vec<usize> = vec![0];
    let last = items.len().saturating_sub(1);
    for (b, item) in items.iter().enumerate() {
        let (penalty_width, cost, flagged) = match item {
            Item::Glue { breakable, .. } => {
                let after_box = b > 0 && matches!(items.get(b - 1), Some(Item::Box { .. }));
                if !after_box || !(*breakable || pass.anywhere && b < last.saturating_sub(1)) {
                    continue;
                }
                (0.0, 0.0, false)
            }
            Item::Penalty {
                width,
                cost,
                flagged,
                hyphen,
            } => {
                if hyphen.is_some() && !pass.hyphenate {
                    continue;
                }
                (width.0, *cost, *flagged)
            }
            Item::Box { .. } => continue,
        };
        let forced = cost <= FORCED;
        let mut candidates: Vec<Node> = Vec::new();
        active.retain(|&a| {
            let Some(node) = nodes.get(a) else {
                return false;
            };
            let line = sums.between(node.start, b);
            let (width, mut stretch, mut shrink) =
                (line.width + penalty_width, line.stretch, line.shrink);
            let words = sums.kashidas.get(b).copied().unwrap_or(0)
                - sums.kashidas.get(node.start).copied().unwrap_or(0);
            // Kashidas stretch a line as its spaces do, and before them.
            let kashidas = kashida.0 * words.min(kashida::USUAL.count) as f32;
            stretch += kashidas;
            let mut glue = (line.glue_stretch + kashidas, line.glue_shrink);
            if let Some(extra) = ragged {
                stretch = extra.0 + if b == last { stretch } else { 0.0 };
                // Ragged lines keep their natural spaces: none is squeezed to pull a word up.
                shrink = 0.0;
                glue = (stretch, 0.0);
            }
            // A line as wide as its measure to within rounding (a paragraph set at the width
            // it was measured at, its advances summed in another order) fits exactly.
            let ratio = if (width - measure.0).abs() <= FITS {
                0.0
            } else if width < measure.0 {
                if stretch > 0.0 {
                    (measure.0 - width) / stretch
                } else {
                    f32::INFINITY
                }
            } else if shrink > 0.0 {
                (measure.0 - width) / shrink
            } else {
                f32::NEG_INFINITY
            };
            if ratio < -1.0 {
                // Overfull: no later break from this node can do better.
                return false;
            }
            // Scored as finalize will set it: glyphs expanded first, letters spaced last.
            let (spaces, total) = if ratio >= 0.0 {
                (glue.0, stretch)
            } else {
                (glue.1, shrink)
            };
            // A ragged line, or a paragraph's last, is set at its natural width: its glyphs
            // are not expanded (its spaces' stretch is endless anyway).
            let expand = if ragged.is_some() || b == last {
                0.0
            } else {
                line.expand
            };
            let set = adjust::share(
                ratio,
                adjust::Leeway {
                    spaces,
                    expand,
                    letters: (total - spaces - expand).max(0.0),
                },
            );
            let badness = adjust::badness(set);
            let hyphens = if flagged { node.hyphens + 1 } else { 0 };
            let feasible = (badness <= pass.tolerance || forced && ratio.is_finite())
                && hyphens <= MAX_HYPHENS_IN_A_ROW;
            if feasible {
                let mut demerits = (LINE_PENALTY + badness).powi(2);
                if cost > 0.0 {
                    demerits += cost * cost;
                } else if !forced {
                    demerits -= cost * cost;
                }
                if flagged && node.flagged {
                    demerits += DOUBLE_HYPHEN_DEMERITS;
                }
                if b == last && node.flagged {
                    demerits += FINAL_HYPHEN_DEMERITS;
                }
                let fit = fitness(adjust::spaces_off(set.spaces));
                if fit.abs_diff(node.fitness) > 1 {
                    demerits += ADJACENT_DEMERITS;
                }
                candidates.push(Node {
                    at: Some(b),
                    start: line_start(items, b),
                    fitness: fit,
                    demerits: node.demerits + demerits,
                    previous: Some(a),
                    ratio: if ratio.is_finite() { ratio } else { 0.0 },
                    flagged,
                    hyphens,
                });
            }
            // After a forced break, every line must start after it.
            !forced
        });
        // Keep the best new node per fitness class.
        for class in 0..4u8 {
            let best = candidates
                .iter()
                .filter(|n| n.fitness == class)
                .min_by(|x, y| x.demerits.total_cmp(&y.demerits));
            if let Some(best) = best {
                active.push(nodes.len());
                nodes.push(best.clone());
            }
        }
        if active.is_empty() {
            return None;
        }
    }
    let end = active
        .iter()
        .filter_map(|&a| nodes.get(a).map(|n| (a, n)))
        .filter(|(_, n)| n.at == Some(last))
        .min_by(|(_, x), (_, y)| x.demerits.total_cmp(&y.demerits))
        .map(|(a, _)| a)?;
    let mut breaks = Vec::new();
    let mut cursor = Some(end);
    while let Some(i) = cursor {
        let node = nodes.get(i)?;
        if let Some(at) = node.at {
            breaks.push(Break {
                at,
                ratio: node.ratio,
                flagged: node.flagged,
            });
        }
        cursor = node.previous;
    }
    breaks.reverse();
    Some(breaks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(width: f32) -> Item {
        Item::Box {
            glyphs: 0..0,
            width: Pt(width),
            stretch: Pt::ZERO,
            shrink: Pt::ZERO,
            expand: Pt::ZERO,
            kashida: None,
        }
    }

    fn space() -> Item {
        Item::Glue {
            glyphs: 0..0,
            width: Pt(3.0),
            stretch: Pt(1.5),
            shrink: Pt(0.6),
            breakable: true,
        }
    }

    fn end() -> [Item; 2] {
        [
            Item::Glue {
                glyphs: 0..0,
                width: Pt::ZERO,
                stretch: super::super::collect::FILL,
                shrink: Pt::ZERO,
                breakable: false,
            },
            Item::Penalty {
                width: Pt::ZERO,
                cost: FORCED,
                flagged: false,
                hyphen: None,
            },
        ]
    }

    #[test]
    fn total_fit_prefers_even_lines() {
        // Ten words of 20 pt and spaces of 3 pt: 4 words a line fit 89 pt exactly.
        let mut items = Vec::new();
        for i in 0..8 {
            if i > 0 {
                items.push(space());
            }
            items.push(word(20.0));
        }
        items.extend(end());
        let chosen = breaks(&items, Pt(89.0), None, Pt::ZERO);
        assert_eq!(chosen.len(), 2);
        assert!(chosen[0].ratio.abs() < 1e-3, "{chosen:?}");
    }

    #[test]
    fn a_paragraph_always_ends_at_its_last_item() {
        let mut items = vec![word(50.0), space(), word(50.0)];
        items.extend(end());
        let chosen = breaks(&items, Pt(60.0), None, Pt::ZERO);
        assert_eq!(chosen.last().map(|b| b.at), Some(items.len() - 1));
        assert_eq!(chosen.len(), 2);
    }
}
