//! Content nobody has reviewed: files that are not what they seem are refused at their place,
//! at once, without reading anything outside the content folder.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::time::{Duration, Instant};

use common::fixture::Fixture;
use common::stderr;

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
