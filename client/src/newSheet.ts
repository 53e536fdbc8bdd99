/**
 * "Fact Notes: New Fact Sheet": asks for a name and creates a `*.facts.yaml`
 * with a starter text in the folder of the active file (or the first
 * workspace folder), then opens it. With no folder open, an untitled sheet.
 *
 *   executeCommand('factNotes.newSheet', uri?) creates the sheet at `uri`
 *   without asking, and resolves to { uri } or { error }.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../server/src/protocol';

export const NEW_SHEET = 'factNotes.newSheet';

const STARTER = [
  '# A fact sheet: each fact is a claim and the words of an article that support it.',
  '# Select words in an article and run "Fact Notes: Cite Selection" to add a fact,',
  '# or write one by hand:',
  '#',
  '#   - id: talks-length',
  '#     claim: The talks lasted about two hours.',
  '#     cite:',
  '#       - file: meeting-report.txt',
  '#         line: 3',
  '#         quote: The meeting lasted about two hours.',
  'title: New fact sheet',
  '# sources: articles   # the folder of the articles, relative to this sheet (default: its own folder)',
  'facts:',
  '',
].join('\n');

const SHEET_NAME = /\.facts\.ya?ml$/i;

/** Registers the command. */
export function registerNewSheet(): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_SHEET, (arg?: unknown) =>
    create(arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : undefined).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`Fact Notes could not create the sheet: ${message}`);
      return { error: message };
    }),
  );
}

async function create(given: vscode.Uri | undefined): Promise<{ uri?: string; error?: string }> {
  const folder = given ? undefined : folderForNewSheet();
  if (!given && !folder) {
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: STARTER });
    await vscode.window.showTextDocument(doc);
    return { uri: doc.uri.toString() };
  }
  const uri = given ?? (await askName(folder!));
  if (!uri) return { error: 'cancelled' };
  if (await exists(uri)) return { error: `${path.basename(uri.path)} already exists.` };
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(STARTER));
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  // The cursor on the title, to name the sheet first.
  const line = STARTER.split('\n').findIndex((l) => l.startsWith('title:'));
  const title = editor.document.lineAt(line).range;
  editor.selection = new vscode.Selection(title.start.translate(0, 'title: '.length), title.end);
  return { uri: uri.toString() };
}

/** The folder of the active file if it is in a workspace folder, else the first workspace folder. */
function folderForNewSheet(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active)) return vscode.Uri.joinPath(active, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function askName(folder: vscode.Uri): Promise<vscode.Uri | undefined> {
  const named = (value: string) => vscode.Uri.joinPath(folder, SHEET_NAME.test(value) ? value : `${value.replace(/\.ya?ml$/i, '')}.facts.yaml`);
  const name = await vscode.window.showInputBox({
    title: 'New Fact Sheet',
    prompt: `The sheet's name, in ${vscode.workspace.asRelativePath(folder, true) || folder.fsPath}`,
    value: 'notes.facts.yaml',
    valueSelection: [0, 'notes'.length],
    validateInput: async (value) => {
      const v = value.trim();
      if (v === '') return 'A sheet needs a name.';
      if (/[\\/]/.test(v)) return 'A name without folders: the sheet goes in this folder.';
      return (await exists(named(v))) ? `${path.basename(named(v).path)} already exists.` : undefined;
    },
  });
  return name === undefined ? undefined : named(name.trim());
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
