/**
 * Issue 13: paste as citation. Words copied from an article and pasted into
 * a sheet become the citation of their file and lines: in the fact pasted
 * in, or as a new fact on an empty line of the list.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyEdits, parseSheet, pasteCitation } from '../helpers/core';
import { checkInWorkspace } from '../helpers/check';
import { joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

const ARTICLE = joinLines('Nothing here.', 'The talks lasted one hour and 45 minutes.', 'More.');

describe('Paste as citation (issue 13)', () => {
  const ws = useTempWorkspace('fact-notes-paste-');
  const sheetPath = () => ws.current.path('notes.facts.yaml');
  const article = () => ws.current.path('articles', 'a.txt');
  const sheet = joinLines('sources: articles', 'facts:', '  - claim: The talks were long.', '    cite:', '      - file: a.txt', '        line: 3', '', '  - claim: Another.', '    cite: a.txt:1', '');

  beforeEach(() => ws.current.write('articles/a.txt', ARTICLE));

  it('adds the citation to the fact it is pasted in, wherever in the fact', () => {
    for (const at of [sheet.indexOf('claim: The talks') + 3, sheet.indexOf('line: 3') + 4]) {
      const r = pasteCitation(sheetPath(), sheet, at, article(), { first: 2, last: 2 }, 'lasted one hour and 45 minutes');
      assert.equal(r.kind, 'fact');
      if (r.kind !== 'fact') return;
      assert.equal(r.index, 0);
      const after = applyEdits(sheet, [r.edit]);
      const fact = parseSheet(after).sheet.facts[0];
      assert.deepEqual(fact.citations.map((c) => [c.file?.value, c.line?.value, c.quote?.value]), [
        ['a.txt', '3', undefined],
        ['a.txt', '2', 'lasted one hour and 45 minutes'],
      ]);
      assert.deepEqual(checkInWorkspace(ws.current, after).diagnostics.map((d) => d.code), []);
    }
  });

  it('starts a new fact on an empty line of the list, with the claim to write', () => {
    const at = sheet.length; // the empty line at the end
    const r = pasteCitation(sheetPath(), sheet, at, article(), { first: 2, last: 3 }, ' The talks lasted\n one hour ');
    assert.equal(r.kind, 'new');
    if (r.kind !== 'new') return;
    const after = sheet + r.before + r.claim + r.after + '\n';
    assert.equal(
      after.slice(sheet.length),
      ['  - claim: Write the claim these words support.', '    cite:', '      - file: a.txt', '        line: "2-3"', '        quote: The talks lasted one hour', ''].join('\n'),
    );
    const parsed = parseSheet(after);
    assert.deepEqual(parsed.diagnostics, []);
    assert.equal(parsed.sheet.facts.length, 3);
  });

  it('pads a new fact from the start of an empty line to the list\'s indentation, and keeps CRLF', () => {
    const crlf = sheet.replace(/\n/g, '\r\n');
    const r = pasteCitation(sheetPath(), crlf, crlf.length, article(), { first: 2, last: 2 }, 'The talks');
    assert.equal(r.kind, 'new');
    if (r.kind !== 'new') return;
    assert.equal(r.before, '  - claim: ');
    assert.ok(r.after.split('\r\n').length === 5 && !/[^\r]\n/.test(r.after), JSON.stringify(r.after));
  });

  it('pastes plain text elsewhere: in the head, on a line with text, or deeper than the list', () => {
    const head = pasteCitation(sheetPath(), sheet, 3, article(), { first: 2, last: 2 }, 'The talks');
    assert.equal(head.kind, 'none');
    const deeper = sheet + '      ';
    assert.equal(pasteCitation(sheetPath(), deeper, deeper.length, article(), { first: 2, last: 2 }, 'The talks').kind, 'none');
  });

  it('names the file relative to the sheet\'s sources folder', () => {
    const r = pasteCitation(sheetPath(), sheet, sheet.length, path.join(ws.current.root, 'other', 'b.txt'), { first: 1, last: 1 }, 'x');
    assert.equal(r.kind, 'new');
    if (r.kind === 'new') assert.match(r.after, /- file: \.\.\/other\/b\.txt$/m);
  });
});
