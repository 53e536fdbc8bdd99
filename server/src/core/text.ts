/**
 * Text utilities shared by every part: line indexes over any text (fact sheet
 * or source) and decoding of source bytes.
 */

import { isUtf8 } from 'node:buffer';
import type { Span } from './types';

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** The last index `k < count` with `sorted[k] <= x` (binary search), or 0 when there is none. */
export function lastAtOrBefore(sorted: ArrayLike<number>, x: number, count = sorted.length): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The text with each lone CR as LF, one character for one so that every
 * offset holds. YAML ends a line at a lone CR, and so do the line indexes
 * here and editors, but the `yaml` package does not: sheets are read through
 * this.
 */
/** The offset where the line `offset` is on starts. */
export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset where the line `offset` is on ends, before its `\r\n` or `\n`. */
export function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

export function loneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Line starts being found (the first is always 0). */
let scratch: Int32Array = new Int32Array(1024);

function growInt32(a: Int32Array): Int32Array {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}

/** Where each line starts in UTF-8 bytes whose lines end at `\n` (the first at 0; one more after a final `\n`). */
export function byteLineStarts(bytes: Buffer): Int32Array {
  let k = 1;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) {
    if (k === scratch.length) scratch = growInt32(scratch);
    scratch[k++] = i + 1;
  }
  return scratch.slice(0, k);
}

