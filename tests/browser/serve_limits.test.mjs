// aula serve under a real browser's load: every resource of a page arrives on every reload
// from a freshly started server, and the error overlay reads in light and dark (axe-core).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launch, startServe, watchErrors } from './helpers.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// A 1×1 PNG, padded after its end to 64 KB, as a photo would be: a browser fetches the six of
// a page at once, on its six connections, beside the stylesheets, the scripts and the stream.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const PHOTO = Buffer.concat([PIXEL, Buffer.alloc(64 * 1024 - PIXEL.length)]);
const IMAGES = [1, 2, 3, 4, 5, 6].map((i) => `foto-${i}.png`);
const LESSON = '+++\ntitle = "Lección con fotos"\n+++\n\nTexto.\n\n'
  + IMAGES.map((name, i) => `![Foto ${i + 1}](${name})\n`).join('\n');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function photoCourse() {
  const files = {
    'content/_index.md': '+++\ntitle = "Curso"\n+++\nHola.\n',
    'content/01-m/_index.md': '+++\ntitle = "Módulo"\n+++\nIntro.\n',
    'content/01-m/01-l.md': LESSON,
  };
  for (const name of IMAGES) files[`content/01-m/${name}`] = PHOTO;
  return files;
}

test('every image, stylesheet, script and the event stream load on each of 20 reloads of a fresh serve', async () => {
  const s = await startServe(photoCourse());
  const page = await browser.newPage();
  const errors = watchErrors(page);
  try {
    let answered = new Map();
    let failed = [];
    page.on('response', (r) => answered.set(new URL(r.url()).pathname, r.status()));
    page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    const expected = ['/m/l.html', ...IMAGES.map((n) => `/m/${n}`), '/__aula/reload.js', '/__aula/events'];
    // Opened the moment serve says where it is, then reloaded again and again.
    for (let load = 0; load < 21; load++) {
      answered = new Map();
      failed = [];
      const stream = page.waitForResponse((r) => r.url().endsWith('/__aula/events'), { timeout: 10000 });
      if (load === 0) await page.goto(`${s.url}m/l.html`, { waitUntil: 'load', timeout: 10000 });
      else await page.reload({ waitUntil: 'load', timeout: 10000 });
      await stream;
      const images = await page.$$eval('main img', (imgs) => imgs.map((i) => i.complete && i.naturalWidth > 0));
      assert.deepEqual(images, IMAGES.map(() => true), `load ${load}: every image shows`);
      const styled = await page.evaluate(() => [...document.styleSheets].filter((sheet) => sheet.href).map((sheet) => sheet.cssRules.length > 0));
      assert.ok(styled.length >= 1 && styled.every(Boolean), `load ${load}: every stylesheet applies`);
      const sheetsAndScripts = await page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet], script[src]')]
        .map((e) => new URL(e.href || e.src).pathname));
      for (const path of [...expected, ...sheetsAndScripts]) {
        assert.equal(answered.get(path), 200, `load ${load}: ${path} answered ${answered.get(path)}`);
      }
      assert.deepEqual(failed.filter((f) => !f.includes('/__aula/events')), [], `load ${load}`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    s.stop();
  }
});

/** axe-core on the error overlay alone, which is in a shadow root of its own. */
async function overlayViolations(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const host = [...document.body.children].find((e) => e.shadowRoot?.querySelector('[role=alert]'));
    const context = host
      ? (host.setAttribute('data-axe-overlay', ''), { include: [{ fromShadowDom: ['[data-axe-overlay]', '[role=alert]'] }] })
      : { include: ['[role=alert]'] };
    const result = await window.axe.run(context, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
    return {
      violations: result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.failureSummary).join('; ')})`),
      contrastChecked: result.passes.some((p) => p.id === 'color-contrast' && p.nodes.length >= 3),
    };
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`the error overlay reads over the theme, ${colorScheme}`, async () => {
    const s = await startServe(photoCourse());
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    try {
      const stream = page.waitForResponse((r) => r.url().endsWith('/__aula/events'));
      await page.goto(`${s.url}m/l.html`);
      await stream;
      writeFileSync(join(s.root, 'content/01-m/01-l.md'), `${LESSON}\n[roto](no-existe.md)\n`);
      const overlay = page.getByRole('alert');
      await overlay.waitFor({ timeout: 5000 });
      assert.match(await overlay.innerText(), /showing the last good version/);
      const { violations, contrastChecked } = await overlayViolations(page);
      assert.deepEqual(violations, []);
      assert.ok(contrastChecked, 'axe measured the contrast of the title, the errors and the help');
    } finally {
      await context.close();
      s.stop();
    }
  });
}

test('before any build succeeds, the overlay says there is no good version yet', async () => {
  const s = await startServe({
    'content/_index.md': '+++\ntitle = "Curso"\n+++\nHola.\n\n[roto](no-existe.md)\n',
  });
  const page = await browser.newPage();
  try {
    await page.goto(s.url);
    const overlay = page.getByRole('alert');
    await overlay.waitFor({ timeout: 5000 });
    const text = await overlay.innerText();
    assert.match(text, /the course has not built yet/);
    assert.doesNotMatch(text, /last good version/);
    assert.match(text, /link to a missing file `no-existe\.md`/);
    writeFileSync(join(s.root, 'content/_index.md'), '+++\ntitle = "Curso"\n+++\nArreglado.\n');
    await page.getByText('Arreglado.').waitFor({ timeout: 5000 });
  } finally {
    await page.close();
    s.stop();
  }
});
