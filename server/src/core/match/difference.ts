/**
 * Comparing a quote with the source text it approximately matched, word by
 * word (FORMAT.md section 4.1): every difference is spelling-level (a typo,
 * case, punctuation, spacing, a number written another way) or substantive
 * (a number, name or negation changed, a word replaced, words added or
 * dropped). Pure: text in, a comparison out.
 */
import { distance } from 'fastest-levenshtein';
import { normalizeText } from '../normalize';
import { numberAt } from './numbers';

/**
 * What a substantive change is. `added`: the quote has words the source does
 * not; `dropped`: the source has words the quote leaves out.
 */
export type ChangeKind = 'number' | 'negation' | 'name' | 'word' | 'added' | 'dropped';

export interface WordChange {
  readonly kind: ChangeKind;
  /**
   * What the quote says at this change, as words from the quote: with the
   * shared word after a number, and the shared words on either side of words
   * added or dropped, so that neither side is empty.
   */
  readonly quote: string;
  /** What the source says there, as words from the source. */
  readonly source: string;
}

export interface Comparison {
  /** True when every difference is spelling-level (or there is none). */
  readonly spellingLevel: boolean;
  /** The substantive changes, in quote order (empty when spellingLevel). */
  readonly changes: readonly WordChange[];
}

/** A word of the compared text, or a number phrase of several words taken as one. */
interface Token {
  /** As written, from the normalized text ("twenty-one" for a number phrase). */
  readonly text: string;
  /** Compared for equality: lower case, or `#` and the value for a number. */
  readonly key: string;
  /** Lower case with its words run together, for "to day" against "today". */
  readonly joined: string;
  /** Lower case without apostrophes, for the edit distance of a typo. */
  readonly bare: string;
  /** A number phrase, or a word with a digit in it that is not one ("1990s"). */
  readonly numeric: boolean;
  readonly capitalized: boolean;
  readonly negation: boolean;
}

/**
 * Runs of letters, marks and digits; an apostrophe inside a word, and a comma
 * or period between digits, join what is on either side ("don't", "1,000").
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:'|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;
const NEGATIONS = new Set(['not', 'no', 'never', 'nor', 'neither', 'none', 'nothing', 'nobody', 'without', 'cannot']);
const CAPITAL = /[\p{Lu}\p{Lt}]/u;
const DIGIT = /\p{N}/u;

function isNegation(lower: string): boolean {
  return NEGATIONS.has(lower) || lower.endsWith("n't");
}

/** A contraction spelled out for running words together: "didn't" as "didnot", "won't" as "willnot". */
function expanded(lower: string): string {
  if (!lower.endsWith("n't")) return lower;
  if (lower === "can't") return 'cannot';
  if (lower === "won't") return 'willnot';
  if (lower === "shan't") return 'shallnot';
  return lower.slice(0, -3) + 'not';
}

