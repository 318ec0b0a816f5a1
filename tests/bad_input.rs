//! Bad input costs a clear error, not gigabytes: thousands of mistakes print a bounded
//! report, a huge or non-UTF-8 file is refused with its name and position, messages say what
//! to write, warnings do not fail a build, and a mistake in one file never hides another's.

mod common;

use common::{aula_in, course, Course};

const LESSON: &str = "content/01-a/01-lesson.md";
const QUIZ: &str = "content/01-a/quiz.toml";

/// A course with one module, whose lesson `LESSON` holds `lesson`.
fn with_lesson(lesson: &str) -> Course {
    course()
        .file("content/01-a/_index.md", "# A\n")
        .file(LESSON, lesson)
        .build()
}

/// A course with one module and its quiz `QUIZ`.
fn with_quiz(quiz: &str) -> Course {
    course()
        .file("content/01-a/_index.md", "# A\n")
        .file(QUIZ, quiz)
        .build()
}

// Issue 1: error output grew with the square of the number of errors.

#[test]
fn eight_thousand_broken_anchors_on_one_line_print_a_bounded_report() {
    // 8,000 links to missing anchors on one 120 KB line printed 1.4 GB, each error with the
    // whole line, and took 3 GB of memory.
    let line: String = (0..8000).map(|i| format!("[x{i}](#nope{i:05}) ")).collect();
    assert!(line.len() > 120_000);
    let course = course()
        .file("content/_index.md", &format!("# Home\n\n{line}\n"))
        .build();
    let run = course.aula(&["check"]).failure();
    assert_eq!(run.error_count(), 8000);
    assert!(
        run.stderr.len() < 60_000,
        "{} bytes of errors",
        run.stderr.len()
    );
    assert_eq!(run.errors("link to a missing anchor").len(), 50);
    run.stderr_has(&[
        "\n… and 7,950 more errors like this in content/_index.md\n",
        "error: link to a missing anchor `#nope00049`",
    ]);
    assert!(!run.stderr.contains("`#nope00050`"));
    // Each snippet is cut around its link, with the caret under it.
    let block = run.error("`#nope00030`");
    let lines: Vec<&str> = block.lines().collect();
    let (snippet, caret) = (lines[3], lines[4]);
    assert!(snippet.chars().count() < 140, "{snippet}");
    assert!(snippet.contains('…'), "{snippet}");
    let at = caret.find('^').unwrap();
    let width = caret.matches('^').count();
    let under: String = snippet.chars().skip(at).take(width).collect();
    assert_eq!(under, "[x30](#nope00030)");
}

#[test]
fn errors_of_one_kind_are_capped_per_file_and_other_kinds_still_show() {
    let line: String = (0..120).map(|i| format!("[x](#a{i}) ")).collect();
    let course = course()
        .file(
            "content/_index.md",
            &format!("# Home\n\n{line}\n\n[y](nope.md)\n"),
        )
        .file("content/01-a/_index.md", "# A\n\n[z](#b1) [z](#b2)\n")
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 123);
    run.stderr_has(&[
        "… and 70 more errors like this in content/_index.md",
        "link to a missing file `nope.md`",
        "--> content/01-a/_index.md:3:1",
        "--> content/01-a/_index.md:3:10",
    ]);
}

#[test]
fn the_first_fifty_links_to_a_missing_page_keep_their_did_you_mean_and_the_rest_are_counted() {
    // Each hint compared the link with every page of the course: 8,000 such links in a
    // 1,000-page course took 11 s. The shown ones keep their hint; the rest are counted.
    let links: String = (0..2000)
        .map(|i| format!("[l{i}](01-leson.md)\n\n"))
        .collect();
    let course = with_lesson(&format!("+++\ntitle = \"L\"\n+++\n\n{links}"));
    let run = course.build_fails();
    assert_eq!(run.error_count(), 2000);
    let hinted = run.stderr.matches("did you mean `01-lesson.md`?").count();
    assert_eq!(hinted, 50, "{}", run.stderr);
    run.stderr_has(&["… and 1,950 more errors like this in content/01-a/01-lesson.md"]);
}

// Issue 2: a source file over the size limit is refused unread.

