//! The content format as JSON Schema, for `plaquette schema` and for editors.
//!
//! The schema is derived from the [`raw`](super::raw) structs serde reads, so it cannot drift
//! from what the tool accepts; the lists it offers (fonts, papers, icons, languages) are the
//! ones validation checks against. It is a guide for editors (VS Code's YAML extension checks
//! and completes as people type); the tool's own checks stay the authority, with messages
//! naming file, line and column.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

use super::blocks::MAX_LEVEL;
use super::kinds::BlockName;
use super::local::{LocalText, RawShort};
use super::model::{CoverLayout, Digits, Lang, Paper};
use super::raw::{RawBrand, RawBrochure, RawCentre, RawEvent, RawFactsheet, S};
use crate::fonts::Family;

/// The kinds of content file, each with its own schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Centre,
    Brand,
    Brochure,
    Factsheet,
    Event,
}

impl FileKind {
    pub const ALL: [FileKind; 5] = [
        FileKind::Centre,
        FileKind::Brand,
        FileKind::Brochure,
        FileKind::Factsheet,
        FileKind::Event,
    ];

    /// The name on the command line (`plaquette schema brand`).
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Centre => "centre",
            FileKind::Brand => "brand",
            FileKind::Brochure => "brochure",
            FileKind::Factsheet => "factsheet",
            FileKind::Event => "event",
        }
    }

    pub fn from_name(name: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The schema's file name, as `plaquette schema --out` writes it and content refers to it.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    fn subschema(self, generator: &mut SchemaGenerator) -> Schema {
        match self {
            FileKind::Centre => generator.subschema_for::<RawCentre>(),
            FileKind::Brand => generator.subschema_for::<RawBrand>(),
            FileKind::Brochure => generator.subschema_for::<RawBrochure>(),
            FileKind::Factsheet => generator.subschema_for::<RawFactsheet>(),
            FileKind::Event => generator.subschema_for::<RawEvent>(),
        }
    }
}

fn generator() -> SchemaGenerator {
    SchemaSettings::draft2020_12()
        .for_deserialize()
        .with_transform(RecursiveTransform(no_null))
        .into_generator()
}

/// An option left out is written by leaving its key out: schemars allows `null` for every
/// `Option`, which would let an editor accept `heading:` with nothing after it.
fn no_null(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = types.as_slice() {
            let only = only.clone();
            object.insert("type".into(), only);
        }
    }
    let Some(Value::Array(any)) = object.get_mut("anyOf") else {
        return;
    };
    any.retain(|s| s.get("type") != Some(&json!("null")));
    if let [only] = any.as_slice()
        && let Value::Object(only) = only.clone()
    {
        object.remove("anyOf");
        for (key, value) in only {
            object.entry(key).or_insert(value);
        }
    }
}

/// The schema of one kind of file, standing alone.
pub fn schema(kind: FileKind) -> Schema {
    let generator = generator();
    match kind {
        FileKind::Centre => generator.into_root_schema_for::<RawCentre>(),
        FileKind::Brand => generator.into_root_schema_for::<RawBrand>(),
        FileKind::Brochure => generator.into_root_schema_for::<RawBrochure>(),
        FileKind::Factsheet => generator.into_root_schema_for::<RawFactsheet>(),
        FileKind::Event => generator.into_root_schema_for::<RawEvent>(),
    }
}

/// One schema that every content file matches: any of the kinds.
pub fn combined() -> Schema {
    let mut generator = generator();
    let kinds: Vec<Schema> = FileKind::ALL
        .into_iter()
        .map(|k| k.subschema(&mut generator))
        .collect();
    let definitions = generator.take_definitions(true);
    json_schema!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "plaquette content",
        "description": "Any file of a plaquette content folder: centre.yaml, brand.yaml, brochure.yaml, factsheet.yaml or events/<slug>.yaml.",
        "anyOf": kinds,
        "$defs": definitions,
    })
}

// A value with its place is written as the bare value.
impl<T: JsonSchema> JsonSchema for S<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }
}

impl JsonSchema for LocalText {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let per_lang: serde_json::Map<String, Value> = Lang::all()
            .flat_map(|l| l.locale().keys.iter().chain(l.locale().aliases))
            .map(|key| ((*key).to_owned(), json!({"type": "string"})))
            .collect();
        json_schema!({
            "description": "A text: written once when it is the same in every language, or per language as {fr: …, en: …, ar: …}.",
            "anyOf": [
                {"type": ["string", "number"]},
                {
                    "type": "object",
                    "properties": per_lang,
                    "additionalProperties": false,
                    "minProperties": 1,
                }
            ]
        })
    }
}

