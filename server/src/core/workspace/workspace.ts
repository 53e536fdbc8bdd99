/**
 * The stateful side of the core for a long-running process (the language
 * server): an index of every fact sheet under the workspace folders, their
 * latest texts (from disk or an editor), cached check results, and which
 * sheets depend on which sources, so a changed source re-checks exactly the
 * sheets that cite it. The host gives it the file system and git.
 */
import * as path from 'node:path';
import { dependenciesOf, SheetChecker } from '../check/check';
import type { SheetCheck } from '../check/results';
import { findSheets, isFactSheetPath, isSkippedFolder, readSheetFile } from '../sources/discover';
import { anchorsOf, GitHistory, settle, type Anchor, type EvidenceSources, type GitRunner } from '../check/evidence';
import type { FileSystem } from '../sources/fileSystem';
import { isInside, SourceStore, type SourceText } from '../sources/sources';
import { decodeSource, LineIndex } from '../text';
import { DEFAULT_OPTIONS, EDITOR_DEFAULT_SEVERITY, EditorCode, type CheckOptions, type LineRange, type TextEdit } from '../types';
import type { Fact } from '../model';
import { parseSheet } from '../parse';
import { citeSelection, type CiteTarget } from '../edit/cite';
import { pasteCitation, type PastedCitation } from '../edit/paste';
import { movedPath, sheetEditsForMoves, type Move, type MovedValue } from '../edit/moves';
import type { ScalarValue } from '../model';
import { PROVENANCE_FILE, type Provenance, type ProvenanceProblem } from '../sources/provenance';
import type { UnusedSource } from '../features/articles';
import { digestOf, type SheetDigest } from '../features/digest';

export interface WorkspaceHost {
  readonly fs: FileSystem;
  /** The unsaved text of a source open in an editor, by real path. */
  openSourceText(realPath: string): string | undefined;
  /** Runs git, for the sources' previous versions (evidence for repairs). */
  readonly git: GitRunner;
}

interface SheetEntry {
  /** Undefined once the sheet is closed, checked and kept as its {@link digest} alone: read from disk again when needed. */
  text: string | undefined;
  /** The editor's version while open; undefined when the text is from disk. */
  version: number | undefined;
  lines?: LineIndex;
  check?: SheetCheck;
  /** The check with its repairs that wait for evidence settled on every sheet's citations; made when asked for. */
  settled?: SheetCheck;
  /** The sources whose evidence the settled check waited for (they are few, and only where a repair needed it). */
  waitsOn?: readonly string[];
  /** The anchors the check's citations give each source; worked out when some sheet waits for evidence. */
  anchors?: Map<string, Anchor[]>;
  /** Keeps each fact's result between checks, so an edit re-checks only what it touched. */
  checker?: SheetChecker;
  /** Paths (real and as written) of every source the check looked at; worked out when a source changes, or when the sheet is kept as its digest. */
  deps?: Set<string>;
  /** The sources the check's citations resolve to (real paths; as written for a citation not checked); worked out for source-unused, or when the sheet is kept as its digest. */
  cited?: ReadonlySet<string>;
  /**
   * What the features over every sheet need of the settled check. For a
   * closed sheet kept as this alone (no text, no check), it stands for the
   * check: its presence says that the check would be the same.
   */
  digest?: SheetDigest;
}

/** Whether `dep` is one of the changed paths or lies under one of them (a folder). */
function changedAt(changed: ReadonlySet<string>, dep: string): boolean {
  if (changed.has(dep)) return true;
  for (const c of changed) if (dep.startsWith(c.endsWith(path.sep) ? c : c + path.sep)) return true;
  return false;
}

/** Source text kept in memory between requests (about 16 MB); the rest is read again when needed. */
const RETAINED_SOURCE_CHARS = 8 * 1024 * 1024;
/**
 * How many closed sheets keep their text and check after being checked
 * (the last ones checked); the others keep their digest, deps, cited sources
 * and anchors alone (see `features/digest.ts`).
 */
const KEPT_CLOSED = 8;
/** How long an F2 rename handed out waits for the editor to announce its move (see FactWorkspace.citationsForMoves). */
const OWN_MOVE_MS = 60_000;

