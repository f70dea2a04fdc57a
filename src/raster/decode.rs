//! Reading a PNG or JPEG whole into 8-bit pixels: strictly (a damaged file is an error, never
//! a grey band), within the pixel limit and the run's memory budget.

use image::metadata::Orientation;
use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

use super::budget::{Lease, PIXELS};
use super::{Facts, Format, MAX_PIXELS, Model, Pixels, RasterError};

/// Decodes `data`, a PNG or JPEG, to 8-bit pixels as stored (not yet turned upright).
pub fn decode(format: Format, data: &[u8]) -> Result<(Facts, Pixels), RasterError> {
    // The declared size first: a file may claim billions of pixels in its first bytes.
    if let Ok(size) = imagesize::blob_size(data) {
        let side = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        within_limit(side(size.width), side(size.height))?;
    }
    match format {
        Format::Jpeg => jpeg(data),
        Format::Png => png(data),
    }
}

fn within_limit(width: u32, height: u32) -> Result<(), RasterError> {
    if width == 0 || height == 0 {
        return Err(RasterError::Empty);
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(RasterError::TooLarge { width, height });
    }
    Ok(())
}

fn lease(width: u32, height: u32, model: Model) -> Lease<'static> {
    PIXELS.take(u64::from(width) * u64::from(height) * model.channels() as u64)
}

fn jpeg(data: &[u8]) -> Result<(Facts, Pixels), RasterError> {
    let damaged = |e: zune_jpeg::errors::DecodeErrors| {
        RasterError::Damaged(format!(
            "its data is not valid JPEG ({})",
            said(&e.to_string())
        ))
    };
    // Strict: a cut file, a bad Huffman code or missing scan data is an error; the sides are
    // bounded before any pixel is allocated.
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(usize::from(u16::MAX))
        .set_max_height(usize::from(u16::MAX));
    let mut headers = JpegDecoder::new_with_options(ZCursor::new(data), options);
    headers.decode_headers().map_err(damaged)?;
    let (width, height) = headers
        .info()
        .map(|i| (u32::from(i.width), u32::from(i.height)))
        .ok_or_else(|| RasterError::Damaged("its size cannot be read".into()))?;
    within_limit(width, height)?;
    let (model, out) = match headers.input_colorspace() {
        Some(ColorSpace::Luma | ColorSpace::LumaA) => (Model::Grey, ColorSpace::Luma),
        Some(ColorSpace::CMYK) => (Model::Cmyk, ColorSpace::CMYK),
        // zune-jpeg gives YCCK as stored; turned into CMYK below.
        Some(ColorSpace::YCCK) => (Model::Cmyk, ColorSpace::YCCK),
        Some(ColorSpace::YCbCr | ColorSpace::RGB) => (Model::Rgb, ColorSpace::RGB),
        other => {
            return Err(RasterError::Unsupported(format!(
                "a JPEG in the {other:?} colour space"
            )));
        }
    };
    let orientation = headers
        .exif()
        .and_then(|exif| Orientation::from_exif_chunk(exif))
        .unwrap_or(Orientation::NoTransforms);
    let icc = headers.icc_profile();
    let lease = lease(width, height, model);
    let sealed = sealed_scans(data)?;
    let mut decoder =
        JpegDecoder::new_with_options(ZCursor::new(&sealed), options.jpeg_set_out_colorspace(out));
    let mut pixels = decoder.decode().map_err(damaged)?;
    if out == ColorSpace::YCCK {
        ycck_to_cmyk(&mut pixels);
    } else if model == Model::Cmyk {
        // Stored inverted, as Adobe writes CMYK JPEGs (and as everyone reads them): turned
        // back into ink amounts.
        pixels.iter_mut().for_each(|v| *v = 255 - *v);
    }
    if pixels.len() != width as usize * height as usize * model.channels() {
        return Err(RasterError::Damaged("its data stops before its end".into()));
    }
    Ok((
        Facts {
            format: Format::Jpeg,
            stored: (width, height),
            orientation,
            model,
            deep: false,
            palette: false,
            icc,
        },
        Pixels::new(width, height, model, pixels, lease),
    ))
}

