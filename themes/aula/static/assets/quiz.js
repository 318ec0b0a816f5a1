// aula quiz: scoring, feedback, shuffle/draw, retries, stored results. No dependency, no network.
(() => {
  const $ = (s, el = document) => el.querySelector(s);
  const $$ = (s, el = document) => [...el.querySelectorAll(s)];
  const form = $('#quiz');
  let data, T = {};
  try { data = JSON.parse($('#quiz-data').textContent); } catch (e) { return; }
  try { T = JSON.parse($('#aula-strings').textContent) || {}; } catch (e) { /* show keys */ }
  if (!form || !data) return;

  // UI string quiz_<k> with {placeholders} filled in
  const t = (k, v = {}) => Object.keys(v).reduce((s, n) => s.split('{' + n + '}').join(v[n]), String(T['quiz_' + k] ?? k));
  const num = (x) => (+x.toFixed(2)).toLocaleString(document.documentElement.lang || undefined);
  const key = data.key, limit = data.attempts || 0, pf = (ok) => t(ok ? 'passed' : 'not_passed');
  const byId = new Map(data.questions.map((q) => [q.id, q])), Q = (f) => byId.get(f.dataset.question);
  const list = $('.quiz-questions', form), all = $$('.quiz-question', form);
  const submit = $('.quiz-submit', form), status = $('.quiz-result'), retry = $('.quiz-retry'), best = $('.quiz-best');
  let shown = [], arrow = false, used = 0;

  // Stored {best, last, attempts, passed}. Storage may be off or refuse (file://, privacy).
  const load = () => {
    try {
      const v = JSON.parse(localStorage.getItem(key));
      return v && typeof v.best === 'number' ? v : null;
    } catch (e) { return null; }
  };
  // aula.js listens for "aula:progress" to tick the quiz in the sidebar at once.
  const save = (v) => {
    try { localStorage.setItem(key, JSON.stringify(v)); } catch (e) { /* not stored */ }
    document.dispatchEvent(new Event('aula:progress'));
  };

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
  const inputs = (f) => $$('input', f), fbOf = (f) => $('.quiz-feedback', f);
  const picks = (f) => inputs(f).filter((i) => i.checked).map((i) => i.value);
  const isDone = (f) => f.matches('.is-done');

  // Points: all or nothing, or partial (+1 right pick, -1 wrong pick, floor 0, scaled).
  const score = (q, p) => {
    const right = p.filter((x) => q.correct.includes(x)).length, wrong = p.length - right;
    if (q.kind === 'multiple' && q.scoring === 'partial') return Math.max(0, right - wrong) / q.correct.length * q.points;
    return wrong === 0 && right === q.correct.length ? q.points : 0;
  };

  const reset = (f) => {
    f.className = 'quiz-question';
    inputs(f).forEach((i) => {
      i.checked = i.disabled = false;
      i.parentNode.className = 'quiz-option';
    });
    $$('.quiz-mark', f).forEach((m) => m.remove());
    fbOf(f).hidden = true;
    fbOf(f).textContent = '';
    const check = $('.quiz-check', f);
    if (check) check.hidden = f.dataset.kind !== 'multiple';
  };

  // Marks one question in words and icons, shows its feedback, locks it.
  const mark = (f) => {
    const q = Q(f), got = score(q, picks(f)), fb = fbOf(f), check = $('.quiz-check', f);
    const verdict = got >= q.points ? 'correct' : got > 0 ? 'partial' : 'incorrect';
    fb.textContent = '';
    fb.append(withIcon('p', 'quiz-verdict', verdict === 'correct', t(verdict)));
    fb.lastChild.append(el('span', 'quiz-points', ' · ' + t('points', { got: num(got), total: num(q.points) })));
    // feedback of the picked options (named if several can be picked), then the explanation
    inputs(f).forEach((i) => {
      const note = i.checked && (q.feedback || {})[i.value];
      if (note) fb.append(html('quiz-option-feedback', note, q.kind === 'multiple' && i.labels[0].textContent.trim()));
    });
    if (q.explanation) fb.append(html('quiz-explanation', q.explanation, t('explanation')));
    inputs(f).forEach((i) => {
      const ok = q.correct.includes(i.value), kind = i.checked ? (ok ? 'right' : 'wrong') : 'missed';
      i.disabled = true;
      if (!i.checked && !ok) return;
      i.parentNode.classList.add('is-' + kind);
      i.labels[0].append(withIcon('span', 'quiz-mark', ok, t('mark_' + kind)));
    });
    f.classList.add('is-done', 'is-' + verdict);
    fb.hidden = false;
    if (check) check.hidden = true;
  };

  const attemptsText = () => (limit ? t(used < limit ? 'attempts_left' : 'no_attempts', { n: used < limit ? limit - used : limit }) : '');
  // "Your best score: X % · Passed", and the attempts left
  const showBest = (extra) => {
    const v = load();
    best.textContent = [v && t('best_score', { percent: v.best }) + ' · ' + pf(v.passed), extra]
      .filter(Boolean).join(' · ');
    best.hidden = !best.textContent;
  };

  // Scores the attempt, stores it and shows the summary.
  const finish = () => {
    const total = shown.reduce((s, f) => s + Q(f).points, 0);
    const got = shown.reduce((s, f) => s + score(Q(f), picks(f)), 0);
    const percent = total ? Math.floor(got * 100 / total + 1e-9) : 0, passed = percent >= data.pass;
    const prev = load() || {};
    used = Math.max(used, prev.attempts || 0) + 1;
    const bestPct = Math.max(percent, prev.best || 0);
    save({ best: bestPct, last: percent, attempts: used, passed: !!prev.passed || passed });
    const line = withIcon('p', 'quiz-passfail is-' + (passed ? 'passed' : 'failed'), passed, pf(passed));
    line.append(' · ' + t('points', { got: num(got), total: num(total) }) + ' · ' + T.pass_mark + ': ' + data.pass + ' %');
    status.textContent = '';
    status.append(el('h2', 'quiz-result-title', t('result')), el('p', 'quiz-score', t('your_score', { percent })), line,
      el('p', '', t('best_score', { percent: bestPct })));
    if (limit) status.append(el('p', 'quiz-attempts', attemptsText()));
    showBest(attemptsText());
    if (submit) submit.hidden = true;
    retry.hidden = limit && used >= limit;
  };

  // Starts an attempt: draw, shuffle, number and clear the questions.
  const start = () => {
    let pool = all;
    if (data.draw && data.draw < all.length) {
      const pick = shuffled(all).slice(0, data.draw);
      pool = all.filter((f) => pick.includes(f));
    }
    if (data.shuffle) pool = shuffled(pool);
    all.forEach((f) => { f.hidden = !pool.includes(f); reset(f); });
    pool.concat(all.filter((f) => f.hidden)).forEach((f) => list.append(f));
    pool.forEach((f, i) => {
      $('.quiz-num', f).textContent = i + 1 + '.';
      if (!data.shuffle) return;
      const box = $('.quiz-options', f), opts = $$('.quiz-option', box), fixed = (o) => o.hasAttribute('data-fixed');
      const free = shuffled(opts.filter((o) => !fixed(o)));
      opts.map((o) => (fixed(o) ? o : free.pop())).forEach((o) => box.append(o));
    });
    shown = pool;
    status.textContent = '';
    retry.hidden = true;
    if (submit) submit.hidden = false;
  };

  // Instant mode: score one question; the attempt once all are done.
  const commit = (f) => {
    if (!f || isDone(f)) return;
    if (picks(f).length) {
      mark(f);
      if (shown.every(isDone)) finish();
    } else {
      fbOf(f).textContent = t('pick_one');
      fbOf(f).hidden = false;
    }
    fbOf(f).focus();
  };
  const qOf = (e) => e.target.closest('.quiz-question');

  if (data.mode === 'instant') {
    // Arrow keys select radios as they move: such a pick waits for Enter, Space or Check.
    // A click, a tap or Space on a new option counts at once.
    form.addEventListener('keydown', (e) => {
      if (e.key.startsWith('Arrow')) arrow = true;
      if (e.key === 'Enter' && e.target.matches('input')) { e.preventDefault(); commit(qOf(e)); }
    });
    form.addEventListener('keyup', (e) => {
      if (e.key.startsWith('Arrow')) arrow = false;
      if (e.key === ' ' && e.target.matches('[type=radio]:checked')) commit(qOf(e));
    });
    form.addEventListener('change', (e) => {
      if (e.target.type !== 'radio') return;
      if (arrow) $('.quiz-check', qOf(e)).hidden = false;
      else commit(qOf(e));
    });
    $$('.quiz-check', form).forEach((b) => b.addEventListener('click', (e) => commit(qOf(e))));
    form.addEventListener('submit', (e) => e.preventDefault());
  } else {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const open = shown.filter((f) => !picks(f).length);
      status.textContent = '';
      if (open.length) {
        status.append(el('p', 'quiz-warning', t('unanswered', { n: open.length })));
        return inputs(open[0])[0].focus();
      }
      shown.forEach(mark);
      finish();
      (retry.hidden ? status : retry).focus();
    });
  }

  retry.addEventListener('click', () => {
    start();
    form.scrollIntoView();
    inputs(shown[0])[0].focus({ preventScroll: true });
  });

  status.tabIndex = -1;
  const v = load();
  used = v && +v.attempts || 0;
  start();
  if (limit && used >= limit) {
    // no attempt left: the questions stay readable, nothing can be answered
    $$('input', form).forEach((i) => { i.disabled = true; });
    $$('button', form).forEach((b) => { b.hidden = true; });
  }
  showBest(used ? attemptsText() : '');
  form.classList.add('is-ready');
})();
