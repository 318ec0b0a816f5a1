// Browser tests of the quiz page (themes/aula/templates/quiz.html + assets/quiz.js): what a learner
// sees and can do, in Debian's headless Chromium, served under `Content-Security-Policy: default-src 'self'`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { servedSite, STRICT_CSP, repo, buildQuizCourse, openQuiz } from './helpers.mjs';

// ---------- fixture course: one module per quiz variant ----------

const opt = (text, extra = '') => `[[questions.options]]\ntext = "${text}"\n${extra}\n`;

// Four questions worth 2 + 2 + 4 + 2 = 10 points; options in this order when not shuffled.
const BASE_QUESTIONS = `
[[questions]]
id = "capital"
type = "single"
prompt = "¿Cuál es la capital de España?"
explanation = "Madrid es la capital de España desde 1561."
points = 2
${opt('Lisboa', 'feedback = "Lisboa es la capital de Portugal."')}
${opt('Madrid', 'correct = true')}
${opt('París', 'feedback = "París es la capital de Francia."')}

[[questions]]
id = "agua"
type = "true_false"
prompt = "El agua pura hierve a 100 °C al nivel del mar."
answer = true
explanation = "A una atmósfera de presión, el agua pura hierve a 100 °C."
points = 2

[[questions]]
id = "pares"
type = "multiple"
prompt = "¿Cuáles de estos números son pares?"
explanation = "Un número par es divisible entre 2."
points = 4
scoring = "partial"
${opt('2', 'correct = true')}
${opt('4', 'correct = true')}
${opt('6', 'correct = true')}
${opt('8', 'correct = true')}
${opt('3', 'feedback = "El 3 es impar."')}

[[questions]]
id = "primarios"
type = "multiple"
prompt = "¿Cuáles son los colores primarios de la luz?"
explanation = "Rojo, verde y azul (RGB)."
points = 2
${opt('Rojo', 'correct = true')}
${opt('Verde', 'correct = true')}
${opt('Azul', 'correct = true')}
${opt('Amarillo', 'feedback = "El amarillo es primario en pintura, no en la luz."')}
`;

// Six single questions, each ending with a fixed option.
const POOL = Array.from({ length: 6 }, (_, i) => `
[[questions]]
id = "p${i + 1}"
type = "single"
prompt = "Pregunta número ${i + 1} del banco"
${opt(`Respuesta buena ${i + 1}`, 'correct = true')}
${opt(`Respuesta mala ${i + 1}`)}
${opt(`Otra respuesta ${i + 1}`)}
${opt('Ninguna de las anteriores', 'fixed = true')}
`).join('');

const quiz = (head, questions) => `title = "Evaluación"\ndescription = "Cuestionario de prueba."\npass = 70\n${head}\n${questions}`;

const MODULES = {
  submit: quiz('mode = "submit"\nshuffle = false\nattempts = 0', BASE_QUESTIONS),
  instant: quiz('mode = "instant"\nshuffle = false\nattempts = 0', BASE_QUESTIONS),
  draw: quiz('mode = "submit"\nshuffle = true\ndraw = 3\nattempts = 0', POOL),
  limited: quiz('mode = "submit"\nshuffle = false\nattempts = 2', BASE_QUESTIONS),
};

const fixture = () => buildQuizCourse(MODULES);

// ---------- shared browser, new context per test ----------

const shared = servedSite(fixture);

const open = (name, options) => openQuiz(shared, name, options);

const group = (p, prompt) => p.getByRole('group', { name: prompt });
// An option by its text: its label starts with its letter, "B 4".
const choice = (scope, text) => scope.getByLabel(new RegExp(`^[A-Z] ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
const result = (p) => p.locator('.quiz-result');
const text = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();

async function answerAllCorrect(p) {
  await p.getByLabel('Madrid').check();
  await p.getByLabel('Verdadero').check();
  for (const n of ['2', '4', '6', '8']) await choice(group(p, /números son pares/), n).check();
  for (const c of ['Rojo', 'Verde', 'Azul']) await p.getByLabel(c).check();
}

async function answerAllWrong(p) {
  await p.getByLabel('Lisboa').check();
  await p.getByLabel('Falso').check();
  await choice(group(p, /números son pares/), '3').check();
  await p.getByLabel('Amarillo').check();
}

const submit = (p) => p.getByRole('button', { name: 'Enviar respuestas' }).click();

// ---------- tests ----------

test('all answers correct: 100 % and passed', async () => {
  const { page: p, done } = await open('submit');
  await answerAllCorrect(p);
  await submit(p);
  const summary = await text(result(p));
  assert.match(summary, /Tu nota: 100 %/);
  assert.match(summary, /Aprobada/);
  assert.doesNotMatch(summary, /No aprobada/);
  assert.match(summary, /Puntos: 10 de 10/);
  // every question says so, in words
  for (const q of ['capital', 'agua', 'pares', 'primarios']) {
    assert.match(await text(p.locator(`#q-${q} .quiz-feedback`)), /^Correcto/);
  }
  assert.match(await text(p.locator('#q-capital .quiz-feedback')), /Madrid es la capital de España desde 1561/);
  await done();
});

