/**
 * Runs Fact Notes under `strace` (the Debian package) and lists the files and
 * folders it opened, for the containment tests (issue 11): nothing outside the
 * root may be opened, beyond what the program opens to start at all.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './core';

export const BIN = path.join(REPO_ROOT, 'bin', 'fact-notes.js');

/** Whether `strace` can trace a child here (installed, and ptrace allowed). */
export function straceWorks(): boolean {
  if (process.platform !== 'linux') return false;
  return spawnSync('strace', ['-f', '-qq', '-e', 'trace=openat', '-o', '/dev/null', 'true']).status === 0;
}

/** The `strace` arguments that log every open of the command that follows to `log`. */
export function straceArgs(log: string): string[] {
  // Every call that opens a path; folders are opened (openat with O_DIRECTORY) to be listed.
  return ['-f', '-qq', '-e', 'trace=open,openat,openat2,creat', '-e', 'signal=none', '-o', log];
}

export interface Opened {
  readonly path: string;
  readonly call: string;
  /** Whether the call succeeded. */
  readonly ok: boolean;
}

/** Every path opened (or tried) in a log, made absolute against `cwd`. */
export function openedPaths(log: string, cwd: string): Opened[] {
  const out: Opened[] = [];
  for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
    // 1234  openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3
    const m = /^\d+\s+(open|openat|openat2|creat)\((?:AT_FDCWD, |\d+, )?"((?:[^"\\]|\\.)*)".*\)\s+=\s+(-?\d+)/.exec(line);
    if (!m) continue;
    const raw = m[2].replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))).replace(/\\(.)/g, '$1');
    out.push({ call: m[1], path: path.resolve(cwd, raw), ok: Number(m[3]) >= 0 });
  }
  return out;
}

/** What the program opens to start (node, its libraries, the program's own files): `fact-notes --version`. */
export function startupPaths(work: string): Set<string> {
  const log = path.join(work, 'startup.strace');
  const r = spawnSync('strace', [...straceArgs(log), process.execPath, BIN, '--version'], { cwd: work, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`strace fact-notes --version failed: ${r.stderr}`);
  return new Set(openedPaths(log, work).map((o) => o.path));
}

/**
 * The opens in `opened` outside `root` (by real path) that are neither the
 * program's own files (node's executable included) nor what it opens to
 * start, nor the kernel's /proc and /sys (node reads its memory limits there).
 */
export function outside(opened: readonly Opened[], root: string, startup: ReadonlySet<string>): Opened[] {
  const realRoot = fs.realpathSync(root);
  const within = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  };
  return opened.filter((o) => {
    if (within(o.path, realRoot) && within(real(o.path), realRoot)) return false;
    if (startup.has(o.path) || within(o.path, REPO_ROOT)) return false;
    // Node itself: at start it sometimes reads its own executable after /proc/self/maps, and
    // sometimes not (seen once in a full run: the baseline without it, a check with it).
    if (o.path === process.execPath || o.path === real(process.execPath)) return false;
    return !/^\/(?:proc|sys)\//.test(o.path);
  });
}
