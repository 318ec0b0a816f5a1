//! The authors' course (tests/fixtures/authors/): Markdown as mdBook, GitHub and Pandoc
//! authors write it, which must render right or get a located error. Each section of this
//! file tests one module of the course.

mod common;

use common::fixture;

#[test]
fn the_authors_course_builds_without_errors() {
    let course = fixture("authors").build();
    course.build();
    assert!(course.has_output("index.html"));
}
