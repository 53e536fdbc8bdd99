/**
 * All file access of the core goes through this interface, so that the
 * command line reads the disk, the language server overlays the editor's
 * unsaved texts, and tests can count every read.
 */
import * as fs from 'node:fs';

export interface FileStat {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly size: number;
  /** Last modification, in milliseconds since the epoch. */
  readonly mtimeMs: number;
  /** What a file that is neither a regular file nor a folder is, when the file system tells. */
  readonly special?: 'named pipe' | 'socket' | 'device';
}

export interface DirectoryEntry {
  readonly name: string;
  /** A folder, or a link to one. */
  readonly isDirectory: boolean;
  /** A regular file itself, not a link to one (when the file system tells). */
  readonly isFile?: boolean;
}

export interface FileSystem {
  /** The path with every symlink followed, or undefined when it does not exist. */
  realpath(path: string): string | undefined;

  /** Undefined when the path does not exist. */
  stat(path: string): FileStat | undefined;
  readFile(path: string): Uint8Array;
  /**
   * The bytes of a regular file of at most `maxBytes`, read at once (one
   * open, not a stat and then a read); undefined for anything else, which
   * {@link stat} and {@link readFile} then tell about. Optional.
   */
  readSmallFile?(path: string, maxBytes: number): Uint8Array | undefined;
  /** Entries of a directory; empty when it cannot be read. */
  readDirectory(path: string): DirectoryEntry[];
}

/** The real disk. */
export const nodeFileSystem: FileSystem = {
  realpath(path) {
    // Missing paths are common (citations of files not there); asking first avoids a thrown error.
    if (!fs.existsSync(path)) return undefined;
    try {
      return fs.realpathSync.native(path);
    } catch {
      return undefined;
    }
  },
  stat(path) {
    try {
      const s = fs.statSync(path);
      const special = s.isFIFO() ? 'named pipe' : s.isSocket() ? 'socket' : s.isCharacterDevice() || s.isBlockDevice() ? 'device' : undefined;
      return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size, mtimeMs: s.mtimeMs, ...(special && { special }) };
    } catch {
      return undefined;
    }
  },
  readFile(path) {
    return fs.readFileSync(path);
  },
  readSmallFile(path, maxBytes) {
    let fd: number;
    try {
      // Non-blocking, so that opening a FIFO does not wait for a writer (it is then refused below).
      fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    } catch {
      return undefined;
    }
    try {
      const s = fs.fstatSync(fd);
      if (!s.isFile() || s.size > maxBytes) return undefined;
      const bytes = Buffer.allocUnsafe(s.size);
      let at = 0;
      for (let n = -1; at < s.size && n !== 0; at += n) n = fs.readSync(fd, bytes, at, s.size - at, at);
      return at === s.size ? bytes : bytes.subarray(0, at);
    } catch {
      return undefined;
    } finally {
      fs.closeSync(fd);
    }
  },
  readDirectory(path) {
    try {
      return fs.readdirSync(path, { withFileTypes: true }).map((d) => ({
        name: d.name,
        isDirectory: d.isDirectory() || (d.isSymbolicLink() && isDirectory(`${path}/${d.name}`)),
        isFile: d.isFile(),
      }));
    } catch {
      return [];
    }
  },
};

function isDirectory(path: string): boolean {
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}
