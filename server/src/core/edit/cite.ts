/**
 * "Cite Selection": the one edit that adds a citation of selected article
 * lines to a fact sheet, as a new fact (with an id made from its claim) or
 * under an existing one. The edit touches only the place that must change,
 * so comments and formatting elsewhere stay as written, and it follows the
 * layout the sheet already uses (list and key indentation, blank lines
 * between facts, line endings).
 */
import * as path from 'node:path';
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { sourcesDirOf } from '../sources/sources';
import { deepNesting, parseWhole, parseYaml, renderLine, renderScalar } from '../parse';
import { applyEdits } from './edits';
import { factIdFor } from './factId';
import type { Span, TextEdit } from '../types';
import { loneCrAsLf } from '../text';

/** Where the citation goes: a new fact with this claim, or the fact at this index of `facts`. */
export type CiteTarget = { readonly kind: 'new'; readonly claim: string } | { readonly kind: 'fact'; readonly index: number };

/**
 * The edit that adds a citation of `sourcePath` lines first..last (1-based) with `quote`
 * to the sheet at `sheetPath` (text `sheetText`): as a new fact (appended to `facts`)
 * or under an existing fact (index into facts).
 */
export function citeSelection(
  sheetPath: string,
  given: string,
  sourcePath: string,
  lines: { first: number; last: number },
  quote: string,
  target: CiteTarget,
): { edit: TextEdit } | { error: string } {
  if (!Number.isInteger(lines.first) || !Number.isInteger(lines.last) || lines.first < 1 || lines.last < lines.first) {
    return { error: `Lines ${lines.first}-${lines.last} cannot be cited: select whole lines of the article.` };
  }
  // Lone CRs read as the line ends they are (offsets unchanged).
  const sheetText = loneCrAsLf(given);
  // The whole text as one YAML document, as the edit will be read.
  const parsed = parseWhole(sheetText);
  const file = path.relative(sourcesDirOf(sheetPath, parsed.sheet), sourcePath);
  if (file === '' || path.isAbsolute(file)) {
    return { error: `${path.basename(sourcePath)} cannot be cited from ${path.basename(sheetPath)}: the sheet's sources folder cannot reach it.` };
  }
  const collapsed = quote.replace(/\s+/g, ' ').trim();
  const citation: CitationText = {
    file: file.split(path.sep).join('/'),
    first: lines.first,
    last: lines.last,
    // Only dots is no quote (the format reads it as empty).
    quote: collapsed.replace(/[.\u2026 ]/g, '') === '' ? '' : collapsed,
  };
  const claim = target.kind === 'new' ? target.claim.replace(/\s+/g, ' ').trim() : '';
  if (target.kind === 'new' && claim === '') return { error: 'A new fact needs a claim.' };
  const facts = parsed.sheet.facts;
  const id = target.kind === 'new' ? factIdFor(claim, new Set(facts.flatMap((f) => (f.id ? [f.id.value] : []))), facts.length + 1) : '';

  // The `yaml` composer recurses once per level: a sheet nested thousands deep would exhaust the stack.
  if (deepNesting(sheetText) !== undefined) return { error: 'Part of the sheet is nested too deeply to be read; Fact Notes cannot add a citation to it.' };
  const doc = parseYaml(sheetText, { prettyErrors: false });
  const errors: Span[] = doc.errors.map((e) => ({ start: e.pos[0], end: e.pos[1] }));
  const editor = new SheetEditor(sheetText, doc.contents as Node | null, citation);
  const result = target.kind === 'new' ? editor.addFact(claim, id) : editor.addToFact(target.index);
  if (errors.length > 0) {
    // YAML errors elsewhere in the list are tolerated: the fact that changes must be intact.
    const place = 'edit' in result ? editor.placeOf(target) : undefined;
    if (!place || errors.some((e) => e.start < place.end && place.start <= e.end)) return { error: YAML_ERRORS };
  }
  if ('error' in result) return result;
  const before = facts.find((f) => target.kind === 'fact' && f.index === target.index)?.citations.length ?? 0;
  if (!addsCitation(sheetText, result.edit, target, { id, claim }, citation, before, errors.length)) {
    return { error: errors.length > 0 ? YAML_ERRORS : 'Fact Notes could not add the citation to this sheet as it is written; add it by hand.' };
  }
  return result;
}

const YAML_ERRORS = 'Fix the YAML errors in the sheet first: the citation would go where the sheet does not parse.';

