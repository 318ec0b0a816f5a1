//! The author's raw HTML: what can never work under the course's Content-Security-Policy, or
//! would send learners elsewhere, is an error at its line; everything else passes through.

mod common;

use common::course;

const MODULE: &str = "+++\ntitle = \"M\"\n+++\n";

fn lesson(body: &str) -> String {
    format!("+++\ntitle = \"L\"\n+++\n\n{body}")
}

/// A course of one module whose one lesson, `content/01-m/01-l.md`, has `body`.
fn lesson_course(body: &str) -> common::Course {
    course()
        .file("content/01-m/_index.md", MODULE)
        .file("content/01-m/01-l.md", &lesson(body))
        .build()
}

#[test]
fn a_script_in_a_lesson_is_an_error_at_its_line() {
    let course = lesson_course("Text.\n\n<script>alert(1)</script>\n");
    course.build_fails().has_error(
        "`<script>` never runs here",
        "content/01-m/01-l.md:7:1",
        "to show the tag as text, write it as code: `<script>` in backticks; a script of your own goes in static/ and is loaded by a template",
    );
}

#[test]
fn a_quiz_prompt_that_mentions_script_no_longer_empties_the_quiz() {
    // In a browser, the raw `<script>` opened a script element that ran to the page's next
    // `</script>`: the options and buttons vanished, and the build said nothing.
    let quiz = "title = \"Q\"\n\n[[questions]]\nprompt = \"What does <script> do?\"\n\n[[questions.options]]\ntext = \"Runs code\"\ncorrect = true\n\n[[questions.options]]\ntext = \"Nothing\"\n";
    let course = course()
        .file("content/01-m/_index.md", MODULE)
        .file("content/01-m/quiz.toml", quiz)
        .build();
    let run = course.build_fails();
    run.has_error(
        "`<script>` never runs here",
        "content/01-m/quiz.toml:4:21",
        "to show the tag as text, write it as code: `<script>` in backticks; a script of your own goes in static/ and is loaded by a template",
    );
    // Written as code, as the hint says, the quiz builds and the tag shows as text.
    course.write(
        "content/01-m/quiz.toml",
        &quiz.replace("<script>", "`<script>`"),
    );
    course.build();
    let page = course.output("m/quiz.html");
    assert!(
        page.contains("What does <code>&lt;script&gt;</code> do?"),
        "{page}"
    );
    assert_eq!(page.matches("type=\"radio\"").count(), 2, "{page}");
}

#[test]
fn every_element_and_handler_the_policy_stops_is_reported_in_one_run() {
    let body = "<style>p { color: red }</style>\n\n\
        Some <span onmouseover=\"steal()\">text</span>.\n\n\
        <div\n  class=\"box\"\n  onclick=\"go()\">multi-line tag</div>\n\n\
        <base href=\"https://example.org/\">\n\n\
        <form action=\"https://example.org/collect\"><input name=\"q\"></form>\n\n\
        <meta http-equiv=\"refresh\" content=\"0; url=https://example.org/\">\n";
    let course = lesson_course(body);
    let run = course.build_fails();
    let file = "content/01-m/01-l.md";
    run.has_error("`<style>` is ignored", &format!("{file}:5:1"), "put the CSS in a file in static/ and link it from a template, or use the theme's classes; to show the tag as text, write it in backticks")
        .has_error("the event handler `onmouseover` on `<span>`", &format!("{file}:7:12"), "remove it; behaviour belongs in a script of the theme (static/), which can add the listener")
        .has_error("the event handler `onclick` on `<div>`", &format!("{file}:11:3"), "remove it; behaviour belongs in a script of the theme (static/), which can add the listener")
        .has_error("`<base>` would change where every link", &format!("{file}:13:1"), "remove it: aula writes every link relative to the page")
        .has_error("`<form>` would send what learners type", &format!("{file}:15:1"), "ask questions with a quiz (quiz.toml), which is scored in the browser")
        .has_error("`<meta>` with `http-equiv`", &format!("{file}:17:1"), "remove it: the theme's templates set the page's headers");
    assert_eq!(run.error_count(), 6, "{}", run.stderr);
}

#[test]
fn ordinary_raw_html_and_code_that_shows_tags_build() {
    let body = "<details><summary>Más</summary>\n\nOculto.\n\n</details>\n\n\
        Press <kbd>Ctrl</kbd>+<kbd>C</kbd>. An <abbr title=\"only once\">O</abbr>.\n\n\
        `<script>` and `onclick` in code are text.\n\n\
        ```html\n<script>alert(1)</script>\n<div onclick=\"x()\"></div>\n```\n\n\
        <!-- <script>a comment</script> -->\n";
    let course = lesson_course(body);
    course.build();
    let page = course.output("m/l.html");
    assert!(page.contains("<kbd>Ctrl</kbd>"), "{page}");
    assert!(page.contains("<code>&lt;script&gt;</code>"), "{page}");
}

#[test]
fn a_heading_id_with_quotes_cannot_break_out_of_its_self_link() {
    // `{#…}` is the author's id: pulldown-cmark escaped it in the `id`, but the self-link's
    // `href` took it as written, so a quote ended the attribute and started another.
    let body = "## Intro {#x\"onmouseover=\"alert(1)}\n\nText.\n";
    let course = lesson_course(body);
    course.build();
    let page = course.output("m/l.html");
    assert!(
        page.contains("href=\"#x&quot;onmouseover=&quot;alert(1)\""),
        "{page}"
    );
    assert!(!page.contains("\"onmouseover=\"alert"), "{page}");
    let print = course.output("print.html");
    assert!(!print.contains("\"onmouseover=\"alert"), "{print}");
}
