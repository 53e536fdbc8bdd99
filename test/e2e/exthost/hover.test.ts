import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, BROKEN, fileUri, hoverText, open, positionOf, revertAndCloseAll, waitFor, waitForDiagnostics } from './helpers';

async function hoverAt(uri: vscode.Uri, pos: vscode.Position, expect: string): Promise<string> {
  return waitFor(async () => {
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos));
    return text.includes(expect) && text;
  }, { what: `a hover containing ${JSON.stringify(expect)}` });
}

describe('hover', () => {
  before(activate);
  afterEach(revertAndCloseAll);

  it('shows the source, the line and the cited line with the quote in bold', async () => {
    const editor = await open(BROKEN);
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0, 'diagnostics (the server has read the sheet)');
    const pos = positionOf(editor.document, 'quote: In Reykjavik, on the sidelines', 'quote: '.length + 3);
    const text = await hoverAt(editor.document.uri, pos, '**In Reykjavik, on the sidelines of an Arctic Council meeting**');
    assert.ok(text.includes('004_03f832fef03921f4.txt'), text);
    assert.match(text, /line 2\b/, text);
    // The rest of the cited line is shown verbatim around the bold quote.
    assert.ok(text.includes('US Secretary of State Anthony Blinken and Russian Foreign Minister Sergei Lavrov met on Wednesday evening'), text);
  });

  it('shows the problem on a broken citation, but not over the squiggle, where the editor shows it already', async () => {
    const editor = await open(BROKEN);
    const away = positionOf(editor.document, 'quote: The meeting lasted about two hours.', 'quote: '.length + 3);
    const text = await hoverAt(fileUri(BROKEN), away, 'line-out-of-range');
    assert.ok(text.includes('Change line to 3: the quote is there.'), text);
    const over = positionOf(editor.document, 'line: 43', 'line: '.length);
    const there = await hoverAt(fileUri(BROKEN), over, 'line-out-of-range');
    assert.ok(!there.includes('Change line to 3: the quote is there.'), there);
  });

  it("shows each citation's status on a fact's claim", async () => {
    const editor = await open(BROKEN);
    const pos = positionOf(editor.document, 'claim: Blinken and Lavrov met in Reykjavik', 'claim: '.length + 2);
    const text = await hoverAt(fileUri(BROKEN), pos, '004_03f832fef03921f4.txt');
    assert.ok(text.includes('In Reykjavik, on the sidelines of an Arctic Council meeting'), text);
  });
});
