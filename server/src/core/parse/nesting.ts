/**
 * How deeply a YAML text nests its collections, found without recursion, so
 * that a sheet nested thousands of levels deep is reported before the `yaml`
 * package's composer (which recurses once per level) exhausts the stack.
 */
import { CST, Lexer } from 'yaml';

/** Nesting deeper than this is not read: no fact sheet needs more than a handful of levels. */
export const MAX_NESTING = 100;

/**
 * The offset in `source` where collections are nested more than `limit`
 * levels deep (block and flow together), or undefined when they are not.
 */
export function deepNesting(source: string, limit = MAX_NESTING): number | undefined {
  return depthBound(source) <= limit ? undefined : deepNestingLexed(source, limit);
}

/**
 * A bound on the nesting depth, from the characters alone: along a chain of
 * nested block collections the column never decreases and stays the same at
 * most once in a row (a list under a key), so twice the deepest column of a
 * line's content (after its `- `, `? ` and `: ` indicators), plus the deepest
 * run of brackets, bounds it. Quoted text and block scalars only make the
 * bound larger.
 */
function depthBound(source: string): number {
  let deepestColumn = 0;
  let brackets = 0;
  let deepestBrackets = 0;
  let lineStart = 0;
  let i = 0;
  while (i < source.length) {
    // The line's indentation and indicators.
    while (i < source.length) {
      const c = source.charCodeAt(i);
      if (c === 32) i++;
      else if ((c === 45 /* - */ || c === 63 /* ? */ || c === 58) /* : */ && source.charCodeAt(i + 1) === 32) i += 2;
      else break;
    }
    if (i - lineStart > deepestColumn) deepestColumn = i - lineStart;
    for (; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 10 || c === 13) break;
      if (c === 91 /* [ */ || c === 123 /* { */) {
        if (++brackets > deepestBrackets) deepestBrackets = brackets;
      } else if ((c === 93 /* ] */ || c === 125) /* } */ && brackets > 0) {
        brackets--;
      }
    }
    i++;
    lineStart = i;
  }
  return 2 * (deepestColumn + 1) + deepestBrackets;
}

/**
 * The nesting read from the `yaml` package's lexer (which does not recurse):
 * the columns of the block nodes open, and the flow collections open.
 */
function deepNestingLexed(source: string, limit: number): number | undefined {
  const columns: number[] = [];
  let flow = 0;
  let offset = 0;
  let lineStart = 0;
  let startsNode = true; // The next content token starts a block node: first on its line, or after `- ` or `? `.
  let scalarNext = false;
  let header = false;
  for (const raw of new Lexer().lex(source)) {
    if (raw === CST.DOCUMENT) continue;
    if (raw === CST.FLOW_END) {
      flow = 0;
      continue;
    }
    if (raw === CST.SCALAR) {
      scalarNext = true; // A marker, not text: the next token is a scalar's text.
      continue;
    }
    const start = offset;
    offset += raw.length;
    const isScalar = scalarNext;
    scalarNext = false;
    const type = isScalar ? 'scalar' : CST.tokenType(raw);
    const nl = Math.max(raw.lastIndexOf('\n'), raw.lastIndexOf('\r'));
    const blockText = isScalar && header;
    if (isScalar) header = false;
    if (type === 'newline' || blockText) {
      startsNode = true;
    } else if (type !== 'space' && type !== 'comment') {
      if (startsNode && flow === 0) {
        const column = start - lineStart;
        while (columns.length > 0 && columns[columns.length - 1] >= column) columns.pop();
        columns.push(column);
      }
      if (type === 'flow-seq-start' || type === 'flow-map-start') flow++;
      else if ((type === 'flow-seq-end' || type === 'flow-map-end') && flow > 0) flow--;
      if (columns.length + flow > limit) return start;
      if (type === 'block-scalar-header') header = true;
      startsNode = flow === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind');
    }
    if (nl >= 0) lineStart = start + nl + 1;
  }
  return undefined;
}
