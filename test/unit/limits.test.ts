/**
 * Pathological sizes (issue 11): sheets nested thousands of levels deep,
 * facts by the ten thousand on one line, quotes and articles of megabytes.
 * Each input is large enough that the code before the fix took many
 * seconds (or exhausted the stack); the tests assert the outcome, and the
 * mocha timeout is the only clock.
 */
import * as assert from 'node:assert/strict';
import type * as Core from '../../server/src/core';
import { checkInWorkspace, only } from '../helpers/check';
import { SourceText, locateQuote, parseSheet, parseWhole, prepareQuote } from '../helpers/core';
import { joinLines, wordsLine } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

const { citeSelection } = require('../../../server/out/core') as typeof Core;

const TOO_DEEP = 'This part of the sheet is nested too deeply to be read.';

/** `levels` keys, each indented one more than the one before, from column `indent`. */
function nestedKeys(levels: number, indent: number): string {
  let text = '';
  for (let i = 0; i < levels; i++) text += `${' '.repeat(indent + i)}k:\n`;
  return `${text}${' '.repeat(indent + levels)}v\n`;
}


describe('pathological sizes', () => {
  describe('nesting', () => {
    it('Should report a fact nested 10,000 levels deep as yaml-syntax, and still read the other facts', () => {
      const text = joinLines('facts:', '  - claim: One', '    cite: a.txt:1', '  - claim: Two', '    cite: a.txt:2', '    note:') + '\n' + nestedKeys(10_000, 6);
      const { sheet, diagnostics } = parseSheet(text);
      const d = only(diagnostics, 'yaml-syntax');
      assert.equal(d.message, TOO_DEEP);
      assert.equal(diagnostics.length, 1);
      assert.deepEqual(
        sheet.facts.map((f) => f.claim?.value),
        ['One'],
      );
      // Underlined where the nesting goes past the limit, on that line.
      assert.match(text.slice(d.span.start, d.span.end), /^k:$/);
    });

    it('Should report block nesting in a sheet parsed whole, with either parser, and no other problem', () => {
      // A tab in a comment makes it one document; a list of lists 10,000 deep.
      let deep = '';
      for (let i = 0; i < 10_000; i++) deep += `${' '.repeat(6 + 2 * i)}-\n`;
      const text = joinLines('# \t', 'facts:', '  - claim: One', '    cite: a.txt:1', '    note:') + '\n' + deep;
      for (const reference of [false, true]) {
        const { diagnostics, sheet } = parseWhole(text, { reference });
        assert.deepEqual(
          diagnostics.map((d) => `${d.code}: ${d.message}`),
          [`yaml-syntax: ${TOO_DEEP}`],
        );
        assert.equal(sheet.facts.length, 0);
      }
    });

    it('Should report flow nesting 100,000 deep and compact lists 10,000 deep', () => {
      const flow = `facts: [{claim: x, cite: a.txt:1, note: ${'['.repeat(100_000)}${']'.repeat(100_000)}}]\n`;
      const compact = joinLines('facts:', '  - claim: x', '    cite: a.txt:1', '    note:', `      ${'- '.repeat(10_000)}x`);
      for (const text of [flow, compact]) {
        assert.equal(only(parseSheet(text).diagnostics, 'yaml-syntax').message, TOO_DEEP);
      }
    });

    it('Should read nesting of 40 levels as usual: the limit is far above any sheet', () => {
      const text = joinLines('facts:', '  - claim: One', '    cite: a.txt:1', '    note:') + '\n' + nestedKeys(40, 6);
      const { diagnostics } = parseSheet(text);
      assert.deepEqual(
        diagnostics.map((d) => `${d.code}: ${d.message}`),
        ['invalid-structure: "note" must be plain text, not a list or a set of keys.'],
      );
    });

    it('Should refuse to cite into a sheet nested too deeply, with a sentence', () => {
      const text = joinLines('facts:', '  - claim: One', '    cite: a.txt:1', '    note:') + '\n' + nestedKeys(10_000, 6);
      const result = citeSelection('/ws/notes.facts.yaml', text, '/ws/a.txt', { first: 1, last: 1 }, 'words', { kind: 'new', claim: 'C' });
      assert.ok('error' in result && /nested too deeply/.test(result.error), JSON.stringify(result));
    });

    it('Should resolve 20,000 aliases in one pass, each to its anchor', () => {
      // Alias.resolve walks the whole document for each alias: 8,000 of them took minutes.
      let text = 'title: &t Hello\nfacts:\n';
      for (let i = 0; i < 20_000; i++) text += `  - claim: *t\n    cite: &c${i} a.txt:${i + 1}\n    note: *c${i}\n`;
      const { sheet, diagnostics } = parseSheet(text);
      assert.deepEqual(diagnostics, []);
      assert.equal(sheet.facts.length, 20_000);
      assert.ok(sheet.facts.every((f, i) => f.claim?.value === 'Hello' && f.note?.value === `a.txt:${i + 1}` && f.citations[0].line?.first === i + 1));
    });

    it('Should take the anchor written last before an alias, as YAML does', () => {
      const text = joinLines('title: &a First', 'sources: &a articles', 'facts:', '  - claim: *a', '    cite: a.txt:1');
      assert.equal(parseSheet(text).sheet.facts[0].claim?.value, 'articles');
    });
  });

  describe('one flow list of facts', () => {
    it('Should read 20,000 facts written in one flow list, each citation known to be in brackets', () => {
      // Each node looked back over its whole line: 10,000 facts took 27 s.
      const items: string[] = [];
      for (let i = 0; i < 20_000; i++) items.push(i % 2 === 0 ? `{claim: "a [${i}", cite: a.txt:${i + 1}}` : `{claim: 'b ''${i}', cite: [{file: a.txt, line: ${i + 1}}]}`);
      const text = `sources: a\nfacts: [${items.join(', ')}]\n`;
      const { sheet, diagnostics } = parseSheet(text);
      assert.deepEqual(diagnostics, []);
      assert.equal(sheet.facts.length, 20_000);
      sheet.facts.forEach((f, i) => {
        const c = f.citations[0];
        assert.equal(c.line?.first, i + 1);
        assert.ok(c.file!.inFlow && c.line!.inFlow && f.claim!.inFlow, `fact ${i}`);
        assert.equal(f.claim?.value, i % 2 === 0 ? `a [${i}` : `b '${i}`);
      });
    });

    it('Should read 20,000 facts that each need the full parser in time linear in the sheet', () => {
      // Each fact's reader looked for brackets from the sheet's start, and counted its lines from there.
      let text = 'facts:\n';
      for (let i = 0; i < 20_000; i++) text += `  - claim: c${i}\n    cite: a.txt:1\n    note: a: b\n`;
      const { sheet, diagnostics } = parseSheet(text);
      assert.equal(sheet.facts.length, 20_000);
      assert.equal(diagnostics.filter((d) => d.code === 'yaml-syntax').length, 20_000);
      assert.equal(text.slice(diagnostics[19_999].span.start, diagnostics[19_999].span.end), 'a: b');
    });

    it('Should tell values in brackets from values after them, asked in any order', () => {
      const text = joinLines('facts:', '  - {cite: "a.txt:1", claim: "x [y"}', '  - claim: "[z"', '    cite: b.txt:2');
      const { sheet } = parseSheet(text);
      assert.deepEqual(
        sheet.facts.map((f) => [f.claim!.inFlow, f.citations[0].file!.inFlow]),
        [
          [true, true],
          [false, false],
        ],
      );
    });
  });

  describe('matching', () => {
    const ws = useTempWorkspace();

    it('Should point 20,000 duplicate ids at the first fact with the id', () => {
      // Each duplicate looked through every fact for its first: 40,000 took 7 s.
      ws.current.write('a.txt', 'hello\n');
      let text = 'facts:\n';
      for (let i = 0; i < 20_000; i++) text += `  - id: same\n    claim: c${i}\n    cite: a.txt:1\n`;
      const duplicates = checkInWorkspace(ws.current, text).diagnostics.filter((d) => d.code === 'duplicate-id');
      assert.equal(duplicates.length, 19_999);
      assert.ok(duplicates.every((d) => d.related?.length === 1 && d.related[0].start.line === 1 && / on line 2\./.test(d.message)));
    });
    const megabyte = wordsLine(1_000_000);

    function check(source: string, quote: string, line = 1) {
      ws.current.write('a.txt', source);
      const text = joinLines('facts:', '  - claim: C', '    cite:', '      - file: a.txt', `        line: ${line}`, `        quote: ${JSON.stringify(quote)}`);
      return checkInWorkspace(ws.current, text);
    }

    it('Should look for an elided quote on a 1 MB line in linear time', () => {
      // Each occurrence of "a" searched the rest of the line for "zq", and masked the line again: 79 s.
      const result = check(`${megabyte}\n`, 'a ... zq');
      const d = only(result.diagnostics, 'quote-not-found');
      assert.match(d.message, /not even approximately/);
    });

    it('Should find an elided quote whose parts are far apart on a 1 MB line', () => {
      const result = check(`${megabyte} zq\n`, 'the ... zq');
      assert.deepEqual(result.diagnostics, []);
    });

    it('Should report a 100 KB quote not on a 1 MB line as too long to compare approximately', () => {
      // The approximate search of 100 KB against 1 MB took over a minute.
      const result = check(`${megabyte}\n`, 'zxq '.repeat(25_000).trim());
      const d = only(result.diagnostics, 'quote-not-found');
      assert.match(d.message, /^The quote is not on line 1 of "a\.txt" as it is written, and the line is too long to compare with the quote approximately\. Line 1 says: "/);
    });

    it('Should still find a 100 KB quote exactly, normalized, and on another line, whatever the sizes', () => {
      const quote = megabyte.slice(400_000, 500_000).trim();
      const typeset = megabyte.replace(/ said /g, ' “said” ');
      const normalizedQuote = quote.replace(/ said /g, ' "said" ');
      const cases: [string, string, number, string][] = [
        [`${megabyte}\n`, quote, 1, 'exact'],
        [`${typeset}\n`, normalizedQuote, 1, 'exact'],
        [`short\n${megabyte}\n`, quote, 1, 'moved'],
      ];
      for (const [text, q, line, kind] of cases) {
        const source = new SourceText('/ws/a.txt', text);
        assert.equal(locateQuote(source, prepareQuote(q), { first: line, last: line }, 0.2).kind, kind);
      }
    });

    it('Should still find a 200-character quote with a typo on a 1 MB line approximately', () => {
      const quote = megabyte.slice(600_000, 600_200).trim();
      const typo = `${quote.slice(0, 100)}x${quote.slice(101)}`;
      const source = new SourceText('/ws/a.txt', `${megabyte}\n`);
      const result = locateQuote(source, prepareQuote(typo), { first: 1, last: 1 }, 0.2);
      assert.equal(result.kind, 'approximate');
      assert.equal(result.kind === 'approximate' && result.match.errors, 1);
    });

    it('Should report a short quote not found in a 2.5 MB source as too long to search approximately elsewhere', () => {
      const source = new SourceText('/ws/a.txt', `the talks were held\n${wordsLine(2_600_000, 7)}\n`);
      const result = locateQuote(source, prepareQuote('the tolks were hald on friday'), { first: 1, last: 1 }, 0.2);
      assert.deepEqual(result, { kind: 'none', tooLong: 'source' });
    });

    it('Should check 20 citations of a 9.9 MB one-line article, normalizing it once', () => {
      // The cited line was normalized again for each citation, and each message flattened all of it.
      const line = wordsLine(9_900_000, 3).replace(/ said /g, ' “said” ');
      ws.current.write('a.txt', `${line}\n`);
      let text = 'facts:\n';
      for (let i = 0; i < 20; i++) text += `  - claim: C${i}\n    cite:\n      - file: a.txt\n        line: 1\n        quote: "the tolks ${i} were hald"\n`;
      const result = checkInWorkspace(ws.current, text, { maxSourceBytes: 20_000_000 });
      const found = result.diagnostics.filter((d) => d.code === 'quote-not-found');
      assert.equal(found.length, 20);
      assert.ok(found.every((d) => /too long to compare/.test(d.message) && d.message.length < 400));
    });
  });
});
