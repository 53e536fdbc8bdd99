/**
 * Helpers for the extension-host suite. These files run inside a real VS Code
 * extension host (code-server, or desktop VS Code through test-electron) with
 * a temporary copy of samples/ as the only workspace folder.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SAMPLES_DIR } from '../lib/paths';
import { waitFor } from '../lib/poll';

export { waitFor };

export const EXTENSION_ID = 'fact-notes.fact-notes';
export const BROKEN = 'broken.facts.yaml';
export const CLEAN = 'reykjavik.facts.yaml';

/** The workspace folder: a temporary copy of samples/ (tests may edit it). */
export function root(): string {
  const folders = vscode.workspace.workspaceFolders ?? [];
  assert.strictEqual(folders.length, 1, 'expected exactly one workspace folder (a copy of samples/)');
  assert.ok(!folders[0].uri.fsPath.startsWith(SAMPLES_DIR), 'tests must run on a copy of samples/, not on the repository\'s');
  return folders[0].uri.fsPath;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.file(path.join(root(), rel));
}

export async function activate(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed; installed: ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')}`);
  await ext.activate();
  return ext;
}

export async function open(rel: string | vscode.Uri, column?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const uri = typeof rel === 'string' ? fileUri(rel) : rel;
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false, viewColumn: column });
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

/**
 * Fact Notes' diagnostics of a document, without the single-source hints
 * (nearly every fact of the samples has one source), as `fact-notes check`
 * reports them without --show-hints; `hints` keeps them.
 */
export function diagnostics(uri: vscode.Uri, hints = false): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'fact-notes' && (hints || codeOf(d) !== 'single-source'));
}

/** Polls the document's diagnostics until `accept` holds. */
export async function waitForDiagnostics(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean, what: string, timeout = 20_000): Promise<vscode.Diagnostic[]> {
  try {
    return await waitFor(() => { const ds = diagnostics(uri); return accept(ds) && ds; }, { timeout, what });
  } catch (e) {
    const now = diagnostics(uri).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)}`).join('; ');
    throw new Error(`${(e as Error).message}\n  diagnostics now: ${now || '(none)'}`);
  }
}

/** The position of the `occurrence`-th `text` in the document, plus `delta` characters. */
export function positionOf(doc: vscode.TextDocument, text: string, delta = 0, occurrence = 0): vscode.Position {
  const full = doc.getText();
  let idx = -1;
  for (let i = 0; i <= occurrence; i++) {
    idx = full.indexOf(text, idx + 1);
    assert.ok(idx >= 0, `"${text}" (occurrence ${occurrence}) not found in ${path.basename(doc.uri.fsPath)}`);
  }
  return doc.positionAt(idx + delta);
}

/** Reverts and closes every editor, so the next test starts from the files on disk. */
export async function revertAndCloseAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && doc.uri.scheme === 'file') {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Copies a sample file to a new name in the workspace (for tests that change it). */
export function copyInWorkspace(from: string, to: string): vscode.Uri {
  fs.copyFileSync(path.join(root(), from), path.join(root(), to));
  return fileUri(to);
}

export function removeFromWorkspace(rel: string): void {
  fs.rmSync(path.join(root(), rel), { force: true });
}

/** The Markdown text of hovers, with Markdown escapes removed. */
export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c))))
    .join('\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1');
}
