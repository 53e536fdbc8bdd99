#!/usr/bin/env node
// The pathological sizes of issue 11, timed: each input's size, the seconds the core takes on it,
// and seconds per MB of input (sheet and article together). The promise is under a second per MB.
//
//   npm run --silent build && node bench/pathological.mjs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { DEFAULT_OPTIONS, SourceStore, checkSheet, nodeFileSystem } = require('../test/out/helpers/core.js');
const { wordsLine } = require('../test/out/helpers/text.js');

const cite = (quote) => `facts:\n  - claim: C\n    cite:\n      - file: a.txt\n        line: 1\n        quote: ${JSON.stringify(quote)}\n`;
const megabyte = wordsLine(1_000_000);
const cases = [
  ['block nesting 10,000 deep', () => {
    let deep = 'facts:\n  - claim: One\n    cite: a.txt:1\n    note:\n';
    for (let i = 0; i < 10_000; i++) deep += `${' '.repeat(6 + i)}k:\n`;
    return { sheet: deep, article: 'x\n' };
  }],
  ['one flow list of 20,000 facts', () => {
    const items = [];
    for (let i = 0; i < 20_000; i++) items.push(i % 2 === 0 ? `{claim: "a [${i}", cite: a.txt:${i + 1}}` : `{claim: 'b ''${i}', cite: [{file: a.txt, line: ${i + 1}}]}`);
    return { sheet: `facts: [${items.join(', ')}]\n`, article: 'x\n' };
  }],
  ['20,000 facts each with a syntax error', () => {
    let text = 'facts:\n';
    for (let i = 0; i < 20_000; i++) text += `  - claim: c${i}\n    cite: a.txt:1\n    note: a: b\n`;
    return { sheet: text, article: 'x\n' };
  }],
  ['elided quote (a ... zq) on a 1 MB line', () => ({ sheet: cite('a ... zq'), article: `${megabyte}\n` })],
  ['100 KB quote against an unrelated 1 MB line', () => ({ sheet: cite('zxq '.repeat(25_000).trim()), article: `${megabyte}\n` })],
  ['20 citations of a 9.9 MB one-line article', () => {
    let text = 'facts:\n';
    for (let i = 0; i < 20; i++) text += `  - claim: C${i}\n    cite:\n      - file: a.txt\n        line: 1\n        quote: "the tolks ${i} were hald"\n`;
    return { sheet: text, article: `${wordsLine(9_900_000, 3).replace(/ said /g, ' “said” ')}\n` };
  }],
];

const root = mkdtempSync(join(tmpdir(), 'fact-notes-pathological-'));
try {
  console.log('case                                          MB   seconds  s/MB');
  for (const [name, make] of cases) {
    const { sheet, article } = make();
    writeFileSync(join(root, 'a.txt'), article);
    const sheetPath = join(root, 'notes.facts.yaml');
    writeFileSync(sheetPath, sheet);
    const mb = (Buffer.byteLength(sheet) + Buffer.byteLength(article)) / 1e6;
    const t0 = performance.now();
    const options = { ...DEFAULT_OPTIONS, maxSourceBytes: 20_000_000 };
    const result = checkSheet(sheetPath, sheet, new SourceStore(nodeFileSystem, root, options.maxSourceBytes), options);
    const s = (performance.now() - t0) / 1000;
    console.log(`${name.padEnd(44)} ${mb.toFixed(2).padStart(5)}  ${s.toFixed(2).padStart(7)}  ${(s / mb).toFixed(2).padStart(4)}   (${result.diagnostics.length} diagnostics)`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
