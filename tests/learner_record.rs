//! The learner's record (issue 19): what decides whether a learner's stored results are kept
//! when a course is edited. A quiz's results live under a key made from what its scoring
//! depends on, so rewording keeps them and a new answer leaves them behind.

mod common;

use common::html::quiz_data;
use common::{course, Course};

const QUIZ: &str = "content/01-m/quiz.toml";

fn with_quiz(quiz: &str) -> Course {
    course()
        .file("content/01-m/_index.md", "# Módulo\n")
        .file("content/01-m/01-lesson.md", "# Lección\n")
        .file(QUIZ, quiz)
        .build()
}

/// The key under which the browser stores the results of the quiz built from `quiz`.
fn key_of(quiz: &str) -> String {
    let course = with_quiz(quiz);
    course.build();
    quiz_data(&course.output("m/quiz.html"))
        .first()
        .and_then(|v| v["key"].as_str().map(str::to_owned))
        .expect("the quiz page's answer key has a key")
}

const BASE: &str = r#"title = "Evaluación"
description = "Responde."
pass = 70

[[questions]]
id = "capital"
prompt = "¿Cuál es la capital de España?"
explanation = "Madrid."
[[questions.options]]
text = "Lisboa"
feedback = "Es Portugal."
[[questions.options]]
text = "Madrid"
correct = true

[[questions]]
id = "orden"
type = "order"
prompt = "Ordena."
items = ["Escuchar", "Resolver"]
"#;

#[test]
fn rewording_a_quiz_keeps_the_key_of_its_learners_results() {
    let before = key_of(BASE);
    for edit in [
        BASE.replace("Evaluación", "Evaluación final"),
        BASE.replace("Responde.", "Responde todas las preguntas."),
        BASE.replace(
            "¿Cuál es la capital de España?",
            "¿Qué ciudad es la capital de España?",
        ),
        BASE.replace(
            "explanation = \"Madrid.\"",
            "explanation = \"Madrid, desde 1561.\"",
        ),
        BASE.replace("Es Portugal.", "Lisboa es la capital de Portugal."),
        BASE.replace("text = \"Lisboa\"", "text = \"Lisboa, a orillas del Tajo\""),
    ] {
        assert_eq!(key_of(&edit), before, "{edit}");
    }
}

#[test]
fn a_new_answer_or_pass_mark_gives_the_quiz_a_new_key() {
    let before = key_of(BASE);
    for edit in [
        BASE.replace("pass = 70", "pass = 80"),
        BASE.replace("text = \"Madrid\"\ncorrect = true", "text = \"Madrid\"")
            .replace("text = \"Lisboa\"", "text = \"Lisboa\"\ncorrect = true"),
        BASE.replace(
            "[\"Escuchar\", \"Resolver\"]",
            "[\"Resolver\", \"Escuchar\"]",
        ),
        BASE.replace("id = \"capital\"", "id = \"capital-de-espana\""),
        BASE.replace("items = [", "points = 2\nitems = ["),
    ] {
        assert_ne!(key_of(&edit), before, "{edit}");
    }
}
