import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT_OK, EXIT_USAGE, REPO_ROOT } from '../helpers/core';
import { runCli } from '../helpers/cli';
import { useTempWorkspace } from '../helpers/workspace';

const SUMMARY = /^Wrote (\S+) \(2 sheets, (\d+) facts: (\d+) verified, (\d+) broken, (\d+) unsupported\)\.\n$/;

describe('cli: fact-notes report', () => {
  const ws = useTempWorkspace();
  beforeEach(() => {
    ws.current.copyFrom(path.join(REPO_ROOT, 'samples'), 'samples');
  });

  it('writes one page for the samples and says what is in it, exiting 0 although a sheet is broken', async () => {
    const { status, stdout, stderr } = await runCli(['report', 'samples', '-o', 'report.html'], ws.current.root);
    assert.equal(stderr, '');
    assert.equal(status, EXIT_OK);
    const m = SUMMARY.exec(stdout);
    assert.ok(m, stdout);
    assert.equal(m[1], 'report.html');
    const [facts, verified, broken] = [Number(m[2]), Number(m[3]), Number(m[4])];
    assert.ok(broken > 0 && verified > 0 && verified + broken <= facts, stdout);
    const html = ws.current.read('report.html');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<h2 id="[^"]+">Blinken and Lavrov meet in Reykjavik \(May 2021\)<\/h2>/);
    assert.match(html, /<h2 id="[^"]+">Blinken and Lavrov in Reykjavik -- a sheet with mistakes<\/h2>/);
    assert.equal(html.match(/<article class="fact /g)?.length, facts);
    assert.match(html, /<mark>The meeting lasted about two hours\.<\/mark>/);
    // sources.yaml gives titles and dates.
    assert.match(html, /<cite>Foreign Ministers’ Meeting – Blinken and Lavrov: Discussing differences in front of the camera<\/cite> · SRF 4 News · published <time>2021-05-20<\/time>/);
    // The sources that disagree on how long the talks were.
    assert.match(html, /Duration: “two hours”, “two-hour” against “one hour and 45 minutes”/);
    assert.match(html, new RegExp(`<li><strong>${facts}</strong> facts</li><li><strong>${verified}</strong> verified</li><li><strong>${broken}</strong> broken</li>`));
    assert.doesNotMatch(html, /<script/i);
    assert.deepEqual(fs.readdirSync(ws.current.root).sort(), ['report.html', 'samples'], 'no temporary file left');
  });

  it('writes fact-notes-report.html in the current folder by default, replacing an old one', async () => {
    ws.current.write('fact-notes-report.html', 'old');
    const { status, stdout } = await runCli(['report', 'samples/reykjavik.facts.yaml'], ws.current.root);
    assert.equal(status, EXIT_OK);
    assert.match(stdout, /^Wrote fact-notes-report\.html \(1 sheet, 38 facts: \d+ verified, 0 broken, \d+ unsupported\)\.\n$/);
    assert.match(ws.current.read('fact-notes-report.html'), /<h1>Blinken and Lavrov meet in Reykjavik \(May 2021\)<\/h1>/);
  });

  it('writes the page to standard output with -o -, and the summary to standard error', async () => {
    const { status, stdout, stderr } = await runCli(['report', 'samples/reykjavik.facts.yaml', '-o', '-'], ws.current.root);
    assert.equal(status, EXIT_OK);
    assert.match(stdout, /^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
    assert.match(stderr, /^Wrote the report \(1 sheet, 38 facts: /);
    assert.ok(!fs.existsSync(ws.current.path('fact-notes-report.html')));
  });

  it('has a help text, and is in the top-level help', async () => {
    const help = await runCli(['report', '--help'], ws.current.root);
    assert.equal(help.status, EXIT_OK);
    assert.match(help.stdout, /^Usage: fact-notes report \[PATH\.\.\.\] \[options\]/);
    assert.match(help.stdout, /-o, --output FILE/);
    assert.match(help.stdout, /a report is not a\s+gate/);
    const top = await runCli(['--help'], ws.current.root);
    assert.match(top.stdout, /fact-notes report \[PATH\.\.\.\] \[-o FILE\] \[--root DIR\]/);
    assert.match(top.stdout, /\n {2}report {2}/);
  });

  for (const [what, args, message] of [
    ['a missing path', ['report', 'nowhere'], /no such file or folder: nowhere/],
    ['a folder outside the root', ['report', '..'], /outside the root folder/],
    ['an option of check only', ['report', 'samples', '--format', 'json'], /'--format' is not an option of 'report'/],
    ['-o naming a folder', ['report', 'samples', '-o', 'samples'], /is a folder/],
    ['-o in a folder that does not exist', ['report', 'samples', '-o', 'no/such/report.html'], /does not exist/],
    ['--output given to check', ['check', 'samples', '-o', 'x.html'], /'--output' is an option of 'report' only/],
    ['an unknown option', ['report', '--nope'], /nope/],
  ] as const) {
    it(`exits 2 on ${what}, writing nothing`, async () => {
      const { status, stderr } = await runCli(args, ws.current.root);
      assert.equal(status, EXIT_USAGE, stderr);
      assert.match(stderr, message);
      assert.deepEqual(fs.readdirSync(ws.current.root), ['samples']);
    });
  }
});
