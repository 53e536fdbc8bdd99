/**
 * Numbers in a list of words (FORMAT.md section 4.1: a number written another
 * way, "two" for "2", is the same number): digits ("12", "1,000", "3.5",
 * "21st") and English number words ("twenty-one" as the words "twenty" and
 * "one", "one hundred and five", "a dozen", "3 million", "twenty-first").
 */

/** A number phrase starting at some word. */
export interface NumberPhrase {
  /** Its value: 21 for "twenty one", 1000 for "1,000", 3.5 for "3.5". */
  readonly value: number;
  /** How many words it spans (at least 1). */
  readonly length: number;
  /** Whether it is an ordinal ("first", "21st", "twenty first"); ordinals and cardinals differ. */
  readonly ordinal: boolean;
}

/** The role of a number word: what may come before it in a phrase. */
type WordClass = 'zero' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale' | 'dozen';

interface NumberWord {
  readonly cls: WordClass;
  readonly value: number;
  readonly ordinal: boolean;
}

const NUMBER_WORDS: ReadonlyMap<string, NumberWord> = (() => {
  const words = new Map<string, NumberWord>();
  const add = (cls: WordClass, value: number, cardinal: string, ordinal: string | undefined): void => {
    words.set(cardinal, { cls, value, ordinal: false });
    if (ordinal) words.set(ordinal, { cls, value, ordinal: true });
  };
  add('zero', 0, 'zero', undefined);
  const units = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  const unitOrdinals = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
  units.forEach((w, k) => add('unit', k + 1, w, unitOrdinals[k]));
  const teens = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
  const teenOrdinals = ['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
  teens.forEach((w, k) => add('teen', k + 10, w, teenOrdinals[k]));
  const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
  tens.forEach((w, k) => add('tens', (k + 2) * 10, w, w.slice(0, -1) + 'ieth'));
  add('hundred', 100, 'hundred', 'hundredth');
  add('scale', 1e3, 'thousand', 'thousandth');
  add('scale', 1e6, 'million', 'millionth');
  add('scale', 1e9, 'billion', 'billionth');
  add('scale', 1e12, 'trillion', 'trillionth');
  add('dozen', 12, 'dozen', undefined);
  return words;
})();

/** The number words ("two", "twenty", "first", "dozen"...), lowercase. */
export const NUMBER_WORD_LIST: readonly string[] = [...NUMBER_WORDS.keys()];

/** What may come right before each class of word within a phrase ('start': nothing). */
type Previous = 'start' | 'digits' | 'and' | WordClass;

const MAY_FOLLOW: Readonly<Record<WordClass, readonly Previous[]>> = {
  zero: ['start'],
  unit: ['start', 'tens', 'hundred', 'scale', 'and'],
  teen: ['start', 'hundred', 'scale', 'and'],
  tens: ['start', 'hundred', 'scale', 'and'],
  hundred: ['start', 'unit', 'teen', 'digits'],
  scale: ['start', 'unit', 'teen', 'tens', 'hundred', 'digits'],
  dozen: ['start', 'unit', 'digits'],
};

/** Digits with optional thousands separators and decimals: "12", "1,000", "3.5", "1,000.25". */
const CARDINAL_DIGITS = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const ORDINAL_DIGITS = /^(\d+)(?:st|nd|rd|th)$/;

/** The value of a word written in digits ("1,000", "3.5", "21st"), or undefined. */
export function parseDigits(word: string): { readonly value: number; readonly ordinal: boolean } | undefined {
  const ordinal = ORDINAL_DIGITS.exec(word.toLowerCase());
  if (ordinal) return { value: Number(ordinal[1]), ordinal: true };
  if (!CARDINAL_DIGITS.test(word)) return undefined;
  return { value: Number(word.replace(/,/g, '')), ordinal: false };
}

/**
 * The number phrase that starts at `words[i]`, if one does, taking as many
 * words as form one number: "twenty one" (21), "one hundred and five" (105),
 * "a thousand" (1000), "3 million", "two dozen" (24), "twenty first" (the
 * ordinal 21). Words are compared ignoring case; "a" and "and" alone are not
 * numbers, and an ordinal ends the phrase.
 */
export function numberAt(words: readonly string[], i: number): NumberPhrase | undefined {
  if (i < 0 || i >= words.length) return undefined;
  let total = 0;
  let group = 0;
  let smallestScale = Infinity;
  let previous: Previous = 'start';
  let end = i;
  let j = i;
  const first = words[i].toLowerCase();
  const digits = parseDigits(first);
  if (digits) {
    if (digits.ordinal) return { value: digits.value, length: 1, ordinal: true };
    group = digits.value;
    previous = 'digits';
    end = j = i + 1;
  } else if (first === 'a' || first === 'an') {
    const next = i + 1 < words.length ? NUMBER_WORDS.get(words[i + 1].toLowerCase()) : undefined;
    if (!next || (next.cls !== 'hundred' && next.cls !== 'scale' && next.cls !== 'dozen')) return undefined;
    group = 1;
    previous = 'unit';
    j = i + 1;
  }
  let ordinal = false;
  while (j < words.length) {
    const word = words[j].toLowerCase();
    if (word === 'and' && (previous === 'hundred' || previous === 'scale')) {
      const next = j + 1 < words.length ? NUMBER_WORDS.get(words[j + 1].toLowerCase()) : undefined;
      if (!next || (next.cls !== 'unit' && next.cls !== 'teen' && next.cls !== 'tens')) break;
      previous = 'and';
      j++;
      continue;
    }
    const w = NUMBER_WORDS.get(word);
    if (!w || !MAY_FOLLOW[w.cls].includes(previous)) break;
    if (previous === 'digits' && w.cls !== 'scale' && !(Number.isInteger(group) && group < 100)) break;
    if (w.cls === 'scale') {
      if (w.value >= smallestScale) break;
      total += (previous === 'start' ? 1 : group) * w.value;
      group = 0;
      smallestScale = w.value;
    } else if (w.cls === 'hundred' || w.cls === 'dozen') {
      group = (previous === 'start' ? 1 : group) * w.value;
    } else {
      group += w.value;
    }
    previous = w.cls;
    end = ++j;
    if (w.ordinal) {
      ordinal = true;
      break;
    }
    if (w.cls === 'zero' || w.cls === 'dozen') break;
  }
  if (end === i) return undefined;
  // 1.1 million is 1100000, not 1100000.0000000002.
  return { value: Number((total + group).toPrecision(15)), length: end - i, ordinal };
}
