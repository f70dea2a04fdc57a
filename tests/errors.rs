//! Bad content: each folder of `tests/bad/` replaces some files of the default content (and
//! adds its folders, such as `images/`); the binary, run with the case's `args` (default
//! `build`), must exit with 1, write nothing, and print exactly `expected.stderr`.
//!
//! Run with `UPDATE_EXPECTED=1` to write the expected files after a deliberate change of
//! wording, then review the diff.

// Tests may panic: a panic is a failed assertion.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn check_case(case: &Path) -> Result<(), String> {
    let dir = workspace("content");
    let content = dir.path().join("content");
    for entry in fs::read_dir(case).expect("case folder") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &content.join(&name));
        } else if name != "expected.stderr" && name != "args" {
            fs::copy(entry.path(), content.join(&name)).expect("overlay");
        }
    }
    // The command line, when the case needs more than `build`.
    let args = fs::read_to_string(case.join("args")).unwrap_or_else(|_| "build".into());
    let args: Vec<&str> = args.split_whitespace().collect();
    let output = run(dir.path(), &args);
    let actual = stderr(&output);
    let expected_path = case.join("expected.stderr");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        fs::write(&expected_path, &actual).expect("write expected");
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    let name = case.file_name().unwrap_or_default().to_string_lossy();
    if output.status.code() != Some(1) {
        return Err(format!(
            "{name}: exit code {:?}, expected 1\n{actual}",
            output.status.code()
        ));
    }
    if dir.path().join("output").exists() {
        return Err(format!("{name}: an output folder was written"));
    }
    if actual != expected {
        return Err(format!(
            "{name}: stderr differs\n--- expected\n{expected}--- actual\n{actual}"
        ));
    }
    Ok(())
}

#[test]
fn every_bad_input_gets_its_exact_message() {
    let mut cases: Vec<_> = fs::read_dir(repo().join("tests/bad"))
        .expect("tests/bad")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 14, "the corpus has {} cases", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|c| check_case(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
