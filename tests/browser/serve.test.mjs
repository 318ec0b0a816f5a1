// aula serve in a real browser: a page open in Chromium reloads by itself after an edit,
// swaps stylesheets without reloading, and shows build errors over the page until fixed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, startServe, watchErrors } from './helpers.mjs';

const LESSON = '+++\ntitle = "Lección viva"\n+++\n\n## Inicio\n\nVersión uno.\n';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Starts `aula serve` on a new course of one module and one lesson. */
function startLessonCourse() {
  return startServe({
    'content/_index.md': '+++\ntitle = "Curso vivo"\n+++\nHola.\n',
    'content/01-m/_index.md': '+++\ntitle = "Módulo"\n+++\nIntro.\n',
    'content/01-m/01-l.md': LESSON,
  });
}

test('a page reloads by itself after its lesson is edited', async () => {
  const s = await startLessonCourse();
  const page = await browser.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(`${s.url}m/l.html`);
    await page.getByText('Versión uno.').waitFor();
    // Give the event stream a moment to connect.
    await page.waitForTimeout(300);
    writeFileSync(join(s.root, 'content/01-m/01-l.md'), LESSON.replace('Versión uno.', 'Versión dos.'));
    await page.getByText('Versión dos.').waitFor({ timeout: 5000 });
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    s.stop();
  }
});

test('a stylesheet change applies without reloading the page', async () => {
  const s = await startLessonCourse();
  const page = await browser.newPage();
  try {
    mkdirSync(join(s.root, 'static/assets'), { recursive: true });
    // Override the theme's stylesheet once (a new file rebuilds everything), then edit it.
    writeFileSync(join(s.root, 'static/assets/aula.css'), 'body { background: rgb(1, 2, 3); }\n');
    await page.waitForTimeout(800);
    await page.goto(`${s.url}m/l.html`);
    await page.waitForTimeout(300);
    await page.evaluate(() => { window.stillTheSamePage = true; });
    writeFileSync(join(s.root, 'static/assets/aula.css'), 'body { background: rgb(4, 5, 6); }\n');
    await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(4, 5, 6)', null, { timeout: 5000 });
    assert.equal(await page.evaluate(() => window.stillTheSamePage), true, 'the page was not reloaded');
  } finally {
    await page.close();
    s.stop();
  }
});

test('a broken lesson shows the error over the page, and fixing it clears it', async () => {
  const s = await startLessonCourse();
  const page = await browser.newPage();
  try {
    await page.goto(`${s.url}m/l.html`);
    await page.waitForTimeout(300);
    writeFileSync(join(s.root, 'content/01-m/01-l.md'), LESSON + '\n[roto](no-existe.md)\n');
    const overlay = page.getByRole('alert');
    await overlay.waitFor({ timeout: 5000 });
    const text = await overlay.innerText();
    assert.match(text, /content\/01-m\/01-l\.md:9:1/);
    assert.match(text, /link to a missing file `no-existe\.md`/);
    // The last good page is still what is shown under the overlay.
    assert.ok(await page.getByText('Versión uno.').isVisible());
    writeFileSync(join(s.root, 'content/01-m/01-l.md'), LESSON.replace('Versión uno.', 'Arreglado.'));
    await page.getByText('Arreglado.').waitFor({ timeout: 5000 });
    assert.equal(await page.getByRole('alert').count(), 0);
  } finally {
    await page.close();
    s.stop();
  }
});
