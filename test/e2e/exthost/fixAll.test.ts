import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { fixCli } from '../lib/cli';
import { activate, BROKEN, codeOf, copyInWorkspace, fileUri, open, removeFromWorkspace, revertAndCloseAll, root, waitFor, waitForDiagnostics } from './helpers';

const COPY = 'fix-all-copy.facts.yaml';
/** What makes broken.facts.yaml invalid YAML (text after a closing quote); fix leaves such a sheet alone. */
const YAML_ERROR = ' Russian news agency TASS reported';

/** broken.facts.yaml with its YAML repaired, at `to` in `dir`. */
function repaired(dir: string, to: string): void {
  fs.writeFileSync(path.join(dir, to), fs.readFileSync(path.join(dir, BROKEN), 'utf8').replace(YAML_ERROR, ''));
}

/** What `fact-notes fix` makes of broken.facts.yaml (run on a separate copy of the workspace). */
function cliFixed(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fact-notes-e2e-fix-'));
  try {
    fs.cpSync(root(), dir, { recursive: true });
    repaired(dir, BROKEN);
    const r = fixCli([BROKEN], dir);
    assert.ok(r.status === 0 || r.status === 1, `fact-notes fix failed: ${r.stderr}`);
    return fs.readFileSync(path.join(dir, BROKEN), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A copy of broken.facts.yaml with its YAML repaired, open, once the editor has its text and the
 * server its diagnostics (a copy of the same name from an earlier test may linger).
 */
async function openRepairedCopy(): Promise<{ uri: vscode.Uri; editor: vscode.TextEditor; before: vscode.Diagnostic[] }> {
  repaired(root(), COPY);
  const uri = fileUri(COPY);
  const editor = await open(uri);
  const text = fs.readFileSync(path.join(root(), COPY), 'utf8');
  await waitFor(() => editor.document.getText() === text, { what: 'the repaired copy in the editor' });
  const before = await waitForDiagnostics(uri, (x) => x.length > 0 && !x.some((d) => codeOf(d) === 'yaml-syntax'), 'diagnostics of the repaired copy');
  return { uri, editor, before };
}

describe('fix all', () => {
  before(activate);
  afterEach(async () => {
    await revertAndCloseAll();
    removeFromWorkspace(COPY);
  });

  it('offers no source.fixAll.factNotes for a sheet that is not valid YAML', async () => {
    const uri = copyInWorkspace(BROKEN, COPY);
    const editor = await open(uri);
    await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'yaml-syntax'), 'a yaml-syntax diagnostic');
    const range = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, 'source.fixAll.factNotes');
    assert.deepStrictEqual((actions ?? []).filter((a) => a.kind?.value === 'source.fixAll.factNotes'), []);
  });

  it('offers source.fixAll.factNotes with every preferred fix', async () => {
    const { uri, editor } = await openRepairedCopy();
    const range = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, 'source.fixAll.factNotes');
    const fixAll = (actions ?? []).find((a) => a.kind?.value === 'source.fixAll.factNotes');
    assert.ok(fixAll?.edit, `no source.fixAll.factNotes action; got ${(actions ?? []).map((a) => `${a.title} (${a.kind?.value})`).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.strictEqual(editor.document.getText(), cliFixed(), 'the editor fix-all result differs from `fact-notes fix`');
  });

  it('"Fact Notes: Fix All Citations in Sheet" fixes what is certain and leaves the rest', async () => {
    const { uri, editor, before } = await openRepairedCopy();
    await vscode.commands.executeCommand('factNotes.fixAll');
    await waitFor(() => editor.document.getText() === cliFixed(), { what: 'the sheet to equal what `fact-notes fix` writes' });
    // Left: the problems with no preferred fix (no fix, or no single sure one).
    const after = await waitForDiagnostics(uri, (x) => x.length < before.length, 'fewer diagnostics');
    for (const code of ['line-out-of-range', 'quote-moved', 'quote-mismatch', 'source-not-found']) {
      assert.ok(!after.some((d) => codeOf(d) === code), `${code} is still reported after fix all`);
    }
    for (const code of ['missing-citation', 'duplicate-id', 'source-outside-root']) {
      assert.ok(after.some((d) => codeOf(d) === code), `${code} (no fix) disappeared`);
    }
    assert.ok(editor.document.isDirty, 'fix all edits the document; saving is the user\'s choice');
  });
});
