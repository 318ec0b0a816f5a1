//! Bad input costs a clear error, not gigabytes: thousands of mistakes print a bounded
//! report, a huge or non-UTF-8 file is refused with its name and position, messages say what
//! to write, warnings do not fail a build, and a mistake in one file never hides another's.

mod common;

use common::course;

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
