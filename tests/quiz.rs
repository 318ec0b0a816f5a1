//! Quizzes: every validation rule with its message and position, how a quiz file becomes
//! a page, and what that page's HTML guarantees to the theme's script.

mod common;

use common::html::{between, tags, text_of};
use common::{course, Course, Run};

const QUIZ: &str = "content/01-m/quiz.toml";

/// A module with a lesson (headed `## Setup`) and `quiz` as its quiz.toml.
fn with_quiz(quiz: &str) -> Course {
    course()
        .file("content/01-m/_index.md", "# Module\n")
        .file("content/01-m/01-lesson.md", "# Lesson\n\n## Setup\n")
        .file(QUIZ, quiz)
        .build()
}

/// Builds a course whose quiz must fail, and returns what aula said.
fn fails(quiz: &str) -> Run {
    with_quiz(quiz).build_fails()
}

/// A valid question, to pad quizzes that test something else.
const GOOD: &str = "[[questions]]\nprompt = \"Good?\"\nanswer = true\n";

/// The JSON of the quiz page's answer key.
fn answer_key(html: &str) -> serde_json::Value {
    tags(html)
        .into_iter()
        .filter(|t| t.name == "script" && t.attr("type") == Some("application/json"))
        .filter_map(|t| serde_json::from_str::<serde_json::Value>(t.script.as_deref()?).ok())
        .find(|v| v.get("questions").is_some())
        .expect("a <script type=\"application/json\"> with the questions")
}

#[test]
fn a_toml_syntax_error_points_at_its_line() {
    fails("title = \"Q\"\n\n[[questions]]\nprompt = \"Unclosed\n").has_error(
        "invalid TOML",
        "content/01-m/quiz.toml:4:19",
        "check the quoting and the `key = value` syntax on this line",
    );
}

#[test]
fn every_unknown_key_of_a_quiz_is_reported_with_a_suggestion() {
    let run = fails(
        "title = \"Q\"\nshufle = true\n\n[[questions]]\npromt = \"?\"\n\n[[questions.options]]\ntext = \"a\"\ncorect = true\n",
    );
    assert_eq!(run.error_count(), 3, "{}", run.stderr);
    run.has_error(
        "unknown key `shufle`",
        "content/01-m/quiz.toml:2:1",
        "did you mean `shuffle`?",
    )
    .has_error(
        "unknown key `promt`",
        "content/01-m/quiz.toml:5:1",
        "did you mean `prompt`?",
    )
    .has_error(
        "unknown key `corect`",
        "content/01-m/quiz.toml:9:1",
        "did you mean `correct`?",
    );
}

#[test]
fn an_unknown_mode_names_the_allowed_ones() {
    let run = fails(&format!("title = \"Q\"\nmode = \"fast\"\n{GOOD}"));
    run.has_error(
        "`mode` must be `\"instant\"`, `\"submit\"` or `\"both\"`, like `mode = \"both\"`",
        "content/01-m/quiz.toml:2:8",
        "found `\"fast\"`",
    );
}

#[test]
fn a_quiz_without_a_title_is_an_error() {
    // Regression: the quiz page and its navigation link had an empty title.
    fails(GOOD).has_error(
        "this quiz has no title",
        "content/01-m/quiz.toml:1:1",
        "add `title = \"…\"` at the top of the quiz file",
    );
}

#[test]
fn a_quiz_without_questions_is_an_error() {
    fails("title = \"Q\"\n").has_error(
        "this quiz has no questions",
        "content/01-m/quiz.toml:1:1",
        "add at least one `[[questions]]` table with a prompt and options",
    );
}

#[test]
fn a_question_without_a_prompt_is_an_error() {
    fails(&format!(
        "title = \"Q\"\n{GOOD}\n[[questions]]\nanswer = false\n"
    ))
    .has_error(
        "question 2 has no prompt",
        "content/01-m/quiz.toml:6:1",
        "add `prompt = \"…\"` with the question's text",
    );
}

