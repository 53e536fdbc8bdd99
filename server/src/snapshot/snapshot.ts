/**
 * `fact-notes snapshot URL|FILE` (FORMAT.md section 8): saves a web page or a
 * PDF as a text file that citations can point at, keeps the original bytes
 * beside it, and records where it came from in the folder's `sources.yaml`.
 * Everything is fetched, read and checked before the first file is written,
 * so a failure leaves nothing behind; the files are written each atomically,
 * `sources.yaml` last, so an entry never names a file that is not there.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROVENANCE_FILE, provenanceWithEntry, type Provenance } from '../core';
import { writeAtomically, writeFailure } from '../node';
import { extractHtml, extractPdf, NoReadableText, type Extracted } from './extract';
import { Cancelled, FetchFailed, fetchSource } from './fetch';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from './limits';

export interface SnapshotOptions {
  /** The folder to save into (absolute); made when it does not exist. */
  readonly into: string;
  /** The text file's name, with or without `.txt`; made from the outlet and headline when not given. */
  readonly name?: string;
  /** Replace a text file, original or entry of the same name. */
  readonly force?: boolean;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
  /** The time of retrieval (tests fix it). */
  readonly now?: () => Date;
  /** What it is doing, for a progress display. */
  readonly progress?: (message: string) => void;
  readonly userAgent?: string;
}

export interface Snapshot {
  /** The saved text (absolute path). */
  readonly file: string;
  /** The original bytes (absolute path). */
  readonly original: string;
  /** The folder's `sources.yaml` (absolute path). */
  readonly provenance: string;
  readonly entry: Provenance;
  readonly lines: number;
  /** Whether an earlier snapshot of the same name was replaced (`force`). */
  readonly replaced: boolean;
}


/** A snapshot that could not be made: `source` (the URL or file as given) and the reason. */
export class SnapshotFailed extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
    /** `exists`: a file or entry of that name is there and `force` was not given. */
    readonly kind: 'failed' | 'exists' | 'cancelled' = 'failed',
  ) {
    super(`${source}: ${reason}`);
  }
}

type Kind = 'html' | 'pdf';

interface Original {
  readonly bytes: Uint8Array;
  readonly kind: Kind;
  readonly contentType?: string;
  /** The address (after redirects), or the original file's name. */
  readonly url: string;
  readonly host?: string;
}

