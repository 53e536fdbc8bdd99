// Bundles the extension for VS Code: the client (dist/client.js, the
// manifest's `main`) and the language server it starts (dist/server.js), each
// one self-contained file, so the packaged extension needs no node_modules.
//
//   node scripts/bundle.mjs               with source maps, for development
//   node scripts/bundle.mjs --production  minified, as `vsce package` runs it
import * as esbuild from 'esbuild';
import { bundlePdfjs } from './pdfjs-bundle.mjs';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');
const root = fileURLToPath(new URL('..', import.meta.url));

const entries = [
  { in: 'client/src/extension.ts', out: 'client' },
  { in: 'server/src/lsp/main.ts', out: 'server' },
  { in: 'server/src/snapshot/main.ts', out: 'snapshot' },
];

// Start clean, so no source map of an earlier build is left beside a minified one.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Provided by VS Code at run time; pdf.js is an ES module of its own (below).
  external: ['vscode', 'pdfjs-dist'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  metafile: true,
  plugins: [
    {
      // The libraries that read pages and PDFs are loaded when a source is first saved: a file of their own.
      name: 'snapshot-apart',
      setup(build) {
        build.onResolve({ filter: /^\.\.\/snapshot\/main$/ }, () => ({ path: './snapshot.js', external: true }));
      },
    },
  ],
});

for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith('.map')) console.log(`${file}  ${(bytes / 1024).toFixed(0)} KB`);
}

// pdf.js and its worker as one ES module beside the server.
const pdfjs = await bundlePdfjs('dist', { minify: production });
for (const [file, { bytes }] of Object.entries(pdfjs.metafile.outputs)) console.log(`${file}  ${(bytes / 1024).toFixed(0)} KB`);
