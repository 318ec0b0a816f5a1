// Browser tests of issue 18's quizzes: order, match, short and numeric questions, the modes
// (instant, submit, both: practice or exam), case groups with draw and shuffle, shuffled
// options, the answered count, the unanswered-submit flow and the last attempt after a
// reload. What a learner sees and does, in Debian's headless Chromium, under the strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { servedSite, axeViolations, buildQuizCourse, openQuiz } from './helpers.mjs';

// ---------- fixture course: one module per quiz ----------


const STEPS = ['Escuchar', 'Agradecer', 'Disculparse', 'Resolver'];
const PAIRS = [
  ['Intangible', 'No se puede tocar antes de recibirlo'],
  ['Consumo inmediato', 'No se puede almacenar'],
  ['Variable', 'Depende de quién lo presta'],
];
const DISTRACTOR = 'Se fabrica en serie';

// One question of each new kind, worth 4 + 3 + 1 + 1 + 1 = 10 points.
const KINDS = `
[[questions]]
id = "pasos"
type = "order"
prompt = "Ordena los pasos del manejo de una queja."
items = [${STEPS.map((s) => `"${s}"`).join(', ')}]
scoring = "partial"
points = 4
feedback = "Repasa el orden de los pasos."

[[questions]]
id = "rasgos"
type = "match"
prompt = "Relaciona cada característica con su significado."
distractors = ["${DISTRACTOR}"]
scoring = "partial"
points = 3
${PAIRS.map(([l, r]) => `[[questions.pairs]]\nleft = "${l}"\nright = "${r}"\n`).join('')}

[[questions]]
id = "momento"
type = "short"
prompt = "¿Cómo se llama el instante en que el cliente se forma una impresión?"
accept = ["momento de verdad", "momentos de verdad"]
explanation = "Es el *momento de verdad*."

[[questions]]
id = "patron"
type = "short"
prompt = "¿Qué deja un cliente satisfecho?"
pattern = "^(una )?recomendaci[oó]n(es)?$"

[[questions]]
id = "personas"
type = "numeric"
prompt = "¿A cuántas personas comunica un cliente insatisfecho, según el material?"
answer = 18.5
tolerance = 0.5
`;

// Order and match scored all or nothing, the default; a 2-item order that a plain shuffle
// would show in the right order half of the time.
const STRICT = `
[[questions]]
id = "dos"
type = "order"
prompt = "Ordena: primero y segundo."
items = ["Primero", "Segundo"]

[[questions]]
id = "tres"
type = "order"
prompt = "Ordena los números."
items = ["Uno", "Dos", "Tres"]

[[questions]]
id = "parejas"
type = "match"
prompt = "Relaciona cada país con su capital."
[[questions.pairs]]
left = "España"
right = "Madrid"
[[questions.pairs]]
left = "Francia"
right = "París"
`;

const single = (id, prompt, right, ...wrong) => `
[[questions]]
id = "${id}"
type = "single"
prompt = "${prompt}"
[[questions.options]]
text = "${right}"
correct = true
${wrong.map((w) => `[[questions.options]]\ntext = "${w}"\n`).join('')}`;

// Two single questions and a case of three: three picks.
const GROUPS = `${single('s1', 'Pregunta suelta uno', 'Buena uno', 'Mala uno')}
${single('s2', 'Pregunta suelta dos', 'Buena dos', 'Mala dos')}

[[groups]]
id = "caso-banco"
context = "En la sucursal, **un cliente** espera 40 minutos sin que nadie le atienda."
${[1, 2, 3].map((n) => `
[[groups.questions]]
id = "c${n}"
type = "single"
prompt = "Pregunta del caso ${n}"
[[groups.questions.options]]
text = "Buena caso ${n}"
correct = true
[[groups.questions.options]]
text = "Mala caso ${n}"
`).join('')}`;

const OPTIONS = [1, 2, 3, 4].map((n) => single(`o${n}`, `Pregunta ${n} en su sitio`, `Correcta ${n}`, `Falsa ${n}a`, `Falsa ${n}b`, `Falsa ${n}c`)).join('');

const quiz = (head, questions) => `title = "Evaluación"\ndescription = "Cuestionario de prueba."\npass = 70\n${head}\n${questions}`;

const MODULES = {
  submit: quiz('mode = "submit"\nshuffle = false\nattempts = 3', KINDS),
  instant: quiz('mode = "instant"\nshuffle = false\nattempts = 0', KINDS),
  both: quiz('mode = "both"\nshuffle = false\nattempts = 0', KINDS),
  once: quiz('mode = "both"\nshuffle = false\nattempts = 1', KINDS),
  strict: quiz('mode = "submit"\nshuffle = false\nattempts = 0', STRICT),
  groups: quiz('mode = "submit"\nshuffle = true\ndraw = 2\nattempts = 0', GROUPS),
  options: quiz('mode = "submit"\nshuffle = "options"\nattempts = 0', OPTIONS),
};

const fixture = () => buildQuizCourse(MODULES);

// ---------- shared browser, new context per test ----------

const shared = servedSite(fixture);

const open = (name, options) => openQuiz(shared, name, options);
const ready = (p) => p.locator('form.quiz.is-ready').waitFor();
const reload = async (p) => { await p.reload(); await ready(p); };