export class FactWorkspace {
  private roots: string[] = [];
  private readonly stores = new Map<string, SourceStore>();
  private readonly sheets = new Map<string, SheetEntry>();
  private options: CheckOptions = DEFAULT_OPTIONS;
  private readonly histories = new Map<string, GitHistory>();
  /** Sheets whose repairs wait for evidence, by path. */
  private readonly waiting = new Set<string>();
  /** Sheets whose settled diagnostics another sheet's new check may have changed: to publish again. */
  private readonly stale = new Set<string>();
  /** The articles reported as source-unused at the last {@link takeUnusedChanges}, by path. */
  private reportedUnused = new Map<string, UnusedSource>();
  /** Whether a sheet, a source or the settings changed since the last {@link takeUnusedChanges}. */
  private unusedMayHaveChanged = true;
  /** The closed sheets last checked, oldest first: they keep their text and check (see {@link KEPT_CLOSED}). */
  private readonly recentClosed = new Set<string>();

  constructor(private readonly host: WorkspaceHost) {}

  /** Workspace folders; a sheet outside all of them is its own folder's root. */
  setRoots(roots: readonly string[]): void {
    this.roots = [...roots].sort((a, b) => b.length - a.length);
    this.stores.clear();
    this.invalidateChecks();
    this.unusedMayHaveChanged = true;
  }

  setOptions(options: CheckOptions): void {
    this.options = options;
    this.stores.clear();
    this.invalidateChecks();
    this.unusedMayHaveChanged = true;
  }


  /**
   * Finds every sheet on disk under the roots; returns their paths. Sheets
   * no longer there (a removed workspace folder) leave the index, unless an
   * editor has them open.
   */
  indexAll(): string[] {
    const found: string[] = [];
    for (const root of this.roots) {
      for (const p of findSheets(this.host.fs, root, root)) {
        if (!this.sheets.has(p)) this.loadFromDisk(p);
        if (this.sheets.has(p)) found.push(p);
      }
    }
    const kept = new Set(found);
    for (const [p, entry] of this.sheets) {
      if (entry.version === undefined && !kept.has(p)) this.forget(p);
    }
    return found;
  }

  rootFor(p: string): string {
    return this.roots.find((r) => isInside(r, p)) ?? path.dirname(p);
  }

  storeFor(p: string): SourceStore {
    const root = this.rootFor(p);
    let store = this.stores.get(root);
    if (!store) {
      store = new SourceStore(this.host.fs, root, this.options.maxSourceBytes, { overlay: (real) => this.host.openSourceText(real), retainChars: RETAINED_SOURCE_CHARS, readAhead: false });
      this.stores.set(root, store);
    }
    return store;
  }

  /** A sheet's text as an editor has it (open) — replaces what disk says. */
  setSheetText(p: string, text: string, version: number): void {
    this.setEntry(p, text, version);
  }

  private setEntry(p: string, text: string, version: number | undefined): void {
    const entry = this.sheets.get(p);
    this.recentClosed.delete(p);
    if (entry) {
      entry.text = text;
      entry.version = version;
      entry.lines = undefined;
      entry.check = undefined;
      this.unsettle(entry);
    } else {
      this.sheets.set(p, { text, version });
    }
  }

  /** The editor closed a sheet: go back to the disk's text, if any. */
  closeSheet(p: string): void {
    const entry = this.sheets.get(p);
    if (entry) entry.version = undefined;
    if (this.isIndexed(p)) this.loadFromDisk(p);
    else this.forget(p);
  }

  /**
   * Files created, changed or deleted on disk. A sheet's new text is read
   * (unless an editor has it open); any other file is a source. A deleted
   * path may be a folder, reported alone: the sheets and sources under it
   * are gone too. Returns the sheets whose diagnostics must be published
   * again.
   */
  filesChanged(changes: readonly { readonly path: string; readonly deleted: boolean }[]): string[] {
    const sources: string[] = [];
    const sheets: string[] = [];
    for (const { path: p, deleted } of changes) {
      if (isFactSheetPath(p)) {
        this.sheetFileChanged(p, deleted);
        sheets.push(p);
        continue;
      }
      sources.push(p);
      if (deleted) {
        const inside = this.paths().filter((s) => s !== p && isInside(p, s));
        for (const s of inside) this.sheetFileChanged(s, true);
        sheets.push(...inside);
      }
    }
    if (sources.length > 0) sheets.push(...this.sourceChanged(sources));
    return sheets;
  }

