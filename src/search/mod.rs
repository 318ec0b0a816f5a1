//! Search that works from disk: an index of the course's words, built here and written as
//! scripts (`index`), which the theme's `search.js` queries in the browser. A page's text
//! ([`text`]) becomes terms ([`terms`]): stemmed for the course's language, accents
//! folded, so that "caracteristicas" finds "características".

pub(crate) mod index;
pub(crate) mod terms;
pub(crate) mod text;
