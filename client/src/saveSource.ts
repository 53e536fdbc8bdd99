/**
 * "Save Source from URL…" and "Save Source from File…": ask for a web page or
 * PDF and where to keep it, then let the server save it (`factNotes/saveSource`:
 * the text, the original and the `sources.yaml` entry) and open the text.
 *
 * Other extensions and tests can run them without any question:
 *   executeCommand('factNotes.saveSourceFromUrl', 'https://…', { sheetUri, folderUri, name, force })
 *   executeCommand('factNotes.saveSourceFromFile', fileUriOrPath, { … })
 * Without `sheetUri` or `folderUri` the source goes to the active fact sheet's
 * sources folder (else a folder is asked for); a name already saved is then
 * returned as `exists` rather than asked about. Each resolves to the
 * server's `SaveSourceResult` (`{ cancelled: true }` when a question was dismissed).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID, SaveSourceRequest, type SaveSourceParams, type SaveSourceResult } from '../../server/src/protocol';

export const SAVE_FROM_URL = 'factNotes.saveSourceFromUrl';
export const SAVE_FROM_FILE = 'factNotes.saveSourceFromFile';

/** Where and how to save, for callers that ask nothing. */
export interface SaveSourceOptions {
  /** Into this sheet's sources folder... */
  readonly sheetUri?: vscode.Uri | string;
  /** ...or into this folder. */
  readonly folderUri?: vscode.Uri | string;
  /** The text file's name (default: made from the outlet and headline). */
  readonly name?: string;
  /** Replace a saved source of that name. */
  readonly force?: boolean;
}

const CANCELLED: SaveSourceResult = { cancelled: true };

/** Registers both commands; `client` is the running client, or nothing (having said why). */
export function registerSaveSource(client: () => LanguageClient | undefined): vscode.Disposable {
  const guarded = (run: () => Promise<SaveSourceResult>) =>
    run().catch((error: unknown): SaveSourceResult => {
      const message = `Fact Notes could not save the source: ${error instanceof Error ? error.message : String(error)}`;
      void vscode.window.showErrorMessage(message);
      return { error: message };
    });
  return vscode.Disposable.from(
    // Menus pass their resource and more (the Explorer: the selected files) where callers pass options.
    vscode.commands.registerCommand(SAVE_FROM_URL, (url?: unknown, options?: unknown) => guarded(() => fromUrl(client, url, optionsOf(options)))),
    vscode.commands.registerCommand(SAVE_FROM_FILE, (file?: unknown, options?: unknown) => guarded(() => fromFile(client, file, optionsOf(options)))),
  );
}

/**
 * The address is the first argument when it is a string; otherwise (the
 * palette, or a menu, which passes its document's URI) it is asked for.
 */
async function fromUrl(client: () => LanguageClient | undefined, arg: unknown, options: SaveSourceOptions = {}): Promise<SaveSourceResult> {
  let url: string;
  if (typeof arg === 'string') {
    url = arg.trim();
    if (!isWebAddress(url)) return failed(`Give an address that starts with http:// or https://; "${url}" is not one.`);
  } else {
    const clipboard = (await vscode.env.clipboard.readText()).trim();
    const typed = await vscode.window.showInputBox({
      title: 'Save Source from URL',
      prompt: 'The address of the web page or PDF to save as a source',
      placeHolder: 'https://…',
      value: isWebAddress(clipboard) ? clipboard : undefined,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' || isWebAddress(value.trim()) ? undefined : 'Type an address that starts with http:// or https://.'),
    });
    if (!typed?.trim()) return CANCELLED;
    url = typed.trim();
  }
  return save(client, url, `Saving source from ${new URL(url).host}…`, arg, options);
}

