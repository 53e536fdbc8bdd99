/**
 * Issue 17: how the text format looks on a terminal (colours, and a code
 * frame under each diagnostic) and elsewhere (one plain line each), what
 * NO_COLOR, FORCE_COLOR, --color and --no-color change, and a reader that
 * closes the pipe early (`fact-notes fix ... | head -1`).
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { codeFrame, EXIT_PROBLEMS, layoutFor, REPO_ROOT, terminalWidth } from '../helpers/core';
import { runCli } from '../helpers/cli';
import { joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

const BIN = path.join(REPO_ROOT, 'bin', 'fact-notes.js');

const ARTICLE = joinLines('The meeting took place in Reykjavik.', 'The talks lasted one hour and 45 minutes.');

/** quote-moved on line 6 (the line number), quote-mismatch on line 11 (the quote). */
const SHEET = joinLines(
  'sources: articles',
  'facts:',
  '  - claim: They met in Reykjavik.',
  '    cite:',
  '      - file: a.txt',
  '        line: 2',
  '        quote: took place in Reykjavik',
  '  - claim: The talks were long.',
  '    cite:',
  '      - file: a.txt',
  '        quote: one hour and 45 minuts',
  '        line: 2',
);

const ANSI = /\x1b\[[0-9;]*m/g;

function plain(text: string): string {
  return text.replace(ANSI, '');
}

/** Environment of a child process: the test's, without the variables that change colours. */
function envWith(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const k of ['NO_COLOR', 'FORCE_COLOR']) if (!(k in extra)) delete env[k];
  return env;
}

