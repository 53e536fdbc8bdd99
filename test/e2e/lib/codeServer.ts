/**
 * Starts and stops code-server (a real VS Code server, workbench and extension
 * host, installed from npm by scripts/setup-e2e.sh) for the end-to-end suites.
 *
 * Every instance gets fresh temporary user-data, extensions and XDG folders,
 * listens on a free 127.0.0.1 port without authentication, and is stopped by
 * killing its whole process group (server, extension host, language server).
 *
 * Note: code-server starts an extension host only when a browser connects, so
 * extensions (and the test-runner extension) run once a page opens the URL.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { codeServerBin, cleanupTemp, makeTempDir } from './paths';
import { waitFor } from './poll';

export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
};

export interface ExtensionToInstall {
  /** A .vsix file, installed with `code-server --install-extension`. */
  vsix?: string;
  /** An unpacked extension folder, linked as <extensions-dir>/<publisher>.<name>-<version>. */
  folder?: string;
}

export interface CodeServerOptions {
  /** Extensions to install before starting. */
  extensions?: ExtensionToInstall[];
  /** User settings merged over DEFAULT_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server (and so for the extension host). */
  env?: Record<string, string>;
  /** Milliseconds to wait for /healthz (default 60 s). */
  startTimeout?: number;
  /** Listen on this port (default: a free one). */
  port?: number;
  /** Keep the profile (user data, extensions, XDG folders, log) in this folder, emptied first, instead of a temporary one. */
  home?: string;
}

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly baseUrl: string;
  readonly tempRoot: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly process: ChildProcess;
  /** URL that opens the workbench on a folder. */
  folderUrl(folder: string): string;
  /** code-server's own stdout/stderr so far. */
  output(): string;
  /** Every log file code-server and the extension host wrote (path → text), newest session. */
  logFiles(): Map<string, string>;
  /** The extension host's logs and extension output channels, as one text for failure reports. */
  extensionHostLog(maxCharsPerFile?: number): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface Dirs { tempRoot: string; userDataDir: string; extensionsDir: string; xdgConfig: string; xdgData: string; xdgCache: string }

function makeDirs(home: string | undefined): Dirs {
  if (home) fs.rmSync(home, { recursive: true, force: true });
  const tempRoot = home ?? makeTempDir('code-server');
  const d: Dirs = {
    tempRoot,
    userDataDir: path.join(tempRoot, 'user-data'),
    extensionsDir: path.join(tempRoot, 'extensions'),
    xdgConfig: path.join(tempRoot, 'xdg-config'),
    xdgData: path.join(tempRoot, 'xdg-data'),
    xdgCache: path.join(tempRoot, 'xdg-cache'),
  };
  for (const dir of [d.userDataDir, d.extensionsDir, d.xdgConfig, d.xdgData, d.xdgCache]) fs.mkdirSync(dir, { recursive: true });
  return d;
}

function baseEnv(d: Dirs, extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Variables of an enclosing VS Code / code-server would confuse the server.
  for (const k of Object.keys(env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k.startsWith('CODE_SERVER_')) delete env[k];
  }
  return {
    ...env,
    XDG_CONFIG_HOME: d.xdgConfig,
    XDG_DATA_HOME: d.xdgData,
    XDG_CACHE_HOME: d.xdgCache,
    ...extra,
  };
}

