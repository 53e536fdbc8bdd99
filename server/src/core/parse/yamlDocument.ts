/**
 * Reads a document with the `yaml` package the same whatever its line ends.
 *
 * The package's lexer reads a blank line differently when it ends in CR LF
 * than when it ends in LF (after a blank CR LF line it keeps the indentation
 * of the lines before, after a blank LF line it does not), so a sheet with a
 * syntax error could get other diagnostics on Windows than on Linux. Here
 * the parser reads the text with LF line ends, and every position in the
 * document (node ranges, errors, warnings) is mapped back onto the text as
 * given. Values are the same either way: YAML reads CR LF in a scalar as a
 * line break.
 */
import { parseDocument, visit, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { lastAtOrBefore } from '../text';

/** A text with its CR LF line ends as LF, and the way back from its offsets to the text's. */
export interface LfText {
  readonly text: string;
  /** An offset of `text` as an offset of the original: an offset on an LF (a line's end) stays in front of its CR. */
  readonly back: (offset: number) => number;
}

function lfLineEnds(source: string): LfText {
  if (!source.includes('\r\n')) return { text: source, back: (offset) => offset };
  // Where each CR was taken out, as an offset of the text with LF line ends.
  const removed: number[] = [];
  let lf = '';
  let from = 0;
  for (let at = source.indexOf('\r\n'); at !== -1; at = source.indexOf('\r\n', at + 2)) {
    lf += source.slice(from, at);
    removed.push(lf.length);
    from = at + 1;
  }
  lf += source.slice(from);
  return { text: lf, back: (offset) => offset + (removed.length > 0 && removed[0] < offset ? lastAtOrBefore(removed, offset - 1) + 1 : 0) };
}

/** Moves every position in `doc` (node ranges, errors, warnings) through `back`. */
function movePositions(doc: Document.Parsed, back: (offset: number) => number): void {
  const mapped = new Set<number[]>();
  const mapRange = (range: [number, number, number] | null | undefined) => {
    if (!range || mapped.has(range)) return;
    mapped.add(range);
    for (let i = 0; i < range.length; i++) range[i] = back(range[i]);
  };
  mapRange(doc.range);
  visit(doc, {
    Node(_key, node) {
      mapRange(node.range);
    },
  });
  for (const problem of [...doc.errors, ...doc.warnings]) problem.pos = [back(problem.pos[0]), back(problem.pos[1])];
}

/**
 * `parseDocument`, without the stack traces of its errors: each YAML error
 * is an `Error`, and taking its stack was a fifth of the time of reading a
 * sheet with a syntax error in every fact. Only positions and codes are read.
 */
function parseQuietly(text: string, options: ParseOptions & DocumentOptions & SchemaOptions): Document.Parsed {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseDocument(text, options);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * `parseDocument`, read with LF line ends, its positions those of `source`.
 * `read`, if given, sees the document first as parsed, its positions those
 * of the LF text (`lf.text`; `lf.back` maps them onto `source`).
 */
export function parseYaml(
  source: string,
  options: ParseOptions & DocumentOptions & SchemaOptions = {},
  read?: (doc: Document.Parsed, lf: LfText) => void,
): Document.Parsed {
  const lf = lfLineEnds(source);
  const doc = parseQuietly(lf.text, options);
  read?.(doc, lf);
  if (lf.text !== source) movePositions(doc, lf.back);
  return doc;
}
