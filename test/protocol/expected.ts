/**
 * What the server must report on the sample sheets, computed from their
 * text (so the expectations follow the samples' layout) but exact.
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-protocol';
import { rangeIn } from './client';

export const SOURCE = 'fact-notes';

/** The parts of a diagnostic the tests compare whole. */
export interface DiagnosticShape {
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  readonly range: Range;
  readonly source: string;
}

export function shape(d: Diagnostic): DiagnosticShape {
  return { code: String(d.code), severity: d.severity!, range: d.range, source: d.source! };
}

const E = DiagnosticSeverity.Error;
const W = DiagnosticSeverity.Warning;

/**
 * Every diagnostic of samples/broken.facts.yaml, in text order: the code, its
 * default severity, and the node it underlines (`inner` inside the first
 * `context`, or the `occurrence`-th).
 */
export const BROKEN: readonly { code: string; severity: DiagnosticSeverity; context: string; inner?: string; occurrence?: number }[] = [
  { code: 'line-out-of-range', severity: E, context: 'line: 43', inner: '43' },
  { code: 'quote-moved', severity: E, context: 'line: 5\n        quote: lasted one hour', inner: '5' },
  {
    code: 'quote-mismatch',
    severity: W,
    context: 'quote: Lavrov, for his part',
    inner: 'Lavrov, for his part, found the talks constructve and said both sides understod the need to improve relations',
  },
  { code: 'quote-altered', severity: E, context: 'quote: The meeting lasted about three hours.', inner: 'The meeting lasted about three hours.' },
  { code: 'quote-not-found', severity: E, context: 'quote: Lavrov said the talks had been frank and useful', inner: 'Lavrov said the talks had been frank and useful' },
  {
    code: 'quote-not-found',
    severity: E,
    context: 'quote: Blinken expressed concern about the health of Kremlin critic Alexei Navalny.',
    inner: 'Blinken expressed concern about the health of Kremlin critic Alexei Navalny.',
  },
  { code: 'source-not-found', severity: E, context: 'file: 004_03f832fef03921f5.txt', inner: '004_03f832fef03921f5.txt' },
  { code: 'source-outside-root', severity: E, context: 'file: ../../../notes/haavisto-interview.txt', inner: '../../../notes/haavisto-interview.txt' },
  { code: 'source-unreadable', severity: E, context: 'file: ../articles', inner: '../articles' },
  {
    code: 'missing-citation',
    severity: E,
    context: 'claim: Blinken said the US was concerned about military activity in the Arctic.',
    inner: 'Blinken said the US was concerned about military activity in the Arctic.',
  },
  { code: 'duplicate-id', severity: E, context: '- id: summit\n', inner: 'summit', occurrence: 2 },
  { code: 'unknown-key', severity: W, context: 'qoute: Haavisto', inner: 'qoute' },
  { code: 'unknown-key', severity: W, context: 'confidence: high', inner: 'confidence' },
  { code: 'invalid-structure', severity: E, context: 'line: three', inner: 'three' },
  { code: 'invalid-structure', severity: E, context: '- line: 5', inner: 'line: 5' },
  { code: 'yaml-syntax', severity: E, context: '" Russian news agency TASS reported', inner: 'Russian news agency TASS reported' },
  { code: 'source-changed', severity: W, context: 'file: ../snapshots/statement.txt', inner: '../snapshots/statement.txt' },
  { code: 'invalid-suppression', severity: W, context: '  # fact-notes-ignore claim-unsupported\n', inner: '# fact-notes-ignore claim-unsupported' },
  { code: 'claim-unsupported', severity: W, context: 'claim: The talks lasted two hours, Reuters reported.', inner: 'two hours' },
];

/** Every code of FORMAT.md section 5. */
export const ALL_CODES = [
  'yaml-syntax',
  'invalid-structure',
  'unknown-key',
  'missing-citation',
  'duplicate-id',
  'source-not-found',
  'source-outside-root',
  'source-unreadable',
  'line-out-of-range',
  'quote-moved',
  'quote-mismatch',
  'quote-altered',
  'quote-not-found',
  'source-changed',
  'claim-unsupported',
  'invalid-suppression',
  // single-source too, a hint, which LspClient leaves out unless asked (test/cli/cli.test.ts sees it).
];

/** The expected diagnostics of broken.facts.yaml's `text`, in order. */
export function brokenDiagnostics(text: string, skip: (code: string, index: number) => boolean = () => false): DiagnosticShape[] {
  return BROKEN.filter((b, i) => !skip(b.code, i)).map((b) => ({
    code: b.code,
    severity: b.severity,
    range: rangeIn(text, b.context, b.inner ?? b.context, b.occurrence ?? 1),
    source: SOURCE,
  }));
}

export const BROKEN_INDEX = {
  lineOutOfRange: 0,
  quoteMoved: 1,
  quoteMismatch: 2,
  quoteAltered: 3,
  quoteNotFoundFrank: 4,
  quoteNotFoundNavalny: 5,
  sourceNotFound: 6,
  unknownKeyQoute: 11,
  unknownKeyConfidence: 12,
} as const;

/** Markdown with its backslash escapes removed: the text a reader sees. */
export function unescapeMarkdown(value: string): string {
  return value.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}
