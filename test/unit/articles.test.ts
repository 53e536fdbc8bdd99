/**
 * The article side (FORMAT.md section 6) on the core itself: the code lenses
 * "cited by N facts" of an article's lines and their hover, counted as Find
 * All References lists citations, and the articles of a sources folder no
 * citation resolves to (source-unused).
 */
import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { articles, DEFAULT_OPTIONS, DEFAULT_SEVERITY, FactWorkspace, features, isDiagnosticCode, isEditorCode, nodeFileSystem, runGit, type CheckOptions, type SheetDigest } from '../helpers/core';
import { joinLines } from '../helpers/text';
import { useTempWorkspace, type TempWorkspace } from '../helpers/workspace';

const ARTICLE = joinLines('Line one.', 'Line two.', 'Line three.', 'Line four.', 'Line five.');

function sheet(...facts: { claim: string; cite: string[] }[]): string {
  return joinLines('sources: articles', 'facts:', ...facts.flatMap((f) => [`  - claim: ${f.claim}`, '    cite:', ...f.cite.map((c) => `      - ${c}`)]));
}

function workspaceOf(ws: TempWorkspace, options: CheckOptions = DEFAULT_OPTIONS): FactWorkspace {
  const w = new FactWorkspace({ fs: nodeFileSystem, openSourceText: () => undefined, git: runGit });
  w.setRoots([ws.root]);
  w.setOptions(options);
  w.indexAll();
  return w;
}

function digestsOf(w: FactWorkspace): SheetDigest[] {
  return w.digests().sort((a, b) => (a.path < b.path ? -1 : 1));
}

const toUri = (p: string) => URI.file(p).toString();

/** Each lens as `line: title`, 1-based. */
function titles(lenses: readonly { range: { start: { line: number } }; command?: { title: string } }[]): string[] {
  return lenses.map((l) => `${l.range.start.line + 1}: ${l.command!.title}`);
}

