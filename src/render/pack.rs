//! The last pass: compressed streams, object streams and a cross-reference stream.
//!
//! krilla writes every dictionary as an object of its own, in the clear, and a cross-reference
//! table of twenty bytes per object: in a tagged document, where each structure element is a
//! dictionary, that is a third of the file. PDF 1.5 lets a file gather such objects in a
//! compressed object stream, and index them with a compressed cross-reference stream; PDF/A-2
//! allows both. This pass rewrites the file so, object for object: every object keeps its
//! number; dictionaries and other values keep their bytes and move into object streams;
//! streams stay where they are, and those left in the clear (krilla is asked to leave content
//! streams so) are compressed here, by one compressor for the whole file where krilla would
//! set up a new one, and zero its tables, for each stream. The XMP metadata is compressed too
//! (3.5 KB less a file): PDF/A-1 forbade a filter on it, PDF/A-2 and PDF/UA-1 do not, and every
//! reader that parses the file (veraPDF, exiftool, poppler) inflates it; only a byte scanner
//! looking for the packet without parsing the PDF would miss it.

use std::io::Write;

use super::syntax::{dict_entries, is_integer, skip_space, token_end};

/// Objects per object stream: a reader inflates a whole stream to reach one of its objects,
/// so a long document's dictionaries are split, as qpdf and Acrobat do.
const OBJECTS_PER_STREAM: usize = 200;

/// Why a PDF could not be repacked: it is not the classic file this pass expects.
#[derive(Clone, Copy, Debug, thiserror::Error)]
#[error("repacking the PDF: {0}")]
pub struct PackError(&'static str);

/// One object of the classic file.
struct Object<'a> {
    number: u32,
    generation: u16,
    /// Where the object starts in the input.
    offset: usize,
    kind: Kind<'a>,
}

enum Kind<'a> {
    /// A value that moves into an object stream.
    Value(&'a [u8]),
    /// A stream in the clear, to compress: its dictionary's entries and its data.
    Plain(Vec<(&'a [u8], &'a [u8])>, &'a [u8]),
    /// Copied as it is: a compressed stream, an object of a non-zero generation.
    Verbatim,
}

/// Repacks the classic PDF `pdf` (PDF 1.5 or later) with object and cross-reference streams.
pub fn pack(pdf: &[u8]) -> Result<Vec<u8>, PackError> {
    let version = pdf
        .strip_prefix(b"%PDF-")
        .and_then(|rest| rest.get(..3))
        .ok_or(PackError("no PDF header"))?;
    if version < &b"1.5"[..] {
        return Err(PackError("object streams need PDF 1.5 or later"));
    }
    let (xref, table) = xref_table(pdf)?;
    let trailer = trailer(pdf, xref)?;
    let mut objects = table
        .iter()
        .map(|entry| object(pdf, entry))
        .collect::<Result<Vec<_>, _>>()?;
    objects.sort_by_key(|o| o.offset);
    let first = objects.first().map_or(xref, |o| o.offset);
    let size = table.iter().map(|e| e.number + 1).max().unwrap_or(1);

    let mut out = Vec::with_capacity(pdf.len() / 2);
    out.extend_from_slice(pdf.get(..first).ok_or(PackError("broken offsets"))?);
    let mut deflater = Deflater::new();
    // Where each object now is: a byte offset, or (object stream, index).
    let mut places = vec![Place::Free; size as usize];
    let mut packed = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        let place = places
            .get_mut(object.number as usize)
            .ok_or(PackError("broken numbering"))?;
        let compressed = match &object.kind {
            Kind::Value(value) => {
                packed.push((object.number, *value));
                continue;
            }
            Kind::Plain(entries, data) => {
                let compressed = deflater.deflate(data)?;
                // A stream of a few bytes comes out of deflate longer: left as it is.
                (compressed.len() < data.len()).then_some((entries, compressed))
            }
            Kind::Verbatim => None,
        };
        *place = Place::At(out.len(), object.generation);
        match compressed {
            Some((entries, data)) => {
                write!(out, "{} 0 obj\n<<", object.number).ok();
                for (key, value) in entries.iter().filter(|(key, _)| *key != b"Length") {
                    write_entry(&mut out, key, value);
                }
                write_stream(&mut out, &data);
            }
            None => {
                let end = objects.get(index + 1).map_or(xref, |o| o.offset);
                out.extend_from_slice(pdf.get(object.offset..end).ok_or(PackError("offsets"))?);
            }
        }
    }
    let mut number = size;
    for chunk in packed.chunks(OBJECTS_PER_STREAM) {
        for (index, (packed_number, _)) in chunk.iter().enumerate() {
            if let Some(place) = places.get_mut(*packed_number as usize) {
                *place = Place::In(number, index as u16);
            }
        }
        places.push(Place::At(out.len(), 0));
        write_object_stream(&mut out, &mut deflater, number, chunk)?;
        number += 1;
    }
    places.push(Place::At(out.len(), 0));
    write_xref_stream(&mut out, &mut deflater, number, &places, &trailer)?;
    Ok(out)
}

