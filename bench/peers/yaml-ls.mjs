// Peer: yaml-language-server (1.25.x) validating every sheet against schemas/fact-sheet.schema.json,
// in-process through its language service API. Reading the sheet files is part of the timed work.
//
//   node bench/peers/yaml-ls.mjs WORKSPACE     -> runs once, prints {"ms":..,"diagnostics":..,"sheets":..}
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/fact-sheet.schema.json', import.meta.url));

export const name = 'yaml-language-server';
export const version = require('yaml-language-server/package.json').version;

let version_ = 0;

/** Returns a function that validates every sheet of the workspace once. */
export function setup(ws) {
  const { getLanguageService } = require('yaml-language-server');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const manifest = JSON.parse(readFileSync(join(ws, 'manifest.json'), 'utf8'));
  const schemaUri = pathToFileURL(SCHEMA_PATH).href;
  const ls = getLanguageService({
    schemaRequestService: async (uri) => readFileSync(fileURLToPath(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (rel, resource) => new URL(rel, resource).href },
  });
  ls.configure({
    validate: true,
    hover: false,
    completion: false,
    format: false,
    isKubernetes: false,
    schemas: [{ uri: schemaUri, fileMatch: ['*.facts.yaml', '*.facts.yml'], schema: JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) }],
  });
  const paths = manifest.sheets.map((p) => join(ws, p));
  return async function validateAll() {
    version_++; // a new document version: yaml-language-server re-parses instead of using its cache
    let diagnostics = 0;
    for (const p of paths) {
      const doc = TextDocument.create(pathToFileURL(p).href, 'yaml', version_, readFileSync(p, 'utf8'));
      diagnostics += (await ls.doValidation(doc, false)).length;
    }
    return { diagnostics, sheets: paths.length };
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const run = setup(resolve(process.argv[2]));
  const r = await run();
  console.log(JSON.stringify({ ms: performance.now() - t0, ...r }));
}
