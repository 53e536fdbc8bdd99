/**
 * Parsing a fact sheet (FORMAT.md section 2) into a model with exact source
 * spans. Bad YAML never throws: the parser's errors become `yaml-syntax`
 * diagnostics, in words (see yamlSyntax.ts), and whatever parsed is still read. Structure problems become
 * `invalid-structure`, `unknown-key`, `missing-citation` and `duplicate-id`.
 */
import { distance } from 'fastest-levenshtein';
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { compactCitation, lineRange } from './compact';
import { scanFact, scanHead } from './factScanner';
import { fastCompose } from './fastYaml';
import { deepNesting } from './nesting';
import { excerpt, LineIndex, loneCrAsLf, spanOnBoundaries } from '../text';
import { describeYamlError, type SyntaxProblem } from './yamlSyntax';
import { parseYaml } from './yamlDocument';
import { KNOWN_KEYS, type Citation, type Fact, type LineValue, type ParsedSheet, type ScalarStyle, type ScalarValue, type Sheet, type SheetLayout } from '../model';
import { DEFAULT_SEVERITY, type DiagnosticCode, type FactDiagnostic, type Fix, type Shortcuts, type Span } from '../types';

/** Every key of the format, at any level. */
const ANY_KEY: ReadonlySet<string> = new Set(Object.values(KNOWN_KEYS).flat());

/** How a sheet is parsed. */
export interface ParseOptions extends Shortcuts {
  /** The sheet's path: a duplicate id's diagnostic then points at the first fact with the id. */
  readonly path?: string;
}

/**
 * Parses a fact sheet's text. Never throws. A sheet in the usual layout is
 * read fact by fact (see {@link splitSheet}); with `reference: true`, every
 * sheet is read as one document by the `yaml` package.
 */
export function parseSheet(given: string, options: ParseOptions = {}): ParsedSheet {
  const text = loneCrAsLf(given);
  const layout = options.reference ? undefined : splitSheet(text);
  const head = layout && parseHead(text, layout.headEnd);
  if (!layout || !head) return parseWhole(text, options);
  const facts: Fact[] = [];
  const diagnostics: FactDiagnostic[] = [...head.diagnostics];
  const lineOf = lineNumbers(text);
  for (const chunk of layout.chunks) {
    const part = parseFacts(text, chunk, facts.length, { lineOf });
    facts.push(...part.facts);
    diagnostics.push(...part.diagnostics);
  }
  return assembleSheet(head.sheet, facts, diagnostics, text, options.path);
}

/**
 * A whole sheet from its head and its facts, read in one go or fact by fact:
 * the one place for the rules that span facts (today: duplicate ids). The
 * one-shot parse and the incremental checker both end here. With the sheet's
 * `path`, a duplicate id's diagnostic has the first fact's id as its related
 * place.
 */
export function assembleSheet(head: Omit<Sheet, 'facts'>, facts: readonly Fact[], diagnostics: readonly FactDiagnostic[], text: string, path?: string): ParsedSheet {
  return withDuplicateIds({ sheet: { ...head, facts }, diagnostics, text }, path);
}

// At a line start as YAML sees it: after \n or \r, not after U+2028 or U+2029 as `^` with /m would.
const FACTS_KEY = /(?<![^\n\r])facts[ \t]*:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)/;
const UNUSUAL = /^(?:---|\.\.\.|%)|[&*!][^\s,\]}]|\t/m;

/** Where the line after the top-level `facts:` key starts, as YAML sees line starts; undefined without one. */
export function factsKeyEnd(text: string): number | undefined {
  const key = FACTS_KEY.exec(text);
  return key ? key.index + key[0].length : undefined;
}

/**
 * Where a sheet in the usual block layout (`facts:` last, a block list of
 * facts) splits into its head and one chunk per fact, so that an edit
 * re-parses only the fact it touched. Undefined for any other layout, which
 * is parsed as one document. The split is at lines that start a list item at
 * the list's indentation: in valid YAML nothing inside a fact can start there.
 */