/// `/Filter/FlateDecode/Length …>>`, then `data` as the stream's, to the end of the object.
fn write_stream(out: &mut Vec<u8>, data: &[u8]) {
    write!(out, "/Filter/FlateDecode/Length {}>>\nstream\n", data.len()).ok();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}

fn write_entry(out: &mut Vec<u8>, key: &[u8], value: &[u8]) {
    out.push(b'/');
    out.extend_from_slice(key);
    out.push(b' ');
    out.extend_from_slice(value);
}

/// One compressor for every stream of a file (libdeflate, zlib format, level 6): setting one
/// up allocates hundreds of kilobytes of tables, which cost more than compressing a small
/// stream.
struct Deflater(libdeflater::Compressor);

impl Deflater {
    fn new() -> Self {
        Self(libdeflater::Compressor::new(
            libdeflater::CompressionLvl::default(),
        ))
    }

    fn deflate(&mut self, data: &[u8]) -> Result<Vec<u8>, PackError> {
        let mut out = vec![0; self.0.zlib_compress_bound(data.len())];
        let len = self
            .0
            .zlib_compress(data, &mut out)
            .map_err(|_| PackError("deflate failed"))?;
        out.truncate(len);
        Ok(out)
    }
}

#[derive(Clone, Copy)]
enum Place {
    Free,
    /// At a byte offset, with its generation.
    At(usize, u16),
    In(u32, u16),
}

/// An object in use, as the classic cross-reference table gives it.
struct Entry {
    number: u32,
    offset: usize,
    generation: u16,
}

/// The classic cross-reference table: where it starts, and its objects in use.
fn xref_table(pdf: &[u8]) -> Result<(usize, Vec<Entry>), PackError> {
    let broken = PackError("the cross-reference table cannot be read");
    let tail = pdf.len().saturating_sub(64);
    let startxref = find_last(pdf.get(tail..).unwrap_or(pdf), b"startxref")
        .map(|i| i + tail + b"startxref".len())
        .ok_or(PackError("no startxref"))?;
    let xref: usize = number_at(pdf, skip_space(pdf, startxref)).ok_or(broken)?;
    if !pdf.get(xref..).is_some_and(|s| s.starts_with(b"xref")) {
        return Err(PackError("no cross-reference table where startxref points"));
    }
    let mut i = xref + 4;
    let mut table = Vec::new();
    loop {
        i = skip_space(pdf, i);
        if pdf.get(i..).is_some_and(|s| s.starts_with(b"trailer")) {
            return Ok((xref, table));
        }
        let start: u32 = number_at(pdf, i).ok_or(PackError("broken subsection"))?;
        i = skip_space(
            pdf,
            token_end(pdf, i).ok_or(PackError("broken subsection"))?,
        );
        let count: u32 = number_at(pdf, i).ok_or(PackError("broken subsection"))?;
        i = skip_space(
            pdf,
            token_end(pdf, i).ok_or(PackError("broken subsection"))?,
        );
        for number in start..start + count {
            // Each entry is `oooooooooo ggggg n` and a two-byte end of line.
            let entry = pdf.get(i..i + 18).ok_or(PackError("short entry"))?;
            let offset = number_at(entry, 0).ok_or(PackError("broken entry"))?;
            let generation = number_at(entry, 11).ok_or(PackError("broken entry"))?;
            if entry.get(17) == Some(&b'n') {
                table.push(Entry {
                    number,
                    offset,
                    generation,
                });
            }
            i += 20;
        }
    }
}

