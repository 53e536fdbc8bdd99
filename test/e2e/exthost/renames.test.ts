import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activate, fileUri, open, positionOf, revertAndCloseAll, root, waitFor, waitForDiagnostics } from './helpers';

/** A sheet and an article of its own, so that renaming them leaves the samples the other tests use alone. */
const SHEET = 'renames.facts.yaml';
const ARTICLE = 'articles/renames-source.txt';
const SHEET_TEXT = ['sources: articles', 'facts:', '  - claim: The talks lasted longer than planned.', '    cite:', '      - file: renames-source.txt', '        line: 6', '        quote: lasted one hour and 45 minutes', ''].join('\n');

describe('renames', () => {
  before(activate);
  beforeEach(() => {
    fs.copyFileSync(path.join(root(), 'articles', '004_03f832fef03921f4.txt'), path.join(root(), ARTICLE));
    fs.writeFileSync(path.join(root(), SHEET), SHEET_TEXT);
  });
  afterEach(async () => {
    await revertAndCloseAll();
    await vscode.workspace.getConfiguration('factNotes').update('updateCitationsOnFileMove', undefined, vscode.ConfigurationTarget.Global);
    for (const rel of [SHEET, ARTICLE, 'articles/renamed-by-f2.txt', 'articles/moved-by-edit.txt']) fs.rmSync(path.join(root(), rel), { force: true });
  });

  it('F2 on a file value renames the article and its citations in one edit, asking nothing', async () => {
    const editor = await open(SHEET);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'the sheet checked clean');
    const at = positionOf(editor.document, 'renames-source.txt', 3);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, at, 'renamed-by-f2.txt');
    assert.ok(edit, 'a rename edit');
    // A question (our own, for a move) would wait for an answer here and time the test out.
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => fs.existsSync(path.join(root(), 'articles', 'renamed-by-f2.txt')) && !fs.existsSync(path.join(root(), ARTICLE)), { what: 'the article renamed on disk' });
    assert.ok(editor.document.getText().includes('- file: renamed-by-f2.txt'), editor.document.getText());
    await editor.document.save();
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'the sheet still clean after the rename');
    // The citations were in the rename's own edit: no second update came after it.
    await new Promise((r) => setTimeout(r, 500));
    assert.strictEqual(fs.readFileSync(fileUri(SHEET).fsPath, 'utf8'), SHEET_TEXT.replace('renames-source.txt', 'renamed-by-f2.txt'));
  });

  it('a file moved by any edit updates its citations without asking, with factNotes.updateCitationsOnFileMove "always"', async () => {
    await vscode.workspace.getConfiguration('factNotes').update('updateCitationsOnFileMove', 'always', vscode.ConfigurationTarget.Global);
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(fileUri(ARTICLE), fileUri('articles/moved-by-edit.txt'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => fs.readFileSync(fileUri(SHEET).fsPath, 'utf8').includes('- file: moved-by-edit.txt'), { what: 'the sheet updated and saved' });
    assert.strictEqual(fs.readFileSync(fileUri(SHEET).fsPath, 'utf8'), SHEET_TEXT.replace('renames-source.txt', 'moved-by-edit.txt'));
  });

  it('leaves the citations as they are with "never"', async () => {
    await vscode.workspace.getConfiguration('factNotes').update('updateCitationsOnFileMove', 'never', vscode.ConfigurationTarget.Global);
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(fileUri(ARTICLE), fileUri('articles/moved-by-edit.txt'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const sheet = (await open(SHEET)).document.uri;
    await waitForDiagnostics(sheet, (ds) => ds.some((d) => d.message.includes('There is no file "renames-source.txt"')), 'the citation broken, as asked');
    assert.strictEqual(fs.readFileSync(fileUri(SHEET).fsPath, 'utf8'), SHEET_TEXT);
  });
});
