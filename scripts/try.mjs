#!/usr/bin/env node
// npm run try — try Fact Notes in a real VS Code in your browser.
//
// Packages the extension (npm run package), starts code-server (installed by
// scripts/setup-e2e.sh) on 127.0.0.1 with the .vsix installed and a fresh copy
// of samples/ open, and prints the URL to open. Ctrl+C stops it.
//
//   npm run try                      # port 8080, or the next free one
//   npm run try -- --port 9000
//   npm run try -- --no-package      # reuse the existing fact-notes*.vsix
//   npm run try -- --folder ~/notes  # open your own folder instead of the samples
//   npm run try -- --home DIR        # keep code-server's profile in DIR (default .e2e/try)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function fail(msg) {
  console.error(`try: ${msg}`);
  process.exit(1);
}

const codeServer = process.env.CODE_SERVER_BIN || path.join(repo, '.e2e', 'code-server', 'node_modules', '.bin', 'code-server');
if (!fs.existsSync(codeServer)) {
  fail(`code-server is not installed (${codeServer}).\n     Install it with: bash scripts/setup-e2e.sh   (as root for the Debian packages)`);
}

// 1. The packaged extension.
if (!flag('--no-package')) {
  console.log('try: packaging the extension (npm run package)…');
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) fail('npm run package failed');
}
const vsix = process.env.FACT_NOTES_VSIX
  || fs.readdirSync(repo).filter((f) => /^fact-notes.*\.vsix$/.test(f))
    .map((f) => path.join(repo, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
if (!vsix) fail('no fact-notes*.vsix in the repository root (npm run package makes one)');

// 2. A fresh code-server profile and a copy of the samples (so the repository's stay as they are).
const home = path.resolve(option('--home') || path.join(repo, '.e2e', 'try'));
fs.rmSync(home, { recursive: true, force: true });
const dirs = {
  userData: path.join(home, 'user-data'),
  extensions: path.join(home, 'extensions'),
  xdgConfig: path.join(home, 'xdg-config'),
  xdgData: path.join(home, 'xdg-data'),
  xdgCache: path.join(home, 'xdg-cache'),
};
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
}, null, 2));

let folder = option('--folder');
if (folder) {
  folder = path.resolve(folder);
} else {
  folder = path.join(home, 'samples');
  fs.cpSync(path.join(repo, 'samples'), folder, { recursive: true });
}

const env = { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, XDG_CACHE_HOME: dirs.xdgCache };
for (const k of Object.keys(env)) if (k.startsWith('VSCODE_')) delete env[k];

const install = spawnSync(codeServer, ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'],
  { env, encoding: 'utf8' });
if (install.status !== 0) fail(`installing ${vsix} failed:\n${install.stdout}${install.stderr}`);
console.log(`try: installed ${path.relative(repo, vsix)}`);

// 3. A free port on 127.0.0.1 (8080 unless taken, or --port / $PORT).
function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
let port = Number(option('--port') || process.env.PORT || 8080);
if (!option('--port')) {
  while (!(await portFree(port))) port++;
}

const child = spawn(codeServer, [
  '--bind-addr', `127.0.0.1:${port}`,
  '--auth', 'none',
  '--disable-telemetry',
  '--disable-update-check',
  '--disable-workspace-trust',
  '--disable-getting-started-override',
  '--user-data-dir', dirs.userData,
  '--extensions-dir', dirs.extensions,
  folder,
], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
const logFile = fs.createWriteStream(path.join(home, 'code-server.log'));
child.stdout.pipe(logFile);
child.stderr.pipe(logFile);

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
  const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } process.exit(code); }, 5000);
  t.unref();
  child.once('exit', () => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
child.once('exit', (code, signal) => {
  if (!stopping) {
    console.error(`try: code-server exited (code ${code}, signal ${signal}); log: ${path.join(home, 'code-server.log')}`);
    process.exit(1);
  }
});

// 4. Poll /healthz, then print the URL.
const base = `http://127.0.0.1:${port}`;
const deadline = Date.now() + 60_000;
for (;;) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch { /* not yet */ }
  if (Date.now() > deadline) { console.error('try: code-server did not answer on /healthz within 60 s'); stop(1); break; }
  await new Promise((r) => setTimeout(r, 100));
}
if (!stopping) {
  const url = `${base}/?folder=${folder.split('/').map(encodeURIComponent).join('/')}`;
  console.log('');
  console.log('  Fact Notes is running in code-server (VS Code in the browser). Open:');
  console.log('');
  console.log(`    ${url}`);
  console.log('');
  console.log(`  Folder: ${folder}${option('--folder') ? '' : ' (a fresh copy of samples/)'}`);
  console.log('  Open broken.facts.yaml, look at the Problems panel (Ctrl+Shift+M), hover a citation,');
  console.log('  press F12 on one, and try a quick fix (Ctrl+.). Ctrl+C here stops the server.');
  console.log(`  (From another machine: ssh -L ${port}:127.0.0.1:${port} this-host, then open the same URL.)`);
}
