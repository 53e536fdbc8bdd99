/**
 * Issue 11: the command line and the language server, as real processes
 * under `strace`, open no file or folder outside the root (FORMAT.md
 * section 3) beyond what the program opens to start: in a root with folder
 * links that leave it (to a folder beside it, to /etc and to /), a sheet
 * link that leaves it, a named pipe and a link to /dev/zero named like
 * sheets, and citations of paths outside it; and for editor events and
 * requests about paths outside it. Skipped where `strace` cannot run.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { FileChangeType, WorkspaceSymbolRequest } from 'vscode-languageserver-protocol';
import { BIN, openedPaths, outside, startupPaths, straceArgs, straceWorks, type Opened } from '../helpers/strace';
import { joinLines } from '../helpers/text';
import { TempWorkspace } from '../helpers/workspace';
import { LspClient, uriOf } from './client';

const ARTICLE = joinLines('The talks lasted two hours.', 'It was cold.');
const INSIDE = joinLines(
  'facts:',
  '  - claim: Inside claim.',
  '    cite:',
  '      - file: a.txt',
  '        line: 1',
  '        quote: The talks lasted two hours.',
  // Citations that lead out: up, absolute, through a folder link, through a link to /etc.
  '      - ../outside/a.txt:1',
  '      - /etc/passwd:1',
  '      - elsewhere/a.txt:1',
  '      - etc/hostname:1',
  '      - all/etc/passwd:1',
);
const OUTSIDE = joinLines('facts:', '  - claim: Outside claim.', '    cite:', '      - file: a.txt', '        line: 1', '        quote: It was cold.');

function show(opens: readonly Opened[]): string {
  return opens.map((o) => `${o.call} ${o.path}${o.ok ? '' : ' (failed)'}`).join('\n');
}

describe('Containment under strace: nothing outside the root is opened', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  let startup: Set<string>;
  const root = (...parts: string[]) => ws.path('root', ...parts);

  before(function () {
    if (!straceWorks()) this.skip();
    ws = new TempWorkspace('fact-notes-strace-');
    ws.files({ 'root/a.txt': ARTICLE, 'root/in.facts.yaml': INSIDE, 'root/sub/b.facts.yaml': INSIDE.replace(/a\.txt/g, '../a.txt'), 'outside/a.txt': ARTICLE, 'outside/out.facts.yaml': OUTSIDE });
    ws.symlink(ws.path('outside'), 'root/elsewhere');
    ws.symlink(ws.path('outside', 'out.facts.yaml'), 'root/link.facts.yaml');
    ws.symlink('/etc', 'root/etc');
    ws.symlink('/', 'root/all');
    // The same, with a named pipe and a link to /dev/zero named like sheets: `check` stops at
    // those with exit 2 (a sheet it cannot read), so they have a root of their own.
    ws.files({ 'special/a.txt': ARTICLE, 'special/in.facts.yaml': INSIDE });
    ws.symlink(ws.path('outside'), 'special/elsewhere');
    ws.symlink(ws.path('outside', 'out.facts.yaml'), 'special/link.facts.yaml');
    ws.symlink('/etc', 'special/etc');
    ws.symlink('/', 'special/all');
    ws.symlink('/dev/zero', 'special/zero.facts.yaml');
    execFileSync('mkfifo', [ws.path('special', 'pipe.facts.yaml')]);
    startup = startupPaths(ws.path());
  });
  after(() => ws?.dispose());

  /** Runs the command line under strace in the root; answers its result and what it opened outside. */
  function traced(args: readonly string[], cwd = root()): { status: number | null; stdout: string; outside: Opened[]; opened: Opened[] } {
    const log = ws.path(`cli-${args.join('-').replace(/\W+/g, '_')}.strace`);
    const r = spawnSync('strace', [...straceArgs(log), process.execPath, BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
    const opened = openedPaths(log, cwd);
    return { status: r.status, stdout: r.stdout + r.stderr, opened, outside: outside(opened, cwd, startup) };
  }

  it('Should count what the program opens to start, and see the opens of a run (the trace works)', () => {
    assert.ok([...startup].some((p) => p.endsWith('fact-notes.js')), 'the program file is opened at start');
    const r = traced(['check', '--format', 'json']);
    assert.ok(
      r.opened.some((o) => o.path === root('in.facts.yaml') && o.ok),
      'the sheet inside is opened',
    );
    assert.ok(
      r.opened.some((o) => o.path === root('a.txt') && o.ok),
      'the article inside is opened',
    );
    // With the root one folder up, the sheet beside it is inside: the detector sees it opened.
    const wider = traced(['check', '--root', '..', '../outside/out.facts.yaml']);
    assert.equal(wider.status, 1, wider.stdout);
    const seen = wider.outside.filter((o) => o.ok).map((o) => o.path);
    for (const p of [ws.path('outside', 'out.facts.yaml'), ws.path('outside', 'a.txt')]) assert.ok(seen.includes(p), `${p} in ${seen.join(', ')}`);
  });

  for (const args of [['check'], ['check', '--format', 'json', '--jobs', '2'], ['check', 'in.facts.yaml', 'sub'], ['fix']]) {
    it(`Should open nothing outside the root: fact-notes ${args.join(' ')}`, () => {
      const r = traced(args);
      assert.equal(r.status, 1, r.stdout);
      assert.ok(
        r.opened.some((o) => o.path === root('sub', 'b.facts.yaml') && o.ok),
        'the sheet in a subfolder is opened',
      );
      assert.equal(show(r.outside), '');
    });
  }

  for (const args of [['check'], ['check', 'link.facts.yaml'], ['check', 'elsewhere'], ['check', 'all/etc'], ['check', 'pipe.facts.yaml'], ['check', 'zero.facts.yaml'], ['fix', 'in.facts.yaml', 'pipe.facts.yaml']]) {
    it(`Should open nothing outside the root, and no special file: fact-notes ${args.join(' ')} (exit 2)`, () => {
      const special = ws.path('special');
      const r = traced(args, special);
      assert.equal(r.status, 2, r.stdout);
      assert.equal(show(r.outside), '');
      assert.deepEqual(
        r.opened.filter((o) => /(?:pipe|zero)\.facts\.yaml$/.test(o.path)),
        [],
      );
    });
  }

  it('Should open nothing outside the root in the language server, whatever it is told', async () => {
    const log = ws.path('lsp.strace');
    const special = (...parts: string[]) => ws.path('special', ...parts);
    const client = await LspClient.start({ root: special(), wrapper: ['strace', ...straceArgs(log)] });
    try {
      await client.waitForDiagnostics(uriOf(special('in.facts.yaml')), () => true, 20_000);
      const outsideUris = [uriOf(ws.path('outside', 'out.facts.yaml')), uriOf(special('link.facts.yaml')), uriOf(special('elsewhere', 'out.facts.yaml')), uriOf(special('pipe.facts.yaml')), uriOf(special('zero.facts.yaml'))];
      await client.filesChanged(outsideUris.map((uri) => ({ uri, type: FileChangeType.Created })));
      for (const sheetUri of [...outsideUris, 'file:///etc/passwd', 'file:///dev/zero', uriOf(special('etc', 'passwd')), uriOf(special('all', 'etc', 'passwd'))]) {
        assert.deepEqual(await client.connection.sendRequest('factNotes/listFacts', { sheetUri }), [], sheetUri);
      }
      await client.connection.sendRequest('factNotes/citeSelection', { sheetUri: outsideUris[0], sourceUri: uriOf(ws.path('outside', 'a.txt')), startLine: 0, endLine: 0, quote: 'The talks', claim: 'x' });
      await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'claim' });
      // An edit inside, answered after the events above: by then they have been handled.
      const inside = await client.openFile('in.facts.yaml');
      await client.replace(inside, 'Inside claim.', 'Inside claim, edited.');
      await client.waitForVersion(inside);
      await client.close(inside);
      assert.deepEqual(client.errors(), []);
    } finally {
      await client.stop();
    }
    const opened = openedPaths(log, special());
    assert.ok(
      opened.some((o) => o.path === special('a.txt') && o.ok),
      'the server opened the article inside',
    );
    assert.equal(show(outside(opened, special(), startup)), '');
    assert.deepEqual(
      opened.filter((o) => /(?:pipe|zero)\.facts\.yaml$/.test(o.path)),
      [],
    );
  });
});
