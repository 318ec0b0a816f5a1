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

// --- structure ---
// Top-level pages ordered by weight, module folders without `_index.md`, modules with only
// an introduction, files other than pages copied, quiz/lesson URL clashes, one time per
// lesson (content/intro.md, 50-customer_care/, 51-only-an-introduction/).

use common::course;

/// The text of the first element of `html` that starts with `open`, up to `close`.
fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("no {open} in:\n{html}"));
    let rest = &html[start..];
    &rest[..rest.find(close).map_or(rest.len(), |end| end + close.len())]
}

/// Where `needle` is in `hay`, which must hold it.
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in:\n{hay}"))
}

#[test]
fn top_level_page_with_negative_weight_comes_before_module_one() {
    let course = fixture("authors").build();
    course.build().success();
    let lesson = course.output("customer-care/greeting.html");
    let sidebar = between(&lesson, "<nav class=\"sidebar\"", "</nav>");
    assert!(
        at(sidebar, ">Introduction</a>") < at(sidebar, "Customer care</a>"),
        "{sidebar}"
    );
    // Reading order: home → introduction → module 1.
    let intro = course.output("intro.html");
    let pager = between(&intro, "<nav class=\"pager\"", "</nav>");
    assert!(pager.contains("href=\"index.html\""), "{pager}");
    // Module 1 of the fixture is 01-boxes.
    assert!(pager.contains("href=\"boxes/index.html\""), "{pager}");
    let home = course.output("index.html");
    assert!(
        home.contains("<a class=\"button\" href=\"intro.html\" data-continue>"),
        "the home page's start button goes to the introduction"
    );
    assert!(home.contains("<ul class=\"top-pages\"><li><a href=\"intro.html\">Introduction</a>"));
    let print = course.output("print.html");
    let toc = between(&print, "<nav class=\"print-toc\"", "</nav>");
    assert!(
        at(toc, ">Introduction</a>") < at(toc, ">Customer care</a>"),
        "{toc}"
    );
    let sections = &print[at(&print, "</nav>")..];
    assert!(at(sections, "id=\"intro\"") < at(sections, "id=\"customer-care\""));
}

#[test]
fn top_level_pages_without_weight_still_come_after_the_modules() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file("content/glossary.md", "# Glossary\n")
        .file("content/02-b/_index.md", "# B\n")
        .build();
    course.build().success();
    let sidebar = course.output("a/index.html");
    let sidebar = between(&sidebar, "<nav class=\"sidebar\"", "</nav>");
    assert!(at(sidebar, "<span class=\"num\">2</span>B</a>") < at(sidebar, ">Glossary</a>"));
    assert!(between(sidebar, "<ul class=\"nav-pages\">", "</ul>").contains(">Glossary</a>"));
    let b = course.output("b/index.html");
    assert!(between(&b, "<nav class=\"pager\"", "</nav>").contains("href=\"../glossary.html\""));
}

#[test]
fn a_weighted_page_between_two_modules_sits_between_them_everywhere() {
    let course = course()
        .file(
            "content/01-a/_index.md",
            "+++\ntitle = \"A\"\nweight = 1\n+++\n",
        )
        .file(
            "content/break.md",
            "+++\ntitle = \"Break\"\nweight = 2\n+++\n",
        )
        .file(
            "content/02-b/_index.md",
            "+++\ntitle = \"B\"\nweight = 3\n+++\n",
        )
        .build();
    course.build().success();
    let page = course.output("break.html");
    let sidebar = between(&page, "<nav class=\"sidebar\"", "</nav>");
    let (a, brk, b) = (
        at(sidebar, "A</a>"),
        at(sidebar, ">Break</a>"),
        at(sidebar, "B</a>"),
    );
    assert!(a < brk && brk < b, "{sidebar}");
    let pager = between(&page, "<nav class=\"pager\"", "</nav>");
    assert!(pager.contains("href=\"a/index.html\"") && pager.contains("href=\"b/index.html\""));
    let print = course.output("print.html");
    let toc = between(&print, "<nav class=\"print-toc\"", "</nav>");
    let (a, brk, b) = (at(toc, ">A</a>"), at(toc, ">Break</a>"), at(toc, ">B</a>"));
    assert!(a < brk && brk < b, "{toc}");
}

