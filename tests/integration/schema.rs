//! The JSON Schema of the content format: committed where the content's
//! `# yaml-language-server:` lines point, current with the binary, followed by the default
//! content, and in agreement with the tool's own checks on content it must refuse.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::Path;

use crate::common::{repo, run, stderr, workspace};
use serde_json::{Value, json};

const KINDS: [&str; 5] = ["centre", "brand", "brochure", "factsheet", "event"];

/// Each content file of `folder` with the kind of file it is.
fn files(folder: &Path) -> Vec<(String, &'static str)> {
    let mut files: Vec<(String, &'static str)> = ["centre", "brand", "brochure", "factsheet"]
        .into_iter()
        .map(|k| (format!("{k}.yaml"), k))
        .collect();
    if let Ok(events) = fs::read_dir(folder.join("events")) {
        for entry in events {
            let name = entry.expect("entry").file_name();
            files.push((format!("events/{}", name.to_string_lossy()), "event"));
        }
    }
    files
}

fn yaml(path: &Path) -> Value {
    let text = fs::read_to_string(path).expect("content file");
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema(kind: &str) -> Value {
    let path = repo().join(format!("content/schemas/{kind}.schema.json"));
    serde_json::from_str(&fs::read_to_string(path).expect("schema")).expect("JSON")
}

/// What the schema of `kind` finds wrong with `instance`, one line per problem.
fn problems(kind: &str, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(&schema(kind)).expect("a valid schema");
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_committed_schemas_are_the_binarys() {
    let dir = tempfile::tempdir().expect("temp");
    let output = run(dir.path(), &["schema", "--out", "schemas"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for kind in KINDS {
        let name = format!("{kind}.schema.json");
        let written = fs::read_to_string(dir.path().join("schemas").join(&name)).expect("written");
        let committed =
            fs::read_to_string(repo().join("content/schemas").join(&name)).expect("committed");
        assert!(
            written == committed,
            "content/schemas/{name} is out of date: run `cargo run -- schema --out content/schemas`"
        );
        let printed = run(dir.path(), &["schema", kind]);
        assert_eq!(
            String::from_utf8_lossy(&printed.stdout),
            committed,
            "{kind}"
        );
    }
    // The schema for any file holds each kind's.
    let any = run(dir.path(), &["schema"]);
    let any: Value = serde_json::from_slice(&any.stdout).expect("JSON");
    assert_eq!(any["anyOf"].as_array().map(Vec::len), Some(KINDS.len()));
}

#[test]
fn the_default_content_follows_its_schema_and_points_at_it() {
    let content = repo().join("content");
    let default = files(&content);
    assert!(default.len() > KINDS.len() - 1, "at least one event");
    for (name, kind) in default {
        let path = content.join(&name);
        let problems = problems(kind, &yaml(&path));
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        // Editors find the schema from the file's first line, relative to the file.
        let first = fs::read_to_string(&path).expect("file");
        let first = first.lines().next().unwrap_or_default();
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{name} starts with the schema line, not {first:?}"));
        let schema = path.parent().expect("folder").join(target);
        assert_eq!(
            schema.canonicalize().expect("the schema exists"),
            content
                .join(format!("schemas/{kind}.schema.json"))
                .canonicalize()
                .expect("schema")
        );
    }
    // The test fixture with every kind of block follows it too.
    let fixture = repo().join("tests/fixtures/all-blocks");
    for (name, kind) in files(&fixture) {
        let problems = problems(kind, &yaml(&fixture.join(&name)));
        assert!(problems.is_empty(), "all-blocks/{name}: {problems:#?}");
    }
}

/// A mistake the schema must flag, made in one file of the default content.
struct Mistake {
    file: &'static str,
    kind: &'static str,
    what: &'static str,
    make: fn(&mut Value),
}

const MISTAKES: [Mistake; 12] = [
    Mistake {
        file: "centre.yaml",
        kind: "centre",
        what: "an unknown key",
        make: |v| v["colour"] = json!("red"),
    },
    Mistake {
        file: "centre.yaml",
        kind: "centre",
        what: "a language that is not one",
        make: |v| v["full-name"] = json!({"fr": "Centre", "de": "Zentrum"}),
    },
    Mistake {
        file: "centre.yaml",
        kind: "centre",
        what: "a website without its scheme",
        make: |v| v["website"] = json!("aim.um6p.ma"),
    },
    Mistake {
        file: "brand.yaml",
        kind: "brand",
        what: "a colour by name",
        make: |v| v["colours"]["primary"] = json!("blue"),
    },
    Mistake {
        file: "brand.yaml",
        kind: "brand",
        what: "an unknown paper size",
        make: |v| v["paper"] = json!("B5"),
    },
    Mistake {
        file: "brand.yaml",
        kind: "brand",
        what: "a font that is not bundled",
        make: |v| v["fonts"]["text"] = json!("Arial"),
    },
    Mistake {
        file: "brand.yaml",
        kind: "brand",
        what: "a margin without its unit",
        make: |v| v["margins"]["top"] = json!("20"),
    },
    Mistake {
        file: "brochure.yaml",
        kind: "brochure",
        what: "a block of two kinds",
        make: |v| v["blocks"][0]["paragraph"] = json!("Text"),
    },
    Mistake {
        file: "brochure.yaml",
        kind: "brochure",
        what: "a block of no kind",
        make: |v| v["blocks"][0] = json!({"id": "nothing"}),
    },
    Mistake {
        file: "brochure.yaml",
        kind: "brochure",
        what: "a heading level that does not exist",
        make: |v| v["blocks"][0]["level"] = json!(7),
    },
    Mistake {
        file: "brochure.yaml",
        kind: "brochure",
        what: "an unknown language",
        make: |v| v["languages"] = json!(["fr", "de"]),
    },
    Mistake {
        file: "events/journees-ia-2027.yaml",
        kind: "event",
        what: "a time not written HH:MM",
        make: |v| v["days"][0]["from"] = json!("9h"),
    },
];

/// The schema and the tool agree: what the schema flags, `plaquette check` refuses, and the
/// default content passes both. (JSON is YAML, so the edited value is written back as is.)
#[test]
fn the_schema_flags_what_the_tool_refuses() {
    let dir = workspace("content");
    let output = run(dir.path(), &["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for mistake in MISTAKES {
        let path = dir.path().join("content").join(mistake.file);
        let original = fs::read(&path).expect("file");
        let mut value = yaml(&path);
        (mistake.make)(&mut value);
        assert!(
            !problems(mistake.kind, &value).is_empty(),
            "the schema misses {} in {}",
            mistake.what,
            mistake.file
        );
        fs::write(&path, serde_json::to_string_pretty(&value).expect("JSON")).expect("write");
        let output = run(dir.path(), &["check"]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "the tool accepts {} in {}: {}",
            mistake.what,
            mistake.file,
            stderr(&output)
        );
        fs::write(&path, original).expect("restore");
    }
}
