/**
 * Issue 14 (first part): the hover of a citation shows what the
 * sources.yaml beside its article says (title, outlet, date, the URL as a
 * link), and that file is not an article no one cites.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { copySamples, LspClient, positionAt, removeFolder, uriOf } from './client';

const PROVENANCE = [
  '- file: 004_03f832fef03921f4.txt',
  '  title: Blinken and Lavrov meet in Reykjavik',
  '  outlet: A wire service',
  '  published: 2021-05-20',
  '  url: https://example.org/reykjavik',
  '- file: 002_70918c043bbcb2f4.txt',
  '  url: "javascript:alert(1)"',
  '',
].join('\n');

describe('Protocol: provenance in hovers', function () {
  this.timeout(20000);
  let root: string;
  let client: LspClient;
  before(async () => {
    root = copySamples({ 'articles/sources.yaml': PROVENANCE });
    client = await LspClient.start({ root });
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
    removeFolder(root);
  });

  const hoverOn = async (needle: string): Promise<string> => {
    const doc = await client.openFile('reykjavik.facts.yaml');
    await client.waitForVersion(doc);
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position: positionAt(doc.text, doc.text.indexOf(needle) + 3) })) as Hover | null;
    await client.close(doc);
    return (hover?.contents as MarkupContent).value;
  };

  it('Should show the title, outlet and date of the cited article, with its URL as a link', async () => {
    const text = await hoverOn('file: 004_03f832fef03921f4.txt');
    assert.ok(text.includes('*Blinken and Lavrov meet in Reykjavik* — A wire service — 2021\\-05\\-20 · [https://example\\.org/reykjavik](https://example.org/reykjavik)'), text);
  });

  it('Should show an address that is not a web address as text, never as a link', async () => {
    const text = await hoverOn('file: 002_70918c043bbcb2f4.txt');
    assert.ok(text.includes('javascript:alert\\(1\\)') && !text.includes('](javascript'), text);
  });

  it('Should not report sources.yaml as an article no sheet cites', async () => {
    await client.waitForDiagnostics(uriOf(path.join(root, 'reykjavik.facts.yaml')));
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(client.latest(uriOf(path.join(root, 'articles', 'sources.yaml'))), undefined);
  });
});
