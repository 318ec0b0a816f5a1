//! `aula build`, `aula check` and `aula init` as an author uses them: what ends up in the
//! output folder, and what the terminal says.

mod common;

use common::html::{between, broken_links, ids, tags, text_of};
use common::{aula_in, course, fixture, fixtures, snapshot, HOME};

/// The `<loc>`s of sitemap.xml, which lists every page in reading order.
fn reading_order(sitemap: &str) -> Vec<String> {
    sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap().to_string())
        .collect()
}

#[test]
fn building_the_fixture_writes_one_page_per_source_file() {
    let course = fixture("basic").build();
    course.build();
    for page in [
        "index.html",
        "basics/index.html",
        "basics/intro.html",
        "basics/details.html",
        "basics/quiz.html",
        "advanced/index.html",
        "advanced/deep.html",
        "advanced/final.html",
        "glossary.html",
        "404.html",
        "assets/aula.css",
    ] {
        assert!(course.has_output(page), "missing {page}");
    }
    let intro = course.output("basics/intro.html");
    assert_eq!(text_of(&intro, "h1"), "Introduction");
    assert!(text_of(&intro, "title").contains("Introduction"));
    let details = course.output("basics/details.html");
    assert_eq!(
        text_of(&details, "h1"),
        "Details",
        "a leading `# Heading` is the title"
    );
    assert_eq!(
        tags(&details).iter().filter(|t| t.name == "h1").count(),
        1,
        "the title heading is not repeated in the body"
    );
}

#[test]
fn a_successful_build_prints_one_summary_line() {
    let course = fixture("basic").build();
    let run = course.build();
    let line = run.stdout.trim();
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(
        line.starts_with("Built 9 pages (2 modules, 2 quizzes) into public in "),
        "{line}"
    );
    assert!(line.ends_with(" ms"), "{line}");
    assert_eq!(run.stderr, "");
}

#[test]
fn headings_get_unicode_aware_ids_and_a_self_link() {
    let course = fixture("basic").build();
    course.build();
    let intro = course.output("basics/intro.html");
    assert!(intro.contains(
        "<h2 id=\"caracteristicas-del-servicio\"><span id=\"características-del-servicio\"></span>Características del servicio<a class=\"anchor\" href=\"#caracteristicas-del-servicio\""
    ), "{intro}");
    let details = course.output("basics/details.html");
    assert!(ids(&details).contains("mas-detalles"), "{details}");
}

#[test]
fn the_same_heading_twice_gets_two_ids() {
    let course = course()
        .file(
            "content/01-a/_index.md",
            "# A\n\n## Step\n\n## Step\n\n## Step {#own}\n",
        )
        .build();
    course.build();
    let ids = ids(&course.output("a/index.html"));
    for id in ["step", "step-1", "own"] {
        assert!(ids.contains(id), "{id} in {ids:?}");
    }
}

#[test]
fn slugs_drop_the_numeric_prefix_and_accents() {
    let course = course()
        .file("content/01-Módulo uno/_index.md", "# Uno\n")
        .file("content/01-Módulo uno/02_Qué es.md", "# Qué\n")
        .file("content/2-Anexo.md", "# Anexo\n")
        .build();
    course.build();
    assert!(course.has_output("modulo-uno/index.html"));
    assert!(course.has_output("modulo-uno/que-es.html"));
    assert!(course.has_output("anexo.html"));
}

