#!/usr/bin/env node
/*
 * npm run build:cli (and `prepare`, so `npm ci` runs it): bundle the `tips` command
 * (src/cli/main.ts and everything it imports) into build/tips.js with esbuild, which
 * bin/tips.js runs. One plain JavaScript file: no TypeScript compiled at start, one file read.
 * Node 20 is the target (package.json "engines").
 */
const path = require("path");
const esbuild = require("esbuild");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "build", "tips.js");

esbuild
  .build({
    absWorkingDir: ROOT,
    entryPoints: ["src/cli/main.ts"],
    outfile: OUT,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // A stack trace of a bug still names the TypeScript source line (node --enable-source-maps).
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
  })
  .catch(() => {
    process.exitCode = 1;
  });
