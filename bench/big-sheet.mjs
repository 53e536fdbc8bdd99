#!/usr/bin/env node
// One big sheet in the language server (issue 11's pathological sizes): the time from opening a
// generated sheet of N facts to its diagnostics, and to the answer of a hover sent right after
// opening. Real server over stdio, in a temporary folder that is removed afterwards.
//
//   npm run --silent build && node bench/big-sheet.mjs [FACTS...]      (default: 38000 100000)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { LspClient, uriOf } = require('../test/out/protocol/client.js');

async function measure(facts) {
  const root = mkdtempSync(join(tmpdir(), 'fact-notes-big-'));
  try {
    const article = Array.from({ length: 200 }, (_, i) => `Line ${i} of the article says the talks lasted ${i} minutes in Reykjavik.`);
    writeFileSync(join(root, 'a.txt'), article.join('\n') + '\n');
    writeFileSync(join(root, 'big.facts.yaml'), 'facts: []\n');
    // Every seventh citation has the wrong line (a quote-moved error with a fix).
    const parts = ['facts:\n'];
    for (let i = 0; i < facts; i++) {
      const l = i % 200;
      parts.push(`  - id: f${i}\n    claim: Claim ${i}.\n    cite:\n      - file: a.txt\n        line: ${l + 1 + (i % 7 === 0 ? 1 : 0)}\n        quote: the talks lasted ${l} minutes\n`);
    }
    const text = parts.join('');
    const client = await LspClient.start({ root });
    try {
      const uri = uriOf(join(root, 'big.facts.yaml'));
      await client.waitForDiagnostics(uri, () => true, 20_000);
      const t0 = performance.now();
      const doc = await client.open(uri, text, 'fact-sheet', 2);
      const hover = client.connection
        .sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6 * Math.floor(facts / 2) + 5, character: 12 } })
        .then((h) => ({ ms: performance.now() - t0, answered: h !== null }));
      const published = await client.waitForVersion(doc, () => true, 300_000);
      const diagnosticsMs = performance.now() - t0;
      const h = await hover;
      const mb = Buffer.byteLength(text) / 1e6;
      console.log(
        `${facts} facts, ${mb.toFixed(1)} MB: diagnostics after ${(diagnosticsMs / 1000).toFixed(1)} s (${published.diagnostics.length} of them, ${(diagnosticsMs / 1000 / mb).toFixed(2)} s per MB); ` +
          `hover answered after ${(h.ms / 1000).toFixed(1)} s${h.answered ? '' : ' (empty)'}`,
      );
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length > 0 ? sizes : [38_000, 100_000]) await measure(n);