  /** A sheet file changed on disk; ignored while an editor has it open. */
  private sheetFileChanged(p: string, deleted: boolean): void {
    const entry = this.sheets.get(p);
    if (entry?.version !== undefined) return;
    if (deleted) this.forget(p);
    else this.loadFromDisk(p);
  }

  private isIndexed(p: string): boolean {
    return isFactSheetPath(p) && this.roots.some((r) => isInside(r, p)) && this.host.fs.stat(p)?.isFile === true;
  }

  /** A sheet from disk enters the index only when it may be read (see {@link readFromDisk}). */
  private loadFromDisk(p: string): void {
    const read = this.readFromDisk(p);
    if ('text' in read) this.setEntry(p, read.text, undefined);
    else this.forget(p);
  }

  /**
   * A sheet's text from disk, read only when its real path is inside a
   * workspace folder and it is a regular file within the size limit; or why
   * not, as a sentence naming the file. Events and requests about any other
   * path never make anything be read (an editor may still open such a sheet:
   * its text then comes from the editor).
   */
  private readFromDisk(p: string): { readonly text: string } | { readonly error: string } {
    const read = readSheetFile(this.host.fs, p, this.roots, this.options.maxSourceBytes);
    const name = path.basename(p);
    if (read.kind === 'refused') {
      return { error: read.outside ? `${name} is outside every workspace folder, so it is not read.` : `Cannot read ${name}: ${read.reason}.` };
    }
    const decoded = decodeSource(read.bytes);
    return decoded.ok ? { text: decoded.text } : { error: `Cannot read ${name}: ${decoded.reason}.` };
  }

  /** A sheet's text: the one indexed or open, or else from disk as {@link readFromDisk} allows. */
  sheetText(p: string): { readonly text: string } | { readonly error: string } {
    const text = this.text(p);
    return text !== undefined ? { text } : this.readFromDisk(p);
  }

  /**
   * A sheet's text with its line index: the one indexed or open (its index
   * kept), or else from disk as {@link readFromDisk} allows, read once (a
   * sheet kept as its digest too).
   */
  private sheetLines(p: string): { readonly text: string; readonly lines: LineIndex } | { readonly error: string } {
    const entry = this.sheets.get(p);
    if (entry?.text !== undefined) return { text: entry.text, lines: this.lines(p)! };
    const read = this.readFromDisk(p);
    return 'text' in read ? { text: read.text, lines: new LineIndex(read.text) } : read;
  }

  /**
   * The facts of a sheet, for a client to choose from (Cite Selection): from
   * its current check when it is indexed, else read as {@link sheetText} allows.
   */
  listFacts(p: string): { readonly index: number; readonly id?: string; readonly claim: string }[] {
    let facts: readonly Fact[];
    if (this.sheets.has(p)) facts = this.check(p)?.sheet.facts ?? [];
    else {
      const read = this.readFromDisk(p);
      facts = 'text' in read ? parseSheet(read.text).sheet.facts : [];
    }
    return facts.map((f) => ({ index: f.index, id: f.id?.value, claim: f.claim?.value ?? `Fact ${f.index + 1}` }));
  }

  /**
   * Cite Selection: the edit that adds a citation of lines `lines` (1-based)
   * of `sourcePath` with `quote` to the sheet at `sheetPath`, as its text is
   * now (open, indexed or on disk), with the line index of that text to place
   * the edit; or why it cannot be made. A source outside the sheet's root
   * cannot be cited.
   */
  citeSelection(sheetPath: string, sourcePath: string, lines: LineRange, quote: string, target: CiteTarget): { readonly edit: TextEdit; readonly lines: LineIndex } | { readonly error: string } {
    const read = this.sheetLines(sheetPath);
    if (!('text' in read)) return read;
    const store = this.storeFor(sheetPath);
    if (store.resolve(path.dirname(sourcePath), path.basename(sourcePath)).kind !== 'resolved') {
      return { error: `${path.basename(sourcePath)} is outside the workspace folder of ${path.basename(sheetPath)}, so the sheet cannot cite it.` };
    }
    const result = citeSelection(sheetPath, read.text, sourcePath, lines, quote, target);
    return 'error' in result ? result : { edit: result.edit, lines: read.lines };
  }