const text = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();
const q = (p, id) => p.locator(`#q-${id}`);
const feedback = (p, id) => text(q(p, id).locator('.quiz-feedback'));
const result = (p) => p.locator('.quiz-result');
const submit = (p) => p.getByRole('button', { name: 'Enviar respuestas' }).click();
const check = (p, id) => q(p, id).getByRole('button', { name: 'Comprobar' }).click();

/** The items of order question `id` as shown, top to bottom (without their marks). */
const items = (p, id) => q(p, id).locator('.quiz-item-text').evaluateAll((ts) => ts.map((t) => t.firstChild.textContent.trim()));

/** Puts order question `id` in the order `want` with its "Subir «…»" buttons. */
async function orderAs(p, id, want) {
  let moves = 0;
  for (let i = 0; i < want.length; i++) {
    const at = (await items(p, id)).indexOf(want[i]);
    for (let k = at; k > i; k--, moves++) await q(p, id).getByRole('button', { name: `Subir «${want[i]}»` }).click();
  }
  if (!moves) {
    // Shown as wanted already: an order question counts as answered once an item moved.
    await q(p, id).getByRole('button', { name: `Bajar «${want[0]}»` }).click();
    await q(p, id).getByRole('button', { name: `Subir «${want[0]}»` }).click();
  }
  assert.deepEqual(await items(p, id), want);
}

/** Picks, for each left item of match question `id`, the right-hand text `rights[i]`. */
async function matchAs(p, id, rights) {
  for (const [i, [left]] of PAIRS.entries()) await q(p, id).getByLabel(left).selectOption({ label: rights[i] });
}

const typeIn = (p, id, value) => q(p, id).getByLabel('Tu respuesta').fill(value);

// Every answer right; the short one with odd case, accents, punctuation and spaces.
async function answerRight(p, { instant = false } = {}) {
  await orderAs(p, 'pasos', STEPS);
  if (instant) await check(p, 'pasos');
  await matchAs(p, 'rasgos', PAIRS.map(([, r]) => r));
  if (instant) await check(p, 'rasgos');
  await typeIn(p, 'momento', '  MOMENTO de Verdad! ');
  if (instant) await check(p, 'momento');
  await typeIn(p, 'patron', 'Recomendación');
  if (instant) await check(p, 'patron');
  await typeIn(p, 'personas', '18,5');
  if (instant) await check(p, 'personas');
}

async function answerWrong(p, { instant = false } = {}) {
  await orderAs(p, 'pasos', [...STEPS].reverse());
  if (instant) await check(p, 'pasos');
  await matchAs(p, 'rasgos', ['No se puede almacenar', 'Depende de quién lo presta', DISTRACTOR]);
  if (instant) await check(p, 'rasgos');
  await typeIn(p, 'momento', 'la impresión');
  if (instant) await check(p, 'momento');
  await typeIn(p, 'patron', 'una queja');
  if (instant) await check(p, 'patron');
  await typeIn(p, 'personas', 'abc');
  if (instant) await check(p, 'personas');
}

// 2 of 4 steps in place (2 of 4 points), 2 of 3 pairs (2 of 3), the rest right, with the
// number exactly at the tolerance's edge: 7 of 10 points, 70 %, just the pass mark.
async function answerPartly(p, { instant = false } = {}) {
  await orderAs(p, 'pasos', ['Escuchar', 'Agradecer', 'Resolver', 'Disculparse']);
  if (instant) await check(p, 'pasos');
  await matchAs(p, 'rasgos', [PAIRS[0][1], PAIRS[1][1], DISTRACTOR]);
  if (instant) await check(p, 'rasgos');
  await typeIn(p, 'momento', 'momentos de verdad');
  if (instant) await check(p, 'momento');
  await typeIn(p, 'patron', 'recomendaciones');
  if (instant) await check(p, 'patron');
  await typeIn(p, 'personas', '19');
  if (instant) await check(p, 'personas');
}

async function assertAllRight(p) {
  assert.match(await feedback(p, 'pasos'), /^Correcto · Puntos: 4 de 4/);
  assert.match(await feedback(p, 'rasgos'), /^Correcto · Puntos: 3 de 3/);
  assert.match(await feedback(p, 'momento'), /^Correcto · Puntos: 1 de 1 Explicación Es el momento de verdad\./);
  assert.match(await feedback(p, 'patron'), /^Correcto/);
  assert.match(await feedback(p, 'personas'), /^Correcto/);
  assert.equal(await q(p, 'pasos').locator('.quiz-item.is-right').count(), 4, 'every step marked in place');
  assert.match(await text(q(p, 'pasos')), /Escuchar En su lugar/);
  assert.equal(await q(p, 'rasgos').locator('.quiz-pair.is-right').count(), 3);
  assert.doesNotMatch(await text(q(p, 'pasos')), /Repasa el orden/, 'the question\'s feedback is for a wrong answer');
}

