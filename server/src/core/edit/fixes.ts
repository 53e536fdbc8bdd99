/** Choosing the fixes that are applied without asking. */
import type { Fix, FactDiagnostic } from '../types';

/**
 * The preferred fix of every diagnostic that has one, in text order. A
 * diagnostic whose candidates are about equal has none, so it is left alone.
 */
export function preferredFixes(diagnostics: readonly FactDiagnostic[]): Fix[] {
  const out: Fix[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes.find((f) => f.preferred);
    if (fix && fix.edits.length > 0) out.push(fix);
  }
  return out;
}

/**
 * What keeps a sheet from being fixed without asking: its first yaml-syntax
 * diagnostic (a sheet that does not parse is never rewritten, by the command
 * line's fix or by Fix All), or undefined.
 */
export function unparsable(diagnostics: readonly FactDiagnostic[]): FactDiagnostic | undefined {
  return diagnostics.find((d) => d.code === 'yaml-syntax');
}
