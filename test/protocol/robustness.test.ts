/**
 * The server keeps answering whatever it is sent: unknown documents,
 * garbage sheets, requests on documents it does not know.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  HoverRequest,
  ReferencesRequest,
  type Position,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { copySamples, LspClient, offsetAt, positionAt, removeFolder, uriOf } from './client';

/** Every request a sheet can get at a position, answered (not failed). */
async function askEverything(client: LspClient, uri: string, position: Position) {
  const textDocument = { uri };
  const range = { start: position, end: position };
  return {
    hover: await client.connection.sendRequest(HoverRequest.type, { textDocument, position }),
    definition: await client.connection.sendRequest(DefinitionRequest.type, { textDocument, position }),
    references: await client.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }),
    completion: await client.connection.sendRequest(CompletionRequest.type, { textDocument, position }),
    symbols: await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
    links: await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument }),
    actions: await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: [] } }),
    fixAll: await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: [], only: ['source.fixAll.factNotes'] } }),
  };
}

/** Every diagnostic range lies inside the text, start before end. */
function assertInside(text: string, published: PublishDiagnosticsParams): void {
  for (const d of published.diagnostics) {
    const start = offsetAt(text, d.range.start);
    const end = offsetAt(text, d.range.end);
    assert.ok(0 <= start && start <= end && end <= text.length, `${String(d.code)} at ${JSON.stringify(d.range)} is inside the text`);
    assert.deepEqual(positionAt(text, start), d.range.start, 'the start is a real position of the text');
    assert.deepEqual(positionAt(text, end), d.range.end, 'the end is a real position of the text');
  }
}

const GARBAGE: Record<string, string> = {
  'unclosed brackets and stray colons': 'facts: [\n  - {{{\n: : :\n\t"unterminated\n',
  'a tab-indented block and a bad directive': '%YAML 9.9\n---\nfacts:\n\t- claim: x\n  cite: [a.txt:1\n',
  'two documents and an alias loop': 'a: &x [*x]\n---\nfacts: *nope\n...\n---\n- - -\n',
  'control characters': 'facts:\u0000\u0007 \u001b[31m\n  - claim: \uFFFE\n',
  'deeply nested lists': `facts: ${'['.repeat(2000)}\n`,
};

describe('Protocol: robustness', function () {
  let root: string;
  let client: LspClient;

  before(async () => {
    root = copySamples();
    client = await LspClient.start({ root });
    await client.waitForDiagnostics(uriOf(path.join(root, 'reykjavik.facts.yaml')));
  });
  after(async () => {
    await client.stop();
    removeFolder(root);
  });

  it('Should answer null or nothing for documents it does not know, without failing', async () => {
    for (const uri of ['file:///nowhere/unknown.facts.yaml', 'untitled:Untitled-1', 'file:///nowhere/notes.txt', uriOf(path.join(root, 'articles', '000_f973f57cc2c34c65.txt'))]) {
      const answers = await askEverything(client, uri, { line: 3, character: 5 });
      assert.deepEqual(answers, { hover: null, definition: null, references: [], completion: [], symbols: [], links: [], actions: [], fixAll: [] }, uri);
    }
    assert.deepEqual(client.errors(), []);
  });

  it('Should ignore changes and closes of documents that were never opened', async () => {
    const uri = uriOf(path.join(root, 'never-opened.facts.yaml'));
    await client.edit({ uri, version: 1, text: 'facts:\n' }, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'x' }]);
    await client.close({ uri, version: 2, text: '' });
    const answers = await askEverything(client, uri, { line: 0, character: 0 });
    assert.equal(answers.hover, null);
    assert.deepEqual(client.errors(), []);
    assert.ok(client.running);
  });

  for (const [name, text] of Object.entries(GARBAGE)) {
    it(`Should report a garbage sheet (${name}) and keep answering`, async () => {
      const uri = uriOf(path.join(root, `garbage-${name.replace(/\W+/g, '-')}.facts.yaml`));
      const doc = await client.open(uri, text);
      const published = await client.waitForVersion(doc);
      assert.ok(published.diagnostics.length > 0, 'something is reported');
      assertInside(text, published);
      if (name !== 'control characters' && name !== 'two documents and an alias loop') {
        assert.ok(published.diagnostics.some((d) => d.code === 'yaml-syntax'), `yaml-syntax among ${published.diagnostics.map((d) => String(d.code)).join(', ')}`);
      }
      for (let offset = 0; offset <= text.length; offset += Math.max(1, Math.floor(text.length / 7))) {
        await askEverything(client, uri, positionAt(text, offset));
      }
      // Typing more garbage is checked as well.
      await client.edit(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: ']]} - : "\n' }]);
      assertInside(doc.text, await client.waitForVersion(doc));
      await client.close(doc);
      assert.deepEqual((await client.waitForDiagnostics(uri, (p) => p.version === undefined)).diagnostics, [], 'a closed sheet that is not on disk is cleared');
      assert.deepEqual(client.errors(), []);
      assert.ok(client.running);
    });
  }

  it('Should report yaml-syntax where the parser stops, and still check the facts that parsed', async () => {
    const uri = uriOf(path.join(root, 'half.facts.yaml'));
    const text = [
      'sources: articles',
      'facts:',
      '  - claim: Fine.',
      '    cite: 004_03f832fef03921f4.txt:99',
      '  - claim: "Broken',
      '    cite: 004_03f832fef03921f4.txt:2',
      '',
    ].join('\n');
    const doc = await client.open(uri, text);
    const published = await client.waitForVersion(doc);
    const codes = published.diagnostics.map((d) => String(d.code));
    assert.ok(codes.includes('yaml-syntax'), codes.join(', '));
    assert.ok(codes.includes('line-out-of-range'), `the first fact is still checked: ${codes.join(', ')}`);
    assertInside(text, published);
    await client.close(doc);
  });

  it('Should still answer on the samples after all that', async () => {
    const text = fs.readFileSync(path.join(root, 'reykjavik.facts.yaml'), 'utf8');
    const at = text.indexOf('claim: The talks lasted') + 10;
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(path.join(root, 'reykjavik.facts.yaml')) }, position: positionAt(text, at) });
    assert.ok(hover);
    assert.ok(client.running);
    assert.deepEqual(client.errors(), []);
  });
});
