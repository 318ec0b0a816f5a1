//! `aula export`: every kind of question as GIFT and as Moodle XML, what cannot be expressed
//! reported at its question, the whole sample course as one bank, and the file written
//! only where asked, never over another without `--force`.
//!
//! The XML is checked with xmllint (`--noout` for well-formedness, `--xpath` for its
//! structure); tests/run.sh installs it when missing. Update the snapshots after a wanted
//! change with `INSTA_UPDATE=always cargo test --test export`, then read every changed
//! `.snap` file before committing it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::moodle_gift::{self, Answer, Item, Kind};
use common::{aula_in, course, Course, Run};

const QUIZ: &str = "content/01-m/quiz.toml";

/// Every kind of question aula has, and each thing Moodle cannot say exactly. The line
/// numbers of its `[[questions]]` headers are asserted below.
const ALL_KINDS: &str = include_str!("fixtures/export/every_kind.quiz.toml");

/// The line of each question's header in [`ALL_KINDS`].
fn line_of(id: &str) -> usize {
    let at = ALL_KINDS
        .find(&format!("id = \"{id}\""))
        .unwrap_or_else(|| panic!("no question {id}"));
    ALL_KINDS[..at]
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim().ends_with("questions]]"))
        .last()
        .map(|(i, _)| i + 1)
        .unwrap()
}

fn with_quiz(quiz: &str) -> Course {
    course()
        .file(
            "content/01-m/_index.md",
            "+++\ntitle = \"Module / one\"\n+++\n",
        )
        .file(QUIZ, quiz)
        .build()
}

/// The warnings (`warning: …` up to the next blank line) whose headline holds `message`.
fn warnings<'a>(run: &'a Run, message: &str) -> Vec<&'a str> {
    run.stderr
        .split("\n\n")
        .filter(|block| {
            block
                .lines()
                .next()
                .is_some_and(|l| l.starts_with("warning: ") && l.contains(message))
        })
        .collect()
}

/// Asserts a warning: its headline, the question's `file:line:1` and its hint.
fn has_warning(run: &Run, message: &str, line: usize, hint: &str) {
    let at = format!("--> {QUIZ}:{line}:");
    let hinted = format!("= hint: {hint}");
    assert!(
        warnings(run, message)
            .iter()
            .any(|b| b.contains(&at) && b.contains(&hinted)),
        "no warning {message:?} at line {line} hinting {hint:?} in:\n{}",
        run.stderr
    );
}

