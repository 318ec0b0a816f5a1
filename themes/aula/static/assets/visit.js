/* aula theme: a lesson counts as visited once the end of its content has come into view, not
   when it opens (README "Themes"); so does a module page that is only an introduction.
   aula.js shows the tick when told by "aula:progress". */
(function () {
  'use strict';
  var d = document, T = d.body.dataset, V = 'aula:' + T.course + ':visited', end = d.querySelector('[data-page-end]');
  function visit() {
    try {
      var v = JSON.parse(localStorage.getItem(V));
      if (!Array.isArray(v)) v = [];
      if (v.indexOf(T.pageKey) >= 0) return;
      v.push(T.pageKey);
      localStorage.setItem(V, JSON.stringify(v));
      // When the record's completion date looks for the learner's last step (record.js).
      localStorage.setItem(V + '-at', Date.now());
    } catch (e) { return; } // storage off or full: nothing to show
    d.dispatchEvent(new Event('aula:progress'));
  }
  if (!end || !window.IntersectionObserver) return visit();
  var seen = new IntersectionObserver(function (es) {
    if (es.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); visit(); }
  });
  seen.observe(end);
  // A click on "next" right after scrolling can leave before the observer reports: the end
  // above the bottom of the window when the page goes counts too.
  addEventListener('pagehide', function () { if (end.getBoundingClientRect().top < innerHeight) visit(); });
})();
