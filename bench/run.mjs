#!/usr/bin/env node
// `npm run bench` — generates the benchmark workspace, measures fact-notes (CLI and language server)
// and its peers on it, prints a table and writes bench/results.json. See bench/README.md.
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { DEFAULT_WORKSPACE, REPO, describe, generate } from './generate.mjs';
import { measureIndexMemory, measureLsp, measureWhileIndexing } from './lsp.mjs';
import { memoryMethod, runNode } from './lib/proc.mjs';
import { parseArgsOrExit, percentile, round } from './lib/util.mjs';
import * as yamlLs from './peers/yaml-ls.mjs';
import * as markdown from './peers/markdown.mjs';
import * as floor from './peers/floor.mjs';

const args = parseArgsOrExit(process.argv.slice(2), {
  scale: { type: 'number', default: 1 },
  reps: { type: 'number', default: 5 },
  workspace: { default: DEFAULT_WORKSPACE },
  out: { default: join(REPO, 'bench', 'results.json') },
  seed: { type: 'number', default: 20240605 },
  edits: { type: 'number', default: 200 },
  requests: { type: 'number', default: 1000 },
  articleReps: { type: 'number', default: 0 },
  timeout: { type: 'number', default: 60_000 },
  settleMs: { type: 'number', default: 20_000 },
  skipLsp: { type: 'boolean', default: false },
  skipCheck: { type: 'boolean', default: false },
  skipPeers: { type: 'boolean', default: false },
  skipInProcess: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
});
if (args.help) {
  console.log(`Usage: npm run bench -- [options]   (or: node bench/run.mjs [options] after npm run build)

  --scale 10|3|1|0.1|0.01
                       workspace size (default 1: 2,000 articles, 200 sheets x 50 facts; the big
                       sheet has 1,000 facts up to scale 1, 500 x scale above). Above 1, a scale-1
                       workspace is measured too, for the budgets that compare with it
  --reps N             repetitions per measurement, after one warm-up (default 5)
  --edits N            one-character edits timed on the big sheet (default 200)
  --requests N         hover and definition requests timed, each (default 1000)
  --article-reps N     article changes timed (default max(reps, 5))
  --workspace DIR      where to generate (default bench/workspace)
  --out FILE           results file (default bench/results.json)
  --timeout MS         how long to wait for any one server response (default 60000)
  --settle-ms MS       how long after indexing the server's RSS is read, once V8 has given back
                       what the batch used (default 20000)
  --skip-check --skip-peers --skip-in-process --skip-lsp   leave parts out
  --seed N --quiet`);
  process.exit(0);
}
if (!(args.reps >= 1)) throw new Error('--reps must be >= 1');
const WS = resolve(args.workspace);
const BIN = join(REPO, 'bin', 'fact-notes.js');
const log = (...a) => {
  if (!args.quiet) console.error(...a);
};

const rows = [];
const errors = [];
const notes = [];
const phases = {};
async function phase(name, fn) {
  const t0 = performance.now();
  log(`\n== ${name}`);
  try {
    return await fn();
  } finally {
    phases[name] = round((performance.now() - t0) / 1000, 2);
    log(`   (${phases[name]} s)`);
  }
}
const errorRow = (id, group, label, e) => {
  const message = String(e?.message ?? e).trim();
  errors.push(`${id}: ${message}`);
  log(`   ERROR ${id}: ${message}`);
  rows.push({ id, group, label, unit: 'ms', value: null, error: message.split('\n')[0] });
};

// ---- 1. generate ------------------------------------------------------------------------------
const manifest = await phase('generate', () => generate({ outDir: WS, scale: args.scale, seed: args.seed }));
log(describe(manifest));

// ---- 2. fact-notes check (fresh process per run) ----------------------------------------------
const checkArgs = [BIN, 'check', 'sheets', '--format', 'json', '--root', '.'];
let cacheFlag = null;

