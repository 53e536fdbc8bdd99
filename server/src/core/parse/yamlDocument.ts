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

export function parseYaml(source: string, options: ParseOptions & DocumentOptions & SchemaOptions = {}): Document.Parsed {
  if (!source.includes('\r\n')) return parseDocument(source, options);
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
  // An offset of the LF text, moved past the CRs taken out before it: an offset on an LF
  // (the end of a line) stays in front of its CR.
  const back = (offset: number): number => offset + (removed.length > 0 && removed[0] < offset ? lastAtOrBefore(removed, offset - 1) + 1 : 0);
  const doc = parseDocument(lf, options);
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
  return doc;
}
