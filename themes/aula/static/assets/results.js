/* aula theme: "My results" (results.html). Fills the rows the template wrote from what
   record.js reads in this browser, and moves the record to another device as a file: a
   download to export, a file input to import. No network. */
(function () {
  'use strict';
  var R = window.aulaRecord, d = document, box = d.querySelector('[data-results]');
  if (!R || !box) return;
  var t = R.t, pc = R.percent, C = R.state().course;
  function one(s) { return box.querySelector(s); }
  function all(s) { return [].slice.call(box.querySelectorAll(s)); }
  function put(el, s) { if (el) el.textContent = s; }

  // The rule in words, from the course's settings.
  function rule(s) {
    var need = s.quizzes.filter(function (q) { return q.required; }).length;
    return t('record_rule', {
      lessons: C.lessons >= 100 ? t('record_rule_lessons_all') : t('record_rule_lessons_some', { percent: pc(C.lessons) }),
      quizzes: t(!need ? 'record_rule_quizzes_none' : need == s.quizzes.length ? 'record_rule_quizzes_all' : 'record_rule_quizzes_some')
    });
  }

  function render() {
    var s = R.state(), some = s.quizzes.some(function (q) { return !q.required; });
    box.hidden = false;
    put(one('[data-overall-status]'), s.complete ? t('record_complete', { date: R.date(s.date) }) +
      (s.overall == null ? '' : ' ' + t('record_result', { percent: pc(s.overall) })) : t('record_incomplete'));
    put(one('[data-overall-rule]'), rule(s));
    put(one('[data-percent]'), pc(s.percent));
    one('progress').value = s.percent;
    var byKey = {};
    s.quizzes.forEach(function (q) { byKey[q.key] = q; });
    all('[data-quiz-row]').forEach(function (row) {
      var q = byKey[row.getAttribute('data-quiz-row')];
      if (!q) return;
      put(row.querySelector('[data-best]'), q.best != null ? pc(q.best) : q.earlier ? t('record_earlier', { percent: pc(q.earlier.best) }) : '—');
      put(row.querySelector('[data-last]'), q.last != null ? pc(q.last) : '—');
      put(row.querySelector('[data-attempts]'), q.allowed ? t('record_attempts_of', { n: q.attempts, total: q.allowed }) : String(q.attempts));
      put(row.querySelector('[data-status]'), t(q.passed ? 'progress_quiz_passed' : q.attempts ? 'progress_quiz_failed' : 'progress_quiz_new') +
        (some && q.required ? ' (' + t('record_required') + ')' : ''));
      put(row.querySelector('[data-date]'), q.date ? R.date(q.date) : '—');
      row.classList.toggle('is-passed', q.passed);
    });
    all('[data-module-row]').forEach(function (row, i) {
      var m = s.modules[i];
      if (m) put(row.querySelector('[data-visited]'), m.total ? t('record_visited_of', { n: m.done, total: m.total }) : '—');
    });
  }

  // Export: the record as a JSON file named after the course and the day.
  var status = one('[data-import-status]');
  one('[data-export]').addEventListener('click', function () {
    var f = R.exported(), a = d.createElement('a');
    a.href = URL.createObjectURL(new Blob([JSON.stringify(f, null, 2) + '\n'], { type: 'application/json' }));
    a.download = String(C.id).replace(/[^\w.-]+/g, '-') + '-record-' + f.exported.slice(0, 10) + '.json';
    d.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  });

  // Import: checked in full first; it asks before replacing a record that holds anything.
  var input = one('[data-import]');
  input.addEventListener('change', function () {
    var file = input.files && input.files[0], reader = new FileReader();
    if (!file) return;
    reader.onload = function () {
      var text = String(reader.result), r = R.imported(text, true);
      if (!r.error && Object.keys(R.exported().record).length && !confirm(t('record_import_confirm'))) r = null;
      else if (!r.error) r = R.imported(text);
      input.value = '';
      if (!r) return;
      status.textContent = r.error ? t(r.error, r.values) : t('record_import_done', { n: r.count });
      status.classList.toggle('is-error', !!r.error);
      render();
    };
    reader.onerror = function () { status.textContent = t('record_import_bad'); };
    reader.readAsText(file);
  });

  render();
  d.addEventListener('aula:progress', render);
  addEventListener('storage', function (e) { if (!e.key || !e.key.indexOf(R.prefix)) render(); });
})();
