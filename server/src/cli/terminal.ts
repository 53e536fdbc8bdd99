/**
 * How the text format looks on a terminal: colours (ANSI codes) and a code
 * frame under each diagnostic, the sheet's line with a caret under the place
 * (`^~~~` under a range), as compilers show them. Piped into a file, a log
 * or another program, the text format stays one line per diagnostic.
 */
import { escapeControls } from '../core';

/** How `check` and `fix` print their text report. */
export interface TextLayout {
  /** ANSI colours. */
  readonly color: boolean;
  /** A code frame under each diagnostic. */
  readonly frames: boolean;
}

export const PLAIN: TextLayout = { color: false, frames: false };

/**
 * The layout for standard output: on a terminal, frames and colours; colours
 * off with `--no-color` or a non-empty `NO_COLOR`; forced, frames and all,
 * with `--color` or `FORCE_COLOR` (other than `0` or `false`), for a CI log
 * that shows colours. The option decides over the environment, and
 * `FORCE_COLOR` over `NO_COLOR`, as in Node.js itself.
 */
export function layoutFor(option: boolean | undefined, env: Readonly<Record<string, string | undefined>>, terminal: boolean): TextLayout {
  const force = env.FORCE_COLOR;
  const forced = option ?? (force !== undefined ? !['0', 'false'].includes(force.toLowerCase()) : env.NO_COLOR ? false : undefined);
  const interactive = terminal && env.TERM !== 'dumb';
  return { color: forced ?? interactive, frames: interactive || forced === true };
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], cyan: [36, 39], gray: [90, 39] } as const;

export type Paint = keyof typeof CODES;

/** Paints text in the layout's colours, or leaves it alone. */
export function painter(layout: TextLayout): (text: string, ...paints: Paint[]) => string {
  if (!layout.color) return (text) => text;
  return (text, ...paints) => paints.reduce((t, p) => `\x1b[${CODES[p][0]}m${t}\x1b[${CODES[p][1]}m`, text);
}

/** Columns a frame shows before, under and after its caret; a longer line is cut there with `…`. */
const MAX_BEFORE = 60;
const MAX_AFTER = 60;
const MAX_MARKED = 80;

/**
 * Two lines under a diagnostic: the sheet's line (1-based `lineNumber`), and
 * a caret under the columns from `start` to `end` (offsets in `line`; a range
 * running past the line is underlined to its end). Tabs are shown as four
 * spaces, control characters as escapes, and a long line is cut around the
 * place with `…`, so the caret always stands under what it points at.
 */
export function codeFrame(line: string, lineNumber: number, start: number, end: number, mark: (text: string) => string, gutter: (text: string) => string): string[] {
  const show = (s: string) => escapeControls(s.replace(/\t/g, '    '));
  let before = show(line.slice(0, start));
  const stop = Math.max(start, Math.min(end, line.trimEnd().length));
  let marked = show(line.slice(start, stop));
  let after = show(line.slice(stop));
  if (width(marked) > MAX_MARKED) [marked, after] = [`${head(marked, MAX_MARKED - 1)}…`, ''];
  if (width(before) > MAX_BEFORE) before = `…${tail(before, MAX_BEFORE - 1)}`;
  if (width(after) > MAX_AFTER) after = `${head(after, MAX_AFTER - 1)}…`;
  const number = String(lineNumber);
  const pad = ' '.repeat(number.length);
  const caret = `^${'~'.repeat(Math.max(0, width(marked) - 1))}`;
  return [`${gutter(` ${number} |`)} ${before}${marked}${after}`.trimEnd(), `${gutter(` ${pad} |`)} ${' '.repeat(width(before))}${mark(caret)}`];
}

/** Columns a text takes on a terminal: East Asian wide characters and most emoji two, combining marks none. */
export function width(text: string): number {
  let n = 0;
  for (const ch of text) n += charWidth(ch.codePointAt(0)!);
  return n;
}

function charWidth(c: number): number {
  if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || (c >= 0xfe00 && c <= 0xfe0f)) return 0;
  const wide =
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1f64f) ||
    (c >= 0x1f900 && c <= 0x1f9ff) ||
    (c >= 0x20000 && c <= 0x3fffd);
  return wide ? 2 : 1;
}

/** The end of a text that fits in `columns`. */
function tail(text: string, columns: number): string {
  const chars = [...text];
  let n = 0;
  let i = chars.length;
  while (i > 0 && n + charWidth(chars[i - 1].codePointAt(0)!) <= columns) n += charWidth(chars[--i].codePointAt(0)!);
  return chars.slice(i).join('');
}

/** The start of a text that fits in `columns`. */
function head(text: string, columns: number): string {
  let n = 0;
  let out = '';
  for (const ch of text) {
    n += charWidth(ch.codePointAt(0)!);
    if (n > columns) break;
    out += ch;
  }
  return out;
}