/// The trailer dictionary's entries the cross-reference stream carries on: all but `Size`
/// (recomputed) and those that only make sense for a table.
fn trailer(pdf: &[u8], xref: usize) -> Result<Vec<u8>, PackError> {
    let start = find_last(pdf.get(xref..).unwrap_or_default(), b"trailer")
        .map(|i| skip_space(pdf, xref + i + b"trailer".len()))
        .ok_or(PackError("no trailer"))?;
    let end = token_end(pdf, start).ok_or(PackError("broken trailer"))?;
    let entries = pdf
        .get(start..end)
        .and_then(dict_entries)
        .ok_or(PackError("broken trailer"))?;
    let mut kept = Vec::new();
    for (key, value) in entries {
        if !matches!(key, b"Size" | b"Prev" | b"XRefStm") {
            write_entry(&mut kept, key, value);
        }
    }
    Ok(kept)
}

/// The object numbered `number` at `offset`: `number generation obj value [stream …] endobj`.
fn object<'a>(pdf: &'a [u8], entry: &Entry) -> Result<Object<'a>, PackError> {
    let &Entry {
        number,
        offset,
        generation,
    } = entry;
    let broken = PackError("an object is not where the table says");
    // `number generation obj`, read where the table points.
    let generation_at = skip_space(pdf, token_end(pdf, offset).ok_or(broken)?);
    let keyword_at = skip_space(pdf, token_end(pdf, generation_at).ok_or(broken)?);
    let keyword_end = token_end(pdf, keyword_at).ok_or(broken)?;
    if number_at::<u32>(pdf, offset) != Some(number)
        || number_at::<u16>(pdf, generation_at) != Some(generation)
        || pdf.get(keyword_at..keyword_end) != Some(b"obj")
    {
        return Err(broken);
    }
    let i = skip_space(pdf, keyword_end);
    let value_end = token_end(pdf, i).ok_or(PackError("an object's value is broken"))?;
    let value = pdf
        .get(i..value_end)
        .ok_or(PackError("an object's value is broken"))?;
    let next = skip_space(pdf, value_end);
    let kind = if generation != 0 {
        Kind::Verbatim
    } else if pdf.get(next..).is_some_and(|s| s.starts_with(b"stream")) {
        plain_stream(pdf, value, next + b"stream".len()).unwrap_or(Kind::Verbatim)
    } else {
        Kind::Value(value)
    };
    Ok(Object {
        number,
        generation,
        offset,
        kind,
    })
}

/// A stream to compress: one with no filter and a direct length.
/// `keyword_end` is just after its `stream` keyword.
fn plain_stream<'a>(pdf: &'a [u8], dict: &'a [u8], keyword_end: usize) -> Option<Kind<'a>> {
    let entries = dict_entries(dict)?;
    let get = |name: &[u8]| entries.iter().find(|(key, _)| *key == name).map(|e| e.1);
    if get(b"Filter").is_some() {
        return None;
    }
    let length: usize = std::str::from_utf8(get(b"Length")?).ok()?.parse().ok()?;
    // The keyword is followed by CR LF or LF, then the data.
    let start = match pdf.get(keyword_end..keyword_end + 2)? {
        b"\r\n" => keyword_end + 2,
        [b'\n', _] => keyword_end + 1,
        _ => return None,
    };
    let data = pdf.get(start..start + length)?;
    Some(Kind::Plain(entries, data))
}

/// `number 0 obj` holding `objects`: pairs of number and offset, then the values.
fn write_object_stream(
    out: &mut Vec<u8>,
    deflater: &mut Deflater,
    number: u32,
    objects: &[(u32, &[u8])],
) -> Result<(), PackError> {
    let mut index = Vec::new();
    let mut values = Vec::new();
    for (n, value) in objects {
        write!(index, "{n} {} ", values.len()).ok();
        values.extend_from_slice(value);
        values.push(b'\n');
    }
    let first = index.len();
    index.extend_from_slice(&values);
    let data = deflater.deflate(&index)?;
    write!(
        out,
        "{number} 0 obj\n<</Type/ObjStm/N {}/First {first}",
        objects.len()
    )
    .ok();
    write_stream(out, &data);
    Ok(())
}

