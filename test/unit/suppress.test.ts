/**
 * Suppression comments (FORMAT.md section 5): `# fact-notes-ignore
 * CODE[,CODE] -- REASON` on a fact's or citation's first line, or alone on
 * the line above it. Every case is checked both ways, fact by fact and with
 * the whole sheet parsed (`reference: true`), which must agree.
 */
import * as assert from 'node:assert/strict';
import { DEFAULT_OPTIONS, SheetChecker, SourceStore, nodeFileSystem, suppress, type CheckOptions, type SheetCheck } from '../helpers/core';
import { checkInWorkspace, summarize } from '../helpers/check';
import { joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

const ARTICLE = ['The meeting took place in Reykjavik.', 'The talks lasted two hours.', 'Lavrov said the talks were constructive.'];

/** A fact citing `a.txt` line 1 with the quote of line 2: quote-moved. */
const MOVED = ['      - file: a.txt', '        line: 1', '        quote: The talks lasted two hours.'];
/** A citation of a file that does not exist: source-not-found. */
const MISSING = ['      - file: missing.txt', '        line: 1'];

describe('Suppression comments', () => {
  const ws = useTempWorkspace();
  beforeEach(() => {
    ws.current.write('a.txt', joinLines(...ARTICLE));
  });

  /** Checks fact by fact and whole, asserts both agree, and returns the first. */
  function check(text: string, options: Partial<CheckOptions> = {}): SheetCheck & { text: string } {
    const fast = checkInWorkspace(ws.current, text, options);
    const whole = checkInWorkspace(ws.current, text, { ...options, reference: true });
    assert.deepEqual(summarize(text, fast.diagnostics), summarize(text, whole.diagnostics), 'fact by fact as whole: diagnostics');
    assert.deepEqual(ignoredOf(fast), ignoredOf(whole), 'fact by fact as whole: ignored');
    return fast;
  }

  /** `code: covered text (reason, line N)` of each silenced diagnostic. */
  function ignoredOf(c: SheetCheck & { text: string }): string[] {
    return (c.ignored ?? []).map((i) => `${i.diagnostic.code}: ${c.text.slice(i.diagnostic.span.start, i.diagnostic.span.end)} (${i.reason}, line ${i.line})`);
  }

  function codes(c: SheetCheck): string[] {
    return c.diagnostics.map((d) => d.code);
  }

  it('silences the code on the fact below a comment with a reason, and lists it as ignored', () => {
    const text = joinLines('facts:', '  # fact-notes-ignore quote-moved -- the article was rewritten; line 1 is the one meant', '  - claim: Two hours.', '    cite:', ...MOVED);
    const c = check(text);
    assert.deepEqual(codes(c), []);
    assert.deepEqual(ignoredOf(c), ['quote-moved: 1 (the article was rewritten; line 1 is the one meant, line 2)']);
    assert.equal(c.ignored![0].diagnostic.severity, 'error', 'listed with the severity it would have been shown with');
  });

  it('takes the comment at the end of the first line as well, with flexible spaces and codes in any case', () => {
    const text = joinLines('facts:', '  - claim: Two hours.   #   fact-notes-ignore   Quote-Moved ,SOURCE-NOT-FOUND--  why not  ', '    cite:', ...MOVED, ...MISSING);
    const c = check(text);
    assert.deepEqual(codes(c), []);
    assert.deepEqual(ignoredOf(c), ['quote-moved: 1 (why not, line 2)', 'source-not-found: missing.txt (why not, line 2)']);
  });

  it('silences nothing without a reason, and reports the comment itself', () => {
    for (const comment of ['# fact-notes-ignore quote-moved', '# fact-notes-ignore quote-moved --', '# fact-notes-ignore quote-moved --   ']) {
      const text = joinLines('facts:', `  ${comment}`, '  - claim: Two hours.', '    cite:', ...MOVED);
      const c = check(text);
      assert.deepEqual(summarize(text, c.diagnostics), [`invalid-suppression: ${comment.trimEnd()}`, 'quote-moved: 1'], comment);
      assert.equal(c.diagnostics[0].message, 'Say why after "--": a fact-notes-ignore comment without a reason silences nothing.');
      assert.equal(c.diagnostics[0].severity, 'warning');
      assert.equal(c.ignored, undefined);
    }
  });

  it("counts the quick fix's placeholder REASON as no reason", () => {
    const text = joinLines('facts:', '  - claim: Two hours.', '    cite:', '      # fact-notes-ignore quote-moved -- REASON', ...MOVED);
    const c = check(text);
    assert.deepEqual(codes(c), ['invalid-suppression', 'quote-moved']);
    assert.match(c.diagnostics[0].message, /^Say why after "--" in place of "REASON": /);
  });

  it('reports an unknown code with the code it is close to, and still applies the others', () => {
    const text = joinLines('facts:', '  # fact-notes-ignore quote-moveed, source-not-found -- both known', '  - claim: Two hours.', '    cite:', ...MOVED, ...MISSING);
    const c = check(text);
    assert.deepEqual(summarize(text, c.diagnostics), ['invalid-suppression: quote-moveed', 'quote-moved: 1']);
    assert.equal(c.diagnostics[0].message, 'Did you mean "quote-moved"? There is no code "quote-moveed"; the other codes of this comment still apply.');
    assert.deepEqual(ignoredOf(c), ['source-not-found: missing.txt (both known, line 2)']);
    const far = check(joinLines('facts:', '  # fact-notes-ignore nonsense -- why', '  - claim: Two hours.', '    cite:', ...MOVED));
    assert.match(far.diagnostics[0].message, /^Write a code from the Problems panel, such as "quote-moved": there is no code "nonsense"\./);
    for (const d of [...c.diagnostics, ...far.diagnostics]) assert.doesNotMatch(d.message, /`/, 'no backticks');
  });

  it('refuses yaml-syntax and invalid-suppression, which cannot be silenced', () => {
    const text = joinLines('facts:', '  # fact-notes-ignore yaml-syntax, invalid-suppression -- no', '  - claim: Two hours.', '    cite:', ...MOVED);
    const c = check(text);
    assert.deepEqual(summarize(text, c.diagnostics), ['invalid-suppression: yaml-syntax', 'invalid-suppression: invalid-suppression', 'quote-moved: 1']);
    assert.match(c.diagnostics[0].message, /^Fix the YAML instead: "yaml-syntax" cannot be silenced/);
    // A comment's own problem is not silenced by another comment either.
    const again = check(joinLines('facts:', '  # fact-notes-ignore invalid-suppression -- quiet', '  # fact-notes-ignore quote-moved', '  - claim: Two hours.', '    cite:', ...MOVED));
    assert.deepEqual(codes(again), ['invalid-suppression', 'invalid-suppression', 'quote-moved']);
  });

  it("silences a fact's codes in all its citations, a citation's in that citation only", () => {
    const twice = [...MOVED, ...MOVED];
    const fact = check(joinLines('facts:', '  # fact-notes-ignore quote-moved -- both', '  - claim: Two hours.', '    cite:', ...twice));
    assert.deepEqual(codes(fact), []);
    assert.equal(fact.ignored?.length, 2);
    const first = joinLines('facts:', '  - claim: Two hours.', '    cite:', '      # fact-notes-ignore quote-moved -- the first only', ...twice);
    const c = check(first);
    assert.deepEqual(codes(c), ['quote-moved']);
    assert.ok(c.diagnostics[0].span.start > first.indexOf('line: 1', first.indexOf('line: 1') + 1) - 1, "the second citation's is left");
    assert.deepEqual(ignoredOf(c), ['quote-moved: 1 (the first only, line 4)']);
    // At the end of the citation's first line, and a compact citation (one line).
    const trailing = check(joinLines('facts:', '  - claim: Two hours.', '    cite:', '      - file: a.txt  # fact-notes-ignore quote-moved -- here', ...MOVED.slice(1), '      - missing.txt:1  # fact-notes-ignore source-not-found -- later'));
    assert.deepEqual(codes(trailing), []);
    assert.deepEqual(ignoredOf(trailing), ['quote-moved: 1 (here, line 4)', 'source-not-found: missing.txt (later, line 7)']);
    // Another fact is not covered.
    const other = check(joinLines('facts:', '  # fact-notes-ignore quote-moved -- this one', '  - claim: One.', '    cite: a.txt:1', '  - claim: Two hours.', '    cite:', ...MOVED));
    assert.deepEqual(codes(other), ['quote-moved']);
    assert.equal(other.ignored, undefined, 'nothing silenced: the code does not occur in the first fact, which is fine');
  });

  it('takes stacked comments above a first line, but not one a blank line away', () => {
    const stacked = joinLines('facts:', '  - claim: Two hours.', '    cite:', '      # fact-notes-ignore source-not-found -- one', '      # fact-notes-ignore quote-moved -- two', ...MOVED);
    assert.deepEqual(ignoredOf(check(stacked)), ['quote-moved: 1 (two, line 5)']);
    const apart = joinLines('facts:', '  # fact-notes-ignore quote-moved -- too far', '', '  - claim: Two hours.', '    cite:', ...MOVED);
    const c = check(apart);
    assert.deepEqual(summarize(apart, c.diagnostics), ['invalid-suppression: # fact-notes-ignore quote-moved -- too far', 'quote-moved: 1']);
    assert.match(c.diagnostics[0].message, /^Put this comment on the first line of a fact or a citation, or alone on the line above it/);
    // Not the line of a key inside the fact (`cite:`) either.
    const key = check(joinLines('facts:', '  - claim: Two hours.', '    cite:  # fact-notes-ignore quote-moved -- no', ...MOVED));
    assert.deepEqual(codes(key), ['invalid-suppression', 'quote-moved']);
  });

  it('takes no "#" inside a quoted or block scalar for a comment', () => {
    const quoted = joinLines(
      'facts:',
      '  - claim: "Two # fact-notes-ignore quote-moved -- hours"',
      '    note: \'# fact-notes-ignore quote-moved -- x\'',
      '    cite:',
      '      - file: a.txt',
      '        line: 1',
      '        quote: "The talks lasted two hours. # fact-notes-ignore quote-moved -- no"',
    );
    const c = check(quoted);
    assert.deepEqual(codes(c), ['quote-not-found']);
    assert.equal(c.ignored, undefined);
    const block = joinLines('facts:', '  - claim: |', '      # fact-notes-ignore quote-moved -- in the text', '    cite:', ...MOVED, '  - claim: Other.', '    unknown: |', '      # fact-notes-ignore x', '    cite: a.txt:1');
    assert.deepEqual(codes(check(block)), ['quote-moved', 'unknown-key'], 'neither is a comment: nothing reported, nothing silenced');
  });

  it('keeps a code that is off off, and lets invalid-suppression be turned off', () => {
    const text = joinLines('facts:', '  # fact-notes-ignore quote-moved, nonsense -- off anyway', '  - claim: Two hours.', '    cite:', ...MOVED);
    const off = check(text, { severity: { 'quote-moved': 'off' } });
    assert.deepEqual(codes(off), ['invalid-suppression']);
    assert.equal(off.ignored, undefined, 'a code that is off is not listed as silenced');
    const quiet = check(text, { severity: { 'invalid-suppression': 'off', 'quote-moved': 'warning' } });
    assert.deepEqual(codes(quiet), []);
    assert.equal(quiet.ignored?.[0].diagnostic.severity, 'warning');
  });

  it('works with CRLF line ends and the comment on the first fact of a sheet with a head', () => {
    const text = ['title: T', 'facts:', '  - claim: Two hours.  # fact-notes-ignore quote-moved -- crlf', '    cite:', ...MOVED, ''].join('\r\n');
    const c = check(text);
    assert.deepEqual(codes(c), []);
    assert.deepEqual(ignoredOf(c), ['quote-moved: 1 (crlf, line 3)']);
  });

  it('costs nothing on a sheet without the word, and reports nothing for a mention in prose', () => {
    assert.equal(suppress('facts: []\n', { facts: [] }, []), undefined);
    const text = joinLines('# Use fact-notes-ignore comments sparingly.', 'facts:', '  - claim: Two hours.', '    cite:', ...MOVED);
    assert.deepEqual(codes(check(text)), ['quote-moved']);
  });

  it('follows edits in an incremental check as a fresh check does', () => {
    const store = new SourceStore(nodeFileSystem, ws.current.root, DEFAULT_OPTIONS.maxSourceBytes);
    const checker = new SheetChecker(store, DEFAULT_OPTIONS);
    const sheetPath = ws.current.write('notes.facts.yaml', '');
    const fact = (n: number, comment: string) => [`  - claim: Fact ${n}.${comment}`, '    cite:', ...MOVED];
    const versions = [
      joinLines('facts:', ...fact(1, ''), ...fact(2, '  # fact-notes-ignore quote-moved -- two'), ...fact(3, '')),
      joinLines('facts:', ...fact(1, ' More.'), ...fact(2, '  # fact-notes-ignore quote-moved -- two'), ...fact(3, '')),
      joinLines('facts:', ...fact(1, ' More.'), ...fact(2, '  # fact-notes-ignore quote-moved'), ...fact(3, '')),
      joinLines('facts:', ...fact(1, ''), ...fact(2, ''), ...fact(3, '  # fact-notes-ignore quote-moved -- three')),
    ];
    for (const text of versions) {
      const incremental = { ...checker.check(sheetPath, text), text };
      const fresh = checkInWorkspace(ws.current, text);
      assert.deepEqual(summarize(text, incremental.diagnostics), summarize(text, fresh.diagnostics));
      assert.deepEqual(ignoredOf(incremental), ignoredOf(fresh));
    }
    assert.deepEqual(ignoredOf({ ...checker.check(sheetPath, versions[3]), text: versions[3] }), ['quote-moved: 1 (three, line 12)']);
  });
});
