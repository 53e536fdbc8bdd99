import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, BROKEN, EXTENSION_ID, open, revertAndCloseAll, root } from './helpers';

describe('activation', () => {
  afterEach(revertAndCloseAll);

  it('runs in a real VS Code extension host on a copy of samples/', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.strictEqual(vscode.workspace.workspaceFolders?.[0].name, 'samples');
    assert.ok(root());
  });

  it('activates, since the workspace holds fact sheets', async () => {
    const ext = await activate();
    assert.strictEqual(ext.id, EXTENSION_ID);
    assert.ok(ext.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['factNotes.restartServer', 'factNotes.fixAll', 'factNotes.citeSelection']) {
      assert.ok(commands.includes(c), `command ${c} is not registered`);
    }
  });

  it('gives *.facts.yaml files the fact-sheet language', async () => {
    const editor = await open(BROKEN);
    assert.strictEqual(editor.document.languageId, 'fact-sheet');
  });
});
