/**
 * Comparing a quote with the source text it approximately matched
 * (FORMAT.md section 4.1): spelling-level differences against substantive
 * ones, and the plain sentences that describe the substantive ones.
 */
import * as assert from 'node:assert/strict';
import { compareWords, describeChanges, numberAt, parseDigits, type WordChange } from '../helpers/core';

/** Asserts that the quote and the source differ at most in spelling. */
function assertSpelling(quote: string, source: string): void {
  const result = compareWords(quote, source);
  assert.deepEqual(result, { spellingLevel: true, changes: [] }, `${JSON.stringify(quote)} against ${JSON.stringify(source)}`);
}

/** The one change between the quote and the source. */
function onlyChange(quote: string, source: string): WordChange {
  const result = compareWords(quote, source);
  assert.equal(result.spellingLevel, false, `${JSON.stringify(quote)} against ${JSON.stringify(source)} is substantive`);
  assert.equal(result.changes.length, 1, JSON.stringify(result.changes));
  return result.changes[0];
}

/** The number phrase at the start of `text`'s words. */
function numberIn(text: string, i = 0): ReturnType<typeof numberAt> {
  return numberAt(text.split(' '), i);
}

describe('word comparison', () => {
  describe('spelling-level differences', () => {
    it('finds nothing between equal texts, or between two empty ones', () => {
      assertSpelling('The talks lasted about two hours.', 'The talks lasted about two hours.');
      assertSpelling('', '');
    });

    it('counts a character outside the BMP as one edit, not two', () => {
      // "𝑥" (U+1D465) is two UTF-16 units; dropping it from "talk" is one edit, within a third of 4 letters.
      assertSpelling('the 𝑥talk went on', 'the talk went on');
      assert.equal(onlyChange('the talks were 𝑥𝑦𝑧stable', 'the talks were stable').kind, 'word');
    });

    it('accepts a number written in words for the same number in digits', () => {
      assertSpelling('about two hours', 'about 2 hours');
      assertSpelling('twenty-one people', '21 people');
      assertSpelling('one hundred and five votes', '105 votes');
      assertSpelling('a thousand people', '1,000 people');
      assertSpelling('1,000 people', '1000 people');
      assertSpelling('3.5 million', '3,500,000');
    });

    it('accepts an ordinal written in words for the same ordinal in digits', () => {
      assertSpelling('the first round', 'the 1st round');
      assertSpelling('the twenty-first century', 'the 21st century');
    });

    it('accepts typos within two edits and a third of the shorter word', () => {
      assertSpelling('they recieve aid', 'they receive aid');
      assertSpelling('to organise talks', 'to organize talks');
      assertSpelling('the colour of money', 'the color of money');
    });

    it('accepts differences of punctuation only', () => {
      assertSpelling('We will, he said, return.', 'We will he said return');
      assertSpelling('"Enough!"', 'Enough.');
    });

    it('accepts differences of case only, names included', () => {
      assertSpelling('The Talks Failed', 'the talks failed');
      assertSpelling('IRAN said', 'Iran said');
    });

    it('accepts curly quotes and dashes for straight ones (normalization)', () => {
      assertSpelling('He said \u201cit\u2019s over\u201d \u2014 then left', 'He said "it\'s over" - then left');
    });

    it('treats hyphens as spaces and words run together as the same words', () => {
      assertSpelling('a face-to-face meeting', 'a face to face meeting');
      assertSpelling('we meet to day', 'we meet today');
      assertSpelling('they did not say', "they didn't say");
    });

    it('accepts a typo next to a spelling-level change of words run together', () => {
      assertSpelling('they recieve it to day', 'they receive it today');
    });
  });

  describe('substantive differences', () => {
    it('reports a changed number, with the word after it, even when the spelling is close', () => {
      assert.deepEqual(onlyChange('about two hours', 'about 12 hours'), { kind: 'number', quote: 'two hours', source: '12 hours' });
      assert.equal(onlyChange('about 2 hours', 'about 12 hours').kind, 'number');
      assert.equal(onlyChange('twenty one people', 'twenty people').kind, 'number');
    });

    it('reports a changed number next to a typo as a number change, and the typo apart', () => {
      assert.deepEqual(onlyChange('abbout two hours', 'about 12 hours'), { kind: 'number', quote: 'two hours', source: '12 hours' });
      // "abuot" is 2 edits from "about", more than a third of its 5 letters: a change of its own.
      assert.deepEqual(compareWords('abuot two hours', 'about 12 hours').changes, [
        { kind: 'word', quote: 'abuot', source: 'about' },
        { kind: 'number', quote: 'two hours', source: '12 hours' },
      ]);
    });

    it('tells an ordinal from a cardinal and from another ordinal', () => {
      assert.equal(onlyChange('the first round', 'the 1 round').kind, 'number');
      assert.equal(onlyChange('the first round', 'the second round').kind, 'number');
    });

    it('reports a number against a word, and words with digits that differ', () => {
      assert.equal(onlyChange('two hours', 'few hours').kind, 'number');
      assert.equal(onlyChange('in the 1990s', 'in the 1980s').kind, 'number');
      assert.equal(onlyChange('3.5 percent', '35 percent').kind, 'number');
    });

    it('reports a dropped negation, with a shared word so that neither side is empty', () => {
      assert.deepEqual(onlyChange('did not comment', 'did comment'), { kind: 'negation', quote: 'did not comment', source: 'did comment' });
      assert.deepEqual(onlyChange('Not everyone agreed', 'everyone agreed'), { kind: 'negation', quote: 'Not everyone', source: 'everyone' });
    });

    it('reports a contraction with and without its negation', () => {
      assert.deepEqual(onlyChange("we can't go", 'we can go'), { kind: 'negation', quote: "can't", source: 'can' });
      assert.equal(onlyChange('he did go', "he didn't go").kind, 'negation');
      assert.equal(onlyChange('they will never agree', 'they will ever agree').kind, 'negation');
    });

    it('reports a changed name, close in spelling or not', () => {
      assert.deepEqual(onlyChange('talks with Iceland', 'talks with Norway'), { kind: 'name', quote: 'Iceland', source: 'Norway' });
      assert.deepEqual(onlyChange('Iran said', 'Iraq said'), { kind: 'name', quote: 'Iran', source: 'Iraq' });
      assert.equal(onlyChange('said Blinkin', 'said Blinken').kind, 'name');
    });

    it('reports a word replaced by another, without context', () => {
      assert.deepEqual(onlyChange('sanctions were imposed', 'sanctions were lifted'), { kind: 'word', quote: 'imposed', source: 'lifted' });
    });

    it('reports a transposition in a three-letter word and a changed two-letter word', () => {
      assert.equal(onlyChange('teh talks', 'the talks').kind, 'word');
      assert.deepEqual(onlyChange('the end of talks', 'the end on talks'), { kind: 'word', quote: 'of', source: 'on' });
    });

    it('reports a word added by the quote and a word it dropped, with a neighbouring word', () => {
      assert.deepEqual(onlyChange('a very big deal', 'a big deal'), { kind: 'added', quote: 'a very big', source: 'a big' });
      assert.deepEqual(onlyChange('a deal', 'a big deal'), { kind: 'dropped', quote: 'a deal', source: 'a big deal' });
      assert.deepEqual(onlyChange('big deal', 'deal'), { kind: 'added', quote: 'big deal', source: 'deal' });
    });

    it('keeps a replaced word and the words added next to it together', () => {
      assert.deepEqual(onlyChange('sanctions were imposed heavily today', 'sanctions were lifted today'), { kind: 'word', quote: 'imposed heavily', source: 'lifted' });
    });

    it('lists several changes in quote order', () => {
      const result = compareWords('Iran imposed two new sanctions', 'Iraq lifted 12 sanctions');
      assert.equal(result.spellingLevel, false);
      assert.deepEqual(
        result.changes.map((c) => c.kind),
        ['name', 'word', 'number'],
      );
      assert.deepEqual(result.changes[2], { kind: 'number', quote: 'two new sanctions', source: '12 sanctions' });
    });
  });

  describe('describing changes', () => {
    it('describes one change in a plain sentence', () => {
      assert.equal(describeChanges(compareWords('about two hours', 'about 12 hours').changes), 'the source says "12 hours" where the quote says "two hours"');
      assert.equal(describeChanges(compareWords('did not comment', 'did comment').changes), 'the source says "did comment" where the quote says "did not comment"');
    });

    it('describes up to max changes and counts the rest', () => {
      const changes: WordChange[] = [
        { kind: 'word', quote: 'imposed', source: 'lifted' },
        { kind: 'name', quote: 'Iran', source: 'Iraq' },
        { kind: 'number', quote: 'two hours', source: '12 hours' },
        { kind: 'negation', quote: "can't", source: 'can' },
      ];
      assert.equal(describeChanges(changes, 2), 'the source says "lifted" where the quote says "imposed"; the source says "Iraq" where the quote says "Iran"; and 2 more changes');
      assert.equal(describeChanges(changes, 3).endsWith('; and 1 more change'), true);
      assert.equal(describeChanges(changes, 4).split('; ').length, 4);
      assert.equal(describeChanges([]), '');
    });

    it('describes a side with no words without an empty quotation', () => {
      assert.equal(describeChanges([{ kind: 'added', quote: 'very', source: '' }]), 'the source does not say "very"');
      assert.equal(describeChanges([{ kind: 'dropped', quote: '', source: 'big' }]), 'the source says "big", which the quote leaves out');
    });
  });
});

