//! Cropping and downsampling in one pass, by area: each pixel made is the average of the
//! source area it covers (fractions of pixels at its edges included). Alpha is premultiplied
//! while averaging, so transparent pixels lend no colour to the edges of a logo.

use super::budget::PIXELS;
use super::{Orientation, Pixels, turns_sideways};

/// A part of an image, in source pixels (fractions allowed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Window {
    pub fn whole(width: u32, height: u32) -> Self {
        Window {
            x: 0.0,
            y: 0.0,
            width: f64::from(width),
            height: f64::from(height),
        }
    }

    /// This window of the upright picture, in the pixels as stored (`width` × `height`)
    /// before `orientation` turns them.
    pub fn stored(self, orientation: Orientation, width: u32, height: u32) -> Window {
        let (w, h) = (f64::from(width), f64::from(height));
        // Where a point seen at (x, y) is stored: the continuous form of `upright`'s mapping.
        let map = |x: f64, y: f64| match orientation {
            Orientation::NoTransforms => (x, y),
            Orientation::FlipHorizontal => (w - x, y),
            Orientation::Rotate180 => (w - x, h - y),
            Orientation::FlipVertical => (x, h - y),
            Orientation::Rotate90FlipH => (y, x),
            Orientation::Rotate90 => (y, h - x),
            Orientation::Rotate270FlipH => (w - y, h - x),
            Orientation::Rotate270 => (w - y, x),
        };
        let (a, b) = (
            map(self.x, self.y),
            map(self.x + self.width, self.y + self.height),
        );
        Window {
            x: a.0.min(b.0),
            y: a.1.min(b.1),
            width: (a.0 - b.0).abs(),
            height: (a.1 - b.1).abs(),
        }
    }
}

/// For each pixel made along one axis: the source pixels it covers and by how much.
fn weights(start: f64, length: f64, size: u32, out: u32) -> Vec<Vec<(usize, f32)>> {
    let step = length / f64::from(out.max(1));
    (0..out)
        .map(|i| {
            let from = (start + step * f64::from(i)).clamp(0.0, f64::from(size));
            let to = (start + step * f64::from(i + 1)).clamp(from, f64::from(size));
            let mut taken = Vec::new();
            let mut k = from.floor();
            while k < to {
                let cover = (to.min(k + 1.0) - from.max(k)) / (to - from).max(f64::EPSILON);
                if cover > 0.0 {
                    taken.push((k as usize, cover as f32));
                }
                k += 1.0;
            }
            if taken.is_empty() {
                // A window thinner than a pixel: the pixel it lies in.
                taken.push(((from as usize).min(size.saturating_sub(1) as usize), 1.0));
            }
            taken
        })
        .collect()
}

impl Pixels {
    /// What is seen of these stored pixels, turned by `orientation`: the part `window` of the
    /// upright picture at `size` (width, height). Scaled before it is turned, so that only
    /// the pixels made are moved.
    pub fn shown(&self, window: Window, orientation: Orientation, size: (u32, u32)) -> Pixels {
        let sideways = turns_sideways(orientation);
        let (w, h) = if sideways { (size.1, size.0) } else { size };
        let made = self.resample(window.stored(orientation, self.width, self.height), w, h);
        made.upright(orientation).unwrap_or(made)
    }

