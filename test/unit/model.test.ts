/**
 * Issue 12: the model walks itself. `forEachSpan` and `forEachValue` are the
 * one list of a fact's spans and values that moving and detaching kept
 * results use; a key added to the model but not to them would leave its span
 * behind on the next edit. So every span and every value found by a blind
 * walk over a fact with every key must be one the walk gives.
 */
import * as assert from 'node:assert/strict';
import { forEachSpan, forEachValue, parseSheet, type Fact, type ScalarValue, type Span } from '../helpers/core';
import { joinLines } from '../helpers/text';

const EVERY_KEY = joinLines(
  'title: T',
  'sources: .',
  'facts:',
  '  - id: f1',
  '    claim: The talks lasted two hours.',
  '    tags: [meeting, length]',
  '    note: One outlet says 105 minutes.',
  '    cite:',
  '      - file: a.txt',
  '        line: 2-3',
  '        quote: about two hours',
  '      - b.txt:4',
  '      - "c.txt:5"',
);

/** Every object with a numeric start and end (a span), and every object with a string value and a span (a value), anywhere under `root`. */
function blindWalk(root: unknown): { spans: Set<Span>; values: Set<ScalarValue> } {
  const spans = new Set<Span>();
  const values = new Set<ScalarValue>();
  const seen = new Set<unknown>();
  const visit = (x: unknown): void => {
    if (x === null || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    const o = x as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') spans.add(o as unknown as Span);
    if (typeof o.value === 'string' && typeof o.span === 'object') values.add(o as unknown as ScalarValue);
    for (const v of Object.values(o)) visit(v);
  };
  visit(root);
  return { spans, values };
}

describe('The model walks itself (forEachSpan, forEachValue)', () => {
  const fact = parseSheet(EVERY_KEY).sheet.facts[0] as Fact;

  it('Should give every span of a fact with every key, as a blind walk finds them', () => {
    const walked = new Set<Span>();
    forEachSpan(fact, (s) => walked.add(s));
    const blind = blindWalk(fact).spans;
    assert.equal(blind.size, walked.size);
    for (const s of blind) assert.ok(walked.has(s), `a span the walk misses: ${JSON.stringify(s)}`);
  });

  it('Should give every value of a fact with every key, as a blind walk finds them', () => {
    const walked = new Set<ScalarValue>();
    forEachValue(fact, (v) => walked.add(v));
    const blind = blindWalk(fact).values;
    assert.deepEqual([...walked].map((v) => v.value), ['f1', 'The talks lasted two hours.', 'One outlet says 105 minutes.', 'meeting', 'length', 'a.txt', '2-3', 'about two hours', 'b.txt', '4', 'c.txt', '5']);
    assert.equal(blind.size, walked.size);
    for (const v of blind) assert.ok(walked.has(v), `a value the walk misses: ${v.value}`);
  });
});
