//! What an author sees when the course has mistakes: each error's message, its
//! `file:line:col` and its hint, all of them in one run, and never a panic.

mod common;

use common::{aula_in, course, fixture, fixtures};

const LESSON: &str = "content/01-a/01-lesson.md";

/// A course with one module, its lesson `LESSON` holding `lesson`, and a second lesson
/// with a `## Step` heading.
fn with_lesson(lesson: &str) -> common::Course {
    course()
        .file("content/01-a/_index.md", "# A\n")
        .file(LESSON, lesson)
        .file("content/01-a/02-second.md", "# Second\n\n## Step\n")
        .file("content/02-advanced/_index.md", "# Advanced\n")
        .build()
}

#[test]
fn a_file_named_like_a_translation_of_a_missing_page_is_an_error_not_left_out() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file(
            "content/01-a/02-closures.js.md",
            "# Closures in JavaScript\n",
        )
        .build();
    course.build_fails().stderr_has(&[
        "content/01-a/02-closures.js.md",
        "this looks like the `js` translation of content/01-a/02-closures.md, which does not exist",
    ]);
}

#[test]
fn a_content_file_that_would_replace_a_page_or_an_aula_file_is_an_error() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file("content/01-a/index.html", "<p>mine</p>")
        .file("content/01-a/01-b.md", "# B\n")
        .file("content/01-a/b.html", "<p>mine</p>")
        .file("content/404.html", "<p>mine</p>")
        .file("content/assets/aula.css", "p {}")
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 4, "{}", run.stderr);
    run.stderr_has(&[
        "content/01-a/index.html",
        "this file cannot be copied: it would replace the page of content/01-a/_index.md",
        "content/01-a/b.html",
        "this file cannot be copied: it would replace the page of content/01-a/01-b.md",
        "content/404.html",
        "this file cannot be copied: `404.html` is reserved for aula's own files",
        "content/assets/aula.css",
    ]);
}

#[test]
fn an_error_is_printed_with_its_line_a_caret_and_a_hint() {
    let course = course()
        .file("site.toml", "title = \"T\"\ntilte = \"Oops\"\n")
        .build();
    let run = course.build_fails();
    assert_eq!(
        run.stderr,
        "error: unknown key `tilte`\n  --> site.toml:2:1\n   |\n 2 | tilte = \"Oops\"\n   | ^^^^^\n  = hint: did you mean `title`?\n\naula: 1 error found\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn unknown_keys_in_site_toml_are_all_reported_with_a_suggestion() {
    let course = course()
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\nbase_ulr = \"https://example.org/\"\n[markdown]\nhighlight = false\n[quiz]\npas = 80\n",
        )
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 3);
    run.has_error(
        "unknown key `base_ulr`",
        "site.toml:3:1",
        "did you mean `base_url`?",
    )
    .has_error(
        "unknown key `highlight`",
        "site.toml:5:1",
        "did you mean `highlight_code`?",
    )
    .has_error("unknown key `pas`", "site.toml:7:1", "did you mean `pass`?");
}

#[test]
fn invalid_toml_in_site_toml_points_at_the_line() {
    let course = course()
        .file("site.toml", "language = \"en\"\ntitle = \"T\n")
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 1);
    run.has_error(
        "invalid TOML",
        "site.toml:2:11",
        "check the quoting and the `key = value` syntax on this line",
    );
}

#[test]
fn wrong_values_in_site_toml_are_explained() {
    let course = course()
        .file(
            "site.toml",
            "title = \"T\"\nbase_url = \"example.org\"\n[quiz]\npass = 101\n",
        )
        .build();
    course
        .build_fails()
        .has_error(
            "base_url is neither an http(s) address nor a path",
            "site.toml:2:12",
            "write it like `base_url = \"https://example.org/curso/\"`, or leave it out",
        )
        .has_error(
            "pass = 101 is outside 0–100",
            "site.toml:4:8",
            "give the percent a learner needs to pass, e.g. `pass = 70`",
        );
}