/** Runs check once and validates the output; returns {ms, rssMB, report}. */
async function runCheck(extra = []) {
  const r = await runNode([...checkArgs, ...extra], { cwd: WS, timeoutMs: args.timeout * 10 });
  if (r.code !== 0 && r.code !== 1)
    throw new Error(`\`fact-notes ${checkArgs.slice(1).concat(extra).join(' ')}\` exited with ${r.code ?? r.signal}: ${(r.stderr || r.stdout).trim().slice(0, 1500)}`);
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch (e) {
    throw new Error(`check --format json printed no JSON (${e.message}): ${r.stdout.slice(0, 300)}`);
  }
  if (report.sheets !== manifest.sheets.length) throw new Error(`check reported ${report.sheets} sheets, expected ${manifest.sheets.length}`);
  if (!Array.isArray(report.diagnostics)) throw new Error('check --format json: no diagnostics array');
  return { ms: r.ms, rssMB: r.maxRssKB == null ? null : r.maxRssKB / 1024, report, code: r.code };
}

/** How well the reported diagnostics match the citations the generator broke. */
function quality(report) {
  const spans = new Map();
  for (const [sheet, a, b, kind] of manifest.brokenSpans) {
    if (!manifest.sheets.includes(sheet)) continue;
    if (!spans.has(sheet)) spans.set(sheet, []);
    spans.get(sheet).push({ a, b, kind, hit: false });
  }
  let elsewhere = 0;
  const codes = {};
  for (const d of report.diagnostics) {
    codes[d.code] = (codes[d.code] ?? 0) + 1;
    const file = relative(WS, resolve(WS, d.file)).split('\\').join('/');
    const line = d.range?.start?.line;
    const s = (spans.get(file) ?? []).find((x) => line >= x.a && line <= x.b);
    if (s) s.hit = true;
    else elsewhere++;
  }
  const all = [...spans.values()].flat();
  const missedByKind = {};
  for (const s of all) if (!s.hit) missedByKind[s.kind] = (missedByKind[s.kind] ?? 0) + 1;
  return { brokenFlagged: all.filter((s) => s.hit).length, broken: all.length, diagnosticsElsewhere: elsewhere, missedByKind, codes };
}

async function repeat(n, fn) {
  await fn(true); // warm-up
  const out = [];
  for (let i = 0; i < n; i++) out.push(await fn(false));
  return out;
}

const haveCli = () => {
  if (!existsSync(BIN)) throw new Error(`fact-notes CLI not found at ${BIN}`);
};

// ---- 2 and 3. fact-notes check and the peers, each run in a fresh process -------------------------
// They take turns, round after round (the first round is a warm-up), so that a machine that gets
// busier or quieter during the benchmark weighs on ours and on the peers alike, and the ratios hold.
const PEERS = [
  { id: 'peer.yamlLs', mod: yamlLs, script: 'peers/yaml-ls.mjs', label: `yaml-language-server ${yamlLs.version} schema validation` },
  { id: 'peer.markdown', mod: markdown, script: 'peers/markdown.mjs', label: `markdown-languageservice ${markdown.version} link check` },
  { id: 'floor', mod: floor, script: 'peers/floor.mjs', label: `floor: read files + yaml ${floor.version} parseDocument` },
];

