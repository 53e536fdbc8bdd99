/**
 * The Fact Notes extension: starts the language server and adds the commands
 * that need an editor (cite a selection, fix a whole sheet, list the citations
 * of an article's line from its code lens, save a web page or PDF as a source,
 * show a sheet's report, create a sheet) and the status bar item of the
 * active sheet's facts. Everything that
 * knows about fact sheets lives in the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, LanguageClient, State, TransportKind, type ErrorHandler, type LanguageClientOptions, type Location, type Position, type ServerOptions, type WorkspaceEdit } from 'vscode-languageclient/node';
import {
  CitationsForMovesRequest,
  CiteSelectionRequest,
  EDIT_SUPPRESSION_REASON_COMMAND,
  FIX_ALL_KIND,
  LANGUAGE_ID,
  ListFactsRequest,
  ListSheetsRequest,
  SHOW_CITATIONS_COMMAND,
  type CitationsForMovesParams,
  type ClientInitializationOptions,
  type CiteSelectionParams,
  type CiteSelectionResult,
  type FactSummary,
  type ListFactsParams,
  type ListSheetsParams,
} from '../../server/src/protocol';

import { registerFactStatus } from './factStatus';
import { registerNewSheet } from './newSheet';
import { registerPasteAsCitation } from './paste';
import { registerReport } from './report';
import { registerSaveSource } from './saveSource';

const LAST_SHEET = 'factNotes.lastSheet';

let server: Server | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  server = new Server(context.asAbsolutePath(path.join('dist', 'server.js')));
  const running = server;
  context.subscriptions.push(
    running,
    command('factNotes.restartServer', () => running.restart()),
    command('factNotes.fixAll', () => fixAll(running)),
    command('factNotes.citeSelection', () => citeSelection(running, context.workspaceState)),
    registerPasteAsCitation(() => running.current()),
    registerSaveSource(() => running.running()),
    registerReport(() => running.running()),
    registerNewSheet(),
    registerFactStatus(() => running.current()),
    vscode.workspace.onDidRenameFiles((event) => void citationsAfterMove(running, event).catch((e) => running.logError('Updating citations after a move', e))),
    command(SHOW_CITATIONS_COMMAND, (uri: string, position: Position, locations: Location[]) => showCitations(running, uri, position, locations)),
    command(EDIT_SUPPRESSION_REASON_COMMAND, (uri: string, line: number) => editSuppressionReason(uri, line)),
  );
  await vscode.commands.executeCommand('setContext', 'factNotes.active', true);
  await running.start();
}

export function deactivate(): Promise<void> | undefined {
  return server?.stop();
}

const MOVE_SETTING = 'updateCitationsOnFileMove';

/**
 * A rename or move in the Explorer (or any edit that renames files): the
 * server's edit to every citation of the moved files, applied as the
 * setting says: after asking (Yes / No / Always / Never), as VS Code's
 * Markdown extension does for links; always; or never.
 */
async function citationsAfterMove(server: Server, event: vscode.FileRenameEvent): Promise<void> {
  const config = vscode.workspace.getConfiguration('factNotes');
  const setting = config.get<string>(MOVE_SETTING, 'prompt');
  const client = server.current();
  if (setting === 'never' || !client) return;
  const files = event.files.map((f) => ({ oldUri: f.oldUri.toString(), newUri: f.newUri.toString() }));
  const answer = await client.sendRequest<WorkspaceEdit | null>(CitationsForMovesRequest, { files } satisfies CitationsForMovesParams);
  if (!answer) return;
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(answer);
  if (!edit || edit.size === 0) return;
  if (setting !== 'always') {
    const moved = event.files.length === 1 ? `"${path.basename(event.files[0].oldUri.fsPath)}"` : `these ${event.files.length} files`;
    const sheets = edit.size === 1 ? '1 fact sheet' : `${edit.size} fact sheets`;
    const choice = await vscode.window.showInformationMessage(
      `Update the citations of ${moved} in ${sheets}?`,
      { modal: true, detail: 'Otherwise they point at a file that is no longer there.' },
      'Yes',
      'No',
      'Always',
      'Never',
    );
    if (choice === 'Always' || choice === 'Never') await config.update(MOVE_SETTING, choice.toLowerCase(), vscode.ConfigurationTarget.Global);
    if (choice !== 'Yes' && choice !== 'Always') return;
  }
  // As a refactoring, the sheets changed are saved (unless files.refactoring.autoSave is off), but not one
  // that had unsaved changes before: those stay for the user to save.
  const key = (uri: vscode.Uri) => uri.toString();
  const dirtyBefore = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => key(d.uri)));
  if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) return;
  if (!vscode.workspace.getConfiguration('files').get<boolean>('refactoring.autoSave', true)) return;
  for (const [uri] of edit.entries()) {
    const doc = vscode.workspace.textDocuments.find((d) => key(d.uri) === key(uri));
    if (doc?.isDirty && !dirtyBefore.has(key(uri))) await doc.save();
  }
}

