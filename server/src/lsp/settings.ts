/** Editor settings (`factNotes.*`) become core check options here, and only here. */
import { DEFAULT_OPTIONS, isDiagnosticCode, isEditorCode, SEVERITIES, type CheckOptions, type DiagnosticCode, type EditorCode, type SeveritySetting } from '../core';

export interface FactNotesSettings {
  quoteTolerance?: unknown;
  maxSourceBytes?: unknown;
  severity?: unknown;
}

export function optionsFromSettings(raw: FactNotesSettings | null | undefined, log: (message: string) => void): CheckOptions {
  const settings = raw ?? {};
  const tolerance = typeof settings.quoteTolerance === 'number' && settings.quoteTolerance >= 0 && settings.quoteTolerance <= 1 ? settings.quoteTolerance : undefined;
  if (settings.quoteTolerance !== undefined && tolerance === undefined) log(`Ignoring factNotes.quoteTolerance=${JSON.stringify(settings.quoteTolerance)}: it must be a number from 0 to 1.`);
  const maxBytes = typeof settings.maxSourceBytes === 'number' && Number.isInteger(settings.maxSourceBytes) && settings.maxSourceBytes > 0 ? settings.maxSourceBytes : undefined;
  if (settings.maxSourceBytes !== undefined && maxBytes === undefined) log(`Ignoring factNotes.maxSourceBytes=${JSON.stringify(settings.maxSourceBytes)}: it must be a positive integer.`);
  const severity: Partial<Record<DiagnosticCode | EditorCode, SeveritySetting>> = {};
  if (settings.severity && typeof settings.severity === 'object') {
    for (const [code, level] of Object.entries(settings.severity as Record<string, unknown>)) {
      if ((isDiagnosticCode(code) || isEditorCode(code)) && SEVERITIES.includes(level as SeveritySetting)) severity[code] = level as SeveritySetting;
      else log(`Ignoring factNotes.severity.${code}=${JSON.stringify(level)}.`);
    }
  }
  return {
    quoteTolerance: tolerance ?? DEFAULT_OPTIONS.quoteTolerance,
    maxSourceBytes: maxBytes ?? DEFAULT_OPTIONS.maxSourceBytes,
    severity,
  };
}