export function splitSheet(text: string): SheetLayout | undefined {
  const listStart = factsKeyEnd(text);
  if (listStart === undefined) return undefined;
  // Anchors, aliases, tags, directives, several documents and tabs: parse whole.
  if (UNUSUAL.test(text)) return undefined;
  const chunks: Span[] = [];
  let indent = -1;
  let chunkStart = -1;
  // Without `\r`, lines end where indexOf finds a `\n` (at the speed of memchr).
  const lone = !text.includes('\r');
  // Scans line by line without copying: column of the first non-space, and what is there.
  for (let pos = listStart; pos < text.length; pos = lone ? nextLf(text, pos) : nextLineStart(text, pos)) {
    let col = pos;
    while (text.charCodeAt(col) === 32) col++;
    const c = text.charCodeAt(col);
    if (c === 10 || c === 13 || c === 35 /* # */ || col >= text.length) continue;
    const next = text.charCodeAt(col + 1);
    const isItem = c === 45 /* - */ && (next === 32 || next === 10 || next === 13 || col + 1 >= text.length);
    const column = col - pos;
    if (indent < 0) {
      if (!isItem) return undefined;
      indent = column;
    }
    if (isItem && column === indent) {
      if (chunkStart >= 0) chunks.push({ start: chunkStart, end: pos });
      chunkStart = pos;
    } else if (column <= indent) {
      return undefined; // Something after the list: not the usual layout.
    }
  }
  if (chunkStart < 0) return undefined;
  chunks.push({ start: chunkStart, end: text.length });
  return { headEnd: chunks[0].start, chunks };
}

function nextLf(text: string, pos: number): number {
  const i = text.indexOf('\n', pos);
  return i < 0 ? text.length : i + 1;
}

function nextLineStart(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return text.length;
}

/**
 * Parses a sheet as one YAML document, whatever its layout: by the fast path
 * where it can, else (and always with `reference: true`) by the `yaml`
 * package's parser.
 */
export function parseWhole(given: string, options: ParseOptions = {}): ParsedSheet {
  const text = loneCrAsLf(given);
  const read = new SheetReader(text, text, 0, !options.reference).readSheet();
  return assembleSheet(read.sheet, read.sheet.facts, read.diagnostics, text, options.path);
}

/**
 * The head of a split sheet: `title`, `sources`, and that `facts` exists.
 * Undefined when the head is not a mapping whose last key is `facts` (the
 * whole text is, say, one block scalar in which a line reads "facts:"):
 * then the sheet is not in the usual layout after all, and is parsed whole.
 */
export function parseHead(text: string, headEnd: number, options: Shortcuts = {}): ParsedSheet | undefined {
  const head = options.reference ? undefined : scanHead(text, headEnd);
  if (head) return { sheet: { title: head.title, sources: head.sources, facts: [] }, diagnostics: [], text };
  const read = new SheetReader(text, text.slice(0, headEnd), 0, !options.reference).readSheet();
  return read.diagnostics.some((d) => d.code === 'invalid-structure') ? undefined : read;
}

/**
 * The facts of one chunk of a split sheet; `firstIndex` is the first fact's
 * index. A plainly written fact is read by the fact scanner; anything else
 * by the fast path or the `yaml` package (everything by the `yaml` package,
 * with `reference: true`).
 */
export function parseFacts(
  text: string,
  chunk: Span,
  firstIndex: number,
  options: Shortcuts & { lineOf?: (offset: number) => number } = {},
): { facts: Fact[]; diagnostics: FactDiagnostic[] } {
  const fact = options.reference ? undefined : scanFact(text, chunk.start, chunk.end, firstIndex);
  if (fact) return { facts: [fact], diagnostics: [] };
  return new SheetReader(text, text.slice(chunk.start, chunk.end), chunk.start, !options.reference, options.lineOf).readFactList(firstIndex);
}

/**
 * The 1-based line number of an offset of `text`, for the chunks of one
 * sheet to share: its line index is made at the first question (most
 * sheets never ask), not counted from the start for each chunk.
 */
export function lineNumbers(text: string): (offset: number) => number {
  let index: LineIndex | undefined;
  return (offset) => (index ??= new LineIndex(text)).positionAt(offset).line + 1;
}

