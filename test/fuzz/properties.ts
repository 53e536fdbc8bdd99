/**
 * Issue 11: the hostile suite's properties of the core, with fast-check.
 *
 * A case is a fact sheet (a mutation of a sample sheet, or a small sheet
 * built at random) and the articles it cites (the samples, some mutated, a
 * few as raw bytes). Each property checks one case in-process, through
 * `checkSheet` with a `SourceStore` on a real temporary workspace, and
 * answers the problems it found, each of one kind, so that the mocha slice
 * can fail on the first and `npm run fuzz` can count them all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { DEFAULT_OPTIONS, REPO_ROOT, SheetChecker, SourceStore, applyFixes, checkSheet, nodeFileSystem, parseSheet, preferredFixes, type CheckOptions, type FactDiagnostic, type Fix, type Span } from '../helpers/core';
import { TempWorkspace } from '../helpers/workspace';

// ---------------------------------------------------------------------------
// Inputs

const SAMPLES = path.join(REPO_ROOT, 'samples');
const ARTICLE_NAMES = fs.readdirSync(path.join(SAMPLES, 'articles')).filter((n) => n.endsWith('.txt')).sort();
const ARTICLES: Readonly<Record<string, string>> = Object.fromEntries(ARTICLE_NAMES.map((n) => [n, fs.readFileSync(path.join(SAMPLES, 'articles', n), 'utf8')]));
const SHEETS = ['reykjavik.facts.yaml', 'broken.facts.yaml'].map((n) => fs.readFileSync(path.join(SAMPLES, n), 'utf8'));

/** Characters that unsettle offsets: astral (two UTF-16 units), combining marks, ligatures, invisible ones, a lone surrogate. */
const AWKWARD = ['😀', '𝄞', '👩‍👩‍👧', 'e\u0301', 'a\u0308\u0323', 'ﬁ', '\u00a0', '\u200b', '\ufeff', '\u2028', '\u0085', '\t', '`', '\ud83d', 'İ', 'ß', '“', '—'];

/** Fragments of YAML that parsers trip over. */
const TORTURE = [
  '"', "'", '"unclosed', "'unclosed", ': ', ':', '- ', '\n  - ', '\n- ', '#', ' # c', '[', ']', '{', '}', '[a, b', '{a: 1, b', '[]', '{}',
  '\t', '\n\t', '&a ', '*a', '*missing', '&a [1, 2]', '<<: *a', '!!str ', '!tag ', '? ', '|', '>', '|-\n  x', '>+\n', '---\n', '...\n', '%YAML 1.2\n',
  '[['.repeat(60), '{a: '.repeat(40), '- '.repeat(50), '\n' + '  '.repeat(60) + 'x: 1', '\r', '\r\n', '\n', '\n\n', '\u0000', '\\', '\\u00', '"\\x', '@', '%',
  'line: 0', 'line: -1', 'line: 999999999999', 'line: 2-1', 'line: 1.5', 'line: [1, 2]', 'quote: ...', 'quote: " … "', 'file: /etc/passwd', 'file: ../../x',
  'file: articles', 'file: "a\\nb"', 'cite: a.txt:1', 'cite: []', 'id: dup', 'claim:', 'facts:', 'facts: []', 'sources: ..', 'sources: /', '~', 'null', '0x1F', '1e400',
];

export interface Article {
  readonly name: string;
  /** Text (written as UTF-8), or raw bytes. */
  readonly content: string | Uint8Array;
}

export interface FuzzCase {
  readonly sheet: string;
  /** Articles that differ from the samples for this case. */
  readonly articles: readonly Article[];
}

type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace'; at: number; length: number; text: string }
  | { op: 'deleteLine'; at: number }
  | { op: 'duplicateLine'; at: number }
  | { op: 'swapLines'; at: number; with: number }
  | { op: 'insertLine'; at: number; text: string };

const position = fc.nat({ max: 1 << 20 });

