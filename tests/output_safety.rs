//! The output folder is never a way to lose a user's files: which folders `aula build`
//! refuses to replace, what killed and concurrent builds leave behind, and how those errors
//! read.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{aula_in, course, fixture, snapshot, Course};

/// The file every output of aula carries, which tells aula that it may replace the folder.
const MARKER: &str = ".aula-output";

/// The names of aula's temporary and parked folders in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".aula-tmp-") || n.contains(".aula-old-"))
        .collect()
}

/// The relative paths of every file under `dir`.
fn file_names(dir: &Path) -> BTreeSet<String> {
    snapshot(dir).into_keys().collect()
}

/// A course of `modules` × `lessons` lessons, large enough that a debug build takes about a
/// second, so that a test can act while one is running.
fn large_course(modules: usize, lessons: usize) -> Course {
    let body = "Some text with *emphasis*, `code` and a [link](https://example.org).\n\n"
        .repeat(12)
        + "```rust\nfn main() {\n    println!(\"hello\");\n}\n```\n";
    let mut builder = course();
    for m in 1..=modules {
        builder = builder.file(
            &format!("content/{m:02}-m{m}/_index.md"),
            &format!("# Module {m}\n"),
        );
        for l in 1..=lessons {
            builder = builder.file(
                &format!("content/{m:02}-m{m}/{l:02}-l{l}.md"),
                &format!("# Lesson {m}.{l}\n\n{body}"),
            );
        }
    }
    builder.build()
}

