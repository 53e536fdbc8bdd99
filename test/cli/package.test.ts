/**
 * The npm package as a user gets it: `npm pack`, then `npm install -g` of the
 * tarball into a temporary prefix, offline, and the installed `fact-notes`
 * run from a folder that has nothing to do with this repository (no
 * node_modules above it to fall back on).
 *
 * The tarball is packed with --ignore-scripts: `npm test` has just built the
 * bundles that `prepack` would build again.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ExitNotification, InitializeRequest, ShutdownRequest, type InitializeResult } from 'vscode-languageserver-protocol';
import { EXIT_PROBLEMS, REPO_ROOT } from '../helpers/core';
import { TempWorkspace } from '../helpers/workspace';

/** The environment of the test without npm's own variables (`npm test` sets a few), and without colours. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_|^FORCE_COLOR$|^NO_COLOR$/i.test(k)) env[k] = v;
  return env;
}

function npm(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--no-update-notifier'], { cwd, encoding: 'utf8', env: cleanEnv(), timeout: 60_000 });
  assert.equal(r.status, 0, `npm ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r;
}

describe('the npm package', function () {
  this.timeout(60_000);
  let scratch: TempWorkspace;
  let installed: string;
  let files: string[];

  before(function () {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'server', 'bundle', 'cli.js')), 'the bundles are built (npm run build)');
    scratch = new TempWorkspace('fact-notes-package-');
    const packed = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', scratch.mkdir('tarball')], REPO_ROOT);
    const [pack] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    files = pack.files.map((f) => f.path).sort();
    npm(['install', '--global', '--prefix', scratch.path('prefix'), '--offline', path.join(scratch.path('tarball'), pack.filename)], scratch.mkdir('elsewhere'));
    installed = scratch.path('prefix', 'bin', 'fact-notes');
  });

  after(() => scratch?.dispose());

  /** Runs the installed command in a folder of the scratch space. */
  function factNotes(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
    return spawnSync(installed, args, { cwd, encoding: 'utf8', env: cleanEnv(), timeout: 30_000 });
  }

  it('holds the command, its bundles, the schemas and the documents, and no sources, tests, benchmark or samples', () => {
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'bin/fact-notes.js',
      'package.json',
      'schemas/fact-sheet.schema.json',
      'schemas/sources.schema.json',
      'server/bundle/cli.js',
      'server/bundle/lsp.js',
      'server/bundle/pdfjs.mjs',
      'server/bundle/snapshot.js',
      'server/bundle/worker.js',
    ]);
  });

  it('needs nothing installed beside it: no runtime dependencies', () => {
    const manifest = JSON.parse(fs.readFileSync(scratch.path('prefix', 'lib', 'node_modules', 'fact-notes', 'package.json'), 'utf8')) as { dependencies?: object };
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}), []);
    assert.ok(!fs.existsSync(scratch.path('prefix', 'lib', 'node_modules', 'fact-notes', 'node_modules')));
  });

  it('checks the samples from another folder as the repository does: the same report, exit status 1', () => {
    const cwd = scratch.mkdir('work');
    scratch.copyFrom(path.join(REPO_ROOT, 'samples'), 'work/samples');
    const r = factNotes(['check', 'samples'], cwd);
    assert.equal(r.stderr, '');
    assert.equal(r.status, EXIT_PROBLEMS, r.stdout);
    const repo = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'fact-notes.js'), 'check', 'samples'], { cwd, encoding: 'utf8', env: cleanEnv() });
    assert.equal(r.stdout, repo.stdout);
    assert.match(r.stdout, /\n\d+ errors, \d+ warnings in 2 sheets \(\d+ citations checked\)\.\n$/);
  });

  it('saves a web page and a PDF as sources (the snapshot bundle and pdf.js, without node_modules)', () => {
    const cwd = scratch.mkdir('snap');
    const expected = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'cli', 'snapshot-expected', name), 'utf8');
    for (const [page, name] of [
      ['newsnet-blinken-lavrov.html', 'newsnet-blinken-lavrov'],
      ['statement.pdf', 'statement'],
    ]) {
      const r = factNotes(['snapshot', path.join(REPO_ROOT, 'samples', 'pages', page), '--into', 'sources', '--name', name], cwd);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal(r.stderr, '');
      assert.equal(fs.readFileSync(path.join(cwd, 'sources', `${name}.txt`), 'utf8'), expected(`${name}.txt`));
    }
  });

  it('runs the language server over stdio: initialize, shutdown, exit', async () => {
    const cwd = scratch.mkdir('editor');
    const child = spawn(installed, ['lsp', '--stdio'], { cwd, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const init: InitializeResult = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        workspaceFolders: null,
      });
      assert.equal(init.serverInfo?.name, 'fact-notes');
      assert.ok(init.capabilities.hoverProvider, 'hover offered');
      assert.ok(init.capabilities.codeActionProvider, 'code actions offered');
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0, stderr);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
