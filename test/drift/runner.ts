/**
 * Runs drift cases through the real command line (`check --format json`,
 * then `fix`) in a temporary workspace, and judges every citation against
 * its right answer.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { runCli } from '../helpers/cli';
import { KINDS, generateCase, validate, type Citation, type Cls, type DriftCase, type Expected, type Kind } from './generate';
import { hash32 } from './random';
import { normalize } from './text';

interface JsonPosition {
  readonly line: number;
  readonly character: number;
}
interface JsonDiagnostic {
  readonly file: string;
  readonly range: { readonly start: JsonPosition; readonly end: JsonPosition };
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly fixes: readonly { readonly title: string; readonly preferred?: boolean }[];
}

/** A citation as a sheet holds it, with where it is. */
interface SheetCitation {
  readonly file?: string;
  readonly line?: string;
  readonly quote?: string;
  readonly compact: boolean;
  /** 0-based sheet lines the citation's node covers. */
  readonly first: number;
  readonly last: number;
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The sheet's citations in order, and the sheet with every citation value masked (to see what else fix changed). */
function readSheet(text: string): { citations: SheetCitation[]; masked: string } {
  const doc = parseDocument(text, { keepSourceTokens: true });
  const out: SheetCitation[] = [];
  const masks: Array<[number, number]> = [];
  const facts = doc.get('facts', true);
  if (!isSeq(facts)) return { citations: out, masked: text };
  for (const fact of facts.items) {
    if (!isMap(fact)) continue;
    const cite = fact.get('cite', true) as Node | undefined;
    const items: unknown[] = isSeq(cite) ? cite.items : cite ? [cite] : [];
    for (const item of items) {
      const node = item as Node;
      const range = node.range ?? [0, 0, 0];
      const first = lineOf(text, range[0]);
      const last = lineOf(text, Math.max(range[0], range[1] - 1));
      if (isScalar(node)) {
        const value = String(node.value);
        const colon = value.lastIndexOf(':');
        out.push({ file: value.slice(0, colon), line: value.slice(colon + 1), compact: true, first, last });
        masks.push([range[0], range[1]]);
      } else if (isMap(node)) {
        const get = (key: string): string | undefined => {
          const v = node.get(key, true);
          if (!isScalar(v)) return undefined;
          if (v.range) masks.push([v.range[0], v.range[1]]);
          return v.value === null || v.value === undefined ? undefined : String(v.value);
        };
        out.push({ file: get('file'), line: get('line'), quote: get('quote'), compact: false, first, last });
      }
    }
  }
  let masked = '';
  let at = 0;
  for (const [s, e] of masks.sort((a, b) => a[0] - b[0])) {
    masked += `${text.slice(at, s)}\u0000`;
    at = e;
  }
  return { citations: out, masked: masked + text.slice(at) };
}

export type Verdict = 'correct' | 'WRONG' | 'abstained' | 'missed' | 'false alarm';

export interface CitationResult {
  readonly kind: Kind;
  readonly seed: number;
  readonly variant: string;
  readonly citation: Citation;
  readonly expected: Expected;
  /** Diagnostics of `check` on this citation. */
  readonly diagnostics: readonly JsonDiagnostic[];
  /** The citation after `fix`, when the sheet still has it. */
  readonly after?: SheetCitation;
  readonly changed: boolean;
  readonly verdicts: readonly Verdict[];
}

export interface CaseResult {
  readonly kind: Kind;
  readonly seed: number;
  readonly variant: string;
  readonly citations: readonly CitationResult[];
  /** Fix changed the sheet outside the citations' values. */
  readonly stray: boolean;
  /** Diagnostics on no citation, by code (fact-level ones such as single-source). */
  readonly elsewhere: readonly string[];
  readonly ms: number;
}

export const HAS_GIT: boolean = spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=x', '-c', 'user.email=x@x', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: 'ignore',
  });
}