#[test]
fn a_page_over_the_default_size_limit_is_refused_with_its_name_and_the_limit() {
    // A 10 MB table row took 3.4 GB to render; a file over the limit is never parsed.
    let row = format!("# Big\n\n|{}|\n", " a |".repeat(1_400_000));
    assert!(row.len() > 5 * 1024 * 1024);
    let course = with_lesson(&row);
    let run = course.build_fails();
    assert_eq!(run.error_count(), 1, "{}", run.stderr);
    run.has_error(
        "this file is 5.3 MiB, over the limit of 5 MiB for a source file",
        LESSON,
        "split it into smaller files, or raise the limit in site.toml: `[limits]` then `max_file_size = \"6 MiB\"`",
    );
}

#[test]
fn the_size_limit_is_set_in_site_toml_and_holds_for_quizzes_and_templates() {
    let site = "title = \"T\"\nlanguage = \"en\"\n[limits]\nmax_file_size = \"1 KiB\"\n";
    let big = format!("# Big\n\n{}\n", "word ".repeat(400));
    let course = course()
        .file("site.toml", site)
        .file("content/01-a/_index.md", "# A\n")
        .file(LESSON, &big)
        .file(
            QUIZ,
            &format!(
                "title = \"Q\"\n# {}\n[[questions]]\nprompt = \"?\"\nanswer = true\n",
                "x".repeat(2000)
            ),
        )
        .file("templates/page.html", &"{{ page.title }}".repeat(100))
        .file("content/01-a/photo.png", &"x".repeat(5000))
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 3, "{}", run.stderr);
    run.stderr_has(&[
        "--> content/01-a/01-lesson.md\n",
        "--> content/01-a/quiz.toml\n",
        "--> templates/page.html\n",
        "over the limit of 1 KiB",
    ]);
    assert!(
        !run.stderr.contains("photo.png"),
        "files copied as they are have no limit"
    );
    // A plain number of bytes works too.
    course.write("site.toml", &site.replace("\"1 KiB\"", "100000"));
    course.build();
}

#[test]
fn a_huge_site_toml_is_refused_unread() {
    let site = format!("title = \"T\"\n#{}\n", " ".repeat(6 * 1024 * 1024));
    let course = course().file("site.toml", &site).build();
    course.build_fails().has_error(
        "this file is 6.0 MiB, over the limit of 5 MiB",
        "site.toml",
        "split it into smaller files",
    );
}

// Issue 3: invalid UTF-8 is located.

#[test]
fn a_page_that_is_not_utf8_names_the_line_and_column_of_the_first_bad_byte() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .bytes(LESSON, b"+++\ntitle = \"L\"\n+++\n\nSe\xf1or, caf\xe9.\n")
        .build();
    let run = course.build_fails();
    run.has_error(
        "this file is not UTF-8 text: byte 0xF1 does not belong here",
        "content/01-a/01-lesson.md:5:3",
        "save the file as UTF-8 in your editor",
    );
    run.stderr_has(&[" 5 | Se\u{fffd}or, caf\u{fffd}.\n   |   ^\n"]);
}

#[test]
fn a_template_that_is_not_utf8_is_located_too() {
    let course = course()
        .bytes("templates/page.html", b"<p>\n\xff{{ page.title }}</p>\n")
        .build();
    course.build_fails().has_error(
        "this file is not UTF-8 text: byte 0xFF",
        "templates/page.html:2:1",
        "save the file as UTF-8",
    );
}

// Issue 4: an unknown include is reported at its template.

#[test]
fn an_unknown_include_is_reported_once_at_its_template_line_and_column() {
    let course = course()
        .file(
            "templates/page.html",
            "<p>\n  {% include \"x.html\" %}\n</p>\n",
        )
        .file(
            "templates/lesson.html",
            "{% extends \"base.html\" %}\n{% block nope %}x{% endblock nope %}\n",
        )
        .file("templates/home.html", "{{<missing />}}")
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 3, "{}", run.stderr);
    assert_eq!(run.errors("Unknown template `x.html`").len(), 1);
    run.has_error(
        "template error: Unknown template `x.html`",
        "templates/page.html:2:14",
        "there is no template `x.html` in the theme or in the course's templates/",
    )
    .has_error(
        "template error: Block `nope` is not defined in any parent template",
        "templates/lesson.html:2:10",
        "the templates this one extends have no block `nope`",
    )
    .has_error(
        "template error: Unknown component `missing`",
        "templates/home.html:1:3",
        "no template defines a component `missing`",
    );
    assert!(!run.stderr.contains("--> templates\n"), "{}", run.stderr);
}

