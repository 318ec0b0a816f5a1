//! The quiz kinds of issue 18 (order, match, short, numeric), groups of questions, `mode =
//! "both"` and `shuffle = "options"`: every check of a quiz file with its message, its
//! `file:line:col` and its hint, and the answer key the page gives the browser.

mod common;

use common::html::{between, quiz_data, tags};
use common::{aula_in, course, Course, Run};
use serde_json::{json, Value};

const QUIZ: &str = "content/01-m/quiz.toml";

/// A valid true_false question.
const GOOD: &str = "[[questions]]\nprompt = \"¿Verdad?\"\nanswer = true\n";

/// A module with a lesson and `quiz` as its quiz.toml.
fn with_quiz(quiz: &str) -> Course {
    course()
        .file("content/01-m/_index.md", "# Módulo\n")
        .file("content/01-m/01-lesson.md", "# Lección\n")
        .file(QUIZ, quiz)
        .build()
}

/// Builds a course whose quiz must fail, and returns what aula said.
fn fails(quiz: &str) -> Run {
    with_quiz(quiz).build_fails()
}

/// `file:line:col` in the quiz file.
fn at(line: usize, col: usize) -> String {
    format!("{QUIZ}:{line}:{col}")
}

/// A quiz titled "Q" with `body` after the title line, so `body` starts on line 2.
fn quiz(body: &str) -> String {
    format!("title = \"Q\"\n{body}")
}

/// The answer key of the quiz page: the JSON in `<script type="application/json"
/// class="quiz-data">`.
fn answer_key(course: &Course) -> Value {
    quiz_data(&course.output("m/quiz.html")).remove(0)
}

/// The key of the question with `id`.
fn question<'a>(key: &'a Value, id: &str) -> &'a Value {
    key["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no question `{id}` in {key}"))
}

