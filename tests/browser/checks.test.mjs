// Browser tests of checks inside a lesson (a ```quiz block, themes/aula/templates/check.html +
// assets/quiz.js): what a learner sees and can do, in Debian's headless Chromium, served under
// `Content-Security-Policy: default-src 'self'`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { axeViolations, build, makeCourse, servedSite, watchErrors, readToEnd } from './helpers.mjs';

// Two checks that both name their first question `q`: their ids on the page must not meet.
const LESSON = `+++
title = "Los momentos de verdad"
+++

Un **momento de verdad** es cada contacto del cliente con la empresa.

## Qué es

Antes de la primera comprobación.

\`\`\`quiz
[[questions]]
id = "q"
prompt = "¿El servicio es *intangible*?"
answer = true
explanation = "No se puede tocar antes de recibirlo."

[[questions]]
id = "momento"
prompt = "¿Qué es un momento de verdad?"
[[questions.options]]
text = "Cada contacto del cliente con la empresa"
correct = true
[[questions.options]]
text = "El cierre contable del mes"
feedback = "No: eso no toca al cliente."
\`\`\`

## Después

Entre las comprobaciones.

\`\`\`quiz
[[questions]]
id = "q"
prompt = "¿Un servicio se puede almacenar?"
answer = false
explanation = "Se consume mientras se produce."

[[questions]]
id = "rasgos"
type = "multiple"
prompt = "¿Qué rasgos tiene un servicio?"
[[questions.options]]
text = "Intangible"
correct = true
[[questions.options]]
text = "Inseparable"
correct = true
[[questions.options]]
text = "Almacenable"
\`\`\`

Fin de la lección.
`;

const QUIZ = `title = "Evaluación"
mode = "submit"

[[questions]]
id = "final"
prompt = "¿Terminaste el módulo?"
answer = true
`;

const shared = servedSite(() => build(makeCourse({
  'content/_index.md': '+++\ntitle = "Curso"\n+++\n\nBienvenida.\n',
  'content/01-m/_index.md': '+++\ntitle = "Módulo"\n+++\n\nIntroducción.\n',
  'content/01-m/01-momentos.md': LESSON,
  'content/01-m/quiz.toml': QUIZ,
})));

/** Opens the lesson in a fresh context; `done()` asserts that nothing was logged as an error. */
async function open({ width = 1280, colorScheme = 'light', path = 'm/momentos.html', url } = {}) {
  const context = await shared.browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const p = await context.newPage();
  const errors = watchErrors(p);
  p.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await p.goto(url || shared.server.url + path);
  if (path.endsWith('momentos.html')) await p.locator('form.quiz.is-ready').nth(1).waitFor();
  return {
    page: p,
    done: async () => {
      assert.deepEqual(errors, [], 'no console error, page error or CSP violation');
      await context.close();
    },
  };
}

const check = (p, n) => p.getByRole('group', { name: 'Comprueba lo aprendido' }).nth(n);
const question = (c, prompt) => c.getByRole('group', { name: prompt });
const text = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();
const stored = (p) => p.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));

