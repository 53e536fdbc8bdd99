/**
 * What checking a sheet gives: each citation's outcome and the sheet's
 * diagnostics. Types only, shared by the checker, the rename search, the
 * evidence for repairs and the editor features.
 */
import type { Citation, Fact, Sheet } from '../model';
import type { Candidate } from '../match/match';
import type { DiagnosticCode, FactDiagnostic, LineRange } from '../types';

/** What became of one citation. */
export interface CitationCheck {
  readonly fact: Fact;
  readonly citation: Citation;
  /** `verified`, `unchecked` (the citation itself is malformed), or the code of its problem. */
  readonly status: 'verified' | 'unchecked' | DiagnosticCode;
  /** Real path of the cited source, when it resolved inside the root. */
  readonly sourcePath?: string;
  /** The cited lines, when they exist in the source. */
  readonly lines?: LineRange;
  /** Where the quote was found on the cited lines (exactly or approximately). */
  readonly match?: Candidate;
  /** Where the quote was found exactly, in one place, when that is not on the cited lines (or they do not exist). */
  readonly movedTo?: Candidate;
  /** The problem, before severity settings are applied. */
  readonly diagnostic?: FactDiagnostic;
}

export interface SheetCheck {
  /** Absolute path of the sheet. */
  readonly path: string;
  readonly sheet: Sheet;
  /** Every diagnostic, in text order, with the configured severities; `off` codes dropped. */
  readonly diagnostics: readonly FactDiagnostic[];
  readonly citations: readonly CitationCheck[];
  /** The folder `file` values are relative to. */
  readonly sourcesDir: string;
  /**
   * What a `# fact-notes-ignore CODE -- REASON` comment silenced (FORMAT.md
   * section 5): each diagnostic, with the reason and the comment's 1-based
   * line. Absent when nothing was silenced.
   */
  readonly ignored?: readonly IgnoredDiagnostic[];
}

export interface IgnoredDiagnostic {
  readonly diagnostic: FactDiagnostic;
  readonly reason: string;
  /** 1-based line of the comment in the sheet. */
  readonly line: number;
}
