/**
 * Writing a value back as YAML in the style it was written in (plain,
 * quoted, block, or part of a compact `FILE:LINE` string): the inverse of
 * reading a scalar, used by the fixes of the check stage and the edits of the
 * edit and features stages.
 */
import { stringify } from 'yaml';
import type { ScalarValue } from '../model';
import { readsAsText } from './scalars';

/** The YAML text of `value` to put where `target` is written. */
export function renderScalar(value: string, target: Pick<ScalarValue, 'style' | 'inFlow'>): string {
  switch (target.style) {
    case 'compact':
      return value;
    case 'single':
      return `'${value.replace(/'/g, "''")}'`;
    case 'double':
    case 'block':
      return doubleQuoted(value);
    case 'plain': {
      if (target.inFlow && /[,[\]{}]/.test(value)) return doubleQuoted(value);
      // A name or words of letters, digits and `._/-` (a file name, say) that YAML reads as text is written as it is.
      if (SIMPLE_PLAIN.test(value) && readsAsText(value)) return value;
      const text = stringify(value, { lineWidth: 0, minContentWidth: 0 }).replace(/\n$/, '');
      return text.includes('\n') ? doubleQuoted(value) : text;
    }
  }
}

const SIMPLE_PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_./]*(?:[ -][A-Za-z0-9_./]+)*$/;

/** A YAML double-quoted scalar (JSON's escapes are all valid YAML escapes). */
function doubleQuoted(value: string): string {
  return JSON.stringify(value);
}

/** A line value as written back: `N` or `N-M`, in the target's quoting. */
export function renderLine(first: number, last: number, target: Pick<ScalarValue, 'style' | 'inFlow'>): string {
  const text = first === last ? String(first) : `${first}-${last}`;
  if (target.style === 'compact' || (target.style === 'plain' && first === last)) return text;
  return renderScalar(text, target.style === 'plain' ? { style: 'double', inFlow: target.inFlow } : target);
}
