/** A snapshot's default limits (kept apart so that the command line's help needs no more of the snapshot). */
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
