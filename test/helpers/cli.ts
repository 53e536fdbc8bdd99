/** Running the command line in-process with captured output. */
import { run, type CliIO } from './core';

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `fact-notes ARGV` in `cwd` on the real disk, capturing its output;
 * `terminal` and `env` say what standard output is and what the environment
 * holds (by default: not a terminal, and no NO_COLOR or FORCE_COLOR).
 */
export async function runCli(argv: readonly string[], cwd: string, place: Pick<CliIO, 'terminal' | 'env'> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const status = await run(argv, {
    cwd,
    ...place,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { status, stdout, stderr };
}
