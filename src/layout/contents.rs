//! The contents list: set before the body once the document runs long, with the page number
//! of each section, found by laying the document out until the numbers stop moving.

use std::collections::HashMap;

use super::frame::{Item, Page};
use crate::compose::{Contents, Flow, Para, Run};

/// The printed page number of every anchor.
pub fn numbers(pages: &[Page]) -> HashMap<String, usize> {
    let mut found = HashMap::new();
    for page in pages {
        for item in &page.items {
            if let (Item::Anchor(anchor), Some(number)) = (item, page.number) {
                found.entry(anchor.name.clone()).or_insert(number);
            }
        }
    }
    found
}

/// The list's flows, numbered from `numbers`, then the body.
pub fn with_contents(
    contents: &Contents,
    numbers: &HashMap<String, usize>,
    body: &[Flow],
) -> Vec<Flow> {
    let mut flows = contents.heading.clone();
    let count = contents.entries.len();
    for (i, entry) in contents.entries.iter().enumerate() {
        // Two digits' room even before the numbers are known, so that the list keeps its size.
        let number = numbers
            .get(&entry.anchor)
            .map_or_else(|| "00".to_owned(), usize::to_string);
        let link = Some(format!("#{}", entry.anchor));
        flows.push(Flow::Entry {
            gap: contents.gap,
            title: entry.title.clone(),
            number: Para {
                runs: vec![Run {
                    text: number,
                    style: contents.number,
                    link,
                }],
                ..Para::line(
                    "",
                    contents.number,
                    entry.title.role.clone(),
                    entry.title.lang,
                )
            },
            space_after: if i + 1 == count {
                entry.title.leading
            } else {
                entry.title.space_after
            },
        });
    }
    flows.extend(body.iter().cloned());
    flows
}

/// The most layouts tried for the numbers to settle: a list that changes the pages it lists
/// settles in two.
pub const PASSES: usize = 3;

/// Whether a document of `pages` gets a list.
pub fn wanted(contents: &Contents, pages: &[Page]) -> bool {
    pages.iter().filter(|p| p.number.is_some()).count() > contents.beyond
}