/// The ids of the key's questions, in order.
fn ids(key: &Value) -> Vec<&str> {
    key["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect()
}

// ---- order ----

#[test]
fn an_order_question_needs_two_items() {
    fails(&quiz(
        "[[questions]]\ntype = \"order\"\nprompt = \"Ordena.\"\nitems = [\"Escuchar\"]\n",
    ))
    .has_error(
        "order question `q1` has 1 item; it needs at least 2",
        &at(5, 9),
        "list at least two items, in the right order",
    );
}

#[test]
fn an_order_question_without_items_is_an_error_not_a_crash() {
    // Regression: the quiz, still rendered to find every error, panicked scrambling its
    // zero items.
    fails(&quiz(
        "[[questions]]\nid = \"pasos\"\ntype = \"order\"\nprompt = \"Ordena.\"\n",
    ))
    .has_error(
        "order question `pasos` has no items",
        &at(2, 1),
        "add `items = [\"…\", \"…\"]` with the items in the right order",
    );
}

#[test]
fn an_order_question_with_the_same_item_twice_is_an_error() {
    // Compared as the learner reads them: case and surrounding spaces aside.
    fails(&quiz(
        "[[questions]]\ntype = \"order\"\nprompt = \"Ordena.\"\nitems = [\"Escuchar\", \"Agradecer\", \" escuchar \"]\n",
    ))
    .has_error(
        "question `q1` has the item `escuchar` twice",
        &at(5, 35),
        "every item needs a different text, or the right order is ambiguous",
    );
}

// ---- match ----

/// A quiz whose question `m`, from line 2 to its prompt on line 5, is a match question
/// with `extra` lines after the prompt and then `pairs`, each `(left, right)`.
fn match_question(pairs: &[(&str, &str)], extra: &str) -> String {
    let mut q =
        format!("[[questions]]\nid = \"m\"\ntype = \"match\"\nprompt = \"Relaciona.\"\n{extra}");
    for (left, right) in pairs {
        q.push_str(&format!(
            "[[questions.pairs]]\nleft = \"{left}\"\nright = \"{right}\"\n"
        ));
    }
    quiz(&q)
}

#[test]
fn a_match_question_with_the_same_left_text_twice_is_an_error() {
    fails(&match_question(
        &[
            ("Intangible", "No se toca"),
            ("intangible", "No se almacena"),
        ],
        "",
    ))
    .has_error(
        "question `m` has the left item `intangible` twice",
        &at(10, 8),
        "every left item needs a different text",
    );
}

#[test]
fn a_match_question_with_the_same_right_text_twice_is_an_error() {
    fails(&match_question(
        &[("Intangible", "No se toca"), ("Perecedero", "No se toca")],
        "",
    ))
    .has_error(
        "question `m` has the right item `No se toca` twice",
        &at(11, 9),
        "every right item needs a different text, or two pairings would both be right",
    );
}

#[test]
fn a_distractor_equal_to_a_right_text_is_an_error() {
    fails(&match_question(
        &[
            ("Intangible", "No se toca"),
            ("Perecedero", "No se almacena"),
        ],
        "distractors = [\"Se fabrica en serie\", \"no se toca\"]\n",
    ))
    .has_error(
        "question `m` has the right-hand text `no se toca` twice",
        &at(6, 39),
        "a distractor must differ from every right item and from the other distractors",
    );
}

#[test]
fn a_match_question_needs_two_pairs() {
    fails(&match_question(&[("Intangible", "No se toca")], "")).has_error(
        "match question `m` has 1 pair; it needs at least 2",
        &at(6, 1),
        "add `[[questions.pairs]]` tables, each with a `left` and its `right`",
    );
    fails(&match_question(&[], "")).has_error(
        "match question `m` has 0 pairs; it needs at least 2",
        &at(2, 1),
        "add `[[questions.pairs]]` tables, each with a `left` and its `right`",
    );
}

#[test]
fn a_pair_without_its_left_or_its_right_says_which() {
    let run = fails(&quiz(
        "[[questions]]\nid = \"m\"\ntype = \"match\"\nprompt = \"Relaciona.\"\n[[questions.pairs]]\nleft = \"Intangible\"\n[[questions.pairs]]\nright = \"No se almacena\"\n[[questions.pairs]]\nleft = \"  \"\nright = \"No se toca\"\n[[questions.pairs]]\n",
    ));
    let hint = "give every pair both: `left = \"…\"` and `right = \"…\"`";
    run.has_error("a pair of question `m` has no `right`", &at(6, 1), hint)
        .has_error("a pair of question `m` has no `left`", &at(8, 1), hint)
        .has_error("a pair of question `m` has no `left`", &at(10, 1), hint)
        .has_error(
            "a pair of question `m` has no `left` and no `right`",
            &at(13, 1),
            hint,
        );
}

// ---- short ----

#[test]
fn a_short_question_needs_accept_or_pattern() {
    fails(&quiz(
        "[[questions]]\ntype = \"short\"\nprompt = \"¿Cómo se llama?\"\n",
    ))
    .has_error(
        "short question `q1` has no `accept` and no `pattern`",
        &at(2, 1),
        "add `accept = [\"…\"]` with the right answers, or a `pattern`",
    );
    // An empty list accepts nothing either.
    fails(&quiz(
        "[[questions]]\ntype = \"short\"\nprompt = \"¿Cómo se llama?\"\naccept = []\n",
    ))
    .has_error(
        "short question `q1` has no `accept` and no `pattern`",
        &at(2, 1),
        "add `accept = [\"…\"]`",
    );
}

#[test]
fn a_pattern_that_does_not_compile_is_pointed_at_inside_the_pattern() {
    // Line 5 is `pattern = '^momentos? (de verdad$'`: the `(` never closed is column 22.
    fails(&quiz(
        "[[questions]]\ntype = \"short\"\nprompt = \"¿Cómo se llama?\"\npattern = '^momentos? (de verdad$'\n",
    ))
    .has_error(
        "the pattern of question `q1` is not a valid regular expression: unclosed group",
        &at(5, 23),
        "see the README's quiz section for the syntax",
    );
}

#[test]
fn a_pattern_with_escapes_in_double_quotes_is_pointed_at_as_a_whole() {
    // In "…", `\\d` is two characters of the file for one of the pattern: a column inside
    // would point at the wrong character, so the error is at the string's start.
    fails(&quiz(
        "[[questions]]\ntype = \"short\"\nprompt = \"¿Cuántos?\"\npattern = \"^\\\\d+ (clientes$\"\n",
    ))
    .has_error(
        "the pattern of question `q1` is not a valid regular expression: unclosed group",
        &at(5, 11),
        "see the README's quiz section for the syntax",
    );
}

#[test]
fn a_pattern_browsers_cannot_read_is_refused_at_its_place() {
    for (pattern, col, message, hint) in [
        (
            "(?i)queja",
            12,
            "uses inline flags",
            "remove them: answers are already compared ignoring case",
        ),
        (
            "\\Aqueja",
            12,
            "uses this assertion",
            "use `^` for the start, `$` for the end",
        ),
        (
            "^[[:alpha:]]+$",
            14,
            "uses a `[:name:]` class",
            "write the characters, like `[a-z]`, or `\\p{L}` for any letter",
        ),
        (
            "^\\pL+$",
            13,
            "uses this Unicode class",
            "use a general category in braces, like `\\p{L}` for any letter",
        ),
    ] {
        fails(&quiz(&format!(
            "[[questions]]\ntype = \"short\"\nprompt = \"¿Qué?\"\npattern = '{pattern}'\n"
        )))
        .has_error(
            &format!("the pattern of question `q1` {message}, which browsers do not understand"),
            &at(5, col),
            hint,
        );
    }
}

#[test]
fn a_lone_closing_bracket_in_a_pattern_is_refused() {
    // Regression: Rust reads `a]` as the two characters, and Chromium's
    // `new RegExp("a]", "iu")` throws, so the question could never be answered right.
    fails(&quiz(
        "[[questions]]\ntype = \"short\"\nprompt = \"¿Qué?\"\npattern = 'queja]'\n",
    ))
    .has_error(
        "the pattern of question `q1` uses `]` without a backslash, which browsers do not understand",
        &at(5, 17),
        "write `\\]` for the character itself",
    );
}

#[test]
fn a_pattern_that_matches_without_a_character_is_refused() {
    // `(de verdad)?` matches the empty text at the start of any answer: every answer,
    // "no sé" included, would be right.
    fails(&quiz(
        "[[questions]]\ntype = \"short\"\nprompt = \"¿Qué?\"\npattern = '(de verdad)?'\n",
    ))
    .has_error(
        "the pattern of question `q1` can match without a single character, so it would accept every answer",
        &at(5, 12),
        "make part of it required, or hold it to the whole answer with `^…$`",
    );
}

// ---- numeric ----

#[test]
fn a_numeric_tolerance_cannot_be_negative() {
    fails(&quiz(
        "[[questions]]\ntype = \"numeric\"\nprompt = \"¿Cuántas?\"\nanswer = 18.5\ntolerance = -0.5\n",
    ))
    .has_error(
        "tolerance = -0.5 is negative",
        &at(6, 13),
        "give how far from the answer still counts as right, 0 or more",
    );
}

#[test]
fn an_infinite_tolerance_is_not_called_negative() {
    // Regression: `tolerance = inf` was reported as "tolerance = inf is negative".
    fails(&quiz(
        "[[questions]]\ntype = \"numeric\"\nprompt = \"¿Cuántas?\"\nanswer = 18.5\ntolerance = inf\n",
    ))
    .has_error(
        "tolerance = inf is not a number",
        &at(6, 13),
        "give how far from the answer still counts as right, 0 or more",
    );
}

#[test]
fn a_numeric_answer_with_a_comma_in_quotes_suggests_the_number() {
    fails(&quiz(
        "[[questions]]\ntype = \"numeric\"\nprompt = \"¿Cuántas?\"\nanswer = \"18,5\"\n",
    ))
    .has_error(
        "the answer of numeric question `q1` is text, not a number",
        &at(5, 10),
        "write the number without quotes, with a dot: `answer = 18.5`",
    );
}

#[test]
fn a_numeric_answer_that_is_no_number_at_all_is_an_error() {
    fails(&quiz(
        "[[questions]]\ntype = \"numeric\"\nprompt = \"¿Cuántas?\"\nanswer = \"muchas\"\n",
    ))
    .has_error(
        "the answer of numeric question `q1` is text, not a number",
        &at(5, 10),
        "write the right number without quotes, like `answer = 18.5`",
    );
    fails(&quiz(
        "[[questions]]\ntype = \"numeric\"\nprompt = \"¿Cuántas?\"\nanswer = true\n",
    ))
    .has_error(
        "the answer of numeric question `q1` is not a number",
        &at(5, 10),
        "write the right number, like `answer = 18.5`",
    );
}

#[test]
fn a_numeric_question_without_an_answer_is_an_error() {
    fails(&quiz(
        "[[questions]]\ntype = \"numeric\"\nprompt = \"¿Cuántas?\"\ntolerance = 1\n",
    ))
    .has_error(
        "numeric question `q1` has no answer",
        &at(2, 1),
        "add `answer = …` with the right number",
    );
}

#[test]
fn an_answer_of_another_type_says_what_it_found() {
    // Regression: the hint was serde's "data did not match any variant of untagged enum
    // RawAnswer".
    let run = fails(&quiz(
        "[[questions]]\ntype = \"numeric\"\nprompt = \"¿Cuántas?\"\nanswer = [18]\n",
    ));
    run.has_error(
        "`answer` must be `true` or `false` for a true_false question, like `answer = true`, or a number for a numeric one, like `answer = 18.5`",
        &at(5, 10),
        "found a list",
    );
    assert!(!run.stderr.contains("untagged"), "{}", run.stderr);
    let run = fails(&quiz(&format!("shuffle = [true]\n{GOOD}")));
    run.has_error(
        "`shuffle` must be `true`, `false` or `\"options\"`, like `shuffle = \"options\"`",
        &at(2, 11),
        "found a list",
    );
}

#[test]
fn a_true_or_false_in_quotes_is_read_as_a_true_false_answer() {
    // Regression: without a `type`, `answer = "true"` made the question numeric, and the
    // error spoke of numbers.
    fails(&quiz(
        "[[questions]]\nprompt = \"¿Se puede tocar?\"\nanswer = \"false\"\n",
    ))
    .has_error(
        "the answer of true_false question `q1` is not `true` or `false`",
        &at(4, 10),
        "write it without quotes: `answer = false`",
    );
}

// ---- keys of another kind ----

#[test]
fn a_key_of_another_kind_names_the_kinds_that_take_it() {
    let run = fails(&quiz(
        "[[questions]]\nprompt = \"¿Cuál?\"\nitems = [\"a\", \"b\"]\n[[questions.options]]\ntext = \"Intangible\"\ncorrect = true\n[[questions.options]]\ntext = \"Almacenable\"\n\n[[questions]]\ntype = \"numeric\"\nprompt = \"¿Cuántas?\"\nanswer = 18\npattern = '^18$'\n\n[[questions]]\ntype = \"short\"\nprompt = \"¿Qué?\"\naccept = [\"queja\"]\ntolerance = 0.5\ndistractors = [\"reclamo\"]\n",
    ));
    assert_eq!(run.error_count(), 4, "{}", run.stderr);
    run.has_error(
        "`items` does not apply to single questions",
        &at(4, 9),
        "remove it, or write the `type` that takes it: `order`",
    )
    .has_error(
        "`pattern` does not apply to numeric questions",
        &at(15, 11),
        "remove it, or write the `type` that takes it: `short`",
    )
    .has_error(
        "`tolerance` does not apply to short questions",
        &at(21, 13),
        "remove it, or write the `type` that takes it: `numeric`",
    )
    .has_error(
        "`distractors` does not apply to short questions",
        &at(22, 15),
        "remove it, or write the `type` that takes it: `match`",
    );
}

// ---- groups ----

/// A valid question of a group, with `id`.
fn group_question(id: &str) -> String {
    format!("[[groups.questions]]\nid = \"{id}\"\nprompt = \"¿Verdad?\"\nanswer = true\n")
}

#[test]
fn a_group_without_questions_is_an_error() {
    fails(&quiz(&format!(
        "{GOOD}[[groups]]\nid = \"caso-banco\"\ncontext = \"Lo que pasó en la sucursal.\"\n"
    )))
    .has_error(
        "group `caso-banco` has no questions",
        &at(5, 1),
        "add its questions below it, each starting with `[[groups.questions]]`",
    );
}

#[test]
fn two_groups_with_the_same_id_are_an_error() {
    fails(&quiz(&format!(
        "[[groups]]\nid = \"caso\"\n{}[[groups]]\nid = \"caso\"\n{}",
        group_question("a"),
        group_question("b")
    )))
    .has_error(
        "duplicate group id `caso`",
        &at(9, 6),
        "give every group of the quiz its own id",
    );
}

#[test]
fn question_ids_are_unique_across_groups() {
    let run = fails(&quiz(&format!(
        "[[questions]]\nid = \"uno\"\nprompt = \"¿Verdad?\"\nanswer = true\n[[groups]]\nid = \"caso-a\"\n{}[[groups]]\nid = \"caso-b\"\n{}",
        group_question("uno"),
        group_question("dos") + &group_question("dos"),
    )));
    assert_eq!(run.error_count(), 2, "{}", run.stderr);
    run.has_error(
        "duplicate question id `uno`",
        &at(9, 6),
        "give every question of the quiz its own id",
    )
    .has_error(
        "duplicate question id `dos`",
        &at(19, 6),
        "give every question of the quiz its own id",
    );
}

#[test]
fn draw_counts_a_group_as_one_pick() {
    // Two questions and a group of three: three picks, not five questions.
    let body = format!(
        "{GOOD}[[groups]]\nid = \"caso\"\n{}{GOOD}",
        group_question("a") + &group_question("b") + &group_question("c")
    );
    fails(&quiz(&format!("draw = 4\n{body}"))).has_error(
        "draw = 4 but the pool has 3 picks (a question or a whole group)",
        &at(2, 8),
        "draw must be at least 1 and at most the number of questions; a group counts as one",
    );
    let course = with_quiz(&quiz(&format!("draw = 3\n{body}")));
    course.build();
    assert_eq!(answer_key(&course)["draw"], 3);
}

#[test]
fn questions_and_groups_keep_the_order_of_the_file() {
    // A group between two questions: the file's order, not questions first and groups
    // after, as TOML's two lists of tables would give.
    let course = with_quiz(&quiz(&format!(
        "[[questions]]\nid = \"antes\"\nprompt = \"¿Antes?\"\nanswer = true\n[[groups]]\nid = \"caso\"\ncontext = \"Lo que pasó en **la sucursal**.\"\n{}[[questions]]\nid = \"despues\"\nprompt = \"¿Después?\"\nanswer = false\n",
        group_question("g1") + &group_question("g2")
    )));
    course.build();
    assert_eq!(ids(&answer_key(&course)), ["antes", "g1", "g2", "despues"]);
    let html = course.output("m/quiz.html");
    let position = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("no {needle} in the page"))
    };
    let (antes, case, g1, g2, despues) = (
        position("data-question=\"antes\""),
        position("<strong>la sucursal</strong>"),
        position("data-question=\"g1\""),
        position("data-question=\"g2\""),
        position("data-question=\"despues\""),
    );
    assert!(
        antes < case && case < g1 && g1 < g2 && g2 < despues,
        "the context shown once, above its questions, in the file's order"
    );
    assert_eq!(html.matches("la sucursal").count(), 1);
}

