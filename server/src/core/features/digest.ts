/**
 * What the features that read every sheet need of each: the places of its
 * citations, the facts they belong to and their statuses in words, with
 * positions already in lines and characters. An article's code lenses and
 * hover, Find All References and workspace symbols read this, not the
 * sheet's parsed model, so that the language server can keep it alone for
 * a sheet no editor has open, and let go of its text and parsed model (issue
 * 16: at ten times the benchmark's workspace, the heap after indexing went
 * from 468 MB to 152 MB).
 */
import type { Location } from 'vscode-languageserver-types';
import type { CitationCheck, SheetCheck } from '../check/results';
import type { Provenance } from '../sources/provenance';
import type { SourceText } from '../sources/sources';
import type { LineIndex } from '../text';

/** A citation that resolved to a source, as the features over every sheet need it. */
export interface CitationDigest {
  /** Real path of the cited source. */
  readonly sourcePath: string;
  /** The cited lines as written (1-based); an empty range (`first` 1, `last` 0) when the citation names no line yet. */
  readonly first: number;
  readonly last: number;
  /** The fact it belongs to: its index in the sheet and in {@link SheetDigest.facts}. */
  readonly fact: number;
  /** Where the citation is in the sheet, 0-based as LSP counts. */
  readonly line: number;
  readonly character: number;
  readonly endLine: number;
  readonly endCharacter: number;
  /** `✓` verified, `·` not checked, `✗` a problem. */
  readonly mark: '✓' | '·' | '✗';
  /** Its status in plain words: for a problem, its code and message as the sheet reports them. */
  readonly status: string;
}

export interface FactDigest {
  readonly id: string | undefined;
  readonly claim: string | undefined;
  /** Where the fact's id (or else its claim, or else its marker) is, 0-based. */
  readonly line: number;
  readonly character: number;
  readonly endLine: number;
  readonly endCharacter: number;
}

export interface SheetDigest {
  /** Absolute path of the sheet. */
  readonly path: string;
  /** The folder its `file` values are relative to. */
  readonly sourcesDir: string;
  /** Its citations that resolved to a source, in the sheet's order. */
  readonly citations: readonly CitationDigest[];
  /** Every fact, by index. */
  readonly facts: readonly FactDigest[];
  /** A cited source's text (read again if it was let go to save memory). */
  readonly source: (realPath: string) => SourceText | undefined;
  /** Where a cited source came from, from the `sources.yaml` beside it. */
  readonly provenance?: (realPath: string) => Provenance | undefined;
}

/**
 * The digest of a checked sheet (its settled check, as published). Its
 * strings are copies, so that keeping it keeps nothing of the sheet's text
 * (a value read from the text is a slice of it, which holds all of it).
 */
export function digestOf(
  check: SheetCheck,
  lines: LineIndex,
  source: SheetDigest['source'],
  provenance?: SheetDigest['provenance'],
): SheetDigest {
  const shown = new Map<string, string>();
  for (const d of check.diagnostics) shown.set(`${d.code} ${d.span.start} ${d.span.end}`, `${d.code}: ${d.message}`);
  const cited = check.citations.filter((c): c is CitationCheck & { sourcePath: string } => c.sourcePath !== undefined);
  // The strings that may hold pieces of the sheet's text, copied in one JSON round trip: problems' messages, ids, claims.
  const problems = cited.map((c) => {
    if (c.status === 'verified' || c.status === 'unchecked') return null;
    const own = c.diagnostic;
    return (own && shown.get(`${own.code} ${own.span.start} ${own.span.end}`)) ?? c.status;
  });
  const names = check.sheet.facts.map((f) => [f.id?.value ?? null, f.claim?.value ?? null]);
  const [statuses, copied] = JSON.parse(JSON.stringify([problems, names])) as [(string | null)[], [string | null, string | null][]];
  // Every object of a kind made by one literal, all its properties present: one shape for all.
  const citations = cited.map((c, i): CitationDigest => {
    const start = lines.positionAt(c.citation.span.start);
    const end = lines.positionAt(c.citation.span.end);
    return {
      sourcePath: c.sourcePath,
      first: c.citation.line?.first ?? 1,
      last: c.citation.line?.last ?? 0,
      fact: c.fact.index,
      line: start.line,
      character: start.character,
      endLine: end.line,
      endCharacter: end.character,
      mark: c.status === 'verified' ? '✓' : c.status === 'unchecked' ? '·' : '✗',
      status: statuses[i] ?? statusWord(c),
    };
  });
  const facts = check.sheet.facts.map((f, i): FactDigest => {
    const span = (f.id ?? f.claim)?.span ?? f.marker;
    const start = lines.positionAt(span.start);
    const end = lines.positionAt(span.end);
    const [id, claim] = copied[i];
    return { id: id ?? undefined, claim: claim ?? undefined, line: start.line, character: start.character, endLine: end.line, endCharacter: end.character };
  });
  return { path: check.path, sourcesDir: check.sourcesDir, citations, facts, source, provenance };
}

/** A citation's status in a few words: verified, not checked, or its problem's code. */
export function statusWord(c: CitationCheck): string {
  if (c.status === 'verified') return c.citation.quote ? 'quote verified' : 'line exists';
  if (c.status === 'unchecked') return 'not checked (incomplete citation)';
  return c.status;
}

/** Whether a citation cites line `line` (1-based) of the source at `sourcePath` (a real path): the rule of Find All References. */
export function cites(c: CitationDigest, sourcePath: string, line: number): boolean {
  return c.sourcePath === sourcePath && c.first <= line && line <= c.last;
}

/** Where a citation is, for the editor to list it. */
export function citationLocation(uri: string, c: CitationDigest): Location {
  return { uri, range: { start: { line: c.line, character: c.character }, end: { line: c.endLine, character: c.endCharacter } } };
}
