/**
 * Does the source support the claim? (FORMAT.md section 5.) Two checks of a
 * fact against what its citations cite, beyond the quotes:
 *
 * - `claim-unsupported`: a number or date in the claim that no cited text
 *   states in any written form ("two" = "2", "May 20" = "20 May", "one hour
 *   and 45 minutes" = 105 minutes). The cited text is every cited line of
 *   every citation, not only the quotes. A fact with a citation that cannot
 *   be read is not checked: its own error says more, and what the missing
 *   text says cannot be known.
 * - `single-source`: every citation of the fact points at one source.
 *
 * Each fact's answer is kept until a source changes, by fact: the checker
 * keeps unchanged facts from one check to the next, so an edit re-checks
 * only the fact it is in.
 */
import type { Fact, ScalarValue } from '../model';
import { quantitiesIn, sameKind, sameQuantity, type Quantity } from '../match/quantities';
import type { SourceStore } from '../sources/sources';
import { DEFAULT_SEVERITY, type FactDiagnostic } from '../types';
import { inTextOrder } from './order';
import type { CitationCheck } from './results';

/** A fact's problems, with offsets relative to its claim's start (facts move as the sheet is edited). */
interface FactAnswer {
  readonly at: number;
  readonly claim: string;
  /** Each citation's source and cited lines, as `path`, first, last, one after another. */
  readonly sources: readonly (string | number)[];
  readonly unsupported: readonly { readonly start: number; readonly end: number; readonly message: string }[];
  readonly single?: string;
}

const answers = new WeakMap<Fact, FactAnswer>();

/** The diagnostics with the claim checks of every fact, in text order. */
export function withClaimChecks(text: string, facts: readonly Fact[], citations: readonly CitationCheck[], diagnostics: readonly FactDiagnostic[], store: SourceStore): readonly FactDiagnostic[] {
  const added: FactDiagnostic[] = [];
  let k = 0;
  for (const fact of facts) {
    const own: CitationCheck[] = [];
    while (k < citations.length && citations[k].fact === fact) own.push(citations[k++]);
    if (!fact.claim || own.length === 0 || own.length !== fact.citations.length) continue;
    const answer = answerFor(fact, fact.claim, own, store);
    if (!answer) continue;
    // Where the claim's value is in the sheet: worked out only for a claim with something to report.
    const base = answer.unsupported.length > 0 ? claimBase(text, fact.claim) : undefined;
    for (const u of answer.unsupported) {
      const span = base !== undefined ? { start: base + u.start, end: base + u.end } : within(text, fact.claim, fact.claim.value.slice(u.start, u.end));
      added.push({ code: 'claim-unsupported', severity: DEFAULT_SEVERITY['claim-unsupported'], span, message: u.message, fixes: [] });
    }
    if (answer.single) added.push({ code: 'single-source', severity: DEFAULT_SEVERITY['single-source'], span: fact.claim.span, message: answer.single, fixes: [] });
  }
  return inTextOrder(diagnostics, added.sort((a, b) => a.span.start - b.span.start));
}

/**
 * Citations whose cited lines are the right ones: verified, or a quote there
 * with a typo. A citation whose quote is elsewhere, or not found, cites lines
 * that may not be the ones meant: its own error comes first.
 */
const RIGHT_LINES = new Set<CitationCheck['status']>(['verified', 'quote-mismatch']);

/**
 * "One report", "the two countries": "one" and "two" written as words are
 * more often a way of speaking than a figure a source must state, so counts
 * are checked when written in digits or as words from "three" up. Durations,
 * money, percentages and dates are checked whatever their value.
 */
function checkable(q: Quantity): boolean {
  return q.kind !== 'count' || /\d/.test(q.text) || q.value >= 3;
}

