/* aula theme: the certificate of completion (certificate.html). Locked, with what is still
   missing, until record.js finds the completion rule met; then the learner's name, the date,
   the scores and a receipt code. The code is a checksum anyone can recompute (README, "The
   certificate"): a static page cannot sign anything, and says so. No network. */
(function () {
  'use strict';
  var R = window.aulaRecord, d = document;
  var locked = d.querySelector('[data-cert-locked]'), open = d.querySelector('[data-cert-open]');
  if (!R || !open) return;
  var t = R.t, pc = R.percent, input = open.querySelector('[data-cert-input]');
  function one(s) { return open.querySelector(s); }
  function el(tag, text) { var e = d.createElement(tag); if (text != null) e.textContent = text; return e; }

  // The name as printed: trimmed, runs of spaces made one, in one Unicode form.
  function clean(name) { return String(name || '').normalize('NFC').replace(/\s+/g, ' ').trim(); }
  // The day as YYYY-MM-DD in the learner's time zone: the day printed.
  function day(ms) {
    var x = new Date(ms), p = function (n) { return (n < 10 ? '0' : '') + n; };
    return x.getFullYear() + '-' + p(x.getMonth() + 1) + '-' + p(x.getDate());
  }
  // The receipt: record.js's hash, as XXXX-XXXX.
  function code(text) {
    var x = ('0000000' + R.hash(text).toString(16).toUpperCase()).slice(-8);
    return x.slice(0, 4) + '-' + x.slice(4);
  }

  function render() {
    var s = R.state(), C = s.course;
    locked.hidden = s.complete;
    open.hidden = !s.complete;
    // Printed, the certificate is the page: the heading above it goes (certificate.css).
    d.body.classList.toggle('cert-unlocked', s.complete);
    if (!s.complete) {
      var list = locked.querySelector('[data-missing]');
      list.textContent = '';
      if (s.missing.lessons) list.appendChild(el('li', s.missing.lessons == 1 ? t('record_missing_lesson') : t('record_missing_lessons', { n: s.missing.lessons })));
      s.missing.quizzes.forEach(function (q) {
        var li = el('li'), a = el('a', t('record_missing_quiz', { title: q.title }));
        a.href = (d.body.dataset.root || '') + q.path;
        li.appendChild(a);
        list.appendChild(li);
      });
      return;
    }
    // A browser that keeps nothing still prints the name typed.
    var name = R.read(R.prefix + 'name');
    if (typeof name != 'string') name = input.value;
    else if (d.activeElement != input) input.value = name;
    name = clean(name);
    one('[data-cert-name]').textContent = name;
    one('[data-cert-date]').textContent = R.date(s.date);
    var result = one('[data-cert-result]');
    result.textContent = s.overall == null ? '' : pc(s.overall);
    result.parentNode.hidden = s.overall == null;
    // The scores the result is the mean of; a course with a great many quizzes shows the
    // result alone, so that the certificate stays one page.
    var counted = s.quizzes.filter(function (q) { return q.required; }), box = one('[data-cert-scores]');
    box.textContent = '';
    if (counted.length > 1 && counted.length <= 12) {
      var ul = el('ul');
      ul.className = 'cert-scores';
      counted.forEach(function (q) {
        var li = el('li');
        li.appendChild(el('span', q.title));
        li.appendChild(d.createTextNode(' '));
        li.appendChild(el('strong', pc(q.best)));
        ul.appendChild(li);
      });
      box.appendChild(el('h3', t('cert_scores')));
      box.appendChild(ul);
    }
    one('[data-cert-code]').textContent = code([C.id, C.version, name, day(s.date), s.overall == null ? '' : s.overall].join('\n'));
  }

  input.addEventListener('input', function () {
    R.save('name', input.value);
    render();
  });

  render();
  d.addEventListener('aula:progress', render);
  addEventListener('storage', function (e) { if (!e.key || !e.key.indexOf(R.prefix)) render(); });
})();
