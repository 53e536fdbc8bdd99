import * as assert from 'assert';
import * as vscode from 'vscode';
import { checkJson } from '../lib/cli';
import { activate, BROKEN, CLEAN, codeOf, diagnostics, fileUri, open, positionOf, revertAndCloseAll, root, waitForDiagnostics } from './helpers';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const ALL_CODES = ['yaml-syntax', 'invalid-structure', 'unknown-key', 'missing-citation', 'duplicate-id', 'source-not-found',
  'source-outside-root', 'source-unreadable', 'line-out-of-range', 'quote-moved', 'quote-mismatch', 'quote-altered', 'quote-not-found'];

describe('diagnostics on samples/', () => {
  before(activate);
  afterEach(revertAndCloseAll);

  it('reports in broken.facts.yaml exactly what `fact-notes check` reports, every code included', async () => {
    const uri = fileUri(BROKEN);
    await open(BROKEN);
    const expected = checkJson(uri.fsPath, root()).diagnostics;
    const got = await waitForDiagnostics(uri, (ds) => ds.length === expected.length, `${expected.length} diagnostics in ${BROKEN}`);
    const show = (line: number, ch: number, eline: number, ech: number, sev: number, code: string, msg: string) =>
      `${line}:${ch}-${eline}:${ech} [${sev}] ${code}: ${msg}`;
    assert.deepStrictEqual(
      got.map((d) => show(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, codeOf(d), d.message)).sort(),
      expected.map((d) => show(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, SEVERITY[d.severity], d.code, d.message)).sort(),
    );
    const codes = new Set(got.map(codeOf));
    for (const code of ALL_CODES) assert.ok(codes.has(code), `no ${code} diagnostic`);
  });

  it('reports nothing in reykjavik.facts.yaml, and updates as the user types', async () => {
    const uri = fileUri(CLEAN);
    const editor = await open(CLEAN);
    // Break a citation in the editor (unsaved): the server must notice...
    const pos = positionOf(editor.document, 'line: ', 'line: '.length);
    const lineNumber = editor.document.getText(new vscode.Range(pos, pos.translate(0, 5))).match(/^\d+/)![0];
    await editor.edit((e) => e.replace(new vscode.Range(pos, pos.translate(0, lineNumber.length)), '999'));
    const broken = await waitForDiagnostics(uri, (ds) => ds.length === 1, 'a diagnostic for line 999');
    assert.strictEqual(codeOf(broken[0]), 'line-out-of-range');
    assert.strictEqual(broken[0].range.start.line, pos.line);
    // ...and undoing the change brings the sheet back to clean: zero diagnostics, observed after a change.
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.isDirty, false);
    await waitForDiagnostics(uri, (ds) => ds.length === 0, `no diagnostics in ${CLEAN}`);
  });

  it('re-checks a sheet when its article changes in an open editor, unsaved text included', async () => {
    const sheet = fileUri(BROKEN);
    await open(BROKEN);
    const before = await waitForDiagnostics(sheet, (ds) => ds.length > 0, 'diagnostics');
    const article = await open('articles/004_03f832fef03921f4.txt', vscode.ViewColumn.Beside);
    // meeting-place cites line 2 of 004: "In Reykjavik, on the sidelines of an Arctic Council meeting".
    const start = positionOf(article.document, 'In Reykjavik, on the sidelines');
    await article.edit((e) => e.replace(new vscode.Range(start, start.translate(0, 'In Reykjavik'.length)), 'In Helsinki'));
    const after = await waitForDiagnostics(sheet, (ds) => ds.length === before.length + 1, 'a new diagnostic for the meeting-place citation');
    const added = after.filter((d) => !before.some((b) => b.range.isEqual(d.range) && codeOf(b) === codeOf(d)));
    assert.strictEqual(added.length, 1);
    // A place name changed in the article: the source says something else now (FORMAT.md 4.1).
    assert.strictEqual(codeOf(added[0]), 'quote-altered');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForDiagnostics(sheet, (ds) => ds.length === before.length, 'the meeting-place diagnostic to go away');
  });

  it('has the diagnostics in the workspace-wide list (the Problems panel\'s source)', async () => {
    await open(BROKEN);
    const uri = fileUri(BROKEN);
    await waitForDiagnostics(uri, (ds) => ds.length > 0, 'diagnostics');
    const all = vscode.languages.getDiagnostics();
    const entry = all.find(([u]) => u.toString() === uri.toString());
    assert.ok(entry, 'broken.facts.yaml is not in vscode.languages.getDiagnostics()');
    assert.strictEqual(entry[1].filter((d) => d.source === 'fact-notes').length, diagnostics(uri, true).length);
  });
});