/** One contestant of the fresh-process rounds: `run` gives {ms, rssMB, ...}; `row` gives what its row adds to the timings. */
const contestants = [];
if (!args.skipCheck) {
  contestants.push({
    id: 'ours.check.cold',
    group: 'ours',
    name: 'fact-notes check (cold, fresh process)',
    label: 'fact-notes check, cold (fresh process)',
    async prepare() {
      haveCli();
      const help = await runNode([BIN, 'check', '--help'], { cwd: WS });
      const helpText = help.stdout + help.stderr;
      if (help.code !== 0 && !/--format/.test(helpText)) throw new Error(`\`fact-notes check --help\` failed (${help.code}): ${helpText.trim().slice(0, 800)}`);
      cacheFlag = /(--cache)\b/.exec(helpText)?.[1] ?? null;
    },
    run: () => runCheck(),
    row(runs) {
      const q = quality(runs.at(-1).report);
      const note = `${q.brokenFlagged}/${q.broken} broken citations flagged, ${q.diagnosticsElsewhere} diagnostics elsewhere; ${runs.at(-1).report.citations} citations seen`;
      if (q.brokenFlagged !== q.broken || q.diagnosticsElsewhere) notes.push(`ours (check): ${note}; missed by kind ${JSON.stringify(q.missedByKind)}; codes ${JSON.stringify(q.codes)}`);
      return { note, quality: q };
    },
  });
  contestants.push({
    id: 'ours.check.warmCache',
    group: 'ours',
    name: 'fact-notes check --cache (warm cache)',
    get label() {
      return `fact-notes check ${cacheFlag}, cache warm (fresh process)`;
    },
    // Known only once the cold contestant has read `check --help`.
    get skip() {
      return cacheFlag ? false : 'fact-notes check has no --cache option (per `check --help`): no warm-cache row';
    },
    run: () => runCheck([cacheFlag]),
    row(runs) {
      const cold = rows.find((r) => r.id === 'ours.check.cold');
      const q = quality(runs.at(-1).report);
      if (cold?.quality && JSON.stringify(q) !== JSON.stringify(cold.quality)) notes.push(`ours (check ${cacheFlag}): results differ from the cold run: ${JSON.stringify(q)}`);
      return {};
    },
  });
}
if (!args.skipPeers) {
  for (const p of PEERS) {
    let last;
    contestants.push({
      id: `${p.id}.process`,
      group: 'peer',
      name: `${p.label} (fresh process)`,
      label: `${p.label}, fresh process`,
      async run() {
        const r = await runNode([join(REPO, 'bench', p.script), WS], { timeoutMs: args.timeout * 10 });
        if (r.code !== 0) throw new Error(`${p.script} exited with ${r.code ?? r.signal}: ${r.stderr.trim().slice(0, 1500)}`);
        last = JSON.parse(r.stdout.trim().split('\n').at(-1));
        return { ms: r.ms, rssMB: r.maxRssKB == null ? null : r.maxRssKB / 1024, inner: last.ms };
      },
      row(runs) {
        const { ms: _ms, ...detail } = last;
        return { note: `${Object.entries(detail).map(([k, v]) => `${k} ${v}`).join(', ')}; work inside the process ${percentile(runs.map((r) => r.inner), 50).toFixed(0)} ms` };
      },
    });
  }
}

if (contestants.length > 0) {
  await phase('fresh processes, in turns', async () => {
    const runs = new Map(contestants.map((c) => [c.id, []]));
    const failed = new Map();
    for (const c of contestants) {
      try {
        await c.prepare?.();
      } catch (e) {
        failed.set(c.id, e);
      }
    }
    for (let round = 0; round <= args.reps; round++) {
      log(round === 0 ? '   warm-up round' : `   round ${round}`);
      for (const c of contestants) {
        if (failed.has(c.id) || c.skip) continue;
        try {
          const r = await c.run();
          if (round > 0) runs.get(c.id).push(r);
          log(`     ${c.name}: ${r.ms.toFixed(0)} ms${r.rssMB == null ? '' : `, peak RSS ${r.rssMB.toFixed(1)} MB`}${r.report ? `, exit ${r.code}, ${r.report.diagnostics.length} diagnostics` : ''}`);
        } catch (e) {
          failed.set(c.id, e);
        }
      }
    }
    for (const c of contestants) {
      if (c.skip) {
        notes.push(c.skip);
        continue;
      }
      if (failed.has(c.id)) {
        errorRow(c.id, c.group, c.label, failed.get(c.id));
        continue;
      }
      try {
        const rs = runs.get(c.id);
        const extra = c.row(rs);
        rows.push({
          id: c.id, group: c.group, label: c.label, unit: 'ms',
          value: percentile(rs.map((r) => r.ms), 50), p95: percentile(rs.map((r) => r.ms), 95), n: rs.length,
          peakRssMB: percentile(rs.map((r) => r.rssMB), 50), ...extra,
        });
      } catch (e) {
        errorRow(c.id, c.group, c.label, e);
      }
    }
  });
}

// ---- 4. language server ------------------------------------------------------------------------
const LSP_ROWS = ['lsp.firstDiagnostics', 'lsp.indexReady', 'lsp.memory', 'lsp.edit', 'lsp.hover', 'lsp.definition', 'lsp.articleChange'];
if (!args.skipLsp) {
  await phase('language server (stdio)', async () => {
    try {
      haveCli();
      const r = await measureLsp({
        ws: WS, bin: BIN, manifest, reps: args.reps, edits: args.edits, requests: args.requests,
        articleReps: args.articleReps || Math.max(args.reps, 5), timeoutMs: args.timeout, settleMs: args.settleMs, log,
      });
      rows.push(...r.rows);
      notes.push(...r.notes);
    } catch (e) {
      const message = String(e?.message ?? e);
      for (const id of LSP_ROWS) if (!rows.some((x) => x.id === id)) errorRow(id, 'lsp', id, id === LSP_ROWS[0] ? e : `language server run failed: ${message.split('\n')[0]}`);
    }
  });
}

