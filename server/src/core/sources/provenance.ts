/**
 * Where a source came from (FORMAT.md section 8): the `sources.yaml` of the
 * folder a source is in, one entry per file, written by `fact-notes
 * snapshot` or by hand. Every key but `file` is optional. A malformed file
 * gives problems with their lines; it never stops citations from being
 * checked.
 */
import { isMap, isScalar, isSeq, stringify as stringifyYaml, type Node } from 'yaml';
import { parseYaml } from '../parse';
import { LineIndex, lineEndAt, lineStartAt } from '../text';

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
  /** The file is not valid YAML there (nothing is added to such a file). */
  readonly syntax?: true;
}

export interface ProvenanceIndex {
  /** By file name as written in `file`. */
  readonly entries: ReadonlyMap<string, Provenance>;
  /** Where each entry is in `sources.yaml` (offsets), and its `sha256` value, by file name. */
  readonly places: ReadonlyMap<string, { readonly entry: Span; readonly sha256?: Span; readonly sha256Range?: Range }>;
  readonly problems: readonly ProvenanceProblem[];
}

interface Span {
  readonly start: number;
  readonly end: number;
}

interface Range {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/** Reads a `sources.yaml`. Never throws. */
export function readProvenance(text: string): ProvenanceIndex {
  const entries = new Map<string, Provenance>();
  const places = new Map<string, { entry: Span; sha256?: Span; sha256Range?: Range }>();
  const problems: ProvenanceProblem[] = [];
  const lines = new LineIndex(text);
  const lineOf = (offset: number | undefined) => lines.positionAt(offset ?? 0).line + 1;
  // A problem covers the line it is on, without its line break.
  const problem = (offset: number | undefined, message: string): ProvenanceProblem => {
    const at = Math.min(offset ?? 0, text.length);
    const start = lineStartAt(text, at);
    const span = { start, end: Math.max(start, lineEndAt(text, at)) };
    return { line: lineOf(at), span, range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) }, message };
  };
  const doc = parseYaml(text, { prettyErrors: false });
  for (const e of doc.errors) problems.push({ ...problem(e.pos[0], 'This line is not valid YAML; the entries after it may not be read.'), syntax: true });
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return { entries, places, problems };
  if (!isSeq(root)) {
    problems.push(problem(root.range?.[0], 'Write sources.yaml as a list of entries, each starting with "- file:".'));
    return { entries, places, problems };
  }
  for (const item of root.items as (Node | null)[]) {
    const at = item?.range?.[0];
    if (!isMap(item)) {
      problems.push(problem(at, 'Write each entry as keys and values, starting with "file:".'));
      continue;
    }
    const entry: Record<string, string> = {};
    let sha256: Span | undefined;
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
      if (key === 'sha256' && value.range) sha256 = { start: value.range[0], end: value.range[1] };
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
    if (item.range) {
      const sha256Range = sha256 && { start: lines.positionAt(sha256.start), end: lines.positionAt(sha256.end) };
      places.set(entry.file, { entry: { start: item.range[0], end: item.range[1] }, ...(sha256 ? { sha256, sha256Range } : {}) });
    }
  }
  return { entries, places, problems };
}

/** The `sources.yaml` a snapshot starts when its folder has none. */
const NEW_FILE_HEADER = `# Where the sources in this folder came from (written by fact-notes snapshot;
# entries may also be written by hand, every key but "file" optional).
`;

/**
 * The text of a `sources.yaml` with an entry for `entry.file` added, or
 * written over the one there when `replace` is set. Everything else in the
 * file, comments and formatting included, stays as it was. `exists` when
 * there is an entry and `replace` is not set; `malformed` (with a problem and
 * its line) when the file cannot take the entry as it stands, so that nothing
 * a person wrote is overwritten.
 */
export function provenanceWithEntry(
  text: string | undefined,
  entry: Provenance,
  replace: boolean,
): { readonly text: string } | { readonly exists: true } | { readonly malformed: ProvenanceProblem } {
  const rendered = renderEntry(entry);
  if (text === undefined || text.trim() === '') return { text: NEW_FILE_HEADER + rendered };
  const index = readProvenance(text);
  const broken = index.problems.find((p) => p.syntax);
  if (broken) return { malformed: broken };
  const place = index.places.get(entry.file);
  if (place && !replace) return { exists: true };
  // Entries are written with the indentation of those there.
  const lead = (p: { entry: Span }) => text.slice(lineStartAt(text, p.entry.start), p.entry.start);
  const last = [...index.places.values()].pop();
  const pad = last && /^ *- +$/.test(lead(last)) ? lead(last).slice(0, lead(last).indexOf('-')) : '';
  const body = rendered.trimEnd().split('\n').map((l) => pad + l).join('\n');
  let next: string;
  if (place) {
    if (!/^ *- +$/.test(lead(place))) return { malformed: problemAt(text, place.entry.start, 'Write this entry as a list item of its own ("- file: ...") so that it can be replaced.') };
    const start = lineStartAt(text, place.entry.start);
    const rest = text.slice(place.entry.end).replace(/^[^\S\n]*(?=\n|$)/, '');
    next = text.slice(0, start) + body + (rest === '' || rest.startsWith('\n') ? rest : `\n${rest}`);
  } else {
    next = `${text.endsWith('\n') ? text : `${text}\n`}${body}\n`;
  }
  // Taken only when the result reads back as the entry and adds no problem.
  const after = readProvenance(next);
  const read = after.entries.get(entry.file);
  const same = read !== undefined && PROVENANCE_KEYS.every((k) => (read[k] ?? '') === (entry[k] ?? ''));
  if (!same || after.problems.length > index.problems.length) {
    return { malformed: index.problems[0] ?? after.problems[0] ?? problemAt(text, text.length, 'The file cannot take another entry.') };
  }
  return { text: next };
}

function problemAt(text: string, offset: number, message: string): ProvenanceProblem {
  const lines = new LineIndex(text);
  const at = lines.positionAt(offset);
  return { line: at.line + 1, span: { start: offset, end: offset }, range: { start: at, end: at }, message };
}

/** One entry as a YAML list item, keys in the format's order. */
function renderEntry(entry: Provenance): string {
  const ordered: Record<string, string> = {};
  for (const key of PROVENANCE_KEYS) {
    const value = entry[key];
    if (value !== undefined && value !== '') ordered[key] = value;
  }
  return stringifyYaml([ordered], { lineWidth: 0 });
}
