//! Raster images as they are embedded: at the resolution they are placed at.
//!
//! An image within range is embedded as its original bytes (no second JPEG loss). One that is
//! finer than the edition needs, turned by its EXIF orientation, or CMYK on a screen edition,
//! is decoded again, turned upright, converted, cropped to what is shown, and resampled to the
//! edition's resolution (never up): a JPEG stays a JPEG (re-encoded), a PNG stays lossless
//! (flate, alpha kept). Print editions keep CMYK photos in CMYK, against the FOGRA39 output
//! intent. Results are shared by every document of the run.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use krilla::Data;
use krilla::image::{BitsPerComponent, CustomImage, ImageColorspace};

use crate::layout::frame::Crop;
use crate::raster::{self, Facts, Format, Model, Orientation, Pixels, Window};

/// How finely raster images are stored in a document, in pixels per inch of their placed size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Resolution {
    /// What an image finer than `most` is resampled to.
    pub target: f32,
    /// Up to this, an image keeps its own pixels.
    pub most: f32,
}

impl Resolution {
    /// Screens: at most 150 ppi.
    pub const SCREEN: Resolution = Resolution {
        target: 150.0,
        most: 150.0,
    };
    /// Offset print: 300 ppi, and an image up to 450 ppi kept as it is.
    pub const PRINT: Resolution = Resolution {
        target: 300.0,
        most: 450.0,
    };
}

/// What is embedded for one placement.
#[derive(Clone)]
pub enum Embedded {
    /// The file's own bytes, showing `crop` of it (drawn clipped).
    Original(Crop),
    /// Pixels made for the placement, showing exactly what is placed.
    Jpeg(Arc<Vec<u8>>),
    Lossless(Lossless),
}

/// Pixels for krilla to compress with flate.
#[derive(Clone)]
pub struct Lossless {
    size: (u32, u32),
    colour: Arc<Vec<u8>>,
    alpha: Option<Arc<Vec<u8>>>,
    space: ImageColorspace,
    /// The file's own profile, kept with its colours.
    icc: Option<Arc<Vec<u8>>>,
}

impl Hash for Lossless {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.size.hash(state);
        self.colour.hash(state);
        self.alpha.hash(state);
        self.icc.hash(state);
        (self.space as u8).hash(state);
    }
}

impl CustomImage for Lossless {
    fn color_channel(&self) -> &[u8] {
        &self.colour
    }
    fn alpha_channel(&self) -> Option<&[u8]> {
        self.alpha.as_deref().map(Vec::as_slice)
    }
    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }
    fn size(&self) -> (u32, u32) {
        self.size
    }
    fn icc_profile(&self) -> Option<&[u8]> {
        self.icc.as_deref().map(Vec::as_slice)
    }
    fn color_space(&self) -> ImageColorspace {
        self.space
    }
}

/// The pixels a placement of `shown` points (width, height), showing `crop`, calls for.
pub fn plan(facts: &Facts, crop: Crop, shown: (f32, f32), resolution: Resolution) -> Plan {
    let (w, h) = facts.size();
    let window = Window {
        x: f64::from(crop.x) * f64::from(w),
        y: f64::from(crop.y) * f64::from(h),
        width: f64::from(crop.width) * f64::from(w),
        height: f64::from(crop.height) * f64::from(h),
    };
    let inches = (shown.0.max(0.01) / 72.0, shown.1.max(0.01) / 72.0);
    let ppi = (window.width as f32 / inches.0).min(window.height as f32 / inches.1);
    // Rounded up to whole pixels, so that no side falls below the resolution asked for.
    let pixels = if ppi > resolution.most {
        (
            (inches.0 * resolution.target - 0.01).ceil().max(1.0) as u32,
            (inches.1 * resolution.target - 0.01).ceil().max(1.0) as u32,
        )
    } else {
        (
            window.width.round().max(1.0) as u32,
            window.height.round().max(1.0) as u32,
        )
    };
    Plan {
        window,
        pixels,
        resample: ppi > resolution.most,
    }
}

