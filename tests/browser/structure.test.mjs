// Browser tests of the course structure (issue 17) on tests/fixtures/authors: a module with
// only an introduction counts that introduction as what there is to read, so its progress is
// 0 % until its page is visited, and 100 % after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeSource, build, repo, servedSite, watchErrors } from './helpers.mjs';

const shared = servedSite(() => build(join(repo, 'tests/fixtures/authors'), join(mkdtempSync(join(tmpdir(), 'aula-authors-')), 'public')));

const percentOf = async (locator) => Number((await locator.textContent()).replace(/[^\d]/g, ''));

test('a module with only an introduction shows its reading time and 0 % until it is visited', async () => {
  const context = await shared.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(shared.server.url + 'index.html');
  const card = page.locator('[data-module-card]', { hasText: 'Only an introduction' });
  assert.match(await card.locator('.meta').textContent(), /^1 min/, 'its reading time, not 0 min');
  assert.equal(await percentOf(card.locator('[data-percent]')), 0);
  assert.equal(await card.locator('progress').evaluate((p) => p.value), 0);
  const hero = page.locator('.hero [data-percent]');
  assert.equal(await percentOf(hero), 0);

  await page.goto(shared.server.url + 'only-an-introduction/index.html');
  // Its own link in the sidebar is ticked once it is read.
  const side = page.locator('nav.sidebar a[href$="only-an-introduction/index.html"]');
  assert.ok(await side.locator('.tick').isVisible());
  await page.goto(shared.server.url + 'index.html');
  assert.equal(await percentOf(card.locator('[data-percent]')), 100);
  assert.ok(await card.evaluate((c) => c.classList.contains('is-done')));
  // One of the course's things to read: its lessons and quizzes, and the introductions of the
  // modules that have nothing else (this one and the three of the parts).
  const total = await page.evaluate(() => [...document.querySelectorAll('[data-module-card]')]
    .flatMap((c) => `${c.dataset.lessons} ${c.dataset.quizzes}`.split(' ').filter(Boolean)).length);
  assert.ok(total >= 5, `${total}`);
  assert.equal(await percentOf(hero), Math.round(100 / total));
  // A module with lessons is not done because its introduction was opened.
  await page.goto(shared.server.url + 'customer-care/index.html');
  await page.goto(shared.server.url + 'index.html');
  const other = page.locator('[data-module-card]', { hasText: 'Customer care' });
  assert.equal(await percentOf(other.locator('[data-percent]')), 0);
  assert.deepEqual(errors, []);
  await context.close();
});


// Parts: the sidebar's labelled lists, the home page's part headings and the print page's.
for (const colorScheme of ['light', 'dark']) {
  for (const width of [1280, 375]) {
    test(`parts pass axe, ${colorScheme}, ${width} px`, async () => {
      const context = await shared.browser.newContext({ viewport: { width, height: 800 }, colorScheme });
      const page = await context.newPage();
      const errors = watchErrors(page);
      const found = [];
      for (const path of ['index.html', 'part-one-second/index.html', 'intro.html', 'print.html']) {
        await page.goto(shared.server.url + path);
        if (width < 600 && path !== 'print.html') await page.locator('nav.sidebar summary').click();
        await page.evaluate(axeSource);
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        for (const v of result.violations) found.push(`${path}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
      // The part's label names its list for assistive technology.
      await page.goto(shared.server.url + 'part-one-second/index.html');
      if (width < 600) await page.locator('nav.sidebar summary').click();
      const list = page.getByRole('list', { name: 'Part I: The language' });
      assert.equal(await list.getByRole('link').count(), 2);
      assert.deepEqual(found, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