#[test]
fn a_question_without_options_is_an_error() {
    fails("title = \"Q\"\n[[questions]]\nid = \"colour\"\nprompt = \"Which?\"\n").has_error(
        "question `colour` has no options",
        "content/01-m/quiz.toml:2:1",
        "add at least two `[[questions.options]]` tables, one with `correct = true`",
    );
}

#[test]
fn a_question_with_one_option_is_an_error() {
    fails("title = \"Q\"\n[[questions]]\nprompt = \"Which?\"\n[[questions.options]]\ntext = \"Only\"\ncorrect = true\n")
        .has_error(
            "question `q1` has 1 option; it needs at least 2",
            "content/01-m/quiz.toml:4:1",
            "add another `[[questions.options]]` table",
        );
}

#[test]
fn a_question_without_a_correct_option_is_an_error() {
    fails("title = \"Q\"\n[[questions]]\nprompt = \"Which?\"\n[[questions.options]]\ntext = \"A\"\n[[questions.options]]\ntext = \"B\"\n")
        .has_error(
            "question `q1` has no correct option",
            "content/01-m/quiz.toml:4:1",
            "mark the right option with `correct = true`",
        );
}

#[test]
fn a_single_answer_question_with_two_correct_options_is_an_error() {
    fails("title = \"Q\"\n[[questions]]\ntype = \"single\"\nprompt = \"Which?\"\n[[questions.options]]\ntext = \"A\"\ncorrect = true\n[[questions.options]]\ntext = \"B\"\ncorrect = true\n")
        .has_error(
            "single-answer question `q1` has 2 correct options",
            "content/01-m/quiz.toml:5:1",
            "mark only one option `correct = true`, or make it `type = \"multiple\"`",
        );
}

#[test]
fn the_same_option_twice_is_an_error() {
    fails("title = \"Q\"\n[[questions]]\nprompt = \"Which?\"\n[[questions.options]]\ntext = \"Red\"\ncorrect = true\n[[questions.options]]\ntext = \" red \"\n")
        .has_error(
            "question `q1` has the option `red` twice",
            "content/01-m/quiz.toml:8:8",
            "every option of a question needs a different text",
        );
}

#[test]
fn an_option_without_text_is_an_error() {
    fails("title = \"Q\"\n[[questions]]\nprompt = \"Which?\"\n[[questions.options]]\ntext = \"A\"\ncorrect = true\n[[questions.options]]\nfeedback = \"No.\"\n")
        .has_error(
            "an option of question `q1` has no text",
            "content/01-m/quiz.toml:7:1",
            "add `text = \"…\"` to the option",
        );
    fails("title = \"Q\"\n[[questions]]\nprompt = \"Which?\"\n[[questions.options]]\ntext = \"A\"\ncorrect = true\n[[questions.options]]\ntext = \"  \"\n")
        .has_error(
            "an option of question `q1` has no text",
            "content/01-m/quiz.toml:7:1",
            "add `text = \"…\"` to the option",
        );
}

#[test]
fn two_questions_with_the_same_id_are_an_error() {
    fails("title = \"Q\"\n[[questions]]\nid = \"same\"\nprompt = \"A?\"\nanswer = true\n[[questions]]\nid = \"same\"\nprompt = \"B?\"\nanswer = true\n")
        .has_error(
            "duplicate question id `same`",
            "content/01-m/quiz.toml:7:6",
            "give every question of the quiz its own id",
        );
}

#[test]
fn a_question_id_that_cannot_be_an_html_id_is_an_error() {
    fails("title = \"Q\"\n[[questions]]\nid = \"two words\"\nprompt = \"A?\"\nanswer = true\n")
        .has_error(
            "question id `two words` is not a valid id",
            "content/01-m/quiz.toml:3:6",
            "use only letters, digits, `-` and `_`",
        );
}