#[test]
fn a_folder_without_site_toml_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    aula_in(dir.path(), &["build"]).failure().has_error(
        "cannot read site.toml",
        "site.toml",
        "run aula in a course folder, pass --root DIR, or create one with `aula init`",
    );
}

#[test]
fn a_course_without_content_says_so() {
    let course = course().without("content/_index.md").build();
    course.build_fails().has_error(
        "the course has no content/ folder",
        "content",
        "create content/_index.md for the home page and a folder per module, or run `aula init`",
    );
}

#[test]
fn a_course_without_a_home_page_says_so() {
    let course = course()
        .without("content/_index.md")
        .file("content/01-a/_index.md", "# A\n")
        .build();
    course.build_fails().has_error(
        "the course has no home page",
        "content/_index.md",
        "create content/_index.md with a title and an introduction to the course",
    );
}

#[test]
fn a_broken_home_page_is_reported_once() {
    // Regression: a home page that failed to parse was also reported as missing.
    let course = course()
        .file(
            "content/_index.md",
            "+++\ntitle = \"Home\nwieght = 1\n+++\n",
        )
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 1, "{}", run.stderr);
    run.stderr_has(&["--> content/_index.md:2:"]);
    assert!(!run.stderr.contains("no home page"), "{}", run.stderr);
}

#[test]
fn a_broken_module_introduction_is_reported_once() {
    let course = course()
        .file(
            "content/01-a/_index.md",
            "+++\ntitle = \"A\"\ndraft = 1\n+++\n",
        )
        .file("content/01-a/01-l.md", "# L\n")
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 1, "{}", run.stderr);
    run.stderr_has(&["--> content/01-a/_index.md:3:9"]);
    assert!(
        !run.stderr.contains("no introduction page"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_theme_is_named() {
    let course = course()
        .file("site.toml", "title = \"T\"\ntheme = \"fancy\"\n")
        .build();
    course
        .build_fails()
        .stderr_has(&["theme `fancy` not found in themes/fancy/"]);
}

#[test]
fn an_unknown_front_matter_key_points_into_the_page() {
    let course = with_lesson("+++\ntitle = \"L\"\nwieght = 2\n+++\n\nText.\n");
    course.build_fails().has_error(
        "unknown key `wieght`",
        "content/01-a/01-lesson.md:3:1",
        "did you mean `weight`?",
    );
}

#[test]
fn a_wrong_front_matter_type_points_at_the_value() {
    let course = with_lesson("+++\ntitle = \"L\"\nweight = \"first\"\n+++\n");
    course.build_fails().has_error(
        "`weight` must be a whole number, like `weight = 10` (lower comes first)",
        "content/01-a/01-lesson.md:3:10",
        "found \"first\", which is text in quotes",
    );
}

#[test]
fn invalid_toml_in_front_matter_points_at_the_line_in_the_page() {
    let course = with_lesson("+++\ntitle = \"L\"\nduration = \n+++\n");
    let run = course.build_fails();
    let block = run.error("invalid TOML");
    assert!(
        block.contains("--> content/01-a/01-lesson.md:3:"),
        "{block}"
    );
}

#[test]
fn a_page_without_a_title_says_how_to_give_one() {
    let course = with_lesson("Just text, no heading.\n");
    course.build_fails().has_error(
        "this page has no title",
        "content/01-a/01-lesson.md:1:1",
        "add `title = \"…\"` to the front matter between `+++` lines, or start the page with a `# Heading`",
    );
}

#[test]
fn front_matter_that_is_never_closed_is_reported() {
    let course = with_lesson("+++\ntitle = \"L\"\n\nText.\n");
    course.build_fails().has_error(
        "front matter is not closed",
        "content/01-a/01-lesson.md:1:1",
        "end the front matter with a line holding only `+++`",
    );
}

#[test]
fn an_empty_page_is_an_error_not_a_panic() {
    let course = with_lesson("");
    course.build_fails().has_error(
        "this page has no title",
        "content/01-a/01-lesson.md:1:1",
        "add `title = \"…\"`",
    );
}

#[test]
fn a_page_that_is_not_utf8_is_an_error_not_a_panic() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .bytes(LESSON, b"+++\ntitle = \"\xff\xfe\"\n+++\n\x00\x01")
        .build();
    course.build_fails().has_error(
        "this file is not UTF-8 text: byte 0xFF does not belong here",
        "content/01-a/01-lesson.md:2:10",
        "save the file as UTF-8 in your editor",
    );
}

#[test]
fn files_in_the_wrong_place_are_reported() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file("content/quiz.toml", "title = \"Q\"\n")
        .file("content/01-a/extra/final.quiz.toml", "title = \"Q\"\n")
        .file("content/01-a/extra/deep.md", "# Deep\n")
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 3, "{}", run.stderr);
    run.has_error(
        "a quiz must sit in a module folder",
        "content/quiz.toml",
        "move it to content/MODULE/quiz.toml",
    )
    .has_error(
        "a quiz must sit in a module folder",
        "content/01-a/extra/final.quiz.toml",
        "move it to content/MODULE/quiz.toml",
    )
    .has_error(
        "a page is nested too deep",
        "content/01-a/extra/deep.md",
        "put lessons directly in their module folder: content/MODULE/LESSON.md",
    );
}

