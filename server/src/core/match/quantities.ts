/**
 * The numbers and dates a text states, with what kind of thing each is
 * (FORMAT.md section 5, `claim-unsupported`): counts ("ten diplomats",
 * "a dozen"), ordinals ("first"), percentages ("45%", "45 percent"),
 * fractions ("half", "a third", "2/3"), durations ("one hour and 45
 * minutes" = 105 minutes, "two-hour"), money ("$11 billion"), dates ("May
 * 20", "20 May 2021", "2021-05-20") and weekdays ("Wednesday").
 *
 * Number words are read by numbers.ts, the module 4.1 already uses for "two"
 * = "2". Dates are read here rather than with a natural-language date parser
 * (chrono-node was tried): such parsers read "in two hours", "now" and "May"
 * the verb as times relative to today, which is what must not happen here,
 * and the few forms news copy writes dates in are a short list.
 */
import { NUMBER_WORD_LIST, numberAt, parseDigits } from './numbers';

export type QuantityKind = 'count' | 'ordinal' | 'percent' | 'fraction' | 'duration' | 'money' | 'date' | 'weekday';

export interface Quantity {
  readonly kind: QuantityKind;
  /**
   * count, ordinal: the number; percent: the percentage; fraction: its value
   * (0.5 for half); duration: minutes; money: the amount; weekday: 0 (Sunday)
   * to 6; date: NaN (see `date`).
   */
  readonly value: number;
  /** The number as written, before units: 2 for "two hours", 11e9 for "$11 billion". */
  readonly amount: number;
  readonly date?: { readonly year?: number; readonly month?: number; readonly day?: number };
  /** For money: "$", "€", "£", or a currency word ("rubles"). */
  readonly currency?: string;
  /** As written. */
  readonly text: string;
  /** Offsets in the text. */
  readonly start: number;
  readonly end: number;
}

interface Token {
  /** Lowercase. */
  readonly word: string;
  /** As written. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

// Words (split at hyphens, so "two-hour" is "two" "hour"), numbers with their separators, and currency and percent signs.
// A word that starts with a letter may hold digits: "G7", "c1" and "COVID-19" are names, not numbers.
// A word character is anything but a space, ASCII punctuation, typographic quotes and dashes, and the
// currency signs: a negated class of code units, about four times as fast as \p{L} with the u flag.
const W = '[^\\s\\x21-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7e\\u2018-\\u201f\\u2013\\u2014\\u20ac\\u00a3]';
const TOKEN = new RegExp(
  `\\d{1,2}:\\d{2}|\\d{4}-\\d{2}-\\d{2}|\\d+\\/\\d+|\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?(?:st|nd|rd|th)?(?!${W})|(?!\\d)${W}+-\\d+(?!${W})|(?!\\d)${W}+(?:['’]${W}+)*|[$€£%]`,
  'g',
);

const MINUTES: Readonly<Record<string, number>> = {
  second: 1 / 60, seconds: 1 / 60, minute: 1, minutes: 1, min: 1, mins: 1, hour: 60, hours: 60, hr: 60, hrs: 60,
  day: 1440, days: 1440, week: 10080, weeks: 10080, month: 43200, months: 43200, year: 525600, years: 525600,
};

const CURRENCY_WORDS = new Set(['dollar', 'dollars', 'euro', 'euros', 'pound', 'pounds', 'ruble', 'rubles', 'rouble', 'roubles', 'yen', 'yuan', 'francs', 'franc']);
const CURRENCY_SIGNS = new Set(['$', '€', '£']);

const MONTHS: readonly string[] = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_SHORT: Readonly<Record<string, number>> = { jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };
const WEEKDAYS: readonly string[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const FRACTION_WORDS: Readonly<Record<string, number>> = { half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fifth: 5, fifths: 5, tenth: 10, tenths: 10 };

/** The words a quantity can start with, besides digits and currency signs. */
const STARTS = new Set<string>([...NUMBER_WORD_LIST, ...MONTHS, ...Object.keys(MONTH_SHORT), ...WEEKDAYS, 'a', 'an', 'half', 'halves']);

/** A quick look for anything that could be a quantity, so that most texts are not taken apart at all. */
const MAY_HOLD = new RegExp(`[0-9$€£%]|\\b(?:${[...STARTS, ...Object.keys(MINUTES), ...Object.keys(FRACTION_WORDS)].filter((w) => w !== 'a' && w !== 'an').join('|')})\\b`, 'i');


function startsQuantity(t: Token): boolean {
  const c = t.word.charCodeAt(0);
  return (c >= 48 && c <= 57) || STARTS.has(t.word) || CURRENCY_SIGNS.has(t.word);
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // exec, not matchAll: a third of the time on article paragraphs.
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const raw = m[0];
    out.push({ word: raw.toLowerCase(), raw, start: m.index, end: m.index + raw.length });
  }
  return out;
}