#[test]
fn a_generated_question_id_never_takes_an_id_given_elsewhere() {
    // Regression: a question with `id = "q2"` followed by one without an id gave both the
    // id `q2`: two fieldsets and two radio groups under one name, and no error.
    let course = with_quiz(
        "title = \"Q\"\n[[questions]]\nid = \"q2\"\nprompt = \"A?\"\nanswer = true\n[[questions]]\nprompt = \"B?\"\nanswer = true\n[[questions]]\nprompt = \"C?\"\nanswer = true\n[[questions]]\nid = \"q3\"\nprompt = \"D?\"\nanswer = false\n",
    );
    course.build();
    let key = answer_key(&course.output("m/quiz.html"));
    let ids: Vec<&str> = key["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["q2", "q2-2", "q3-2", "q3"]);
}

#[test]
fn draw_must_be_between_one_and_the_pool() {
    let two = format!("{GOOD}{GOOD}");
    fails(&format!("title = \"Q\"\ndraw = 3\n{two}")).has_error(
        "draw = 3 but the pool has 2 questions",
        "content/01-m/quiz.toml:2:8",
        "draw must be at least 1 and at most the number of questions",
    );
    fails(&format!("title = \"Q\"\ndraw = 0\n{two}")).has_error(
        "draw = 0 but the pool has 2 questions",
        "content/01-m/quiz.toml:2:8",
        "draw must be at least 1",
    );
}

#[test]
fn pass_must_be_a_percent() {
    for pass in ["101", "-1"] {
        fails(&format!("title = \"Q\"\npass = {pass}\n{GOOD}")).has_error(
            &format!("pass = {pass} is outside 0–100"),
            "content/01-m/quiz.toml:2:8",
            "give the percent a learner needs to pass, e.g. `pass = 80`",
        );
    }
}

#[test]
fn attempts_cannot_be_negative() {
    fails(&format!("title = \"Q\"\nattempts = -2\n{GOOD}")).has_error(
        "attempts = -2 is negative",
        "content/01-m/quiz.toml:2:12",
        "use 0 for unlimited attempts, or the number of attempts allowed",
    );
}

#[test]
fn points_cannot_be_negative() {
    fails("title = \"Q\"\n[[questions]]\nprompt = \"?\"\nanswer = true\npoints = -1\n").has_error(
        "points cannot be negative",
        "content/01-m/quiz.toml:5:10",
        "give a whole number of points, 1 by default",
    );
}

#[test]
fn an_answer_together_with_options_is_an_error() {
    fails("title = \"Q\"\n[[questions]]\nprompt = \"?\"\nanswer = true\n[[questions.options]]\ntext = \"A\"\ncorrect = true\n[[questions.options]]\ntext = \"B\"\n")
        .has_error(
            "`answer` is given together with `options`",
            "content/01-m/quiz.toml:4:10",
            "a true_false question takes `answer = true|false` and no options",
        );
}

#[test]
fn an_answer_on_a_question_that_is_not_true_false_is_an_error() {
    fails("title = \"Q\"\n[[questions]]\ntype = \"single\"\nprompt = \"?\"\nanswer = true\n")
        .has_error(
            "`answer` does not apply to single questions",
            "content/01-m/quiz.toml:5:10",
            "remove it, or write the `type` that takes it: `true_false` or `numeric`",
        );
}

#[test]
fn a_true_false_question_without_an_answer_is_an_error() {
    fails("title = \"Q\"\n[[questions]]\ntype = \"true_false\"\nprompt = \"?\"\n").has_error(
        "true_false question `q1` has no answer",
        "content/01-m/quiz.toml:2:1",
        "add `answer = true` or `answer = false`",
    );
}

#[test]
fn scoring_only_applies_to_multiple_answer_questions() {
    fails("title = \"Q\"\n[[questions]]\nprompt = \"?\"\nanswer = true\nscoring = \"partial\"\n")
        .has_error(
            "`scoring` does not apply to true_false questions",
            "content/01-m/quiz.toml:5:11",
            "remove it, or write the `type` that takes it: `multiple`, `order` or `match`",
        );
}

#[test]
fn every_mistake_of_a_quiz_is_reported_in_one_run() {
    let run = fails(
        "title = \"Q\"\npass = 200\nattempts = -1\n\n[[questions]]\nid = \"a\"\nprompt = \"?\"\n\n[[questions]]\nid = \"a\"\nprompt = \"?\"\n[[questions.options]]\ntext = \"x\"\n",
    );
    assert_eq!(run.error_count(), 6, "{}", run.stderr);
    run.stderr_has(&[
        "question `a` has no correct option",
        "pass = 200 is outside 0–100",
        "attempts = -1 is negative",
        "question `a` has no options",
        "duplicate question id `a`",
        "question `a` has 1 option; it needs at least 2",
    ]);
}

#[test]
fn broken_links_in_a_quiz_point_at_their_line_in_the_quiz_file() {
    let run = fails(
        "title = \"Q\"\ndescription = \"Read [the lesson](01-lesson.md#setpu) first.\"\n\n[[questions]]\nprompt = \"See [this](missing.md).\"\nexplanation = \"\"\"\nThe answer is in\n[the lesson](../01-m/01-leson.md).\"\"\"\n[[questions.options]]\ntext = \"A [b](/abs)\"\ncorrect = true\nfeedback = \"Read [the module](_index.md#nope).\"\n[[questions.options]]\ntext = \"B\"\n",
    );
    assert_eq!(run.error_count(), 5, "{}", run.stderr);
    run.has_error(
        "link to a missing anchor `#setpu` in content/01-m/01-lesson.md",
        "content/01-m/quiz.toml:2:21",
        "did you mean `#setup`?",
    )
    .has_error(
        "link to a missing file `missing.md`",
        "content/01-m/quiz.toml:5:15",
        "link to an existing .md file",
    )
    .has_error(
        "link to a missing file `../01-m/01-leson.md`",
        "content/01-m/quiz.toml:8:1",
        "did you mean `01-lesson.md`?",
    )
    .has_error(
        "absolute link `/abs`",
        "content/01-m/quiz.toml:10:11",
        "link by relative path",
    )
    .has_error(
        "link to a missing anchor `#nope` in content/01-m/_index.md",
        "content/01-m/quiz.toml:12:18",
        "content/01-m/_index.md has no headings to link to",
    );
}

#[test]
fn a_link_to_a_heading_inside_the_quiz_resolves() {
    let course = with_quiz(
        "title = \"Q\"\ndescription = \"\"\"\n## Before you start\n\nRead this.\"\"\"\n\n[[questions]]\nprompt = \"See [the note](#before-you-start).\"\nanswer = true\n",
    );
    course.build();
    assert!(course
        .output("m/quiz.html")
        .contains("href=\"#before-you-start\""));
}

#[test]
fn headings_in_different_parts_of_a_quiz_get_different_ids() {
    let course = with_quiz(
        "title = \"Q\"\ndescription = \"## Case\"\n\n[[questions]]\nprompt = \"\"\"\n## Case\n\nTrue?\"\"\"\nanswer = true\n\n[[questions]]\nprompt = \"\"\"\n## Case\n\nFalse?\"\"\"\nanswer = false\n",
    );
    course.build();
    let html = course.output("m/quiz.html");
    for id in ["case", "case-1", "case-2"] {
        assert_eq!(
            html.matches(&format!("<h2 id=\"{id}\"")).count(),
            1,
            "one heading with id {id}"
        );
    }
}

#[test]
fn the_kind_of_a_question_is_inferred() {
    let course = with_quiz(
        "title = \"Q\"\n\n[[questions]]\nid = \"tf\"\nprompt = \"True?\"\nanswer = false\n\n[[questions]]\nid = \"many\"\nprompt = \"Which?\"\n[[questions.options]]\ntext = \"A\"\ncorrect = true\n[[questions.options]]\ntext = \"B\"\ncorrect = true\n[[questions.options]]\ntext = \"C\"\n\n[[questions]]\nid = \"one\"\nprompt = \"Which one?\"\n[[questions.options]]\ntext = \"A\"\ncorrect = true\n[[questions.options]]\ntext = \"B\"\n",
    );
    course.build();
    let html = course.output("m/quiz.html");
    let key = answer_key(&html);
    let kinds: Vec<(&str, &str)> = key["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["id"].as_str().unwrap(), q["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("tf", "true_false"),
            ("many", "multiple"),
            ("one", "single")
        ]
    );
    assert_eq!(key["questions"][0]["correct"], serde_json::json!(["false"]));
    assert_eq!(
        key["questions"][1]["correct"],
        serde_json::json!(["a", "b"])
    );

    // One fieldset per question, in the file's order.
    let inputs: Vec<Vec<String>> = html
        .split("<fieldset")
        .skip(1)
        .map(|fieldset| {
            tags(fieldset.split("</fieldset>").next().unwrap())
                .into_iter()
                .filter(|t| t.name == "input")
                .map(|t| t.attr("type").unwrap_or("").to_string())
                .collect()
        })
        .collect();
    assert_eq!(
        inputs,
        [
            vec!["radio", "radio"],
            vec!["checkbox", "checkbox", "checkbox"],
            vec!["radio", "radio"]
        ]
    );
}

