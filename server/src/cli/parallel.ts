/**
 * Checking many sheets on every core: the sheets are shared out by size
 * among worker threads and this one, each with its own source store, and the
 * reports come back in the sheets' order. Each thread reads a source at most
 * once; a source cited from sheets in two threads is read by both.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkSheet, dependenciesOf, nodeFileSystem, SourceStore, stampOf, type CheckOptions, type FactDiagnostic } from '../core';

export interface SheetInput {
  readonly path: string;
  readonly text: string;
}

/** What a thread sends back for one sheet (the text stays with the caller). */
export interface SheetResult {
  readonly citations: number;
  readonly diagnostics: readonly FactDiagnostic[];
  /** Files the check looked at, with their stamps (for the result cache). */
  readonly deps: readonly (readonly [string, string])[];
}

export interface WorkerInput {
  readonly sheets: readonly SheetInput[];
  readonly root: string;
  readonly options: CheckOptions;
  /** Work out each result's dependencies, for the result cache. */
  readonly withDeps: boolean;
}

/** Checks sheets with one store (so each source is read once), in this thread. */
export function checkWith(store: SourceStore, sheets: readonly SheetInput[], options: CheckOptions, withDeps = false): SheetResult[] {
  return sheets.map((s) => {
    const result = checkSheet(s.path, s.text, store, options);
    const deps = withDeps ? dependenciesOf(result.citations, result.sourcesDir).map((p) => [p, stampOf(store.fs, p)] as const) : [];
    return { citations: result.citations.length, diagnostics: result.diagnostics, deps };
  });
}

/** Checks a thread's share of sheets on the real disk. */
export function checkShare({ sheets, root, options, withDeps }: WorkerInput): SheetResult[] {
  return checkWith(new SourceStore(nodeFileSystem, root, options.maxSourceBytes), sheets, options, withDeps);
}

/** How many threads are worth starting for this much work. */
export function threadsFor(sheets: readonly SheetInput[], requested: number | undefined): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, sheets.length));
  const bytes = sheets.reduce((n, s) => n + s.text.length, 0);
  // Starting a thread costs about as much as checking 200 KB of sheets.
  if (sheets.length < 4 || bytes < 512 * 1024) return 1;
  return Math.max(1, Math.min(os.availableParallelism(), 8, sheets.length));
}

/** Splits sheets into `n` shares of about equal size, keeping each sheet's index. */
function share(sheets: readonly SheetInput[], n: number): number[][] {
  const shares: { indexes: number[]; bytes: number }[] = Array.from({ length: n }, () => ({ indexes: [], bytes: 0 }));
  const order = sheets.map((_, i) => i).sort((a, b) => sheets[b].text.length - sheets[a].text.length);
  for (const i of order) {
    const lightest = shares.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    lightest.indexes.push(i);
    lightest.bytes += sheets[i].text.length;
  }
  return shares.map((s) => s.indexes.sort((a, b) => a - b));
}

/** Checks sheets on `threads` threads (this one included); results in the sheets' order. */
export async function checkParallel(sheets: readonly SheetInput[], root: string, options: CheckOptions, threads: number, withDeps = false): Promise<SheetResult[]> {
  if (threads <= 1) return checkShare({ sheets, root, options, withDeps });
  const shares = share(sheets, threads);
  const results: SheetResult[] = new Array(sheets.length);
  const running = shares.slice(1).map(
    (indexes) =>
      new Promise<void>((resolve, reject) => {
        const input: WorkerInput = { sheets: indexes.map((i) => sheets[i]), root, options, withDeps };
        const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: input });
        worker.once('message', (out: SheetResult[]) => {
          out.forEach((r, k) => (results[indexes[k]] = r));
          resolve();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a checking thread stopped with code ${code}`))));
      }),
  );
  const mine = checkShare({ sheets: shares[0].map((i) => sheets[i]), root, options, withDeps });
  mine.forEach((r, k) => (results[shares[0][k]] = r));
  await Promise.all(running);
  return results;
}
