//! A course in two languages, as an author writes it and a learner gets it: Spanish at the
//! output's root and English under `en/`, built from `NAME.en.md` and `quiz.en.toml` beside
//! the Spanish files, with every page in both and a switcher between them.

mod common;

use common::html::{broken_links, tags, text_of};
use common::{course, CourseBuilder};

const SITE: &str = r#"title = "Cultura de servicio"
id = "bilingue"
language = "es"
base_url = "/"

[languages.en]
title = "Service culture"
description = "A course for people who serve customers."
"#;

const QUIZ: &str = r#"title = "Evaluación"
pass = 80

[[questions]]
id = "intangible"
prompt = "¿Qué característica impide tocar el servicio?"
[[questions.options]]
text = "Intangible"
correct = true
[[questions.options]]
text = "Almacenable"

[[questions]]
id = "termino"
prompt = "¿Cómo se llama el instante en que el cliente se forma una impresión?"
accept = ["momento de verdad"]
"#;

const QUIZ_EN: &str = r#"title = "Quiz"
pass = 80

[[questions]]
id = "intangible"
prompt = "Which characteristic means a service cannot be touched?"
[[questions.options]]
text = "Intangible"
correct = true
[[questions.options]]
text = "Storable"

[[questions]]
id = "termino"
prompt = "What is the instant in which the customer forms an impression called?"
accept = ["moment of truth"]
"#;

/// The Spanish course, with English for the home, the module, the first lesson and the
/// quiz, and none for the second lesson.
fn bilingual() -> CourseBuilder {
    course()
        .file("site.toml", SITE)
        .file("content/_index.md", "+++\ntitle = \"Inicio\"\n+++\nBienvenida. [Empieza](01-servicio/01-que-es.md).\n")
        .file("content/_index.en.md", "+++\ntitle = \"Home\"\n+++\nWelcome. [Start](01-servicio/01-que-es.md).\n")
        .file("content/01-servicio/_index.md", "+++\ntitle = \"El servicio\"\n+++\nIntroducción.\n")
        .file("content/01-servicio/_index.en.md", "+++\ntitle = \"Service\"\n+++\nIntroduction.\n")
        .file(
            "content/01-servicio/01-que-es.md",
            "+++\ntitle = \"¿Qué es el servicio?\"\n+++\n## Definición {#definicion}\n\nEl servicio es…\n\n![El triángulo](triangulo.svg)\n",
        )
        .file(
            "content/01-servicio/01-que-es.en.md",
            "+++\ntitle = \"What is service?\"\n+++\n## Definition {#definicion}\n\nService is…\n\n![The triangle](triangulo.svg)\n\nSee [the characteristics](02-caracteristicas.md).\n",
        )
        .file(
            "content/01-servicio/02-caracteristicas.md",
            "+++\ntitle = \"Características\"\n+++\nSolo en español. [Definición](01-que-es.md#definicion)\n",
        )
        .file("content/01-servicio/triangulo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .file("content/01-servicio/quiz.toml", QUIZ)
        .file("content/01-servicio/quiz.en.toml", QUIZ_EN)
}

/// The `href` of the switcher's link to `language`.
fn switch_to(html: &str, language: &str) -> String {
    let nav = html
        .split("<nav class=\"languages\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no language switcher in {html}"));
    let nav = nav.split("</nav>").next().unwrap();
    tags(nav)
        .into_iter()
        .find(|t| t.name == "a" && t.attr("hreflang") == Some(language))
        .and_then(|t| t.attr("href").map(str::to_string))
        .unwrap_or_else(|| panic!("no link to {language} in {nav}"))
}

#[test]
fn the_default_language_is_at_the_root_and_english_under_en_with_the_same_slugs() {
    let course = bilingual().build();
    let run = course.build();
    assert!(
        run.stdout.contains("in 2 languages (es, en)"),
        "{}",
        run.stdout
    );
    for page in [
        "index.html",
        "servicio/index.html",
        "servicio/que-es.html",
        "servicio/caracteristicas.html",
        "servicio/quiz.html",
        "print.html",
        "results.html",
        "certificate.html",
        "404.html",
    ] {
        assert!(course.has_output(page), "missing {page}");
        assert!(
            course.has_output(&format!("en/{page}")),
            "missing en/{page}"
        );
    }
    let es = course.output("servicio/que-es.html");
    let en = course.output("en/servicio/que-es.html");
    assert!(es.contains("<html lang=\"es\">"));
    assert!(en.contains("<html lang=\"en\">"));
    assert_eq!(text_of(&en, "h1"), "What is service?");
    assert!(
        text_of(&en, "title").contains("Service culture"),
        "the edition's own title"
    );
    // The theme's files and the course's image are shared, not copied into en/.
    assert!(!course.has_output("en/assets/aula.css"));
    assert!(!course.has_output("en/servicio/triangulo.svg"));
    assert!(en.contains("href=\"../../assets/aula.css\""), "{en}");
    assert!(en.contains("src=\"../../servicio/triangulo.svg\""), "{en}");
    // What each edition has of its own: the course data and the search index.
    assert!(course.has_output("en/assets/course-data.js"));
    assert!(course.has_output("en/assets/search-index.js"));
    assert!(course
        .output("en/assets/search-index.js")
        .contains("What is service?"));
    assert!(!course
        .output("assets/search-index.js")
        .contains("What is service?"));
    let broken = broken_links(&course.root().join("public"));
    assert!(broken.is_empty(), "{broken:?}");
    // English's 404 page links from the host's root, as the default language's does.
    let not_found = course.output("en/404.html");
    assert!(
        not_found.contains("href=\"/assets/aula.css\""),
        "{not_found}"
    );
    assert!(not_found.contains("href=\"/en/index.html\""), "{not_found}");
}

