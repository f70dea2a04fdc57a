//! Print editions read back as PDF/X-4 files (ISO 15930-7) that are still PDF/A-2 and tagged.
//!
//! No open validator checks PDF/X (veraPDF covers PDF/A and PDF/UA only), so each requirement
//! a print shop's preflight applies is asserted here on the files the binary writes, for the
//! default content and the second one (photos in RGB and CMYK, transparency, links, Arabic).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::common::*;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

fn name(object: Option<&Object>) -> Option<&[u8]> {
    object.and_then(|o| o.as_name().ok())
}

fn text<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    let value = dict.get(key).ok()?;
    let value = match value {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    value.as_str().ok()
}

/// The array `dict[key]` holds, directly or through a reference.
fn array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Vec<Object> {
    dict.get(key)
        .ok()
        .and_then(|o| match o {
            Object::Reference(id) => doc.get_object(*id).ok(),
            other => Some(other),
        })
        .and_then(|o| o.as_array().ok())
        .cloned()
        .unwrap_or_default()
}

fn dictionary<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// A page box as [x0, y0, x1, y1].
fn page_box(doc: &Document, page: ObjectId, key: &[u8]) -> Option<[f32; 4]> {
    let values = doc
        .get_dictionary(page)
        .ok()?
        .get(key)
        .ok()?
        .as_array()
        .ok()?;
    let v: Vec<f32> = values.iter().filter_map(|v| v.as_float().ok()).collect();
    Some([
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ])
}

fn within(inner: [f32; 4], outer: [f32; 4]) -> bool {
    let e = 0.01;
    inner[0] >= outer[0] - e
        && inner[1] >= outer[1] - e
        && inner[2] <= outer[2] + e
        && inner[3] <= outer[3] + e
}

