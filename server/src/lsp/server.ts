/**
 * The language server: routes LSP requests and notifications to the core.
 * Every handler finds its document, returns an empty result when it is
 * missing, and delegates; no checking logic lives here.
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  ErrorCodes,
  RenameFile,
  ResponseError,
  TextDocumentEdit,
  type CancellationToken,
  type TextEdit,
  type WorkspaceEdit,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { articles, features, FactWorkspace, isFactSheetPath, renderReport, reportCounts, type FileSystem } from '../core';
import { nodeFileSystem, runGit } from '../node';
import { FactCountsRequest, type FactCounts, type FactCountsParams, ReportRequest, type ReportParams, type ReportResult, CitationsForMovesRequest, CiteSelectionRequest, PasteCitationRequest, SaveSourceRequest, type SaveSourceParams, type SaveSourceResult, type PasteCitationParams, type PasteCitationResult, FIX_ALL_KIND, ListFactsRequest, ListSheetsRequest, type CitationsForMovesParams, type CiteSelectionParams, type CiteSelectionResult, type FactSummary, type ListFactsParams, type ListSheetsParams, EDIT_SUPPRESSION_REASON_COMMAND, type ClientInitializationOptions } from '../protocol';
import { optionsFromSettings, type FactNotesSettings } from './settings';

/** The one place URIs become paths and back. */
function toPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

function toUri(p: string): string {
  return URI.file(p).toString();
}

/** How long one slice of a long batch of checks may run before messages are read again. */
const SLICE_MS = 50;
/** The same while someone edits an open sheet (for {@link TYPING_MS} after an edit): an edit waits for the slice under way. */
const TYPING_SLICE_MS = 15;
const TYPING_MS = 2000;
/**
 * Turns of the event loop given to messages between two slices. A message
 * from the client reaches its handler through a few `setImmediate` hops (the
 * stream reader, the connection's queue), one hop a turn: with one turn
 * between slices, an edit waited two or three slices before it was seen
 * (110 ms of the 170 ms an edit took while the benchmark's workspace was
 * indexed).
 */
const TURNS_BETWEEN_SLICES = 4;
/** How long after its last check the server counts as idle (see {@link ServerOptions.busy}). */
const IDLE_MS = 1000;
/** How long the articles' side (source-unused, code lens refresh) waits after the last check: it looks at every sheet. */
const ARTICLES_DELAY_MS = 200;

export interface ServerOptions {
  readonly fs?: FileSystem;
  /**
   * Delay before re-checking after a change, in milliseconds. Changes that
   * arrive together are always checked once; a check touches only the facts
   * that changed, so no further wait is needed by default.
   */
  readonly debounceMs?: number;
  /**
   * Called when the server starts checking (a batch of sheets, or edits as
   * they come) and when it has checked nothing for a second, so that the
   * process may trade memory for speed while it works; `long` says whether
   * a batch that took more than one slice (the workspace at start-up, a
   * change of settings) was among the work.
   */
  readonly busy?: { readonly started: () => void; readonly done: (long: boolean) => void };
}

