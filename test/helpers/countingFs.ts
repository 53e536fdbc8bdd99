/** A file system that records every call, around another one (the real disk by default). */
import { nodeFileSystem, type DirectoryEntry, type FileStat, type FileSystem } from './core';

/** `open`: a file opened by readSmallFile; when it gave the bytes, that is a `readFile` too. */
export type FsOperation = 'realpath' | 'stat' | 'open' | 'readFile' | 'readDirectory';

export interface FsCall {
  readonly op: FsOperation;
  readonly path: string;
}

export class CountingFileSystem implements FileSystem {
  readonly calls: FsCall[] = [];

  constructor(private readonly inner: FileSystem = nodeFileSystem) {}

  realpath(p: string): string | undefined {
    this.calls.push({ op: 'realpath', path: p });
    return this.inner.realpath(p);
  }

  stat(p: string): FileStat | undefined {
    this.calls.push({ op: 'stat', path: p });
    return this.inner.stat(p);
  }

  readFile(p: string): Uint8Array {
    this.calls.push({ op: 'readFile', path: p });
    return this.inner.readFile(p);
  }

  readSmallFile(p: string, maxBytes: number): Uint8Array | undefined {
    if (!this.inner.readSmallFile) return undefined;
    this.calls.push({ op: 'open', path: p });
    const bytes = this.inner.readSmallFile(p, maxBytes);
    if (bytes) this.calls.push({ op: 'readFile', path: p });
    return bytes;
  }

  readDirectory(p: string): DirectoryEntry[] {
    this.calls.push({ op: 'readDirectory', path: p });
    return this.inner.readDirectory(p);
  }

  /** Paths passed to one operation, in call order. */
  paths(op: FsOperation): string[] {
    return this.calls.filter((c) => c.op === op).map((c) => c.path);
  }

  /** How many times an operation was called on a path. */
  count(op: FsOperation, p: string): number {
    return this.calls.filter((c) => c.op === op && c.path === p).length;
  }
}
