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

// --- code, tables, course css ---
// Module 03-code-and-tables: Rust examples with hidden lines, as mdBook books write them,
// code in a quiz, tables of every width, and the course's own static/course.css.

use common::html::{between, tags, text_of, unescape};

/// The lesson with hidden lines, built from the authors' course.
fn hidden_lines_page() -> String {
    let course = fixture("authors").build();
    course.build();
    course.output("code-and-tables/hidden-lines.html")
}

/// The text of every `<pre>` of `html` as a reader sees it at first: hidden runs left out.
fn shown_code(html: &str) -> Vec<String> {
    html.split("<pre")
        .skip(1)
        .map(|pre| {
            let code = between(pre, "<code>", "</code></pre>");
            let mut shown = String::new();
            let mut rest = code;
            while let Some(at) = rest.find("<span class=\"hidden-lines\" hidden>") {
                shown.push_str(&rest[..at]);
                // A hidden run ends at the `</span>` that balances it.
                let run = &rest[at..];
                let mut depth = 0;
                let mut end = 0;
                for (i, _) in run.match_indices('<') {
                    if run[i..].starts_with("<span") {
                        depth += 1;
                    } else if run[i..].starts_with("</span>") {
                        depth -= 1;
                        if depth == 0 {
                            end = i + "</span>".len();
                            break;
                        }
                    }
                }
                rest = &run[end..];
            }
            shown.push_str(rest);
            unescape(&text_of(&format!("<x>{shown}</x>"), "x"))
        })
        .collect()
}

#[test]
fn hidden_rust_lines_are_in_the_page_but_not_shown() {
    let html = hidden_lines_page();
    let shown = shown_code(&html);
    assert_eq!(
        shown[0],
        "let mut scores = HashMap::new();\nscores.insert(\"Blue\", 10);\nprintln!(\"{scores:?}\");"
    );
    // `#!`, `#[derive]` stay; a hidden field inside a struct goes; `##` shows one `#`.
    assert!(
        shown[1].starts_with("#![allow(unused)]\n#[derive(Debug)]\nstruct Point {\n    x: i32,\n}"),
        "{}",
        shown[1]
    );
    assert!(!shown[1].contains("y: i32"), "{}", shown[1]);
    assert!(
        shown[1].contains("\n# A heading in Markdown"),
        "{}",
        shown[1]
    );
    assert!(!shown[1].contains("## A heading"), "{}", shown[1]);
    // The hidden lines are there, whole, for the button to show: what runs.
    let all = text_of(&format!("<x>{}</x>", between(&html, "<pre", "</pre>")), "x");
    assert!(
        all.contains("use std::collections::HashMap;\n\nfn main() {"),
        "{all}"
    );
    // Python's comments are not hidden lines.
    assert_eq!(shown[2], "# a comment in Python\nprint(\"hola\")");
    // Only the Rust blocks with hidden lines get the attribute the button script looks for.
    let pres: Vec<_> = tags(&html)
        .into_iter()
        .filter(|t| t.name == "pre")
        .collect();
    let marked: Vec<bool> = pres
        .iter()
        .map(|t| t.attr("data-hidden-lines").is_some())
        .collect();
    assert_eq!(marked, [true, true, false]);
    // No button in the HTML: without JavaScript there is none to press.
    assert!(!html.contains("code-toggle"), "{html}");
}

#[test]
fn a_hidden_line_inside_a_multi_line_comment_keeps_the_comment_colour() {
    let html = hidden_lines_page();
    assert!(
        html.contains("<span class=\"hidden-lines\" hidden><span class=\"hl-comment\">several lines, one of them hidden,\n</span></span><span class=\"hl-comment\">   keeps its colour. */"),
        "{html}"
    );
}