/// What [`plan`] decided.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    /// The part shown, in upright source pixels.
    pub window: Window,
    /// The pixels embedded, if new ones are made.
    pub pixels: (u32, u32),
    pub resample: bool,
}

/// What to embed for `data` (described by `facts`) placed at `shown` points showing `crop`.
pub fn embed(
    data: &Arc<Vec<u8>>,
    facts: &Facts,
    crop: Crop,
    shown: (f32, f32),
    resolution: Resolution,
    print: bool,
) -> Result<Embedded, String> {
    let plan = plan(facts, crop, shown, resolution);
    let turned = facts.orientation != Orientation::NoTransforms;
    let convert = facts.model == Model::Cmyk && !print;
    if !plan.resample && !turned && !convert {
        return Ok(Embedded::Original(crop));
    }
    let key = Key {
        data: data.clone(),
        window: [
            plan.window.x,
            plan.window.y,
            plan.window.width,
            plan.window.height,
        ]
        .map(f64::to_bits),
        pixels: plan.pixels,
        print,
    };
    remembered(key, || make(data, facts, &plan, print))
}

/// Decodes, turns, converts, crops and resamples: the pixels `plan` asks for, encoded.
fn make(data: &Arc<Vec<u8>>, facts: &Facts, plan: &Plan, print: bool) -> Result<Embedded, String> {
    // Decoded when the content was checked, most often.
    let stored = match raster::kept(data) {
        Some(pixels) => pixels,
        None => Arc::new(
            raster::decode(facts.format, data)
                .map_err(|e| e.to_string())?
                .1,
        ),
    };
    // Cropped and scaled first, as stored; then the few pixels made are turned and converted.
    let made = stored.shown(plan.window, facts.orientation, plan.pixels);
    let converted = if print {
        None
    } else {
        raster::cmyk_to_srgb(&made, facts.icc.as_deref())
    };
    // Colours keep the file's profile (Display P3, Adobe RGB…) unless they were converted.
    let icc = match converted {
        Some(_) => None,
        None => facts.icc.as_ref(),
    };
    let made = converted.unwrap_or(made);
    let quality = if print { PRINT_QUALITY } else { SCREEN_QUALITY };
    match facts.format {
        Format::Jpeg => jpeg(&made, quality, icc).map(|bytes| Embedded::Jpeg(Arc::new(bytes))),
        Format::Png => Ok(Embedded::Lossless(lossless(made, icc))),
    }
}

/// JPEG quality of re-encoded photos: on screen, where they are seen at 150 ppi and a file
/// is sent by email, a small file; in print, visually lossless.
const SCREEN_QUALITY: u8 = 82;
const PRINT_QUALITY: u8 = 90;

fn jpeg(pixels: &Pixels, quality: u8, icc: Option<&Vec<u8>>) -> Result<Vec<u8>, String> {
    let colour = match pixels.model {
        Model::Grey => jpeg_encoder::ColorType::Luma,
        Model::Rgb => jpeg_encoder::ColorType::Rgb,
        // Stored inverted with an Adobe marker, as krilla (and every reader) expects.
        Model::Cmyk => jpeg_encoder::ColorType::Cmyk,
        Model::GreyAlpha | Model::Rgba => return Err("a JPEG has no alpha".into()),
    };
    let side = |v: u32| u16::try_from(v).map_err(|_| "too many pixels for a JPEG".to_owned());
    let mut out = Vec::new();
    // The standard Huffman tables: tables fitted to the image save a few per cent, but some
    // of them are misread by zune-jpeg (green where libjpeg sees red), so others may too.
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    if let Some(icc) = icc {
        encoder.add_icc_profile(icc).map_err(|e| e.to_string())?;
    }
    encoder
        .encode(
            &pixels.data,
            side(pixels.width)?,
            side(pixels.height)?,
            colour,
        )
        .map_err(|e| e.to_string())?;
    Ok(out)
}

