/**
 * Issue 16 (part 5): `fact-notes check --shard I/N`. The shards split the
 * sheets (each sheet in exactly one), keep the sheets that cite a common
 * article together while such a group fits in a shard's share, and their
 * JSON reports joined by `fact-notes merge` equal one full run's: on an
 * archive of separate stories (six copies of samples/, each citing its own
 * articles), and on the benchmark's generated workspace, whose sheets all
 * share articles with one another and so make one group, cut into shares.
 * A repair in one shard is settled on the evidence of the citations in the
 * others, as in the full run.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_USAGE, REPO_ROOT } from '../helpers/core';

const BIN = path.join(REPO_ROOT, 'bin', 'fact-notes.js');

interface Report {
  version: number;
  sheets: number;
  citations: number;
  diagnostics: { file: string; range: { start: { line: number; character: number } }; code: string; message: string; severity: string }[];
}

describe('CLI: check --shard I/N and merge (issue 16)', function () {
  this.timeout(120_000);
  let ws: string;
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ws, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const json = (...args: string[]): Report => {
    const r = run('check', '--format', 'json', ...args);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    return JSON.parse(r.stdout) as Report;
  };
  const sorted = (r: Report) => [...r.diagnostics].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));

  let bench: string;
  before(() => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fact-notes-shards-')));
    for (let k = 1; k <= 6; k++) fs.cpSync(path.join(REPO_ROOT, 'samples'), path.join(ws, `story-${k}`), { recursive: true });
    bench = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fact-notes-shards-bench-')));
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bench', 'generate.mjs'), '--scale', '0.05', '--out', bench], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => {
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(bench, { recursive: true, force: true });
  });

  it('splits the sheets into shards whose merged reports equal the full run', () => {
    const full = json();
    assert.equal(full.sheets, 12);
    for (const n of [2, 3, 4]) {
      const files: string[] = [];
      const shards: Report[] = [];
      for (let i = 1; i <= n; i++) {
        const report = json('--shard', `${i}/${n}`);
        shards.push(report);
        const file = path.join(ws, `shard-${i}-of-${n}.json`);
        fs.writeFileSync(file, JSON.stringify(report));
        files.push(file);
      }
      assert.equal(shards.reduce((k, s) => k + s.sheets, 0), full.sheets, `${n} shards: every sheet once`);
      assert.ok(shards.every((s) => s.sheets >= 2), `${n} shards: each has a story or more (${shards.map((s) => s.sheets).join(', ')})`);
      const merged = spawnSync(process.execPath, [BIN, 'merge', ...files], { cwd: ws, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.equal(merged.status, full.diagnostics.some((d) => d.severity === 'error') ? 1 : 0, merged.stderr);
      const m = JSON.parse(merged.stdout) as Report;
      assert.equal(m.sheets, full.sheets);
      assert.equal(m.citations, full.citations);
      assert.deepEqual(m.diagnostics, sorted(full), `${n} shards merged`);
    }
  });

  it('deals the same shards every time, and keeps sheets that cite a common article together', () => {
    const a = json('--shard', '1/3');
    const b = json('--shard', '1/3');
    assert.deepEqual(a, b);
    // A story's two sheets cite the same articles: they are in one shard (with --show-hints both have diagnostics).
    const seen = new Map<string, number>();
    for (let i = 1; i <= 3; i++) {
      const files = new Set(json('--shard', `${i}/3`, '--show-hints').diagnostics.map((d) => d.file));
      assert.equal(files.size % 2, 0, `shard ${i}: ${[...files].join(', ')}`);
      for (const f of files) {
        const story = f.split('/')[0];
        assert.ok(files.has(`${story}/broken.facts.yaml`) && files.has(`${story}/reykjavik.facts.yaml`), `shard ${i} has half of ${story}`);
        assert.ok((seen.get(story) ?? i) === i, `${story} in two shards`);
        seen.set(story, i);
      }
    }
    assert.equal(seen.size, 6);
  });

  it('cuts the benchmark workspace, whose sheets all share articles, into shares of about its size each, still equal to the full run', () => {
    const inBench = (...args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', ...args], { cwd: bench, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      return JSON.parse(r.stdout) as Report;
    };
    const full = inBench();
    // Its big sheet (a third of it and more) cannot be cut: one shard has it, the others share the rest.
    const big = inBench('big').citations;
    for (const n of [2, 3]) {
      const shards = Array.from({ length: n }, (_, k) => inBench('--shard', `${k + 1}/${n}`));
      assert.equal(shards.reduce((k, s) => k + s.sheets, 0), full.sheets);
      const loads = shards.map((x) => x.citations).sort((a, b) => b - a);
      const even = (full.citations - big) / (n - 1);
      assert.ok(loads[0] === big && loads.slice(1).every((l) => l >= 0.75 * even && l <= 1.25 * even), `${n} shards: ${loads.join(', ')} of ${full.citations} citations, ${big} in the big sheet`);
      assert.deepEqual(sorted({ ...full, diagnostics: shards.flatMap((s) => s.diagnostics) }), sorted(full), `${n} shards`);
    }
  });

  it('settles a repair in one shard on the evidence of citations in another, as the full run does', () => {
    // Two paragraphs inserted at the top of the article (every line moves down by 4), and paragraph 2 copy-edited.
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fact-notes-shards-evidence-')));
    try {
      const paragraphs = [
        'The meeting of the two ministers took place in Reykjavik on Wednesday evening.',
        'The talks lasted about two hours, longer than either side had planned for.',
        'Lavrov said the talks were constructve and that both sides understood the need to improve relations.',
        'Blinken raised the health of the imprisoned opposition figure Alexei Navalny.',
        'The Russian side did not comment on whether a summit had been agreed.',
      ];
      fs.mkdirSync(path.join(dir, 'articles'));
      fs.writeFileSync(path.join(dir, 'articles', 'a.txt'), ['A new first paragraph.', 'A new second paragraph.', ...paragraphs].join('\n\n') + '\n');
      const sheet = (...cites: [number, string][]) =>
        ['sources: articles', 'facts:', ...cites.flatMap(([line, quote], k) => [`  - claim: Claim ${k + 1}.`, '    cite:', '      - file: a.txt', `        line: ${line}`, `        quote: "${quote}"`])].join('\n') + '\n';
      // a.facts.yaml: two citations found moved by 4 lines (the anchors); b.facts.yaml: the copy-edited one.
      fs.writeFileSync(path.join(dir, 'a.facts.yaml'), sheet([3, 'The talks lasted about two hours'], [9, 'did not comment on whether a summit']));
      fs.writeFileSync(path.join(dir, 'b.facts.yaml'), sheet([5, 'Lavrov said the talks were constructive and that both sides']));
      const inDir = (...args: string[]) => JSON.parse(spawnSync(process.execPath, [BIN, 'check', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8' }).stdout) as Report;
      const full = inDir();
      const reanchor = full.diagnostics.find((d) => d.file === 'b.facts.yaml')!;
      assert.match(reanchor.message, /^Re-anchor to line 9: the cited passage moved there/);
      const shards = [inDir('--shard', '1/2'), inDir('--shard', '2/2')];
      assert.deepEqual(
        shards.map((s) => s.sheets),
        [1, 1],
        'one sheet each',
      );
      assert.deepEqual(sorted({ ...full, diagnostics: shards.flatMap((s) => s.diagnostics) }), sorted(full));
      // Checked alone, without the other sheet, the repair is only offered.
      const alone = inDir('b.facts.yaml');
      assert.match(alone.diagnostics[0].message, /nothing shows it is the one that was cited/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a shard that is not I/N, and --shard outside check', () => {
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1/2/3']) {
      const r = run('check', '--shard', bad);
      assert.equal(r.status, EXIT_USAGE, bad);
      assert.match(r.stderr, /--shard must be I\/N with 1 <= I <= N <= 1000, like 2\/4/);
    }
    assert.equal(run('fix', '--shard', '1/2').status, EXIT_USAGE);
    const notReport = path.join(ws, 'not-a-report.json');
    fs.writeFileSync(notReport, '{"hello": 1}');
    const m = run('merge', notReport);
    assert.equal(m.status, EXIT_USAGE);
    assert.match(m.stderr, /not a report of 'fact-notes check --format json'/);
  });
});
