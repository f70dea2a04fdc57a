//! Validating the files that are not blocks: the centre, the brand, documents and the fact
//! sheet's selection.

use super::raw::S;

use super::blocks::Checked;
use super::check::Checker;
use super::model::{
    Block, BlockKind, Brand, Centre, CoverLayout, CoverPhoto, Digits, Document, Email, Fonts,
    GridChoice, ImageResolution, Lang, Margins, Palette, Paper, Social, TypeScale, Url, YearMonth,
};
use super::raw::{RawBrand, RawBrochure, RawCentre, RawFactsheet};
use super::read::closest;
use crate::fonts::Family;
use crate::units::{Colour, Rgb};

/// How much of the primary colour lies over a cover photo by default.
const DEFAULT_VEIL: f32 = 0.55;

impl Checker<'_> {
    pub fn centre(&mut self, raw: &RawCentre) -> Option<Centre> {
        let founded = self.month(&raw.founded, "founding date");
        let website = self.url(&raw.website);
        let email = self.scalar(
            &raw.email,
            Email::parse,
            "an e-mail address",
            "write it as name@domain.ma",
        );
        let mut social = Vec::new();
        for entry in &raw.social {
            let name = self.name(&entry.value.name, "network's name");
            let url = self.url(&entry.value.url);
            if let (Some(name), Some(url)) = (name, url) {
                social.push(Social { name, url });
            }
        }
        let at = super::model::CentrePlaces {
            short_name: self.span(&raw.short_name),
            full_name: self.span(&raw.full_name),
            tagline: self.span(&raw.tagline),
            parent: self.span(&raw.parent),
            website: self.span(&raw.website),
        };
        Some(Centre {
            at,
            social,
            short_name: self.name(&raw.short_name, "short name")?,
            full_name: self.text(&raw.full_name, "full name")?,
            parent: self.text(&raw.parent, "parent university")?,
            city: self.name(&raw.city, "city")?,
            country: self.name(&raw.country, "country")?,
            tagline: self.text(&raw.tagline, "tagline")?,
            founded: founded?,
            website: website?,
            email: email?,
        })
    }

    fn month(&mut self, value: &S<String>, what: &str) -> Option<YearMonth> {
        self.scalar(
            value,
            YearMonth::parse,
            &format!("a date for the {what}"),
            "write a month as YYYY-MM (2021-03) or a day as YYYY-MM-DD",
        )
    }

    pub fn url(&mut self, value: &S<String>) -> Option<Url> {
        self.scalar(
            value,
            Url::parse,
            "a web address",
            "write the full address, starting with https://",
        )
    }

    pub fn brand(&mut self, raw: &RawBrand) -> Option<Brand> {
        let c = &raw.colours;
        let colours = [
            self.colour(&c.primary, "primary"),
            self.colour(&c.accent, "accent"),
            self.colour(&c.ink, "ink"),
            self.colour(&c.muted, "muted"),
            self.colour(&c.surface, "surface"),
        ];
        let k = raw.cmyk.as_ref();
        let inks = [
            self.inks(k.and_then(|k| k.primary.as_ref()), "primary"),
            self.inks(k.and_then(|k| k.accent.as_ref()), "accent"),
            self.inks(k.and_then(|k| k.ink.as_ref()), "ink"),
            self.inks(k.and_then(|k| k.muted.as_ref()), "muted"),
            self.inks(k.and_then(|k| k.surface.as_ref()), "surface"),
        ];
        let [primary_k, accent_k, ink_k, muted_k, surface_k] = inks;
        let fonts = [
            self.family(&raw.fonts.text),
            self.family(&raw.fonts.heading),
        ];
        let arabic = match &raw.fonts.arabic {
            Some(face) => self.family(face).map(Some),
            None => self.script_has_face(&raw.fonts.text).map(|()| None),
        };
        let m = &raw.margins;
        let margins = [
            self.length(&m.top, "the top margin"),
            self.length(&m.bottom, "the bottom margin"),
            self.length(&m.inner, "the inner margin"),
            self.length(&m.outer, "the outer margin"),
        ];
        let paper = Paper::from_name(raw.paper.value.trim());
        if paper.is_none() {
            let names: Vec<&str> = Paper::KNOWN.iter().map(|(n, ..)| *n).collect();
            self.report(
                self.error(
                    &raw.paper,
                    format!("unknown paper size `{}`", raw.paper.value.trim()),
                )
                .hint(format!("use one of: {}", names.join(", "))),
            );
        }
        let logo = self.image(&raw.logo, "logo");
        let cover = self.choice(raw.cover.as_ref(), &CoverLayout::CHOICES, "cover");
        let type_scale = paper.and_then(|p| self.type_scale(raw.type_scale.as_ref(), p));
        let grid = self.grid(raw.grid.as_ref());
        let images = self.image_resolution(raw.images.as_ref());
        let arabic_digits = self.choice(
            raw.arabic_digits.as_ref(),
            &Digits::CHOICES,
            "kind of digits",
        );
        let (cover, type_scale, arabic_digits, grid, images) =
            (cover?, type_scale?, arabic_digits?, grid?, images?);
        let [
            Some(primary),
            Some(accent),
            Some(ink),
            Some(muted),
            Some(surface),
        ] = colours
        else {
            return None;
        };
        let [Some(text), Some(heading)] = fonts else {
            return None;
        };
        let arabic = arabic?;
        let [Some(top), Some(bottom), Some(inner), Some(outer)] = margins else {
            return None;
        };
        self.contrast(raw, [primary, accent, ink, muted, surface]);
        let paper = paper?;
        // Said at the larger margin of a pair that takes too much: the one to change.
        let m = &raw.margins;
        let across = (inner + outer).0 > paper.width.0 * 0.5;
        let down = (top + bottom).0 > paper.height.0 * 0.5;
        let mm = |pt: f32| pt / 72.0 * 25.4;
        let pairs = [
            (
                across,
                [(&m.inner, inner, "inner"), (&m.outer, outer, "outer")],
                "width",
                paper.width,
            ),
            (
                down,
                [(&m.top, top, "top"), (&m.bottom, bottom, "bottom")],
                "height",
                paper.height,
            ),
        ];
        for (too_much, [a, b], side, page) in pairs {
            if !too_much {
                continue;
            }
            let (at, length, name) = if a.1 >= b.1 { a } else { b };
            self.report(
                self.error(
                    at,
                    format!(
                        "the {} and {} margins, {:.0}mm together, take more than half the \
                         page's {side} of {:.0}mm",
                        a.2,
                        b.2,
                        mm((a.1 + b.1).0),
                        mm(page.0)
                    ),
                )
                .hint(format!(
                    "the {name} margin is {:.0}mm; margins of 15mm to 25mm suit an A4 brochure",
                    mm(length.0)
                )),
            );
        }
        if across || down {
            return None;
        }
        let cover_photo = self.cover_photo(raw, cover, primary, paper)?;
        let grid_width = grid.sidebar.unwrap_or(crate::units::Pt::ZERO)
            + grid.gutter.unwrap_or(crate::units::Pt::ZERO);
        if (inner + outer + grid_width).0 > paper.width.0 * 0.6 {
            let at = raw
                .grid
                .as_ref()
                .and_then(|g| g.sidebar.as_ref().or(g.gutter.as_ref()));
            self.report(
                self.error(at.unwrap_or(&raw.margins.inner), "the margins, sidebar and gutter leave less than 40 % of the page's width for text")
                    .hint("a sidebar of 30mm to 45mm and a gutter of 5mm to 10mm suit an A4 page"),
            );
            return None;
        }
        Some(Brand {
            colours: Palette {
                primary: Colour {
                    rgb: primary,
                    cmyk: primary_k,
                },
                accent: Colour {
                    rgb: accent,
                    cmyk: accent_k,
                },
                ink: Colour {
                    rgb: ink,
                    cmyk: ink_k,
                },
                muted: Colour {
                    rgb: muted,
                    cmyk: muted_k,
                },
                surface: Colour {
                    rgb: surface,
                    cmyk: surface_k,
                },
            },
            fonts: Fonts {
                text,
                heading,
                arabic,
            },
            arabic_digits,
            cover,
            cover_photo,
            type_scale,
            grid,
            images,
            logo: logo?,
            paper,
            margins: Margins {
                top,
                bottom,
                inner,
                outer,
            },
        })
    }

    /// One of `options` by name; the first when the key is absent.
    pub(super) fn choice<T: Copy>(
        &mut self,
        value: Option<&S<String>>,
        options: &[(&str, T)],
        what: &str,
    ) -> Option<T> {
        let Some(value) = value else {
            return options.first().map(|(_, t)| *t);
        };
        let name = value.value.trim();
        let found = options.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
        if found.is_none() {
            let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            self.report(
                self.error(value, format!("unknown {what} `{name}`"))
                    .hint(format!("use one of: {}", names.join(", "))),
            );
        }
        found
    }

    /// The cover's photo: given with `cover: photo` and only then, and veiled enough for the
    /// cover's white text to read on it. `None` when something is wrong (reported).
    fn cover_photo(
        &mut self,
        raw: &RawBrand,
        layout: CoverLayout,
        primary: Rgb,
        paper: Paper,
    ) -> Option<Option<CoverPhoto>> {
        let photo = match (&raw.cover_photo, layout) {
            (None, CoverLayout::Photo) => {
                let at = raw.cover.as_ref()?;
                self.report(
                    self.error(at, "`cover: photo` needs a `cover-photo`")
                        .hint("add `cover-photo: {image: images/cover.jpg, focus: centre}`"),
                );
                return None;
            }
            (None, _) => return Some(None),
            (Some(photo), CoverLayout::Photo) => photo,
            (Some(photo), _) => {
                self.report(
                    self.error(
                        &photo.image,
                        "`cover-photo` is only used with `cover: photo`",
                    )
                    .hint("add `cover: photo`, or remove `cover-photo`"),
                );
                return None;
            }
        };
        let image = self.image(&photo.image, "cover photo");
        let focus = self.focus(photo.focus.as_ref());
        let veil = match &photo.veil {
            None => Some(DEFAULT_VEIL),
            Some(v) => self.scalar(
                v,
                |t| {
                    let n = t.strip_suffix('%')?.trim().parse::<f32>().ok()?;
                    (0.0..=100.0).contains(&n).then_some(n / 100.0)
                },
                "a veil",
                "give a percentage from 0% (the photo as it is) to 100% (the primary colour)",
            ),
        };
        let (image, focus, veil) = (image?, focus?, veil?);
        if matches!(image.kind, crate::content::ImageKind::Svg(_)) {
            self.report(
                self.error(&photo.image, "a cover photo is a JPEG or PNG, not an SVG")
                    .hint("export the picture as JPEG, or use `cover: circles` or `dots`"),
            );
            return None;
        }
        let window = focus.window(image.width, image.height, paper.height.0 / paper.width.0);
        let white = Rgb::WHITE;
        match crate::content::veil_needed(&image, window, primary, white, 4.5) {
            Some(needed) if needed <= veil + 0.001 => {}
            needed => {
                let at = photo.veil.as_ref().unwrap_or(&photo.image);
                let hint = match needed {
                    Some(n) => format!(
                        "give `veil: {:.0}%` or more, or choose a darker photo",
                        n * 100.0
                    ),
                    None => "choose a darker photo, or a darker primary colour".to_owned(),
                };
                self.report(
                    self.error(
                        at,
                        format!(
                            "white cover text on the photo under a {:.0}% veil has a contrast below the 4.5:1 WCAG AA asks for",
                            veil * 100.0
                        ),
                    )
                    .hint(hint),
                );
                return None;
            }
        }
        Some(Some(CoverPhoto { image, focus, veil }))
    }

    /// The images' resolutions, each within what screens and presses can use.
    fn image_resolution(&mut self, raw: Option<&super::raw::RawImages>) -> Option<ImageResolution> {
        let default = ImageResolution::default();
        let Some(raw) = raw else {
            return Some(default);
        };
        let mut ok = true;
        let mut ppi = |value: &Option<S<i64>>, range: (i64, i64), default: f32, what: &str| {
            let Some(value) = value else {
                return default;
            };
            if !(range.0..=range.1).contains(&value.value) {
                ok = false;
                self.report(
                    self.error(
                        value,
                        format!("{what} of {} ppi is out of range", value.value),
                    )
                    .hint(format!("give {} to {} pixels per inch", range.0, range.1)),
                );
            }
            value.value as f32
        };
        let images = ImageResolution {
            screen: ppi(
                &raw.screen_ppi,
                (72, 600),
                default.screen,
                "a screen resolution",
            ),
            print: ppi(
                &raw.print_ppi,
                (150, 1200),
                default.print,
                "a print resolution",
            ),
            print_most: ppi(
                &raw.print_most_ppi,
                (150, 2400),
                default.print_most,
                "a print resolution",
            ),
        };
        if let Some(most) = &raw.print_most_ppi
            && images.print_most < images.print
        {
            ok = false;
            self.report(
                self.error(most, "`print-most-ppi` is below `print-ppi`")
                    .hint(format!("give at least {} ppi", images.print)),
            );
        }
        ok.then_some(images)
    }

    /// The page grid's sidebar and gutter, where the brand chooses them.
    fn grid(&mut self, raw: Option<&super::raw::RawGrid>) -> Option<GridChoice> {
        let Some(raw) = raw else {
            return Some(GridChoice::default());
        };
        let mut ok = true;
        let mut length = |value: &Option<S<String>>, what: &str, none: bool| match value {
            None => None,
            Some(v) if none && v.value.trim() == "none" => Some(crate::units::Pt::ZERO),
            Some(v) => {
                let length = self.length(v, what);
                ok &= length.is_some();
                length
            }
        };
        let choice = GridChoice {
            sidebar: length(&raw.sidebar, "the sidebar", true),
            gutter: length(&raw.gutter, "the gutter", false),
        };
        ok.then_some(choice)
    }

    /// The type scale for `paper`, each size given replacing the default; sizes from 5 to
    /// 120 pt.
    fn type_scale(
        &mut self,
        raw: Option<&super::raw::RawTypeScale>,
        paper: Paper,
    ) -> Option<TypeScale> {
        let mut scale = TypeScale::for_paper(paper);
        let Some(raw) = raw else {
            return Some(scale);
        };
        let mut ok = true;
        let entries = [
            (&raw.display, &mut scale.display, "display size"),
            (&raw.h1, &mut scale.h1, "h1 size"),
            (&raw.h2, &mut scale.h2, "h2 size"),
            (&raw.h3, &mut scale.h3, "h3 size"),
            (&raw.lead, &mut scale.lead, "lead size"),
            (&raw.body, &mut scale.body, "body size"),
            (&raw.figure, &mut scale.figure, "figure size"),
            (&raw.quote, &mut scale.quote, "quote size"),
            (&raw.caption, &mut scale.caption, "caption size"),
            (&raw.small, &mut scale.small, "small size"),
            (&raw.baseline, &mut scale.baseline, "baseline"),
        ];
        for (value, slot, what) in entries {
            let Some(value) = value else { continue };
            match self.length(value, &format!("the {what}")) {
                Some(size) if (5.0..=120.0).contains(&size.0) => *slot = size,
                Some(size) => {
                    self.report(
                        self.error(value, format!("a {what} of {size} is out of range"))
                            .hint("sizes go from 5pt to 120pt"),
                    );
                    ok = false;
                }
                None => ok = false,
            }
        }
        if scale.baseline < scale.body
            && let Some(at) = raw.baseline.as_ref().or(raw.body.as_ref())
        {
            self.report(
                self.error(
                    at,
                    "the baseline is smaller than the body size: lines would collide",
                )
                .hint("a baseline of 1.4 to 1.5 times the body size reads well"),
            );
            ok = false;
        }
        ok.then_some(scale)
    }

    /// Text must stay readable: WCAG AA asks 4.5:1 for running text and 3:1 for large text
    /// (headings) and for graphics (icons).
    fn contrast(&mut self, raw: &RawBrand, [primary, accent, ink, muted, surface]: [Rgb; 5]) {
        let c = &raw.colours;
        let white = Rgb::WHITE;
        let pairs = [
            (&c.ink, ink, white, "running text (ink) on white", 4.5),
            (
                &c.ink,
                ink,
                surface,
                "running text (ink) in boxes (surface)",
                4.5,
            ),
            (&c.muted, muted, white, "captions (muted) on white", 4.5),
            (
                &c.muted,
                muted,
                surface,
                "captions (muted) in boxes (surface)",
                4.5,
            ),
            (
                &c.primary,
                white,
                primary,
                "white cover text on the primary colour",
                4.5,
            ),
            (
                &c.primary,
                primary,
                white,
                "headings (primary) on white",
                3.0,
            ),
            // Graphics a reader needs (icons, the timeline's dots) ask 3:1 (WCAG 1.4.11);
            // small text in the accent is darkened to 4.5:1 where it is set.
            (&c.accent, accent, white, "icons (accent) on white", 3.0),
            (
                &c.primary,
                primary.tint(0.85),
                primary,
                "key figures' labels (a light tint of primary) on the primary colour",
                4.5,
            ),
        ];
        for (at, fore, back, what, needed) in pairs {
            let ratio = fore.contrast(back);
            if ratio < needed {
                self.report(
                    self.error(at, format!("{what} has a contrast of {ratio:.1}:1, below the {needed}:1 WCAG AA asks for"))
                        .hint("darken the text colour or lighten the background"),
                );
            }
        }
    }

    /// An edition in Arabic needs `fonts.arabic`; `at` is where the fonts are named.
    fn script_has_face(&mut self, at: &S<String>) -> Option<()> {
        let lang = self.lang;
        if lang.locale().script != crate::locale::Script::Arabic {
            return Some(());
        }
        self.report(
            self.error(
                at,
                format!(
                    "the content has an edition in {}, but no face is named for its script",
                    lang.name()
                ),
            )
            .hint("add `arabic: Noto Naskh Arabic` under `fonts:`"),
        );
        None
    }

    fn family(&mut self, value: &S<String>) -> Option<Family> {
        let name = value.value.trim();
        let family = Family::from_name(name);
        if family.is_none() {
            let names: Vec<&str> = Family::TEXT.iter().map(|f| f.name()).collect();
            let message = match closest(name, &names) {
                Some(best) => format!("unknown font `{name}`, did you mean `{best}`?"),
                None => format!("unknown font `{name}`"),
            };
            self.report(
                self.error(value, message)
                    .hint(format!("the bundled fonts are: {}", names.join(", "))),
            );
        }
        family
    }

    /// The languages a brochure declares, in order.
    pub fn languages(&mut self, raw: &RawBrochure) -> Option<Vec<Lang>> {
        let mut languages = Vec::new();
        for code in &raw.languages.value {
            match Lang::parse(code.value.trim()) {
                Some(lang) if !languages.contains(&lang) => languages.push(lang),
                Some(_) => self.report(self.error(
                    code,
                    format!("language `{}` is listed twice", code.value.trim()),
                )),
                None => {
                    let codes: Vec<&str> = Lang::all().map(Lang::code).collect();
                    self.report(
                        self.error(code, format!("unknown language `{}`", code.value.trim()))
                            .hint(format!("use one of: {}", codes.join(", "))),
                    );
                }
            }
        }
        if raw.languages.value.is_empty() {
            self.report(
                self.error(&raw.languages, "no language is declared")
                    .hint("write `languages: [fr]`"),
            );
            return None;
        }
        Some(languages)
    }

    /// The brochure, with each block's short form kept aside for the fact sheet.
    pub fn brochure(&mut self, raw: &RawBrochure) -> Option<(Document, Vec<Checked>)> {
        let lang = Some(self.lang);
        let edition = match &raw.edition {
            Some(edition) => Some(self.month(edition, "edition")?),
            None => None,
        };
        let keywords = raw
            .keywords
            .iter()
            .filter_map(|k| self.name(k, "keyword"))
            .collect();
        let title = self.text(&raw.title, "title");
        let subject = self.text(&raw.subject, "subject");
        let checked = self.blocks(&raw.blocks);
        // A block that failed its checks is missing here; judging sections then would
        // report a section as empty that is not.
        if checked.len() == raw.blocks.len() {
            self.sections_not_empty(&checked);
        }
        self.ids_unique(&raw.blocks, &checked);
        if raw.blocks.is_empty() {
            self.report(self.error(&raw.title, "the brochure has no blocks"));
        }
        let document = Document {
            title: title?,
            subject: subject?,
            keywords,
            lang: lang?,
            edition,
            typography: raw.typography.as_ref().is_none_or(|t| t.value),
            blocks: checked.iter().map(|c| c.block.clone()).collect(),
        };
        Some((document, checked))
    }

    /// A heading straight after a heading of the same or a higher level leaves its section empty.
    fn sections_not_empty(&mut self, checked: &[Checked]) {
        let level = |c: &Checked| match &c.block.kind {
            BlockKind::Heading { level, .. } => Some(*level),
            _ => None,
        };
        for (i, c) in checked.iter().enumerate() {
            let Some(this) = level(c) else { continue };
            let next = checked.get(i + 1).map(level);
            let empty = match next {
                None => true,
                Some(Some(next)) => next <= this,
                Some(None) => false,
            };
            if empty {
                let text = match &c.block.kind {
                    BlockKind::Heading { text, .. } => text.text(),
                    _ => String::new(),
                };
                let origin = &c.block.origin;
                self.report(
                    crate::diag::Diagnostic::error(format!("section «{text}» is empty"))
                        .at(self.source, origin.line, origin.column)
                        .hint("add its paragraphs, or remove the heading"),
                );
            }
        }
    }

    fn ids_unique(&mut self, raw: &[S<super::raw::RawBlock>], checked: &[Checked]) {
        let mut seen: Vec<&str> = Vec::new();
        for c in checked {
            let Some(id) = c.block.id.as_deref() else {
                continue;
            };
            if seen.contains(&id) {
                let at = raw
                    .iter()
                    .filter_map(|b| b.value.id.as_ref())
                    .filter(|i| i.value.trim() == id)
                    .nth(1);
                if let Some(at) = at {
                    self.report(self.error(at, format!("id `{id}` is used twice")));
                }
            }
            seen.push(id);
        }
    }

    /// The fact sheet: the sections and blocks of the brochure it names, in their short forms.
    /// `complete` says every block of the brochure passed its checks: only then is an id that
    /// matches no block a mistake of the fact sheet's.
    pub fn factsheet(
        &mut self,
        raw: &RawFactsheet,
        brochure: &Document,
        checked: &[Checked],
        complete: bool,
    ) -> Option<Document> {
        let title = self.text(&raw.title, "title");
        let subject = self.text(&raw.subject, "subject");
        if raw.uses.is_empty() {
            self.report(self.error(&raw.title, "the fact sheet uses no block"));
        }
        let mut ids: Vec<&str> = Vec::new();
        for id in checked.iter().filter_map(|c| c.block.id.as_deref()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let mut blocks = Vec::new();
        // What is on the fact sheet so far: the range of blocks each id brought, so that a
        // block is never set twice (named twice, or named inside a section already there).
        let mut taken: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
        for wanted in &raw.uses {
            let id = wanted.value.trim();
            match checked
                .iter()
                .position(|c| c.block.id.as_deref() == Some(id))
            {
                Some(start) => {
                    let range = section(checked, start);
                    let overlap = taken
                        .iter()
                        .find(|(_, r)| r.start < range.end && range.start < r.end);
                    match overlap {
                        Some((seen, _)) if *seen == id => self.report(
                            self.error(wanted, format!("the block `{id}` is used twice"))
                                .hint("each block is on the fact sheet once: remove the repeat"),
                        ),
                        Some((seen, r)) => {
                            let (inner, outer) = if range.len() < r.len() {
                                (id, *seen)
                            } else {
                                (*seen, id)
                            };
                            self.report(
                                self.error(
                                    wanted,
                                    format!(
                                        "the block `{inner}` is already in the section \
                                         `{outer}`, which the fact sheet uses"
                                    ),
                                )
                                .hint(
                                    "each block is on the fact sheet once: use the section, \
                                       or the blocks of it you want",
                                ),
                            );
                        }
                        None => {
                            blocks.extend(shortened(checked, range.clone()));
                            taken.push((id, range));
                        }
                    }
                }
                None if !complete => return None,
                None => {
                    let message = match closest(id, &ids) {
                        Some(best) => format!("no block has the id `{id}`, did you mean `{best}`?"),
                        None => format!("no block has the id `{id}`"),
                    };
                    let hint = if ids.is_empty() {
                        "give the block an `id:` in brochure.yaml".to_owned()
                    } else {
                        format!("the brochure's ids are: {}", ids.join(", "))
                    };
                    self.report(self.error(wanted, message).hint(hint));
                }
            }
        }
        Some(Document {
            title: title?,
            subject: subject?,
            keywords: brochure.keywords.clone(),
            lang: brochure.lang,
            edition: brochure.edition,
            typography: brochure.typography,
            blocks,
        })
    }
}

/// The blocks the id at `start` brings: the block, or for a heading its whole section.
fn section(checked: &[Checked], start: usize) -> std::ops::Range<usize> {
    let Some(first) = checked.get(start) else {
        return start..start;
    };
    let BlockKind::Heading { level, .. } = first.block.kind else {
        return start..start + 1;
    };
    let end = checked
        .iter()
        .enumerate()
        .skip(start + 1)
        .find(|(_, c)| matches!(c.block.kind, BlockKind::Heading { level: next, .. } if next <= level))
        .map_or(checked.len(), |(i, _)| i);
    start..end
}

/// The blocks of `range`, each in its short form.
fn shortened(checked: &[Checked], range: std::ops::Range<usize>) -> Vec<Block> {
    checked
        .get(range)
        .unwrap_or_default()
        .iter()
        .map(|c| Block {
            kind: c.short.clone().unwrap_or_else(|| c.block.kind.clone()),
            ..c.block.clone()
        })
        .collect()
}
