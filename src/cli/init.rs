//! `plaquette init DIR`: a starter content folder, the default content with its comments,
//! which builds as it is and is edited from there.

use std::path::Path;

use anyhow::{Context, bail};

/// The starter's files, as they are in `content/`.
const FILES: [(&str, &str); 7] = [
    ("centre.yaml", include_str!("../../content/centre.yaml")),
    ("brand.yaml", include_str!("../../content/brand.yaml")),
    ("brochure.yaml", include_str!("../../content/brochure.yaml")),
    (
        "factsheet.yaml",
        include_str!("../../content/factsheet.yaml"),
    ),
    (
        "events/journees-ia-2027.yaml",
        include_str!("../../content/events/journees-ia-2027.yaml"),
    ),
    (
        "images/logo-placeholder.svg",
        include_str!("../../content/images/logo-placeholder.svg"),
    ),
    (
        "images/portrait-placeholder.svg",
        include_str!("../../content/images/portrait-placeholder.svg"),
    ),
];

/// Writes the starter into `dir`, which must not exist or be empty: nothing is overwritten.
pub fn init(dir: &Path) -> anyhow::Result<Vec<String>> {
    if dir.exists() {
        let empty = dir.is_dir()
            && std::fs::read_dir(dir)
                .with_context(|| format!("cannot read {}", dir.display()))?
                .next()
                .is_none();
        if !empty {
            bail!(
                "{} already exists and is not an empty folder",
                dir.display()
            );
        }
    }
    let mut written = Vec::new();
    for (name, text) in FILES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path.display().to_string());
    }
    Ok(written)
}