/** Adds `duplicate-id` for every fact whose id an earlier fact has (the first such fact, in the sheet at `path`, as its related place). */
function withDuplicateIds(parsed: ParsedSheet, path: string | undefined): ParsedSheet {
  const seen = new Map<string, Fact>();
  const extra: FactDiagnostic[] = [];
  // Made at the first duplicate: counting lines from the start for each would be quadratic.
  let lines: LineIndex | undefined;
  for (const fact of parsed.sheet.facts) {
    if (!fact.id) continue;
    const earlier = seen.get(fact.id.value);
    if (earlier) {
      lines ??= new LineIndex(parsed.text ?? '');
      const first = earlier.id!.span;
      const line = lines.positionAt(first.start).line + 1;
      extra.push({
        code: 'duplicate-id',
        severity: DEFAULT_SEVERITY['duplicate-id'],
        span: fact.id.span,
        message: `The id "${excerpt(fact.id.value, 60)}" is already used by the fact on line ${line}. Give this fact another id.`,
        fixes: [],
        ...(path === undefined ? {} : { related: [{ path, start: lines.positionAt(first.start), end: lines.positionAt(first.end), message: 'The first fact with this id.' }] }),
      });
    } else {
      seen.set(fact.id.value, fact);
    }
  }
  return extra.length === 0 ? parsed : { ...parsed, diagnostics: [...parsed.diagnostics, ...extra] };
}

/**
 * The syntax errors of `doc`, parsed from `text` (whose first line is line
 * `firstLine` of the sheet), in words: one problem per line, as the first
 * error of a line is the cause of the others on it; and once the parser is
 * lost, every token up to where it finds its feet is unexpected: one problem.
 */
function syntaxProblems(doc: Document.Parsed, text: string, firstLine: number): SyntaxProblem[] {
  if (doc.errors.length === 0) return [];
  const lines = new LineIndex(text);
  const lineOf = (offset: number) => firstLine + lines.positionAt(offset).line;
  const problems: SyntaxProblem[] = [];
  const reported = new Set<number>();
  let lost = -1;
  for (const error of doc.errors) {
    const follows = error.code === 'UNEXPECTED_TOKEN' && lost >= 0 && text.slice(lost, error.pos[0]).trim() === '';
    lost = error.code === 'UNEXPECTED_TOKEN' ? Math.max(error.pos[1], error.pos[0]) : -1;
    if (follows) continue;
    const problem = describeYamlError(text, doc, error, lineOf);
    const line = lineOf(problem.span.start);
    if (reported.has(line)) continue;
    reported.add(line);
    problems.push(problem);
  }
  return problems;
}

function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/**
 * Reads one YAML document — the whole sheet, its head, or one chunk of
 * facts — parsed from `source`, which starts at offset `base` of `text`.
 * Every span it reports is an offset into `text`.
 */
class SheetReader {
  private readonly diagnostics: FactDiagnostic[] = [];
  private readonly contents: Node | null;
  /** The full parse, when the fast path gave up; aliases resolve through it. */
  private readonly doc: Document.Parsed | undefined;
  private readonly flowDepth: FlowDepth;
  private lineEndFrom = -1;
  /** Each alias's node, found once for all (see {@link anchored}). */
  private aliases: Map<Node, Node | undefined> | undefined;
  /** Nested too deeply to be parsed: nothing was read. */
  private unreadable = false;
  private lineEnd = -1;

  constructor(
    private readonly text: string,
    source: string,
    private readonly base: number,
    fast = true,
    lineOfText: (offset: number) => number = (offset) => lineNumberAt(text, offset),
  ) {
    this.flowDepth = new FlowDepth(text);
    const composed = fast ? fastCompose(source) : undefined;
    if (composed !== undefined) {
      this.contents = composed;
      return;
    }
    // The `yaml` composer recurses once per level of nesting: a sheet nested thousands deep would exhaust the stack.
    const deep = deepNesting(source);
    if (deep !== undefined) {
      this.contents = null;
      this.unreadable = true;
      this.report('yaml-syntax', this.clamp({ start: base + deep, end: this.firstLineEnd(base + deep) }), 'This part of the sheet is nested too deeply to be read.');
      return;
    }
    // Errors are described on the text the parser read (with LF line ends, see yamlDocument.ts),
    // and their spans moved back onto the text as given, as the document's positions are.
    let problems: SyntaxProblem[] = [];
    let back = (offset: number) => offset;
    const doc = parseYaml(source, { prettyErrors: false, keepSourceTokens: false }, (read, lf) => {
      problems = syntaxProblems(read, lf.text, lineOfText(base));
      back = lf.back;
    });
    this.doc = doc;
    this.contents = doc.contents;
    for (const problem of problems) {
      this.report('yaml-syntax', this.clamp({ start: base + back(problem.span.start), end: base + back(problem.span.end) }), problem.message);
    }
  }

