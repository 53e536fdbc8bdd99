/**
 * Resolving a citation's `file` to a source inside the root (FORMAT.md
 * section 3) and loading sources, each at most once per store.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { ContentFilter } from './contentFilter';
import { PROVENANCE_FILE, readProvenance, type Provenance, type ProvenanceIndex } from './provenance';
import type { FileSystem } from './fileSystem';
import { isNfc, normalizeWithMap, type NormalizedText } from '../normalize';
import { byteLineStarts, decodeSource, decodeTogether, isLazyUtf8, LineIndex, type Decoded } from '../text';
import type { Sheet } from '../model';
import type { Shortcuts, Span } from '../types';


/** Names in the user's locale's order (as `localeCompare`, with one collator, made when first needed). */
let collator: Intl.Collator | undefined;
const byName = (a: string, b: string): number => (collator ??= new Intl.Collator()).compare(a, b);

interface Listing {
  readonly names: string[];
  /** The same names, to look one up (a folder may hold thousands). */
  readonly named: Set<string>;
  sorted?: string[];
  /** Each name's place in `sorted`, and the code units the names are made of; made when first needed. */
  rank?: Map<string, number>;
  alphabet?: string[];
  readonly files: Set<string>;
}

/**
 * A source text with its line index and (lazily) its normalized form. A
 * source read ahead by a command-line run may start as its UTF-8 bytes: most
 * quotes are then found in their cited lines, decoded alone, and the whole
 * text is decoded only for what needs it (see {@link SourceText.linesText}).
 */
export class SourceText {
  private decoded: string | undefined;
  private lineIndex: LineIndex | undefined;
  private normalizedCache: NormalizedText | undefined;
  /** Until the text is decoded: the file's bytes (valid UTF-8, no byte order mark, NUL or `\r`) and where each line starts in them. */
  private bytes: Buffer | undefined;
  private byteStarts: Int32Array | undefined;
  /** What the source weighs in a store that keeps a budget: its length when it was made, in bytes or characters. */
  readonly weight: number;

  constructor(
    /** Real absolute path. */
    readonly path: string,
    /** The text, or bytes of UTF-8 with `\n` line ends only and no byte order mark or NUL (see {@link isLazyUtf8}). */
    content: string | Buffer,
  ) {
    if (typeof content === 'string') this.decoded = content;
    else this.bytes = content;
    this.weight = content.length;
  }

  get text(): string {
    if (this.decoded === undefined) {
      this.decoded = this.bytes!.toString('utf8');
      this.bytes = undefined;
      this.byteStarts = undefined;
    }
    return this.decoded;
  }

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** Lines that can be cited (1..lineCount). */
  get lineCount(): number {
    if (this.bytes) {
      const starts = this.byteLines();
      // As for text: a line end at the very end opens no line that can be cited.
      return starts[starts.length - 1] === this.bytes.length ? starts.length - 1 : starts.length;
    }
    return this.lines.contentLineCount;
  }

  /** The span from the start of line `first` to the end of line `last` (1-based, inclusive). */
  lineSpan(first: number, last: number): Span {
    return { start: this.lines.starts[first - 1], end: this.lines.lineEnd(last - 1) };
  }

  /** 1-based line of an offset. */
  lineAt(offset: number): number {
    return this.lines.lineAt(offset) + 1;
  }

  /**
   * The 1-based line of `offset` in `cited`, the text of the lines from
   * `first` on ({@link linesText}). While the source is not decoded its lines
   * end at `\n` alone, and they are counted in `cited` itself.
   */
  lineInCited(first: number, cited: string, offset: number): number {
    if (!this.bytes) return this.lineAt(this.lines.starts[first - 1] + offset);
    let n = 0;
    for (let k = cited.indexOf('\n'); k >= 0 && k < offset; k = cited.indexOf('\n', k + 1)) n++;
    return first + n;
  }

  /**
   * The span in the text of `[start, end)` of the text of the lines from
   * `first` on, when it can be told without decoding the source; undefined
   * while the source is kept as bytes (ask {@link lineSpan} once it must be).
   */
  spanInCited(first: number, start: number, end: number): Span | undefined {
    if (this.bytes) return undefined;
    const base = this.lines.starts[first - 1];
    return { start: base + start, end: base + end };
  }