#[test]
fn two_files_with_the_same_url_are_reported() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file("content/01-a/01-intro.md", "# One\n")
        .file("content/01-a/02-intro.md", "# Two\n")
        .build();
    let run = course.build_fails();
    let block = run.error("this page has the same URL `a/intro.html` as");
    assert!(
        block.contains(
            "= hint: rename one of the files: a numeric prefix like `01-` is dropped from the URL"
        ),
        "{block}"
    );
}

#[test]
fn a_link_to_a_missing_page_suggests_the_closest_one() {
    let course = with_lesson("# L\n\nSee [the next one](02-secnd.md).\n");
    course.build_fails().has_error(
        "link to a missing file `02-secnd.md` (looked for content/01-a/02-secnd.md)",
        "content/01-a/01-lesson.md:3:5",
        "did you mean `02-second.md`? Links are relative to this file's folder",
    );
}

#[test]
fn a_link_to_a_misspelt_module_suggests_that_module() {
    // Regression: every module's page is `_index.md`, and the suggestion was whichever of
    // them a hash map yielded first.
    let course = with_lesson("# L\n\n[Next module](../02-advnced/_index.md)\n");
    course.build_fails().has_error(
        "link to a missing file `../02-advnced/_index.md`",
        "content/01-a/01-lesson.md:3:1",
        "did you mean `../02-advanced/_index.md`? Links are relative to this file's folder",
    );
}

#[test]
fn a_link_to_an_unrelated_missing_page_suggests_nothing() {
    let course = with_lesson("# L\n\n[x](missing.md)\n");
    course.build_fails().has_error(
        "link to a missing file `missing.md`",
        "content/01-a/01-lesson.md:3:1",
        "link to an existing .md file by its path relative to this file's folder",
    );
}

#[test]
fn a_link_to_a_draft_says_it_is_a_draft() {
    // Regression: it said "link to a missing file" about a file that was right there.
    let course = course()
        .file(
            "content/01-a/_index.md",
            "# A\n\nSoon: [the next lesson](02-wip.md).\n",
        )
        .file(
            "content/01-a/02-wip.md",
            "+++\ntitle = \"WIP\"\ndraft = true\n+++\n",
        )
        .build();
    course.build_fails().has_error(
        "link to `02-wip.md`, a draft this build leaves out",
        "content/01-a/_index.md:3:7",
        "build with --drafts to include it, or link to it once it is no longer a draft",
    );
    course.aula(&["build", "--drafts"]).success();
}

#[test]
fn a_link_to_an_html_page_says_to_link_the_md_file() {
    let course = with_lesson("# L\n\n[x](other.html)\n");
    course.build_fails().has_error(
        "link to a missing file `other.html`",
        "content/01-a/01-lesson.md:3:1",
        "link to the page's .md file: aula writes the .html and keeps the link right",
    );
}

