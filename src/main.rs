//! The `plaquette` binary: see [`plaquette::cli`].

fn main() -> std::process::ExitCode {
    plaquette::cli::run()
}