test('wrong answers: their feedback is shown, the right answer is pointed out, and the quiz is failed', async () => {
  const { page: p, done } = await open('submit');
  await answerAllWrong(p);
  await submit(p);
  const summary = await text(result(p));
  assert.match(summary, /Tu nota: 0 %/);
  assert.match(summary, /No aprobada/);
  const capital = await text(group(p, /capital de España/));
  assert.match(capital, /Lisboa Incorrecta/);
  assert.match(capital, /Madrid Respuesta correcta \(no elegida\)/);
  assert.match(capital, /Incorrecto · Puntos: 0 de 2/);
  assert.match(capital, /Lisboa es la capital de Portugal\./);
  assert.doesNotMatch(capital, /París es la capital de Francia/, 'feedback only for the picked option');
  assert.ok(await p.getByText('El 3 es impar.').isVisible());
  assert.ok(await p.getByText('El amarillo es primario en pintura, no en la luz.').isVisible());
  await done();
});

test('partial scoring on a multiple question, all-or-nothing on another', async () => {
  const { page: p, done } = await open('submit');
  await p.getByLabel('Madrid').check(); // 2 of 2
  await p.getByLabel('Verdadero').check(); // 2 of 2
  // 3 right picks and 1 wrong pick of 4 correct options: (3 - 1) / 4 × 4 points = 2 points
  for (const n of ['2', '4', '6', '3']) await choice(group(p, /números son pares/), n).check();
  // all or nothing: 2 of 3 correct colours gives 0
  for (const c of ['Rojo', 'Verde']) await p.getByLabel(c).check();
  await submit(p);
  assert.match(await text(p.locator('#q-pares .quiz-feedback')), /Parcialmente correcto · Puntos: 2 de 4/);
  assert.match(await text(p.locator('#q-primarios .quiz-feedback')), /Incorrecto · Puntos: 0 de 2/);
  assert.match(await text(p.locator('#q-pares')), /8 Respuesta correcta \(no elegida\)/);
  const summary = await text(result(p));
  assert.match(summary, /Tu nota: 60 %/); // (2 + 2 + 2 + 0) / 10
  assert.match(summary, /No aprobada/);
  assert.match(summary, /Puntos: 6 de 10/);
  await done();
});

test('unanswered questions are pointed out instead of being scored', async () => {
  const { page: p, done } = await open('submit');
  await p.getByLabel('Madrid').check();
  await submit(p);
  const alert = p.getByRole('alert');
  assert.match(await text(alert), /Sin responder: 3/);
  const box = await alert.evaluate((e) => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, innerHeight, scrollY]; });
  assert.ok(box[0] >= 0 && box[1] <= box[2], `the message is in view: ${box}`);
  assert.equal(await p.locator('.quiz-feedback:visible').count(), 0);
  assert.equal(await p.evaluate(() => document.activeElement.name), 'q-agua', 'focus on the first unanswered question');
  assert.deepEqual(await p.locator('.quiz-question:has(.quiz-missing:visible)').evaluateAll((fs) => fs.map((f) => f.dataset.question)),
    ['agua', 'pares', 'primarios'], 'each unanswered question is marked');
  await p.getByLabel('Verdadero').check();
  assert.ok(await group(p, /agua pura/).locator('.quiz-missing').isHidden(), 'answering removes its mark');
  await done();
});

