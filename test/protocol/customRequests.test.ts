/**
 * The custom requests of server/src/protocol.ts: listing a sheet's facts, and
 * "Cite Selection", whose edit, applied, must give a sheet that checks clean.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { parse as parseYaml } from 'yaml';
import type { CiteSelectionParams, CiteSelectionResult, FactSummary } from '../../server/src/protocol';
import { applyTextEdits, copySamples, LspClient, removeFolder, uriOf, type OpenDocument } from './client';
import { brokenDiagnostics, shape } from './expected';

const LIST_FACTS = 'factNotes/listFacts';
const CITE_SELECTION = 'factNotes/citeSelection';

interface SheetFact {
  id?: string;
  claim: string;
  cite?: unknown;
}

describe('Protocol: custom requests', function () {
  let root: string;
  let client: LspClient;
  let reykjavik: OpenDocument;
  let articles: Record<string, string[]>;

  const articleUri = (name: string) => uriOf(path.join(root, 'articles', name));
  const listFacts = (sheetUri: string) => client.connection.sendRequest(LIST_FACTS, { sheetUri }) as Promise<FactSummary[]>;
  const cite = (params: CiteSelectionParams) => client.connection.sendRequest(CITE_SELECTION, params) as Promise<CiteSelectionResult>;
  /** The selected text of lines first..last (0-based) of an article, as an editor gives it. */
  const selection = (name: string, first: number, last: number, from = 0, to?: number) => {
    const lines = articles[name].slice(first, last + 1);
    lines[lines.length - 1] = lines[lines.length - 1].slice(0, to);
    lines[0] = lines[0].slice(from);
    return lines.join('\n');
  };
  const editsOf = (result: CiteSelectionResult, uri: string): TextEdit[] => {
    assert.equal(result.error, undefined);
    assert.deepEqual(Object.keys(result.edit?.changes ?? {}), [uri], 'one edit, of the sheet');
    return result.edit!.changes![uri];
  };
  const factsOf = (text: string) => parseYaml(text).facts as SheetFact[];

  before(async () => {
    root = copySamples();
    articles = {};
    for (const name of fs.readdirSync(path.join(root, 'articles'))) articles[name] = fs.readFileSync(path.join(root, 'articles', name), 'utf8').split('\n');
    client = await LspClient.start({ root });
    reykjavik = await client.openFile('reykjavik.facts.yaml');
    assert.deepEqual((await client.waitForVersion(reykjavik)).diagnostics, []);
  });
  after(async () => {
    assert.deepEqual(client.errors(), []);
    await client.stop();
    removeFolder(root);
  });

  it('Should list the facts of a sheet with their index, id and claim', async () => {
    const facts = await listFacts(reykjavik.uri);
    assert.deepEqual(
      facts,
      factsOf(reykjavik.text).map((f, index) => ({ index, id: f.id, claim: f.claim })),
    );
    assert.equal(facts.length, 38);
    assert.deepEqual(await listFacts(uriOf(path.join(root, 'nothing.facts.yaml'))), []);
  });

  it('Should add a new fact with an id, after a blank line as the sample separates its facts, and the sheet checks clean', async () => {
    const quote = selection('002_70918c043bbcb2f4.txt', 10, 10);
    const claim = 'US–Russian relations were described as icy.';
    const before = reykjavik.text;
    const result = await cite({ sheetUri: reykjavik.uri, sourceUri: articleUri('002_70918c043bbcb2f4.txt'), startLine: 10, endLine: 10, quote, claim });
    await client.edit(reykjavik, editsOf(result, reykjavik.uri));
    assert.equal(
      reykjavik.text,
      before +
        [
          '',
          '  - id: us-russian-relations-described',
          `    claim: ${claim}`,
          '    cite:',
          '      - file: 002_70918c043bbcb2f4.txt',
          '        line: 11',
          '        quote: The state of U.S.-Russia relations has been described as icy.',
          '',
        ].join('\n'),
    );
    const facts = factsOf(reykjavik.text);
    assert.equal(facts.length, 39);
    assert.deepEqual(facts[38], { id: 'us-russian-relations-described', claim, cite: [{ file: '002_70918c043bbcb2f4.txt', line: 11, quote: 'The state of U.S.-Russia relations has been described as icy.' }] });
    assert.deepEqual((await client.waitForVersion(reykjavik)).diagnostics, []);
    assert.equal((await listFacts(reykjavik.uri)).length, 39, 'listFacts reads the open text');
  });

  it('Should add a citation to an existing fact, a range for a selection over several lines', async () => {
    const index = factsOf(reykjavik.text).findIndex((f) => f.id === 'finland-offer');
    const quote = selection('002_70918c043bbcb2f4.txt', 22, 24, articles['002_70918c043bbcb2f4.txt'][22].indexOf('Haavisto said'), 'According to Lavrov'.length);
    const before = factsOf(reykjavik.text)[index];
    const result = await cite({ sheetUri: reykjavik.uri, sourceUri: articleUri('002_70918c043bbcb2f4.txt'), startLine: 22, endLine: 24, quote, factIndex: index });
    await client.edit(reykjavik, editsOf(result, reykjavik.uri));
    const after = factsOf(reykjavik.text)[index];
    assert.deepEqual(after, {
      ...before,
      cite: [
        ...(before.cite as unknown[]),
        {
          file: '002_70918c043bbcb2f4.txt',
          line: '23-25',
          quote: 'Haavisto said that he had highlighted Finland’s readiness to host the summit of the US and Russian presidents. According to Lavrov',
        },
      ],
    });
    assert.deepEqual((await client.waitForVersion(reykjavik)).diagnostics, []);
  });

  it('Should turn a single citation into a list when citing under its fact', async () => {
    const index = factsOf(reykjavik.text).findIndex((f) => f.id === 'talks-length-reuters');
    const before = factsOf(reykjavik.text)[index];
    assert.ok(!Array.isArray(before.cite), 'the sample writes this citation as a single mapping');
    const line = articles['004_03f832fef03921f4.txt'][5];
    const quote = line.slice(0, line.indexOf(' lasted'));
    const result = await cite({ sheetUri: reykjavik.uri, sourceUri: articleUri('004_03f832fef03921f4.txt'), startLine: 5, endLine: 5, quote, factIndex: index });
    await client.edit(reykjavik, editsOf(result, reykjavik.uri));
    assert.deepEqual(factsOf(reykjavik.text)[index], { ...before, cite: [before.cite, { file: '004_03f832fef03921f4.txt', line: 6, quote }] });
    assert.deepEqual((await client.waitForVersion(reykjavik)).diagnostics, []);
  });

  it('Should give the missing citation to a fact without `cite` in a sheet that is not open', async () => {
    const sheetUri = uriOf(path.join(root, 'broken.facts.yaml'));
    const disk = fs.readFileSync(path.join(root, 'broken.facts.yaml'), 'utf8');
    const index = (await listFacts(sheetUri)).findIndex((f) => f.id === 'arctic-military');
    assert.equal(index, 10);
    const quote = selection('002_70918c043bbcb2f4.txt', 36, 36, 2, articles['002_70918c043bbcb2f4.txt'][36].indexOf(' It undermines'));
    assert.equal(quote, 'We are concerned about increased military activity in the Arctic.');
    const result = await cite({ sheetUri, sourceUri: articleUri('002_70918c043bbcb2f4.txt'), startLine: 36, endLine: 36, quote, factIndex: index });
    const text = applyTextEdits(disk, editsOf(result, sheetUri));
    const doc = await client.open(sheetUri, text);
    const published = await client.waitForVersion(doc);
    assert.deepEqual(
      published.diagnostics.map(shape),
      brokenDiagnostics(text, (code) => code === 'missing-citation'),
    );
    await client.close(doc);
  });

  it('Should give a new fact an id the sheet does not have yet, in a sheet that is not open', async () => {
    const sheetUri = uriOf(path.join(root, 'broken.facts.yaml'));
    const disk = fs.readFileSync(path.join(root, 'broken.facts.yaml'), 'utf8');
    assert.equal(disk.match(/^ {2}- id: summit$/gm)?.length, 2, 'the sample has (twice) the id the claim gives');
    const quote = selection('000_f973f57cc2c34c65.txt', 18, 18);
    const result = await cite({ sheetUri, sourceUri: articleUri('000_f973f57cc2c34c65.txt'), startLine: 18, endLine: 18, quote, claim: 'Summit!' });
    const text = applyTextEdits(disk, editsOf(result, sheetUri));
    assert.ok(text.startsWith(disk), 'an insertion at the end');
    assert.equal(text.slice(disk.length), `\n  - id: summit-2\n    claim: Summit!\n    cite:\n      - file: 000_f973f57cc2c34c65.txt\n        line: 19\n        quote: ${quote.trim()}\n`);
    // Version 2: the test before opened this sheet as version 1, and that check may still be the last one published.
    const doc = await client.open(sheetUri, text, 'fact-sheet', 2);
    const published = await client.waitForVersion(doc);
    assert.deepEqual(published.diagnostics.map(shape), brokenDiagnostics(text));
    await client.close(doc);
  });

  it('Should refuse, with a reason, what cannot be cited', async () => {
    const outside = await cite({ sheetUri: reykjavik.uri, sourceUri: 'file:///etc/hosts', startLine: 0, endLine: 0, quote: 'localhost', claim: 'x' });
    assert.equal(outside.edit, undefined);
    assert.equal(outside.error, 'hosts is outside the workspace folder of reykjavik.facts.yaml, so the sheet cannot cite it.');
    const noFact = await cite({ sheetUri: reykjavik.uri, sourceUri: articleUri('002_70918c043bbcb2f4.txt'), startLine: 0, endLine: 0, quote: 'x', factIndex: 99 });
    assert.equal(noFact.edit, undefined);
    assert.equal(noFact.error, 'The sheet has no fact 100: it has 39 facts.');
    const untitled = await cite({ sheetUri: 'untitled:Untitled-1', sourceUri: articleUri('002_70918c043bbcb2f4.txt'), startLine: 0, endLine: 0, quote: 'x', claim: 'x' });
    assert.equal(untitled.error, 'Only files on disk can be cited.');
  });
});
