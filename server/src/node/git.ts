/**
 * Running `git` for the core's {@link GitHistory} (the source's version at
 * `HEAD`, evidence for repairs): the core never starts a process itself.
 */
import { execFileSync } from 'node:child_process';
import type { GitRunner } from '../core';

export const runGit: GitRunner = (cwd, args) => {
  try {
    return execFileSync('git', [...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' },
    });
  } catch {
    return undefined;
  }
};
