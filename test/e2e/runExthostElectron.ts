/**
 * Runs the extension-host suite (test/e2e/exthost) with @vscode/test-electron,
 * wherever a desktop VS Code can be had: at VSCODE_EXECUTABLE, or downloaded
 * (VSCODE_VERSION, default "stable"). On machines without either (no access to
 * update.code.visualstudio.com, no Electron), the same tests run in code-server
 * instead: test/e2e/suites/exthost-in-code-server.test.ts.
 *
 *   node test/e2e/out/runExthostElectron.js
 *   VSCODE_EXECUTABLE=/usr/share/code/code node test/e2e/out/runExthostElectron.js
 *
 * On a Linux machine without a display, run it under xvfb-run.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { cleanupTemp, copySamples, E2E_OUT_DIR, REPO_ROOT } from './lib/paths';

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'client.js'))) {
    console.error('dist/client.js is missing: build the extension first (npm run bundle).');
    return 2;
  }
  const samples = copySamples();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fact-notes-e2e-vscode-user-'));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
  }, null, 2));
  const executable = process.env.VSCODE_EXECUTABLE;
  try {
    return await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: process.env.VSCODE_VERSION || 'stable' }),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(E2E_OUT_DIR, 'exthost', 'index.js'),
      launchArgs: [
        samples,
        '--disable-extensions', // other installed extensions; the one under development still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', userDataDir,
      ],
      extensionTestsEnv: {
        FACT_NOTES_E2E_RESULTS: process.env.FACT_NOTES_E2E_RESULTS ?? path.join(REPO_ROOT, 'test-results', 'exthost-electron.json'),
      },
    });
  } finally {
    cleanupTemp(path.dirname(samples));
    cleanupTemp(userDataDir);
  }
}

main().then(
  (code) => { process.exitCode = code; },
  (err) => {
    console.error(`test-electron could not run the suite: ${err instanceof Error ? err.message : err}`);
    console.error('(Without network access to update.code.visualstudio.com, set VSCODE_EXECUTABLE, or use the code-server suite.)');
    process.exitCode = 1;
  },
);
