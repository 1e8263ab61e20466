#!/usr/bin/env node
// The package's `tips` command: the bundle that `npm ci` (the `prepare` script) and
// `npm run build:cli` build from src/cli with esbuild (scripts/build-cli.js).
let bundle;
try {
  bundle = require("../build/tips.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes("build/tips.js")) {
    process.stderr.write("tips: the command is not built yet: run `npm run build:cli` first.\n");
    process.exit(2);
  }
  throw e;
}
bundle.main(process.argv.slice(2));
