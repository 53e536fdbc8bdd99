/**
 * The command line at scale: checking on several threads and with the
 * result cache gives exactly what a plain single-threaded run gives.
 * The workspace is the benchmark's generator at 1/50 scale (real files).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { TempWorkspace } from '../helpers/workspace';

const repo = path.resolve(__dirname, '../../..');

describe('CLI: threads and the result cache', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  let plain: string;

  before(async () => {
    ws = new TempWorkspace('fact-notes-scale-');
    execFileSync(process.execPath, [path.join(repo, 'bench/generate.mjs'), '--out', ws.root, '--scale', '0.02'], { stdio: 'pipe' });
    plain = (await runCli(['check', 'sheets', '--root', '.', '--jobs', '1'], ws.root)).stdout;
  });
  after(() => ws.dispose());

  it('reports broken citations of the generated workspace', () => {
    assert.match(plain, /quote-not-found|quote-moved|source-not-found|line-out-of-range/);
    assert.match(plain, /in 4 sheets/);
  });

  it('prints the same report on two threads as on one', async () => {
    const two = await runCli(['check', 'sheets', '--root', '.', '--jobs', '2'], ws.root);
    assert.equal(two.stdout, plain);
    assert.equal(two.status, 1);
  });

  it('prints the same report from the cache, and re-checks only what a changed article affects', async () => {
    const first = await runCli(['check', 'sheets', '--root', '.', '--cache'], ws.root);
    assert.equal(first.stdout, plain);
    assert.ok(fs.existsSync(ws.path('.fact-notes-cache')));
    const second = await runCli(['check', 'sheets', '--root', '.', '--cache'], ws.root);
    assert.equal(second.stdout, plain);

    // Remove a cited article: the cached results that depended on it must not be reused.
    const manifest = JSON.parse(ws.read('manifest.json')) as { citedBy?: Record<string, string[]> };
    const article = Object.keys(manifest.citedBy ?? {}).find((a) => (manifest.citedBy![a] ?? []).length > 0) ?? 'a0000.txt';
    fs.rmSync(ws.path('articles', path.basename(article)));
    const cached = await runCli(['check', 'sheets', '--root', '.', '--cache'], ws.root);
    const fresh = await runCli(['check', 'sheets', '--root', '.', '--jobs', '1'], ws.root);
    assert.equal(cached.stdout, fresh.stdout);
    assert.notEqual(fresh.stdout, plain);
  });

  it('survives a corrupt cache file by checking everything again', async () => {
    ws.write('.fact-notes-cache', '{ not json');
    const out = await runCli(['check', 'sheets', '--root', '.', '--cache'], ws.root);
    const fresh = await runCli(['check', 'sheets', '--root', '.', '--jobs', '1'], ws.root);
    assert.equal(out.stdout, fresh.stdout);
    assert.equal(out.stderr, '');
  });

  it('refuses --cache-location without --cache and a bad --jobs, with exit status 2', async () => {
    const a = await runCli(['check', '--cache-location', 'x'], ws.root);
    assert.equal(a.status, 2);
    assert.match(a.stderr, /--cache-location.*needs --cache/);
    const b = await runCli(['check', '--jobs', 'zero'], ws.root);
    assert.equal(b.status, 2);
    assert.match(b.stderr, /--jobs/);
  });
});
