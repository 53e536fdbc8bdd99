import * as assert from 'node:assert/strict';
import { checkInWorkspace } from '../helpers/check';
import { applyEdits, parseSheet, type CiteTarget, type DiagnosticCode, type TextEdit } from '../helpers/core';
import type * as Core from '../../server/src/core';
import { joinLines } from '../helpers/text';
import { useTempWorkspace } from '../helpers/workspace';

// Loaded like the helpers load the core: tests run one folder deeper than their sources.
const { citeSelection } = require('../../../server/out/core') as typeof Core;

const SHEET = '/ws/notes/talks.facts.yaml';
/** The sheets below say `sources: articles` unless they test otherwise. */
const SOURCE = '/ws/notes/articles/002.txt';

interface Expected {
  readonly fact: number;
  /** The fact's id and claim, when the test means to check them. */
  readonly id?: string;
  readonly claim?: string;
  readonly file: string;
  readonly line: string;
  readonly quote?: string;
  /** Diagnostics the test means to leave in the sheet. */
  readonly allowed?: readonly DiagnosticCode[];
}

/** Runs `citeSelection`, failing on an error, and returns the edit and the edited text. */
function cite(
  text: string,
  target: CiteTarget,
  { lines = { first: 3, last: 3 }, quote = 'The meeting lasted about two hours.', source = SOURCE, sheet = SHEET } = {},
): { edit: TextEdit; text: string } {
  const result = citeSelection(sheet, text, source, lines, quote, target);
  if ('error' in result) assert.fail(`unexpected error: ${result.error}`);
  return { edit: result.edit, text: applyEdits(text, [result.edit]) };
}

/** The edited sheet parses cleanly and its fact's last citation holds exactly the expected values. */
function assertCited(text: string, expected: Expected): void {
  const parsed = parseSheet(text);
  const unexpected = parsed.diagnostics.filter((d) => !(expected.allowed ?? []).includes(d.code));
  assert.deepEqual(unexpected.map((d) => `${d.code}: ${d.message}`), []);
  const fact = parsed.sheet.facts.find((f) => f.index === expected.fact);
  assert.ok(fact, `no fact ${expected.fact}`);
  if (expected.id !== undefined) assert.equal(fact.id?.value, expected.id);
  if (expected.claim !== undefined) assert.equal(fact.claim?.value, expected.claim);
  const citation = fact.citations[fact.citations.length - 1];
  assert.equal(citation.compact, false);
  assert.equal(citation.file?.value, expected.file);
  assert.equal(citation.line?.value, expected.line);
  assert.equal(citation.quote?.value, expected.quote);
}

function errorOf(text: string, target: CiteTarget, lines = { first: 3, last: 3 }): string {
  const result = citeSelection(SHEET, text, SOURCE, lines, 'Some words.', target);
  assert.ok('error' in result, 'expected an error');
  return result.error;
}

const NEW: CiteTarget = { kind: 'new', claim: 'The talks lasted two hours.' };
const FIRST: CiteTarget = { kind: 'fact', index: 0 };
const QUOTE = 'The meeting lasted about two hours.';

const BASE = joinLines(
  'title: Talks   # the meeting',
  'sources: articles',
  'facts:',
  '  - id: venue',
  '    claim: They met in Reykjavik.',
  '    cite:',
  '      - file: 001.txt',
  '        line: 2',
  '        quote: in Reykjavik',
  '      # a comment inside the list',
  '  # a comment after the last fact',
);

