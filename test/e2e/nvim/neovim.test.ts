/**
 * A second real LSP client: Debian's Neovim (0.7.2) runs `fact-notes lsp
 * --stdio` headless on a copy of samples/ and gets the diagnostics and a hover.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { checkJson, FACT_NOTES_JS } from '../lib/cli';
import { cleanupTemp, copySamples, E2E_DIR } from '../lib/paths';

const CHECK_LUA = path.join(E2E_DIR, 'nvim', 'check.lua');

interface NvimResult {
  ok: boolean;
  error?: string;
  nvim: { major: number; minor: number; patch: number };
  steps: string[];
  log: string[];
  diagnostics: { lnum: number; col: number; end_lnum: number; end_col: number; severity: number; message: string; source?: string; code?: string }[];
  hover?: { text: string; range?: unknown };
  definition?: unknown;
  server_exit?: { code: number; signal: number };
}

function nvimBin(): string {
  return process.env.NVIM_BIN || '/usr/bin/nvim';
}

/** Markdown escapes (`002\_7091…`) removed, to compare hover text with plain text. */
function unescapeMarkdown(s: string): string {
  return s.replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1');
}

describe('Neovim as an LSP client (fact-notes lsp --stdio)', function () {
  this.timeout(60_000);
  let samples: string;
  let result: NvimResult;

  before(function () {
    if (!fs.existsSync(nvimBin())) throw new Error(`nvim not found at ${nvimBin()}; run scripts/setup-e2e.sh`);
    samples = copySamples();
    const out = path.join(path.dirname(samples), 'nvim-result.json');
    const started = Date.now();
    const r = spawnSync(nvimBin(), ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${CHECK_LUA}`], {
      encoding: 'utf8',
      timeout: 50_000,
      env: {
        ...process.env,
        FACT_NOTES_NVIM_CMD: JSON.stringify([process.execPath, FACT_NOTES_JS, 'lsp', '--stdio']),
        FACT_NOTES_NVIM_ROOT: samples,
        FACT_NOTES_NVIM_SHEET: path.join(samples, 'broken.facts.yaml'),
        FACT_NOTES_NVIM_HOVER: 'quote: In Reykjavik, on the sidelines of an Arctic Council meeting',
        FACT_NOTES_NVIM_OUT: out,
      },
    });
    if (!fs.existsSync(out)) {
      throw new Error(`Neovim wrote no result (status ${r.status}, signal ${r.signal}):\n${r.stdout}\n${r.stderr}`);
    }
    result = JSON.parse(fs.readFileSync(out, 'utf8'));
    console.log(`      (Neovim ${result.nvim.major}.${result.nvim.minor}.${result.nvim.patch}: ${Date.now() - started} ms, steps: ${result.steps.join(', ')})`);
    if (!result.ok) throw new Error(`Neovim run failed: ${result.error}\nsteps: ${result.steps.join(', ')}\nlog: ${result.log.join('\n')}`);
  });

  after(() => cleanupTemp(samples && path.dirname(samples)));

  it('receives the same diagnostics as `fact-notes check`', () => {
    const expected = checkJson(path.join(samples, 'broken.facts.yaml'), samples).diagnostics;
    const key = (line: number, col: number, code: string | undefined) => `${line}:${col} ${code}`;
    // The editor also gets the single-source hints, which `check` lists only with --show-hints.
    assert.ok(result.diagnostics.some((d) => d.code === 'single-source' && d.severity === 4), 'single-source hints');
    const got = result.diagnostics.filter((d) => d.code !== 'single-source').map((d) => key(d.lnum, d.col, d.code)).sort();
    const want = expected.map((d) => key(d.range.start.line, d.range.start.character, d.code)).sort();
    assert.deepStrictEqual(got, want);
    // Every diagnostic code of the format shows up in broken.facts.yaml.
    const codes = new Set(result.diagnostics.map((d) => d.code));
    for (const code of ['yaml-syntax', 'invalid-structure', 'unknown-key', 'missing-citation', 'duplicate-id', 'source-not-found',
      'source-outside-root', 'source-unreadable', 'line-out-of-range', 'quote-moved', 'quote-mismatch', 'quote-altered', 'quote-not-found', 'source-changed',
      'claim-unsupported', 'invalid-suppression', 'single-source']) {
      assert.ok(codes.has(code), `no ${code} diagnostic; got ${[...codes].join(', ')}`);
    }
    // Severities: the warnings of FORMAT.md section 5 are 2, the errors 1 (single-source, a hint, is 4).
    for (const d of result.diagnostics) {
      if (d.code === 'single-source') continue;
      const want = ['quote-mismatch', 'unknown-key', 'source-changed', 'claim-unsupported', 'invalid-suppression'].includes(d.code ?? '') ? 2 : 1;
      assert.strictEqual(d.severity, want, `severity of ${d.code} at ${d.lnum + 1}:${d.col + 1}`);
    }
  });

  it('shows the cited line with the quote in a hover', () => {
    assert.ok(result.hover, 'no hover');
    const text = unescapeMarkdown(result.hover!.text);
    assert.ok(text.includes('004_03f832fef03921f4.txt'), `hover does not name the source:\n${text}`);
    assert.match(text, /line 2\b/, `hover does not name the line:\n${text}`);
    assert.ok(text.includes('**In Reykjavik, on the sidelines of an Arctic Council meeting**'), `hover does not show the quote in bold:\n${text}`);
  });

  it('goes to the quoted words with textDocument/definition', () => {
    const def = result.definition as { uri?: string; targetUri?: string; range?: Range; targetSelectionRange?: Range } | Array<{ uri?: string; targetUri?: string; range?: Range; targetSelectionRange?: Range }>;
    type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
    const loc = Array.isArray(def) ? def[0] : def;
    assert.ok(loc, 'no definition');
    const uri = loc.uri ?? loc.targetUri;
    const range = loc.range ?? loc.targetSelectionRange;
    assert.ok(uri?.endsWith('/articles/004_03f832fef03921f4.txt'), `definition goes to ${uri}`);
    assert.deepStrictEqual(range, { start: { line: 1, character: 0 }, end: { line: 1, character: 'In Reykjavik, on the sidelines of an Arctic Council meeting'.length } });
  });

  it('shuts the server down cleanly', () => {
    assert.deepStrictEqual(result.server_exit, { code: 0, signal: 0 });
  });

  it('works with the setup snippet the README shows (README-snippet.lua)', function () {
    // A `fact-notes` command on PATH, as after `npm install -g`.
    const binDir = path.join(path.dirname(samples), 'bin');
    fs.mkdirSync(binDir, { recursive: true });
    fs.writeFileSync(path.join(binDir, 'fact-notes'), `#!/bin/sh\nexec "${process.execPath}" "${FACT_NOTES_JS}" "$@"\n`, { mode: 0o755 });
    const out = path.join(path.dirname(samples), 'nvim-snippet.json');
    const r = spawnSync(nvimBin(), ['--headless', '-i', 'NONE', '-n', '-u', path.join(E2E_DIR, 'nvim', 'README-snippet.lua'),
      'broken.facts.yaml', '-c', `luafile ${path.join(E2E_DIR, 'nvim', 'snippet-probe.lua')}`], {
      cwd: samples,
      encoding: 'utf8',
      timeout: 50_000,
      env: {
        ...process.env,
        PATH: `${binDir}:${process.env.PATH}`,
        FACT_NOTES_NVIM_OUT: out,
        FACT_NOTES_NVIM_HOVER: 'quote: In Reykjavik, on the sidelines of an Arctic Council meeting',
      },
    });
    assert.ok(fs.existsSync(out), `Neovim wrote no result (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
    const res = JSON.parse(fs.readFileSync(out, 'utf8')) as { ok: boolean; error?: string; diagnostics?: number; hover?: string; keymap_K?: boolean };
    assert.ok(res.ok, res.error);
    assert.strictEqual(res.diagnostics, result.diagnostics.length);
    assert.ok(res.keymap_K, 'the snippet maps K to hover');
    assert.ok(unescapeMarkdown(res.hover ?? '').includes('**In Reykjavik, on the sidelines of an Arctic Council meeting**'), res.hover);
  });
});
