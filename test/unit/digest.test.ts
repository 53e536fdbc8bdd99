/**
 * A closed sheet kept as its digest (issue 16): the workspace answers the
 * features over every sheet, source-unused and the evidence for repairs
 * from the digest as it would from the sheet's whole check, and reads the
 * sheet again from disk when it must be checked again.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_OPTIONS, digestOf, FactWorkspace, LineIndex, nodeFileSystem, REPO_ROOT, runGit, type SheetDigest } from '../helpers/core';
import { joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

/** A digest's data, without its functions. */
function data(d: SheetDigest): unknown {
  return { path: d.path, sourcesDir: d.sourcesDir, citations: d.citations, facts: d.facts };
}

function workspaceAt(root: string): FactWorkspace {
  const w = new FactWorkspace({ fs: nodeFileSystem, openSourceText: () => undefined, git: runGit });
  w.setRoots([root]);
  w.setOptions(DEFAULT_OPTIONS);
  w.indexAll();
  return w;
}

describe('closed sheets kept as their digests', () => {
  const ws = useTempWorkspace();

  /** The samples' two sheets and articles, and twenty more sheets: some valid, some garbage, some citing nothing. */
  function archive(): string[] {
    const samples = path.join(REPO_ROOT, 'samples');
    for (const name of fs.readdirSync(path.join(samples, 'articles'))) ws.current.write(`articles/${name}`, fs.readFileSync(path.join(samples, 'articles', name)));
    ws.current.write('broken.facts.yaml', fs.readFileSync(path.join(samples, 'broken.facts.yaml')));
    ws.current.write('reykjavik.facts.yaml', fs.readFileSync(path.join(samples, 'reykjavik.facts.yaml')));
    const article = fs.readdirSync(path.join(samples, 'articles')).find((n) => n.endsWith('.txt'))!;
    const odd = [
      joinLines('sources: articles', 'facts:', '  - claim: "Unclosed [bracket', '    cite: { file: x'),
      joinLines('sources: articles', 'facts:', `  - claim: Line one.`, `    cite: ${article}:1`),
      joinLines('sources: articles', 'facts:', '  - claim: No citation.'),
      '\u0000\u0001 not yaml at all: [:',
      joinLines('sources: articles', 'facts:', `  - id: dup`, `    claim: A`, `    cite: missing.txt:3`, `  - id: dup`, `    claim: B`, `    cite: ${article}:2-4`),
    ];
    for (let i = 0; i < 20; i++) ws.current.write(`more/s${String(i).padStart(2, '0')}.facts.yaml`, odd[i % odd.length].replace('sources: articles', 'sources: ../articles'));
    return workspaceAt(ws.current.root).paths().sort();
  }

  it('Should give the same digests, unused articles and answers as each sheet checked alone, once most are kept as digests', () => {
    const paths = archive();
    const w = workspaceAt(ws.current.root);
    // Each sheet checked in turn, as the server's publishing does: all but the last eight are then kept as digests.
    for (const p of paths) w.check(p);
    const kept = w.digests();
    assert.equal(kept.length, paths.length);
    for (const d of kept) {
      const alone = workspaceAt(ws.current.root);
      const check = alone.check(d.path)!;
      assert.deepEqual(data(d), data(digestOf(check, new LineIndex(fs.readFileSync(d.path, 'utf8')), () => undefined)), d.path);
    }
    const fresh = workspaceAt(ws.current.root);
    assert.deepEqual(w.unusedSources(), fresh.unusedSources());
    assert.deepEqual(w.listFacts(paths[0]), fresh.listFacts(paths[0]));
  });

  it('Should read a sheet kept as its digest from disk again when its article changes', () => {
    const paths = archive();
    const w = workspaceAt(ws.current.root);
    for (const p of paths) w.check(p);
    // s04 cites lines 2-4 of the article (and a missing file).
    const sheet = ws.current.path('more/s04.facts.yaml');
    const before = w.check(sheet)!.diagnostics.map((d) => d.code);
    assert.ok(!before.includes('line-out-of-range'), before.join());
    for (const p of paths) if (p !== sheet) w.check(p);
    const article = w.digests().find((d) => d.path === sheet)!.citations[0].sourcePath;
    fs.writeFileSync(article, 'One line only.\n');
    const affected = w.sourceChanged([article]);
    assert.ok(affected.includes(sheet), 'a sheet kept as its digest still depends on its article');
    assert.deepEqual(
      w.check(sheet)!.diagnostics.map((d) => d.code).filter((c) => !before.includes(c)),
      ['line-out-of-range'],
    );
  });
});
