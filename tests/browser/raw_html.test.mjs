// Raw HTML from the authors' course under the course's own Content-Security-Policy, served by
// `aula serve`: a video's captions track loads from its module folder on the lesson and on the
// print page, and an embedded player from an origin of `[security] frame_src` is let in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, repo, startServe } from './helpers.mjs';

const module = join(repo, 'tests', 'fixtures', 'authors', 'content', '02-raw-html');

/** The authors' raw HTML module as a course of its own, with `site` as its site.toml. */
function files(site, extra = {}) {
  const all = { 'site.toml': site, 'content/_index.md': '+++\ntitle = "Home"\n+++\n\nHi.\n', ...extra };
  for (const name of readdirSync(module)) all[`content/02-raw-html/${name}`] = readFileSync(join(module, name));
  return all;
}

/** What went wrong loading a page: console errors (CSP violations among them), failed requests, 4xx/5xx. */
function watch(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`); });
  return problems;
}

test('the captions track of a video loads on the lesson and on the print page', async () => {
  const served = await startServe(files('title = "Media"\nlanguage = "en"\n'));
  const browser = await launch();
  try {
    for (const path of ['raw-html/media.html', 'print.html']) {
      const page = await browser.newPage();
      const problems = watch(page);
      await page.goto(served.url + path);
      // `default` shows the track, so the browser fetches and parses it.
      await page.waitForFunction(() => {
        const track = document.querySelector('video track');
        return track && track.readyState === 2 && track.track.cues && track.track.cues.length > 0;
      }, null, { timeout: 10000 });
      const cue = await page.evaluate(() => document.querySelector('video track').track.cues[0].text);
      assert.equal(cue, 'A tone.');
      // The video's own source and its poster load too.
      await page.waitForFunction(() => document.querySelector('video').readyState >= 1, null, { timeout: 10000 });
      assert.deepEqual(problems, [], `${path}: ${problems.join('\n')}`);
      await page.close();
    }
  } finally {
    await browser.close();
    served.stop();
  }
});

test('an iframe from an origin of frame_src is let in by the page\'s CSP', async () => {
  // The "player" is another origin: localhost, where the course is served from 127.0.0.1.
  const player = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!DOCTYPE html><title>Player</title><p id="inside">playing</p>');
  });
  await new Promise((ok) => player.listen(0, '127.0.0.1', ok));
  const origin = `http://localhost:${player.address().port}`;
  const served = await startServe(files(
    `title = "Media"\nlanguage = "en"\n\n[security]\nframe_src = ["${origin}"]\n`,
    { 'content/02-raw-html/03-player.md': `+++\ntitle = "Player"\n+++\n\n<iframe src="${origin}/embed" title="A player"></iframe>\n` },
  ));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const problems = watch(page);
    await page.goto(served.url + 'raw-html/player.html');
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame.waitForSelector('#inside', { timeout: 10000 });
    assert.equal(await frame.textContent('#inside'), 'playing');
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await browser.close();
    served.stop();
    await new Promise((ok) => player.close(ok));
  }
});