/**
 * Whether the edited sheet reads as intended: the fact (a new one last, with
 * exactly its id and claim) holds the new citation last, with exactly its
 * values, and no YAML error appeared.
 */
function addsCitation(
  text: string,
  edit: TextEdit,
  target: CiteTarget,
  newFact: { readonly id: string; readonly claim: string },
  citation: CitationText,
  before: number,
  yamlErrors: number,
): boolean {
  const after = parseWhole(applyEdits(text, [edit]));
  if (after.diagnostics.filter((d) => d.code === 'yaml-syntax').length > yamlErrors) return false;
  const facts = after.sheet.facts;
  const fact = target.kind === 'new' ? facts[facts.length - 1] : facts.find((f) => f.index === target.index);
  if (!fact || (target.kind === 'new' && (fact.id?.value !== newFact.id || fact.claim?.value !== newFact.claim))) return false;
  const added = fact.citations[fact.citations.length - 1];
  return (
    fact.citations.length === (target.kind === 'new' ? 1 : before + 1) &&
    !added.compact &&
    added.file?.value === citation.file &&
    added.line?.first === citation.first &&
    added.line?.last === citation.last &&
    (added.quote?.value ?? '') === citation.quote
  );
}

/** The new citation. */
interface CitationText {
  /** Relative to the sources folder, with `/` separators. */
  readonly file: string;
  /** 1-based cited lines. */
  readonly first: number;
  readonly last: number;
  /** Whitespace collapsed; empty when there is nothing to quote. */
  readonly quote: string;
}

/** Columns of a block list: of its `-` markers and of the content after them. */
interface ListLayout {
  readonly dash: number;
  readonly content: number;
}

type Result = { edit: TextEdit } | { error: string };

const BLOCK = { style: 'plain', inFlow: false } as const;
const FLOW = { style: 'plain', inFlow: true } as const;

/** The default layout of a citation list, relative to its fact's keys: `cite:` then `  - file: …`. */
const DEFAULT_CITE_LAYOUT: ListLayout = { dash: 2, content: 4 };

class SheetEditor {
  /** The line ending the sheet uses. */
  private readonly eol: string;

  constructor(
    private readonly text: string,
    private readonly root: Node | null,
    private readonly citation: CitationText,
  ) {
    this.eol = /\r?\n/.exec(text)?.[0] ?? '\n';
  }

  /** Appends a fact with `id` and `claim` to `facts`, after the comments that close the list. */
  addFact(claim: string, id: string): Result {
    const root = this.root;
    if (root !== null && !(isScalar(root) && root.value === null) && !isMap(root)) {
      return { error: 'The sheet is not a mapping with a `facts` list, so a fact cannot be added to it.' };
    }
    const factsPair = isMap(root) ? pairOf(root, 'facts') : undefined;
    if (!factsPair) {
      if (isMap(root) && root.flow) return { error: 'The sheet is written as one `{…}` mapping; add a `facts:` list to it first.' };
      const keyCol = isMap(root) ? this.col(range(root)[0]) : 0;
      return { edit: this.append(['facts:', ...this.item({ dash: 2, content: 4 }, this.factBody(claim, id))].map((l) => indent(l, keyCol))) };
    }
    const facts = factsPair.value as Node | null;
    const keyCol = this.col(range(factsPair.key as Node)[0]);
    if (isEmpty(facts)) {
      return { edit: this.fillEmpty(factsPair, this.item({ dash: keyCol + 2, content: keyCol + 4 }, this.factBody(claim, id))) };
    }
    if (!isSeq(facts)) return { error: '`facts` is not a list, so a fact cannot be added to it. Make `facts` a list first.' };
    if (facts.flow) {
      return { edit: this.appendToFlow(facts, `{id: ${renderScalar(id, FLOW)}, claim: ${renderScalar(claim, FLOW)}, cite: [${this.flowCitation()}]}`) };
    }
    const lines = this.item(this.itemLayout(facts), this.factBody(claim, id));
    return { edit: this.insertAfterLineOf(this.listEnd(facts, keyCol), this.blankLineBetween(facts) ? ['', ...lines] : lines) };
  }

