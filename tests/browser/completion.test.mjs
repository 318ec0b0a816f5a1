// The completion rule on the home page (issue 19), in Debian's headless Chromium under the CSP:
// Continue goes to the first unfinished lesson or quiz in reading order, and once the rule of
// site.toml is met the home page says the course is complete, with the date and the result.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { makeCourse, build, serve, launch, watchErrors, readToEnd, oneQuestionQuiz, textPage, squeezed } from './helpers.mjs';

const QUIZ = oneQuestionQuiz();
const page = textPage;
const cleanup = [];
after(async () => { for (const f of cleanup.reverse()) await f(); });

async function course(completion = '') {
  const root = makeCourse({
    'site.toml': `title = "Curso"\nid = "completo"\nlanguage = "es"\nbase_url = "/"\n${completion}`,
    'content/_index.md': page('Curso'),
    'content/01-m/_index.md': page('Módulo uno'),
    'content/01-m/01-primera.md': page('Primera lección'),
    'content/01-m/02-segunda.md': page('Segunda lección'),
    'content/01-m/quiz.toml': QUIZ,
  });
  const server = await serve(build(root));
  const browser = await launch();
  cleanup.push(() => rmSync(root, { recursive: true, force: true }), () => server.close(), () => browser.close());
  const p = await (await browser.newContext()).newPage();
  const errors = watchErrors(p);
  return { p, errors, url: server.url };
}
const text = squeezed;

test('Continue goes to the first unfinished lesson, then the quiz; passing it completes the course', async () => {
  const { p, errors, url } = await course();
  await p.goto(`${url}m/primera.html`);
  await readToEnd(p);
  await p.goto(`${url}index.html`);
  const go = p.locator('[data-continue]');
  assert.equal(await text(go), 'Continuar: Segunda lección');
  assert.match(await go.getAttribute('href'), /m\/segunda\.html$/, 'to the lesson, not the module page');
  assert.equal(await p.locator('[data-complete]').isVisible(), false);

  await go.click();
  await readToEnd(p);
  await p.goto(`${url}index.html`);
  assert.equal(await text(go), 'Continuar: Evaluación');
  await go.click();
  await p.locator('form.quiz.is-ready').waitFor();
  await p.getByLabel('Madrid').check();
  await p.getByRole('button', { name: 'Enviar respuestas' }).click();

  await p.goto(`${url}index.html`);
  const done = p.locator('[data-complete]');
  await done.waitFor();
  const today = await p.evaluate(() => new Intl.DateTimeFormat('es', { dateStyle: 'long' }).format(new Date()));
  assert.equal(await text(done.locator('[data-complete-date]')), `¡Completaste el curso el ${today}!`);
  assert.equal(await text(done.locator('[data-complete-result]')), 'Resultado general: 100 %');
  assert.equal(await go.isVisible(), false, 'nothing left to continue to');
  assert.deepEqual(errors, []);
});

test('a completion rule of half the lessons and no quiz is met by reading one lesson of two', async () => {
  const { p, errors, url } = await course('\n[completion]\nlessons = 50\nquizzes = []\n');
  await p.goto(`${url}index.html`);
  assert.equal(await p.locator('[data-complete]').isVisible(), false);
  await p.goto(`${url}m/primera.html`);
  await readToEnd(p);
  await p.goto(`${url}index.html`);
  await p.locator('[data-complete]').waitFor();
  assert.equal(await p.locator('[data-complete-result]').isVisible(), false, 'no quiz taken, no result to show');
  assert.deepEqual(errors, []);
});
