/**
 * The framing of LSP messages on standard input, checked before the
 * library's reader sees it: that reader waits forever for input it cannot
 * frame (a Content-Length of "abc", -5 or 2^53, a header that never ends).
 * A message is header lines `Name: value` ended by CRLF, an empty line, then
 * exactly Content-Length bytes. Input that breaks this, or ends in the middle
 * of a message, ends the stream with an error saying how; the bytes
 * themselves pass through unchanged.
 */
import { Transform, type TransformCallback } from 'node:stream';

/**
 * The largest message accepted: far above any document an editor sends (VS
 * Code does not send files over 50 MB to extensions), and below the longest
 * string V8 can decode a message into (512 MiB).
 */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/** The longest header section; an LSP client sends about 30 bytes (at most two headers). */
export const MAX_HEADER_BYTES = 4096;

const CR = 0x0d;
const LF = 0x0a;
/** Characters of a header name (an HTTP token). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;

const enum State {
  /** At the start of a header line, or of the empty line that ends the headers. */
  LineStart,
  Name,
  Value,
  /** After the CR that ends a header line. */
  LineEnd,
  /** After the CR of the empty line. */
  HeadersEnd,
  Body,
}

export class FramingError extends Error {}

export class FrameCheck extends Transform {
  private state = State.LineStart;
  private headerBytes = 0;
  private name = '';
  private value = '';
  private contentLength: number | undefined;
  private bodyLeft = 0;

  /**
   * `atEnd`: bytes to append when the input ends between messages (a last
   * message). The stream never emits 'close', so that a connection reading
   * it stays open to answer the messages read before the end.
   */
  constructor(private readonly atEnd = '') {
    super({ autoDestroy: false, emitClose: false });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const problem = this.scan(chunk);
    if (problem) done(new FramingError(problem));
    else done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    const inMessage = this.state !== State.LineStart || this.headerBytes > 0;
    if (inMessage) done(new FramingError('standard input ended in the middle of a message'));
    else done(null, this.atEnd);
  }

  /** Follows the framing through a chunk; returns what is wrong with it, if anything. */
  private scan(chunk: Buffer): string | undefined {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === State.Body) {
        const taken = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= taken;
        i += taken;
        if (this.bodyLeft === 0) this.startHeaders();
        continue;
      }
      const byte = chunk[i++];
      if (++this.headerBytes > MAX_HEADER_BYTES) return `the headers of a message are longer than ${MAX_HEADER_BYTES} bytes`;
      const problem = this.headerByte(byte);
      if (problem) return problem;
    }
    return undefined;
  }

  private headerByte(byte: number): string | undefined {
    const char = String.fromCharCode(byte);
    if (byte === LF && this.state !== State.LineEnd && this.state !== State.HeadersEnd) return 'a message header line ends with LF alone, not CR LF';
    switch (this.state) {
      case State.LineStart:
        if (byte === CR) {
          this.state = State.HeadersEnd;
          return undefined;
        }
        if (!TOKEN.test(char)) return `a message header starts with ${describe(byte)}, not a header name`;
        this.name = char;
        this.state = State.Name;
        return undefined;
      case State.Name:
        if (byte === 0x3a /* : */) {
          this.value = '';
          this.state = State.Value;
        } else if (TOKEN.test(char)) {
          this.name += char;
        } else {
          return `a message header name holds ${describe(byte)}`;
        }
        return undefined;
      case State.Value:
        if (byte === CR) {
          this.state = State.LineEnd;
        } else if (byte === 0x09 || (byte >= 0x20 && byte <= 0x7e)) {
          this.value += char;
        } else {
          return `the message header ${this.name} holds ${describe(byte)}`;
        }
        return undefined;
      case State.LineEnd:
        if (byte !== LF) return `a message header line ends with CR and ${describe(byte)}, not CR LF`;
        this.state = State.LineStart;
        return this.header();
      case State.HeadersEnd:
        if (byte !== LF) return `the headers of a message end with CR and ${describe(byte)}, not CR LF`;
        if (this.contentLength === undefined) return 'a message has no Content-Length header';
        if (this.contentLength === 0) return 'a message has a Content-Length of 0';
        this.bodyLeft = this.contentLength;
        this.state = State.Body;
        return undefined;
      default:
        return undefined;
    }
  }

  /** Takes in a complete header line. */
  private header(): string | undefined {
    if (this.name.toLowerCase() !== 'content-length') return undefined;
    if (this.contentLength !== undefined) return 'a message has two Content-Length headers';
    const value = this.value.trim();
    if (!/^[0-9]+$/.test(value)) return `a Content-Length of ${JSON.stringify(value.slice(0, 40))} is not a number of bytes`;
    if (Number(value) > MAX_MESSAGE_BYTES) return `a Content-Length of ${value.slice(0, 40)} bytes is over the limit of ${MAX_MESSAGE_BYTES}`;
    this.contentLength = Number(value);
    return undefined;
  }

  private startHeaders(): void {
    this.state = State.LineStart;
    this.headerBytes = 0;
    this.contentLength = undefined;
  }
}

function describe(byte: number): string {
  return byte >= 0x21 && byte <= 0x7e ? `'${String.fromCharCode(byte)}'` : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}
