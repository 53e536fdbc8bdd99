import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, BROKEN, codeOf, fileUri, open, revertAndCloseAll, waitForDiagnostics } from './helpers';

describe('settings', () => {
  before(activate);
  afterEach(async () => {
    const config = vscode.workspace.getConfiguration('factNotes');
    await config.update('severity.quote-mismatch', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('quoteTolerance', undefined, vscode.ConfigurationTarget.Workspace);
    await revertAndCloseAll();
  });

  it('factNotes.severity.quote-mismatch changes how the diagnostic is reported, while the sheet is open', async () => {
    const uri = fileUri(BROKEN);
    await open(BROKEN);
    const isMismatch = (d: vscode.Diagnostic) => codeOf(d) === 'quote-mismatch';
    await waitForDiagnostics(uri, (x) => x.some((d) => isMismatch(d) && d.severity === vscode.DiagnosticSeverity.Warning), 'quote-mismatch as a warning');
    const config = vscode.workspace.getConfiguration('factNotes');
    await config.update('severity.quote-mismatch', 'error', vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (x) => x.some((d) => isMismatch(d) && d.severity === vscode.DiagnosticSeverity.Error), 'quote-mismatch as an error');
    await config.update('severity.quote-mismatch', 'off', vscode.ConfigurationTarget.Workspace);
    const off = await waitForDiagnostics(uri, (x) => x.length > 0 && !x.some(isMismatch), 'quote-mismatch to be gone');
    assert.ok(off.length > 0);
  });

  it('factNotes.quoteTolerance 0 turns the approximate match into quote-not-found', async () => {
    const uri = fileUri(BROKEN);
    await open(BROKEN);
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'quote-mismatch'), 'quote-mismatch');
    const line = ds.find((d) => codeOf(d) === 'quote-mismatch')!.range.start.line;
    await vscode.workspace.getConfiguration('factNotes').update('quoteTolerance', 0, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (x) => x.some((d) => d.range.start.line === line && codeOf(d) === 'quote-not-found'), `quote-not-found on line ${line + 1}`);
  });
});
