//! The `pamphlet` command: a thin shell around the library.

fn main() -> std::process::ExitCode {
    pamphlet::cli::main()
}