impl JsonSchema for RawShort {
    fn schema_name() -> Cow<'static, str> {
        "Short".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<LocalText>();
        json_schema!({
            "description": "The block's shorter form on the fact sheet: a text, or for a list a list of texts.",
            "anyOf": [text, {"type": "array", "items": text}]
        })
    }
}

/// A block has exactly one kind key.
pub fn one_kind(schema: &mut Schema) {
    let kinds: Vec<Value> = BlockName::ALL
        .iter()
        .map(|kind| json!({"required": [kind.name()]}))
        .collect();
    schema.insert("oneOf".into(), Value::Array(kinds));
}

fn one_of(names: impl IntoIterator<Item = impl Into<String>>) -> Schema {
    let names: Vec<String> = names.into_iter().map(Into::into).collect();
    json_schema!({"type": "string", "enum": names})
}

fn pattern(pattern: &str, description: &str) -> Schema {
    json_schema!({"type": "string", "pattern": pattern, "description": description})
}

pub fn paper(_: &mut SchemaGenerator) -> Schema {
    one_of(Paper::KNOWN.iter().map(|(name, ..)| *name))
}

pub fn font(_: &mut SchemaGenerator) -> Schema {
    one_of(Family::TEXT.iter().map(|f| f.name()))
}

pub fn cover(_: &mut SchemaGenerator) -> Schema {
    one_of(CoverLayout::CHOICES.iter().map(|(name, _)| *name))
}

pub fn digits(_: &mut SchemaGenerator) -> Schema {
    one_of(Digits::CHOICES.iter().map(|(name, _)| *name))
}

pub fn icons(_: &mut SchemaGenerator) -> Schema {
    let names: Vec<&str> = crate::icons::names().collect();
    json_schema!({"type": "array", "items": {"type": "string", "enum": names}})
}

pub fn languages(_: &mut SchemaGenerator) -> Schema {
    let codes: Vec<&str> = Lang::all()
        .flat_map(|l| std::iter::once(&l.locale().code).chain(l.locale().aliases))
        .copied()
        .collect();
    json_schema!({
        "type": "array",
        "items": {"type": "string", "enum": codes},
        "minItems": 1,
        "uniqueItems": true,
    })
}

pub fn level(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "integer", "minimum": 1, "maximum": MAX_LEVEL})
}

pub fn inks(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": {"type": "number", "minimum": 0, "maximum": 100},
        "minItems": 4,
        "maxItems": 4,
    })
}

pub fn colour(_: &mut SchemaGenerator) -> Schema {
    pattern("^#[0-9A-Fa-f]{6}$", "`\"#RRGGBB\"`, with the quotes")
}

pub fn length(_: &mut SchemaGenerator) -> Schema {
    pattern(
        r"^\s*[0-9]*\.?[0-9]+\s*(mm|cm|pt)\s*$",
        "a number and a unit: `20mm`, `2cm` or `12pt`",
    )
}

pub fn month(_: &mut SchemaGenerator) -> Schema {
    pattern(
        r"^\s*[0-9]{4}-[0-9]{2}(-[0-9]{2})?\s*$",
        "`YYYY-MM` or `YYYY-MM-DD`",
    )
}

pub fn date(_: &mut SchemaGenerator) -> Schema {
    pattern(r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$", "`YYYY-MM-DD`")
}

pub fn time(_: &mut SchemaGenerator) -> Schema {
    pattern(r"^\s*[0-9]{1,2}:[0-9]{2}\s*$", "`HH:MM`, 24 hours")
}

pub fn url(_: &mut SchemaGenerator) -> Schema {
    pattern(
        r"^\s*https?://\S+\s*$",
        "a web address starting with `https://`",
    )
}

pub fn email(_: &mut SchemaGenerator) -> Schema {
    pattern(
        r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$",
        "an e-mail address, `name@domain`",
    )
}

pub fn id(_: &mut SchemaGenerator) -> Schema {
    pattern(
        r"^\s*[a-z0-9-]+\s*$",
        "lowercase letters, digits and hyphens",
    )
}

pub fn ids(generator: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "array", "items": id(generator)})
}

pub fn image(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "minLength": 1,
        "description": "an SVG, PNG or JPEG file inside the content folder, such as `images/logo.svg`",
    })
}
