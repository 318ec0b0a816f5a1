/* aula: the button that shows a Rust block's hidden lines (aula's src/highlight/hidden.rs),
   loaded by pages with code. Without this script the lines stay hidden and there is no button. */
(function () {
  'use strict';
  var d = document, T = d.body.dataset, n = 0, main = d.getElementById('main') || d.body;
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
    if (r.matches && r.matches('pre[data-hidden-lines]')) toggle(r);
    [].forEach.call(r.querySelectorAll('pre[data-hidden-lines]'), toggle);
  }
  scan(main);
  // A quiz's feedback brings its code later.
  new MutationObserver(function (ms) {
    ms.forEach(function (m) { [].forEach.call(m.addedNodes, function (x) { if (x.querySelectorAll) scan(x); }); });
  }).observe(main, { childList: true, subtree: true });
})();
