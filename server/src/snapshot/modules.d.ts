// Types for the parts of untyped packages the snapshot uses.

declare module 'html-encoding-sniffer' {
  /** The WHATWG encoding sniffing algorithm: byte order mark, transport label, `<meta>` prescan, default. */
  export default function sniffEncoding(bytes: Uint8Array, options?: { transportLayerEncodingLabel?: string; defaultEncoding?: string }): string;
}

declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
