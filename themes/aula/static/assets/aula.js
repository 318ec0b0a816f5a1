/* aula theme: progress, kept only in this browser's localStorage (format: README "Themes"),
   and navigation. No network. Other scripts may dispatch "aula:progress" on document to refresh. */
(function () {
  'use strict';
  var d = document, b = d.body, T = b.dataset, P = 'aula:' + T.course + ':', V = P + 'visited', ls = null;
  try { ls = localStorage; ls.getItem(V); } catch (e) { ls = null; }
  function read(k) { try { return JSON.parse(ls.getItem(k)); } catch (e) { return null; } }
  function all(s) { return [].slice.call(d.querySelectorAll(s)); }
  function el(tag, cls, text) { var e = d.createElement(tag); e.className = cls; e.textContent = text || ''; return e; }
  function tick() { var t = el('span', 'tick'); t.setAttribute('aria-hidden', 'true'); return t; }
  var fmt = null;
  try { fmt = new Intl.NumberFormat(d.documentElement.lang, { style: 'percent' }); } catch (e) { /* fall back */ }
  function pc(n) { return fmt ? fmt.format(n / 100) : n + ' %'; }
  function seen() { var v = read(V); return Array.isArray(v) ? v : []; }
  function quiz(k) { var q = k && read(k); return q && typeof q == 'object' ? q : null; }
  // A link's progress key is its page's URL as a folder, as in data-page-key: a/b.html → a/b/.
  var R = new URL(T.root || './', location.href).href;
  function keyOf(a) { var h = a.href.split('#')[0]; return h.indexOf(R) ? '' : h.slice(R.length).replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '/'); }
  function done(s, key, qk) { var q = quiz(qk); return qk ? !!(q && q.passed) : s.indexOf(key) >= 0; }
  // visit.js marks a lesson visited once its end came into view, and says so by "aula:progress".
  // The home page's progress is record.js's.
  function render() {
    var s = seen(), next = null, any = false;
    // Lesson and quiz links: a tick in the sidebar, a status line on the module page.
    all('a[data-progress]').forEach(function (a) {
      var qk = a.getAttribute('data-quiz-key'), q = quiz(qk), ok = done(s, keyOf(a), qk);
      var item = a.closest('.item'), st = item && item.querySelector('[data-status]'), m = a.querySelector('.mark');
      if (m) a.removeChild(m);
      a.classList.toggle('is-done', ok);
      if (st) {
        var text = qk ? (q ? (q.passed ? T.tPassed : T.tFailed) : T.tNew) : (ok ? T.tVisited : '');
        if (q && typeof q.best == 'number') text += ' · ' + T.tBest + ': ' + pc(q.best);
        st.textContent = '';
        if (ok) st.appendChild(tick());
        st.appendChild(el('span', '', text));
        item.classList.toggle('is-done', ok);
        any = any || ok;
        if (!ok && !next) next = a;
      } else if (ok) {
        m = el('span', 'mark');
        m.appendChild(tick());
        m.appendChild(el('span', 'visually-hidden', ' (' + (qk ? T.tPassed : T.tVisited) + ')'));
        a.appendChild(m);
      }
    });
    // A module page's "Start" becomes "Continue: <first item not done>"; the home page's is
    // record.js's, which knows the whole course.
    var go = d.querySelector('[data-continue]');
    if (go && T.pageKind != 'home') {
      if (!go.getAttribute('data-start')) go.setAttribute('data-start', go.textContent);
      go.parentNode.hidden = !next;
      if (next) {
        go.href = next.getAttribute('href');
        go.textContent = any ? T.tContinue + ': ' + next.querySelector('.label').textContent : go.getAttribute('data-start');
      }
    }
  }
  // "Reset my progress": every key of this course, after confirmation.
  var reset = d.querySelector('[data-reset]');
  if (reset && ls) {
    reset.parentNode.hidden = false;
    reset.addEventListener('click', function () {
      if (!confirm(reset.getAttribute('data-confirm'))) return;
      try {
        for (var i = ls.length - 1; i >= 0; i--) if (ls.key(i).indexOf(P) == 0) ls.removeItem(ls.key(i));
      } catch (e) { /* storage went away */ }
      d.dispatchEvent(new Event('aula:progress'));
      reset.nextElementSibling.textContent = reset.getAttribute('data-done');
    });
  }
  // Sidebar: collapsed on small screens (the markup's default), always open on wide ones.
  var nav = d.querySelector('.nav-toggle'), wide = matchMedia('(min-width: 60em)');
  function fit() { if (nav) nav.open = wide.matches; }
  if (wide.matches) fit();
  if (wide.addEventListener) wide.addEventListener('change', fit);
  all('[data-print]').forEach(function (p) { p.hidden = false; p.addEventListener('click', function () { print(); }); });
  // Search: the box (finished by search.js, added on its first focus or "/") from its data.
  var sb = d.querySelector('[data-search]'), ss = sb && sb.dataset, sq;
  if (sb) {
    sb.innerHTML = '<label class="visually-hidden" for="search-q"></label><input id="search-q" type="search" autocomplete="off" spellcheck="false">';
    sb.firstChild.textContent = ss.label;
    sq = sb.lastChild;
    sq.placeholder = ss.placeholder;
    sb.hidden = false;
    sq.addEventListener('focus', function () {
      if (ss.on) return;
      ss.on = 1;
      var s = d.createElement('script');
      s.src = ss.src;
      d.head.appendChild(s);
    });
    d.addEventListener('keydown', function (e) {
      var t = e.target;
      if (e.key == '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && !t.isContentEditable) { e.preventDefault(); sq.focus(); }
    });
  }
  render();
  addEventListener('storage', function (e) { if (!e.key || !e.key.indexOf(P)) render(); });
  d.addEventListener('aula:progress', render);
})();
