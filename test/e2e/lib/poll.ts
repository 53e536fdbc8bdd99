/**
 * Polling helpers: every wait in the end-to-end suites goes through `waitFor`,
 * which retries a probe until it yields a value or a deadline passes. No test
 * sleeps for a fixed time.
 */

export class TimeoutError extends Error {
  constructor(message: string, readonly lastValue?: unknown, readonly lastError?: unknown) {
    super(message);
    this.name = 'TimeoutError';
  }
}

export interface WaitOptions {
  /** Give up after this many milliseconds (default 20 s). */
  timeout?: number;
  /** Pause between probes (default 100 ms). */
  interval?: number;
  /** Said in the error when the deadline passes. */
  what?: string;
}

/**
 * Calls `probe` until it returns something other than `undefined`, `null` or
 * `false`, and returns that. Exceptions thrown by the probe count as "not yet";
 * the last one is reported on timeout.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  opts: WaitOptions = {},
): Promise<T> {
  const timeout = opts.timeout ?? 20_000;
  const interval = opts.interval ?? 100;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const v = await probe();
      lastValue = v;
      if (v !== undefined && v !== null && v !== false) return v as T;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const detail = lastError ? `; last error: ${lastError instanceof Error ? lastError.message : String(lastError)}` : '';
      throw new TimeoutError(`Timed out after ${timeout} ms waiting for ${opts.what ?? 'a condition'}${detail}`, lastValue, lastError);
    }
    await delay(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
}

/** The pause between two probes of `waitFor`; not to be used as a wait on its own. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