#[test]
fn quiz_files_become_pages_after_the_lessons_unless_weighted() {
    let course = course()
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\nbase_url = \"https://example.org/\"\n",
        )
        .file("content/01-m/_index.md", "# Module\n")
        .file("content/01-m/01-lesson.md", "# Lesson\n")
        .file("content/01-m/02-more.md", "# More\n")
        .file(
            "content/01-m/quiz.toml",
            &format!("title = \"End\"\n{GOOD}"),
        )
        .file(
            "content/01-m/warm-up.quiz.toml",
            &format!("title = \"Warm-up\"\nweight = -1\n{GOOD}"),
        )
        .file(
            "content/01-m/final.quiz.toml",
            &format!("title = \"Final\"\n{GOOD}"),
        )
        .build();
    let run = course.build();
    assert!(
        run.stdout
            .starts_with("Built 7 pages (1 module, 3 quizzes)"),
        "{}",
        run.stdout
    );
    let sitemap = course.output("sitemap.xml");
    let order: Vec<&str> = sitemap
        .split("<loc>https://example.org/")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "",
            "m/",
            "m/warm-up.html",
            "m/lesson.html",
            "m/more.html",
            "m/final.html",
            "m/quiz.html"
        ]
    );
    assert_eq!(text_of(&course.output("m/warm-up.html"), "h1"), "Warm-up");
}

