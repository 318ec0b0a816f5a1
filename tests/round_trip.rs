//! `aula export` then `aula import`: a quiz of every kind that Moodle holds exactly comes
//! back with the same questions, answers and scoring, as the built quiz page's answer key
//! (what the browser scores with) and the quiz file's texts say. What a format cannot hold
//! changes as README's mapping says, and no more.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::html::quiz_data;
use common::{aula_in, course, Course};
use serde_json::Value;

const QUIZ: &str = "content/01-m/quiz.toml";

/// Every kind Moodle holds exactly, with the fields both formats carry.
const EXACT: &str = r#"title = "Round trip"

[[questions]]
id = "single"
prompt = "Which {one} is *right*: a = b?"
explanation = "Because #1.\n\nSee ~this."

[[questions.options]]
text = "Right: yes, #1"
correct = true

[[questions.options]]
text = "Wrong"
feedback = "No: <b>wrong</b> & bad."

[[questions]]
id = "multiple"
type = "multiple"
scoring = "partial"
prompt = "Pick the three right ones."

[[questions.options]]
text = "A"
correct = true

[[questions.options]]
text = "B = b"
correct = true

[[questions.options]]
text = "C"
correct = true

[[questions.options]]
text = "D"
feedback = "D is wrong."

[[questions]]
id = "truth"
type = "true_false"
prompt = "Water is wet."
answer = false
feedback = "It makes things wet."

[[questions]]
id = "pairs"
type = "match"
scoring = "partial"
prompt = "Match each to its meaning."
distractors = ["Made in series"]

[[questions.pairs]]
left = "Intangible"
right = "Cannot be touched ~ at all"

[[questions.pairs]]
left = "Perishable"
right = "Cannot be stored"

[[questions]]
id = "word"
type = "short"
prompt = "The moment that counts?"
accept = ["moment of truth", "moments: of truth", "a 5* moment"]

[[questions]]
id = "number"
type = "numeric"
prompt = "How cold, in °C?"
answer = -18.5
tolerance = 0.5
explanation = "Minus 18.5, give or take."
"#;

fn with_quiz(quiz: &str) -> Course {
    course()
        .file("content/01-m/_index.md", "+++\ntitle = \"M\"\n+++\n")
        .file(QUIZ, quiz)
        .build()
}

/// The built quiz page's answer key, by question id.
fn answer_key(course: &Course) -> Vec<Value> {
    course.build();
    let key = quiz_data(&course.output("m/quiz.html")).remove(0);
    key["questions"].as_array().unwrap().clone()
}

/// The quiz file's questions, as TOML.
fn questions(course: &Course) -> Vec<toml::Value> {
    let text = std::fs::read_to_string(course.root().join(QUIZ)).unwrap();
    let quiz: toml::Table = text.parse().unwrap();
    quiz["questions"].as_array().unwrap().clone()
}

/// Exports `quiz` in `format`, imports the file back into a course of its own, and gives
/// both courses.
fn round_trip(quiz: &str, format: &str) -> (Course, Course) {
    let original = with_quiz(quiz);
    let ext = if format == "gift" { "gift" } else { "xml" };
    let bank = format!("bank.{ext}");
    original
        .aula(&["export", QUIZ, "--format", format, "-o", &bank])
        .success();
    let text = std::fs::read_to_string(original.root().join(&bank)).unwrap();
    let back = course()
        .file("content/01-m/_index.md", "+++\ntitle = \"M\"\n+++\n")
        .file(&bank, &text)
        .build();
    back.aula(&["import", &bank, "--output", QUIZ]).success();
    back.aula(&["check"]).success();
    (original, back)
}

/// Asserts that every question comes back with the same kind, answers, scoring and texts.
fn same_questions(original: &Course, back: &Course, points: bool) {
    let (a, b) = (answer_key(original), answer_key(back));
    assert_eq!(a.len(), b.len());
    for (a, b) in a.iter().zip(&b) {
        for field in [
            "id",
            "kind",
            "scoring",
            "correct",
            "feedback",
            "wrong",
            "explanation",
            "accept",
            "answer",
            "tolerance",
        ] {
            assert_eq!(a.get(field), b.get(field), "{field} of {}", a["id"]);
        }
        if points {
            assert_eq!(a["points"], b["points"], "points of {}", a["id"]);
        }
    }
    let (a, b) = (questions(original), questions(back));
    for (a, b) in a.iter().zip(&b) {
        for field in ["prompt", "options", "pairs", "distractors", "accept"] {
            let text = |q: &toml::Value| q.get(field).map(|v| v.to_string());
            assert_eq!(text(a), text(b), "{field} of {}", a["id"]);
        }
    }
}

#[test]
fn every_exact_kind_comes_back_from_gift() {
    let (original, back) = round_trip(EXACT, "gift");
    same_questions(&original, &back, true);
}

