/**
 * "Fact Notes: Open Report": the report of the active fact sheet (the page
 * `fact-notes report` writes), asked of the server (`factNotes/report`) and
 * shown in a webview beside the sheet. It is made again when the sheet is
 * saved, and when any other file is saved (a cited article may have
 * changed). The page has no script: the webview runs none
 * (`enableScripts: false`), and its Content-Security-Policy allows inline
 * styles only.
 *
 *   executeCommand('factNotes.openReport', sheetUri?) resolves to { title } or { error }.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LANGUAGE_ID, ReportRequest, type ReportParams, type ReportResult } from '../../server/src/protocol';

export const OPEN_REPORT = 'factNotes.openReport';
export const REPORT_VIEW_TYPE = 'factNotes.report';

/** Registers the command; `client` is the running client, or nothing (having said why). */
export function registerReport(client: () => LanguageClient | undefined): vscode.Disposable {
  const panels = new Map<string, vscode.WebviewPanel>();

  async function ask(uri: vscode.Uri): Promise<ReportResult> {
    const c = client();
    if (!c) return { error: 'The language server is not running.' };
    return c.sendRequest<ReportResult>(ReportRequest, { sheetUri: c.code2ProtocolConverter.asUri(uri) } satisfies ReportParams);
  }

  function show(panel: vscode.WebviewPanel, uri: vscode.Uri, result: ReportResult): void {
    if (result.html === undefined) return;
    panel.webview.html = result.html;
    panel.title = `Report: ${result.title ?? path.basename(uri.fsPath)}`;
  }

  async function refresh(uri: vscode.Uri, panel: vscode.WebviewPanel): Promise<void> {
    show(panel, uri, await ask(uri));
  }

  async function open(arg?: unknown): Promise<{ title?: string; error?: string }> {
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
    const document = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!uri || (document ? document.languageId !== LANGUAGE_ID : !/\.facts\.ya?ml$/i.test(uri.path))) {
      void vscode.window.showInformationMessage('Fact Notes: open a fact sheet to see its report.');
      return { error: 'no fact sheet' };
    }
    // Asked first, so that the panel opens with its page and title.
    const result = await ask(uri);
    if (result.html === undefined) {
      if (result.error) void vscode.window.showWarningMessage(`Fact Notes: ${result.error}`);
      return { error: result.error ?? 'no report' };
    }
    const key = uri.toString();
    let panel = panels.get(key);
    if (panel) {
      panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      panel = vscode.window.createWebviewPanel(
        REPORT_VIEW_TYPE,
        `Report: ${result.title ?? path.basename(uri.fsPath)}`,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableForms: false, enableCommandUris: false, localResourceRoots: [] },
      );
      panels.set(key, panel);
      panel.onDidDispose(() => panels.delete(key));
    }
    show(panel, uri, result);
    return { title: result.title, error: undefined };
  }

  return vscode.Disposable.from(
    vscode.commands.registerCommand(OPEN_REPORT, (arg?: unknown) =>
      open(arg).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        void vscode.window.showErrorMessage(`Fact Notes could not make the report: ${message}`);
        return { error: message };
      }),
    ),
    vscode.workspace.onDidSaveTextDocument((saved) => {
      // The sheet itself, or perhaps an article it cites: every open report is made again.
      const own = panels.get(saved.uri.toString());
      const which = own ? [[saved.uri.toString(), own] as const] : saved.languageId === LANGUAGE_ID ? [] : [...panels.entries()];
      for (const [key, panel] of which) void refresh(vscode.Uri.parse(key), panel).catch(() => undefined);
    }),
    { dispose: () => panels.forEach((p) => p.dispose()) },
  );
}