#[test]
fn a_module_folder_without_index_is_titled_from_its_name() {
    let course = fixture("authors").build();
    course.build().success();
    let module = course.output("customer-care/index.html");
    assert!(
        module.contains("<h1 id=\"customer-care\">Customer care</h1>"),
        "{module}"
    );
    assert!(module.contains("<title>Customer care · Authors&#39; course</title>"));
    let items = between(&module, "<ol class=\"module-items\">", "</ol>");
    assert!(
        items.contains("href=\"../customer-care/greeting.html\""),
        "{items}"
    );
    assert!(
        items.contains("href=\"../customer-care/closing.html\""),
        "{items}"
    );
    let lesson = course.output("customer-care/greeting.html");
    let crumbs = between(&lesson, "<nav class=\"breadcrumbs\"", "</nav>");
    assert!(crumbs.contains("<a href=\"../customer-care/index.html\">Customer care</a>"));
}

#[test]
fn the_former_invalid_fixture_of_a_module_without_index_builds() {
    // tests/fixtures/module-without-index was an invalid fixture: "this module has no
    // introduction page".
    let course = fixture("module-without-index").build();
    course.build().success();
    assert!(course
        .output("module/index.html")
        .contains("<h1 id=\"module\">Module</h1>"));
    assert!(course.has_output("module/lesson.html"));
}

#[test]
fn a_cargo_toml_and_a_script_beside_a_lesson_are_copied_and_linkable() {
    let course = fixture("authors").build();
    course.build().success();
    assert!(course
        .output("customer-care/Cargo.toml")
        .contains("name = \"greet\""));
    assert!(course.has_output("customer-care/greet.py"));
    let lesson = course.output("customer-care/greeting.html");
    assert!(
        lesson.contains("<a href=\"../customer-care/Cargo.toml\">Cargo.toml</a>"),
        "{lesson}"
    );
    assert!(lesson.contains("<a href=\"../customer-care/greet.py\">greet.py</a>"));
}

#[test]
fn a_toml_file_at_the_top_of_content_is_an_asset_but_a_quiz_there_is_not() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file("content/book.toml", "title = \"x\"\n")
        .file("content/quiz.toml", "title = \"Q\"\n")
        .build();
    let run = course.build_fails();
    assert_eq!(run.error_count(), 1, "{}", run.stderr);
    run.has_error(
        "a quiz must sit in a module folder",
        "content/quiz.toml",
        "move it to content/MODULE/quiz.toml",
    );
}

#[test]
fn a_quiz_with_the_url_of_a_lesson_is_told_to_rename_the_quiz_file() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file("content/01-a/match.md", "# The match expression\n")
        .file(
            "content/01-a/match.quiz.toml",
            "title = \"Q\"\n[[questions]]\nprompt = \"Good?\"\nanswer = true\n",
        )
        .build();
    let run = course.build_fails();
    let block = run.error("this page has the same URL `a/match.html` as");
    assert!(
        block.contains("= hint: rename the quiz file, for example to `match-quiz.quiz.toml`"),
        "{block}"
    );
    assert!(!block.contains("numeric prefix"), "{block}");
}

#[test]
fn a_lesson_with_a_duration_shows_it_instead_of_its_reading_time() {
    let course = fixture("authors").build();
    course.build().success();
    let lesson = course.output("customer-care/greeting.html");
    assert!(lesson.contains("<p class=\"meta\">15 min</p>"), "{lesson}");
    assert!(!lesson.contains("min read"));
    let module = course.output("customer-care/index.html");
    let items = between(&module, "<ol class=\"module-items\">", "</ol>");
    let item = between(items, "greeting.html", "</li>");
    assert!(item.contains("15 min"), "{item}");
    // Without a duration, the reading time.
    let other = course.output("customer-care/closing.html");
    assert!(
        other.contains("<p class=\"meta\">1 min read</p>"),
        "{other}"
    );
}

