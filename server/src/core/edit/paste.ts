/**
 * "Paste as citation": words copied from an article, pasted into a sheet,
 * become a complete citation (file relative to the sheet's sources, line or
 * range, quote) instead of the bare text. Pasted inside a fact, the
 * citation joins that fact's citations (the Cite Selection edit); pasted on
 * an empty line of the facts list, it starts a new fact there, whose claim is
 * left for the writer to fill in.
 */
import * as path from 'node:path';
import { factsKeyEnd, parseSheet, renderLine, renderScalar } from '../parse';
import { sourcesDirOf } from '../sources/sources';
import { lineStartAt, loneCrAsLf } from '../text';
import type { LineRange, TextEdit } from '../types';
import { citeSelection } from './cite';

/**
 * What a paste at an offset of a sheet becomes: an edit to a fact; a new
 * fact to insert at the offset, as the text before the claim, the claim to
 * write (a placeholder) and the text after it; or nothing (a plain paste).
 */
export type PastedCitation =
  | { readonly kind: 'fact'; readonly index: number; readonly edit: TextEdit }
  | { readonly kind: 'new'; readonly before: string; readonly claim: string; readonly after: string }
  | { readonly kind: 'none'; readonly why: string };

/** The citation of `lines` of `sourcePath` with `quote`, pasted at `offset` of the sheet at `sheetPath` (text `given`). */
export function pasteCitation(sheetPath: string, given: string, offset: number, sourcePath: string, lines: LineRange, quote: string): PastedCitation {
  const text = loneCrAsLf(given);
  const { sheet } = parseSheet(text);
  const facts = sheet.facts;
  // Inside a fact: from its "-" to the next fact's.
  const index = facts.findIndex((f, i) => f.marker.start <= offset && (i + 1 < facts.length ? offset < facts[i + 1].marker.start : offset <= lineEndAfter(text, f.span.end)));
  if (index >= 0) {
    const result = citeSelection(sheetPath, text, sourcePath, lines, quote, { kind: 'fact', index });
    return 'error' in result ? { kind: 'none', why: result.error } : { kind: 'fact', index, edit: result.edit };
  }
  // On an empty line after the facts key, at or before the list's indentation: a new fact starts there.
  const keyEnd = factsKeyEnd(text);
  const lineStart = lineStartAt(text, offset);
  const lineEnd = lineEndAfter(text, offset);
  if (keyEnd === undefined || lineStart < keyEnd || text.slice(lineStart, lineEnd).trim() !== '') return { kind: 'none', why: 'Paste inside a fact, or on an empty line of the facts list.' };
  const indent = facts.length > 0 ? facts[0].marker.start - lineStartAt(text, facts[0].marker.start) : 2;
  const column = offset - lineStart;
  if (column > indent) return { kind: 'none', why: 'Paste at the indentation of the facts list.' };
  const file = path.relative(sourcesDirOf(sheetPath, sheet), sourcePath).split(path.sep).join('/');
  if (file === '' || path.isAbsolute(file)) return { kind: 'none', why: 'The sheet cannot cite that file.' };
  const pad = ' '.repeat(indent);
  const words = quote.replace(/\s+/g, ' ').trim();
  const block = { style: 'plain', inFlow: false } as const;
  const after = [
    '',
    `${pad}  cite:`,
    `${pad}    - file: ${renderScalar(file, block)}`,
    `${pad}      line: ${renderLine(lines.first, lines.last, block)}`,
    ...(words.replace(/[.\u2026 ]/g, '') === '' ? [] : [`${pad}      quote: ${renderScalar(words, block)}`]),
  ].join(given.includes('\r\n') ? '\r\n' : '\n');
  return { kind: 'new', before: `${' '.repeat(indent - column)}- claim: `, claim: 'Write the claim these words support.', after };
}

function lineEndAfter(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
}