fn read(course: &Course, rel: &str) -> String {
    std::fs::read_to_string(course.root().join(rel))
        .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

/// `xmllint --noout`: the file is well-formed XML.
fn well_formed(path: &Path) {
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg(path)
        .output()
        .expect("xmllint runs (Debian's libxml2-utils; tests/run.sh installs it)");
    assert!(
        out.status.success(),
        "{} is not well-formed:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What `xmllint --xpath EXPR` prints for the file.
fn xpath(path: &Path, expr: &str) -> String {
    let out = Command::new("xmllint")
        .args(["--xpath", expr])
        .arg(path)
        .output()
        .expect("xmllint runs");
    assert!(
        out.status.success(),
        "xpath {expr} failed on {}:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn every_kind_as_gift() {
    let course = with_quiz(ALL_KINDS);
    let run = course.aula(&["export", QUIZ]).success();
    assert_eq!(
        run.stdout,
        "Exported 11 of 13 questions as GIFT into content/01-m/quiz.gift; 2 skipped (see above)\n"
    );
    let gift = read(&course, "content/01-m/quiz.gift");
    insta::assert_snapshot!("every_kind.gift", gift);

    // Moodle's category: the course, then the module, with its `/` doubled.
    assert!(gift.contains("\n$CATEGORY: $course$/top/Test course/Module // one\n"));
    // Reserved characters escaped, Markdown marked, paragraphs kept on one line.
    assert!(gift.contains(
        "::single::[markdown]Which \\{one\\} is *right*\\: a \\= b?{\n\t=Right\\: yes, \\#1\n"
    ));
    assert!(gift.contains("\t####Because \\#1.\\n\\nSee the lesson.\n}"));
    // The question's feedback goes to the wrong options without their own.
    assert!(gift.contains("\t~Wrong#No\\: <b>wrong</b> & bad.\n\t~None of these#Read it again.\n"));
    // Partial scoring: +1/n per right option, −1/n per wrong one; all or nothing: −100 %.
    assert!(gift.contains("\t~%50%A\n\t~%50%B\n\t~%-50%C#C is wrong.\n\t~%-50%D\n"));
    assert!(gift.contains("\t~%33.33333%A\n\t~%33.33333%B\n\t~%33.33333%C\n\t~%-100%D\n"));
    assert!(gift.contains("Water is wet.{FALSE#It makes things wet.}"));
    assert!(gift.contains("{\n\t=1 -> Listen\n\t=2 -> Thank\n\t=3 -> Solve\n}"));
    assert!(gift.contains(
        "\t=Intangible -> Cannot be touched \\~ at all\n\t=Perishable -> Cannot be stored\n\t= -> Made in series\n"
    ));
    // `*` is Moodle's wildcard: escaped, then the backslash escaped for GIFT.
    assert!(gift.contains("\t=moment of truth\n\t=5\\\\*5\\: \\{x\\}\n\t=%0%*#Moment of…\n"));
    assert!(gift.contains("{#\n\t=-18.5:0.5\n\t####Minus 18.5, give or take.\n}"));
    // A group's case comes before each of its questions.
    assert!(gift.contains(
        "::case-late::[markdown]The **Buen Camino** case.\\n\\nA car arrives late.\\n\\nThe car is late.{TRUE}"
    ));
    assert!(!gift.contains("only-pattern") && !gift.contains("::eleven::"));
    // Where each question comes from.
    assert!(gift.contains(&format!("// {QUIZ}:{}\n::number::", line_of("number"))));

    has_warning(
        &run,
        "skipped: short question `only-pattern` is answered only by its pattern",
        line_of("only-pattern"),
        "Moodle's short answers match whole texts, with `*` for any characters: add the right answers to `accept`",
    );
    has_warning(
        &run,
        "skipped: multiple question `eleven` has 11 right options",
        line_of("eleven"),
        "Moodle's grades are 1/n of the mark for n up to 10, and 1/20: split the question, or give it at most 10 right options",
    );
    has_warning(
        &run,
        "the pattern `^moments? of truth$` of short question `word-pattern` is left out",
        line_of("word-pattern"),
        "Moodle's short answers have no regular expressions: add to `accept` every answer the pattern is there for",
    );
    has_warning(
        &run,
        "order question `steps` is exported as a matching question",
        line_of("steps"),
        "every Moodle imports a matching question, and Moodle's ordering question is standard only from Moodle 4.4; the learner picks the item for position 1, 2, …",
    );
    has_warning(
        &run,
        "multiple question `multiple-strict` scores all or nothing",
        line_of("multiple-strict"),
        "Moodle's multichoice has no all-or-nothing scoring; write `scoring = \"partial\"` for the same scoring in both",
    );
    has_warning(
        &run,
        "match question `pairs` scores all or nothing",
        line_of("pairs"),
        "write `scoring = \"partial\"` to say what Moodle will do, or accept the difference",
    );
    has_warning(
        &run,
        "an option marked `fixed` will be shuffled",
        line_of("single"),
        "Moodle shuffles all of a question's options or none: turn shuffling off for this question in Moodle",
    );
    // What only GIFT loses.
    has_warning(
        &run,
        "the hint of question `single` is left out: GIFT has no hints",
        line_of("single"),
        "export with `--format moodle-xml`, which keeps it",
    );
    has_warning(
        &run,
        "question `single` is worth 2 points, and GIFT has no marks",
        line_of("single"),
        "export with `--format moodle-xml`, which keeps the mark, or set it in Moodle",
    );
    // The quiz's settings, at their keys.
    has_warning(
        &run,
        "draw = 12 is not exported",
        4,
        "in the Moodle quiz, add random questions from the quiz's category instead",
    );
    has_warning(
        &run,
        "the questions' shuffling is not exported",
        3,
        "in the Moodle quiz, turn on \"Shuffle\" on its Questions page; options stay shuffled",
    );
    // The default output sits in content/, which a build publishes.
    assert_eq!(
        warnings(&run, "the export is inside content/").len(),
        1,
        "{}",
        run.stderr
    );
    // A located warning is rendered as `aula check` renders errors: the line and a caret.
    let block = warnings(&run, "skipped: short question `only-pattern`")[0];
    let line = line_of("only-pattern");
    assert!(
        block.contains(&format!(" {line} | [[questions]]\n")) && block.contains("| ^^^^^^^^^^^^^"),
        "{block}"
    );
    assert!(
        run.stderr.contains("aula: 12 warnings found\n"),
        "{}",
        run.stderr
    );
}

/// The questions of a GIFT file as Moodle's importer reads them, by name.
fn as_moodle_reads(gift: &str) -> (Vec<String>, Vec<moodle_gift::Question>) {
    let items = moodle_gift::read(gift).unwrap_or_else(|e| panic!("{e}\n{gift}"));
    let mut categories = Vec::new();
    let mut questions = Vec::new();
    for item in items {
        match item {
            Item::Category(c) => categories.push(c),
            Item::Question(q) => questions.push(q),
        }
    }
    (categories, questions)
}

/// Fractions equal as Moodle compares them with its grade list: to 0.00001.
fn assert_near(got: &[f64], want: &[f64]) {
    assert!(
        got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() < 0.00001),
        "{got:?} is not {want:?}"
    );
}

fn answer(text: &str, fraction: f64, feedback: &str) -> Answer {
    Answer {
        text: text.into(),
        fraction,
        feedback: feedback.into(),
    }
}

#[test]
fn every_kind_reads_back_as_moodle_reads_gift() {
    let course = with_quiz(ALL_KINDS);
    course.aula(&["export", QUIZ]).success();
    let (categories, questions) = as_moodle_reads(&read(&course, "content/01-m/quiz.gift"));
    assert_eq!(categories, ["$course$/top/Test course/Module // one"]);
    let names: Vec<&str> = questions.iter().map(|q| q.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "single",
            "multiple-partial",
            "multiple-strict",
            "truth",
            "steps",
            "pairs",
            "word",
            "word-pattern",
            "number",
            "case-late",
            "case-why"
        ]
    );
    let q = |name: &str| questions.iter().find(|q| q.name == name).unwrap();
    assert!(questions
        .iter()
        .all(|q| q.format.as_deref() == Some("markdown")));

    // The texts come back as the author wrote them, escapes and line breaks undone.
    let single = q("single");
    assert_eq!(single.text, "Which {one} is *right*: a = b?");
    assert_eq!(single.general_feedback, "Because #1.\n\nSee the lesson.");
    assert_eq!(
        single.kind,
        Kind::MultiChoice {
            single: true,
            answers: vec![
                answer("Right: yes, #1", 1.0, ""),
                answer("Wrong", 0.0, "No: <b>wrong</b> & bad."),
                answer("None of these", 0.0, "Read it again."),
            ]
        }
    );
    let fractions = |name: &str| match &q(name).kind {
        Kind::MultiChoice { single, answers } => {
            assert!(!single, "{name} is read as one answer");
            answers.iter().map(|a| a.fraction).collect::<Vec<_>>()
        }
        other => panic!("{name} is {other:?}"),
    };
    assert_eq!(fractions("multiple-partial"), [0.5, 0.5, -0.5, -0.5]);
    assert_near(
        &fractions("multiple-strict"),
        &[1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0, -1.0],
    );
    assert_eq!(
        q("truth").kind,
        Kind::TrueFalse {
            answer: false,
            wrong_feedback: "It makes things wet.".into(),
            right_feedback: String::new()
        }
    );
    assert_eq!(
        q("steps").kind,
        Kind::Matching {
            pairs: vec![
                ("1".into(), "Listen".into()),
                ("2".into(), "Thank".into()),
                ("3".into(), "Solve".into())
            ]
        }
    );
    assert_eq!(
        q("pairs").kind,
        Kind::Matching {
            pairs: vec![
                ("Intangible".into(), "Cannot be touched ~ at all".into()),
                ("Perishable".into(), "Cannot be stored".into()),
                (String::new(), "Made in series".into())
            ]
        }
    );
    assert_eq!(
        q("word").kind,
        Kind::ShortAnswer {
            answers: vec![
                answer("moment of truth", 1.0, ""),
                answer("5\\*5: {x}", 1.0, ""),
                answer("*", 0.0, "Moment of…"),
            ]
        }
    );
    assert_eq!(
        q("number").kind,
        Kind::Numerical {
            answers: vec![(answer("-18.5", 1.0, ""), 0.5)]
        }
    );
    assert_eq!(q("number").general_feedback, "Minus 18.5, give or take.");
    assert_eq!(
        q("case-late").text,
        "The **Buen Camino** case.\n\nA car arrives late.\n\nThe car is late."
    );
    assert!(matches!(
        q("case-late").kind,
        Kind::TrueFalse { answer: true, .. }
    ));
}

#[test]
fn every_kind_as_moodle_xml() {
    let course = with_quiz(ALL_KINDS);
    let run = course
        .aula(&["export", QUIZ, "--format", "moodle-xml", "-o", "bank.xml"])
        .success();
    assert_eq!(
        run.stdout,
        "Exported 11 of 13 questions as Moodle XML into bank.xml; 2 skipped (see above)\n"
    );
    // Moodle XML keeps the hint and the mark: only what Moodle cannot say is reported.
    assert!(warnings(&run, "GIFT").is_empty(), "{}", run.stderr);
    assert!(warnings(&run, "inside content/").is_empty());
    assert!(
        run.stderr.contains("aula: 9 warnings found\n"),
        "{}",
        run.stderr
    );
    let path = course.root().join("bank.xml");
    well_formed(&path);
    insta::assert_snapshot!("every_kind.xml", read(&course, "bank.xml"));

    let count = |expr: &str| xpath(&path, &format!("count({expr})"));
    assert_eq!(count("/quiz/question"), "12");
    assert_eq!(
        xpath(
            &path,
            "string(/quiz/question[@type='category']/category/text)"
        ),
        "$course$/top/Test course/Module // one"
    );
    assert_eq!(count("//question[@type='multichoice']"), "4");
    assert_eq!(count("//question[@type='truefalse']"), "2");
    assert_eq!(count("//question[@type='shortanswer']"), "2");
    assert_eq!(count("//question[@type='numerical']"), "1");
    assert_eq!(count("//question[@type='matching']"), "2");

    let q = |name: &str| format!("//question[name/text='{name}']");
    let single = q("single");
    assert_eq!(xpath(&path, &format!("string({single}/single)")), "true");
    assert_eq!(xpath(&path, &format!("string({single}/defaultgrade)")), "2");
    assert_eq!(
        xpath(&path, &format!("string({single}/hint/text)")),
        "Think of ~nothing."
    );
    assert_eq!(
        xpath(&path, &format!("string({single}/questiontext/@format)")),
        "markdown"
    );
    assert_eq!(
        xpath(&path, &format!("string({single}/incorrectfeedback/text)")),
        "Read it again."
    );
    assert_eq!(
        xpath(&path, &format!("string({single}/generalfeedback/text)")),
        "Because #1.\n\nSee the lesson."
    );
    // Markup in a text goes in CDATA, and reads back as written.
    assert!(read(&course, "bank.xml").contains("<![CDATA[No: <b>wrong</b> & bad.]]>"));
    assert_eq!(
        xpath(&path, &format!("string({single}/answer[2]/feedback/text)")),
        "No: <b>wrong</b> & bad."
    );

    let fractions = |name: &str| {
        xpath(&path, &format!("{}/answer/@fraction", q(name)))
            .split_whitespace()
            .map(|a| {
                a.trim_start_matches("fraction=")
                    .trim_matches('"')
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(fractions("single"), ["100", "0", "0"]);
    assert_eq!(fractions("multiple-partial"), ["50", "50", "-50", "-50"]);
    assert_eq!(
        fractions("multiple-strict"),
        ["33.33333", "33.33333", "33.33333", "-100"]
    );
    assert_eq!(
        xpath(&path, &format!("string({}/single)", q("multiple-partial"))),
        "false"
    );
    assert_eq!(fractions("truth"), ["0", "100"]);
    assert_eq!(
        xpath(
            &path,
            &format!("string({}/answer[@fraction='0']/feedback/text)", q("truth"))
        ),
        "It makes things wet."
    );
    // Short answers: the accepted texts, `*` escaped, and a catch-all with the feedback.
    assert_eq!(fractions("word"), ["100", "100", "0"]);
    assert_eq!(
        xpath(&path, &format!("string({}/answer[2]/text)", q("word"))),
        "5\\*5: {x}"
    );
    assert_eq!(xpath(&path, &format!("string({}/usecase)", q("word"))), "0");
    assert_eq!(
        xpath(&path, &format!("string({}/answer[1]/text)", q("number"))),
        "-18.5"
    );
    assert_eq!(
        xpath(&path, &format!("string({}/answer/tolerance)", q("number"))),
        "0.5"
    );
    // Matching: pairs as subquestions, a distractor as one without a text.
    let pairs = q("pairs");
    assert_eq!(count(&format!("{pairs}/subquestion")), "3");
    assert_eq!(
        xpath(
            &path,
            &format!("string({pairs}/subquestion[3]/answer/text)")
        ),
        "Made in series"
    );
    assert_eq!(
        xpath(&path, &format!("string({pairs}/subquestion[3]/text)")),
        ""
    );
    let steps = q("steps");
    assert_eq!(
        xpath(&path, &format!("string({steps}/subquestion[2]/text)")),
        "2"
    );
    assert_eq!(
        xpath(
            &path,
            &format!("string({steps}/subquestion[2]/answer/text)")
        ),
        "Thank"
    );
    assert_eq!(
        xpath(
            &path,
            &format!("string({}/questiontext/text)", q("case-why"))
        ),
        "The **Buen Camino** case.\n\nA car arrives late.\n\nWhy?"
    );
    assert_eq!(count(&q("only-pattern")), "0");
    assert_eq!(count(&q("eleven")), "0");
}

#[test]
fn an_arrow_gift_cannot_escape_skips_the_question_in_gift_only() {
    let quiz = r#"title = "Arrows"

[[questions]]
id = "arrow-short"
type = "short"
prompt = "Type it."
accept = ["a"]
feedback = "a -> b"

[[questions]]
id = "arrow-match"
type = "match"
scoring = "partial"
prompt = "Match."

[[questions.pairs]]
left = "x -> y"
right = "1"

[[questions.pairs]]
left = "z"
right = "2"
"#;
    let course = with_quiz(quiz);
    // Nothing left to write is an error, and nothing is written.
    let run = course.aula(&["export", QUIZ, "-o", "a.gift"]).failure();
    run.has_error(
        "nothing to export: every question was skipped",
        "a.gift",
        "see the warnings above for what Moodle cannot hold",
    );
    assert!(!course.root().join("a.gift").exists());
    has_warning(
        &run,
        "skipped: short question `arrow-short` has `->` in an answer or its feedback",
        3,
        "export with `--format moodle-xml`, which can hold it",
    );
    has_warning(
        &run,
        "skipped: a left item of question `arrow-match` holds `->`",
        10,
        "export with `--format moodle-xml`, which can hold it",
    );
    let run = course
        .aula(&["export", QUIZ, "--format", "moodle-xml", "-o", "a.xml"])
        .success();
    assert_eq!(
        run.stdout,
        "Exported 2 of 2 questions as Moodle XML into a.xml\n"
    );
    let path = course.root().join("a.xml");
    well_formed(&path);
    assert_eq!(
        xpath(
            &path,
            "string(//question[@type='matching']/subquestion[1]/text)"
        ),
        "x -> y"
    );
}

#[test]
fn a_text_starting_with_a_percent_is_not_read_as_a_weight() {
    let quiz = r#"title = "Percent"

[[questions]]
id = "discount"
prompt = "Which discount?"

[[questions.options]]
text = "%10% off"
correct = true

[[questions.options]]
text = "%50% off"

[[questions]]
id = "rate"
type = "short"
prompt = "The rate?"
accept = ["%5%"]
"#;
    let course = with_quiz(quiz);
    course.aula(&["export", QUIZ, "-o", "p.gift"]).success();
    let gift = read(&course, "p.gift");
    // Moodle takes a leading `%…%` as the weight, so an explicit one comes first.
    assert!(gift.contains("\t=%10% off\n\t~%0%%50% off\n"), "{gift}");
    assert!(gift.contains("\t=%100%%5%\n"), "{gift}");
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let course = with_quiz(ALL_KINDS);
    course.write("content/01-m/quiz.gift", "mine\n");
    let run = course.aula(&["export", QUIZ]).failure();
    run.has_error(
        "this file already exists",
        "content/01-m/quiz.gift",
        "pass --force to replace it, or choose another file with --output",
    );
    assert_eq!(read(&course, "content/01-m/quiz.gift"), "mine\n");
    course.aula(&["export", QUIZ, "--force"]).success();
    assert!(read(&course, "content/01-m/quiz.gift").starts_with("// Every kind\n"));
    // Nothing is left of the temporary file beside it.
    let names: Vec<String> = std::fs::read_dir(course.root().join("content/01-m"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".aula-export-")),
        "{names:?}"
    );
}

#[test]
fn output_goes_where_asked() {
    let course = with_quiz(ALL_KINDS);
    std::fs::create_dir(course.root().join("out")).unwrap();
    let run = course
        .aula(&["export", QUIZ, "--output", "out/bank.txt"])
        .success();
    assert!(run.stdout.contains(" into out/bank.txt;"), "{}", run.stdout);
    assert!(read(&course, "out/bank.txt").contains("::single::"));
    assert!(!course.root().join("content/01-m/quiz.gift").exists());
    // No file or folder to write into: an error, and nothing written.
    let run = course
        .aula(&["export", QUIZ, "--output", "missing/bank.gift"])
        .failure();
    assert!(
        run.stderr.contains("error: cannot write this file"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_invalid_quiz_gives_the_errors_check_gives() {
    let broken = "title = \"Q\"\n\n[[questions]]\nprompt = \"?\"\ntype = \"single\"\n\n[[questions.options]]\ntext = \"a\"\n";
    let course = with_quiz(broken);
    let export = course.aula(&["export", QUIZ]).failure();
    let check = course.aula(&["check"]).failure();
    let error = export.error("has no correct option");
    assert!(
        check.stderr.contains(error),
        "{}\n---\n{}",
        error,
        check.stderr
    );
    export.has_error(
        "question `q1` has no correct option",
        &format!("{QUIZ}:7:1"),
        "mark the right option with `correct = true`",
    );
    assert!(!course.root().join("content/01-m/quiz.gift").exists());
    // The same for the whole course.
    let all = course.aula(&["export", "--all"]).failure();
    assert!(all.stderr.contains(error), "{}", all.stderr);
    assert!(!course.root().join("quiz-bank.gift").exists());
}

#[test]
fn an_export_inside_content_is_published_so_it_is_warned() {
    let course = with_quiz(ALL_KINDS);
    let run = course.aula(&["export", QUIZ]).success();
    let warning = warnings(&run, "the export is inside content/")[0];
    assert!(
        warning.contains("--> content/01-m/quiz.gift\n"),
        "{warning}"
    );
    assert!(
        warning.contains("= hint: move it out of content/, or write it elsewhere with --output")
    );
    // What the warning says: a build copies it into the site, answers and all.
    course.build();
    assert!(course.output("m/quiz.gift").contains("=Right\\: yes"));
}

#[test]
fn a_lesson_is_not_taken_for_a_quiz() {
    let course = with_quiz(ALL_KINDS);
    course
        .aula(&["export", "content/01-m/_index.md"])
        .failure()
        .has_error(
            "this is not a quiz file",
            "content/01-m/_index.md",
            "give a quiz: a module's quiz.toml or NAME.quiz.toml",
        );
}

#[test]
fn a_file_or_all_is_required() {
    let course = with_quiz(ALL_KINDS);
    let run = course.aula(&["export"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("--all"), "{}", run.stderr);
}

#[test]
fn a_quiz_outside_a_course_is_exported_under_its_title() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("loose.quiz.toml"),
        "title = \"Loose\"\n\n[[questions]]\nprompt = \"Yes?\"\nanswer = true\n",
    )
    .unwrap();
    let run = aula_in(dir.path(), &["export", "loose.quiz.toml"]).success();
    assert_eq!(
        run.stdout,
        "Exported 1 of 1 question as GIFT into loose.quiz.gift\n"
    );
    let gift = std::fs::read_to_string(dir.path().join("loose.quiz.gift")).unwrap();
    assert!(gift.contains("$CATEGORY: $course$/top/Loose\n"), "{gift}");
    assert!(gift.contains("::q1::[markdown]Yes?{TRUE}\n"), "{gift}");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

/// The sample course's quiz files in the course's language, with how many questions each
/// holds, counted from their `[[questions]]` and `[[groups.questions]]` headers.
fn sample_quizzes() -> Vec<(PathBuf, usize)> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut quizzes = Vec::new();
    for entry in walkdir_sorted(&content) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        if name == "quiz.toml" || name.ends_with(".quiz.toml") {
            let text = std::fs::read_to_string(&entry).unwrap();
            let n = text
                .lines()
                .filter(|l| matches!(l.trim(), "[[questions]]" | "[[groups.questions]]"))
                .count();
            quizzes.push((entry, n));
        }
    }
    quizzes
}

/// The shares of a mark Moodle takes on import (`question_bank::fraction_options_full`,
/// and their negatives).
const MOODLE_GRADES: [f64; 21] = [
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0,
];

fn walkdir_sorted(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            out.extend(walkdir_sorted(&e));
        } else {
            out.push(e);
        }
    }
    out
}

#[test]
fn the_sample_course_exports_whole_in_both_formats() {
    let root = env!("CARGO_MANIFEST_DIR");
    let quizzes = sample_quizzes();
    let questions: usize = quizzes.iter().map(|(_, n)| n).sum();
    assert!(quizzes.len() >= 7 && questions > 100, "{quizzes:?}");
    let out = tempfile::tempdir().unwrap();

    let gift = out.path().join("bank.gift");
    let run = aula_in(
        out.path(),
        &[
            "export",
            "--all",
            "--root",
            root,
            "-o",
            gift.to_str().unwrap(),
        ],
    )
    .success();
    assert!(
        run.stdout.starts_with(&format!(
            "Exported {questions} of {questions} questions as GIFT into "
        )),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(&gift).unwrap();
    assert_eq!(text.matches("\n::").count(), questions);
    // As Moodle reads it: every question, each a type it knows, each multichoice's
    // fractions on Moodle's grade list and its right ones adding up to 100 %.
    let (_, read) = as_moodle_reads(&text);
    assert_eq!(read.len(), questions);
    for q in &read {
        match &q.kind {
            Kind::MultiChoice { single, answers } => {
                for a in answers {
                    assert!(
                        MOODLE_GRADES
                            .iter()
                            .any(|g| (a.fraction.abs() - g).abs() < 0.00001),
                        "{}: {} is not a Moodle grade",
                        q.name,
                        a.fraction
                    );
                }
                let right = answers.iter().map(|a| a.fraction).filter(|f| *f > 0.0);
                let total = if *single {
                    right.fold(0.0, f64::max)
                } else {
                    right.sum()
                };
                assert!((total - 1.0).abs() < 0.005, "{}: {total}", q.name);
            }
            Kind::TrueFalse { .. }
            | Kind::ShortAnswer { .. }
            | Kind::Numerical { .. }
            | Kind::Matching { .. } => {}
            other => panic!("{} is read as {other:?}", q.name),
        }
        assert!(!q.text.is_empty() && !q.text.contains('\\'), "{q:?}");
    }
    // A category per module holding a quiz, each once.
    let categories: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("$CATEGORY: $course$/top/Cultura de servicio/"))
        .collect();
    assert_eq!(categories.len(), quizzes.len(), "{categories:?}");
    assert!(categories.contains(
        &"$CATEGORY: $course$/top/Cultura de servicio/El servicio y sus características"
    ));
    // Nothing the sample course writes is skipped; what is approximated is said.
    assert!(!run.stderr.contains("skipped"), "{}", run.stderr);
    assert!(run
        .stderr
        .contains("order question `orden-siete-pasos` is exported as a matching question"));

    let xml = out.path().join("bank.xml");
    let run = aula_in(
        out.path(),
        &[
            "export",
            "--all",
            "--root",
            root,
            "--format",
            "moodle-xml",
            "-o",
            xml.to_str().unwrap(),
        ],
    )
    .success();
    assert!(
        run.stdout.starts_with(&format!(
            "Exported {questions} of {questions} questions as Moodle XML into "
        )),
        "{}",
        run.stdout
    );
    well_formed(&xml);
    assert_eq!(
        xpath(&xml, "count(/quiz/question[@type!='category'])"),
        questions.to_string()
    );
    assert_eq!(
        xpath(&xml, "count(/quiz/question[@type='category'])"),
        quizzes.len().to_string()
    );
    // Every question has a name, a Markdown text and a right answer.
    assert_eq!(
        xpath(&xml, "count(/quiz/question[@type!='category'][name/text!='' and questiontext[@format='markdown']/text!=''])"),
        questions.to_string()
    );
    assert_eq!(
        xpath(&xml, "count(/quiz/question[@type!='category' and @type!='matching'][not(answer[@fraction='100'] or answer[number(@fraction) > 0])])"),
        "0"
    );
}

#[test]
fn a_draft_quiz_is_exported_with_drafts_only() {
    let course = course()
        .file("content/01-m/_index.md", "+++\ntitle = \"One\"\n+++\n")
        .file(
            QUIZ,
            "title = \"Q\"\n\n[[questions]]\nprompt = \"Yes?\"\nanswer = true\n",
        )
        .file("content/02-n/_index.md", "+++\ntitle = \"Two\"\n+++\n")
        .file(
            "content/02-n/quiz.toml",
            "title = \"Draft\"\ndraft = true\n\n[[questions]]\nprompt = \"No?\"\nanswer = false\n",
        )
        .build();
    let run = course.aula(&["export", "--all"]).success();
    assert_eq!(
        run.stdout,
        "Exported 1 of 1 question as GIFT into quiz-bank.gift\n"
    );
    assert!(!read(&course, "quiz-bank.gift").contains("Two"));
    course
        .aula(&["export", "--all", "--drafts", "--force"])
        .success();
    let gift = read(&course, "quiz-bank.gift");
    assert!(
        gift.contains("$CATEGORY: $course$/top/Test course/One\n"),
        "{gift}"
    );
    assert!(
        gift.contains("$CATEGORY: $course$/top/Test course/Two\n"),
        "{gift}"
    );
    assert!(gift.contains("No?{FALSE}"), "{gift}");
}

#[test]
fn one_quiz_of_a_course_elsewhere_is_exported_under_its_module() {
    let course = with_quiz(ALL_KINDS);
    let parent = course.root().parent().unwrap();
    let name = course.root().file_name().unwrap().to_str().unwrap();
    let quiz = format!("{name}/{QUIZ}");
    let out = format!("{name}/bank.gift");
    aula_in(parent, &["export", "--root", name, &quiz, "-o", &out]).success();
    assert!(read(&course, "bank.gift")
        .contains("\n$CATEGORY: $course$/top/Test course/Module // one\n"));
}

#[test]
fn the_whole_course_goes_to_quiz_bank_in_its_root() {
    let course = with_quiz(ALL_KINDS);
    let run = course
        .aula(&["export", "--all", "--format", "moodle-xml"])
        .success();
    assert!(
        run.stdout
            .ends_with(" into quiz-bank.xml; 2 skipped (see above)\n"),
        "{}",
        run.stdout
    );
    well_formed(&course.root().join("quiz-bank.xml"));
    course
        .aula(&["export", "--all", "--format", "moodle-xml"])
        .failure();
    course
        .aula(&["export", "--all", "--format", "moodle-xml", "--force"])
        .success();
}

#[test]
fn a_course_in_two_languages_exports_each_edition_with_language() {
    // `--all` gave the default language's quizzes only: the English bank could not be had.
    let quiz = |prompt: &str, right: &str| {
        format!("title = \"Q\"\n\n[[questions]]\nid = \"one\"\nprompt = \"{prompt}\"\n[[questions.options]]\ntext = \"{right}\"\ncorrect = true\n[[questions.options]]\ntext = \"No\"\n")
    };
    let course = course()
        .file(
            "site.toml",
            "title = \"Curso\"\nlanguage = \"es\"\n\n[languages.en]\ntitle = \"Course\"\n",
        )
        .file("content/01-m/_index.md", "+++\ntitle = \"Módulo\"\n+++\n")
        .file(
            "content/01-m/_index.en.md",
            "+++\ntitle = \"Module\"\n+++\n",
        )
        .file(QUIZ, &quiz("¿Se toca?", "Sí"))
        .file(
            "content/01-m/quiz.en.toml",
            &quiz("Can it be touched?", "Yes"),
        )
        .file("content/02-n/_index.md", "+++\ntitle = \"Otro\"\n+++\n")
        .file("content/02-n/quiz.toml", &quiz("¿Sin traducir?", "Sí"))
        .build();
    let run = course
        .aula(&["export", "--all", "--language", "en"])
        .success();
    assert!(
        run.stdout
            .contains("Exported 2 of 2 questions as GIFT into"),
        "{}",
        run.stdout
    );
    let bank = read(&course, "quiz-bank.en.gift");
    assert!(
        bank.contains("$CATEGORY: $course$/top/Course/Module\n"),
        "{bank}"
    );
    assert!(
        bank.contains("Can it be touched?") && !bank.contains("¿Se toca?"),
        "{bank}"
    );
    // A quiz without a translation is in the bank as the English edition shows it, and said.
    assert!(bank.contains("¿Sin traducir?"), "{bank}");
    assert_eq!(
        warnings(
            &run,
            "this quiz has no `en` translation: its questions are exported in `es`"
        )
        .len(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> content/02-n/quiz.toml\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("= hint: translate it as content/02-n/quiz.en.toml"),
        "{}",
        run.stderr
    );
    // The default language's bank is the one without --language.
    course.aula(&["export", "--all"]).success();
    assert!(read(&course, "quiz-bank.gift").contains("¿Se toca?"));

    course
        .aula(&["export", "--all", "--language", "fr"])
        .failure()
        .has_error(
            "the course has no language `fr`",
            "site.toml",
            "give one of `es`, `en`, or add `[languages.fr]` to site.toml",
        );
}

#[test]
fn a_title_with_three_dashes_still_gives_well_formed_xml() {
    // `---` became `- --` in the file's comment, which XML refuses.
    let course =
        with_quiz(&ALL_KINDS.replacen("title = ", "title = \"Repaso --- uno\"\n# was: ", 1));
    course
        .aula(&["export", QUIZ, "--format", "moodle-xml", "-o", "bank.xml"])
        .success();
    well_formed(&course.root().join("bank.xml"));
}

#[test]
fn one_quiz_goes_in_the_category_all_gives_its_module() {
    // A module titled with Markdown gave one category exporting its quiz and another with --all.
    let course = course()
        .file(
            "content/01-m/_index.md",
            "+++\ntitle = \"El *servicio*\"\n+++\n",
        )
        .file(QUIZ, ALL_KINDS)
        .build();
    course.aula(&["export", QUIZ, "-o", "one.gift"]).success();
    course
        .aula(&["export", "--all", "-o", "all.gift"])
        .success();
    let category = |f: &str| {
        read(&course, f)
            .lines()
            .find(|l| l.starts_with("$CATEGORY:"))
            .map(str::to_string)
    };
    assert_eq!(category("one.gift"), category("all.gift"));
    assert!(category("all.gift").unwrap().ends_with("/El servicio"));
}