/** One language server at a time; a restart replaces the client, since one whose start failed cannot start again. */
class Server implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly log = vscode.window.createOutputChannel('Fact Notes');
  private readonly status = vscode.languages.createLanguageStatusItem('factNotes.server', { language: LANGUAGE_ID });

  constructor(private readonly module: string) {
    this.status.name = 'Fact Notes Server';
  }

  async start(): Promise<void> {
    if (!fs.existsSync(this.module)) {
      this.failed(`${this.module} is missing; build it with "npm run bundle".`);
      return;
    }
    const run = { module: this.module, transport: TransportKind.ipc };
    const serverOptions: ServerOptions = { run, debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6009'] } } };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: LANGUAGE_ID },
        { scheme: 'untitled', language: LANGUAGE_ID },
        // Articles: their unsaved text is checked against, and they show who cites each line (code lens, hover, Find All References).
        { scheme: 'file', language: 'plaintext' },
        { scheme: 'file', language: 'markdown' },
      ],
      // The server asks for the file events it needs (any file may be a cited article).
      synchronize: { configurationSection: 'factNotes' },
      // The commands this client runs for the server's code actions.
      initializationOptions: { clientCommands: [EDIT_SUPPRESSION_REASON_COMMAND] } satisfies ClientInitializationOptions,
      // Citations follow a move after it is made (see citationsAfterMove), not as a participant of it,
      // whose edit VS Code would confirm in a dialog of its own after ours.
      middleware: { workspace: { willRenameFiles: async () => undefined } },
      outputChannel: this.log,
      diagnosticCollectionName: 'factNotes',
      // A server that dies while starting would die again: one message, no restart loop.
      initializationFailedHandler: () => false,
      errorHandler: {
        error: (error, message, count) => crashes.error(error, message, count),
        closed: () => (client.initializeResult ? crashes.closed() : { action: CloseAction.DoNotRestart, handled: true }),
      },
    };
    const client = new LanguageClient('factNotes', 'Fact Notes', serverOptions, clientOptions);
    // Once the server has run, a crash restarts it (at most 4 times in 3 minutes).
    const crashes: ErrorHandler = client.createDefaultErrorHandler();
    this.client = client;
    client.onDidChangeState(({ newState }) => this.show(newState));
    try {
      await client.start();
    } catch (error) {
      this.log.appendLine(`Starting the language server failed: ${messageOf(error)}`);
    }
    // start() can resolve although the server exited while starting.
    if (!client.isRunning()) this.failed();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    // A client still starting cannot be stopped: let it finish first.
    if (client?.state === State.Starting) await client.start().catch(() => undefined);
    if (client?.isRunning()) await client.dispose();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** The client if the server runs; otherwise says so and returns nothing. */
  running(): LanguageClient | undefined {
    if (this.client?.isRunning()) return this.client;
    void vscode.window.showErrorMessage('Fact Notes: the language server is not running.', 'Restart Server', 'Show Log').then((choice) => {
      if (choice === 'Restart Server') void vscode.commands.executeCommand('factNotes.restartServer');
      if (choice === 'Show Log') this.log.show();
    });
    return undefined;
  }

  /** The client if the server runs, without a word otherwise (for what runs in the background). */
  current(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  /** Writes what went wrong to the extension's log. */
  logError(what: string, error: unknown): void {
    this.log.appendLine(`${what} failed: ${messageOf(error)}`);
  }

  /** Problems the server reports in a document. */
  problems(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.client?.diagnostics?.get(uri) ?? [];
  }

  dispose(): void {
    void this.stop();
    this.status.dispose();
    this.log.dispose();
  }

  private show(state: State): void {
    this.status.busy = state === State.Starting;
    this.status.severity = state === State.Stopped ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    this.status.text = state === State.Running ? 'Fact Notes' : state === State.Starting ? 'Fact Notes starting' : 'Fact Notes stopped';
    this.status.command = { title: 'Restart', command: 'factNotes.restartServer' };
  }

  /** Tells the user the server did not start, and why if known (otherwise the log says). */
  private failed(reason?: string): void {
    this.show(State.Stopped);
    if (reason) this.log.appendLine(`The language server did not start: ${reason}`);
    const message = reason ? `Fact Notes: the language server did not start: ${reason}` : 'Fact Notes: the language server did not start. The log says why.';
    void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => {
      if (choice) this.log.show();
    });
  }
}

