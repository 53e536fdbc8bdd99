/**
 * Finding fact sheets on disk (`*.facts.yaml` / `*.facts.yml`) and reading
 * them, inside the root only (FORMAT.md section 3).
 */
import * as path from 'node:path';
import type { DirectoryEntry, FileSystem } from './fileSystem';
import { formatBytes, isInside, realPathInside } from './sources';

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
 * `node_modules` and dot-folders, following no symlinked folder twice, and
 * never entering (nor listing) a folder whose real path is outside `root`.
 * A sheet that is a link is listed as it is found: {@link readSheetFile}
 * then tells whether it may be read.
 */
export function findSheets(fs: FileSystem, dir: string, root: string = dir): string[] {
  return findFiles(fs, dir, root, (e) => !e.isDirectory && isFactSheetPath(e.name));
}

/**
 * The files under `dir` that `accept` takes, found as {@link findSheets}
 * finds sheets (the same folders skipped, none outside `root`), at most `max`.
 */
export function findFiles(fs: FileSystem, dir: string, root: string, accept: (entry: DirectoryEntry) => boolean, max = Infinity): string[] {
  const out: string[] = [];
  walk(fs, dir, fs.realpath(root) ?? path.resolve(root), new Set(), accept, max, out);
  return out;
}

function walk(fs: FileSystem, dir: string, realRoot: string, seen: Set<string>, accept: (entry: DirectoryEntry) => boolean, max: number, out: string[]): void {
  const real = fs.realpath(dir);
  if (real === undefined || seen.has(real) || !isInside(realRoot, real)) return;
  seen.add(real);
  const entries = fs.readDirectory(dir).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (out.length >= max) return;
    const full = path.join(dir, e.name);
    if (e.isDirectory) {
      if (!isSkippedFolder(e.name)) walk(fs, full, realRoot, seen, accept, max, out);
    } else if (accept(e)) {
      out.push(full);
    }
  }
}

export type SheetFile =
  | { readonly kind: 'read'; readonly bytes: Uint8Array }
  /** Why the sheet is not read, as the end of a sentence ("it is a named pipe, not a regular file"); `outside` when the reason is the root. */
  | { readonly kind: 'refused'; readonly reason: string; readonly outside: boolean };

/**
 * A fact sheet's bytes, read only when its real path is inside one of the
 * roots and it is a regular file of at most `maxBytes`. A named pipe, a
 * device or a socket is refused from its stat, without being opened; a
 * regular file is opened without blocking and read in one go.
 */
export function readSheetFile(fs: FileSystem, p: string, roots: readonly string[], maxBytes: number): SheetFile {
  const refuse = (reason: string, outside = false): SheetFile => ({ kind: 'refused', reason, outside });
  if (fs.realpath(p) === undefined) return refuse('it does not exist');
  const real = realPathInside(fs, p, roots);
  if (real === undefined) {
    const lexicallyInside = roots.some((r) => isInside(path.resolve(r), path.resolve(p)) || isInside(fs.realpath(r) ?? path.resolve(r), path.resolve(p)));
    return refuse(lexicallyInside ? 'it is a symbolic link to a file outside the root folder' : 'it is outside the root folder', true);
  }
  const stat = fs.stat(real);
  if (!stat) return refuse('it cannot be read');
  if (stat.isDirectory) return refuse('it is a folder');
  if (!stat.isFile) return refuse(`it is ${stat.special ? `a ${stat.special}` : 'a special file'}, not a regular file`);
  if (stat.size > maxBytes) return refuse(`it is ${formatBytes(stat.size)}, over the ${formatBytes(maxBytes)} limit (factNotes.maxSourceBytes)`);
  if (fs.readSmallFile) {
    const bytes = fs.readSmallFile(real, maxBytes);
    return bytes ? { kind: 'read', bytes } : refuse('it cannot be read');
  }
  try {
    return { kind: 'read', bytes: fs.readFile(real) };
  } catch (e) {
    return refuse(`it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
