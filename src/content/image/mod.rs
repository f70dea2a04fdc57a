//! Image files named by the content: found inside the content folder, read, identified by
//! their bytes (not their extension), decoded or parsed whole, and measured.
//!
//! Raster files are decoded to their last pixel here, so that a damaged one is an error at its
//! place in the content (see [`crate::raster`]); SVG files are parsed with the bundled fonts and
//! may only embed pictures from inside the content folder (see [`svg`]).

mod svg;

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::raw::S;

use super::check::Checker;
use super::model::{Image, ImageKind};
use super::read::{Refused, open_regular_inside};
use crate::diag::Severity;
use crate::raster;
use crate::units::Rgb;

pub use svg::looks_like_svg;

/// The largest image file read.
pub const MAX_IMAGE_BYTES: u64 = 20 * 1024 * 1024;

impl Checker<'_> {
    /// Loads the image at `value` (a path relative to the content folder).
    pub fn image(&mut self, value: &S<String>, what: &str) -> Option<Image> {
        let written = value.value.trim();
        match load(self.dir, written) {
            Ok((image, warnings)) => {
                for (message, hint) in warnings {
                    let mut warning = self
                        .error(value, format!("{what} `{written}` {message}"))
                        .hint(hint);
                    warning.severity = Severity::Warning;
                    self.report(warning);
                }
                Some(Image {
                    origin: Some(self.span(value)),
                    ..image
                })
            }
            Err((message, hint)) => {
                self.report(
                    self.error(value, format!("{what} `{written}` {message}"))
                        .hint(hint),
                );
                None
            }
        }
    }
}

/// A bundled SVG (an icon, a QR code) as an image; it may refer to no file.
pub fn bundled_svg(path: &str, data: Vec<u8>) -> Option<Image> {
    let parsed = svg::parse(&data, None).ok()?;
    let size = parsed.tree.size();
    Some(Image {
        path: path.into(),
        data: Arc::new(data),
        width: size.width(),
        height: size.height(),
        kind: ImageKind::Svg(parsed.tree),
        origin: None,
    })
}

/// A message to follow "image `x` ", and a hint.
type Problem = (String, String);

fn load(dir: &Path, written: &str) -> Result<(Image, Vec<Problem>), Problem> {
    let relative = PathBuf::from(written);
    let escapes = relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if written.is_empty() || escapes {
        return Err((
            "is outside the content folder".into(),
            "give a path inside the content folder, such as `images/logo.svg`".into(),
        ));
    }
    let path = dir.join(&relative);
    let file = open_regular_inside(dir, &path).map_err(|refused| match refused {
        Refused::Missing => (
            "is missing".into(),
            format!("put the file at {}", path.display()),
        ),
        // A link could still lead out of the folder: the resolved path is what counts.
        Refused::Outside => (
            "leads outside the content folder (through a link)".into(),
            "copy the image into the content folder".into(),
        ),
        Refused::NotRegular => (
            "is not a regular file".into(),
            "name an image file, not a folder, pipe or device".into(),
        ),
        Refused::Unreadable(e) => (format!("cannot be read: {e}"), "check the file".to_owned()),
    })?;
    let resolved = fs::canonicalize(&path).unwrap_or(path);
    let data = Arc::new(read_limited(file)?);
    let checked = checked(&resolved, &data, dir)?;
    Ok((
        Image {
            path: relative,
            data,
            kind: checked.kind,
            width: checked.width,
            height: checked.height,
            origin: None,
        },
        checked.warnings,
    ))
}

/// What checking an image file found.
#[derive(Clone)]
struct Checked {
    kind: ImageKind,
    width: f32,
    height: f32,
    warnings: Vec<Problem>,
}

/// How many checked images a run remembers: every edition checks the same files.
const REMEMBERED: usize = 64;

/// `data`, read from `path`, checked once a run: editions in several languages name the same
/// images, and decoding a photo whole is the slow part of checking.
fn checked(path: &Path, data: &Arc<Vec<u8>>, dir: &Path) -> Result<Checked, Problem> {
    type Memory = Vec<(PathBuf, Arc<Vec<u8>>, Result<Checked, Problem>)>;
    static MEMORY: Mutex<Memory> = Mutex::new(Vec::new());
    let lock = || MEMORY.lock().unwrap_or_else(PoisonError::into_inner);
    let known = lock()
        .iter()
        .find(|(p, d, _)| p == path && d == data)
        .map(|(_, _, c)| c.clone());
    if let Some(known) = known {
        return known;
    }
    let home = svg::Home {
        root: fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned()),
        folder: path.parent().map(Path::to_owned).unwrap_or_default(),
    };
    let result = identify(data, &home);
    // An SVG's result depends on the files it embeds too, which may change while `watch`
    // runs: parsed each time (it is quick), never remembered.
    if matches!(
        &result,
        Ok(Checked {
            kind: ImageKind::Svg(_),
            ..
        })
    ) || looks_like_svg(data)
    {
        return result;
    }
    let mut memory = lock();
    if memory.len() == REMEMBERED {
        drop(memory.remove(0));
    }
    memory.push((path.to_owned(), data.clone(), result.clone()));
    result
}

