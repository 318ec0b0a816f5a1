/* aula theme: search. aula.js adds this script on the first focus of the box; it loads the
   index aula built (assets/search-index*.js, format in src/search/index.rs) as plain scripts,
   which work from disk and under the course's CSP. A query's words are folded as the index's
   terms were (accents off, lowercase); each word matches the terms it starts, and the longest
   term that starts it, so "caracteristicas" finds "caracterist". Every word is required. */
(function () {
  'use strict';
  var d = document, box = d.querySelector('[data-search]'), q = box && box.querySelector('input');
  if (!q) return;
  // The rest of the box aula.js began: a combobox with its listbox, and a live region.
  var S = box.dataset;
  box.insertAdjacentHTML('beforeend', '<div class="search-panel" hidden><ul id="search-results" role="listbox"></ul><p class="search-note" aria-hidden="true"></p></div><p class="visually-hidden" role="status" data-search-status></p>');
  q.setAttribute('role', 'combobox');
  q.setAttribute('aria-expanded', 'false');
  q.setAttribute('aria-controls', 'search-results');
  q.setAttribute('aria-autocomplete', 'list');
  q.setAttribute('aria-keyshortcuts', '/');
  var panel = box.querySelector('.search-panel'), list = panel.querySelector('ul'),
    note = panel.querySelector('.search-note'), status = box.querySelector('[data-search-status]');
  list.setAttribute('aria-label', S.listbox);
  var at = S.src.replace(/search\.js$/, ''), root = new URL(d.body.dataset.root || './', location.href).href;
  var parts = {}, waiting = {}, I = null, shown = [], active = -1, asked = 0, SHOW = 10;
  var W = [1, 3, 8]; // what a word found in the text, a heading, a title or glossary entry is worth

  var css = d.createElement('link');
  css.rel = 'stylesheet';
  css.href = at + 'search.css';
  d.head.appendChild(css);

  // Every file of the index calls this with its name and data.
  window.aulaIndex = function (name, data) {
    parts[name] = data;
    (waiting[name] || []).forEach(function (f) { f(); });
    delete waiting[name];
    // The postings that came are decoded while the reader is not typing, so that no
    // keystroke waits for a word's first letters to be decoded in dozens of terms.
    if (name == 'main' && data.post) ahead(0, data.terms.length);
    if (name[0] == 't' && I) { var k = +name.slice(1); ahead(I.shards[k], k + 1 < I.shards.length ? I.shards[k + 1] : I.terms.length); }
  };
  function ahead(i, end) {
    var later = window.requestIdleCallback || setTimeout;
    later(function some() {
      for (var stop = Math.min(i + 32, end); i < stop; i++) pages(i);
      if (i < end) later(some);
    });
  }
  function load(names, then) {
    var left = names.filter(function (n) { return !parts[n]; });
    if (!left.length) return then();
    var n = left.length, go = function () { if (--n == 0) then(); };
    left.forEach(function (name) {
      if (waiting[name]) return waiting[name].push(go);
      waiting[name] = [go];
      var s = d.createElement('script');
      s.src = root + 'assets/search-index' + (name == 'main' ? '' : '-' + name) + '.js';
      s.onerror = function () { delete waiting[name]; say(S.failed); };
      d.head.appendChild(s);
    });
  }

  function fold(s) { return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(); }
  function words(s) { return fold(s).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w; }); }
  // The first term not before `w`, by binary search.
  function from(w) {
    var t = I.terms, lo = 0, hi = t.length;
    while (lo < hi) { var m = (lo + hi) >> 1; if (t[m] < w) lo = m + 1; else hi = m; }
    return lo;
  }
  // The terms a query word matches, by number.
  function termsOf(w) {
    var t = I.terms, found = [];
    for (var i = from(w); i < t.length && t[i].lastIndexOf(w, 0) == 0 && found.length < 500; i++) found.push(i);
    for (var n = w.length; n >= Math.max(4, Math.ceil(w.length / 2)); n--) {
      var j = from(w.slice(0, n));
      if (t[j] == w.slice(0, n)) { if (found.indexOf(j) < 0) found.push(j); break; }
    }
    return found;
  }
  function where(starts, i) { var k = 0; while (k + 1 < starts.length && starts[k + 1] <= i) k++; return k; }
  function postings(i) {
    if (I.post) return I.post[i];
    var k = where(I.shards, i);
    return parts['t' + k][i - I.shards[k]];
  }
  function doc(i) {
    if (I.docs) return I.docs[i];
    var k = where(I.chunks, i);
    return parts['d' + k][i - I.chunks[k]];
  }
  // A term's postings (index.rs's `encode`), as page * 4 + field, decoded once: typing a
  // word asks for the same terms again at each letter. A typed array each, as long as the
  // text (a posting takes a character at least), so that decoding makes no garbage: a
  // query's first letters match dozens of terms on most pages, and growing arrays for them
  // set the collector off mid-keystroke.
  var decoded = {};
  function pages(i) {
    if (decoded[i]) return decoded[i];
    var text = postings(i), out = new Int32Array(text.length), v = 0, page = 0, n = 0;
    for (var k = 0; k < text.length; k++) {
      // 0-9 a-z A-Z - _ are 0 to 63; the first 32 end a number.
      var c = text.charCodeAt(k), x = c < 58 ? (c == 45 ? 62 : c - 48) : c > 96 ? c - 87 : c == 95 ? 63 : c - 29;
      v = v * 32 + (x & 31);
      if (x < 32) { page += v >> 2; out[n++] = page * 4 + (v & 3); v = 0; }
    }
    return (decoded[i] = out.subarray(0, n));
  }
  // Adds a term's pages to `into`: per page, what the term is worth there at best.
  function decode(i, into) {
    var p = pages(i);
    for (var k = 0; k < p.length; k++) {
      var page = p[k] >> 2, w = W[p[k] & 3];
      if (into[page] < w) into[page] = w;
    }
  }

  function say(text) { status.textContent = text; note.textContent = text; }
  function fill(s, o) { return s.replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }
  function close() { panel.hidden = true; q.setAttribute('aria-expanded', 'false'); q.removeAttribute('aria-activedescendant'); active = -1; }

  function run() {
    var ask = ++asked, text = q.value.trim();
    if (!text) { close(); say(''); return; }
    if (!I) { say(S.loading); panel.hidden = false; return load(['main'], function () { I = parts.main; if (ask == asked) run(); }); }
    var all = words(text), stop = I.stop || [];
    var ws = all.filter(function (w) { return w.length > 1 && stop.indexOf(w) < 0; });
    if (!ws.length && all.length && all[all.length - 1].length > 1) ws = [all[all.length - 1]];
    var matched = ws.map(termsOf);
    var need = [];
    if (I.shards) matched.forEach(function (m) { m.forEach(function (i) { var k = 't' + where(I.shards, i); if (need.indexOf(k) < 0) need.push(k); }); });
    load(need, function () {
      if (ask != asked) return;
      // Per page, what each word is worth there at best, summed over the words; a page
      // without one of them is worth 0. Arrays by page, as a word's first letters can match
      // hundreds of terms on most pages.
      var score = null, found = [];
      matched.forEach(function (terms) {
        var best = new Uint8Array(I.pages);
        terms.forEach(function (i) { decode(i, best); });
        if (!score) { score = new Uint16Array(best); return; }
        for (var p = 0; p < I.pages; p++) score[p] = best[p] && score[p] ? score[p] + best[p] : 0;
      });
      if (score) for (var p = 0; p < I.pages; p++) if (score[p]) found.push(p);
      found.sort(function (a, b) { return score[b] - score[a] || a - b; });
      var top = found.slice(0, SHOW), chunks = [];
      if (I.chunks) top.forEach(function (p) { var k = 'd' + where(I.chunks, p); if (chunks.indexOf(k) < 0) chunks.push(k); });
      load(chunks, function () {
        if (ask == asked) show(top.map(doc), found.length, matched.map(function (m) { return m.map(function (i) { return I.terms[i]; }); }), text);
      });
    });
  }

  // `text` cut into words (odd pieces) and what is between them (even ones).
  function pieces(text) { return text.split(/([\p{L}\p{N}]+)/u); }
  // Whether a term starts `word`: its beginnings looked up, not every term tried. Only a
  // word beyond ASCII has accents to fold; showing ten results folds hundreds of words.
  function hit(word, terms) {
    var f = /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase() : fold(word);
    for (var n = f.length; n > 0; n--) if (terms.has(f.slice(0, n))) return true;
    return false;
  }
  function count(text, terms) { return pieces(text).filter(function (p, i) { return i % 2 && hit(p, terms); }).length; }
  // `text` in a span of class `cls`, each word that starts with one of `terms` in a <mark>,
  // the text between them in one node.
  function span(cls, text, terms) {
    var s = d.createElement('span'), plain = '';
    s.className = cls;
    pieces(text).forEach(function (p, i) {
      if (!(i % 2 && hit(p, terms))) { plain += p; return; }
      if (plain) s.appendChild(d.createTextNode(plain));
      plain = '';
      s.appendChild(d.createElement('mark')).textContent = p;
    });
    if (plain) s.appendChild(d.createTextNode(plain));
    return s;
  }

  function show(docs, total, matched, text) {
    var terms = new Set([].concat.apply([], matched));
    list.textContent = '';
    shown = [];
    active = -1;
    q.removeAttribute('aria-activedescendant');
    docs.forEach(function (p, n) {
      // The section to open: the heading that holds the most of the query's words.
      var h = null, most = 0;
      p[4].forEach(function (x) { var c = count(x[0], terms); if (c > most) { most = c; h = x; } });
      var li = d.createElement('li'), where = I.modules[p[1]] || '';
      li.id = 'search-r' + n;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.appendChild(span('sr-title', p[0], terms));
      if (h) where = where ? where + ' › ' + h[0] : h[0];
      if (where) li.appendChild(span('sr-where', where, terms));
      var ex = (h && h[2]) || p[3];
      if (ex) li.appendChild(span('sr-text', ex, terms));
      var href = root + p[2] + (h ? '#' + h[1] : '');
      li.addEventListener('mousedown', function (e) { e.preventDefault(); });
      li.addEventListener('click', function () { open(href); });
      list.appendChild(li);
      shown.push(href);
    });
    list.hidden = !docs.length;
    panel.hidden = false;
    q.setAttribute('aria-expanded', docs.length ? 'true' : 'false');
    say(!total ? fill(S.none, { q: text }) : total == 1 ? S.one : total > docs.length ? fill(S.many, { n: total, shown: docs.length }) : fill(S.all, { n: total }));
    if (total && total <= docs.length) note.textContent = '';
  }
  function open(href) {
    close();
    location.href = href;
  }
  function move(to) {
    var items = list.children;
    if (!items.length) return;
    if (active >= 0) items[active].setAttribute('aria-selected', 'false');
    active = (to + items.length) % items.length;
    var li = items[active];
    li.setAttribute('aria-selected', 'true');
    q.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  }

  q.addEventListener('input', run);
  q.addEventListener('keydown', function (e) {
    if (e.key == 'ArrowDown' || e.key == 'ArrowUp') {
      e.preventDefault();
      if (panel.hidden && q.value.trim()) return run();
      move(e.key == 'ArrowDown' ? active + 1 : active < 0 ? -1 : active - 1);
    } else if (e.key == 'Enter') {
      if (shown.length) { e.preventDefault(); open(shown[Math.max(active, 0)]); }
    } else if (e.key == 'Escape') {
      if (!panel.hidden) { e.preventDefault(); close(); } else if (q.value) { e.preventDefault(); q.value = ''; say(''); }
    }
  });
  q.addEventListener('focus', function () { if (q.value.trim()) run(); });
  box.addEventListener('focusout', function (e) { if (!box.contains(e.relatedTarget)) close(); });
  // The first focus loads this script: load the index now, and answer what was typed meanwhile.
  load(['main'], function () { I = parts.main; if (q.value.trim()) run(); });
})();