  /**
   * Paste as citation: what words copied from lines `lines` of `sourcePath`
   * become when pasted at `offset` of the sheet (see `edit/paste.ts`), with
   * the line index of the sheet's text; a source outside the sheet's root
   * is pasted as plain text.
   */
  pasteCitation(sheetPath: string, offset: number, sourcePath: string, lines: LineRange, quote: string): { readonly pasted: PastedCitation; readonly lines: LineIndex } | { readonly error: string } {
    const read = this.sheetLines(sheetPath);
    if (!('text' in read)) return read;
    if (this.storeFor(sheetPath).resolve(path.dirname(sourcePath), path.basename(sourcePath)).kind !== 'resolved') {
      return { error: `${path.basename(sourcePath)} is outside the workspace folder of ${path.basename(sheetPath)}, so the sheet cannot cite it.` };
    }
    return { pasted: pasteCitation(sheetPath, read.text, offset, sourcePath, lines, quote), lines: read.lines };
  }

  /**
   * The edits to every sheet of the workspace that keep its citations
   * pointing at the same articles once `moves` are made (see
   * `edit/moves.ts`); only the sheets that change, each with the line index
   * of the text edited.
   */
  editsForMoves(moves: readonly Move[], options: { readonly done?: boolean } = {}): { readonly path: string; readonly edits: readonly TextEdit[]; readonly lines: LineIndex; readonly stuck: readonly MovedValue[] }[] {
    const out: { path: string; edits: readonly TextEdit[]; lines: LineIndex; stuck: readonly MovedValue[] }[] = [];
    // With `done`, the moves are made: a moved sheet may be indexed at its old place still, or at its new one already.
    const back = moves.map((m) => ({ from: m.to, to: m.from }));
    const seen = new Set<string>();
    for (const p of [...this.sheets.keys()].sort()) {
      const before = options.done ? (movedPath(p, back) ?? p) : p;
      const now = options.done ? (movedPath(before, moves) ?? before) : p;
      if (seen.has(now) || (options.done && p !== now && this.sheets.has(now))) continue;
      seen.add(now);
      const read = this.sheetLines(p);
      if (!('text' in read)) continue;
      const r = sheetEditsForMoves(before, read.text, moves);
      if (r.edits.length > 0 || r.stuck.length > 0) out.push({ path: now, edits: r.edits, lines: read.lines, stuck: r.stuck });
    }
    return out;
  }

  /**
   * The edits for files the editor moves (or has moved, `done`), as
   * {@link editsForMoves} makes them; but none for a move of this
   * workspace's own F2 rename ({@link renameArticle}), whose edit holds its
   * citations already: the editor announces that move too.
   */
  citationsForMoves(moves: readonly Move[], options: { readonly done?: boolean } = {}): ReturnType<FactWorkspace['editsForMoves']> {
    const now = Date.now();
    this.ownMoves = this.ownMoves.filter((m) => m.until > now);
    const fresh = moves.filter((m) => {
      const own = this.ownMoves.findIndex((o) => o.from === m.from && o.to === m.to);
      if (own >= 0) this.ownMoves.splice(own, 1);
      return own < 0;
    });
    return fresh.length > 0 ? this.editsForMoves(fresh, options) : [];
  }

  /** The moves of F2 renames handed out, until the editor announces them (or a minute passes). */
  private ownMoves: { from: string; to: string; until: number }[] = [];

  /**
   * The `file` value under `offset` of a sheet that can be renamed with its
   * article (F2): written so that it can be rewritten, and naming a file that
   * exists inside the root.
   */
  renameableFile(sheetPath: string, offset: number): { readonly file: ScalarValue; readonly article: string } | undefined {
    const check = this.check(sheetPath);
    const c = check?.citations.find((x) => x.citation.file && x.citation.file.span.start <= offset && offset <= x.citation.file.span.end);
    const file = c?.citation.file;
    if (!check || !file || !file.editable || !c.sourcePath) return undefined;
    const article = path.resolve(check.sourcesDir, file.value);
    return this.host.fs.stat(article)?.isFile === true ? { file, article } : undefined;
  }

