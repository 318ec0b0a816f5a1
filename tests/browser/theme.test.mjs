// Browser tests of the default theme (everything but the quiz itself): navigation, progress,
// print, file:// and the CSS/JS budget, on the repository's sample course, in Debian's headless
// Chromium, served under `Content-Security-Policy: default-src 'self'`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildSample, servedSite, watchErrors, repo, readToEnd } from './helpers.mjs';

// The UI strings the sample course (Spanish) is built with.
const T = Object.fromEntries([...readFileSync(join(repo, 'themes/aula/i18n/es.toml'), 'utf8')
  .matchAll(/^"?([\w]+)"?\s*=\s*"(.*)"\s*$/gm)].map((m) => [m[1], m[2]]));

const M1 = 'el-servicio/';
const L1 = 'el-servicio/que-es-el-servicio.html';
const L2 = 'el-servicio/caracteristicas.html';
const Q1 = 'el-servicio/quiz.html';
const M2 = 'momentos-de-verdad/';

const shared = servedSite(buildSample);

async function open(path, options = {}) {
  const context = await shared.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const errors = watchErrors(page);
  if (path != null) await page.goto(shared.server.url + path);
  return { context, page, errors };
}
const percentOf = async (locator) => Number((await locator.textContent()).replace(/[^\d]/g, ''));

test('the sidebar marks the current page, and only it', async () => {
  const { context, page } = await open(L2);
  const current = page.locator('nav.sidebar a[aria-current="page"]');
  assert.equal(await current.count(), 1);
  assert.ok(await current.isVisible());
  const ownText = (a) => [...a.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
  assert.equal(await current.evaluate(ownText), (await page.locator('h1').textContent()).trim());
  // Only the current module's lessons are listed; other modules are single links.
  assert.equal(await page.locator('nav.sidebar .nav-items').count(), 1);
  assert.ok(await page.locator('nav.sidebar a', { hasText: 'Momentos de verdad' }).isVisible());
  assert.equal(await page.locator('nav.sidebar a', { hasText: '¿Qué es un momento de verdad?' }).count(), 0);
  // The current page stands out.
  const bg = (l) => l.evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(await bg(current), await bg(page.locator('nav.sidebar a', { hasText: '¿Qué es un servicio?' })));
  await context.close();
});

test('a lesson opened but not read to its end is not visited', async () => {
  const { context, page } = await open(L1);
  assert.ok(await page.locator('[data-page-end]').evaluate((e) => e.getBoundingClientRect().top > innerHeight), 'the lesson is longer than the screen');
  await page.waitForTimeout(300);
  await page.goto(shared.server.url + M1 + 'index.html');
  const lesson = page.locator('.module-items li', { hasText: '¿Qué es un servicio?' });
  assert.equal(await lesson.locator('.tick').count(), 0, 'no tick for a lesson only opened');
  await context.close();
});

test('a visited lesson gets a tick with a text alternative, in the sidebar and on the module page', async () => {
  const { context, page } = await open(L1);
  await readToEnd(page);
  await page.goto(shared.server.url + M1 + 'index.html');
  const visited = page.locator('.module-items li', { hasText: '¿Qué es un servicio?' });
  const other = page.locator('.module-items li', { hasText: 'Tipos de servicio' });
  assert.ok(await visited.locator('.tick').isVisible());
  assert.ok(await visited.getByText(T.progress_visited, { exact: true }).isVisible());
  assert.equal(await other.locator('.tick').count(), 0);
  assert.equal(await other.getByText(T.progress_visited).count(), 0);
  const side = page.locator(`nav.sidebar a[data-progress][href$="${L1}"]`);
  assert.ok(await side.locator('.tick').isVisible());
  assert.match(await side.locator('.visually-hidden').last().textContent(), new RegExp(T.progress_visited));
  // The quiz has not been taken yet.
  assert.ok(await page.locator('.module-items li.is-quiz').getByText(T.progress_quiz_new).isVisible());
  await context.close();
});

test("the module page shows the quiz's status and best score", async () => {
  const { context, page } = await open(M1 + 'index.html');
  const key = await page.locator('.module-items a[data-quiz-key]').getAttribute('data-quiz-key');
  await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ best: 60, last: 60, attempts: 1, passed: false })), key);
  await page.reload();
  const quiz = page.locator('.module-items li.is-quiz');
  assert.match(await quiz.locator('.status').innerText(), new RegExp(`${T.progress_quiz_failed}.*${T.progress_best_score}: 60\\s?%`));
  assert.equal(await quiz.locator('.tick').count(), 0);
  await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ best: 90, last: 70, attempts: 2, passed: true })), key);
  await page.reload();
  assert.match(await quiz.locator('.status').innerText(), new RegExp(`${T.progress_quiz_passed}.*90\\s?%`));
  assert.ok(await quiz.locator('.tick').isVisible());
  assert.ok(await page.locator(`nav.sidebar a[data-quiz-key="${key}"] .tick`).isVisible());
  await context.close();
});

