//! Lengths and colours with their unit in the type.
//!
//! Everything geometric in plaquette is a [`Pt`] (1/72 inch, PDF's user unit). Writers give
//! lengths in millimetres or points in the theme ([`Length`]), which convert once, at
//! validation time.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// A length in PostScript points.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Pt(pub f32);

/// A length in millimetres.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Mm(pub f32);

impl Pt {
    pub const ZERO: Pt = Pt(0.0);

    pub fn max(self, other: Pt) -> Pt {
        Pt(self.0.max(other.0))
    }

    pub fn min(self, other: Pt) -> Pt {
        Pt(self.0.min(other.0))
    }

    pub fn abs(self) -> Pt {
        Pt(self.0.abs())
    }

    pub fn to_mm(self) -> Mm {
        Mm(self.0 * 25.4 / 72.0)
    }
}

impl From<Mm> for Pt {
    fn from(mm: Mm) -> Pt {
        Pt(mm.0 * 72.0 / 25.4)
    }
}

impl fmt::Display for Pt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1} pt", self.0)
    }
}

impl fmt::Display for Mm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1} mm", self.0)
    }
}

impl Add for Pt {
    type Output = Pt;
    fn add(self, rhs: Pt) -> Pt {
        Pt(self.0 + rhs.0)
    }
}

impl Sub for Pt {
    type Output = Pt;
    fn sub(self, rhs: Pt) -> Pt {
        Pt(self.0 - rhs.0)
    }
}

impl AddAssign for Pt {
    fn add_assign(&mut self, rhs: Pt) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Pt {
    fn sub_assign(&mut self, rhs: Pt) {
        self.0 -= rhs.0;
    }
}

impl Mul<f32> for Pt {
    type Output = Pt;
    fn mul(self, rhs: f32) -> Pt {
        Pt(self.0 * rhs)
    }
}

impl Div<f32> for Pt {
    type Output = Pt;
    fn div(self, rhs: f32) -> Pt {
        Pt(self.0 / rhs)
    }
}

impl Div for Pt {
    type Output = f32;
    fn div(self, rhs: Pt) -> f32 {
        self.0 / rhs.0
    }
}

impl Neg for Pt {
    type Output = Pt;
    fn neg(self) -> Pt {
        Pt(-self.0)
    }
}

impl Sum for Pt {
    fn sum<I: Iterator<Item = Pt>>(iter: I) -> Pt {
        iter.fold(Pt::ZERO, Add::add)
    }
}

/// A length as a writer gives it in the theme: `20mm`, `12pt` or `1.5cm`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Length(Pt);

impl Length {
    /// Parses `<number><unit>` with unit `mm`, `cm` or `pt`; negative lengths are refused.
    pub fn parse(text: &str) -> Option<Length> {
        let text = text.trim();
        let split = text.find(|c: char| c.is_ascii_alphabetic())?;
        let (number, unit) = text.split_at(split);
        let value: f32 = number.trim().parse().ok()?;
        if !value.is_finite() || value < 0.0 {
            return None;
        }
        let pt = match unit {
            "mm" => Pt::from(Mm(value)),
            "cm" => Pt::from(Mm(value * 10.0)),
            "pt" => Pt(value),
            _ => return None,
        };
        Some(Length(pt))
    }

