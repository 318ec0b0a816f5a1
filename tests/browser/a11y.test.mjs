// Accessibility of every page type of the sample course, measured with axe-core: no violations
// (WCAG A/AA and best practices), in light and dark, at desktop and phone widths.
// axe is evaluated through the DevTools protocol, so the pages keep the strict CSP header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, build, buildSample, makeCourse, servedSite, watchErrors } from './helpers.mjs';


const PAGES = {
  home: 'index.html',
  module: 'el-servicio/index.html',
  lesson: 'el-servicio/caracteristicas.html',
  'lesson with code': 'triangulo-del-servicio/el-triangulo-y-la-estrategia.html',
  quiz: 'momentos-de-verdad/quiz.html',
  glossary: 'glosario.html',
  404: '404.html',
  print: 'print.html',
  'English home': 'en/index.html',
  'English lesson': 'en/el-servicio/caracteristicas.html',
  'English quiz': 'en/momentos-de-verdad/quiz.html',
};

const shared = servedSite(buildSample);


for (const colorScheme of ['light', 'dark']) {
  for (const width of [1280, 375]) {
    test(`axe finds no violations, ${colorScheme}, ${width} px`, async () => {
      const context = await shared.browser.newContext({ viewport: { width, height: 800 }, colorScheme });
      const page = await context.newPage();
      const errors = watchErrors(page);
      // Some progress first, so that ticks, statuses and percentages are on the pages.
      await page.goto(shared.server.url + 'el-servicio/que-es-el-servicio.html');
      await page.goto(shared.server.url + 'el-servicio/caracteristicas.html');
      const quizKey = await page.locator('a[data-quiz-key]').first().getAttribute('data-quiz-key');
      await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ best: 60, last: 60, attempts: 1, passed: false })), quizKey);
      const found = [];
      for (const [name, path] of Object.entries(PAGES)) {
        await page.goto(shared.server.url + path);
        for (const v of await axeViolations(page)) found.push(`${name}: ${v}`);
        if (width < 600 && name !== 'print') {
          // The collapsed sidebar, opened.
          await page.locator('nav.sidebar summary').click();
          for (const v of await axeViolations(page)) found.push(`${name} (menu open): ${v}`);
        }
      }
      assert.deepEqual(found, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

// Highlighted code in each tier: a lexer of hl-lite (Python), aula's C-family lexer (Java) and
// a syntect grammar (Haskell). Every class must show, in a colour of its own that reads
// against the block's background in both schemes.
const code = servedSite(() => build(makeCourse({
  'content/_index.md': '+++\ntitle = "Código"\n+++\nInicio.\n',
  'content/01-m/_index.md': '+++\ntitle = "Módulo"\n+++\nMódulo.\n',
  'content/01-m/01-code.md': [
    '+++\ntitle = "Código"\n+++',
    '```python\n@cache\ndef total(items, limit=10):\n    """Suma."""\n    return sum(i for i in items if i > limit)  # fin\n```',
    '```java\n@Override\npublic String name() { return "x" + MAX_SIZE + 1.5f; } // fin\n```',
    '```haskell\n-- fin\nmain :: IO ()\nmain = putStrLn "hola"\n```',
  ].join('\n\n') + '\n',
})));

for (const colorScheme of ['light', 'dark']) {
  test(`highlighted code: every class coloured, no axe violations, ${colorScheme}`, async () => {
    const context = await code.browser.newContext({ colorScheme });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(code.server.url + 'm/code.html');
    const colours = await page.evaluate(() => {
      const plain = getComputedStyle(document.querySelector('pre.code code')).color;
      const seen = {};
      for (const span of document.querySelectorAll('pre.code span[class^="hl-"]')) {
        const colour = getComputedStyle(span).color;
        if (colour !== plain) seen[span.className] = colour;
      }
      return seen;
    });
    for (const cls of ['hl-comment', 'hl-string', 'hl-keyword', 'hl-constant', 'hl-entity', 'hl-support']) {
      assert.ok(colours[cls], `${cls} has a colour of its own: ${JSON.stringify(colours)}`);
    }
    assert.equal(new Set(Object.values(colours)).size, Object.keys(colours).length, 'one colour per class');
    const langs = await page.locator('pre.code').evaluateAll((pres) => pres.map((p) => [p.dataset.lang, p.querySelectorAll('span').length]));
    for (const [lang, spans] of langs) assert.ok(spans > 2, `${lang} is highlighted`);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
