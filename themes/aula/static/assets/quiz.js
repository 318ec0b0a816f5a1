// aula quiz: scoring, feedback, modes, shuffle and draw, retries and stored results, for
// every .quiz-box of the page: a quiz page has one, a lesson may hold checks. No dependency,
// no network.
(() => {
  const $ = (s, el = document) => el.querySelector(s);
  const $$ = (s, el = document) => [...el.querySelectorAll(s)];
  let T = {};
  try { T = JSON.parse($('#aula-strings').textContent) || {}; } catch (e) { /* show keys */ }

  // UI string quiz_<k> with {placeholders} filled in
  const t = (k, v = {}) => Object.keys(v).reduce((s, n) => s.split('{' + n + '}').join(v[n]), String(T['quiz_' + k] ?? k));
  const num = (x) => (+x.toFixed(2)).toLocaleString(document.documentElement.lang || undefined);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  const html = (cls, markup, title) => {
    const d = el('div', cls);
    d.innerHTML = markup;
    if (title) d.prepend(el('p', cls + '-title', title));
    return d;
  };
  // Tick or cross icon (not read aloud), then words.
  const withIcon = (tag, cls, ok, text) => {
    const e = el(tag, cls), ns = 'http://www.w3.org/2000/svg';
    const s = document.createElementNS(ns, 'svg'), p = document.createElementNS(ns, 'path');
    for (const [k, v] of [['viewBox', '0 0 24 24'], ['aria-hidden', 'true'], ['class', 'quiz-icon']]) s.setAttribute(k, v);
    p.setAttribute('d', ok ? 'M4 12.5l5 5L20 6.5' : 'M6 6l12 12M18 6L6 18');
    s.append(p);
    e.append(s, ' ', el('span', '', text));
    return e;
  };
  const shuffled = (a) => {
    a = a.slice();
    for (let i = a.length - 1, j; i > 0; i--) {
      j = Math.floor(Math.random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const letter = (i) => (i < 26 ? String.fromCharCode(65 + i) : String(i + 1));

  // A typed answer as compared: no case, accents, punctuation or extra spaces.
  const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, '').replace(/\s+/g, ' ').trim();
  // "18,5", "18.5", "1.234,5", "1,234.5", "−3": the last separator is the decimal one when
  // it is the only one of its kind; the others group digits.
  const toNumber = (s) => {
    s = s.replace(/[\s'\u00a0\u202f]/g, '').replace(/^\u2212/, '-');
    const dec = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    s = s.split(dec).length > 2 ? s.split(dec).join('') : s.split(dec === ',' ? '.' : ',').join('').replace(',', '.');
    return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? parseFloat(s) : null;
  };
  const matches = (q, v) => {
    if (!q.pattern) return false;
    try {
      const r = new RegExp(q.pattern, 'iu');
      return r.test(v.trim().replace(/\s+/g, ' ')) || r.test(fold(v));
    } catch (e) { return false; }
  };

  // The learner's answer to question f, as stored: the picked option ids, the item ids in
  // their order, the right-hand id per left item, or the text typed.
  const valueOf = (f) => {
    const k = f.dataset.kind;
    if (k === 'order') return $$('.quiz-item', f).map((li) => li.dataset.item);
    if (k === 'match') return $$('select', f).map((s) => s.value);
    if (k === 'short' || k === 'numeric') return $('.quiz-answer input', f).value;
    return $$('.quiz-options input', f).filter((i) => i.checked).map((i) => i.value);
  };
  const setValue = (f, v) => {
    const k = f.dataset.kind;
    if (v == null) return;
    if (k === 'order') {
      const ol = $('.quiz-order', f);
      v.forEach((id) => { const li = $$('.quiz-item', ol).find((i) => i.dataset.item === id); if (li) ol.append(li); });
      f.dataset.moved = '1';
    } else if (k === 'match') $$('select', f).forEach((s, i) => { s.value = v[i] || ''; });
    else if (k === 'short' || k === 'numeric') $('.quiz-answer input', f).value = String(v);
    else $$('.quiz-options input', f).forEach((i) => { i.checked = v.includes(i.value); });
  };
  // An order question counts as answered once an item was moved: it is never shown in order.
  const answered = (f) => {
    const k = f.dataset.kind, v = valueOf(f);
    if (k === 'order') return f.dataset.moved === '1';
    if (k === 'match') return v.every(Boolean);
    return typeof v === 'string' ? v.trim() !== '' : v.length > 0;
  };

  // Points: all or nothing, or partial: for multiple +1 per right pick and -1 per wrong pick,
  // floored at 0; for order and match the share in the right place. Scaled to the points.
  const score = (q, v) => {
    const all = (ok) => (ok ? q.points : 0), share = (n) => n / q.correct.length * q.points;
    if (q.kind === 'order' || q.kind === 'match') {
      const right = v.filter((x, i) => x === q.correct[i]).length;
      return q.scoring === 'partial' ? share(right) : all(right === q.correct.length);
    }
    if (q.kind === 'short') return all(fold(v) !== '' && q.accept.some((a) => fold(a) === fold(v)) || matches(q, v));
    if (q.kind === 'numeric') {
      const x = toNumber(v);
      return all(x !== null && Math.abs(x - q.answer) <= q.tolerance + 1e-9 * Math.max(1, Math.abs(q.answer)));
    }
    const right = v.filter((x) => q.correct.includes(x)).length, wrong = v.length - right;
    if (q.scoring === 'partial') return Math.max(0, share(right - wrong));
    return all(wrong === 0 && right === q.correct.length);
  };
  const need = { order: 'need_order', match: 'need_match', short: 'need_text', numeric: 'need_text' };

  $$('.quiz-box').forEach(setup);

  function setup(box) {
    let data;
    try { data = JSON.parse($('.quiz-data', box).textContent); } catch (e) { return; }
    const form = $('form.quiz', box);
    if (!form || !data) return;
    const byId = new Map(data.questions.map((q) => [q.id, q])), Q = (f) => byId.get(f.dataset.question);
    const list = $('.quiz-questions', form), all = $$('.quiz-question', form), picks = [...list.children];
    const submit = $('.quiz-submit', form), count = $('.quiz-count', form), alert = $('.quiz-alert', form);
    const status = $('.quiz-result', box), retry = $('.quiz-retry', box), best = $('.quiz-best', box), modes = $('.quiz-mode', box);
    const key = data.key, limit = data.attempts || 0, pf = (ok) => t(ok ? 'passed' : 'not_passed');
    let shown = [], arrow = false, used = 0;
    // instant, submit, practice (instant, never counted) or exam (submit, counted)
    let mode = data.mode === 'both' ? ($('input:checked', modes) || {}).value || 'exam' : data.mode;
    const instant = () => mode === 'instant' || mode === 'practice';
    const counted = () => !!key && mode !== 'practice';

    // Stored {best, last, attempts, passed, answers, order}. Storage may be off or refuse
    // (file://, privacy).
    const load = () => {
      try {
        const v = key && JSON.parse(localStorage.getItem(key));
        return v && typeof v.best === 'number' ? v : null;
      } catch (e) { return null; }
    };
    // aula.js listens for "aula:progress" to tick the quiz in the sidebar at once.
    const save = (v) => {
      try { localStorage.setItem(key, JSON.stringify(v)); } catch (e) { /* not stored */ }
      document.dispatchEvent(new Event('aula:progress'));
    };

    const fbOf = (f) => $('.quiz-feedback', f), isDone = (f) => f.matches('.is-done');
    const controls = (f) => $$('input, select, .quiz-move', f);
    const qOf = (e) => e.target.closest('.quiz-question');
    const needsCheck = (f) => !['single', 'true_false'].includes(f.dataset.kind);

    // The up button of the first item and the down button of the last do nothing.
    const edges = (f) => $$('.quiz-item', f).forEach((li, i, a) => {
      const [up, down] = $$('.quiz-move', li);
      up.setAttribute('aria-disabled', i === 0);
      down.setAttribute('aria-disabled', i === a.length - 1);
    });

    const reset = (f) => {
      f.className = 'quiz-question';
      delete f.dataset.moved;
      controls(f).forEach((c) => { c.disabled = false; });
      $$('.quiz-options input', f).forEach((i) => { i.checked = false; });
      $$('select, .quiz-answer input', f).forEach((i) => { i.value = ''; });
      $$('.is-right, .is-wrong, .is-missed', f).forEach((o) => o.classList.remove('is-right', 'is-wrong', 'is-missed'));
      $$('.quiz-mark', f).forEach((m) => m.remove());
      $('.quiz-missing', f).hidden = true;
      fbOf(f).hidden = true;
      fbOf(f).textContent = '';
      const ol = $('.quiz-order', f);
      if (ol) {
        // Never in the right order, or there would be nothing to do.
        const items = shuffled($$('.quiz-item', ol)), right = Q(f).correct;
        if (items.every((li, i) => li.dataset.item === right[i])) items.push(items.shift());
        items.forEach((li) => ol.append(li));
        edges(f);
      }
      const c = $('.quiz-check', f);
      c.hidden = !(instant() && needsCheck(f));
      c.disabled = false;
    };

    // The right answer in words, for a question not fully right.
    const solution = (f, q) => {
      if (q.kind === 'order') {
        const texts = new Map($$('.quiz-item', f).map((li) => [li.dataset.item, $('.quiz-item-text', li).innerHTML]));
        const d = el('div', 'quiz-solution'), ol = el('ol', '');
        d.append(el('p', 'quiz-solution-title', t('right_order')), ol);
        q.correct.forEach((id) => { const li = el('li', ''); li.innerHTML = texts.get(id); ol.append(li); });
        return d;
      }
      if (q.kind === 'short' && q.accept.length) return el('p', 'quiz-solution', t('right_answer', { answer: q.accept[0] }));
      if (q.kind === 'numeric') {
        const answer = num(q.answer) + (q.tolerance ? ' ± ' + num(q.tolerance) : '');
        return el('p', 'quiz-solution', t('right_answer', { answer }));
      }
      return null;
    };

    // Marks one question in words and icons, shows its feedback, locks it.
    const mark = (f) => {
      const q = Q(f), v = valueOf(f), got = score(q, v), fb = fbOf(f);
      const verdict = got >= q.points ? 'correct' : got > 0 ? 'partial' : 'incorrect';
      fb.textContent = '';
      fb.append(withIcon('p', 'quiz-verdict', verdict === 'correct', t(verdict)));
      fb.lastChild.append(el('span', 'quiz-points', ' · ' + t('points', { got: num(got), total: num(q.points) })));
      // feedback of the picked options (named if several can be picked), then the rest
      $$('.quiz-options input', f).forEach((i) => {
        const note = i.checked && (q.feedback || {})[i.value];
        if (note) fb.append(html('quiz-option-feedback', note, q.kind === 'multiple' && i.labels[0].textContent.trim()));
      });
      if (got < q.points) {
        const right = solution(f, q);
        if (right) fb.append(right);
        if (q.wrong) fb.append(html('quiz-option-feedback', q.wrong));
      }
      if (q.explanation) fb.append(html('quiz-explanation', q.explanation, t('explanation')));
      $$('.quiz-options input', f).forEach((i) => {
        const ok = q.correct.includes(i.value), kind = i.checked ? (ok ? 'right' : 'wrong') : 'missed';
        if (!i.checked && !ok) return;
        i.parentNode.classList.add('is-' + kind);
        i.labels[0].append(withIcon('span', 'quiz-mark', ok, t('mark_' + kind)));
      });
      $$('.quiz-item', f).forEach((li, i) => {
        const ok = li.dataset.item === q.correct[i];
        li.classList.add(ok ? 'is-right' : 'is-wrong');
        $('.quiz-item-text', li).append(withIcon('span', 'quiz-mark', ok, t(ok ? 'in_place' : 'out_of_place')));
      });
      $$('.quiz-pair', f).forEach((p, i) => {
        const ok = v[i] === q.correct[i], s = $('select', p);
        const right = [...s.options].find((o) => o.value === q.correct[i]);
        p.classList.add(ok ? 'is-right' : 'is-wrong');
        p.append(withIcon('span', 'quiz-mark', ok, ok ? t('mark_right') : t('mark_wrong') + ' · ' + t('right_answer', { answer: right ? right.text : '' })));
      });
      const typed = $('.quiz-answer', f);
      if (typed) {
        typed.classList.add(got >= q.points ? 'is-right' : 'is-wrong');
        typed.append(withIcon('span', 'quiz-mark', got >= q.points, t(got >= q.points ? 'mark_right' : 'mark_wrong')));
      }
      controls(f).forEach((c) => { c.disabled = true; });
      f.classList.add('is-done', 'is-' + verdict);
      fb.hidden = false;
      $('.quiz-check', f).hidden = true;
    };

    const attemptsText = () => (limit ? used < limit ? t('attempts_used', { n: used, total: limit }) : t('no_attempts', { n: limit }) : '');
    // "Your best score: X % · Passed", and the attempts used
    const showBest = () => {
      const v = load();
      best.textContent = [v && t('best_score', { percent: v.best }) + ' · ' + pf(v.passed), used ? attemptsText() : '']
        .filter(Boolean).join(' · ');
      best.hidden = !best.textContent;
    };

    // "7 of 11 answered", while answering everything before submitting.
    const progress = () => {
      shown.forEach((f) => { if (answered(f)) { $('.quiz-missing', f).hidden = true; f.classList.remove('is-unanswered'); } });
      if (!count) return;
      count.hidden = instant() || shown.every(isDone);
      count.textContent = t('answered', { n: shown.filter(answered).length, total: shown.length });
    };

    // Scores the attempt; a counted one is stored, unless it is the stored one shown again.
    const finish = (again) => {
      const total = shown.reduce((s, f) => s + Q(f).points, 0);
      const got = shown.reduce((s, f) => s + score(Q(f), valueOf(f)), 0);
      if (submit) submit.hidden = true;
      progress();
      status.textContent = '';
      retry.hidden = false;
      if (!counted()) {
        if (mode === 'practice') status.append(el('p', 'quiz-score-practice', t('practice_result', { got: num(got), total: num(total) })));
        return;
      }
      const percent = total ? Math.floor(got * 100 / total + 1e-9) : 0, passed = percent >= data.pass;
      const prev = load() || {};
      if (!again) {
        used = Math.max(used, prev.attempts || 0) + 1;
        const answers = Object.fromEntries(shown.map((f) => [f.dataset.question, valueOf(f)]));
        save({ best: Math.max(percent, prev.best || 0), last: percent, attempts: used, passed: !!prev.passed || passed, answers, order: shown.map((f) => f.dataset.question) });
      }
      const line = withIcon('p', 'quiz-passfail is-' + (passed ? 'passed' : 'failed'), passed, pf(passed));
      line.append(' · ' + t('points', { got: num(got), total: num(total) }) + ' · ' + T.pass_mark + ': ' + data.pass + ' %');
      status.append(el('h2', 'quiz-result-title', t(again ? 'last_attempt' : 'result')), el('p', 'quiz-score', t('your_score', { percent })), line,
        el('p', '', t('best_score', { percent: Math.max(percent, prev.best || 0) })));
      if (limit) status.append(el('p', 'quiz-attempts', attemptsText()));
      showBest();
      retry.hidden = limit && used >= limit;
    };

    // No attempt left: the questions stay readable, nothing can be answered. Undone by
    // start(), as practice stays open (disabled move buttons are hidden by the CSS).
    const lock = () => {
      $$('input, select, button', form).forEach((c) => { c.disabled = true; });
      $$('.quiz-submit, .quiz-check', form).forEach((b) => { b.hidden = true; });
      if (count) count.hidden = true;
    };

    // Starts an attempt: draw, shuffle, number and clear the questions, or lay out the
    // stored attempt `saved` again.
    const start = (saved) => {
      const pickOf = (f) => (f.parentNode === list ? f : f.closest('.quiz-group'));
      let pool = picks;
      if (saved) {
        pool = [...new Set(saved.order.map((id) => all.find((f) => f.dataset.question === id)).map(pickOf))];
      } else {
        if (data.draw && data.draw < picks.length) {
          const drawn = shuffled(picks).slice(0, data.draw);
          pool = picks.filter((p) => drawn.includes(p));
        }
        if (data.shuffle === 'all') pool = shuffled(pool);
      }
      picks.forEach((p) => { p.hidden = !pool.includes(p); });
      pool.concat(picks.filter((p) => p.hidden)).forEach((p) => list.append(p));
      shown = pool.flatMap((p) => (p.matches('.quiz-question') ? [p] : $$('.quiz-question', p)));
      all.forEach(reset);
      shown.forEach((f, i) => {
        $('.quiz-num', f).textContent = i + 1 + '.';
        const box = $('.quiz-options', f);
        if (box && data.shuffle !== 'no' && !saved) {
          const opts = $$('.quiz-option', box), fixed = (o) => o.hasAttribute('data-fixed');
          const free = shuffled(opts.filter((o) => !fixed(o)));
          opts.map((o) => (fixed(o) ? o : free.pop())).forEach((o) => box.append(o));
        }
        $$('.quiz-letter', f).forEach((l, n) => { l.textContent = letter(n); });
      });
      $$('.quiz-group', list).forEach((g) => {
        const from = shown.indexOf($('.quiz-question', g)) + 1;
        $('.quiz-group-title', g).textContent = t('group_title', { from, to: from + $$('.quiz-question', g).length - 1 });
      });
      const total = box.id === 'quiz' && $('.quiz-total');
      if (total) total.textContent = shown.length;
      status.textContent = '';
      alert.hidden = true;
      retry.hidden = true;
      if (submit) {
        submit.hidden = instant();
        submit.disabled = false;
      }
      progress();
      if (counted() && limit && used >= limit) lock();
    };

    // Instant marking: one question; the attempt once all are done.
    const commit = (f) => {
      if (!f || isDone(f)) return;
      if (answered(f)) {
        mark(f);
        if (shown.every(isDone)) finish();
      } else {
        fbOf(f).textContent = t(need[f.dataset.kind] || 'pick_one');
        fbOf(f).hidden = false;
      }
      fbOf(f).focus();
    };

    // Submitting: every question answered, or the unanswered ones are pointed out, with
    // the message in view above the first, which takes the focus.
    const send = () => {
      const open = shown.filter((f) => !answered(f));
      shown.forEach((f) => {
        $('.quiz-missing', f).hidden = !open.includes(f);
        f.classList.toggle('is-unanswered', open.includes(f));
      });
      if (open.length) {
        open[0].before(alert);
        alert.textContent = t('unanswered', { n: open.length });
        alert.hidden = false;
        controls(open[0])[0].focus({ preventScroll: true });
        alert.scrollIntoView({ block: 'start' });
        return;
      }
      alert.hidden = true;
      shown.forEach(mark);
      finish();
      (retry.hidden ? status : retry).focus();
    };

    const move = (b) => {
      const li = b.closest('.quiz-item'), f = b.closest('.quiz-question'), up = +b.dataset.move < 0;
      const other = up ? li.previousElementSibling : li.nextElementSibling;
      if (!other || isDone(f)) return;
      if (up) other.before(li); else other.after(li);
      f.dataset.moved = '1';
      b.focus();
      const items = $$('.quiz-item', f);
      $('.quiz-moved', f).textContent = t('moved', { item: $('.quiz-item-text', li).textContent.trim(), n: items.indexOf(li) + 1, total: items.length });
      edges(f);
      progress();
    };

    // Arrow keys select radios as they move: in instant marking such a pick waits for
    // Enter, Space or Check. A click, a tap or Space on a new option counts at once. Enter
    // never submits: in a text box that would send the attempt by accident.
    form.addEventListener('keydown', (e) => {
      if (e.key.startsWith('Arrow')) arrow = true;
      if (e.key !== 'Enter' || !e.target.matches('input')) return;
      e.preventDefault();
      if (instant()) commit(qOf(e));
    });
    form.addEventListener('keyup', (e) => {
      if (e.key.startsWith('Arrow')) arrow = false;
      if (instant() && e.key === ' ' && e.target.matches('[type=radio]:checked')) commit(qOf(e));
    });
    form.addEventListener('change', (e) => {
      progress();
      if (!instant() || e.target.type !== 'radio') return;
      if (arrow) $('.quiz-check', qOf(e)).hidden = false;
      else commit(qOf(e));
    });
    form.addEventListener('input', progress);
    form.addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (b && b.matches('.quiz-check')) commit(qOf(e));
      if (b && b.matches('.quiz-move')) move(b);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!instant()) send();
    });
    retry.addEventListener('click', () => {
      start();
      form.scrollIntoView();
      controls(shown[0])[0].focus({ preventScroll: true });
    });
    if (modes) {
      modes.hidden = false;
      modes.addEventListener('change', (e) => { mode = e.target.value; start(); showBest(); });
    }

    const v = load();
    used = v && +v.attempts || 0;
    // After a reload, the last attempt as it was answered, marked, with its result.
    let again = false;
    if (v && v.answers && Array.isArray(v.order) && counted()) {
      try {
        start(v);
        shown.forEach((f) => setValue(f, v.answers[f.dataset.question]));
        shown.forEach(mark);
        finish(true);
        again = true;
      } catch (e) { /* an older format: start afresh */ }
    }
    if (!again) start();
    showBest();
    form.classList.add('is-ready');
  }
})();
