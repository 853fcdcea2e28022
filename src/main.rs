//! The `pamphlet` command: a thin shell around the library.

/// A build allocates many small, short-lived strings on every thread;
/// mimalloc serves them from per-thread pools, where the system allocator
/// spends a fifth of a large build's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    pamphlet::cli::main()
}
