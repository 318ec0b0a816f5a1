//! Checks inside a lesson: a ```` ```quiz ```` block of a lesson's Markdown becomes a check at
//! that place, answered with instant feedback and stored nowhere; its mistakes are reported
//! at the lesson's lines; and the print page shows it as a worksheet.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::html::{between, quiz_data, tags};
use common::served::{expect_event, Served};
use common::{course, Course, Run};

const LESSON: &str = "content/01-m/01-lesson.md";

/// A module with `lesson` as its first lesson, a second lesson without checks, and a quiz.
fn with_lesson(lesson: &str) -> Course {
    course()
        .file("content/01-m/_index.md", "# Module\n")
        .file(LESSON, lesson)
        .file("content/01-m/02-plain.md", "# Plain\n\nNo checks here.\n")
        .file(
            "content/01-m/quiz.toml",
            "title = \"Module quiz\"\n\n[[questions]]\nid = \"final\"\nprompt = \"Done?\"\nanswer = true\n",
        )
        .build()
}

/// Builds a course whose lesson must fail, and returns what aula said.
fn fails(lesson: &str) -> Run {
    with_lesson(lesson).build_fails()
}

/// A check of one true/false question.
fn check(id: &str, prompt: &str) -> String {
    format!("```quiz\n[[questions]]\nid = \"{id}\"\nprompt = \"{prompt}\"\nanswer = true\n```\n")
}