#[test]
fn pages_are_ordered_by_weight_then_file_name() {
    let course = course()
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\nbase_url = \"https://example.org/c\"\n",
        )
        .file("content/02-second/_index.md", "# Second\n")
        .file(
            "content/01-first/_index.md",
            "+++\ntitle = \"First\"\nweight = 5\n+++\n",
        )
        .file("content/01-first/01-b.md", "# B\n")
        .file("content/01-first/02-a.md", "# A\n")
        .file(
            "content/01-first/03-heavy.md",
            "+++\ntitle = \"Heavy\"\nweight = -1\n+++\n",
        )
        .file("content/zz.md", "# ZZ\n")
        .file("content/aa.md", "+++\ntitle = \"AA\"\nweight = 9\n+++\n")
        .build();
    course.build();
    assert_eq!(
        reading_order(&course.output("sitemap.xml")),
        [
            "https://example.org/c/",
            "https://example.org/c/second/",
            "https://example.org/c/first/",
            "https://example.org/c/first/heavy.html",
            "https://example.org/c/first/b.html",
            "https://example.org/c/first/a.html",
            // A top-level page's weight orders it with the modules (issue 17): 9 comes
            // after module First's 5; a page without weight comes after the modules.
            "https://example.org/c/aa.html",
            "https://example.org/c/zz.html",
        ]
    );
}

#[test]
fn a_tenth_lesson_comes_after_the_ninth() {
    // Regression: names were compared as text, so `10-` sorted before `9-`.
    let mut builder = course()
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\nbase_url = \"https://example.org/\"\n",
        )
        .file("content/1-m/_index.md", "# M\n");
    for n in [1, 2, 9, 10, 11] {
        builder = builder.file(&format!("content/1-m/{n}-l{n}.md"), &format!("# L{n}\n"));
    }
    let course = builder.build();
    course.build();
    let order = reading_order(&course.output("sitemap.xml"));
    let lessons: Vec<&str> = order
        .iter()
        .skip(2)
        .map(|u| &u["https://example.org/m/".len()..])
        .collect();
    assert_eq!(
        lessons,
        ["l1.html", "l2.html", "l9.html", "l10.html", "l11.html"]
    );
}

#[test]
fn links_to_markdown_files_become_relative_urls() {
    let course = fixture("basic").build();
    course.build();
    let intro = course.output("basics/intro.html");
    assert!(
        intro.contains("<a href=\"../advanced/index.html#going-further\">later</a>"),
        "{intro}"
    );
    assert!(intro.contains("href=\"../glossary.html#service\""));
    let home = course.output("index.html");
    assert!(
        home.contains("<a href=\"basics/index.html\">the basics</a>"),
        "{home}"
    );
    assert!(home.contains("href=\"glossary.html\""));
    let glossary = course.output("glossary.html");
    assert!(
        glossary.contains("<a href=\"index.html\">home</a>"),
        "{glossary}"
    );
    let module = course.output("basics/index.html");
    assert!(
        module.contains("<a href=\"../basics/quiz.html\">quiz</a>"),
        "a link to quiz.toml goes to the quiz page: {module}"
    );
}

#[test]
fn images_are_copied_and_linked() {
    let course = fixture("basic").build();
    course.build();
    let intro = course.output("basics/intro.html");
    assert!(
        intro.contains("<img src=\"../basics/img/diagram.png\" alt=\"A diagram of the service\""),
        "{intro}"
    );
    let copied = std::fs::read(course.root().join("public/basics/img/diagram.png")).unwrap();
    let original =
        std::fs::read(fixtures().join("basic/content/01-basics/img/diagram.png")).unwrap();
    assert_eq!(copied, original);
}

#[test]
fn an_asset_with_a_space_in_its_name_is_linked_encoded() {
    let course = course()
        .file(
            "content/01-a/_index.md",
            "# A\n\n[the handout](<files/hand out.pdf>)\n",
        )
        .bytes("content/01-a/files/hand out.pdf", b"%PDF-1.4\n")
        .build();
    course.build();
    assert!(course.has_output("a/files/hand out.pdf"));
    let module = course.output("a/index.html");
    assert!(
        module.contains("<a href=\"../a/files/hand%20out.pdf\">the handout</a>"),
        "{module}"
    );
}

#[test]
fn every_link_of_the_fixture_resolves() {
    let out = tempfile::tempdir().unwrap();
    let root = fixtures().join("basic");
    let target = out.path().join("site");
    aula_in(&root, &["build", "--output", target.to_str().unwrap()]).success();
    assert_eq!(broken_links(&target), Vec::<String>::new());
}

