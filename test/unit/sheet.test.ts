import * as assert from 'node:assert/strict';
import { applyEdits, parseSheet, parseWhole, type FactDiagnostic, type Fix } from '../helpers/core';
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

    /** A broken sheet, the text the diagnostic must underline (its `occurrence`-th appearance) and its message. */
    interface SyntaxCase {
      readonly name: string;
      readonly lines: readonly string[];
      readonly underlined: string;
      readonly occurrence?: number;
      readonly message: string;
    }

    const HEAD = ['facts:', '  - claim: One'];
    const SYNTAX_CASES: readonly SyntaxCase[] = [
      {
        name: 'text after a closing double quote (UNEXPECTED_TOKEN)',
        lines: [...HEAD, '    cite:', '      - file: a.txt', '        line: 1', '        quote: "We are ready," he said'],
        underlined: 'he said',
        message: 'The quotation marks close before this text. Put the whole value in single quotes, or remove the extra text.',
      },
      {
        name: 'text after a closing single quote (UNEXPECTED_TOKEN)',
        lines: ['facts:', "  - claim: 'One' more", '    cite: a.txt:1'],
        underlined: 'more',
        message: 'The quotation marks close before this text. Put the whole value in double quotes, or remove the extra text.',
      },
      {
        name: 'text after a closing bracket (UNEXPECTED_TOKEN)',
        lines: [...HEAD, '    tags: [a, b] extra', '    cite: a.txt:1'],
        underlined: 'extra',
        message: 'The text goes on after the closing "]". Put it inside the brackets, or remove it.',
      },
      {
        name: 'a comma too many in brackets (UNEXPECTED_TOKEN)',
        lines: [...HEAD, '    tags: [a,,b]', '    cite: a.txt:1'],
        underlined: ',',
        occurrence: 2,
        message: 'There is one comma too many here.',
      },
      {
        name: 'a list on the line of its key (UNEXPECTED_TOKEN)',
        lines: [...HEAD, '    cite: - a.txt:1'],
        underlined: '-',
        occurrence: 2,
        message: 'A list cannot start on the same line as its key. Start it on the next line.',
      },
      {
        name: 'text after a block scalar indicator (UNEXPECTED_TOKEN)',
        lines: [...HEAD, '    note: >x', '      text', '    cite: a.txt:1'],
        underlined: 'x',
        message: 'Nothing may follow ">" on its line. Start the text on the next line, indented.',
      },
      {
        name: 'a closing bracket never opened (UNEXPECTED_TOKEN)',
        lines: [...HEAD, '    tags: ]a', '    cite: a.txt:1'],
        underlined: ']',
        message: 'This "]" has no "[" before it. Remove it, or put the whole value in quotes.',
      },
      {
        name: 'a double quote never closed (MISSING_CHAR)',
        lines: ['facts:', '  - claim: "We are ready,', '    cite: a.txt:1'],
        underlined: '"We are ready,',
        message: 'The quotation mark opened on line 2 is never closed.',
      },
      {
        name: 'a single quote never closed at the end of the sheet (MISSING_CHAR)',
        lines: [...HEAD, '    cite: a.txt:1', "    note: 'unclosed"],
        underlined: "'unclosed",
        message: 'The quotation mark opened on line 4 is never closed.',
      },
      {
        name: 'a comment without a space before it (MISSING_CHAR)',
        lines: ['facts:', '  - claim: "One"# a comment', '    cite: a.txt:1'],
        underlined: '# a comment',
        message: 'A "#" that starts a comment needs a space before it.',
      },
      {
        name: 'a line without a key (MISSING_CHAR)',
        lines: [...HEAD, '    cite: a.txt:1', 'stray text'],
        underlined: 'stray text',
        message: 'This line has no key in front of it. Write "key: text", or indent it to continue the text above.',
      },
      {
        name: 'a list line without its dash (MISSING_CHAR)',
        lines: [...HEAD, '    cite:', '      - a.txt:1', '      b.txt:2'],
        underlined: 'b.txt:2',
        message: 'This line is in a list but has no "- " in front of it.',
      },
      {
        name: 'a key indented less than the keys above it (MISSING_CHAR)',
        lines: [...HEAD, '   cite: a.txt:1'],
        underlined: 'cite: a.txt:1',
        message: 'This line is indented differently from the lines around it.',
      },
      {
        name: 'a comma missing between items in brackets (UNEXPECTED_TOKEN)',
        lines: [...HEAD, '    tags: [[a] b]', '    cite: a.txt:1'],
        underlined: 'b',
        message: 'A comma is missing between the items in brackets.',
      },
      {
        name: 'a comma missing in braces (UNEXPECTED_TOKEN, then MISSING_CHAR on the same line)',
        lines: [...HEAD, '    note: {a: [1] b: 2}', '    cite: a.txt:1'],
        underlined: 'b',
        message: 'A comma is missing between the items in brackets.',
      },
      {
        name: 'a "%" line at the top (MISSING_CHAR)',
        lines: ['%YAML 1.2', ...HEAD, '    cite: a.txt:1'],
        underlined: '%YAML 1.2',
        message: 'Line 1 starts with "%". Remove it, or put it after a key, in quotes.',
      },
      {
        name: 'a list item indented differently from the others (BAD_INDENT)',
        lines: [...HEAD, '    cite: a.txt:1', '   - claim: Two'],
        underlined: '- claim: Two',
        message: 'This list item is indented differently from the items around it.',
      },
      {
        name: 'a key indented less than the mapping it belongs to (BAD_INDENT)',
        lines: [...HEAD, '    cite:', '      - file: a.txt', '        line: 1', '      quote: words'],
        underlined: 'quote: words',
        message: 'This line is indented differently from the lines around it.',
      },
      {
        name: 'a bracket never closed (BAD_INDENT)',
        lines: [...HEAD, '    tags: [a, b', '    cite: a.txt:1'],
        underlined: '[a, b',
        message: 'The "[" opened on line 3 is never closed. Add "]" where the list ends.',
      },
      {
        name: 'a bracketed list continued without enough indenting (BAD_INDENT)',
        lines: [...HEAD, '    tags: [a,', '    b]', '    cite: a.txt:1'],
        underlined: 'b]',
        message: 'This line continues the "[" of line 3, so it must be indented more than its key.',
      },
      {
        name: 'a block scalar not indented (BAD_INDENT)',
        lines: ['facts:', '  - claim: One', '    cite: a.txt:1', '    note: |', '    text'],
        underlined: 'text',
        message: 'This line has no key in front of it. Write "key: text", or indent it to continue the text above.',
      },
      {
        name: 'a colon and a space in a plain value (BLOCK_AS_IMPLICIT_KEY)',
        lines: ['facts:', '  - claim: Lavrov said: we are ready', '    cite: a.txt:1'],
        underlined: ':',
        occurrence: 3,
        message: 'A colon followed by a space cannot stand in a value without quotes. Put the whole value in quotes.',
      },
      {
        name: 'a colon and a space in a plain value with double quotes in it (BLOCK_AS_IMPLICIT_KEY)',
        lines: ['facts:', '  - claim: He said "yes" to it: really', '    cite: a.txt:1'],
        underlined: ':',
        occurrence: 3,
        message: 'A colon followed by a space cannot stand in a value without quotes. Put the whole value in single quotes.',
      },
      {
        name: 'a list item after a key that already has a value (BLOCK_AS_IMPLICIT_KEY)',
        lines: [...HEAD, '    cite: a.txt:1', '    - b.txt:2'],
        underlined: '- b.txt:2',
        message: 'The key above already has a value, so this list item has nowhere to go.',
      },
      {
        name: 'a key indented more than the one above it (MULTILINE_IMPLICIT_KEY)',
        lines: [...HEAD, '      cite: a.txt:1'],
        underlined: 'cite: a.txt:1',
        message: 'This line is indented differently from the lines around it.',
      },
      {
        name: 'a list dash without a space (MULTILINE_IMPLICIT_KEY)',
        lines: ['facts:', '  -claim: One', '    cite: a.txt:1'],
        underlined: '-',
        occurrence: 1,
        message: 'Put a space after the "-" that starts a list item.',
      },
      {
        name: 'a line of text without a key after a block scalar (MULTILINE_IMPLICIT_KEY)',
        lines: [...HEAD, '    note: |', '      text', '    more', '    cite: a.txt:1'],
        underlined: 'more',
        message: 'This line has no key in front of it. Write "key: text", or indent it to continue the text above.',
      },
      {
        name: 'a key twice in a fact (DUPLICATE_KEY)',
        lines: [...HEAD, '    claim: Two', '    cite: a.txt:1'],
        underlined: 'claim',
        occurrence: 2,
        message: 'The key "claim" appears twice in this fact. Keep one of them.',
      },
      {
        name: 'a key twice in a citation (DUPLICATE_KEY)',
        lines: [...HEAD, '    cite:', '      - file: a.txt', '        line: 1', '        line: 2'],
        underlined: 'line',
        occurrence: 2,
        message: 'The key "line" appears twice in this citation. Keep one of them.',
      },
      {
        name: 'a tab used for indenting (TAB_AS_INDENT)',
        lines: [...HEAD, '\tcite: a.txt:1'],
        underlined: '\t',
        message: 'A tab is used for indenting here; use spaces.',
      },
      {
        name: 'a value starting with "@" (BAD_SCALAR_START)',
        lines: ['facts:', '  - claim: @Lavrov wrote it  # on his account', '    cite: a.txt:1'],
        underlined: '@Lavrov wrote it',
        message: 'A value that starts with "@" must be put in quotes.',
      },
      {
        name: 'a value starting with "%" (BAD_SCALAR_START)',
        lines: ['facts:', '  - claim: %50 more', '    cite: a.txt:1'],
        underlined: '%50 more',
        message: 'A value that starts with "%" must be put in quotes.',
      },
      {
        name: 'a value starting with "*" (UNEXPECTED_TOKEN after an alias)',
        lines: ['facts:', '  - claim: *very* important', '    cite: a.txt:1'],
        underlined: '*very* important',
        message: 'A value that starts with "*" must be put in quotes.',
      },
      {
        name: 'a value starting with "&" alone (BAD_ALIAS)',
        lines: ['facts:', '  - claim: & more', '    cite: a.txt:1'],
        underlined: '& more',
        message: 'A value that starts with "&" must be put in quotes.',
      },
      {
        name: 'a backslash in double quotes (BAD_DQ_ESCAPE)',
        lines: ['facts:', '  - claim: "C:\\qlik"', '    cite: a.txt:1'],
        underlined: '\\q',
        message: 'Inside double quotes a backslash must be doubled ("\\\\"), or put the value in single quotes.',
      },
      {
        name: 'a second document (MULTIPLE_DOCS)',
        lines: [...HEAD, '    cite: a.txt:1', '---', 'facts: []'],
        underlined: '---',
        message: 'A line "---" starts a second sheet here, but a file holds one sheet. Remove the line.',
      },
      {
        name: 'text after the end of the document (MULTIPLE_DOCS)',
        lines: [...HEAD, '    cite: a.txt:1', '...', 'more'],
        underlined: 'more',
        message: 'The sheet ends at the line "..." on line 4, but text follows. Remove the "..." line.',
      },
      {
        name: 'a "-" list inside brackets (BLOCK_IN_FLOW)',
        lines: [...HEAD, '    tags: [a,', '      - b]', '    cite: a.txt:1'],
        underlined: '- b]',
        message: 'A list of "-" items cannot go inside brackets. Separate the items with commas.',
      },
      {
        name: 'a key over 1024 characters (KEY_OVER_1024_CHARS)',
        lines: [...HEAD, '    cite: a.txt:1', `    ${'x'.repeat(1030)}: y`],
        underlined: `${'x'.repeat(1030)}: y`,
        message: 'This line is read as a key longer than 1024 characters. Put the text after a key, like "note:".',
      },
    ];

    for (const c of SYNTAX_CASES) {
      it(`explains ${c.name} in words, on the exact range, the same on every parse path`, () => {
        const text = joinLines(...c.lines);
        const syntax = (d: readonly FactDiagnostic[]) => d.filter((x) => x.code === 'yaml-syntax');
        const found = syntax(diagnosticsOf(text));
        assert.deepEqual(
          found.map((d) => [d.message, covered(text, d.span)]),
          [[c.message, c.underlined]],
        );
        assert.equal(found[0].span.start, offsetOf(text, c.underlined, c.occurrence ?? 1));
        assert.ok(!/[`\n]/.test(found[0].message) && found[0].message.length <= 110, found[0].message);
        assert.deepEqual(syntax(parseWhole(text).diagnostics), found);
        assert.deepEqual(syntax(parseWhole(text, { reference: true }).diagnostics), found);
      });

      it(`explains ${c.name} the same with CRLF line ends`, () => {
        const text = joinLines(...c.lines).replace(/\n/g, '\r\n');
        const found = diagnosticsOf(text).filter((x) => x.code === 'yaml-syntax');
        assert.deepEqual(
          found.map((d) => [d.message, covered(text, d.span).replace(/\r\n/g, '\n')]),
          [[c.message, c.underlined]],
        );
        assert.equal(found[0].span.start, offsetOf(text, c.underlined.replace(/\n/g, '\r\n'), c.occurrence ?? 1));
      });
    }

    it('reads a blank line the same whatever its line end (the yaml lexer does not)', () => {
      // After a blank LF line the `yaml` lexer forgets the indentation of the lines above, after a
      // blank CR LF line it does not: this stray line swallowed the next fact only with LF.
      const lines = ['facts:', '  - claim: One', '    cite: a.txt:1', '', 'x', '  - claim: Two', '    cite: a.txt:2', ''];
      const lf = joinLines(...lines);
      const crlf = lf.replace(/\n/g, '\r\n');
      const shown = (text: string) => parseSheet(text).diagnostics.map((d) => [d.code, d.message, covered(text, d.span).replace(/\r\n/g, '\n')]);
      assert.deepEqual(shown(crlf), shown(lf));
      const crs = (text: string, at: number) => text.slice(0, at).split('\r').length - 1;
      assert.deepEqual(
        parseSheet(crlf).diagnostics.map((d) => d.span.start - crs(crlf, d.span.start)),
        parseSheet(lf).diagnostics.map((d) => d.span.start),
      );
    });

    it('falls back to a plain sentence on the line for an error it has no words for', () => {
      const text = joinLines(...HEAD, '    [a]: y', '    cite: a.txt:1');
      const d = only(diagnosticsOf(text), 'yaml-syntax');
      assert.equal(d.message, 'This line is not valid YAML. Check its quotation marks, colons and indenting.');
      assert.equal(covered(text, d.span), '[a]: y');
    });

    it('reports one problem per line, not the errors that follow from it', () => {
      const text = joinLines(...HEAD, '    cite: - a.txt:1');
      assert.equal(parseSheet(text).diagnostics.filter((d) => d.code === 'yaml-syntax').length, 1);
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
      assert.equal(d.message, 'The fact sheet is empty. It needs a list of facts under "facts:".');
    });

    it('reports a sheet that is a list instead of a mapping, on the whole list', () => {
      const text = '- a\n- b\n';
      const d = single(text);
      assert.equal(d.span.start, 0);
      assert.ok(covered(text, d.span).startsWith('- a\n- b'));
      assert.equal(d.message, 'This is not a fact sheet: it needs a "facts:" key with a list of facts under it.');
    });

    it('reports a sheet without `facts` on its first line', () => {
      const text = joinLines('title: Notes', 'sources: articles');
      const d = single(text);
      assert.equal(covered(text, d.span), 'title: Notes');
      assert.equal(d.message, 'The fact sheet has no "facts:" key with a list of facts.');
    });

    it('reports `facts` that is not a list on its value', () => {
      const text = joinLines('facts: 3   # three facts');
      const d = single(text);
      assert.equal(covered(text, d.span), '3');
      assert.equal(d.message, '"facts" must be a list of facts, each starting with "- ".');
    });

    it('reports a fact that is not a mapping on the item', () => {
      const text = joinLines('facts:', '  - just text');
      const d = single(text);
      assert.equal(covered(text, d.span), 'just text');
      assert.equal(d.message, 'A fact must be written as keys, with at least "claim:" and "cite:".');
    });

    it('reports a fact without a claim on the `-` of its list item', () => {
      const { text, offset } = withCursor(joinLines('facts:', '  - claim: First', '    cite: a.txt:1', '  |- id: second', '    cite: a.txt:2'));
      const d = single(text);
      assert.deepEqual(d.span, { start: offset, end: offset + 1 });
      assert.equal(d.message, 'This fact has no "claim".');
    });

    it('reports an empty claim on its quotes', () => {
      const text = joinLines('facts:', '  - claim: ""', '    cite: a.txt:1');
      const d = single(text);
      assert.equal(covered(text, d.span), '""');
      assert.equal(d.message, 'The claim is empty.');
    });

    it('reports a claim with no value on the `claim` key', () => {
      const text = joinLines('facts:', '  - claim:', '    cite: a.txt:1');
      const d = single(text);
      assert.equal(covered(text, d.span), 'claim');
      assert.equal(d.message, '"claim" has no value.');
    });

    it('reports a claim that is a list on the list', () => {
      const text = joinLines('facts:', '  - claim: [a, b]  # two claims', '    cite: a.txt:1');
      const d = single(text);
      assert.equal(covered(text, d.span), '[a, b]');
      assert.equal(d.message, '"claim" must be plain text, not a list or a set of keys.');
    });

    it('reports a citation without `file` on its first line', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - line: 5', '        quote: words');
      const d = single(text);
      assert.equal(covered(text, d.span), 'line: 5');
      assert.equal(d.message, 'This citation has no "file".');
    });

    it('reports a citation without `line` on its first line', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: a.txt', '        quote: words');
      const d = single(text);
      assert.equal(covered(text, d.span), 'file: a.txt');
      assert.equal(d.message, 'This citation has no "line".');
    });

    it('reports a line that is a word, a fraction, a list or a malformed range on the value', () => {
      for (const value of ['three', '1.5', '[1, 2]', '"3 to 5"']) {
        const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: a.txt', `        line: ${value}   # why`);
        const d = single(text);
        assert.equal(covered(text, d.span), value, value);
        assert.equal(d.message, 'The line must be a number, like 12, or a range, like 12-14.');
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
      assert.equal(d.message, '"file" must be plain text, not a list or a set of keys.');
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
      assert.equal(d.message, 'Did you mean "quote"? "qoute" is not a key of a citation.');
      assert.deepEqual(
        d.fixes.map((f) => [f.title, f.preferred]),
        [
          ['Change to "quote"', true],
          ['Remove the key "qoute"', false],
        ],
      );
      assert.deepEqual(d.fixes[0].edits, [{ span: spanOf(text, 'qoute'), newText: 'quote' }]);
      const renamed = applyFix(text, d.fixes[0]);
      assert.equal(renamed, text.replace('qoute:', 'quote:'));
      assert.deepEqual(diagnosticsOf(renamed), []);
      assert.equal(parseSheet(renamed).sheet.facts[0].citations[0].quote?.value, 'the words');
    });

    it('removes a value without a key after another value on its line, keeping the line break', () => {
      // The `yaml` package reads `line: [1, 2]: 3` as "line" and a second pair with an empty key.
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: a.txt', '        line: [1, 2]: 22-23', '        quote: q');
      const d = only(diagnosticsOf(text), 'unknown-key');
      assert.equal(d.message, 'This value has no key in front of it; the keys of a citation are "file", "line" and "quote".');
      assert.deepEqual(
        d.fixes.map((f) => f.title),
        ['Remove the value without a key'],
      );
      const removed = applyFix(text, d.fixes[0]);
      assert.equal(removed, text.replace('[1, 2]: 22-23', '[1, 2]'));
      assert.deepEqual(
        parseSheet(removed).diagnostics.filter((x) => x.code === 'yaml-syntax' || x.code === 'unknown-key'),
        [],
      );
    });

    it('removes a key with its tag, and the only key of a list item without joining the lines', () => {
      const tagged = joinLines('facts:', '  - claim: C', '    cite:', '      - file: a.txt', '        !!str e: 11', '        quote: q');
      const d = only(diagnosticsOf(tagged), 'unknown-key');
      assert.equal(applyFix(tagged, d.fixes[d.fixes.length - 1]), tagged.replace('        !!str e: 11\n', ''));
      const alone = joinLines('facts:', '  - clailine: -1', '  - claim: D', '    cite: a.txt:2');
      const e = diagnosticsOf(alone).find((x) => x.code === 'unknown-key') as FactDiagnostic;
      const removed = applyFix(alone, e.fixes[e.fixes.length - 1]);
      assert.equal(removed, alone.replace('clailine: -1', ''));
      assert.deepEqual(
        parseSheet(removed).diagnostics.filter((x) => x.code === 'yaml-syntax'),
        [],
      );
    });

    it('reads a sheet whose lines end in a lone CR as YAML does, at the same offsets', () => {
      const lf = joinLines('facts:', '  - claim: C', '    tgas: [q]', '    cite: a.txt:1', '');
      const cr = lf.replace(/\n/g, '\r');
      const shown = (text: string) => diagnosticsOf(text).map((d) => [d.code, d.message, d.span, d.fixes.map((f) => f.edits)]);
      assert.deepEqual(shown(cr), shown(lf));
      assert.equal(only(diagnosticsOf(cr), 'unknown-key').message, 'Did you mean "tags"? "tgas" is not a key of a fact.');
    });

    it('suggests each key once in a mapping, and never in place of a key of another level', () => {
      const text = joinLines('facts:', '  - {file: a.txt, line: 2, quote: q}', '  - claim: D', '    cite: a.txt:2');
      const unknown = diagnosticsOf(text).filter((d) => d.code === 'unknown-key');
      assert.deepEqual(
        unknown.map((d) => [covered(text, d.span), d.fixes.filter((f) => f.preferred).map((f) => f.title)]),
        [
          ['file', []],
          ['line', []],
          ['quote', []],
        ],
      );
      const misspelt = joinLines('facts:', '  - clam: C', '    cte: a.txt:1', '    cit: a.txt:2');
      assert.deepEqual(
        diagnosticsOf(misspelt)
          .filter((d) => d.code === 'unknown-key')
          .map((d) => [covered(misspelt, d.span), d.fixes.filter((f) => f.preferred).map((f) => f.title)]),
        [
          ['clam', ['Change to "claim"']],
          ['cte', ['Change to "cite"']],
          ['cit', []],
        ],
      );
    });

    it('offers no removal for a key that is itself a set of keys', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite: a.txt:1', '? ', '    id: b', '  - claim: D', '    cite: a.txt:2');
      const d = only(diagnosticsOf(text), 'unknown-key');
      assert.deepEqual(d.fixes, []);
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
        [['Remove the key "confidence"', false]],
      );
      assert.equal(d.message, '"confidence" is not a key of a fact; the keys are "id", "claim", "tags", "note" and "cite".');
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
          ['titel', 'Change to "title"'],
          ['Claim', 'Change to "claim"'],
        ],
      );
    });

    it('does not suggest a key the mapping already has', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: a.txt', '        line: 1', '        quote: one', '        qoute: two');
      const d = only(diagnosticsOf(text), 'unknown-key');
      assert.deepEqual(
        d.fixes.map((f) => f.title),
        ['Remove the key "qoute"'],
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
      assert.equal(all[0].message, 'The id "summit" is already used by the fact on line 2. Give this fact another id.');
      assert.equal(all[1].message, 'The id "summit" is already used by the fact on line 2. Give this fact another id.');
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

    it('does not take a "facts:" after a Unicode line separator for the facts key, as YAML does not', () => {
      const text = joinLines('title: x', 'sources: articles', '\u2028facts:', '  - claim: C', '    cite: a.txt:1');
      assert.deepEqual(parseSheet(text).diagnostics, parseWhole(text, { reference: true }).diagnostics);
      const d = only(parseSheet(text).diagnostics, 'unknown-key');
      assert.deepEqual(applyFix(text, d.fixes[d.fixes.length - 1]), joinLines('title: x', 'sources: articles'));
    });

    it('reads a sheet that is one block scalar or quoted text as the yaml package does, not fact by fact', () => {
      const facts = ['facts:', '  - claim: One', '    cite: a.txt:1'];
      for (const start of [['|'], ['# a comment', '>+', ''], ['"one', '']]) {
        const text = joinLines(...start, 'title: x', ...facts) + (start[0].startsWith('"') ? '"' : '');
        assert.deepEqual(parseSheet(text), parseWhole(text, { reference: true }), JSON.stringify(text));
        assert.equal(parseSheet(text).sheet.facts.length, 0);
        assert.deepEqual(summarize(text, parseSheet(text).diagnostics).map((d) => d.split(':')[0]), ['invalid-structure']);
      }
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
      assert.equal(only(diagnostics, 'unknown-key').fixes[0].title, 'Change to "sources"');
    });
  });

  it('never throws on arbitrary text', () => {
    for (const text of ['', '\n', ':', '- - -', '{', 'facts: [', 'facts:\n  - *anchor', '\u0000\u0001', 'facts:\n  - claim: &a x\n    id: *a\n    cite: a:1\n']) {
      assert.doesNotThrow(() => parseSheet(text), JSON.stringify(text));
    }
  });
});