  readSheet(): ParsedSheet {
    return { sheet: this.readRoot(this.contents), diagnostics: this.diagnostics, text: this.text };
  }

  /** A chunk: a block list holding facts. */
  readFactList(firstIndex: number): { facts: Fact[]; diagnostics: FactDiagnostic[] } {
    const facts: Fact[] = [];
    const root = this.deref(this.contents);
    if (isSeq(root)) {
      for (const item of root.items) {
        const fact = this.readFact(item as Node | null, firstIndex + facts.length);
        if (fact) facts.push(fact);
      }
    }
    return { facts, diagnostics: this.diagnostics };
  }

  private readRoot(root: Node | null): Sheet {
    if (root === null || (isScalar(root) && root.value === null)) {
      if (!this.unreadable && (!this.doc || this.doc.errors.length === 0)) {
        this.report('invalid-structure', this.clamp({ start: 0, end: this.firstLineEnd(0) }), 'The fact sheet is empty. It needs a list of facts under "facts:".');
      }
      return { facts: [] };
    }
    const node = this.deref(root);
    if (!isMap(node)) {
      this.report('invalid-structure', this.spanOf(root), 'This is not a fact sheet: it needs a "facts:" key with a list of facts under it.');
      return { facts: [] };
    }
    const pairs = this.pairsOf(node, 'sheet', 'a fact sheet');
    const title = this.scalarField(pairs.get('title'), 'title');
    const sources = this.scalarField(pairs.get('sources'), 'sources');
    const factsPair = pairs.get('facts');
    if (!factsPair) {
      this.report('invalid-structure', this.clamp({ start: this.spanOf(root).start, end: this.firstLineEnd(this.spanOf(root).start) }), 'The fact sheet has no "facts:" key with a list of facts.');
      return { title, sources, facts: [] };
    }
    const factsNode = this.deref(factsPair.value as Node | null);
    if (factsNode === null || (isScalar(factsNode) && factsNode.value === null)) {
      return { title, sources, facts: [] };
    }
    if (!isSeq(factsNode)) {
      this.report('invalid-structure', this.spanOf(factsPair.value as Node), '"facts" must be a list of facts, each starting with "- ".');
      return { title, sources, facts: [] };
    }
    const facts: Fact[] = [];
    factsNode.items.forEach((item) => {
      const fact = this.readFact(item as Node | null, facts.length);
      if (fact) facts.push(fact);
    });
    return { title, sources, facts };
  }

  private readFact(item: Node | null, index: number): Fact | undefined {
    if (item === null) return undefined;
    const node = this.deref(item);
    const whole = this.spanOf(item);
    const marker = this.markerBefore(whole.start);
    if (!isMap(node)) {
      this.report('invalid-structure', whole, 'A fact must be written as keys, with at least "claim:" and "cite:".');
      return undefined;
    }
    const span = this.contentSpan(item);
    const pairs = this.pairsOf(node, 'fact', 'a fact');
    const id = this.scalarField(pairs.get('id'), 'id');
    const claim = this.scalarField(pairs.get('claim'), 'claim');
    const note = this.scalarField(pairs.get('note'), 'note');
    const tags = this.readTags(pairs.get('tags'));
    if (!pairs.has('claim')) {
      this.report('invalid-structure', marker, 'This fact has no "claim".');
    } else if (claim && claim.value.trim() === '') {
      this.report('invalid-structure', claim.span, 'The claim is empty.');
    }
    const where = claim?.span ?? marker;
    const citations: Citation[] = [];
    const citePair = pairs.get('cite');
    const citeNode = citePair ? this.deref(citePair.value as Node | null) : null;
    if (citeNode === null || (isScalar(citeNode) && citeNode.value === null) || (isSeq(citeNode) && citeNode.items.length === 0)) {
      this.report('missing-citation', where, 'This fact cites no source. Add a "cite" with at least one citation.');
    } else if (isSeq(citeNode)) {
      for (const c of citeNode.items) {
        const citation = this.readCitation(c as Node | null);
        if (citation) citations.push(citation);
      }
    } else {
      const citation = this.readCitation(citePair!.value as Node);
      if (citation) citations.push(citation);
    }
    return { index, span, marker, id, claim, note, tags, citations };
  }