#[test]
fn generated_group_ids_never_take_an_id_given_to_another_group() {
    // Regression: the third group, without an id, was given `g3`, the id the second gives
    // itself, and the page had two sections with one HTML id.
    let course = with_quiz(&quiz(&format!(
        "[[groups]]\n{}[[groups]]\nid = \"g3\"\n{}[[groups]]\n{}",
        group_question("a"),
        group_question("b"),
        group_question("c")
    )));
    course.build();
    let html = course.output("m/quiz.html");
    let sections: Vec<String> = tags(&html)
        .into_iter()
        .filter(|t| t.name == "section" && t.attr("class") == Some("quiz-group"))
        .map(|t| t.attr("id").unwrap().to_string())
        .collect();
    assert_eq!(sections.len(), 3, "{html}");
    let mut unique = sections.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 3, "{sections:?}");
}

#[test]
fn options_written_below_a_group_for_its_question_are_an_error_at_their_header() {
    // Regression: TOML adds a `[[questions.options]]` to the last `[[questions]]`, even
    // below a `[[groups]]`; the author saw "`answer` is given together with `options`" on
    // another question.
    let run = fails(&quiz(
        "[[questions]]\nprompt = \"¿Verdad?\"\nanswer = true\n[[groups]]\nid = \"caso\"\n[[groups.questions]]\nprompt = \"¿Cuál?\"\n[[questions.options]]\ntext = \"A\"\ncorrect = true\n[[questions.options]]\ntext = \"B\"\n",
    ));
    assert_eq!(run.error_count(), 3, "{}", run.stderr);
    let hint = "for a question of the group, write `[[groups.questions.options]]`";
    run.has_error(
        "this `[[questions.options]]` is below a `[[groups]]`, so it belongs to the last `[[questions]]` above the group",
        &at(9, 1),
        hint,
    )
    .has_error("is below a `[[groups]]`", &at(12, 1), hint)
    .has_error(
        "question `q2` has no options",
        &at(7, 1),
        "add at least two `[[groups.questions.options]]` tables, one with `correct = true`",
    );
    assert!(!run.stderr.contains("together with"), "{}", run.stderr);
}