    /// The part `window` of these pixels at `width` × `height`, made by averaging (never
    /// larger than the window: callers do not upsample).
    pub fn resample(&self, window: Window, width: u32, height: u32) -> Pixels {
        let c = self.model.channels();
        let alpha = self.model.has_alpha().then_some(c - 1);
        let (width, height) = (width.max(1), height.max(1));
        let columns = weights(window.x, window.width, self.width, width);
        let rows = weights(window.y, window.height, self.height, height);
        let stride = self.width as usize * c;
        let lease = PIXELS.take(u64::from(width) * u64::from(height) * c as u64);
        let mut data = Vec::with_capacity(width as usize * height as usize * c);
        // One output row at a time: the source rows it covers summed into `line`, then each
        // output pixel summed from `line`.
        let mut line = vec![0f32; stride];
        // The bytes of each row the window's columns cover.
        let first = columns
            .first()
            .and_then(|c| c.first())
            .map_or(0, |&(x, _)| x);
        let last = columns
            .last()
            .and_then(|c| c.last())
            .map_or(0, |&(x, _)| x + 1);
        let span = (first * c, (last * c).min(stride));
        for row in &rows {
            line.iter_mut().for_each(|v| *v = 0.0);
            for &(y, wy) in row {
                let Some(source) = self.data.get(y * stride + span.0..y * stride + span.1) else {
                    continue;
                };
                let Some(line) = line.get_mut(span.0..span.1) else {
                    continue;
                };
                match alpha {
                    // Opaque: a plain weighted sum, which the compiler vectorises.
                    None => {
                        for (v, &b) in line.iter_mut().zip(source) {
                            *v += f32::from(b) * wy;
                        }
                    }
                    Some(a) => {
                        for (sum, s) in line.chunks_mut(c).zip(source.chunks(c)) {
                            let alpha = s.get(a).map_or(0.0, |&a| f32::from(a));
                            let weight = wy * alpha / 255.0;
                            for (i, (v, &b)) in sum.iter_mut().zip(s).enumerate() {
                                *v += f32::from(b) * if i == a { wy } else { weight };
                            }
                        }
                    }
                }
            }
            for column in &columns {
                let mut pixel = [0f32; 4];
                for &(x, wx) in column {
                    if let Some(s) = line.get(x * c..(x + 1) * c) {
                        for (p, v) in pixel.iter_mut().zip(s) {
                            *p += v * wx;
                        }
                    }
                }
                let a = alpha.and_then(|i| pixel.get(i)).map_or(1.0, |&a| a / 255.0);
                for (i, p) in pixel.iter().take(c).enumerate() {
                    let value = if Some(i) == alpha {
                        *p
                    } else if a > 0.0 {
                        p / a
                    } else {
                        0.0
                    };
                    data.push((value + 0.5).clamp(0.0, 255.0) as u8);
                }
            }
        }
        Pixels::new(width, height, self.model, data, lease)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Model;
    use super::*;

    fn pixels(width: u32, height: u32, model: Model, data: Vec<u8>) -> Pixels {
        let lease = PIXELS.take(data.len() as u64);
        Pixels::new(width, height, model, data, lease)
    }

    #[test]
    fn halving_averages_each_square_of_four() {
        let source = pixels(4, 2, Model::Grey, vec![0, 100, 200, 200, 100, 0, 40, 0]);
        let half = source.resample(Window::whole(4, 2), 2, 1);
        assert_eq!(half.data, vec![50, 110]);
    }

    #[test]
    fn a_window_crops_before_scaling() {
        let source = pixels(4, 1, Model::Grey, vec![10, 20, 30, 40]);
        let window = Window {
            x: 1.0,
            y: 0.0,
            width: 2.0,
            height: 1.0,
        };
        assert_eq!(source.resample(window, 2, 1).data, vec![20, 30]);
        assert_eq!(source.resample(window, 1, 1).data, vec![25]);
    }

    #[test]
    fn transparent_pixels_lend_no_colour() {
        // A red pixel beside a transparent black one: the average is half-transparent red.
        let source = pixels(2, 1, Model::Rgba, vec![255, 0, 0, 255, 0, 0, 0, 0]);
        assert_eq!(
            source.resample(Window::whole(2, 1), 1, 1).data,
            vec![255, 0, 0, 128]
        );
    }

    #[test]
    fn scaling_before_turning_shows_what_turning_before_scaling_would() {
        let data: Vec<u8> = (0..6 * 4).map(|v| (v * 10) as u8).collect();
        let stored = pixels(6, 4, Model::Grey, data);
        for orientation in [
            Orientation::NoTransforms,
            Orientation::FlipHorizontal,
            Orientation::Rotate180,
            Orientation::FlipVertical,
            Orientation::Rotate90FlipH,
            Orientation::Rotate90,
            Orientation::Rotate270FlipH,
            Orientation::Rotate270,
        ] {
            let turned = stored
                .upright(orientation)
                .unwrap_or_else(|| stored.resample(Window::whole(6, 4), 6, 4));
            let (w, h) = (turned.width, turned.height);
            // The right half of the upright picture, at half its size.
            let window = Window {
                x: f64::from(w) / 2.0,
                y: 0.0,
                width: f64::from(w) / 2.0,
                height: f64::from(h),
            };
            let expected = turned.resample(window, w / 4, h / 2);
            let shown = stored.shown(window, orientation, (w / 4, h / 2));
            assert_eq!(
                (shown.width, shown.height),
                (expected.width, expected.height),
                "{orientation:?}"
            );
            assert_eq!(shown.data, expected.data, "{orientation:?}");
        }
    }

    #[test]
    fn fractional_steps_weigh_partial_pixels() {
        // Three pixels into two: each output covers one and a half.
        let source = pixels(3, 1, Model::Grey, vec![0, 90, 180]);
        assert_eq!(
            source.resample(Window::whole(3, 1), 2, 1).data,
            vec![30, 150]
        );
    }
}
