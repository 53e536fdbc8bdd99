/**
 * `npm run fuzz`: the hostile suite's properties of the core on many random
 * cases, and a table of the outcomes per property.
 *
 *   node test/out/fuzz/run.js [--cases N] [--seed N] [--property NAME]... [--hang-ms N] [--show N]
 *
 * `--cases` is the total, shared evenly by the properties (default 100,000).
 * A case that takes longer than `--hang-ms` (default 2000) counts as a hang.
 * The cases run in one worker thread per core (at most `--workers`, default
 * 2), each with its own seed, so a run is the same whatever the machine.
 * Exit status: 0 when every case passed, 1 when one did not, 2 when the
 * suite itself fails.
 */
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { FuzzWorkspace, PROPERTIES, caseArb, showCase, type FuzzCase, type Property } from './properties';
import { runMain } from '../helpers/script';

interface Row {
  property: string;
  cases: number;
  passed: number;
  crashes: number;
  hangs: number;
  malformed: number;
  other: number;
  ms: number;
  examples: string[];
}

function runProperty(fw: FuzzWorkspace, property: Property, numRuns: number, seed: number, hangMs: number, show: number): Row {
  const row: Row = { property: property.name, cases: 0, passed: 0, crashes: 0, hangs: 0, malformed: 0, other: 0, ms: 0, examples: [] };
  const note = (what: string, c: FuzzCase) => {
    if (row.examples.length < show) row.examples.push(`${what}\n    case: ${showCase(c, 1500)}`);
  };
  const started = performance.now();
  // The predicate records the outcome and always holds, so that every case runs and is counted.
  fc.check(
    fc.property(caseArb, (c) => {
      row.cases++;
      const t0 = performance.now();
      let kinds: Set<string>;
      try {
        const problems = property.run(fw, c);
        kinds = new Set(problems.map((p) => p.kind));
        if (problems.length > 0) note(`${problems[0].kind}: ${problems[0].detail.slice(0, 600)}`, c);
      } catch (e) {
        kinds = new Set(['crash']);
        note(`crash: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, c);
      }
      const ms = performance.now() - t0;
      if (ms > hangMs) {
        kinds.add('hang');
        note(`hang: ${Math.round(ms)} ms`, c);
      }
      if (kinds.has('crash')) row.crashes++;
      if (kinds.has('hang')) row.hangs++;
      if (kinds.has('malformed')) row.malformed++;
      if (kinds.has('failure')) row.other++;
      if (kinds.size === 0) row.passed++;
      return true;
    }),
    { seed, numRuns },
  );
  row.ms = performance.now() - started;
  return row;
}

function table(rows: readonly Row[]): string {
  const head = ['property', 'cases', 'passed', 'crashes', 'hangs', 'malformed ranges', 'other failures', 'seconds'];
  const body = rows.map((r) => [r.property, r.cases, r.passed, r.crashes, r.hangs, r.malformed, r.other, (r.ms / 1000).toFixed(1)].map(String));
  const total = ['total', ...[1, 2, 3, 4, 5, 6].map((i) => String(body.reduce((s, b) => s + Number(b[i]), 0))), (rows.reduce((s, r) => s + r.ms, 0) / 1000).toFixed(1)];
  const all = [head, ...body, total];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), widths.map((w) => '-'.repeat(w)).join('  '), line(total)].join('\n') + '\n';
}

interface Job {
  readonly names: readonly string[];
  readonly total: number;
  readonly seed: number;
  readonly hangMs: number;
  readonly show: number;
  readonly worker: number;
  readonly workers: number;
}

/** Seed of one property's share in one worker. */
function seedOf(job: Job, property: number, worker: number): number {
  return job.seed + 1000 * worker + property;
}

/** One worker's share of every property. */
function work(job: Job): Row[] {
  const fw = new FuzzWorkspace();
  try {
    return job.names.map((name, i) => {
      const p = PROPERTIES.find((q) => q.name === name) as Property;
      const perProperty = Math.floor(job.total / job.names.length) + (i < job.total % job.names.length ? 1 : 0);
      const n = Math.floor(perProperty / job.workers) + (job.worker < perProperty % job.workers ? 1 : 0);
      return runProperty(fw, p, n, seedOf(job, i, job.worker), job.hangMs, job.show);
    });
  } finally {
    fw.dispose();
  }
}

function merge(parts: readonly Row[][]): Row[] {
  return parts[0].map((first, i) => {
    const rows = parts.map((p) => p[i]);
    const sum = (k: 'cases' | 'passed' | 'crashes' | 'hangs' | 'malformed' | 'other') => rows.reduce((s, r) => s + r[k], 0);
    return { property: first.property, cases: sum('cases'), passed: sum('passed'), crashes: sum('crashes'), hangs: sum('hangs'), malformed: sum('malformed'), other: sum('other'), ms: Math.max(...rows.map((r) => r.ms)), examples: rows.flatMap((r) => r.examples) };
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '1' },
      property: { type: 'string', multiple: true },
      'hang-ms': { type: 'string', default: '2000' },
      show: { type: 'string', default: '3' },
      workers: { type: 'string', default: '2' },
    },
  });
  const names = values.property ?? PROPERTIES.map((p) => p.name);
  for (const n of names) if (!PROPERTIES.some((q) => q.name === n)) throw new Error(`unknown property '${n}' (expected one of: ${PROPERTIES.map((q) => q.name).join(', ')})`);
  const workers = Math.max(1, Math.min(Number(values.workers), os.availableParallelism()));
  const job = { names, total: Number(values.cases), seed: Number(values.seed), hangMs: Number(values['hang-ms']), show: Number(values.show), workers };
  process.stdout.write(`fuzz: ${job.total} cases over ${names.length} properties, seed ${job.seed}, ${workers} worker thread(s)\n`);
  const started = performance.now();
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, worker) =>
      new Promise<Row[]>((resolve, reject) => {
        const w = new Worker(__filename, { workerData: { ...job, worker } });
        w.once('message', resolve);
        w.once('error', reject);
        w.once('exit', (code) => code !== 0 && reject(new Error(`worker ${worker} exited with status ${code}`)));
      }),
    ),
  );
  const rows = merge(parts);
  process.stdout.write(`\n${table(rows)}\nwall time: ${((performance.now() - started) / 1000).toFixed(1)} s (seconds per property: the slowest worker's)\n`);
  for (const r of rows) {
    if (r.examples.length === 0) continue;
    process.stdout.write(`\n${r.property}: first failures (each worker's; rerun with --property ${r.property})\n`);
    for (const e of r.examples.slice(0, job.show)) process.stdout.write(`  ${e}\n`);
  }
  return rows.every((r) => r.passed === r.cases) ? 0 : 1;
}

if (isMainThread) {
  runMain('fuzz suite', main);
} else {
  parentPort?.postMessage(work(workerData as Job));
}