  /**
   * F2 on a `file` value: the article renamed to `newName` (read as a
   * `file` value is, relative to the sheet's sources folder) and every
   * citation of it in every sheet; or why it cannot be.
   */
  renameArticle(sheetPath: string, offset: number, newName: string): { readonly move: Move; readonly sheets: ReturnType<FactWorkspace['editsForMoves']> } | { readonly error: string } {
    const target = this.renameableFile(sheetPath, offset);
    if (!target) return { error: 'Only the name of an article that exists can be renamed here.' };
    const name = newName.trim();
    if (name === '' || name.includes('\0')) return { error: 'Give the article a name.' };
    const check = this.check(sheetPath)!;
    const to = path.resolve(check.sourcesDir, name);
    const root = this.rootFor(sheetPath);
    const shown = (p: string) => path.relative(root, p).split(path.sep).join('/');
    if (to === target.article) return { error: `The article is already called "${name}".` };
    if (!isInside(root, to)) return { error: `"${name}" would be outside the workspace folder; choose a name inside it.` };
    if (this.host.fs.stat(to) !== undefined) return { error: `Choose another name: "${shown(to)}" already exists.` };
    if (this.host.fs.stat(path.dirname(to))?.isDirectory !== true) return { error: `Create the folder "${shown(path.dirname(to))}" first, or choose a name in a folder that exists.` };
    const move = { from: target.article, to };
    const sheets = this.editsForMoves([move]);
    // Renamed, a citation that cannot be rewritten in place would break: nothing is renamed.
    const stuck = sheets.find((s) => s.stuck.length > 0);
    if (stuck) {
      const line = stuck.lines.positionAt(stuck.stuck[0].at).line + 1;
      return { error: `Change the citation on line ${line} of "${shown(stuck.path)}" by hand first: it cannot be rewritten in place to "${stuck.stuck[0].after}".` };
    }
    this.ownMoves.push({ ...move, until: Date.now() + OWN_MOVE_MS });
    return { move, sheets };
  }

  /**
   * The sheets under `folder` that discovery finds there (not those of dot-folders or
   * dependencies, even open in an editor), sorted: what Cite Selection offers.
   */
  sheetsIn(folder: string): string[] {
    return [...this.sheets.keys()]
      .filter((p) => {
        const rel = path.relative(folder, p);
        return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && !rel.split(path.sep).slice(0, -1).some(isSkippedFolder);
      })
      .sort();
  }

  has(p: string): boolean {
    return this.sheets.has(p);
  }

  isOpen(p: string): boolean {
    return this.sheets.get(p)?.version !== undefined;
  }

  version(p: string): number | undefined {
    return this.sheets.get(p)?.version;
  }

  paths(): string[] {
    return [...this.sheets.keys()];
  }

  /** A sheet's text, open or indexed (read from disk again for a sheet kept as its digest). */
  text(p: string): string | undefined {
    const entry = this.sheets.get(p);
    if (!entry) return undefined;
    if (entry.text !== undefined) return entry.text;
    const read = this.readFromDisk(p);
    return 'text' in read ? read.text : undefined;
  }

  lines(p: string): LineIndex | undefined {
    const entry = this.sheets.get(p);
    if (!entry) return undefined;
    if (entry.text === undefined) {
      const text = this.text(p);
      return text === undefined ? undefined : new LineIndex(text);
    }
    entry.lines ??= new LineIndex(entry.text);
    return entry.lines;
  }

  /** What the features read of a sheet's cited sources: their texts and their provenance. */
  sourcesFor(p: string): { readonly source: (realPath: string) => SourceText | undefined; readonly provenance: (realPath: string) => Provenance | undefined } {
    return { source: (real) => this.source(p, real), provenance: (real) => this.storeFor(p).provenanceOf(real) };
  }

  /** A source's text, for the features that show it. */
  source(sheetPath: string, realPath: string): SourceText | undefined {
    const loaded = this.storeFor(sheetPath).load(realPath);
    return loaded.kind === 'loaded' ? loaded.source : undefined;
  }

  /**
   * The sheet's check, computed once per text, with its repairs that wait
   * for evidence settled on the citations of every sheet of the workspace
   * and the sources' history in git (FORMAT.md 4.2).
   */
  check(p: string): SheetCheck | undefined {
    const entry = this.sheets.get(p);
    if (!entry) return undefined;
    if (!entry.check) {
      const text = this.text(p);
      if (text === undefined) return undefined;
      entry.text = text;
      const before = entry.anchors;
      entry.checker ??= new SheetChecker(this.storeFor(p), this.options);
      entry.check = entry.checker.check(p, text);
      // What makes the next check incremental is kept for open sheets only: a closed sheet is
      // checked again when its file changes, as a whole.
      if (entry.version === undefined) entry.checker = undefined;
      this.unusedMayHaveChanged = true;
      entry.deps = undefined;
      entry.cited = undefined;
      entry.anchors = undefined;
      this.unsettle(entry);
      this.anchorsMayHaveChanged(p, entry, before);
      if (entry.version === undefined) this.keepRecent(p);
    }
    entry.settled ??= this.settled(p, entry, entry.check);
    return entry.settled;
  }

