/**
 * Issue 13: `fact-notes mv OLD NEW` moves an article, a folder or a sheet and
 * rewrites every sheet under the root that cites it, on real files; refuses
 * to overwrite; and, killed at any moment, leaves every sheet whole and the
 * article in one place, with `fix` able to finish the work.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, REPO_ROOT } from '../helpers/core';
import { runCli } from '../helpers/cli';
import { joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

const BIN = path.join(REPO_ROOT, 'bin', 'fact-notes.js');
const SAMPLES = path.join(REPO_ROOT, 'samples');
const OLD = '004_03f832fef03921f4.txt';
const NEW = '004_reuters-tass.txt';

describe('CLI: fact-notes mv (issue 13)', function () {
  this.timeout(30_000);
  const ws = useTempWorkspace('fact-notes-mv-');
  const samples = () => fs.cpSync(SAMPLES, ws.current.root, { recursive: true });
  const summary = async () => (await runCli(['check'], ws.current.root)).stdout.trimEnd().split('\n').pop();

  it('renames an article and updates every citation of it: the same problems before and after', async () => {
    samples();
    const before = await summary();
    const texts = ['broken.facts.yaml', 'reykjavik.facts.yaml'].map((n) => ws.current.read(n));
    const r = await runCli(['mv', `articles/${OLD}`, `articles/${NEW}`], ws.current.root);
    assert.equal(r.status, EXIT_OK, r.stdout + r.stderr);
    assert.ok(fs.existsSync(ws.current.path('articles', NEW)) && !fs.existsSync(ws.current.path('articles', OLD)));
    assert.match(r.stdout, /^Moved articles\/004_03f832fef03921f4\.txt to articles\/004_reuters-tass\.txt\.$/m);
    assert.match(r.stdout, /^reykjavik\.facts\.yaml: updated 22 values$/m);
    assert.match(r.stdout, /^ {2}- file "004_03f832fef03921f4\.txt" -> "004_reuters-tass\.txt" \(line 26\)$/m);
    assert.match(r.stdout, /^Updated 27 values in 2 sheets\.$/m);
    // Only the names changed; comments that mention the old name stay as written.
    ['broken.facts.yaml', 'reykjavik.facts.yaml'].forEach((n, i) => assert.equal(ws.current.read(n).split(NEW).join(OLD), texts[i]));
    assert.equal(await summary(), before);
  });

  it('moves a folder with one change to each sheet\'s sources value', async () => {
    samples();
    const before = await summary();
    const r = await runCli(['mv', 'articles', 'sources'], ws.current.root);
    assert.equal(r.status, EXIT_OK, r.stdout + r.stderr);
    assert.match(ws.current.read('reykjavik.facts.yaml'), /^sources: sources$/m);
    assert.match(r.stdout, /^reykjavik\.facts\.yaml: updated 1 value$/m);
    assert.equal(await summary(), before);
  });

  it('moves a sheet into a folder, which keeps citing the same articles', async () => {
    samples();
    ws.current.mkdir('desk');
    const r = await runCli(['mv', 'reykjavik.facts.yaml', 'desk'], ws.current.root);
    assert.equal(r.status, EXIT_OK, r.stdout + r.stderr);
    assert.match(ws.current.read('desk/reykjavik.facts.yaml'), /^sources: \.\.\/articles$/m);
    assert.match(r.stdout, /^desk\/reykjavik\.facts\.yaml: updated 1 value$/m);
    const check = await runCli(['check', 'desk'], ws.current.root);
    assert.equal(check.status, EXIT_OK, check.stdout);
  });

  it('shows what it would change with --dry-run, and changes nothing', async () => {
    samples();
    const texts = ['broken.facts.yaml', 'reykjavik.facts.yaml'].map((n) => ws.current.read(n));
    const r = await runCli(['mv', '--dry-run', `articles/${OLD}`, `articles/${NEW}`], ws.current.root);
    assert.equal(r.status, EXIT_OK);
    assert.match(r.stdout, /^Would move .*\n/);
    assert.match(r.stdout, /^Would update 27 values in 2 sheets\.$/m);
    assert.ok(fs.existsSync(ws.current.path('articles', OLD)));
    assert.deepEqual(['broken.facts.yaml', 'reykjavik.facts.yaml'].map((n) => ws.current.read(n)), texts);
  });

  it('refuses to overwrite, and other usage errors, with exit 2 and nothing moved', async () => {
    samples();
    const texts = ['broken.facts.yaml', 'reykjavik.facts.yaml'].map((n) => ws.current.read(n));
    const cases: [string[], RegExp][] = [
      [['mv', `articles/${OLD}`, 'articles/003_028d879ad9c7ab06.txt'], /already exists; nothing was moved \(mv never overwrites\)/],
      [['mv', `articles/${OLD}`], /mv takes two paths, OLD and NEW \(got 1\)/],
      [['mv', 'articles/no-such.txt', 'articles/x.txt'], /no such file or folder: articles\/no-such\.txt/],
      [['mv', `articles/${OLD}`, '../outside.txt'], /cannot move to \.\.\/outside\.txt: it is not inside the root folder/],
      [['mv', `articles/${OLD}`, 'missing-folder/x.txt'], /the folder missing-folder does not exist; create it first/],
      [['mv', 'articles', 'articles/inner'], /cannot move the folder articles into itself/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv, ws.current.root);
      assert.equal(r.status, EXIT_USAGE, argv.join(' '));
      assert.match(r.stderr, message, argv.join(' '));
    }
    assert.ok(fs.existsSync(ws.current.path('articles', OLD)));
    assert.deepEqual(['broken.facts.yaml', 'reykjavik.facts.yaml'].map((n) => ws.current.read(n)), texts);
  });

  it('moves nothing when a sheet that must change cannot be written (marked read-only: left alone even by root, as fix does)', async () => {
    samples();
    fs.chmodSync(ws.current.path('broken.facts.yaml'), 0o444);
    const r = await runCli(['mv', `articles/${OLD}`, `articles/${NEW}`], ws.current.root);
    assert.equal(r.status, EXIT_USAGE, r.stdout + r.stderr);
    assert.match(r.stderr, /cannot update broken\.facts\.yaml: the file is read-only; nothing was moved/);
    assert.ok(fs.existsSync(ws.current.path('articles', OLD)));
  });

  it('names a citation it cannot rewrite in place, and exits 1', async () => {
    ws.current.files({ 'a.txt': 'They met.\n', 'notes.facts.yaml': joinLines('facts:', '  - claim: C', '    cite: "a\\u002etxt:1"', '') });
    const r = await runCli(['mv', 'a.txt', 'b.txt'], ws.current.root);
    assert.equal(r.status, EXIT_PROBLEMS, r.stdout);
    assert.match(r.stdout, /^notes\.facts\.yaml: change file "a\.txt" to "b\.txt" by hand \(line 3\): it cannot be rewritten in place\.$/m);
  });

  describe('killed at any moment (SIGKILL)', () => {
    const ARTICLE = 'The ministers met for two hours in Reykjavik and spoke of the Arctic.\n';
    const SHEET = joinLines('facts:', ...Array.from({ length: 300 }, (_, i) => `  - claim: Claim c${i}.\n    cite:\n      - file: a.txt\n        line: 1\n        quote: met for two hours`), '');
    const NAMES = Array.from({ length: 12 }, (_, i) => `s${String(i).padStart(2, '0')}.facts.yaml`);

    /** Runs the move and kills it after `afterMs`, or as soon as it has replaced a first sheet. */
    function mvUntilKilled(afterMs: number | 'first-write'): Promise<void> {
      return new Promise((resolve) => {
        const child = spawn(process.execPath, [BIN, 'mv', 'a.txt', 'b.txt'], { cwd: ws.current.root, stdio: 'ignore' });
        const kill = () => child.kill('SIGKILL');
        const watcher = afterMs === 'first-write' ? fs.watch(ws.current.root, (event, name) => event === 'rename' && /^s\d\d\.facts\.yaml$/.test(String(name)) && kill()) : undefined;
        const timer = typeof afterMs === 'number' ? setTimeout(kill, afterMs) : undefined;
        child.on('exit', () => {
          clearTimeout(timer);
          watcher?.close();
          resolve();
        });
      });
    }
    const reset = () => {
      fs.rmSync(ws.current.path('b.txt'), { force: true });
      ws.current.write('a.txt', ARTICLE);
      for (const n of NAMES) ws.current.write(n, SHEET);
    };

    it('leaves each sheet whole (as it was or updated), the article in one place, and fix finishes the work', async function () {
      this.timeout(120_000);
      reset();
      const started = performance.now();
      await mvUntilKilled(60_000);
      const runMs = performance.now() - started;
      const moved = SHEET.replace(/file: a\.txt/g, 'file: b.txt');
      assert.ok(NAMES.every((n) => ws.current.read(n) === moved), 'a whole run updates every sheet');
      let partly = 0;
      // 12 kills spread over the run, and 4 as the first sheet is replaced (while it writes the others).
      for (let k = 0; k < 16; k++) {
        reset();
        await mvUntilKilled(k < 12 ? (runMs * (k + 0.5)) / 12 : 'first-write');
        const there = [fs.existsSync(ws.current.path('a.txt')), fs.existsSync(ws.current.path('b.txt'))];
        assert.equal(there.filter(Boolean).length, 1, `after kill ${k + 1} the article is in one place`);
        const states = NAMES.map((n) => {
          const now = ws.current.read(n);
          assert.ok(now === SHEET || now === moved, `${n} after kill ${k + 1} is neither as it was nor updated`);
          return now === moved;
        });
        // The article moves first: no sheet cites the new name before it is there.
        if (there[0]) assert.ok(states.every((s) => !s), 'a sheet updated before the article moved');
        if (states.includes(true) && states.includes(false)) {
          partly++;
          // What is left cites the old name; fix points it at the moved article (the one file that holds the quote).
          const fixed = await runCli(['fix'], ws.current.root);
          assert.equal(fixed.status, EXIT_OK, fixed.stdout);
          assert.ok(NAMES.every((n) => ws.current.read(n) === moved));
        }
      }
      assert.ok(partly >= 1, `no kill landed while some sheets were updated and others not (run ${Math.round(runMs)} ms)`);
    });
  });
});
