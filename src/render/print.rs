//! Print editions: the brand's inks, a CMYK output intent, and PDF/X-4 for the print shop.
//!
//! The profile is FOGRA39 (offset on coated paper, ISO 12647-2), built with Argyll's `colprof`
//! from the openly licensed FOGRA39L characterisation data (see `icc/README.md`).
//!
//! A print edition is PDF/X-4 (ISO 15930-7) as well as PDF/A-2a and PDF/UA-1: the three can
//! be claimed at once, and krilla, which writes and checks the last two, knows nothing of the
//! first. So this pass, over what krilla wrote, adds what PDF/X-4 asks of a file that already
//! meets PDF/A-2 (fonts embedded, no encryption, no device colour, a file ID, XMP):
//! - a `GTS_PDFX` output intent beside krilla's `GTS_PDFA1`, both on FOGRA39: PDF/A-2 allows
//!   several intents when they share one profile object, and every colour in the file is
//!   ICC-based, so no device colour depends on which intent a reader takes;
//! - `GTS_PDFXVersion` and `Trapped` (`False`: nothing here is trapped; PDF/X refuses
//!   `Unknown`) in the document information, and in the XMP with the schema PDF/A asks for
//!   the `pdfxid` namespace it does not predefine;
//! - the rendition class `default` (the master, where krilla says `proof`), a version ID and a
//!   metadata date.
//!
//! What the rest of the pipeline does for it: the header says PDF 1.6 (PDF/X-4 is defined on
//! PDF 1.6; krilla is asked for 1.6), every page has its TrimBox and BleedBox, and print
//! editions carry no link annotations, which PDF/X keeps off the printed area (the text of a
//! link is still there to read and copy; the screen edition is the one to click).

use std::sync::OnceLock;

use krilla::icc::ICCProfile;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::RenderError;

/// The bundled FOGRA39 output profile.
const FOGRA39: &[u8] = include_bytes!("../../icc/FOGRA39.icc");

/// The PDF/X part and version print editions claim.
pub const PDFX_VERSION: &str = "PDF/X-4";

/// The CMYK profile the brand's inks are given in. krilla compresses it when it is made:
/// made once a process, shared by every document (a clone is a reference count).
pub fn cmyk_profile() -> Result<ICCProfile<4>, RenderError> {
    static PROFILE: OnceLock<Option<ICCProfile<4>>> = OnceLock::new();
    PROFILE
        .get_or_init(|| ICCProfile::new(FOGRA39))
        .clone()
        .ok_or_else(|| RenderError::Pdf("the bundled FOGRA39 profile could not be read".into()))
}

/// Makes the PDF krilla wrote for print a PDF/X-4 file on FOGRA39 (see the module's docs).
pub fn pdfx(pdf: &[u8]) -> Result<Vec<u8>, RenderError> {
    let mut doc = Document::load_mem(pdf).map_err(failed)?;
    let profile = profile(&mut doc)?;
    output_intents(&mut doc, profile)?;
    info(&mut doc)?;
    xmp(&mut doc)?;
    let mut out = Vec::with_capacity(pdf.len() + FOGRA39.len() / 2);
    doc.save_to(&mut out)
        .map_err(|e| RenderError::Pdf(format!("saving the print PDF: {e}")))?;
    Ok(out)
}

fn failed(e: lopdf::Error) -> RenderError {
    RenderError::Pdf(format!("making the print PDF: {e}"))
}

fn missing(what: &str) -> RenderError {
    RenderError::Pdf(format!(
        "making the print PDF: krilla's output has no {what}"
    ))
}