function mutationArb(fragment: fc.Arbitrary<string>): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, text: fragment }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 20 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), at: position, length: fc.integer({ min: 1, max: 4 }), text: fragment }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteLine' as const), at: position }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), at: position }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('swapLines' as const), at: position, with: position }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('insertLine' as const), at: position, text: fragment }) },
  );
}

function mutate(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.length);
    default: {
      const lines = text.split('\n');
      const i = m.at % lines.length;
      if (m.op === 'deleteLine') lines.splice(i, 1);
      else if (m.op === 'duplicateLine') lines.splice(i, 0, lines[i]);
      else if (m.op === 'insertLine') lines.splice(i, 0, m.text);
      else {
        const j = m.with % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      return lines.join('\n');
    }
  }
}

type LineEnds = 'lf' | 'crlf' | 'cr' | 'mixed';

function withLineEnds(text: string, ends: LineEnds): string {
  if (ends === 'lf') return text;
  if (ends === 'crlf') return text.replace(/\r?\n/g, '\r\n');
  if (ends === 'cr') return text.replace(/\r?\n/g, '\r');
  let i = 0;
  return text.replace(/\n/g, () => ['\n', '\r\n', '\r'][i++ % 3]);
}

const lineEndsArb: fc.Arbitrary<LineEnds> = fc.oneof({ weight: 6, arbitrary: fc.constant('lf' as const) }, { weight: 2, arbitrary: fc.constant('crlf' as const) }, fc.constant('cr' as const), fc.constant('mixed' as const));

/** Random characters: any code point (astral included), awkward ones, YAML fragments. */
const fragmentArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TORTURE) },
  { weight: 2, arbitrary: fc.constantFrom(...AWKWARD) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);

/** A sample sheet after random edits, with any line ends and maybe a BOM. */
const mutatedSampleArb: fc.Arbitrary<string> = fc
  .record({ base: fc.constantFrom(...SHEETS), mutations: fc.array(mutationArb(fragmentArb), { minLength: 0, maxLength: 6 }), ends: lineEndsArb, bom: fc.boolean() })
  .map(({ base, mutations, ends, bom }) => (bom ? '\ufeff' : '') + withLineEnds(mutations.reduce(mutate, base), ends));

/** A scalar written in one of YAML's styles. */
function scalar(value: string, style: number, indent: string): string {
  switch (style) {
    case 0:
      return value;
    case 1:
      return JSON.stringify(value);
    case 2:
      return `'${value.replace(/'/g, "''")}'`;
    case 3:
      return `|\n${indent}  ${value}`;
    default:
      return `>-\n${indent}  ${value}`;
  }
}

