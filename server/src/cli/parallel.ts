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
import { anchorsOf, checkSheet, decodeSource, dependenciesOf, SourceStore, type Anchor, type CheckOptions, type FactDiagnostic, type FileSystem, type IgnoredDiagnostic, type SheetCheck } from '../core';
import { HeapBound, nodeFileSystem, stampOf } from '../node';

/**
 * How much source text (bytes or characters) a thread of a command-line
 * check keeps loaded: sources beyond it, least recently used first, are let
 * go and read again if a later sheet cites them. An archive of 300 MB of
 * articles is not all held at once. Each source weighs more than its text
 * (line starts, its normalized form and where each of its characters came
 * from), and the benchmark's sheets cite few articles each: 8 MB checked its
 * archive as fast as 32 MB did (within the runs' spread), and with the
 * collections of {@link HEAP_SLACK} its peak at ten times its size was
 * 310 MB against 370 MB.
 */
const RETAINED_SOURCE_TEXT = 8 * 1024 * 1024;

/**
 * How far a checking thread's heap may grow before it is collected in full
 * (see {@link HeapBound}). Measured at ten times the benchmark's archive
 * (its 2,000 sheets, one thread): peak RSS 264 MB, for 21 full collections
 * of 876 ms in all, where V8 alone makes 11 of 311 ms and peaks at 420-460
 * MB; a slack of 40 MB gave 270-274 MB, 48 MB 287 MB (13 collections,
 * 595 ms). At scale 1 the peak is the same either way (145-149 MB).
 */
const HEAP_SLACK = 32 * 1024 * 1024;

/** The source store a command-line check reads through. */
export function checkingStore(fs: FileSystem, root: string, options: CheckOptions): SourceStore {
  return new SourceStore(fs, root, options.maxSourceBytes, { retainChars: RETAINED_SOURCE_TEXT });
}

export interface SheetInput {
  readonly path: string;
  readonly text: string;
}

/** A sheet of {@link PackedSheets}, by its index there. */
export interface PackedInput extends SheetInput {
  readonly index: number;
}

/** {@link PackedSheets} as it crosses to a thread: the buffer is shared, not copied. */
export interface PackedSheetData {
  readonly buffer: SharedArrayBuffer;
  readonly paths: readonly string[];
  /** Where each sheet's bytes end in `buffer` (each starts where the one before ends). */
  readonly ends: readonly number[];
}

/**
 * The sheets of a run as their bytes (each was decoded once as it was read,
 * so each decodes again), in one buffer that the checking threads share. A
 * text is decoded each time it is asked for, and let go after its check or
 * its report: a run at ten times the archive's size does not hold every
 * sheet's text (two bytes a character once one is not ASCII) on every
 * thread for the whole run.
 */
export class PackedSheets {
  private constructor(private readonly data: PackedSheetData) {}

  static of(sheets: readonly { readonly path: string; readonly bytes: Uint8Array }[]): PackedSheets {
    const ends: number[] = [];
    let length = 0;
    for (const s of sheets) ends.push((length += s.bytes.length));
    const buffer = new SharedArrayBuffer(length);
    const all = new Uint8Array(buffer);
    sheets.forEach((s, i) => all.set(s.bytes, i === 0 ? 0 : ends[i - 1]));
    return new PackedSheets({ buffer, paths: sheets.map((s) => s.path), ends });
  }

  static from(data: PackedSheetData): PackedSheets {
    return new PackedSheets(data);
  }

  get shared(): PackedSheetData {
    return this.data;
  }

  get length(): number {
    return this.data.paths.length;
  }

  /** The sheet's size in bytes. */
  size(i: number): number {
    return this.data.ends[i] - this.start(i);
  }

  text(i: number): string {
    const decoded = decodeSource(new Uint8Array(this.data.buffer, this.start(i), this.size(i)));
    if (!decoded.ok) throw new Error(`${this.data.paths[i]} no longer decodes: ${decoded.reason}`);
    return decoded.text;
  }

  /** Sheet `i` as checking takes it: its text is decoded when it is read. */
  input(i: number): PackedInput {
    const text = () => this.text(i);
    return {
      index: i,
      path: this.data.paths[i],
      get text() {
        return text();
      },
    };
  }

  private start(i: number): number {
    return i === 0 ? 0 : this.data.ends[i - 1];
  }
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
  readonly sheets: PackedSheetData;
  /** Indexes of the sheets to check, largest sheet first. */
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
  const heap = new HeapBound(HEAP_SLACK);
  return sheets.map((s) => {
    const result = checkOne(store, s, options, withDeps);
    heap.after();
    return result;
  });
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
  const sheets = PackedSheets.from(work.sheets);
  const heap = new HeapBound(HEAP_SLACK);
  const counter = new Int32Array(work.counter);
  const done: [number, SheetResult][] = [];
  for (let k = Atomics.add(counter, 0, 1); k < work.order.length; k = Atomics.add(counter, 0, 1)) {
    const i = work.order[k];
    done.push([i, checkOne(store, sheets.input(i), work.options, work.withDeps)]);
    heap.after();
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
   * Checks the sheets `which` of `sheets` on this thread and on the first
   * `count` helpers (the others are let go); results in the order of `which`.
   */
  async check(sheets: PackedSheets, which: readonly number[], root: string, options: CheckOptions, count: number, withDeps = false): Promise<SheetResult[]> {
    const order = [...which].sort((a, b) => sheets.size(b) - sheets.size(a) || a - b);
    const work: SharedWork = { sheets: sheets.shared, order, counter: new SharedArrayBuffer(4), root, options, withDeps };
    const helpers = this.workers.splice(0, count);
    this.close();
    const results = new Map<number, SheetResult>();
    const running = helpers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once('message', (done: [number, SheetResult][]) => {
            for (const [i, r] of done) results.set(i, r);
            resolve();
          });
          worker.once('error', reject);
          worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a checking thread stopped with code ${code}`))));
          worker.postMessage(work);
        }),
    );
    try {
      for (const [i, r] of takeAndCheck(work)) results.set(i, r);
      await Promise.all(running);
    } finally {
      for (const w of helpers) void w.terminate();
    }
    // A thread that ended without its results leaves its sheets to this one.
    const missing = which.filter((i) => !results.has(i));
    if (missing.length > 0) {
      const store = checkingStore(nodeFileSystem, root, options);
      for (const i of missing) results.set(i, checkOne(store, sheets.input(i), options, withDeps));
    }
    return which.map((i) => results.get(i)!);
  }

  /** Lets every unused helper go. */
  close(): void {
    for (const w of this.workers.splice(0)) void w.terminate();
  }
}