export async function snapshot(source: string, options: SnapshotOptions): Promise<Snapshot> {
  const fail = (reason: string, kind?: 'exists'): never => {
    throw new SnapshotFailed(source, reason, kind);
  };
  const original = await obtain(source, options).catch((e: unknown) => {
    if (e instanceof Cancelled) throw new SnapshotFailed(source, 'cancelled', 'cancelled');
    if (e instanceof FetchFailed) return fail(e.reason);
    throw e;
  });
  options.progress?.(original.kind === 'pdf' ? 'Reading the PDF' : 'Finding the article');
  let extracted: Extracted;
  try {
    extracted = original.kind === 'pdf' ? await extractPdf(original.bytes) : extractHtml(original.bytes, original.contentType);
  } catch (e) {
    if (e instanceof NoReadableText) return fail(`no readable text: ${e.message}`);
    throw e;
  }
  if (options.signal?.aborted) throw new SnapshotFailed(source, 'cancelled', 'cancelled');

  const base = options.name !== undefined ? checkedName(options.name, fail) : defaultName(extracted, original);
  const file = path.join(options.into, `${base}.txt`);
  const originalFile = path.join(options.into, `${base}.orig.${original.kind}`);
  const provenanceFile = path.join(options.into, PROVENANCE_FILE);
  const folder = path.basename(options.into) || options.into;
  const there = [file, originalFile].filter((f) => fs.existsSync(f));
  if (there.length > 0 && !options.force) {
    fail(`"${path.basename(there[0])}" already exists in "${folder}"; choose another name, or replace it`, 'exists');
  }
  const text = Buffer.from(extracted.text, 'utf8');
  const url = extracted.canonical && !/^https?:/i.test(original.url) ? extracted.canonical : original.url;
  const retrieved = (options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const entry: Provenance = {
    file: `${base}.txt`,
    url,
    ...(extracted.title ? { title: extracted.title } : {}),
    ...((extracted.outlet ?? original.host) ? { outlet: extracted.outlet ?? original.host } : {}),
    ...(extracted.author ? { author: extracted.author } : {}),
    ...(extracted.published ? { published: extracted.published } : {}),
    retrieved,
    sha256: createHash('sha256').update(text).digest('hex'),
  };
  let before: string | undefined;
  try {
    before = fs.existsSync(provenanceFile) ? fs.readFileSync(provenanceFile, 'utf8') : undefined;
  } catch (e) {
    fail(`"${PROVENANCE_FILE}" in "${folder}" cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const updated = provenanceWithEntry(before, entry, options.force ?? false);
  if ('exists' in updated) fail(`"${PROVENANCE_FILE}" in "${folder}" already has an entry for "${entry.file}"; choose another name, or replace it`, 'exists');
  if ('malformed' in updated) {
    fail(`"${PROVENANCE_FILE}" in "${folder}" cannot take the entry: line ${updated.malformed.line}: ${updated.malformed.message} Nothing was saved.`);
  }
  if (options.signal?.aborted) throw new SnapshotFailed(source, 'cancelled', 'cancelled');

  // Written in order, each atomically; what this run made is removed again if a later write fails.
  const made: string[] = [];
  try {
    fs.mkdirSync(options.into, { recursive: true });
    for (const [target, data] of [
      [originalFile, original.bytes],
      [file, text],
      [provenanceFile, Buffer.from((updated as { text: string }).text, 'utf8')],
    ] as const) {
      const existed = fs.existsSync(target);
      writeAtomically(target, data, true);
      if (!existed) made.push(target);
    }
  } catch (e) {
    for (const f of made) fs.rmSync(f, { force: true });
    fail(`it could not be saved in "${folder}": ${writeFailure(e, 'folder')}`);
  }
  return {
    file,
    original: originalFile,
    provenance: provenanceFile,
    entry,
    lines: extracted.text.split('\n').length - 1,
    replaced: there.length > 0,
  };
}

/** The bytes of the page or PDF, from the web or the disk. */
async function obtain(source: string, options: SnapshotOptions): Promise<Original> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (/^https?:\/\//i.test(source)) {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      throw new FetchFailed('it is not a valid web address');
    }
    options.progress?.(`Fetching ${url.host}`);
    const fetched = await fetchSource(url, {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes,
      signal: options.signal,
      userAgent: options.userAgent ?? 'fact-notes (snapshot)',
    });
    const kind = kindOf(fetched.bytes, fetched.contentType, new URL(fetched.url).pathname);
    if (!kind) throw new FetchFailed(`it is not an HTML page or a PDF (the server calls it ${describeType(fetched.contentType)})`);
    return { bytes: fetched.bytes, kind, contentType: fetched.contentType, url: fetched.url, host: new URL(fetched.url).hostname.replace(/^www\./, '') };
  }
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(source) && !/^file:/i.test(source)) {
    throw new FetchFailed(`only http and https addresses can be fetched, not ${source.slice(0, source.indexOf(':'))}`);
  }
  const file = /^file:/i.test(source) ? fileURLToPath(source) : path.resolve(source);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new FetchFailed('there is no such file');
  }
  if (stat.isDirectory()) throw new FetchFailed('it is a folder, not an HTML page or a PDF');
  if (stat.size > maxBytes) throw new FetchFailed(`it is over the ${Math.round(maxBytes / 1024 / 1024)} MB limit`);
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new FetchFailed(`it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const kind = kindOf(bytes, '', file);
  if (!kind) throw new FetchFailed('it is not an HTML page or a PDF (save the page as HTML, or the document as PDF)');
  return { bytes, kind, url: path.basename(file) };
}

/** HTML or PDF, by what the bytes start with, the declared type, then the name. */
function kindOf(bytes: Uint8Array, contentType: string, name: string): Kind | undefined {
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return 'pdf';
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/pdf') return 'pdf'; // pdf.js tells when it is not one
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type !== '' && type !== 'text/plain' && type !== 'application/octet-stream') return undefined;
  if (/\.x?html?$/i.test(name)) return 'html';
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') ? 'html' : undefined;
}

function describeType(contentType: string): string {
  const type = contentType.split(';')[0].trim();
  return type ? `"${type}"` : 'nothing in particular';
}

function checkedName(name: string, fail: (reason: string) => never): string {
  const base = name.replace(/\.txt$/i, '');
  if (base === '' || base.startsWith('.') || /[/\\\0]/.test(base) || base.trim() !== base) {
    fail(`"${name}" cannot be a file name here: give a name without folders, spaces at the ends or a leading dot`);
  }
  return base;
}

/** Words a file name does without. */
const SMALL_WORDS = new Set(['a', 'an', 'and', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** `outlet-few-words-of-the-headline`: short, lowercase, no spaces, no small words. */
export function defaultName(extracted: Pick<Extracted, 'outlet' | 'title'>, original: Pick<Original, 'url' | 'host'>): string {
  const words = (text: string | undefined) => {
    const all = (text ?? '')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    const big = all.filter((w) => !SMALL_WORDS.has(w));
    return big.length > 0 ? big : all;
  };
  const outlet = words(extracted.outlet ?? original.host?.replace(/\.[a-z]+$/, '')).slice(0, 2);
  const title = words(extracted.title).filter((w) => !outlet.includes(w));
  let name = outlet.join('-');
  for (const w of title) {
    const next = name ? `${name}-${w}` : w;
    if (next.length > 48 && name) break;
    name = next;
  }
  return name.slice(0, 60) || words(path.basename(original.url).replace(/\.[a-z]+$/i, '')).join('-').slice(0, 60) || 'source';
}
