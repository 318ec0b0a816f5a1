//! Every problem of a course comes out in one run, and `aula check`, `aula build` and
//! `aula serve` report the same ones: they go through the same pipeline.

mod common;

use std::time::{Duration, Instant};

use common::served::Served;
use common::{course, Course, CourseBuilder};

const LESSON: &str = "+++\ntitle = \"Basics\"\n+++\n\n## Service {#service}\n\nText.\n";

/// A course broken in several ways at once, in different files and stages: front matter,
/// a quiz, a link to a missing page, a link to a missing anchor, and a template.
fn broken() -> CourseBuilder {
    course()
        .file("content/01-m/_index.md", "+++\ntitle = \"M\"\n+++\n\nSee [the lesson](01-basics.md#servce) and [gone](09-gone.md).\n")
        .file("content/01-m/01-basics.md", LESSON)
        .file("content/01-m/02-broken.md", "+++\ntitle = \"Broken\"\nduration = \"ten\"\n+++\n\nBody.\n")
        .file(
            "content/01-m/quiz.toml",
            "title = \"Q\"\n\n[[questions]]\nprompt = \"Which?\"\n\n[[questions.options]]\ntext = \"A\"\n\n[[questions.options]]\ntext = \"B\"\n",
        )
        .file("templates/page.html", "<main>{{ page.title | nope }}</main>\n")
        .file("content/glossary.md", "+++\ntitle = \"Glossary\"\n+++\n\nWords.\n")
}

/// The diagnostics of the last report in `stderr`, without its closing count line
/// ("aula: 3 errors found"): serve prints one report per failed rebuild.
fn last_report(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    let is_count = |l: &&str| l.starts_with("aula: ") && l.ends_with(" found");
    let Some(end) = lines.iter().rposition(is_count) else {
        return String::new();
    };
    let start = lines[..end].iter().rposition(is_count).map_or(0, |i| i + 1);
    lines[start..end].join("\n")
}

fn checked(course: &Course) -> String {
    last_report(&course.aula(&["check"]).failure().stderr)
}

/// What serve shows once it has reported errors that `until` accepts.
fn served_report(s: &Served, until: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let report = last_report(&s.stderr());
        if until(&report) {
            return report;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "serve reported:\n{}",
            s.stderr()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn check_build_and_serve_report_every_problem_of_a_broken_course_alike() {
    let course = broken().build();
    let check = checked(&course);
    for part in [
        "content/01-m/02-broken.md:3:12",
        "question `q1` has no correct option",
        "link to a missing file `09-gone.md`",
        "link to a missing anchor `#servce`",
        "templates/page.html",
    ] {
        assert!(check.contains(part), "{part} in:\n{check}");
    }
    let build = last_report(&course.build_fails().stderr);
    assert_eq!(build, check, "build and check");
    let s = Served::start(broken().build());
    let serve = served_report(&s, |r| !r.is_empty());
    assert_eq!(serve, check, "serve and check");
}

/// A course whose lesson has the text `lesson`, and two other pages linking to its heading.
fn linked_to(lesson: &str) -> Course {
    course()
        .file(
            "content/01-m/_index.md",
            "+++\ntitle = \"M\"\n+++\n\nSee [service](01-basics.md#service).\n",
        )
        .file("content/01-m/01-basics.md", lesson)
        .file(
            "content/glossary.md",
            "+++\ntitle = \"Glossary\"\n+++\n\n[Service](01-m/01-basics.md#service).\n",
        )
        .build()
}

#[test]
fn a_front_matter_broken_while_serving_is_reported_as_check_reports_it() {
    // Serve used to keep the broken page without its headings, and said that the links to
    // them from untouched pages pointed at a page with no headings: 3 errors where check
    // found 1.
    let s = Served::start(linked_to(LESSON));
    let broken = LESSON.replace(
        "title = \"Basics\"",
        "title = \"Basics\"\nweight = \"first\"",
    );
    s.write("content/01-m/01-basics.md", &broken);
    let serve = served_report(&s, |r| r.contains("weight"));
    let check = checked(&linked_to(&broken));
    assert_eq!(serve, check);
    assert!(!serve.contains("no headings"), "{serve}");
}

#[test]
fn a_page_that_cannot_be_read_does_not_hide_template_errors() {
    // The templates used to be tried only once every page had been read.
    let course = course()
        .file(
            "content/01-m/_index.md",
            "+++\ntitle = \"M\"\n+++\n\nIntro.\n",
        )
        .file(
            "content/01-m/01-broken.md",
            "+++\ntitle = \"Broken\"\nduration = \"ten\"\n+++\n\nBody.\n",
        )
        .file(
            "templates/module.html",
            "<main>{{ page.title | nope }}</main>\n",
        )
        .build();
    let check = checked(&course);
    assert!(check.contains("01-broken.md:3:12"), "{check}");
    assert!(check.contains("templates/module.html"), "{check}");
}