#[test]
fn every_link_of_the_sample_course_resolves() {
    let out = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = out.path().join("site");
    aula_in(root, &["build", "--output", target.to_str().unwrap()]).success();
    let pages = snapshot(&target)
        .keys()
        .filter(|p| p.ends_with(".html"))
        .count();
    assert!(pages > 30, "the sample course has {pages} pages");
    assert_eq!(broken_links(&target), Vec::<String>::new());
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file("content/01-a/01-done.md", "# Done\n")
        .file(
            "content/01-a/02-wip.md",
            "+++\ntitle = \"WIP\"\ndraft = true\n+++\n",
        )
        .file(
            "content/01-a/quiz.toml",
            "title = \"Q\"\ndraft = true\n[[questions]]\nprompt = \"?\"\nanswer = true\n",
        )
        .build();
    let run = course.build();
    assert!(
        run.stdout
            .starts_with("Built 3 pages (1 module, 0 quizzes)"),
        "{}",
        run.stdout
    );
    assert!(!course.has_output("a/wip.html"));
    assert!(!course.has_output("a/quiz.html"));
    assert!(!course.output("a/index.html").contains("WIP"));

    course.aula(&["build", "--drafts"]).success();
    assert!(course.has_output("a/wip.html"));
    assert!(course.has_output("a/quiz.html"));
}

#[test]
fn a_draft_module_hides_its_lessons_instead_of_failing() {
    // Regression: the module's lessons stayed, and the build failed with "this module has
    // no introduction page" although the introduction was there.
    let course = course()
        .file("content/01-a/_index.md", "# A\n")
        .file(
            "content/02-b/_index.md",
            "+++\ntitle = \"B\"\ndraft = true\n+++\n",
        )
        .file("content/02-b/01-x.md", "# X\n")
        .build();
    let run = course.build();
    assert!(
        run.stdout.starts_with("Built 2 pages (1 module,"),
        "{}",
        run.stdout
    );
    assert!(!course.has_output("b/index.html"));
    assert!(!course.has_output("b/x.html"));

    course.aula(&["build", "--drafts"]).success();
    assert!(course.has_output("b/x.html"));
}

#[test]
fn sitemap_is_written_only_with_a_base_url() {
    let course = fixture("basic").build();
    course.build();
    assert!(!course.has_output("sitemap.xml"));

    course.write(
        "site.toml",
        "title = \"Basic\"\nlanguage = \"en\"\nbase_url = \"https://example.org/course\"\n",
    );
    course.build();
    let sitemap = course.output("sitemap.xml");
    let urls = reading_order(&sitemap);
    assert_eq!(urls.len(), 9, "{sitemap}");
    assert_eq!(urls[0], "https://example.org/course/");
    assert!(urls.contains(&"https://example.org/course/basics/intro.html".to_string()));
    let intro = course.output("basics/intro.html");
    let canonical = tags(&intro)
        .into_iter()
        .find(|t| t.name == "link" && t.attr("rel") == Some("canonical"))
        .expect("a canonical link");
    assert_eq!(
        canonical.attr("href"),
        Some("https://example.org/course/basics/intro.html")
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let course = fixture("basic").build();
    course.build();
    let before = snapshot(&course.root().join("public"));

    course.write(
        "content/02-advanced/01-deep.md",
        "+++\ntitle = \"Deep dive\"\n+++\n\nA [broken link](missing.md).\n",
    );
    course.build_fails().stderr_has(&["missing.md"]);

    assert_eq!(snapshot(&course.root().join("public")), before);
    assert_no_temporary_folders(course.root());
}

#[test]
fn a_template_that_fails_while_writing_leaves_the_previous_site_untouched() {
    // This error only shows when the quiz page is rendered, after the build started writing
    // into its temporary folder.
    let course = fixture("basic").build();
    course.build();
    let before = snapshot(&course.root().join("public"));

    course.write("templates/quiz.html", "{{ quiz.no_such_field.x }}");
    course.build_fails().stderr_has(&["templates/quiz.html"]);

    assert_eq!(snapshot(&course.root().join("public")), before);
    assert_no_temporary_folders(course.root());
}

fn assert_no_temporary_folders(dir: &std::path::Path) {
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains(".aula-tmp-") || n.contains(".aula-old-")),
        "{names:?}"
    );
}

