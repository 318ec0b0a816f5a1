//! Bad input costs a clear error, not gigabytes: thousands of mistakes print a bounded
//! report, a huge or non-UTF-8 file is refused with its name and position, messages say what
//! to write, warnings do not fail a build, and a mistake in one file never hides another's.

mod common;

use common::course;

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