#[test]
fn a_link_to_a_folder_says_to_link_the_md_file() {
    let course = with_lesson("# L\n\n[x](../02-advanced/)\n");
    course.build_fails().has_error(
        "link to a missing file `../02-advanced/`",
        "content/01-a/01-lesson.md:3:1",
        "link to the page's .md file (a module's page is its `_index.md`), not to a folder",
    );
}

#[test]
fn a_link_to_a_missing_image_is_reported() {
    let course = with_lesson("# L\n\nA ![chart](img/chart.png) here.\n");
    course.build_fails().has_error(
        "link to a missing file `img/chart.png`",
        "content/01-a/01-lesson.md:3:3",
        "put the file in content/ next to the page, or fix the path",
    );
}

#[test]
fn a_link_to_a_missing_anchor_suggests_the_closest_heading() {
    let course = with_lesson("# L\n\nSee [the step](02-second.md#stpe).\n");
    course.build_fails().has_error(
        "link to a missing anchor `#stpe` in content/01-a/02-second.md",
        "content/01-a/01-lesson.md:3:5",
        "did you mean `#step`?",
    );
}

#[test]
fn a_link_to_a_missing_anchor_on_the_same_page_is_reported() {
    let course = with_lesson("# L\n\n## Setup\n\nBack to [setup](#set-up).\n");
    course.build_fails().has_error(
        "link to a missing anchor `#set-up` in content/01-a/01-lesson.md",
        "content/01-a/01-lesson.md:5:9",
        "did you mean `#setup`?",
    );
}

#[test]
fn an_absolute_link_is_refused() {
    let course = with_lesson("# L\n\nSee [the site](/a/index.html).\n");
    course.build_fails().has_error(
        "absolute link `/a/index.html`",
        "content/01-a/01-lesson.md:3:5",
        "link by relative path to the .md file (e.g. `../02-module/01-lesson.md`), so the course works under any address and from disk",
    );
}

#[test]
fn external_links_are_left_alone() {
    let course = with_lesson(
        "# L\n\n[web](https://example.org/x) [mail](mailto:a@example.org) [proto](//cdn.example.org/x)\n",
    );
    course.build();
    let page = course.output("a/lesson.html");
    assert!(page.contains("href=\"https://example.org/x\""), "{page}");
    assert!(page.contains("href=\"mailto:a@example.org\""), "{page}");
}

#[test]
fn errors_in_several_files_are_reported_in_one_run() {
    let course = course()
        .file(
            "content/01-a/_index.md",
            "+++\ntitle = \"A\"\ndescripton = \"x\"\n+++\n",
        )
        .file("content/01-a/01-l.md", "No title here.\n")
        .file(
            "content/01-a/quiz.toml",
            "title = \"Q\"\nshufle = true\n[[questions]]\nprompt = \"?\"\nanswer = true\n",
        )
        .file(
            "content/02-b/_index.md",
            "+++\ntitle = \"B\"\nduration = \"long\"\n+++\n",
        )
        .file("content/02-b/01-x.md", "+++\ntitle = \"X\"\n")
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 5, "{}", run.stderr);
    assert_eq!(run.stderr.matches("\nerror: ").count() + 1, 5);
    run.has_error(
        "unknown key `descripton`",
        "content/01-a/_index.md:3:1",
        "did you mean `description`?",
    )
    .has_error(
        "this page has no title",
        "content/01-a/01-l.md:1:1",
        "add `title",
    )
    .has_error(
        "unknown key `shufle`",
        "content/01-a/quiz.toml:2:1",
        "did you mean `shuffle`?",
    )
    .has_error(
        "`duration` must be a whole number of minutes, like `duration = 15`",
        "content/02-b/_index.md:3:12",
        "found \"long\", which is text in quotes; write the number without quotes",
    )
    .has_error(
        "front matter is not closed",
        "content/02-b/01-x.md:1:1",
        "end the front matter",
    );
}