#[test]
fn output_that_would_replace_the_course_is_refused() {
    let course = fixture("basic").build();
    let before = snapshot(course.root());
    for output in [".", "..", "content/site"] {
        course
            .aula(&["build", "--output", output])
            .failure()
            .stderr_has(&["the output folder", "choose another output_dir or --output"]);
    }
    course.write(
        "site.toml",
        "title = \"T\"\nlanguage = \"en\"\noutput_dir = \".\"\n",
    );
    course
        .build_fails()
        .stderr_has(&["contains the course itself"]);
    let mut after = snapshot(course.root());
    after.remove("site.toml");
    let mut before = before;
    before.remove("site.toml");
    assert_eq!(after, before, "the course is untouched");
}

#[test]
fn check_finds_nothing_in_a_good_course_and_writes_nothing() {
    let course = fixture("basic").build();
    let run = course.aula(&["check"]).success();
    assert!(
        run.stdout.starts_with("No errors in 9 pages ("),
        "{}",
        run.stdout
    );
    assert!(!course.root().join("public").exists());
}

#[test]
fn init_then_build_works() {
    let dir = tempfile::tempdir().unwrap();
    let run = aula_in(dir.path(), &["init", "my-course"]).success();
    assert!(
        run.stdout.contains("Created a course in my-course"),
        "{}",
        run.stdout
    );
    let root = dir.path().join("my-course");
    let run = aula_in(&root, &["build"]).success();
    assert!(
        run.stdout.starts_with("Built 4 pages (1 module, 1 quiz)"),
        "{}",
        run.stdout
    );
    assert!(root.join("public/first-module/first-lesson.html").is_file());
    // A new course starts clean: no warning for the author to puzzle over.
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
    aula_in(&root, &["check"]).success();
}

/// Two courses made with `aula init` keep their learners' progress apart, whatever their
/// titles: each gets an id of its own.
#[test]
fn init_gives_each_course_an_id_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let id = |name: &str| {
        aula_in(dir.path(), &["init", name]).success();
        let toml = std::fs::read_to_string(dir.path().join(name).join("site.toml")).unwrap();
        let line = toml
            .lines()
            .find(|l| l.starts_with("id = "))
            .map(str::to_owned);
        line.unwrap_or_else(|| panic!("no id in {toml}"))
    };
    let (a, b) = (id("a"), id("b"));
    assert!(a.starts_with("id = \"my-course-"), "{a}");
    assert_ne!(a, b);
}

#[test]
fn init_refuses_a_folder_that_holds_a_course() {
    let course = fixture("basic").build();
    let before = snapshot(course.root());
    course
        .aula(&["init", "."])
        .failure()
        .stderr_has(&["already holds a course"]);
    assert_eq!(snapshot(course.root()), before);
}

#[test]
fn the_built_in_theme_is_used_when_there_is_no_themes_folder() {
    assert!(!fixtures().join("basic/themes").exists());
    let course = fixture("basic").build();
    course.build();
    let css = std::fs::read(course.root().join("public/assets/aula.css")).unwrap();
    assert!(!css.is_empty());
    let home = course.output("index.html");
    assert!(home.contains("href=\"assets/aula.css\""), "{home}");
    assert!(home.starts_with("<!DOCTYPE html>"), "{home}");
}

#[test]
fn a_templates_folder_overrides_one_theme_template() {
    let course = fixture("basic")
        .file(
            "templates/page.html",
            "<!DOCTYPE html><title>{{ page.title }}</title><main class=\"mine\">{{ page.content | safe }}</main>",
        )
        .build();
    course.build();
    let glossary = course.output("glossary.html");
    assert!(
        glossary.starts_with("<!DOCTYPE html><title>Glossary</title><main class=\"mine\">"),
        "{glossary}"
    );
    let lesson = course.output("basics/intro.html");
    assert!(
        !lesson.contains("class=\"mine\""),
        "other templates stay the theme's"
    );
}

