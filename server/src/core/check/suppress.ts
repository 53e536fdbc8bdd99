/**
 * Suppression comments (FORMAT.md section 5): `# fact-notes-ignore
 * CODE[,CODE...] -- REASON` on a fact's or a citation's first line, or
 * alone on the line above it, silences those codes there. A fact's comment
 * covers every diagnostic inside the fact, its citations' included; a
 * citation's comment covers that citation's. The reason is required: a
 * comment without one silences nothing and is itself reported, as
 * `invalid-suppression`, and so are unknown codes and codes that cannot be
 * silenced (`yaml-syntax`, `invalid-suppression`).
 *
 * Pure, and cheap when a sheet has no such comment: the text is searched
 * for the literal {@link SUPPRESSION_MARK} first, and nothing more is done
 * when it is absent (the incremental checker calls this on every keystroke).
 * A `#` that is inside a quoted or block scalar is no comment: each
 * candidate is confirmed by the `yaml` package's Lexer over the fact it is
 * in (never over the whole sheet, which is not parsed again).
 */
import { CST, Lexer } from 'yaml';
import { closestKey } from '../parse';
import { factExtent, type Citation, type Fact, type Sheet } from '../model';
import { LineIndex, lineEndAt, lineStartAt } from '../text';
import { ALL_CODES, DEFAULT_SEVERITY, isDiagnosticCode, type DiagnosticCode, type FactDiagnostic, type Span } from '../types';
import type { IgnoredDiagnostic } from './results';

/** The word that makes a comment a suppression. */
export const SUPPRESSION_MARK = 'fact-notes-ignore';

/**
 * The reason the editor's "Ignore CODE here…" quick fix writes, for the
 * user to replace: written as is, it counts as no reason (so a comment
 * inserted and never finished is still reported).
 */
export const REASON_PLACEHOLDER = 'REASON';

/** Codes a comment may not silence: a sheet that does not parse is not checked, and a bad comment is fixed, not silenced. */
const UNSUPPRESSIBLE: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['yaml-syntax', 'invalid-suppression']);

/** Codes about a fact as a whole: the quick fix puts their comment above the fact, the others above their citation. */
export const FACT_LEVEL_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['claim-unsupported', 'single-source', 'missing-citation', 'duplicate-id']);

/** Whether a comment can silence the code. */
export function suppressible(code: string): code is DiagnosticCode {
  return isDiagnosticCode(code) && !UNSUPPRESSIBLE.has(code);
}

/** The comment the quick fix inserts (without its indentation and line break). */
export function suppressionComment(code: DiagnosticCode): string {
  return `# ${SUPPRESSION_MARK} ${code} -- ${REASON_PLACEHOLDER}`;
}

export interface Suppression {
  /** The diagnostics left, in the order given. */
  readonly kept: FactDiagnostic[];
  /** What the comments silenced, in the order given. */
  readonly ignored: IgnoredDiagnostic[];
  /** `invalid-suppression` for each bad comment (default severity; not yet finished by the severity settings). */
  readonly invalid: FactDiagnostic[];
}

/** One suppression comment as written. */
interface Comment {
  /** Offset of its `#`, and of the end of its text (trailing spaces left out). */
  readonly start: number;
  readonly end: number;
  readonly lineStart: number;
  /** The line end, before any `\r`. */
  readonly lineEnd: number;
  /** The only thing on its line. */
  readonly alone: boolean;
}

/** What a comment silences, and where. */
interface Silencer {
  readonly scope: Span;
  readonly codes: ReadonlySet<DiagnosticCode>;
  readonly reason: string;
  /** 1-based line of the comment. */
  readonly line: number;
}

/**
 * The diagnostics left after a sheet's suppression comments, what they
 * silenced, and the comments' own problems. Undefined when the text has no
 * suppression comment at all (the fast path: one `indexOf`).
 */
