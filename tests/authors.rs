//! The authors' course (tests/fixtures/authors/): Markdown as mdBook, GitHub and Pandoc
//! authors write it, which must render right or get a located error. Each section of this
//! file tests one module of the course.

mod common;

use common::fixture;

#[test]
fn the_authors_course_builds_without_errors() {
    let course = fixture("authors").build();
    course.build();
    assert!(course.has_output("index.html"));
}

// --- boxes, figures and footnotes (01-boxes) ---

/// A lesson's body as built, between the prose box's tags.
fn body(course: &common::Course, page: &str) -> String {
    let html = course.output(page);
    common::html::between(&html, "<div class=\"prose\">", "</div>\n</article>").to_string()
}

#[test]
fn github_and_obsidian_alerts_render_as_boxes() {
    let course = fixture("authors").build();
    course.build();
    insta::assert_snapshot!("boxes_github", body(&course, "boxes/github.html"));
}

#[test]
fn pandoc_and_carpentries_fenced_divs_render_as_boxes() {
    let course = fixture("authors").build();
    course.build();
    let html = body(&course, "boxes/pandoc.html");
    // Before, each `:::` line printed as text.
    assert!(!html.contains(":::::"), "{html}");
    insta::assert_snapshot!("boxes_pandoc", html);
}

#[test]
fn a_folded_solution_is_printed_open_and_footnotes_stay_apart_on_the_print_page() {
    let course = fixture("authors").build();
    course.build();
    let print = course.output("print.html");
    assert!(
        print.contains("<details class=\"admonition admonition-solution\" open>"),
        "{print}"
    );
    assert!(print.contains("id=\"boxes-figures-source\""), "{print}");
    insta::assert_snapshot!("boxes_figures", body(&course, "boxes/figures.html"));
}

#[test]
fn box_titles_come_from_the_courses_language() {
    let course = fixture("authors")
        .file(
            "site.toml",
            "title = \"Curso\"\nlanguage = \"es\"\nbase_url = \"/\"\n",
        )
        .build();
    course.build();
    let html = body(&course, "boxes/pandoc.html");
    for title in ["Nota", "Advertencia", "Ejercicio", "Solución"] {
        assert!(
            html.contains(&format!("class=\"admonition-title\">{title}<")),
            "{title}: {html}"
        );
    }
}

#[test]
fn an_unclosed_box_is_an_error_at_its_opening_line() {
    let course = fixture("authors")
        .file(
            "content/01-boxes/04-broken.md",
            "+++\ntitle = \"Broken\"\n+++\n\n::: tip\nNever closed.\n",
        )
        .build();
    course.build_fails().has_error(
        "the `tip` box is never closed",
        "content/01-boxes/04-broken.md:5:1",
        "end it with a line of `:::`",
    );
}

// --- maths (05-maths) ---

#[test]
fn formulas_are_mathml_and_their_styles_are_classes_of_math_css() {
    let course = fixture("authors").build();
    course.build();
    let html = body(&course, "maths/formulas.html");
    insta::assert_snapshot!("maths_formulas", html);
    assert!(!html.contains("style="), "{html}");
    assert!(html.contains("a price stays a price: $25."), "{html}");
    let css = course.output("assets/math.css");
    let class = common::html::between(&html, "<mspace class=\"", "\"");
    assert!(
        css.contains(&format!(".{class}{{margin-left:-0.16666667em;}}")),
        "{css}"
    );
    let page = course.output("maths/formulas.html");
    assert!(page.contains("href=\"../assets/math.css\""), "{page}");
    // A page without a formula does not load it.
    assert!(!course.output("boxes/github.html").contains("math.css"));
}

#[test]
fn a_latex_mistake_is_an_error_at_the_command() {
    let course = fixture("authors")
        .file(
            "content/05-maths/02-broken.md",
            "+++\ntitle = \"Broken\"\n+++\n\nIt is $\\fraq{a}{b}$.\n",
        )
        .build();
    course.build_fails().has_error(
        "this formula cannot be read",
        "content/05-maths/02-broken.md:5:8",
        "aula writes maths as MathML with math-core, which reads LaTeX's maths commands; a `$` that is not maths is written `\\$`",
    );
}

#[test]
fn dollars_are_text_when_maths_is_off() {
    let course = fixture("authors")
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\nbase_url = \"/\"\n",
        )
        .build();
    course.build();
    let html = body(&course, "maths/formulas.html");
    assert!(html.contains("$\\text{NPS} = %P - %D$"), "{html}");
    assert!(!course.has_output("assets/math.css"));
}