#[test]
fn parts_group_the_modules_in_the_sidebar_home_and_print_page() {
    let course = fixture("authors").build();
    course.build().success();
    let page = course.output("part-one-second/index.html");
    let sidebar = between(&page, "<nav class=\"sidebar\"", "</nav>");
    // A module without `part` after one with a part belongs to that part, as in mdBook.
    let part_one = between(
        sidebar,
        "<p class=\"nav-part\" id=\"aula-nav-part-1\">",
        "</ol>",
    );
    assert!(part_one.contains(">Part I: The language</p>"), "{sidebar}");
    assert!(part_one.contains("aria-labelledby=\"aula-nav-part-1\""));
    assert!(part_one.contains("Ownership</a>") && part_one.contains("Borrowing</a>"));
    assert!(!part_one.contains("Testing</a>"));
    let part_two = between(sidebar, "id=\"aula-nav-part-2\"", "</ol>");
    assert!(part_two.contains(">Part II: Tools</p>") && part_two.contains("Testing</a>"));
    // Modules before the first part are in no part.
    let before = &sidebar[..at(sidebar, "nav-part")];
    assert!(before.contains("Customer care</a>"), "{sidebar}");

    let home = course.output("index.html");
    let cards = between(
        &home,
        "<h3 class=\"part-title\" id=\"aula-part-1\">",
        "</ol>",
    );
    assert!(
        cards.contains(
            "Part I: The language</h3><ol class=\"module-cards\" aria-labelledby=\"aula-part-1\">"
        ),
        "{cards}"
    );
    assert!(cards.contains(">Borrowing</span>"));
    assert!(between(&home, "id=\"aula-part-2\"", "</ol>").contains(">Testing</span>"));

    let print = course.output("print.html");
    let toc = between(&print, "<nav class=\"print-toc\"", "</nav>");
    assert!(
        at(toc, "Customer care</a>") < at(toc, "<li class=\"toc-part\">Part I: The language</li>")
    );
    assert!(at(toc, "Part I: The language") < at(toc, ">Ownership</a>"));
    assert!(at(toc, ">Borrowing</a>") < at(toc, "<li class=\"toc-part\">Part II: Tools</li>"));
    assert_eq!(print.matches("<h2 class=\"print-part\">").count(), 2);
    assert!(
        at(&print, "<h2 class=\"print-part\">Part II: Tools</h2>")
            < at(&print, "<h2 id=\"part-two-testing\">Testing</h2>")
    );
}

#[test]
fn a_course_without_parts_has_no_part_markup() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file("content/01-a/01-l.md", "# L\n")
        .build();
    course.build().success();
    for page in ["index.html", "a/l.html", "print.html"] {
        let html = course.output(page);
        for mark in [
            "nav-part",
            "part-title",
            "print-part",
            "toc-part",
            "aula-part",
        ] {
            assert!(!html.contains(mark), "{page}: {html}");
        }
    }
}

#[test]
fn a_link_to_a_pages_title_resolves_to_its_h1() {
    let course = fixture("authors").build();
    course.build().success();
    let closing = course.output("customer-care/closing.html");
    assert!(closing.contains("<h1 id=\"closing-a-conversation\">Closing a conversation</h1>"));
    let greeting = course.output("customer-care/greeting.html");
    assert!(greeting.contains("href=\"../customer-care/closing.html#closing-a-conversation\""));
    // On the print page, the link goes to the title of the lesson's section.
    let print = course.output("print.html");
    assert!(print.contains("<h3 id=\"customer-care-closing-closing-a-conversation\">"));
    assert!(print.contains("href=\"#customer-care-closing-closing-a-conversation\""));
}