function answerFor(fact: Fact, claim: ScalarValue, own: readonly CitationCheck[], store: SourceStore): FactAnswer | undefined {
  // Only facts whose every citation's lines can be read, and are the lines meant, are judged.
  if (own.some((c) => !c.sourcePath || !c.lines || !RIGHT_LINES.has(c.status))) return undefined;
  const kept = answers.get(fact);
  if (kept && kept.at === store.now() && kept.claim === claim.value && sameSources(kept.sources, own)) return kept;
  const sources: (string | number)[] = [];
  for (const c of own) sources.push(c.sourcePath!, c.lines!.first, c.lines!.last);
  const single = own.every((c) => c.sourcePath === own[0].sourcePath) ? singleMessage(own[0]) : undefined;
  const claimed = quantitiesIn(claim.value).filter(checkable);
  const unsupported: { start: number; end: number; message: string }[] = [];
  if (claimed.length > 0) {
    const cited: string[] = [];
    for (const c of own) {
      const loaded = store.load(c.sourcePath!);
      if (loaded.kind !== 'loaded') return undefined;
      cited.push(loaded.source.linesText(c.lines!.first, c.lines!.last));
    }
    // Written the same way in a cited line, it is the same number (the usual case, and no parse).
    const open = claimed.filter((q) => !cited.some((t) => containsWord(t, q.text)));
    if (open.length > 0) {
      const stated: Stated[] = [];
      for (const t of cited) for (const q of quantitiesIn(t)) stated.push({ q, after: wordAfter(t, q.end) });
      for (const q of open) {
        if (stated.some((s) => sameQuantity(q, s.q))) continue;
        unsupported.push({ start: q.start, end: q.end, message: unsupportedMessage(q, wordAfter(claim.value, q.end), stated) });
      }
    }
  }
  const answer: FactAnswer = { at: store.now(), claim: claim.value, sources, unsupported, ...(single ? { single } : {}) };
  answers.set(fact, answer);
  return answer;
}

function sameSources(kept: readonly (string | number)[], own: readonly CitationCheck[]): boolean {
  if (kept.length !== own.length * 3) return false;
  return own.every((c, i) => kept[3 * i] === c.sourcePath && kept[3 * i + 1] === c.lines!.first && kept[3 * i + 2] === c.lines!.last);
}

function singleMessage(c: CitationCheck): string {
  const name = c.citation.file?.value ?? 'one source';
  return `Add a second source if there is one: every citation of this fact points at "${name}".`;
}

/** A number the cited text states, and the word after it (what a count counts). */
interface Stated {
  readonly q: Quantity;
  readonly after?: string;
}

/**
 * "The claim says "two hours"; the cited text says "one hour and 45
 * minutes"." What the text says instead is named when it is a number of the
 * same kind: a duration for a duration, a date for a date, and for a count a
 * count of the same thing (the same word after it: "ten diplomats", "eight
 * diplomats").
 */
function unsupportedMessage(q: Quantity, counted: string | undefined, stated: readonly Stated[]): string {
  const instead = stated.filter((s) => sameKind(q, s.q) && (q.kind !== 'count' || (counted !== undefined && s.after === counted)));
  const said = [...new Set(instead.map((s) => s.q.text.replace(/\s+/g, ' ')))];
  if (said.length === 0) return `The claim says "${q.text}", which the cited text does not say in any form.`;
  const listed = said.slice(0, 3).map((s) => `"${s}"`);
  const joined = listed.length === 1 ? listed[0] : `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]}`;
  return `The claim says "${q.text}"; the cited text says ${joined}.`;
}

/** Whether `words` occur in `text` as whole words ("5" is not in "15" nor in "5.5"). */
function containsWord(text: string, words: string): boolean {
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
    const before = text[at - 1];
    const after = text[at + words.length];
    const decimal = (before === '.' || before === ',') && isWordChar(text[at - 2]);
    const continued = (after === '.' || after === ',') && /\d/.test(text[at + words.length + 1] ?? '');
    if (!isWordChar(before) && !isWordChar(after) && !decimal && !continued) return true;
  }
  return false;
}

function wordAfter(text: string, end: number): string | undefined {
  return /^\s*([\p{L}]+)/u.exec(text.slice(end, end + 40))?.[1]?.toLowerCase();
}

/** Where `words` are written in the claim (a folded or escaped claim is not its value character for character), else the whole claim. */
function within(text: string, claim: ScalarValue, words: string): { start: number; end: number } {
  const raw = text.slice(claim.span.start, claim.span.end);
  const at = raw.indexOf(words);
  return at >= 0 && raw.indexOf(words, at + 1) < 0 ? { start: claim.span.start + at, end: claim.span.start + at + words.length } : claim.span;
}

/** The sheet offset of the claim's value, when its text is written as it reads (plain, or quoted without escapes). */
function claimBase(text: string, claim: ScalarValue): number | undefined {
  const raw = text.slice(claim.span.start, claim.span.end);
  if (raw === claim.value) return claim.span.start;
  if (raw.length === claim.value.length + 2 && raw.slice(1, -1) === claim.value) return claim.span.start + 1;
  return undefined;
}
