/**
 * The scalar rules both fast readers share (the fact scanner and the Lexer
 * composition): what a plain scalar resolves to under the core schema, and
 * quoted and block scalars folded and unescaped, all by the `yaml` package
 * itself. Each answers undefined where the package would report an error:
 * the caller then gives up, and the full parser reads the text and says why.
 */
import { CST, Schema, type Scalar, type ScalarTag } from 'yaml';

const schema = new Schema({});

/** The core schema's tags for plain scalars that are not text (null, bool, int, float). */
const plainTags = schema.tags.filter((t): t is ScalarTag => t.default === true && 'test' in t && t.test !== undefined);

/** Whether a plain scalar with this text is read as text: no core-schema tag (null, bool, int, float) takes it. */
export function readsAsText(text: string): boolean {
  return !plainTags.some((t) => t.test!.test(text));
}

/** What a plain scalar's text resolves to (a string, or null, a boolean, a number), or undefined if its tag fails it. */
export function resolvePlain(text: string): { readonly value: unknown } | undefined {
  const tag = plainTags.find((t) => t.test!.test(text));
  if (!tag) return { value: text };
  let failed = false;
  const value = tag.resolve(text, () => (failed = true), {});
  return failed ? undefined : { value };
}

/**
 * The value of a flow scalar (`source` as written at `offset`, plain or
 * quoted, perhaps over several lines indented past `indent`), folded and
 * unescaped.
 */
export function resolveFlowScalar(type: CST.FlowScalar['type'], source: string, offset: number, indent: number): string | undefined {
  let failed = false;
  const resolved = CST.resolveAsScalar({ type, offset, indent, source } as CST.FlowScalar, true, () => (failed = true));
  return failed ? undefined : resolved.value;
}

/**
 * A `|` or `>` block scalar: its header (at `offset`), the line break after
 * it (at `newlineOffset`) and its content lines, for a key at `indent`. The
 * value, its type and where it ends (the package's range).
 */
export function resolveBlockScalar(
  header: string,
  offset: number,
  newline: string,
  newlineOffset: number,
  content: string,
  indent: number,
): { readonly value: string; readonly type: Scalar.Type | undefined; readonly end: number } | undefined {
  const token = {
    type: 'block-scalar',
    offset,
    indent,
    props: [
      { type: 'block-scalar-header', offset, indent, source: header },
      { type: 'newline', offset: newlineOffset, indent, source: newline },
    ],
    source: content,
  } as CST.BlockScalar;
  let failed = false;
  const resolved = CST.resolveAsScalar(token, true, () => (failed = true));
  return failed ? undefined : { value: resolved.value, type: resolved.type ?? undefined, end: resolved.range[1] };
}
