fn main() {
    match plaquette::content::load(std::path::Path::new("content")) {
        Ok(c) => println!("{:#?}", c.factsheet.blocks.len()),
        Err(ds) => ds.iter().for_each(|d| eprint!("{d}")),
    }
}
