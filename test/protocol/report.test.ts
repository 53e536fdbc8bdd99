/**
 * `factNotes/report`: the report of a sheet from the server's current check,
 * unsaved text included; and `factNotes/factCounts`, the status bar's counts
 * of a sheet, as the report counts them.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FactCounts, ReportResult } from '../../server/src/protocol';
import { copySamples, LspClient, removeFolder, uriOf, type OpenDocument } from './client';

const REPORT = 'factNotes/report';
const FACT_COUNTS = 'factNotes/factCounts';

describe('Protocol: factNotes/report and factNotes/factCounts', function () {
  let root: string;
  let client: LspClient;
  let sheet: OpenDocument;
  const report = (sheetUri: string) => client.connection.sendRequest(REPORT, { sheetUri }) as Promise<ReportResult>;
  const counts = (sheetUri: string) => client.connection.sendRequest(FACT_COUNTS, { sheetUri }) as Promise<FactCounts | null>;

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

  it('Should count the facts of a sheet as the report does (the status bar of VS Code)', async () => {
    // The report of samples/ says: broken.facts.yaml 21 facts, 4 verified, 12 broken, 1 unsupported, 4 with warnings;
    // reykjavik.facts.yaml 38 facts, 37 verified, 1 ignored.
    assert.deepEqual(await counts(sheet.uri), { facts: 21, verified: 4, broken: 12, unsupported: 1, warning: 4, ignored: 0 });
    assert.deepEqual(await counts(uriOf(path.join(root, 'reykjavik.facts.yaml'))), { facts: 38, verified: 37, broken: 0, unsupported: 0, warning: 0, ignored: 1 });
    assert.equal(await counts(uriOf(path.join(root, 'nowhere.facts.yaml'))), null);
  });

  it('Should count again after unsaved edits of the sheet', async () => {
    // The first fact (meeting-place) is clean; pointing its citation past the end breaks it.
    const lines = sheet.text.split('\n');
    const line = lines.findIndex((l) => l.trim() === 'line: 2');
    assert.ok(line > 0);
    const character = lines[line].indexOf('2');
    await client.edit(sheet, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, newText: '999' }]);
    assert.deepEqual(await counts(sheet.uri), { facts: 21, verified: 3, broken: 13, unsupported: 1, warning: 4, ignored: 0 });
  });
});
