/**
 * Evidence for a repair (FORMAT.md 4.2): similarity alone never makes a
 * repair preferred. A repair that points a citation at other lines is
 * preferred only when something beyond the words being alike says the
 * candidate is the passage that was cited:
 *
 * - a line mapping of the source made from its citations that are found
 *   exactly (verified in place, or moved to one place), in every sheet
 *   checked together: old line -> new line, monotone, with the gaps between
 *   anchors known to be uncertain;
 * - or the source's version at git's `HEAD` diffed against its text now.
 *
 * Pure: {@link GitHistory} asks git through a {@link GitRunner} its host
 * gives it (the command line and the language server give `runGit` of
 * server/src/node/git.ts, which runs `git`).
 */
import * as path from 'node:path';
import { diffArrays } from 'diff';
import type { CitationCheck } from './results';
import { decodeSource } from '../text';
import type { EvidenceNeed, FactDiagnostic, Fix, LineRange } from '../types';

/** An old line number that is known to be a new one now. */
export interface Anchor {
  readonly old: number;
  readonly new: number;
}

/** Where a mapping puts a range of old lines. */
export type Placement =
  /** These lines (a shift that the anchors or the diff show). */
  | { readonly kind: 'exact'; readonly first: number; readonly last: number }
  /** Somewhere in these lines (an uncertain gap, a changed region); none when `first > last` (deleted). */
  | { readonly kind: 'within'; readonly first: number; readonly last: number }
  | { readonly kind: 'unknown' };

/** Old lines to new lines, from anchors or from a diff. */
export interface LineMapping {
  place(lines: LineRange): Placement;
}

/** The mapping that anchors give: kept monotone (the longest consistent chain of them). */
export class AnchorMapping implements LineMapping {
  private readonly anchors: readonly Anchor[];

  constructor(anchors: readonly Anchor[]) {
    this.anchors = monotone(anchors);
  }

  get size(): number {
    return this.anchors.length;
  }

  place(lines: LineRange): Placement {
    const { first: a, last: b } = lines;
    const all = this.anchors;
    // Anchors on the cited lines themselves (another citation of them was found).
    let lo = 0;
    while (lo < all.length && all[lo].old < a) lo++;
    let hi = lo;
    while (hi < all.length && all[hi].old <= b) hi++;
    if (hi > lo) return { kind: 'exact', first: all[lo].new - (all[lo].old - a), last: all[hi - 1].new + (b - all[hi - 1].old) };
    const below = lo > 0 ? all[lo - 1] : undefined;
    const above = hi < all.length ? all[hi] : undefined;
    if (below && above) {
      if (above.old - below.old === above.new - below.new) {
        const d = below.new - below.old;
        return { kind: 'exact', first: a + d, last: b + d };
      }
      return { kind: 'within', first: below.new + 1, last: above.new - 1 };
    }
    const only = below ?? above;
    if (!only) return { kind: 'unknown' };
    const d = only.new - only.old;
    return { kind: 'exact', first: a + d, last: b + d };
  }
}

/**
 * The anchors that are in every longest chain increasing in both old and new
 * lines (duplicates merged): an anchor that goes against the others is
 * dropped, and where two chains are as long (which one is right cannot be
 * told), the anchors they disagree on are dropped too.
 */
function monotone(anchors: readonly Anchor[]): Anchor[] {
  // Old ascending; for equal old lines new descending, so that at most one of them is chained.
  const sorted = [...anchors].sort((x, y) => x.old - y.old || y.new - x.new);
  const unique = sorted.filter((x, i) => i === 0 || x.old !== sorted[i - 1].old || x.new !== sorted[i - 1].new);
  const ending = chainLengths(unique.map((a) => a.new));
  const starting = chainLengths(unique.map((a) => -a.new).reverse()).reverse();
  const longest = Math.max(0, ...ending);
  const onChain = unique.map((_, i) => ending[i] + starting[i] - 1 === longest);
  const atLevel = new Map<number, number>();
  unique.forEach((_, i) => onChain[i] && atLevel.set(ending[i], (atLevel.get(ending[i]) ?? 0) + 1));
  return unique.filter((_, i) => onChain[i] && atLevel.get(ending[i]) === 1);
}

