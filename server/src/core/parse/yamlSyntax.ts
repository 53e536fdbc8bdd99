/**
 * The `yaml` package's parse errors as sentences a reporter understands
 * ("The quotation mark opened on line 12 is never closed.") and the range to
 * underline. Errors are told apart by their `code`, never by their message
 * text; within a code, by the text at the error and the nodes around it.
 */
import { isCollection, isScalar, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { Span } from '../types';
import { KNOWN_KEYS } from '../model';

/** A yaml-syntax diagnostic's message and range, as offsets into the parsed source. */
export interface SyntaxProblem {
  readonly message: string;
  readonly span: Span;
}

const FALLBACK = 'This line is not valid YAML. Check its quotation marks, colons and indenting.';

/**
 * Describes one parse error of `doc`, parsed from `source`. `lineOf` gives
 * the sheet's 1-based line number of an offset of `source`.
 */
export function describeYamlError(source: string, doc: Document.Parsed, error: YAMLError, lineOf: (offset: number) => number): SyntaxProblem {
  return new Describer(source, doc, lineOf).describe(error);
}

class Describer {
  constructor(
    private readonly src: string,
    private readonly doc: Document.Parsed,
    private readonly lineOf: (offset: number) => number,
  ) {}

  describe(error: YAMLError): SyntaxProblem {
    const [start, end] = error.pos;
    const at = { start, end: Math.max(start, end) };
    const special = this.specialStart(start);
    switch (error.code) {
      case 'TAB_AS_INDENT':
        return { message: 'A tab is used for indenting here; use spaces.', span: this.run(start, /\t/) };
      case 'DUPLICATE_KEY':
        return this.duplicateKey(start);
      case 'BAD_SCALAR_START':
        return this.mustQuote(start, this.src[start] ?? '');
      case 'BAD_DQ_ESCAPE':
        return {
          message: 'Inside double quotes a backslash must be doubled ("\\\\"), or put the value in single quotes.',
          span: { start, end: Math.min(this.src.length, start + 2) },
        };
      case 'MULTIPLE_DOCS':
        return this.secondDocument(start);
      case 'KEY_OVER_1024_CHARS':
        return { message: 'This line is read as a key longer than 1024 characters. Put the text after a key, like "note:".', span: this.lineContent(start) };
      case 'BLOCK_IN_FLOW':
        return this.src[start] === '-'
          ? { message: 'A list of "-" items cannot go inside brackets. Separate the items with commas.', span: this.lineContent(start) }
          : { message: 'Inside brackets, write "key: value" pairs in braces, separated by commas.', span: at };
      case 'RESOURCE_EXHAUSTION':
        return { message: 'This part of the sheet is nested too deeply to be read.', span: at };
      case 'UNEXPECTED_TOKEN':
        return special ?? this.unexpected(start, at);
      case 'MISSING_CHAR':
        return this.missing(start, at);
      case 'BAD_INDENT':
        return this.badIndent(start);
      case 'BLOCK_AS_IMPLICIT_KEY':
        return this.blockAsKey(start);
      case 'MULTILINE_IMPLICIT_KEY':
        return this.multilineKey(start, Math.max(start, end));
      case 'BAD_ALIAS':
      case 'ALIAS_PROPS':
      case 'MULTIPLE_ANCHORS':
      case 'MULTIPLE_TAGS':
      case 'BAD_PROP_ORDER':
      case 'TAG_RESOLVE_FAILED':
      case 'NON_STRING_KEY':
        return special ?? { message: FALLBACK, span: this.lineContent(start) };
      default:
        return { message: FALLBACK, span: this.lineContent(start) };
    }
  }

  // ------------------------------------------------------------ by code

  private unexpected(pos: number, at: Span): SyntaxProblem {
    const c = this.src[pos];
    if (c === ',') return { message: 'There is one comma too many here.', span: at };
    if (c === ']' || c === '}') {
      const opener = c === ']' ? '[' : '{';
      return { message: `This "${c}" has no "${opener}" before it. Remove it, or put the whole value in quotes.`, span: at };
    }
    if (c === '-' && /:\s/.test(this.src.slice(this.lineStart(pos), pos))) {
      return { message: 'A list cannot start on the same line as its key. Start it on the next line.', span: at };
    }
    const before = this.prevChar(pos);
    if (before === '"' || before === "'") return this.afterQuote(before, at);
    if ((before === ']' || before === '}') && this.inFlow(pos)) return { message: 'A comma is missing between the items in brackets.', span: at };
    if (before === ']' || before === '}') {
      return { message: `The text goes on after the closing "${before}". Put it inside the brackets, or remove it.`, span: at };
    }
    const header = /([|>])[-+0-9]*$/.exec(this.src.slice(this.lineStart(pos), pos));
    if (header) {
      return { message: `Nothing may follow "${header[1]}" on its line. Start the text on the next line, indented.`, span: this.toLineEnd(pos) };
    }
    return { message: FALLBACK, span: at };
  }

  private missing(pos: number, at: Span): SyntaxProblem {
    if (this.src[pos] === '#') return { message: 'A "#" that starts a comment needs a space before it.', span: at };
    const quoted = this.find((n) => isScalar(n) && (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') && n.range?.[1] === pos);
    if (quoted?.range && !this.closes(quoted.range[0], pos)) {
      const open = quoted.range[0];
      return { message: `The quotation mark opened on line ${this.lineOf(open)} is never closed.`, span: this.toLineEnd(open) };
    }
    const flow = this.unclosedFlow(pos);
    if (flow) return flow;
    const special = this.specialStart(pos);
    if (special) return special;
    const before = this.prevChar(pos);
    if (before === '"' || before === "'") return this.afterQuote(before, at);
    if (before === ':' && this.src[pos - 1] === ':') return { message: 'Put a space after the colon.', span: { start: pos - 1, end: pos } };
    if (this.inFlow(pos)) return { message: 'A comma is missing between the items in brackets.', span: at };
    const directive = /^%.*$/m.exec(this.src.slice(0, pos));
    if (directive && !/^---/m.test(this.src.slice(directive.index, pos))) {
      return { message: `Line ${this.lineOf(directive.index)} starts with "%". Remove it, or put it after a key, in quotes.`, span: this.lineContent(directive.index) };
    }
    return this.lineProblem(this.lineStartOfContent(pos));
  }

  private badIndent(pos: number): SyntaxProblem {
    const flow = this.unclosedFlow(pos);
    if (flow) return flow;
    const block = this.find((n) => isScalar(n) && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') && !!n.range && n.range[0] <= pos && pos < n.range[1]);
    if (block) return { message: 'Every line of this text must be indented more than its key, and by the same amount.', span: this.lineContent(pos) };
    return this.lineProblem(pos);
  }

  /** A mapping where a value was expected: a ": " inside the value, or the next line indented more. */
  private blockAsKey(pos: number): SyntaxProblem {
    if (this.isIndentation(pos)) return this.lineProblem(pos);
    const dash = this.dashWithoutSpace(pos);
    if (dash) return dash;
    const rest = this.src.slice(pos, this.lineEnd(pos));
    const colon = /:(?=\s|$)/.exec(rest);
    if (colon) {
      const quotes = /"/.test(rest.slice(0, colon.index)) ? 'single quotes' : 'quotes';
      return {
        message: `A colon followed by a space cannot stand in a value without quotes. Put the whole value in ${quotes}.`,
        span: { start: pos + colon.index, end: pos + colon.index + 1 },
      };
    }
    return this.lineProblem(this.nextContentLine(pos) ?? pos);
  }

  /** A key that runs over lines: a line without a key, or a key line indented more than the one above. */
  private multilineKey(start: number, end: number): SyntaxProblem {
    const dash = this.dashWithoutSpace(start);
    if (dash) return dash;
    if (this.isIndentation(start) || this.src.slice(this.lineStart(start), start).trim() === '') return this.lineProblem(start);
    return this.lineProblem(this.lineStart(Math.max(start, end - 1)));
  }

  private duplicateKey(pos: number): SyntaxProblem {
    const m = /^(?:"([^"\\\r\n]*)"|'([^'\r\n]*)'|([^\s:#][^:\r\n]*?))\s*:(?=\s|$)/.exec(this.src.slice(pos, this.lineEnd(pos)));
    if (!m) return { message: 'This key appears twice here; keep one of them.', span: this.lineContent(pos) };
    const key = m[1] ?? m[2] ?? m[3];
    const at = (level: keyof typeof KNOWN_KEYS) => (KNOWN_KEYS[level] as readonly string[]).includes(key);
    const where = at('citation') ? ' in this citation' : at('fact') ? ' in this fact' : at('sheet') ? ' in the sheet' : '';
    const written = m[0].replace(/\s*:$/, '');
    return { message: `The key "${key}" appears twice${where}. Keep one of them.`, span: { start: pos, end: pos + written.length } };
  }

  private secondDocument(pos: number): SyntaxProblem {
    const start = this.lineStartOfContent(pos);
    if (this.src.startsWith('---', start)) {
      return { message: 'A line "---" starts a second sheet here, but a file holds one sheet. Remove the line.', span: this.lineContent(start) };
    }
    const dots = this.src.slice(0, pos).search(/^\.\.\.[ \t]*(?:#.*)?$(?![\s\S]*^\.\.\.)/m);
    const line = dots >= 0 ? ` on line ${this.lineOf(dots)}` : '';
    return { message: `The sheet ends at the line "..."${line}, but text follows. Remove the "..." line.`, span: this.lineContent(start) };
  }

  // ------------------------------------------------------------ shared cases

  private afterQuote(mark: string, at: Span): SyntaxProblem {
    const other = mark === '"' ? 'single' : 'double';
    return { message: `The quotation marks close before this text. Put the whole value in ${other} quotes, or remove the extra text.`, span: at };
  }

  private mustQuote(pos: number, c: string): SyntaxProblem {
    return { message: `A value that starts with "${c}" must be put in quotes.`, span: this.valueSpan(pos) };
  }

  /** A value written with `*`, `&` or `!` first, which YAML reads as an alias, anchor or tag. */
  private specialStart(pos: number): SyntaxProblem | undefined {
    const lineStart = this.lineStart(pos);
    const m = /^[ \t]*(?:-[ \t]+)*(?:(?:"[^"]*"|'[^']*'|[^\s#'"[\]{},][^:#\r\n]*?)[ \t]*:[ \t]+)?(?=[*&!])/.exec(this.src.slice(lineStart, this.lineEnd(pos)));
    if (!m) return undefined;
    const valueStart = lineStart + m[0].length;
    return pos >= valueStart ? this.mustQuote(valueStart, this.src[valueStart]) : undefined;
  }

  /** `-claim:` for `- claim:`. */
  private dashWithoutSpace(pos: number): SyntaxProblem | undefined {
    const lineStart = this.lineStart(pos);
    const m = /^[ \t]*-(?=[^\s-])/.exec(this.src.slice(lineStart, this.lineEnd(pos)));
    if (!m) return undefined;
    const dash = lineStart + m[0].length - 1;
    return { message: 'Put a space after the "-" that starts a list item.', span: { start: dash, end: dash + 1 } };
  }

  /** A bracket never closed, or whose lines are not indented enough; `pos` is where its collection ended. */
  private unclosedFlow(pos: number): SyntaxProblem | undefined {
    const flow = this.find((n) => isCollection(n) && !!n.flow && n.range?.[1] === pos);
    if (!flow?.range) return undefined;
    const open = flow.range[0];
    const opener = this.src[open];
    if (opener !== '[' && opener !== '{') return undefined;
    const closer = opener === '[' ? ']' : '}';
    if (this.src.slice(pos, this.lineEnd(pos)).includes(closer)) {
      return { message: `This line continues the "${opener}" of line ${this.lineOf(open)}, so it must be indented more than its key.`, span: this.lineContent(pos) };
    }
    return { message: `The "${opener}" opened on line ${this.lineOf(open)} is never closed. Add "${closer}" where the list ends.`, span: this.toLineEnd(open) };
  }

  /** What is wrong with the line at `pos`, judged by its shape. */
  private lineProblem(pos: number): SyntaxProblem {
    let span = this.lineContent(pos);
    // A blank line is not the problem: the next line with content is.
    if (span.start === span.end) span = this.lineContent(this.nextContentLine(pos) ?? pos);
    const text = this.src.slice(span.start, span.end);
    const dash = this.dashWithoutSpace(span.start);
    if (dash) return dash;
    if (/^-(?:\s|$)/.test(text)) {
      const above = this.previousContentLine(span.start);
      const indent = span.start - this.lineStart(span.start);
      if (above !== undefined) {
        const aboveText = this.src.slice(above, this.lineEnd(above));
        const aboveIndent = aboveText.length - aboveText.trimStart().length;
        if (aboveIndent <= indent && /^\s*(?:-\s+)?[^\s#:-][^:#]*:[ \t]+[^\s#]/.test(aboveText)) {
          return { message: 'The key above already has a value, so this list item has nowhere to go.', span };
        }
      }
      return { message: 'This list item is indented differently from the items around it.', span };
    }
    if (text === '' || /^(?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?)[ \t]*:(?:\s|$)/.test(text)) {
      return { message: 'This line is indented differently from the lines around it.', span };
    }
    const above = this.previousContentLine(span.start);
    if (above !== undefined) {
      const item = this.lineContent(above);
      if (item.start - above === span.start - this.lineStart(span.start) && /^-(?:\s|$)/.test(this.src.slice(item.start, item.end))) {
        return { message: 'This line is in a list but has no "- " in front of it.', span };
      }
    }
    return { message: 'This line has no key in front of it. Write "key: text", or indent it to continue the text above.', span };
  }

  // ------------------------------------------------------------ text

  private find(test: (node: Node) => boolean): Node | undefined {
    let found: Node | undefined;
    visit(this.doc, {
      Node: (_key, node) => {
        if (test(node)) {
          found = node;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    return found;
  }

  /** Whether the quoted scalar `[open, end)` ends with its closing mark. */
  private closes(open: number, end: number): boolean {
    return end - open >= 2 && this.src[end - 1] === this.src[open] && (this.src[open] !== '"' || this.src[end - 2] !== '\\');
  }

  /** Whether `pos` is inside an unclosed `[` or `{` of its line. */
  private inFlow(pos: number): boolean {
    let depth = 0;
    for (const ch of this.src.slice(this.lineStart(pos), pos).replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '')) {
      if (ch === '[' || ch === '{') depth++;
      else if ((ch === ']' || ch === '}') && depth > 0) depth--;
    }
    return depth > 0;
  }

  private lineStart(pos: number): number {
    let i = Math.min(pos, this.src.length);
    while (i > 0 && this.src[i - 1] !== '\n' && this.src[i - 1] !== '\r') i--;
    return i;
  }

  private lineEnd(pos: number): number {
    let i = Math.max(0, pos);
    while (i < this.src.length && this.src[i] !== '\n' && this.src[i] !== '\r') i++;
    return i;
  }

  /** Whether only spaces and tabs are before `pos` on its line, and `pos` is one of them. */
  private isIndentation(pos: number): boolean {
    return (this.src[pos] === ' ' || this.src[pos] === '\t') && /^[ \t]*$/.test(this.src.slice(this.lineStart(pos), pos));
  }

  private lineStartOfContent(pos: number): number {
    return this.lineContent(pos).start;
  }

  /** The line at `pos` from its first to its last non-space character (at least one character where there is one). */
  private lineContent(pos: number): Span {
    const lineStart = this.lineStart(pos);
    const lineEnd = this.lineEnd(pos);
    const text = this.src.slice(lineStart, lineEnd);
    const start = lineStart + (text.length - text.trimStart().length);
    const end = Math.max(start, lineStart + text.trimEnd().length);
    return { start, end };
  }

  /** From `pos` to the end of its line, without trailing spaces. */
  private toLineEnd(pos: number): Span {
    const lineEnd = this.lineEnd(pos);
    return { start: pos, end: Math.max(pos + 1, pos + this.src.slice(pos, lineEnd).trimEnd().length) };
  }

  /** A plain value from `pos`: up to a comment, or in brackets up to a comma or bracket. */
  private valueSpan(pos: number): Span {
    const rest = this.src.slice(pos, this.lineEnd(pos));
    const stop = this.inFlow(pos) ? /\s+#|[,\]}]/.exec(rest) : /\s+#/.exec(rest);
    const text = (stop ? rest.slice(0, stop.index) : rest).trimEnd();
    return { start: pos, end: pos + Math.max(1, text.length) };
  }

  /** The non-space character before `pos` on its line. */
  private prevChar(pos: number): string | undefined {
    const before = this.src.slice(this.lineStart(pos), pos).trimEnd();
    return before[before.length - 1];
  }

  /** The start of the next line with content (not blank, not only a comment). */
  private nextContentLine(pos: number): number | undefined {
    const re = /\r\n|\r|\n/g;
    re.lastIndex = pos;
    for (let m = re.exec(this.src); m; m = re.exec(this.src)) {
      const start = m.index + m[0].length;
      const text = this.src.slice(start, this.lineEnd(start)).trim();
      if (text !== '' && !text.startsWith('#')) return start;
    }
    return undefined;
  }

  /** The start of the previous line with content. */
  private previousContentLine(pos: number): number | undefined {
    let start = this.lineStart(pos);
    while (start > 0) {
      const prevEnd = start - (this.src[start - 1] === '\n' && this.src[start - 2] === '\r' ? 2 : 1);
      start = this.lineStart(prevEnd);
      const text = this.src.slice(start, prevEnd).trim();
      if (text !== '' && !text.startsWith('#')) return start;
    }
    return undefined;
  }

  /** The run of characters matching `char` from `pos`. */
  private run(pos: number, char: RegExp): Span {
    let end = pos;
    while (end < this.src.length && char.test(this.src[end])) end++;
    return { start: pos, end: Math.max(end, pos + 1) };
  }
}
