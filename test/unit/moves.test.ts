/**
 * Issue 13: the edits that keep a sheet's citations pointing at the same
 * articles when articles, folders or the sheet itself move.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyEdits, movedPath, parseSheet, sheetEditsForMoves, type Move } from '../helpers/core';
import { joinLines } from '../helpers/text';

const ROOT = path.resolve('/work/newsroom');
const at = (...parts: string[]) => path.join(ROOT, ...parts);
const SHEET = at('notes.facts.yaml');

function moved(text: string, moves: readonly Move[], sheetPath = SHEET): string {
  return applyEdits(text, sheetEditsForMoves(sheetPath, text, moves).edits);
}

describe('Moves (issue 13)', () => {
  describe('movedPath', () => {
    it('moves a file, and what a moved folder holds, by the most specific move', () => {
      const moves = [
        { from: at('articles'), to: at('sources') },
        { from: at('articles', 'a.txt'), to: at('kept', 'a.txt') },
      ];
      assert.equal(movedPath(at('articles', 'b.txt'), moves), at('sources', 'b.txt'));
      assert.equal(movedPath(at('articles', 'a.txt'), moves), at('kept', 'a.txt'));
      assert.equal(movedPath(at('articles'), moves), at('sources'));
      assert.equal(movedPath(at('articles-2', 'a.txt'), moves), undefined, 'a folder whose name starts the same is another folder');
    });
  });

  describe('an article renamed', () => {
    const moves = [{ from: at('articles', 'a.txt'), to: at('articles', 'a-reuters.txt') }];

    it('rewrites every citation of it, in each of its forms, and nothing else', () => {
      const text = joinLines(
        '# The sheet keeps its comments.',
        'sources: articles',
        'facts:',
        '  - claim: Block form',
        '    cite:',
        '      - file: a.txt   # the wire report',
        '        line: 2',
        "      - file: 'a.txt'",
        '        line: 3',
        '      - file: "a.txt"',
        '        line: 4',
        '      - {file: a.txt, line: 5}',
        '      - file: b.txt',
        '        line: 1',
        '  - claim: Compact forms',
        '    cite: [a.txt:6, "a.txt:7-8", b.txt:2]',
        '  - claim: One compact citation',
        '    cite: a.txt:9',
      );
      assert.equal(
        moved(text, moves),
        joinLines(
          '# The sheet keeps its comments.',
          'sources: articles',
          'facts:',
          '  - claim: Block form',
          '    cite:',
          '      - file: a-reuters.txt   # the wire report',
          '        line: 2',
          "      - file: 'a-reuters.txt'",
          '        line: 3',
          '      - file: "a-reuters.txt"',
          '        line: 4',
          '      - {file: a-reuters.txt, line: 5}',
          '      - file: b.txt',
          '        line: 1',
          '  - claim: Compact forms',
          '    cite: [a-reuters.txt:6, "a-reuters.txt:7-8", b.txt:2]',
          '  - claim: One compact citation',
          '    cite: a-reuters.txt:9',
        ),
      );
      const { changed, stuck } = sheetEditsForMoves(SHEET, text, moves);
      assert.equal(changed.length, 7);
      assert.deepEqual(stuck, []);
      assert.ok(changed.every((c) => c.key === 'file' && c.before === 'a.txt' && c.after === 'a-reuters.txt'));
    });

    it('writes a new name that needs quotes in quotes', () => {
      const text = joinLines('sources: articles', 'facts:', '  - claim: C', '    cite:', '      - file: a.txt', '        line: 2');
      const to = [{ from: at('articles', 'a.txt'), to: at('articles', 'a: the #1 report.txt') }];
      const after = moved(text, to);
      assert.equal(parseSheet(after).sheet.facts[0].citations[0].file!.value, 'a: the #1 report.txt');
      assert.ok(!parseSheet(after).diagnostics.some((d) => d.code === 'yaml-syntax'));
    });

    it('leaves a sheet that does not cite it as it is', () => {
      const text = joinLines('sources: articles', 'facts:', '  - claim: C', '    cite: b.txt:1');
      assert.deepEqual(sheetEditsForMoves(SHEET, text, moves), { edits: [], changed: [], stuck: [] });
    });

    it('names what it cannot rewrite in place: an escaped compact citation, a compact one the new name would break', () => {
      const escaped = joinLines('sources: articles', 'facts:', '  - claim: C', '    cite: "a\\u002etxt:7"');
      const r = sheetEditsForMoves(SHEET, escaped, moves);
      assert.deepEqual(r.edits, []);
      assert.deepEqual(r.stuck.map((s) => [s.before, s.after]), [['a.txt', 'a-reuters.txt']]);
      const plain = joinLines('sources: articles', 'facts:', '  - claim: C', '    cite: a.txt:7');
      const breaking = sheetEditsForMoves(SHEET, plain, [{ from: at('articles', 'a.txt'), to: at('articles', 'a #1.txt') }]);
      assert.deepEqual(breaking.edits, [], 'a compact citation that would read as "a" with a comment is not written');
      assert.deepEqual(breaking.stuck.map((s) => s.after), ['a #1.txt']);
    });

    it('moves it to another folder, relative to the sheet\'s sources', () => {
      const text = joinLines('sources: articles', 'facts:', '  - claim: C', '    cite: a.txt:1');
      assert.equal(moved(text, [{ from: at('articles', 'a.txt'), to: at('archive', '2021', 'a.txt') }]), joinLines('sources: articles', 'facts:', '  - claim: C', '    cite: ../archive/2021/a.txt:1'));
    });
  });

  describe('a folder moved', () => {
    it('changes the sources value once, not every citation', () => {
      const text = joinLines('sources: articles', 'facts:', '  - claim: C', '    cite: [a.txt:1, b.txt:2]');
      const edits = sheetEditsForMoves(SHEET, text, [{ from: at('articles'), to: at('sources') }]);
      assert.deepEqual(edits.changed.map((c) => [c.key, c.before, c.after]), [['sources', 'articles', 'sources']]);
      assert.equal(applyEdits(text, edits.edits), joinLines('sources: sources', 'facts:', '  - claim: C', '    cite: [a.txt:1, b.txt:2]'));
    });

    it('rewrites the citations of a sheet without a sources key', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite: [articles/a.txt:1, other/b.txt:2]');
      assert.equal(moved(text, [{ from: at('articles'), to: at('sources') }]), joinLines('facts:', '  - claim: C', '    cite: [sources/a.txt:1, other/b.txt:2]'));
    });

    it('leaves a sheet moved along with its sources folder as it is', () => {
      const sheet = at('desk', 'notes.facts.yaml');
      const text = joinLines('sources: articles', 'facts:', '  - claim: C', '    cite: a.txt:1');
      assert.deepEqual(sheetEditsForMoves(sheet, text, [{ from: at('desk'), to: at('archive', 'desk') }]).edits, []);
    });

    it('moves several files at once', () => {
      const text = joinLines('sources: articles', 'facts:', '  - claim: C', '    cite: [a.txt:1, b.txt:2, c.txt:3]');
      const moves = [
        { from: at('articles', 'a.txt'), to: at('articles', 'x.txt') },
        { from: at('articles', 'b.txt'), to: at('articles', 'y.txt') },
      ];
      assert.equal(moved(text, moves), joinLines('sources: articles', 'facts:', '  - claim: C', '    cite: [x.txt:1, y.txt:2, c.txt:3]'));
    });
  });

  describe('the sheet moved', () => {
    it('keeps pointing at the same sources folder', () => {
      const text = joinLines('title: T', 'sources: articles', 'facts:', '  - claim: C', '    cite: a.txt:1');
      const after = moved(text, [{ from: SHEET, to: at('desk', 'notes.facts.yaml') }]);
      assert.equal(after, joinLines('title: T', 'sources: ../articles', 'facts:', '  - claim: C', '    cite: a.txt:1'));
    });

    it('rewrites its citations when it has no sources key', () => {
      const text = joinLines('facts:', '  - claim: C', '    cite: articles/a.txt:1');
      const after = moved(text, [{ from: SHEET, to: at('desk', 'notes.facts.yaml') }]);
      assert.equal(after, joinLines('facts:', '  - claim: C', '    cite: ../articles/a.txt:1'));
    });

    it('follows its articles when both move', () => {
      const text = joinLines('sources: articles', 'facts:', '  - claim: C', '    cite: a.txt:1');
      const moves = [
        { from: SHEET, to: at('desk', 'notes.facts.yaml') },
        { from: at('articles'), to: at('desk', 'articles') },
      ];
      assert.deepEqual(sheetEditsForMoves(SHEET, text, moves).edits, []);
    });
  });
});
