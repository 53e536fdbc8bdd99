/**
 * The article side (FORMAT.md section 6) from the real server over stdio: in
 * an article, a code lens "cited by N facts" above each cited line, whose
 * command lists the same citations as Find All References; a hover with the
 * claims citing a line; and source-unused, once, for an article of a
 * sources folder that no citation resolves to.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CodeLensRefreshRequest,
  CodeLensRequest,
  DiagnosticSeverity,
  FileChangeType,
  HoverRequest,
  MarkupKind,
  ReferencesRequest,
  WorkspaceSymbolRequest,
  type CodeLens,
  type Hover,
  type Location,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver-protocol';
import { copySamples, LspClient, removeFolder, uriOf, type OpenDocument } from './client';
import { unescapeMarkdown } from './expected';

const ARTICLE_002 = '002_70918c043bbcb2f4.txt';
const ARTICLE_004 = '004_03f832fef03921f4.txt';
const UNUSED = 'articles/005_unused.txt';
const UNUSED_MESSAGE = 'No fact cites this article. Cite it from a sheet, or move it out of the sources folder "articles".';

/** Each lens as `line: title`, 1-based, as a reporter reads it. */
function titles(lenses: readonly CodeLens[]): Map<number, string> {
  return new Map(lenses.map((l) => [l.range.start.line + 1, l.command!.title]));
}

/** The sheets (by file name) and 1-based sheet lines of a lens's citations. */
function citedFrom(lens: CodeLens | undefined): string[] {
  assert.ok(lens, 'a lens');
  const locations = lens.command!.arguments![2] as Location[];
  return locations.map((l) => `${path.basename(l.uri)}:${l.range.start.line + 1}`);
}