#[test]
fn a_quiz_page_is_a_form_of_fieldsets_with_its_key_in_json() {
    let course = with_quiz(
        "title = \"Check yourself\"\npass = 75\n\n[[questions]]\nprompt = \"Is **this** true?\"\nanswer = true\nexplanation = \"Yes: see [setup](01-lesson.md#setup).\"\n\n[[questions]]\nprompt = \"Pick two\"\n[[questions.options]]\ntext = \"`a`\"\ncorrect = true\nfeedback = \"Right.\"\n[[questions.options]]\ntext = \"b\"\ncorrect = true\n[[questions.options]]\ntext = \"c\"\nfeedback = \"No.\"\n\n[[questions]]\nprompt = \"Pick one\"\n[[questions.options]]\ntext = \"x\"\n[[questions.options]]\ntext = \"y\"\ncorrect = true\n",
    );
    course.build();
    let html = course.output("m/quiz.html");
    let all = tags(&html);
    let count = |name: &str| all.iter().filter(|t| t.name == name).count();
    assert_eq!(count("form"), 1);
    assert_eq!(count("fieldset"), 3);
    assert_eq!(count("legend"), 3);
    let form = between(&html, "<form", "</form>");
    assert_eq!(
        form.matches("<fieldset").count(),
        3,
        "the questions are in the form"
    );
    for fieldset in form.split("<fieldset").skip(1) {
        let legend = between(fieldset, "<legend", "</legend>");
        assert!(!legend.trim().is_empty());
    }
    assert!(
        form.contains("<strong>this</strong>"),
        "prompts are Markdown: {form}"
    );

    // Every input has a label that names it. (The search box's are made by aula.js, and
    // tested in the browser.)
    let inputs: Vec<_> = all.iter().filter(|t| t.name == "input").collect();
    assert_eq!(inputs.len(), 2 + 3 + 2);
    let labels: Vec<&str> = all
        .iter()
        .filter(|t| t.name == "label")
        .filter_map(|t| t.attr("for"))
        .collect();
    for input in &inputs {
        let id = input.attr("id").expect("an input with an id");
        assert!(labels.contains(&id), "no label for {id}");
    }
    let types: Vec<&str> = inputs.iter().map(|t| t.attr("type").unwrap()).collect();
    assert_eq!(
        types,
        ["radio", "radio", "checkbox", "checkbox", "checkbox", "radio", "radio"]
    );

    // The answer key and the feedback are data, not markup.
    let key = answer_key(&html);
    assert_eq!(key["pass"], 75);
    assert_eq!(key["questions"][1]["feedback"]["c"], "<p>No.</p>\n");
    assert!(key["questions"][0]["explanation"]
        .as_str()
        .unwrap()
        .contains("href=\"../m/lesson.html#setup\""));
    assert!(
        !form.contains("No."),
        "feedback is not shown before answering"
    );

    assert_no_inline_code(&html);
}