#[test]
fn a_misspelt_key_in_a_group_question_suggests_the_key() {
    let run = fails(&quiz(
        "[[groups]]\nid = \"caso\"\ncontxt = \"Lo que pasó.\"\n[[groups.questions]]\npromt = \"¿Verdad?\"\nanswer = true\n[[groups.questions]]\nprompt = \"¿Cuál?\"\n[[groups.questions.option]]\ntext = \"A\"\n",
    ));
    assert_eq!(run.error_count(), 3, "{}", run.stderr);
    run.has_error("unknown key `contxt`", &at(4, 1), "did you mean `context`?")
        .has_error("unknown key `promt`", &at(6, 1), "did you mean `prompt`?")
        .has_error(
            "unknown key `option`",
            &at(10, 20),
            "did you mean `[[groups.questions.options]]`?",
        );
}

// ---- quiz settings ----

#[test]
fn an_unknown_way_to_shuffle_is_an_error() {
    fails(&quiz(&format!("shuffle = \"sometimes\"\n{GOOD}"))).has_error(
        "shuffle = \"sometimes\" is not a way to shuffle",
        &at(2, 11),
        "write `shuffle = true` (options and questions), `shuffle = \"options\"` (options only) or `shuffle = false`",
    );
}

#[test]
fn mode_both_and_shuffle_options_are_accepted() {
    let course = with_quiz(&quiz(&format!(
        "mode = \"both\"\nshuffle = \"options\"\n{GOOD}"
    )));
    course.build();
    let key = answer_key(&course);
    assert_eq!(key["mode"], "both");
    assert_eq!(key["shuffle"], "options");
    // The learner chooses practice or exam with a radio group.
    let html = course.output("m/quiz.html");
    let modes: Vec<String> = tags(&html)
        .into_iter()
        .filter(|t| t.name == "input" && t.attr("type") == Some("radio"))
        .filter_map(|t| Some(t.attr("value")?.to_string()))
        .filter(|v| v == "practice" || v == "exam")
        .collect();
    assert_eq!(modes, ["practice", "exam"]);
}

