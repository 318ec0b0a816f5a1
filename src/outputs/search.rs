//! The search index (`crate::search`), for a course with `[search] enabled`: every page
//! in reading order, as what a result shows and the terms it is found by. A quiz is found by
//! its title, description, prompts and explanations, never by its options or its answers:
//! search must not give a quiz away.

use std::collections::HashSet;
use std::sync::Mutex;

use crate::content::{Page, PageKind};
use crate::diagnostic::Diagnostic;
use crate::pipeline::{Files, Loaded, Output, PageMarkdown, PageRender};
use crate::quiz::markdown::QuizHtml;
use crate::quiz::{Answer, Quiz};
use crate::search::index::{self, Doc, Field, Heading};
use crate::search::terms::Terms;
use crate::search::text::{plain, sections, squeeze};

/// How long an excerpt is at most, in bytes.
const EXCERPT: usize = 160;
/// How long a glossary entry's excerpt is at most.
const ENTRY: usize = 120;

/// The index, built from every page.
pub(crate) struct Search<'a> {
    site: &'a Loaded,
    terms: Terms,
    /// Per place in the reading order, its page.
    docs: Mutex<Vec<Option<Doc>>>,
}

impl<'a> Search<'a> {
    /// The output, for a course with search on.
    pub(crate) fn new(site: &'a Loaded) -> Option<Search<'a>> {
        site.config.search.enabled.then(|| Search {
            site,
            terms: Terms::new(&site.config.language),
            docs: Mutex::new(vec![None; site.order.len()]),
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
            url: if page.url.is_empty() || page.url.ends_with('/') {
                format!("{}index.html", page.url)
            } else {
                page.url.clone()
            },
            ..Doc::default()
        };
        self.terms.each(&page.title, |t| doc.add(t, Field::Title));
        match (&page.quiz, &markdown.quiz) {
            (Some(quiz), Some(html)) => self.quiz(&mut doc, quiz, html),
            _ => self.body(&mut doc, page, &markdown.rendered.html),
        }
        doc.settle();
        doc
    }

    /// A lesson's, a module's or a page's text, by section.
    fn body(&self, doc: &mut Doc, page: &Page, html: &str) {
        // The headings of a page outside the modules, such as the glossary, are its entries.
        let entries = page.kind == PageKind::Page;
        let heading_field = if entries {
            Field::Title
        } else {
            Field::Heading
        };
        for section in sections(html) {
            self.terms.each(&section.text, |t| doc.add(t, Field::Text));
            if doc.excerpt.is_empty() {
                doc.excerpt = squeeze(&section.text, EXCERPT);
            }
            if section.anchor.is_empty() {
                continue;
            }
            self.terms
                .each(&section.heading, |t| doc.add(t, heading_field));
            doc.headings.push(Heading {
                excerpt: entries.then(|| squeeze(&section.text, ENTRY)),
                text: section.heading,
                anchor: section.anchor,
            });
        }
        if let Some(description) = page.meta.description.as_deref().filter(|d| !d.is_empty()) {
            doc.excerpt = squeeze(description, EXCERPT);
            self.terms.each(description, |t| doc.add(t, Field::Text));
        }
    }

    /// A quiz's text: what it asks, and what it explains less the words of its answers.
    fn quiz(&self, doc: &mut Doc, quiz: &Quiz, html: &QuizHtml) {
        let mut asked = Vec::new();
        asked.extend(html.description.iter().map(|d| plain(d)));
        asked.extend(html.groups.iter().flatten().map(|c| plain(c)));
        asked.extend(html.questions.iter().map(|q| plain(&q.prompt)));
        for text in &asked {
            self.terms.each(text, |t| doc.add(t, Field::Text));
        }
        doc.excerpt = asked
            .iter()
            .map(|t| squeeze(t, EXCERPT))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        for (question, fields) in quiz.questions.iter().zip(&html.questions) {
            let mut answers = HashSet::new();
            for answer in answer_texts(&question.answer) {
                self.terms.each(&answer, |t| {
                    answers.insert(t);
                });
            }
            for said in [&fields.explanation, &fields.feedback]
                .into_iter()
                .flatten()
            {
                self.terms.each(&plain(said), |t| {
                    if !answers.contains(&t) {
                        doc.add(t, Field::Text);
                    }
                });
            }
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
        let doc = self.doc(page.page, page.markdown);
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
        let docs: Vec<Doc> = docs.into_iter().flatten().collect();
        let terms = self.terms.list();
        let mut errors = Vec::new();
        for (rel, text) in index::files(
            &modules,
            self.terms.stop_words(),
            &docs,
            &terms,
            index::BUDGET,
        ) {
            if let Err(e) = files.write(&rel, &[text.as_bytes()]) {
                errors.push(files.error(&rel, e));
            }
        }
        errors
    }
}
