/**
 * A small LSP client for protocol tests: it starts the real server
 * (`node bin/fact-notes.js lsp --stdio`) as a child process, speaks JSON-RPC
 * to it over the child's standard streams, answers the requests a client must
 * answer (`workspace/configuration` from a settings object the test can
 * change, capability registrations, workspace folders), and records every
 * `textDocument/publishDiagnostics` so tests can wait for the state they
 * expect instead of sleeping.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  UnregistrationRequest,
  WorkspaceFoldersRequest,
  type ClientCapabilities,
  type FileEvent,
  type InitializeResult,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type TextDocumentContentChangeEvent,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

/** The repository root, from `test/out/protocol/`. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SAMPLES = path.join(REPO_ROOT, 'samples');
export const BIN = path.join(REPO_ROOT, 'bin', 'fact-notes.js');

/** The file URI of a path, spelled as VS Code spells it (and as the server answers). */
export function uriOf(p: string): string {
  return URI.file(p).toString();
}

/**
 * A fresh folder under the system's temporary directory holding a copy of
 * `samples/` (plus `extra` files, by relative path), symlinks resolved.
 */
export function copySamples(extra: Record<string, string> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fact-notes-protocol-')));
  fs.cpSync(SAMPLES, root, { recursive: true });
  for (const [relative, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
  return root;
}

export function removeFolder(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

// ------------------------------------------------------------ text positions

/** Offsets of line starts, lines ending at `\n`, `\r\n` or `\r`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

/** The LSP position (UTF-16 characters, as JavaScript strings count) of an offset. */
export function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

export function offsetAt(text: string, position: Position): number {
  return lineStarts(text)[position.line] + position.character;
}

/** The offset of the `occurrence`-th (1-based) `needle` in `text`; throws when absent. */
export function indexOf(text: string, needle: string, occurrence = 1, from = 0): number {
  let at = from - 1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} (occurrence ${occurrence}) is not in the text`);
  }
  return at;
}

/**
 * The range of `inner` inside the `occurrence`-th `context` of `text` (the
 * whole `context` when `inner` is omitted): `rangeIn(sheet, 'line: 43', '43')`.
 */
export function rangeIn(text: string, context: string, inner: string = context, occurrence = 1): Range {
  const start = indexOf(text, inner, 1, indexOf(text, context, occurrence));
  return { start: positionAt(text, start), end: positionAt(text, start + inner.length) };
}

/** The position just past `context` (its `occurrence`-th appearance), e.g. a cursor after `file: `. */
export function after(text: string, context: string, occurrence = 1): Position {
  return positionAt(text, indexOf(text, context, occurrence) + context.length);
}

/** Line `line` (0-based) of a text, without its terminator. */
export function lineText(text: string, line: number): string {
  return text.split(/\r\n|\r|\n/)[line];
}

/** Applies LSP text edits (non-overlapping, positions in the original text). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

// -------------------------------------------------------------------- client

export interface OpenDocument {
  readonly uri: string;
  version: number;
  text: string;
}

export interface StartOptions {
  /** The workspace folder. */
  readonly root: string;
  /** The client's settings, as `workspace/configuration` sections (`{ factNotes: {...} }`). */
  readonly settings?: Record<string, unknown>;
  /**
   * Whether the client answers `workspace/configuration` and registers
   * capabilities dynamically, as VS Code does (the default); without, it
   * pushes settings in `workspace/didChangeConfiguration`, as some editors do.
   */
  readonly pullConfiguration?: boolean;
  /** Sent as `initializationOptions`. */
  readonly initializationOptions?: unknown;
  /** The client's capabilities, instead of VS Code's (as `pullConfiguration` sets them). */
  readonly capabilities?: ClientCapabilities;
  /** A command the server runs under, with its arguments (`['strace', ...]`). */
  readonly wrapper?: readonly string[];
  /** Keep the `single-source` hints in what the server publishes (left out otherwise). */
  readonly hints?: boolean;
}

/** The real language server, spoken to over stdio. */
export class LspClient {
  readonly connection: MessageConnection;
  /** Every diagnostics notification, by URI, in the order received. */
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  /** Capabilities the server registered dynamically (`client/registerCapability`). */
  readonly registrations: Registration[] = [];
  /** Messages the server logged (`window/logMessage`). */
  readonly logs: { type: MessageType; message: string }[] = [];
  /** Settings answered to `workspace/configuration`; tests may replace them. */
  settings: Record<string, unknown>;
  initializeResult: InitializeResult | undefined;
  /** The workspace folders, as answered to `workspace/workspaceFolders`. */
  folders: string[];
  private readonly waiters = new Set<() => void>();
  private stderr = '';
  private exited = false;
  private stopped = false;
  private readonly exit: Promise<number | null>;

  /** See {@link StartOptions.hints}. */
  private hints = false;
  private readonly whole = new Map<string, PublishDiagnosticsParams>();

  /** The last diagnostics published for `uri`, hints included whatever {@link StartOptions.hints} says. */
  publishedWhole(uri: string): PublishDiagnosticsParams | undefined {
    return this.whole.get(uri);
  }

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly root: string,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.folders = [root];
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.exit = new Promise((resolve) =>
      child.on('exit', (code) => {
        this.exited = true;
        this.notifyWaiters();
        resolve(code);
      }),
    );
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.published.get(params.uri) ?? [];
      this.whole.set(params.uri, params);
      // single-source hints (one citation per fact: nearly every fact of the samples) only for tests that ask.
      if (!this.hints) params = { ...params, diagnostics: params.diagnostics.filter((d) => d.code !== 'single-source') };
      list.push(params);
      this.published.set(params.uri, list);
      this.notifyWaiters();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => this.logs.push(params));
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => this.section(item.section)));
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.notifyWaiters();
      return null;
    });
    this.connection.onRequest(UnregistrationRequest.type, () => null);
    this.connection.onRequest(WorkspaceFoldersRequest.type, () => this.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })));
    this.connection.listen();
  }

  /** Starts the server on a workspace folder and completes the initialize handshake. */
  static async start(options: StartOptions): Promise<LspClient> {
    const [command, ...args] = [...(options.wrapper ?? []), process.execPath, BIN, 'lsp', '--stdio'];
    const child = spawn(command, args, { cwd: options.root, stdio: 'pipe' });
    const client = new LspClient(child, options.root, options.settings ?? {});
    client.hints = options.hints ?? false;
    const pull = options.pullConfiguration ?? true;
    client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(options.root),
      workspaceFolders: [{ uri: uriOf(options.root), name: path.basename(options.root) }],
      initializationOptions: options.initializationOptions,
      capabilities: options.capabilities ?? {
        workspace: {
          configuration: pull,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: pull },
          didChangeWatchedFiles: { dynamicRegistration: pull, relativePatternSupport: pull },
          workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
          fileOperations: { willRename: true },
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { isPreferredSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
        },
      },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The value of a dotted settings section, as a VS Code client answers it. */
  private section(section: string | undefined): unknown {
    if (!section) return this.settings;
    let value: unknown = this.settings;
    for (const part of section.split('.')) {
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
    return value ?? null;
  }

  private notifyWaiters(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Every `window/logMessage` of type Error (handler failures are logged so). */
  errors(): string[] {
    return this.logs.filter((l) => l.type === MessageType.Error).map((l) => l.message);
  }

  /** The last diagnostics published for a URI. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    const list = this.published.get(uri);
    return list?.[list.length - 1];
  }

  /**
   * Resolves with the value `probe` returns as soon as it returns one (it is
   * asked now, after every message from the server, and every 50 ms); fails after
   * `timeoutMs`, or when the server exits, with `describe()` in the message.
   */
  waitUntil<T>(probe: () => T | undefined, describe: () => string, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const value = probe();
        if (value !== undefined) {
          done();
          resolve(value);
          return true;
        }
        if (this.exited) {
          done();
          reject(new Error(`the server exited while waiting for ${describe()}\n${this.stderr}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      // Also now and then: a state a test's own handler changes comes with no message after it.
      const poll = setInterval(() => void check(), 50);
      const done = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(waiter);
      };
      const waiter = () => void check();
      if (!check()) this.waiters.add(waiter);
    });
  }

  /**
   * Resolves with the latest diagnostics of `uri` as soon as they satisfy
   * `predicate` (immediately if they already do); fails after `timeoutMs`
   * with what was last published.
   */
  waitForDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    return this.waitUntil(
      () => {
        const last = this.latest(uri);
        return last && predicate(last) ? last : undefined;
      },
      () => `matching diagnostics for ${uri}; last published: ${JSON.stringify(this.latest(uri) ?? null, null, 1)}`,
      timeoutMs,
    );
  }

  /** Waits for the diagnostics of an open document's current version. */
  waitForVersion(doc: OpenDocument, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(doc.uri, (p) => p.version === doc.version && predicate(p), timeoutMs);
  }

  // ------------------------------------------------------------ documents

  async open(uri: string, text: string, languageId = 'fact-sheet', version = 1): Promise<OpenDocument> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    return { uri, version, text };
  }

  /** Opens a file of the workspace with its text on disk. */
  openFile(relative: string, languageId = relative.endsWith('.yaml') ? 'fact-sheet' : 'plaintext'): Promise<OpenDocument> {
    const p = path.join(this.root, relative);
    return this.open(uriOf(p), fs.readFileSync(p, 'utf8'), languageId);
  }

  /**
   * Sends the edits as one incremental `didChange` (each content change
   * against the text left by the ones before), with the next version.
   */
  async edit(doc: OpenDocument, edits: readonly TextEdit[]): Promise<void> {
    const changes: TextDocumentContentChangeEvent[] = [];
    // Apply from the end, so each range is still valid in the text as changed so far.
    const ordered = [...edits].sort((a, b) => offsetAt(doc.text, b.range.start) - offsetAt(doc.text, a.range.start));
    for (const e of ordered) {
      changes.push({ range: e.range, text: e.newText });
      doc.text = applyTextEdits(doc.text, [e]);
    }
    doc.version++;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: changes });
  }

  /** Replaces the `occurrence`-th `find` in the document with `replacement`, incrementally. */
  replace(doc: OpenDocument, find: string, replacement: string, occurrence = 1): Promise<void> {
    return this.edit(doc, [{ range: rangeIn(doc.text, find, find, occurrence), newText: replacement }]);
  }

  async close(doc: OpenDocument): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: doc.uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /**
   * Replaces the settings and tells the server they changed: it pulls them
   * back, or, with `push`, gets them in the notification.
   */
  async changeSettings(settings: Record<string, unknown>, push = false): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: push ? settings : null });
  }

  /** Adds and removes workspace folders, as a multi-root editor does. */
  async changeFolders(added: string[], removed: string[]): Promise<void> {
    this.folders = [...this.folders.filter((f) => !removed.includes(f)), ...added];
    const folder = (f: string) => ({ uri: uriOf(f), name: path.basename(f) });
    await this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: added.map(folder), removed: removed.map(folder) } });
  }

  // ------------------------------------------------------------- lifecycle

  /** `shutdown`, `exit`, and the child's end (killed if it lingers). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (!this.exited) {
      try {
        await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 2000);
        await this.connection.sendNotification(ExitNotification.type);
        await withTimeout(this.exit, 2000);
      } catch {
        this.child.kill();
        await this.exit;
      }
    }
    this.connection.dispose();
  }

  /** The exit status of the server process, once it has ended. */
  exitCode(): Promise<number | null> {
    return this.exit;
  }

  /** Whether the server process is still running. */
  get running(): boolean {
    return !this.exited;
  }

  /** What the server wrote to standard error, for failure messages. */
  get standardError(): string {
    return this.stderr;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
