/**
 * `npm run try` (scripts/try.mjs): starts code-server on 127.0.0.1 with the
 * packaged extension and a copy of the samples, prints a URL that opens the
 * workbench there, and stops everything on Ctrl+C (SIGINT).
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { openWorkbench, openFileFromExplorer, statusBarText, waitForLanguage, Workbench } from '../lib/browser';
import { CodeServer, freePort } from '../lib/codeServer';
import { cleanupTemp, makeTempDir, REPO_ROOT, requireVsix } from '../lib/paths';
import { waitFor } from '../lib/poll';

describe('npm run try', function () {
  this.timeout(120_000);
  let home: string | undefined;
  let wb: Workbench | undefined;

  after(async () => {
    await wb?.close();
    cleanupTemp(home);
  });

  it('prints a URL that opens the samples in VS Code with Fact Notes, and stops on Ctrl+C', async () => {
    requireVsix();
    home = makeTempDir('try');
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'try.mjs'), '--no-package', '--port', String(port), '--home', home],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => { out += b; });
    child.stderr.on('data', (b) => { out += b; });
    let exitCode: number | null | undefined;
    child.on('exit', (code) => { exitCode = code; });
    try {
      const url = await waitFor(() => out.match(/http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+/)?.[0], { timeout: 60_000, what: `the URL from try.mjs; output so far:\n${out}` });
      assert.ok(url.startsWith(`http://127.0.0.1:${port}/?folder=`), url);
      const folder = decodeURIComponent(url.split('?folder=')[1]);
      assert.ok(fs.existsSync(path.join(folder, 'broken.facts.yaml')), `the folder ${folder} holds the samples`);
      // Drive the printed URL: the workbench opens the samples and Fact Notes reports problems.
      const server = { folderUrl: () => url, extensionHostLog: () => fs.readFileSync(path.join(home!, 'code-server.log'), 'utf8'), output: () => out } as unknown as CodeServer;
      wb = await openWorkbench(server, folder);
      await openFileFromExplorer(wb.page, 'broken.facts.yaml');
      await waitForLanguage(wb.page, 'Fact Sheet');
      await waitFor(async () => /\b13\b/.test((await statusBarText(wb!.page, 'problems')) ?? ''), { what: '13 errors in the status bar' });
      await wb.close();
      wb = undefined;
    } finally {
      child.kill('SIGINT');
      await waitFor(() => exitCode !== undefined, { timeout: 15_000, what: 'try.mjs to exit after SIGINT' });
    }
    assert.strictEqual(exitCode, 0, out);
    await waitFor(async () => { try { await fetch(`http://127.0.0.1:${port}/healthz`); return false; } catch { return true; } },
      { timeout: 10_000, what: 'code-server to stop listening' });
  });
});
