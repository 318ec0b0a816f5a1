//! `aula import`: each format's bank (tests/fixtures/import/) converted by the real CLI, the
//! quiz file read back, put in a course that `aula check` and `aula build` take, and every
//! question's kind, answers and scoring checked; what has no aula equivalent reported at its
//! `file:line:col` and skipped; the output never overwritten without `--force`.

mod common;

use common::html::quiz_data;
use common::{course, fixtures, Course, Run};
use serde_json::Value;

/// A course holding the fixture bank `name` at its root, as the author's download.
fn with_bank(name: &str) -> Course {
    let text = std::fs::read_to_string(fixtures().join("import").join(name)).unwrap();
    course()
        .file(name, &text)
        .file("content/01-m/_index.md", "# Module\n")
        .build()
}

/// The quiz file `rel` of the course, parsed as TOML.
fn toml_of(course: &Course, rel: &str) -> toml::Table {
    let text = std::fs::read_to_string(course.root().join(rel)).unwrap();
    text.parse()
        .unwrap_or_else(|e| panic!("{rel} is not TOML: {e}\n{text}"))
}

/// Imports `bank` into the module's quiz.toml, then checks and builds the course; returns
/// the import's run and the quiz file as TOML.
fn import_and_build(course: &Course, bank: &str) -> (Run, toml::Table) {
    let run = course.aula(&["import", bank, "--output", "content/01-m/quiz.toml"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    course.aula(&["check"]).success();
    course.build();
    (run, toml_of(course, "content/01-m/quiz.toml"))
}

/// The questions of a quiz file, grouped ones in their place.
fn questions(quiz: &toml::Table) -> Vec<&toml::Table> {
    let mut out: Vec<&toml::Table> = Vec::new();
    for q in quiz
        .get("questions")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        out.push(q.as_table().unwrap());
    }
    for g in quiz
        .get("groups")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        for q in g["questions"].as_array().unwrap() {
            out.push(q.as_table().unwrap());
        }
    }
    out
}

/// The question with `id`.
fn by_id<'a>(quiz: &'a toml::Table, id: &str) -> &'a toml::Table {
    questions(quiz)
        .into_iter()
        .find(|q| q.get("id").and_then(|v| v.as_str()) == Some(id))
        .unwrap_or_else(|| panic!("no question `{id}` in {quiz:#?}"))
}

fn str_of<'a>(q: &'a toml::Table, key: &str) -> &'a str {
    q.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("no `{key}` in {q:#?}"))
}

/// Each option as (text, correct, feedback).
fn options(q: &toml::Table) -> Vec<(String, bool, Option<String>)> {
    q["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let o = o.as_table().unwrap();
            (
                str_of(o, "text").to_string(),
                o.get("correct").and_then(|c| c.as_bool()).unwrap_or(false),
                o.get("feedback").and_then(|f| f.as_str()).map(String::from),
            )
        })
        .collect()
}

