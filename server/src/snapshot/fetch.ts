/**
 * Fetches a web page or PDF for a snapshot with Node's own `fetch`: redirects
 * followed, the whole answer within a time limit, the body cut off at a size
 * limit as it arrives, and every failure one plain reason (the host name not
 * found, the server's status, too slow, too big).
 */

export interface FetchOptions {
  /** The whole answer, body included, in this many milliseconds. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Stops the fetch (a cancelled editor command). */
  readonly signal?: AbortSignal;
  readonly userAgent: string;
}

export interface Fetched {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  /** Where the redirects led. */
  readonly url: string;
}

/** A fetch that failed; `reason` follows the URL and a colon. */
export class FetchFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The user cancelled. */
export class Cancelled extends Error {}

export async function fetchSource(url: URL, options: FetchOptions): Promise<Fetched> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchFailed(`only http and https addresses can be fetched, not ${url.protocol.replace(/:$/, '')}`);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const seconds = `${Math.round(options.timeoutMs / 100) / 10} seconds`;
  const failed = (e: unknown): Error => {
    if (options.signal?.aborted) return new Cancelled('cancelled');
    if (timeout.aborted) return new FetchFailed(`no complete answer within ${seconds}`);
    return e instanceof FetchFailed ? e : new FetchFailed(networkReason(e, url));
  };
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'follow',
      signal,
      headers: { 'user-agent': options.userAgent, accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.1' },
    });
  } catch (e) {
    throw failed(e);
  }
  try {
    if (!response.ok) throw new FetchFailed(`the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > options.maxBytes) throw new FetchFailed(`it is ${megabytes(declared)}, over the ${megabytes(options.maxBytes)} limit`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > options.maxBytes) throw new FetchFailed(`it is over the ${megabytes(options.maxBytes)} limit`);
        chunks.push(chunk);
      }
    }
    return { bytes: Buffer.concat(chunks), contentType: response.headers.get('content-type') ?? '', url: response.url || url.href };
  } catch (e) {
    await response.body?.cancel().catch(() => undefined);
    throw failed(e);
  }
}

function networkReason(e: unknown, url: URL): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (e as { code?: string }).code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `the host name "${url.hostname}" could not be found`;
    case 'ECONNREFUSED':
      return `the server at "${url.host}" refused the connection`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the server closed the connection before it had answered';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `the server at "${url.host}" could not be reached`;
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `its certificate could not be trusted (${code})`;
  }
  const message = cause?.message ?? (e as Error).message ?? String(e);
  if (/redirect count exceeded/i.test(message)) return 'it redirects too many times';
  return `it could not be fetched (${message})`;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
