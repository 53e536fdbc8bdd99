/**
 * Reading a command's options: node:util's parseArgs splits the arguments
 * into tokens, and each token is checked here, so that a mistyped option or
 * a missing value gets a message for the person who typed it ("unknown
 * option --fromat; did you mean --format?") rather than the parser's.
 */
import { parseArgs } from 'node:util';
import { closestKey, escapeControls } from '../core';

/** A mistake in the command line: one line on stderr, exit status 2. */
export class UsageError extends Error {}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** The value's name in messages, as the help shows it: `DIR` for `--root DIR`. */
  readonly value?: string;
}

type ValueOf<O extends OptionSpec> = O['type'] extends 'boolean' ? boolean : O['multiple'] extends true ? string[] : string;

export type OptionValues<S extends Record<string, OptionSpec>> = { -readonly [K in keyof S]?: ValueOf<S[K]> };

export interface CommandInfo {
  /** The command, for "see 'fact-notes COMMAND --help'". */
  readonly command: string;
  /** The options a "did you mean" may suggest (default: all of the spec). */
  readonly suggest?: readonly string[];
}

/** The options and positional arguments of `args`, or a UsageError that says what is wrong. */
export function parseOptions<S extends Record<string, OptionSpec>>(args: readonly string[], spec: S, how: CommandInfo): { values: OptionValues<S>; positionals: string[] } {
  const { tokens } = parseArgs({ args: [...args], options: spec, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, boolean | string | string[]> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const option: OptionSpec | undefined = Object.hasOwn(spec, token.name) ? spec[token.name] : undefined;
    if (!option) throw new UsageError(unknownOption(token.rawName, how.suggest ?? Object.keys(spec), how.command));
    const name = `--${token.name}`;
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${name} takes no value (not '${escapeControls(token.value)}')`);
      values[token.name] = true;
      continue;
    }
    // A value that is the next option (`--root --format json`) means the value was left out.
    if (token.value === undefined || (!token.inlineValue && /^--?[A-Za-z]/.test(token.value))) {
      throw new UsageError(`${name} needs a value: ${name} ${option.value ?? 'VALUE'}`);
    }
    if (option.multiple) ((values[token.name] ??= []) as string[]).push(token.value);
    else values[token.name] = token.value;
  }
  return { values: values as OptionValues<S>, positionals };
}

function unknownOption(raw: string, known: readonly string[], command: string): string {
  const shown = escapeControls(raw);
  const near = raw.startsWith('--') ? closestKey(raw.slice(2), known) : undefined;
  return near ? `unknown option ${shown}; did you mean --${near}?` : `unknown option ${shown}; see 'fact-notes ${command} --help'`;
}

/**
 * `value` when it is one of `allowed`, or a UsageError naming them, with the
 * one it is close to first: "unknown format 'jsn'; did you mean json? (text, json or sarif)".
 */
export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`unknown ${what} '${escapeControls(value)}'${didYouMean(value, allowed)} (${orList(allowed)})`);
}

/** "; did you mean X?" for a close known name (a slip of a letter or two, or the start of one), or nothing. */
export function didYouMean(value: string, known: readonly string[]): string {
  const starting = value.length >= 2 ? known.filter((k) => k.startsWith(value.toLowerCase())) : [];
  const near = closestKey(value, known) ?? (starting.length === 1 ? starting[0] : undefined);
  return near ? `; did you mean ${near}?` : '';
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
