/**
 * Scale, for the README's "Sizes": the whole command as a user runs it (`node bin/tips.js`, the
 * built bundle), its wall time and peak memory (rss, the kernel's peak):
 *
 *   report       `tips report FILE` on logs of 2,000, 100,000 and 1,048,575 rows (with the header
 *                row, Excel's limit of 1,048,576 rows);
 *   consolidate  `tips consolidate DIR --period P --out N` on 100 returns of 2,000 rows and on
 *                1,000 returns of 1,000 rows (the Combined Log must fit on one sheet: 1,000,000
 *                rows; 1,000 x 2,000 would not).
 *
 * Not run by a plain `npm run bench` (minutes, several GB while making the files): run it with
 * `npm run bench -- sizes`. One run per size; the figures are for the order of magnitude.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sampleLog } from "../src/app/sample";
import { parsePeriod } from "../src/core/period";
import { SETTING } from "../src/core/settings";
import { logSheet, prospectiveSheet, reportSheet } from "../src/workbook/seed-layout";
import { XlsxAdapter } from "../src/workbook/xlsx-adapter";
import { writeSample } from "./report.bench";

const ROOT = join(__dirname, "..");
const BIN = join(ROOT, "bin", "tips.js");
const PEAK = join(__dirname, "peak-rss.js");
const PERIOD = "FY2007 Q3";
const REPORT_ROWS = [2_000, 100_000, 1_048_575];
const RETURNS: [number, number][] = [
  [100, 2_000],
  [1_000, 1_000],
];

/** One whole `tips` process: wall seconds, peak rss in MB, exit code. */
function tips(args: string[]): { s: number; mb: number; code: number | null } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ["--require", PEAK, BIN, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const s = (performance.now() - t) / 1000;
  const kb = Number(/peak-rss-kb (\d+)\s*$/.exec(r.stderr)?.[1] ?? NaN);
  if (r.status !== 0 && r.status !== 1) console.log(r.stderr.slice(0, 2000));
  return { s, mb: kb / 1024, code: r.status };
}

async function makeReturns(dir: string, count: number, rows: number): Promise<void> {
  const period = parsePeriod(PERIOD);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const office = `SAC Bench ${String(i + 1).padStart(4, "0")}`;
    const book = XlsxAdapter.blank();
    await book.addSheet(reportSheet(period, office));
    await book.addSheet(logSheet(sampleLog(period, rows, 1000 + i)));
    await book.addSheet(prospectiveSheet());
    await book.setSetting(SETTING.office, office);
    writeFileSync(join(dir, `return-${String(i + 1).padStart(4, "0")}.xlsx`), book.save());
  }
}

async function main(): Promise<void> {
  const root = join(__dirname, ".out", `sizes-${process.pid}`);
  mkdirSync(root, { recursive: true });
  try {
    for (const rows of REPORT_ROWS) {
      const file = join(root, `log-${rows}.xlsx`);
      const size = await writeSample(file, rows);
      const r = tips(["report", file]);
      console.log(
        `size report ${rows} rows (${(size / 1e6).toFixed(1)} MB file): ${r.s.toFixed(1)} s, peak rss ${r.mb.toFixed(0)} MB, exit ${r.code}`
      );
      rmSync(file, { force: true });
      (globalThis as { gc?: () => void }).gc?.();
    }
    for (const [count, rows] of RETURNS) {
      const dir = join(root, `returns-${count}`);
      await makeReturns(dir, count, rows);
      const out = join(root, `national-${count}.xlsx`);
      const r = tips(["consolidate", dir, "--period", PERIOD, "--out", out]);
      const outMb = statSync(out, { throwIfNoEntry: false })?.size ?? 0;
      console.log(
        `size consolidate ${count} returns x ${rows} rows: ${r.s.toFixed(1)} s, peak rss ${r.mb.toFixed(0)} MB, exit ${r.code}, national workbook ${(outMb / 1e6).toFixed(0)} MB`
      );
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
