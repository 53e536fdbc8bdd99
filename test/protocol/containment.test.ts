/**
 * The real server over stdio reads nothing outside its workspace folder
 * (FORMAT.md section 3) and keeps answering whatever the folder holds: a
 * folder link and a sheet link that leave it, a named pipe and a link to
 * /dev/zero named like sheets; events and custom requests about paths
 * outside it read nothing.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { FileChangeType, WorkspaceSymbolRequest, type SymbolInformation } from 'vscode-languageserver-protocol';
import type { CiteSelectionResult, FactSummary } from '../../server/src/protocol';
import { joinLines } from '../helpers/text';
import { TempWorkspace } from '../helpers/workspace';
import { LspClient, uriOf } from './client';

const ARTICLE = joinLines('The talks lasted two hours.', 'It was cold.');
const INSIDE = joinLines('facts:', '  - claim: Inside claim.', '    cite:', '      - file: a.txt', '        line: 1', '        quote: The talks lasted two hours.');
/** Would be reported (quote-moved) if it were ever read. */
const OUTSIDE = joinLines('facts:', '  - claim: Outside claim.', '    cite:', '      - file: a.txt', '        line: 1', '        quote: It was cold.');

describe('Protocol: nothing outside the workspace folder', function () {
  let ws: TempWorkspace;
  let client: LspClient;
  const root = (...parts: string[]) => ws.path('root', ...parts);
  const outsideUris = () => [
    uriOf(ws.path('outside', 'out.facts.yaml')),
    uriOf(root('link.facts.yaml')),
    uriOf(root('elsewhere', 'out.facts.yaml')),
    uriOf(root('pipe.facts.yaml')),
    uriOf(root('zero.facts.yaml')),
  ];
  const listFacts = (sheetUri: string) => client.connection.sendRequest('factNotes/listFacts', { sheetUri }) as Promise<FactSummary[]>;

  before(async function () {
    if (process.platform === 'win32') this.skip();
    ws = new TempWorkspace('fact-notes-protocol-');
    ws.files({ 'root/a.txt': ARTICLE, 'root/in.facts.yaml': INSIDE, 'outside/a.txt': ARTICLE, 'outside/out.facts.yaml': OUTSIDE });
    ws.symlink(ws.path('outside'), 'root/elsewhere');
    ws.symlink(ws.path('outside', 'out.facts.yaml'), 'root/link.facts.yaml');
    ws.symlink('/etc', 'root/etc');
    ws.symlink('/dev/zero', 'root/zero.facts.yaml');
    execFileSync('mkfifo', [root('pipe.facts.yaml')]);
    client = await LspClient.start({ root: root() });
  });
  after(async () => {
    await client?.stop();
    ws?.dispose();
  });

  /** No diagnostics were ever published for a path outside the folder, or one that cannot be read. */
  function assertNothingPublishedOutside(): void {
    for (const uri of outsideUris()) {
      assert.deepEqual((client.published.get(uri) ?? []).flatMap((p) => p.diagnostics), [], uri);
    }
  }

  it('Should index and check the sheets inside, with a named pipe and a link to /dev/zero beside them', async () => {
    const published = await client.waitForDiagnostics(uriOf(root('in.facts.yaml')), () => true, 10_000);
    assert.deepEqual(published.diagnostics, []);
    assertNothingPublishedOutside();
    assert.ok(client.running);
  });

  it('Should list for Cite Selection only the sheets discovery finds: not one in a dot-folder, even open, nor links leading out', async () => {
    const listSheets = () => client.connection.sendRequest('factNotes/listSheets', { folderUri: uriOf(root()) }) as Promise<string[]>;
    assert.deepEqual(await listSheets(), [uriOf(root('in.facts.yaml'))]);
    const hidden = await client.open(uriOf(root('.hidden', 'h.facts.yaml')), INSIDE);
    await client.waitForVersion(hidden);
    assert.deepEqual(await listSheets(), [uriOf(root('in.facts.yaml'))]);
    await client.close(hidden);
    assert.deepEqual(await client.connection.sendRequest('factNotes/listSheets', { folderUri: uriOf(ws.path('outside')) }), []);
  });

  it('Should list in workspace symbols only the claims of sheets inside the folder', async () => {
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'claim' })) as SymbolInformation[];
    assert.deepEqual(symbols.map((s) => [s.name, s.location.uri]), [['Inside claim.', uriOf(root('in.facts.yaml'))]]);
  });

  it('Should list no facts of a sheet outside the folder, of /etc/passwd, /dev/zero, a named pipe or a link leading out', async () => {
    assert.equal((await listFacts(uriOf(root('in.facts.yaml')))).length, 1);
    for (const uri of [...outsideUris(), 'file:///etc/passwd', 'file:///dev/zero', uriOf(root('etc', 'passwd'))]) {
      assert.deepEqual(await listFacts(uri), [], uri);
    }
    assert.ok(client.running);
  });

  it('Should refuse to cite into a sheet outside the folder, without reading it', async () => {
    const result = (await client.connection.sendRequest('factNotes/citeSelection', {
      sheetUri: uriOf(ws.path('outside', 'out.facts.yaml')),
      sourceUri: uriOf(ws.path('outside', 'a.txt')),
      startLine: 0,
      endLine: 0,
      quote: 'The talks',
      claim: 'x',
    })) as CiteSelectionResult;
    assert.deepEqual(result, { error: 'out.facts.yaml is outside every workspace folder, so it is not read.' });
    const pipe = (await client.connection.sendRequest('factNotes/citeSelection', {
      sheetUri: uriOf(root('pipe.facts.yaml')),
      sourceUri: uriOf(root('a.txt')),
      startLine: 0,
      endLine: 0,
      quote: 'The talks',
      claim: 'x',
    })) as CiteSelectionResult;
    assert.deepEqual(pipe, { error: 'Cannot read pipe.facts.yaml: it is a named pipe, not a regular file.' });
  });

  it('Should read nothing when told of sheets created or changed outside the folder', async () => {
    await client.filesChanged([
      { uri: uriOf(ws.path('outside', 'out.facts.yaml')), type: FileChangeType.Created },
      { uri: uriOf(root('link.facts.yaml')), type: FileChangeType.Changed },
      { uri: uriOf(root('elsewhere', 'out.facts.yaml')), type: FileChangeType.Created },
      { uri: uriOf(root('pipe.facts.yaml')), type: FileChangeType.Changed },
      { uri: uriOf(root('zero.facts.yaml')), type: FileChangeType.Created },
    ]);
    // A change inside, published after the events: by then they have been handled.
    const inside = await client.openFile('in.facts.yaml');
    await client.replace(inside, 'Inside claim.', 'Inside claim, edited.');
    await client.waitForVersion(inside);
    assertNothingPublishedOutside();
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'claim' })) as SymbolInformation[];
    assert.deepEqual(symbols.map((s) => s.name), ['Inside claim, edited.']);
    await client.close(inside);
  });

  it('Should still check a sheet outside the folder that the editor opens, from its text', async () => {
    const doc = await client.open(uriOf(ws.path('outside', 'opened.facts.yaml')), OUTSIDE);
    const published = await client.waitForVersion(doc);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['quote-moved']);
    await client.close(doc);
    assert.deepEqual(client.errors(), []);
    assert.ok(client.running);
  });
});