/** "Fact Notes: Fix All Citations in Sheet": applies every fix the server is sure of. */
async function fixAll(server: Server): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage('Fact Notes: open a fact sheet to fix its citations.');
    return;
  }
  if (!server.running()) return;
  const whole = document.validateRange(new vscode.Range(0, 0, document.lineCount, 0));
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND, 1);
  const kind = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND);
  const fix = actions?.filter(isCodeAction).find((a) => a.kind !== undefined && kind.contains(a.kind));
  const name = path.basename(document.uri.path);
  if (!fix?.edit || fix.edit.size === 0) {
    const problems = server.problems(document.uri);
    const left = problems.length;
    const syntax = problems.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'yaml-syntax');
    if (syntax) {
      // What does not parse is left alone: its YAML is repaired first.
      void vscode.window.showInformationMessage(`Fact Notes: ${name} is not valid YAML (line ${syntax.range.start.line + 1}). Fix that first.`);
    } else if (left === 0) {
      void vscode.window.showInformationMessage(`Fact Notes: nothing to fix in ${name}.`);
    } else {
      void vscode.window.showInformationMessage(`Fact Notes: nothing in ${name} can be fixed for certain. Problems left: ${left}.`, 'Show Problems').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    }
    return;
  }
  if (!(await vscode.workspace.applyEdit(fix.edit))) throw new Error(`the fixes could not be applied to ${name}; it may have changed meanwhile.`);
  if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
  vscode.window.setStatusBarMessage(`Fact Notes: ${fix.title}`, 5000);
}

/** "Fact Notes: Cite Selection": adds the selected words of an article to a fact of a sheet. */
async function citeSelection(server: Server, memory: vscode.Memento): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const article = editor?.document;
  if (!editor || !article || editor.selection.isEmpty || article.languageId === LANGUAGE_ID) {
    void vscode.window.showInformationMessage('Fact Notes: select the words to cite in an article first.');
    return;
  }
  const folder = vscode.workspace.getWorkspaceFolder(article.uri);
  if (article.uri.scheme !== 'file' || !folder) {
    void vscode.window.showInformationMessage('Fact Notes: only files inside a workspace folder can be cited, since a sheet may only cite files of its own folder.');
    return;
  }
  if (article.isDirty) {
    const save = await vscode.window.showWarningMessage(`Fact Notes: ${path.basename(article.uri.path)} has unsaved changes. Save it so the citation matches the file on disk?`, { modal: true }, 'Save and Cite');
    if (save === undefined || !(await article.save())) return;
  }
  const client = server.running();
  if (!client) return;
  const selection = editor.selection;
  const quote = article.getText(selection);

  const sheet = await pickSheet(client, folder, memory);
  if (!sheet) return;
  const sheetUri = client.code2ProtocolConverter.asUri(sheet);
  const facts = await client.sendRequest<FactSummary[]>(ListFactsRequest, { sheetUri } satisfies ListFactsParams);
  const target = await pickFact(facts, path.basename(sheet.path), quote);
  if (!target) return;

  // A selection that ends at the start of a line does not cite that line.
  const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
  const params: CiteSelectionParams = { sheetUri, sourceUri: client.code2ProtocolConverter.asUri(article.uri), startLine: selection.start.line, endLine, quote, ...target };
  const result = await client.sendRequest<CiteSelectionResult>(CiteSelectionRequest, params);
  if (result.error !== undefined || result.edit === undefined) throw new Error(result.error ?? 'the server returned no change.');
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`the citation could not be added to ${path.basename(sheet.path)}.`);
  await memory.update(LAST_SHEET, sheet.toString());
  await reveal(sheet, edit.get(sheet));
}

/** The code lens "cited by N facts" of an article's line: lists the citations of the line in the references peek view. */
async function showCitations(server: Server, uri: string, position: Position, locations: Location[]): Promise<void> {
  const client = server.running();
  if (!client) return;
  const convert = client.protocol2CodeConverter;
  await vscode.commands.executeCommand('editor.action.showReferences', convert.asUri(uri), convert.asPosition(position), locations.map((l) => convert.asLocation(l)));
}

/**
 * After the quick fix "Ignore CODE here…" inserted its comment on line
 * `line` (0-based) of the sheet: selects the reason after "--" there, the
 * placeholder, so that typing replaces it.
 */
