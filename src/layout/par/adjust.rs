//! Adjust: how a justified line's stretch or shrink is shared between its spaces and its
//! letters, and what that costs. The line breaker scores lines by it and finalize sets them
//! by it, so a line is judged as it will look.

use super::collect::{Item, SHRINK, STRETCH};

/// How far spaces may stretch, as a share of their stretch, before letters are spaced: 0.6
/// of a stretch of half a space is 1.3 times a space.
const SPACES_BEFORE_LETTERS: f32 = 0.6;
/// And shrink before letters are brought together: three quarters of their shrink, to 0.75
/// times a space.
const SPACES_SHRINK_BEFORE_LETTERS: f32 = 0.75;
/// The share of their stretch letters take while spaces are within their bounds: half of
/// [`super::collect::LETTER_STRETCH`], 1 % of an em. The other half is a last resort, for a
/// line whose spaces would otherwise pass 1.5 times their width.
const LETTERS_WITHIN_BOUNDS: f32 = 0.5;
/// Expansion weighs this much against spaces in a line's badness: glyphs 2 % wider cost as
/// much as spaces stretched by a quarter.
const EXPANSION_WEIGHT: f32 = 0.5;

/// A line's leeway one way (stretch, or shrink), in points: its spaces', its glyphs' width
/// (expansion) and its letter-spacing's.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Leeway {
    pub spaces: f32,
    pub expand: f32,
    pub letters: f32,
}

/// How much of each part of its leeway a line takes: 1 is all of its stretch, -1 all of its
/// shrink. Only spaces go past 1, when nothing else is left.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Adjust {
    pub spaces: f32,
    pub expand: f32,
    pub letters: f32,
}

#[derive(Clone, Copy)]
enum Part {
    Spaces,
    Expand,
    Letters,
}

/// How a line's adjustment `ratio` (a share of all its stretch, or of its shrink when
/// negative) falls on the leeway of its items: see [`share`].
pub fn of_items(items: &[Item], ratio: f32) -> Adjust {
    let mut leeway = Leeway::default();
    for item in items {
        let stretching = ratio >= 0.0;
        match item {
            Item::Glue {
                stretch, shrink, ..
            } => leeway.spaces += if stretching { stretch.0 } else { shrink.0 },
            Item::Box {
                stretch,
                shrink,
                expand,
                ..
            } => {
                leeway.letters += if stretching { stretch.0 } else { shrink.0 };
                leeway.expand += expand.0;
            }
            Item::Penalty { .. } => {}
        }
    }
    share(ratio, leeway)
}

/// Shares `ratio` of all of `leeway` among its parts. Glyphs expand first, up to 2 %, as in
/// pdfTeX and microtype, so that spaces stay near their width from line to line; then spaces
/// take the rest, up to 1.3 times their width (or down to 0.75); letters only what is left,
/// up to 1 % of an em; spaces again up to their bound; and only then letters up to 2 %, and
/// spaces what letters cannot. Letter-spacing is the last resort, as in InDesign's and
/// microtype's practice.
pub fn share(ratio: f32, leeway: Leeway) -> Adjust {
    if ratio == 0.0 || !ratio.is_finite() {
        return Adjust {
            spaces: ratio,
            expand: 0.0,
            letters: 0.0,
        };
    }
    let mut left = ratio.abs() * (leeway.spaces + leeway.expand + leeway.letters);
    let mut taken = Leeway::default();
    let stages: [(Part, f32); 5] = if ratio > 0.0 {
        [
            (Part::Expand, 1.0),
            (Part::Spaces, SPACES_BEFORE_LETTERS),
            (Part::Letters, LETTERS_WITHIN_BOUNDS),
            (Part::Spaces, 1.0),
            (Part::Letters, 1.0),
        ]
    } else {
        [
            (Part::Expand, 1.0),
            (Part::Spaces, SPACES_SHRINK_BEFORE_LETTERS),
            (Part::Letters, 1.0),
            (Part::Spaces, 1.0),
            (Part::Letters, 1.0),
        ]
    };
    for (part, up_to) in stages {
        let (taken, whole) = match part {
            Part::Spaces => (&mut taken.spaces, leeway.spaces),
            Part::Expand => (&mut taken.expand, leeway.expand),
            Part::Letters => (&mut taken.letters, leeway.letters),
        };
        let more = (whole * up_to - *taken).max(0.0).min(left);
        *taken += more;
        left -= more;
    }
    // What no part can take goes to the spaces, or to the letters of a line without any, or
    // its glyphs': past their bounds, it is scored as the bad line it is.
    if leeway.spaces > 0.0 {
        taken.spaces += left;
    } else if leeway.letters > 0.0 {
        taken.letters += left;
    } else {
        taken.expand += left;
    }
    let of = |taken: f32, whole: f32| {
        if whole > 0.0 {
            ratio.signum() * taken / whole
        } else {
            0.0
        }
    };
    let spaces = if leeway.spaces > 0.0 {
        of(taken.spaces, leeway.spaces)
    } else if leeway.letters > 0.0 || leeway.expand > 0.0 {
        0.0
    } else {
        // Nothing to adjust with: the line is as far off as it is.
        ratio
    };
    Adjust {
        spaces,
        expand: of(taken.expand, leeway.expand),
        letters: of(taken.letters, leeway.letters),
    }
}

