/**
 * Sources changing under the sheets that cite them: in an unsaved editor
 * buffer, on disk (announced by workspace/didChangeWatchedFiles), deleted;
 * and sheets appearing on disk.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, FileChangeType, ReferencesRequest, WorkspaceSymbolRequest, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { copySamples, indexOf, LspClient, positionAt, rangeIn, removeFolder, SAMPLES, uriOf } from './client';
import { brokenDiagnostics, shape, SOURCE } from './expected';

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code));

/** Every `(start of) needle` range in `text`. */
function everyRange(text: string, context: string, inner: string) {
  const out = [];
  for (let at = text.indexOf(context); at >= 0; at = text.indexOf(context, at + 1)) {
    const start = indexOf(text, inner, 1, at);
    out.push({ start: positionAt(text, start), end: positionAt(text, start + inner.length) });
  }
  return out;
}

describe('Protocol: changing sources', function () {
  let root: string;
  let client: LspClient;
  let reykjavikUri: string;
  let brokenUri: string;
  let reykjavik: string;
  let broken: string;

  beforeEach(async () => {
    root = copySamples();
    reykjavikUri = uriOf(path.join(root, 'reykjavik.facts.yaml'));
    brokenUri = uriOf(path.join(root, 'broken.facts.yaml'));
    reykjavik = fs.readFileSync(path.join(root, 'reykjavik.facts.yaml'), 'utf8');
    broken = fs.readFileSync(path.join(root, 'broken.facts.yaml'), 'utf8');
    client = await LspClient.start({ root });
    await client.waitForDiagnostics(reykjavikUri, (p) => p.diagnostics.length === 0);
    await client.waitForDiagnostics(brokenUri, (p) => p.diagnostics.length === brokenDiagnostics(broken).length);
  });
  afterEach(async () => {
    await client.stop();
    removeFolder(root);
  });

  it('Should re-check the citing sheets against the unsaved text of an open article, and the disk once it is closed', async () => {
    const article = await client.openFile('articles/004_03f832fef03921f4.txt', 'plaintext');
    // A letter dropped: a spelling-level difference (FORMAT.md 4.1), so quote-mismatch.
    await client.replace(article, 'an Arctic Council meeting, US Secretary', 'an Arctic Council meetng, US Secretary');
    // Both sheets cite line 2 of 004 with the quote "In Reykjavik, on the sidelines of an Arctic Council meeting".
    const quote = 'In Reykjavik, on the sidelines of an Arctic Council meeting';
    const fromReykjavik = await client.waitForDiagnostics(reykjavikUri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(fromReykjavik.diagnostics.map(shape), [
      { code: 'quote-mismatch', severity: DiagnosticSeverity.Warning, range: rangeIn(reykjavik, `quote: ${quote}`, quote), source: SOURCE },
    ]);
    assert.equal(
      fromReykjavik.diagnostics[0].message,
      'Replace the quote with the source\'s text, "In Reykjavik, on the sidelines of an Arctic Council meetng": it differs from line 2 of "004_03f832fef03921f4.txt" in spelling only (1 edit).',
    );
    const fromBroken = await client.waitForDiagnostics(brokenUri, (p) => codes(p).filter((c) => c === 'quote-mismatch').length === 2);
    const mismatch = rangeIn(broken, `quote: ${quote}`, quote);
    assert.deepEqual(
      fromBroken.diagnostics.map(shape),
      [...brokenDiagnostics(broken), { code: 'quote-mismatch', severity: DiagnosticSeverity.Warning, range: mismatch, source: SOURCE }].sort(
        (a, b) => a.range.start.line - b.range.start.line,
      ),
    );
    assert.ok(fs.readFileSync(path.join(root, 'articles', '004_03f832fef03921f4.txt'), 'utf8').includes('Council meeting, US'), 'the disk is untouched');

    await client.close(article);
    assert.deepEqual((await client.waitForDiagnostics(reykjavikUri, (p) => p.diagnostics.length === 0)).diagnostics, []);
    const reverted = await client.waitForDiagnostics(brokenUri, (p) => codes(p).filter((c) => c === 'quote-mismatch').length === 1);
    assert.deepEqual(reverted.diagnostics.map(shape), brokenDiagnostics(broken));
  });

  it('Should report quote-not-found when the open article loses the cited sentence', async () => {
    const article = await client.openFile('articles/004_03f832fef03921f4.txt', 'plaintext');
    const sentence = 'The first high-level talks between the top American diplomat and his Russian counterpart lasted one hour and 45 minutes, taking longer than expected.';
    await client.replace(article, sentence, 'The talks were short.');
    const quote = 'lasted one hour and 45 minutes, taking longer than expected';
    const published = await client.waitForDiagnostics(reykjavikUri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map(shape), [
      { code: 'quote-not-found', severity: DiagnosticSeverity.Error, range: rangeIn(reykjavik, `quote: ${quote}`, quote), source: SOURCE },
    ]);
    assert.equal(published.diagnostics[0].message, 'The quote is not in "004_03f832fef03921f4.txt", not even approximately. Line 6 says: "The talks were short.".');
  });

  it('Should re-check the citing sheets when an article changes on disk (didChangeWatchedFiles)', async () => {
    const file = path.join(root, 'articles', '002_70918c043bbcb2f4.txt');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('The meeting lasted about two hours.', 'The meeting lasted about three hours.'));
    await client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Changed }]);
    const quote = 'The meeting lasted about two hours.';
    const published = await client.waitForDiagnostics(reykjavikUri, (p) => p.diagnostics.length > 0);
    // A number changed: the source now says something else (FORMAT.md 4.1), an error.
    assert.deepEqual(published.diagnostics.map(shape), [
      { code: 'quote-altered', severity: DiagnosticSeverity.Error, range: rangeIn(reykjavik, `quote: ${quote}`, quote), source: SOURCE },
    ]);
    assert.equal(
      published.diagnostics[0].message,
      'Check the claim against line 3 of "002_70918c043bbcb2f4.txt": the source says "three hours" where the quote says "two hours".',
    );
  });

  it('Should report source-not-found on every citation of an article deleted from disk', async () => {
    const name = '003_028d879ad9c7ab06.txt';
    const file = path.join(root, 'articles', name);
    fs.rmSync(file);
    await client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Deleted }]);
    const published = await client.waitForDiagnostics(reykjavikUri, (p) => p.diagnostics.length > 0);
    const expected = everyRange(reykjavik, `file: ${name}`, name).map((range) => ({ code: 'source-not-found', severity: DiagnosticSeverity.Error, range, source: SOURCE }));
    assert.equal(expected.length, 12);
    assert.deepEqual(published.diagnostics.map(shape), expected);
    assert.equal(published.diagnostics[0].message, `There is no file "${name}" in "articles".`);
    // broken.facts.yaml cites 003 once (quote-not-found before): now that citation's file is missing.
    const fromBroken = await client.waitForDiagnostics(brokenUri, (p) => codes(p).filter((c) => c === 'source-not-found').length === 2);
    const before = brokenDiagnostics(broken);
    const frank = before.findIndex((d) => d.code === 'quote-not-found');
    const after = [...before];
    after.splice(frank, 1, { code: 'source-not-found', severity: DiagnosticSeverity.Error, range: rangeIn(broken, `file: ${name}`, name), source: SOURCE });
    assert.deepEqual(fromBroken.diagnostics.map(shape), after);

    // And back: the file reappears.
    fs.writeFileSync(file, fs.readFileSync(path.join(SAMPLES, 'articles', name)));
    await client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Created }]);
    assert.deepEqual((await client.waitForDiagnostics(reykjavikUri, (p) => p.diagnostics.length === 0)).diagnostics, []);
  });

  it('Should check a sheet created on disk once it is announced, and find its citations', async () => {
    const text = [
      'sources: articles',
      'facts:',
      '  - claim: The talks took longer than expected.',
      '    cite: [004_03f832fef03921f4.txt:99, 004_03f832fef03921f4.txt:6]',
      '',
    ].join('\n');
    const file = path.join(root, 'later.facts.yaml');
    fs.writeFileSync(file, text);
    await client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Created }]);
    const published = await client.waitForDiagnostics(uriOf(file));
    assert.deepEqual(published.diagnostics.map(shape), [
      { code: 'line-out-of-range', severity: DiagnosticSeverity.Error, range: rangeIn(text, ':99', '99'), source: SOURCE },
    ]);
    assert.equal(published.diagnostics[0].message, 'Line 99 is past the end of "004_03f832fef03921f4.txt", which has 21 lines.');
    const references = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uriOf(path.join(root, 'articles', '004_03f832fef03921f4.txt')) },
      position: { line: 5, character: 0 },
      context: { includeDeclaration: true },
    }))!;
    assert.deepEqual(
      references.map((l) => [l.uri, l.range.start.line]).sort(),
      [
        [uriOf(file), 3],
        [reykjavikUri, reykjavik.split('\n').indexOf('      file: 004_03f832fef03921f4.txt')],
        [brokenUri, positionAt(broken, broken.indexOf('- file: 004_03f832fef03921f4.txt\n        line: 6\n        quote: lasted one hour')).line],
      ].sort(),
      'the new sheet, reykjavik.facts.yaml and broken.facts.yaml (claim-unsupported) cite line 6 of 004',
    );
    assert.deepEqual(references.find((l) => l.uri === uriOf(file))!.range, rangeIn(text, ', 004_03f832fef03921f4.txt:6', '004_03f832fef03921f4.txt:6'));

    fs.rmSync(file);
    await client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Deleted }]);
    assert.deepEqual((await client.waitForDiagnostics(uriOf(file), (p) => p.diagnostics.length === 0)).diagnostics, [], 'a deleted sheet has its diagnostics cleared');
  });
  it('Should re-check the citing sheets when a whole folder of articles is deleted, announced as one folder event', async () => {
    fs.rmSync(path.join(root, 'articles'), { recursive: true });
    await client.filesChanged([{ uri: uriOf(path.join(root, 'articles')), type: FileChangeType.Deleted }]);
    const published = await client.waitForDiagnostics(reykjavikUri, (p) => p.diagnostics.length > 0);
    const expected = [...reykjavik.matchAll(/(?:file: |- )(\d{3}_[0-9a-f]{16}\.txt)/g)].map((m) => {
      const start = m.index! + m[0].length - m[1].length;
      return { code: 'source-not-found', severity: DiagnosticSeverity.Error, range: { start: positionAt(reykjavik, start), end: positionAt(reykjavik, start + m[1].length) }, source: SOURCE };
    });
    assert.equal(expected.length, 73);
    assert.deepEqual(published.diagnostics.map(shape), expected);
  });

  it('Should clear the sheets of a deleted folder', async () => {
    const inner = path.join(root, 'sub', 'inner.facts.yaml');
    fs.mkdirSync(path.dirname(inner));
    fs.writeFileSync(inner, 'sources: ../articles\nfacts:\n  - claim: Lost.\n    cite: 004_03f832fef03921f4.txt:99\n');
    await client.filesChanged([{ uri: uriOf(inner), type: FileChangeType.Created }]);
    assert.deepEqual((await client.waitForDiagnostics(uriOf(inner))).diagnostics.map((d) => d.code), ['line-out-of-range']);
    fs.rmSync(path.dirname(inner), { recursive: true });
    await client.filesChanged([{ uri: uriOf(path.dirname(inner)), type: FileChangeType.Deleted }]);
    assert.deepEqual((await client.waitForDiagnostics(uriOf(inner), (p) => p.diagnostics.length === 0)).diagnostics, []);
    const symbols = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'Lost' });
    assert.deepEqual(symbols, [], 'the deleted sheet is out of the index');
  });
  it('Should re-read a sheet changed on disk, unless an editor has it open', async () => {
    const file = path.join(root, 'broken.facts.yaml');
    const fixed = broken.replace('        line: 5\n        quote: lasted one hour', '        line: 6\n        quote: lasted one hour');
    fs.writeFileSync(file, fixed);
    await client.filesChanged([{ uri: brokenUri, type: FileChangeType.Changed }]);
    const published = await client.waitForDiagnostics(brokenUri, (p) => !codes(p).includes('quote-moved'));
    assert.deepEqual(published.diagnostics.map(shape), brokenDiagnostics(fixed, (code) => code === 'quote-moved'));

    const doc = await client.openFile('broken.facts.yaml');
    await client.replace(doc, 'line: 43', 'line: 3');
    await client.waitForVersion(doc);
    fs.writeFileSync(file, broken);
    await client.filesChanged([{ uri: brokenUri, type: FileChangeType.Changed }]);
    // A change in the editor after the disk event: its diagnostics still come from the editor's text.
    await client.replace(doc, 'tags: [meeting]\n', 'tags: [meeting, x]\n');
    const open = await client.waitForVersion(doc);
    assert.deepEqual(open.diagnostics.map(shape), brokenDiagnostics(doc.text, (code) => code === 'quote-moved' || code === 'line-out-of-range'));
  });

  it('Should index the sheets of an added workspace folder, and drop those of a removed one', async () => {
    const second = copySamples();
    try {
      const secondBroken = uriOf(path.join(second, 'broken.facts.yaml'));
      await client.changeFolders([second], []);
      const published = await client.waitForDiagnostics(secondBroken);
      assert.deepEqual(published.diagnostics.map(shape), brokenDiagnostics(broken));
      const inBoth = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'navalny' });
      assert.equal(inBoth!.length, 4, 'two sheets with a navalny fact in each folder');

      await client.changeFolders([], [second]);
      assert.deepEqual((await client.waitForDiagnostics(secondBroken, (p) => p.diagnostics.length === 0)).diagnostics, []);
      const inFirst = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'navalny' });
      assert.deepEqual(inFirst!.map((s) => path.dirname(URI.parse(s.location.uri).fsPath)), [root, root]);
    } finally {
      removeFolder(second);
    }
  });
});