test('each check sits where it was written and marks each answer at once', async () => {
  const { page: p, done } = await open();
  assert.equal(await p.locator('.quiz-box').count(), 2);
  const order = await p.locator('.prose > p, .prose > h2, .prose > .check').evaluateAll((els) => els.map((e) => e.className || e.textContent.trim()));
  assert.deepEqual(order.slice(1), ['Qué es#', 'Antes de la primera comprobación.', 'check', 'Después#', 'Entre las comprobaciones.', 'check', 'Fin de la lección.']);

  const first = check(p, 0), second = check(p, 1);
  const intangible = question(first, /intangible/);
  await intangible.getByLabel('Verdadero').check();
  assert.match(await text(intangible.locator('.quiz-feedback')), /^Correcto · Puntos: 1 de 1.*No se puede tocar antes de recibirlo\./);
  assert.ok(await intangible.getByLabel('Falso').isDisabled(), 'the answer is locked');
  // The other check, whose first question has the same id, is untouched.
  const almacenar = question(second, /almacenar/);
  assert.ok(await almacenar.locator('.quiz-feedback').isHidden());
  assert.ok(await almacenar.getByLabel('Verdadero').isEnabled());

  const momento = question(first, /momento de verdad/);
  await momento.getByLabel('El cierre contable del mes').check();
  const mark = await text(momento.locator('.quiz-feedback'));
  assert.match(mark, /^Incorrecto · Puntos: 0 de 1/);
  assert.match(mark, /No: eso no toca al cliente\./);
  assert.match(await text(momento), /Cada contacto del cliente con la empresa Respuesta correcta \(no elegida\)/);

  // A multiple-answer question waits for its button.
  const rasgos = question(second, /rasgos/);
  await rasgos.getByLabel('Intangible').check();
  await rasgos.getByLabel('Inseparable').check();
  assert.ok(await rasgos.locator('.quiz-feedback').isHidden());
  await rasgos.getByRole('button', { name: 'Comprobar' }).click();
  assert.match(await text(rasgos.locator('.quiz-feedback')), /^Correcto/);
  await done();
});

test('a check stores nothing and leaves the module quiz as it was', async () => {
  const { page: p, done } = await open();
  await readToEnd(p); // the lesson's own visit is stored, the checks' answers are not
  const before = await stored(p);
  await question(check(p, 0), /intangible/).getByLabel('Verdadero').check();
  await question(check(p, 0), /momento de verdad/).getByLabel('Cada contacto del cliente con la empresa').check();
  await question(check(p, 1), /almacenar/).getByLabel('Falso').check();
  const rasgos = question(check(p, 1), /rasgos/);
  await rasgos.getByLabel('Intangible').check();
  await rasgos.getByRole('button', { name: 'Comprobar' }).click();
  assert.match(await text(rasgos.locator('.quiz-feedback')), /^Incorrecto/);
  // Every question of both checks answered: still nothing written, and only the points, no
  // percent or pass to count.
  assert.deepEqual(await stored(p), before, 'localStorage is as it was before answering');
  assert.deepEqual(await p.locator('.quiz-result').allInnerTexts(), ['Puntos: 2 de 2', 'Puntos: 1 de 2']);
  for (const c of [0, 1]) assert.ok(await check(p, c).getByRole('button', { name: 'Intentar de nuevo' }).isVisible());

  // The module's quiz: not taken, in the sidebar, on the module page and on its own page.
  const isDone = (a) => a.evaluate((e) => e.classList.contains('is-done'));
  assert.equal(await isDone(p.locator('nav.sidebar a[data-quiz-key]')), false);
  assert.equal(await isDone(p.locator('nav.sidebar a[aria-current="page"]')), true, 'the lesson itself is visited');
  await p.goto(shared.server.url + 'm/index.html');
  const status = p.locator('.item', { has: p.locator('a[data-quiz-key]') }).locator('[data-status]');
  assert.equal(await text(status), 'Sin intentar');
  await p.goto(shared.server.url + 'm/quiz.html');
  await p.locator('form.quiz.is-ready').waitFor();
  assert.ok(await p.locator('.quiz-best').isHidden(), 'no best score: the checks did not count');
  const key = JSON.parse(await p.locator('.quiz-data').textContent()).key;
  assert.equal(await p.evaluate((k) => localStorage.getItem(k), key), null);
  await done();
});