/** The file is the first argument when it is a path, a `file:` URI or the URI of a page or PDF (the Explorer's menu); otherwise it is asked for. */
async function fromFile(client: () => LanguageClient | undefined, arg: unknown, options: SaveSourceOptions = {}): Promise<SaveSourceResult> {
  let file: vscode.Uri;
  if (typeof arg === 'string') {
    file = /^file:/i.test(arg) ? vscode.Uri.parse(arg, true) : vscode.Uri.file(path.resolve(arg));
  } else if (arg instanceof vscode.Uri && isPageOrPdf(arg)) {
    file = arg;
  } else {
    const picked = await vscode.window.showOpenDialog({
      title: 'Save Source from File',
      openLabel: 'Save as Source',
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      filters: { 'Web pages and PDFs': ['html', 'htm', 'pdf'] },
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    if (!picked?.[0]) return CANCELLED;
    file = picked[0];
  }
  return save(client, file.toString(), `Saving source from ${path.basename(file.fsPath)}…`, arg, options);
}

/** Sends the request (again after "Replace" or "Choose Name…") and shows the outcome. */
async function save(client: () => LanguageClient | undefined, source: string, title: string, arg: unknown, options: SaveSourceOptions): Promise<SaveSourceResult> {
  // Called with a source, the command asks nothing but where to save when it cannot tell.
  const asking = typeof arg !== 'string';
  const target = await where(arg, options);
  if (!target) return CANCELLED;
  let name = options.name;
  let force = options.force;
  for (;;) {
    const running = client();
    if (!running) return { error: 'The Fact Notes language server is not running.' };
    const params: SaveSourceParams = { source, ...target, ...(name !== undefined ? { name } : {}), ...(force ? { force } : {}) };
    const result = await request(running, params, title);
    if (result.uri) {
      await shown(running, result);
      return result;
    }
    if (result.cancelled) return result;
    if (result.exists && asking) {
      const choice = await vscode.window.showWarningMessage(
        'Replace the saved source, or save this one under another name?',
        { modal: true, detail: result.error },
        'Replace',
        'Choose Name…',
      );
      if (choice === 'Replace') {
        force = true;
        continue;
      }
      if (choice === 'Choose Name…') {
        const chosen = await askName(name);
        if (chosen === undefined) return CANCELLED;
        name = chosen;
        force = false;
        continue;
      }
      return CANCELLED;
    }
    void vscode.window.showErrorMessage(result.error ?? 'Fact Notes could not save the source; see its log.');
    return result;
  }
}

/** The sheet or folder to save into: as given, the menu's sheet, the active sheet, or one the user picks. */
async function where(arg: unknown, options: SaveSourceOptions): Promise<Pick<SaveSourceParams, 'sheetUri' | 'folderUri'> | undefined> {
  const asString = (uri: vscode.Uri | string) => (typeof uri === 'string' ? uri : uri.toString());
  if (options.sheetUri) return { sheetUri: asString(options.sheetUri) };
  if (options.folderUri) return { folderUri: asString(options.folderUri) };
  // The editor's menus pass their document.
  if (arg instanceof vscode.Uri && /\.facts\.ya?ml$/i.test(arg.path)) return { sheetUri: arg.toString() };
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === LANGUAGE_ID && active.uri.scheme === 'file') return { sheetUri: active.uri.toString() };
  const picked = await vscode.window.showOpenDialog({
    title: 'Folder to save the source in (open a fact sheet to save into its sources folder)',
    openLabel: 'Save Here',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0] ? { folderUri: picked[0].toString() } : undefined;
}

/** The request, under a progress notification whose Cancel cancels it (the server then stops fetching). */
function request(client: LanguageClient, params: SaveSourceParams, title: string): Thenable<SaveSourceResult> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
    try {
      const result = await client.sendRequest<SaveSourceResult | null>(SaveSourceRequest, params, token);
      // Saved before the cancel arrived: saved all the same.
      if (result?.uri) return result;
      return token.isCancellationRequested || !result ? CANCELLED : result;
    } catch (error) {
      if (token.isCancellationRequested || error instanceof vscode.CancellationError) return CANCELLED;
      throw error;
    }
  });
}

/** Opens the saved text beside the sheet and says what was saved. */
async function shown(client: LanguageClient, result: SaveSourceResult): Promise<void> {
  const uri = client.protocol2CodeConverter.asUri(result.uri!);
  await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  const file = result.file ?? path.basename(uri.fsPath);
  const about = [result.outlet, result.published].filter((x): x is string => !!x).join(', ');
  const what = [result.title, about && `(${about})`].filter(Boolean).join(' ');
  const lines = result.lines === undefined ? '' : ` (${result.lines} ${result.lines === 1 ? 'line' : 'lines'})`;
  void vscode.window.showInformationMessage(`Saved "${file}"${lines}${what ? `: ${what}` : ''}.`, 'Copy File Name').then((choice) => {
    if (choice) void vscode.env.clipboard.writeText(file);
  });
}

async function askName(previous: string | undefined): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title: 'Save Source under Another Name',
    prompt: 'The name of the text file (".txt" is added)',
    value: previous,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const v = value.trim();
      if (v === '') return 'Type a name for the text file.';
      if (/[/\\]/.test(v) || v.startsWith('.')) return 'Type a name without folders or a leading dot.';
      return undefined;
    },
  });
  return name?.trim() || undefined;
}

function optionsOf(value: unknown): SaveSourceOptions {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as SaveSourceOptions) : {};
}

function failed(error: string): SaveSourceResult {
  void vscode.window.showErrorMessage(error);
  return { error };
}

function isWebAddress(text: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(text)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function isPageOrPdf(uri: vscode.Uri): boolean {
  return /\.(html?|pdf)$/i.test(uri.path);
}