/** For each value, the length of the longest strictly increasing run of values (not necessarily adjacent) ending at it. */
function chainLengths(values: readonly number[]): number[] {
  const tails: number[] = [];
  return values.map((v) => {
    let l = 0;
    let r = tails.length;
    while (l < r) {
      const m = (l + r) >> 1;
      if (tails[m] < v) l = m + 1;
      else r = m;
    }
    tails[l] = v;
    return l + 1;
  });
}

/**
 * The mapping a line diff of the old text against the new one gives. Blank
 * lines are left out of the diff: they separate paragraphs and say nothing
 * of which paragraph became which, and matching them would cut a changed
 * paragraph off from the paragraphs inserted beside it.
 */
export class DiffMapping implements LineMapping {
  /** Per old line (1-based index): its new line, the negated index + 1 of the changed region that holds it, or 0 (blank). */
  private readonly newOf: Int32Array;
  /** Changed regions: the new lines each became (`first > last` when deleted). */
  private readonly regions: LineRange[] = [];

  constructor(oldLines: readonly string[], newLines: readonly string[]) {
    this.newOf = new Int32Array(oldLines.length + 2);
    const oldAt = nonBlank(oldLines);
    const newAt = nonBlank(newLines);
    let o = 0;
    let n = 0;
    const changes = diffArrays(oldAt.map((i) => oldLines[i]), newAt.map((i) => newLines[i]));
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i];
      if (!c.added && !c.removed) {
        for (let k = 0; k < c.count; k++) this.newOf[oldAt[o++] + 1] = newAt[n++] + 1;
        continue;
      }
      // A run of removals and additions together is one changed region.
      let removed = 0;
      let added = 0;
      for (; i < changes.length && (changes[i].added || changes[i].removed); i++) {
        if (changes[i].removed) removed += changes[i].count;
        else added += changes[i].count;
      }
      i--;
      this.regions.push(added > 0 ? { first: newAt[n] + 1, last: newAt[n + added - 1] + 1 } : { first: 1, last: 0 });
      for (let k = 0; k < removed; k++) this.newOf[oldAt[o++] + 1] = -this.regions.length;
      n += added;
    }
  }

  place(lines: LineRange): Placement {
    if (lines.first < 1 || lines.last >= this.newOf.length - 1) return { kind: 'unknown' };
    let exact = true;
    let known = false;
    let first = Infinity;
    let last = -Infinity;
    for (let l = lines.first; l <= lines.last; l++) {
      const v = this.newOf[l];
      if (v === 0) continue;
      known = true;
      if (v > 0) {
        first = Math.min(first, v);
        last = Math.max(last, v);
      } else {
        exact = false;
        const r = this.regions[-v - 1];
        if (r.first <= r.last) {
          first = Math.min(first, r.first);
          last = Math.max(last, r.last);
        }
      }
    }
    if (!known) return { kind: 'unknown' };
    if (first > last) return { kind: 'within', first: 1, last: 0 };
    return { kind: exact ? 'exact' : 'within', first, last };
  }
}

/** The 0-based indexes of the lines that are not blank. */
function nonBlank(lines: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (/\S/.test(lines[i])) out.push(i);
  return out;
}

/** Whether a placement agrees with a candidate: it overlaps an exact place, or lies within an uncertain one. */
export function agrees(placement: Placement, candidate: LineRange): boolean {
  switch (placement.kind) {
    case 'exact':
      return candidate.first <= placement.last && candidate.last >= placement.first;
    case 'within':
      return placement.first <= candidate.first && candidate.last <= placement.last;
    case 'unknown':
      return false;
  }
}

/** What evidence there is about each source, for the sheets checked together. */
export interface EvidenceSources {
  /** The anchors of a source, from every sheet checked together. */
  anchors(source: string): readonly Anchor[];
  /** The source's mapping from its previous version (git), when there is one. */
  history?(source: string): LineMapping | undefined;
}

/**
 * Whether the evidence shows the cited lines becoming the candidate's. A
 * diff from the source's previous version decides when there is one; else
 * the anchors do.
 */
export function supports(need: EvidenceNeed, sources: EvidenceSources): boolean {
  const fromHistory = sources.history?.(need.source)?.place(need.cited);
  if (fromHistory && fromHistory.kind !== 'unknown') return agrees(fromHistory, need.candidate);
  const anchors = sources.anchors(need.source);
  if (anchors.length === 0) return false;
  return agrees(new AnchorMapping(anchors).place(need.cited), need.candidate);
}

