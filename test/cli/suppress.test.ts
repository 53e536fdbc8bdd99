/** `fact-notes check --show-ignored`: what suppression comments silenced, and that it never fails a check. */
import * as assert from 'node:assert/strict';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../helpers/core';
import { runCli } from '../helpers/cli';
import { joinLines } from '../helpers/text';
import { useTempWorkspace, type TempWorkspace } from '../helpers/workspace';

const ARTICLE = joinLines('The meeting took place in Reykjavik.', 'The talks lasted two hours.');

/** One error only (quote-moved), silenced with a reason. */
const SILENCED = joinLines(
  'facts:',
  '  # fact-notes-ignore quote-moved -- the article was rewritten; line 1 is meant',
  '  - claim: Two hours.',
  '    cite:',
  '      - file: a.txt',
  '        line: 1',
  '        quote: The talks lasted two hours.',
);

/** The same error, with a comment that has no reason: nothing is silenced. */
const UNREASONED = SILENCED.replace(' -- the article was rewritten; line 1 is meant', '');

function fixture(ws: TempWorkspace, sheet = SILENCED): void {
  ws.files({ 'a.txt': ARTICLE, 'notes.facts.yaml': sheet });
}

describe('fact-notes check --show-ignored', () => {
  const ws = useTempWorkspace();

  it('exits 0 for a sheet whose only error is silenced, and says nothing of it without the option', async () => {
    fixture(ws.current);
    const { status, stdout } = await runCli(['check'], ws.current.root);
    assert.equal(status, EXIT_OK);
    assert.equal(stdout, '0 errors, 0 warnings in 1 sheet (1 citation checked).\n');
  });

  it('lists each silenced diagnostic after the others in the text format, with its reason and the comment line', async () => {
    fixture(ws.current, SILENCED.replace('  - claim: Two hours.', '  - claim: Two hours.\n    colour: red'));
    const { status, stdout } = await runCli(['check', '--show-ignored'], ws.current.root);
    assert.equal(status, EXIT_OK, 'a warning and an ignored error: no error');
    assert.equal(
      stdout,
      [
        'notes.facts.yaml:4:5: warning unknown-key: "colour" is not a key of a fact; the keys are "id", "claim", "tags", "note" and "cite".',
        'notes.facts.yaml:7:15: ignored quote-moved: Change line to 2: the quote is there, not on line 1 of "a.txt". Line 1 says: "The meeting took place in Reykjavik." (reason: the article was rewritten; line 1 is meant, line 2)',
        '0 errors, 1 warning, 1 ignored in 1 sheet (1 citation checked).',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 when the comment has no reason, and reports the comment', async () => {
    fixture(ws.current, UNREASONED);
    const { status, stdout } = await runCli(['check', '--show-ignored'], ws.current.root);
    assert.equal(status, EXIT_PROBLEMS);
    assert.match(stdout, /^notes\.facts\.yaml:2:3: warning invalid-suppression: Say why after "--": a fact-notes-ignore comment without a reason silences nothing\.\n/m);
    assert.match(stdout, /^notes\.facts\.yaml:6:15: error quote-moved: /m);
    assert.match(stdout, /1 error, 1 warning, 0 ignored in 1 sheet/);
  });

  it('adds "ignored" to the JSON with --show-ignored only: the diagnostic, its reason and the comment line', async () => {
    fixture(ws.current);
    const plain = JSON.parse((await runCli(['check', '--format', 'json'], ws.current.root)).stdout);
    assert.deepEqual(plain.diagnostics, []);
    assert.equal('ignored' in plain, false);
    const { status, stdout } = await runCli(['check', '--format', 'json', '--show-ignored'], ws.current.root);
    assert.equal(status, EXIT_OK);
    const json = JSON.parse(stdout);
    assert.deepEqual(json.diagnostics, []);
    assert.equal(json.ignored.length, 1);
    const [i] = json.ignored;
    assert.deepEqual(
      { file: i.file, range: i.range, severity: i.severity, code: i.code, reason: i.reason, commentLine: i.commentLine, fixes: i.fixes.map((f: { title: string }) => f.title) },
      {
        file: 'notes.facts.yaml',
        range: { start: { line: 5, character: 14 }, end: { line: 5, character: 15 } },
        severity: 'error',
        code: 'quote-moved',
        reason: 'the article was rewritten; line 1 is meant',
        commentLine: 2,
        fixes: ['Change line to 2'],
      },
    );
    assert.match(i.message, /^Change line to 2/);
  });

  it('gives SARIF suppressed results (kind inSource, the reason as justification) with --show-ignored', async () => {
    fixture(ws.current);
    const plain = JSON.parse((await runCli(['check', '--format', 'sarif'], ws.current.root)).stdout);
    assert.deepEqual(plain.runs[0].results, []);
    const sarif = JSON.parse((await runCli(['check', '--format', 'sarif', '--show-ignored'], ws.current.root)).stdout);
    const [result] = sarif.runs[0].results;
    assert.equal(result.ruleId, 'quote-moved');
    assert.deepEqual(result.suppressions, [
      {
        kind: 'inSource',
        justification: 'the article was rewritten; line 1 is meant',
        location: { physicalLocation: { artifactLocation: { uri: 'notes.facts.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } } },
      },
    ]);
  });

  it('keeps what was silenced through the cache and on several threads', async () => {
    fixture(ws.current);
    ws.current.write('b.facts.yaml', SILENCED);
    const expected = (await runCli(['check', '--show-ignored'], ws.current.root)).stdout;
    assert.match(expected, /2 ignored in 2 sheets/);
    for (const args of [['--cache'], ['--cache'], ['--jobs', '2']]) {
      const { status, stdout } = await runCli(['check', '--show-ignored', ...args], ws.current.root);
      assert.equal(status, EXIT_OK, args.join(' '));
      assert.equal(stdout, expected, args.join(' '));
    }
  });

  it("is an option of check only, and check's help says what it does", async () => {
    fixture(ws.current);
    const fix = await runCli(['fix', '--show-ignored'], ws.current.root);
    assert.equal(fix.status, EXIT_USAGE);
    assert.match(fix.stderr, /'--show-ignored' is an option of 'check' only/);
    const { stdout } = await runCli(['check', '--help'], ws.current.root);
    assert.match(stdout, /--show-ignored {9}also list what "# fact-notes-ignore CODE -- REASON"/);
  });
});
