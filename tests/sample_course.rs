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
    /// A built page's HTML, by its path from the output root.
    fn html(&self, path: &str) -> String {
        std::fs::read_to_string(self.out.path().join("site").join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// The ids of the headings of a built page, in order.
    fn heading_ids(&self, page: &aula::content::Page) -> Vec<String> {
        ids_of(&self.html(&page.path()))
    }

    /// The six modules that teach, in order: those of numbered folders.
    fn teaching_modules(&self) -> Vec<&aula::content::Module> {
        self.course
            .modules
            .iter()
            .filter(|m| {
                let folder = self.course.pages[m.index].content_path();
                folder.starts_with(|c: char| c.is_ascii_digit())
            })
            .collect()
    }

    /// A module's lessons, in order.
    fn lessons(&self, module: &aula::content::Module) -> Vec<&aula::content::Page> {
        module
            .items
            .iter()
            .map(|&i| &self.course.pages[i])
            .filter(|p| p.kind == PageKind::Lesson)
            .collect()
    }

    /// A module's one quiz.
    fn quiz(&self, module: &aula::content::Module) -> &aula::quiz::Quiz {
        let quizzes: Vec<_> = module
            .items
            .iter()
            .filter_map(|&i| self.course.pages[i].quiz.as_ref())
            .collect();
        assert_eq!(quizzes.len(), 1, "{} quizzes in a module", quizzes.len());
        quizzes[0]
    }

    /// The page outside the modules whose file is `name`, under content/.
    fn standalone(&self, name: &str) -> &aula::content::Page {
        self.course
            .standalone
            .iter()
            .map(|&i| &self.course.pages[i])
            .find(|p| p.content_path() == name)
            .unwrap_or_else(|| panic!("no page {name} outside the modules"))
    }
}

/// The ids of the h2–h4 headings of some HTML, in order.
fn ids_of(html: &str) -> Vec<String> {
    html.split("<h")
        .skip(1)
        .filter(|tag| tag.starts_with(['2', '3', '4']))
        .filter_map(|tag| tag[1..].strip_prefix(" id=\""))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The Markdown from the heading with `id` (written `{#id}`) to the next heading of the same
/// or a higher level.
fn section<'a>(text: &'a str, id: &str) -> &'a str {
    let at = text.find(id).unwrap_or_else(|| panic!("no {id}"));
    let level = text[..at].rfind('\n').map_or(0, |l| {
        text[l + 1..at].chars().take_while(|&c| c == '#').count()
    });
    let rest = &text[at + id.len()..];
    let end = rest
        .match_indices("\n#")
        .find(|(i, _)| {
            let hashes = rest[i + 1..].chars().take_while(|&c| c == '#').count();
            hashes <= level
        })
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

#[test]
fn the_sample_course_has_six_modules_with_lessons_and_a_quiz_each() {
    let site = sample();
    let course = &site.course;
    // Six modules that teach, and the final assessment after them.
    assert_eq!(course.modules.len(), 7);
    let mut kinds = Vec::new();
    for (n, module) in site.teaching_modules().into_iter().enumerate() {
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
        let lessons = site.lessons(module);
        // Three or four lessons that teach, the case study, and in module 5 the role plays.
        assert!(
            (4..=6).contains(&lessons.len()),
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
        let quiz = site.quiz(module);
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
        kinds.extend(quiz.questions.iter().map(|q| q.kind()));
    }
    for kind in [Kind::Match, Kind::Short, Kind::Order] {
        assert!(kinds.contains(&kind), "the course asks a {kind:?} question");
    }
}

#[test]
fn every_module_quiz_offers_practice_and_exam_a_key_term_and_a_case() {
    let site = sample();
    for (n, module) in site.teaching_modules().into_iter().enumerate() {
        let quiz = site.quiz(module);
        // The brief: every module's quiz offers instant feedback and "answer all, then
        // submit" (the review, P1).
        assert_eq!(quiz.mode, Mode::Both, "module {} offers both modes", n + 1);
        // One bar throughout (the review, P1: module 1 passed at 70 % and the rest at 80 %,
        // with no reason given).
        assert_eq!(quiz.pass, 80, "module {}'s pass mark", n + 1);
        assert!(
            quiz.questions.iter().any(|q| q.kind() == Kind::Short),
            "module {} asks a key term to type",
            n + 1
        );
        // A group with a case of the running example, which links to the module's chapter.
        let case = quiz
            .groups
            .iter()
            .find(|g| g.id == "caso-buen-camino")
            .unwrap_or_else(|| panic!("module {} quiz has a case group", n + 1));
        let context = case
            .context
            .as_ref()
            .map(|c| c.markdown.as_str())
            .unwrap_or("");
        assert!(
            case.questions.len() >= 2 && context.contains("Buen Camino"),
            "module {}'s case group has a Buen Camino context and two questions at least",
            n + 1
        );
        let chapter = site.lessons(module).last().unwrap().source.clone();
        let file = chapter.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            context.contains(&format!("({file})")),
            "module {}'s case group links to {file}",
            n + 1
        );
    }
}

#[test]
fn the_new_question_types_ask_what_they_teach_best() {
    let site = sample();
    let modules = site.teaching_modules();
    let find = |m: usize, kind: Kind| -> Vec<&aula::quiz::Question> {
        site.quiz(modules[m])
            .questions
            .iter()
            .filter(|q| q.kind() == kind)
            .collect()
    };
    let lefts = |q: &aula::quiz::Question| -> Vec<String> {
        match &q.answer {
            aula::quiz::Answer::Match { pairs, .. } => {
                pairs.iter().map(|p| p.left.markdown.clone()).collect()
            }
            _ => Vec::new(),
        }
    };
    let items = |q: &aula::quiz::Question| -> Vec<String> {
        match &q.answer {
            aula::quiz::Answer::Order { items, .. } => {
                items.iter().map(|i| i.markdown.clone()).collect()
            }
            _ => Vec::new(),
        }
    };
    // Module 1: the seven characteristics, every one of them, to match with its meaning.
    let characteristics = [
        "Intangible",
        "Irreparable",
        "Consumo inmediato",
        "No da espera",
        "El cliente participa en su fabricación",
        "Depende de las personas",
        "Indivisible",
    ];
    assert!(
        find(0, Kind::Match)
            .iter()
            .any(|q| lefts(q) == characteristics),
        "module 1 matches the seven characteristics"
    );
    // Module 6: the three satisfaction zones.
    assert!(
        find(5, Kind::Match).iter().any(|q| lefts(q)
            == [
                "Zona de deserción",
                "Zona de indiferencia",
                "Zona de afecto"
            ]),
        "module 6 matches the satisfaction zones"
    );
    // Module 4: the seven steps of the programme; module 5: the complaint procedure.
    let steps = find(3, Kind::Order);
    assert!(
        steps.iter().any(|q| {
            let i = items(q);
            i.len() == 7 && i[0].starts_with("Reunir") && i[6] == "Retroalimentar"
        }),
        "module 4 orders the seven steps of the programme"
    );
    let procedure = find(4, Kind::Order);
    assert!(
        procedure.iter().any(|q| {
            let i = items(q);
            i.len() == 7 && i[0] == "Reunir los hechos" && i[6].starts_with("Pedir ayuda")
        }),
        "module 5 orders the complaint procedure"
    );
}

#[test]
fn each_module_ends_with_a_chapter_of_the_running_case() {
    let site = sample();
    for (n, module) in site.teaching_modules().into_iter().enumerate() {
        let lessons = site.lessons(module);
        let chapter = lessons.last().unwrap();
        assert!(
            chapter
                .title
                .starts_with(&format!("Caso Buen Camino ({})", n + 1)),
            "module {}'s last lesson is chapter {} of the case: {}",
            n + 1,
            n + 1,
            chapter.title
        );
        // A page of reading, with questions to answer on it.
        assert!(
            (350..=1100).contains(&chapter.words),
            "{} has {} words",
            chapter.source.display(),
            chapter.words
        );
        let html = site.html(&chapter.path());
        assert!(
            html.contains("quiz-box"),
            "{} has a check",
            chapter.source.display()
        );
        // The organization is plainly fictional, from the first chapter on.
        if n == 0 {
            assert!(chapter.text.contains("inventadas para este curso"));
        } else {
            assert!(chapter.text.contains("(una empresa ficticia)"));
        }
    }
}

#[test]
fn module_5_has_role_plays_for_a_complaint_bad_news_and_an_escalation() {
    let site = sample();
    let module = site.teaching_modules()[4];
    let page = site
        .lessons(module)
        .into_iter()
        .find(|p| p.title.starts_with("Juegos de roles"))
        .expect("a page of role plays in module 5");
    let ids = site.heading_ids(page);
    for script in ["queja", "mala-noticia", "escalamiento"] {
        for part in ["situacion", "roles", "buen-desempeno", "lista"] {
            let id = format!("{script}-{part}");
            assert!(ids.contains(&id), "the {script} script has #{id}");
        }
        // The observer's checklist: boxes to tick, one behaviour each.
        let list = section(&page.text, &format!("{{#{script}-lista}}"));
        let boxes = list.matches("- [ ]").count();
        assert!(boxes >= 6, "the {script} checklist has {boxes} items");
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

#[test]
fn the_final_assessment_draws_20_of_at_least_30_application_questions() {
    let site = sample();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let module = site
        .course
        .modules
        .iter()
        .find(|m| site.course.pages[m.index].content_path() == "evaluacion-final/_index.md")
        .expect("a module content/evaluacion-final/");
    assert_eq!(
        site.course.modules.last().map(|m| m.index),
        Some(module.index),
        "the final assessment comes after the six modules"
    );
    let quiz = site.quiz(module);
    let picks = quiz.picks().len();
    assert!(picks >= 30, "a pool of {picks} picks");
    assert_eq!(quiz.draw, Some(20));
    assert_eq!(quiz.pass, 80);
    // An exam: no practice mode that shows each answer as it is given.
    assert_eq!(quiz.mode, Mode::Submit);
    assert!(quiz.attempts > 0, "a limited number of attempts");
    // Application, not recall: every question sets out a situation, and the pool covers
    // every module (its explanations send the learner back to their lessons).
    for q in &quiz.questions {
        // A match question sets out its situations on the left.
        let situation = match &q.answer {
            aula::quiz::Answer::Match { pairs, .. } => pairs
                .iter()
                .map(|p| p.left.markdown.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            _ => q.prompt.markdown.clone(),
        };
        assert!(
            situation.chars().count() >= 100,
            "`{}` sets out a situation: {situation}",
            q.id
        );
    }
    for folder in [
        "01-el-servicio",
        "02-momentos-de-verdad",
        "03-triangulo-del-servicio",
        "04-cultura-de-servicio",
        "05-manejo-de-quejas",
        "06-lealtad-del-cliente",
    ] {
        let covering = quiz
            .questions
            .iter()
            .filter(|q| {
                q.explanation
                    .as_ref()
                    .is_some_and(|e| e.markdown.contains(&format!("../{folder}/")))
            })
            .count();
        assert!(covering >= 5, "{covering} questions on {folder}");
    }
    // It is what completes the course, with the lessons, and it is the LMS score; the
    // module quizzes are practice for it.
    let settings: toml::Table = std::fs::read_to_string(root.join("site.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let final_quiz = "evaluacion-final/quiz.toml";
    assert_eq!(
        settings["completion"]["quizzes"].as_array().unwrap(),
        &[toml::Value::from(final_quiz)],
        "[completion] requires the final assessment"
    );
    assert_eq!(settings["completion"]["lessons"].as_str(), Some("all"));
    assert_eq!(
        settings["lms"]["score"].as_str(),
        Some(final_quiz),
        "[lms] reports the final assessment's score"
    );
    let data = site.html("assets/course-data.js");
    let json: serde_json::Value =
        serde_json::from_str(&data[data.find('{').unwrap()..=data.rfind('}').unwrap()]).unwrap();
    let required: Vec<&str> = json["modules"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["items"].as_array().unwrap())
        .filter(|i| i["quiz"]["required"] == true)
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        required,
        ["evaluacion-final/quiz.html"],
        "the learner's browser requires the final assessment, and only it"
    );
}

/// The job aids: (file under content/, what its title names).
const JOB_AIDS: [(&str, &str); 5] = [
    ("ficha-procedimiento-quejas.md", "queja"),
    ("ficha-triangulo-del-servicio.md", "triángulo"),
    ("ficha-ciclo-del-servicio.md", "ciclo del servicio"),
    ("ficha-promesa-y-garantia.md", "promesa y garantía"),
    ("ficha-plan-de-accion.md", "plan de acción"),
];

#[test]
fn the_job_aids_are_printable_pages_that_never_count_for_completion() {
    let site = sample();
    let index = site.standalone("fichas-de-trabajo.md");
    for (n, (file, names)) in JOB_AIDS.iter().enumerate() {
        let page = site.standalone(file);
        assert!(
            page.title.starts_with(&format!("Ficha {}", n + 1)) && page.title.contains(names),
            "{file}: {}",
            page.title
        );
        // The course's stylesheet fits `.ficha` on one A4 page (the browser test prints it).
        let html = site.html(&page.path());
        assert!(html.contains("<div class=\"ficha"), "{file} is a job aid");
        assert!(html.contains("course.css"), "{file} loads course.css");
        assert!(
            index.text.contains(&format!("]({file})")),
            "the list of job aids links to {file}"
        );
        // Pages outside the modules: the learner's record and the completion rule never
        // see them.
        let data = site.html("assets/course-data.js");
        assert!(!data.contains(&page.path()), "{file} is not in the record");
    }
    let css = std::fs::read_to_string(site.out.path().join("site/course.css")).unwrap();
    assert!(css.contains("@page ficha") && css.contains("size:A4"));
}

#[test]
fn the_facilitator_guide_plans_sessions_that_add_up() {
    let site = sample();
    let guide = site.standalone("guia-facilitador.md");
    // Four classroom sessions of three and a half hours: each table's minutes add up.
    for n in 1..=4 {
        let table = section(&guide.text, &format!("{{#sesion-{n}}}"));
        let minutes = minutes_column(table);
        assert_eq!(
            minutes, 210,
            "classroom session {n} lasts {minutes} minutes"
        );
    }
    // Online: ninety minutes a session.
    let online = section(&guide.text, "{#plan-en-linea}");
    assert_eq!(minutes_column(online), 90, "an online session's structure");
    assert!(
        online.contains("| 6 |"),
        "six online sessions, one a module"
    );
    // Every activity a plan links to is described.
    let activities = site.standalone("guia-facilitador-actividades.md");
    let ids = site.heading_ids(activities);
    for link in guide.text.split("guia-facilitador-actividades.md#").skip(1) {
        let id = link.split(')').next().unwrap();
        assert!(
            ids.iter().any(|i| i == id),
            "the activity #{id} is described"
        );
    }
    // Kirkpatrick's levels 3 and 4, with the source.
    let transfer = site.standalone("guia-facilitador-transferencia.md");
    let ids = site.heading_ids(transfer);
    assert!(ids.contains(&"nivel-3".to_string()) && ids.contains(&"nivel-4".to_string()));
    assert!(transfer
        .text
        .contains("Kirkpatrick, D. L. y Kirkpatrick, J. D. (2006)"));
}

/// The sum of the `Min` column of the first Markdown table in `text`.
fn minutes_column(text: &str) -> u32 {
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    let column = rows[0]
        .iter()
        .position(|&h| h == "Min")
        .expect("a Min column");
    rows[2..]
        .iter()
        .map(|r| r[column].parse::<u32>().unwrap())
        .sum()
}

#[test]
fn the_facilitator_guide_answers_every_question_to_reflect_on() {
    let site = sample();
    let answers: String = [
        "guia-facilitador-respuestas-1.md",
        "guia-facilitador-respuestas-2.md",
    ]
    .iter()
    .map(|f| site.standalone(f).text.clone())
    .collect();
    for (m, module) in site.teaching_modules().into_iter().enumerate() {
        for (l, lesson) in site.lessons(module).into_iter().enumerate() {
            let asked = numbered(section(&lesson.text, "{#para-reflexionar}"));
            assert!(asked >= 3, "{} asks {asked}", lesson.source.display());
            let id = format!("{{#leccion-{}-{}}}", m + 1, l + 1);
            assert!(
                answers.contains(&id),
                "the guide answers {} under {id}",
                lesson.source.display()
            );
            let answered = numbered(section(&answers, &id));
            assert_eq!(
                answered,
                asked,
                "{}: {asked} questions, {answered} answers",
                lesson.source.display()
            );
        }
    }
}

/// How many items of an ordered list `text` holds.
fn numbered(text: &str) -> usize {
    text.lines()
        .filter(|l| {
            let digits = l.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && l[digits..].starts_with(". ")
        })
        .count()
}

#[test]
fn every_page_and_quiz_has_its_english_edition_with_the_same_anchors() {
    let site = sample();
    let built = site.out.path().join("site");
    for page in &site.course.pages {
        if page.kind == PageKind::Quiz {
            let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(&page.source);
            let english = source.with_file_name("quiz.en.toml");
            assert!(english.exists(), "{} is translated", page.source.display());
            continue;
        }
        let english = built.join("en").join(page.path());
        let html = std::fs::read_to_string(&english)
            .unwrap_or_else(|e| panic!("{}: {e}", english.display()));
        assert!(
            page.translations.iter().any(|(lang, _)| lang == "en"),
            "{} has an English translation",
            page.source.display()
        );
        // Links to `page.md#id` work in both editions.
        let mut spanish = site.heading_ids(page);
        let mut ids = ids_of(&html);
        spanish.sort();
        ids.sort();
        assert_eq!(ids, spanish, "{}: the same heading ids", english.display());
    }
}
