// Language-server measurements over stdio (`node bin/fact-notes.js lsp --stdio`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.mjs';
import { procMemoryMB } from './lib/proc.mjs';
import { percentile } from './lib/util.mjs';

const uriOf = (ws, rel) => pathToFileURL(join(ws, rel)).href;
/** Every sheet of the workspace, the big one included. */
const sheetUris = (ws, manifest) => [...manifest.sheets, manifest.big.path].map((p) => uriOf(ws, p));

/**
 * Runs `sessions` fresh servers (the first is a warm-up) timing open -> first diagnostics of the big
 * sheet; in the last session also: index completion + memory, edits, hover, definition, article change.
 * @returns {Promise<{rows: object[], notes: string[]}>} rows keyed by id
 */
export async function measureLsp({ ws, bin, manifest, reps, edits, requests, articleReps, timeoutMs, settleMs, log }) {
  const notes = [];
  const bigUri = uriOf(ws, manifest.big.path);
  const bigText = readFileSync(join(ws, manifest.big.path), 'utf8');
  const firstDiag = [];
  const sessions = reps + 1;
  const out = {};
  for (let s = 0; s < sessions; s++) {
    const last = s === sessions - 1;
    const client = new LspClient([bin, 'lsp', '--stdio'], { cwd: ws, timeoutMs });
    try {
      const tStart = performance.now();
      await client.initialize(ws);
      const tInit = performance.now();
      // 1. open the 1,000-fact sheet right away; time until its first diagnostics
      const t0 = performance.now();
      const first = client.waitForDiagnostics(bigUri, () => true, 'first diagnostics of the big sheet');
      client.notify('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'fact-sheet', version: 1, text: bigText } });
      const e = await first;
      if (s > 0) firstDiag.push(e.at - t0);
      log(`  lsp session ${s + 1}/${sessions}${s === 0 ? ' (warm-up)' : ''}: initialize ${(tInit - tStart).toFixed(0)} ms, open -> first diagnostics ${(e.at - t0).toFixed(1)} ms (${e.diagnostics.length} diagnostics)`);
      if (!last) continue;
      out.firstDiagnosticCount = e.diagnostics.length;
      out.firstQuality = spanQuality(manifest, manifest.big.path, e.diagnostics);

      // 2. index completion: poll references on a line cited from several sheets until all of them answer
      out.index = await waitForIndex(client, ws, manifest, tInit, notes);
      out.memory = await settledMemory(client.pid, settleMs);
      log(`  index complete ${out.index.ms == null ? '(unknown)' : out.index.ms.toFixed(0) + ' ms after initialized'}; server RSS settled ${out.memory.rssMB?.toFixed(1)} MB (from ${out.memory.settledFromMB.toFixed(1)} MB), peak ${out.memory.hwmMB?.toFixed(1)} MB`);

      // 3. one-character edits of the big sheet -> updated diagnostics
      out.edits = await measureEdits(client, bigUri, manifest.big.quotePositions, edits);
      log(`  edit -> diagnostics: p50 ${out.edits.p50?.toFixed(1)} ms, p95 ${out.edits.p95?.toFixed(1)} ms over ${out.edits.samples.length} edits`);

      // 4. hover and definition
      out.hover = await measureRequests(client, bigUri, 'textDocument/hover', manifest.big, requests);
      out.definition = await measureRequests(client, bigUri, 'textDocument/definition', manifest.big, requests);
      log(`  hover p50 ${out.hover.p50?.toFixed(2)} / p95 ${out.hover.p95?.toFixed(2)} ms (${out.hover.nonEmpty}/${out.hover.samples.length} non-empty); ` +
        `definition p50 ${out.definition.p50?.toFixed(2)} / p95 ${out.definition.p95?.toFixed(2)} ms (${out.definition.nonEmpty}/${out.definition.samples.length} non-empty)`);

      // 5. an article changes on disk -> every sheet citing it re-checked
      out.article = await measureArticleChange(client, ws, manifest, articleReps, bigUri);
      log(`  article change -> all ${out.article.sheets} citing sheets re-checked: median ${percentile(out.article.samples, 50)?.toFixed(1)} ms`);
      out.endMemory = procMemoryMB(client.pid);
    } finally {
      await client.shutdown();
    }
  }
  const row = (id, label, samples, extra = {}) => ({ id, group: 'lsp', label, unit: 'ms', value: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length, ...extra });
  const rows = [
    row('lsp.firstDiagnostics', `open ${manifest.big.facts}-fact sheet -> first diagnostics (fresh server)`, firstDiag, { note: `${out.firstDiagnosticCount} diagnostics; ${out.firstQuality.flagged}/${out.firstQuality.broken} broken citations flagged, ${out.firstQuality.elsewhere} diagnostics elsewhere` }),
    { id: 'lsp.indexReady', group: 'lsp', label: 'initialized -> whole workspace indexed', unit: 'ms', value: out.index.ms, n: 1, note: out.index.note },
    { id: 'lsp.memory', group: 'lsp', label: `server RSS ${settleMs / 1000} s after indexing (VmRSS)`, unit: 'MB', value: out.memory.rssMB, note: `${out.memory.settledFromMB.toFixed(0)} MB before it settled; VmHWM ${out.memory.hwmMB?.toFixed(1)} MB; at the end: RSS ${out.endMemory.rssMB?.toFixed(1)} MB, HWM ${out.endMemory.hwmMB?.toFixed(1)} MB` },
    row('lsp.edit', 'one-character edit -> updated diagnostics', out.edits.samples, { note: out.edits.note }),
    row('lsp.hover', 'hover', out.hover.samples, { note: `${out.hover.nonEmpty}/${out.hover.samples.length} non-empty` }),
    row('lsp.definition', 'definition', out.definition.samples, { note: `${out.definition.nonEmpty}/${out.definition.samples.length} non-empty` }),
    row('lsp.articleChange', `article changed on disk -> its ${out.article.sheets} citing sheets re-checked`, out.article.samples, { note: out.article.note }),
  ];
  return { rows, notes };
}

/** How many of the sheet's generated-broken citations have a diagnostic, and how many diagnostics fall elsewhere. */
function spanQuality(manifest, sheet, diagnostics) {
  const spans = manifest.brokenSpans.filter(([p]) => p === sheet).map(([, a, b]) => ({ a, b, hit: false }));
  let elsewhere = 0;
  for (const d of diagnostics) {
    const s = spans.find((x) => d.range.start.line >= x.a && d.range.start.line <= x.b);
    if (s) s.hit = true;
    else elsewhere++;
  }
  return { broken: spans.length, flagged: spans.filter((s) => s.hit).length, elsewhere };
}

async function waitForIndex(client, ws, manifest, tInit, notes) {
  const probe = manifest.refProbe;
  if (!probe) return { ms: null, note: 'no reference probe in the manifest' };
  const uri = uriOf(ws, probe.file);
  const expected = new Set(probe.sheets.map((p) => uriOf(ws, p)));
  const text = readFileSync(join(ws, probe.file), 'utf8');
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  const deadline = performance.now() + client.timeoutMs;
  let found = 0;
  try {
    for (;;) {
      let locs;
      try {
        locs = await client.request('textDocument/references', { textDocument: { uri }, position: { line: probe.line, character: 0 }, context: { includeDeclaration: true } });
      } catch (e) {
        notes.push(`references request failed (${e.message.split('\n')[0]}); index completion taken as "memory stopped growing"`);
        return await waitForSteadyMemory(client, tInit);
      }
      const got = new Set((locs ?? []).map((l) => l.uri ?? l.targetUri));
      found = [...expected].filter((u) => got.has(u)).length;
      if (found === expected.size) return { ms: performance.now() - tInit, note: `references from all ${expected.size} sheets citing ${probe.file}:${probe.line + 1}` };
      if (performance.now() > deadline) {
        notes.push(`index never complete: references found ${found}/${expected.size} citing sheets of ${probe.file}:${probe.line + 1}`);
        return { ms: null, note: `incomplete (${found}/${expected.size})` };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    client.notify('textDocument/didClose', { textDocument: { uri } }); // so disk changes to it count later
  }
}

async function waitForSteadyMemory(client, tInit) {
  let last = procMemoryMB(client.pid).rssMB;
  let steadySince = performance.now();
  const deadline = performance.now() + client.timeoutMs;
  while (performance.now() - steadySince < 1000 && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const now = procMemoryMB(client.pid).rssMB;
    if (Math.abs(now - last) > 1) steadySince = performance.now();
    last = now;
  }
  return { ms: steadySince - tInit, note: 'approximate: memory steady for 1 s (no references support)' };
}

/** Toggles a character inside a valid quote (break, then restore), waiting for each update. */
async function measureEdits(client, uri, positions, count) {
  const warmup = 10;
  const editor = new Editor(client, uri, positions);
  const samples = [];
  for (let i = 0; i < warmup + count; i++) {
    const ms = await editor.edit();
    if (i >= warmup) samples.push(ms);
  }
  const note = editor.unversioned ? `${editor.unversioned} publishes without a version (matched by changed content)` : 'matched by version';
  return { samples, p50: percentile(samples, 50), p95: percentile(samples, 95), note };
}

/** Sequential requests at citation positions of the big sheet (quotes and file values, alternating). */
async function measureRequests(client, uri, method, big, count) {
  const warmup = 50;
  const samples = [];
  let nonEmpty = 0;
  const positions = requestPositions(big);
  for (let i = 0; i < warmup + count; i++) {
    const position = positions[(i * 7919) % positions.length];
    const t0 = performance.now();
    const r = await client.request(method, { textDocument: { uri }, position });
    const ms = performance.now() - t0;
    if (i >= warmup) {
      samples.push(ms);
      if (r && (!Array.isArray(r) || r.length)) nonEmpty++;
    }
  }
  return { samples, p50: percentile(samples, 50), p95: percentile(samples, 95), nonEmpty };
}

/** Inserts (then removes, alternately) a line at the top of the hot article and waits for all citing sheets. */
async function measureArticleChange(client, ws, manifest, reps, bigUri) {
  const hot = manifest.hotArticle;
  if (!hot) throw new Error('no hot article in the manifest (workspace too small?)');
  const path = join(ws, hot.file);
  const uri = pathToFileURL(path).href;
  const original = readFileSync(path);
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const bom = original[0] === 0xef ? '\uFEFF' : '';
  const modified = Buffer.from(bom + hot.insertLine + eol + original.toString('utf8').replace(/^\uFEFF/, ''));
  const sheetUris = hot.sheets.map((p) => uriOf(ws, p));
  // open every citing sheet (the big one already is), so servers that only check open sheets are measured too
  const opened = [];
  for (const [i, u] of sheetUris.entries()) {
    if (u === bigUri) continue;
    const w = client.diagnostics.has(u) ? null : client.waitForDiagnostics(u, () => true, `diagnostics of ${hot.sheets[i]} after opening`);
    client.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'fact-sheet', version: 1, text: readFileSync(join(ws, hot.sheets[i]), 'utf8') } });
    opened.push(u);
    if (w) await w;
  }
  await new Promise((r) => setTimeout(r, 300)); // let any late publishes settle
  const samples = [];
  try {
    for (let i = 0; i < reps + 1; i++) {
      const before = new Map(sheetUris.map((u) => [u, client.diagnostics.get(u)?.json]));
      const waits = sheetUris.map((u, k) => client.waitForDiagnostics(u, (e) => e.json !== before.get(u), `re-check of ${hot.sheets[k]} after ${hot.file} changed`));
      const t0 = performance.now();
      writeFileSync(path, i % 2 === 0 ? modified : original);
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      const entries = await Promise.all(waits);
      if (i > 0) samples.push(Math.max(...entries.map((e) => e.at)) - t0);
    }
  } finally {
    writeFileSync(path, original);
    for (const u of opened) client.notify('textDocument/didClose', { textDocument: { uri: u } });
  }
  return { samples, sheets: sheetUris.length, note: `${hot.file}: a line inserted / removed at the top, write + didChangeWatchedFiles; until changed diagnostics for all ${sheetUris.length}` };
}