/// YCCK pixels (Adobe's: the inverted cyan, magenta and yellow as YCbCr, then the inverted
/// black) as ink amounts, in place.
fn ycck_to_cmyk(pixels: &mut [u8]) {
    let channel = |v: f32| v.round().clamp(0.0, 255.0) as u8;
    for p in pixels.chunks_exact_mut(4) {
        if let [a, b, c, k] = p {
            let (y, cb, cr) = (f32::from(*a), f32::from(*b) - 128.0, f32::from(*c) - 128.0);
            // The YCbCr of JFIF back to the three stored channels, 255 minus the ink.
            *a = channel(y + 1.402 * cr);
            *b = channel(y - 0.344_136 * cb - 0.714_136 * cr);
            *c = channel(y + 1.772 * cb);
            *k = 255 - *k;
        }
    }
}

/// The file up to its end-of-image marker, with stuffed 1-bits put before the marker.
///
/// Decoders fill a scan that stops early with grey, even strict ones, when the end-of-image
/// marker arrives before the last block (a file cut short and closed again). With the 1-bits,
/// a complete scan still decodes (its last byte is padded with 1-bits anyway, and nothing is
/// read past its last block), while a scan that stops early runs into them, and a run of
/// 1-bits is no valid Huffman code: an error.
fn sealed_scans(data: &[u8]) -> Result<Vec<u8>, RasterError> {
    let end =
        end_of_image(data).ok_or_else(|| RasterError::Damaged("it has no image data".into()))?;
    let mut sealed = Vec::with_capacity(end + 64);
    sealed.extend_from_slice(data.get(..end).unwrap_or(data));
    for _ in 0..32 {
        sealed.extend([0xFF, 0x00]);
    }
    sealed.extend([0xFF, 0xD9]);
    Ok(sealed)
}

/// Where the end-of-image marker after the image's scans starts, walking the file's segments
/// (marker bytes inside segments and stuffed bytes inside scans are not mistaken for it).
fn end_of_image(data: &[u8]) -> Option<usize> {
    let byte = |i: usize| data.get(i).copied();
    let length = |i: usize| Some(usize::from(byte(i)?) << 8 | usize::from(byte(i + 1)?));
    let mut i = 2; // after SOI
    let mut scanned = false;
    while i < data.len() {
        if byte(i)? != 0xFF {
            return None;
        }
        let marker = byte(i + 1)?;
        match marker {
            0xFF => i += 1, // fill byte
            0xD9 => return scanned.then_some(i),
            0x01 | 0xD0..=0xD7 => i += 2,
            _ => {
                i += 2 + length(i + 2)?;
                if marker == 0xDA {
                    scanned = true;
                    // Entropy-coded data: up to the next marker that is not a stuffed byte
                    // or a restart.
                    while i < data.len() {
                        if byte(i)? == 0xFF && !matches!(byte(i + 1)?, 0x00 | 0xD0..=0xD7) {
                            break;
                        }
                        i += 1;
                    }
                }
            }
        }
    }
    None
}

fn png(data: &[u8]) -> Result<(Facts, Pixels), RasterError> {
    let damaged = |e: png::DecodingError| match e {
        png::DecodingError::IoError(_) => {
            RasterError::Damaged("its data stops before its end".into())
        }
        png::DecodingError::LimitsExceeded => {
            RasterError::Damaged("it declares too much data".into())
        }
        png::DecodingError::Format(_) => RasterError::Damaged("its data is not valid PNG".into()),
        other => RasterError::Damaged(said(&other.to_string())),
    };
    let limits = png::Limits {
        bytes: (MAX_PIXELS * 8) as usize,
    };
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(data), limits);
    // Palette and low bit depths expanded, 16 bits to 8: what is embedded is 8-bit anyway.
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(damaged)?;
    let info = reader.info();
    let (width, height) = (info.width, info.height);
    within_limit(width, height)?;
    let deep = info.bit_depth == png::BitDepth::Sixteen;
    let palette = info.color_type == png::ColorType::Indexed;
    let icc = info.icc_profile.as_ref().map(|p| p.to_vec());
    let orientation = info
        .exif_metadata
        .as_ref()
        .and_then(|exif| Orientation::from_exif_chunk(exif))
        .unwrap_or(Orientation::NoTransforms);
    let model = match reader.output_color_type().0 {
        png::ColorType::Grayscale => Model::Grey,
        png::ColorType::GrayscaleAlpha => Model::GreyAlpha,
        png::ColorType::Rgb => Model::Rgb,
        png::ColorType::Rgba => Model::Rgba,
        png::ColorType::Indexed => {
            return Err(RasterError::Unsupported("an unexpanded palette".into()));
        }
    };
    let lease = lease(width, height, model);
    let size = width as usize * height as usize * model.channels();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap_or(size).max(size)];
    reader.next_frame(&mut pixels).map_err(damaged)?;
    pixels.truncate(size);
    Ok((
        Facts {
            format: Format::Png,
            stored: (width, height),
            orientation,
            model,
            deep,
            palette,
            icc,
        },
        Pixels::new(width, height, model, pixels, lease),
    ))
}

