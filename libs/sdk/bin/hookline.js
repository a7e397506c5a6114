#!/usr/bin/env node
// The `hookline` command of the installed package (built into dist/ by build.mjs).
require('../dist/cli/main.js').main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`hookline: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
