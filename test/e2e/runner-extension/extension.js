// @ts-check
'use strict';
/**
 * Test-runner extension for code-server, where @vscode/test-electron cannot
 * start VS Code. code-server has no --extensionTestsPath, so this extension,
 * linked into the test instance's extensions folder, runs the same compiled
 * mocha suite that test-electron runs (test/e2e/out/exthost/index.js) once
 * the workbench has started, and writes the results to the file named by
 * FACT_NOTES_E2E_RESULTS. Without that variable it does nothing.
 */
const fs = require('fs');
const path = require('path');

/** @param {import('vscode').ExtensionContext} _context */
exports.activate = function activate(_context) {
  const resultsFile = process.env.FACT_NOTES_E2E_RESULTS;
  if (!resultsFile) return;
  // The real path of this folder is test/e2e/runner-extension (it is linked, not copied).
  const suiteIndex = process.env.FACT_NOTES_E2E_SUITE
    || path.join(fs.realpathSync(__dirname), '..', 'out', 'exthost', 'index.js');
  console.log(`[fact-notes e2e runner] running ${suiteIndex}, results to ${resultsFile}`);
  // Tells the driver the runner is alive (so a missing runner fails fast, not at the suite timeout).
  fs.writeFileSync(resultsFile + '.started', JSON.stringify({ pid: process.pid, suite: suiteIndex, at: new Date().toISOString() }));
  // Not awaited: activation must return so the workbench keeps going while tests run.
  Promise.resolve()
    .then(() => require(suiteIndex).runToFile(resultsFile))
    .catch((err) => {
      const result = {
        version: 1, done: true, crashed: true, passes: 0, failures: 1, pending: 0, tests: [],
        error: { message: String(err && err.message || err), stack: String(err && err.stack || '') },
      };
      fs.writeFileSync(resultsFile + '.tmp', JSON.stringify(result, null, 2));
      fs.renameSync(resultsFile + '.tmp', resultsFile);
    });
};

exports.deactivate = function deactivate() {};
