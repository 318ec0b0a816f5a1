// The authors' course's module 03-code-and-tables (tests/fixtures/authors/) in Chromium: the
// button that shows a Rust block's hidden lines, tables on a phone, code in a quiz reached by
// keyboard, axe in light and dark at both widths, and the course's own course.css, all under
// the strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { axeViolations, build, repo, servedSite, watchErrors } from './helpers.mjs';


const site = servedSite(() => build(join(repo, 'tests/fixtures/authors'),
  join(mkdtempSync(join(tmpdir(), 'aula-authors-')), 'public')));

const LESSON = 'code-and-tables/hidden-lines.html';
const TABLES = 'code-and-tables/tables.html';
const QUIZ = 'code-and-tables/quiz.html';

async function open(path, { width = 1280, colorScheme = 'light', javaScriptEnabled = true } = {}) {
  const context = await site.browser.newContext({ viewport: { width, height: 800 }, colorScheme, javaScriptEnabled });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.server.url + path);
  return { context, page, errors };
}


/** What the first Rust block shows, as a reader (and a copy) gets it. */
const firstBlock = (page) => page.locator('pre').first().innerText();

test('the hidden-lines button shows and hides the lines, and says which it does', async () => {
  const { context, page, errors } = await open(LESSON);
  assert.ok(!(await firstBlock(page)).includes('use std::collections::HashMap;'));
  const button = page.locator('.code-toggle').first();
  assert.equal(await button.textContent(), 'Show hidden lines');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await button.getAttribute('aria-controls'), await page.locator('pre').first().getAttribute('id'));
  await button.click();
  const shown = await firstBlock(page);
  assert.ok(shown.startsWith('use std::collections::HashMap;\n\nfn main() {\nlet mut scores'), shown);
  assert.equal(await button.textContent(), 'Hide lines again');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  // The copy of the code is what runs: the shown lines are selected with the rest.
  const copied = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('pre code'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return getSelection().toString();
  });
  assert.ok(copied.includes('use std::collections::HashMap;') && copied.includes('let mut scores'), copied);
  await button.click();
  assert.ok(!(await firstBlock(page)).includes('use std::collections::HashMap;'));
  assert.equal(await button.textContent(), 'Show hidden lines');
  // Only the Rust blocks with hidden lines get a button.
  assert.equal(await page.locator('.code-toggle').count(), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the hidden-lines button works from the keyboard', async () => {
  const { context, page, errors } = await open(LESSON);
  let focused = '';
  for (let i = 0; i < 40 && focused !== 'Show hidden lines'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.textContent);
  }
  assert.equal(focused, 'Show hidden lines');
  await page.keyboard.press('Enter');
  assert.ok((await firstBlock(page)).includes('use std::collections::HashMap;'));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Hide lines again');
  await page.keyboard.press('Space');
  assert.ok(!(await firstBlock(page)).includes('use std::collections::HashMap;'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('without JavaScript the hidden lines stay hidden and no dead button shows', async () => {
  const { context, page } = await open(LESSON, { javaScriptEnabled: false });
  assert.ok(!(await firstBlock(page)).includes('use std::collections::HashMap;'));
  assert.equal(await page.locator('button').count(), 1, 'only the (hidden) reset button of the footer');
  assert.equal(await page.getByRole('button').count(), 0);
  await context.close();
});

test('three_column_table_of_words_does_not_scroll_at_375px', async () => {
  const { context, page, errors } = await open(TABLES, { width: 375 });
  const boxes = await page.locator('.table-scroll').evaluateAll((all) => all.map((b) => ({
    scrolls: b.scrollWidth > b.clientWidth + 1,
    tabindex: b.getAttribute('tabindex'),
    role: b.getAttribute('role'),
    label: b.getAttribute('aria-label'),
    attachment: getComputedStyle(b).backgroundAttachment,
  })));
  assert.deepEqual(boxes[0], { scrolls: false, tabindex: null, role: null, label: null, attachment: 'local, local, scroll, scroll' });
  // The page itself never scrolls sideways.
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a table too wide for a phone scrolls in its box, shows that it does, and the keyboard reaches it', async () => {
  const { context, page, errors } = await open(TABLES, { width: 375 });
  const wide = page.locator('.table-scroll').nth(1);
  assert.equal(await wide.evaluate((b) => b.scrollWidth > b.clientWidth + 1), true);
  assert.equal(await wide.getAttribute('tabindex'), '0');
  assert.equal(await wide.getAttribute('role'), 'group');
  assert.equal(await wide.getAttribute('aria-label'), 'Table');
  // Its columns are wide enough to read: a description wraps in a few lines, not a word a line.
  assert.equal(await wide.evaluate((b) => b.classList.contains('is-wide')), true);
  const lines = await wide.locator('td:last-child').first().evaluate((td) => Math.round(td.clientHeight / parseFloat(getComputedStyle(td).lineHeight)));
  assert.ok(lines <= 4, `the description takes ${lines} lines`);
  assert.equal(await page.locator('.table-scroll').first().evaluate((b) => b.classList.contains('is-wide')), false);
  // Shadows at the edges say there is more: covers that scroll with the table (local) over
  // shadows that stay at the box's edges (scroll), pure CSS.
  const look = await wide.evaluate((b) => { const c = getComputedStyle(b); return { backgroundAttachment: c.backgroundAttachment, backgroundImage: c.backgroundImage }; });
  assert.equal(look.backgroundAttachment, 'local, local, scroll, scroll');
  assert.equal((look.backgroundImage.match(/radial-gradient/g) || []).length, 2, look.backgroundImage);
  let focused = false;
  for (let i = 0; i < 40 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await wide.evaluate((b) => document.activeElement === b);
  }
  assert.ok(focused, 'Tab reaches the wide table');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  // Scrolling may be smooth: wait for it to move.
  await wide.evaluate((b) => new Promise((ok) => { const t = setInterval(() => { if (b.scrollLeft > 0) { clearInterval(t); ok(); } }, 20); setTimeout(ok, 2000); }));
  assert.ok(await wide.evaluate((b) => b.scrollLeft > 0), 'arrow keys scroll it');
  // At 1280 px the wide table fits less well too, but the small one is no tab stop.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForFunction(() => !document.querySelector('.table-scroll').hasAttribute('tabindex'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('on paper a wide table is not clipped by its box', async () => {
  const { context, page } = await open(TABLES);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.table-scroll').nth(1).evaluate((b) => getComputedStyle(b).overflowX), 'visible');
  await context.close();
});

test('code in a quiz prompt and explanation is reached by keyboard at 375 px', async () => {
  const { context, page, errors } = await open(QUIZ, { width: 375 });
  const prompt = page.locator('.quiz-prompt pre');
  assert.equal(await prompt.evaluate((p) => p.scrollWidth > p.clientWidth + 1), true, 'the prompt code scrolls');
  assert.equal(await prompt.getAttribute('tabindex'), '0');
  // The option's code block is inside its label: focusable too, since it scrolls.
  assert.equal(await page.locator('.quiz-option pre').getAttribute('tabindex'), '0');
  // The code scrolls in its option, which stays as wide as the page.
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'the page scrolls sideways');
  // A short code span is no tab stop.
  assert.equal(await page.locator('.quiz-option code').first().getAttribute('tabindex'), null);
  await page.locator('.quiz-option input').first().check();
  await page.locator('.quiz-submit').click();
  const explained = page.locator('.quiz-explanation pre');
  await explained.waitFor();
  await page.waitForFunction(() => document.querySelector('.quiz-explanation pre').getAttribute('tabindex') === '0');
  // Its hidden lines have a button, as in a lesson.
  await page.locator('.quiz-explanation .code-toggle').click();
  assert.ok((await explained.innerText()).startsWith('fn main() {'));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [1280, 375]) {
    test(`axe: tables, hidden lines and quiz code, ${colorScheme}, ${width} px`, async () => {
      const found = [];
      for (const path of [TABLES, LESSON, QUIZ]) {
        const { context, page, errors } = await open(path, { width, colorScheme });
        for (const v of await axeViolations(page)) found.push(`${path}: ${v}`);
        if (path === LESSON) {
          for (const b of await page.locator('.code-toggle').all()) await b.click();
          for (const v of await axeViolations(page)) found.push(`${path} (lines shown): ${v}`);
        }
        if (path === QUIZ) {
          await page.locator('.quiz-option input').first().check();
          await page.locator('.quiz-submit').click();
          await page.locator('.quiz-explanation').waitFor();
          for (const v of await axeViolations(page)) found.push(`${path} (answered): ${v}`);
        }
        assert.deepEqual(errors, [], path);
        await context.close();
      }
      assert.deepEqual(found, []);
    });
  }
}

test('course.css applies under the strict CSP, on the print page and from disk', async () => {
  const purple = 'rgb(102, 51, 153)';
  const border = (page) => page.locator('.course-note').first().evaluate((e) => getComputedStyle(e).borderLeftColor);
  const { context, page, errors } = await open(LESSON);
  assert.equal(await border(page), purple);
  await page.goto(site.server.url + 'print.html');
  assert.equal(await border(page), purple);
  await page.goto(pathToFileURL(join(site.dir, LESSON)).href);
  assert.equal(await border(page), purple);
  assert.deepEqual(errors, []);
  await context.close();
});