describe('Protocol: the article side', function () {
  describe('code lenses and hover in the samples', () => {
    let root: string;
    let client: LspClient;
    let article002: OpenDocument;
    let article004: OpenDocument;
    const lensesOf = (uri: string) => client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) as Promise<CodeLens[] | null>;
    const referencesAt = (uri: string, position: Position) =>
      client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration: true } }) as Promise<Location[] | null>;
    const hoverAt = (uri: string, line: number) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: line - 1, character: 3 } }) as Promise<Hover | null>;
    const markdown = (hover: Hover | null): string => {
      assert.ok(hover, 'a hover');
      const contents = hover.contents as MarkupContent;
      assert.equal(contents.kind, MarkupKind.Markdown);
      return unescapeMarkdown(contents.value);
    };

    before(async () => {
      root = copySamples();
      client = await LspClient.start({ root });
      await client.waitForDiagnostics(uriOf(path.join(root, 'broken.facts.yaml')));
      await client.waitForDiagnostics(uriOf(path.join(root, 'reykjavik.facts.yaml')));
      article002 = await client.openFile(`articles/${ARTICLE_002}`);
      article004 = await client.openFile(`articles/${ARTICLE_004}`);
    });
    after(async () => {
      await client.stop();
      removeFolder(root);
    });

    it('Should announce code lenses, resolved at once', () => {
      assert.deepEqual(client.initializeResult?.capabilities.codeLensProvider, { resolveProvider: false });
    });

    it('Should count the facts citing a line, across both sheets, and a range on each of its lines', async () => {
      const lenses002 = titles((await lensesOf(article002.uri))!);
      // 23-25 is one citation of finland-offer (reykjavik); broken.facts.yaml also cites 23, and two more facts of reykjavik cite 25.
      assert.equal(lenses002.get(23), 'cited by 2 facts');
      assert.equal(lenses002.get(24), 'cited by 1 fact');
      assert.equal(lenses002.get(25), 'cited by 3 facts');
      // Line 3 is cited by three facts of reykjavik and one of broken.
      assert.equal(lenses002.get(3), 'cited by 4 facts');
      assert.equal(lenses002.get(2), undefined, 'an uncited line has no lens');
      assert.ok(Math.max(...lenses002.keys()) <= 41, 'no lens past the end of the article (broken.facts.yaml cites line 43 of 41)');
      const lenses004 = titles((await lensesOf(article004.uri))!);
      assert.equal(lenses004.get(2), 'cited by 3 facts');
      // 8-9 (whelan-reed) and three single-line citations of 9, one of them in broken.facts.yaml.
      assert.equal(lenses004.get(9), 'cited by 4 facts');
      assert.equal(lenses004.get(1), undefined);
    });

    it('Should give each lens the command factNotes.showCitations with the article, the line and the citations', async () => {
      const lenses = (await lensesOf(article004.uri))!;
      const line2 = lenses.find((l) => l.range.start.line === 1)!;
      assert.deepEqual(line2.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } });
      assert.equal(line2.command!.command, 'factNotes.showCitations');
      const [uri, position] = line2.command!.arguments!;
      assert.equal(uri, article004.uri);
      assert.deepEqual(position, { line: 1, character: 0 });
      const from = citedFrom(line2);
      assert.equal(from.filter((s) => s.startsWith('broken.facts.yaml:')).length, 1);
      assert.equal(from.filter((s) => s.startsWith('reykjavik.facts.yaml:')).length, 2);
      assert.ok(!lenses.some((l) => l.data !== undefined), 'nothing left to resolve');
    });

    it('Should list in each lens exactly the citations Find All References lists for its line, and make no lens where it lists none', async () => {
      for (const doc of [article002, article004]) {
        const lenses = titles((await lensesOf(doc.uri))!);
        const byLine = new Map(((await lensesOf(doc.uri)) ?? []).map((l) => [l.range.start.line, l]));
        const lineCount = doc.text.replace(/\n$/, '').split('\n').length;
        for (let line = 0; line < lineCount; line++) {
          const references = (await referencesAt(doc.uri, { line, character: 0 })) ?? [];
          const lens = byLine.get(line);
          assert.deepEqual(lens ? lens.command!.arguments![2] : [], references, `line ${line + 1} of ${path.basename(doc.uri)}`);
          if (lens) assert.match(lenses.get(line + 1)!, /^cited by \d+ facts?$/);
        }
      }
    });

    it('Should hover a cited line with each claim, its sheet and the citation status in words', async () => {
      const text = markdown(await hoverAt(article004.uri, 2));
      assert.match(text, /^\*\*Cited by 3 facts\*\* \(line 2\)/);
      assert.ok(text.includes('**Blinken and Lavrov met in Reykjavik on the sidelines of an Arctic Council meeting.** — [broken.facts.yaml]('), text);
      assert.ok(text.includes('**The talks were held on Wednesday evening, Reykjavik time.** — [reykjavik.facts.yaml]('), text);
      assert.equal((text.match(/✓ quote verified/g) ?? []).length, 3, text);
    });

    it('Should say the problem of a broken citation in the hover of its line', async () => {
      const text = markdown(await hoverAt(article004.uri, 5));
      const sheet = fs.readFileSync(path.join(root, 'broken.facts.yaml'), 'utf8');
      // The citation of talks-length-reuters, 1-based.
      const citationLine = sheet.slice(0, sheet.indexOf(`- file: ${ARTICLE_004}\n        # quote-moved`)).split('\n').length;
      assert.ok(
        text.includes(
          '**One report puts the talks at one hour and 45 minutes.** — [broken.facts.yaml](' +
            uriOf(path.join(root, 'broken.facts.yaml')) +
            `#L${citationLine}): ✗ quote-moved: Change line to 6: the quote is there, not on line 5 of "004_03f832fef03921f4.txt".`,
        ),
        text,
      );
    });

    it('Should show nothing on an uncited line of an article', async () => {
      assert.equal(await hoverAt(article004.uri, 1), null);
      assert.equal(await hoverAt(article004.uri, 3), null);
      assert.deepEqual(client.errors(), []);
    });
  });

  describe('code lenses refreshed as sheets change', () => {
    let root: string;
    let client: LspClient;
    let refreshes = 0;

    before(async () => {
      root = copySamples();
      client = await LspClient.start({
        root,
        capabilities: {
          workspace: { configuration: true, workspaceFolders: true, codeLens: { refreshSupport: true } },
          textDocument: { publishDiagnostics: { versionSupport: true } },
        },
      });
      client.connection.onRequest(CodeLensRefreshRequest.type, () => {
        refreshes++;
        return null;
      });
      await client.waitForDiagnostics(uriOf(path.join(root, 'reykjavik.facts.yaml')));
    });
    after(async () => {
      await client.stop();
      removeFolder(root);
    });

    it('Should ask the editor for new lenses once a sheet edit is checked while an article is open', async () => {
      await client.openFile(`articles/${ARTICLE_004}`);
      const sheet = await client.openFile('reykjavik.facts.yaml');
      await client.waitForVersion(sheet);
      const before = refreshes;
      await client.replace(sheet, '      - 001_bf5dda1e6c24b09d.txt:31\n', `      - 001_bf5dda1e6c24b09d.txt:31\n      - ${ARTICLE_004}:1\n`);
      await client.waitForVersion(sheet);
      await client.waitUntil(
        () => (refreshes > before ? true : undefined),
        () => 'a workspace/codeLens/refresh request',
      );
      const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uriOf(path.join(root, 'articles', ARTICLE_004)) } }))!;
      assert.equal(titles(lenses).get(1), 'cited by 1 fact');
    });
  });

  describe('source-unused', () => {
    let root: string;
    let client: LspClient;
    let unusedUri: string;
    /** Files that are not articles of a sources folder: outside it, in a sub-folder, a dot-file. */
    let notArticles: string[];

    before(async () => {
      root = copySamples({ 'notes/outside.txt': 'Not in a sources folder.\n', 'articles/sub/deep.txt': 'In a sub-folder.\n', 'articles/.draft.txt': 'A dot-file.\n' });
      unusedUri = uriOf(path.join(root, UNUSED));
      notArticles = ['notes/outside.txt', 'articles/sub/deep.txt', 'articles/.draft.txt', 'README.md'].map((f) => uriOf(path.join(root, f)));
      client = await LspClient.start({ root });
    });
    after(async () => {
      await client.stop();
      removeFolder(root);
    });

    /** Every message sent before an answer to a request sent now has been received. */
    const roundTrip = () => client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'nothing-matches-this' });

    it('Should publish nothing for the samples, whose articles are all cited', async () => {
      const sheets = ['broken.facts.yaml', 'reykjavik.facts.yaml'].map((f) => uriOf(path.join(root, f)));
      for (const uri of sheets) await client.waitForDiagnostics(uri);
      await roundTrip();
      assert.deepEqual([...client.published.keys()].sort(), sheets.sort());
    });

    it('Should report an uncited article added to the sources folder, once, as a hint at its start', async () => {
      fs.writeFileSync(path.join(root, UNUSED), 'Nobody cites this article.\n');
      await client.filesChanged([{ uri: unusedUri, type: FileChangeType.Created }]);
      const published = await client.waitForDiagnostics(unusedUri, (p) => p.diagnostics.length > 0);
      assert.deepEqual(published.diagnostics, [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Hint,
          code: 'source-unused',
          source: 'fact-notes',
          message: UNUSED_MESSAGE,
        },
      ]);
      await roundTrip();
      assert.equal(client.published.get(unusedUri)!.length, 1, 'published once, although two sheets share the folder');
      for (const uri of notArticles) assert.equal(client.published.get(uri), undefined, uri);
    });

    it('Should withdraw it when an edit of a sheet cites the article, and report it again when the citation goes', async () => {
      const sheet = await client.openFile('reykjavik.facts.yaml');
      await client.replace(sheet, '      - 001_bf5dda1e6c24b09d.txt:31\n', '      - 001_bf5dda1e6c24b09d.txt:31\n      - 005_unused.txt:1\n');
      assert.deepEqual((await client.waitForVersion(sheet)).diagnostics, []);
      await client.waitForDiagnostics(unusedUri, (p) => p.diagnostics.length === 0);
      await client.replace(sheet, '      - 005_unused.txt:1\n', '');
      await client.waitForVersion(sheet);
      const again = await client.waitForDiagnostics(unusedUri, (p) => p.diagnostics.length > 0);
      assert.equal(again.diagnostics[0].message, UNUSED_MESSAGE);
      await roundTrip();
      assert.deepEqual(
        client.published.get(unusedUri)!.map((p) => p.diagnostics.length),
        [1, 0, 1],
        'published only when it changed',
      );
      for (const uri of notArticles) assert.equal(client.published.get(uri), undefined, uri);
      assert.deepEqual(client.errors(), []);
    });

    it('Should withdraw it when the article is deleted', async () => {
      fs.rmSync(path.join(root, UNUSED));
      await client.filesChanged([{ uri: unusedUri, type: FileChangeType.Deleted }]);
      await client.waitForDiagnostics(unusedUri, (p) => p.diagnostics.length === 0);
    });
  });

  describe('source-unused with factNotes.severity.source-unused', () => {
    let root: string;
    let client: LspClient;
    let unusedUri: string;

    before(async () => {
      root = copySamples({ [UNUSED]: 'Nobody cites this article.\n' });
      unusedUri = uriOf(path.join(root, UNUSED));
      client = await LspClient.start({ root, settings: { factNotes: { severity: { 'source-unused': 'off' } } } });
    });
    after(async () => {
      await client.stop();
      removeFolder(root);
    });

    it('Should report nothing while it is off', async () => {
      await client.waitForDiagnostics(uriOf(path.join(root, 'broken.facts.yaml')));
      await client.waitForDiagnostics(uriOf(path.join(root, 'reykjavik.facts.yaml')));
      await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'nothing-matches-this' });
      assert.equal(client.published.get(unusedUri), undefined);
    });

    it('Should report it with the configured severity once the setting changes, and withdraw it when it is off again', async () => {
      await client.changeSettings({ factNotes: { severity: { 'source-unused': 'warning' } } });
      const published = await client.waitForDiagnostics(unusedUri, (p) => p.diagnostics.length > 0);
      assert.equal(published.diagnostics[0].severity, DiagnosticSeverity.Warning);
      assert.equal(published.diagnostics[0].message, UNUSED_MESSAGE);
      await client.changeSettings({ factNotes: { severity: { 'source-unused': 'off' } } });
      await client.waitForDiagnostics(unusedUri, (p) => p.diagnostics.length === 0);
      assert.deepEqual(
        client.logs.filter((l) => l.message.includes('source-unused')),
        [],
        'the setting is known, not ignored',
      );
    });
  });
  describe('while the workspace is indexed', () => {
    let root: string;
    let client: LspClient;
    before(() => {
      root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fact-notes-indexing-')));
      fs.mkdirSync(path.join(root, 'articles'));
      fs.mkdirSync(path.join(root, 'sheets'));
      const line = (a: number, l: number) => `Article ${a} line ${l} says the ministers met in Reykjavik for the ${l}th time.`;
      for (let a = 0; a < 40; a++) fs.writeFileSync(path.join(root, 'articles', `a${a}.txt`), Array.from({ length: 30 }, (_, l) => line(a, l + 1)).join('\n') + '\n');
      fs.writeFileSync(path.join(root, 'articles', 'uncited.txt'), 'Nobody cites this article.\n');
      for (let s = 0; s < 500; s++) {
        const facts = Array.from({ length: 20 }, (_, f) => {
          const a = (s * 7 + f) % 40;
          const l = ((s + f) % 30) + 1;
          return `  - claim: Fact ${f} of sheet ${s}.\n    cite:\n      - file: a${a}.txt\n        line: ${l}\n        quote: "line ${l} says the ministers met"`;
        });
        fs.writeFileSync(path.join(root, 'sheets', `s${s}.facts.yaml`), `sources: ../articles\nfacts:\n${facts.join('\n')}\n`);
      }
    });
    after(async () => {
      await client?.stop();
      removeFolder(root);
    });

    it('Should report an uncited article only once every sheet is checked, however the edits of an open sheet pause', async function () {
      this.timeout(60_000);
      client = await LspClient.start({ root });
      const sheets = Array.from({ length: 500 }, (_, s) => uriOf(path.join(root, 'sheets', `s${s}.facts.yaml`)));
      const doc = await client.openFile('sheets/s0.facts.yaml');
      // Edits with pauses longer than the articles' side waits (200 ms), until the index is done.
      let editing = true;
      const edits = (async () => {
        for (let i = 0; editing && i < 200; i++) {
          await client.replace(doc, i % 2 === 0 ? 'Fact 0 ' : 'Fact 0x ', i % 2 === 0 ? 'Fact 0x ' : 'Fact 0 ');
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      })();
      let sheetsDone = -1;
      const unusedUri = uriOf(path.join(root, 'articles', 'uncited.txt'));
      await client.waitForDiagnostics(
        unusedUri,
        (p) => {
          if (p.diagnostics.length === 0) return false;
          sheetsDone = sheets.filter((u) => client.published.has(u)).length;
          return true;
        },
        50_000,
      );
      editing = false;
      await edits;
      assert.equal(sheetsDone, sheets.length, 'every sheet had its diagnostics before the article side looked at them all');
    });

    it('Should publish the sheets still waiting when Find All References needs every sheet, before it answers', async function () {
      this.timeout(60_000);
      const own = await LspClient.start({ root });
      try {
        const sheets = Array.from({ length: 500 }, (_, s) => uriOf(path.join(root, 'sheets', `s${s}.facts.yaml`)));
        // As soon as the first sheets are out, while most wait for their turn in the slices.
        while (!sheets.some((u) => own.published.has(u))) await new Promise((resolve) => setTimeout(resolve, 5));
        const before = sheets.filter((u) => own.published.has(u)).length;
        const found = (await own.connection.sendRequest(ReferencesRequest.type, {
          textDocument: { uri: uriOf(path.join(root, 'articles', 'a0.txt')) },
          position: { line: 0, character: 0 },
          context: { includeDeclaration: true },
        })) as Location[] | null;
        const published = sheets.filter((u) => own.published.has(u)).length;
        assert.ok(before < sheets.length / 2, `most sheets still waited (${before} were out)`);
        assert.ok((found ?? []).length > 0, 'a0.txt line 1 is cited');
        assert.equal(published, sheets.length, 'every sheet had its diagnostics when the answer came (they were checked for it, and not checked again later)');
      } finally {
        await own.stop();
      }
    });
  });
});
