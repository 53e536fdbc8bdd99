/**
 * Issue 13: factNotes/pasteCitation over stdio, as the VS Code client asks
 * it when words copied from an article are pasted into a sheet.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as Protocol from '../../server/src/protocol';
import { copySamples, LspClient, positionAt, removeFolder, uriOf, type OpenDocument } from './client';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- values from the build output (see test/helpers/core.ts)
const { PasteCitationRequest } = require('../../../server/out/protocol') as typeof Protocol;

const ARTICLE = '004_03f832fef03921f4.txt';
const QUOTE = 'lasted one hour and 45 minutes';

describe('Protocol: paste as citation', function () {
  this.timeout(20000);
  let root: string;
  let client: LspClient;
  let doc: OpenDocument;
  before(async () => {
    root = copySamples();
    client = await LspClient.start({ root });
    doc = await client.openFile('reykjavik.facts.yaml');
    await client.waitForVersion(doc);
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
    removeFolder(root);
  });

  const paste = (sheetUri: string, text: string, offset: number, sourceUri = uriOf(path.join(root, 'articles', ARTICLE))) =>
    client.connection.sendRequest(PasteCitationRequest, { sheetUri, position: positionAt(text, offset), sourceUri, startLine: 5, endLine: 5, quote: QUOTE } satisfies Protocol.PasteCitationParams) as Promise<Protocol.PasteCitationResult>;

  it('Should add the citation to the fact it is pasted in, and the sheet still checks clean', async () => {
    const result = await paste(doc.uri, doc.text, doc.text.indexOf('id: meeting-place') + 4);
    const edits = result.edit!.changes![doc.uri];
    assert.equal(edits.length, 1);
    assert.match(edits[0].newText, /- file: 004_03f832fef03921f4\.txt\n\s+line: 6\n\s+quote: lasted one hour and 45 minutes/);
    await client.edit(doc, edits);
    const published = await client.waitForVersion(doc);
    assert.deepEqual(published.diagnostics, []);
  });

  it('Should make a new fact on an empty line of the list, with its claim to write', async () => {
    const result = await paste(doc.uri, doc.text, doc.text.length);
    assert.equal(result.newFact!.before, '  - claim: ');
    assert.match(result.newFact!.after, /^\n {4}cite:\n {6}- file: 004_03f832fef03921f4\.txt\n {8}line: 6\n {8}quote: lasted one hour and 45 minutes$/);
  });

  it('Should paste plain text, with the reason, for an article outside the folder', async () => {
    const result = await paste(doc.uri, doc.text, doc.text.length, uriOf('/etc/hostname'));
    assert.deepEqual(Object.keys(result), ['reason']);
    assert.match(result.reason!, /outside the workspace folder/);
  });
});