  /**
   * What the features over every sheet need of each (an article's code
   * lenses and hover, Find All References, workspace symbols), in index
   * order. Checks the sheets not checked yet.
   */
  digests(): SheetDigest[] {
    const out: SheetDigest[] = [];
    for (const p of this.sheets.keys()) {
      const digest = this.digest(p);
      if (digest) out.push(digest);
    }
    return out;
  }

  private digest(p: string): SheetDigest | undefined {
    const entry = this.sheets.get(p);
    if (!entry) return undefined;
    if (entry.digest) return entry.digest;
    const check = this.check(p);
    const lines = this.lines(p);
    if (!check || !lines) return undefined;
    const { source, provenance } = this.sourcesFor(p);
    entry.digest = digestOf(check, lines, source, provenance);
    return entry.digest;
  }

  /** The settled check is to be made again, and what was made of it with it. */
  private unsettle(entry: SheetEntry): void {
    entry.settled = undefined;
    entry.digest = undefined;
  }

  /** A closed sheet was checked: the oldest of those checked last is kept as its digest alone. */
  private keepRecent(p: string): void {
    this.recentClosed.delete(p);
    this.recentClosed.add(p);
    if (this.recentClosed.size <= KEPT_CLOSED) return;
    const [oldest] = this.recentClosed;
    this.recentClosed.delete(oldest);
    this.compact(oldest);
  }

  /**
   * A closed sheet keeps what the workspace needs of its check (its digest,
   * the paths it depends on, the sources it cites, its anchors) and lets go
   * of its text, its parsed model and its check.
   */
  private compact(p: string): void {
    const entry = this.sheets.get(p);
    if (!entry || entry.version !== undefined || !entry.check || entry.text === undefined) return;
    const check = entry.check;
    entry.deps ??= new Set(dependenciesOf(check.citations, check.sourcesDir));
    entry.cited ??= citedBy(check);
    entry.anchors ??= anchorsOf(check.citations);
    if (!this.digest(p)) return;
    entry.text = undefined;
    entry.lines = undefined;
    entry.check = undefined;
    entry.settled = undefined;
    entry.checker = undefined;
  }

  /** A sheet leaves the index: its citations are no longer evidence for the others' repairs. */
  private forget(p: string): void {
    if (this.sheets.delete(p)) this.unusedMayHaveChanged = true;
    this.recentClosed.delete(p);
    this.waiting.delete(p);
    for (const q of this.waiting) {
      const other = this.sheets.get(q);
      if (other) this.unsettle(other);
      this.stale.add(q);
    }
  }

  /** Sheets to publish again because the evidence for their repairs changed; each is given once. */
  takeStale(): string[] {
    const out = [...this.stale];
    this.stale.clear();
    return out;
  }

  private settled(p: string, entry: SheetEntry, check: SheetCheck): SheetCheck {
    const waitsOn = [...new Set(check.diagnostics.flatMap((d) => (d.needs ? [d.needs.source] : [])))];
    entry.waitsOn = waitsOn;
    if (waitsOn.length === 0) {
      this.waiting.delete(p);
      return check;
    }
    this.waiting.add(p);
    const store = this.storeFor(p);
    let history = this.histories.get(store.root);
    if (!history) {
      history = new GitHistory((real) => store.isInsideRoot(real), this.host.git);
      this.histories.set(store.root, history);
    }
    const git = history;
    const evidence: EvidenceSources = {
      anchors: (source) => this.anchorsOf(source),
      history: (source) => {
        const loaded = store.load(source);
        return loaded.kind === 'loaded' ? git.mapping(source, loaded.source.text) : undefined;
      },
    };
    return { ...check, diagnostics: settle(check.diagnostics, evidence) };
  }

  /** Every anchor of a source in the sheets checked so far. */
  private anchorsOf(source: string): Anchor[] {
    const out: Anchor[] = [];
    for (const entry of this.sheets.values()) {
      // A sheet kept as its digest has its anchors; one waiting to be checked again has none yet.
      if (!entry.check && !entry.digest) continue;
      entry.anchors ??= anchorsOf(entry.check!.citations);
      const list = entry.anchors.get(source);
      if (list) out.push(...list);
    }
    return out;
  }

