/**
 * Entry point of the extension-host suite, shared by both ways of running it:
 *  - @vscode/test-electron (runExthostElectron.ts) calls `run()`, as its
 *    `extensionTestsPath` contract requires;
 *  - in code-server, the test-runner extension (test/e2e/runner-extension)
 *    calls `runToFile(path)` once the workbench has started.
 * Both run every compiled `*.test.js` file next to this one with mocha, inside
 * the extension host, where `require('vscode')` is the real API.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha = require('mocha');

export interface TestResult {
  title: string;
  fullTitle: string;
  file?: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: { message: string; stack?: string };
}

export interface SuiteResults {
  version: 1;
  done: true;
  crashed?: boolean;
  vscodeVersion?: string;
  passes: number;
  failures: number;
  pending: number;
  durationMs: number;
  tests: TestResult[];
  error?: { message: string; stack?: string };
}

function findTestFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...findTestFiles(p));
    else if (entry.name.endsWith('.test.js')) files.push(p);
  }
  return files.sort();
}

/** Runs the suite; resolves with the results whatever the outcome. */
export async function runSuite(): Promise<SuiteResults> {
  const started = Date.now();
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.FACT_NOTES_E2E_TIMEOUT || 30_000),
    grep: process.env.FACT_NOTES_E2E_GREP || undefined,
  });
  for (const f of findTestFiles(__dirname)) mocha.addFile(f);

  const tests: TestResult[] = [];
  let vscodeVersion: string | undefined;
  try { vscodeVersion = (require('vscode') as typeof import('vscode')).version; } catch { /* not in an extension host */ }

  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    const record = (t: Mocha.Test | Mocha.Hook, state: TestResult['state'], err?: Error) => {
      tests.push({
        title: t.title,
        fullTitle: t.fullTitle(),
        file: t.file ? path.relative(__dirname, t.file) : undefined,
        state,
        durationMs: t.duration,
        error: err ? { message: err.message, stack: err.stack } : undefined,
      });
      const mark = state === 'passed' ? 'ok  ' : state === 'failed' ? 'FAIL' : 'skip';
      console.log(`[exthost suite] ${mark} ${t.fullTitle()}${err ? `\n    ${err.message}` : ''}`);
    };
    runner.on('pass', (t) => record(t, 'passed'));
    runner.on('fail', (t, err) => record(t, 'failed', err));
    runner.on('pending', (t) => record(t, 'pending'));
  });

  const count = (s: TestResult['state']) => tests.filter((t) => t.state === s).length;
  return {
    version: 1,
    done: true,
    vscodeVersion,
    passes: count('passed'),
    failures: count('failed'),
    pending: count('pending'),
    durationMs: Date.now() - started,
    tests,
  };
}

export function writeResults(file: string, results: SuiteResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file + '.tmp', JSON.stringify(results, null, 2));
  fs.renameSync(file + '.tmp', file);
}

/** Used by the code-server test-runner extension. */
export async function runToFile(file: string): Promise<SuiteResults> {
  const results = await runSuite();
  writeResults(file, results);
  return results;
}

/** The @vscode/test-electron contract: reject when any test failed. */
export async function run(): Promise<void> {
  const results = await runSuite();
  if (process.env.FACT_NOTES_E2E_RESULTS) writeResults(process.env.FACT_NOTES_E2E_RESULTS, results);
  if (results.failures > 0 || results.passes === 0) {
    throw new Error(`${results.failures} of ${results.tests.length} extension-host tests failed`);
  }
}
