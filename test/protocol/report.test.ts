/** `factNotes/report`: the report of a sheet from the server's current check, unsaved text included. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ReportResult } from '../../server/src/protocol';
import { copySamples, LspClient, removeFolder, uriOf, type OpenDocument } from './client';

const REPORT = 'factNotes/report';

describe('Protocol: factNotes/report', function () {
  let root: string;
  let client: LspClient;
  let sheet: OpenDocument;
  const report = (sheetUri: string) => client.connection.sendRequest(REPORT, { sheetUri }) as Promise<ReportResult>;

  before(async () => {
    root = copySamples();
    client = await LspClient.start({ root });
    sheet = await client.openFile('broken.facts.yaml');
    await client.waitForVersion(sheet);
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
    removeFolder(root);
  });

  it('Should answer the page of an open sheet, with its title', async () => {
    const result = await report(sheet.uri);
    assert.equal(result.title, 'Blinken and Lavrov in Reykjavik -- a sheet with mistakes');
    assert.match(result.html!, /<h1>Blinken and Lavrov in Reykjavik -- a sheet with mistakes<\/h1>/);
    assert.match(result.html!, /<p class="meta">Fact sheet <span class="file">broken\.facts\.yaml<\/span><\/p>/);
    assert.match(result.html!, /<span class="badge broken">Broken: quote-moved<\/span>/);
    assert.match(result.html!, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    assert.doesNotMatch(result.html!, /<script/i);
  });

  it('Should follow unsaved edits of the sheet', async () => {
    const line = sheet.text.split('\n').findIndex((l) => l.startsWith('title:'));
    await client.edit(sheet, [{ range: { start: { line, character: 0 }, end: { line, character: sheet.text.split('\n')[line].length } }, newText: 'title: Edited <b>title</b>' }]);
    const result = await report(sheet.uri);
    assert.equal(result.title, 'Edited <b>title</b>');
    assert.match(result.html!, /<h1>Edited &lt;b&gt;title&lt;\/b&gt;<\/h1>/);
  });

  it('Should answer a sheet on disk that is not open, and an error for what is not a sheet it knows', async () => {
    const closed = await report(uriOf(path.join(root, 'reykjavik.facts.yaml')));
    assert.match(closed.html!, /<h1>Blinken and Lavrov meet in Reykjavik \(May 2021\)<\/h1>/);
    const none = await report(uriOf(path.join(root, 'nowhere.facts.yaml')));
    assert.equal(none.html, undefined);
    assert.match(none.error!, /not in a workspace folder/);
  });
});