#[test]
fn a_template_extending_a_missing_one_is_reported_at_its_extends() {
    let course = course()
        .file("templates/page.html", "{% extends \"base2.html\" %}\n")
        .build();
    course.build_fails().has_error(
        "`page.html` extends `base2.html`, which does not exist",
        "templates/page.html:1:12",
        "there is no template `base2.html`",
    );
}

// Issue 5: messages say what to write.

#[test]
fn a_duration_in_quotes_says_to_write_a_whole_number_of_minutes() {
    let course = with_lesson("+++\ntitle = \"L\"\nduration = \"15\"\n+++\n");
    course.build_fails().has_error(
        "`duration` must be a whole number of minutes, like `duration = 15`",
        "content/01-a/01-lesson.md:3:12",
        "found \"15\", which is text in quotes; write the number without quotes",
    );
}

#[test]
fn objectives_written_as_text_say_to_write_a_list() {
    let course = course()
        .file(
            "content/01-a/_index.md",
            "+++\ntitle = \"A\"\nobjectives = \"Know it\"\n+++\n",
        )
        .build();
    course.build_fails().has_error(
        "`objectives` must be a list, like `objectives = [\"Name the parts\", \"Give an example\"]`",
        "content/01-a/_index.md:3:14",
        "found \"Know it\", which is text in quotes",
    );
}

#[test]
fn wrong_types_in_site_toml_and_quizzes_say_what_to_write() {
    let course = course()
        .file("site.toml", "title = \"T\"\n[quiz]\npass = \"high\"\n")
        .build();
    course.build_fails().has_error(
        "`pass` must be a whole number of percent, like `pass = 70`",
        "site.toml:3:8",
        "found \"high\"",
    );
    let course =
        with_quiz("title = \"Q\"\nmode = \"fast\"\n[[questions]]\nprompt = \"?\"\nanswer = true\n");
    course.build_fails().has_error(
        "`mode` must be `\"instant\"`, `\"submit\"` or `\"both\"`, like `mode = \"both\"`",
        "content/01-a/quiz.toml:2:8",
        "found `\"fast\"`",
    );
    let course = with_quiz(
        "title = \"Q\"\n[[questions]]\nprompt = \"?\"\npoints = 1.5\n[[questions.options]]\ntext = \"a\"\ncorrect = true\n",
    );
    course.build_fails().has_error(
        "`points` must be a whole number, like `points = 2`",
        "content/01-a/quiz.toml:4:10",
        "found the number 1.5",
    );
}

#[test]
fn a_size_limit_that_is_not_a_size_says_how_to_write_one() {
    let course = course()
        .file(
            "site.toml",
            "title = \"T\"\n[limits]\nmax_file_size = \"lots\"\n",
        )
        .build();
    course.build_fails().has_error(
        "`max_file_size` must be a size in quotes, like `max_file_size = \"5 MiB\"`, or a number of bytes",
        "site.toml:3:17",
        "found \"lots\", which is text in quotes",
    );
}

#[test]
fn yaml_front_matter_is_recognised_at_the_first_line() {
    let course = with_lesson("---\ntitle: Hola\nweight: 2\n---\n\nTexto\n");
    let run = course.build_fails();
    assert_eq!(run.error_count(), 1, "{}", run.stderr);
    run.has_error(
        "this looks like YAML front matter; aula reads TOML between `+++` lines",
        "content/01-a/01-lesson.md:1:1",
        "write `+++` instead of each `---` line, and `title = \"Hola\"` for `title: Hola`",
    );
}

#[test]
fn a_singular_question_table_suggests_the_plural_header() {
    let course = with_quiz(
        "title = \"Q\"\n[[question]]\nprompt = \"?\"\nanswer = true\n[[questions]]\nprompt = \"b\"\n[[questions.option]]\ntext = \"a\"\n",
    );
    course
        .build_fails()
        .has_error(
            "unknown key `question`",
            "content/01-a/quiz.toml:2:3",
            "did you mean `[[questions]]`?",
        )
        .has_error(
            "unknown key `option`",
            "content/01-a/quiz.toml:7:13",
            "did you mean `[[questions.options]]`?",
        );
}

