/**
 * The id Cite Selection gives a new fact: a few significant words of its
 * claim, the way the samples write ids (`meeting-place`, `talks-length`):
 * lower case, ASCII letters and digits joined by hyphens, unique in the sheet.
 */

/** At most this many words of the claim... */
const MAX_WORDS = 4;
/** ...and at most this many characters. */
const MAX_LENGTH = 32;

/** Words that say little on their own; `no` and `not` stay, as they change the meaning. */
const STOP_WORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'or', 'but', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'as', 'into', 'onto', 'than',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'has', 'have', 'had', 'do', 'does', 'did',
  'it', 'its', 'this', 'that', 'these', 'those', 'there', 'which', 'who', 'whom',
]);

/** Letters that Unicode decomposition does not turn into ASCII ones. */
const FOLDS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' };

/**
 * An id for a new fact with `claim`, not among `taken`: its first few
 * significant words (`talks-lasted-one-hour`), or `fact-N` (N the fact's
 * 1-based `position`) when the claim has no word in ASCII letters or digits;
 * `-2`, `-3`… appended while the sheet already has it.
 */
export function factIdFor(claim: string, taken: ReadonlySet<string>, position: number): string {
  const base = idWords(claim) || `fact-${position}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** The claim's significant words as an id, or '' when it has none. */
function idWords(claim: string): string {
  const folded = claim
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (c) => FOLDS[c])
    // "U.S." is one word, as are "Biden's" and "don't".
    .replace(/(?<![\p{L}\p{N}])(\p{L})\.(?=\p{L}(?![\p{L}\p{N}]))/gu, '$1')
    .replace(/['’ʼ]s(?![\p{L}\p{N}])/gu, '')
    .replace(/['’ʼ]/gu, '');
  const words = folded.split(/[^a-z0-9]+/).filter((w) => w !== '' && !STOP_WORDS.has(w));
  let id = '';
  for (const word of words.slice(0, MAX_WORDS)) {
    const next = id === '' ? word : `${id}-${word}`;
    if (next.length > MAX_LENGTH) return id || word.slice(0, MAX_LENGTH);
    id = next;
  }
  return id;
}