export function startServer(connection: Connection, serverOptions: ServerOptions = {}): void {
  const fs = serverOptions.fs ?? nodeFileSystem;
  const debounceMs = serverOptions.debounceMs ?? 0;
  const documents = new TextDocuments(TextDocument);
  // Real paths of open non-sheet documents (sources), to overlay unsaved text.
  const openSources = new Map<string, TextDocument>();
  const workspace = new FactWorkspace({ fs, openSourceText: (real) => openSources.get(real)?.getText(), git: runGit });
  const log = (message: string) => connection.console.log(message);
  // URIs of the articles diagnostics point at, kept: each publish names the same ones again.
  const relatedUris = new Map<string, string>();
  const relatedUri = (p: string): string => {
    let uri = relatedUris.get(p);
    if (uri === undefined) {
      if (relatedUris.size >= 10_000) relatedUris.clear();
      uri = toUri(p);
      relatedUris.set(p, uri);
    }
    return uri;
  };
  let configurationPull = false;
  let watchRegistration = false;
  let folderChanges = false;
  let codeLensRefresh = false;
  /** What the client handles itself (the command that selects a suppression's reason). */
  let clientAbilities: features.ClientAbilities = {};
  let shutDown = false;

  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

  /** Runs a handler; a failure is logged and answered with `fallback`. */
  function guard<T>(what: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      connection.console.error(`${what} failed: ${(e as Error).stack ?? String(e)}`);
      return fallback;
    }
  }

  function view(uri: string): features.SheetView | undefined {
    const p = toPath(uri);
    if (!p || !workspace.has(p)) return undefined;
    const check = workspace.check(p);
    const lines = workspace.lines(p);
    return check && lines ? { uri, check, lines, ...workspace.sourcesFor(p) } : undefined;
  }

  // ------------------------------------------------------------ publishing

  const pending = new Set<string>();
  /** When an open sheet last changed (see {@link TYPING_SLICE_MS}). */
  let lastSheetEdit = -Infinity;
  let timer: NodeJS.Timeout | undefined;

  function schedule(paths: Iterable<string>, delay = debounceMs): void {
    if (shutDown) return;
    for (const p of paths) pending.add(p);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delay);
  }

  /** Runs `then` after `turns` turns of the event loop, unless {@link schedule} set a flush of its own meanwhile. */
  function afterTurns(turns: number, then: () => void): void {
    const own = timer;
    const turn = (left: number) => {
      if (timer !== own || shutDown) return;
      if (left > 0) setImmediate(() => turn(left - 1));
      else then();
    };
    turn(turns);
  }

  /**
   * Checks and publishes what is pending, open sheets first (someone is
   * looking at them). A long batch — the whole workspace at start-up — is
   * done in slices, so that edits and requests are answered in between.
   */
  function flush(): void {
    timer = undefined;
    const started = Date.now();
    const slice = started - lastSheetEdit < TYPING_MS ? TYPING_SLICE_MS : SLICE_MS;
    // Someone is looking at an open sheet: its diagnostics go out now (the connection writes
    // them in a turn of its own), not after the slice.
    const published = publishWaiting((p) => Date.now() - started >= slice || workspace.isOpen(p));
    if (pending.size > 0) timer ??= setTimeout(() => afterTurns(TURNS_BETWEEN_SLICES, flush), 0);
    else scheduleArticles(published > 0);
    if (published > 0) working(pending.size > 0);
  }

  /**
   * Publishes the sheets waiting, open ones first (someone is looking at
   * them), until `enough` says so after one of them; returns how many.
   * Those it did not reach still wait.
   */
  function publishWaiting(enough: (p: string) => boolean): number {
    const paths = [...pending].sort((a, b) => Number(workspace.isOpen(b)) - Number(workspace.isOpen(a)));
    let published = 0;
    for (const p of paths) {
      pending.delete(p);
      publish(p);
      published++;
      if (pending.size > 0 && enough(p)) break;
    }
    return published;
  }

  /**
   * Every sheet's digest, for the features over all sheets (Find All
   * References, workspace symbols, an article's hover and code lenses).
   * They need every sheet checked: the sheets still waiting for their turn
   * in the slices are checked and published here, at once. Left to
   * `digests` alone, each would be checked here, let go as its digest, and
   * checked again from disk when its turn came: a references request while
   * the 10× workspace was indexed made indexing take 38 s, not 17.
   */
  function allDigests(): ReturnType<FactWorkspace['digests']> {
    if (pending.size > 0) {
      // Busy first, so that V8 compiles this batch for speed (see ServerOptions.busy).
      working(true);
      // (Publishing a sheet may make others wait again: those its evidence decides.)
      while (pending.size > 0) publishWaiting(() => false);
      scheduleArticles(true);
    }
    return workspace.digests();
  }

  /** Whether the server is busy (see {@link ServerOptions.busy}), and with a long batch. */
  let busy: { long: boolean } | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  function working(long: boolean): void {
    if (!busy) {
      busy = { long: false };
      serverOptions.busy?.started();
    }
    busy.long ||= long;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idleTimer = undefined;
      if (!busy || shutDown) return;
      if (pending.size > 0) return working(busy.long);
      const wasLong = busy.long;
      busy = undefined;
      serverOptions.busy?.done(wasLong);
    }, IDLE_MS);
  }

  /** The articles' side waits until edits pause and no sheet waits to be checked (it looks at every sheet). */
  let articlesTimer: NodeJS.Timeout | undefined;
  let articlesSheetsChecked = false;
  function scheduleArticles(sheetsChecked: boolean): void {
    articlesSheetsChecked ||= sheetsChecked;
    if (articlesTimer) clearTimeout(articlesTimer);
    articlesTimer = setTimeout(() => {
      articlesTimer = undefined;
      // Sheets still wait to be checked (an edit came in while the workspace was indexed): the
      // articles' side would check them all at once, outside the slices. The flush that empties
      // the queue schedules it again.
      if (shutDown || pending.size > 0) return;
      const checked = articlesSheetsChecked;
      articlesSheetsChecked = false;
      articlesChanged(checked);
    }, ARTICLES_DELAY_MS);
  }

  /**
   * Every sheet is checked: the articles' side follows. Publishes what changed
   * of source-unused, and asks the editor for new code lenses in open
   * articles when sheets were checked.
   */
  function articlesChanged(sheetsChecked: boolean): void {
    guard('Finding unused articles', undefined, () => {
      for (const change of workspace.takeUnusedChanges()) {
        void connection.sendDiagnostics({ uri: toUri(change.path), diagnostics: change.unused ? [articles.unusedSourceDiagnostic(change.unused)] : [] });
      }
    });
    if (sheetsChecked && codeLensRefresh && openSources.size > 0) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    guard('Reading sources.yaml', undefined, () => {
      for (const change of workspace.takeProvenanceChanges()) {
        void connection.sendDiagnostics({ uri: toUri(change.path), diagnostics: articles.provenanceDiagnostics(change.problems) });
      }
    });
  }

  function publish(p: string): void {
    guard(`Checking ${p}`, undefined, () => {
      const uri = toUri(p);
      const v = view(uri);
      void connection.sendDiagnostics({ uri, version: workspace.version(p), diagnostics: v ? features.toDiagnostics(v, relatedUri) : [] });
    });
    // Sheets whose repairs this one's citations are evidence for.
    for (const s of workspace.takeStale()) pending.add(s);
  }

  async function pullSettings(): Promise<void> {
    if (!configurationPull) return;
    try {
      const raw = (await connection.workspace.getConfiguration('factNotes')) as FactNotesSettings | null;
      workspace.setOptions(optionsFromSettings(raw, log));
    } catch (e) {
      connection.console.error(`Reading settings failed: ${String(e)}`);
    }
  }

  // --------------------------------------------------------------- lifecycle

  connection.onInitialize((params): InitializeResult => {
    const folders = params.workspaceFolders?.map((f) => toPath(f.uri)) ?? [params.rootUri ? toPath(params.rootUri) : params.rootPath ?? undefined];
    workspace.setRoots(folders.filter((f): f is string => typeof f === 'string'));
    configurationPull = params.capabilities.workspace?.configuration === true;
    watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folderChanges = params.capabilities.workspace?.workspaceFolders === true;
    // F2 on a file value renames the article: only for a client that can rename files in an edit.
    const edits = params.capabilities.workspace?.workspaceEdit;
    const canRename = edits?.documentChanges === true && edits.resourceOperations?.includes('rename') === true;
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const init = params.initializationOptions as ({ settings?: FactNotesSettings } & ClientInitializationOptions) | undefined;
    if (init?.settings) workspace.setOptions(optionsFromSettings(init.settings, log));
    clientAbilities = { editsSuppressionReason: Array.isArray(init?.clientCommands) && init.clientCommands.includes(EDIT_SUPPRESSION_REASON_COMMAND) };
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [':', ' ', '/'] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        ...(canRename ? { renameProvider: { prepareProvider: true } } : {}),
        workspace: {
          ...(folderChanges ? { workspaceFolders: { supported: true, changeNotifications: true } } : {}),
          // Any file or folder may be a cited article, or hold one.
          fileOperations: { willRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] } },
        },
      },
      serverInfo: { name: 'fact-notes' },
    };
  });

  connection.onInitialized(async () => {
    if (configurationPull) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'factNotes' }).catch(() => undefined);
    }
    if (watchRegistration) {
      // Sources may have any name, and a deleted folder is reported alone: watch everything.
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }).catch(() => undefined);
    }
    // The library refuses (throws) when the client did not announce folder changes.
    if (folderChanges) connection.workspace.onDidChangeWorkspaceFolders(() => void reindex());
    await pullSettings();
    const started = Date.now();
    const found = guard('Indexing the workspace', [], () => workspace.indexAll());
    log(`Fact Notes: indexed ${found.length} fact sheet(s) in ${Date.now() - started} ms.`);
    schedule(workspace.paths(), 0);
  });

  async function reindex(): Promise<void> {
    const folders = await connection.workspace.getWorkspaceFolders();
    const before = workspace.paths();
    workspace.setRoots((folders ?? []).map((f) => toPath(f.uri)).filter((f): f is string => f !== undefined));
    guard('Indexing the workspace', [], () => workspace.indexAll());
    // Sheets that left the index are published once more, empty.
    schedule([...before, ...workspace.paths()], 0);
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (configurationPull) await pullSettings();
    else workspace.setOptions(optionsFromSettings((change.settings as { factNotes?: FactNotesSettings } | undefined)?.factNotes, log));
    schedule(workspace.paths(), 0);
  });

  // After shutdown nothing more is published; the client waits only for the answer.
  connection.onShutdown(() => {
    if (articlesTimer) clearTimeout(articlesTimer);
    if (idleTimer) clearTimeout(idleTimer);
    shutDown = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    pending.clear();
  });

  // ------------------------------------------------------------- documents

  function realpathOf(p: string): string {
    return fs.realpath(p) ?? p;
  }

  function documentChanged(doc: TextDocument): void {
    const p = toPath(doc.uri);
    if (!p) return;
    if (isFactSheetPath(p)) {
      lastSheetEdit = Date.now();
      workspace.setSheetText(p, doc.getText(), doc.version);
      schedule([p]);
    } else {
      openSources.set(realpathOf(p), doc);
      schedule(workspace.sourceChanged([p]));
    }
  }

  documents.onDidOpen((e) => documentChanged(e.document));
  documents.onDidChangeContent((e) => documentChanged(e.document));
  documents.onDidClose((e) => {
    const p = toPath(e.document.uri);
    if (!p) return;
    if (isFactSheetPath(p)) {
      workspace.closeSheet(p);
      schedule([p]);
    } else {
      openSources.delete(realpathOf(p));
      schedule(workspace.sourceChanged([p]));
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    const changes = params.changes.flatMap((c) => {
      const p = toPath(c.uri);
      return p ? [{ path: p, deleted: c.type === FileChangeType.Deleted }] : [];
    });
    schedule(workspace.filesChanged(changes));
  });

  // -------------------------------------------------------------- features

  function offsetOf(v: features.SheetView, position: { line: number; character: number }): number {
    return v.lines.offsetAt(position);
  }

  /** A document that is not a sheet, as the article features take it. */
  function article(uri: string): articles.ArticleView | undefined {
    const p = toPath(uri);
    return p && !isFactSheetPath(p) ? { uri, path: realpathOf(p) } : undefined;
  }

  connection.onHover((params) =>
    guard('Hover', null, () => {
      const v = view(params.textDocument.uri);
      if (v) return features.hover(v, offsetOf(v, params.position));
      const a = article(params.textDocument.uri);
      return a ? articles.hover(allDigests(), a, params.position.line + 1, (p) => workspace.rootFor(p), toUri) : null;
    }),
  );

  connection.onCodeLens((params) =>
    guard('Code lens', [], () => {
      const a = article(params.textDocument.uri);
      return a ? articles.codeLenses(allDigests(), a, toUri) : [];
    }),
  );

  connection.onDefinition((params) =>
    guard('Definition', null, () => {
      const v = view(params.textDocument.uri);
      return v ? features.definition(v, offsetOf(v, params.position), toUri) : null;
    }),
  );

  connection.onReferences((params) =>
    guard('References', [], () => {
      const p = toPath(params.textDocument.uri);
      if (!p) return [];
      const v = view(params.textDocument.uri);
      return features.referencesAt(allDigests(), v ? { sheet: v, offset: offsetOf(v, params.position) } : { source: realpathOf(p), line: params.position.line + 1 }, toUri);
    }),
  );

  connection.onCompletion((params) =>
    guard('Completion', [], () => {
      const v = view(params.textDocument.uri);
      return v ? features.completion(v, offsetOf(v, params.position), workspace.storeFor(v.check.path)) : [];
    }),
  );

  connection.onDocumentSymbol((params) =>
    guard('Document symbols', [], () => {
      const v = view(params.textDocument.uri);
      return v ? features.documentSymbols(v) : [];
    }),
  );

  connection.onWorkspaceSymbol((params) => guard('Workspace symbols', [], () => features.workspaceSymbols(allDigests(), params.query, toUri)));

  connection.onDocumentLinks((params) =>
    guard('Document links', [], () => {
      const v = view(params.textDocument.uri);
      return v ? features.documentLinks(v, toUri) : [];
    }),
  );

  connection.onCodeAction((params) =>
    guard('Code actions', [], () => {
      const v = view(params.textDocument.uri);
      return v ? features.codeActions(v, params.context, toUri, clientAbilities) : [];
    }),
  );

  // ----------------------------------------------------------------- renames

  /** Each sheet's edits as LSP text edits, by URI. */
  function sheetChanges(sheets: ReturnType<FactWorkspace['editsForMoves']>): Record<string, TextEdit[]> {
    const changes: Record<string, TextEdit[]> = {};
    for (const s of sheets) {
      if (s.edits.length > 0) changes[toUri(s.path)] = s.edits.map((e) => ({ range: features.toRange(s.lines, e.span), newText: e.newText }));
      for (const v of s.stuck) log(`Fact Notes: could not update "${v.before}" to "${v.after}" in ${s.path}; change it by hand.`);
    }
    return changes;
  }

  /** The edit to every sheet that cites the moved files, before the moves or (`done`) after them; null when there is none. */
  function citationsFor(files: readonly { oldUri: string; newUri: string }[], done: boolean): WorkspaceEdit | null {
    const moves = files.flatMap((f) => {
      const from = toPath(f.oldUri);
      const to = toPath(f.newUri);
      return from && to ? [{ from, to }] : [];
    });
    const changes = sheetChanges(workspace.citationsForMoves(moves, { done }));
    return Object.keys(changes).length > 0 ? { changes } : null;
  }

  connection.workspace.onWillRenameFiles((params) => guard('Updating citations for renamed files', null, () => citationsFor(params.files, false)));

  connection.onRequest(CitationsForMovesRequest, (params: CitationsForMovesParams) => guard('Updating citations for moved files', null, () => citationsFor(params.files ?? [], true)));

  connection.onPrepareRename((params) => {
    const p = toPath(params.textDocument.uri);
    const v = view(params.textDocument.uri);
    const target = p && v ? guard('Preparing to rename', undefined, () => workspace.renameableFile(p, offsetOf(v, params.position))) : undefined;
    // The editor shows the reason where F2 was pressed.
    if (!v || !target) throw new ResponseError(ErrorCodes.InvalidRequest, 'Only the file name of a citation can be renamed, when that file exists.');
    return { range: features.toRange(v.lines, target.file.span), placeholder: target.file.value };
  });

  connection.onRenameRequest((params) => {
    const p = toPath(params.textDocument.uri);
    const v = view(params.textDocument.uri);
    if (!p || !v) return null;
    const result = guard('Renaming', { error: 'Fact Notes could not rename the article; see its log.' } as ReturnType<FactWorkspace['renameArticle']>, () =>
      workspace.renameArticle(p, offsetOf(v, params.position), params.newName),
    );
    if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
    const changes = sheetChanges(result.sheets);
    const documentChanges = [
      ...Object.entries(changes).map(([uri, edits]) => TextDocumentEdit.create({ uri, version: workspace.version(toPath(uri)!) ?? null }, edits)),
      RenameFile.create(toUri(result.move.from), toUri(result.move.to), { overwrite: false, ignoreIfExists: false }),
    ];
    return { documentChanges };
  });

  // ------------------------------------------------------ custom requests

  connection.onRequest(PasteCitationRequest, (params: PasteCitationParams): PasteCitationResult =>
    guard('Paste as citation', { reason: 'Fact Notes could not make the citation; see its log.' }, () => {
      const sheetPath = toPath(params.sheetUri);
      const sourcePath = toPath(params.sourceUri);
      if (!sheetPath || !sourcePath) return { reason: 'Only files on disk can be cited.' };
      const open = view(params.sheetUri);
      if (!open) return { reason: 'The sheet is not one Fact Notes checks.' };
      const result = workspace.pasteCitation(sheetPath, open.lines.offsetAt(params.position), sourcePath, { first: params.startLine + 1, last: params.endLine + 1 }, params.quote);
      if ('error' in result) return { reason: result.error };
      const pasted = result.pasted;
      if (pasted.kind === 'none') return { reason: pasted.why };
      if (pasted.kind === 'new') return { newFact: { before: pasted.before, claim: pasted.claim, after: pasted.after } };
      return { edit: { changes: { [params.sheetUri]: [{ range: features.toRange(result.lines, pasted.edit.span), newText: pasted.edit.newText }] } } };
    }),
  );

  connection.onRequest(SaveSourceRequest, async (params: SaveSourceParams, token: CancellationToken): Promise<SaveSourceResult> => {
    const sheet = params.sheetUri ? view(params.sheetUri) : undefined;
    const into = sheet ? sheet.check.sourcesDir : params.folderUri ? toPath(params.folderUri) : undefined;
    if (!into) return { error: params.sheetUri ? 'The sheet is not one Fact Notes checks.' : 'Open a fact sheet, or a folder, to save the source into.' };
    const source = /^file:/i.test(params.source) ? (toPath(params.source) ?? params.source) : params.source;
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    try {
      // Loaded on first use: the libraries that read pages and PDFs are most of the server's size.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { snapshot, SnapshotFailed } = require('../snapshot/main') as typeof import('../snapshot/main');
      try {
        const saved = await snapshot(source, { into, name: params.name, force: params.force, signal: abort.signal, userAgent: 'fact-notes (snapshot; VS Code)' });
        schedule(workspace.filesChanged([saved.file, saved.original, saved.provenance].map((p) => ({ path: p, deleted: false }))));
        const { entry } = saved;
        return { uri: toUri(saved.file), file: entry.file, title: entry.title, outlet: entry.outlet, published: entry.published, lines: saved.lines };
      } catch (e) {
        if (!(e instanceof SnapshotFailed)) throw e;
        if (e.kind === 'cancelled') return { cancelled: true };
        return { error: `${e.source}: ${e.reason}.`, ...(e.kind === 'exists' ? { exists: true } : {}) };
      }
    } catch (e) {
      log(`Fact Notes: saving ${params.source} failed: ${(e as Error).stack ?? String(e)}`);
      return { error: 'Fact Notes could not save the source; see its log.' };
    } finally {
      cancelled.dispose();
    }
  });

  connection.onRequest(ListFactsRequest, (params: ListFactsParams): FactSummary[] =>
    guard('Listing facts', [], () => {
      const p = toPath(params.sheetUri);
      return p ? workspace.listFacts(p) : [];
    }),
  );

  connection.onRequest(ListSheetsRequest, (params: ListSheetsParams): string[] =>
    guard('Listing sheets', [], () => {
      const folder = toPath(params.folderUri);
      return folder ? workspace.sheetsIn(folder).map(toUri) : [];
    }),
  );

  connection.onRequest(CiteSelectionRequest, (params: CiteSelectionParams): CiteSelectionResult =>
    guard('Cite Selection', { error: 'Fact Notes could not add the citation; see its log.' }, () => {
      const sheetPath = toPath(params.sheetUri);
      const sourcePath = toPath(params.sourceUri);
      if (!sheetPath || !sourcePath) return { error: 'Only files on disk can be cited.' };
      const target = params.factIndex === undefined ? { kind: 'new' as const, claim: params.claim ?? '' } : { kind: 'fact' as const, index: params.factIndex };
      const result = workspace.citeSelection(sheetPath, sourcePath, { first: params.startLine + 1, last: params.endLine + 1 }, params.quote, target);
      if ('error' in result) return { error: result.error };
      const range = features.toRange(result.lines, result.edit.span);
      return { edit: { changes: { [params.sheetUri]: [{ range, newText: result.edit.newText }] } } };
    }),
  );

  connection.onRequest(ReportRequest, (params: ReportParams): ReportResult =>
    guard('Making the report', { error: 'Fact Notes could not make the report; see its log.' }, () => {
      const p = toPath(params.sheetUri);
      const v = view(params.sheetUri);
      if (!p || !v) return { error: 'This sheet is not in a workspace folder Fact Notes checks.' };
      const name = path.relative(workspace.rootFor(p), p).split(path.sep).join('/') || path.basename(p);
      const sheet = { check: v.check, name, source: v.source, provenance: v.provenance };
      return { html: renderReport([sheet]), title: v.check.sheet.title?.value.trim() || path.basename(p) };
    }),
  );

  connection.onRequest(FactCountsRequest, (params: FactCountsParams): FactCounts | null =>
    guard('Counting facts', null, () => {
      const v = view(params.sheetUri);
      if (!v) return null;
      const { facts, verified, broken, unsupported, warning, ignored } = reportCounts([{ check: v.check, name: '', source: v.source }]);
      return { facts, verified, broken, unsupported, warning, ignored };
    }),
  );

  documents.listen(connection);
  connection.listen();
}