#[test]
fn a_title_id_taken_by_a_heading_of_the_page_gets_a_suffix() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file(
            "content/01-a/01-closures.md",
            "+++\ntitle = \"Closures\"\n+++\n\n## Closures\n",
        )
        .file(
            "content/01-a/02-next.md",
            "# Next\n\n[top](01-closures.md#closures-title), [heading](01-closures.md#closures)\n",
        )
        .build();
    course.build().success();
    let html = course.output("a/closures.html");
    assert!(
        html.contains("<h1 id=\"closures-title\">Closures</h1>"),
        "{html}"
    );
    assert!(html.contains("<h2 id=\"closures\">"), "{html}");
}

#[test]
fn a_link_to_a_missing_anchor_of_a_page_without_headings_names_its_title_id() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file("content/01-a/01-l.md", "# The lesson\n\nText.\n")
        .file("content/01-a/02-m.md", "# M\n\n[back](01-l.md#the-leson)\n")
        .build();
    let run = course.build_fails();
    run.has_error(
        "link to a missing anchor `#the-leson` in content/01-a/01-l.md",
        "content/01-a/02-m.md:3:1",
        "did you mean `#the-lesson`?",
    );
}

#[test]
fn inline_markdown_in_a_title_renders_everywhere_and_is_plain_text_in_the_title_tag() {
    let course = fixture("authors").build();
    course.build().success();
    let html = "The <code>match</code> expression, <em>briefly</em>";
    let lesson = course.output("customer-care/match.html");
    assert!(
        lesson.contains(&format!(
            "<h1 id=\"the-match-expression-briefly\">{html}</h1>"
        )),
        "{lesson}"
    );
    assert!(lesson.contains("<title>The match expression, briefly · Authors&#39; course</title>"));
    assert!(!lesson.contains('`'), "no backticks left: {lesson}");
    let sidebar = between(&lesson, "<nav class=\"sidebar\"", "</nav>");
    assert!(
        sidebar.contains(&format!("data-progress><span>{html}</span></a>")),
        "{sidebar}"
    );
    let crumbs = between(&lesson, "<nav class=\"breadcrumbs\"", "</nav>");
    assert!(crumbs.contains(&format!("<span aria-current=\"page\">{html}</span>")));
    let closing = course.output("customer-care/closing.html");
    let pager = between(&closing, "<nav class=\"pager\"", "</nav>");
    assert!(
        pager.contains(&format!("<span class=\"pager-title\">{html}</span>")),
        "{pager}"
    );
    let module = course.output("customer-care/index.html");
    assert!(module.contains(&format!("<span class=\"label\">{html}</span>")));
    let print = course.output("print.html");
    assert!(print.contains(&format!(
        "<h3 id=\"customer-care-match-the-match-expression-briefly\">{html}</h3>"
    )));
}

#[test]
fn a_link_inside_a_title_keeps_only_its_text() {
    let course = course()
        .file(
            "content/01-a/_index.md",
            "+++\ntitle = \"See [the book](https://example.org) <b>\"\n+++\n",
        )
        .build();
    course.build().success();
    let page = course.output("a/index.html");
    assert!(
        page.contains("<h1 id=\"see-the-book-b\">See the book &lt;b&gt;</h1>"),
        "{page}"
    );
    let sidebar = between(&page, "<nav class=\"sidebar\"", "</nav>");
    assert!(!sidebar.contains("example.org"), "{sidebar}");
}

#[test]
fn part_on_a_lesson_is_an_error_at_its_line() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file(
            "content/01-a/01-l.md",
            "+++\ntitle = \"L\"\npart = \"One\"\n+++\n",
        )
        .build();
    course.build_fails().has_error(
        "`part` only works in a module's _index.md",
        "content/01-a/01-l.md:3:1",
        "move `part = \"…\"` to the _index.md of the first module of the part",
    );
}

// --- code, tables, course css ---
// Module 03-code-and-tables: Rust examples with hidden lines, as mdBook books write them,
// code in a quiz, tables of every width, and the course's own static/course.css.

