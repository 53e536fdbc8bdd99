// Bundles the command line (`bin/fact-notes.js`) into server/bundle/: the
// CLI, its checking thread and the language server, each one file, so that a
// run starts without resolving and loading a hundred modules, and `check`
// without the language server's libraries. `npm run build` runs it after tsc.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

await esbuild.build({
  absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
  entryPoints: { cli: 'server/src/cli/main.ts', worker: 'server/src/cli/worker.ts', lsp: 'server/src/lsp/main.ts' },
  outdir: 'server/bundle',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  plugins: [
    {
      // `fact-notes lsp` loads the language server only when asked: it stays a file of its own.
      name: 'lsp-apart',
      setup(build) {
        build.onResolve({ filter: /^\.\.\/lsp\/main$/ }, () => ({ path: './lsp.js', external: true }));
      },
    },
  ],
});