/// Every problem a PDF/X-4 preflight on FOGRA39 would find in `path`.
fn pdfx4_problems(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("read");
    let doc = Document::load_mem(&bytes).expect("parses");
    let mut problems = Vec::new();
    let mut problem = |p: String| problems.push(p);

    // PDF/X-4 is defined on PDF 1.6.
    if !bytes.starts_with(b"%PDF-1.6") && !bytes.starts_with(b"%PDF-1.5") {
        problem(format!(
            "header {:?}",
            String::from_utf8_lossy(&bytes[..8.min(bytes.len())])
        ));
    }
    if doc.trailer.get(b"Encrypt").is_ok() {
        problem("encrypted".into());
    }
    if doc.trailer.get(b"ID").is_err() {
        problem("no file ID".into());
    }

    // One PDF/X intent, on a CMYK output profile, sharing its profile with PDF/A's.
    let catalog = doc.catalog().expect("catalog");
    let intents = array(&doc, catalog, b"OutputIntents");
    let intents: Vec<&Dictionary> = intents.iter().filter_map(|i| dictionary(&doc, i)).collect();
    let of = |s: &[u8]| {
        intents
            .iter()
            .filter(|i| name(i.get(b"S").ok()) == Some(s))
            .collect::<Vec<_>>()
    };
    let (pdfx, pdfa) = (of(b"GTS_PDFX"), of(b"GTS_PDFA1"));
    if pdfx.len() != 1 || pdfa.len() != 1 {
        problem(format!(
            "{} PDF/X and {} PDF/A output intents",
            pdfx.len(),
            pdfa.len()
        ));
    }
    let profiles: HashSet<_> = intents
        .iter()
        .filter_map(|i| {
            i.get(b"DestOutputProfile")
                .and_then(Object::as_reference)
                .ok()
        })
        .collect();
    if profiles.len() != 1 {
        problem(format!(
            "{} output profiles (PDF/A-2 wants one)",
            profiles.len()
        ));
    }
    if let Some(x) = pdfx.first() {
        if text(&doc, x, b"OutputConditionIdentifier") != Some(b"FOGRA39") {
            problem("PDF/X intent not FOGRA39".into());
        }
        if text(&doc, x, b"RegistryName").is_none() || text(&doc, x, b"OutputCondition").is_none() {
            problem("PDF/X intent without registry or condition".into());
        }
        let profile = x
            .get(b"DestOutputProfile")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_object(id))
            .and_then(Object::as_stream)
            .and_then(|s| s.decompressed_content());
        match profile {
            // An output (printer) profile in CMYK.
            Ok(icc) if icc.get(12..20) == Some(b"prtrCMYK".as_slice()) => {}
            Ok(icc) => problem(format!(
                "output profile class and space {:?}",
                String::from_utf8_lossy(icc.get(12..20).unwrap_or_default())
            )),
            Err(e) => problem(format!("output profile unreadable: {e}")),
        }
    }

    // Identification and trapping, in the information dictionary and the XMP alike.
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .expect("document information");
    if text(&doc, info, b"GTS_PDFXVersion") != Some(b"PDF/X-4") {
        problem("Info GTS_PDFXVersion not PDF/X-4".into());
    }
    if name(info.get(b"Trapped").ok()) != Some(b"False") {
        problem("Info Trapped not False".into());
    }
    for key in [&b"Title"[..], b"CreationDate", b"ModDate"] {
        if text(&doc, info, key).is_none_or(<[u8]>::is_empty) {
            problem(format!("Info {} missing", String::from_utf8_lossy(key)));
        }
    }
    let xmp = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
        .and_then(|s| s.decompressed_content())
        .expect("XMP");
    let xmp = String::from_utf8(xmp).expect("UTF-8 XMP");
    let body = xmp
        .split_once("<x:xmpmeta")
        .and_then(|(_, rest)| rest.rsplit_once("</x:xmpmeta>"))
        .map(|(inner, _)| format!("<x:xmpmeta{inner}</x:xmpmeta>"))
        .expect("an xmpmeta element");
    match roxmltree::Document::parse(&body) {
        Err(e) => problem(format!("XMP is not well-formed: {e}")),
        Ok(tree) => {
            let value = |ns: &str, local: &str| -> Vec<String> {
                tree.descendants()
                    .filter(|n| {
                        n.tag_name().namespace() == Some(ns) && n.tag_name().name() == local
                    })
                    .filter_map(|n| n.text().map(str::to_owned))
                    .collect()
            };
            let expect = |ns: &str, local: &str, want: &str| {
                let got = value(ns, local);
                (got != [want]).then(|| format!("XMP {local}: {got:?}, not [{want:?}]"))
            };
            let xmp_ns = "http://ns.adobe.com/xap/1.0/";
            let mm = "http://ns.adobe.com/xap/1.0/mm/";
            for p in [
                expect(
                    "http://www.npes.org/pdfx/ns/id/",
                    "GTS_PDFXVersion",
                    "PDF/X-4",
                ),
                expect("http://ns.adobe.com/pdf/1.3/", "Trapped", "False"),
                expect("http://ns.adobe.com/pdf/1.3/", "PDFVersion", "1.6"),
                expect(mm, "RenditionClass", "default"),
                expect("http://www.aiim.org/pdfa/ns/id/", "part", "2"),
                expect("http://www.aiim.org/pdfua/ns/id/", "part", "1"),
            ]
            .into_iter()
            .flatten()
            {
                problem(p);
            }
            for (ns, local) in [
                (xmp_ns, "CreateDate"),
                (xmp_ns, "ModifyDate"),
                (xmp_ns, "MetadataDate"),
                (mm, "DocumentID"),
                (mm, "VersionID"),
            ] {
                if value(ns, local).len() != 1 {
                    problem(format!("XMP {local} not there once"));
                }
            }
            // PDF/A-2 predefines neither pdfxid nor pdfuaid: their schemas are declared, in
            // the one extension bag.
            let bags = tree
                .descendants()
                .filter(|n| {
                    n.tag_name().namespace() == Some("http://www.aiim.org/pdfa/ns/extension/")
                        && n.tag_name().name() == "schemas"
                })
                .count();
            let prefixes = value("http://www.aiim.org/pdfa/ns/schema#", "prefix");
            if bags != 1
                || !["pdfxid", "pdfuaid"]
                    .iter()
                    .all(|p| prefixes.iter().any(|q| q == p))
            {
                problem(format!("{bags} extension bags, schemas {prefixes:?}"));
            }
        }
    }

    // Pages: trim within bleed within media, no art box, no annotation in the printed area.
    let smasks: HashSet<ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| match o {
            Object::Stream(s) => s.dict.get(b"SMask").and_then(Object::as_reference).ok(),
            _ => None,
        })
        .collect();
    for (number, page) in doc.get_pages() {
        let media = page_box(&doc, page, b"MediaBox");
        let bleed = page_box(&doc, page, b"BleedBox");
        let trim = page_box(&doc, page, b"TrimBox");
        match (media, bleed, trim) {
            (Some(m), Some(b), Some(t)) if within(t, b) && within(b, m) => {}
            boxes => problem(format!("page {number}: boxes {boxes:?}")),
        }
        let dict = doc.get_dictionary(page).expect("page");
        if dict.get(b"ArtBox").is_ok() {
            problem(format!("page {number}: an art box beside the trim box"));
        }
        let annotations = array(&doc, dict, b"Annots").len();
        if annotations > 0 {
            problem(format!("page {number}: {annotations} annotations"));
        }
        // No device colour set in a content stream: every colour is ICC-based.
        for content in doc.get_page_contents(page) {
            let data = doc
                .get_object(content)
                .and_then(Object::as_stream)
                .and_then(|s| s.decompressed_content())
                .expect("content stream");
            let operations = Content::decode(&data).expect("content").operations;
            let device: HashSet<&str> = operations
                .iter()
                .map(|op| op.operator.as_str())
                .filter(|op| ["rg", "RG", "k", "K", "g", "G"].contains(op))
                .collect();
            if !device.is_empty() {
                problem(format!("page {number}: device colour operators {device:?}"));
            }
        }
    }
    // Nor in any colour space but a soft mask's (which the PDF format requires be DeviceGray).
    for (id, object) in &doc.objects {
        let dict = match object {
            Object::Stream(s) => &s.dict,
            Object::Dictionary(d) => d,
            _ => continue,
        };
        for key in [&b"ColorSpace"[..], b"CS"] {
            let space = name(dict.get(key).ok());
            let device = matches!(
                space,
                Some(b"DeviceRGB" | b"DeviceCMYK" | b"DeviceGray" | b"RGB" | b"CMYK" | b"G")
            );
            if device && !(space == Some(b"DeviceGray") && smasks.contains(id)) {
                problem(format!(
                    "object {id:?}: {} {}",
                    String::from_utf8_lossy(key),
                    String::from_utf8_lossy(space.unwrap_or_default())
                ));
            }
        }
        // Fonts embedded.
        if name(dict.get(b"Type").ok()) == Some(b"FontDescriptor")
            && !["FontFile", "FontFile2", "FontFile3"]
                .iter()
                .any(|k| dict.get(k.as_bytes()).is_ok())
        {
            problem(format!("object {id:?}: a font not embedded"));
        }
        // No transfer functions, halftones or actions other than going to a place.
        for key in ["TR", "TR2", "HT", "JS", "JavaScript", "EmbeddedFiles"] {
            if dict.get(key.as_bytes()).is_ok() {
                problem(format!("object {id:?}: {key}"));
            }
        }
        if let Some(action) = name(dict.get(b"S").ok())
            && name(dict.get(b"Type").ok()) == Some(b"Action")
            && action != b"GoTo"
        {
            problem(format!(
                "object {id:?}: a {} action",
                String::from_utf8_lossy(action)
            ));
        }
    }
    problems
}

