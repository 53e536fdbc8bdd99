/**
 * The Fact Notes checking core: pure, editor-independent. The language
 * server, the command line and the tests all use it through this module.
 * Its stages are folders, each importing only earlier ones: parse, sources,
 * match, check, edit, features (docs/ARCHITECTURE.md). What it needs of Node
 * (the real disk, git, the result cache) the hosts take from server/src/node.
 * The contract it implements is docs/FORMAT.md: "FORMAT.md section N" in the
 * comments of the core and its hosts is a section of that file.
 */
export * from './types';
export { LineIndex, decodeSource, decodeTogether, encodeText, escapeControls, excerpt, spanOnBoundaries, type Position, type Decoded, type Encoding } from './text';
export { buildMap, isNfc, normalizeText, normalizeWithMap, quoteParts, type NormalizedText } from './normalize';
export type { FileSystem, FileStat, DirectoryEntry } from './sources/fileSystem';
export { SourceStore, SourceText, isInside, realPathInside, formatBytes, sourcesDirOf, type Resolution, type Loaded, type SourceStoreOptions } from './sources/sources';
export { PROVENANCE_FILE, PROVENANCE_KEYS, provenanceWithEntry, readProvenance, type Provenance, type ProvenanceIndex, type ProvenanceProblem } from './sources/provenance';
export type { SheetLayout, Sheet, Fact, Citation, ScalarValue, LineValue, ParsedSheet, ScalarStyle } from './model';
export { forEachSpan, forEachValue } from './model';
export { closestKey, parseSheet, parseWhole, splitSheet, type ParseOptions } from './parse';
export { compareWords, describeChanges, type ChangeKind, type Comparison, type WordChange } from './match/difference';
export { numberAt, parseDigits, type NumberPhrase } from './match/numbers';
export { locateQuote, findExact, findApproximate, prepareQuote, aboutEqual, type Candidate, type LineRange, type QuoteLocation, type PreparedQuote } from './match/match';
export { checkSheet, dependenciesOf, SheetChecker, applySeverities } from './check/check';
export type { SheetCheck, CitationCheck, IgnoredDiagnostic } from './check/results';
export { suppress, suppressible, REASON_PLACEHOLDER, SUPPRESSION_MARK, type Suppression } from './check/suppress';
export { renderScalar, renderLine } from './parse';
export { applyFixes, applyEdits } from './edit/edits';
export { citeSelection, type CiteTarget } from './edit/cite';
export { pasteCitation, type PastedCitation } from './edit/paste';
export { movedPath, sheetEditsForMoves, type Move, type MovedValue, type SheetMoveEdits } from './edit/moves';
export { findSheets, isFactSheetPath, isSkippedFolder, readSheetFile, type SheetFile } from './sources/discover';
export { preferredFixes, unparsable } from './edit/fixes';
export { anchorsOf, settle, supports, AnchorMapping, DiffMapping, GitHistory, type Anchor, type EvidenceSources, type LineMapping, type Placement, type GitRunner } from './check/evidence';
export { withRenames } from './check/renames';
export { FactWorkspace, type WorkspaceHost } from './workspace/workspace';
export * as features from './features/features';
export * as articles from './features/articles';
export { digestOf, type SheetDigest, type CitationDigest, type FactDigest } from './features/digest';
export { quantitiesIn, sameKind, sameQuantity, type Quantity, type QuantityKind } from './match/quantities';
export { buildReport, renderReport, reportCounts, escapeHtml, sentenceAround, type ReportSheet, type ReportCounts, type ReportOptions, type FactStatus, type Excerpt } from './features/report';
export { disagreementsOf, type Disagreement, type DisagreementSide } from './features/disagreements';
export { othersAnchors, shardSheets, type Shard } from './check/shards';