#[test]
fn questions_in_single_brackets_say_to_use_double_brackets() {
    // Written twice, this used to be "invalid TOML: duplicate key".
    let twice = with_quiz(
        "title = \"Q\"\n[questions]\nprompt = \"a\"\nanswer = true\n[questions]\nprompt = \"b\"\nanswer = true\n",
    );
    twice.build_fails().has_error(
        "the table `[questions]` is written twice",
        "content/01-a/quiz.toml:5:2",
        "a list of tables takes double brackets: start each one with `[[questions]]`",
    );
    let once = with_quiz("title = \"Q\"\n[questions]\nprompt = \"a\"\nanswer = true\n");
    once.build_fails().has_error(
        "`questions` must be a list of tables, each question starting with a `[[questions]]` line",
        "content/01-a/quiz.toml:2:1",
        "write `[[questions]]`, with double brackets",
    );
    let orphan = with_quiz(
        "title = \"Q\"\n[[question]]\nprompt = \"a\"\n[[questions.options]]\ntext = \"x\"\ncorrect = true\n",
    );
    orphan.build_fails().has_error(
        "`questions` must be a list of tables",
        "content/01-a/quiz.toml:4:3",
        "`[[questions.options]]` adds to the `[[questions]]` table above it, and there is none: start the question with `[[questions]]`",
    );
}

#[test]
fn an_unknown_language_lists_the_ones_the_theme_has() {
    let course = course()
        .file("site.toml", "title = \"T\"\nlanguage = \"fr\"\n")
        .build();
    course.build_fails().has_error(
        "the theme has no UI strings for language `fr`",
        "site.toml:2:12",
        "the theme has `en`, `es`, `pt`: set `language` to one of them, or give the course a theme of its own",
    );
    let own = common::course()
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"pt\"\ntheme = \"mine\"\n",
        )
        .file("themes/mine/i18n/de.toml", "")
        .file("themes/mine/i18n/it.toml", "")
        .file("themes/mine/templates/page.html", "")
        .build();
    own.build_fails().has_error(
        "the theme has no UI strings for language `pt`",
        "site.toml:2:12",
        "the theme has `de`, `it`",
    );
}

#[test]
fn the_same_misspelt_key_in_every_question_is_reported_in_each() {
    // Only the first 64 were reported, one retry of the whole file each.
    let quiz = "title = \"Q\"\n".to_string()
        + &"[[questions]]\npromt = \"?\"\nanswer = true\n".repeat(100);
    let run = with_quiz(&quiz).build_fails();
    assert_eq!(run.error_count(), 100, "{}", run.stderr);
    assert_eq!(run.errors("unknown key `promt`").len(), 50);
    run.stderr_has(&[
        "… and 50 more errors like this in content/01-a/quiz.toml",
        "--> content/01-a/quiz.toml:150:1",
    ]);
}

// Issue 6: warnings.

#[test]
fn a_build_without_base_url_warns_once_about_404_and_succeeds() {
    let course = course().file("content/01-a/_index.md", "# A\n").build();
    let run = course.build();
    assert_eq!(run.stderr.matches("warning: ").count(), 1, "{}", run.stderr);
    run.stderr_has(&[
        "warning: base_url is not set, so 404.html links from the host root (`/`)\n  --> site.toml\n",
        "a course served under a subpath needs `base_url = \"https://example.org/curso/\"`",
        "aula: 1 warning found\n",
    ]);
    assert!(run.stdout.starts_with("Built "), "{}", run.stdout);
    let check = course.aula(&["check"]).success();
    assert_eq!(check.stderr, run.stderr, "check prints the same warning");
}

// Issue 19: the course id, under which browsers keep learners' progress.

#[test]
fn a_build_without_an_id_warns_that_renaming_the_course_would_lose_progress() {
    let course = course()
        .file("site.toml", "title = \"Mi curso\"\nbase_url = \"/\"\n")
        .file("content/01-a/_index.md", "# A\n")
        .build();
    let run = course.build();
    assert_eq!(run.stderr.matches("warning: ").count(), 1, "{}", run.stderr);
    run.stderr_has(&[
        "warning: id is not set, so learners' progress is kept under the title's slug `mi-curso`, and renaming the course loses it\n  --> site.toml\n",
        "add `id = \"mi-curso\"` to site.toml to keep the progress learners have now",
    ]);
}

