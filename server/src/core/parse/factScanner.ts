/**
 * The fastest path for reading one fact of a sheet in the usual block
 * layout (see `splitSheet`): a line scanner for the plainest, most common
 * shape of a fact, building the sheet model directly, without YAML nodes.
 *
 * It accepts only facts that are plainly valid and plainly written: block
 * mappings with the known keys, one-line plain or quoted scalars, folded and
 * literal block scalars, a one-line flow list of tags, citations as a block
 * list (or one mapping, or one `FILE:LINE` string), comments and blank
 * lines. Scalars are resolved by the `yaml` package's own core-schema tests
 * and scalar resolvers. For anything else — multi-line plain or quoted
 * scalars, flow collections other than tags, unusual indentation, quoted
 * keys, duplicate or unknown keys, values that are not text, anything that
 * would be a diagnostic — it returns undefined and the fact is parsed by the
 * `yaml` package (`parseFacts`).
 * A test checks it against that path on the samples, generated sheets and
 * thousands of random edits.
 */
import { resolveBlockScalar, resolveFlowScalar, resolvePlain } from './scalars';
import { compactCitation, lineRange } from './compact';
import { KNOWN_KEYS, type Citation, type Fact, type FormatKey, type LineValue, type ScalarValue } from '../model';
import type { Span } from '../types';

/** Characters a plain scalar may not start with (YAML 1.2 indicators, and space). */
const INDICATOR = new Set([...'-?:,[]{}#&*!|>\'"%@` ']);

/** Every key of the format (sheet, fact, citation); no string is made for a key read. */
const KEYS: readonly FormatKey[] = Object.values(KNOWN_KEYS).flat();

/** Gives up on the fast path. */
const GIVE_UP = undefined;

/** A line of the chunk: where it starts, its first non-space character, and its end (before `\r\n` or `\n`). */
interface Line {
  readonly start: number;
  readonly first: number;
  readonly end: number;
  readonly next: number;
}

/** Parses the one fact of `text[start, end)`, or returns undefined to say "use the full parser". */
export function scanFact(text: string, start: number, end: number, index: number): Fact | undefined {
  const chunk = text.slice(start, end);
  // Line ends are `\n` or `\r\n`; a lone `\r` is left to the full parser.
  if (chunk.includes('\r') && /\r(?!\n)/.test(chunk)) return GIVE_UP;
  return new FactScanner(text, end).fact(start, index);
}

/**
 * The head of a sheet in the usual layout, `text[0, headEnd)`: comments and
 * `title`, `sources` and an empty `facts:` at the left margin, each once.
 * Undefined for anything else (the `yaml` package reads it then).
 */
export function scanHead(text: string, headEnd: number): { title?: ScalarValue; sources?: ScalarValue } | undefined {
  const head = text.slice(0, headEnd);
  if (head.includes('\r') && /\r(?!\n)/.test(head)) return GIVE_UP;
  return new FactScanner(text, headEnd).head();
}

/** The value of a field on its key's line. */
type Field = { readonly key: FormatKey; readonly keyStart: number; readonly valueStart: number; readonly line: Line };

class FactScanner {
  constructor(
    private readonly text: string,
    private readonly end: number,
  ) {}

