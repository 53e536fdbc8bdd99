/**
 * Loads Mozilla's pdf.js, an ES module, from this CommonJS code. The bundles
 * (scripts/bundle*.mjs) carry it as `pdfjs.mjs` beside them, worker included;
 * the compiled modules load it from node_modules. Its "worker" runs in this
 * thread (`globalThis.pdfjsWorker`): a snapshot reads one PDF at a time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });

let loading: Promise<Pdfjs> | undefined;

export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Pdfjs> {
  const bundled = path.join(__dirname, 'pdfjs.mjs');
  if (fs.existsSync(bundled)) {
    // As it loads, pdf.js warns on stderr that it cannot draw without the optional @napi-rs/canvas,
    // which the bundles leave out: a snapshot only reads text (scripts/pdfjs-globals.mjs).
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      return (await import(pathToFileURL(bundled).href)) as Pdfjs;
    } finally {
      console.warn = warn;
    }
  }
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}