describe('the article side', () => {
  const ws = useTempWorkspace();

  describe('code lenses', () => {
    it('Should count the distinct facts citing each line, a range on each of its lines, across sheets', () => {
      ws.current.files({
        'articles/a.txt': ARTICLE,
        'one.facts.yaml': sheet({ claim: 'Range.', cite: ['a.txt:2-3'] }, { claim: 'Twice.', cite: ['a.txt:3', 'a.txt:3-4'] }),
        'two.facts.yaml': sheet({ claim: 'Other sheet.', cite: ['a.txt:3'] }),
      });
      const w = workspaceOf(ws.current);
      const article = { uri: URI.file(ws.current.path('articles/a.txt')).toString(), path: ws.current.path('articles/a.txt') };
      const lenses = articles.codeLenses(digestsOf(w), article, toUri);
      assert.deepEqual(titles(lenses), ['2: cited by 1 fact', '3: cited by 3 facts', '4: cited by 1 fact']);
    });

    it('Should give each lens the citations Find All References lists for its line, in the same order', () => {
      ws.current.files({
        'articles/a.txt': ARTICLE,
        'one.facts.yaml': sheet({ claim: 'A.', cite: ['a.txt:1-5'] }, { claim: 'B.', cite: ['a.txt:4', 'a.txt:2'] }),
        'two.facts.yaml': sheet({ claim: 'C.', cite: ['a.txt:3-4'] }),
      });
      const w = workspaceOf(ws.current);
      const path = ws.current.path('articles/a.txt');
      const article = { uri: URI.file(path).toString(), path };
      const views = digestsOf(w);
      const lenses = articles.codeLenses(views, article, toUri);
      assert.equal(lenses.length, 5);
      for (const lens of lenses) {
        const line = lens.range.start.line + 1;
        assert.equal(lens.command!.command, 'factNotes.showCitations');
        assert.deepEqual(lens.command!.arguments, [article.uri, { line: line - 1, character: 0 }, features.references(views, path, line, toUri)], `line ${line}`);
      }
    });

    it('Should make no lens past the end of the article, nor for a citation of another file', () => {
      ws.current.files({
        'articles/a.txt': ARTICLE,
        'articles/b.txt': ARTICLE,
        'one.facts.yaml': sheet({ claim: 'Runs past the end.', cite: ['a.txt:4-9'] }, { claim: 'Past the end.', cite: ['a.txt:7'] }, { claim: 'Another file.', cite: ['b.txt:1'] }),
      });
      const w = workspaceOf(ws.current);
      const path = ws.current.path('articles/a.txt');
      assert.deepEqual(titles(articles.codeLenses(digestsOf(w), { uri: URI.file(path).toString(), path }, toUri)), ['4: cited by 1 fact', '5: cited by 1 fact']);
    });

    it('Should make one lens per cited line of a large article with many citations', () => {
      const lines = Array.from({ length: 5000 }, (_, i) => `Line ${i + 1}.`);
      ws.current.files({
        'articles/big.txt': joinLines(...lines),
        'big.facts.yaml': sheet(...lines.map((_, i) => ({ claim: `Fact f${i + 1}.`, cite: [`big.txt:${i + 1}`, `big.txt:${i + 1}-${Math.min(5000, i + 3)}`] }))),
      });
      const w = workspaceOf(ws.current);
      const path = ws.current.path('articles/big.txt');
      const lenses = articles.codeLenses(digestsOf(w), { uri: URI.file(path).toString(), path }, toUri);
      assert.equal(lenses.length, 5000);
      assert.deepEqual(titles(lenses.slice(0, 3)), ['1: cited by 1 fact', '2: cited by 2 facts', '3: cited by 3 facts']);
    });
  });

  describe('hover', () => {
    it('Should list the claims citing a line with their sheet and status, and nothing on an uncited line', () => {
      ws.current.files({
        'articles/a.txt': ARTICLE,
        'one.facts.yaml': sheet({ claim: 'Verified.', cite: ['{ file: a.txt, line: 2, quote: Line two. }'] }, { claim: 'Moved.', cite: ['{ file: a.txt, line: 2, quote: Line four. }'] }),
        'sub/two.facts.yaml': joinLines('sources: ../articles', 'facts:', '  - claim: Elsewhere.', '    cite: a.txt:2'),
      });
      const w = workspaceOf(ws.current);
      const path = ws.current.path('articles/a.txt');
      const article = { uri: URI.file(path).toString(), path };
      const views = digestsOf(w);
      assert.equal(articles.hover(views, article, 1, () => ws.current.root, toUri), null);
      const hover = articles.hover(views, article, 2, () => ws.current.root, toUri)!;
      const value = (hover.contents as { value: string }).value.replace(/\\(.)/g, '$1');
      assert.match(value, /^\*\*Cited by 3 facts\*\* \(line 2\)/);
      assert.match(value, /\*\*Verified\.\*\* — \[one\.facts\.yaml\]\(file:\/\/.*one\.facts\.yaml#L5\): ✓ quote verified/);
      assert.match(value, /\*\*Moved\.\*\* — \[one\.facts\.yaml\]\(.*#L8\): ✗ quote-moved: Change line to 4: the quote is there, not on line 2/);
      assert.match(value, /\*\*Elsewhere\.\*\* — \[sub\/two\.facts\.yaml\]\(.*\): ✓ line exists/);
    });
  });

  describe('source-unused', () => {
    it('Should report each article of a sources folder that no citation resolves to, once, however many sheets share the folder', () => {
      ws.current.files({
        'articles/a.txt': ARTICLE,
        'articles/b.txt': ARTICLE,
        'articles/c.md': ARTICLE,
        'articles/.hidden.txt': ARTICLE,
        'articles/inner.facts.yaml': 'facts: []\n',
        'articles/sub/deep.txt': ARTICLE,
        'notes.txt': ARTICLE,
        'one.facts.yaml': sheet({ claim: 'A.', cite: ['a.txt:1'] }),
        'two.facts.yaml': sheet({ claim: 'Being written.', cite: ['{ file: c.md }'] }),
        '.drafts/x.txt': ARTICLE,
      });
      const w = workspaceOf(ws.current);
      // A sheet discovery does not find (in a dot-folder), open in an editor: its folder is no sources folder.
      w.setSheetText(ws.current.path('.drafts/d.facts.yaml'), joinLines('facts: []'), 1);
      assert.deepEqual(w.unusedSources(), [{ path: ws.current.path('articles/b.txt'), folder: 'articles', severity: 'hint' }]);
    });

    it('Should name the workspace folder when the sources folder is the workspace folder, and report nothing outside it', () => {
      ws.current.files({ 'root/a.txt': ARTICLE, 'root/s.facts.yaml': joinLines('facts: []'), 'root/up.facts.yaml': joinLines('sources: ..', 'facts: []'), 'outside.txt': ARTICLE });
      const w = new FactWorkspace({ fs: nodeFileSystem, openSourceText: () => undefined, git: runGit });
      w.setRoots([ws.current.path('root')]);
      w.indexAll();
      assert.deepEqual(w.unusedSources(), [{ path: ws.current.path('root/a.txt'), folder: 'root', severity: 'hint' }]);
    });

    it('Should give only what changed since it was last asked, and nothing with the setting off', () => {
      ws.current.files({ 'articles/a.txt': ARTICLE, 'articles/b.txt': ARTICLE, 'one.facts.yaml': sheet({ claim: 'A.', cite: ['a.txt:1'] }) });
      const w = workspaceOf(ws.current);
      const b = ws.current.path('articles/b.txt');
      const unused = { path: b, folder: 'articles', severity: 'hint' };
      assert.deepEqual(w.takeUnusedChanges(), [{ path: b, unused }]);
      assert.deepEqual(w.takeUnusedChanges(), []);
      w.setSheetText(ws.current.path('one.facts.yaml'), sheet({ claim: 'A.', cite: ['a.txt:1', 'b.txt:2'] }), 1);
      w.check(ws.current.path('one.facts.yaml'));
      assert.deepEqual(w.takeUnusedChanges(), [{ path: b }]);
      w.setSheetText(ws.current.path('one.facts.yaml'), sheet({ claim: 'A.', cite: ['a.txt:1'] }), 2);
      w.check(ws.current.path('one.facts.yaml'));
      assert.deepEqual(w.takeUnusedChanges(), [{ path: b, unused }]);
      w.setOptions({ ...DEFAULT_OPTIONS, severity: { 'source-unused': 'warning' } });
      assert.deepEqual(w.takeUnusedChanges(), [{ path: b, unused: { ...unused, severity: 'warning' } }]);
      w.setOptions({ ...DEFAULT_OPTIONS, severity: { 'source-unused': 'off' } });
      assert.deepEqual(w.unusedSources(), []);
      assert.deepEqual(w.takeUnusedChanges(), [{ path: b }]);
    });

    it('Should make one hint at the start of the article, in words for a reporter', () => {
      assert.deepEqual(articles.unusedSourceDiagnostic({ path: '/w/articles/b.txt', folder: 'articles', severity: 'hint' }), {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 4,
        code: 'source-unused',
        source: 'fact-notes',
        message: 'No fact cites this article. Cite it from a sheet, or move it out of the sources folder "articles".',
      });
    });

    it('Should be an editor code, unknown to the command line and to the codes of FORMAT.md section 5', () => {
      assert.ok(isEditorCode('source-unused'));
      assert.ok(!isDiagnosticCode('source-unused'));
      assert.ok(!('source-unused' in DEFAULT_SEVERITY));
    });
  });
});