/**
 * A fresh server indexing the workspace while someone works in the big sheet: one-character edits
 * (each waited for) and a hover after each, from the moment the sheet is open until every sheet
 * has had its diagnostics published; then the same edits and hovers with the index complete, for
 * comparison in the same session. Memory is read after those, once it has settled.
 */
export async function measureWhileIndexing({ ws, bin, manifest, idleEdits, timeoutMs, settleMs, log }) {
  const bigUri = uriOf(ws, manifest.big.path);
  const bigText = readFileSync(join(ws, manifest.big.path), 'utf8');
  const all = sheetUris(ws, manifest);
  const client = new LspClient([bin, 'lsp', '--stdio'], { cwd: ws, timeoutMs });
  try {
    await client.initialize(ws);
    const tInit = performance.now();
    const first = client.waitForDiagnostics(bigUri, () => true, 'first diagnostics of the big sheet');
    client.notify('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'fact-sheet', version: 1, text: bigText } });
    await first;
    const published = () => all.every((u) => client.diagnostics.has(u));
    const editor = new Editor(client, bigUri, manifest.big.quotePositions, requestPositions(manifest.big));
    const during = { edit: [], hover: [] };
    while (!published()) {
      if (performance.now() - tInit > timeoutMs * 10) throw new Error(`indexing not done after ${timeoutMs * 10} ms (${all.filter((u) => client.diagnostics.has(u)).length}/${all.length} sheets published)`);
      during.edit.push(await editor.edit());
      during.hover.push(await editor.hover());
    }
    const indexedMs = Math.max(...all.map((u) => client.diagnostics.get(u).at)) - tInit;
    const idle = { edit: [], hover: [] };
    for (let i = 0; i < idleEdits; i++) {
      idle.edit.push(await editor.edit());
      idle.hover.push(await editor.hover());
    }
    const memory = await settledMemory(client.pid, settleMs);
    log(`  while indexing (${(indexedMs / 1000).toFixed(1)} s, ${during.edit.length} edits): edit p50 ${percentile(during.edit, 50)?.toFixed(1)} / p95 ${percentile(during.edit, 95)?.toFixed(1)} / max ${Math.max(...during.edit, 0).toFixed(0)} ms, ` +
      `hover p95 ${percentile(during.hover, 95)?.toFixed(1)} ms; afterwards edit p95 ${percentile(idle.edit, 95)?.toFixed(1)} ms, hover p95 ${percentile(idle.hover, 95)?.toFixed(1)} ms; RSS settled ${memory.rssMB?.toFixed(0)} MB (from ${memory.settledFromMB.toFixed(0)} MB)`);
    return { indexedMs, memory, during, idle };
  } finally {
    await client.shutdown();
  }
}

/**
 * A process's RSS once it has given back what a batch of work used, with the
 * highest reading meanwhile: `settleMs` after the batch (V8 returns freed
 * memory in the background, within about ten seconds of a long batch).
 */
async function settledMemory(pid, settleMs) {
  const deadline = performance.now() + settleMs;
  let highest = 0;
  while (performance.now() < deadline) {
    highest = Math.max(highest, procMemoryMB(pid).rssMB ?? 0);
    await new Promise((r) => setTimeout(r, 250));
  }
  const now = procMemoryMB(pid);
  return { ...now, settledFromMB: Math.max(highest, now.rssMB ?? 0) };
}

/** A fresh server's RSS once every sheet of the workspace has its diagnostics (nothing opened) and it has settled (see {@link settledMemory}). */
export async function measureIndexMemory({ ws, bin, manifest, timeoutMs, settleMs }) {
  const all = sheetUris(ws, manifest);
  const client = new LspClient([bin, 'lsp', '--stdio'], { cwd: ws, timeoutMs });
  try {
    await client.initialize(ws);
    const t0 = performance.now();
    while (!all.every((u) => client.diagnostics.has(u))) {
      if (performance.now() - t0 > timeoutMs * 10) throw new Error('indexing not done');
      await new Promise((r) => setTimeout(r, 20));
    }
    const ms = Math.max(...all.map((u) => client.diagnostics.get(u).at)) - t0;
    return { ms, ...(await settledMemory(client.pid, settleMs)) };
  } finally {
    await client.shutdown();
  }
}

/** Citation positions of the big sheet for hovers and definitions: quotes and file values, alternating. */
function requestPositions(big) {
  const positions = [];
  for (let i = 0; i < Math.max(big.quotePositions.length, big.filePositions.length); i++) {
    if (big.quotePositions[i]) positions.push({ line: big.quotePositions[i].line, character: big.quotePositions[i].character + 2 });
    if (big.filePositions[i]) positions.push({ line: big.filePositions[i].line, character: big.filePositions[i].character + 1 });
  }
  return positions;
}

/** Alternately breaks and restores a character of a quote in an open sheet (the text stays as it was after every second edit). */
class Editor {
  constructor(client, uri, quotePositions, hoverPositions = []) {
    Object.assign(this, { client, uri, quotePositions, hoverPositions, edits: 0, hovers: 0, version: 1, unversioned: 0 });
  }

  /** One edit; resolves with the ms until the diagnostics of its version (or, unversioned, changed ones) arrive. */
  async edit() {
    const { client, uri } = this;
    const i = this.edits++;
    const p = this.quotePositions[(Math.floor(i / 2) * 7919) % this.quotePositions.length];
    const at = { line: p.line, character: p.character + 3 };
    const change = i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    const before = client.diagnostics.get(uri)?.json;
    const v = ++this.version;
    const wait = client.waitForDiagnostics(uri, (e) => (e.version != null ? e.version === v : e.json !== before), `diagnostics after edit ${i + 1} (version ${v})`);
    const t0 = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    const e = await wait;
    if (e.version == null) this.unversioned++;
    return e.at - t0;
  }

  /** One hover at the next citation; resolves with its ms. */
  async hover() {
    const position = this.hoverPositions[(this.hovers++ * 7919) % this.hoverPositions.length];
    const t0 = performance.now();
    await this.client.request('textDocument/hover', { textDocument: { uri: this.uri }, position });
    return performance.now() - t0;
  }
}
