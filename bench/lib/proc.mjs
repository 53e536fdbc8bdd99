// Run a Node script as a fresh process and measure its wall time and peak memory.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TIME = '/usr/bin/time';
const HAVE_TIME = existsSync(TIME);
const PRELOAD = fileURLToPath(new URL('./maxrss-preload.cjs', import.meta.url));

export const memoryMethod = HAVE_TIME ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS (preload)';

/**
 * node <args...> in a fresh process. Resolves {ms, maxRssKB, code, signal, stdout, stderr}.
 * ms is the wall time from spawn to exit as seen by this process.
 */
export function runNode(args, { cwd, env, timeoutMs = 600_000 } = {}) {
  let cmd = process.execPath;
  let argv = args;
  let rssFile = null;
  let tmp = null;
  const childEnv = { ...process.env, ...env };
  if (HAVE_TIME) {
    cmd = TIME;
    argv = ['-v', process.execPath, ...args];
  } else {
    tmp = mkdtempSync(join(tmpdir(), 'fn-bench-rss-'));
    rssFile = join(tmp, 'rss');
    childEnv.FACT_NOTES_BENCH_RSS_FILE = rssFile;
    argv = ['--require', PRELOAD, ...args];
  }
  return new Promise((resolve, reject) => {
    const out = [];
    const err = [];
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      let stderr = Buffer.concat(err).toString('utf8');
      let maxRssKB = null;
      if (HAVE_TIME) {
        const i = stderr.lastIndexOf('\tCommand being timed:');
        const report = i >= 0 ? stderr.slice(i) : '';
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
        if (m) maxRssKB = Number(m[1]);
        const st = /Exit status: (\d+)/.exec(report);
        if (st && code !== null) code = Number(st[1]);
        const sig = /Command terminated by signal (\d+)/.exec(stderr);
        if (sig) signal = `signal ${sig[1]}`;
        if (i >= 0) stderr = stderr.slice(0, i).replace(/Command (exited with non-zero status \d+|terminated by signal \d+)\n$/, '');
      } else {
        try {
          maxRssKB = Number(readFileSync(rssFile, 'utf8'));
        } catch {
          /* the process died before exit handlers ran */
        }
        rmSync(tmp, { recursive: true, force: true });
      }
      resolve({ ms, maxRssKB, code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

/** VmRSS / VmHWM of a live process, in MB (Linux /proc); nulls elsewhere. */
export function procMemoryMB(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => {
      const m = new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s);
      return m ? Number(m[1]) / 1024 : null;
    };
    return { rssMB: kb('VmRSS'), hwmMB: kb('VmHWM') };
  } catch {
    return { rssMB: null, hwmMB: null };
  }
}
