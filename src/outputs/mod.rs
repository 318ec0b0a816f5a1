//! The deliverables made from one course, each an [`Output`] that [`crate::pipeline::run`]
//! feeds every rendered page in reading order: the website's pages, the whole-course print
//! page, the maths stylesheet, the special pages (404, sitemap, the theme's and the
//! course's files), the learner's record (results, certificate), the search index, and for an LMS package
//! its launch page and runtime. They write through a [`crate::pipeline::Files`]: a
//! [`Folder`], a [`Zip`], or [`Discard`] for `aula check`.
//!
//! Adding an output is one new file here and one line in [`all`].

mod files;
pub(crate) mod lms;
mod math;
mod pages;
mod print;
mod record;
mod search;
mod special;
mod zip;

pub(crate) use files::{Discard, Folder};
pub(crate) use math::Math;
pub(crate) use pages::Pages;
pub(crate) use print::Print;
pub(crate) use record::Record;
pub(crate) use search::Search;
pub(crate) use special::Special;
pub(crate) use zip::{Zip, COMMENT as ZIP_COMMENT};

use crate::pipeline::{Loaded, Output};

/// Every output of a build of `course`, in the order they are fed each page.
pub(crate) fn all(course: &Loaded) -> Vec<Box<dyn Output + '_>> {
    let mut outputs: Vec<Box<dyn Output + '_>> = vec![Box::new(Pages::new(course))];
    outputs.extend(Print::new(course).map(|p| Box::new(p) as Box<dyn Output>));
    outputs.extend(Math::new(course).map(|m| Box::new(m) as Box<dyn Output>));
    outputs.push(Box::new(Special::new(course)));
    outputs.push(Box::new(Record::new(course)));
    outputs.extend(Search::new(course).map(|s| Box::new(s) as Box<dyn Output>));
    outputs
}
