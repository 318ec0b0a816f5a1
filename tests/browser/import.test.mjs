// Browser test of `aula import`: the GIFT bank with every construct aula imports
// (tests/fixtures/import/every_kind.gift) imported by the real CLI into a module's quiz.toml,
// built, and answered in Debian's headless Chromium under the strict CSP: what the bank said
// is right scores, weights give partial credit, and the bank's feedback shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { aulaBin, build, makeCourse, openQuiz, repo, servedSite } from './helpers.mjs';

const BANK = join(repo, 'tests', 'fixtures', 'import', 'every_kind.gift');

/** Imports the bank into a course, as an author would, and builds it. */
function fixture() {
  const page = (title) => `+++\ntitle = "${title}"\n+++\n\nTexto.\n`;
  const root = makeCourse({
    'content/_index.md': page('Curso de prueba'),
    'content/01-banco/_index.md': page('Banco importado'),
  });
  const run = spawnSync(aulaBin, ['import', BANK, '--output', join(root, 'content/01-banco/quiz.toml')], { encoding: 'utf8' });
  // The essay, the description and the cloze have no aula equivalent: reported, skipped.
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /converted 13 of 16 questions; 3 skipped \(see above\)/);
  return build(root);
}

const shared = servedSite(fixture);

const text = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();
const q = (p, id) => p.locator(`#q-${id}`);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// An option by its text: its label starts with its letter, "B Paris".
const pick = (p, id, option) => q(p, id).getByLabel(new RegExp(`^[A-Z] ${escape(option)}$`)).check();
const type = (p, id, value) => q(p, id).getByLabel('Tu respuesta').fill(value);
const feedback = (p, id) => text(q(p, id).locator('.quiz-feedback'));
const submit = (p) => p.getByRole('button', { name: 'Enviar respuestas' }).click();

/** Everything but the questions `wrong` answers, answered as the bank says is right. */
async function answer(p, wrong = {}) {
  const or = (id, right) => (id in wrong ? wrong[id] : right);
  await pick(p, 'capital-of-france', 'Paris');
  for (const river of or('two-rivers', ['Loire', 'Seine'])) await pick(p, 'two-rivers', river);
  await q(p, 'sun').getByLabel(or('sun', 'Verdadero')).check();
  await q(p, 'moon').getByLabel('Falso').check();
  await type(p, 'grant', or('grant', 'ulysses s grant'));
  await type(p, 'gravity', or('gravity', '9,8'));
  await type(p, 'range', '4.9');
  await type(p, 'year', '1822');
  await q(p, 'animals').getByLabel('cat', { exact: true }).selectOption({ label: 'cat food' });
  await q(p, 'animals').getByLabel('dog', { exact: true }).selectOption({ label: 'dog food' });
  await pick(p, 'missing-word', 'entombed');
  await pick(p, 'escapes', '=');
  await pick(p, 'html', 'Yes');
  await pick(p, 'multi-line', 'yes');
}

test('an imported GIFT bank answered as it says is right scores 13 of 13', async () => {
  const { page: p, done } = await openQuiz(shared, 'banco');
  assert.equal(await p.locator('form.quiz fieldset.quiz-question').count(), 13);
  assert.match(await text(q(p, 'html')), /Is water wet\? Think\./, 'the [html] prompt, as Markdown');
  assert.equal(await q(p, 'html').locator('strong').innerText(), 'water');
  await answer(p);
  await submit(p);
  const summary = await text(p.locator('.quiz-result'));
  assert.match(summary, /Tu nota: 100 %/);
  assert.match(summary, /Aprobada · Puntos: 13 de 13/);
  assert.match(await feedback(p, 'capital-of-france'), /Explicación France’s capital is Paris\./, 'the general feedback is the explanation (with typographic quotes)');
  assert.match(await text(q(p, 'capital-of-france')), /Right: Paris has been the capital since 987\./, 'the answer\'s feedback');
  await done();
});

test('weights give partial credit, and the bank\'s feedback for a wrong answer shows', async () => {
  const { page: p, done } = await openQuiz(shared, 'banco');
  await answer(p, { 'two-rivers': ['Loire'], sun: 'Falso', grant: 'Lincoln', gravity: '9.9' });
  await submit(p);
  // 13 − ½ (one river of two) − 3 wrong = 9.5 of 13: 73 %.
  const summary = await text(p.locator('.quiz-result'));
  assert.match(summary, /Tu nota: 73 %/);
  assert.match(summary, /Aprobada/);
  assert.match(await feedback(p, 'two-rivers'), /^Parcialmente correcto/);
  assert.match(await feedback(p, 'sun'), /^Incorrecto/);
  assert.match(await feedback(p, 'sun'), /Wrong: it does rise in the east\./);
  assert.match(await feedback(p, 'grant'), /^Incorrecto · Puntos: 0 de 1 Respuesta correcta: Grant/);
  assert.match(await feedback(p, 'gravity'), /^Incorrecto · Puntos: 0 de 1 Respuesta correcta: 9,8 ± 0,05/);
  await done();
});
