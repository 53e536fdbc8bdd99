import { spawnSync } from 'child_process';
import * as path from 'path';
import { REPO_ROOT } from './paths';

export interface CliDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
  fixes: { title: string; edits: { range: unknown; newText: string }[] }[];
}

export const FACT_NOTES_JS = path.join(REPO_ROOT, 'bin', 'fact-notes.js');

/**
 * `fact-notes check --format json` on `sheet`, run from `root` (the reference
 * the editor suites compare against: the same checker, through the CLI).
 */
export function checkJson(sheet: string, root: string): { sheets: number; citations: number; diagnostics: CliDiagnostic[] } {
  // ELECTRON_RUN_AS_NODE: inside a desktop VS Code extension host, process.execPath is Electron.
  const r = spawnSync(process.execPath, [FACT_NOTES_JS, 'check', sheet, '--format', 'json', '--root', root], { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`fact-notes check failed (status ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** `fact-notes fix` on `paths`, run from `root`; returns its exit status and output. */
export function fixCli(paths: string[], root: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [FACT_NOTES_JS, 'fix', ...paths, '--root', root], { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