#[test]
fn the_switcher_and_the_alternates_link_to_the_same_page_in_the_other_language() {
    let course = bilingual().build();
    course.build();
    let es = course.output("servicio/que-es.html");
    let en = course.output("en/servicio/que-es.html");
    assert_eq!(switch_to(&es, "en"), "../en/servicio/que-es.html");
    assert_eq!(switch_to(&en, "es"), "../../servicio/que-es.html");
    let alternates: Vec<(String, String)> = tags(&en)
        .into_iter()
        .filter(|t| t.name == "link" && t.attr("rel") == Some("alternate"))
        .map(|t| {
            (
                t.attr("hreflang").unwrap().into(),
                t.attr("href").unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            ("es".to_string(), "../../servicio/que-es.html".to_string()),
            (
                "en".to_string(),
                "../../en/servicio/que-es.html".to_string()
            ),
        ]
    );
    // The learner's record has one in each language too.
    assert_eq!(
        switch_to(&course.output("en/results.html"), "es"),
        "../results.html"
    );
    // Each edition's switcher names the languages in their own words.
    assert!(es.contains(">English</a>") && es.contains(">Español</a>"));
}

#[test]
fn only_a_course_in_more_than_one_language_loads_the_switchers_stylesheet() {
    let stylesheets = |html: &str| -> Vec<String> {
        tags(html)
            .into_iter()
            .filter(|t| t.name == "link" && t.attr("rel") == Some("stylesheet"))
            .filter_map(|t| t.attr("href").map(String::from))
            .collect()
    };
    let two = bilingual().build();
    two.build();
    let en = two.output("en/servicio/que-es.html");
    assert!(stylesheets(&en).contains(&"../../assets/languages.css".to_string()));
    assert!(two.output("assets/languages.css").contains(".languages"));
    assert!(!two.has_output("en/assets/languages.css"));

    let one = course()
        .file("site.toml", "title = \"Uno\"\nlanguage = \"es\"\n")
        .file(
            "content/servicio/_index.md",
            "+++\ntitle = \"Servicio\"\n+++\n",
        )
        .file(
            "content/servicio/que-es.md",
            "+++\ntitle = \"Qué es\"\n+++\nTexto.\n",
        )
        .build();
    one.build();
    let page = one.output("servicio/que-es.html");
    assert!(!stylesheets(&page)
        .iter()
        .any(|s| s.ends_with("languages.css")));
    assert!(!page.contains("class=\"languages\""));
}

#[test]
fn a_page_without_a_translation_is_built_from_the_default_language_with_a_notice() {
    let course = bilingual().build();
    let run = course.build();
    let page = course.output("en/servicio/caracteristicas.html");
    assert!(page.contains("Solo en español."));
    assert!(
        page.contains("<main id=\"main\" tabindex=\"-1\" lang=\"es\">"),
        "{page}"
    );
    let notice = common::html::between(&page, "<p class=\"untranslated\"", "</p>");
    assert!(
        notice.contains("not been translated into English"),
        "{notice}"
    );
    // Its links stay in the English edition.
    assert!(
        page.contains("href=\"../servicio/que-es.html#definicion\""),
        "{page}"
    );
    // A translated page has no notice.
    assert!(!course
        .output("en/servicio/que-es.html")
        .contains("class=\"untranslated\""));
    // The author is told, as a warning: the build succeeds.
    assert!(
        run.stderr.contains("warning: this page has no `en` translation\n  --> content/01-servicio/02-caracteristicas.md"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("translate it as content/01-servicio/02-caracteristicas.en.md"));
    let check = course.aula(&["check"]).success();
    assert!(
        check.stderr.contains("this page has no `en` translation"),
        "{}",
        check.stderr
    );
}

#[test]
fn progress_and_quiz_results_are_stored_under_the_same_keys_in_both_languages() {
    let course = bilingual()
        .file(
            "content/01-servicio/01-que-es.en.md",
            "+++\ntitle = \"What is service?\"\nslug = \"what-is-service\"\n+++\n## Definition {#definicion}\n",
        )
        .build();
    course.build();
    let key = |html: &str| {
        tags(html)
            .into_iter()
            .find(|t| t.name == "body")
            .and_then(|t| t.attr("data-page-key").map(str::to_string))
            .unwrap()
    };
    // A translation's slug changes its URL, not where its progress is kept.
    let en = course.output("en/servicio/what-is-service.html");
    assert_eq!(key(&en), key(&course.output("servicio/que-es.html")));
    assert_eq!(key(&en), "servicio/que-es/");
    // The quiz's results are keyed by a hash of its scoring, which the English quiz's
    // own accepted answers do not change.
    let quiz_key = |html: &str| html.split("aula:bilingue:quiz:").nth(1).unwrap()[..30].to_string();
    assert_eq!(
        quiz_key(&course.output("en/servicio/quiz.html")),
        quiz_key(&course.output("servicio/quiz.html"))
    );
}

#[test]
fn a_translated_quiz_that_changes_the_answers_is_an_error_naming_both_files() {
    let changed = QUIZ_EN
        .replacen(
            "text = \"Intangible\"\ncorrect = true",
            "text = \"Intangible\"",
            1,
        )
        .replacen(
            "text = \"Storable\"",
            "text = \"Storable\"\ncorrect = true",
            1,
        )
        .replacen("pass = 80", "pass = 70", 1);
    let course = bilingual()
        .file("content/01-servicio/quiz.en.toml", &changed)
        .build();
    let run = course.build_fails();
    run.has_error(
        "question `intangible` does not keep the original's answers: the right options are B here and A in the original",
        "content/01-servicio/quiz.en.toml:6:11",
        "the original is content/01-servicio/quiz.toml:6:11: a translation keeps its question ids, answers, points and pass mark, and changes only the texts, so that learners' results carry over between languages",
    );
    run.has_error(
        "`pass` differs from the original quiz's",
        "content/01-servicio/quiz.en.toml:2:1",
        "the original is content/01-servicio/quiz.toml:2:1: a translation keeps its question ids, answers, points and pass mark, and changes only the texts, so that learners' results carry over between languages",
    );
    assert_eq!(run.error_count(), 2, "{}", run.stderr);
    // Nothing was written.
    assert!(!course.has_output("index.html"));

    let renamed = QUIZ_EN.replacen("id = \"termino\"", "id = \"term\"", 1);
    let course = bilingual()
        .file("content/01-servicio/quiz.en.toml", &renamed)
        .build();
    course.build_fails().stderr_has(&[
        "question `term` is in the place of the original's `termino`",
        "content/01-servicio/quiz.en.toml:15:11",
    ]);

    let fewer = QUIZ_EN
        .split("\n[[questions]]\nid = \"termino\"")
        .next()
        .unwrap();
    let course = bilingual()
        .file("content/01-servicio/quiz.en.toml", fewer)
        .build();
    course
        .build_fails()
        .stderr_has(&["this translation has 1 questions and the original 2"]);
}

#[test]
fn slugs_name_a_page_or_a_module_in_its_own_language() {
    let course = bilingual()
        .file(
            "content/01-servicio/_index.en.md",
            "+++\ntitle = \"Service\"\nslug = \"service\"\n+++\nIntroduction.\n",
        )
        .file(
            "content/01-servicio/01-que-es.en.md",
            "+++\ntitle = \"What is service?\"\nslug = \"what-is-service\"\n+++\n## Definition {#definicion}\n\n![The triangle](triangulo.svg)\n",
        )
        .build();
    course.build();
    assert!(course.has_output("en/service/index.html"));
    assert!(course.has_output("en/service/what-is-service.html"));
    // The untranslated lesson and the quiz move into the module's English folder too.
    assert!(course.has_output("en/service/caracteristicas.html"));
    assert!(course.has_output("en/service/quiz.html"));
    assert!(!course.has_output("en/servicio/index.html"));
    // The Spanish edition keeps its own.
    assert!(course.has_output("servicio/que-es.html"));
    // Links follow: the home page's, and the image, which stays where the Spanish edition has it.
    let home = course.output("en/index.html");
    assert!(
        home.contains("href=\"service/what-is-service.html\""),
        "{home}"
    );
    let lesson = course.output("en/service/what-is-service.html");
    assert!(
        lesson.contains("src=\"../../servicio/triangulo.svg\""),
        "{lesson}"
    );
    assert_eq!(
        switch_to(&course.output("servicio/que-es.html"), "en"),
        "../en/service/what-is-service.html"
    );
    let broken = broken_links(&course.root().join("public"));
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn a_slug_in_the_default_language_renames_the_page_and_a_module_slug_moves_its_files() {
    let course = course()
        .file(
            "content/01-a/_index.md",
            "+++\ntitle = \"A\"\nslug = \"first\"\n+++\n",
        )
        .file(
            "content/01-a/01-b.md",
            "+++\ntitle = \"B\"\nslug = \"second\"\n+++\n![x](x.svg)\n",
        )
        .file(
            "content/01-a/x.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .build();
    course.build();
    assert!(course.has_output("first/index.html"));
    assert!(course.has_output("first/second.html"));
    assert!(course.has_output("first/x.svg"));
    assert!(course
        .output("first/second.html")
        .contains("src=\"../first/x.svg\""));
}

#[test]
fn a_slug_that_is_not_one_and_a_slug_on_the_home_page_are_errors() {
    let course = course()
        .file(
            "content/_index.md",
            "+++\ntitle = \"Home\"\nslug = \"start\"\n+++\n",
        )
        .file(
            "content/01-a/_index.md",
            "+++\ntitle = \"A\"\nslug = \"Mi Módulo\"\n+++\n",
        )
        .build();
    let run = course.build_fails();
    run.has_error(
        "slug `Mi Módulo` is not a slug",
        "content/01-a/_index.md:3:8",
        "use lower-case letters, digits and `-`, like `slug = \"mi-modulo\"`",
    );
    run.has_error(
        "the home page takes no `slug`",
        "content/_index.md:3:1",
        "remove it: the home page is always the output's index.html",
    );
}

#[test]
fn languages_that_cannot_be_built_are_errors_at_their_place_in_site_toml() {
    let course = course()
        .file(
            "site.toml",
            "title = \"C\"\nid = \"c\"\nlanguage = \"es\"\n\n[languages.english]\ntitle = \"C\"\n\n[languages.es]\n\n[languages.de]\ntitle = \"K\"\n",
        )
        .build();
    let run = course.build_fails();
    run.has_error(
        "`english` is not a language code",
        "site.toml:5:1",
        "name each language by its two-letter code, like `[languages.en]` or `[languages.pt-BR]`",
    );
    run.has_error(
        "`es` is the course's own language",
        "site.toml:8:1",
        "`language = \"es\"` is built at the output's root: list only the other languages under [languages]",
    );
    let missing = run.error("the theme has no UI strings for language `de`");
    assert!(missing.contains("--> site.toml:10:1"), "{missing}");
}

#[test]
fn a_module_named_like_a_language_folder_is_an_error() {
    let course = bilingual()
        .file("content/02-en/_index.md", "+++\ntitle = \"Inglés\"\n+++\n")
        .build();
    course.build_fails().stderr_has(&[
        "content/02-en/_index.md",
        "this page's URL `en/` is in the folder of the `en` edition",
    ]);
}

#[test]
fn a_quiz_translation_without_its_quiz_is_an_error() {
    let course = bilingual()
        .file("content/01-servicio/final.quiz.en.toml", QUIZ_EN)
        .build();
    course.build_fails().stderr_has(&[
        "content/01-servicio/final.quiz.en.toml",
        "this looks like the `en` translation of content/01-servicio/final.quiz.toml, which does not exist",
    ]);
}

#[test]
fn the_built_in_theme_has_every_ui_string_in_spanish_english_and_portuguese() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/aula/i18n");
    let keys = |lang: &str| -> std::collections::BTreeSet<String> {
        let text = std::fs::read_to_string(dir.join(format!("{lang}.toml"))).unwrap();
        text.parse::<toml::Table>()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    let en = keys("en");
    for lang in ["es", "pt"] {
        let other = keys(lang);
        assert_eq!(
            en.symmetric_difference(&other).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "en.toml and {lang}.toml"
        );
    }
    // A course in Portuguese, and one with a Portuguese edition, use them.
    let course = bilingual()
        .file(
            "site.toml",
            &SITE.replace("[languages.en]", "[languages.pt]"),
        )
        .file(
            "content/01-servicio/01-que-es.pt.md",
            "+++\ntitle = \"O que é o serviço?\"\n+++\n## Definição {#definicion}\n",
        )
        .build();
    course.build();
    let pt = course.output("pt/servicio/que-es.html");
    assert!(pt.contains("<html lang=\"pt\">"));
    assert!(pt.contains(">Português</a>"), "{pt}");
    assert!(course
        .output("pt/servicio/caracteristicas.html")
        .contains("português"));
}