test('instant mode: each answer is marked and locked at once; the summary comes at the end', async () => {
  const { page: p, done } = await open('instant');
  const capital = group(p, /capital de España/);
  await p.getByLabel('Lisboa').check();
  assert.match(await text(capital.locator('.quiz-feedback')), /^Incorrecto/);
  assert.ok(await p.getByText('Lisboa es la capital de Portugal.').isVisible());
  assert.ok(await p.getByText('Madrid es la capital de España desde 1561.').isVisible());
  for (const name of ['Lisboa', 'Madrid', 'París']) assert.ok(await capital.getByLabel(name).isDisabled(), `${name} locked`);
  assert.ok(await capital.getByLabel('Lisboa').isChecked());
  assert.equal(await text(result(p)), '', 'no summary before every question is answered');

  await p.getByLabel('Verdadero').check();
  assert.ok(await p.getByLabel('Falso').isDisabled());
  // a multiple question waits for its Check button
  const pares = group(p, /números son pares/);
  await choice(pares, '2').check();
  await choice(pares, '4').check();
  assert.ok(await pares.locator('.quiz-feedback').isHidden());
  assert.ok(await choice(pares, '6').isEnabled());
  await pares.getByRole('button', { name: 'Comprobar' }).click();
  assert.match(await text(pares.locator('.quiz-feedback')), /Parcialmente correcto · Puntos: 2 de 4/);
  assert.ok(await pares.getByLabel(/^[A-Z] 6 Respuesta correcta/).isDisabled());
  assert.ok(await pares.getByRole('button', { name: 'Comprobar' }).isHidden());

  const prim = group(p, /colores primarios/);
  for (const c of ['Rojo', 'Verde', 'Azul']) await prim.getByLabel(c).check();
  await prim.getByRole('button', { name: 'Comprobar' }).click();
  const summary = await text(result(p));
  assert.match(summary, /Tu nota: 60 %/); // (0 + 2 + 2 + 2) / 10
  assert.match(summary, /No aprobada/);
  assert.ok(await p.getByRole('button', { name: 'Intentar de nuevo' }).isVisible());
  await done();
});

test('draw and shuffle: 3 of 6 questions shown, numbered 1-3, fixed option last, new draw on retry', async () => {
  const { page: p, done } = await open('draw');
  assert.match(await text(p.locator('.quiz-meta')), /^3 preguntas/);
  const seen = new Set();
  for (let round = 0; round < 8; round++) {
    const visible = p.locator('.quiz-question:visible');
    assert.equal(await visible.count(), 3, 'exactly 3 questions visible');
    assert.deepEqual(await visible.locator('.quiz-num').allInnerTexts(), ['1.', '2.', '3.']);
    const prompts = await visible.locator('legend').allInnerTexts();
    seen.add(prompts.join('|'));
    for (let i = 0; i < 3; i++) {
      const labels = await visible.nth(i).locator('label').allInnerTexts();
      assert.equal(labels.length, 4);
      assert.equal(labels[3], 'D Ninguna de las anteriores', 'the fixed option keeps its place, lettered by position');
      assert.deepEqual(labels.map((l) => l[0]), ['A', 'B', 'C', 'D'], 'letters follow the shown order');
      await visible.nth(i).getByLabel(/Respuesta buena/).check();
    }
    await submit(p);
    const summary = await text(result(p));
    assert.match(summary, /Tu nota: 100 %/, 'only the drawn questions are scored');
    assert.match(summary, /Puntos: 3 de 3/);
    await p.getByRole('button', { name: 'Intentar de nuevo' }).click();
  }
  // 120 possible ordered draws: 8 identical rounds would mean no draw at all
  assert.ok(seen.size > 1, `draw and order change across retries (saw ${[...seen].join(' / ')})`);
  await done();
});

test('retry clears the answers; the attempt limit removes the retry button and says so', async () => {
  const { page: p, done } = await open('limited');
  assert.match(await text(p.locator('.quiz-meta')), /Intentos permitidos: 2/);
  await answerAllWrong(p);
  await submit(p);
  assert.match(await text(result(p)), /Intentos usados: 1 de 2/);
  const retry = p.getByRole('button', { name: 'Intentar de nuevo' });
  await retry.click();
  assert.equal(await text(result(p)), '');
  assert.equal(await p.locator('input:checked').count(), 0, 'answers cleared');
  assert.equal(await p.locator('input:disabled').count(), 0, 'inputs unlocked');
  assert.equal(await p.locator('.quiz-feedback:visible').count(), 0, 'feedback cleared');

  await answerAllCorrect(p);
  await submit(p);
  const summary = await text(result(p));
  assert.match(summary, /Tu nota: 100 %/);
  assert.match(summary, /Ya usaste todos los intentos permitidos: 2 de 2\./);
  assert.ok(await retry.isHidden(), 'no retry after the last attempt');

  await p.reload();
  await p.locator('form.quiz.is-ready').waitFor();
  assert.match(await text(p.locator('.quiz-best')), /Tu mejor nota: 100 %.*Ya usaste todos los intentos permitidos: 2 de 2\./);
  assert.ok(await p.getByLabel('Madrid').isDisabled(), 'no new attempt after a reload');
  assert.ok(await p.getByRole('button', { name: 'Enviar respuestas' }).isHidden());
  assert.ok(await retry.isHidden());
  await done();
});