/// The pages run under a CSP without 'unsafe-inline': scripts come from files, data from
/// JSON script elements, and no element carries a handler or a style.
fn assert_no_inline_code(html: &str) {
    for tag in tags(html) {
        if tag.name == "script" {
            let is_data = tag.attr("type") == Some("application/json");
            assert!(
                tag.attr("src").is_some() || is_data,
                "inline script: {:?}",
                tag.script
            );
            if tag.attr("src").is_some() {
                assert_eq!(tag.script.as_deref().map(str::trim), Some(""));
            }
        }
        for (name, _) in &tag.attrs {
            assert!(
                !(name.starts_with("on") && name.len() > 2),
                "inline handler {name} on <{}>",
                tag.name
            );
            assert_ne!(name, "style", "inline style on <{}>", tag.name);
        }
    }
}

#[test]
fn no_page_of_the_fixture_has_inline_code() {
    let course = common::fixture("basic").build();
    course.build();
    for (rel, bytes) in common::snapshot(&course.root().join("public")) {
        if rel.ends_with(".html") {
            assert_no_inline_code(&String::from_utf8(bytes).unwrap());
        }
    }
}

#[test]
fn quiz_text_cannot_close_the_json_script_element() {
    let course = with_quiz(
        "title = \"Q\"\n[[questions]]\nprompt = \"?\"\nanswer = true\nexplanation = \"Never write `</script>` in HTML.\"\n",
    );
    course.build();
    let html = course.output("m/quiz.html");
    let key = answer_key(&html);
    assert!(key["questions"][0]["explanation"]
        .as_str()
        .unwrap()
        .contains("&lt;/script&gt;"));
    assert_no_inline_code(&html);
}

#[test]
fn a_quiz_pass_mark_defaults_to_site_toml() {
    let course = course()
        .file(
            "site.toml",
            "title = \"T\"\nlanguage = \"en\"\n[quiz]\npass = 85\n",
        )
        .file("content/01-m/_index.md", "# M\n")
        .file("content/01-m/quiz.toml", &format!("title = \"Q\"\n{GOOD}"))
        .file(
            "content/01-m/own.quiz.toml",
            &format!("title = \"Own\"\npass = 40\n{GOOD}"),
        )
        .build();
    course.build();
    assert_eq!(answer_key(&course.output("m/quiz.html"))["pass"], 85);
    assert_eq!(answer_key(&course.output("m/own.html"))["pass"], 40);
}

#[test]
fn printed_options_are_lettered_a_to_z_and_then_numbered() {
    let mut quiz =
        String::from("title = \"Q\"\nshuffle = false\n[[questions]]\nprompt = \"Which?\"\n");
    for i in 1..=28 {
        let correct = if i == 27 { "\ncorrect = true" } else { "" };
        quiz.push_str(&format!(
            "[[questions.options]]\ntext = \"Option {i}\"{correct}\n"
        ));
    }
    let course = with_quiz(&quiz);
    course.build();
    let print = course.output("print.html");
    for label in ["A.", "Z.", "27.", "28."] {
        assert!(
            print.contains(&format!("<span class=\"letter\">{label}</span>")),
            "{label} on the worksheet"
        );
    }
    let key = between(&print, "class=\"answer\">", "</span>");
    assert_eq!(
        key, "27. Option 27",
        "the answer key names the right option"
    );
}