use common::html::{tags, text_of, unescape};

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
            let code = common::html::between(pre, "<code>", "</code></pre>");
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
    let all = text_of(
        &format!("<x>{}</x>", common::html::between(&html, "<pre", "</pre>")),
        "x",
    );
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
    let section =
        common::html::between(&print, "id=\"code-and-tables-hidden-lines\"", "</section>");
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
        !common::html::between(&print, "id=\"aula-answer-key\"", "</main>").contains("fn main()"),
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
    let css = course.output("assets/tables.css");
    assert!(
        !css.contains("min-width:8.5rem")
            && !course
                .output("assets/aula.css")
                .contains("min-width:8.5rem"),
        "a cell's minimum width is back"
    );
    let print = common::html::between(&css, "@media print{", "}}");
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
            "../assets/tables.css",
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

// --- raw html and anchors ---

#[test]
fn raw_img_on_print_page_points_at_the_module_folder() {
    // print.html sits at the output root: a raw `<img src="diagram.png">` written as it was
    // pointed at a file that is not there.
    let course = fixture("authors").build();
    course.build();
    let print = course.output("print.html");
    assert!(
        print.contains(
            "<img src=\"raw-html/diagram.png\" alt=\"The diagram\" width=\"320\" height=\"200\">"
        ),
        "{print}"
    );
    // A tag over several lines is rewritten too.
    assert!(
        print.contains("  <img\n    src=\"raw-html/diagram.png\"\n"),
        "{print}"
    );
    assert!(!print.contains("src=\"diagram.png\""), "{print}");
    let lesson = course.output("raw-html/media.html");
    assert!(
        lesson.contains("<img src=\"../raw-html/diagram.png\" alt=\"The diagram\" width=\"320\" height=\"200\">"),
        "{lesson}"
    );
}

#[test]
fn raw_media_sources_and_captions_are_copied_and_rewritten() {
    let course = fixture("authors").build();
    course.build();
    let lesson = course.output("raw-html/media.html");
    for tag in [
        "poster=\"../raw-html/diagram.png\"",
        "<source src=\"../raw-html/clip.webm\" type=\"video/webm\">",
        "<track kind=\"captions\" src=\"../raw-html/captions.vtt\"",
        "<audio controls src=\"../raw-html/tone.wav\">",
    ] {
        assert!(lesson.contains(tag), "{tag}: {lesson}");
    }
    let print = course.output("print.html");
    assert!(
        print.contains("<source src=\"raw-html/clip.webm\""),
        "{print}"
    );
    for file in ["clip.webm", "captions.vtt", "tone.wav"] {
        assert!(course.has_output(&format!("raw-html/{file}")), "{file}");
    }
}

#[test]
fn raw_links_and_ids_work_on_the_page_and_in_print() {
    let course = fixture("authors").build();
    course.build();
    let lesson = course.output("raw-html/media.html");
    assert!(
        lesson.contains("<a href=\"../raw-html/anchors.html#exercise-1\">the exercise</a>"),
        "{lesson}"
    );
    let print = course.output("print.html");
    // Two pages' raw ids stay apart on the print page, and the links follow them.
    assert!(
        print.contains("<a name=\"raw-html-anchors-exercise-1\"></a>"),
        "{print}"
    );
    assert!(print.contains("id=\"raw-html-media-clip\""), "{print}");
    assert!(
        print.contains("<a href=\"#raw-html-anchors-exercise-1\">the exercise</a>"),
        "{print}"
    );
    assert!(
        print.contains("<a href=\"#raw-html-media-clip\">the clip</a>"),
        "{print}"
    );
}

#[test]
fn a_raw_image_to_a_missing_file_is_an_error_at_its_src() {
    let course = fixture("authors")
        .file(
            "content/02-raw-html/03-broken.md",
            "+++\ntitle = \"Broken\"\n+++\n\n<figure>\n  <img\n    src=\"diagarm.png\" alt=\"x\">\n</figure>\n\n> <video src=\"missing.mp4\"></video>\n",
        )
        .build();
    let run = course.build_fails();
    run.has_error(
        "link to a missing file `diagarm.png`",
        "content/02-raw-html/03-broken.md:7:10",
        "put the file in content/ next to the page, or fix the path",
    )
    .has_error(
        "link to a missing file `missing.mp4`",
        "content/02-raw-html/03-broken.md:10:15",
        "put the file in content/ next to the page, or fix the path",
    );
    assert_eq!(run.error_count(), 2, "{}", run.stderr);
}

