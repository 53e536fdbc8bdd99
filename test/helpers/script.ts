/** The entry point of a suite run as a script (`npm run drift`, `npm run fuzz`). */

/** Runs `main`: its answer is the exit status; a failure of the suite itself is reported and exits with 2. */
export function runMain(name: string, main: () => Promise<number>): void {
  main().then(
    (status) => {
      process.exitCode = status;
    },
    (e: unknown) => {
      process.stderr.write(`${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
