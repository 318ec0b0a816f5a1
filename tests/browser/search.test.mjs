// Search (issue 21): the sample course's box finds lessons by Spanish words with or without
// accents (and English ones in its English edition), opens a result at its heading, works from disk, by keyboard alone and with axe
// finding nothing, and never gives a quiz's answers away. A course too large for one index
// file loads it in shards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { axeViolations, build, buildSample, launch, makeCourse, repo, servedSite, squeezed, watchErrors } from './helpers.mjs';

const T = Object.fromEntries(readFileSync(join(repo, 'themes/aula/i18n/es.toml'), 'utf8')
  .split('\n').map((l) => l.match(/^(\w+) = "(.*)"$/)).filter(Boolean).map((m) => [m[1], m[2]]));
const LESSON = 'el-servicio/caracteristicas.html';

const shared = servedSite(buildSample);

async function open(url, { width = 1280, colorScheme = 'light' } = {}) {
  const context = await shared.browser.newContext({ viewport: { width, height: 800 }, colorScheme });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('requestfailed', (r) => errors.push(`failed ${r.url()}`));
  await page.goto(url);
  return { context, page, errors, requests };
}

/** Types `text` into the box (focused with "/") and waits for the count to be announced. */
async function search(page, text) {
  await page.locator('#search-q').fill('');
  await page.locator('#search-q').evaluate((e) => e.blur());
  await page.keyboard.press('/');
  assert.ok(await page.locator('#search-q').evaluate((e) => e === document.activeElement), '"/" focuses the box');
  await page.keyboard.type(text);
  // A count, or the words found nothing (quoted in Spanish «…», in English “…”).
  await page.waitForFunction(() => /\d|«|“/.test(document.querySelector('[data-search-status]').textContent));
  return page.locator('#search-results [role=option]');
}

const titles = async (options) => (await options.locator('.sr-title').allInnerTexts()).map((t) => t.trim());

