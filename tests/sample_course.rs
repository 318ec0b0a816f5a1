//! The sample course at the repository root is what people see first: six modules, each
//! with lessons that end in an exercise, and a quiz of at least eight varied questions.

use std::path::PathBuf;

use aula::content::{Course, PageKind};
use aula::pipeline::Options;
use aula::quiz::{Kind, Mode};

/// The sample course as loaded, and built into a temporary folder.
struct Sample {
    course: Course,
    out: tempfile::TempDir,
}

fn sample() -> Sample {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let has_errors = |errors: Vec<aula::diagnostic::Diagnostic>| -> ! {
        panic!(
            "the sample course has errors:\n{}",
            aula::diagnostic::report(&errors)
        )
    };
    let options = Options {
        root,
        output: Some(out.path().join("site")),
        ..Options::default()
    };
    let course = aula::pipeline::load_course(&options).unwrap_or_else(|e| has_errors(e));
    aula::build::build(options).unwrap_or_else(|e| has_errors(e));
    Sample { course, out }
}

impl Sample {
    /// The ids of the headings of a built page, in order.
    fn heading_ids(&self, page: &aula::content::Page) -> Vec<String> {
        let html = std::fs::read_to_string(self.out.path().join("site").join(page.path())).unwrap();
        html.split("<h")
            .skip(1)
            .filter(|tag| tag.starts_with(['2', '3', '4']))
            .filter_map(|tag| tag[1..].strip_prefix(" id=\""))
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_string)
            .collect()
    }
}

#[test]
fn the_sample_course_has_six_modules_with_lessons_and_a_quiz_each() {
    let site = sample();
    let course = &site.course;
    assert_eq!(course.modules.len(), 6);
    let mut kinds = Vec::new();
    for (n, module) in course.modules.iter().enumerate() {
        let intro = &course.pages[module.index];
        assert!(
            !intro.meta.objectives.is_empty(),
            "module {} has objectives",
            n + 1
        );
        assert!(
            intro.meta.duration.is_some(),
            "module {} has a duration",
            n + 1
        );
        let lessons: Vec<_> = module
            .items
            .iter()
            .map(|&i| &course.pages[i])
            .filter(|p| p.kind == PageKind::Lesson)
            .collect();
        assert!(
            (2..=4).contains(&lessons.len()),
            "module {} has {} lessons",
            n + 1,
            lessons.len()
        );
        for lesson in &lessons {
            let ids = site.heading_ids(lesson);
            assert_eq!(
                ids.last().map(String::as_str),
                Some("para-reflexionar"),
                "{} ends with «Para reflexionar»",
                lesson.source.display()
            );
            assert!(
                lesson.meta.duration.is_some(),
                "{} has a duration",
                lesson.source.display()
            );
        }
        let quizzes: Vec<_> = module
            .items
            .iter()
            .filter_map(|&i| course.pages[i].quiz.as_ref())
            .collect();
        assert_eq!(quizzes.len(), 1, "module {} has one quiz", n + 1);
        let quiz = quizzes[0];
        assert!(
            quiz.questions.len() >= 8,
            "module {} quiz has {} questions",
            n + 1,
            quiz.questions.len()
        );
        for kind in [Kind::Single, Kind::Multiple, Kind::TrueFalse] {
            assert!(
                quiz.questions.iter().any(|q| q.kind() == kind),
                "module {} quiz has a {kind:?} question",
                n + 1
            );
        }
        for q in &quiz.questions {
            let explanation = q
                .explanation
                .as_ref()
                .map(|e| e.markdown.as_str())
                .unwrap_or("");
            assert!(
                explanation.contains(".md#"),
                "question `{}` of module {} links back to a lesson section",
                q.id,
                n + 1
            );
        }
        // The brief: every module's quiz offers instant feedback and "answer all, then submit".
        assert_eq!(quiz.mode, Mode::Both, "module {} offers both modes", n + 1);
        // One bar throughout (the review, P1: module 1 passed at 70 % and the rest at 80 %,
        // with no reason given).
        assert_eq!(quiz.pass, 80, "module {}'s pass mark", n + 1);
        kinds.extend(quiz.questions.iter().map(|q| q.kind()));
    }
    for kind in [Kind::Match, Kind::Short, Kind::Order] {
        assert!(kinds.contains(&kind), "the course asks a {kind:?} question");
    }
}

#[test]
fn true_or_false_items_are_balanced_and_no_false_one_gives_itself_away() {
    let site = sample();
    let mut answers = Vec::new();
    for quiz in site.course.pages.iter().filter_map(|p| p.quiz.as_ref()) {
        for q in &quiz.questions {
            if let aula::quiz::Answer::TrueFalse { answer } = q.answer {
                answers.push(answer);
                // The absolutes that told a learner the answer without the lesson (the
                // review of the sample course, P5).
                let prompt = q.prompt.markdown.to_lowercase();
                for tell in [
                    "solamente",
                    "con seguridad",
                    "basta",
                    "sobran",
                    "deja de",
                    "no hace falta",
                    "sin importar",
                    "siempre",
                    "nunca",
                ] {
                    assert!(
                        answer || !prompt.contains(tell),
                        "`{}` is false and says «{tell}»",
                        q.id
                    );
                }
            }
        }
    }
    let trues = answers.iter().filter(|&&a| a).count();
    let falses = answers.len() - trues;
    assert!(
        trues.abs_diff(falses) <= 2,
        "{trues} true against {falses} false"
    );
}

