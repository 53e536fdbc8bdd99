#!/usr/bin/env node
'use strict';
// The bundled command line (npm run build makes it), or the compiled modules.
const bundled = require('node:path').join(__dirname, '../server/bundle/cli.js');
const { main } = require(require('node:fs').existsSync(bundled) ? bundled : '../server/out/cli/main.js');
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
