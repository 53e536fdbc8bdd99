/**
 * The `fact-notes` command line: `check`, `fix`, `mv`, `snapshot`, `report` and `lsp`. `run` takes its
 * I/O as arguments so tests run it in-process; `main` binds it to the process.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_OPTIONS,
  GitHistory,
  settle,
  type Anchor,
  applyEdits,
  applyFixes,
  decodeSource,
  isInside,
  movedPath,
  sheetEditsForMoves,
  type MovedValue,
  encodeText,
  escapeControls,
  LineIndex,
  findSheets,
  isFactSheetPath,
  readSheetFile,
  realPathInside,
  shardSheets,
  othersAnchors,
  type Shard,
  isDiagnosticCode,
  preferredFixes,
  checkSheet,
  buildReport,
  type ReportSheet,
  type SheetCheck,
  unparsable,
  SEVERITIES,
  ALL_CODES,
  SourceStore,
  type CheckOptions,
  type Encoding,
  type FileSystem,
  type SeveritySetting,
} from '../core';
import { CACHE_VERSION, cacheKey, HeapBound, hashText, lookup, nodeFileSystem, parseCache, runGit, writeAtomically, writeFailure, type CachedResult } from '../node';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from '../snapshot/limits';
import { checkingStore, checkWith, Helpers, PackedSheets, resultOf, type PackedInput, type SheetInput, type SheetResult } from './parallel';
import { didYouMean, oneOf, orList, parseOptions, UsageError, type OptionSpec } from './options';
import { counts, formatText, jsonPieces, sarifPieces, sheetReport, textPieces, withoutHints, type SheetReport } from './report';
import { layoutFor, type TextLayout } from './terminal';

export interface CliIO {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fs?: FileSystem;
  /** Whether standard output is a terminal: the text format is then coloured, with code frames. */
  readonly terminal?: boolean;
  /** The environment's NO_COLOR, FORCE_COLOR and TERM (default: none of them). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- JSON through require (resolveJsonModule is off)
const VERSION: string = (require('../../../package.json') as { version: string }).version;

const HELP = `fact-notes ${VERSION} — check that every fact in a fact sheet cites the exact words of its source.

Usage:
  fact-notes check [PATH...] [--format text|json|sarif] [--root DIR] [--show-ignored] [--shard I/N]
  fact-notes fix [PATH...] [--root DIR]
  fact-notes mv OLD NEW [--root DIR] [--dry-run]
  fact-notes snapshot URL|FILE [--into DIR] [--name NAME] [--force]
  fact-notes report [PATH...] [-o FILE] [--root DIR]
  fact-notes merge REPORT.json...
  fact-notes lsp --stdio
  fact-notes --version

Commands:
  check   Report broken citations in fact sheets (*.facts.yaml, *.facts.yml).
  fix     Apply every unambiguous repair, then check again.
  mv      Move or rename an article, a folder or a fact sheet, and update
          every citation of it, so that none breaks.
  snapshot  Save a web page or a PDF as a text file to cite, with where
          it came from in the folder's sources.yaml.
  report  Write one HTML page on fact sheets for readers who do not use an
          editor: every fact, its status and its quotes in their sentences.
  merge   Join the JSON reports of 'check --shard I/N' into one.
  lsp     Run the language server over standard input and output.

Run 'fact-notes COMMAND --help' for a command's options.
`;

const CHECK_HELP = `Usage: fact-notes check [PATH...] [options]

Checks fact sheets and prints every broken citation. PATHs are fact sheets or
folders searched recursively for *.facts.yaml and *.facts.yml (node_modules
and dot-folders are skipped); the default is the current folder.

Options:
  --format FORMAT        text (default), json or sarif
  --show-ignored         also list what "# fact-notes-ignore CODE -- REASON"
                         comments silenced, with each reason (text: after the
                         diagnostics; json: "ignored"; sarif: suppressed
                         results); silenced diagnostics never fail a check
  --root DIR             no sheet or source outside DIR is read, symlinks
                         followed (default: current folder)
  --tolerance N          approximate quotes may differ by N x their length in
                         edits (default ${DEFAULT_OPTIONS.quoteTolerance})
  --max-source-bytes N   refuse sources and sheets larger than N bytes
                         (default ${DEFAULT_OPTIONS.maxSourceBytes})
  --severity CODE=LEVEL  set a code's severity: off, hint, information,
                         warning or error (repeatable)
  --show-hints           report hints too (single-source: a fact whose
                         citations all point at one source), in every format
  -j, --jobs N           check on N threads (default 1, which is fastest on
                         most computers; more may help with hundreds of
                         sheets on a computer with cores to spare)
  --cache                reuse results of sheets whose text, options and
                         cited files are unchanged since the last run
  --cache-location FILE  where the cache lives (default: .fact-notes-cache)
  --shard I/N            check only share I of N of the sheets, for CI jobs
                         side by side: sheets that cite a common source stay
                         together where they fit in a share, and the N
                         reports together (fact-notes merge) are one full
                         run's
  --color, --no-color    colour the text format, with the sheet's line and a
                         caret under each diagnostic, or not (default: on a
                         terminal only; NO_COLOR turns colours off, and
                         FORCE_COLOR on)
  -h, --help             show this help

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error, an
unreadable fact sheet, one named outside the root, a file named that is not a
fact sheet, or PATHs that hold no fact sheet at all. A sheet found in a
folder that links outside the root is skipped with a warning.
`;

const FIX_HELP = `Usage: fact-notes fix [PATH...] [options]

Applies every preferred fix (the ones that are unambiguous), writes each
changed sheet atomically, prints what changed, then checks again and exits
as 'check' does. Citations whose repair is ambiguous are left alone, and so
is a sheet that is not valid YAML or that you could not change by hand (a
read-only file or folder): fix says so, and then exits with at least 1.

Options:
  --root DIR             no sheet or source outside DIR is read or written
                         (default: current folder)
  --tolerance N          as for check
  --max-source-bytes N   as for check
  --severity CODE=LEVEL  as for check
  --show-hints           as for check
  --color, --no-color    as for check
  -h, --help             show this help
`;

const MV_HELP = `Usage: fact-notes mv OLD NEW [options]

Moves or renames an article, a folder of articles or a fact sheet, and
rewrites every fact sheet under the root that cites what moved, so that each
citation still points at the same article (a moved sheet keeps pointing at
its articles). Each changed sheet is written atomically; what changed is
printed. When NEW is an existing folder, OLD moves into it. Nothing is ever
overwritten, and nothing is moved when a sheet that must change cannot be
written.

Options:
  --root DIR     the sheets under DIR are updated, and nothing outside it is
                 moved or written (default: current folder)
  -n, --dry-run  print what would change, and change nothing
  -h, --help     show this help

Exit status: 0 moved, every citation updated; 1 moved, but a citation could
not be rewritten in place (it is named: change it by hand); 2 usage error,
nothing moved (OLD missing, NEW already there, a path outside the root, or a
sheet that cannot be written).
`;

const SNAPSHOT_HELP = `Usage: fact-notes snapshot URL|FILE [options]

Saves a web page (an http or https address, or a saved .html file) or a PDF
as a text file that fact sheets can cite: a page's article text (headline,
byline, date and body, without the navigation, ads and links around it), or
a PDF's text page by page, a line "[page N]" before each page. One paragraph
per line. The original is kept beside it (NAME.orig.html or NAME.orig.pdf),
and the folder's sources.yaml records where it came from: the address, title,
outlet, author, date of publication, when it was saved, and the SHA-256 of
the text, so that a later change to the text is reported (source-changed).

Nothing is written when the fetch fails or the page has no article text, and
nothing is overwritten unless --force is given.

Options:
  --into DIR         the folder to save into (default: current folder)
  --name NAME        the text file's name (default: the outlet and the first
                     words of the headline, such as
                     srf-4-foreign-ministers-meeting-blinken-lavrov)
  -f, --force        replace a saved source of the same name, and its entry
  --timeout SECONDS  give up when the whole answer has not come in this time
                     (default: ${DEFAULT_TIMEOUT_MS / 1000})
  --max-size MB      refuse anything larger (default: ${DEFAULT_MAX_BYTES / 1024 / 1024})
  -h, --help         show this help

Exit status: 0 saved; 1 the page or file could not be fetched or read, or has
no readable text (the reason is printed); 2 usage error, or a source of that
name is already saved (nothing was changed).
`;

const REPORT_HELP = `Usage: fact-notes report [PATH...] [options]

Writes one HTML page about fact sheets, to read in any browser, offline, or
to print: a summary (facts, verified, broken, unsupported), then for each
sheet its title, every fact with its claim and status (Verified, Broken,
Unsupported, Single source, Ignored with the reason, Warning), each
citation's quote highlighted in its sentence of the article, where facts that
share a tag cite different numbers (side by side), and the sources with their
titles and dates from sources.yaml. Several sheets make one page with a
section per sheet and a contents list. The page is self-contained: no
scripts, fonts or images, nothing loaded from anywhere.

PATHs are found as 'check' finds them (default: the current folder).

Options:
  -o, --output FILE      where to write the page (default:
                         fact-notes-report.html in the current folder; '-'
                         writes it to standard output). An existing file is
                         replaced, atomically.
  --root DIR             as for check
  --tolerance N          as for check
  --max-source-bytes N   as for check
  --severity CODE=LEVEL  as for check
  -h, --help             show this help

Exit status: 0 the report was written, whatever it says (a report is not a
gate: use 'check' for that); 2 usage error, an unreadable fact sheet, or a
page that could not be written.
`;

const MERGE_HELP = `Usage: fact-notes merge REPORT.json...

Joins the JSON reports of 'fact-notes check --format json' (the shards of a
run, 'check --shard I/N') into one report on standard output: the sheets and
citations added up, every diagnostic in file and position order.

Exit status: 0 no errors in any report, 1 errors, 2 usage error or a file
that is not such a report.
`;

const LSP_HELP = `Usage: fact-notes lsp --stdio

Runs the Fact Notes language server on standard input and output, for any
editor with an LSP client (Neovim, Helix, Emacs, Sublime Text).
`;

const COMMANDS = ['check', 'fix', 'mv', 'snapshot', 'report', 'merge', 'lsp'];

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(HELP);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      case '-v':
      case '--version':
        io.stdout(`${VERSION}\n`);
        return EXIT_OK;
      case 'check':
        return await check(rest, io);
      case 'fix':
        return fix(rest, io);
      case 'mv':
        return mv(rest, io);
      case 'snapshot':
        return await snapshotCommand(rest, io);
      case 'report':
        return report(rest, io);
      case 'merge':
        return merge(rest, io);
      case 'lsp':
        return await lsp(rest, io);
      default:
        throw new UsageError(`unknown command '${escapeControls(command)}'${didYouMean(command, COMMANDS)} (${orList(COMMANDS)})`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`fact-notes: ${(e as Error).message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

interface Common {
  readonly paths: string[];
  readonly root: string;
  readonly options: CheckOptions;
  readonly help: boolean;
  readonly format: string;
  /** List what suppression comments silenced (`check` only). */
  readonly showIgnored: boolean;
  /** Threads to check on. */
  readonly jobs: number;
  readonly cache: boolean;
  readonly cacheLocation: string | undefined;
  /** `report`'s page: a file, or `-` for standard output. */
  readonly output?: string;
  /** List hints (single-source) in the text format. */
  readonly showHints: boolean;
  /** Check only this share of the sheets: `index` (1-based) of `count`. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** `--color` (true) or `--no-color` (false); undefined: as the terminal and the environment say. */
  readonly color?: boolean;
}

