/**
 * The Fact Notes checking core: pure, editor-independent. The language
 * server, the command line and the tests all use it through this module.
 */
export * from './types';
export { LineIndex, decodeSource, decodeTogether, encodeText, escapeControls, excerpt, spanOnBoundaries, type Position, type Decoded, type Encoding } from './text';
export { buildMap, isNfc, normalizeText, normalizeWithMap, quoteParts, type NormalizedText } from './normalize';
export { nodeFileSystem, type FileSystem, type FileStat, type DirectoryEntry } from './fileSystem';
export { SourceStore, SourceText, isInside, realPathInside, formatBytes, type Resolution, type Loaded } from './sources';
export { parseSheet, parseWhole, splitSheet, type SheetLayout, type Sheet, type Fact, type Citation, type ScalarValue, type LineValue, type ParsedSheet, type ScalarStyle } from './sheet';
export { compareWords, describeChanges, type ChangeKind, type Comparison, type WordChange } from './difference';
export { numberAt, parseDigits, type NumberPhrase } from './numbers';
export { locateQuote, findExact, findApproximate, prepareQuote, aboutEqual, type Candidate, type LineRange, type QuoteLocation, type PreparedQuote } from './match';
export { checkSheet, dependenciesOf, SheetChecker, applySeverities, sourcesDirOf, type SheetCheck, type CitationCheck } from './check';
export { applyFixes, applyEdits, renderScalar, renderLine } from './edits';
export { citeSelection, type CiteTarget } from './cite';
export { findSheets, isFactSheetPath, isSkippedFolder, readSheetFile, type SheetFile } from './discover';
export { preferredFixes, unparsable } from './fixes';
export { anchorsOf, settle, supports, AnchorMapping, DiffMapping, GitHistory, runGit, type Anchor, type EvidenceSources, type LineMapping, type Placement, type GitRunner } from './evidence';
export { withRenames } from './renames';
export { FactWorkspace, type WorkspaceHost } from './workspace';
export * as features from './features';
export { CACHE_VERSION, cacheKey, hashText, lookup, parseCache, stampOf, type CacheData, type CachedResult } from './resultCache';
