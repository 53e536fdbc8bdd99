/**
 * All file access of the core goes through this interface, so that the
 * command line reads the disk, the language server overlays the editor's
 * unsaved texts, and tests can count every read. The real disk is
 * `nodeFileSystem` in server/src/node/fileSystem.ts, outside the core.
 */

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