#[test]
fn broken_links_in_several_files_are_reported_in_one_run() {
    let course = course()
        .file("content/_index.md", "# Home\n\n[a](nope.md)\n")
        .file(
            "content/01-a/_index.md",
            "# A\n\n[b](../nada.md) [c](#none)\n",
        )
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 3, "{}", run.stderr);
    run.stderr_has(&[
        "--> content/_index.md:3:1",
        "--> content/01-a/_index.md:3:1",
        "--> content/01-a/_index.md:3:17",
    ]);
}

#[test]
fn check_reports_what_build_reports() {
    let course = with_lesson("+++\ntitle = \"L\"\nwieght = 1\n+++\n\n[x](missing.md)\n");
    let check = course.aula(&["check"]).failure();
    let build = course.build_fails();
    assert_eq!(check.stderr, build.stderr);
    assert!(!course.root().join("public").exists());
}

/// Each folder of tests/fixtures/invalid/ is a course with one known mistake, and its
/// `expected.txt` lists lines that `aula check` must print.
#[test]
fn every_invalid_fixture_fails_as_expected() {
    let dir = fixtures().join("invalid");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let root = entry.unwrap().path();
        let expected = std::fs::read_to_string(root.join("expected.txt"))
            .unwrap_or_else(|e| panic!("{}: {e}", root.display()));
        let cwd = tempfile::tempdir().unwrap();
        let run = aula_in(cwd.path(), &["check", "--root", root.to_str().unwrap()]).failure();
        for line in expected.lines().filter(|l| !l.trim().is_empty()) {
            assert!(
                run.stderr.contains(line),
                "{}: expected {line:?} in:\n{}",
                root.display(),
                run.stderr
            );
        }
        assert_eq!(
            std::fs::read_dir(cwd.path()).unwrap().count(),
            0,
            "check wrote files"
        );
        seen += 1;
    }
    assert!(seen >= 5, "only {seen} invalid fixtures");
}

#[test]
fn a_broken_fixture_course_fails_without_touching_its_output() {
    let course = fixture("basic")
        .file(
            "content/glossary.md",
            "+++\ntitle = \"Glossary\"\n+++\n\n[x](01-basics/nope.md)\n\n## Service\n",
        )
        .build();
    course
        .build_fails()
        .stderr_has(&["--> content/glossary.md:5:1", "aula: 1 error found"]);
    assert!(!course.root().join("public").exists());
}

#[test]
fn a_page_cannot_take_the_print_pages_url() {
    let course = course().file("content/print.md", "# Imprimir\n").build();
    course.build_fails().has_error(
        "the URL `print.html` is reserved for aula's own files",
        "content/print.md",
        "rename the file or folder: `print.html` is the whole-course page, `404.html` the page for a missing address, `results.html` and `certificate.html` the learner's record, and `assets/` holds the theme's files",
    );
}

#[test]
fn a_page_cannot_take_the_results_pages_url() {
    // content/results.md would have replaced the learner's "My results" page.
    let course = course().file("content/results.md", "# Results\n").build();
    course.build_fails().has_error(
        "the URL `results.html` is reserved for aula's own files",
        "content/results.md",
        "rename the file or folder: `print.html` is the whole-course page, `404.html` the page for a missing address, `results.html` and `certificate.html` the learner's record, and `assets/` holds the theme's files",
    );
}

#[test]
fn a_page_and_a_module_cannot_share_a_name() {
    // They would be written to different files (x.html, x/index.html), but share the key
    // learners' progress is kept under and the anchor of their print sections.
    let course = course()
        .file("content/01-x/_index.md", "# Module X\n")
        .file("content/x.md", "# Page X\n")
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 1, "{}", run.stderr);
    run.stderr_has(&[
        "this page has the same name `x` as",
        "content/01-x/_index.md",
        "content/x.md",
        "rename one of them: a page and a module cannot share a name",
    ]);
}

