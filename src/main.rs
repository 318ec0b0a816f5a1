//! The `aula` command; everything it does is in the library.

// Rendering allocates many short-lived strings and JSON values on two threads; with the
// system allocator a 1k-lesson build takes 40% more CPU (bench/README.md). The `override`
// feature (Cargo.toml) also takes over malloc for C code: Oniguruma, under syntect's
// grammars, allocates a match region and parameters for every regex search.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // With transparent huge pages, the first touch of any 2 MiB of mimalloc's heap zeroes all
    // of it: a 1k-lesson build touched 45 MiB instead of 23. Where fresh memory is slow (a VM
    // whose host takes freed memory back), that made the build a quarter slower
    // (bench/README.md, "Memory"). Failing to set it changes nothing but speed.
    #[cfg(target_os = "linux")]
    rustix::thread::disable_transparent_huge_pages(true).ok();
    aula::cli::run()
}