async function assertAllWrong(p) {
  const pasos = await feedback(p, 'pasos');
  assert.match(pasos, /^Incorrecto · Puntos: 0 de 4/);
  assert.match(pasos, /Orden correcto Escuchar Agradecer Disculparse Resolver/, 'the right order is shown');
  assert.match(pasos, /Repasa el orden de los pasos\./, 'with the question\'s feedback');
  assert.match(await text(q(p, 'pasos')), /Resolver Fuera de lugar/);
  assert.match(await feedback(p, 'rasgos'), /^Incorrecto · Puntos: 0 de 3/);
  assert.match(await text(q(p, 'rasgos')), /Intangible .*Incorrecta · Respuesta correcta: No se puede tocar antes de recibirlo/);
  assert.match(await feedback(p, 'momento'), /^Incorrecto · Puntos: 0 de 1 Respuesta correcta: momento de verdad/);
  assert.match(await feedback(p, 'patron'), /^Incorrecto/);
  assert.match(await feedback(p, 'personas'), /^Incorrecto · Puntos: 0 de 1 Respuesta correcta: 18,5 ± 0,5/);
}

async function assertPartly(p) {
  assert.match(await feedback(p, 'pasos'), /^Parcialmente correcto · Puntos: 2 de 4/);
  assert.equal(await q(p, 'pasos').locator('.quiz-item.is-right').count(), 2);
  assert.equal(await q(p, 'pasos').locator('.quiz-item.is-wrong').count(), 2);
  assert.match(await feedback(p, 'rasgos'), /^Parcialmente correcto · Puntos: 2 de 3/);
  assert.match(await text(q(p, 'rasgos')), /Variable .*Incorrecta · Respuesta correcta: Depende de quién lo presta/);
  assert.match(await feedback(p, 'personas'), /^Correcto/, '19 is 18.5 ± 0.5');
}

