// A minimal LSP client over a child process's stdio (vscode-jsonrpc), for the benchmark.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

export class LspClient {
  /**
   * Spawns `node <args>` in cwd and connects to it over stdio. Call initialize() next.
   * @param {string[]} args e.g. [bin/fact-notes.js, 'lsp', '--stdio']
   */
  constructor(args, { cwd, timeoutMs = 30_000 } = {}) {
    this.timeoutMs = timeoutMs;
    this.child = spawn(process.execPath, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    this.stderrTail = '';
    this.exited = null;
    this.child.stderr.on('data', (d) => {
      this.stderrTail = (this.stderrTail + d.toString('utf8')).slice(-4000);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      for (const w of this.waiters.splice(0)) w.reject(new Error(`language server exited (${code ?? signal}) while waiting: ${w.what}\n${this.stderrTail}`));
    });
    this.conn = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout), new rpc.StreamMessageWriter(this.child.stdin));
    /** uri -> {version, diagnostics, json, at, count} of the latest publishDiagnostics */
    this.diagnostics = new Map();
    /** {uri, test(p), resolve, reject, what} waiting for a publishDiagnostics */
    this.waiters = [];
    this.progress = [];
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      const prev = this.diagnostics.get(p.uri);
      const entry = { version: p.version, diagnostics: p.diagnostics, json: JSON.stringify(p.diagnostics), at, count: (prev?.count ?? 0) + 1 };
      this.diagnostics.set(p.uri, entry);
      for (let i = 0; i < this.waiters.length; i++) {
        const w = this.waiters[i];
        if (w.uri === p.uri && w.test(entry)) {
          this.waiters.splice(i--, 1);
          w.resolve(entry);
        }
      }
    });
    this.conn.onNotification('$/progress', (p) => this.progress.push({ ...p, at: performance.now() }));
    this.conn.onNotification(() => {}); // logMessage, telemetry, ...
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
    this.conn.onRequest(() => null); // client/registerCapability, window/workDoneProgress/create, ...
    this.conn.onError(([e]) => {
      this.lastError = e;
    });
    this.conn.listen();
  }

  /** Sends a request with a timeout; rejects with the server's stderr tail on failure. */
  async request(method, params) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method}: no response in ${this.timeoutMs} ms\n${this.stderrTail}`)), this.timeoutMs);
    });
    try {
      return await Promise.race([this.conn.sendRequest(method, params), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  notify(method, params) {
    return this.conn.sendNotification(method, params);
  }

  async initialize(rootDir) {
    const rootUri = pathToFileURL(rootDir).href;
    const result = await this.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'fact-notes-bench' },
      rootUri,
      rootPath: rootDir,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          definition: { linkSupport: true },
          references: {},
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
        },
        workspace: {
          workspaceFolders: true,
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
          didChangeConfiguration: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true },
      },
    });
    this.notify('initialized', {});
    return result;
  }

  /**
   * Resolves with the first publishDiagnostics for uri, arriving from now on, that passes test(entry).
   * Rejects after timeoutMs.
   */
  waitForDiagnostics(uri, test = () => true, what = `diagnostics for ${uri}`) {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(new Error(`language server has exited (${this.exited.code ?? this.exited.signal})\n${this.stderrTail}`));
      const w = { uri, test, what };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`timed out after ${this.timeoutMs} ms waiting for ${what}\n${this.stderrTail}`));
      }, this.timeoutMs);
      w.resolve = (e) => {
        clearTimeout(timer);
        resolve(e);
      };
      w.reject = (e) => {
        clearTimeout(timer);
        reject(e);
      };
      this.waiters.push(w);
    });
  }

  async shutdown() {
    if (this.exited) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    try {
      await Promise.race([this.request('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit');
    } catch {
      /* fall through to kill */
    }
    const t = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(t);
    this.conn.dispose();
  }
}
