/**
 * `tips report` as a user waits for it, two ways, each against a baseline in the same run:
 *
 *   process     the whole command, `node bin/tips.js report FILE` (the built bundle: process
 *               start, module load, read, check, tally, print) on a 20,000-row workbook, against
 *               LibreOffice opening the same file (`soffice --headless --convert-to csv`, its own
 *               profile folder, warmed up once). Target: tips <= 0.5x LibreOffice.
 *   in-process  loadQuarterly on a 100,000-row workbook, against the floor of only reading that
 *               file (unzip + the log sheet's cells). Targets: report <= 1.5x the read; peak
 *               memory < 1 GB.
 *
 * Wall time, median of 5, the two sides alternating. Exit status 1 if a target is NOT MET.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
const PROCESS_ROWS = 20_000;
const TARGET_VS_LIBREOFFICE = 0.5;
const ROOT = join(__dirname, "..");
const BIN = join(ROOT, "bin", "tips.js");
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

/** A workbook in the seed's layout with a sample log of `rows` rows, written to `file`. */
export async function writeSample(file: string, rows: number): Promise<number> {
  const period = parsePeriod("FY2007 Q3");
  const book = XlsxAdapter.blank();
  await book.addSheet(reportSheet(period, "SAC Bench"));
  await book.addSheet(logSheet(sampleLog(period, rows, 7)));
  await book.addSheet(prospectiveSheet());
  writeFileSync(file, book.save());
  return readFileSync(file).length;
}

/** Wall time of one process, in ms; throws when it fails. */
function processMs(command: string, args: string[]): number {
  const t = performance.now();
  const r = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const ms = performance.now() - t;
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(" ")}: exit ${r.status}: ${r.stderr}`);
  return ms;
}

/** `node bin/tips.js report FILE` against LibreOffice opening FILE, alternating. */
async function processBench(dir: string): Promise<boolean> {
  if (!existsSync(join(ROOT, "build", "tips.js"))) {
    console.log(
      "  process: build/tips.js is not built: run npm run build:cli (npm run bench does)."
    );
    return false;
  }
  const file = join(dir, "process.xlsx");
  const size = await writeSample(file, PROCESS_ROWS);
  const profile = `file://${join(dir, "lo-profile")}`;
  const soffice = [
    `-env:UserInstallation=${profile}`,
    "--headless",
    "--convert-to",
    "csv",
    "--outdir",
    join(dir, "csv"),
    file,
  ];
  console.log(
    `report bench (process): ${PROCESS_ROWS} log rows, ${(size / 1e6).toFixed(1)} MB file, node bin/tips.js report vs soffice --headless --convert-to csv`
  );
  processMs("soffice", soffice); // the profile folder is made on the first start
  processMs(process.execPath, [BIN, "report", file]);
  const tips: number[] = [];
  const office: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    tips.push(processMs(process.execPath, [BIN, "report", file]));
    office.push(processMs("soffice", soffice));
  }
  const t = median(tips);
  const lo = median(office);
  const ratio = t / lo;
  console.log(
    `  node bin/tips.js report FILE:  ${t.toFixed(0)} ms (median of ${RUNS}, whole process)`
  );
  console.log(
    `  LibreOffice opening FILE:      ${lo.toFixed(0)} ms (median of ${RUNS}, whole process)`
  );
  console.log(
    `ratio tips-report/libreoffice: ${t.toFixed(0)} ms / ${lo.toFixed(0)} ms = ${ratio.toFixed(2)}  (target <= ${TARGET_VS_LIBREOFFICE}x) ${ratio <= TARGET_VS_LIBREOFFICE ? "MET" : "NOT MET"}`
  );
  return ratio <= TARGET_VS_LIBREOFFICE;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tips-bench-"));
  try {
    if (!(await processBench(dir))) process.exitCode = 1;
    const file = join(dir, "bench.xlsx");
    const size = await writeSample(file, ROWS);
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
    if (ratio > TARGET_RATIO || peakMb >= TARGET_PEAK_MB) process.exitCode = 1;
    if (figure < 0) console.log(figure); // keep the work observable
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module)
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
