//! Bad input: each folder of `tests/bad/` replaces some files of the default content (and adds
//! its folders, such as `images/`). The workspace starts with the PDFs of a good build in
//! `output/`; the binary must exit with the expected code, print exactly `expected.stderr`,
//! and leave `output/` as it was: no new file, no changed file, no temporary file.
//!
//! A case folder may also hold:
//! - `args`: the command line (default `build`);
//! - `code`: the exit code expected (default 1; 2 for usage mistakes);
//! - `setup`: one step a line, run after the files are in place:
//!   - `big FILE MB`: `content/FILE` becomes MB megabytes of YAML;
//!   - `deep FILE LEVELS`: `content/FILE` becomes a list nested LEVELS deep;
//!   - `long N`: N long paragraphs open `content/brochure.yaml`'s blocks;
//!   - `dir PATH` / `file PATH`: a folder or an empty file at PATH (from the workspace root),
//!     replacing what is there;
//!   - `link PATH TARGET`: a symbolic link at PATH (from the workspace root) to TARGET.
//!
//! Run with `UPDATE_EXPECTED=1` to write the expected files after a deliberate change of
//! wording, then review the diff.

// Tests may panic: a panic is a failed assertion.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::*;

/// The PDFs of a good build, made once.
fn earlier() -> &'static Path {
    static BUILT: OnceLock<tempfile::TempDir> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let dir = workspace("content");
            let output = run(dir.path(), &["build"]);
            assert!(output.status.success(), "{}", stderr(&output));
            dir
        })
        .path()
}

/// Every file under `dir`, with its bytes (a folder maps to nothing).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut files = BTreeMap::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return files;
    };
    for entry in entries {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.insert(path.clone(), None);
            files.extend(snapshot(&path));
        } else {
            files.insert(path.clone(), fs::read(&path).ok());
        }
    }
    files
}

fn setup(step: &str, root: &Path) {
    let words: Vec<&str> = step.split_whitespace().collect();
    let remove = |path: &Path| {
        if path.is_dir() {
            fs::remove_dir_all(path).expect("remove folder");
        } else if path.exists() {
            fs::remove_file(path).expect("remove file");
        }
    };
    match words.as_slice() {
        ["big", file, mb] => {
            let line = "# a comment line, many times over, to make the file big\n";
            let count = mb.parse::<usize>().expect("megabytes") * 1024 * 1024 / line.len();
            fs::write(root.join("content").join(file), line.repeat(count)).expect("big file");
        }
        ["deep", file, levels] => {
            let levels: usize = levels.parse().expect("levels");
            let yaml = format!("{}{}\n", "[".repeat(levels), "]".repeat(levels));
            fs::write(root.join("content").join(file), yaml).expect("deep file");
        }
        ["long", count] => {
            let path = root.join("content/brochure.yaml");
            let text = "Le centre avance par étapes et réunit les équipes, les partenaires et les \
                        étudiants autour d’un objectif commun, mesuré chaque trimestre. "
                .repeat(30);
            let block =
                format!("  - paragraph:\n      fr: {text}\n      en: Steps.\n      ar: مراحل.\n");
            let blocks = block.repeat(count.parse().expect("a count"));
            let yaml = fs::read_to_string(&path).expect("brochure");
            let yaml = yaml.replacen("blocks:\n", &format!("blocks:\n{blocks}"), 1);
            fs::write(&path, yaml).expect("long brochure");
        }
        ["dir", path] => {
            remove(&root.join(path));
            fs::create_dir_all(root.join(path)).expect("folder");
        }
        ["file", path] => {
            remove(&root.join(path));
            fs::write(root.join(path), "").expect("file");
        }
        ["link", path, target] => {
            remove(&root.join(path));
            std::os::unix::fs::symlink(target, root.join(path)).expect("link");
        }
        _ => panic!("unknown setup step `{step}`"),
    }
}

/// What a case cost: wall time and peak memory.
struct Cost {
    time: std::time::Duration,
    memory_kib: i64,
}

fn check_case(case: &Path) -> Result<Cost, String> {
    let dir = workspace("content");
    let root = dir.path();
    copy_dir(&earlier().join("output"), &root.join("output"));
    let content = root.join("content");
    let special = ["expected.stderr", "args", "code", "setup"];
    for entry in fs::read_dir(case).expect("case folder") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &content.join(&name));
        } else if !special.iter().any(|s| name == *s) {
            fs::copy(entry.path(), content.join(&name)).expect("overlay");
        }
    }
    for step in fs::read_to_string(case.join("setup"))
        .unwrap_or_default()
        .lines()
    {
        setup(step, root);
    }
    let before = snapshot(&root.join("output"));
    let args = fs::read_to_string(case.join("args")).unwrap_or_else(|_| "build".into());
    let args: Vec<&str> = args.split_whitespace().collect();
    let (output, time, memory) = run_measured(root, &args);
    let actual = without_times(&stderr(&output));
    let expected_path = case.join("expected.stderr");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        fs::write(&expected_path, &actual).expect("write expected");
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    let code: i32 = fs::read_to_string(case.join("code"))
        .map(|c| c.trim().parse().expect("a code"))
        .unwrap_or(1);
    let name = case.file_name().unwrap_or_default().to_string_lossy();
    if output.status.code() != Some(code) {
        return Err(format!(
            "{name}: exit code {:?}, expected {code}\n{actual}",
            output.status.code()
        ));
    }
    if snapshot(&root.join("output")) != before {
        return Err(format!("{name}: output/ changed"));
    }
    // Nothing from content reaches the terminal raw: no escape sequence, no bidi override.
    if let Some(c) = actual
        .chars()
        .find(|&c| c != '\n' && plaquette::diag::is_unsafe_to_print(c))
    {
        return Err(format!("{name}: U+{:04X} printed raw", c as u32));
    }
    if actual != expected {
        return Err(format!(
            "{name}: stderr differs\n--- expected\n{expected}--- actual\n{actual}"
        ));
    }
    Ok(Cost {
        time,
        memory_kib: memory,
    })
}

#[test]
fn every_bad_input_gets_its_exact_message() {
    let mut cases: Vec<_> = fs::read_dir(repo().join("tests/bad"))
        .expect("tests/bad")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    let mut costs = Vec::new();
    for case in &cases {
        match check_case(case) {
            Ok(cost) => costs.push((case.file_name().unwrap_or_default().to_owned(), cost)),
            Err(failure) => failures.push(failure),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Bounds wide enough for a debug build on a slow machine: they catch a hang or a memory
    // blow-up, not a slowdown (the release figures are in the notes).
    costs.sort_by_key(|(_, c)| std::cmp::Reverse(c.time));
    for (name, cost) in costs.iter().take(5) {
        println!(
            "{:?}: {} ms, {} MiB",
            name,
            cost.time.as_millis(),
            cost.memory_kib / 1024
        );
    }
    for (name, cost) in &costs {
        assert!(cost.time.as_secs() < 30, "{name:?} took {:?}", cost.time);
        assert!(
            cost.memory_kib < 512 * 1024,
            "{name:?} used {} KiB",
            cost.memory_kib
        );
    }
}

/// `text` with the times a run reports (`(704 ms)`) written as `(N ms)`: the rest is exact.
fn without_times(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match line.rfind(" ms)").and_then(|end| {
            let start = line[..end].rfind('(')? + 1;
            line[start..end]
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then_some((start, end))
        }) {
            Some((start, end)) => {
                out.push_str(&line[..start]);
                out.push('N');
                out.push_str(&line[end..]);
            }
            None => out.push_str(line),
        }
    }
    out
}
