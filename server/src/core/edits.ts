/**
 * Text edits on a fact sheet: writing a value back in the style it was
 * written in, and applying non-overlapping edits.
 */
import { stringify } from 'yaml';
import { plainTags } from './fastYaml';
import type { ScalarValue } from './sheet';
import type { Fix, TextEdit } from './types';

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
      if (SIMPLE_PLAIN.test(value) && !plainTags.some((t) => t.test!.test(value))) return value;
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

/**
 * Applies fixes to a text. Fixes whose edits overlap an edit already taken
 * are skipped (returned in `skipped`), so the result is always well-formed.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[]; skipped: Fix[] } {
  const taken: TextEdit[] = [];
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  for (const fix of fixes) {
    const overlaps = fix.edits.some((e) => taken.some((t) => e.span.start < t.span.end && t.span.start < e.span.end || (e.span.start === t.span.start && e.span.end === t.span.end)));
    if (overlaps) {
      skipped.push(fix);
      continue;
    }
    taken.push(...fix.edits);
    applied.push(fix);
  }
  return { text: applyEdits(text, taken), applied, skipped };
}

/** Applies non-overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
