#!/usr/bin/env node
/*
 * npm test: every check the project has, in order, each counted:
 *   1. lint         office-addin-lint check (ESLint + Office add-in rules + Prettier)
 *   2. typecheck    tsc --noEmit -p tsconfig.json
 *   3. core purity  tsc -p tsconfig.core.json (src/core uses no DOM, Office or Node)
 *   4. build        webpack --mode production (the bundle and browser tests need dist/)
 *   5. build cli    scripts/build-cli.js (build/tips.js, which bin/tips.js runs)
 *   6. jest         the tests; each test counts once
 * and prints, last and alone, the line `N passed, N failed`. Exit status 1 if anything failed.
 *
 * `npm test -- PATTERN ...` passes the arguments to jest (a path filter, -t NAME, ...): all the
 * checks still run, only the matching tests. `npm run test:unit` runs jest alone.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { turnUsageDataOff } = require("./usage-data-off");

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "node_modules", ".bin");
const LINT_FILES = "{src,test,bench,scripts}/**/*.{ts,js}";

let passed = 0;
let failed = 0;

function tool(name) {
  return path.join(BIN, process.platform === "win32" ? `${name}.cmd` : name);
}

/** Run one command, its output going straight through; whether it succeeded. */
function run(label, command, args) {
  console.log(`\n> ${label}: ${[path.basename(command), ...args].join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: "inherit",
    shell: process.platform === "win32",
    env: process.env,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0 && !result.error;
  const why = result.error
    ? ` (${result.error.message})`
    : ` (exit ${result.status ?? result.signal})`;
  console.log(`${ok ? "ok" : "FAILED"}: ${label} in ${seconds} s${ok ? "" : why}`);
  return ok;
}

/** Run one command as one check. */
function check(label, command, args) {
  if (run(label, command, args)) passed++;
  else failed++;
}

/** Count jest's results from its --json report; a suite that failed to run counts as 1 failed. */
function countJest(reportFile, exitedOk) {
  let report;
  try {
    report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
  } catch {
    failed++; // jest crashed before writing its report
    console.log("FAILED: jest wrote no report");
    return;
  }
  passed += report.numPassedTests || 0;
  failed += report.numFailedTests || 0;
  const brokenSuites = (report.testResults || []).filter(
    (suite) => suite.status === "failed" && (suite.assertionResults || []).length === 0
  );
  failed += brokenSuites.length;
  for (const suite of brokenSuites) {
    console.log(`FAILED: ${path.relative(ROOT, suite.name)} did not run`);
  }
  if (!exitedOk && report.numFailedTests === 0 && brokenSuites.length === 0) {
    failed++; // e.g. no tests matched the pattern, or an error outside any suite
    console.log("FAILED: jest exited with an error");
  }
}

function main() {
  // The Office dev tools called below must not send usage data (see scripts/usage-data-off.js).
  turnUsageDataOff();
  const jestArgs = process.argv.slice(2);

  check("lint", tool("office-addin-lint"), ["check", "--files", LINT_FILES]);
  check("typecheck", tool("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
  check("core purity", tool("tsc"), ["-p", "tsconfig.core.json"]);
  check("build", tool("webpack"), ["--mode", "production"]);
  check("build cli", process.execPath, [path.join("scripts", "build-cli.js")]);

  const reportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tips-jest-")), "report.json");
  // Counted by its tests, not as one check.
  const jestOk = run("jest", tool("jest"), ["--json", "--outputFile", reportFile, ...jestArgs]);
  countJest(reportFile, jestOk);
  fs.rmSync(path.dirname(reportFile), { recursive: true, force: true });
}

try {
  main();
} catch (err) {
  failed++;
  console.error(`FAILED: the test runner itself: ${err && err.stack ? err.stack : err}`);
} finally {
  process.exitCode = failed > 0 ? 1 : 0;
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
}
