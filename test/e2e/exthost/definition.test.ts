import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activate, BROKEN, open, positionOf, revertAndCloseAll, root, waitFor } from './helpers';

type Target = { uri: vscode.Uri; range: vscode.Range };

async function definitionAt(uri: vscode.Uri, pos: vscode.Position): Promise<Target> {
  const defs = await waitFor(async () => {
    const r = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, pos);
    return r && r.length > 0 && r;
  }, { what: 'a definition' });
  assert.strictEqual(defs.length, 1, 'one definition');
  const d = defs[0];
  return 'targetUri' in d ? { uri: d.targetUri, range: d.targetSelectionRange ?? d.targetRange } : { uri: d.uri, range: d.range };
}

function articleLine(name: string, line: number): string {
  return fs.readFileSync(path.join(root(), 'articles', name), 'utf8').split(/\r\n|\r|\n/)[line - 1];
}

describe('go to definition', () => {
  before(activate);
  afterEach(revertAndCloseAll);

  it('goes from a citation to the quoted words in the article', async () => {
    const editor = await open(BROKEN);
    const quote = 'In Reykjavik, on the sidelines of an Arctic Council meeting';
    const t = await definitionAt(editor.document.uri, positionOf(editor.document, `quote: ${quote}`, 'quote: '.length + 5));
    assert.strictEqual(path.relative(root(), t.uri.fsPath), path.join('articles', '004_03f832fef03921f4.txt'));
    const start = articleLine('004_03f832fef03921f4.txt', 2).indexOf(quote);
    assert.ok(t.range.isEqual(new vscode.Range(1, start, 1, start + quote.length)), `range ${JSON.stringify(t.range)}`);
  });

  it('selects the whole cited line for a citation without a quote (compact form)', async () => {
    const editor = await open(BROKEN);
    const t = await definitionAt(editor.document.uri, positionOf(editor.document, 'cite: 000_f973f57cc2c34c65.txt:19', 'cite: '.length + 3));
    assert.strictEqual(path.basename(t.uri.fsPath), '000_f973f57cc2c34c65.txt');
    assert.strictEqual(t.range.start.line, 18);
    assert.strictEqual(t.range.start.character, 0);
    const lineLength = articleLine('000_f973f57cc2c34c65.txt', 19).length;
    assert.ok(t.range.end.line === 18 && t.range.end.character === lineLength || t.range.end.line === 19 && t.range.end.character === 0,
      `range ${JSON.stringify(t.range)} is not the whole line 19 (length ${lineLength})`);
  });

  it('F12 (editor.action.revealDefinition) opens the article at the quoted words', async () => {
    // VS Code puts the cursor at the start of the definition's range (and flashes a highlight over
    // it); it does not select it. whelan-reed's quote starts mid-line: line 9, after 69 characters.
    const editor = await open(BROKEN);
    const quote = 'the release of US citizens Paul Whelan and Trevor Reed';
    const pos = positionOf(editor.document, `quote: ${quote}`, 'quote: '.length + 5);
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const column = articleLine('004_03f832fef03921f4.txt', 9).indexOf(quote);
    assert.ok(column > 0);
    await waitFor(() => {
      const e = vscode.window.activeTextEditor;
      return e && path.basename(e.document.uri.fsPath) === '004_03f832fef03921f4.txt' && e.selection.active.isEqual(new vscode.Position(8, column));
    }, { what: `the article to be the active editor with the cursor at 9:${column + 1}` }).catch((err: Error) => {
      const e = vscode.window.activeTextEditor;
      throw new Error(`${err.message}; active editor: ${e ? `${path.basename(e.document.uri.fsPath)}, selection ${JSON.stringify(e.selection)}` : 'none'}`);
    });
    const e = vscode.window.activeTextEditor!;
    assert.strictEqual(e.document.getText(new vscode.Range(8, column, 8, column + quote.length)), quote);
    assert.ok(e.visibleRanges.some((r) => r.contains(new vscode.Position(8, column))), 'the quoted line is on screen');
  });
});
