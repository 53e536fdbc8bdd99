/**
 * Issue 11: the quick slice of `npm run fuzz` — every property of
 * `test/fuzz/properties.ts` on a few hundred random sheets and articles,
 * with a fixed seed so that every run tries the same cases.
 */
import fc from 'fast-check';
import { FuzzWorkspace, PROPERTIES, caseArb, showCase } from './properties';

const SEED = 20261101;
const RUNS = 150;

describe('Property-based tests of the core (issue 11, quick slice of npm run fuzz)', () => {
  let fw: FuzzWorkspace;
  before(() => {
    fw = new FuzzWorkspace();
  });
  after(() => fw.dispose());

  for (const property of PROPERTIES) {
    it(`${property.name}: ${property.description} (${RUNS} cases)`, () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const problems = property.run(fw, c);
          if (problems.length > 0) throw new Error(`${problems.length} problem(s), first: ${problems[0].kind}: ${problems[0].detail}\ncase: ${showCase(c)}`);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