async function editSuppressionReason(uri: string, line: number): Promise<void> {
  const target = vscode.Uri.parse(uri);
  const shown = (e: vscode.TextEditor | undefined) => e && e.document.uri.toString() === target.toString();
  const active = vscode.window.activeTextEditor;
  const editor = shown(active) ? active! : (vscode.window.visibleTextEditors.find(shown) ?? (await vscode.window.showTextDocument(target)));
  if (line < 0 || line >= editor.document.lineCount) return;
  const text = editor.document.lineAt(line).text;
  const dashes = text.indexOf('--');
  if (dashes < 0) return;
  let start = dashes + 2;
  while (start < text.length && /\s/.test(text[start])) start++;
  const end = text.trimEnd().length;
  editor.selection = new vscode.Selection(line, start, line, Math.max(start, end));
  editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * Asks for a sheet of the article's workspace folder, each shown by its path in the folder
 * (`desk/notes.facts.yaml`); the one used last comes first, and a lone sheet is taken without asking.
 */
async function pickSheet(client: LanguageClient, folder: vscode.WorkspaceFolder, memory: vscode.Memento): Promise<vscode.Uri | undefined> {
  // The server's index: the sheets its discovery found, as it finds them.
  const uris = await client.sendRequest<string[]>(ListSheetsRequest, { folderUri: client.code2ProtocolConverter.asUri(folder.uri) } satisfies ListSheetsParams);
  const sheets = uris.map((u) => client.protocol2CodeConverter.asUri(u));
  if (sheets.length === 0) {
    void vscode.window.showInformationMessage(`Fact Notes: ${folder.name} has no fact sheet (*.facts.yaml) to cite into. Create one, then cite again.`);
    return undefined;
  }
  if (sheets.length === 1) return sheets[0];
  const last = memory.get<string>(LAST_SHEET);
  // The path in this folder, not in a workspace folder nested in it; VS Code's relative path when the two paths share no root.
  const inFolder = (uri: vscode.Uri) => {
    const relative = path.posix.relative(folder.uri.path, uri.path);
    return relative === '' || relative.startsWith('../') || path.posix.isAbsolute(relative) ? vscode.workspace.asRelativePath(uri, false) : relative;
  };
  const items = sheets
    .map((uri) => ({ uri, label: inFolder(uri) }))
    .sort((a, b) => Number(b.uri.toString() === last) - Number(a.uri.toString() === last) || a.uri.path.localeCompare(b.uri.path));
  const picked = await vscode.window.showQuickPick(items, { title: 'Cite Selection', placeHolder: 'Fact sheet to add the citation to' });
  return picked?.uri;
}

/** Asks for the fact that receives the citation: an existing one, or a new one with a claim. */
async function pickFact(facts: readonly FactSummary[], sheetName: string, quote: string): Promise<Pick<CiteSelectionParams, 'factIndex' | 'claim'> | undefined> {
  const items: (vscode.QuickPickItem & { index?: number })[] = [
    { label: '$(add) New fact…', alwaysShow: true },
    ...(facts.length > 0 ? [{ label: 'facts', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...facts.map((f) => ({ label: f.claim.replace(/\s+/g, ' '), description: f.id, index: f.index })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `Cite Selection in ${sheetName}`, placeHolder: 'Fact the quote supports', matchOnDescription: true });
  if (!picked) return undefined;
  if (picked.index !== undefined) return { factIndex: picked.index };
  const claim = await vscode.window.showInputBox({
    title: `New fact in ${sheetName}`,
    prompt: 'The claim the quote supports',
    value: quote.replace(/\s+/g, ' ').trim(),
    validateInput: (value) => (value.trim() === '' ? 'A fact needs a claim.' : undefined),
  });
  return claim === undefined ? undefined : { claim: claim.trim() };
}

/** Shows the sheet beside the article with the cursor after the inserted citation. */
async function reveal(sheet: vscode.Uri, edits: readonly vscode.TextEdit[]): Promise<void> {
  const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === sheet.toString())?.viewColumn;
  const editor = await vscode.window.showTextDocument(sheet, { viewColumn: column ?? vscode.ViewColumn.Beside, preview: false });
  // The earliest edit is the only one that later edits do not shift.
  const first = [...edits].sort((a, b) => a.range.start.compareTo(b.range.start))[0];
  if (!first) return;
  const lines = first.newText.replace(/\r?\n$/, '').split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1];
  const start = first.range.start;
  const end = new vscode.Position(start.line + lines.length - 1, (lines.length === 1 ? start.character : 0) + last.length);
  editor.selection = new vscode.Selection(end, end);
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Registers a command whose failure is shown to the user rather than lost; its arguments are as its caller (a code lens) passes them. */
function command<A extends unknown[]>(id: string, run: (...args: A) => Promise<void>): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: unknown[]) =>
    run(...(args as A)).catch((error: unknown) => {
      void vscode.window.showErrorMessage(`Fact Notes: ${messageOf(error)}`);
    }),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isCodeAction(item: vscode.CodeAction | vscode.Command): item is vscode.CodeAction {
  return typeof item.command !== 'string';
}