#[test]
fn hidden_rust_lines_are_left_out_of_print() {
    let course = fixture("authors").build();
    course.build();
    let print = course.output("print.html");
    let section = between(&print, "id=\"code-and-tables-hidden-lines\"", "</section>");
    assert!(
        section.contains("let mut scores = HashMap::new();"),
        "{section}"
    );
    for hidden in [
        "use std::collections::HashMap",
        "fn main() {\nlet",
        "y: i32",
        "several lines, one of them hidden",
    ] {
        assert!(!section.contains(hidden), "{hidden} in {section}");
    }
    assert!(
        !print.contains("data-hidden-lines") && !print.contains("class=\"hidden-lines\""),
        "{print}"
    );
    // The quiz's explanation, in the answer key, leaves them out too.
    assert!(
        print.contains("let total_of_every_item_in_the_vector"),
        "{print}"
    );
    assert!(
        !between(&print, "id=\"aula-answer-key\"", "</main>").contains("fn main()"),
        "{print}"
    );
}

#[test]
fn a_hidden_lines_button_label_comes_from_the_ui_strings_in_both_languages() {
    for (language, show, hide) in [
        ("en", "Show hidden lines", "Hide lines again"),
        (
            "es",
            "Mostrar las líneas ocultas",
            "Volver a ocultar las líneas",
        ),
    ] {
        let course = fixture("authors")
            .file(
                "site.toml",
                &format!("title = \"T\"\nlanguage = \"{language}\"\nbase_url = \"/\"\n"),
            )
            .build();
        course.build();
        let html = course.output("code-and-tables/hidden-lines.html");
        let body = tags(&html).into_iter().find(|t| t.name == "body").unwrap();
        assert_eq!(body.attr("data-t-show-lines"), Some(show));
        assert_eq!(body.attr("data-t-hide-lines"), Some(hide));
    }
}

#[test]
fn every_markdown_table_scrolls_in_a_named_focusable_box() {
    let course = fixture("authors").build();
    course.build();
    for page in ["code-and-tables/tables.html", "print.html"] {
        let html = course.output(page);
        let boxes: Vec<_> = tags(&html)
            .into_iter()
            .filter(|t| t.attr("class") == Some("table-scroll"))
            .collect();
        assert_eq!(boxes.len(), 2, "{page}");
        for b in boxes {
            assert_eq!(b.attr("role"), Some("group"), "{page}");
            assert_eq!(b.attr("tabindex"), Some("0"), "{page}");
            assert_eq!(b.attr("aria-label"), Some("Table"), "{page}");
        }
        // The box holds the whole table.
        assert!(html.contains("<div class=\"table-scroll\" role=\"group\" tabindex=\"0\" aria-label=\"Table\">\n<table>"), "{page}");
        assert!(html.contains("</table>\n</div>"), "{page}");
    }
    let es = fixture("authors")
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"es\"\nbase_url = \"/\"\n",
        )
        .build();
    es.build();
    assert!(es
        .output("code-and-tables/tables.html")
        .contains("aria-label=\"Tabla\""));
}

#[test]
fn table_cells_have_no_minimum_width_and_print_lets_tables_overflow() {
    let course = fixture("authors").build();
    course.build();
    let css = course.output("assets/aula.css");
    assert!(
        !css.contains("min-width:8.5rem"),
        "a cell's minimum width is back"
    );
    let print = between(&css, "@media print{", "\n}\n");
    assert!(print.contains(".table-scroll{overflow:visible"), "{print}");
}

#[test]
fn course_css_is_linked_after_the_themes_css_on_every_page() {
    let course = fixture("authors").build();
    course.build();
    assert!(course.output("course.css").contains(".course-note"));
    for (page, root) in [
        ("index.html", ""),
        ("code-and-tables/hidden-lines.html", "../"),
        ("code-and-tables/quiz.html", "../"),
        ("print.html", ""),
        ("404.html", "/"),
    ] {
        let html = course.output(page);
        let sheets: Vec<String> = tags(&html)
            .into_iter()
            .filter(|t| t.name == "link" && t.attr("rel") == Some("stylesheet"))
            .filter_map(|t| t.attr("href").map(str::to_string))
            .collect();
        assert_eq!(
            sheets.last().map(String::as_str),
            Some(&*format!("{root}course.css")),
            "{page}: {sheets:?}"
        );
        assert_eq!(
            sheets.iter().filter(|s| s.ends_with("course.css")).count(),
            1,
            "{page}"
        );
    }
}