/** Presses Tab until the focused element's accessible name matches `name`. */
async function tabTo(p, name, { max = 80, control = 'input, select, button' } = {}) {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    if (name.test(await focusedName(p)) && await p.evaluate((c) => document.activeElement.matches(c), control)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}
/** Moves the focus with Tab, or Shift+Tab when it lies above, to the button named `name`. */
async function keyTo(p, name) {
  for (let i = 0; i < 40; i++) {
    const way = await p.evaluate((n) => {
      const b = [...document.querySelectorAll('button')].find((e) => e.getAttribute('aria-label') === n);
      const a = document.activeElement;
      if (b === a) return 0;
      return a && a !== document.body && (b.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) ? -1 : 1;
    }, name);
    if (way === 0) return;
    await p.keyboard.press(way < 0 ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`the keyboard never reached ${name}`);
}

/** Puts order question `id` in the order `want` by keyboard alone, pressing `key` on its "Subir «…»" buttons. */
async function orderByKeys(p, id, want, key = 'Enter') {
  for (let i = 0; i < want.length; i++) {
    const name = `Subir «${want[i]}»`;
    while ((await items(p, id)).indexOf(want[i]) > i) {
      await keyTo(p, name);
      await p.keyboard.press(key);
      assert.equal(await focusedName(p), name, 'focus stays on the moved item\'s button');
    }
  }
  assert.deepEqual(await items(p, id), want);
}
const focusedName = (p) => p.evaluate(() => {
  const a = document.activeElement;
  return (a.getAttribute('aria-label') || a.labels?.[0]?.textContent || a.textContent || '').replace(/\s+/g, ' ').trim();
});
const focusedQuestion = (p) => p.evaluate(() => document.activeElement.closest('.quiz-question')?.dataset.question);

/** The quiz's stored results, or null. */
const stored = (p) => p.evaluate(() => {
  const k = JSON.parse(document.querySelector('.quiz-data').textContent).key;
  return JSON.parse(localStorage.getItem(k));
});
/** Whether this quiz's link in the sidebar has its tick. */
const sidebarTicked = (p) => p.locator('nav a.is-quiz[aria-current="page"]').evaluate((a) => a.classList.contains('is-done'));

// ---------- each kind in submit mode ----------

test('submit mode, every answer right: 100 %, with short answers compared loosely and a comma decimal', async () => {
  const { page: p, done } = await open('submit');
  await answerRight(p);
  await submit(p);
  await assertAllRight(p);
  const summary = await text(result(p));
  assert.match(summary, /Tu nota: 100 %/);
  assert.match(summary, /Aprobada · Puntos: 10 de 10/);
  assert.match(summary, /Intentos usados: 1 de 3/);
  assert.equal(await q(p, 'momento').getByLabel('Tu respuesta').inputValue(), '  MOMENTO de Verdad! ', 'the answer stays as typed');
  for (const c of await p.locator('form.quiz input, form.quiz select').all()) assert.ok(await c.isDisabled(), 'every answer locked');
  assert.equal(await p.locator('.quiz-move:visible').count(), 0, 'no move button on a marked order question');
  await done();
});

test('submit mode, every answer wrong: 0 %, each question shows the right answer', async () => {
  const { page: p, done } = await open('submit');
  await answerWrong(p);
  await submit(p);
  await assertAllWrong(p);
  const summary = await text(result(p));
  assert.match(summary, /Tu nota: 0 %/);
  assert.match(summary, /No aprobada · Puntos: 0 de 10/);
  await done();
});

test('submit mode, partial credit on order and match: 7 of 10 points, just passed', async () => {
  const { page: p, done } = await open('submit');
  await answerPartly(p);
  await submit(p);
  await assertPartly(p);
  const summary = await text(result(p));
  assert.match(summary, /Tu nota: 70 %/);
  assert.match(summary, /Aprobada · Puntos: 7 de 10/);
  await done();
});

test('all or nothing, the default: an order or match question partly right scores 0', async () => {
  const { page: p, done } = await open('strict');
  await orderAs(p, 'dos', ['Primero', 'Segundo']);
  await orderAs(p, 'tres', ['Uno', 'Tres', 'Dos']);
  await q(p, 'parejas').getByLabel('España').selectOption({ label: 'Madrid' });
  await q(p, 'parejas').getByLabel('Francia').selectOption({ label: 'Madrid' });
  await submit(p);
  assert.match(await feedback(p, 'dos'), /^Correcto · Puntos: 1 de 1/);
  assert.match(await feedback(p, 'tres'), /^Incorrecto · Puntos: 0 de 1/);
  assert.match(await text(q(p, 'tres')), /Uno En su lugar/, 'the items in place are still pointed out');
  assert.match(await feedback(p, 'parejas'), /^Incorrecto · Puntos: 0 de 1/);
  assert.match(await text(result(p)), /Tu nota: 33 %/);
  await done();
});

test('short and numeric answers: what counts as the same answer, and what does not', async () => {
  const cases = [
    ['momento', 'Momento de verdad', true], ['momento', 'MOMENTOS DE VERDAD...', true],
    ['momento', '¡momento   de  verdád!', true], ['momento', 'momento verdad', false],
    ['patron', 'una recomendacion', true], ['patron', 'RECOMENDACIONES', true], ['patron', 'mil recomendaciones', false],
    ['personas', '18.5', true], ['personas', '18,5', true], ['personas', ' 18 ', true], ['personas', '19,0', true],
    ['personas', '19,01', false], ['personas', '17.9', false], ['personas', 'abc', false], ['personas', '18,5 personas', false],
  ];
  const { page: p, done } = await open('instant');
  for (const [id, value, right] of cases) {
    await typeIn(p, id, value);
    await check(p, id);
    assert.match(await feedback(p, id), right ? /^Correcto/ : /^Incorrecto/, `${id}: «${value}»`);
    await reload(p); // instant mode stores nothing until the end: a clean page
  }
  await done();
});

// ---------- instant mode ----------

test('instant mode: each question is marked and locked at its Check button, the result at the end', async () => {
  const { page: p, done } = await open('instant');
  assert.ok(await p.getByRole('button', { name: 'Enviar respuestas' }).isHidden(), 'nothing to submit');
  assert.ok(await p.locator('.quiz-count').isHidden(), 'no answered count');
  await orderAs(p, 'pasos', STEPS);
  assert.ok(await q(p, 'pasos').locator('.quiz-feedback').isHidden(), 'moving is not answering yet');
  await check(p, 'pasos');
  assert.match(await feedback(p, 'pasos'), /^Correcto/);
  assert.equal(await q(p, 'pasos').locator('.quiz-move:visible').count(), 0, 'locked');
  assert.ok(await q(p, 'pasos').getByRole('button', { name: 'Comprobar' }).isHidden());
  assert.equal(await text(result(p)), '', 'no result before the last question');

  await check(p, 'rasgos'); // nothing picked yet
  assert.equal(await feedback(p, 'rasgos'), 'Elige una respuesta para cada elemento.');
  assert.ok(await q(p, 'rasgos').getByLabel('Intangible').isEnabled(), 'not locked');
  await matchAs(p, 'rasgos', PAIRS.map(([, r]) => r));
  await check(p, 'rasgos');
  assert.match(await feedback(p, 'rasgos'), /^Correcto/);
  assert.ok(await q(p, 'rasgos').getByLabel('Intangible').isDisabled());

  await check(p, 'momento');
  assert.equal(await feedback(p, 'momento'), 'Escribe tu respuesta.');
  await typeIn(p, 'momento', '  MOMENTO de Verdad! ');
  await q(p, 'momento').getByLabel('Tu respuesta').press('Enter'); // Enter checks a typed answer
  assert.match(await feedback(p, 'momento'), /^Correcto/);
  assert.ok(await q(p, 'momento').getByLabel('Tu respuesta').isDisabled());
  await typeIn(p, 'patron', 'Recomendación');
  await check(p, 'patron');
  await typeIn(p, 'personas', '18.5');
  await check(p, 'personas');
  await assertAllRight(p);
  assert.match(await text(result(p)), /Tu nota: 100 %.*Aprobada · Puntos: 10 de 10/);
  assert.ok(await p.getByRole('button', { name: 'Intentar de nuevo' }).isVisible());
  await reload(p);
  assert.match(await text(result(p)), /^Tu último intento Tu nota: 100 %/);
  await assertAllRight(p);
  assert.deepEqual(await items(p, 'pasos'), STEPS);
  await done();
});

test('instant mode, every answer wrong and partly right', async () => {
  const { page: p, done } = await open('instant');
  await answerWrong(p, { instant: true });
  await assertAllWrong(p);
  assert.match(await text(result(p)), /Tu nota: 0 %.*No aprobada/);
  await p.getByRole('button', { name: 'Intentar de nuevo' }).click();
  assert.equal(await p.locator('.quiz-feedback:visible').count(), 0, 'a new attempt starts clean');
  assert.equal(await q(p, 'momento').getByLabel('Tu respuesta').inputValue(), '');
  assert.notDeepEqual(await items(p, 'pasos'), STEPS);
  await answerPartly(p, { instant: true });
  await assertPartly(p);
  assert.match(await text(result(p)), /Tu nota: 70 %.*Aprobada · Puntos: 7 de 10/);
  await done();
});

test('an order question is never first shown in the right order', async () => {
  const { page: p, done } = await open('strict');
  for (let round = 0; round < 12; round++) {
    assert.notDeepEqual(await items(p, 'dos'), ['Primero', 'Segundo'], `load ${round}`);
    assert.notDeepEqual(await items(p, 'tres'), ['Uno', 'Dos', 'Tres'], `load ${round}`);
    await reload(p);
  }
  await done();
});

// ---------- keyboard only ----------

test('order by keyboard: Tab to the named buttons, Enter and Space move the item, focus follows, the move is announced', async () => {
  const { page: p, done } = await open('submit');
  const live = q(p, 'pasos').locator('.quiz-moved');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  const start = await items(p, 'pasos');
  const first = start[0];
  await tabTo(p, new RegExp(`^Bajar «${first}»$`));
  await p.keyboard.press('Enter');
  assert.equal(await focusedName(p), `Bajar «${first}»`, 'focus stays on the moved item\'s button');
  assert.equal((await items(p, 'pasos'))[1], first);
  assert.equal(await text(live), `«${first}»: posición 2 de 4`);
  await p.keyboard.press('Space');
  assert.equal(await focusedName(p), `Bajar «${first}»`);
  assert.equal((await items(p, 'pasos'))[2], first);
  assert.equal(await text(live), `«${first}»: posición 3 de 4`);
  // back up with Shift+Tab to its "Subir" button
  await p.keyboard.press('Shift+Tab');
  assert.equal(await focusedName(p), `Subir «${first}»`);
  await p.keyboard.press('Enter');
  assert.equal((await items(p, 'pasos'))[1], first);
  assert.equal(await text(live), `«${first}»: posición 2 de 4`);

  // the rest by keyboard: each step in turn brought up to its place
  await orderByKeys(p, 'pasos', STEPS, 'Space');
  // the first item's up button says it can do nothing, and does nothing
  await keyTo(p, `Subir «${STEPS[0]}»`);
  assert.equal(await p.evaluate(() => document.activeElement.getAttribute('aria-disabled')), 'true');
  await p.keyboard.press('Enter');
  assert.deepEqual(await items(p, 'pasos'), STEPS);
  await done();
});

test('match, short and numeric by keyboard; Enter in a text box does not submit', async () => {
  const { page: p, done } = await open('submit');
  for (const [left, right] of PAIRS) {
    await tabTo(p, new RegExp(`^${left}$`));
    // a closed <select>: arrows change its value, as typing the first letters does
    const select = q(p, 'rasgos').getByLabel(left);
    for (let i = 0; i < 5 && (await select.evaluate((s) => s.selectedOptions[0].text)) !== right; i++) await p.keyboard.press('ArrowDown');
    assert.equal(await select.evaluate((s) => s.selectedOptions[0].text), right, `${left} picked with the arrows`);
  }
  await tabTo(p, /^Tu respuesta$/);
  assert.equal(await focusedQuestion(p), 'momento');
  await p.keyboard.type('momento de verdad');
  await p.keyboard.press('Enter');
  assert.equal(await text(result(p)), '', 'Enter in a text box does not send the attempt');
  assert.ok(await p.getByRole('alert').isHidden(), 'nor complain of unanswered questions');
  assert.equal(await focusedQuestion(p), 'momento', 'focus stays in the text box');
  await p.keyboard.press('Tab');
  await p.keyboard.type('recomendación');
  await p.keyboard.press('Tab');
  assert.equal(await focusedQuestion(p), 'personas');
  await p.keyboard.type('18,5');
  await p.keyboard.press('Enter');
  assert.equal(await text(result(p)), '');
  await orderByKeys(p, 'pasos', STEPS);
  await tabTo(p, /^Enviar respuestas$/);
  await p.keyboard.press('Enter');
  await assertAllRight(p);
  assert.match(await text(result(p)), /Tu nota: 100 %/);
  await done();
});

// ---------- mode both ----------

test('mode both: a labelled radio group Práctica / Evaluación, operable by keyboard', async () => {
  const { page: p, done } = await open('both');
  const modes = p.getByRole('group', { name: 'Modo' });
  assert.ok(await modes.isVisible());
  const practice = modes.getByRole('radio', { name: 'Práctica' }), exam = modes.getByRole('radio', { name: 'Evaluación' });
  assert.ok(await exam.isChecked(), 'exam by default');
  assert.ok(await p.getByRole('button', { name: 'Enviar respuestas' }).isVisible());
  await tabTo(p, /^Evaluación$/, { control: '[type=radio]' });
  await p.keyboard.press('ArrowUp');
  assert.ok(await practice.isChecked(), 'the arrows choose practice');
  assert.equal(await focusedName(p), 'Práctica');
  assert.ok(await p.getByRole('button', { name: 'Enviar respuestas' }).isHidden(), 'practice: no submit button');
  assert.ok(await q(p, 'momento').getByRole('button', { name: 'Comprobar' }).isVisible(), 'practice: a Check button per question');
  await p.keyboard.press('ArrowDown');
  assert.ok(await exam.isChecked());
  assert.ok(await p.getByRole('button', { name: 'Enviar respuestas' }).isVisible());
  await done();
});

test('mode both, practice: instant feedback, nothing stored, no tick in the sidebar', async () => {
  const { page: p, done } = await open('both');
  await p.getByRole('radio', { name: 'Práctica' }).check();
  await typeIn(p, 'momento', 'momento de verdad');
  await check(p, 'momento');
  assert.match(await feedback(p, 'momento'), /^Correcto/, 'feedback at once');
  await orderAs(p, 'pasos', STEPS);
  await check(p, 'pasos');
  await matchAs(p, 'rasgos', PAIRS.map(([, r]) => r));
  await check(p, 'rasgos');
  await typeIn(p, 'patron', 'recomendación');
  await check(p, 'patron');
  await typeIn(p, 'personas', '18,5');
  await check(p, 'personas');
  await assertAllRight(p);
  const summary = await text(result(p));
  assert.match(summary, /Práctica: 10 de 10 puntos\. No cuenta para la nota\./);
  assert.doesNotMatch(summary, /Tu nota/);
  assert.equal(await stored(p), null, 'nothing stored');
  assert.deepEqual(await p.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':quiz:'))), []);
  assert.equal(await sidebarTicked(p), false, 'the quiz is not ticked in the sidebar');
  assert.ok(await p.locator('.quiz-best').isHidden());
  await reload(p);
  assert.equal(await text(result(p)), '', 'nothing shown again after a reload');
  assert.ok(await p.getByRole('radio', { name: 'Evaluación' }).isChecked());
  await done();
});

