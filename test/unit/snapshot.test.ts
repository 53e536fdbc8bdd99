/**
 * Issue 14: the pure parts of a snapshot. A sources.yaml takes an entry
 * without losing what a person wrote in it; a page's bytes are decoded by the
 * charset it declares (windows-1252 with its curly quotes, not as Latin-1);
 * a PDF page's lines are joined back into paragraphs where they merely wrap;
 * a default name is short, lowercase and has no spaces.
 */
import * as assert from 'node:assert/strict';
import { decodeHtml, defaultName, extractHtml, NoReadableText, pdfParagraphs, provenanceWithEntry, readProvenance } from '../helpers/core';
import { joinLines } from '../helpers/text';

const ENTRY = { file: 'dw-blinken.txt', url: 'https://example.org/a', title: 'Blinken: "no secret"', outlet: 'DW', published: '2021-05-20', retrieved: '2026-12-01T10:00:00Z', sha256: 'a'.repeat(64) };

describe('Snapshot: sources.yaml entries (issue 14)', () => {
  it('starts a new sources.yaml with a comment and the entry', () => {
    const r = provenanceWithEntry(undefined, ENTRY, false);
    assert.ok('text' in r);
    assert.match(r.text, /^# Where the sources in this folder came from/);
    assert.deepEqual(readProvenance(r.text).entries.get(ENTRY.file), ENTRY);
    assert.deepEqual(readProvenance(r.text).problems, []);
  });

  it('appends to a hand-written file, keeping its comments, quoting and order', () => {
    const text = joinLines('# Our sources.', '- file: "a.txt"   # saved by hand', '  outlet: Reuters', '', '# the end', '');
    const r = provenanceWithEntry(text, ENTRY, false);
    assert.ok('text' in r);
    assert.ok(r.text.startsWith(text), 'what was there is unchanged');
    const read = readProvenance(r.text);
    assert.deepEqual([...read.entries.keys()], ['a.txt', ENTRY.file]);
    assert.deepEqual(read.entries.get(ENTRY.file), ENTRY);
  });

  it('keeps the indentation of the entries there', () => {
    const text = joinLines('  - file: a.txt', '    outlet: Reuters', '');
    const r = provenanceWithEntry(text, ENTRY, false);
    assert.ok('text' in r);
    assert.match(r.text, /^ {2}- file: dw-blinken\.txt$/m);
    assert.deepEqual(readProvenance(r.text).problems, []);
  });

  it('refuses to replace an entry unless asked, and replaces only that entry when asked', () => {
    const text = joinLines('- file: a.txt', '  outlet: Reuters', `- file: ${ENTRY.file}`, '  title: Old title', '  sha256: ' + 'b'.repeat(64), '- file: c.txt # last');
    assert.deepEqual(provenanceWithEntry(text, ENTRY, false), { exists: true });
    const r = provenanceWithEntry(text, ENTRY, true);
    assert.ok('text' in r);
    const read = readProvenance(r.text);
    assert.deepEqual([...read.entries.keys()], ['a.txt', ENTRY.file, 'c.txt']);
    assert.deepEqual(read.entries.get(ENTRY.file), ENTRY);
    assert.ok(r.text.startsWith('- file: a.txt\n  outlet: Reuters\n') && r.text.endsWith('- file: c.txt # last\n'));
  });

  it('leaves a file it cannot add to alone, naming its line', () => {
    for (const text of ['file: a.txt\nurl: x\n', '[{file: a.txt}]\n', '- file: a.txt\n  title: [unclosed\n']) {
      const r = provenanceWithEntry(text, ENTRY, false);
      assert.ok('malformed' in r, text);
      assert.ok(r.malformed.line >= 1);
    }
  });

  it('records where the sha256 value is, for the fix of source-changed', () => {
    const text = joinLines('- file: a.txt', `  sha256: ${'c'.repeat(64)}`, '');
    const place = readProvenance(text).places.get('a.txt');
    assert.ok(place?.sha256 && place.sha256Range);
    assert.equal(text.slice(place.sha256.start, place.sha256.end), 'c'.repeat(64));
    assert.deepEqual(place.sha256Range, { start: { line: 1, character: 10 }, end: { line: 1, character: 74 } });
  });
});

describe('Snapshot: decoding and reading pages (issue 14)', () => {
  const page = (head: string, body: string) => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
  const ARTICLE = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1}: “It is no secret that we have our differences,” Blinken said – in Reykjavik, on a long line of text that reads like an article’s body.</p>`).join('');

  it('decodes windows-1252 by <meta charset>, by http-equiv and by the HTTP header: curly quotes stay curly', () => {
    const html = page('<title>T</title>', '<p>“Quoted” – it’s</p>');
    const bytes = (head: string) => Buffer.from(page(head, '<p>\x93Quoted\x94 \x96 it\x92s</p>'), 'latin1');
    for (const [b, header] of [
      [bytes('<meta charset="windows-1252">'), undefined],
      [bytes('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'), undefined],
      [bytes(''), 'text/html; charset=windows-1252'],
      [bytes('<meta charset="iso-8859-1">'), undefined],
    ] as const) {
      const text = decodeHtml(b, header);
      assert.ok(text.includes('“Quoted” – it’s'), text);
      assert.ok(!/[\x80-\x9f]/.test(text), 'no C1 control characters');
    }
    // UTF-8 declared or not.
    assert.ok(decodeHtml(Buffer.from(html, 'utf8')).includes('“Quoted” – it’s'));
    assert.ok(decodeHtml(Buffer.from(page('<meta charset="utf-8">', '<p>“Quoted”</p>'), 'utf8')).includes('“Quoted”'));
    // The HTTP header wins over the page's own declaration, as in browsers.
    assert.ok(decodeHtml(bytes('<meta charset="utf-8">'), 'text/html; charset=windows-1252').includes('“Quoted”'));
  });

  it('reads the article: one paragraph per line, headline, byline and date first, no navigation or footer', () => {
    const html = page(
      '<title>Blinken meets Lavrov | Daily Test</title><meta property="og:site_name" content="Daily Test"><meta property="article:published_time" content="2021-05-20T08:00:00Z">',
      `<nav><a href="/">Home</a><a href="/world">World</a></nav><div class="cookie-banner">We use cookies. <a href="#">Accept</a></div>
       <article><h1>Blinken meets Lavrov</h1><p class="byline">By Jane Roe</p>${ARTICLE}</article>
       <aside class="related"><h2>Related</h2><ul><li><a href="/1">Other story</a></li></ul></aside><footer>© 2021 Daily Test. <a href="/imprint">Imprint</a></footer>`,
    );
    const got = extractHtml(Buffer.from(html, 'utf8'), 'text/html');
    assert.equal(got.title, 'Blinken meets Lavrov');
    assert.equal(got.outlet, 'Daily Test');
    assert.equal(got.author, 'Jane Roe');
    assert.equal(got.published, '2021-05-20T08:00:00Z');
    const lines = got.text.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 3), ['Blinken meets Lavrov', 'By Jane Roe', 'Daily Test, 2021-05-20T08:00:00Z']);
    assert.equal(lines.length, 9);
    assert.ok(lines.slice(3).every((l, i) => l.startsWith(`Paragraph ${i + 1}: “It is no secret`)));
    assert.ok(!/Home|cookies|Related|Imprint/.test(got.text));
  });

  it('refuses a page with no article: a list of links, a cookie notice, an empty page', () => {
    const links = Array.from({ length: 20 }, (_, i) => `<li><a href="/s${i}">Headline number ${i} about the talks in Reykjavik</a> <span>Short teaser.</span></li>`).join('');
    for (const body of [`<nav><a href="/">Home</a></nav><ul>${links}</ul><footer>© 2021</footer>`, '<div class="cookie">We use cookies to improve your experience. <a>Accept</a></div>', '']) {
      assert.throws(() => extractHtml(Buffer.from(page('<title>Front page</title>', body), 'utf8')), NoReadableText);
    }
  });
});

describe('Snapshot: PDF lines into paragraphs (issue 14)', () => {
  const item = (str: string, y: number, hasEOL = true) => ({ str, hasEOL, transform: [12, 0, 0, 12, 72, y], height: 12 });

  it('joins lines that wrap at the usual spacing and starts a paragraph after a larger gap', () => {
    const items = [item('The talks in Reykjavik', 700), item('lasted about two hours.', 686), item('Blinken said the', 658), item('meeting was “productive”.', 644), item('Page 1 of 2', 60)];
    assert.deepEqual(pdfParagraphs(items), ['The talks in Reykjavik lasted about two hours.', 'Blinken said the meeting was “productive”.', 'Page 1 of 2']);
  });

  it('keeps a hyphen where a word breaks at it, and puts items of one line together', () => {
    const items = [item('A Kremlin-', 700), item('backed plan', 686, false), item(' was', 686, false), item(' discussed.', 686)];
    assert.deepEqual(pdfParagraphs(items), ['A Kremlin-backed plan was discussed.']);
  });
});

describe('Snapshot: default names (issue 14)', () => {
  it('is the outlet and the first words of the headline, short, lowercase, without small words, spaces or accents', () => {
    assert.equal(defaultName({ outlet: 'Deutsche Welle', title: 'Blinken and Lavrov: “Differences” in Reykjavík' }, { url: 'x' }), 'deutsche-welle-blinken-lavrov-differences');
    assert.equal(defaultName({ outlet: 'The Harbour Gazette', title: 'Fishing quotas in the North Harbour cut by a third' }, { url: 'x' }), 'harbour-gazette-fishing-quotas-north-cut-third');
    assert.equal(defaultName({ title: 'The A' }, { url: 'x' }), 'the-a');
    assert.equal(defaultName({ title: 'Ünïcode Title' }, { url: 'https://www.example.org/a', host: 'example.org' }), 'example-unicode-title');
    assert.equal(defaultName({}, { url: 'Saved Page (1).html' }), 'saved-page-1');
    assert.equal(defaultName({}, { url: '!!!' }), 'source');
    const long = defaultName({ outlet: 'News Net Nebraska', title: 'The Blinken-Lavrov meeting and the first attempts to dissolve between the United States and Russia' }, { url: 'x' });
    assert.equal(long, 'news-net-blinken-lavrov-meeting-first-attempts');
    assert.ok(long.length <= 48);
  });
});
