// Bundles the command line (`bin/fact-notes.js`) into server/bundle/: the
// CLI, its checking thread and the language server, each one file, so that a
// run starts without resolving and loading a hundred modules, and `check`
// without the language server's libraries. `npm run build` runs it after tsc.
import * as esbuild from 'esbuild';
import { bundlePdfjs } from './pdfjs-bundle.mjs';
import { fileURLToPath } from 'node:url';

await esbuild.build({
  absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
  entryPoints: { cli: 'server/src/cli/main.ts', worker: 'server/src/cli/worker.ts', lsp: 'server/src/lsp/main.ts', snapshot: 'server/src/snapshot/main.ts' },
  outdir: 'server/bundle',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // pdf.js is an ES module of its own, beside the bundles (below).
  external: ['pdfjs-dist'],
  plugins: [
    {
      // `fact-notes lsp` loads the language server only when asked: it stays a file of its own.
      name: 'lsp-apart',
      setup(build) {
        build.onResolve({ filter: /^\.\.\/lsp\/main$/ }, () => ({ path: './lsp.js', external: true }));
        // So does `fact-notes snapshot`, with the libraries that read pages and PDFs.
        build.onResolve({ filter: /^\.\.\/snapshot\/main$/ }, () => ({ path: './snapshot.js', external: true }));
      },
    },
  ],
});

// pdf.js and its worker as one ES module beside the bundles.
await bundlePdfjs('server/bundle');