/**
 * Line starts of a text, with lines ending at `\n`, `\r\n` or a lone `\r`.
 * Converts offsets to zero-based positions and back.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: Int32Array;

  constructor(readonly text: string) {
    if (!text.includes('\r')) {
      // Only \n line ends: indexOf finds them, into a scratch array reused by every index.
      let k = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        if (k === scratch.length) scratch = growInt32(scratch);
        scratch[k++] = i + 1;
      }
      this.starts = scratch.slice(0, k);
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = Int32Array.from(starts);
  }

  /** Lines as an editor shows them, including an empty last line. */
  get lineCount(): number {
    return this.starts.length;
  }

  /**
   * Lines that hold text: a terminator at the very end of the text does not
   * open another line that can be cited.
   */
  get contentLineCount(): number {
    const n = this.starts.length;
    return this.starts[n - 1] === this.text.length ? n - 1 : n;
  }

  /** Zero-based line of an offset. */
  lineAt(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.starts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  /** Offset just past a line's last character, before its terminator. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** A line's text without its terminator. */
  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }
}

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: Encoding }
  | { readonly ok: false; readonly reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a source file: UTF-8 (a BOM skipped), or UTF-16 when it starts with
 * a UTF-16 byte order mark. Binary files (NUL bytes) and invalid UTF-8 are
 * refused with a reason fit for a message.
 */
export function decodeSource(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  if (body.indexOf(0) !== -1) return { ok: false, reason: 'it is a binary file (it contains NUL bytes)' };
  try {
    return { ok: true, text: utf8.decode(body), encoding: start === 3 ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { ok: false, reason: 'it is not UTF-8 or UTF-16 text' };
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  if (bytes.length % 2 !== 0) return { ok: false, reason: `it is not valid ${encoding.toUpperCase()} (odd length)` };
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
    if (text.includes('\0')) return { ok: false, reason: 'it is a binary file (it contains NUL characters)' };
    return { ok: true, text, encoding };
  } catch {
    return { ok: false, reason: `it is not valid ${encoding.toUpperCase()} text` };
  }
}

/**
 * Decodes plain UTF-8 files (no byte order mark, no NUL bytes, no U+FDD0) as one string
 * and returns each file's text as a slice of it; undefined for a file that is
 * not plain UTF-8 (or for all of them, when one is invalid). A file's text is
 * exactly what {@link decodeSource} gives for it.
 */
export function decodeTogether(files: readonly Uint8Array[]): (string | undefined)[] {
  const plain = files.map((b) => isPlain(b) && bytesOf(b).indexOf(SEPARATOR_UTF8) === -1);
  let length = 0;
  files.forEach((b, i) => (length += plain[i] ? b.length + SEPARATOR_UTF8.length : 0));
  // Each file followed by the separator, which no plain file has: the slices end there.
  const joined = new Uint8Array(length);
  let at = 0;
  files.forEach((b, i) => {
    if (!plain[i]) return;
    joined.set(b, at);
    joined.set(SEPARATOR_UTF8, at + b.length);
    at += b.length + SEPARATOR_UTF8.length;
  });
  let text: string;
  try {
    text = utf8.decode(joined);
  } catch {
    return files.map(() => undefined);
  }
  let pos = 0;
  return files.map((_, i) => {
    if (!plain[i]) return undefined;
    const end = text.indexOf(SEPARATOR, pos);
    const slice = text.slice(pos, end);
    pos = end + 1;
    return slice;
  });
}

/**
 * What separates files decoded together: U+FDD0, a noncharacter that text
 * does not hold. (Not NUL: in text of mostly ASCII, held two bytes a unit,
 * every other byte is a zero, and V8 finds a NUL there unit by unit; it
 * finds this one at the speed of memchr.)
 */
const SEPARATOR = '\ufdd0';
const SEPARATOR_UTF8 = Buffer.from(SEPARATOR, 'utf8');

/** The same bytes as a Buffer, whose indexOf is native. */
function bytesOf(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** No byte order mark and no NUL bytes: text that can be decoded as UTF-8 without a look at it on its own. */
function isPlain(b: Uint8Array): boolean {
  return !hasByteOrderMark(b) && bytesOf(b).indexOf(0) === -1;
}

/**
 * Whether a source's bytes can be kept undecoded until needed (see
 * `SourceText`): plain, valid UTF-8 with no `\r` (whose line ends the byte
 * line index does not count). Anything else is decoded at once.
 */
export function isLazyUtf8(bytes: Buffer): boolean {
  return isPlain(bytes) && bytes.indexOf(13) === -1 && isUtf8(bytes);
}

function hasByteOrderMark(b: Uint8Array): boolean {
  return (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) || (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf);
}

/** A short, single-line excerpt of text for messages. */
export function excerpt(text: string, max = 160): string {
  if (text.length > 8 * max) {
    // A long text (a one-line article): its beginning flattened gives the same excerpt, if long enough.
    const head = text.slice(0, 8 * max).replace(/\s+/g, ' ').trimStart();
    if (head.length > max + 1) return `${head.slice(0, max - 1).trimEnd()}…`;
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Encodes text back into the encoding it was read in (with its BOM). */
export function encodeText(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

/**
 * An offset moved off the middle of a character: from between the two
 * halves of a surrogate pair, or between the `\r` and `\n` of a CRLF line
 * end, to the nearest place an editor can show: back to the character's
 * start, or (`forward`) past it.
 */
export function onBoundary(text: string, offset: number, forward: boolean): number {
  if (offset <= 0 || offset >= text.length) return Math.max(0, Math.min(offset, text.length));
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  const inside = (before === 13 && after === 10) || (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
  if (!inside) return offset;
  return forward ? offset + 1 : offset - 1;
}

/**
 * A span whose ends are on character boundaries (see {@link onBoundary}):
 * a start inside a character moves back to its start; an end inside one
 * moves past a surrogate pair (the whole character is underlined) and back
 * before a CRLF (the line's end), so a span stays on its lines.
 */
export function spanOnBoundaries(text: string, span: Span): Span {
  const start = onBoundary(text, span.start, false);
  const crlf = span.end > 0 && text.charCodeAt(span.end - 1) === 13;
  const end = Math.max(start, onBoundary(text, span.end, !crlf));
  return start === span.start && end === span.end ? span : { start, end };
}

/** Control characters and line separators that would break a message or a path printed on one line. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text for one line of output: control characters written as escapes (`\n`, `\u0007`). */
export function escapeControls(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(new RegExp(CONTROL.source, 'g'), (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
