import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activate, CLEAN, fileUri, open, revertAndCloseAll, root, waitFor } from './helpers';

/** The open webview tabs of Fact Notes' report, with their labels. */
function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('factNotes.report'));
}

describe('Fact Notes: Open Report', () => {
  before(activate);
  after(revertAndCloseAll);

  it('opens the report of the active sheet in a webview beside it, titled with the sheet title', async () => {
    await revertAndCloseAll();
    const editor = await open(CLEAN);
    const result = await vscode.commands.executeCommand<{ title?: string; error?: string }>('factNotes.openReport');
    assert.deepStrictEqual(result, { title: 'Blinken and Lavrov meet in Reykjavik (May 2021)', error: undefined });
    // The tab takes the panel's title a moment after it is set.
    const tabs = await waitFor(() => { const t = reportTabs(); return t.length === 1 && t[0].label === 'Report: Blinken and Lavrov meet in Reykjavik (May 2021)' && t; },
      { what: 'a report webview tab titled with the sheet title' });
    // Beside the sheet: another group than the sheet's.
    assert.notStrictEqual(tabs[0].group.viewColumn, editor.viewColumn);
    // Asking again shows the same panel.
    await vscode.commands.executeCommand('factNotes.openReport', fileUri(CLEAN));
    assert.strictEqual(reportTabs().length, 1);
  });

  it('is made again when the sheet is saved (its new title)', async () => {
    const copy = 'report-copy.facts.yaml';
    fs.writeFileSync(path.join(root(), copy), fs.readFileSync(path.join(root(), CLEAN), 'utf8'));
    const editor = await open(copy);
    await vscode.commands.executeCommand('factNotes.openReport');
    await waitFor(() => reportTabs().some((t) => t.label === 'Report: Blinken and Lavrov meet in Reykjavik (May 2021)' && t.group.viewColumn !== editor.viewColumn), { what: 'the report of the copy' });
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('title:'));
    await editor.edit((e) => e.replace(editor.document.lineAt(line).range, 'title: A retitled sheet'));
    await editor.document.save();
    await waitFor(() => reportTabs().some((t) => t.label === 'Report: A retitled sheet'), { what: 'the report titled anew after the save' });
    fs.rmSync(path.join(root(), copy), { force: true });
  });

  it('says so, and opens nothing, when the active editor is not a fact sheet', async () => {
    await revertAndCloseAll();
    await open('articles/000_f973f57cc2c34c65.txt');
    const result = await vscode.commands.executeCommand<{ error?: string }>('factNotes.openReport');
    assert.strictEqual(result.error, 'no fact sheet');
    assert.strictEqual(reportTabs().length, 0);
  });
});
