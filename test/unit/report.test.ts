import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEFAULT_OPTIONS, SourceStore, checkSheet, disagreementsOf, escapeHtml, nodeFileSystem, renderReport, reportCounts, sentenceAround, type ReportSheet, type SheetCheck } from '../helpers/core';
import { joinLines } from '../helpers/text';
import { useTempWorkspace, type TempWorkspace } from '../helpers/workspace';

const LONG_LINE =
  'Officials met in the capital on Wednesday, after weeks of preparation by both delegations and their advisers. ' +
  'The U.S. delegation arrived late. The meeting lasted about two hours. ' +
  'Afterwards nobody spoke to the press, and the delegations left by separate doors, which observers said was unusual for talks of this kind, held after months of public statements on either side.';

const ARTICLE_A = joinLines(LONG_LINE, 'The talks lasted one hour and 45 minutes, taking longer than expected.', "He wrote <script>alert('x')</script> in the margin.");

const ARTICLE_B = joinLines('Lavrov called the talks constructive.', 'It was cold.');

const PROVENANCE = joinLines(
  '- file: a.txt',
  '  title: "Ministers meet <b>at last</b>"',
  '  outlet: Example News',
  '  published: "2021-05-20"',
  '  url: https://example.com/talks?a=1&b=2',
  '- file: b.txt',
  '  title: A second report',
  '  url: "javascript:alert(1)"',
);

const SHEET = joinLines(
  'title: Talks & <em>tests</em>',
  'sources: articles',
  'facts:',
  '  - id: talks-length',
  '    claim: The talks lasted about two hours.',
  '    tags: [length]',
  '    cite:',
  '      - file: a.txt',
  '        line: 1',
  '        quote: The meeting lasted about two hours.',
  '      - file: b.txt',
  '        line: 2',
  '        quote: It was cold.',
  '  - id: talks-length-other',
  '    claim: The talks lasted three hours.',
  '    tags: [length]',
  '    cite:',
  '      - file: a.txt',
  '        line: 2',
  '        quote: lasted one hour and 45 minutes',
  '  - id: lost',
  '    claim: Lavrov called the talks frank.',
  '    cite:',
  '      - file: b.txt',
  '        line: 1',
  '        quote: Lavrov called the talks frank and useful beyond any doubt whatsoever.',
  '  - id: hostile',
  '    claim: \'<script>alert("x")</script> was written\'',
  '    cite:',
  '      - file: a.txt',
  '        line: 3',
  '        quote: "<script>alert(\'x\')</script>"',
  '      - b.txt:1',
  '  - id: silenced',
  '    claim: It was cold.',
  '    cite:',
  '      - file: b.txt',
  '        line: 2',
  '        quote: It was colder.',
);

function setUp(ws: TempWorkspace, sheet = SHEET): ReportSheet {
  ws.files({ 'articles/a.txt': ARTICLE_A, 'articles/b.txt': ARTICLE_B, 'articles/sources.yaml': PROVENANCE });
  const sheetPath = ws.write('talks.facts.yaml', sheet);
  const store = new SourceStore(nodeFileSystem, ws.root, DEFAULT_OPTIONS.maxSourceBytes);
  const check = checkSheet(sheetPath, sheet, store, DEFAULT_OPTIONS);
  return {
    check,
    name: 'talks.facts.yaml',
    source: (real) => {
      const loaded = store.load(real);
      return loaded.kind === 'loaded' ? loaded.source : undefined;
    },
    provenance: (real) => store.provenanceOf(real),
  };
}

/** The same check with the `silenced` fact's problem silenced, as a suppression comment would. */
function withIgnored(sheet: ReportSheet): ReportSheet {
  const fact = sheet.check.sheet.facts.find((f) => f.id?.value === 'silenced')!;
  const silenced = sheet.check.diagnostics.filter((d) => d.span.start >= fact.span.start && d.span.end <= fact.span.end);
  assert.ok(silenced.length > 0, 'the silenced fact has a problem to silence');
  const check: SheetCheck = {
    ...sheet.check,
    diagnostics: sheet.check.diagnostics.filter((d) => !silenced.includes(d)),
    ignored: silenced.map((d) => ({ diagnostic: d, reason: 'checked <by> phone', line: 40 })),
  };
  return { ...sheet, check };
}

/** The `<article>` of a fact. */
function articleOf(html: string, id: string): string {
  const start = html.indexOf(`<article class="fact`, html.indexOf(`<span class="fact-id">${id}</span>`) - 200);
  assert.ok(start >= 0, `no article for ${id}`);
  return html.slice(start, html.indexOf('</article>', start));
}

