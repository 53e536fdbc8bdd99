/**
 * Checking many sheets on several threads (`--jobs N`). Helper threads are
 * started as soon as the sheets are found, so they boot while this thread
 * reads them. Then
 * every thread, this one included, takes the next unchecked sheet (largest
 * first) from a shared counter until none is left, so all finish together
 * whatever each sheet costs. Each thread has its own source store: a source
 * cited from sheets checked on two threads is read by both.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { anchorsOf, checkSheet, dependenciesOf, SourceStore, type Anchor, type CheckOptions, type FactDiagnostic, type FileSystem, type IgnoredDiagnostic, type SheetCheck } from '../core';
import { nodeFileSystem, stampOf } from '../node';

/**
 * How much source text (bytes or characters) a thread of a command-line
 * check keeps loaded: sources beyond it, least recently used first, are let
 * go and read again if a later sheet cites them. An archive of 30 MB of
 * articles stays loaded whole; one of 300 MB is not all held at once.
 */
const RETAINED_SOURCE_TEXT = 32 * 1024 * 1024;

/** The source store a command-line check reads through. */
export function checkingStore(fs: FileSystem, root: string, options: CheckOptions): SourceStore {
  return new SourceStore(fs, root, options.maxSourceBytes, { retainChars: RETAINED_SOURCE_TEXT });
}

export interface SheetInput {
  readonly path: string;
  readonly text: string;
}

/** What a thread sends back for one sheet (the text stays with the caller). */
export interface SheetResult {
  readonly citations: number;
  /** As checked: repairs that wait for evidence are not settled yet. */
  readonly diagnostics: readonly FactDiagnostic[];
  /** What the sheet's suppression comments silenced; absent when nothing was. */
  readonly ignored?: readonly IgnoredDiagnostic[];
  /** The anchors the sheet's citations give each source (evidence for the other sheets' repairs too). */
  readonly anchors: readonly (readonly [string, readonly Anchor[]])[];
  /** Files the check looked at, with their stamps (for the result cache). */
  readonly deps: readonly (readonly [string, string])[];
}

/** The work shared out: every thread takes sheets `order[counter++]` until the counter passes the end. */
export interface SharedWork {
  readonly sheets: readonly SheetInput[];
  /** Sheet indexes, largest sheet first. */
  readonly order: readonly number[];
  /** One Int32: the next position in `order` to take. */
  readonly counter: SharedArrayBuffer;
  readonly root: string;
  readonly options: CheckOptions;
  /** Work out each result's dependencies, for the result cache. */
  readonly withDeps: boolean;
}

/** Checks sheets with one store (so each source is read once), in this thread. */
export function checkWith(store: SourceStore, sheets: readonly SheetInput[], options: CheckOptions, withDeps = false): SheetResult[] {
  return sheets.map((s) => checkOne(store, s, options, withDeps));
}

function checkOne(store: SourceStore, sheet: SheetInput, options: CheckOptions, withDeps: boolean): SheetResult {
  return resultOf(store, checkSheet(sheet.path, sheet.text, store, options), withDeps);
}

/** What the command line keeps of a sheet's check (and the cache stores, with `withDeps`). */
export function resultOf(store: SourceStore, result: SheetCheck, withDeps: boolean): SheetResult {
  const deps = withDeps ? dependenciesOf(result.citations, result.sourcesDir).map((p) => [p, stampOf(store.fs, p)] as const) : [];
  return { citations: result.citations.length, diagnostics: result.diagnostics, ...(result.ignored ? { ignored: result.ignored } : {}), anchors: [...anchorsOf(result.citations)], deps };
}

/** Takes and checks sheets of the shared work until none is left; returns `[index, result]` pairs. */
export function takeAndCheck(work: SharedWork): [number, SheetResult][] {
  const store = checkingStore(nodeFileSystem, work.root, work.options);
  const counter = new Int32Array(work.counter);
  const done: [number, SheetResult][] = [];
  for (let k = Atomics.add(counter, 0, 1); k < work.order.length; k = Atomics.add(counter, 0, 1)) {
    const i = work.order[k];
    done.push([i, checkOne(store, work.sheets[i], work.options, work.withDeps)]);
  }
  return done;
}

/** Threads that check sheets beside this one. Start them early; `close` them when done. */
export class Helpers {
  private readonly workers: Worker[] = [];

  constructor(count: number) {
    for (let i = 0; i < count; i++) this.workers.push(new Worker(path.join(__dirname, 'worker.js')));
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Checks sheets on this thread and on the first `count` helpers (the
   * others are let go); results in the sheets' order.
   */
  async check(sheets: readonly SheetInput[], root: string, options: CheckOptions, count: number, withDeps = false): Promise<SheetResult[]> {
    const order = sheets.map((_, i) => i).sort((a, b) => sheets[b].text.length - sheets[a].text.length || a - b);
    const work: SharedWork = { sheets, order, counter: new SharedArrayBuffer(4), root, options, withDeps };
    const helpers = this.workers.splice(0, count);
    this.close();
    const results: SheetResult[] = new Array(sheets.length);
    const running = helpers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once('message', (done: [number, SheetResult][]) => {
            for (const [i, r] of done) results[i] = r;
            resolve();
          });
          worker.once('error', reject);
          worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a checking thread stopped with code ${code}`))));
          worker.postMessage(work);
        }),
    );
    try {
      for (const [i, r] of takeAndCheck(work)) results[i] = r;
      await Promise.all(running);
    } finally {
      for (const w of helpers) void w.terminate();
    }
    // A thread that ended without its results leaves its sheets to this one.
    const missing = results.flatMap((r, i) => (r === undefined ? [i] : []));
    if (missing.length > 0) {
      const store = checkingStore(nodeFileSystem, root, options);
      for (const i of missing) results[i] = checkOne(store, sheets[i], options, withDeps);
    }
    return results;
  }

  /** Lets every unused helper go. */
  close(): void {
    for (const w of this.workers.splice(0)) void w.terminate();
  }
}
