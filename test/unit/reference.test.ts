/**
 * Issue 12: every shortcut of the core against the plain computation that
 * `reference: true` gives (the `yaml` package's parser over the whole sheet,
 * full normalization of quotes and sources, sources decoded whole, every
 * fact checked afresh). The fuzz suite's `reference` property does the same
 * on random sheets; these are the samples and the cases each shortcut has.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_OPTIONS, REPO_ROOT, SheetChecker, SourceStore, checkSheet, findExact, locateQuote, nodeFileSystem, parseSheet, prepareQuote, SourceText, type FactDiagnostic, type SheetCheck } from '../helpers/core';
import { joinLines } from '../helpers/text';

const SAMPLES = path.join(REPO_ROOT, 'samples');
const SHEETS = ['reykjavik.facts.yaml', 'broken.facts.yaml'];
const REFERENCE = { ...DEFAULT_OPTIONS, reference: true };

/** Diagnostics in text order: a sheet read fact by fact gives each fact's syntax errors with it, read whole all of them first. */
const inOrder = (ds: readonly FactDiagnostic[]): string[] => ds.map((d) => JSON.stringify(d)).sort();

function check(name: string, reference: boolean): SheetCheck {
  const sheetPath = path.join(SAMPLES, name);
  const store = new SourceStore(nodeFileSystem, SAMPLES, DEFAULT_OPTIONS.maxSourceBytes, { reference });
  return checkSheet(sheetPath, fs.readFileSync(sheetPath, 'utf8'), store, reference ? REFERENCE : DEFAULT_OPTIONS);
}

describe('Shortcuts against the reference (issue 12)', () => {
  for (const name of SHEETS) {
    it(`reads ${name} fact by fact as the yaml package reads it whole`, () => {
      const text = fs.readFileSync(path.join(SAMPLES, name), 'utf8');
      const fast = parseSheet(text);
      const reference = parseSheet(text, { reference: true });
      assert.deepStrictEqual(fast.sheet, reference.sheet);
      assert.deepStrictEqual(inOrder(fast.diagnostics), inOrder(reference.diagnostics));
    });

    it(`checks ${name} as the plain computation does`, () => {
      const fast = check(name, false);
      const reference = check(name, true);
      assert.deepStrictEqual(inOrder(fast.diagnostics), inOrder(reference.diagnostics));
      const statuses = (c: SheetCheck) => JSON.stringify(c.citations.map((x) => [x.status, x.lines, x.match]));
      assert.deepStrictEqual(statuses(fast), statuses(reference));
    });
  }

  it('finds a plainly written quote by normalizing it under reference, with no verbatim form', () => {
    assert.deepEqual(prepareQuote('talks lasted an hour'), { normalized: 'talks lasted an hour', parts: ['talks lasted an hour'], verbatim: ['talks lasted an hour'] });
    assert.deepEqual(prepareQuote('talks lasted an hour', { reference: true }), { normalized: 'talks lasted an hour', parts: ['talks lasted an hour'], verbatim: [] });
    assert.deepEqual(prepareQuote('“It’s  late”', { reference: true }), { normalized: prepareQuote('“It’s  late”').normalized, parts: prepareQuote('“It’s  late”').parts, verbatim: [] });
  });

  it('finds a quote elsewhere in the source as written and as normalized alike', () => {
    const source = new SourceText('/s.txt', joinLines('Nothing here.', 'The talks lasted an hour.', 'More.', 'The talks lasted an hour, again.'));
    for (const quote of ['talks lasted an hour', 'talks … an hour']) {
      const q = prepareQuote(quote);
      const r = prepareQuote(quote, { reference: true });
      assert.deepEqual(findExact(source, q, 1), findExact(source, r, 1, { reference: true }), quote);
      assert.deepEqual(locateQuote(source, q, { first: 3, last: 3 }, 0.2), locateQuote(source, r, { first: 3, last: 3 }, 0.2, { reference: true }), quote);
    }
  });

  it('checks every fact afresh under reference, keeping nothing between checks', () => {
    const sheetPath = path.join(SAMPLES, 'reykjavik.facts.yaml');
    const text = fs.readFileSync(sheetPath, 'utf8');
    const store = new SourceStore(nodeFileSystem, SAMPLES, DEFAULT_OPTIONS.maxSourceBytes, { reference: true });
    const checker = new SheetChecker(store, REFERENCE);
    const first = checker.check(sheetPath, text);
    const edited = `# one line more\n${text}`;
    const second = checker.check(sheetPath, edited);
    // Kept results are moved in place; under reference nothing is kept, so the first check's facts stay where they were.
    assert.equal(first.sheet.facts[0].claim!.span.start, text.indexOf('claim:') + 'claim: '.length);
    assert.equal(second.sheet.facts[0].claim!.span.start, first.sheet.facts[0].claim!.span.start + '# one line more\n'.length);
    assert.equal(store.readsAhead, false, 'nothing is read ahead: each source is read and decoded whole when loaded');
  });
});