/** The words of normalized text as tokens, each number phrase as one. */
function tokenize(text: string): Token[] {
  const matches = [...text.matchAll(WORD)];
  const words = matches.map((m) => m[0]);
  const tokens: Token[] = [];
  for (let i = 0; i < words.length; ) {
    const number = numberAt(words, i);
    if (number) {
      const last = matches[i + number.length - 1];
      const phrase = words.slice(i, i + number.length);
      tokens.push({
        text: text.slice(matches[i].index, last.index + last[0].length),
        key: `#${number.value}${number.ordinal ? 'th' : ''}`,
        joined: phrase.join('').toLowerCase(),
        bare: '',
        numeric: true,
        capitalized: false,
        negation: false,
      });
      i += number.length;
      continue;
    }
    const word = words[i++];
    const lower = word.toLowerCase();
    tokens.push({
      text: word,
      key: lower,
      joined: expanded(lower),
      bare: lower.replace(/'/g, ''),
      numeric: DIGIT.test(word),
      capitalized: CAPITAL.test(word),
      negation: isNegation(lower),
    });
  }
  return tokens;
}

/**
 * Edits between two words, counted in characters (code points): by
 * fastest-levenshtein, each character outside the BMP first made one unit of
 * a private alphabet so that it counts as one edit, not two.
 */
function editDistance(a: string, b: string): number {
  if (!/[\uD800-\uDFFF]/.test(a) && !/[\uD800-\uDFFF]/.test(b)) return distance(a, b);
  const alphabet = new Map<string, string>();
  const units = (word: string): string =>
    Array.from(word, (ch) => {
      let unit = alphabet.get(ch);
      if (unit === undefined) {
        unit = String.fromCharCode(0xe000 + alphabet.size);
        alphabet.set(ch, unit);
      }
      return unit;
    }).join('');
  return distance(units(a), units(b));
}

/**
 * Whether two different words differ only in spelling: neither is a number or
 * a negation, a capitalized word keeps its letters (apostrophes aside), and
 * they are within 2 edits and a third of the shorter word's length.
 */
function spellingPair(q: Token, s: Token): boolean {
  if (q.numeric || s.numeric || q.negation || s.negation) return false;
  if (q.bare === s.bare) return true;
  if (q.capitalized || s.capitalized) return false;
  const lengths = [Array.from(q.bare).length, Array.from(s.bare).length];
  if (Math.abs(lengths[0] - lengths[1]) > 2) return false;
  const shorter = Math.min(lengths[0], lengths[1]);
  const edits = editDistance(q.bare, s.bare);
  return edits <= 2 && 3 * edits <= shorter;
}

/** One step of the alignment: the words are the same, differ in spelling, differ, or are on one side only. */
type Step = 'same' | 'spelling' | 'replaced' | 'quoteOnly' | 'sourceOnly';

interface Op {
  readonly step: Step;
  /** Index of the quote token, or -1 for `sourceOnly`. */
  readonly q: number;
  /** Index of the source token, or -1 for `quoteOnly`. */
  readonly s: number;
}

// Costs of the word alignment, so that a typo pairs with its word before an
// unrelated word does, a number with a number and a name with a name before
// they pair with another word, and a replaced word costs less than a drop and
// an add.
const SPELLING_COST = 1;
const REPLACE_ALIKE_COST = 2;
const REPLACE_COST = 3;
const GAP_COST = 2;

/** Two different words of one sort: both numbers, or both capitalized. */
function alike(q: Token, s: Token): boolean {
  return (q.numeric && s.numeric) || (q.capitalized && s.capitalized);
}

/** The cheapest alignment of the two token lists, in order. */
function align(quote: readonly Token[], source: readonly Token[]): Op[] {
  const n = quote.length;
  const m = source.length;
  const width = m + 1;
  const pairs = new Uint8Array(n * m);
  const cost = new Int32Array((n + 1) * width);
  for (let j = 0; j <= m; j++) cost[j] = j * GAP_COST;
  for (let i = 1; i <= n; i++) {
    cost[i * width] = i * GAP_COST;
    for (let j = 1; j <= m; j++) {
      const q = quote[i - 1];
      const s = source[j - 1];
      const pair = q.key === s.key ? 0 : spellingPair(q, s) ? SPELLING_COST : alike(q, s) ? REPLACE_ALIKE_COST : REPLACE_COST;
      pairs[(i - 1) * m + (j - 1)] = pair;
      cost[i * width + j] = Math.min(cost[(i - 1) * width + j - 1] + pair, cost[(i - 1) * width + j] + GAP_COST, cost[i * width + j - 1] + GAP_COST);
    }
  }
  const ops: Op[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = cost[i * width + j];
    const pair = i > 0 && j > 0 ? pairs[(i - 1) * m + (j - 1)] : -1;
    const diagonal = pair >= 0 && here === cost[(i - 1) * width + j - 1] + pair;
    // Between a replaced word and a gap of the same cost, the gap is taken
    // here, at the end, so that replaced words pair from the left.
    if (diagonal && pair <= SPELLING_COST) ops.push({ step: pair === 0 ? 'same' : 'spelling', q: --i, s: --j });
    else if (i > 0 && here === cost[(i - 1) * width + j] + GAP_COST) ops.push({ step: 'quoteOnly', q: --i, s: -1 });
    else if (j > 0 && here === cost[i * width + j - 1] + GAP_COST) ops.push({ step: 'sourceOnly', q: -1, s: --j });
    else ops.push({ step: 'replaced', q: --i, s: --j });
  }
  return ops.reverse();
}

/** Whether the steps' words on either side are the same once run together ("to day" and "today", "did not" and "didn't"). */
function sameRunTogether(ops: readonly Op[], quote: readonly Token[], source: readonly Token[]): boolean {
  const q = ops.filter((op) => op.q >= 0).map((op) => quote[op.q].joined).join('');
  const s = ops.filter((op) => op.s >= 0).map((op) => source[op.s].joined).join('');
  return q.length > 0 && q === s;
}

/**
 * The substantive changes among the alignment's steps: each run of steps that
 * are not the same is spelling-level when its words run together are the
 * same; otherwise its steps other than typos form changes, one replaced word
 * each, with the words added or dropped next to it.
 */
function changedStretches(ops: readonly Op[], quote: readonly Token[], source: readonly Token[]): { from: number; to: number }[] {
  const stretches: { from: number; to: number }[] = [];
  for (let k = 0; k < ops.length; ) {
    if (ops[k].step === 'same') {
      k++;
      continue;
    }
    const groupStart = k;
    while (k < ops.length && ops[k].step !== 'same') k++;
    if (sameRunTogether(ops.slice(groupStart, k), quote, source)) continue;
    let from = -1;
    let replaced = false;
    const close = (to: number): void => {
      if (from >= 0 && !sameRunTogether(ops.slice(from, to), quote, source)) stretches.push({ from, to });
      from = -1;
      replaced = false;
    };
    for (let t = groupStart; t < k; t++) {
      const step = ops[t].step;
      if (step === 'spelling') {
        close(t);
        continue;
      }
      if (step === 'replaced' && replaced) close(t);
      if (from < 0) from = t;
      if (step === 'replaced') replaced = true;
    }
    close(k);
  }
  return stretches;
}

/** What a change is, the most telling first: a negation, a number, words on one side only, a name, a word. */
function kindOf(quoteSide: readonly Token[], sourceSide: readonly Token[]): ChangeKind {
  const negations = (tokens: readonly Token[]): number => tokens.filter((t) => t.negation).length;
  const all = [...quoteSide, ...sourceSide];
  if (negations(quoteSide) !== negations(sourceSide)) return 'negation';
  if (all.some((t) => t.numeric)) return 'number';
  if (sourceSide.length === 0) return 'added';
  if (quoteSide.length === 0) return 'dropped';
  if (all.some((t) => t.capitalized)) return 'name';
  return 'word';
}

/**
 * Compares a quote with the source text it matched, word by word, after
 * normalizing both (FORMAT.md section 4.1), and lists the substantive
 * changes in quote order.
 */
export function compareWords(quote: string, source: string): Comparison {
  const [quoteMiddle, sourceMiddle] = differingMiddle(normalizeText(quote), normalizeText(source));
  const q = tokenize(quoteMiddle);
  const s = tokenize(sourceMiddle);
  const ops = align(q, s);
  const stretches = changedStretches(ops, q, s);
  const inChange = new Uint8Array(ops.length);
  for (const { from, to } of stretches) inChange.fill(1, from, to);
  /** The step at `k` when it can give a word of context: on both sides and in no change. */
  const context = (k: number): Op | undefined => (k >= 0 && k < ops.length && !inChange[k] && ops[k].q >= 0 && ops[k].s >= 0 ? ops[k] : undefined);
  const changes = stretches.map(({ from, to }): WordChange => {
    const steps = ops.slice(from, to);
    const quoteSide = steps.filter((op) => op.q >= 0).map((op) => q[op.q]);
    const sourceSide = steps.filter((op) => op.s >= 0).map((op) => s[op.s]);
    const kind = kindOf(quoteSide, sourceSide);
    let before: Op | undefined;
    let after: Op | undefined;
    if (kind === 'number') after = context(to);
    if (quoteSide.length === 0 || sourceSide.length === 0) {
      before = context(from - 1);
      after = context(to);
    }
    const words = (side: readonly Token[], tokens: readonly Token[], pick: (op: Op) => number): string =>
      [...(before ? [tokens[pick(before)]] : []), ...side, ...(after ? [tokens[pick(after)]] : [])].map((t) => t.text).join(' ');
    return { kind, quote: words(quoteSide, q, (op) => op.q), source: words(sourceSide, s, (op) => op.s) };
  });
  return { spellingLevel: changes.length === 0, changes };
}

/** Words kept on either side of where two texts start and stop differing: context for the messages, and whole number phrases. */
const KEPT_WORDS = 4;

/**
 * Two normalized texts without the words they share at the start and at the
 * end, but for {@link KEPT_WORDS} of them: an approximate match differs in a
 * word or two, and the rest need not be tokenized and aligned.
 */
function differingMiddle(a: string, b: string): [string, string] {
  if (a === b) return ['', ''];
  const x = a.split(' ');
  const y = b.split(' ');
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let end = 0;
  while (end < x.length - start && end < y.length - start && x[x.length - 1 - end] === y[y.length - 1 - end]) end++;
  const from = Math.max(0, start - KEPT_WORDS);
  const cut = Math.max(0, end - KEPT_WORDS);
  return [x.slice(from, x.length - cut).join(' '), y.slice(from, y.length - cut).join(' ')];
}

/**
 * A plain sentence describing up to `max` changes: 'the source says "12
 * hours" where the quote says "two hours"', joined with '; ', and how many
 * more there are.
 */
export function describeChanges(changes: readonly WordChange[], max = 3): string {
  const shown = Math.max(1, Math.floor(max));
  const parts = changes.slice(0, shown).map(describeChange);
  const more = changes.length - shown;
  if (more > 0) parts.push(`and ${more} more ${more === 1 ? 'change' : 'changes'}`);
  return parts.join('; ');
}

function describeChange(change: WordChange): string {
  if (change.quote === '') return `the source says "${change.source}", which the quote leaves out`;
  if (change.source === '') return `the source does not say "${change.quote}"`;
  return `the source says "${change.source}" where the quote says "${change.quote}"`;
}
