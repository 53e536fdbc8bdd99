import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, BROKEN, codeOf, fileUri, open, positionOf, revertAndCloseAll, waitFor, waitForDiagnostics } from './helpers';

describe('Cite Selection', () => {
  before(activate);
  afterEach(revertAndCloseAll);
  const hidden = () => fileUri('.hidden/aaa.facts.yaml');
  after(() => vscode.workspace.fs.delete(hidden()).then(undefined, () => undefined));

  it('adds the selected words of an article to a new fact, and the new citation checks clean', async function () {
    const sheet = fileUri(BROKEN);
    const sheetDoc = await vscode.workspace.openTextDocument(sheet);
    const before = await waitForDiagnostics(sheet, (x) => x.length > 0, 'diagnostics of broken.facts.yaml');
    const article = await open('articles/001_bf5dda1e6c24b09d.txt');
    const quote = 'Blinken emphasized US President Biden’s determination to defend the interests of the United States';
    const start = positionOf(article.document, quote);
    article.selection = new vscode.Selection(start, start.translate(0, quote.length));

    // A sheet in a dot-folder, which discovery skips, would sort first if the picker offered it.
    await vscode.workspace.fs.writeFile(hidden(), Buffer.from('facts:\n  - claim: Hidden.\n    cite: articles/000_f973f57cc2c34c65.txt:1\n'));

    // The command asks, in turn: which sheet (broken.facts.yaml sorts first), which fact ("New fact…" is
    // first), and the claim (prefilled with the quote). Accept each prompt as it appears; an accept
    // with no prompt open does nothing. Done when the sheet holds the new citation.
    const original = sheetDoc.getText();
    let settled: string | undefined;
    void vscode.commands.executeCommand('factNotes.citeSelection').then(
      () => { settled = 'done'; },
      (e: unknown) => { settled = `failed: ${e}`; },
    );
    const errors: string[] = [];
    await waitFor(async () => {
      if (sheetDoc.getText() !== original) return true;
      if (settled) throw new Error(`the command ended (${settled}) without changing the sheet`);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem').then(undefined, (e: unknown) => errors.push(String(e)));
      return false;
    }, { timeout: 20_000, interval: 250, what: 'the citation to be added to broken.facts.yaml' }).catch((e: Error) => {
      throw new Error(`${e.message}; command: ${settled ?? 'still running'}; accept errors: ${errors.join('; ') || 'none'}; active editor: ${vscode.window.activeTextEditor?.document.uri.fsPath}`);
    });
    await waitFor(() => settled !== undefined, { what: 'the Cite Selection command to finish' });
    assert.strictEqual(settled, 'done');

    const text = sheetDoc.getText();
    const added = text.slice(original.length - 200);
    // A new fact at the end, after a blank line as the sample separates its facts, its id made from the claim (the quote).
    assert.strictEqual(
      text,
      original +
        [
          '',
          '  - id: blinken-emphasized-us-president',
          `    claim: ${quote}`,
          '    cite:',
          '      - file: 001_bf5dda1e6c24b09d.txt',
          `        line: ${start.line + 1}`,
          `        quote: ${quote}`,
          '',
        ].join('\n'),
      `the sheet's end after Cite Selection:\n${added}`,
    );
    // The new fact's citation verifies: no diagnostic on it, the old ones still there.
    const after = await waitForDiagnostics(sheet, (x) => x.length === before.length, `${before.length} diagnostics (none new)`);
    const quoteLine = sheetDoc.positionAt(text.indexOf(`quote: ${quote}`)).line;
    assert.ok(!after.some((d) => d.range.start.line >= quoteLine - 3 && d.range.start.line <= quoteLine), `diagnostics near the new citation: ${after.map(codeOf).join(', ')}`);
  });
});
