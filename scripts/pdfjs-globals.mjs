// What pdf.js asks of a browser when it loads, for a Node.js without the
// optional @napi-rs/canvas package (a native module the bundles cannot carry):
// DOMMatrix, ImageData and Path2D serve to draw pages, never to read their
// text, which is all a snapshot does, but pdf.js creates a DOMMatrix as it
// loads. Imported before pdf.js by scripts/pdfjs-entry.mjs.
for (const name of ['DOMMatrix', 'ImageData', 'Path2D']) globalThis[name] ??= class {};