/// How far a line's spaces are from their width, as a share of their stretch: shrinking
/// counts alike, so that a space at 0.9 is as far off as one at 1.1.
pub fn spaces_off(spaces: f32) -> f32 {
    if spaces < 0.0 {
        spaces * SHRINK / STRETCH
    } else {
        spaces
    }
}

/// The badness of a line set so (100 = spaces at their full stretch), as TeX reckons it from
/// the cube of how far it is off: of its spaces, its expansion (weighed less) and its
/// letter-spacing, summed.
pub fn badness(a: Adjust) -> f32 {
    if !a.spaces.is_finite() {
        return 10_000.0;
    }
    // Weighed less within its bound only: a line that only expansion could fill (a long
    // address cut into pieces) is as bad as it looks past it.
    let within = a.expand.abs().min(1.0);
    let expand = within * EXPANSION_WEIGHT + (a.expand.abs() - within);
    let off = spaces_off(a.spaces).abs().powi(3) + expand.abs().powi(3) + a.letters.abs().powi(3);
    (100.0 * off).min(10_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: Adjust, (spaces, expand, letters): (f32, f32, f32)) -> bool {
        (a.spaces - spaces).abs() < 1e-5
            && (a.expand - expand).abs() < 1e-5
            && (a.letters - letters).abs() < 1e-5
    }

    #[test]
    fn glyphs_expand_first_spaces_next_and_letters_last() {
        // Spaces of 10, expansion of 2, letters of 4 (20 in all).
        let l = Leeway {
            spaces: 10.0,
            expand: 2.0,
            letters: 4.0,
        };
        // 0.1 of all (1.6): expansion alone.
        assert!(near(share(0.1, l), (0.0, 0.8, 0.0)));
        // 0.25 (4): expansion all, spaces 2 (1.1 times their width).
        assert!(near(share(0.25, l), (0.2, 1.0, 0.0)));
        // 0.75 (12): expansion, spaces to 1.3 times (6), letters half (2, 1 % of an em),
        // spaces the rest (2).
        assert!(near(share(0.75, l), (0.8, 1.0, 0.5)));
        // All: every part to its bound.
        assert!(near(share(1.0, l), (1.0, 1.0, 1.0)));
        assert!(near(share(0.9, l), (1.0, 1.0, 0.6)));
        // Past all bounds, the spaces take the rest.
        assert!(near(share(1.5, l), (1.8, 1.0, 1.0)));
        // Shrinking: expansion, then spaces by three quarters of their shrink.
        assert!(near(share(-0.5, l), (-0.6, -1.0, 0.0)));
        // Arabic: spaces alone.
        let arabic = Leeway {
            spaces: 10.0,
            ..Leeway::default()
        };
        assert!(near(share(0.5, arabic), (0.5, 0.0, 0.0)));
        // A line of one word has no spaces: its letters take what is left.
        let word = Leeway {
            spaces: 0.0,
            expand: 1.0,
            letters: 1.0,
        };
        assert!(near(share(1.5, word), (0.0, 1.0, 2.0)));
        // A line of one letter has only its expansion.
        let letter = Leeway {
            expand: 1.0,
            ..Leeway::default()
        };
        assert!(near(share(3.0, letter), (0.0, 3.0, 0.0)));
        assert!(badness(share(3.0, letter)) > 100.0);
        // Half again past its bound scores as spaces at their full stretch do.
        assert!(badness(share(1.5, letter)) >= 100.0 - 1e-3);
    }

    #[test]
    fn a_line_is_scored_as_it_will_look() {
        let set = |spaces, expand, letters| Adjust {
            spaces,
            expand,
            letters,
        };
        // Spaces at 1.3 (0.6 of their stretch) and nothing else.
        assert!((badness(set(0.6, 0.0, 0.0)) - 21.6).abs() < 1e-3);
        // Expansion and letter-spacing add to it.
        assert!(badness(set(0.6, 1.0, 0.0)) > badness(set(0.6, 0.0, 0.0)));
        assert!(badness(set(0.6, 0.0, 0.5)) > badness(set(0.6, 0.0, 0.0)));
        // Glyphs at their widest cost less than spaces at theirs.
        assert!(badness(set(0.0, 1.0, 0.0)) < badness(set(1.0, 0.0, 0.0)));
        // Shrinking spaces as far costs as much as stretching them as far.
        let shrunk = -STRETCH / SHRINK * 0.6;
        assert!((badness(set(shrunk, 0.0, 0.0)) - badness(set(0.6, 0.0, 0.0))).abs() < 1e-3);
        assert_eq!(badness(set(f32::INFINITY, 0.0, 0.0)), 10_000.0);
    }
}
