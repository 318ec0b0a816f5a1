//! `aula init`: a new course that builds as it is, to start from.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};

/// Arguments of `aula init`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Folder to create the course in (created if missing; must not hold a course already)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

const FILES: &[(&str, &str)] = &[
    (
        "site.toml",
        r#"title = "My course"
description = "What learners will get out of this course."
language = "en"        # the theme's UI strings: "en" or "es"
author = ""
organization = ""
# Names where browsers keep learners' progress: unique to this course, and kept when the
# title changes. Change it only to make the course forget what its learners did.
id = "{id}"
# The course's edition, named in a learner's exported record and on the certificate. Raise it
# when the course changes in a way that matters to whoever reads a certificate.
version = "1"
# Where the course is published: its 404 page links from this path. A full address
# ("https://example.org/course/") also gives sitemap.xml and canonical links.
base_url = "/"

[quiz]
pass = 70              # default pass mark, in percent
"#,
    ),
    (
        "content/_index.md",
        r#"+++
title = "My course"
description = "What learners will get out of this course."
objectives = ["Explain the first idea", "Apply it at work"]
+++

Welcome. This page introduces the course: who it is for, what learners will be able to
do, and how long it takes. Start with [the first module](01-first-module/_index.md).
"#,
    ),
    (
        "content/01-first-module/_index.md",
        r#"+++
title = "First module"
description = "The first steps."
duration = 20
objectives = ["Explain the first idea"]
+++

Each folder under `content/` is a module, and this `_index.md` introduces it.
"#,
    ),
    (
        "content/01-first-module/01-first-lesson.md",
        r#"+++
title = "First lesson"
description = "A lesson is a Markdown file."
duration = 10
+++

## The first idea {#first-idea}

Write lessons in Markdown. Link to other pages by their `.md` path, like
[the module introduction](_index.md), and aula turns the links into working URLs.

| Column | Another |
|--------|---------|
| Tables | work    |

## Reflect {#reflect}

How would you use this idea at work?
"#,
    ),
    (
        "content/01-first-module/quiz.toml",
        r#"title = "Quiz: first module"
description = "Check what you learned."
mode = "both"        # the learner picks practice (instant feedback) or exam (submit, scored)
shuffle = true

[[questions]]
prompt = "Where do lessons live?"
explanation = "Lessons are Markdown files in a module folder. [Review](01-first-lesson.md#first-idea)"

[[questions.options]]
text = "In Markdown files inside a module folder"
correct = true

[[questions.options]]
text = "In site.toml"
feedback = "site.toml holds the course's settings, not its lessons."

[[questions]]
type = "true_false"
prompt = "A quiz is a TOML file."
answer = true
"#,
    ),
];

/// Writes the scaffold, refusing to overwrite an existing course.
pub(crate) fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    if dir.join("site.toml").exists() {
        bail!(
            "{} already holds a course (site.toml exists); choose an empty folder",
            dir.display()
        );
    }
    let id = course_id(dir);
    for (path, text) in FILES {
        write_new(&dir.join(path), &text.replace("{id}", &id))?;
    }
    println!("Created a course in {}", dir.display());
    println!(
        "Next: cd {} && aula serve   (or `aula build` to write public/)",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// A course id no other course has: the title's slug, then a hash of the clock, the
/// process and the folder, so that two courses made from this scaffold, even on one
/// machine in one second, keep their learners' progress apart.
fn course_id(dir: &Path) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let seed = format!("{now}:{}:{}", std::process::id(), dir.display());
    format!("my-course-{}", &crate::quiz::content_hash(&seed)[..8])
}

fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    if path.exists() {
        bail!(
            "{} already exists; aula init does not overwrite files",
            path.display()
        );
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}
