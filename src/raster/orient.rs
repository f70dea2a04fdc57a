//! Turning pixels upright by their EXIF orientation, so that the stored image is the one seen
//! (a phone portrait saved sideways with Orientation 6 is embedded standing).

use super::budget::PIXELS;
use super::{Orientation, Pixels, turns_sideways};

impl Pixels {
    /// These pixels as seen, rotated and mirrored as `orientation` says; `None` when they
    /// are seen as stored.
    pub fn upright(&self, orientation: Orientation) -> Option<Pixels> {
        if orientation == Orientation::NoTransforms {
            return None;
        }
        let (w, h) = (self.width as usize, self.height as usize);
        let (out_w, out_h) = if turns_sideways(orientation) {
            (h, w)
        } else {
            (w, h)
        };
        // Where the pixel seen at (x, y) is stored.
        let source = |x: usize, y: usize| -> (usize, usize) {
            match orientation {
                Orientation::NoTransforms => (x, y),
                Orientation::FlipHorizontal => (w - 1 - x, y),
                Orientation::Rotate180 => (w - 1 - x, h - 1 - y),
                Orientation::FlipVertical => (x, h - 1 - y),
                Orientation::Rotate90FlipH => (y, x),
                Orientation::Rotate90 => (y, h - 1 - x),
                Orientation::Rotate270FlipH => (w - 1 - y, h - 1 - x),
                Orientation::Rotate270 => (w - 1 - y, x),
            }
        };
        let lease = PIXELS.take(self.data.len() as u64);
        let data = match self.model.channels() {
            1 => turn::<1>(&self.data, (out_w, out_h), w, source),
            2 => turn::<2>(&self.data, (out_w, out_h), w, source),
            3 => turn::<3>(&self.data, (out_w, out_h), w, source),
            _ => turn::<4>(&self.data, (out_w, out_h), w, source),
        };
        Some(Pixels::new(
            out_w as u32,
            out_h as u32,
            self.model,
            data,
            lease,
        ))
    }
}

/// The pixels of `data` (`C` bytes each, rows `width` pixels long) in the order `source`
/// gives for an image of `size`: each pixel copied whole, its size known to the compiler.
fn turn<const C: usize>(
    data: &[u8],
    (out_w, out_h): (usize, usize),
    width: usize,
    source: impl Fn(usize, usize) -> (usize, usize),
) -> Vec<u8> {
    let mut out = Vec::with_capacity(out_w * out_h * C);
    for y in 0..out_h {
        for x in 0..out_w {
            let (sx, sy) = source(x, y);
            let at = (sy * width + sx) * C;
            let pixel: [u8; C] = data
                .get(at..at + C)
                .and_then(|p| p.try_into().ok())
                .unwrap_or([0; C]);
            out.extend(pixel);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Model;
    use super::*;

    /// A 3 × 2 grey image whose pixels are their own indexes.
    fn numbered() -> Pixels {
        Pixels::new(3, 2, Model::Grey, vec![0, 1, 2, 3, 4, 5], PIXELS.take(6))
    }

    #[test]
    fn each_orientation_shows_the_stored_pixels_as_exif_means_them() {
        // Stored:  0 1 2
        //          3 4 5
        let cases = [
            (Orientation::NoTransforms, (3, 2), vec![0, 1, 2, 3, 4, 5]),
            (Orientation::FlipHorizontal, (3, 2), vec![2, 1, 0, 5, 4, 3]),
            (Orientation::Rotate180, (3, 2), vec![5, 4, 3, 2, 1, 0]),
            (Orientation::FlipVertical, (3, 2), vec![3, 4, 5, 0, 1, 2]),
            // EXIF 6: the camera was turned clockwise; the left column becomes the top row.
            (Orientation::Rotate90, (2, 3), vec![3, 0, 4, 1, 5, 2]),
            (Orientation::Rotate270, (2, 3), vec![2, 5, 1, 4, 0, 3]),
            (Orientation::Rotate90FlipH, (2, 3), vec![0, 3, 1, 4, 2, 5]),
            (Orientation::Rotate270FlipH, (2, 3), vec![5, 2, 4, 1, 3, 0]),
        ];
        for (orientation, size, seen) in cases {
            let stored = numbered();
            let turned = stored.upright(orientation);
            let turned = turned.as_ref().unwrap_or(&stored);
            assert_eq!((turned.width, turned.height), size, "{orientation:?}");
            assert_eq!(turned.data, seen, "{orientation:?}");
        }
    }
}