test('a check with the keyboard alone', async () => {
  const { page: p, done } = await open();
  const active = () => p.evaluate(() => {
    const a = document.activeElement;
    return a.labels?.[0]?.textContent.replace(/\s+/g, ' ').trim() ?? a.textContent.trim();
  });
  for (let i = 0; i < 80 && !(await p.evaluate(() => !!document.activeElement.closest('.check'))); i++) await p.keyboard.press('Tab');
  assert.equal(await active(), 'A Verdadero', 'Tab reaches the first check\'s first option');
  const intangible = question(check(p, 0), /intangible/);
  await p.keyboard.press('Space');
  assert.match(await text(intangible.locator('.quiz-feedback')), /^Correcto/);
  await p.keyboard.press('Tab');
  assert.equal(await active(), 'A Cada contacto del cliente con la empresa');
  await p.keyboard.press('ArrowDown'); // provisional: arrows move without answering
  const momento = question(check(p, 0), /momento de verdad/);
  assert.ok(await momento.locator('.quiz-feedback').isHidden());
  await p.keyboard.press('Enter');
  assert.match(await text(momento.locator('.quiz-feedback')), /^Incorrecto/);
  // On to the second check, past the first one's retry button.
  for (let i = 0; i < 20 && !(await p.evaluate(() => document.activeElement.closest('.check') === document.querySelectorAll('.check')[1])); i++) await p.keyboard.press('Tab');
  assert.equal(await active(), 'A Verdadero');
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('Space');
  assert.match(await text(question(check(p, 1), /almacenar/).locator('.quiz-feedback')), /^Correcto/);
  await done();
});

test('checks work when the lesson is opened from file://', async () => {
  const { page: p, done } = await open({ url: pathToFileURL(join(shared.dir, 'm', 'momentos.html')).href });
  assert.ok(p.url().startsWith('file://'));
  const intangible = question(check(p, 0), /intangible/);
  await intangible.getByLabel('Falso').check();
  assert.match(await text(intangible.locator('.quiz-feedback')), /^Incorrecto/);
  await done();
});

test('without JavaScript a check\'s questions are readable and a notice says why nothing is marked', async () => {
  const context = await shared.browser.newContext({ javaScriptEnabled: false });
  const p = await context.newPage();
  await p.goto(shared.server.url + 'm/momentos.html');
  assert.equal(await p.locator('.quiz-nojs').count(), 2);
  assert.ok(await p.locator('.quiz-nojs').first().isVisible());
  assert.ok(await p.getByText('¿El servicio es intangible?').isVisible());
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [1280, 375]) {
    test(`axe finds no violations in a lesson with checks, ${colorScheme}, ${width} px`, async () => {
      const { page: p, done } = await open({ width, colorScheme });
      const found = (await axeViolations(p)).map((v) => `unanswered: ${v}`);
      // Marked right and wrong, with feedback and retry buttons.
      await question(check(p, 0), /intangible/).getByLabel('Falso').check();
      await question(check(p, 0), /momento de verdad/).getByLabel('Cada contacto del cliente con la empresa').check();
      const rasgos = question(check(p, 1), /rasgos/);
      await rasgos.getByLabel('Almacenable').check();
      await rasgos.getByRole('button', { name: 'Comprobar' }).click();
      found.push(...(await axeViolations(p)).map((v) => `answered: ${v}`));
      assert.deepEqual(found, []);
      await done();
    });
  }
}

test('the print page shows each check as a worksheet where it stands, without the form', async () => {
  const { page: p, done } = await open({ path: 'print.html' });
  const lesson = p.locator('section.print-lesson', { has: p.getByRole('heading', { name: 'Los momentos de verdad' }) });
  const sheets = lesson.locator('.print-check');
  assert.equal(await sheets.count(), 2);
  const first = await text(sheets.nth(0));
  assert.match(first, /^Comprueba lo aprendido/);
  assert.match(first, /¿El servicio es intangible\? A\. Verdadero B\. Falso/);
  assert.match(first, /¿Qué es un momento de verdad\? A\. Cada contacto del cliente con la empresa B\. El cierre contable del mes/);
  assert.doesNotMatch(first, /No se puede tocar antes de recibirlo/, 'a worksheet has no answers');
  assert.match(await text(sheets.nth(1)), /¿Un servicio se puede almacenar\?/);
  const prose = await text(lesson);
  assert.ok(prose.indexOf('Antes de la primera comprobación.') < prose.indexOf('¿El servicio es intangible?'));
  assert.ok(prose.indexOf('¿El servicio es intangible?') < prose.indexOf('Entre las comprobaciones.'));
  assert.equal(await p.locator('.quiz-box, form.quiz').count(), 0, 'nothing to click on paper');
  assert.deepEqual(await axeViolations(p), []);
  await done();
});
