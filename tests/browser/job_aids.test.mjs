// The sample course's job aids (fichas) print on one A4 page each, in Spanish and in English:
// static/course.css fits them, and a change to a job aid or to the theme's print styles that
// spills one onto a second sheet fails here. Printed as Chromium prints (page.pdf, print media).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSample, servedSite, watchErrors } from './helpers.mjs';

const JOB_AIDS = ['ficha-procedimiento-quejas', 'ficha-triangulo-del-servicio', 'ficha-ciclo-del-servicio',
  'ficha-promesa-y-garantia', 'ficha-plan-de-accion'];

const shared = servedSite(buildSample);

/** The pages of a PDF and the size of the first, in points. */
function pdfPages(pdf) {
  const text = pdf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![s\w])/g) || [];
  const box = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  return { count: pages.length, width: box && Number(box[1]), height: box && Number(box[2]) };
}

for (const edition of ['', 'en/']) {
  for (const name of JOB_AIDS) {
    test(`${edition}${name}.html prints on one A4 page`, async () => {
      const context = await shared.browser.newContext();
      const page = await context.newPage();
      const errors = watchErrors(page);
      const response = await page.goto(`${shared.server.url}${edition}${name}.html`);
      assert.equal(response.status(), 200);
      assert.ok(await page.locator('.ficha').count(), 'the page is a job aid');
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
      const { count, width, height } = pdfPages(pdf);
      assert.equal(count, 1, `${count} pages`);
      // A4 is 595 × 842 points.
      assert.ok(Math.abs(width - 595) < 2 && Math.abs(height - 842) < 2, `${width} × ${height}`);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
