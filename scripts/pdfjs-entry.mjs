// The pdf.js the bundles carry (server/src/snapshot/pdfjs.ts loads it): the
// library and its worker in one ES module, the worker run in the same thread,
// and first the stand-ins for what it would draw with (pdfjs-globals.mjs).
import './pdfjs-globals.mjs';
import * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
globalThis.pdfjsWorker = worker;
export * from 'pdfjs-dist/legacy/build/pdf.mjs';
