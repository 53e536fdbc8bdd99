/**
 * Read-only editor features on the samples, from one shared server: hover,
 * definition, references, completion, symbols and links, with exact results.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CompletionItemKind,
  CompletionRequest,
  DefinitionRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  HoverRequest,
  MarkupKind,
  ReferencesRequest,
  SymbolKind,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type DocumentSymbol,
  type Hover,
  type Location,
  type MarkupContent,
  type Position,
  type Range,
  type SymbolInformation,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { parse as parseYaml, parseDocument } from 'yaml';
import { after as afterText, applyTextEdits, copySamples, indexOf, LspClient, positionAt, rangeIn, removeFolder, uriOf } from './client';
import { unescapeMarkdown } from './expected';

/** A third sheet, on disk before the server starts, citing lines 5 and 6 of 004 like the samples do. */
const MORE = [
  'sources: articles',
  'facts:',
  '  - id: reuters-length',
  '    claim: The talks took longer than expected.',
  '    cite:',
  '      - 004_03f832fef03921f4.txt:6',
  '      - file: 004_03f832fef03921f4.txt',
  '        line: "5-6"',
  '        quote: taking longer than expected',
  '      - 002_70918c043bbcb2f4.txt:1-3',
  '',
].join('\n');

const ARTICLE_004 = '004_03f832fef03921f4.txt';
// Their titles, as samples/articles/sources.yaml records them.
const TITLE_001 = 'Foreign Ministers’ Meeting – Blinken and Lavrov: Discussing differences in front of the camera';
const TITLE_003 = 'The Blinken-Lavrov meeting and the first attempts to dissolve between the United States and Russia';
const TITLE_004 = 'The meeting of the heads of diplomatic departments took place against the background of escalating tensions in US-Russian relations';

/**
 * The range of a block citation (or fact): from `start` (the `occurrence`-th)
 * to the end of the value on the line holding `last` (searched after it).
 */
function blockRange(text: string, start: string, last: string, occurrence = 1): Range {
  const from = indexOf(text, start, occurrence);
  const lastAt = indexOf(text, last, 1, from);
  return { start: positionAt(text, from), end: positionAt(text, text.indexOf('\n', lastAt + last.length)) };
}

const byLocation = (a: Location, b: Location) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

