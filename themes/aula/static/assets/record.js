/* aula theme: the learner's record. What this browser stored (README "The learner's record")
   read against the course's structure (course-data.js): the completion rule, the home page's
   progress and Continue, and what results.js and certificate.js show. No network. */
var aulaRecord = (function () {
  'use strict';
  var C = window.aulaCourse, d = document, ls = null;
  if (!C) return null;
  var P = 'aula:' + C.id + ':', FORMAT = 1;
  try { ls = localStorage; ls.getItem(P); } catch (e) { ls = null; }
  function read(k) { try { return JSON.parse(ls.getItem(k)); } catch (e) { return null; } }
  function write(k, v) { ls.setItem(k, JSON.stringify(v)); }
  function ours() {
    var out = [];
    try { for (var i = 0; ls && i < ls.length; i++) if (ls.key(i).indexOf(P) == 0) out.push(ls.key(i)); } catch (e) { /* gone */ }
    return out;
  }
  function result(k) { var v = read(k); return v && typeof v == 'object' && typeof v.best == 'number' ? v : null; }
  // Results kept under an earlier version's key (same quiz, other answers or pass mark).
  function earlier(key, stored) {
    var at = key.lastIndexOf(':') + 1;
    for (var i = 0; i < stored.length; i++) if (stored[i] != key && stored[i].slice(0, at) == key.slice(0, at)) return result(stored[i]);
    return null;
  }

  // Everything the record pages show, worked out afresh from storage each time.
  function state() {
    var visited = read(P + 'visited'), stored = ours(), latest = +read(P + 'visited-at') || 0;
    if (!Array.isArray(visited)) visited = [];
    var s = { course: C, modules: [], quizzes: [], lessons: { done: 0, total: 0 }, items: { done: 0, total: 0 }, next: null };
    C.modules.forEach(function (m, n) {
      var mod = { title: m.title, path: m.path, done: 0, total: 0, items: 0, finished: 0 };
      m.items.forEach(function (it) {
        var ok;
        if (it.quiz) {
          var r = result(it.quiz.key), q = {
            key: it.quiz.key, title: it.title, path: it.path, module: n, pass: it.quiz.pass, allowed: it.quiz.attempts,
            required: it.quiz.required, best: r ? r.best : null, last: r && typeof r.last == 'number' ? r.last : null,
            attempts: r ? +r.attempts || 0 : 0, passed: !!(r && r.passed), date: r && r.date || null,
            earlier: r ? null : earlier(it.quiz.key, stored)
          };
          s.quizzes.push(q);
          ok = q.passed;
          if (q.required && q.date > latest) latest = q.date;
        } else {
          mod.total++;
          ok = visited.indexOf(it.key) >= 0;
          if (ok) mod.done++;
        }
        mod.items++;
        if (ok) mod.finished++;
        if (!ok && !s.next) s.next = it;
      });
      s.lessons.done += mod.done; s.lessons.total += mod.total;
      s.items.done += mod.finished; s.items.total += mod.items;
      s.modules.push(mod);
    });
    var required = s.quizzes.filter(function (q) { return q.required; });
    // Lessons still to visit for the rule's share, and the required quizzes not passed.
    s.missing = {
      lessons: Math.max(0, Math.ceil(C.lessons * s.lessons.total / 100) - s.lessons.done),
      quizzes: required.filter(function (q) { return !q.passed; })
    };
    s.complete = !s.missing.lessons && !s.missing.quizzes.length;
    // The overall result: the mean best score of the quizzes the rule needs, or of those
    // taken when it needs none.
    var counted = required.length ? required : s.quizzes.filter(function (q) { return q.best != null; });
    s.overall = counted.length ? Math.round(counted.reduce(function (t, q) { return t + (q.best || 0); }, 0) / counted.length) : null;
    s.percent = s.items.total ? Math.round(100 * s.items.done / s.items.total) : 100;
    // When the rule was first seen met: the latest visit or required quiz then. A rule no
    // longer met (a lesson added, a quiz's answers changed) drops the date: it is worked
    // out again when the rule is met again.
    var done = read(P + 'completed');
    try {
      if (s.complete && !(done && done.date)) write(P + 'completed', done = { date: latest || Date.now() });
      else if (!s.complete && done) ls.removeItem(P + 'completed');
    } catch (e) { /* not stored: shown all the same */ }
    s.date = s.complete ? (done && done.date) || latest || Date.now() : null;
    return s;
  }

  // The record as a file: this course's keys without their prefix (README says the format).
  function exported() {
    var record = {};
    ours().forEach(function (k) { var v = read(k); if (v !== null) record[k.slice(P.length)] = v; });
    return { aula: 'record', format: FORMAT, course: { id: C.id, version: C.version, title: C.title }, exported: new Date().toISOString(), record: record };
  }
  // "2.10" is newer than "2.9".
  function newer(a, b) {
    a = String(a).split('.'); b = String(b).split('.');
    for (var i = 0; i < Math.max(a.length, b.length); i++) {
      var x = a[i] || '0', y = b[i] || '0', nx = +x, ny = +y;
      if (x === y) continue;
      return isNaN(nx) || isNaN(ny) ? x > y : nx > ny;
    }
    return false;
  }
  function valid(k, v) {
    if (k == 'visited') return Array.isArray(v) && v.every(function (x) { return typeof x == 'string'; });
    if (k == 'visited-at') return typeof v == 'number';
    if (k == 'completed') return !!v && typeof v == 'object' && typeof v.date == 'number';
    if (k == 'name') return typeof v == 'string' && v.length <= 200;
    if (/^quiz:/.test(k)) return !!v && typeof v == 'object' && typeof v.best == 'number' && v.best >= 0 && v.best <= 100;
    return false;
  }
  // Reads an exported file's text. Returns what went wrong as a UI string key and its
  // values, and changes nothing then; or replaces this course's keys with the file's,
  // unless `check` only asks whether it could.
  function imported(text, check) {
    var f;
    try { f = JSON.parse(text); } catch (e) { return { error: 'record_import_bad' }; }
    if (!f || typeof f != 'object' || f.aula !== 'record' || !f.course || !f.record || typeof f.record != 'object') return { error: 'record_import_bad' };
    if (typeof f.format != 'number' || f.format > FORMAT) return { error: 'record_import_format' };
    if (f.course.id !== C.id) return { error: 'record_import_other', values: { title: String(f.course.title || f.course.id) } };
    if (newer(f.course.version, C.version)) return { error: 'record_import_newer', values: { version: String(f.course.version), current: C.version } };
    var keys = Object.keys(f.record);
    if (!keys.every(function (k) { return valid(k, f.record[k]); })) return { error: 'record_import_bad' };
    if (!ls) return { error: 'record_import_storage' };
    if (check) return { count: keys.length };
    var before = ours().map(function (k) { return [k, ls.getItem(k)]; });
    try {
      before.forEach(function (kv) { ls.removeItem(kv[0]); });
      keys.forEach(function (k) { write(P + k, f.record[k]); });
    } catch (e) {
      // Storage full: put back what was there.
      ours().forEach(function (k) { ls.removeItem(k); });
      before.forEach(function (kv) { try { ls.setItem(kv[0], kv[1]); } catch (e2) { /* as far as it goes */ } });
      return { error: 'record_import_storage' };
    }
    d.dispatchEvent(new Event('aula:progress'));
    return { count: keys.length };
  }

  // UI strings (the page's #aula-record-strings), with {name} values filled in.
  var T = {};
  try { T = JSON.parse(d.getElementById('aula-record-strings').textContent) || {}; } catch (e) { /* keys show */ }
  function t(k, v) {
    var s = String(T[k] == null ? k : T[k]);
    Object.keys(v || {}).forEach(function (n) { s = s.split('{' + n + '}').join(v[n]); });
    return s;
  }
  var lang = d.documentElement.lang || undefined, pf = null, df = null;
  try { pf = new Intl.NumberFormat(lang, { style: 'percent' }); df = new Intl.DateTimeFormat(lang, { dateStyle: 'long' }); } catch (e) { /* fall back */ }
  function percent(n) { return pf ? pf.format(n / 100) : n + ' %'; }
  function date(ms) { var x = new Date(ms); return df ? df.format(x) : x.toDateString(); }

  // The home page: progress per module and for the course, Continue, and completion.
  function home() {
    var cards = [].slice.call(d.querySelectorAll('[data-module-card]'));
    if (!cards.length && !d.querySelector('[data-continue]')) return;
    var s = state();
    function show(box, n) {
      var p = box && box.querySelector('[data-progress-box]');
      if (!p) return;
      p.hidden = false;
      p.querySelector('progress').value = n;
      p.querySelector('[data-percent]').textContent = percent(n);
    }
    cards.forEach(function (c, i) {
      var m = s.modules[i];
      if (!m) return;
      show(c, m.items ? Math.round(100 * m.finished / m.items) : 100);
      c.classList.toggle('is-done', m.items > 0 && m.finished == m.items);
    });
    if (s.items.total) show(d.querySelector('.hero'), s.percent);
    var go = d.querySelector('[data-continue]'), box = d.querySelector('[data-complete]');
    if (box) {
      box.hidden = !s.complete;
      if (s.complete) {
        box.querySelector('[data-complete-date]').textContent = t('record_home_complete', { date: date(s.date) });
        var r = box.querySelector('[data-complete-result]');
        r.textContent = s.overall == null ? '' : t('record_result', { percent: percent(s.overall) });
        r.hidden = s.overall == null;
      }
    }
    if (go) {
      if (!go.getAttribute('data-start')) go.setAttribute('data-start', go.textContent);
      go.parentNode.hidden = s.complete || !s.next;
      // Nothing done yet: "Start" goes to the course's first page, as written.
      if (s.next && s.items.done) {
        go.href = (d.body.dataset.root || '') + s.next.path;
        go.textContent = t('progress_continue') + ': ' + s.next.title;
      }
    }
  }
  // FNV-1a (32 bits) of the text's UTF-8: the certificate's receipt code, and lms.js's tags.
  function hash(text) {
    var h = 0x811c9dc5, b = new TextEncoder().encode(text);
    for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193) >>> 0;
    return h;
  }
  // Stores one of the learner's own entries (such as the certificate's name); false when
  // this browser keeps nothing.
  function save(k, v) {
    try { write(P + k, v); return true; } catch (e) { return false; }
  }

  d.addEventListener('DOMContentLoaded', home);
  d.addEventListener('aula:progress', home);
  addEventListener('storage', function (e) { if (!e.key || !e.key.indexOf(P)) home(); });

  return { state: state, exported: exported, imported: imported, save: save, t: t, percent: percent, date: date, read: read, keys: ours, hash: hash, prefix: P };
})();
