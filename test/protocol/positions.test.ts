/**
 * Positions are UTF-16 code units, as LSP counts them: a sheet and an article
 * with astral characters (emoji) still get exact ranges.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeActionRequest, DefinitionRequest, DiagnosticSeverity, HoverRequest, type CodeAction, type Hover, type Location, type MarkupContent } from 'vscode-languageserver-protocol';
import { after as afterText, copySamples, LspClient, positionAt, rangeIn, removeFolder, uriOf, type OpenDocument } from './client';
import { brokenDiagnostics, shape, SOURCE, unescapeMarkdown } from './expected';

const ARTICLE = ['🎉 The party starts now.', 'Second line: 😀 smiles all round, and 🎉 more.', ''].join('\n');

const SHEET = [
  '# 🎉🎉🎉 a comment with emoji',
  'sources: articles',
  'facts:',
  '  - id: party',
  '    claim: The party 🎉 started on time 😀.',
  '    cite:',
  '      - file: emoji.txt',
  '        line: 1',
  '        quote: 🎉 The party startz now.',
  '      - {file: emoji.txt, line: 2, quote: "😀 smiles all round, and 🎉 more."}',
  '      - {quote: "😀 smiles all round", file: emoji.txt, line: 1}',
  '  - {claim: "🎉 Party", cite: "emoji.txt:9"}',
  '',
].join('\n');

describe('Protocol: UTF-16 positions', function () {
  let root: string;
  let client: LspClient;
  let doc: OpenDocument;

  const expected = (text: string) => [
    { code: 'quote-mismatch', severity: DiagnosticSeverity.Warning, range: rangeIn(text, 'quote: 🎉', text.includes('🎉🎉 The') ? '🎉🎉 The party startz now.' : '🎉 The party startz now.'), source: SOURCE },
    { code: 'quote-moved', severity: DiagnosticSeverity.Error, range: rangeIn(text, '{quote: "😀 smiles all round", file: emoji.txt, line: 1}', '1'), source: SOURCE },
    { code: 'line-out-of-range', severity: DiagnosticSeverity.Error, range: rangeIn(text, '"emoji.txt:9"', '9'), source: SOURCE },
  ];

  before(async () => {
    root = copySamples({ 'articles/emoji.txt': ARTICLE, 'party.facts.yaml': SHEET });
    client = await LspClient.start({ root });
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
    removeFolder(root);
  });

  it('Should put each diagnostic exactly on its value, after emoji on the line and on the lines before', async () => {
    const published = await client.waitForDiagnostics(uriOf(path.join(root, 'party.facts.yaml')));
    assert.deepEqual(published.diagnostics.map(shape), expected(SHEET));
    // The quote value's end counts the emoji as two units: 15 + 24.
    assert.deepEqual(published.diagnostics[0].range, { start: { line: 8, character: 15 }, end: { line: 8, character: 15 + '🎉 The party startz now.'.length } });
    assert.equal('🎉 The party startz now.'.length, 24);
    assert.equal(published.diagnostics[1].message, 'Change line to 2: the quote is there, not on line 1 of "emoji.txt". Line 1 says: "🎉 The party starts now."');
  });

  it('Should keep exact ranges after an incremental change that inserts an emoji', async () => {
    doc = await client.openFile('party.facts.yaml');
    await client.waitForVersion(doc);
    await client.edit(doc, [{ range: { start: positionAt(doc.text, doc.text.indexOf('🎉 The party startz')), end: positionAt(doc.text, doc.text.indexOf('🎉 The party startz')) }, newText: '🎉' }]);
    const published = await client.waitForVersion(doc);
    assert.ok(doc.text.includes('quote: 🎉🎉 The party startz now.'));
    assert.deepEqual(published.diagnostics.map(shape), expected(doc.text));
    assert.equal(published.diagnostics[0].range.end.character, 15 + 26);
  });

  it('Should answer hover and definition at positions after emoji, with the source range in UTF-16', async () => {
    const position = afterText(doc.text, '{file: emoji.txt, line: 2, quote: "😀 smiles');
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position })) as Hover;
    assert.equal(
      unescapeMarkdown((hover.contents as MarkupContent).value),
      '**emoji.txt**, line 2 — ✓ quote verified\n\n> Second line: **😀 smiles all round, and 🎉 more.**',
    );
    assert.deepEqual(hover.range, rangeIn(doc.text, '{file: emoji.txt, line: 2, quote: "😀 smiles all round, and 🎉 more."}'));
    const location = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: doc.uri }, position })) as Location;
    const quote = '😀 smiles all round, and 🎉 more.';
    assert.deepEqual(location, {
      uri: uriOf(path.join(root, 'articles', 'emoji.txt')),
      range: { start: { line: 1, character: 'Second line: '.length }, end: { line: 1, character: 'Second line: '.length + quote.length } },
    });
    assert.equal(quote.length, 33, 'two astral characters count as four units');
  });
});

describe('Protocol: CRLF line ends and unusual folder names', function () {
  let parent: string;
  let root: string;
  let client: LspClient;

  before(async () => {
    parent = copySamples();
    // The workspace folder itself has spaces, parentheses, a plus and a non-ASCII letter in its name.
    root = path.join(parent, 'Fact notes (draft) ü+1');
    fs.mkdirSync(root);
    fs.cpSync(path.join(parent, 'articles'), path.join(root, 'articles'), { recursive: true });
    fs.cpSync(path.join(parent, 'snapshots'), path.join(root, 'snapshots'), { recursive: true });
    const article = path.join(root, 'articles', '004_03f832fef03921f4.txt');
    fs.writeFileSync(article, fs.readFileSync(article, 'utf8').replace(/\n/g, '\r\n'));
    fs.writeFileSync(path.join(root, 'broken.facts.yaml'), fs.readFileSync(path.join(parent, 'broken.facts.yaml'), 'utf8').replace(/\n/g, '\r\n'));
    client = await LspClient.start({ root });
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
    removeFolder(parent);
  });

  it('Should give the same exact ranges for a CRLF sheet, under the URI of a folder with special characters', async () => {
    const uri = uriOf(path.join(root, 'broken.facts.yaml'));
    assert.ok(uri.includes('Fact%20notes%20%28draft%29%20%C3%BC%2B1'), uri);
    const text = fs.readFileSync(path.join(root, 'broken.facts.yaml'), 'utf8');
    const published = await client.waitForDiagnostics(uri);
    assert.deepEqual(published.diagnostics.map(shape), brokenDiagnostics(text.replace(/\r\n/g, '\n')));
  });

  it('Should go to the quote in a CRLF article, and fix a CRLF sheet without breaking its line ends', async () => {
    const doc = await client.openFile('broken.facts.yaml');
    await client.waitForVersion(doc);
    const location = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: doc.uri }, position: afterText(doc.text, 'quote: In Reykjavik') })) as Location;
    const quote = 'In Reykjavik, on the sidelines of an Arctic Council meeting';
    assert.deepEqual(location, { uri: uriOf(path.join(root, 'articles', '004_03f832fef03921f4.txt')), range: { start: { line: 1, character: 0 }, end: { line: 1, character: quote.length } } });

    const fixAllActions = async () =>
      (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: doc.uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.factNotes'] },
      })) as CodeAction[];
    assert.deepEqual(await fixAllActions(), [], 'no fix-all while the sheet is not valid YAML');
    // The YAML error repaired by hand (the text after the closing quote goes), fix-all is offered.
    await client.replace(doc, ' Russian news agency TASS reported', '');
    await client.waitForVersion(doc);
    const [fixAll] = await fixAllActions();
    await client.edit(doc, fixAll.edit!.changes![doc.uri]);
    const published = await client.waitForVersion(doc);
    assert.ok(!/[^\r]\n/.test(doc.text), 'every line still ends with CRLF');
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['quote-altered', 'quote-not-found', 'quote-not-found', 'source-outside-root', 'source-unreadable', 'missing-citation', 'duplicate-id', 'unknown-key', 'invalid-structure', 'invalid-structure', 'source-changed', 'invalid-suppression', 'claim-unsupported'],
    );
  });
});
