//! What the targets share: a copy of the default content to change files in.

use std::path::{Path, PathBuf};

/// A copy of the default content in a temporary folder, and the copy's path.
pub fn default_content() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("content");
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"), &path);
    (dir, path)
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("content") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("file");
        }
    }
}
