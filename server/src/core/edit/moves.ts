/**
 * Renames and moves that never break a citation (FORMAT.md section 6): for
 * files and folders moved (an article, a folder of articles, a sheet, or a
 * folder holding sheets and articles alike), the edits to one sheet that
 * keep each of its citations pointing at the same article, wherever the
 * article and the sheet now are. Each `file` value is rewritten in place
 * (its quoting, the compact `FILE:LINE` form) relative to the sheet's
 * sources folder; a sheet's `sources` value follows a moved sources folder,
 * or the sheet itself moving elsewhere, so that a folder rename is one edit
 * per sheet, not one per citation.
 */
import * as path from 'node:path';
import { parseSheet, renderScalar } from '../parse';
import { sourcesDirOf } from '../sources/sources';
import type { Citation, ScalarValue } from '../model';
import type { TextEdit } from '../types';
import { applyEdits } from './edits';

/** A file or folder moved from one absolute path to another. */
export interface Move {
  readonly from: string;
  readonly to: string;
}

/** One value of a sheet rewritten for moves, for a report: the key, the value as it was and as it is now. */
export interface MovedValue {
  readonly key: 'file' | 'sources';
  readonly before: string;
  readonly after: string;
  /** Offset of the value in the sheet's text. */
  readonly at: number;
}

export interface SheetMoveEdits {
  readonly edits: readonly TextEdit[];
  readonly changed: readonly MovedValue[];
  /** Values that should change but cannot be rewritten in place (an escaped compact citation, say), as written. */
  readonly stuck: readonly MovedValue[];
}

/** Where `p` is after the moves: the most specific move of it or of a folder holding it; undefined when none moves it. */
export function movedPath(p: string, moves: readonly Move[]): string | undefined {
  let best: Move | undefined;
  for (const m of moves) {
    if ((p === m.from || p.startsWith(m.from + path.sep)) && (!best || m.from.length > best.from.length)) best = m;
  }
  return best && best.to + p.slice(best.from.length);
}

/** A path as a `file` or `sources` value: relative, with forward slashes. */
function asValue(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/') || '.';
}

/**
 * The edits to the sheet at `sheetPath` (text `text`) that keep its
 * citations pointing at the same articles after `moves`. Edits are to the
 * text as it is (before the moves); none when nothing it cites moves.
 */
export function sheetEditsForMoves(sheetPath: string, text: string, moves: readonly Move[]): SheetMoveEdits {
  const { sheet } = parseSheet(text);
  const oldSources = sourcesDirOf(sheetPath, sheet);
  const newSheetDir = path.dirname(movedPath(sheetPath, moves) ?? sheetPath);
  const edits: TextEdit[] = [];
  const changed: MovedValue[] = [];
  const stuck: MovedValue[] = [];
  const rewrite = (key: MovedValue['key'], value: ScalarValue, after: string): void => {
    const entry = { key, before: value.value, after, at: value.span.start };
    if (!value.editable) {
      stuck.push(entry);
      return;
    }
    edits.push({ span: value.span, newText: renderScalar(after, value) });
    changed.push(entry);
  };

  // The sources folder after the moves, and where the sheet's `sources` value (or, without one, its own folder) leads.
  const wantedSources = movedPath(oldSources, moves) ?? oldSources;
  let newSources = newSheetDir;
  if (sheet.sources) {
    newSources = path.resolve(newSheetDir, sheet.sources.value);
    if (newSources !== wantedSources) {
      rewrite('sources', sheet.sources, asValue(newSheetDir, wantedSources));
      newSources = wantedSources;
    }
  }
  const files: { citation: Citation; after: string }[] = [];
  for (const fact of sheet.facts) {
    for (const citation of fact.citations) {
      const file = citation.file;
      if (!file || file.value === '' || path.isAbsolute(file.value)) continue;
      const target = path.resolve(oldSources, file.value);
      const after = movedPath(target, moves) ?? target;
      if (path.resolve(newSources, file.value) === after) continue;
      const value = asValue(newSources, after);
      rewrite('file', file, value);
      files.push({ citation, after: value });
    }
  }
  if (edits.length === 0) return { edits, changed, stuck };
  // Each rewritten value must read back as written (a new name with "#" or ": " in a compact citation might not).
  const reread = parseSheet(applyEdits(text, edits)).sheet;
  const values = reread.facts.flatMap((f) => f.citations.map((c) => c.file?.value));
  const before = sheet.facts.flatMap((f) => f.citations);
  const expected = new Map(files.map((f) => [f.citation, f.after]));
  const readsBack =
    values.length === before.length &&
    before.every((c, i) => values[i] === (expected.get(c) ?? c.file?.value)) &&
    (!sheet.sources || reread.sources?.value === (changed.find((c) => c.key === 'sources')?.after ?? sheet.sources.value));
  if (!readsBack) return { edits: [], changed: [], stuck: [...stuck, ...changed] };
  return { edits, changed, stuck };
}
