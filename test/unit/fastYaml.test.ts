/**
 * The fast path (the yaml Lexer plus the project's composition) must give
 * exactly what the yaml package's full parser gives, or give up. Checked on
 * the samples, a generated sheet, hand-written shapes, and thousands of
 * deterministic random edits of them.
 */
import * as assert from 'node:assert/strict';
import type * as Core from '../../server/src/core';
import type * as Fast from '../../server/src/core/parse/fastYaml';
import { baseSheets, random, randomlyEdited } from '../helpers/sheets';

const core = require('../../../server/out/core') as typeof Core;
const { fastCompose } = require('../../../server/out/core/parse/fastYaml') as typeof Fast;

/** Everything the checker reads from a parse, as comparable text. */
function shape(p: Core.ParsedSheet): string {
  const diagnostics = p.diagnostics.map((d) => [d.code, d.span, d.message, d.fixes]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return JSON.stringify({ title: p.sheet.title, sources: p.sheet.sources, facts: p.sheet.facts, diagnostics });
}

function assertSameOrGivesUp(text: string, label: string): boolean {
  if (fastCompose(text) === undefined) return false;
  assert.equal(shape(core.parseWhole(text)), shape(core.parseWhole(text, { reference: true })), `fast and full parses differ for ${label}:\n${text}`);
  return true;
}


const PIECES = [' ', ':', '-', '#', '"', "'", '[', ']', '{', '}', ',', '\n', '  ', 'x', '1', '\t', '&a', '*a', '|', '>', '? ', '---\n', '\r\n', '\n  ', '\n    ', '- ', ': ', '…', '’'];

describe('Fast YAML path', function () {
  this.timeout(60000);
  let bases: { name: string; text: string }[] = [];

  before(() => {
    bases = baseSheets();
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

  it('reads flow collections inside flow collections on one line, with the full parser\'s ranges', () => {
    const nested = [
      'facts: [{claim: "a [0", cite: a.txt:1}, {claim: \'b \'\'1\', cite: [{file: a.txt, line: 2}]}]\n',
      'facts:\n  - claim: x\n    cite: [{file: a.txt, line: 2, quote: "the talks"}, b.txt:3]\n',
      'facts:\n  - claim: x\n    note: {a: {b: c}, d: [1, [2, 3]]}\n    cite: [ {file: a.txt , line: 2} , b.txt:3 ]  # comment\n',
      'facts: [[], {}, [[]], {a: []}]\n',
    ];
    nested.forEach((s, i) => assert.ok(assertSameOrGivesUp(s, `nested flow ${i}`), `nested flow ${i} should take the fast path`));
    for (const gives of ['facts: [{[a]: b}]\n', 'facts: [[a]: b]\n', 'facts: [{a: b}: c]\n', `facts: ${'['.repeat(200)}${']'.repeat(200)}\n`]) {
      assert.equal(fastCompose(gives), undefined, gives.slice(0, 40));
    }
  });

  it('gives the same result as the full parser on thousands of random edits, or gives up', () => {
    const next = random(20261122);
    let compared = 0;
    for (const b of bases) {
      for (let n = 0; n < 400; n++) {
        const text = randomlyEdited(b.text, PIECES, next);
        if (assertSameOrGivesUp(text, `${b.name}, edit ${n}`)) compared++;
      }
    }
    // The fast path must still be taken for a good share of slightly edited sheets.
    assert.ok(compared > 300, `only ${compared} edits took the fast path`);
  });
});
