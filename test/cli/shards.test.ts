/**
 * Issue 16 (part 5, first step): `fact-notes check --shard I/N`. The shards
 * split the sheets (each sheet in exactly one), keep the sheets that cite a
 * common article together, and their JSON reports joined by `fact-notes
 * merge` equal one full run's: on an archive of separate stories (six
 * copies of samples/, each citing its own articles), and on the benchmark's
 * generated workspace, whose sheets all share articles with one another and
 * so make one group (one shard gets it all; see the README).
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

  it('gives the whole of the benchmark workspace, whose sheets all share articles, to one shard, still equal to the full run', () => {
    const inBench = (...args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', ...args], { cwd: bench, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      return JSON.parse(r.stdout) as Report;
    };
    const full = inBench();
    const shards = [1, 2].map((i) => inBench('--shard', `${i}/2`));
    assert.deepEqual(shards.map((s) => s.sheets).sort(), [0, full.sheets]);
    assert.deepEqual(sorted(shards[0].sheets > 0 ? shards[0] : shards[1]), sorted(full));
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