/// The pid of a process that has ended.
#[cfg(unix)]
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[cfg(unix)]
#[test]
fn a_symlinked_root_is_never_replaced() {
    let course = fixture("basic").build();
    let before = snapshot(course.root());
    let top = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(course.root(), top.path().join("course-link")).unwrap();
    let real = course.root().to_str().unwrap();

    // The root through a link, the output by its real path…
    let run = aula_in(
        top.path(),
        &["build", "--root", "course-link", "--output", real],
    )
    .failure();
    let error = run.error("contains the course itself");
    assert!(
        error.contains(real) && error.contains("course-link"),
        "{error}"
    );
    assert!(
        error.contains("= hint: choose another output_dir or --output"),
        "{error}"
    );
    // …and the other way round.
    aula_in(
        top.path(),
        &["build", "--root", real, "--output", "course-link"],
    )
    .failure()
    .error("contains the course itself");

    assert_eq!(snapshot(course.root()), before, "the course is untouched");
    assert!(leftovers(top.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn an_output_reached_through_dotdot_or_a_link_into_the_sources_is_refused() {
    let course = fixture("basic").build();
    fs::create_dir_all(course.root().join("static")).unwrap();
    fs::write(course.root().join("static/keep.txt"), "mine").unwrap();
    std::os::unix::fs::symlink("content/site", course.root().join("into-content")).unwrap();
    std::os::unix::fs::symlink("static", course.root().join("into-static")).unwrap();
    std::os::unix::fs::symlink("..", course.root().join("up")).unwrap();
    let before = snapshot(course.root());
    let name = course
        .root()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    for (output, says) in [
        (
            "content/../content/site",
            "inside the course's content/ folder",
        ),
        ("into-content", "inside the course's content/ folder"),
        (
            "into-content/deeper/../more",
            "inside the course's content/ folder",
        ),
        ("into-static", "inside the course's static/ folder"),
        ("public/../static", "inside the course's static/ folder"),
        ("up", "contains the course itself"),
        (&format!("up/{name}"), "contains the course itself"),
        (
            &format!("up/{name}/templates/x"),
            "inside the course's templates/ folder",
        ),
    ] {
        let run = course.aula(&["build", "--output", output]).failure();
        let error = run.error(says);
        assert!(error.contains(&format!("`{output}`")), "{output}: {error}");
    }
    assert_eq!(snapshot(course.root()), before, "the course is untouched");
    assert!(leftovers(course.root()).is_empty());
}

#[cfg(unix)]
#[test]
fn the_theme_folder_in_use_is_never_replaced_even_through_a_link() {
    let shared = tempfile::tempdir().unwrap();
    let theme = shared.path().join("theme");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/aula");
    for (rel, bytes) in snapshot(&from) {
        let to = theme.join(&rel);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::write(to, bytes).unwrap();
    }
    let course = fixture("basic")
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\ntheme = \"mine\"\n",
        )
        .build();
    fs::create_dir(course.root().join("themes")).unwrap();
    std::os::unix::fs::symlink(&theme, course.root().join("themes/mine")).unwrap();
    course.build();
    let before = snapshot(&theme);

    for output in [
        theme.clone(),
        theme.join("site"),
        shared.path().to_path_buf(),
    ] {
        let output = output.to_str().unwrap();
        let run = course.aula(&["build", "--output", output]).failure();
        assert!(
            run.stderr.contains("themes/mine"),
            "{output}: {}",
            run.stderr
        );
    }
    assert_eq!(snapshot(&theme), before, "the theme is untouched");
}

#[test]
fn an_output_aula_cannot_replace_is_reported_with_the_course_errors_in_one_run() {
    // It used to come out only on the run after the course's own errors were fixed.
    let course = fixture("basic")
        .file(
            "content/glossary.md",
            "+++\ntitle = \"Glossary\"\nwieght = 1\n+++\n\nSee [nothing](missing.md).\n",
        )
        .build();
    fs::create_dir(course.root().join("x")).unwrap();
    fs::write(course.root().join("x/thesis.tex"), "a\n").unwrap();
    let run = course.aula(&["build", "--output", "x"]).failure();
    run.error("unknown key `wieght`");
    run.error("`x/` exists and was not made by aula: empty it or choose another --output");
    // And the course's own folders, however the output is named.
    let run = course.aula(&["build", "--output", "content"]).failure();
    run.error("unknown key `wieght`");
    run.error("the output folder `content`");
    assert!(course.root().join("x/thesis.tex").is_file());
}

#[test]
fn an_output_aula_cannot_replace_still_has_the_course_checked_in_the_same_run() {
    // The output was checked once the course had opened, and its refusal hid the broken
    // links and anchors, which came out only on the next run.
    let course = fixture("basic")
        .file(
            "content/02-advanced/01-deep.md",
            "+++\ntitle = \"Deep\"\n+++\n\nSee [nowhere](missing.md).\n",
        )
        .build();
    fs::create_dir(course.root().join("public")).unwrap();
    fs::write(course.root().join("public/notes.txt"), "mine\n").unwrap();
    let run = course.build_fails();
    run.error("`public/` exists and was not made by aula");
    run.error("link to a missing file `missing.md`");
    assert_eq!(
        fs::read_to_string(course.root().join("public/notes.txt")).unwrap(),
        "mine\n"
    );
}

#[test]
fn check_reports_an_output_that_build_would_refuse() {
    // `aula check` said "No errors", and the build that followed failed.
    let course = fixture("basic").build();
    fs::create_dir(course.root().join("public")).unwrap();
    fs::write(course.root().join("public/notes.txt"), "mine\n").unwrap();
    course
        .aula(&["check"])
        .failure()
        .error("`public/` exists and was not made by aula");
    fs::remove_file(course.root().join("public/notes.txt")).unwrap();
    course.aula(&["check"]).success();
}

#[test]
fn a_folder_aula_did_not_make_is_never_replaced() {
    let course = fixture("basic").build();
    fs::create_dir(course.root().join("x")).unwrap();
    fs::write(course.root().join("x/thesis.tex"), "a\n").unwrap();

    let run = course.aula(&["build", "--output", "x"]).failure();
    run.error("`x/` exists and was not made by aula: empty it or choose another --output");
    assert_eq!(
        fs::read_to_string(course.root().join("x/thesis.tex")).unwrap(),
        "a\n"
    );

    // The same from site.toml's output_dir.
    course.write(
        "site.toml",
        "title = \"T\"\nlanguage = \"en\"\noutput_dir = \"x\"\n",
    );
    let run = course.build_fails();
    let error =
        run.error("`x/` exists and was not made by aula: empty it or choose another output_dir");
    // At the setting, where the author changes it (it named only site.toml).
    assert!(error.contains("--> site.toml:3:14\n"), "{error}");
    assert_eq!(
        fs::read_to_string(course.root().join("x/thesis.tex")).unwrap(),
        "a\n"
    );
    assert!(leftovers(course.root()).is_empty());
}

#[test]
fn a_folder_that_only_looks_like_an_old_aula_output_is_never_replaced() {
    let course = fixture("basic").build();
    course.build();
    let head = course.output("index.html");
    // A user's folder with a page saved from an aula site: the generator line alone does not
    // make it aula's output.
    let mine = course.root().join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("index.html"), &head).unwrap();
    fs::write(mine.join("notes.txt"), "mine").unwrap();
    course
        .aula(&["build", "--output", "mine"])
        .failure()
        .error("`mine/` exists and was not made by aula");
    assert_eq!(fs::read_to_string(mine.join("notes.txt")).unwrap(), "mine");
}

#[test]
fn an_output_of_an_earlier_aula_without_a_marker_is_still_replaced() {
    let course = fixture("basic").build();
    course.build();
    // What aula wrote before outputs had a marker.
    fs::remove_file(course.root().join("public").join(MARKER)).unwrap();
    course.build();
    assert!(course.has_output(MARKER));
    assert!(course.has_output("basics/intro.html"));
}

#[test]
fn every_output_carries_a_small_marker_and_is_replaced_by_the_next_build() {
    let course = fixture("basic").build();
    course.build();
    let marker = course.output(MARKER);
    assert!(
        marker.starts_with("Written by aula") && marker.len() < 200,
        "{marker:?}"
    );
    fs::write(course.root().join("public/stale.html"), "old").unwrap();
    course.build();
    assert!(
        !course.has_output("stale.html"),
        "the old output was replaced"
    );
    assert_eq!(course.output(MARKER), marker);
}

#[test]
fn an_empty_folder_is_used_as_the_output() {
    let course = fixture("basic").build();
    fs::create_dir(course.root().join("public")).unwrap();
    course.build();
    assert!(course.has_output("index.html"));
    assert!(course.has_output(MARKER));
}

#[test]
fn a_file_at_the_output_path_is_refused_before_building() {
    let course = fixture("basic").build();
    fs::write(course.root().join("public"), "my notes").unwrap();
    course.build_fails().has_error(
        "`public` is a file, not a folder",
        "site.toml",
        "remove it or choose another output_dir",
    );
    assert_eq!(
        fs::read_to_string(course.root().join("public")).unwrap(),
        "my notes"
    );
    assert!(leftovers(course.root()).is_empty());
}

#[test]
fn an_output_holding_a_git_repository_is_never_replaced() {
    let course = fixture("basic").build();
    course.build();
    fs::create_dir(course.root().join("public/.git")).unwrap();
    fs::write(
        course.root().join("public/.git/HEAD"),
        "ref: refs/heads/gh-pages\n",
    )
    .unwrap();
    course
        .build_fails()
        .error("`public/` holds `.git`, which aula did not write");
    assert!(course.root().join("public/.git/HEAD").is_file());
}

#[test]
fn an_output_under_a_file_is_reported_with_its_path_and_a_hint() {
    let course = fixture("basic").build();
    let run = course
        .aula(&["build", "--output", "site.toml/site"])
        .failure();
    run.has_error(
        "cannot make the output folder `site.toml/site`: `site.toml` is a file",
        "site.toml/site",
        "choose another --output",
    );
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
}

// A live process is told by its id on Linux; elsewhere the lock alone tells.
#[cfg(target_os = "linux")]
#[test]
fn folders_left_by_killed_builds_are_removed_by_the_next_build() {
    let course = fixture("basic").build();
    course.build();
    let root = course.root();
    let (dead, other_dead, live) = (dead_pid(), dead_pid(), std::process::id());
    let removed = [
        format!(".public.aula-tmp-{dead}"),
        format!(".public.aula-old-{dead}-0"),
        format!(".public.aula-old-{other_dead}-12"),
        format!(".site.aula-tmp-{other_dead}"),
    ];
    let kept = [
        // A live process's.
        format!(".public.aula-tmp-{live}"),
        format!(".public.aula-old-{live}-0"),
        // Not aula's names.
        format!("public.aula-tmp-{dead}"),
        format!(".public.aula-tmp-{dead}x"),
        ".public.aula-tmp-".to_string(),
        format!(".public.aula-old-{dead}"),
        format!(".notes.aula-tmp-{dead}.bak"),
    ];
    for name in removed.iter().chain(&kept) {
        fs::create_dir(root.join(name)).unwrap();
        fs::write(root.join(name).join("index.html"), "x").unwrap();
    }
    // A file is never one of aula's folders.
    fs::write(root.join(format!(".public.aula-tmp-{}", dead_pid())), "x").unwrap();

    course.build();
    for name in &removed {
        assert!(!root.join(name).exists(), "{name} is left");
    }
    for name in &kept {
        assert!(
            root.join(name).join("index.html").is_file(),
            "{name} was removed"
        );
    }
    assert!(course.has_output("index.html"));
}

#[cfg(unix)]
#[test]
fn a_killed_build_always_leaves_a_complete_site() {
    let course = large_course(10, 30);
    let start = Instant::now();
    course.build();
    let took = start.elapsed();
    let public = course.root().join("public");
    let site = file_names(&public);
    assert!(site.contains(MARKER) && site.contains("index.html"));

    for i in 0..30u32 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_aula"))
            .arg("build")
            .current_dir(course.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread over a whole build and a little past it, where the swap happens.
        std::thread::sleep(took.mul_f64(1.2 * (f64::from(i) + 0.5) / 30.0));
        child.kill().ok();
        child.wait().unwrap();
        assert_eq!(
            file_names(&public),
            site,
            "after kill {i}, at {:?}",
            start.elapsed()
        );
    }
    course.build();
    assert_eq!(file_names(&public), site);
    assert_eq!(leftovers(course.root()), Vec::<String>::new());
}

// Windows cannot lock a folder, and builds there do not wait.
#[cfg(unix)]
#[test]
fn two_builds_into_one_output_wait_for_each_other() {
    let course = large_course(20, 30);
    course.build();
    let public = course.root().join("public");
    let site = file_names(&public);
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_aula"))
            .arg("build")
            .current_dir(course.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let first = spawn();
    // The first build is writing once its temporary folder shows.
    let deadline = Instant::now() + Duration::from_secs(30);
    while leftovers(course.root()).is_empty() {
        assert!(
            Instant::now() < deadline,
            "the first build never started writing"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    let second = spawn().wait_with_output().unwrap();
    let first = first.wait_with_output().unwrap();
    for (which, out) in [("first", &first), ("second", &second)] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "the {which} build failed:\n{stderr}");
        assert!(!stderr.contains("os error"), "{stderr}");
    }
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("waiting for another aula build"),
        "{stderr}"
    );
    assert_eq!(file_names(&public), site);
    assert_eq!(leftovers(course.root()), Vec::<String>::new());
}