test('the best score survives a reload and is stored in the documented format', async () => {
  const { page: p, done } = await open('submit');
  assert.ok(await p.locator('.quiz-best').isHidden(), 'nothing to show before a first attempt');
  await answerAllCorrect(p);
  await submit(p);
  await p.getByRole('button', { name: 'Intentar de nuevo' }).click();
  await answerAllWrong(p);
  await submit(p);
  assert.match(await text(result(p)), /Tu nota: 0 %.*Tu mejor nota: 100 %/);
  await p.reload();
  await p.locator('form.quiz.is-ready').waitFor();
  assert.match(await text(p.locator('.quiz-best')), /^Tu mejor nota: 100 % · Aprobada$/);
  assert.match(await text(result(p)), /^Tu último intento Tu nota: 0 %/, 'the last attempt is shown again');
  assert.ok(await p.getByLabel('Lisboa').isChecked(), 'with its answers');
  assert.match(await text(group(p, /capital de España/).locator('.quiz-feedback')), /^Incorrecto/);
  const stored = await p.evaluate(() => {
    const k = JSON.parse(document.querySelector('.quiz-data').textContent).key;
    return { k, v: JSON.parse(localStorage.getItem(k)) };
  });
  assert.match(stored.k, /^aula:[^:]+:quiz:submit\/quiz\/:/);
  const { date, ...rest } = stored.v;
  assert.ok(Math.abs(Date.now() - date) < 60_000, `the last attempt's date, ${date}, is now`);
  assert.deepEqual(rest, {
    best: 100, last: 0, attempts: 2, passed: true,
    answers: { capital: ['a'], agua: ['false'], pares: ['e'], primarios: ['d'] },
    order: ['capital', 'agua', 'pares', 'primarios'],
  });
  await p.getByRole('button', { name: 'Intentar de nuevo' }).click();
  assert.equal(await p.locator('input:checked').count(), 0, 'a new attempt starts empty');
  await done();
});

/** Presses Tab until the focus is on an input of the quiz form. */
async function tabIntoQuiz(p) {
  for (let i = 0; i < 60; i++) {
    await p.keyboard.press('Tab');
    if (await p.evaluate(() => !!document.activeElement.closest('form.quiz'))) return;
  }
  throw new Error('Tab never reached the quiz');
}
const focused = (p) => p.evaluate(() => {
  const a = document.activeElement;
  return (a.labels?.[0]?.textContent ?? a.textContent).trim().replace(/^[A-Z] /, '');
});

test('submit mode with the keyboard alone', async () => {
  const { page: p, done } = await open('submit');
  await tabIntoQuiz(p);
  assert.equal(await focused(p), 'Lisboa');
  await p.keyboard.press('ArrowDown'); // Madrid
  await p.keyboard.press('Tab');
  assert.equal(await focused(p), 'Verdadero');
  await p.keyboard.press('Space');
  for (const n of ['2', '4', '6', '8']) {
    await p.keyboard.press('Tab');
    assert.equal(await focused(p), n);
    await p.keyboard.press('Space');
  }
  await p.keyboard.press('Tab'); // 3: leave it
  for (const c of ['Rojo', 'Verde', 'Azul']) {
    await p.keyboard.press('Tab');
    assert.equal(await focused(p), c);
    await p.keyboard.press('Space');
  }
  await p.keyboard.press('Tab'); // Amarillo
  await p.keyboard.press('Tab');
  assert.equal(await focused(p), 'Enviar respuestas');
  await p.keyboard.press('Enter');
  const summary = await text(result(p));
  assert.match(summary, /Tu nota: 100 %/);
  assert.match(summary, /Aprobada/);
  assert.equal(await focused(p), 'Intentar de nuevo', 'focus goes to the next thing to do');
  await p.keyboard.press('Enter');
  assert.equal(await text(result(p)), '');
  assert.equal(await focused(p), 'Lisboa', 'a new attempt starts at the first question');
  await done();
});