  addToFact(index: number): Result {
    const facts = isMap(this.root) ? (pairOf(this.root, 'facts')?.value as Node | null | undefined) : undefined;
    if (facts !== undefined && facts !== null && !isEmpty(facts) && !isSeq(facts)) {
      return { error: '`facts` is not a list, so the citation cannot be added. Make `facts` a list first.' };
    }
    const items = isSeq(facts) ? facts.items : [];
    if (!Number.isInteger(index) || index < 0 || index >= items.length) {
      const count = items.length === 1 ? 'one fact' : `${items.length} facts`;
      return { error: `The sheet has no fact ${index + 1}: it has ${count}.` };
    }
    const fact = items[index] as Node | null;
    if (!isMap(fact)) return { error: `Fact ${index + 1} is not a mapping with \`claim\` and \`cite\`, so the citation cannot be added to it.` };
    const citePair = pairOf(fact, 'cite');
    if (fact.flow) return { edit: this.citeInFlowFact(fact, citePair) };
    const factCol = this.col(range(fact)[0]);
    const citeLayout = this.citeLayout(factCol);
    if (!citePair) {
      const lines = ['cite:', ...this.item(relativeTo(citeLayout, factCol), this.citationBody())].map((l) => indent(l, factCol));
      return { edit: this.insertAfterLineOf(this.contentEnd(fact), lines) };
    }
    const cite = citePair.value as Node | null;
    if (isEmpty(cite)) return { edit: this.fillEmpty(citePair, this.item(citeLayout, this.citationBody())) };
    if (isSeq(cite) && cite.flow) return { edit: this.appendToFlow(cite, this.flowCitation()) };
    if (isSeq(cite)) {
      return { edit: this.insertAfterLineOf(this.contentEnd(cite), this.item(this.itemLayout(cite), this.citationBody())) };
    }
    return { edit: this.listFromSingle(citePair, cite!, citeLayout) };
  }

  /**
   * The part of the sheet the edit for `target` belongs to: the fact's list
   * item (the last one for a new fact), up to the next item; past the end
   * of the text for the last. Undefined when the edit is not inside a block
   * list of facts.
   */
  placeOf(target: CiteTarget): Span | undefined {
    const facts = isMap(this.root) ? (pairOf(this.root, 'facts')?.value as Node | null | undefined) : undefined;
    if (!isSeq(facts) || facts.flow || facts.items.length === 0) return undefined;
    const index = target.kind === 'new' ? facts.items.length - 1 : target.index;
    const starts = facts.items.map((item) => this.lineStart(this.markerOf(range(item as Node)[0])));
    return { start: starts[index], end: index + 1 < starts.length ? starts[index + 1] : this.text.length + 1 };
  }

  /** A fact written `{claim: …, cite: …}`: the citation is added in flow style. */
  private citeInFlowFact(fact: YAMLMap, citePair: Pair | undefined): TextEdit {
    const item = this.flowCitation();
    const cite = citePair?.value as Node | null | undefined;
    if (!citePair) {
      const last = fact.items[fact.items.length - 1] as Pair | undefined;
      if (!last) return insertAt(range(fact)[0] + 1, `cite: [${item}]`);
      return insertAt(endOfPair(last), `, cite: [${item}]`);
    }
    if (cite === null || cite === undefined) return insertAt(range(citePair.key as Node)[1], `: [${item}]`);
    if (isSeq(cite) && cite.items.length > 0) return this.appendToFlow(cite, item);
    const [start, end] = range(cite);
    if (isEmpty(cite)) return { span: { start, end }, newText: `[${item}]` };
    return { span: { start, end }, newText: `[${this.text.slice(start, end)}, ${item}]` };
  }

  /**
   * Turns a single citation (a mapping or a compact string) into a block
   * list of it and the new citation, keeping its text and comments.
   */
  private listFromSingle(citePair: Pair, cite: Node, layout: ListLayout): TextEdit {
    const colon = this.colonAfter(citePair.key as Node);
    const valueStart = range(cite)[0];
    const end = this.lineEnd(this.contentEnd(cite));
    const newItem = this.item(layout, this.citationBody()).join(this.eol);
    if (this.lineEnd(colon) >= valueStart) {
      // On the key's line (`cite: a.txt:3  # note`): tags and the comment move with it.
      const old = this.text.slice(colon + 1, end).trimStart();
      const body = this.reindent(old, this.col(end - old.length));
      return { span: { start: colon + 1, end }, newText: this.eol + this.item(layout, body).join(this.eol) + this.eol + newItem };
    }
    // On the lines below `cite:` (a block mapping): those lines are re-indented.
    const start = this.lineStart(valueStart);
    const body = this.reindent(this.text.slice(valueStart, end), this.col(valueStart));
    return { span: { start, end }, newText: this.item(layout, body).join(this.eol) + this.eol + newItem };
  }

