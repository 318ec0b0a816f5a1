// Rendering allocates many short-lived strings and JSON values on two threads; mimalloc
// makes those allocations markedly cheaper than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    aula::cli::run()
}