export function suppress(text: string, sheet: Sheet, diagnostics: readonly FactDiagnostic[]): Suppression | undefined {
  if (text.indexOf(SUPPRESSION_MARK) < 0) return undefined;
  const comments = findComments(text, sheet.facts);
  if (comments.length === 0) return undefined;
  const invalid: FactDiagnostic[] = [];
  const report = (span: Span, message: string): void => {
    invalid.push({ code: 'invalid-suppression', severity: DEFAULT_SEVERITY['invalid-suppression'], span, message, fixes: [] });
  };
  const targets = firstLines(text, sheet.facts);
  const lines = new LineIndex(text);
  const aloneAt = new Set(comments.filter((c) => c.alone).map((c) => c.lineStart));
  // A sheet that does not parse has facts missing from the model: its comments may well be in place.
  const broken = diagnostics.some((d) => d.code === 'yaml-syntax');
  const silencers: Silencer[] = [];
  for (const comment of comments) {
    const body = comment.start + text.slice(comment.start, comment.end).indexOf(SUPPRESSION_MARK) + SUPPRESSION_MARK.length;
    const dashes = text.slice(body, comment.end).indexOf('--');
    const codesEnd = dashes >= 0 ? body + dashes : comment.end;
    const reason = codesEnd === comment.end ? '' : text.slice(codesEnd + 2, comment.end).trim();
    const codes = new Set<DiagnosticCode>();
    let named = 0;
    for (const word of words(text, body, codesEnd)) {
      named++;
      const code = text.slice(word.start, word.end).toLowerCase();
      if (suppressible(code)) codes.add(code);
      else if (isDiagnosticCode(code)) {
        report(
          word,
          code === 'yaml-syntax'
            ? 'Fix the YAML instead: "yaml-syntax" cannot be silenced, since a sheet that does not parse is not checked.'
            : 'Fix the comment it reports instead: "invalid-suppression" cannot be silenced.',
        );
      } else {
        const near = closestKey(code, ALL_CODES.filter((c) => !UNSUPPRESSIBLE.has(c)));
        const shown = text.slice(word.start, word.end);
        report(
          word,
          near
            ? `Did you mean "${near}"? There is no code "${shown}"; the other codes of this comment still apply.`
            : `Write a code from the Problems panel, such as "quote-moved": there is no code "${shown}". The other codes of this comment still apply.`,
        );
      }
    }
    const whole: Span = { start: comment.start, end: comment.end };
    if (named === 0) report(whole, `Name the codes to silence after "${SUPPRESSION_MARK}", separated by commas: this comment names none, so it silences nothing.`);
    if (reason === '' || reason === REASON_PLACEHOLDER) {
      report(whole, `Say why after "--"${reason === REASON_PLACEHOLDER ? ` in place of "${REASON_PLACEHOLDER}"` : ''}: a fact-notes-ignore comment without a reason silences nothing.`);
      continue;
    }
    // The fact or citation it belongs to: the one whose first line it ends, or the one on the first
    // line below it that is not another suppression comment (so that they can be stacked).
    let target: Target | undefined;
    if (comment.alone) {
      let next = nextLine(text, comment.lineStart);
      while (next >= 0 && aloneAt.has(next)) next = nextLine(text, next);
      target = next >= 0 ? targets.get(next) : undefined;
    } else {
      target = targets.get(comment.lineStart);
    }
    if (!target) {
      if (!broken) report(whole, 'Put this comment on the first line of a fact or a citation, or alone on the line above it: here it silences nothing.');
      continue;
    }
    // A code that does not occur there is fine: the comment may be for a state that comes back
    // (a source edited again, a setting changed), and it is not reported.
    if (codes.size > 0) silencers.push({ scope: target.scope, codes, reason, line: lines.positionAt(comment.start).line + 1 });
  }
  // The narrowest comment first: a citation's reason rather than its fact's.
  silencers.sort((a, b) => a.scope.end - a.scope.start - (b.scope.end - b.scope.start));
  const kept: FactDiagnostic[] = [];
  const ignored: IgnoredDiagnostic[] = [];
  for (const d of diagnostics) {
    const by = silencers.find((s) => s.codes.has(d.code) && s.scope.start <= d.span.start && d.span.end <= s.scope.end);
    if (by) ignored.push({ diagnostic: d, reason: by.reason, line: by.line });
    else kept.push(d);
  }
  return { kept, ignored, invalid };
}

