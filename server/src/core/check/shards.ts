/**
 * `fact-notes check --shard I/N`: a deterministic share of the sheets, so
 * that CI can check a large archive on N machines and the shards' reports
 * together equal one full run.
 *
 * Sheets that cite a common source (transitively) form a group, and a group
 * no larger than a shard's share stays in one shard: each of its articles is
 * then read by one shard only. (A share is of the citations left once a
 * sheet too large for one, if any, has a shard of its own.) A larger group
 * (in a newsroom's archive, where wire stories are cited from everywhere,
 * often all the sheets) is cut, in the order of the sheets' paths, into
 * pieces of about a share each. The evidence for a repair (FORMAT.md 4.2)
 * reads every citation of a source in the sheets checked together, so a
 * shard whose repairs wait on a source also checks the other shards'
 * citations of that source, for their anchors ({@link anchorsFor}): its
 * verdicts are those of the full run.
 */
import * as path from 'node:path';
import { parseSheet } from '../parse';
import { sourcesDirOf, type SourceStore } from '../sources/sources';
import type { CheckOptions } from '../types';
import { anchorsFor } from './check';
import type { Anchor } from './evidence';

/** The sheets a shard checks, and the others with the sources each cites (to find their anchors). */
export interface Shard<T> {
  readonly mine: T[];
  readonly others: readonly { readonly sheet: T; readonly sources: ReadonlySet<string> }[];
}

/**
 * Shard `index` (1-based) of `count`. Groups of sheets that share sources
 * (cut into pieces when larger than a share, see above) are dealt out
 * largest first, each to the shard with the fewest citations so far (the
 * lower number on a tie); `mine` is in the order given.
 */
export function shardSheets<T extends { readonly path: string; readonly text: string }>(sheets: readonly T[], store: SourceStore, index: number, count: number): Shard<T> {
  if (count <= 1) return { mine: [...sheets], others: [] };
  // Union-find over sheets, joined through the sources they cite.
  const parent = sheets.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const bySource = new Map<string, number>();
  const weight = sheets.map(() => 1);
  const cited = sheets.map((s, i) => {
    const { sheet } = parseSheet(s.text, { path: s.path });
    const dir = sourcesDirOf(s.path, sheet);
    const sources = new Set<string>();
    for (const fact of sheet.facts) {
      for (const c of fact.citations) {
        weight[i]++;
        if (!c.file) continue;
        const r = store.resolve(dir, c.file.value);
        if (r.kind === 'outside-root') continue;
        sources.add(r.path);
        const other = bySource.get(r.path);
        if (other === undefined) bySource.set(r.path, i);
        else parent[find(i)] = find(other);
      }
    }
    return sources;
  });
  const groups = new Map<number, number[]>();
  sheets.forEach((_, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });
  const size = (g: readonly number[]) => g.reduce((n, i) => n + weight[i], 0);
  // A share: of what is left once the sheets too large for one are each given a shard of their own.
  const heaviest = [...weight].sort((a, b) => b - a);
  let rest = size(sheets.map((_, i) => i));
  let alone = 0;
  while (alone < count - 1 && heaviest[alone] > rest / (count - alone)) rest -= heaviest[alone++];
  const share = rest / (count - alone);
  const pieces: number[][] = [];
  for (const g of groups.values()) {
    if (size(g) <= share) {
      pieces.push(g);
      continue;
    }
    // Cut in path order (sheets of one story or desk, which cite the same articles, stay together).
    let piece: number[] = [];
    let load = 0;
    for (const i of [...g].sort((a, b) => byPath(sheets[a].path, sheets[b].path))) {
      if (piece.length > 0 && load + weight[i] > share) {
        pieces.push(piece);
        piece = [];
        load = 0;
      }
      piece.push(i);
      load += weight[i];
    }
    pieces.push(piece);
  }
  const name = (g: readonly number[]) => g.map((i) => sheets[i].path).sort(byPath)[0];
  const ordered = pieces.sort((a, b) => size(b) - size(a) || byPath(name(a), name(b)));
  const load = new Array<number>(count).fill(0);
  const mine = new Set<number>();
  for (const g of ordered) {
    let target = 0;
    for (let k = 1; k < count; k++) if (load[k] < load[target]) target = k;
    load[target] += size(g);
    if (target === index - 1) for (const i of g) mine.add(i);
  }
  return {
    mine: sheets.filter((_, i) => mine.has(i)),
    others: sheets.flatMap((sheet, i) => (mine.has(i) ? [] : [{ sheet, sources: cited[i] }])),
  };
}

/**
 * The anchors that the other shards' sheets give the sources `needed` (those
 * this shard's repairs wait on), from their citations of those sources alone.
 */
export function othersAnchors(others: Shard<{ readonly path: string; readonly text: string }>['others'], needed: ReadonlySet<string>, store: SourceStore, options: CheckOptions): [string, Anchor[]][] {
  const out: [string, Anchor[]][] = [];
  for (const { sheet, sources } of others) {
    const wanted = new Set([...sources].filter((p) => needed.has(p)));
    if (wanted.size > 0) out.push(...anchorsFor(sheet.path, sheet.text, store, options, wanted));
  }
  return out;
}

/** Paths compared by their parts, the same on every machine (no locale). */
function byPath(a: string, b: string): number {
  const pa = a.split(path.sep).join('/');
  const pb = b.split(path.sep).join('/');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}
