/**
 * Seeded generators of drift cases: a workspace made from the five sample
 * articles, a sheet of citations taken verbatim from them, one edit of the
 * case's kind, and the right answer for every citation of the sheet.
 *
 * Every citation remembers where its words came from (original line, word
 * range), and every line of an edited article remembers which original line
 * (and which of its words) it holds, so the right answer is worked out from
 * the edit itself, not by searching the edited text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/core';
import { Rng, hash32 } from './random';
import {
  editDistance,
  insertAfterToken,
  normalize,
  occurrences,
  removeToken,
  replaceToken,
  setGap,
  splitWord,
  tokens,
} from './text';

export const KINDS = [
  'line drift',
  'rewrap',
  'typography',
  'spelling copy-edit',
  'substantive copy-edit',
  'deleted with lookalike',
  'duplicate',
  'rewrite',
  'rename',
  'copy-edit in git',
] as const;
export type Kind = (typeof KINDS)[number];

/** Words `[w0, w1)` of original line `line` (1-based) of the article. */
export interface Part {
  readonly line: number;
  readonly w0: number;
  readonly w1: number;
}

export type Form = 'single' | 'range' | 'elided' | 'compact';

export interface Citation {
  readonly fact: number;
  readonly form: Form;
  /** Index of the cited article in the originals. */
  readonly article: number;
  readonly file: string;
  /** As written: "N" or "N-M". */
  readonly line: string;
  readonly quote?: string;
  readonly parts: readonly Part[];
}

/**
 * What a citation's right answer is about, for the targets:
 * `untouched` and `touched` (the edit reached its words, typography only)
 * must stay clean; `moved` and `renamed` must be repaired (quote unchanged);
 * `spelling` must be repaired with the source's new words; `substantive`,
 * `lost` (deleted, rewritten) and `ambiguous` (two places hold it) must be
 * errors that fix leaves alone.
 */
export type Cls = 'untouched' | 'touched' | 'moved' | 'renamed' | 'spelling' | 'substantive' | 'lost' | 'ambiguous';

export interface Expected {
  readonly outcome: 'clean' | 'repair' | 'abstain';
  readonly cls: Cls;
  /** For a repair: the citation after fix. */
  readonly file?: string;
  readonly line?: string;
  readonly quote?: string;
}

export interface FileOut {
  readonly name: string;
  readonly text: string;
}

export interface DriftCase {
  readonly kind: Kind;
  readonly seed: number;
  /** What the generator did, for the report ("inserted 2 paragraphs above line 9 of 002 ..."). */
  readonly variant: string;
  readonly sheet: string;
  readonly citations: readonly Citation[];
  readonly expected: readonly Expected[];
  /** The articles folder after the edit. */
  readonly files: readonly FileOut[];
  /** For `copy-edit in git`: the articles as committed before the edit. */
  readonly gitBase?: readonly FileOut[];
}

// ---------------------------------------------------------------------------
// The original articles

interface Original {
  readonly name: string;
  readonly lines: readonly string[];
  readonly words: readonly (readonly string[])[];
  readonly trailingNewline: boolean;
  /** Paragraphs separated by blank lines (all but 004, which has one paragraph a line). */
  readonly blankSeparated: boolean;
  readonly text: string;
}

let originals: Original[] | undefined;
let corpus: string[] = [];

export function loadOriginals(): readonly Original[] {
  if (originals) return originals;
  const dir = path.join(REPO_ROOT, 'samples', 'articles');
  originals = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const trailingNewline = text.endsWith('\n');
      const lines = (trailingNewline ? text.slice(0, -1) : text).split('\n');
      return { name, lines, words: lines.map(tokens), trailingNewline, blankSeparated: lines.some((l) => l === ''), text };
    });
  corpus = originals.map((o) => normalize(o.lines.join(' ')));
  return originals;
}

/** How many times normalized `text` occurs in the five articles together. */
function corpusCount(text: string): number {
  const n = normalize(text);
  return corpus.reduce((sum, c) => sum + occurrences(c, n), 0);
}

// ---------------------------------------------------------------------------
// Edited articles: every line knows which original words it holds

interface ALine {
  text: string;
  /** The original line (1-based) this line comes from; none for new text. */
  readonly orig?: number;
  /** For a piece of a rewrapped line: its first word's index in the original line, and how many words. */
  readonly w0?: number;
  readonly n?: number;
}

class Work {
  name: string;
  lines: ALine[];
  removed = false;
  readonly extra: FileOut[] = [];

  constructor(
    readonly index: number,
    readonly original: Original,
  ) {
    this.name = original.name;
    this.lines = original.lines.map((text, i) => ({ text, orig: i + 1 }));
  }

  get text(): string {
    return this.lines.map((l) => l.text).join('\n') + (this.original.trailingNewline ? '\n' : '');
  }

  /** The current index (0-based) of the line holding word `w` of original line `line`, or -1. */
  locate(line: number, w: number): number {
    return this.lines.findIndex(
      (l) => l.orig === line && (l.w0 === undefined || (w >= l.w0 && w < l.w0 + (l.n ?? 0))),
    );
  }

  /** The current index of original line `line` (its first piece), or -1. */
  indexOf(line: number): number {
    return this.lines.findIndex((l) => l.orig === line);
  }

  isParagraphStart(i: number): boolean {
    if (i >= this.lines.length || this.lines[i].text === '') return false;
    return !this.original.blankSeparated || i === 0 || this.lines[i - 1].text === '';
  }

  /** Where paragraphs can be inserted without splitting any of `spans` (current line indices, inclusive). */
  insertionPoints(spans: readonly (readonly [number, number])[]): number[] {
    const out: number[] = [];
    for (let i = 0; i <= this.lines.length; i++) {
      if (i < this.lines.length && !this.isParagraphStart(i)) continue;
      if (spans.some(([s, e]) => s < i && i <= e)) continue;
      out.push(i);
    }
    return out;
  }

  /** Inserts new paragraphs before line index `at` (or at the end), with their blank lines. */
  insert(at: number, paragraphs: readonly string[], orig?: number): void {
    const add: ALine[] = [];
    const atEnd = at >= this.lines.length;
    for (const p of paragraphs) {
      const line: ALine = { text: p, orig };
      if (!this.original.blankSeparated) add.push(line);
      else if (atEnd) add.push({ text: '' }, line);
      else add.push(line, { text: '' });
    }
    this.lines.splice(at, 0, ...add);
  }