test('passing a quiz ticks it in the sidebar at once', async () => {
  const { context, page } = await open(M2 + 'quiz.html');
  const side = page.locator('nav.sidebar a[aria-current="page"]');
  assert.equal(await side.locator('.tick').count(), 0);
  const data = JSON.parse(await page.locator('.quiz-data').textContent());
  for (const q of data.questions) {
    const f = page.locator(`[data-question="${q.id}"]`);
    if (q.kind === 'short') await f.locator('input').fill(q.accept[0]);
    else for (const id of q.correct) await f.locator(`input[value="${id}"]`).check();
  }
  await page.locator('form.quiz [type="submit"]').click();
  await side.locator('.tick').waitFor({ timeout: 2000 });
  assert.match(await side.locator('.visually-hidden').last().textContent(), new RegExp(T.progress_quiz_passed));
  await page.goto(shared.server.url + M2 + 'index.html');
  assert.match(await page.locator('.module-items li.is-quiz .status').innerText(), new RegExp(`${T.progress_quiz_passed}.*100\\s?%`));
  await context.close();
});

test('home shows the course done as a percentage, per module too, and reset clears it', async () => {
  const { context, page } = await open('index.html');
  const course = page.locator('.hero [data-percent]');
  assert.ok(await course.isVisible());
  assert.equal(await percentOf(course), 0);
  assert.equal((await page.locator('[data-continue]').textContent()).trim(), T.progress_start);
  for (const l of [L1, L2]) {
    await page.goto(shared.server.url + l);
    await readToEnd(page);
  }
  await page.goto(shared.server.url + 'index.html');
  assert.ok(await percentOf(course) > 0);
  const card1 = page.locator('.card').first();
  assert.equal(await percentOf(card1.locator('[data-percent]')), 40); // 2 of 4 lessons + quiz
  assert.equal(await percentOf(page.locator('.card').nth(1).locator('[data-percent]')), 0);
  assert.match(await page.locator('[data-continue]').textContent(), new RegExp(T.progress_continue));

  // Dismissing the confirmation keeps everything; accepting erases every key of this course.
  await page.evaluate(() => localStorage.setItem('other-site', 'kept'));
  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: T.progress_reset }).click();
  assert.ok(await percentOf(course) > 0);
  page.once('dialog', (d) => { assert.equal(d.type(), 'confirm'); d.accept(); });
  await page.getByRole('button', { name: T.progress_reset }).click();
  assert.equal(await percentOf(course), 0);
  assert.equal(await percentOf(card1.locator('[data-percent]')), 0);
  assert.ok(await page.getByText(T.progress_reset_done).isVisible());
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(keys, ['other-site']);
  await page.reload();
  assert.equal(await percentOf(course), 0);
  await context.close();
});

