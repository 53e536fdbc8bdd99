/**
 * The fact scanner (the fastest path for plainly written facts) must give
 * exactly what the `yaml` package's path gives, or give up. Checked on the
 * samples, a generated sheet, hand-written shapes, and thousands of
 * deterministic random edits of them.
 */
import * as assert from 'node:assert/strict';
import type * as Core from '../../server/src/core';
import type * as Scanner from '../../server/src/core/parse/factScanner';
import type * as SheetModule from '../../server/src/core/parse/sheet';
import { baseSheets, random, randomlyEdited } from '../helpers/sheets';

const core = require('../../../server/out/core') as typeof Core;
const { scanFact, scanHead } = require('../../../server/out/core/parse/factScanner') as typeof Scanner;
const { parseFacts, parseHead } = require('../../../server/out/core/parse/sheet') as typeof SheetModule;

/** Compares the head and every chunk of a sheet both ways; returns how many facts the scanner read. */
function compareChunks(text: string, label: string): { scanned: number; chunks: number; head: boolean } {
  const layout = core.splitSheet(text);
  if (!layout) return { scanned: 0, chunks: 0, head: false };
  assert.deepStrictEqual(parseHead(text, layout.headEnd), parseHead(text, layout.headEnd, { reference: true }), `scanner and yaml differ for the head of ${label}:\n${text.slice(0, layout.headEnd)}`);
  const head = scanHead(text, layout.headEnd) !== undefined;
  let scanned = 0;
  layout.chunks.forEach((chunk, i) => {
    const fast = parseFacts(text, chunk, 7);
    const full = parseFacts(text, chunk, 7, { reference: true });
    assert.deepStrictEqual(fast, full, `scanner and yaml differ for ${label}, fact ${i}:\n${text.slice(chunk.start, chunk.end)}`);
    if (scanFact(text, chunk.start, chunk.end, 7) !== undefined) scanned++;
  });
  return { scanned, chunks: layout.chunks.length, head };
}


const PIECES = [' ', ':', '-', '#', ' #', '"', "'", '\\', '\\"', "''", '[', ']', '{', '}', ',', '\n', '  ', 'x', '1', '0x1', '.5', '~', 'null', 'true', '&a', '*a', '!', '|', '>', '? ', '%', '@', '`', '\r\n', '\r', '\n  ', '\n    ', '- ', ': ', '…', '’', '\u2028', '\u0085', '\ufeff', 'é', 'e\u0301', 'file: ', 'line: ', 'quote: ', 'cite:', 'tags: '];

