/**
 * Hostile clients of the real server over stdio: any set of capabilities,
 * bytes that are not LSP messages, standard input closed without `shutdown`,
 * a client process that dies, messages before `initialize`. The server keeps
 * working, or exits promptly with the status the LSP specification gives
 * and one plain line on standard error; it never hangs.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HoverRequest, type ClientCapabilities } from 'vscode-languageserver-protocol';
import { BIN, copySamples, LspClient, positionAt, removeFolder, uriOf } from './client';

/** How long the server may take to exit once its input says it should (it starts in about 0.5 s). */
const EXIT_BOUND_MS = 5000;

/** One LSP message, framed. */
function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

const initialize = (processId: number | null = null) =>
  frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId, rootUri: null, capabilities: {} } });

/** The server as a bare child process, written to byte by byte. */
class RawServer {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exit: Promise<{ code: number | null; ms: number }>;
  private readonly started = Date.now();

  constructor(cwd: string) {
    this.child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd, stdio: 'pipe' });
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => (this.stdout += chunk));
    this.child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    // The server may exit before it has read everything written to it.
    this.child.stdin.on('error', () => undefined);
    this.exit = new Promise((resolve) => this.child.on('exit', (code) => resolve({ code, ms: Date.now() - this.started })));
  }

  write(bytes: Buffer | string): void {
    this.child.stdin.write(bytes);
  }

  /** Resolves with the exit status; fails if the server is still running after `ms`. */
  async exited(ms = EXIT_BOUND_MS): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the server still runs ${ms} ms later; stdout: ${this.stdout.slice(0, 300)} stderr: ${this.stderr.slice(0, 300)}`)), ms);
    });
    try {
      return (await Promise.race([this.exit, late])).code;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Answers of the server (JSON-RPC responses) so far, by id. */
  responses(): Map<unknown, { result?: unknown; error?: { code: number } }> {
    const out = new Map<unknown, { result?: unknown; error?: { code: number } }>();
    for (const part of this.stdout.split(/Content-Length: \d+\r\n\r\n/)) {
      if (!part) continue;
      const message = JSON.parse(part) as { id?: unknown; result?: unknown; error?: { code: number } };
      if (message.id !== undefined) out.set(message.id, message);
    }
    return out;
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}

/** Standard error holds one line, and no stack trace. */
function assertOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, `one line on standard error: ${JSON.stringify(stderr)}`);
  assert.match(lines[0], /^fact-notes lsp: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

describe('Protocol: hostile clients', function () {
  let root: string;
  const servers: RawServer[] = [];
  const clients: LspClient[] = [];

  before(() => {
    root = copySamples();
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) s.kill();
    for (const c of clients.splice(0)) await c.stop();
  });
  after(() => removeFolder(root));

  function raw(): RawServer {
    const s = new RawServer(root);
    servers.push(s);
    return s;
  }

  describe('Any set of client capabilities', function () {
    const sets: Record<string, ClientCapabilities> = {
      'none at all ({})': {},
      'only some (configuration, no workspace folders)': { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['plaintext'] } } },
      'only workspace folders': { workspace: { workspaceFolders: true } },
      'everything VS Code announces': {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
        },
        textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown', 'plaintext'] } },
      },
    };
    for (const [name, capabilities] of Object.entries(sets)) {
      it(`Should check and hover with capabilities: ${name}`, async () => {
        const client = await LspClient.start({ root, capabilities });
        clients.push(client);
        const sheet = path.join(root, 'reykjavik.facts.yaml');
        const published = await client.waitForDiagnostics(uriOf(sheet));
        assert.ok(Array.isArray(published.diagnostics));
        const text = fs.readFileSync(sheet, 'utf8');
        const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(sheet) }, position: positionAt(text, text.indexOf('claim: The talks lasted') + 10) });
        assert.ok(hover, 'a hover on a claim');
        const folders = client.initializeResult?.capabilities.workspace?.workspaceFolders;
        assert.equal(folders?.changeNotifications === true, capabilities.workspace?.workspaceFolders === true, 'folder changes are asked for only from a client that sends them');
        assert.ok(client.running);
        assert.deepEqual(client.errors(), []);
        const exited = client.exitCode();
        await client.stop();
        assert.equal(await exited, 0);
      });
    }
  });

  describe('Input that cannot be framed', function () {
    const garbage: Record<string, { bytes: () => Buffer | string; why: RegExp }> = {
      'a Content-Length that is not a number': { bytes: () => 'Content-Length: abc\r\n\r\n{}', why: /Content-Length of "abc" is not a number/ },
      'a negative Content-Length': { bytes: () => 'Content-Length: -5\r\n\r\n{"jsonrpc":"2.0"}', why: /Content-Length of "-5" is not a number/ },
      'a Content-Length of 2^53': { bytes: () => 'Content-Length: 9007199254740992\r\n\r\n{}', why: /over the limit/ },
      'a Content-Length shorter than the message': {
        bytes: () => {
          const whole = initialize().toString();
          return whole.replace(/Content-Length: (\d+)/, (_, n: string) => `Content-Length: ${Number(n) - 20}`);
        },
        why: /header/,
      },
      'a Content-Length longer than the message, and another message after it': {
        bytes: () => {
          const first = initialize().toString().replace(/Content-Length: (\d+)/, (_, n: string) => `Content-Length: ${Number(n) + 30}`);
          return first + frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }).toString();
        },
        why: /header|cannot read a message/,
      },
      'headers without an end': { bytes: () => `Content-Length: 2\r\nX-Padding: ${'a'.repeat(10_000)}`, why: /longer than/ },
      'a message without Content-Length': { bytes: () => 'Content-Type: application/vscode-jsonrpc\r\n\r\n{}', why: /no Content-Length/ },
      'lines ended by LF alone': { bytes: () => 'Content-Length: 2\n\n{}', why: /not CR LF/ },
      'a well-framed message that is not JSON': { bytes: () => 'Content-Length: 5\r\n\r\n{"a":', why: /cannot read a message/ },
      '1 MB of random bytes': { bytes: () => crypto.randomBytes(1 << 20), why: /./ },
    };
    for (const [name, { bytes, why }] of Object.entries(garbage)) {
      it(`Should exit with status 1 and one line on standard error on ${name}`, async () => {
        const server = raw();
        server.write(bytes());
        assert.equal(await server.exited(), 1);
        assertOneLine(server.stderr, why);
      });
    }

    it('Should exit when standard input ends in the middle of a message', async () => {
      const server = raw();
      server.write(initialize());
      server.write('Content-Length: 500\r\n\r\n{"jsonrpc":"2.0","id":2,');
      server.child.stdin.end();
      assert.equal(await server.exited(), 1);
      assertOneLine(server.stderr, /standard input ended in the middle of a message/);
    });
  });

  describe('The end of the client', function () {
    it('Should exit with status 1 when standard input closes without shutdown', async () => {
      const server = raw();
      server.write(initialize());
      server.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
      setTimeout(() => server.child.stdin.end(), 300);
      assert.equal(await server.exited(), 1);
      assert.equal(server.stderr, '');
    });

    it('Should exit with status 0 when standard input closes after shutdown, having answered what it read', async () => {
      const server = raw();
      server.write(Buffer.concat([initialize(), frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' })]));
      server.child.stdin.end();
      assert.equal(await server.exited(), 0);
      assert.deepEqual([...server.responses().keys()], [1, 2], 'initialize and shutdown are answered');
      assert.equal(server.stderr, '');
    });

    it('Should exit when the client process named in initialize dies, though standard input stays open', async () => {
      const editor = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      try {
        const server = raw();
        server.write(initialize(editor.pid));
        await new Promise<void>((resolve) => {
          const poll = setInterval(() => {
            if (server.responses().has(1)) {
              clearInterval(poll);
              resolve();
            }
          }, 20);
        });
        editor.kill();
        // The library looks for the client's process every 3 seconds.
        assert.equal(await server.exited(3000 + EXIT_BOUND_MS), 1);
      } finally {
        editor.kill();
      }
    });
  });

  describe('Messages out of order', function () {
    it('Should answer requests before initialize with ServerNotInitialized, and drop notifications', async () => {
      const uri = uriOf(path.join(root, 'reykjavik.facts.yaml'));
      const server = raw();
      server.write(frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'fact-sheet', version: 1, text: 'facts:\n  - claim: x\n' } } }));
      server.write(frame({ jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 1, character: 4 } } }));
      server.write(frame({ jsonrpc: '2.0', method: 'exit' }));
      assert.equal(await server.exited(), 1, 'exit before initialize and shutdown is status 1');
      assert.deepEqual(server.responses().get(7)?.error?.code, -32002);
      assert.doesNotMatch(server.stdout, /publishDiagnostics/, 'nothing is published before initialize');
      assert.equal(server.stderr, '');
    });

    it('Should exit with status 1 on exit without shutdown', async () => {
      const server = raw();
      server.write(initialize());
      server.write(frame({ jsonrpc: '2.0', method: 'exit' }));
      assert.equal(await server.exited(), 1);
      assert.equal(server.stderr, '');
    });

    it('Should answer after shutdown, publish nothing more, and exit with status 0 on exit', async () => {
      const uri = uriOf(path.join(root, 'reykjavik.facts.yaml'));
      const server = raw();
      server.write(initialize());
      server.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
      server.write(frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'fact-sheet', version: 1, text: 'facts:\n  - claim: x\n' } } }));
      server.write(frame({ jsonrpc: '2.0', id: 3, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 1, character: 4 } } }));
      server.write(frame({ jsonrpc: '2.0', method: 'exit' }));
      assert.equal(await server.exited(), 0);
      assert.ok(server.responses().has(2));
      assert.doesNotMatch(server.stdout, /publishDiagnostics/);
      assert.equal(server.stderr, '');
    });
  });
});
