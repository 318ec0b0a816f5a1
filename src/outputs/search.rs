//! The search index (`crate::search`), for a course with `[search] enabled`: every page
//! in reading order, as what a result shows and the terms it is found by. A quiz is found by
//! its title, description, prompts and explanations, never by its options or its answers:
//! search must not give a quiz away.

use std::sync::Mutex;

use crate::content::{Page, PageKind};
use crate::diagnostic::Diagnostic;
use crate::pipeline::{Files, Loaded, Output, PageMarkdown, PageRender};
use crate::quiz::markdown::QuizHtml;
use crate::quiz::{Answer, Quiz};
use crate::search::index::{self, Doc, Field, Heading, Indexed};
use crate::search::terms::{PageTerms, Terms};
use crate::search::text::{plain, squeeze, PageText};

/// How long an excerpt is at most, in bytes.
const EXCERPT: usize = 160;
/// How long a glossary entry's excerpt is at most.
const ENTRY: usize = 120;

/// The index, built from every page.
pub(crate) struct Search<'a> {
    site: &'a Loaded,
    terms: Terms,
    /// Per place in the reading order, its page.
    docs: Mutex<Vec<Option<Indexed>>>,
}

impl<'a> Search<'a> {
    /// The output, for a course with search on.
    pub(crate) fn new(site: &'a Loaded) -> Option<Search<'a>> {
        site.config.search.enabled.then(|| Search {
            site,
            terms: Terms::new(&site.config.language),
            docs: Mutex::new((0..site.order.len()).map(|_| None).collect()),
        })
    }

    /// Writes the index of pages already rendered, `markdown` by page: what serve does after
    /// a save, without rendering anything again.
    pub(crate) fn write_from(
        self,
        markdown: &[PageMarkdown],
        files: &dyn Files,
    ) -> Vec<Diagnostic> {
        let site = self.site;
        for (place, &index) in site.order.iter().enumerate() {
            if let Some(markdown) = markdown.get(index) {
                let page = PageRender {
                    index,
                    place,
                    page: &site.course.pages[index],
                    markdown,
                };
                // Never fails: `page` only records.
                self.page(&page, files).ok();
            }
        }
        self.finish(files)
    }

    fn doc(&self, page: &Page, markdown: &PageMarkdown) -> Doc {
        let mut doc = Doc {
            title: page.title.clone(),
            // A module's own page names it in its title already.
            module: page.module.filter(|_| page.kind != PageKind::Module),
            url: page.path(),
            ..Doc::default()
        };
        let (terms, ()) = self.terms.page(|terms| {
            terms.add(&page.title, Field::Title);
            match (&page.quiz, &markdown.quiz) {
                (Some(quiz), Some(html)) => quiz_text(terms, &mut doc, quiz, html),
                _ => body_text(terms, &mut doc, page, markdown.rendered.text.as_ref()),
            }
        });
        doc.terms = terms;
        doc
    }
}

/// A lesson's, a module's or a page's text, by section.
fn body_text(terms: &mut PageTerms, doc: &mut Doc, page: &Page, text: Option<&PageText>) {
    let empty = PageText::default();
    let text = text.unwrap_or(&empty);
    // The headings of a page outside the modules, such as the glossary, are its entries,
    // and a result for one shows what follows it.
    let entries = page.kind == PageKind::Page;
    let heading_field = if entries {
        Field::Title
    } else {
        Field::Heading
    };
    terms.add(&text.text, Field::Text);
    let mut excerpt = None;
    for (section, body) in text.parts() {
        if excerpt.is_none() && body.contains(|c: char| !c.is_whitespace()) {
            excerpt = Some(body);
        }
        if let Some(section) = section {
            terms.add(&section.heading, heading_field);
            doc.headings.push(Heading {
                text: squeeze(&section.heading, usize::MAX),
                anchor: section.id.clone(),
                excerpt: entries.then(|| squeeze(body, ENTRY)),
            });
        }
    }
    doc.excerpt = match page.meta.description.as_deref().filter(|d| !d.is_empty()) {
        Some(description) => {
            terms.add(description, Field::Text);
            squeeze(description, EXCERPT)
        }
        None => squeeze(excerpt.unwrap_or_default(), EXCERPT),
    };
}

/// A quiz's text: what it asks, and what it explains less the words of its answers.
fn quiz_text(terms: &mut PageTerms, doc: &mut Doc, quiz: &Quiz, html: &QuizHtml) {
    let mut asked = Vec::new();
    asked.extend(html.description.iter().map(|d| plain(d)));
    asked.extend(html.groups.iter().flatten().map(|c| plain(c)));
    asked.extend(html.questions.iter().map(|q| plain(&q.prompt)));
    for text in &asked {
        terms.add(text, Field::Text);
    }
    doc.excerpt = asked
        .iter()
        .map(|t| squeeze(t, EXCERPT))
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    for (question, fields) in quiz.questions.iter().zip(&html.questions) {
        let answers: Vec<u32> = answer_texts(&question.answer)
            .iter()
            .flat_map(|a| terms.numbers(a))
            .collect();
        for said in [&fields.explanation, &fields.feedback]
            .into_iter()
            .flatten()
        {
            terms.add_except(&plain(said), Field::Text, &answers);
        }
    }
}

/// The texts of a question's right answers, whose words an explanation must not be found by.
fn answer_texts(answer: &Answer) -> Vec<String> {
    match answer {
        Answer::Single { options } | Answer::Multiple { options, .. } => options
            .iter()
            .filter(|c| c.correct)
            .map(|c| c.text.markdown.clone())
            .collect(),
        Answer::Short { accept, .. } => accept.clone(),
        Answer::Match { pairs, .. } => pairs.iter().map(|p| p.right.clone()).collect(),
        Answer::Numeric { answer, .. } => vec![answer.to_string()],
        Answer::TrueFalse { .. } | Answer::Order { .. } => Vec::new(),
    }
}

impl Output for Search<'_> {
    fn page(&self, page: &PageRender<'_>, _: &dyn Files) -> Result<Option<String>, Diagnostic> {
        let doc = self.doc(page.page, page.markdown).indexed();
        let mut docs = self.docs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(slot) = docs.get_mut(page.place) {
            *slot = Some(doc);
        }
        Ok(None)
    }

    fn finish(&self, files: &dyn Files) -> Vec<Diagnostic> {
        let course = &self.site.course;
        let modules: Vec<String> = course
            .modules
            .iter()
            .map(|m| course.pages[m.index].title.clone())
            .collect();
        let docs = std::mem::take(&mut *self.docs.lock().unwrap_or_else(|e| e.into_inner()));
        let docs: Vec<Indexed> = docs.into_iter().flatten().collect();
        let terms = self.terms.list();
        let mut errors = Vec::new();
        let stop = self.terms.stop_words();
        index::write(
            &modules,
            stop,
            &docs,
            &terms,
            index::BUDGET,
            &mut |rel, text| {
                if let Err(e) = files.write(rel, text) {
                    errors.push(files.error(rel, e));
                }
            },
        );
        errors
    }
}
