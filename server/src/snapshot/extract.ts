/**
 * The readable text of a saved web page or PDF (FORMAT.md section 8), one
 * paragraph per line, with what the page tells of itself: headline, outlet,
 * author, date. No I/O: bytes in, text out, so the command line, the language
 * server and the tests share it.
 *
 * HTML goes through Mozilla's Readability (the reader view of Firefox) over
 * linkedom, a DOM without a browser: Readability needs only a DOM to walk,
 * and linkedom gives one at a fraction of jsdom's size and start-up time
 * (jsdom's current releases also need a newer Node than this project's 20).
 * The charset is sniffed as browsers do (html-encoding-sniffer: byte order
 * mark, then the HTTP header, then `<meta charset>`) and decoded with
 * iconv-lite, since Node's own TextDecoder reads windows-1252 as Latin-1.
 * PDFs go through Mozilla's pdf.js (pdfjs.ts).
 */
import { isUtf8 } from 'node:buffer';
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import sniffEncoding from 'html-encoding-sniffer';
import * as iconv from 'iconv-lite';
import { loadPdfjs } from './pdfjs';

// linkedom's types are written for ES modules only; its CommonJS build is the same code.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseHTML } = require('linkedom') as { parseHTML(html: string): { document: Document } };

interface Document {
  querySelector(selector: string): Element | null;
}

export interface Extracted {
  /** The text to save: one paragraph per line, ending in a line break. */
  readonly text: string;
  readonly title?: string;
  readonly outlet?: string;
  readonly author?: string;
  /** As the page states it (usually ISO 8601). */
  readonly published?: string;
  /** The page's own address (`<link rel="canonical">` or `og:url`), for a saved file. */
  readonly canonical?: string;
}

/** Why a page gives no text, in words that follow "no readable text: ". */
export class NoReadableText extends Error {}

/** Body text shorter than this is not an article (a teaser, a cookie notice). */
const MIN_ARTICLE_CHARS = 400;
/** Nor is a "body" most of whose text is link text (a list of headlines). */
const MAX_LINK_SHARE = 0.5;
/**
 * An article's body is mostly paragraphs of sentences; an index page's is
 * headlines and one-line teasers, which Readability returns all the same. A
 * paragraph is a block of at least this many characters...
 */
const PARAGRAPH_CHARS = 100;
/** ...and an article has at least two, holding at least this share of its text. */
const MIN_PARAGRAPH_SHARE = 0.5;

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

/** Decodes an HTML page's bytes by the charset it declares (`contentType` is the HTTP header, if any). */
export function decodeHtml(bytes: Uint8Array, contentType?: string): string {
  const label = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  const encoding = sniffEncoding(bytes, {
    transportLayerEncodingLabel: label,
    // Undeclared: UTF-8 when the bytes are UTF-8, else what browsers assume.
    defaultEncoding: isUtf8(bytes) ? 'UTF-8' : 'windows-1252',
  });
  const name = iconv.encodingExists(encoding) ? encoding : 'UTF-8';
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name, { stripBOM: true });
}

/** The article of an HTML page; throws {@link NoReadableText} when it has none. */
export function extractHtml(bytes: Uint8Array, contentType?: string): Extracted {
  const html = decodeHtml(bytes, contentType);
  const { document } = parseHTML(html);
  const meta = pageMeta(document);
  if (!isProbablyReaderable(document as never)) {
    throw new NoReadableText('the page has no article text, only navigation, links or short notices (is it an index or front page?)');
  }
  // Readability takes the document apart: the metadata above is read first.
  const article = new Readability<Element>(document as never, { serializer: (node) => node as unknown as Element }).parse();
  if (!article?.content) throw new NoReadableText('no article body could be told from the rest of the page');
  const paragraphs = blockTexts(article.content);
  const body = paragraphs.join('');
  const linked = linkText(article.content);
  const long = paragraphs.filter((p) => p.length >= PARAGRAPH_CHARS);
  const inParagraphs = long.reduce((n, p) => n + p.length, 0);
  if (body.length < MIN_ARTICLE_CHARS || linked > body.length * MAX_LINK_SHARE || long.length < 2 || inParagraphs < body.length * MIN_PARAGRAPH_SHARE) {
    throw new NoReadableText('what looks most like an article is a list of headlines, links or short notices (is it an index or front page?)');
  }
  const author = byline(article.byline ?? meta.author);
  const outlet = clean(article.siteName ?? '') || meta.outlet;
  const title = withoutOutlet(meta.ogTitle ?? (clean(article.title ?? '') || meta.title), outlet);
  const published = clean(article.publishedTime ?? '') || meta.published;
  // The headline, byline and date lead the text when the body does not start with them.
  const head = [title, author && `By ${author}`, published && [outlet, published].filter(Boolean).join(', ')].filter(
    (l): l is string => !!l && !paragraphs.slice(0, 3).some((p) => p.includes(l)),
  );
  return {
    text: `${[...head, ...paragraphs].join('\n')}\n`,
    ...(title ? { title } : {}),
    ...(outlet ? { outlet } : {}),
    ...(author ? { author } : {}),
    ...(published ? { published } : {}),
    ...(meta.canonical ? { canonical: meta.canonical } : {}),
  };
}

interface Element {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<Element>;
  querySelectorAll(selector: string): ArrayLike<Element>;
  getAttribute(name: string): string | null;
}

