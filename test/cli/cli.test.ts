import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_CODES, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, LineIndex, REPO_ROOT } from '../helpers/core';
import { runCli } from '../helpers/cli';
import { joinLines, offsetOf } from '../helpers/text';
import { useTempWorkspace, type TempWorkspace } from '../helpers/workspace';

const ARTICLE = joinLines(
  'The meeting of the two ministers took place in Reykjavik.',
  'The talks lasted one hour and 45 minutes, taking longer than expected.',
  'Lavrov said the talks were “constructive,” according to state media.',
  'It was cold.',
  'It was cold.',
);

/** A sheet with one error (quote-moved), one warning (quote-mismatch) and one ambiguous citation. */
const NOTES = joinLines(
  '# Notes with problems.',
  'sources: articles   # the folder',
  'facts:',
  '  # Moved: the quote is on line 2.',
  '  - id: length',
  '    claim: The talks ran long.',
  '    cite:',
  '      - file: a.txt',
  '        line: 1',
  '        quote: taking longer than expected',
  '  # A typo in the quote.',
  '  - id: constructive',
  '    claim: Lavrov called the talks constructive.',
  '    cite:',
  '      - file: a.txt',
  '        line: 3',
  '        quote: the talks were "constructve,"',
  '  # Ambiguous: lines 4 and 5 both say it.',
  '  - id: cold',
  '    claim: It was cold.',
  '    cite:',
  '      - file: a.txt',
  '        line: 1',
  '        quote: It was cold.',
);

const CLEAN = joinLines('sources: articles', 'facts:', '  - claim: They met in Reykjavik.', '    cite:', '      - file: a.txt', '        line: 1', '        quote: took place in Reykjavik', '      - a.txt:2');

const WARNING_ONLY = joinLines('sources: articles', 'facts:', '  - claim: Constructive.', '    cite:', '      - file: a.txt', '        line: 3', '        quote: the talks were "constructve,"');

function fixture(ws: TempWorkspace): void {
  ws.files({
    'articles/a.txt': ARTICLE,
    'notes.facts.yaml': NOTES,
    'clean.facts.yaml': CLEAN,
  });
}

/** 1-based `LINE:COL` of an offset in a text, as the text format prints it. */
function lineCol(text: string, offset: number): string {
  const p = new LineIndex(text).positionAt(offset);
  return `${p.line + 1}:${p.character + 1}`;
}

/** Lines of a text that hold a comment. */
function commentsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.includes('#'))
    .map((l) => l.slice(l.indexOf('#')));
}

interface JsonRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

interface JsonReport {
  version: number;
  sheets: number;
  citations: number;
  diagnostics: {
    file: string;
    range: JsonRange;
    severity: string;
    code: string;
    message: string;
    fixes: { title: string; preferred: boolean; edits: { range: JsonRange; newText: string }[] }[];
    related?: { file: string; range: JsonRange; message: string }[];
  }[];
}

