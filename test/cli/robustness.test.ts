/**
 * Issue 11: no write the user did not allow (read-only, locked and
 * unparsable sheets), a closed output pipe, ranges every editor can show and
 * messages that stay on one line. On real files and real processes.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_OPTIONS, EXIT_PROBLEMS, LineIndex, REPO_ROOT, SourceStore, checkSheet, features, nodeFileSystem } from '../helpers/core';
import { checkInWorkspace } from '../helpers/check';
import { runCli } from '../helpers/cli';
import { random } from '../helpers/sheets';
import { joinLines } from '../helpers/text';
import { useTempWorkspace, type TempWorkspace } from '../helpers/workspace';

const BIN = path.join(REPO_ROOT, 'bin', 'fact-notes.js');
const ARTICLE = joinLines('The talks lasted one hour.', 'They were constructive.');
/** A sheet with one preferred fix (the quote is on line 2). */
const MOVED = joinLines('facts:', '  - claim: The talks went well.', '    cite:', '      - file: a.txt', '        line: 1', '        quote: They were constructive.');
const MOVED_FIXED = MOVED.replace('line: 1', 'line: 2');

function fixture(ws: TempWorkspace, sheets: Record<string, string> = { 'notes.facts.yaml': MOVED }): void {
  ws.files({ 'a.txt': ARTICLE, ...sheets });
}

function leftovers(ws: TempWorkspace, folder = '.'): string[] {
  return ws.list(folder).filter((n) => n.startsWith('.') || n.endsWith('.tmp'));
}

/** Runs a command with the file attribute set, undoing it after; false when the system does not allow it. */
function withImmutable(file: string, body: () => Promise<void>): Promise<void> | false {
  if (spawnSync('chattr', ['+i', file]).status !== 0) return false;
  return body().finally(() => spawnSync('chattr', ['-i', file]));
}

/** Whether `node` can run as the unprivileged user `nobody` here. */
function canRunAsNobody(): boolean {
  const r = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', "require(process.argv[1])", BIN], { encoding: 'utf8' });
  return r.status === 0 || r.status === 2;
}

function asNobody(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, ...args], { cwd, encoding: 'utf8', timeout: 15000 });
}

