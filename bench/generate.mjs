#!/usr/bin/env node
// Deterministic benchmark workspace generator (issue 5).
//
//   node bench/generate.mjs [--out DIR] [--scale 10|3|1|0.1|0.01] [--seed N]
//
// Builds, from the sentences of samples/articles/, a workspace of
//   articles/a0000.txt ...        2,000 articles of 20-60 lines (~30 MB) at scale 1
//   sheets/s000.facts.yaml ...    200 sheets x 50 facts, ~2 citations per fact, ~5% broken
//   notes/s000.md ...             the same citations as markdown links (markdown peer)
//   big/big.facts.yaml            one 1,000-fact sheet for the LSP timings (500 x scale above 1)
//   manifest.json                 what was generated: counts, who cites what, probe positions
// Same seed + scale => the same bytes, every run.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashTree, makeRandom, parseArgsOrExit } from './lib/util.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, '..');
export const DEFAULT_WORKSPACE = join(HERE, 'workspace');
export const GENERATOR_VERSION = 1;

const FULL = { articles: 2000, sheets: 200 };
const FACTS_PER_SHEET = 50;
const BIG_FACTS = 1000;
const MAX_SCALE = 20;

/** The big sheet's facts: 1,000 up to scale 1, then 500 per unit of scale (5,000 at 10). */
export const bigFactsAt = (scale) => (scale > 1 ? Math.round(500 * scale) : BIG_FACTS);
const BROKEN_RATE = 0.05;
const COMPACT_RATE = 0.1;
const RANGE_RATE = 0.05;

/** Sentences of the sample articles, whitespace-normalised, at least 5 words. */
function loadSentences() {
  const dir = join(REPO, 'samples', 'articles');
  const out = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    const text = readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, '');
    for (const para of text.split(/\r\n|\r|\n/)) {
      const clean = para.replace(/[\s\u00a0]+/g, ' ').replace(/^[•\-– ]+/, '').trim();
      if (!clean) continue;
      for (const s of clean.split(/(?<=[.!?][”"’]?) (?=[A-Z“"–])/)) {
        if (s.split(' ').length >= 5) out.push(s);
      }
    }
  }
  if (out.length < 20) throw new Error(`too few sentences in ${dir}: ${out.length}`);
  return out;
}

