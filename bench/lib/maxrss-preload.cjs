// Preloaded (node --require) into a measured process when /usr/bin/time is not available:
// writes the process's peak RSS (kB) to $FACT_NOTES_BENCH_RSS_FILE at exit.
'use strict';
const file = process.env.FACT_NOTES_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      require('fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      /* ignore */
    }
  });
}
