fn main() -> std::process::ExitCode {
    aula::cli::run()
}
