/**
 * `fact-notes check --shard I/N`: a deterministic share of the sheets, so
 * that CI can check a large archive on N machines and the shards' reports
 * together equal one full run. Sheets that cite a common source stay in one
 * shard: the evidence for a repair (FORMAT.md 4.2) reads every citation of a
 * source in the sheets checked together, so splitting them could change a
 * verdict; and each article is then read by one shard only.
 */
import * as path from 'node:path';
import { parseSheet } from '../parse';
import { sourcesDirOf, type SourceStore } from '../sources/sources';

/**
 * The sheets of shard `index` (1-based) of `count`. Groups of sheets that
 * share sources (transitively) are dealt out largest first, each to the
 * shard with the fewest citations so far (the lower number on a tie); the
 * order of the result is the order given.
 */
export function shardSheets<T extends { readonly path: string; readonly text: string }>(sheets: readonly T[], store: SourceStore, index: number, count: number): T[] {
  if (count <= 1) return [...sheets];
  // Union-find over sheets, joined through the sources they cite.
  const parent = sheets.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const bySource = new Map<string, number>();
  const weight = sheets.map(() => 0);
  sheets.forEach((s, i) => {
    const { sheet } = parseSheet(s.text, { path: s.path });
    const dir = sourcesDirOf(s.path, sheet);
    for (const fact of sheet.facts) {
      for (const c of fact.citations) {
        weight[i]++;
        if (!c.file) continue;
        const r = store.resolve(dir, c.file.value);
        const key = r.kind === 'outside-root' ? undefined : r.path;
        if (key === undefined) continue;
        const other = bySource.get(key);
        if (other === undefined) bySource.set(key, i);
        else parent[find(i)] = find(other);
      }
    }
  });
  const groups = new Map<number, number[]>();
  sheets.forEach((_, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });
  const size = (g: readonly number[]) => g.reduce((n, i) => n + weight[i] + 1, 0);
  const name = (g: readonly number[]) => g.map((i) => sheets[i].path).sort(byPath)[0];
  const ordered = [...groups.values()].sort((a, b) => size(b) - size(a) || byPath(name(a), name(b)));
  const load = new Array<number>(count).fill(0);
  const mine = new Set<number>();
  for (const g of ordered) {
    let target = 0;
    for (let k = 1; k < count; k++) if (load[k] < load[target]) target = k;
    load[target] += size(g);
    if (target === index - 1) for (const i of g) mine.add(i);
  }
  return sheets.filter((_, i) => mine.has(i));
}

/** Paths compared by their parts, the same on every machine (no locale). */
function byPath(a: string, b: string): number {
  const pa = a.split(path.sep).join('/');
  const pb = b.split(path.sep).join('/');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}
