/**
 * Keeps `npm run bench` working: the generator is deterministic and self-consistent, the JSON Schema
 * accepts the samples, and a 1/100-scale run of the whole benchmark produces a number for every row.
 * No timing assertions.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = path.resolve(__dirname, '..', '..', '..');
const node = (args: string[], timeout: number) =>
  spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });

describe('benchmark (npm run bench)', function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fact-notes-bench-test-')));
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('generates the same bytes every time, and the workspace matches its manifest', () => {
    const hashes = ['a', 'b'].map((d) => {
      const r = node(['bench/generate.mjs', '--scale', '0.01', '--out', path.join(tmp, d)], 60_000);
      assert.equal(r.status, 0, r.stderr);
      const m = /sha256 ([0-9a-f]{64})/.exec(r.stdout);
      assert.ok(m, r.stdout);
      return m[1];
    });
    assert.equal(hashes[0], hashes[1]);
    const v = node(['bench/generate.mjs', '--out', path.join(tmp, 'a'), '--verify'], 60_000);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    const manifest = JSON.parse(fs.readFileSync(path.join(tmp, 'a', 'manifest.json'), 'utf8'));
    assert.equal(manifest.sheets.length, 2);
    assert.equal(manifest.big.facts, 1000);
    assert.ok(manifest.citations.brokenTotal > 0);
    assert.ok(manifest.hotArticle && manifest.hotArticle.sheets.length >= 2, 'a hot article cited by several sheets');
    assert.ok(fs.existsSync(path.join(tmp, 'a', manifest.notes[0])), 'markdown notes');
  });

  it('ships a JSON Schema that accepts the sample sheet and rejects bad structure (yaml-language-server)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { getLanguageService } = require('yaml-language-server');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { TextDocument } = require('vscode-languageserver-textdocument');
    const schemaPath = path.join(REPO, 'schemas', 'fact-sheet.schema.json');
    const ls = getLanguageService({
      schemaRequestService: async () => fs.readFileSync(schemaPath, 'utf8'),
      workspaceContext: { resolveRelativePath: (rel: string, res: string) => new URL(rel, res).href },
    });
    ls.configure({
      validate: true,
      schemas: [{ uri: pathToFileURL(schemaPath).href, fileMatch: ['*.facts.yaml'], schema: JSON.parse(fs.readFileSync(schemaPath, 'utf8')) }],
    });
    const validate = async (name: string, text: string) =>
      (await ls.doValidation(TextDocument.create(pathToFileURL(path.join(tmp, name)).href, 'yaml', 1, text), false)) as { message: string }[];
    const sample = fs.readFileSync(path.join(REPO, 'samples', 'reykjavik.facts.yaml'), 'utf8');
    assert.deepEqual((await validate('reykjavik.facts.yaml', sample)).map((d) => d.message), []);
    const bad = ['title: x', 'facts:', '  - claim: 3', '    cite: [{file: a.txt, line: 0}, "no-line"]', '    colour: red', '  - claim: No citation', ''].join('\n');
    const messages = (await validate('bad.facts.yaml', bad)).map((d) => d.message).join('\n');
    assert.match(messages, /colour/);
    assert.match(messages, /cite/);
    assert.ok((await validate('bad.facts.yaml', bad)).length >= 4, messages);
  });

  it('runs end to end at --scale 0.01 and reports a number for every row', () => {
    const out = path.join(tmp, 'results.json');
    const r = node(
      ['bench/run.mjs', '--scale', '0.01', '--reps', '1', '--edits', '20', '--requests', '50', '--article-reps', '2', '--settle-ms', '1000',
        '--workspace', path.join(tmp, 'ws'), '--out', out, '--quiet'],
      110_000,
    );
    assert.equal(r.status, 0, `bench exited with ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`);
    const results = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.deepEqual(results.errors, []);
    const ids = results.rows.map((row: { id: string }) => row.id);
    for (const id of [
      'ours.check.cold',
      'peer.yamlLs.process', 'peer.markdown.process', 'floor.process',
      'peer.yamlLs.inProcess', 'peer.markdown.inProcess', 'floor.inProcess',
      'lsp.firstDiagnostics', 'lsp.indexReady', 'lsp.memory', 'lsp.edit', 'lsp.hover', 'lsp.definition', 'lsp.articleChange',
      'lsp.indexQuiet', 'lsp.indexPublished', 'lsp.indexMemory', 'lsp.indexing.edit', 'lsp.indexing.hover', 'lsp.indexed.edit', 'lsp.indexed.hover',
    ]) {
      assert.ok(ids.includes(id), `row ${id} missing (have ${ids.join(', ')})`);
    }
    for (const row of results.rows) {
      assert.equal(typeof row.value, 'number', `${row.id}: ${JSON.stringify(row)}`);
      assert.ok(Number.isFinite(row.value) && row.value >= 0, row.id);
    }
    for (const id of ['lsp.edit', 'lsp.hover', 'lsp.definition']) {
      assert.equal(typeof results.rows.find((row: { id: string }) => row.id === id).p95, 'number', `${id} p95`);
    }
    for (const id of ['ours.check.cold', 'peer.yamlLs.process', 'floor.process']) {
      assert.equal(typeof results.rows.find((row: { id: string }) => row.id === id).peakRssMB, 'number', `${id} peak memory`);
    }
    assert.ok(results.ratios.length >= 3);
    for (const ratio of results.ratios) assert.equal(typeof ratio.value, 'number', ratio.id);
    assert.ok(results.budgets.length >= 9, `budgets: ${results.budgets.map((b: { name: string }) => b.name).join('; ')}`);
    for (const b of results.budgets) assert.equal(typeof b.pass, 'boolean', b.name);
    assert.match(r.stdout, /budgets/);
  });
});