/// The bytes of `file`, up to the limit.
pub(crate) fn read_limited(file: fs::File) -> Result<Vec<u8>, Problem> {
    let cannot = |e: std::io::Error| (format!("cannot be read: {e}"), "check the file".to_owned());
    let mut data = Vec::new();
    file.take(MAX_IMAGE_BYTES + 1)
        .read_to_end(&mut data)
        .map_err(cannot)?;
    if data.len() as u64 > MAX_IMAGE_BYTES {
        return Err((
            format!("is larger than {} MiB", MAX_IMAGE_BYTES / 1024 / 1024),
            "export the image at the size it is printed (300 ppi is plenty)".into(),
        ));
    }
    Ok(data)
}

fn identify(data: &Arc<Vec<u8>>, home: &svg::Home) -> Result<Checked, Problem> {
    let again = || "export the image again".to_owned();
    let format = match imagesize::image_type(data) {
        Ok(imagesize::ImageType::Png) => raster::Format::Png,
        Ok(imagesize::ImageType::Jpeg) => raster::Format::Jpeg,
        _ if looks_like_svg(data) => {
            let parsed = svg::parse(data, Some(home))?;
            let size = parsed.tree.size();
            return Ok(Checked {
                kind: ImageKind::Svg(parsed.tree),
                width: size.width(),
                height: size.height(),
                warnings: parsed.warnings,
            });
        }
        _ => {
            return Err((
                "is not a PNG, JPEG or SVG image".to_owned(),
                "export it as PNG, JPEG or SVG".to_owned(),
            ));
        }
    };
    let (facts, pixels) = raster::decode(format, data).map_err(|e| {
        let hint = match e {
            raster::RasterError::TooLarge { .. } => {
                "scale the image down to the size it is printed".to_owned()
            }
            raster::RasterError::Unsupported(_) => {
                "export it as an RGB or CMYK JPEG, or as PNG".to_owned()
            }
            _ => again(),
        };
        (e.to_string(), hint)
    })?;
    // Kept for render, which decodes again only what it has forgotten.
    raster::keep(data, pixels);
    let (width, height) = facts.size();
    Ok(Checked {
        kind: ImageKind::Raster(Arc::new(facts)),
        width: width as f32,
        height: height as f32,
        warnings: Vec::new(),
    })
}

/// The least veil of `colour` (a fraction from 0 to 1, in hundredths) over the part `window`
/// of the raster `image` that gives `text` a contrast of `ratio` on nineteen twentieths of
/// the picture (a few specks of highlight may stay lighter); `None` if even a full veil does
/// not, or the image cannot be read.
pub fn veil_needed(
    image: &Image,
    window: [f32; 4],
    colour: Rgb,
    text: Rgb,
    ratio: f32,
) -> Option<f32> {
    let ImageKind::Raster(facts) = &image.kind else {
        return Some(0.0);
    };
    let stored = match raster::kept(&image.data) {
        Some(pixels) => pixels,
        None => Arc::new(raster::decode(facts.format, &image.data).ok()?.1),
    };
    let (w, h) = facts.size();
    let (w, h) = (f64::from(w), f64::from(h));
    let [x, y, width, height] = window.map(f64::from);
    let part = raster::Window {
        x: x * w,
        y: y * h,
        width: width * w,
        height: height * h,
    };
    // A sample is enough: 48 pixels across.
    let across = ((48.0 * part.height / part.width.max(1.0)).round() as u32).clamp(1, 96);
    let small = stored.shown(part, facts.orientation, (48, across));
    let small = raster::cmyk_to_srgb(&small, facts.icc.as_deref()).unwrap_or(small);
    let c = small.model.channels();
    let colours: Vec<Rgb> = small
        .data
        .chunks_exact(c)
        .map(|p| match small.model {
            raster::Model::Grey | raster::Model::GreyAlpha => {
                let g = p.first().copied().unwrap_or(0);
                Rgb(g, g, g)
            }
            _ => Rgb(
                p.first().copied().unwrap_or(0),
                p.get(1).copied().unwrap_or(0),
                p.get(2).copied().unwrap_or(0),
            ),
        })
        .collect();
    let reads = |amount: f32| {
        let mix =
            |a: u8, b: u8| (f32::from(a) * amount + f32::from(b) * (1.0 - amount)).round() as u8;
        let mut contrasts: Vec<f32> = colours
            .iter()
            .map(|p| {
                text.contrast(Rgb(
                    mix(colour.0, p.0),
                    mix(colour.1, p.1),
                    mix(colour.2, p.2),
                ))
            })
            .collect();
        contrasts.sort_by(f32::total_cmp);
        let at = contrasts.len() / 20;
        contrasts.get(at).is_none_or(|&c| c >= ratio)
    };
    (0..=100)
        .map(|i| i as f32 / 100.0)
        .find(|&amount| reads(amount))
}
