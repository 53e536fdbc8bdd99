/**
 * Quick fixes and "fix all" on broken.facts.yaml, with exact edits, applied
 * back to the document as an editor would.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeActionKind, CodeActionRequest, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import { copySamples, lineText, LspClient, rangeIn, removeFolder, REPO_ROOT, type OpenDocument } from './client';
import { BROKEN_INDEX, brokenDiagnostics, shape } from './expected';

const FIX_ALL = 'source.fixAll.factNotes';
const IGNORE = /^Ignore [a-z-]+ here…$/;
/** What makes broken.facts.yaml invalid YAML: text after a closing quote. Without it, the quote is fine. */
const YAML_ERROR = ' Russian news agency TASS reported';

describe('Protocol: code actions', function () {
  let root: string;
  let client: LspClient;
  let doc: OpenDocument;
  let diagnostics: Diagnostic[];

  const find = (code: string, nth = 0) => diagnostics.filter((d) => d.code === code)[nth];
  const allActionsFor = (ds: Diagnostic[], only?: string[]) =>
    client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri },
      range: ds[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: ds, only },
    }) as Promise<CodeAction[]>;
  /** The repairs: without "Ignore CODE here…", which every diagnostic in a fact has (see test/protocol/suppress.test.ts). */
  const actionsFor = async (ds: Diagnostic[], only?: string[]) => (await allActionsFor(ds, only)).filter((a) => !IGNORE.test(a.title));
  const quickFix = (title: string, d: Diagnostic, edits: TextEdit[], isPreferred: boolean): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred,
    edit: { changes: { [doc.uri]: edits } },
  });

  before(async () => {
    root = copySamples();
    client = await LspClient.start({ root });
    doc = await client.openFile('broken.facts.yaml');
    diagnostics = (await client.waitForVersion(doc)).diagnostics;
    assert.deepEqual(diagnostics.map(shape), brokenDiagnostics(doc.text));
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
    removeFolder(root);
  });

  it('Should offer "Change line to 6" for quote-moved, preferred', async () => {
    const d = find('quote-moved');
    assert.deepEqual(await actionsFor([d]), [quickFix('Change line to 6', d, [{ range: d.range, newText: '6' }], true)]);
  });

  it('Should find a diagnostic by the data it was published with, and by its code and range without it', async () => {
    const d = find('quote-moved');
    const data = d.data as { check: number; index: number };
    assert.equal(typeof data.check, 'number');
    // The index among every diagnostic published, the single-source hints LspClient leaves out included.
    const whole = client.publishedWhole(doc.uri)!.diagnostics;
    assert.equal(whole.findIndex((w) => w.code === d.code && JSON.stringify(w.range) === JSON.stringify(d.range)), data.index, 'the index of the diagnostic in the check');
    const want = [quickFix('Change line to 6', d, [{ range: d.range, newText: '6' }], true)];
    // Data from a check the server does not have now (another session's, or long gone): found by code and range.
    const stale = { ...d, data: { check: -1, index: 0 } };
    assert.deepEqual(await actionsFor([stale]), [{ ...want[0], diagnostics: [stale] }]);
    const bare = { ...d };
    delete bare.data;
    assert.deepEqual(await actionsFor([bare]), [{ ...want[0], diagnostics: [bare] }]);
    // Data pointing at a diagnostic of another code is not taken for it.
    const wrong = { ...d, data: { ...data, index: diagnostics.indexOf(find('line-out-of-range')) } };
    assert.deepEqual(await actionsFor([wrong]), [{ ...want[0], diagnostics: [wrong] }]);
  });

  it('Should offer "Change line to 3" for line-out-of-range, preferred', async () => {
    const d = find('line-out-of-range');
    assert.deepEqual(await actionsFor([d]), [quickFix('Change line to 3', d, [{ range: d.range, newText: '3' }], true)]);
  });

  it('Should offer the file that holds the quote for source-not-found, preferred', async () => {
    const d = find('source-not-found');
    assert.deepEqual(await actionsFor([d]), [quickFix('Change to "004_03f832fef03921f4.txt"', d, [{ range: d.range, newText: '004_03f832fef03921f4.txt' }], true)]);
  });

  it('Should offer the close known key, then removing the key, for unknown-key', async () => {
    const d = find('unknown-key', 0);
    const line = d.range.start.line;
    assert.equal(lineText(doc.text, line).trim().split(':')[0], 'qoute');
    assert.deepEqual(await actionsFor([d]), [
      quickFix('Change to "quote"', d, [{ range: d.range, newText: 'quote' }], true),
      quickFix('Remove the key "qoute"', d, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }], false),
    ]);
    const other = find('unknown-key', 1);
    const otherLine = other.range.start.line;
    assert.deepEqual(await actionsFor([other]), [
      quickFix('Remove the key "confidence"', other, [{ range: { start: { line: otherLine, character: 0 }, end: { line: otherLine + 1, character: 0 } }, newText: '' }], false),
    ]);
  });

  it("Should offer the source's text for quote-mismatch (preferred) and quote-altered (not preferred), and re-anchoring for a quote found elsewhere (not preferred)", async () => {
    const mismatch = find('quote-mismatch');
    assert.deepEqual(await actionsFor([mismatch]), [
      quickFix(
        "Replace quote with the source's text",
        mismatch,
        [{ range: mismatch.range, newText: 'Lavrov, for his part, found the talks constructive and said both sides understood the need to improve relations' }],
        true,
      ),
    ]);
    const altered = find('quote-altered');
    assert.deepEqual(await actionsFor([altered]), [
      quickFix("Replace quote with the source's text", altered, [{ range: altered.range, newText: 'The meeting lasted about two hours.' }], false),
    ]);
    const navalny = find('quote-not-found', 1);
    const article = fs.readFileSync(path.join(root, 'articles', '000_f973f57cc2c34c65.txt'), 'utf8').split('\n');
    assert.deepEqual(await actionsFor([navalny]), [
      quickFix(
        'Re-anchor to line 3',
        navalny,
        [
          { range: rangeIn(doc.text, 'line: 9\n        # quote-not-found', '9'), newText: '3' },
          { range: navalny.range, newText: article[2] },
        ],
        false,
      ),
    ]);
    assert.deepEqual(await actionsFor([find('quote-not-found', 0)]), [], 'nothing close enough: no fix');
  });

  it('Should offer nothing for a diagnostic the server did not publish', async () => {
    const d = find('quote-moved');
    assert.deepEqual(await actionsFor([{ ...d, range: { start: d.range.start, end: { ...d.range.end, character: d.range.end.character + 1 } } }]), []);
    assert.deepEqual(await actionsFor([{ ...d, source: 'another-linter' }]), []);
  });

  it('Should offer no fix-all for a sheet that is not valid YAML, only its quick fixes, until the YAML is repaired', async () => {
    assert.ok(diagnostics.some((d) => d.code === 'yaml-syntax'));
    assert.deepEqual(await actionsFor([], [FIX_ALL]), [], 'what does not parse is left alone');
    assert.equal((await actionsFor(diagnostics)).length, 10, 'the quick fixes stay (source-changed\'s among them)');
    await client.replace(doc, YAML_ERROR, '');
    const published = await client.waitForVersion(doc);
    assert.deepEqual(published.diagnostics.map(shape), brokenDiagnostics(doc.text, (code) => code === 'yaml-syntax'));
    diagnostics = published.diagnostics;
  });

  it('Should offer fix-all only when source actions are asked for', async () => {
    const plain = await actionsFor(diagnostics);
    assert.ok(plain.every((a) => a.kind === CodeActionKind.QuickFix), 'no source action without `only`');
    assert.equal(plain.length, 10);
    for (const only of [[FIX_ALL], ['source'], ['source.fixAll']]) {
      const actions = await actionsFor([], only);
      assert.deepEqual(
        actions.map((a) => [a.title, a.kind]),
        [['Fix all citations in this sheet', FIX_ALL]],
        `only ${only.join()}`,
      );
    }
    assert.deepEqual(await actionsFor(diagnostics, [CodeActionKind.QuickFix]), plain);
    // Every diagnostic in a fact but yaml-syntax can be ignored (and invalid-suppression, a comment's); the ignoring is never preferred.
    const ignoring = (await allActionsFor(diagnostics)).filter((a) => IGNORE.test(a.title));
    assert.deepEqual(
      ignoring.map((a) => a.diagnostics?.[0].code),
      diagnostics.filter((d) => d.code !== 'yaml-syntax' && d.code !== 'invalid-suppression').map((d) => d.code),
    );
    assert.ok(ignoring.every((a) => a.isPreferred === false && a.kind === CodeActionKind.QuickFix));
  });

  it('Should fix every preferred fix at once, like `fact-notes fix`, and the fixed diagnostics go away', async () => {
    const [fixAll] = await actionsFor([], [FIX_ALL]);
    const edits = fixAll.edit!.changes![doc.uri];
    assert.equal(edits.length, 5, 'line, line, quote, file, key');
    await client.edit(doc, edits);
    const published = await client.waitForVersion(doc);
    const fixed: number[] = [
      BROKEN_INDEX.lineOutOfRange,
      BROKEN_INDEX.quoteMoved,
      BROKEN_INDEX.quoteMismatch,
      BROKEN_INDEX.sourceNotFound,
      BROKEN_INDEX.unknownKeyQoute,
    ];
    assert.deepEqual(
      published.diagnostics.map(shape),
      brokenDiagnostics(doc.text, (code, i) => fixed.includes(i) || code === 'yaml-syntax'),
    );

    // The command line's `fix` writes the same text.
    const copy = copySamples();
    const copied = path.join(copy, 'broken.facts.yaml');
    fs.writeFileSync(copied, fs.readFileSync(copied, 'utf8').replace(YAML_ERROR, ''));
    try {
      execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'fact-notes.js'), 'fix', '--root', copy, path.join(copy, 'broken.facts.yaml')], { cwd: copy, stdio: 'pipe' });
    } catch (e) {
      assert.equal((e as { status: number }).status, 1, 'errors remain, so `fix` exits with 1');
    } finally {
      const fixedOnDisk = fs.readFileSync(path.join(copy, 'broken.facts.yaml'), 'utf8');
      removeFolder(copy);
      assert.equal(doc.text, fixedOnDisk);
    }

    const again = await actionsFor([], [FIX_ALL]);
    assert.deepEqual(again, [], 'nothing left to fix');
  });
});
