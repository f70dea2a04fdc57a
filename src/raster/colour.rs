//! CMYK photos for screens: converted to sRGB through a colour profile (the photo's own, or
//! FOGRA39, offset on coated paper, the usual meaning of CMYK without one), not by the naive
//! formula that turns rich blacks grey.

use std::sync::{Arc, OnceLock};

use moxcms::{ColorProfile, DataColorSpace, Layout, TransformExecutor, TransformOptions};

use super::budget::PIXELS;
use super::{Model, Pixels};

/// The bundled FOGRA39 profile: print editions' output intent, and the source profile of a
/// CMYK photo that has none.
pub const FOGRA39: &[u8] = include_bytes!("../../icc/FOGRA39.icc");

type Transform = Arc<dyn TransformExecutor<u8> + Send + Sync>;

fn transform_from(profile: &[u8]) -> Option<Transform> {
    let source = ColorProfile::new_from_slice(profile).ok()?;
    // A photo may carry a profile of another space by mistake: only a CMYK one serves.
    if source.color_space != DataColorSpace::Cmyk {
        return None;
    }
    // CMYK travels in moxcms's four-channel layout.
    source
        .create_transform_8bit(
            Layout::Rgba,
            &ColorProfile::new_srgb(),
            Layout::Rgb,
            TransformOptions::default(),
        )
        .ok()
        .map(|t| t as Transform)
}

fn fogra39() -> Option<Transform> {
    static MADE: OnceLock<Option<Transform>> = OnceLock::new();
    MADE.get_or_init(|| transform_from(FOGRA39)).clone()
}

/// `pixels` (CMYK, ink amounts 0–255) as sRGB, through `profile` when it is a usable CMYK
/// profile, else FOGRA39; `None` for pixels in other models.
pub fn cmyk_to_srgb(pixels: &Pixels, profile: Option<&[u8]>) -> Option<Pixels> {
    if pixels.model != Model::Cmyk {
        return None;
    }
    let transform = profile.and_then(transform_from).or_else(fogra39);
    let count = pixels.width as usize * pixels.height as usize;
    let lease = PIXELS.take(count as u64 * 3);
    let mut rgb = vec![0u8; count * 3];
    let converted = transform.is_some_and(|t| t.transform(&pixels.data, &mut rgb).is_ok());
    if !converted {
        // Only if the bundled profile failed to load: the formula, better than nothing.
        for (out, cmyk) in rgb.chunks_mut(3).zip(pixels.data.chunks(4)) {
            let k = 255 - u16::from(cmyk.get(3).copied().unwrap_or(0));
            for (o, &c) in out.iter_mut().zip(cmyk) {
                *o = ((255 - u16::from(c)) * k / 255) as u8;
            }
        }
    }
    Some(Pixels::new(
        pixels.width,
        pixels.height,
        Model::Rgb,
        rgb,
        lease,
    ))
}