test('at 375 px the sidebar is collapsed, and opens and navigates without JavaScript', async () => {
  for (const javaScriptEnabled of [false, true]) {
    const { context, page } = await open(L2, { viewport: { width: 375, height: 740 }, javaScriptEnabled });
    const link = page.locator('nav.sidebar a', { hasText: 'Momentos de verdad' });
    assert.equal(await link.isVisible(), false, `collapsed (js: ${javaScriptEnabled})`);
    assert.ok(await page.locator('h1').isVisible());
    await page.locator('nav.sidebar summary').click();
    assert.ok(await link.isVisible());
    await link.click();
    await page.waitForURL('**/' + M2 + 'index.html');
    assert.match(await page.locator('h1').textContent(), /Momentos de verdad/);
    await context.close();
  }
});

test('on a wide screen the sidebar is open, with or without JavaScript', async () => {
  for (const javaScriptEnabled of [false, true]) {
    const { context, page } = await open(L2, { javaScriptEnabled });
    assert.ok(await page.locator('nav.sidebar a', { hasText: 'Momentos de verdad' }).isVisible());
    assert.equal(await page.locator('nav.sidebar summary').isVisible(), false);
    await context.close();
  }
});

test('previous/next links walk the whole course in order, across module boundaries', async () => {
  const { context, page } = await open(M1 + 'index.html');
  assert.equal(await page.locator('.pager a[rel="prev"]').getAttribute('href'), '../index.html');
  const seen = [''];
  for (let i = 0; i < 100; i++) {
    seen.push(new URL(page.url()).pathname.replace(/^\//, '').replace(/index\.html$/, ''));
    const next = page.locator('.pager a[rel="next"]');
    if (!(await next.count())) break;
    const before = page.url();
    await Promise.all([page.waitForURL((u) => u.href !== before), next.click()]);
  }
  // Expected: (home,) each module followed by its items, then the top-level pages.
  const modules = await page.evaluate(() => [...document.querySelectorAll('.nav-modules > li > a')].map((a) => a.getAttribute('href')));
  assert.equal(seen[0], '');
  assert.equal(seen.at(-1), 'glosario.html');
  let at = 1;
  for (const href of modules) {
    const key = href.replace(/^(\.\.\/)*/, '').replace(/index\.html$/, '');
    assert.equal(seen[at], key, 'module page in order');
    const module = await context.newPage();
    await module.goto(shared.server.url + key + 'index.html');
    const items = await module.locator('.module-items a').evaluateAll((as) => as.map((a) => a.getAttribute('href').replace(/^(\.\.\/)*/, '').replace(/index\.html$/, '')));
    await module.close();
    assert.deepEqual(seen.slice(at + 1, at + 1 + items.length), items);
    at += 1 + items.length;
  }
  // And back: the first page of module 2 leads back to module 1's quiz.
  await page.goto(shared.server.url + M2 + 'index.html');
  await page.locator('.pager a[rel="prev"]').click();
  await page.waitForURL('**/' + Q1);
  await context.close();
});

test('no console errors or CSP violations on any page type, under the strict CSP header', async () => {
  const { context, page, errors } = await open(null);
  for (const path of ['index.html', M1 + 'index.html', L2, Q1,
    'glosario.html', 'print.html', '404.html', 'results.html', 'certificate.html',
    'triangulo-del-servicio/el-triangulo-y-la-estrategia.html']) {
    const res = await page.goto(shared.server.url + path);
    assert.equal(res.status(), 200, path);
    assert.ok(await page.locator('h1').first().isVisible(), path);
  }
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(shared.server.url + L2);
  assert.deepEqual(errors, []);
  // No inline script, style or handler anywhere in the output.
  for (const path of ['index.html', L2, 'print.html', '404.html', 'results.html', 'certificate.html']) {
    const html = readFileSync(join(shared.dir, path), 'utf8');
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/, path);
    assert.doesNotMatch(html, /\sstyle=|<style|\son[a-z]+=/i, path);
  }
  await context.close();
});

test('the built site works from file://: home → module → lesson by clicking, with progress', async () => {
  const { context, page, errors } = await open(null);
  await page.goto(pathToFileURL(join(shared.dir, 'index.html')).href);
  assert.ok(await page.locator('.hero [data-percent]').isVisible(), 'aula.js ran');
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.match(font, /system-ui/, 'aula.css applied');
  await page.locator('.card h3 a').first().click();
  await page.waitForURL(/el-servicio\/index\.html$/);
  await page.locator('.module-items a').first().click();
  await page.waitForURL(/que-es-el-servicio\.html$/);
  assert.equal((await page.locator('h1').textContent()).trim(), '¿Qué es un servicio?');
  await page.locator('.pager a[rel="next"]').click();
  await page.waitForURL(/caracteristicas\.html$/);
  assert.ok(await page.locator(`nav.sidebar a[data-progress][href$="${L1}"] .tick`).isVisible());
  assert.deepEqual(errors, []);
  await context.close();
});

test('progress saved when pages were folders (module/lesson/) still shows', async () => {
  const { context, page } = await open(L2);
  const course = await page.evaluate(() => document.body.dataset.course);
  assert.equal(await page.evaluate(() => document.body.dataset.pageKey), 'el-servicio/caracteristicas/');
  await page.evaluate((k) => { localStorage.clear(); localStorage.setItem(k, JSON.stringify(['el-servicio/que-es-el-servicio/'])); }, `aula:${course}:visited`);
  await page.reload();
  await readToEnd(page);
  assert.ok(await page.locator(`nav.sidebar a[data-progress][href$="${L1}"] .tick`).isVisible());
  assert.equal(await page.locator(`nav.sidebar a[data-progress][href$="${L2}"] .tick`).count(), 1, 'and this visit is stored under the same kind of key');
  await context.close();
});

test('with storage blocked, pages still work and nothing throws', async () => {
  const { context, page, errors } = await open(null);
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  await page.goto(shared.server.url + L2);
  await page.goto(shared.server.url + 'index.html');
  assert.equal(await page.locator('[data-reset]').isVisible(), false);
  assert.ok(await page.locator('.card h3 a').first().isVisible());
  assert.deepEqual(errors, []);
  await context.close();
});

async function assetBytes(path) {
  const { context, page } = await open(null);
  const bodies = {};
  page.on('response', async (res) => {
    const type = res.request().resourceType();
    // The budget is the theme's code, under assets/. course-data.js is the course's own
    // structure, which grows with the course, and static/course.css the course's own style.
    const at = new URL(res.url()).pathname;
    if ((type === 'stylesheet' || type === 'script') && at.startsWith('/assets/') && !at.endsWith('/course-data.js')) bodies[at] = await res.body();
  });
  await page.goto(shared.server.url + path);
  await page.waitForLoadState('networkidle');
  await context.close();
  const sizes = Object.fromEntries(Object.entries(bodies).map(([k, b]) => [k, b.length]));
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const gzippedOf = (at) => gzipSync(bodies[at], { level: 9 }).length;
  return { sizes, total: sum(Object.values(sizes)), gzipped: sum(Object.keys(bodies).map(gzippedOf)), gzippedOf };
}

// A quiz page holds every question type (issue 18): 40 KB, and 14 KB with each file gzipped.
// A course in more than one language, as the sample is, adds the switcher's stylesheet, which
// has a budget of its own; a course in one language never loads it (languages.rs).
for (const [name, path, kb, gzipKb] of [['a lesson page', L2, 30], ['the home page', 'index.html', 30], ['a quiz page', Q1, 40, 14]]) {
  test(`CSS + JS of ${name} stay within ${kb} KB${gzipKb ? `, ${gzipKb} KB gzipped` : ''}, and the language switcher's within 1 KB`, async () => {
    const { sizes, total: all, gzipped: allGzipped, gzippedOf } = await assetBytes(path);
    assert.ok('/assets/aula.css' in sizes && '/assets/aula.js' in sizes, JSON.stringify(sizes));
    const switcher = sizes['/assets/languages.css'];
    assert.ok(switcher > 0 && switcher <= 1024, `languages.css: ${switcher} bytes`);
    const total = all - switcher, gzipped = allGzipped - gzippedOf('/assets/languages.css');
    assert.ok(total <= kb * 1024, `${total} bytes: ${JSON.stringify(sizes)}`);
    if (gzipKb) assert.ok(gzipped <= gzipKb * 1024, `${gzipped} bytes gzipped: ${JSON.stringify(sizes)}`);
  });
}

test('tables scroll sideways on a phone and can be reached by keyboard', async () => {
  const { context, page } = await open(L2, { viewport: { width: 375, height: 740 } });
  const wrap = page.locator('.prose .table-scroll').first();
  assert.equal(await wrap.getAttribute('tabindex'), '0');
  assert.equal(await wrap.getAttribute('aria-label'), T.table_label);
  const { scroll, client } = await wrap.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
  assert.ok(scroll > client);
  // The page itself does not scroll sideways.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  await context.close();
});

test('keyboard: the skip link comes first, shows on focus and moves to the content', async () => {
  const { context, page } = await open(L2);
  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  assert.ok(await skip.evaluate((e) => e === document.activeElement));
  const box = await skip.boundingBox();
  assert.ok(box.y >= 0, 'visible when focused');
  const outline = await skip.evaluate((e) => getComputedStyle(e).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.keyboard.press('Enter');
  assert.ok(await page.evaluate(() => document.activeElement.id === 'main'));
  assert.equal(await page.locator('h1').count(), 1);
  await context.close();
});

test('a lesson prints without navigation', async () => {
  const { context, page } = await open(L2);
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['nav.sidebar', '.site-header', '.site-footer', '.pager', '.breadcrumbs']) {
    assert.equal(await page.locator(sel).isVisible(), false, sel);
  }
  assert.ok(await page.locator('h1').isVisible());
  assert.ok(await page.locator('.prose table').first().isVisible());
  await context.close();
});

test('the print page: every lesson in order, worksheets without answers, and an answer key', async () => {
  const { context, page } = await open('print.html');
  assert.equal(await page.locator('h1').count(), 1);
  const modules = await page.locator('.print-module header h2').allTextContents();
  // Six modules and the final assessment.
  assert.equal(modules.length, 7);
  assert.match(modules[0], /El servicio y sus características/);
  assert.match(modules[6], /Evaluación final/);
  // A module's lessons follow it, in order.
  const lessons = await page.locator('#el-servicio ~ .print-lesson h3').allTextContents();
  assert.deepEqual(lessons.slice(0, 5), ['¿Qué es un servicio?', 'Las siete características del servicio',
    'Tipos de servicio: básico, complementario y periférico', 'Caso Buen Camino (1): lo que de verdad vende una serviteca',
    'Evaluación: el servicio y sus características']);
  // Worksheets: empty boxes, nothing that gives the answer away.
  const sheet = page.locator('.print-quiz').first();
  assert.equal(await sheet.locator('.question').count(), 14);
  assert.ok(await sheet.locator('.box').first().isVisible());
  assert.equal(await sheet.locator('input:checked, .answer, .explain, [data-correct]').count(), 0);
  const firstAnswers = await page.locator('.print-quiz .question .options li:first-child').allTextContents();
  assert.ok(new Set(firstAnswers.slice(0, 10)).size > 1);
  // The key: one entry per question, with the letter of the right option and an explanation.
  const key = page.locator('.answer-key');
  assert.equal(await key.locator(':scope > section').count(), 7);
  assert.equal(await key.locator(':scope > section').first().locator(':scope > ol > li').count(), 14);
  const first = key.locator(':scope > section').first().locator('li').first();
  const letter = (await first.locator('.answer').textContent()).trim().slice(0, 1);
  const options = sheet.locator('.question').first().locator('.options li');
  const right = options.nth(letter.charCodeAt(0) - 65);
  assert.match(await right.textContent(), /resultado de la interacción/);
  assert.ok(await first.locator('.explain').isVisible());
  // Printed, the cover and modules start on new pages and the button disappears.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('[data-print]').isVisible(), false);
  assert.equal(await page.locator('.print-module').first().evaluate((e) => getComputedStyle(e).breakBefore), 'page');
  await context.close();
});
