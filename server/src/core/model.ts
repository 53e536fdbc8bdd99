/**
 * The sheet model: what a fact sheet says (FORMAT.md section 2) with the
 * exact span of every value, as the parse stage makes it and every later
 * stage reads it. Types, and the one walk over a fact's values and spans
 * ({@link forEachValue}, {@link forEachSpan}): a key added to the format is
 * added to {@link KNOWN_KEYS}, to {@link Fact} or {@link Citation} and to
 * that walk, and whatever moves or copies a fact (the incremental checker)
 * follows.
 */
import type { FactDiagnostic, Span } from './types';

/** The keys of the format at each level (FORMAT.md section 2): every reader of a sheet takes its keys from here. */
export const KNOWN_KEYS = {
  sheet: ['title', 'sources', 'facts'],
  fact: ['id', 'claim', 'tags', 'note', 'cite'],
  citation: ['file', 'line', 'quote'],
} as const;

/** Any key of the format, at any level. */
export type FormatKey = (typeof KNOWN_KEYS)[keyof typeof KNOWN_KEYS][number];

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block' | 'compact';

/** A scalar value of the sheet and where it is written. */
export interface ScalarValue {
  readonly value: string;
  /** The value itself, without a trailing comment. */
  readonly span: Span;
  /** How it is written; `compact` is a part of a `FILE:LINE` string. */
  readonly style: ScalarStyle;
  /** Inside a flow collection (`[...]`, `{...}`), where plain scalars are restricted. */
  readonly inFlow: boolean;
  /** False when the value cannot be rewritten in place (an escaped compact citation). */
  readonly editable: boolean;
}

export interface LineValue extends ScalarValue {
  /** 1-based first and last cited line; `last === first` for a single line. */
  readonly first: number;
  readonly last: number;
  /** Written as a range `START-END`. */
  readonly isRange: boolean;
}

export interface Citation {
  /** The whole citation node. */
  readonly span: Span;
  readonly compact: boolean;
  readonly file?: ScalarValue;
  readonly line?: LineValue;
  readonly quote?: ScalarValue;
}

export interface Fact {
  readonly index: number;
  /** The fact's mapping. */
  readonly span: Span;
  /** The `-` of its list item. */
  readonly marker: Span;
  readonly id?: ScalarValue;
  readonly claim?: ScalarValue;
  readonly note?: ScalarValue;
  readonly tags: readonly ScalarValue[];
  readonly citations: readonly Citation[];
}

export interface Sheet {
  readonly title?: ScalarValue;
  readonly sources?: ScalarValue;
  readonly facts: readonly Fact[];
}

export interface ParsedSheet {
  readonly sheet: Sheet;
  /** Diagnostics found by parsing alone (YAML and structure). */
  readonly diagnostics: readonly FactDiagnostic[];
  /** The text parsed. */
  readonly text?: string;
}

/** A sheet split into its head and one chunk per fact (see {@link splitSheet}). */
export interface SheetLayout {
  /** The head (everything before the first fact) is `[0, headEnd)`. */
  readonly headEnd: number;
  /** One span per fact, up to the next fact or the end of the text. */
  readonly chunks: readonly Span[];
}

/** Every scalar value of a fact, its citations' included, in the order they are read. */
export function forEachValue(fact: Fact, visit: (value: ScalarValue) => void): void {
  if (fact.id) visit(fact.id);
  if (fact.claim) visit(fact.claim);
  if (fact.note) visit(fact.note);
  for (const t of fact.tags) visit(t);
  for (const c of fact.citations) {
    if (c.file) visit(c.file);
    if (c.line) visit(c.line);
    if (c.quote) visit(c.quote);
  }
}

/** The whole of a fact, its list item's `-` included (where fact-level diagnostics may be). */
export function factExtent(fact: Fact): Span {
  return { start: Math.min(fact.marker.start, fact.span.start), end: Math.max(fact.marker.end, fact.span.end) };
}

/**
 * Every span of a fact: the fact's own and its marker's, each citation's,
 * and each value's (see {@link forEachValue}). A span may come twice (the
 * parts of an escaped `FILE:LINE` share their citation's span).
 */
export function forEachSpan(fact: Fact, visit: (span: Span) => void): void {
  visit(fact.span);
  visit(fact.marker);
  for (const c of fact.citations) visit(c.span);
  forEachValue(fact, (v) => visit(v.span));
}
