/** Finding fact sheets on disk: `*.facts.yaml` / `*.facts.yml`. */
import * as path from 'node:path';
import type { FileSystem } from './fileSystem';

const SHEET = /\.facts\.ya?ml$/i;

export function isFactSheetPath(p: string): boolean {
  return SHEET.test(p);
}

/** Folders never searched: dependencies and dot-folders. */
export function isSkippedFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * Every fact sheet under `dir`, recursively and in a stable order, skipping
 * `node_modules` and dot-folders, and following no symlinked folder twice.
 */
export function findSheets(fs: FileSystem, dir: string, seen = new Set<string>()): string[] {
  const real = fs.realpath(dir);
  if (real === undefined || seen.has(real)) return [];
  seen.add(real);
  const out: string[] = [];
  const entries = fs.readDirectory(dir).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory) {
      if (!isSkippedFolder(e.name)) out.push(...findSheets(fs, full, seen));
    } else if (isFactSheetPath(e.name)) {
      out.push(full);
    }
  }
  return out;
}
