/**
 * Renames found by content (FORMAT.md 4.2): a citation of a file that is
 * not there is pointed at the file that holds its quote, whatever that
 * file is called now. "Change to X" is preferred only when exactly one file
 * holds the quote: in the missing file's folder, or where none does there,
 * anywhere under the root; of the files with the missing file's extension
 * or one a slip away from it (a renamed or moved article keeps its kind;
 * notes that quote it are not it). A citation with no quote follows the sheet's
 * quoted citations of the same missing file when they all point at one
 * file. Name distance alone only suggests.
 */
import * as path from 'node:path';
import { distance } from 'fastest-levenshtein';
import type { CitationCheck } from './results';
import { quoteKeys } from '../sources/contentFilter';
import { findFiles, isFactSheetPath } from '../sources/discover';
import { findExact, prepareQuote, type PreparedQuote } from '../match/match';
import type { SourceStore } from '../sources/sources';
import { renderScalar } from '../parse';
import type { ScalarValue } from '../model';
import type { FactDiagnostic, Fix, RelatedPlace, Shortcuts } from '../types';

/** "Change to X" for a `file` value. */
export function changeFile(file: ScalarValue, name: string, preferred: boolean): Fix {
  return { title: changeTitle(name), edits: [{ span: file.span, newText: renderScalar(name, file) }], preferred };
}

function changeTitle(name: string): string {
  return `Change to "${name}"`;
}

/** A folder as messages name it: relative to the root. */
export function folderName(root: string, dir: string): string {
  return path.relative(root, dir) || '.';
}

/** A file that holds a quote: where it is listed, and the quote's first place in it. */
interface Holder {
  readonly listed: string;
  readonly place: RelatedPlace;
}

/** Files listed under the root at most, when the missing file's folder has none that holds a quote. */
const MAX_ROOT_FILES = 20_000;

/**
 * Files searched for a quote at most, in a folder or under the root. Past
 * that, reading them all for a missing file would cost more than the whole
 * check (a pass over a 31 MB archive of 2,000 articles is about a second):
 * no file is read, the nearest names are suggested, and nothing is
 * preferred.
 */
const MAX_SEARCHED_FILES = 1000;

/**
 * The diagnostics of a sheet with its `source-not-found` ones pointed at
 * the files that hold their quotes, where such files are found. Returns the
 * same array when the sheet cites no missing file.
 */
export function withRenames(
  citations: readonly CitationCheck[],
  diagnostics: readonly FactDiagnostic[],
  store: SourceStore,
  sourcesDir: string,
  options: Shortcuts & {
    /** The answers of the last check, reused while nothing changed on disk. */
    readonly kept?: RenameCache;
  } = {},
): readonly FactDiagnostic[] {
  const { kept } = options;
  const missingOnes: CitationCheck[] = [];
  for (const c of citations) if (c.status === 'source-not-found' && c.citation.file && c.diagnostic) missingOnes.push(c);
  if (missingOnes.length === 0) return diagnostics;
  // As an edit re-checks the sheet: the same missing citations, and nothing changed on disk, give the same answers.
  const now = store.now();
  if (kept && kept.at === now && kept.dir === sourcesDir && missingOnes.every((c) => kept.answers.has(c.diagnostic!))) {
    return diagnostics.map((d) => kept.answers.get(d) ?? d);
  }
  const replaced = new Map<FactDiagnostic, FactDiagnostic>();
  if (kept) {
    kept.at = now;
    kept.dir = sourcesDir;
    kept.answers = new WeakMap();
    for (const c of missingOnes) kept.answers.set(c.diagnostic!, c.diagnostic!);
  }
  // A holder's name as a `file` value: relative to the sources folder.
  const names = new Map<string, string>();
  const name = (h: Holder): string => {
    let n = names.get(h.listed);
    if (n === undefined) {
      n = path.relative(sourcesDir, h.listed).split(path.sep).join('/');
      names.set(h.listed, n);
    }
    return n;
  };
  const groups = new Map<string, CitationCheck[]>();
  for (const c of missingOnes) {
    const missing = path.resolve(sourcesDir, c.citation.file!.value);
    const group = groups.get(missing);
    if (group) group.push(c);
    else groups.set(missing, [c]);
  }
  const finder = new HolderFinder(store, options);
  for (const [missing, group] of groups) {
    const dir = path.dirname(missing);
    const holdersOf = new Map<CitationCheck, readonly Holder[]>();
    const ext = path.extname(missing).toLowerCase();
    // In an archive of more than MAX_SEARCHED_FILES files no file is read for a missing one: the names are suggested.
    if (!finder.canSearchAll(dir)) continue;
    for (const c of group) if (c.citation.quote) holdersOf.set(c, finder.holders(dir, ext, prepareQuote(c.citation.quote.value, options)));
    if (holdersOf.size === 0) continue;
    // The one file every quoted citation of the group points at, if they agree.
    const single = [...holdersOf.values()].every((h) => h.length === 1) ? [...holdersOf.values()][0][0] : undefined;
    const agreed = single && [...holdersOf.values()].every((h) => h[0].listed === single.listed) ? single : undefined;
    const gone = `There is no file "${group[0].citation.file!.value}" in "${folderName(store.root, dir)}".`;
    for (const c of group) {
      const d = c.diagnostic!;
      const file = c.citation.file!;
      const holders = holdersOf.get(c);
      const named = (hs: readonly Holder[]): string => hs.map((h) => `"${name(h)}"`).join(' and ');
      // The name-distance suggestions that are not already there as a holder.
      const others = (taken: readonly Holder[]): Fix[] => {
        const titles = new Set(taken.map((h) => changeTitle(name(h))));
        return d.fixes.filter((f) => !titles.has(f.title));
      };
      let next: FactDiagnostic | undefined;
      if (holders && holders.length === 1) {
        next = {
          ...d,
          message: `Change to "${name(holders[0])}": it holds the quote. ${gone}`,
          fixes: file.editable ? [changeFile(file, name(holders[0]), true), ...others(holders)] : d.fixes,
          related: [holders[0].place],
        };
      } else if (holders && holders.length > 1) {
        next = {
          ...d,
          message: `${named(holders)} both hold the quote, so which one is meant cannot be told. ${gone}`,
          fixes: file.editable ? [...holders.map((h) => changeFile(file, name(h), false)), ...others(holders)] : d.fixes,
          related: holders.map((h) => h.place),
        };
      } else if (!holders && agreed) {
        next = {
          ...d,
          message: `Change to "${name(agreed)}": it holds the quotes of this sheet's other citations of the same file. ${gone}`,
          fixes: file.editable ? [changeFile(file, name(agreed), true), ...others([agreed])] : d.fixes,
          related: [{ ...agreed.place, message: 'The file the other citations point at.' }],
        };
      }
      if (next) {
        replaced.set(d, next);
        kept?.answers.set(d, next);
      }
    }
  }
  return replaced.size === 0 ? diagnostics : diagnostics.map((d) => replaced.get(d) ?? d);
}

