/** `factNotes/factCounts`: the status bar's counts of a sheet, as the report counts them, unsaved text included. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FactCounts } from '../../server/src/protocol';
import { copySamples, LspClient, removeFolder, uriOf, type OpenDocument } from './client';

const FACT_COUNTS = 'factNotes/factCounts';

describe('Protocol: factNotes/factCounts', function () {
  let root: string;
  let client: LspClient;
  let sheet: OpenDocument;
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

  it('Should count the facts of the samples as fact-notes report does', async () => {
    // The report of samples/ says: broken.facts.yaml 21 facts, 4 verified, 12 broken, 1 unsupported, 4 with warnings;
    // reykjavik.facts.yaml 38 facts, 37 verified, 1 ignored.
    assert.deepEqual(await counts(sheet.uri), { facts: 21, verified: 4, broken: 12, unsupported: 1, warning: 4, ignored: 0 });
    assert.deepEqual(await counts(uriOf(path.join(root, 'reykjavik.facts.yaml'))), { facts: 38, verified: 37, broken: 0, unsupported: 0, warning: 0, ignored: 1 });
  });

  it('Should follow unsaved edits of the sheet', async () => {
    // The first fact (meeting-place) is clean; pointing its citation past the end breaks it.
    const lines = sheet.text.split('\n');
    const line = lines.findIndex((l) => l.trim() === 'line: 2');
    assert.ok(line > 0);
    const character = lines[line].indexOf('2');
    await client.edit(sheet, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, newText: '999' }]);
    assert.deepEqual(await counts(sheet.uri), { facts: 21, verified: 3, broken: 13, unsupported: 1, warning: 4, ignored: 0 });
  });

  it('Should answer null for what is not a sheet it knows', async () => {
    assert.equal(await counts(uriOf(path.join(root, 'nowhere.facts.yaml'))), null);
  });
});
