/**
 * Issue 17: what the command line says when it is pointed at the wrong
 * place or given a mistyped option: PATHs with no fact sheet, a file that is
 * not one, unknown options (with "did you mean"), missing or wrong values.
 * Each is one line on stderr and exit status 2, with nothing else done.
 */
import * as assert from 'node:assert/strict';
import { EXIT_OK, EXIT_USAGE } from '../helpers/core';
import { runCli } from '../helpers/cli';
import { joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

const SHEET = joinLines('sources: ../articles', 'facts:', '  - claim: They met in Reykjavik.', '    cite:', '      - file: a.txt', '        line: 1', '        quote: took place in Reykjavik');

describe('CLI: usage errors (issue 17)', () => {
  const ws = useTempWorkspace('fact-notes-usage-');

  function fixture(): void {
    ws.current.files({
      'articles/a.txt': 'The meeting took place in Reykjavik.\n',
      'desk/notes.facts.yaml': SHEET,
      'empty/README.md': 'Nothing to check here.\n',
    });
  }

  /** Runs the command and asserts exit status 2, nothing on stdout and exactly `message` on stderr. */
  async function refused(argv: string[], message: string, cwd = ws.current.root): Promise<void> {
    const r = await runCli(argv, cwd);
    assert.deepEqual(r, { status: EXIT_USAGE, stdout: '', stderr: `fact-notes: ${message}\n` }, argv.join(' '));
  }

  describe('PATHs that hold no fact sheet', () => {
    for (const command of ['check', 'fix', 'report']) {
      it(`${command}: a folder with no sheet in it exits 2 and names the folder`, async () => {
        fixture();
        await refused([command, 'articles'], 'no fact sheets (*.facts.yaml, *.facts.yml) found in articles');
        assert.ok(!ws.current.list().includes('fact-notes-report.html'), 'no report written');
      });
    }

    it('names every PATH given, and the current folder when none is', async () => {
      fixture();
      await refused(['check', 'articles', 'empty'], 'no fact sheets (*.facts.yaml, *.facts.yml) found in articles or empty');
      await refused(['check'], 'no fact sheets (*.facts.yaml, *.facts.yml) found in the current folder', ws.current.path('empty'));
      await refused(['check', '--format', 'json'], 'no fact sheets (*.facts.yaml, *.facts.yml) found in the current folder', ws.current.path('articles'));
    });

    it('counts no sheet in a dot-folder or node_modules, which are never searched', async () => {
      ws.current.files({ 'articles/a.txt': 'x\n', 'node_modules/pkg/x.facts.yaml': SHEET, '.git/y.facts.yaml': SHEET });
      await refused(['check', '.'], 'no fact sheets (*.facts.yaml, *.facts.yml) found in the current folder');
    });

    it('is not said of a PATH that holds a sheet beside one that does not', async () => {
      fixture();
      const r = await runCli(['check', 'desk', 'empty'], ws.current.root);
      assert.equal(r.status, EXIT_OK, r.stderr);
      assert.equal(r.stdout, '0 errors, 0 warnings in 1 sheet (1 citation checked).\n');
    });

    it('is not said of a shard that gets no sheet: a share of a run may be empty (exit 0)', async () => {
      fixture();
      const r = await runCli(['check', '--shard', '2/2', '--format', 'json'], ws.current.root);
      assert.equal(r.status, EXIT_OK, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), { version: 1, sheets: 0, citations: 0, diagnostics: [] });
    });
  });

  describe('a file that is not a fact sheet', () => {
    for (const command of ['check', 'fix', 'report']) {
      it(`${command}: an article named as a PATH exits 2, names it and reads nothing as a sheet`, async () => {
        fixture();
        await refused([command, 'articles/a.txt'], "articles/a.txt is not a fact sheet: a sheet's name ends in .facts.yaml or .facts.yml");
        assert.equal(ws.current.read('articles/a.txt'), 'The meeting took place in Reykjavik.\n', 'the article untouched');
      });
    }

    it('is refused beside sheets too', async () => {
      fixture();
      await refused(['check', 'desk', 'articles/a.txt'], "articles/a.txt is not a fact sheet: a sheet's name ends in .facts.yaml or .facts.yml");
    });
  });

  describe('unknown options', () => {
    const cases: [string[], string][] = [
      [['check', '--fromat', 'json'], 'unknown option --fromat; did you mean --format?'],
      [['check', '--fromat=json'], 'unknown option --fromat; did you mean --format?'],
      [['check', '--colour'], 'unknown option --colour; did you mean --color?'],
      [['check', '--bogus'], "unknown option --bogus; see 'fact-notes check --help'"],
      [['check', '-x'], "unknown option -x; see 'fact-notes check --help'"],
      // Only the command's own options are suggested: fix has no --format.
      [['fix', '--fromat', 'json'], "unknown option --fromat; see 'fact-notes fix --help'"],
      [['report', '--ouput', 'x.html'], 'unknown option --ouput; did you mean --output?'],
      [['mv', 'a', 'b', '--dryrun'], 'unknown option --dryrun; did you mean --dry-run?'],
      [['snapshot', 'page.html', '--nmae', 'x'], 'unknown option --nmae; did you mean --name?'],
      [['merge', '--hepl'], 'unknown option --hepl; did you mean --help?'],
      [['lsp', '--stdoi'], 'unknown option --stdoi; did you mean --stdio?'],
      [['chekc'], "unknown command 'chekc'; did you mean check? (check, fix, mv, snapshot, report, merge or lsp)"],
    ];
    for (const [argv, message] of cases) {
      it(`${argv.join(' ')}: ${message}`, async () => {
        fixture();
        await refused(argv, message);
      });
    }
  });

  describe('missing and wrong values', () => {
    const cases: [string[], string][] = [
      [['check', '--format'], '--format needs a value: --format text|json|sarif'],
      [['check', '--root', '--format', 'json'], '--root needs a value: --root DIR'],
      [['check', '--cache=yes'], "--cache takes no value (not 'yes')"],
      [['check', '--format', 'jsno'], "unknown format 'jsno'; did you mean json? (text, json or sarif)"],
      [['check', '--format', 'xml'], "unknown format 'xml' (text, json or sarif)"],
      [['check', '--severity', 'quote-moevd=off'], "--severity: unknown code 'quote-moevd'; did you mean quote-moved?"],
      [['check', '--severity', 'quote-moved=warn'], "--severity: level must be off, hint, information, warning or error, not 'warn'; did you mean warning?"],
      [['check', '--severity', 'quote-moved'], "--severity takes CODE=LEVEL, like quote-mismatch=error, not 'quote-moved'"],
      [['check', '--color', '--no-color'], 'give --color or --no-color, not both'],
      [['fix', '--jobs', '2'], "'--jobs' is an option of 'check' only"],
      [['report', '--no-color'], "'--no-color' is not an option of 'report'"],
      [['lsp', '--stdio', 'extra'], "'lsp' needs --stdio (the only transport it offers), and nothing else"],
    ];
    for (const [argv, message] of cases) {
      it(`${argv.join(' ')}: ${message}`, async () => {
        fixture();
        await refused(argv, message);
      });
    }
  });
});