function installExtensions(bin: string, d: Dirs, env: NodeJS.ProcessEnv, exts: ExtensionToInstall[]): void {
  // Folders first: `--install-extension` then records them in extensions.json
  // together with the .vsix; a folder linked after that file exists is ignored
  // ("Marked extension as removed").
  for (const ext of exts) {
    if (ext.folder) {
      const pj = JSON.parse(fs.readFileSync(path.join(ext.folder, 'package.json'), 'utf8'));
      const id = `${pj.publisher}.${pj.name}-${pj.version}`;
      fs.symlinkSync(path.resolve(ext.folder), path.join(d.extensionsDir, id), 'dir');
    }
  }
  for (const ext of exts) {
    if (ext.vsix) {
      const r = spawnSync(bin, ['--user-data-dir', d.userDataDir, '--extensions-dir', d.extensionsDir, '--install-extension', ext.vsix, '--force'],
        { env, encoding: 'utf8', timeout: 120_000 });
      if (r.status !== 0 || !/successfully installed/.test(r.stdout)) {
        throw new Error(`code-server --install-extension ${ext.vsix} failed (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
      }
    }
  }
}

/** Starts code-server and resolves when /healthz answers. */
export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  const bin = codeServerBin();
  const d = makeDirs(opts.home);
  const env = baseEnv(d, opts.env);

  const userDir = path.join(d.userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2));

  installExtensions(bin, d, env, opts.extensions ?? []);

  let lastError: unknown;
  // A free port can be taken before code-server binds it: try another, unless one was asked for.
  for (let attempt = 0; attempt < (opts.port ? 1 : 3); attempt++) {
    const port = opts.port ?? (await freePort());
    try {
      return await launch(bin, d, env, port, opts.startTimeout ?? 60_000, opts.home !== undefined);
    } catch (e) {
      lastError = e;
      if (!/EADDRINUSE/.test(String(e))) break;
    }
  }
  if (!opts.home) cleanupTemp(d.tempRoot);
  throw lastError;
}

async function launch(bin: string, d: Dirs, env: NodeJS.ProcessEnv, port: number, startTimeout: number, keep: boolean): Promise<CodeServer> {
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', d.userDataDir,
    '--extensions-dir', d.extensionsDir,
  ];
  const logPath = path.join(d.tempRoot, 'code-server.log');
  const logStream = fs.createWriteStream(logPath);
  let out = '';
  const child = spawn(bin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const onData = (b: Buffer) => { const s = b.toString(); out += s; logStream.write(s); };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(); }));

  const baseUrl = `http://127.0.0.1:${port}`;

  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try { process.kill(-child.pid, signal); } catch { /* already gone */ }
  };

  const stop = async () => {
    if (!exited) {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
      await exitPromise;
      clearTimeout(timer);
    }
    // The extension host and language server share the group; make sure none linger.
    killGroup('SIGKILL');
    await new Promise<void>((resolve) => logStream.end(resolve));
  };

  try {
    await waitFor(async () => {
      if (exited) throw new Error(`code-server exited (code ${exited.code}, signal ${exited.signal}):\n${out}`);
      const res = await fetch(`${baseUrl}/healthz`);
      return res.ok;
    }, { timeout: startTimeout, interval: 100, what: `code-server /healthz on port ${port}` });
  } catch (e) {
    await stop();
    if (exited && /EADDRINUSE/.test(out)) throw new Error(`EADDRINUSE: ${out}`);
    throw new Error(`${e instanceof Error ? e.message : e}\ncode-server output:\n${out}`);
  }

  const server: CodeServer = {
    port,
    baseUrl,
    tempRoot: d.tempRoot,
    userDataDir: d.userDataDir,
    extensionsDir: d.extensionsDir,
    process: child,
    folderUrl: (folder) => `${baseUrl}/?folder=${encodeURIComponent(path.resolve(folder))}`,
    output: () => out,
    logFiles: () => readLogs(d.userDataDir),
    extensionHostLog: (max = 20_000) => formatLogs(readLogs(d.userDataDir), max, /exthost|output_logging|remoteagent|Fact Notes|fact-notes/i),
    stop: async () => {
      await stop();
      if (!keep) cleanupTemp(d.tempRoot);
    },
  };
  return server;
}

/** Log files of the newest session under <user-data-dir>/logs/<session>/. */
export function readLogs(userDataDir: string): Map<string, string> {
  const result = new Map<string, string>();
  const logsRoot = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logsRoot)) return result;
  const sessions = fs.readdirSync(logsRoot).sort();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && p.endsWith('.log')) {
        try { result.set(path.relative(logsRoot, p), fs.readFileSync(p, 'utf8')); } catch { /* rotating */ }
      }
    }
  };
  for (const s of sessions) walk(path.join(logsRoot, s));
  return result;
}

function formatLogs(files: Map<string, string>, maxPerFile: number, pick: RegExp): string {
  const parts: string[] = [];
  for (const [name, text] of files) {
    if (!pick.test(name) || !text.trim()) continue;
    const body = text.length > maxPerFile ? `…(${text.length - maxPerFile} chars cut)…\n${text.slice(-maxPerFile)}` : text;
    parts.push(`----- ${name} -----\n${body}`);
  }
  return parts.length ? parts.join('\n') : '(no extension host log files found)';
}