test('mode both, exam: counted, stored with the best score, ticked in the sidebar', async () => {
  const { page: p, done } = await open('both');
  assert.match(await text(p.locator('.quiz-count')), /^0 de 5 respondidas$/);
  await typeIn(p, 'momento', 'momento de verdad');
  await q(p, 'momento').getByLabel('Tu respuesta').press('Enter');
  assert.equal(await text(result(p)), '', 'Enter in a text box does not submit the exam');
  assert.match(await text(p.locator('.quiz-count')), /^1 de 5 respondidas$/);
  await answerPartly(p);
  await submit(p);
  await assertPartly(p);
  assert.match(await text(result(p)), /Tu nota: 70 %.*Aprobada/);
  assert.equal(await sidebarTicked(p), true, 'a passed exam is ticked in the sidebar');
  await p.getByRole('button', { name: 'Intentar de nuevo' }).click();
  await answerWrong(p);
  await submit(p);
  assert.match(await text(result(p)), /Tu nota: 0 %.*Tu mejor nota: 70 %/);
  const v = await stored(p);
  assert.equal(v.best, 70);
  assert.equal(v.last, 0);
  assert.equal(v.attempts, 2);
  assert.equal(v.passed, true);
  assert.deepEqual(v.answers, {
    pasos: ['d', 'c', 'b', 'a'], rasgos: ['b', 'c', 'd'], momento: 'la impresión', patron: 'una queja', personas: 'abc',
  }, 'the last answers: item ids in their order, the right-hand id per left item, the text typed');
  // a practice round afterwards changes nothing stored
  await p.getByRole('radio', { name: 'Práctica' }).check();
  await answerRight(p, { instant: true });
  assert.deepEqual(await stored(p), v);
  await done();
});