    pub fn pt(self) -> Pt {
        self.0
    }
}

/// An sRGB colour, parsed from `#RRGGBB`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// WCAG 2 relative luminance.
    pub fn luminance(self) -> f32 {
        let channel = |c: u8| {
            let c = c as f32 / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG 2 contrast ratio with `other`, from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Mixes this colour with white: `amount` 0 gives the colour, 1 gives white.
    pub fn tint(self, amount: f32) -> Rgb {
        let mix = |c: u8| (c as f32 + (255.0 - c as f32) * amount.clamp(0.0, 1.0)).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }

    /// Mixes this colour with black: `amount` 0 gives the colour, 1 gives black.
    pub fn shade(self, amount: f32) -> Rgb {
        let mix = |c: u8| (c as f32 * (1.0 - amount.clamp(0.0, 1.0))).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// A process colour for offset print: cyan, magenta, yellow and black inks, each 0–100 %.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cmyk([u8; 4]);

impl Cmyk {
    /// All four inks at full: for crop marks, which every plate must show.
    pub const REGISTRATION: Cmyk = Cmyk([100, 100, 100, 100]);

    /// `None` unless every ink is a whole percentage from 0 to 100.
    pub fn new(inks: [f32; 4]) -> Option<Cmyk> {
        let mut out = [0; 4];
        for (o, ink) in out.iter_mut().zip(inks) {
            if !(0.0..=100.0).contains(&ink) || ink.fract() != 0.0 {
                return None;
            }
            *o = ink as u8;
        }
        Some(Cmyk(out))
    }

    /// Each ink as a fraction of full, 0 to 1.
    pub fn fractions(self) -> [f32; 4] {
        self.0.map(|i| f32::from(i) / 100.0)
    }

    /// The same inks at `1 - amount` of their strength, toward the paper's white.
    pub fn tint(self, amount: f32) -> Cmyk {
        let keep = 1.0 - amount.clamp(0.0, 1.0);
        Cmyk(self.0.map(|i| (f32::from(i) * keep).round() as u8))
    }

    /// Adds black: 0 gives the colour, 1 full black ink over it.
    pub fn shade(self, amount: f32) -> Cmyk {
        let [c, m, y, k] = self.0;
        let k = f32::from(k);
        let k = (k + (100.0 - k) * amount.clamp(0.0, 1.0)).round() as u8;
        Cmyk([c, m, y, k])
    }
}

/// A brand colour: sRGB for screens, and the inks to print it with when the brand gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour {
    pub rgb: Rgb,
    pub cmyk: Option<Cmyk>,
}

impl Colour {
    pub const WHITE: Colour = Colour {
        rgb: Rgb::WHITE,
        cmyk: Some(Cmyk([0, 0, 0, 0])),
    };

    /// Mixes this colour with white (the paper, in print): 0 gives the colour, 1 white.
    pub fn tint(self, amount: f32) -> Colour {
        Colour {
            rgb: self.rgb.tint(amount),
            cmyk: self.cmyk.map(|c| c.tint(amount)),
        }
    }

    /// This colour, darkened just enough to read at `ratio` (WCAG 2) on each of `grounds`:
    /// the accent of small text, which needs 4.5:1 where a figure needs 3:1.
    pub fn readable_on(self, grounds: &[Rgb], ratio: f32) -> Colour {
        let reads = |c: Rgb| grounds.iter().all(|g| c.contrast(*g) >= ratio);
        // Black reads on any light ground; on a dark one nothing darker helps.
        (0..=50)
            .map(|step| step as f32 / 50.0)
            .find(|&amount| reads(self.rgb.shade(amount)))
            .map_or(self, |amount| Colour {
                rgb: self.rgb.shade(amount),
                cmyk: self.cmyk.map(|c| c.shade(amount)),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_convert_to_points() {
        assert_eq!(Length::parse("25.4mm").map(|l| l.pt()), Some(Pt(72.0)));
        assert_eq!(
            Length::parse("1cm").map(|l| l.pt().to_mm().0.round()),
            Some(10.0)
        );
        assert_eq!(Length::parse("12pt").map(|l| l.pt()), Some(Pt(12.0)));
        assert_eq!(Length::parse("12"), None);
        assert_eq!(Length::parse("-3mm"), None);
        assert_eq!(Length::parse("3in"), None);
    }

    #[test]
    fn small_text_colours_are_darkened_to_read() {
        let orange = Colour {
            rgb: Rgb(0xE4, 0x57, 0x2E),
            cmyk: Cmyk::new([0.0, 78.0, 85.0, 0.0]),
        };
        let surface = Rgb(0xEE, 0xF2, 0xF6);
        assert!(orange.rgb.contrast(Rgb::WHITE) < 4.5);
        let small = orange.readable_on(&[Rgb::WHITE, surface], 4.5);
        assert!(small.rgb.contrast(Rgb::WHITE) >= 4.5);
        assert!(small.rgb.contrast(surface) >= 4.5);
        // Just enough: a step lighter would not do.
        assert!(small.rgb.contrast(surface) < 5.0, "{small:?}");
        assert!(small.cmyk.is_some_and(|c| c.0[3] > 0));
        // A colour that already reads is kept.
        let navy = Colour {
            rgb: Rgb(0x14, 0x36, 0x5D),
            cmyk: None,
        };
        assert_eq!(navy.readable_on(&[Rgb::WHITE], 4.5), navy);
    }

    #[test]
    fn colours_parse_from_hex() {
        assert_eq!(Rgb::parse("#14365D"), Some(Rgb(0x14, 0x36, 0x5d)));
        assert_eq!(Rgb::parse("14365D"), None);
        assert_eq!(Rgb::parse("#14365"), None);
        assert_eq!(Rgb::parse("#GG365D"), None);
        assert_eq!(Rgb(0, 0, 0).tint(1.0), Rgb::WHITE);
        assert_eq!(
            Cmyk::new([100.0, 50.0, 0.0, 20.0]).map(|c| c.tint(0.5)),
            Cmyk::new([50.0, 25.0, 0.0, 10.0])
        );
        assert_eq!(Cmyk::new([101.0, 0.0, 0.0, 0.0]), None);
        assert_eq!(Cmyk::new([12.5, 0.0, 0.0, 0.0]), None);
        assert!((Rgb(0, 0, 0).contrast(Rgb::WHITE) - 21.0).abs() < 0.01);
        assert!((Rgb(0x77, 0x77, 0x77).contrast(Rgb::WHITE) - 4.48).abs() < 0.01);
    }
}
