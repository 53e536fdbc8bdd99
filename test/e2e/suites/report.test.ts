/**
 * The report of the samples (`fact-notes report samples`) in a real browser:
 * Debian's Chromium opens the file as a person would, offline, with
 * JavaScript off; the headings and a highlighted quote are on screen; a
 * full-page screenshot goes to test-results/screenshots/report/ (a folder
 * of its own: the workbench suite clears the numbered screenshots it takes)
 * and, when asked (FACT_NOTES_UPDATE_DOCS=1, or when it is missing), to
 * docs/report.png for the README.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../lib/browser';
import { FACT_NOTES_JS } from '../lib/cli';
import { cleanupTemp, copySamples, REPO_ROOT, SCREENSHOTS_DIR } from '../lib/paths';

const SHOTS = path.join(SCREENSHOTS_DIR, 'report');

describe('fact-notes report in Chromium', function () {
  this.timeout(120_000);
  let samples: string;
  let browser: Browser | undefined;
  let file: string;

  before(async () => {
    samples = copySamples();
    file = path.join(path.dirname(samples), 'report.html');
    const r = spawnSync(process.execPath, [FACT_NOTES_JS, 'report', 'samples', '-o', file], { cwd: path.dirname(samples), encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Wrote .*report\.html \(2 sheets, \d+ facts: \d+ verified, \d+ broken, \d+ unsupported\)\.\n$/);
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    cleanupTemp(samples && path.dirname(samples));
  });

  it('renders the samples offline without JavaScript: headings, statuses, a highlighted quote, the disagreement', async () => {
    const context = await browser!.newContext({ javaScriptEnabled: false, offline: true, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    assert.strictEqual(await page.locator('h1').innerText(), 'Fact Notes report');
    // Two sheets: each an h2, its parts h3, its facts h4.
    const h2 = await page.locator('h2').allInnerTexts();
    assert.deepStrictEqual(h2, ['Contents', 'Blinken and Lavrov in Reykjavik -- a sheet with mistakes', 'Blinken and Lavrov meet in Reykjavik (May 2021)']);
    const h3 = await page.locator('h3').allInnerTexts();
    for (const heading of ['Facts', 'Where the sources disagree', 'Sources']) assert.ok(h3.includes(heading), `no h3 "${heading}" in ${JSON.stringify(h3)}`);
    assert.ok(await page.locator('h4', { hasText: 'talks-length — The talks lasted about two hours.' }).first().isVisible());
    const mark = page.locator('mark', { hasText: 'The meeting lasted about two hours.' }).first();
    assert.ok(await mark.isVisible(), 'the highlighted quote is visible');
    // Highlighted: the mark has its own background, and dark text on it.
    const colours = await mark.evaluate((el) => { const s = getComputedStyle(el); return [s.backgroundColor, s.color]; });
    assert.deepStrictEqual(colours, ['rgb(255, 226, 122)', 'rgb(17, 17, 17)']);
    assert.ok(await page.locator('.badge.verified', { hasText: 'Verified' }).first().isVisible());
    assert.ok(await page.locator('.badge.broken', { hasText: 'Broken: quote-moved' }).first().isVisible());
    assert.ok(await page.getByText('Duration: “two hours”, “two-hour” against “one hour and 45 minutes”').isVisible());
    assert.deepStrictEqual(requests, [], 'the page loads nothing from elsewhere');
    const shot = path.join(SHOTS, '01-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    // The README's picture: the top of the page, the summary and the first facts.
    const docs = path.join(REPO_ROOT, 'docs', 'report.png');
    if (process.env.FACT_NOTES_UPDATE_DOCS === '1' || !fs.existsSync(docs)) await page.screenshot({ path: docs });
    console.log(`      (screenshot: ${path.relative(REPO_ROOT, shot)})`);
    await context.close();
  });

  it('prints: the print stylesheet applies and every fact is there', async () => {
    const page = await browser!.newPage({ javaScriptEnabled: false });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    assert.strictEqual(await page.locator('nav.contents').isVisible(), false, 'no contents list on paper');
    const facts = await page.locator('article.fact').count();
    assert.ok(facts > 40, `${facts} facts`);
    await page.screenshot({ path: path.join(SHOTS, '02-report-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000, 'a PDF is printed');
    await page.close();
  });
});
