//! `aula serve`, driven the way an author uses it: start it on a course, fetch pages, edit
//! files, and watch the reload events and the served pages.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LESSON: &str =
    "+++\ntitle = \"Primera lección\"\n+++\n\n## Inicio {#inicio}\n\nTexto original.\n";
const QUIZ: &str = "title = \"Evaluación\"\n\n[[questions]]\nprompt = \"¿Uno?\"\n\n[[questions.options]]\ntext = \"Sí\"\ncorrect = true\n\n[[questions.options]]\ntext = \"No\"\n";

mod common;

use common::course;
use common::served::{expect_event, reload_until, request, Served};

/// Serves the course of these tests: a home page and a module with a lesson and a quiz.
fn start() -> Served {
    Served::start(
        course()
            .file("site.toml", "title = \"Curso\"\n")
            .file(
                "content/_index.md",
                "+++\ntitle = \"Curso\"\n+++\nBienvenida.\n",
            )
            .file(
                "content/01-m/_index.md",
                "+++\ntitle = \"Módulo\"\n+++\nIntro.\n",
            )
            .file("content/01-m/01-l.md", LESSON)
            .file("content/01-m/quiz.toml", QUIZ)
            .build(),
    )
}

#[test]
fn serves_pages_with_their_types_and_no_caching() {
    let s = start();
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.head.contains("content-type: text/html; charset=utf-8"),
        "{}",
        home.head
    );
    assert!(home.head.contains("cache-control: no-store"));
    assert!(home.body.contains("Curso"));
    assert!(
        home.body.contains("/__aula/reload.js"),
        "serve pages load the reload script"
    );

    let css = s.get("/assets/aula.css");
    assert_eq!(css.status, 200);
    assert!(css.head.contains("content-type: text/css"), "{}", css.head);

    let lesson = s.get("/m/l.html");
    assert!(lesson.body.contains("Texto original."));
    assert_eq!(
        s.get("/m/l").body,
        lesson.body,
        "an address without .html finds the page, as on most hosts"
    );
    let folder = s.get("/m");
    assert_eq!(folder.status, 301);
    assert!(folder.head.contains("location: /m/"));

    let head = s.request(&format!(
        "HEAD / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        s.host()
    ));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    let missing = s.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<html"),
        "the 404 is the site's 404 page"
    );
}

/// Saves the lesson with "Texto editado." for "Texto original.", and waits (two seconds at
/// most) for the reload.
fn edit_the_lesson(s: &Served) {
    let events = s.events();
    s.write(
        "content/01-m/01-l.md",
        &LESSON.replace("Texto original.", "Texto editado."),
    );
    expect_event(&events, "reload", Duration::from_secs(2));
}

#[test]
fn editing_a_lesson_serves_the_new_text_and_reloads_within_two_seconds() {
    let s = start();
    edit_the_lesson(&s);
    assert!(s.get("/m/l.html").body.contains("Texto editado."));
}

#[test]
fn the_print_page_is_written_when_asked_for_and_follows_edits() {
    let s = start();
    let print = s.get("/print.html");
    assert_eq!(print.status, 200);
    assert!(print.body.contains("Texto original."), "{}", print.body);
    edit_the_lesson(&s);
    assert!(
        s.get("/print").body.contains("Texto editado."),
        "the address without .html is the same page, written again"
    );
}

#[test]
fn the_search_index_follows_an_edit_when_next_asked_for() {
    let s = start();
    let index = s.get("/assets/search-index.js");
    assert_eq!(index.status, 200);
    assert!(index.body.contains("\"origin"), "{}", index.body);
    assert!(!index.body.contains("\"edit"));
    edit_the_lesson(&s);
    let index = s.get("/assets/search-index.js").body;
    assert!(index.contains("\"edit"), "{index}");
    assert!(!index.contains("\"origin"), "{index}");
}

#[test]
fn saving_through_a_temporary_file_and_rename_is_seen() {
    let s = start();
    let events = s.events();
    s.write(
        "content/01-m/.01-l.md.tmp",
        &LESSON.replace("Texto original.", "Guardado atómico."),
    );
    std::fs::rename(
        s.root().join("content/01-m/.01-l.md.tmp"),
        s.root().join("content/01-m/01-l.md"),
    )
    .unwrap();
    expect_event(&events, "reload", Duration::from_secs(5));
    assert!(s.get("/m/l.html").body.contains("Guardado atómico."));
}

