/**
 * Issue 14 (first part): the hover of a citation shows what the
 * sources.yaml beside its article says (title, outlet, date, the URL as a
 * link), and that file is not an article no one cites.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { CodeActionRequest, DiagnosticSeverity, DocumentSymbolRequest, FileChangeType, type CodeAction, type Diagnostic, HoverRequest, WorkspaceSymbolRequest, type DocumentSymbol, type Hover, type MarkupContent, type SymbolInformation } from 'vscode-languageserver-protocol';
import { applyTextEdits, copySamples, LspClient, positionAt, rangeIn, removeFolder, uriOf } from './client';

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

describe('Protocol: source-changed (issue 14)', function () {
  this.timeout(20000);
  let root: string;
  let client: LspClient;
  before(async () => {
    root = copySamples();
    client = await LspClient.start({ root });
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
    removeFolder(root);
  });

  const changed = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.filter((d) => d.code === 'source-changed');

  it('Should warn on the citation of a saved source edited since, and offer to record it (never preferred, not in Fix All)', async () => {
    // samples/snapshots/statement.txt was edited by hand after it was saved (samples/README.md).
    const doc = await client.openFile('broken.facts.yaml');
    const published = await client.waitForVersion(doc, (p) => changed(p).length > 0);
    const [d] = changed(published);
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(d.range, rangeIn(doc.text, 'file: ../snapshots/statement.txt', '../snapshots/statement.txt'));
    assert.match(d.message, /^Compare "statement\.txt" with its original, "statement\.orig\.pdf", before relying on it/);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: doc.uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
      ['Record the current text as the snapshot', false],
      ['Ignore source-changed here…', false],
    ]);
    const provenance = path.join(root, 'snapshots', 'sources.yaml');
    const digest = createHash('sha256').update(fs.readFileSync(path.join(root, 'snapshots', 'statement.txt'))).digest('hex');
    const edits = actions[0].edit?.changes?.[uriOf(provenance)];
    assert.equal(edits?.length, 1);
    assert.equal(edits[0].newText, digest);
    const fixAll = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: doc.uri }, range: d.range, context: { diagnostics: [], only: ['source.fixAll.factNotes'] } })) as CodeAction[];
    assert.ok(fixAll.every((a) => !a.edit?.changes?.[uriOf(provenance)]), 'Fix All leaves sources.yaml alone');

    // Applying it (as the editor would, then saving) records the edited text: the warning goes.
    const yaml = fs.readFileSync(provenance, 'utf8');
    fs.writeFileSync(provenance, applyTextEdits(yaml, edits));
    await client.filesChanged([{ uri: uriOf(provenance), type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(doc.uri, (p) => changed(p).length === 0 && p.diagnostics.length > 0);

    // An unsaved edit of the saved text in the editor counts as a change.
    const article = await client.openFile(path.join('snapshots', 'statement.txt'));
    await client.replace(article, 'lasted about two hours', 'lasted about three hours');
    const again = await client.waitForDiagnostics(doc.uri, (p) => changed(p).length > 0);
    assert.equal(changed(again).length, 1);
    await client.close(article);
    await client.close(doc);
  });
});