describe('number phrases', () => {
  it('reads digits with thousands separators, decimals and ordinal endings', () => {
    assert.deepEqual(parseDigits('12'), { value: 12, ordinal: false });
    assert.deepEqual(parseDigits('1,000'), { value: 1000, ordinal: false });
    assert.deepEqual(parseDigits('1,000.25'), { value: 1000.25, ordinal: false });
    assert.deepEqual(parseDigits('3.5'), { value: 3.5, ordinal: false });
    assert.deepEqual(parseDigits('21st'), { value: 21, ordinal: true });
    assert.equal(parseDigits('1,5'), undefined);
    assert.equal(parseDigits('1.2.3'), undefined);
    assert.equal(parseDigits('1990s'), undefined);
  });

  it('reads number words, single and compound', () => {
    assert.deepEqual(numberIn('two hours'), { value: 2, length: 1, ordinal: false });
    assert.deepEqual(numberIn('zero'), { value: 0, length: 1, ordinal: false });
    assert.deepEqual(numberIn('nineteen'), { value: 19, length: 1, ordinal: false });
    assert.deepEqual(numberIn('twenty one people'), { value: 21, length: 2, ordinal: false });
    assert.deepEqual(numberIn('one hundred and five votes'), { value: 105, length: 4, ordinal: false });
    assert.deepEqual(numberIn('two thousand and twenty'), { value: 2020, length: 4, ordinal: false });
    assert.deepEqual(numberIn('three hundred thousand'), { value: 300000, length: 3, ordinal: false });
    assert.deepEqual(numberIn('nineteen hundred'), { value: 1900, length: 2, ordinal: false });
    assert.deepEqual(numberIn('Two Million'), { value: 2e6, length: 2, ordinal: false });
  });

  it('reads "a" before a hundred, a thousand or a dozen, and digits before a scale', () => {
    assert.deepEqual(numberIn('a hundred days'), { value: 100, length: 2, ordinal: false });
    assert.deepEqual(numberIn('a dozen eggs'), { value: 12, length: 2, ordinal: false });
    assert.deepEqual(numberIn('two dozen eggs'), { value: 24, length: 2, ordinal: false });
    assert.deepEqual(numberIn('3 million'), { value: 3e6, length: 2, ordinal: false });
    assert.deepEqual(numberIn('1.1 million'), { value: 1100000, length: 2, ordinal: false });
    assert.equal(numberIn('a day'), undefined);
    assert.equal(numberIn('and five'), undefined);
  });

  it('reads ordinals, which end a phrase', () => {
    assert.deepEqual(numberIn('first'), { value: 1, length: 1, ordinal: true });
    assert.deepEqual(numberIn('twelfth night'), { value: 12, length: 1, ordinal: true });
    assert.deepEqual(numberIn('twentieth century'), { value: 20, length: 1, ordinal: true });
    assert.deepEqual(numberIn('twenty first century'), { value: 21, length: 2, ordinal: true });
    assert.deepEqual(numberIn('one hundredth'), { value: 100, length: 2, ordinal: true });
    assert.deepEqual(numberIn('first two'), { value: 1, length: 1, ordinal: true });
  });

  it('stops where the words no longer make one number', () => {
    assert.deepEqual(numberIn('one two three'), { value: 1, length: 1, ordinal: false });
    assert.deepEqual(numberIn('twenty thirty'), { value: 20, length: 1, ordinal: false });
    assert.deepEqual(numberIn('nine eleven'), { value: 9, length: 1, ordinal: false });
    assert.deepEqual(numberIn('one hundred and'), { value: 100, length: 2, ordinal: false });
    assert.deepEqual(numberIn('a thousand million'), { value: 1000, length: 2, ordinal: false }, 'a scale only follows a larger one');
    assert.deepEqual(numberIn('2020 one'), { value: 2020, length: 1, ordinal: false });
    assert.deepEqual(numberIn('we had two', 2), { value: 2, length: 1, ordinal: false });
    assert.equal(numberIn('hours'), undefined);
    assert.equal(numberIn('two', 1), undefined);
  });
});
