//! Fixture courses and the real `aula` binary, for the integration tests.
//!
//! ```ignore
//! let course = course().file("content/01-a/_index.md", "# A\n").build();
//! course.aula(&["build"]).success();
//! assert!(course.output("a/index.html").contains("A"));
//! ```

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

pub(crate) mod html;
pub(crate) mod moodle_gift;
pub(crate) mod served;

/// The default `site.toml` of a built course, unless the test gives its own.
pub(crate) const SITE_TOML: &str =
    "title = \"Test course\"\nid = \"test-course\"\nlanguage = \"en\"\n";
/// The default home page.
pub(crate) const HOME: &str = "+++\ntitle = \"Home\"\n+++\n\nWelcome.\n";

/// Where the on-disk fixtures live.
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A course to be written into a fresh temporary folder.
pub(crate) struct CourseBuilder {
    files: BTreeMap<String, Vec<u8>>,
}

/// A course with a default `site.toml` and home page.
pub(crate) fn course() -> CourseBuilder {
    CourseBuilder {
        files: BTreeMap::new(),
    }
    .file("site.toml", SITE_TOML)
    .file("content/_index.md", HOME)
}

/// A copy of `tests/fixtures/NAME`, to change with `.file()` before `.build()`.
pub(crate) fn fixture(name: &str) -> CourseBuilder {
    let dir = fixtures().join(name);
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    CourseBuilder { files }
}

impl CourseBuilder {
    /// Adds or replaces a file.
    pub(crate) fn file(self, path: &str, text: &str) -> Self {
        self.bytes(path, text.as_bytes())
    }

    /// Adds or replaces a file with arbitrary bytes.
    pub(crate) fn bytes(mut self, path: &str, bytes: &[u8]) -> Self {
        self.files.insert(path.to_string(), bytes.to_vec());
        self
    }

    /// Leaves a file out (a default one, or one of the fixture's).
    pub(crate) fn without(mut self, path: &str) -> Self {
        self.files.remove(path);
        self
    }

    /// Writes the files into a new temporary folder.
    pub(crate) fn build(self) -> Course {
        let dir = tempfile::tempdir().unwrap();
        let course = Course { dir };
        for (path, bytes) in &self.files {
            course.write_bytes(path, bytes);
        }
        course
    }
}

/// A course on disk, deleted when dropped.
pub(crate) struct Course {
    dir: TempDir,
}

impl Course {
    /// The course root.
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `aula ARGS` in the course root.
    pub(crate) fn aula(&self, args: &[&str]) -> Run {
        aula_in(self.root(), args)
    }

    /// `aula build`, which must succeed.
    pub(crate) fn build(&self) -> Run {
        self.aula(&["build"]).success()
    }

    /// `aula build`, which must fail.
    pub(crate) fn build_fails(&self) -> Run {
        self.aula(&["build"]).failure()
    }

    /// A file of the default output folder, `public/`.
    pub(crate) fn output(&self, rel: &str) -> String {
        let path = self.root().join("public").join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// Whether the output folder holds `rel`.
    pub(crate) fn has_output(&self, rel: &str) -> bool {
        self.root().join("public").join(rel).is_file()
    }

    /// Writes a file of the course, as an author would while editing it.
    pub(crate) fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// Runs the real binary in `dir`.
pub(crate) fn aula_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("cannot run aula");
    Run {
        args: args.join(" "),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// What a run of `aula` printed, and how it ended.
#[derive(Debug)]
pub(crate) struct Run {
    pub args: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts exit code 0.
    pub(crate) fn success(self) -> Self {
        assert_eq!(
            self.code,
            Some(0),
            "`aula {}` failed:\n{}",
            self.args,
            self.stderr
        );
        self
    }

    /// Asserts exit code 1: a reported failure, not a panic (101) or a signal.
    pub(crate) fn failure(self) -> Self {
        assert_eq!(
            self.code,
            Some(1),
            "`aula {}` should fail with code 1:\nstdout: {}\nstderr: {}",
            self.args,
            self.stdout,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    /// Asserts that stderr holds every one of `parts`.
    pub(crate) fn stderr_has(&self, parts: &[&str]) -> &Self {
        for part in parts {
            assert!(
                self.stderr.contains(part),
                "stderr of `aula {}` lacks {part:?}:\n{}",
                self.args,
                self.stderr
            );
        }
        self
    }

    /// The diagnostics (`error: …` up to the next blank line) whose headline contains
    /// `message`.
    pub(crate) fn errors(&self, message: &str) -> Vec<&str> {
        self.stderr
            .split("\n\n")
            .filter(|block| {
                block
                    .lines()
                    .next()
                    .is_some_and(|l| l.starts_with("error: ") && l.contains(message))
            })
            .collect()
    }

    /// The first diagnostic whose headline contains `message`.
    pub(crate) fn error(&self, message: &str) -> &str {
        self.errors(message)
            .first()
            .unwrap_or_else(|| panic!("no error {message:?} in:\n{}", self.stderr))
    }

    /// Asserts an error: its headline, its `file:line:col` and its hint.
    pub(crate) fn has_error(&self, message: &str, position: &str, hint: &str) -> &Self {
        let at = format!("--> {position}\n");
        let hinted = format!("= hint: {hint}");
        assert!(
            self.errors(message)
                .iter()
                .any(|b| b.contains(&at) && b.contains(&hinted)),
            "no error {message:?} at {position} hinting {hint:?} in:\n{}",
            self.stderr
        );
        self
    }

    /// The count in the closing `aula: N errors found` line.
    pub(crate) fn error_count(&self) -> usize {
        let line = self
            .stderr
            .lines()
            .find(|l| l.starts_with("aula: ") && l.contains(" found"))
            .unwrap_or_else(|| panic!("no count line in:\n{}", self.stderr));
        line["aula: ".len()..]
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap()
    }
}

/// Every file under `dir`, relative with `/`, with its bytes.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}