/** Each block's text on a line of its own, whitespace collapsed, empty blocks left out. */
function blockTexts(root: Element): string[] {
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const t = clean(line);
    if (t) lines.push(t);
    line = '';
  };
  const walk = (node: Element) => {
    if (node.nodeType === 3) {
      line += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (name === 'SCRIPT' || name === 'STYLE' || name === 'NOSCRIPT' || name === 'TEMPLATE') return;
    if (name === 'BR') return flush();
    const block = BLOCKS.has(name);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
    else if (name === 'TD' || name === 'TH') line += ' ';
  };
  walk(root);
  flush();
  return lines;
}

function linkText(root: Element): number {
  return Array.from(root.querySelectorAll('a')).reduce((n, a) => n + clean(a.textContent ?? '').length, 0);
}

/** Collapses whitespace (non-breaking spaces included) and trims. */
function clean(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** "Headline | Outlet" as "Headline". */
function withoutOutlet(title: string | undefined, outlet: string | undefined): string | undefined {
  if (!title || !outlet) return title;
  const escaped = outlet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return title.replace(new RegExp(`\\s+[|\\-–—:·•]\\s+${escaped}$`, 'i'), '').trim() || title;
}

function byline(text: string | null | undefined): string | undefined {
  const t = clean(text ?? '').replace(/^by\s+/i, '');
  return t || undefined;
}

/** What a page's head says of it, for what Readability leaves out. */
function pageMeta(document: { querySelector(s: string): Element | null }): {
  title?: string;
  ogTitle?: string;
  outlet?: string;
  author?: string;
  published?: string;
  canonical?: string;
} {
  const content = (selector: string) => clean(document.querySelector(selector)?.getAttribute('content') ?? '') || undefined;
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? content('meta[property="og:url"]');
  const time = document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  return {
    ogTitle: content('meta[property="og:title"]'),
    title: clean(document.querySelector('title')?.textContent ?? '') || undefined,
    outlet: content('meta[property="og:site_name"]'),
    author: content('meta[name="author"]'),
    published: content('meta[property="article:published_time"]') ?? (time ? clean(time) : undefined),
    canonical: canonical && /^https?:\/\//i.test(canonical) ? canonical : undefined,
  };
}

/**
 * The text of a PDF page by page, a line `[page N]` before each page, lines
 * joined back into paragraphs where a line merely wraps: the next line
 * follows at the page's usual line spacing. Rejects when pdf.js cannot read
 * it; throws {@link NoReadableText} when it holds no text (a scan).
 */
export async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  const pdfjs = await loadPdfjs();
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  } catch (e) {
    throw new NoReadableText(`it is not a PDF that can be read (${(e as Error).message})`);
  }
  try {
    const out: string[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const paragraphs = pdfParagraphs(content.items as PdfItem[]);
      chars += paragraphs.join('').length;
      out.push(`[page ${n}]`, ...paragraphs);
      page.cleanup();
    }
    if (chars === 0) throw new NoReadableText('the PDF has no text layer (a scanned document needs text recognition first)');
    const info = ((await doc.getMetadata().catch(() => undefined))?.info ?? {}) as { Title?: string; Author?: string };
    const title = clean(info.Title ?? '') || out.find((l) => !l.startsWith('[page '));
    const author = clean(info.Author ?? '') || undefined;
    return { text: `${out.join('\n')}\n`, ...(title ? { title } : {}), ...(author ? { author } : {}) };
  } finally {
    await doc.destroy();
  }
}

interface PdfItem {
  readonly str?: string;
  readonly hasEOL?: boolean;
  /** [a, b, c, d, x, y]: the baseline's position is (x, y). */
  readonly transform?: readonly number[];
  readonly height?: number;
}

interface PdfLine {
  text: string;
  y: number;
  height: number;
}

/** A page's text items as paragraphs. */
export function pdfParagraphs(items: readonly PdfItem[]): string[] {
  const lines: PdfLine[] = [];
  let current: PdfLine | undefined;
  for (const item of items) {
    if (item.str === undefined) continue;
    const y = item.transform?.[5] ?? 0;
    if (!current || Math.abs(y - current.y) > Math.max(1, (item.height ?? 0) / 2)) {
      if (current && item.str.trim() === '' && !item.hasEOL) continue;
      current = { text: '', y, height: item.height ?? 0 };
      lines.push(current);
    }
    current.text += item.str;
    current.height = Math.max(current.height, item.height ?? 0);
    if (item.hasEOL) current = undefined;
  }
  const kept = lines.map((l) => ({ ...l, text: clean(l.text) })).filter((l) => l.text !== '');
  // The usual distance between a line and the next: the most common one.
  const gaps = kept.slice(1).map((l, i) => Math.round(kept[i].y - l.y));
  const counts = new Map<number, number>();
  for (const g of gaps) if (g > 0) counts.set(g, (counts.get(g) ?? 0) + 1);
  const usual = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  const paragraphs: string[] = [];
  kept.forEach((l, i) => {
    const gap = i === 0 ? Infinity : kept[i - 1].y - l.y;
    const wraps = usual > 0 && gap > 0 && gap <= usual * 1.25 && Math.abs(l.height - kept[i - 1].height) < 0.5;
    if (!wraps) paragraphs.push(l.text);
    else {
      const prev = paragraphs[paragraphs.length - 1];
      // A word broken at a hyphen is joined without a space, the hyphen kept.
      paragraphs[paragraphs.length - 1] = /\w-$/.test(prev) ? prev + l.text : `${prev} ${l.text}`;
    }
  });
  return paragraphs;
}