/// A decoder's message as ours: lowercase, short, and with no control characters (it may
/// quote the file's bytes).
fn said(message: &str) -> String {
    let clipped: String = message.chars().take(80).collect();
    let mut chars = clipped.chars();
    let lower: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    lower.trim_end_matches('.').escape_debug().to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn jpeg_of(width: u16, height: u16, colour: jpeg_encoder::ColorType, pixel: &[u8]) -> Vec<u8> {
        let data: Vec<u8> = pixel
            .iter()
            .copied()
            .cycle()
            .take(pixel.len() * usize::from(width) * usize::from(height))
            .collect();
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 90)
            .encode(&data, width, height, colour)
            .unwrap();
        out
    }

    /// A gradient, so that the scan data is not all alike.
    fn photo(width: u16, height: u16, progressive: bool) -> Vec<u8> {
        let mut data = Vec::new();
        for y in 0..height {
            for x in 0..width {
                data.extend([(x * 7) as u8, (y * 5) as u8, ((x + y) * 3) as u8]);
            }
        }
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, 90);
        encoder.set_progressive(progressive);
        encoder
            .encode(&data, width, height, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        out
    }

    fn png_of(
        width: u32,
        height: u32,
        colour: png::ColorType,
        depth: png::BitDepth,
        data: &[u8],
        palette: Option<&[u8]>,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(colour);
        encoder.set_depth(depth);
        if let Some(palette) = palette {
            encoder.set_palette(palette.to_vec());
        }
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(data).unwrap();
        writer.finish().unwrap();
        out
    }

    #[test]
    fn a_cmyk_jpeg_decodes_to_ink_amounts() {
        let cyan = jpeg_of(16, 16, jpeg_encoder::ColorType::Cmyk, &[255, 0, 0, 0]);
        let (facts, pixels) = decode(Format::Jpeg, &cyan).unwrap();
        assert_eq!(facts.model, Model::Cmyk);
        let first = &pixels.data[..4];
        assert!(
            first[0] > 240 && first[1] < 15 && first[2] < 15 && first[3] < 15,
            "{first:?}"
        );
        let rgb = crate::raster::cmyk_to_srgb(&pixels, None).unwrap();
        let seen = &rgb.data[..3];
        // FOGRA39 cyan on screen: no red, much green, more blue.
        assert!(seen[0] < 60 && seen[1] > 120 && seen[2] > 190, "{seen:?}");
    }

    #[test]
    fn a_ycck_jpeg_decodes_to_the_same_inks() {
        let ycck = jpeg_of(16, 16, jpeg_encoder::ColorType::CmykAsYcck, &[255, 0, 0, 0]);
        let (facts, pixels) = decode(Format::Jpeg, &ycck).unwrap();
        assert_eq!(facts.model, Model::Cmyk);
        let first = &pixels.data[..4];
        assert!(
            first[0] > 235 && first[1] < 20 && first[2] < 20 && first[3] < 20,
            "{first:?}"
        );
    }

    #[test]
    fn damaged_jpegs_are_errors_not_grey_bands() {
        for progressive in [false, true] {
            damaged_jpegs_of(&photo(64, 64, progressive));
        }
    }

    fn damaged_jpegs_of(whole: &[u8]) {
        if let Err(e) = decode(Format::Jpeg, whole) {
            panic!("{e}");
        }
        // Flat images have tiny scans: their complete last rows must not look cut.
        for (w, h) in [(1, 1), (16, 16), (100, 100), (640, 480)] {
            let flat = jpeg_of(w, h, jpeg_encoder::ColorType::Rgb, &[255, 255, 255]);
            assert!(decode(Format::Jpeg, &flat).is_ok(), "{w}×{h}");
            let grey = jpeg_of(w, h, jpeg_encoder::ColorType::Luma, &[7]);
            assert!(decode(Format::Jpeg, &grey).is_ok(), "{w}×{h} grey");
        }
        let scan = whole.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
        // Cut in half and closed with an end-of-image marker.
        let mut cut = whole[..scan + (whole.len() - scan) / 2].to_vec();
        cut.extend([0xFF, 0xD9]);
        // Headers and no scan data.
        let mut headers = whole[..scan].to_vec();
        headers.extend([0xFF, 0xD9]);
        // Bits no Huffman code has, in the middle of its scan.
        let mut ones = whole.to_vec();
        let middle = scan + (whole.len() - scan) / 2;
        ones[middle..middle + 8].copy_from_slice(&[0xFF, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0xFF, 0x00]);
        // Corrupt in the middle of its scan.
        let mut corrupt = whole.to_vec();
        let middle = scan + (whole.len() - scan) / 2;
        corrupt[middle..middle + 6].copy_from_slice(&[0xFF, 0xC4, 0x13, 0x37, 0xFF, 0xFF]);
        for (what, damaged) in [
            ("cut", cut),
            ("headers only", headers),
            ("corrupt", corrupt),
            ("bad codes", ones),
        ] {
            match decode(Format::Jpeg, &damaged) {
                Err(RasterError::Damaged(_)) => {}
                other => panic!("{what}: {other:?}"),
            }
        }
    }

    #[test]
    fn deep_palette_and_grey_pngs_decode_to_eight_bits() {
        let deep: Vec<u8> = (0..4u32 * 4 * 3)
            .flat_map(|v| ((v * 4000) as u16).to_be_bytes())
            .collect();
        let (facts, pixels) = decode(
            Format::Png,
            &png_of(
                4,
                4,
                png::ColorType::Rgb,
                png::BitDepth::Sixteen,
                &deep,
                None,
            ),
        )
        .unwrap();
        assert!(facts.deep);
        assert_eq!((pixels.model, pixels.data.len()), (Model::Rgb, 48));
        assert_eq!(pixels.data[1], (4000u16 >> 8) as u8);

        let palette = [255, 0, 0, 0, 0, 255];
        let (facts, pixels) = decode(
            Format::Png,
            &png_of(
                2,
                1,
                png::ColorType::Indexed,
                png::BitDepth::Eight,
                &[1, 0],
                Some(&palette),
            ),
        )
        .unwrap();
        assert!(facts.palette);
        assert_eq!(pixels.data, vec![0, 0, 255, 255, 0, 0]);

        let (_, pixels) = decode(
            Format::Png,
            &png_of(
                2,
                1,
                png::ColorType::GrayscaleAlpha,
                png::BitDepth::Eight,
                &[10, 20, 30, 40],
                None,
            ),
        )
        .unwrap();
        assert_eq!(pixels.model, Model::GreyAlpha);
    }

    #[test]
    fn a_png_cut_short_is_damaged() {
        let data: Vec<u8> = (0..64 * 64 * 3).map(|v| (v * 31 % 251) as u8).collect();
        let whole = png_of(
            64,
            64,
            png::ColorType::Rgb,
            png::BitDepth::Eight,
            &data,
            None,
        );
        let cut = &whole[..whole.len() / 2];
        assert!(matches!(
            decode(Format::Png, cut),
            Err(RasterError::Damaged(_))
        ));
    }

    #[test]
    fn the_exif_orientation_is_read() {
        // Big-endian TIFF with one entry: Orientation (0x0112), SHORT, 1, value 6.
        let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01".to_vec();
        exif.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, 90);
        encoder.add_app_segment(1, exif).unwrap();
        encoder
            .encode(&[0; 8 * 4 * 3], 8, 4, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        let (facts, _) = decode(Format::Jpeg, &out).unwrap();
        assert_eq!(facts.orientation, Orientation::Rotate90);
        assert_eq!((facts.stored, facts.size()), ((8, 4), (4, 8)));
    }
}