#[test]
fn a_link_to_an_id_written_in_raw_html_is_checked() {
    let course = fixture("authors")
        .file(
            "content/02-raw-html/03-links.md",
            "+++\ntitle = \"Links\"\n+++\n\n[ok](02-anchors.md#summary) [bad](02-anchors.md#sumary)\n",
        )
        .build();
    course.build_fails().has_error(
        "link to a missing anchor `#sumary`",
        "content/02-raw-html/03-links.md:5:29",
        "did you mean `#summary`?",
    );
}

#[test]
fn an_iframe_from_an_origin_not_allowed_is_an_error_naming_the_setting() {
    let iframe = "+++\ntitle = \"Player\"\n+++\n\n<iframe src=\"https://www.youtube.com/embed/x\" title=\"A player\"></iframe>\n";
    let course = fixture("authors")
        .file("content/02-raw-html/03-player.md", iframe)
        .build();
    course.build_fails().has_error(
        "`<iframe>` from https://www.youtube.com is blocked by the course's Content-Security-Policy",
        "content/02-raw-html/03-player.md:5:14",
        "to allow it, write `frame_src = [\"https://www.youtube.com\"]` under `[security]` in site.toml; that site then sees each learner who opens this page (see the README's \"Embedded players\")",
    );
    // Allowed as the hint says, it builds, and the pages' CSP lets the player in.
    let site = std::fs::read_to_string(course.root().join("site.toml")).unwrap();
    course.write(
        "site.toml",
        &format!("{site}\n[security]\nframe_src = [\"https://www.youtube.com\"]\n"),
    );
    course.build();
    for page in ["raw-html/player.html", "print.html"] {
        let html = course.output(page);
        assert!(
            html.contains("; frame-src 'self' https://www.youtube.com\">"),
            "{page}: {html}"
        );
    }
}

#[test]
fn a_frame_origin_that_is_not_https_is_an_error_in_site_toml() {
    let course = fixture("authors")
        .file(
            "site.toml",
            "title = \"T\"\n\n[security]\nframe_src = [\"http://www.youtube.com\"]\n",
        )
        .build();
    course.build_fails().has_error(
        "frame_src `http://www.youtube.com` is not https",
        "site.toml:4:14",
        "write the origin of the player's address, like `frame_src = [\"https://www.youtube-nocookie.com\"]`; only `http://localhost` may be http",
    );
}

#[test]
fn github_style_anchor_resolves_to_aulas_heading() {
    // Links written for GitHub's and mdBook's ids failed the build: aula's own ids drop
    // accents and turn `_` into `-`.
    let course = fixture("authors").build();
    course.build();
    let page = course.output("raw-html/anchors.html");
    assert!(
        page.contains("<h2 id=\"sharing-a-mutex-t\"><span id=\"sharing-a-mutext\"></span>Sharing a <code>Mutex&lt;T&gt;</code>"),
        "{page}"
    );
    assert!(
        page.contains("<h2 id=\"caracteristicas\"><span id=\"características\"></span>"),
        "{page}"
    );
    assert!(
        page.contains("<h2 id=\"foo-bar\"><span id=\"foo_bar\"></span>"),
        "{page}"
    );
    // A heading whose ids agree carries nothing more.
    assert!(!page.contains("<span id=\"summary\">"), "{page}");
    let module = course.output("raw-html/index.html");
    assert!(
        module.contains("href=\"../raw-html/anchors.html#sharing-a-mutext\""),
        "{module}"
    );
    // On the print page the aliases take the section's prefix, as the links do.
    let print = course.output("print.html");
    assert!(
        print.contains("<span id=\"raw-html-anchors-sharing-a-mutext\"></span>"),
        "{print}"
    );
    assert!(
        print.contains("href=\"#raw-html-anchors-sharing-a-mutext\""),
        "{print}"
    );
    assert!(
        print.contains("href=\"#raw-html-anchors-caracter%C3%ADsticas\""),
        "{print}"
    );
}

