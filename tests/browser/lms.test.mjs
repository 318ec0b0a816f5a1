// The LMS package (issue 20) in Debian's headless Chromium, with scorm-again as the LMS: a
// harness page on 127.0.0.1 sets up its SCORM 1.2 or 2004 API, records every call, and
// frames the package's launch page, as an LMS's player does. The package is the real zip
// from `aula package`, unzipped, served under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  aulaBin, makeCourse, serve, launch, watchErrors, readToEnd, oneQuestionQuiz, answerCapital, textPage, axeViolations,
} from './helpers.mjs';

// scorm-again's package.json exports no path to its browser builds: they sit in its dist/.
const dist = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', 'scorm-again', 'dist');

// The LMS side. Every call is recorded in `calls`; `__cmi` (set before the page loads) is
// what the LMS kept from an earlier session; `__refuse` names elements whose SetValue the
// LMS refuses, with error 405.
const HARNESS_JS = `
const q = new URLSearchParams(location.search), v12 = q.get('scorm') !== '2004';
const api = v12 ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
if (window.__cmi) api.loadFromJSON(window.__cmi);
window.calls = [];
const names = v12 ? ['LMSInitialize', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSFinish', 'LMSGetLastError']
  : ['Initialize', 'GetValue', 'SetValue', 'Commit', 'Terminate', 'GetLastError'];
let forced = null;
for (const n of names) {
  const f = api[n].bind(api);
  api[n] = (...a) => {
    if (!n.endsWith('GetLastError')) calls.push([n, ...a]);
    if (n.endsWith('SetValue') && (window.__refuse || []).includes(a[0])) { forced = '405'; return 'false'; }
    if (n.endsWith('GetLastError') && forced) { const e = forced; forced = null; return e; }
    forced = null;
    return f(...a);
  };
}
window[v12 ? 'API' : 'API_1484_11'] = api;
const frame = document.createElement('iframe');
frame.id = 'lms';
frame.title = 'Course';
frame.src = 'index_lms.html';
document.body.appendChild(frame);
`;

/** Packages `files` (see makeCourse) as `format`, unzips it with the harness beside it;
 *  returns the folder. */
