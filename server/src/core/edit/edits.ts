/**
 * Text edits on a fact sheet: applying fixes and non-overlapping edits, so
 * that the result is always well-formed. (Writing a value back in the style
 * it was written in is the parse stage's, in parse/render.ts.)
 */
import type { Fix, TextEdit } from '../types';

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
