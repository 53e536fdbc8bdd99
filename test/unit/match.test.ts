import * as assert from 'node:assert/strict';
import { SourceText, buildMap, isNfc, locateQuote, normalizeText, normalizeWithMap, prepareQuote, type Candidate, type QuoteLocation } from '../helpers/core';
import { checkInWorkspace, only } from '../helpers/check';
import { covered, joinLines, offsetOf } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

function locate(text: string, quote: string, first: number, last = first, tolerance = 0.2): { source: SourceText; result: QuoteLocation } {
  const source = new SourceText('/workspace/source.txt', text);
  return { source, result: locateQuote(source, prepareQuote(quote), { first, last }, tolerance) };
}

/** The source text a candidate covers, with its lines and edit count. */
function shown(source: SourceText, c: Candidate): { text: string; first: number; last: number; errors: number } {
  return { text: source.text.slice(c.span.start, c.span.end), first: c.first, last: c.last, errors: c.errors };
}

function exactMatch(text: string, quote: string, first: number, last = first): string {
  const { source, result } = locate(text, quote, first, last);
  assert.equal(result.kind, 'exact', `expected an exact match of ${JSON.stringify(quote)}, got ${result.kind}`);
  return source.text.slice(result.match.span.start, result.match.span.end);
}

/** A sheet citing `quote` on `line` of `source.txt`. */
function sheetCiting(line: string, quote: string): string {
  return joinLines('facts:', '  - claim: C', '    cite:', '      - file: source.txt', `        line: ${line}`, `        quote: ${JSON.stringify(quote)}`);
}

