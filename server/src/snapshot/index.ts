/** Saving web pages and PDFs as sources (FORMAT.md section 8): the command line's and the language server's front. */
export { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from './limits';
export { defaultName, snapshot, SnapshotFailed, type Snapshot, type SnapshotOptions } from './snapshot';
export { decodeHtml, extractHtml, extractPdf, NoReadableText, pdfParagraphs, type Extracted } from './extract';
