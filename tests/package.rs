//! `aula package`, as an organization uses it: the zip an LMS is given, its manifest checked
//! against the SCORM schemas with xmllint, and what it does to files already there. How the
//! package reports to an LMS is tested in Chromium (tests/browser/lms.test.mjs).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

mod common;

use common::{course, fixture, Course};

/// `aula package --format FORMAT --output ZIP` in the course folder.
fn package(course: &Course, format: &str, zip: &str) -> common::Run {
    course.aula(&["package", "--format", format, "--output", zip])
}

/// The basic fixture's site.toml, to write a variant of.
fn basic_site() -> String {
    std::fs::read_to_string(common::fixtures().join("basic/site.toml")).unwrap()
}

/// A file of the zip as text.
fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Every entry of a zip, in its order: name → bytes.
fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let file = std::fs::File::open(zip).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

/// The namespaces each format's manifest uses, with the schema of each: xmllint takes one
/// schema, so a wrapper imports them all, as an LMS that validates does.
const SCHEMAS: [(&str, &[(&str, &str)]); 2] = [
    (
        "scorm1.2",
        &[
            (
                "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
                "imscp_rootv1p1p2.xsd",
            ),
            (
                "http://www.adlnet.org/xsd/adlcp_rootv1p2",
                "adlcp_rootv1p2.xsd",
            ),
            (
                "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
                "imsmd_rootv1p2p1.xsd",
            ),
        ],
    ),
    (
        "scorm2004",
        &[
            ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
            ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
        ],
    ),
];

/// Unzips `zip` into a new folder and validates its manifest with `xmllint --schema`,
/// offline; returns whether it validated and what xmllint said.
fn validate(files: &[(String, Vec<u8>)], format: &str, manifest: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    std::fs::write(dir.path().join("imsmanifest.xml"), manifest).unwrap();
    let imports: String = SCHEMAS
        .iter()
        .find(|(f, _)| *f == format)
        .unwrap()
        .1
        .iter()
        .map(|(ns, file)| format!("<xsd:import namespace=\"{ns}\" schemaLocation=\"{file}\"/>\n"))
        .collect();
    std::fs::write(
        dir.path().join("all.xsd"),
        format!("<?xml version=\"1.0\"?>\n<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n{imports}</xsd:schema>\n"),
    )
    .unwrap();
    let out = Command::new("xmllint")
        .args([
            "--noout",
            "--nonet",
            "--schema",
            "all.xsd",
            "imsmanifest.xml",
        ])
        .current_dir(dir.path())
        .output()
        .expect("xmllint (Debian's libxml2-utils) runs; tests/run.sh installs it");
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    (
        out.status.success() && said.contains("imsmanifest.xml validates"),
        said,
    )
}