#[test]
fn course_css_follows_a_subpath_in_404() {
    let course = fixture("authors")
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\nbase_url = \"https://example.org/curso/\"\n",
        )
        .build();
    course.build();
    assert!(course
        .output("404.html")
        .contains("<link rel=\"stylesheet\" href=\"/curso/course.css\">"));
}

#[test]
fn extra_css_lists_the_stylesheets_instead_of_course_css() {
    let course = fixture("authors")
        .file("site.toml", "title = \"T\"\nlanguage = \"en\"\nbase_url = \"/\"\n\n[theme]\nextra_css = [\"static/css/brand.css\", \"static/print-tweaks.css\"]\n")
        .file("static/css/brand.css", ".brand { color: teal; }\n")
        .file("static/print-tweaks.css", "@media print { .brand { color: black; } }\n")
        .build();
    course.build();
    let html = course.output("code-and-tables/tables.html");
    let sheets: Vec<String> = tags(&html)
        .into_iter()
        .filter(|t| t.name == "link" && t.attr("rel") == Some("stylesheet"))
        .filter_map(|t| t.attr("href").map(str::to_string))
        .collect();
    assert_eq!(
        sheets,
        [
            "../assets/aula.css",
            "../css/brand.css",
            "../print-tweaks.css"
        ]
    );
    assert!(course.output("css/brand.css").contains(".brand"));
}

#[test]
fn a_missing_extra_css_file_is_an_error_at_its_place_in_site_toml() {
    let course = fixture("authors")
        .file("site.toml", "title = \"T\"\nlanguage = \"en\"\nbase_url = \"/\"\n\n[theme]\nextra_css = [\"static/coarse.css\"]\n")
        .build();
    let run = course.build_fails();
    run.stderr_has(&[
        "site.toml:6:14",
        "`extra_css` lists `static/coarse.css`, which does not exist",
        "did you mean `static/course.css`?",
    ]);
    let check = course.aula(&["check"]).failure();
    check.stderr_has(&["site.toml:6:14"]);
}

#[test]
fn the_theme_setting_is_still_a_name() {
    let course = fixture("authors")
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\nbase_url = \"/\"\ntheme = \"aula\"\n",
        )
        .build();
    course.build();
    let course = fixture("authors")
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\nbase_url = \"/\"\ntheme = 3\n",
        )
        .build();
    course
        .build_fails()
        .stderr_has(&["site.toml:4:9", "`theme` must be"]);
}

#[test]
fn editing_course_css_under_serve_swaps_the_stylesheet_without_a_reload() {
    let s = common::served::Served::start(fixture("authors").build());
    let events = s.events();
    s.write("static/course.css", ".course-note { color: teal; }\n");
    common::served::expect_event(&events, "\"css\"", std::time::Duration::from_secs(5));
    assert!(s.get("/course.css").body.contains("teal"));
}

#[test]
fn a_course_css_added_under_serve_is_linked_from_every_page() {
    let s = common::served::Served::start(fixture("authors").without("static/course.css").build());
    let events = s.events();
    assert!(!s
        .get("/code-and-tables/tables.html")
        .body
        .contains("course.css"));
    s.write("static/course.css", ".course-note { color: teal; }\n");
    common::served::reload_until(&events, std::time::Duration::from_secs(5), || {
        s.get("/code-and-tables/tables.html")
            .body
            .contains("<link rel=\"stylesheet\" href=\"../course.css\">")
    });
}
