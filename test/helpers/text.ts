/** Small helpers for writing test texts and asserting on exact spans. */
import * as assert from 'node:assert/strict';
import type { Span } from './core';

/** Lines joined with `\n`, with a final newline: a text file as editors write it. */
export function joinLines(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/**
 * The offset of `needle` in `text`: its `occurrence`-th appearance (1-based),
 * failing the test when it is not there.
 */
export function offsetOf(text: string, needle: string, occurrence = 1): number {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) assert.fail(`${JSON.stringify(needle)} (occurrence ${occurrence}) is not in the text`);
  }
  return at;
}

/** The span of `needle` in `text` (its `occurrence`-th appearance). */
export function spanOf(text: string, needle: string, occurrence = 1): Span {
  const start = offsetOf(text, needle, occurrence);
  return { start, end: start + needle.length };
}

/** A text with one `|` cursor marker removed, and the marker's offset. */
export function withCursor(marked: string, marker = '|'): { text: string; offset: number } {
  const offset = marked.indexOf(marker);
  assert.ok(offset >= 0, `no ${marker} marker in the text`);
  assert.equal(marked.indexOf(marker, offset + 1), -1, `more than one ${marker} marker in the text`);
  return { text: marked.slice(0, offset) + marked.slice(offset + marker.length), offset };
}

/** The text a span covers. */
export function covered(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** Words from a small vocabulary, about `length` characters of them on one line (a fixed pseudo-random sequence). */
export function wordsLine(length: number, seed = 1): string {
  const words = ['the', 'minister', 'said', 'talks', 'were', 'held', 'in', 'reykjavik', 'on', 'thursday', 'and', 'agreed', 'to', 'meet', 'again'];
  const out: string[] = [];
  let n = 0;
  let s = seed;
  while (n < length) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const w = words[s % words.length];
    out.push(w);
    n += w.length + 1;
  }
  return out.join(' ');
}
