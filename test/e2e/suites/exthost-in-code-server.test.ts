/**
 * Runs the extension-host suite (test/e2e/exthost/*.test.ts) inside code-server:
 * installs the packaged extension and the test-runner extension, opens a copy
 * of samples/ in Chromium (code-server starts an extension host only when a
 * browser connects), and waits for the runner's JSON results.
 * The same test files run under @vscode/test-electron (runExthostElectron.ts).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { openWorkbench, reportFailure, screenshot, Workbench } from '../lib/browser';
import { CodeServer, startCodeServer } from '../lib/codeServer';
import { cleanupTemp, copySamples, factNotesExtension, RUNNER_EXTENSION_DIR } from '../lib/paths';
import { waitFor } from '../lib/poll';
import type { SuiteResults } from '../exthost/index';

describe('extension-host suite, in code-server', function () {
  this.timeout(240_000);
  let samples: string | undefined;
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;

  after(async () => {
    await wb?.close();
    await server?.stop();
    cleanupTemp(samples && path.dirname(samples));
  });

  it('passes every extension-host test', async function () {
    samples = copySamples();
    const resultsFile = path.join(path.dirname(samples), 'exthost-results.json');
    server = await startCodeServer({
      extensions: [factNotesExtension(), { folder: RUNNER_EXTENSION_DIR }],
      env: { FACT_NOTES_E2E_RESULTS: resultsFile },
    });
    // E2E_VERBOSE=1 echoes each test's result as it runs inside the extension host.
    wb = await openWorkbench(server, samples, { echoConsole: process.env.E2E_VERBOSE ? /^\[Extension Host\] \[exthost suite\]/ : undefined });
    let results: SuiteResults;
    try {
      await waitFor(() => fs.existsSync(`${resultsFile}.started`), { timeout: 60_000, what: 'the test-runner extension to start in the extension host' });
      results = await waitFor(() => fs.existsSync(resultsFile) && JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults,
        { timeout: 180_000, interval: 250, what: 'the extension-host suite results' });
    } catch (e) {
      await reportFailure(wb, 'exthost suite did not finish', e);
      throw e;
    }
    await screenshot(wb.page, 'exthost-suite-finished');
    console.log(`      (VS Code ${results.vscodeVersion}: ${results.passes} passed, ${results.failures} failed, ${results.pending} pending in ${results.durationMs} ms)`);
    for (const t of results.tests) {
      const mark = t.state === 'passed' ? '✔' : t.state === 'failed' ? '✘' : '-';
      console.log(`      ${mark} ${t.fullTitle}${t.error ? `\n          ${t.error.message.split('\n').join('\n          ')}` : ''}`);
    }
    if (results.crashed || results.failures > 0) {
      await reportFailure(wb, 'exthost suite failures', new Error(results.error?.message ?? `${results.failures} failures`));
    }
    assert.ok(!results.crashed, `the runner crashed: ${results.error?.stack ?? results.error?.message}`);
    assert.ok(results.passes > 0, 'no extension-host test ran');
    assert.deepStrictEqual(results.tests.filter((t) => t.state === 'failed').map((t) => `${t.fullTitle}: ${t.error?.message}`), []);
  });
});