const words = fc.array(fc.oneof(fc.constantFrom('the', 'talks', 'lasted', 'one', 'hour', 'Lavrov', 'Blinken', '45', 'not', 'Reykjavik'), fc.constantFrom(...AWKWARD)), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

/** A quote taken from an article's line (exactly, cut, or retyped), or made up. */
const quoteArb: fc.Arbitrary<{ file: string; line: string; quote: string }> = fc
  .record({ file: fc.constantFrom(...ARTICLE_NAMES, 'missing.txt', '../outside.txt', '/etc/hostname'), line: fc.integer({ min: -1, max: 60 }), range: fc.nat({ max: 3 }), from: fc.nat(), length: fc.integer({ min: 0, max: 120 }), made: fc.option(words, { freq: 4 }), edit: fc.option(fc.tuple(position, fragmentArb), { freq: 3 }) })
  .map(({ file, line, range, from, length, made, edit }) => {
    const lines = (ARTICLES[file] ?? '').split('\n');
    const text = lines[Math.max(0, line - 1) % Math.max(1, lines.length)] ?? '';
    let quote = made ?? text.slice(from % (text.length + 1), (from % (text.length + 1)) + length);
    if (edit) quote = mutate(quote, { op: 'insert', at: edit[0], text: edit[1] });
    return { file, line: range === 0 ? `${line}-${line + 1}` : String(line), quote };
  });

/** A small sheet written from random facts, in random YAML styles. */
const builtSheetArb: fc.Arbitrary<string> = fc
  .record({
    title: fc.option(words),
    facts: fc.array(fc.record({ id: fc.option(fc.constantFrom('a', 'b', 'dup', 'c😀')), claim: words, cites: fc.array(fc.tuple(quoteArb, fc.nat({ max: 4 }), fc.nat({ max: 2 })), { maxLength: 3 }) }), { maxLength: 5 }),
    ends: lineEndsArb,
    mutations: fc.array(mutationArb(fragmentArb), { maxLength: 2 }),
  })
  .map(({ title, facts, ends, mutations }) => {
    const out: string[] = [];
    if (title !== null) out.push(`title: ${JSON.stringify(title)}`);
    out.push('sources: articles', 'facts:');
    for (const f of facts) {
      out.push(`  - claim: ${JSON.stringify(f.claim)}`);
      if (f.id !== null) out.push(`    id: ${f.id}`);
      if (f.cites.length > 0) out.push('    cite:');
      for (const [c, style, form] of f.cites) {
        if (form === 0) out.push(`      - {file: ${JSON.stringify(c.file)}, line: ${c.line}, quote: ${JSON.stringify(c.quote)}}`);
        else if (form === 1 && c.quote === '') out.push(`      - ${c.file}:${c.line}`);
        else out.push(`      - file: ${c.file}`, `        line: ${c.line}`, `        quote: ${scalar(c.quote, style, '        ')}`);
      }
    }
    return withLineEnds(mutations.reduce(mutate, out.join('\n') + '\n'), ends);
  });

export const sheetArb: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: mutatedSampleArb }, { weight: 2, arbitrary: builtSheetArb });

/** An article after random edits: awkward characters, line ends, a BOM; now and then raw bytes. */
const articleArb: fc.Arbitrary<Article> = fc
  .record({
    name: fc.constantFrom(...ARTICLE_NAMES),
    mutations: fc.array(mutationArb(fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ unit: 'binary', maxLength: 4 }), fc.constantFrom('\r', '\r\n', '\n', '\n\n'))), { maxLength: 8 }),
    ends: lineEndsArb,
    bom: fc.boolean(),
    encoding: fc.oneof({ weight: 8, arbitrary: fc.constant('utf8' as const) }, fc.constant('utf16le' as const), fc.constant('bytes' as const)),
    bytes: fc.uint8Array({ maxLength: 16 }),
  })
  .map(({ name, mutations, ends, bom, encoding, bytes }): Article => {
    const text = (bom ? '\ufeff' : '') + withLineEnds(mutations.reduce(mutate, ARTICLES[name]), ends);
    if (encoding === 'utf16le') return { name, content: Buffer.from(text.startsWith('\ufeff') ? text : '\ufeff' + text, 'utf16le') };
    if (encoding === 'bytes') return { name, content: Buffer.concat([Buffer.from(text, 'utf8'), bytes]) };
    return { name, content: text };
  });

export const caseArb: fc.Arbitrary<FuzzCase> = fc.record({ sheet: sheetArb, articles: fc.uniqueArray(articleArb, { maxLength: 2, selector: (a) => a.name }) });

// ---------------------------------------------------------------------------
// The workspace the cases are checked in

/** One temporary workspace holding the sample articles, with each case's articles written over them. */
export class FuzzWorkspace {
  readonly ws = new TempWorkspace('fact-notes-fuzz-');
  private dirty = new Set<string>();

  constructor() {
    for (const name of ARTICLE_NAMES) this.ws.write(`articles/${name}`, ARTICLES[name]);
  }

  get sheetPath(): string {
    return this.ws.path('notes.facts.yaml');
  }

  /** Puts the case's articles in place (and the samples back where the last case changed them). */
  prepare(c: FuzzCase): void {
    const now = new Set(c.articles.map((a) => a.name));
    for (const name of this.dirty) if (!now.has(name)) this.ws.write(`articles/${name}`, ARTICLES[name]);
    for (const a of c.articles) this.ws.write(`articles/${a.name}`, a.content);
    this.dirty = now;
  }