  private readTags(pair: Pair | undefined): ScalarValue[] {
    if (!pair) return [];
    const node = this.deref(pair.value as Node | null);
    if (node === null || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) {
      this.report('invalid-structure', this.spanOf(pair.value as Node), '"tags" must be a list of words, like [meeting, ukraine].');
      return [];
    }
    const tags: ScalarValue[] = [];
    for (const item of node.items) {
      const tag = this.scalar(item as Node);
      if (tag) tags.push(tag);
      else this.report('invalid-structure', this.spanOf(item as Node), 'A tag must be a single word or phrase.');
    }
    return tags;
  }

  private readCitation(item: Node | null): Citation | undefined {
    if (item === null) return undefined;
    const node = this.deref(item);
    if (isScalar(node) && typeof node.value === 'string') return this.readCompact(item, node);
    if (!isMap(node)) {
      this.report('invalid-structure', this.spanOf(item), 'A citation needs a "file" and a "line" (and a "quote"), or is written FILE:LINE.');
      return undefined;
    }
    const span = this.contentSpan(item);
    const pairs = this.pairsOf(node, 'citation', 'a citation');
    const file = this.scalarField(pairs.get('file'), 'file');
    const line = this.lineField(pairs.get('line'));
    const quote = this.scalarField(pairs.get('quote'), 'quote');
    const first = { start: span.start, end: this.firstLineEnd(span.start) };
    if (!pairs.has('file')) this.report('invalid-structure', first, 'This citation has no "file".');
    else if (file && file.value.trim() === '') this.report('invalid-structure', file.span, 'The "file" is empty.');
    if (!pairs.has('line')) this.report('invalid-structure', first, 'This citation has no "line".');
    if (quote && !/[^.\u2026\s]/.test(quote.value)) {
      this.report('invalid-structure', quote.span, 'The quote is empty.');
      return { span, compact: false, file, line };
    }
    return { span, compact: false, file, line, quote };
  }

  /** `FILE:LINE` or `FILE:START-END`. */
  private readCompact(item: Node, node: Scalar): Citation | undefined {
    const value = node.value as string;
    const span = this.spanOf(item);
    const citation = compactCitation(this.text, value, span, styleOf(node), this.inFlow(span.start));
    if (!citation) {
      this.report('invalid-structure', span, `"${excerpt(value, 60)}" is not a citation. Write FILE:LINE or FILE:START-END, or give a "file" and a "line".`);
    }
    return citation;
  }

  private lineField(pair: Pair | undefined): LineValue | undefined {
    if (!pair) return undefined;
    const valueNode = pair.value as Node | null;
    const node = this.deref(valueNode);
    const message = 'The line must be a number, like 12, or a range, like 12-14.';
    if (!isScalar(node) || node.value === null) {
      this.report('invalid-structure', this.valueOrKeySpan(pair), message);
      return undefined;
    }
    const base = { span: this.spanOf(valueNode!), style: styleOf(node), inFlow: this.inFlow(this.spanOf(valueNode!).start), editable: true };
    if (typeof node.value === 'number') {
      if (!Number.isInteger(node.value)) {
        this.report('invalid-structure', base.span, message);
        return undefined;
      }
      return { ...base, value: String(node.value), first: node.value, last: node.value, isRange: false };
    }
    const range = typeof node.value === 'string' ? lineRange(node.value) : undefined;
    if (!range) {
      this.report('invalid-structure', base.span, message);
      return undefined;
    }
    return { ...base, value: String(node.value), ...range };
  }

  /** A field that must be a scalar; reports and drops anything else. */
  private scalarField(pair: Pair | undefined, key: string): ScalarValue | undefined {
    if (!pair) return undefined;
    const node = pair.value as Node | null;
    const value = node ? this.scalar(node) : undefined;
    if (!value) {
      const where = this.valueOrKeySpan(pair);
      const empty = !node || (isScalar(this.deref(node)) && (this.deref(node) as Scalar).value === null);
      this.report('invalid-structure', where, empty ? `"${key}" has no value.` : `"${key}" must be plain text, not a list or a set of keys.`);
    }
    return value;
  }

