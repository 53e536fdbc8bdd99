#!/usr/bin/env node
'use strict';
// The bundled command line (server/bundle/, which `npm run build` makes and the
// npm package carries), or in a clone the compiled modules (server/out/, tsc -b).
const fs = require('node:fs');
const path = require('node:path');
const entry = [path.join(__dirname, '../server/bundle/cli.js'), path.join(__dirname, '../server/out/cli/main.js')].find((f) => fs.existsSync(f));
if (entry === undefined) {
  process.stderr.write("fact-notes: the command is not built; run 'npm run build' in its folder first.\n");
  process.exitCode = 2;
} else {
  require(entry).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