  /** Writes articles with the given line ends (for the line-end property). */
  writeArticles(c: FuzzCase, ends: 'lf' | 'crlf' | 'cr'): void {
    const given = new Map(c.articles.map((a) => [a.name, a.content]));
    for (const name of ARTICLE_NAMES) {
      const content = given.get(name) ?? ARTICLES[name];
      this.ws.write(`articles/${name}`, typeof content === 'string' ? toEnds(content, ends) : content);
    }
    this.dirty = new Set(ARTICLE_NAMES);
  }

  /** The diagnostics of `text`; with `reference: true`, computed without any shortcut. */
  check(text: string, options: CheckOptions = DEFAULT_OPTIONS): readonly FactDiagnostic[] {
    const store = new SourceStore(nodeFileSystem, this.ws.root, options.maxSourceBytes, { reference: options.reference });
    return checkSheet(this.sheetPath, text, store, options).diagnostics;
  }

  /**
   * The diagnostics of `text` from a checker that keeps results (as the
   * server's does), checking each of `texts` before it: facts whose text did
   * not change are moved, not checked again.
   */
  checkAfter(texts: readonly string[], text: string): readonly FactDiagnostic[] {
    const checker = new SheetChecker(new SourceStore(nodeFileSystem, this.ws.root, DEFAULT_OPTIONS.maxSourceBytes, { readAhead: false, retainChars: 1_000_000 }), DEFAULT_OPTIONS);
    for (const t of texts) checker.check(this.sheetPath, t);
    return checker.check(this.sheetPath, text).diagnostics;
  }

  dispose(): void {
    this.ws.dispose();
  }
}

// ---------------------------------------------------------------------------
// Properties

/** `malformed`: a range or edit not inside the text or not on a character boundary; `failure`: any other broken promise. */
export type ProblemKind = 'malformed' | 'failure';

export interface Problem {
  readonly kind: ProblemKind;
  readonly detail: string;
}

export interface Property {
  readonly name: string;
  readonly description: string;
  /** The problems of one case; throwing is a crash of the checker. */
  run(fw: FuzzWorkspace, c: FuzzCase): Problem[];
}

/** Why an offset is not a place a range may start or end, or undefined. */
function badOffset(text: string, at: number): string | undefined {
  if (!Number.isInteger(at) || at < 0 || at > text.length) return `${at} is outside the text (length ${text.length})`;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  if (before === 13 && after === 10) return `${at} is between CR and LF`;
  if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) return `${at} is inside a surrogate pair`;
  return undefined;
}

function badSpan(text: string, s: Span): string | undefined {
  if (s.start > s.end) return `${s.start}-${s.end} runs backwards`;
  return badOffset(text, s.start) ?? badOffset(text, s.end);
}

function spanProblems(text: string, diagnostics: readonly FactDiagnostic[]): Problem[] {
  const out: Problem[] = [];
  for (const d of diagnostics) {
    const bad = badSpan(text, d.span);
    if (bad) out.push({ kind: 'malformed', detail: `${d.code} range: ${bad}` });
    for (const f of d.fixes) {
      for (const e of f.edits) {
        const badEdit = badSpan(text, e.span);
        if (badEdit) out.push({ kind: 'malformed', detail: `${d.code} fix "${f.title}" edit: ${badEdit}` });
      }
      const sorted = [...f.edits].sort((a, b) => a.span.start - b.span.start);
      for (let i = 1; i < sorted.length; i++) {
        if (sorted[i].span.start < sorted[i - 1].span.end) out.push({ kind: 'malformed', detail: `${d.code} fix "${f.title}": edits ${sorted[i - 1].span.start}-${sorted[i - 1].span.end} and ${sorted[i].span.start}-${sorted[i].span.end} overlap` });
      }
    }
  }
  return out;
}

