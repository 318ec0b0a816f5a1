//! Cargo's build script for aula.

// The default theme is embedded with include_dir!, which cargo cannot see: ask cargo to
// rebuild when any of its files change, so the binary never ships a stale theme.
fn main() {
    println!("cargo:rerun-if-changed=themes/aula");
}
