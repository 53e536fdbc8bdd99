import * as assert from 'node:assert/strict';
import { AnchorMapping, DiffMapping, GitHistory, runGit, settle, supports, type Anchor, type EvidenceNeed, type FactDiagnostic } from '../helpers/core';
import { git, hasGit } from '../helpers/git';
import { useTempWorkspace } from '../helpers/workspace';

function anchors(...pairs: [number, number][]): Anchor[] {
  return pairs.map(([o, n]) => ({ old: o, new: n }));
}

function need(cited: [number, number], candidate: [number, number]): EvidenceNeed {
  return { source: '/ws/a.txt', cited: { first: cited[0], last: cited[1] }, candidate: { first: candidate[0], last: candidate[1] }, fix: 0, confirmed: 'Re-anchor: confirmed.' };
}


describe('evidence for a repair (FORMAT.md 4.2)', () => {
  describe('the line mapping from anchors', () => {
    it('places lines between two anchors that moved by the same amount exactly, shifted by it', () => {
      const m = new AnchorMapping(anchors([3, 5], [9, 11]));
      assert.deepEqual(m.place({ first: 6, last: 6 }), { kind: 'exact', first: 8, last: 8 });
    });

    it('places lines in a gap whose size changed anywhere inside it, and no further', () => {
      const m = new AnchorMapping(anchors([3, 5], [9, 14]));
      assert.deepEqual(m.place({ first: 6, last: 7 }), { kind: 'within', first: 6, last: 13 });
    });

    it('shifts lines past the last anchor (or before the first) by that anchor\'s shift', () => {
      const m = new AnchorMapping(anchors([3, 5]));
      assert.deepEqual(m.place({ first: 10, last: 11 }), { kind: 'exact', first: 12, last: 13 });
      assert.deepEqual(m.place({ first: 1, last: 1 }), { kind: 'exact', first: 3, last: 3 });
    });

    it('uses an anchor on the cited lines themselves', () => {
      const m = new AnchorMapping(anchors([3, 5], [7, 10], [12, 14]));
      assert.deepEqual(m.place({ first: 7, last: 8 }), { kind: 'exact', first: 10, last: 11 });
    });

    it('keeps the anchors monotone: one that goes against the others is dropped', () => {
      // 5 -> 2 goes against 2 -> 3 and 3 -> 5 (a quote that also occurs earlier in the text).
      const m = new AnchorMapping(anchors([2, 3], [3, 5], [5, 2], [7, 9], [9, 11]));
      assert.equal(m.size, 4);
      assert.deepEqual(m.place({ first: 6, last: 6 }), { kind: 'exact', first: 8, last: 8 });
    });

    it('drops the anchors two equally long chains disagree on', () => {
      // 4 -> 9 or 5 -> 8: which one is right cannot be told; 2 -> 2 and 10 -> 12 hold either way.
      const m = new AnchorMapping(anchors([2, 2], [4, 9], [5, 8], [10, 12]));
      assert.equal(m.size, 2);
      assert.deepEqual(m.place({ first: 4, last: 4 }), { kind: 'within', first: 3, last: 11 });
    });

    it('knows nothing without anchors', () => {
      assert.deepEqual(new AnchorMapping([]).place({ first: 4, last: 4 }), { kind: 'unknown' });
    });
  });

  describe('the line mapping from a diff', () => {
    const old = ['a', '', 'b', '', 'c', '', 'd'];

    it('maps unchanged lines exactly and a changed line to what it became', () => {
      const now = ['new', '', 'a', '', 'b', '', 'C!', '', 'd'];
      const m = new DiffMapping(old, now);
      assert.deepEqual(m.place({ first: 3, last: 3 }), { kind: 'exact', first: 5, last: 5 });
      assert.deepEqual(m.place({ first: 5, last: 5 }), { kind: 'within', first: 7, last: 7 });
    });

    it('keeps a changed paragraph with the paragraphs inserted beside it (blank lines are not matched)', () => {
      const now = ['a', '', 'new one', '', 'new two', '', 'b!', '', 'c', '', 'd'];
      assert.deepEqual(new DiffMapping(old, now).place({ first: 3, last: 3 }), { kind: 'within', first: 3, last: 7 });
    });

    it('says a deleted line went nowhere', () => {
      const m = new DiffMapping(old, ['a', '', 'b', '', 'd']);
      const placed = m.place({ first: 5, last: 5 });
      assert.equal(placed.kind, 'within');
      assert.ok(placed.kind === 'within' && placed.first > placed.last);
    });
  });

  describe('supports', () => {
    it('supports a candidate where the anchors put the cited lines, and no other', () => {
      const sources = { anchors: () => anchors([3, 5], [9, 11]) };
      assert.equal(supports(need([6, 6], [8, 8]), sources), true);
      assert.equal(supports(need([6, 6], [15, 15]), sources), false);
    });

    it('supports nothing without anchors or history: similarity alone is not evidence', () => {
      assert.equal(supports(need([6, 6], [6, 6]), { anchors: () => [] }), false);
    });

    it('lets the history decide over the anchors when there is one', () => {
      const history = new DiffMapping(['x', 'y', 'z'], ['x', 'y', 'z2']);
      const sources = { anchors: () => anchors([1, 5]), history: () => history };
      assert.equal(supports(need([3, 3], [3, 3]), sources), true);
      assert.equal(supports(need([3, 3], [7, 7]), sources), false);
    });
  });

  describe('settle', () => {
    const fixes = [
      { title: 'Re-anchor to line 8', preferred: false, edits: [{ span: { start: 0, end: 1 }, newText: '8' }] },
      { title: 'Re-anchor to line 15', preferred: false, edits: [{ span: { start: 0, end: 1 }, newText: '15' }] },
    ];
    const waiting = (n: EvidenceNeed): FactDiagnostic => ({ code: 'quote-not-found', severity: 'error', span: { start: 0, end: 1 }, message: 'nothing shows it', fixes, needs: n });

    it('makes the supported repair preferred and first, with the message that says why', () => {
      const [d] = settle([waiting({ ...need([6, 6], [15, 15]), fix: 1 })], { anchors: () => anchors([3, 12], [9, 18]) });
      assert.equal(d.message, 'Re-anchor: confirmed.');
      assert.deepEqual(
        d.fixes.map((f) => [f.title, f.preferred]),
        [
          ['Re-anchor to line 15', true],
          ['Re-anchor to line 8', false],
        ],
      );
      assert.equal(d.needs, undefined);
    });

    it('leaves an unsupported repair offered but not preferred, with its own message', () => {
      const [d] = settle([waiting(need([6, 6], [8, 8]))], { anchors: () => [] });
      assert.equal(d.message, 'nothing shows it');
      assert.deepEqual(
        d.fixes.map((f) => f.preferred),
        [false, false],
      );
      assert.equal(d.needs, undefined);
    });

    it('returns the same array when nothing waits', () => {
      const none: FactDiagnostic[] = [{ code: 'quote-moved', severity: 'error', span: { start: 0, end: 1 }, message: 'm', fixes: [] }];
      assert.equal(settle(none, { anchors: () => [] }), none);
    });
  });

  describe('history from git', () => {
    const ws = useTempWorkspace();
    const repo = (...args: string[]) => git(ws.current.root, ...args);

    it('diffs a tracked source against its version at HEAD', function () {
      if (!hasGit()) this.skip();
      const file = ws.current.write('a.txt', 'one\n\ntwo\n\nthree\n');
      repo('init', '-q');
      repo('add', 'a.txt');
      repo('commit', '-qm', 'first');
      const history = new GitHistory((p) => p.startsWith(ws.current.root), runGit);
      const m = history.mapping(file, 'new\n\none\n\ntwo\n\nthree!\n');
      assert.ok(m);
      assert.deepEqual(m.place({ first: 3, last: 3 }), { kind: 'exact', first: 5, last: 5 });
      assert.deepEqual(m.place({ first: 5, last: 5 }), { kind: 'within', first: 7, last: 7 });
    });

    it('gives no mapping for an untracked or unchanged file, or a repository outside the root', function () {
      if (!hasGit()) this.skip();
      const tracked = ws.current.write('a.txt', 'one\n');
      const untracked = ws.current.write('b.txt', 'two\n');
      repo('init', '-q');
      repo('add', 'a.txt');
      repo('commit', '-qm', 'first');
      const inside = new GitHistory((p) => p.startsWith(ws.current.root), runGit);
      assert.equal(inside.mapping(tracked, 'one\n'), undefined);
      assert.equal(inside.mapping(untracked, 'two!\n'), undefined);
      const outside = new GitHistory(() => false, runGit);
      assert.equal(outside.mapping(tracked, 'one!\n'), undefined);
    });

    it('gives no mapping, and no error, where git cannot run', () => {
      const history = new GitHistory(() => true, () => undefined);
      assert.equal(history.mapping(ws.current.write('a.txt', 'x\n'), 'y\n'), undefined);
    });
  });
});
