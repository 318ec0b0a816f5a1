/* aula: code and tables, loaded by pages that have either. Only code and tables that scroll are
   tab stops (a table's box comes as one, for no JS), and one that cannot fit gets readable
   columns (is-wide). A Rust block's hidden lines (src/highlight/hidden.rs) get the button that
   shows them; without this script they stay hidden and there is no button. Quiz feedback brings
   its code later, so what is added to the page is watched too. */
(function () {
  'use strict';
  var d = document, T = d.body.dataset, n = 0, main = d.getElementById('main') || d.body;
  function reach(e) {
    var t = e.tagName != 'PRE', on, l = e.getAttribute('data-label') || e.getAttribute('aria-label');
    if (t) { e.setAttribute('data-label', l); e.classList.remove('is-wide'); }
    on = e.scrollWidth > e.clientWidth + 1;
    if (t) e.classList.toggle('is-wide', on);
    [['tabindex', '0'], ['role', t && 'group'], ['aria-label', t && l]].forEach(function (a) {
      if (on && a[1]) e.setAttribute(a[0], a[1]); else e.removeAttribute(a[0]);
    });
  }
  var RO = window.ResizeObserver, sizes = RO && new RO(function (es) { es.forEach(function (x) { reach(x.target); }); });
  function toggle(pre) {
    if (pre.aulaToggle) return;
    pre.aulaToggle = true;
    var runs = [].slice.call(pre.querySelectorAll('.hidden-lines')), b = d.createElement('button');
    b.type = 'button';
    b.className = 'button-quiet code-toggle';
    b.textContent = T.tShowLines;
    if (!pre.id) pre.id = 'aula-code-' + ++n;
    b.setAttribute('aria-controls', pre.id);
    b.setAttribute('aria-expanded', 'false');
    b.addEventListener('click', function () {
      var show = b.getAttribute('aria-expanded') != 'true';
      runs.forEach(function (r) { r.hidden = !show; });
      b.setAttribute('aria-expanded', String(show));
      b.textContent = show ? T.tHideLines : T.tShowLines;
    });
    pre.parentNode.insertBefore(b, pre);
  }
  function scan(r) {
    var is = function (s) { return r.matches && r.matches(s) ? [r] : []; };
    // A table written in HTML comes without its box.
    [].slice.call(r.querySelectorAll('table')).concat(is('table')).forEach(function (t) {
      if (t.closest('.table-scroll')) return;
      var w = d.createElement('div');
      w.className = 'table-scroll';
      w.setAttribute('aria-label', T.tTable);
      t.parentNode.insertBefore(w, t);
      w.appendChild(t);
    });
    [].slice.call(r.querySelectorAll('pre,.table-scroll')).concat(is('pre,.table-scroll')).forEach(function (e) {
      reach(e);
      if (sizes) sizes.observe(e);
    });
    [].slice.call(r.querySelectorAll('pre[data-hidden-lines]')).concat(is('pre[data-hidden-lines]')).forEach(toggle);
  }
  scan(main);
  if (!sizes) addEventListener('resize', function () { scan(main); });
  new MutationObserver(function (ms) {
    ms.forEach(function (m) { [].forEach.call(m.addedNodes, function (x) { if (x.querySelectorAll) scan(x); }); });
  }).observe(main, { childList: true, subtree: true });
})();