#[test]
fn every_exact_kind_comes_back_from_moodle_xml() {
    let (original, back) = round_trip(EXACT, "moodle-xml");
    same_questions(&original, &back, true);
}

#[test]
fn marks_come_back_from_moodle_xml_and_are_1_in_gift() {
    let quiz = EXACT.replace("id = \"single\"", "id = \"single\"\npoints = 3");
    let (_, back) = round_trip(&quiz, "moodle-xml");
    assert_eq!(answer_key(&back)[0]["points"], 3);
    let (_, back) = round_trip(&quiz, "gift");
    assert_eq!(answer_key(&back)[0]["points"], 1);
}

#[test]
fn a_hint_comes_back_from_moodle_xml() {
    // Moodle XML keeps a question's hint, and the import left it behind.
    let quiz = EXACT.replace(
        "id = \"single\"",
        "id = \"single\"\nhint = \"Think of what the customer **takes away**.\"",
    );
    let (_, back) = round_trip(&quiz, "moodle-xml");
    assert_eq!(
        questions(&back)[0]["hint"].as_str(),
        Some("Think of what the customer **takes away**.")
    );
}

#[test]
fn an_order_question_comes_back_as_the_matching_it_was_exported_as() {
    let quiz = "title = \"Order\"\n\n[[questions]]\nid = \"steps\"\ntype = \"order\"\nscoring = \"partial\"\nprompt = \"In order.\"\nitems = [\"Listen\", \"Thank\", \"Solve\"]\n";
    for format in ["gift", "moodle-xml"] {
        let (_, back) = round_trip(quiz, format);
        let q = &questions(&back)[0];
        assert_eq!(q["type"].as_str(), Some("match"), "{format}");
        let pairs: Vec<(String, String)> = q["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["left"].as_str().unwrap().to_string(),
                    p["right"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            pairs,
            [
                ("1".to_string(), "Listen".to_string()),
                ("2".into(), "Thank".into()),
                ("3".into(), "Solve".into())
            ],
            "{format}"
        );
        // A share per item in its place, as aula's partial order and Moodle's matching.
        assert_eq!(q["scoring"].as_str(), Some("partial"), "{format}");
    }
}

#[test]
fn a_group_comes_back_as_its_questions_each_with_the_case() {
    let quiz = "title = \"Case\"\n\n[[groups]]\ncontext = \"A car arrives late.\"\n\n  [[groups.questions]]\n  id = \"late\"\n  type = \"true_false\"\n  prompt = \"It is late.\"\n  answer = true\n";
    for format in ["gift", "moodle-xml"] {
        let (_, back) = round_trip(quiz, format);
        let q = &questions(&back)[0];
        assert_eq!(
            q["prompt"].as_str(),
            Some("A car arrives late.\n\nIt is late."),
            "{format}"
        );
    }
}

/// How many questions of each kind the sample course's quiz files hold (each names its
/// `type`), an order question counted as the match question it is exported as.
fn sample_kinds() -> BTreeMap<String, usize> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut kinds = BTreeMap::new();
    for module in std::fs::read_dir(content).unwrap() {
        let quiz = module.unwrap().path().join("quiz.toml");
        let Ok(text) = std::fs::read_to_string(&quiz) else {
            continue;
        };
        for line in text.lines() {
            if let Some(kind) = line.trim().strip_prefix("type = ") {
                let kind = kind.trim_matches('"').replace("order", "match");
                *kinds.entry(kind).or_default() += 1;
            }
        }
    }
    kinds
}

#[test]
fn the_sample_course_comes_back_whole_from_both_formats() {
    let kinds = sample_kinds();
    let total: usize = kinds.values().sum();
    assert!(total > 100, "{kinds:?}");
    let root = env!("CARGO_MANIFEST_DIR");
    for (format, bank) in [("gift", "bank.gift"), ("moodle-xml", "bank.xml")] {
        let back = course()
            .file("content/01-m/_index.md", "+++\ntitle = \"M\"\n+++\n")
            .build();
        let dir = back.root().to_str().unwrap();
        aula_in(
            back.root(),
            &[
                "export", "--all", "--root", root, "--format", format, "-o", bank,
            ],
        )
        .success();
        let run = aula_in(Path::new(dir), &["import", bank, "--output", QUIZ]).success();
        assert!(
            run.stdout
                .contains(&format!("converted {total} of {total} questions")),
            "{format}: {}\n{}",
            run.stdout,
            run.stderr
        );
        // Not `aula check`: the questions link to the sample course's lessons, which this
        // course lacks; the import reads its quiz file back with aula's parser.
        let mut back_kinds = BTreeMap::new();
        for q in questions(&back) {
            let kind = q["type"].as_str().unwrap().to_string();
            *back_kinds.entry(kind).or_default() += 1;
        }
        assert_eq!(back_kinds, kinds, "{format}");
    }
}