  /** A pair's value, or its key when the value is not written (`key:` with nothing after it). */
  private valueOrKeySpan(pair: Pair): Span {
    const value = pair.value as Node | null;
    const r = value?.range;
    return value && r && r[1] > r[0] ? this.spanOf(value) : this.spanOf(pair.key as Node);
  }

  private scalar(node: Node | null): ScalarValue | undefined {
    const target = this.deref(node);
    if (!node || !isScalar(target) || target.value === null || typeof target.value === 'object') return undefined;
    const span = this.spanOf(node);
    return { value: String(target.value), span, style: styleOf(target), inFlow: this.inFlow(span.start), editable: !isAlias(node) };
  }

  /**
   * The pairs of a mapping by key; unknown keys are reported with a
   * "did you mean" and a removal fix.
   */
  private pairsOf(map: { items: Pair[] }, level: keyof typeof KNOWN_KEYS, what: string): Map<string, Pair> {
    const known: readonly string[] = KNOWN_KEYS[level];
    const pairs = new Map<string, Pair>();
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      if (key !== undefined && known.includes(key)) {
        pairs.set(key, pair);
      }
    }
    // Each key suggested once, and never in place of a key of another level (`file` in a fact
    // is a citation written in the wrong place, not a misspelled "cite").
    let suggested: Set<string> | undefined;
    map.items.forEach((pair, i) => {
      const keyNode = pair.key as Node | null;
      if (!keyNode) return;
      // An empty key (`: value`) reads as null: it has no name to show.
      const key = isScalar(keyNode) && keyNode.value !== null ? String(keyNode.value) : undefined;
      if (key !== undefined && known.includes(key)) return;
      const span = this.spanOf(keyNode);
      const written = keyNode.range && keyNode.range[1] === keyNode.range[0] ? '' : this.text.slice(span.start, span.end).trim();
      const fixes: Fix[] = [];
      const suggestion = key === undefined || ANY_KEY.has(key) ? undefined : closestKey(key, known.filter((k) => !pairs.has(k) && !suggested?.has(k)));
      if (suggestion) (suggested ??= new Set()).add(suggestion);
      if (suggestion && isScalar(keyNode) && styleOf(keyNode) === 'plain') {
        fixes.push({ title: `Change to "${suggestion}"`, edits: [{ span, newText: suggestion }], preferred: true });
      }
      const next = map.items[i + 1]?.key as Node | null | undefined;
      // A key that is a list or a set of keys (`? ...`) has no removal that surely leaves valid YAML.
      const removal = isScalar(keyNode) ? this.pairRemoval(pair, next ? this.spanOf(next).start : undefined) : undefined;
      if (removal) {
        fixes.push({ title: written === '' ? 'Remove the value without a key' : `Remove the key "${excerpt(key ?? written, 60)}"`, edits: [{ span: removal, newText: '' }], preferred: false });
      }
      const name = key === undefined ? 'This' : `"${excerpt(key, 60)}"`;
      const keys = listOf(known.map((k) => `"${k}"`));
      const message = suggestion
        ? `Did you mean "${suggestion}"? ${name} is not a key of ${what}.`
        : written === ''
          ? `This value has no key in front of it; the keys of ${what} are ${keys}.`
          : `${name} is not a key of ${what}; the keys are ${keys}.`;
      this.report('unknown-key', span, message, fixes);
    });
    return pairs;
  }

  /** The text to delete to remove a pair, whole lines where it has them to itself. */
  private pairRemoval(pair: Pair, nextKeyStart: number | undefined): Span {
    const key = this.spanOf(pair.key as Node);
    const valueNode = pair.value as Node | null;
    // A node's end as the parser gives it may fall between the CR and LF of a line end.
    const onBoundaries = (end: number) => spanOnBoundaries(this.text, { start: key.start, end: this.base + end }).end;
    const end = valueNode?.range ? onBoundaries(valueNode.range[2]) : key.end;
    // The value's own end, before the line break and comments after it.
    const valueEnd = valueNode?.range ? onBoundaries(valueNode.range[1]) : key.end;
    if (this.inFlow(key.start)) {
      const comma = /^\s*,\s*/.exec(this.text.slice(end));
      return { start: key.start, end: comma ? end + comma[0].length : end };
    }
    const lineStart = this.text.lastIndexOf('\n', key.start - 1) + 1;
    const before = this.text.slice(lineStart, key.start);
    // The key's tag or anchor (`!!str key:`) goes with it.
    const start = key.start - (/(?:[!&][^ \t]*[ \t]+)+$/.exec(before)?.[0].length ?? 0);
    const lead = this.text.slice(lineStart, start);
    if (/^[ \t]*$/.test(lead)) {
      const nl = this.text.indexOf('\n', Math.max(end - 1, key.end));
      return { start: lineStart, end: nl < 0 ? this.text.length : nl + 1 };
    }
    // The key follows `- ` on its line: delete up to the next key, which takes its place, or
    // to the value's end when it is the item's only key.
    if (/^[ \t]*(?:-[ \t]+)+$/.test(lead)) return { start, end: nextKeyStart ?? valueEnd };
    // The key follows other text on its line (an empty key after a value, `a: [1]: 2`): delete
    // to the value's end, the line break kept.
    return { start, end: valueEnd };
  }

  private deref(node: Node | null | undefined): Node | null {
    if (!node) return null;
    if (isAlias(node)) return this.doc ? (this.anchored().get(node) ?? null) : null;
    return node;
  }

  /**
   * What every alias of the document refers to: the last node before it with
   * its anchor, as `Alias.resolve` finds it, but in one pass for all of them
   * (`resolve` walks the whole document for each alias).
   */
  private anchored(): Map<Node, Node | undefined> {
    if (this.aliases) return this.aliases;
    const aliases = new Map<Node, Node | undefined>();
    const anchors = new Map<string, Node>();
    visit(this.doc!, {
      Node: (_key, node) => {
        if (isAlias(node)) aliases.set(node, anchors.get(node.source));
        const anchor = isScalar(node) || isCollection(node) ? node.anchor : undefined;
        if (anchor) anchors.set(anchor, node);
      },
    });
    this.aliases = aliases;
    return aliases;
  }

  /**
   * A node's span up to the end of what is written in it: a block mapping or
   * list ends with its last value, not with the comments and blank lines
   * after it (as the `yaml` package's ranges do).
   */
  private contentSpan(node: Node): Span {
    const span = this.spanOf(node);
    return isAlias(node) ? span : { start: span.start, end: Math.max(span.start, this.contentEnd(node) ?? span.end) };
  }

  private contentEnd(node: Node | null): number | undefined {
    if (!node || !node.range) return undefined;
    if ((isMap(node) || isSeq(node)) && !node.flow) {
      const last = node.items[node.items.length - 1] as unknown;
      if (isPair(last)) {
        const value = last.value as Node | null;
        const written = value?.range && value.range[1] > value.range[0];
        return (written ? this.contentEnd(value) : undefined) ?? (last.key ? this.spanOf(last.key as Node).end : undefined);
      }
      return last ? this.contentEnd(last as Node) : undefined;
    }
    return this.spanOf(node).end;
  }

  private spanOf(node: Node): Span {
    const r = node.range;
    if (!r) return { start: this.base, end: this.base };
    // A block scalar's value ends after its line break: stop at its last character,
    // so that an edit replacing the value keeps the line break.
    let end = this.base + r[1];
    while (end > this.base + r[0] && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return this.clamp({ start: this.base + r[0], end });
  }

  /** A span that exists in the text and is at least one character where possible. */
  private clamp(span: Span): Span {
    const len = this.text.length;
    const start = Math.max(0, Math.min(span.start, len));
    let end = Math.max(start, Math.min(span.end, len));
    if (end === start && start < len && this.text[start] !== '\n' && this.text[start] !== '\r') end = start + 1;
    return { start, end };
  }

  /** The end of the line at `offset`; the last answer is kept, so the facts of one long line find it once. */
  private firstLineEnd(offset: number): number {
    if (offset >= this.lineEndFrom && offset <= this.lineEnd) return this.lineEnd;
    let end = offset;
    while (end < this.text.length && this.text.charCodeAt(end) !== 10 && this.text.charCodeAt(end) !== 13) end++;
    this.lineEndFrom = offset;
    this.lineEnd = end;
    return end;
  }

  /** The `-` before a list item, when there is one. */
  private markerBefore(offset: number): Span {
    let i = offset - 1;
    while (i >= 0 && /[ \t\r\n]/.test(this.text[i])) i--;
    return i >= 0 && this.text[i] === '-' ? { start: i, end: i + 1 } : this.clamp({ start: offset, end: offset + 1 });
  }

  /** Whether an offset is inside a flow collection (an unclosed `[` or `{` on its way). */
  private inFlow(offset: number): boolean {
    return this.flowDepth.inFlow(offset);
  }

  private report(code: DiagnosticCode, span: Span, message: string, fixes: Fix[] = []): void {
    this.diagnostics.push({ code, severity: DEFAULT_SEVERITY[code], span, message, fixes });
  }
}

