import * as assert from 'node:assert/strict';
import { applyEdits, parseSheet, type FactDiagnostic, type Fix } from '../helpers/core';
import { checkInWorkspace, only, summarize } from '../helpers/check';
import { covered, joinLines, offsetOf, spanOf, withCursor } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

function diagnosticsOf(text: string): readonly FactDiagnostic[] {
  return parseSheet(text).diagnostics;
}

/** Applies one fix and returns the new text. */
function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

describe('parseSheet', () => {
  describe('yaml-syntax', () => {
    it('reports yaml-syntax at the position the YAML parser gives and still reads the facts that parsed', () => {
      const text = joinLines(
        'facts:',
        '  - claim: One',
        '    cite:',
        '      - file: a.txt',
        '        line: 1',
        '        quote: "We are ready," he said',
        '  - claim: Two',
        '    cite: b.txt:2',
      );
      const { sheet, diagnostics } = parseSheet(text);
      const d = only(diagnostics, 'yaml-syntax');
      assert.equal(d.severity, 'error');
      assert.deepEqual(d.span, spanOf(text, 'he said'));
      assert.deepEqual(d.fixes, []);
      assert.equal(diagnostics.length, 1);
      assert.deepEqual(
        sheet.facts.map((f) => f.claim?.value),
        ['One', 'Two'],
      );
      const second = sheet.facts[1].citations[0];
      assert.equal(second.file?.value, 'b.txt');
      assert.equal(second.line?.first, 2);
    });

    it('gives a one-line message without the parser\'s code excerpt', () => {
      const text = joinLines('facts:', '  - claim: "unclosed', '    cite: a.txt:1');
      const d = only(diagnosticsOf(text), 'yaml-syntax');
      assert.ok(!d.message.includes('\n'), d.message);
      assert.match(d.message, /^Missing closing "quote/);
      assert.ok(d.span.start >= 0 && d.span.end <= text.length && d.span.start <= d.span.end);
    });

    it('reports a tab used for indentation as yaml-syntax on the tab', () => {
      const text = 'facts:\n  - claim: One\n\tcite: a.txt:1\n';
      const d = diagnosticsOf(text).find((x) => x.code === 'yaml-syntax');
      assert.ok(d, 'expected a yaml-syntax diagnostic');
      assert.equal(d.span.start, offsetOf(text, '\t'));
    });

    describe('with real sources', () => {
      const ws = useTempWorkspace();

      it('still checks the other facts of a sheet with a syntax error', () => {
        ws.current.write('a.txt', joinLines('First line.', 'The talks lasted two hours.'));
        const text = joinLines(
          'facts:',
          '  - claim: Broken',
          '    cite:',
          '      - file: a.txt',
          '        line: 1',
          '        quote: "First" line.',
          '  - claim: Moved',
          '    cite:',
          '      - file: a.txt',
          '        line: 1',
          '        quote: The talks lasted two hours.',
        );
        const result = checkInWorkspace(ws.current, text);
        assert.deepEqual(summarize(text, result.diagnostics), ['yaml-syntax: line.', 'quote-moved: 1']);
        assert.equal(result.diagnostics[1].span.start, offsetOf(text, '1', 2));
      });
    });
  });

  describe('invalid-structure', () => {
    function single(text: string): FactDiagnostic {
      const all = diagnosticsOf(text);
      assert.equal(all.length, 1, JSON.stringify(all.map((d) => d.message)));
      assert.equal(all[0].code, 'invalid-structure');
      assert.equal(all[0].severity, 'error');
      assert.deepEqual(all[0].fixes, []);
      return all[0];
    }

    it('reports a sheet with only a comment as empty, on its first line', () => {
      const text = '# only a comment\n';
      const d = single(text);
      assert.equal(covered(text, d.span), '# only a comment');
      assert.match(d.message, /empty/);
    });

    it('reports a sheet that is a list instead of a mapping, on the whole list', () => {
      const text = '- a\n- b\n';
      const d = single(text);
      assert.equal(d.span.start, 0);
      assert.ok(covered(text, d.span).startsWith('- a\n- b'));
      assert.match(d.message, /mapping with a `facts` list/);
    });

    it('reports a sheet without `facts` on its first line', () => {
      const text = joinLines('title: Notes', 'sources: articles');
      const d = single(text);
      assert.equal(covered(text, d.span), 'title: Notes');
      assert.match(d.message, /no `facts` list/);
    });

    it('reports `facts` that is not a list on its value', () => {
      const text = joinLines('facts: 3   # three facts');
      const d = single(text);
      assert.equal(covered(text, d.span), '3');
    });

    it('reports a fact that is not a mapping on the item', () => {
      const text = joinLines('facts:', '  - just text');
      const d = single(text);
      assert.equal(covered(text, d.span), 'just text');
      assert.match(d.message, /must be a mapping with `claim` and `cite`/);
    });

    it('reports a fact without a claim on the `-` of its list item', () => {
      const { text, offset } = withCursor(joinLines('facts:', '  - claim: First', '    cite: a.txt:1', '  |- id: second', '    cite: a.txt:2'));
      const d = single(text);
      assert.deepEqual(d.span, { start: offset, end: offset + 1 });
      assert.match(d.message, /has no `claim`/);
    });

    it('reports an empty claim on its quotes', () => {
      const text = joinLines('facts:', '  - claim: ""', '    cite: a.txt:1');
      const d = single(text);
      assert.equal(covered(text, d.span), '""');
      assert.match(d.message, /claim is empty/);
    });

    it('reports a claim with no value on the `claim` key', () => {
      const text = joinLines('facts:', '  - claim:', '    cite: a.txt:1');
      const d = single(text);
      assert.equal(covered(text, d.span), 'claim');
      assert.match(d.message, /`claim` has no value/);
    });

    it('reports a claim that is a list on the list', () => {
      const text = joinLines('facts:', '  - claim: [a, b]  # two claims', '    cite: a.txt:1');
      const d = single(text);
      assert.equal(covered(text, d.span), '[a, b]');
      assert.match(d.message, /`claim` must be text/);
    });

    it('reports a citation without `file` on its first line', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - line: 5', '        quote: words');
      const d = single(text);
      assert.equal(covered(text, d.span), 'line: 5');
      assert.match(d.message, /no `file`/);
    });

    it('reports a citation without `line` on its first line', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: a.txt', '        quote: words');
      const d = single(text);
      assert.equal(covered(text, d.span), 'file: a.txt');
      assert.match(d.message, /no `line`/);
    });

    it('reports a line that is a word, a fraction, a list or a malformed range on the value', () => {
      for (const value of ['three', '1.5', '[1, 2]', '"3 to 5"']) {
        const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: a.txt', `        line: ${value}   # why`);
        const d = single(text);
        assert.equal(covered(text, d.span), value, value);
        assert.match(d.message, /`line` must be a line number/);
      }
    });

    it('reports a line with no value on the `line` key', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: a.txt', '        line:', '        quote: q');
      const d = single(text);
      assert.equal(covered(text, d.span), 'line');
    });

    it('reports a file that is a list on the list', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: [a.txt]', '        line: 1');
      const d = single(text);
      assert.equal(covered(text, d.span), '[a.txt]');
      assert.match(d.message, /`file` must be text/);
    });

    it('reports an empty file and an empty quote on their values', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: ""', '        line: 1', '        quote: "..."');
      assert.deepEqual(summarize(text, diagnosticsOf(text)), ['invalid-structure: ""', 'invalid-structure: "..."']);
    });

    it('reports a citation that is a number, and a string without a line, on the item', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite: [42, a.txt, b.txt:2]');
      assert.deepEqual(summarize(text, diagnosticsOf(text)), ['invalid-structure: 42', 'invalid-structure: a.txt']);
      assert.equal(parseSheet(text).sheet.facts[0].citations.length, 1);
    });

    it('reports tags that are not a list, and a tag that is a mapping', () => {
      const text = joinLines('facts:', '  - claim: C', '    tags: meeting', '    cite: a.txt:1', '  - claim: D', '    tags: [a, {x: 1}]', '    cite: a.txt:1');
      assert.deepEqual(summarize(text, diagnosticsOf(text)), ['invalid-structure: meeting', 'invalid-structure: {x: 1}']);
    });
  });

  describe('unknown-key', () => {
    it('offers "Did you mean" (preferred) and "Remove the key" (not preferred) for a misspelled key', () => {
      const text = joinLines(
        'facts:',
        '  - claim: C',
        '    cite:',
        '      - file: a.txt',
        '        line: 1',
        '        qoute: the words',
        '  - claim: D',
        '    cite: a.txt:2',
      );
      const d = only(diagnosticsOf(text), 'unknown-key');
      assert.equal(d.severity, 'warning');
      assert.equal(covered(text, d.span), 'qoute');
      assert.match(d.message, /Unknown key `qoute`/);
      assert.match(d.message, /Did you mean `quote`\?/);
      assert.deepEqual(
        d.fixes.map((f) => [f.title, f.preferred]),
        [
          ['Did you mean `quote`?', true],
          ['Remove the key `qoute`', false],
        ],
      );
      assert.deepEqual(d.fixes[0].edits, [{ span: spanOf(text, 'qoute'), newText: 'quote' }]);
      const renamed = applyFix(text, d.fixes[0]);
      assert.equal(renamed, text.replace('qoute:', 'quote:'));
      assert.deepEqual(diagnosticsOf(renamed), []);
      assert.equal(parseSheet(renamed).sheet.facts[0].citations[0].quote?.value, 'the words');
    });

    it('removes a key on its own line as whole lines, leaving valid YAML without the key', () => {
      const text = joinLines(
        'facts:  # the list',
        '  - claim: C',
        '    confidence: high  # a guess',
        '    cite: a.txt:1',
        '  - claim: D',
        '    cite: a.txt:2',
      );
      const d = only(diagnosticsOf(text), 'unknown-key');
      assert.equal(covered(text, d.span), 'confidence');
      assert.deepEqual(
        d.fixes.map((f) => [f.title, f.preferred]),
        [['Remove the key `confidence`', false]],
      );
      assert.ok(!d.message.includes('Did you mean'), d.message);
      const removed = applyFix(text, d.fixes[0]);
      assert.equal(removed, joinLines('facts:  # the list', '  - claim: C', '    cite: a.txt:1', '  - claim: D', '    cite: a.txt:2'));
      assert.deepEqual(diagnosticsOf(removed), []);
    });

    it('removes a key that follows `- ` so that the next key takes its place', () => {
      const text = joinLines('facts:', '  - confidence: high', '    claim: C', '    cite: a.txt:1');
      const d = only(diagnosticsOf(text), 'unknown-key');
      assert.equal(covered(text, d.span), 'confidence');
      const remove = d.fixes.find((f) => f.title.startsWith('Remove'));
      assert.ok(remove);
      const removed = applyFix(text, remove);
      assert.equal(removed, joinLines('facts:', '  - claim: C', '    cite: a.txt:1'));
      const reparsed = parseSheet(removed);
      assert.deepEqual(reparsed.diagnostics, []);
      assert.equal(reparsed.sheet.facts[0].claim?.value, 'C');
      assert.equal(reparsed.sheet.facts[0].citations.length, 1);
    });

    it('removes a key with a multi-line value with all its lines', () => {
      const text = joinLines('facts:', '  - claim: C', '    remarks: >-', '      first line', '      second line', '    cite: a.txt:1');
      const d = only(diagnosticsOf(text), 'unknown-key');
      const removed = applyFix(text, d.fixes[d.fixes.length - 1]);
      assert.equal(removed, joinLines('facts:', '  - claim: C', '    cite: a.txt:1'));
    });

    it('removes a key inside a flow mapping with its comma', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite: {file: a.txt, colour: red, line: 1}');
      const d = only(diagnosticsOf(text), 'unknown-key');
      const removed = applyFix(text, d.fixes[d.fixes.length - 1]);
      assert.equal(removed, joinLines('facts:', '  - claim: C', '    cite: {file: a.txt, line: 1}'));
      assert.deepEqual(diagnosticsOf(removed), []);
    });

    it('suggests a known key at the sheet level and ignores case', () => {
      const text = joinLines('titel: Notes', 'facts:', '  - Claim: C', '    cite: a.txt:1');
      const keys = diagnosticsOf(text).filter((d) => d.code === 'unknown-key');
      assert.deepEqual(
        keys.map((d) => [covered(text, d.span), d.fixes[0].title]),
        [
          ['titel', 'Did you mean `title`?'],
          ['Claim', 'Did you mean `claim`?'],
        ],
      );
    });

    it('does not suggest a key the mapping already has', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: a.txt', '        line: 1', '        quote: one', '        qoute: two');
      const d = only(diagnosticsOf(text), 'unknown-key');
      assert.deepEqual(
        d.fixes.map((f) => f.title),
        ['Remove the key `qoute`'],
      );
    });
  });

  describe('missing-citation', () => {
    it('reports a fact without `cite` on its claim', () => {
      const text = joinLines('facts:', '  - claim: Nobody said this.   # todo', '    tags: [x]');
      const d = only(diagnosticsOf(text), 'missing-citation');
      assert.equal(d.severity, 'error');
      assert.equal(covered(text, d.span), 'Nobody said this.');
      assert.deepEqual(d.fixes, []);
      assert.equal(diagnosticsOf(text).length, 1);
    });

    it('reports an empty citation list and an empty `cite` on the claim', () => {
      const text = joinLines('facts:', '  - claim: Empty list.', '    cite: []', '  - claim: Nothing.', '    cite:');
      assert.deepEqual(summarize(text, diagnosticsOf(text)), ['missing-citation: Empty list.', 'missing-citation: Nothing.']);
    });

    it('reports a fact without claim and citations on the `-` of its item', () => {
      const { text, offset } = withCursor(joinLines('facts:', '  |- id: lonely'));
      const all = diagnosticsOf(text);
      assert.deepEqual(only(all, 'missing-citation').span, { start: offset, end: offset + 1 });
      assert.deepEqual(only(all, 'invalid-structure').span, { start: offset, end: offset + 1 });
    });
  });

  describe('duplicate-id', () => {
    it('reports the second and third use of an id, not the first', () => {
      const text = joinLines(
        'facts:',
        '  - id: summit',
        '    claim: A',
        '    cite: a.txt:1',
        '  - id: other',
        '    claim: B',
        '    cite: a.txt:2',
        '  - id: summit  # again',
        '    claim: C',
        '    cite: a.txt:3',
        '  - id: summit',
        '    claim: D',
        '    cite: a.txt:4',
      );
      const all = diagnosticsOf(text);
      assert.deepEqual(
        all.map((d) => [d.code, d.severity, d.span.start]),
        [
          ['duplicate-id', 'error', offsetOf(text, 'summit', 2)],
          ['duplicate-id', 'error', offsetOf(text, 'summit', 3)],
        ],
      );
      assert.equal(covered(text, all[0].span), 'summit');
      assert.match(all[0].message, /`summit` is already used by the fact on line 2/);
      assert.match(all[1].message, /`summit` is already used by the fact on line 2/);
      assert.deepEqual(all[0].fixes, []);
    });
  });

  describe('spans', () => {
    it('underlines a quote without its trailing comment', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: a.txt   # the article', '        line: 3  # third', '        quote: the words   # a comment');
      const citation = parseSheet(text).sheet.facts[0].citations[0];
      assert.equal(covered(text, citation.file!.span), 'a.txt');
      assert.equal(covered(text, citation.line!.span), '3');
      assert.equal(covered(text, citation.quote!.span), 'the words');
      assert.equal(citation.quote!.style, 'plain');
    });

    it('underlines a quoted value with its quotes', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: "a.txt"', "        line: '3-5'", '        quote: "it\'s \\"here\\""  # c');
      const citation = parseSheet(text).sheet.facts[0].citations[0];
      assert.equal(covered(text, citation.file!.span), '"a.txt"');
      assert.equal(covered(text, citation.line!.span), "'3-5'");
      assert.deepEqual([citation.line!.first, citation.line!.last, citation.line!.isRange], [3, 5, true]);
      assert.equal(covered(text, citation.quote!.span), '"it\'s \\"here\\""');
      assert.equal(citation.quote!.value, 'it\'s "here"');
      assert.equal(citation.quote!.style, 'double');
    });

    it('underlines a block scalar quote up to its last character, not the line break after it', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      file: a.txt', '      line: 2', '      quote: >-', '        folded', '        text', '  - claim: D', '    cite: a.txt:1');
      const quote = parseSheet(text).sheet.facts[0].citations[0].quote!;
      assert.equal(quote.value, 'folded text');
      assert.equal(covered(text, quote.span), '>-\n        folded\n        text');
    });

    it('reads a single citation written as a mapping, not a list', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      file: a.txt', '      line: 7');
      const { sheet, diagnostics } = parseSheet(text);
      assert.deepEqual(diagnostics, []);
      assert.equal(sheet.facts[0].citations.length, 1);
      assert.equal(covered(text, sheet.facts[0].citations[0].line!.span), '7');
    });

    it('reads title, sources, id, note and tags with their spans', () => {
      const text = joinLines('title: The title', 'sources: articles  # folder', 'facts:', '  - id: one', '    claim: C', '    note: A note.', '    tags: [a, "b c"]', '    cite: a.txt:1');
      const { sheet, diagnostics } = parseSheet(text);
      assert.deepEqual(diagnostics, []);
      assert.equal(covered(text, sheet.title!.span), 'The title');
      assert.equal(covered(text, sheet.sources!.span), 'articles');
      const fact = sheet.facts[0];
      assert.equal(covered(text, fact.id!.span), 'one');
      assert.equal(covered(text, fact.note!.span), 'A note.');
      assert.deepEqual(
        fact.tags.map((t) => [t.value, covered(text, t.span)]),
        [
          ['a', 'a'],
          ['b c', '"b c"'],
        ],
      );
      assert.deepEqual(fact.marker, { start: offsetOf(text, '- id'), end: offsetOf(text, '- id') + 1 });
    });
  });

  describe('compact citations', () => {
    function citations(text: string) {
      const { sheet, diagnostics } = parseSheet(text);
      assert.deepEqual(diagnostics, []);
      return sheet.facts[0].citations;
    }

    it('reads `FILE:LINE` with separate spans for the file and the line', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite: 004_03f832fef03921f4.txt:6   # Reuters');
      const [c] = citations(text);
      assert.equal(c.compact, true);
      assert.equal(covered(text, c.span), '004_03f832fef03921f4.txt:6');
      assert.equal(c.file!.value, '004_03f832fef03921f4.txt');
      assert.deepEqual(c.file!.span, spanOf(text, '004_03f832fef03921f4.txt'));
      assert.deepEqual(c.line!.span, { start: offsetOf(text, ':6') + 1, end: offsetOf(text, ':6') + 2 });
      assert.deepEqual([c.line!.first, c.line!.last, c.line!.isRange, c.line!.style, c.file!.editable], [6, 6, false, 'compact', true]);
      assert.equal(c.quote, undefined);
    });

    it('reads `FILE:START-END` as a range with the range as the line span', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - dir/a.txt:3-5');
      const [c] = citations(text);
      assert.equal(covered(text, c.file!.span), 'dir/a.txt');
      assert.equal(covered(text, c.line!.span), '3-5');
      assert.deepEqual([c.line!.first, c.line!.last, c.line!.isRange], [3, 5, true]);
    });

    it('reads quoted compact forms with spans inside the quotes', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', "      - 'my file.txt:3-5'", '      - "other.txt:12"');
      const [a, b] = citations(text);
      assert.equal(covered(text, a.span), "'my file.txt:3-5'");
      assert.equal(covered(text, a.file!.span), 'my file.txt');
      assert.equal(covered(text, a.line!.span), '3-5');
      assert.equal(covered(text, b.file!.span), 'other.txt');
      assert.equal(covered(text, b.line!.span), '12');
      assert.ok(a.file!.editable && b.line!.editable);
    });

    it('reads compact forms in a flow list and marks them as in flow', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite: [a.txt:1, b.txt:2–4]');
      const [a, b] = citations(text);
      assert.equal(covered(text, a.line!.span), '1');
      assert.equal(covered(text, b.file!.span), 'b.txt');
      assert.equal(covered(text, b.line!.span), '2–4');
      assert.deepEqual([b.line!.first, b.line!.last], [2, 4]);
      assert.ok(a.file!.inFlow && b.line!.inFlow);
    });

    it('marks a compact form written with escapes as not editable and spans the whole value', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite: "a\\u002etxt:7"');
      const [c] = citations(text);
      assert.equal(c.file!.value, 'a.txt');
      assert.equal(c.file!.editable, false);
      assert.equal(covered(text, c.file!.span), '"a\\u002etxt:7"');
      assert.equal(covered(text, c.line!.span), '"a\\u002etxt:7"');
    });

    it('splits at the last colon, so a file name may contain colons', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite: "notes: day 1.txt:4"');
      const [c] = citations(text);
      assert.equal(c.file!.value, 'notes: day 1.txt');
      assert.equal(covered(text, c.line!.span), '4');
    });
  });

  describe('layouts', () => {
    const zeroIndent = joinLines(
      'title: T',
      'facts:',
      '- id: a',
      '  claim: One   # first',
      '  cite:',
      '  - file: a.txt',
      '    line: 1',
      '    quote: the words  # q',
      '# between the facts',
      '- id: a',
      '  claim: Two',
      '  cite: a.txt:2',
      '  colour: red',
    );

    function shape(text: string) {
      const { sheet, diagnostics } = parseSheet(text);
      return {
        facts: sheet.facts.map((f) => [covered(text, f.claim!.span), ...f.citations.map((c) => [c.file, c.line, c.quote].map((v) => v && covered(text, v.span)))]),
        diagnostics: summarize(text, diagnostics),
      };
    }

    it('reads a list of facts written without indentation', () => {
      assert.deepEqual(shape(zeroIndent), {
        facts: [
          ['One', ['a.txt', '1', 'the words']],
          ['Two', ['a.txt', '2', undefined]],
        ],
        diagnostics: ['unknown-key: colour', 'duplicate-id: a'],
      });
    });

    it('gives the same spans for a sheet with CRLF line ends', () => {
      const crlf = zeroIndent.replace(/\n/g, '\r\n');
      assert.deepEqual(shape(crlf), shape(zeroIndent));
      const removal = only(parseSheet(crlf).diagnostics, 'unknown-key').fixes[0];
      assert.equal(applyFix(crlf, removal), crlf.replace('  colour: red\r\n', ''));
    });

    it('removes an unknown key on the last line of a text without a final line break', () => {
      const text = zeroIndent.trimEnd();
      const removal = only(parseSheet(text).diagnostics, 'unknown-key').fixes[0];
      const removed = applyFix(text, removal);
      assert.equal(removed, text.replace(/\n {2}colour: red$/, '\n'));
      assert.deepEqual(summarize(removed, parseSheet(removed).diagnostics), ['duplicate-id: a']);
    });

    it('reads facts after a `facts:` key that is not last in the sheet', () => {
      const text = joinLines('facts:', '  - claim: One', '    cite: a.txt:1', 'title: After', 'sourcez: x');
      const { sheet, diagnostics } = parseSheet(text);
      assert.equal(sheet.title?.value, 'After');
      assert.equal(sheet.facts.length, 1);
      assert.deepEqual(summarize(text, diagnostics), ['unknown-key: sourcez']);
      assert.equal(only(diagnostics, 'unknown-key').fixes[0].title, 'Did you mean `sources`?');
    });
  });

  it('never throws on arbitrary text', () => {
    for (const text of ['', '\n', ':', '- - -', '{', 'facts: [', 'facts:\n  - *anchor', '\u0000\u0001', 'facts:\n  - claim: &a x\n    id: *a\n    cite: a:1\n']) {
      assert.doesNotThrow(() => parseSheet(text), JSON.stringify(text));
    }
  });
});