test('instant mode with the keyboard alone: arrows move, Enter or Space confirms', async () => {
  const { page: p, done } = await open('instant');
  const capital = group(p, /capital de España/);
  await tabIntoQuiz(p);
  await p.keyboard.press('ArrowDown'); // Madrid, provisional
  assert.ok(await capital.getByLabel('Madrid').isChecked());
  assert.ok(await capital.getByLabel('París').isEnabled(), 'moving with the arrows does not lock the answer');
  assert.ok(await capital.locator('.quiz-feedback').isHidden());
  await p.keyboard.press('Enter');
  assert.match(await text(capital.locator('.quiz-feedback')), /^Correcto/);
  assert.ok(await capital.getByLabel('París').isDisabled());
  await p.keyboard.press('Tab'); // to Verdadero
  assert.equal(await focused(p), 'Verdadero');
  await p.keyboard.press('Space');
  assert.match(await text(group(p, /agua pura/).locator('.quiz-feedback')), /^Correcto/);
  await p.keyboard.press('Tab');
  assert.equal(await focused(p), '2');
  for (const key of ['Space', 'Tab', 'Space', 'Tab', 'Space', 'Tab', 'Space', 'Tab', 'Tab']) await p.keyboard.press(key);
  assert.equal(await focused(p), 'Comprobar');
  await p.keyboard.press('Enter');
  assert.match(await text(group(p, /números son pares/).locator('.quiz-feedback')), /^Correcto/);
  await p.keyboard.press('Tab');
  for (const key of ['Space', 'Tab', 'Space', 'Tab', 'Space', 'Enter']) await p.keyboard.press(key);
  assert.match(await text(result(p)), /Tu nota: 100 %.*Aprobada/);
  await done();
});

test('strict CSP header, no inline code, no console error', async () => {
  const { page: p, response, done } = await open('instant');
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
  const inline = await p.evaluate(() => ({
    scripts: [...document.scripts].filter((s) => !s.src && s.type !== 'application/json').length,
    styles: document.querySelectorAll('style, [style]').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
  }));
  assert.deepEqual(inline, { scripts: 0, styles: 0, handlers: 0 });
  await answerAllCorrect(p);
  const check = p.getByRole('button', { name: 'Comprobar' });
  while (await check.count()) await check.first().click();
  assert.match(await text(result(p)), /Tu nota: 100 %/);
  await done();
});

test('the same quiz works when opened from file://', async () => {
  const url = pathToFileURL(join(shared.dir, 'submit', 'quiz.html')).href;
  const { page: p, done } = await open('submit', { url });
  assert.ok(p.url().startsWith('file://'));
  await answerAllCorrect(p);
  await submit(p);
  assert.match(await text(result(p)), /Tu nota: 100 %.*Aprobada/);
  await done();
});

test('without JavaScript the questions are readable and a notice explains scoring needs it', async () => {
  const context = await shared.browser.newContext({ javaScriptEnabled: false });
  const p = await context.newPage();
  await p.goto(`${shared.server.url}submit/quiz.html`);
  const notice = p.locator('.quiz-nojs'); // (Playwright's text search skips <noscript>)
  assert.ok(await notice.isVisible());
  assert.match(await notice.innerText(), /hace falta JavaScript/);
  assert.equal(await p.locator('.quiz-question:visible').count(), 4);
  assert.ok(await p.getByLabel('Madrid').isVisible());
  assert.ok(await p.getByRole('button', { name: 'Enviar respuestas' }).isHidden(), 'no button that cannot work');
  await context.close();
});

test('at 375 px a finished quiz fits the screen (screenshots in /work/scratch/shots)', async () => {
  const shots = process.env.QUIZ_SHOTS || '/work/scratch/shots';
  mkdirSync(shots, { recursive: true });
  for (const width of [375, 1280]) {
    const { page: p, done } = await open('submit', { width });
    await answerAllWrong(p);
    await p.getByLabel('Madrid').check();
    await submit(p);
    const overflow = await p.evaluate((w) => [...document.querySelectorAll('form.quiz *, .quiz-result *')]
      .filter((e) => e.getBoundingClientRect().right > w + 0.5).map((e) => e.className || e.tagName), width);
    assert.deepEqual(overflow, [], 'nothing of the quiz sticks out of the viewport');
    await p.screenshot({ path: join(shots, `quiz-${width}.png`), fullPage: true });
    await done();
  }
});

test('axe finds no accessibility violation in a finished quiz, light and dark', async () => {
  const axe = readFileSync(join(repo, 'tests', 'browser', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  for (const colorScheme of ['light', 'dark']) {
    const context = await shared.browser.newContext({ colorScheme });
    const p = await context.newPage();
    await p.goto(`${shared.server.url}instant/quiz.html`);
    await p.locator('form.quiz.is-ready').waitFor();
    await answerAllWrong(p);
    const check = p.getByRole('button', { name: 'Comprobar' });
    while (await check.count()) await check.first().click();
    assert.match(await text(result(p)), /No aprobada/);
    await p.evaluate(axe); // evaluated through the debugger protocol, so the page's CSP does not apply
    const violations = await p.evaluate(async () => (await window.axe.run(
      { include: [['form.quiz'], ['.quiz-result'], ['.quiz-best'], ['.quiz-actions']] },
      { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    )).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    assert.deepEqual(violations, [], `${colorScheme} scheme`);
    await context.close();
  }
});