/** A YAML scalar for s: plain when that is unambiguous, else double-quoted (JSON is valid YAML). */
function yamlStr(s) {
  const plainOk =
    /^[A-Za-z0-9(“‘][^\t\n\r]*$/.test(s) &&
    !/: |:$| #|[\[\]{}"'`]/.test(s) &&
    !/\s$/.test(s) &&
    !/^(true|false|null|yes|no|on|off|~|[-+.0-9].*)$/i.test(s);
  return plainOk ? s : JSON.stringify(s);
}

const pad = (n, w) => String(n).padStart(w, '0');

/**
 * Generate the workspace into outDir (emptied first). Returns the manifest.
 * @param {{outDir?: string, scale?: number, seed?: number}} opts
 */
export function generate({ outDir = DEFAULT_WORKSPACE, scale = 1, seed = 20240605 } = {}) {
  if (!(scale > 0 && scale <= MAX_SCALE)) throw new Error(`--scale must be in (0, ${MAX_SCALE}], got ${scale}`);
  const nArticles = Math.max(5, Math.round(FULL.articles * scale));
  const nSheets = Math.max(2, Math.round(FULL.sheets * scale));
  const rnd = makeRandom(seed);
  const sentences = loadSentences();
  const vocab = [...new Set(sentences.flatMap((s) => s.split(' ')).filter((w) => /^[A-Za-z]{3,}$/.test(w)))].sort();

  if (existsSync(outDir)) {
    if (existsSync(join(outDir, 'manifest.json')) || readdirSync(outDir).length === 0) rmSync(outDir, { recursive: true, force: true });
    else throw new Error(`${outDir} exists and is not a generated workspace (no manifest.json); refusing to delete it`);
  }
  for (const d of ['articles', 'sheets', 'notes', 'big']) mkdirSync(join(outDir, d), { recursive: true });

  // ---- articles --------------------------------------------------------------------------------
  const mutate = (s) => {
    if (!rnd.chance(0.4)) return s;
    const words = s.split(' ');
    words[rnd.int(0, words.length - 1)] = rnd.pick(vocab);
    return words.join(' ');
  };
  /** @type {{name: string, lines: string[]}[]} */
  const articles = [];
  let articleBytes = 0;
  for (let a = 0; a < nArticles; a++) {
    const nLines = rnd.int(20, 60);
    const lines = [];
    for (let l = 0; l < nLines; l++) {
      const target = rnd.int(100, 520);
      let line = '';
      while (line.length < target || line.split(' ').length < 16) line += (line ? ' ' : '') + mutate(rnd.pick(sentences));
      lines.push(line);
    }
    const name = `a${pad(a, 4)}.txt`;
    articles.push({ name, lines });
    const eol = rnd.chance(0.05) ? '\r\n' : '\n';
    const bom = rnd.chance(0.02) ? '\uFEFF' : '';
    const text = bom + lines.join(eol) + eol;
    writeFileSync(join(outDir, 'articles', name), text);
    articleBytes += Buffer.byteLength(text);
  }

  // ---- citations ---------------------------------------------------------------------------------
  /** [sheet path, first YAML line, last YAML line (0-based), kind] of every broken citation */
  const brokenSpans = [];
  const stats = { citations: 0, mapping: 0, compact: 0, ranges: 0, broken: { wrongLine: 0, missingFile: 0, alteredQuote: 0 } };
  /** article name -> Set of sheet paths citing it */
  const citedBy = new Map();
  /** article name -> Map(sheet path -> [{line, quote}] valid quoted single-line citations) */
  const validQuoted = new Map();

  /** One citation of a random line of `art`; returns {yaml (lines), md (link), kind, ...}. */
  function makeCitation(art) {
    const n = art.lines.length;
    const compact = rnd.chance(COMPACT_RATE);
    const isRange = !compact && rnd.chance(RANGE_RATE) && n > 1;
    const line = rnd.int(1, isRange ? n - 1 : n);
    const end = isRange ? line + 1 : line;
    const text = isRange ? art.lines[line - 1] + ' ' + art.lines[line] : art.lines[line - 1];
    const words = text.split(' ');
    const len = Math.min(rnd.int(8, 15), words.length);
    // for a range, make the quote straddle the two lines when possible
    const first = isRange ? Math.max(0, art.lines[line - 1].split(' ').length - Math.floor(len / 2)) : rnd.int(0, words.length - len);
    let quote = words.slice(first, first + len).join(' ');
    let file = art.name;
    let lineStr = isRange ? `${line}-${end}` : String(line);
    let broken = null;
    if (rnd.chance(BROKEN_RATE)) {
      broken = compact ? 'missingFile' : rnd.pick(['wrongLine', 'missingFile', 'alteredQuote']);
      if (broken === 'missingFile') {
        file = art.name.replace(/^a(\d)(\d{3})/, 'a$2'); // a typo: a digit dropped (a0012.txt -> a012.txt)
      } else if (broken === 'wrongLine') {
        const candidates = [];
        for (let j = 1; j <= n; j++) if (j !== line && !art.lines[j - 1].includes(quote)) candidates.push(j);
        const outOfRange = rnd.chance(0.2) || !candidates.length;
        lineStr = String(outOfRange ? n + rnd.int(1, 5) : rnd.pick(candidates));
      } else {
        const q = quote.split(' ');
        if (rnd.chance(0.5)) {
          const i = rnd.int(0, q.length - 1); // one word replaced: an approximate match (quote-mismatch)
          let w = rnd.pick(vocab);
          while (w === q[i]) w = rnd.pick(vocab);
          q[i] = w;
        } else {
          for (let i = 0; i < q.length; i += 2) q[i] = rnd.pick(vocab); // half the words: quote-not-found
        }
        quote = q.join(' ');
        if (text.includes(quote)) quote = 'Nothing like this appears in the article ' + quote;
      }
      stats.broken[broken]++;
    }
    stats.citations++;
    if (compact) stats.compact++;
    else stats.mapping++;
    if (isRange) stats.ranges++;
    const frag = isRange ? `#L${line}-L${end}` : `#L${line}`;
    const mdText = compact ? `${file}:${lineStr}` : quote;
    return {
      compact,
      file,
      article: art.name,
      line: lineStr,
      quote: compact ? undefined : quote,
      broken,
      single: !isRange,
      md: `[${mdText.replace(/([\[\]\\])/g, '\\$1')}](../articles/${file}${frag})`,
    };
  }

  const words = (lo, hi) => {
    const w = mutate(rnd.pick(sentences)).split(' ');
    let claim = w.slice(0, Math.min(w.length, rnd.int(lo, hi))).join(' ').replace(/[,;:–-]+$/, '');
    if (!/[.!?”"]$/.test(claim)) claim += '.';
    return claim;
  };
  const TAGS = ['diplomacy', 'russia', 'usa', 'arctic', 'sanctions', 'summit', 'ukraine', 'navalny', 'quotes', 'dates'];

  /**
   * Write one sheet (YAML) and its markdown twin. Returns per-line info for the LSP probes.
   * @param {string} relPath e.g. sheets/s000.facts.yaml
   */
  function makeSheet(relPath, mdRelPath, title, nFacts, pool, idPrefix) {
    const y = [`# Generated by bench/generate.mjs; do not edit.`, `title: ${yamlStr(title)}`, `sources: ../articles`, `facts:`];
    const md = [`# ${title}`, ''];
    const probes = { quotes: [], files: [] };
    for (let f = 0; f < nFacts; f++) {
      const nCites = rnd.int(1, 3);
      const cites = [];
      for (let c = 0; c < nCites; c++) cites.push(makeCitation(rnd.pick(pool)));
      const claim = words(6, 16);
      y.push(rnd.chance(0.85) ? `  - id: ${idPrefix}-${pad(f + 1, 4)}` : `  -`);
      const first = y.length - 1;
      if (y[first] === '  -') y[first] = `  - claim: ${yamlStr(claim)}`;
      else y.push(`    claim: ${yamlStr(claim)}`);
      if (rnd.chance(0.3)) y.push(`    tags: [${rnd.sample(TAGS, rnd.int(1, 3)).join(', ')}]`);
      if (rnd.chance(0.1)) y.push(`    note: ${yamlStr(words(5, 12))}`);
      const asSingleMapping = nCites === 1 && !cites[0].compact && rnd.chance(0.3);
      y.push('    cite:');
      for (const c of cites) {
        const ind = asSingleMapping ? '      ' : '        ';
        const startLine = y.length;
        if (c.compact) {
          y.push(`      - ${c.file}:${c.line}`);
          probes.files.push({ line: y.length - 1, character: 8 });
        } else {
          y.push(`${asSingleMapping ? '      ' : '      - '}file: ${c.file}`);
          probes.files.push({ line: y.length - 1, character: 14 });
          y.push(`${ind}line: ${/^\d+$/.test(c.line) ? c.line : JSON.stringify(c.line)}`);
          const q = yamlStr(c.quote);
          y.push(`${ind}quote: ${q}`);
          if (!c.broken) probes.quotes.push({ line: y.length - 1, character: ind.length + 7, length: q.length });
        }
        if (c.broken) brokenSpans.push([relPath, startLine, y.length - 1, c.broken]);
        if (!c.broken || c.broken === 'alteredQuote' || c.broken === 'wrongLine') {
          if (!citedBy.has(c.article)) citedBy.set(c.article, new Set());
          citedBy.get(c.article).add(relPath);
        }
        if (!c.broken && !c.compact && c.single) {
          if (!validQuoted.has(c.article)) validQuoted.set(c.article, new Map());
          const m = validQuoted.get(c.article);
          if (!m.has(relPath)) m.set(relPath, []);
          m.get(relPath).push({ line: Number(c.line), quote: c.quote });
        }
      }
      md.push(`- ${claim.replace(/([\[\]\\*_`<])/g, '\\$1')} ${cites.map((c) => c.md).join(' ')}`);
    }
    const yamlText = y.join('\n') + '\n';
    writeFileSync(join(outDir, relPath), yamlText);
    if (mdRelPath) writeFileSync(join(outDir, mdRelPath), md.join('\n') + '\n');
    return { bytes: Buffer.byteLength(yamlText), mdBytes: mdRelPath ? Buffer.byteLength(md.join('\n') + '\n') : 0, probes };
  }

  const sheets = [];
  const notes = [];
  let sheetBytes = 0;
  let noteBytes = 0;
  for (let s = 0; s < nSheets; s++) {
    const pool = rnd.sample(articles, Math.min(articles.length, rnd.int(8, 20)));
    const rel = `sheets/s${pad(s, 3)}.facts.yaml`;
    const mdRel = `notes/s${pad(s, 3)}.md`;
    const r = makeSheet(rel, mdRel, `Bench sheet ${s}: ${words(3, 8).replace(/[.!?”"]+$/, '')}`, FACTS_PER_SHEET, pool, `s${pad(s, 3)}`);
    sheets.push(rel);
    notes.push(mdRel);
    sheetBytes += r.bytes;
    noteBytes += r.mdBytes;
  }
  const mainStats = JSON.parse(JSON.stringify(stats));
  const bigRel = 'big/big.facts.yaml';
  const bigFacts = bigFactsAt(scale);
  const big = makeSheet(bigRel, null, `Bench big sheet (${bigFacts.toLocaleString('en')} facts)`, bigFacts, rnd.sample(articles, Math.min(articles.length, 40)), 'big');

  // ---- probes for the LSP measurements ---------------------------------------------------------
  // The "hot" article: cited (validly, with a quote) by the most sheets, such that inserting one line
  // at its top changes at least one citation's status in every citing sheet.
  const HOT_INSERT = 'Editor’s note: this article was updated after publication.';
  let hot = null;
  for (const art of articles) {
    const m = validQuoted.get(art.name);
    if (!m) continue;
    const shifted = [HOT_INSERT, ...art.lines];
    const affected = [...m.entries()].filter(([, cs]) => cs.some((c) => !shifted[c.line - 1].includes(c.quote))).map(([p]) => p);
    const sheetsCiting = [...citedBy.get(art.name)].sort();
    if (affected.length !== m.size || sheetsCiting.some((p) => !m.has(p))) continue;
    if (!hot || sheetsCiting.length > hot.sheets.length) hot = { file: `articles/${art.name}`, insertLine: HOT_INSERT, sheets: sheetsCiting };
  }
  // A line cited validly by the most sheets, for the "index complete" references probe.
  let refProbe = null;
  for (const [name, m] of validQuoted) {
    const byLine = new Map();
    for (const [p, cs] of m) for (const c of cs) byLine.set(c.line, (byLine.get(c.line) ?? new Set()).add(p));
    for (const [line, set] of byLine) {
      if (!refProbe || set.size > refProbe.sheets.length || (set.size === refProbe.sheets.length && `${name}:${line}` < refProbe.key))
        refProbe = { key: `${name}:${line}`, file: `articles/${name}`, line: line - 1, sheets: [...set].sort() };
    }
  }

  const brokenTotal = mainStats.broken.wrongLine + mainStats.broken.missingFile + mainStats.broken.alteredQuote;
  const manifest = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    scale,
    articles: nArticles,
    articleLines: articles.reduce((n, a) => n + a.lines.length, 0),
    sheets,
    notes,
    factsPerSheet: FACTS_PER_SHEET,
    facts: nSheets * FACTS_PER_SHEET,
    citations: { ...mainStats, brokenTotal, brokenPercent: Math.round((1000 * brokenTotal) / mainStats.citations) / 10 },
    bytes: { articles: articleBytes, sheets: sheetBytes, notes: noteBytes, big: big.bytes },
    big: { path: bigRel, facts: bigFacts, citations: stats.citations - mainStats.citations, quotePositions: big.probes.quotes, filePositions: big.probes.files },
    hotArticle: hot,
    refProbe: refProbe && { file: refProbe.file, line: refProbe.line, sheets: refProbe.sheets },
    brokenSpans,
    citedBy: Object.fromEntries([...citedBy.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v].sort()])),
  };
  manifest.hash = hashTree(outDir);
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  return manifest;
}

/**
 * Independent check of a generated workspace with `yaml`: every sheet parses, and the citations that
 * fail a plain exact check (missing file, line out of range, quote not on the cited lines) are exactly
 * the broken ones the manifest counts. Returns a list of problems (empty = fine).
 */
export async function verify(outDir) {
  const { parse } = await import('yaml');
  const m = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
  const problems = [];
  const cache = new Map();
  const linesOf = (name) => {
    if (!cache.has(name)) {
      const p = join(outDir, 'articles', name);
      cache.set(name, existsSync(p) ? readFileSync(p, 'utf8').replace(/^\uFEFF/, '').replace(/\r?\n$/, '').split(/\r\n|\n/) : null);
    }
    return cache.get(name);
  };
  let citations = 0;
  let broken = 0;
  for (const rel of [...m.sheets, m.big.path]) {
    let doc;
    try {
      doc = parse(readFileSync(join(outDir, rel), 'utf8'));
    } catch (e) {
      problems.push(`${rel}: ${e.message}`);
      continue;
    }
    if (doc.sources !== '../articles' || !Array.isArray(doc.facts)) problems.push(`${rel}: bad top level`);
    for (const fact of doc.facts ?? []) {
      if (typeof fact.claim !== 'string') problems.push(`${rel}: claim not a string: ${JSON.stringify(fact.claim)}`);
      for (const c of Array.isArray(fact.cite) ? fact.cite : [fact.cite]) {
        if (rel !== m.big.path) citations++;
        let file, line, quote;
        if (typeof c === 'string') [, file, line] = /^(.*):(\d+(?:-\d+)?)$/.exec(c) ?? [];
        else ({ file, line, quote } = c);
        const [start, end = start] = String(line).split('-').map(Number);
        const lines = linesOf(file);
        const ok = lines && start >= 1 && end <= lines.length && (quote === undefined || lines.slice(start - 1, end).join(' ').includes(quote));
        if (!ok && rel !== m.big.path) broken++;
      }
    }
  }
  if (citations !== m.citations.citations) problems.push(`citations: parsed ${citations}, manifest says ${m.citations.citations}`);
  if (broken !== m.citations.brokenTotal) problems.push(`broken: found ${broken}, manifest says ${m.citations.brokenTotal}`);
  const hash = hashTree(outDir, new Set(['manifest.json']));
  if (hash !== m.hash) problems.push(`files changed since generation (hash ${hash} != ${m.hash})`);
  return problems;
}

export function describe(m) {
  const mb = (b) => (b / 1e6).toFixed(1) + ' MB';
  const c = m.citations;
  return [
    `workspace: ${m.articles} articles (${m.articleLines} lines, ${mb(m.bytes.articles)}), ${m.sheets.length} sheets (${mb(m.bytes.sheets)}), ` +
      `${m.facts} facts, ${c.citations} citations (${c.compact} compact, ${c.ranges} ranges), ` +
      `${c.brokenTotal} broken = ${c.brokenPercent}% (wrong line ${c.broken.wrongLine}, missing file ${c.broken.missingFile}, altered quote ${c.broken.alteredQuote}); ` +
      `markdown notes ${mb(m.bytes.notes)}; big sheet ${m.big.facts} facts / ${m.big.citations} citations (${mb(m.bytes.big)})`,
    `sha256 ${m.hash}`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgsOrExit(process.argv.slice(2), {
    out: { default: DEFAULT_WORKSPACE },
    scale: { type: 'number', default: 1 },
    seed: { type: 'number', default: 20240605 },
    verify: { type: 'boolean', default: false },
  });
  if (args.verify) {
    const problems = await verify(resolve(args.out));
    for (const p of problems.slice(0, 20)) console.error(p);
    console.log(problems.length ? `verify: ${problems.length} problem(s)` : 'verify: ok');
    process.exit(problems.length ? 1 : 0);
  }
  const t0 = performance.now();
  const m = generate({ outDir: resolve(args.out), scale: args.scale, seed: args.seed });
  console.log(describe(m));
  console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(2)} s into ${resolve(args.out)}`);
}