#[test]
fn a_link_to_no_id_of_any_scheme_still_fails() {
    let course = fixture("authors")
        .file(
            "content/02-raw-html/03-links.md",
            "+++\ntitle = \"Links\"\n+++\n\n[bad](02-anchors.md#sharing-a-mutex)\n",
        )
        .build();
    course.build_fails().has_error(
        "link to a missing anchor `#sharing-a-mutex`",
        "content/02-raw-html/03-links.md:5:1",
        "did you mean `#sharing-a-mutex-t`?",
    );
}

#[test]
fn serve_gives_media_and_captions_their_types() {
    // A browser refuses a captions track served as anything but text/vtt.
    let course = fixture("authors")
        .bytes("content/02-raw-html/clip.mp4", b"\0\0\0\x18ftypmp42")
        .bytes("content/02-raw-html/tone.mp3", b"ID3\x03\0\0\0\0\0\0")
        .build();
    let s = common::served::Served::start(course);
    for (file, kind) in [
        ("captions.vtt", "text/vtt; charset=utf-8"),
        ("clip.webm", "video/webm"),
        ("clip.mp4", "video/mp4"),
        ("tone.mp3", "audio/mpeg"),
        ("tone.wav", "audio/"),
    ] {
        let got = s.get(&format!("/raw-html/{file}"));
        assert_eq!(got.status, 200, "{file}");
        assert!(
            got.head.contains(&format!("content-type: {kind}")),
            "{file}: {}",
            got.head
        );
    }
}

// --- found in review: raw HTML tables and code, boxes inside HTML, `#` alone ---

/// A course of one module with one lesson whose file is `lesson` (at m/l.html).
fn one_lesson(lesson: &str) -> common::CourseBuilder {
    common::course()
        .file("content/01-m/01-l.md", lesson)
        .file("content/01-m/_index.md", "+++\ntitle = \"M\"\n+++\nM.\n")
}

#[test]
fn a_table_and_pre_written_in_html_load_the_tables_and_code_assets() {
    let course = one_lesson("+++\ntitle = \"L\"\n+++\n\n<table><tr><th>A</th><td>b</td></tr></table>\n\n<pre>wide code</pre>\n")
        .build();
    course.build();
    let html = course.output("m/l.html");
    for asset in [
        "assets/tables.css",
        "assets/code.js",
        "assets/highlight.css",
    ] {
        assert!(
            html.contains(&format!("href=\"../{asset}\""))
                || html.contains(&format!("src=\"../{asset}\"")),
            "{asset}: {html}"
        );
    }
}

#[test]
fn a_fenced_div_inside_an_html_block_is_a_box_and_leaves_no_marker() {
    let course = one_lesson("+++\ntitle = \"L\"\n+++\n\n<div class=\"wrap\">\n::: tip\nInside.\n:::\n</div>\n\n[top](#)\n")
        .build();
    // `#` alone is the top of the page, not a missing anchor.
    course.build();
    let html = course.output("m/l.html");
    assert!(!html.contains("aula:fence"), "{html}");
    assert!(
        html.contains("<div class=\"admonition admonition-tip\" role=\"note\">"),
        "{html}"
    );
    assert!(html.contains("assets/admonitions.css"), "{html}");
}

#[test]
fn print_contents_number_the_modules_as_their_sections_do_with_parts_and_pages_between() {
    let course = fixture("authors").build();
    course.build();
    let print = course.output("print.html");
    let contents = common::html::between(&print, "<ol>", "</ol>");
    let values: Vec<String> = common::html::tags(contents)
        .into_iter()
        .filter(|t| t.name == "li")
        .filter_map(|t| t.attr("value").map(str::to_string))
        .collect();
    let expected: Vec<String> = (1..=values.len()).map(|n| n.to_string()).collect();
    assert!(values.len() >= 5, "{contents}");
    assert_eq!(values, expected, "{contents}");
    assert!(contents.contains("class=\"toc-part\""), "{contents}");
}