function styleOf(node: Scalar): ScalarStyle {
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      return 'double';
    case 'QUOTE_SINGLE':
      return 'single';
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL':
      return 'block';
    default:
      return 'plain';
  }
}

/** The known name closest to `key` (compared in lower case), when it is close enough to be a misspelling of it. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.min(2, Math.ceil(best.length / 2)) ? best : undefined;
}

/** "a", "a and b", "a, b and c". */
function listOf(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Whether offsets of a text are inside a flow collection: an unclosed `[` or
 * `{` before them on their line, quoted strings left out. Each answer goes on
 * from the nearest place asked before it, so a sheet written on one line
 * costs about one pass, not one pass of the line per node.
 */
class FlowDepth {
  /** Places already scanned, in order, with no string open there: offset, and the depth of the line there. */
  private readonly at: number[] = [];
  private readonly depths: number[] = [];

  constructor(private readonly text: string) {}

  inFlow(offset: number): boolean {
    const text = this.text;
    // The last place at or before `offset`, or else the start of its line (a reader of one
    // fact of a long sheet asks about that fact only).
    let lo = -1;
    let hi = this.at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.at[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    let i = lo >= 0 ? this.at[lo] : offset;
    let depth = lo >= 0 ? this.depths[lo] : 0;
    if (lo < 0) {
      while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
    }
    let quote = 0;
    while (i < offset) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        depth = 0;
        quote = 0;
        i++;
      } else if (quote === 34 /* " */) {
        if (c === 92 /* backslash */) {
          if (i + 1 >= offset) break; // What it escapes is not before `offset`.
          i += 2;
        } else {
          if (c === 34) quote = 0;
          i++;
        }
      } else if (quote === 39 /* ' */) {
        if (c === 39) {
          if (i + 1 >= offset) break; // `''` or a closing mark: the next character decides.
          if (text.charCodeAt(i + 1) === 39) i++;
          else quote = 0;
        }
        i++;
      } else {
        if (c === 34 || c === 39) quote = c;
        else if (c === 91 /* [ */ || c === 123 /* { */) depth++;
        else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) depth--;
        i++;
      }
    }
    if (quote !== 0 || i !== offset) {
      // Inside a string not closed before `offset`, its quote mark counts as a plain character.
      return inFlowOnItsLine(text, offset);
    }
    if (lo === this.at.length - 1 && (lo < 0 || offset > this.at[lo])) {
      this.at.push(offset);
      this.depths.push(depth);
    }
    return depth > 0;
  }
}

/** {@link FlowDepth.inFlow} for one offset, read from the start of its line. */
function inFlowOnItsLine(text: string, offset: number): boolean {
  let lineStart = offset;
  let opener = false;
  for (; lineStart > 0; lineStart--) {
    const c = text.charCodeAt(lineStart - 1);
    if (c === 10 || c === 13) break;
    if (c === 91 /* [ */ || c === 123 /* { */) opener = true;
  }
  if (!opener) return false;
  let depth = 0;
  for (const ch of text.slice(lineStart, offset).replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '')) {
    if (ch === '[' || ch === '{') depth++;
    else if ((ch === ']' || ch === '}') && depth > 0) depth--;
  }
  return depth > 0;
}
