/**
 * Writing the user's files: atomically (a temporary file renamed over the
 * old one, so a crash leaves the old file or the new one, never half of
 * either), and what went wrong in plain words.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A failed write or permission check in plain words (the sheet's file, or the folder the temporary file goes in). */
export function writeFailure(e: unknown, where: 'file' | 'folder'): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'EACCES':
      return where === 'folder' ? 'the folder is read-only for you (permission denied)' : 'you may not change the file (permission denied)';
    case 'EPERM':
      return `the ${where} is locked against changes (the system does not permit it)`;
    case 'EROFS':
      return 'the disk it is on is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'your disk quota is used up';
    case 'ENOENT':
      return 'the file no longer exists';
    default:
      return `it could not be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message ?? String(e)})`;
  }
}

/**
 * Writes a file through a temporary file renamed over it, keeping its mode.
 * A symlinked sheet is written at its target, so the link stays a link.
 * On failure the file is as it was and no temporary file is left.
 */
export function writeAtomically(file: string, data: Uint8Array, mayBeNew = false): void {
  const exists = fs.existsSync(file);
  if (!exists && !mayBeNew) throw Object.assign(new Error(`${file} no longer exists`), { code: 'ENOENT' });
  const target = exists ? fs.realpathSync(file) : file;
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  const mode = exists ? fs.statSync(target).mode & 0o7777 : 0o644;
  try {
    fs.writeFileSync(tmp, data, { mode });
    fs.chmodSync(tmp, mode); // the umask may have narrowed it
    const fd = fs.openSync(tmp, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing was created where nothing can be removed.
    }
    throw e;
  }
}
