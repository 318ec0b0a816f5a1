//! The print page's worksheet and answer key for every kind of question (issue 18): what an
//! instructor who prints the course reads on paper. Order items are printed scrambled and
//! lettered, with a box for each one's place; a match question is a numbered column and a
//! lettered one; short and numeric questions are a line to write on; a group's context is
//! printed once above its questions. The answer key gives each kind's answers in the
//! worksheet's own letters.

mod common;

use common::html::{between, unescape};
use common::{course, Course};

const QUIZ: &str = "content/01-m/quiz.toml";

/// A one-module course in `language` whose quiz is `quiz`, built.
fn printed(language: &str, quiz: &str) -> Course {
    let course = course()
        .file(
            "site.toml",
            &format!("title = \"Servicio\"\nlanguage = \"{language}\"\n"),
        )
        .file("content/01-m/_index.md", "# Módulo\n")
        .file(QUIZ, quiz)
        .build();
    course.build();
    course
}

/// The quiz's worksheet on the print page: its section, up to the next one.
fn worksheet(course: &Course) -> String {
    let print = course.output("print.html");
    let from = print
        .find("<section class=\"print-section print-lesson print-quiz\"")
        .expect("a quiz section");
    let end = "\n</section>";
    let to = print[from..].find(end).expect("the section's end") + end.len();
    print[from..from + to].to_string()
}

/// The answer key on the print page.
fn answer_key(course: &Course) -> String {
    let print = course.output("print.html");
    let from = print
        .find("<section class=\"print-section answer-key\"")
        .expect("an answer key");
    between(&print[from..], "", "\n</main>").to_string()
}

/// What a reader sees in `html`: one line per list item, paragraph or heading, without
/// tags, spaces collapsed, empty lines left out.
fn lines(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at + 1..end - 1];
        if ["li", "p", "h3", "h2", "div"]
            .iter()
            .any(|name| tag.split([' ', '>']).next() == Some(name))
        {
            text.push('\n');
        }
        rest = &rest[end..];
    }
    text.push_str(rest);
    unescape(&text)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The line of `lines` that starts with `start`.
fn line<'a>(lines: &'a [String], start: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start:?} in {lines:#?}"))
}

const ORDER: &str = r#"title = "Pasos"

[[questions]]
type = "order"
prompt = "Ordena los pasos del manejo de una queja."
items = ["Escuchar", "Agradecer", "Disculparse", "Resolver", "Hacer seguimiento"]
explanation = "Primero se escucha."
"#;

const STEPS: [&str; 5] = [
    "Escuchar",
    "Agradecer",
    "Disculparse",
    "Resolver",
    "Hacer seguimiento",
];

/// The order items of the worksheet, as printed: (letter, text).
fn printed_items(sheet: &str) -> Vec<(String, String)> {
    let list = between(sheet, "<ul class=\"options order\">", "</ul>");
    assert_eq!(
        list.matches("<li><span class=\"box write\" aria-hidden=\"true\"></span>")
            .count(),
        STEPS.len(),
        "every item has a box to write its place in:\n{list}"
    );
    lines(list)
        .iter()
        .map(|l| {
            let (letter, text) = l.split_once(". ").expect("a lettered item");
            (letter.to_string(), text.to_string())
        })
        .collect()
}

#[test]
fn order_items_are_printed_lettered_in_a_scrambled_order_with_a_box_each() {
    let course = printed("es", ORDER);
    let sheet = worksheet(&course);
    let items = printed_items(&sheet);
    let letters: Vec<&str> = items.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(letters, ["A", "B", "C", "D", "E"]);
    let texts: Vec<&str> = items.iter().map(|(_, t)| t.as_str()).collect();
    assert_ne!(texts, STEPS, "the printed order gives the answer away");
    let mut sorted = texts.clone();
    sorted.sort_unstable();
    let mut steps = STEPS.to_vec();
    steps.sort_unstable();
    assert_eq!(sorted, steps, "every item is printed once");
    assert!(
        lines(&sheet).contains(
            &"Escribe en cada casilla el lugar del elemento en el orden correcto, del 1 al 5."
                .to_string()
        ),
        "the sheet says what to write in the boxes:\n{sheet}"
    );
}

