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
