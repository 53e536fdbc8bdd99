/**
 * The checking core and the command line as the tests load them.
 *
 * The tests compile from `test/` into `test/out/`, one folder deeper than
 * their sources, so a relative import of `server/src` would not resolve at
 * run time. Types come from the sources (type-only imports are erased);
 * values are required from the server's build output, which `tsc -b` builds
 * first through the project reference. The pure core (server/src/core)
 * and the Node pieces the hosts give it (server/src/node) are both here.
 */
import type * as Core from '../../server/src/core';
import type * as Cli from '../../server/src/cli/main';
import type * as NodeHost from '../../server/src/node';
import type * as Snapshot from '../../server/src/snapshot';
import type * as Terminal from '../../server/src/cli/terminal';

export type * from '../../server/src/core';
export type { CliIO } from '../../server/src/cli/main';

const core = require('../../../server/out/core') as typeof Core;
const cli = require('../../../server/out/cli/main') as typeof Cli;
const nodeHost = require('../../../server/out/node') as typeof NodeHost;
const snapshotModule = require('../../../server/out/snapshot') as typeof Snapshot;

export const {
  ALL_CODES,
  forEachSpan,
  forEachValue,
  AnchorMapping,
  DiffMapping,
  GitHistory,
  settle,
  supports,
  anchorsOf,
  FactWorkspace,
  DEFAULT_OPTIONS,
  DEFAULT_SEVERITY,
  LineIndex,
  digestOf,
  SourceStore,
  SourceText,
  applyEdits,
  readProvenance,
  quantitiesIn,
  provenanceWithEntry,
  PROVENANCE_KEYS,
  pasteCitation,
  sheetEditsForMoves,
  movedPath,
  renderScalar,
  applyFixes,
  checkSheet,
  SheetChecker,
  compareWords,
  describeChanges,
  decodeSource,
  decodeTogether,
  findExact,
  isInside,
  locateQuote,
  isNfc,
  normalizeText,
  normalizeWithMap,
  numberAt,
  parseDigits,
  buildMap,
  parseSheet,
  parseWhole,
  preferredFixes,
  prepareQuote,
  suppress,
  findSheets,
  readSheetFile,
  realPathInside,
  features,
  articles,
  escapeControls,
  isDiagnosticCode,
  isEditorCode,
  renderReport,
  reportCounts,
  sentenceAround,
  disagreementsOf,
  escapeHtml,
} = core;

/** Saving web pages and PDFs as sources (issue 14). */
export const { snapshot, SnapshotFailed, extractHtml, extractPdf, decodeHtml, pdfParagraphs, defaultName, NoReadableText } = snapshotModule;

/** The Node side the command line and the server give the core: the real disk, and git. */
export const { nodeFileSystem, runGit } = nodeHost;

/** The classes are values above; these name their instance types. */
export type LineIndex = Core.LineIndex;
export type SourceStore = Core.SourceStore;
export type SourceText = Core.SourceText;
export type FactWorkspace = Core.FactWorkspace;
export type SheetDigest = Core.SheetDigest;

export const { run, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } = cli;

/** How the text format looks on a terminal: colours and code frames. */
export const { codeFrame, layoutFor, width: terminalWidth } = require('../../../server/out/cli/terminal') as typeof Terminal;

/** Absolute path of the repository (`test/out/helpers` is three folders down). */
export const REPO_ROOT: string = require('node:path').resolve(__dirname, '../../..');