#[test]
fn a_page_named_index_would_replace_its_folders_page() {
    let course = course()
        .file("content/index.md", "# Index\n")
        .file("content/01-a/_index.md", "# A\n")
        .file("content/01-a/01-index.md", "# Index of A\n")
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 2, "{}", run.stderr);
    run.stderr_has(&[
        "content/index.md",
        "this page has the same URL `index.html` as content/_index.md",
        "this page has the same URL `a/index.html` as",
        "content/01-a/_index.md",
        "content/01-a/01-index.md",
    ]);
}

#[test]
fn template_mistakes_are_reported_at_their_line_and_column() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file(LESSON, "# Lesson\n")
        // A syntax error, and a field the page does not have in a template that compiles.
        .file("templates/lesson.html", "<main>\n  {% if %}\n</main>\n")
        .file(
            "templates/page.html",
            "<p>{{ page.title }}</p>\n<p>{{ page.subtitle }}</p>\n",
        )
        .file("content/glossary.md", "# Glossary\n")
        .build();
    let run = course.build_fails();
    run.has_error(
        "template error",
        "templates/lesson.html:2:9",
        "fix the template",
    );
    assert!(
        !course.root().join("public").exists(),
        "a template that does not compile writes nothing"
    );
    course.write(
        "templates/lesson.html",
        "<main>{{ page.content | safe }}</main>\n",
    );
    course.build_fails().has_error(
        "template error: Field `subtitle` is not defined",
        "templates/page.html:2:12",
        "fix the template",
    );
    // UI strings are written into the templates when they compile, which moves what
    // follows them: the error is still at the author's column.
    course.write(
        "templates/page.html",
        "<p>{{ t.skip_to_content }} {{ site.title }} {{ page.subtitle }}</p>\n",
    );
    course.build_fails().has_error(
        "template error: Field `subtitle` is not defined",
        "templates/page.html:1:53",
        "fix the template",
    );
}

#[test]
fn a_template_written_for_tera_1_macros_is_told_about_components() {
    let course = course()
        .file(
            "templates/home.html",
            "{% import \"macros.html\" as macros %}{{ macros::x() }}",
        )
        .build();
    course.build_fails().has_error(
        "template error: Unknown tag",
        "templates/home.html:1:4",
        "Tera 2 has no macros: write a `{% component name(arg) %}`",
    );
}

#[test]
fn a_print_page_without_its_section_template_is_named() {
    let mut course = course()
        .file("site.toml", "title = \"T\"\ntheme = \"plain\"\n")
        .file("themes/plain/i18n/es.toml", "");
    for name in ["home", "module", "lesson", "quiz", "page", "404", "print"] {
        course = course.file(
            &format!("themes/plain/templates/{name}.html"),
            "{{ page.title }}",
        );
    }
    let run = course.build().build_fails();
    run.has_error(
        "the theme has print.html but no print_section.html",
        "themes/plain/templates/print_section.html",
        "add print_section.html",
    );
    assert_eq!(run.error_count(), 1, "one error, not one per section");
}

#[test]
fn a_completion_rule_naming_a_quiz_the_course_lacks_is_an_error_with_a_suggestion() {
    let course = course()
        .file(
            "site.toml",
            "title = \"T\"\n\n[completion]\nquizzes = [\"01-m/quix.toml\"]\n",
        )
        .file("content/01-m/_index.md", "# M\n")
        .file(
            "content/01-m/quiz.toml",
            "title = \"Q\"\n[[questions]]\nprompt = \"P?\"\nanswer = true\n",
        )
        .build();
    course.build_fails().has_error(
        "`01-m/quix.toml` is not a quiz of the course",
        "site.toml:4:12",
        "did you mean `01-m/quiz.toml`?",
    );
}

#[test]
fn a_completion_rule_with_a_percent_above_100_is_an_error() {
    let course = course()
        .file("site.toml", "title = \"T\"\n[completion]\nlessons = 120\n")
        .build();
    course.build_fails().has_error(
        "lessons = 120 is outside 0–100",
        "site.toml:3:11",
        "write `lessons = \"all\"`, or the percent of the lessons a learner must have read, like `lessons = 80`",
    );
}