#[test]
fn aula_init_writes_a_quiz_in_both_modes() {
    let dir = tempfile::tempdir().unwrap();
    aula_in(dir.path(), &["init", "curso"]).success();
    let root = dir.path().join("curso");
    let toml = std::fs::read_to_string(root.join("content/01-first-module/quiz.toml")).unwrap();
    assert!(toml.contains("mode = \"both\""), "{toml}");
    aula_in(&root, &["build"]).success();
    let html = std::fs::read_to_string(root.join("public/first-module/quiz.html")).unwrap();
    assert!(html.contains("value=\"practice\""), "{html}");
}

// ---- all at once ----

#[test]
fn every_mistake_of_a_quiz_with_every_kind_is_reported_in_one_run() {
    let run = fails(
        "title = \"Q\"\nshuffle = \"sometimes\"\ndraw = 9\n\n[[questions]]\ntype = \"order\"\nprompt = \"Ordena.\"\nitems = [\"Escuchar\", \"escuchar\"]\n\n[[groups]]\nid = \"caso\"\n[[groups.questions]]\ntype = \"match\"\nprompt = \"Relaciona.\"\n[[groups.questions.pairs]]\nleft = \"Intangible\"\n\n[[groups.questions]]\ntype = \"short\"\nprompt = \"¿Qué?\"\npattern = '(?i)queja'\n\n[[questions]]\ntype = \"numeric\"\nprompt = \"¿Cuántas?\"\nanswer = \"18,5\"\ntolerance = -1\n",
    );
    assert_eq!(run.error_count(), 8, "{}", run.stderr);
    run.has_error(
        "shuffle = \"sometimes\"",
        &at(2, 11),
        "write `shuffle = true`",
    )
    .has_error(
        "draw = 9 but the pool has 3 picks",
        &at(3, 8),
        "draw must be",
    )
    .has_error("has the item `escuchar` twice", &at(8, 22), "every item")
    .has_error(
        "has 1 pair; it needs at least 2",
        &at(15, 1),
        "add `[[groups.questions.pairs]]` tables",
    )
    .has_error("has no `right`", &at(15, 1), "give every pair both")
    .has_error("uses inline flags", &at(21, 12), "remove them")
    .has_error("is text, not a number", &at(26, 10), "write the number")
    .has_error("tolerance = -1 is negative", &at(27, 13), "give how far");
    // Top to bottom, as the author reads the file.
    let lines: Vec<usize> = run
        .stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix(&format!("--> {QUIZ}:")))
        .map(|rest| rest.split(':').next().unwrap().parse().unwrap())
        .collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
}