/** The month a token names (capitalized, so that "may" the verb is not May), or undefined. */
const MONTH_OF = new Map<string, number>([...MONTHS.map((m, i) => [m, i + 1] as const), ...Object.entries(MONTH_SHORT)]);

function monthOf(t: Token | undefined): number | undefined {
  const month = t && MONTH_OF.get(t.word);
  return month !== undefined && /^\p{Lu}/u.test(t!.raw) ? month : undefined;
}

function dayOf(t: Token | undefined): number | undefined {
  if (!t) return undefined;
  const d = parseDigits(t.word);
  return d && Number.isInteger(d.value) && d.value >= 1 && d.value <= 31 ? d.value : undefined;
}

function yearOf(t: Token | undefined): number | undefined {
  return t && /^\d{4}$/.test(t.word) && Number(t.word) >= 1000 && Number(t.word) <= 2999 ? Number(t.word) : undefined;
}

/** Every number and date of a text, in order, none overlapping. */
export function quantitiesIn(text: string): Quantity[] {
  if (!MAY_HOLD.test(text)) return [];
  const tokens = tokenize(text);
  const words = tokens.map((t) => t.word);
  const out: Quantity[] = [];
  const make = (kind: QuantityKind, value: number, amount: number, from: number, to: number, extra: Partial<Quantity> = {}): Quantity => ({
    kind,
    value,
    amount,
    ...extra,
    text: text.slice(tokens[from].start, tokens[to].end),
    start: tokens[from].start,
    end: tokens[to].end,
  });
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!startsQuantity(t)) {
      i++;
      continue;
    }
    // Dates: 2021-05-20; May 20[, 2021]; 20 May [2021]; May 2021.
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t.word);
    if (iso) {
      out.push(make('date', NaN, NaN, i, i, { date: { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) } }));
      i++;
      continue;
    }
    const month = monthOf(t);
    if (month !== undefined) {
      const day = dayOf(tokens[i + 1]);
      if (day !== undefined) {
        const year = yearOf(tokens[i + 2]);
        const last = year !== undefined ? i + 2 : i + 1;
        out.push(make('date', NaN, NaN, i, last, { date: { month, day, ...(year !== undefined ? { year } : {}) } }));
        i = last + 1;
        continue;
      }
      const year = yearOf(tokens[i + 1]);
      if (year !== undefined) {
        out.push(make('date', NaN, NaN, i, i + 1, { date: { month, year } }));
        i += 2;
        continue;
      }
      // A month alone ("in January"); "May" alone is as often the verb, at the start of a sentence.
      if (t.word !== 'may') {
        out.push(make('date', NaN, NaN, i, i, { date: { month } }));
        i++;
        continue;
      }
    }
    const dayFirst = dayOf(t);
    const monthAfter = monthOf(tokens[i + 1]) ?? (tokens[i + 1]?.word === 'of' ? monthOf(tokens[i + 2]) : undefined);
    if (dayFirst !== undefined && monthAfter !== undefined) {
      const monthAt = tokens[i + 1].word === 'of' ? i + 2 : i + 1;
      const year = yearOf(tokens[monthAt + 1]);
      const last = year !== undefined ? monthAt + 1 : monthAt;
      out.push(make('date', NaN, NaN, i, last, { date: { month: monthAfter, day: dayFirst, ...(year !== undefined ? { year } : {}) } }));
      i = last + 1;
      continue;
    }
    // A time of day ("5:00") is not a count of anything.
    if (/^\d{1,2}:\d{2}$/.test(t.word)) {
      i++;
      continue;
    }
    // "a third", "a quarter".
    const fractionWord = FRACTION_WORDS[tokens[i + 1]?.word ?? ''];
    if ((t.word === 'a' || t.word === 'one') && fractionWord !== undefined && !tokens[i + 1].word.endsWith('s') && tokens[i + 1].word !== 'half') {
      out.push(make('fraction', 1 / fractionWord, 1 / fractionWord, i, i + 1));
      i += 2;
      continue;
    }
    const weekday = WEEKDAYS.indexOf(t.word);
    if (weekday >= 0 && /^\p{Lu}/u.test(t.raw)) {
      out.push(make('weekday', weekday, weekday, i, i));
      i++;
      continue;
    }
    // Fractions: 2/3; half; a third, two thirds, three quarters.
    const slash = /^(\d+)\/(\d+)$/.exec(t.word);
    if (slash && Number(slash[2]) !== 0) {
      out.push(make('fraction', Number(slash[1]) / Number(slash[2]), Number(slash[1]) / Number(slash[2]), i, i));
      i++;
      continue;
    }
    if (t.word === 'half' || t.word === 'halves') {
      // "half an hour", "an hour and a half" are durations (below), "half" alone a fraction.
      if (tokens[i + 1]?.word === 'an' && MINUTES[tokens[i + 2]?.word ?? ''] !== undefined) {
        out.push(make('duration', MINUTES[tokens[i + 2].word] / 2, 0.5, i, i + 2));
        i += 3;
        continue;
      }
      out.push(make('fraction', 0.5, 0.5, i, i));
      i++;
      continue;
    }
    // Money signs before a number: "$11 billion", "$ 11 billion".
    const sign = CURRENCY_SIGNS.has(t.word) ? t.word : undefined;
    const at = sign ? i + 1 : i;
    // "an hour", "a day": one unit.
    const article = (t.word === 'a' || t.word === 'an') && MINUTES[tokens[i + 1]?.word ?? ''] !== undefined;
    const phrase = article ? { value: 1, length: 1, ordinal: false } : numberAt(words, at);
    if (!phrase) {
      i++;
      continue;
    }
    const after = at + phrase.length;
    const next = tokens[after]?.word;
    if (!phrase.ordinal && next !== undefined && FRACTION_WORDS[next] !== undefined && (next.endsWith('s') ? phrase.value > 1 : phrase.value === 1) && !sign) {
      const value = phrase.value / FRACTION_WORDS[next];
      out.push(make('fraction', value, value, i, after));
      i = after + 1;
      continue;
    }
    if (sign) {
      out.push(make('money', phrase.value, phrase.value, i, after - 1, { currency: sign }));
      i = after;
      continue;
    }
    if (next !== undefined && CURRENCY_WORDS.has(next) && !phrase.ordinal) {
      out.push(make('money', phrase.value, phrase.value, i, after, { currency: next.replace(/s$/, '') }));
      i = after + 1;
      continue;
    }
    if (!phrase.ordinal && (next === '%' || next === 'percent' || (next === 'per' && tokens[after + 1]?.word === 'cent'))) {
      const last = next === 'per' ? after + 1 : after;
      out.push(make('percent', phrase.value, phrase.value, i, last));
      i = last + 1;
      continue;
    }
    if (!phrase.ordinal && next !== undefined && MINUTES[next] !== undefined) {
      // "one hour and 45 minutes", "an hour and a half", "two hours 15 minutes".
      let minutes = phrase.value * MINUTES[next];
      let last = after;
      for (;;) {
        let k = last + 1;
        if (tokens[k]?.word === 'and') k++;
        if ((tokens[k]?.word === 'a') && tokens[k + 1]?.word === 'half') {
          minutes += MINUTES[next] / 2;
          last = k + 1;
          continue;
        }
        const more = numberAt(words, k);
        const unit = more && !more.ordinal ? tokens[k + more.length]?.word : undefined;
        if (!more || unit === undefined || MINUTES[unit] === undefined || MINUTES[unit] >= MINUTES[next]) break;
        minutes += more.value * MINUTES[unit];
        last = k + more.length;
      }
      out.push(make('duration', Number(minutes.toPrecision(12)), phrase.value, i, last));
      i = last + 1;
      continue;
    }
    out.push(make(phrase.ordinal ? 'ordinal' : 'count', phrase.value, phrase.value, i, after - 1));
    i = after;
  }
  return out;
}

