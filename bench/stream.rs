//! One build of a course in one process, for counting instructions: `bench/instructions.sh`
//! runs it under callgrind. Wall-clock times on this machine drift by a third within an hour,
//! while instruction counts repeat within about 2%, so this is how two versions of the code
//! are compared; `run.py` gives the ratios against the peers.
//!
//!     cargo run --release --example stream -- COURSE [OUTPUT_PARENT]
//!
//! The output goes to a new folder under OUTPUT_PARENT (default /dev/shm), removed afterwards.

use std::path::PathBuf;
use std::process::ExitCode;

// As in the binary: the allocator is part of what is measured. (The binary also turns
// transparent huge pages off, which changes no instruction count.)
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: stream COURSE [OUTPUT_PARENT]");
        return ExitCode::FAILURE;
    };
    let parent = PathBuf::from(args.next().unwrap_or_else(|| "/dev/shm".into()));
    let dir = parent.join(format!("aula-stream-{}", std::process::id()));
    let options = aula::pipeline::Options {
        root: root.into(),
        output: Some(dir.clone()),
        drafts: false,
        live_reload: false,
    };
    // Freed here, not on another thread as `aula build` does, so that it is counted.
    let built = aula::build::build(options).map(|built| built.stats);
    std::fs::remove_dir_all(&dir).ok();
    match built {
        Ok(stats) => {
            println!("{} pages", stats.pages);
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{} errors, the first: {:?}", errors.len(), errors.first());
            ExitCode::FAILURE
        }
    }
}
