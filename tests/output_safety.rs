//! The output folder is never a way to lose a user's files: which folders `aula build`
//! refuses to replace, what killed and concurrent builds leave behind, and how those errors
//! read.

mod common;

use std::fs;
use std::path::Path;

use common::{aula_in, fixture, snapshot};

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
