// Search in Chromium (issue 21), for bench/search.py: opens a built site from disk and times,
// inside the page, the first query (from the box's first focus, which loads search.js and the
// index, to the results on screen) and each further keystroke (from the input event to the
// results). Prints JSON: { first: [ms…], keys: [ms…], firstBytes: [bytes of index files the
// first query loaded…] }.
//
//   node bench/search_browser.mjs SITE_DIR [ROUNDS]
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(join(fileURLToPath(import.meta.url), '../../tests/browser/package.json'));
const { chromium } = require('playwright-core');
const [site, rounds = '5'] = process.argv.slice(2);
const QUERIES = ['service', 'pipeline cache', 'config', 'lesson summary', 'stream', 'deploy'];
const TYPED = ['configuration', 'pipelines', 'reliable cache'];
const GAP = 50;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--allow-file-access-from-files'],
});
const out = { first: [], keys: [], firstBytes: [] };
// Waits, in the page, until the status announces something other than `before`. The status
// is made by search.js, which the first focus loads.
const settled = `(before) => new Promise((done) => {
  const check = () => {
    const s = document.querySelector('[data-search-status]');
    if (s && s.textContent && s.textContent !== before && !/…/.test(s.textContent)) { done(performance.now()); return true; }
  };
  if (check()) return;
  new MutationObserver((_, o) => { if (check()) o.disconnect(); }).observe(document.body, { childList: true, characterData: true, subtree: true });
})`;
for (let r = 0; r < Number(rounds); r++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const loaded = [];
  page.on('request', (q) => { if (/search-index/.test(q.url())) loaded.push(fileURLToPath(q.url())); });
  await page.goto(pathToFileURL(join(site, 'index.html')).href);
  await page.waitForLoadState('load');
  const query = QUERIES[r % QUERIES.length];
  // The first query: typed before anything of search has loaded.
  const ms = await page.evaluate(async ([q, settledSrc]) => {
    const wait = eval(settledSrc);
    const box = document.getElementById('search-q');
    const t0 = performance.now();
    box.focus();
    box.value = q;
    box.dispatchEvent(new Event('input'));
    return (await wait('')) - t0;
  }, [query, settled]);
  out.first.push(ms);
  out.firstBytes.push(loaded.reduce((a, f) => a + statSync(f).size, 0));
  // Then keystrokes, one character at a time, GAP ms apart: faster than anyone types, so
  // that what the page does between keystrokes (collecting garbage, compiling the code it
  // runs most) happens as it would for a reader, and no sooner.
  for (const word of TYPED) {
    // With every file it needs loaded, search.js answers an input event before returning
    // from it, results on the page: the time is the event's.
    const keys = await page.evaluate(async ([w, gap]) => {
      const box = document.getElementById('search-q');
      const times = [];
      box.value = '';
      for (const ch of w) {
        await new Promise((r) => setTimeout(r, gap));
        const t0 = performance.now();
        box.value += ch;
        box.dispatchEvent(new Event('input'));
        if (box.value.trim().length > 1) times.push(performance.now() - t0);
      }
      return times;
    }, [word, GAP]);
    out.keys.push(...keys);
  }
  await context.close();
}
await browser.close();
console.log(JSON.stringify(out));
