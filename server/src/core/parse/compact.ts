/**
 * Values of a sheet that are read the same way whichever parser read the
 * YAML: line numbers and ranges, and `FILE:LINE` citations.
 */
import type { Citation, LineValue, ScalarStyle, ScalarValue } from '../model';
import type { Span } from '../types';

const LINE_RANGE = /^\s*(\d+)\s*(?:[-\u2013]\s*(\d+)\s*)?$/;

/** `12`, `12-14` or `12–14` (spaces allowed): the first and last line. */
export function lineRange(value: string): Pick<LineValue, 'first' | 'last' | 'isRange'> | undefined {
  const m = LINE_RANGE.exec(value);
  if (!m) return undefined;
  const first = Number(m[1]);
  return m[2] === undefined ? { first, last: first, isRange: false } : { first, last: Number(m[2]), isRange: true };
}

/**
 * A `FILE:LINE` or `FILE:START-END` string scalar of `text` at `span`, as a
 * citation; undefined when it is not one. The parts get spans of their own
 * when the value's characters are in the text as they are (no escapes).
 */
export function compactCitation(text: string, value: string, span: Span, style: ScalarStyle, inFlow: boolean): Citation | undefined {
  const colon = value.lastIndexOf(':');
  const range = colon >= 0 ? lineRange(value.slice(colon + 1)) : undefined;
  if (!range || value.slice(0, colon).trim() === '') return undefined;
  const offset = style === 'single' || style === 'double' ? 1 : 0;
  const editable = (style === 'plain' || offset === 1) && text.startsWith(value, span.start + offset);
  const at = editable ? span.start + offset : -1;
  const part = (s: number, e: number): Span => (editable ? { start: at + s, end: at + e } : span);
  const fileRaw = value.slice(0, colon);
  const fileLead = fileRaw.length - fileRaw.trimStart().length;
  const fileValue = fileRaw.trim();
  const file: ScalarValue = { value: fileValue, span: part(fileLead, fileLead + fileValue.length), style: 'compact', inFlow, editable };
  const lineRaw = value.slice(colon + 1);
  const lineLead = lineRaw.length - lineRaw.trimStart().length;
  const lineValue = lineRaw.trim();
  const line: LineValue = {
    value: lineValue,
    span: part(colon + 1 + lineLead, colon + 1 + lineLead + lineValue.length),
    style: 'compact',
    inFlow,
    editable,
    ...range,
  };
  return { span, compact: true, file, line };
}