#[test]
fn order_items_are_printed_in_the_quiz_pages_order() {
    let course = printed("es", ORDER);
    let on_paper: Vec<String> = printed_items(&worksheet(&course))
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let page = course.output("m/quiz.html");
    let on_screen: Vec<String> = page
        .split("<span class=\"quiz-item-text\">")
        .skip(1)
        .map(|s| between(s, "", "</span>").to_string())
        .collect();
    assert_eq!(on_paper, on_screen);
}

#[test]
fn the_answer_key_gives_the_order_with_the_printed_letters() {
    let course = printed("es", ORDER);
    let letter_of: std::collections::BTreeMap<String, String> = printed_items(&worksheet(&course))
        .into_iter()
        .map(|(l, t)| (t, l))
        .collect();
    let key = lines(&answer_key(&course));
    let letters: Vec<&str> = STEPS.iter().map(|s| letter_of[*s].as_str()).collect();
    assert_eq!(
        line(&key, letters[0]),
        format!(
            "{} (1. Escuchar, 2. Agradecer, 3. Disculparse, 4. Resolver, 5. Hacer seguimiento)",
            letters.join(", ")
        ),
        "the printed letters in the right order, then the items"
    );
    assert!(key.contains(&"Primero se escucha.".to_string()));
}

const MATCH: &str = r#"title = "Características"

[[questions]]
type = "match"
prompt = "Relaciona cada característica con su significado."
distractors = ["Se fabrica en serie"]
explanation = "Son dos de las características de los servicios."
[[questions.pairs]]
left = "Intangible"
right = "No se puede tocar antes de recibirlo"
[[questions.pairs]]
left = "Consumo *inmediato*"
right = "No se puede almacenar"
[[questions.pairs]]
left = "Heterogéneo"
right = "Cambia con quien lo presta"
"#;

#[test]
fn a_match_question_prints_a_numbered_column_and_a_lettered_one() {
    let course = printed("es", MATCH);
    let sheet = worksheet(&course);
    let left = between(&sheet, "<ol class=\"options match-left\">", "</ol>");
    assert_eq!(
        lines(left),
        ["1. Intangible", "2. Consumo inmediato", "3. Heterogéneo"],
        "the left items as written, numbered"
    );
    assert!(
        left.contains("<em>inmediato</em>"),
        "inline Markdown: {left}"
    );
    assert_eq!(
        left.matches("<li><span class=\"box write\" aria-hidden=\"true\"></span>")
            .count(),
        3,
        "a box beside each left item for its letter:\n{left}"
    );
    let right = lines(between(
        &sheet,
        "<ul class=\"options match-right\">",
        "</ul>",
    ));
    let letters: Vec<&str> = right.iter().map(|l| &l[..1]).collect();
    assert_eq!(letters, ["A", "B", "C", "D"]);
    let texts: Vec<&str> = right.iter().map(|l| &l[3..]).collect();
    assert!(
        texts.contains(&"Se fabrica en serie"),
        "the distractor is among the answers: {texts:?}"
    );
    assert_ne!(
        &texts[..3],
        [
            "No se puede tocar antes de recibirlo",
            "No se puede almacenar",
            "Cambia con quien lo presta"
        ],
        "the answers are not printed facing their items"
    );
    assert!(lines(&sheet).contains(
        &"Escribe en la casilla de cada elemento numerado la letra de su pareja.".to_string()
    ));
}