/** Characters no message may hold: line breaks and other controls (README, "Ranges and output"). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function messageProblems(diagnostics: readonly FactDiagnostic[], inputHasBacktick: boolean): Problem[] {
  const out: Problem[] = [];
  const lines = (where: string, text: string) => {
    if (CONTROL.test(text)) out.push({ kind: 'failure', detail: `${where} holds a control character: ${JSON.stringify(text)}` });
    // The checker's own words never use backticks; one may appear only as a copy of the user's text.
    if (!inputHasBacktick && text.includes('`')) out.push({ kind: 'failure', detail: `${where} holds a backtick: ${JSON.stringify(text)}` });
  };
  for (const d of diagnostics) {
    lines(`${d.code} message`, d.message);
    for (const f of d.fixes) lines(`${d.code} fix title`, f.title);
    for (const r of d.related ?? []) lines(`${d.code} related message`, r.message);
  }
  return out;
}

function hasYamlError(text: string): boolean {
  return parseSheet(text).diagnostics.some((d) => d.code === 'yaml-syntax');
}

function toEnds(text: string, ends: 'lf' | 'crlf' | 'cr'): string {
  const lf = text.replace(/\r\n?/g, '\n');
  return ends === 'lf' ? lf : lf.replace(/\n/g, ends === 'cr' ? '\r' : '\r\n');
}

/** A diagnostic as comparable across line ends: positions through `map`, line ends in new text as LF. */
function comparable(d: FactDiagnostic, map: (at: number) => number): unknown {
  const span = (s: Span) => [map(s.start), map(s.end)];
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    span: span(d.span),
    fixes: d.fixes.map((f: Fix) => ({ title: f.title, preferred: f.preferred, edits: f.edits.map((e) => ({ span: span(e.span), newText: e.newText.replace(/\r\n/g, '\n') })) })),
  };
}

/** Maps offsets of a CRLF text to those of the same text with LF line ends. */
function crlfToLf(crlf: string): (at: number) => number {
  const before: number[] = [];
  let crs = 0;
  for (let i = 0; i <= crlf.length; i++) {
    before.push(crs);
    if (crlf.charCodeAt(i) === 13 && crlf.charCodeAt(i + 1) === 10) crs++;
  }
  return (at) => at - before[Math.min(Math.max(at, 0), crlf.length)];
}

