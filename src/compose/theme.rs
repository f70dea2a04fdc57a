//! The theme: every size, distance and colour of the design, built once from the brand for the
//! page a document is laid out on.
//!
//! Sizes of text come from the brand's type scale (`type:` in brand.yaml); lengths of the
//! design (the sidebar, logos, rules, the gaps of the templates) are given here for an A4 page
//! and scale with the page's width, so that an A5 brochure, or an A5 booklet made from an A4
//! brochure, keeps the proportions of the A4 one. docs/theme.md lists them.

use crate::content::{Brand, ImageResolution, Margins, Palette, Paper, TypeScale};
use crate::units::{Mm, Pt};

use super::Sidebar;

/// The design's lengths on an A4 page.
pub mod a4 {
    use crate::units::Mm;

    pub const SIDEBAR: Mm = Mm(40.0);
    pub const SIDEBAR_GAP: Mm = Mm(6.0);
    pub const GUTTER: Mm = Mm(8.0);
    /// The vertical rhythm: the space between paragraphs, boxes and lists derive from it.
    pub const GAP: Mm = Mm(2.47);
    /// Accent bars: on the start edge of boxes, under headers, on covers.
    pub const BAR: Mm = Mm(1.06);
    /// Hairlines: the footer's rule.
    pub const HAIRLINE: Mm = Mm(0.18);
    pub const COVER_LOGO: Mm = Mm(30.0);
    pub const BACK_LOGO: Mm = Mm(36.0);
    pub const HEADER_LOGO: Mm = Mm(24.0);
    pub const COVER_RULE: Mm = Mm(24.0);
    /// The back cover's QR code, and the room kept for it.
    pub const BACK_QR: Mm = Mm(28.0);
    pub const QR: Mm = Mm(20.0);
    pub const HANDOUT_QR: Mm = Mm(30.0);
    pub const PORTRAIT: Mm = Mm(26.0);
    /// The least width of an icon grid's cell, a key figure's, a logo's.
    pub const ICON_CELL: Mm = Mm(52.0);
    pub const FIGURE_CELL: Mm = Mm(26.0);
    pub const LOGO_CELL: Mm = Mm(24.0);
    /// The timeline: the width of its dates, and its rail.
    pub const DATE_WIDTH: Mm = Mm(28.0);
    pub const RAIL: Mm = Mm(0.53);
    pub const RAIL_DOT: Mm = Mm(1.23);
    pub const RAIL_GAP: Mm = Mm(1.76);
    pub const RAIL_TEXT: Mm = Mm(3.88);
    /// From the foot of the text area to the footer's baseline.
    pub const FOOTER_DROP: Mm = Mm(8.0);
    /// Between a page number and the running footer, between a contents entry and its number.
    pub const FOOTER_GAP: Mm = Mm(4.0);
    pub const ENTRY_GAP: Mm = Mm(6.0);
    /// Between the fact sheet's banner of key figures and its columns.
    pub const BANNER_GAP: Mm = Mm(4.0);
    /// The header band's padding below its titles, the gap to its logo, and to the columns.
    pub const HEADER_PADDING: Mm = Mm(7.0);
    pub const HEADER_LOGO_GAP: Mm = Mm(8.0);
    pub const HEADER_AFTER: Mm = Mm(4.5);
    /// The back cover's contact block ends this far above the bottom margin.
    pub const BACK_FOOT: Mm = Mm(20.0);
    /// One unit of the cover artwork (circles, dots).
    pub const ART: Mm = Mm(1.0);
}

/// The least measure, in ems of the body size, for text beside the sidebar: narrower, the
/// headings go above the text instead.
const SIDEBAR_MEASURE_EMS: f32 = 30.0;

/// The design for one page size.
#[derive(Clone, Debug)]
pub struct Theme {
    /// The page laid out.
    pub paper: Paper,
    pub margins: Margins,
    pub sizes: TypeScale,
    pub colours: Palette,
    /// The column of section headings, when the page is wide enough for one.
    pub sidebar: Option<Sidebar>,
    pub gutter: Pt,
    /// How finely raster images should be, for the resolution check.
    pub images: ImageResolution,
    /// The page's width next to A4's.
    k: f32,
}

impl Theme {
    /// The theme of the brand's own paper.
    pub fn new(brand: &Brand) -> Theme {
        Theme::on(brand, brand.paper)
    }

    /// The theme for pages of `paper` (a booklet's half sheet): margins and the brand's lengths
    /// scaled from its paper, its type scale too.
    pub fn on(brand: &Brand, paper: Paper) -> Theme {
        let k = paper.scale();
        let ratio = k / brand.paper.scale();
        let by = |length: Pt| length * ratio;
        let m = brand.margins;
        let sizes = brand.type_scale.scaled(ratio);
        let mut theme = Theme {
            paper,
            margins: Margins {
                top: by(m.top),
                bottom: by(m.bottom),
                inner: by(m.inner),
                outer: by(m.outer),
            },
            sizes,
            colours: brand.colours,
            sidebar: None,
            gutter: brand.grid.gutter.map_or(Pt::ZERO, by),
            images: brand.images,
            k,
        };
        if brand.grid.gutter.is_none() {
            theme.gutter = theme.length(a4::GUTTER);
        }
        let width = brand
            .grid
            .sidebar
            .map_or_else(|| theme.length(a4::SIDEBAR), by);
        let sidebar = Sidebar {
            width,
            gap: theme.length(a4::SIDEBAR_GAP),
        };
        let area = paper.width - theme.margins.inner - theme.margins.outer;
        let beside = area - sidebar.width - sidebar.gap;
        let chosen = brand.grid.sidebar.is_some();
        let roomy = beside.0 >= sizes.body.0 * SIDEBAR_MEASURE_EMS;
        theme.sidebar = (width.0 > 0.0 && (chosen || roomy)).then_some(sidebar);
        theme
    }

    /// A length of the design, given for A4, on this page.
    pub fn length(&self, a4: Mm) -> Pt {
        Pt::from(Mm(a4.0 * self.k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Paper;

    fn brand(paper: &str) -> Brand {
        let content = crate::content::load(std::path::Path::new("content")).expect("content");
        let mut brand = content.brand;
        brand.paper = Paper::from_name(paper).expect("a paper");
        brand.type_scale = TypeScale::for_paper(brand.paper);
        brand
    }

    #[test]
    fn a5_scales_lengths_and_sizes_and_drops_the_sidebar() {
        let a4 = Theme::new(&brand("A4"));
        let a5 = Theme::new(&brand("A5"));
        assert!(a4.sidebar.is_some());
        assert!(a5.sidebar.is_none(), "{:?}", a5.sidebar);
        assert!((a5.gutter.0 / a4.gutter.0 - 148.0 / 210.0).abs() < 0.01);
        assert_eq!(a5.sizes.body, Pt(9.0));
        assert!(a5.sizes.display < a4.sizes.display * 0.8);
        let letter = Theme::new(&brand("Letter"));
        assert_eq!(letter.sizes, a4.sizes);
        assert!(letter.sidebar.is_some());
    }

    #[test]
    fn a_booklet_page_scales_the_brand_s_margins() {
        let a4 = brand("A4");
        let half = Paper::named("A5", Mm(148.5), Mm(210.0));
        let theme = Theme::on(&a4, half);
        let ratio = theme.margins.top.0 / a4.margins.top.0;
        assert!((ratio - 148.5 / 210.0).abs() < 0.01, "{ratio}");
        assert!(theme.sizes.body.0 >= 9.0);
    }
}
