import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The repository root (this file is test/e2e/{lib,out/lib}/paths.*). */
export const REPO_ROOT: string = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        if (JSON.parse(fs.readFileSync(pj, 'utf8')).name === 'fact-notes') return dir;
      } catch { /* keep looking */ }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`fact-notes repository root not found above ${start}`);
    dir = up;
  }
}

export const SAMPLES_DIR = path.join(REPO_ROOT, 'samples');
export const E2E_DIR = path.join(REPO_ROOT, 'test', 'e2e');
export const E2E_OUT_DIR = path.join(E2E_DIR, 'out');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
export const SCREENSHOTS_DIR = path.join(RESULTS_DIR, 'screenshots');
export const RUNNER_EXTENSION_DIR = path.join(E2E_DIR, 'runner-extension');

/** code-server installed by scripts/setup-e2e.sh (override with CODE_SERVER_BIN). */
export function codeServerBin(): string {
  const bin = process.env.CODE_SERVER_BIN || path.join(REPO_ROOT, '.e2e', 'code-server', 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) {
    throw new Error(`code-server not found at ${bin}; run scripts/setup-e2e.sh (or set CODE_SERVER_BIN)`);
  }
  return bin;
}

/** Chromium from Debian (override with CHROMIUM_BIN). */
export function chromiumBin(): string {
  const bin = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
  if (!fs.existsSync(bin)) throw new Error(`chromium not found at ${bin}; run scripts/setup-e2e.sh (or set CHROMIUM_BIN)`);
  return bin;
}

/**
 * The packaged extension: $FACT_NOTES_VSIX, or the newest fact-notes*.vsix in
 * the repository root (made by `npm run package`).
 */
export function findVsix(): string | undefined {
  const env = process.env.FACT_NOTES_VSIX;
  if (env) return path.resolve(env);
  const candidates = fs.readdirSync(REPO_ROOT)
    .filter((f) => /^fact-notes.*\.vsix$/.test(f))
    .map((f) => path.join(REPO_ROOT, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return candidates[0];
}

export function requireVsix(): string {
  const vsix = findVsix();
  if (!vsix || !fs.existsSync(vsix)) {
    throw new Error('No fact-notes*.vsix in the repository root; run `npm run package` first (or set FACT_NOTES_VSIX)');
  }
  return vsix;
}

/** A fresh temporary directory (removed by `cleanupTemp` unless E2E_KEEP_TEMP is set). */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `fact-notes-e2e-${prefix}-`));
}

export function cleanupTemp(dir: string | undefined): void {
  if (!dir || process.env.E2E_KEEP_TEMP) return;
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Copies samples/ to a fresh temporary folder, so tests that edit or fix files
 * never touch the repository's samples. Returns the copy's path.
 */
export function copySamples(): string {
  const parent = makeTempDir('samples');
  const dest = path.join(parent, 'samples');
  fs.cpSync(SAMPLES_DIR, dest, { recursive: true });
  return dest;
}

/**
 * How the suites install Fact Notes into code-server: the packaged .vsix (what
 * users install), or, with FACT_NOTES_E2E_LINK=1, the repository folder
 * linked as an unpacked extension (needs dist/ built; quicker while developing).
 */
export function factNotesExtension(): { vsix?: string; folder?: string } {
  if (process.env.FACT_NOTES_E2E_LINK === '1') {
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'client.js'))) throw new Error('FACT_NOTES_E2E_LINK=1 needs dist/client.js: run the bundle first');
    return { folder: REPO_ROOT };
  }
  return { vsix: requireVsix() };
}