test('mode both: practice stays open once the exam\'s attempts are used up, before and after a reload', async () => {
  const { page: p, done } = await open('once');
  await answerRight(p);
  await submit(p);
  assert.match(await text(result(p)), /Tu nota: 100 %/);
  for (const again of [false, true]) {
    if (again) await reload(p);
    await p.getByRole('radio', { name: 'Práctica' }).check();
    await orderAs(p, 'pasos', STEPS);
    await check(p, 'pasos');
    assert.match(await feedback(p, 'pasos'), /^Correcto/, `practice marks the order question${again ? ' after a reload' : ''}`);
    await typeIn(p, 'momento', 'momento de verdad');
    await q(p, 'momento').getByLabel('Tu respuesta').press('Enter');
    assert.match(await feedback(p, 'momento'), /^Correcto/);
    await p.getByRole('radio', { name: 'Evaluación' }).check();
    assert.ok(await q(p, 'momento').getByLabel('Tu respuesta').isDisabled(), 'the exam stays closed');
    assert.ok(await p.getByRole('button', { name: 'Enviar respuestas' }).isHidden());
  }
  await done();
});

// ---------- answered count, unanswered submit, reload ----------

test('"N de 5 respondidas" follows the answers in submit mode', async () => {
  const { page: p, done } = await open('submit');
  const count = p.locator('.quiz-count');
  assert.equal(await text(count), '0 de 5 respondidas');
  await typeIn(p, 'personas', '3');
  assert.equal(await text(count), '1 de 5 respondidas');
  await q(p, 'pasos').locator('.quiz-move[data-move="1"]').first().click();
  assert.equal(await text(count), '2 de 5 respondidas', 'an order question counts once an item moved');
  await q(p, 'rasgos').getByLabel('Intangible').selectOption({ label: DISTRACTOR });
  assert.equal(await text(count), '2 de 5 respondidas', 'a match question counts once every item has an answer');
  await q(p, 'rasgos').getByLabel('Consumo inmediato').selectOption({ label: DISTRACTOR });
  await q(p, 'rasgos').getByLabel('Variable').selectOption({ label: DISTRACTOR });
  assert.equal(await text(count), '3 de 5 respondidas');
  await typeIn(p, 'personas', '   ');
  assert.equal(await text(count), '2 de 5 respondidas', 'spaces are no answer');
  await done();
});