describe('fact-notes command line', () => {
  const ws = useTempWorkspace('fact-notes-cli-');

  describe('check --format text', () => {
    it('prints FILE:LINE:COL: SEVERITY CODE: MESSAGE for each diagnostic, then the summary, and exits 1 on errors', async () => {
      fixture(ws.current);
      const { status, stdout, stderr } = await runCli(['check'], ws.current.root);
      assert.equal(status, EXIT_PROBLEMS);
      assert.equal(stderr, '');
      const lines = stdout.trimEnd().split('\n');
      const moved = offsetOf(NOTES, '1', 1);
      const typo = offsetOf(NOTES, 'the talks were "constructve,"');
      const cold = NOTES.lastIndexOf('line: 1') + 'line: '.length;
      assert.deepEqual(lines, [
        `notes.facts.yaml:${lineCol(NOTES, moved)}: error quote-moved: Change line to 2: the quote is there, not on line 1 of "a.txt". Line 1 says: "The meeting of the two ministers took place in Reykjavik."`,
        `notes.facts.yaml:${lineCol(NOTES, typo)}: warning quote-mismatch: Replace the quote with the source's text, "the talks were “constructive,”": it differs from line 3 of "a.txt" in spelling only (1 edit).`,
        `notes.facts.yaml:${lineCol(NOTES, cold)}: error quote-moved: The quote is in 2 places (lines 4 and 5), not on line 1 of "a.txt", so which one is meant cannot be told. Line 1 says: "The meeting of the two ministers took place in Reykjavik."`,
        '2 errors, 1 warning in 2 sheets (5 citations checked).',
      ]);
      assert.equal(lineCol(NOTES, moved), '9:15');
    });

    it('matches FILE:LINE:COL: SEVERITY CODE: MESSAGE on every line but the summary', async () => {
      fixture(ws.current);
      ws.current.write('sub/deeper/more.facts.yml', joinLines('facts:', '  - claim: x', '    cite: missing.txt:1'));
      const { stdout } = await runCli(['check', '.'], ws.current.root);
      const lines = stdout.trimEnd().split('\n');
      for (const line of lines.slice(0, -1)) {
        assert.match(line, /^[^:\s]+:\d+:\d+: (error|warning|information|hint) [a-z-]+: \S.*$/, line);
      }
      assert.ok(lines.some((l) => l.startsWith('sub/deeper/more.facts.yml:3:11: error source-not-found: ')), stdout);
      assert.equal(lines[lines.length - 1], '3 errors, 1 warning in 3 sheets (6 citations checked).');
    });

    it('exits 0 with no diagnostics for a clean sheet', async () => {
      fixture(ws.current);
      const result = await runCli(['check', 'clean.facts.yaml'], ws.current.root);
      assert.deepEqual(result, { status: EXIT_OK, stdout: '0 errors, 0 warnings in 1 sheet (2 citations checked).\n', stderr: '' });
    });

    it('exits 0 when there are only warnings, and 1 once a warning is raised to an error', async () => {
      fixture(ws.current);
      ws.current.write('warn.facts.yaml', WARNING_ONLY);
      const warned = await runCli(['check', 'warn.facts.yaml'], ws.current.root);
      assert.equal(warned.status, EXIT_OK);
      assert.match(warned.stdout, /^warn\.facts\.yaml:7:16: warning quote-mismatch: /);
      const raised = await runCli(['check', 'warn.facts.yaml', '--severity', 'quote-mismatch=error'], ws.current.root);
      assert.equal(raised.status, EXIT_PROBLEMS);
      assert.match(raised.stdout, /^warn\.facts\.yaml:7:16: error quote-mismatch: /);
      const silenced = await runCli(['check', 'notes.facts.yaml', '--severity', 'quote-moved=off', '--severity', 'quote-mismatch=off'], ws.current.root);
      assert.deepEqual(silenced, { status: EXIT_OK, stdout: '0 errors, 0 warnings in 1 sheet (3 citations checked).\n', stderr: '' });
    });

    it('prints paths relative to the current folder with forward slashes', async () => {
      fixture(ws.current);
      const { stdout } = await runCli(['check', path.join(ws.current.root, 'notes.facts.yaml'), '--root', '..'], ws.current.path('articles'));
      assert.match(stdout, /^\.\.\/notes\.facts\.yaml:9:15: error quote-moved: /);
    });

    it('uses --root as the folder nothing outside of is read', async () => {
      ws.current.write('shared/a.txt', ARTICLE);
      ws.current.write('project/p.facts.yaml', joinLines('facts:', '  - claim: C', '    cite: ../shared/a.txt:1'));
      const inside = await runCli(['check', '.'], ws.current.path('project'));
      assert.equal(inside.status, EXIT_PROBLEMS);
      assert.match(inside.stdout, /error source-outside-root: /);
      const widened = await runCli(['check', '.', '--root', '..'], ws.current.path('project'));
      assert.equal(widened.status, EXIT_OK, widened.stdout);
    });
  });

  describe('check --format json', () => {
    it('prints version, sheets, citations and diagnostics with file, 0-based range, severity, code, message and fixes', async () => {
      fixture(ws.current);
      const { status, stdout, stderr } = await runCli(['check', '--format', 'json'], ws.current.root);
      assert.equal(status, EXIT_PROBLEMS);
      assert.equal(stderr, '');
      const report = JSON.parse(stdout) as JsonReport;
      assert.deepEqual(Object.keys(report), ['version', 'sheets', 'citations', 'diagnostics']);
      assert.deepEqual([report.version, report.sheets, report.citations], [1, 2, 5]);
      assert.equal(report.diagnostics.length, 3);
      for (const d of report.diagnostics) {
        // `related` (the candidate places, like LSP's relatedInformation) is an addition to FORMAT.md's shape, there when a diagnostic has candidates.
        assert.deepEqual(Object.keys(d), ['file', 'range', 'severity', 'code', 'message', 'fixes', ...(d.related ? ['related'] : [])]);
        assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
        for (const f of d.fixes) {
          // `preferred` is an addition to FORMAT.md's fix shape: which fix `fix` would apply.
          assert.deepEqual(Object.keys(f).sort(), ['edits', 'preferred', 'title']);
          for (const e of f.edits) assert.deepEqual(Object.keys(e), ['range', 'newText']);
        }
      }
      const moved = offsetOf(NOTES, '1', 1);
      const start = new LineIndex(NOTES).positionAt(moved);
      assert.deepEqual(report.diagnostics[0], {
        file: 'notes.facts.yaml',
        range: { start, end: { line: start.line, character: start.character + 1 } },
        severity: 'error',
        code: 'quote-moved',
        message: 'Change line to 2: the quote is there, not on line 1 of "a.txt". Line 1 says: "The meeting of the two ministers took place in Reykjavik."',
        fixes: [{ title: 'Change line to 2', preferred: true, edits: [{ range: { start, end: { line: start.line, character: start.character + 1 } }, newText: '2' }] }],
        related: [{ file: 'articles/a.txt', range: { start: { line: 1, character: 42 }, end: { line: 1, character: 69 } }, message: 'The quote is here.' }],
      });
      assert.deepEqual(start, { line: 8, character: 14 });
      assert.deepEqual(
        report.diagnostics.map((d) => [d.code, d.severity, d.fixes.map((f) => f.preferred)]),
        [
          ['quote-moved', 'error', [true]],
          ['quote-mismatch', 'warning', [true]],
          ['quote-moved', 'error', [false, false]],
        ],
      );
    });

    it('prints an empty diagnostics list for a clean sheet', async () => {
      fixture(ws.current);
      const { status, stdout } = await runCli(['check', 'clean.facts.yaml', '-f', 'json'], ws.current.root);
      assert.equal(status, EXIT_OK);
      assert.deepEqual(JSON.parse(stdout), { version: 1, sheets: 1, citations: 2, diagnostics: [] });
    });
  });

  describe('check --format sarif', () => {
    it('prints SARIF 2.1.0 with one result per diagnostic, ruleId = code, and every code as a rule', async () => {
      fixture(ws.current);
      const { status, stdout } = await runCli(['check', '--format', 'sarif'], ws.current.root);
      assert.equal(status, EXIT_PROBLEMS);
      const sarif = JSON.parse(stdout);
      assert.equal(sarif.version, '2.1.0');
      assert.match(sarif.$schema, /sarif-2\.1\.0/);
      assert.equal(sarif.runs.length, 1);
      const [runLog] = sarif.runs;
      assert.equal(runLog.tool.driver.name, 'fact-notes');
      const rules = runLog.tool.driver.rules as { id: string; shortDescription: { text: string } }[];
      assert.deepEqual(
        rules.map((r) => r.id),
        [...ALL_CODES],
      );
      for (const r of rules) assert.ok(r.shortDescription.text.length > 0, r.id);
      const results = runLog.results as {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      }[];
      assert.deepEqual(
        results.map((r) => [r.ruleId, r.level]),
        [
          ['quote-moved', 'error'],
          ['quote-mismatch', 'warning'],
          ['quote-moved', 'error'],
        ],
      );
      for (const r of results) assert.equal(rules[r.ruleIndex].id, r.ruleId);
      const first = results[0].locations[0].physicalLocation;
      assert.equal(first.artifactLocation.uri, 'notes.facts.yaml');
      assert.deepEqual([first.region.startLine, first.region.startColumn], [9, 15]);
      assert.equal(results[0].message.text, 'Change line to 2: the quote is there, not on line 1 of "a.txt". Line 1 says: "The meeting of the two ministers took place in Reykjavik."');
    });
  });

  describe('usage errors', () => {
    async function usageError(argv: string[], message: RegExp): Promise<void> {
      fixture(ws.current);
      const { status, stdout, stderr } = await runCli(argv, ws.current.root);
      assert.equal(status, EXIT_USAGE, `${argv.join(' ')}: ${stdout}${stderr}`);
      assert.equal(stdout, '');
      assert.match(stderr, /^fact-notes: [^\n]+\n$/, 'one line on stderr');
      assert.match(stderr, message);
    }

    it('exits 2 on an unknown option', () => usageError(['check', '--bogus'], /--bogus/));
    it('exits 2 on an unknown format', () => usageError(['check', '--format', 'xml'], /unknown format 'xml'/));
    it('exits 2 on --format for fix', () => usageError(['fix', '--format', 'json'], /--format/));
    it('exits 2 on a missing path', () => usageError(['check', 'nowhere.facts.yaml'], /no such file or folder: nowhere\.facts\.yaml/));
    it('exits 2 on an unknown command', () => usageError(['verify'], /unknown command 'verify'/));
    it('exits 2 on a --root that is not a folder', () => usageError(['check', '--root', 'clean.facts.yaml'], /--root/));
    it('exits 2 on a bad --severity', () => usageError(['check', '--severity', 'quote-moved=loud'], /--severity/));
    it('exits 2 on an unknown code in --severity', () => usageError(['check', '--severity', 'no-such-code=off'], /unknown code 'no-such-code'/));
    it('exits 2 on source-unused in --severity: the command line does not report it (an editor feature)', () =>
      usageError(['check', '--severity', 'source-unused=off'], /unknown code 'source-unused'/));
    it('exits 2 on a bad --tolerance', () => usageError(['check', '--tolerance', 'much'], /--tolerance/));
    it('exits 2 on lsp without --stdio', () => usageError(['lsp'], /--stdio/));

    it('exits 2 on a fact sheet that is not text', async () => {
      fixture(ws.current);
      ws.current.write('binary.facts.yaml', Buffer.from([0x66, 0x00, 0x01]));
      const { status, stderr } = await runCli(['check', 'binary.facts.yaml'], ws.current.root);
      assert.equal(status, EXIT_USAGE);
      assert.match(stderr, /^fact-notes: cannot read fact sheet binary\.facts\.yaml: [^\n]+\n$/);
    });

    it('exits 2 on a fact sheet found in a folder that cannot be read', async () => {
      fixture(ws.current);
      ws.current.symlink('gone.txt', 'dangling.facts.yaml');
      const { status, stderr } = await runCli(['check'], ws.current.root);
      assert.equal(status, EXIT_USAGE);
      assert.match(stderr, /^fact-notes: cannot read fact sheet dangling\.facts\.yaml: it does not exist\n$/);
    });

    it('prints the usage and exits 2 without a command', async () => {
      const { status, stdout, stderr } = await runCli([], ws.current.root);
      assert.equal(status, EXIT_USAGE);
      assert.match(stdout + stderr, /Usage:/);
    });
  });

  describe('--help', () => {
    for (const [argv, first] of [
      [['--help'], /^fact-notes \d+\.\d+\.\d+/],
      [['check', '--help'], /^Usage: fact-notes check /],
      [['check', '-h'], /^Usage: fact-notes check /],
      [['fix', '--help'], /^Usage: fact-notes fix /],
      [['lsp', '--help'], /^Usage: fact-notes lsp --stdio/],
    ] as [string[], RegExp][]) {
      it(`prints help for \`${argv.join(' ')}\` and exits 0`, async () => {
        const { status, stdout, stderr } = await runCli(argv, ws.current.root);
        assert.equal(status, EXIT_OK);
        assert.equal(stderr, '');
        assert.match(stdout, first);
      });
    }

    it('documents every option of check in its help', async () => {
      const { stdout } = await runCli(['check', '--help'], ws.current.root);
      for (const option of ['--format', '--root', '--tolerance', '--max-source-bytes', '--severity']) assert.ok(stdout.includes(option), option);
    });

    it('prints the version', async () => {
      const { status, stdout } = await runCli(['--version'], ws.current.root);
      assert.equal(status, EXIT_OK);
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.equal(stdout, `${pkg.version}\n`);
    });
  });

  describe('fix', () => {
    it('applies the preferred fixes, keeps the comments, leaves the ambiguous citation alone and prints what it changed', async () => {
      fixture(ws.current);
      const { status, stdout, stderr } = await runCli(['fix', 'notes.facts.yaml'], ws.current.root);
      assert.equal(stderr, '');
      const fixed = ws.current.read('notes.facts.yaml');
      assert.equal(
        fixed,
        NOTES.replace('        line: 1\n        quote: taking longer', '        line: 2\n        quote: taking longer').replace(
          'quote: the talks were "constructve,"',
          'quote: the talks were “constructive,”',
        ),
      );
      assert.deepEqual(commentsOf(fixed), commentsOf(NOTES));
      const out = stdout.split('\n');
      assert.deepEqual(out.slice(0, 3), ['notes.facts.yaml: applied 2 fixes', '  - Change line to 2', "  - Replace quote with the source's text"]);
      // Then it checks again, with check's exit status: the ambiguous citation is still an error.
      assert.match(stdout, /notes\.facts\.yaml:\d+:\d+: error quote-moved: .*lines 4 and 5/);
      assert.match(stdout, /1 error, 0 warnings in 1 sheet \(3 citations checked\)\.\n$/);
      assert.equal(status, EXIT_PROBLEMS);
    });

    it('leaves no temporary file behind and keeps the file mode', async () => {
      fixture(ws.current);
      fs.chmodSync(ws.current.path('notes.facts.yaml'), 0o640);
      const before = ws.current.list();
      await runCli(['fix'], ws.current.root);
      assert.deepEqual(ws.current.list(), before);
      assert.equal(fs.statSync(ws.current.path('notes.facts.yaml')).mode & 0o777, 0o640);
    });

    it('keeps a group-writable mode that the umask would narrow', async () => {
      fixture(ws.current);
      fs.chmodSync(ws.current.path('notes.facts.yaml'), 0o666);
      const previous = process.umask(0o022);
      try {
        await runCli(['fix', 'notes.facts.yaml'], ws.current.root);
      } finally {
        process.umask(previous);
      }
      assert.equal(fs.statSync(ws.current.path('notes.facts.yaml')).mode & 0o777, 0o666);
    });

    it('writes a symlinked sheet at its target and keeps the link', async () => {
      fixture(ws.current);
      // The link's folder is the sheet's folder: `sources` stays relative to it.
      ws.current.mkdir('shared');
      fs.renameSync(ws.current.path('notes.facts.yaml'), ws.current.path('shared/notes.yaml'));
      ws.current.symlink('shared/notes.yaml', 'notes.facts.yaml');
      const { stdout } = await runCli(['fix', 'notes.facts.yaml'], ws.current.root);
      assert.match(stdout, /^notes\.facts\.yaml: applied 2 fixes$/m);
      assert.ok(fs.lstatSync(ws.current.path('notes.facts.yaml')).isSymbolicLink());
      assert.match(ws.current.read('shared/notes.yaml'), /line: 2\n {8}quote: taking longer/);
      assert.deepEqual(ws.current.list('shared'), ['notes.yaml']);
    });

    it('does not touch a sheet with nothing to fix', async () => {
      fixture(ws.current);
      const stamp = new Date('2020-01-01T00:00:00Z');
      fs.utimesSync(ws.current.path('clean.facts.yaml'), stamp, stamp);
      const { status, stdout } = await runCli(['fix', 'clean.facts.yaml'], ws.current.root);
      assert.equal(status, EXIT_OK);
      assert.equal(stdout, 'Nothing to fix without asking.\n0 errors, 0 warnings in 1 sheet (2 citations checked).\n');
      assert.equal(ws.current.read('clean.facts.yaml'), CLEAN);
      assert.equal(fs.statSync(ws.current.path('clean.facts.yaml')).mtime.getTime(), stamp.getTime());
    });

    it('no longer reports the repaired codes when checked again', async () => {
      fixture(ws.current);
      await runCli(['fix'], ws.current.root);
      const again = await runCli(['check', '--format', 'json'], ws.current.root);
      const report = JSON.parse(again.stdout) as JsonReport;
      assert.deepEqual(
        report.diagnostics.map((d) => [d.code, d.fixes.map((f) => f.preferred)]),
        [['quote-moved', [false, false]]],
      );
    });

    it('keeps CRLF line ends', async () => {
      fixture(ws.current);
      const crlf = NOTES.replace(/\n/g, '\r\n');
      ws.current.write('notes.facts.yaml', crlf);
      await runCli(['fix', 'notes.facts.yaml'], ws.current.root);
      const fixed = ws.current.read('notes.facts.yaml');
      assert.notEqual(fixed, crlf);
      assert.equal(fixed.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
      assert.equal(fixed.split('\r\n').length, crlf.split('\r\n').length);
      assert.equal(fixed, crlf.replace('line: 1\r\n        quote: taking longer', 'line: 2\r\n        quote: taking longer').replace('"constructve,"', '“constructive,”'));
    });

    it('keeps a UTF-8 byte order mark', async () => {
      fixture(ws.current);
      ws.current.write('notes.facts.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NOTES, 'utf8')]));
      const checked = await runCli(['check', 'notes.facts.yaml'], ws.current.root);
      assert.match(checked.stdout, /^notes\.facts\.yaml:9:15: error quote-moved: /, 'the BOM does not shift columns');
      await runCli(['fix', 'notes.facts.yaml'], ws.current.root);
      const bytes = ws.current.readBytes('notes.facts.yaml');
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(bytes.subarray(3).toString('utf8').includes('        line: 2\n        quote: taking longer'), true);
      assert.equal(bytes.subarray(3).toString('utf8').charCodeAt(0), '#'.charCodeAt(0), 'a single BOM');
    });

    it('fixes every sheet under a folder and reports each', async () => {
      fixture(ws.current);
      ws.current.write('nested/more.facts.yaml', joinLines('facts:', '  - claim: C', '    cite: ../articles/b.txt:1'));
      ws.current.write('articles/b.txt', 'x\n');
      // The misspelled file is fixed because a.txt holds the quote (FORMAT.md 4.2); the name alone would not be enough.
      const also = joinLines('facts:', '  - claim: C', '    cite:', '      - file: ../articles/a.tx', '        line: 1', '        quote: took place in Reykjavik');
      ws.current.write('nested/also.facts.yaml', also);
      const named = joinLines('facts:', '  - claim: C', '    cite: ../articles/a.tx:1');
      ws.current.write('nested/named.facts.yaml', named);
      const { stdout } = await runCli(['fix', '.'], ws.current.root);
      assert.match(stdout, /^nested\/also\.facts\.yaml: applied 1 fix\n {2}- Change to "\.\.\/articles\/a\.txt"\n/m);
      assert.match(stdout, /^notes\.facts\.yaml: applied 2 fixes$/m);
      assert.ok(!stdout.includes('more.facts.yaml: applied'));
      assert.ok(!stdout.includes('named.facts.yaml: applied'), 'a name alone does not say which file was meant');
      assert.equal(ws.current.read('nested/named.facts.yaml'), named);
      assert.equal(ws.current.read('nested/also.facts.yaml'), also.replace('file: ../articles/a.tx', 'file: ../articles/a.txt'));
    });
  });

  describe('on the samples', () => {
    function copySamples(): void {
      ws.current.copyFrom(path.join(REPO_ROOT, 'samples'), 'samples');
    }

    it('checks reykjavik.facts.yaml clean', async () => {
      copySamples();
      const { status, stdout } = await runCli(['check', 'samples/reykjavik.facts.yaml'], ws.current.root);
      assert.equal(status, EXIT_OK, stdout);
      assert.match(stdout, /^0 errors, 0 warnings in 1 sheet \(\d+ citations checked\)\.\n$/);
    });

    it('shows every diagnostic code in broken.facts.yaml', async () => {
      copySamples();
      const { status, stdout } = await runCli(['check', 'samples/broken.facts.yaml', '--format', 'json', '--show-hints'], ws.current.root);
      assert.equal(status, EXIT_PROBLEMS);
      const report = JSON.parse(stdout) as JsonReport;
      const codes = new Set(report.diagnostics.map((d) => d.code));
      assert.deepEqual(
        ALL_CODES.filter((c) => !codes.has(c)),
        [],
      );
      assert.ok(report.diagnostics.every((d) => d.file === 'samples/broken.facts.yaml'));
    });

    it('does not report an article of the sources folder that no fact cites (source-unused is the editor\'s)', async () => {
      copySamples();
      ws.current.write('samples/articles/005_unused.txt', 'Nobody cites this article.\n');
      const { status, stdout } = await runCli(['check', 'samples/reykjavik.facts.yaml', '--format', 'json'], ws.current.root);
      assert.equal(status, EXIT_OK, stdout);
      assert.deepEqual((JSON.parse(stdout) as JsonReport).diagnostics, []);
      const sarif = await runCli(['check', 'samples', '--format', 'sarif'], ws.current.root);
      assert.ok(!sarif.stdout.includes('source-unused'), 'no rule nor result for source-unused');
    });

    it('leaves broken.facts.yaml alone while it is not valid YAML, and says so', async () => {
      copySamples();
      const original = ws.current.read('samples/broken.facts.yaml');
      const fixRun = await runCli(['fix', 'samples/broken.facts.yaml'], ws.current.root);
      assert.equal(fixRun.status, EXIT_PROBLEMS);
      const line = original.slice(0, original.indexOf(' Russian news agency TASS reported')).split('\n').length;
      assert.equal(fixRun.stdout.split('\n')[0], `samples/broken.facts.yaml: not fixed: it is not valid YAML (line ${line}). Fix that first.`);
      assert.equal(ws.current.read('samples/broken.facts.yaml'), original);
    });

    it('fixes a copy of broken.facts.yaml once its YAML is repaired: the fixable codes are gone, every comment stays', async () => {
      copySamples();
      // The one change by hand fix asks for: the text after the closing quote goes.
      ws.current.write('samples/broken.facts.yaml', ws.current.read('samples/broken.facts.yaml').replace(' Russian news agency TASS reported', ''));
      const original = ws.current.read('samples/broken.facts.yaml');
      const fixRun = await runCli(['fix', 'samples/broken.facts.yaml'], ws.current.root);
      assert.equal(fixRun.status, EXIT_PROBLEMS, 'errors without a fix remain');
      assert.match(fixRun.stdout, /^samples\/broken\.facts\.yaml: applied \d+ fix(es)?\n/);
      const fixed = ws.current.read('samples/broken.facts.yaml');
      assert.deepEqual(commentsOf(fixed), commentsOf(original));
      const again = JSON.parse((await runCli(['check', 'samples/broken.facts.yaml', '--format', 'json'], ws.current.root)).stdout) as JsonReport;
      assert.deepEqual(
        again.diagnostics.filter((d) => d.fixes.some((f) => f.preferred)).map((d) => `${d.code}: ${d.message}`),
        [],
      );
      const codes = new Set(again.diagnostics.map((d) => d.code));
      for (const repaired of ['line-out-of-range', 'quote-moved', 'quote-mismatch', 'source-not-found'] as const) assert.ok(!codes.has(repaired), repaired);
      assert.deepEqual(ws.current.list('samples').filter((n) => n.startsWith('.') || n.endsWith('.tmp')), [], 'no temporary file left');
    });

    it('runs as a real process: `node bin/fact-notes.js check samples` exits 1 and reports only broken.facts.yaml', () => {
      copySamples();
      const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'fact-notes.js'), 'check', 'samples'], {
        cwd: ws.current.root,
        encoding: 'utf8',
        timeout: 15000,
      });
      assert.equal(result.stderr, '');
      assert.equal(result.status, 1, result.stdout);
      const lines = result.stdout.trimEnd().split('\n');
      const diagnostics = lines.slice(0, -1);
      assert.ok(diagnostics.length >= ALL_CODES.length, result.stdout);
      for (const line of diagnostics) assert.match(line, /^samples\/broken\.facts\.yaml:\d+:\d+: (error|warning) [a-z-]+: /);
      assert.ok(!result.stdout.includes('reykjavik.facts.yaml'));
      assert.match(lines[lines.length - 1], /^\d+ errors, \d+ warnings in 2 sheets \(\d+ citations checked\)\.$/);
    });
  });
});