  /** Whether the text is decoded (it always is, unless the source was made from bytes and nothing has needed it). */
  get isDecoded(): boolean {
    return this.bytes === undefined;
  }

  /**
   * The text of lines `first` to `last` (1-based, existing) without the last
   * one's line end; while the text is not decoded, just those lines' bytes
   * are.
   */
  linesText(first: number, last: number): string {
    if (this.bytes) {
      const starts = this.byteLines();
      const start = starts[first - 1];
      return this.bytes.toString('utf8', start, Math.max(start, last < starts.length ? starts[last] - 1 : this.bytes.length));
    }
    const span = this.lineSpan(first, last);
    return this.text.slice(span.start, span.end);
  }

  private byteLines(): Int32Array {
    return (this.byteStarts ??= byteLineStarts(this.bytes!));
  }

  private nfc: boolean | undefined;

  /** Whether the text is in NFC already (then quotes can be found in it without normalizing it). */
  get isNfc(): boolean {
    this.nfc ??= isNfc(this.text);
    return this.nfc;
  }

  /** The filter of the words this source holds (see {@link ContentFilter}); computed once. */
  get filter(): ContentFilter {
    if (!this.filterCache) {
      // A combining mark (U+0300-U+036F: bytes CC or CD in UTF-8) may compose with a letter: the filter is then of the NFC text.
      const plain = this.bytes && this.bytes.indexOf(0xcc) < 0 && this.bytes.indexOf(0xcd) < 0;
      this.filterCache = ContentFilter.of(plain ? this.bytes! : Buffer.from(this.isNfc ? this.text : this.normalized.text, 'utf8'));
    }
    return this.filterCache;
  }

  private filterCache: ContentFilter | undefined;

  /** The whole text normalized, with offsets back into it; computed once. */
  get normalized(): NormalizedText {
    this.normalizedCache ??= normalizeWithMap(this.text, 0, this.isNfc);
    return this.normalizedCache;
  }

  private regionCache: { readonly first: number; readonly last: number; readonly region: NormalizedText } | undefined;

  /**
   * Lines `first` to `last` normalized on their own, with offsets into the
   * whole text. The last range asked for is kept: the citations of an
   * article written on one long line normalize it once, not once each.
   */
  normalizedLines(first: number, last: number): NormalizedText {
    const kept = this.regionCache;
    if (kept && kept.first === first && kept.last === last) return kept.region;
    const span = this.lineSpan(first, last);
    const region = normalizeWithMap(this.text.slice(span.start, span.end), span.start);
    this.regionCache = { first, last, region };
    return region;
  }
}

export type Resolution =
  | { readonly kind: 'resolved'; readonly path: string }
  | { readonly kind: 'outside-root'; readonly reason: string }
  | { readonly kind: 'not-found'; readonly path: string };

export type Loaded =
  | { readonly kind: 'loaded'; readonly source: SourceText }
  | { readonly kind: 'unreadable'; readonly reason: string };

function plainPath(p: string): boolean {
  return p.charCodeAt(0) === 47 && !p.includes('/.') && !p.includes('//');
}

