// A course in Spanish and English (issue 22), in Debian's headless Chromium under the CSP: the
// switcher lands on the same page in the other language, over HTTP and from disk; progress and
// quiz results are one record whichever language they were made in; and the English pages,
// the one shown in Spanish for want of a translation included, have no axe violations.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { makeCourse, build, serve, launch, watchErrors, readToEnd, oneQuestionQuiz, textPage, squeezed, axeViolations } from './helpers.mjs';

const QUIZ_EN = `title = "Quiz"
description = "Answer."
pass = 70
mode = "submit"

[[questions]]
id = "capital"
prompt = "What is the capital of Spain?"
[[questions.options]]
text = "Lisbon"
[[questions.options]]
text = "Madrid"
correct = true
`;

const root = makeCourse({
  'site.toml': 'title = "Curso"\nid = "bilingue"\nlanguage = "es"\nbase_url = "/"\n\n[languages.en]\ntitle = "Course"\n',
  'content/_index.md': textPage('Curso'),
  'content/_index.en.md': '+++\ntitle = "Course"\n+++\n\nText.\n',
  'content/01-m/_index.md': textPage('Módulo uno'),
  'content/01-m/_index.en.md': '+++\ntitle = "Module one"\n+++\n\nText.\n',
  'content/01-m/01-primera.md': textPage('Primera lección'),
  'content/01-m/01-primera.en.md': '+++\ntitle = "First lesson"\n+++\n\nText.\n',
  'content/01-m/02-segunda.md': textPage('Segunda lección'),
  'content/01-m/quiz.toml': oneQuestionQuiz(),
  'content/01-m/quiz.en.toml': QUIZ_EN,
});
const out = build(root);
const server = await serve(out);
const browser = await launch();
after(async () => {
  await browser.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

for (const [how, base] of [['over HTTP', server.url], ['from disk', pathToFileURL(out).href + '/']]) {
  test(`the switcher goes to the same page in the other language and back, ${how}`, async () => {
    const p = await (await browser.newContext()).newPage();
    const errors = watchErrors(p);
    await p.goto(`${base}m/primera.html`);
    const switcher = p.getByRole('navigation', { name: 'Idioma' });
    assert.equal(await switcher.getByRole('link', { name: 'Español' }).getAttribute('aria-current'), 'page');
    await switcher.getByRole('link', { name: 'English' }).click();
    await p.waitForURL(/\/en\/m\/primera\.html$/);
    assert.equal(await p.locator('html').getAttribute('lang'), 'en');
    assert.equal(await squeezed(p.locator('h1')), 'First lesson');
    assert.equal(await p.locator('.site-title').innerText(), 'Course');
    // The page in Spanish for want of a translation is the same page, with a notice.
    await p.getByRole('link', { name: 'Segunda lección' }).first().click();
    await p.waitForURL(/\/en\/m\/segunda\.html$/);
    assert.match(await squeezed(p.getByRole('note')), /not been translated into English/);
    await p.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Español' }).click();
    await p.waitForURL(/\/m\/segunda\.html$/);
    assert.doesNotMatch(p.url(), /\/en\//);
    assert.equal(await p.locator('html').getAttribute('lang'), 'es');
    assert.equal(await p.getByRole('note').count(), 0);
    assert.deepEqual(errors, []);
  });
}

test('a lesson read in English counts in Spanish, and a quiz passed in English completes the Spanish course', async () => {
  const p = await (await browser.newContext()).newPage();
  const errors = watchErrors(p);
  await p.goto(`${server.url}en/m/primera.html`);
  await readToEnd(p);
  await p.goto(`${server.url}index.html`);
  assert.equal(await squeezed(p.locator('[data-continue]')), 'Continuar: Segunda lección');

  await p.goto(`${server.url}m/segunda.html`);
  await readToEnd(p);
  await p.goto(`${server.url}en/index.html`);
  assert.equal(await squeezed(p.locator('[data-continue]')), 'Continue: Quiz');

  await p.goto(`${server.url}en/m/quiz.html`);
  await p.locator('form.quiz.is-ready').waitFor();
  await p.getByLabel('Madrid').check();
  await p.getByRole('button', { name: 'Submit answers' }).click();
  await p.locator('.quiz-result').filter({ hasText: '100' }).waitFor();

  await p.goto(`${server.url}index.html`);
  await p.locator('[data-complete]').waitFor();
  assert.equal(await squeezed(p.locator('[data-complete-result]')), 'Resultado general: 100 %');
  // The Spanish quiz page shows the result as its own.
  await p.goto(`${server.url}m/quiz.html`);
  await p.locator('form.quiz.is-ready').waitFor();
  assert.match(await squeezed(p.locator('main')), /100 %/);
  assert.deepEqual(errors, []);
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [1280, 375]) {
    test(`axe finds no violations on the English pages, ${colorScheme}, ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
      const p = await context.newPage();
      const errors = watchErrors(p);
      const found = [];
      for (const path of ['en/index.html', 'en/m/index.html', 'en/m/primera.html', 'en/m/segunda.html', 'en/m/quiz.html', 'en/results.html', 'en/certificate.html', 'en/print.html']) {
        await p.goto(server.url + path);
        for (const v of await axeViolations(p)) found.push(`${path}: ${v}`);
      }
      assert.deepEqual(found, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