// ---- 4b. the language server while it indexes ----------------------------------------------------
let indexing = null;
if (!args.skipLsp) {
  await phase('language server while indexing', async () => {
    try {
      indexing = await measureWhileIndexing({ ws: WS, bin: BIN, manifest, idleEdits: Math.min(args.edits, 100), timeoutMs: args.timeout, settleMs: args.settleMs, log });
      const quiet = await measureIndexMemory({ ws: WS, bin: BIN, manifest, timeoutMs: args.timeout, settleMs: args.settleMs });
      log(`  nothing open: every sheet has diagnostics ${quiet.ms.toFixed(0)} ms after initialize; RSS settled ${quiet.rssMB?.toFixed(0)} MB`);
      const timed = (id, label, samples, extra = {}) => ({ id, group: 'lsp', label, unit: 'ms', value: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length, ...extra });
      const max = (xs) => `max ${Math.max(...xs).toFixed(0)} ms`;
      rows.push(
        { id: 'lsp.indexQuiet', group: 'lsp', label: 'initialized -> every sheet has diagnostics (nothing open)', unit: 'ms', value: quiet.ms, n: 1, note: `RSS ${args.settleMs / 1000} s later ${quiet.rssMB?.toFixed(0)} MB, VmHWM ${quiet.hwmMB?.toFixed(0)} MB` },
        { id: 'lsp.indexPublished', group: 'lsp', label: 'initialized -> every sheet has diagnostics (big sheet edited meanwhile)', unit: 'ms', value: indexing.indexedMs, n: 1, note: `${indexing.during.edit.length} edits answered meanwhile` },
        { id: 'lsp.indexMemory', group: 'lsp', label: `server RSS ${args.settleMs / 1000} s after every sheet has diagnostics`, unit: 'MB', value: indexing.memory.rssMB, note: `${indexing.memory.settledFromMB.toFixed(0)} MB before it settled; VmHWM ${indexing.memory.hwmMB?.toFixed(1)} MB` },
        timed('lsp.indexing.edit', `edit -> diagnostics while indexing (${manifest.big.facts}-fact sheet)`, indexing.during.edit, { note: max(indexing.during.edit) }),
        timed('lsp.indexing.hover', 'hover while indexing', indexing.during.hover, { note: max(indexing.during.hover) }),
        timed('lsp.indexed.edit', 'the same edits once indexed (same session)', indexing.idle.edit, { note: max(indexing.idle.edit) }),
        timed('lsp.indexed.hover', 'the same hovers once indexed (same session)', indexing.idle.hover),
      );
    } catch (e) {
      for (const id of ['lsp.indexPublished', 'lsp.indexing.edit']) errorRow(id, 'lsp', id, e);
    }
  });
}

// ---- 4c. above scale 1: the same at scale 1, for the budgets that compare with it ---------------
let baseline = null;
if (args.scale > 1) {
  await phase('scale 1, for comparison', async () => {
    try {
      const ws1 = `${WS}-1x`;
      const m1 = generate({ outDir: ws1, scale: 1, seed: args.seed });
      const checks = [];
      for (let i = 0; i <= Math.min(args.reps, 3); i++) {
        const r = await runNode([...checkArgs], { cwd: ws1, timeoutMs: args.timeout * 10 });
        if (r.code !== 0 && r.code !== 1) throw new Error(`check at scale 1 exited with ${r.code ?? r.signal}: ${r.stderr.slice(0, 500)}`);
        if (i > 0) checks.push(r);
      }
      const lsp = args.skipLsp ? null : await measureIndexMemory({ ws: ws1, bin: BIN, manifest: m1, timeoutMs: args.timeout, settleMs: args.settleMs });
      baseline = { checkMs: percentile(checks.map((r) => r.ms), 50), checkRssMB: percentile(checks.map((r) => r.maxRssKB / 1024), 50), lsp };
      rows.push({ id: 'scale1.check', group: 'ours', label: 'scale 1: fact-notes check, cold (fresh process)', unit: 'ms', value: baseline.checkMs, n: checks.length, peakRssMB: baseline.checkRssMB });
      if (lsp) rows.push({ id: 'scale1.lspMemory', group: 'lsp', label: `scale 1: server RSS ${args.settleMs / 1000} s after every sheet has diagnostics`, unit: 'MB', value: lsp.rssMB, note: `indexed in ${lsp.ms.toFixed(0)} ms; ${lsp.settledFromMB.toFixed(0)} MB before it settled; VmHWM ${lsp.hwmMB?.toFixed(1)} MB` });
    } catch (e) {
      errorRow('scale1', 'ours', 'scale 1 for comparison', e);
    }
  });
}

