/**
 * The fast path (the yaml Lexer plus the project's composition) must give
 * exactly what the yaml package's full parser gives, or give up. Checked on
 * the samples, a generated sheet, hand-written shapes, and thousands of
 * deterministic random edits of them.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Core from '../../server/src/core';
import type * as Fast from '../../server/src/core/fastYaml';
import { TempWorkspace } from '../helpers/workspace';

const core = require('../../../server/out/core') as typeof Core;
const { fastCompose } = require('../../../server/out/core/fastYaml') as typeof Fast;
const repo = path.resolve(__dirname, '../../..');

/** Everything the checker reads from a parse, as comparable text. */
function shape(p: Core.ParsedSheet): string {
  const diagnostics = p.diagnostics.map((d) => [d.code, d.span, d.message, d.fixes]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return JSON.stringify({ title: p.sheet.title, sources: p.sheet.sources, facts: p.sheet.facts, diagnostics });
}

function assertSameOrGivesUp(text: string, label: string): boolean {
  if (fastCompose(text) === undefined) return false;
  assert.equal(shape(core.parseWhole(text)), shape(core.parseWhole(text, { fast: false })), `fast and full parses differ for ${label}:\n${text}`);
  return true;
}

/** A small deterministic generator, so every run tries the same edits. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const PIECES = [' ', ':', '-', '#', '"', "'", '[', ']', '{', '}', ',', '\n', '  ', 'x', '1', '\t', '&a', '*a', '|', '>', '? ', '---\n', '\r\n', '\n  ', '\n    ', '- ', ': ', '…', '’'];

describe('Fast YAML path', function () {
  this.timeout(60000);
  const bases: { name: string; text: string }[] = [];

  before(() => {
    for (const name of ['reykjavik.facts.yaml', 'broken.facts.yaml']) bases.push({ name, text: fs.readFileSync(path.join(repo, 'samples', name), 'utf8') });
    const ws = new TempWorkspace('fact-notes-fast-');
    try {
      execFileSync(process.execPath, [path.join(repo, 'bench/generate.mjs'), '--out', ws.root, '--scale', '0.01'], { stdio: 'pipe' });
      bases.push({ name: 'generated s000', text: ws.read('sheets/s000.facts.yaml') });
    } finally {
      ws.dispose();
    }
  });

  it('takes the fast path on the clean sample and on generated sheets, with the same result', () => {
    for (const b of bases.filter((x) => x.name !== 'broken.facts.yaml')) assert.ok(assertSameOrGivesUp(b.text, b.name), `${b.name} should take the fast path`);
  });

  it('gives up on the broken sample as a whole (it has a YAML error) but not on its other facts', () => {
    const broken = bases.find((x) => x.name === 'broken.facts.yaml')!.text;
    assert.equal(fastCompose(broken), undefined);
    const layout = core.splitSheet(broken)!;
    const fast = layout.chunks.filter((c) => fastCompose(broken.slice(c.start, c.end)) !== undefined).length;
    assert.equal(fast, layout.chunks.length - 1);
  });

  it('gives the same result for hand-written shapes, or gives up', () => {
    const shapes = [
      'facts:\n- claim: a\n  cite: x.txt:1\n',
      'facts:\n  - claim: >-\n      folded\n      text\n    cite: [x.txt:1, {file: y.txt, line: 2}]\n',
      'facts:\n  - claim: "multi\n      line"\n    note: plain\n      continued\n    cite:\n      - file: x.txt\n        line: "3-4"\n        quote: \'it\'\'s\'\n',
      'facts:\n  - claim: x\n    cite:\n      - file: a\n        line:\n        quote: # nothing\n',
      'title: t\nfacts:\n  - claim: x\n    cite: a:1\n    claim: duplicate\n',
      'facts:\n  - claim: x\n    cite: a:1\n       # deeper comment\n  - claim: y\n',
      'facts: []\n',
      '',
      '# only a comment\n',
      'facts:\n  - claim: x\n    cite: a:1\n  -\n  - claim: z\n    cite: b:2\n',
      'facts:\n  - &anchor\n    claim: x\n  - *anchor\n',
    ];
    shapes.forEach((s, i) => assertSameOrGivesUp(s, `shape ${i}`));
  });

  it('gives the same result as the full parser on thousands of random edits, or gives up', () => {
    const next = random(20261122);
    let compared = 0;
    for (const b of bases) {
      for (let n = 0; n < 400; n++) {
        let text = b.text;
        const edits = 1 + Math.floor(next() * 3);
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(next() * text.length);
          text = next() < 0.4 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3)) : text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
        }
        if (assertSameOrGivesUp(text, `${b.name}, edit ${n}`)) compared++;
      }
    }
    // The fast path must still be taken for a good share of slightly edited sheets.
    assert.ok(compared > 300, `only ${compared} edits took the fast path`);
  });
});