#[test]
fn the_answer_key_pairs_each_number_with_its_printed_letter() {
    let course = printed("es", MATCH);
    let sheet = worksheet(&course);
    let right = lines(between(
        &sheet,
        "<ul class=\"options match-right\">",
        "</ul>",
    ));
    let letter = |text: &str| {
        right
            .iter()
            .find(|l| l.ends_with(text))
            .map(|l| l[..1].to_string())
            .unwrap_or_else(|| panic!("{text:?} not printed in {right:?}"))
    };
    let key = lines(&answer_key(&course));
    assert_eq!(
        line(&key, "1 → "),
        format!(
            "1 → {} (Intangible → No se puede tocar antes de recibirlo)",
            letter("No se puede tocar antes de recibirlo")
        )
    );
    assert_eq!(
        line(&key, "2 → "),
        format!(
            "2 → {} (Consumo inmediato → No se puede almacenar)",
            letter("No se puede almacenar")
        )
    );
    assert_eq!(
        line(&key, "3 → "),
        format!(
            "3 → {} (Heterogéneo → Cambia con quien lo presta)",
            letter("Cambia con quien lo presta")
        )
    );
    assert!(
        !key.iter().any(|l| l.contains("Se fabrica en serie")),
        "the distractor is no one's answer: {key:#?}"
    );
}

const TYPED: &str = r#"title = "Escritas"

[[questions]]
type = "short"
prompt = "¿Cómo se llama el instante en que el cliente se forma una impresión?"
accept = ["momento de verdad", "momentos de verdad"]
explanation = "Lo llamó así Jan Carlzon."

[[questions]]
type = "short"
prompt = "¿Sí o no?"
pattern = "^s[ií]$"

[[questions]]
type = "short"
prompt = "¿Qué se mide?"
accept = ["satisfacción"]
pattern = "^satisf"

[[questions]]
type = "numeric"
prompt = "¿A cuántas personas comunica un cliente insatisfecho?"
answer = 18.5
tolerance = 0.5

[[questions]]
type = "numeric"
prompt = "¿Cuántos pasos tiene el manejo de una queja?"
answer = 7
"#;

#[test]
fn short_and_numeric_questions_print_a_line_to_write_on_and_no_answer() {
    let course = printed("es", TYPED);
    let sheet = worksheet(&course);
    assert_eq!(
        sheet
            .matches("<p class=\"q-blank\"><span>Respuesta:</span> <span class=\"line\" aria-hidden=\"true\"></span></p>")
            .count(),
        5,
        "one labelled line per question:\n{sheet}"
    );
    for answer in ["momento de verdad", "18,5", "satisfacción", "^s["] {
        assert!(!sheet.contains(answer), "{answer:?} on the worksheet");
    }
}

#[test]
fn the_answer_key_gives_accepted_answers_patterns_and_numbers_the_language_writes() {
    let course = printed("es", TYPED);
    let key = lines(&answer_key(&course));
    let answers: Vec<&str> = key
        .iter()
        .map(String::as_str)
        .filter(|l| *l != "Respuestas" && *l != "Escritas" && !l.starts_with("Lo llamó"))
        .collect();
    assert_eq!(
        answers,
        [
            "momento de verdad; momentos de verdad",
            "Cualquier respuesta que cumpla el patrón ^s[ií]$",
            "satisfacción. Cualquier respuesta que cumpla el patrón ^satisf",
            "18,5 ± 0,5",
            "7",
        ]
    );
    assert!(answer_key(&course).contains("<code>^s[ií]$</code>"));
    assert!(key.contains(&"Lo llamó así Jan Carlzon.".to_string()));

    let english = printed("en", TYPED);
    let key = lines(&answer_key(&english));
    line(&key, "18.5 ± 0.5");
    line(&key, "Any answer matching the pattern ^s[ií]$");
}

const GROUPED: &str = r#"title = "Caso"

[[questions]]
prompt = "Antes del caso."
answer = true

