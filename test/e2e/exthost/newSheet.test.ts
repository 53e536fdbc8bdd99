import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activate, fileUri, removeFromWorkspace, revertAndCloseAll, waitFor } from './helpers';

const NAME = 'desk-notes.facts.yaml';

describe('Fact Notes: New Fact Sheet', () => {
  before(activate);
  after(async () => {
    await revertAndCloseAll();
    removeFromWorkspace(NAME);
  });

  it('writes a sheet with the starter text, opens it as a fact sheet and selects its title', async () => {
    await revertAndCloseAll();
    const uri = fileUri(NAME);
    const result = await vscode.commands.executeCommand<{ uri?: string; error?: string }>('factNotes.newSheet', uri);
    assert.deepStrictEqual(result, { uri: uri.toString() });
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(text, /^# A fact sheet: /);
    assert.match(text, /\ntitle: New fact sheet\n/);
    assert.match(text, /\nfacts:\n$/);
    const editor = await waitFor(() => { const e = vscode.window.activeTextEditor; return e?.document.uri.toString() === uri.toString() && e; }, { what: 'the new sheet in the active editor' });
    assert.strictEqual(editor.document.languageId, 'fact-sheet');
    assert.strictEqual(editor.document.getText(editor.selection), 'New fact sheet');
  });

  it('never overwrites: a sheet of that name already there is left as it is', async () => {
    const uri = fileUri(NAME);
    fs.writeFileSync(uri.fsPath, 'title: Mine\nfacts:\n');
    const result = await vscode.commands.executeCommand<{ uri?: string; error?: string }>('factNotes.newSheet', uri);
    assert.deepStrictEqual(result, { error: `${NAME} already exists.` });
    assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), 'title: Mine\nfacts:\n');
  });
});
