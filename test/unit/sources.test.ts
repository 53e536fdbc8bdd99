import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { DEFAULT_OPTIONS, LineIndex, SourceStore, checkSheet, decodeSource, decodeTogether, isInside, nodeFileSystem, type FactDiagnostic } from '../helpers/core';
import { checkInWorkspace, only, withoutHints } from '../helpers/check';
import { CountingFileSystem } from '../helpers/countingFs';
import { covered, joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

/** A sheet with one citation per entry, each `[file, line, quote?]`. */
function sheetWith(...citations: [string, number | string, string?][]): string {
  const lines = ['facts:', '  - claim: C', '    cite:'];
  for (const [file, line, quote] of citations) {
    lines.push(`      - file: ${JSON.stringify(file)}`, `        line: ${typeof line === 'number' ? line : JSON.stringify(line)}`);
    if (quote !== undefined) lines.push(`        quote: ${JSON.stringify(quote)}`);
  }
  return joinLines(...lines);
}

const LINES = ['First line.', 'Second line.', 'Third line: the talks lasted two hours.', 'Fourth line.'];

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

describe('sources', () => {
  const ws = useTempWorkspace();

  describe('encodings and line ends', () => {
    const variants: [string, Uint8Array][] = [
      ['UTF-8', Buffer.from(LINES.join('\n') + '\n', 'utf8')],
      ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LINES.join('\n') + '\n', 'utf8')])],
      ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LINES.join('\r\n') + '\r\n', 'utf16le')])],
      ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(LINES.join('\n'))])],
      ['CRLF line ends', Buffer.from(LINES.join('\r\n') + '\r\n', 'utf8')],
      ['lone CR line ends', Buffer.from(LINES.join('\r') + '\r', 'utf8')],
      ['mixed line ends and no final line end', Buffer.from(`${LINES[0]}\r\n${LINES[1]}\r${LINES[2]}\n${LINES[3]}`, 'utf8')],
    ];

    it('indexes the lines of texts of any length, one after another, as a plain split does', () => {
      for (const count of [1, 2, 1023, 1024, 1025, 5000, 3]) {
        const text = Array.from({ length: count }, (_, i) => 'x'.repeat(i % 7)).join('\n');
        const index = new LineIndex(text);
        const expected: number[] = [0];
        for (let i = 0; i < text.length; i++) if (text[i] === '\n') expected.push(i + 1);
        assert.deepEqual([...index.starts], expected, `${count} lines`);
      }
    });

    for (const [name, bytes] of variants) {
      it(`reads ${name} with the same line numbers`, () => {
        ws.current.write('source.txt', bytes);
        const sheet = sheetWith(['source.txt', 3, 'the talks lasted two hours'], ['source.txt', 4, 'Fourth line.'], ['source.txt', 1, 'First line.'], ['source.txt', 5]);
        const result = checkInWorkspace(ws.current, sheet);
        const outOfRange = only(result.diagnostics, 'line-out-of-range');
        assert.equal(covered(sheet, outOfRange.span), '5');
        assert.match(outOfRange.message, /has 4 lines/);
        assert.equal(result.diagnostics.length, 1);
        assert.deepEqual(
          result.citations.map((c) => c.status),
          ['verified', 'verified', 'verified', 'line-out-of-range'],
        );
        const loaded = new SourceStore(nodeFileSystem, ws.current.root, DEFAULT_OPTIONS.maxSourceBytes).load(result.citations[0].sourcePath!);
        assert.ok(loaded.kind === 'loaded');
        const source = loaded.source;
        assert.equal(source.lineCount, 4);
        assert.equal(source.text.charCodeAt(0), 'F'.charCodeAt(0), 'no BOM in the decoded text');
        assert.equal(source.text.slice(result.citations[0].match!.span.start, result.citations[0].match!.span.end), 'the talks lasted two hours');
      });
    }

    it('counts a final line end as the end of the last line, not another line', () => {
      ws.current.write('source.txt', 'one\ntwo\n');
      const result = checkInWorkspace(ws.current, sheetWith(['source.txt', 2], ['source.txt', 3]));
      assert.deepEqual(
        result.citations.map((c) => c.status),
        ['verified', 'line-out-of-range'],
      );
    });

    it('decodes the encodings and refuses what is not text', () => {
      assert.deepEqual(decodeSource(Buffer.from([0xef, 0xbb, 0xbf, 0x61])), { ok: true, text: 'a', encoding: 'utf-8-bom' });
      assert.deepEqual(decodeSource(Buffer.from([0xff, 0xfe, 0x61, 0x00])), { ok: true, text: 'a', encoding: 'utf-16le' });
      assert.deepEqual(decodeSource(Buffer.from([0xfe, 0xff, 0x00, 0x61])), { ok: true, text: 'a', encoding: 'utf-16be' });
      assert.equal(decodeSource(Buffer.from([0x61, 0x00, 0x62])).ok, false);
      assert.equal(decodeSource(Buffer.from([0x61, 0xc3, 0x28])).ok, false);
      assert.equal(decodeSource(Buffer.from([0xff, 0xfe, 0x61])).ok, false);
    });
  });

  describe('source-unreadable', () => {
    function unreadable(diagnostics: readonly FactDiagnostic[], sheet: string, file: string): FactDiagnostic {
      const d = only(diagnostics, 'source-unreadable');
      assert.equal(d.severity, 'error');
      assert.equal(covered(sheet, d.span), JSON.stringify(file));
      assert.deepEqual(d.fixes, []);
      return d;
    }

    it('decodes many files together exactly as one by one, leaving out those that are not plain UTF-8', () => {
      const files = [
        Buffer.from('plain\nascii\n'),
        Buffer.from('“curly” — été 😀\r\nend'),
        Buffer.from(''),
        Buffer.from([0xef, 0xbb, 0xbf, 0x61]),
        Buffer.from([0xff, 0xfe, 0x61, 0x00]),
        Buffer.from('nul\0byte'),
        Buffer.from('last line without end é'),
        Buffer.from('holds the separator \ufdd0 itself'),
        new Uint8Array(Buffer.from('not a Buffer: “x”')),
      ];
      const together = decodeTogether(files);
      files.forEach((bytes, i) => {
        const alone = decodeSource(bytes);
        const plain = i !== 3 && i !== 4 && i !== 5 && i !== 7;
        assert.equal(together[i], plain && alone.ok ? alone.text : undefined, `file ${i}`);
      });
      // One invalid file: none is decoded together (each is then decoded on its own).
      assert.deepEqual(decodeTogether([Buffer.from('fine'), Buffer.from([0x61, 0xc3])]), [undefined, undefined]);
    });

    it('refuses a binary file with NUL bytes', () => {
      ws.current.write('image.txt', Buffer.from([0x47, 0x49, 0x46, 0x00, 0x01, 0x0a]));
      const sheet = sheetWith(['image.txt', 1, 'GIF']);
      const d = unreadable(checkInWorkspace(ws.current, sheet).diagnostics, sheet, 'image.txt');
      assert.equal(d.message, '"image.txt" cannot be read: it is a binary file (it contains NUL bytes).');
    });

    it('refuses invalid UTF-8', () => {
      ws.current.write('latin1.txt', Buffer.from('Caf\xe9 au lait\n', 'latin1'));
      const sheet = sheetWith(['latin1.txt', 1]);
      const d = unreadable(checkInWorkspace(ws.current, sheet).diagnostics, sheet, 'latin1.txt');
      assert.equal(d.message, '"latin1.txt" cannot be read: it is not UTF-8 or UTF-16 text.');
    });

    it('refuses UTF-16 with an odd number of bytes', () => {
      ws.current.write('odd.txt', Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x62]));
      const sheet = sheetWith(['odd.txt', 1]);
      const d = unreadable(checkInWorkspace(ws.current, sheet).diagnostics, sheet, 'odd.txt');
      assert.match(d.message, /not valid UTF-16LE/);
    });

    it('refuses a file over maxSourceBytes without reading it, and reads one at the limit', () => {
      ws.current.write('big.txt', 'x'.repeat(99) + '\n');
      ws.current.write('small.txt', 'y'.repeat(99) + '\n');
      const counting = new CountingFileSystem();
      const sheet = sheetWith(['big.txt', 1]);
      const d = unreadable(checkInWorkspace(ws.current, sheet, { maxSourceBytes: 99 }, 'notes.facts.yaml', counting).diagnostics, sheet, 'big.txt');
      assert.equal(d.message, '"big.txt" cannot be read: it is 100 bytes, over the 99 bytes limit (factNotes.maxSourceBytes).');
      assert.deepEqual(counting.paths('readFile'), []);
      assert.deepEqual(checkInWorkspace(ws.current, sheetWith(['small.txt', 1]), { maxSourceBytes: 100 }).diagnostics, []);
    });

    it('refuses a named pipe as not a regular file, without waiting for a writer', function () {
      if (process.platform === 'win32') this.skip();
      execFileSync('mkfifo', [ws.current.path('pipe.txt')]);
      const sheet = sheetWith(['pipe.txt', 1]);
      const d = unreadable(checkInWorkspace(ws.current, sheet).diagnostics, sheet, 'pipe.txt');
      assert.equal(d.message, '"pipe.txt" cannot be read: it is not a regular file.');
    });

    it('refuses a directory', () => {
      ws.current.mkdir('articles');
      const sheet = sheetWith(['articles', 1]);
      const d = unreadable(checkInWorkspace(ws.current, sheet).diagnostics, sheet, 'articles');
      assert.equal(d.message, '"articles" cannot be read: it is a directory.');
    });
  });

  describe('"did you mean"', () => {
    it('suggests the same files as comparing the name with every file in the folder', () => {
      const names: string[] = [];
      // Large enough that names one edit away are looked up rather than scanned for (both are compared here).
      for (let i = 0; i < 2000; i++) names.push(`a${String(i).padStart(4, '0')}.txt`);
      names.push('b0001.txt', 'notes.md', 'A0012.txt', 'a0012.TXT');
      for (const n of names) ws.current.write(`articles/${n}`, 'x\n');
      const store = new SourceStore(nodeFileSystem, ws.current.root, DEFAULT_OPTIONS.maxSourceBytes);
      const dir = ws.current.path('articles');
      const reference = (name: string) => {
        const limit = Math.max(2, Math.floor(name.length / 3));
        return names
          .map((n) => ({ name: n, distance: distance(name, n) }))
          .filter((c) => c.distance <= limit && Math.abs(c.name.length - name.length) <= limit)
          .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
          .slice(0, 3);
      };
      let seed = 9;
      const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      const queries = ['a012.txt', 'a0012.txt', 'a00012.txt', 'b001.txt', 'note.md', 'zzz', 'a0299.tx', 'A012.txt', 'a0012.TXT', 'a1999.txtt', 'a199.txt', 'a0012-a-much-longer-name.txt'];
      for (let i = 0; i < 200; i++) {
        const n = names[Math.floor(next() * names.length)];
        const at = Math.floor(next() * n.length);
        queries.push(next() < 0.5 ? n.slice(0, at) + n.slice(at + 1) : n.slice(0, at) + 'x' + n.slice(at));
      }
      for (const q of queries) assert.deepEqual(store.nearestFiles(dir, q), reference(q), q);
    });
  });

  describe('resolving `file`', () => {
    it('resolves relative to `sources`, itself relative to the sheet\'s folder', () => {
      ws.current.write('project/articles/a.txt', joinLines('Hello there.'));
      const sheet = joinLines('sources: articles', 'facts:', '  - claim: C', '    cite: a.txt:1');
      const result = checkInWorkspace(ws.current, sheet, {}, 'project/notes.facts.yaml');
      assert.deepEqual(result.diagnostics, []);
      assert.equal(result.citations[0].sourcePath, ws.current.path('project/articles/a.txt'));
    });

    it('resolves relative to the sheet\'s folder without `sources`', () => {
      ws.current.write('project/a.txt', joinLines('Hello there.'));
      const sheet = joinLines('facts:', '  - claim: C', '    cite: a.txt:1');
      assert.deepEqual(checkInWorkspace(ws.current, sheet, {}, 'project/notes.facts.yaml').diagnostics, []);
    });
  });

  describe('containment', () => {
    it('tells whether a path is inside another as path.relative does, on random paths with `.`, `..` and doubled slashes', () => {
      const reference = (a: string, b: string): boolean => {
        const rel = path.relative(a, b);
        return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
      };
      const parts = ['/', 'a', 'b', 'ab', '.', '..', '.x', '//'];
      let seed = 3;
      const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      const make = (): string => {
        let p = '/';
        for (let n = Math.floor(next() * 5); n > 0; n--) p += parts[Math.floor(next() * parts.length)] + (next() < 0.7 ? '/' : '');
        return p;
      };
      for (let i = 0; i < 20000; i++) {
        const [a, b] = [make(), make()];
        assert.equal(isInside(a, b), reference(a, b), `${a} / ${b}`);
      }
    });

    /** A root folder inside the workspace and a secret file outside it. */
    function layout(): { root: string; secret: string } {
      const root = ws.current.mkdir('root');
      const secret = ws.current.write('outside/secret.txt', joinLines('The secret words.'));
      return { root, secret };
    }

    function checkIn(root: string, sheet: string, counting: CountingFileSystem, sheetName = 'notes.facts.yaml') {
      const sheetPath = path.join(root, sheetName);
      fs.mkdirSync(path.dirname(sheetPath), { recursive: true });
      fs.writeFileSync(sheetPath, sheet);
      const store = new SourceStore(counting, root, DEFAULT_OPTIONS.maxSourceBytes);
      return checkSheet(sheetPath, sheet, store, DEFAULT_OPTIONS);
    }

    /** Nothing outside the root was read, listed or stat'ed (realpath only resolves names). */
    function assertNothingOutsideTouched(counting: CountingFileSystem, root: string, outside: string): void {
      for (const call of counting.calls) {
        if (call.op === 'realpath') continue;
        const real = fs.realpathSync(fs.existsSync(call.path) ? call.path : path.dirname(call.path));
        assert.ok(!real.startsWith(outside), `${call.op} ${call.path} reaches outside the root`);
        assert.ok(real === root || real.startsWith(root + path.sep), `${call.op} ${call.path} is outside the root`);
      }
      assert.deepEqual(
        counting.paths('readFile').filter((p) => !p.startsWith(root + path.sep)),
        [],
      );
    }

    function outsideRoot(diagnostics: readonly FactDiagnostic[], sheet: string, file: string): FactDiagnostic {
      const d = only(diagnostics, 'source-outside-root');
      assert.equal(d.severity, 'error');
      assert.equal(covered(sheet, d.span), JSON.stringify(file));
      assert.deepEqual(d.fixes, []);
      assert.ok(!d.message.includes('secret words'), d.message);
      // The path as written is shown; nothing else of the outside is.
      assert.ok(!d.message.split(`"${file}"`).join('').includes(ws.current.path('outside')), d.message);
      return d;
    }

    it('refuses an absolute path without touching it', () => {
      const { root, secret } = layout();
      const counting = new CountingFileSystem();
      const sheet = sheetWith([secret, 1, 'The secret words.']);
      const d = outsideRoot(checkIn(root, sheet, counting).diagnostics, sheet, secret);
      assert.equal(d.message, `"${secret}" is outside the root folder: absolute paths are not allowed. Nothing outside the root is read.`);
      assert.ok(!counting.calls.some((c) => c.path === secret), JSON.stringify(counting.calls));
      assertNothingOutsideTouched(counting, root, ws.current.path('outside'));
    });

    it('refuses a `..` escape without touching it', () => {
      const { root } = layout();
      const counting = new CountingFileSystem();
      const sheet = sheetWith(['../outside/secret.txt', 1, 'The secret words.']);
      const d = outsideRoot(checkIn(root, sheet, counting).diagnostics, sheet, '../outside/secret.txt');
      assert.equal(d.message, '"../outside/secret.txt" is outside the root folder: the path leaves the root folder. Nothing outside the root is read.');
      assert.ok(!counting.calls.some((c) => c.path.includes('outside')), JSON.stringify(counting.calls));
    });

    it('refuses `sources` that leads out of the root', () => {
      const { root } = layout();
      const counting = new CountingFileSystem();
      const sheet = joinLines('sources: ../outside', 'facts:', '  - claim: C', '    cite: secret.txt:1');
      const result = checkIn(root, sheet, counting);
      assert.equal(covered(sheet, only(result.diagnostics, 'source-outside-root').span), 'secret.txt');
      assertNothingOutsideTouched(counting, root, ws.current.path('outside'));
    });

    it('refuses a symlink inside the root that points outside, and never reads the file it points to', () => {
      const { root, secret } = layout();
      ws.current.symlink(secret, 'root/link.txt');
      const counting = new CountingFileSystem();
      const sheet = sheetWith(['link.txt', 1, 'The secret words.']);
      const d = outsideRoot(checkIn(root, sheet, counting).diagnostics, sheet, 'link.txt');
      assert.match(d.message, /symbolic link/);
      assert.equal(counting.count('readFile', secret), 0);
      assert.equal(counting.count('stat', secret), 0);
      assert.equal(counting.count('readFile', path.join(root, 'link.txt')), 0);
      assert.equal(counting.count('stat', path.join(root, 'link.txt')), 0);
      assertNothingOutsideTouched(counting, root, ws.current.path('outside'));
    });

    it('refuses a file under a symlinked folder that points outside', () => {
      const { root } = layout();
      ws.current.symlink(ws.current.path('outside'), 'root/shared');
      const counting = new CountingFileSystem();
      const sheet = sheetWith(['shared/secret.txt', 1, 'The secret words.']);
      outsideRoot(checkIn(root, sheet, counting).diagnostics, sheet, 'shared/secret.txt');
      assertNothingOutsideTouched(counting, root, ws.current.path('outside'));
    });

    it('refuses a missing file under a symlinked folder that points outside, without listing that folder', () => {
      const { root } = layout();
      ws.current.write('outside/secret-2.txt', 'More secrets.\n');
      ws.current.symlink(ws.current.path('outside'), 'root/shared');
      const counting = new CountingFileSystem();
      const sheet = sheetWith(['shared/secret-1.txt', 1]);
      const result = checkIn(root, sheet, counting);
      outsideRoot(result.diagnostics, sheet, 'shared/secret-1.txt');
      assert.ok(!JSON.stringify(result.diagnostics).includes('secret-2.txt'), 'no outside file name is shown');
      assertNothingOutsideTouched(counting, root, ws.current.path('outside'));
    });

    it('still reports a missing file in a missing folder inside the root as not found', () => {
      const root = ws.current.mkdir('root');
      const counting = new CountingFileSystem();
      const sheet = sheetWith(['no-such-folder/a.txt', 1]);
      const d = only(checkIn(root, sheet, counting).diagnostics, 'source-not-found');
      assert.equal(d.message, 'There is no file "no-such-folder/a.txt" in "no-such-folder".');
    });

    it('follows a symlink that stays inside the root', () => {
      const root = ws.current.mkdir('root');
      const real = ws.current.write('root/articles/real.txt', joinLines('Inside words.'));
      ws.current.symlink('articles/real.txt', 'root/alias.txt');
      const counting = new CountingFileSystem();
      const sheet = sheetWith(['alias.txt', 1, 'Inside words.'], ['articles/real.txt', 1, 'Inside words.']);
      const result = checkIn(root, sheet, counting);
      // Two names of one file: one source (a hint, and nothing else).
      assert.deepEqual(withoutHints(result.diagnostics), []);
      assert.deepEqual(
        result.citations.map((c) => c.sourcePath),
        [real, real],
      );
      assert.equal(counting.paths('readFile').length, 1);
      assert.equal(counting.count('readFile', real), 1);
      // Files are resolved by their folder's listing; only the link needs a full realpath.
      assert.deepEqual(counting.paths('realpath').filter((p) => p.endsWith('.txt')), [path.join(root, 'alias.txt')]);
    });

    it('accepts a root that is itself reached through a symlink', () => {
      const realRoot = ws.current.mkdir('real-root');
      ws.current.write('real-root/a.txt', joinLines('Words.'));
      ws.current.symlink(realRoot, 'linked-root');
      const counting = new CountingFileSystem();
      const sheet = sheetWith(['a.txt', 1, 'Words.']);
      assert.deepEqual(withoutHints(checkIn(ws.current.path('linked-root'), sheet, counting).diagnostics), []);
    });
  });

  describe('reading each source once', () => {
    it('reads a source once however many citations cite it, and however its path is written', () => {
      const file = ws.current.write('articles/a.txt', joinLines('One.', 'Two.', 'Three.'));
      const counting = new CountingFileSystem();
      const sheet = joinLines(
        'sources: articles',
        'facts:',
        '  - claim: A',
        '    cite: [a.txt:1, a.txt:2, ./a.txt:3]',
        '  - claim: B',
        '    cite:',
        '      - file: a.txt',
        '        line: 2',
        '        quote: Two.',
        '      - file: ../articles/a.txt',
        '        line: 3',
        '        quote: Three.',
      );
      const result = checkInWorkspace(ws.current, sheet, {}, 'notes.facts.yaml', counting);
      assert.deepEqual(result.diagnostics, []);
      assert.equal(result.citations.length, 5);
      assert.deepEqual(counting.paths('readFile'), [file]);
    });

    it('reads a source once for several sheets checked with the same store', () => {
      const file = ws.current.write('a.txt', joinLines('One.'));
      const counting = new CountingFileSystem();
      const store = new SourceStore(counting, ws.current.root, DEFAULT_OPTIONS.maxSourceBytes);
      for (const name of ['one.facts.yaml', 'two.facts.yaml']) {
        const text = joinLines('facts:', '  - claim: C', '    cite: a.txt:1');
        const sheetPath = ws.current.write(name, text);
        assert.deepEqual(withoutHints(checkSheet(sheetPath, text, store, DEFAULT_OPTIONS).diagnostics), []);
      }
      assert.deepEqual(counting.paths('readFile'), [file]);
    });

    it('reads sources ahead only when the store says so (the default), and then each once', () => {
      const files = [ws.current.write('a.txt', joinLines('One.')), ws.current.write('b.txt', joinLines('Two.'))];
      const real = files.map((f) => fs.realpathSync(f));
      const ahead = new CountingFileSystem();
      const store = new SourceStore(ahead, ws.current.root, DEFAULT_OPTIONS.maxSourceBytes);
      assert.equal(store.readsAhead, true);
      store.readAhead(real);
      assert.deepEqual(ahead.paths('readFile').sort(), [...real].sort());
      const lazy = new CountingFileSystem();
      const server = new SourceStore(lazy, ws.current.root, DEFAULT_OPTIONS.maxSourceBytes, { readAhead: false, retainChars: 1_000_000 });
      assert.equal(server.readsAhead, false);
      server.readAhead(real);
      assert.deepEqual(lazy.paths('readFile'), []);
      assert.equal(server.load(real[0]).kind, 'loaded');
      assert.deepEqual(lazy.paths('readFile'), [real[0]]);
    });

    it('lets go of sources read ahead beyond its budget, least recently used first, never those just read, and reads them again when cited', () => {
      const text = (n: string) => joinLines(`${n} says the talks lasted two hours and forty-five minutes in all.`);
      const names = ['a', 'b', 'c', 'd'];
      const real = names.map((n) => fs.realpathSync(ws.current.write(`${n}.txt`, text(n))));
      const counting = new CountingFileSystem();
      const size = Buffer.byteLength(text('a'));
      // Room for two sources: each readAhead of two keeps those two, whatever came before.
      const store = new SourceStore(counting, ws.current.root, DEFAULT_OPTIONS.maxSourceBytes, { retainChars: 2 * size });
      store.readAhead(real.slice(0, 2));
      store.readAhead(real.slice(2));
      assert.deepEqual(counting.paths('readFile'), real);
      for (const p of real.slice(2)) assert.equal(store.load(p).kind, 'loaded');
      assert.equal(counting.paths('readFile').length, 4, 'c and d are still loaded');
      const again = store.load(real[0]);
      assert.equal(again.kind === 'loaded' && again.source.text, text('a'));
      assert.deepEqual(counting.paths('readFile'), [...real, real[0]], 'a was let go, and is read again');
      // A sheet citing more than the budget holds still has every source it cites.
      const wide = new SourceStore(new CountingFileSystem(), ws.current.root, DEFAULT_OPTIONS.maxSourceBytes, { retainChars: size });
      const sheet = joinLines('facts:', ...names.map((n) => `  - claim: ${n}\n    cite: {file: ${n}.txt, line: 1, quote: "${n} says the talks lasted"}`));
      const sheetPath = ws.current.write('wide.facts.yaml', sheet);
      assert.deepEqual(withoutHints(checkSheet(sheetPath, sheet, wide, DEFAULT_OPTIONS).diagnostics), []);
    });

    it('reads an unreadable source once too', () => {
      const file = ws.current.write('bin.txt', Buffer.from([1, 0, 2]));
      const counting = new CountingFileSystem();
      const sheet = joinLines('facts:', '  - claim: C', '    cite: [bin.txt:1, bin.txt:2]');
      const result = checkInWorkspace(ws.current, sheet, {}, 'notes.facts.yaml', counting);
      assert.equal(result.diagnostics.filter((d) => d.code === 'source-unreadable').length, 2);
      assert.deepEqual(counting.paths('readFile'), [file]);
    });
  });
});