test('submitting with unanswered questions: the message in view, each marked «Sin responder», focus on the first', async () => {
  for (const width of [1280, 375]) {
    const { page: p, done } = await open('submit', { width });
    await typeIn(p, 'momento', 'momento de verdad');
    await typeIn(p, 'personas', '18');
    await p.getByRole('button', { name: 'Enviar respuestas' }).scrollIntoViewIfNeeded();
    await submit(p);
    const alert = p.getByRole('alert');
    assert.match(await text(alert), /Sin responder: 3\./);
    const box = await alert.evaluate((e) => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; });
    assert.ok(box[0] >= 0 && box[1] <= box[2], `the message is in view at ${width} px: ${box}`);
    assert.deepEqual(await p.locator('.quiz-question:has(.quiz-missing:visible)').evaluateAll((fs) => fs.map((f) => f.dataset.question)),
      ['pasos', 'rasgos', 'patron']);
    assert.equal(await text(q(p, 'pasos').locator('.quiz-missing')), 'Sin responder');
    assert.equal(await focusedQuestion(p), 'pasos', 'focus on the first unanswered question');
    const focus = await p.evaluate(() => { const r = document.activeElement.getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; });
    assert.ok(focus[0] >= 0 && focus[1] <= focus[2], `and the focused control is in view: ${focus}`);
    assert.equal(await p.locator('.quiz-feedback:visible').count(), 0, 'nothing marked');
    await matchAs(p, 'rasgos', PAIRS.map(([, r]) => r));
    assert.ok(await q(p, 'rasgos').locator('.quiz-missing').isHidden(), 'answering removes its mark');
    assert.ok(await q(p, 'pasos').locator('.quiz-missing').isVisible());
    await done();
  }
});

test('after a reload the last attempt is shown again, with its answers, its result and the attempts used', async () => {
  const { page: p, done } = await open('submit');
  await answerPartly(p);
  const order = await items(p, 'pasos');
  await submit(p);
  await reload(p);
  const summary = await text(result(p));
  assert.match(summary, /^Tu último intento Tu nota: 70 %/);
  assert.match(summary, /Intentos usados: 1 de 3/);
  assert.match(await text(p.locator('.quiz-best')), /^Tu mejor nota: 70 % · Aprobada · Intentos usados: 1 de 3$/);
  assert.deepEqual(await items(p, 'pasos'), order, 'the order as it was sent');
  assert.equal(await q(p, 'rasgos').getByLabel('Variable').evaluate((s) => s.selectedOptions[0].text), DISTRACTOR);
  assert.equal(await q(p, 'personas').getByLabel('Tu respuesta').inputValue(), '19');
  await assertPartly(p);
  assert.ok(await q(p, 'momento').getByLabel('Tu respuesta').isDisabled(), 'shown, not answerable');
  await p.getByRole('button', { name: 'Intentar de nuevo' }).click();
  assert.equal(await q(p, 'personas').getByLabel('Tu respuesta').inputValue(), '');
  assert.equal(await text(p.locator('.quiz-count')), '0 de 5 respondidas');
  await answerRight(p);
  await submit(p);
  assert.match(await text(result(p)), /Intentos usados: 2 de 3/);
  await done();
});

// ---------- groups, draw, shuffled options ----------

test('a case group stays together, shows its context once, and counts as one pick when drawing', async () => {
  const { page: p, done } = await open('groups');
  const counts = new Set();
  for (let round = 0; round < 20; round++) {
    const shown = await p.locator('.quiz-question:visible').evaluateAll((fs) => fs.map((f) => f.dataset.question));
    counts.add(shown.length);
    const inCase = shown.filter((id) => /^c\d$/.test(id));
    assert.ok(shown.length === 2 || shown.length === 4, `2 picks of 3: ${shown}`);
    assert.ok(inCase.length === 0 || inCase.length === 3, `all or none of the case: ${shown}`);
    assert.equal(await text(p.locator('.quiz-meta')), `${shown.length} preguntas · Nota para aprobar: 70 %`);
    assert.deepEqual(await p.locator('.quiz-question:visible .quiz-num').allInnerTexts(), shown.map((_, i) => `${i + 1}.`));
    const context = p.locator('.quiz-context:visible');
    if (inCase.length) {
      const from = shown.indexOf(inCase[0]);
      assert.deepEqual(shown.slice(from, from + 3), inCase, `the case's questions together: ${shown}`);
      assert.equal(await context.count(), 1, 'the context once');
      assert.equal(await text(context), 'En la sucursal, un cliente espera 40 minutos sin que nadie le atienda.');
      const caso = p.getByRole('region', { name: `Caso: preguntas ${from + 1} a ${from + 3}` });
      assert.ok(await caso.isVisible(), 'the case is named by the numbers of its questions');
      const above = await context.evaluate((c) => [...c.closest('.quiz-group').querySelectorAll('.quiz-question')]
        .every((f) => c.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING));
      assert.ok(above, 'the context is above its questions');
    } else {
      assert.equal(await context.count(), 0);
    }
    if (round === 19) {
      for (const id of shown) await q(p, id).getByLabel(/^[A-Z] Buena/).check();
      await submit(p);
      assert.match(await text(result(p)), new RegExp(`Tu nota: 100 %.*Puntos: ${shown.length} de ${shown.length}`));
      const titles = await p.locator('.quiz-group-title:visible').allInnerTexts();
      await reload(p);
      assert.deepEqual(await p.locator('.quiz-question:visible').evaluateAll((fs) => fs.map((f) => f.dataset.question)), shown,
        'after a reload, the same draw in the same order');
      assert.deepEqual(await p.locator('.quiz-group-title:visible').allInnerTexts(), titles);
      assert.match(await text(result(p)), /^Tu último intento Tu nota: 100 %/);
    } else {
      await reload(p); // nothing stored yet: a new draw
    }
  }
  assert.deepEqual([...counts].sort(), [2, 4], 'both kinds of draw happen');
  await done();
});

