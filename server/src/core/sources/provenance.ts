/**
 * Where a source came from (FORMAT.md section 8): the `sources.yaml` of the
 * folder a source is in, one entry per file, written by `fact-notes
 * snapshot` or by hand. Every key but `file` is optional. A malformed file
 * gives problems with their lines; it never stops citations from being
 * checked.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseYaml } from '../parse';
import { LineIndex } from '../text';

/** The name of the provenance file in a folder of sources. */
export const PROVENANCE_FILE = 'sources.yaml';

export const PROVENANCE_KEYS = ['file', 'url', 'title', 'outlet', 'author', 'published', 'retrieved', 'sha256'] as const;

export type Provenance = { readonly file: string } & Partial<Record<Exclude<(typeof PROVENANCE_KEYS)[number], 'file'>, string>>;

export interface ProvenanceProblem {
  /** 1-based line of `sources.yaml`. */
  readonly line: number;
  /** The offsets of `sources.yaml` it is about, and the same as 0-based line and character. */
  readonly span: { readonly start: number; readonly end: number };
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly message: string;
}

export interface ProvenanceIndex {
  /** By file name as written in `file`. */
  readonly entries: ReadonlyMap<string, Provenance>;
  readonly problems: readonly ProvenanceProblem[];
}

/** Reads a `sources.yaml`. Never throws. */
export function readProvenance(text: string): ProvenanceIndex {
  const entries = new Map<string, Provenance>();
  const problems: ProvenanceProblem[] = [];
  const lines = new LineIndex(text);
  const lineOf = (offset: number | undefined) => lines.positionAt(offset ?? 0).line + 1;
  // A problem covers the line it is on, without its line break.
  const problem = (offset: number | undefined, message: string): ProvenanceProblem => {
    const at = Math.min(offset ?? 0, text.length);
    const start = text.lastIndexOf('\n', at - 1) + 1;
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
    const span = { start, end: Math.max(start, end) };
    return { line: lineOf(at), span, range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) }, message };
  };
  const doc = parseYaml(text, { prettyErrors: false });
  for (const e of doc.errors) problems.push(problem(e.pos[0], 'This line is not valid YAML; the entries after it may not be read.'));
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return { entries, problems };
  if (!isSeq(root)) {
    problems.push(problem(root.range?.[0], 'Write sources.yaml as a list of entries, each starting with "- file:".'));
    return { entries, problems };
  }
  for (const item of root.items as (Node | null)[]) {
    const at = item?.range?.[0];
    if (!isMap(item)) {
      problems.push(problem(at, 'Write each entry as keys and values, starting with "file:".'));
      continue;
    }
    const entry: Record<string, string> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const value = pair.value as Node | null;
      const keyAt = (pair.key as Node | null)?.range?.[0];
      if (key === undefined || !(PROVENANCE_KEYS as readonly string[]).includes(key)) {
        problems.push(problem(keyAt, `Remove "${key ?? '?'}" or rename it: the keys of an entry are ${PROVENANCE_KEYS.map((k) => `"${k}"`).join(', ')}.`));
        continue;
      }
      if (!isScalar(value) || value.value === null || typeof value.value === 'object') {
        problems.push(problem(keyAt, `Give "${key}" a single value.`));
        continue;
      }
      entry[key] = String(value.value);
    }
    if (!entry.file) {
      problems.push(problem(at, 'Add the "file" this entry is about.'));
      continue;
    }
    if (entries.has(entry.file)) {
      problems.push(problem(at, `Keep one entry for "${entry.file}": it has another one above.`));
      continue;
    }
    entries.set(entry.file, entry as Provenance);
  }
  return { entries, problems };
}