#[test]
fn added_renamed_and_deleted_lessons_appear_move_and_go() {
    let s = start();
    let events = s.events();
    s.write(
        "content/01-m/02-nueva.md",
        "+++\ntitle = \"Nueva\"\n+++\nRecién escrita.\n",
    );
    // Each step waits for the reload that shows it: a new file can arrive as two batches
    // (created, then written), each with its own reload.
    reload_until(&events, Duration::from_secs(3), || {
        s.get("/m/nueva.html").body.contains("Recién escrita.")
    });
    assert!(
        s.get("/m/l.html").body.contains("Nueva"),
        "the navigation lists the new lesson"
    );

    std::fs::rename(
        s.root().join("content/01-m/02-nueva.md"),
        s.root().join("content/01-m/02-movida.md"),
    )
    .unwrap();
    reload_until(&events, Duration::from_secs(3), || {
        s.get("/m/movida.html").body.contains("Recién escrita.")
    });
    assert_eq!(s.get("/m/nueva.html").status, 404);

    std::fs::remove_file(s.root().join("content/01-m/02-movida.md")).unwrap();
    reload_until(&events, Duration::from_secs(3), || {
        s.get("/m/movida.html").status == 404
    });

    std::fs::create_dir_all(s.root().join("content/02-otro")).unwrap();
    s.write(
        "content/02-otro/_index.md",
        "+++\ntitle = \"Otro módulo\"\n+++\nHola.\n",
    );
    reload_until(&events, Duration::from_secs(3), || {
        s.get("/otro/").body.contains("Otro módulo")
    });
}

#[test]
fn a_broken_quiz_shows_errors_and_keeps_the_last_good_page_until_fixed() {
    let s = start();
    let events = s.events();
    let good = s.get("/m/quiz.html").body;
    assert!(good.contains("¿Uno?"));

    s.write(
        "content/01-m/quiz.toml",
        &QUIZ
            .replace("¿Uno?", "¿Dos?")
            .replace("correct = true\n", ""),
    );
    let frame = expect_event(&events, "errors", Duration::from_secs(5));
    assert!(frame.contains("content/01-m/quiz.toml:6:1"), "{frame}");
    assert!(frame.contains("has no correct option"), "{frame}");
    assert_eq!(
        s.get("/m/quiz.html").body,
        good,
        "the last good page is still served"
    );

    // A page opened now is shown the errors at once.
    let late = s.events();
    expect_event(&late, "has no correct option", Duration::from_secs(5));

    s.write("content/01-m/quiz.toml", &QUIZ.replace("¿Uno?", "¿Dos?"));
    expect_event(&events, "reload", Duration::from_secs(5));
    assert!(s.get("/m/quiz.html").body.contains("¿Dos?"));
}

#[test]
fn a_new_or_broken_template_rerenders_every_page_or_shows_the_error() {
    let s = start();
    let events = s.events();
    // The templates folder appears with an override of the lesson template.
    s.write(
        "templates/lesson.html",
        "<main class=\"mine\">{{ page.title }} {{ page.content | safe }}</main>",
    );
    expect_event(&events, "reload", Duration::from_secs(3));
    let lesson = s.get("/m/l.html").body;
    assert!(
        lesson.starts_with("<main class=\"mine\">Primera lección"),
        "{lesson}"
    );
    assert!(lesson.contains("Texto original."), "{lesson}");
    assert!(
        !s.get("/m/").body.contains("class=\"mine\""),
        "other pages keep the theme's templates"
    );

    // A template that does not even compile: its error stays shown while other files are
    // edited, and no page is written with the previous templates meanwhile.
    s.write("templates/lesson.html", "{% if %}");
    expect_event(&events, "errors", Duration::from_secs(3));
    s.write(
        "content/01-m/01-l.md",
        &LESSON.replace("Texto original.", "Texto editado."),
    );
    let quiet_until = Instant::now() + Duration::from_millis(1500);
    while let Ok(frame) = events.recv_timeout(quiet_until.saturating_duration_since(Instant::now()))
    {
        assert!(!frame.contains("reload"), "{frame}");
    }
    assert!(!s.get("/m/l.html").body.contains("Texto editado."));

    s.write("templates/lesson.html", "{{ page.nope.x }}");
    expect_event(&events, "errors", Duration::from_secs(3));
    assert!(
        s.get("/m/l.html").body.contains("Primera lección"),
        "the last good page stays served"
    );

    std::fs::remove_file(s.root().join("templates/lesson.html")).unwrap();
    expect_event(&events, "reload", Duration::from_secs(3));
    let lesson = s.get("/m/l.html").body;
    assert!(lesson.contains("<article class=\"lesson\">"), "{lesson}");
    assert!(lesson.contains("Texto editado."), "{lesson}");
}