  /** `key:` with nothing, `~` or `[]` after it: the value becomes a block list of `lines`. */
  private fillEmpty(pair: Pair, lines: readonly string[]): TextEdit {
    const colon = this.colonAfter(pair.key as Node);
    const value = pair.value as Node | null;
    const [start, end] = value?.range ? range(value) : [colon + 1, colon + 1];
    const lineEnd = this.lineEnd(Math.max(end, colon + 1));
    const comment = this.text.slice(end, lineEnd).trim();
    const after = comment === '' ? '' : ` ${comment}`;
    if (this.lineEnd(colon) >= start) {
      return { span: { start: colon + 1, end: lineEnd }, newText: after + this.eol + lines.join(this.eol) };
    }
    return { span: { start: this.lineStart(start), end: lineEnd }, newText: lines.join(this.eol) + after };
  }

  /** Adds `item` as the last element of a non-empty flow list `[a, b]`. */
  private appendToFlow(seq: YAMLSeq, item: string): TextEdit {
    const last = seq.items[seq.items.length - 1] as Node | Pair | undefined;
    if (last === undefined) return insertAt(range(seq)[0] + 1, item);
    return insertAt(isPair(last) ? endOfPair(last) : range(last)[1], `, ${item}`);
  }

  /** Appends lines at the end of the text. */
  private append(lines: readonly string[]): TextEdit {
    const len = this.text.length;
    if (len === 0) return insertAt(0, lines.join(this.eol) + this.eol);
    if (this.text.endsWith('\n') || this.text.endsWith('\r')) return insertAt(len, lines.map((l) => l + this.eol).join(''));
    return insertAt(len, lines.map((l) => this.eol + l).join(''));
  }

  /** Inserts whole lines after the line that holds `offset`. */
  private insertAfterLineOf(offset: number, lines: readonly string[]): TextEdit {
    const nl = this.text.indexOf('\n', offset);
    if (nl < 0) return insertAt(this.text.length, lines.map((l) => this.eol + l).join(''));
    return insertAt(nl + 1, lines.map((l) => l + this.eol).join(''));
  }

  /** A list item: `-` at `layout.dash`, the body's lines at `layout.content`. */
  private item(layout: ListLayout, body: readonly string[]): string[] {
    const gap = Math.max(1, layout.content - layout.dash - 1);
    const pad = ' '.repeat(layout.dash + 1 + gap);
    return body.map((line, i) => (i === 0 ? `${' '.repeat(layout.dash)}-${' '.repeat(gap)}${line}` : line === '' ? '' : pad + line));
  }

  /** A new fact's lines, relative to its keys' column: `id`, `claim`, `cite`. */
  private factBody(claim: string, id: string): string[] {
    return [`id: ${renderScalar(id, BLOCK)}`, `claim: ${renderScalar(claim, BLOCK)}`, 'cite:', ...this.item(this.citeLayout(0), this.citationBody())];
  }

  private citationBody(): string[] {
    const { file, first, last, quote } = this.citation;
    const body = [`file: ${renderScalar(file, BLOCK)}`, `line: ${renderLine(first, last, BLOCK)}`];
    if (quote !== '') body.push(`quote: ${renderScalar(quote, BLOCK)}`);
    return body;
  }

  private flowCitation(): string {
    const { file, first, last, quote } = this.citation;
    const q = quote === '' ? '' : `, quote: ${renderScalar(quote, FLOW)}`;
    return `{file: ${renderScalar(file, FLOW)}, line: ${renderLine(first, last, FLOW)}${q}}`;
  }

  /**
   * The layout of citation lists, in columns for a fact whose keys are at
   * `factCol`: copied from the first block `cite` list of the sheet.
   */
  private citeLayout(factCol: number): ListLayout {
    const facts = isMap(this.root) ? (pairOf(this.root, 'facts')?.value as Node | null | undefined) : undefined;
    for (const fact of isSeq(facts) ? facts.items : []) {
      if (!isMap(fact) || fact.flow) continue;
      const cite = pairOf(fact, 'cite')?.value as Node | null | undefined;
      if (!isSeq(cite) || cite.flow || cite.items.length === 0) continue;
      const own = this.itemLayout(cite);
      const keys = this.col(range(fact)[0]);
      if (own.dash < keys || own.content <= own.dash) continue;
      return { dash: factCol + own.dash - keys, content: factCol + own.content - keys };
    }
    return { dash: factCol + DEFAULT_CITE_LAYOUT.dash, content: factCol + DEFAULT_CITE_LAYOUT.content };
  }