describe('Protocol: editor features on the samples', function () {
  let root: string;
  let client: LspClient;
  let reykjavik: string;
  let broken: string;
  let reykjavikUri: string;
  let brokenUri: string;
  let moreUri: string;
  let articles: Record<string, string[]>;

  const articleUri = (name: string) => uriOf(path.join(root, 'articles', name));
  const hoverAt = (uri: string, position: Position) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }) as Promise<Hover | null>;
  const definitionAt = (uri: string, position: Position) => client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position }) as Promise<Location | null>;
  const referencesAt = (uri: string, position: Position) =>
    client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration: true } }) as Promise<Location[] | null>;
  const completionAt = (uri: string, position: Position) => client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }) as Promise<CompletionItem[]>;
  const markdown = (hover: Hover | null): string => {
    assert.ok(hover, 'a hover');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, MarkupKind.Markdown);
    return unescapeMarkdown(contents.value);
  };

  before(async () => {
    root = copySamples({ 'more.facts.yaml': MORE });
    reykjavik = fs.readFileSync(path.join(root, 'reykjavik.facts.yaml'), 'utf8');
    broken = fs.readFileSync(path.join(root, 'broken.facts.yaml'), 'utf8');
    reykjavikUri = uriOf(path.join(root, 'reykjavik.facts.yaml'));
    brokenUri = uriOf(path.join(root, 'broken.facts.yaml'));
    moreUri = uriOf(path.join(root, 'more.facts.yaml'));
    articles = {};
    for (const name of fs.readdirSync(path.join(root, 'articles'))) articles[name] = fs.readFileSync(path.join(root, 'articles', name), 'utf8').split('\n');
    client = await LspClient.start({ root });
    await client.waitForDiagnostics(reykjavikUri);
    await client.waitForDiagnostics(brokenUri);
    assert.deepEqual((await client.waitForDiagnostics(moreUri)).diagnostics, []);
  });
  after(async () => {
    assert.deepEqual(client.errors(), [], 'no handler failed');
    await client.stop();
    removeFolder(root);
  });

  describe('hover', () => {
    const talks = 'file: 002_70918c043bbcb2f4.txt\n        line: 3\n        quote: The meeting lasted about two hours.';

    it('Should show the file, the line and the cited line with the quote in bold, on any part of a citation', async () => {
      const quote = 'The meeting lasted about two hours.';
      const line = articles['002_70918c043bbcb2f4.txt'][2];
      // samples/articles/sources.yaml gives 002 a date only: its text names no outlet nor headline.
      const expected = `**002_70918c043bbcb2f4.txt**, line 3 — ✓ quote verified\n\n2021-05-20\n\n> ${line.replace(quote, `**${quote}**`)}`;
      const range = blockRange(reykjavik, talks, quote);
      for (const part of ['file: 002', 'line: 3', 'quote: The meeting']) {
        const hover = await hoverAt(reykjavikUri, positionAt(reykjavik, indexOf(reykjavik, talks) + talks.indexOf(part) + part.length));
        assert.equal(markdown(hover), expected, `hover on ${part}`);
        assert.deepEqual(hover!.range, range);
      }
    });

    it('Should show the lines of a range joined, the matched quote in bold', async () => {
      const quote = 'Haavisto said that he had highlighted Finland’s readiness to host the summit of the US and Russian presidents.';
      const hover = await hoverAt(reykjavikUri, afterText(reykjavik, 'line: "23-25"'));
      const [l23, l24, l25] = articles['002_70918c043bbcb2f4.txt'].slice(22, 25);
      assert.equal(l24, '');
      assert.equal(markdown(hover), `**002_70918c043bbcb2f4.txt**, lines 23-25 — ✓ quote verified\n\n2021-05-20\n\n> ${l23.replace(quote, `**${quote}**`)} ${l25}`);
    });

    it('Should show a citation without a quote as "line exists"', async () => {
      const hover = await hoverAt(reykjavikUri, afterText(reykjavik, '- 001_bf5dda1e6c24b09d.txt:1'));
      assert.equal(markdown(hover), `**001_bf5dda1e6c24b09d.txt**, line 11 — ✓ line exists\n\n*${TITLE_001}* — SRF 4 News — 2021-05-20\n\n> ${articles['001_bf5dda1e6c24b09d.txt'][10]}`);
      assert.deepEqual(hover!.range, rangeIn(reykjavik, '- 001_bf5dda1e6c24b09d.txt:11', '001_bf5dda1e6c24b09d.txt:11'));
    });

    it('Should say on the claim of a fact with one source that it has one (single-source)', async () => {
      const hover = await hoverAt(reykjavikUri, afterText(reykjavik, '- id: talks-length-reuters\n    claim: One report'));
      const text = markdown(hover).replace(/\\(.)/g, '$1');
      assert.ok(text.endsWith('\n\nSingle source: Add a second source if there is one: every citation of this fact points at "004_03f832fef03921f4.txt".'), text);
    });

    it("Should list each citation's status and quote on a claim", async () => {
      const hover = await hoverAt(reykjavikUri, afterText(reykjavik, 'claim: The talks lasted'));
      assert.equal(
        markdown(hover),
        [
          '**The talks lasted about two hours.**',
          '',
          '- ✓ `002_70918c043bbcb2f4.txt:3` quote verified — “The meeting lasted about two hours.”',
          '- ✓ `003_028d879ad9c7ab06.txt:17` quote verified — “During a two-hour meeting with Lavrov”',
        ].join('\n'),
      );
      assert.deepEqual(hover!.range, rangeIn(reykjavik, 'claim: The talks lasted', 'The talks lasted about two hours.'));
    });

    it('Should include the problem on a broken citation, away from the diagnostic the editor shows itself', async () => {
      const diagnostics = client.latest(brokenUri)!.diagnostics;
      const moved = diagnostics.find((d) => d.code === 'quote-moved')!;
      const hover = await hoverAt(brokenUri, afterText(broken, 'line: 5\n        quote: lasted'));
      assert.equal(markdown(hover), `**${ARTICLE_004}**, line 5 — ✗ quote-moved\n\n*${TITLE_004}*\n\n> ${articles[ARTICLE_004][4]}\n\n${moved.message}`);
    });

    it('Should not repeat the message over the diagnostic\'s own range, where the editor shows it', async () => {
      const hover = await hoverAt(brokenUri, afterText(broken, 'file: 004_03f832fef03921f5'));
      assert.equal(markdown(hover), '**004_03f832fef03921f5.txt**, line 20 — ✗ source-not-found');
      const moved = await hoverAt(brokenUri, afterText(broken, 'not 5 (fix: "Change line to 6").\n        line: '));
      assert.equal(markdown(moved), `**${ARTICLE_004}**, line 5 — ✗ quote-moved\n\n*${TITLE_004}*\n\n> ${articles[ARTICLE_004][4]}`);
    });

    it('Should show broken citations as such on a claim', async () => {
      const hover = await hoverAt(brokenUri, afterText(broken, "claim: Blinken raised concern about Alexei Navalny's"));
      assert.equal(
        markdown(hover),
        [
          "**Blinken raised concern about Alexei Navalny's health.**",
          '',
          '- ✗ `000_f973f57cc2c34c65.txt:9` quote-not-found — “Blinken expressed concern about the health of Kremlin critic Alexei Navalny.”',
        ].join('\n'),
      );
    });

    it('Should give no hover outside citations and claims', async () => {
      assert.equal(await hoverAt(reykjavikUri, afterText(reykjavik, 'title: Blinken')), null);
      assert.equal(await hoverAt(reykjavikUri, { line: 0, character: 3 }), null);
    });
  });

  describe('definition', () => {
    it('Should go to the matched quote in the source', async () => {
      const location = await definitionAt(reykjavikUri, afterText(reykjavik, 'file: 002_70918c043bbcb2f4.txt\n        line: 3\n        quote: The meeting'));
      const line = articles['002_70918c043bbcb2f4.txt'][2];
      const quote = 'The meeting lasted about two hours.';
      const start = line.indexOf(quote);
      assert.deepEqual(location, { uri: articleUri('002_70918c043bbcb2f4.txt'), range: { start: { line: 2, character: start }, end: { line: 2, character: start + quote.length } } });
    });

    it('Should select the quote inside a cited range', async () => {
      const location = await definitionAt(reykjavikUri, afterText(reykjavik, 'line: "8-'));
      const quote = 'Blinken during the talks raised the issue of the release of US citizens Paul Whelan and Trevor Reed';
      const start = articles[ARTICLE_004][8].indexOf(quote);
      assert.deepEqual(location, { uri: articleUri(ARTICLE_004), range: { start: { line: 8, character: start }, end: { line: 8, character: start + quote.length } } });
    });

    it('Should select the whole cited line when there is no quote', async () => {
      const location = await definitionAt(reykjavikUri, afterText(reykjavik, '- 001_bf5dda1e6c24b09d.txt:1'));
      const line = articles['001_bf5dda1e6c24b09d.txt'][10];
      assert.deepEqual(location, { uri: articleUri('001_bf5dda1e6c24b09d.txt'), range: { start: { line: 10, character: 0 }, end: { line: 10, character: line.length } } });
    });

    it('Should select every cited line of a range without a quote', async () => {
      const more = fs.readFileSync(path.join(root, 'more.facts.yaml'), 'utf8');
      const location = await definitionAt(moreUri, afterText(more, '- 002_70918c'));
      const third = articles['002_70918c043bbcb2f4.txt'][2];
      assert.deepEqual(location, { uri: articleUri('002_70918c043bbcb2f4.txt'), range: { start: { line: 0, character: 0 }, end: { line: 2, character: third.length } } });
    });

    it('Should select the whole cited line when the quote is not on it', async () => {
      const notFound = await definitionAt(brokenUri, afterText(broken, 'quote: Lavrov said the talks had been'));
      const line21 = articles['003_028d879ad9c7ab06.txt'][20];
      assert.deepEqual(notFound, { uri: articleUri('003_028d879ad9c7ab06.txt'), range: { start: { line: 20, character: 0 }, end: { line: 20, character: line21.length } } });
      const moved = await definitionAt(brokenUri, afterText(broken, 'line: 5\n        quote: lasted'));
      const line5 = articles[ARTICLE_004][4];
      assert.deepEqual(moved, { uri: articleUri(ARTICLE_004), range: { start: { line: 4, character: 0 }, end: { line: 4, character: line5.length } } });
      const outOfRange = await definitionAt(brokenUri, afterText(broken, 'line: 4'));
      assert.deepEqual(outOfRange, { uri: articleUri('002_70918c043bbcb2f4.txt'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, 'the start of the file');
    });

    it('Should give nothing for a citation whose source is missing, or outside a citation', async () => {
      assert.equal(await definitionAt(brokenUri, afterText(broken, 'file: 004_03f832fef03921f5')), null);
      assert.equal(await definitionAt(reykjavikUri, afterText(reykjavik, 'claim: The talks lasted')), null);
    });
  });

  describe('references', () => {
    /** The block citation of 004 line 6 in reykjavik.facts.yaml (a single mapping under `cite:`). */
    const reuters = () => blockRange(reykjavik, `file: ${ARTICLE_004}\n      line: 6`, 'quote: lasted one hour');
    const more = () => fs.readFileSync(path.join(root, 'more.facts.yaml'), 'utf8');

    it('Should find every citation of a line of an article, across sheets', async () => {
      const found = await referencesAt(articleUri(ARTICLE_004), { line: 5, character: 10 });
      const expected: Location[] = [
        { uri: moreUri, range: rangeIn(more(), `- ${ARTICLE_004}:6`, `${ARTICLE_004}:6`) },
        { uri: moreUri, range: blockRange(more(), `file: ${ARTICLE_004}`, 'quote: taking') },
        { uri: reykjavikUri, range: reuters() },
        { uri: brokenUri, range: blockRange(broken, `file: ${ARTICLE_004}\n        line: 6`, 'quote: lasted one hour and 45 minutes') },
      ];
      assert.deepEqual(found!.sort(byLocation), expected.sort(byLocation));
    });

    it('Should count a line inside a cited range, and citations with problems', async () => {
      const found = await referencesAt(articleUri(ARTICLE_004), { line: 4, character: 0 });
      const expected: Location[] = [
        { uri: brokenUri, range: blockRange(broken, `file: ${ARTICLE_004}\n        # quote-moved`, 'quote: lasted one hour') },
        { uri: moreUri, range: blockRange(more(), `file: ${ARTICLE_004}`, 'quote: taking') },
        { uri: reykjavikUri, range: blockRange(reykjavik, `file: ${ARTICLE_004}\n        line: 5\n        quote: Sergei Lavrov agreed`, 'quote: Sergei') },
        { uri: reykjavikUri, range: blockRange(reykjavik, `file: ${ARTICLE_004}\n        line: 5\n        quote: they should`, 'quote: they') },
      ];
      assert.deepEqual(found!.sort(byLocation), expected.sort(byLocation));
    });

    it('Should find the citations of the same line from a citation in a sheet', async () => {
      const found = await referencesAt(reykjavikUri, afterText(reykjavik, `file: ${ARTICLE_004}\n      line: 6`));
      assert.deepEqual(found!.sort(byLocation), (await referencesAt(articleUri(ARTICLE_004), { line: 5, character: 0 }))!.sort(byLocation));
    });

    it('Should find nothing on an uncited line', async () => {
      assert.deepEqual(await referencesAt(articleUri('003_028d879ad9c7ab06.txt'), { line: 0, character: 0 }), []);
    });
  });

  describe('completion', () => {
    const valueRange = (context: string, value: string) => rangeIn(reykjavik, context, value);

    it('Should offer the file names of the sources folder under `file:`', async () => {
      const context = `      - file: ${ARTICLE_004}\n        line: 2`;
      const items = await completionAt(reykjavikUri, afterText(reykjavik, '      - file: '));
      const range = valueRange(context, ARTICLE_004);
      assert.deepEqual(
        items.map((i) => ({ label: i.label, kind: i.kind, textEdit: i.textEdit })),
        Object.keys(articles)
          .sort()
          .map((name) => ({ label: name, kind: CompletionItemKind.File, textEdit: { range, newText: name } })),
      );
    });

    it('Should offer every non-empty line number with its text under `line:`', async () => {
      const items = await completionAt(reykjavikUri, afterText(reykjavik, `file: ${ARTICLE_004}\n        line: `));
      const at = afterText(reykjavik, `file: ${ARTICLE_004}\n        line: `);
      const range = { start: at, end: { line: at.line, character: at.character + 1 } };
      const lines = articles[ARTICLE_004].map((text, i) => ({ text, n: i + 1 })).filter((l) => l.text.trim() !== '');
      assert.equal(items.length, 21);
      assert.deepEqual(
        items.map((i) => ({ label: i.label, textEdit: i.textEdit })),
        lines.map((l) => ({ label: String(l.n), textEdit: { range, newText: String(l.n) } })),
      );
      for (const [i, item] of items.entries()) {
        const text = lines[i].text;
        assert.equal(item.detail, text.length <= 200 ? text : `${text.slice(0, 199).trimEnd()}…`, `detail of line ${item.label}`);
      }
      // In a sheet with blank lines in the article (002), those are skipped.
      const skipped = await completionAt(reykjavikUri, afterText(reykjavik, 'file: 002_70918c043bbcb2f4.txt\n        line: '));
      assert.deepEqual(
        skipped.map((i) => i.label),
        articles['002_70918c043bbcb2f4.txt'].flatMap((t, i) => (t.trim() === '' ? [] : [String(i + 1)])),
      );
    });

    it("Should offer the cited line's text under `quote:`, as YAML that reads back as that text", async () => {
      const context = `file: ${ARTICLE_004}\n        line: 2\n        quote: `;
      const items = await completionAt(reykjavikUri, afterText(reykjavik, context));
      assert.equal(items.length, 1);
      const line = articles[ARTICLE_004][1];
      const edit = items[0].textEdit as TextEdit;
      assert.deepEqual(edit.range, valueRange(context + 'In Reykjavik', 'In Reykjavik, on the sidelines of an Arctic Council meeting'));
      assert.equal(items[0].documentation, line);
      const edited = applyTextEdits(reykjavik, [edit]);
      const cite = parseYaml(edited).facts[0].cite[0];
      assert.deepEqual(cite, { file: ARTICLE_004, line: 2, quote: line });
    });

    it('Should offer line numbers while the `line:` value is still empty, and the text of the line chosen under `quote:`', async () => {
      const uri = uriOf(path.join(root, 'typing.facts.yaml'));
      const head = ['sources: articles', 'facts:', '  - claim: Typing a citation.', '    cite:', '      - file: 002_70918c043bbcb2f4.txt', ''].join('\n');
      const doc = await client.open(uri, head + '        line: \n');
      try {
        await client.waitForVersion(doc);
        const cursor = afterText(doc.text, 'line: ');
        const items = await completionAt(uri, cursor);
        assert.deepEqual(
          items.map((i) => i.label),
          articles['002_70918c043bbcb2f4.txt'].flatMap((t, i) => (t.trim() === '' ? [] : [String(i + 1)])),
        );
        assert.deepEqual(items[0].textEdit, { range: { start: cursor, end: cursor }, newText: '1' });

        await client.edit(doc, [{ range: { start: cursor, end: cursor }, newText: '21\n        quote: ' }]);
        await client.waitForVersion(doc);
        const quoteItems = await completionAt(uri, afterText(doc.text, 'quote: '));
        assert.deepEqual(
          quoteItems.map((i) => i.documentation),
          [articles['002_70918c043bbcb2f4.txt'][20]],
        );
      } finally {
        await client.close(doc);
      }
    });

    it('Should complete right after the colon with a space, so the result stays a YAML mapping', async () => {
      const uri = uriOf(path.join(root, 'colon.facts.yaml'));
      const head = ['sources: articles', 'facts:', '  - claim: Typing a citation.', '    cite:', ''].join('\n');
      const cases: { text: string; expected: Record<string, unknown> }[] = [
        { text: head + '      - file:\n', expected: { file: '000_f973f57cc2c34c65.txt' } },
        { text: head + '      - file: 002_70918c043bbcb2f4.txt\n        line:\n', expected: { file: '002_70918c043bbcb2f4.txt', line: 1 } },
        {
          text: head + '      - file: 002_70918c043bbcb2f4.txt\n        line: 21\n        quote:\n',
          expected: { file: '002_70918c043bbcb2f4.txt', line: 21, quote: articles['002_70918c043bbcb2f4.txt'][20] },
        },
      ];
      for (const [i, { text, expected }] of cases.entries()) {
        const doc = await client.open(uri, text, 'fact-sheet', i + 1);
        try {
          await client.waitForVersion(doc);
          const [first] = await completionAt(uri, positionAt(text, text.lastIndexOf(':\n') + 1));
          assert.ok(first, `an item for ${JSON.stringify(text.slice(head.length))}`);
          const edited = applyTextEdits(text, [first.textEdit as TextEdit]);
          assert.deepEqual(parseYaml(edited).facts[0].cite[0], expected, edited.slice(head.length));
        } finally {
          await client.close(doc);
        }
      }
    });

    it('Should offer nothing elsewhere', async () => {
      assert.deepEqual(await completionAt(reykjavikUri, afterText(reykjavik, 'claim: The talks')), []);
    });
  });

  describe('symbols and links', () => {
    it('Should outline the facts by id, with their citations as children', async () => {
      const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: reykjavikUri } })) as DocumentSymbol[];
      const facts = parseYaml(reykjavik).facts as { id: string; cite: unknown }[];
      assert.equal(symbols.length, 38);
      assert.deepEqual(
        symbols.map((s) => s.name),
        facts.map((f) => f.id),
      );
      const name = (c: unknown) => (typeof c === 'string' ? c : `${(c as { file: string }).file}:${(c as { line: string | number }).line}`);
      assert.deepEqual(
        symbols.map((s) => (s.children ?? []).map((c) => c.name)),
        facts.map((f) => (Array.isArray(f.cite) ? f.cite : [f.cite]).map(name)),
      );
      const first = symbols[0];
      const quote1 = 'In Reykjavik, on the sidelines of an Arctic Council meeting';
      const c1 = blockRange(reykjavik, `file: ${ARTICLE_004}\n        line: 2`, quote1);
      const c2 = blockRange(reykjavik, 'file: 003_028d879ad9c7ab06.txt\n        line: 9', 'quote: as part');
      assert.deepEqual(first, {
        name: 'meeting-place',
        detail: 'Blinken and Lavrov met in Reykjavik, Iceland, on the sidelines of a ministerial…',
        kind: SymbolKind.Object,
        range: { start: rangeIn(reykjavik, '- id: meeting-place').start, end: c2.end },
        selectionRange: rangeIn(reykjavik, '- id: meeting-place', 'meeting-place'),
        children: [
          { name: `${ARTICLE_004}:2`, detail: `${TITLE_004} · ${quote1}`, kind: SymbolKind.File, range: c1, selectionRange: c1 },
          { name: '003_028d879ad9c7ab06.txt:9', detail: `${TITLE_003}, News Net Nebraska · as part of the Arctic Council Ministerial Meeting`, kind: SymbolKind.File, range: c2, selectionRange: c2 },
        ],
      });
    });

    it('Should find facts in every sheet by id and claim', async () => {
      const query = (q: string) => client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: q }) as Promise<SymbolInformation[]>;
      const idRange = (text: string, id: string) => rangeIn(text, `- id: ${id}\n`, id);
      const navalny = await query('navalny');
      assert.deepEqual(
        navalny.sort((a, b) => a.location.uri.localeCompare(b.location.uri)),
        [
          {
            name: "navalny-health — Blinken raised concern about Alexei Navalny's health.",
            kind: SymbolKind.Object,
            location: { uri: brokenUri, range: idRange(broken, 'navalny-health') },
            containerName: 'broken.facts.yaml',
          },
          {
            name: 'navalny-health — Blinken raised concern about the health of the jailed opposition figure Alexei…',
            kind: SymbolKind.Object,
            location: { uri: reykjavikUri, range: idRange(reykjavik, 'navalny-health') },
            containerName: 'reykjavik.facts.yaml',
          },
        ],
      );
      // Every word must match, in the id or the claim: "reuters-length" matches by id, "talks" by claim.
      const both = await query('Talks LENGTH');
      const more = fs.readFileSync(path.join(root, 'more.facts.yaml'), 'utf8');
      assert.deepEqual(
        both.map((s) => `${path.basename(s.location.uri)} ${s.name}`).sort(),
        [
          'broken.facts.yaml talks-length — The talks lasted about two hours.',
          'broken.facts.yaml talks-length-reuters — One report puts the talks at one hour and 45 minutes.',
          'broken.facts.yaml talks-length-reuters-two-hours — The talks lasted two hours, Reuters reported.',
          'broken.facts.yaml talks-length-statement — The statement says the talks lasted about two hours.',
          'more.facts.yaml reuters-length — The talks took longer than expected.',
          'reykjavik.facts.yaml talks-length — The talks lasted about two hours.',
          'reykjavik.facts.yaml talks-length-reuters — One report puts the talks at one hour and 45 minutes, longer than expected.',
        ],
      );
      assert.deepEqual(both.find((s) => s.location.uri === moreUri)!.location.range, idRange(more, 'reuters-length'));
      // 38 + 21 + 1 facts, and the four articles with a title in a sources.yaml (three samples, one snapshot).
      assert.equal((await query('')).length, 38 + 21 + 1 + 4);
      assert.deepEqual(await query('no-such-fact'), []);
    });

    it('Should link every `file` value to its article', async () => {
      const links = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: reykjavikUri } });
      const expected: { range: Range; target: string }[] = [];
      const doc = parseDocument(reykjavik);
      assert.equal(doc.errors.length, 0);
      for (const m of reykjavik.matchAll(/(?:file: |- )(\d{3}_[0-9a-f]{16}\.txt)/g)) {
        const start = m.index! + m[0].length - m[1].length;
        expected.push({ range: { start: positionAt(reykjavik, start), end: positionAt(reykjavik, start + m[1].length) }, target: articleUri(m[1]) });
      }
      assert.equal(expected.length, 73);
      assert.deepEqual(
        links!.map((l) => ({ range: l.range, target: l.target })),
        expected,
      );
      const inBroken = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: brokenUri } });
      const targets = inBroken!.map((l) => l.target);
      assert.ok(!targets.some((t) => t!.includes('f5.txt') || t!.includes('haavisto')), 'no link to a missing file or outside the root');
    });
  });
});