  /**
   * A sheet was checked again: the sheets that wait for evidence on a source
   * whose anchors in it changed are settled again, and published again.
   */
  private anchorsMayHaveChanged(p: string, entry: SheetEntry, before: Map<string, Anchor[]> | undefined): void {
    if (this.waiting.size === 0 || (this.waiting.size === 1 && this.waiting.has(p))) return;
    entry.anchors = anchorsOf(entry.check!.citations);
    for (const q of this.waiting) {
      if (q === p) continue;
      const other = this.sheets.get(q);
      if (!(other?.settled || other?.digest) || !other.waitsOn) continue;
      if (other.waitsOn.some((source) => !sameAnchors(before?.get(source), entry.anchors!.get(source)))) {
        this.unsettle(other);
        this.stale.add(q);
      }
    }
  }

  /**
   * A source changed (on disk, or in an editor): forget it and every check
   * that looked at it. A folder stands for every path under it, since
   * clients report a deleted folder and not the files it held. Returns the
   * sheets to re-check.
   */
  sourceChanged(paths: readonly string[]): string[] {
    const changed = new Set(paths);
    this.unusedMayHaveChanged = true;
    for (const p of paths) {
      const real = this.host.fs.realpath(p);
      if (real) changed.add(real);
    }
    const keys = new Set(changed);
    const affected: string[] = [];
    for (const [p, entry] of this.sheets) {
      // (Not worked out on each check: an edit would pay for every citation of the sheet.)
      if (entry.check) entry.deps ??= new Set(dependenciesOf(entry.check.citations, entry.check.sourcesDir));
      const hit = entry.deps ? [...entry.deps].filter((dep) => changedAt(changed, dep)) : [];
      for (const dep of hit) keys.add(dep);
      if (!entry.deps || hit.length > 0) {
        entry.check = undefined;
        this.unsettle(entry);
        affected.push(p);
      }
    }
    for (const store of this.stores.values()) {
      for (const k of keys) store.invalidate(k);
    }
    return affected;
  }

  /**
   * The articles no sheet cites (`source-unused`, FORMAT.md section 6): the
   * regular files directly in the sources folder of a sheet that discovery
   * finds (inside a workspace folder, not under a dot-folder or
   * `node_modules`), neither sheets nor dot-files, that no citation of any
   * sheet of the index resolves to. Each is given once, however many sheets
   * share its folder, at its path in the folder as the first sheet (in path
   * order) names it; none when `factNotes.severity.source-unused` is off.
   * Checks the sheets not checked yet.
   */
  unusedSources(): UnusedSource[] {
    const severity = this.options.severity[EditorCode.SourceUnused] ?? EDITOR_DEFAULT_SEVERITY[EditorCode.SourceUnused];
    if (severity === 'off') return [];
    const cited = new Set<string>();
    // Each sources folder once, with the first sheet that has it.
    const folders = new Map<string, string>();
    for (const p of [...this.sheets.keys()].sort()) {
      const checked = this.checked(p);
      if (!checked) continue;
      for (const source of checked.cited) cited.add(source);
      if (!folders.has(checked.sourcesDir) && this.isDiscoverable(p)) folders.set(checked.sourcesDir, p);
    }
    const out: UnusedSource[] = [];
    const reported = new Set<string>();
    for (const [dir, sheet] of folders) {
      const store = this.storeFor(sheet);
      if (!store.isInsideRoot(dir)) continue;
      const root = this.rootFor(sheet);
      const folder = path.relative(root, dir).split(path.sep).join('/') || path.basename(root);
      for (const name of [...store.files(dir)].sort()) {
        // Not articles: sheets, dot-files, the folder's provenance and the originals kept beside snapshots.
        if (name.startsWith('.') || isFactSheetPath(name) || name === PROVENANCE_FILE || /\.orig\.(?:html?|pdf)$/i.test(name)) continue;
        const article = path.join(dir, name);
        const resolution = store.resolve(dir, name);
        if (resolution.kind !== 'resolved' || cited.has(resolution.path) || cited.has(article) || reported.has(resolution.path)) continue;
        reported.add(resolution.path);
        out.push({ path: article, folder, severity });
      }
    }
    return out;
  }