function writeArticles(dir: string, files: DriftCase['files']): void {
  for (const name of fs.readdirSync(dir)) if (name !== '.git') fs.rmSync(path.join(dir, name), { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.text);
}

function sameQuote(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined ? a === b : normalize(a) === normalize(b);
}

function judge(c: Citation, e: Expected, flagged: readonly JsonDiagnostic[], after: SheetCitation | undefined): { changed: boolean; verdicts: Verdict[] } {
  const changed = after === undefined || after.compact !== (c.form === 'compact') || after.file !== c.file || after.line !== c.line || after.quote !== c.quote;
  const verdicts: Verdict[] = [];
  if (e.outcome === 'clean') {
    if (changed) verdicts.push('WRONG');
    if (flagged.length > 0) verdicts.push('false alarm');
    if (verdicts.length === 0) verdicts.push('correct');
  } else if (e.outcome === 'repair') {
    const right =
      after !== undefined && after.compact === (c.form === 'compact') && after.file === e.file && after.line === e.line && sameQuote(after.quote, e.quote);
    verdicts.push(right ? 'correct' : changed ? 'WRONG' : 'abstained');
  } else {
    verdicts.push(changed ? 'WRONG' : flagged.some((d) => d.severity === 'error') ? 'correct' : 'missed');
  }
  return { changed, verdicts };
}

export interface RunOptions {
  /** Keep the workspace and return its path. */
  readonly keep?: boolean;
}

/** Runs one case through check and fix. */
export async function runCase(dc: DriftCase, options: RunOptions = {}): Promise<CaseResult & { workspace?: string }> {
  const problems = validate(dc);
  if (problems.length > 0) throw new Error(`drift suite: case ${dc.kind} ${dc.seed} has wrong answers:\n  ${problems.join('\n  ')}`);
  const started = performance.now();
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'fact-notes-drift-'));
  try {
    const articles = path.join(ws, 'articles');
    fs.mkdirSync(articles);
    if (dc.gitBase) {
      writeArticles(articles, dc.gitBase);
      git(articles, 'init', '-q');
      git(articles, 'add', '-A');
      git(articles, 'commit', '-q', '-m', 'the articles as cited');
    }
    writeArticles(articles, dc.files);
    const sheetPath = path.join(ws, 'case.facts.yaml');
    fs.writeFileSync(sheetPath, dc.sheet);

    const checked = await runCli(['check', '--format', 'json', '--root', ws], ws);
    if (checked.status === 2) throw new Error(`check failed: ${checked.stderr}`);
    const diagnostics = (JSON.parse(checked.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    const fixed = await runCli(['fix', '--root', ws], ws);
    if (fixed.status === 2) throw new Error(`fix failed: ${fixed.stderr}`);

    const before = readSheet(dc.sheet);
    const after = readSheet(fs.readFileSync(sheetPath, 'utf8'));
    if (before.citations.length !== dc.citations.length) throw new Error('drift suite: the generated sheet does not parse as generated');
    const used = new Set<JsonDiagnostic>();
    const citations = dc.citations.map((c, i): CitationResult => {
      const span = before.citations[i];
      const flagged = diagnostics.filter((d) => d.range.start.line >= span.first && d.range.start.line <= span.last);
      for (const d of flagged) used.add(d);
      const a = after.citations.length === dc.citations.length ? after.citations[i] : undefined;
      const { changed, verdicts } = judge(c, dc.expected[i], flagged, a);
      return { kind: dc.kind, seed: dc.seed, variant: dc.variant, citation: c, expected: dc.expected[i], diagnostics: flagged, after: a, changed, verdicts };
    });
    return {
      kind: dc.kind,
      seed: dc.seed,
      variant: dc.variant,
      citations,
      stray: before.masked !== after.masked,
      elsewhere: diagnostics.filter((d) => !used.has(d)).map((d) => `${d.code} (${d.severity})`),
      ms: performance.now() - started,
      workspace: options.keep ? ws : undefined,
    };
  } finally {
    if (!options.keep) fs.rmSync(ws, { recursive: true, force: true });
  }
}

/** The seed of case `n` of `kind` in a run seeded `seed`. */
export function caseSeed(seed: number, kind: Kind, n: number): number {
  return hash32(`${seed}:${kind}:${n}`);
}

export interface SuiteOptions {
  readonly seed: number;
  readonly cases: number;
  readonly kinds?: readonly Kind[];
}

export interface SuiteResult {
  readonly options: SuiteOptions;
  readonly cases: readonly CaseResult[];
  /** Kinds left out, with why. */
  readonly skipped: ReadonlyMap<Kind, string>;
  readonly ms: number;
}

export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  const cases: CaseResult[] = [];
  const skipped = new Map<Kind, string>();
  for (const kind of options.kinds ?? KINDS) {
    if (kind === 'copy-edit in git' && !HAS_GIT) {
      skipped.set(kind, 'git is not on PATH');
      continue;
    }
    for (let n = 0; n < options.cases; n++) cases.push(await runCase(generateCase(kind, caseSeed(options.seed, kind, n))));
  }
  return { options, cases, skipped, ms: performance.now() - started };
}

// ---------------------------------------------------------------------------
// Figures and targets

export interface Row {
  readonly cases: number;
  /** Citations the edit reached: expected repair or abstain, or touched. */
  readonly citations: number;
  /** Of those expected to be flagged (repair, abstain): how many were, and out of how many. */
  readonly detected: number;
  readonly flaggable: number;
  readonly correct: number;
  /** Over all citations: fix changed it to something that is not the right answer. */
  readonly wrong: number;
  readonly abstained: number;
  /** Abstentions expected but not reported as errors. */
  readonly missed: number;
  /** Clean citations (touched or not) that were flagged. */
  readonly falseAlarms: number;
  readonly stray: number;
}

