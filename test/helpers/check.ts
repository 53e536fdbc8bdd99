/** Checking a sheet written into a temporary workspace, with the real disk. */
import { DEFAULT_OPTIONS, SourceStore, checkSheet, nodeFileSystem, type CheckOptions, type FactDiagnostic, type FileSystem, type SheetCheck } from './core';
import type { TempWorkspace } from './workspace';

export interface CheckedSheet extends SheetCheck {
  /** The sheet's text as checked. */
  readonly text: string;
}

/**
 * Writes `text` as `sheetName` into the workspace and checks it with the
 * workspace folder as the root. The `single-source` hints, which nearly every
 * test sheet would have (one citation per fact), are left out unless
 * `hints` is set: test/unit/claims.test.ts tests them.
 */
export function checkInWorkspace(
  ws: TempWorkspace,
  text: string,
  options: Partial<CheckOptions> & { readonly hints?: boolean } = {},
  sheetName = 'notes.facts.yaml',
  fs: FileSystem = nodeFileSystem,
): CheckedSheet {
  const sheetPath = ws.write(sheetName, text);
  const { hints, ...given } = options;
  const full: CheckOptions = { ...DEFAULT_OPTIONS, ...given };
  const store = new SourceStore(fs, ws.root, full.maxSourceBytes, { reference: full.reference });
  const check = checkSheet(sheetPath, text, store, full);
  return { ...check, diagnostics: hints ? check.diagnostics : withoutHints(check.diagnostics), text };
}

/** The diagnostics without `single-source` (see {@link checkInWorkspace}). */
export function withoutHints(diagnostics: readonly FactDiagnostic[]): FactDiagnostic[] {
  return diagnostics.filter((d) => d.code !== 'single-source');
}

/** The one diagnostic with `code`, failing when there is not exactly one. */
export function only(diagnostics: readonly FactDiagnostic[], code: string): FactDiagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${code}, got ${found.length}: ${JSON.stringify(diagnostics.map((d) => `${d.code}: ${d.message}`), null, 2)}`);
  }
  return found[0];
}

/** `code: covered text` for each diagnostic, to compare whole results at once. */
export function summarize(text: string, diagnostics: readonly FactDiagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}: ${text.slice(d.span.start, d.span.end)}`);
}
