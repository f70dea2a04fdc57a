//! Pictures made by the tests (no files from elsewhere): photos as phones, press kits and
//! scanners write them, and what the written PDF holds of them.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::path::Path;

use lopdf::{Document, Object, ObjectId};

/// A photo-like RGB gradient, `width` × `height`, with a red patch in its top left corner: a
/// reader can tell which way up, and which way round, it is stored.
pub fn rgb_pixels(width: u16, height: u16) -> Vec<u8> {
    let mut data = Vec::with_capacity(usize::from(width) * usize::from(height) * 3);
    for y in 0..height {
        for x in 0..width {
            if x < width / 8 && y < height / 4 {
                data.extend([230, 20, 20]);
            } else {
                data.extend([20, (y % 200) as u8 + 30, (x % 200) as u8 + 40]);
            }
        }
    }
    data
}

/// A JPEG of [`rgb_pixels`], with an EXIF Orientation when `orientation` is given.
pub fn jpeg(width: u16, height: u16, orientation: Option<u16>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 90);
    if let Some(o) = orientation {
        // "Exif\0\0", a big-endian TIFF header, one IFD entry: Orientation, SHORT, 1, value.
        let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01".to_vec();
        exif.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1]);
        exif.extend(o.to_be_bytes());
        exif.extend([0, 0, 0, 0, 0, 0]);
        encoder.add_app_segment(1, exif).unwrap();
    }
    encoder
        .encode(
            &rgb_pixels(width, height),
            width,
            height,
            jpeg_encoder::ColorType::Rgb,
        )
        .unwrap();
    out
}

/// A CMYK JPEG, as press kits send them (Adobe-inverted, as Photoshop writes), of one ink
/// mix `cmyk` (0–255 each).
pub fn cmyk_jpeg(width: u16, height: u16, cmyk: [u8; 4]) -> Vec<u8> {
    let data: Vec<u8> = cmyk
        .iter()
        .copied()
        .cycle()
        .take(usize::from(width) * usize::from(height) * 4)
        .collect();
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 90)
        .encode(&data, width, height, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    out
}

/// A PNG of `width` × `height` in `colour` and `depth`, its samples from `sample(i)`.
pub fn png(
    width: u32,
    height: u32,
    colour: png::ColorType,
    depth: png::BitDepth,
    palette: Option<Vec<u8>>,
) -> Vec<u8> {
    let channels = match colour {
        png::ColorType::Grayscale | png::ColorType::Indexed => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
    };
    let bytes = if depth == png::BitDepth::Sixteen {
        2
    } else {
        1
    };
    let row = width as usize * channels * bytes;
    let data: Vec<u8> = (0..row * height as usize)
        .map(|i| match colour {
            png::ColorType::Indexed => (i % 2) as u8,
            _ => ((i * 37) % 251) as u8,
        })
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(colour);
    encoder.set_depth(depth);
    if let Some(palette) = palette {
        encoder.set_palette(palette);
    }
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&data).unwrap();
    writer.finish().unwrap();
    out
}

