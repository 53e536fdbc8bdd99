// Bundles the command line (`bin/fact-notes.js`) into server/bundle/: the
// CLI and its checking thread, each one file, so that a run starts without
// resolving and loading a hundred modules. `npm run build` runs it after tsc.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

await esbuild.build({
  absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
  entryPoints: { cli: 'server/src/cli/main.ts', worker: 'server/src/cli/worker.ts' },
  outdir: 'server/bundle',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