export const PROPERTIES: readonly Property[] = [
  {
    name: 'ranges',
    description: 'never throws; every range and fix edit inside the text, forwards, on a code point boundary, not between CR and LF; no fix with overlapping edits',
    run(fw, c) {
      fw.prepare(c);
      return spanProblems(c.sheet, fw.check(c.sheet));
    },
  },
  {
    name: 'messages',
    description: 'messages, fix titles and related messages on one line, without control characters, and without backticks of their own',
    run(fw, c) {
      fw.prepare(c);
      const backtick = c.sheet.includes('`') || c.articles.some((a) => typeof a.content !== 'string' || a.content.includes('`'));
      return messageProblems(fw.check(c.sheet), backtick);
    },
  },
  {
    name: 'fixes',
    description: 'every fix applies alone; all preferred fixes apply together; on valid YAML the result is still valid YAML, and checks without throwing',
    run(fw, c) {
      fw.prepare(c);
      const text = c.sheet;
      const diagnostics = fw.check(text);
      const out: Problem[] = spanProblems(text, diagnostics);
      if (out.length > 0) return out;
      const valid = !hasYamlError(text);
      for (const d of diagnostics) {
        for (const f of d.fixes) {
          const alone = applyFixes(text, [f]);
          if (alone.applied.length !== 1) out.push({ kind: 'failure', detail: `${d.code} fix "${f.title}" does not apply alone` });
          else if (valid && hasYamlError(alone.text)) out.push({ kind: 'failure', detail: `${d.code} fix "${f.title}" breaks the YAML: ${JSON.stringify(alone.text)}` });
        }
      }
      const all = applyFixes(text, preferredFixes(diagnostics));
      if (valid && hasYamlError(all.text)) out.push({ kind: 'failure', detail: `the preferred fixes together break the YAML: ${JSON.stringify(all.text)}` });
      out.push(...spanProblems(all.text, fw.check(all.text)));
      return out;
    },
  },
  {
    name: 'line-ends',
    description: 'the sheet or its articles with CRLF or lone CR instead of LF line ends give the same diagnostics and fixes (codes, messages, positions mapped)',
    run(fw, c) {
      const lf = toEnds(c.sheet, 'lf');
      const crlf = toEnds(c.sheet, 'crlf');
      const cr = toEnds(c.sheet, 'cr');
      const toLf = crlfToLf(crlf);
      fw.writeArticles(c, 'lf');
      const base = fw.check(lf);
      const sheetCrlf = fw.check(crlf);
      const sheetCr = fw.check(cr);
      fw.writeArticles(c, 'crlf');
      const articlesCrlf = fw.check(lf);
      fw.writeArticles(c, 'cr');
      const articlesCr = fw.check(lf);
      const out = [...spanProblems(lf, base), ...spanProblems(crlf, sheetCrlf), ...spanProblems(cr, sheetCr), ...spanProblems(lf, articlesCrlf), ...spanProblems(lf, articlesCr)];
      const same = (at: number) => at;
      const want = JSON.stringify(base.map((d) => comparable(d, same)));
      const got: [string, string][] = [
        ['the sheet with CRLF gives', JSON.stringify(sheetCrlf.map((d) => comparable(d, toLf)))],
        ['the sheet with lone CRs gives', JSON.stringify(sheetCr.map((d) => comparable(d, same)))],
        ['the articles with CRLF give', JSON.stringify(articlesCrlf.map((d) => comparable(d, same)))],
        ['the articles with lone CRs give', JSON.stringify(articlesCr.map((d) => comparable(d, same)))],
      ];
      for (const [what, json] of got) if (json !== want) out.push({ kind: 'failure', detail: `${what} ${json}, with LF ${want}` });
      return out;
    },
  },
  {
    name: 'reference',
    description:
      "every shortcut (the sheet read fact by fact, the fact scanner, the fast YAML path, quotes found as written, sources kept as bytes, the renames' word filter, kept results moved after an edit) gives the diagnostics and fixes the plain computation gives; on broken YAML, a syntax error too",
    run(fw, c) {
      fw.prepare(c);
      const same = (at: number) => at;
      const show = (ds: readonly FactDiagnostic[]) => JSON.stringify(ds.map((d) => comparable(d, same)));
      const reference = fw.check(c.sheet, { ...DEFAULT_OPTIONS, reference: true });
      const fast = fw.check(c.sheet);
      // Every fact moved down by a line and back, and the text as it was before a fact was cut.
      const kept = fw.checkAfter([`# an edit\n${c.sheet}`, c.sheet.replace(/\n- [^\n]*\n/, '\n')], c.sheet);
      const out: Problem[] = [];
      if (show(kept) !== show(fast)) out.push({ kind: 'failure', detail: `after edits, a checker that keeps results gives ${show(kept)}, checking afresh ${show(fast)}` });
      // Read fact by fact, a sheet whose YAML is broken still has its other facts checked, where
      // the yaml package's reading of the whole may have lost them: only the verdict must agree.
      const broken = (ds: readonly FactDiagnostic[]) => ds.some((d) => d.code === 'yaml-syntax');
      if (broken(reference)) {
        if (!broken(fast)) out.push({ kind: 'failure', detail: `the yaml package finds the YAML broken, the shortcuts do not: ${show(fast)}` });
      } else if (show(fast) !== show(reference)) {
        out.push({ kind: 'failure', detail: `with every shortcut the sheet gives ${show(fast)}, without ${show(reference)}` });
      }
      return out;
    },
  },
];

/** A case as a short string, for failure messages. */
export function showCase(c: FuzzCase, max = 4000): string {
  const s = JSON.stringify({ sheet: c.sheet, articles: c.articles.map((a) => ({ name: a.name, content: typeof a.content === 'string' ? a.content : `<${a.content.length} bytes>` })) });
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
