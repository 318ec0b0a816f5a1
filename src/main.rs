// Rendering allocates many short-lived strings and JSON values on two threads; with the
// system allocator a 1k-lesson build takes 40% more CPU (bench/README.md). The `override`
// feature (Cargo.toml) also takes over malloc for C code: Oniguruma, under syntect's
// grammars, allocates a match region and parameters for every regex search.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    aula::cli::run()
}