/**
 * The anchors that a sheet's citations give, by source: every citation with
 * a quote found exactly on its cited lines, or moved to exactly one place
 * (also from lines past the end).
 */
export function anchorsOf(citations: readonly CitationCheck[]): Map<string, Anchor[]> {
  const out = new Map<string, Anchor[]>();
  for (const c of citations) {
    const cited = c.citation.line;
    if (!c.sourcePath || !cited || !c.citation.quote) continue;
    let found: Anchor[];
    if (c.status === 'verified' && c.match) {
      found = [{ old: c.match.first, new: c.match.first }];
      if (c.match.last !== c.match.first) found.push({ old: c.match.last, new: c.match.last });
    } else if (c.movedTo) {
      const to = c.movedTo;
      found = [{ old: cited.first, new: to.first }];
      if (cited.last - cited.first === to.last - to.first && cited.last !== cited.first) found.push({ old: cited.last, new: to.last });
    } else {
      continue;
    }
    const list = out.get(c.sourcePath);
    if (list) list.push(...found);
    else out.set(c.sourcePath, found);
  }
  return out;
}

/** Whether any diagnostic waits for evidence. */
export function needsEvidence(diagnostics: readonly FactDiagnostic[]): boolean {
  return diagnostics.some((d) => d.needs !== undefined);
}

/**
 * The diagnostics with every repair that waited for evidence settled: made
 * the preferred fix (listed first, with the message that says why) where the
 * evidence supports it; else left offered, not preferred. Returns the same
 * array when none waited.
 */
export function settle(diagnostics: readonly FactDiagnostic[], sources: EvidenceSources): readonly FactDiagnostic[] {
  if (!needsEvidence(diagnostics)) return diagnostics;
  return diagnostics.map((d) => {
    if (!d.needs) return d;
    const { needs, ...rest } = d;
    if (!supports(needs, sources)) return rest;
    const chosen = d.fixes[needs.fix];
    const fixes: Fix[] = [{ ...chosen, preferred: chosen.edits.length > 0 }, ...d.fixes.filter((f) => f !== chosen).map((f) => (f.preferred ? { ...f, preferred: false } : f))];
    return { ...rest, message: needs.confirmed, fixes };
  });
}

/** Runs `git` in a folder; undefined when it fails or is not installed. */
export type GitRunner = (cwd: string, args: readonly string[]) => Buffer | undefined;

/**
 * Sources' previous versions from git: a source tracked in a repository
 * whose top folder is inside the root (nothing outside the root is read) is
 * diffed, as it is now, against its version at `HEAD`. No git, an untracked
 * file or an unchanged one: no mapping, just less evidence.
 */
export class GitHistory {
  private readonly tops = new Map<string, string | undefined>();
  private readonly mappings = new Map<string, { readonly text: string; readonly mapping: LineMapping | undefined }>();

  constructor(
    /** Whether a real path is inside the root. */
    private readonly insideRoot: (realPath: string) => boolean,
    private readonly git: GitRunner,
  ) {}

  /** The mapping of the source at `realPath` whose text is now `text`. */
  mapping(realPath: string, text: string): LineMapping | undefined {
    const kept = this.mappings.get(realPath);
    if (kept && kept.text === text) return kept.mapping;
    const mapping = this.compute(realPath, text);
    this.mappings.set(realPath, { text, mapping });
    return mapping;
  }

  private compute(realPath: string, text: string): LineMapping | undefined {
    const dir = path.dirname(realPath);
    let top = this.tops.get(dir);
    if (!this.tops.has(dir)) {
      const out = this.git(dir, ['rev-parse', '--show-toplevel'])?.toString('utf8').trim();
      top = out && this.insideRoot(out) ? out : undefined;
      this.tops.set(dir, top);
    }
    if (!top) return undefined;
    const relative = path.relative(top, realPath).split(path.sep).join('/');
    const bytes = this.git(top, ['show', `HEAD:${relative}`]);
    if (!bytes) return undefined;
    const old = decodeSource(bytes);
    if (!old.ok || old.text === text) return undefined;
    return new DiffMapping(splitLines(old.text), splitLines(text));
  }
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