const REACHED = (r: CitationResult): boolean => r.expected.cls !== 'untouched';

export function row(cases: readonly CaseResult[], filter: (r: CitationResult) => boolean = () => true): Row {
  const all = cases.flatMap((c) => c.citations).filter(filter);
  const reached = all.filter(REACHED);
  const flaggable = reached.filter((r) => r.expected.outcome !== 'clean');
  const has = (r: CitationResult, v: Verdict): boolean => r.verdicts.includes(v);
  return {
    cases: new Set(cases.filter((c) => c.citations.some(filter)).map((c) => `${c.kind}/${c.seed}`)).size,
    citations: reached.length,
    detected: flaggable.filter((r) => r.diagnostics.length > 0).length,
    flaggable: flaggable.length,
    correct: reached.filter((r) => has(r, 'correct')).length,
    wrong: all.filter((r) => has(r, 'WRONG')).length,
    abstained: all.filter((r) => has(r, 'abstained')).length,
    missed: all.filter((r) => has(r, 'missed')).length,
    falseAlarms: all.filter((r) => has(r, 'false alarm')).length,
    stray: cases.filter((c) => c.stray && c.citations.some(filter)).length,
  };
}

export const CLASSES: readonly Cls[] = ['moved', 'renamed', 'touched', 'spelling', 'substantive', 'lost', 'ambiguous'];

export const CLASS_NAMES: Record<Cls, string> = {
  untouched: 'untouched (stay clean)',
  touched: 'typography, in place (stay clean)',
  moved: 'moved or rewrapped (repair line)',
  renamed: 'renamed file (repair file)',
  spelling: 'spelling-level (repair quote)',
  substantive: 'substantive (error, no fix)',
  lost: 'deleted or rewritten (error, no fix)',
  ambiguous: 'two places hold it (error, no fix)',
};

export interface Target {
  readonly name: string;
  readonly met: boolean;
  readonly detail: string;
}

