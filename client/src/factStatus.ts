/**
 * The status bar item of the active fact sheet: "$(check) 38 facts verified",
 * "$(error) 12 of 21 facts broken", "$(warning) 2 facts to review". The
 * counts are the server's (`factNotes/factCounts`, counted by the core as the
 * report's summary counts them); this file only words them. It is shown only
 * while a sheet is the active editor, and asked again when the sheet's
 * diagnostics change (which follows every edit and save, and a change of a
 * cited article). Clicking it opens the Problems panel on the sheet's
 * problems (VS Code gives extensions no way to set the panel's filter; with
 * the sheet active, the panel reveals its problems).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FactCountsRequest, LANGUAGE_ID, type FactCounts, type FactCountsParams } from '../../server/src/protocol';

export const SHOW_SHEET_PROBLEMS = 'factNotes.showSheetProblems';

/** What the item says for a sheet's counts, and its tooltip; `errors` are the sheet's error diagnostics (some may be outside any fact). */
export function describeCounts(name: string, c: FactCounts, errors: number): { text: string; tooltip: string } {
  const facts = (n: number) => `${n} ${n === 1 ? 'fact' : 'facts'}`;
  const parts = [`${c.verified} verified`, `${c.broken} broken`];
  if (c.unsupported > 0) parts.push(`${c.unsupported} not supported by the cited lines`);
  if (c.warning > 0) parts.push(`${c.warning} with warnings`);
  if (c.ignored > 0) parts.push(`${c.ignored} with a check silenced for a stated reason`);
  const tooltip = `${name}: ${facts(c.facts)}. ${parts.join(', ')}. Click to see the problems.`;
  if (c.broken > 0) return { text: `$(error) ${c.broken} of ${facts(c.facts)} broken`, tooltip };
  if (errors > 0) return { text: `$(error) ${errors} ${errors === 1 ? 'error' : 'errors'} in the sheet`, tooltip };
  // With nothing broken, every fact is verified, to review, or silenced with a reason.
  const review = c.unsupported + c.warning;
  if (review > 0) return { text: `$(warning) ${facts(review)} to review`, tooltip };
  if (c.facts === 0) return { text: '$(info) No facts yet', tooltip: `${name} has no facts yet.` };
  if (c.ignored > 0) return { text: `$(check) ${c.verified} verified, ${c.ignored} ignored`, tooltip };
  return { text: `$(check) ${facts(c.facts)} verified`, tooltip };
}

/** Registers the item and its click command; `client` is the running client, or nothing. */
export function registerFactStatus(client: () => LanguageClient | undefined): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('factNotes.facts', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Fact Notes: Facts of the Sheet';
  item.command = SHOW_SHEET_PROBLEMS;
  // One request at a time; a change meanwhile asks once more when it is answered.
  let asking = false;
  let again = false;

  async function update(): Promise<void> {
    if (asking) {
      again = true;
      return;
    }
    asking = true;
    try {
      do {
        again = false;
        await show();
      } while (again);
    } finally {
      asking = false;
    }
  }

  async function show(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    const c = client();
    if (document?.languageId !== LANGUAGE_ID || !c) {
      item.hide();
      return;
    }
    const counts = await c.sendRequest<FactCounts | null>(FactCountsRequest, { sheetUri: c.code2ProtocolConverter.asUri(document.uri) } satisfies FactCountsParams).catch(() => null);
    // The active editor may have changed while the server answered.
    if (vscode.window.activeTextEditor?.document !== document) {
      again = true;
      return;
    }
    if (!counts) {
      item.hide();
      return;
    }
    const errors = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'fact-notes' && d.severity === vscode.DiagnosticSeverity.Error).length;
    const { text, tooltip } = describeCounts(path.basename(document.uri.path), counts, errors);
    item.text = text;
    item.tooltip = tooltip;
    item.show();
  }

  const refresh = () => void update().catch(() => undefined);
  const isActive = (uri: vscode.Uri) => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString();
  refresh();
  return vscode.Disposable.from(
    item,
    vscode.commands.registerCommand(SHOW_SHEET_PROBLEMS, () => vscode.commands.executeCommand('workbench.actions.view.problems')),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some(isActive)) refresh();
    }),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (isActive(d.uri)) refresh();
    }),
  );
}
