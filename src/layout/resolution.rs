//! Whether raster images are sharp enough at the size they are placed.

use super::LayoutError;
use super::frame::{Item, Page};
use crate::content::ImageKind;
use crate::diag::Diagnostic;

/// Below this, print shows pixels: an error in print editions.
pub const PRINT_MIN_PPI: f32 = 150.0;
/// What offset print wants: below it, a warning.
pub const PRINT_GOOD_PPI: f32 = 300.0;

/// Checks every placed raster image: in print, an error under 150 ppi and a warning under 300;
/// on screen, a warning under 150.
pub fn check(
    pages: &[Page],
    print: bool,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), LayoutError> {
    for item in pages.iter().flat_map(|p| &p.items) {
        let Item::Image(placed) = item else { continue };
        let image = &placed.image;
        if matches!(image.kind, ImageKind::Svg(_)) || placed.rect.width.0 <= 0.0 {
            continue;
        }
        let ppi = (image.width / (placed.rect.width.0 / 72.0))
            .min(image.height / (placed.rect.height.0 / 72.0));
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
        let wanted = if print { PRINT_GOOD_PPI } else { PRINT_MIN_PPI };
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