// ---- 5. peers in this process, warm (for reference) ---------------------------------------------
if (!args.skipPeers && !args.skipInProcess) {
  for (const p of PEERS) {
    await phase(`${p.label} (in-process, warm)`, async () => {
      try {
        const run = p.mod.setup(WS);
        const runs = await repeat(args.reps, async () => {
          const t0 = performance.now();
          await run();
          return performance.now() - t0;
        });
        rows.push({ id: `${p.id}.inProcess`, group: 'peer', label: `${p.label}, in-process warm`, unit: 'ms', value: percentile(runs, 50), p95: percentile(runs, 95), n: runs.length });
        log(`   median ${rows.at(-1).value.toFixed(0)} ms`);
      } catch (e) {
        errorRow(`${p.id}.inProcess`, 'peer', `${p.label}, in-process warm`, e);
      }
    });
  }
}

// ---- 6. ratios, budgets, table ----------------------------------------------------------------
const val = (id) => rows.find((r) => r.id === id)?.value ?? null;
const has = (id) => rows.some((r) => r.id === id);
const ratios = [];
for (const ours of ['ours.check.cold', 'ours.check.warmCache']) {
  if (!has(ours)) continue;
  for (const peer of ['peer.yamlLs.process', 'peer.markdown.process', 'floor.process', 'peer.yamlLs.inProcess', 'peer.markdown.inProcess', 'floor.inProcess']) {
    if (!has(peer)) continue;
    const a = val(ours);
    const b = val(peer);
    ratios.push({ id: `${ours} / ${peer}`, value: a != null && b ? a / b : null });
  }
}
const budgets = [];
const budget = (name, value, limit, unit, basis) =>
  budgets.push({ name, value, limit, unit, basis, pass: value == null ? null : value <= limit });
if (!args.skipCheck && !args.skipPeers) {
  budget('cold check <= 0.33 x yaml-language-server validation', ratios.find((r) => r.id === 'ours.check.cold / peer.yamlLs.process')?.value ?? null, 0.33, 'x', 'both fresh processes');
  budget('cold check <= 0.5 x read+parseDocument floor', ratios.find((r) => r.id === 'ours.check.cold / floor.process')?.value ?? null, 0.5, 'x', 'both fresh processes');
}
const row = (id) => rows.find((r) => r.id === id);
const ratio = (a, b) => (a != null && b ? a / b : null);
if (!args.skipLsp) {
  budget(`LSP edit -> diagnostics p95 <= 30 ms (${manifest.big.facts}-fact sheet)`, row('lsp.edit')?.p95 ?? null, 30, 'ms', 'p95');
  budget('edit p95 while indexing <= 3 x once indexed', ratio(row('lsp.indexing.edit')?.p95, row('lsp.indexed.edit')?.p95), 3, 'x', 'p95s of one session');
  if (!args.skipCheck) budget('indexing the workspace <= 1.5 x cold check', ratio(val('lsp.indexQuiet'), val('ours.check.cold')), 1.5, 'x', 'every sheet published, nothing open ÷ check median');
  if (!args.skipPeers) budget('server RSS after indexing <= 0.15 x yaml-language-server validation', ratio(val('lsp.indexMemory'), row('peer.yamlLs.process')?.peakRssMB), 0.15, 'x', 'VmRSS ÷ its peak RSS');
  if (baseline?.lsp) budget('server RSS after indexing <= 2.5 x at scale 1', ratio(val('lsp.indexMemory'), baseline.lsp.rssMB), 2.5, 'x', 'VmRSS ÷ VmRSS');
}
if (baseline && !args.skipCheck) budget('check peak RSS <= 2 x at scale 1', ratio(row('ours.check.cold')?.peakRssMB, baseline.checkRssMB), 2, 'x', 'peak RSS medians');
if (!args.skipLsp) {
  budget('hover p95 <= 5 ms', rows.find((r) => r.id === 'lsp.hover')?.p95 ?? null, 5, 'ms', 'p95');
  budget('definition p95 <= 5 ms', rows.find((r) => r.id === 'lsp.definition')?.p95 ?? null, 5, 'ms', 'p95');
  if (args.scale <= 1) budget('memory after indexing <= 200 MB', val('lsp.memory'), 200, 'MB', 'VmRSS');
}

