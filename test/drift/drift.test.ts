import * as assert from 'node:assert/strict';
import { KINDS, generateCase, loadOriginals, type Kind } from './generate';
import { HAS_GIT, caseSeed, report, row, runSuite, type SuiteResult } from './runner';
import { normalize } from './text';

/** A small slice of `npm run drift`: a few cases of every kind, judged by the targets. */
const SLICE = { seed: 1, cases: 5 };

describe('Drift suite (a slice of npm run drift)', function () {
  this.timeout(60000);
  let suite: SuiteResult;

  before(async function () {
    suite = await runSuite(SLICE);
  });

  after(function () {
    if (process.env.DRIFT_REPORT) process.stdout.write(report(suite));
  });

  it('Should generate the same case from the same seed', function () {
    for (const kind of KINDS) {
      const seed = caseSeed(SLICE.seed, kind, 0);
      assert.deepEqual(generateCase(kind, seed), generateCase(kind, seed));
    }
  });

  it('Should quote the original articles verbatim in every generated sheet', function () {
    const texts = new Map(loadOriginals().map((o) => [o.name, o.lines]));
    for (const kind of KINDS) {
      const dc = generateCase(kind, caseSeed(SLICE.seed, kind, 1));
      for (const c of dc.citations) {
        const lines = texts.get(c.file)!;
        const [s, e = s] = c.line.split('-').map(Number);
        assert.ok(s >= 1 && e <= lines.length, `${c.file}:${c.line} is in the article`);
        if (c.quote === undefined) continue;
        const cited = normalize(lines.slice(s - 1, e).join(' '));
        for (const part of c.quote.split(' ... ')) assert.ok(cited.includes(normalize(part)), `"${part}" is on ${c.file}:${c.line}`);
      }
    }
  });

  const perKind: Record<Kind, string> = {
    'line drift': 'Should repair every citation moved by inserted and removed paragraphs',
    rewrap: 'Should repair every citation of a rewrapped paragraph to the lines its quote now spans',
    typography: 'Should keep every citation clean through quote, dash and space changes',
    'spelling copy-edit': 'Should repair at least 95% of spelling-level copy-edits with the source’s words',
    'substantive copy-edit': 'Should report every substantive copy-edit as an error and fix none',
    'deleted with lookalike': 'Should not re-anchor a deleted passage to a lookalike',
    duplicate: 'Should not pick one of two places that hold a moved quote',
    rewrite: 'Should report a rewritten passage as an error and fix none',
    rename: 'Should follow a renamed article, and not to a decoy or one of two copies',
    'copy-edit in git': 'Should repair a copy-edit that only git shows, with the new line and words',
  };

  for (const kind of KINDS) {
    it(perKind[kind], function () {
      if (kind === 'copy-edit in git' && !HAS_GIT) this.skip();
      const cases = suite.cases.filter((c) => c.kind === kind);
      const r = row(cases);
      const spelling = kind === 'spelling copy-edit' || kind === 'copy-edit in git';
      const wanted = spelling ? { ...r, correct: Math.max(r.correct, Math.ceil(0.95 * r.citations)) } : { ...r, correct: r.citations };
      const failing = report({ ...suite, cases }, 2);
      assert.deepEqual(
        { correct: r.correct, wrong: r.wrong, falseAlarms: r.falseAlarms, stray: r.stray },
        { correct: wanted.correct, wrong: 0, falseAlarms: 0, stray: 0 },
        failing,
      );
    });
  }
});
