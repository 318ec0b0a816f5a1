// "My results" and the certificate (issue 19), in Debian's headless Chromium, over HTTP under
// the strict CSP and from file://: the results page shows what the learner did, its record
// moves to another browser as a file (and a bad, foreign or newer file changes nothing), and
// the certificate stays locked, saying what is missing, until the completion rule is met,
// then prints on one landscape page of A4 or Letter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  makeCourse, build, servedSite, answerCapital, watchErrors, readToEnd, oneQuestionQuiz, textPage, squeezed, axeViolations,
} from './helpers.mjs';

const site = servedSite(() => build(makeCourse({
  'site.toml': 'title = "Curso de prueba"\nid = "registro-2"\nversion = "3"\nlanguage = "es"\nbase_url = "/"\n'
    + 'author = "Ana Pérez"\norganization = "Banco del Valle"\n',
  'content/_index.md': textPage('Curso de prueba'),
  'content/01-uno/_index.md': textPage('Módulo uno'),
  'content/01-uno/01-leccion.md': textPage('Lección uno'),
  'content/01-uno/quiz.toml': oneQuestionQuiz('attempts = 3').replace('"Evaluación"', '"Evaluación uno"'),
  'content/02-dos/_index.md': textPage('Módulo dos'),
  'content/02-dos/01-leccion.md': textPage('Lección dos'),
  'content/02-dos/quiz.toml': oneQuestionQuiz().replace('"Evaluación"', '"Evaluación dos"'),
})));

/** A new browser profile (its own storage) on a page of the course. */
async function open(path, { base = site.server.url, ...options } = {}) {
  const context = await site.browser.newContext({ acceptDownloads: true, ...options });
  const p = await context.newPage();
  const errors = watchErrors(p);
  p.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await p.goto(base + path);
  return { p, context, errors };
}
/** Answers the quiz at `path`: right or wrong. */
async function take(p, path, right) {
  await p.goto(site.server.url + path);
  await answerCapital(p, right);
}
async function read(p, path) {
  await p.goto(site.server.url + path);
  await readToEnd(p);
}
/** Everything the whole course asks for: both lessons read, both quizzes passed. */
async function complete(p) {
  await read(p, 'uno/leccion.html');
  await read(p, 'dos/leccion.html');
  await take(p, 'uno/quiz.html', true);
  await take(p, 'dos/quiz.html', true);
}
const row = (p, title) => p.locator('tr', { has: p.getByRole('link', { name: title, exact: true }) });
const cells = async (r) => (await r.locator('td').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
const today = (p) => p.evaluate(() => new Intl.DateTimeFormat('es', { dateStyle: 'long' }).format(new Date()));
const stored = (p) => p.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));

