/**
 * `npm run drift`: every kind of drift case through the real check and fix,
 * and the table of what the checker got right.
 *
 *   node test/out/drift/run.js [--seed N] [--cases N] [--kind KIND]... [--json FILE] [--show N]
 *   node test/out/drift/run.js --kind KIND --case-seed N [--keep]   one case, with its workspace kept
 *
 * Exit status: 0 when every target is met, 1 when one is missed, 2 when the
 * suite itself fails (a usage error, or a case that cannot be run).
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { KINDS, generateCase, type Kind } from './generate';
import { report, row, runCase, runSuite, targets, type CaseResult } from './runner';
import { runMain } from '../helpers/script';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      cases: { type: 'string', default: '100' },
      kind: { type: 'string', multiple: true },
      json: { type: 'string' },
      show: { type: 'string', default: '3' },
      'case-seed': { type: 'string' },
      keep: { type: 'boolean' },
    },
  });
  const kinds = (values.kind ?? [...KINDS]) as Kind[];
  for (const k of kinds) if (!KINDS.includes(k)) throw new Error(`unknown kind '${k}' (expected one of: ${KINDS.join(', ')})`);
  if (values['case-seed'] !== undefined) {
    if (kinds.length !== 1) throw new Error('--case-seed needs exactly one --kind');
    const dc = generateCase(kinds[0], Number(values['case-seed']));
    const r = await runCase(dc, { keep: values.keep });
    process.stdout.write(`${JSON.stringify({ ...r, expected: dc.expected }, null, 2)}\n`);
    return 0;
  }
  const result = await runSuite({ seed: Number(values.seed), cases: Number(values.cases), kinds });
  process.stdout.write(report(result, Number(values.show)));
  if (values.json) {
    const byKind = Object.fromEntries(KINDS.map((k) => [k, row(result.cases.filter((c: CaseResult) => c.kind === k))]));
    fs.writeFileSync(
      values.json,
      `${JSON.stringify({ options: result.options, ms: result.ms, byKind, total: row(result.cases), targets: targets(result.cases), skipped: [...result.skipped], cases: result.cases }, null, 2)}\n`,
    );
  }
  return targets(result.cases).every((t) => t.met) ? 0 : 1;
}

runMain('drift suite', main);
