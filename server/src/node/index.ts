/**
 * What the command line and the language server need of Node beside the
 * pure core: the real disk, running git, and the check cache between runs.
 */
export { nodeFileSystem } from './fileSystem';
export { runGit } from './git';
export { CACHE_VERSION, cacheKey, hashText, lookup, parseCache, stampOf, type CacheData, type CachedResult } from './resultCache';
export { writeAtomically, writeFailure } from './write';
export { fullCollection, HeapBound } from './heap';