[[groups]]
id = "caso-banco"
context = "En la sucursal del banco, un cliente esperó **40 minutos**."
[[groups.questions]]
prompt = "¿Esperó demasiado?"
answer = true
[[groups.questions]]
type = "numeric"
prompt = "¿Cuántos minutos esperó?"
answer = 40

[[questions]]
prompt = "Después del caso."
answer = false
"#;

#[test]
fn a_groups_context_is_printed_once_above_its_questions_which_keep_their_numbers() {
    let course = printed("es", GROUPED);
    let print = course.output("print.html");
    assert_eq!(
        print
            .matches("un cliente esperó <strong>40 minutos</strong>")
            .count(),
        1,
        "the context once on the whole page"
    );
    let sheet = worksheet(&course);
    let seen = lines(&sheet);
    let at = |text: &str| {
        seen.iter()
            .position(|l| l == text)
            .unwrap_or_else(|| panic!("no {text:?} in {seen:#?}"))
    };
    assert!(at("Antes del caso.") < at("Caso: preguntas 2 a 3"));
    assert_eq!(
        at("Caso: preguntas 2 a 3") + 1,
        at("En la sucursal del banco, un cliente esperó 40 minutos."),
        "the group's title, then its context"
    );
    assert!(
        at("En la sucursal del banco, un cliente esperó 40 minutos.") < at("¿Esperó demasiado?")
    );
    assert!(at("¿Cuántos minutos esperó?") < at("Después del caso."));
    // The lists' numbers go on across the group: 1, then 2 and 3, then 4.
    let starts: Vec<&str> = sheet
        .split("<ol class=\"questions\"")
        .skip(1)
        .map(|s| between(s, "", ">"))
        .collect();
    assert_eq!(starts, ["", " start=\"2\"", " start=\"4\""]);
    // The answer key is one list for the whole quiz.
    let key = answer_key(&course);
    assert_eq!(key.matches("<li><span class=\"answer\">").count(), 4);
}

#[test]
fn a_quiz_without_groups_is_one_list() {
    let course = printed("es", ORDER);
    let sheet = worksheet(&course);
    assert_eq!(sheet.matches("<ol class=\"questions\">").count(), 1);
    assert!(!sheet.contains("start="));
    assert!(!sheet.contains("q-group"));
}

/// Every kind of question, and a group, in one quiz: the worksheet and its answer key.
#[test]
fn print_of_a_quiz_with_every_kind() {
    let quiz = r#"title = "Todo"
shuffle = true
[[questions]]
prompt = "¿Qué es un servicio?"
explanation = "Lo que uno hace por otro."
[[questions.options]]
text = "Lo que uno hace por otro"
correct = true
[[questions.options]]
text = "Una cosa en un almacén"
[[questions]]
prompt = "¿Cuáles son características de un servicio?"
[[questions.options]]
text = "Intangible"
correct = true
[[questions.options]]
text = "Heterogéneo"
correct = true
[[questions.options]]
text = "Almacenable"
[[questions]]
prompt = "Un servicio se puede almacenar."
answer = false
[[questions]]
type = "order"
prompt = "Ordena los pasos."
items = ["Escuchar", "Agradecer", "Disculparse", "Resolver"]
[[questions]]
type = "match"
prompt = "Relaciona."
distractors = ["Se fabrica en serie"]
[[questions.pairs]]
left = "Intangible"
right = "No se puede tocar"
[[questions.pairs]]
left = "Perecedero"
right = "No se puede almacenar"
[[groups]]
id = "caso"
context = "Un cliente esperó 40 minutos."
[[groups.questions]]
type = "short"
prompt = "¿Cómo se llama ese instante?"
accept = ["momento de verdad"]
[[groups.questions]]
type = "numeric"
prompt = "¿A cuántas personas lo contará?"
answer = 18.5
tolerance = 0.5
"#;
    let course = printed("es", quiz);
    insta::assert_snapshot!(
        "print_every_kind",
        format!("{}\n\n{}", worksheet(&course), answer_key(&course))
    );
}