#[test]
fn a_new_weight_on_a_module_reorders_the_navigation() {
    let s = start();
    let events = s.events();
    s.write(
        "content/02-otro/_index.md",
        "+++\ntitle = \"Otro módulo\"\n+++\nHola.\n",
    );
    expect_event(&events, "reload", Duration::from_secs(3));
    let order = |html: &str| match (html.find("Otro módulo"), html.find("Módulo</a>")) {
        (Some(other), Some(first)) => other < first,
        _ => panic!("both modules should be in the sidebar: {html}"),
    };
    assert!(!order(&s.get("/m/l.html").body), "by file name first");

    s.write(
        "content/02-otro/_index.md",
        "+++\ntitle = \"Otro módulo\"\nweight = -1\n+++\nHola.\n",
    );
    reload_until(&events, Duration::from_secs(5), || {
        order(&s.get("/m/l.html").body)
    });
}

#[test]
fn a_stylesheet_change_swaps_css_without_a_reload() {
    let s = start();
    let events = s.events();
    s.write("static/assets/aula.css", "body { color: red }\n");
    let frame = expect_event(&events, "kind", Duration::from_secs(3));
    // The first override of a theme file adds a file to the course: a full rebuild.
    assert!(frame.contains("reload") || frame.contains("css"), "{frame}");
    s.write("static/assets/aula.css", "body { color: blue }\n");
    expect_event(&events, "\"css\"", Duration::from_secs(5));
    assert!(s.get("/assets/aula.css").body.contains("blue"));
}

#[test]
fn requests_outside_the_output_get_404() {
    let s = start();
    s.write("secret.txt", "secreto");
    for path in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/m/%2E%2E/%2E%2E/%2E%2E/secret.txt",
        "/..%5c..%5csecret.txt",
        "/m\\..\\..\\secret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/site.toml",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("secreto"), "{path}");
    }
}

#[test]
fn answers_many_concurrent_requests_and_survives_clients_that_hang_up() {
    let s = start();
    // Clients that hang up before reading the answer.
    for _ in 0..20 {
        let mut c = s.connect();
        c.write_all(format!("GET /m/l.html HTTP/1.1\r\nHost: {}\r\n\r\n", s.host()).as_bytes())
            .ok();
    }
    let (port, host) = (s.port, s.host());
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let host = host.clone();
            std::thread::spawn(move || {
                (0..15).all(|_| {
                    request(
                        port,
                        &format!(
                            "GET /m/l.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
                        ),
                    )
                    .status
                        == 200
                })
            })
        })
        .collect();
    for t in threads {
        assert!(t.join().unwrap());
    }
}

