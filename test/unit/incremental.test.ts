/**
 * Checking a sheet again after an edit reuses the results of the facts the
 * edit did not touch (moved to their new offsets). Whatever the edits, the
 * result must be exactly what a fresh check of the new text gives.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Core from '../../server/src/core';

import type * as NodeHost from '../../server/src/node';

const core = require('../../../server/out/core') as typeof Core;
const { nodeFileSystem } = require('../../../server/out/node') as typeof NodeHost;
const samples = path.resolve(__dirname, '../../../samples');

function shape(c: Core.SheetCheck): string {
  return JSON.stringify({
    facts: c.sheet.facts,
    diagnostics: c.diagnostics,
    citations: c.citations.map((x) => ({ status: x.status, lines: x.lines, match: x.match, fact: x.fact.index, span: x.citation.span })),
  });
}

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('Incremental checking', function () {
  this.timeout(30000);
  const sheetPath = path.join(samples, 'edited.facts.yaml');
  const store = () => new core.SourceStore(nodeFileSystem, samples, core.DEFAULT_OPTIONS.maxSourceBytes);

  for (const name of ['reykjavik.facts.yaml', 'broken.facts.yaml']) {
    it(`gives what a fresh check gives after each of 100 random edits of ${name}`, () => {
      const next = random(42);
      let text = fs.readFileSync(path.join(samples, name), 'utf8');
      const checker = new core.SheetChecker(store(), core.DEFAULT_OPTIONS);
      checker.check(sheetPath, text);
      const pieces = ['X', ' ', '\n', '\n  - claim: new\n    cite: 000_f973f57cc2c34c65.txt:1\n', ':', '#', '"'];
      for (let n = 0; n < 100; n++) {
        const at = Math.floor(next() * text.length);
        text = next() < 0.5 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4)) : text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at);
        assert.equal(shape(checker.check(sheetPath, text)), shape(core.checkSheet(sheetPath, text, store(), core.DEFAULT_OPTIONS)), `after edit ${n}`);
      }
    });
  }

  it('gives what a fresh check gives as whole facts are inserted, removed, swapped and repeated', () => {
    const next = random(7);
    let text = fs.readFileSync(path.join(samples, 'reykjavik.facts.yaml'), 'utf8');
    const checker = new core.SheetChecker(store(), core.DEFAULT_OPTIONS);
    checker.check(sheetPath, text);
    let checked = 0;
    for (let n = 0; n < 200; n++) {
      const before = text;
      const chunks = core.splitSheet(text)!.chunks;
      const pick = () => chunks[Math.floor(next() * chunks.length)];
      const a = pick();
      const b = pick();
      const chunkA = text.slice(a.start, a.end);
      const r = next();
      if (r < 0.25 && chunks.length > 2) text = text.slice(0, a.start) + text.slice(a.end); // removed
      else if (r < 0.5) text = text.slice(0, b.start) + chunkA + text.slice(b.start); // repeated elsewhere
      else if (r < 0.75 && a.start < b.start && a.end <= b.start) {
        text = text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + chunkA + text.slice(b.end); // swapped
      } else {
        const at = a.start + Math.floor(next() * (a.end - a.start)); // one character in a fact
        text = text.slice(0, at) + 'x' + text.slice(at);
      }
      // Only edits that keep the usual layout, which is what kept results serve.
      if (!core.splitSheet(text)) {
        text = before;
        continue;
      }
      assert.equal(shape(checker.check(sheetPath, text)), shape(core.checkSheet(sheetPath, text, store(), core.DEFAULT_OPTIONS)), `after edit ${n}`);
      checked++;
    }
    assert.ok(checked > 100, `only ${checked} edits kept the layout`);
  });

  it('holds a check valid until the next check of the same checker, and says which is current', () => {
    const text = fs.readFileSync(path.join(samples, 'broken.facts.yaml'), 'utf8');
    const checker = new core.SheetChecker(store(), core.DEFAULT_OPTIONS);
    const first = checker.check(sheetPath, text);
    assert.ok(checker.isCurrent(first));
    const edited = `# one more line\n${text}`;
    const second = checker.check(sheetPath, edited);
    assert.ok(checker.isCurrent(second));
    assert.ok(!checker.isCurrent(first), 'the first check is no longer current: its kept facts were moved for the second');
    assert.equal(shape(second), shape(core.checkSheet(sheetPath, edited, store(), core.DEFAULT_OPTIONS)));
  });

  it('keeps two identical facts apart when an edit moves them both', () => {
    const fact = '  - claim: The same words.\n    cite:\n      - file: 002_70918c043bbcb2f4.txt\n        line: 99\n        quote: The meeting lasted about two hours.\n';
    const before = `sources: articles\nfacts:\n${fact}${fact}`;
    const checker = new core.SheetChecker(store(), core.DEFAULT_OPTIONS);
    checker.check(sheetPath, before);
    const after = `# a comment that moves both facts\n${before}`;
    const result = checker.check(sheetPath, after);
    assert.equal(shape(result), shape(core.checkSheet(sheetPath, after, store(), core.DEFAULT_OPTIONS)));
    const spans = result.diagnostics.map((d) => after.slice(d.span.start, d.span.end));
    assert.deepEqual(spans, ['99', '99']);
    assert.notEqual(result.diagnostics[0].span.start, result.diagnostics[1].span.start);
  });

  it('names the right line in a kept syntax error once the fact moves to another line', () => {
    const broken = '  - claim: "Never closed\n    cite: 002_70918c043bbcb2f4.txt:6\n';
    const before = `sources: articles\nfacts:\n  - claim: One\n    cite: 002_70918c043bbcb2f4.txt:6\n${broken}`;
    const checker = new core.SheetChecker(store(), core.DEFAULT_OPTIONS);
    const message = (c: Core.SheetCheck) => c.diagnostics.find((d) => d.code === 'yaml-syntax')?.message;
    assert.equal(message(checker.check(sheetPath, before)), 'The quotation mark opened on line 5 is never closed.');
    const after = `# one line more\n${before}`;
    const result = checker.check(sheetPath, after);
    assert.equal(message(result), 'The quotation mark opened on line 6 is never closed.');
    assert.equal(shape(result), shape(core.checkSheet(sheetPath, after, store(), core.DEFAULT_OPTIONS)));
  });
});
