// Shared helpers for the browser tests: build a course with the real aula binary, serve it
// under a strict Content-Security-Policy, and drive Debian's Chromium with playwright-core.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync, statSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, extname, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '..', '..');
export const aulaBin = process.env.AULA_BIN || join(repo, 'target', 'debug', 'aula');

/** The CSP the output must run under: nothing inline, nothing from elsewhere. */
export const STRICT_CSP = "default-src 'self'";

/** Writes a course from { 'path': 'text' } into a new temporary folder; returns its path. */
export function makeCourse(files) {
  const root = mkdtempSync(join(tmpdir(), 'aula-browser-'));
  const all = { 'site.toml': 'title = "Curso de prueba"\nlanguage = "es"\n', ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Runs `aula build` on a course; returns the output folder. */
export function build(root, output = join(root, 'public')) {
  execFileSync(aulaBin, ['build', '--root', root, '--output', output], { stdio: 'pipe' });
  return output;
}

/** Builds the repository's own sample course into a temporary folder. */
export function buildSample() {
  const out = mkdtempSync(join(tmpdir(), 'aula-sample-'));
  return build(repo, join(out, 'public'));
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml' };

/** Serves `dir` on 127.0.0.1 with a strict CSP header. Resolves to { url, close }. */
export function serve(dir, { csp = STRICT_CSP } = {}) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = resolve(dir, '.' + path);
    if (!file.startsWith(resolve(dir) + sep) && file !== resolve(dir)) { res.writeHead(404); return res.end(); }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404, { 'Content-Security-Policy': csp }); return res.end('not found'); }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    ok({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((done) => server.close(done)) });
  }));
}

/** Launches Debian's Chromium headless, with no network of its own. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--allow-file-access-from-files'],
  });
}

/** Records console errors, page errors and CSP violations of a page; read `errors` at the end. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/**
 * For a test file: builds a site once with `make` (which returns its output folder, inside a
 * temporary folder of its own), serves it and launches Chromium before the tests, and closes
 * and deletes it all after them. The returned object gets `dir`, `server` and `browser`.
 */
export function servedSite(make) {
  const shared = {};
  before(async () => {
    shared.dir = make();
    shared.server = await serve(shared.dir);
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
    if (shared.dir) rmSync(dirname(shared.dir), { recursive: true, force: true });
  });
  return shared;
}

/**
 * Starts `aula serve` on a new course made from `files` (see makeCourse), on a port the system
 * picks. Resolves, as soon as it prints its address, to { url, root, stop, output }: `output()`
 * is what it printed so far.
 */
export function startServe(files) {
  const root = makeCourse(files);
  const child = spawn(aulaBin, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr.on('data', (chunk) => { out += chunk; });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${out}`)), 20000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        ok({
          url: m[0], root, output: () => out,
          stop: () => { child.kill(); rmSync(root, { recursive: true, force: true }); },
        });
      }
    });
  });
}

/** axe-core's source, to evaluate in a page through the DevTools protocol (the page keeps its CSP). */
export const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's violations on the page (WCAG A/AA and best practices), one line each with up to five of its nodes. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
}

/** Builds a course with a module per entry of `quizzes` ({ name: quiz.toml's text }), each
 *  with a lesson; returns its output folder. Module `name` is served at `name/`. */
export function buildQuizCourse(quizzes) {
  const page = (title) => `+++\ntitle = "${title}"\ndescription = "${title}."\n+++\n\nTexto.\n`;
  const files = { 'content/_index.md': page('Curso de prueba') };
  Object.entries(quizzes).forEach(([name, toml], i) => {
    const dir = `content/${String(i + 1).padStart(2, '0')}-${name}`;
    files[`${dir}/_index.md`] = page(`Módulo ${name}`);
    files[`${dir}/01-leccion.md`] = page(`Lección ${name}`);
    files[`${dir}/quiz.toml`] = toml;
  });
  return build(makeCourse(files));
}

/** Opens a quiz page of `shared` (from servedSite) in a fresh context once its quiz is ready;
 *  `done()` asserts that no console error, page error, failed request or CSP violation came. */
export async function openQuiz(shared, name, { width = 1280, colorScheme = 'light', url } = {}) {
  const context = await shared.browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => errors.push(`failed ${r.url()}`));
  const response = await page.goto(url || `${shared.server.url}${name}/quiz.html`);
  await page.locator('form.quiz.is-ready').waitFor();
  return {
    page,
    response,
    done: async () => {
      assert.deepEqual(errors, [], 'no console error, page error or CSP violation');
      await context.close();
    },
  };
}

/** Scrolls a lesson to the end of its content, which counts it as visited (visit.js), and
 *  waits until the visit is stored. */
export async function readToEnd(page) {
  await page.locator('[data-page-end]').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const b = document.body.dataset;
    try { return (JSON.parse(localStorage.getItem(`aula:${b.course}:visited`)) || []).includes(b.pageKey); } catch (e) { return true; }
  });
}

/** A quiz of one question ("Madrid" is right), pass 70, scored on submit; `extra` lines go
 *  after the pass mark (such as `attempts = 3`). */
export const oneQuestionQuiz = (extra = '') => `title = "Evaluación"
description = "Responde."
pass = 70
mode = "submit"
${extra}
[[questions]]
id = "capital"
prompt = "¿Cuál es la capital de España?"
[[questions.options]]
text = "Lisboa"
[[questions.options]]
text = "Madrid"
correct = true
`;

/** Answers a `oneQuestionQuiz` on `p` (a page or a frame showing it): right (Madrid) or
 *  wrong, starting a new attempt when an earlier one is shown; waits for the score. */
export async function answerCapital(p, right) {
  await p.locator('form.quiz.is-ready').waitFor();
  const again = p.getByRole('button', { name: 'Intentar de nuevo' });
  if (await again.isVisible()) await again.click();
  await p.getByLabel(right ? 'Madrid' : 'Lisboa').check();
  await p.getByRole('button', { name: 'Enviar respuestas' }).click();
  await p.locator('.quiz-result').filter({ hasText: 'Tu nota' }).waitFor();
}

/** A page with a title and one line of text. */
export const textPage = (title) => `+++\ntitle = "${title}"\n+++\n\nTexto.\n`;

/** A page's text with runs of white space made one. */
export const squeezed = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ').trim();