fn strings(v: &toml::Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

/// The answer key of the built quiz page.
fn answer_key(course: &Course) -> Value {
    quiz_data(&course.output("m/quiz.html")).remove(0)
}

// ---- GIFT ----

#[test]
fn a_gift_bank_with_every_construct_converts_builds_and_scores_as_written() {
    let course = with_bank("every_kind.gift");
    let (run, quiz) = import_and_build(&course, "every_kind.gift");
    assert_eq!(
        run.code,
        Some(1),
        "three questions were skipped: {}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("converted 13 of 16 questions; 3 skipped (see above)\n"),
        "{}",
        run.stdout
    );
    assert_eq!(str_of(&quiz, "title"), "Every kind");
    assert_eq!(questions(&quiz).len(), 13);

    // Single choice, with per-answer feedback and the general feedback as explanation.
    let q = by_id(&quiz, "capital-of-france");
    assert_eq!(str_of(q, "type"), "single");
    assert_eq!(str_of(q, "prompt"), "What is the capital of France?");
    assert_eq!(str_of(q, "explanation"), "France's capital is Paris.");
    assert_eq!(
        options(q),
        vec![
            (
                "Paris".into(),
                true,
                Some("Right: Paris has been the capital since 987.".into())
            ),
            (
                "Lyon".into(),
                false,
                Some("No, Lyon is the third city.".into())
            ),
            ("Marseille".into(), false, None),
        ]
    );
    // Weights: multiple with partial scoring; [markdown] kept as Markdown.
    let q = by_id(&quiz, "two-rivers");
    assert_eq!(str_of(q, "type"), "multiple");
    assert_eq!(str_of(q, "scoring"), "partial");
    assert_eq!(
        str_of(q, "prompt"),
        "Which of these are **rivers** of France?"
    );
    let right: Vec<bool> = options(q).iter().map(|o| o.1).collect();
    assert_eq!(right, [true, true, false]);
    // True/false: the wrong answer's feedback is the feedback, the right one's and the
    // general feedback the explanation.
    let q = by_id(&quiz, "sun");
    assert_eq!(q["answer"].as_bool(), Some(true));
    assert_eq!(str_of(q, "feedback"), "Wrong: it does rise in the east.");
    assert_eq!(str_of(q, "explanation"), "Right.\n\nEvery day.");
    let q = by_id(&quiz, "moon");
    assert_eq!(q["answer"].as_bool(), Some(false));
    // GIFT's default format, Moodle's auto-format, lets HTML work.
    assert_eq!(str_of(q, "prompt"), "The moon is made of *cheese*.");
    // Short answer: the full-credit answers; the 50% one left out, with a warning.
    let q = by_id(&quiz, "grant");
    assert_eq!(str_of(q, "type"), "short");
    assert_eq!(strings(&q["accept"]), ["Grant", "Ulysses S. Grant"]);
    run.stderr_has(&[
        "warning: the answer `Ulysses` gave 50% credit, which aula cannot give; it is left out\n  --> every_kind.gift:23:1\n",
    ]);
    // Numeric: tolerance, range, several answers.
    let num = |id: &str| {
        let q = by_id(&quiz, id);
        assert_eq!(str_of(q, "type"), "numeric", "{id}");
        let tol = q.get("tolerance").map_or(0.0, |t| t.as_float().unwrap());
        (q["answer"].as_float().unwrap(), tol)
    };
    assert_eq!(num("gravity"), (9.8, 0.05));
    assert_eq!(num("range"), (3.0, 2.0));
    assert_eq!(num("year"), (1822.0, 0.0));
    assert_eq!(str_of(by_id(&quiz, "year"), "explanation"), "Right.");
    // Matching, with an empty left side as a distractor.
    let q = by_id(&quiz, "animals");
    assert_eq!(str_of(q, "type"), "match");
    assert_eq!(strings(&q["distractors"]), ["bird seed"]);
    let pairs: Vec<(&str, &str)> = q["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["left"].as_str().unwrap(), p["right"].as_str().unwrap()))
        .collect();
    assert_eq!(pairs, [("cat", "cat food"), ("dog", "dog food")]);
    // Missing word: the blank where the answers were.
    let q = by_id(&quiz, "missing-word");
    assert_eq!(str_of(q, "prompt"), "Grant is _____ in Grant's tomb.");
    assert_eq!(options(q)[1], ("entombed".into(), true, None));
    // Escapes undone (and Markdown's own characters escaped).
    let q = by_id(&quiz, "escapes");
    assert_eq!(
        str_of(q, "prompt"),
        "Which sign means {equals}: is it = or ~?"
    );
    assert_eq!(
        options(q)[0],
        ("=".into(), true, Some("the equals sign # one".into()))
    );
    // [html] as Markdown.
    let q = by_id(&quiz, "html");
    assert_eq!(str_of(q, "prompt"), "Is **water** wet?\\\nThink.");
    assert_eq!(options(q)[0].0, "*Yes*");
    // A question over several lines keeps them.
    let q = by_id(&quiz, "multi-line");
    assert_eq!(
        str_of(q, "prompt"),
        "This question\ngoes on\ntwo more lines."
    );
    // Categories are comments in the one quiz file.
    let text = std::fs::read_to_string(course.root().join("content/01-m/quiz.toml")).unwrap();
    assert!(text.contains("\n# ── Category: Geography ──\n"), "{text}");
    assert!(text.contains("\n# ── Category: Maths ──\n"), "{text}");
    assert!(text.contains("\n# every_kind.gift:4 \"Capital of France\"\n[[questions]]\n"));

    // What has no aula equivalent, at its place.
    run.has_error(
        "an essay question (`{}`) has no aula equivalent",
        "every_kind.gift:56:29",
        "aula scores every answer in the browser: ask for a written answer in a lesson's exercise instead",
    );
    run.has_error(
        "a description (text without answers in braces) has no aula equivalent",
        "every_kind.gift:58:1",
        "put the text in a lesson, or add its answers in `{…}`; a brace in the text is written `\\{`",
    );
    run.has_error(
        "a second answer block: embedded answers (cloze) have no aula equivalent",
        "every_kind.gift:60:25",
        "split it into one question per blank, or escape the brace as `\\{`",
    );
    run.stderr_has(&[
        " 56 | ::Essay::Describe your day. {}\n    |                             ^^\n",
    ]);

    // The built page scores what the bank said.
    let key = answer_key(&course);
    let kinds: Vec<&str> = key["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "single",
            "multiple",
            "true_false",
            "true_false",
            "short",
            "numeric",
            "numeric",
            "numeric",
            "match",
            "single",
            "single",
            "single",
            "single"
        ]
    );
    assert_eq!(key["questions"][1]["scoring"], "partial");
    assert_eq!(key["questions"][5]["tolerance"], 0.05);
}

#[test]
fn malformed_gift_is_reported_where_it_is_and_the_rest_converts() {
    let course = with_bank("malformed.gift");
    let run = course.aula(&["import", "malformed.gift"]).failure();
    run.has_error(
        "this `{` is never closed",
        "malformed.gift:2:34",
        "end the answers with `}`; a brace in the text is written `\\{`",
    )
    .has_error(
        "`12,5:0.1` is not a number",
        "malformed.gift:4:27",
        "write a number (`18.5`), a number and its tolerance (`18.5:0.5`) or a range (`1..5`)",
    )
    .has_error(
        "the weight `%fifty%` is not a percent between -100 and 100",
        "malformed.gift:6:22",
        "write a weight like `~%50%answer` or `~%-100%answer`",
    )
    .has_error(
        "this question's title is never closed",
        "malformed.gift:8:1",
        "end the title with `::`, as in `::Title:: Question text {…}`",
    )
    .has_error(
        "these answers do not start with `=` or `~`",
        "malformed.gift:10:23",
        "mark each answer `=` (right) or `~` (wrong); an `=` or `~` in an answer's text is written `\\=` or `\\~`",
    )
    .has_error(
        "this answer of a matching question is not `=left -> right`",
        "malformed.gift:12:34",
        "write every answer of a matching question as `=item -> its match`",
    )
    .has_error(
        "this question has 2 answers that are each fully right",
        "malformed.gift:14:1",
        "aula's single-choice question has one right answer: keep one, or give the right ones weights that add up to 100% to make it a multiple-choice question",
    );
    assert_eq!(run.error_count(), 7, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("converted 1 of 8 questions; 7 skipped (see above)"),
        "{}",
        run.stdout
    );
    let quiz = toml_of(&course, "malformed.quiz.toml");
    assert_eq!(questions(&quiz).len(), 1);
    assert_eq!(str_of(by_id(&quiz, "good"), "prompt"), "This one is fine.");
}

#[test]
fn a_bank_of_which_nothing_converts_writes_nothing() {
    let course = course()
        .file("essays.gift", "Tell me about it. {}\n\nAnd this? {}\n")
        .build();
    let run = course.aula(&["import", "essays.gift"]).failure();
    run.stderr_has(&["nothing written"]);
    assert!(run
        .stdout
        .contains("converted 0 of 2 questions; 2 skipped (see above)"));
    assert!(!course.root().join("essays.quiz.toml").exists());
}

#[test]
fn gift_questions_without_the_blank_line_between_them_are_told_to_add_one() {
    // Two questions on consecutive lines read as one with two answer blocks, which was
    // reported as cloze, a hint that sent the author the wrong way.
    let course = course()
        .file(
            "bank.gift",
            "::A:: The service is intangible. {T}\n::B:: How many characteristics? {#7}\n\n::C:: And this? {T}\n",
        )
        .build();
    let run = course.aula(&["import", "bank.gift"]).failure();
    run.has_error(
        "a second answer block, on a line of its own: GIFT separates questions with a blank line",
        "bank.gift:2:1",
        "add a blank line before this line if it starts a new question",
    );
    assert!(
        run.stdout
            .contains("converted 1 of 2 questions; 1 skipped (see above)"),
        "{}",
        run.stdout
    );
}

#[test]
fn moodles_wildcard_in_a_short_answer_becomes_a_pattern_and_an_escaped_star_stays_a_star() {
    // `*` was kept as the character, so `colo*r` accepted only itself, and the `\*` that
    // aula export writes for a star came back with its backslash.
    let course = course()
        .file(
            "bank.gift",
            "::colour:: Which word? {=colo*r =gr*y =\\*star}\n\n::star:: And this? {=a\\*b}\n",
        )
        .file("content/01-m/_index.md", "# Module\n")
        .build();
    let (run, quiz) = import_and_build(&course, "bank.gift");
    run.success();
    let colour = by_id(&quiz, "colour");
    assert_eq!(strings(&colour["accept"]), ["*star"]);
    assert_eq!(str_of(colour, "pattern"), "^(?:colo.*r|gr.*y)$");
    assert_eq!(strings(&by_id(&quiz, "star")["accept"]), ["a*b"]);
    assert!(by_id(&quiz, "star").get("pattern").is_none());
    let key = answer_key(&course);
    assert!(key.to_string().contains("colo.*r"), "{key}");
}

// ---- Aiken ----

#[test]
fn an_aiken_bank_converts_to_single_choice_questions() {
    let course = with_bank("bank.txt");
    let (run, quiz) = import_and_build(&course, "bank.txt");
    let run = run.success();
    assert!(
        run.stdout.contains("converted 3 of 3 questions\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("(Aiken)"),
        "the format is told from ANSWER: lines"
    );
    let qs = questions(&quiz);
    assert_eq!(qs.len(), 3);
    assert_eq!(str_of(qs[0], "type"), "single");
    assert_eq!(str_of(qs[0], "prompt"), "What is the capital of France?");
    let right: Vec<String> = qs
        .iter()
        .map(|q| options(q).into_iter().find(|o| o.1).unwrap().0)
        .collect();
    assert_eq!(right, ["Paris", "Mars", "7"]);
    assert_eq!(options(qs[1]).len(), 4, "`A)` options too");
    assert_eq!(
        str_of(qs[2], "prompt"),
        "Which of these is a prime number?\nThis question's text goes on a second line."
    );
}

#[test]
fn an_aiken_answer_naming_no_option_is_an_error_at_its_letter() {
    let course = with_bank("bad_letter.txt");
    let run = course.aula(&["import", "bad_letter.txt"]).failure();
    run.has_error(
        "`ANSWER: E` names no option of this question (its options are A, B)",
        "bad_letter.txt:4:9",
        "write the letter of the right option, like `ANSWER: B`",
    )
    .has_error(
        "this question has no `ANSWER:` line",
        "bad_letter.txt:11:1",
        "end each question with a line like `ANSWER: B`",
    );
    assert!(run
        .stdout
        .contains("converted 1 of 3 questions; 2 skipped (see above)"));
}

// ---- Moodle XML ----

#[test]
fn a_moodle_xml_bank_converts_every_type_aula_has() {
    let course = with_bank("bank.xml");
    let (run, quiz) = import_and_build(&course, "bank.xml");
    assert!(
        run.stdout
            .contains("converted 6 of 8 questions; 2 skipped (see above)"),
        "{}",
        run.stdout
    );
    let q = by_id(&quiz, "water-formula");
    assert_eq!(str_of(q, "type"), "single");
    assert_eq!(str_of(q, "prompt"), "What is the formula of **water**?");
    assert_eq!(str_of(q, "explanation"), "Two hydrogens, one oxygen.");
    assert_eq!(str_of(q, "feedback"), "Review the lesson.");
    assert_eq!(q["points"].as_integer(), Some(2));
    assert_eq!(
        options(q),
        vec![
            ("H<sub>2</sub>O".into(), true, Some("Right.".into())),
            (
                "CO<sub>2</sub>".into(),
                false,
                Some("That is carbon dioxide.".into())
            ),
            ("NaCl".into(), false, None),
        ]
    );
    let q = by_id(&quiz, "noble-gases");
    assert_eq!(str_of(q, "type"), "multiple");
    assert_eq!(str_of(q, "scoring"), "partial");
    let right: Vec<bool> = options(q).iter().map(|o| o.1).collect();
    assert_eq!(right, [true, true, false]);
    let q = by_id(&quiz, "boiling");
    assert_eq!(q["answer"].as_bool(), Some(true));
    assert_eq!(str_of(q, "explanation"), "Yes, at 1 atm.");
    assert_eq!(str_of(q, "feedback"), "It does, at 1 atm.");
    let q = by_id(&quiz, "symbol");
    assert_eq!(strings(&q["accept"]), ["Au"]);
    // Its image is in the bank, not beside the quiz: named, and said.
    assert_eq!(
        str_of(q, "prompt"),
        "What is the chemical symbol of gold?\n\n*\\[image: A gold bar\\]*"
    );
    run.stderr_has(&["warning: its images and files are not imported: the text names each image; copy the files into the module folder and link them\n  --> bank.xml:31:3\n"]);
    let q = by_id(&quiz, "avogadro");
    assert_eq!(q["answer"].as_float(), Some(6.022));
    assert_eq!(q["tolerance"].as_float(), Some(0.01));
    assert_eq!(
        str_of(q, "prompt"),
        "Avogadro's number, in units of 10<sup>23</sup>?"
    );
    let q = by_id(&quiz, "elements");
    assert_eq!(q["pairs"].as_array().unwrap().len(), 2);
    assert_eq!(strings(&q["distractors"]), ["Tin"]);
    assert!(
        std::fs::read_to_string(course.root().join("content/01-m/quiz.toml"))
            .unwrap()
            .contains("\n# ── Category: Science ──\n")
    );
    run.has_error(
        "an essay question (`type=\"essay\"`) has no aula equivalent",
        "bank.xml:49:3",
        "aula imports multichoice, truefalse, shortanswer, numerical and matching questions",
    )
    .has_error(
        "a calculated question (`type=\"calculated\"`) has no aula equivalent",
        "bank.xml:53:3",
        "aula imports multichoice, truefalse, shortanswer, numerical and matching questions",
    );
    let key = answer_key(&course);
    assert_eq!(key["questions"].as_array().unwrap().len(), 6);
    assert_eq!(key["questions"][0]["points"], 2);
}

#[test]
fn xml_that_is_not_well_formed_is_an_error_where_it_breaks() {
    let course = with_bank("broken.xml");
    let run = course.aula(&["import", "broken.xml"]).failure();
    run.has_error(
        "this XML is not well-formed: ill-formed document: expected `</text>`, but `</questiontext>` was found",
        "broken.xml:10:54",
        "fix the XML here; the questions after this point are not read",
    );
    assert!(run
        .stdout
        .contains("converted 1 of 2 questions; 1 skipped (see above)"));
    assert_eq!(questions(&toml_of(&course, "broken.quiz.toml")).len(), 1);
}

#[test]
fn xml_cut_short_is_an_error_at_the_question_it_cuts() {
    let course = course()
        .file(
            "cut.xml",
            "<?xml version=\"1.0\"?>\n<quiz>\n  <question type=\"truefalse\">\n    <questiontext><text>Cut",
        )
        .build();
    let run = course.aula(&["import", "cut.xml"]).failure();
    run.has_error(
        "the file ends inside this `<question>`",
        "cut.xml:3:3",
        "close the element; the file may have been cut short",
    );
    run.stderr_has(&["no question of cut.xml could be converted (Moodle XML); nothing written"]);
    assert!(run
        .stdout
        .contains("converted 0 of 1 question; 1 skipped (see above)"));
}

#[test]
fn xml_without_a_quiz_element_is_not_a_question_bank() {
    let course = course().file("other.xml", "<html><body/></html>\n").build();
    let run = course.aula(&["import", "other.xml"]).failure();
    run.has_error(
        "this XML has no `<quiz>` element: it is not a Moodle XML question bank",
        "other.xml:1:1",
        "export the questions from Moodle's question bank as \"Moodle XML format\"",
    );
}

// ---- mdbook-quiz ----

#[test]
fn an_mdbook_quiz_converts_with_tracing_questions_and_multipart_groups() {
    let course = with_bank("rust.toml");
    let (run, quiz) = import_and_build(&course, "rust.toml");
    assert!(
        run.stdout
            .contains("converted 7 of 8 questions; 1 skipped (see above)"),
        "{}",
        run.stdout
    );
    run.has_error(
        "the question type `Essay` has no aula equivalent",
        "rust.toml:59:8",
        "aula imports MultipleChoice, ShortAnswer and Tracing questions",
    );
    let qs = quiz["questions"].as_array().unwrap();
    let q = qs[0].as_table().unwrap();
    assert_eq!(str_of(q, "id"), "b230bed3-d6ba-4048-8b06-aa655d837b04");
    assert_eq!(str_of(q, "type"), "single");
    assert_eq!(
        str_of(q, "explanation"),
        "Consult your local mathematician."
    );
    let texts: Vec<(String, bool)> = options(q).into_iter().map(|o| (o.0, o.1)).collect();
    assert_eq!(
        texts,
        [
            ("2".into(), true),
            ("1".into(), false),
            ("3".into(), false),
            ("**infinity**".into(), false)
        ]
    );
    // A list of answers: each must be picked.
    let q = qs[1].as_table().unwrap();
    assert_eq!(str_of(q, "type"), "multiple");
    assert!(q.get("scoring").is_none(), "all or nothing");
    let q = qs[2].as_table().unwrap();
    assert_eq!(strings(&q["accept"]), ["let", "let mut"]);
    // Tracing: does it compile, with what it prints in the explanation.
    let q = qs[3].as_table().unwrap();
    assert!(str_of(q, "prompt")
        .contains("```rust\nfn main() {\n    let x = 1;\n    println!(\"{x}\");\n}\n```"));
    assert_eq!(options(q)[0], ("It compiles and runs".into(), true, None));
    assert_eq!(
        str_of(q, "explanation"),
        "It compiles, and prints:\n\n```text\n1\n```"
    );
    let q = qs[4].as_table().unwrap();
    assert_eq!(options(q)[1], ("It does not compile".into(), true, None));
    assert_eq!(
        str_of(q, "explanation"),
        "It does not compile: the error is on line 3.\n\n`x` is not mutable."
    );
    // multipart: a group with its context.
    let groups = quiz["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0]["id"].as_str(), Some("shapes"));
    assert_eq!(groups[0]["context"].as_str(), Some("Think about shapes."));
    assert_eq!(groups[0]["questions"].as_array().unwrap().len(), 2);
    // The built quiz keeps the group.
    let html = course.output("m/quiz.html");
    assert!(
        html.contains("Think about shapes."),
        "the group's context is on the page"
    );
}

#[test]
fn an_mdbook_quiz_that_is_not_toml_is_an_error_at_its_place() {
    let course = course()
        .file(
            "q.toml",
            "[[questions]]\ntype = \"ShortAnswer\nprompt.prompt = \"x\"\n",
        )
        .build();
    let run = course.aula(&["import", "q.toml"]).failure();
    let e = run.error("this is not an mdbook-quiz file");
    assert!(e.contains("--> q.toml:2:"), "{e}");
}

// ---- the command ----

#[test]
fn an_existing_output_is_never_overwritten_without_force() {
    let course = course()
        .file("bank.gift", "Is it? {T}\n")
        .file("bank.quiz.toml", "mine\n")
        .build();
    let run = course.aula(&["import", "bank.gift"]).failure();
    run.stderr_has(&["bank.quiz.toml already exists; pass --force to replace it"]);
    assert_eq!(
        std::fs::read_to_string(course.root().join("bank.quiz.toml")).unwrap(),
        "mine\n"
    );
    let run = course.aula(&["import", "bank.gift", "--force"]).success();
    assert!(
        run.stdout.contains("converted 1 of 1 question\n"),
        "{}",
        run.stdout
    );
    let quiz = toml_of(&course, "bank.quiz.toml");
    assert_eq!(questions(&quiz)[0]["answer"].as_bool(), Some(true));
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(course.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".aula-import"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn output_goes_beside_the_input_or_where_output_says() {
    let course = course()
        .file("banks/week-1_final.gift", "Is it? {T}\n")
        .build();
    course
        .aula(&["import", "banks/week-1_final.gift"])
        .success();
    let quiz = toml_of(&course, "banks/week-1_final.quiz.toml");
    assert_eq!(quiz["title"].as_str(), Some("Week 1 final"));
    course
        .aula(&[
            "import",
            "banks/week-1_final.gift",
            "--output",
            "elsewhere.toml",
        ])
        .success();
    assert!(course.root().join("elsewhere.toml").is_file());
}

#[test]
fn the_format_is_inferred_and_format_overrides_it() {
    // A .txt without ANSWER: lines is GIFT.
    let course = course()
        .file("gift.txt", "::T:: Is it? {T}\n")
        .file("aiken.gift", "Q?\nA. x\nB. y\nANSWER: A\n")
        .build();
    let run = course.aula(&["import", "gift.txt"]).success();
    assert!(run.stdout.contains("(GIFT)"), "{}", run.stdout);
    // The extension says GIFT, --format says Aiken.
    let run = course
        .aula(&["import", "aiken.gift", "--format", "aiken"])
        .success();
    assert!(run.stdout.contains("(Aiken)"), "{}", run.stdout);
    let quiz = toml_of(&course, "aiken.quiz.toml");
    assert_eq!(str_of(questions(&quiz)[0], "type"), "single");
    let run = course.aula(&["import", "gift.txt", "--format", "moodle"]);
    assert_eq!(run.code, Some(2), "clap refuses an unknown format");
    run.stderr_has(&["gift", "aiken", "moodle-xml", "mdbook-quiz"]);
}

#[test]
fn a_big_bank_converts_in_one_pass() {
    // 20,000 questions: every one converted, the file read back whole.
    let mut bank = String::new();
    for i in 0..20_000 {
        bank.push_str(&format!(
            "::Q{i}::Question {i}? {{=right {i} #yes ~wrong {i} #no ####because}}\n\n"
        ));
    }
    let course = course().file("big.gift", &bank).build();
    let run = course.aula(&["import", "big.gift"]).success();
    assert!(
        run.stdout.contains("converted 20000 of 20000 questions"),
        "{}",
        run.stdout
    );
    let quiz = toml_of(&course, "big.quiz.toml");
    assert_eq!(questions(&quiz).len(), 20_000);
    assert_eq!(str_of(by_id(&quiz, "q19999"), "prompt"), "Question 19999?");
}

#[test]
fn a_bank_over_the_limit_says_what_import_takes_not_to_edit_site_toml() {
    // The hint was site.toml's `[limits] max_file_size`, which `aula import` never reads.
    let course = course()
        .file("huge.gift", &" ".repeat(64 * 1024 * 1024 + 1))
        .build();
    let run = course.aula(&["import", "huge.gift"]).failure();
    run.stderr_has(&[
        "over the limit of 64 MiB",
        "aula import reads a bank of up to 64 MiB",
    ]);
    assert!(!run.stderr.contains("site.toml"), "{}", run.stderr);
    assert!(!course.root().join("huge.quiz.toml").exists());
}

#[test]
fn a_bank_named_like_a_module_gets_a_title_without_its_number() {
    // `01-final_exam.gift` was titled "01 final exam": a module's folder drops its number.
    let course = course().file("01-final_exam.gift", "Is it? {T}\n").build();
    course.aula(&["import", "01-final_exam.gift"]).success();
    let quiz = toml_of(&course, "01-final_exam.quiz.toml");
    assert_eq!(quiz["title"].as_str(), Some("Final exam"));
}