/// Every id of a page, with how many elements have it.
fn id_counts(html: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for t in tags(html) {
        if let Some(id) = t.attr("id") {
            *counts.entry(id.to_string()).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn a_quiz_block_becomes_a_check_in_its_place_that_stores_nothing() {
    let course = with_lesson(&format!(
        "# Lesson\n\nBefore the checks.\n\n{}\nBetween the checks.\n\n{}\nAfter the checks.\n",
        check("intangible", "Is a service *intangible*?"),
        "```quiz\n[[questions]]\nid = \"pick\"\nprompt = \"Pick the right one.\"\n[[questions.options]]\ntext = \"Right\"\ncorrect = true\n[[questions.options]]\ntext = \"Wrong\"\n```\n",
    ));
    course.build();
    let html = course.output("m/lesson.html");
    let order: Vec<usize> = [
        "Before the checks.",
        "id=\"check_1-quiz\"",
        "Is a service <em>intangible</em>?",
        "Between the checks.",
        "id=\"check_2-quiz\"",
        "Pick the right one.",
        "After the checks.",
    ]
    .iter()
    .map(|s| {
        html.find(s)
            .unwrap_or_else(|| panic!("no {s:?} in:\n{html}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{html}");
    // The TOML is not shown as code, and the marker left for the template is gone.
    assert!(!html.contains("[[questions]]"), "{html}");
    assert!(!html.contains("<pre"), "{html}");
    assert!(!html.contains("aula:check"), "{html}");
    assert!(!html.contains("highlight.css"), "{html}");
    let data = quiz_data(&html);
    assert_eq!(data.len(), 2, "{html}");
    for d in &data {
        assert_eq!(d["key"], serde_json::Value::Null, "a check stores nothing");
        assert_eq!(d["mode"], "instant", "a check gives instant feedback");
    }
    assert_eq!(data[0]["questions"][0]["id"], "intangible");
    assert_eq!(data[1]["questions"][0]["correct"][0], "a");
    // Each check is a group named by its title, and has no submit button: it is instant.
    assert!(html.contains("<div class=\"check\" role=\"group\" aria-labelledby=\"check_1-title\">"));
    assert!(html.contains("id=\"check_1-title\">Check your understanding</p>"));
    assert!(!html.contains("quiz-submit"), "{html}");
    // What the script needs, once.
    assert_eq!(html.matches("assets/quiz.js\" defer></script>").count(), 1);
    assert_eq!(html.matches("assets/quiz.css\">").count(), 1);
    assert_eq!(html.matches("id=\"aula-strings\"").count(), 1);
    let strings = tags(&html)
        .into_iter()
        .find(|t| t.attr("id") == Some("aula-strings"))
        .and_then(|t| t.script)
        .unwrap();
    let strings: serde_json::Value = serde_json::from_str(&strings).unwrap();
    assert_eq!(strings["quiz_correct"], "Correct");
}

#[test]
fn a_page_without_checks_loads_nothing_of_the_quizzes() {
    let course = with_lesson(&format!("# Lesson\n\n{}", check("a", "A?")));
    course.build();
    for page in ["m/plain.html", "m/index.html", "index.html"] {
        let html = course.output(page);
        assert!(!html.contains("quiz.js"), "{page}:\n{html}");
        assert!(!html.contains("quiz.css"), "{page}:\n{html}");
        assert!(!html.contains("aula-strings"), "{page}:\n{html}");
    }
}

#[test]
fn a_check_never_counts_toward_the_modules_quiz() {
    let course = with_lesson(&format!("# Lesson\n\n{}", check("a", "A?")));
    course.build();
    let quiz = course.output("m/quiz.html");
    let data = quiz_data(&quiz);
    assert_eq!(data.len(), 1, "{quiz}");
    let questions = data[0]["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 1, "only the quiz file's question: {quiz}");
    assert_eq!(questions[0]["id"], "final");
    assert!(
        data[0]["key"].is_string(),
        "the quiz is stored under its key"
    );
    assert!(
        quiz.contains("<span class=\"quiz-total\">1</span>"),
        "{quiz}"
    );
}

#[test]
fn the_ids_of_two_checks_and_of_the_lesson_never_clash() {
    // The same question id in both checks, a heading whose slug looks like a check's ids, and
    // a heading in a check's prompt named like one of the lesson's.
    let course = with_lesson(&format!(
        "# Lesson\n\n## Setup\n\n## Check 1 quiz\n\n{}\n{}\nSee [the case](#setup-1).\n",
        "```quiz\n[[questions]]\nid = \"q\"\nprompt = \"\"\"\n## Setup\n\nTrue?\"\"\"\nanswer = true\n```\n",
        check("q", "Again?"),
    ));
    course.build();
    let html = course.output("m/lesson.html");
    let twice: Vec<_> = id_counts(&html)
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .collect();
    assert!(twice.is_empty(), "ids given twice: {twice:?}\n{html}");
    for id in [
        "setup",
        "check-1-quiz",
        "setup-1",
        "check_1-q-q",
        "check_2-q-q",
    ] {
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "no id {id}:\n{html}"
        );
    }
    assert!(html.contains("href=\"#setup-1\""), "{html}");
}

#[test]
fn every_mistake_of_every_check_is_reported_at_the_lessons_lines() {
    let run = fails(
        "# Lesson\n\n```quiz\n[[questions]]\npromt = \"x\"\nanswer = true\n```\n\nText.\n\n```quiz\n[[questions]]\nid = \"pick\"\nprompt = \"See [this](missing.md).\"\n[[questions.options]]\ntext = \"A\"\n```\n\n```quiz\n```\n\n```quiz\n[[questions]]\nprompt = \"Unclosed\n```\n",
    );
    assert_eq!(run.error_count(), 6, "{}", run.stderr);
    run.has_error(
        "unknown key `promt`",
        "content/01-m/01-lesson.md:5:1",
        "did you mean `prompt`?",
    )
    .has_error(
        "question `pick` has 1 option; it needs at least 2",
        "content/01-m/01-lesson.md:15:1",
        "add another `[[questions.options]]` table",
    )
    .has_error(
        "question `pick` has no correct option",
        "content/01-m/01-lesson.md:15:1",
        "mark the right option with `correct = true`",
    )
    .has_error(
        "link to a missing file `missing.md`",
        "content/01-m/01-lesson.md:14:15",
        "link to an existing .md file",
    )
    .has_error(
        "this check has no questions",
        "content/01-m/01-lesson.md:19:1",
        "write its questions as in a quiz file, each starting with a `[[questions]]` line",
    )
    .has_error(
        "invalid TOML",
        "content/01-m/01-lesson.md:24:19",
        "check the quoting and the `key = value` syntax on this line",
    );
    // With the caret under what is wrong, in the lesson's own line.
    assert!(
        run.error("unknown key `promt`")
            .contains(" 5 | promt = \"x\"\n   | ^^^^^"),
        "{}",
        run.stderr
    );
}

#[test]
fn aula_check_reports_a_checks_mistakes_as_build_does() {
    let course = with_lesson(
        "# Lesson\n\n```quiz\n[[questions]]\nprompt = \"N?\"\nanswer = \"18,5\"\n```\n",
    );
    let hint = "write the number without quotes, with a dot: `answer = 18.5`";
    let at = "content/01-m/01-lesson.md:6:10";
    let message = "the answer of numeric question `q1` is text, not a number";
    course.build_fails().has_error(message, at, hint);
    course
        .aula(&["check"])
        .failure()
        .has_error(message, at, hint);
}

#[test]
fn a_quiz_files_setting_in_a_check_says_that_a_check_has_none() {
    fails(&format!(
        "# Lesson\n\n```quiz\ntitle = \"Quick check\"\nmode = \"submit\"\n{}```\n",
        "[[questions]]\nprompt = \"?\"\nanswer = true\n"
    ))
    .has_error(
        "unknown key `title`",
        "content/01-m/01-lesson.md:4:1",
        "a check inside a lesson holds only questions (and groups): it has no title, gives instant feedback and never counts; a quiz that counts goes in a quiz file",
    )
    .has_error(
        "unknown key `mode`",
        "content/01-m/01-lesson.md:5:1",
        "a check inside a lesson holds only questions",
    );
}

#[test]
fn a_check_in_a_list_item_or_a_quote_is_reported_where_its_lines_are_written() {
    let run = fails(
        "# Lesson\n\n1. Step one:\n\n   ```quiz\n   [[questions]]\n   prompt = \"In a list\"\n   answer = \"x\"\n   ```\n\n> ```quiz\n> [[questions]]\n> prompt = \"In a quote\"\n> answer = 3\n> promt = \"y\"\n> ```\n",
    );
    assert_eq!(run.error_count(), 2, "{}", run.stderr);
    run.has_error(
        "the answer of numeric question `q1` is text, not a number",
        "content/01-m/01-lesson.md:8:13",
        "write the right number without quotes",
    )
    .has_error(
        "unknown key `promt`",
        "content/01-m/01-lesson.md:15:3",
        "did you mean `prompt`?",
    );
    assert!(
        run.error("unknown key `promt`")
            .contains("15 | > promt = \"y\"\n    |   ^^^^^"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_check_in_a_list_item_stays_in_it_and_works() {
    let course = with_lesson(&format!(
        "# Lesson\n\n1. Step one:\n\n   {}\n2. Step two.\n",
        check("listed", "In a list?").replace('\n', "\n   ")
    ));
    course.build();
    let html = course.output("m/lesson.html");
    let prose = between(&html, "<div class=\"prose\">", "</article>");
    let first = between(prose, "<li>", "</li>");
    assert!(first.contains("id=\"check_1-quiz\""), "{html}");
    assert_eq!(quiz_data(&html)[0]["questions"][0]["id"], "listed");
}

#[test]
fn a_quiz_block_shown_inside_another_fence_stays_code() {
    let course = with_lesson(
        "# Lesson\n\nWrite a check like this:\n\n````markdown\n```quiz\n[[questions]]\nprompt = \"?\"\nanswer = true\n```\n````\n",
    );
    course.build();
    let html = course.output("m/lesson.html");
    assert!(!html.contains("quiz-box"), "{html}");
    assert!(!html.contains("quiz.js"), "{html}");
    assert!(html.contains("<pre"), "{html}");
    assert!(html.contains("[[questions]]"), "{html}");
}

#[test]
fn the_print_page_shows_each_check_as_a_worksheet_where_it_stands() {
    let course = with_lesson(&format!(
        "# Lesson\n\nBefore.\n\n{}\nAfter.\n",
        "```quiz\n[[questions]]\nprompt = \"Which is **right**?\"\n[[questions.options]]\ntext = \"This one\"\ncorrect = true\n[[questions.options]]\ntext = \"That one\"\n```\n"
    ));
    course.build();
    let print = course.output("print.html");
    let lesson = between(&print, "id=\"m-lesson\"", "</section>");
    let sheet = between(lesson, "<div class=\"print-check\">", "</ol>");
    assert!(sheet.contains("Check your understanding"), "{lesson}");
    assert!(
        sheet.contains("Which is <strong>right</strong>?"),
        "{lesson}"
    );
    assert!(
        sheet.contains("<span class=\"letter\">A.</span> <span>This one</span>")
            && sheet.contains("<span class=\"letter\">B.</span> <span>That one</span>"),
        "{lesson}"
    );
    assert!(lesson.find("Before.") < lesson.find("print-check"));
    assert!(lesson.find("print-check") < lesson.find("After."));
    // Paper has nothing to click, and needs no script.
    assert!(!print.contains("quiz-box"), "{print}");
    assert!(!print.contains("quiz.js"), "{print}");
    assert!(!print.contains("aula:check"), "{print}");
}

#[test]
fn editing_a_check_in_a_served_lesson_shows_the_new_check() {
    let lesson = |prompt: &str| format!("# Lesson\n\nText.\n\n{}", check("a", prompt));
    let s = Served::start(with_lesson(&lesson("First version?")));
    assert!(s.get("/m/lesson.html").body.contains("First version?"));
    let events = s.events();
    s.write(LESSON, &lesson("Second version?"));
    expect_event(&events, "reload", Duration::from_secs(2));
    let page = s.get("/m/lesson.html").body;
    assert!(page.contains("Second version?"), "{page}");
    assert!(page.contains("id=\"check_1-quiz\""), "{page}");
    assert!(page.contains("quiz.js"), "{page}");
    assert!(
        s.get("/print.html").body.contains("Second version?"),
        "the print page follows"
    );
    // A mistake in the check is shown, and the last good page stays served.
    s.write(
        LESSON,
        &lesson("Third?").replace("answer = true", "answer = 3\npromt = \"x\""),
    );
    let frame = expect_event(&events, "errors", Duration::from_secs(5));
    assert!(frame.contains("content/01-m/01-lesson.md:10:1"), "{frame}");
    assert!(frame.contains("unknown key `promt`"), "{frame}");
    assert!(s.get("/m/lesson.html").body.contains("Second version?"));
}

#[test]
fn a_theme_made_before_checks_is_told_it_needs_check_html() {
    // A course's own theme: aula's, as a theme made before checks would be, without check.html.
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/aula");
    let mut builder = course()
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\nbase_url = \"/\"\n\n[theme]\nname = \"old\"\n",
        )
        .file("content/01-m/_index.md", "# Module\n")
        .file(LESSON, &format!("# Lesson\n\n{}", check("a", "A?")));
    for entry in walkdir::WalkDir::new(&theme) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&theme).unwrap();
        if entry.file_type().is_file() && !rel.ends_with("check.html") {
            let rel = format!("themes/old/{}", rel.to_string_lossy().replace('\\', "/"));
            builder = builder.bytes(&rel, &std::fs::read(entry.path()).unwrap());
        }
    }
    let run = builder.build().build_fails();
    let error = run.error("the theme has no check.html, which a ```quiz block needs");
    assert!(
        error.contains("--> themes/old/templates/check.html\n"),
        "{error}"
    );
    assert!(
        error.contains("= hint: add it beside the theme's other templates"),
        "{error}"
    );
}
