//! Print editions: the brand's inks, and a CMYK output intent for the print shop.
//!
//! The profile is FOGRA39 (offset on coated paper, ISO 12647-2), built with Argyll's `colprof`
//! from the openly licensed FOGRA39L characterisation data (see `icc/README.md`). krilla always
//! writes an sRGB output intent for PDF/A; for print, that intent is pointed at FOGRA39 instead,
//! which PDF/A-2 allows: every colour in the file is ICC-based, so no device colour depends on
//! the intent.

use std::sync::OnceLock;

use krilla::icc::ICCProfile;
use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

use super::RenderError;

/// The bundled FOGRA39 output profile.
const FOGRA39: &[u8] = include_bytes!("../../icc/FOGRA39.icc");

/// The CMYK profile the brand's inks are given in. krilla compresses it when it is made:
/// made once a process, shared by every document (a clone is a reference count).
pub fn cmyk_profile() -> Result<ICCProfile<4>, RenderError> {
    static PROFILE: OnceLock<Option<ICCProfile<4>>> = OnceLock::new();
    PROFILE
        .get_or_init(|| ICCProfile::new(FOGRA39))
        .clone()
        .ok_or_else(|| RenderError::Pdf("the bundled FOGRA39 profile could not be read".into()))
}

/// Points every output intent of `pdf` at FOGRA39, reusing the profile's stream when krilla
/// already embedded it for the document's colours.
pub fn cmyk_intent(pdf: &[u8]) -> Result<Vec<u8>, RenderError> {
    let failed = |e: lopdf::Error| RenderError::Pdf(format!("setting the output intent: {e}"));
    let mut doc = Document::load_mem(pdf).map_err(failed)?;
    let existing = doc.objects.iter().find_map(|(id, object)| match object {
        Object::Stream(s)
            if s.dict.get(b"N").and_then(Object::as_i64).ok() == Some(4)
                && s.decompressed_content().is_ok_and(|c| c == FOGRA39) =>
        {
            Some(*id)
        }
        _ => None,
    });
    let profile = match existing {
        Some(id) => id,
        None => {
            let mut stream = Stream::new(
                Dictionary::from_iter([("N", Object::Integer(4))]),
                FOGRA39.to_vec(),
            );
            stream.compress().map_err(failed)?;
            doc.add_object(stream)
        }
    };
    let intents = doc
        .catalog()
        .and_then(|c| c.get(b"OutputIntents"))
        .map_err(failed)?
        .clone();
    let intents = match intents {
        Object::Reference(id) => doc
            .get_object(id)
            .map_err(failed)?
            .as_array()
            .map_err(failed)?
            .clone(),
        Object::Array(items) => items,
        _ => Vec::new(),
    };
    if intents.is_empty() {
        return Err(RenderError::Pdf(
            "the PDF has no output intent to set".into(),
        ));
    }
    for intent in intents {
        let dict = match intent {
            Object::Reference(id) => doc.get_dictionary_mut(id).map_err(failed)?,
            _ => continue,
        };
        let text = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
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
    }
    let mut out = Vec::with_capacity(pdf.len() + FOGRA39.len() / 2);
    doc.save_to(&mut out)
        .map_err(|e| RenderError::Pdf(format!("saving the print PDF: {e}")))?;
    Ok(out)
}
