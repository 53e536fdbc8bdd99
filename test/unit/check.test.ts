import * as assert from 'node:assert/strict';
import { ALL_CODES, DEFAULT_SEVERITY, applyFixes, parseSheet, preferredFixes, type FactDiagnostic } from '../helpers/core';
import { checkInWorkspace, only, summarize } from '../helpers/check';
import { covered, joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

const ARTICLE = [
  'The meeting of the two ministers took place in Reykjavik.',
  'The talks lasted one hour and 45 minutes, taking longer than expected.',
  'Lavrov said the talks were “constructive,” according to state media.',
  '',
  'Blinken expressed concern about the health of Kremlin opponent Alexei Navalny.',
];

/** One fact citing `source.txt` with the given citation lines (indented under `cite:`). */
function sheet(...citationLines: string[]): string {
  return joinLines('facts:', '  - claim: A claim.', '    cite:', ...citationLines.map((l) => `      ${l}`));
}

function mapping(file: string, line: string, quote?: string): string[] {
  const out = [`- file: ${file}`, `  line: ${line}`];
  if (quote !== undefined) out.push(`  quote: ${quote}`);
  return out;
}

/** `[title, preferred, [[covered text, newText], ...]]` of each fix. */
function fixesOf(text: string, d: FactDiagnostic): [string, boolean, [string, string][]][] {
  return d.fixes.map((f) => [f.title, f.preferred, f.edits.map((e) => [covered(text, e.span), e.newText] as [string, string])]);
}

describe('checkSheet', () => {
  const ws = useTempWorkspace();
  beforeEach(() => {
    ws.current.write('source.txt', joinLines(...ARTICLE));
  });

  function check(text: string, options = {}) {
    return checkInWorkspace(ws.current, text, options);
  }

  it('has the default severities of FORMAT.md section 5 for every code', () => {
    assert.deepEqual(
      ALL_CODES.map((c) => [c, DEFAULT_SEVERITY[c]]),
      [
        ['yaml-syntax', 'error'],
        ['invalid-structure', 'error'],
        ['unknown-key', 'warning'],
        ['missing-citation', 'error'],
        ['duplicate-id', 'error'],
        ['source-not-found', 'error'],
        ['source-outside-root', 'error'],
        ['source-unreadable', 'error'],
        ['line-out-of-range', 'error'],
        ['quote-moved', 'error'],
        ['quote-mismatch', 'warning'],
        ['quote-altered', 'error'],
        ['quote-not-found', 'error'],
        ['source-changed', 'warning'],
        ['claim-unsupported', 'warning'],
        ['single-source', 'hint'],
        ['invalid-suppression', 'warning'],
      ],
    );
  });

  it('reports nothing for exact, normalized, elided, ranged and quoteless citations', () => {
    const text = sheet(
      ...mapping('source.txt', '2', 'The talks lasted one hour and 45 minutes'),
      ...mapping('source.txt', '3', `'the talks were "constructive," according'`),
      ...mapping('source.txt', '"2-3"', 'taking longer than expected. Lavrov said'),
      ...mapping('source.txt', '5', 'Blinken expressed concern ... Alexei Navalny.'),
      '- source.txt:1',
      '- source.txt:1-5',
    );
    const result = check(text);
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(
      result.citations.map((c) => c.status),
      ['verified', 'verified', 'verified', 'verified', 'verified', 'verified'],
    );
  });

  describe('source-not-found', () => {
    it('prefers the one file that holds the quote', () => {
      const text = sheet(...mapping('sorce.txt', '2', 'The talks lasted'));
      const d = only(check(text).diagnostics, 'source-not-found');
      assert.equal(d.severity, 'error');
      assert.equal(covered(text, d.span), 'sorce.txt');
      assert.equal(d.message, 'Change to "source.txt": it holds the quote. There is no file "sorce.txt" in ".".');
      assert.deepEqual(fixesOf(text, d), [['Change to "source.txt"', true, [['sorce.txt', 'source.txt']]]]);
    });

    it('offers the nearest file name, not preferred, when no file holds the quote', () => {
      const text = sheet(...mapping('sorce.txt', '2', 'The talks were short'));
      const d = only(check(text).diagnostics, 'source-not-found');
      assert.equal(d.message, 'Did you mean "source.txt"? There is no file "sorce.txt" in ".".');
      assert.deepEqual(fixesOf(text, d), [['Change to "source.txt"', false, [['sorce.txt', 'source.txt']]]]);
    });

    it('offers up to three nearest names, none preferred when they are equally near', () => {
      for (const n of [1, 2, 3, 4]) ws.current.write(`report-${n}.txt`, 'x\n');
      const text = sheet(...mapping('report-5.txt', '1'));
      const d = only(check(text).diagnostics, 'source-not-found');
      assert.deepEqual(fixesOf(text, d), [
        ['Change to "report-1.txt"', false, [['report-5.txt', 'report-1.txt']]],
        ['Change to "report-2.txt"', false, [['report-5.txt', 'report-2.txt']]],
        ['Change to "report-3.txt"', false, [['report-5.txt', 'report-3.txt']]],
      ]);
      assert.equal(d.message, 'Did you mean "report-1.txt" or "report-2.txt" or "report-3.txt"? There is no file "report-5.txt" in ".".');
    });

    it('offers the nearest of several names first, none preferred by name alone, and keeps the folder and the quoting', () => {
      ws.current.write('articles/report-10.txt', 'x\n');
      ws.current.write('articles/report-1.txt', 'x\n');
      const text = sheet(...mapping('"articles/report-1.tx"', '1'));
      const d = only(check(text).diagnostics, 'source-not-found');
      assert.equal(covered(text, d.span), '"articles/report-1.tx"');
      assert.deepEqual(d.fixes.map((f) => [f.title, f.preferred, f.edits[0].newText]), [
        ['Change to "articles/report-1.txt"', false, '"articles/report-1.txt"'],
        ['Change to "articles/report-10.txt"', false, '"articles/report-10.txt"'],
      ]);
      assert.equal(d.message, 'Did you mean "articles/report-1.txt" or "articles/report-10.txt"? There is no file "articles/report-1.tx" in "articles".');
    });

    it('offers no fix when no name is near, and says where it looked', () => {
      const text = sheet('- nothing-like-it.md:1');
      const d = only(check(text).diagnostics, 'source-not-found');
      assert.equal(covered(text, d.span), 'nothing-like-it.md');
      assert.equal(d.message, 'There is no file "nothing-like-it.md" in ".".');
      assert.deepEqual(d.fixes, []);
    });

    it('fixes the file part of a compact citation only, preferred when the quoted citations of the same file all point at one file', () => {
      const alone = sheet('- sorce.txt:2');
      const d = only(check(alone).diagnostics, 'source-not-found');
      assert.deepEqual(fixesOf(alone, d), [['Change to "source.txt"', false, [['sorce.txt', 'source.txt']]]]);
      const text = sheet('- sorce.txt:2', ...mapping('sorce.txt', '1', 'took place in Reykjavik'));
      const [compact, quoted] = check(text).diagnostics;
      assert.equal(compact.message, 'Change to "source.txt": it holds the quotes of this sheet\'s other citations of the same file. There is no file "sorce.txt" in ".".');
      assert.deepEqual(fixesOf(text, compact), [['Change to "source.txt"', true, [['sorce.txt', 'source.txt']]]]);
      assert.deepEqual(fixesOf(text, quoted), [['Change to "source.txt"', true, [['sorce.txt', 'source.txt']]]]);
    });
  });

  describe('source-outside-root and source-unreadable', () => {
    it('reports a `..` escape on the file value, as an error without fixes', () => {
      const text = sheet(...mapping('../elsewhere.txt', '1'));
      const d = only(check(text).diagnostics, 'source-outside-root');
      assert.deepEqual([d.severity, covered(text, d.span), d.fixes.length], ['error', '../elsewhere.txt', 0]);
    });

    it('reports a directory on the file value, as an error without fixes', () => {
      ws.current.mkdir('folder');
      const text = sheet('- folder:1');
      const d = only(check(text).diagnostics, 'source-unreadable');
      assert.deepEqual([d.severity, covered(text, d.span), d.fixes.length], ['error', 'folder', 0]);
    });
  });

  describe('line-out-of-range', () => {
    it('reports line 0 and offers the line where the quote is', () => {
      const text = sheet(...mapping('source.txt', '0', 'taking longer than expected'));
      const d = only(check(text).diagnostics, 'line-out-of-range');
      assert.equal(d.severity, 'error');
      assert.equal(covered(text, d.span), '0');
      assert.equal(d.message, 'Change line to 2: the quote is there. Line 0 does not exist: lines start at 1.');
      assert.deepEqual(fixesOf(text, d), [['Change line to 2', true, [['0', '2']]]]);
    });

    it('reports a line past the end with the number of lines', () => {
      const text = sheet(...mapping('source.txt', '43   # was 3', 'taking longer than expected'));
      const d = only(check(text).diagnostics, 'line-out-of-range');
      assert.equal(covered(text, d.span), '43');
      assert.equal(d.message, 'Change line to 2: the quote is there. Line 43 is past the end of "source.txt", which has 5 lines.');
      assert.deepEqual(fixesOf(text, d), [['Change line to 2', true, [['43', '2']]]]);
    });

    it('reports a range that runs backwards', () => {
      const text = sheet(...mapping('source.txt', '"3-2"', 'taking longer than expected'));
      const d = only(check(text).diagnostics, 'line-out-of-range');
      assert.equal(covered(text, d.span), '"3-2"');
      assert.equal(d.message, 'Change line to 2: the quote is there. The range 3-2 runs backwards.');
      assert.deepEqual(d.fixes.map((f) => [f.title, f.preferred]), [['Change line to 2', true]]);
      const fixed = applyFixes(text, preferredFixes(check(text).diagnostics)).text;
      assert.deepEqual(check(fixed).diagnostics, []);
    });

    it('reports a range that ends past the end in a compact citation, without a fix when there is no quote', () => {
      const text = sheet('- source.txt:4-6');
      const d = only(check(text).diagnostics, 'line-out-of-range');
      assert.equal(covered(text, d.span), '4-6');
      assert.equal(d.message, 'Line 6 is past the end of "source.txt", which has 5 lines.');
      assert.deepEqual(d.fixes, []);
    });

    it('offers every line where the quote is, none preferred, when it is on several', () => {
      ws.current.write('twice.txt', joinLines('It was cold.', 'x', 'It was cold.'));
      const text = sheet(...mapping('twice.txt', '9', 'It was cold.'));
      const d = only(check(text).diagnostics, 'line-out-of-range');
      assert.equal(d.message, 'The quote is on lines 3 and 1, so which one is meant cannot be told. Line 9 is past the end of "twice.txt", which has 3 lines.');
      assert.deepEqual(d.fixes.map((f) => [f.title, f.preferred]), [
        ['Change line to 3', false],
        ['Change line to 1', false],
      ]);
    });
  });

  describe('quote-moved', () => {
    it('reports the cited line, offers the line the quote is on, and says what the cited line says', () => {
      const text = sheet(...mapping('source.txt', '3', 'lasted one hour and 45 minutes  # moved?'));
      const d = only(check(text).diagnostics, 'quote-moved');
      assert.equal(d.severity, 'error');
      assert.equal(covered(text, d.span), '3');
      assert.equal(d.message, 'Change line to 2: the quote is there, not on line 3 of "source.txt". Line 3 says: "Lavrov said the talks were “constructive,” according to sta…"');
      assert.deepEqual(fixesOf(text, d), [['Change line to 2', true, [['3', '2']]]]);
    });

    it('offers at most three lines, nearest first, when the quote is on more', () => {
      ws.current.write('often.txt', joinLines('It was cold.', 'b', 'It was cold.', 'd', 'It was cold.', 'f', 'It was cold.', 'h'));
      const text = sheet(...mapping('often.txt', '8', 'It was cold.'));
      const d = only(check(text).diagnostics, 'quote-moved');
      assert.deepEqual(d.fixes.map((f) => [f.title, f.preferred]), [
        ['Change line to 7', false],
        ['Change line to 5', false],
        ['Change line to 3', false],
      ]);
      assert.equal(d.message, 'The quote is in 4 places (lines 7, 5 and 3, …), not on line 8 of "often.txt", so which one is meant cannot be told. Line 8 says: "h"');
    });

    it('writes a range back as a range in the same quoting', () => {
      const text = sheet(...mapping('source.txt', "'4-5'", 'taking longer than expected. Lavrov said'));
      const d = only(check(text).diagnostics, 'quote-moved');
      assert.deepEqual(fixesOf(text, d), [['Change line to 2-3', true, [["'4-5'", "'2-3'"]]]]);
    });
  });

  describe('quote-mismatch', () => {
    it('warns on the quote and offers the source\'s text, saying what the source says', () => {
      const text = sheet(...mapping('source.txt', '2', 'The talks lasted one hour and 45 minuutes   # typo'));
      const d = only(check(text).diagnostics, 'quote-mismatch');
      assert.equal(d.severity, 'warning');
      assert.equal(covered(text, d.span), 'The talks lasted one hour and 45 minuutes');
      assert.equal(d.message, 'Replace the quote with the source\'s text, "The talks lasted one hour and 45 minutes": it differs from line 2 of "source.txt" in spelling only (1 edit).');
      assert.deepEqual(fixesOf(text, d), [
        ["Replace quote with the source's text", true, [['The talks lasted one hour and 45 minuutes', 'The talks lasted one hour and 45 minutes']]],
      ]);
    });

    it('reports a changed number as quote-altered, an error whose repair is offered but not preferred', () => {
      const text = sheet(...mapping('source.txt', '2', 'The talks lasted one hour and 54 minutes   # misquoted'));
      const d = only(check(text).diagnostics, 'quote-altered');
      assert.equal(d.severity, 'error');
      assert.equal(covered(text, d.span), 'The talks lasted one hour and 54 minutes');
      assert.equal(d.message, 'Check the claim against line 2 of "source.txt": the source says "45 minutes" where the quote says "54 minutes".');
      assert.deepEqual(fixesOf(text, d), [
        ["Replace quote with the source's text", false, [['The talks lasted one hour and 54 minutes', 'The talks lasted one hour and 45 minutes']]],
      ]);
      assert.deepEqual(preferredFixes(check(text).diagnostics), []);
    });

    it('writes the source\'s text in the quote\'s own quoting', () => {
      const text = sheet(...mapping('source.txt', '3', `'said the talks were "constructve," according'`));
      const d = only(check(text).diagnostics, 'quote-mismatch');
      assert.deepEqual(d.fixes[0].edits.map((e) => e.newText), [`'said the talks were “constructive,” according'`]);
    });

    it('quotes the source\'s text when it would not be valid as a plain scalar', () => {
      ws.current.write('said.txt', joinLines('Lavrov said: it was fine #diplomacy', '"We are ready," he said.'));
      const text = sheet(...mapping('said.txt', '1', 'Lavrov sayd it was fine'), ...mapping('said.txt', '2', "'\"We are redy,\" he said.'"));
      const result = check(text);
      assert.deepEqual(
        result.diagnostics.map((d) => [d.code, d.fixes[0].edits[0].newText]),
        [
          ['quote-mismatch', '"Lavrov said: it was fine"'],
          ['quote-mismatch', `'"We are ready," he said.'`],
        ],
      );
      const fixed = applyFixes(text, preferredFixes(result.diagnostics)).text;
      assert.deepEqual(
        parseSheet(fixed).sheet.facts[0].citations.map((c) => c.quote?.value),
        ['Lavrov said: it was fine', '"We are ready," he said.'],
      );
      assert.deepEqual(check(fixed).diagnostics, []);
    });

    it('replaces a block scalar quote so that the sheet stays valid', () => {
      const text = joinLines(
        'facts:',
        '  - claim: A claim.',
        '    cite:',
        '      file: source.txt',
        '      line: 2',
        '      quote: >-',
        '        The talks lasted one',
        '        hour and 45 minuutes',
        '  - claim: Another claim.',
        '    cite: source.txt:1',
      );
      const d = only(check(text).diagnostics, 'quote-mismatch');
      const fixed = applyFixes(text, [d.fixes[0]]).text;
      assert.equal(
        fixed,
        joinLines(
          'facts:',
          '  - claim: A claim.',
          '    cite:',
          '      file: source.txt',
          '      line: 2',
          '      quote: "The talks lasted one hour and 45 minutes"',
          '  - claim: Another claim.',
          '    cite: source.txt:1',
        ),
      );
      assert.deepEqual(check(fixed).diagnostics, []);
    });
  });

  describe('quote-not-found', () => {
    it('reports a quote found nowhere on the quote, without fixes, saying what the cited line says', () => {
      const text = sheet(...mapping('source.txt', '1', 'Lavrov said the talks had been frank and useful'));
      const d = only(check(text).diagnostics, 'quote-not-found');
      assert.equal(d.severity, 'error');
      assert.equal(covered(text, d.span), 'Lavrov said the talks had been frank and useful');
      assert.equal(
        d.message,
        'The quote is not in "source.txt", not even approximately. Line 1 says: "The meeting of the two ministers took place in Reykjavik.".',
      );
      assert.deepEqual(d.fixes, []);
    });

    it('offers "Re-anchor to line N", setting line and quote, not preferred, when a passage with a substantive difference is elsewhere', () => {
      const text = sheet(...mapping('source.txt', '1', 'Blinken expressed concern about the health of Kremlin critic Alexei Navalny.'));
      const d = only(check(text).diagnostics, 'quote-not-found');
      assert.equal(
        d.message,
        'A similar passage is on line 5, but the source says "opponent" where the quote says "critic". The quote is not on line 1 of "source.txt". Line 1 says: "The meeting of the two ministers took place in Reykjavik.".',
      );
      assert.deepEqual(fixesOf(text, d), [
        [
          'Re-anchor to line 5',
          false,
          [
            ['1', '5'],
            ['Blinken expressed concern about the health of Kremlin critic Alexei Navalny.', 'Blinken expressed concern about the health of Kremlin opponent Alexei Navalny.'],
          ],
        ],
      ]);
      const fixed = applyFixes(text, [d.fixes[0]]).text;
      assert.deepEqual(check(fixed).diagnostics, []);
    });

    it('does not prefer "Re-anchor to line N" for a passage elsewhere that differs in spelling only, without evidence', () => {
      const text = sheet(...mapping('source.txt', '1', 'Blinken expressed concern about the heallth of Kremlin opponent Alexei Navalny.'));
      const d = only(check(text).diagnostics, 'quote-not-found');
      assert.equal(
        d.message,
        'A similar passage is on line 5, but nothing shows it is the one that was cited. The quote is not on line 1 of "source.txt". Line 1 says: "The meeting of the two ministers took place in Reykjavik.".',
      );
      assert.deepEqual(fixesOf(text, d), [
        [
          'Re-anchor to line 5',
          false,
          [
            ['1', '5'],
            ['Blinken expressed concern about the heallth of Kremlin opponent Alexei Navalny.', 'Blinken expressed concern about the health of Kremlin opponent Alexei Navalny.'],
          ],
        ],
      ]);
    });

    it('does not look beyond the cited lines approximately for an elided quote', () => {
      const text = sheet(...mapping('source.txt', '1', 'Blinken expressed worry ... Alexei Navalny'));
      const d = only(check(text).diagnostics, 'quote-not-found');
      assert.deepEqual(d.fixes, []);
    });
  });

  describe('severity settings', () => {
    const text = joinLines(
      'facts:',
      '  - claim: A claim.',
      '    colour: red',
      '    cite:',
      '      - file: source.txt',
      '        line: 3',
      '        quote: The talks lasted one hour and 45 minutes',
      '      - file: source.txt',
      '        line: 2',
      '        quote: The talks lasted one hour and 54 minutes',
      '      - file: source.txt',
      '        line: 2',
      '        quote: The talks lasted one hour and 45 minuutes',
    );

    it('uses the default severities without settings', () => {
      assert.deepEqual(
        check(text).diagnostics.map((d) => [d.code, d.severity]),
        [
          ['unknown-key', 'warning'],
          ['quote-moved', 'error'],
          ['quote-altered', 'error'],
          ['quote-mismatch', 'warning'],
        ],
      );
    });

    it('raises, lowers and turns off codes', () => {
      const result = check(text, { severity: { 'unknown-key': 'off', 'quote-moved': 'hint', 'quote-mismatch': 'error', 'quote-altered': 'warning' } });
      assert.deepEqual(
        result.diagnostics.map((d) => [d.code, d.severity]),
        [
          ['quote-moved', 'hint'],
          ['quote-altered', 'warning'],
          ['quote-mismatch', 'error'],
        ],
      );
      assert.deepEqual(result.citations.map((c) => c.status), ['quote-moved', 'quote-altered', 'quote-mismatch']);
    });

    it('keeps fixes of a diagnostic whose severity changed', () => {
      const d = only(check(text, { severity: { 'quote-moved': 'information' } }).diagnostics, 'quote-moved');
      assert.equal(d.severity, 'information');
      assert.deepEqual(d.fixes.map((f) => [f.title, f.preferred]), [['Change line to 2', true]]);
    });
  });

  it('lists diagnostics in text order', () => {
    const text = joinLines(
      'facts:',
      '  - claim: One.',
      '    cite: source.txt:9',
      '  - id: x',
      '    claim: Two.',
      '  - id: x',
      '    claim: Three.',
      '    cite: nowhere.txt:1',
    );
    const result = check(text);
    assert.deepEqual(summarize(text, result.diagnostics), ['line-out-of-range: 9', 'missing-citation: Two.', 'duplicate-id: x', 'source-not-found: nowhere.txt']);
    const starts = result.diagnostics.map((d) => d.span.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });

  describe('applying every preferred fix', () => {
    const text = joinLines(
      '# Notes on the Reykjavik meeting.',
      'title: Reykjavik   # the title',
      'facts:',
      '  # The length of the talks.',
      '  - id: length',
      '    claim: The talks ran long.',
      '    cite:',
      '      - file: sorce.txt      # misspelled',
      '        line: 2',
      '        quote: taking longer than expected',
      '      - file: source.txt',
      '        line: 43             # past the end',
      '        quote: The talks lasted one hour',
      '  - id: constructive',
      '    claim: Lavrov called the talks constructive.',
      '    cite:',
      '      - file: source.txt',
      '        line: 1              # moved',
      '        quote: Lavrov said the talks were "constructive,"',
      '      - file: source.txt',
      '        line: 3',
      '        # two typos below',
      '        quote: Lavrov sayd the talks were "constructve,"',
      '  - id: navalny',
      '    claim: Blinken raised Navalny.',
      '    cite:',
      '      - file: source.txt',
      '        line: 1',
      '        qoute: The meeting of the two ministers   # misspelled key',
      '      - file: source.txt',
      '        line: 1',
      '        quote: Blinken expressed concern about the health of Kremlin critic Alexei Navalny.',
      '  # An ambiguous one: must stay as it is.',
      '  - id: ambiguous',
      '    claim: It was cold.',
      '    cite:',
      '      - file: twice.txt',
      '        line: 2',
      '        quote: It was cold.',
    );

    it('repairs every problem with evidence, keeps the comments and leaves the ambiguous citation and the altered passage alone', () => {
      ws.current.write('twice.txt', joinLines('It was cold.', 'x', 'It was cold.'));
      const before = check(text);
      assert.deepEqual(
        before.diagnostics.map((d) => d.code),
        ['source-not-found', 'line-out-of-range', 'quote-moved', 'quote-mismatch', 'unknown-key', 'quote-not-found', 'quote-moved'],
      );
      const { text: fixed, applied, skipped } = applyFixes(text, preferredFixes(before.diagnostics));
      assert.equal(applied.length, 5);
      assert.deepEqual(skipped, []);
      for (const line of text.split('\n').filter((l) => l.includes('#'))) {
        const comment = line.slice(line.indexOf('#'));
        assert.ok(fixed.includes(comment), `comment lost: ${comment}`);
      }
      const after = check(fixed);
      assert.deepEqual(summarize(fixed, after.diagnostics), ['quote-not-found: Blinken expressed concern about the health of Kremlin critic Alexei Navalny.', 'quote-moved: 2']);
      const lastLine = fixed.lastIndexOf('line: 2') + 'line: '.length;
      assert.deepEqual(after.diagnostics[1].span, { start: lastLine, end: lastLine + 1 });
      assert.ok(fixed.includes('        quote: It was cold.\n'));
      assert.deepEqual(parseSheet(fixed).diagnostics, []);
      assert.equal(
        fixed,
        text
          .replace('sorce.txt      # misspelled', 'source.txt      # misspelled')
          .replace('line: 43 ', 'line: 2 ')
          .replace('line: 1              # moved', 'line: 3              # moved')
          .replace('Lavrov sayd the talks were "constructve,"', 'Lavrov said the talks were “constructive,”')
          .replace('qoute: The meeting', 'quote: The meeting'),
      );
    });
  });
});
