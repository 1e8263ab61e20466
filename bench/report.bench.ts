/**
 * `tips report` on a 100,000-row workbook, against the floor of only reading that file
 * (unzip + the log sheet's cells), measured in the same run. Targets: report <= 1.5x the read;
 * peak memory < 1 GB.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadQuarterly } from "../src/app/quarterly";
import { sampleLog } from "../src/app/sample";
import { parsePeriod } from "../src/core/period";
import { logSheet, prospectiveSheet, reportSheet } from "../src/workbook/seed-layout";
import { LOG_SHEET } from "../src/workbook/layout";
import { XlsxAdapter } from "../src/workbook/xlsx-adapter";
import { openWorkbook } from "../src/workbook/xlsx";

const ROWS = 100_000;
const RUNS = 5;
const TARGET_RATIO = 1.5;
const TARGET_PEAK_MB = 1024;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

let peak = 0;
const sample = (): void => {
  peak = Math.max(peak, process.memoryUsage().rss);
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tips-bench-"));
  try {
    const period = parsePeriod("FY2007 Q3");
    const book = XlsxAdapter.blank();
    await book.addSheet(reportSheet(period, "SAC Bench"));
    await book.addSheet(logSheet(sampleLog(period, ROWS, 7)));
    await book.addSheet(prospectiveSheet());
    const file = join(dir, "bench.xlsx");
    writeFileSync(file, book.save());
    const size = readFileSync(file).length;
    console.log(`report bench: ${ROWS} log rows, ${(size / 1e6).toFixed(1)} MB file`);

    const timer = setInterval(sample, 5);
    const reads: number[] = [];
    const reports: number[] = [];
    let figure = 0;
    for (let i = 0; i < RUNS; i++) {
      // Alternate, so that neither gets the warmer machine.
      let t = performance.now();
      const wb = openWorkbook(readFileSync(file));
      const grid = wb.readSheet(LOG_SHEET);
      figure += grid.rows;
      reads.push(performance.now() - t);
      sample();

      t = performance.now();
      const q = await loadQuarterly(XlsxAdapter.fromBytes(readFileSync(file)), {});
      figure += q.report.figures.cumulative["le.local"];
      reports.push(performance.now() - t);
      sample();
    }
    clearInterval(timer);
    const read = median(reads);
    const report = median(reports);
    const ratio = report / read;
    const peakMb = peak / 2 ** 20;
    console.log(`  read only (floor): ${read.toFixed(0)} ms (median of ${RUNS})`);
    console.log(`  report:            ${report.toFixed(0)} ms (median of ${RUNS})`);
    console.log(
      `  ratio report/read: ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x) ${ratio <= TARGET_RATIO ? "MET" : "NOT MET"}`
    );
    console.log(
      `  peak memory (rss): ${peakMb.toFixed(0)} MB (target < ${TARGET_PEAK_MB} MB) ${peakMb < TARGET_PEAK_MB ? "MET" : "NOT MET"}`
    );
    if (figure < 0) console.log(figure); // keep the work observable
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
