/** Diagnostics in text order. */
import type { FactDiagnostic } from '../types';

/**
 * `diagnostics` (in text order) with `added` (in text order too) placed
 * among them by where they start; `diagnostics` itself when there is nothing
 * to add.
 */
export function inTextOrder(diagnostics: readonly FactDiagnostic[], added: readonly FactDiagnostic[]): readonly FactDiagnostic[] {
  if (added.length === 0) return diagnostics;
  const out: FactDiagnostic[] = [];
  let i = 0;
  for (const d of diagnostics) {
    while (i < added.length && added[i].span.start < d.span.start) out.push(added[i++]);
    out.push(d);
  }
  for (; i < added.length; i++) out.push(added[i]);
  return out;
}