fn text(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

/// The FOGRA39 profile's stream: the one krilla embedded for the document's colours, else a
/// new one.
fn profile(doc: &mut Document) -> Result<ObjectId, RenderError> {
    let existing = doc.objects.iter().find_map(|(id, object)| match object {
        Object::Stream(s)
            if s.dict.get(b"N").and_then(Object::as_i64).ok() == Some(4)
                && s.decompressed_content().is_ok_and(|c| c == FOGRA39) =>
        {
            Some(*id)
        }
        _ => None,
    });
    if let Some(id) = existing {
        return Ok(id);
    }
    let mut stream = Stream::new(
        Dictionary::from_iter([("N", Object::Integer(4))]),
        FOGRA39.to_vec(),
    );
    stream.compress().map_err(failed)?;
    Ok(doc.add_object(stream))
}

/// Points krilla's PDF/A intent at FOGRA39 and adds the PDF/X one, sharing its profile.
fn output_intents(doc: &mut Document, profile: ObjectId) -> Result<(), RenderError> {
    let intents = doc
        .catalog()
        .and_then(|c| c.get(b"OutputIntents"))
        .map_err(|_| missing("output intent"))?
        .clone();
    let (array, intents) = match intents {
        Object::Reference(id) => (
            Some(id),
            doc.get_object(id)
                .and_then(Object::as_array)
                .map_err(failed)?
                .clone(),
        ),
        Object::Array(items) => (None, items),
        _ => return Err(missing("output intent array")),
    };
    let Some(pdfa) = intents.first().and_then(|i| i.as_reference().ok()) else {
        return Err(missing("output intent"));
    };
    let dict = doc.get_dictionary_mut(pdfa).map_err(failed)?;
    dict.set("DestOutputProfile", Object::Reference(profile));
    dict.set("OutputConditionIdentifier", text("FOGRA39"));
    dict.set(
        "OutputCondition",
        text("Offset printing, coated paper, ISO 12647-2:2004/Amd 1 (FOGRA39)"),
    );
    dict.set("RegistryName", text("http://www.color.org"));
    dict.set(
        "Info",
        text("FOGRA39, built from FOGRA39L.ti3 (icc-profiles-free) with Argyll colprof"),
    );
    let mut pdfx = dict.clone();
    pdfx.set("S", Object::Name(b"GTS_PDFX".to_vec()));
    let pdfx = doc.add_object(pdfx);
    // The PDF/X intent first: a RIP that honours one intent takes the first.
    let intents = Object::Array(vec![Object::Reference(pdfx), Object::Reference(pdfa)]);
    match array {
        Some(id) => {
            doc.objects.insert(id, intents);
        }
        None => doc
            .catalog_mut()
            .map_err(failed)?
            .set("OutputIntents", intents),
    }
    Ok(())
}

/// The PDF/X version and trapping state in the document information.
fn info(doc: &mut Document) -> Result<(), RenderError> {
    let id = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(|_| missing("document information"))?;
    let info = doc.get_dictionary_mut(id).map_err(failed)?;
    info.set("GTS_PDFXVersion", text(PDFX_VERSION));
    info.set("Trapped", Object::Name(b"False".to_vec()));
    Ok(())
}

/// The same in the XMP metadata, which PDF/X-4 reads first.
fn xmp(doc: &mut Document) -> Result<(), RenderError> {
    let id = doc
        .catalog()
        .and_then(|c| c.get(b"Metadata"))
        .and_then(Object::as_reference)
        .map_err(|_| missing("XMP metadata"))?;
    let stream = doc
        .get_object_mut(id)
        .and_then(Object::as_stream_mut)
        .map_err(failed)?;
    stream.decompress().map_err(failed)?;
    let packet = std::str::from_utf8(&stream.content).map_err(|_| missing("UTF-8 XMP"))?;
    let packet = with_pdfx(packet).ok_or_else(|| missing("XMP of the shape it writes"))?;
    stream.set_content(packet.into_bytes());
    Ok(())
}

/// `packet` with the PDF/X-4 properties, or `None` if it lacks a place this expects (a new
/// krilla that writes its XMP otherwise fails the build rather than the print shop's check).
fn with_pdfx(packet: &str) -> Option<String> {
    const SCHEMAS_END: &str = "</rdf:Bag></pdfaExtension:schemas>";
    const PROOF: &str = "<xmpMM:RenditionClass>proof</xmpMM:RenditionClass>";
    const RDF_END: &str = "</rdf:RDF>";
    let modified = between(packet, "<xmp:ModifyDate>", "</xmp:ModifyDate>")?;
    // PDF/A-2 predefines the xmp, xmpMM and pdf namespaces (krilla declares `pdf:Trapped`
    // already), not pdfxid: its schema joins krilla's in the one extension bag allowed.
    let schema = concat!(
        r#"<rdf:li rdf:parseType="Resource">"#,
        "<pdfaSchema:schema>PDF/X Identification schema</pdfaSchema:schema>",
        "<pdfaSchema:namespaceURI>http://www.npes.org/pdfx/ns/id/</pdfaSchema:namespaceURI>",
        "<pdfaSchema:prefix>pdfxid</pdfaSchema:prefix>",
        r#"<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">"#,
        "<pdfaProperty:category>internal</pdfaProperty:category>",
        "<pdfaProperty:description>Conformance level of PDF/X standard</pdfaProperty:description>",
        "<pdfaProperty:name>GTS_PDFXVersion</pdfaProperty:name>",
        "<pdfaProperty:valueType>Text</pdfaProperty:valueType>",
        "</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li>",
    );
    let properties = format!(
        concat!(
            r#"<rdf:Description rdf:about="""#,
            r#" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/""#,
            r#" xmlns:pdf="http://ns.adobe.com/pdf/1.3/""#,
            r#" xmlns:xmp="http://ns.adobe.com/xap/1.0/""#,
            r#" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">"#,
            "<pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>",
            "<pdf:Trapped>False</pdf:Trapped>",
            "<xmp:MetadataDate>{modified}</xmp:MetadataDate>",
            "<xmpMM:VersionID>1</xmpMM:VersionID>",
            "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
            "</rdf:Description>",
        ),
        version = PDFX_VERSION,
        modified = modified,
    );
    if [SCHEMAS_END, PROOF, RDF_END]
        .iter()
        .any(|marker| packet.matches(marker).count() != 1)
    {
        return None;
    }
    Some(
        packet
            .replace(SCHEMAS_END, &format!("{schema}{SCHEMAS_END}"))
            .replace(PROOF, "")
            .replace(RDF_END, &format!("{properties}{RDF_END}")),
    )
}

/// The text between the first `start` and the `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let (_, rest) = text.split_once(start)?;
    Some(rest.split_once(end)?.0)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn an_xmp_packet_of_another_shape_is_refused() {
        assert_eq!(with_pdfx("<x:xmpmeta></x:xmpmeta>"), None);
        let twice = concat!(
            "<xmp:ModifyDate>2024-01-01T00:00:00+00:00</xmp:ModifyDate>",
            "<pdfaExtension:schemas><rdf:Bag></rdf:Bag></pdfaExtension:schemas>",
            "<xmpMM:RenditionClass>proof</xmpMM:RenditionClass>",
            "</rdf:RDF></rdf:RDF>",
        );
        assert_eq!(with_pdfx(twice), None);
    }
}
