//! Whole pages of a small course, and the whole report of a broken one, as snapshots: one
//! look at a `.snap` file shows what a learner gets, or what an author reads, where a dozen
//! asserts would each show one line of it.
//!
//! Update them after a wanted change with `INSTA_UPDATE=always cargo test --test snapshots`,
//! then read every changed `.snap` file before committing it.

mod common;

use common::course;

const SITE: &str = r#"title = "Snapshot course"
description = "A small course whose pages are snapshotted."
language = "en"
organization = "aula tests"
base_url = "https://example.org/course/"
"#;

const HOME: &str = r#"+++
title = "Snapshot course"
description = "Every kind of page, once."
objectives = ["Read a lesson", "Pass a quiz"]
+++

Start with [the basics](01-basics/_index.md), or look words up in [the glossary](glossary.md).
"#;

const MODULE: &str = r#"+++
title = "The basics"
description = "What comes first."
+++

This module has [a lesson](01-lesson.md) and [a quiz](quiz.toml).
"#;

const LESSON: &str = r#"+++
title = "First lesson"
description = "Headings, a table, code and links."
duration = 5
+++

## Terms {#terms}

| Term | Meaning |
|------|:-------:|
| Service | What one does for another |
| *Quiz* | A few questions |

## Some code

```rust
fn main() {
    println!("hello");
}
```

### Links

See [the glossary entry](../glossary.md#service), go back to [the terms](#terms), or read
[the docs](https://example.org/docs).
"#;

const QUIZ: &str = r#"title = "Quiz: the basics"
description = "Three questions about [the lesson](01-lesson.md)."
mode = "submit"

[[questions]]
id = "service"
prompt = "What is a **service**?"
explanation = "See [the terms](01-lesson.md#terms)."

[[questions.options]]
text = "What one does for another"
correct = true
feedback = "Yes."

[[questions.options]]
text = "A thing in a warehouse"
feedback = "No: a service cannot be stored."

[[questions]]
id = "kinds"
prompt = "Which of these are in the lesson?"

[[questions.options]]
text = "A table"
correct = true

[[questions.options]]
text = "Some `code`"
correct = true

[[questions.options]]
text = "A video"

[[questions]]
id = "toml"
prompt = "A quiz is a TOML file."
answer = true
"#;

const GLOSSARY: &str = r#"+++
title = "Glossary"
+++

## Service {#service}

What one does for another. Back [home](_index.md).
"#;

/// The file `rel` of the output of the page snapshots' course: a home page, one module with
/// a lesson and a quiz, and a page outside modules.
fn built(rel: &str) -> String {
    let course = course()
        .file("site.toml", SITE)
        .file("content/_index.md", HOME)
        .file("content/01-basics/_index.md", MODULE)
        .file("content/01-basics/01-lesson.md", LESSON)
        .file("content/01-basics/quiz.toml", QUIZ)
        .file("content/glossary.md", GLOSSARY)
        .build();
    course.aula(&["build"]).success();
    // The generator meta tag names aula's version: a release should not change every
    // snapshot.
    let version = concat!("aula ", env!("CARGO_PKG_VERSION"));
    course.output(rel).replace(version, "aula [version]")
}

#[test]
fn home() {
    insta::assert_snapshot!("home", built("index.html"));
}

#[test]
fn module_introduction() {
    insta::assert_snapshot!("module", built("basics/index.html"));
}

#[test]
fn lesson() {
    insta::assert_snapshot!("lesson", built("basics/lesson.html"));
}

#[test]
fn quiz() {
    insta::assert_snapshot!("quiz", built("basics/quiz.html"));
}

#[test]
fn page_outside_modules() {
    insta::assert_snapshot!("page", built("glossary.html"));
}

#[test]
fn not_found() {
    insta::assert_snapshot!("not_found", built("404.html"));
}

#[test]
fn print_page_with_worksheet_and_answer_key() {
    insta::assert_snapshot!("print", built("print.html"));
}

#[test]
fn sitemap() {
    insta::assert_snapshot!("sitemap", built("sitemap.xml"));
}

/// A lesson whose front matter has two wrong values, and whose body links to a page that
/// does not exist.
const BROKEN_LESSON: &str = r#"+++
title = "Lesson"
duration = "ten"
weight = "first"
+++

Read [the next lesson](02-next.md) first.
"#;

/// A quiz whose only question has no correct option.
const NO_CORRECT_OPTION: &str = r#"title = "Quiz"

[[questions]]
id = "colour"
prompt = "Which colour?"

[[questions.options]]
text = "Red"

[[questions.options]]
text = "Blue"
"#;

/// Everything `aula check` prints about a course with seven mistakes in five files, run in
/// the course folder as an author does, so every path is relative. The mistakes: the unknown
/// key `languge` in site.toml; `duration = "ten"` and `weight = "first"` in the lesson's
/// front matter; the lesson's link to the missing `02-next.md`; the module page's link to the
/// missing `01-missing.md`; the home page's link to the missing anchor `#sumary` of a valid
/// page; the quiz question with no correct option. Five are reported: a front matter that
/// cannot be read stops at its first mistake and leaves its page out, body and all.
#[test]
fn diagnostics_of_a_course_broken_in_seven_ways() {
    let course = course()
        .file(
            "site.toml",
            "title = \"Broken course\"\nlanguage = \"en\"\nlanguge = \"es\"\n",
        )
        .file(
            "content/_index.md",
            "# Home\n\nSee [the lesson](01-m/01-lesson.md) and [the end](01-m/02-end.md#sumary).\n",
        )
        .file(
            "content/01-m/_index.md",
            "# Module\n\nRead [this](01-missing.md).\n",
        )
        .file("content/01-m/01-lesson.md", BROKEN_LESSON)
        .file("content/01-m/02-end.md", "# The end\n\n## Summary\n")
        .file("content/01-m/quiz.toml", NO_CORRECT_OPTION)
        .build();
    let run = course.aula(&["check"]).failure();
    insta::assert_snapshot!("check_diagnostics", run.stderr);
}