/** Is `child` the same as or inside `parent` (both absolute)? */
export function isInside(parent: string, child: string): boolean {
  if (path.sep === '/' && plainPath(parent) && plainPath(child)) {
    // Absolute POSIX paths without `.`, `..` or doubled slashes: a prefix test at a separator is enough.
    const p = parent.length > 1 && parent.endsWith('/') ? parent.slice(0, -1) : parent;
    const c = child.length > 1 && child.endsWith('/') ? child.slice(0, -1) : child;
    return c === p || (c.startsWith(p) && (p === '/' || c.charCodeAt(p.length) === 47));
  }
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The containment rule (FORMAT.md section 3) for any path opened from disk:
 * its real path, every symlink followed, when that is inside one of the
 * roots (each compared by its own real path); otherwise undefined, and the
 * path must not be read. A missing path is never inside.
 */
export function realPathInside(fs: FileSystem, p: string, roots: readonly string[]): string | undefined {
  const real = fs.realpath(p);
  if (real === undefined) return undefined;
  return roots.some((r) => isInside(fs.realpath(r) ?? path.resolve(r), real)) ? real : undefined;
}

/** With `reference: true`, nothing is read ahead: each source is read and decoded whole when first loaded. */
export interface SourceStoreOptions extends Shortcuts {
  /** Texts that override the disk (unsaved editor buffers), by real path. */
  readonly overlay?: (realPath: string) => string | undefined;
  /**
   * How many characters of source text to keep loaded; the least recently
   * used sources beyond it are let go and read again when next needed.
   * A long-running server sets it; a command-line run keeps everything (the
   * default).
   */
  readonly retainChars?: number;
  /**
   * Whether the checker reads the sources a sheet cites ahead of their use,
   * together ({@link SourceStore.readAhead}): yes for a command-line run (the
   * default), no for a server that lets sources go again.
   */
  readonly readAhead?: boolean;
}

/**
 * Loads and caches sources for one root. Every read goes through the file
 * system given; each source is read at most once until it is invalidated.
 */
export class SourceStore {
  private readonly loaded = new Map<string, Loaded>();
  private readonly realRoot: string;
  private readonly realpaths = new Map<string, string | undefined>();
  private readonly listings = new Map<string, Listing>();
  /** "Did you mean" answers, by folder and name; they change when listings do. */
  private readonly nearest = new Map<string, { name: string; distance: number }[]>();
  /** Resolutions by folder, then by `file` as written. */
  private readonly resolutions = new Map<string, Map<string, Resolution>>();
  /** A counter of invalidations, and when each path (or everything) was last invalidated. */
  private clock = 0;
  private readonly invalidatedAt = new Map<string, number>();
  private allInvalidatedAt = 0;

  constructor(
    readonly fs: FileSystem,
    /** Absolute path of the root nothing may be read outside of. */
    readonly root: string,
    private maxSourceBytes: number,
    options: SourceStoreOptions = {},
  ) {
    this.realRoot = fs.realpath(root) ?? path.resolve(root);
    this.overlay = options.overlay ?? (() => undefined);
    this.retainChars = options.retainChars ?? Infinity;
    this.readsAhead = !options.reference && (options.readAhead ?? true);
  }

  private readonly overlay: (realPath: string) => string | undefined;
  private readonly retainChars: number;
  /** Whether {@link readAhead} reads anything (see {@link SourceStoreOptions.readAhead}). */
  readonly readsAhead: boolean;

  /** Answers worked out from the sources, by kind and key; forgotten when any source changes. */
  private readonly memos = new Map<string, unknown>();

  /** An answer worked out from the sources, computed once until one of them changes. */
  remember<T>(kind: string, key: string, compute: () => T): T {
    const k = `${kind}\0${key}`;
    if (this.memos.has(k)) return this.memos.get(k) as T;
    const value = compute();
    this.memos.set(k, value);
    return value;
  }

  /**
   * The provenance of the sources in a folder (its `sources.yaml`, see
   * provenance.ts), read once until a file changes; undefined when the folder
   * has none, or it cannot be read or lies outside the root.
   */
  provenanceIn(dir: string): ProvenanceIndex | undefined {
    return this.remember('provenance', dir, () => {
      const file = path.join(dir, PROVENANCE_FILE);
      const real = this.realpath(file);
      if (real === undefined || !isInside(this.realRoot, real)) return undefined;
      const read = this.read(real);
      return read.kind === 'loaded' ? readProvenance(read.source.text) : undefined;
    });
  }

  /**
   * The SHA-256 (hex) of a source as it is now: the editor's text when it is
   * open (as UTF-8), else its bytes; undefined when it cannot be read. Worked
   * out once until the source changes.
   */
  digestOf(realPath: string): string | undefined {
    if (this.digests.has(realPath)) return this.digests.get(realPath);
    const open = this.overlay(realPath);
    const bytes = open !== undefined ? Buffer.from(open, 'utf8') : this.readBytes(realPath);
    const digest = bytes instanceof Uint8Array ? createHash('sha256').update(bytes).digest('hex') : undefined;
    this.digests.set(realPath, digest);
    return digest;
  }

  private readonly digests = new Map<string, string | undefined>();

  /** What the `sources.yaml` beside a source says of it, if anything. */
  provenanceOf(realPath: string): Provenance | undefined {
    return this.provenanceIn(path.dirname(realPath))?.entries.get(path.basename(realPath));
  }

  /** Forget a source (it changed) or, without a path, every source. */
  invalidate(realPath?: string): void {
    this.memos.clear();
    this.realpaths.clear();
    this.listings.clear();
    this.nearest.clear();
    this.resolutions.clear();
    this.clock++;
    if (realPath === undefined) this.digests.clear();
    else this.digests.delete(realPath);
    if (realPath === undefined) {
      this.loaded.clear();
      this.retained = 0;
      this.allInvalidatedAt = this.clock;
    } else {
      const l = this.loaded.get(realPath);
      if (l?.kind === 'loaded') this.retained -= l.source.weight;
      this.loaded.delete(realPath);
      this.invalidatedAt.set(realPath, this.clock);
    }
  }

  /** The current time of the invalidation clock. */
  now(): number {
    return this.clock;
  }

  /** Whether a path was invalidated after time `t` of the clock. */
  changedSince(p: string, t: number): boolean {
    return this.allInvalidatedAt > t || (this.invalidatedAt.get(p) ?? 0) > t;
  }

  private realpath(p: string): string | undefined {
    let real = this.realpaths.get(p);
    if (real === undefined && !this.realpaths.has(p)) {
      real = this.realpathUncached(p);
      this.realpaths.set(p, real);
    }
    return real;
  }

  private realpathUncached(p: string): string | undefined {
    // A regular file that its folder (inside the root) lists is that folder's real
    // path plus its name: one listing per folder, where a full realpath of each
    // file looks at every folder on the way. Anything else asks the file system.
    const dir = path.dirname(p);
    if (dir !== p && isInside(this.root, dir)) {
      const realDir = this.realpath(dir);
      const name = path.basename(p);
      if (realDir !== undefined && isInside(this.realRoot, realDir) && this.listing(dir).files.has(name)) return path.join(realDir, name);
    }
    return this.fs.realpath(p);
  }

  /**
   * Resolves `file` against `baseDir` (the sheet's folder joined with its
   * `sources`): absolute paths, `..` escapes and symlinks that leave the
   * root are refused before anything is read.
   */
  resolve(baseDir: string, file: string): Resolution {
    let inDir = this.resolutions.get(baseDir);
    if (!inDir) this.resolutions.set(baseDir, (inDir = new Map()));
    let resolution = inDir.get(file);
    if (!resolution) {
      resolution = this.resolveUncached(baseDir, file);
      inDir.set(file, resolution);
    }
    return resolution;
  }

  private resolveUncached(baseDir: string, file: string): Resolution {
    if (path.isAbsolute(file) || /^[a-zA-Z]:[\\/]/.test(file)) {
      return { kind: 'outside-root', reason: 'absolute paths are not allowed' };
    }
    const lexical = path.resolve(baseDir, file);
    if (!isInside(this.root, lexical) && !isInside(this.realRoot, lexical)) {
      return { kind: 'outside-root', reason: 'the path leaves the root folder' };
    }
    const real = this.realpath(lexical);
    const leaves = { kind: 'outside-root', reason: 'a symbolic link leads outside the root folder' } as const;
    // A missing file under a folder link that leaves the root is outside too:
    // telling "not found" there would show what exists outside.
    if (real === undefined) return this.existingAncestorInside(lexical) ? { kind: 'not-found', path: lexical } : leaves;
    return isInside(this.realRoot, real) ? { kind: 'resolved', path: real } : leaves;
  }

  /** Whether the nearest existing folder above `p` is inside the root once symlinks are followed. */
  private existingAncestorInside(p: string): boolean {
    for (let dir = path.dirname(p); ; dir = path.dirname(dir)) {
      const real = this.realpath(dir);
      if (real !== undefined) return isInside(this.realRoot, real);
      if (path.dirname(dir) === dir) return false;
    }
  }

  /** Whether a directory is inside the root once symlinks are followed. */
  isInsideRoot(p: string): boolean {
    const real = this.realpath(p);
    return real !== undefined && isInside(this.realRoot, real);
  }

  /** Loads a resolved source (a real path inside the root). */
  load(realPath: string): Loaded {
    let result = this.loaded.get(realPath);
    if (result) {
      if (this.retainChars !== Infinity) {
        // Most recently used last.
        this.loaded.delete(realPath);
        this.loaded.set(realPath, result);
      }
      return result;
    }
    result = this.read(realPath);
    this.loaded.set(realPath, result);
    if (result.kind === 'loaded') {
      this.retained += result.source.weight;
      this.evict(realPath);
    }
    return result;
  }

  private retained = 0;

  /**
   * Reads sources ahead of their use. Plain UTF-8 with `\n` line ends (nearly
   * every source) is kept as bytes, decoded only where it must be (see
   * {@link SourceText}); other text is decoded together as one string that
   * each source's text is a slice of (one large string is left in place by the
   * garbage collector, where thousands of article-sized ones would each be
   * copied as they age), and anything unusual (a byte order mark, NUL bytes,
   * invalid UTF-8) on its own. What cannot be read is kept with its reason, as
   * {@link load} would: each file is read once.
   */
  readAhead(realPaths: readonly string[] | ReadonlySet<string>): void {
    if (!this.readsAhead) return;
    const keep = (p: string, loaded: Loaded): void => {
      this.loaded.set(p, loaded);
      if (loaded.kind === 'loaded') this.retained += loaded.source.weight;
    };
    const batch: { path: string; bytes: Uint8Array }[] = [];
    for (const p of realPaths) {
      if (this.loaded.has(p) || this.overlay(p) !== undefined) continue;
      const bytes = this.readBytes(p);
      if (!(bytes instanceof Uint8Array)) keep(p, bytes);
      else if (Buffer.isBuffer(bytes) && isLazyUtf8(bytes)) keep(p, { kind: 'loaded', source: new SourceText(p, bytes) });
      else batch.push({ path: p, bytes });
    }
    if (batch.length > 0) {
      const texts = decodeTogether(batch.map((b) => b.bytes));
      batch.forEach((b, i) => {
        const text = texts[i];
        keep(b.path, text === undefined ? this.decoded(b.path, decodeSource(b.bytes)) : { kind: 'loaded', source: new SourceText(b.path, text) });
      });
    }
    this.evict(realPaths);
  }

  /** Lets go of the least recently used sources beyond the budget (never those in `keep`). */
  private evict(keep: string | Iterable<string>): void {
    if (this.retained <= this.retainChars) return;
    const kept = typeof keep === 'string' ? new Set([keep]) : new Set(keep);
    for (const [p, l] of this.loaded) {
      if (this.retained <= this.retainChars) break;
      if (kept.has(p) || l.kind !== 'loaded') continue;
      this.loaded.delete(p);
      this.retained -= l.source.weight;
    }
  }


  private read(realPath: string): Loaded {
    const open = this.overlay(realPath);
    if (open !== undefined) return { kind: 'loaded', source: new SourceText(realPath, open) };
    const bytes = this.readBytes(realPath);
    return bytes instanceof Uint8Array ? this.decoded(realPath, decodeSource(bytes)) : bytes;
  }

  /** A source's bytes, or why it cannot be read. */
  private readBytes(realPath: string): Uint8Array | Loaded {
    const bytes = this.fs.readSmallFile?.(realPath, this.maxSourceBytes);
    if (bytes) return bytes;
    const stat = this.fs.stat(realPath);
    if (!stat) return { kind: 'unreadable', reason: 'it cannot be read' };
    if (stat.isDirectory) return { kind: 'unreadable', reason: 'it is a directory' };
    if (!stat.isFile) return { kind: 'unreadable', reason: 'it is not a regular file' };
    if (stat.size > this.maxSourceBytes) {
      return {
        kind: 'unreadable',
        reason: `it is ${formatBytes(stat.size)}, over the ${formatBytes(this.maxSourceBytes)} limit (factNotes.maxSourceBytes)`,
      };
    }
    try {
      return this.fs.readFile(realPath);
    } catch (e) {
      return { kind: 'unreadable', reason: `it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
    }
  }

  private decoded(realPath: string, decoded: Decoded): Loaded {
    return decoded.ok ? { kind: 'loaded', source: new SourceText(realPath, decoded.text) } : { kind: 'unreadable', reason: decoded.reason };
  }

  /**
   * Up to `max` file names in `dir` (inside the root) closest to `name`,
   * nearest first, for "did you mean" fixes.
   */
  nearestFiles(dir: string, name: string, max = 3): readonly { readonly name: string; readonly distance: number }[] {
    const key = `${dir}\0${name}\0${max}`;
    let near = this.nearest.get(key);
    if (!near) {
      near = this.nearestUncached(dir, name, max);
      this.nearest.set(key, near);
    }
    return near;
  }

  private nearestUncached(dir: string, name: string, max: number): { name: string; distance: number }[] {
    if (!this.isInsideRoot(dir)) return [];
    const limit = Math.max(2, Math.floor(name.length / 3));
    // One pass over the folder in name order, keeping the best few (folders can hold thousands
    // of files). A name not in the folder is at least 1 edit from every file, so once `max`
    // files 1 edit away are found, no later one (later in name order) can come before them.
    const best: { name: string; distance: number }[] = [];
    const before = (a: { name: string; distance: number }, b: { name: string; distance: number }): boolean =>
      a.distance < b.distance || (a.distance === b.distance && byName(a.name, b.name) < 0);
    const listing = this.listing(dir);
    const sorted = (listing.sorted ??= [...listing.names].sort(byName));
    let closest = listing.named.has(name) ? 0 : 1;
    // In a large folder the names 1 edit away are looked up instead: they come first, in name
    // order, and every other name is at least 2 edits away, so the pass can stop sooner.
    const oneAway = closest === 1 ? oneEditAway(listing, sorted, name) : undefined;
    if (oneAway) {
      for (const r of oneAway.slice(0, max)) best.push({ name: sorted[r], distance: 1 });
      closest = 2;
    }
    for (let r = 0; r < sorted.length; r++) {
      if (best.length === max && best[max - 1].distance <= closest) break;
      const n = sorted[r];
      if (Math.abs(n.length - name.length) > limit || (oneAway && oneAway.includes(r))) continue;
      const d = distance(name, n);
      if (d > limit) continue;
      const candidate = { name: n, distance: d };
      if (best.length === max && !before(candidate, best[max - 1])) continue;
      let i = Math.min(best.length, max - 1);
      best[i] = candidate;
      for (; i > 0 && before(best[i], best[i - 1]); i--) [best[i], best[i - 1]] = [best[i - 1], best[i]];
    }
    return best;
  }

  /** The names of a folder's regular files that are not links (none when it cannot be read). */
  files(dir: string): ReadonlySet<string> {
    return this.listing(dir).files;
  }

  /**
   * A folder's listing, read once per store: names of its files (not
   * dot-files), the same in name order when needed, and the names of the
   * regular files that are not links.
   */
  private listing(dir: string): Listing {
    let listing = this.listings.get(dir);
    if (!listing) {
      const entries = this.fs.readDirectory(dir);
      const names = entries.filter((e) => !e.isDirectory && !e.name.startsWith('.')).map((e) => e.name);
      listing = {
        names,
        named: new Set(names),
        files: new Set(entries.filter((e) => e.isFile === true).map((e) => e.name)),
      };
      this.listings.set(dir, listing);
    }
    return listing;
  }
}

/**
 * The places (in `sorted`) of a folder's names that are one edit away from
 * `name`, in name order; found by looking up every string one edit away (a
 * deletion, or a code unit of the folder's names put in or swapped in),
 * which in a large folder is far less work than an edit distance to each
 * name. Undefined when the folder is small enough for that to be the cheaper.
 */
function oneEditAway(listing: Listing, sorted: readonly string[], name: string): number[] | undefined {
  if (sorted.length < 64) return undefined;
  if (!listing.alphabet) {
    const units = new Set<string>();
    for (const n of sorted) for (let i = 0; i < n.length; i++) units.add(n[i]);
    listing.alphabet = [...units];
    listing.rank = new Map(sorted.map((n, i) => [n, i]));
  }
  const { alphabet, rank } = listing as Required<Listing>;
  if ((2 * name.length + 1) * alphabet.length > sorted.length) return undefined;
  const found = new Set<number>();
  const look = (candidate: string): void => {
    const r = rank.get(candidate);
    if (r !== undefined) found.add(r);
  };
  for (let i = 0; i <= name.length; i++) {
    const head = name.slice(0, i);
    const tail = name.slice(i);
    if (i < name.length) look(head + name.slice(i + 1));
    for (const c of alphabet) {
      look(head + c + tail);
      if (i < name.length && c !== name[i]) look(head + c + name.slice(i + 1));
    }
  }
  found.delete(rank.get(name) ?? -1);
  return [...found].sort((a, b) => a - b);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** The folder citations of a sheet are relative to. */
export function sourcesDirOf(sheetPath: string, sheet: Sheet): string {
  return path.resolve(path.dirname(sheetPath), sheet.sources?.value ?? '.');
}
