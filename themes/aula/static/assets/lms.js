/* aula theme: an LMS package's runtime (README "LMS packages"). The LMS's record goes into
   storage before the course opens; what record.js makes of it goes back to the LMS. */
(function () {
  'use strict';
  var d = document, b = d.body, w = window, R = w.aulaRecord, C = w.aulaCourse;
  var frame = d.getElementById('aula-course');
  if (!frame) return;
  var v12 = b.dataset.scorm == '1.2', NAME = v12 ? 'API' : 'API_1484_11';
  function open(path) { frame.src = path || 'index.html'; }

  // ADL's search: up the parents a bounded number of times, then the opener.
  function search(win) {
    try {
      for (var i = 0; win && i < 16; i++, win = win.parent) if (win[NAME] || win.parent == win) return win[NAME] || null;
    } catch (e) { /* other origin */ }
    return null;
  }
  var api = search(w);
  if (!api) try { api = search(w.opener) || search(w.top.opener); } catch (e) { api = null; }
  var ls = null;
  try { ls = localStorage; ls.getItem('aula'); } catch (e) { ls = null; }
  if (!api || !R || !C) { open(); return; }

  var F = ['Initialize', 'GetValue', 'SetValue', 'Commit', v12 ? 'Finish' : 'Terminate', 'GetLastError']
    .map(function (n) { return (v12 ? 'LMS' : '') + n; });
  var c = v12 ? 'cmi.core.' : 'cmi.', K = {
    loc: c + (v12 ? 'lesson_location' : 'location'), data: 'cmi.suspend_data', time: c + 'session_time', exit: c + 'exit',
    name: c + (v12 ? 'student_name' : 'learner_name'), raw: c + 'score.raw',
    status: v12 ? c + 'lesson_status' : 'cmi.completion_status', success: 'cmi.success_status'
  };
  var LIMIT = v12 ? 4096 : 64000, logged = {};

  // A refusal is logged once per code; 403 is 2004's "not set yet".
  function call(i, k, v) {
    var r, code = '0';
    try { r = i == 1 ? api[F[1]](k) : i == 2 ? api[F[2]](k, String(v)) : api[F[i]](''); } catch (e) { r = 'false'; }
    try { code = String(api[F[5]]()); } catch (e) { /* none */ }
    if (code != '0' && code != '403' && !logged[code]) {
      logged[code] = 1;
      console.warn('aula: the LMS refused ' + F[i] + (k ? ' ' + k : '') + ' (error ' + code + ')');
    }
    return i == 1 ? (code == '0' && r != null ? String(r) : '') : String(r) == 'true';
  }

  // suspend_data (README says the format): a bit per lesson, then each quiz's result.
  var P = R.prefix, B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  function b36(n) { return typeof n == 'number' && n >= 0 ? Math.round(n).toString(36) : ''; }
  function n36(s) { return s ? parseInt(s, 36) : null; }
  function sec(ms) { return b36(Math.floor(ms / 1000)); }
  function tag(s) { return (R.hash(s) % 2176782336).toString(36); }
  var lessons = [], quizzes = {};
  C.modules.forEach(function (m) {
    m.items.forEach(function (it) { if (it.quiz) quizzes[tag(it.key)] = it; else lessons.push(it.key); });
  });
  var shape = tag(lessons.join('\n'));
  var ours = R.keys;
  function encode() {
    var seen = {}, bits = '', c = 0, now = [], old = [];
    [].concat(R.read(P + 'visited') || []).forEach(function (k) { seen[k] = 1; });
    lessons.forEach(function (k, i) {
      if (seen[k]) c |= 1 << i % 6;
      if (i % 6 == 5 || i == lessons.length - 1) { bits += B64[c]; c = 0; }
    });
    ours().forEach(function (k) {
      var m = /^quiz:(.*):([0-9a-f]+)$/.exec(k.slice(P.length)), r = m && R.read(k), it = m && quizzes[tag(m[1])];
      if (!r || typeof r.best != 'number' || !it || it.key != m[1]) return;
      var current = it.quiz.key == k;
      (current ? now : old).push([tag(m[1]), current ? '' : m[2].slice(0, 6), b36(r.best), b36(r.last),
        b36(r.attempts), r.passed ? 1 : 0, r.date ? sec(r.date) : ''].join('.'));
    });
    var done = R.read(P + 'completed'), at = R.read(P + 'visited-at');
    var f = ['a1', shape, bits, '', done && done.date ? sec(done.date) : '', typeof at == 'number' ? sec(at) : ''];
    // Results of earlier versions count for nothing: they go first.
    var all = now.concat(old);
    for (;;) {
      f[3] = all.join(',');
      var s = f.join('|');
      if (s.length <= LIMIT || !all.length) return s;
      all.pop();
    }
  }
  // The LMS's record replaces this browser's, but the name; a result held here too keeps
  // what only it has (the last answers).
  function restore(s) {
    var f = s.split('|');
    if (f[0] != 'a1' || f.length < 6 || !ls) return false;
    var was = {};
    ours().forEach(function (k) { was[k] = ls.getItem(k); if (k != P + 'name') ls.removeItem(k); });
    function put(k, v) { try { ls.setItem(P + k, JSON.stringify(v)); } catch (e) { /* full */ } }
    if (f[1] == shape) {
      put('visited', lessons.filter(function (k, i) { return B64.indexOf(f[2].charAt(i / 6 | 0)) >> i % 6 & 1; }));
    } else if (was[P + 'visited']) {
      ls.setItem(P + 'visited', was[P + 'visited']);
    }
    f[3].split(',').forEach(function (e) {
      var x = e.split('.'), it = quizzes[x[0]];
      if (!it || x.length < 7) return;
      var key = x[1] ? P + 'quiz:' + it.key + ':' + x[1] : it.quiz.key, mine = null;
      var r = { best: n36(x[2]), last: n36(x[3]), attempts: n36(x[4]) || 0, passed: x[5] == '1', date: x[6] ? n36(x[6]) * 1000 : null };
      try { mine = JSON.parse(was[key]); } catch (e2) { /* none */ }
      if (mine && mine.best === r.best && mine.last === r.last && mine.attempts === r.attempts) r = mine;
      put(key.slice(P.length), r);
    });
    if (f[4]) put('completed', { date: n36(f[4]) * 1000 });
    if (f[5]) put('visited-at', n36(f[5]) * 1000);
    return true;
  }

  if (!call(0)) { open(); return; }
  var started = Date.now(), sent = {}, timer = 0, ended = false;
  var mastery = +b.dataset.mastery, soft = b.dataset.failed == 'incomplete', scored = b.dataset.scoreQuiz;
  // A result the LMS held at launch is never reported lower.
  var had = call(1, K.status), hadSuccess = v12 ? had : call(1, K.success);
  var data = call(1, K.data), loc = call(1, K.loc), name = call(1, K.name);
  var who = call(1, v12 ? 'cmi.core.student_id' : 'cmi.learner_id'), WHO = 'aula-lms:' + C.id;
  // Another learner's record (a shared computer) goes, name and all; an LMS record this
  // browser cannot take is never written over.
  var trusted = !data;
  try {
    if (ls && ls.getItem(WHO) != who) ours().forEach(function (k) { ls.removeItem(k); });
    if (data) trusted = restore(data);
    if (ls) ls.setItem(WHO, who);
  } catch (e) { trusted = false; }
  // SCORM's "Last, First" is printed "First Last".
  if (name && typeof R.read(P + 'name') != 'string') R.save('name', name.split(/\s*,\s*/).reverse().join(' ').trim());

  function set(k, v) { v = String(v); if (sent[k] === v) return false; sent[k] = v; call(2, k, v); return true; }
  function report(commit) {
    var s = R.state(), score = s.overall, complete = s.complete, changed = false;
    if (scored) {
      var q = s.quizzes.filter(function (x) { return x.key == scored; })[0];
      score = q && q.best != null ? q.best : null;
    }
    // A required quiz out of attempts can't be passed.
    var out = s.quizzes.some(function (x) { return x.required && !x.passed && x.allowed && x.attempts >= x.allowed; });
    // All required quizzes passed is a pass, unless one is the score.
    var all = !scored && s.quizzes.some(function (x) { return x.required; }) && !s.missing.quizzes.length;
    var success = complete ? (score == null ? '' : all || score >= mastery ? 'passed' : 'failed') : out ? 'failed' : '';
    if (success == 'failed' && soft) { success = ''; complete = false; }
    // The score goes once final: Moodle would judge it halfway.
    if (score != null && (complete || success)) {
      changed = set(K.raw, score) || changed;
      set(c + 'score.min', 0);
      set(c + 'score.max', 100);
      if (!v12) set('cmi.score.scaled', score / 100);
    }
    var status = v12 ? success || (complete ? 'completed' : 'incomplete') : complete ? 'completed' : 'incomplete';
    var keep = v12 ? (had == 'passed' || had == 'completed') && status != 'passed' : had == 'completed';
    if (!keep) changed = set(K.status, status) || changed;
    if (!v12 && hadSuccess != 'passed') changed = set(K.success, success || 'unknown') || changed;
    if (trusted) set(K.data, encode());
    set(K.exit, complete ? (v12 ? '' : 'normal') : 'suspend');
    if (changed || commit) call(3);
  }
  function later() { clearTimeout(timer); timer = setTimeout(function () { report(false); }, 250); }

  addEventListener('storage', function (e) { if (!e.key || !e.key.indexOf(P)) later(); });
  var base = location.href.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
  frame.addEventListener('load', function () {
    try {
      var here = frame.contentWindow.location.href.replace(/[?#].*$/, '');
      if (!here.indexOf(base) && here.length - base.length <= 255) set(K.loc, here.slice(base.length));
      // This page's CSP frames only the course: other sites open a tab.
      [].forEach.call(frame.contentDocument.querySelectorAll('a[href^="http"]'), function (a) { a.target = '_blank'; a.rel = 'noopener'; });
    } catch (e) { return; }
    later();
  });
  function time(ms) {
    var t = Math.round(ms / 1000), h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, s = t % 60;
    if (!v12) return 'PT' + h + 'H' + m + 'M' + s + 'S';
    var p = function (n, k) { return ('000' + n).slice(-k); };
    return p(Math.min(h, 9999), 4) + ':' + p(m, 2) + ':' + p(s, 2);
  }
  function save(last) {
    if (ended) return;
    ended = last;
    clearTimeout(timer);
    report(false);
    if (last) set(K.time, time(Date.now() - started));
    call(3);
    if (last) call(4);
  }
  // A phone may close a hidden page without pagehide.
  d.addEventListener('visibilitychange', function () { if (d.visibilityState == 'hidden') save(false); });
  addEventListener('pagehide', function () { save(true); });

  report(true);
  // Where the learner left off, if it is a page of the course.
  open(/^[\w\-/.%]+\.html$/.test(loc) && loc.indexOf('..') < 0 ? loc : 'index.html');
})();