describe('Robustness of fix, output and ranges (issue 11)', () => {
  const ws = useTempWorkspace('fact-notes-robust-');

  describe('fix writes no file the user did not allow', () => {
    it('leaves a read-only sheet (mode 444) alone, says so in one line, fixes the other sheets and exits 1, even as root', async () => {
      fixture(ws.current, { 'notes.facts.yaml': MOVED, 'other.facts.yaml': MOVED });
      fs.chmodSync(ws.current.path('notes.facts.yaml'), 0o444);
      const { status, stdout, stderr } = await runCli(['fix'], ws.current.root);
      assert.equal(stderr, '');
      assert.ok(stdout.split('\n').includes('notes.facts.yaml: not fixed: the file is read-only.'), stdout);
      assert.equal(ws.current.read('notes.facts.yaml'), MOVED);
      assert.equal(fs.statSync(ws.current.path('notes.facts.yaml')).mode & 0o777, 0o444);
      assert.equal(ws.current.read('other.facts.yaml'), MOVED_FIXED);
      assert.match(stdout, /^other\.facts\.yaml: applied 1 fix$/m);
      assert.equal(status, EXIT_PROBLEMS, 'the read-only sheet still has its error');
      assert.deepEqual(leftovers(ws.current), []);
    });

    it('exits 1 when a read-only sheet keeps only a warning that fix would have repaired', async () => {
      const warning = MOVED.replace('line: 1', 'line: 2').replace('They were constructive.', 'They were constructve.');
      fixture(ws.current, { 'notes.facts.yaml': warning });
      fs.chmodSync(ws.current.path('notes.facts.yaml'), 0o444);
      const { status, stdout } = await runCli(['fix'], ws.current.root);
      assert.match(stdout, /not fixed: the file is read-only\./);
      assert.equal(status, EXIT_PROBLEMS);
    });

    it('leaves a sheet in a folder without write permission alone (mode 555), even as root', async () => {
      fixture(ws.current, { 'ro/notes.facts.yaml': MOVED.replace('file: a.txt', 'file: ../a.txt') });
      fs.chmodSync(ws.current.path('ro'), 0o555);
      try {
        const { status, stdout, stderr } = await runCli(['fix'], ws.current.root);
        assert.equal(stderr, '');
        assert.ok(stdout.split('\n').includes('ro/notes.facts.yaml: not fixed: the folder is read-only.'), stdout);
        assert.equal(status, EXIT_PROBLEMS);
        assert.deepEqual(leftovers(ws.current, 'ro'), []);
      } finally {
        fs.chmodSync(ws.current.path('ro'), 0o755);
      }
    });

    it('leaves an immutable sheet alone: one plain line, no stack trace, no temporary file', async function () {
      fixture(ws.current);
      const sheet = ws.current.path('notes.facts.yaml');
      const ran = withImmutable(sheet, async () => {
        const { status, stdout, stderr } = await runCli(['fix'], ws.current.root);
        assert.equal(stderr, '');
        assert.ok(stdout.split('\n').includes('notes.facts.yaml: not fixed: the file is locked against changes (the system does not permit it).'), stdout);
        assert.doesNotMatch(stdout, /internal error|Error:|    at /);
        assert.equal(status, EXIT_PROBLEMS);
        assert.equal(ws.current.read('notes.facts.yaml'), MOVED);
        assert.deepEqual(leftovers(ws.current), []);
      });
      if (ran === false) this.skip();
      await ran;
    });

    it('leaves a sheet in an immutable folder alone, as a real process exiting 1', async function () {
      fixture(ws.current, { 'locked/notes.facts.yaml': MOVED.replace('file: a.txt', 'file: ../a.txt') });
      const ran = withImmutable(ws.current.path('locked'), async () => {
        const r = spawnSync(process.execPath, [BIN, 'fix'], { cwd: ws.current.root, encoding: 'utf8', timeout: 15000 });
        assert.equal(r.stderr, '');
        assert.match(r.stdout, /^locked\/notes\.facts\.yaml: not fixed: the folder is locked against changes \(the system does not permit it\)\.$/m);
        assert.equal(r.status, EXIT_PROBLEMS);
        assert.equal(ws.current.read('locked/notes.facts.yaml'), MOVED.replace('file: a.txt', 'file: ../a.txt'));
        assert.deepEqual(leftovers(ws.current, 'locked'), []);
      });
      if (ran === false) this.skip();
      await ran;
    });

    describe('as an unprivileged user (setpriv)', () => {
      let available = false;
      before(function () {
        available = spawnSync('setpriv', ['--help']).status === 0 && canRunAsNobody();
        if (!available) this.skip();
      });

      /** A folder `nobody` owns, inside the workspace (whose own folder is made passable). */
      function nobodysFolder(name: string, sheets: Record<string, string>): string {
        fs.chmodSync(ws.current.root, 0o755);
        fixture(ws.current, Object.fromEntries(Object.entries(sheets).map(([k, v]) => [`${name}/${k}`, v.replace('file: a.txt', 'file: ../a.txt')])));
        const dir = ws.current.path(name);
        const nobody = spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim();
        const nogroup = spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim();
        for (const f of [dir, ...fs.readdirSync(dir).map((n) => path.join(dir, n))]) fs.chownSync(f, Number(nobody), Number(nogroup));
        return dir;
      }

      it('leaves its read-only sheet alone and fixes its writable one', () => {
        const dir = nobodysFolder('mine', { 'notes.facts.yaml': MOVED, 'other.facts.yaml': MOVED });
        fs.chmodSync(path.join(dir, 'notes.facts.yaml'), 0o444);
        const r = asNobody(['fix', '--root', ws.current.root, 'mine'], ws.current.root);
        assert.equal(r.stderr, '');
        assert.match(r.stdout, /^mine\/notes\.facts\.yaml: not fixed: the file is read-only\.$/m);
        assert.match(r.stdout, /^mine\/other\.facts\.yaml: applied 1 fix$/m);
        assert.equal(r.status, EXIT_PROBLEMS);
        assert.equal(fs.readFileSync(path.join(dir, 'notes.facts.yaml'), 'utf8'), MOVED.replace('file: a.txt', 'file: ../a.txt'));
        assert.deepEqual(leftovers(ws.current, 'mine'), []);
      });

      it('leaves a sheet in its read-only folder alone', () => {
        const dir = nobodysFolder('mine', { 'notes.facts.yaml': MOVED });
        fs.chmodSync(dir, 0o555);
        const r = asNobody(['fix', '--root', ws.current.root, 'mine'], ws.current.root);
        fs.chmodSync(dir, 0o755);
        assert.equal(r.stderr, '');
        assert.match(r.stdout, /^mine\/notes\.facts\.yaml: not fixed: the folder is read-only\.$/m);
        assert.equal(r.status, EXIT_PROBLEMS);
      });

      it("leaves a sheet it may not write (another user's, mode 644) alone", () => {
        const dir = nobodysFolder('mine', { 'notes.facts.yaml': MOVED });
        fs.chownSync(path.join(dir, 'notes.facts.yaml'), 0, 0);
        const r = asNobody(['fix', '--root', ws.current.root, 'mine'], ws.current.root);
        assert.equal(r.stderr, '');
        assert.match(r.stdout, /^mine\/notes\.facts\.yaml: not fixed: you may not change the file \(permission denied\)\.$/m);
        assert.equal(r.status, EXIT_PROBLEMS);
      });
    });
  });

  describe('fix leaves what does not parse alone', () => {
    const INVALID = MOVED + joinLines('  - claim: Broken.', '    cite:', '      - file: a.txt', '        line: 1', '        quote: "The talks" lasted', '');

    it('does not rewrite a sheet with a YAML error, and names its line', async () => {
      fixture(ws.current, { 'notes.facts.yaml': INVALID, 'other.facts.yaml': MOVED });
      const { status, stdout } = await runCli(['fix'], ws.current.root);
      assert.ok(stdout.split('\n').includes('notes.facts.yaml: not fixed: it is not valid YAML (line 11). Fix that first.'), stdout);
      assert.equal(ws.current.read('notes.facts.yaml'), INVALID);
      assert.equal(ws.current.read('other.facts.yaml'), MOVED_FIXED);
      assert.equal(status, EXIT_PROBLEMS);
    });

    it('does not rewrite it either when yaml-syntax is turned off', async () => {
      fixture(ws.current, { 'notes.facts.yaml': INVALID });
      const { stdout } = await runCli(['fix', '--severity', 'yaml-syntax=off'], ws.current.root);
      assert.match(stdout, /not fixed: it is not valid YAML/);
      assert.equal(ws.current.read('notes.facts.yaml'), INVALID);
    });

    it('offers no fix-all edit in the editor for such a sheet, but keeps its quick fixes', () => {
      ws.current.write('a.txt', ARTICLE);
      const check = checkInWorkspace(ws.current, INVALID);
      const view = { uri: 'file:///notes.facts.yaml', check, lines: new LineIndex(check.text), source: () => undefined };
      const diagnostics = features.toDiagnostics(view, (p) => `file://${p}`);
      assert.ok(diagnostics.some((d) => d.code === 'yaml-syntax'));
      assert.deepEqual(features.fixAllEdits(view), []);
      assert.deepEqual(features.codeActions(view, { diagnostics: [], only: ['source.fixAll'] }, (p) => `file://${p}`), []);
      const quick = features.codeActions(view, { diagnostics }, (p) => `file://${p}`);
      assert.deepEqual(quick.map((a) => a.title), ['Change line to 2', 'Ignore quote-moved here…']);
      const valid = checkInWorkspace(ws.current, MOVED);
      const validView = { uri: 'file:///notes.facts.yaml', check: valid, lines: new LineIndex(valid.text), source: () => undefined };
      assert.equal(features.fixAllEdits(validView).length, 1, 'a valid sheet still has its fix-all');
    });
  });

  describe('a closed output pipe', () => {
    for (const command of ['check', 'fix']) {
      it(`ends ${command} quietly with its usual status when the reader stops after the first line`, async () => {
        ws.current.copyFrom(path.join(REPO_ROOT, 'samples'), 'samples');
        // Enough output that the pipe is still being written when it closes.
        const big = fs.readFileSync(ws.current.path('samples/broken.facts.yaml'), 'utf8');
        for (let i = 0; i < 40; i++) ws.current.write(`samples/copy${i}.facts.yaml`, big);
        const child = spawn(process.execPath, [BIN, command, 'samples'], { cwd: ws.current.root, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
        let first = '';
        child.stdout.setEncoding('utf8').on('data', (t: string) => {
          first += t;
          if (first.includes('\n')) child.stdout.destroy();
        });
        const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
        assert.ok(first.length > 0);
        assert.doesNotMatch(stderr, /Error|    at /, stderr);
        assert.equal(status, EXIT_PROBLEMS, 'the sheets have errors, as without the pipe');
      });
    }
  });

  describe('ranges every editor can show', () => {
    /** Every diagnostic span's ends, with the reason one is not on a character boundary. */
    function badBoundaries(text: string, spans: readonly { start: number; end: number }[]): string[] {
      const bad: string[] = [];
      for (const s of spans) {
        for (const at of [s.start, s.end]) {
          const before = text.charCodeAt(at - 1);
          const after = text.charCodeAt(at);
          if (before === 13 && after === 10) bad.push(`${at}: between CR and LF`);
          if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) bad.push(`${at}: inside a surrogate pair`);
        }
        if (s.start > s.end) bad.push(`${s.start}-${s.end}: backwards`);
      }
      return bad;
    }

    function check(text: string) {
      const sheetPath = ws.current.write('notes.facts.yaml', text);
      return checkSheet(sheetPath, text, new SourceStore(nodeFileSystem, ws.current.root, DEFAULT_OPTIONS.maxSourceBytes), DEFAULT_OPTIONS).diagnostics;
    }

    it('ends no yaml-syntax range between the CR and LF of a line end', () => {
      const text = 'facts:\r\n  - claim: "a\r\nb"\r\n';
      const diagnostics = check(text);
      assert.ok(diagnostics.length > 0);
      assert.deepEqual(badBoundaries(text, diagnostics.map((d) => d.span)), []);
      const lines = new LineIndex(text);
      for (const d of diagnostics) {
        for (const at of [d.span.start, d.span.end]) {
          const p = lines.positionAt(at);
          assert.ok(p.character <= lines.lineText(p.line).length, `${d.code} at ${at} is past its line's end`);
        }
      }
    });

    it('splits no emoji with a one-unit range', () => {
      ws.current.write('a.txt', ARTICLE);
      for (const text of [joinLines('facts:', '  - claim: A.', '    note: 😀: 1', '    cite: a.txt:1'), joinLines('facts:', '  - claim: A.', '   😀 cite: a.txt:1')]) {
        const diagnostics = check(text);
        assert.ok(diagnostics.length > 0, text);
        assert.deepEqual(badBoundaries(text, diagnostics.map((d) => d.span)), [], text);
      }
    });

    it('puts every range of randomly edited sheets with CRLF and astral characters on code point boundaries', () => {
      ws.current.write('a.txt', ARTICLE);
      const base = joinLines('title: 𝒯 notes 😀', 'facts:', '  - id: one', '    claim: The talks 😀 lasted one hour.', '    cite:', '      - file: a.txt', '        line: 1', '        quote: "The talks lasted 😀 one hour."', '  - claim: "Constructive 𝄞"', '    note: 😀: x', '    cite: a.txt:2', '');
      const pieces = ['😀', '𝄞', '\r\n', '\r', '"', "'", ': ', '\n  - ', '#', '[', '{', '\t', '- ', '\ud83d'];
      const next = random(11);
      let checked = 0;
      for (let round = 0; round < 150; round++) {
        let text = base.replace(/\n/g, '\r\n');
        for (let e = 0; e < 1 + Math.floor(next() * 4); e++) {
          const at = Math.floor(next() * text.length);
          text = next() < 0.3 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at);
        }
        const diagnostics = check(text);
        checked += diagnostics.length;
        const spans = diagnostics.flatMap((d) => [d.span]);
        assert.deepEqual(badBoundaries(text, spans), [], JSON.stringify(text));
      }
      assert.ok(checked > 100, `only ${checked} diagnostics checked`);
    });
  });

  describe('fix killed at any moment (SIGKILL)', () => {
    /** 12 sheets of 150 facts, each with one preferred fix: a run that takes long enough to be killed in. */
    function many(ws: TempWorkspace): Record<string, string> {
      const sheet = joinLines('facts:', ...Array.from({ length: 150 }, (_, i) => MOVED.split('\n').slice(1).join('\n').replace('The talks went well.', `Claim ${i}.`)));
      const sheets = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`s${String(i).padStart(2, '0')}.facts.yaml`, sheet]));
      fixture(ws, sheets);
      return sheets;
    }

    /** Runs `fix` and kills it after `afterMs`, or as soon as it has replaced a first sheet. */
    function fixUntilKilled(cwd: string, afterMs: number | 'first-write'): Promise<void> {
      return new Promise((resolve) => {
        const child = spawn(process.execPath, [BIN, 'fix'], { cwd, stdio: 'ignore' });
        const kill = () => child.kill('SIGKILL');
        const watcher = afterMs === 'first-write' ? fs.watch(cwd, (event, name) => event === 'rename' && /^s\d\d\.facts\.yaml$/.test(String(name)) && kill()) : undefined;
        const timer = typeof afterMs === 'number' ? setTimeout(kill, afterMs) : undefined;
        child.on('exit', () => {
          clearTimeout(timer);
          watcher?.close();
          resolve();
        });
      });
    }

    it('always leaves each sheet as it was or as fixed, never half-written, over 20 kills at any moment of a run', async function () {
      this.timeout(120_000);
      const sheets = many(ws.current);
      const started = performance.now();
      await fixUntilKilled(ws.current.root, 60_000);
      const runMs = performance.now() - started;
      const fixed = Object.fromEntries(Object.keys(sheets).map((name) => [name, ws.current.read(name)]));
      assert.ok(Object.values(fixed).every((t) => t === sheets[Object.keys(sheets)[0]].replace(/line: 1/g, 'line: 2')), 'a whole run fixes every sheet');
      let seenBoth = 0;
      for (let k = 0; k < 20; k++) {
        for (const [name, text] of Object.entries(sheets)) fs.writeFileSync(ws.current.path(name), text);
        // 16 kills spread over the run, and 4 as the first sheet is replaced (while it writes the others).
        await fixUntilKilled(ws.current.root, k < 16 ? (runMs * (k + 0.5)) / 16 : 'first-write');
        const states = Object.keys(sheets).map((name) => {
          const now = ws.current.read(name);
          assert.ok(now === sheets[name] || now === fixed[name], `${name} after kill ${k + 1} is neither the old nor the fixed text`);
          return now === fixed[name];
        });
        if (states.includes(true) && states.includes(false)) seenBoth++;
      }
      // Whatever is left behind is a temporary file, never taken for a sheet; a new run finishes the work.
      assert.ok(leftovers(ws.current).every((n) => /^\.s\d\d\.facts\.yaml\.\d+\.tmp$/.test(n)), leftovers(ws.current).join(', '));
      await fixUntilKilled(ws.current.root, 60_000);
      for (const name of Object.keys(sheets)) assert.equal(ws.current.read(name), fixed[name]);
      const after = await runCli(['check', '--format', 'json'], ws.current.root);
      assert.equal((JSON.parse(after.stdout) as { sheets: number }).sheets, 12);
      assert.ok(seenBoth >= 1, `no kill landed while some sheets were written and others not (run ${Math.round(runMs)} ms)`);
    });
  });

  describe('messages on one line', () => {
    it('prints one line per diagnostic when a file name holds a line break, shown escaped', async () => {
      const text = joinLines('facts:', '  - claim: A.', '    cite:', '      - file: "a\\nb.txt"', '        line: 1', '        quote: The talks', '');
      fixture(ws.current, { 'notes.facts.yaml': text });
      const { stdout } = await runCli(['check'], ws.current.root);
      const lines = stdout.trimEnd().split('\n');
      assert.equal(lines.length, 2, stdout);
      assert.match(lines[0], /^notes\.facts\.yaml:4:\d+: error source-not-found: .*"a\\nb\.txt"/);
      const json = JSON.parse((await runCli(['check', '--format', 'json'], ws.current.root)).stdout) as { diagnostics: { message: string }[] };
      assert.ok(json.diagnostics.every((d) => !/[\r\n]/.test(d.message)));
    });
  });
});