  /**
   * What changed in the problems of the `sources.yaml` files since the last
   * call: each file whose problems are new or different, with them, and each
   * whose problems are gone (it reads well now, or is gone), with none.
   */
  takeProvenanceChanges(): { readonly path: string; readonly problems: readonly ProvenanceProblem[] }[] {
    const now = new Map(this.provenanceFiles().map((f) => [f.path, f.problems]));
    const changes: { path: string; problems: readonly ProvenanceProblem[] }[] = [];
    for (const p of new Set([...now.keys(), ...this.reportedProvenance.keys()])) {
      const problems = now.get(p) ?? [];
      const key = JSON.stringify(problems);
      if ((this.reportedProvenance.get(p) ?? '[]') === key) continue;
      if (problems.length > 0) this.reportedProvenance.set(p, key);
      else this.reportedProvenance.delete(p);
      changes.push({ path: p, problems });
    }
    return changes;
  }

  /** The problems last handed out by {@link takeProvenanceChanges}, as JSON, by path. */
  private readonly reportedProvenance = new Map<string, string>();

  /** The `sources.yaml` of every sources folder of the indexed sheets, with its problems (none when it reads well). */
  private provenanceFiles(): { readonly path: string; readonly problems: readonly ProvenanceProblem[] }[] {
    const out: { path: string; problems: readonly ProvenanceProblem[] }[] = [];
    const seen = new Set<string>();
    for (const p of [...this.sheets.keys()].sort()) {
      const dir = this.checked(p)?.sourcesDir;
      if (dir === undefined || seen.has(dir)) continue;
      seen.add(dir);
      const index = this.storeFor(p).provenanceIn(dir);
      if (index) out.push({ path: path.join(dir, PROVENANCE_FILE), problems: index.problems });
    }
    return out;
  }

  /**
   * What changed in {@link unusedSources} since the last call: each article
   * newly reported (or reported otherwise) with its report, and each no
   * longer reported without one. Nothing when no sheet, source or setting
   * changed meanwhile.
   */
  takeUnusedChanges(): { readonly path: string; readonly unused?: UnusedSource }[] {
    if (!this.unusedMayHaveChanged) return [];
    const now = new Map(this.unusedSources().map((u) => [u.path, u]));
    // After the checks that unusedSources may have run, which mark a change.
    this.unusedMayHaveChanged = false;
    const changes: { readonly path: string; readonly unused?: UnusedSource }[] = [];
    for (const [p, u] of now) {
      const before = this.reportedUnused.get(p);
      if (!before || before.folder !== u.folder || before.severity !== u.severity) changes.push({ path: p, unused: u });
    }
    for (const p of this.reportedUnused.keys()) if (!now.has(p)) changes.push({ path: p });
    this.reportedUnused = now;
    return changes;
  }

  /** Whether discovery would find the sheet: inside a workspace folder, under no dot-folder or node_modules. */
  private isDiscoverable(p: string): boolean {
    const root = this.roots.find((r) => isInside(r, p));
    return root !== undefined && !path.relative(root, p).split(path.sep).slice(0, -1).some(isSkippedFolder);
  }

  /**
   * A sheet's sources folder and the sources its citations resolve to, as
   * last checked: from its digest when it is kept as that. Checks it when it
   * is not checked yet.
   */
  private checked(p: string): { readonly sourcesDir: string; readonly cited: ReadonlySet<string> } | undefined {
    const entry = this.sheets.get(p);
    if (!entry) return undefined;
    if (!entry.check && entry.digest && entry.cited) return { sourcesDir: entry.digest.sourcesDir, cited: entry.cited };
    const check = this.check(p);
    if (!check) return undefined;
    entry.cited ??= citedBy(check);
    return { sourcesDir: check.sourcesDir, cited: entry.cited };
  }

  private invalidateChecks(): void {
    for (const entry of this.sheets.values()) {
      entry.check = undefined;
      this.unsettle(entry);
      entry.checker = undefined;
    }
    this.histories.clear();
  }
}

/** The sources a check's citations resolve to (real paths; as written for a citation not checked). */
function citedBy(check: SheetCheck): ReadonlySet<string> {
  const paths = new Set<string>();
  for (const c of check.citations) {
    if (c.sourcePath) paths.add(c.sourcePath);
    // A citation still being written (no line yet) is not checked, but it names its file.
    else if (c.citation.file) paths.add(path.resolve(check.sourcesDir, c.citation.file.value));
  }
  return paths;
}

function sameAnchors(a: readonly Anchor[] | undefined, b: readonly Anchor[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x, i) => x.old === b[i].old && x.new === b[i].new);
}
