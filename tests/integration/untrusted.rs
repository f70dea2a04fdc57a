//! Content nobody has reviewed: files that are not what they seem are refused at their place,
//! at once, without reading anything outside the content folder.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

use crate::common::fixture::Fixture;
use crate::common::stderr;

fn mkfifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

/// Runs `check` and returns its stderr, failing if it takes long (a read that waits).
fn check_quickly(f: &Fixture) -> (Option<i32>, String) {
    let started = Instant::now();
    let output = f.run(&["check"]);
    assert!(started.elapsed() < Duration::from_secs(20), "check hung");
    (output.status.code(), stderr(&output))
}

#[test]
fn content_files_that_are_pipes_are_refused_at_once() {
    for file in ["centre.yaml", "events/open-day.yaml"] {
        let f = Fixture::new();
        let path = f.dir().join("content").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&path);
        mkfifo(&path);
        let (code, said) = check_quickly(&f);
        assert_eq!(code, Some(1), "{file}: {said}");
        assert!(
            said.contains("content file is not a regular file (a folder, a pipe or a device)"),
            "{file}: {said}"
        );
        assert!(said.contains(file), "{file}: {said}");
    }
}

#[test]
fn content_files_that_lead_outside_the_folder_are_refused_unread() {
    let f = Fixture::new();
    // A secret next to the content folder, and centre.yaml a link to it.
    let secret = f.dir().join("secret.yaml");
    std::fs::write(&secret, "name: TOP-SECRET-TOKEN\n").unwrap();
    let centre = f.dir().join("content/centre.yaml");
    std::fs::remove_file(&centre).unwrap();
    std::os::unix::fs::symlink(&secret, &centre).unwrap();
    // An event file linking out too.
    std::fs::create_dir_all(f.dir().join("content/events")).unwrap();
    std::os::unix::fs::symlink(&secret, f.dir().join("content/events/day.yaml")).unwrap();
    let (code, said) = check_quickly(&f);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        !said.contains("TOP-SECRET-TOKEN"),
        "the linked file was read: {said}"
    );
    assert_eq!(
        said.matches("content file leads outside the content folder (through a link)")
            .count(),
        2,
        "{said}"
    );
}

#[test]
fn a_link_inside_the_folder_is_followed() {
    let f = Fixture::new();
    let centre = f.dir().join("content/centre.yaml");
    std::fs::rename(&centre, f.dir().join("content/centre-real.yaml")).unwrap();
    std::os::unix::fs::symlink("centre-real.yaml", &centre).unwrap();
    let (code, said) = check_quickly(&f);
    assert_eq!(code, Some(0), "{said}");
}

#[test]
fn a_flood_of_errors_is_reported_briefly_and_counted_in_full() {
    let f = Fixture::new();
    let items: String = (0..10_000)
        .map(|i| format!("      - en: item {i}\n"))
        .collect();
    f.write(
        "brochure.yaml",
        &format!(
            "title: {{en: T, fr: T}}\nsubject: {{en: S, fr: S}}\nlanguages: [en, fr]\n\
             blocks:\n  - heading: {{en: Start, fr: Début}}\n    id: about\n  - list:\n{items}"
        ),
    );
    let started = Instant::now();
    let output = f.run(&["check"]);
    // A guard against the quadratic reporting this replaced (minutes at this size), wide
    // enough for a debug build on a slow machine.
    assert!(started.elapsed() < Duration::from_secs(60));
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    // The minimal content's other files are in one language only: three more errors.
    assert_eq!(said.matches("error: ").count(), 100);
    assert_eq!(
        said.matches("error: the list item has no French text")
            .count(),
        97
    );
    assert!(
        said.ends_with(
            "… and 9903 more errors, not shown (the first 100 of each kind are)\n\
             10003 errors; nothing was written\n"
        ),
        "{}",
        &said[said.len().saturating_sub(300)..]
    );
    // The first ones shown are the first in the file, each at its own line.
    assert!(
        said.contains("--> content/brochure.yaml:8:9\n"),
        "{}",
        &said[..600]
    );
    assert!(said.contains("--> content/brochure.yaml:104:9\n"));
    assert!(!said.contains("--> content/brochure.yaml:105:9\n"));
    assert!(said.len() < 100_000, "{} bytes", said.len());
    // JSON says how many it left out; the result counts them all.
    let json = String::from_utf8_lossy(&f.run(&["check", "--format", "json"]).stdout).into_owned();
    assert_eq!(json.matches("\"type\":\"diagnostic\"").count(), 100);
    assert!(
        json.contains("{\"type\":\"omitted\",\"errors\":9903,\"warnings\":0}"),
        "{json:.300}"
    );
    assert!(json.contains("\"errors\":10003"));
}