describe('CLI: the text format on a terminal, and closed pipes (issue 17)', () => {
  const ws = useTempWorkspace('fact-notes-output-');

  function fixture(): void {
    ws.current.files({ 'articles/a.txt': ARTICLE, 'notes.facts.yaml': SHEET });
  }

  const FRAMED = [
    'notes.facts.yaml:6:15: error quote-moved: Change line to 1: the quote is there, not on line 2 of "a.txt". Line 2 says: "The talks lasted one hour and 45 minutes."',
    ' 6 |         line: 2',
    '   |               ^',
    '',
    'notes.facts.yaml:11:16: warning quote-mismatch: Replace the quote with the source\'s text, "one hour and 45 minutes": it differs from line 2 of "a.txt" in spelling only (1 edit).',
    ' 11 |         quote: one hour and 45 minuts',
    '    |                ^~~~~~~~~~~~~~~~~~~~~~',
    '',
    '1 error, 1 warning in 1 sheet (2 citations checked).',
  ];

  it('on a terminal: each diagnostic coloured, with its sheet line and a caret under the place (^~~~ under a range)', async () => {
    fixture();
    const r = await runCli(['check'], ws.current.root, { terminal: true, env: {} });
    assert.equal(r.status, EXIT_PROBLEMS);
    assert.deepEqual(plain(r.stdout).trimEnd().split('\n'), FRAMED);
    assert.ok(r.stdout.includes('\x1b[1m\x1b[31merror\x1b[39m\x1b[22m'), 'error in bold red');
    assert.ok(r.stdout.includes('\x1b[1m\x1b[33mwarning\x1b[39m\x1b[22m'), 'warning in bold yellow');
    assert.ok(r.stdout.includes('\x1b[1mnotes.facts.yaml:6:15\x1b[22m'), 'the place in bold');
  });

  it('not on a terminal: one plain line per diagnostic, as FORMAT.md section 7 says (for grep, editors and CI problem matchers)', async () => {
    fixture();
    const r = await runCli(['check'], ws.current.root, { terminal: false, env: {} });
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [FRAMED[0], FRAMED[4], FRAMED[8]]);
  });

  it('NO_COLOR and --no-color keep the frames on a terminal and drop the colours; --no-color beats FORCE_COLOR', async () => {
    fixture();
    for (const [argv, env] of [
      [['check'], { NO_COLOR: '1' }],
      [['check', '--no-color'], {}],
      [['check', '--no-color'], { FORCE_COLOR: '1' }],
      [['check'], { TERM: 'dumb', FORCE_COLOR: '0' }],
    ] as [string[], Record<string, string>][]) {
      const r = await runCli(argv, ws.current.root, { terminal: true, env });
      const expected = env.TERM === 'dumb' ? [FRAMED[0], FRAMED[4], FRAMED[8]] : FRAMED;
      assert.deepEqual(r.stdout.trimEnd().split('\n'), expected, `${argv.join(' ')} ${JSON.stringify(env)}`);
    }
  });

  it('--color and FORCE_COLOR force colours and frames into a pipe; --color beats NO_COLOR (a real process)', () => {
    fixture();
    for (const [argv, env] of [
      [['check', '--color'], {}],
      [['check', '--color'], { NO_COLOR: '1' }],
      [['check'], { FORCE_COLOR: '1' }],
    ] as [string[], Record<string, string>][]) {
      const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: ws.current.root, encoding: 'utf8', env: envWith(env) });
      assert.equal(r.status, EXIT_PROBLEMS, r.stderr);
      assert.match(r.stdout, ANSI, `${argv.join(' ')} ${JSON.stringify(env)}: coloured`);
      assert.deepEqual(plain(r.stdout).trimEnd().split('\n'), FRAMED);
    }
    const piped = spawnSync(process.execPath, [BIN, 'check'], { cwd: ws.current.root, encoding: 'utf8', env: envWith({ NO_COLOR: '1' }) });
    assert.doesNotMatch(piped.stdout, ANSI);
  });

  it('leaves JSON and SARIF alone, whatever the colour options say', async () => {
    fixture();
    for (const format of ['json', 'sarif']) {
      const bare = await runCli(['check', '--format', format], ws.current.root);
      const forced = await runCli(['check', '--format', format, '--color'], ws.current.root, { terminal: true, env: { FORCE_COLOR: '1' } });
      assert.equal(forced.stdout.replace(/"uri": "file:[^"]*"/, ''), bare.stdout.replace(/"uri": "file:[^"]*"/, ''), format);
      assert.doesNotMatch(forced.stdout, ANSI);
    }
  });

  it('writes JSON and SARIF in pieces as they are made, the same characters JSON.stringify gives for the whole (none, one and many sheets with diagnostics, ignored ones too)', async () => {
    fixture();
    ws.current.files({
      'clean.facts.yaml': joinLines('sources: articles', 'facts:', '  - claim: They met.', '    cite:', '      - file: a.txt', '        line: 1', '        quote: took place in Reykjavik'),
      'ignored.facts.yaml': joinLines('sources: articles', 'facts:', '  - claim: The talks.', '    cite:', '      # fact-notes-ignore quote-mismatch -- the reporter checked it', '      - file: a.txt', '        line: 2', '        quote: one hour and 45 minuts'),
    });
    for (const paths of [['clean.facts.yaml'], ['notes.facts.yaml'], ['.']]) {
      for (const format of ['json', 'sarif']) {
        for (const extra of [[], ['--show-ignored']]) {
          const r = await runCli(['check', '--format', format, ...extra, ...paths], ws.current.root);
          assert.equal(r.stdout, JSON.stringify(JSON.parse(r.stdout), null, 2) + '\n', `${format} ${extra.join(' ')} ${paths.join(' ')}`);
          if (format === 'json') assert.equal(Array.isArray(JSON.parse(r.stdout).ignored), extra.length > 0);
        }
      }
    }
    const all = JSON.parse((await runCli(['check', '--format', 'json', '--show-ignored', '.'], ws.current.root)).stdout);
    assert.deepEqual([all.diagnostics.length, all.ignored.length], [2, 1]);
    const clean = JSON.parse((await runCli(['check', '--format', 'json', 'clean.facts.yaml'], ws.current.root)).stdout);
    assert.deepEqual(clean.diagnostics, []);
  });

  it("fix prints its final report in the terminal's layout too", async () => {
    fixture();
    ws.current.write('notes.facts.yaml', SHEET + joinLines('  - claim: Nowhere.', '    cite:', '      - file: a.txt', '        line: 1', '        quote: not in the article at all'));
    const r = await runCli(['fix', '--color'], ws.current.root);
    assert.match(r.stdout, /^notes\.facts\.yaml: applied 2 fixes$/m);
    assert.match(plain(r.stdout), /^notes\.facts\.yaml:17:16: error quote-not-found: .*\n 17 \| {9}quote: not in the article at all\n {4}\| {16}\^~+\n\n1 error, 0 warnings in 1 sheet \(3 citations checked\)\.\n$/m);
    assert.match(r.stdout, ANSI);
  });

  describe('layoutFor', () => {
    it('decides colours and frames from the option, then FORCE_COLOR, then NO_COLOR, then the terminal', () => {
      const cases: [boolean | undefined, Record<string, string>, boolean, { color: boolean; frames: boolean }][] = [
        [undefined, {}, false, { color: false, frames: false }],
        [undefined, {}, true, { color: true, frames: true }],
        [undefined, { NO_COLOR: '1' }, true, { color: false, frames: true }],
        [undefined, { NO_COLOR: '' }, true, { color: true, frames: true }],
        [undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, { color: true, frames: true }],
        [undefined, { FORCE_COLOR: 'false' }, true, { color: false, frames: true }],
        [undefined, { TERM: 'dumb' }, true, { color: false, frames: false }],
        [true, { NO_COLOR: '1' }, false, { color: true, frames: true }],
        [false, { FORCE_COLOR: '3' }, true, { color: false, frames: true }],
      ];
      for (const [option, env, terminal, expected] of cases) assert.deepEqual(layoutFor(option, env, terminal), expected, JSON.stringify([option, env, terminal]));
    });
  });

  describe('codeFrame', () => {
    const frame = (line: string, start: number, end: number) => codeFrame(line, 7, start, end, (t) => t, (t) => t);

    it('puts the caret under the place, counting wide characters as two columns and a tab as four', () => {
      assert.deepEqual(frame('  quote: 会談 was long', 11, 14), [' 7 |   quote: 会談 was long', '   |              ^~~']);
      assert.deepEqual(frame('\tquote: x', 8, 9), [' 7 |     quote: x', '   |            ^']);
      assert.equal(terminalWidth('会談'), 4);
    });

    it('shows control characters as escapes, and the caret still under the place', () => {
      assert.deepEqual(frame('quote: a\u0007b', 9, 10), [' 7 | quote: a\\u0007b', `   | ${' '.repeat('quote: a\\u0007'.length)}^`]);
    });

    it('underlines a range running past the line to its end, and points past the end of a line', () => {
      assert.deepEqual(frame('  quote: >-  ', 9, Infinity), [' 7 |   quote: >-', '   |          ^~']);
      assert.deepEqual(frame('  - claim:', 10, 11), [' 7 |   - claim:', '   |           ^']);
    });

    it('cuts a long line around the place with …', () => {
      const line = `  quote: ${'a'.repeat(100)}HERE${'b'.repeat(100)}`;
      const start = line.indexOf('HERE');
      const [text, caret] = frame(line, start, start + 4);
      assert.equal(text, ` 7 | …${'a'.repeat(59)}HERE${'b'.repeat(59)}…`);
      assert.equal(caret, `   | ${' '.repeat(60)}^~~~`);
    });
  });

  describe('a closed pipe', () => {
    /** Runs the real command, closes its stdout after the first chunk, and gives its status and stderr. */
    function closedEarly(argv: string[]): Promise<{ status: number | null; stderr: string; read: number }> {
      return new Promise((resolve) => {
        const child = spawn(process.execPath, [BIN, ...argv], { cwd: ws.current.root, env: envWith() });
        let stderr = '';
        let read = 0;
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.stdout.once('data', (d: Buffer) => {
          read = d.length;
          child.stdout.destroy();
        });
        child.on('close', (status) => resolve({ status, stderr, read }));
      });
    }

    /** Many sheets with many broken citations: more output than a pipe holds. */
    function bigFixture(): void {
      ws.current.write('articles/a.txt', ARTICLE);
      for (let s = 0; s < 20; s++) {
        const facts = Array.from({ length: 100 }, (_, i) => `  - claim: Fact ${i}.\n    cite:\n      - file: a.txt\n        line: 2\n        quote: took place in Reykjavik\n`).join('');
        ws.current.write(`sheet-${s}.facts.yaml`, `sources: articles\nfacts:\n${facts}`);
      }
    }

    for (const argv of [
      ['check', '--format', 'json'],
      ['check'],
      ['fix'],
    ]) {
      it(`${argv.join(' ')} | head: ends quietly with its usual status`, async () => {
        bigFixture();
        const r = await closedEarly(argv);
        assert.ok(r.read > 0, 'something was read');
        assert.equal(r.stderr, '', 'no stack trace');
        // fix repairs every citation before it reports, so what is left is clean.
        assert.equal(r.status, argv[0] === 'fix' ? 0 : EXIT_PROBLEMS);
      });
    }
  });
});