  /** The layout of an existing block list, from its first item. */
  private itemLayout(seq: YAMLSeq): ListLayout {
    const first = seq.items[0] as Node | null;
    const content = first?.range ? range(first)[0] : range(seq)[0] + 2;
    return { dash: this.col(this.markerOf(content)), content: this.col(content) };
  }

  /** The `-` before the content of a block list item that starts at `content`. */
  private markerOf(content: number): number {
    let dash = content - 1;
    while (dash > 0 && this.text[dash] !== '-') dash--;
    return Math.max(dash, 0);
  }

  /**
   * Where a new fact goes in the block list `facts` (whose key is at
   * `keyCol`): after its last item's content and the comment lines after it
   * that are indented under the key, which stay with the fact or the list
   * they follow. A comment at the key's column or left of it belongs to
   * what comes next (a key, the end of the file) and stays after the new fact.
   */
  private listEnd(facts: YAMLSeq, keyCol: number): number {
    let end = this.contentEnd(facts);
    for (let at = this.text.indexOf('\n', end) + 1; at > 0 && at < this.text.length; at = this.text.indexOf('\n', at) + 1) {
      const line = this.text.slice(at, this.lineEnd(at));
      const content = line.trimStart();
      if (content === '') continue;
      if (!content.startsWith('#') || line.length - content.length <= keyCol) break;
      end = at + line.length;
    }
    return end;
  }

  /** Whether the sheet separates its facts with blank lines: most gaps between a fact and the next hold one. */
  private blankLineBetween(facts: YAMLSeq): boolean {
    let gaps = 0;
    let blank = 0;
    for (let i = 1; i < facts.items.length; i++) {
      const [previous, next] = [facts.items[i - 1], facts.items[i]] as (Node | null)[];
      if (!previous?.range || !next?.range) continue;
      const from = this.text.indexOf('\n', this.contentEnd(previous));
      const to = this.lineStart(this.markerOf(range(next)[0]));
      gaps++;
      if (from >= 0 && from < to && /\n[ \t]*\r?\n/.test(this.text.slice(from, to))) blank++;
    }
    return blank * 2 > gaps;
  }

  /** The end of a node's last character of content, comments and line breaks after it left out. */
  private contentEnd(node: Node): number {
    let end = range(node)[1];
    if (isMap(node) && !node.flow && node.items.length > 0) {
      const last = node.items[node.items.length - 1];
      const value = last.value as Node | null;
      end = value?.range ? this.contentEnd(value) : range(last.key as Node)[1];
      end = Math.max(end, this.colonAfter(last.key as Node) + 1);
    } else if (isSeq(node) && !node.flow && node.items.length > 0) {
      const last = node.items[node.items.length - 1] as Node | null;
      if (last?.range) end = this.contentEnd(last);
    }
    while (end > 0 && /\s/.test(this.text[end - 1])) end--;
    return end;
  }

  /** Lines of `block` (its first line starting at column `col`) as a list item's body. */
  private reindent(block: string, col: number): string[] {
    return block.split(/\r?\n/).map((line, i) => {
      if (i === 0) return line;
      const spaces = line.length - line.trimStart().length;
      return line.trim() === '' ? '' : line.slice(Math.min(spaces, col));
    });
  }

  /** Offset of the `:` after a mapping key. */
  private colonAfter(key: Node): number {
    const colon = this.text.indexOf(':', range(key)[1]);
    return colon < 0 ? range(key)[1] : colon;
  }

  private col(offset: number): number {
    return offset - this.lineStart(offset);
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The end of the line that holds `offset`, before its line break. */
  private lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    if (nl < 0) return this.text.length;
    return this.text[nl - 1] === '\r' ? nl - 1 : nl;
  }
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

/** Null, `~`, or `[]`: nothing to keep. */
function isEmpty(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null) || (isSeq(node) && node.items.length === 0);
}

/** A node's `[start, valueEnd, nodeEnd]`; parsed nodes always have one. */
function range(node: Node | null | undefined): [number, number, number] {
  return node?.range ?? [0, 0, 0];
}

function endOfPair(pair: Pair): number {
  const value = pair.value as Node | null;
  return value?.range ? value.range[1] : range(pair.key as Node)[1];
}

function relativeTo(layout: ListLayout, col: number): ListLayout {
  return { dash: layout.dash - col, content: layout.content - col };
}

function indent(line: string, n: number): string {
  return line === '' ? '' : ' '.repeat(n) + line;
}

function insertAt(offset: number, newText: string): TextEdit {
  return { span: { start: offset, end: offset }, newText };
}