// ---- a quiz of every kind, and its answer key ----

const EVERY_KIND: &str = r#"title = "Evaluación: cultura de servicio"
mode = "both"
shuffle = "options"

[[questions]]
id = "pasos"
type = "order"
prompt = "Ordena los pasos del manejo de una queja."
items = ["Escuchar", "Agradecer", "Disculparse", "Resolver"]
scoring = "partial"
feedback = "Repasa el procedimiento de quejas."

[[questions]]
id = "rasgos"
type = "match"
prompt = "Relaciona cada característica con su significado."
distractors = ["Se fabrica en serie"]
[[questions.pairs]]
left = "Intangible"
right = "No se puede tocar antes de recibirlo"
[[questions.pairs]]
left = "Consumo inmediato"
right = "No se puede almacenar"

[[groups]]
id = "caso-banco"
context = "Un cliente espera veinte minutos en la sucursal."
[[groups.questions]]
id = "momento"
type = "short"
prompt = "¿Cómo se llama el instante en que el cliente se forma una impresión?"
accept = ["momento de verdad", "momentos de verdad"]
pattern = '^momentos? de verdad$'
[[groups.questions]]
id = "cuantos"
type = "numeric"
prompt = "¿A cuántas personas comunica un cliente insatisfecho?"
answer = 18.5
tolerance = 0.5

