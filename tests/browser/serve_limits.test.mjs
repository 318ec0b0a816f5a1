// aula serve under a real browser's load: every resource of a page arrives on every reload
// from a freshly started server, and the error overlay reads in light and dark (axe-core).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { axeSource, launch, startServe, watchErrors } from './helpers.mjs';


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
      // The event stream is cut by each reload, and so is the tab's icon, which Chromium
      // fetches after the load event: the next reload can abort it before it arrives.
      const cut = (f) => f.includes('/__aula/events') || (f.includes('/favicon.svg') && f.endsWith('net::ERR_ABORTED'));
      assert.deepEqual(failed.filter((f) => !cut(f)), [], `load ${load}`);
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

/** Opens an event stream that never reads: a tab frozen by the debugger, or a stuck client. */
function stalledStream(url) {
  const { hostname, port } = new URL(url);
  return new Promise((ok, fail) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET /__aula/events HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
      // Paused, it takes nothing from the kernel: the server's writes fill its buffers.
      socket.pause();
      ok(socket);
    });
    socket.on('error', fail);
  });
}

test('open tabs keep reloading while thirty other event streams never read', async () => {
  const s = await startServe({
    'content/_index.md': '+++\ntitle = "Curso"\n+++\nHola.\n',
    'content/01-m/_index.md': '+++\ntitle = "Módulo"\n+++\nIntro.\n',
    'content/01-m/01-l.md': '+++\ntitle = "Lección"\n+++\n\nVersión uno.\n',
  });
  const stalled = [];
  const pages = [];
  try {
    for (let i = 0; i < 30; i++) stalled.push(await stalledStream(s.url));
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage();
      await page.goto(`${s.url}m/l.html`);
      await page.getByText('Versión uno.').waitFor();
      pages.push(page);
    }
    await pages[0].waitForTimeout(300);
    // Errors on 40 pages, about 2 MB a message, sent to every stream twice: more than the
    // stalled streams' socket buffers hold, so a server that waited on them would freeze.
    const words = 'palabra '.repeat(15);
    const broken = (round, n) => `+++\ntitle = "Rota ${n}"\n+++\n\n`
      + Array.from({ length: 50 }, (_, j) => `[rota ${round} ${n} ${j}](falta-${j}.md) ${words}\n\n`).join('');
    for (const round of [0, 1]) {
      for (let n = 0; n < 40; n++) writeFileSync(join(s.root, `content/01-m/r${n}.md`), broken(round, n));
      for (const page of pages) {
        // The overlay, wherever it is drawn: in a shadow root or in the page.
        await page.waitForFunction((needle) => [document.body, ...[...document.body.children].map((e) => e.shadowRoot)]
          .some((e) => e?.textContent.includes(needle)), `rota ${round} 39 49`, { timeout: 20000 });
      }
    }
    for (let n = 0; n < 40; n++) rmSync(join(s.root, `content/01-m/r${n}.md`));
    writeFileSync(join(s.root, 'content/01-m/01-l.md'), '+++\ntitle = "Lección"\n+++\n\nVersión dos.\n');
    for (const page of pages) await page.getByText('Versión dos.').waitFor({ timeout: 10000 });
    // A tab opened now loads too.
    const late = await browser.newPage();
    pages.push(late);
    await late.goto(`${s.url}m/l.html`, { timeout: 5000 });
    await late.getByText('Versión dos.').waitFor({ timeout: 5000 });
  } finally {
    for (const socket of stalled) socket.destroy();
    for (const page of pages) await page.close();
    s.stop();
  }
});