/// A PNG header claiming `width` × `height` pixels, with no pixels behind it.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(13u32.to_be_bytes());
    out.extend(&ihdr);
    out.extend(crc32(&ihdr).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// An image XObject as drawn on a page.
#[derive(Debug)]
pub struct Drawn {
    pub page: usize,
    pub id: ObjectId,
    pub width: i64,
    pub height: i64,
    pub filter: String,
    /// The colour space's name, or for ICC-based ones `ICCBased/N`.
    pub colour: String,
    pub decode: Option<Vec<f32>>,
    /// The stream's bytes as stored (a JPEG for DCTDecode).
    pub stored: Vec<u8>,
    /// Width and height on the page, in points.
    pub placed: (f32, f32),
}

impl Drawn {
    /// Pixels per inch along each side.
    pub fn ppi(&self) -> (f32, f32) {
        (
            self.width as f32 / (self.placed.0 / 72.0),
            self.height as f32 / (self.placed.1 / 72.0),
        )
    }
}

type Matrix = [f32; 6];

fn multiply(m: Matrix, n: Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

/// Every image drawn in the PDF at `path`, with the size it is drawn at (following the
/// transformation matrix through saved states and form XObjects).
pub fn drawn_images(path: &Path) -> Vec<Drawn> {
    let doc = Document::load(path).expect("the PDF parses");
    let mut found = Vec::new();
    for (index, (_, page)) in doc.get_pages().into_iter().enumerate() {
        let content = doc.get_page_content(page);
        let resources = doc
            .get_dictionary(page)
            .and_then(|p| p.get(b"Resources"))
            .and_then(|r| resolve(&doc, r).as_dict().cloned())
            .unwrap_or_default();
        walk(
            &doc,
            &content,
            &resources,
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            index + 1,
            &mut found,
        );
    }
    found
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(object),
        other => other,
    }
}

fn walk(
    doc: &Document,
    content: &[u8],
    resources: &lopdf::Dictionary,
    start: Matrix,
    page: usize,
    found: &mut Vec<Drawn>,
) {
    let operations = lopdf::content::Content::decode(content)
        .expect("content decodes")
        .operations;
    let mut ctm = start;
    let mut saved = Vec::new();
    for op in operations {
        match op.operator.as_str() {
            "q" => saved.push(ctm),
            "Q" => ctm = saved.pop().unwrap_or(start),
            "cm" if op.operands.len() == 6 => {
                let m: Vec<f32> = op.operands.iter().map(number).collect();
                ctm = multiply([m[0], m[1], m[2], m[3], m[4], m[5]], ctm);
            }
            "Do" => {
                let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                    continue;
                };
                let Ok(reference) = resources
                    .get(b"XObject")
                    .map(|x| resolve(doc, x))
                    .and_then(Object::as_dict)
                    .and_then(|x| x.get(name))
                else {
                    continue;
                };
                let Ok(id) = reference.as_reference() else {
                    continue;
                };
                let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
                    continue;
                };
                let dict = &stream.dict;
                match dict.get(b"Subtype").and_then(Object::as_name) {
                    Ok(b"Image") => found.push(image(doc, id, stream, ctm, page)),
                    Ok(b"Form") => {
                        let matrix = dict
                            .get(b"Matrix")
                            .and_then(Object::as_array)
                            .map(|m| {
                                let m: Vec<f32> = m.iter().map(number).collect();
                                [m[0], m[1], m[2], m[3], m[4], m[5]]
                            })
                            .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
                        let inner = dict
                            .get(b"Resources")
                            .map(|r| resolve(doc, r))
                            .and_then(Object::as_dict)
                            .cloned()
                            .unwrap_or_else(|_| resources.clone());
                        let content = stream
                            .decompressed_content()
                            .unwrap_or_else(|_| stream.content.clone());
                        walk(doc, &content, &inner, multiply(matrix, ctm), page, found);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

fn image(doc: &Document, id: ObjectId, stream: &lopdf::Stream, ctm: Matrix, page: usize) -> Drawn {
    let dict = &stream.dict;
    let int = |key: &[u8]| dict.get(key).and_then(Object::as_i64).unwrap_or(0);
    let filter = match dict.get(b"Filter").map(|f| resolve(doc, f)) {
        Ok(Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|f| f.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    };
    let colour = match dict.get(b"ColorSpace").map(|c| resolve(doc, c)) {
        Ok(Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
        Ok(Object::Array(a)) => {
            let kind = a.first().and_then(|k| k.as_name().ok()).unwrap_or_default();
            let n = a
                .get(1)
                .map(|p| resolve(doc, p))
                .and_then(|p| p.as_stream().ok())
                .and_then(|p| p.dict.get(b"N").and_then(Object::as_i64).ok())
                .unwrap_or(0);
            format!("{}/{n}", String::from_utf8_lossy(kind))
        }
        _ => String::new(),
    };
    let decode = dict
        .get(b"Decode")
        .and_then(Object::as_array)
        .ok()
        .map(|d| d.iter().map(number).collect());
    Drawn {
        page,
        id,
        width: int(b"Width"),
        height: int(b"Height"),
        filter,
        colour,
        decode,
        stored: stream.content.clone(),
        placed: (ctm[0].hypot(ctm[1]), ctm[2].hypot(ctm[3])),
    }
}
