// pdf.js and its worker as one ES module, loaded when a PDF is saved
// (server/src/snapshot/pdfjs.ts): beside the command line's bundles
// (scripts/bundle-cli.mjs) and beside the extension's server (scripts/bundle.mjs).
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

/** Writes OUTDIR/pdfjs.mjs; returns esbuild's result (with its metafile). */
export function bundlePdfjs(outdir, { minify = false } = {}) {
  return esbuild.build({
    absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
    entryPoints: { pdfjs: 'scripts/pdfjs-entry.mjs' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify,
    logLevel: 'warning',
    metafile: true,
  });
}
