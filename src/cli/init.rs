//! `plaquette init DIR`: a starter content folder, the default content with its comments,
//! which builds as it is and is edited from there.

use std::path::Path;

use anyhow::{Context, bail};

use crate::content::schema::{self, FileKind};

/// The starter's files, as they are in `content/`.
const FILES: [(&str, &str); 10] = [
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
    (
        "images/partner-placeholder-1.svg",
        include_str!("../../content/images/partner-placeholder-1.svg"),
    ),
    (
        "images/partner-placeholder-2.svg",
        include_str!("../../content/images/partner-placeholder-2.svg"),
    ),
    (
        "images/partner-placeholder-3.svg",
        include_str!("../../content/images/partner-placeholder-3.svg"),
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
    written.extend(schemas(&dir.join("schemas"))?);
    Ok(written)
}

/// Writes the schema of each kind of content file into `dir`, as the content's
/// `# yaml-language-server: $schema=…` lines expect them.
pub fn schemas(dir: &Path) -> anyhow::Result<Vec<String>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = Vec::new();
    for kind in FileKind::ALL {
        let path = dir.join(kind.file_name());
        std::fs::write(&path, to_json(&schema::schema(kind)) + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

/// A schema as the files hold it: pretty, with keys in a stable order.
pub fn to_json(schema: &schemars::Schema) -> String {
    // A `Schema` is JSON already: it cannot fail to print.
    serde_json::to_string_pretty(schema).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    /// The starter is the default content, all of it: a file added to `content/` and not
    /// here would leave the starter broken.
    #[test]
    fn the_starter_holds_every_file_of_the_default_content() {
        fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("content folder") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    walk(&path, root, out);
                } else {
                    let name = path.strip_prefix(root).expect("inside");
                    out.push(name.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut on_disk = Vec::new();
        walk(&root, &root, &mut on_disk);
        on_disk.sort();
        let mut starter: Vec<String> = super::FILES.iter().map(|(n, _)| n.to_string()).collect();
        // The schemas are written from the binary's own, which a test compares with content/.
        starter.extend(super::FileKind::ALL.map(|k| format!("schemas/{}", k.file_name())));
        starter.sort();
        assert_eq!(starter, on_disk);
    }
}