fn print_pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read output") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with("-print.pdf") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn print_editions_are_pdf_x4_on_fogra39() {
    for source in ["content", "tests/fixtures/northshore"] {
        let dir = workspace(source);
        for args in [
            &["build", "--print"][..],
            &["build", "--print", "--all-events"],
        ] {
            let output = run(dir.path(), args);
            assert!(output.status.success(), "{source}: {}", stderr(&output));
        }
        let pdfs = print_pdfs(&dir.path().join("output"));
        assert!(pdfs.len() >= 4, "{source}: {pdfs:?}");
        for path in pdfs {
            let problems = pdfx4_problems(&path);
            assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
        }
    }
}

/// The checks above can fail: a screen edition, which is not PDF/X, fails them for what it is
/// (PDF 1.7, no PDF/X intent or identification, device-independent but linked).
#[test]
fn a_screen_edition_is_not_taken_for_pdf_x() {
    let dir = workspace("tests/fixtures/northshore");
    let output = run(dir.path(), &["build", "--lang", "en-US"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let problems = pdfx4_problems(&dir.path().join("output/brochure-en-US.pdf"));
    let said = |what: &str| problems.iter().any(|p| p.contains(what));
    for what in [
        "header",
        "0 PDF/X and 1 PDF/A output intents",
        "Info GTS_PDFXVersion",
        "Info Trapped",
        "XMP GTS_PDFXVersion",
        "annotations",
        "boxes",
    ] {
        assert!(said(what), "{what} not found in {problems:#?}");
    }
}
