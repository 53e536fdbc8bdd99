/**
 * The handshake: what the server announces, what it asks the client to do,
 * and that it ends on `shutdown` and `exit`.
 */
import * as assert from 'node:assert/strict';
import { CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind } from 'vscode-languageserver-protocol';
import { copySamples, LspClient, removeFolder } from './client';

describe('Protocol: lifecycle', function () {
  let root: string;
  let client: LspClient;

  before(async () => {
    root = copySamples();
    client = await LspClient.start({ root });
  });
  after(async () => {
    await client.stop();
    removeFolder(root);
  });

  it('Should announce every feature of FORMAT.md section 6, with incremental sync', () => {
    const result = client.initializeResult!;
    assert.equal(result.serverInfo?.name, 'fact-notes');
    const c = result.capabilities;
    assert.deepEqual(c.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
    assert.equal(c.hoverProvider, true);
    assert.equal(c.definitionProvider, true);
    assert.equal(c.referencesProvider, true);
    assert.ok(c.completionProvider);
    assert.equal(c.documentSymbolProvider, true);
    assert.equal(c.workspaceSymbolProvider, true);
    assert.ok(c.documentLinkProvider);
    assert.deepEqual(c.codeActionProvider, { codeActionKinds: [CodeActionKind.QuickFix, 'source.fixAll.factNotes'] });
  });

  it('Should ask for settings changes and for file changes of the workspace, to re-check sources changed on disk', async () => {
    // Registrations come right after `initialized`.
    await client.waitUntil(
      () => (client.registrations.length >= 2 ? true : undefined),
      () => `two registrations, got ${JSON.stringify(client.registrations)}`,
    );
    const methods = client.registrations.map((r) => r.method).sort();
    assert.deepEqual(methods, [DidChangeConfigurationNotification.method, DidChangeWatchedFilesNotification.method].sort());
    const watch = client.registrations.find((r) => r.method === DidChangeWatchedFilesNotification.method)!;
    assert.deepEqual(watch.registerOptions, { watchers: [{ globPattern: '**/*' }] });
  });

  it('Should exit with status 0 after shutdown and exit', async () => {
    const exited = client.exitCode();
    await client.stop();
    assert.equal(await exited, 0);
    assert.equal(client.running, false);
  });
});
