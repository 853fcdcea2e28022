//! The `pamphlet` command: a thin shell around the library.

use libmimalloc_sys::{mi_option_set, mi_option_t};

/// A build allocates many small, short-lived strings on every thread;
/// mimalloc serves them from per-thread pools, where the system allocator
/// spends a fifth of a large build's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 3's `mimalloc.h` (the Rust bindings
/// name the options around it but not this one).
const MI_OPTION_PURGE_DELAY: mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // mimalloc hands memory a stage has freed back to the system a second
    // later, and the next stage faults it in again: zeroing those pages
    // took about a tenth of a 10,000-article build's CPU. Keeping it costs
    // nothing the peak does not already use, and it also spares the live
    // preview the faults on every rebuild. (Cargo.toml also builds mimalloc
    // without asking for 2 MiB pages, each zeroed whole on first touch.)
    // SAFETY: setting an option is allowed at any time, from any thread.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    pamphlet::cli::main()
}