describe('citeSelection', () => {
  describe('adding a new fact', () => {
    it('Should append the fact with an id after the last fact and the comments that close the list, with the list indentation', () => {
      const { text } = cite(BASE, NEW);
      assert.equal(
        text,
        joinLines(
          'title: Talks   # the meeting',
          'sources: articles',
          'facts:',
          '  - id: venue',
          '    claim: They met in Reykjavik.',
          '    cite:',
          '      - file: 001.txt',
          '        line: 2',
          '        quote: in Reykjavik',
          '      # a comment inside the list',
          '  # a comment after the last fact',
          '  - id: talks-lasted-two-hours',
          '    claim: The talks lasted two hours.',
          '    cite:',
          '      - file: 002.txt',
          '        line: 3',
          '        quote: The meeting lasted about two hours.',
        ),
      );
      assertCited(text, { fact: 1, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should follow a list written at column 0 and citation lists written flush with their key', () => {
      const sheet = joinLines('sources: articles', 'facts:', '-   claim: A.', '    cite:', '    - 001.txt:1', 'title: After the list');
      const { text } = cite(sheet, NEW);
      assert.equal(
        text,
        joinLines(
          'sources: articles',
          'facts:',
          '-   claim: A.',
          '    cite:',
          '    - 001.txt:1',
          '-   id: talks-lasted-two-hours',
          '    claim: The talks lasted two hours.',
          '    cite:',
          '    - file: 002.txt',
          '      line: 3',
          '      quote: The meeting lasted about two hours.',
          'title: After the list',
        ),
      );
      assertCited(text, { fact: 1, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should add a facts list at the end of a sheet that has none', () => {
      const sheet = joinLines('title: Talks', 'sources: articles', '# the end');
      const { text } = cite(sheet, NEW);
      assert.equal(
        text,
        sheet +
          joinLines(
            'facts:',
            '  - id: talks-lasted-two-hours',
            '    claim: The talks lasted two hours.',
            '    cite:',
            '      - file: 002.txt',
            '        line: 3',
            '        quote: The meeting lasted about two hours.',
          ),
      );
      assertCited(text, { fact: 0, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should start an empty sheet with a facts list', () => {
      const { text } = cite('', NEW, { source: '/ws/notes/002.txt' });
      assert.equal(text, joinLines('facts:', '  - id: talks-lasted-two-hours', '    claim: The talks lasted two hours.', '    cite:', '      - file: 002.txt', '        line: 3', '        quote: The meeting lasted about two hours.'));
      assertCited(text, { fact: 0, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should fill an empty facts key and keep its comment and the keys after it', () => {
      const sheet = joinLines('facts:   # none yet', 'sources: articles');
      const { text } = cite(sheet, NEW);
      assert.equal(
        text,
        joinLines(
          'facts: # none yet',
          '  - id: talks-lasted-two-hours',
          '    claim: The talks lasted two hours.',
          '    cite:',
          '      - file: 002.txt',
          '        line: 3',
          '        quote: The meeting lasted about two hours.',
          'sources: articles',
        ),
      );
      assertCited(text, { fact: 0, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should fill an empty facts key on the last line of a sheet without a final newline', () => {
      const sheet = 'sources: articles\nfacts:';
      const { text } = cite(sheet, NEW);
      assert.equal(text, 'sources: articles\nfacts:\n  - id: talks-lasted-two-hours\n    claim: The talks lasted two hours.\n    cite:\n      - file: 002.txt\n        line: 3\n        quote: The meeting lasted about two hours.');
      assertCited(text, { fact: 0, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should replace an empty flow list facts: [] with a block list', () => {
      const sheet = joinLines('sources: articles', 'facts: []', 'title: T');
      const { text } = cite(sheet, NEW);
      assert.equal(
        text,
        joinLines(
          'sources: articles',
          'facts:',
          '  - id: talks-lasted-two-hours',
          '    claim: The talks lasted two hours.',
          '    cite:',
          '      - file: 002.txt',
          '        line: 3',
          '        quote: The meeting lasted about two hours.',
          'title: T',
        ),
      );
      assertCited(text, { fact: 0, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should append to a facts list written in flow style', () => {
      const sheet = joinLines('sources: articles', 'facts: [{claim: A., cite: 001.txt:1}]');
      const { text } = cite(sheet, NEW);
      assert.equal(
        text,
        joinLines('sources: articles', 'facts: [{claim: A., cite: 001.txt:1}, {id: talks-lasted-two-hours, claim: The talks lasted two hours., cite: [{file: 002.txt, line: 3, quote: The meeting lasted about two hours.}]}]'),
      );
      assertCited(text, { fact: 1, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should quote a claim that would not be plain YAML', () => {
      const { text } = cite(BASE, { kind: 'new', claim: '  Lavrov: "no comment" #1  ' });
      assert.match(text, /^ {4}claim: 'Lavrov: "no comment" #1'$/m);
      assert.equal(parseSheet(text).sheet.facts[1].claim?.value, 'Lavrov: "no comment" #1');
    });

    it('Should keep a sheet without a final newline without one', () => {
      const sheet = joinLines('sources: articles', 'facts:', '  - claim: A.', '    cite: 001.txt:1').slice(0, -1);
      const { text } = cite(sheet, NEW);
      assert.ok(text.startsWith(sheet + '\n'));
      assert.ok(text.endsWith('quote: The meeting lasted about two hours.'));
      assertCited(text, { fact: 1, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should refuse a new fact without a claim', () => {
      assert.equal(errorOf(BASE, { kind: 'new', claim: '  \n ' }), 'A new fact needs a claim.');
    });
  });

  describe("a new fact's id", () => {
    /** The id a new fact with `claim` gets in `sheet`. */
    const idFor = (claim: string, sheet = BASE) => {
      const { text } = cite(sheet, { kind: 'new', claim });
      const facts = parseSheet(text).sheet.facts;
      assertCited(text, { fact: facts.length - 1, id: facts[facts.length - 1].id?.value, claim: claim.trim(), file: '002.txt', line: '3', quote: QUOTE });
      return facts[facts.length - 1].id?.value;
    };
    /** A sheet whose facts have these ids. */
    const withIds = (...ids: string[]) => joinLines('sources: articles', 'facts:', ...ids.flatMap((id, i) => [`  - id: ${id}`, `    claim: Claim ${i}.`, `    cite: 001.txt:${i + 1}`]));

    it('Should make the id of a few significant words of the claim, in lower case, without stop words', () => {
      assert.equal(idFor('The talks lasted one hour and 45 minutes.'), 'talks-lasted-one-hour');
      assert.equal(idFor('Blinken and Lavrov met in Reykjavik, Iceland.'), 'blinken-lavrov-met-reykjavik');
      assert.equal(idFor('No questions were taken after the talks.'), 'no-questions-taken-after');
      assert.equal(idFor("U.S. officials didn't confirm Biden's summit proposal."), 'us-officials-didnt-confirm');
    });

    it('Should keep the id short when the words are long', () => {
      const id = idFor('Counterintelligence representatives characterised internationalisation negatively.');
      assert.equal(id, 'counterintelligence');
      assert.equal(idFor('Pneumonoultramicroscopicsilicovolcanoconiosis.'), 'pneumonoultramicroscopicsilicovo');
    });

    it('Should make the id unique in the sheet with -2, -3 and so on', () => {
      assert.equal(idFor('The talks lasted two hours.', withIds('talks-lasted-two-hours')), 'talks-lasted-two-hours-2');
      assert.equal(idFor('The talks lasted two hours.', withIds('talks-lasted-two-hours-2', 'talks-lasted-two-hours')), 'talks-lasted-two-hours-3');
      const { text } = cite(withIds('venue', 'talks-lasted-two-hours'), NEW);
      assert.deepEqual(parseSheet(text).sheet.facts.map((f) => f.id?.value), ['venue', 'talks-lasted-two-hours', 'talks-lasted-two-hours-2']);
      assert.deepEqual(parseSheet(text).diagnostics, []);
    });

    it('Should use fact-N, N the new fact\'s position, when the claim has no usable word', () => {
      assert.equal(idFor('— ?! …'), 'fact-2');
      assert.equal(idFor('It was.'), 'fact-2');
      assert.equal(idFor('— ?! …', withIds('a', 'fact-3')), 'fact-3-2');
      const { text } = cite('', { kind: 'new', claim: '...?' }, { source: '/ws/notes/002.txt' });
      assert.match(text, /^ {2}- id: fact-1$/m);
    });

    it('Should fold accented letters to ASCII and leave out letters it cannot fold', () => {
      assert.equal(idFor('Réunion à Genève: Lavrov a été « franc ».'), 'reunion-geneve-lavrov-ete');
      assert.equal(idFor('Die Straße nach Ærøskøbing'), 'die-strasse-nach-aeroskobing');
      assert.equal(idFor('Лавров said the talks were useful.'), 'said-talks-useful');
      assert.equal(idFor('Переговоры в Рейкьявике'), 'fact-2');
    });

    it('Should quote an id that YAML would read as a number, and keep it a string', () => {
      assert.equal(idFor('1945.'), '1945');
      assert.match(cite(BASE, { kind: 'new', claim: '1945.' }).text, /^ {2}- id: "1945"$/m);
    });

    it('Should give a fact added to a flow list its id too', () => {
      const sheet = joinLines('sources: articles', 'facts: [{id: talks-lasted-two-hours, claim: A., cite: 001.txt:1}]');
      const { text } = cite(sheet, NEW);
      assert.match(text, /\{id: talks-lasted-two-hours-2, claim: The talks lasted two hours\., cite: \[/);
      assertCited(text, { fact: 1, id: 'talks-lasted-two-hours-2', claim: 'The talks lasted two hours.', file: '002.txt', line: '3', quote: QUOTE });
    });
  });

  describe("a new fact's layout", () => {
    const SEPARATED = joinLines(
      'sources: articles',
      '',
      'facts:',
      '  - id: venue',
      '    claim: They met in Reykjavik.',
      '    cite: 001.txt:2',
      '',
      '  - id: length',
      '    claim: Two hours.',
      '    cite:',
      '      - file: 001.txt',
      '        line: 3',
    );
    const NEW_FACT = ['  - id: talks-lasted-two-hours', '    claim: The talks lasted two hours.', '    cite:', '      - file: 002.txt', '        line: 3', '        quote: The meeting lasted about two hours.'];

    it('Should put a blank line before the new fact when the sheet separates its facts with blank lines', () => {
      const { text, edit } = cite(SEPARATED, NEW);
      assert.equal(text, SEPARATED + joinLines('', ...NEW_FACT));
      assert.deepEqual(edit.span, { start: SEPARATED.length, end: SEPARATED.length }, 'an insertion at the end');
      assertCited(text, { fact: 2, id: 'talks-lasted-two-hours', claim: 'The talks lasted two hours.', file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should add no blank line when the facts follow each other without one', () => {
      const sheet = SEPARATED.replace('\n\n  - id: length', '\n  - id: length');
      assert.equal(cite(sheet, NEW).text, sheet + joinLines(...NEW_FACT));
    });

    it('Should follow most of the gaps between facts, counting comments between them as part of the gap', () => {
      const sheet = joinLines(
        'facts:',
        '  - claim: A.',
        '    cite: 001.txt:1',
        '',
        '  # --- Section two ---',
        '  - claim: B.',
        '    cite: 001.txt:2',
        '  - claim: C.',
        '    cite: 001.txt:3',
        '',
        '  - claim: D.',
        '    cite: 001.txt:4',
      );
      const { text } = cite(sheet, NEW, { source: '/ws/notes/002.txt' });
      assert.equal(text, sheet + joinLines('', ...NEW_FACT));
      const mostly = sheet.replace('\n\n  - claim: D.', '\n  - claim: D.');
      assert.equal(cite(mostly, NEW, { source: '/ws/notes/002.txt' }).text, mostly + joinLines(...NEW_FACT));
    });

    it('Should go after a section comment at the end of a separated list, a blank line after it', () => {
      const sheet = SEPARATED + joinLines('', '  # --- The Arctic ---');
      const { text } = cite(sheet, NEW);
      assert.equal(text, sheet + joinLines('', ...NEW_FACT));
      assertCited(text, { fact: 2, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should leave a comment left of the facts key after the new fact, with the key or the end it belongs to', () => {
      const sheet = joinLines('sources: articles', 'facts:', '  - claim: A.', '    cite: 001.txt:1', '    # about A', '# about the title', 'title: T', '# the end');
      const { text, edit } = cite(sheet, NEW);
      assert.equal(
        text,
        joinLines('sources: articles', 'facts:', '  - claim: A.', '    cite: 001.txt:1', '    # about A', ...NEW_FACT, '# about the title', 'title: T', '# the end'),
      );
      assert.equal(edit.span.end - edit.span.start, 0, 'an insertion');
      const atEnd = joinLines('sources: articles', 'facts:', '  - claim: A.', '    cite: 001.txt:1', '', '# vim: set ft=yaml:');
      assert.equal(cite(atEnd, NEW).text, joinLines('sources: articles', 'facts:', '  - claim: A.', '    cite: 001.txt:1', ...NEW_FACT, '', '# vim: set ft=yaml:'));
    });

    it('Should indent a new fact in a list written at column 0 as its facts are', () => {
      const sheet = joinLines('sources: articles', 'facts:', '- id: venue', '  claim: They met in Reykjavik.', '  cite:', '  - file: 001.txt', '    line: 2', '# the end');
      const { text } = cite(sheet, NEW);
      assert.equal(
        text,
        joinLines(
          'sources: articles',
          'facts:',
          '- id: venue',
          '  claim: They met in Reykjavik.',
          '  cite:',
          '  - file: 001.txt',
          '    line: 2',
          '- id: talks-lasted-two-hours',
          '  claim: The talks lasted two hours.',
          '  cite:',
          '  - file: 002.txt',
          '    line: 3',
          '    quote: The meeting lasted about two hours.',
          '# the end',
        ),
      );
      assertCited(text, { fact: 1, id: 'talks-lasted-two-hours', claim: 'The talks lasted two hours.', file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should indent a new fact in a list indented by 4 spaces as its facts are, with a blank line between them', () => {
      const sheet = joinLines(
        'sources: articles',
        'facts:',
        '    - id: venue',
        '      claim: They met in Reykjavik.',
        '      cite:',
        '          - file: 001.txt',
        '            line: 2',
        '',
        '    - id: length',
        '      claim: Two hours.',
        '      cite: 001.txt:3',
      );
      const { text } = cite(sheet, NEW);
      assert.equal(
        text,
        sheet +
          joinLines(
            '',
            '    - id: talks-lasted-two-hours',
            '      claim: The talks lasted two hours.',
            '      cite:',
            '          - file: 002.txt',
            '            line: 3',
            '            quote: The meeting lasted about two hours.',
          ),
      );
      assertCited(text, { fact: 2, id: 'talks-lasted-two-hours', claim: 'The talks lasted two hours.', file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should keep a CRLF sheet CRLF, blank line included', () => {
      const sheet = SEPARATED.replace(/\n/g, '\r\n');
      const { text } = cite(sheet, NEW);
      assert.equal(text, cite(SEPARATED, NEW).text.replace(/\n/g, '\r\n'));
      assert.ok(text.endsWith('\r\n\r\n  - id: talks-lasted-two-hours\r\n    claim: The talks lasted two hours.\r\n' + NEW_FACT.slice(2).join('\r\n') + '\r\n'));
      assert.doesNotMatch(text, /[^\r]\n/);
      assertCited(text, { fact: 2, id: 'talks-lasted-two-hours', claim: 'The talks lasted two hours.', file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should add a blank line in a separated sheet without a final newline', () => {
      const sheet = SEPARATED.slice(0, -1);
      const { text } = cite(sheet, NEW);
      assert.equal(text, sheet + '\n' + joinLines('', ...NEW_FACT).slice(0, -1));
      assertCited(text, { fact: 2, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should start the list of an empty sheet, with an id', () => {
      for (const sheet of ['', joinLines('facts:'), joinLines('facts: []'), joinLines('sources: .', 'facts:  # none yet', '')]) {
        const { text } = cite(sheet, NEW, { source: '/ws/notes/002.txt' });
        assert.match(text, /^ {2}- id: talks-lasted-two-hours\n {4}claim: The talks lasted two hours\.\n {4}cite:\n/m, JSON.stringify(sheet));
        assertCited(text, { fact: 0, id: 'talks-lasted-two-hours', claim: 'The talks lasted two hours.', file: '002.txt', line: '3', quote: QUOTE });
      }
    });
  });

  describe('adding to an existing fact', () => {
    it('Should append to a block citation list with the indentation of its items', () => {
      const sheet = joinLines(
        'sources: articles',
        'facts:',
        '  - claim: They met in Reykjavik.',
        '    cite:',
        '       -  file: 001.txt',
        '          line: 2   # the dateline',
        '  - claim: B.',
        '    cite: 001.txt:9',
      );
      const { text } = cite(sheet, FIRST);
      assert.equal(
        text,
        joinLines(
          'sources: articles',
          'facts:',
          '  - claim: They met in Reykjavik.',
          '    cite:',
          '       -  file: 001.txt',
          '          line: 2   # the dateline',
          '       -  file: 002.txt',
          '          line: 3',
          '          quote: The meeting lasted about two hours.',
          '  - claim: B.',
          '    cite: 001.txt:9',
        ),
      );
      assertCited(text, { fact: 0, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should append to a flow citation list before its closing bracket', () => {
      const sheet = joinLines('sources: articles', 'facts:', '  - claim: A.', '    cite: [001.txt:1, {file: 001.txt, line: 2}]  # two');
      const { text } = cite(sheet, FIRST, { quote: 'Lavrov: "no", he said [twice] # not a comment' });
      assert.equal(
        text,
        joinLines(
          'sources: articles',
          'facts:',
          '  - claim: A.',
          '    cite: [001.txt:1, {file: 001.txt, line: 2}, {file: 002.txt, line: 3, quote: "Lavrov: \\"no\\", he said [twice] # not a comment"}]  # two',
        ),
      );
      assertCited(text, { fact: 0, file: '002.txt', line: '3', quote: 'Lavrov: "no", he said [twice] # not a comment' });
    });

    it('Should turn a single citation mapping into a list that keeps its text and comments', () => {
      const sheet = joinLines(
        'sources: articles',
        'facts:',
        '  - claim: A.',
        '    cite:   # the first source',
        '      file: 001.txt   # AP',
        '      # checked twice',
        '      line: 2',
        '    note: Last key.',
      );
      const { text } = cite(sheet, FIRST);
      assert.equal(
        text,
        joinLines(
          'sources: articles',
          'facts:',
          '  - claim: A.',
          '    cite:   # the first source',
          '      - file: 001.txt   # AP',
          '        # checked twice',
          '        line: 2',
          '      - file: 002.txt',
          '        line: 3',
          '        quote: The meeting lasted about two hours.',
          '    note: Last key.',
        ),
      );
      assertCited(text, { fact: 0, file: '002.txt', line: '3', quote: QUOTE });
      assert.equal(parseSheet(text).sheet.facts[0].citations[0].file?.value, '001.txt');
    });

    it('Should turn a single compact citation into a list that keeps it and its comment', () => {
      const sheet = joinLines('sources: articles', 'facts:', '  - claim: A.', '    cite: 001.txt:4   # AP', '  - claim: B.', '    cite: 001.txt:5');
      const { text } = cite(sheet, FIRST);
      assert.equal(
        text,
        joinLines(
          'sources: articles',
          'facts:',
          '  - claim: A.',
          '    cite:',
          '      - 001.txt:4   # AP',
          '      - file: 002.txt',
          '        line: 3',
          '        quote: The meeting lasted about two hours.',
          '  - claim: B.',
          '    cite: 001.txt:5',
        ),
      );
      assertCited(text, { fact: 0, file: '002.txt', line: '3', quote: QUOTE });
      assert.equal(parseSheet(text).sheet.facts[0].citations[0].file?.value, '001.txt');
    });

    it('Should turn a single flow mapping citation into a block list', () => {
      const sheet = joinLines('sources: articles', 'facts:', '  - claim: A.', '    cite: {file: 001.txt, line: 4}');
      const { text } = cite(sheet, FIRST);
      assert.equal(
        text,
        joinLines(
          'sources: articles',
          'facts:',
          '  - claim: A.',
          '    cite:',
          '      - {file: 001.txt, line: 4}',
          '      - file: 002.txt',
          '        line: 3',
          '        quote: The meeting lasted about two hours.',
        ),
      );
      assertCited(text, { fact: 0, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should add a cite key after the last line of a fact that has none', () => {
      const sheet = joinLines('sources: articles', 'facts:', '  - claim: A.', '    note: |', '      Two lines', '      of note.', '', '  - claim: B.', '    cite: 001.txt:5');
      const before = parseSheet(sheet).diagnostics.map((d) => d.code);
      assert.deepEqual(before, ['missing-citation']);
      const { text } = cite(sheet, FIRST);
      assert.equal(
        text,
        joinLines(
          'sources: articles',
          'facts:',
          '  - claim: A.',
          '    note: |',
          '      Two lines',
          '      of note.',
          '    cite:',
          '      - file: 002.txt',
          '        line: 3',
          '        quote: The meeting lasted about two hours.',
          '',
          '  - claim: B.',
          '    cite: 001.txt:5',
        ),
      );
      assertCited(text, { fact: 0, file: '002.txt', line: '3', quote: QUOTE });
      assert.equal(parseSheet(text).sheet.facts[0].note?.value, 'Two lines\nof note.\n');
    });

    it('Should fill an empty cite key', () => {
      const sheet = joinLines('sources: articles', 'facts:', '  - claim: A.', '    cite:', '  - claim: B.', '    cite: []   # later');
      const first = cite(sheet, FIRST).text;
      assert.equal(first, joinLines('sources: articles', 'facts:', '  - claim: A.', '    cite:', '      - file: 002.txt', '        line: 3', '        quote: The meeting lasted about two hours.', '  - claim: B.', '    cite: []   # later'));
      assertCited(first, { fact: 0, file: '002.txt', line: '3', quote: QUOTE, allowed: ['missing-citation'] });
      const second = cite(first, { kind: 'fact', index: 1 }).text;
      assert.ok(second.endsWith(joinLines('  - claim: B.', '    cite: # later', '      - file: 002.txt', '        line: 3', '        quote: The meeting lasted about two hours.')));
      assertCited(second, { fact: 1, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should add to a fact written as a flow mapping in flow style', () => {
      const sheet = joinLines('sources: articles', 'facts:', '  - {claim: A., cite: 001.txt:1}', '  - {claim: B.}');
      const first = cite(sheet, FIRST, { quote: '' }).text;
      assert.equal(first, joinLines('sources: articles', 'facts:', '  - {claim: A., cite: [001.txt:1, {file: 002.txt, line: 3}]}', '  - {claim: B.}'));
      assertCited(first, { fact: 0, file: '002.txt', line: '3', allowed: ['missing-citation'] });
      const second = cite(first, { kind: 'fact', index: 1 }).text;
      assert.ok(second.endsWith('  - {claim: B., cite: [{file: 002.txt, line: 3, quote: The meeting lasted about two hours.}]}\n'));
      assertCited(second, { fact: 1, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should refuse a fact index the sheet does not have', () => {
      assert.equal(errorOf(BASE, { kind: 'fact', index: 1 }), 'The sheet has no fact 2: it has one fact.');
      assert.match(errorOf(BASE, { kind: 'fact', index: 7 }), /^The sheet has no fact 8/);
    });
  });

  describe('the citation values', () => {
    it('Should write a range of lines as a quoted "N-M" string', () => {
      const { text } = cite(BASE, NEW, { lines: { first: 3, last: 5 } });
      assert.match(text, /^ {8}line: "3-5"$/m);
      assertCited(text, { fact: 1, file: '002.txt', line: '3-5', quote: QUOTE });
      assert.deepEqual([parseSheet(text).sheet.facts[1].citations[0].line?.first, parseSheet(text).sheet.facts[1].citations[0].line?.last], [3, 5]);
    });

    it('Should quote a quote that holds ": ", "#" and quotes', () => {
      const quote = `Lavrov said: "it's fine" #diplomacy`;
      const { text } = cite(BASE, FIRST, { quote });
      assert.match(text, /^ {8}quote: "Lavrov said: \\"it's fine\\" #diplomacy"$/m);
      assertCited(text, { fact: 0, file: '002.txt', line: '3', quote });
    });

    it('Should collapse the whitespace of a selection that spans lines', () => {
      const { text } = cite(BASE, NEW, { quote: '  The meeting\r\n   lasted\tabout\u00a0two hours. \n', lines: { first: 3, last: 4 } });
      assertCited(text, { fact: 1, file: '002.txt', line: '3-4', quote: QUOTE });
    });

    it('Should leave out an empty quote', () => {
      const { text } = cite(BASE, NEW, { quote: ' \n ' });
      assertCited(text, { fact: 1, file: '002.txt', line: '3' });
    });

    it('Should write file relative to the sources folder, with forward slashes for a subfolder', () => {
      const sheet = joinLines('sources: ../articles', 'facts:', '  - claim: A.', '    cite: x.txt:1');
      const { text } = cite(sheet, NEW, { source: '/ws/articles/2021/june/002.txt' });
      assertCited(text, { fact: 1, file: '2021/june/002.txt', line: '3', quote: QUOTE });
    });

    it('Should write file relative to the sheet folder when there is no sources key', () => {
      const sheet = joinLines('facts:', '  - claim: A.', '    cite: x.txt:1');
      assertCited(cite(sheet, NEW, { source: '/ws/notes/002.txt' }).text, { fact: 1, file: '002.txt', line: '3', quote: QUOTE });
      assertCited(cite(sheet, NEW, { source: '/ws/other/002.txt' }).text, { fact: 1, file: '../other/002.txt', line: '3', quote: QUOTE });
    });

    it('Should quote a file name that YAML would read as a number', () => {
      const { text } = cite(BASE, NEW, { source: '/ws/notes/articles/2021' });
      assert.match(text, /^ {6}- file: "2021"$/m);
      assertCited(text, { fact: 1, file: '2021', line: '3', quote: QUOTE });
    });

    it('Should refuse lines that are not 1-based whole lines', () => {
      assert.match(errorOf(BASE, NEW, { first: 0, last: 2 }), /cannot be cited/);
      assert.match(errorOf(BASE, NEW, { first: 5, last: 4 }), /cannot be cited/);
    });
  });

  describe('line endings', () => {
    it('Should keep a CRLF sheet CRLF when adding a fact', () => {
      const sheet = BASE.replace(/\n/g, '\r\n');
      const { text } = cite(sheet, NEW);
      assert.equal(text, cite(BASE, NEW).text.replace(/\n/g, '\r\n'));
      assert.doesNotMatch(text, /[^\r]\n/);
      assertCited(text, { fact: 1, file: '002.txt', line: '3', quote: QUOTE });
    });

    it('Should keep a CRLF sheet CRLF when turning a single citation into a list', () => {
      const lf = joinLines('sources: articles', 'facts:', '  - claim: A.', '    cite:', '      file: 001.txt', '      line: 2', '  - claim: B.', '    cite: 001.txt:4  # AP', '    note: N.');
      const sheet = lf.replace(/\n/g, '\r\n');
      for (const index of [0, 1]) {
        const { text } = cite(sheet, { kind: 'fact', index });
        assert.equal(text, cite(lf, { kind: 'fact', index }).text.replace(/\n/g, '\r\n'));
        assert.doesNotMatch(text, /[^\r]\n/);
        assertCited(text, { fact: index, file: '002.txt', line: '3', quote: QUOTE });
      }
    });
  });

  describe('sheets it cannot change', () => {
    it('Should refuse a sheet whose YAML does not parse', () => {
      const sheet = joinLines('facts:', '  - claim: "unclosed', '    cite: a.txt:1');
      assert.match(errorOf(sheet, NEW), /^Fix the YAML errors in the sheet first/);
      assert.match(errorOf(sheet, FIRST), /^Fix the YAML errors in the sheet first/);
    });

    it('Should still cite in a sheet whose YAML is broken in another fact, but not in the broken one', () => {
      const sheet = joinLines(
        'sources: articles',
        'facts:',
        '  - claim: A.',
        '    cite: 001.txt:1',
        '  - claim: "B," she said   # a YAML error',
        '    cite: 001.txt:2',
        '  - claim: C.',
        '    cite: 001.txt:3',
      );
      assert.deepEqual(parseSheet(sheet).diagnostics.map((d) => d.code), ['yaml-syntax']);
      for (const [target, fact] of [[FIRST, 0], [{ kind: 'fact', index: 2 }, 2], [NEW, 3]] as const) {
        assertCited(cite(sheet, target).text, { fact, file: '002.txt', line: '3', quote: QUOTE, allowed: ['yaml-syntax'] });
      }
      assert.match(errorOf(sheet, { kind: 'fact', index: 1 }), /^Fix the YAML errors in the sheet first/);
    });

    it('Should refuse a sheet whose facts is not a list', () => {
      const sheet = joinLines('facts:', '  claim: A.', '  cite: a.txt:1');
      assert.match(errorOf(sheet, NEW), /`facts` is not a list/);
      assert.match(errorOf(sheet, FIRST), /`facts` is not a list/);
    });

    it('Should refuse a sheet that is not a mapping', () => {
      assert.match(errorOf(joinLines('- claim: A.'), NEW), /not a mapping/);
    });

    it('Should refuse a fact that is not a mapping', () => {
      assert.match(errorOf(joinLines('facts:', '  - just text'), FIRST), /^Fact 1 is not a mapping/);
    });
  });

  describe('with a real source', () => {
    const ws = useTempWorkspace();

    it('Should add a new fact, id and blank line included, that the checker verifies', () => {
      const source = ws.current.write('articles/002.txt', joinLines('Reykjavik, May 20.', '', 'The talks lasted one hour and 45 minutes.'));
      const sheetPath = ws.current.path('talks.facts.yaml');
      const sheet = joinLines('sources: articles', '', 'facts:', '  - id: talks-lasted-one-hour', '    claim: They met in Reykjavik.', '    cite: 002.txt:1', '', '  - id: b', '    claim: Reykjavik.', '    cite: 002.txt:1');
      const claim = 'The talks lasted one hour and 45 minutes.';
      const result = citeSelection(sheetPath, sheet, source, { first: 3, last: 3 }, claim, { kind: 'new', claim });
      assert.ok('edit' in result, JSON.stringify(result));
      const text = applyEdits(sheet, [result.edit]);
      assert.ok(text.startsWith(sheet + '\n  - id: talks-lasted-one-hour-2\n'), text);
      const checked = checkInWorkspace(ws.current, text, {}, 'talks.facts.yaml');
      assert.deepEqual(checked.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
      assert.deepEqual(checked.citations.map((c) => c.status), ['verified', 'verified', 'verified']);
      assertCited(text, { fact: 2, id: 'talks-lasted-one-hour-2', claim, file: '002.txt', line: '3', quote: claim });
    });

    it('Should produce a citation that the checker verifies', () => {
      const article = joinLines('Reykjavik, May 20.', '', 'The meeting lasted', 'about two hours, officials said.');
      const source = ws.current.write('articles/news/002.txt', article);
      const sheetPath = ws.current.path('talks.facts.yaml');
      const sheet = joinLines('sources: articles   # the folder', 'facts:', '  - claim: They met in Reykjavik.', '    cite: news/002.txt:1');
      const result = citeSelection(sheetPath, sheet, source, { first: 3, last: 4 }, 'The meeting lasted\nabout two hours', { kind: 'fact', index: 0 });
      assert.ok('edit' in result, JSON.stringify(result));
      const text = applyEdits(sheet, [result.edit]);
      const checked = checkInWorkspace(ws.current, text, {}, 'talks.facts.yaml');
      assert.deepEqual(checked.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
      assert.deepEqual(checked.citations.map((c) => c.status), ['verified', 'verified']);
      assertCited(text, { fact: 0, file: 'news/002.txt', line: '3-4', quote: 'The meeting lasted about two hours' });
    });
  });
});
