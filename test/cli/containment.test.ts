/**
 * The command line reads nothing outside --root (FORMAT.md section 3) and
 * never blocks or fills memory on a special file: folder links and sheet
 * links that leave the root, named pipes, devices and oversized sheets, in
 * real temporary workspaces, through the real command line in-process.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, run } from '../helpers/core';
import { runCli } from '../helpers/cli';
import { CountingFileSystem } from '../helpers/countingFs';
import { joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

const ARTICLE = joinLines('The talks lasted two hours.', 'It was cold.');
/** Clean against ARTICLE. */
const CLEAN = joinLines('facts:', '  - claim: C', '    cite:', '      - file: a.txt', '        line: 1', '        quote: The talks lasted two hours.');
/** One quote-moved error with a preferred fix (the quote is on line 2). */
const MOVED = joinLines('facts:', '  - claim: Outside.', '    cite:', '      - file: a.txt', '        line: 1', '        quote: It was cold.');

describe('fact-notes command line: nothing outside the root', function () {
  const ws = useTempWorkspace();
  before(function () {
    if (process.platform === 'win32') this.skip();
  });

  /** A project in root/ and, beside it, a folder outside the root with a sheet that has an error. */
  function layout(): void {
    ws.current.files({ 'root/a.txt': ARTICLE, 'root/in.facts.yaml': CLEAN, 'outside/a.txt': ARTICLE, 'outside/out.facts.yaml': MOVED });
  }

  async function cliWith(counting: CountingFileSystem, argv: string[], cwd: string) {
    let stdout = '';
    let stderr = '';
    const status = await run(argv, { cwd, fs: counting, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    return { status, stdout, stderr };
  }

  it('Should not enter or list a folder link that leaves the root (to another folder, or to /etc)', async () => {
    layout();
    ws.current.symlink(ws.current.path('outside'), 'root/elsewhere');
    ws.current.symlink('/etc', 'root/etc');
    const counting = new CountingFileSystem();
    const { status, stdout, stderr } = await cliWith(counting, ['check', '--format', 'json'], ws.current.path('root'));
    assert.equal(status, EXIT_OK, stdout + stderr);
    assert.equal(stderr, '');
    assert.deepEqual(JSON.parse(stdout), { version: 1, sheets: 1, citations: 1, diagnostics: [] }, 'only in.facts.yaml is checked');
    const under = (folder: string) => (p: string) => p === folder || p.startsWith(folder + '/');
    const away = [ws.current.path('outside'), ws.current.path('root/elsewhere'), ws.current.path('root/etc'), '/etc'].map(under);
    assert.deepEqual(counting.calls.filter((c) => c.op !== 'realpath' && away.some((f) => f(c.path))), [], 'nothing outside is listed or read');
  });

  it('Should refuse a named sheet that links outside the root with one line, exit 2, and never fix its target', async () => {
    layout();
    ws.current.symlink(ws.current.path('outside/out.facts.yaml'), 'root/link.facts.yaml');
    for (const command of ['check', 'fix']) {
      const { status, stdout, stderr } = await runCli([command, 'link.facts.yaml'], ws.current.path('root'));
      assert.equal(status, EXIT_USAGE, command);
      assert.equal(stdout, '');
      assert.equal(stderr, 'fact-notes: cannot read fact sheet link.facts.yaml: it is a symbolic link to a file outside the root folder (see --root)\n');
    }
    assert.equal(ws.current.read('outside/out.facts.yaml'), MOVED);
  });

  it('Should skip a found sheet that links outside the root with a one-line warning, check the others, and never fix it', async () => {
    layout();
    ws.current.symlink(ws.current.path('outside/out.facts.yaml'), 'root/link.facts.yaml');
    const warning = 'fact-notes: warning: skipped fact sheet link.facts.yaml: it is a symbolic link to a file outside the root folder\n';
    const checked = await runCli(['check'], ws.current.path('root'));
    assert.equal(checked.status, EXIT_OK, checked.stdout);
    assert.equal(checked.stderr, warning);
    assert.doesNotMatch(checked.stdout, /link\.facts\.yaml|quote-moved/);
    const fixed = await runCli(['fix', '.'], ws.current.path('root'));
    assert.equal(fixed.status, EXIT_OK, fixed.stdout);
    assert.equal(fixed.stderr, warning);
    assert.match(fixed.stdout, /^Nothing to fix without asking\.$/m);
    assert.equal(ws.current.read('outside/out.facts.yaml'), MOVED);
    // With the root widened, the same sheet is checked and fixed at its target.
    const widened = await runCli(['fix', '.', '--root', '..'], ws.current.path('root'));
    assert.equal(widened.stderr, '');
    assert.match(widened.stdout, /^link\.facts\.yaml: applied 1 fix$/m);
    assert.notEqual(ws.current.read('outside/out.facts.yaml'), MOVED);
  });

  it('Should refuse a named sheet or folder outside the root with one line and exit 2', async () => {
    layout();
    const sheet = await runCli(['check', '../outside/out.facts.yaml'], ws.current.path('root'));
    assert.equal(sheet.status, EXIT_USAGE);
    assert.equal(sheet.stderr, 'fact-notes: cannot read fact sheet ../outside/out.facts.yaml: it is outside the root folder (see --root)\n');
    const folder = await runCli(['check', '../outside'], ws.current.path('root'));
    assert.equal(folder.status, EXIT_USAGE);
    assert.equal(folder.stderr, 'fact-notes: cannot check ../outside: it is outside the root folder (see --root)\n');
    assert.equal((await runCli(['check', '../outside', '--root', '..'], ws.current.path('root'))).status, EXIT_PROBLEMS);
  });

  it('Should refuse a named pipe in a checked folder at once, without opening it, and exit 2', async () => {
    layout();
    execFileSync('mkfifo', [ws.current.path('root/x.facts.yaml')]);
    for (const argv of [['check'], ['check', 'x.facts.yaml'], ['fix']]) {
      const counting = new CountingFileSystem();
      const { status, stdout, stderr } = await cliWith(counting, argv, ws.current.path('root'));
      assert.equal(status, EXIT_USAGE, argv.join(' '));
      assert.equal(stdout, '');
      assert.equal(stderr, 'fact-notes: cannot read fact sheet x.facts.yaml: it is a named pipe, not a regular file\n');
      assert.deepEqual([...counting.paths('open'), ...counting.paths('readFile')].filter((p) => p.endsWith('x.facts.yaml')), []);
    }
  });

  it('Should refuse a sheet linked to /dev/zero without reading it, inside the root or out', async () => {
    layout();
    ws.current.symlink('/dev/zero', 'root/zero.facts.yaml');
    const before = process.memoryUsage().rss;
    const linked = await runCli(['check'], ws.current.path('root'));
    assert.equal(linked.status, EXIT_OK);
    assert.equal(linked.stderr, 'fact-notes: warning: skipped fact sheet zero.facts.yaml: it is a symbolic link to a file outside the root folder\n');
    const device = await runCli(['check', 'zero.facts.yaml', '--root', '/'], ws.current.path('root'));
    assert.equal(device.status, EXIT_USAGE);
    assert.equal(device.stderr, 'fact-notes: cannot read fact sheet zero.facts.yaml: it is a device, not a regular file\n');
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, 'nothing large was read');
  });

  it('Should refuse a sheet over --max-source-bytes without reading it', async () => {
    layout();
    const counting = new CountingFileSystem();
    const { status, stderr } = await cliWith(counting, ['check', 'in.facts.yaml', '--max-source-bytes', '20'], ws.current.path('root'));
    assert.equal(status, EXIT_USAGE);
    assert.match(stderr, /^fact-notes: cannot read fact sheet in\.facts\.yaml: it is \d+ bytes, over the 20 bytes limit \(factNotes\.maxSourceBytes\)\n$/);
    assert.deepEqual(counting.paths('readFile'), []);
    assert.ok(fs.statSync(ws.current.path('root/in.facts.yaml')).size > 20);
  });
});