  /** The line starting at `pos`. */
  private lineAt(pos: number): Line {
    const text = this.text;
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= this.end) nl = this.end;
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    let first = pos;
    while (first < end && text.charCodeAt(first) === 32) first++;
    return { start: pos, first, end, next: nl < this.end ? nl + 1 : this.end };
  }

  /** The next line from `pos` with content (not blank, not only a comment); null at the end of the chunk. */
  private contentLine(pos: number): Line | null {
    while (pos < this.end) {
      const line = this.lineAt(pos);
      if (line.first < line.end && this.text.charCodeAt(line.first) !== 35 /* # */) return line;
      pos = line.next;
    }
    return null;
  }

  head(): { title?: ScalarValue; sources?: ScalarValue } | undefined {
    let title: ScalarValue | undefined;
    let sources: ScalarValue | undefined;
    let facts = false;
    for (let line = this.contentLine(0); line; ) {
      if (line.first !== line.start || facts) return GIVE_UP;
      const field = this.field(line, line.start);
      if (!field) return GIVE_UP;
      if (field.key === 'facts') {
        // Nothing after `facts:` but a comment (the space before `#` was skipped already).
        if (field.valueStart < line.end && this.text.charCodeAt(field.valueStart) !== 35) return GIVE_UP;
        facts = true;
        line = this.contentLine(line.next);
      } else if (field.key === 'title' || field.key === 'sources') {
        const read = this.scalarField(field);
        if (!read || (field.key === 'title' ? title : sources)) return GIVE_UP;
        if (field.key === 'title') title = read.value;
        else sources = read.value;
        line = this.contentLine(read.next);
      } else {
        return GIVE_UP;
      }
    }
    return facts ? { title, sources } : GIVE_UP;
  }

  fact(start: number, index: number): Fact | undefined {
    const text = this.text;
    const head = this.lineAt(start);
    if (text.charCodeAt(head.first) !== 45 /* - */) return GIVE_UP;
    const dash = head.first;
    const keyStart = skipSpaces(text, dash + 1, head.end);
    if (keyStart === dash + 1) return GIVE_UP; // `-` alone, or `-x`.
    const keyColumn = keyStart - head.start;
    let id: ScalarValue | undefined;
    let claim: ScalarValue | undefined;
    let note: ScalarValue | undefined;
    let tags: ScalarValue[] | undefined;
    let citations: Citation[] | undefined;
    let last = keyStart;
    let field = this.field(head, keyStart);
    for (;;) {
      if (!field) return GIVE_UP;
      let next: Line | null;
      switch (field.key) {
        case 'id':
        case 'claim':
        case 'note': {
          const read = this.scalarField(field);
          if (!read) return GIVE_UP;
          const value = read.value;
          if (field.key === 'id') {
            if (id) return GIVE_UP;
            id = value;
          } else if (field.key === 'claim') {
            if (claim || value.value.trim() === '') return GIVE_UP;
            claim = value;
          } else {
            if (note) return GIVE_UP;
            note = value;
          }
          last = value.span.end;
          next = this.contentLine(read.next);
          break;
        }
        case 'tags': {
          if (tags) return GIVE_UP;
          const list = this.tags(field);
          if (!list) return GIVE_UP;
          tags = list.tags;
          last = list.end;
          next = this.contentLine(field.line.next);
          break;
        }
        case 'cite': {
          if (citations) return GIVE_UP;
          const cite = this.cite(field, keyColumn);
          if (!cite) return GIVE_UP;
          citations = cite.citations;
          last = cite.end;
          next = cite.next;
          break;
        }
        default:
          return GIVE_UP;
      }
      if (next === null) break;
      if (next.first - next.start !== keyColumn) return GIVE_UP;
      field = this.field(next, next.first);
    }
    if (!claim || !citations || citations.length === 0) return GIVE_UP;
    return { index, span: { start: keyStart, end: last }, marker: { start: dash, end: dash + 1 }, id, claim, note, tags: tags ?? [], citations };
  }

  /** `key:` at `at`, then spaces; the key must be one the format knows (any other is left to the yaml path). */
  private field(line: Line, at: number): Field | undefined {
    const text = this.text;
    let i = at;
    while (i < line.end) {
      const c = text.charCodeAt(i);
      if (c < 97 || c > 122) break;
      i++;
    }
    if (i === at || text.charCodeAt(i) !== 58 /* : */) return undefined;
    if (i + 1 < line.end && text.charCodeAt(i + 1) !== 32) return undefined;
    const key = KEYS.find((k) => k.length === i - at && text.startsWith(k, at));
    return key === undefined ? undefined : { key, keyStart: at, valueStart: skipSpaces(text, i + 1, line.end), line };
  }

  /**
   * A text value: one line (a comment may follow it), or a folded or literal
   * block scalar (`>`, `>-`, `|`, `|-`) on the lines below. `next` is where
   * the lines after it start.
   */
  private scalarField(field: Field): { value: ScalarValue; next: number } | undefined {
    const c = this.text.charCodeAt(field.valueStart);
    if (c === 62 /* > */ || c === 124 /* | */) return this.blockScalar(field);
    const scalar = this.scalar(field.valueStart, field.line.end, false);
    return scalar && typeof scalar.resolved === 'string' && this.restIsComment(scalar.span.end, field.line.end) ? { value: scalar.value, next: field.line.next } : undefined;
  }

  /**
   * A block scalar as a mapping value: the header alone on its line (no
   * indentation digit, no `+`, nothing after it), then lines indented more
   * than the key, the first of them not empty. The `yaml` package resolves
   * the value.
   */
  private blockScalar(field: Field): { value: ScalarValue; next: number } | undefined {
    const text = this.text;
    const line = field.line;
    const at = field.valueStart;
    let headerEnd = at + 1;
    if (text.charCodeAt(headerEnd) === 45 /* - */) headerEnd++;
    if (headerEnd !== line.end || line.next >= this.end) return undefined;
    const indent = field.keyStart - line.start;
    let contentIndent = -1;
    let contentEnd = line.next;
    for (let pos = line.next; pos < this.end; ) {
      const l = this.lineAt(pos);
      if (l.first === l.end) {
        if (contentIndent < 0) return undefined; // Empty lines first: the yaml package decides.
        pos = l.next;
        continue;
      }
      const column = l.first - l.start;
      if (contentIndent < 0) contentIndent = column;
      if (column < contentIndent) break;
      contentEnd = l.next;
      pos = l.next;
    }
    if (contentIndent <= indent) return undefined;
    // What follows must be back at the key's indentation or less (checked by the caller), not in between.
    const after = this.contentLine(contentEnd);
    if (after && after.first - after.start > indent) return undefined;
    const newline = text.slice(line.end, line.next);
    const resolved = resolveBlockScalar(text.slice(at, headerEnd), at, newline, line.next - newline.length, text.slice(line.next, contentEnd), indent);
    if (!resolved) return undefined;
    let end = resolved.end;
    while (end > at && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
    return { value: { value: resolved.value, span: { start: at, end }, style: 'block', inFlow: false, editable: true }, next: contentEnd };
  }

  /**
   * A plain or quoted scalar at `at`, on one line; for plain ones in a flow
   * list, up to the next `,` or `]`. `resolved` is what YAML makes of it.
   */
  private scalar(at: number, lineEnd: number, inFlow: boolean): { value: ScalarValue; resolved: unknown; span: Span } | undefined {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (at >= lineEnd) return undefined;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      let i = at + 1;
      let escaped = false;
      for (;;) {
        if (i >= lineEnd) return undefined; // Not closed on this line.
        const d = text.charCodeAt(i);
        if (c === 34 && d === 92 /* \ */) {
          escaped = true;
          i += 2;
        } else if (d === c) {
          if (c === 39 && text.charCodeAt(i + 1) === 39) {
            escaped = true;
            i += 2;
          } else break;
        } else i++;
      }
      const span = { start: at, end: i + 1 };
      let value = text.slice(at + 1, i);
      if (escaped) {
        const unescaped = resolveFlowScalar(c === 34 ? 'double-quoted-scalar' : 'single-quoted-scalar', text.slice(at, i + 1), at, 0);
        if (unescaped === undefined) return undefined;
        value = unescaped;
      }
      const style = c === 34 ? 'double' : 'single';
      return { value: { value, span, style, inFlow, editable: true }, resolved: value, span };
    }
    if (INDICATOR.has(text[at])) return undefined;
    // A plain scalar: up to ` #`, `: ` or the line's end (in a flow list, `,` or `]`).
    let i = at;
    let valueEnd = at;
    for (; i < lineEnd; i++) {
      const d = text.charCodeAt(i);
      if (d === 32) {
        if (text.charCodeAt(i + 1) === 35 /* # */) break;
        continue;
      }
      if (d === 58 /* : */ && (i + 1 === lineEnd || text.charCodeAt(i + 1) === 32 || (inFlow && isFlowIndicator(text.charCodeAt(i + 1))))) return undefined;
      if (inFlow && isFlowIndicator(d)) {
        if (d === 44 /* , */ || d === 93 /* ] */) break;
        return undefined;
      }
      if (d < 32 || d === 0x85 || d === 0x2028 || d === 0x2029 || d === 0xfeff) return undefined;
      valueEnd = i + 1;
    }
    const value = text.slice(at, valueEnd);
    const span = { start: at, end: valueEnd };
    let resolved: unknown = value;
    if (mayNotBeText(value.charCodeAt(0))) {
      const plain = resolvePlain(value);
      if (!plain) return undefined;
      resolved = plain.value;
    }
    return { value: { value: typeof resolved === 'string' ? resolved : String(resolved), span, style: 'plain', inFlow, editable: true }, resolved, span };
  }

  /** Whether `[from, lineEnd)` holds only spaces and perhaps a comment after a space. */
  private restIsComment(from: number, lineEnd: number): boolean {
    const i = skipSpaces(this.text, from, lineEnd);
    return i === lineEnd || (i > from && this.text.charCodeAt(i) === 35);
  }

  /** `tags: [a, b]` on one line. */
  private tags(field: Field): { tags: ScalarValue[]; end: number } | undefined {
    const text = this.text;
    const lineEnd = field.line.end;
    if (text.charCodeAt(field.valueStart) !== 91 /* [ */) return undefined;
    const tags: ScalarValue[] = [];
    let i = skipSpaces(text, field.valueStart + 1, lineEnd);
    if (text.charCodeAt(i) !== 93 /* ] */) {
      for (;;) {
        const item = this.scalar(i, lineEnd, true);
        if (!item || typeof item.resolved !== 'string') return undefined;
        tags.push(item.value);
        i = skipSpaces(text, item.span.end, lineEnd);
        const d = text.charCodeAt(i);
        if (d === 93) break;
        if (d !== 44 /* , */) return undefined;
        i = skipSpaces(text, i + 1, lineEnd);
        if (text.charCodeAt(i) === 93 || text.charCodeAt(i) === 44) return undefined;
      }
    }
    return this.restIsComment(i + 1, lineEnd) ? { tags, end: i + 1 } : undefined;
  }

  /** `cite:` and its citations: one `FILE:LINE` string, a block list, or one mapping. */
  private cite(field: Field, keyColumn: number): { citations: Citation[]; end: number; next: Line | null } | undefined {
    const line = field.line;
    if (field.valueStart < line.end && this.text.charCodeAt(field.valueStart) !== 35) {
      const compact = this.compact(field.valueStart, line);
      return compact ? { citations: [compact], end: compact.span.end, next: this.contentLine(line.next) } : undefined;
    }
    const first = this.contentLine(line.next);
    if (!first) return undefined;
    const column = first.first - first.start;
    if (this.text.charCodeAt(first.first) === 45 /* - */) {
      return column >= keyColumn ? this.citationList(first, column) : undefined;
    }
    if (column <= keyColumn) return undefined;
    const map = this.citationMap(first, first.first);
    return map ? { citations: [map.citation], end: map.citation.span.end, next: map.next } : undefined;
  }

  /** A block list of citations whose `-` are at `column`. */
  private citationList(first: Line, column: number): { citations: Citation[]; end: number; next: Line | null } | undefined {
    const text = this.text;
    const citations: Citation[] = [];
    let line: Line | null = first;
    while (line && line.first - line.start === column && text.charCodeAt(line.first) === 45) {
      const at = skipSpaces(text, line.first + 1, line.end);
      if (at === line.first + 1) return undefined;
      if (this.field(line, at)) {
        const map = this.citationMap(line, at);
        if (!map) return undefined;
        citations.push(map.citation);
        line = map.next;
      } else {
        const compact = this.compact(at, line);
        if (!compact) return undefined;
        citations.push(compact);
        line = this.contentLine(line.next);
      }
    }
    return { citations, end: citations[citations.length - 1].span.end, next: line };
  }

  /** A citation mapping whose first key is at `at` on `line`; its other keys line up under it. */
  private citationMap(line: Line, at: number): { citation: Citation; next: Line | null } | undefined {
    const column = at - line.start;
    let file: ScalarValue | undefined;
    let lineValue: LineValue | undefined;
    let quote: ScalarValue | undefined;
    let current: Line | null = line;
    let keyAt = at;
    let end = at;
    for (;;) {
      const field = this.field(current, keyAt);
      if (!field) return undefined;
      let next = current.next;
      if (field.key === 'file' || field.key === 'quote') {
        const read = this.scalarField(field);
        if (!read) return undefined;
        const value = read.value;
        next = read.next;
        if (field.key === 'file') {
          if (file || value.value.trim() === '') return undefined;
          file = value;
        } else {
          if (quote || !/[^.\u2026\s]/.test(value.value)) return undefined;
          quote = value;
        }
        end = value.span.end;
      } else if (field.key === 'line') {
        if (lineValue) return undefined;
        const scalar = this.scalar(field.valueStart, field.line.end, false);
        if (!scalar || !this.restIsComment(scalar.span.end, field.line.end)) return undefined;
        lineValue = lineOf(scalar.value, scalar.resolved);
        if (!lineValue) return undefined;
        end = scalar.span.end;
      } else {
        return undefined;
      }
      current = this.contentLine(next);
      if (!current || current.first - current.start !== column || this.text.charCodeAt(current.first) === 45) break;
      keyAt = current.first;
    }
    if (current && current.first - current.start > column) return undefined;
    if (!file || !lineValue) return undefined;
    return { citation: { span: { start: at, end }, compact: false, file, line: lineValue, quote }, next: current };
  }

  /** A `FILE:LINE` string that ends its line. */
  private compact(at: number, line: Line): Citation | undefined {
    const scalar = this.scalar(at, line.end, false);
    if (!scalar || typeof scalar.resolved !== 'string' || !this.restIsComment(scalar.span.end, line.end)) return undefined;
    const v = scalar.value;
    return compactCitation(this.text, v.value, v.span, v.style, false);
  }
}

/** What a `line` value is, when it is a valid line number or range. */
function lineOf(v: ScalarValue, resolved: unknown): LineValue | undefined {
  if (typeof resolved === 'number') {
    return Number.isInteger(resolved) ? { value: v.value, span: v.span, style: v.style, inFlow: v.inFlow, editable: v.editable, first: resolved, last: resolved, isRange: false } : undefined;
  }
  const range = typeof resolved === 'string' ? lineRange(resolved) : undefined;
  return range && { value: v.value, span: v.span, style: v.style, inFlow: v.inFlow, editable: v.editable, first: range.first, last: range.last, isRange: range.isRange };
}

function skipSpaces(text: string, from: number, end: number): number {
  while (from < end && text.charCodeAt(from) === 32) from++;
  return from;
}

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

/** Every plain scalar YAML's core schema reads as other than text starts with one of `~nNtTfF0-9+-.`, or is empty. */
function mayNotBeText(c: number): boolean {
  return Number.isNaN(c) || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70 || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
}