/**
 * What {@link withRenames} answered for a sheet, kept for its next check: by
 * each missing citation's diagnostic (kept between checks with its fact), as
 * of a time of the store's clock.
 */
export interface RenameCache {
  at: number;
  dir: string;
  answers: WeakMap<FactDiagnostic, FactDiagnostic>;
}

/** A file that may be a renamed source: where it is listed, and its real path. */
interface Candidate {
  readonly listed: string;
  readonly real: string;
}

/** Finds the files that hold quotes; the answers last as long as the store's sources do. */
class HolderFinder {
  constructor(
    private readonly store: SourceStore,
    /** With `reference: true`, every candidate file is searched, and no answer is remembered. */
    private readonly options: Shortcuts,
  ) {}

  /**
   * Whether every file of a folder can be searched for quotes: not in a
   * folder of more than {@link MAX_SEARCHED_FILES} files (an archive), so that
   * a missing file does not cost a read of the archive.
   */
  canSearchAll(dir: string): boolean {
    return this.store.files(dir).size <= MAX_SEARCHED_FILES;
  }

  /**
   * The files that hold a quote, in `dir`, or where none does there, under
   * the root: one, or the first two found (which is enough to know that
   * which one is meant cannot be told).
   */
  holders(dir: string, ext: string, quote: PreparedQuote): readonly Holder[] {
    if (quote.parts.length === 0) return [];
    const key = `${dir}\0${ext}\0${quote.parts.join('\0')}`;
    const find = (): readonly Holder[] => {
      const keys = quote.parts.flatMap((p) => quoteKeys(p));
      // A renamed or moved article keeps its kind of file (its extension, or one a slip away from it as written):
      // notes and drafts that quote it are not it.
      const sameKind = (c: Candidate): boolean => {
        const other = path.extname(c.listed).toLowerCase();
        return other === ext || (ext.length > 1 && other.length > 1 && distance(other, ext) <= 1);
      };
      const inDir = this.search(this.candidates(dir).filter(sameKind), quote, keys);
      if (inDir.length > 0) return inDir;
      const elsewhere = this.candidates(undefined).filter((c) => sameKind(c) && path.dirname(c.listed) !== dir);
      return elsewhere.length <= MAX_SEARCHED_FILES ? this.search(elsewhere, quote, keys) : [];
    };
    return this.options.reference ? find() : this.store.remember('holders', key, find);
  }

  private search(candidates: readonly Candidate[], quote: PreparedQuote, keys: readonly number[]): Holder[] {
    const found: Holder[] = [];
    for (const { listed, real } of candidates) {
      const loaded = this.store.load(real);
      if (loaded.kind !== 'loaded' || (!this.options.reference && !loaded.source.filter.mayHold(keys))) continue;
      const [first] = findExact(loaded.source, quote, 1, this.options);
      if (!first) continue;
      const source = loaded.source;
      found.push({ listed, place: { path: source.path, start: source.lines.positionAt(first.span.start), end: source.lines.positionAt(first.span.end), message: 'The quote is here.' } });
      if (found.length >= 2) break;
    }
    return found;
  }

  /** The files that can be a renamed source in a folder (or, undefined, under the root), resolved once. */
  private candidates(dir: string | undefined): readonly Candidate[] {
    return this.store.remember('rename-candidates', dir ?? '', () => {
      const out: Candidate[] = [];
      const files = dir === undefined ? findFiles(this.store.fs, this.store.root, this.store.root, (e) => e.isFile === true, MAX_ROOT_FILES) : [...this.store.files(dir)].map((n) => path.join(dir, n));
      for (const listed of files) {
        if (!isCandidate(listed)) continue;
        const resolution = this.store.resolve(path.dirname(listed), path.basename(listed));
        if (resolution.kind === 'resolved') out.push({ listed, real: resolution.path });
      }
      return out;
    });
  }
}

/** Files that can be a renamed source: not fact sheets, provenance, kept originals or dot-files. */
function isCandidate(file: string): boolean {
  const name = path.basename(file);
  return !name.startsWith('.') && !isFactSheetPath(name) && name !== 'sources.yaml' && !/\.orig\.[^.]+$/.test(name);
}
