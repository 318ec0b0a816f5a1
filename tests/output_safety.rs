//! The output folder is never a way to lose a user's files: which folders `aula build`
//! refuses to replace, what killed and concurrent builds leave behind, and how those errors
//! read.

mod common;

use std::fs;
use std::path::Path;

use common::{aula_in, fixture, snapshot};

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
    course
        .build_fails()
        .error("`x/` exists and was not made by aula: empty it or choose another output_dir");
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
