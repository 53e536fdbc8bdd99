/**
 * The real disk as the core's {@link FileSystem}: the one place that reads
 * files with node:fs for the checks (the command line's own reading and
 * writing of sheets and its cache file aside).
 */
import * as fs from 'node:fs';
import type { FileSystem } from '../core';

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