function pct(n: number, d: number): string {
  return d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`;
}

/** The issue's targets, over the given cases. */
export function targets(cases: readonly CaseResult[]): Target[] {
  const cls = (c: Cls): Row => row(cases, (r) => r.expected.cls === c);
  const out: Target[] = [];
  const exact = (name: string, rs: Row): void => {
    out.push({ name, met: rs.correct === rs.citations, detail: `${rs.correct}/${rs.citations} (${pct(rs.correct, rs.citations)})` });
  };
  const drift = row(cases, (r) => r.expected.cls === 'moved' || r.expected.cls === 'renamed' || r.expected.cls === 'touched');
  exact('every line drift, rewrap, typography change and rename verified or repaired correctly', drift);
  const sp = cls('spelling');
  out.push({
    name: 'at least 95% of spelling-level copy-edits get the correct preferred fix',
    met: sp.citations === 0 || sp.correct >= 0.95 * sp.citations,
    detail: `${sp.correct}/${sp.citations} (${pct(sp.correct, sp.citations)})`,
  });
  exact('every substantive change is an error with no preferred fix', cls('substantive'));
  exact('every deleted, rewritten or ambiguous passage is an error left alone', row(cases, (r) => r.expected.cls === 'lost' || r.expected.cls === 'ambiguous'));
  const all = row(cases);
  out.push({ name: 'zero wrong preferred fixes', met: all.wrong === 0, detail: `${all.wrong}` });
  out.push({ name: 'no false alarms', met: all.falseAlarms === 0, detail: `${all.falseAlarms}` });
  out.push({ name: 'fix changes nothing but its preferred edits', met: all.stray === 0, detail: `${all.stray} sheet(s) changed elsewhere` });
  return out;
}

// ---------------------------------------------------------------------------
// The report

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: readonly string[]): string => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

function cells(name: string, r: Row): string[] {
  return [
    name,
    `${r.cases}`,
    `${r.citations}`,
    r.flaggable === 0 ? '-' : `${r.detected}/${r.flaggable}`,
    `${r.correct} (${pct(r.correct, r.citations)})`,
    `${r.wrong}`,
    `${r.abstained}`,
    `${r.missed}`,
    `${r.falseAlarms}`,
    `${r.stray}`,
  ];
}

const HEADER = ['kind', 'cases', 'citations', 'detected', 'correct', 'WRONG', 'abstained', 'missed', 'false alarms', 'stray'];

function describe(c: Citation): string {
  if (c.form === 'compact') return `${c.file}:${c.line}`;
  return `${c.file} line ${c.line} "${c.quote}"`;
}

function describeAfter(a: CitationResult['after']): string {
  if (!a) return '(citation missing after fix)';
  if (a.compact) return `${a.file}:${a.line}`;
  return `${a.file} line ${a.line}${a.quote === undefined ? '' : ` "${a.quote}"`}`;
}

function describeExpected(r: CitationResult): string {
  const e = r.expected;
  if (e.outcome === 'clean') return 'clean, unchanged';
  if (e.outcome === 'abstain') return `error, left unchanged (${e.cls})`;
  return r.citation.form === 'compact' ? `${e.file}:${e.line}` : `${e.file} line ${e.line} "${e.quote}"`;
}

function detail(r: CitationResult): string {
  const diags = r.diagnostics.map((d) => `      ${d.severity} ${d.code}: ${d.message}${d.fixes.some((f) => f.preferred) ? ` [preferred: ${d.fixes.find((f) => f.preferred)!.title}]` : ''}`);
  return [
    `  - ${r.kind}, case seed ${r.seed} (${r.variant})`,
    `    citation: ${describe(r.citation)}`,
    `    expected: ${describeExpected(r)}`,
    `    got:      ${r.changed ? describeAfter(r.after) : 'unchanged'}`,
    ...(diags.length > 0 ? ['    diagnostics:', ...diags] : ['    diagnostics: none']),
  ].join('\n');
}

export function report(s: SuiteResult, show = 5): string {
  const kinds = KINDS.filter((k) => s.cases.some((c) => c.kind === k));
  const byKind = kinds.map((k) => cells(k, row(s.cases.filter((c) => c.kind === k))));
  const total = cells('total', row(s.cases));
  const byClass = CLASSES.map((c) => cells(CLASS_NAMES[c], row(s.cases, (r) => r.expected.cls === c))).filter((r) => r[2] !== '0');
  const untouched = row(s.cases, (r) => r.expected.cls === 'untouched');
  const elsewhere = new Map<string, number>();
  for (const c of s.cases) for (const d of c.elsewhere) elsewhere.set(d, (elsewhere.get(d) ?? 0) + 1);
  const all = s.cases.flatMap((c) => c.citations);
  const lines = [
    `Drift suite: seed ${s.options.seed}, ${s.options.cases} case(s) per kind, ${s.cases.length} cases, ${all.length} citations, ${(s.ms / 1000).toFixed(1)} s`,
    '',
    table(HEADER, [...byKind, total]),
    '',
    'By right answer:',
    table(['right answer', ...HEADER.slice(1)], byClass),
    '',
    `Citations the edit did not reach: ${all.filter((r) => r.expected.cls === 'untouched').length}; false alarms among them ${untouched.falseAlarms}, changed by fix ${untouched.wrong}.`,
    'Columns: citations = the citations the edit reached; detected = flagged (any severity) of those that should be;',
    'correct = repaired exactly right, or reported as an error and left alone, or (typography) clean and untouched;',
    'WRONG = fix changed it and not to the right answer; abstained = a repair was expected and fix left it alone;',
    'missed = an abstention expected but no error reported; false alarms = clean citations flagged; stray = sheets fix changed outside the citations.',
  ];
  for (const [kind, why] of s.skipped) lines.push(`Skipped: ${kind} (${why}).`);
  if (elsewhere.size > 0) {
    lines.push(`Diagnostics on no citation (not judged): ${[...elsewhere].map(([d, n]) => `${d} x${n}`).join(', ')}.`);
  }
  lines.push('', 'Targets:');
  for (const t of targets(s.cases)) lines.push(`  [${t.met ? 'met' : 'MISSED'}] ${t.name}: ${t.detail}`);
  const sections: Array<[string, (r: CitationResult) => boolean]> = [
    ['WRONG preferred fixes', (r) => r.verdicts.includes('WRONG')],
    ['False alarms', (r) => r.verdicts.includes('false alarm')],
    ['Unneeded abstentions', (r) => r.verdicts.includes('abstained')],
    ['Missed errors', (r) => r.verdicts.includes('missed')],
  ];
  for (const [title, f] of sections) {
    const hits = all.filter(f);
    if (hits.length === 0) continue;
    // The first few of each kind, so that one kind does not hide the others.
    const shown: CitationResult[] = [];
    for (const k of kinds) shown.push(...hits.filter((r) => r.kind === k).slice(0, show));
    lines.push('', `${title} (${hits.length}; up to ${show} per kind):`, ...shown.map(detail));
  }
  const stray = s.cases.filter((c) => c.stray);
  if (stray.length > 0) lines.push('', `Sheets fix changed outside the citations (${stray.length}):`, ...stray.slice(0, show).map((c) => `  - ${c.kind}, case seed ${c.seed}`));
  return `${lines.join('\n')}\n`;
}
