//! Whether raster images are sharp enough at the size they are placed.

use super::LayoutError;
use super::frame::{Item, Page};
use crate::content::{ImageKind, ImageResolution};
use crate::diag::Diagnostic;

/// Below this, print shows pixels: an error in print editions.
pub const PRINT_MIN_PPI: f32 = 150.0;

/// Checks every placed raster image: in print, an error under 150 ppi and a warning under the
/// brand's print resolution (300 by default); on screen, a warning under the screen's (150).
pub fn check(
    pages: &[Page],
    print: bool,
    wanted: &ImageResolution,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), LayoutError> {
    for item in pages.iter().flat_map(|p| &p.items) {
        let Item::Image(placed) = item else { continue };
        let image = &placed.image;
        if matches!(image.kind, ImageKind::Svg(_)) || placed.rect.width.0 <= 0.0 {
            continue;
        }
        // The pixels of the part shown, over the inches it takes.
        let crop = placed.crop;
        let ppi = (image.width * crop.width / (placed.rect.width.0 / 72.0))
            .min(image.height * crop.height / (placed.rect.height.0 / 72.0));
        let size = format!(
            "{:.0} × {:.0} mm",
            placed.rect.width.to_mm().0,
            placed.rect.height.to_mm().0
        );
        let path = image.path.display().to_string();
        if print && ppi < PRINT_MIN_PPI {
            return Err(LayoutError::LowResolution {
                path,
                ppi,
                size,
                origin: image.origin.clone(),
            });
        }
        let wanted = if print { wanted.print } else { wanted.screen };
        if ppi < wanted {
            warnings.push(
                Diagnostic::warning(format!(
                    "image `{path}` is {ppi:.0} ppi at its size ({size}); {wanted:.0} ppi would print sharply"
                ))
                .with_span(image.origin.clone()),
            );
        }
    }
    Ok(())
}