fn lossless(pixels: Pixels, icc: Option<&Vec<u8>>) -> Lossless {
    let size = (pixels.width, pixels.height);
    let (space, colours) = match pixels.model {
        Model::Grey | Model::GreyAlpha => (ImageColorspace::Luma, 1),
        Model::Rgb | Model::Rgba => (ImageColorspace::Rgb, 3),
        Model::Cmyk => (ImageColorspace::Cmyk, 4),
    };
    let (colour, alpha) = if pixels.model.has_alpha() {
        let c = pixels.model.channels();
        let mut colour = Vec::with_capacity(pixels.data.len() / c * colours);
        let mut alpha = Vec::with_capacity(pixels.data.len() / c);
        for pixel in pixels.data.chunks_exact(c) {
            let (rest, a) = pixel.split_at(colours);
            colour.extend_from_slice(rest);
            alpha.extend_from_slice(a);
        }
        // A fully opaque picture needs no mask.
        let opaque = alpha.iter().all(|&a| a == 255);
        (colour, (!opaque).then_some(alpha))
    } else {
        (pixels.data.clone(), None)
    };
    Lossless {
        size,
        colour: Arc::new(colour),
        alpha: alpha.map(Arc::new),
        space,
        icc: icc.map(|p| Arc::new(p.clone())),
    }
}

/// The krilla image for what [`embed`] decided.
pub fn krilla_image(
    data: &Arc<Vec<u8>>,
    facts: &Facts,
    embedded: &Embedded,
) -> Result<krilla::image::Image, String> {
    match embedded {
        Embedded::Original(_) => match facts.format {
            Format::Jpeg => krilla::image::Image::from_jpeg(Data::from(data.clone()), false),
            Format::Png => krilla::image::Image::from_png(Data::from(data.clone()), false),
        },
        Embedded::Jpeg(bytes) => krilla::image::Image::from_jpeg(Data::from(bytes.clone()), false),
        Embedded::Lossless(pixels) => krilla::image::Image::from_custom(pixels.clone(), false),
    }
}

#[derive(PartialEq)]
struct Key {
    data: Arc<Vec<u8>>,
    window: [u64; 4],
    pixels: (u32, u32),
    print: bool,
}

/// How many made images a run keeps, and their most bytes in all: every edition places the
/// same photos at the same sizes.
const REMEMBERED: usize = 32;
const REMEMBERED_BYTES: usize = 128 * 1024 * 1024;

impl Embedded {
    fn bytes(&self) -> usize {
        match self {
            Embedded::Original(_) => 0,
            Embedded::Jpeg(bytes) => bytes.len(),
            Embedded::Lossless(pixels) => {
                pixels.colour.len() + pixels.alpha.as_ref().map_or(0, |a| a.len())
            }
        }
    }
}

fn remembered(
    key: Key,
    make: impl FnOnce() -> Result<Embedded, String>,
) -> Result<Embedded, String> {
    type Cell = Arc<OnceLock<Result<Embedded, String>>>;
    static MEMORY: Mutex<Vec<(Key, Cell)>> = Mutex::new(Vec::new());
    let cell = {
        let mut memory = MEMORY.lock().unwrap_or_else(PoisonError::into_inner);
        match memory.iter().find(|(k, _)| *k == key) {
            Some((_, cell)) => cell.clone(),
            None => {
                if memory.len() == REMEMBERED {
                    drop(memory.remove(0));
                }
                let cell = Cell::default();
                memory.push((key, cell.clone()));
                cell
            }
        }
    };
    // Made unlocked: other images are made meanwhile, within the memory budget; a document
    // that needs the same image waits for it rather than making it again.
    let made = cell.get_or_init(make).clone();
    // The oldest forgotten while the made ones weigh too much (the one just made stays).
    let mut memory = MEMORY.lock().unwrap_or_else(PoisonError::into_inner);
    let weight = |m: &Vec<(Key, Cell)>| -> usize {
        m.iter()
            .filter_map(|(_, c)| c.get())
            .map(|e| e.as_ref().map_or(0, Embedded::bytes))
            .sum()
    };
    while memory.len() > 1 && weight(&memory) > REMEMBERED_BYTES {
        drop(memory.remove(0));
    }
    made
}