#[test]
fn a_busy_port_is_reported_and_the_next_one_taken() {
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let s = Served::start_with(course().build(), port, &[]);
    assert_ne!(s.port, port);
    assert!(
        s.said
            .iter()
            .any(|l| l.contains(&format!("Port {port} is busy"))),
        "{:?}",
        s.said
    );
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn an_address_of_another_machine_fails_at_once_with_a_clear_error() {
    let course = course()
        .file("site.toml", "title = \"Curso\"\n")
        .file("content/_index.md", "# Curso\n")
        .build();
    // 192.0.2.1 is reserved for documentation: never an address of this machine.
    let mut child = Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(["serve", "--bind", "192.0.2.1", "--root"])
        .arg(course.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            panic!("aula serve kept trying for more than 5 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(!status.success());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.contains("cannot listen on 192.0.2.1:"), "{stderr}");
    assert!(
        stderr.contains("--bind takes an address of this machine"),
        "{stderr}"
    );
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    assert!(!stdout.contains("Built"), "fails before building: {stdout}");
}

#[test]
fn serving_writes_nothing_into_the_course_folder() {
    let s = start();
    s.get("/");
    let entries: Vec<PathBuf> = std::fs::read_dir(s.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().into())
        .collect();
    assert!(!entries.contains(&PathBuf::from("public")), "{entries:?}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly_and_removes_its_private_folder() {
    let mut s = start();
    s.get("/");
    let private = || std::fs::read_dir(s.tmp.path()).unwrap().count();
    assert_eq!(private(), 1, "serve keeps the site in one private folder");
    let pid = s.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert_eq!(private(), 0, "the private folder is removed");
}

#[test]
fn a_renamed_static_file_is_no_longer_served_under_its_old_name() {
    let s = start();
    let events = s.events();
    s.write("static/assets/extra.css", "p { color: red }\n");
    expect_event(&events, "kind", Duration::from_secs(5));
    assert_eq!(s.get("/assets/extra.css").status, 200);
    std::fs::rename(
        s.root().join("static/assets/extra.css"),
        s.root().join("static/assets/renamed.css"),
    )
    .unwrap();
    expect_event(&events, "kind", Duration::from_secs(5));
    assert_eq!(s.get("/assets/renamed.css").status, 200);
    assert_eq!(s.get("/assets/extra.css").status, 404);
}

#[test]
fn a_new_box_title_in_the_ui_strings_shows_in_every_box() {
    // The course has its own copy of the theme, whose UI strings the author edits.
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/aula");
    let mut builder = course()
        .file("site.toml", "title = \"Course\"\nlanguage = \"en\"\n")
        .file("content/_index.md", "+++\ntitle = \"Course\"\n+++\nHi.\n")
        .file(
            "content/01-m/_index.md",
            "+++\ntitle = \"M\"\n+++\nIntro.\n",
        )
        .file(
            "content/01-m/01-l.md",
            "+++\ntitle = \"L\"\n+++\n\n> [!TIP]\n> Smile.\n",
        );
    for entry in walkdir::WalkDir::new(&theme) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&theme).unwrap();
            let rel = format!("themes/aula/{}", rel.to_string_lossy());
            builder = builder.bytes(&rel, &std::fs::read(entry.path()).unwrap());
        }
    }
    let s = Served::start(builder.build());
    assert!(s.get("/m/l.html").body.contains(">Tip</p>"));
    let events = s.events();
    let strings = std::fs::read_to_string(theme.join("i18n/en.toml")).unwrap();
    s.write(
        "themes/aula/i18n/en.toml",
        &strings.replace(
            "admonition_tip = \"Tip\"",
            "admonition_tip = \"Good to know\"",
        ),
    );
    expect_event(&events, "reload", Duration::from_secs(5));
    let lesson = s.get("/m/l.html").body;
    assert!(lesson.contains(">Good to know</p>"), "{lesson}");
}

/// The learner's record reads the course from assets/course-data.js: a quiz's attempts or a
/// new lesson must reach it on an incremental rebuild, or "My results" shows the old course.
#[test]
fn a_quiz_given_attempts_and_a_new_lesson_reach_the_course_data() {
    let s = start();
    let events = s.events();
    let before = s.get("/assets/course-data.js").body;
    assert!(before.contains("\"attempts\":0"), "{before}");
    assert!(!before.contains("Segunda lección"), "{before}");

    s.write("content/01-m/quiz.toml", &format!("attempts = 3\n{QUIZ}"));
    expect_event(&events, "reload", Duration::from_secs(5));
    let data = s.get("/assets/course-data.js").body;
    assert!(data.contains("\"attempts\":3"), "{data}");

    s.write(
        "content/01-m/02-dos.md",
        &LESSON.replace("Primera lección", "Segunda lección"),
    );
    // A new file can arrive as two batches (created, then written), each with its reload.
    reload_until(&events, Duration::from_secs(3), || {
        s.get("/assets/course-data.js")
            .body
            .contains("\"title\":\"Segunda lección\"")
    });
    let data = s.get("/assets/course-data.js").body;
    assert!(data.contains("\"path\":\"m/dos.html\""), "{data}");
}

#[test]
fn a_translation_written_while_serving_replaces_the_fallback_and_edits_to_the_original_reach_both()
{
    let s = Served::start(
        course()
            .file(
                "site.toml",
                "title = \"Curso\"\nlanguage = \"es\"\n\n[languages.en]\ntitle = \"Course\"\n",
            )
            .file(
                "content/_index.md",
                "+++\ntitle = \"Curso\"\n+++\nBienvenida.\n",
            )
            .file(
                "content/01-m/_index.md",
                "+++\ntitle = \"Módulo\"\n+++\nIntro.\n",
            )
            .file("content/01-m/01-l.md", LESSON)
            .build(),
    );
    assert!(
        s.get("/en/m/l.html").body.contains("Texto original."),
        "the fallback"
    );
    let events = s.events();
    s.write(
        "content/01-m/01-l.md",
        &LESSON.replace("Texto original.", "Texto editado."),
    );
    reload_until(&events, Duration::from_secs(3), || {
        s.get("/en/m/l.html").body.contains("Texto editado.")
    });
    s.write(
        "content/01-m/01-l.en.md",
        "+++\ntitle = \"First lesson\"\n+++\n\n## Start {#inicio}\n\nEnglish text.\n",
    );
    reload_until(&events, Duration::from_secs(3), || {
        s.get("/en/m/l.html").body.contains("English text.")
    });
    let page = s.get("/en/m/l.html").body;
    assert!(!page.contains("class=\"untranslated\""), "{page}");
    assert!(s.get("/m/l.html").body.contains("Texto editado."));
}
