#!/usr/bin/env node
// The package's `tips` command. It runs the TypeScript sources through tsx, so a fresh clone
// needs no build step: `npm ci` and it works.
require("tsx/cjs");
const { run } = require("../src/cli/main.ts");

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`tips: internal error (please report it): ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 2;
  },
);