test('the results page lists each quiz\'s best and last score, attempts, status and date, and the lessons per module', async () => {
  const { p, context, errors } = await open('results.html');
  await p.locator('[data-results]').waitFor();
  assert.equal(await squeezed(p.locator('[data-overall-status]')), 'Aún no has completado el curso.');
  assert.equal(await squeezed(p.locator('[data-overall-rule]')),
    'Para completar el curso: visitar todas las lecciones y aprobar todas las evaluaciones.');
  assert.deepEqual(await cells(row(p, 'Evaluación uno')), ['—', '—', '0 de 3', 'Sin intentar', '—']);

  await read(p, 'uno/leccion.html');
  await take(p, 'uno/quiz.html', true);
  await take(p, 'uno/quiz.html', false);
  await take(p, 'dos/quiz.html', false);
  await p.goto(site.server.url + 'results.html');
  const day = await today(p);
  assert.deepEqual(await cells(row(p, 'Evaluación uno')), ['100 %', '0 %', '2 de 3', 'Aprobada', day]);
  assert.deepEqual(await cells(row(p, 'Evaluación dos')), ['0 %', '0 %', '1', 'Aún no aprobada', day]);
  assert.deepEqual(await cells(row(p, 'Módulo 1. Módulo uno')), ['1 de 1']);
  assert.deepEqual(await cells(row(p, 'Módulo 2. Módulo dos')), ['0 de 1']);
  // Two of four items done: lesson one and quiz one.
  assert.equal(await squeezed(p.locator('[data-percent]')), '50 %');
  assert.equal(await p.locator('[data-results] progress').evaluate((e) => e.value), 50);
  assert.equal(await p.getByRole('button', { name: 'Imprimir mis resultados' }).isVisible(), true);

  // The sidebar links here from every page.
  await p.goto(site.server.url + 'dos/leccion.html');
  await p.setViewportSize({ width: 1280, height: 900 });
  await p.locator('nav.sidebar').getByRole('link', { name: 'Mis resultados' }).click();
  await p.waitForURL(/results\.html$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the results page prints as a report: no sidebar or export, and no header word broken', async () => {
  const { p, context, errors } = await open('index.html');
  await take(p, 'uno/quiz.html', true);
  await p.goto(site.server.url + 'results.html');
  // An A5 sheet's width: narrow columns.
  await p.setViewportSize({ width: 560, height: 794 });
  await p.emulateMedia({ media: 'print' });
  assert.equal(await p.locator('nav.sidebar').isVisible(), false);
  assert.equal(await p.getByRole('button', { name: 'Exportar mi registro' }).isVisible(), false);
  assert.deepEqual(await cells(row(p, 'Evaluación uno')), ['100 %', '100 %', '1 de 3', 'Aprobada', await today(p)]);
  // Each header word on one line: "Intentos" once printed as "Intento / s".
  const split = await p.locator('.record-table thead th').evaluateAll((ths) => ths.flatMap((th) => {
    const text = th.firstChild, r = document.createRange();
    return [...text.data.matchAll(/\S+/g)].filter((m) => {
      r.setStart(text, m.index);
      r.setEnd(text, m.index + m[0].length);
      return r.getClientRects().length > 1;
    }).map((m) => m[0]);
  }));
  assert.deepEqual(split, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an exported record imported into another browser gives the same results; importing over a record asks first', async () => {
  const a = await open('index.html');
  await read(a.p, 'uno/leccion.html');
  await take(a.p, 'uno/quiz.html', true);
  await a.p.goto(site.server.url + 'results.html');
  const [download] = await Promise.all([a.p.waitForEvent('download'), a.p.getByRole('button', { name: 'Exportar mi registro' }).click()]);
  assert.match(download.suggestedFilename(), /^registro-2-record-\d{4}-\d\d-\d\d\.json$/);
  const file = await download.path();
  const json = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(json.aula, 'record');
  assert.deepEqual(json.course, { id: 'registro-2', version: '3', title: 'Curso de prueba' });
  assert.deepEqual(Object.keys(json.record).sort().map((k) => k.replace(/:[^:]+$/, ':…')), ['quiz:uno/quiz/:…', 'visited', 'visited-at']);
  const before = await cells(row(a.p, 'Evaluación uno'));

  const b = await open('results.html');
  await b.p.locator('[data-import]').setInputFiles(file);
  await b.p.getByText('Registro importado: 3 elementos.').waitFor();
  assert.deepEqual(await cells(row(b.p, 'Evaluación uno')), before);
  assert.deepEqual(await cells(row(b.p, 'Módulo 1. Módulo uno')), ['1 de 1']);
  assert.deepEqual(await stored(b.p), await stored(a.p));

  // Over a record that holds something: asked first, and "no" keeps it.
  await take(b.p, 'dos/quiz.html', true);
  await b.p.goto(site.server.url + 'results.html');
  const kept = await stored(b.p);
  const asked = [];
  b.p.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
  await b.p.locator('[data-import]').setInputFiles(file);
  await b.p.waitForFunction(() => document.querySelector('[data-import]').value === '');
  assert.deepEqual(asked, ['¿Reemplazar el progreso guardado en este navegador por el del archivo?']);
  assert.deepEqual(await stored(b.p), kept);
  b.p.once('dialog', (d) => d.accept());
  await b.p.locator('[data-import]').setInputFiles(file);
  await b.p.getByText('Registro importado: 3 elementos.').waitFor();
  assert.deepEqual(await cells(row(b.p, 'Evaluación dos')), ['—', '—', '0', 'Sin intentar', '—'], 'replaced, not merged');
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await a.context.close();
  await b.context.close();
});

test('a malformed file, another course\'s record and a newer version each get a message and change nothing', async () => {
  const { p, context, errors } = await open('index.html');
  await take(p, 'uno/quiz.html', true);
  await p.goto(site.server.url + 'results.html');
  const exported = await p.evaluate(() => window.aulaRecord.exported());
  const kept = await stored(p);
  const status = p.locator('[data-import-status]');
  const cases = [
    ['{"aula": "record", ', 'Este archivo no es un registro de aula que se pueda leer. No se cambió nada.'],
    [JSON.stringify({ ...exported, record: { ...exported.record, visited: 'todo' } }), 'Este archivo no es un registro de aula que se pueda leer. No se cambió nada.'],
    [JSON.stringify({ ...exported, course: { id: 'registro', version: '3', title: 'Otro curso' } }), 'Este archivo es el registro de otro curso («Otro curso»), no de este. No se cambió nada.'],
    [JSON.stringify({ ...exported, course: { ...exported.course, version: '3.1' } }), 'Este archivo viene de una versión más nueva del curso (3.1) que esta (3). No se cambió nada.'],
    [JSON.stringify({ ...exported, format: 2 }), 'Este archivo lo escribió una versión de aula más nueva que la de este curso. No se cambió nada.'],
  ];
  p.on('dialog', (d) => { errors.push(`asked: ${d.message()}`); d.dismiss(); });
  for (const [text, message] of cases) {
    await status.evaluate((e) => { e.textContent = ''; });
    await p.locator('[data-import]').setInputFiles({ name: 'registro.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await assert.doesNotReject(status.filter({ hasText: message }).waitFor({ timeout: 5000 }), `${text.slice(0, 60)} → ${message}`);
    assert.deepEqual(await stored(p), kept, 'nothing changed');
    assert.equal(await status.evaluate((e) => e.className), 'is-error');
  }
  assert.deepEqual(errors, []);
  await context.close();
});

/** The receipt code's recipe as README "The certificate" gives it, written again here. */
function receipt(id, version, name, day, overall) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from([id, version, name, day, overall].join('\n'), 'utf8')) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  const x = h.toString(16).toUpperCase().padStart(8, '0');
  return `${x.slice(0, 4)}-${x.slice(4)}`;
}

test('the certificate says what is missing until the course is complete, then shows the name, scores and receipt code', async () => {
  const { p, context, errors } = await open('certificate.html');
  const missing = p.locator('[data-missing] li');
  await missing.first().waitFor();
  assert.deepEqual((await missing.allInnerTexts()).map((s) => s.trim()),
    ['visitar 2 lecciones más', 'aprobar «Evaluación uno»', 'aprobar «Evaluación dos»']);
  assert.equal(await p.locator('.certificate').isVisible(), false);

  await read(p, 'uno/leccion.html');
  await take(p, 'uno/quiz.html', true);
  await p.goto(site.server.url + 'certificate.html');
  assert.deepEqual((await missing.allInnerTexts()).map((s) => s.trim()), ['visitar 1 lección más', 'aprobar «Evaluación dos»']);
  await p.getByRole('link', { name: 'aprobar «Evaluación dos»' }).click();
  await p.waitForURL(/dos\/quiz\.html$/);

  await read(p, 'dos/leccion.html');
  await take(p, 'dos/quiz.html', false);
  await take(p, 'dos/quiz.html', true);
  await p.goto(site.server.url + 'certificate.html');
  const cert = p.locator('.certificate');
  await cert.waitFor();
  await p.getByLabel('Tu nombre, tal como debe aparecer en el certificado').fill('  María   José Núñez ');
  assert.equal(await squeezed(cert.locator('[data-cert-name]')), 'María José Núñez');
  const day = await today(p);
  const text = await squeezed(cert);
  for (const part of ['Banco del Valle', 'Certificado de finalización', 'Se certifica que', 'completó el curso', 'Curso de prueba',
    `Fecha ${day}`, 'Resultado general 100 %', 'Autoría Ana Pérez', 'Versión del curso 3', 'Evaluación uno 100 %', 'Evaluación dos 100 %']) {
    assert.ok(text.includes(part), `"${part}" in: ${text}`);
  }
  assert.match(text, /Duración \d+ min/);
  const iso = await p.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
  const code = await squeezed(cert.locator('[data-cert-code]'));
  assert.equal(code, receipt('registro-2', '3', 'María José Núñez', iso, '100'));
  assert.match(text, /Es un recibo, no una prueba/);

  // The name stays, and the home page links here.
  await p.goto(site.server.url + 'index.html');
  await p.getByRole('link', { name: 'Ver el certificado' }).click();
  await cert.waitFor();
  assert.equal(await p.getByLabel(/Tu nombre/).inputValue(), '  María   José Núñez ');
  assert.equal(await squeezed(cert.locator('[data-cert-code]')), code);
  await p.getByLabel(/Tu nombre/).fill('María José');
  assert.notEqual(await squeezed(cert.locator('[data-cert-code]')), code, 'another name, another code');
  assert.deepEqual(errors, []);
  await context.close();
});

/** The pages of a PDF and each one's size in points. */
function pdfPages(pdf) {
  const text = pdf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page\b/g) || [];
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [+m[3] - +m[1], +m[4] - +m[2]]);
  return { count: pages.length, boxes };
}