#[test]
fn a_template_and_its_includes_get_the_navigation_of_their_module() {
    let course = fixture("basic")
        .file(
            "templates/lesson.html",
            "<p>{{ module.number }}/{{ module.lessons }} {{ page.title }}</p>{% include \"siblings.html\" %}",
        )
        .file(
            "templates/siblings.html",
            "<ul>{% for l in nav.modules[module_index].items %}<li>{{ l.title }}</li>{% endfor %}</ul>",
        )
        .file(
            "templates/page.html",
            "<p>{% if module %}{{ module.number }}{% else %}none{% endif %}</p>",
        )
        .build();
    course.build();
    let lesson = course.output("basics/details.html");
    assert!(
        lesson.starts_with("<p>1/2 Details</p><ul><li>Introduction</li><li>Details</li>"),
        "{lesson}"
    );
    assert_eq!(course.output("glossary.html"), "<p>none</p>");
}

#[test]
fn the_sidebar_goes_to_templates_that_print_it_even_through_an_include() {
    let course = fixture("basic")
        .file(
            "templates/lesson.html",
            "<main>{% include \"side.html\" %}</main>",
        )
        .file("templates/side.html", "<aside>{{ sidebar | safe }}</aside>")
        .file("templates/page.html", "<p>{{ page.title }}</p>")
        .build();
    course.build();
    let lesson = course.output("basics/details.html");
    assert!(
        lesson.starts_with("<main><aside><nav class=\"sidebar\""),
        "{lesson}"
    );
    assert!(lesson.contains("aria-current=\"page\""), "{lesson}");
    assert_eq!(course.output("glossary.html"), "<p>Glossary</p>");
}

#[test]
fn an_unknown_language_fails_with_a_clear_error() {
    let course = fixture("basic")
        .file("site.toml", "title = \"T\"\nlanguage = \"xx\"\n")
        .build();
    course.build_fails().stderr_has(&[
        "the theme has no UI strings for language `xx`",
        "i18n/xx.toml",
    ]);
    assert!(!course.root().join("public").exists());
}

#[test]
fn a_template_using_a_missing_ui_string_names_the_key_and_the_file() {
    let course = fixture("basic")
        .file("templates/page.html", "<p>{{ t.nope }}</p>")
        .build();
    for command in ["build", "check"] {
        course.aula(&[command]).failure().stderr_has(&[
            "missing UI string `nope`",
            "(built-in theme)/i18n/en.toml",
            "add `nope = \"…\"`",
        ]);
    }
}

#[test]
fn code_blocks_are_highlighted_with_classes_and_no_inline_style() {
    let course = fixture("basic").build();
    course.build();
    let intro = course.output("basics/intro.html");
    let code = between(
        &intro,
        "<pre class=\"code\" data-lang=\"rust\"><code>",
        "</code></pre>",
    );
    assert!(code.contains("<span class=\"hl-"), "{code}");
    assert!(code.contains("println!"), "{code}");
    assert!(!intro.contains("style="), "{intro}");
}

#[test]
fn highlighting_can_be_switched_off() {
    let course = course()
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\n[markdown]\nhighlight_code = false\n",
        )
        .file(
            "content/01-a/_index.md",
            "# A\n\n```rust\nlet x = 1 < 2;\n```\n",
        )
        .build();
    course.build();
    let page = course.output("a/index.html");
    assert!(
        page.contains(
            "<pre class=\"code\" data-lang=\"rust\"><code>let x = 1 &lt; 2;\n</code></pre>"
        ),
        "{page}"
    );
}

