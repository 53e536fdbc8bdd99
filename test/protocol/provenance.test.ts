/**
 * Issue 14 (first part): the hover of a citation shows what the
 * sources.yaml beside its article says (title, outlet, date, the URL as a
 * link), and that file is not an article no one cites.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { DocumentSymbolRequest, FileChangeType, HoverRequest, WorkspaceSymbolRequest, type DocumentSymbol, type Hover, type MarkupContent, type SymbolInformation } from 'vscode-languageserver-protocol';
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

  it('Should show the article titles in the outline and in workspace symbols', async () => {
    const doc = await client.openFile('reykjavik.facts.yaml');
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: doc.uri } })) as DocumentSymbol[];
    const details = symbols.flatMap((f) => f.children ?? []).filter((c) => c.name.startsWith('004_03f832fef03921f4.txt')).map((c) => c.detail ?? '');
    assert.ok(details.length > 0 && details.every((d) => d.startsWith('Blinken and Lavrov meet in Reykjavik, A wire service · ')), JSON.stringify(details.slice(0, 3)));
    await client.close(doc);
    const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'lavrov meet' })) as SymbolInformation[];
    const article = found.find((x) => x.name === 'Blinken and Lavrov meet in Reykjavik');
    assert.deepEqual(article && { uri: article.location.uri, container: article.containerName }, { uri: uriOf(path.join(root, 'articles', '004_03f832fef03921f4.txt')), container: 'A wire service' });
  });

  it('Should report a malformed sources.yaml on its lines, keep checking the citations, and clear it once repaired', async () => {
    const file = path.join(root, 'articles', 'sources.yaml');
    const uri = uriOf(file);
    fs.writeFileSync(file, PROVENANCE.replace('  outlet: A wire service', '  outlet: A wire service\n  editor: Someone'));
    await client.filesChanged([{ uri, type: FileChangeType.Changed }]);
    const bad = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(bad.diagnostics.map((d) => [d.range.start.line, d.code, d.severity, d.message.split(':')[0]]), [[3, 'invalid-structure', 2, 'Remove "editor" or rename it']]);
    // The citations are checked as before: the clean sheet stays clean.
    assert.deepEqual(client.latest(uriOf(path.join(root, 'reykjavik.facts.yaml')))!.diagnostics, []);
    fs.writeFileSync(file, PROVENANCE);
    await client.filesChanged([{ uri, type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  });

  it('Should not report sources.yaml as an article no sheet cites', async () => {
    await client.waitForDiagnostics(uriOf(path.join(root, 'reykjavik.facts.yaml')));
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual(client.latest(uriOf(path.join(root, 'articles', 'sources.yaml')))?.diagnostics ?? [], [], 'no source-unused for sources.yaml');
  });
});