test('the index loads only once the box is used, and the box costs a page little', async () => {
  const { context, page, errors, requests } = await open(shared.server.url + LESSON);
  await page.waitForLoadState('networkidle');
  assert.ok(await page.locator('[data-search]').isVisible());
  assert.ok(!requests.some((p) => /search/.test(p)), requests.join(' '));
  await page.locator('#search-q').focus();
  await page.waitForFunction(() => !!window.aulaIndex);
  await page.waitForLoadState('networkidle');
  assert.ok(requests.some((p) => p.endsWith('/assets/search-index.js')), requests.join(' '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('"servuccion" without its accent finds the lesson and the glossary entry, and a result opens at its heading', async () => {
  const { context, page, errors } = await open(shared.server.url + LESSON);
  const options = await search(page, 'servuccion');
  const found = await titles(options);
  assert.equal(found[0], 'Servucción y modelo de brechas', found.join(' | '));
  assert.ok(found.includes('Glosario'), found.join(' | '));
  // The matched words are marked, and the glossary's result shows the entry's definition.
  assert.equal(await options.first().locator('mark').first().innerText(), 'Servucción');
  const entry = options.filter({ hasText: 'Glosario' });
  assert.match(await squeezed(entry), /Servucción Término que une servicio y producción/);
  assert.equal(await page.locator('[data-search-status]').textContent(), T.search_all.replace('{n}', found.length));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/servuccion-y-brechas\.html#servuccion$/);
  const heading = page.locator('h2#servuccion');
  assert.match(await heading.innerText(), /El modelo de servucción/);
  const box = await heading.boundingBox();
  assert.ok(box.y >= 0 && box.y < 400, `the heading is in view: ${box.y}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('"características", "caracteristicas" and "característica" find the lesson on the seven characteristics', async () => {
  const { context, page } = await open(shared.server.url + 'index.html');
  let first = null;
  for (const word of ['características', 'caracteristicas', 'característica', 'CARACTERISTICA']) {
    const found = await titles(await search(page, word));
    assert.ok(found.includes('Las siete características del servicio'), `${word}: ${found.join(' | ')}`);
    first ??= found;
    assert.deepEqual(found, first, word);
  }
  // Every word is required: the second narrows the first.
  const both = await titles(await search(page, 'características intangible'));
  assert.ok(both.length >= 1 && both.length < first.length, both.join(' | '));
  assert.ok(both.includes('Las siete características del servicio'));
  // Stop words do not count: a question finds what its words find.
  const asked = await titles(await search(page, '¿Qué es la servucción?'));
  assert.equal(asked[0], 'Servucción y modelo de brechas', asked.join(' | '));
  await search(page, 'zzqx');
  assert.equal(await page.locator('.search-note').innerText(), T.search_none.replace('{q}', 'zzqx'));
  await context.close();
});

test('the English edition has its own index, stemmed in English, and its results open English pages', async () => {
  const { context, page, errors, requests } = await open(shared.server.url + 'en/' + LESSON);
  const placeholder = await page.locator('#search-q').getAttribute('placeholder');
  assert.equal(placeholder, 'Search the course (/)');
  let first = null;
  for (const word of ['characteristics', 'characteristic', 'Characteristic']) {
    const found = await titles(await search(page, word));
    assert.ok(found.includes('The seven characteristics of service'), `${word}: ${found.join(' | ')}`);
    first ??= found;
    assert.deepEqual(found, first, word);
  }
  assert.ok(requests.includes('/en/assets/search-index.js'), requests.join(' '));
  assert.ok(!requests.includes('/assets/search-index.js'), 'not the Spanish index');
  // A Spanish word that is no English one finds nothing in English.
  assert.equal(await (await search(page, 'características')).count(), 0);
  assert.equal(await page.locator('.search-note').innerText(), 'No results for “características”.');
  const options = await search(page, 'intangible');
  await options.filter({ hasText: 'The seven characteristics of service' }).first().click();
  await page.waitForURL(/\/en\/el-servicio\/caracteristicas\.html/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('it works opened from disk', async () => {
  const { context, page, errors } = await open(pathToFileURL(join(shared.dir, LESSON)).href);
  const options = await search(page, 'lealtad');
  assert.ok((await options.count()) > 0);
  const first = await titles(options);
  await options.first().click();
  await page.waitForLoadState('load');
  assert.ok(page.url().startsWith('file://'), page.url());
  assert.equal((await page.locator('h1').innerText()).trim(), first[0]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: arrows move through the results, Escape closes them, and the combobox says so', async () => {
  const { context, page } = await open(shared.server.url + LESSON);
  // From the skip link, the box is the next stop.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q');
  await page.keyboard.type('cliente');
  const q = page.locator('#search-q');
  await page.waitForFunction(() => document.querySelectorAll('#search-results [role=option]').length > 1);
  assert.equal(await q.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await q.getAttribute('aria-activedescendant'), 'search-r1');
  assert.equal(await page.locator('#search-r1').getAttribute('aria-selected'), 'true');
  assert.equal(await page.locator('#search-r0').getAttribute('aria-selected'), 'false');
  await page.keyboard.press('ArrowUp');
  assert.equal(await q.getAttribute('aria-activedescendant'), 'search-r0');
  await page.keyboard.press('Escape');
  assert.equal(await q.getAttribute('aria-expanded'), 'false');
  assert.ok(await page.locator('.search-panel').isHidden());
  assert.equal(await q.inputValue(), 'cliente', 'the first Escape keeps the words');
  await page.keyboard.press('Escape');
  assert.equal(await q.inputValue(), '');
  // Tab leaves the box, and closes what it showed.
  await page.keyboard.type('queja');
  await page.locator('#search-r0').waitFor();
  await page.keyboard.press('Tab');
  assert.ok(await page.locator('.search-panel').isHidden());
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [1280, 375]) {
    test(`axe finds no violations with the results open, ${colorScheme}, ${width} px`, async () => {
      const { context, page, errors } = await open(shared.server.url + LESSON, { width, colorScheme });
      const options = await search(page, 'servicio');
      await page.keyboard.press('ArrowDown');
      assert.ok(await options.first().isVisible());
      // On a phone the box and its results fit the screen.
      const panel = await page.locator('.search-panel').boundingBox();
      assert.ok(panel.x >= 0 && panel.x + panel.width <= width, JSON.stringify(panel));
      await page.screenshot({ path: join(tmpdir(), `aula-search-${width}-${colorScheme}.png`) });
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

// A quiz whose answers are words found nowhere else: none of them may be in the index.
const ANSWERS = ['zafiro', 'esmeralda', 'obsidiana', 'turquesa', '48213'];
const answerCourse = () => build(makeCourse({
  'content/_index.md': '+++\ntitle = "Piedras"\n+++\n\nUn curso sobre piedras.\n',
  'content/01-piedras/_index.md': '+++\ntitle = "Piedras preciosas"\n+++\n\nLas piedras del curso.\n',
  'content/01-piedras/quiz.toml': `title = "Evaluación de gemología"
description = "Preguntas de gemología."

[[questions]]
id = "azul"
type = "single"
prompt = "¿Qué piedra preciosa es azul?"
explanation = "El zafiro es azul; el rubí es rojo."
options = [{ text = "Zafiro", correct = true }, { text = "Rubí" }]

[[questions]]
id = "verde"
type = "short"
prompt = "Nombra la gema verde del berilo."
explanation = "Es la esmeralda."
accept = ["esmeralda"]

[[questions]]
id = "pares"
type = "match"
prompt = "Une cada roca con su color."
pairs = [{ left = "Roca volcánica negra", right = "obsidiana" }, { left = "Mineral celeste", right = "turquesa" }]

[[questions]]
id = "cifra"
type = "numeric"
prompt = "¿Cuántos quilates tiene la muestra?"
explanation = "Tiene 48213 quilates."
answer = 48213
`,
}));

test('no quiz answer is in the index or in any result', async () => {
  const out = answerCourse();
  const browser = await launch();
  try {
    const index = readFileSync(join(out, 'assets/search-index.js'), 'utf8');
    // Folded and stemmed, an answer would start with these.
    for (const stem of ['zafir', 'rubi', 'esmerald', 'obsidian', 'turques', '48213']) {
      assert.ok(!index.includes(`"${stem}`), `${stem} is in the index`);
    }
    // What the quiz asks is found.
    assert.ok(index.includes('"gemolog'));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    for (const word of ANSWERS) {
      const options = await search(page, word);
      assert.equal(await options.count(), 0, word);
    }
    const found = await titles(await search(page, 'quilates'));
    assert.deepEqual(found, ['Evaluación de gemología']);
    const text = await squeezed(page.locator('.search-panel'));
    for (const word of ANSWERS) assert.ok(!text.toLowerCase().includes(word), `${word} in "${text}"`);
  } finally {
    await browser.close();
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
});

test('a course too large for one index file loads the shards a query needs, and finds the same', async () => {
  const root = mkdtempSync(join(tmpdir(), 'aula-search-large-'));
  execFileSync('python3', [join(repo, 'bench/gen.py'), '--modules', '30', '--lessons', '70', '--out', root], { stdio: 'pipe' });
  const out = build(join(root, 'aula'), join(root, 'public'));
  const browser = await launch();
  try {
    const shards = readdirSync(join(out, 'assets')).filter((f) => /^search-index-[td]\d+\.js$/.test(f));
    assert.ok(shards.length > 4, shards.join(' '));
    const page = await browser.newPage();
    const loaded = [];
    page.on('request', (r) => { if (/search-index/.test(r.url())) loaded.push(r.url().split('/').pop()); });
    const errors = watchErrors(page);
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    // A lesson deep in the course, by its title's words.
    const title = readFileSync(join(out, 'module-023/lesson-017.html'), 'utf8').match(/<h1[^>]*>([^<]+)/)[1];
    const options = await search(page, title);
    assert.ok((await options.count()) > 0);
    assert.match(await page.locator('[data-search-status]').textContent(), /\d/);
    assert.ok(loaded.length > 1 && loaded.length < shards.length, loaded.join(' '));
    // The first result is one whose title has every word.
    const first = (await titles(options))[0];
    assert.equal(first, title);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('with [search] enabled = false, pages have no box and the build no index', () => {
  const out = build(makeCourse({
    'site.toml': 'title = "Sin búsqueda"\nlanguage = "es"\n[search]\nenabled = false\n',
    'content/_index.md': '+++\ntitle = "Inicio"\n+++\n\nTexto.\n',
  }));
  assert.ok(!readFileSync(join(out, 'index.html'), 'utf8').includes('data-search'));
  assert.ok(!readdirSync(join(out, 'assets')).includes('search-index.js'));
  rmSync(join(out, '..'), { recursive: true, force: true });
});
