/**
 * Paste as citation: copying in an article records where the words are
 * (file and lines); pasting them into a fact sheet then offers, in VS Code's
 * paste control, to paste a complete citation instead of the bare text. The
 * server decides what the citation is (see `core/edit/paste.ts`).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID, PasteCitationRequest, type PasteCitationParams, type PasteCitationResult } from '../../server/src/protocol';

/** What a copy in an article records. */
const COPIED = 'application/vnd.fact-notes.copied-words';
const KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('factNotes', 'citation');

interface Copied {
  readonly uri: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly text: string;
}

/** Registers the copy side (articles: plain text and Markdown files) and the paste side (fact sheets). */
export function registerPasteAsCitation(client: () => LanguageClient | undefined): vscode.Disposable {
  const copy = vscode.languages.registerDocumentPasteEditProvider(
    [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
    ],
    {
      prepareDocumentPaste(document, ranges, dataTransfer) {
        // One selection of words; several cursors are no citation.
        if (ranges.length !== 1 || ranges[0].isEmpty) return;
        const range = ranges[0];
        // A selection that ends at the start of a line does not take that line.
        const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
        const copied: Copied = { uri: document.uri.toString(), startLine: range.start.line, endLine, text: document.getText(range) };
        dataTransfer.set(COPIED, new vscode.DataTransferItem(JSON.stringify(copied)));
      },
    },
    { providedPasteEditKinds: [], copyMimeTypes: [COPIED] },
  );
  const paste = vscode.languages.registerDocumentPasteEditProvider(
    { scheme: 'file', language: LANGUAGE_ID },
    {
      async provideDocumentPasteEdits(document, ranges, dataTransfer, _context, token) {
        const item = dataTransfer.get(COPIED);
        const running = client();
        if (!item || !running || ranges.length !== 1) return undefined;
        const copied = JSON.parse(await item.asString()) as Copied;
        const params: PasteCitationParams = {
          sheetUri: document.uri.toString(),
          position: { line: ranges[0].start.line, character: ranges[0].start.character },
          sourceUri: copied.uri,
          startLine: copied.startLine,
          endLine: copied.endLine,
          quote: copied.text,
        };
        const result = await running.sendRequest<PasteCitationResult>(PasteCitationRequest, params, token);
        const where = `${vscode.workspace.asRelativePath(vscode.Uri.parse(copied.uri), false)}, line ${copied.startLine + 1}${copied.endLine > copied.startLine ? `-${copied.endLine + 1}` : ''}`;
        let edit: vscode.DocumentPasteEdit;
        if (result.edit) {
          edit = new vscode.DocumentPasteEdit('', `Paste as Citation (${where})`, KIND);
          edit.additionalEdit = await running.protocol2CodeConverter.asWorkspaceEdit(result.edit, token);
        } else if (result.newFact) {
          const snippet = new vscode.SnippetString().appendText(result.newFact.before).appendPlaceholder(result.newFact.claim).appendText(result.newFact.after);
          edit = new vscode.DocumentPasteEdit(snippet, `Paste as Citation in a New Fact (${where})`, KIND);
        } else {
          return undefined;
        }
        // Offered in the paste control; the bare text stays what a paste does first.
        edit.yieldTo = [vscode.DocumentDropOrPasteEditKind.Text];
        return [edit];
      },
    },
    { providedPasteEditKinds: [KIND], pasteMimeTypes: [COPIED] },
  );
  return vscode.Disposable.from(copy, paste);
}
