/**
 * The vocabulary of the checking core: diagnostic codes, severities, offset
 * spans, fixes. Offsets are UTF-16 code unit offsets into a text, as
 * JavaScript strings count them; conversion to line/character happens at the
 * edges (LSP adapter, command line) through {@link LineIndex}.
 */

/** Every diagnostic code of the format (FORMAT.md section 5). */
export const DiagnosticCode = {
  YamlSyntax: 'yaml-syntax',
  InvalidStructure: 'invalid-structure',
  UnknownKey: 'unknown-key',
  MissingCitation: 'missing-citation',
  DuplicateId: 'duplicate-id',
  SourceNotFound: 'source-not-found',
  SourceOutsideRoot: 'source-outside-root',
  SourceUnreadable: 'source-unreadable',
  LineOutOfRange: 'line-out-of-range',
  QuoteMoved: 'quote-moved',
  QuoteMismatch: 'quote-mismatch',
  QuoteAltered: 'quote-altered',
  QuoteNotFound: 'quote-not-found',
  SourceChanged: 'source-changed',
  ClaimUnsupported: 'claim-unsupported',
  SingleSource: 'single-source',
  InvalidSuppression: 'invalid-suppression',
} as const;

export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

export const ALL_CODES: readonly DiagnosticCode[] = Object.values(DiagnosticCode);

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A configured severity: a severity, or `off` to drop the diagnostic. */
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];

export const DEFAULT_SEVERITY: Readonly<Record<DiagnosticCode, Severity>> = {
  'yaml-syntax': 'error',
  'invalid-structure': 'error',
  'unknown-key': 'warning',
  'missing-citation': 'error',
  'duplicate-id': 'error',
  'source-not-found': 'error',
  'source-outside-root': 'error',
  'source-unreadable': 'error',
  'line-out-of-range': 'error',
  'quote-moved': 'error',
  'quote-mismatch': 'warning',
  'quote-altered': 'error',
  'quote-not-found': 'error',
  'source-changed': 'warning',
  'claim-unsupported': 'warning',
  'single-source': 'hint',
  'invalid-suppression': 'warning',
};

export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(DEFAULT_SEVERITY, value);
}

/**
 * Codes only the editor reports, about articles rather than sheets (FORMAT.md
 * section 6): not in {@link DiagnosticCode}, so the command line never
 * reports them nor takes a severity for them.
 */
export const EditorCode = {
  SourceUnused: 'source-unused',
} as const;

export type EditorCode = (typeof EditorCode)[keyof typeof EditorCode];

export const EDITOR_DEFAULT_SEVERITY: Readonly<Record<EditorCode, Severity>> = {
  'source-unused': 'hint',
};

export function isEditorCode(value: string): value is EditorCode {
  return Object.prototype.hasOwnProperty.call(EDITOR_DEFAULT_SEVERITY, value);
}

/** A half-open range `[start, end)` of UTF-16 offsets into one text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  /** Edits of the sheet. */
  readonly edits: readonly TextEdit[];
  /** Edits of another file (a source's `sources.yaml`): never preferred, never applied by `fix`. */
  readonly elsewhere?: {
    /** Absolute path. */
    readonly path: string;
    readonly edits: readonly { readonly range: { readonly start: Place; readonly end: Place }; readonly newText: string }[];
  };
  /** The fix `fact-notes fix` and "Fix All" apply; never set when in doubt. */
  readonly preferred: boolean;
}

/** 1-based inclusive line range (of a citation, or of a place in a source). */
export interface LineRange {
  readonly first: number;
  readonly last: number;
}

/** A 0-based line and UTF-16 character, as LSP counts them. */
export interface Place {
  readonly line: number;
  readonly character: number;
}

/** Another place that a diagnostic points at (a candidate line, the file a rename found). */
export interface RelatedPlace {
  /** Absolute path of the file. */
  readonly path: string;
  readonly start: Place;
  readonly end: Place;
  readonly message: string;
}

/**
 * A repair that may be preferred only with evidence beyond similarity
 * (FORMAT.md 4.2): that the source's cited lines became the candidate's
 * lines. Settled once every sheet checked together is known
 * ({@link settle} in `evidence.ts`); until then the fix is not preferred.
 */
export interface EvidenceNeed {
  /** Real path of the source. */
  readonly source: string;
  readonly cited: LineRange;
  readonly candidate: LineRange;
  /** Index in the diagnostic's fixes of the repair the evidence would prefer. */
  readonly fix: number;
  /** The message once the evidence is found (the diagnostic's own message says it is missing). */
  readonly confirmed: string;
}

export interface FactDiagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** Where in the fact sheet the problem is. */
  readonly span: Span;
  readonly message: string;
  /** Quick fixes, the preferred one (if any) first. */
  readonly fixes: readonly Fix[];
  /** Other places the problem concerns (LSP `relatedInformation`). */
  readonly related?: readonly RelatedPlace[];
  /** A repair waiting for evidence; gone once settled. */
  readonly needs?: EvidenceNeed;
}

/**
 * The one switch for every shortcut of the core. A shortcut answers what the
 * plain computation would, sooner: reading a sheet fact by fact, the fact
 * scanner and the fast YAML path instead of the `yaml` package's parser over
 * the whole sheet; finding a quote as written instead of normalizing it and
 * its source; keeping a source as bytes; the renames' word filter; reusing the
 * results of facts whose text did not change. `reference: true` turns them
 * all off, so that tests can compare each with the plain computation.
 */
export interface Shortcuts {
  readonly reference?: boolean;
}

/** Options of a check; every field but `reference` has the format's default. */
export interface CheckOptions extends Shortcuts {
  /** Approximate quotes may differ by this fraction of their length in edits. */
  readonly quoteTolerance: number;
  /** Sources larger than this are refused as `source-unreadable`. */
  readonly maxSourceBytes: number;
  /** Per-code severity overrides; `off` drops the code. The editor's own codes are set here too. */
  readonly severity: Readonly<Partial<Record<DiagnosticCode | EditorCode, SeveritySetting>>>;
}

export const DEFAULT_OPTIONS: CheckOptions = {
  quoteTolerance: 0.2,
  maxSourceBytes: 10 * 1024 * 1024,
  severity: {},
};
