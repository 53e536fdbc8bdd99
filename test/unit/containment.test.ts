/**
 * Nothing outside the root is read (FORMAT.md section 3), whatever the
 * workspace holds: folder links and sheet links that leave it, named pipes,
 * devices. Real files, real symlinks, real FIFOs in temporary workspaces;
 * every file access counted.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { DEFAULT_OPTIONS, FactWorkspace, findSheets, readSheetFile, realPathInside, runGit } from '../helpers/core';
import { withoutHints } from '../helpers/check';
import { CountingFileSystem } from '../helpers/countingFs';
import { joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

const SHEET = joinLines('facts:', '  - claim: C', '    cite: a.txt:9');
const MAX = DEFAULT_OPTIONS.maxSourceBytes;

/** Whether any call of the file system touched `folder` or something under it (other than asking where it leads). */
function touched(counting: CountingFileSystem, folder: string): string[] {
  return counting.calls.filter((c) => c.op !== 'realpath' && (c.path === folder || c.path.startsWith(folder + '/'))).map((c) => `${c.op} ${c.path}`);
}

describe('containment of fact sheets', function () {
  const ws = useTempWorkspace();
  before(function () {
    if (process.platform === 'win32') this.skip();
  });

  describe('discovery', () => {
    it('Should not enter or list a folder linked from inside the root that leads outside it', () => {
      ws.current.files({ 'root/in.facts.yaml': SHEET, 'outside/out.facts.yaml': SHEET, 'outside/deep/deeper.facts.yaml': SHEET });
      ws.current.symlink(ws.current.path('outside'), 'root/elsewhere');
      ws.current.symlink('/etc', 'root/etc');
      const counting = new CountingFileSystem();
      assert.deepEqual(findSheets(counting, ws.current.path('root')), [ws.current.path('root/in.facts.yaml')]);
      assert.deepEqual(touched(counting, ws.current.path('outside')), []);
      assert.deepEqual(touched(counting, ws.current.path('root/elsewhere')), []);
      assert.deepEqual(touched(counting, '/etc'), []);
      assert.deepEqual(touched(counting, ws.current.path('root/etc')), []);
    });

    it('Should still follow a folder link that stays inside the root, once', () => {
      ws.current.files({ 'root/shared/s.facts.yaml': SHEET });
      ws.current.symlink('shared', 'root/alias');
      assert.deepEqual(findSheets(new CountingFileSystem(), ws.current.path('root')), [ws.current.path('root/alias/s.facts.yaml')]);
    });

    it('Should search a folder given inside a wider root, and nothing of a folder given outside it', () => {
      ws.current.files({ 'root/sub/a.facts.yaml': SHEET, 'other/b.facts.yaml': SHEET });
      assert.deepEqual(findSheets(new CountingFileSystem(), ws.current.path('root/sub'), ws.current.path('root')), [ws.current.path('root/sub/a.facts.yaml')]);
      assert.deepEqual(findSheets(new CountingFileSystem(), ws.current.path('other'), ws.current.path('root')), []);
    });
  });

  describe('reading a sheet', () => {
    it('Should refuse a sheet that is a symbolic link to a sheet outside the root, without reading it', () => {
      ws.current.files({ 'outside/secret.facts.yaml': SHEET });
      const link = ws.current.symlink(ws.current.path('outside/secret.facts.yaml'), 'root/link.facts.yaml');
      const counting = new CountingFileSystem();
      assert.deepEqual(readSheetFile(counting, link, [ws.current.path('root')], MAX), {
        kind: 'refused',
        reason: 'it is a symbolic link to a file outside the root folder',
        outside: true,
      });
      assert.deepEqual(touched(counting, ws.current.path('outside')), []);
      assert.deepEqual(counting.paths('readFile'), []);
      assert.deepEqual(counting.paths('open'), []);
    });

    it('Should refuse a sheet outside every root, and read one inside any of them', () => {
      const a = ws.current.write('a/one.facts.yaml', SHEET);
      const b = ws.current.write('b/two.facts.yaml', SHEET);
      assert.equal(readSheetFile(new CountingFileSystem(), b, [ws.current.path('a')], MAX).kind, 'refused');
      assert.match((readSheetFile(new CountingFileSystem(), b, [ws.current.path('a')], MAX) as { reason: string }).reason, /^it is outside the root folder$/);
      for (const p of [a, b]) assert.equal(readSheetFile(new CountingFileSystem(), p, [ws.current.path('a'), ws.current.path('b')], MAX).kind, 'read');
      assert.equal(realPathInside(new CountingFileSystem(), b, [ws.current.path('a')]), undefined);
      assert.equal(realPathInside(new CountingFileSystem(), b, [ws.current.path('b')]), b);
    });

    it('Should read a sheet linked to another inside the root', () => {
      ws.current.files({ 'root/shared/s.yaml': SHEET });
      const link = ws.current.symlink('shared/s.yaml', 'root/s.facts.yaml');
      const read = readSheetFile(new CountingFileSystem(), link, [ws.current.path('root')], MAX);
      assert.equal(read.kind === 'read' && Buffer.from(read.bytes).toString('utf8'), SHEET);
    });

    it('Should refuse a named pipe from its stat, without opening it', () => {
      const fifo = ws.current.path('pipe.facts.yaml');
      execFileSync('mkfifo', [fifo]);
      const counting = new CountingFileSystem();
      assert.deepEqual(readSheetFile(counting, fifo, [ws.current.root], MAX), { kind: 'refused', reason: 'it is a named pipe, not a regular file', outside: false });
      assert.deepEqual(counting.paths('open'), []);
      assert.deepEqual(counting.paths('readFile'), []);
    });

    it('Should refuse a device, inside the root or linked from it, without opening it', () => {
      const link = ws.current.symlink('/dev/zero', 'zero.facts.yaml');
      const counting = new CountingFileSystem();
      assert.equal((readSheetFile(counting, link, [ws.current.root], MAX) as { reason: string }).reason, 'it is a symbolic link to a file outside the root folder');
      assert.deepEqual(readSheetFile(counting, link, ['/'], MAX), { kind: 'refused', reason: 'it is a device, not a regular file', outside: false });
      assert.deepEqual(counting.paths('open'), []);
      assert.deepEqual(counting.paths('readFile'), []);
    });

    it('Should refuse a sheet over the size limit without reading it, and read one at the limit', () => {
      const p = ws.current.write('big.facts.yaml', 'x'.repeat(100));
      const counting = new CountingFileSystem();
      assert.deepEqual(readSheetFile(counting, p, [ws.current.root], 99), {
        kind: 'refused',
        reason: 'it is 100 bytes, over the 99 bytes limit (factNotes.maxSourceBytes)',
        outside: false,
      });
      assert.deepEqual(counting.paths('readFile'), []);
      assert.equal(readSheetFile(counting, p, [ws.current.root], 100).kind, 'read');
    });

    it('Should refuse a missing sheet and a folder', () => {
      ws.current.mkdir('dir.facts.yaml');
      ws.current.symlink('gone', 'dangling.facts.yaml');
      assert.equal((readSheetFile(new CountingFileSystem(), ws.current.path('dir.facts.yaml'), [ws.current.root], MAX) as { reason: string }).reason, 'it is a folder');
      assert.equal((readSheetFile(new CountingFileSystem(), ws.current.path('dangling.facts.yaml'), [ws.current.root], MAX) as { reason: string }).reason, 'it does not exist');
    });
  });

  describe('the workspace of the language server', () => {
    function workspaceOf(counting: CountingFileSystem, ...roots: string[]) {
      const w = new FactWorkspace({ fs: counting, openSourceText: () => undefined, git: runGit });
      w.setRoots(roots);
      return w;
    }

    it('Should index no sheet reached through a link that leaves the folder, nor a named pipe, nor a device', () => {
      ws.current.files({ 'root/in.facts.yaml': SHEET, 'outside/out.facts.yaml': SHEET, 'outside/a.txt': 'x\n' });
      ws.current.symlink(ws.current.path('outside'), 'root/elsewhere');
      ws.current.symlink(ws.current.path('outside/out.facts.yaml'), 'root/link.facts.yaml');
      ws.current.symlink('/dev/zero', 'root/zero.facts.yaml');
      execFileSync('mkfifo', [ws.current.path('root/pipe.facts.yaml')]);
      const counting = new CountingFileSystem();
      const w = workspaceOf(counting, ws.current.path('root'));
      assert.deepEqual(w.indexAll(), [ws.current.path('root/in.facts.yaml')]);
      assert.deepEqual(w.paths(), [ws.current.path('root/in.facts.yaml')]);
      assert.deepEqual(touched(counting, ws.current.path('outside')), []);
      assert.deepEqual(touched(counting, '/dev'), []);
      assert.deepEqual(counting.paths('open'), [ws.current.path('root/in.facts.yaml')]);
    });

    it('Should read nothing for a sheet created outside every folder, and nothing for a request about it', () => {
      ws.current.files({ 'root/in.facts.yaml': SHEET, 'outside/out.facts.yaml': SHEET, 'outside/a.txt': 'x\n' });
      const counting = new CountingFileSystem();
      const w = workspaceOf(counting, ws.current.path('root'));
      w.indexAll();
      const out = ws.current.path('outside/out.facts.yaml');
      w.filesChanged([{ path: out, deleted: false }]);
      assert.equal(w.has(out), false);
      assert.deepEqual(w.sheetText(out), { error: 'out.facts.yaml is outside every workspace folder, so it is not read.' });
      assert.deepEqual(w.sheetText('/etc/passwd'), { error: 'passwd is outside every workspace folder, so it is not read.' });
      assert.deepEqual(touched(counting, ws.current.path('outside')), []);
      assert.deepEqual(touched(counting, '/etc'), []);
    });

    it('Should still check a sheet outside every folder that an editor opens, from the editor\'s text', () => {
      ws.current.files({ 'root/in.facts.yaml': SHEET, 'loose/a.txt': 'one\n' });
      const w = workspaceOf(new CountingFileSystem(), ws.current.path('root'));
      const loose = ws.current.path('loose/notes.facts.yaml');
      w.setSheetText(loose, joinLines('facts:', '  - claim: C', '    cite: a.txt:1'), 1);
      assert.deepEqual(w.sheetText(loose), { text: joinLines('facts:', '  - claim: C', '    cite: a.txt:1') });
      assert.deepEqual(withoutHints(w.check(loose)?.diagnostics ?? []), []);
    });
  });
});