test('the certificate prints on one landscape page of A4 and of Letter, even with a long name', async () => {
  const { p, context, errors } = await open('index.html');
  await complete(p);
  await p.goto(site.server.url + 'certificate.html');
  await p.getByLabel(/Tu nombre/).fill('María de los Ángeles Fernández-Villavicencio Rodríguez de la Concepción Olmedo');
  await p.emulateMedia({ media: 'print' });
  for (const [format, size] of [['A4', [842, 595]], ['Letter', [792, 612]]]) {
    const { count, boxes } = pdfPages(await p.pdf({ format, preferCSSPageSize: true }));
    assert.equal(count, 1, `${format}: one page`);
    assert.ok(boxes[0].every((n, i) => Math.abs(n - size[i]) < 2), `${format}: landscape, ${boxes[0]} ≈ ${size}`);
  }
  assert.equal(await p.locator('.cert-form').isVisible(), false, 'the form does not print');
  assert.equal(await p.locator('.certificate').isVisible(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('results and certificate work opened from file://: a record imported there unlocks the certificate', async () => {
  const a = await open('index.html');
  await complete(a.p);
  await a.p.goto(site.server.url + 'results.html');
  const record = JSON.stringify(await a.p.evaluate(() => window.aulaRecord.exported()));
  await a.context.close();

  const base = pathToFileURL(site.dir).href + '/';
  const { p, context, errors } = await open('results.html', { base });
  assert.ok(p.url().startsWith('file://'));
  await p.locator('[data-import]').setInputFiles({ name: 'r.json', mimeType: 'application/json', buffer: Buffer.from(record) });
  await p.getByText(/Registro importado/).waitFor();
  assert.deepEqual(await cells(row(p, 'Evaluación dos')), ['100 %', '100 %', '1', 'Aprobada', await today(p)]);
  assert.match(await squeezed(p.locator('[data-overall-status]')), /^Completaste el curso el .+ Resultado general: 100 %$/);
  await p.getByRole('link', { name: 'Ver el certificado' }).click();
  await p.locator('.certificate').waitFor();
  assert.equal(await squeezed(p.locator('[data-cert-result]')), '100 %');
  assert.deepEqual(errors, []);
  await context.close();
});

test('results and certificate pass axe, locked and unlocked, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { p, context } = await open('certificate.html', { colorScheme });
    await p.locator('[data-missing] li').first().waitFor();
    assert.deepEqual(await axeViolations(p), [], `locked certificate, ${colorScheme}`);
    await p.goto(site.server.url + 'results.html');
    await p.locator('[data-results]').waitFor();
    assert.deepEqual(await axeViolations(p), [], `empty results, ${colorScheme}`);
    await complete(p);
    await p.goto(site.server.url + 'results.html');
    await p.locator('[data-import]').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('no') });
    await p.locator('[data-import-status].is-error').waitFor();
    assert.deepEqual(await axeViolations(p), [], `results with an import error, ${colorScheme}`);
    await p.goto(site.server.url + 'certificate.html');
    await p.getByLabel(/Tu nombre/).fill('Ana');
    assert.deepEqual(await axeViolations(p), [], `certificate, ${colorScheme}`);
    await p.goto(site.server.url + 'index.html');
    await p.locator('[data-complete]').waitFor();
    assert.deepEqual(await axeViolations(p), [], `home page, complete, ${colorScheme}`);
    await context.close();
  }
});