/** Whether `stated` (found in a text) says what `claimed` says, in any written form. */
export function sameQuantity(claimed: Quantity, stated: Quantity): boolean {
  switch (claimed.kind) {
    case 'count':
      // A number may be written with a unit in the text ("two" ministers, a "two-hour" meeting), or be a year of a date.
      return (
        (stated.kind !== 'date' && stated.kind !== 'weekday' && stated.kind !== 'ordinal' && stated.kind !== 'fraction' && stated.amount === claimed.value) ||
        (stated.kind === 'date' && (stated.date?.year === claimed.value || stated.date?.day === claimed.value))
      );
    case 'ordinal':
      return stated.kind === 'ordinal' && stated.value === claimed.value;
    case 'percent':
      return (stated.kind === 'percent' && stated.value === claimed.value) || (stated.kind === 'fraction' && close(stated.value * 100, claimed.value));
    case 'fraction':
      return (stated.kind === 'fraction' && close(stated.value, claimed.value)) || (stated.kind === 'percent' && close(stated.value / 100, claimed.value));
    case 'duration':
      return stated.kind === 'duration' && close(stated.value, claimed.value);
    case 'money':
      return stated.kind === 'money' && stated.value === claimed.value && (!claimed.currency || !stated.currency || sameCurrency(claimed.currency, stated.currency));
    case 'weekday':
      return (stated.kind === 'weekday' && stated.value === claimed.value) || (stated.kind === 'date' && weekdayOf(stated.date) === claimed.value);
    case 'date': {
      if (stated.kind !== 'date' || !claimed.date || !stated.date) return false;
      const c = claimed.date;
      const s = stated.date;
      // Every part the claim gives must be stated: "January 2021" is not supported by "January" alone.
      return (c.month === undefined || c.month === s.month) && (c.day === undefined || c.day === s.day) && (c.year === undefined || c.year === s.year);
    }
  }
}

/** Whether two quantities are of the same kind of thing, so that one can be said instead of the other. */
export function sameKind(a: Quantity, b: Quantity): boolean {
  if (a.kind === 'weekday' || a.kind === 'date') return b.kind === 'weekday' || b.kind === 'date';
  if (a.kind === 'percent' || a.kind === 'fraction') return b.kind === 'percent' || b.kind === 'fraction';
  return a.kind === b.kind;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function sameCurrency(a: string, b: string): boolean {
  const norm = (c: string) => ({ $: 'dollar', '€': 'euro', '£': 'pound', rouble: 'ruble' })[c] ?? c;
  return norm(a) === norm(b);
}

function weekdayOf(date: Quantity['date']): number | undefined {
  if (!date?.year || !date.month || !date.day) return undefined;
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}