function packaged(files, format) {
  const root = makeCourse(files);
  const dir = mkdtempSync(join(tmpdir(), 'aula-lms-'));
  const zip = join(dir, 'course.zip');
  execFileSync(aulaBin, ['package', '--root', root, '--format', format, '--output', zip], { stdio: 'pipe' });
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, join(dir, 'site')]);
  rmSync(root, { recursive: true, force: true });
  const site = join(dir, 'site');
  copyFileSync(join(dist, 'scorm12.js'), join(site, 'scorm12.js'));
  copyFileSync(join(dist, 'scorm2004.js'), join(site, 'scorm2004.js'));
  writeFileSync(join(site, 'harness.js'), HARNESS_JS);
  for (const [name, lib] of [['harness12.html', 'scorm12.js'], ['harness2004.html', 'scorm2004.js']]) {
    writeFileSync(join(site, name), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<link rel="icon" href="assets/favicon.svg"><script src="${lib}"></script><script src="harness.js" defer></script></head><body></body></html>`);
  }
  return site;
}

const COURSE = (lms = '') => ({
  'site.toml': `title = "Curso de prueba"\nid = "lms-test"\nlanguage = "es"\nbase_url = "/"\n\n[quiz]\npass = 70\n${lms}`,
  'content/_index.md': textPage('Curso de prueba'),
  'content/01-uno/_index.md': textPage('Módulo uno'),
  'content/01-uno/01-leccion.md': textPage('Lección uno'),
  'content/01-uno/quiz.toml': oneQuestionQuiz('attempts = 1').replace('"Evaluación"', '"Evaluación uno"'),
  'content/02-dos/_index.md': textPage('Módulo dos'),
  'content/02-dos/01-leccion.md': textPage('Lección dos'),
  'content/02-dos/quiz.toml': oneQuestionQuiz().replace('"Evaluación"', '"Evaluación dos"'),
});

const sites = {};
let browser;
before(async () => {
  browser = await launch();
  for (const [name, format, lms] of [['12', 'scorm1.2', ''], ['2004', 'scorm2004', ''],
    ['12soft', 'scorm1.2', '\n[lms]\nfailed = "incomplete"\n'],
    ['12final', 'scorm1.2', '\n[completion]\nquizzes = ["01-uno/quiz.toml"]\n\n[lms]\nscore = "02-dos/quiz.toml"\n']]) {
    const dir = packaged(COURSE(lms), format);
    sites[name] = { dir, server: await serve(dir), v: format == 'scorm1.2' ? '12' : '2004' };
  }
});
after(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) {
    await s.server.close();
    rmSync(dirname(s.dir), { recursive: true, force: true });
  }
});

/** A new browser profile (or `context`'s) on the harness of `site`, with `cmi` as what the
 *  LMS kept; `blocked` makes every page's localStorage throw, as a browser that keeps
 *  nothing does. */
async function launchIn(site, { cmi, refuse, stale, context: given, blocked } = {}) {
  const context = given || await browser.newContext();
  if (blocked) {
    await context.addInitScript(() => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } }));
  }
  const page = await context.newPage();
  if (stale) {
    // What this browser kept from some other session, before the LMS is asked.
    await page.goto(`${site.server.url}404.html`);
    await page.evaluate((kv) => Object.entries(kv).forEach(([k, v]) => localStorage.setItem(k, v)), stale);
  }
  const errors = watchErrors(page);
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
    if (m.type() === 'error') errors.push(m.location().url);
  });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.addInitScript(([c, r]) => { window.__cmi = c; window.__refuse = r; }, [cmi || null, refuse || []]);
  await page.goto(`${site.server.url}harness${site.v}.html${site.v == '2004' ? '?scorm=2004' : ''}`);
  const course = () => page.frames().find((f) => f.parentFrame()?.parentFrame());
  await page.waitForFunction(() => window.calls && window.calls.some((c) => /Initialize/.test(c[0])));
  return { page, context, errors, warnings, course };
}
/** The course's frame once it shows `path`. */
async function at(s, path) {
  await s.page.waitForFunction((p) => {
    const f = document.getElementById('lms')?.contentDocument?.getElementById('aula-course');
    return f && f.contentWindow.location.pathname.endsWith(p) && f.contentDocument.readyState === 'complete';
  }, path);
  return s.course();
}
/** Goes to `path` of the course inside the launch page's frame. */
async function go(s, path) {
  await s.page.evaluate((p) => {
    document.getElementById('lms').contentDocument.getElementById('aula-course').src = p;
  }, path);
  return at(s, path);
}
const cmi = (s, expr) => s.page.evaluate((e) => {
  const api = window.API || window.API_1484_11;
  return e.split('.').reduce((o, k) => (o == null ? o : o[k]), api.cmi);
}, expr);
const count = (s, name) => s.page.evaluate((n) => window.calls.filter((c) => c[0] === n).length, name);
async function answer(s, path, right) {
  await answerCapital(await go(s, path), right);
}
async function visit(s, path) {
  await readToEnd(await go(s, path));
}
/** The last value the runtime sent for `element` (some, like exit, the LMS cannot read back). */
const last = (s, element) => s.page.evaluate((e) => window.calls.filter((c) => /SetValue/.test(c[0]) && c[1] === e).map((c) => c[2]).pop(), element);
/** Waits for the runtime to have sent `value` for `element`. */
const sent = (s, element, value) => s.page.waitForFunction(([e, v]) => window.calls.some((c) => /SetValue/.test(c[0]) && c[1] === e && c[2] === v), [element, value]);
/** Ends the session as closing the LMS's window does, and waits for the runtime to finish it. */
async function leave(s) {
  await s.page.evaluate(() => { document.getElementById('lms').remove(); });
  await s.page.waitForFunction(() => window.calls.some((c) => c[0] === 'LMSFinish' || c[0] === 'Terminate'));
}

test('SCORM 1.2: the first launch initializes once, sets incomplete, and opens the course home', async () => {
  const s = await launchIn(sites['12']);
  const f = await at(s, '/index.html');
  assert.equal(await f.locator('h1').innerText(), 'Curso de prueba');
  await sent(s, 'cmi.core.lesson_status', 'incomplete');
  assert.equal(await cmi(s, 'core.lesson_status'), 'incomplete');
  assert.equal(await count(s, 'LMSInitialize'), 1);
  assert.equal(await last(s, 'cmi.core.exit'), 'suspend');
  assert.deepEqual(s.errors, []);
  // The runtime's budget: plain JS, at most 10 KB.
  const size = statSync(join(sites['12'].dir, 'assets/lms.js')).size;
  assert.ok(size <= 10 * 1024, `assets/lms.js is ${size} bytes`);
  await s.context.close();
});

test('SCORM 1.2: every lesson visited and every quiz passed ends passed with the mean score, committed then', async () => {
  const s = await launchIn(sites['12']);
  await at(s, '/index.html');
  await visit(s, 'uno/leccion.html');
  await visit(s, 'dos/leccion.html');
  const before = await count(s, 'LMSCommit');
  // Moving between pages that change neither status nor score commits nothing.
  await go(s, 'uno/index.html');
  await go(s, 'dos/index.html');
  await answer(s, 'uno/quiz.html', true);
  await answer(s, 'dos/quiz.html', true);
  await sent(s, 'cmi.core.lesson_status', 'passed');
  assert.equal(await cmi(s, 'core.score.raw'), '100');
  assert.equal(await cmi(s, 'core.score.min'), '0');
  assert.equal(await cmi(s, 'core.score.max'), '100');
  assert.equal(await last(s, 'cmi.core.exit'), '');
  const commits = await count(s, 'LMSCommit');
  assert.ok(commits > before && commits - before <= 3, `commits on score and status changes only: ${before} → ${commits}`);
  await leave(s);
  assert.match(await last(s, 'cmi.core.session_time'), /^\d{4}:\d\d:\d\d$/);
  assert.equal(await count(s, 'LMSFinish'), 1);
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test('SCORM 1.2: a failed quiz out of attempts gives failed; with failed = "incomplete" it stays incomplete', async () => {
  for (const [name, status] of [['12', 'failed'], ['12soft', 'incomplete']]) {
    const s = await launchIn(sites[name]);
    await at(s, '/index.html');
    await answer(s, 'uno/quiz.html', false);
    await s.page.waitForTimeout(600);
    assert.equal(await cmi(s, 'core.lesson_status'), status, name);
    // A failed course's score is final; one reported as incomplete has none yet.
    assert.equal(await last(s, 'cmi.core.score.raw'), status == 'failed' ? '0' : undefined, name);
    assert.deepEqual(s.errors, []);
    await s.context.close();
  }
});

test('SCORM 1.2: with [lms] score naming a quiz, that quiz\'s best score is the score, sent once the result is final', async () => {
  // Only quiz one is required; quiz two is the score.
  const s = await launchIn(sites['12final']);
  await at(s, '/index.html');
  await visit(s, 'uno/leccion.html');
  await answer(s, 'uno/quiz.html', true);
  await visit(s, 'dos/leccion.html');
  // The rule is met, but the quiz that is the score is not taken: complete, with no score,
  // though quiz one's mean would be 100.
  await sent(s, 'cmi.core.lesson_status', 'completed');
  assert.equal(await last(s, 'cmi.core.score.raw'), undefined);
  await answer(s, 'dos/quiz.html', false);
  await sent(s, 'cmi.core.lesson_status', 'failed');
  assert.equal(await last(s, 'cmi.core.score.raw'), '0');
  await answer(s, 'dos/quiz.html', true);
  await sent(s, 'cmi.core.score.raw', '100');
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test('SCORM 1.2: no score is sent before the result is final, so an LMS that compares it with the mastery score cannot decide early', async () => {
  const s = await launchIn(sites['12']);
  await at(s, '/index.html');
  await answer(s, 'uno/quiz.html', true);
  await answer(s, 'dos/quiz.html', true);
  await s.page.waitForTimeout(400);
  assert.equal(await last(s, 'cmi.core.score.raw'), undefined, 'lessons are still to read');
  assert.equal(await cmi(s, 'core.lesson_status'), 'incomplete');
  await s.context.close();
});

test('SCORM 1.2: in a browser that keeps nothing, the LMS\'s record is never written over', async () => {
  const first = await launchIn(sites['12']);
  await at(first, '/index.html');
  await visit(first, 'uno/leccion.html');
  await leave(first);
  const kept = { suspend_data: await cmi(first, 'suspend_data'), core: { entry: 'resume' } };
  await first.context.close();
  const again = await launchIn(sites['12'], { cmi: kept, blocked: true });
  const f = await at(again, '/index.html');
  await f.locator('h1').waitFor();
  await leave(again);
  assert.equal(await last(again, 'cmi.suspend_data'), undefined);
  assert.equal(await cmi(again, 'suspend_data'), kept.suspend_data);
  await again.context.close();
});

test('SCORM 1.2: on a shared computer, the next learner gets nothing of the last one\'s record', async () => {
  const context = await browser.newContext();
  const a = await launchIn(sites['12'], { context, cmi: { core: { student_id: 'ana', student_name: 'Pérez, Ana' } } });
  await at(a, '/index.html');
  await visit(a, 'uno/leccion.html');
  await visit(a, 'dos/leccion.html');
  await answer(a, 'uno/quiz.html', true);
  await answer(a, 'dos/quiz.html', true);
  await sent(a, 'cmi.core.lesson_status', 'passed');
  await a.page.close();
  const b = await launchIn(sites['12'], { context, cmi: { core: { student_id: 'beto', student_name: 'Gómez, Beto' } } });
  await at(b, '/index.html');
  await sent(b, 'cmi.core.lesson_status', 'incomplete');
  assert.equal(await last(b, 'cmi.core.score.raw'), undefined);
  const cert = await go(b, 'certificate.html');
  assert.equal(await cert.locator('[data-cert-locked]').isVisible(), true);
  assert.equal(await cert.evaluate(() => JSON.parse(localStorage.getItem('aula:lms-test:name'))), 'Beto Gómez');
  assert.deepEqual(b.errors, []);
  await context.close();
});

test('SCORM 1.2: a relaunch in a new browser restores progress and position from the LMS, not local storage', async () => {
  const first = await launchIn(sites['12']);
  await at(first, '/index.html');
  await visit(first, 'uno/leccion.html');
  await answer(first, 'uno/quiz.html', true);
  await go(first, 'dos/leccion.html');
  await first.page.waitForFunction(() => window.API.cmi.core.lesson_location === 'dos/leccion.html');
  await leave(first);
  const kept = {
    suspend_data: await cmi(first, 'suspend_data'),
    core: { lesson_location: await cmi(first, 'core.lesson_location'), lesson_status: await cmi(first, 'core.lesson_status'), entry: 'resume', student_name: 'Pérez, Ana' },
  };
  await first.context.close();
  assert.ok(kept.suspend_data.startsWith('a1|'), kept.suspend_data);

  // This browser holds another record (lesson two read): the LMS's replaces it.
  const stale = { 'aula:lms-test:visited': JSON.stringify(['dos/leccion/']) };
  const again = await launchIn(sites['12'], { cmi: kept, stale });
  const f = await at(again, '/dos/leccion.html');
  assert.deepEqual(await f.evaluate(() => JSON.parse(localStorage.getItem('aula:lms-test:visited'))), ['uno/leccion/']);
  assert.equal(await f.locator('h1').innerText(), 'Lección dos');
  const home = await go(again, 'index.html');
  // One lesson and one quiz of four items.
  await home.locator('.hero [data-percent]').filter({ hasText: /50/ }).waitFor();
  const results = await go(again, 'results.html');
  const row = results.locator('tr', { has: results.getByRole('link', { name: 'Evaluación uno', exact: true }) });
  assert.match((await row.innerText()).replace(/\s+/g, ' '), /100 %.*1 de 1.*Aprobada/);
  assert.deepEqual(again.errors, []);
  await again.context.close();
});

test('SCORM 1.2: the certificate inside the LMS unlocks from the LMS record and prints the LMS name', async () => {
  const first = await launchIn(sites['12']);
  await at(first, '/index.html');
  await visit(first, 'uno/leccion.html');
  await visit(first, 'dos/leccion.html');
  await answer(first, 'uno/quiz.html', true);
  await answer(first, 'dos/quiz.html', true);
  await sent(first, 'cmi.core.lesson_status', 'passed');
  const kept = { suspend_data: await cmi(first, 'suspend_data'), core: { lesson_status: 'passed', entry: 'resume', student_name: 'Pérez, Ana' } };
  await first.context.close();

  const again = await launchIn(sites['12'], { cmi: kept });
  await at(again, '/index.html');
  const cert = await go(again, 'certificate.html');
  await cert.locator('[data-cert-name]').filter({ hasText: 'Ana Pérez' }).waitFor();
  assert.equal((await cert.locator('[data-cert-result]').innerText()).replace(/\s+/g, ' '), '100 %');
  // Nothing reported lower than the LMS already held.
  assert.equal(await cmi(again, 'core.lesson_status'), 'passed');
  assert.deepEqual(again.errors, []);
  await again.context.close();
});

test('SCORM 1.2: search works inside the LMS, and its result opens in the course\'s frame', async () => {
  const s = await launchIn(sites['12']);
  const home = await at(s, '/index.html');
  await home.locator('#search-q').focus();
  await home.locator('#search-q').fill('leccion dos');
  const first = home.locator('#search-results [role=option]').first();
  await first.waitFor();
  assert.equal((await first.locator('.sr-title').innerText()).trim(), 'Lección dos');
  await home.locator('#search-q').press('Enter');
  const lesson = await at(s, '/dos/leccion.html');
  assert.equal((await lesson.locator('h1').innerText()).trim(), 'Lección dos');
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test('SCORM 1.2: a call the LMS refuses is logged once and the course keeps working', async () => {
  const s = await launchIn(sites['12'], { refuse: ['cmi.core.lesson_location'] });
  await at(s, '/index.html');
  // Every page opened sends the position: refused each time, logged once.
  await go(s, 'uno/index.html');
  await go(s, 'dos/index.html');
  await answer(s, 'uno/quiz.html', true);
  await s.page.waitForTimeout(400);
  const refused = s.warnings.filter((w) => /refused/.test(w));
  assert.equal(refused.length, 1, refused.join('\n'));
  assert.match(refused[0], /LMSSetValue cmi\.core\.lesson_location \(error 405\)/);
  const f = await go(s, 'uno/leccion.html');
  assert.equal(await f.locator('h1').innerText(), 'Lección uno');
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test('SCORM 2004: completion and success are reported apart, with a scaled score and an ISO 8601 session time', async () => {
  const s = await launchIn(sites['2004']);
  await at(s, '/index.html');
  await sent(s, 'cmi.completion_status', 'incomplete');
  assert.equal(await cmi(s, 'success_status'), 'unknown');
  assert.equal(await count(s, 'Initialize'), 1);
  await visit(s, 'uno/leccion.html');
  await visit(s, 'dos/leccion.html');
  await answer(s, 'uno/quiz.html', true);
  await answer(s, 'dos/quiz.html', false);
  await s.page.waitForTimeout(400);
  assert.equal(await cmi(s, 'completion_status'), 'incomplete');
  assert.equal(await last(s, 'cmi.score.raw'), undefined);
  await answer(s, 'dos/quiz.html', true);
  await sent(s, 'cmi.success_status', 'passed');
  assert.equal(await cmi(s, 'completion_status'), 'completed');
  assert.equal(await cmi(s, 'score.raw'), '100');
  assert.equal(await cmi(s, 'score.scaled'), '1');
  assert.equal(await last(s, 'cmi.exit'), 'normal');
  await leave(s);
  assert.match(await last(s, 'cmi.session_time'), /^PT\d+H\d+M\d+S$/);
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test('SCORM 2004: a relaunch restores progress and position', async () => {
  const first = await launchIn(sites['2004']);
  await at(first, '/index.html');
  await visit(first, 'uno/leccion.html');
  await go(first, 'uno/quiz.html');
  await first.page.waitForFunction(() => window.API_1484_11.cmi.location === 'uno/quiz.html');
  await leave(first);
  const kept = { suspend_data: await cmi(first, 'suspend_data'), location: await cmi(first, 'location'), entry: 'resume' };
  await first.context.close();
  const again = await launchIn(sites['2004'], { cmi: kept });
  await at(again, '/uno/quiz.html');
  const home = await go(again, 'index.html');
  await home.locator('.hero [data-percent]').filter({ hasText: /25/ }).waitFor();
  assert.deepEqual(again.errors, []);
  await again.context.close();
});

test('without an LMS the launch page still gives a working course, from http and from disk', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  for (const url of [`${sites['12'].server.url}index_lms.html`, pathToFileURL(join(sites['12'].dir, 'index_lms.html')).href]) {
    await page.goto(url);
    const f = page.frameLocator('#aula-course');
    await f.getByRole('heading', { name: 'Curso de prueba' }).waitFor();
    await f.getByRole('link', { name: /Módulo uno/ }).first().click();
    await f.getByRole('heading', { name: 'Módulo uno' }).waitFor();
  }
  // The launch page itself: a titled frame, and nothing axe finds.
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('SCORM 1.2: suspend_data stays within 4,096 characters for 1,000 lessons and 100 quizzes, and restores them all', async () => {
  const files = { 'site.toml': 'title = "Curso grande"\nid = "grande"\nlanguage = "es"\nbase_url = "/"\n', 'content/_index.md': textPage('Curso grande') };
  for (let m = 1; m <= 100; m++) {
    const dir = `content/${String(m).padStart(3, '0')}-modulo-${m}`;
    files[`${dir}/_index.md`] = textPage(`Módulo ${m}`);
    for (let l = 1; l <= 10; l++) files[`${dir}/${String(l).padStart(2, '0')}-leccion-${l}.md`] = textPage(`Lección ${m}.${l}`);
    files[`${dir}/quiz.toml`] = oneQuestionQuiz('attempts = 12');
  }
  const dir = packaged(files, 'scorm1.2');
  const site = { dir, server: await serve(dir), v: '12' };
  try {
    const first = await launchIn(site);
    const f = await at(first, '/index.html');
    // Everything done, at the widest each number gets: a real learner's record is no larger.
    const written = await f.evaluate(() => {
      const C = window.aulaCourse, visited = [], results = {}, date = Date.now();
      C.modules.forEach((m) => m.items.forEach((it) => {
        if (it.quiz) results[it.quiz.key] = { best: 100, last: 99, attempts: 12, passed: true, date };
        else visited.push(it.key);
      }));
      Object.entries(results).forEach(([k, v]) => localStorage.setItem(k, JSON.stringify(v)));
      localStorage.setItem(`aula:${C.id}:visited`, JSON.stringify(visited));
      return { visited, results };
    });
    assert.equal(written.visited.length, 1000);
    assert.equal(Object.keys(written.results).length, 100);
    await sent(first, 'cmi.core.lesson_status', 'passed');
    await leave(first);
    const data = await cmi(first, 'suspend_data');
    await first.context.close();
    assert.ok(data.length <= 4096, `suspend_data is ${data.length} characters`);

    const again = await launchIn(site, { cmi: { suspend_data: data, core: { entry: 'resume' } } });
    const g = await at(again, '/index.html');
    const restored = await g.evaluate((keys) => ({
      visited: JSON.parse(localStorage.getItem('aula:grande:visited')),
      results: Object.fromEntries(keys.map((k) => [k, JSON.parse(localStorage.getItem(k))])),
    }), Object.keys(written.results));
    assert.deepEqual(restored.visited, written.visited);
    for (const [k, v] of Object.entries(written.results)) {
      assert.deepEqual({ ...restored.results[k], date: Math.floor(restored.results[k].date / 1000) }, { ...v, date: Math.floor(v.date / 1000) }, k);
    }
    console.log(`# suspend_data for 1,000 lessons and 100 quizzes: ${data.length} characters`);
    await again.context.close();
  } finally {
    await site.server.close();
    rmSync(dirname(dir), { recursive: true, force: true });
  }
});