/** A fact, or a citation, by the start of its first line. */
interface Target {
  readonly fact: Fact;
  readonly citation?: Citation;
  /** What its comment covers. */
  readonly scope: Span;
}

/**
 * Every fact's and citation's first line, by its start offset; a line that
 * is the first of both (`- cite: a.txt:3`) belongs to the fact, whose
 * comment covers the citation too.
 */
function firstLines(text: string, facts: readonly Fact[]): Map<number, Target> {
  const out = new Map<number, Target>();
  for (const fact of facts) {
    out.set(lineStartAt(text, fact.marker.start), { fact, scope: factExtent(fact) });
    for (const citation of fact.citations) {
      const at = lineStartAt(text, citation.span.start);
      if (!out.has(at)) out.set(at, { fact, citation, scope: citation.span });
    }
  }
  return out;
}

/**
 * The suppression comments of a text, in text order: each `#` that starts a
 * YAML comment (at a line's start or after a space, and not inside a quoted
 * or block scalar, as the Lexer tells) and whose first word is
 * {@link SUPPRESSION_MARK}.
 */
function findComments(text: string, facts: readonly Fact[]): Comment[] {
  const out: Comment[] = [];
  for (let at = text.indexOf(SUPPRESSION_MARK); at >= 0; at = text.indexOf(SUPPRESSION_MARK, at + SUPPRESSION_MARK.length)) {
    const after = text.charCodeAt(at + SUPPRESSION_MARK.length);
    if (!(Number.isNaN(after) || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d)) continue;
    let hash = at - 1;
    while (hash >= 0 && (text[hash] === ' ' || text[hash] === '\t')) hash--;
    if (text[hash] !== '#') continue;
    const lineStart = lineStartAt(text, hash);
    if (hash > lineStart && text[hash - 1] !== ' ' && text[hash - 1] !== '\t') continue;
    const lineEnd = lineEndAt(text, hash);
    let end = lineEnd;
    while (end > hash && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    if (!startsComment(text, facts, lineStart, hash, lineEnd)) continue;
    out.push({ start: hash, end, lineStart, lineEnd, alone: text.slice(lineStart, hash).trim() === '' });
  }
  return out;
}

/**
 * Whether the `#` at `hash` starts a comment: the Lexer reads the text from
 * the first line of the fact it is in (or the sheet's start, before the
 * first fact or in a fact written in brackets) to the end of its line.
 */
function startsComment(text: string, facts: readonly Fact[], lineStart: number, hash: number, lineEnd: number): boolean {
  // The last fact whose `-` is on this line or before it (facts are in text order).
  const next = nextLine(text, lineStart);
  const before = next < 0 ? text.length : next;
  let lo = 0;
  let hi = facts.length - 1;
  let found: Fact | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (facts[mid].marker.start < before) {
      found = facts[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  let from = found ? lineStartAt(text, found.marker.start) : 0;
  if (found && (found.claim?.inFlow || found.id?.inFlow || found.citations.some((c) => c.file?.inFlow))) from = 0;
  if (from > lineStart) from = 0;
  let offset = from;
  for (const token of new Lexer().lex(text.slice(from, lineEnd))) {
    // The Lexer's markers (document, scalar, flow end) are not text.
    if (token === CST.DOCUMENT || token === CST.SCALAR || token === CST.FLOW_END) continue;
    if (offset === hash) return CST.tokenType(token) === 'comment';
    offset += token.length;
    if (offset > hash) return false;
  }
  return false;
}

/** The start of the line after the one `offset` is on; -1 on the last line. */
function nextLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? -1 : nl + 1;
}

/** The words of `[start, end)` separated by commas or spaces. */
function words(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  const re = /[^\s,]+/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) out.push({ start: m.index, end: Math.min(end, m.index + m[0].length) });
  return out;
}
