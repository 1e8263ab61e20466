#!/usr/bin/env node
/*
 * npm run bench [-- NAME ...]: run every bench/*.bench.ts (or those whose file name contains one
 * of the NAMEs), one after another, each in its own Node process (TypeScript through tsx,
 * --expose-gc, a large heap), passing its output through. Each bench measures its own baseline
 * in the same run and prints its ratios and peak memory (see bench/README.md); this runner only
 * builds what the benches run (dist/ by webpack, build/tips.js by scripts/build-cli.js: the
 * functions bench loads the built functions bundle, the report bench runs the built command),
 * runs them and says which crashed or missed a target. Exit status 1 if any did.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const BENCH_DIR = path.join(ROOT, "bench");
const HEAP_MB = 8192;
const OPT_IN = ["sizes.bench.ts"];

const filters = process.argv.slice(2);
const benches = (fs.existsSync(BENCH_DIR) ? fs.readdirSync(BENCH_DIR) : [])
  .filter((f) => f.endsWith(".bench.ts"))
  // sizes.bench.ts (minutes, GBs) runs only when named: npm run bench -- sizes
  .filter((f) =>
    filters.length === 0 ? !OPT_IN.includes(f) : filters.some((name) => f.includes(name))
  )
  .sort();

if (benches.length === 0) {
  console.log(filters.length ? `No bench matches ${filters.join(", ")}.` : "No benches in bench/.");
  process.exit(filters.length ? 1 : 0);
}

for (const [what, args] of [
  [
    "dist/ (webpack --mode production)",
    [path.join("node_modules", "webpack", "bin", "webpack.js"), "--mode", "production"],
  ],
  ["build/tips.js", [path.join("scripts", "build-cli.js")]],
]) {
  console.log(`=== building ${what}`);
  const built = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (built.status !== 0) {
    console.log(`=== building ${what} failed (exit ${built.status})`);
    process.exit(1);
  }
}

const crashed = [];
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    // `--import tsx` (not the tsx CLI, which would drop these flags in its child process).
    ["--import", "tsx", "--expose-gc", `--max-old-space-size=${HEAP_MB}`, path.join("bench", file)],
    { cwd: ROOT, stdio: "inherit" }
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    console.log(`=== ${file}: done in ${seconds} s`);
  } else {
    crashed.push(file);
    const how = result.error ? result.error.message : `exit ${result.status ?? result.signal}`;
    console.log(`=== ${file}: CRASHED or a target NOT MET (${how}) after ${seconds} s`);
  }
}

console.log(
  `\n${benches.length - crashed.length} of ${benches.length} benches finished` +
    (crashed.length ? `; crashed or NOT MET: ${crashed.join(", ")}` : "")
);
process.exitCode = crashed.length ? 1 : 0;