#[test]
fn the_sample_course_is_in_spanish_with_a_glossary_its_lessons_link_to() {
    let site = sample();
    let home = std::fs::read_to_string(site.out.path().join("site/index.html")).unwrap();
    assert!(
        home.contains("<html lang=\"es\""),
        "the pages are in Spanish"
    );
    let glossary = site
        .course
        .standalone
        .iter()
        .map(|&i| &site.course.pages[i])
        .find(|p| p.title == "Glosario")
        .expect("a Glosario page");
    let linking = site
        .course
        .pages
        .iter()
        .filter(|p| p.kind == PageKind::Lesson && p.text.contains("glosario.md#"))
        .count();
    assert!(
        linking >= 12,
        "only {linking} lessons link to {}",
        glossary.source.display()
    );
    let text: String = site.course.pages.iter().map(|p| p.text.as_str()).collect();
    assert!(
        text.contains('¿') && text.contains('¡') && text.contains('ó'),
        "Spanish punctuation and accents"
    );
}

#[test]
fn the_diagrams_are_drawings_with_a_text_alternative_and_dark_colours() {
    let site = sample();
    let built = site.out.path().join("site");
    // (page, drawing, what the text alternative names)
    let diagrams: [(&str, &str, &[&str]); 4] = [
        (
            "triangulo-del-servicio/el-triangulo-y-la-estrategia.html",
            "triangulo-del-servicio/triangulo-del-servicio.svg",
            &[
                "estrategia",
                "cliente interno",
                "procesos",
                "cliente externo",
            ],
        ),
        (
            "momentos-de-verdad/que-es-un-momento-de-verdad.html",
            "momentos-de-verdad/ciclo-del-servicio.svg",
            &["ocho momentos de verdad", "reserva", "despedida"],
        ),
        (
            "cultura-de-servicio/servuccion-y-brechas.html",
            "cultura-de-servicio/modelo-de-brechas.svg",
            &[
                "servicio esperado",
                "percibido",
                "especificaciones",
                "brecha 4",
            ],
        ),
        (
            "lealtad-del-cliente/niveles-y-zonas.html",
            "lealtad-del-cliente/zonas-de-satisfaccion.svg",
            &["deserción", "indiferencia", "afecto"],
        ),
    ];
    for (page, drawing, names) in diagrams {
        let html = std::fs::read_to_string(built.join(page)).unwrap();
        // The triangle replaced a drawing in ASCII characters, which a screen reader spells.
        assert!(!html.contains("/____"), "{page}: no drawing in characters");
        let file = drawing.rsplit('/').next().unwrap_or(drawing);
        let img = html
            .split("<img ")
            .filter_map(|tag| tag.split('>').next())
            .find(|tag| tag.contains(&format!("{file}\"")))
            .unwrap_or_else(|| panic!("{page}: no {file}"));
        let alt = img
            .split("alt=\"")
            .nth(1)
            .and_then(|a| a.split('"').next())
            .unwrap_or("")
            .to_lowercase();
        for name in names {
            assert!(
                alt.contains(name),
                "{page}: the alt text names {name}: {alt}"
            );
        }
        assert!(
            html.contains("<figcaption>"),
            "{page}: the drawing has a caption"
        );
        let svg = std::fs::read_to_string(built.join(drawing)).unwrap();
        assert!(svg.contains("<title"), "{drawing} has a title");
        assert!(
            svg.contains("prefers-color-scheme: dark"),
            "{drawing} has dark colours"
        );
    }
}

#[test]
fn every_multiple_answer_question_scores_the_same_way_and_the_quiz_says_how() {
    // The review of the sample course (P7): some were all or nothing, some partial, and
    // nothing told the learner which.
    let site = sample();
    for quiz in site.course.pages.iter().filter_map(|p| p.quiz.as_ref()) {
        let description = quiz
            .description
            .as_ref()
            .map(|d| d.markdown.as_str())
            .unwrap_or("");
        let mut multiple = 0;
        for q in &quiz.questions {
            if let aula::quiz::Answer::Multiple {
                scoring, options, ..
            } = &q.answer
            {
                multiple += 1;
                assert_eq!(
                    *scoring,
                    aula::quiz::Scoring::Partial,
                    "`{}` scores partly",
                    q.id
                );
                // The review (P6): `causas` had four right options of five, and its one
                // wrong option gave itself away.
                let wrong = options.iter().filter(|o| !o.correct).count();
                assert!(wrong >= 2, "`{}` has {wrong} wrong option(s)", q.id);
            }
        }
        if multiple > 0 {
            assert!(
                description.contains("cada opción correcta que marques suma"),
                "{}: the description says how the multiple-answer questions score",
                quiz.title
            );
        }
    }
}