test('shuffle = "options": the options change places and are lettered anew, the questions keep their order', async () => {
  const { page: p, done } = await open('options');
  const orders = new Set();
  for (let round = 0; round < 6; round++) {
    assert.deepEqual(await p.locator('.quiz-question legend').allInnerTexts(),
      [1, 2, 3, 4].map((n) => `${n}. Pregunta ${n} en su sitio`), 'the questions in their order');
    for (let n = 1; n <= 4; n++) {
      const labels = await q(p, `o${n}`).locator('label').allInnerTexts();
      assert.deepEqual(labels.map((l) => l.slice(0, 2)), ['A ', 'B ', 'C ', 'D '], 'lettered in the shown order');
      orders.add(labels.map((l) => l.slice(2)).join('|'));
    }
    await reload(p);
  }
  assert.ok(orders.size > 4, `the options were shuffled (${orders.size} orders seen)`);
  await done();
});

// ---------- file://, axe, screenshots ----------

test('the same quiz works when opened from file://', async () => {
  const url = pathToFileURL(join(shared.dir, 'submit', 'quiz.html')).href;
  const { page: p, done } = await open('submit', { url });
  assert.ok(p.url().startsWith('file://'));
  await answerRight(p);
  await submit(p);
  await assertAllRight(p);
  assert.match(await text(result(p)), /Tu nota: 100 %.*Aprobada/);
  await done();
});

// A finished quiz of every kind and mode, answered to show every mark.
const FINISHED = {
  submit: async (p) => { await answerPartly(p); await submit(p); },
  instant: async (p) => { await answerWrong(p, { instant: true }); },
  practice: async (p) => { await p.getByRole('radio', { name: 'Práctica' }).check(); await answerPartly(p, { instant: true }); },
  strict: async (p) => {
    await orderAs(p, 'dos', ['Primero', 'Segundo']);
    await orderAs(p, 'tres', ['Uno', 'Tres', 'Dos']);
    await q(p, 'parejas').getByLabel('España').selectOption({ label: 'Madrid' });
    await q(p, 'parejas').getByLabel('Francia').selectOption({ label: 'Madrid' });
    await submit(p);
  },
  groups: async (p) => {
    for (const f of await p.locator('.quiz-question:visible').all()) await f.getByLabel(/^[A-Z] Mala/).check();
    await submit(p);
  },
};
const moduleOf = (name) => (name === 'practice' ? 'both' : name);

test('axe finds no violation in a finished quiz of every kind, light and dark, at 1280 and 375 px; nothing sticks out', async () => {
  const shots = process.env.QUIZ_SHOTS || '/work/scratch/shots';
  mkdirSync(shots, { recursive: true });
  for (const [name, finish] of Object.entries(FINISHED)) {
    for (const colorScheme of ['light', 'dark']) {
      for (const width of [1280, 375]) {
        const { page: p, done } = await open(moduleOf(name), { width, colorScheme });
        if (name === 'groups') {
          // the draw that shows the case
          while (await p.locator('.quiz-group:visible').count() === 0) await reload(p);
        }
        await finish(p);
        assert.notEqual(await text(result(p)), '', `${name} finished`);
        assert.deepEqual(await axeViolations(p), [], `${name}, ${colorScheme}, ${width} px`);
        const overflow = await p.evaluate((w) => [...document.querySelectorAll('.quiz-box *')]
          .filter((e) => e.getBoundingClientRect().right > w + 0.5).map((e) => e.className || e.tagName), width);
        assert.deepEqual(overflow, [], `nothing of the ${name} quiz sticks out at ${width} px`);
        if (width === 1280) {
          // A closed <select> cannot wrap: at this width every answer fits in it, whole.
          const cut = await p.locator('.quiz-pair select').evaluateAll((ss) => ss.filter((s) => {
            const c = document.createElement('canvas').getContext('2d');
            c.font = getComputedStyle(s).font;
            return Math.max(...[...s.options].map((o) => c.measureText(o.text).width)) + 40 > s.clientWidth;
          }).map((s) => s.id));
          assert.deepEqual(cut, [], `${name}: match answers shown whole at ${width} px`);
        }
        await p.screenshot({ path: join(shots, `kinds-${name}-${colorScheme}-${width}.png`), fullPage: true });
        await done();
      }
    }
  }
});