[[questions]]
id = "entero"
prompt = "¿Cuántos pasos tiene el procedimiento?"
answer = 7
"#;

#[test]
fn a_quiz_of_every_kind_builds_with_its_answer_key() {
    let course = with_quiz(EVERY_KIND);
    course.build();
    let key = answer_key(&course);
    assert_eq!(key["mode"], "both");
    assert_eq!(key["shuffle"], "options");
    assert_eq!(
        ids(&key),
        ["pasos", "rasgos", "momento", "cuantos", "entero"]
    );

    let order = question(&key, "pasos");
    assert_eq!(order["kind"], "order");
    assert_eq!(order["scoring"], "partial");
    assert_eq!(
        order["wrong"],
        "<p>Repasa el procedimiento de quejas.</p>\n"
    );

    // The item ids in the right order, which are the ids the page gives the items.
    let html = course.output("m/quiz.html");
    let correct: Vec<String> = order["correct"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(correct.len(), 4);
    let fieldset = between(&html, "data-question=\"pasos\"", "</fieldset>");
    let item_of = |id: &str| {
        let li = between(fieldset, &format!("data-item=\"{id}\""), "</li>");
        between(li, "<span class=\"quiz-item-text\">", "</span>").to_string()
    };
    let in_order: Vec<String> = correct.iter().map(|id| item_of(id)).collect();
    assert_eq!(
        in_order,
        ["Escuchar", "Agradecer", "Disculparse", "Resolver"]
    );
    // Shown out of order: the written order is the answer.
    let shown: Vec<&str> = fieldset
        .split("data-item=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(shown.len(), 4);
    assert_ne!(shown, correct);

    // One right-hand id per left item, each the id of that item's right text.
    let matching = question(&key, "rasgos");
    assert_eq!(matching["kind"], "match");
    let rights: Vec<&str> = matching["correct"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(rights.len(), 2);
    let option_text = |id: &str| {
        let needle = format!("<option value=\"{id}\">");
        let at = html.find(&needle).unwrap() + needle.len();
        html[at..].split("</option>").next().unwrap().to_string()
    };
    assert_eq!(
        rights.iter().map(|id| option_text(id)).collect::<Vec<_>>(),
        [
            "No se puede tocar antes de recibirlo",
            "No se puede almacenar"
        ]
    );
    assert!(html.contains(">Se fabrica en serie</option>"));

    let short = question(&key, "momento");
    assert_eq!(short["kind"], "short");
    assert_eq!(
        short["accept"],
        json!(["momento de verdad", "momentos de verdad"])
    );
    assert_eq!(short["pattern"], "^momentos? de verdad$");

    let numeric = question(&key, "cuantos");
    assert_eq!(numeric["kind"], "numeric");
    assert_eq!(numeric["answer"], 18.5);
    assert_eq!(numeric["tolerance"], 0.5);

    // A whole number is a number too, and a question with a number as its answer is
    // numeric without a `type`.
    let whole = question(&key, "entero");
    assert_eq!(whole["kind"], "numeric");
    assert_eq!(whole["answer"], 7.0);
    assert_eq!(whole["tolerance"], 0.0);
}

#[test]
fn a_check_in_a_lesson_reports_its_mistakes_at_the_lessons_lines_top_to_bottom() {
    // The same checks as a quiz file's, at the lesson's lines; they came out question by
    // question, key by key, the options under the group last.
    let lesson = "+++\ntitle = \"Lección\"\n+++\n\nTexto.\n\n```quiz\n[[questions]]\ntype = \"short\"\nprompt = \"¿Qué?\"\npattern = '^(momento$'\n\n[[questions]]\nprompt = \"¿Verdad?\"\nanswer = true\n[[groups]]\n[[groups.questions]]\nprompt = \"¿Cuál?\"\n[[questions.options]]\ntext = \"A\"\ncorrect = true\n```\n";
    let run = course()
        .file("content/01-m/_index.md", "# Módulo\n")
        .file("content/01-m/01-lesson.md", lesson)
        .build()
        .build_fails();
    let file = "content/01-m/01-lesson.md";
    run.has_error(
        "is not a valid regular expression: unclosed group",
        &format!("{file}:11:13"),
        "see the README's quiz section",
    )
    .has_error(
        "question `q3` has no options",
        &format!("{file}:17:1"),
        "add at least two `[[groups.questions.options]]` tables",
    )
    .has_error(
        "this `[[questions.options]]` is below a `[[groups]]`",
        &format!("{file}:19:1"),
        "for a question of the group, write `[[groups.questions.options]]`",
    );
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix(&format!("--> {file}:")))
        .collect();
    assert_eq!(lines, ["11:13", "17:1", "19:1"], "{}", run.stderr);
}

/// A question id may end in what the template used to add for a question's parts: `x` and
/// `x-all` (a multiple question's note), `x-answer` (a typed answer's box), `x-a` (a match
/// question's first select) each had one HTML id twice.
#[test]
fn question_ids_ending_like_a_part_of_another_question_do_not_give_one_html_id_twice() {
    let quiz = "title = \"Q\"\n\
        [[questions]]\nid = \"x\"\ntype = \"multiple\"\nprompt = \"?\"\n\
        [[questions.options]]\ntext = \"A\"\ncorrect = true\n[[questions.options]]\ntext = \"B\"\ncorrect = true\n\
        [[questions]]\nid = \"x-all\"\nprompt = \"?\"\nanswer = true\n\
        [[questions]]\nid = \"y\"\ntype = \"short\"\nprompt = \"?\"\naccept = [\"s\"]\n\
        [[questions]]\nid = \"y-answer\"\nprompt = \"?\"\nanswer = true\n\
        [[questions]]\nid = \"z\"\ntype = \"match\"\nprompt = \"?\"\n\
        [[questions.pairs]]\nleft = \"l1\"\nright = \"r1\"\n[[questions.pairs]]\nleft = \"l2\"\nright = \"r2\"\n\
        [[questions]]\nid = \"z-a\"\nprompt = \"?\"\nanswer = true\n";
    let course = with_quiz(quiz);
    course.build();
    let html = course.output("m/quiz.html");
    let mut seen = std::collections::HashSet::new();
    for id in tags(&html).iter().filter_map(|t| t.attr("id")) {
        assert!(
            seen.insert(id.to_string()),
            "the id `{id}` is on the page twice"
        );
    }
    assert!(
        seen.contains("q-x-all") && seen.contains("qa-x"),
        "{seen:?}"
    );
}