describe('quote matching', () => {
  describe('normalization', () => {
    it('folds typographic quotes, dashes, the ellipsis and whitespace runs, and trims', () => {
      assert.equal(normalizeText('  “It’s” ‘ok’ – a — b − c…\u00a0d \t\n e  '), '"It\'s" \'ok\' - a - b - c... d e');
    });

    it('composes decomposed characters (NFC)', () => {
      assert.equal(normalizeText('Cafe\u0301'), 'Caf\u00e9');
    });

    it('matches curly quotes and dashes in the source with straight ones in the quote', () => {
      const line = 'He said: “It’s no secret – we differ…”';
      assert.equal(exactMatch(joinLines(line), `"It's no secret - we differ..."`, 1), '“It’s no secret – we differ…”');
    });

    it('matches straight quotes in the source with curly ones in the quote', () => {
      const line = `He said: "It's no secret - we differ..."`;
      assert.equal(exactMatch(joinLines(line), '“It’s no secret — we differ…”', 1), `"It's no secret - we differ..."`);
    });

    it('finds a quote copied with its typography as it is, and takes the leftmost place as the normalized search does', () => {
      assert.equal(exactMatch(joinLines('He said: “It’s no secret.”'), '“It’s no secret.”', 1), '“It’s no secret.”');
      const { source, result } = locate(joinLines(`First "It's late", then “It’s late”.`), '“It’s late”', 1);
      assert.equal(result.kind, 'exact');
      assert.equal(source.text.slice(result.match.span.start, result.match.span.end), `"It's late"`);
      assert.deepEqual(prepareQuote('“It’s late”').verbatim, [`"It's late"`, '“It’s late”']);
      assert.deepEqual(prepareQuote('“It’s  late”').verbatim, [`"It's late"`], 'a space run is not a verbatim form');
      assert.deepEqual(prepareQuote('It’s … late').verbatim, [], 'an elided quote has none');
    });

    it('finds the same places by its fast paths (verbatim, pattern) as by normalizing, on random texts', () => {
      const words = ['word', 'it’s', "it's", '“q”', '"q"', 'a-b', 'a–b', 'a—b', 'end.', 'end…', '…', '...', 'x.y', '.', 'Cafe\u0301', 'café', '  ', '\u00a0', 'K', 'e'];
      const seps = [' ', ' ', ' ', '  ', '\u00a0', ' \t'];
      let seed = 11;
      const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
      let fast = 0;
      for (let n = 0; n < 3000; n++) {
        const lines = Array.from({ length: 3 }, () => Array.from({ length: 2 + Math.floor(next() * 5) }, () => pick(words)).join(pick(seps)));
        const source = new SourceText('/s.txt', joinLines(...lines));
        const first = 1 + Math.floor(next() * 3);
        const last = Math.min(3, first + Math.floor(next() * 2));
        // A quote cut from the cited lines' normalized text, or from anywhere, sometimes retyped.
        const from = normalizeText(lines.slice(next() < 0.8 ? first - 1 : 0, last).join('\n'));
        const a = Math.floor(next() * from.length);
        let quote = from.slice(a, a + 1 + Math.floor(next() * 20)).trim();
        if (next() < 0.3) quote = quote.replace(/'/g, '’').replace(/"/g, '“').replace(/ /g, next() < 0.5 ? '  ' : ' ');
        if (quote === '') continue;
        const prepared = prepareQuote(quote);
        const slow = locateQuote(source, prepared, { first, last }, 0.2, { reference: true });
        const quick = locateQuote(source, prepared, { first, last }, 0.2);
        const what = `${JSON.stringify(quote)} on lines ${first}-${last} of ${JSON.stringify(lines)}`;
        if (quick.kind !== 'exact' || slow.kind !== 'exact') {
          assert.deepEqual(quick, slow, what);
          continue;
        }
        // Both found it on the cited lines; where the words occur twice (in two typographies, say)
        // a fast path may show the other occurrence.
        const span = source.lineSpan(first, last);
        const m = quick.match;
        assert.ok(m.span.start >= span.start && m.span.end <= span.end && m.errors === 0, what);
        const shownText = normalizeText(source.text.slice(m.span.start, m.span.end));
        assert.ok(prepared.parts.every((part) => shownText.includes(part)), what);
        fast++;
      }
      assert.ok(fast > 1000, `only ${fast} exact matches`);
    });

    it('finds the same places in a source kept as UTF-8 bytes until needed as in its decoded text, on random texts', () => {
      const words = ['word', 'it’s', "it's", '“q”', '"q"', 'a-b', 'a–b', 'end.', 'end…', '...', 'Cafe\u0301', 'café', 'e\u0301', '\u0301', '  ', '\u00a0', '😀', 'K', 'e', 'déjà'];
      const seps = [' ', ' ', ' ', '  ', '\u00a0', ' \t'];
      let seed = 17;
      const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
      let verified = 0;
      for (let n = 0; n < 3000; n++) {
        const lines = Array.from({ length: 4 }, () => Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(words)).join(pick(seps)));
        const text = lines.join('\n') + (next() < 0.5 ? '\n' : '');
        const first = 1 + Math.floor(next() * 4);
        const last = Math.min(4, first + Math.floor(next() * 2));
        const from = lines.slice(next() < 0.8 ? first - 1 : 0, last).join(next() < 0.5 ? '\n' : ' ');
        const a = Math.floor(next() * from.length);
        let quote = from.slice(a, a + 1 + Math.floor(next() * 24)).trim();
        if (next() < 0.3) quote = normalizeText(quote);
        if (quote === '') continue;
        const decoded = new SourceText('/s.txt', text);
        const lazy = new SourceText('/s.txt', Buffer.from(text, 'utf8'));
        assert.equal(lazy.lineCount, decoded.lineCount);
        const prepared = prepareQuote(quote);
        const expected = locateQuote(decoded, prepared, { first, last }, 0.2);
        const result = locateQuote(lazy, prepared, { first, last }, 0.2);
        const what = `${JSON.stringify(quote)} on lines ${first}-${last} of ${JSON.stringify(text)}`;
        assert.equal(JSON.stringify(result), JSON.stringify(expected), what);
        if (result.kind === 'exact') verified++;
      }
      assert.ok(verified > 1000, `only ${verified} exact matches`);
    });

    it('decodes only the cited lines of a source kept as bytes where quotes are found on them, and gives their spans in its text when asked', () => {
      const text = joinLines('First line, “quoted”.', 'Second line – with a dash.', 'Third line.');
      const source = new SourceText('/s.txt', Buffer.from(text, 'utf8'));
      const second = locateQuote(source, prepareQuote('with a dash'), { first: 2, last: 2 }, 0.2);
      const across = locateQuote(source, prepareQuote('dash. Third'), { first: 2, last: 3 }, 0.2);
      assert.equal(second.kind, 'exact');
      assert.equal(across.kind, 'exact');
      assert.ok(!source.isDecoded, 'the source was decoded');
      assert.equal(source.lineCount, 3);
      if (second.kind !== 'exact' || across.kind !== 'exact') return;
      assert.deepEqual([second.match.first, second.match.last, across.match.first, across.match.last], [2, 2, 2, 3]);
      assert.equal(text.slice(second.match.span.start, second.match.span.end), 'with a dash');
      assert.equal(text.slice(across.match.span.start, across.match.span.end), 'dash.\nThird');
      assert.ok(source.isDecoded);
    });

    it('tells the line of an offset in cited lines the same whether the source is decoded or kept as bytes', () => {
      const text = joinLines('Zero.', 'One – a', 'two “b”', 'three', 'four');
      const bytes = new SourceText('/s.txt', Buffer.from(text, 'utf8'));
      const decoded = new SourceText('/s.txt', text);
      const cited = decoded.linesText(2, 4);
      assert.equal(bytes.linesText(2, 4), cited);
      const answers = (s: InstanceType<typeof SourceText>) => Array.from({ length: cited.length }, (_, i) => s.lineInCited(2, cited, i));
      assert.deepEqual(answers(bytes), answers(decoded));
      assert.deepEqual([decoded.lineInCited(2, cited, 0), decoded.lineInCited(2, cited, cited.indexOf('two')), decoded.lineInCited(2, cited, cited.length - 1)], [2, 3, 4]);
      assert.ok(!bytes.isDecoded, 'answering did not decode the source');
    });

    it('keeps no reference to a decoded source in a match on its cited lines (kept results would keep every article alive)', () => {
      const source = new SourceText('/s.txt', joinLines('One.', 'The talks lasted two hours.', 'Three.'));
      for (const lines of [{ first: 2, last: 2 }, { first: 1, last: 3 }]) {
        const found = locateQuote(source, prepareQuote('lasted two hours'), lines, 0.2);
        assert.equal(found.kind, 'exact');
        if (found.kind !== 'exact') continue;
        assert.ok(!Object.values(found.match).some((v) => v === source), `the match of lines ${lines.first}-${lines.last} holds the source`);
        assert.deepEqual([found.match.first, found.match.last], [2, 2]);
      }
    });

    it('tells whether text is in NFC as String.normalize does, on random texts of typeset and combining characters', () => {
      const units = ['a', 'E', ' ', '\n', '\u00e9', '\u00c5', '\u01b5', '\u02c6', '\u0301', '\u0308', '\u0340', '\u037e', '\u2000', '\u2001', '\u2002', '\u2014', '\u2019', '\u201c', '\u2026', '\u202f', '\u212b', '\u1100', '\u1161', '\uac00', '\u11a8', '\ud83d\ude00', '\ud83d'];
      let seed = 11;
      const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
      for (let i = 0; i < 3000; i++) {
        let text = '';
        for (let k = next(12); k >= 0; k--) text += units[next(units.length)];
        assert.equal(isNfc(text), text.normalize('NFC') === text, JSON.stringify(text));
      }
      for (let c = 0; c <= 0xffff; c++) {
        const ch = String.fromCharCode(c);
        assert.equal(isNfc(ch), ch.normalize('NFC') === ch, `U+${c.toString(16)}`);
        assert.equal(isNfc(`A${ch}`), `A${ch}`.normalize('NFC') === `A${ch}`, `A U+${c.toString(16)}`);
      }
    });

    it('matches non-breaking spaces and runs of spaces in either side', () => {
      assert.equal(exactMatch(joinLines('It lasted two\u00a0hours   and  more.'), 'two hours and more', 1), 'two\u00a0hours   and  more');
      assert.equal(exactMatch(joinLines('It lasted two hours and more.'), 'two\u00a0\u00a0hours  and more', 1), 'two hours and more');
    });

    it('matches a decomposed accent in the source with a composed one in the quote, and back', () => {
      assert.equal(exactMatch(joinLines('Lunch at the Cafe\u0301 du Nord.'), 'Caf\u00e9 du Nord', 1), 'Cafe\u0301 du Nord');
      assert.equal(exactMatch(joinLines('Lunch at the Caf\u00e9 du Nord.'), 'Cafe\u0301 du Nord', 1), 'Caf\u00e9 du Nord');
    });

    it('gives the same text and offsets on the fast path (native replacement, map made on demand) as unit by unit', () => {
      const pieces = ['a', 'b', ' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u2009', '\u2028', '\ufeff', '’', '‘', '“', '”', '–', '—', '−', '…', '.', "'", '"', '-', 'é', 'e\u0301', '\u0301', '\u212a', '\u3000', '\u0085', '\u200b'];
      let seed = 7;
      const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      for (let i = 0; i < 20000; i++) {
        let text = '';
        for (let n = Math.floor(next() * 12); n > 0; n--) text += pieces[Math.floor(next() * pieces.length)];
        const slow = buildMap(text, 5);
        const fast = normalizeWithMap(text, 5);
        assert.equal(normalizeText(text), slow.text, JSON.stringify(text));
        assert.equal(fast.text, slow.text, JSON.stringify(text));
        for (let k = 0; k < slow.text.length; k++) {
          assert.deepEqual([fast.startOf(k), fast.endOf(k)], [slow.startOf(k), slow.endOf(k)], `${JSON.stringify(text)} at ${k}`);
        }
        for (let o = 5; o <= text.length + 5; o++) assert.equal(fast.indexAt(o), slow.indexAt(o), `${JSON.stringify(text)} at offset ${o}`);
      }
    });

    it('is case-sensitive: a quote that differs only in case is approximate, not exact', () => {
      const { source, result } = locate(joinLines('The meeting lasted about two hours.'), 'the meeting lasted about two hours.', 1);
      assert.equal(result.kind, 'approximate');
      assert.deepEqual(shown(source, result.match), { text: 'The meeting lasted about two hours.', first: 1, last: 1, errors: 1 });
    });
  });

  describe('elision', () => {
    const ws = useTempWorkspace();
    const text = joinLines('The meeting, which began late, lasted about two hours, officials said.');

    it('matches `...` parts in order and spans from the first part to the last', () => {
      assert.equal(exactMatch(text, 'The meeting ... lasted about two hours', 1), 'The meeting, which began late, lasted about two hours');
    });

    it('matches `…` like `...`', () => {
      assert.equal(exactMatch(text, 'The meeting…officials said.', 1), 'The meeting, which began late, lasted about two hours, officials said.');
    });

    it('matches three parts in order', () => {
      assert.equal(exactMatch(text, 'meeting ... began ... officials', 1), 'meeting, which began late, lasted about two hours, officials');
    });

    it('does not match parts out of order', () => {
      const { result } = locate(text, 'lasted about two hours ... The meeting', 1);
      assert.notEqual(result.kind, 'exact');
      assert.notEqual(result.kind, 'moved');
    });

    it('reports parts out of order as quote-not-found', () => {
      ws.current.write('source.txt', text);
      const sheet = sheetCiting('1', 'lasted about two hours ... The meeting');
      const d = only(checkInWorkspace(ws.current, sheet).diagnostics, 'quote-not-found');
      assert.equal(covered(sheet, d.span), JSON.stringify('lasted about two hours ... The meeting'));
    });

    it('needs every part within the cited lines', () => {
      const two = joinLines('The meeting began late.', 'It lasted about two hours.');
      assert.notEqual(locate(two, 'The meeting ... two hours', 1).result.kind, 'exact');
      assert.equal(exactMatch(two, 'The meeting ... two hours', 1, 2), 'The meeting began late.\nIt lasted about two hours');
    });
  });

  describe('ranges', () => {
    const text = joinLines('Intro.', 'The talks lasted', 'two hours.', 'Outro.');

    it('joins the lines of a range with a space', () => {
      const { source, result } = locate(text, 'lasted two hours', 2, 3);
      assert.equal(result.kind, 'exact');
      assert.deepEqual(shown(source, result.match), { text: 'lasted\ntwo hours', first: 2, last: 3, errors: 0 });
    });

    it('joins CRLF and lone CR line ends with a space too', () => {
      for (const eol of ['\r\n', '\r']) {
        const t = ['Intro.', 'The talks lasted', 'two hours.', ''].join(eol);
        const { source, result } = locate(t, 'lasted two hours', 2, 3);
        assert.equal(result.kind, 'exact', JSON.stringify(eol));
        assert.equal(source.text.slice(result.match.span.start, result.match.span.end), `lasted${eol}two hours`);
      }
    });

    it('finds a quote that spans two lines as moved to the range when one line is cited', () => {
      const { source, result } = locate(text, 'lasted two hours', 2);
      assert.equal(result.kind, 'moved');
      assert.deepEqual(
        result.candidates.map((c) => shown(source, c)),
        [{ text: 'lasted\ntwo hours', first: 2, last: 3, errors: 0 }],
      );
    });
  });

  describe('tolerance', () => {
    // 34 characters: at most floor(0.2 × 34) = 6 edits. The six are spelling-level (FORMAT.md 4.1): two in
    // "meeting" and "lasted", one in "about" and "hours"; no capital letter, no number touched.
    const line = 'The meeting lasted about two hours';
    const text = joinLines('Intro.', `${line}, officials said.`);
    const sixEdits = 'The mxxting lxxted abxut two hxurs';
    const sevenEdits = 'Thx mxxting lxxted abxut two hxurs';

    it('accepts exactly floor(tolerance × length) edits as an approximate match', () => {
      assert.equal(sixEdits.length, 34);
      const { source, result } = locate(text, sixEdits, 2);
      assert.equal(result.kind, 'approximate');
      assert.deepEqual(shown(source, result.match), { text: line, first: 2, last: 2, errors: 6 });
    });

    it('refuses one edit more', () => {
      assert.equal(locate(text, sevenEdits, 2).result.kind, 'none');
    });

    it('follows the tolerance it is given', () => {
      assert.equal(locate(text, 'The mXeting lXsted abXut two hours', 2, 2, 0.1).result.kind, 'approximate');
      assert.equal(locate(text, 'The mXeting lXsted abXut twX hours', 2, 2, 0.1).result.kind, 'none');
    });

    describe('as diagnostics', () => {
      const ws = useTempWorkspace();

      it('reports quote-mismatch at the boundary and quote-not-found one edit past it', () => {
        ws.current.write('source.txt', text);
        const mismatch = sheetCiting('2', sixEdits);
        const d = only(checkInWorkspace(ws.current, mismatch).diagnostics, 'quote-mismatch');
        assert.equal(d.message, `Replace the quote with the source's text, "${line}": it differs from line 2 of "source.txt" in spelling only (6 edits).`);
        assert.deepEqual(
          d.fixes.map((f) => [f.title, f.preferred, f.edits.map((e) => e.newText)]),
          [["Replace quote with the source's text", true, [JSON.stringify(line)]]],
        );
        const notFound = sheetCiting('2', sevenEdits);
        const e = only(checkInWorkspace(ws.current, notFound).diagnostics, 'quote-not-found');
        assert.deepEqual(e.fixes, []);
        assert.ok(e.message.includes(`${line}, officials said.`), e.message);
      });

      it('uses the configured tolerance', () => {
        ws.current.write('source.txt', text);
        const sheet = sheetCiting('2', sixEdits);
        assert.equal(only(checkInWorkspace(ws.current, sheet, { quoteTolerance: 0.1 }).diagnostics, 'quote-not-found').code, 'quote-not-found');
      });
    });
  });

  describe('ties', () => {
    const ws = useTempWorkspace();

    it('marks no fix preferred when two approximate passages on the cited lines are equally close, and names both lines', () => {
      ws.current.write('source.txt', joinLines('Intro.', 'The talks lasted about two hours.', 'The talks lastad about two hours.'));
      const sheet = sheetCiting('"2-3"', 'The talks lastxd about two hours.');
      const d = only(checkInWorkspace(ws.current, sheet).diagnostics, 'quote-mismatch');
      assert.equal(d.severity, 'warning');
      assert.ok(d.fixes.every((f) => !f.preferred), JSON.stringify(d.fixes));
      assert.equal(
        d.message,
        'Replace the quote with the source\'s text, "The talks lasted about two hours.": it differs from lines 2-3 of "source.txt" in spelling only (1 edit). It matches 2 passages there about equally well, on lines 2 and 3, so none is taken.',
      );
    });

    it('offers re-anchoring to both of two equally close passages elsewhere, none preferred, and names both lines', () => {
      ws.current.write('source.txt', joinLines('Intro.', 'x', 'The talks lasted about two hours.', 'y', 'The talks lasted about twO hours.'));
      const sheet = sheetCiting('1', 'The talks lasted about tw0 hours.');
      const d = only(checkInWorkspace(ws.current, sheet).diagnostics, 'quote-not-found');
      assert.deepEqual(
        d.fixes.map((f) => [f.title, f.preferred]),
        [
          ['Re-anchor to line 3', false],
          ['Re-anchor to line 5', false],
        ],
      );
      assert.match(d.message, /lines 3 and 5/);
    });

    it('reports two exact occurrences elsewhere as quote-moved with two fixes, none preferred, nearest first', () => {
      ws.current.write('source.txt', joinLines('It lasted two hours.', 'b', 'c', 'd', 'e', 'It lasted two hours.', 'g'));
      const sheet = sheetCiting('4', 'It lasted two hours.');
      const d = only(checkInWorkspace(ws.current, sheet).diagnostics, 'quote-moved');
      assert.equal(covered(sheet, d.span), '4');
      assert.deepEqual(
        d.fixes.map((f) => [f.title, f.preferred, f.edits.map((e) => [covered(sheet, e.span), e.newText])]),
        [
          ['Change line to 6', false, [['4', '6']]],
          ['Change line to 1', false, [['4', '1']]],
        ],
      );
      assert.match(d.message, /lines 6 and 1/);
    });

    it('puts the earlier line first between two occurrences equally far away', () => {
      ws.current.write('source.txt', joinLines('a', 'It lasted two hours.', 'c', 'd', 'e', 'It lasted two hours.'));
      const sheet = sheetCiting('4', 'It lasted two hours.');
      const d = only(checkInWorkspace(ws.current, sheet).diagnostics, 'quote-moved');
      assert.deepEqual(
        d.fixes.map((f) => f.title),
        ['Change line to 2', 'Change line to 6'],
      );
    });

    it('prefers the single fix when a quote occurs exactly once elsewhere', () => {
      ws.current.write('source.txt', joinLines('a', 'b', 'It lasted two hours.'));
      const sheet = sheetCiting('1', 'It lasted two hours.');
      const d = only(checkInWorkspace(ws.current, sheet).diagnostics, 'quote-moved');
      assert.deepEqual(
        d.fixes.map((f) => [f.title, f.preferred]),
        [['Change line to 3', true]],
      );
    });

    it('takes a clearly closer passage over a farther one', () => {
      const { source, result } = locate(
        joinLines('Intro.', 'The talks lasted about two hours.', 'The tXlks lXsted about two hours.'),
        'The talks lasted about tw0 hours.',
        2,
        3,
      );
      assert.equal(result.kind, 'approximate');
      assert.deepEqual(shown(source, result.match), { text: 'The talks lasted about two hours.', first: 2, last: 2, errors: 1 });
      assert.deepEqual(result.ties, []);
    });
  });

  describe('UTF-16 offsets', () => {
    it('gives the exact UTF-16 span of a quote after an emoji', () => {
      const text = joinLines('Intro.', '🎉🎉 Party: the talks lasted two hours.');
      const { source, result } = locate(text, 'the talks lasted two hours', 2);
      assert.equal(result.kind, 'exact');
      const start = offsetOf(text, 'the talks');
      assert.deepEqual(result.match.span, { start, end: start + 'the talks lasted two hours'.length });
      assert.equal(source.text.slice(result.match.span.start, result.match.span.end), 'the talks lasted two hours');
    });

    it('gives exact spans after an emoji in a line that also needs NFC composition', () => {
      const text = joinLines('Cafe\u0301 🎉 “the talks” lasted two hours.');
      const { result } = locate(text, '"the talks" lasted', 1);
      assert.equal(result.kind, 'exact');
      const start = offsetOf(text, '“the');
      assert.deepEqual(result.match.span, { start, end: offsetOf(text, ' two') });
    });

    it('keeps an emoji inside the quote whole', () => {
      assert.equal(exactMatch(joinLines('We 🎉 celebrated.'), '🎉 celebrated', 1), '🎉 celebrated');
    });

    describe('in citations', () => {
      const ws = useTempWorkspace();

      it('reports the verified match of a citation with its UTF-16 span in the source', () => {
        const text = joinLines('👋 Hello.', '🎉🎉 Party: the talks lasted two hours.');
        ws.current.write('source.txt', text);
        const result = checkInWorkspace(ws.current, sheetCiting('2', 'the talks lasted two hours'));
        assert.deepEqual(result.diagnostics, []);
        const [citation] = result.citations;
        assert.equal(citation.status, 'verified');
        assert.deepEqual(citation.match?.span, { start: offsetOf(text, 'the talks'), end: offsetOf(text, '.', 2) });
      });

      it('replaces an approximate quote after an emoji with exactly the source\'s words', () => {
        ws.current.write('source.txt', joinLines('🎉🎉 Party: the talks lasted two hours.'));
        const sheet = sheetCiting('1', 'the talks lastd two hours');
        const d = only(checkInWorkspace(ws.current, sheet).diagnostics, 'quote-mismatch');
        assert.deepEqual(
          d.fixes[0].edits.map((e) => e.newText),
          ['"the talks lasted two hours"'],
        );
      });
    });
  });
});
