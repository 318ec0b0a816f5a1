// The learner's record (issue 19), in Debian's headless Chromium: a quiz's results survive a
// rewording of the quiz, and an answer change leaves them behind as "from an earlier
// version", shown and counting for nothing, never erased.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCourse, build, serve, launch, watchErrors, readToEnd, oneQuestionQuiz, textPage, squeezed } from './helpers.mjs';

const QUIZ = oneQuestionQuiz();

const page = textPage;
let root, out, server, browser;

before(async () => {
  root = makeCourse({
    'site.toml': 'title = "Curso de prueba"\nid = "registro"\nlanguage = "es"\nbase_url = "/"\n',
    'content/_index.md': page('Curso de prueba'),
    'content/01-m/_index.md': page('Módulo'),
    'content/01-m/01-leccion.md': page('Lección'),
    'content/01-m/quiz.toml': QUIZ,
  });
  out = build(root);
  server = await serve(out);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Rewrites the quiz file with `edit` applied and builds the course again, in place. */
const rebuild = (edit) => {
  writeFileSync(join(root, 'content/01-m/quiz.toml'), edit(QUIZ));
  build(root, out);
};
const text = squeezed;
const ticked = (p) => p.locator('nav.sidebar a[aria-current="page"]').evaluate((a) => a.classList.contains('is-done'));

test('a reworded quiz keeps its results; a new answer shows them as from an earlier version and they count for nothing', async () => {
  const context = await browser.newContext();
  const p = await context.newPage();
  const errors = watchErrors(p);
  const open = async () => {
    await p.goto(`${server.url}m/quiz.html`);
    await p.locator('form.quiz.is-ready').waitFor();
  };
  await open();
  await p.getByLabel('Madrid').check();
  await p.getByRole('button', { name: 'Enviar respuestas' }).click();
  assert.match(await text(p.locator('.quiz-result')), /Tu nota: 100 %/);
  const stored = () => p.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':quiz:')).sort());
  const [first] = await stored();

  // A new description and prompt wording: the same results, still passed.
  rebuild((q) => q.replace('Responde.', 'Responde la pregunta.').replace('¿Cuál es', '¿Qué ciudad es'));
  await open();
  assert.match(await text(p.locator('.quiz-best')), /^Tu mejor nota: 100 % · Aprobada$/);
  assert.ok(await ticked(p), 'still ticked in the sidebar');
  assert.deepEqual(await stored(), [first], 'under the same key');

  // The right answer changes: the old result is shown as such, and counts for nothing.
  rebuild((q) => q.replace('text = "Madrid"\ncorrect = true', 'text = "Madrid"').replace('text = "Lisboa"', 'text = "Lisboa"\ncorrect = true'));
  await open();
  assert.match(await text(p.locator('.quiz-best')), /^De una versión anterior de esta evaluación: 100 %\. Ya no cuenta: vuelve a presentarla\.$/);
  assert.equal(await ticked(p), false, 'not passed until taken again');
  assert.equal(await text(p.locator('.quiz-result')), '', 'the earlier attempt is not laid out as this one');
  assert.deepEqual(await stored(), [first], 'nothing erased, nothing new yet');

  // Taken again, it counts again.
  await p.getByLabel('Lisboa').check();
  await p.getByRole('button', { name: 'Enviar respuestas' }).click();
  assert.match(await text(p.locator('.quiz-best')), /^Tu mejor nota: 100 % · Aprobada/);
  assert.equal((await stored()).length, 2, 'the earlier result is kept beside the new one');
  assert.ok(await ticked(p));
  assert.deepEqual(errors, []);
  await context.close();
});

test('two courses with the same title on one origin keep their progress apart, and one reset leaves the other alone', async (t) => {
  // Ids that are prefixes of each other, at /a/ and /b/ of one server.
  const site = mkdtempSync(join(tmpdir(), 'aula-two-'));
  const roots = ['curso', 'curso-2'].map((id) => makeCourse({
    'site.toml': `title = "Mi curso"\nid = "${id}"\nlanguage = "es"\n`,
    'content/_index.md': page('Mi curso'),
    'content/01-m/_index.md': page('Módulo'),
    'content/01-m/01-leccion.md': page('Lección'),
    'content/01-m/quiz.toml': QUIZ,
  }));
  roots.forEach((r, i) => build(r, join(site, 'ab'[i])));
  const both = await serve(site);
  // However the test ends, the second server must close, or node waits for it.
  t.after(async () => {
    await both.close();
    for (const r of [...roots, site]) rmSync(r, { recursive: true, force: true });
  });
  const context = await browser.newContext();
  const p = await context.newPage();
  const errors = watchErrors(p);
  p.on('dialog', (d) => d.accept());
  const keys = () => p.evaluate(() => Object.keys(localStorage).sort());
  for (const at of ['a', 'b']) {
    await p.goto(`${both.url}${at}/m/leccion.html`);
    await readToEnd(p);
    await p.goto(`${both.url}${at}/m/quiz.html`);
    await p.locator('form.quiz.is-ready').waitFor();
    await p.getByLabel('Madrid').check();
    await p.getByRole('button', { name: 'Enviar respuestas' }).click();
  }
  const all = await keys();
  // Per course: its visits, their time, and the quiz's results.
  assert.equal(all.filter((k) => k.startsWith('aula:curso:')).length, 3, all.join('\n'));
  assert.equal(all.filter((k) => k.startsWith('aula:curso-2:')).length, 3, all.join('\n'));

  await p.goto(`${both.url}a/index.html`);
  await p.getByRole('button', { name: 'Reiniciar mi progreso' }).click();
  assert.deepEqual(await keys(), all.filter((k) => k.startsWith('aula:curso-2:')), "only course a's keys are gone");
  await p.goto(`${both.url}b/m/quiz.html`);
  await p.locator('form.quiz.is-ready').waitFor();
  assert.match(await text(p.locator('.quiz-best')), /^Tu mejor nota: 100 % · Aprobada$/, 'course b keeps its result');
  assert.deepEqual(errors, []);
  await context.close();
});