// --- the rest of the course, as snapshots: one look shows what each construct became ---

#[test]
fn every_lesson_of_the_authors_course_as_a_snapshot() {
    let course = fixture("authors").build();
    course.build();
    for (name, page) in [
        ("raw_html_media", "raw-html/media.html"),
        ("raw_html_anchors", "raw-html/anchors.html"),
        ("code_hidden_lines", "code-and-tables/hidden-lines.html"),
        ("code_tables", "code-and-tables/tables.html"),
        ("structure_greeting", "customer-care/greeting.html"),
    ] {
        insta::assert_snapshot!(name, body(&course, page));
    }
    // The home page, whose sidebar and cards show the parts and the page before module 1.
    let home = course.output("index.html");
    insta::assert_snapshot!(
        "structure_home_main",
        common::html::between(&home, "<main id=\"main\" tabindex=\"-1\">", "</main>")
    );
}

#[test]
fn references_to_raw_ids_follow_their_prefix_on_the_print_page() {
    let course = one_lesson("+++\ntitle = \"L\"\n+++\n\n<p id=\"q\">Question?</p>\n<div role=\"group\" aria-labelledby=\"q  hint\"><label for=\"ans\">Answer</label><input id=\"ans\"><span id=\"hint\">Short.</span></div>\n")
        .build();
    course.build();
    let page = course.output("m/l.html");
    assert!(
        page.contains("aria-labelledby=\"q  hint\"") && page.contains("for=\"ans\""),
        "{page}"
    );
    let print = course.output("print.html");
    assert!(
        print.contains("aria-labelledby=\"m-l-q m-l-hint\""),
        "{print}"
    );
    assert!(
        print.contains("for=\"m-l-ans\"") && print.contains("id=\"m-l-ans\""),
        "{print}"
    );
}

#[test]
fn a_part_title_takes_inline_markdown_as_page_titles_do() {
    let course = fixture("authors")
        .file(
            "content/54-part-two/_index.md",
            "+++\ntitle = \"Part two\"\npart = \"Part II: `cargo` *tools*\"\n+++\n\nTools.\n",
        )
        .build();
    course.build();
    let marked = "Part II: <code>cargo</code> <em>tools</em>";
    for page in ["index.html", "print.html", "intro.html"] {
        let html = course.output(page);
        assert!(html.contains(marked), "{page}: {html}");
        assert!(!html.contains("`cargo`"), "{page}");
    }
}

#[test]
fn srcset_addresses_are_checked_and_rewritten_like_src() {
    let course = one_lesson("+++\ntitle = \"L\"\n+++\n\n<picture><source srcset=\"a.png 1x, b.png 2x\"><img src=\"a.png\" srcset=\"b.png 480w\" alt=\"A\"></picture>\n")
        .bytes("content/01-m/a.png", b"\x89PNG")
        .bytes("content/01-m/b.png", b"\x89PNG")
        .build();
    course.build();
    let page = course.output("m/l.html");
    assert!(
        page.contains("srcset=\"../m/a.png 1x, ../m/b.png 2x\""),
        "{page}"
    );
    let print = course.output("print.html");
    assert!(
        print.contains("srcset=\"m/a.png 1x, m/b.png 2x\""),
        "{print}"
    );
    assert!(print.contains("srcset=\"m/b.png 480w\""), "{print}");

    course.write(
        "content/01-m/01-l.md",
        "+++\ntitle = \"L\"\n+++\n\n<img src=\"a.png\" srcset=\"a.png 1x, nope.png 2x\" alt=\"A\">\n",
    );
    let run = course.build_fails();
    run.has_error(
        "link to a missing file `nope.png`",
        "content/01-m/01-l.md:5:36",
        "put the file in content/ next to the page, or fix the path",
    );
}
