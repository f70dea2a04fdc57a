//! The bundled icons (Lucide, ISC licence; see icons/README.md), drawn as vectors.

macro_rules! icon {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/icons/",
                $name,
                ".svg"
            ))
            .as_slice(),
        )
    };
}

/// Every bundled icon: its name and its SVG.
const ICONS: &[(&str, &[u8])] = &[
    icon!("award"),
    icon!("book-open"),
    icon!("brain"),
    icon!("building-2"),
    icon!("calendar"),
    icon!("compass"),
    icon!("cpu"),
    icon!("flag"),
    icon!("globe"),
    icon!("graduation-cap"),
    icon!("handshake"),
    icon!("heart-pulse"),
    icon!("landmark"),
    icon!("layers"),
    icon!("leaf"),
    icon!("lightbulb"),
    icon!("link-2"),
    icon!("mail"),
    icon!("map-pin"),
    icon!("megaphone"),
    icon!("microscope"),
    icon!("network"),
    icon!("phone"),
    icon!("plane"),
    icon!("rocket"),
    icon!("route"),
    icon!("scale"),
    icon!("search"),
    icon!("shield"),
    icon!("sparkles"),
    icon!("sprout"),
    icon!("target"),
    icon!("tractor"),
    icon!("user-round"),
    icon!("users"),
];

/// The names content may use, in order.
pub fn names() -> impl Iterator<Item = &'static str> {
    ICONS.iter().map(|(name, _)| *name)
}

/// The icon's SVG with its strokes in `colour` (`#RRGGBB`).
pub fn svg(name: &str, colour: &str) -> Option<Vec<u8>> {
    let (_, data) = ICONS.iter().find(|(n, _)| *n == name)?;
    let text = String::from_utf8_lossy(data).replace("currentColor", colour);
    Some(text.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_is_a_valid_svg() {
        for name in names() {
            let data = svg(name, "#14365D").expect("bundled");
            let tree = usvg::Tree::from_data(&data, &usvg::Options::default());
            assert!(tree.is_ok(), "{name}");
        }
    }
}