/// The cross-reference stream, `number 0 obj`, the last object (its own place is the last of
/// `places`), then `startxref` and the end of the file.
fn write_xref_stream(
    out: &mut Vec<u8>,
    deflater: &mut Deflater,
    number: u32,
    places: &[Place],
    trailer: &[u8],
) -> Result<(), PackError> {
    let start = out.len();
    // Field widths: type, offset or object stream number, generation or index.
    let width = bytes_for(start.max(number as usize));
    let mut rows = Vec::with_capacity(places.len() * (width + 3));
    for (object, place) in places.iter().enumerate() {
        let (kind, field, last) = match *place {
            // Object 0 heads the list of free objects with the last generation, as in a table.
            Place::Free if object == 0 => (0, 0, u16::MAX),
            Place::Free => (0, 0, 0),
            Place::At(offset, generation) => (1, offset, generation),
            Place::In(stream, index) => (2, stream as usize, index),
        };
        rows.push(kind);
        let field = field.to_be_bytes();
        rows.extend_from_slice(field.get(field.len() - width..).unwrap_or_default());
        rows.extend_from_slice(&last.to_be_bytes());
    }
    let data = deflater.deflate(&rows)?;
    write!(
        out,
        "{number} 0 obj\n<</Type/XRef/Size {}/W[1 {width} 2]",
        places.len()
    )
    .ok();
    out.extend_from_slice(trailer);
    write_stream(out, &data);
    write!(out, "startxref\n{start}\n%%EOF\n").ok();
    Ok(())
}

/// How many bytes hold `n`.
fn bytes_for(n: usize) -> usize {
    (usize::BITS - n.leading_zeros()).div_ceil(8).max(1) as usize
}

