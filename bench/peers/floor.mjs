// Floor: the least work any checker of this workspace does with the usual tools — read every article
// and every sheet (as UTF-8 text) and `yaml` parseDocument each sheet. No checking at all.
//
//   node bench/peers/floor.mjs WORKSPACE      -> runs once, prints {"ms":..,"files":..,"bytes":..}
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const name = 'floor: read + yaml parseDocument';
export const version = require('yaml/package.json').version;

export function setup(ws) {
  const { parseDocument } = require('yaml');
  const manifest = JSON.parse(readFileSync(join(ws, 'manifest.json'), 'utf8'));
  const sheets = manifest.sheets.map((p) => join(ws, p));
  return async function readAndParse() {
    let files = 0;
    let bytes = 0;
    let errors = 0;
    const articles = join(ws, 'articles');
    for (const n of readdirSync(articles)) {
      bytes += readFileSync(join(articles, n), 'utf8').length;
      files++;
    }
    for (const p of sheets) {
      const text = readFileSync(p, 'utf8');
      bytes += text.length;
      files++;
      errors += parseDocument(text).errors.length;
    }
    return { files, chars: bytes, yamlErrors: errors };
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const run = setup(resolve(process.argv[2]));
  const r = await run();
  console.log(JSON.stringify({ ms: performance.now() - t0, ...r }));
}