  /** The lines a paragraph removal at line index `i` takes: the line and one blank line next to it. */
  removal(i: number): number[] {
    if (!this.original.blankSeparated) return [i];
    if (i + 1 < this.lines.length && this.lines[i + 1].text === '') return [i, i + 1];
    if (i > 0 && this.lines[i - 1].text === '') return [i - 1, i];
    return [i];
  }

  remove(indices: readonly number[]): void {
    for (const i of [...indices].sort((a, b) => b - a)) this.lines.splice(i, 1);
  }
}

// ---------------------------------------------------------------------------
// Picking quotes

interface Pick {
  readonly form: Form;
  readonly line: string;
  readonly quote?: string;
  readonly parts: readonly Part[];
}

function words(o: Original, p: Part): string {
  return o.words[p.line - 1].slice(p.w0, p.w1).join(' ');
}

function pickQuote(rng: Rng, o: Original, form: Form): Pick | undefined {
  const lines = o.words.map((w, i) => ({ n: i + 1, len: w.length })).filter((l) => l.len > 0);
  for (let attempt = 0; attempt < 40; attempt++) {
    if (form === 'compact') {
      const l = rng.pick(lines);
      return { form, line: `${l.n}`, parts: [{ line: l.n, w0: 0, w1: l.len }] };
    }
    if (form === 'single') {
      const l = rng.pick(lines.filter((x) => x.len >= 6));
      const n = rng.int(6, Math.min(15, l.len));
      const w0 = rng.int(0, l.len - n);
      const part = { line: l.n, w0, w1: w0 + n };
      const quote = words(o, part);
      if (quote.includes('...') || quote.includes('…') || corpusCount(quote) !== 1) continue;
      return { form, line: `${l.n}`, quote, parts: [part] };
    }
    if (form === 'range') {
      const firsts = lines.filter((x) => {
        const next = lines.find((y) => y.n > x.n);
        return x.len >= 3 && next !== undefined && next.n - x.n <= 3 && next.len >= 3;
      });
      if (firsts.length === 0) return undefined;
      const a = rng.pick(firsts);
      const b = lines.find((y) => y.n > a.n)!;
      const k = rng.int(3, Math.min(7, a.len));
      const j = rng.int(3, Math.min(7, b.len));
      const parts = [
        { line: a.n, w0: a.len - k, w1: a.len },
        { line: b.n, w0: 0, w1: j },
      ];
      const quote = `${words(o, parts[0])} ${words(o, parts[1])}`;
      if (quote.includes('...') || quote.includes('…') || corpusCount(quote) !== 1) continue;
      return { form, line: `${a.n}-${b.n}`, quote, parts };
    }
    // elided: "A ... B" on one line, each part found once in the articles
    const l = rng.pick(lines.filter((x) => x.len >= 14));
    const la = rng.int(4, 7);
    const lb = rng.int(4, 7);
    if (la + lb + 2 > l.len) continue;
    const a0 = rng.int(0, l.len - la - lb - 2);
    const b0 = rng.int(a0 + la + 2, l.len - lb);
    const parts = [
      { line: l.n, w0: a0, w1: a0 + la },
      { line: l.n, w0: b0, w1: b0 + lb },
    ];
    const [qa, qb] = parts.map((p) => words(o, p));
    if (`${qa} ${qb}`.includes('...') || `${qa} ${qb}`.includes('…')) continue;
    if (corpusCount(qa) !== 1 || corpusCount(qb) !== 1) continue;
    return { form, line: `${l.n}`, quote: `${qa} ... ${qb}`, parts };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// The sheet

const CLAIMS = [
  'The ministers met on the sidelines of the Arctic Council.',
  'The report describes the talks as the article says.',
  'Both sides acknowledged their differences.',
  'The State Department gave its own account of the talks.',
  'Lavrov described the talks as the report says.',
  'Blinken raised the concerns of the United States.',
  'The article reports what was said about a summit.',
  'The relationship between the countries was described as strained.',
  'The report quotes the statement below.',
  'What the article says about the meeting.',
];

const SECTION_COMMENTS = ['# --- The meeting ---', '# --- What was said ---', '# --- Background ---', '# checked against the articles'];

function yamlScalar(text: string): string {
  const plainOk =
    !/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(text) && !/: |\s#|:$|\t|\s$/.test(text) && !/^(true|false|null|~|\d)/i.test(text);
  return plainOk ? text : JSON.stringify(text);
}

interface SheetSpec {
  readonly target: number;
  readonly targetCount: number;
  /** Forms for the target's citations (weights: single, range, elided, compact). */
  readonly targetForms: readonly [number, number, number, number];
  /** Articles whose citations may be compact (a compact citation is only checked for its line's existence). */
  readonly compactIn: (article: number) => boolean;
}

function pickForm(rng: Rng, weights: readonly [number, number, number, number]): Form {
  const forms: Form[] = ['single', 'range', 'elided', 'compact'];
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rng.float() * total;
  for (let i = 0; i < 4; i++) {
    x -= weights[i];
    if (x < 0) return forms[i];
  }
  return 'single';
}

function buildCitations(rng: Rng, spec: SheetSpec): Omit<Citation, 'fact'>[] {
  const os = loadOriginals();
  const total = rng.int(15, 30);
  const out: Omit<Citation, 'fact'>[] = [];
  const add = (article: number, form: Form): void => {
    const o = os[article];
    const p = pickQuote(rng, o, form) ?? pickQuote(rng, o, 'single');
    if (p) out.push({ article, file: o.name, ...p });
  };
  for (let i = 0; i < spec.targetCount; i++) {
    let form = pickForm(rng, spec.targetForms);
    if (form === 'compact' && !spec.compactIn(spec.target)) form = 'single';
    add(spec.target, form);
  }
  const others = os.map((_, i) => i).filter((i) => i !== spec.target);
  while (out.length < total) {
    const a = rng.pick(others);
    let form = pickForm(rng, [0.55, 0.15, 0.15, 0.15]);
    if (form === 'compact' && !spec.compactIn(a)) form = 'single';
    add(a, form);
  }
  return rng.shuffle(out);
}

function renderSheet(rng: Rng, title: string, cits: Omit<Citation, 'fact'>[]): { sheet: string; citations: Citation[] } {
  const lines = [`# ${title}`, '# Generated by the drift suite (test/drift); claims are placeholders.', '', 'title: Drift case', 'sources: articles', '', 'facts:'];
  const citations: Citation[] = [];
  let fact = 0;
  for (let i = 0; i < cits.length; ) {
    const size = Math.min(cits.length - i, rng.chance(0.6) ? 1 : rng.chance(0.75) ? 2 : 3);
    if (rng.chance(0.2)) lines.push(`  ${rng.pick(SECTION_COMMENTS)}`);
    lines.push(`  - id: fact-${String.fromCharCode(97 + (fact % 26))}${Math.floor(fact / 26) || ''}`);
    lines.push(`    claim: ${rng.pick(CLAIMS)}${rng.chance(0.2) ? '   # to be confirmed' : ''}`);
    if (rng.chance(0.3)) lines.push('    tags: [drift]');
    lines.push('    cite:');
    for (const c of cits.slice(i, i + size)) {
      citations.push({ ...c, fact });
      if (c.form === 'compact') {
        lines.push(`      - ${c.file}:${c.line}`);
        continue;
      }
      lines.push(`      - file: ${c.file}`);
      lines.push(`        line: ${c.form === 'range' ? `"${c.line}"` : c.line}`);
      lines.push(`        quote: ${yamlScalar(c.quote!)}`);
    }
    i += size;
    fact++;
  }
  return { sheet: `${lines.join('\n')}\n`, citations };
}

// ---------------------------------------------------------------------------
// Words to edit with

const NEGATIONS = new Set(['not', 'no', 'never', 'nor', 'neither', 'none', 'nothing', 'nobody', 'without']);
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, thousand: 1000, million: 1e6,
};
const AUXILIARIES = new Set(['is', 'was', 'were', 'did', 'does', 'will', 'would', 'could', 'can', 'has', 'have', 'had', 'are', 'should']);
const BRITISH: Record<string, string> = {
  color: 'colour', favor: 'favour', behavior: 'behaviour', center: 'centre', defense: 'defence', program: 'programme',
  labor: 'labour', honor: 'honour', analyze: 'analyse', traveled: 'travelled', neighbor: 'neighbour', gray: 'grey',
  colour: 'color', favour: 'favor', behaviour: 'behavior', centre: 'center', defence: 'defense', programme: 'program',
};
const OPPOSITES: Record<string, string> = {
  imposed: 'lifted', lifted: 'imposed', agreed: 'refused', concern: 'hope', increased: 'reduced', increasing: 'reducing',
  constructive: 'hostile', ready: 'reluctant', stable: 'volatile', first: 'last', expelled: 'welcomed',
  differences: 'similarities', tense: 'calm', aggressively: 'peacefully', deep: 'slight', strategic: 'economic',
  confirm: 'deny', discussed: 'ignored', warned: 'assured', avoid: 'encourage', cooperate: 'compete', good: 'bad',
  great: 'minor', stressed: 'downplayed', predictable: 'erratic', sanctions: 'tariffs', meeting: 'dinner',
  talks: 'quarrels', concerned: 'delighted', opponent: 'ally', military: 'civilian', possible: 'unlikely',
  completely: 'slightly', differ: 'agree', expected: 'unlikely', ease: 'worsen', release: 'arrest', tensions: 'ties',
};
const NAMES = ['Norway', 'Oslo', 'Helsinki', 'Macron', 'Merkel', 'Ottawa', 'Shoigu', 'Zelensky', 'Brussels', 'Denmark', 'Geneva', 'Canada', 'Sweden', 'Tokyo'];
const NOT_NAMES = new Set([
  'The', 'This', 'That', 'These', 'According', 'However', 'After', 'Before', 'During', 'Even', 'There', 'They', 'Shortly',
  'Earlier', 'Speaking', 'Addressing', 'Legend', 'While', 'When', 'Then', 'Also', 'What', 'With', 'From', 'Open', 'Close',
  'United', 'State', 'States', 'Department', 'Foreign', 'Minister', 'Ministers', 'Secretary', 'President', 'Council', 'Meeting',
  'Affairs', 'Arctic', 'Complete', 'News', 'World', 'Deputy', 'Ministerial', 'White', 'House', 'Presidents', 'Presidency',
]);
const BANK = [
  'harvest', 'violin', 'glacier', 'pepper', 'tunnel', 'orchard', 'lantern', 'saddle', 'marble', 'ferry', 'walnut', 'canvas',
  'pebble', 'meadow', 'copper', 'thistle', 'kettle', 'harbor', 'quilt', 'bramble', 'falcon', 'ember', 'ribbon', 'cobalt',
];
const PARAGRAPHS = [
  'Update: This article was updated on Thursday with comment from both delegations.',
  'Editor’s note: An earlier version of this report gave the wrong venue for the talks.',
  'Read more: Arctic Council hands its chairmanship over for the next two years',
  'Photo: The ministers shake hands before the start of their talks.',
  'Advertisement',
  '(Reporting by the foreign desk; editing by the night staff)',
  'The talks were held behind closed doors in the Icelandic capital, officials said.',
  'Subscribe to our newsletter for the latest news from the region.',
  'Correction: A previous version of this paragraph misspelled a minister’s name.',
  'Neither side released a transcript of the conversation afterwards.',
  'This is a developing story and will be updated.',
  'Related: What the Arctic Council does and who sits on it',
];

function isNumberWord(core: string): boolean {
  return /\d/.test(core) || Object.hasOwn(NUMBER_WORDS, core.toLowerCase());
}

type SpellingStyle = 'british' | 'letter' | 'case';

/** A spelling-level change of a word (FORMAT 4.1) of the given style, or nothing when the word has none. */
function spellingChange(rng: Rng, token: string, style: SpellingStyle): string | undefined {
  const w = splitWord(token);
  if (!w || isNumberWord(w.core) || NEGATIONS.has(w.core.toLowerCase()) || AUXILIARIES.has(w.core)) return undefined;
  if (!/^[a-z]+$/.test(w.core)) return undefined;
  let core: string | undefined;
  if (style === 'british') {
    if (Object.hasOwn(BRITISH, w.core)) core = BRITISH[w.core];
    else if (/iz(e|es|ed|ing|ation|ations)$/.test(w.core) && w.core.length >= 6) core = w.core.replace(/iz(e|es|ed|ing|ation|ations)$/, 'is$1');
  } else if (style === 'letter') {
    if (w.core.length >= 7) {
      const doubled = /([a-z])\1/.exec(w.core);
      const at = rng.int(1, w.core.length - 2);
      if (doubled && rng.chance(0.7)) core = w.core.slice(0, doubled.index) + w.core.slice(doubled.index + 1);
      else if (!'aeiou'.includes(w.core[at]) && w.core[at] !== w.core[at - 1] && w.core[at] !== w.core[at + 1]) core = w.core.slice(0, at + 1) + w.core.slice(at);
      else core = w.core.slice(0, at) + w.core.slice(at + 1);
    }
  } else if (w.core.length >= 4) core = w.core[0].toUpperCase() + w.core.slice(1);
  return core === undefined ? undefined : w.pre + core + w.post;
}

/** Spelling styles in the order to try them: British/American and letters more often than case. */
function spellingStyles(rng: Rng): SpellingStyle[] {
  const first = rng.float();
  if (first < 0.4) return ['british', 'letter', 'case'];
  if (first < 0.8) return ['letter', 'british', 'case'];
  return ['case', 'letter', 'british'];
}

type Substantive = { op: 'replace'; word: string; what: string } | { op: 'remove'; what: string } | { op: 'insert-not'; what: string };
type SubstantiveStyle = 'number' | 'negation' | 'name' | 'word';

/** A substantive change of a word (FORMAT 4.1) of the given style: a number, a negation, a name, or another word. */
function substantiveChange(rng: Rng, token: string, next: string | undefined, style: SubstantiveStyle): Substantive | undefined {
  const w = splitWord(token);
  if (!w) return undefined;
  const lc = w.core.toLowerCase();
  if (style === 'number') {
    if (/^\d+$/.test(w.core)) {
      const n = Number(w.core);
      const m = w.core.length === 4 && n > 1900 && n < 2100 ? n + rng.pick([-3, -2, -1, 1, 2]) : n + rng.int(1, 9);
      return { op: 'replace', word: w.pre + String(m) + w.post, what: `number ${w.core} → ${m}` };
    }
    if (Object.hasOwn(NUMBER_WORDS, lc)) {
      const m = NUMBER_WORDS[lc] + rng.int(3, 11);
      return { op: 'replace', word: w.pre + String(m) + w.post, what: `number ${w.core} → ${m}` };
    }
    return undefined;
  }
  if (style === 'negation') {
    if ((lc === 'not' || lc === 'no') && w.pre === '' && w.post === '') return { op: 'remove', what: `negation "${w.core}" dropped` };
    if (AUXILIARIES.has(w.core) && w.post === '' && next !== undefined && !NEGATIONS.has(next.toLowerCase())) {
      return { op: 'insert-not', what: `negation "not" added after "${w.core}"` };
    }
    return undefined;
  }
  if (style === 'name') {
    if (!/^[A-Z][a-z]{3,}$/.test(w.core) || NOT_NAMES.has(w.core)) return undefined;
    const name = rng.pick(NAMES.filter((n) => editDistance(n, w.core) > 2));
    return { op: 'replace', word: w.pre + name + w.post, what: `name ${w.core} → ${name}` };
  }
  if (Object.hasOwn(OPPOSITES, w.core)) {
    return { op: 'replace', word: w.pre + OPPOSITES[w.core] + w.post, what: `word ${w.core} → ${OPPOSITES[w.core]}` };
  }
  if (/^[a-z]{5,}$/.test(w.core) && !NEGATIONS.has(w.core) && !AUXILIARIES.has(w.core) && !isNumberWord(w.core)) {
    const other = rng.pick(BANK.filter((b) => editDistance(b, w.core) > Math.max(2, w.core.length / 3)));
    return { op: 'replace', word: w.pre + other + w.post, what: `word ${w.core} → ${other}` };
  }
  return undefined;
}

/** Substantive styles in the order to try them (numbers and negations are rarer in quotes, so tried first often). */
function substantiveStyles(rng: Rng): SubstantiveStyle[] {
  return rng.shuffle<SubstantiveStyle>(['number', 'negation', 'name', 'word']);
}

// ---------------------------------------------------------------------------
// A case under construction

class Builder {
  readonly works: Work[];
  readonly exp: (Expected | undefined)[];
  readonly touched = new Set<number>();
  /** Citations whose quote must become the source's new words (spelling-level copy-edits). */
  readonly respelled = new Set<number>();
  readonly notes: string[] = [];
  gitBase?: FileOut[];

  constructor(
    readonly rng: Rng,
    readonly citations: readonly Citation[],
  ) {
    this.works = loadOriginals().map((o, i) => new Work(i, o));
    this.exp = citations.map(() => undefined);
  }

  of(article: number): number[] {
    return this.citations.map((_, i) => i).filter((i) => this.citations[i].article === article);
  }

  /** Current line span (inclusive indices) of citation `i`. */
  span(i: number): [number, number] {
    const c = this.citations[i];
    const w = this.works[c.article];
    let s = Infinity;
    let e = -Infinity;
    for (const p of c.parts) {
      const a = w.locate(p.line, p.w0);
      const b = w.locate(p.line, p.w1 - 1);
      if (a < 0 || b < 0) throw new Error(`drift generator: citation ${i} lost its line ${p.line}`);
      s = Math.min(s, a);
      e = Math.max(e, b);
    }
    return [s, e];
  }

  /** Spans of the article's citations that still have a right answer to keep (not abstaining). */
  spans(article: number, except: ReadonlySet<number> = new Set()): [number, number][] {
    return this.of(article)
      .filter((i) => !except.has(i) && this.exp[i]?.outcome !== 'abstain')
      .map((i) => this.span(i));
  }

  /** Inserts 1-3 new paragraphs into `article` at a point at or above line index `limit`; false when there is none. */
  driftAbove(article: number, limit: number, except: ReadonlySet<number> = new Set()): boolean {
    const w = this.works[article];
    const points = w.insertionPoints(this.spans(article, except)).filter((p) => p <= limit);
    if (points.length === 0) return false;
    const at = this.rng.pick(points);
    const paras = this.rng.shuffle(PARAGRAPHS).slice(0, this.rng.int(1, 3));
    w.insert(at, paras);
    this.notes.push(`${paras.length} paragraph(s) inserted at line ${at + 1} of ${w.name}`);
    return true;
  }

  /** Cited lines of an article: original line number → citations with a part on it. */
  citedLines(article: number): Map<number, number[]> {
    const m = new Map<number, number[]>();
    for (const i of this.of(article)) {
      for (const p of this.citations[i].parts) {
        const list = m.get(p.line) ?? [];
        if (!list.includes(i)) list.push(i);
        m.set(p.line, list);
      }
    }
    return m;
  }

  /** The citation's quote rebuilt from the current words of its lines (the lines are not rewrapped). */
  currentQuote(i: number): string {
    const c = this.citations[i];
    const w = this.works[c.article];
    const text = c.parts.map((p) => tokens(w.lines[w.indexOf(p.line)].text).slice(p.w0, p.w1).join(' '));
    return text.join(c.form === 'elided' ? ' ... ' : ' ');
  }

  finish(kind: Kind, seed: number, sheet: string): DriftCase {
    const expected = this.citations.map((c, i): Expected => {
      const set = this.exp[i];
      if (set) return set;
      const w = this.works[c.article];
      const [s, e] = this.span(i);
      const line = s === e ? `${s + 1}` : `${s + 1}-${e + 1}`;
      const quote = this.respelled.has(i) ? this.currentQuote(i) : c.quote;
      if (this.respelled.has(i)) return { outcome: 'repair', cls: 'spelling', file: w.name, line, quote };
      if (w.name === c.file && line === c.line) return { outcome: 'clean', cls: this.touched.has(i) ? 'touched' : 'untouched' };
      return { outcome: 'repair', cls: w.name === c.file ? 'moved' : 'renamed', file: w.name, line, quote };
    });
    const files: FileOut[] = [];
    for (const w of this.works) {
      if (!w.removed) files.push({ name: w.name, text: w.text });
      files.push(...w.extra);
    }
    return { kind, seed, variant: this.notes.join('; '), sheet, citations: this.citations, expected, files, gitBase: this.gitBase };
  }
}

// ---------------------------------------------------------------------------
// The edits, one per kind

type Edit = (b: Builder, target: number) => boolean;

function quoted(b: Builder, target: number, forms: readonly Form[] = ['single', 'range', 'elided']): number[] {
  return b.of(target).filter((i) => forms.includes(b.citations[i].form));
}

const lineDrift: Edit = (b, target) => {
  const { rng } = b;
  // A second article is edited only when none of its citations is compact (a compact citation has no quote to follow).
  const seconds = [0, 1, 2, 3, 4].filter((a) => a !== target && b.of(a).every((i) => b.citations[i].form !== 'compact'));
  const edited = [target, ...(seconds.length > 0 && rng.chance(0.4) ? [rng.pick(seconds)] : [])];
  for (const a of edited) {
    const w = b.works[a];
    for (let op = rng.int(1, 3); op > 0; op--) {
      if (rng.chance(0.6)) {
        const points = w.insertionPoints(b.spans(a));
        const at = rng.pick(points);
        const paras = rng.shuffle(PARAGRAPHS).slice(0, rng.int(1, 3));
        w.insert(at, paras);
        b.notes.push(`${paras.length} paragraph(s) inserted at line ${at + 1} of ${w.name}`);
      } else {
        const spans = b.spans(a);
        const candidates = w.lines
          .map((_, i) => i)
          .filter((i) => w.isParagraphStart(i) && !w.removal(i).some((k) => spans.some(([s, e]) => k >= s && k <= e)));
        if (candidates.length === 0) continue;
        const i = rng.pick(candidates);
        b.notes.push(`paragraph at line ${i + 1} of ${w.name} removed`);
        w.remove(w.removal(i));
      }
    }
  }
  // At least one citation must have moved.
  const moved = b.of(target).some((i) => {
    const [s, e] = b.span(i);
    const c = b.citations[i];
    return (s === e ? `${s + 1}` : `${s + 1}-${e + 1}`) !== c.line;
  });
  if (!moved) {
    const first = Math.min(...b.spans(target).map(([s]) => s));
    if (!b.driftAbove(target, first)) return false;
  }
  return true;
};

const rewrap: Edit = (b, target) => {
  const { rng } = b;
  const w = b.works[target];
  const cited = b.citedLines(target);
  const long = [...cited.keys()].filter((n) => w.original.lines[n - 1].length > 90);
  if (long.length === 0) return false;
  const withElided = long.filter((n) => cited.get(n)!.some((i) => b.citations[i].form === 'elided'));
  const chosen = new Set(rng.shuffle(long).slice(0, rng.int(1, 3)));
  if (withElided.length > 0 && rng.chance(0.6)) chosen.add(rng.pick(withElided));
  const width = rng.int(60, 80);
  for (const n of chosen) {
    const i = w.indexOf(n);
    const ws = tokens(w.lines[i].text);
    const pieces: ALine[] = [];
    let start = 0;
    let cur = '';
    ws.forEach((word, k) => {
      if (cur !== '' && cur.length + 1 + word.length > width) {
        pieces.push({ text: cur, orig: n, w0: start, n: k - start });
        start = k;
        cur = word;
      } else cur = cur === '' ? word : `${cur} ${word}`;
    });
    pieces.push({ text: cur, orig: n, w0: start, n: ws.length - start });
    w.lines.splice(i, 1, ...pieces);
    for (const c of cited.get(n)!) b.touched.add(c);
  }
  b.notes.push(`lines ${[...chosen].sort((x, y) => x - y).join(', ')} of ${w.name} rewrapped at ${width} columns`);
  return true;
};

const typography: Edit = (b, target) => {
  const { rng } = b;
  const w = b.works[target];
  const hasGlyph = (i: number): boolean =>
    b.citations[i].parts.some((p) => /['"\u2018\u2019\u201c\u201d]|[\p{L}\p{N}.]-[\p{L}\p{N}]/u.test(words(w.original, p)));
  // Passages with quotes or hyphens first: they are the interesting ones.
  const all = rng.shuffle(quoted(b, target));
  const chosen = [...all.filter(hasGlyph), ...all.filter((i) => !hasGlyph(i))].slice(0, rng.int(1, 3));
  if (chosen.length === 0) return false;
  const done: string[] = [];
  for (const i of chosen) {
    const c = b.citations[i];
    for (let t = rng.int(1, 2); t > 0; t--) {
      const p = rng.pick(c.parts);
      const line = w.lines[w.indexOf(p.line)];
      const ws = tokens(line.text);
      const glyphs: Array<() => string> = [];
      const spaces: Array<() => string> = [];
      for (let k = p.w0; k < p.w1; k++) {
        const tok = ws[k];
        if (/['"]/.test(tok)) {
          glyphs.push(() => {
            const curly = tok.replace(/(^|[^\p{L}])"/gu, '$1\u201c').replace(/"/g, '\u201d').replace(/(^|[^\p{L}])'/gu, '$1\u2018').replace(/'/g, '\u2019');
            line.text = replaceToken(line.text, k, curly);
            return 'straight → curly quotes';
          });
        }
        if (/[\u2018\u2019\u201c\u201d]/.test(tok)) {
          glyphs.push(() => {
            line.text = replaceToken(line.text, k, tok.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"'));
            return 'curly → straight quotes';
          });
        }
        if (/[\p{L}\p{N}.]-[\p{L}\p{N}]/u.test(tok) || tok === '-') {
          glyphs.push(() => {
            line.text = replaceToken(line.text, k, tok.replace('-', '\u2013'));
            return 'hyphen → en dash';
          });
        }
        if (k + 1 < p.w1) {
          spaces.push(() => {
            line.text = setGap(line.text, k, '  ');
            return 'double space';
          });
          spaces.push(() => {
            line.text = setGap(line.text, k, '\u00a0');
            return 'non-breaking space';
          });
        }
      }
      const options = glyphs.length > 0 && (spaces.length === 0 || rng.chance(0.75)) ? glyphs : spaces;
      if (options.length === 0) continue;
      done.push(rng.pick(options)());
    }
    // Every citation on the edited lines saw the edit; all of them must stay clean.
    for (const p of c.parts) for (const j of b.citedLines(target).get(p.line) ?? []) b.touched.add(j);
  }
  b.notes.push(`typography in ${chosen.length} cited passage(s) of ${w.name}: ${done.join(', ')}`);
  return done.length > 0;
};

/** Picks a target citation, a word in it and a change; applies it; returns the target, or undefined. */
function copyEdit(
  b: Builder,
  target: number,
  change: (token: string, next: string | undefined) => Substantive | undefined,
  forms: readonly Form[],
  needAnchorBelow: boolean,
  avoidElided: boolean,
): { i: number; line: number; affected: number[]; what: string } | undefined {
  const { rng } = b;
  const w = b.works[target];
  for (const i of rng.shuffle(quoted(b, target, forms))) {
    const c = b.citations[i];
    const last = Math.max(...c.parts.map((p) => p.line));
    if (needAnchorBelow) {
      const anchor = quoted(b, target).some((j) => j !== i && Math.min(...b.citations[j].parts.map((p) => p.line)) > last);
      if (!anchor) continue;
    }
    const p = rng.pick(c.parts);
    const li = w.indexOf(p.line);
    const ws = tokens(w.lines[li].text);
    for (const k of rng.shuffle(Array.from({ length: p.w1 - p.w0 }, (_, x) => p.w0 + x))) {
      const ch = change(ws[k], ws[k + 1]);
      if (!ch) continue;
      if (ch.op === 'insert-not' && k + 1 >= p.w1) continue;
      // The citations of this line whose words the change reaches.
      const affected = b.of(target).filter((j) =>
        b.citations[j].parts.some((q) => q.line === p.line && (ch.op === 'insert-not' ? q.w0 <= k && k + 1 < q.w1 : q.w0 <= k && k < q.w1)),
      );
      // A spelling-level change must not reach an elided quote (what its right quote would be is not clear-cut).
      if (avoidElided && affected.some((j) => b.citations[j].form === 'elided')) continue;
      const line = w.lines[li];
      if (ch.op === 'replace') line.text = replaceToken(line.text, k, ch.word);
      else if (ch.op === 'remove') line.text = removeToken(line.text, k);
      else line.text = insertAfterToken(line.text, k, 'not');
      return { i, line: p.line, affected, what: ch.what };
    }
  }
  return undefined;
}

/** A spelling-level copy-edit of a quoted word of the target article, of the first style that some quote allows. */
function respell(b: Builder, target: number, needAnchorBelow: boolean): ReturnType<typeof copyEdit> {
  for (const style of spellingStyles(b.rng)) {
    const r = copyEdit(
      b,
      target,
      (tok) => {
        const word = spellingChange(b.rng, tok, style);
        return word === undefined ? undefined : { op: 'replace', word, what: `"${tok}" → "${word}"` };
      },
      ['single', 'range'],
      needAnchorBelow,
      true,
    );
    if (r) return r;
  }
  return undefined;
}

function spellingEdit(b: Builder, target: number, drift: boolean): boolean {
  const r = respell(b, target, drift);
  if (!r) return false;
  for (const j of r.affected) b.respelled.add(j);
  b.notes.push(`spelling-level edit on line ${r.line} of ${b.works[target].name}: ${r.what}`);
  if (drift) {
    const [s] = b.span(r.i);
    if (!b.driftAbove(target, s)) return false;
  }
  return true;
}

const spelling: Edit = (b, target) => spellingEdit(b, target, b.rng.chance(0.5));

const substantive: Edit = (b, target) => {
  let r: ReturnType<typeof copyEdit>;
  for (const style of substantiveStyles(b.rng)) {
    r = copyEdit(b, target, (tok, next) => substantiveChange(b.rng, tok, next, style), ['single', 'range', 'elided'], false, false);
    if (r) break;
  }
  if (!r) return false;
  for (const j of r.affected) b.exp[j] = { outcome: 'abstain', cls: 'substantive' };
  b.notes.push(`substantive edit on line ${r.line} of ${b.works[target].name}: ${r.what}`);
  if (b.rng.chance(0.5)) {
    const [s] = b.span(r.i);
    if (!b.driftAbove(target, s)) return false;
  }
  return true;
};

/** Units (non-empty lines) of the article, by current index. */
function units(w: Work): number[] {
  return w.lines.map((_, i) => i).filter((i) => w.lines[i].text !== '');
}

const deletedWithLookalike: Edit = (b, target) => {
  const { rng } = b;
  const w = b.works[target];
  const cited = b.citedLines(target);
  const spelling = rng.chance(0.5);
  for (const n of rng.shuffle([...cited.keys()])) {
    const on = cited.get(n)!;
    if (on.some((i) => b.citations[i].form === 'range' || b.citations[i].form === 'compact')) continue;
    // The lookalike: the paragraph with each citation's words altered once.
    const ws = [...tokens(w.original.lines[n - 1])];
    const altered = new Set<number>();
    let ok = true;
    for (const i of on) {
      const windows = b.citations[i].parts.flatMap((p) => Array.from({ length: p.w1 - p.w0 }, (_, x) => p.w0 + x));
      if (windows.some((k) => altered.has(k))) continue;
      const style = rng.pick<SubstantiveStyle>(['number', 'name', 'word']);
      const change = (x: number): string | undefined => {
        if (spelling) return spellingChange(rng, ws[x], 'letter');
        const ch = substantiveChange(rng, ws[x], undefined, style) ?? substantiveChange(rng, ws[x], undefined, 'word');
        return ch?.op === 'replace' ? ch.word : undefined;
      };
      let changed: string | undefined;
      const k = rng.shuffle(windows).find((x) => (changed = change(x)) !== undefined);
      if (k === undefined || changed === undefined) {
        ok = false;
        break;
      }
      ws[k] = changed;
      altered.add(k);
    }
    if (!ok) continue;
    const us = units(w);
    const from = us.indexOf(w.indexOf(n));
    const others = new Set(b.spans(target, new Set(on)).flatMap(([s, e]) => us.filter((u) => u >= s && u <= e)));
    const points = w.insertionPoints(b.spans(target, new Set(on))).filter((p) => {
      const to = p >= w.lines.length ? us.length : us.indexOf(p);
      const between = to > from ? us.slice(from + 1, to) : us.slice(to, from);
      return between.length >= 3 && between.some((u) => others.has(u));
    });
    if (points.length === 0) continue;
    const at = rng.pick(points);
    w.insert(at, [ws.join(' ')]);
    const li = w.indexOf(n);
    const removal = w.removal(li);
    const keep = b.spans(target, new Set(on));
    if (removal.some((k) => keep.some(([s, e]) => k >= s && k <= e))) return false;
    w.remove(removal);
    for (const i of on) b.exp[i] = { outcome: 'abstain', cls: 'lost' };
    b.notes.push(
      `line ${n} of ${w.name} deleted; a lookalike with ${spelling ? 'a one-letter spelling change' : 'a substantive change'} inserted at line ${at + 1}`,
    );
    return true;
  }
  return false;
};

const duplicate: Edit = (b, target) => {
  const { rng } = b;
  const w = b.works[target];
  const cited = b.citedLines(target);
  const variant = rng.pick(['below', 'above', 'below, lines inserted above'] as const);
  for (const n of rng.shuffle([...cited.keys()])) {
    const whole = cited.get(n)!.filter((i) => b.citations[i].parts.every((p) => p.line === n) && b.citations[i].form !== 'compact');
    if (whole.length === 0) continue;
    const li = w.indexOf(n);
    const points = w.insertionPoints(b.spans(target)).filter((p) => (variant === 'above' ? p < li : p > li + 1));
    if (points.length === 0) continue;
    const at = rng.pick(points);
    w.insert(at, [w.lines[li].text]);
    b.notes.push(`line ${n} of ${w.name} pasted again at line ${at + 1} (${variant})`);
    if (variant === 'below, lines inserted above' && !b.driftAbove(target, w.indexOf(n))) return false;
    const moved = w.indexOf(n) !== n - 1;
    for (const i of whole) {
      if (moved) b.exp[i] = { outcome: 'abstain', cls: 'ambiguous' };
      else b.touched.add(i);
    }
    return true;
  }
  return false;
};

const rewrite: Edit = (b, target) => {
  const { rng } = b;
  const w = b.works[target];
  const cited = b.citedLines(target);
  const lines = [...cited.keys()].filter((x) => cited.get(x)!.some((i) => b.citations[i].form !== 'compact'));
  if (lines.length === 0) return false;
  const n = rng.pick(lines);
  const li = w.indexOf(n);
  const line = w.lines[li];
  const ws = tokens(line.text);
  const parity = rng.int(0, 1);
  for (let k = parity; k < ws.length; k += 2) {
    let word = rng.pick(BANK);
    while (word === ws[k]) word = rng.pick(BANK);
    line.text = replaceToken(line.text, k, word);
  }
  for (const i of cited.get(n)!) b.exp[i] = { outcome: 'abstain', cls: 'lost' };
  b.notes.push(`line ${n} of ${w.name} rewritten (every other word replaced)`);
  if (rng.chance(0.5) && !b.driftAbove(target, w.indexOf(n))) return false;
  return true;
};

const SLUGS = ['reuters-tass', 'srf-news', 'afp-interfax', 'agi-report', 'wire-copy', 'yle-finnish', 'final-edit', 'translated'];

const rename: Edit = (b, target) => {
  const { rng } = b;
  const w = b.works[target];
  const old = w.name;
  const [s1, s2] = rng.shuffle(SLUGS);
  const variant = rng.pick(['unrelated name', 'decoy sibling', 'two copies'] as const);
  w.name = `${old.slice(0, 3)}_${s1}.txt`;
  if (variant === 'decoy sibling') {
    const hex = '0123456789abcdef';
    let decoy = old;
    while (decoy === old) {
      for (let e = rng.int(1, 2); e > 0; e--) {
        const at = rng.int(4, old.length - 5);
        decoy = decoy.slice(0, at) + rng.pick([...hex].filter((h) => h !== decoy[at])) + decoy.slice(at + 1);
      }
    }
    const other = rng.pick(loadOriginals().filter((o) => o.name !== old));
    w.extra.push({ name: decoy, text: other.text });
    b.notes.push(`${old} renamed to ${w.name}; ${decoy} holds the text of ${other.name}`);
  } else if (variant === 'two copies') {
    const second = `${old.slice(0, 3)}_${s2}.txt`;
    w.extra.push({ name: second, text: w.text });
    for (const i of b.of(target)) b.exp[i] = { outcome: 'abstain', cls: 'ambiguous' };
    b.notes.push(`${old} copied to ${w.name} and ${second}, and removed`);
  } else b.notes.push(`${old} renamed to ${w.name}`);
  // A citation without a quote follows the sheet's quoted citations of the same file (FORMAT.md 4.2);
  // with none, nothing but the name is left to go on, and a name is no evidence.
  const cited = b.of(target);
  if (variant !== 'two copies' && cited.every((i) => b.citations[i].form === 'compact')) {
    for (const i of cited) b.exp[i] = { outcome: 'abstain', cls: 'lost' };
    b.notes.push('no quoted citation of it in the sheet');
  }
  return true;
};

const copyEditInGit: Edit = (b, target) => {
  b.gitBase = loadOriginals().map((o) => ({ name: o.name, text: o.text }));
  const r = respell(b, target, false);
  if (!r) return false;
  for (const j of r.affected) b.respelled.add(j);
  b.notes.push(`spelling-level edit on line ${r.line} of ${b.works[target].name} (committed in git before): ${r.what}`);
  return b.driftAbove(target, b.span(r.i)[0]);
};

interface KindSpec {
  readonly edit: Edit;
  readonly targetCount: [number, number];
  readonly targetForms: [number, number, number, number];
  /** Whether the edited article may have compact citations. */
  readonly compactInTarget: boolean;
}

const SPECS: Record<Kind, KindSpec> = {
  'line drift': { edit: lineDrift, targetCount: [4, 7], targetForms: [0.55, 0.25, 0.2, 0], compactInTarget: false },
  rewrap: { edit: rewrap, targetCount: [4, 7], targetForms: [0.45, 0.2, 0.35, 0], compactInTarget: false },
  typography: { edit: typography, targetCount: [4, 7], targetForms: [0.55, 0.25, 0.2, 0], compactInTarget: false },
  'spelling copy-edit': { edit: spelling, targetCount: [4, 7], targetForms: [0.6, 0.25, 0.15, 0], compactInTarget: false },
  'substantive copy-edit': { edit: substantive, targetCount: [4, 7], targetForms: [0.6, 0.2, 0.2, 0], compactInTarget: false },
  'deleted with lookalike': { edit: deletedWithLookalike, targetCount: [5, 8], targetForms: [0.6, 0.2, 0.2, 0], compactInTarget: false },
  duplicate: { edit: duplicate, targetCount: [4, 7], targetForms: [0.6, 0.2, 0.2, 0], compactInTarget: false },
  rewrite: { edit: rewrite, targetCount: [4, 7], targetForms: [0.55, 0.25, 0.2, 0], compactInTarget: false },
  rename: { edit: rename, targetCount: [3, 6], targetForms: [0.5, 0.15, 0.15, 0.2], compactInTarget: true },
  'copy-edit in git': { edit: copyEditInGit, targetCount: [1, 1], targetForms: [0.75, 0.25, 0, 0], compactInTarget: false },
};

/** The case `seed` of `kind`: the same workspace, sheet and answers on every run. */
export function generateCase(kind: Kind, seed: number): DriftCase {
  const spec = SPECS[kind];
  for (let attempt = 0; attempt < 100; attempt++) {
    const rng = new Rng(hash32(`${kind}/${seed}/${attempt}`));
    const target = rng.int(0, loadOriginals().length - 1);
    const cits = buildCitations(rng, {
      target,
      targetCount: rng.int(...spec.targetCount),
      targetForms: spec.targetForms,
      compactIn: (a) => a !== target || spec.compactInTarget,
    });
    const { sheet, citations } = renderSheet(rng, `Drift case: ${kind}, seed ${seed}.`, cits);
    const b = new Builder(rng, citations);
    if (!spec.edit(b, target)) continue;
    return b.finish(kind, seed, sheet);
  }
  throw new Error(`drift generator: no ${kind} case for seed ${seed}`);
}

// ---------------------------------------------------------------------------
// Checking the right answers against the edited text

/** Whether normalized `parts` appear in order in `text`. */
function inOrder(text: string, parts: readonly string[]): boolean {
  let at = 0;
  for (const p of parts) {
    const i = text.indexOf(normalize(p), at);
    if (i < 0) return false;
    at = i + normalize(p).length;
  }
  return true;
}

/**
 * What is wrong with a case's right answers, read against the edited files
 * (an empty list when nothing is): a repair's quote must be on exactly the
 * lines it names and, when not respelled, nowhere else in the folder; a
 * clean citation's quote must still be on its lines; a lost or respelled
 * quote must be nowhere; an ambiguous one in two places or more.
 */
export function validate(dc: DriftCase): string[] {
  const problems: string[] = [];
  const files = new Map(dc.files.map((f) => [f.name, (f.text.endsWith('\n') ? f.text.slice(0, -1) : f.text).split('\n')]));
  const folder = [...files.values()].map((ls) => normalize(ls.join(' ')));
  const count = (q: string): number => folder.reduce((n, t) => n + occurrences(t, normalize(q)), 0);
  const on = (file: string, line: string, quote: string | undefined): boolean | undefined => {
    const ls = files.get(file);
    const [s, e = s] = line.split('-').map(Number);
    if (!ls || !(s >= 1 && s <= e && e <= ls.length)) return undefined;
    return quote === undefined || inOrder(normalize(ls.slice(s - 1, e).join(' ')), quote.split(' ... '));
  };
  dc.citations.forEach((c, i) => {
    const e = dc.expected[i];
    const where = `citation ${i} (${c.file}:${c.line})`;
    const elided = c.form === 'elided';
    if (e.outcome === 'clean') {
      if (!on(c.file, c.line, c.quote)) problems.push(`${where}: clean, but its quote is not on its lines`);
    } else if (e.outcome === 'repair') {
      if (!on(e.file!, e.line!, e.quote)) problems.push(`${where}: the repair ${e.file}:${e.line} does not hold "${e.quote}"`);
      const [s, end = s] = e.line!.split('-').map(Number);
      if (end > s && (on(e.file!, `${s + 1}-${end}`, e.quote) || on(e.file!, `${s}-${end - 1}`, e.quote))) {
        problems.push(`${where}: the repair ${e.file}:${e.line} is wider than the quote`);
      }
      if (e.quote !== undefined && !elided && count(e.quote) !== 1) problems.push(`${where}: the repaired quote is in ${count(e.quote)} places`);
      if (e.cls === 'spelling' && count(c.quote!) !== 0) problems.push(`${where}: the respelled quote is still in the folder as it was`);
    } else if (c.quote !== undefined && on(c.file, c.line, c.quote)) {
      problems.push(`${where}: ${e.cls}, but its quote is still on its lines`);
    } else if (!elided && c.quote !== undefined) {
      const n = count(c.quote);
      if (e.cls === 'ambiguous' ? n < 2 : n !== 0) problems.push(`${where}: ${e.cls}, but the quote is in ${n} place(s)`);
    }
  });
  return problems;
}