describe('Fact scanner', function () {
  this.timeout(60000);
  let bases: { name: string; text: string }[] = [];

  before(() => {
    bases = baseSheets();
  });

  it('reads the head and every fact of a generated sheet, with the same result as the yaml package', () => {
    const { scanned, chunks, head } = compareChunks(bases.find((b) => b.name === 'generated s000')!.text, 'generated s000');
    assert.ok(chunks >= 40);
    assert.equal(scanned, chunks);
    assert.ok(head);
  });

  it('reads plain heads, and gives up on the rest', () => {
    const fact = '  - claim: x\n    cite: a.txt:1\n';
    const taken = ['facts:\n', '# c\ntitle: T\nsources: ../articles   # c\n\nfacts:   # list\n', "title: 'It''s'\r\nfacts:\r\n", 'sources: "a b"\ntitle: x\nfacts:\n', 'title: >\n  folded\n  title\nfacts:\n'];
    const givesUp = ['title: 12\nfacts:\n', 'title: T\ntitle: U\nfacts:\n', 'Title: T\nfacts:\n', 'title: a\n  continued\nfacts:\n', 'title:\nfacts:\n', '"title": T\nfacts:\n'];
    for (const head of taken) assert.ok(compareChunks(head + fact, JSON.stringify(head)).head, `expected the scanner to read ${JSON.stringify(head)}`);
    for (const head of givesUp) assert.ok(!compareChunks(head + fact, JSON.stringify(head)).head, `expected the scanner to give up on ${JSON.stringify(head)}`);
  });

  it('gives the same result as the yaml package on the samples, or gives up', () => {
    for (const b of bases) compareChunks(b.text, b.name);
  });

  it('reads every fact of the sample sheet, written as people write (folded claims and notes)', () => {
    const { scanned, chunks, head } = compareChunks(bases.find((b) => b.name === 'reykjavik.facts.yaml')!.text, 'reykjavik.facts.yaml');
    assert.equal(scanned, chunks);
    assert.ok(head);
  });

  it('reads the plain shapes people write, and gives up on the rest', () => {
    const taken = [
      '  - claim: a\n    cite: x.txt:1\n',
      '  - id: a1   # comment\n    claim: "x \\"y\\" \\u00e9"  # c\n    tags: [a, "b c", \'d\' ]\n    cite:\n    - file: f.txt\n      line: 3\n      quote: foo bar   # c3\n\n      # trailing\n    - \'f.txt:4-5\'  # c\n  # after\n',
      '  - claim: x\r\n    cite:\r\n      file: a.txt\r\n      line: "12-14"\r\n      quote: it\'s\r\n',
      '- claim: x\n  note: "a: b"\n  cite:\n    - line: 012\n      file: "a b.txt"\n      quote: \'it\'\'s # not a comment\'\n',
      '  -   claim: wide\n      cite: x.txt:1\n',
      '  - claim: x\n    cite:\n      - file: a.txt\n        line: 0\n',
      '  - claim: >-\n      folded\n      text\n    cite: x.txt:1\n',
      '  - claim: |\n      literal\n\n        lines\n    note: >\n      kept end\n    cite:\n      - file: a.txt\n        line: 2\n        quote: >-\n          a long quote\n          over two lines\n',
      '  - claim: >-\r\n      crlf\r\n      folded\r\n    cite: x.txt:1\r\n',
      '  - claim: >-\n      ends the chunk\n    cite:\n      - file: a.txt\n        line: 2\n        quote: |-\n          last',
    ];
    const givesUp = [
      '  - claim: >+\n      kept\n\n    cite: x.txt:1\n',
      '  - claim: >2\n        indented\n    cite: x.txt:1\n',
      '  - claim: > # comment\n      folded\n    cite: x.txt:1\n',
      '  - claim: >-\n\n      after a blank line\n    cite: x.txt:1\n',
      '  - claim: >-\n    cite: x.txt:1\n',
      '  - claim: >-\n        deep\n      shallower\n    cite: x.txt:1\n',
      '  - claim: plain\n      continued\n    cite: x.txt:1\n',
      '  - claim: x\n    cite: x.txt:1\n    claim: again\n',
      '  - claim: x\n    Cite: x.txt:1\n',
      '  - claim: x\n    cite:\n      - file: a.txt\n        line: 1.5\n',
      '  - claim: 12\n    cite: x.txt:1\n',
      '  - claim: x\n    cite:\n',
      '  - claim: x\n    cite:\n      - file: a.txt\n        line: 2\n        quote: "..."\n',
      '  - claim: x\n    cite: x.txt:1\n   stray: y\n',
      '  - claim: x\r    cite: x.txt:1\n',
      '  - claim: a: b\n    cite: x.txt:1\n',
      '  - claim: x\n    cite: [x.txt:1]\n',
      '  - claim: x\n    tags:\n      - a\n    cite: x.txt:1\n',
    ];
    for (const chunk of taken) {
      const { scanned, chunks } = compareChunks(`facts:\n${chunk}`, JSON.stringify(chunk));
      assert.deepEqual([scanned, chunks], [1, 1], `expected the scanner to read ${JSON.stringify(chunk)}`);
    }
    for (const chunk of givesUp) assert.equal(compareChunks(`facts:\n${chunk}`, JSON.stringify(chunk)).scanned, 0, `expected the scanner to give up on ${JSON.stringify(chunk)}`);
  });

  it('gives the same result as the yaml package on thousands of random edits, or gives up', () => {
    const next = random(20261122);
    let scanned = 0;
    for (const b of bases) {
      for (let n = 0; n < 250; n++) {
        const text = randomlyEdited(b.text, PIECES, next);
        scanned += compareChunks(text, `${b.name}, edit ${n}`).scanned;
      }
    }
    // Most facts of an edited sheet are untouched by the edits, and must still take the scanner.
    assert.ok(scanned > 12000, `only ${scanned} facts took the scanner`);
  });
});
