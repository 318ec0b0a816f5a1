// aula quiz, for each .quiz-box (a quiz page, a lesson's checks). No dependency, no network.
// Learners download every byte: comments are short, ARCHITECTURE.md has the rest.
(() => {
  const $ = (s, e = document) => e.querySelector(s), $$ = (s, e = document) => [...e.querySelectorAll(s)];
  let T = {};
  try { T = JSON.parse($('#aula-strings').textContent) || {}; } catch (e) { /* show keys */ }
  const t = (k, v = {}) => Object.keys(v).reduce((s, n) => s.split('{' + n + '}').join(v[n]), String(T['quiz_' + k] ?? k));
  const num = (x) => (+x.toFixed(2)).toLocaleString(document.documentElement.lang || undefined);
  const el = (tag, cls, text, markup) => {
    const e = document.createElement(tag);
    e.className = cls;
    if (text != null) e.textContent = text;
    if (markup != null) e.innerHTML = markup;
    return e;
  };
  const html = (cls, markup, title) => {
    const d = el('div', cls, null, markup);
    if (title) d.prepend(el('p', cls + '-title', title));
    return d;
  };
  // A tick or a cross (not read aloud), then words.
  const icon = (tag, cls, ok, text) => {
    const e = el(tag, cls, null, `<svg viewBox="0 0 24 24" aria-hidden="true" class="quiz-icon"><path d="${ok ? 'M4 12.5l5 5L20 6.5' : 'M6 6l12 12M18 6L6 18'}"/></svg> `);
    e.append(el('span', '', text));
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
  // Typed answers compare without case, accents, punctuation or extra spaces.
  const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\p{P}\p{S}]/gu, '').replace(/\s+/g, ' ').trim();
  // "18,5", "1.234,5", "1,234.5", "−3": the last separator is the decimal one unless it repeats.
  const toNumber = (s) => {
    s = s.replace(/[\s'\u00a0\u202f]/g, '').replace(/^\u2212/, '-');
    const d = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    s = s.split(d).length > 2 ? s.split(d).join('') : s.split(d === ',' ? '.' : ',').join('').replace(',', '.');
    return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? parseFloat(s) : null;
  };
  const matches = (q, v) => {
    try {
      const r = q.pattern && new RegExp(q.pattern, 'iu');
      return !!r && (r.test(v.trim().replace(/\s+/g, ' ')) || r.test(fold(v)));
    } catch (e) { return false; }
  };
  const kind = (f) => f.dataset.kind, typed = (f) => ['short', 'numeric'].includes(kind(f));
  // The answer as stored (README, Themes)
  const valueOf = (f) => (kind(f) === 'order' ? $$('.quiz-item', f).map((li) => li.dataset.item)
    : kind(f) === 'match' ? $$('select', f).map((s) => s.value)
      : typed(f) ? $('.quiz-answer input', f).value
        : $$('.quiz-options input', f).filter((i) => i.checked).map((i) => i.value));
  const setValue = (f, v) => {
    if (v == null) return;
    if (kind(f) === 'order') {
      const ol = $('.quiz-order', f), items = $$('.quiz-item', ol);
      v.forEach((id) => { const li = items.find((i) => i.dataset.item === id); if (li) ol.append(li); });
      f.dataset.moved = '1';
    } else if (kind(f) === 'match') $$('select', f).forEach((s, i) => { s.value = v[i] || ''; });
    else if (typed(f)) $('.quiz-answer input', f).value = String(v);
    else $$('.quiz-options input', f).forEach((i) => { i.checked = v.includes(i.value); });
  };
  // An order question is never shown in order, so it is answered once an item has moved.
  const answered = (f, v = valueOf(f)) => (kind(f) === 'order' ? f.dataset.moved === '1'
    : kind(f) === 'match' ? v.every(Boolean) : typed(f) ? v.trim() !== '' : v.length > 0);
  // Partial: multiple +1 per right pick, -1 per wrong one, floor 0; order and match the share in place.
  const score = (q, v) => {
    const all = (ok) => (ok ? q.points : 0), share = (n) => Math.max(0, n) / q.correct.length * q.points;
    if (q.kind === 'short') return all((fold(v) !== '' && q.accept.some((a) => fold(a) === fold(v))) || matches(q, v));
    if (q.kind === 'numeric') {
      const x = toNumber(v);
      return all(x !== null && Math.abs(x - q.answer) <= q.tolerance + 1e-9 * Math.max(1, Math.abs(q.answer)));
    }
    const placed = q.kind === 'order' || q.kind === 'match';
    const right = placed ? v.filter((x, i) => x === q.correct[i]).length : v.filter((x) => q.correct.includes(x)).length;
    const wrong = placed ? 0 : v.length - right;
    return q.scoring === 'partial' ? share(right - wrong) : all(!wrong && right === q.correct.length);
  };

  $$('.quiz-box').forEach((box) => {
    let data;
    try { data = JSON.parse($('.quiz-data', box).textContent); } catch (e) { return; }
    const form = $('form.quiz', box), byId = new Map(data.questions.map((q) => [q.id, q])), Q = (f) => byId.get(f.dataset.question);
    const list = $('.quiz-questions', form), all = $$('.quiz-question', form), picks = [...list.children];
    const submit = $('.quiz-submit', form), count = $('.quiz-count', form), alert = $('.quiz-alert', form);
    const status = $('.quiz-result', box), retry = $('.quiz-retry', box), best = $('.quiz-best', box), modes = $('.quiz-mode', box);
    const key = data.key, limit = data.attempts || 0, pf = (ok) => t(ok ? 'passed' : 'not_passed');
    let shown = [], arrow = false, used = 0;
    // practice is instant and never counted, exam is submit
    let mode = data.mode === 'both' ? ($('input:checked', modes) || {}).value || 'exam' : data.mode;
    const instant = () => mode === 'instant' || mode === 'practice', counted = () => !!key && mode !== 'practice';

    // Storage may be off (file://, privacy).
    const load = (k = key) => {
      try {
        const v = k && JSON.parse(localStorage.getItem(k));
        return v && typeof v.best === 'number' ? v : null;
      } catch (e) { return null; }
    };
    // Kept under an earlier version's key, whose answers or pass mark differ: shown, not counted.
    const earlier = () => {
      const at = key && key.lastIndexOf(':') + 1;
      try {
        for (let i = 0, k; at && (k = localStorage.key(i)); i++) if (k !== key && k.slice(0, at) === key.slice(0, at)) return load(k);
      } catch (e) { /* off */ }
    };
    const save = (v) => {
      try { localStorage.setItem(key, JSON.stringify(v)); } catch (e) { /* not stored */ }
      document.dispatchEvent(new Event('aula:progress')); // aula.js ticks the sidebar
    };

    const fbOf = (f) => $('.quiz-feedback', f), isDone = (f) => f.matches('.is-done');
    const controls = (f) => $$('input, select, .quiz-move', f), qOf = (e) => e.target.closest('.quiz-question');
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
      $('.quiz-missing', f).hidden = fbOf(f).hidden = true;
      fbOf(f).textContent = '';
      const ol = $('.quiz-order', f), c = $('.quiz-check', f);
      if (ol) {
        const items = shuffled($$('.quiz-item', ol)), right = Q(f).correct;
        if (items.every((li, i) => li.dataset.item === right[i])) items.push(items.shift());
        ol.append(...items);
        edges(f);
      }
      c.hidden = !instant() || ['single', 'true_false'].includes(kind(f));
      c.disabled = false;
    };

    const solution = (f, q) => {
      if (q.kind === 'order') {
        const d = el('div', 'quiz-solution'), ol = el('ol', '');
        const texts = new Map($$('.quiz-item', f).map((li) => [li.dataset.item, $('.quiz-item-text', li).innerHTML]));
        q.correct.forEach((id) => ol.append(el('li', '', null, texts.get(id))));
        d.append(el('p', 'quiz-solution-title', t('right_order')), ol);
        return d;
      }
      const answer = q.kind === 'numeric' ? num(q.answer) + (q.tolerance ? ' ± ' + num(q.tolerance) : '')
        : q.kind === 'short' && q.accept[0];
      return answer ? el('p', 'quiz-solution', t('right_answer', { answer })) : null;
    };

    // Marks a question in words and icons, shows its feedback, locks it.
    const mark = (f) => {
      const q = Q(f), v = valueOf(f), got = score(q, v), fb = fbOf(f), ok = got >= q.points;
      const verdict = ok ? 'correct' : got > 0 ? 'partial' : 'incorrect', add = (e, good, text) => e.append(icon('span', 'quiz-mark', good, text));
      fb.textContent = '';
      fb.append(icon('p', 'quiz-verdict', ok, t(verdict)));
      fb.lastChild.append(el('span', 'quiz-points', ' · ' + t('points', { got: num(got), total: num(q.points) })));
      $$('.quiz-options input', f).forEach((i) => {
        const note = i.checked && (q.feedback || {})[i.value];
        if (note) fb.append(html('quiz-option-feedback', note, q.kind === 'multiple' && i.labels[0].textContent.trim()));
      });
      if (!ok) {
        const right = solution(f, q);
        if (right) fb.append(right);
        if (q.wrong) fb.append(html('quiz-option-feedback', q.wrong));
      }
      if (q.explanation) fb.append(html('quiz-explanation', q.explanation, t('explanation')));
      $$('.quiz-options input', f).forEach((i) => {
        const good = q.correct.includes(i.value), how = i.checked ? (good ? 'right' : 'wrong') : 'missed';
        if (!i.checked && !good) return;
        i.parentNode.classList.add('is-' + how);
        add(i.labels[0], good, t('mark_' + how));
      });
      $$('.quiz-item', f).forEach((li, i) => {
        const good = li.dataset.item === q.correct[i];
        li.classList.add(good ? 'is-right' : 'is-wrong');
        add($('.quiz-item-text', li), good, t(good ? 'in_place' : 'out_of_place'));
      });
      $$('.quiz-pair', f).forEach((p, i) => {
        const good = v[i] === q.correct[i], right = [...$('select', p).options].find((o) => o.value === q.correct[i]);
        p.classList.add(good ? 'is-right' : 'is-wrong');
        add(p, good, good ? t('mark_right') : t('mark_wrong') + ' · ' + t('right_answer', { answer: right ? right.text : '' }));
      });
      const box = $('.quiz-answer', f);
      if (box) {
        box.classList.add(ok ? 'is-right' : 'is-wrong');
        add(box, ok, t(ok ? 'mark_right' : 'mark_wrong'));
      }
      controls(f).forEach((c) => { c.disabled = true; });
      f.classList.add('is-done', 'is-' + verdict);
      fb.hidden = false;
      $('.quiz-check', f).hidden = true;
    };

    const attemptsText = () => (!limit ? '' : used < limit ? t('attempts_used', { n: used, total: limit }) : t('no_attempts', { n: limit }));
    const showBest = () => {
      const v = load(), o = !v && earlier();
      best.textContent = [v ? t('best_score', { percent: v.best }) + ' · ' + pf(v.passed) : o && t('earlier', { percent: o.best }), used && attemptsText()].filter(Boolean).join(' · ');
      best.hidden = !best.textContent;
    };
    const progress = () => {
      shown.filter((f) => answered(f)).forEach((f) => { $('.quiz-missing', f).hidden = true; f.classList.remove('is-unanswered'); });
      if (!count) return;
      count.hidden = instant() || shown.every(isDone);
      count.textContent = t('answered', { n: shown.filter((f) => answered(f)).length, total: shown.length });
    };

    const finish = (again) => {
      const total = shown.reduce((s, f) => s + Q(f).points, 0), got = shown.reduce((s, f) => s + score(Q(f), valueOf(f)), 0);
      const points = t('points', { got: num(got), total: num(total) });
      if (submit) submit.hidden = true;
      progress();
      status.textContent = '';
      retry.hidden = false;
      if (!counted()) return status.append(el('p', 'quiz-score-practice', mode === 'practice' ? t('practice_result', { got: num(got), total: num(total) }) : points));
      const percent = total ? Math.floor(got * 100 / total + 1e-9) : 0, passed = percent >= data.pass, prev = load() || {};
      const top = Math.max(percent, prev.best || 0);
      if (!again) {
        used = Math.max(used, prev.attempts || 0) + 1;
        const answers = Object.fromEntries(shown.map((f) => [f.dataset.question, valueOf(f)]));
        save({ best: top, last: percent, attempts: used, passed: !!prev.passed || passed, date: Date.now(), answers, order: shown.map((f) => f.dataset.question) });
      }
      const line = icon('p', 'quiz-passfail is-' + (passed ? 'passed' : 'failed'), passed, pf(passed));
      line.append(' · ' + points + ' · ' + T.pass_mark + ': ' + data.pass + ' %');
      status.append(el('h2', 'quiz-result-title', t(again ? 'last_attempt' : 'result')), el('p', 'quiz-score', t('your_score', { percent })), line,
        el('p', '', t('best_score', { percent: top })));
      if (limit) status.append(el('p', 'quiz-attempts', attemptsText()));
      showBest();
      retry.hidden = limit && used >= limit;
    };

    // A new attempt, or the stored one, `saved`, laid out again.
    const start = (saved) => {
      let pool = picks;
      if (saved) {
        const of = (id) => all.find((f) => f.dataset.question === id), pick = (f) => (f.parentNode === list ? f : f.closest('.quiz-group'));
        pool = [...new Set(saved.order.map((id) => pick(of(id))))];
      } else {
        if (data.draw && data.draw < picks.length) {
          const drawn = shuffled(picks).slice(0, data.draw);
          pool = picks.filter((p) => drawn.includes(p));
        }
        if (data.shuffle === 'all') pool = shuffled(pool);
      }
      picks.forEach((p) => { p.hidden = !pool.includes(p); });
      list.append(...pool, ...picks.filter((p) => p.hidden));
      shown = pool.flatMap((p) => (p.matches('.quiz-question') ? [p] : $$('.quiz-question', p)));
      all.forEach(reset);
      shown.forEach((f, i) => {
        $('.quiz-num', f).textContent = i + 1 + '.';
        const opts = $('.quiz-options', f);
        if (opts && data.shuffle !== 'no' && !saved) {
          const os = $$('.quiz-option', opts), fixed = (o) => o.hasAttribute('data-fixed'), free = shuffled(os.filter((o) => !fixed(o)));
          opts.append(...os.map((o) => (fixed(o) ? o : free.pop())));
        }
        $$('.quiz-letter', f).forEach((l, n) => { l.textContent = n < 26 ? String.fromCharCode(65 + n) : n + 1; });
      });
      $$('.quiz-group', list).forEach((g) => {
        const from = shown.indexOf($('.quiz-question', g)) + 1;
        $('.quiz-group-title', g).textContent = t('group_title', { from, to: from + $$('.quiz-question', g).length - 1 });
      });
      const total = box.id === 'quiz' && $('.quiz-total');
      if (total) total.textContent = shown.length;
      status.textContent = '';
      alert.hidden = retry.hidden = true;
      if (submit) {
        submit.hidden = instant();
        submit.disabled = false;
      }
      progress();
      // No attempt left: readable, not answerable; practice stays open.
      if (counted() && limit && used >= limit) {
        $$('input, select, button', form).forEach((c) => { c.disabled = true; });
        $$('.quiz-submit, .quiz-check', form).forEach((b) => { b.hidden = true; });
        if (count) count.hidden = true;
      }
    };

    const commit = (f) => {
      if (!f || isDone(f)) return;
      if (answered(f)) {
        mark(f);
        if (shown.every(isDone)) finish();
      } else {
        fbOf(f).textContent = t('need_' + kind(f));
        fbOf(f).hidden = false;
      }
      fbOf(f).focus();
    };
    // The message goes above the first unanswered question, which takes the focus.
    const send = () => {
      const open = shown.filter((f) => !answered(f));
      shown.forEach((f) => {
        const o = open.includes(f);
        f.classList.toggle('is-unanswered', o);
        $('.quiz-missing', f).hidden = !o;
      });
      if (open.length) {
        open[0].before(alert);
        alert.textContent = t('unanswered', { n: open.length });
        alert.hidden = false;
        controls(open[0])[0].focus({ preventScroll: true });
        return alert.scrollIntoView({ block: 'start' });
      }
      alert.hidden = true;
      shown.forEach(mark);
      finish();
      (retry.hidden ? status : retry).focus();
    };
    const move = (b) => {
      const li = b.closest('.quiz-item'), f = qOf({ target: b }), up = b.dataset.move < 0;
      const other = up ? li.previousElementSibling : li.nextElementSibling;
      if (!other || isDone(f)) return;
      other[up ? 'before' : 'after'](li);
      f.dataset.moved = '1';
      b.focus();
      const items = $$('.quiz-item', f);
      $('.quiz-moved', f).textContent = t('moved', { item: $('.quiz-item-text', li).textContent.trim(), n: items.indexOf(li) + 1, total: items.length });
      edges(f);
      progress();
    };

    // Arrow keys pick radios as they move: such a pick waits for Enter, Space or Check. Enter
    // never submits: from a text box that is an accident.
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
    used = (v && +v.attempts) || 0;
    // After a reload, the last attempt as it was.
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
  });
})();