#[test]
fn both_formats_hold_the_manifest_and_its_schemas_at_the_root_and_the_manifest_validates() {
    let course = fixture("basic").build();
    for (format, schemas) in SCHEMAS {
        let zip = course.root().join(format!("out-{format}.zip"));
        let run = course
            .aula(&[
                "package",
                "--format",
                format,
                "--output",
                zip.to_str().unwrap(),
            ])
            .success();
        assert!(
            run.stdout
                .starts_with("Packaged 9 pages (2 modules, 2 quizzes)"),
            "{}",
            run.stdout
        );
        let files = entries(&zip);
        assert_eq!(files[0].0, "imsmanifest.xml", "the manifest comes first");
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        for (_, schema) in schemas {
            assert!(names.contains(schema), "{schema} at the root: {names:?}");
        }
        // The course sits at the root beside them, never in a folder of its own.
        for page in [
            "index.html",
            "index_lms.html",
            "basics/intro.html",
            "assets/lms.js",
            "basics/img/diagram.png",
        ] {
            assert!(names.contains(&page), "{page}: {names:?}");
        }
        let manifest = text(&files[0].1);
        let (valid, said) = validate(&files[1..], format, &manifest);
        assert!(valid, "{format}: {said}\n{manifest}");
        // Every file of the course is listed, and nothing else.
        let listed: Vec<&str> = manifest
            .split("<file href=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        let course_files: Vec<&str> = names[1..]
            .iter()
            .copied()
            .filter(|n| !n.ends_with(".xsd"))
            .collect();
        assert_eq!(listed, course_files, "{format}");
        assert!(manifest.contains(r#"href="index_lms.html""#), "{manifest}");

        // The check is real: a manifest the schema forbids fails it.
        let broken = manifest.replace(
            "<organizations default=\"org\">",
            "<organizations default=\"org\" colour=\"red\">",
        );
        assert!(
            !validate(&files[1..], format, &broken).0,
            "{format}: a stray attribute fails"
        );
    }
}

#[test]
fn the_sco_gets_the_pass_mark_as_its_mastery_score_and_titles_are_escaped() {
    let course = fixture("basic")
        .file(
            "site.toml",
            &std::fs::read_to_string(common::fixtures().join("basic/site.toml"))
                .unwrap()
                .replace("title = \"Basic course\"", "title = \"Service & <care>\""),
        )
        .build();
    package(&course, "scorm1.2", "p.zip").success();
    let files = entries(&course.root().join("p.zip"));
    let manifest = text(&files[0].1);
    assert!(
        manifest.contains("<title>Service &amp; &lt;care&gt;</title>"),
        "{manifest}"
    );
    assert!(
        manifest.contains("<adlcp:masteryscore>60</adlcp:masteryscore>"),
        "{manifest}"
    );
    assert!(
        manifest.contains(r#"identifier="aula-basic-course""#),
        "{manifest}"
    );
    assert!(manifest.contains(r#"adlcp:scormtype="sco""#), "{manifest}");
}

#[test]
fn the_package_holds_the_same_pages_as_a_build() {
    let course = fixture("basic").build();
    course.build();
    package(&course, "scorm2004", "p.zip").success();
    let zipped: BTreeMap<String, Vec<u8>> =
        entries(&course.root().join("p.zip")).into_iter().collect();
    let public = course.root().join("public");
    let mut built = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() || entry.file_name() == ".aula-output" {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(entry.path()).unwrap();
        assert_eq!(
            zipped.get(&rel),
            Some(&bytes),
            "{rel} is in the package as built"
        );
        built += 1;
    }
    assert!(built > 20, "{built} files");
    // What only a package needs is not in the website.
    assert!(!public.join("assets/lms.js").exists());
    assert!(!public.join("index_lms.html").exists());
}

#[test]
fn the_same_course_always_gives_the_same_bytes() {
    let course = fixture("basic").build();
    package(&course, "scorm1.2", "a.zip").success();
    // Files touched later, and the zip written a second time, change nothing.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    course.write(
        "content/01-basics/01-intro.md",
        &std::fs::read_to_string(course.root().join("content/01-basics/01-intro.md")).unwrap(),
    );
    package(&course, "scorm1.2", "b.zip").success();
    let a = std::fs::read(course.root().join("a.zip")).unwrap();
    let b = std::fs::read(course.root().join("b.zip")).unwrap();
    assert!(a == b, "two packages of one course differ");
}

#[test]
fn the_default_name_comes_from_the_course_id_and_the_format() {
    let course = fixture("basic").build();
    let run = course.aula(&["package", "--format", "scorm2004"]).success();
    assert!(
        course.root().join("basic-course-scorm2004.zip").is_file(),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("into basic-course-scorm2004.zip ("),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_aula_did_not_make_is_never_replaced_but_its_own_package_is() {
    let course = fixture("basic").build();
    course.write("mine.zip", "the organization's own file");
    let run = package(&course, "scorm1.2", "mine.zip").failure();
    assert!(
        run.stderr
            .contains("`mine.zip` is already there, and is not a package aula made"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--output"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(course.root().join("mine.zip")).unwrap(),
        "the organization's own file"
    );

    package(&course, "scorm1.2", "ours.zip").success();
    let intro =
        std::fs::read_to_string(course.root().join("content/01-basics/01-intro.md")).unwrap();
    course.write(
        "content/01-basics/01-intro.md",
        &format!("{intro}\nNew text.\n"),
    );
    package(&course, "scorm1.2", "ours.zip").success();
    let files: BTreeMap<String, Vec<u8>> = entries(&course.root().join("ours.zip"))
        .into_iter()
        .collect();
    let intro = text(&files["basics/intro.html"]);
    assert!(intro.contains("New text."), "the package was replaced");
}

#[test]
fn a_course_with_errors_writes_no_package_and_leaves_the_last_one_as_it_was() {
    let course = fixture("basic").build();
    package(&course, "scorm1.2", "p.zip").success();
    let before = std::fs::read(course.root().join("p.zip")).unwrap();
    course.write(
        "content/01-basics/quiz.toml",
        "title = \"Q\"\n\n[[questions]]\nprompt = \"?\"\n\n[[questions.options]]\ntext = \"a\"\n",
    );
    course.write("content/02-advanced/01-deep.md", "+++\ntitle = 3\n+++\n");
    let run = package(&course, "scorm1.2", "p.zip").failure();
    // Every error of the run, each at its place, as a build reports them.
    assert!(
        run.stderr.contains("content/01-basics/quiz.toml:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/02-advanced/01-deep.md:2:"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(course.root().join("p.zip")).unwrap(), before);
    let left: Vec<String> = std::fs::read_dir(course.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("aula-package"))
        .collect();
    assert!(left.is_empty(), "no temporary file left: {left:?}");
}

#[test]
fn lms_settings_that_name_no_quiz_or_no_status_are_errors_at_their_place() {
    let course = course()
        .file("site.toml", "title = \"T\"\n\n[lms]\nscore = \"01-m/quix.toml\"\nfailed = \"maybe\"\n")
        .file("content/_index.md", "+++\ntitle = \"T\"\n+++\n")
        .file("content/01-m/_index.md", "+++\ntitle = \"M\"\n+++\n")
        .file("content/01-m/quiz.toml", "title = \"Q\"\n\n[[questions]]\nprompt = \"?\"\n\n[[questions.options]]\ntext = \"a\"\ncorrect = true\n")
        .build();
    let run = course.aula(&["package", "--format", "scorm1.2"]).failure();
    assert!(run.stderr.contains("site.toml:4:9"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`01-m/quix.toml` is not a quiz of the course"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `01-m/quiz.toml`?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("site.toml:5:10"), "{}", run.stderr);
    assert!(
        run.stderr.contains("failed = \"maybe\" is not a status"),
        "{}",
        run.stderr
    );
    // `aula check` finds them too: they are the course's mistakes, not the package's.
    let check = course.aula(&["check"]).failure();
    assert!(
        check.stderr.contains("is not a quiz of the course"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_named_quiz_gives_the_score_and_its_own_pass_mark() {
    let site = basic_site();
    let course = fixture("basic")
        .file(
            "site.toml",
            &format!("{site}\n[lms]\nscore = \"02-advanced/final.quiz.toml\"\n"),
        )
        .build();
    package(&course, "scorm1.2", "p.zip").success();
    let files: BTreeMap<String, Vec<u8>> =
        entries(&course.root().join("p.zip")).into_iter().collect();
    let launch = text(&files["index_lms.html"]);
    assert!(
        launch.contains("data-score-quiz=\"aula:basic-course:quiz:advanced/final/:"),
        "{launch}"
    );
    let final_quiz =
        std::fs::read_to_string(course.root().join("content/02-advanced/final.quiz.toml")).unwrap();
    let pass = final_quiz
        .lines()
        .find_map(|l| l.strip_prefix("pass = "))
        .unwrap_or("60");
    let manifest = text(&files["imsmanifest.xml"]);
    assert!(
        manifest.contains(&format!("<adlcp:masteryscore>{pass}</adlcp:masteryscore>")),
        "{manifest}"
    );
}

/// Regression: an image, stored rather than deflated, was given a compression level, which
/// a stored file cannot take, and the whole package failed.
#[test]
fn a_course_image_is_stored_whole_and_does_not_fail_the_package() {
    let course = fixture("basic").build();
    package(&course, "scorm2004", "p.zip").success();
    let file = std::fs::File::open(course.root().join("p.zip")).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut image = archive.by_name("basics/img/diagram.png").unwrap();
    assert_eq!(image.compression(), zip::CompressionMethod::Stored);
    let mut bytes = Vec::new();
    image.read_to_end(&mut bytes).unwrap();
    let source = course.root().join("content/01-basics/img/diagram.png");
    assert_eq!(bytes, std::fs::read(source).unwrap());
}

/// A course's own file where the package puts one of its own would leave which one ships
/// to chance: it is an error naming the file.
#[test]
fn a_course_file_named_like_the_manifest_is_an_error_not_a_coin_toss() {
    let course = fixture("basic")
        .file("content/imsmanifest.xml", "<manifest/>")
        .build();
    let run = package(&course, "scorm1.2", "p.zip").failure();
    assert!(run.stderr.contains("imsmanifest.xml"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("two files of the package are `imsmanifest.xml`"),
        "{}",
        run.stderr
    );
    assert!(!course.root().join("p.zip").exists());
}

/// `--output` is read from where the command runs, as `aula build --output` is.
#[test]
fn output_is_relative_to_the_current_folder_like_builds() {
    let course = fixture("basic").build();
    let elsewhere = tempfile::tempdir().unwrap();
    let root = course.root().to_str().unwrap().to_string();
    let run = common::aula_in(
        elsewhere.path(),
        &[
            "package", "--root", &root, "--format", "scorm1.2", "--output", "dist.zip",
        ],
    )
    .success();
    assert!(
        elsewhere.path().join("dist.zip").is_file(),
        "{}",
        run.stdout
    );
    assert!(!course.root().join("dist.zip").exists());
}

/// SCORM 1.2's schema caps a title at 200 characters and a version at 20: a course with
/// longer ones still gives a manifest that validates.
#[test]
fn a_long_title_and_version_still_validate() {
    let site = basic_site();
    let long = "Servicio ".repeat(30);
    let course = fixture("basic")
        .file(
            "site.toml",
            &site.replace(
                "title = \"Basic course\"",
                &format!("title = \"{long}\"\nversion = \"2026.12.03-edición-de-prueba\""),
            ),
        )
        .build();
    package(&course, "scorm1.2", "p.zip").success();
    let files = entries(&course.root().join("p.zip"));
    let manifest = text(&files[0].1);
    let (valid, said) = validate(&files[1..], "scorm1.2", &manifest);
    assert!(valid, "{said}");
}