/// The whole rendered body of a small lesson, through a template that prints only
/// `page.content`: one comparison says more than a dozen asserts.
#[test]
fn a_lesson_renders_to_this_html() {
    let course = course()
        .file("templates/lesson.html", "{{ page.content | safe }}")
        .file("content/01-intro/_index.md", "# Intro\n\n## Goals\n")
        .file("content/01-intro/img/plan.png", "png")
        .file(
            "content/01-intro/01-first.md",
            r#"+++
title = "First steps"
+++

Some *emphasis*, **strong** text and "quotes" -- with `code`.

## Qué aprenderás

- [The module](_index.md#goals)
- [The home page](../_index.md)
- [An external site](https://example.org/)

![Plan](img/plan.png)

## Qué aprenderás

| A | B |
|---|---|
| 1 | 2 |

```
plain text
```
"#,
        )
        .build();
    course.build();
    let expected = r##"<p>Some <em>emphasis</em>, <strong>strong</strong> text and “quotes” – with <code>code</code>.</p>
<h2 id="que-aprenderas"><span id="qué-aprenderás"></span>Qué aprenderás<a class="anchor" href="#que-aprenderas" aria-hidden="true" tabindex="-1">#</a></h2>
<ul>
<li><a href="../intro/index.html#goals">The module</a></li>
<li><a href="../index.html">The home page</a></li>
<li><a href="https://example.org/">An external site</a></li>
</ul>
<p><img src="../intro/img/plan.png" alt="Plan" /></p>
<h2 id="que-aprenderas-1"><span id="qué-aprenderás-1"></span>Qué aprenderás<a class="anchor" href="#que-aprenderas-1" aria-hidden="true" tabindex="-1">#</a></h2>
<div class="table-scroll" role="group" tabindex="0" aria-label="Table">
<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody>
<tr><td>1</td><td>2</td></tr>
</tbody></table>
</div>
<pre class="code"><code>plain text
</code></pre>
"##;
    assert_eq!(course.output("intro/first.html"), expected);
}

#[test]
fn a_page_without_front_matter_takes_its_title_from_its_heading() {
    let course = course()
        .file("content/_index.md", HOME)
        .file("content/notes.md", "\n# Notes · 2024\n\nBody.\n")
        .build();
    course.build();
    let page = course.output("notes.html");
    assert_eq!(text_of(&page, "h1"), "Notes · 2024");
    assert!(page.contains("<p>Body.</p>"), "{page}");
}

#[test]
fn a_build_writes_the_same_print_page_as_serve() {
    // Serve writes the print page after an edit on its own, when it is asked for; a build
    // writes it with the pages. The page must not depend on which.
    let course = fixture("basic").build();
    course.build();
    let built = course.output("print.html");
    let served = common::served::Served::start(fixture("basic").build());
    let events = served.events();
    let intro = "content/01-basics/01-intro.md";
    served.write(
        intro,
        &std::fs::read_to_string(fixtures().join("basic").join(intro)).unwrap(),
    );
    common::served::expect_event(&events, "reload", std::time::Duration::from_secs(5));
    let alone = served.get("/print.html").body;
    assert_eq!(
        built,
        alone.replace("<script src=\"/__aula/reload.js\" defer></script>", "")
    );
    // Sections with what differs from the pages: prefixed ids, links between sections,
    // images from the output root, code left plain; and after a heading with a link in it.
    for part in [
        "id=\"basics-details-back-to-the-introduction\"",
        "<a href=\"#basics-intro\">introduction</a>",
        "id=\"basics-intro-caracteristicas-del-servicio\"",
        "href=\"#glossary-service\"",
        "href=\"#basics-intro-caracteristicas-del-servicio\"",
        "src=\"basics/img/diagram.png\"",
        "println!(\"hello\");",
    ] {
        assert!(built.contains(part), "{part} in the print page");
    }
}

#[test]
fn ui_strings_are_escaped_as_html_text_and_no_more() {
    // Escaping only what HTML needs (no `/`, as Tera 1 did) keeps every URL of every page
    // short. `{{ t.note }}` is written into the template when it compiles, and `| trim`
    // leaves it to Tera: both must print the same.
    let both = "<p>{{ t.note }}</p><p>{{ t.note | trim }}</p>";
    let mut course = course()
        .file("site.toml", "title = \"T\"\ntheme = \"plain\"\n")
        .file(
            "themes/plain/i18n/es.toml",
            "note = \"Tom & 'Jerry' <3 a/b \\\"it\\\"\"\n",
        );
    for name in ["home", "module", "lesson", "quiz", "page", "404"] {
        course = course.file(&format!("themes/plain/templates/{name}.html"), both);
    }
    let course = course.build();
    course.build();
    let printed = "<p>Tom &amp; &#39;Jerry&#39; &lt;3 a/b &quot;it&quot;</p>";
    assert_eq!(course.output("index.html"), format!("{printed}{printed}"));
}

#[test]
fn the_print_page_keeps_reading_order_when_an_early_page_is_slow() {
    // A page that takes long to render holds back the print sections of every page after
    // it; those that finish meanwhile wait, or stop a thread that runs too far ahead.
    let mut course = course().file("content/01-m/_index.md", "# M\n");
    let big = "Paragraph with *emphasis* and `code`.\n\n".repeat(20_000);
    course = course.file("content/01-m/001-l001.md", &format!("# L001\n\n{big}"));
    for n in 2..=400 {
        course = course.file(
            &format!("content/01-m/{n:03}-l{n:03}.md"),
            &format!("# L{n:03}\n\nText {n}.\n"),
        );
    }
    let course = course.build();
    course.build();
    let print = course.output("print.html");
    let sections: Vec<usize> = print
        .match_indices("<h3 id=\"m-l")
        .map(|(at, _)| print[at + 11..at + 14].parse().unwrap())
        .collect();
    assert_eq!(sections, (1..=400).collect::<Vec<_>>());
}

#[test]
fn a_sidebar_no_template_prints_is_not_rendered() {
    // nav.html renders without the page's values: a mistake there matters only where a
    // template prints the sidebar.
    let blocks = "{% block title %}{% endblock title %}{% block head %}{% endblock head %}<main>{% block main %}{% endblock main %}</main>";
    let course = fixture("basic")
        .file("templates/nav.html", "{{ page.title }}")
        .file("templates/base.html", blocks)
        .build();
    course.build();
    assert!(course.output("basics/details.html").contains("<main>"));
    course.write(
        "templates/base.html",
        &format!("{{{{ sidebar | safe }}}}{blocks}"),
    );
    course
        .build_fails()
        .stderr_has(&["templates/nav.html", "Field `title` is not defined"]);
}

#[test]
fn the_search_box_carries_no_attribute_another_script_of_the_theme_looks_for() {
    // Its strings once sat in `data-results`, which results.js looks for: the results page
    // found the search box instead of its table, and broke.
    let course = fixture("basic").build();
    course.build();
    let home = course.output("index.html");
    let tags = tags(&home);
    let Some(search) = tags
        .iter()
        .find(|t| t.attrs.iter().any(|(k, _)| k == "data-search"))
    else {
        panic!("no search box on the home page");
    };
    let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/aula/static/assets");
    let mut hooks = Vec::new();
    for entry in std::fs::read_dir(assets).expect("the theme's assets") {
        let path = entry.expect("an asset").path();
        if path.extension().is_some_and(|e| e == "js") && !path.ends_with("search.js") {
            let js = std::fs::read_to_string(&path).expect("a script");
            for (at, _) in js.match_indices("[data-") {
                let name: String = js[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                hooks.push((
                    name,
                    path.file_name().map(|n| n.to_string_lossy().into_owned()),
                ));
            }
        }
    }
    assert!(
        hooks.iter().any(|(h, _)| h == "data-search"),
        "aula.js looks for the box"
    );
    for (name, _) in &search.attrs {
        let clash: Vec<_> = hooks
            .iter()
            .filter(|(h, _)| h == name && h != "data-search")
            .collect();
        assert!(clash.is_empty(), "`{name}` is also a hook of {clash:?}");
    }
}
