/**
 * A content-keyed cache of check results between runs (`fact-notes check
 * --cache`, as eslint has): a sheet's result is reused when its text, the
 * options and every file its check looked at are unchanged.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Anchor, CheckOptions, FactDiagnostic, FileSystem, IgnoredDiagnostic } from '../core';

/** Raised whenever cached diagnostics would differ (3: ranges on character boundaries, messages on one line; 5: what suppression comments silenced). */
export const CACHE_VERSION = 6;

export interface CachedResult {
  /** Hash of the sheet's text. */
  readonly hash: string;
  /** Each file the check looked at, with its stamp then. */
  readonly deps: readonly (readonly [string, string])[];
  readonly citations: number;
  /** As checked, before evidence from the other sheets settled them. */
  readonly diagnostics: readonly FactDiagnostic[];
  /** What the sheet's suppression comments silenced; absent when nothing was. */
  readonly ignored?: readonly IgnoredDiagnostic[];
  readonly anchors: readonly (readonly [string, readonly Anchor[]])[];
}

export interface CacheData {
  readonly version: number;
  /** Options, root and tool version the results were computed with. */
  readonly key: string;
  readonly entries: Readonly<Record<string, CachedResult>>;
}

export function cacheKey(options: CheckOptions, root: string, toolVersion: string): string {
  return JSON.stringify({ toolVersion, root, options });
}

export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * The state of a path a check depends on: where it leads, its size and
 * modification time; for a missing path, its folder's state (a file added
 * there changes the "did you mean" suggestions).
 */
export function stampOf(fs: FileSystem, p: string): string {
  const real = fs.realpath(p);
  if (real === undefined) {
    const dir = fs.stat(path.dirname(p));
    return dir ? `missing:${dir.mtimeMs}` : 'missing';
  }
  const s = fs.stat(real);
  return s ? `${real}:${s.size}:${s.mtimeMs}` : `${real}:?`;
}

/** A cached result, if it still holds for this text on this disk. */
export function lookup(data: CacheData | undefined, key: string, fs: FileSystem, sheetPath: string, hash: string): CachedResult | undefined {
  if (!data || data.version !== CACHE_VERSION || data.key !== key) return undefined;
  const entry = data.entries[sheetPath];
  if (!entry || entry.hash !== hash) return undefined;
  return entry.deps.every(([p, stamp]) => stampOf(fs, p) === stamp) ? entry : undefined;
}

/** Reads cache data from its JSON text; anything unexpected gives an empty cache. */
export function parseCache(text: string | undefined): CacheData | undefined {
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as CacheData;
    return data && data.version === CACHE_VERSION && typeof data.entries === 'object' && data.entries !== null ? data : undefined;
  } catch {
    return undefined;
  }
}
