/**
 * A fast path for reading plain fact sheets: the `yaml` package's Lexer
 * tokenizes, and this module composes the few shapes fact sheets use —
 * block mappings and lists, one-line flow lists and mappings (also in one
 * another), plain and quoted scalars (also over several lines, when their
 * continuation lines are indented), `|` and `>` block scalars, comments —
 * into the `yaml` package's own node classes, with the same ranges its
 * composer gives. Scalar values are resolved by the package too (its core
 * schema's tags, its quoted-scalar and block-scalar resolvers).
 *
 * Anything else — anchors, aliases, tags, multi-line flow collections,
 * several documents, duplicate keys, tabs, odd indentation, nesting past
 * MAX_NESTING, anything that might be an error — makes it give up (return
 * undefined), and the caller parses the full document with `parseDocument`,
 * which also reports the errors. So this path never decides what is valid
 * YAML; it only avoids the general composer's cost on sheets that are
 * plainly valid.
 */
import { MAX_NESTING } from './nesting';
import { CST, isScalar, Lexer, Pair, Scalar, Schema, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { resolveBlockScalar, resolveFlowScalar, resolvePlain } from './scalars';

type Kind = 'plain' | 'double' | 'single' | 'header' | 'block' | 'seq' | 'value' | 'space' | 'newline' | 'comment' | '[' | ']' | '{' | '}' | ',';

interface Token {
  readonly kind: Kind;
  readonly start: number;
  readonly end: number;
  readonly source: string;
  /** Column of the token's first character. */
  readonly col: number;
}

const KINDS: Partial<Record<string, Kind>> = {
  scalar: 'plain',
  'double-quoted-scalar': 'double',
  'single-quoted-scalar': 'single',
  'block-scalar-header': 'header',
  'seq-item-ind': 'seq',
  'map-value-ind': 'value',
  space: 'space',
  newline: 'newline',
  comment: 'comment',
  'flow-seq-start': '[',
  'flow-seq-end': ']',
  'flow-map-start': '{',
  'flow-map-end': '}',
  comma: ',',
};

/** Thrown to give up; not an Error, so that no stack trace is taken (it is thrown once per sheet or fact it cannot read). */
class GiveUp {}

const schema = new Schema({});

/** Composes `source` as one YAML document's contents, or undefined to say "use the full parser". */
export function fastCompose(source: string): Node | null | undefined {
  try {
    return new Composer(new Tokens(source), source.length).document();
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

/**
 * The Lexer's tokens of `source`, lexed as the composer asks for them: a
 * sheet it gives up on early (a list in brackets inside brackets, say) is
 * not lexed to its end first. A token the fast path does not take throws
 * {@link GiveUp}.
 */
class Tokens {
  private readonly list: Token[] = [];
  private readonly lexemes: Iterator<string>;
  private ended = false;
  private offset = 0;
  private lineStart = 0;
  private scalarNext = false;

  constructor(private readonly source: string) {
    this.lexemes = new Lexer().lex(source)[Symbol.iterator]();
  }

  /** The token at index `i`, or undefined past the last. */
  at(i: number): Token | undefined {
    while (this.list.length <= i && !this.ended) this.pull();
    return this.list[i];
  }

  private pull(): void {
    const next = this.lexemes.next();
    if (next.done) {
      this.ended = true;
      if (this.offset !== this.source.length) throw new GiveUp();
      return;
    }
    const raw = next.value;
    const tokens = this.list;
    if (raw === CST.DOCUMENT) return;
    if (raw === CST.SCALAR) {
      this.scalarNext = true; // A marker, not text: the next token is a plain scalar or block scalar content.
      return;
    }
    let kind: Kind | undefined;
    if (this.scalarNext) {
      const header = tokens[tokens.length - 1]?.kind === 'newline' && tokens[tokens.length - 2]?.kind === 'header';
      kind = header ? 'block' : 'plain';
      this.scalarNext = false;
    } else {
      kind = KINDS[CST.tokenType(raw) ?? ''];
    }
    if (kind === undefined || (kind === 'plain' && CST.tokenType(raw) !== null && raw.trim() === '')) throw new GiveUp();
    if (raw.includes('\t')) throw new GiveUp();
    // A comment right after a value, with no space between, is an error the full parser reports.
    if (kind === 'comment' && tokens.length > 0 && tokens[tokens.length - 1].kind !== 'space' && tokens[tokens.length - 1].kind !== 'newline') throw new GiveUp();
    // A key over 1024 characters is an error the full parser reports.
    if (kind === 'value' && tokens.length > 0) {
      const key = tokens[tokens.length - 1].kind === 'space' ? tokens[tokens.length - 2] : tokens[tokens.length - 1];
      if (key && this.offset - key.start > 1000) throw new GiveUp();
    }
    tokens.push({ kind, start: this.offset, end: this.offset + raw.length, source: raw, col: this.offset - this.lineStart });
    const nl = Math.max(raw.lastIndexOf('\n'), raw.lastIndexOf('\r'));
    if (nl >= 0) this.lineStart = this.offset + nl + 1;
    this.offset += raw.length;
  }
}

/** Every line of a multi-line token after the first is indented more than `indent`. */
function continuationIndented(t: Token, indent: number): boolean {
  const lines = t.source.split(/\r\n|\r|\n/);
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k];
    if (line.trim() === '') continue;
    if (line.length - line.trimStart().length <= indent) return false;
  }
  return true;
}

class Composer {
  private i = 0;
  /** Column of the document's first node. */
  private rootCol = 0;
  /** Block nodes open, to give up on nesting deeper than {@link MAX_NESTING}. */
  private depth = 0;

  constructor(
    private readonly tokens: Tokens,
    private readonly length: number,
  ) {}

  document(): Node | null {
    this.skipTrivia();
    if (this.done()) return null;
    this.rootCol = this.peek()!.col;
    const node = this.block(-1, false);
    this.skipTrivia();
    if (!this.done()) throw new GiveUp();
    return node;
  }

  private done(): boolean {
    return this.tokens.at(this.i) === undefined;
  }

  private peek(): Token | undefined {
    return this.tokens.at(this.i);
  }

  /**
   * Skips blank lines and comments. A comment line indented deeper than the
   * content after it (or, at the end, than the document's first node) is
   * attached to nodes by the `yaml` composer in ways not worth mirroring:
   * give up on it.
   */
  private skipTrivia(): void {
    let deepest = -1;
    while (!this.done()) {
      const t = this.tokens.at(this.i) as Token;
      if (t.kind === 'comment') {
        const prev = this.tokens.at(this.i - 1);
        const own = !prev || prev.kind === 'newline' || (prev.kind === 'space' && (this.i < 2 || this.tokens.at(this.i - 2)?.kind === 'newline'));
        if (own) deepest = Math.max(deepest, t.col);
      } else if (t.kind !== 'space' && t.kind !== 'newline') {
        break;
      }
      this.i++;
    }
    const limit = this.done() ? this.rootCol : (this.tokens.at(this.i) as Token).col;
    if (deepest > limit) throw new GiveUp();
  }

  private skipSpace(): void {
    while (this.peek()?.kind === 'space') this.i++;
  }

  /** After a value on its line: spaces, a comment and the newline belong to its node end. */
  private lineEnd(): number {
    this.skipSpace();
    if (this.peek()?.kind === 'comment') this.i++;
    const t = this.peek();
    if (t === undefined) return this.length;
    if (t.kind !== 'newline') throw new GiveUp();
    this.i++;
    return t.end;
  }

  /** A block node starting at the current token, more indented than `parent` (or equal, for a list under a key). */
  private block(parent: number, underKey: boolean): Node {
    if (++this.depth > MAX_NESTING) throw new GiveUp(); // The full parser's side reports it (see nesting.ts).
    try {
      return this.blockAt(parent, underKey);
    } finally {
      this.depth--;
    }
  }

  private blockAt(parent: number, underKey: boolean): Node {
    const t = this.peek()!;
    if (t.kind === 'seq') {
      if (t.col < parent || (t.col === parent && !underKey)) throw new GiveUp();
      return this.seq(t.col);
    }
    if (t.col <= parent) throw new GiveUp();
    if (this.isKey()) return this.map(t.col);
    return this.value(parent);
  }

  /** Is the current token a scalar followed by `:` on the same line? */
  private isKey(): boolean {
    const t = this.peek();
    if (!t || (t.kind !== 'plain' && t.kind !== 'double' && t.kind !== 'single')) return false;
    let j = this.i + 1;
    while (this.tokens.at(j)?.kind === 'space') j++;
    return this.tokens.at(j)?.kind === 'value';
  }

  private map(indent: number): YAMLMap {
    const map = new YAMLMap(schema);
    const start = this.peek()!.start;
    const keys = new Set<unknown>();
    let end = start;
    for (;;) {
      const keyToken = this.peek()!;
      if (keyToken.col !== indent || !this.isKey()) throw new GiveUp();
      if (keyToken.source.includes('\n') || keyToken.source.includes('\r')) throw new GiveUp();
      const key = this.scalar(keyToken, indent);
      this.i++;
      if (keys.has(key.value)) throw new GiveUp(); // Let the full parser report it.
      keys.add(key.value);
      this.skipSpace();
      this.i++; // The `:`.
      let value: Node;
      this.skipSpace();
      const next = this.peek();
      if (next === undefined || next.kind === 'newline' || next.kind === 'comment') {
        const empty = this.emptyValue(next);
        const below = this.peek();
        value = below && (below.col > indent || (below.kind === 'seq' && below.col === indent)) ? this.block(indent, true) : empty;
      } else {
        if (next.kind === 'seq' || this.isKey()) throw new GiveUp(); // Compact nesting on one line.
        value = this.value(indent);
      }
      this.skipTrivia();
      map.items.push(new Pair(key, value));
      end = (value.range as [number, number, number])[2];
      const after = this.peek();
      if (after === undefined || after.col < indent || (after.col === indent && after.kind === 'seq')) break;
      if (after.col > indent) throw new GiveUp();
    }
    map.range = [start, end, end];
    return map;
  }

  private seq(indent: number): YAMLSeq {
    const seq = new YAMLSeq(schema);
    const start = this.peek()!.start;
    let end = start;
    for (;;) {
      const dash = this.peek()!;
      if (dash.kind !== 'seq' || dash.col !== indent) throw new GiveUp();
      this.i++;
      this.skipSpace();
      const next = this.peek();
      let item: Node;
      if (next === undefined || next.kind === 'newline' || next.kind === 'comment') {
        const empty = this.emptyValue(next);
        const below = this.peek();
        item = below && below.col > indent ? this.block(indent, false) : empty;
      } else if (next.kind === 'seq') {
        throw new GiveUp(); // `- - x`
      } else {
        item = this.block(indent, false);
      }
      this.skipTrivia();
      seq.items.push(item);
      end = (item.range as [number, number, number])[2];
      const after = this.peek();
      if (after === undefined || after.col < indent) break;
      if (after.col > indent || after.kind !== 'seq') {
        if (after.col === indent) break; // A key of the parent mapping.
        throw new GiveUp();
      }
    }
    seq.range = [start, end, end];
    return seq;
  }

  /**
   * A value on the current line: a scalar, a one-line flow collection, or a
   * block scalar; `indent` is the enclosing collection's. Its node end
   * (range[2]) is set here, with the rest of its line.
   */
  private value(indent: number): Node {
    const t = this.peek()!;
    if (t.kind === 'header') return this.blockScalar(t, indent);
    let node: Node;
    if (t.kind === '[' || t.kind === '{') node = this.flow();
    else if (t.kind === 'plain' || t.kind === 'double' || t.kind === 'single') {
      if (!continuationIndented(t, indent)) throw new GiveUp();
      this.i++;
      node = this.scalar(t, indent);
    } else throw new GiveUp();
    (node.range as [number, number, number])[2] = this.lineEnd();
    return node;
  }

  /** `|` or `>` with its content on the following lines. */
  private blockScalar(header: Token, indent: number): Scalar {
    const newline = this.tokens.at(this.i + 1);
    const content = this.tokens.at(this.i + 2);
    if (newline?.kind !== 'newline' || content?.kind !== 'block' || !continuationIndented({ ...content, source: `\n${content.source}` }, indent)) throw new GiveUp();
    this.i += 3;
    const resolved = resolveBlockScalar(header.source, header.start, newline.source, newline.start, content.source, indent);
    if (!resolved) throw new GiveUp();
    const scalar = new Scalar(resolved.value);
    scalar.type = resolved.type ?? 'BLOCK_LITERAL';
    scalar.range = [header.start, content.end, content.end];
    return scalar;
  }

  private flow(): Node {
    if (++this.depth > MAX_NESTING) throw new GiveUp(); // The full parser's side reports it (see nesting.ts).
    const node = this.flowCollection();
    this.depth--;
    return node;
  }

  /** A flow collection on one line: plain or quoted scalars, and flow collections in it (`[{file: a.txt, line: 2}]`). */
  private flowCollection(): Node {
    const open = this.peek()!;
    this.i++;
    const isMap = open.kind === '{';
    const node = isMap ? new YAMLMap(schema) : new YAMLSeq(schema);
    node.flow = true;
    const keys = new Set<unknown>();
    for (;;) {
      this.skipSpace();
      const t = this.peek();
      if (!t) throw new GiveUp();
      if (t.kind === (isMap ? '}' : ']')) {
        this.i++;
        node.range = [open.start, t.end, t.end];
        return node;
      }
      if (!isMap && (t.kind === '[' || t.kind === '{')) {
        (node as YAMLSeq).items.push(this.flow());
        this.skipSpace();
        if (this.peek()?.kind === 'value') throw new GiveUp(); // A collection as a key.
      } else {
        if (t.kind !== 'plain' && t.kind !== 'double' && t.kind !== 'single') throw new GiveUp();
        this.i++;
        if (/[\r\n]/.test(t.source)) throw new GiveUp();
        const first = this.scalar(t, 0);
        this.skipSpace();
        if (isMap) {
          if (this.peek()?.kind !== 'value') throw new GiveUp();
          this.i++;
          this.skipSpace();
          const v = this.peek();
          if (!v) throw new GiveUp();
          if (keys.has(first.value)) throw new GiveUp();
          keys.add(first.value);
          if (v.kind === '[' || v.kind === '{') {
            (node as YAMLMap).items.push(new Pair(first, this.flow()));
          } else {
            if (v.kind !== 'plain' && v.kind !== 'double' && v.kind !== 'single') throw new GiveUp();
            this.i++;
            if (/[\r\n]/.test(v.source)) throw new GiveUp();
            (node as YAMLMap).items.push(new Pair(first, this.scalar(v, 0)));
          }
          this.skipSpace();
        } else {
          if (this.peek()?.kind === 'value') throw new GiveUp(); // A pair inside a list.
          (node as YAMLSeq).items.push(first);
        }
      }
      const sep = this.peek();
      if (sep?.kind === ',') this.i++;
      else if (sep?.kind !== (isMap ? '}' : ']')) throw new GiveUp();
    }
  }

  /**
   * Nothing after a `key:` or `-` on its line (`next` is the newline, the
   * comment, or the end): the empty value the full parser would make, in case
   * no block follows on the next lines. Moves past the line and blank lines.
   */
  private emptyValue(next: Token | undefined): Scalar {
    const at = next?.start ?? this.length;
    const empty = new Scalar(null);
    const end = this.lineEnd();
    // An empty value's node takes in a comment after it, with its line break.
    empty.range = [at, at, next?.kind === 'comment' ? end : at];
    this.skipTrivia();
    return empty;
  }

  private scalar(t: Token, indent: number): Scalar {
    let scalar: Scalar;
    if (t.kind === 'plain') {
      if (/^[-?:](\s|$)|^[,[\]{}#&*!|>%@`"']/.test(t.source)) throw new GiveUp(); // Indicators: the full parser reports them.
      const text = /[\r\n]/.test(t.source) ? this.resolveFlow(t, 'scalar', indent) : t.source;
      const plain = resolvePlain(text);
      if (!plain) throw new GiveUp();
      scalar = isScalar(plain.value) ? (plain.value as Scalar) : new Scalar(plain.value);
      scalar.type = 'PLAIN';
    } else {
      scalar = new Scalar(this.resolveFlow(t, t.kind === 'double' ? 'double-quoted-scalar' : 'single-quoted-scalar', indent));
      scalar.type = t.kind === 'double' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    }
    scalar.range = [t.start, t.end, t.end];
    return scalar;
  }

  /** The value of a plain or quoted scalar, folded and unescaped by the `yaml` package. */
  private resolveFlow(t: Token, type: CST.FlowScalar['type'], indent: number): string {
    const value = resolveFlowScalar(type, t.source, t.start, indent);
    if (value === undefined) throw new GiveUp();
    return value;
  }
}