#[test]
fn a_course_id_with_a_colon_is_refused_as_it_would_start_another_courses_keys() {
    let course = course()
        .file(
            "site.toml",
            "title = \"T\"\nid = \"a:quiz\"\nbase_url = \"/\"\n",
        )
        .build();
    course.build_fails().has_error(
        "id `a:quiz` is not a valid course id",
        "site.toml:2:6",
        "use only letters, digits, `-`, `_` and `.`, like `id = \"cultura-de-servicio-2026\"`: it names where browsers keep learners' progress",
    );
}

#[test]
fn a_base_url_path_says_where_404_links_from_without_a_warning() {
    let course = course()
        .file(
            "site.toml",
            "title = \"T\"\nid = \"t\"\nlanguage = \"en\"\nbase_url = \"/curso/\"\n",
        )
        .build();
    let run = course.build();
    assert_eq!(run.stderr, "");
    assert!(course
        .output("404.html")
        .contains("href=\"/curso/index.html\""));
    assert!(
        !course.has_output("sitemap.xml"),
        "a path is no address for a sitemap"
    );
}

#[test]
fn the_sample_course_builds_without_warnings() {
    let root = env!("CARGO_MANIFEST_DIR");
    let cwd = tempfile::tempdir().unwrap();
    let run = aula_in(cwd.path(), &["check", "--root", root]).success();
    assert_eq!(run.stderr, "");
}

// Issue 7: every error in one run.

#[test]
fn a_front_matter_mistake_does_not_hide_a_broken_link_in_another_page() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file(
            LESSON,
            "+++\ntitle = \"L\"\nwieght = 1\n+++\n\n[x](nope.md)\n\n## L\n",
        )
        .file(
            "content/01-a/02-second.md",
            "+++\nduration = \"long\"\n+++\n",
        )
        .file(
            "content/01-a/03-third.md",
            "# Third\n\n[y](nada.md) [fine](02-second.md) [ok](01-lesson.md#l)\n",
        )
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 4, "{}", run.stderr);
    run.stderr_has(&[
        "unknown key `wieght`",
        "--> content/01-a/01-lesson.md:6:1",
        "--> content/01-a/02-second.md:2:12",
        "--> content/01-a/03-third.md:3:1",
    ]);
    assert!(
        !run.stderr.contains("02-second.md` (looked"),
        "a page that failed is not also missing:\n{}",
        run.stderr
    );
}

#[test]
fn a_typo_in_site_toml_does_not_hide_the_pages_errors() {
    let course = course()
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\ndescripton = \"x\"\n",
        )
        .file("content/01-a/_index.md", "# A\n\n[x](nope.md)\n")
        .file(QUIZ, "title = \"Q\"\n")
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 3, "{}", run.stderr);
    run.stderr_has(&[
        "unknown key `descripton`",
        "link to a missing file `nope.md`",
        "this quiz has no questions",
    ]);
}

#[test]
fn a_quiz_with_a_misspelt_key_does_not_hide_a_broken_link_elsewhere() {
    let course = course()
        .file(
            "content/01-a/_index.md",
            "# A\n\n[quiz](quiz.toml) [missing](nope.md)\n",
        )
        .file(
            QUIZ,
            "title = \"Q\"\n[[questions]]\npromt = \"?\"\nanswer = true\n",
        )
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 2, "{}", run.stderr);
    run.stderr_has(&["unknown key `promt`", "link to a missing file `nope.md`"]);
    // The quiz's checks run once its keys are right: `promt` is not "no prompt" too, and the
    // link to the quiz finds it.
    assert!(!run.stderr.contains("no prompt"), "{}", run.stderr);
    assert!(!run.stderr.contains("`quiz.toml`"), "{}", run.stderr);
}

#[test]
fn a_broken_link_does_not_hide_a_template_error_from_check() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n\n[x](nope.md)\n")
        .file("content/glossary.md", "# Glossary\n")
        .file("templates/page.html", "<p>{{ page.subtitle }}</p>\n")
        .build();
    let run = course.aula(&["check"]).failure();
    assert_eq!(run.error_count(), 2, "{}", run.stderr);
    run.stderr_has(&[
        "link to a missing file `nope.md`",
        "template error: Field `subtitle` is not defined",
    ]);
}

#[test]
fn every_unreadable_template_is_reported() {
    let course = course()
        .bytes("templates/page.html", b"\xff")
        .bytes("templates/lesson.html", b"\xfe")
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 2, "{}", run.stderr);
    run.stderr_has(&[
        "--> templates/lesson.html:1:1",
        "--> templates/page.html:1:1",
    ]);
}