/// The unsigned integer written at `i`.
fn number_at<T: std::str::FromStr>(pdf: &[u8], i: usize) -> Option<T> {
    let end = token_end(pdf, i)?;
    let token = pdf.get(i..end)?;
    if !is_integer(token) {
        return None;
    }
    std::str::from_utf8(token).ok()?.parse().ok()
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use lopdf::xref::{XrefEntry, XrefType};
    use lopdf::{Dictionary, Document, Object as PdfObject, Stream, StringFormat};
    use proptest::prelude::*;

    /// An empty document that lopdf saves with a classic table, as krilla does.
    fn document() -> Document {
        let mut doc = Document::with_version("1.7");
        doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
        doc
    }

    /// A classic file as lopdf writes it (spacing and line ends unlike krilla's), with what
    /// could mislead a careless reader: `endobj` and an unbalanced parenthesis inside a
    /// stream's data, nested parentheses and a `/Size` inside strings, a hex string.
    fn classic() -> Vec<u8> {
        let mut doc = document();
        let data = b"BT (not the end) Tj ET\nendobj\n) trailer xref".to_vec();
        let stream = doc.add_object(Stream::new(Dictionary::new(), data));
        // Long enough to gain from compression, with what looks like its end inside.
        let long = b"BT (line) Tj ET endstream\n".repeat(80);
        let long = doc.add_object(Stream::new(Dictionary::new(), long));
        let mut packed = Stream::new(Dictionary::new(), b"q Q ".repeat(100));
        packed.compress().unwrap();
        let packed = doc.add_object(packed);
        let xmp = Dictionary::from_iter([
            ("Type", PdfObject::Name(b"Metadata".to_vec())),
            ("Subtype", PdfObject::Name(b"XML".to_vec())),
        ]);
        let xmp = doc.add_object(Stream::new(xmp, b"<x:xmpmeta>  </x:xmpmeta>".repeat(40)));
        // An object of a later generation stays at the top level, its generation kept.
        let reused = (doc.max_id + 1, 1);
        doc.objects.insert(reused, PdfObject::Integer(2));
        doc.max_id += 1;
        let text = |s: &[u8]| PdfObject::String(s.to_vec(), StringFormat::Literal);
        let page = doc.add_object(Dictionary::from_iter([
            ("Type", PdfObject::Name(b"Page".to_vec())),
            (
                "Contents",
                PdfObject::Array(vec![
                    PdfObject::Reference(stream),
                    PdfObject::Reference(long),
                    PdfObject::Reference(packed),
                ]),
            ),
            ("Metadata", PdfObject::Reference(xmp)),
            ("Reused", PdfObject::Reference(reused)),
            (
                "Alt",
                text(b"a (nested) \\ string with /Size 99 and endobj"),
            ),
            (
                "Hex",
                PdfObject::String(vec![0xfe, 0xff, 0, b'>'], StringFormat::Hexadecimal),
            ),
        ]));
        let pages = doc.add_object(Dictionary::from_iter([
            ("Type", PdfObject::Name(b"Pages".to_vec())),
            ("Kids", PdfObject::Array(vec![PdfObject::Reference(page)])),
            ("Count", PdfObject::Integer(1)),
        ]));
        let catalog = doc.add_object(Dictionary::from_iter([
            ("Type", PdfObject::Name(b"Catalog".to_vec())),
            ("Pages", PdfObject::Reference(pages)),
        ]));
        doc.trailer.set("Root", PdfObject::Reference(catalog));
        doc.trailer.set(
            "ID",
            PdfObject::Array(vec![text(b"(l2a/Size)"), text(b"h3u")]),
        );
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    /// Every object of `before` is in `after`: equal, or for a stream, with the same
    /// dictionary (but for its filter and length) and the same data once decoded. Returns how
    /// many streams `pack` compressed.
    fn assert_same_objects(before: &[u8], after: &[u8]) -> usize {
        let old = Document::load_mem(before).unwrap();
        let new = Document::load_mem(after).unwrap();
        let mut compressed = 0;
        for (id, object) in &old.objects {
            let got = new.objects.get(id).unwrap();
            match (object, got) {
                (PdfObject::Stream(old), PdfObject::Stream(new)) => {
                    let content =
                        |s: &Stream| s.decompressed_content().unwrap_or(s.content.clone());
                    assert_eq!(content(old), content(new), "stream {id:?}");
                    let rest = |s: &Stream| {
                        let mut dict = s.dict.clone();
                        dict.remove(b"Filter");
                        dict.remove(b"Length");
                        dict
                    };
                    assert_eq!(rest(old), rest(new), "stream {id:?}");
                    if new.dict.has(b"Filter") != old.dict.has(b"Filter") {
                        compressed += 1;
                    }
                }
                _ => assert_eq!(got, object, "object {id:?}"),
            }
        }
        assert_eq!(new.trailer.get(b"Root").ok(), old.trailer.get(b"Root").ok());
        assert_eq!(new.trailer.get(b"ID").ok(), old.trailer.get(b"ID").ok());
        compressed
    }

    #[test]
    fn every_object_survives_repacking_unchanged() {
        let before = classic();
        let after = pack(&before).unwrap();
        let compressed = assert_same_objects(&before, &after);
        assert_eq!(
            compressed, 2,
            "the long stream and the metadata are compressed, not the short stream"
        );
        // The cross-reference stream gives each object's generation.
        let new = Document::load_mem(&after).unwrap();
        let generations: Vec<u16> = (1..new.max_id)
            .filter_map(|n| match new.reference_table.get(n)? {
                XrefEntry::Normal { generation, .. } => Some(*generation),
                _ => None,
            })
            .collect();
        assert!(generations.contains(&1), "{generations:?}");
        // The short stream stays at the top level, byte for byte, in the clear; so does the
        // stream compressed before; the dictionaries move into object streams.
        let text = String::from_utf8_lossy(&after);
        assert!(text.contains("endobj\n) trailer xref"));
        assert!(!text.contains("<x:xmpmeta>  </x:xmpmeta><x:xmpmeta>"));
        assert!(!text.contains("BT (line) Tj ET endstream\nBT"));
        assert!(!text.contains("/Type /Catalog") && !text.contains("/Type/Catalog"));
        assert!(text.contains("/Type/ObjStm") && text.contains("/Type/XRef"));
        assert!(!text.contains("\nxref"), "no classic table is left");
    }

    #[test]
    fn long_documents_split_their_dictionaries() {
        let mut doc = document();
        let ids: Vec<_> = (0..450)
            .map(|i| doc.add_object(PdfObject::Integer(i)))
            .collect();
        let catalog = doc.add_object(Dictionary::from_iter([(
            "Items",
            PdfObject::Array(ids.iter().map(|&id| PdfObject::Reference(id)).collect()),
        )]));
        doc.trailer.set("Root", PdfObject::Reference(catalog));
        let mut before = Vec::new();
        doc.save_to(&mut before).unwrap();
        let after = pack(&before).unwrap();
        let streams = String::from_utf8_lossy(&after)
            .matches("/Type/ObjStm")
            .count();
        assert_eq!(streams, 451usize.div_ceil(OBJECTS_PER_STREAM));
        let new = Document::load_mem(&after).unwrap();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(new.objects.get(id), Some(&PdfObject::Integer(i as i64)));
        }
    }

    #[test]
    fn what_is_not_a_classic_pdf_is_refused() {
        let classic = classic();
        assert!(pack(b"not a pdf").is_err());
        let old = String::from_utf8_lossy(&classic).replace("%PDF-1.7", "%PDF-1.4");
        assert!(pack(old.as_bytes()).is_err(), "too old for object streams");
        let packed = pack(&classic).unwrap();
        assert!(pack(&packed).is_err(), "already packed: no table to read");
        assert!(pack(&classic[..classic.len() - 40]).is_err(), "cut short");
    }

    fn leaf() -> impl Strategy<Value = PdfObject> {
        let bytes = prop::collection::vec(any::<u8>(), 0..24);
        let name = "[A-Za-z0-9#()/<> ]{1,8}".prop_map(String::into_bytes);
        prop_oneof![
            Just(PdfObject::Null),
            any::<bool>().prop_map(PdfObject::Boolean),
            any::<i32>().prop_map(|n| PdfObject::Integer(n.into())),
            (-100_000i32..100_000).prop_map(|n| PdfObject::Real(n as f32 / 64.0)),
            name.prop_map(PdfObject::Name),
            (bytes, any::<bool>()).prop_map(|(b, hex)| {
                let format = if hex {
                    StringFormat::Hexadecimal
                } else {
                    StringFormat::Literal
                };
                PdfObject::String(b, format)
            }),
        ]
    }

    fn value() -> impl Strategy<Value = PdfObject> {
        leaf().prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(PdfObject::Array),
                prop::collection::vec(("[A-Za-z]{1,6}", inner), 0..4).prop_map(|entries| {
                    PdfObject::Dictionary(Dictionary::from_iter(
                        entries.into_iter().map(|(k, v)| (k.into_bytes(), v)),
                    ))
                }),
            ]
        })
    }

    /// A stream: its data (a repeated pattern, so that some gain from compression), whether
    /// it comes compressed, and a dictionary entry.
    fn stream() -> impl Strategy<Value = PdfObject> {
        let data = (prop::collection::vec(any::<u8>(), 0..40), 1usize..40);
        (data, any::<bool>(), value()).prop_map(|((pattern, times), compressed, extra)| {
            let dict = Dictionary::from_iter([("Extra", extra)]);
            let mut stream = Stream::new(dict, pattern.repeat(times));
            if compressed {
                stream.compress().unwrap();
            }
            PdfObject::Stream(stream)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_classic_file_repacks_to_the_same_objects(
            objects in prop::collection::vec(prop_oneof![3 => value(), 1 => stream()], 1..40)
        ) {
            let mut doc = document();
            let ids: Vec<_> = objects.into_iter().map(|o| doc.add_object(o)).collect();
            let catalog = doc.add_object(Dictionary::from_iter([(
                "Items",
                PdfObject::Array(ids.into_iter().map(PdfObject::Reference).collect()),
            )]));
            doc.trailer.set("Root", PdfObject::Reference(catalog));
            let mut before = Vec::new();
            doc.save_to(&mut before).unwrap();
            let after = pack(&before).unwrap();
            assert_same_objects(&before, &after);
        }
    }
}
