// Rendering allocates many short-lived strings and JSON values on two threads; mimalloc
// makes those allocations markedly cheaper than the system allocator. Its `override`
// feature (Cargo.toml) also takes over malloc for C code: Oniguruma, under syntect,
// allocates a match region and parameters for every regex search.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    aula::cli::run()
}
