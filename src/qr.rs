//! QR codes, drawn as vectors: an SVG of the code's dark modules on white, quiet zone
//! included, placed like any image.

use std::sync::{Mutex, PoisonError};

use qrcode::{EcLevel, QrCode};

use crate::content::Image;
use crate::units::Rgb;

/// The light border a reader needs around the code, in modules (ISO/IEC 18004).
pub const QUIET_ZONE: usize = 4;

/// A QR code of `text` (medium error correction: a printed code survives a smudge), its
/// modules in `dark` on white; `None` if the text is too long for any QR code.
///
/// Made once a run for each text and colour: every edition carries the same code, and
/// choosing its mask (scoring all eight) costs more than laying out a page.
pub fn image(text: &str, dark: Rgb) -> Option<Image> {
    static MADE: Mutex<Vec<(String, Rgb, Option<Image>)>> = Mutex::new(Vec::new());
    let mut made = MADE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((.., image)) = made.iter().find(|(t, d, _)| t == text && *d == dark) {
        return image.clone();
    }
    let image = make(text, dark);
    made.push((text.to_owned(), dark, image.clone()));
    image
}

fn make(text: &str, dark: Rgb) -> Option<Image> {
    let code = QrCode::with_error_correction_level(text, EcLevel::M).ok()?;
    let width = code.width();
    let colours = code.to_colors();
    let side = width + 2 * QUIET_ZONE;
    // Dark modules as horizontal runs, one path: far fewer shapes than one per module.
    let mut path = String::new();
    for (y, row) in colours.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row.get(x) == Some(&qrcode::Color::Dark) {
                let start = x;
                while row.get(x) == Some(&qrcode::Color::Dark) {
                    x += 1;
                }
                path.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    let Rgb(r, g, b) = dark;
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#FFFFFF\"/>\
         <path fill=\"#{r:02X}{g:02X}{b:02X}\" d=\"{path}\"/></svg>"
    );
    crate::content::bundled_svg(&format!("qr:{text}"), svg.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_square_with_its_quiet_zone() {
        let image = image("https://aim.um6p.ma", Rgb(0, 0, 0)).expect("a code");
        // Version 2 (25 modules) holds a short URL at level M.
        assert_eq!(image.width, 25.0 + 8.0);
        assert_eq!(image.width, image.height);
        assert!(image.data.starts_with(b"<svg"));
    }
}
