/**
 * Issue 15: does the source support the claim? The numbers and dates of a
 * text (quantitiesIn), and claim-unsupported on many hand-written pairs of
 * a claim and its cited line, both ways; the disagreements of the samples;
 * single-source.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { quantitiesIn } from '../helpers/core';
import { checkInWorkspace } from '../helpers/check';
import { joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

const kinds = (text: string) => quantitiesIn(text).map((q) => `${q.kind} ${Number.isNaN(q.value) ? JSON.stringify(q.date) : q.value} "${q.text}"`);

describe('Claims: the numbers and dates of a text (issue 15)', () => {
  it('reads counts, ordinals, percentages, fractions, durations, money, dates and weekdays, with what was written', () => {
    assert.deepEqual(kinds('The talks lasted about two hours.'), ['duration 120 "two hours"']);
    assert.deepEqual(kinds('lasted one hour and 45 minutes, taking longer'), ['duration 105 "one hour and 45 minutes"']);
    assert.deepEqual(kinds('a two-hour meeting on Wednesday evening'), ['duration 120 "two-hour"', 'weekday 3 "Wednesday"']);
    assert.deepEqual(kinds('an hour and a half, half an hour, 90 minutes'), ['duration 90 "an hour and a half"', 'duration 30 "half an hour"', 'duration 90 "90 minutes"']);
    assert.deepEqual(kinds('the $ 11 billion Nord Stream 2 pipeline'), ['money 11000000000 "$ 11 billion"', 'count 2 "2"']);
    assert.deepEqual(kinds('11 billion dollars; €3.5 million'), ['money 11000000000 "11 billion dollars"', 'money 3500000 "€3.5 million"']);
    assert.deepEqual(kinds('ten Russian diplomats, a dozen, 1,000 people, 3.5 million'), ['count 10 "ten"', 'count 12 "a dozen"', 'count 1000 "1,000"', 'count 3500000 "3.5 million"']);
    assert.deepEqual(kinds('forty-five percent, 45%, 45 per cent'), ['percent 45 "forty-five percent"', 'percent 45 "45%"', 'percent 45 "45 per cent"']);
    assert.deepEqual(kinds('half, a third, two thirds, 2/3, three quarters'), ['fraction 0.5 "half"', `fraction ${1 / 3} "a third"`, `fraction ${2 / 3} "two thirds"`, `fraction ${2 / 3} "2/3"`, 'fraction 0.75 "three quarters"']);
    assert.deepEqual(kinds('their first meeting, the 21st century, twenty-first'), ['ordinal 1 "first"', 'ordinal 21 "21st"', 'ordinal 21 "twenty-first"']);
    assert.deepEqual(kinds('May 20, 2021; 20 May 2021; 2021-05-20; the 20th of May'), [
      'date {"month":5,"day":20,"year":2021} "May 20, 2021"',
      'date {"month":5,"day":20,"year":2021} "20 May 2021"',
      'date {"year":2021,"month":5,"day":20} "2021-05-20"',
      'date {"month":5,"day":20} "20th of May"',
    ]);
    assert.deepEqual(kinds('in January, in May 2021, on Thursday'), ['date {"month":1} "January"', 'date {"month":5,"year":2021} "May 2021"', 'weekday 4 "Thursday"']);
  });

  it('never throws, and gives quantities in order, inside the text, each the text it covers, on any text (fast-check)', () => {
    const pieces = fc.constantFrom(' ', ', ', '-', 'two', 'hours', 'and', '45', 'minutes', 'May', 'may', '20', '2021', '$', '€', '%', 'percent', 'a', 'half', 'third', 'an', 'hour', 'Wednesday', '1,000', '3.5', '21st', '2/3', '2021-05-20', '5:00', 'G7', 'COVID-19', '’', '“', 'ü', '\u00a0', '\n', 'of');
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.array(pieces, { maxLength: 40 }).map((p) => p.join(' ')), fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')));
    fc.assert(
      fc.property(text, (t) => {
        const qs = quantitiesIn(t);
        let last = 0;
        for (const q of qs) {
          assert.ok(q.start >= last && q.end > q.start && q.end <= t.length, JSON.stringify({ t, q }));
          assert.equal(t.slice(q.start, q.end), q.text);
          assert.ok(q.kind === 'date' ? q.date !== undefined : Number.isFinite(q.value));
          last = q.end;
        }
      }),
      { numRuns: Number(process.env.CLAIMS_RUNS ?? 3000), seed: Number(process.env.CLAIMS_SEED ?? 15) },
    );
  });

  it('does not read the verb "may", a time of day or a word that merely contains a number as a number', () => {
    assert.deepEqual(kinds('You may go. May they meet? It was 5:00 pm. Someone, anyone, oneself.'), []);
  });
});

describe('Claims: claim-unsupported (issue 15)', () => {
  const ws = useTempWorkspace('fact-notes-claims-');

  /** The claim-unsupported messages for a claim citing line 1 of an article holding `cited`. */
  const unsupported = (claim: string, cited: string | string[]): string[] => {
    const lines = Array.isArray(cited) ? cited : [cited];
    lines.forEach((l, i) => ws.current.write(`a${i}.txt`, `${l}\n`));
    const sheet = joinLines(
      'facts:',
      `  - claim: ${JSON.stringify(claim)}`,
      '    cite:',
      ...lines.flatMap((_, i) => [`      - file: a${i}.txt`, '        line: 1']),
    );
    const check = checkInWorkspace(ws.current, sheet);
    assert.deepEqual(check.diagnostics.filter((d) => d.severity === 'error'), [], JSON.stringify(check.diagnostics));
    return check.diagnostics.filter((d) => d.code === 'claim-unsupported').map((d) => `${sheet.slice(d.span.start, d.span.end)} | ${d.message}`);
  };

  // [claim, cited line] pairs where the cited text states the claim's numbers, in some written form.
  const SUPPORTED: [string, string | string[]][] = [
    ['The talks lasted about two hours.', 'The meeting lasted about two hours.'],
    ['The talks lasted 2 hours.', 'During a two-hour meeting with Lavrov, he raised it.'],
    ['The talks lasted 105 minutes.', 'The talks lasted one hour and 45 minutes, taking longer than expected.'],
    ['They talked for an hour and a half.', 'The talks took 90 minutes.'],
    ['The US expelled 10 Russian diplomats.', 'the United States expelled ten Russian diplomats and imposed new sanctions'],
    ['The pipeline costs $11 billion.', 'the construction of the $ 11 billion Nord Stream 2 pipeline'],
    ['Turnout was 45%.', 'Forty-five percent of voters took part.'],
    ['Half of the budget went to roads.', 'Fifty percent of the budget went to roads.'],
    ['It was their first meeting.', 'Blinken and Lavrov met face to face for the first time'],
    ['The meeting was on May 20.', 'SRF 4 News, 20 May 2021; 5:00 pm.'],
    ['The meeting was on 20 May 2021.', 'It took place on 2021-05-20 in Reykjavik.'],
    ['They met on Wednesday.', 'bilateral talks on Wednesday evening in Reykjavik'],
    ['They met on Wednesday.', 'The ministers met on May 19, 2021.'],
    ['It happened in 2021.', 'The ministers met on May 19, 2021.'],
    ['A dozen ships were sanctioned.', 'sanctions on 12 ships'],
    ['Blinken and Lavrov, the two ministers, met.', 'Blinken met Lavrov.'],
    ['The talks lasted two hours and ten diplomats were expelled.', ['The talks lasted two hours.', 'Ten diplomats were expelled.']],
  ];

  for (const [claim, cited] of SUPPORTED) {
    it(`supported: "${claim}" by "${Array.isArray(cited) ? cited.join(' / ') : cited}"`, () => {
      assert.deepEqual(unsupported(claim, cited), []);
    });
  }

  // [claim, cited line, what is reported: "covered text | message"].
  const UNSUPPORTED: [string, string, string[]][] = [
    ['The talks lasted two hours.', 'The talks lasted one hour and 45 minutes, taking longer than expected.', ['two hours | The claim says "two hours"; the cited text says "one hour and 45 minutes".']],
    ['The talks lasted three hours.', 'The meeting lasted about two hours.', ['three hours | The claim says "three hours"; the cited text says "two hours".']],
    ['The US expelled eight diplomats.', 'the United States expelled ten Russian diplomats', ['eight | The claim says "eight", which the cited text does not say in any form.']],
    ['The US expelled 8 Russian diplomats.', 'the United States expelled ten Russian diplomats', ['8 | The claim says "8"; the cited text says "ten".']],
    ['The pipeline costs $12 billion.', 'the $ 11 billion Nord Stream 2 pipeline', ['$12 billion | The claim says "$12 billion"; the cited text says "$ 11 billion".']],
    ['Turnout was 54%.', 'Forty-five percent of voters took part.', ['54% | The claim says "54%"; the cited text says "Forty-five percent".']],
    ['It was their second meeting.', 'Blinken and Lavrov met face to face for the first time', ['second | The claim says "second"; the cited text says "first".']],
    ['They met on Thursday.', 'bilateral talks on Wednesday evening in Reykjavik', ['Thursday | The claim says "Thursday"; the cited text says "Wednesday".']],
    ['The meeting was on May 21.', 'SRF 4 News, May 20, 2021; 5:00 pm.', ['May 21 | The claim says "May 21"; the cited text says "May 20, 2021".']],
    ['Biden took office in January 2021.', 'after Joe Biden took the oath of office in January', ['January 2021 | The claim says "January 2021"; the cited text says "January".']],
    ['The talks lasted 2 hours.', 'The talks were long.', ['2 hours | The claim says "2 hours", which the cited text does not say in any form.']],
  ];

  for (const [claim, cited, expected] of UNSUPPORTED) {
    it(`unsupported: "${claim}" by "${cited}"`, () => {
      assert.deepEqual(unsupported(claim, cited), expected);
    });
  }

  it('is checked against every cited line of a range, not only the quote', () => {
    ws.current.write('a.txt', joinLines('The talks began at noon.', 'They lasted two hours.'));
    const check = checkInWorkspace(ws.current, joinLines('facts:', '  - claim: The talks lasted two hours.', '    cite:', '      - file: a.txt', '        line: 1-2', '        quote: The talks began'));
    assert.deepEqual(check.diagnostics.filter((d) => d.code === 'claim-unsupported'), []);
  });

  it('is not checked for a fact with a citation whose lines are not the ones meant (its own error first), nor for an unreadable source', () => {
    ws.current.write('a.txt', joinLines('Something else.', 'The talks lasted two hours.'));
    const moved = checkInWorkspace(ws.current, joinLines('facts:', '  - claim: The talks lasted three hours.', '    cite:', '      - file: a.txt', '        line: 1', '        quote: The talks lasted two hours.'));
    assert.deepEqual(moved.diagnostics.map((d) => d.code), ['quote-moved']);
    const missing = checkInWorkspace(ws.current, joinLines('facts:', '  - claim: The talks lasted three hours.', '    cite:', '      - file: b.txt', '        line: 1'));
    assert.deepEqual(missing.diagnostics.map((d) => d.code), ['source-not-found']);
  });

  it('finds the disagreement of the samples on how long the talks lasted: two hours in one report, 1 hour 45 in another', () => {
    ws.current.write('002.txt', joinLines('The United States foreign minister Antony Blinken raised the country’s deep concern. The meeting lasted about two hours.'));
    ws.current.write('004.txt', joinLines('The first high-level talks between the top American diplomat and his Russian counterpart lasted one hour and 45 minutes, taking longer than expected.'));
    const text = joinLines(
      'facts:',
      '  - id: talks-length',
      '    claim: The talks lasted about two hours.',
      '    cite:',
      '      - file: 002.txt',
      '        line: 1',
      '  - id: talks-length-wrong',
      '    claim: The talks lasted about two hours.',
      '    cite:',
      '      - file: 004.txt',
      '        line: 1',
      '        quote: lasted one hour and 45 minutes',
    );
    const check = checkInWorkspace(ws.current, text);
    const found = check.diagnostics.filter((d) => d.code === 'claim-unsupported');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].span.start, found[0].span.end), 'two hours');
    assert.ok(found[0].span.start > text.indexOf('talks-length-wrong'), 'on the second fact');
    assert.equal(found[0].message, 'The claim says "two hours"; the cited text says "one hour and 45 minutes".');
    assert.equal(found[0].severity, 'warning');
  });

  it('gives single-source, a hint on the claim, when every citation points at one source, and not when two do', () => {
    ws.current.write('a.txt', joinLines('One.', 'Two.'));
    ws.current.write('b.txt', joinLines('One.'));
    const text = joinLines(
      'facts:',
      '  - claim: Once.',
      '    cite:',
      '      - a.txt:1',
      '      - a.txt:2',
      '  - claim: Twice.',
      '    cite:',
      '      - a.txt:1',
      '      - b.txt:1',
    );
    const check = checkInWorkspace(ws.current, text, { hints: true });
    const single = check.diagnostics.filter((d) => d.code === 'single-source');
    assert.equal(single.length, 1);
    assert.equal(single[0].severity, 'hint');
    assert.equal(text.slice(single[0].span.start, single[0].span.end), 'Once.');
    assert.equal(single[0].message, 'Add a second source if there is one: every citation of this fact points at "a.txt".');
  });
});