function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 1000 || index < 1 || index > count) throw new UsageError(`--shard must be I/N with 1 <= I <= N <= 1000, like 2/4, not '${value}'`);
  return { index, count };
}

/** The options of `check`, `fix` and `report`; `NOT_FOR` says which a command does not take. */
const COMMON_OPTIONS = {
  format: { type: 'string', short: 'f', value: 'text|json|sarif' },
  'show-ignored': { type: 'boolean' },
  root: { type: 'string', value: 'DIR' },
  tolerance: { type: 'string', value: 'N' },
  'max-source-bytes': { type: 'string', value: 'N' },
  severity: { type: 'string', multiple: true, value: 'CODE=LEVEL' },
  help: { type: 'boolean', short: 'h' },
  jobs: { type: 'string', short: 'j', value: 'N' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string', value: 'FILE' },
  output: { type: 'string', short: 'o', value: 'FILE' },
  'show-hints': { type: 'boolean' },
  shard: { type: 'string', value: 'I/N' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const satisfies Record<string, OptionSpec>;

const COMMON_COMMANDS = ['check', 'fix', 'report'] as const;

type CommonCommand = (typeof COMMON_COMMANDS)[number];

const NOT_FOR: Record<CommonCommand, readonly (keyof typeof COMMON_OPTIONS)[]> = {
  check: ['output'],
  fix: ['format', 'show-ignored', 'shard', 'output', 'jobs', 'cache', 'cache-location'],
  report: ['format', 'show-ignored', 'jobs', 'cache', 'cache-location', 'show-hints', 'shard', 'color', 'no-color'],
};

const FORMATS = ['text', 'json', 'sarif'] as const;

function parseCommon(args: readonly string[], io: CliIO, command: CommonCommand): Common {
  const suggest = Object.keys(COMMON_OPTIONS).filter((o) => !(NOT_FOR[command] as readonly string[]).includes(o));
  const { values, positionals } = parseOptions(args, COMMON_OPTIONS, { command, suggest });
  for (const name of NOT_FOR[command]) {
    if (values[name] === undefined) continue;
    const takers = COMMON_COMMANDS.filter((c) => !NOT_FOR[c].includes(name)).map((c) => `'${c}'`);
    throw new UsageError(command === 'report' ? `'--${name}' is not an option of 'report'` : `'--${name}' is an option of ${orList(takers)} only`);
  }
  if (values.color && values['no-color']) throw new UsageError('give --color or --no-color, not both');
  const format = oneOf(values.format ?? 'text', FORMATS, 'format');
  const root = path.resolve(io.cwd, values.root ?? '.');
  if (values.root !== undefined && !(io.fs ?? nodeFileSystem).stat(root)?.isDirectory) {
    throw new UsageError(`--root '${values.root}' is not a folder`);
  }
  const severity: Partial<Record<string, SeveritySetting>> = {};
  for (const s of values.severity ?? []) {
    const eq = s.indexOf('=');
    if (eq < 0) throw new UsageError(`--severity takes CODE=LEVEL, like quote-mismatch=error, not '${escapeControls(s)}'`);
    const [code, level] = [s.slice(0, eq).trim(), s.slice(eq + 1).trim()];
    if (!isDiagnosticCode(code)) throw new UsageError(`--severity: unknown code '${escapeControls(code)}'${didYouMean(code, ALL_CODES)}`);
    if (!SEVERITIES.includes(level as SeveritySetting)) {
      throw new UsageError(`--severity: level must be ${orList(SEVERITIES)}, not '${escapeControls(level)}'${didYouMean(level, SEVERITIES)}`);
    }
    severity[code] = level as SeveritySetting;
  }
  const options: CheckOptions = {
    quoteTolerance: number(values.tolerance, '--tolerance', DEFAULT_OPTIONS.quoteTolerance, 0, 1),
    maxSourceBytes: number(values['max-source-bytes'], '--max-source-bytes', DEFAULT_OPTIONS.maxSourceBytes, 0, Number.MAX_SAFE_INTEGER),
    severity,
  };
  const jobs = number(values.jobs, '--jobs', 1, 1, 64);
  if (!Number.isInteger(jobs)) throw new UsageError(`--jobs must be a whole number, not '${values.jobs}'`);
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError("'--cache-location' needs --cache");
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    root,
    options,
    help: values.help === true,
    format,
    showIgnored: values['show-ignored'] === true,
    jobs,
    showHints: values['show-hints'] === true,
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    cache: values.cache === true,
    cacheLocation: values['cache-location'],
    output: values.output,
    color: values.color ? true : values['no-color'] ? false : undefined,
  };
}

function number(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${name} must be a number from ${min} to ${max}, not '${value}'`);
  return n;
}

interface FoundSheet {
  readonly path: string;
  /** Named on the command line, not found in a folder. */
  readonly named: boolean;
}

/**
 * The sheets named by PATHs, or found in the folders named. A usage error: a
 * missing path, a folder outside the root, a file that is not a fact sheet
 * (by its name), or PATHs that hold no fact sheet at all (a CI job pointed at
 * the wrong folder must not pass). No folder whose real path is outside the
 * root is entered.
 */
function collectSheets(paths: readonly string[], root: string, io: CliIO): FoundSheet[] {
  const fsys = io.fs ?? nodeFileSystem;
  const sheets: FoundSheet[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(io.cwd, p);
    const stat = fsys.stat(abs);
    if (!stat) throw new UsageError(`no such file or folder: ${p}`);
    if (stat.isDirectory && realPathInside(fsys, abs, [root]) === undefined) {
      throw new UsageError(`cannot check ${p}: it is outside the root folder (see --root)`);
    }
    if (!stat.isDirectory && !isFactSheetPath(abs)) throw new UsageError(`${escapeControls(p)} is not a fact sheet: a sheet's name ends in .facts.yaml or .facts.yml`);
    const found = stat.isDirectory ? findSheets(fsys, abs, root) : [abs];
    for (const f of found) {
      if (!seen.has(f)) {
        seen.add(f);
        sheets.push({ path: f, named: !stat.isDirectory });
      }
    }
  }
  if (sheets.length === 0) {
    const where = paths.map((p) => (path.resolve(io.cwd, p) === io.cwd ? 'the current folder' : escapeControls(p)));
    throw new UsageError(`no fact sheets (*.facts.yaml, *.facts.yml) found in ${orList(where)}`);
  }
  return sheets;
}

interface LoadedSheet {
  readonly path: string;
  readonly text: string;
  readonly encoding: Encoding;
}

/**
 * The sheets read, inside the root only. One that cannot be read is a usage
 * error; one found in a folder that leads outside the root (a link) is
 * skipped with a warning: it is not part of the tree checked.
 */
function readSheets(found: readonly FoundSheet[], opts: Common, io: CliIO): LoadedSheet[] {
  const out: LoadedSheet[] = [];
  for (const f of found) {
    const sheet = readSheet(f, opts, io);
    if (sheet) out.push({ path: sheet.path, text: sheet.text, encoding: sheet.encoding });
  }
  return out;
}

/** The sheets read as {@link readSheets} reads them, kept as their bytes (see {@link PackedSheets}). */
function readPacked(found: readonly FoundSheet[], opts: Common, io: CliIO): PackedSheets {
  const read: { path: string; bytes: Uint8Array }[] = [];
  for (const f of found) {
    const sheet = readSheet(f, opts, io);
    if (sheet) read.push({ path: sheet.path, bytes: sheet.bytes });
  }
  return PackedSheets.of(read);
}

function readSheet(found: FoundSheet, opts: Pick<Common, 'root' | 'options'>, io: CliIO): (LoadedSheet & { readonly bytes: Uint8Array }) | undefined {
  const file = found.path;
  const shown = path.relative(io.cwd, file) || file;
  const read = readSheetFile(io.fs ?? nodeFileSystem, file, [opts.root], opts.options.maxSourceBytes);
  if (read.kind === 'refused') {
    if (read.outside && !found.named) {
      io.stderr(`fact-notes: warning: skipped fact sheet ${shown}: ${read.reason}\n`);
      return undefined;
    }
    throw new UsageError(`cannot read fact sheet ${shown}: ${read.reason}${read.outside ? ' (see --root)' : ''}`);
  }
  const decoded = decodeSource(read.bytes);
  if (!decoded.ok) throw new UsageError(`cannot read fact sheet ${shown}: ${decoded.reason}`);
  return { path: file, text: decoded.text, encoding: decoded.encoding, bytes: read.bytes };
}

function checkAll(sheets: readonly SheetInput[], store: SourceStore, options: CheckOptions, others?: Shard<SheetInput>['others']): SheetReport[] {
  const results = settled(checkWith(store, sheets, options), store, others, options);
  return sheets.map((s, i) => sheetReport(s, results[i]));
}

/**
 * The results with every repair that waits for evidence settled (FORMAT.md
 * 4.2), on the anchors of every sheet of the run (those of the other shards'
 * sheets too, `others`) and the sources' history in git.
 */
function settled<R extends SheetResult>(results: readonly R[], store: SourceStore, others?: Shard<SheetInput>['others'], options?: CheckOptions): R[] {
  if (!results.some((r) => r.diagnostics.some((d) => d.needs))) return [...results];
  const anchors = new Map<string, Anchor[]>();
  const add = (found: Iterable<readonly [string, readonly Anchor[]]>) => {
    for (const [source, list] of found) {
      const all = anchors.get(source);
      if (all) all.push(...list);
      else anchors.set(source, [...list]);
    }
  };
  for (const r of results) add(r.anchors);
  if (others && options) {
    const needed = new Set<string>();
    for (const r of results) for (const d of r.diagnostics) if (d.needs) needed.add(d.needs.source);
    add(othersAnchors(others, needed, store, options));
  }
  const git = new GitHistory((p) => store.isInsideRoot(p), runGit);
  const evidence = {
    anchors: (source: string) => anchors.get(source) ?? [],
    history: (source: string) => {
      const loaded = store.load(source);
      return loaded.kind === 'loaded' ? git.mapping(source, loaded.source.text) : undefined;
    },
  };
  return results.map((r) => ({ ...r, diagnostics: settle(r.diagnostics, evidence) }));
}

/**
 * Checks sheets, on several threads when there are enough of them and the
 * disk is the real one, reusing cached results where they still hold.
 */
async function checkMany(packed: PackedSheets, shard: Shard<PackedInput>, opts: Common, io: CliIO, helpers: Helpers | undefined): Promise<SheetReport[]> {
  const sheets = shard.mine;
  if (io.fs) return checkAll(sheets, checkingStore(io.fs, opts.root, opts.options), opts.options, shard.others);
  const cacheFile = opts.cache ? path.resolve(io.cwd, opts.cacheLocation ?? '.fact-notes-cache') : undefined;
  const key = cacheKey(opts.options, opts.root, VERSION);
  const old = cacheFile ? parseCache(readIfExists(cacheFile)) : undefined;
  const hashes = cacheFile ? sheets.map((s) => hashText(s.text)) : [];
  const results: (SheetResult | undefined)[] = sheets.map((s, i) => (cacheFile ? lookup(old, key, nodeFileSystem, s.path, hashes[i]) : undefined));
  const todo = sheets.map((_, i) => i).filter((i) => results[i] === undefined);
  const todoSheets = todo.map((i) => sheets[i]);
  const threads = Math.min(todoSheets.length, (helpers?.size ?? 0) + 1);
  const fresh =
    threads > 1 && helpers
      ? await helpers.check(packed, todoSheets.map((s) => s.index), opts.root, opts.options, threads - 1, cacheFile !== undefined)
      : checkWith(checkingStore(nodeFileSystem, opts.root, opts.options), todoSheets, opts.options, cacheFile !== undefined);
  todo.forEach((i, k) => (results[i] = fresh[k]));
  if (cacheFile) {
    const entries: Record<string, CachedResult> = { ...(old?.key === key ? old.entries : {}) };
    sheets.forEach((s, i) => {
      const r = results[i]!;
      entries[s.path] = { hash: hashes[i], deps: r.deps, citations: r.citations, diagnostics: r.diagnostics, ...(r.ignored ? { ignored: r.ignored } : {}), anchors: r.anchors };
    });
    try {
      writeAtomically(cacheFile, Buffer.from(JSON.stringify({ version: CACHE_VERSION, key, entries })), true);
    } catch (e) {
      io.stderr(`fact-notes: could not write the cache ${cacheFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    }
  }
  const final = settled(results as SheetResult[], checkingStore(nodeFileSystem, opts.root, opts.options), shard.others, opts.options);
  return sheets.map((s, i) => sheetReport(s, final[i]));
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** How the text report looks: coloured, with code frames, on a terminal or when asked (terminal.ts). */
function textLayout(opts: Common, io: CliIO): TextLayout {
  return layoutFor(opts.color, io.env ?? {}, io.terminal === true);
}

function exitStatus(reports: readonly SheetReport[]): number {
  return counts(reports).error > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

async function check(args: readonly string[], io: CliIO): Promise<number> {
  const opts = parseCommon(args, io, 'check');
  if (opts.help) {
    io.stdout(CHECK_HELP);
    return EXIT_OK;
  }
  const found = collectSheets(opts.paths, opts.root, io);
  // Helper threads boot while the sheets are read; unneeded ones are let go.
  const helperCount = io.fs ? 0 : Math.min(opts.jobs, found.length) - 1;
  const helpers = helperCount > 0 ? new Helpers(helperCount) : undefined;
  let reports: SheetReport[];
  try {
    const packed = readPacked(found, opts, io);
    const loaded = Array.from({ length: packed.length }, (_, i) => packed.input(i));
    const shard = opts.shard ? shardSheets(loaded, new SourceStore(io.fs ?? nodeFileSystem, opts.root, opts.options.maxSourceBytes), opts.shard.index, opts.shard.count) : { mine: loaded, others: [] };
    reports = await checkMany(packed, shard, opts, io, helpers);
  } finally {
    helpers?.close();
  }
  const summary = { sheets: reports, cwd: io.cwd, showIgnored: opts.showIgnored };
  const shown = opts.showHints ? summary : withoutHints(summary);
  writePieces(io, opts.format === 'json' ? jsonPieces(shown) : opts.format === 'sarif' ? sarifPieces(shown, VERSION) : textPieces(shown, textLayout(opts, io)));
  return exitStatus(reports);
}

/** How far the heap may grow while a report is written before it is collected in full (see {@link HeapBound}). */
const REPORT_HEAP_SLACK = 64 * 1024 * 1024;

/** Writes a report made in pieces as it is made, in writes of about 64 KB. */
function writePieces(io: CliIO, pieces: Iterable<string>): void {
  const heap = new HeapBound(REPORT_HEAP_SLACK);
  let pending = '';
  for (const piece of pieces) {
    pending += piece;
    if (pending.length >= 1 << 16) {
      io.stdout(pending);
      pending = '';
      heap.after();
    }
  }
  if (pending !== '') io.stdout(pending);
}

function fix(args: readonly string[], io: CliIO): number {
  const opts = parseCommon(args, io, 'fix');
  if (opts.help) {
    io.stdout(FIX_HELP);
    return EXIT_OK;
  }
  const sheets = readSheets(collectSheets(opts.paths, opts.root, io), opts, io);
  const store = new SourceStore(io.fs ?? nodeFileSystem, opts.root, opts.options.maxSourceBytes);
  const after: LoadedSheet[] = [];
  let changedSheets = 0;
  let refusedSheets = 0;
  let unwritten = 0;
  // Every sheet is checked before any is fixed: each one's citations are evidence for the others' repairs.
  // YAML errors are looked for whatever their severity: a sheet that does not parse is never rewritten.
  const strict: CheckOptions = { ...opts.options, severity: { ...opts.options.severity, 'yaml-syntax': 'error' } };
  const results = settled(checkWith(store, sheets, strict), store);
  for (const [i, sheet] of sheets.entries()) {
    const shown = escapeControls(path.relative(io.cwd, sheet.path) || sheet.path);
    after.push(sheet);
    const syntax = unparsable(results[i].diagnostics);
    if (syntax) {
      const line = new LineIndex(sheet.text).positionAt(syntax.span.start).line + 1;
      io.stdout(`${shown}: not fixed: it is not valid YAML (line ${line}). Fix that first.\n`);
      refusedSheets++;
      continue;
    }
    const { text, applied } = applyFixes(sheet.text, preferredFixes(results[i].diagnostics));
    if (applied.length === 0 || text === sheet.text) continue;
    const problem = whyNotWritable(sheet.path, opts.root) ?? writeSheet(sheet.path, encodeText(text, sheet.encoding));
    if (problem) {
      io.stdout(`${shown}: not fixed: ${problem}.\n`);
      refusedSheets++;
      unwritten++;
      continue;
    }
    changedSheets++;
    io.stdout(`${shown}: applied ${applied.length} fix${applied.length === 1 ? '' : 'es'}\n`);
    for (const f of applied) io.stdout(`  - ${f.title}\n`);
    after[after.length - 1] = { ...sheet, text };
  }
  if (changedSheets === 0 && refusedSheets === 0) io.stdout('Nothing to fix without asking.\n');
  const reports = checkAll(after, store, opts.options);
  const summary = { sheets: reports, cwd: io.cwd };
  io.stdout(formatText(opts.showHints ? summary : withoutHints(summary), textLayout(opts, io)));
  // A sheet whose fixes could not be written fails the run even when what is left are warnings.
  return unwritten > 0 ? Math.max(exitStatus(reports), EXIT_PROBLEMS) : exitStatus(reports);
}

/**
 * `fact-notes mv OLD NEW`: the move, then every sheet that cites what moved
 * rewritten (FORMAT.md section 6), each atomically. The move goes first: if
 * the run is stopped before every sheet is written, the sheets left cite a
 * file that is gone, which `check` reports with the moved file as the fix
 * ("Change to ...": it holds the quote) and `fix` applies; the other order
 * would leave sheets citing a file that is not there yet either.
 */
function mv(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseOptions(
    args,
    { root: { type: 'string', value: 'DIR' }, 'dry-run': { type: 'boolean', short: 'n' }, help: { type: 'boolean', short: 'h' } },
    { command: 'mv' },
  );
  if (values.help) {
    io.stdout(MV_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 2) throw new UsageError(`mv takes two paths, OLD and NEW (got ${positionals.length}); see 'fact-notes mv --help'`);
  const fsys = io.fs ?? nodeFileSystem;
  const root = path.resolve(io.cwd, values.root ?? '.');
  if (!fsys.stat(root)?.isDirectory) throw new UsageError(`--root '${values.root ?? '.'}' is not a folder`);
  const shown = (p: string) => escapeControls(path.relative(io.cwd, p) || '.');
  const from = path.resolve(io.cwd, positionals[0]);
  let to = path.resolve(io.cwd, positionals[1]);
  const inside = (p: string) => isInside(root, p) && p !== root;
  if (!inside(from) || realPathInside(fsys, path.dirname(from), [root]) === undefined) throw new UsageError(`cannot move ${shown(from)}: it is not inside the root folder (see --root)`);
  let fromStat: fs.Stats;
  try {
    fromStat = fs.lstatSync(from);
  } catch {
    throw new UsageError(`no such file or folder: ${positionals[0]}`);
  }
  if (fsys.stat(to)?.isDirectory) to = path.join(to, path.basename(from));
  const outside = () => new UsageError(`cannot move to ${shown(to)}: it is not inside the root folder (see --root)`);
  if (!inside(to)) throw outside();
  if (to === from) throw new UsageError(`${shown(from)} is already there`);
  if (fromStat.isDirectory() && isInside(from, to)) throw new UsageError(`cannot move the folder ${shown(from)} into itself`);
  if (fs.existsSync(to) || isSymlink(to)) throw new UsageError(`${shown(to)} already exists; nothing was moved (mv never overwrites)`);
  if (!fsys.stat(path.dirname(to))?.isDirectory) throw new UsageError(`the folder ${shown(path.dirname(to))} does not exist; create it first`);
  // A folder inside the root by name may be a link leading out of it.
  if (realPathInside(fsys, path.dirname(to), [root]) === undefined) throw outside();

  // Every sheet under the root, and what the move changes in it.
  const move = { from, to };
  const plans: { sheet: LoadedSheet; text: string; changed: readonly MovedValue[]; stuck: readonly MovedValue[] }[] = [];
  for (const file of findSheets(fsys, root, root)) {
    const sheet = readSheet({ path: file, named: false }, { root, options: DEFAULT_OPTIONS }, io);
    if (!sheet) continue;
    const r = sheetEditsForMoves(sheet.path, sheet.text, [move]);
    if (r.edits.length > 0 || r.stuck.length > 0) plans.push({ sheet, text: applyEdits(sheet.text, r.edits), changed: r.changed, stuck: r.stuck });
  }
  // A sheet that must change but cannot be written: nothing is moved, nothing breaks.
  for (const plan of plans) {
    if (plan.changed.length === 0) continue;
    const problem = whyNotWritable(plan.sheet.path, root);
    if (problem) throw new UsageError(`cannot update ${shown(plan.sheet.path)}: ${problem}; nothing was moved`);
  }
  const dry = values['dry-run'] === true;
  if (!dry) {
    try {
      fs.renameSync(from, to);
    } catch (e) {
      throw new UsageError(`cannot move ${shown(from)} to ${shown(to)}: ${writeFailure(e, 'folder')}`);
    }
  }
  io.stdout(`${dry ? 'Would move' : 'Moved'} ${shown(from)} to ${shown(to)}.\n`);
  let updated = 0;
  let stuck = 0;
  let unwritten = 0;
  for (const plan of plans) {
    const now = movedPath(plan.sheet.path, [move]) ?? plan.sheet.path;
    const lines = new LineIndex(plan.sheet.text);
    const where = (v: MovedValue) => `line ${lines.positionAt(v.at).line + 1}`;
    if (plan.changed.length > 0) {
      const problem = dry ? undefined : writeSheet(now, encodeText(plan.text, plan.sheet.encoding));
      if (problem) {
        io.stdout(`${shown(now)}: not updated: ${problem}.\n`);
        unwritten++;
      } else {
        updated += plan.changed.length;
        io.stdout(`${shown(now)}: ${dry ? 'would update' : 'updated'} ${plan.changed.length} value${plan.changed.length === 1 ? '' : 's'}\n`);
        for (const v of plan.changed) io.stdout(`  - ${v.key} "${escapeControls(v.before)}" -> "${escapeControls(v.after)}" (${where(v)})\n`);
      }
    }
    for (const v of plan.stuck) {
      stuck++;
      io.stdout(`${shown(now)}: change ${v.key} "${escapeControls(v.before)}" to "${escapeControls(v.after)}" by hand (${where(v)}): it cannot be rewritten in place.\n`);
    }
  }
  const sheets = plans.filter((p) => p.changed.length > 0).length - unwritten;
  io.stdout(plans.length === 0 ? 'No sheet cites it.\n' : `${dry ? 'Would update' : 'Updated'} ${updated} value${updated === 1 ? '' : 's'} in ${sheets} sheet${sheets === 1 ? '' : 's'}.\n`);
  return stuck > 0 || unwritten > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Why `fix` will not write a sheet, in plain words, or undefined when it
 * may: it writes no file the user could not change by hand, and none
 * outside the root. A file or
 * folder without a write bit for anyone was marked read-only by its owner,
 * and is left alone even by root, whom access(2) lets write anything.
 */
function whyNotWritable(file: string, root: string): string | undefined {
  let target: string;
  let fileMode: number;
  let folderMode: number;
  try {
    target = fs.realpathSync(file);
    fileMode = fs.statSync(target).mode;
    folderMode = fs.statSync(path.dirname(target)).mode;
  } catch (e) {
    return writeFailure(e, 'file');
  }
  // Read inside the root, but a link swapped since could lead out of it: nothing outside is written.
  if (!realPathInside(nodeFileSystem, target, [root])) return 'it now leads outside the root folder';
  if ((fileMode & 0o222) === 0) return 'the file is read-only';
  if ((folderMode & 0o222) === 0) return 'the folder is read-only';
  for (const [place, where] of [[target, 'file'], [path.dirname(target), 'folder']] as const) {
    try {
      fs.accessSync(place, fs.constants.W_OK);
    } catch (e) {
      return writeFailure(e, where);
    }
  }
  return undefined;
}

/** Writes a fixed sheet; what went wrong in plain words, or undefined. */
function writeSheet(file: string, data: Uint8Array): string | undefined {
  try {
    writeAtomically(file, data);
    return undefined;
  } catch (e) {
    return writeFailure(e, 'file');
  }
}

async function snapshotCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      into: { type: 'string', value: 'DIR' },
      name: { type: 'string', value: 'NAME' },
      force: { type: 'boolean', short: 'f' },
      timeout: { type: 'string', value: 'SECONDS' },
      'max-size': { type: 'string', value: 'MB' },
      help: { type: 'boolean', short: 'h' },
    },
    { command: 'snapshot' },
  );
  if (values.help) {
    io.stdout(SNAPSHOT_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError(`snapshot takes one URL or file (got ${positionals.length}); see 'fact-notes snapshot --help'`);
  const into = path.resolve(io.cwd, values.into ?? '.');
  if (fs.existsSync(into) && !fs.statSync(into).isDirectory()) throw new UsageError(`--into '${values.into}' is a file, not a folder`);
  const timeout = number(values.timeout, '--timeout', DEFAULT_TIMEOUT_MS / 1000, 0.001, 3600);
  const maxSize = number(values['max-size'], '--max-size', DEFAULT_MAX_BYTES / 1024 / 1024, 0.000001, 10_000);
  const source = positionals[0];
  // Loaded only here: the page reading libraries are most of its size (a bundle of its own).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { snapshot, SnapshotFailed } = require('../snapshot/main') as typeof import('../snapshot/main');
  try {
    const saved = await snapshot(/^[a-z][a-z0-9+.-]+:/i.test(source) ? source : path.resolve(io.cwd, source), {
      into,
      name: values.name,
      force: values.force,
      timeoutMs: timeout * 1000,
      maxBytes: Math.round(maxSize * 1024 * 1024),
      userAgent: `fact-notes/${VERSION} (snapshot)`,
    });
    const shown = (p: string) => escapeControls(path.relative(io.cwd, p) || p);
    const { entry } = saved;
    const about = [entry.outlet, entry.published].filter(Boolean).join(', ');
    io.stdout(
      `${saved.replaced ? 'Replaced' : 'Saved'} ${shown(saved.file)} (${saved.lines} lines)${entry.title ? `: "${escapeControls(entry.title)}"` : ''}${about ? ` (${escapeControls(about)})` : ''}\n` +
        `  original: ${shown(saved.original)}\n  provenance: ${shown(saved.provenance)} (sha256 ${entry.sha256?.slice(0, 12)}…)\n`,
    );
    return EXIT_OK;
  } catch (e) {
    if (!(e instanceof SnapshotFailed)) throw e;
    io.stderr(`fact-notes: ${escapeControls(source)}: ${escapeControls(e.reason)}${e.kind === 'exists' ? ' (--name NAME, or --force)' : ''}\n`);
    return e.kind === 'exists' ? EXIT_USAGE : EXIT_PROBLEMS;
  }
}

/** The default page of `fact-notes report`, in the current folder. */
export const DEFAULT_REPORT = 'fact-notes-report.html';

/**
 * `fact-notes report`: the sheets checked as `check` checks them (repairs
 * settled on every sheet of the run), rendered as one HTML page
 * (core/features/report.ts) and written atomically, or to standard output.
 */
function report(args: readonly string[], io: CliIO): number {
  const opts = parseCommon(args, io, 'report');
  if (opts.help) {
    io.stdout(REPORT_HELP);
    return EXIT_OK;
  }
  const toStdout = opts.output === '-';
  const output = toStdout ? undefined : path.resolve(io.cwd, opts.output ?? DEFAULT_REPORT);
  if (output !== undefined) {
    const fsys = io.fs ?? nodeFileSystem;
    if (fsys.stat(output)?.isDirectory) throw new UsageError(`-o '${opts.output}' is a folder; name the file to write`);
    if (!fsys.stat(path.dirname(output))?.isDirectory) throw new UsageError(`the folder of ${opts.output ?? DEFAULT_REPORT} does not exist; create it first`);
  }
  const sheets = readSheets(collectSheets(opts.paths, opts.root, io), opts, io);
  const store = new SourceStore(io.fs ?? nodeFileSystem, opts.root, opts.options.maxSourceBytes);
  const checks: SheetCheck[] = sheets.map((s) => checkSheet(s.path, s.text, store, opts.options));
  const results = settled(checks.map((c) => resultOf(store, c, false)), store);
  const shown = (p: string) => {
    const rel = path.relative(io.cwd, p);
    return (rel === '' ? path.basename(p) : rel.startsWith('..') ? p : rel).split(path.sep).join('/');
  };
  const input: ReportSheet[] = checks.map((c, i) => ({
    check: { ...c, diagnostics: results[i].diagnostics },
    name: shown(c.path),
    source: (real) => {
      const loaded = store.load(real);
      return loaded.kind === 'loaded' ? loaded.source : undefined;
    },
    provenance: (real) => store.provenanceOf(real),
  }));
  const { html, counts: c } = buildReport(input, { generated: `checked by fact-notes ${VERSION} on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC` });
  const summary = `${plural(c.sheets, 'sheet')}, ${plural(c.facts, 'fact')}: ${c.verified} verified, ${c.broken} broken, ${c.unsupported} unsupported`;
  if (toStdout) {
    io.stdout(html);
    io.stderr(`Wrote the report (${summary}).\n`);
    return EXIT_OK;
  }
  try {
    writeAtomically(output!, Buffer.from(html, 'utf8'), true);
  } catch (e) {
    io.stderr(`fact-notes: cannot write ${escapeControls(shown(output!))}: ${writeFailure(e, 'file')}\n`);
    return EXIT_USAGE;
  }
  io.stdout(`Wrote ${escapeControls(shown(output!))} (${summary}).\n`);
  return EXIT_OK;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

interface JsonDiagnostic {
  readonly file: string;
  readonly range: { readonly start: { readonly line: number; readonly character: number } };
  readonly severity: string;
}

function merge(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parseOptions(args, { help: { type: 'boolean', short: 'h' } }, { command: 'merge' });
  if (values.help) {
    io.stdout(MERGE_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError("merge takes one or more JSON reports; see 'fact-notes merge --help'");
  let sheets = 0;
  let citations = 0;
  const diagnostics: JsonDiagnostic[] = [];
  const ignored: unknown[] = [];
  for (const name of positionals) {
    const file = path.resolve(io.cwd, name);
    let report: { version?: unknown; sheets?: unknown; citations?: unknown; diagnostics?: unknown; ignored?: unknown };
    try {
      report = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof report;
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : e instanceof SyntaxError ? 'it is not JSON' : `it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
      throw new UsageError(`${name}: ${why}`);
    }
    if (report.version !== 1 || typeof report.sheets !== 'number' || typeof report.citations !== 'number' || !Array.isArray(report.diagnostics)) {
      throw new UsageError(`${name}: not a report of 'fact-notes check --format json' (version 1)`);
    }
    sheets += report.sheets;
    citations += report.citations;
    diagnostics.push(...(report.diagnostics as JsonDiagnostic[]));
    if (Array.isArray(report.ignored)) ignored.push(...(report.ignored as unknown[]));
  }
  const at = (d: JsonDiagnostic) => [d.file, d.range.start.line, d.range.start.character] as const;
  diagnostics.sort((a, b) => {
    const [fa, la, ca] = at(a);
    const [fb, lb, cb] = at(b);
    return fa < fb ? -1 : fa > fb ? 1 : la - lb || ca - cb;
  });
  io.stdout(`${JSON.stringify({ version: 1, sheets, citations, diagnostics, ...(ignored.length > 0 ? { ignored } : {}) }, null, 2)}\n`);
  return diagnostics.some((d) => d.severity === 'error') ? EXIT_PROBLEMS : EXIT_OK;
}

async function lsp(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(args, { stdio: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, { command: 'lsp' });
  if (values.help) {
    io.stdout(LSP_HELP);
    return EXIT_OK;
  }
  if (!values.stdio || positionals.length > 0) throw new UsageError("'lsp' needs --stdio (the only transport it offers), and nothing else");
  // Loaded only here, so that 'check' and 'fix' start without the LSP libraries.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, which an import would not be
  const { runStdioServer } = require('../lsp/main') as typeof import('../lsp/main');
  await runStdioServer();
  return EXIT_OK;
}

/** Entry point of the `fact-notes` binary. */
export async function main(argv: readonly string[]): Promise<number> {
  // A reader that stops early (as "| head -1" does) closes the pipe: the rest of the output is
  // dropped and the run ends with its usual status. (The language server's stdout is its own.)
  const closed = { stdout: false, stderr: false };
  if (argv[0] !== 'lsp') {
    for (const name of ['stdout', 'stderr'] as const) {
      process[name].on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') throw e;
        closed[name] = true;
      });
    }
  }
  const write = (name: 'stdout' | 'stderr', text: string) => {
    if (!closed[name]) process[name].write(text);
  };
  try {
    return await run(argv, {
      cwd: process.cwd(),
      terminal: process.stdout.isTTY === true,
      env: process.env,
      stdout: (t) => write('stdout', t),
      stderr: (t) => write('stderr', t),
    });
  } catch (e) {
    write('stderr', `fact-notes: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT_USAGE;
  }
}
