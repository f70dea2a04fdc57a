//! Raster images as people supply them: decoded strictly and whole, turned upright by their
//! EXIF orientation, converted from CMYK where a screen needs it, and resampled to the
//! resolution they are placed at.
//!
//! Content decodes every image once when it is checked ([`decode`]), so a damaged file is an
//! error at its place in the content; render decodes again only an image it must resample
//! ([`Pixels::upright`], [`Pixels::resample`]). Every decoded pixel is counted against one
//! memory budget for the run ([`budget`]).

pub mod budget;
mod colour;
mod decode;
mod kept;
mod orient;
mod resample;

pub use colour::{FOGRA39, cmyk_to_srgb};
pub use decode::decode;
pub use image::metadata::Orientation;
pub use kept::{keep, kept};
pub use resample::Window;

use budget::Lease;

/// The most pixels an image may declare (about a 6100 × 4100 photo).
pub const MAX_PIXELS: u64 = 25_000_000;

/// How a raster file is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Png,
    Jpeg,
}

/// The channels of decoded pixels, 8 bits each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Model {
    Grey,
    GreyAlpha,
    Rgb,
    Rgba,
    Cmyk,
}

impl Model {
    pub fn channels(self) -> usize {
        match self {
            Model::Grey => 1,
            Model::GreyAlpha => 2,
            Model::Rgb => 3,
            Model::Rgba | Model::Cmyk => 4,
        }
    }

    pub fn has_alpha(self) -> bool {
        matches!(self, Model::GreyAlpha | Model::Rgba)
    }
}

/// What decoding found out about a file: enough to place it, and to decide whether its
/// original bytes can be embedded as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    pub format: Format,
    /// Pixels as stored, before the orientation is applied.
    pub stored: (u32, u32),
    pub orientation: Orientation,
    pub model: Model,
    /// 16 bits a channel in the file (decoded to 8).
    pub deep: bool,
    /// A PNG palette (decoded to its colours).
    pub palette: bool,
    /// The file's own ICC profile.
    pub icc: Option<Vec<u8>>,
}

impl Facts {
    /// Width and height in pixels as the image is seen, upright.
    pub fn size(&self) -> (u32, u32) {
        let (w, h) = self.stored;
        if turns_sideways(self.orientation) {
            (h, w)
        } else {
            (w, h)
        }
    }
}

fn turns_sideways(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Decoded 8-bit pixels, row by row, counted against the run's memory budget while they live.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub model: Model,
    pub data: Vec<u8>,
    /// The share of the working budget these pixels hold (none once kept, see [`keep`]).
    lease: Option<Lease<'static>>,
}

impl std::fmt::Debug for Pixels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pixels({}×{} {:?})", self.width, self.height, self.model)
    }
}

impl Pixels {
    fn new(width: u32, height: u32, model: Model, data: Vec<u8>, lease: Lease<'static>) -> Self {
        Pixels {
            width,
            height,
            model,
            data,
            lease: Some(lease),
        }
    }

    fn release(&mut self) {
        self.lease = None;
    }
}

/// Why a raster file cannot be used. Messages are lowercase, to follow "image `x` …".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RasterError {
    #[error("is damaged: {0}")]
    Damaged(String),
    #[error("has no pixels")]
    Empty,
    #[error("declares {width}×{height} pixels, more than the {} million allowed", MAX_PIXELS / 1_000_000)]
    TooLarge { width: u32, height: u32 },
    #[error("is {0}, which plaquette cannot read")]
    Unsupported(String),
}
