// The authors' course (tests/fixtures/authors/): Markdown as mdBook, GitHub and Pandoc authors
// write it. Every page passes axe in light and dark at desktop and phone widths, and what folds
// or toggles works by mouse and keyboard, under the strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { axeViolations, build, makeCourse, repo, servedSite, watchErrors } from './helpers.mjs';

const fixture = join(repo, 'tests', 'fixtures', 'authors');
const shared = servedSite(() => build(fixture, join(mkdtempSync(join(tmpdir(), 'aula-authors-')), 'public')));

/** Every HTML page of the built course, as paths relative to its root. */
function pages(dir, under = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return pages(path, under);
    return e.name.endsWith('.html') ? [relative(under, path)] : [];
  });
}


for (const colorScheme of ['light', 'dark']) {
  for (const width of [1280, 375]) {
    test(`every page of the authors' course passes axe, ${colorScheme}, ${width} px`, async () => {
      const context = await shared.browser.newContext({ viewport: { width, height: 800 }, colorScheme });
      const page = await context.newPage();
      const errors = watchErrors(page);
      const found = [];
      const all = pages(shared.dir);
      assert.ok(all.length >= 5, all.join(' '));
      for (const path of all) {
        await page.goto(shared.server.url + path);
        // Open every folded box, so that its content is checked too.
        await page.evaluate(() => document.querySelectorAll('details.admonition').forEach((d) => { d.open = true; }));
        for (const v of await axeViolations(page)) found.push(`${path}: ${v}`);
      }
      assert.deepEqual(found, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('a solution is folded until the learner opens it, by mouse or keyboard', async () => {
  const page = await shared.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(shared.server.url + 'boxes/pandoc.html');
  const solution = page.locator('details.admonition-solution');
  const answer = solution.getByText('The strategy, the people and the systems.');
  assert.equal(await answer.isVisible(), false);
  await solution.locator('summary').click();
  assert.equal(await answer.isVisible(), true);
  await solution.locator('summary').click();
  assert.equal(await answer.isVisible(), false);
  await solution.locator('summary').focus();
  await page.keyboard.press('Enter');
  assert.equal(await answer.isVisible(), true);
  // The box is announced as a note, with its title as its first words.
  const note = page.locator('.admonition-exercise');
  assert.equal(await note.getAttribute('role'), 'note');
  assert.match(await note.innerText(), /^Exercise\n/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('boxes print with their border and the solution open', async () => {
  const page = await shared.browser.newPage();
  await page.goto(shared.server.url + 'print.html');
  await page.emulateMedia({ media: 'print' });
  const solution = page.locator('details.admonition-solution').first();
  assert.equal(await solution.getByText('The strategy, the people and the systems.').isVisible(), true);
  const border = await page.locator('.admonition-warning').first().evaluate((e) => getComputedStyle(e).borderLeftStyle);
  assert.equal(border, 'solid');
  await page.close();
});

test('formulas are drawn as MathML under the CSP, their styles from math.css', async () => {
  const page = await shared.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(shared.server.url + 'maths/formulas.html');
  const block = page.locator('math[display=block]');
  const box = await block.boundingBox();
  // Drawn as maths: the fraction stacks, so the block is taller than a line of text.
  assert.ok(box && box.width > 50 && box.height > 30, JSON.stringify(box));
  const fraction = await page.locator('mfrac').first().evaluate((e) => getComputedStyle(e).display);
  assert.match(fraction, /math/);
  // The negative space of `a\!b` comes from a class of math.css, not an inline style.
  const margin = await page.locator('mspace[class]').evaluate((e) => getComputedStyle(e).marginLeft);
  assert.ok(parseFloat(margin) < 0, margin);
  assert.deepEqual(errors, []);
  await page.close();
});

// Found in review: a table written in HTML got no styles, no scrolling box and no keyboard reach.
const rawTable = servedSite(() => build(makeCourse({
  'content/_index.md': '+++\ntitle = "Curso"\n+++\nInicio.\n',
  'content/01-m/_index.md': '+++\ntitle = "Módulo"\n+++\nMódulo.\n',
  'content/01-m/01-l.md': '+++\ntitle = "Tabla"\n+++\n\n<table><tr>' +
    Array.from({ length: 8 }, (_, i) => `<th>Columna número ${i + 1}</th>`).join('') + '</tr></table>\n',
})));

test('a wide table written in HTML scrolls in its own box and is reached by keyboard at 375 px', async () => {
  const page = await rawTable.browser.newPage({ viewport: { width: 375, height: 700 } });
  const errors = watchErrors(page);
  await page.goto(rawTable.server.url + 'm/l.html');
  const box = page.locator('.prose .table-scroll');
  await box.waitFor();
  assert.equal(await box.getAttribute('tabindex'), '0');
  assert.ok(await box.getAttribute('aria-label'));
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  const padding = await page.locator('th').first().evaluate((e) => getComputedStyle(e).paddingLeft);
  assert.notEqual(padding, '0px');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a raw image keeps the height or width its attributes give it', async () => {
  const page = await shared.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(shared.server.url + 'raw-html/media.html');
  const size = (alt) => page.locator(`img[alt="${alt}"]`).evaluate((i) => [i.getBoundingClientRect().width, i.getBoundingClientRect().height]);
  assert.deepEqual(await size('The diagram, by its height alone'), [96, 60]);
  assert.deepEqual(await size('The diagram'), [320, 200]);
  await page.close();
});
