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
}

export interface DirectoryEntry {
  readonly name: string;
  readonly isDirectory: boolean;
}

export interface FileSystem {
  /** The path with every symlink followed, or undefined when it does not exist. */
  realpath(path: string): string | undefined;
  /**
   * Whether the path itself is a symbolic link (its folders are not looked
   * at); undefined when it does not exist. Optional: where the names on disk
   * are exactly the names given (Linux), it lets a file's real path be its
   * folder's plus its name, without a full `realpath` of every file.
   */
  isLink?(path: string): boolean | undefined;
  /** Undefined when the path does not exist. */
  stat(path: string): FileStat | undefined;
  readFile(path: string): Uint8Array;
  /** Entries of a directory; empty when it cannot be read. */
  readDirectory(path: string): DirectoryEntry[];
}

/** The real disk. */
export const nodeFileSystem: FileSystem = {
  realpath(path) {
    try {
      return fs.realpathSync.native(path);
    } catch {
      return undefined;
    }
  },
  // Elsewhere file systems may ignore case, and only `realpath` gives the name on disk.
  isLink:
    process.platform === 'linux'
      ? (path) => {
          const s = fs.lstatSync(path, { throwIfNoEntry: false });
          return s === undefined ? undefined : s.isSymbolicLink();
        }
      : undefined,
  stat(path) {
    try {
      const s = fs.statSync(path);
      return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  },
  readFile(path) {
    return fs.readFileSync(path);
  },
  readDirectory(path) {
    try {
      return fs.readdirSync(path, { withFileTypes: true }).map((d) => ({
        name: d.name,
        isDirectory: d.isDirectory() || (d.isSymbolicLink() && isDirectory(`${path}/${d.name}`)),
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
