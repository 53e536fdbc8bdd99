/**
 * Diagnostics from the real server over stdio: on open, as the sheet is
 * edited, for the whole workspace, and as settings change.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { copySamples, LspClient, rangeIn, removeFolder, uriOf, type OpenDocument } from './client';
import { ALL_CODES, BROKEN_INDEX, brokenDiagnostics, shape, SOURCE } from './expected';

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code));

describe('Protocol: diagnostics', function () {
  describe('for the samples, opened and not', () => {
    let root: string;
    let client: LspClient;
    let brokenUri: string;
    let reykjavikUri: string;

    before(async () => {
      root = copySamples();
      brokenUri = uriOf(path.join(root, 'broken.facts.yaml'));
      reykjavikUri = uriOf(path.join(root, 'reykjavik.facts.yaml'));
      client = await LspClient.start({ root });
    });
    after(async () => {
      await client.stop();
      removeFolder(root);
    });

    it('Should publish diagnostics for every sheet of the workspace at start, before any is opened', async () => {
      const broken = await client.waitForDiagnostics(brokenUri);
      const reykjavik = await client.waitForDiagnostics(reykjavikUri);
      const text = fs.readFileSync(path.join(root, 'broken.facts.yaml'), 'utf8');
      assert.deepEqual(broken.diagnostics.map(shape), brokenDiagnostics(text));
      assert.equal(broken.version, undefined, 'a sheet no editor has open has no version');
      assert.deepEqual(reykjavik.diagnostics, []);
      assert.equal(reykjavik.version, undefined);
      assert.deepEqual([...client.published.keys()].sort(), [brokenUri, reykjavikUri].sort(), 'only the two sheets are checked, not the articles');
    });

    it('Should report every code of broken.facts.yaml on open, each on its node, with the open version', async () => {
      const doc = await client.openFile('broken.facts.yaml');
      const published = await client.waitForVersion(doc);
      assert.deepEqual(published.diagnostics.map(shape), brokenDiagnostics(doc.text));
      assert.deepEqual([...new Set(codes(published))].sort(), [...ALL_CODES].sort());
      for (const d of published.diagnostics) {
        assert.equal(d.source, SOURCE);
        assert.ok(d.message.length > 0, `${String(d.code)} has a message`);
      }
    });

    it('Should say what the source says in the message of quote-moved and line-out-of-range', () => {
      const published = client.latest(brokenUri)!;
      const moved = published.diagnostics.find((d) => d.code === 'quote-moved')!;
      assert.equal(
        moved.message,
        'Change line to 6: the quote is there, not on line 5 of "004_03f832fef03921f4.txt". Line 5 says: "Sergei Lavrov agreed that Russia and the United States have…"',
      );
      const outOfRange = published.diagnostics.find((d) => d.code === 'line-out-of-range')!;
      assert.equal(outOfRange.message, 'Change line to 3: the quote is there. Line 43 is past the end of "002_70918c043bbcb2f4.txt", which has 41 lines.');
    });

    it('Should report nothing for reykjavik.facts.yaml on open', async () => {
      const doc = await client.openFile('reykjavik.facts.yaml');
      const published = await client.waitForVersion(doc);
      assert.deepEqual(published.diagnostics, []);
      assert.deepEqual(client.errors(), []);
    });
  });

  describe('as the sheet is edited', () => {
    let root: string;
    let client: LspClient;
    let doc: OpenDocument;

    before(async () => {
      root = copySamples();
      client = await LspClient.start({ root });
      doc = await client.openFile('broken.facts.yaml');
      await client.waitForVersion(doc);
    });
    after(async () => {
      await client.stop();
      removeFolder(root);
    });

    it('Should drop quote-mismatch when an incremental change fixes the quote, and keep every other diagnostic', async () => {
      const quote = 'Lavrov, for his part, found the talks constructve and said both sides understod the need to improve relations';
      await client.edit(doc, [
        { range: rangeIn(doc.text, quote, 'constructve'), newText: 'constructive' },
        { range: rangeIn(doc.text, quote, 'understod'), newText: 'understood' },
      ]);
      assert.equal(doc.version, 2);
      const published = await client.waitForVersion(doc);
      assert.deepEqual(
        published.diagnostics.map(shape),
        brokenDiagnostics(doc.text, (_code, i) => i === BROKEN_INDEX.quoteMismatch),
      );
    });

    it('Should add quote-mismatch when a change breaks a verified quote, on the quote value', async () => {
      const context = 'quote: In Reykjavik, on the sidelines of an Arctic Council meeting';
      await client.edit(doc, [{ range: rangeIn(doc.text, context, 'meeting'), newText: 'meetting' }]);
      const published = await client.waitForVersion(doc);
      const added = published.diagnostics.filter((d) => d.code === 'quote-mismatch');
      assert.equal(added.length, 1);
      assert.deepEqual(shape(added[0]), {
        code: 'quote-mismatch',
        severity: DiagnosticSeverity.Warning,
        range: rangeIn(doc.text, 'quote: In Reykjavik', 'In Reykjavik, on the sidelines of an Arctic Council meetting'),
        source: SOURCE,
      });
      assert.equal(
        added[0].message,
        'Replace the quote with the source\'s text, "In Reykjavik, on the sidelines of an Arctic Council meeting": it differs from line 2 of "004_03f832fef03921f4.txt" in spelling only (1 edit).',
      );
      assert.equal(published.diagnostics.length, brokenDiagnostics(doc.text, (_code, i) => i === BROKEN_INDEX.quoteMismatch).length + 1);
    });

    it('Should publish the version of each change and never an older version after a newer one', async () => {
      const from = client.published.get(doc.uri)!.length;
      // Three changes in a row, faster than the server's debounce, then one more after they settled.
      for (const word of ['gathering', 'session', 'meeting']) {
        const current = /Arctic Council (meetting|gathering|session)\n/.exec(doc.text)![1];
        await client.edit(doc, [{ range: rangeIn(doc.text, `Arctic Council ${current}\n`, current), newText: word }]);
      }
      const settled = await client.waitForVersion(doc);
      assert.equal(settled.version, 6);
      assert.deepEqual(settled.diagnostics.map(shape), brokenDiagnostics(doc.text, (_code, i) => i === BROKEN_INDEX.quoteMismatch));
      await client.replace(doc, 'tags: [meeting]\n', 'tags: [meeting, reykjavik]\n');
      await client.waitForVersion(doc);
      const versions = client.published.get(doc.uri)!.slice(from).map((p) => p.version as number);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `versions published in order: ${versions.join(', ')}`);
      assert.equal(versions[versions.length - 1], 7);
      assert.ok(versions.every((v) => v >= 3 && v <= 7));
    });

    it('Should go back to the text on disk when the sheet is closed', async () => {
      await client.close(doc);
      const published = await client.waitForDiagnostics(doc.uri, (p) => p.version === undefined);
      assert.deepEqual(published.diagnostics.map(shape), brokenDiagnostics(fs.readFileSync(path.join(root, 'broken.facts.yaml'), 'utf8')));
    });
  });

  describe('with settings', () => {
    let root: string;
    let client: LspClient;
    let brokenUri: string;
    let text: string;

    before(async () => {
      root = copySamples();
      brokenUri = uriOf(path.join(root, 'broken.facts.yaml'));
      text = fs.readFileSync(path.join(root, 'broken.facts.yaml'), 'utf8');
      client = await LspClient.start({ root, settings: { factNotes: { severity: { 'unknown-key': 'error' } } } });
    });
    after(async () => {
      await client.stop();
      removeFolder(root);
    });

    it('Should read the settings at start (workspace/configuration)', async () => {
      const published = await client.waitForDiagnostics(brokenUri);
      const expected = brokenDiagnostics(text).map((d) => (d.code === 'unknown-key' ? { ...d, severity: DiagnosticSeverity.Error } : d));
      assert.deepEqual(published.diagnostics.map(shape), expected);
    });

    it('Should drop quote-mismatch once factNotes.severity.quote-mismatch is off', async () => {
      await client.changeSettings({ factNotes: { severity: { 'quote-mismatch': 'off' } } });
      const published = await client.waitForDiagnostics(brokenUri, (p) => !codes(p).includes('quote-mismatch'));
      assert.deepEqual(published.diagnostics.map(shape), brokenDiagnostics(text, (_code, i) => i === BROKEN_INDEX.quoteMismatch));
    });

    it('Should report the approximate quote as quote-not-found with quoteTolerance 0', async () => {
      await client.changeSettings({ factNotes: { quoteTolerance: 0 } });
      const published = await client.waitForDiagnostics(brokenUri, (p) => !codes(p).includes('quote-mismatch') && fourNotFound(p));
      const approximate: number[] = [BROKEN_INDEX.quoteMismatch, BROKEN_INDEX.quoteAltered];
      const expected = brokenDiagnostics(text).map((d, i) => (approximate.includes(i) ? { ...d, code: 'quote-not-found', severity: DiagnosticSeverity.Error } : d));
      assert.deepEqual(published.diagnostics.map(shape), expected);
      const notFound = published.diagnostics.find((d) => d.code === 'quote-not-found' && d.range.start.line === expected[BROKEN_INDEX.quoteMismatch].range.start.line)!;
      assert.equal(
        notFound.message,
        'The quote is not in "002_70918c043bbcb2f4.txt", not even approximately. Line 7 says: "Lavrov, for his part, found the talks constructive and said…".',
      );
    });

    it('Should restore the defaults when the settings are emptied', async () => {
      await client.changeSettings({});
      const published = await client.waitForDiagnostics(brokenUri, (p) => codes(p).includes('quote-mismatch'));
      assert.deepEqual(published.diagnostics.map(shape), brokenDiagnostics(text));
    });

    /** Four quote-not-found: the two of the sample and the two (quote-mismatch, quote-altered) tolerance 0 adds. */
    function fourNotFound(p: PublishDiagnosticsParams): boolean {
      return codes(p).filter((c) => c === 'quote-not-found').length === 4;
    }
  });
  describe('with settings pushed by a client that cannot answer workspace/configuration', () => {
    let root: string;
    let client: LspClient;
    let brokenUri: string;
    let text: string;

    before(async () => {
      root = copySamples();
      brokenUri = uriOf(path.join(root, 'broken.facts.yaml'));
      text = fs.readFileSync(path.join(root, 'broken.facts.yaml'), 'utf8');
      client = await LspClient.start({ root, pullConfiguration: false, initializationOptions: { settings: { severity: { 'unknown-key': 'off' } } } });
    });
    after(async () => {
      await client.stop();
      removeFolder(root);
    });

    it('Should take the first settings from initializationOptions', async () => {
      const published = await client.waitForDiagnostics(brokenUri);
      assert.deepEqual(published.diagnostics.map(shape), brokenDiagnostics(text, (code) => code === 'unknown-key'));
    });

    it('Should take the settings from workspace/didChangeConfiguration', async () => {
      await client.changeSettings({ factNotes: { severity: { 'quote-mismatch': 'off', 'source-unreadable': 'hint' } } }, true);
      const published = await client.waitForDiagnostics(brokenUri, (p) => !codes(p).includes('quote-mismatch'));
      const expected = brokenDiagnostics(text, (_code, i) => i === BROKEN_INDEX.quoteMismatch).map((d) =>
        d.code === 'source-unreadable' ? { ...d, severity: DiagnosticSeverity.Hint } : d,
      );
      assert.deepEqual(published.diagnostics.map(shape), expected);
      assert.deepEqual(client.registrations, [], 'nothing is registered with a client that cannot register');
    });
  });
});
