//! Image files named by the content: found inside the content folder, read, identified by
//! their bytes (not their extension) and measured.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::raw::S;

use super::check::Checker;
use super::model::{Image, ImageFormat};

/// The largest image file read, and the most pixels a raster image may declare.
pub const MAX_IMAGE_BYTES: u64 = 20 * 1024 * 1024;
pub const MAX_IMAGE_PIXELS: u64 = 25_000_000;

impl Checker<'_> {
    /// Loads the image at `value` (a path relative to the content folder).
    pub fn image(&mut self, value: &S<String>, what: &str) -> Option<Image> {
        let written = value.value.trim();
        match load(self.dir, written) {
            Ok(image) => Some(Image {
                origin: Some(self.span(value)),
                ..image
            }),
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

type Problem = (String, String);

fn load(dir: &Path, written: &str) -> Result<Image, Problem> {
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
    // A symlink could still lead out of the folder: compare the resolved paths.
    let inside = match (fs::canonicalize(&path), fs::canonicalize(dir)) {
        (Ok(resolved), Ok(root)) => resolved.starts_with(root),
        _ => {
            return Err((
                "is missing".into(),
                format!("put the file at {}", path.display()),
            ));
        }
    };
    if !inside {
        return Err((
            "leads outside the content folder (through a link)".into(),
            "copy the image into the content folder".into(),
        ));
    }
    let data = read_limited(&path)?;
    let (format, width, height) = identify(&data)?;
    Ok(Image {
        path: relative,
        data: Arc::new(data),
        format,
        width,
        height,
        origin: None,
    })
}

fn read_limited(path: &Path) -> Result<Vec<u8>, Problem> {
    let cannot = |e: std::io::Error| (format!("cannot be read: {e}"), "check the file".to_owned());
    let file = fs::File::open(path).map_err(cannot)?;
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

fn identify(data: &[u8]) -> Result<(ImageFormat, f32, f32), Problem> {
    let unsupported = || {
        (
            "is not a PNG, JPEG or SVG image".to_owned(),
            "export it as PNG, JPEG or SVG".to_owned(),
        )
    };
    let format = match imagesize::image_type(data) {
        Ok(imagesize::ImageType::Png) => ImageFormat::Png,
        Ok(imagesize::ImageType::Jpeg) => ImageFormat::Jpeg,
        _ if looks_like_svg(data) => return svg_size(data).map(|(w, h)| (ImageFormat::Svg, w, h)),
        _ => return Err(unsupported()),
    };
    let size = imagesize::blob_size(data).map_err(|_| {
        (
            "is damaged: its size cannot be read".to_owned(),
            "export the image again".to_owned(),
        )
    })?;
    if size.width == 0 || size.height == 0 {
        return Err(("has no pixels".into(), "export the image again".into()));
    }
    let pixels = (size.width as u64).saturating_mul(size.height as u64);
    if pixels > MAX_IMAGE_PIXELS {
        return Err((
            format!(
                "declares {}×{} pixels, more than the {} million allowed",
                size.width,
                size.height,
                MAX_IMAGE_PIXELS / 1_000_000
            ),
            "scale the image down to the size it is printed".into(),
        ));
    }
    complete(format, data).map_err(|e| {
        (
            format!("is damaged or cut short: {e}"),
            "export the image again".to_owned(),
        )
    })?;
    Ok((format, size.width as f32, size.height as f32))
}

/// Whether a raster image is all there: a PNG decodes to its last row (a row at a time, so
/// memory stays low), a JPEG ends with its end-of-image marker. (JPEGs are embedded as they
/// are, so a cut one would print grey where its data stops.)
fn complete(format: ImageFormat, data: &[u8]) -> Result<(), String> {
    match format {
        ImageFormat::Png => {
            let words = |e: png::DecodingError| match e {
                png::DecodingError::IoError(_) => "its data stops before its end".to_owned(),
                png::DecodingError::Format(_) => "its data is not valid PNG".to_owned(),
                other => other.to_string(),
            };
            let decoder = png::Decoder::new(std::io::Cursor::new(data));
            let mut reader = decoder.read_info().map_err(words)?;
            while reader.next_row().map_err(words)?.is_some() {}
            Ok(())
        }
        ImageFormat::Jpeg => {
            let end = data
                .iter()
                .rposition(|&b| b != 0)
                .map_or(data, |i| data.get(..=i).unwrap_or(data));
            if end.ends_with(&[0xFF, 0xD9]) {
                Ok(())
            } else {
                Err("its data stops before its end".into())
            }
        }
        ImageFormat::Svg => Ok(()),
    }
}

fn looks_like_svg(data: &[u8]) -> bool {
    let head = data.get(..1024).unwrap_or(data);
    String::from_utf8_lossy(head).contains("<svg")
}

fn svg_size(data: &[u8]) -> Result<(f32, f32), Problem> {
    let tree = usvg::Tree::from_data(data, &usvg::Options::default()).map_err(|e| {
        (
            format!("is not a valid SVG image ({e})"),
            "open and save it again in a vector editor".into(),
        )
    })?;
    Ok((tree.size().width(), tree.size().height()))
}