describe('report: the HTML page', () => {
  const ws = useTempWorkspace();

  it('has the sheet title as its h1, every fact as an article with its id and claim, and a summary', () => {
    const sheet = withIgnored(setUp(ws.current));
    const html = renderReport([sheet]);
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(html, /<h1>Talks &amp; &lt;em&gt;tests&lt;\/em&gt;<\/h1>/);
    assert.match(html, /<title>Talks &amp; &lt;em&gt;tests&lt;\/em&gt;<\/title>/);
    assert.match(html, /<main>/);
    for (const id of ['talks-length', 'talks-length-other', 'lost', 'hostile', 'silenced']) {
      assert.match(html, new RegExp(`<h3 id="[^"]+"><span class="fact-id">${id}</span> — `), id);
    }
    assert.equal(html.match(/<article class="fact /g)?.length, 5);
    assert.match(html, /<h2[^>]*>Facts<\/h2>/);
    assert.match(html, /<h2>Sources<\/h2>/);
    assert.match(html, /<h2 id="[^"]+">Where the sources disagree<\/h2>/);
    const counts = reportCounts([sheet]);
    assert.deepEqual(
      { facts: counts.facts, verified: counts.verified, broken: counts.broken, unsupported: counts.unsupported, ignored: counts.ignored },
      { facts: 5, verified: 2, broken: 1, unsupported: 1, ignored: 1 },
    );
    assert.match(html, /<ul class="summary" aria-label="Summary"><li><strong>5<\/strong> facts<\/li><li><strong>2<\/strong> verified<\/li><li><strong>1<\/strong> broken<\/li><li><strong>1<\/strong> unsupported<\/li>/);
  });

  it('gives each fact its status in words: Verified, Broken with the code and message, Unsupported, Single source, Ignored with the reason', () => {
    const html = renderReport([withIgnored(setUp(ws.current))]);
    const verified = articleOf(html, 'talks-length');
    assert.match(verified, /<span class="badge verified">Verified<\/span>/);
    assert.doesNotMatch(verified, /Single source/);
    const unsupported = articleOf(html, 'talks-length-other');
    assert.match(unsupported, /<span class="badge unsupported">Unsupported<\/span>/);
    assert.match(unsupported, /<span class="badge single-source">Single source<\/span>/);
    assert.match(unsupported, /<strong>Unsupported:<\/strong> [^<]*three hours/);
    const broken = articleOf(html, 'lost');
    assert.match(broken, /<span class="badge broken">Broken: quote-not-found<\/span>/);
    assert.match(broken, /<strong>Broken: quote-not-found:<\/strong> /);
    assert.match(broken, /The sheet quotes: “Lavrov called the talks frank and useful/);
    const ignored = articleOf(html, 'silenced');
    assert.match(ignored, /<span class="badge ignored">Ignored: quote-altered — checked &lt;by&gt; phone<\/span>/);
    assert.doesNotMatch(ignored, /badge verified/);
  });

  it('shows each quote highlighted in its sentence of the article, and a short line whole', () => {
    const html = renderReport([setUp(ws.current)]);
    const fact = articleOf(html, 'talks-length');
    // The long line: only the sentence of the quote ("U.S." does not end one).
    assert.match(fact, /<blockquote><mark>The meeting lasted about two hours\.<\/mark><\/blockquote>/);
    assert.doesNotMatch(fact, /Officials met in the capital/);
    const other = articleOf(html, 'talks-length-other');
    assert.match(other, /<blockquote>The talks <mark>lasted one hour and 45 minutes<\/mark>, taking longer than expected\.<\/blockquote>/);
    // A citation with no quote shows its line, unmarked.
    assert.match(articleOf(html, 'hostile'), /<blockquote>Lavrov called the talks constructive\.<\/blockquote>/);
  });

  it('cuts the sentence around a quote at sentence ends, keeping abbreviations', () => {
    const start = LONG_LINE.indexOf('delegation arrived');
    const e = sentenceAround(LONG_LINE, { start: 0, end: LONG_LINE.length }, { start, end: start + 'delegation arrived'.length });
    assert.deepEqual(e, { before: 'The U.S. ', marked: 'delegation arrived', after: ' late.' });
    const short = 'A short line. With two sentences.';
    assert.deepEqual(sentenceAround(short, { start: 0, end: short.length }, { start: 2, end: 7 }), { before: 'A ', marked: 'short', after: ' line. With two sentences.' });
  });

  it('shows sheet and article text as text: <script> in a claim, a quote or an article is escaped, and the page has no script', () => {
    const html = renderReport([setUp(ws.current)]);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; was written/);
    assert.match(html, /He wrote <mark>&lt;script&gt;alert\(&#39;x&#39;\)&lt;\/script&gt;<\/mark> in the margin\./);
    assert.equal(escapeHtml(`<a href="x" onclick='y'>&`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });

  it('needs nothing from elsewhere: inline styles only, a CSP, no src, no external reference, a print stylesheet', () => {
    const html = renderReport([setUp(ws.current)]);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    assert.doesNotMatch(html, /<link|<img|<iframe|<object|<embed|\ssrc=|url\(|@import|@font-face/i);
    // The only web address is the source's link, as a link.
    const addresses = html.match(/https?:\/\/[^\s"<)]+/g) ?? [];
    assert.deepEqual([...new Set(addresses)], ['https://example.com/talks?a=1&amp;b=2']);
    assert.match(html, /@media print \{/);
    assert.equal(html.match(/<style>/g)?.length, 1);
  });

  it('lists the sources with title, outlet, date and link from sources.yaml, a link for http(s) only, and how many facts cite each', () => {
    const html = renderReport([setUp(ws.current)]);
    const sources = html.slice(html.indexOf('<h2>Sources</h2>'));
    assert.match(
      sources,
      /<li><cite>Ministers meet &lt;b&gt;at last&lt;\/b&gt;<\/cite> · Example News · published <time>2021-05-20<\/time> · <a href="https:\/\/example.com\/talks\?a=1&amp;b=2">https:\/\/example.com\/talks\?a=1&amp;b=2<\/a> · <span class="file">a.txt<\/span> — cited by 3 facts<\/li>/,
    );
    assert.match(sources, /<li><cite>A second report<\/cite> · javascript:alert\(1\) · <span class="file">b.txt<\/span> — cited by 4 facts<\/li>/);
    assert.doesNotMatch(html, /href="javascript/);
    // In a citation, the source's title comes before its file name.
    assert.match(articleOf(html, 'talks-length'), /<cite>Ministers meet &lt;b&gt;at last&lt;\/b&gt;<\/cite> · <span class="file">a.txt<\/span>, line 1 — ✓ Quote verified/);
  });

  it('puts facts of a tag whose quotes give different durations side by side', () => {
    const sheet = setUp(ws.current);
    const found = disagreementsOf(sheet.check);
    assert.deepEqual(
      found.map((d) => [d.kind, d.tag, d.facts.map((s) => s.fact.id?.value), d.facts.map((s) => s.values)]),
      [['duration', 'length', ['talks-length', 'talks-length-other'], [['two hours'], ['one hour and 45 minutes']]]],
    );
    const html = renderReport([sheet]);
    const table = html.slice(html.indexOf('Where the sources disagree'), html.indexOf('</table>', html.indexOf('Where the sources disagree')));
    assert.match(table, /<h3>Duration: “two hours” against “one hour and 45 minutes”<\/h3>/);
    assert.match(table, /<th scope="col"><a href="#[^"]+">talks-length<\/a><\/th><th scope="col"><a href="#[^"]+">talks-length-other<\/a><\/th>/);
    assert.match(table, /<td>The talks lasted about two hours\.<\/td><td>The talks lasted three hours\.<\/td>/);
    assert.match(table, /<mark>The meeting lasted about two hours\.<\/mark>/);
    assert.match(table, /<mark>lasted one hour and 45 minutes<\/mark>/);
    // The citation of b.txt states no duration: it is not on that side.
    assert.doesNotMatch(table, /It was cold/);
  });

  it('makes one page of several sheets: a section and a contents entry per sheet, the summary over all', () => {
    const first = setUp(ws.current);
    const secondPath = ws.current.write('other.facts.yaml', joinLines('facts:', '  - claim: Cold.', '    cite: b.txt:2'));
    const store = new SourceStore(nodeFileSystem, ws.current.root, DEFAULT_OPTIONS.maxSourceBytes);
    const second: ReportSheet = { ...first, check: checkSheet(secondPath, ws.current.read('other.facts.yaml'), store, DEFAULT_OPTIONS), name: 'other.facts.yaml' };
    const html = renderReport([first, second]);
    assert.match(html, /<h1>Fact Notes report<\/h1>/);
    assert.match(html, /<nav class="contents"[^>]*><h2 id="contents">Contents<\/h2><ol>/);
    assert.match(html, /<li><a href="#sheet-1-talks">Talks &amp; &lt;em&gt;tests&lt;\/em&gt;<\/a>/);
    assert.match(html, /<li><a href="#sheet-2-other">other.facts.yaml<\/a>/);
    assert.match(html, /<section class="sheet" id="sheet-2-other"[^>]*>\n<h2 id="sheet-2-other-title">other.facts.yaml<\/h2>/);
    // Facts are h4 under a sheet's h3 parts.
    assert.match(html, /<h4 id="[^"]+"><span class="fact-id">Fact 1<\/span> — Cold\.<\/h4>/);
    assert.match(html, /<ul class="summary" aria-label="Summary"><li><strong>6<\/strong> facts<\/li>/);
    assert.equal(path.basename(second.name), 'other.facts.yaml');
  });
});
