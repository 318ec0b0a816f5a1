// Browser test of `aula import`: the GIFT bank with every construct aula imports
// (tests/fixtures/import/every_kind.gift), and the Aiken, Moodle XML and mdbook-quiz banks
// beside it, each imported by the real CLI into a module's quiz.toml, built, and answered in
// Debian's headless Chromium under the strict CSP: what the bank said is right scores, weights
// give partial credit, and the bank's feedback shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { aulaBin, build, makeCourse, openQuiz, repo, servedSite } from './helpers.mjs';

const bank = (name) => join(repo, 'tests', 'fixtures', 'import', name);

/** Imports each bank into a module of one course, as an author would, and builds it. */
function fixture() {
  const page = (title) => `+++\ntitle = "${title}"\n+++\n\nTexto.\n`;
  const root = makeCourse({
    'content/_index.md': page('Curso de prueba'),
    'content/01-banco/_index.md': page('Banco importado'),
    'content/02-aiken/_index.md': page('Aiken'),
    'content/03-moodle/_index.md': page('Moodle XML'),
    'content/04-mdbook/_index.md': page('mdbook-quiz'),
  });
  const into = (file, module) => spawnSync(aulaBin, ['import', bank(file), '--output', join(root, `content/${module}/quiz.toml`)], { encoding: 'utf8' });
  const run = into('every_kind.gift', '01-banco');
  // The essay, the description and the cloze have no aula equivalent: reported, skipped.
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /converted 13 of 16 questions; 3 skipped \(see above\)/);
  assert.equal(into('bank.txt', '02-aiken').status, 0);
  // The essay and the calculated question are skipped, and the essay of the mdbook quiz.
  assert.match(into('bank.xml', '03-moodle').stdout, /converted 6 of 8 questions; 2 skipped/);
  assert.match(into('rust.toml', '04-mdbook').stdout, /converted 7 of 8 questions; 1 skipped/);
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

test('an imported Aiken bank answered as it says is right scores 3 of 3', async () => {
  const { page: p, done } = await openQuiz(shared, 'aiken');
  assert.equal(await p.locator('form.quiz fieldset.quiz-question').count(), 3);
  await pick(p, 'q1', 'Paris');
  await pick(p, 'q2', 'Mars');
  await pick(p, 'q3', '7');
  await submit(p);
  assert.match(await text(p.locator('.quiz-result')), /Tu nota: 100 %.*Puntos: 3 de 3/);
  await done();
});

test('an imported Moodle XML bank keeps its marks, scores as it says, and shows its feedback', async () => {
  const { page: p, done } = await openQuiz(shared, 'moodle');
  assert.equal(await p.locator('form.quiz fieldset.quiz-question').count(), 6);
  // The HTML of the answers, <sub> included, is kept.
  assert.equal(await q(p, 'water-formula').locator('label sub').count(), 2);
  await q(p, 'water-formula').getByLabel(/^[A-Z] H2O$/).check();
  await pick(p, 'noble-gases', 'Helium');
  await pick(p, 'noble-gases', 'Neon');
  await q(p, 'boiling').getByLabel('Verdadero').check();
  await type(p, 'symbol', 'au');
  await type(p, 'avogadro', '6,03');
  await q(p, 'elements').getByLabel('Fe', { exact: true }).selectOption({ label: 'Iron' });
  await q(p, 'elements').getByLabel('Na', { exact: true }).selectOption({ label: 'Sodium' });
  await submit(p);
  // The water question is worth 2, as its <defaultgrade> said: 7 points in all.
  assert.match(await text(p.locator('.quiz-result')), /Tu nota: 100 %.*Puntos: 7 de 7/);
  assert.match(await feedback(p, 'water-formula'), /Two hydrogens, one oxygen\./);
  assert.match(await text(q(p, 'water-formula')), /Right\./);
  await done();
});

test('an imported mdbook quiz, its programs to trace and its multipart group, scores as it says', async () => {
  const { page: p, done } = await openQuiz(shared, 'mdbook');
  assert.equal(await p.locator('form.quiz fieldset.quiz-question').count(), 7);
  await pick(p, 'b230bed3-d6ba-4048-8b06-aa655d837b04', '2');
  await pick(p, 'q2', '2');
  await pick(p, 'q2', '4');
  await type(p, 'q3', 'let mut');
  assert.match(await text(q(p, 'q4')), /println!\("\{x\}"\);/, 'the program to trace, in the prompt');
  await pick(p, 'q4', 'It compiles and runs');
  await pick(p, 'q5', 'It does not compile');
  assert.match(await text(p.locator('.quiz-group').first()), /Think about shapes\./);
  await pick(p, 'q6', '3');
  await type(p, 'q7', 'Square');
  await submit(p);
  assert.match(await text(p.locator('.quiz-result')), /Tu nota: 100 %.*Puntos: 7 de 7/);
  assert.match(await feedback(p, 'q5'), /It does not compile: the error is on line 3\./);
  await done();
});
