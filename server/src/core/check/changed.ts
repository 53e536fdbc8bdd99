/**
 * `source-changed` (FORMAT.md sections 5 and 8): a source whose `sources.yaml`
 * entry records a SHA-256 that its text no longer has. The evidence was
 * edited after it was saved, so a quote that matches it proves less than it
 * seems: each citation of it is told, and its fix records the current text
 * as the snapshot, in `sources.yaml`, never without asking.
 */
import * as path from 'node:path';
import { PROVENANCE_FILE } from '../sources/provenance';
import type { SourceStore } from '../sources/sources';
import { DEFAULT_SEVERITY, type FactDiagnostic, type Fix } from '../types';
import { inTextOrder } from './order';
import type { CitationCheck } from './results';

/** The diagnostics with a `source-changed` after each citation of a changed source. */
export function withChangedSources(citations: readonly CitationCheck[], diagnostics: readonly FactDiagnostic[], store: SourceStore): readonly FactDiagnostic[] {
  const added: FactDiagnostic[] = [];
  const known = answersOf(store);
  // A sheet's citations of one source mostly come one after another.
  let last: string | undefined;
  let changed: Changed | undefined;
  for (const c of citations) {
    const file = c.citation.file;
    if (!c.sourcePath || !file) continue;
    if (c.sourcePath !== last) {
      last = c.sourcePath;
      changed = known.get(last);
      if (changed === undefined && !known.has(last)) {
        changed = changedSource(store, last);
        known.set(last, changed);
      }
    }
    if (changed) added.push({ ...changed, span: file.span });
  }
  return inTextOrder(diagnostics, added);
}

type Changed = Omit<FactDiagnostic, 'span'>;

/**
 * The answers of a store, by source path, until any of its files changes (a
 * plain map: asked once per citation on every check, the store's keyed
 * memos would cost a string per citation).
 */
const answers = new WeakMap<SourceStore, { at: number; bySource: Map<string, Changed | undefined> }>();

function answersOf(store: SourceStore): Map<string, Changed | undefined> {
  let kept = answers.get(store);
  if (!kept || kept.at !== store.now()) {
    kept = { at: store.now(), bySource: new Map() };
    answers.set(store, kept);
  }
  return kept.bySource;
}

/** The diagnostic (without its place) for a source whose recorded SHA-256 it no longer has. */
function changedSource(store: SourceStore, realPath: string): Changed | undefined {
  {
    const dir = path.dirname(realPath);
    const name = path.basename(realPath);
    const index = store.provenanceIn(dir);
    const entry = index?.entries.get(name);
    const place = index?.places.get(name);
    if (!entry?.sha256 || !place?.sha256Range) return undefined;
    const digest = store.digestOf(realPath);
    if (digest === undefined || digest === entry.sha256.toLowerCase()) return undefined;
    const when = entry.retrieved ? ` on ${entry.retrieved.slice(0, 10)}` : '';
    const from = entry.url ? ` from "${entry.url}"` : '';
    // The original `fact-notes snapshot` keeps beside the text, when it is there.
    const stem = name.replace(/\.txt$/i, '');
    const listed = store.files(dir);
    const original = ['html', 'pdf'].map((ext) => `${stem}.orig.${ext}`).find((n) => listed.has(n));
    const compare = original ? `with its original, "${original}",` : 'with where it came from';
    const fix: Fix = {
      title: 'Record the current text as the snapshot',
      edits: [],
      preferred: false,
      elsewhere: { path: path.join(dir, PROVENANCE_FILE), edits: [{ range: place.sha256Range, newText: digest }] },
    };
    return {
      code: 'source-changed',
      severity: DEFAULT_SEVERITY['source-changed'],
      message: `Compare "${name}" ${compare} before relying on it: its text has changed since it was saved${when}${from} (it no longer has the SHA-256 recorded in ${PROVENANCE_FILE}).`,
      fixes: [fix],
    };
  }
}