const fmt = (v, unit) => (v == null ? '—' : unit === 'x' ? `${v.toFixed(2)}x` : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
function table() {
  const lines = [];
  const W = [62, 10, 10, 8];
  const cell = (s, w, right) => (right ? String(s).padStart(w) : String(s).padEnd(w));
  lines.push(`Fact Notes benchmark — scale ${args.scale}, ${args.reps} reps (+1 warm-up), node ${process.version}, ${cpus().length} CPUs`);
  lines.push(describe(manifest).split('\n')[0]);
  lines.push('');
  lines.push(`${cell('measurement', W[0])} ${cell('median', W[1], 1)} ${cell('p95', W[2], 1)} ${cell('peak MB', W[3], 1)}  note`);
  lines.push('-'.repeat(W[0] + W[1] + W[2] + W[3] + 12));
  for (const r of rows) {
    const unit = r.unit === 'MB' ? ' MB' : ' ms';
    lines.push(
      `${cell(r.label.slice(0, W[0]), W[0])} ${cell(r.value == null ? 'ERROR' : fmt(r.value) + unit, W[1], 1)} ${cell(r.p95 == null ? '' : fmt(r.p95) + unit, W[2], 1)} ${cell(r.peakRssMB == null ? '' : fmt(r.peakRssMB), W[3], 1)}  ${r.error ?? r.note ?? ''}`,
    );
  }
  lines.push('');
  lines.push('ratios (ours ÷ peer, medians):');
  for (const r of ratios) lines.push(`  ${cell(r.id, 60)} ${fmt(r.value, 'x')}`);
  lines.push('');
  lines.push(`budgets${args.scale < 1 ? ` (they are meant for --scale 1 and above; this run is --scale ${args.scale})` : ''}:`);
  for (const b of budgets) lines.push(`  ${b.pass == null ? 'n/a ' : b.pass ? 'PASS' : 'FAIL'}  ${cell(b.name, 62)} ${fmt(b.value, b.unit === 'x' ? 'x' : undefined)}${b.unit === 'x' || b.value == null ? '' : ' ' + b.unit} (limit ${b.limit}${b.unit === 'x' ? 'x' : ' ' + b.unit}; ${b.basis})`);
  if (notes.length) {
    lines.push('');
    lines.push('notes:');
    for (const n of notes) lines.push(`  - ${n}`);
  }
  if (errors.length) {
    lines.push('');
    lines.push(`ERRORS (${errors.length}) — these rows have no numbers:`);
    for (const e of errors) lines.push(`  - ${e.split('\n')[0]}`);
  }
  return lines.join('\n');
}

const results = {
  version: 1,
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryMethod,
  scale: args.scale,
  reps: args.reps,
  workspace: {
    path: WS,
    hash: manifest.hash,
    articles: manifest.articles,
    articleLines: manifest.articleLines,
    sheets: manifest.sheets.length,
    facts: manifest.facts,
    citations: manifest.citations,
    megabytes: Object.fromEntries(Object.entries(manifest.bytes).map(([k, v]) => [k, round(v / 1e6, 2)])),
    bigSheet: { path: manifest.big.path, facts: manifest.big.facts, citations: manifest.big.citations },
    hotArticle: manifest.hotArticle,
  },
  phasesSeconds: phases,
  rows: rows.map(({ quality: q, ...r }) => ({ ...r, ...(q ? { quality: q } : {}) })),
  ratios,
  budgets,
  notes,
  errors,
};
mkdirSync(dirname(resolve(args.out)), { recursive: true });
writeFileSync(resolve(args.out), JSON.stringify(results, null, 2) + '\n');
console.log('\n' + table());
console.log(`\nresults written to ${relative(process.cwd(), resolve(args.out)) || args.out}`);
process.exitCode = errors.length ? 1 : 0;
