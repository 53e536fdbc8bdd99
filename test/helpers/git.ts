/** Real git repositories for tests, where git is installed. */
import { execFileSync } from 'node:child_process';

/** Whether `git` runs here. */
export function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs git in `cwd` with a fixed author, failing the test when it fails. */
export function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, stdio: 'ignore' });
}
