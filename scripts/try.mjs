#!/usr/bin/env node
// npm run try — try Fact Notes in a real VS Code in your browser.
//
// Packages the extension (npm run package), starts code-server (installed by
// scripts/setup-e2e.sh) on 127.0.0.1 with the .vsix installed and a fresh copy
// of samples/ open, and prints the URL to open. Ctrl+C stops it. It starts
// code-server the way the end-to-end tests do (test/e2e/lib/codeServer.ts,
// compiled by `npm run try` first).
//
//   npm run try                      # port 8080, or the next free one
//   npm run try -- --port 9000
//   npm run try -- --no-package      # reuse the existing fact-notes*.vsix
//   npm run try -- --folder ~/notes  # open your own folder instead of the samples
//   npm run try -- --home DIR        # keep code-server's profile in DIR (default .e2e/try)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startCodeServer } = await import(path.join(repo, 'test', 'e2e', 'out', 'lib', 'codeServer.js'));
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

// 2. A port on 127.0.0.1: 8080 unless taken (or --port / $PORT).
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

// 3. code-server with the extension, a profile in --home, and a copy of the samples
//    (so the repository's stay as they are).
const home = path.resolve(option('--home') || path.join(repo, '.e2e', 'try'));
let server;
try {
  server = await startCodeServer({ home, port, extensions: [{ vsix }] });
} catch (e) {
  fail(String(e instanceof Error ? e.message : e));
}
console.log(`try: installed ${path.relative(repo, vsix)}`);
const folder = option('--folder') ? path.resolve(option('--folder')) : path.join(home, 'samples');
if (!option('--folder')) fs.cpSync(path.join(repo, 'samples'), folder, { recursive: true });

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
server.process.once('exit', (code, signal) => {
  if (!stopping) {
    console.error(`try: code-server exited (code ${code}, signal ${signal}); log: ${path.join(home, 'code-server.log')}`);
    process.exit(1);
  }
});

const url = server.folderUrl(folder);
console.log('');
console.log('  Fact Notes is running in code-server (VS Code in the browser). Open:');
console.log('');
console.log(`    ${url}`);
console.log('');
console.log(`  Folder: ${folder}${option('--folder') ? '' : ' (a fresh copy of samples/)'}`);
console.log('  Open broken.facts.yaml, look at the Problems panel (Ctrl+Shift+M), hover a citation,');
console.log('  press F12 on one, and try a quick fix (Ctrl+.). Ctrl+C here stops the server.');
console.log(`  (From another machine: ssh -L ${port}:127.0.0.1:${port} this-host, then open the same URL.)`);
